"""A sync step in a process of its own, for the kill -9 test: ``python sync_child.py URL
plan|apply PLAN_FILE DESIRED_CSV``. It prints ``request`` as each request starts (the test
kills it a random moment after one of them) and ``done`` at the end."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator

import httpx
from hubspot_associations import Client, syncing


def rows(path: str) -> Iterator[tuple[str, str, str | None]]:
    with open(path, newline="") as f:
        for from_id, to_id, label in csv.reader(f):
            yield from_id, to_id, label or None


def main() -> None:
    url, phase, plan_path, desired = sys.argv[1:5]

    def started(request: httpx.Request) -> None:
        print("request", flush=True)

    http = httpx.Client(event_hooks={"request": [started]})
    with Client("test", base_url=url, http_client=http) as client:
        if phase == "plan":
            syncing.plan(client, "contacts", "companies", rows(desired), prune=True,
                         max_prune=10**6, path=plan_path)  # fmt: skip
        else:
            syncing.apply(client, plan_path)
    print("done", flush=True)


if __name__ == "__main__":
    main()
