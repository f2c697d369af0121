//! Parameter documentation for every operation the playground can build: the description, type, required
//! marker and example of each request parameter, as the faces show them next to a field.
//!
//! This is data only (no rules and no UI). Texts come from the CopyImage reference (**REF**,
//! `shared/spec/copyimage-api-reference.txt`); where a table cell of the reference is cut off ("cannot start
//! with |") the sentence is completed from the SDK doc comments quoted in `ecs-operation-fields.md` and
//! `alibaba-api-facts.md` §1f, and the `source` field says so. Other operations' texts come from
//! `ecs-operation-fields.md` (**FIELDS**).
//!
//! Each parameter also lists the error codes that point at it, so a face can put an error returned by the
//! engine next to the field it concerns without knowing any rule itself.
//!
//! Layer: teach (may use `base`, `signing`, `model`, `service`).

use serde::Serialize;

/// The wire type of a parameter, as the reference names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ParamType {
    /// Free text.
    String,
    /// `true` / `false` (read case-insensitively by the service).
    Boolean,
    /// A whole number.
    Integer,
}

impl ParamType {
    /// The name the reference uses (`String`, `Boolean`, `Integer`).
    pub fn as_str(self) -> &'static str {
        match self {
            ParamType::String => "String",
            ParamType::Boolean => "Boolean",
            ParamType::Integer => "Integer",
        }
    }
}

/// One documented request parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ParamDoc {
    /// The wire name; repeated parameters use `N` (`Tag.N.Key`).
    pub name: &'static str,
    /// The documented type.
    pub ty: ParamType,
    /// Whether the reference marks it required.
    pub required: bool,
    /// The documented example value (empty when the source gives none).
    pub example: &'static str,
    /// The documented description, complete.
    pub description: &'static str,
    /// Where the description comes from.
    pub source: &'static str,
    /// Documented values, for parameters that take one of a fixed set (empty otherwise).
    pub values: &'static [&'static str],
    /// Error codes the reference ties to this parameter (so a face can show them next to it).
    pub errors: &'static [&'static str],
}

/// One operation: its action name, a one-line summary and its parameters in the reference's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct OperationDoc {
    /// The `Action` value, e.g. `CopyImage`.
    pub action: &'static str,
    /// What the operation does, from its reference page.
    pub summary: &'static str,
    /// The business parameters (common parameters such as `AccessKeyId` are in [`COMMON`]).
    pub params: &'static [ParamDoc],
}

const REF: &str = "CopyImage API reference, request parameters";
const REF_COMPLETED: &str =
    "CopyImage API reference, request parameters (completed from the ECS SDK's parameter documentation)";
const FIELDS: &str = "ECS SDK parameter documentation (alibabacloud_ecs20140526)";
const FACTS_COMMON: &str = "Alibaba Cloud API reference, common request parameters";

const fn p(
    name: &'static str,
    ty: ParamType,
    required: bool,
    example: &'static str,
    description: &'static str,
    source: &'static str,
    errors: &'static [&'static str],
) -> ParamDoc {
    ParamDoc {
        name,
        ty,
        required,
        example,
        description,
        source,
        values: &[],
        errors,
    }
}

use ParamType::{Boolean as B, Integer as I, String as S};

