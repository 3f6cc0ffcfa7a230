# DO NOT EDIT: written by scripts/regenerate from spec/2025-09/; edit those.
from typing import Literal

SchemaAssociationSpecWithLabelCategory = Literal[
    "HUBSPOT_DEFINED", "INTEGRATOR_DEFINED", "USER_DEFINED", "WORK"
]

SCHEMA_ASSOCIATION_SPEC_WITH_LABEL_CATEGORY_VALUES: set[
    SchemaAssociationSpecWithLabelCategory
] = {
    "HUBSPOT_DEFINED",
    "INTEGRATOR_DEFINED",
    "USER_DEFINED",
    "WORK",
}


def check_schema_association_spec_with_label_category(
    value: str,
) -> SchemaAssociationSpecWithLabelCategory:
    if value in SCHEMA_ASSOCIATION_SPEC_WITH_LABEL_CATEGORY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SCHEMA_ASSOCIATION_SPEC_WITH_LABEL_CATEGORY_VALUES!r}"
    )
