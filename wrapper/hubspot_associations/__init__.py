"""hubspot-associations: typed SDK for HubSpot CRM Associations (every published API version).

from hubspot_associations import Client
client = Client(access_token="...", version="2026-03")
for association in client.records.list("contacts", 123, "companies"):
    print(association.to_id, association.labels)
"""

from .batching import BatchFailure, BatchResult
from .client import AsyncClient, Client
from .errors import (
    FAILED,
    UNKNOWN,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BatchError,
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
    ValidationError,
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
from .versions import (
    UnsupportedOperation,
    UnsupportedVersionError,
    latest_version,
    supported_versions,
)

__all__ = [
    "FAILED",
    "HUBSPOT_DEFINED",
    "INTEGRATOR_DEFINED",
    "UNKNOWN",
    "USER_DEFINED",
    "WORK",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "Association",
    "AssociationInput",
    "AssociationLimit",
    "AssociationType",
    "AsyncBatchReadIterator",
    "AsyncClient",
    "AuthenticationError",
    "BatchError",
    "BatchFailure",
    "BatchReadIterator",
    "BatchResult",
    "CallTimeoutError",
    "Client",
    "ConfigurationError",
    "CreatedAssociation",
    "DailyRateLimitError",
    "HighUsageReport",
    "HubSpotError",
    "LabelDefinition",
    "LimitInput",
    "MalformedResponseError",
    "MissingScopesError",
    "NotFoundError",
    "PagingCycleError",
    "Pair",
    "RateLimitError",
    "Record",
    "RecordAssociations",
    "ResponseTooLargeError",
    "ServerError",
    "UnexpectedResponseError",
    "UnsupportedOperation",
    "UnsupportedVersionError",
    "ValidationError",
    "latest_version",
    "supported_versions",
]
