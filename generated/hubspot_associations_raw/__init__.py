# DO NOT EDIT: scripts/build-spec or scripts/fetch-spec -> spec/*/ -> scripts/regenerate -> here.
"""Raw clients generated from spec/, one subpackage per API version."""

from typing import Literal, TypeAlias

# API version (as HubSpot names it) -> subpackage of this package.
VERSIONS: dict[str, str] = {
    "2025-09": "v2025_09",
    "2026-03": "v2026_03",
    "2026-09": "v2026_09",
    "v4": "v4",
}

# The same versions as a type (hubspot_associations.ApiVersionName).
ApiVersionName: TypeAlias = Literal["2025-09", "2026-03", "2026-09", "v4"]
