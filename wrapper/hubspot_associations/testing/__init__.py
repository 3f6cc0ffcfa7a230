"""Local HubSpot associations emulator."""
