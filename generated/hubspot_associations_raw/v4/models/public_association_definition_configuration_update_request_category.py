# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
from typing import Literal

PublicAssociationDefinitionConfigurationUpdateRequestCategory = Literal[
    "HUBSPOT_DEFINED", "INTEGRATOR_DEFINED", "USER_DEFINED", "WORK"
]

PUBLIC_ASSOCIATION_DEFINITION_CONFIGURATION_UPDATE_REQUEST_CATEGORY_VALUES: set[
    PublicAssociationDefinitionConfigurationUpdateRequestCategory
] = {
    "HUBSPOT_DEFINED",
    "INTEGRATOR_DEFINED",
    "USER_DEFINED",
    "WORK",
}


def check_public_association_definition_configuration_update_request_category(
    value: str,
) -> PublicAssociationDefinitionConfigurationUpdateRequestCategory:
    if (
        value
        in PUBLIC_ASSOCIATION_DEFINITION_CONFIGURATION_UPDATE_REQUEST_CATEGORY_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PUBLIC_ASSOCIATION_DEFINITION_CONFIGURATION_UPDATE_REQUEST_CATEGORY_VALUES!r}"
    )
