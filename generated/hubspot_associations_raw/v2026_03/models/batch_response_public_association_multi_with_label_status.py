# DO NOT EDIT: spec/2026-03/build.toml -> scripts/build-spec -> spec/2026-03/ -> scripts/regenerate -> here.
from typing import Literal

BatchResponsePublicAssociationMultiWithLabelStatus = Literal[
    "CANCELED", "COMPLETE", "PENDING", "PROCESSING"
]

BATCH_RESPONSE_PUBLIC_ASSOCIATION_MULTI_WITH_LABEL_STATUS_VALUES: set[
    BatchResponsePublicAssociationMultiWithLabelStatus
] = {
    "CANCELED",
    "COMPLETE",
    "PENDING",
    "PROCESSING",
}


def check_batch_response_public_association_multi_with_label_status(
    value: str,
) -> BatchResponsePublicAssociationMultiWithLabelStatus:
    if value in BATCH_RESPONSE_PUBLIC_ASSOCIATION_MULTI_WITH_LABEL_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BATCH_RESPONSE_PUBLIC_ASSOCIATION_MULTI_WITH_LABEL_STATUS_VALUES!r}"
    )
