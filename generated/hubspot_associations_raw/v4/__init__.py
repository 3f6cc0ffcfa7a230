# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
"""A client library for accessing HubSpot CRM Associations v4"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
