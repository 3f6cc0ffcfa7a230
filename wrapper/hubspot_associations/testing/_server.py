"""`Emulator`: the ASGI app served by uvicorn on 127.0.0.1 in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from types import TracebackType
from typing import Any

import uvicorn

from ._app import EmulatorApp
from ._faults import Faults
from ._log import RecordedRequest, Stats
from ._model import Store

__all__ = ["Emulator"]


class Emulator:
    """A stateful, in-memory HubSpot CRM Associations API (every API version) on a local port.

    ::

        with Emulator() as hub:
            client = Client(base_url=hub.url, access_token="test")

    Every digit-string record id exists unless `strict_records=True` (then only seeded ones do)
    or it was deleted with :meth:`delete_records`. Any non-empty bearer token is accepted unless
    `access_tokens` lists the valid ones. `faults` (or :attr:`faults` at run time) injects rate
    limits, errors, latency, dropped connections and malformed bodies. The request log keeps
    the last `log_limit` requests (None: all); `record_bodies=False` leaves bodies out of it.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        faults: Faults | None = None,
        strict_records: bool = False,
        access_tokens: Iterable[str] | None = None,
        batch_read_page_size: int = 500,
        record_bodies: bool = True,
        log_limit: int | None = 100_000,
    ) -> None:
        self.host = host
        self.port = port
        self.store = Store(strict_records=strict_records, batch_read_page_size=batch_read_page_size)
        self.faults = faults if faults is not None else Faults()
        self.app = EmulatorApp(
            self.store,
            self.faults,
            access_tokens=access_tokens,
            record_bodies=record_bodies,
            log_limit=log_limit,
        )
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    # --------------------------------------------------------------- lifecycle
    @property
    def url(self) -> str:
        """Base URL to hand to a client, e.g. ``http://127.0.0.1:53211``."""
        if self._socket is None:
            raise RuntimeError("the emulator is not running; use `with Emulator() as hub:`")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> Emulator:
        if self.running:
            return self
        sock = self._bind()
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            lifespan="off",
            http="h11",
            access_log=False,
            timeout_keep_alive=30,
        )
        server = uvicorn.Server(config)
        self._server = server
        self._thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="hubspot-emulator", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the emulator's server did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def _bind(self) -> socket.socket:
        """Listen on host:port (port 0: a free one, then ``self.port`` is the real one)."""
        # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on such sockets (else ~40 ms
        # Nagle stalls per request).
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.listen(1024)
        self.port = sock.getsockname()[1]
        self._socket = sock
        return sock

    def serve_forever(self, on_ready: Callable[[str], None] | None = None) -> None:
        """Serve in the calling thread until interrupted (the command line uses this).

        ``on_ready(url)`` is called once the port is bound, with the real URL (also for
        ``port=0``)."""
        sock = self._bind()
        if on_ready is not None:
            on_ready(self.url)
        config = uvicorn.Config(self.app, log_level="info", lifespan="off", http="h11")
        try:
            uvicorn.Server(config).run(sockets=[sock])
        finally:
            sock.close()
            self._socket = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -------------------------------------------------------------- state
    def reset(self) -> None:
        """Forget all associations, labels, limits, seeded records, faults and the log."""
        self.store.reset()
        self.faults.clear()
        self.app.clear_log()

    def seed_records(
        self, object_type: str, records: Iterable[str | int] | Mapping[str, Mapping[str, str]]
    ) -> None:
        """Declare records as existing: ids, or a mapping id -> properties (for search)."""
        self.store.seed_records(object_type, records)

    def delete_records(self, object_type: str, ids: Iterable[str | int]) -> None:
        """Make records unknown: requests naming them get OBJECT_NOT_FOUND errors."""
        self.store.delete_records(object_type, ids)

    def associations(self, from_type: str, to_type: str) -> set[tuple[str, str]]:
        """The (from id, to id) pairs currently associated from one object type to another."""
        return self.store.pairs(self.store.object_type(from_type), self.store.object_type(to_type))

    def association_types(
        self, from_type: str, from_id: str | int, to_type: str, to_id: str | int
    ) -> list[tuple[str, int, str | None]]:
        """(category, typeId, label) of every type stored between two records."""
        a, b = self.store.object_type(from_type), self.store.object_type(to_type)
        return [
            (t.category, t.type_id, t.label) for t in self.store.get(a, str(from_id), b, str(to_id))
        ]

    # ----------------------------------------------------------------- log
    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in order (method, path, body, status, fault...)."""
        return self.app.requests

    def stats(self) -> Stats:
        """Counters: requests, by status, by operation, by injected fault."""
        return self.app.stats()

    def clear_log(self) -> None:
        self.app.clear_log()

    def __repr__(self) -> str:
        where = f"{self.host}:{self.port}" if self.running else "stopped"
        return f"<Emulator {where}>"

    def __getstate__(self) -> dict[str, Any]:  # pragma: no cover - not picklable on purpose
        raise TypeError("Emulator objects cannot be pickled")
