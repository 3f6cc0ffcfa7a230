# DO NOT EDIT: spec/2025-09/build.toml -> scripts/build-spec -> spec/2025-09/ -> scripts/regenerate -> here.
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
