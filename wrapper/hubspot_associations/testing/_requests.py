"""What a handler reads of a request, checked: the JSON body against the version's model
(generated from spec/), path parameters, query and batch size. A failed check raises
`HttpError` 400.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pydantic

from ..versions import ApiVersion
from ._model import Store, is_record_id, normalize_object_type
from ._replies import HttpError

__all__ = ["Ctx", "validate_body"]

_MODEL_MODULES: dict[str, ModuleType] = {}


def _models(version: str) -> ModuleType:
    mod = _MODEL_MODULES.get(version)
    if mod is None:
        mod = ApiVersion(version).pydantic_models()
        _MODEL_MODULES[version] = mod
    return mod


_ADAPTERS: dict[tuple[str, str], pydantic.TypeAdapter[Any]] = {}


def _adapter(version: str, model: str) -> pydantic.TypeAdapter[Any]:
    key = (version, model)
    adapter = _ADAPTERS.get(key)
    if adapter is None:
        name, is_list = (model[5:], True) if model.startswith("list:") else (model, False)
        cls = getattr(_models(version), name)
        adapter = pydantic.TypeAdapter(list[cls] if is_list else cls)  # type: ignore[valid-type]
        _ADAPTERS[key] = adapter
    return adapter


def validate_body(version: str, model: str, raw: bytes) -> Any:
    """Parse and validate a JSON body against the spec's model; HttpError 400 if it fails."""
    if not raw.strip():
        raise HttpError(400, "Invalid input JSON: the request body is empty")
    try:
        value = _adapter(version, model).validate_json(raw, strict=True)
    except pydantic.ValidationError as exc:
        details = [
            {
                "message": str(e.get("msg", "invalid")),
                "in": ".".join(str(p) for p in e.get("loc", ())) or "body",
                "code": str(e.get("type", "invalid")).upper(),
            }
            for e in exc.errors(include_url=False)[:20]
        ]
        first = details[0] if details else {"message": "invalid", "in": "body"}
        raise HttpError(
            400,
            f"Invalid input JSON: {first['in']}: {first['message']}",
            errors=details,
        ) from None
    dumped = (
        [v.model_dump(mode="json", by_alias=True, exclude_none=True) for v in value]
        if isinstance(value, list)
        else value.model_dump(mode="json", by_alias=True, exclude_none=True)
    )
    where = _out_of_int32(dumped, "body")
    if where is not None:
        raise HttpError(
            400,
            f"Invalid input JSON: {where}: not a 32-bit integer",
            errors=[{"message": "not a 32-bit integer", "in": where, "code": "INT32"}],
        )
    return dumped


def _out_of_int32(value: Any, where: str) -> str | None:
    """Where an integer in the body exceeds the spec's int32 format (every request integer
    in spec/ is int32; the generated models only say `int`)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return None if -(2**31) <= value < 2**31 else where
    if isinstance(value, dict):
        items: Iterable[tuple[Any, Any]] = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _out_of_int32(item, f"{where}.{key}")
        if found is not None:
            return found
    return None


@dataclass
class Ctx:
    store: Store
    version: str
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    started: str
    success: dict[int, str | None]
    cap: int

    @property
    def ok_status(self) -> int:
        """The status of a complete success in this version (201, 200 or 204)."""
        return min(s for s in self.success if s != 207)

    def otype(self, name: str) -> str:
        raw = self.params[name]
        tid = normalize_object_type(raw)
        if tid is None:
            raise HttpError(400, f"Unable to infer object type from: {raw}")
        return tid

    def record_id(self, name: str) -> str:
        raw = self.params[name]
        if not is_record_id(raw):
            raise HttpError(400, f"Invalid object id {raw!r}: ids are decimal digit strings")
        return raw

    def int_param(self, name: str) -> int:
        raw = self.params[name]
        if not re.fullmatch(r"-?[0-9]{1,10}", raw) or not -(2**31) <= int(raw) < 2**31:
            raise HttpError(400, f"Invalid {name} {raw!r}: expected a 32-bit integer")
        return int(raw)

    def inputs(self) -> list[dict[str, Any]]:
        inputs: list[dict[str, Any]] = self.body["inputs"]
        cap = self.cap
        if len(inputs) > cap:
            raise HttpError(
                400,
                f"Batch input size {len(inputs)} exceeds the limit of {cap} inputs per request",
                context={"limit": [str(cap)], "size": [str(len(inputs))]},
            )
        return inputs
