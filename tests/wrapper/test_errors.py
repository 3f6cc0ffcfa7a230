"""Error mapping, and the access token kept out of str/repr/logs of clients and exceptions."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from hubspot_associations import (
    APIStatusError,
    AsyncClient,
    AuthenticationError,
    Client,
    ConfigurationError,
    HubSpotError,
    MissingScopesError,
    NotFoundError,
    ServerError,
    ValidationError,
)

from tests.spec_facts import VERSIONS, has

from .fakes import (
    BASE,
    TOKEN,
    error_response,
    item_error,
    list_page,
    make_async_client,
    make_client,
    to_item,
)


def fails_with(response: httpx.Response) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            response.status_code, headers=response.headers, content=response.content
        )

    return handler


def list_all(client: Client) -> list[Any]:
    return list(client.records.list("contacts", 1, "companies"))


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    ("status", "category", "cls"),
    [
        (400, "VALIDATION_ERROR", ValidationError),
        (401, "INVALID_AUTHENTICATION", AuthenticationError),
        (403, "MISSING_SCOPES", MissingScopesError),
        (404, "OBJECT_NOT_FOUND", NotFoundError),
        (409, "CONFLICT", APIStatusError),
        (500, "INTERNAL_ERROR", ServerError),
    ],
)
def test_status_maps_to_one_exception_class(
    version: str, status: int, category: str, cls: type
) -> None:
    client, _, _ = make_client(version, fails_with(error_response(status, category, "it failed")))
    with pytest.raises(cls) as raised:
        list_all(client)
    error = raised.value
    assert isinstance(error, HubSpotError) and isinstance(error, APIStatusError)
    assert (error.status, error.category, error.message) == (status, category, "it failed")
    assert error.correlation_id is not None and error.correlation_id in str(error)


@pytest.mark.parametrize("version", VERSIONS)
def test_missing_scopes_lists_the_scopes(version: str) -> None:
    response = error_response(
        403,
        "MISSING_SCOPES",
        "This app hasn't been granted all required scopes to make this call.",
        context={"requiredScopes": ["crm.objects.contacts.read", "crm.objects.companies.read"]},
    )
    client, _, _ = make_client(version, fails_with(response))
    with pytest.raises(MissingScopesError) as raised:
        list_all(client)
    assert raised.value.scopes == ["crm.objects.contacts.read", "crm.objects.companies.read"]
    assert "crm.objects.companies.read" in str(raised.value)


@pytest.mark.parametrize("version", VERSIONS)
def test_auth_failure_in_a_batch_stops_sending_further_chunks(version: str) -> None:
    client, recorder, _ = make_client(
        version, fails_with(error_response(401, "INVALID_AUTHENTICATION", "expired"))
    )
    result = client.batch.archive("contacts", "companies", [(i, i) for i in range(5000)])
    assert len(recorder.requests) == 1 and len(result.failed_inputs) == 5000
    assert all(isinstance(f.error, AuthenticationError) for f in result.errors)


@pytest.mark.parametrize("version", VERSIONS)
def test_single_call_body_errors_raise(version: str) -> None:
    body = {
        "status": "COMPLETE",
        "startedAt": "2026-03-01T10:00:00Z",
        "completedAt": "2026-03-01T10:00:01Z",
        "results": [],
        "errors": [item_error("OBJECT_NOT_FOUND", "no record 2", {"ids": ["2"]})],
        "numErrors": 1,
    }
    client, _, _ = make_client(version, fails_with(httpx.Response(200, json=body)))
    with pytest.raises(APIStatusError, match="no record 2"):
        client.records.associate("contacts", 1, "companies", 2)


# --- the token never shows ----------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_token_absent_from_repr_str_logs_and_exceptions(
    version: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    answers = iter([lambda r, _: error_response(502, "BAD_GATEWAY", "x"), list_page])
    client, recorder, _ = make_client(version, lambda r: next(answers)(r, [to_item("2")]))
    assert list_all(client)[0].to_id == "2"
    client2, _, _ = make_client(
        version, fails_with(error_response(401, "INVALID_AUTHENTICATION", "bad"))
    )
    with pytest.raises(AuthenticationError) as raised:
        list_all(client2)
    assert recorder.requests[0].headers["authorization"] == f"Bearer {TOKEN}"
    texts = [
        repr(client),
        str(client),
        repr(client.records),
        repr(client._settings.token),
        repr(client._settings),
        str(raised.value),
        repr(raised.value),
        repr(vars(raised.value)),
        caplog.text,
    ]
    assert recorder.requests[0].url.path in caplog.text  # DEBUG logs the requests
    assert (
        f"retrying {'list' if has(version, 'list') else 'batch_read'} in" in caplog.text
    )  # and the retries
    for text in texts:
        assert TOKEN not in text and "SECRET" not in text


def test_token_from_env_and_callable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUBSPOT_ACCESS_TOKEN", raising=False)
    with pytest.raises(ConfigurationError, match="HUBSPOT_ACCESS_TOKEN"):
        Client(base_url=BASE)
    monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", "env-token")
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["authorization"])
        return list_page(request, [])

    http = httpx.Client(transport=httpx.MockTransport(handler))
    list_all(Client(base_url=BASE, http_client=http))
    tokens = iter(["first", "second"])
    rotating = Client(lambda: next(tokens), base_url=BASE, http_client=http)
    list_all(rotating)
    list_all(rotating)
    assert seen == ["Bearer env-token", "Bearer first", "Bearer second"]
    broken = Client(lambda: "", base_url=BASE, http_client=http)
    with pytest.raises(ConfigurationError, match="returned no token"):
        list_all(broken)
    assert len(seen) == 3  # nothing sent without a token


def test_bad_client_arguments() -> None:
    with pytest.raises(ConfigurationError):
        Client("", base_url=BASE)
    with pytest.raises(ConfigurationError, match="base_url"):
        Client("t", base_url="127.0.0.1:8080")  # no scheme
    with pytest.raises(TypeError, match="AsyncClient"):
        Client("t", base_url=BASE, http_client=httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_concurrency"):
        AsyncClient("t", base_url=BASE, max_concurrency=0)


@pytest.mark.parametrize("version", VERSIONS)
async def test_async_errors_and_token(version: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client, _, _ = make_async_client(
        version, fails_with(error_response(404, "OBJECT_NOT_FOUND", "gone"))
    )
    with pytest.raises(NotFoundError):
        await client.records.remove("contacts", 1, "companies", 2)
    assert TOKEN not in repr(client) + caplog.text
    await client.aclose()


def test_errors_survive_pickling() -> None:
    import pickle

    from hubspot_associations.errors import error_from_response

    original = error_from_response(
        429,
        {"Retry-After": "1"},
        b'{"category": "RATE_LIMITS", "message": "slow down", "policyName": "DAILY"}',
    )
    copy = pickle.loads(pickle.dumps(original))
    assert type(copy).__name__ == "DailyRateLimitError"
    assert (copy.status, copy.category, copy.policy, str(copy)) == (
        429,
        "RATE_LIMITS",
        "DAILY",
        str(original),
    )