/// CopyImage's parameters, in the order of the reference's table (then the SDK-only ones).
pub const COPY_IMAGE: &[ParamDoc] = &[
    p(
        "RegionId",
        S,
        true,
        "cn-hangzhou",
        "The region ID of the source custom image. You can call the DescribeRegions operation to query the most \
         recent region list.",
        REF,
        // No InvalidRegionId.NotFound: CopyImage's table names an unknown source region
        // SourceRegion.NotFound instead.
        &["MissingParameter", "SourceRegion.NotFound", "RegionNotSupportCopy"],
    ),
    p(
        "ImageId",
        S,
        true,
        "m-bp1h46wfpjsjastc****",
        "The ID of the source custom image.",
        REF,
        &[
            "MissingParameter",
            "InvalidImageId.NotFound",
            "IncorrectImageStatus",
            "OperationDenied.ImageCopying",
            "OperationDenied.SameRegionOnly",
            "OperationDeined.EncryptedSnapshot",
            "SizeExceed.Image",
            "InvalidSnapshotId.NotFound",
            "InvalidSnapshot.TooOld",
            "OperationDenied",
        ],
    ),
    p(
        "DestinationRegionId",
        S,
        false,
        "cn-shanghai",
        "The ID of the destination region to which to copy the source custom image.",
        REF,
        &[
            "MissingParameter",
            "DestinationRegion.NotFound",
            "IncorrectDestinationRegion",
            "OperationDenied.NotPublished",
            "QuotaExceed.Image",
            "QuotaExceed.Snapshot",
        ],
    ),
    p(
        "DestinationImageName",
        S,
        false,
        "YourImageName",
        "The name of the image copy. The name must be 2 to 128 characters in length. It must start with a letter \
         and cannot start with acs: or aliyun. It cannot contain http:// or https://. It can contain letters, \
         digits, periods (.), colons (:), underscores (_), and hyphens (-).",
        REF_COMPLETED,
        &["InvalidImageName.Malformed", "InvalidImageName.Duplicated"],
    ),
    p(
        "DestinationDescription",
        S,
        false,
        "This is a description example.",
        "The description of the image copy. The description must be 2 to 256 characters in length and cannot \
         start with http:// or https://.",
        REF_COMPLETED,
        &["InvalidDescription.Malformed"],
    ),
    ParamDoc {
        name: "Encrypted",
        ty: B,
        required: false,
        example: "false",
        description: "Specifies whether to encrypt the image copy. Default value: false.",
        source: REF,
        values: &["true", "false"],
        errors: &["InvalidParameter", "InvalidParameter.EncryptedIllegal"],
    },
    p(
        "KMSKeyId",
        S,
        false,
        "e522b26d-abf6-4e0d-b5da-04b7******3c",
        "The ID of the key used to encrypt the image copy.",
        REF,
        &[
            "InvalidParameter.KMSKeyId.NotFound",
            "InvalidParameter.KMSKeyId.CMKNotEnabled",
            "InvalidParameter.KMSKeyId.KMSUnauthorized",
            "InvalidRegion.NotSupport",
            "UserNotInTheWhiteList",
            "InvalidParameter.EncryptedIllegal",
        ],
    ),
    p(
        "ResourceGroupId",
        S,
        false,
        "rg-bp67acfmxazb4p****",
        "The ID of the resource group to which the image copy belongs. If you do not specify this parameter, the \
         image copy belongs to the default resource group. Note: If you use a RAM user that is not authorized to \
         manage the default resource group to call the CopyImage operation and do not specify the \
         ResourceGroupId parameter, the Forbbiden: User not authorized to operate on the specified resource error \
         message is returned. You must specify the ID of a resource group that the RAM user is authorized to \
         manage or authorize the RAM user to manage the default resource group before you call the CopyImage \
         operation again.",
        REF,
        &["Forbbiden", "InvalidResourceGroup.NotFound"],
    ),
    p(
        "Tag.N.Key",
        S,
        false,
        "TestKey",
        "The key of tag N of the image copy. Valid values of N: 1 to 20. The tag key cannot be an empty string. \
         It can be up to 128 characters in length and cannot start with aliyun or acs:. It cannot contain \
         http:// or https://.",
        REF_COMPLETED,
        &[
            "InvalidTagKey.Malformed",
            "Duplicate.TagKey",
            "InvalidTag.Mismatch",
            "InvalidTagCount",
            "NumberExceed.Tags",
        ],
    ),
    p(
        "Tag.N.Value",
        S,
        false,
        "TestValue",
        "The value of tag N of the image copy. Valid values of N: 1 to 20. The tag value can be an empty string. \
         It can be up to 128 characters in length and cannot start with acs:. It cannot contain http:// or \
         https://.",
        REF_COMPLETED,
        &["InvalidTagValue.Malformed"],
    ),
    p(
        "ClientToken",
        S,
        false,
        "123e4567-e89b-12d3-a456-426655440000",
        "The client token that is used to ensure the idempotence of the request. You can use the client to \
         generate the token, but you must make sure that the token is unique among different requests. The \
         ClientToken parameter can contain only ASCII characters and cannot exceed 64 characters in length.",
        FIELDS,
        &["InvalidClientToken.ValueNotSupported", "IdempotentParameterMismatch"],
    ),
    ParamDoc {
        name: "DryRun",
        ty: B,
        required: false,
        example: "false",
        description: "Specifies whether to only perform a dry run for this request. Valid values: true: performs \
                      a dry run. The system checks whether your AccessKey pair is valid, whether the Resource \
                      Access Management (RAM) user has authorization, and whether the required parameters are \
                      specified. If the request fails the dry run, the corresponding error message is returned. \
                      If the request passes the dry run, the DryRunOperation error code is returned. false: \
                      performs a dry run and performs the actual request.",
        source: FIELDS,
        values: &["true", "false"],
        errors: &["DryRunOperation"],
    },
];

