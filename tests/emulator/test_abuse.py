"""The emulator under abuse: hostile ids, deep JSON, huge bodies, disconnects, the CLI."""

from __future__ import annotations

import pytest
from hubspot_associations.testing import Emulator

from .helpers import Api

HOSTILE_IDS = ["1\n", "\u0661", "007", "\uff11", "9223372036854775808", " 1"]


@pytest.mark.no_contract
@pytest.mark.parametrize("bad", HOSTILE_IDS, ids=repr)
def test_hostile_ids_in_bodies_are_refused_not_stored(
    api: Api, hubspot_emulator: Emulator, bad: str
) -> None:
    answer = api.create([(bad, "10")])
    assert answer.status_code == 207
    assert answer.json()["numErrors"] == 1
    assert hubspot_emulator.associations("contacts", "companies") == set()


@pytest.mark.no_contract
@pytest.mark.parametrize("bad", ["1\n", "\u0661", "007"], ids=repr)
def test_hostile_ids_in_paths_are_refused(api: Api, bad: str) -> None:
    from urllib.parse import quote

    answer = api.put(api.o(f"contacts/{quote(bad, safe='')}/associations/default/companies/10"))
    assert answer.status_code == 400
    assert answer.json()["category"] == "VALIDATION_ERROR"


@pytest.mark.no_contract
@pytest.mark.parametrize("bad", ["contacts\n", "cont\u0430cts", "2-0123", "contacts "], ids=repr)
def test_hostile_object_types_are_refused(api: Api, bad: str) -> None:
    from urllib.parse import quote

    answer = api.post(api.a(f"{quote(bad, safe='')}/companies/batch/read"), {"inputs": []})
    assert answer.status_code == 400
