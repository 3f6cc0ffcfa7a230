"""What a 2xx batch answer says about each input of its chunk. Pure: no I/O.

- Per-item errors (``StandardError``s of any batch body: 200, 201 or 207) are tied to the
  inputs their ``context`` ids name (``{"ids": [...]}``, ``fromObjectId``/``toObjectId``...),
  each input to one error at most (``tie_errors``); an error tied to none is kept with
  ``inputs == ()``.
- Success only for what the answer accounts for (``account``): an operation answering with a
  result per input (create, associate-default, limits create/update) succeeds for the inputs
  its results name (results about other ids are dropped); one answering with a status only
  (archive, archive-labels, purge) for the inputs no error claims, provided every error was
  tied to inputs. The rest are one failure of category ``UNACCOUNTED``, outcome ``UNKNOWN``:
  the request was sent and the answer does not say what became of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ._wire import error_context, error_sub_category
from .batching import UNACCOUNTED, BatchFailure
from .errors import UNKNOWN

I = TypeVar("I")  # noqa: E741 - an input
R = TypeVar("R")  # a result

# How an input is recognised in an error's context: (from/primary id, to/secondary id).
Keys = tuple[str, str | None]

# What a context key names: the "from" side, either side ("ids"), or the "to" side.
# Specific "from" keys win over the generic ones.
_KEY_KIND = {
    **dict.fromkeys(("fromobjectid", "fromobjectids", "fromid", "fromids"), "from"),
    **dict.fromkeys(("ids", "id", "objectid", "objectids"), "generic"),
    **dict.fromkeys(("toobjectid", "toobjectids", "toid", "toids"), "to"),
}


@dataclass(frozen=True)
class ItemError:
    """One ``StandardError`` of a batch answer body."""

    category: str
    message: str
    sub_category: str | None
    context: dict[str, tuple[str, ...]]
    status: str | None = None

    @classmethod
    def parse(cls, wire: Any) -> ItemError:
        wire = wire if isinstance(wire, dict) else {}
        context = error_context(wire.get("context"))
        return cls(
            str(wire.get("category") or "UNKNOWN"),
            str(wire.get("message") or ""),
            error_sub_category(wire.get("subCategory")),
            {k: tuple(v) for k, v in context.items()},
            None if wire.get("status") is None else str(wire.get("status")),
        )

    def ids(self) -> tuple[set[str], set[str]]:
        """The ids this error names: (from-side ids, to-side ids); both empty if none."""
        named: dict[str, set[str]] = {"from": set(), "generic": set(), "to": set()}
        for name, values in self.context.items():
            kind = _KEY_KIND.get(name.lower())
            if kind is not None:
                named[kind].update(values)
        froms, tos = named["from"] or named["generic"], named["to"]
        if not froms and not tos:
            froms = {v for values in self.context.values() for v in values}
        return froms, tos

    def matches(self, keys: Keys) -> bool:
        froms, tos = self.ids()
        if not froms and not tos:
            return False  # no ids at all: tied to no input (kept with inputs == ())
        primary, secondary = keys
        if froms and primary not in froms:
            return False
        return not (tos and secondary is not None and secondary not in tos)


def body_errors(body: Any) -> list[ItemError]:
    """Per-item errors of any batch answer body (200, 201 or 207)."""
    if not isinstance(body, dict) or not isinstance(body.get("errors"), list):
        return []
    return [ItemError.parse(e) for e in body["errors"]]


def tie_errors(
    errors: Iterable[ItemError], keys: Sequence[Keys]
) -> list[tuple[ItemError, list[int]]]:
    """Each error with the positions of the inputs it claims; an input is claimed once.

    Inputs are indexed by id, so a chunk of 2,000 inputs with 2,000 errors costs 2,000 look-ups
    rather than 4,000,000 comparisons; `ItemError.matches` decides each candidate.
    """
    by_primary: dict[str, list[int]] = {}
    by_secondary: dict[str | None, list[int]] = {}
    for i, (primary, secondary) in enumerate(keys):
        by_primary.setdefault(primary, []).append(i)
        by_secondary.setdefault(secondary, []).append(i)
    claimed: set[int] = set()
    tied: list[tuple[ItemError, list[int]]] = []
    for error in errors:
        froms, tos = error.ids()
        if froms:
            candidates = [i for f in froms for i in by_primary.get(f, ())]
        else:  # only to-side ids: inputs with that to id, or with none to compare
            candidates = [i for t in (*tos, None) for i in by_secondary.get(t, ())]
        positions = sorted(
            i for i in set(candidates) if i not in claimed and error.matches(keys[i])
        )
        claimed.update(positions)
        tied.append((error, positions))
    return tied


def answer_failures(
    items: Sequence[I],
    body: Any,
    keys: Callable[[I], Keys],
    answered: Iterable[Keys] | None = None,
) -> tuple[list[I], list[BatchFailure[I]]]:
    """A chunk HubSpot answered with 2xx: (succeeded, failures). An input succeeded only if the
    answer accounts for it: no per-item error claims it, and

    - ``answered`` given (operations that answer with one result per input done: the keys
      of the answer's results, see `answered_keys`): its key is among them;
    - ``answered`` None (operations answering with a status only, e.g. archive): every
      per-item error of the answer was tied to inputs (an error naming none could be about
      any of them).

    The other inputs are one failure of category ``UNACCOUNTED``, outcome ``UNKNOWN``: the
    request was sent and the answer does not say what became of them."""
    errors = body_errors(body)
    if not errors and answered is None:  # the usual archive answer: nothing to tie
        return list(items), []
    tied = tie_errors(errors, [keys(item) for item in items]) if errors else []
    failed: set[int] = set()
    failures: list[BatchFailure[I]] = []
    for error, positions in tied:
        failed.update(positions)
        failures.append(
            BatchFailure(
                tuple(items[i] for i in positions),
                error.category,
                error.message,
                error.sub_category,
                error.context,
                _status(error.status),
            )
        )
    found = None if answered is None else set(answered)
    untied = any(not positions for _, positions in tied)
    succeeded: list[I] = []
    unaccounted: list[I] = []
    for i, item in enumerate(items):
        if i in failed:
            continue
        done = not untied if found is None else keys(item) in found
        (succeeded if done else unaccounted).append(item)
    if unaccounted:
        message = (
            "the answer has neither a result nor an error for these inputs"
            if found is not None
            else "the answer has an error that names no input; it may be about any of these"
        )
        failures.append(
            BatchFailure(
                tuple(unaccounted),
                UNACCOUNTED,
                message + ": they may have been applied",
                outcome=UNKNOWN,
            )
        )
    return succeeded, failures


def account(
    items: Sequence[I],
    body: Any,
    keys: Callable[[I], Keys],
    results: Sequence[R],
    result_key: Callable[[R], Keys] | None,
) -> tuple[list[I], list[BatchFailure[I]], list[R]]:
    """A 2xx answer to a chunk: (succeeded, failures, results). ``result_key`` None: the
    operation answers with no result per input (see `answer_failures`). Else only results
    about the chunk's inputs are kept (a result about ids nobody asked for is not believed),
    and they say which inputs succeeded."""
    if result_key is None:
        return (*answer_failures(items, body, keys), list(results))
    wanted = {keys(item) for item in items}
    mine = [r for r in results if not answered_keys([r], result_key).isdisjoint(wanted)]
    return (*answer_failures(items, body, keys, answered_keys(mine, result_key)), mine)


def answered_keys(results: Iterable[Any], key: Callable[[Any], Keys]) -> set[Keys]:
    """The keys an answer's results name, each pair in both directions (HubSpot may answer a
    default association with a result for each direction)."""
    found: set[Keys] = set()
    for result in results:
        primary, secondary = key(result)
        found.add((primary, secondary))
        if secondary is not None:
            found.add((secondary, primary))
    return found


def _status(value: str | None) -> int | None:
    """A per-item error's ``status`` as an HTTP status, when it is one ("429" -> 429)."""
    if value is not None and len(value) == 3 and value.isascii() and value.isdigit():
        return int(value)
    return None
