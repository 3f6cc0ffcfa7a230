# DO NOT EDIT: spec/2026-03/build.toml -> scripts/build-spec -> spec/2026-03/ -> scripts/regenerate -> here.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.date_time import DateTime


T = TypeVar("T", bound="ReportCreationResponse")


@_attrs_define
class ReportCreationResponse:
    """Acknowledgement that a high-usage report was queued.

    Attributes:
        enqueue_time (DateTime): A point in time as HubSpot's report service encodes it.
        user_email (str):
        user_id (int):
    """

    enqueue_time: DateTime
    user_email: str
    user_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enqueue_time = self.enqueue_time.to_dict()

        user_email = self.user_email

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "enqueueTime": enqueue_time,
                "userEmail": user_email,
                "userId": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.date_time import DateTime

        d = dict(src_dict)
        enqueue_time = DateTime.from_dict(d.pop("enqueueTime"))

        user_email = d.pop("userEmail")

        user_id = d.pop("userId")

        report_creation_response = cls(
            enqueue_time=enqueue_time,
            user_email=user_email,
            user_id=user_id,
        )

        report_creation_response.additional_properties = d
        return report_creation_response

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
