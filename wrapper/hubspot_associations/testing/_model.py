"""Object types, association type definitions and the emulator's in-memory state.

Everything here is plain, synchronous Python guarded by one lock: the ASGI layer calls it from
the server thread, tests call it from theirs.
"""

from __future__ import annotations

import base64
import binascii
import re
import threading
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

CATEGORIES = ("HUBSPOT_DEFINED", "USER_DEFINED", "INTEGRATOR_DEFINED", "WORK")

#: Standard object type names (plural and singular) and their type ids.
OBJECT_TYPE_IDS: dict[str, str] = {}
for _ids, _names in {
    "0-1": ("contacts", "contact"),
    "0-2": ("companies", "company"),
    "0-3": ("deals", "deal"),
    "0-5": ("tickets", "ticket"),
    "0-7": ("products", "product"),
    "0-8": ("line_items", "line_item"),
    "0-14": ("quotes", "quote"),
    "0-18": ("communications", "communication"),
    "0-19": ("feedback_submissions", "feedback_submission"),
    "0-27": ("tasks", "task"),
    "0-46": ("notes", "note"),
    "0-47": ("meetings", "meeting"),
    "0-48": ("calls", "call"),
    "0-49": ("emails", "email"),
    "0-53": ("invoices", "invoice"),
    "0-116": ("postal_mail", "postal_mails"),
    "0-123": ("orders", "order"),
    "0-136": ("leads", "lead"),
    "0-142": ("carts", "cart"),
}.items():
    for _name in _names:
        OBJECT_TYPE_IDS[_name] = _ids
STANDARD_TYPE_IDS = frozenset(OBJECT_TYPE_IDS.values())
OBJECT_TYPE_NAMES = {
    v: names[0]
    for v, names in [
        (i, [n for n, j in OBJECT_TYPE_IDS.items() if j == i]) for i in STANDARD_TYPE_IDS
    ]
}
# ASCII-only, whole-value matches (`$` would match before a trailing newline, `\d` any
# Unicode digit): the same ids and types the SDK's validation lets through, no more.
_CUSTOM_TYPE = re.compile(r"2-[1-9][0-9]{0,9}", re.ASCII)
_RECORD_ID = re.compile(r"0|[1-9][0-9]{0,18}", re.ASCII)
_TYPE_TEXT = re.compile(r"[A-Za-z0-9_-]{1,100}", re.ASCII)


def normalize_object_type(value: str) -> str | None:
    """`contacts`, `CONTACT`, `0-1` -> `0-1`; custom `2-123` stays; anything else -> None."""
    if not _TYPE_TEXT.fullmatch(value):
        return None
    lowered = value.lower()
    if lowered in OBJECT_TYPE_IDS:
        return OBJECT_TYPE_IDS[lowered]
    if lowered in STANDARD_TYPE_IDS or _CUSTOM_TYPE.fullmatch(lowered):
        return lowered
    return None


def type_name(type_id: str) -> str:
    """A readable singular-ish name for messages: `0-1` -> `contact`."""
    plural = OBJECT_TYPE_NAMES.get(type_id)
    if plural is None:
        return f"object of type {type_id}"
    for name, tid in OBJECT_TYPE_IDS.items():
        if tid == type_id and name != plural:
            return name
    return plural


def is_record_id(value: str) -> bool:
    """Canonical decimal ids 0..2**63-1 only: "007" and "1\\n" are not ids."""
    return bool(_RECORD_ID.fullmatch(value)) and int(value) < 2**63


Spec = tuple[str, int]  # (associationCategory, associationTypeId)


@dataclass
class TypeDef:
    """One association type in one direction between two object types."""

    category: str
    type_id: int
    label: str | None
    inverse_id: int
    name: str | None = None
    limit: int | None = None  # userEnforcedMaxToObjectIds

    @property
    def spec(self) -> Spec:
        return (self.category, self.type_id)

    @property
    def inverse_spec(self) -> Spec:
        return (self.category, self.inverse_id)


