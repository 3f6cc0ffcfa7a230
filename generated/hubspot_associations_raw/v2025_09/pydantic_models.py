# DO NOT EDIT: spec/2025-09/build.toml -> scripts/build-spec -> spec/2025-09/ -> scripts/regenerate -> here.
"""Pydantic models of the spec, used by the emulator to validate requests."""

from __future__ import annotations

from enum import Enum
from pydantic import AwareDatetime, BaseModel, Field
from typing import Any
from uuid import UUID


class AssociationCategory(Enum):
    HUBSPOT_DEFINED = "HUBSPOT_DEFINED"
    INTEGRATOR_DEFINED = "INTEGRATOR_DEFINED"
    USER_DEFINED = "USER_DEFINED"
    WORK = "WORK"


class AssociationSpec(BaseModel):
    """
    Names one association type: its category and numeric type id.
    """

    associationCategory: AssociationCategory
    associationTypeId: int


class Category(Enum):
    HUBSPOT_DEFINED = "HUBSPOT_DEFINED"
    INTEGRATOR_DEFINED = "INTEGRATOR_DEFINED"
    USER_DEFINED = "USER_DEFINED"
    WORK = "WORK"


class AssociationSpecWithLabel(BaseModel):
    """
    An association type as HubSpot reports it. `label` is null for unlabelled types on the live API (the published documents say string), so it is nullable here.
    """

    category: Category
    fromObjectTypeId: str | None = None
    label: str | None = None
    toObjectTypeId: str | None = None
    typeId: int


class Status(Enum):
    CANCELED = "CANCELED"
    COMPLETE = "COMPLETE"
    PENDING = "PENDING"
    PROCESSING = "PROCESSING"


class DateTime(BaseModel):
    """
    A point in time as HubSpot's report service encodes it.
    """

    dateOnly: bool
    timeZoneShift: int
    value: int = Field(
        ...,
        description="Milliseconds since the epoch. Some published documents say int32, which no current timestamp fits.",
    )


class ErrorDetail(BaseModel):
    """
    One problem found in a request.
    """

    code: str | None = None
    context: dict[str, list[str]] | None = None
    in_: str | None = Field(None, alias="in", description="Field the problem concerns.")
    message: str
    subCategory: str | None = None


class Operator(Enum):
    BETWEEN = "BETWEEN"
    CONTAINS_TOKEN = "CONTAINS_TOKEN"
    EQ = "EQ"
    GT = "GT"
    GTE = "GTE"
    HAS_PROPERTY = "HAS_PROPERTY"
    IN = "IN"
    LT = "LT"
    LTE = "LTE"
    NEQ = "NEQ"
    NOT_CONTAINS_TOKEN = "NOT_CONTAINS_TOKEN"
    NOT_HAS_PROPERTY = "NOT_HAS_PROPERTY"
    NOT_IN = "NOT_IN"


class Filter(BaseModel):
    """
    One condition on a property.
    """

    highValue: str | None = None
    operator: Operator
    propertyName: str
    value: str | None = None
    values: list[str] | None = None


class FilterGroup(BaseModel):
    """
    Conditions that must all hold (groups are OR-ed).
    """

    filters: list[Filter]


class LabelsBetweenObjectPair(BaseModel):
    """
    The labels now set between two records.
    """

    fromObjectId: str
    fromObjectTypeId: str
    labels: list[str]
    toObjectId: str
    toObjectTypeId: str


class MultiAssociatedObjectWithLabel(BaseModel):
    """
    A record on the other side and every association type linking to it.
    """

    associationTypes: list[AssociationSpecWithLabel]
    toObjectId: str


class NextPage(BaseModel):
    """
    Where the next page starts: send `after` back to get it.
    """

    after: str
    link: str | None = None


class PreviousPage(BaseModel):
    """
    Where the previous page starts.
    """

    before: str
    link: str | None = None


class PublicFetchAssociationsBatchRequest(BaseModel):
    """
    One record whose associations to read; `after` continues a previous page.
    """

    after: str | None = None
    id: str


