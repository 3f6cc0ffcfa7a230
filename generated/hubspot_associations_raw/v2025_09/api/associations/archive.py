# DO NOT EDIT: spec/2025-09/build.toml -> scripts/build-spec -> spec/2025-09/ -> scripts/regenerate -> here.
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    object_type: str,
    object_id: str,
    to_object_type: str,
    to_object_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/crm/objects/2025-09/{object_type}/{object_id}/associations/{to_object_type}/{to_object_id}".format(
            object_type=quote(str(object_type), safe=""),
            object_id=quote(str(object_id), safe=""),
            to_object_type=quote(str(to_object_type), safe=""),
            to_object_id=quote(str(to_object_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    object_type: str,
    object_id: str,
    to_object_type: str,
    to_object_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error]:
    """Remove every association between two records

    Args:
        object_type (str):
        object_id (str):
        to_object_type (str):
        to_object_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        object_type=object_type,
        object_id=object_id,
        to_object_type=to_object_type,
        to_object_id=to_object_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    object_type: str,
    object_id: str,
    to_object_type: str,
    to_object_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | None:
    """Remove every association between two records

    Args:
        object_type (str):
        object_id (str):
        to_object_type (str):
        to_object_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        object_type=object_type,
        object_id=object_id,
        to_object_type=to_object_type,
        to_object_id=to_object_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    object_type: str,
    object_id: str,
    to_object_type: str,
    to_object_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error]:
    """Remove every association between two records

    Args:
        object_type (str):
        object_id (str):
        to_object_type (str):
        to_object_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        object_type=object_type,
        object_id=object_id,
        to_object_type=to_object_type,
        to_object_id=to_object_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    object_type: str,
    object_id: str,
    to_object_type: str,
    to_object_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | None:
    """Remove every association between two records

    Args:
        object_type (str):
        object_id (str):
        to_object_type (str):
        to_object_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            object_type=object_type,
            object_id=object_id,
            to_object_type=to_object_type,
            to_object_id=to_object_id,
            client=client,
        )
    ).parsed
