//! CopyImage validation: one function per documented rule, each citing its row of the reference's error
//! table (REF) or of FACTS. `check_copy` runs them in the engine's order of checks (FIDELITY.md, "Engine").
//!
//! Messages are copied character for character, typos included (`Forbbiden`, `The Image are coping.`,
//! `OperationDeined.EncryptedSnapshot`).
//!
//! Layer: service (may use `base`, `signing`, `model`).

use crate::base::clock::UtcTime;
use crate::base::error::{ApiError, Rule, Source};
use crate::base::wire::Params;
use crate::model::world::{Caller, FaultKind, Image, MessageForm, MissingDestination, Owner, World};
use crate::service::params::{self, RawTag};

/// An error from a row of the CopyImage reference's error table; `why` is the row's description.
fn row(status: u16, code: &str, message: &str, id: &str, why: &str) -> ApiError {
    ApiError::new(
        status,
        code,
        message,
        Rule::documented(id, Source::CopyImageErrors, why),
    )
}

/// An error whose trigger is a world setting (no client input causes it on the real service).
fn simulated(status: u16, code: &str, message: &str, id: &str, why: &str) -> ApiError {
    ApiError::new(status, code, message, Rule::simulated(id, Source::CopyImageErrors, why))
}

/// CopyImage's parameters as documented (the reference's table and the SDK's request fields), besides
/// `Tag.N.Key` / `Tag.N.Value` (see [`is_copy_image_param`]) and the common parameters.
pub const COPY_IMAGE_PARAMS: &[&str] = &[
    "RegionId",
    "ImageId",
    "DestinationRegionId",
    "DestinationImageName",
    "DestinationDescription",
    "Encrypted",
    "KMSKeyId",
    "ResourceGroupId",
    "ClientToken",
    "DryRun",
    "OwnerId",
    "OwnerAccount",
    "ResourceOwnerId",
    "ResourceOwnerAccount",
];

/// Whether `name` is a parameter CopyImage takes: one of [`COPY_IMAGE_PARAMS`] or `Tag.N.Key` /
/// `Tag.N.Value` for any `N`.
pub fn is_copy_image_param(name: &str) -> bool {
    COPY_IMAGE_PARAMS.contains(&name)
        || name
            .strip_prefix("Tag.")
            .and_then(|r| r.strip_suffix(".Key").or_else(|| r.strip_suffix(".Value")))
            .is_some_and(|n| !n.is_empty() && !n.contains('.'))
}

/// CopyImage's parameters, typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CopyRequest {
    /// Source region (`RegionId`).
    pub region_id: String,
    /// Source image.
    pub image_id: String,
    /// `DestinationRegionId` as given.
    pub destination_region_id: Option<String>,
    /// `DestinationImageName`.
    pub destination_image_name: Option<String>,
    /// `DestinationDescription`.
    pub destination_description: Option<String>,
    /// `Encrypted`.
    pub encrypted: Option<bool>,
    /// `KMSKeyId`.
    pub kms_key_id: Option<String>,
    /// `ResourceGroupId`.
    pub resource_group_id: Option<String>,
    /// `Tag.N.Key` / `Tag.N.Value`, validated.
    pub tags: Vec<(String, String)>,
    /// `ClientToken`.
    pub client_token: Option<String>,
    /// `DryRun`.
    pub dry_run: bool,
    /// Hidden `OwnerId`.
    pub owner_id: Option<u64>,
    /// Hidden `ResourceOwnerId`.
    pub resource_owner_id: Option<u64>,
}

// ---------------------------------------------------------------------------------------------
// Parameter rules (no world needed except for message-form settings)
// ---------------------------------------------------------------------------------------------

/// Simulated, REF row 401 `InvalidAliUid.IsNull`: the caller's AliUid is missing. No signed request
/// lacks one, so the world switch `settings.anonymous_caller` stands in for it.
pub fn ali_uid_present(world: &World) -> Result<(), ApiError> {
    if world.settings.anonymous_caller {
        return Err(simulated(
            401,
            "InvalidAliUid.IsNull",
            "The aliUid must not be null",
            "copyimage.aliuid_null",
            "The error message returned because the required aliUid parameter is not specified. \
             Simulated: the scenario setting \"Anonymous caller\" is on.",
        ));
    }
    Ok(())
}

/// A letter as the current SDK text means it: an upper- or lower-case ASCII letter.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
}

