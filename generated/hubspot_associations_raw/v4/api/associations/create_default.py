# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.batch_response_public_default_association import (
    BatchResponsePublicDefaultAssociation,
)
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    from_object_type: str,
    from_object_id: str,
    to_object_type: str,
    to_object_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/crm/v4/objects/{from_object_type}/{from_object_id}/associations/default/{to_object_type}/{to_object_id}".format(
            from_object_type=quote(str(from_object_type), safe=""),
            from_object_id=quote(str(from_object_id), safe=""),
            to_object_type=quote(str(to_object_type), safe=""),
            to_object_id=quote(str(to_object_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchResponsePublicDefaultAssociation | Error:
    if response.status_code == 200:
        response_200 = BatchResponsePublicDefaultAssociation.from_dict(response.json())

        return response_200

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BatchResponsePublicDefaultAssociation | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    from_object_type: str,
    from_object_id: str,
    to_object_type: str,
    to_object_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[BatchResponsePublicDefaultAssociation | Error]:
    """Link two records with the default association type

    Args:
        from_object_type (str):
        from_object_id (str):
        to_object_type (str):
        to_object_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponsePublicDefaultAssociation | Error]
    """

    kwargs = _get_kwargs(
        from_object_type=from_object_type,
        from_object_id=from_object_id,
        to_object_type=to_object_type,
        to_object_id=to_object_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    from_object_type: str,
    from_object_id: str,
    to_object_type: str,
    to_object_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> BatchResponsePublicDefaultAssociation | Error | None:
    """Link two records with the default association type

    Args:
        from_object_type (str):
        from_object_id (str):
        to_object_type (str):
        to_object_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponsePublicDefaultAssociation | Error
    """

    return sync_detailed(
        from_object_type=from_object_type,
        from_object_id=from_object_id,
        to_object_type=to_object_type,
        to_object_id=to_object_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    from_object_type: str,
    from_object_id: str,
    to_object_type: str,
    to_object_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[BatchResponsePublicDefaultAssociation | Error]:
    """Link two records with the default association type

    Args:
        from_object_type (str):
        from_object_id (str):
        to_object_type (str):
        to_object_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponsePublicDefaultAssociation | Error]
    """

    kwargs = _get_kwargs(
        from_object_type=from_object_type,
        from_object_id=from_object_id,
        to_object_type=to_object_type,
        to_object_id=to_object_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    from_object_type: str,
    from_object_id: str,
    to_object_type: str,
    to_object_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> BatchResponsePublicDefaultAssociation | Error | None:
    """Link two records with the default association type

    Args:
        from_object_type (str):
        from_object_id (str):
        to_object_type (str):
        to_object_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponsePublicDefaultAssociation | Error
    """

    return (
        await asyncio_detailed(
            from_object_type=from_object_type,
            from_object_id=from_object_id,
            to_object_type=to_object_type,
            to_object_id=to_object_id,
            client=client,
        )
    ).parsed
