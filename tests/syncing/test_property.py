"""Property, against the emulator with both clients: for any current and desired state,
applying the plan leaves exactly the desired state for the from-ids of the file; without
prune nothing the file does not name changes; from-ids outside the file never change; and
planning again finds nothing to do."""

from __future__ import annotations

from typing import Any

import pytest
from hubspot_associations import AssociationType, Client
from hubspot_associations.testing import Emulator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import COMPANIES, CONTACTS, DEFAULT, Sync, seed, state

pytest.importorskip("uvicorn")

FILE_IDS = ["1", "2", "3"]
OUTSIDE = "9"  # a from-id never in the file
TO_IDS = ["10", "11", "12", "13"]
# Two user-defined labels: HubSpot keeps one Primary company per contact (a second one demotes
# the first), a rule of its own that a desired state with two Primary rows cannot meet.
LABELS = ["billing", "decision"]

label_sets = st.frozensets(st.sampled_from(LABELS), max_size=2)
currents = st.dictionaries(
    st.tuples(st.sampled_from([*FILE_IDS, OUTSIDE]), st.sampled_from(TO_IDS)), label_sets
)
desired_rows = st.lists(
    st.tuples(st.sampled_from(FILE_IDS), st.sampled_from(TO_IDS), label_sets), max_size=10
)
# How a row names its labels: by text, by (category, type_id), or as AssociationTypes.
forms = st.sampled_from(["text", "tuple", "type"])


def spell(
    labels: frozenset[str], types: dict[str, tuple[str, int]], form: str, text: dict[str, str]
) -> Any:
    if not labels:
        return None
    if form == "text":
        return [text[x] for x in sorted(labels)]
    if form == "tuple":
        return [types[x] for x in sorted(labels)]
    return [AssociationType(*types[x]) for x in sorted(labels)]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    current=currents, desired=desired_rows, prune=st.booleans(), is_async=st.booleans(), form=forms
)
def test_applying_a_plan_gives_exactly_the_desired_state(
    hubspot_emulator_session: Emulator,
    current: dict[tuple[str, str], frozenset[str]],
    desired: list[tuple[str, str, frozenset[str]]],
    prune: bool,
    is_async: bool,
    form: str,
) -> None:
    hub = hubspot_emulator_session
    hub.reset()
    with Client("test", base_url=hub.url) as client:
        made = client.labels.create(CONTACTS, COMPANIES, "Billing")[0]
        other = client.labels.create(CONTACTS, COMPANIES, "Decision maker")[0]
    types = {"billing": (made.category, made.type_id), "decision": (other.category, other.type_id)}
    text = {"billing": "Billing", "decision": "Decision maker"}
    seed(hub, [(f, t, [types[x] for x in labels]) for (f, t), labels in current.items()])
    before = state(hub)
    rows = [(f, t, spell(labels, types, form, text)) for f, t, labels in desired]

    sync = Sync(hub, is_async)
    plan = sync.plan(rows, prune=prune, max_prune=10**6)
    result = sync.apply(plan)
    assert result.ok and result.succeeded == len(plan)

    wanted: dict[tuple[str, str], frozenset[tuple[str, int]]] = {}
    for f, t, labels in desired:
        wanted[(f, t)] = wanted.get((f, t), frozenset({DEFAULT})) | {types[x] for x in labels}
    in_file = {f for f, _, _ in desired}
    expected = {
        pair: types_
        for pair, types_ in before.items()
        if pair[0] not in in_file or (not prune and pair not in wanted)
    }
    expected.update(wanted)
    assert state(hub) == expected
    assert len(sync.plan(rows, prune=prune, max_prune=10**6)) == 0