/// A Chinese character: the CJK Unified Ideographs and their Extension A (where every character of
/// everyday Chinese names is).
fn is_chinese(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Whether `name` follows the image-name rule (the SDK's CopyImage and CreateImage doc comments): 2-128
/// characters; starts with an upper- or lower-case letter or a Chinese character; not `aliyun`/`acs:` at the
/// start; no `http://`/`https://`; and only letters, Chinese characters, digits, `.`, `:`, `_`, `-`. Other
/// Unicode letters and digits (`é`, `Ⅻ`, `²`) are refused: the text names letters and Chinese characters only.
pub fn image_name_ok(name: &str) -> bool {
    image_name_problem(name).is_none()
}

/// Which part of the image-name rule `name` breaks, in words a reader can act on (the first broken part,
/// in the rule's order), or `None` when it follows the rule. The faces show it beside the service's
/// message, which names no part.
pub fn image_name_problem(name: &str) -> Option<&'static str> {
    let len = name.chars().count();
    let first = name.chars().next();
    let allowed = |c: char| is_letter(c) || is_chinese(c) || c.is_ascii_digit() || matches!(c, '.' | ':' | '_' | '-');
    Some(match () {
        _ if len < 2 => "is shorter than 2 characters",
        _ if len > 128 => "is longer than 128 characters",
        _ if first.is_some_and(|c| c.is_ascii_digit()) => "starts with a digit",
        _ if !first.is_some_and(|c| is_letter(c) || is_chinese(c)) => {
            "does not start with a letter or a Chinese character"
        }
        _ if name.starts_with("aliyun") => "starts with aliyun",
        _ if name.starts_with("acs:") => "starts with acs:",
        _ if name.contains("http://") || name.contains("https://") => "contains http:// or https://",
        _ if name.contains(' ') => "contains a space",
        _ if !name.chars().all(allowed) => {
            "contains a character other than letters, Chinese characters, digits, periods, colons, underscores and \
             hyphens"
        }
        _ => return None,
    })
}

/// REF rows 400 `InvalidImageName.Malformed` (two messages): DestinationImageName breaks the name rule.
/// Which twin message is used is the world setting `settings.image_name_message` (default: destination).
pub fn destination_name_valid(world: &World, name: Option<&str>) -> Result<(), ApiError> {
    let Some(name) = name else { return Ok(()) };
    if image_name_ok(name) {
        return Ok(());
    }
    let why = "The name must be 2 to 128 characters in length. It must start with a letter and cannot start \
               with acs: or aliyun. It cannot contain http:// or https://. It can contain letters, digits, \
               periods (.), colons (:), underscores (_), and hyphens (-).";
    Err(match world.settings.image_name_message {
        MessageForm::Destination => row(
            400,
            "InvalidImageName.Malformed",
            "The specified destination Image name is wrongly formed.",
            "copyimage.destination_name",
            why,
        ),
        MessageForm::Plain => simulated(
            400,
            "InvalidImageName.Malformed",
            "The specified Image name is wrongly formed.",
            "copyimage.destination_name_plain",
            "Twin message of the same code; simulated: the scenario setting for the image-name message is the plain form.",
        ),
    })
}

/// Whether `d` follows the description rule (FACTS §1f): 2-256 characters, not starting with
/// `http://` or `https://`.
pub fn description_ok(d: &str) -> bool {
    (2..=256).contains(&d.chars().count()) && !d.starts_with("http://") && !d.starts_with("https://")
}

/// REF rows 400 `InvalidDescription.Malformed` (two messages): DestinationDescription breaks the rule.
pub fn destination_description_valid(world: &World, d: Option<&str>) -> Result<(), ApiError> {
    let Some(d) = d else { return Ok(()) };
    if description_ok(d) {
        return Ok(());
    }
    let why = "The description must be 2 to 256 characters in length and cannot start with http:// or https://.";
    Err(match world.settings.description_message {
        MessageForm::Destination => row(
            400,
            "InvalidDescription.Malformed",
            "The specified destination description is wrongly formed.",
            "copyimage.destination_description",
            why,
        ),
        MessageForm::Plain => simulated(
            400,
            "InvalidDescription.Malformed",
            "The specified description is wrongly formed.",
            "copyimage.destination_description_plain",
            "Twin message of the same code; simulated: the scenario setting for the description message is the plain form.",
        ),
    })
}

fn tag_error(code: &str, message: &str, id: &str, why: &str) -> ApiError {
    ApiError::new(400, code, message, Rule::documented(id, Source::TagErrors, why))
}

/// FACTS §1f tag rules: N is 1-20 (`NumberExceed.Tags` above 20, `InvalidTagCount` for an N that is
/// not a positive number), a value needs its key (`InvalidTag.Mismatch`), keys are non-empty, at most
/// 128 characters, not starting with `aliyun`/`acs:`, without `http://`/`https://`
/// (`InvalidTagKey.Malformed`); values at most 128 characters, not starting with `acs:`, without
/// `http://`/`https://` (`InvalidTagValue.Malformed`); keys are unique (`Duplicate.TagKey`).
pub fn tags_valid(raw: &[RawTag]) -> Result<Vec<(String, String)>, ApiError> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(raw.len());
    for t in raw {
        // Each error belongs to this row's key (or value): the face shows it there.
        let at = |e: ApiError, part: &str| e.on(&format!("Tag.{}.{part}", t.n));
        // Any run of digits is a number: one too long for u64 is above 20 all the same, so it is
        // `NumberExceed.Tags`, not `InvalidTagCount` (which is for an N that is not a number, or zero).
        let n: Option<u64> = if !t.n.is_empty() && t.n.bytes().all(|c| c.is_ascii_digit()) {
            Some(t.n.parse().unwrap_or(u64::MAX))
        } else {
            None
        };
        match n {
            Some(n) if n > 20 => {
                return Err(at(
                    tag_error(
                        "NumberExceed.Tags",
                        "The Tags parameter's number is exceed , Valid : 20",
                        "tags.number_exceed",
                        "Valid values of N: 1 to 20.",
                    ),
                    "Key",
                ))
            }
            Some(n) if n >= 1 => {}
            _ => {
                return Err(at(
                    tag_error(
                        "InvalidTagCount",
                        "The specified tags are beyond the permitted range.",
                        "tags.count",
                        "Valid values of N: 1 to 20 (N must be a number).",
                    ),
                    "Key",
                ))
            }
        }
        let key = match (&t.key, &t.value) {
            (Some(k), _) => k,
            (None, _) => {
                return Err(at(
                    tag_error(
                        "InvalidTag.Mismatch",
                        "The specified Tag.n.Key and Tag.n.Value are not match.",
                        "tags.mismatch",
                        "Tag.N.Value was given without Tag.N.Key.",
                    ),
                    "Key",
                ))
            }
        };
        if key.is_empty()
            || key.chars().count() > 128
            || key.starts_with("aliyun")
            || key.starts_with("acs:")
            || key.contains("http://")
            || key.contains("https://")
        {
            return Err(at(
                tag_error(
                    "InvalidTagKey.Malformed",
                    "The specified Tag.n.Key is not valid.",
                    "tags.key",
                    "The tag key cannot be an empty string. It can be up to 128 characters in length and cannot start \
                 with aliyun or acs:, and cannot contain http:// or https://.",
                ),
                "Key",
            ));
        }
        let value = t.value.clone().unwrap_or_default();
        if value.chars().count() > 128
            || value.starts_with("acs:")
            || value.contains("http://")
            || value.contains("https://")
        {
            return Err(at(
                tag_error(
                    "InvalidTagValue.Malformed",
                    "The specified Tag.n.Value is not valid.",
                    "tags.value",
                    "The tag value can be an empty string. It can be up to 128 characters in length and cannot start \
                 with acs:, and cannot contain http:// or https://.",
                ),
                "Value",
            ));
        }
        if out.iter().any(|(k, _)| k == key) {
            return Err(at(
                tag_error(
                    "Duplicate.TagKey",
                    "The Tag.N.Key contain duplicate key.",
                    "tags.duplicate",
                    "Two tags have the same key.",
                ),
                "Key",
            ));
        }
        out.push((key.clone(), value));
    }
    Ok(out)
}

