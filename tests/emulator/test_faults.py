"""Fault injection: rate limits, scripted and random errors, latency, drops, malformed bodies;
and the request log and counters."""

from __future__ import annotations

import threading
import time
from collections import Counter

import httpx
import pytest
from hubspot_associations.testing import Emulator, Faults

from .helpers import Api, assert_error


def _labels(api: Api) -> httpx.Response:
    return api.get(api.s("contacts/companies/labels"))


def test_ten_secondly_rolling_429_with_headers(api: Api) -> None:
    api.hub.faults.rate_limit(3, interval=0.5)
    ok = [_labels(api) for _ in range(3)]
    assert all(r.status_code == 200 for r in ok)
    assert ok[0].headers["X-HubSpot-RateLimit-Max"] == "3"
    assert ok[0].headers["X-HubSpot-RateLimit-Interval-Milliseconds"] == "500"
    assert [r.headers["X-HubSpot-RateLimit-Remaining"] for r in ok] == ["2", "1", "0"]
    limited = _labels(api)
    body = assert_error(limited, 429, "RATE_LIMITS")
    assert body["policyName"] == "TEN_SECONDLY_ROLLING"
    assert body["errorType"] == "RATE_LIMIT"
    assert "Retry-After" not in limited.headers
    time.sleep(0.55)  # the window rolls on
    assert _labels(api).status_code == 200
    assert api.hub.stats().faults["429 TEN_SECONDLY_ROLLING"] == 1


def test_retry_after_header(api: Api) -> None:
    api.hub.faults.rate_limit(1, interval=10, retry_after=2)
    _labels(api)
    limited = _labels(api)
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "2"


def test_daily_429_and_headers(api: Api) -> None:
    api.hub.faults.rate_limit(None, daily=2)
    first = _labels(api)
    assert first.headers["X-HubSpot-RateLimit-Daily"] == "2"
    assert first.headers["X-HubSpot-RateLimit-Daily-Remaining"] == "1"
    _labels(api)
    body = assert_error(_labels(api), 429, "RATE_LIMITS")
    assert body["policyName"] == "DAILY"
    assert api.hub.requests[-1].fault == "429 DAILY"


def test_rate_limited_requests_change_nothing(api: Api) -> None:
    api.hub.faults.rate_limit(1, interval=30)
    assert api.create([(1, 2)]).status_code == api.ok("batch_create")
    assert api.create([(3, 4)]).status_code == 429
    assert api.hub.associations("contacts", "companies") == {("1", "2")}


def test_fail_next_by_operation_name(api: Api) -> None:
    api.hub.faults.fail_next(2, status=502, match="batch_create")
    assert _labels(api).status_code == 200  # other operations untouched
    assert_error(api.create([(1, 2)]), 502)
    assert_error(api.create([(1, 2)]), 502)
    assert api.hub.associations("contacts", "companies") == set()  # failed before any effect
    assert api.create([(1, 2)]).status_code == api.ok("batch_create")
    log = api.hub.requests
    assert [r.status for r in log] == [200, 502, 502, api.ok("batch_create")]
    assert [r.fault for r in log] == [None, "status 502", "status 502", None]
    assert log[1].operation == "batch_create" and log[1].method == "POST"
    assert log[1].body["inputs"][0]["from"] == {"id": "1"}
    assert log[1].version == api.version


def test_fail_next_by_path_regex_and_method(api: Api) -> None:
    api.hub.faults.fail_next(1, status=503, match=r"/labels$", method="POST")
    assert _labels(api).status_code == 200
    assert_error(api.post(api.s("contacts/companies/labels"), {"name": "a", "label": "A"}), 503)


def test_injected_429_and_403_bodies(api: Api) -> None:
    api.hub.faults.fail_next(1, status=429).fail_next(1, status=403)
    assert assert_error(_labels(api), 429, "RATE_LIMITS")["policyName"] == "TEN_SECONDLY_ROLLING"
    assert "requiredScopes" in assert_error(_labels(api), 403, "MISSING_SCOPES")["context"]


