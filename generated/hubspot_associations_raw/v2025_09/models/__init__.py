# DO NOT EDIT: spec/2025-09/build.toml -> scripts/build-spec -> spec/2025-09/ -> scripts/regenerate -> here.
"""Contains all the data models used in inputs/outputs"""

from .association_spec import AssociationSpec
from .association_spec_association_category import AssociationSpecAssociationCategory
from .association_spec_with_label import AssociationSpecWithLabel
from .association_spec_with_label_category import AssociationSpecWithLabelCategory
from .batch_input_public_association_definition_configuration_create_request import (
    BatchInputPublicAssociationDefinitionConfigurationCreateRequest,
)
from .batch_input_public_association_definition_configuration_update_request import (
    BatchInputPublicAssociationDefinitionConfigurationUpdateRequest,
)
from .batch_input_public_association_multi_archive import (
    BatchInputPublicAssociationMultiArchive,
)
from .batch_input_public_association_multi_post import (
    BatchInputPublicAssociationMultiPost,
)
from .batch_input_public_association_spec import BatchInputPublicAssociationSpec
from .batch_input_public_default_association_multi_post import (
    BatchInputPublicDefaultAssociationMultiPost,
)
from .batch_input_public_fetch_associations_batch_request import (
    BatchInputPublicFetchAssociationsBatchRequest,
)
from .batch_response import BatchResponse
from .batch_response_labels_between_object_pair import (
    BatchResponseLabelsBetweenObjectPair,
)
from .batch_response_labels_between_object_pair_links import (
    BatchResponseLabelsBetweenObjectPairLinks,
)
from .batch_response_labels_between_object_pair_status import (
    BatchResponseLabelsBetweenObjectPairStatus,
)
from .batch_response_labels_between_object_pair_with_errors import (
    BatchResponseLabelsBetweenObjectPairWithErrors,
)
from .batch_response_labels_between_object_pair_with_errors_links import (
    BatchResponseLabelsBetweenObjectPairWithErrorsLinks,
)
from .batch_response_labels_between_object_pair_with_errors_status import (
    BatchResponseLabelsBetweenObjectPairWithErrorsStatus,
)
from .batch_response_links import BatchResponseLinks
from .batch_response_public_association_definition_configuration_update_result import (
    BatchResponsePublicAssociationDefinitionConfigurationUpdateResult,
)
from .batch_response_public_association_definition_configuration_update_result_links import (
    BatchResponsePublicAssociationDefinitionConfigurationUpdateResultLinks,
)
from .batch_response_public_association_definition_configuration_update_result_status import (
    BatchResponsePublicAssociationDefinitionConfigurationUpdateResultStatus,
)
from .batch_response_public_association_definition_user_configuration import (
    BatchResponsePublicAssociationDefinitionUserConfiguration,
)
from .batch_response_public_association_definition_user_configuration_links import (
    BatchResponsePublicAssociationDefinitionUserConfigurationLinks,
)
from .batch_response_public_association_definition_user_configuration_status import (
    BatchResponsePublicAssociationDefinitionUserConfigurationStatus,
)
from .batch_response_public_association_multi_with_label import (
    BatchResponsePublicAssociationMultiWithLabel,
)
from .batch_response_public_association_multi_with_label_links import (
    BatchResponsePublicAssociationMultiWithLabelLinks,
)
from .batch_response_public_association_multi_with_label_status import (
    BatchResponsePublicAssociationMultiWithLabelStatus,
)
from .batch_response_public_association_multi_with_label_with_errors import (
    BatchResponsePublicAssociationMultiWithLabelWithErrors,
)
from .batch_response_public_association_multi_with_label_with_errors_links import (
    BatchResponsePublicAssociationMultiWithLabelWithErrorsLinks,
)
from .batch_response_public_association_multi_with_label_with_errors_status import (
    BatchResponsePublicAssociationMultiWithLabelWithErrorsStatus,
)
from .batch_response_public_default_association import (
    BatchResponsePublicDefaultAssociation,
)
from .batch_response_public_default_association_links import (
    BatchResponsePublicDefaultAssociationLinks,
)
from .batch_response_public_default_association_status import (
    BatchResponsePublicDefaultAssociationStatus,
)
from .batch_response_results_item import BatchResponseResultsItem
from .batch_response_status import BatchResponseStatus
from .batch_response_void import BatchResponseVoid
from .batch_response_void_links import BatchResponseVoidLinks
from .batch_response_void_status import BatchResponseVoidStatus
from .collection_response_association_spec_with_label_no_paging import (
    CollectionResponseAssociationSpecWithLabelNoPaging,
)
from .collection_response_multi_associated_object_with_label_forward_paging import (
    CollectionResponseMultiAssociatedObjectWithLabelForwardPaging,
)
from .collection_response_public_association_definition_user_configuration_no_paging import (
    CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging,
)
from .collection_response_with_total_simple_public_object import (
    CollectionResponseWithTotalSimplePublicObject,
)
from .date_time import DateTime
from .error import Error
from .error_context import ErrorContext
from .error_detail import ErrorDetail
from .error_detail_context import ErrorDetailContext
from .error_links import ErrorLinks
from .filter_ import Filter
from .filter_group import FilterGroup
from .filter_operator import FilterOperator
from .forward_paging import ForwardPaging
from .labels_between_object_pair import LabelsBetweenObjectPair
from .multi_associated_object_with_label import MultiAssociatedObjectWithLabel
from .next_page import NextPage
from .paging import Paging
from .previous_page import PreviousPage
from .public_association_definition_configuration_create_request import (
    PublicAssociationDefinitionConfigurationCreateRequest,
)
from .public_association_definition_configuration_create_request_category import (
    PublicAssociationDefinitionConfigurationCreateRequestCategory,
)
from .public_association_definition_configuration_update_request import (
    PublicAssociationDefinitionConfigurationUpdateRequest,
)
from .public_association_definition_configuration_update_request_category import (
    PublicAssociationDefinitionConfigurationUpdateRequestCategory,
)
from .public_association_definition_configuration_update_result import (
    PublicAssociationDefinitionConfigurationUpdateResult,
)
from .public_association_definition_configuration_update_result_category import (
    PublicAssociationDefinitionConfigurationUpdateResultCategory,
)
from .public_association_definition_create_request import (
    PublicAssociationDefinitionCreateRequest,
)
from .public_association_definition_update_request import (
    PublicAssociationDefinitionUpdateRequest,
)
from .public_association_definition_user_configuration import (
    PublicAssociationDefinitionUserConfiguration,
)
from .public_association_definition_user_configuration_category import (
    PublicAssociationDefinitionUserConfigurationCategory,
)
from .public_association_multi_archive import PublicAssociationMultiArchive
from .public_association_multi_post import PublicAssociationMultiPost
from .public_association_multi_with_label import PublicAssociationMultiWithLabel
from .public_association_spec import PublicAssociationSpec
from .public_default_association import PublicDefaultAssociation
from .public_default_association_multi_post import PublicDefaultAssociationMultiPost
from .public_fetch_associations_batch_request import PublicFetchAssociationsBatchRequest
from .public_object_id import PublicObjectId
from .public_object_search_request import PublicObjectSearchRequest
from .public_object_warning import PublicObjectWarning
from .public_object_warning_context import PublicObjectWarningContext
from .report_creation_response import ReportCreationResponse
from .schema_association_spec_with_label import SchemaAssociationSpecWithLabel
from .schema_association_spec_with_label_category import (
    SchemaAssociationSpecWithLabelCategory,
)
from .simple_public_object import SimplePublicObject
from .simple_public_object_properties import SimplePublicObjectProperties
from .simple_public_object_properties_with_history import (
    SimplePublicObjectPropertiesWithHistory,
)
from .standard_error import StandardError
from .standard_error_context import StandardErrorContext
from .standard_error_links import StandardErrorLinks
from .standard_error_sub_category_type_1 import StandardErrorSubCategoryType1
from .value_with_timestamp import ValueWithTimestamp