/// `ClientToken`: ASCII only, at most 64 characters (FIELDS CopyImageRequest). The code for a bad token
/// is not in our sources; `InvalidClientToken.ValueNotSupported` is used (FIDELITY.md).
pub fn client_token_valid(token: Option<&str>) -> Result<(), ApiError> {
    match token {
        Some(t) if !t.is_ascii() || t.len() > 64 => Err(ApiError::new(
            400,
            "InvalidClientToken.ValueNotSupported",
            "The ClientToken provided is invalid.",
            Rule::fidelity(
                "copyimage.client_token",
                Source::CopyImageParameters,
                "The ClientToken parameter can contain only ASCII characters and cannot exceed 64 characters in length.",
            ),
        )),
        _ => Ok(()),
    }
}

/// REF row 400 `InvalidParameter.EncryptedIllegal`: a KMSKeyId needs `Encrypted=true`.
pub fn kms_key_needs_encrypted(kms: Option<&str>, encrypted: Option<bool>) -> Result<(), ApiError> {
    if kms.is_some() && encrypted != Some(true) {
        return Err(row(
            400,
            "InvalidParameter.EncryptedIllegal",
            "The specified parameter Encrypted must be true when kmsKeyId is not empty.",
            "copyimage.encrypted_illegal",
            "The error message returned because the encryption feature is not enabled after a Key Management \
             Service (KMS) key ID is specified.",
        ));
    }
    Ok(())
}

/// Reads and checks every CopyImage parameter on its own (no world lookups), in this order: required
/// `ImageId` then `RegionId`, typed values, ClientToken, name, description, tags, Encrypted/KMSKeyId.
pub fn parse_copy(world: &World, p: &Params) -> Result<CopyRequest, ApiError> {
    let image_id = params::required(p, "ImageId")?.to_string();
    let region_id = params::required(p, "RegionId")?.to_string();
    let dry_run = params::boolean(p, "DryRun")?.unwrap_or(false);
    let encrypted = params::boolean(p, "Encrypted")?;
    let owner_id = params::long(p, "OwnerId")?;
    let resource_owner_id = params::long(p, "ResourceOwnerId")?;
    let client_token = params::opt(p, "ClientToken").map(String::from);
    client_token_valid(client_token.as_deref()).map_err(|e| e.on("ClientToken"))?;
    let destination_image_name = params::opt(p, "DestinationImageName").map(String::from);
    destination_name_valid(world, destination_image_name.as_deref()).map_err(|e| e.on("DestinationImageName"))?;
    let destination_description = params::opt(p, "DestinationDescription").map(String::from);
    destination_description_valid(world, destination_description.as_deref())
        .map_err(|e| e.on("DestinationDescription"))?;
    let tags = tags_valid(&params::raw_tags(p))?;
    let kms_key_id = params::opt(p, "KMSKeyId").map(String::from);
    kms_key_needs_encrypted(kms_key_id.as_deref(), encrypted).map_err(|e| e.on("Encrypted"))?;
    Ok(CopyRequest {
        region_id,
        image_id,
        destination_region_id: params::opt(p, "DestinationRegionId").map(String::from),
        destination_image_name,
        destination_description,
        encrypted,
        kms_key_id,
        resource_group_id: params::opt(p, "ResourceGroupId").map(String::from),
        tags,
        client_token,
        dry_run,
        owner_id,
        resource_owner_id,
    })
}

