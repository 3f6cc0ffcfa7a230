"""Hold every request the SDK sends, and every response it gets, against spec/.

tests/conftest.py installs `ContractChecker` around httpx.Client.send and AsyncClient.send
for every test, so MockTransport tests and emulator tests alike are checked against the
spec/ documents of the version named in the request path. A violation fails the test.
Tests that send or answer off-spec traffic on purpose (a missing token, a malformed body, an
HTML 502) opt out with @pytest.mark.no_contract.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import httpx
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from normalize import merge, normalize  # noqa: E402

VERSION_SEGMENT = re.compile(r"^(v\d+|\d{4}-\d{2})$")
# Requests go to 127.0.0.1 (MockTransport or the emulator); only their paths are checked, so
# they are matched as if sent to this stand-in server.
SERVER = "http://127.0.0.1"


SPEC = ROOT / "spec"


@cache
def spec_for(version: str, spec_dir: Path = SPEC) -> OpenAPI:
    folder = spec_dir / version
    docs = [normalize(json.loads(p.read_text()), p.stem) for p in sorted(folder.glob("*.json"))]
    return OpenAPI.from_dict(merge(docs, version) | {"servers": [{"url": SERVER}]})


def version_of(path: str, spec_dir: Path = SPEC) -> str | None:
    """The API version a /crm/ path belongs to, if spec/ has it."""
    if not path.startswith("/crm/"):
        return None
    for segment in path.split("/"):
        if VERSION_SEGMENT.match(segment) and (spec_dir / segment).is_dir():
            return segment
    return None


class _Request:
    def __init__(self, request: httpx.Request) -> None:
        self.host_url = SERVER
        self.path = request.url.raw_path.decode().split("?", 1)[0]
        self.method = request.method.lower()
        self.body = request.content or None
        self.content_type = request.headers.get("content-type", "application/json").lower()
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(request.url.params.multi_items()),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict(),
        )


class _Response:
    def __init__(self, response: httpx.Response) -> None:
        self.status_code = response.status_code
        self.data = response.content
        self.content_type = response.headers.get("content-type", "application/json").lower()
        self.headers = Headers(list(response.headers.items()))


class ContractChecker:
    """Validates request/response pairs; keeps counts and the violations it found."""

    def __init__(self, spec_dir: Path = SPEC) -> None:
        self.spec_dir = spec_dir
        self.counts: Counter[str] = Counter()
        self.violations: list[str] = []

    def check(self, request: httpx.Request, response: httpx.Response | None) -> None:
        version = version_of(request.url.path, self.spec_dir)
        if version is None:
            return
        api = spec_for(version, self.spec_dir)
        req = _Request(request)
        where = f"{request.method} {request.url.path} ({version})"
        try:
            api.validate_request(req)
            self.counts[f"requests {version}"] += 1
        except Exception as exc:  # any validation failure is a contract violation
            self.violations.append(f"request {where}: {_explain(exc)}")
            return
        if response is None:
            return
        try:
            api.validate_response(req, _Response(response))
            self.counts[f"responses {version}"] += 1
        except Exception as exc:
            self.violations.append(f"response {response.status_code} to {where}: {_explain(exc)}")


def _explain(exc: Exception) -> str:
    parts: list[Any] = [exc]
    cause = exc.__cause__
    while cause is not None:
        parts.append(cause)
        cause = cause.__cause__
    details = getattr(exc, "schema_errors", None) or getattr(cause, "schema_errors", None)
    text = " <- ".join(f"{type(p).__name__}: {p}" for p in parts)
    if details:
        text += " | " + "; ".join(str(getattr(e, "message", e)) for e in details)
    return text[:2000]
