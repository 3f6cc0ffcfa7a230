"""hubspot-associations: typed SDK for HubSpot CRM Associations."""
