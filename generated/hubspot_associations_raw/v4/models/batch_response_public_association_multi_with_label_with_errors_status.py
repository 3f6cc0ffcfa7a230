# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
from typing import Literal

BatchResponsePublicAssociationMultiWithLabelWithErrorsStatus = Literal[
    "CANCELED", "COMPLETE", "PENDING", "PROCESSING"
]

BATCH_RESPONSE_PUBLIC_ASSOCIATION_MULTI_WITH_LABEL_WITH_ERRORS_STATUS_VALUES: set[
    BatchResponsePublicAssociationMultiWithLabelWithErrorsStatus
] = {
    "CANCELED",
    "COMPLETE",
    "PENDING",
    "PROCESSING",
}


def check_batch_response_public_association_multi_with_label_with_errors_status(
    value: str,
) -> BatchResponsePublicAssociationMultiWithLabelWithErrorsStatus:
    if (
        value
        in BATCH_RESPONSE_PUBLIC_ASSOCIATION_MULTI_WITH_LABEL_WITH_ERRORS_STATUS_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BATCH_RESPONSE_PUBLIC_ASSOCIATION_MULTI_WITH_LABEL_WITH_ERRORS_STATUS_VALUES!r}"
    )
