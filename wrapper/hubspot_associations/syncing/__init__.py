"""Sync: make HubSpot's associations match a desired set, with a plan to read first.

::

    from hubspot_associations import Client, syncing

    with Client(token) as client:
        plan = syncing.plan(client, "contacts", "companies", rows, prune=True, path="sync.plan")
        print(plan.summary())            # counts and sample changes; nothing changed yet
        result = syncing.apply(client, plan, max_age=3600)
        result.raise_for_errors()

``rows`` is an iterable of ``(from_id, to_id)`` or ``(from_id, to_id, labels)``; labels are
label texts, ``AssociationType``s or ``(category, type_id)`` tuples. With ``AsyncClient``,
``await`` both calls. Both resume after a crash (``path=`` for the plan). Modules: ``rows``
(reading and resolving rows, the fingerprint), ``diff`` (the comparison), ``planfile`` (the
plan and journal file), ``planner`` and ``applier`` (the two steps, one plan each for both
clients).
"""

from __future__ import annotations

from .._label_text import UNKNOWN_LABEL
from .applier import PlanRefusedError, apply
from .diff import ADD_LABELS, ARCHIVE, CREATE, KINDS, REMOVE_LABELS
from .planfile import (
    Change,
    ChangeFailure,
    KindResult,
    PlanCounts,
    Refusal,
    SyncPlan,
    SyncResult,
)
from .planner import PruneLimitError, SyncError, plan
from .rows import INVALID_ROW, fingerprint

__all__ = [
    "ADD_LABELS",
    "ARCHIVE",
    "CREATE",
    "INVALID_ROW",
    "KINDS",
    "REMOVE_LABELS",
    "UNKNOWN_LABEL",
    "Change",
    "ChangeFailure",
    "KindResult",
    "PlanCounts",
    "PlanRefusedError",
    "PruneLimitError",
    "Refusal",
    "SyncError",
    "SyncPlan",
    "SyncResult",
    "apply",
    "fingerprint",
    "plan",
]
