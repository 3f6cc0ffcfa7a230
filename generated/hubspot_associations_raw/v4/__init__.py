# DO NOT EDIT: written by scripts/regenerate from spec/v4/; edit those.
"""A client library for accessing HubSpot CRM Associations v4"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
