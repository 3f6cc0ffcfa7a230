# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.next_page import NextPage
    from ..models.previous_page import PreviousPage


T = TypeVar("T", bound="Paging")


@_attrs_define
class Paging:
    """Cursors around the current page.

    Attributes:
        next_ (NextPage | Unset): Where the next page starts: send `after` back to get it.
        prev (PreviousPage | Unset): Where the previous page starts.
    """

    next_: NextPage | Unset = UNSET
    prev: PreviousPage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        next_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.next_, Unset):
            next_ = self.next_.to_dict()

        prev: dict[str, Any] | Unset = UNSET
        if not isinstance(self.prev, Unset):
            prev = self.prev.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if next_ is not UNSET:
            field_dict["next"] = next_
        if prev is not UNSET:
            field_dict["prev"] = prev

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.next_page import NextPage
        from ..models.previous_page import PreviousPage

        d = dict(src_dict)
        _next_ = d.pop("next", UNSET)
        next_: NextPage | Unset
        if isinstance(_next_, Unset):
            next_ = UNSET
        else:
            next_ = NextPage.from_dict(_next_)

        _prev = d.pop("prev", UNSET)
        prev: PreviousPage | Unset
        if isinstance(_prev, Unset):
            prev = UNSET
        else:
            prev = PreviousPage.from_dict(_prev)

        paging = cls(
            next_=next_,
            prev=prev,
        )

        paging.additional_properties = d
        return paging

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