// ---------------------------------------------------------------------------------------------
// World rules
// ---------------------------------------------------------------------------------------------

/// Simulated, REF rows `InternalError` (500 and 403 forms): an injected fault for this action. Returns
/// the index of the fault to consume, with the error. `CopyFails` faults are not errors (see ops).
pub fn injected_internal_error(world: &World, action: &str) -> Option<(usize, ApiError)> {
    let (i, f) =
        world.faults.iter().enumerate().find(|(_, f)| {
            f.remaining > 0 && (f.action == action || f.action == "*") && f.kind != FaultKind::CopyFails
        })?;
    let err = match f.kind {
        FaultKind::InternalError500 => simulated(
            500,
            "InternalError",
            "The request processing has failed due to some unknown error, exception or failure.",
            "simulated.internal_error_500",
            "The error message returned because an internal error has occurred. Simulated: a fault \
             (internal_error_500) was injected in the world's faults.",
        ),
        _ => simulated(
            403,
            "InternalError",
            "The request processing has failed due to some unknown error.",
            "simulated.internal_error_403",
            "The error message returned because an internal error has occurred. Simulated: a fault \
             (internal_error_403) was injected in the world's faults.",
        ),
    };
    Some((i, err))
}

/// The explanation of a region that is not one of this world's: the reference's description, then, for a
/// real ECS region (an imported scenario or a small preset lists only some), that it is missing from this
/// simulated account and how to add it; for a closed one, that it is closed; for any other ID, that no ECS
/// region has it.
fn not_a_region_of_this_account(reference: &str, region: &str) -> String {
    let known = crate::model::regions::find(region);
    if known.is_some_and(|r| !r.open) {
        format!(
            "{reference} {{region}} is an ECS region that Alibaba Cloud has closed, so no account has it unless a \
             scenario file lists it in its regions (an entry with \"id\": \"{{region}}\")."
        )
    } else if known.is_some() {
        format!(
            "{reference} {{region}} is an ECS region, but not a region of this simulated account. To add it, list it \
             in the scenario file's regions (an entry with \"id\": \"{{region}}\"), then import the file again; \
             the default preset has every open region."
        )
    } else {
        format!("{reference} No ECS region has the ID {{region}}.")
    }
}

/// REF row 400 `SourceRegion.NotFound`: `RegionId` is not a region of this world.
pub fn source_region_exists(world: &World, region: &str) -> Result<(), ApiError> {
    if world.region(region).is_none() {
        let why = not_a_region_of_this_account(
            "The error message returned because the specified source region does not exist.",
            region,
        );
        let mut e = row(
            400,
            "SourceRegion.NotFound",
            "The source region not found",
            "copyimage.source_region",
            &why,
        );
        e.rule = e.rule.with("region", region);
        return Err(e);
    }
    Ok(())
}

/// `DestinationRegionId` omitted: by default the destination is taken to be the source region (so the
/// next rule answers `IncorrectDestinationRegion`); the setting `missing_destination` can make it
/// `MissingParameter` instead (FIDELITY.md: the reference's sample request omits it).
pub fn destination_given(world: &World, req: &CopyRequest) -> Result<String, ApiError> {
    match (&req.destination_region_id, world.settings.missing_destination) {
        (Some(d), _) => Ok(d.clone()),
        (None, MissingDestination::SameAsSource) => Ok(req.region_id.clone()),
        (None, MissingDestination::MissingParameter) => Err(params::missing("DestinationRegionId")),
    }
}

/// REF row 400 `DestinationRegion.NotFound`: the destination is not a region of this world.
pub fn destination_region_exists(world: &World, region: &str) -> Result<(), ApiError> {
    if world.region(region).is_none() {
        let why = not_a_region_of_this_account(
            "The error message returned because the specified destination region does not exist.",
            region,
        );
        let mut e = row(
            400,
            "DestinationRegion.NotFound",
            "The destination region not found",
            "copyimage.destination_region",
            &why,
        );
        e.rule = e.rule.with("region", region);
        return Err(e);
    }
    Ok(())
}

/// REF row 403 `IncorrectDestinationRegion`: source and destination are the same region, for the
/// caller's own images. An image shared by another account is copied within its own region (the current
/// CopyImage page: images shared to you only within the same region), so the rule does not apply to it.
pub fn regions_differ(world: &World, req: &CopyRequest, destination: &str) -> Result<(), ApiError> {
    let shared = world
        .image_in(&req.region_id, &req.image_id)
        .is_some_and(|i| matches!(i.owner, Owner::Shared { .. }));
    if req.region_id == destination && !shared {
        return Err(row(
            403,
            "IncorrectDestinationRegion",
            "The destination region is not equal the target region.",
            "copyimage.same_region",
            "The error message returned because the source region is the same as the destination region.",
        ));
    }
    Ok(())
}

