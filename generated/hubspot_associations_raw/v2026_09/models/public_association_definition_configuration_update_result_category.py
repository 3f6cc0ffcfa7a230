# DO NOT EDIT: spec/2026-09/build.toml -> scripts/build-spec -> spec/2026-09/ -> scripts/regenerate -> here.
from typing import Literal

PublicAssociationDefinitionConfigurationUpdateResultCategory = Literal[
    "HUBSPOT_DEFINED", "INTEGRATOR_DEFINED", "USER_DEFINED", "WORK"
]

PUBLIC_ASSOCIATION_DEFINITION_CONFIGURATION_UPDATE_RESULT_CATEGORY_VALUES: set[
    PublicAssociationDefinitionConfigurationUpdateResultCategory
] = {
    "HUBSPOT_DEFINED",
    "INTEGRATOR_DEFINED",
    "USER_DEFINED",
    "WORK",
}


def check_public_association_definition_configuration_update_result_category(
    value: str,
) -> PublicAssociationDefinitionConfigurationUpdateResultCategory:
    if (
        value
        in PUBLIC_ASSOCIATION_DEFINITION_CONFIGURATION_UPDATE_RESULT_CATEGORY_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PUBLIC_ASSOCIATION_DEFINITION_CONFIGURATION_UPDATE_RESULT_CATEGORY_VALUES!r}"
    )
