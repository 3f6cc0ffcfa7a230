# DO NOT EDIT: spec/2026-03/build.toml -> scripts/build-spec -> spec/2026-03/ -> scripts/regenerate -> here.
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.collection_response_association_spec_with_label_no_paging import (
    CollectionResponseAssociationSpecWithLabelNoPaging,
)
from ...models.error import Error
from ...models.public_association_definition_create_request import (
    PublicAssociationDefinitionCreateRequest,
)
from ...types import Response


def _get_kwargs(
    from_object_type: str,
    to_object_type: str,
    *,
    body: PublicAssociationDefinitionCreateRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/crm/associations/2026-03/{from_object_type}/{to_object_type}/labels".format(
            from_object_type=quote(str(from_object_type), safe=""),
            to_object_type=quote(str(to_object_type), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
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
    body: PublicAssociationDefinitionCreateRequest,
) -> Response[CollectionResponseAssociationSpecWithLabelNoPaging | Error]:
    """Define a custom association label

    Args:
        from_object_type (str):
        to_object_type (str):
        body (PublicAssociationDefinitionCreateRequest): A new custom label: its internal name,
            its label and optionally the label of the reverse direction.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollectionResponseAssociationSpecWithLabelNoPaging | Error]
    """

    kwargs = _get_kwargs(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
        body=body,
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
    body: PublicAssociationDefinitionCreateRequest,
) -> CollectionResponseAssociationSpecWithLabelNoPaging | Error | None:
    """Define a custom association label

    Args:
        from_object_type (str):
        to_object_type (str):
        body (PublicAssociationDefinitionCreateRequest): A new custom label: its internal name,
            its label and optionally the label of the reverse direction.

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
        body=body,
    ).parsed


async def asyncio_detailed(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient | Client,
    body: PublicAssociationDefinitionCreateRequest,
) -> Response[CollectionResponseAssociationSpecWithLabelNoPaging | Error]:
    """Define a custom association label

    Args:
        from_object_type (str):
        to_object_type (str):
        body (PublicAssociationDefinitionCreateRequest): A new custom label: its internal name,
            its label and optionally the label of the reverse direction.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CollectionResponseAssociationSpecWithLabelNoPaging | Error]
    """

    kwargs = _get_kwargs(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient | Client,
    body: PublicAssociationDefinitionCreateRequest,
) -> CollectionResponseAssociationSpecWithLabelNoPaging | Error | None:
    """Define a custom association label

    Args:
        from_object_type (str):
        to_object_type (str):
        body (PublicAssociationDefinitionCreateRequest): A new custom label: its internal name,
            its label and optionally the label of the reverse direction.

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
            body=body,
        )
    ).parsed
