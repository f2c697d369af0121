//! The error catalog: every documented error row (the CopyImage reference's whole table, the errors of the
//! other simulated operations, the common errors the engine answers) with a stable ID, its exact HTTP
//! status, code and message, the cause, and a reproduction — a preset plus world edits and the request —
//! that `reproduce()` runs. The gateway's errors live in `gateway_entries()`, filled by the signing work.

use crate::base::clock::UtcTime;
use crate::base::wire::{HttpRequest, Params};
use crate::model::queue::NewTask;
use crate::model::world::{DeleteMissing, Fault, FaultKind, ImageStatus, MessageForm, MissingDestination, World};
use crate::service::engine::{CallContext, Engine, Exchange};
use crate::signing::sign;
use crate::teach::presets::{DOC_IMAGE_ID, DOC_KMS_KEY_ID};
use crate::teach::transcript::{ScenarioRef, Step, Transcript};

/// How the last request of a reproduction is sent.
#[derive(Clone, Debug)]
pub enum ReproRequest {
    /// Trusted parameters (`Engine::call`).
    Call(Params),
    /// A full HTTP request at a wire time (`Engine::handle_http`), for gateway errors.
    Http {
        /// The request.
        request: HttpRequest,
        /// The wire clock when it arrives.
        wire_time: UtcTime,
    },
}

/// A small scenario plus request that reproduces an error.
#[derive(Clone, Debug)]
pub struct Repro {
    /// The preset to start from.
    pub preset: String,
    /// World edits applied to the preset (None: the preset as is).
    pub setup: Option<fn(&mut World)>,
    /// The edits in words, for the faces.
    pub setup_note: String,
    /// Requests sent first (e.g. the first use of a ClientToken).
    pub before: Vec<Params>,
    /// Signed HTTP requests sent first through the gateway, at the entry's wire time (e.g. the first use of
    /// a SignatureNonce). Only with [`ReproRequest::Http`].
    pub before_http: Vec<HttpRequest>,
    /// The request that gets the error.
    pub request: ReproRequest,
}

/// One documented error.
#[derive(Clone, Debug)]
pub struct CatalogEntry {
    /// Stable ID (the rule ID the engine reports for it).
    pub id: String,
    /// HTTP status.
    pub http_status: u16,
    /// Code, exactly.
    pub code: String,
    /// Message, exactly.
    pub message: String,
    /// What causes it, briefly.
    pub cause: String,
    /// Where it is documented.
    pub source: String,
    /// How to get it.
    pub repro: Repro,
}

/// The host catalog requests are addressed to.
pub const HOST: &str = "ecs.cn-hangzhou.aliyuncs.com";

/// The seed catalog engines use.
pub const SEED: u64 = 1;

impl CatalogEntry {
    /// The reproduction's world (preset plus edits), before any request.
    pub fn world(&self) -> Option<World> {
        let mut w = crate::teach::presets::preset(&self.repro.preset)?;
        if let Some(f) = self.repro.setup {
            f(&mut w);
            w.validate().ok()?;
        }
        Some(w)
    }

    /// Runs the reproduction and returns the final exchange.
    pub fn reproduce(&self) -> Exchange {
        let world = self
            .world()
            .unwrap_or_else(|| crate::teach::presets::preset("minimal").unwrap_or_else(unreachable_world));
        let mut e = Engine::new(world, SEED);
        let ctx = CallContext::new(HOST);
        for p in &self.repro.before {
            e.call(p, &ctx);
        }
        match &self.repro.request {
            ReproRequest::Call(p) => e.call(p, &ctx),
            ReproRequest::Http { request, wire_time } => {
                for first in &self.repro.before_http {
                    e.handle_http(first, *wire_time);
                }
                e.handle_http(request, *wire_time)
            }
        }
    }

