"""What each API version's facts table (generated from spec/) says about an operation, as the
tests need it: the versions, whether a version has an operation, its success statuses."""

from __future__ import annotations

from hubspot_associations import supported_versions
from hubspot_associations.versions import ApiVersion

# Every supported version, from the generated facts tables (tests are parametrized over it).
VERSIONS = list(supported_versions())


def has(version: str, operation: str) -> bool:
    return ApiVersion(version).has(operation)


def success(version: str, operation: str) -> set[int]:
    """The 2xx statuses the version's spec allows for an operation (from its facts table)."""
    return set(ApiVersion(version).facts(operation).success)


def ok_status(version: str, operation: str) -> int:
    """The status of a complete success: 201, 200 or 204."""
    return min(success(version, operation) - {207})


def partial_status(version: str, operation: str) -> int:
    """The status of a partial failure: 207 where the version has it, else the success one."""
    return 207 if 207 in success(version, operation) else ok_status(version, operation)
