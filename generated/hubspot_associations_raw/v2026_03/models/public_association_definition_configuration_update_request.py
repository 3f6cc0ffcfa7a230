# DO NOT EDIT: spec/2026-03/build.toml -> scripts/build-spec -> spec/2026-03/ -> scripts/regenerate -> here.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.public_association_definition_configuration_update_request_category import (
    PublicAssociationDefinitionConfigurationUpdateRequestCategory,
    check_public_association_definition_configuration_update_request_category,
)

T = TypeVar("T", bound="PublicAssociationDefinitionConfigurationUpdateRequest")


@_attrs_define
class PublicAssociationDefinitionConfigurationUpdateRequest:
    """A limit on how many records of the target type one record may be associated with, for one association type.

    Attributes:
        category (PublicAssociationDefinitionConfigurationUpdateRequestCategory):
        max_to_object_ids (int):
        type_id (int):
    """

    category: PublicAssociationDefinitionConfigurationUpdateRequestCategory
    max_to_object_ids: int
    type_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category: str = self.category

        max_to_object_ids = self.max_to_object_ids

        type_id = self.type_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "maxToObjectIds": max_to_object_ids,
                "typeId": type_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = (
            check_public_association_definition_configuration_update_request_category(
                d.pop("category")
            )
        )

        max_to_object_ids = d.pop("maxToObjectIds")

        type_id = d.pop("typeId")

        public_association_definition_configuration_update_request = cls(
            category=category,
            max_to_object_ids=max_to_object_ids,
            type_id=type_id,
        )

        public_association_definition_configuration_update_request.additional_properties = d
        return public_association_definition_configuration_update_request

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