    /// The reproduction as a transcript (inline world, so the edits travel with it).
    pub fn transcript(&self) -> Transcript {
        let scenario = match (self.repro.setup, self.world()) {
            (Some(_), Some(w)) => ScenarioRef::Inline(Box::new(w)),
            _ => ScenarioRef::Preset(self.repro.preset.clone()),
        };
        let mut steps: Vec<Step> = self.repro.before.iter().cloned().map(Step::Request).collect();
        match &self.repro.request {
            ReproRequest::Call(p) => steps.push(Step::Request(p.clone())),
            ReproRequest::Http { request, wire_time } => {
                for first in self.repro.before_http.iter().chain([request]) {
                    steps.push(Step::Http {
                        request: first.clone(),
                        wire_time: *wire_time,
                    });
                }
            }
        }
        Transcript {
            version: crate::teach::transcript::VERSION,
            scenario,
            seed: SEED,
            host: HOST.into(),
            steps,
            responses: vec![],
        }
    }
}

fn unreachable_world() -> World {
    // Presets are built in code and tested; this only keeps `reproduce` total.
    crate::teach::presets::preset("default").unwrap_or_else(|| panic!("the default preset must build"))
}

/// Every catalog entry: the engine's own, then the gateway's.
pub fn entries() -> Vec<CatalogEntry> {
    let mut v = engine_entries();
    v.extend(gateway_entries());
    v
}

/// The entry with this ID.
pub fn find(id: &str) -> Option<CatalogEntry> {
    entries().into_iter().find(|e| e.id == id)
}

/// Gateway errors (signature, timestamp, nonce, AccessKey): filled by the signing work, which owns this
/// function. Each entry should use `ReproRequest::Http` with a fixed wire time.
pub fn gateway_entries() -> Vec<CatalogEntry> {
    use crate::signing::client::{sign_request, Endpoint, GenerateInput, SignatureStyle};

    const TS: &str = "2026-11-27T08:30:00Z";
    let wire = UtcTime::parse_iso8601(TS).unwrap_or_default();
    let facts = "alibaba-api-facts.md §1c; FIDELITY.md \"Signing and gateway\"";
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
    let mk = |id: &str, status: u16, code: &str, message: String, cause: &str, request: HttpRequest, at: UtcTime| {
        CatalogEntry {
            id: id.into(),
            http_status: status,
            code: code.into(),
            message,
            cause: cause.into(),
            source: facts.into(),
            repro: Repro {
                preset: "minimal".into(),
                setup: None,
                setup_note: String::new(),
                before: vec![],
                before_http: vec![],
                request: ReproRequest::Http { request, wire_time: at },
            },
        }
    };
    let (good, sts) = signed(&[], "testsecret");
    let (wrong_secret, _) = signed(&[], "not-the-secret");
    let mut put = good.clone();
    put.method = "PUT".into();
    let mut nonce_used = mk(
        "gateway.nonce",
        400,
        "SignatureNonceUsed",
        "Specified signature nonce was used already.".into(),
        "The same SignatureNonce was sent again by the same AccessKeyId within 15 minutes (here the same signed \
         request, sent twice: the first is answered, the second refused).",
        good.clone(),
        wire,
    );
    nonce_used.repro.before_http = vec![good.clone()];
    vec![
        mk(
            "gateway.signature",
            400,
            "SignatureDoesNotMatch",
            format!("Specified signature is not matched with our calculation. server string to sign is:{sts}"),
            "The request was signed with another AccessKeySecret (or changed after signing).",
            wrong_secret,
            wire,
        ),
        mk(
            "gateway.signature_form",
            400,
            "IncompleteSignature",
            format!("The request signature does not conform to Aliyun standards. server string to sign is:{sts}"),
            "The Signature is not a base64 HMAC-SHA1 (here cut short, as when a '+' is sent unencoded).",
            replace_signature(&good, "&Signature=OLeaidS1JvxuMvnyHOwuJ"),
            wire,
        ),
        mk(
            "gateway.missing_parameter",
            400,
            "MissingParameter",
            "The input parameter \"Signature\" that is mandatory for processing the request is not supplied.".into(),
            "The request has no Signature parameter.",
            replace_signature(&good, ""),
            wire,
        ),
        mk(
            "gateway.access_key",
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.".into(),
            "The AccessKeyId is not one of the world's keys.",
            signed(&[("AccessKeyId", "LTAI5tNoSuchKey")], "testsecret").0,
            wire,
        ),
        mk(
            "gateway.timestamp_window",
            400,
            "InvalidTimeStamp.Expired",
            "Specified time stamp or date value is expired.".into(),
            "The Timestamp is more than 15 minutes from the server clock (here 20 minutes old).",
            good.clone(),
            wire.plus(20 * 60),
        ),
        mk(
            "gateway.timestamp_format",
            400,
            "InvalidTimeStamp.Format",
            "Specified time stamp or date value is not well formatted.".into(),
            "The Timestamp is not yyyy-MM-ddTHH:mm:ssZ (here with milliseconds).",
            signed(&[("Timestamp", "2026-11-27T08:30:00.000Z")], "testsecret").0,
            wire,
        ),
        mk(
            "gateway.signature_method",
            400,
            "InvalidSignatureMethod",
            "Specified signature method is not valid.".into(),
            "SignatureMethod is not HMAC-SHA1.",
            signed(&[("SignatureMethod", "HMAC-SHA256")], "testsecret").0,
            wire,
        ),
        mk(
            "gateway.signature_version",
            400,
            "InvalidParamater",
            "The specified parameter \"SignatureVersion\" is not valid.".into(),
            "SignatureVersion is not 1.0.",
            signed(&[("SignatureVersion", "2.0")], "testsecret").0,
            wire,
        ),
        mk(
            "gateway.http_method",
            403,
            "UnsupportedHTTPMethod",
            "This HTTP method is not supported.".into(),
            "Only GET and POST are accepted.",
            put,
            wire,
        ),
        nonce_used,
    ]
}

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

