"""hubspot-associations: typed SDK for HubSpot CRM Associations (every published API version).

from hubspot_associations import Client
client = Client(access_token="...", version="2026-03")
for association in client.records.list("contacts", 123, "companies"):
    print(association.to_id, association.labels)
"""

from __future__ import annotations

from ._exports import package_getattr as _package_getattr
from ._logs import setup_logging as _setup_logging
from ._version import __version__

# The public names, by the module each comes from: the one list of them. Each is imported
# from its module on first access (PEP 562 __getattr__ below), so `import hubspot_associations`
# stays cheap (no httpx, asyncio, msgspec or generated code until a client is used; README:
# import cost). scripts/derive writes from it what type checkers and `import *` read.
_PUBLIC: dict[str, list[str]] = {
    "batching": ["INVALID_INPUT", "BatchFailure", "BatchResult", "ChunkResult", "partial_result"],
    "client": ["AsyncClient", "Client"],
    "errors": [
        "FAILED",
        "UNKNOWN",
        "APIConnectionError",
        "APIStatusError",
        "APITimeoutError",
        "AuthenticationError",
        "BatchError",
        "BatchInterruptedError",
        "CallTimeoutError",
        "ConfigurationError",
        "DailyRateLimitError",
        "HubSpotError",
        "MalformedResponseError",
        "MissingScopesError",
        "NotFoundError",
        "PagingCycleError",
        "RateLimitError",
        "ResponseTooLargeError",
        "ServerError",
        "UnexpectedResponseError",
        "UnsupportedOperation",
        "UnsupportedVersionError",
        "ValidationError",
    ],
    "literals": [
        "ApiVersionName",
        "Category",
        "FailureKind",
        "Keep",
        "ObjectType",
        "Outcome",
        "StandardObjectType",
    ],
    "models": [
        "HUBSPOT_DEFINED",
        "INTEGRATOR_DEFINED",
        "USER_DEFINED",
        "WORK",
        "Association",
        "AssociationInput",
        "AssociationLimit",
        "AssociationType",
        "CreatedAssociation",
        "HighUsageReport",
        "LabelDefinition",
        "LimitInput",
        "Pair",
        "Record",
        "RecordAssociations",
    ],
    "pagination": ["AsyncBatchReadIterator", "BatchReadIterator"],
    "ratelimit": ["Limiter", "RateLimiter"],
    "raw_responses": ["AsyncRawResponses", "RawResponses"],
    "responses": ["Exchange", "RawClient", "RawResponse"],
    "syncing": ["PlanRefusedError", "PruneLimitError", "SyncPlan", "SyncResult"],
    "versions": ["latest_version", "supported_versions"],
}

# typing.TYPE_CHECKING without importing typing (16 ms of a bare import); type checkers
# treat this name as True.
TYPE_CHECKING = False

# --- written by scripts/derive from _PUBLIC; do not edit ---
if TYPE_CHECKING:
    from .batching import INVALID_INPUT, BatchFailure, BatchResult, ChunkResult, partial_result
    from .client import AsyncClient, Client
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
    from .raw_responses import AsyncRawResponses, RawResponses
    from .responses import Exchange, RawClient, RawResponse
    from .syncing import PlanRefusedError, PruneLimitError, SyncPlan, SyncResult
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
    "PlanRefusedError",
    "PruneLimitError",
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
    "SyncPlan",
    "SyncResult",
    "UnexpectedResponseError",
    "UnsupportedOperation",
    "UnsupportedVersionError",
    "ValidationError",
    "__version__",
    "latest_version",
    "partial_result",
    "supported_versions",
]
# --- end of what scripts/derive writes ---

__getattr__ = _package_getattr(__name__, {n: m for m, names in _PUBLIC.items() for n in names})


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


_setup_logging()