# (from, to, typeId, label, inverse typeId, inverse label): HubSpot's built-in types.
_BUILTIN: list[tuple[str, str, int, str | None, int, str | None]] = [
    ("0-1", "0-2", 279, None, 280, None),
    ("0-1", "0-2", 1, "Primary", 2, "Primary"),
    ("0-3", "0-1", 3, None, 4, None),
    ("0-3", "0-2", 341, None, 342, None),
    ("0-3", "0-2", 5, "Primary", 6, "Primary"),
    ("0-5", "0-1", 16, None, 15, None),
    ("0-5", "0-2", 339, None, 340, None),
    ("0-5", "0-2", 26, "Primary", 25, "Primary"),
    ("0-3", "0-5", 27, None, 28, None),
    ("0-1", "0-1", 449, None, 449, None),
    ("0-2", "0-2", 450, None, 450, None),
    ("0-2", "0-2", 13, "Parent Company", 14, "Child Company"),
    ("0-3", "0-3", 451, None, 451, None),
    ("0-5", "0-5", 452, None, 452, None),
]


# The built-in Primary types (contact/deal/ticket -> company): HubSpot keeps one Primary company
# per record; setting another one demotes the old one to a plain association (it stays
# associated, without the label). The inverse (company -> contact 2, ...) has no such cap.
_PRIMARY: frozenset[tuple[str, str, Spec]] = frozenset(
    (a, b, ("HUBSPOT_DEFINED", fwd)) for a, b, fwd, label, _, _ in _BUILTIN if label == "Primary"
)


class ItemError(Exception):
    """A per-item failure inside a batch (or the whole request for single-record calls)."""

    def __init__(
        self,
        category: str,
        message: str,
        context: Mapping[str, list[str]] | None = None,
        sub_category: str | None = None,
        status: int = 400,
    ) -> None:
        super().__init__(message)
        self.category = category
        self.message = message
        self.context = dict(context or {})
        self.sub_category = sub_category
        self.status = status


def encode_cursor(to_id: str) -> str:
    return base64.urlsafe_b64encode(f"after:{to_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    """The to-id a cursor points after; ValueError when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"invalid paging cursor {cursor!r}") from exc
    if not raw.startswith("after:") or not is_record_id(raw[6:]):
        raise ValueError(f"invalid paging cursor {cursor!r}")
    return raw[6:]


def _id_key(value: str) -> tuple[int, str]:
    return (len(value), value)  # numeric order for digit strings without int()


