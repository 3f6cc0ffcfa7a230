# DO NOT EDIT: spec/2026-09/build.toml -> scripts/build-spec -> spec/2026-09/ -> scripts/regenerate -> here.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.association_spec import AssociationSpec
    from ..models.public_object_id import PublicObjectId


T = TypeVar("T", bound="PublicDefaultAssociation")


@_attrs_define
class PublicDefaultAssociation:
    """A default association that now exists.

    Attributes:
        association_spec (AssociationSpec): Names one association type: its category and numeric type id.
        from_ (PublicObjectId): A record id (decimal digits).
        to (PublicObjectId): A record id (decimal digits).
    """

    association_spec: AssociationSpec
    from_: PublicObjectId
    to: PublicObjectId
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        association_spec = self.association_spec.to_dict()

        from_ = self.from_.to_dict()

        to = self.to.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "associationSpec": association_spec,
                "from": from_,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.association_spec import AssociationSpec
        from ..models.public_object_id import PublicObjectId

        d = dict(src_dict)
        association_spec = AssociationSpec.from_dict(d.pop("associationSpec"))

        from_ = PublicObjectId.from_dict(d.pop("from"))

        to = PublicObjectId.from_dict(d.pop("to"))

        public_default_association = cls(
            association_spec=association_spec,
            from_=from_,
            to=to,
        )

        public_default_association.additional_properties = d
        return public_default_association

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
