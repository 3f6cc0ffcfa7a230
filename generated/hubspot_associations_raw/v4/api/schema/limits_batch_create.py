# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.batch_input_public_association_definition_configuration_create_request import (
    BatchInputPublicAssociationDefinitionConfigurationCreateRequest,
)
from ...models.batch_response_public_association_definition_user_configuration import (
    BatchResponsePublicAssociationDefinitionUserConfiguration,
)
from ...models.batch_response_public_association_definition_user_configuration_with_errors import (
    BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors,
)
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    from_object_type: str,
    to_object_type: str,
    *,
    body: BatchInputPublicAssociationDefinitionConfigurationCreateRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/crm/associations/v4/definitions/configurations/{from_object_type}/{to_object_type}/batch/create".format(
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
) -> (
    BatchResponsePublicAssociationDefinitionUserConfiguration
    | BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors
    | Error
):
    if response.status_code == 201:
        response_201 = (
            BatchResponsePublicAssociationDefinitionUserConfiguration.from_dict(
                response.json()
            )
        )

        return response_201

    if response.status_code == 207:
        response_207 = BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors.from_dict(
            response.json()
        )

        return response_207

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    BatchResponsePublicAssociationDefinitionUserConfiguration
    | BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors
    | Error
]:
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
    body: BatchInputPublicAssociationDefinitionConfigurationCreateRequest,
) -> Response[
    BatchResponsePublicAssociationDefinitionUserConfiguration
    | BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors
    | Error
]:
    """Set limits on association types

    Args:
        from_object_type (str):
        to_object_type (str):
        body (BatchInputPublicAssociationDefinitionConfigurationCreateRequest): A batch of
            PublicAssociationDefinitionConfigurationCreateRequest inputs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponsePublicAssociationDefinitionUserConfiguration | BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors | Error]
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
    body: BatchInputPublicAssociationDefinitionConfigurationCreateRequest,
) -> (
    BatchResponsePublicAssociationDefinitionUserConfiguration
    | BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors
    | Error
    | None
):
    """Set limits on association types

    Args:
        from_object_type (str):
        to_object_type (str):
        body (BatchInputPublicAssociationDefinitionConfigurationCreateRequest): A batch of
            PublicAssociationDefinitionConfigurationCreateRequest inputs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponsePublicAssociationDefinitionUserConfiguration | BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors | Error
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
    body: BatchInputPublicAssociationDefinitionConfigurationCreateRequest,
) -> Response[
    BatchResponsePublicAssociationDefinitionUserConfiguration
    | BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors
    | Error
]:
    """Set limits on association types

    Args:
        from_object_type (str):
        to_object_type (str):
        body (BatchInputPublicAssociationDefinitionConfigurationCreateRequest): A batch of
            PublicAssociationDefinitionConfigurationCreateRequest inputs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponsePublicAssociationDefinitionUserConfiguration | BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors | Error]
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
    body: BatchInputPublicAssociationDefinitionConfigurationCreateRequest,
) -> (
    BatchResponsePublicAssociationDefinitionUserConfiguration
    | BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors
    | Error
    | None
):
    """Set limits on association types

    Args:
        from_object_type (str):
        to_object_type (str):
        body (BatchInputPublicAssociationDefinitionConfigurationCreateRequest): A batch of
            PublicAssociationDefinitionConfigurationCreateRequest inputs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponsePublicAssociationDefinitionUserConfiguration | BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors | Error
    """

    return (
        await asyncio_detailed(
            from_object_type=from_object_type,
            to_object_type=to_object_type,
            client=client,
            body=body,
        )
    ).parsed