/// REF row 403 `RegionNotSupportCopy`: the source or destination region does not support image copy.
pub fn regions_support_copy(world: &World, source: &str, destination: &str) -> Result<(), ApiError> {
    let ok = |r: &str| world.region(r).is_some_and(|r| r.supports_copy);
    if !ok(source) || !ok(destination) {
        return Err(row(
            403,
            "RegionNotSupportCopy",
            "The region not support copy.",
            "copyimage.region_not_support_copy",
            "The error message returned because the specified source or destination region does not support \
             image copying.",
        ));
    }
    Ok(())
}

fn forbidden(why: &str) -> ApiError {
    row(
        403,
        "Forbbiden",
        "User not authorized to operate on the specified resource.",
        "copyimage.forbidden",
        why,
    )
}

/// 404 `InvalidResourceGroup.NotFound`: the `ResourceGroupId` names no resource group of the account. Not in
/// CopyImage's table; the same row in RunInstances and many other ECS operations' tables (basis: fidelity).
pub fn resource_group_not_found() -> ApiError {
    ApiError::new(
        404,
        "InvalidResourceGroup.NotFound",
        "The ResourceGroup provided does not exist in our records.",
        Rule::fidelity(
            "copyimage.resource_group_not_found",
            Source::RunInstances,
            "The error message returned because the specified resource group does not exist. (CopyImage's table \
             lists no code for it; other ECS operations answer this.)",
        ),
    )
}

/// REF row 403 `Forbbiden` (sic) and the ResourceGroupId note: a RAM user may only put the copy in a
/// resource group it manages (the default group when `ResourceGroupId` is omitted); hidden
/// `OwnerId`/`ResourceOwnerId` naming another account is refused the same way (FIDELITY.md). A group that
/// does not exist is `InvalidResourceGroup.NotFound`, for any caller.
pub fn caller_may_operate(world: &World, caller: &Caller, req: &CopyRequest) -> Result<(), ApiError> {
    let uid = world.account.ali_uid;
    if req.owner_id.is_some_and(|o| o != uid) || req.resource_owner_id.is_some_and(|o| o != uid) {
        return Err(forbidden(
            "The hidden OwnerId/ResourceOwnerId names another account; you can only copy images within your own \
             account.",
        ));
    }
    let group = match &req.resource_group_id {
        Some(g) => match world.resource_groups.iter().find(|x| &x.id == g) {
            Some(x) => Some(x.id.clone()),
            None => return Err(resource_group_not_found()),
        },
        None => world.default_resource_group().map(|g| g.id.clone()),
    };
    if let Caller::RamUser { name } = caller {
        let allowed = world
            .ram_users
            .iter()
            .find(|u| &u.name == name)
            .is_some_and(|u| group.as_ref().is_some_and(|g| u.manageable_resource_groups.contains(g)));
        if !allowed {
            return Err(forbidden(
                "If you use a RAM user that is not authorized to manage the default resource group to call the \
                 CopyImage operation and do not specify the ResourceGroupId parameter, the Forbbiden: User not \
                 authorized to operate on the specified resource error message is returned.",
            ));
        }
    }
    Ok(())
}

/// REF row 404 `InvalidImageId.NotFound`: no such image in the source region for this account.
pub fn source_image_exists<'w>(world: &'w World, region: &str, id: &str) -> Result<&'w Image, ApiError> {
    world.image_in(region, id).ok_or_else(|| {
        row(
            404,
            "InvalidImageId.NotFound",
            "The specified ImageId does not exist.",
            "copyimage.image_not_found",
            "The error message returned because the specified image does not exist within this account. Check \
             whether the image ID is correct.",
        )
    })
}

/// REF row 403 `OperationDenied.SameRegionOnly`: an image shared by another account cannot be copied to
/// another region (within its region it can: the copy is the caller's own image).
pub fn shared_stays_in_region(image: &Image, destination: &str) -> Result<(), ApiError> {
    if matches!(image.owner, Owner::Shared { .. }) && image.region != destination {
        return Err(row(
            403,
            "OperationDenied.SameRegionOnly",
            "The image shared from others can not be copied to another region directly.",
            "copyimage.shared_same_region_only",
            "The error message returned because you cannot copy images shared by other Alibaba Cloud accounts to \
             another region.",
        ));
    }
    Ok(())
}

/// REF row 403 `OperationDenied.NotPublished`: a marketplace image not published in the destination.
pub fn marketplace_published_in(image: &Image, destination: &str) -> Result<(), ApiError> {
    if let Owner::Marketplace { published_regions } = &image.owner {
        if !published_regions.iter().any(|r| r == destination) {
            return Err(row(
                403,
                "OperationDenied.NotPublished",
                "The operation is denied because corresponding marketplace image is not published in destination \
                 region.",
                "copyimage.marketplace_not_published",
                "The error message returned because the image type is not supported in the destination region and \
                 the operation is rejected.",
            ));
        }
    }
    Ok(())
}

