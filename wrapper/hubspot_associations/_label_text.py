"""Association labels by their text: ``"Billing contact"`` -> USER_DEFINED 36, for one pair of
object types, from its label definitions (``labels.list(from_type, to_type)``).

People keep labels as words in their spreadsheets, not as (category, type id) pairs. This is
the one place a label's text is resolved: the sync engine's rows (``syncing.rows``) and the
command line's ``label`` column (``jobs.labels``, which reads the definitions on first use)
both come here. Matching is exact first, then ignoring case and runs of spaces; a text that
names no label, or several, is an ``UnknownLabel`` whose message names the labels there are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from .models import AssociationType

UNKNOWN_LABEL = "UNKNOWN_LABEL"  # the failure category of a row naming no known label
_SHOWN = 20  # labels named in a message, at most


class Definition(Protocol):
    """What a label definition needs to have (``models.LabelDefinition`` has it)."""

    @property
    def category(self) -> str: ...
    @property
    def type_id(self) -> int: ...
    @property
    def label(self) -> str | None: ...


class UnknownLabel(ValueError):
    """A text that names no label (or several) between the two object types."""


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class LabelTexts:
    """Label text -> ``AssociationType`` (with its ``label``) for ``from_type`` -> ``to_type``."""

    def __init__(self, definitions: Iterable[Definition], from_type: str, to_type: str) -> None:
        self.from_type, self.to_type = from_type, to_type
        self._exact: dict[str, list[AssociationType]] = {}
        self._loose: dict[str, list[AssociationType]] = {}
        for d in definitions:
            if d.label:  # the unlabelled default type has no text to name it by
                t = AssociationType(d.category, d.type_id, d.label)
                self._exact.setdefault(d.label, []).append(t)
                self._loose.setdefault(_key(d.label), []).append(t)

    @property
    def labels(self) -> list[str]:
        """Every label text there is, sorted."""
        return sorted(self._exact)

    def resolve(self, text: str) -> AssociationType:
        """The association type a label's text names, or ``UnknownLabel``."""
        found = self._exact.get(text) or self._loose.get(_key(text), [])
        if len(found) == 1:
            return found[0]
        if found:
            named = ", ".join(f"{t.category} {t.type_id}" for t in found)
            raise UnknownLabel(
                f"label {_shown(text)} names {len(found)} association types ({named}): give "
                "its category and type_id instead"
            )
        raise UnknownLabel(
            f"no label {_shown(text)} from {self.from_type} to {self.to_type}; "
            f"{_known(self.labels)}"
        )

    def label_of(self, category: str, type_id: int) -> str | None:
        """The text of the label with that category and type id, if it has one."""
        for types in self._exact.values():
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