class PublicObjectId(BaseModel):
    """
    A record id (decimal digits).
    """

    id: str


class PublicObjectSearchRequest(BaseModel):
    """
    A record search: filters, sorting, properties to return and a page cursor.
    """

    after: str
    filterGroups: list[FilterGroup]
    limit: int
    properties: list[str]
    query: str | None = None
    sorts: list[str]


class PublicObjectWarning(BaseModel):
    """
    A non-fatal remark about a record.
    """

    category: str
    context: dict[str, str]
    message: str


class ReportCreationResponse(BaseModel):
    """
    Acknowledgement that a high-usage report was queued.
    """

    enqueueTime: DateTime
    userEmail: str
    userId: int


class StandardError(BaseModel):
    """
    A failed item inside a batch response. `context` names the ids concerned, e.g. {"ids": ["123"]}. The published documents type `subCategory` as an object, but the live API sends a string such as crm.associations.NO_ASSOCIATIONS_FOUND, so either is accepted.
    """

    category: str
    context: dict[str, list[str]]
    errors: list[ErrorDetail]
    id: str | None = None
    links: dict[str, str]
    message: str
    status: str
    subCategory: str | dict[str, Any] | None = None


class ValueWithTimestamp(BaseModel):
    """
    One historical value of a property.
    """

    sourceId: str | None = None
    sourceLabel: str | None = None
    sourceType: str
    timestamp: AwareDatetime
    updatedByUserId: int | None = None
    value: str


class SchemaAssociationSpecWithLabel(BaseModel):
    """
    An association type as HubSpot reports it. `label` is null for unlabelled types on the live API (the published documents say string), so it is nullable here.
    """

    category: Category
    label: str | None = None
    typeId: int


class BatchResponseVoid(BaseModel):
    """
    Outcome of a batch request that returns nothing per item: only the ones that failed, in `errors`.
    """

    completedAt: AwareDatetime
    errors: list[StandardError] | None = None
    links: dict[str, str] | None = None
    numErrors: int | None = None
    requestedAt: AwareDatetime | None = None
    results: list[Any]
    startedAt: AwareDatetime
    status: Status


class CollectionResponseAssociationSpecWithLabelNoPaging(BaseModel):
    """
    Every association type defined between two object types.
    """

    results: list[SchemaAssociationSpecWithLabel]


class PublicAssociationDefinitionConfigurationCreateRequest(BaseModel):
    """
    A limit on how many records of the target type one record may be associated with, for one association type.
    """

    category: Category
    maxToObjectIds: int
    typeId: int


class PublicAssociationDefinitionConfigurationUpdateRequest(BaseModel):
    """
    A limit on how many records of the target type one record may be associated with, for one association type.
    """

    category: Category
    maxToObjectIds: int
    typeId: int


class PublicAssociationDefinitionConfigurationUpdateResult(BaseModel):
    """
    A limit after an update.
    """

    category: Category
    typeId: int
    userEnforcedMaxToObjectIds: int | None = None


class PublicAssociationDefinitionCreateRequest(BaseModel):
    """
    A new custom label: its internal name, its label and optionally the label of the reverse direction.
    """

    inverseLabel: str | None = None
    label: str
    name: str


class PublicAssociationDefinitionUpdateRequest(BaseModel):
    """
    New label text for an existing custom association type.
    """

    associationTypeId: int
    inverseLabel: str | None = None
    label: str


class PublicAssociationDefinitionUserConfiguration(BaseModel):
    """
    An association type with the limit set on it, if any.
    """

    category: Category
    label: str | None = None
    typeId: int
    userEnforcedMaxToObjectIds: int | None = None


class PublicAssociationSpec(BaseModel):
    """
    An association type, by category and id.
    """

    category: str
    typeId: int


class BatchInputPublicFetchAssociationsBatchRequest(BaseModel):
    """
    A batch of PublicFetchAssociationsBatchRequest inputs. HubSpot accepts at most 1000 inputs per request.
    """

    inputs: list[PublicFetchAssociationsBatchRequest] = Field(..., max_length=1000)


