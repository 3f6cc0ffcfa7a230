"""hubspot-associations: typed SDK for HubSpot CRM Associations (every published API version).

from hubspot_associations import Client
client = Client(access_token="...", version="2026-03")
for association in client.records.list("contacts", 123, "companies"):
    print(association.to_id, association.labels)
"""

from __future__ import annotations

from ._lazy import package_getattr as _package_getattr
from ._logs import setup_logging as _setup_logging
from ._version import __version__

# typing.TYPE_CHECKING without importing typing (16 ms of a bare import); type checkers
# treat this name as True.
TYPE_CHECKING = False

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time each name loads on first use
    from .batching import INVALID_INPUT, BatchFailure, BatchResult, ChunkResult, partial_result
    from .client import AsyncClient, AsyncRawResponses, Client, RawResponses
    from .errors import (
        FAILED,
        UNKNOWN,
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BatchError,
        BatchInterruptedError,
        CallTimeoutError,
        ConfigurationError,
        DailyRateLimitError,
        HubSpotError,
        MalformedResponseError,
        MissingScopesError,
        NotFoundError,
        PagingCycleError,
        RateLimitError,
        ResponseTooLargeError,
        ServerError,
        UnexpectedResponseError,
        UnsupportedOperation,
        UnsupportedVersionError,
        ValidationError,
    )
    from .literals import (
        ApiVersionName,
        Category,
        FailureKind,
        Keep,
        ObjectType,
        Outcome,
        StandardObjectType,
    )
    from .models import (
        HUBSPOT_DEFINED,
        INTEGRATOR_DEFINED,
        USER_DEFINED,
        WORK,
        Association,
        AssociationInput,
        AssociationLimit,
        AssociationType,
        CreatedAssociation,
        HighUsageReport,
        LabelDefinition,
        LimitInput,
        Pair,
        Record,
        RecordAssociations,
    )
    from .pagination import AsyncBatchReadIterator, BatchReadIterator
    from .ratelimit import Limiter, RateLimiter
    from .responses import Exchange, RawClient, RawResponse
    from .versions import latest_version, supported_versions

__all__ = [
    "FAILED",
    "HUBSPOT_DEFINED",
    "INTEGRATOR_DEFINED",
    "INVALID_INPUT",
    "UNKNOWN",
    "USER_DEFINED",
    "WORK",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "ApiVersionName",
    "Association",
    "AssociationInput",
    "AssociationLimit",
    "AssociationType",
    "AsyncBatchReadIterator",
    "AsyncClient",
    "AsyncRawResponses",
    "AuthenticationError",
    "BatchError",
    "BatchFailure",
    "BatchInterruptedError",
    "BatchReadIterator",
    "BatchResult",
    "CallTimeoutError",
    "Category",
    "ChunkResult",
    "Client",
    "ConfigurationError",
    "CreatedAssociation",
    "DailyRateLimitError",
    "Exchange",
    "FailureKind",
    "HighUsageReport",
    "HubSpotError",
    "Keep",
    "LabelDefinition",
    "LimitInput",
    "Limiter",
    "MalformedResponseError",
    "MissingScopesError",
    "NotFoundError",
    "ObjectType",
    "Outcome",
    "PagingCycleError",
    "Pair",
    "RateLimitError",
    "RateLimiter",
    "RawClient",
    "RawResponse",
    "RawResponses",
    "Record",
    "RecordAssociations",
    "ResponseTooLargeError",
    "ServerError",
    "StandardObjectType",
    "UnexpectedResponseError",
    "UnsupportedOperation",
    "UnsupportedVersionError",
    "ValidationError",
    "__version__",
    "latest_version",
    "partial_result",
    "supported_versions",
]

# Every public name but __version__ lives in a submodule imported on first access, so
# `import hubspot_associations` stays cheap (no httpx, asyncio, msgspec or generated code
# until a client is built). README: Benchmarks (import cost).
_LAZY: dict[str, str] = {
    "INVALID_INPUT": "batching",
    "BatchFailure": "batching",
    "BatchResult": "batching",
    "ChunkResult": "batching",
    "partial_result": "batching",
    "AsyncClient": "client",
    "Client": "client",
    "AsyncRawResponses": "client",
    "RawResponses": "client",
    "Exchange": "responses",
    "RawClient": "responses",
    "RawResponse": "responses",
    "FAILED": "errors",
    "UNKNOWN": "errors",
    "APIConnectionError": "errors",
    "APIStatusError": "errors",
    "APITimeoutError": "errors",
    "AuthenticationError": "errors",
    "BatchError": "errors",
    "BatchInterruptedError": "errors",
    "CallTimeoutError": "errors",
    "ConfigurationError": "errors",
    "DailyRateLimitError": "errors",
    "HubSpotError": "errors",
    "MalformedResponseError": "errors",
    "MissingScopesError": "errors",
    "NotFoundError": "errors",
    "PagingCycleError": "errors",
    "RateLimitError": "errors",
    "ResponseTooLargeError": "errors",
    "ServerError": "errors",
    "UnexpectedResponseError": "errors",
    "UnsupportedOperation": "errors",
    "UnsupportedVersionError": "errors",
    "ValidationError": "errors",
    "HUBSPOT_DEFINED": "models",
    "INTEGRATOR_DEFINED": "models",
    "USER_DEFINED": "models",
    "WORK": "models",
    "Association": "models",
    "AssociationInput": "models",
    "AssociationLimit": "models",
    "AssociationType": "models",
    "CreatedAssociation": "models",
    "HighUsageReport": "models",
    "LabelDefinition": "models",
    "LimitInput": "models",
    "Pair": "models",
    "Record": "models",
    "RecordAssociations": "models",
    "ApiVersionName": "literals",
    "Category": "literals",
    "FailureKind": "literals",
    "Keep": "literals",
    "ObjectType": "literals",
    "Outcome": "literals",
    "StandardObjectType": "literals",
    "AsyncBatchReadIterator": "pagination",
    "BatchReadIterator": "pagination",
    "Limiter": "ratelimit",
    "RateLimiter": "ratelimit",
    "latest_version": "versions",
    "supported_versions": "versions",
}


__getattr__ = _package_getattr(__name__, _LAZY)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


_setup_logging()
