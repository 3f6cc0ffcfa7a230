"""Resumable bulk jobs from files: the engine behind ``hubspot-associations <job>``.

``run_job(JobOptions(...), client_factory)`` streams a CSV/JSONL input in fixed chunks,
sends them concurrently with the SDK's batch calls, and journals every answered chunk in
SQLite, so a job killed at any moment resumes without resending answered chunks and writes
each failure exactly once.
"""

from .kinds import KINDS, Failure, JobKind
from .runner import JobError, JobOptions, JobReport, Reporter, run_job

__all__ = [
    "KINDS",
    "Failure",
    "JobError",
    "JobKind",
    "JobOptions",
    "JobReport",
    "Reporter",
    "run_job",
]
