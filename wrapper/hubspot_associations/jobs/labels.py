"""Association labels by their text: ``"Billing contact"`` -> USER_DEFINED 36, for one pair of
object types, read once through the labels API.

People keep labels as words in their spreadsheets, not as (category, type id) pairs; the
jobs (a ``label`` column in ``create`` and ``archive-labels``) and the sync engine resolve
them here. Matching is exact first, then ignoring case and surrounding spaces; a text that
names no label, or several, is an ``UnknownLabel`` naming the labels there are. The labels
are read on the first lookup, so a job whose rows name none never asks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from ..models import AssociationType

UNKNOWN_LABEL = "UNKNOWN_LABEL"  # the failure category of a row naming no known label
_SHOWN = 20  # labels named in a message, at most


class Definition(Protocol):
    """What a label definition needs to have (``models.LabelDefinition`` has it)."""

    category: str
    type_id: int
    label: str | None


class UnknownLabel(ValueError):
    """A text that names no label (or several) between the two object types."""


class LabelsUnavailable(Exception):
    """The labels could not be read (no token, HubSpot unreachable): nothing resolves."""


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class LabelResolver:
    """Label text -> ``AssociationType`` for ``from_type`` -> ``to_type``.

    ``fetch`` returns the label definitions (``client.labels.list(from_type, to_type)``);
    it is called once, on the first ``resolve``; what it raises becomes
    ``LabelsUnavailable``."""

    def __init__(
        self, from_type: str, to_type: str, fetch: Callable[[], Iterable[Definition]]
    ) -> None:
        self.from_type, self.to_type = from_type, to_type
        self._fetch = fetch
        self._exact: dict[str, list[AssociationType]] | None = None
        self._loose: dict[str, list[AssociationType]] = {}

    def _load(self) -> dict[str, list[AssociationType]]:
        if self._exact is None:
            try:
                definitions = list(self._fetch())
            except Exception as exc:
                raise LabelsUnavailable(
                    f"cannot read the labels of {self.from_type} -> {self.to_type}: {exc}"
                ) from exc
            exact: dict[str, list[AssociationType]] = {}
            for d in definitions:
                if d.label:  # the unlabelled default type has no text to name it by
                    t = AssociationType(d.category, d.type_id, d.label)
                    exact.setdefault(d.label, []).append(t)
                    self._loose.setdefault(_key(d.label), []).append(t)
            self._exact = exact
        return self._exact

    @property
    def labels(self) -> list[str]:
        """Every label text there is, sorted."""
        return sorted(self._load())

    def resolve(self, text: str) -> AssociationType:
        """The association type a label's text names (``label`` set), or ``UnknownLabel``."""
        found = self._load().get(text) or self._loose.get(_key(text), [])
        if len(found) == 1:
            return found[0]
        if found:
            named = ", ".join(f"{t.category} {t.type_id}" for t in found)
            raise UnknownLabel(
                f"label {text!r} names {len(found)} association types ({named}): give "
                "category and type_id instead"
            )
        raise UnknownLabel(
            f"no label {_shown(text)} from {self.from_type} to {self.to_type}; "
            f"{_known(self.labels)}"
        )

    def label_of(self, category: str, type_id: int) -> str | None:
        """The text of the label with that category and type id, if it has one."""
        for types in self._load().values():
            for t in types:
                if (t.category, t.type_id) == (category, type_id):
                    return t.label
        return None


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _known(labels: Sequence[str]) -> str:
    if not labels:
        return "there are no labels (create one: hubspot-associations labels create)"
    names = ", ".join(repr(label) for label in labels[:_SHOWN])
    more = f" and {len(labels) - _SHOWN} more" if len(labels) > _SHOWN else ""
    return f"the labels are: {names}{more}"
