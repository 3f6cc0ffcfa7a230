"""The job progress reporters in-process: the rich bar a terminal gets, the plain lines of
logs and pipes (the command-line tests run the jobs without a terminal)."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("rich")

from hubspot_associations.jobs.progress import BarReporter, LineReporter
from rich.console import Console


def test_bar_reporter_shows_resume_failures_and_rate() -> None:
    out = io.StringIO()
    bar = BarReporter(
        "associate-default contacts companies",
        console=Console(file=out, force_terminal=True, width=120, color_system=None),
    )
    bar.start(total=4_000, done=1_000, resumed=True)
    bar.advance(2_000, failed=3)
    bar.advance(1_000, failed=0)
    bar.stop()
    text = out.getvalue()
    assert "associate-default contacts companies (resuming: 1,000 rows already done)" in text
    assert "4000/4000" in text
    assert "3 failed" in text
    assert "rows/s" in text


def test_line_reporter_lines_with_total_eta_and_without_total() -> None:
    out = io.StringIO()
    lines = LineReporter("create", interval=0.0, stream=out)
    lines.start(total=100, done=20, resumed=True)
    lines.advance(30, failed=2)
    lines.stop()
    text = out.getvalue().splitlines()
    assert text[0] == "create: resuming, 20 rows already done"
    assert text[1].startswith("create: 50/100 rows (50.0 %), 2 failed, ")
    assert ", ETA 0:00:00" in text[1] and "elapsed 0:00:00" in text[1]

    out = io.StringIO()
    lines = LineReporter("archive", interval=3600.0, stream=out)
    lines.start(total=None, done=0, resumed=False)
    lines.advance(7, failed=0)  # within the interval: nothing printed
    assert out.getvalue() == ""
    lines.stop()
    assert out.getvalue().startswith("archive: 7 rows, 0 failed, ")
    assert "ETA" not in out.getvalue()
