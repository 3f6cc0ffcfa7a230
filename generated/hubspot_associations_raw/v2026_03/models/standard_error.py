# DO NOT EDIT: spec/2026-03/build.toml -> scripts/build-spec -> spec/2026-03/ -> scripts/regenerate -> here.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_detail import ErrorDetail
    from ..models.standard_error_context import StandardErrorContext
    from ..models.standard_error_links import StandardErrorLinks
    from ..models.standard_error_sub_category_type_1 import (
        StandardErrorSubCategoryType1,
    )


T = TypeVar("T", bound="StandardError")


@_attrs_define
class StandardError:
    """A failed item inside a batch response. `context` names the ids concerned, e.g. {"ids": ["123"]}. The published
    documents type `subCategory` as an object, but the live API sends a string such as
    crm.associations.NO_ASSOCIATIONS_FOUND, so either is accepted.

        Attributes:
            category (str):
            context (StandardErrorContext):
            errors (list[ErrorDetail]):
            links (StandardErrorLinks):
            message (str):
            status (str):
            id (str | Unset):
            sub_category (StandardErrorSubCategoryType1 | str | Unset):
    """

    category: str
    context: StandardErrorContext
    errors: list[ErrorDetail]
    links: StandardErrorLinks
    message: str
    status: str
    id: str | Unset = UNSET
    sub_category: StandardErrorSubCategoryType1 | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.standard_error_sub_category_type_1 import (
            StandardErrorSubCategoryType1,
        )

        category = self.category

        context = self.context.to_dict()

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        links = self.links.to_dict()

        message = self.message

        status = self.status

        id = self.id

        sub_category: dict[str, Any] | str | Unset
        if isinstance(self.sub_category, Unset):
            sub_category = UNSET
        elif isinstance(self.sub_category, StandardErrorSubCategoryType1):
            sub_category = self.sub_category.to_dict()
        else:
            sub_category = self.sub_category

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "context": context,
                "errors": errors,
                "links": links,
                "message": message,
                "status": status,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if sub_category is not UNSET:
            field_dict["subCategory"] = sub_category

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_detail import ErrorDetail
        from ..models.standard_error_context import StandardErrorContext
        from ..models.standard_error_links import StandardErrorLinks
        from ..models.standard_error_sub_category_type_1 import (
            StandardErrorSubCategoryType1,
        )

        d = dict(src_dict)
        category = d.pop("category")

        context = StandardErrorContext.from_dict(d.pop("context"))

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = ErrorDetail.from_dict(errors_item_data)

            errors.append(errors_item)

        links = StandardErrorLinks.from_dict(d.pop("links"))

        message = d.pop("message")

        status = d.pop("status")

        id = d.pop("id", UNSET)

        def _parse_sub_category(
            data: object,
        ) -> StandardErrorSubCategoryType1 | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sub_category_type_1 = StandardErrorSubCategoryType1.from_dict(data)

                return sub_category_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(StandardErrorSubCategoryType1 | str | Unset, data)

        sub_category = _parse_sub_category(d.pop("subCategory", UNSET))

        standard_error = cls(
            category=category,
            context=context,
            errors=errors,
            links=links,
            message=message,
            status=status,
            id=id,
            sub_category=sub_category,
        )

        standard_error.additional_properties = d
        return standard_error

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
