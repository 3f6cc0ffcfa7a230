"""pytest plugin: the hubspot_emulator fixture."""
