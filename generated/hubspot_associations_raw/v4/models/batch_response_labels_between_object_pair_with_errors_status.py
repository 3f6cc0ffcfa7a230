# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
from typing import Literal

BatchResponseLabelsBetweenObjectPairWithErrorsStatus = Literal[
    "CANCELED", "COMPLETE", "PENDING", "PROCESSING"
]

BATCH_RESPONSE_LABELS_BETWEEN_OBJECT_PAIR_WITH_ERRORS_STATUS_VALUES: set[
    BatchResponseLabelsBetweenObjectPairWithErrorsStatus
] = {
    "CANCELED",
    "COMPLETE",
    "PENDING",
    "PROCESSING",
}


def check_batch_response_labels_between_object_pair_with_errors_status(
    value: str,
) -> BatchResponseLabelsBetweenObjectPairWithErrorsStatus:
    if value in BATCH_RESPONSE_LABELS_BETWEEN_OBJECT_PAIR_WITH_ERRORS_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BATCH_RESPONSE_LABELS_BETWEEN_OBJECT_PAIR_WITH_ERRORS_STATUS_VALUES!r}"
    )
