"""The ``hubspot-associations`` command: bulk jobs from files, the local emulator, the demo.

The command-line tools need the ``cli`` extra (click, rich):
``pip install 'hubspot-associations[cli]'``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit status (0 ok, 1 some inputs failed, 2 usage/fatal)."""
    _fill_closed_std_streams()
    try:
        from ._app import run
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        print(
            f"hubspot-associations: the command line needs the cli extra ({exc.name} is "
            "missing): pip install 'hubspot-associations[cli]'",
            file=sys.stderr,
        )
        return 2
    return run(argv)


def _fill_closed_std_streams() -> None:
    """Standard streams the caller closed (``>&- 2>&-``; Python then leaves ``sys.stdout``
    None) become /dev/null: what is written to them goes nowhere instead of raising, and no
    file the command opens (a journal) takes descriptor 0, 1 or 2 for stray writes."""
    for fd, name in enumerate(("stdin", "stdout", "stderr")):
        if getattr(sys, name) is not None:
            continue
        null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
        setattr(sys, name, open(fd, "r" if fd == 0 else "w", encoding="utf-8", closefd=False))  # noqa: SIM115


__all__ = ["main"]
