# DO NOT EDIT: spec/2025-09/build.toml -> scripts/build-spec -> spec/2025-09/ -> scripts/regenerate -> here.
from typing import Literal

BatchResponsePublicAssociationDefinitionConfigurationUpdateResultStatus = Literal[
    "CANCELED", "COMPLETE", "PENDING", "PROCESSING"
]

BATCH_RESPONSE_PUBLIC_ASSOCIATION_DEFINITION_CONFIGURATION_UPDATE_RESULT_STATUS_VALUES: set[
    BatchResponsePublicAssociationDefinitionConfigurationUpdateResultStatus
] = {
    "CANCELED",
    "COMPLETE",
    "PENDING",
    "PROCESSING",
}


def check_batch_response_public_association_definition_configuration_update_result_status(
    value: str,
) -> BatchResponsePublicAssociationDefinitionConfigurationUpdateResultStatus:
    if (
        value
        in BATCH_RESPONSE_PUBLIC_ASSOCIATION_DEFINITION_CONFIGURATION_UPDATE_RESULT_STATUS_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BATCH_RESPONSE_PUBLIC_ASSOCIATION_DEFINITION_CONFIGURATION_UPDATE_RESULT_STATUS_VALUES!r}"
    )
