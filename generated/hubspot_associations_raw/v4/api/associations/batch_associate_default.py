# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.batch_input_public_default_association_multi_post import (
    BatchInputPublicDefaultAssociationMultiPost,
)
from ...models.batch_response_public_default_association import (
    BatchResponsePublicDefaultAssociation,
)
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    from_object_type: str,
    to_object_type: str,
    *,
    body: BatchInputPublicDefaultAssociationMultiPost,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/crm/v4/associations/{from_object_type}/{to_object_type}/batch/associate/default".format(
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
    to_object_type: str,
    *,
    client: AuthenticatedClient | Client,
    body: BatchInputPublicDefaultAssociationMultiPost,
) -> Response[BatchResponsePublicDefaultAssociation | Error]:
    """Link many pairs of records with the default association type

    Args:
        from_object_type (str):
        to_object_type (str):
        body (BatchInputPublicDefaultAssociationMultiPost): A batch of
            PublicDefaultAssociationMultiPost inputs. HubSpot accepts at most 2000 inputs per request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponsePublicDefaultAssociation | Error]
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
    body: BatchInputPublicDefaultAssociationMultiPost,
) -> BatchResponsePublicDefaultAssociation | Error | None:
    """Link many pairs of records with the default association type

    Args:
        from_object_type (str):
        to_object_type (str):
        body (BatchInputPublicDefaultAssociationMultiPost): A batch of
            PublicDefaultAssociationMultiPost inputs. HubSpot accepts at most 2000 inputs per request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponsePublicDefaultAssociation | Error
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
    body: BatchInputPublicDefaultAssociationMultiPost,
) -> Response[BatchResponsePublicDefaultAssociation | Error]:
    """Link many pairs of records with the default association type

    Args:
        from_object_type (str):
        to_object_type (str):
        body (BatchInputPublicDefaultAssociationMultiPost): A batch of
            PublicDefaultAssociationMultiPost inputs. HubSpot accepts at most 2000 inputs per request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponsePublicDefaultAssociation | Error]
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
    body: BatchInputPublicDefaultAssociationMultiPost,
) -> BatchResponsePublicDefaultAssociation | Error | None:
    """Link many pairs of records with the default association type

    Args:
        from_object_type (str):
        to_object_type (str):
        body (BatchInputPublicDefaultAssociationMultiPost): A batch of
            PublicDefaultAssociationMultiPost inputs. HubSpot accepts at most 2000 inputs per request.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponsePublicDefaultAssociation | Error
    """

    return (
        await asyncio_detailed(
            from_object_type=from_object_type,
            to_object_type=to_object_type,
            client=client,
            body=body,
        )
    ).parsed
