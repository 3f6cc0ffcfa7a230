# DO NOT EDIT: spec/2025-09/build.toml -> scripts/build-spec -> spec/2025-09/ -> scripts/regenerate -> here.
from typing import Literal

BatchResponseStatus = Literal["CANCELED", "COMPLETE", "PENDING", "PROCESSING"]

BATCH_RESPONSE_STATUS_VALUES: set[BatchResponseStatus] = {
    "CANCELED",
    "COMPLETE",
    "PENDING",
    "PROCESSING",
}


def check_batch_response_status(value: str) -> BatchResponseStatus:
    if value in BATCH_RESPONSE_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BATCH_RESPONSE_STATUS_VALUES!r}"
    )