__all__ = (
    "AssociationSpec",
    "AssociationSpecAssociationCategory",
    "AssociationSpecWithLabel",
    "AssociationSpecWithLabelCategory",
    "BatchInputPublicAssociationDefinitionConfigurationCreateRequest",
    "BatchInputPublicAssociationDefinitionConfigurationUpdateRequest",
    "BatchInputPublicAssociationMultiArchive",
    "BatchInputPublicAssociationMultiPost",
    "BatchInputPublicAssociationSpec",
    "BatchInputPublicDefaultAssociationMultiPost",
    "BatchInputPublicFetchAssociationsBatchRequest",
    "BatchResponse",
    "BatchResponseLabelsBetweenObjectPair",
    "BatchResponseLabelsBetweenObjectPairLinks",
    "BatchResponseLabelsBetweenObjectPairStatus",
    "BatchResponseLabelsBetweenObjectPairWithErrors",
    "BatchResponseLabelsBetweenObjectPairWithErrorsLinks",
    "BatchResponseLabelsBetweenObjectPairWithErrorsStatus",
    "BatchResponseLinks",
    "BatchResponsePublicAssociationDefinitionConfigurationUpdateResult",
    "BatchResponsePublicAssociationDefinitionConfigurationUpdateResultLinks",
    "BatchResponsePublicAssociationDefinitionConfigurationUpdateResultStatus",
    "BatchResponsePublicAssociationDefinitionUserConfiguration",
    "BatchResponsePublicAssociationDefinitionUserConfigurationLinks",
    "BatchResponsePublicAssociationDefinitionUserConfigurationStatus",
    "BatchResponsePublicAssociationMultiWithLabel",
    "BatchResponsePublicAssociationMultiWithLabelLinks",
    "BatchResponsePublicAssociationMultiWithLabelStatus",
    "BatchResponsePublicAssociationMultiWithLabelWithErrors",
    "BatchResponsePublicAssociationMultiWithLabelWithErrorsLinks",
    "BatchResponsePublicAssociationMultiWithLabelWithErrorsStatus",
    "BatchResponsePublicDefaultAssociation",
    "BatchResponsePublicDefaultAssociationLinks",
    "BatchResponsePublicDefaultAssociationStatus",
    "BatchResponseResultsItem",
    "BatchResponseStatus",
    "BatchResponseVoid",
    "BatchResponseVoidLinks",
    "BatchResponseVoidStatus",
    "CollectionResponseAssociationSpecWithLabelNoPaging",
    "CollectionResponseMultiAssociatedObjectWithLabelForwardPaging",
    "CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging",
    "CollectionResponseWithTotalSimplePublicObject",
    "DateTime",
    "Error",
    "ErrorContext",
    "ErrorDetail",
    "ErrorDetailContext",
    "ErrorLinks",
    "Filter",
    "FilterGroup",
    "FilterOperator",
    "ForwardPaging",
    "LabelsBetweenObjectPair",
    "MultiAssociatedObjectWithLabel",
    "NextPage",
    "Paging",
    "PreviousPage",
    "PublicAssociationDefinitionConfigurationCreateRequest",
    "PublicAssociationDefinitionConfigurationCreateRequestCategory",
    "PublicAssociationDefinitionConfigurationUpdateRequest",
    "PublicAssociationDefinitionConfigurationUpdateRequestCategory",
    "PublicAssociationDefinitionConfigurationUpdateResult",
    "PublicAssociationDefinitionConfigurationUpdateResultCategory",
    "PublicAssociationDefinitionCreateRequest",
    "PublicAssociationDefinitionUpdateRequest",
    "PublicAssociationDefinitionUserConfiguration",
    "PublicAssociationDefinitionUserConfigurationCategory",
    "PublicAssociationMultiArchive",
    "PublicAssociationMultiPost",
    "PublicAssociationMultiWithLabel",
    "PublicAssociationSpec",
    "PublicDefaultAssociation",
    "PublicDefaultAssociationMultiPost",
    "PublicFetchAssociationsBatchRequest",
    "PublicObjectId",
    "PublicObjectSearchRequest",
    "PublicObjectWarning",
    "PublicObjectWarningContext",
    "ReportCreationResponse",
    "SchemaAssociationSpecWithLabel",
    "SchemaAssociationSpecWithLabelCategory",
    "SimplePublicObject",
    "SimplePublicObjectProperties",
    "SimplePublicObjectPropertiesWithHistory",
    "StandardError",
    "StandardErrorContext",
    "StandardErrorLinks",
    "StandardErrorSubCategoryType1",
    "ValueWithTimestamp",
)
