"""A job's ``label`` column: label texts resolved for one pair of object types, the labels
read once through the labels API, on the first row that names one (a job whose rows name
none never asks). The matching itself is the SDK's one implementation (``_label_text``),
which the sync engine uses too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .._label_text import UNKNOWN_LABEL, Definition, LabelTexts, UnknownLabel
from ..models import AssociationType

__all__ = ["UNKNOWN_LABEL", "LabelResolver", "LabelsUnavailable", "UnknownLabel"]


class LabelsUnavailable(Exception):
    """The labels could not be read (no token, HubSpot unreachable): nothing resolves."""


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
        self._texts: LabelTexts | None = None

    def _load(self) -> LabelTexts:
        if self._texts is None:
            try:
                definitions = list(self._fetch())
            except Exception as exc:
                raise LabelsUnavailable(
                    f"cannot read the labels of {self.from_type} -> {self.to_type}: {exc}"
                ) from exc
            self._texts = LabelTexts(definitions, self.from_type, self.to_type)
        return self._texts

    @property
    def labels(self) -> list[str]:
        """Every label text there is, sorted."""
        return self._load().labels

    def resolve(self, text: str) -> AssociationType:
        """The association type a label's text names (``label`` set), or ``UnknownLabel``."""
        return self._load().resolve(text)

    def label_of(self, category: str, type_id: int) -> str | None:
        """The text of the label with that category and type id, if it has one."""
        return self._load().label_of(category, type_id)