/// CancelCopyImage's parameters.
pub const CANCEL_COPY_IMAGE: &[ParamDoc] = &[
    p(
        "RegionId",
        S,
        true,
        "cn-shanghai",
        "The ID of the region to which the destination image belongs. You can call the DescribeRegions operation \
         to query the most recent region list.",
        FIELDS,
        &["MissingParameter", "InvalidRegionId.NotFound"],
    ),
    p(
        "ImageId",
        S,
        true,
        "m-uf6h46wfpjsjastd****",
        "The ID of the image that is being copied.",
        FIELDS,
        // CancelNotSupported is in the SDK's list but has no documented cause the simulator could model.
        &[
            "MissingParameter",
            "InvalidImageId.NotFound",
            "ImageCreatedNotFromCopy",
            "IncorrectImageStatus",
        ],
    ),
];

/// DeleteImage's parameters.
pub const DELETE_IMAGE: &[ParamDoc] = &[
    p(
        "RegionId",
        S,
        true,
        "cn-hangzhou",
        "The region ID of the custom image. You can call the DescribeRegions operation to query the most recent \
         region list.",
        FIELDS,
        &["MissingParameter", "InvalidRegionId.NotFound"],
    ),
    p(
        "ImageId",
        S,
        true,
        "m-bp1h46wfpjsjastc****",
        "The image ID. If the specified custom image does not exist, the request is ignored.",
        FIELDS,
        // ImageIsImporting / ImageIsExporting are left out: the simulated world has no import or export.
        &[
            "MissingParameter",
            "InvalidImageId.NotFound",
            "OperationDenied.ImageCopying",
            "ImageUsingByInstance",
            "ImageUseShared",
        ],
    ),
    ParamDoc {
        name: "Force",
        ty: B,
        required: false,
        example: "false",
        description: "Specifies whether to force delete the custom image. Valid values: true: Forces the deletion \
                      of the custom image, regardless of whether the image is in use by other instances. false: \
                      Deletes the custom image normally and checks whether the image is in use by other instances \
                      before deletion. Default value: false.",
        source: FIELDS,
        values: &["true", "false"],
        errors: &[],
    },
    ParamDoc {
        name: "DryRun",
        ty: B,
        required: false,
        example: "false",
        description: "Specifies whether to only perform a dry run for this request.",
        source: FIELDS,
        values: &["true", "false"],
        errors: &["DryRunOperation"],
    },
];