@dataclass
class Store:
    """The emulated account: records, association types, labels, limits and associations."""

    strict_records: bool = False
    batch_read_page_size: int = 500
    lock: threading.RLock = field(default_factory=threading.RLock)
    created_at: str = field(
        default_factory=lambda: (
            datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        )
    )

    def __post_init__(self) -> None:
        self.reset()

    # ------------------------------------------------------------------ setup
    def reset(self) -> None:
        with self.lock:
            self._types: dict[tuple[str, str], dict[Spec, TypeDef]] = {}
            # (fromType, fromId, toType) -> {toId: {spec, ...}}
            self._assoc: dict[tuple[str, str, str], dict[str, set[Spec]]] = {}
            self._records: dict[str, dict[str, dict[str, str]]] = {}
            self._deleted: dict[str, set[str]] = {}
            self._next_label_id = 500
            for a, b, fwd, label, inv, inv_label in _BUILTIN:
                self._define(a, b, "HUBSPOT_DEFINED", fwd, label, inv, inv_label)

    def _pair(self, a: str, b: str) -> dict[Spec, TypeDef]:
        types = self._types.get((a, b))
        if types is None:
            types = self._types[(a, b)] = {}
            if not any(t.label is None for t in types.values()):
                # No built-in default: derive stable ids for this pair (and its inverse).
                lo, hi = sorted((a, b))
                base = 1000 + 2 * (zlib.crc32(f"{lo}|{hi}".encode()) % 100_000)
                if a == b:
                    types[("HUBSPOT_DEFINED", base)] = TypeDef("HUBSPOT_DEFINED", base, None, base)
                else:
                    fwd, inv = (base, base + 1) if a == lo else (base + 1, base)
                    types[("HUBSPOT_DEFINED", fwd)] = TypeDef("HUBSPOT_DEFINED", fwd, None, inv)
                    other = self._types.setdefault((b, a), {})
                    other.setdefault(
                        ("HUBSPOT_DEFINED", inv), TypeDef("HUBSPOT_DEFINED", inv, None, fwd)
                    )
        return types

    def _define(
        self,
        a: str,
        b: str,
        category: str,
        fwd: int,
        label: str | None,
        inv: int,
        inv_label: str | None,
        name: str | None = None,
    ) -> TypeDef:
        forward = TypeDef(category, fwd, label, inv, name)
        self._types.setdefault((a, b), {})[forward.spec] = forward
        if (a, b) != (b, a) or fwd != inv:
            inverse = TypeDef(category, inv, inv_label, fwd, name)
            self._types.setdefault((b, a), {})[inverse.spec] = inverse
        return forward

    # ---------------------------------------------------------------- records
    def seed_records(
        self, object_type: str, records: Iterable[str | int] | Mapping[str, Mapping[str, str]]
    ) -> None:
        """Declare records (ids, or id -> properties) of a type as existing."""
        tid = self.object_type(object_type)
        with self.lock:
            bucket = self._records.setdefault(tid, {})
            if isinstance(records, Mapping):
                for rid, props in records.items():
                    bucket[str(rid)] = {str(k): str(v) for k, v in props.items()}
                    self._deleted.get(tid, set()).discard(str(rid))
            else:
                for rid in records:
                    bucket.setdefault(str(rid), {})
                    self._deleted.get(tid, set()).discard(str(rid))

    def delete_records(self, object_type: str, ids: Iterable[str | int]) -> None:
        """Make records unknown (and drop their associations)."""
        tid = self.object_type(object_type)
        with self.lock:
            for rid in map(str, ids):
                self._records.get(tid, {}).pop(rid, None)
                self._deleted.setdefault(tid, set()).add(rid)
                for key in [k for k in self._assoc if k[0] == tid and k[1] == rid]:
                    for to_id in list(self._assoc[key]):
                        self._unlink(tid, rid, key[2], to_id)

    def record_exists(self, type_id: str, record_id: str) -> bool:
        if not is_record_id(record_id) or record_id in self._deleted.get(type_id, ()):
            return False
        return not self.strict_records or record_id in self._records.get(type_id, {})

    def records(self, type_id: str) -> dict[str, dict[str, str]]:
        """Known records of a type: seeded ones plus any that take part in an association."""
        with self.lock:
            out = {rid: dict(p) for rid, p in self._records.get(type_id, {}).items()}
            for (ft, fid, _), targets in self._assoc.items():
                if ft == type_id and targets and fid not in out:
                    out[fid] = {}
            return out

    @staticmethod
    def object_type(value: str) -> str:
        tid = normalize_object_type(value)
        if tid is None:
            raise ValueError(f"unknown object type {value!r}")
        return tid

    # ------------------------------------------------------------------ types
    def types(self, a: str, b: str) -> list[TypeDef]:
        with self.lock:
            return list(self._pair(a, b).values())

    def default_type(self, a: str, b: str) -> TypeDef:
        with self.lock:
            pair = self._pair(a, b)
            return next(
                t for t in pair.values() if t.category == "HUBSPOT_DEFINED" and t.label is None
            )

    def find_type(self, a: str, b: str, spec: Spec) -> TypeDef | None:
        with self.lock:
            return self._pair(a, b).get(spec)

    # ----------------------------------------------------------- associations
    def _targets(self, a: str, aid: str, b: str) -> dict[str, set[Spec]]:
        return self._assoc.get((a, aid, b), {})

    def associate(self, a: str, aid: str, b: str, bid: str, specs: Iterable[Spec]) -> list[TypeDef]:
        """Add types (plus the pair's default) between two records, in both directions.

        Raises ItemError for unknown records or types and for exceeded limits; nothing is
        changed in that case.
        """
        with self.lock:
            missing = [i for t, i in ((a, aid), (b, bid)) if not self.record_exists(t, i)]
            if missing:
                raise ItemError(
                    "OBJECT_NOT_FOUND",
                    f"No records found with ids {', '.join(missing)}",
                    {"fromObjectId": [aid], "toObjectId": [bid], "ids": missing},
                    status=404,
                )
            pair = self._pair(a, b)
            wanted: list[TypeDef] = []
            for spec in specs:
                tdef = pair.get(spec)
                if tdef is None:
                    raise ItemError(
                        "VALIDATION_ERROR",
                        f"Association type {spec[1]} ({spec[0]}) is not defined from {a} to {b}",
                        {"fromObjectId": [aid], "toObjectId": [bid], "typeId": [str(spec[1])]},
                    )
                wanted.append(tdef)
            default = self.default_type(a, b)
            if default not in wanted:
                wanted.insert(0, default)
            current = self._targets(a, aid, b).get(bid, set())
            for tdef in wanted:
                if tdef.spec in current:
                    continue
                self._check_limit(a, aid, b, bid, tdef)
                inverse = self._pair(b, a).get(tdef.inverse_spec)
                if inverse is not None:
                    self._check_limit(b, bid, a, aid, inverse)
            for tdef in wanted:
                if tdef.spec not in current:
                    self._demote_primary(a, aid, b, bid, tdef)
                self._assoc.setdefault((a, aid, b), {}).setdefault(bid, set()).add(tdef.spec)
                self._assoc.setdefault((b, bid, a), {}).setdefault(aid, set()).add(
                    tdef.inverse_spec
                )
            return [pair[s] for s in self._sorted(self._assoc[(a, aid, b)][bid])]

    def _demote_primary(self, a: str, aid: str, b: str, bid: str, tdef: TypeDef) -> None:
        """Before `tdef` joins a and b: if it is a Primary company type (from either side),
        take that label off the record's other Primary company."""
        if (a, b, tdef.spec) in _PRIMARY:
            holder, hid, company, keep, spec = a, aid, b, bid, tdef.spec
        elif (b, a, tdef.inverse_spec) in _PRIMARY:
            holder, hid, company, keep, spec = b, bid, a, aid, tdef.inverse_spec
        else:
            return
        inverse = self._pair(holder, company)[spec].inverse_spec
        for other, specs in self._targets(holder, hid, company).items():
            if other != keep and spec in specs:
                specs.discard(spec)  # the pair's default type stays: still associated
                self._assoc[(company, other, holder)][hid].discard(inverse)

    def _check_limit(self, a: str, aid: str, b: str, bid: str, tdef: TypeDef) -> None:
        if tdef.limit is None:
            return
        used = sum(
            1
            for tid, specs in self._targets(a, aid, b).items()
            if tid != bid and tdef.spec in specs
        )
        if used >= tdef.limit:
            raise ItemError(
                "VALIDATION_ERROR",
                f"{type_name(a).capitalize()} {aid} already has {used} association(s) of type "
                f"{tdef.type_id} to {type_name(b)} records; the limit is {tdef.limit}",
                {"fromObjectId": [aid], "toObjectId": [bid], "typeId": [str(tdef.type_id)]},
                sub_category="crm.associations.ASSOCIATION_LIMIT_EXCEEDED",
            )

    @staticmethod
    def _sorted(specs: Iterable[Spec]) -> list[Spec]:
        return sorted(specs, key=lambda s: (s[0] != "HUBSPOT_DEFINED", s[1]))

    def _unlink(self, a: str, aid: str, b: str, bid: str) -> bool:
        fwd = self._assoc.get((a, aid, b), {})
        found = fwd.pop(bid, None) is not None
        if not fwd:
            self._assoc.pop((a, aid, b), None)
        back = self._assoc.get((b, bid, a), {})
        back.pop(aid, None)
        if not back:
            self._assoc.pop((b, bid, a), None)
        return found

    def remove(self, a: str, aid: str, b: str, bid: str) -> bool:
        with self.lock:
            return self._unlink(a, aid, b, bid)

    def remove_types(self, a: str, aid: str, b: str, bid: str, specs: Iterable[Spec]) -> None:
        """Remove some labels; removing the default type removes the whole association."""
        with self.lock:
            current = self._targets(a, aid, b).get(bid)
            if current is None:
                return
            pair = self._pair(a, b)
            drop = set(specs)
            if self.default_type(a, b).spec in drop:
                self._unlink(a, aid, b, bid)
                return
            back = self._assoc.get((b, bid, a), {}).get(aid, set())
            for spec in drop & current:
                current.discard(spec)
                tdef = pair.get(spec)
                if tdef is not None:
                    back.discard(tdef.inverse_spec)
            if not current:
                self._unlink(a, aid, b, bid)

    def get(self, a: str, aid: str, b: str, bid: str) -> list[TypeDef]:
        with self.lock:
            specs = self._targets(a, aid, b).get(bid, set())
            pair = self._pair(a, b)
            return [pair[s] for s in self._sorted(specs) if s in pair]

    def page(
        self, a: str, aid: str, b: str, after: str | None, limit: int
    ) -> tuple[list[tuple[str, list[TypeDef]]], str | None]:
        """One page of a record's associations to a type, in to-id order; and the next cursor."""
        with self.lock:
            targets = self._targets(a, aid, b)
            pair = self._pair(a, b)
            ids = sorted(targets, key=_id_key)
            if after is not None:
                start = _id_key(decode_cursor(after))
                ids = [i for i in ids if _id_key(i) > start]
            chunk = ids[:limit]
            items = [(i, [pair[s] for s in self._sorted(targets[i]) if s in pair]) for i in chunk]
            nxt = encode_cursor(chunk[-1]) if len(ids) > limit else None
            return items, nxt

    def snapshot(
        self, a: str | None = None, b: str | None = None
    ) -> set[tuple[str, str, str, str, Spec]]:
        """Every stored (fromType, fromId, toType, toId, spec), optionally for one type pair."""
        with self.lock:
            return {
                (ft, fid, tt, tid, spec)
                for (ft, fid, tt), targets in self._assoc.items()
                if (a is None or ft == a) and (b is None or tt == b)
                for tid, specs in targets.items()
                for spec in specs
            }

    def pairs(self, a: str, b: str) -> set[tuple[str, str]]:
        """The (fromId, toId) pairs associated from type a to type b."""
        with self.lock:
            return {
                (fid, tid)
                for (ft, fid, tt), targets in self._assoc.items()
                if ft == a and tt == b
                for tid in targets
            }

    # ----------------------------------------------------------------- labels
    def create_label(
        self, a: str, b: str, name: str, label: str, inverse_label: str | None
    ) -> list[TypeDef]:
        with self.lock:
            for t in self._pair(a, b).values():
                if t.name is not None and t.name == name:
                    raise ItemError(
                        "VALIDATION_ERROR",
                        f"An association label named {name!r} already exists from {a} to {b}",
                        {"name": [name]},
                    )
            used = {s[1] for s in self._pair(a, b)} | {s[1] for s in self._pair(b, a)}
            ids: list[int] = []
            while len(ids) < (1 if a == b and inverse_label is None else 2):
                self._next_label_id += 1
                if self._next_label_id not in used:
                    ids.append(self._next_label_id)
            fwd = ids[0]
            inv = ids[-1]
            forward = self._define(
                a, b, "USER_DEFINED", fwd, label, inv, inverse_label or label, name
            )
            out = [forward]
            if inverse_label is not None:
                out.append(self._pair(b, a)[("USER_DEFINED", inv)])
            return out

    def _user_label(self, a: str, b: str, type_id: int) -> TypeDef:
        tdef = self._pair(a, b).get(("USER_DEFINED", type_id))
        if tdef is None:
            raise ItemError(
                "OBJECT_NOT_FOUND",
                f"No user-defined association label with type id {type_id} from {a} to {b}",
                {"associationTypeId": [str(type_id)]},
                status=404,
            )
        return tdef

    def update_label(
        self, a: str, b: str, type_id: int, label: str, inverse_label: str | None
    ) -> None:
        with self.lock:
            tdef = self._user_label(a, b, type_id)
            tdef.label = label
            if inverse_label is not None:
                inverse = self._pair(b, a).get(tdef.inverse_spec)
                if inverse is not None:
                    inverse.label = inverse_label

    def delete_label(self, a: str, b: str, type_id: int) -> None:
        with self.lock:
            tdef = self._user_label(a, b, type_id)
            for x, y, spec in ((a, b, tdef.spec), (b, a, tdef.inverse_spec)):
                self._pair(x, y).pop(spec, None)
                for (ft, _fid, tt), targets in list(self._assoc.items()):
                    if ft == x and tt == y:
                        for specs in targets.values():
                            specs.discard(spec)

    # ----------------------------------------------------------------- limits
    def set_limit(self, a: str, b: str, spec: Spec, limit: int | None, *, create: bool) -> TypeDef:
        with self.lock:
            tdef = self._pair(a, b).get(spec)
            if tdef is None:
                raise ItemError(
                    "VALIDATION_ERROR",
                    f"Association type {spec[1]} ({spec[0]}) is not defined from {a} to {b}",
                    {"typeId": [str(spec[1])]},
                )
            if create and tdef.limit is not None:
                raise ItemError(
                    "VALIDATION_ERROR",
                    f"A limit already exists for association type {spec[1]}; update it instead",
                    {"typeId": [str(spec[1])]},
                )
            if not create and limit is not None and tdef.limit is None:
                raise ItemError(
                    "OBJECT_NOT_FOUND",
                    f"No limit is configured for association type {spec[1]}",
                    {"typeId": [str(spec[1])]},
                )
            tdef.limit = limit
            return tdef

    def limits(self, a: str | None = None, b: str | None = None) -> list[TypeDef]:
        with self.lock:
            if a is not None and b is not None:
                return list(self._pair(a, b).values())
            return [
                t for types in self._types.values() for t in types.values() if t.limit is not None
            ]

    def user_data(self) -> Any:  # pragma: no cover - debugging aid
        return {"types": self._types, "assoc": self._assoc}
