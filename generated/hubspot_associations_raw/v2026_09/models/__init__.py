# DO NOT EDIT: spec/2026-09/build.toml -> scripts/build-spec -> spec/2026-09/ -> scripts/regenerate -> here.
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
from .batch_response_labels_between_object_pair import (
    BatchResponseLabelsBetweenObjectPair,
)
from .batch_response_labels_between_object_pair_links import (
    BatchResponseLabelsBetweenObjectPairLinks,
)
from .batch_response_labels_between_object_pair_status import (
    BatchResponseLabelsBetweenObjectPairStatus,
)
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
from .batch_response_public_default_association import (
    BatchResponsePublicDefaultAssociation,
)
from .batch_response_public_default_association_links import (
    BatchResponsePublicDefaultAssociationLinks,
)
from .batch_response_public_default_association_status import (
    BatchResponsePublicDefaultAssociationStatus,
)
from .batch_response_void import BatchResponseVoid
from .batch_response_void_links import BatchResponseVoidLinks
from .batch_response_void_status import BatchResponseVoidStatus
from .collection_response_association_spec_with_label_no_paging import (
    CollectionResponseAssociationSpecWithLabelNoPaging,
)
from .collection_response_public_association_definition_user_configuration_no_paging import (
    CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging,
)
from .date_time import DateTime
from .error import Error
from .error_context import ErrorContext
from .error_detail import ErrorDetail
from .error_detail_context import ErrorDetailContext
from .error_links import ErrorLinks
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
from .report_creation_response import ReportCreationResponse
from .standard_error import StandardError
from .standard_error_context import StandardErrorContext
from .standard_error_links import StandardErrorLinks
from .standard_error_sub_category_type_1 import StandardErrorSubCategoryType1

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
    "BatchResponseLabelsBetweenObjectPair",
    "BatchResponseLabelsBetweenObjectPairLinks",
    "BatchResponseLabelsBetweenObjectPairStatus",
    "BatchResponsePublicAssociationDefinitionConfigurationUpdateResult",
    "BatchResponsePublicAssociationDefinitionConfigurationUpdateResultLinks",
    "BatchResponsePublicAssociationDefinitionConfigurationUpdateResultStatus",
    "BatchResponsePublicAssociationDefinitionUserConfiguration",
    "BatchResponsePublicAssociationDefinitionUserConfigurationLinks",
    "BatchResponsePublicAssociationDefinitionUserConfigurationStatus",
    "BatchResponsePublicAssociationMultiWithLabel",
    "BatchResponsePublicAssociationMultiWithLabelLinks",
    "BatchResponsePublicAssociationMultiWithLabelStatus",
    "BatchResponsePublicDefaultAssociation",
    "BatchResponsePublicDefaultAssociationLinks",
    "BatchResponsePublicDefaultAssociationStatus",
    "BatchResponseVoid",
    "BatchResponseVoidLinks",
    "BatchResponseVoidStatus",
    "CollectionResponseAssociationSpecWithLabelNoPaging",
    "CollectionResponsePublicAssociationDefinitionUserConfigurationNoPaging",
    "DateTime",
    "Error",
    "ErrorContext",
    "ErrorDetail",
    "ErrorDetailContext",
    "ErrorLinks",
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
    "ReportCreationResponse",
    "StandardError",
    "StandardErrorContext",
    "StandardErrorLinks",
    "StandardErrorSubCategoryType1",
)