/// DescribeImages' parameters (the ones the simulated account can answer).
pub const DESCRIBE_IMAGES: &[ParamDoc] = &[
    p(
        "RegionId",
        S,
        true,
        "cn-hangzhou",
        "The region ID of the image. You can call DescribeRegions to query the most recent region list.",
        FIELDS,
        &["MissingParameter", "InvalidRegionId.NotFound"],
    ),
    p(
        "ImageId",
        S,
        false,
        "m-bp1h46wfpjsjastc****",
        "The image ID.",
        FIELDS,
        &[],
    ),
    p(
        "ImageName",
        S,
        false,
        "YourImageName",
        "The image name. Fuzzy search is supported.",
        FIELDS,
        &[],
    ),
    ParamDoc {
        name: "Status",
        ty: S,
        required: false,
        example: "Available",
        description: "The status of the image. Valid values: Creating: The image is being created. Waiting: The \
                      image is waiting in a multi-task queue. Available: The image is available. UnAvailable: The \
                      image is unavailable. CreateFailed: The image failed to be created. Deprecated: The image is \
                      deprecated. ALL: All image statuses. Default value: Available.",
        source: FIELDS,
        values: &[
            "Creating",
            "Waiting",
            "Available",
            "UnAvailable",
            "CreateFailed",
            "Deprecated",
            "ALL",
        ],
        errors: &[],
    },
    ParamDoc {
        name: "ImageOwnerAlias",
        ty: S,
        required: false,
        example: "self",
        description: "The source of the image. Valid values: system: Images provided by Alibaba Cloud that are \
                      not published through Alibaba Cloud Marketplace. self: Custom images that you created. \
                      others: shared images and community images. marketplace: Alibaba Cloud Marketplace images.",
        source: FIELDS,
        values: &["system", "self", "others", "marketplace"],
        errors: &[],
    },
    p(
        "PageNumber",
        I,
        false,
        "1",
        "The page number of the resources. Minimum value: 1. Default value: 1.",
        FIELDS,
        &["InvalidParameter"],
    ),
    p(
        "PageSize",
        I,
        false,
        "10",
        "The number of entries per page for paging queries. Maximum value: 100. Default value: 10.",
        FIELDS,
        &["InvalidParameter"],
    ),
    ParamDoc {
        name: "DryRun",
        ty: B,
        required: false,
        example: "false",
        description: "Specifies whether to perform only a dry run, without performing the actual request.",
        source: FIELDS,
        values: &["true", "false"],
        errors: &["DryRunOperation"],
    },
];

/// DescribeRegions' parameters.
pub const DESCRIBE_REGIONS: &[ParamDoc] = &[
    ParamDoc {
        name: "AcceptLanguage",
        ty: S,
        required: false,
        example: "zh-CN",
        description: "The natural language that is used to filter responses. Valid values: zh-CN: simplified \
                      Chinese. zh-TW: traditional Chinese. en-US: English. ja: Japanese. fr: French. de: German. \
                      ko: Korean. Default value: zh-CN.",
        source: FIELDS,
        values: &["zh-CN", "zh-TW", "en-US", "ja", "fr", "de", "ko"],
        // Any language is accepted (English names for all but zh-CN), so no error is tied to it.
        errors: &[],
    },
    ParamDoc {
        name: "InstanceChargeType",
        ty: S,
        required: false,
        example: "PostPaid",
        description: "The billing method of the instance. Valid values: PrePaid: subscription. PostPaid: \
                      pay-as-you-go. SpotWithPriceLimit, SpotAsPriceGo: spot instances. Default value: PostPaid.",
        source: FIELDS,
        values: &["PrePaid", "PostPaid", "SpotWithPriceLimit", "SpotAsPriceGo"],
        errors: &[],
    },
    ParamDoc {
        name: "ResourceType",
        ty: S,
        required: false,
        example: "instance",
        description: "The resource type. Valid values: instance: ECS instance. disk: cloud disk. \
                      reservedinstance: reserved instance. scu: storage capacity unit (SCU). Default value: \
                      instance.",
        source: FIELDS,
        values: &["instance", "disk", "reservedinstance", "scu"],
        // The simulated regions serve every resource type, so no error is tied to it.
        errors: &[],
    },
];

/// The common request parameters a face asks for (the rest, such as `Signature` and `Timestamp`, are
/// computed when the request is signed).
pub const COMMON: &[ParamDoc] = &[
    p(
        "AccessKeyId",
        S,
        true,
        "testid",
        "The AccessKey ID of the caller. In the playground any pair you type is the caller's key in the \
         simulated account.",
        FACTS_COMMON,
        &["InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.Inactive"],
    ),
    p(
        "AccessKeySecret",
        S,
        true,
        "testsecret",
        "The AccessKey secret, used only to compute the signature; it is never sent. The playground keeps it in \
         the page only: never in a link, storage, an export or a log.",
        FACTS_COMMON,
        &["SignatureDoesNotMatch"],
    ),
    ParamDoc {
        name: "Format",
        ty: S,
        required: false,
        example: "JSON",
        description: "The format of the response: JSON or XML. Default value: XML.",
        source: FACTS_COMMON,
        values: &["JSON", "XML"],
        errors: &[],
    },
];

