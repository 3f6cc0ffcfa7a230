"""``HUBSPOT_BASE_URL`` (issue 19): a client made without ``base_url`` sends to it when it is
set, checked as ``base_url`` is (a bad one raises ``ConfigurationError`` naming the variable,
never echoing it); an explicit ``base_url`` wins; unset or empty, HubSpot's."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hubspot_associations import AsyncClient, Client, ConfigurationError
from hubspot_associations.testing import Emulator

CLIENTS = [Client, AsyncClient]


@pytest.fixture(autouse=True)
def no_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUBSPOT_BASE_URL", raising=False)


def test_a_client_without_base_url_sends_to_the_variable(
    hubspot_emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUBSPOT_BASE_URL", hubspot_emulator.url + "/")
    with Client("t") as client:
        assert repr(client).endswith(f"base_url={hubspot_emulator.url!r})")
        assert client.labels.list("contacts", "companies")
    assert hubspot_emulator.stats().requests == 1


async def test_an_async_client_without_base_url_sends_to_the_variable(
    hubspot_emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUBSPOT_BASE_URL", hubspot_emulator.url)
    async with AsyncClient("t") as client:
        assert await client.labels.list("contacts", "companies")
    assert hubspot_emulator.stats().requests == 1


@pytest.mark.parametrize("cls", CLIENTS)
def test_an_explicit_base_url_wins(cls: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUBSPOT_BASE_URL", "http://127.0.0.1:1")
    assert "base_url='http://127.0.0.1:2'" in repr(cls("t", base_url="http://127.0.0.1:2"))


@pytest.mark.parametrize("value", [None, ""], ids=["unset", "empty"])
@pytest.mark.parametrize("cls", CLIENTS)
def test_without_the_variable_it_is_hubspot(
    cls: Any, value: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if value is not None:
        monkeypatch.setenv("HUBSPOT_BASE_URL", value)
    assert "base_url='https://api.hubapi.com'" in repr(cls("t"))


BAD = {
    "no scheme": ("api.example.com", "must be an http(s) URL"),
    "credentials": ("https://me:s3cret-pass@proxy.example", "must not contain credentials"),
    "query": ("https://proxy.example/?a=1", "no query"),
    "bad port": ("https://proxy.example:99999", "not a valid URL"),
}


@pytest.mark.parametrize(("value", "reason"), BAD.values(), ids=BAD.keys())
@pytest.mark.parametrize("cls", CLIENTS)
def test_a_bad_variable_is_refused_like_a_bad_base_url(
    cls: Any, value: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUBSPOT_BASE_URL", value)
    with pytest.raises(ConfigurationError, match=re.escape(reason)) as info:
        cls("t")
    assert str(info.value).startswith("HUBSPOT_BASE_URL: base_url ")
    assert "s3cret" not in str(info.value)