fn pairs(v: &[(&str, &str)]) -> Params {
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

const COPY: &[(&str, &str)] = &[
    ("Action", "CopyImage"),
    ("Version", "2014-05-26"),
    ("Format", "JSON"),
    ("RegionId", "cn-hangzhou"),
    ("ImageId", DOC_IMAGE_ID),
    ("DestinationRegionId", "cn-shanghai"),
];

/// The ID of the copy in progress that `copy_in_progress` adds.
pub const COPYING_ID: &str = "m-uf6copying000000001";

/// Adds a copy of the reference's image to cn-shanghai, still queued/running, with a known ID.
fn copy_in_progress(w: &mut World) {
    add_copy(w, false);
}

fn add_copy(w: &mut World, fails: bool) {
    let limit = w.settings.queue_limit;
    let task = w.queue.enqueue(
        NewTask {
            source_region: "cn-hangzhou".into(),
            source_image_id: DOC_IMAGE_ID.into(),
            destination_region: "cn-shanghai".into(),
            destination_image_id: COPYING_ID.into(),
            lane: "cn-hangzhou".into(),
            duration_secs: 1200,
            fails,
        },
        w.now,
        limit,
    );
    if let Some(mut img) = w.image(DOC_IMAGE_ID).cloned() {
        img.id = COPYING_ID.into();
        img.region = "cn-shanghai".into();
        img.name = "web-server-base-copy".into();
        img.snapshot_ids = vec![];
        img.status = ImageStatus::Waiting;
        img.copy_task = Some(task);
        w.images.push(img);
    }
}

fn copy_finished(w: &mut World) {
    add_copy(w, false);
    w.advance(100_000);
}

fn copy_failed(w: &mut World) {
    add_copy(w, true);
    w.advance(100_000);
}

#[allow(clippy::too_many_arguments)]
fn entry(
    id: &str,
    status: u16,
    code: &str,
    message: &str,
    cause: &str,
    source: &str,
    preset: &str,
    setup: Option<fn(&mut World)>,
    setup_note: &str,
    request: Params,
) -> CatalogEntry {
    CatalogEntry {
        id: id.into(),
        http_status: status,
        code: code.into(),
        message: message.into(),
        cause: cause.into(),
        source: source.into(),
        repro: Repro {
            preset: preset.into(),
            setup,
            setup_note: setup_note.into(),
            before: vec![],
            before_http: vec![],
            request: ReproRequest::Call(request),
        },
    }
}

const REF: &str = "CopyImage reference, error table";

fn engine_entries() -> Vec<CatalogEntry> {
    let c = |id: &str, st: u16, code: &str, msg: &str, cause: &str, over: &[(&str, Option<&str>)]| {
        entry(id, st, code, msg, cause, REF, "default", None, "", with(COPY, over))
    };
    let cs = |id: &str,
              st: u16,
              code: &str,
              msg: &str,
              cause: &str,
              setup: fn(&mut World),
              note: &str,
              over: &[(&str, Option<&str>)]| {
        entry(
            id,
            st,
            code,
            msg,
            cause,
            REF,
            "default",
            Some(setup),
            note,
            with(COPY, over),
        )
    };
    let kms = |key: &'static str| -> Vec<(&'static str, Option<&'static str>)> {
        vec![("Encrypted", Some("true")), ("KMSKeyId", Some(key))]
    };
    let mut v = vec![
        cs(
            "copyimage.destination_name_plain",
            400,
            "InvalidImageName.Malformed",
            "The specified Image name is wrongly formed.",
            "DestinationImageName breaks the name rule, with the generic twin message (simulated setting).",
            |w| w.settings.image_name_message = MessageForm::Plain,
            "settings.image_name_message = plain",
            &[("DestinationImageName", Some("1-starts-with-a-digit"))],
        ),
        c(
            "copyimage.destination_name",
            400,
            "InvalidImageName.Malformed",
            "The specified destination Image name is wrongly formed.",
            "DestinationImageName breaks the name rule (here: it starts with `aliyun`).",
            &[("DestinationImageName", Some("aliyun-copy"))],
        ),
        c(
            "copyimage.destination_description",
            400,
            "InvalidDescription.Malformed",
            "The specified destination description is wrongly formed.",
            "DestinationDescription starts with http://.",
            &[("DestinationDescription", Some("http://example.com"))],
        ),
        cs(
            "copyimage.destination_description_plain",
            400,
            "InvalidDescription.Malformed",
            "The specified description is wrongly formed.",
            "DestinationDescription is 1 character, with the generic twin message (simulated setting).",
            |w| w.settings.description_message = MessageForm::Plain,
            "settings.description_message = plain",
            &[("DestinationDescription", Some("x"))],
        ),
        c(
            "copyimage.source_region",
            400,
            "SourceRegion.NotFound",
            "The source region not found",
            "RegionId is not a region of this world.",
            &[("RegionId", Some("cn-atlantis"))],
        ),
        c(
            "copyimage.destination_region",
            400,
            "DestinationRegion.NotFound",
            "The destination region not found",
            "DestinationRegionId is not a region of this world.",
            &[("DestinationRegionId", Some("us-east-1"))],
        ),
        c(
            "copyimage.image_not_available",
            400,
            "IncorrectImageStatus",
            "The image not available.",
            "The source image is CreateFailed, not Available.",
            &[("ImageId", Some("m-bp1failed00000000001"))],
        ),
        c(
            "copyimage.snapshot_not_found",
            400,
            "InvalidSnapshotId.NotFound",
            "The specified SnapshotId does not exist.",
            "The source image's snapshot has been deleted.",
            &[("ImageId", Some("m-bp1orphan00000000001"))],
        ),
        c(
            "copyimage.name_duplicated",
            400,
            "InvalidImageName.Duplicated",
            "The destination image is exist.",
            "cn-shanghai already has an image named web-copy.",
            &[("DestinationImageName", Some("web-copy"))],
        ),
        c(
            "copyimage.encrypted_illegal",
            400,
            "InvalidParameter.EncryptedIllegal",
            "The specified parameter Encrypted must be true when kmsKeyId is not empty.",
            "KMSKeyId is given without Encrypted=true.",
            &[("KMSKeyId", Some(DOC_KMS_KEY_ID))],
        ),
        cs(
            "copyimage.aliuid_null",
            401,
            "InvalidAliUid.IsNull",
            "The aliUid must not be null",
            "The caller's AliUid is missing (simulated: no signed request lacks one).",
            |w| w.settings.anonymous_caller = true,
            "settings.anonymous_caller = true",
            &[],
        ),
        cs(
            "simulated.internal_error_500",
            500,
            "InternalError",
            "The request processing has failed due to some unknown error, exception or failure.",
            "A server fault (simulated by an injected fault).",
            |w| {
                w.faults.push(Fault {
                    action: "CopyImage".into(),
                    kind: FaultKind::InternalError500,
                    remaining: 1,
                })
            },
            "faults: [{action: CopyImage, kind: internal_error_500}]",
            &[],
        ),
        entry(
            "copyimage.forbidden",
            403,
            "Forbbiden",
            "User not authorized to operate on the specified resource.",
            "A RAM user who may not manage the default resource group copies without ResourceGroupId.",
            REF,
            "ram-user",
            None,
            "",
            with(COPY, &[]),
        ),
        c(
            "copyimage.image_quota",
            403,
            "QuotaExceed.Image",
            "The Image Quota exceeds.",
            "cn-qingdao's image quota (1) is used up.",
            &[("DestinationRegionId", Some("cn-qingdao"))],
        ),
        c(
            "copyimage.snapshot_quota",
            403,
            "QuotaExceed.Snapshot",
            "The snapshot quota exceeds.",
            "cn-shenzhen's snapshot quota (1) is used up.",
            &[("DestinationRegionId", Some("cn-shenzhen"))],
        ),
        cs(
            "copyimage.source_copying",
            403,
            "OperationDenied.ImageCopying",
            "The Image are coping.",
            "The source image is itself a copy still in progress.",
            copy_in_progress,
            "a copy m-uf6copying000000001 of the reference image is in progress in cn-shanghai",
            &[
                ("RegionId", Some("cn-shanghai")),
                ("ImageId", Some(COPYING_ID)),
                ("DestinationRegionId", Some("cn-beijing")),
            ],
        ),
        c(
            "copyimage.region_not_support_copy",
            403,
            "RegionNotSupportCopy",
            "The region not support copy.",
            "cn-nanjing (a local region) does not support image copy.",
            &[("DestinationRegionId", Some("cn-nanjing"))],
        ),
        c(
            "copyimage.snapshot_too_old",
            403,
            "InvalidSnapshot.TooOld",
            "This operation is denied because the specified snapshot is created before 2013-07-15.",
            "The source image's snapshot was created in 2012.",
            &[("ImageId", Some("m-bp1legacy20120000001"))],
        ),
        c(
            "copyimage.snapshot_not_allowed",
            403,
            "OperationDenied",
            "The specified snapshot is not allowed to create image.",
            "The source image's snapshot may not be used to create images.",
            &[("ImageId", Some("m-bp1locked00000000001"))],
        ),
        c(
            "copyimage.same_region",
            403,
            "IncorrectDestinationRegion",
            "The destination region is not equal the target region.",
            "The destination is the source region.",
            &[("DestinationRegionId", Some("cn-hangzhou"))],
        ),
        c(
            "copyimage.size_exceed",
            403,
            "SizeExceed.Image",
            "The image exceeds the maximum size. Please open a ticket to add the account to the white list.",
            "The 800 GiB source is above the account's 500 GiB maximum.",
            &[("ImageId", Some("m-bp1bigdata0000000001"))],
        ),
        c(
            "copyimage.encrypted_snapshot",
            403,
            "OperationDeined.EncryptedSnapshot",
            "The image contains encrypted snapshots, which do not support copying.",
            "The source image's snapshot is encrypted.",
            &[("ImageId", Some("m-bp1encsnap0000000001"))],
        ),
        cs(
            "simulated.internal_error_403",
            403,
            "InternalError",
            "The request processing has failed due to some unknown error.",
            "A server fault, 403 form (simulated by an injected fault).",
            |w| {
                w.faults.push(Fault {
                    action: "CopyImage".into(),
                    kind: FaultKind::InternalError403,
                    remaining: 1,
                })
            },
            "faults: [{action: CopyImage, kind: internal_error_403}]",
            &[],
        ),
        c(
            "copyimage.shared_same_region_only",
            403,
            "OperationDenied.SameRegionOnly",
            "The image shared from others can not be copied to another region directly.",
            "The source image was shared to this account by another account.",
            &[("ImageId", Some("m-bp1partner000shared1"))],
        ),
        c(
            "copyimage.marketplace_not_published",
            403,
            "OperationDenied.NotPublished",
            "The operation is denied because corresponding marketplace image is not published in destination region.",
            "The marketplace image is published in cn-hangzhou and cn-beijing only.",
            &[("ImageId", Some("m-bp1market0000lamp001"))],
        ),
        c(
            "copyimage.kms_not_enabled",
            403,
            "InvalidParameter.KMSKeyId.CMKNotEnabled",
            "The CMK needs to be enabled.",
            "The KMS key is disabled.",
            &kms("0b5b1c2d-disabled-key-0000000000aa"),
        ),
        c(
            "copyimage.kms_unauthorized",
            403,
            "InvalidParameter.KMSKeyId.KMSUnauthorized",
            "ECS service have no right to access your KMS.",
            "ECS is not authorised to use the KMS key.",
            &kms("7c1e2f3a-unauthorized-key-00000000bb"),
        ),
        c(
            "copyimage.byok_region",
            403,
            "InvalidRegion.NotSupport",
            "The specified region does not support byok.",
            "ap-northeast-1 does not support BYOK in this world.",
            &[
                ("DestinationRegionId", Some("ap-northeast-1")),
                ("Encrypted", Some("true")),
                ("KMSKeyId", Some(DOC_KMS_KEY_ID)),
            ],
        ),
        cs(
            "copyimage.byok_whitelist",
            403,
            "UserNotInTheWhiteList",
            "The user is not in byok white list.",
            "The account is not in the BYOK whitelist.",
            |w| w.account.byok_whitelisted = false,
            "account.byok_whitelisted = false",
            &kms(DOC_KMS_KEY_ID),
        ),
        c(
            "copyimage.image_not_found",
            404,
            "InvalidImageId.NotFound",
            "The specified ImageId does not exist.",
            "No such image in cn-hangzhou.",
            &[("ImageId", Some("m-bp1doesnotexist00001"))],
        ),
        c(
            "copyimage.kms_not_found",
            404,
            "InvalidParameter.KMSKeyId.NotFound",
            "The specified KMSKeyId does not exist.",
            "No such KMS key in the destination region.",
            &kms("00000000-no-such-key-000000000000"),
        ),
    ];
    v.extend(extra_entries());
    v
}

