# DO NOT EDIT: spec/2025-09/build.toml -> scripts/build-spec -> spec/2025-09/ -> scripts/regenerate -> here.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.public_object_id import PublicObjectId


T = TypeVar("T", bound="PublicAssociationMultiArchive")


@_attrs_define
class PublicAssociationMultiArchive:
    """Remove every association from one record to each of the listed records.

    Attributes:
        from_ (PublicObjectId): A record id (decimal digits).
        to (list[PublicObjectId]):
    """

    from_: PublicObjectId
    to: list[PublicObjectId]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.to_dict()

        to = []
        for to_item_data in self.to:
            to_item = to_item_data.to_dict()
            to.append(to_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.public_object_id import PublicObjectId

        d = dict(src_dict)
        from_ = PublicObjectId.from_dict(d.pop("from"))

        to = []
        _to = d.pop("to")
        for to_item_data in _to:
            to_item = PublicObjectId.from_dict(to_item_data)

            to.append(to_item)

        public_association_multi_archive = cls(
            from_=from_,
            to=to,
        )

        public_association_multi_archive.additional_properties = d
        return public_association_multi_archive

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
