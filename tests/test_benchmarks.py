"""The benchmarks still run: each, at a tiny size, ends without an error and reports what it
measures (figures are not checked: benchmarks assert nothing on time). Without this, a
change to the emulator or a journal's signature broke ``scripts/benchmark --sync`` and
``--cli`` unnoticed. bulk.py and import_cost.py need the peers' venvs and are left out."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def run(script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True, text=True, timeout=300, cwd=BENCHMARKS,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_sync_benchmark_applies_exactly_the_plan_and_plans_nothing_after() -> None:
    out = run("sync.py", "--pairs", "2000", "--from-ids", "200")
    assert "counts: rows 2,000, from-ids 200, current 1,900, create 200, add_labels 100, " \
        "remove_labels 10, archive 100, refused 0" in out  # fmt: skip
    assert "inputs sent: archive 100 (planned 100), archive labels 10 (planned 10), " \
        "create 300 (planned 300 = create + add_labels)" in out  # fmt: skip
    again = out.split("plan again after apply")[1]
    assert "current 2,000, create 0, add_labels 0, remove_labels 0, archive 0" in again


def test_the_cli_benchmark_runs_the_job_and_the_library() -> None:
    out = run("cli.py", "--rows", "3000")
    assert re.search(r"CLI peak RSS growth: [\d.]+ MiB", out)
    assert "CLI exit status 0" in out


def test_the_call_timeout_benchmark_runs() -> None:
    out = run("call_timeout.py", "--calls", "5", "--rounds", "1")
    assert "call_timeout=30  median" in out


def test_the_workers_benchmark_ends_exact() -> None:
    out = run("workers.py", "--workers", "2", "--count", "2000", "--per-second", "20")
    # one row per way of limiting, each ending in its state: "exact" or "N of M stored"
    assert out.count("  exact\n") == 3 and " stored" not in out, out