const RUN: &str = "RunInstances API reference, request parameters";
const REPLACE: &str = "ReplaceSystemDisk API reference, request parameters";
const INSTANCES: &str = "ECS API reference (DescribeInstances, StopInstance, StartInstance), request parameters";
/// Shared text of the instance operations' `DryRun`.
const DRY_RUN: &str = "Specifies whether to check the request without performing it. true: the request is checked \
                       and, if it passes, the DryRunOperation error code is returned. false (default): the request \
                       is checked and performed.";

/// RunInstances' parameters (the ones this simulator reads; the others are taken and not checked).
pub const RUN_INSTANCES: &[ParamDoc] = &[
    p(
        "RegionId",
        S,
        true,
        "cn-shanghai",
        "The ID of the region in which to create the instance. The image must be in this region: use a copy \
         where it landed.",
        RUN,
        &["MissingParameter", "InvalidRegionId.NotFound"],
    ),
    p(
        "ImageId",
        S,
        true,
        "m-uf6h46wfpjsjastd****",
        "The ID of the image used to create the instance. It must exist in RegionId and be Available: a copy \
         that is still Waiting or Creating cannot be used yet.",
        RUN,
        &["MissingParameter", "InvalidImageId.NotFound", "IncorrectImageStatus"],
    ),
    p(
        "InstanceType",
        S,
        true,
        "ecs.g6.large",
        "The instance type. Here only its form (ecs.<family>.<size>) is checked.",
        RUN,
        &["MissingParameter", "InvalidInstanceType.ValueNotSupported"],
    ),
    p(
        "Amount",
        I,
        false,
        "1",
        "The number of instances to create. Valid values: 1 to 100. Default value: 1.",
        RUN,
        &["InvalidParameter"],
    ),
    p(
        "ClientToken",
        S,
        false,
        "123e4567-e89b-12d3-a456-426655440000",
        "The client token that is used to ensure the idempotence of the request. The token can contain only \
         ASCII characters and cannot exceed 64 characters in length.",
        RUN,
        &["IdempotentParameterMismatch"],
    ),
    p("DryRun", B, false, "false", DRY_RUN, RUN, &["DryRunOperation"]),
];

/// ReplaceSystemDisk's parameters (the ones this simulator reads).
pub const REPLACE_SYSTEM_DISK: &[ParamDoc] = &[
    p(
        "InstanceId",
        S,
        true,
        "i-uf6stoppedweb000001",
        "The ID of the instance. The instance must be in the Stopped state.",
        REPLACE,
        &[
            "MissingParameter",
            "InvalidInstanceId.NotFound",
            "IncorrectInstanceStatus",
        ],
    ),
    p(
        "ImageId",
        S,
        true,
        "m-uf6h46wfpjsjastd****",
        "The ID of the image used to replace the system disk. It must be in the instance's region and \
         Available.",
        REPLACE,
        &["MissingParameter", "InvalidImageId.NotFound", "IncorrectImageStatus"],
    ),
    p(
        "RegionId",
        S,
        false,
        "cn-shanghai",
        "The region of the instance (where the request is sent).",
        REPLACE,
        &[],
    ),
    p("DryRun", B, false, "false", DRY_RUN, REPLACE, &["DryRunOperation"]),
];

/// DescribeInstances' parameters (the ones this simulator reads).
pub const DESCRIBE_INSTANCES: &[ParamDoc] = &[
    p(
        "RegionId",
        S,
        true,
        "cn-shanghai",
        "The ID of the region of the instances.",
        INSTANCES,
        &["MissingParameter", "InvalidRegionId.NotFound"],
    ),
    p(
        "InstanceIds",
        S,
        false,
        "[\"i-uf6stoppedweb000001\"]",
        "The IDs of the instances, a JSON array of up to 100 IDs.",
        INSTANCES,
        &[],
    ),
    p(
        "Status",
        S,
        false,
        "Running",
        "The status of the instances: Pending, Running or Stopped here.",
        INSTANCES,
        &[],
    ),
    p(
        "PageNumber",
        I,
        false,
        "1",
        "The page number, from 1. Default value: 1.",
        INSTANCES,
        &["InvalidParameter"],
    ),
    p(
        "PageSize",
        I,
        false,
        "10",
        "The number of entries per page. Maximum value: 100. Default value: 10.",
        INSTANCES,
        &["InvalidParameter"],
    ),
    p("DryRun", B, false, "false", DRY_RUN, INSTANCES, &["DryRunOperation"]),
];

