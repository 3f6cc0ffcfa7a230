# DO NOT EDIT: spec/2026-09/build.toml -> scripts/build-spec -> spec/2026-09/ -> scripts/regenerate -> here.
from typing import Literal

BatchResponseVoidStatus = Literal["CANCELED", "COMPLETE", "PENDING", "PROCESSING"]

BATCH_RESPONSE_VOID_STATUS_VALUES: set[BatchResponseVoidStatus] = {
    "CANCELED",
    "COMPLETE",
    "PENDING",
    "PROCESSING",
}


def check_batch_response_void_status(value: str) -> BatchResponseVoidStatus:
    if value in BATCH_RESPONSE_VOID_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BATCH_RESPONSE_VOID_STATUS_VALUES!r}"
    )
