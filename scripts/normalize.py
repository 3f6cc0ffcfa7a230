"""Turn an OpenAPI document in HubSpot's published shape into one the generators handle well.

HubSpot's files name operations with method+path strings hundreds of characters long, serve
error bodies as `*/*`, list ~80 OAuth scopes per operation and carry vendor extensions. Fed
as-is to openapi-python-client they give unusable module names and drop the error model. Our
own spec/ documents go through the same function, so there is one path for every input.

What `normalize` does, in order:
  1. operationId := a short name derived from method + path (see `operation_name`), the same
     for the same operation in every API version; duplicates are an error;
  2. every operation gets the document's tag (one generated `api/<tag>/` folder per document);
  3. response `$ref`s are inlined and `*/*` content becomes `application/json`;
  4. per-operation `security` lists and every `x-...` extension are dropped; one bearer scheme;
  5. LIVE_FIXES: where the live API differs from the published documents, follow the wire.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

Doc = dict[str, Any]

HTTP_METHODS = ("get", "put", "post", "delete", "patch")
VERSION_SEGMENT = re.compile(r"^(v\d+|\d{4}-\d{2})$")
# Path words that say where an API lives, not what an operation does.
NOISE = {"crm", "associations", "objects", "definitions", "usage"}
RENAMES = {"configurations": "limits"}
# Words that name an action; when a path has one, it is the operation's verb.
VERBS = {"archive", "associate", "create", "purge", "read", "search", "update"}
# Resources that take CRUD verbs from the HTTP method (labels_list, limits_list, ...).
COLLECTIONS = {"labels", "limits"}


def operation_name(method: str, path: str) -> str:
    """A short, version-independent name for an operation, from its method and path.

    The name is scope + verb + the remaining words of the path, where
      - words are the literal path segments minus version and NOISE segments;
      - scope is a leading collection word (labels, limits) and/or `batch`;
      - verb is an action word in the path if there is one, else it follows from the method:
        GET list, DELETE archive, PUT create (on one resource) or update (on a collection),
        POST create on a collection (none on an action path such as high-usage-report).

    >>> operation_name("post", "/crm/v4/associations/{a}/{b}/batch/labels/archive")
    'batch_archive_labels'
    >>> operation_name("get", "/crm/associations/2026-03/definitions/configurations/all")
    'limits_list_all'
    """
    segments = [s for s in path.strip("/").split("/") if s]
    ends_with_param = bool(segments) and segments[-1].startswith("{")
    words = [
        RENAMES.get(s, s).replace("-", "_")
        for s in segments
        if not s.startswith("{") and s not in NOISE and not VERSION_SEGMENT.match(s)
    ]
    verbs = [w for w in words if w in VERBS]
    verb: str | None
    if verbs:
        verb = verbs[-1]
        words.reverse()
        words.remove(verb)
        words.reverse()
    else:
        verb = _method_verb(method.lower(), words, ends_with_param)
    scope = []
    if words and words[0] in COLLECTIONS:
        scope.append(words.pop(0))
    if words and words[0] == "batch":
        scope.append(words.pop(0))
    return "_".join(scope + ([verb] if verb else []) + words)


def _method_verb(method: str, words: list[str], ends_with_param: bool) -> str | None:
    if method == "get":
        return "list"
    if method == "delete":
        return "archive"
    if method == "put":
        return "create" if ends_with_param else "update"
    if method == "post" and (not words or words[0] in COLLECTIONS):
        return "create"
    return None


def _drop_extensions(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _drop_extensions(v) for k, v in node.items() if not k.startswith("x-")}
    if isinstance(node, list):
        return [_drop_extensions(v) for v in node]
    return node


def _json_content(content: dict[str, Any]) -> dict[str, Any]:
    """Serve any wildcard or JSON-ish media type as application/json (one entry)."""
    if not content:
        return content
    for media in ("application/json", "*/*", "application/*"):
        if media in content:
            return {"application/json": content[media]}
    return content


def _resolve_response(doc: Doc, response: dict[str, Any]) -> dict[str, Any]:
    ref = response.get("$ref", "")
    if ref.startswith("#/components/responses/"):
        response = copy.deepcopy(doc["components"]["responses"][ref.rsplit("/", 1)[1]])
    if "content" in response:
        response["content"] = _json_content(response["content"])
    return response


def _set_property(schema_name: str, prop: str, value: dict[str, Any]) -> Callable[[Doc], None]:
    def fix(doc: Doc) -> None:
        schema = doc.get("components", {}).get("schemas", {}).get(schema_name)
        if schema and prop in schema.get("properties", {}):
            described = schema["properties"][prop].get("description")
            schema["properties"][prop] = dict(
                value, **({"description": described} if described else {})
            )

    return fix


# The wire is the truth (facts sheet, "Live behaviour"): these patch published documents and
# leave ours, which already say the same, unchanged.
LIVE_FIXES: list[Callable[[Doc], None]] = [
    # Unlabelled association types come back with "label": null.
    _set_property("AssociationSpecWithLabel", "label", {"type": "string", "nullable": True}),
    # Published as an object, sent as a string such as crm.associations.NO_ASSOCIATIONS_FOUND.
    _set_property(
        "StandardError", "subCategory", {"oneOf": [{"type": "string"}, {"type": "object"}]}
    ),
    # A millisecond timestamp; 2026-09's published document says int32, which it cannot be.
    _set_property("DateTime", "value", {"type": "integer", "format": "int64"}),
]


API_HOST = "https://api.hubapi.com"


def normalize(source: Doc, tag: str) -> Doc:
    """Return a normalized copy of `source`; every operation is tagged `tag`."""
    doc = _drop_extensions(copy.deepcopy(source))
    seen: dict[str, str] = {}
    for path, item in doc.get("paths", {}).items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if op is None:
                continue
            name = operation_name(method, path)
            if name in seen:
                raise ValueError(
                    f"{method.upper()} {path} and {seen[name]} both normalize to {name!r}"
                )
            seen[name] = f"{method.upper()} {path}"
            op["operationId"] = name
            op["tags"] = [tag]
            op.pop("security", None)
            body = op.get("requestBody")
            if body and "content" in body:
                body["content"] = _json_content(body["content"])
            op["responses"] = {
                status: _resolve_response(doc, response)
                for status, response in op.get("responses", {}).items()
            }
    components = doc.setdefault("components", {})
    components.pop("responses", None)  # all inlined above
    components["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
    doc["security"] = [{"bearer": []}]
    doc["tags"] = [{"name": tag}]
    # The API's one host, whatever the fetched document lists (or leaves out): the generated
    # clients take it as their default base URL.
    doc["servers"] = [{"url": API_HOST}]
    for fix in LIVE_FIXES:
        fix(doc)
    return doc


def _without_descriptions(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_descriptions(v) for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [_without_descriptions(v) for v in node]
    return node


def _rename_refs(node: Any, renames: dict[str, str]) -> Any:
    if isinstance(node, dict):
        out = {k: _rename_refs(v, renames) for k, v in node.items()}
        target = out.get("$ref")
        if isinstance(target, str) and target.startswith(SCHEMA_REF):
            name = target[len(SCHEMA_REF) :]
            out["$ref"] = SCHEMA_REF + renames.get(name, name)
        return out
    if isinstance(node, list):
        return [_rename_refs(v, renames) for v in node]
    return node


SCHEMA_REF = "#/components/schemas/"


def _own_names(doc: Doc, known: dict[str, Any]) -> Doc:
    """`doc` with each schema that differs from the same-named one in `known` renamed
    to <Tag><Name> (e.g. SchemaAssociationSpecWithLabel), references included."""
    tag = doc["tags"][0]["name"] if doc.get("tags") else "Other"
    prefix = "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", tag) if part)
    schemas = doc.get("components", {}).get("schemas", {})
    renames = {
        name: prefix + name
        for name, schema in schemas.items()
        if name in known and _without_descriptions(known[name]) != _without_descriptions(schema)
    }
    for new in renames.values():
        if new in schemas or new in known:
            raise ValueError(f"cannot rename a conflicting schema to {new}: the name is taken")
    if not renames:
        return doc
    doc = _rename_refs(doc, renames)
    doc["components"]["schemas"] = {
        renames.get(name, name): schema for name, schema in doc["components"]["schemas"].items()
    }
    return doc


def merge(documents: list[Doc], title: str) -> Doc:
    """Merge normalized documents of one version into one (one raw client per version).

    A schema defined in several documents normally agrees (descriptions aside) and is kept
    once. Where it does not (HubSpot's 2025-09 label definitions drop two fields in the
    schema API only), the later document's schema is renamed <Tag><Name>, so each document
    keeps its own shape.
    """
    merged: Doc = {
        "openapi": documents[0]["openapi"],
        "info": {"title": title, "version": documents[0]["info"]["version"]},
        "security": [{"bearer": []}],
        "tags": [],
        "paths": {},
        "components": {"schemas": {}, "securitySchemes": {}},
    }
    for doc in documents:
        doc = _own_names(doc, merged["components"]["schemas"])
        merged["tags"].extend(doc.get("tags", []))
        for path, item in doc.get("paths", {}).items():
            target = merged["paths"].setdefault(path, {})
            for key, value in item.items():
                if key in target:
                    raise ValueError(f"{key} {path} is defined twice")
                target[key] = value
        components = doc.get("components", {})
        merged["components"]["securitySchemes"].update(components.get("securitySchemes", {}))
        for name, schema in components.get("schemas", {}).items():
            merged["components"]["schemas"].setdefault(name, schema)
    names = [
        op["operationId"]
        for item in merged["paths"].values()
        for method, op in item.items()
        if method in HTTP_METHODS
    ]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"operation names used twice in one version: {duplicates}")
    return merged


if __name__ == "__main__":
    # scripts/normalize.py FILE TAG: print the normalized document (for inspection).
    print(json.dumps(normalize(json.loads(Path(sys.argv[1]).read_text()), sys.argv[2]), indent=2))
