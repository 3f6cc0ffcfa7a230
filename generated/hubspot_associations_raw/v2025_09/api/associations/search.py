# DO NOT EDIT: spec/2025-09/build.toml -> scripts/build-spec -> spec/2025-09/ -> scripts/regenerate -> here.
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.collection_response_with_total_simple_public_object import (
    CollectionResponseWithTotalSimplePublicObject,
)
from ...models.error import Error
from ...models.public_object_search_request import PublicObjectSearchRequest
from ...types import Response


def _get_kwargs(
    object_type: str,
    *,
    body: PublicObjectSearchRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/crm/objects/2025-09/{object_type}/search".format(
            object_type=quote(str(object_type), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CollectionResponseWithTotalSimplePublicObject | Error:
    if response.status_code == 200:
        response_200 = CollectionResponseWithTotalSimplePublicObject.from_dict(
            response.json()
        )

        return response_200

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CollectionResponseWithTotalSimplePublicObject | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    object_type: str,
    *,
    client: AuthenticatedClient | Client,
    body: PublicObjectSearchRequest,
) -> Response[CollectionResponseWithTotalSimplePublicObject | Error]:
    """Search records of one object type

    Args:
        object_type (str):
        body (PublicObjectSearchRequest): A record search: filters, sorting, properties to return
            and a page cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollectionResponseWithTotalSimplePublicObject | Error]
    """

    kwargs = _get_kwargs(
        object_type=object_type,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    object_type: str,
    *,
    client: AuthenticatedClient | Client,
    body: PublicObjectSearchRequest,
) -> CollectionResponseWithTotalSimplePublicObject | Error | None:
    """Search records of one object type

    Args:
        object_type (str):
        body (PublicObjectSearchRequest): A record search: filters, sorting, properties to return
            and a page cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollectionResponseWithTotalSimplePublicObject | Error
    """

    return sync_detailed(
        object_type=object_type,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    object_type: str,
    *,
    client: AuthenticatedClient | Client,
    body: PublicObjectSearchRequest,
) -> Response[CollectionResponseWithTotalSimplePublicObject | Error]:
    """Search records of one object type

    Args:
        object_type (str):
        body (PublicObjectSearchRequest): A record search: filters, sorting, properties to return
            and a page cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollectionResponseWithTotalSimplePublicObject | Error]
    """

    kwargs = _get_kwargs(
        object_type=object_type,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    object_type: str,
    *,
    client: AuthenticatedClient | Client,
    body: PublicObjectSearchRequest,
) -> CollectionResponseWithTotalSimplePublicObject | Error | None:
    """Search records of one object type

    Args:
        object_type (str):
        body (PublicObjectSearchRequest): A record search: filters, sorting, properties to return
            and a page cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollectionResponseWithTotalSimplePublicObject | Error
    """

    return (
        await asyncio_detailed(
            object_type=object_type,
            client=client,
            body=body,
        )
    ).parsed
