# DO NOT EDIT: spec/2025-09/build.toml -> scripts/build-spec -> spec/2025-09/ -> scripts/regenerate -> here.
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.collection_response_association_spec_with_label_no_paging import (
    CollectionResponseAssociationSpecWithLabelNoPaging,
)
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    from_object_type: str,
    to_object_type: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/crm/associations/2025-09/{from_object_type}/{to_object_type}/labels".format(
            from_object_type=quote(str(from_object_type), safe=""),
            to_object_type=quote(str(to_object_type), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CollectionResponseAssociationSpecWithLabelNoPaging | Error:
    if response.status_code == 200:
        response_200 = CollectionResponseAssociationSpecWithLabelNoPaging.from_dict(
            response.json()
        )

        return response_200

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CollectionResponseAssociationSpecWithLabelNoPaging | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CollectionResponseAssociationSpecWithLabelNoPaging | Error]:
    """List the association types (labels) defined between two object types

    Args:
        from_object_type (str):
        to_object_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollectionResponseAssociationSpecWithLabelNoPaging | Error]
    """

    kwargs = _get_kwargs(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient | Client,
) -> CollectionResponseAssociationSpecWithLabelNoPaging | Error | None:
    """List the association types (labels) defined between two object types

    Args:
        from_object_type (str):
        to_object_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollectionResponseAssociationSpecWithLabelNoPaging | Error
    """

    return sync_detailed(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
        client=client,
    ).parsed


async def asyncio_detailed(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CollectionResponseAssociationSpecWithLabelNoPaging | Error]:
    """List the association types (labels) defined between two object types

    Args:
        from_object_type (str):
        to_object_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollectionResponseAssociationSpecWithLabelNoPaging | Error]
    """

    kwargs = _get_kwargs(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient | Client,
) -> CollectionResponseAssociationSpecWithLabelNoPaging | Error | None:
    """List the association types (labels) defined between two object types

    Args:
        from_object_type (str):
        to_object_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CollectionResponseAssociationSpecWithLabelNoPaging | Error
    """

    return (
        await asyncio_detailed(
            from_object_type=from_object_type,
            to_object_type=to_object_type,
            client=client,
        )
    ).parsed
