"""Rows of a desired state: what each means, which ones are refused, and their fingerprint.

A row is ``(from_id, to_id)`` or ``(from_id, to_id, labels)`` (or a ``Pair`` /
``AssociationInput``). ``labels`` is None, one label, or a sequence of them; a label is an
``AssociationType``, a ``(category, type_id)`` tuple, or a label's text ("Billing contact"),
resolved through the label definitions of the pair of object types (``LabelBook``, with the
SDK's one text resolver, ``_label_text``: exact, then ignoring case and spaces). The unlabelled
(default) types are always there once two records are associated, so they are dropped from
both sides of the comparison: a row without labels means "associated, no label".

A row that cannot be read (bad ids, bad shape) or names an unknown label is *refused*: a
failure of that row, never a change. Its pair is held as it is (no change at all), and with
prune its from-id's other associations are not archived either: a typo never removes data.

Labels are kept as sorted ``category:type_id`` keys joined by ``,`` (``""``: no label), the
form the plan file stores and compares.

The fingerprint of a desired set is a 128-bit BLAKE2 digest of its rows as read (ids
checked, labels in a canonical order), in input order, computed in one streaming pass.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .. import _validation as check
from .._label_text import UNKNOWN_LABEL, LabelTexts, UnknownLabel
from ..models import (
    AssociationInput,
    AssociationType,
    LabelDefinition,
    Pair,
    to_association_type,
)

INVALID_ROW = "INVALID_ROW"

# A label as given: its text, or (category, type_id).
Label = str | tuple[str, int]


class RowError(ValueError):
    """A refused row. ``from_id``/``to_id`` are set when they could be read (the pair or the
    from-id is then held as it is)."""

    def __init__(
        self, category: str, message: str, from_id: str | None = None, to_id: str | None = None
    ) -> None:
        super().__init__(message)
        self.category = category
        self.message = message
        self.from_id = from_id
        self.to_id = to_id


# A row read: (from_id, to_id, labels as given), ids checked, labels not resolved yet.
ParsedRow = tuple[str, str, tuple[Label, ...]]
# Canonical ids below 10**18 (always within HubSpot's int64): the common case, checked fast.
_SHORT_ID = re.compile(r"0|[1-9][0-9]{0,17}", re.ASCII)


def _label(value: Any, where: str) -> Label:
    if isinstance(value, str):
        if not value.strip():
            raise ValueError(f"{where} is an empty label")
        return value
    if not isinstance(value, (AssociationType, tuple)):
        raise TypeError(
            f"{where} must be a label's text, an AssociationType or a (category, type_id) "
            f"tuple, got {type(value).__name__}"
        )
    checked = to_association_type(value, where)
    return (checked.category, checked.type_id)


def _labels(value: Any, where: str) -> tuple[Label, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, AssociationType)) or (
        isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], int)
    ):
        return (_label(value, where),)  # one label given alone
    if isinstance(value, (bytes, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"{where} must be None, a label or a sequence of labels")
    return tuple(_label(v, f"{where}[{i}]") for i, v in enumerate(value))


def parse_row(row: Any, index: int) -> ParsedRow:
    """A row's ids and labels, checked (labels not resolved yet); ``RowError`` if it cannot
    be read. Rows of strings (a CSV's) take a fast path: a million of them are read here."""
    if type(row) is tuple and 2 <= len(row) <= 3:
        from_id, to_id = row[0], row[1]
        if (
            type(from_id) is str
            and type(to_id) is str
            and _SHORT_ID.fullmatch(from_id)
            and _SHORT_ID.fullmatch(to_id)
        ):
            label = row[2] if len(row) == 3 else None
            if label is None:
                return (from_id, to_id, ())
            if type(label) is str and label.strip():
                return (from_id, to_id, (label,))
    return _parse(row, index)


def _parse(row: Any, index: int) -> ParsedRow:
    if isinstance(row, AssociationInput):
        row = (row.from_id, row.to_id, row.types)
    elif isinstance(row, Pair):
        row = (row.from_id, row.to_id)
    if not isinstance(row, (tuple, list)) or len(row) not in (2, 3):
        raise RowError(
            INVALID_ROW,
            f"desired[{index}] must be a (from_id, to_id) or (from_id, to_id, labels) tuple, "
            f"got {type(row).__name__}",
        )
    try:
        from_id = check.record_id(row[0], f"desired[{index}] from_id")
    except (TypeError, ValueError) as exc:
        raise RowError(INVALID_ROW, str(exc)) from None
    try:
        to_id = check.record_id(row[1], f"desired[{index}] to_id")
    except (TypeError, ValueError) as exc:
        raise RowError(INVALID_ROW, str(exc), from_id) from None
    try:
        labels = _labels(row[2], f"desired[{index}] labels") if len(row) == 3 else ()
    except (TypeError, ValueError) as exc:
        raise RowError(INVALID_ROW, str(exc), from_id, to_id) from None
    return (from_id, to_id, tuple(sorted(labels, key=repr)))  # canonical: the fingerprint's


def key(category: str, type_id: int) -> str:
    return f"{category}:{type_id}"


def join(keys: Iterable[str]) -> str:
    return ",".join(sorted(keys))


def split(keys: str) -> frozenset[str]:
    return frozenset(keys.split(",")) if keys else frozenset()


class LabelBook:
    """The label definitions of one pair of object types: label texts (resolved by the SDK's
    one resolver, ``_label_text``) and (category, type_id) to keys, the unlabelled (default)
    types, and readable names for messages."""

    def __init__(self, definitions: Sequence[LabelDefinition], from_type: str, to_type: str):
        self.definitions = list(definitions)
        self.where = f"from {from_type} to {to_type}"
        self.texts = LabelTexts(self.definitions, from_type, to_type)
        self.known = {key(d.category, d.type_id): d for d in self.definitions}
        self.defaults = frozenset(k for k, d in self.known.items() if d.label is None)
        # The type a pair is created with when it has no label.
        ordered = sorted(self.defaults, key=lambda k: (not k.startswith("HUBSPOT_DEFINED:"), k))
        self.default: str | None = ordered[0] if ordered else None
        self._cache: dict[Label, str | None] = {}

    def describe(self, k: str) -> str:
        d = self.known.get(k)
        return k if d is None or d.label is None else d.label

    def resolve(self, label: Label) -> str | None:
        """The key of a label (None for a default type); ``RowError`` when it is unknown."""
        try:
            return self._cache[label]
        except KeyError:
            pass
        if isinstance(label, str):
            try:
                found = self.texts.resolve(label)
            except UnknownLabel as exc:
                raise RowError(UNKNOWN_LABEL, str(exc)) from None
            resolved: str | None = key(found.category, found.type_id)
        else:
            resolved = key(*label)
            if resolved not in self.known:
                known = ", ".join(
                    f"{k} ({self.describe(k)})" if k not in self.defaults else f"{k} (unlabelled)"
                    for k in sorted(self.known)
                )
                raise RowError(
                    UNKNOWN_LABEL,
                    f"unknown association type {resolved} {self.where}; known types: {known}",
                )
        if resolved in self.defaults:
            resolved = None
        if len(self._cache) < 10_000:
            self._cache[label] = resolved
        return resolved

    def keys(self, row: ParsedRow) -> str:
        """The row's labels as keys (defaults dropped); ``RowError`` naming the known ones."""
        from_id, to_id, labels = row
        if not labels:
            return ""
        try:
            found = {self.resolve(label) for label in labels}
        except RowError as exc:
            raise RowError(exc.category, exc.message, from_id, to_id) from None
        found.discard(None)
        return join(k for k in found if k is not None)

    def types(self, keys: str) -> tuple[AssociationType, ...]:
        """Keys as ``AssociationType``s, with their label text."""
        out = []
        for k in sorted(split(keys)):
            category, _, type_id = k.partition(":")
            d = self.known.get(k)
            out.append(AssociationType(category, int(type_id), None if d is None else d.label))
        return tuple(out)

    def current_keys(self, types: Sequence[AssociationType]) -> frozenset[str]:
        """The labels of a current association (its unlabelled types dropped)."""
        return frozenset(
            k
            for t in types
            if t.label is not None and (k := key(t.category, t.type_id)) not in self.defaults
        )


def refused(row: Any) -> tuple[str, str]:
    """What the fingerprint takes of a row that cannot be read."""
    return ("\x00", repr(row)[:2000])


class Fingerprint:
    """A digest of a desired set: its rows as read (``parse_row``; ``refused`` for the others)
    go in with ``add``; every 4,096 of them are hashed at once (``repr`` of the batch, one
    C call): the feeder calls ``flush`` when ``pending`` holds ``SIZE`` rows."""

    SIZE = 4096

    def __init__(self) -> None:
        self._hashed = 0
        self._hash = hashlib.blake2b(digest_size=16)
        self.pending: list[Any] = []
        self.add = self.pending.append  # a bound C method: a million rows go through it

    @property
    def rows(self) -> int:
        return self._hashed + len(self.pending)

    def flush(self) -> None:
        if self.pending:
            self._hashed += len(self.pending)
            self._hash.update(repr(self.pending).encode("utf-8", "backslashreplace"))
            self.pending.clear()

    def hexdigest(self) -> str:
        self.flush()
        return f"{self.rows:x}-{self._hash.hexdigest()}"


def fingerprint(desired: Iterable[Any]) -> str:
    """The fingerprint ``plan`` records for ``desired`` (read once, in constant memory):
    ``apply(..., desired=...)`` compares them to refuse a plan whose input changed."""
    digest = Fingerprint()
    for index, row in enumerate(desired):
        try:
            digest.add(parse_row(row, index))
        except RowError:
            digest.add(refused(row))
        if len(digest.pending) >= digest.SIZE:
            digest.flush()
    return digest.hexdigest()
