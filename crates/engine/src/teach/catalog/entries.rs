//! The catalog's entries as data: for each documented error, what the documentation says (a [`Doc`], named
//! fields) and how to get it (a [`Repro`]: a preset, setup steps — typed world edits, requests sent first,
//! clock moves, all real operations — and the request).
//!
//! Layer: teach (may use `base`, `signing`, `model`, `service`, `teach`).

use super::{CatalogEntry, Outcome, Repro, HOST, SEED};
use crate::base::api::API_VERSION;
use crate::base::clock::UtcTime;
use crate::base::wire::{HttpRequest, Params};
use crate::model::edits::Edit;
use crate::model::world::FaultKind;
use crate::service::engine::Engine;
use crate::signing::sign;
use crate::teach::presets::{DOC_IMAGE_ID, DOC_KMS_KEY_ID};
use crate::teach::transcript::{self, Addressing, Step};

const REF: &str = "CopyImage API reference, error codes";
const COMMON: &str = "ECS common errors";
const TAGS: &str = "TagResources API reference, tag rules and error codes";
const CANCEL: &str = "CancelCopyImage API reference, error codes";
const DELETE: &str = "DeleteImage API reference, error codes";
const RUN_INSTANCES: &str = "RunInstances API reference, error codes (CopyImage's table lists none for it)";
const FACTS: &str = "ECS common errors; Alibaba Cloud request signing (V1 and V3)";
/// An image ID for a request refused before the image is looked up (its region does not exist).
const ANY_COPY_ID: &str = "m-uf6copying000000001";

/// What the documentation says about one error. Named fields, so that a message cannot be passed where
/// the cause goes.
pub(super) struct Doc<'a> {
    /// Stable ID (the rule ID the engine reports for it).
    pub(super) id: &'a str,
    /// HTTP status.
    pub(super) status: u16,
    /// Code, exactly.
    pub(super) code: &'a str,
    /// Message, exactly.
    pub(super) message: &'a str,
    /// What causes it, briefly.
    pub(super) cause: &'a str,
    /// Where it is documented.
    pub(super) source: &'a str,
}

impl Doc<'_> {
    /// The entry: this error, reproduced by `repro`.
    pub(super) fn reproduced_by(self, repro: Repro) -> CatalogEntry {
        CatalogEntry {
            id: self.id.into(),
            http_status: self.status,
            code: self.code.into(),
            message: self.message.into(),
            cause: self.cause.into(),
            source: self.source.into(),
            outcome: Outcome::Error,
            repro,
        }
    }
}

impl Repro {
    /// A trusted request on a preset as is.
    pub(super) fn call(preset: &str, request: Params) -> Repro {
        Repro {
            preset: preset.into(),
            setup: Vec::new(),
            setup_note: String::new(),
            request: Step::Send(request),
        }
    }

    /// A signed HTTP request arriving at `wire_time`, on a preset as is.
    fn http(preset: &str, request: HttpRequest, wire_time: UtcTime) -> Repro {
        Repro {
            request: Step::Http { request, wire_time },
            ..Repro::call(preset, Vec::new())
        }
    }

