# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PublicAssociationDefinitionUpdateRequest")


@_attrs_define
class PublicAssociationDefinitionUpdateRequest:
    """New label text for an existing custom association type.

    Attributes:
        association_type_id (int):
        label (str):
        inverse_label (str | Unset):
    """

    association_type_id: int
    label: str
    inverse_label: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        association_type_id = self.association_type_id

        label = self.label

        inverse_label = self.inverse_label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "associationTypeId": association_type_id,
                "label": label,
            }
        )
        if inverse_label is not UNSET:
            field_dict["inverseLabel"] = inverse_label

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        association_type_id = d.pop("associationTypeId")

        label = d.pop("label")

        inverse_label = d.pop("inverseLabel", UNSET)

        public_association_definition_update_request = cls(
            association_type_id=association_type_id,
            label=label,
            inverse_label=inverse_label,
        )

        public_association_definition_update_request.additional_properties = d
        return public_association_definition_update_request

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
