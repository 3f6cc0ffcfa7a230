# DO NOT EDIT: spec/2025-09/build.toml -> scripts/build-spec -> spec/2025-09/ -> scripts/regenerate -> here.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.filter_operator import FilterOperator, check_filter_operator
from ..types import UNSET, Unset

T = TypeVar("T", bound="Filter")


@_attrs_define
class Filter:
    """One condition on a property.

    Attributes:
        operator (FilterOperator):
        property_name (str):
        high_value (str | Unset):
        value (str | Unset):
        values (list[str] | Unset):
    """

    operator: FilterOperator
    property_name: str
    high_value: str | Unset = UNSET
    value: str | Unset = UNSET
    values: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        operator: str = self.operator

        property_name = self.property_name

        high_value = self.high_value

        value = self.value

        values: list[str] | Unset = UNSET
        if not isinstance(self.values, Unset):
            values = self.values

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "operator": operator,
                "propertyName": property_name,
            }
        )
        if high_value is not UNSET:
            field_dict["highValue"] = high_value
        if value is not UNSET:
            field_dict["value"] = value
        if values is not UNSET:
            field_dict["values"] = values

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        operator = check_filter_operator(d.pop("operator"))

        property_name = d.pop("propertyName")

        high_value = d.pop("highValue", UNSET)

        value = d.pop("value", UNSET)

        values = cast(list[str], d.pop("values", UNSET))

        filter_ = cls(
            operator=operator,
            property_name=property_name,
            high_value=high_value,
            value=value,
            values=values,
        )

        filter_.additional_properties = d
        return filter_

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