    /// With these setup steps first; the note says the world edits among them in words.
    pub(super) fn after(mut self, setup: Vec<Step>) -> Repro {
        self.setup_note = setup
            .iter()
            .filter_map(|s| match s {
                Step::Edit(p) => Edit::from_params(p).ok().map(|e| describe(&e)),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("; ");
        self.setup = setup;
        self
    }

    /// With this note instead of the derived one (a setup made of requests, not edits).
    pub(super) fn noting(mut self, note: &str) -> Repro {
        self.setup_note = note.into();
        self
    }
}

/// An edit in the scenario file's words (`settings.queue_limit = 5`).
fn describe(e: &Edit) -> String {
    // In words, as the world pane says them: a reader of the catalog should not need the edit's path syntax
    // (the Reproduce link carries the edit itself).
    let words = |s: &str| s.replace('_', " ");
    match e {
        Edit::Set { path, value } => {
            let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
            match (parts.as_slice(), value.as_str()) {
                (["regions", r, "supports_copy"], "false") => format!("{r} does not support image copy"),
                (["regions", r, "supports_byok"], "false") => {
                    format!("{r} does not support encryption with your own KMS key (BYOK)")
                }
                (["regions", r, "image_quota"], v) => format!("{r}'s image quota is {v}"),
                (["regions", r, "snapshot_quota"], v) => format!("{r}'s snapshot quota is {v}"),
                (["account", "byok_whitelisted"], "false") => {
                    "the account may not use its own KMS keys (not on the BYOK whitelist)".into()
                }
                (["regions", r, name], v) => format!("{r}: {} is {}", words(name), words(v)),
                (["settings", name], v) => format!("the world setting \"{}\" is {}", words(name), words(v)),
                (_, v) => format!("{} is {}", words(&parts.join(" ")), words(v)),
            }
        }
        Edit::AddFault { action, kind, .. } => format!(
            "a fault injected into {action}: {}",
            words(crate::model::edits::fault_kind_name(*kind))
        ),
        Edit::RemoveFault { index } => format!("injected fault {} removed", index + 1),
    }
}

pub(super) fn pairs(v: &[(&str, &str)]) -> Params {
    v.iter().map(|(k, x)| (k.to_string(), x.to_string())).collect()
}

/// `base` with overrides: a name present is replaced (or removed when the value is `None`), a new one
/// appended.
fn with(base: &[(&str, &str)], over: &[(&str, Option<&str>)]) -> Params {
    let mut p = pairs(base);
    for (k, v) in over {
        match (p.iter().position(|(n, _)| n == k), v) {
            (Some(i), Some(v)) => p[i].1 = v.to_string(),
            (Some(i), None) => {
                p.remove(i);
            }
            (None, Some(v)) => p.push((k.to_string(), v.to_string())),
            (None, None) => {}
        }
    }
    p
}

/// The reference's example copy: the reference image from cn-hangzhou to cn-shanghai.
const COPY: &[(&str, &str)] = &[
    ("Action", "CopyImage"),
    ("Version", API_VERSION),
    ("Format", "JSON"),
    ("RegionId", "cn-hangzhou"),
    ("ImageId", DOC_IMAGE_ID),
    ("DestinationRegionId", "cn-shanghai"),
];

/// Setups with a copy of the reference image to cn-shanghai, made by a real CopyImage (so the queue,
/// the image and its status are what the operation makes), and the copy's ID, which the seed decides.
pub(super) struct Copies {
    /// The copy's ID (the same in the three setups: the edit of `failed` draws no random number).
    pub id: String,
    /// The copy is queued.
    pub in_progress: Vec<Step>,
    /// In words.
    pub in_progress_note: String,
    /// The copy has finished.
    pub finished: Vec<Step>,
    /// In words.
    pub finished_note: String,
    /// The copy failed (an injected `copy_fails` fault).
    pub failed: Vec<Step>,
    /// In words.
    pub failed_note: String,
}

impl Copies {
    pub(super) fn new() -> Copies {
        let send = Step::Send(pairs(COPY));
        let in_progress = vec![send.clone()];
        // The ID is read from the queue after the real CopyImage, on the catalog's own preset and seed.
        let id = Engine::from_preset("default", SEED)
            .and_then(|mut e| {
                let to = Addressing {
                    host: HOST.into(),
                    by_region: false,
                };
                transcript::replay(&mut e, &to, &in_progress, transcript::apply_step, &mut |_, _, _, _| {}).ok()?;
                e.world().queue.tasks.last().map(|t| t.destination_image_id.clone())
            })
            .unwrap_or_default();
        Copies {
            in_progress_note: format!("a copy {id} of the reference image is in progress in cn-shanghai"),
            finished_note: format!("a copy {id} that has finished"),
            failed_note: format!("a copy {id} that failed (injected)"),
            finished: vec![send.clone(), Step::RunToIdle],
            failed: vec![
                Edit::add_fault("CopyImage", FaultKind::CopyFails).into(),
                send,
                Step::RunToIdle,
            ],
            in_progress,
            id,
        }
    }
}

/// The documented successes a reader asks about: each a request that works, with what makes it work.
pub(super) fn success_entries() -> Vec<CatalogEntry> {
    vec![CatalogEntry {
        id: "success.shared_within_region".into(),
        http_status: 200,
        code: String::new(),
        message: String::new(),
        outcome: Outcome::Success {
            title: "Copy a shared image within its region".into(),
        },
        cause: "partner-shared-image (m-bp1partner000shared1), shared to this account by another account, is \
                copied within its own region, cn-hangzhou; the copy is this account's own image. Images shared to \
                you can be copied only within the same region."
            .into(),
        source: "CopyImage API reference, description".into(),
        repro: Repro::call(
            "default",
            with(
                COPY,
                &[
                    ("ImageId", Some("m-bp1partner000shared1")),
                    ("DestinationRegionId", Some("cn-hangzhou")),
                ],
            ),
        ),
    }]
}

/// The CopyImage reference's own errors, row by row.
pub(super) fn engine_entries(copies: &Copies) -> Vec<CatalogEntry> {
    let kms = |key: &'static str| -> Vec<(&'static str, Option<&'static str>)> {
        vec![("Encrypted", Some("true")), ("KMSKeyId", Some(key))]
    };
    let mut v = vec![
        Doc {
            id: "copyimage.destination_name_plain",
            status: 400,
            code: "InvalidImageName.Malformed",
            message: "The specified Image name is wrongly formed.",
            cause: "DestinationImageName breaks the name rule, with the generic twin message (simulated setting).",
            source: REF,
        }
        .reproduced_by(
            Repro::call("default", with(COPY, &[("DestinationImageName", Some("1-starts-with-a-digit"))]))
                .after(vec![Edit::set("/settings/image_name_message", "plain").into()]),
        ),
        Doc {
            id: "copyimage.destination_name",
            status: 400,
            code: "InvalidImageName.Malformed",
            message: "The specified destination Image name is wrongly formed.",
            cause: "DestinationImageName breaks the name rule (here: it starts with `aliyun`).",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("DestinationImageName", Some("aliyun-copy"))]))),
        Doc {
            id: "copyimage.destination_description",
            status: 400,
            code: "InvalidDescription.Malformed",
            message: "The specified destination description is wrongly formed.",
            cause: "DestinationDescription starts with http://.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("DestinationDescription", Some("http://example.com"))]))),
        Doc {
            id: "copyimage.destination_description_plain",
            status: 400,
            code: "InvalidDescription.Malformed",
            message: "The specified description is wrongly formed.",
            cause: "DestinationDescription is 1 character, with the generic twin message (simulated setting).",
            source: REF,
        }
        .reproduced_by(
            Repro::call("default", with(COPY, &[("DestinationDescription", Some("x"))]))
                .after(vec![Edit::set("/settings/description_message", "plain").into()]),
        ),
        Doc {
            id: "copyimage.source_region",
            status: 400,
            code: "SourceRegion.NotFound",
            message: "The source region not found",
            cause: "RegionId is not an ECS region at all.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("RegionId", Some("cn-atlantis"))]))),
        Doc {
            id: "copyimage.destination_region",
            status: 400,
            code: "DestinationRegion.NotFound",
            message: "The destination region not found",
            cause: "DestinationRegionId is not a region of this account: us-east-1 is an ECS region, but the minimal \
                    preset's account has only cn-hangzhou and cn-shanghai.",
            source: REF,
        }
        .reproduced_by(Repro::call("minimal", with(COPY, &[("DestinationRegionId", Some("us-east-1"))]))),
        Doc {
            id: "copyimage.image_not_available",
            status: 400,
            code: "IncorrectImageStatus",
            message: "The image not available.",
            cause: "The source image is CreateFailed, not Available.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("ImageId", Some("m-bp1failed00000000001"))]))),
        Doc {
            id: "copyimage.snapshot_not_found",
            status: 400,
            code: "InvalidSnapshotId.NotFound",
            message: "The specified SnapshotId does not exist.",
            cause: "The source image's snapshot has been deleted.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("ImageId", Some("m-bp1orphan00000000001"))]))),
        Doc {
            id: "copyimage.name_duplicated",
            status: 400,
            code: "InvalidImageName.Duplicated",
            message: "The destination image is exist.",
            cause: "cn-shanghai already has an image named web-copy.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("DestinationImageName", Some("web-copy"))]))),
        Doc {
            id: "copyimage.encrypted_illegal",
            status: 400,
            code: "InvalidParameter.EncryptedIllegal",
            message: "The specified parameter Encrypted must be true when kmsKeyId is not empty.",
            cause: "KMSKeyId is given without Encrypted=true.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("KMSKeyId", Some(DOC_KMS_KEY_ID))]))),
        Doc {
            id: "copyimage.aliuid_null",
            status: 401,
            code: "InvalidAliUid.IsNull",
            message: "The aliUid must not be null",
            cause: "The caller's AliUid is missing (simulated: no signed request lacks one).",
            source: REF,
        }
        .reproduced_by(
            Repro::call("default", with(COPY, &[]))
                .after(vec![Edit::set("/settings/anonymous_caller", "true").into()]),
        ),
        Doc {
            id: "simulated.internal_error_500",
            status: 500,
            code: "InternalError",
            message: "The request processing has failed due to some unknown error, exception or failure.",
            cause: "A server fault (simulated by an injected fault).",
            source: REF,
        }
        .reproduced_by(
            Repro::call("default", with(COPY, &[]))
                .after(vec![Edit::add_fault("CopyImage", FaultKind::InternalError500).into()]),
        ),
        Doc {
            id: "copyimage.forbidden",
            status: 403,
            code: "Forbbiden",
            message: "User not authorized to operate on the specified resource.",
            cause: "A RAM user who may not manage the default resource group copies without ResourceGroupId.",
            source: REF,
        }
        .reproduced_by(Repro::call("ram-user", with(COPY, &[]))),
        Doc {
            id: "copyimage.resource_group_not_found",
            status: 404,
            code: "InvalidResourceGroup.NotFound",
            message: "The ResourceGroup provided does not exist in our records.",
            cause: "ResourceGroupId names no resource group of this account (it has rg-acfmzw2jz2z5hhq, the default \
                    group, and rg-bp67acfmxazb4p****).",
            source: RUN_INSTANCES,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("ResourceGroupId", Some("rg-nosuchgroup0000"))]))),
        Doc {
            id: "copyimage.image_quota",
            status: 403,
            code: "QuotaExceed.Image",
            message: "The Image Quota exceeds.",
            cause: "The destination's image quota is used up: cn-qingdao's quota is set to 1 and it already holds \
                    one image (qingdao-only).",
            source: REF,
        }
        .reproduced_by(
            Repro::call("default", with(COPY, &[("DestinationRegionId", Some("cn-qingdao"))]))
                .after(vec![Edit::set("/regions/cn-qingdao/image_quota", "1").into()]),
        ),
        Doc {
            id: "copyimage.snapshot_quota",
            status: 403,
            code: "QuotaExceed.Snapshot",
            message: "The snapshot quota exceeds.",
            cause: "The destination's snapshot quota is used up: cn-shenzhen's quota is set to 1 and it already \
                    holds one snapshot (of the image shenzhen-only).",
            source: REF,
        }
        .reproduced_by(
            Repro::call("default", with(COPY, &[("DestinationRegionId", Some("cn-shenzhen"))]))
                .after(vec![Edit::set("/regions/cn-shenzhen/snapshot_quota", "1").into()]),
        ),
        Doc {
            id: "copyimage.source_copying",
            status: 403,
            code: "OperationDenied.ImageCopying",
            message: "The Image are coping.",
            cause: "The source image is itself a copy still in progress.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[
                ("RegionId", Some("cn-shanghai")),
                ("ImageId", Some(copies.id.as_str())),
                ("DestinationRegionId", Some("cn-beijing")),
            ])).after(copies.in_progress.clone()).noting(&copies.in_progress_note)),
        Doc {
            id: "copyimage.region_not_support_copy",
            status: 403,
            code: "RegionNotSupportCopy",
            message: "The region not support copy.",
            cause: "The destination does not support image copy: the setup turns image copy off in cn-nanjing (a \
                    local region; which regions lack copy is not documented).",
            source: REF,
        }
        .reproduced_by(
            Repro::call("default", with(COPY, &[("DestinationRegionId", Some("cn-nanjing"))]))
                .after(vec![Edit::set("/regions/cn-nanjing/supports_copy", "false").into()]),
        ),
        Doc {
            id: "copyimage.snapshot_too_old",
            status: 403,
            code: "InvalidSnapshot.TooOld",
            message: "This operation is denied because the specified snapshot is created before 2013-07-15.",
            cause: "The source image's snapshot was created in 2012.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("ImageId", Some("m-bp1legacy20120000001"))]))),
        Doc {
            id: "copyimage.snapshot_not_allowed",
            status: 403,
            code: "OperationDenied",
            message: "The specified snapshot is not allowed to create image.",
            cause: "The source image's snapshot may not be used to create images.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("ImageId", Some("m-bp1locked00000000001"))]))),
        Doc {
            id: "copyimage.same_region",
            status: 403,
            code: "IncorrectDestinationRegion",
            message: "The destination region is not equal the target region.",
            cause: "The destination is the source region.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("DestinationRegionId", Some("cn-hangzhou"))]))),
        Doc {
            id: "copyimage.size_exceed",
            status: 403,
            code: "SizeExceed.Image",
            message: "The image exceeds the maximum size. Please open a ticket to add the account to the white list.",
            cause: "The 800 GiB source is above the account's 500 GiB maximum.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("ImageId", Some("m-bp1bigdata0000000001"))]))),
        Doc {
            id: "copyimage.encrypted_snapshot",
            status: 403,
            code: "OperationDeined.EncryptedSnapshot",
            message: "The image contains encrypted snapshots, which do not support copying.",
            cause: "The source image's snapshot is encrypted.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("ImageId", Some("m-bp1encsnap0000000001"))]))),
        Doc {
            id: "simulated.internal_error_403",
            status: 403,
            code: "InternalError",
            message: "The request processing has failed due to some unknown error.",
            cause: "A server fault, 403 form (simulated by an injected fault).",
            source: REF,
        }
        .reproduced_by(
            Repro::call("default", with(COPY, &[]))
                .after(vec![Edit::add_fault("CopyImage", FaultKind::InternalError403).into()]),
        ),
        Doc {
            id: "copyimage.shared_same_region_only",
            status: 403,
            code: "OperationDenied.SameRegionOnly",
            message: "The image shared from others can not be copied to another region directly.",
            cause: "The source image was shared to this account by another account.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("ImageId", Some("m-bp1partner000shared1"))]))),
        Doc {
            id: "copyimage.marketplace_not_published",
            status: 403,
            code: "OperationDenied.NotPublished",
            message: "The operation is denied because corresponding marketplace image is not published in destination region.",
            cause: "The marketplace image is published in cn-hangzhou and cn-beijing only.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("ImageId", Some("m-bp1market0000lamp001"))]))),
        Doc {
            id: "copyimage.kms_not_enabled",
            status: 403,
            code: "InvalidParameter.KMSKeyId.CMKNotEnabled",
            message: "The CMK needs to be enabled.",
            cause: "The KMS key is disabled.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &kms("0b5b1c2d-disabled-key-0000000000aa")))),
        Doc {
            id: "copyimage.kms_unauthorized",
            status: 403,
            code: "InvalidParameter.KMSKeyId.KMSUnauthorized",
            message: "ECS service have no right to access your KMS.",
            cause: "ECS is not authorised to use the KMS key.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &kms("7c1e2f3a-unauthorized-key-00000000bb")))),
        Doc {
            id: "copyimage.byok_region",
            status: 403,
            code: "InvalidRegion.NotSupport",
            message: "The specified region does not support byok.",
            cause: "The destination does not support BYOK: the setup turns BYOK off in ap-northeast-1 (which \
                    regions lack it is not documented).",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[
                ("DestinationRegionId", Some("ap-northeast-1")),
                ("Encrypted", Some("true")),
                ("KMSKeyId", Some(DOC_KMS_KEY_ID)),
            ])).after(vec![Edit::set("/regions/ap-northeast-1/supports_byok", "false").into()])),
        Doc {
            id: "copyimage.byok_whitelist",
            status: 403,
            code: "UserNotInTheWhiteList",
            message: "The user is not in byok white list.",
            cause: "The account is not in the BYOK whitelist.",
            source: REF,
        }
        .reproduced_by(
            Repro::call("default", with(COPY, &kms(DOC_KMS_KEY_ID)))
                .after(vec![Edit::set("/account/byok_whitelisted", "false").into()]),
        ),
        Doc {
            id: "copyimage.image_not_found",
            status: 404,
            code: "InvalidImageId.NotFound",
            message: "The specified ImageId does not exist.",
            cause: "No such image in cn-hangzhou.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("ImageId", Some("m-bp1doesnotexist00001"))]))),
        Doc {
            id: "copyimage.kms_not_found",
            status: 404,
            code: "InvalidParameter.KMSKeyId.NotFound",
            message: "The specified KMSKeyId does not exist.",
            cause: "No such KMS key in the destination region.",
            source: REF,
        }
        .reproduced_by(Repro::call("default", with(COPY, &kms("00000000-no-such-key-000000000000")))),
    ];
    v.extend(extra_entries(copies));
    v.extend(super::instances::entries(copies));
    v
}

/// Errors beyond the reference's table: common errors, tags, the other operations.
fn extra_entries(copies: &Copies) -> Vec<CatalogEntry> {
    let cancel = |image: &str, region: &str| {
        pairs(&[
            ("Action", "CancelCopyImage"),
            ("Version", API_VERSION),
            ("Format", "JSON"),
            ("RegionId", region),
            ("ImageId", image),
        ])
    };
    let delete = |image: &str| {
        pairs(&[
            ("Action", "DeleteImage"),
            ("Version", API_VERSION),
            ("Format", "JSON"),
            (
                "RegionId",
                if image.starts_with("m-uf6") {
                    "cn-shanghai"
                } else {
                    "cn-hangzhou"
                },
            ),
            ("ImageId", image),
        ])
    };
    let long_token = "t".repeat(65);
    let mut v = vec![
        Doc {
            id: "common.missing_parameter",
            status: 400,
            code: "MissingParameter",
            message: "The input parameter \"ImageId\" that is mandatory for processing this request is not supplied.",
            cause: "ImageId is omitted.",
            source: COMMON,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("ImageId", None)]))),
        Doc {
            id: "copyimage.destination_missing",
            status: 400,
            code: "MissingParameter",
            message: "The input parameter \"DestinationRegionId\" that is mandatory for processing this request is not supplied.",
            cause: "DestinationRegionId is omitted and the world treats it as required.",
            source: COMMON,
        }
        .reproduced_by(
            Repro::call("default", with(COPY, &[("DestinationRegionId", None)]))
                .after(vec![Edit::set("/settings/missing_destination", "missing_parameter").into()]),
        ),
        Doc {
            id: "common.invalid_parameter",
            status: 400,
            code: "InvalidParameter",
            message: "The specified parameter \"Encrypted\" is not valid.",
            cause: "Encrypted is not a Boolean.",
            source: COMMON,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("Encrypted", Some("maybe"))]))),
        Doc {
            id: "common.dry_run",
            status: 400,
            code: "DryRunOperation",
            message: "Request validation has been passed with DryRun flag set.",
            cause: "A dry run passed every check; nothing was created.",
            source: COMMON,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("DryRun", Some("true"))]))),
        Doc {
            id: "common.invalid_action",
            status: 404,
            code: "InvalidAction.NotFound",
            message: "Specified api is not found, please check your url and method.",
            cause: "The Action is not an ECS API simulated here.",
            source: COMMON,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("Action", Some("CopyImages"))]))),
        Doc {
            id: "common.invalid_version",
            status: 400,
            code: "InvalidVersion",
            message: "Specified parameter Version is not valid.",
            cause: "Version is not 2014-05-26.",
            source: COMMON,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("Version", Some("2014-05-27"))]))),
        Doc {
            id: "copyimage.client_token",
            status: 400,
            code: "InvalidClientToken.ValueNotSupported",
            message: "The ClientToken provided is invalid.",
            cause: "ClientToken is longer than 64 characters.",
            source: "CopyImage API reference, request parameters (ClientToken); the code and message of other ECS operations",
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("ClientToken", Some(long_token.as_str()))]))),
        Doc {
            id: "tags.key",
            status: 400,
            code: "InvalidTagKey.Malformed",
            message: "The specified Tag.n.Key is not valid.",
            cause: "Tag.1.Key starts with acs:.",
            source: TAGS,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("Tag.1.Key", Some("acs:team"))]))),
        Doc {
            id: "tags.value",
            status: 400,
            code: "InvalidTagValue.Malformed",
            message: "The specified Tag.n.Value is not valid.",
            cause: "Tag.1.Value contains https://.",
            source: TAGS,
        }
        .reproduced_by(
            Repro::call("default", with(COPY, &[("Tag.1.Key", Some("site")), ("Tag.1.Value", Some("https://example.com"))])),
        ),
        Doc {
            id: "tags.duplicate",
            status: 400,
            code: "Duplicate.TagKey",
            message: "The Tag.N.Key contain duplicate key.",
            cause: "Tag.1.Key and Tag.2.Key are the same.",
            source: TAGS,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("Tag.1.Key", Some("team")), ("Tag.2.Key", Some("team"))]))),
        Doc {
            id: "tags.mismatch",
            status: 400,
            code: "InvalidTag.Mismatch",
            message: "The specified Tag.n.Key and Tag.n.Value are not match.",
            cause: "Tag.1.Value is given without Tag.1.Key.",
            source: TAGS,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("Tag.1.Value", Some("orphan"))]))),
        Doc {
            id: "tags.count",
            status: 400,
            code: "InvalidTagCount",
            message: "The specified tags are beyond the permitted range.",
            cause: "Tag.0.Key: N must be 1 to 20.",
            source: TAGS,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("Tag.0.Key", Some("team"))]))),
        Doc {
            id: "tags.number_exceed",
            status: 400,
            code: "NumberExceed.Tags",
            message: "The Tags parameter's number is exceed , Valid : 20",
            cause: "Tag.21.Key: more than 20 tags.",
            source: TAGS,
        }
        .reproduced_by(Repro::call("default", with(COPY, &[("Tag.21.Key", Some("team"))]))),
        Doc {
            id: "deleteimage.copying",
            status: 403,
            code: "OperationDenied.ImageCopying",
            message: "The Image is coping.",
            cause: "DeleteImage of a copy still in progress (use CancelCopyImage).",
            source: DELETE,
        }
        .reproduced_by(
            Repro::call("default", delete(&copies.id))
                .after(copies.in_progress.clone())
                .noting(&copies.in_progress_note),
        ),
        Doc {
            id: "deleteimage.in_use",
            status: 403,
            code: "ImageUsingByInstance",
            message: "The specified image has been used to create instances.",
            cause: "Instances run from the image and Force is not set.",
            source: DELETE,
        }
        .reproduced_by(Repro::call("default", delete("m-bp1inuse000000000001"))),
        Doc {
            id: "deleteimage.shared",
            status: 403,
            code: "ImageUseShared",
            message: "The specified image has been shared to others.",
            cause: "The image is shared to other accounts.",
            source: DELETE,
        }
        .reproduced_by(Repro::call("default", delete("m-bp1sharedout00000001"))),
        Doc {
            id: "deleteimage.image_not_found",
            status: 404,
            code: "InvalidImageId.NotFound",
            message: "The specified ImageId does not exist.",
            cause: "No such image, and the world answers 404 instead of ignoring it.",
            source: DELETE,
        }
        .reproduced_by(
            Repro::call("default", delete("m-bp1doesnotexist00001"))
                .after(vec![Edit::set("/settings/delete_missing_image", "not_found").into()]),
        ),
        Doc {
            id: "cancelcopyimage.not_a_copy",
            status: 400,
            code: "ImageCreatedNotFromCopy",
            message: "The specified image is not the target image of a copy action.",
            cause: "The image was not created by CopyImage.",
            source: CANCEL,
        }
        .reproduced_by(Repro::call("default", cancel(DOC_IMAGE_ID, "cn-hangzhou"))),
        Doc {
            id: "cancelcopyimage.finished",
            status: 400,
            code: "IncorrectImageStatus",
            message: "The image is copied finished.",
            cause: "The copy has already finished.",
            source: CANCEL,
        }
        .reproduced_by(
            Repro::call("default", cancel(&copies.id, "cn-shanghai"))
                .after(copies.finished.clone())
                .noting(&copies.finished_note),
        ),
        Doc {
            id: "cancelcopyimage.failed",
            status: 400,
            code: "IncorrectImageStatus",
            message: "The Image copy has been failed.",
            cause: "The copy failed.",
            source: CANCEL,
        }
        .reproduced_by(
            Repro::call("default", cancel(&copies.id, "cn-shanghai"))
                .after(copies.failed.clone())
                .noting(&copies.failed_note),
        ),
        Doc {
            id: "cancelcopyimage.image_not_found",
            status: 404,
            code: "InvalidImageId.NotFound",
            message: "The specified ImageId does not exist.",
            cause: "No such image in the destination region.",
            source: CANCEL,
        }
        .reproduced_by(Repro::call("default", cancel("m-uf6doesnotexist00001", "cn-shanghai"))),
        Doc {
            id: "common.region_not_found",
            status: 404,
            code: "InvalidRegionId.NotFound",
            message: "The specified RegionId does not exist.",
            cause: "RegionId is not an ECS region at all.",
            source: CANCEL,
        }
        .reproduced_by(Repro::call("default", cancel(ANY_COPY_ID, "cn-atlantis"))),
    ];
    // A ClientToken reused with other parameters: the first request succeeds, the second is refused.
    let idem = Doc {
        id: "common.idempotent_mismatch",
        status: 400,
        code: "IdempotentParameterMismatch",
        message: "The request is retried with updated parameters.",
        cause: "The ClientToken was used before with other parameters.",
        source: COMMON,
    }
    .reproduced_by(
        Repro::call(
            "default",
            with(
                COPY,
                &[
                    ("ClientToken", Some("token-123")),
                    ("DestinationRegionId", Some("cn-beijing")),
                ],
            ),
        )
        .after(vec![Step::Send(with(COPY, &[("ClientToken", Some("token-123"))]))]),
    );
    v.push(idem);
    // A disabled AccessKey that signs correctly (local endpoint).
    let wire_time = UtcTime(1_716_192_000); // 2024-05-20T08:00:00Z
    let base = sign::v1_common_params("LTAI5tDisabledKey0001", &wire_time.to_iso8601(), "catalog-nonce-1");
    let mut params = sign::merge_params(&base, &with(COPY, &[("Format", None)]));
    params.retain(|(k, _)| k != "Signature");
    let signed = sign::sign_v1("GET", &params, "disabled-secret");
    let request = HttpRequest {
        method: "GET".into(),
        host: HOST.into(),
        path: "/".into(),
        query: sign::v1_signed_query(&params, &signed.signature),
        headers: vec![],
        body: String::new(),
    };
    let inactive = Doc {
        id: "gateway.access_key_inactive",
        status: 400,
        code: "InvalidAccessKeyId.Inactive",
        message: "Specified access key is disabled.",
        cause: "The request is correctly signed with a disabled AccessKey.",
        source: COMMON,
    }
    .reproduced_by(Repro::http("default", request, wire_time));
    v.push(inactive);
    v
}

