# DO NOT EDIT: spec/2025-09/build.toml -> scripts/build-spec -> spec/2025-09/ -> scripts/regenerate -> here.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PublicAssociationDefinitionCreateRequest")


@_attrs_define
class PublicAssociationDefinitionCreateRequest:
    """A new custom label: its internal name, its label and optionally the label of the reverse direction.

    Attributes:
        label (str):
        name (str):
        inverse_label (str | Unset):
    """

    label: str
    name: str
    inverse_label: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        name = self.name

        inverse_label = self.inverse_label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "label": label,
                "name": name,
            }
        )
        if inverse_label is not UNSET:
            field_dict["inverseLabel"] = inverse_label

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        label = d.pop("label")

        name = d.pop("name")

        inverse_label = d.pop("inverseLabel", UNSET)

        public_association_definition_create_request = cls(
            label=label,
            name=name,
            inverse_label=inverse_label,
        )

        public_association_definition_create_request.additional_properties = d
        return public_association_definition_create_request

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
