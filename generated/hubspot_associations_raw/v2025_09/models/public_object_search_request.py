# DO NOT EDIT: spec/2025-09/build.toml -> scripts/build-spec -> spec/2025-09/ -> scripts/regenerate -> here.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.filter_group import FilterGroup


T = TypeVar("T", bound="PublicObjectSearchRequest")


@_attrs_define
class PublicObjectSearchRequest:
    """A record search: filters, sorting, properties to return and a page cursor.

    Attributes:
        after (str):
        filter_groups (list[FilterGroup]):
        limit (int):
        properties (list[str]):
        sorts (list[str]):
        query (str | Unset):
    """

    after: str
    filter_groups: list[FilterGroup]
    limit: int
    properties: list[str]
    sorts: list[str]
    query: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        after = self.after

        filter_groups = []
        for filter_groups_item_data in self.filter_groups:
            filter_groups_item = filter_groups_item_data.to_dict()
            filter_groups.append(filter_groups_item)

        limit = self.limit

        properties = self.properties

        sorts = self.sorts

        query = self.query

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "after": after,
                "filterGroups": filter_groups,
                "limit": limit,
                "properties": properties,
                "sorts": sorts,
            }
        )
        if query is not UNSET:
            field_dict["query"] = query

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.filter_group import FilterGroup

        d = dict(src_dict)
        after = d.pop("after")

        filter_groups = []
        _filter_groups = d.pop("filterGroups")
        for filter_groups_item_data in _filter_groups:
            filter_groups_item = FilterGroup.from_dict(filter_groups_item_data)

            filter_groups.append(filter_groups_item)

        limit = d.pop("limit")

        properties = cast(list[str], d.pop("properties"))

        sorts = cast(list[str], d.pop("sorts"))

        query = d.pop("query", UNSET)

        public_object_search_request = cls(
            after=after,
            filter_groups=filter_groups,
            limit=limit,
            properties=properties,
            sorts=sorts,
            query=query,
        )

        public_object_search_request.additional_properties = d
        return public_object_search_request

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
