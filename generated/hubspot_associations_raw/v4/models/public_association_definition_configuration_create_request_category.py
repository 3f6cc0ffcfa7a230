# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
from typing import Literal

PublicAssociationDefinitionConfigurationCreateRequestCategory = Literal[
    "HUBSPOT_DEFINED", "INTEGRATOR_DEFINED", "USER_DEFINED", "WORK"
]

PUBLIC_ASSOCIATION_DEFINITION_CONFIGURATION_CREATE_REQUEST_CATEGORY_VALUES: set[
    PublicAssociationDefinitionConfigurationCreateRequestCategory
] = {
    "HUBSPOT_DEFINED",
    "INTEGRATOR_DEFINED",
    "USER_DEFINED",
    "WORK",
}


def check_public_association_definition_configuration_create_request_category(
    value: str,
) -> PublicAssociationDefinitionConfigurationCreateRequestCategory:
    if (
        value
        in PUBLIC_ASSOCIATION_DEFINITION_CONFIGURATION_CREATE_REQUEST_CATEGORY_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PUBLIC_ASSOCIATION_DEFINITION_CONFIGURATION_CREATE_REQUEST_CATEGORY_VALUES!r}"
    )
