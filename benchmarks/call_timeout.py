"""What ``call_timeout`` costs a sync call (issue 16): under one, ``Client`` runs each attempt
on a thread of its own that the call waits on (``_deadline``); without one, nothing changes.

Run with ``python benchmarks/call_timeout.py [--calls N --rounds R]``. It prints, and asserts
nothing: the median and best time per ``labels.list`` call against the emulator (in its own
process, so the client does not share its interpreter), for a client without and one with a
``call_timeout``, the rounds interleaved so both see the same load.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from hubspot_associations import Client

SERVE = (
    "import sys\n"
    "from hubspot_associations.testing import Emulator\n"
    "with Emulator() as hub:\n"
    "    print(hub.url, flush=True)\n"
    "    sys.stdin.read()\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=400, help="calls per round")
    parser.add_argument("--rounds", type=int, default=7, help="rounds per client")
    args = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert server.stdout is not None and server.stdin is not None
    url = server.stdout.readline().strip()
    clients = {
        "no call_timeout": Client("bench", base_url=url),
        "call_timeout=30": Client("bench", base_url=url, call_timeout=30),
    }
    times: dict[str, list[float]] = {name: [] for name in clients}
    try:
        for client in clients.values():  # warm up: imports, connections, the thread
            for _ in range(50):
                client.labels.list("contacts", "companies")
        for _ in range(args.rounds):
            for name, client in clients.items():
                started = time.perf_counter()
                for _ in range(args.calls):
                    client.labels.list("contacts", "companies")
                times[name].append((time.perf_counter() - started) / args.calls * 1e6)
    finally:
        for client in clients.values():
            client.close()
        server.stdin.close()
        server.wait()
    print(f"labels.list against the emulator, {args.rounds} rounds of {args.calls} calls")
    for name, per_call in times.items():
        print(
            f"  {name:16} median {statistics.median(per_call):7.0f} us/call"
            f"   best {min(per_call):7.0f} us/call"
        )


if __name__ == "__main__":
    main()
