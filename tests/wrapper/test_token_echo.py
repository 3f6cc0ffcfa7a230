"""A server that echoes the access token back (issue 16): the token is cut out of everything
the SDK keeps from the answer: exception text, body, context and headers, batch failures,
recorded exchanges, and the CLI's failures file."""

from __future__ import annotations

import csv
import json
import pickle
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from hubspot_associations import BatchError, HubSpotError, MalformedResponseError
from hubspot_associations.errors import REDACTED, redact, redact_text

from .fakes import VERSIONS, batch_body, item_error, make_client, reply

pytestmark = pytest.mark.no_contract

# An OAuth-style token: "/", "+" and "=" are escaped differently by JSON and URLs.
TOKEN = "CJb7xLq/8+Ab0cDeFgHiJkLmNoPqRsTuVwXyZ0123456789=="
FORMS = [
    TOKEN,
    TOKEN.replace("/", "\\/"),
    "CJb7xLq%2F8%2BAb0cDeFgHiJkLmNoPqRsTuVwXyZ0123456789%3D%3D",
]


def echoing(request: httpx.Request) -> str:
    """The request's token, spelled every way an answer may spell it."""
    token = request.headers["Authorization"].removeprefix("Bearer ")
    assert token == TOKEN
    return f"{token} / {json.dumps(token)[1:-1]} / {FORMS[2]}"


def leaks(*texts: Any) -> list[str]:
    found = []
    for text in texts:
        text = text if isinstance(text, str) else json.dumps(text, default=repr)
        found += [form for form in FORMS if form in text or "0cDeFgHiJkLmNoP" in text]
    return found


def test_an_error_answer_echoing_the_token_keeps_no_trace_of_it() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        echo = echoing(request)
        body = {
            "status": "error", "category": "VALIDATION_ERROR", "message": f"bad token {echo}",
            "context": {"token": [echo]}, "subCategory": echo, "correlationId": "c-1",
            "errors": [{"message": echo}],
        }  # fmt: skip
        return httpx.Response(400, json=body, headers={"X-Echo": f"Bearer {TOKEN}"})

    client, _, _ = make_client("2026-03", handler, token=TOKEN)
    with client.recording() as exchanges, pytest.raises(HubSpotError) as raised:
        client.labels.list("contacts", "companies")
    error: Any = raised.value
    kept = [str(error), repr(error), error.message, error.body, error.context, error.headers]
    kept += [error.sub_category, pickle.dumps(error).decode("latin-1")]
    kept += [dict(e.headers) for e in exchanges]
    assert leaks(*kept) == []
    assert REDACTED in error.message and error.correlation_id == "c-1"


@pytest.mark.parametrize("version", VERSIONS)
def test_per_item_errors_echoing_the_token_fail_their_inputs_without_it(version: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        echo = echoing(request)
        errors = [
            item_error("VALIDATION_ERROR", f"token {echo}", {"fromObjectId": ["1"], "t": [echo]})
        ]
        return reply(request, "batch_create", batch_body([], errors), partial=True)

    client, _, _ = make_client(version, handler, token=TOKEN)
    result = client.batch.create("contacts", "companies", [(1, 2, [("HUBSPOT_DEFINED", 1)])])
    (failure,) = result.errors
    assert failure.inputs and failure.message.startswith("token <redacted>")
    with pytest.raises(BatchError) as raised:
        result.raise_for_errors()
    assert leaks(failure.message, dict(failure.context), str(raised.value), repr(failure)) == []


def test_an_unbelievable_answer_echoing_the_token_is_quoted_without_it() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"unexpected": echoing(request)})

    client, _, _ = make_client("2026-03", handler, token=TOKEN, max_retries=0)
    with pytest.raises(MalformedResponseError) as raised:
        client.labels.list("contacts", "companies")
    assert leaks(str(raised.value)) == [] and REDACTED in str(raised.value)


def test_the_token_of_a_token_callable_is_cut_out_too() -> None:
    tokens = [TOKEN, TOKEN.replace("CJb7", "Zq9W")]
    calls = 0

    def source() -> str:
        return tokens[calls]

    def handler(request: httpx.Request) -> httpx.Response:
        token = request.headers["Authorization"].removeprefix("Bearer ")
        return httpx.Response(403, json={"message": f"token {token} lacks scopes"})

    client, _, _ = make_client("2026-03", handler, token=source)
    for calls, expected in enumerate(tokens):  # noqa: B007 - `source` reads it
        with pytest.raises(HubSpotError) as raised:
            client.labels.list("contacts", "companies")
        assert expected not in str(raised.value) and REDACTED in str(raised.value)


def test_redaction_is_exact_and_cheap_when_there_is_nothing_to_cut() -> None:
    body = b'{"results": [{"toObjectId": "5"}]}'
    assert redact(body, TOKEN) is body  # no copy of a big answer without the token
    assert redact(b"a tok b", "tok") == b"a tok b"  # too short to be a real token
    assert (
        redact_text(f"x{TOKEN}y{FORMS[1]}z{FORMS[2]}", TOKEN) == "x<redacted>y<redacted>z<redacted>"
    )
    assert redact(b"no token here", None) == b"no token here"


# --- the CLI's failures file -------------------------------------------------------------------


class Echo(BaseHTTPRequestHandler):
    """Answers every batch write with a per-item error quoting the request's token."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        inputs = json.loads(self.rfile.read(length))["inputs"]
        token = self.headers["Authorization"].removeprefix("Bearer ")
        ids = [i["from"]["id"] for i in inputs]
        error = item_error("VALIDATION_ERROR", f"token {token} refused", {"fromObjectId": ids})
        data = json.dumps(batch_body([], [error])).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        return None


@pytest.fixture
def echo_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_cli_failures_file_never_holds_the_token(
    echo_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("typer")
    from hubspot_associations.cli import main

    monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", TOKEN)
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("from_id,to_id\n1,2\n3,4\n")
    failures = tmp_path / "failures.csv"
    args = ["associate-default", "contacts", "companies", str(pairs), "--failures", str(failures)]
    code = main(
        [*args, "--base-url", echo_server, "--api-version", "2026-09", "--progress", "none"]
    )
    assert code == 1  # rows failed
    text = failures.read_text()
    assert leaks(text) == [] and "token <redacted> refused" in text
    assert len(list(csv.DictReader(text.splitlines()))) == 2