/// Errors beyond the reference's table: common errors, tags, the other operations.
fn extra_entries() -> Vec<CatalogEntry> {
    const COMMON: &str = "ECS common errors (FACTS §1c)";
    const TAGS: &str = "ECS tag errors (FACTS §1f)";
    const CANCEL: &str = "CancelCopyImage error table (FACTS §1d)";
    const DELETE: &str = "DeleteImage error table (FACTS §1d)";
    let cancel = |image: &str, region: &str| {
        pairs(&[
            ("Action", "CancelCopyImage"),
            ("Version", "2014-05-26"),
            ("Format", "JSON"),
            ("RegionId", region),
            ("ImageId", image),
        ])
    };
    let delete = |image: &str| {
        pairs(&[
            ("Action", "DeleteImage"),
            ("Version", "2014-05-26"),
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
    let tag = |id: &str, code: &str, msg: &str, cause: &str, over: &[(&str, Option<&str>)]| {
        entry(id, 400, code, msg, cause, TAGS, "default", None, "", with(COPY, over))
    };
    let long_token = "t".repeat(65);
    let mut v = vec![
        entry(
            "common.missing_parameter",
            400,
            "MissingParameter",
            "The input parameter \"ImageId\" that is mandatory for processing this request is not supplied.",
            "ImageId is omitted.",
            COMMON,
            "default",
            None,
            "",
            with(COPY, &[("ImageId", None)]),
        ),
        entry(
            "copyimage.destination_missing",
            400,
            "MissingParameter",
            "The input parameter \"DestinationRegionId\" that is mandatory for processing this request is not supplied.",
            "DestinationRegionId is omitted and the world treats it as required.",
            COMMON,
            "default",
            Some(|w| w.settings.missing_destination = MissingDestination::MissingParameter),
            "settings.missing_destination = missing_parameter",
            with(COPY, &[("DestinationRegionId", None)]),
        ),
        entry(
            "common.invalid_parameter",
            400,
            "InvalidParameter",
            "The specified parameter \"Encrypted\" is not valid.",
            "Encrypted is not a Boolean.",
            COMMON,
            "default",
            None,
            "",
            with(COPY, &[("Encrypted", Some("maybe"))]),
        ),
        entry(
            "common.dry_run",
            400,
            "DryRunOperation",
            "Request validation has been passed with DryRun flag set.",
            "A dry run passed every check; nothing was created.",
            COMMON,
            "default",
            None,
            "",
            with(COPY, &[("DryRun", Some("true"))]),
        ),
        entry(
            "common.invalid_action",
            404,
            "InvalidAction.NotFound",
            "Specified api is not found, please check your url and method.",
            "The Action is not an ECS API simulated here.",
            COMMON,
            "default",
            None,
            "",
            with(COPY, &[("Action", Some("CopyImages"))]),
        ),
        entry(
            "common.invalid_version",
            400,
            "InvalidVersion",
            "Specified parameter Version is not valid.",
            "Version is not 2014-05-26.",
            COMMON,
            "default",
            None,
            "",
            with(COPY, &[("Version", Some("2014-05-27"))]),
        ),
        entry(
            "copyimage.client_token",
            400,
            "InvalidClientToken.ValueNotSupported",
            "The ClientToken provided is invalid.",
            "ClientToken is longer than 64 characters.",
            "FIELDS CopyImageRequest.ClientToken (FIDELITY.md)",
            "default",
            None,
            "",
            with(COPY, &[("ClientToken", Some(long_token.as_str()))]),
        ),
        tag(
            "tags.key",
            "InvalidTagKey.Malformed",
            "The specified Tag.n.Key is not valid.",
            "Tag.1.Key starts with acs:.",
            &[("Tag.1.Key", Some("acs:team"))],
        ),
        tag(
            "tags.value",
            "InvalidTagValue.Malformed",
            "The specified Tag.n.Value is not valid.",
            "Tag.1.Value contains https://.",
            &[("Tag.1.Key", Some("site")), ("Tag.1.Value", Some("https://example.com"))],
        ),
        tag(
            "tags.duplicate",
            "Duplicate.TagKey",
            "The Tag.N.Key contain duplicate key.",
            "Tag.1.Key and Tag.2.Key are the same.",
            &[("Tag.1.Key", Some("team")), ("Tag.2.Key", Some("team"))],
        ),
        tag(
            "tags.mismatch",
            "InvalidTag.Mismatch",
            "The specified Tag.n.Key and Tag.n.Value are not match.",
            "Tag.1.Value is given without Tag.1.Key.",
            &[("Tag.1.Value", Some("orphan"))],
        ),
        tag(
            "tags.count",
            "InvalidTagCount",
            "The specified tags are beyond the permitted range.",
            "Tag.0.Key: N must be 1 to 20.",
            &[("Tag.0.Key", Some("team"))],
        ),
        tag(
            "tags.number_exceed",
            "NumberExceed.Tags",
            "The Tags parameter's number is exceed , Valid : 20",
            "Tag.21.Key: more than 20 tags.",
            &[("Tag.21.Key", Some("team"))],
        ),
        entry(
            "deleteimage.copying",
            403,
            "OperationDenied.ImageCopying",
            "The Image is coping.",
            "DeleteImage of a copy still in progress (use CancelCopyImage).",
            DELETE,
            "default",
            Some(copy_in_progress),
            "a copy m-uf6copying000000001 of the reference image is in progress in cn-shanghai",
            delete(COPYING_ID),
        ),
        entry(
            "deleteimage.in_use",
            403,
            "ImageUsingByInstance",
            "The specified image has been used to create instances.",
            "Instances run from the image and Force is not set.",
            DELETE,
            "default",
            None,
            "",
            delete("m-bp1inuse000000000001"),
        ),
        entry(
            "deleteimage.shared",
            403,
            "ImageUseShared",
            "The specified image has been shared to others.",
            "The image is shared to other accounts.",
            DELETE,
            "default",
            None,
            "",
            delete("m-bp1sharedout00000001"),
        ),
        entry(
            "deleteimage.image_not_found",
            404,
            "InvalidImageId.NotFound",
            "The specified ImageId does not exist.",
            "No such image, and the world answers 404 instead of ignoring it.",
            DELETE,
            "default",
            Some(|w| w.settings.delete_missing_image = DeleteMissing::NotFound),
            "settings.delete_missing_image = not_found",
            delete("m-bp1doesnotexist00001"),
        ),
        entry(
            "cancelcopyimage.not_a_copy",
            400,
            "ImageCreatedNotFromCopy",
            "The specified image is not the target image of a copy action.",
            "The image was not created by CopyImage.",
            CANCEL,
            "default",
            None,
            "",
            cancel(DOC_IMAGE_ID, "cn-hangzhou"),
        ),
        entry(
            "cancelcopyimage.finished",
            400,
            "IncorrectImageStatus",
            "The image is copied finished.",
            "The copy has already finished.",
            CANCEL,
            "default",
            Some(copy_finished),
            "a copy m-uf6copying000000001 that has finished",
            cancel(COPYING_ID, "cn-shanghai"),
        ),
        entry(
            "cancelcopyimage.failed",
            400,
            "IncorrectImageStatus",
            "The Image copy has been failed.",
            "The copy failed.",
            CANCEL,
            "default",
            Some(copy_failed),
            "a copy m-uf6copying000000001 that failed (injected)",
            cancel(COPYING_ID, "cn-shanghai"),
        ),
        entry(
            "cancelcopyimage.image_not_found",
            404,
            "InvalidImageId.NotFound",
            "The specified ImageId does not exist.",
            "No such image in the destination region.",
            CANCEL,
            "default",
            None,
            "",
            cancel("m-uf6doesnotexist00001", "cn-shanghai"),
        ),
        entry(
            "common.region_not_found",
            404,
            "InvalidRegionId.NotFound",
            "The specified RegionId does not exist.",
            "RegionId is not a region of this world.",
            CANCEL,
            "default",
            None,
            "",
            cancel(COPYING_ID, "cn-atlantis"),
        ),
    ];
    // A ClientToken reused with other parameters: the first request succeeds, the second is refused.
    let mut idem = entry(
        "common.idempotent_mismatch",
        400,
        "IdempotentParameterMismatch",
        "The request is retried with updated parameters.",
        "The ClientToken was used before with other parameters.",
        COMMON,
        "default",
        None,
        "",
        with(
            COPY,
            &[
                ("ClientToken", Some("token-123")),
                ("DestinationRegionId", Some("cn-beijing")),
            ],
        ),
    );
    idem.repro.before = vec![with(COPY, &[("ClientToken", Some("token-123"))])];
    v.push(idem);
    // A disabled AccessKey that signs correctly (local endpoint).
    let wire_time = UtcTime(1_716_192_000); // 2024-05-20T08:00:00Z
    let base = sign::v1_common_params("LTAI5tDisabledKey0001", &wire_time.to_iso8601(), "catalog-nonce-1");
    let mut params = sign::merge_params(&base, &with(COPY, &[("Format", None)]));
    params.retain(|(k, _)| k != "Signature");
    let signed = sign::sign_v1("GET", &params, "disabled-secret");
    let mut inactive = entry(
        "gateway.access_key_inactive",
        400,
        "InvalidAccessKeyId.Inactive",
        "Specified access key is disabled.",
        "The request is correctly signed with a disabled AccessKey.",
        COMMON,
        "default",
        None,
        "",
        vec![],
    );
    inactive.repro.request = ReproRequest::Http {
        request: HttpRequest {
            method: "GET".into(),
            host: HOST.into(),
            path: "/".into(),
            query: sign::v1_signed_query(&params, &signed.signature),
            headers: vec![],
            body: String::new(),
        },
        wire_time,
    };
    v.push(inactive);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique() {
        let all = entries();
        let mut ids: Vec<&str> = all.iter().map(|e| e.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
    }

    #[test]
    fn every_reference_row_has_an_entry() {
        let all = entries();
        for (st, code, msg) in REFERENCE_ROWS {
            assert!(
                all.iter()
                    .any(|e| e.http_status == *st && e.code == *code && e.message == *msg),
                "no catalog entry for {st} {code} {msg}"
            );
        }
        assert_eq!(REFERENCE_ROWS.len(), 31);
    }
}
