# DO NOT EDIT: spec/2026-09/build.toml -> scripts/build-spec -> spec/2026-09/ -> scripts/regenerate -> here.
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.collection_response_public_association_definition_user_configuration_no_paging import (
    CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging,
)
from ...models.error import Error
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/crm/associations/2026-09/definitions/configurations/all",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging | Error:
    if response.status_code == 200:
        response_200 = CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging.from_dict(
            response.json()
        )

        return response_200

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging | Error
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging | Error
]:
    """List every association limit of the account

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging | Error]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> (
    CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging
    | Error
    | None
):
    """List every association limit of the account

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging | Error
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging | Error
]:
    """List every association limit of the account

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging | Error]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> (
    CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging
    | Error
    | None
):
    """List every association limit of the account

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging | Error
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
