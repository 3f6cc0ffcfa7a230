# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
from typing import Literal

BatchResponsePublicAssociationDefinitionUserConfigurationStatus = Literal[
    "CANCELED", "COMPLETE", "PENDING", "PROCESSING"
]

BATCH_RESPONSE_PUBLIC_ASSOCIATION_DEFINITION_USER_CONFIGURATION_STATUS_VALUES: set[
    BatchResponsePublicAssociationDefinitionUserConfigurationStatus
] = {
    "CANCELED",
    "COMPLETE",
    "PENDING",
    "PROCESSING",
}


def check_batch_response_public_association_definition_user_configuration_status(
    value: str,
) -> BatchResponsePublicAssociationDefinitionUserConfigurationStatus:
    if (
        value
        in BATCH_RESPONSE_PUBLIC_ASSOCIATION_DEFINITION_USER_CONFIGURATION_STATUS_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BATCH_RESPONSE_PUBLIC_ASSOCIATION_DEFINITION_USER_CONFIGURATION_STATUS_VALUES!r}"
    )
