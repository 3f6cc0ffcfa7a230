# DO NOT EDIT: written by scripts/regenerate from spec/2025-09/; edit those.
"""A client library for accessing HubSpot CRM Associations 2025-09"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
