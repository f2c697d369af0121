//! The CopyImage reference's error table, as printed: the rows every catalog has to cover.
//!
//! Layer: teach (data only; uses nothing).

/// The CopyImage reference's error table, row by row: (HTTP status, code, message), copied exactly.
pub const REFERENCE_ROWS: &[(u16, &str, &str)] = &[
    (
        400,
        "InvalidImageName.Malformed",
        "The specified Image name is wrongly formed.",
    ),
    (
        400,
        "InvalidImageName.Malformed",
        "The specified destination Image name is wrongly formed.",
    ),
    (
        400,
        "InvalidDescription.Malformed",
        "The specified destination description is wrongly formed.",
    ),
    (
        400,
        "InvalidDescription.Malformed",
        "The specified description is wrongly formed.",
    ),
    (400, "SourceRegion.NotFound", "The source region not found"),
    (400, "DestinationRegion.NotFound", "The destination region not found"),
    (400, "IncorrectImageStatus", "The image not available."),
    (
        400,
        "InvalidSnapshotId.NotFound",
        "The specified SnapshotId does not exist.",
    ),
    (400, "InvalidImageName.Duplicated", "The destination image is exist."),
    (
        400,
        "InvalidParameter.EncryptedIllegal",
        "The specified parameter Encrypted must be true when kmsKeyId is not empty.",
    ),
    (401, "InvalidAliUid.IsNull", "The aliUid must not be null"),
    (
        500,
        "InternalError",
        "The request processing has failed due to some unknown error, exception or failure.",
    ),
    (
        403,
        "Forbbiden",
        "User not authorized to operate on the specified resource.",
    ),
    (403, "QuotaExceed.Image", "The Image Quota exceeds."),
    (403, "QuotaExceed.Snapshot", "The snapshot quota exceeds."),
    (403, "OperationDenied.ImageCopying", "The Image are coping."),
    (403, "RegionNotSupportCopy", "The region not support copy."),
    (
        403,
        "InvalidSnapshot.TooOld",
        "This operation is denied because the specified snapshot is created before 2013-07-15.",
    ),
    (
        403,
        "OperationDenied",
        "The specified snapshot is not allowed to create image.",
    ),
    (
        403,
        "IncorrectDestinationRegion",
        "The destination region is not equal the target region.",
    ),
    (
        403,
        "SizeExceed.Image",
        "The image exceeds the maximum size. Please open a ticket to add the account to the white list.",
    ),
    (
        403,
        "OperationDeined.EncryptedSnapshot",
        "The image contains encrypted snapshots, which do not support copying.",
    ),
    (
        403,
        "InternalError",
        "The request processing has failed due to some unknown error.",
    ),
    (
        403,
        "OperationDenied.SameRegionOnly",
        "The image shared from others can not be copied to another region directly.",
    ),
    (
        403,
        "OperationDenied.NotPublished",
        "The operation is denied because corresponding marketplace image is not published in destination region.",
    ),
    (
        403,
        "InvalidParameter.KMSKeyId.CMKNotEnabled",
        "The CMK needs to be enabled.",
    ),
    (
        403,
        "InvalidParameter.KMSKeyId.KMSUnauthorized",
        "ECS service have no right to access your KMS.",
    ),
    (
        403,
        "InvalidRegion.NotSupport",
        "The specified region does not support byok.",
    ),
    (403, "UserNotInTheWhiteList", "The user is not in byok white list."),
    (404, "InvalidImageId.NotFound", "The specified ImageId does not exist."),
    (
        404,
        "InvalidParameter.KMSKeyId.NotFound",
        "The specified KMSKeyId does not exist.",
    ),
];
