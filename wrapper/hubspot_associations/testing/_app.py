"""The emulator's ASGI application: one dispatcher for every path.

A request is routed (`_routing`), authenticated, rate-limited and given its faults
(`_faults`), checked (`_requests`) and handled (`_handlers`, `_search`) against the
`Store` (`_model`); errors become HubSpot's Error bodies (`_replies`); every request is
recorded in the log (`_log`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, unquote

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ._faults import Decision, Faults
from ._log import RecordedRequest, RequestLog, Stats, recorded_body
from ._model import ItemError, Store
from ._replies import HttpError, Reply, injected, item_to_http, now, rate_limited
from ._requests import Ctx, validate_body
from ._routing import Operation, build_operations, resolve

__all__ = ["DroppedConnection", "EmulatorApp", "RecordedRequest", "Stats"]


class DroppedConnection(Exception):
    """Raised on purpose to make the server close a connection without a complete answer."""


class _DropFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        while exc is not None:
            if isinstance(exc, DroppedConnection):
                return False
            exc = exc.__cause__ or exc.__context__
        return True


_DROP_FILTER = _DropFilter()
logging.getLogger("uvicorn.error").addFilter(_DROP_FILTER)


class _DroppedResponse(Response):
    """Starts an answer, sends part of it and then breaks the connection."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"4096")],
            }
        )
        await send({"type": "http.response.body", "body": b'{"status":"COMPL', "more_body": True})
        raise DroppedConnection("connection dropped by fault injection")


class EmulatorApp:
    """The ASGI application: Starlette requests and responses, one dispatcher for all paths."""

    def __init__(
        self,
        store: Store,
        faults: Faults,
        *,
        access_tokens: Iterable[str] | None = None,
        record_bodies: bool = True,
        log_limit: int | None = 100_000,
    ) -> None:
        self.store = store
        self.faults = faults
        self.access_tokens = frozenset(access_tokens) if access_tokens is not None else None
        self.record_bodies = record_bodies
        self.operations = build_operations()
        self._log = RequestLog(log_limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Every path goes to one dispatcher (no Starlette router: its path patterns do not
        # match every byte a client may percent-encode, and each miss must be an Error body).
        if scope["type"] != "http":  # lifespan and websockets: nothing to do
            return
        try:
            response = await self._endpoint(Request(scope, receive))
        except ClientDisconnect:  # the client went away mid-request: nobody to answer
            return
        await response(scope, receive, send)

    # ------------------------------------------------------------------- log
    @property
    def requests(self) -> list[RecordedRequest]:
        return self._log.entries()

    def clear_log(self) -> None:
        self._log.clear()

    def stats(self) -> Stats:
        return self._log.stats()

    def resolve(
        self, method: str, raw_path: str
    ) -> tuple[Operation | None, dict[str, str], list[str]]:
        """(operation, params, methods allowed on the path) for a request."""
        return resolve(self.operations, method, raw_path)

    # ------------------------------------------------------------- endpoint
    async def _endpoint(self, request: Request) -> Response:
        started_at = time.monotonic()
        raw_path = request.scope.get("raw_path", b"").split(b"?")[0].decode("latin-1")
        raw_path = raw_path or request.url.path
        method = request.method
        query = dict(parse_qsl(request.url.query, keep_blank_values=True))
        raw = await request.body()
        op, params, allowed = self.resolve(method, raw_path)
        fault: str | None = None
        rate_headers: dict[str, str] = {}
        decision = Decision()
        reply: Reply
        try:
            if op is None:
                if allowed:
                    raise HttpError(
                        405,
                        f"Method {method} is not allowed on {raw_path}",
                        headers={"Allow": ", ".join(sorted(set(allowed)))},
                    )
                raise HttpError(404, f"No operation at {method} {raw_path}")
            self._authenticate(request)
            policy, rate_headers = self.faults.rate_check()
            if policy is not None:
                fault = f"429 {policy}"
                raise rate_limited(policy, rate_headers)
            decision = self.faults.decide(method, op.name, raw_path)
            if decision.delay:
                await asyncio.sleep(decision.delay)
            self._check_expiry(request)  # after the latency: a token can expire on the way
            if decision.drop and not decision.drop_after:
                self._record(method, raw_path, query, raw, 0, op, "dropped", started_at)
                return _DroppedResponse()
            if decision.status is not None:
                fault = f"status {decision.status}"
                raise injected(decision.status, decision.retry_after)
            # In a worker thread: the event loop stays free to take (and authenticate, rate-
            # limit and delay) other requests on arrival, as HubSpot does, while one is handled.
            reply = await asyncio.to_thread(self._handle, op, params, query, raw)
        except HttpError as err:
            reply = err.reply()
        except ItemError as err:  # pragma: no cover - handlers convert these
            reply = item_to_http(err).reply()
        if decision.drop:  # after processing: the work is done, the answer is lost
            self._record(method, raw_path, query, raw, 0, op, "dropped", started_at)
            return _DroppedResponse()
        headers = {**rate_headers, **reply.headers}
        headers.setdefault("X-HubSpot-Correlation-Id", str(uuid.uuid4()))
        if reply.body is None:
            content = b""
        else:
            content = json.dumps(reply.body, separators=(",", ":")).encode()
        status = reply.status
        media_type: str | None = "application/json" if reply.body is not None else None
        if decision.malformed and op is not None:
            fault = "malformed"
            if content:
                content = content[: max(1, len(content) // 2)]
            else:
                status, content = 200, b"<html><body>upstream error</body>"
            media_type = "application/json"
        self._record(method, raw_path, query, raw, status, op, fault, started_at)
        return Response(content, status_code=status, headers=headers, media_type=media_type)

    def _authenticate(self, request: Request) -> None:
        auth = request.headers.get("authorization", "")
        parts = auth.split()
        token = parts[1] if len(parts) == 2 else ""
        if len(parts) != 2 or parts[0].lower() != "bearer":
            raise HttpError(
                401,
                "Authentication credentials not found. This API supports OAuth 2.0 "
                "authentication and private app access tokens.",
                "INVALID_AUTHENTICATION",
            )
        if self.access_tokens is not None and token not in self.access_tokens:
            raise HttpError(
                401,
                "The access token provided is invalid or has expired.",
                "INVALID_AUTHENTICATION",
                sub_category="INVALID_OAUTH_TOKEN",
            )

    def _handle(
        self, op: Operation, params: dict[str, str], query: dict[str, str], raw: bytes
    ) -> Reply:
        body = validate_body(op.version, op.model, raw) if op.model else None
        ctx = Ctx(self.store, op.version, params, query, body, now(), dict(op.success), op.cap)
        return op.handler(ctx)

    def _check_expiry(self, request: Request) -> None:
        token = request.headers.get("authorization", "").partition(" ")[2].strip()
        expired = self.faults.token_expired(token)
        if expired is not None:
            raise HttpError(
                401,
                f"The OAuth token used to make this call expired {int(expired)} second(s) ago.",
                "EXPIRED_AUTHENTICATION",
            )

    def _record(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        raw: bytes,
        status: int,
        op: Operation | None,
        fault: str | None,
        started_at: float,
    ) -> None:
        body: Any = None
        if raw and self.record_bodies:
            body = recorded_body(raw)
        entry = RecordedRequest(
            method=method,
            path=unquote(path),
            query=query,
            body=body,
            status=status,
            operation=op.name if op else None,
            version=op.version if op else None,
            fault=fault,
            at=time.time(),
            duration=time.monotonic() - started_at,
        )
        self._log.append(entry)
