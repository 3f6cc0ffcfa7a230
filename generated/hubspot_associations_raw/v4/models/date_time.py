# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DateTime")


@_attrs_define
class DateTime:
    """A point in time as HubSpot's report service encodes it.

    Attributes:
        date_only (bool):
        time_zone_shift (int):
        value (int): Milliseconds since the epoch. Some published documents say int32, which no current timestamp fits.
    """

    date_only: bool
    time_zone_shift: int
    value: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        date_only = self.date_only

        time_zone_shift = self.time_zone_shift

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dateOnly": date_only,
                "timeZoneShift": time_zone_shift,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        date_only = d.pop("dateOnly")

        time_zone_shift = d.pop("timeZoneShift")

        value = d.pop("value")

        date_time = cls(
            date_only=date_only,
            time_zone_shift=time_zone_shift,
            value=value,
        )

        date_time.additional_properties = d
        return date_time

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