/// StopInstance's and StartInstance's parameters (the ones this simulator reads).
pub const INSTANCE_POWER: &[ParamDoc] = &[
    p(
        "InstanceId",
        S,
        true,
        "i-uf6stoppedweb000001",
        "The ID of the instance. StopInstance needs it Running, StartInstance Stopped.",
        INSTANCES,
        &[
            "MissingParameter",
            "InvalidInstanceId.NotFound",
            "IncorrectInstanceStatus",
        ],
    ),
    p(
        "RegionId",
        S,
        false,
        "cn-shanghai",
        "The region of the instance (where the request is sent).",
        INSTANCES,
        &[],
    ),
    p("DryRun", B, false, "false", DRY_RUN, INSTANCES, &["DryRunOperation"]),
];

/// Every operation the faces can build and send, CopyImage first.
pub const OPERATIONS: &[OperationDoc] = &[
    OperationDoc {
        action: "CopyImage",
        summary: "Copies a custom image from one region to another. You can deploy or copy instances across \
                  regions by copying images.",
        params: COPY_IMAGE,
    },
    OperationDoc {
        action: "CancelCopyImage",
        summary: "Cancels an image copy task: the copy in the destination region is deleted, the source is \
                  unchanged.",
        params: CANCEL_COPY_IMAGE,
    },
    OperationDoc {
        action: "DeleteImage",
        summary: "Deletes a custom image. An image that is being copied cannot be deleted; cancel the copy \
                  instead.",
        params: DELETE_IMAGE,
    },
    OperationDoc {
        action: "DescribeImages",
        summary: "Queries images in a region. By default only Available images are listed: a copy in progress \
                  shows with Status=Creating or Waiting.",
        params: DESCRIBE_IMAGES,
    },
    OperationDoc {
        action: "DescribeRegions",
        summary: "Queries the regions and their endpoints.",
        params: DESCRIBE_REGIONS,
    },
    OperationDoc {
        action: "RunInstances",
        summary: "Creates instances from an image in RegionId: how a copy is used where it landed, once it is Available.",
        params: RUN_INSTANCES,
    },
    OperationDoc {
        action: "DescribeInstances",
        summary: "Queries the instances of a region: their status and the image of their system disk.",
        params: DESCRIBE_INSTANCES,
    },
    OperationDoc {
        action: "StopInstance",
        summary: "Stops a Running instance (ReplaceSystemDisk needs it Stopped).",
        params: INSTANCE_POWER,
    },
    OperationDoc {
        action: "StartInstance",
        summary: "Starts a Stopped instance.",
        params: INSTANCE_POWER,
    },
    OperationDoc {
        action: "ReplaceSystemDisk",
        summary: "Replaces the system disk of a Stopped instance with a new one from an image: the other way to use a copy in the destination region.",
        params: REPLACE_SYSTEM_DISK,
    },
];

/// The documentation of an operation by its `Action` value.
pub fn operation(action: &str) -> Option<&'static OperationDoc> {
    OPERATIONS.iter().find(|o| o.action == action)
}

/// The documentation of one parameter of `action`; `Tag.3.Key` finds `Tag.N.Key`. Common parameters
/// (`AccessKeyId`, `Format`, ...) are found for every action.
pub fn param(action: &str, name: &str) -> Option<&'static ParamDoc> {
    let generic = generic_name(name);
    let key = generic.as_deref().unwrap_or(name);
    operation(action)
        .and_then(|o| o.params.iter().find(|d| d.name == key))
        .or_else(|| COMMON.iter().find(|d| d.name == key))
}

/// `Tag.7.Key` -> `Tag.N.Key`; `None` for a name without a numeric middle part.
fn generic_name(name: &str) -> Option<String> {
    let mut parts = name.splitn(3, '.');
    let (head, mid, tail) = (parts.next()?, parts.next()?, parts.next()?);
    if !mid.is_empty() && mid.bytes().all(|b| b.is_ascii_digit()) {
        Some(format!("{head}.N.{tail}"))
    } else {
        None
    }
}

