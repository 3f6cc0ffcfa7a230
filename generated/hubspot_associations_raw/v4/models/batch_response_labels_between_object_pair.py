# DO NOT EDIT: spec/v4/build.toml -> scripts/build-spec -> spec/v4/ -> scripts/regenerate -> here.
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_response_labels_between_object_pair_status import (
    BatchResponseLabelsBetweenObjectPairStatus,
    check_batch_response_labels_between_object_pair_status,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_response_labels_between_object_pair_links import (
        BatchResponseLabelsBetweenObjectPairLinks,
    )
    from ..models.labels_between_object_pair import LabelsBetweenObjectPair


T = TypeVar("T", bound="BatchResponseLabelsBetweenObjectPair")


@_attrs_define
class BatchResponseLabelsBetweenObjectPair:
    """Outcome of a batch request: the items that succeeded.

    Attributes:
        completed_at (datetime.datetime):
        results (list[LabelsBetweenObjectPair]):
        started_at (datetime.datetime):
        status (BatchResponseLabelsBetweenObjectPairStatus):
        links (BatchResponseLabelsBetweenObjectPairLinks | Unset):
        requested_at (datetime.datetime | Unset):
    """

    completed_at: datetime.datetime
    results: list[LabelsBetweenObjectPair]
    started_at: datetime.datetime
    status: BatchResponseLabelsBetweenObjectPairStatus
    links: BatchResponseLabelsBetweenObjectPairLinks | Unset = UNSET
    requested_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completed_at = self.completed_at.isoformat()

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        started_at = self.started_at.isoformat()

        status: str = self.status

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        requested_at: str | Unset = UNSET
        if not isinstance(self.requested_at, Unset):
            requested_at = self.requested_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completedAt": completed_at,
                "results": results,
                "startedAt": started_at,
                "status": status,
            }
        )
        if links is not UNSET:
            field_dict["links"] = links
        if requested_at is not UNSET:
            field_dict["requestedAt"] = requested_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_response_labels_between_object_pair_links import (
            BatchResponseLabelsBetweenObjectPairLinks,
        )
        from ..models.labels_between_object_pair import LabelsBetweenObjectPair

        d = dict(src_dict)
        completed_at = datetime.datetime.fromisoformat(d.pop("completedAt"))

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = LabelsBetweenObjectPair.from_dict(results_item_data)

            results.append(results_item)

        started_at = datetime.datetime.fromisoformat(d.pop("startedAt"))

        status = check_batch_response_labels_between_object_pair_status(d.pop("status"))

        _links = d.pop("links", UNSET)
        links: BatchResponseLabelsBetweenObjectPairLinks | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = BatchResponseLabelsBetweenObjectPairLinks.from_dict(_links)

        _requested_at = d.pop("requestedAt", UNSET)
        requested_at: datetime.datetime | Unset
        if isinstance(_requested_at, Unset):
            requested_at = UNSET
        else:
            requested_at = datetime.datetime.fromisoformat(_requested_at)

        batch_response_labels_between_object_pair = cls(
            completed_at=completed_at,
            results=results,
            started_at=started_at,
            status=status,
            links=links,
            requested_at=requested_at,
        )

        batch_response_labels_between_object_pair.additional_properties = d
        return batch_response_labels_between_object_pair

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