/// REF row 403 `OperationDenied.ImageCopying` "The Image are coping.": the source is itself a copy that is
/// still waiting or running.
pub fn source_not_being_copied(world: &World, image: &Image) -> Result<(), ApiError> {
    if world.is_copy_in_progress(image) {
        return Err(row(
            403,
            "OperationDenied.ImageCopying",
            "The Image are coping.",
            "copyimage.source_copying",
            "The error message returned because the source image is being copied. Try again later.",
        ));
    }
    Ok(())
}

/// REF row 400 `IncorrectImageStatus`: "Only custom images that are in the Available state can be copied."
pub fn source_available(world: &World, image: &Image) -> Result<(), ApiError> {
    if world.status_of(image) != crate::model::world::ImageStatus::Available {
        return Err(row(
            400,
            "IncorrectImageStatus",
            "The image not available.",
            "copyimage.image_not_available",
            "Only custom images that are in the Available state can be copied.",
        ));
    }
    Ok(())
}

/// The day before which snapshots cannot be used (REF row 403 `InvalidSnapshot.TooOld`).
pub fn snapshot_cutoff() -> UtcTime {
    UtcTime(1_373_846_400) // 2013-07-15T00:00:00Z
}

/// REF rows on the image's snapshots, in this order: 400 `InvalidSnapshotId.NotFound` (missing or
/// deleted), 403 `InvalidSnapshot.TooOld` (before 2013-07-15), 403 `OperationDenied` (not allowed to
/// create images), 403 `OperationDeined.EncryptedSnapshot` (sic; encrypted snapshots cannot be copied).
pub fn snapshots_usable(world: &World, image: &Image) -> Result<(), ApiError> {
    for sid in &image.snapshot_ids {
        let snap = match world.snapshot(sid) {
            Some(s) if !s.deleted => s,
            _ => {
                return Err(row(
                    400,
                    "InvalidSnapshotId.NotFound",
                    "The specified SnapshotId does not exist.",
                    "copyimage.snapshot_not_found",
                    "The error message returned because the specified snapshot does not exist.",
                ))
            }
        };
        if snap.creation_time < snapshot_cutoff() {
            return Err(row(
                403,
                "InvalidSnapshot.TooOld",
                "This operation is denied because the specified snapshot is created before 2013-07-15.",
                "copyimage.snapshot_too_old",
                "The error message returned because the operation is rejected when the specified snapshot was \
                 created before July 15, 2013.",
            ));
        }
        if !snap.allowed_to_create_image {
            return Err(row(
                403,
                "OperationDenied",
                "The specified snapshot is not allowed to create image.",
                "copyimage.snapshot_not_allowed",
                "The error message returned because the specified snapshot cannot be used to create images.",
            ));
        }
        if snap.encrypted {
            return Err(row(
                403,
                "OperationDeined.EncryptedSnapshot",
                "The image contains encrypted snapshots, which do not support copying.",
                "copyimage.encrypted_snapshot",
                "The error message returned because the specified image contains encrypted snapshots and cannot be \
                 copied.",
            ));
        }
    }
    Ok(())
}

/// REF row 403 `SizeExceed.Image`: the image is larger than the account's maximum.
pub fn size_within_limit(world: &World, image: &Image) -> Result<(), ApiError> {
    if image.size_gib > world.account.max_image_size_gib {
        return Err(row(
            403,
            "SizeExceed.Image",
            "The image exceeds the maximum size. Please open a ticket to add the account to the white list.",
            "copyimage.size_exceed",
            "The error message returned because the size of the image exceeds the upper limit.",
        ));
    }
    Ok(())
}

/// REF rows for a `KMSKeyId`, in this order: 403 `InvalidRegion.NotSupport` (destination has no BYOK),
/// 403 `UserNotInTheWhiteList`, 404 `InvalidParameter.KMSKeyId.NotFound` (no such key in the
/// destination region), 403 `InvalidParameter.KMSKeyId.CMKNotEnabled`, 403
/// `InvalidParameter.KMSKeyId.KMSUnauthorized`.
pub fn kms_key_usable(world: &World, kms: Option<&str>, destination: &str) -> Result<(), ApiError> {
    let Some(kms) = kms else { return Ok(()) };
    if !world.region(destination).is_some_and(|r| r.supports_byok) {
        return Err(row(
            403,
            "InvalidRegion.NotSupport",
            "The specified region does not support byok.",
            "copyimage.byok_region",
            "The error message returned because the bring your own key (BYOK) feature is not supported in the region.",
        ));
    }
    if !world.account.byok_whitelisted {
        return Err(row(
            403,
            "UserNotInTheWhiteList",
            "The user is not in byok white list.",
            "copyimage.byok_whitelist",
            "The error message returned because you are not in the BYOK whitelist. Try again when you are in the \
             whitelist.",
        ));
    }
    let Some(key) = world.kms_keys.iter().find(|k| k.id == kms && k.region == destination) else {
        return Err(row(
            404,
            "InvalidParameter.KMSKeyId.NotFound",
            "The specified KMSKeyId does not exist.",
            "copyimage.kms_not_found",
            "The error message returned because the specified KMSKeyId parameter does not exist.",
        ));
    };
    if !key.enabled {
        return Err(row(
            403,
            "InvalidParameter.KMSKeyId.CMKNotEnabled",
            "The CMK needs to be enabled.",
            "copyimage.kms_not_enabled",
            "The error message returned because the customer master key (CMK) is not enabled when a KMS key ID is \
             specified for a disk.",
        ));
    }
    if !key.ecs_authorized {
        return Err(row(
            403,
            "InvalidParameter.KMSKeyId.KMSUnauthorized",
            "ECS service have no right to access your KMS.",
            "copyimage.kms_unauthorized",
            "The error message returned because ECS is not authorized to access KMS resources.",
        ));
    }
    Ok(())
}

