"""The ``hubspot-associations`` command: bulk jobs from files, the local emulator, the demo.

The command-line tools need the ``cli`` extra (click, rich):
``pip install 'hubspot-associations[cli]'``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit status (0 ok, 1 some inputs failed, 2 usage/fatal)."""
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


__all__ = ["main"]
