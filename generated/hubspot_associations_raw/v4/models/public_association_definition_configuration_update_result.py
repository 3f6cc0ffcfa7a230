# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.public_association_definition_configuration_update_result_category import (
    PublicAssociationDefinitionConfigurationUpdateResultCategory,
    check_public_association_definition_configuration_update_result_category,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PublicAssociationDefinitionConfigurationUpdateResult")


@_attrs_define
class PublicAssociationDefinitionConfigurationUpdateResult:
    """A limit after an update.

    Attributes:
        category (PublicAssociationDefinitionConfigurationUpdateResultCategory):
        type_id (int):
        user_enforced_max_to_object_ids (int | Unset):
    """

    category: PublicAssociationDefinitionConfigurationUpdateResultCategory
    type_id: int
    user_enforced_max_to_object_ids: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category: str = self.category

        type_id = self.type_id

        user_enforced_max_to_object_ids = self.user_enforced_max_to_object_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "typeId": type_id,
            }
        )
        if user_enforced_max_to_object_ids is not UNSET:
            field_dict["userEnforcedMaxToObjectIds"] = user_enforced_max_to_object_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = (
            check_public_association_definition_configuration_update_result_category(
                d.pop("category")
            )
        )

        type_id = d.pop("typeId")

        user_enforced_max_to_object_ids = d.pop("userEnforcedMaxToObjectIds", UNSET)

        public_association_definition_configuration_update_result = cls(
            category=category,
            type_id=type_id,
            user_enforced_max_to_object_ids=user_enforced_max_to_object_ids,
        )

        public_association_definition_configuration_update_result.additional_properties = d
        return public_association_definition_configuration_update_result

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