def test_random_errors_are_seeded_and_reproducible(version: str) -> None:
    def run() -> list[int]:
        with Emulator(faults=Faults(seed=42).fail_randomly(0.3)) as hub:
            api = Api(hub, version)
            return [_labels(api).status_code for _ in range(40)]

    first, second = run(), run()
    assert first == second
    assert set(first) - {200} <= {502, 503, 504}
    assert 3 <= sum(s != 200 for s in first) <= 25


def test_added_latency(api: Api) -> None:
    api.hub.faults.add_latency(0.2, match="labels_list")
    start = time.monotonic()
    assert _labels(api).status_code == 200
    assert time.monotonic() - start >= 0.2
    assert api.hub.requests[-1].duration >= 0.2


@pytest.mark.no_contract
def test_dropped_connection(api: Api) -> None:
    api.hub.faults.drop_next(1, match="batch_create")
    with pytest.raises(httpx.TransportError):
        api.create([(1, 2)])
    assert api.hub.associations("contacts", "companies") == set()
    assert api.hub.requests[-1].fault == "dropped" and api.hub.requests[-1].status == 0
    assert api.create([(1, 2)]).status_code == api.ok("batch_create")  # the server carries on


@pytest.mark.no_contract
def test_dropped_after_processing_keeps_the_effect(api: Api) -> None:
    api.hub.faults.drop_next(1, match="batch_create", after_processing=True)
    with pytest.raises(httpx.TransportError):
        api.create([(1, 2)])
    assert api.hub.associations("contacts", "companies") == {("1", "2")}


@pytest.mark.no_contract
@pytest.mark.parametrize("after_processing", [False, True])
def test_random_drops_before_or_after_processing(api: Api, after_processing: bool) -> None:
    # The README's form: drop_randomly(p, after_processing=True) (a TypeError before).
    api.hub.faults.drop_randomly(1.0, match="batch_create", after_processing=after_processing)
    for pair in [(1, 2), (3, 4)]:
        with pytest.raises(httpx.TransportError):
            api.create([pair])
    kept = {("1", "2"), ("3", "4")} if after_processing else set()
    assert api.hub.associations("contacts", "companies") == kept
    assert api.hub.stats().faults["dropped"] == 2


@pytest.mark.no_contract
def test_malformed_bodies(api: Api) -> None:
    api.hub.faults.malform_next(1, match="batch_create").malform_next(1, match="archive")
    resp = api.create([(1, 2)])
    assert resp.status_code == api.ok("batch_create")
    with pytest.raises(ValueError):
        resp.json()
    resp = api.delete(api.o("contacts/1/associations/companies/2"))
    assert resp.status_code == 200 and not resp.text.startswith("{")
    assert api.hub.stats().faults["malformed"] == 2


def test_stats_and_reset(api: Api) -> None:
    api.hub.faults.fail_next(1, status=500)
    _labels(api)
    _labels(api)
    api.create([(1, 2)])
    stats = api.hub.stats()
    assert stats.requests == 3
    assert stats.by_status == Counter([500, 200, api.ok("batch_create")])
    assert stats.by_operation == {"labels_list": 2, "batch_create": 1}
    assert api.hub.faults.injected["status 500"] == 1
    api.hub.reset()
    assert api.hub.requests == [] and api.hub.stats().requests == 0
    assert api.hub.associations("contacts", "companies") == set()
    assert api.hub.faults.rules == []


def test_faults_change_at_run_time_from_another_thread(api: Api) -> None:
    statuses: list[int] = []

    def worker() -> None:
        with httpx.Client(base_url=api.hub.url, headers={"Authorization": "Bearer t"}) as http:
            for _ in range(60):
                statuses.append(http.get(api.s("contacts/companies/labels")).status_code)

    thread = threading.Thread(target=worker)
    thread.start()
    for _ in range(20):
        api.hub.faults.fail_next(1, status=503)
        time.sleep(0.002)
    thread.join()
    injected = api.hub.faults.injected["status 503"]
    assert statuses.count(503) == injected
    assert len(statuses) == 60
    assert api.hub.stats().requests == 60