class BatchResponse(BaseModel):
    """
    Outcome of a batch request: the items that succeeded in `results`, the ones that failed in `errors`.
    """

    completedAt: AwareDatetime
    errors: list[StandardError] | None = None
    links: dict[str, str] | None = None
    numErrors: int | None = None
    requestedAt: AwareDatetime | None = None
    results: list[dict[str, Any]]
    startedAt: AwareDatetime
    status: Status


class BatchResponseLabelsBetweenObjectPair(BaseModel):
    """
    Outcome of a batch request: the items that succeeded.
    """

    completedAt: AwareDatetime
    links: dict[str, str] | None = None
    requestedAt: AwareDatetime | None = None
    results: list[LabelsBetweenObjectPair]
    startedAt: AwareDatetime
    status: Status


class BatchResponseLabelsBetweenObjectPairWithErrors(BaseModel):
    """
    Outcome of a batch request: the items that succeeded in `results`, the ones that failed in `errors`.
    """

    completedAt: AwareDatetime
    errors: list[StandardError] | None = None
    links: dict[str, str] | None = None
    numErrors: int | None = None
    requestedAt: AwareDatetime | None = None
    results: list[LabelsBetweenObjectPair]
    startedAt: AwareDatetime
    status: Status


class Error(BaseModel):
    """
    Body of every non-2xx answer.
    """

    category: str = Field(..., description="Error class, e.g. RATE_LIMITS.")
    context: dict[str, list[str]] | None = None
    correlationId: UUID
    errors: list[ErrorDetail] | None = None
    links: dict[str, str] | None = None
    message: str
    subCategory: str | None = None


class ForwardPaging(BaseModel):
    """
    Cursor to the next page, if any.
    """

    next: NextPage | None = None


class Paging(BaseModel):
    """
    Cursors around the current page.
    """

    next: NextPage | None = None
    prev: PreviousPage | None = None


class PublicAssociationMultiArchive(BaseModel):
    """
    Remove every association from one record to each of the listed records.
    """

    from_: PublicObjectId = Field(..., alias="from")
    to: list[PublicObjectId]


class PublicAssociationMultiPost(BaseModel):
    """
    A pair of records and the association types to add or remove between them.
    """

    from_: PublicObjectId = Field(..., alias="from")
    to: PublicObjectId
    types: list[AssociationSpec]


class PublicAssociationMultiWithLabel(BaseModel):
    """
    Batch-read result for one input id. `paging` is present only when this id has more associations; send the id again with that `after` for the next page.
    """

    from_: PublicObjectId = Field(..., alias="from")
    paging: Paging | None = None
    to: list[MultiAssociatedObjectWithLabel]


class PublicDefaultAssociation(BaseModel):
    """
    A default association that now exists.
    """

    associationSpec: AssociationSpec
    from_: PublicObjectId = Field(..., alias="from")
    to: PublicObjectId


class PublicDefaultAssociationMultiPost(BaseModel):
    """
    A pair of records to link with the default (unlabelled) association type.
    """

    from_: PublicObjectId = Field(..., alias="from")
    to: PublicObjectId


class SimplePublicObject(BaseModel):
    """
    A CRM record with the requested properties.
    """

    archived: bool
    archivedAt: AwareDatetime | None = None
    createdAt: AwareDatetime
    id: str
    objectWriteTraceId: str | None = None
    properties: dict[str, str]
    propertiesWithHistory: dict[str, list[ValueWithTimestamp]] | None = None
    updatedAt: AwareDatetime
    url: str | None = None
    warnings: list[PublicObjectWarning] | None = None


class BatchInputPublicAssociationDefinitionConfigurationCreateRequest(BaseModel):
    """
    A batch of PublicAssociationDefinitionConfigurationCreateRequest inputs.
    """

    inputs: list[PublicAssociationDefinitionConfigurationCreateRequest]


class BatchInputPublicAssociationDefinitionConfigurationUpdateRequest(BaseModel):
    """
    A batch of PublicAssociationDefinitionConfigurationUpdateRequest inputs.
    """

    inputs: list[PublicAssociationDefinitionConfigurationUpdateRequest]