/// The parameter of `action` that an error code points at, if the documentation ties it to one.
pub fn param_for_error(action: &str, code: &str) -> Option<&'static ParamDoc> {
    operation(action)
        .into_iter()
        .flat_map(|o| o.params.iter())
        .chain(COMMON.iter())
        .find(|d| d.errors.contains(&code))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A string literal broken over lines without its `\` keeps the next line's indentation: readers then
    /// see a run of spaces mid-sentence (two summaries did).
    #[test]
    fn no_text_has_a_run_of_spaces() {
        let texts = OPERATIONS
            .iter()
            .flat_map(|o| std::iter::once(o.summary).chain(o.params.iter().map(|d| d.description)));
        let bad: Vec<&str> = texts.filter(|t| t.contains("  ") || t.contains('\n')).collect();
        assert!(bad.is_empty(), "{bad:#?}");
    }

    #[test]
    fn copy_image_has_every_documented_parameter() {
        let names: Vec<&str> = COPY_IMAGE.iter().map(|d| d.name).collect();
        for n in [
            "RegionId",
            "ImageId",
            "DestinationRegionId",
            "DestinationImageName",
            "DestinationDescription",
            "Encrypted",
            "KMSKeyId",
            "ResourceGroupId",
            "Tag.N.Key",
            "Tag.N.Value",
        ] {
            assert!(names.contains(&n), "{n} missing");
        }
        let required: Vec<&str> = COPY_IMAGE.iter().filter(|d| d.required).map(|d| d.name).collect();
        assert_eq!(required, ["RegionId", "ImageId"]);
        // The service's list of CopyImage parameters (idempotency fingerprint) takes every documented one.
        for d in COPY_IMAGE {
            assert!(
                crate::service::rules::is_copy_image_param(d.name),
                "{} not taken by the service",
                d.name
            );
        }
    }

    #[test]
    fn examples_are_the_documented_ones() {
        assert_eq!(param("CopyImage", "ImageId").unwrap().example, "m-bp1h46wfpjsjastc****");
        assert_eq!(
            param("CopyImage", "KMSKeyId").unwrap().example,
            "e522b26d-abf6-4e0d-b5da-04b7******3c"
        );
        assert_eq!(
            param("CopyImage", "ResourceGroupId").unwrap().example,
            "rg-bp67acfmxazb4p****"
        );
        // The typo of the reference is kept in the quoted note.
        assert!(param("CopyImage", "ResourceGroupId")
            .unwrap()
            .description
            .contains("the Forbbiden: User not authorized"));
    }

    #[test]
    fn numbered_names_find_their_generic_row() {
        assert_eq!(param("CopyImage", "Tag.7.Key").unwrap().name, "Tag.N.Key");
        assert_eq!(param("CopyImage", "Tag.20.Value").unwrap().name, "Tag.N.Value");
        assert!(param("CopyImage", "Tag.x.Key").is_none());
        assert!(param("CopyImage", "Tag..Key").is_none());
        assert_eq!(param("DeleteImage", "AccessKeyId").unwrap().name, "AccessKeyId");
        assert!(param("NoSuchAction", "ImageId").is_none());
    }

    #[test]
    fn errors_point_at_their_field() {
        assert_eq!(
            param_for_error("CopyImage", "InvalidImageName.Malformed").unwrap().name,
            "DestinationImageName"
        );
        assert_eq!(
            param_for_error("CopyImage", "IncorrectDestinationRegion").unwrap().name,
            "DestinationRegionId"
        );
        assert_eq!(param_for_error("CopyImage", "InternalError"), None);
        assert_eq!(
            param_for_error("DeleteImage", "OperationDenied.ImageCopying")
                .unwrap()
                .name,
            "ImageId"
        );
    }

    #[test]
    fn every_operation_is_listed_once() {
        let actions: Vec<&str> = OPERATIONS.iter().map(|o| o.action).collect();
        assert_eq!(
            actions,
            [
                "CopyImage",
                "CancelCopyImage",
                "DeleteImage",
                "DescribeImages",
                "DescribeRegions",
                "RunInstances",
                "DescribeInstances",
                "StopInstance",
                "StartInstance",
                "ReplaceSystemDisk"
            ]
        );
        // The playground offers every operation the engine answers, and no other.
        assert_eq!(actions, crate::base::api::ACTIONS);
        for o in OPERATIONS {
            assert!(o.params.iter().all(|d| !d.description.is_empty()), "{}", o.action);
        }
    }
}
