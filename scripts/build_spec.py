"""Write the project's OpenAPI documents, spec/<version>/{associations,schema}.json.

The API versions share almost everything, so the documents are built here from one common
base plus each version's notes, spec/<version>/build.toml: path prefixes, which operations
exist (GET list, search), where per-item errors go (207 or inside the 200), what the archive
and purge operations answer, and small schema differences. The committed JSON files are the
complete documents the generators read; after editing this script or the notes, run
scripts/build-spec (the pipeline's first stage, which runs this script), then
scripts/regenerate. Version folders without notes (fetched with scripts/fetch-spec) are left
as they are.

Where HubSpot's live responses differ from its published documents we follow the wire and say
so in the schema description (see the facts sheet, "Live behaviour").
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from normalize import operation_name  # noqa: E402

Schema = dict[str, Any]


def load_notes() -> dict[str, dict[str, Any]]:
    """Per-version notes: spec/<version>/build.toml (prefixes and what differs).

    Only versions with notes are written by this script; a version fetched with
    scripts/fetch-spec keeps its published documents.
    """
    return {
        path.parent.name: tomllib.loads(path.read_text())
        for path in sorted((ROOT / "spec").glob("*/build.toml"))
    }


VERSIONS: dict[str, dict[str, Any]] = load_notes()

CATEGORIES = ["HUBSPOT_DEFINED", "INTEGRATOR_DEFINED", "USER_DEFINED", "WORK"]
BATCH_STATUS = ["CANCELED", "COMPLETE", "PENDING", "PROCESSING"]
READ_CAP = 1000  # HubSpot refuses larger batch-read bodies with a 400
WRITE_CAP = 2000  # ... and larger create / associate / archive bodies


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(description: str, props: dict[str, Schema], required: list[str]) -> Schema:
    schema: Schema = {"type": "object", "description": description, "properties": props}
    if required:  # OpenAPI 3.0 forbids an empty list
        schema["required"] = sorted(required)
    return schema


STR: Schema = {"type": "string"}
INT32: Schema = {"type": "integer", "format": "int32"}
DATE_TIME: Schema = {"type": "string", "format": "date-time"}
STR_MAP: Schema = {"type": "object", "additionalProperties": {"type": "string"}}
LIST_MAP: Schema = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
CATEGORY: Schema = {"type": "string", "enum": CATEGORIES}


def array(item: Schema, max_items: int | None = None) -> Schema:
    schema: Schema = {"type": "array", "items": item}
    if max_items is not None:
        schema["maxItems"] = max_items
    return schema


def batch_input(item: str, cap: int | None) -> Schema:
    return obj(
        f"A batch of {item} inputs."
        + (f" HubSpot accepts at most {cap} inputs per request." if cap else ""),
        {"inputs": array(ref(item), cap)},
        ["inputs"],
    )


def batch_response(results: Schema, with_errors: bool) -> Schema:
    props: dict[str, Schema] = {
        "completedAt": DATE_TIME,
        "requestedAt": DATE_TIME,
        "startedAt": DATE_TIME,
        "links": STR_MAP,
        "results": array(results),
        "status": {"type": "string", "enum": BATCH_STATUS},
    }
    if with_errors:
        props["errors"] = array(ref("StandardError"))
        props["numErrors"] = INT32
    text = "Outcome of a batch request"
    text += (
        ": the items that succeeded in `results`, the ones that failed in `errors`."
        if with_errors
        else ": the items that succeeded."
    )
    return obj(text, dict(sorted(props.items())), ["completedAt", "results", "startedAt", "status"])


def notes(version: str, section: str, key: str) -> Any:
    return VERSIONS[version][section][key]


def void_batch_response() -> Schema:
    schema = batch_response({}, True)
    schema["description"] = (
        "Outcome of a batch request that returns nothing per item: only the ones that"
        " failed, in `errors`."
    )
    return schema


def body_schemas(version: str, which: str) -> dict[str, Schema]:
    """The batch body of archive-like answers (`archive` or `purge` in the notes), if any."""
    name = notes(version, "statuses", which)
    if name == "BatchResponse":
        return {name: generic_batch_response()}
    if name == "BatchResponseVoid":
        return {name: void_batch_response()}
    return {}


def error_schemas() -> dict[str, Schema]:
    return {
        "Error": obj(
            "Body of every non-2xx answer.",
            {
                "category": {"type": "string", "description": "Error class, e.g. RATE_LIMITS."},
                "context": LIST_MAP,
                "correlationId": {"type": "string", "format": "uuid"},
                "errors": array(ref("ErrorDetail")),
                "links": STR_MAP,
                "message": STR,
                "subCategory": STR,
            },
            ["category", "correlationId", "message"],
        ),
        "ErrorDetail": obj(
            "One problem found in a request.",
            {
                "code": STR,
                "context": LIST_MAP,
                "in": {"type": "string", "description": "Field the problem concerns."},
                "message": STR,
                "subCategory": STR,
            },
            ["message"],
        ),
        "StandardError": obj(
            "A failed item inside a batch response. `context` names the ids concerned, e.g."
            ' {"ids": ["123"]}. The published documents type `subCategory` as an object, but'
            " the live API sends a string such as crm.associations.NO_ASSOCIATIONS_FOUND, so"
            " either is accepted.",
            {
                "category": STR,
                "context": LIST_MAP,
                "errors": array(ref("ErrorDetail")),
                "id": STR,
                "links": STR_MAP,
                "message": STR,
                "status": STR,
                "subCategory": {"oneOf": [{"type": "string"}, {"type": "object"}]},
            },
            ["category", "context", "errors", "links", "message", "status"],
        ),
    }


def association_spec_with_label(version: str, document: str) -> Schema:
    props: dict[str, Schema] = {
        "category": CATEGORY,
        "label": {"type": "string", "nullable": True},
        "typeId": INT32,
    }
    if document in notes(version, "schemas", "label_type_ids"):
        props |= {"fromObjectTypeId": STR, "toObjectTypeId": STR}
    return obj(
        "An association type as HubSpot reports it. `label` is null for unlabelled types"
        " on the live API (the published documents say string), so it is nullable here.",
        dict(sorted(props.items())),
        ["category", "typeId"],
    )


def associations_schemas(version: str) -> dict[str, Schema]:
    multi = notes(version, "statuses", "multi_status")
    s: dict[str, Schema] = {
        "AssociationSpec": obj(
            "Names one association type: its category and numeric type id.",
            {"associationCategory": CATEGORY, "associationTypeId": INT32},
            ["associationCategory", "associationTypeId"],
        ),
        "AssociationSpecWithLabel": association_spec_with_label(version, "associations"),
        "BatchInputPublicAssociationMultiArchive": batch_input(
            "PublicAssociationMultiArchive", WRITE_CAP
        ),
        "BatchInputPublicAssociationMultiPost": batch_input(
            "PublicAssociationMultiPost", WRITE_CAP
        ),
        "BatchInputPublicDefaultAssociationMultiPost": batch_input(
            "PublicDefaultAssociationMultiPost", WRITE_CAP
        ),
        "BatchInputPublicFetchAssociationsBatchRequest": batch_input(
            "PublicFetchAssociationsBatchRequest", READ_CAP
        ),
        "BatchResponseLabelsBetweenObjectPair": batch_response(
            ref("LabelsBetweenObjectPair"), not multi
        ),
        "BatchResponsePublicAssociationMultiWithLabel": batch_response(
            ref("PublicAssociationMultiWithLabel"), not multi
        ),
        "BatchResponsePublicDefaultAssociation": batch_response(
            ref("PublicDefaultAssociation"), True
        ),
        "DateTime": obj(
            "A point in time as HubSpot's report service encodes it.",
            {
                "dateOnly": {"type": "boolean"},
                "timeZoneShift": INT32,
                "value": {
                    "type": "integer",
                    "format": "int64",
                    "description": "Milliseconds since the epoch. Some published documents"
                    " say int32, which no current timestamp fits.",
                },
            },
            ["dateOnly", "timeZoneShift", "value"],
        ),
        "LabelsBetweenObjectPair": obj(
            "The labels now set between two records.",
            {
                "fromObjectId": STR,
                "fromObjectTypeId": STR,
                "labels": array(STR),
                "toObjectId": STR,
                "toObjectTypeId": STR,
            },
            ["fromObjectId", "fromObjectTypeId", "labels", "toObjectId", "toObjectTypeId"],
        ),
        "MultiAssociatedObjectWithLabel": obj(
            "A record on the other side and every association type linking to it.",
            {"associationTypes": array(ref("AssociationSpecWithLabel")), "toObjectId": STR},
            ["associationTypes", "toObjectId"],
        ),
        "NextPage": obj(
            "Where the next page starts: send `after` back to get it.",
            {"after": STR, "link": STR},
            ["after"],
        ),
        "Paging": obj(
            "Cursors around the current page.",
            {"next": ref("NextPage"), "prev": ref("PreviousPage")},
            [],
        ),
        "PreviousPage": obj(
            "Where the previous page starts.", {"before": STR, "link": STR}, ["before"]
        ),
        "PublicAssociationMultiArchive": obj(
            "Remove every association from one record to each of the listed records.",
            {"from": ref("PublicObjectId"), "to": array(ref("PublicObjectId"))},
            ["from", "to"],
        ),
        "PublicAssociationMultiPost": obj(
            "A pair of records and the association types to add or remove between them.",
            {
                "from": ref("PublicObjectId"),
                "to": ref("PublicObjectId"),
                "types": array(ref("AssociationSpec")),
            },
            ["from", "to", "types"],
        ),
        "PublicAssociationMultiWithLabel": obj(
            "Batch-read result for one input id. `paging` is present only when this id has"
            " more associations; send the id again with that `after` for the next page.",
            {
                "from": ref("PublicObjectId"),
                "paging": ref("Paging"),
                "to": array(ref("MultiAssociatedObjectWithLabel")),
            },
            ["from", "to"],
        ),
        "PublicDefaultAssociation": obj(
            "A default association that now exists.",
            {
                "associationSpec": ref("AssociationSpec"),
                "from": ref("PublicObjectId"),
                "to": ref("PublicObjectId"),
            },
            ["associationSpec", "from", "to"],
        ),
        "PublicDefaultAssociationMultiPost": obj(
            "A pair of records to link with the default (unlabelled) association type.",
            {"from": ref("PublicObjectId"), "to": ref("PublicObjectId")},
            ["from", "to"],
        ),
        "PublicFetchAssociationsBatchRequest": obj(
            "One record whose associations to read; `after` continues a previous page.",
            {"after": STR, "id": STR},
            ["id"],
        ),
        "PublicObjectId": obj("A record id (decimal digits).", {"id": STR}, ["id"]),
        "ReportCreationResponse": obj(
            "Acknowledgement that a high-usage report was queued.",
            {"enqueueTime": ref("DateTime"), "userEmail": STR, "userId": INT32},
            ["enqueueTime", "userEmail", "userId"],
        ),
    }
    s.update(error_schemas())
    s.update(body_schemas(version, "archive"))
    if multi:
        s["BatchResponseLabelsBetweenObjectPairWithErrors"] = batch_response(
            ref("LabelsBetweenObjectPair"), True
        )
        s["BatchResponsePublicAssociationMultiWithLabelWithErrors"] = batch_response(
            ref("PublicAssociationMultiWithLabel"), True
        )
    if notes(version, "operations", "list"):
        s["CollectionResponseMultiAssociatedObjectWithLabelForwardPaging"] = obj(
            "One page of a record's associations; `paging.next.after` is set while more exist.",
            {
                "paging": ref("ForwardPaging"),
                "results": array(ref("MultiAssociatedObjectWithLabel")),
            },
            ["results"],
        )
        s["ForwardPaging"] = obj("Cursor to the next page, if any.", {"next": ref("NextPage")}, [])
    if notes(version, "operations", "search"):
        s.update(search_schemas())
    return dict(sorted(s.items()))


def generic_batch_response() -> Schema:
    return batch_response({"type": "object"}, True)


def search_schemas() -> dict[str, Schema]:
    return {
        "CollectionResponseWithTotalSimplePublicObject": obj(
            "A page of search hits and the total number of matches.",
            {"paging": ref("Paging"), "results": array(ref("SimplePublicObject")), "total": INT32},
            ["results", "total"],
        ),
        "Filter": obj(
            "One condition on a property.",
            {
                "highValue": STR,
                "operator": {
                    "type": "string",
                    "enum": [
                        "BETWEEN",
                        "CONTAINS_TOKEN",
                        "EQ",
                        "GT",
                        "GTE",
                        "HAS_PROPERTY",
                        "IN",
                        "LT",
                        "LTE",
                        "NEQ",
                        "NOT_CONTAINS_TOKEN",
                        "NOT_HAS_PROPERTY",
                        "NOT_IN",
                    ],
                },
                "propertyName": STR,
                "value": STR,
                "values": array(STR),
            },
            ["operator", "propertyName"],
        ),
        "FilterGroup": obj(
            "Conditions that must all hold (groups are OR-ed).",
            {"filters": array(ref("Filter"))},
            ["filters"],
        ),
        "PublicObjectSearchRequest": obj(
            "A record search: filters, sorting, properties to return and a page cursor.",
            {
                "after": STR,
                "filterGroups": array(ref("FilterGroup")),
                "limit": INT32,
                "properties": array(STR),
                "query": STR,
                "sorts": array(STR),
            },
            ["after", "filterGroups", "limit", "properties", "sorts"],
        ),
        "PublicObjectWarning": obj(
            "A non-fatal remark about a record.",
            {"category": STR, "context": STR_MAP, "message": STR},
            ["category", "context", "message"],
        ),
        "SimplePublicObject": obj(
            "A CRM record with the requested properties.",
            {
                "archived": {"type": "boolean"},
                "archivedAt": DATE_TIME,
                "createdAt": DATE_TIME,
                "id": STR,
                "objectWriteTraceId": STR,
                "properties": STR_MAP,
                "propertiesWithHistory": {
                    "type": "object",
                    "additionalProperties": array(ref("ValueWithTimestamp")),
                },
                "updatedAt": DATE_TIME,
                "url": STR,
                "warnings": array(ref("PublicObjectWarning")),
            },
            ["archived", "createdAt", "id", "properties", "updatedAt"],
        ),
        "ValueWithTimestamp": obj(
            "One historical value of a property.",
            {
                "sourceId": STR,
                "sourceLabel": STR,
                "sourceType": STR,
                "timestamp": DATE_TIME,
                "updatedByUserId": INT32,
                "value": STR,
            },
            ["sourceType", "timestamp", "value"],
        ),
    }


def schema_api_schemas(version: str) -> dict[str, Schema]:
    config_request = obj(
        "A limit on how many records of the target type one record may be associated with,"
        " for one association type.",
        {"category": CATEGORY, "maxToObjectIds": INT32, "typeId": INT32},
        ["category", "maxToObjectIds", "typeId"],
    )
    multi = notes(version, "statuses", "limits_multi_status")
    s: dict[str, Schema] = {
        "AssociationSpecWithLabel": association_spec_with_label(version, "schema"),
        "BatchInputPublicAssociationDefinitionConfigurationCreateRequest": batch_input(
            "PublicAssociationDefinitionConfigurationCreateRequest", None
        ),
        "BatchInputPublicAssociationDefinitionConfigurationUpdateRequest": batch_input(
            "PublicAssociationDefinitionConfigurationUpdateRequest", None
        ),
        "BatchInputPublicAssociationSpec": batch_input("PublicAssociationSpec", None),
        "BatchResponsePublicAssociationDefinitionConfigurationUpdateResult": batch_response(
            ref("PublicAssociationDefinitionConfigurationUpdateResult"), not multi
        ),
        "BatchResponsePublicAssociationDefinitionUserConfiguration": batch_response(
            ref("PublicAssociationDefinitionUserConfiguration"), not multi
        ),
        "CollectionResponseAssociationSpecWithLabelNoPaging": obj(
            "Every association type defined between two object types.",
            {"results": array(ref("AssociationSpecWithLabel"))},
            ["results"],
        ),
        "CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging": obj(
            "Association limits, unpaged.",
            {"results": array(ref("PublicAssociationDefinitionUserConfiguration"))},
            ["results"],
        ),
        "PublicAssociationDefinitionConfigurationCreateRequest": config_request,
        "PublicAssociationDefinitionConfigurationUpdateRequest": config_request,
        "PublicAssociationDefinitionConfigurationUpdateResult": obj(
            "A limit after an update.",
            {"category": CATEGORY, "typeId": INT32, "userEnforcedMaxToObjectIds": INT32},
            ["category", "typeId"],
        ),
        "PublicAssociationDefinitionCreateRequest": obj(
            "A new custom label: its internal name, its label and optionally the label of"
            " the reverse direction.",
            {"inverseLabel": STR, "label": STR, "name": STR},
            ["label", "name"],
        ),
        "PublicAssociationDefinitionUpdateRequest": obj(
            "New label text for an existing custom association type.",
            {"associationTypeId": INT32, "inverseLabel": STR, "label": STR},
            ["associationTypeId", "label"],
        ),
        "PublicAssociationDefinitionUserConfiguration": obj(
            "An association type with the limit set on it, if any.",
            {
                "category": CATEGORY,
                "label": STR,
                "typeId": INT32,
                "userEnforcedMaxToObjectIds": INT32,
            },
            ["category", "typeId"],
        ),
        "PublicAssociationSpec": obj(
            "An association type, by category and id.",
            {"category": STR, "typeId": INT32},
            ["category", "typeId"],
        ),
    }
    s.update(error_schemas())
    s.update(body_schemas(version, "purge"))
    if multi:
        s["BatchResponsePublicAssociationDefinitionConfigurationUpdateResultWithErrors"] = (
            batch_response(ref("PublicAssociationDefinitionConfigurationUpdateResult"), True)
        )
        s["BatchResponsePublicAssociationDefinitionUserConfigurationWithErrors"] = batch_response(
            ref("PublicAssociationDefinitionUserConfiguration"), True
        )
    return dict(sorted(s.items()))


# ---------------------------------------------------------------------------- operations


def path_param(name: str, schema: Schema | None = None, text: str = "") -> Schema:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": schema or STR,
        "description": text or PARAM_TEXT.get(name, name),
    }


PARAM_TEXT = {
    "fromObjectType": "Source object type: a name such as contacts or an id such as 0-1.",
    "toObjectType": "Target object type: a name such as companies or an id such as 0-2.",
    "objectType": "Object type of the record: a name such as contacts or an id such as 0-1.",
    "objectId": "Id of the record.",
    "fromObjectId": "Id of the source record.",
    "toObjectId": "Id of the target record.",
}


def json_body(schema: Schema, text: str) -> Schema:
    return {
        "required": True,
        "description": text,
        "content": {"application/json": {"schema": schema}},
    }


def ok(schema: Schema | None, text: str) -> Schema:
    if schema is None:
        return {"description": text}
    return {"description": text, "content": {"application/json": {"schema": schema}}}


def operation(
    method: str,
    path: str,
    summary: str,
    params: list[Schema],
    responses: dict[str, Schema],
    tag: str,
    body: Schema | None = None,
) -> tuple[str, str, Schema]:
    op: Schema = {
        "operationId": operation_name(method, path),
        "summary": summary,
        "tags": [tag],
        "parameters": params,
    }
    if body is not None:
        op["requestBody"] = body
    op["responses"] = {**responses, "default": {"$ref": "#/components/responses/Error"}}
    return path, method, op


def archive_response(version: str, which: str, text: str) -> dict[str, Schema]:
    """`which` names the notes entry (archive, purge): 204, or 200 with a batch body."""
    name = notes(version, "statuses", which)
    if name == "none":
        return {"204": ok(None, text)}
    return {"200": ok(ref(name), text + " Per-item problems are in `errors`.")}


def with_errors(
    multi: bool, status: str, schema: str, text: str, partial: str
) -> dict[str, Schema]:
    """`status` + a 207 with the `WithErrors` schema, or (no 207) 200 with errors inside."""
    if multi:
        return {
            status: ok(ref(schema), text),
            "207": ok(ref(schema + "WithErrors"), partial),
        }
    return {"200": ok(ref(schema), text + " Per-item problems are in `errors`.")}


def associations_operations(version: str) -> list[tuple[str, str, Schema]]:
    a = notes(version, "prefixes", "associations")
    o = notes(version, "prefixes", "objects")
    multi = notes(version, "statuses", "multi_status")
    pair = [path_param("fromObjectType"), path_param("toObjectType")]
    record = [path_param("objectType"), path_param("objectId"), path_param("toObjectType")]
    tag = "associations"
    listing = operation(
        "get",
        f"{o}/{{objectType}}/{{objectId}}/associations/{{toObjectType}}",
        "List one record's associations to an object type, a page at a time",
        [
            *record,
            {
                "name": "after",
                "in": "query",
                "required": False,
                "schema": STR,
                "description": "Cursor from the previous page's paging.next.after.",
            },
            {
                "name": "limit",
                "in": "query",
                "required": False,
                "schema": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 500},
                "description": "Page size, at most 500.",
            },
        ],
        {
            "200": ok(
                ref("CollectionResponseMultiAssociatedObjectWithLabelForwardPaging"),
                "One page of associations.",
            )
        },
        tag,
    )
    ops = [
        operation(
            "post",
            f"{a}/usage/high-usage-report/{{userId}}",
            "Queue a report of records close to their association limits",
            [path_param("userId", INT32, "User who receives the report by email.")],
            {"200": ok(ref("ReportCreationResponse"), "The report was queued.")},
            tag,
        ),
        operation(
            "post",
            f"{a}/{{fromObjectType}}/{{toObjectType}}/batch/archive",
            "Remove all associations between many pairs of records",
            pair,
            archive_response(version, "archive", "The associations were removed."),
            tag,
            json_body(ref("BatchInputPublicAssociationMultiArchive"), "Pairs to unlink."),
        ),
        operation(
            "post",
            f"{a}/{{fromObjectType}}/{{toObjectType}}/batch/associate/default",
            "Link many pairs of records with the default association type",
            pair,
            {"200": ok(ref("BatchResponsePublicDefaultAssociation"), "The links that exist now.")},
            tag,
            json_body(ref("BatchInputPublicDefaultAssociationMultiPost"), "Pairs to link."),
        ),
        operation(
            "post",
            f"{a}/{{fromObjectType}}/{{toObjectType}}/batch/create",
            "Link many pairs of records with the given association types",
            pair,
            with_errors(
                multi,
                "201",
                "BatchResponseLabelsBetweenObjectPair",
                "The pairs were linked.",
                "Some pairs were linked, others failed.",
            ),
            tag,
            json_body(ref("BatchInputPublicAssociationMultiPost"), "Pairs and types to link."),
        ),
        operation(
            "post",
            f"{a}/{{fromObjectType}}/{{toObjectType}}/batch/labels/archive",
            "Remove specific association types between many pairs of records",
            pair,
            archive_response(version, "archive", "The association types were removed."),
            tag,
            json_body(ref("BatchInputPublicAssociationMultiPost"), "Pairs and types to remove."),
        ),
        operation(
            "post",
            f"{a}/{{fromObjectType}}/{{toObjectType}}/batch/read",
            "Read the associations of many records, one cursor per record",
            pair,
            with_errors(
                multi,
                "200",
                "BatchResponsePublicAssociationMultiWithLabel",
                "One result per id.",
                "Results for some ids, errors for others.",
            ),
            tag,
            json_body(ref("BatchInputPublicFetchAssociationsBatchRequest"), "Ids to read."),
        ),
        operation(
            "put",
            f"{o}/{{fromObjectType}}/{{fromObjectId}}/associations/default/{{toObjectType}}/{{toObjectId}}",
            "Link two records with the default association type",
            [
                path_param("fromObjectType"),
                path_param("fromObjectId"),
                path_param("toObjectType"),
                path_param("toObjectId"),
            ],
            {"200": ok(ref("BatchResponsePublicDefaultAssociation"), "The link exists now.")},
            tag,
        ),
        operation(
            "put",
            f"{o}/{{objectType}}/{{objectId}}/associations/{{toObjectType}}/{{toObjectId}}",
            "Set association types between two records",
            [*record, path_param("toObjectId")],
            {"201": ok(ref("LabelsBetweenObjectPair"), "The labels now set between the pair.")},
            tag,
            json_body(array(ref("AssociationSpec")), "Association types to add."),
        ),
        operation(
            "delete",
            f"{o}/{{objectType}}/{{objectId}}/associations/{{toObjectType}}/{{toObjectId}}",
            "Remove every association between two records",
            [*record, path_param("toObjectId")],
            {"204": ok(None, "The records are no longer associated.")},
            tag,
        ),
    ]
    if notes(version, "operations", "list"):
        ops.append(listing)
    if notes(version, "operations", "search"):
        ops.append(
            operation(
                "post",
                f"{o}/{{objectType}}/search",
                "Search records of one object type",
                [path_param("objectType")],
                {
                    "200": ok(
                        ref("CollectionResponseWithTotalSimplePublicObject"), "Matching records."
                    )
                },
                tag,
                json_body(ref("PublicObjectSearchRequest"), "The search."),
            )
        )
    return ops


def schema_operations(version: str) -> list[tuple[str, str, Schema]]:
    s = notes(version, "prefixes", "schema")
    multi = notes(version, "statuses", "limits_multi_status")
    pair = [path_param("fromObjectType"), path_param("toObjectType")]
    configs = f"{s}/definitions/configurations"
    tag = "schema"
    limits = ref("CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging")
    labels = ref("CollectionResponseAssociationSpecWithLabelNoPaging")
    purged = archive_response(version, "purge", "The limits were removed.")
    return [
        operation(
            "get",
            f"{configs}/all",
            "List every association limit of the account",
            [],
            {"200": ok(limits, "All limits.")},
            tag,
        ),
        operation(
            "get",
            f"{configs}/{{fromObjectType}}/{{toObjectType}}",
            "List the association limits between two object types",
            pair,
            {"200": ok(limits, "The limits.")},
            tag,
        ),
        operation(
            "post",
            f"{configs}/{{fromObjectType}}/{{toObjectType}}/batch/create",
            "Set limits on association types",
            pair,
            with_errors(
                multi,
                "201",
                "BatchResponsePublicAssociationDefinitionUserConfiguration",
                "The limits were set.",
                "Some limits were set, others failed.",
            ),
            tag,
            json_body(
                ref("BatchInputPublicAssociationDefinitionConfigurationCreateRequest"),
                "Limits to set.",
            ),
        ),
        operation(
            "post",
            f"{configs}/{{fromObjectType}}/{{toObjectType}}/batch/purge",
            "Remove limits from association types",
            pair,
            purged,
            tag,
            json_body(ref("BatchInputPublicAssociationSpec"), "Association types to free."),
        ),
        operation(
            "post",
            f"{configs}/{{fromObjectType}}/{{toObjectType}}/batch/update",
            "Change existing limits",
            pair,
            with_errors(
                multi,
                "200",
                "BatchResponsePublicAssociationDefinitionConfigurationUpdateResult",
                "The limits were changed.",
                "Some limits were changed, others failed.",
            ),
            tag,
            json_body(
                ref("BatchInputPublicAssociationDefinitionConfigurationUpdateRequest"),
                "New limits.",
            ),
        ),
        operation(
            "get",
            f"{s}/{{fromObjectType}}/{{toObjectType}}/labels",
            "List the association types (labels) defined between two object types",
            pair,
            {"200": ok(labels, "The association types.")},
            tag,
        ),
        operation(
            "put",
            f"{s}/{{fromObjectType}}/{{toObjectType}}/labels",
            "Rename a custom association label",
            pair,
            {"204": ok(None, "The label was changed.")},
            tag,
            json_body(ref("PublicAssociationDefinitionUpdateRequest"), "The new label text."),
        ),
        operation(
            "post",
            f"{s}/{{fromObjectType}}/{{toObjectType}}/labels",
            "Define a custom association label",
            pair,
            {"200": ok(labels, "The association types created for the label.")},
            tag,
            json_body(ref("PublicAssociationDefinitionCreateRequest"), "The label to define."),
        ),
        operation(
            "delete",
            f"{s}/{{fromObjectType}}/{{toObjectType}}/labels/{{associationTypeId}}",
            "Delete a custom association label",
            [*pair, path_param("associationTypeId", INT32, "Type id of the label to delete.")],
            {"204": ok(None, "The label was deleted.")},
            tag,
        ),
    ]


def document(
    version: str,
    title: str,
    text: str,
    schemas: dict[str, Schema],
    ops: list[tuple[str, str, Schema]],
) -> Schema:
    paths: dict[str, dict[str, Schema]] = {}
    for path, method, op in sorted(ops, key=lambda t: (t[0], t[1])):
        paths.setdefault(path, {})[method] = op
    return {
        "openapi": "3.0.3",
        "info": {
            "title": title,
            "version": version,
            "description": text + " Written by the hubspot-associations project from its"
            " own notes on HubSpot's API; generated by scripts/build_spec.py.",
        },
        "servers": [{"url": "https://api.hubapi.com"}],
        "security": [{"bearer": []}],
        "tags": [{"name": ops[0][2]["tags"][0]}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "responses": {
                "Error": {
                    "description": "Any error; the body says what went wrong.",
                    "content": {"application/json": {"schema": ref("Error")}},
                }
            },
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Private-app token or OAuth access token.",
                }
            },
        },
    }


def build(version: str) -> dict[str, Schema]:
    return {
        "associations": document(
            version,
            "CRM Associations",
            "Links between CRM records: create, read, list and remove associations.",
            associations_schemas(version),
            associations_operations(version),
        ),
        "schema": document(
            version,
            "CRM Associations Schema",
            "Association labels (type definitions) and limits on how many records may be linked.",
            schema_api_schemas(version),
            schema_operations(version),
        ),
    }


def main() -> None:
    for version in VERSIONS:
        folder = ROOT / "spec" / version
        folder.mkdir(parents=True, exist_ok=True)
        for name, doc in build(version).items():
            (folder / f"{name}.json").write_text(json.dumps(doc, indent=2) + "\n")
            print(f"wrote spec/{version}/{name}.json")


if __name__ == "__main__":
    main()
