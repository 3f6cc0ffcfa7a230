# DO NOT EDIT: spec/2026-09/build.toml -> scripts/build-spec -> spec/2026-09/ -> scripts/regenerate -> here.
from typing import Literal

PublicAssociationDefinitionUserConfigurationCategory = Literal[
    "HUBSPOT_DEFINED", "INTEGRATOR_DEFINED", "USER_DEFINED", "WORK"
]

PUBLIC_ASSOCIATION_DEFINITION_USER_CONFIGURATION_CATEGORY_VALUES: set[
    PublicAssociationDefinitionUserConfigurationCategory
] = {
    "HUBSPOT_DEFINED",
    "INTEGRATOR_DEFINED",
    "USER_DEFINED",
    "WORK",
}


def check_public_association_definition_user_configuration_category(
    value: str,
) -> PublicAssociationDefinitionUserConfigurationCategory:
    if value in PUBLIC_ASSOCIATION_DEFINITION_USER_CONFIGURATION_CATEGORY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PUBLIC_ASSOCIATION_DEFINITION_USER_CONFIGURATION_CATEGORY_VALUES!r}"
    )
