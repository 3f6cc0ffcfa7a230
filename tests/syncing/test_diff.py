"""The comparison of one from-id's desired and current associations (pure, no I/O)."""

from __future__ import annotations

from hubspot_associations.syncing.diff import (
    ADD_LABELS,
    ARCHIVE,
    CREATE,
    REMOVE_LABELS,
    Delta,
    diff,
    in_effect,
)
from hypothesis import given
from hypothesis import strategies as st

DEFAULT = "HUBSPOT_DEFINED:279"
LABELS = ["HUBSPOT_DEFINED:1", "USER_DEFINED:501", "USER_DEFINED:502"]
to_ids = st.sampled_from([str(i) for i in range(100, 108)])
label_sets = st.frozensets(st.sampled_from(LABELS), max_size=3)
currents = st.dictionaries(to_ids, label_sets, max_size=8)
# A row: (to_id, labels); None labels: a refused row holding its pair; None to_id: a refused
# row holding its from-id from pruning.
rows = st.lists(
    st.one_of(
        st.tuples(to_ids, label_sets),
        st.tuples(to_ids, st.none()),
        st.tuples(st.none(), st.none()),
    ),
    max_size=12,
)


def applied(current: dict[str, frozenset[str]], deltas: list[Delta]) -> dict[str, frozenset[str]]:
    """What HubSpot holds after the changes (label sets without the default type)."""
    state = dict(current)
    for kind, to_id, labels in deltas:
        if kind == ARCHIVE:
            del state[to_id]
        elif kind == REMOVE_LABELS:
            state[to_id] = state[to_id] - labels
        elif kind == ADD_LABELS:
            state[to_id] = state[to_id] | labels
        else:
            assert to_id not in state
            state[to_id] = labels - {DEFAULT}
    return state


@given(currents, rows, st.booleans())
def test_applying_the_diff_gives_exactly_the_desired_state(
    current: dict[str, frozenset[str]],
    desired: list[tuple[str | None, frozenset[str] | None]],
    prune: bool,
) -> None:
    deltas = diff(desired, current, prune=prune, default=DEFAULT)
    after = applied(current, deltas)
    held = {t for t, labels in desired if t is not None and labels is None}
    hold_prune = any(t is None for t, _ in desired)
    wanted: dict[str, frozenset[str]] = {}
    for t, labels in desired:
        if t is not None and labels is not None and t not in held:
            wanted[t] = wanted.get(t, frozenset()) | labels
    for t, labels in wanted.items():
        assert after[t] == labels  # every pair of the file, with exactly its labels
    for t in held:  # a refused row's pair is left as it is
        assert after.get(t) == current.get(t)
    for t in set(current) - set(wanted) - held:  # pairs the file does not hold
        if prune and not hold_prune:
            assert t not in after
        else:
            assert after[t] == current[t]
    # one change per (kind, pair), and nothing that is already true
    assert len({(d.kind, d.to_id) for d in deltas}) == len(deltas)
    assert not any(in_effect(d, current, frozenset({DEFAULT})) for d in deltas)
    # and again: nothing left to do
    assert diff(desired, after, prune=prune, default=DEFAULT) == []


def test_rows_of_one_pair_merge_their_labels_and_none_means_default() -> None:
    desired = [("1", frozenset({"USER_DEFINED:501"})), ("1", frozenset({"HUBSPOT_DEFINED:1"}))]
    desired.append(("2", frozenset()))
    assert sorted(diff(desired, {}, prune=False, default=DEFAULT)) == [
        Delta(CREATE, "1", frozenset({"USER_DEFINED:501", "HUBSPOT_DEFINED:1"})),
        Delta(CREATE, "2", frozenset({DEFAULT})),
    ]


def test_a_refused_row_after_a_good_one_holds_the_pair() -> None:
    current = {"1": frozenset({"USER_DEFINED:501"}), "2": frozenset()}
    desired = [("1", frozenset()), ("1", None)]
    assert diff(desired, current, prune=True, default=DEFAULT) == [Delta(ARCHIVE, "2", frozenset())]
    assert diff([*desired, (None, None)], current, prune=True, default=DEFAULT) == []


def test_in_effect() -> None:
    label = frozenset({"USER_DEFINED:501"})
    current = {"1": label}
    defaults = frozenset({DEFAULT})
    assert in_effect(Delta(CREATE, "1", frozenset({DEFAULT})), current, defaults)
    assert not in_effect(Delta(CREATE, "2", frozenset({DEFAULT})), current, defaults)
    assert in_effect(Delta(ADD_LABELS, "1", label), current, defaults)
    assert not in_effect(Delta(ADD_LABELS, "2", label), current, defaults)
    assert not in_effect(Delta(REMOVE_LABELS, "1", label), current, defaults)
    assert in_effect(Delta(REMOVE_LABELS, "2", label), current, defaults)
    assert in_effect(Delta(ARCHIVE, "2", frozenset()), current, defaults)
    assert not in_effect(Delta(ARCHIVE, "1", frozenset()), current, defaults)
