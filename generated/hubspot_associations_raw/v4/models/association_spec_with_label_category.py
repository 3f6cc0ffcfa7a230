# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
from typing import Literal

AssociationSpecWithLabelCategory = Literal[
    "HUBSPOT_DEFINED", "INTEGRATOR_DEFINED", "USER_DEFINED", "WORK"
]

ASSOCIATION_SPEC_WITH_LABEL_CATEGORY_VALUES: set[AssociationSpecWithLabelCategory] = {
    "HUBSPOT_DEFINED",
    "INTEGRATOR_DEFINED",
    "USER_DEFINED",
    "WORK",
}


def check_association_spec_with_label_category(
    value: str,
) -> AssociationSpecWithLabelCategory:
    if value in ASSOCIATION_SPEC_WITH_LABEL_CATEGORY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ASSOCIATION_SPEC_WITH_LABEL_CATEGORY_VALUES!r}"
    )
