# DO NOT EDIT: spec/2026-09/build.toml -> scripts/build-spec -> spec/2026-09/ -> scripts/regenerate -> here.
"""What spec/2026-09/ says about each operation of API version 2026-09.

OPERATIONS maps the operation's short name (the same in every version) to:
  method, path (template with {camelCase} parameters), document (the spec file's stem),
  path_params / query_params (wire name -> Python argument name), success (2xx status ->
  response schema, None for no body), request (body schema, "list:X" for an array of X,
  None for no body) and max_inputs (the batch cap the spec declares, or None).
"""

from typing import Any

VERSION = "2026-09"

OPERATIONS: dict[str, dict[str, Any]] = {
    "archive": {
        "method": "DELETE",
        "path": "/crm/objects/2026-09/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}",
        "document": "associations",
        "path_params": {
            "objectType": "object_type",
            "objectId": "object_id",
            "toObjectType": "to_object_type",
            "toObjectId": "to_object_id",
        },
        "query_params": {},
        "success": {204: None},
        "request": None,
        "max_inputs": None,
    },
    "batch_archive": {
        "method": "POST",
        "path": "/crm/associations/2026-09/{fromObjectType}/{toObjectType}/batch/archive",
        "document": "associations",
        "path_params": {
            "fromObjectType": "from_object_type",
            "toObjectType": "to_object_type",
        },
        "query_params": {},
        "success": {200: "BatchResponseVoid"},
        "request": "BatchInputPublicAssociationMultiArchive",
        "max_inputs": 2000,
    },
    "batch_archive_labels": {
        "method": "POST",
        "path": "/crm/associations/2026-09/{fromObjectType}/{toObjectType}/batch/labels/archive",
        "document": "associations",
        "path_params": {
            "fromObjectType": "from_object_type",
            "toObjectType": "to_object_type",
        },
        "query_params": {},
        "success": {200: "BatchResponseVoid"},
        "request": "BatchInputPublicAssociationMultiPost",
        "max_inputs": 2000,
    },
    "batch_associate_default": {
        "method": "POST",
        "path": "/crm/associations/2026-09/{fromObjectType}/{toObjectType}/batch/associate/default",
        "document": "associations",
        "path_params": {
            "fromObjectType": "from_object_type",
            "toObjectType": "to_object_type",
        },
        "query_params": {},
        "success": {200: "BatchResponsePublicDefaultAssociation"},
        "request": "BatchInputPublicDefaultAssociationMultiPost",
        "max_inputs": 2000,
    },
    "batch_create": {
        "method": "POST",
        "path": "/crm/associations/2026-09/{fromObjectType}/{toObjectType}/batch/create",
        "document": "associations",
        "path_params": {
            "fromObjectType": "from_object_type",
            "toObjectType": "to_object_type",
        },
        "query_params": {},
        "success": {200: "BatchResponseLabelsBetweenObjectPair"},
        "request": "BatchInputPublicAssociationMultiPost",
        "max_inputs": 2000,
    },
    "batch_read": {
        "method": "POST",
        "path": "/crm/associations/2026-09/{fromObjectType}/{toObjectType}/batch/read",
        "document": "associations",
        "path_params": {
            "fromObjectType": "from_object_type",
            "toObjectType": "to_object_type",
        },
        "query_params": {},
        "success": {200: "BatchResponsePublicAssociationMultiWithLabel"},
        "request": "BatchInputPublicFetchAssociationsBatchRequest",
        "max_inputs": 1000,
    },
    "create": {
        "method": "PUT",
        "path": "/crm/objects/2026-09/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}",
        "document": "associations",
        "path_params": {
            "objectType": "object_type",
            "objectId": "object_id",
            "toObjectType": "to_object_type",
            "toObjectId": "to_object_id",
        },
        "query_params": {},
        "success": {201: "LabelsBetweenObjectPair"},
        "request": "list:AssociationSpec",
        "max_inputs": None,
    },
    "create_default": {
        "method": "PUT",
        "path": "/crm/objects/2026-09/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}",
        "document": "associations",
        "path_params": {
            "fromObjectType": "from_object_type",
            "fromObjectId": "from_object_id",
            "toObjectType": "to_object_type",
            "toObjectId": "to_object_id",
        },
        "query_params": {},
        "success": {200: "BatchResponsePublicDefaultAssociation"},
        "request": None,
        "max_inputs": None,
    },
    "high_usage_report": {
        "method": "POST",
        "path": "/crm/associations/2026-09/usage/high-usage-report/{userId}",
        "document": "associations",
        "path_params": {"userId": "user_id"},
        "query_params": {},
        "success": {200: "ReportCreationResponse"},
        "request": None,
        "max_inputs": None,
    },
    "labels_archive": {
        "method": "DELETE",
        "path": "/crm/associations/2026-09/{fromObjectType}/{toObjectType}/labels/{associationTypeId}",
        "document": "schema",
        "path_params": {
            "fromObjectType": "from_object_type",
            "toObjectType": "to_object_type",
            "associationTypeId": "association_type_id",
        },
        "query_params": {},
        "success": {204: None},
        "request": None,
        "max_inputs": None,
    },
    "labels_create": {
        "method": "POST",
        "path": "/crm/associations/2026-09/{fromObjectType}/{toObjectType}/labels",
        "document": "schema",
        "path_params": {
            "fromObjectType": "from_object_type",
            "toObjectType": "to_object_type",
        },
        "query_params": {},
        "success": {200: "CollectionResponseAssociationSpecWithLabelNoPaging"},
        "request": "PublicAssociationDefinitionCreateRequest",
        "max_inputs": None,
    },
    "labels_list": {
        "method": "GET",
        "path": "/crm/associations/2026-09/{fromObjectType}/{toObjectType}/labels",
        "document": "schema",
        "path_params": {
            "fromObjectType": "from_object_type",
            "toObjectType": "to_object_type",
        },
        "query_params": {},
        "success": {200: "CollectionResponseAssociationSpecWithLabelNoPaging"},
        "request": None,
        "max_inputs": None,
    },
    "labels_update": {
        "method": "PUT",
        "path": "/crm/associations/2026-09/{fromObjectType}/{toObjectType}/labels",
        "document": "schema",
        "path_params": {
            "fromObjectType": "from_object_type",
            "toObjectType": "to_object_type",
        },
        "query_params": {},
        "success": {204: None},
        "request": "PublicAssociationDefinitionUpdateRequest",
        "max_inputs": None,
    },
    "limits_batch_create": {
        "method": "POST",
        "path": "/crm/associations/2026-09/definitions/configurations/{fromObjectType}/{toObjectType}/batch/create",
        "document": "schema",
        "path_params": {
            "fromObjectType": "from_object_type",
            "toObjectType": "to_object_type",
        },
        "query_params": {},
        "success": {200: "BatchResponsePublicAssociationDefinitionUserConfiguration"},
        "request": "BatchInputPublicAssociationDefinitionConfigurationCreateRequest",
        "max_inputs": None,
    },
    "limits_batch_purge": {
        "method": "POST",
        "path": "/crm/associations/2026-09/definitions/configurations/{fromObjectType}/{toObjectType}/batch/purge",
        "document": "schema",
        "path_params": {
            "fromObjectType": "from_object_type",
            "toObjectType": "to_object_type",
        },
        "query_params": {},
        "success": {200: "BatchResponseVoid"},
        "request": "BatchInputPublicAssociationSpec",
        "max_inputs": None,
    },
    "limits_batch_update": {
        "method": "POST",
        "path": "/crm/associations/2026-09/definitions/configurations/{fromObjectType}/{toObjectType}/batch/update",
        "document": "schema",
        "path_params": {
            "fromObjectType": "from_object_type",
            "toObjectType": "to_object_type",
        },
        "query_params": {},
        "success": {
            200: "BatchResponsePublicAssociationDefinitionConfigurationUpdateResult"
        },
        "request": "BatchInputPublicAssociationDefinitionConfigurationUpdateRequest",
        "max_inputs": None,
    },
    "limits_list": {
        "method": "GET",
        "path": "/crm/associations/2026-09/definitions/configurations/{fromObjectType}/{toObjectType}",
        "document": "schema",
        "path_params": {
            "fromObjectType": "from_object_type",
            "toObjectType": "to_object_type",
        },
        "query_params": {},
        "success": {
            200: "CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging"
        },
        "request": None,
        "max_inputs": None,
    },
    "limits_list_all": {
        "method": "GET",
        "path": "/crm/associations/2026-09/definitions/configurations/all",
        "document": "schema",
        "path_params": {},
        "query_params": {},
        "success": {
            200: "CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging"
        },
        "request": None,
        "max_inputs": None,
    },
}