class BatchInputPublicAssociationSpec(BaseModel):
    """
    A batch of PublicAssociationSpec inputs.
    """

    inputs: list[PublicAssociationSpec]


class BatchResponsePublicAssociationDefinitionConfigurationUpdateResult(BaseModel):
    """
    Outcome of a batch request: the items that succeeded in `results`, the ones that failed in `errors`.
    """

    completedAt: AwareDatetime
    errors: list[StandardError] | None = None
    links: dict[str, str] | None = None
    numErrors: int | None = None
    requestedAt: AwareDatetime | None = None
    results: list[PublicAssociationDefinitionConfigurationUpdateResult]
    startedAt: AwareDatetime
    status: Status


class BatchResponsePublicAssociationDefinitionUserConfiguration(BaseModel):
    """
    Outcome of a batch request: the items that succeeded in `results`, the ones that failed in `errors`.
    """

    completedAt: AwareDatetime
    errors: list[StandardError] | None = None
    links: dict[str, str] | None = None
    numErrors: int | None = None
    requestedAt: AwareDatetime | None = None
    results: list[PublicAssociationDefinitionUserConfiguration]
    startedAt: AwareDatetime
    status: Status


class CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging(BaseModel):
    """
    Association limits, unpaged.
    """

    results: list[PublicAssociationDefinitionUserConfiguration]


class BatchInputPublicAssociationMultiArchive(BaseModel):
    """
    A batch of PublicAssociationMultiArchive inputs. HubSpot accepts at most 2000 inputs per request.
    """

    inputs: list[PublicAssociationMultiArchive] = Field(..., max_length=2000)


class BatchInputPublicAssociationMultiPost(BaseModel):
    """
    A batch of PublicAssociationMultiPost inputs. HubSpot accepts at most 2000 inputs per request.
    """

    inputs: list[PublicAssociationMultiPost] = Field(..., max_length=2000)


class BatchInputPublicDefaultAssociationMultiPost(BaseModel):
    """
    A batch of PublicDefaultAssociationMultiPost inputs. HubSpot accepts at most 2000 inputs per request.
    """

    inputs: list[PublicDefaultAssociationMultiPost] = Field(..., max_length=2000)


class BatchResponsePublicAssociationMultiWithLabel(BaseModel):
    """
    Outcome of a batch request: the items that succeeded.
    """

    completedAt: AwareDatetime
    links: dict[str, str] | None = None
    requestedAt: AwareDatetime | None = None
    results: list[PublicAssociationMultiWithLabel]
    startedAt: AwareDatetime
    status: Status


class BatchResponsePublicAssociationMultiWithLabelWithErrors(BaseModel):
    """
    Outcome of a batch request: the items that succeeded in `results`, the ones that failed in `errors`.
    """

    completedAt: AwareDatetime
    errors: list[StandardError] | None = None
    links: dict[str, str] | None = None
    numErrors: int | None = None
    requestedAt: AwareDatetime | None = None
    results: list[PublicAssociationMultiWithLabel]
    startedAt: AwareDatetime
    status: Status


class BatchResponsePublicDefaultAssociation(BaseModel):
    """
    Outcome of a batch request: the items that succeeded in `results`, the ones that failed in `errors`.
    """

    completedAt: AwareDatetime
    errors: list[StandardError] | None = None
    links: dict[str, str] | None = None
    numErrors: int | None = None
    requestedAt: AwareDatetime | None = None
    results: list[PublicDefaultAssociation]
    startedAt: AwareDatetime
    status: Status


class CollectionResponseMultiAssociatedObjectWithLabelForwardPaging(BaseModel):
    """
    One page of a record's associations; `paging.next.after` is set while more exist.
    """

    paging: ForwardPaging | None = None
    results: list[MultiAssociatedObjectWithLabel]


class CollectionResponseWithTotalSimplePublicObject(BaseModel):
    """
    A page of search hits and the total number of matches.
    """

    paging: Paging | None = None
    results: list[SimplePublicObject]
    total: int
