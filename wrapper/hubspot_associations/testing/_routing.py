"""The routes: every operation of every served version, from the generated facts tables
(scripts/regenerate, from spec/), and which one a method and path name."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from ..versions import ApiVersion, OperationFacts, supported_versions
from ._handlers import HANDLERS, Handler

__all__ = ["VERSIONS", "WRITE_CAP", "Operation", "build_operations", "prefixes", "resolve"]

# The versions served, from the generated facts tables (scripts/regenerate, from spec/).
VERSIONS = supported_versions()
WRITE_CAP = 2000  # limits batches: the spec declares no cap, HubSpot refuses larger bodies


def prefixes(version: str) -> dict[str, str]:
    """Where a version's APIs live, read from its facts table: "A" the Associations API's
    batch operations, "O" the record operations, "S" the Associations Schema API."""
    facts = ApiVersion(version).operations

    def start(name: str) -> str:
        return facts[name].path.split("/{")[0]

    return {"A": start("batch_read"), "O": start("archive"), "S": start("labels_list")}


@dataclass(frozen=True)
class Operation:
    version: str
    name: str
    method: str
    segments: tuple[str, ...]
    handler: Handler
    model: str | None  # request schema ("list:X" = a JSON array of X), None without a body
    template: str
    success: tuple[tuple[int, str | None], ...]  # 2xx status -> response schema (None: empty)
    cap: int  # most inputs per batch request
    alias: bool = False  # served at hubspot-api-client's path, not in spec/

    def match(self, parts: Sequence[str]) -> dict[str, str] | None:
        if len(parts) != len(self.segments):
            return None
        params: dict[str, str] = {}
        for want, got in zip(self.segments, parts, strict=True):
            if want.startswith("{"):
                if not got:
                    return None
                params[want[1:-1]] = got
            elif want != got:
                return None
        return params


def _operation(version: str, facts: OperationFacts, path: str, alias: bool) -> Operation:
    return Operation(
        version,
        facts.name,
        facts.method,
        tuple(path.strip("/").split("/")),
        HANDLERS[facts.name],
        facts.request_schema,
        path,
        tuple(sorted(facts.success.items())),
        facts.max_inputs or WRITE_CAP,
        alias,
    )


def build_operations(versions: Iterable[str] | None = None) -> list[Operation]:
    """Every route of the served versions, from their facts tables.

    The Associations Schema operations are also served under the version's Associations
    API prefix when it differs (v4: /crm/v4/associations/... besides
    /crm/associations/v4/...), the paths HubSpot's own hubspot-api-client sends.
    """
    ops: list[Operation] = []
    for version in VERSIONS if versions is None else versions:
        prefix = prefixes(version)
        for facts in ApiVersion(version).operations.values():
            ops.append(_operation(version, facts, facts.path, alias=False))
            schema_api = facts.document == "schema" and facts.path.startswith(prefix["S"] + "/")
            if schema_api and prefix["S"] != prefix["A"]:
                alias = prefix["A"] + facts.path[len(prefix["S"]) :]
                ops.append(_operation(version, facts, alias, alias=True))
    # Literal segments beat parameters: try the most specific templates first.
    ops.sort(key=lambda o: sum(s.startswith("{") for s in o.segments))
    return ops


def resolve(
    operations: Iterable[Operation], method: str, raw_path: str
) -> tuple[Operation | None, dict[str, str], list[str]]:
    """(operation, params, methods allowed on the path) for a request."""
    parts = [unquote(p) for p in raw_path.strip("/").split("/")]
    allowed: list[str] = []
    for op in operations:
        params = op.match(parts)
        if params is None:
            continue
        if op.method == method:
            return op, params, [op.method]
        allowed.append(op.method)
    return None, {}, allowed
