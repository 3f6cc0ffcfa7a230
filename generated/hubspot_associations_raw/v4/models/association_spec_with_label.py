# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.association_spec_with_label_category import (
    AssociationSpecWithLabelCategory,
    check_association_spec_with_label_category,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="AssociationSpecWithLabel")


@_attrs_define
class AssociationSpecWithLabel:
    """An association type as HubSpot reports it. `label` is null for unlabelled types on the live API (the published
    documents say string), so it is nullable here.

        Attributes:
            category (AssociationSpecWithLabelCategory):
            type_id (int):
            from_object_type_id (str | Unset):
            label (None | str | Unset):
            to_object_type_id (str | Unset):
    """

    category: AssociationSpecWithLabelCategory
    type_id: int
    from_object_type_id: str | Unset = UNSET
    label: None | str | Unset = UNSET
    to_object_type_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category: str = self.category

        type_id = self.type_id

        from_object_type_id = self.from_object_type_id

        label: None | str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        to_object_type_id = self.to_object_type_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "typeId": type_id,
            }
        )
        if from_object_type_id is not UNSET:
            field_dict["fromObjectTypeId"] = from_object_type_id
        if label is not UNSET:
            field_dict["label"] = label
        if to_object_type_id is not UNSET:
            field_dict["toObjectTypeId"] = to_object_type_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = check_association_spec_with_label_category(d.pop("category"))

        type_id = d.pop("typeId")

        from_object_type_id = d.pop("fromObjectTypeId", UNSET)

        def _parse_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        label = _parse_label(d.pop("label", UNSET))

        to_object_type_id = d.pop("toObjectTypeId", UNSET)

        association_spec_with_label = cls(
            category=category,
            type_id=type_id,
            from_object_type_id=from_object_type_id,
            label=label,
            to_object_type_id=to_object_type_id,
        )

        association_spec_with_label.additional_properties = d
        return association_spec_with_label

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