/// REF row 400 `InvalidImageName.Duplicated`: the account already has an image of that name in the
/// destination region (only checked when `DestinationImageName` is given; FIDELITY.md).
pub fn destination_name_free(world: &World, name: Option<&str>, destination: &str) -> Result<(), ApiError> {
    let Some(name) = name else { return Ok(()) };
    if world
        .images
        .iter()
        .any(|i| i.region == destination && i.owner == Owner::Own && i.name == name)
    {
        return Err(row(
            400,
            "InvalidImageName.Duplicated",
            "The destination image is exist.",
            "copyimage.name_duplicated",
            "The error message returned because the specified image name already exists.",
        ));
    }
    Ok(())
}

/// REF rows 403 `QuotaExceed.Image` and `QuotaExceed.Snapshot`: the destination region's quotas.
pub fn quotas_allow(world: &World, image: &Image, destination: &str) -> Result<(), ApiError> {
    let Some(r) = world.region(destination) else {
        return Ok(());
    };
    let images = world
        .images
        .iter()
        .filter(|i| i.region == destination && i.owner == Owner::Own)
        .count();
    if images >= r.image_quota as usize {
        return Err(row(
            403,
            "QuotaExceed.Image",
            "The Image Quota exceeds.",
            "copyimage.image_quota",
            "The error message returned because the custom image quota has been used up.",
        ));
    }
    let snaps = world
        .snapshots
        .iter()
        .filter(|s| s.region == destination && !s.deleted)
        .count();
    if snaps + image.snapshot_ids.len() > r.snapshot_quota as usize {
        return Err(row(
            403,
            "QuotaExceed.Snapshot",
            "The snapshot quota exceeds.",
            "copyimage.snapshot_quota",
            "The error message returned because the maximum number of snapshots has been reached. To store new \
             snapshots, delete snapshots that are no longer needed.",
        ));
    }
    Ok(())
}

/// `DryRunOperation` 400 (FACTS §1c): a dry run that passed every check.
pub fn dry_run_passed() -> ApiError {
    ApiError::new(
        400,
        "DryRunOperation",
        "Request validation has been passed with DryRun flag set.",
        Rule::documented(
            "common.dry_run",
            Source::CommonErrors,
            "Returned when a DryRun=true request passes all checks; nothing was created.",
        ),
    )
    .on("DryRun")
}

