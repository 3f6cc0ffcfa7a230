"""The difference between one from-id's desired and current associations: pure, no I/O.

Kinds of change, in the order ``apply`` sends them (removals first, so a record at its
association limit has room for what replaces them):

- ``archive``: a pair the file does not hold (only with prune);
- ``remove_labels``: labels the pair has and the file does not give it;
- ``add_labels``: labels the file gives an existing pair that it lacks;
- ``create``: a pair the file holds that does not exist (with its labels, or the default
  type when it has none).

Labels are sets of ``category:type_id`` keys (``rows``), unlabelled types left out of both
sides. Rows of one pair are merged (a file may give one label per row).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

ARCHIVE = "archive"
REMOVE_LABELS = "remove_labels"
ADD_LABELS = "add_labels"
CREATE = "create"
KINDS = (ARCHIVE, REMOVE_LABELS, ADD_LABELS, CREATE)
KIND_CODE = {kind: code for code, kind in enumerate(KINDS)}


class Delta(NamedTuple):
    kind: str
    to_id: str
    labels: frozenset[str]


# A desired row of one from-id: (to_id, labels). to_id None: a refused row whose to-id could
# not be read (the from-id is held from pruning); labels None: a refused row (the pair is held).
DesiredRow = tuple[str | None, frozenset[str] | None]


def diff(
    desired: Iterable[DesiredRow],
    current: Mapping[str, frozenset[str]],
    *,
    prune: bool,
    default: str | None,
) -> list[Delta]:
    """The changes that make ``current`` ({to_id: labels}) what ``desired`` says.

    ``default`` is the type key a pair without labels is created with."""
    wanted: dict[str, frozenset[str] | None] = {}
    hold_prune = False
    for to_id, labels in desired:
        if to_id is None:
            hold_prune = True
        elif labels is None:
            wanted[to_id] = None
        elif to_id not in wanted:
            wanted[to_id] = labels
        else:
            before = wanted[to_id]
            wanted[to_id] = None if before is None else before | labels
    deltas: list[Delta] = []
    for to_id, want in wanted.items():
        if want is None:
            continue  # held: a refused row names this pair
        have = current.get(to_id)
        if have is None:
            deltas.append(Delta(CREATE, to_id, want or _default(default)))
            continue
        if have - want:
            deltas.append(Delta(REMOVE_LABELS, to_id, have - want))
        if want - have:
            deltas.append(Delta(ADD_LABELS, to_id, want - have))
    if prune and not hold_prune:
        deltas.extend(Delta(ARCHIVE, t, frozenset()) for t in current if t not in wanted)
    return deltas


def _default(default: str | None) -> frozenset[str]:
    return frozenset() if default is None else frozenset((default,))


def in_effect(
    delta: Delta, current: Mapping[str, frozenset[str]], defaults: frozenset[str]
) -> bool:
    """Whether a change is already true of ``current`` (a chunk whose answer was lost)."""
    have = current.get(delta.to_id)
    if delta.kind == ARCHIVE:
        return have is None
    if delta.kind == REMOVE_LABELS:
        return have is None or not (have & delta.labels)
    if have is None:
        return False
    return (delta.labels - defaults) <= have
