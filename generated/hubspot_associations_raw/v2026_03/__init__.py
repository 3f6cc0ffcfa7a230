# DO NOT EDIT: spec/2026-03/build.toml -> scripts/build-spec -> spec/2026-03/ -> scripts/regenerate -> here.
"""A client library for accessing HubSpot CRM Associations 2026-03"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
