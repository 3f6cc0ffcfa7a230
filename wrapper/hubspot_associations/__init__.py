"""hubspot-associations: typed SDK for HubSpot CRM Associations (every published API version).

from hubspot_associations import Client
client = Client(access_token="...", version="2026-03")
for association in client.records.list("contacts", 123, "companies"):
    print(association.to_id, association.labels)
"""

from .batching import INVALID_INPUT, BatchFailure, BatchResult, ChunkResult
from .client import AsyncClient, Client
from .errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BatchError,
    ConfigurationError,
    DailyRateLimitError,
    HubSpotError,
    MalformedResponseError,
    MissingScopesError,
    NotFoundError,
    RateLimitError,
    ServerError,
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
    "HUBSPOT_DEFINED",
    "INTEGRATOR_DEFINED",
    "INVALID_INPUT",
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
    "ChunkResult",
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
    "Pair",
    "RateLimitError",
    "Record",
    "RecordAssociations",
    "ServerError",
    "UnsupportedOperation",
    "UnsupportedVersionError",
    "ValidationError",
    "latest_version",
    "supported_versions",
]
