"""The demo job: a bulk associations run through the SDK against the embedded emulator."""

from __future__ import annotations


def run_demo(
    *, version: str = "2026-03", count: int = 20_000, faults: bool = True, seed: int = 7
) -> int:
    raise NotImplementedError("the demo lands with the client")
