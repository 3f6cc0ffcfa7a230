"""The ``hubspot-associations`` command: ``emulator`` (serve the local API) and ``demo``."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

from .versions import latest_version, supported_versions


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hubspot-associations",
        description="HubSpot CRM Associations SDK tools: a local emulator and a demo job.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    emu = sub.add_parser(
        "emulator",
        help="serve the local HubSpot associations emulator (v4 and 2026-03 paths)",
        description="Serve a stateful, in-memory HubSpot CRM Associations API until Ctrl-C. "
        "Point a client at http://HOST:PORT with any bearer token.",
    )
    emu.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    emu.add_argument("--port", type=int, default=8080, help="port (default 8080; 0 = any free)")
    emu.add_argument(
        "--strict-records",
        action="store_true",
        help="only seeded record ids exist (default: every digit-string id exists)",
    )
    emu.add_argument("--token", action="append", help="accept only this bearer token (repeatable)")
    emu.add_argument("--rate-limit", type=int, metavar="N", help="N requests per --interval")
    emu.add_argument("--interval", type=float, default=10.0, help="rate-limit window, seconds")
    emu.add_argument("--daily-limit", type=int, metavar="N", help="N requests in all (DAILY 429s)")
    emu.add_argument("--retry-after", type=float, help="send Retry-After (seconds) on 429s")
    emu.add_argument(
        "--error-rate", type=float, default=0.0, metavar="P",
        help="answer a fraction P of requests with a random 502/503/504",
    )  # fmt: skip
    emu.add_argument("--latency", type=float, default=0.0, help="added latency, seconds")
    emu.add_argument("--seed", type=int, default=0, help="seed for random faults")

    demo = sub.add_parser(
        "demo",
        help="run a realistic bulk job through the SDK against an embedded emulator",
    )
    demo.add_argument(
        "--version", choices=supported_versions(), default=latest_version(), help="API version"
    )
    demo.add_argument("--count", type=int, default=20_000, help="associations to create")
    demo.add_argument("--no-faults", action="store_true", help="run without injected faults")
    demo.add_argument("--seed", type=int, default=7, help="seed for the data and the faults")
    return parser


def _run_emulator(args: argparse.Namespace) -> int:
    from hubspot_associations.testing import Emulator, Faults

    faults = Faults(seed=args.seed)
    if args.rate_limit is not None or args.daily_limit is not None:
        faults.rate_limit(
            args.rate_limit, args.interval, daily=args.daily_limit, retry_after=args.retry_after
        )
    if args.error_rate:
        faults.fail_randomly(args.error_rate)
    if args.latency:
        faults.add_latency(args.latency)
    hub = Emulator(
        host=args.host,
        port=args.port,
        faults=faults,
        strict_records=args.strict_records,
        access_tokens=args.token,
    )
    print(
        f"HubSpot associations emulator on http://{args.host}:{args.port} "
        "(v4 and 2026-03; Ctrl-C to stop)",
        file=sys.stderr,
    )
    with contextlib.suppress(KeyboardInterrupt):
        hub.serve_forever()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "emulator":
        return _run_emulator(args)
    from hubspot_associations.demo import run_demo

    return run_demo(
        version=args.version, count=args.count, faults=not args.no_faults, seed=args.seed
    )


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