/// Every world rule of CopyImage in the engine's order, after `parse_copy`. Returns the destination
/// region on success. Fault injection is checked by the operation before this runs.
pub fn check_copy(world: &World, caller: &Caller, req: &CopyRequest) -> Result<String, ApiError> {
    source_region_exists(world, &req.region_id).map_err(|e| e.on("RegionId"))?;
    let destination = destination_given(world, req)?;
    let on = |field: &'static str| move |e: ApiError| e.on(field);
    destination_region_exists(world, &destination).map_err(on("DestinationRegionId"))?;
    regions_differ(world, req, &destination).map_err(on("DestinationRegionId"))?;
    regions_support_copy(world, &req.region_id, &destination).map_err(on("RegionId"))?;
    caller_may_operate(world, caller, req).map_err(on("ResourceGroupId"))?;
    let image = source_image_exists(world, &req.region_id, &req.image_id).map_err(on("ImageId"))?;
    shared_stays_in_region(image, &destination).map_err(on("ImageId"))?;
    marketplace_published_in(image, &destination).map_err(on("DestinationRegionId"))?;
    source_not_being_copied(world, image).map_err(on("ImageId"))?;
    source_available(world, image).map_err(on("ImageId"))?;
    snapshots_usable(world, image).map_err(on("ImageId"))?;
    size_within_limit(world, image).map_err(on("ImageId"))?;
    kms_key_usable(world, req.kms_key_id.as_deref(), &destination).map_err(on("KMSKeyId"))?;
    destination_name_free(world, req.destination_image_name.as_deref(), &destination)
        .map_err(on("DestinationImageName"))?;
    quotas_allow(world, image, &destination).map_err(on("DestinationRegionId"))?;
    Ok(destination)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_region_says_whether_it_is_real_and_how_to_add_it() {
        let w = crate::teach::presets::preset("minimal").unwrap();
        let e = destination_region_exists(&w, "us-east-1").unwrap_err();
        assert_eq!(e.code, "DestinationRegion.NotFound");
        assert_eq!(
            crate::teach::why::text(&e.rule),
            "The error message returned because the specified destination region does not exist. us-east-1 is an \
             ECS region, but not a region of this simulated account. To add it, list it in the scenario file's \
             regions (an entry with \"id\": \"us-east-1\"), then import the file again; the default preset has \
             every open region."
        );
        let e = source_region_exists(&w, "cn-atlantis").unwrap_err();
        assert_eq!(
            crate::teach::why::text(&e.rule),
            "The error message returned because the specified source region does not exist. No ECS region has the \
             ID cn-atlantis."
        );
        let e = destination_region_exists(&w, "ap-southeast-2").unwrap_err();
        assert_eq!(
            crate::teach::why::text(&e.rule),
            "The error message returned because the specified destination region does not exist. ap-southeast-2 is \
             an ECS region that Alibaba Cloud has closed, so no account has it unless a scenario file lists it in \
             its regions (an entry with \"id\": \"ap-southeast-2\")."
        );
        assert!(destination_region_exists(&w, "cn-shanghai").is_ok());
    }

    #[test]
    fn name_rule() {
        for ok in [
            "ab",
            "Image-1.0:x_y",
            "镜像副本",
            "镜a",
            "a镜",
            "a".repeat(128).as_str(),
        ] {
            assert!(image_name_ok(ok), "{ok}");
        }
        for bad in [
            "a",
            "1abc",
            "aliyun-x",
            "acs:x",
            "ahttp://x",
            "has space",
            "",
            "-x",
            "a".repeat(129).as_str(),
            // Unicode letters and digits that are neither ASCII letters nor Chinese characters.
            "²x",
            "Ⅻx",
            "éx",
            "aé",
            "a²",
            "a١",
        ] {
            assert!(!image_name_ok(bad), "{bad}");
        }
    }

    #[test]
    fn description_rule() {
        assert!(description_ok("ok"));
        assert!(description_ok("contains http://inside"));
        assert!(!description_ok("x"));
        assert!(!description_ok("https://x"));
        assert!(!description_ok(&"d".repeat(257)));
    }

    #[test]
    fn image_name_problem_names_the_broken_part() {
        let p = |n: &str| image_name_problem(n);
        assert_eq!(p("copy-1.a:b_c"), None);
        assert_eq!(p("镜像"), None);
        assert_eq!(p("a"), Some("is shorter than 2 characters"));
        assert_eq!(p(""), Some("is shorter than 2 characters"));
        assert_eq!(p(&"a".repeat(129)), Some("is longer than 128 characters"));
        assert_eq!(p("1copy"), Some("starts with a digit"));
        assert_eq!(p("_copy"), Some("does not start with a letter or a Chinese character"));
        assert_eq!(p("écopy"), Some("does not start with a letter or a Chinese character"));
        assert_eq!(p("aliyun-copy"), Some("starts with aliyun"));
        assert_eq!(p("acs:copy"), Some("starts with acs:"));
        assert_eq!(p("see-http://x"), Some("contains http:// or https://"));
        assert_eq!(p("my copy"), Some("contains a space"));
        assert_eq!(
            p("my/copy"),
            Some(
                "contains a character other than letters, Chinese characters, digits, periods, colons, underscores \
                 and hyphens"
            )
        );
        // The rule itself is the problem finder's "no problem".
        for n in ["ok-name", "1x", "a b", "aliyunx", "x", "名字"] {
            assert_eq!(image_name_ok(n), p(n).is_none(), "{n}");
        }
    }

    #[test]
    fn tag_rules() {
        let t = |n: &str, k: Option<&str>, v: Option<&str>| RawTag {
            n: n.into(),
            key: k.map(String::from),
            value: v.map(String::from),
        };
        assert_eq!(
            tags_valid(&[t("1", Some("k"), None)]).unwrap(),
            vec![("k".into(), "".into())]
        );
        let code = |r: &[RawTag]| tags_valid(r).unwrap_err().code;
        assert_eq!(code(&[t("21", Some("k"), None)]), "NumberExceed.Tags");
        assert_eq!(code(&[t("0", Some("k"), None)]), "InvalidTagCount");
        // Long numbers are still numbers above 20.
        assert_eq!(code(&[t("1000000000", Some("k"), None)]), "NumberExceed.Tags");
        assert_eq!(code(&[t("99999999999999999999", Some("k"), None)]), "NumberExceed.Tags");
        assert_eq!(code(&[t("", Some("k"), None)]), "InvalidTagCount");
        assert_eq!(code(&[t("x1", Some("k"), None)]), "InvalidTagCount");
        assert_eq!(code(&[t("1", None, Some("v"))]), "InvalidTag.Mismatch");
        assert_eq!(code(&[t("1", Some(""), None)]), "InvalidTagKey.Malformed");
        assert_eq!(code(&[t("1", Some("acs:x"), None)]), "InvalidTagKey.Malformed");
        assert_eq!(code(&[t("1", Some("k"), Some("acs:v"))]), "InvalidTagValue.Malformed");
        assert_eq!(
            code(&[t("1", Some("k"), None), t("2", Some("k"), None)]),
            "Duplicate.TagKey"
        );
    }

    #[test]
    fn cutoff_is_the_documented_day() {
        assert_eq!(snapshot_cutoff().to_iso8601(), "2013-07-15T00:00:00Z");
    }
}