/// Gateway errors (signature, timestamp, nonce, AccessKey): each a signed HTTP request at a fixed wire time.
pub fn gateway_entries() -> Vec<CatalogEntry> {
    use crate::signing::client::{sign_request, Endpoint, GenerateInput, SignatureStyle};

    const TS: &str = "2026-11-27T08:30:00Z";
    let wire = UtcTime::parse_iso8601(TS).unwrap_or_default();
    // A correctly signed CopyImage request by `testid` (in every preset), with `edit` applied to its parameters.
    let signed = |edit: &[(&str, &str)], secret: &str| -> (HttpRequest, String) {
        let mut params: Params = vec![
            ("Action".into(), "CopyImage".into()),
            ("RegionId".into(), "cn-hangzhou".into()),
            ("ImageId".into(), DOC_IMAGE_ID.into()),
            ("DestinationRegionId".into(), "cn-shanghai".into()),
        ];
        params.extend(edit.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let mut input = GenerateInput::new(params, "testid", secret, TS, "6f1b1f5e-catalog-nonce");
        input.endpoint = Endpoint::regional("cn-hangzhou");
        input.style = SignatureStyle::V1;
        let s = sign_request(&input);
        (s.request, s.string_to_sign)
    };
    let replace_signature = |req: &HttpRequest, sig: &str| HttpRequest {
        query: format!("{}{sig}", req.query.split("&Signature=").next().unwrap_or("")),
        ..req.clone()
    };
    let (good, sts) = signed(&[], "testsecret");
    let (wrong_secret, _) = signed(&[], "not-the-secret");
    let mut put = good.clone();
    put.method = "PUT".into();
    let nonce_used = Doc {
        id: "gateway.nonce",
        status: 400,
        code: "SignatureNonceUsed",
        message: "Specified signature nonce was used already.",
        cause:
            "The same SignatureNonce was sent again by the same AccessKeyId within 15 minutes (here the same signed \
         request, sent twice: the first is answered, the second refused).",
        source: FACTS,
    }
    .reproduced_by(Repro::http("minimal", good.clone(), wire).after(vec![Step::Http {
        request: good.clone(),
        wire_time: wire,
    }]));
    vec![
        Doc {
            id: "gateway.signature",
            status: 400,
            code: "SignatureDoesNotMatch",
            message: &format!(
                "Specified signature is not matched with our calculation. server string to sign is:{sts}"
            ),
            cause: "The request was signed with another AccessKeySecret (or changed after signing).",
            source: FACTS,
        }
        .reproduced_by(Repro::http("minimal", wrong_secret, wire)),
        Doc {
            id: "gateway.signature_form",
            status: 400,
            code: "IncompleteSignature",
            message: &format!(
                "The request signature does not conform to Aliyun standards. server string to sign is:{sts}"
            ),
            cause: "The Signature is not a base64 HMAC-SHA1 (here cut short, as when a '+' is sent unencoded).",
            source: FACTS,
        }
        .reproduced_by(Repro::http(
            "minimal",
            replace_signature(&good, "&Signature=OLeaidS1JvxuMvnyHOwuJ"),
            wire,
        )),
        Doc {
            id: "gateway.missing_parameter",
            status: 400,
            code: "MissingParameter",
            message: "The input parameter \"Signature\" that is mandatory for processing the request is not supplied.",
            cause: "The request has no Signature parameter.",
            source: FACTS,
        }
        .reproduced_by(Repro::http("minimal", replace_signature(&good, ""), wire)),
        Doc {
            id: "gateway.access_key",
            status: 404,
            code: "InvalidAccessKeyId.NotFound",
            message: "Specified access key is not found.",
            cause: "The AccessKeyId is not one of the world's keys.",
            source: FACTS,
        }
        .reproduced_by(Repro::http(
            "minimal",
            signed(&[("AccessKeyId", "LTAI5tNoSuchKey")], "testsecret").0,
            wire,
        )),
        Doc {
            id: "gateway.timestamp_window",
            status: 400,
            code: "InvalidTimeStamp.Expired",
            message: "Specified time stamp or date value is expired.",
            cause: "The Timestamp is more than 15 minutes from the server clock (here 20 minutes old).",
            source: FACTS,
        }
        .reproduced_by(Repro::http("minimal", good.clone(), wire.plus(20 * 60))),
        Doc {
            id: "gateway.timestamp_format",
            status: 400,
            code: "InvalidTimeStamp.Format",
            message: "Specified time stamp or date value is not well formatted.",
            cause: "The Timestamp is not yyyy-MM-ddTHH:mm:ssZ (here with milliseconds).",
            source: FACTS,
        }
        .reproduced_by(Repro::http(
            "minimal",
            signed(&[("Timestamp", "2026-11-27T08:30:00.000Z")], "testsecret").0,
            wire,
        )),
        Doc {
            id: "gateway.signature_method",
            status: 400,
            code: "InvalidSignatureMethod",
            message: "Specified signature method is not valid.",
            cause: "SignatureMethod is not HMAC-SHA1.",
            source: FACTS,
        }
        .reproduced_by(Repro::http(
            "minimal",
            signed(&[("SignatureMethod", "HMAC-SHA256")], "testsecret").0,
            wire,
        )),
        Doc {
            id: "gateway.signature_version",
            status: 400,
            code: "InvalidParamater",
            message: "The specified parameter \"SignatureVersion\" is not valid.",
            cause: "SignatureVersion is not 1.0.",
            source: FACTS,
        }
        .reproduced_by(Repro::http(
            "minimal",
            signed(&[("SignatureVersion", "2.0")], "testsecret").0,
            wire,
        )),
        Doc {
            id: "gateway.http_method",
            status: 403,
            code: "UnsupportedHTTPMethod",
            message: "This HTTP method is not supported.",
            cause: "Only GET and POST are accepted.",
            source: FACTS,
        }
        .reproduced_by(Repro::http("minimal", put, wire)),
        nonce_used,
    ]
}
