# DO NOT EDIT: spec/2025-09/build.toml -> scripts/build-spec -> spec/2025-09/ -> scripts/regenerate -> here.
from typing import Literal

BatchResponsePublicDefaultAssociationStatus = Literal[
    "CANCELED", "COMPLETE", "PENDING", "PROCESSING"
]

BATCH_RESPONSE_PUBLIC_DEFAULT_ASSOCIATION_STATUS_VALUES: set[
    BatchResponsePublicDefaultAssociationStatus
] = {
    "CANCELED",
    "COMPLETE",
    "PENDING",
    "PROCESSING",
}


def check_batch_response_public_default_association_status(
    value: str,
) -> BatchResponsePublicDefaultAssociationStatus:
    if value in BATCH_RESPONSE_PUBLIC_DEFAULT_ASSOCIATION_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BATCH_RESPONSE_PUBLIC_DEFAULT_ASSOCIATION_STATUS_VALUES!r}"
    )
