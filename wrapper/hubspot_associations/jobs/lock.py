"""One process per journal: an exclusive lock on ``<journal>.lock`` for the whole run.

Two processes on one journal would send the same chunks and interleave their lines in the
same files. The lock is ``flock`` on a file beside the journal (SQLite's own locks only
guard single transactions), taken before ``--restart`` may remove anything; the holder's pid
is written in it, so a second process can say who holds it. The kernel drops the lock when
its holder dies, even by SIGKILL, so a stale lock file never blocks a resume. The holder
removes the file when done; a process that locked a file removed meanwhile tries again.
"""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX (Windows): runs are not locked
    fcntl = None  # type: ignore[assignment]


class LockHeld(Exception):
    """Another process holds the lock; ``pid`` is that process's id, if it could be read."""

    def __init__(self, path: Path, pid: int | None) -> None:
        self.path, self.pid = path, pid
        self.holder = f"process {pid}" if pid is not None else "another process"
        super().__init__(f"{path} is locked by {self.holder}")


class JobLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise ``LockHeld`` at once (never waits); ``OSError`` if the
        lock file cannot be created."""
        if fcntl is None:  # pragma: no cover
            return
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                pid = _read_pid(fd)
                os.close(fd)
                raise LockHeld(self.path, pid) from None
            except BaseException:
                os.close(fd)
                raise
            if _same_file(self.path, fd):
                break
            os.close(fd)  # its holder removed it as we locked it: lock the new one
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)  # while still holding it (see acquire)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> JobLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii").strip()
        return int(text) if text.isdigit() else None
    except (OSError, UnicodeDecodeError):
        return None


def _same_file(path: Path, fd: int) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False
