"""Version-neutral types: what users pass in and get back, the same for every API version.

Results are parsed from the wire JSON (which has the same shape in every version), not
from a version's generated models, so user code never depends on the selected version.
Inputs accept these typed objects or plain values (ids as ``str``/``int``, tuples).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from . import _validation as check
from .literals import Category

# Final: each is its Literal type, so it fits wherever a Category is asked for.
HUBSPOT_DEFINED: Final = "HUBSPOT_DEFINED"
USER_DEFINED: Final = "USER_DEFINED"
INTEGRATOR_DEFINED: Final = "INTEGRATOR_DEFINED"
WORK: Final = "WORK"


# --- inputs and shared value types -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AssociationType:
    """An association type: category plus numeric type id (e.g. HUBSPOT_DEFINED 279).

    ``label`` is set on results (None for unlabelled types); it is not sent on input.
    ``category`` is a ``str``, not a ``Category``: results carry what HubSpot sends, which
    may one day be a category this release does not know (inputs are checked).
    """

    category: str
    type_id: int
    label: str | None = None

    def to_wire(self) -> dict[str, Any]:
        return {"associationCategory": self.category, "associationTypeId": self.type_id}


AssociationTypeLike = AssociationType | tuple[Category, int]


@dataclass(frozen=True, slots=True)
class Pair:
    """Two records: the input of ``batch.associate_default`` and ``batch.archive``."""

    from_id: str
    to_id: str


PairLike = Pair | tuple[str | int, str | int]


@dataclass(frozen=True, slots=True)
class AssociationInput:
    """Two records and the association types between them (``batch.create``,
    ``batch.archive_labels``)."""

    from_id: str
    to_id: str
    types: tuple[AssociationType, ...]


AssociationInputLike = AssociationInput | tuple[str | int, str | int, Sequence[AssociationTypeLike]]


@dataclass(frozen=True)
class LimitInput:
    """A limit on how many records of the target type one record may be associated with."""

    category: Category
    type_id: int
    max_to_object_ids: int


LimitInputLike = LimitInput | tuple[Category, int, int]


def to_association_type(value: Any, argument: str) -> AssociationType:
    if isinstance(value, AssociationType):
        return AssociationType(
            check.category(value.category, f"{argument}.category"),
            check.integer(value.type_id, f"{argument}.type_id", low=1),
        )
    if isinstance(value, tuple) and len(value) == 2:
        return AssociationType(
            check.category(value[0], f"{argument}[0] (category)"),
            check.integer(value[1], f"{argument}[1] (type id)", low=1),
        )
    raise TypeError(
        f"{argument} must be an AssociationType or a (category, type_id) tuple, "
        f"got {type(value).__name__}"
    )


def to_types(value: Any, argument: str) -> tuple[AssociationType, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"{argument} must be a sequence of association types")
    if not value:
        raise ValueError(f"{argument} must name at least one association type")
    return tuple(to_association_type(t, f"{argument}[{i}]") for i, t in enumerate(value))


def to_pair(value: Any, argument: str) -> Pair:
    if isinstance(value, Pair):
        value = (value.from_id, value.to_id)
    if not isinstance(value, tuple) or len(value) != 2:
        raise TypeError(f"{argument} must be a Pair or a (from_id, to_id) tuple")
    return Pair(
        check.record_id(value[0], f"{argument} from_id"),
        check.record_id(value[1], f"{argument} to_id"),
    )


def to_association_input(value: Any, argument: str) -> AssociationInput:
    if isinstance(value, AssociationInput):
        value = (value.from_id, value.to_id, value.types)
    if not isinstance(value, tuple) or len(value) != 3:
        raise TypeError(
            f"{argument} must be an AssociationInput or a (from_id, to_id, types) tuple"
        )
    return AssociationInput(
        check.record_id(value[0], f"{argument} from_id"),
        check.record_id(value[1], f"{argument} to_id"),
        to_types(value[2], f"{argument} types"),
    )


def to_limit_input(value: Any, argument: str) -> LimitInput:
    if isinstance(value, LimitInput):
        value = (value.category, value.type_id, value.max_to_object_ids)
    if not isinstance(value, tuple) or len(value) != 3:
        raise TypeError(
            f"{argument} must be a LimitInput or a (category, type_id, max_to_object_ids) tuple"
        )
    return LimitInput(
        check.category(value[0], f"{argument} category"),
        check.integer(value[1], f"{argument} type_id", low=1),
        check.integer(value[2], f"{argument} max_to_object_ids", low=1),
    )


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Association:
    """One associated record and the association types linking to it."""

    to_id: str
    types: tuple[AssociationType, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(t.label for t in self.types if t.label)


@dataclass(frozen=True, slots=True)
class RecordAssociations:
    """All associations of one record to one object type (an item of ``batch.read``)."""

    from_id: str
    associations: tuple[Association, ...]

    @property
    def to_ids(self) -> tuple[str, ...]:
        return tuple(a.to_id for a in self.associations)


@dataclass(frozen=True, slots=True)
class CreatedAssociation:
    """An association that now exists between two records."""

    from_id: str
    to_id: str
    types: tuple[AssociationType, ...] = ()
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class LabelDefinition:
    """An association label (type) defined between two object types."""

    category: str
    type_id: int
    label: str | None
    from_object_type_id: str | None = None
    to_object_type_id: str | None = None


@dataclass(frozen=True)
class AssociationLimit:
    """A configured association limit for one association type."""

    category: str
    type_id: int
    max_to_object_ids: int | None
    label: str | None = None


@dataclass(frozen=True)
class HighUsageReport:
    """Acknowledgement that HubSpot queued a high-usage report (sent by email)."""

    user_id: int
    user_email: str
    enqueued_at: datetime | None


@dataclass(frozen=True)
class Record:
    """A CRM record returned by search."""

    id: str
    properties: Mapping[str, str | None]
    archived: bool = False
    created_at: str | None = None
    updated_at: str | None = None


# --- parsing wire JSON ------------------------------------------------------------------


def _id(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("id")
    return str(value)


_TYPES: dict[tuple[Any, Any, Any], AssociationType] = {}  # a handful of distinct types


def parse_type(wire: Mapping[str, Any]) -> AssociationType:
    category = wire.get("category", wire.get("associationCategory"))
    type_id = wire.get("typeId", wire.get("associationTypeId"))
    label = wire.get("label")
    key = (category, type_id, label)
    try:
        return _TYPES[key]  # shared: results of a million associations of one type are cheap
    except (KeyError, TypeError):
        parsed = AssociationType(str(category), int(type_id), label)
        if len(_TYPES) < 10_000 and isinstance(label, (str, type(None))):
            _TYPES[key] = parsed
        return parsed


def parse_association(wire: Mapping[str, Any]) -> Association:
    return Association(
        _id(wire["toObjectId"]),
        tuple(parse_type(t) for t in wire.get("associationTypes") or []),
    )


def parse_labels_pair(wire: Mapping[str, Any]) -> CreatedAssociation:
    return CreatedAssociation(
        _id(wire["fromObjectId"]), _id(wire["toObjectId"]), (), tuple(wire.get("labels") or [])
    )


def parse_default(wire: Mapping[str, Any]) -> CreatedAssociation:
    spec = wire.get("associationSpec")
    return CreatedAssociation(
        _id(wire["from"]), _id(wire["to"]), (parse_type(spec),) if spec else ()
    )


def parse_label_definition(wire: Mapping[str, Any]) -> LabelDefinition:
    return LabelDefinition(
        str(wire["category"]),
        int(wire["typeId"]),
        wire.get("label"),
        wire.get("fromObjectTypeId"),
        wire.get("toObjectTypeId"),
    )


def parse_limit(wire: Mapping[str, Any]) -> AssociationLimit:
    maximum = wire.get("userEnforcedMaxToObjectIds", wire.get("maxToObjectIds"))
    return AssociationLimit(
        str(wire["category"]),
        int(wire["typeId"]),
        int(maximum) if maximum is not None else None,
        wire.get("label"),
    )


def parse_report(wire: Mapping[str, Any]) -> HighUsageReport:
    enqueue = wire.get("enqueueTime")
    when = None
    if isinstance(enqueue, dict) and isinstance(enqueue.get("value"), int):
        when = datetime.fromtimestamp(enqueue["value"] / 1000, tz=UTC)
    return HighUsageReport(int(wire["userId"]), str(wire["userEmail"]), when)


def parse_record(wire: Mapping[str, Any]) -> Record:
    return Record(
        str(wire["id"]),
        dict(wire.get("properties") or {}),
        bool(wire.get("archived", False)),
        wire.get("createdAt"),
        wire.get("updatedAt"),
    )
