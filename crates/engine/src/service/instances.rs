//! Using a copy where it landed: RunInstances and ReplaceSystemDisk, with DescribeInstances, StopInstance
//! and StartInstance as far as ReplaceSystemDisk needs them. The image side is exact (the rows of the
//! operations' error tables); the instance side is modelled only as far as these operations need it, and
//! the other parameters (instance type, network, disks, billing) are checked for presence and form only,
//! with rules that say so (FIDELITY.md, "Instances").
//!
//! Layer: service (may use `base`, `signing`, `model`).

use crate::base::error::{ApiError, Rule, Source};
use crate::base::rng::Rng;
use crate::base::wire::Params;
use crate::model::world::{ClientTokenRecord, Image, ImageStatus, Instance, InstanceStatus, World};
use crate::service::ops::{
    check_fault, idempotent_mismatch, page_param, page_start, region_not_found, Effect, Fail, Outcome,
};
use crate::service::params;
use crate::service::response::{s, wrapped, Node};
use crate::service::rules;

/// World seconds from RunInstances to `Running` (no source gives a time; FIDELITY.md, "Instances").
pub const INSTANCE_START_SECS: u64 = 30;

/// The most instances one RunInstances request creates (the reference: "a maximum of 100 instances at a
/// time").
pub const MAX_AMOUNT: u64 = 100;

/// Parameters that say how a request was sent, not what it asks: left out of the idempotency fingerprint.
const NOT_BUSINESS: &[&str] = &[
    "Action",
    "Version",
    "Format",
    "AccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "SignatureType",
    "Timestamp",
    "SecurityToken",
    "ClientToken",
];

/// What identifies a RunInstances request for idempotency: every parameter but the common and signing ones
/// and `ClientToken`, sorted.
fn fingerprint(p: &Params) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = p
        .iter()
        .filter(|(k, v)| !NOT_BUSINESS.contains(&k.as_str()) && !v.is_empty())
        .cloned()
        .collect();
    crate::base::sort::sort(&mut v);
    v.dedup_by(|a, b| a.0 == b.0);
    v
}

/// A new ID `{kind}-{region prefix}{17 characters}` that no instance, image or snapshot already has.
fn new_id(world: &World, rng: &mut Rng, kind: &str, region: &str, taken: &[String]) -> String {
    let prefix = world.prefix_of(region);
    loop {
        let id = format!("{kind}-{prefix}{}", rng.id_chars(17));
        let clash = world.instance(&id).is_some()
            || world.image(&id).is_some()
            || world.snapshot(&id).is_some()
            || world.instances.iter().any(|i| i.system_disk_id == id)
            || taken.contains(&id);
        if !clash {
            return id;
        }
    }
}

/// The operation a source documents, lower-case, for rule IDs (`runinstances.image_not_found`): each
/// operation's row is its own catalog entry.
fn op(source: Source) -> &'static str {
    match source {
        Source::RunInstances => "runinstances",
        Source::ReplaceSystemDisk => "replacesystemdisk",
        Source::StopInstance => "stopinstance",
        Source::StartInstance => "startinstance",
        _ => "describeinstances",
    }
}

/// A common error (rule `common.<name>`) decided by this operation's own rule `<op>.<name>`: the same code,
/// message and explanation, under an ID that the error catalog can give each operation's reproduction.
fn own(source: Source, fail: impl Into<Fail>) -> Fail {
    let mut fail = fail.into();
    if let Some(name) = fail.error.rule.id.strip_prefix("common.") {
        fail.error.rule.id = format!("{}.{name}", op(source));
    }
    fail
}

/// 404 `InvalidImageId.NotFound`: the image does not exist in the instance's region (documented in the
/// error tables of RunInstances and ReplaceSystemDisk).
fn image_not_found(source: Source, region: &str) -> Fail {
    ApiError::new(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        Rule::documented(
            &format!("{}.image_not_found", op(source)),
            source,
            "The image does not exist in {region}, the instance's region: an image is used in the region it \
             is in, so copy it there first.",
        )
        .with("region", region),
    )
    .on("ImageId")
    .into()
}

/// 400 `IncorrectImageStatus` for an image that is not `Available` (a copy still `Waiting` or `Creating`).
/// The playground's choice: the error tables of RunInstances and ReplaceSystemDisk have no row for a custom
/// image that is not ready; the code is RunInstances' own for an image that is not available, the message
/// the CopyImage reference's for the same condition.
fn image_not_available(source: Source, image: &str, status: ImageStatus) -> Fail {
    ApiError::new(
        400,
        "IncorrectImageStatus",
        "The image not available.",
        Rule::fidelity(
            &format!("{}.image_not_available", op(source)),
            source,
            "The image {image} is {status}, and only an Available image can be used. A copy becomes Available \
             when its copy task ends; run the clock on and try again.",
        )
        .with("image", image)
        .with("status", status.as_str()),
    )
    .on("ImageId")
    .into()
}

/// The image rules shared by RunInstances and ReplaceSystemDisk, in the instance's region: it exists there
/// (own, shared with the account, or from the marketplace: every image of the world is one of these) and it
/// is `Available`.
fn usable_image<'w>(world: &'w World, source: Source, region: &str, image_id: &str) -> Result<&'w Image, Fail> {
    let Some(image) = world.image_in(region, image_id) else {
        return Err(image_not_found(source, region));
    };
    let status = world.status_of(image);
    if status != ImageStatus::Available {
        return Err(image_not_available(source, image_id, status));
    }
    Ok(image)
}

/// 404 `InvalidInstanceId.NotFound` (StopInstance, StartInstance, ReplaceSystemDisk).
fn instance_not_found(source: Source) -> Fail {
    ApiError::new(
        404,
        "InvalidInstanceId.NotFound",
        "The specified InstanceId does not exist.",
        Rule::documented(
            &format!("{}.instance_not_found", op(source)),
            source,
            "No instance of this account has this ID.",
        ),
    )
    .on("InstanceId")
    .into()
}

/// 403 `IncorrectInstanceStatus` (StopInstance, StartInstance, ReplaceSystemDisk).
fn incorrect_instance_status(source: Source, id: &str, status: InstanceStatus, needed: &str) -> Fail {
    ApiError::new(
        403,
        "IncorrectInstanceStatus",
        "The current status of the resource does not support this operation.",
        Rule::documented(
            &format!("{}.incorrect_status", op(source)),
            source,
            "The instance {instance} is {status}; this operation needs it {needed}.",
        )
        .with("instance", id)
        .with("status", status.as_str())
        .with("needed", needed),
    )
    .on("InstanceId")
    .into()
}

/// 400 `InvalidInstanceType.ValueNotSupported`: the instance type is not of the form `ecs.<family>.<size>`.
/// The row is documented; that only the form is checked is simulated (the world has no instance-type
/// catalogue).
fn check_instance_type(t: &str) -> Result<(), Fail> {
    let parts: Vec<&str> = t.split('.').collect();
    let ok = parts.len() >= 3
        && parts[0] == "ecs"
        && parts[1..]
            .iter()
            .all(|x| !x.is_empty() && x.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'));
    if ok {
        return Ok(());
    }
    Err(ApiError::new(
        400,
        "InvalidInstanceType.ValueNotSupported",
        "The specified InstanceType does not exist or beyond the permitted range.",
        Rule::simulated(
            "runinstances.instance_type",
            Source::RunInstances,
            "An instance type has the form ecs.<family>.<size>, e.g. ecs.g6.large. Simulated: only the form is \
             checked, not whether the type is sold in the region or zone.",
        ),
    )
    .on("InstanceType")
    .into())
}

/// `Amount`: 1 to 100, default 1.
fn amount(p: &Params) -> Result<u64, Fail> {
    match params::long(p, "Amount")? {
        None => Ok(1),
        Some(n) if (1..=MAX_AMOUNT).contains(&n) => Ok(n),
        Some(_) => Err(own(Source::RunInstances, params::invalid("Amount"))),
    }
}

/// RunInstances: `RegionId`, `ImageId` and `InstanceType` required; ClientToken replay; the image rules in
/// `RegionId`; DryRun; then `Amount` new instances, `Pending` until the world clock reaches
/// [`INSTANCE_START_SECS`] later.
pub fn run_instances(world: &World, rng: &mut Rng, p: &Params) -> Result<Outcome, Fail> {
    rules::ali_uid_present(world)?;
    let region = params::required(p, "RegionId")?;
    let image_id = params::required(p, "ImageId")?;
    let instance_type = params::required(p, "InstanceType")?;
    let amount = amount(p)?;
    let dry_run = params::boolean(p, "DryRun")?.unwrap_or(false);
    let token = params::opt(p, "ClientToken");
    if let Some(token) = token {
        if let Some(rec) = world.client_tokens.get(token) {
            if rec.action == "RunInstances" && rec.fingerprint == fingerprint(p) {
                return Ok(Outcome {
                    fields: vec![id_sets(&rec.instance_ids)],
                    rule: Rule::documented(
                        "runinstances.idempotent_replay",
                        Source::Idempotence,
                        "Same ClientToken and same parameters: the first answer is returned again and no new \
                         instance is created.",
                    ),
                    effects: vec![],
                });
            }
            return Err(own(Source::RunInstances, idempotent_mismatch()));
        }
    }
    check_fault(world, "RunInstances")?;
    if world.region(region).is_none() {
        return Err(own(Source::RunInstances, region_not_found(Source::RunInstances)));
    }
    check_instance_type(instance_type)?;
    usable_image(world, Source::RunInstances, region, image_id)?;
    if dry_run {
        return Err(own(Source::RunInstances, rules::dry_run_passed()));
    }
    let mut ids: Vec<String> = Vec::with_capacity(amount as usize);
    let mut instances = Vec::with_capacity(amount as usize);
    for _ in 0..amount {
        let id = new_id(world, rng, "i", region, &ids);
        ids.push(id.clone());
        let disk = new_id(world, rng, "d", region, &ids);
        ids.push(disk.clone());
        instances.push(Instance {
            id,
            region: region.to_string(),
            status: InstanceStatus::Pending,
            image_id: image_id.to_string(),
            instance_type: instance_type.to_string(),
            creation_time: world.now_utc(),
            system_disk_id: disk,
            running_at: Some(world.now.saturating_add(INSTANCE_START_SECS)),
            label: String::new(),
        });
    }
    let instance_ids: Vec<String> = instances.iter().map(|i| i.id.clone()).collect();
    let token = token.map(|t| {
        (
            t.to_string(),
            ClientTokenRecord {
                action: "RunInstances".into(),
                fingerprint: fingerprint(p),
                image_id: String::new(),
                instance_ids: instance_ids.clone(),
            },
        )
    });
    let rule = Rule::documented(
        "runinstances.created",
        Source::RunInstances,
        "{n} instance(s) created in {region} from {image}. They are Pending and become Running {secs} seconds \
         later on the world clock (the reference: \"By default, instances automatically start after they are \
         created.\"). Instance type, network, disks and billing are checked for presence and form only.",
    )
    .with("n", amount)
    .with("region", region)
    .with("image", image_id)
    .with("secs", INSTANCE_START_SECS);
    Ok(Outcome {
        fields: vec![id_sets(&instance_ids)],
        rule,
        effects: vec![Effect::AddInstances {
            instances,
            token: token.map(Box::new),
        }],
    })
}

/// `InstanceIdSets: {InstanceIdSet: [...]}`, RunInstances' documented shape.
fn id_sets(ids: &[String]) -> (String, Node) {
    wrapped(
        "InstanceIdSets",
        "InstanceIdSet",
        ids.iter().map(|i| s(i.as_str())).collect(),
    )
}

/// `CreationTime` as DescribeInstances writes it: `yyyy-MM-ddTHH:mmZ` (minutes, as in its samples).
fn minutes(t: &crate::base::clock::UtcTime) -> String {
    let full = t.to_iso8601();
    match full.len() {
        20 => format!("{}Z", &full[..16]),
        _ => full,
    }
}

/// One instance as DescribeInstances shows it (the fields this simulator models).
pub fn instance_node(i: &Instance) -> Node {
    Node::Obj(vec![
        ("InstanceId".into(), s(i.id.as_str())),
        ("InstanceName".into(), s(i.id.as_str())),
        ("RegionId".into(), s(i.region.as_str())),
        ("Status".into(), s(i.status.as_str())),
        ("ImageId".into(), s(i.image_id.as_str())),
        ("InstanceType".into(), s(i.instance_type.as_str())),
        ("CreationTime".into(), s(minutes(&i.creation_time))),
    ])
}

/// The IDs of `InstanceIds` (a JSON array as documented, `["i-1","i-2"]`; a bare comma list is read too).
fn id_list(v: &str) -> Vec<String> {
    v.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|x| x.trim().trim_matches('"').to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// `PageNumber` / `PageSize` as DescribeImages reads them, refused under this operation's own rule ID.
fn page(p: &Params, name: &str, default: u64, max: u64) -> Result<u64, Fail> {
    page_param(p, name, default, max).map_err(|e| own(Source::DescribeInstances, e))
}

/// DescribeInstances: the instances of `RegionId`, filtered by `InstanceIds` and `Status`, oldest first;
/// `PageNumber` from 1, `PageSize` 1-100 (default 10).
pub fn describe_instances(world: &World, p: &Params) -> Result<Outcome, Fail> {
    rules::ali_uid_present(world)?;
    let region = params::required(p, "RegionId")?;
    let page_number = page(p, "PageNumber", 1, u32::MAX as u64)?;
    let page_size = page(p, "PageSize", 10, 100)?;
    let dry_run = params::boolean(p, "DryRun")?.unwrap_or(false);
    check_fault(world, "DescribeInstances")?;
    if world.region(region).is_none() {
        return Err(region_not_found(Source::DescribeInstances));
    }
    if dry_run {
        return Err(own(Source::DescribeInstances, rules::dry_run_passed()));
    }
    let ids = params::opt(p, "InstanceIds").map(id_list);
    let status = params::opt(p, "Status");
    let matched: Vec<&Instance> = world
        .instances
        .iter()
        .filter(|i| i.region == region)
        .filter(|i| ids.as_ref().is_none_or(|ids| ids.contains(&i.id)))
        .filter(|i| status.is_none_or(|st| st == i.status.as_str()))
        .collect();
    let total = matched.len();
    let start = page_start(page_number, page_size, total);
    let items: Vec<Node> = matched
        .iter()
        .skip(start)
        .take(page_size as usize)
        .map(|i| instance_node(i))
        .collect();
    Ok(Outcome {
        fields: vec![
            ("TotalCount".into(), Node::Int(total as i64)),
            ("PageNumber".into(), Node::Int(page_number as i64)),
            ("PageSize".into(), Node::Int(page_size as i64)),
            wrapped("Instances", "Instance", items),
        ],
        rule: Rule::documented(
            "describeinstances.listed",
            Source::DescribeInstances,
            "{total} instance(s) in {region} match.",
        )
        .with("total", total)
        .with("region", region),
        effects: vec![],
    })
}

/// The instance named by `InstanceId`, after the common checks of the instance operations.
fn find_instance<'w>(world: &'w World, p: &Params, action: &str, source: Source) -> Result<&'w Instance, Fail> {
    rules::ali_uid_present(world)?;
    let id = params::required(p, "InstanceId")?;
    params::boolean(p, "DryRun")?;
    check_fault(world, action)?;
    world.instance(id).ok_or_else(|| instance_not_found(source))
}

/// StopInstance: a `Running` instance becomes `Stopped` (at once: `Stopping` is not modelled).
pub fn stop_instance(world: &World, p: &Params) -> Result<Outcome, Fail> {
    let i = find_instance(world, p, "StopInstance", Source::StopInstance)?;
    if i.status != InstanceStatus::Running {
        return Err(incorrect_instance_status(
            Source::StopInstance,
            &i.id,
            i.status,
            "Running",
        ));
    }
    if params::boolean(p, "DryRun")?.unwrap_or(false) {
        return Err(own(Source::StopInstance, rules::dry_run_passed()));
    }
    Ok(Outcome {
        fields: vec![],
        rule: Rule::documented(
            "stopinstance.stopped",
            Source::StopInstance,
            "The instance {instance} is Stopped (Stopping, in between, is not shown here).",
        )
        .with("instance", &i.id),
        effects: vec![Effect::SetInstance {
            id: i.id.clone(),
            status: InstanceStatus::Stopped,
            system_disk: None,
        }],
    })
}

/// StartInstance: a `Stopped` instance becomes `Running` (at once: `Starting` is not modelled).
pub fn start_instance(world: &World, p: &Params) -> Result<Outcome, Fail> {
    let i = find_instance(world, p, "StartInstance", Source::StartInstance)?;
    if i.status != InstanceStatus::Stopped {
        return Err(incorrect_instance_status(
            Source::StartInstance,
            &i.id,
            i.status,
            "Stopped",
        ));
    }
    if params::boolean(p, "DryRun")?.unwrap_or(false) {
        return Err(own(Source::StartInstance, rules::dry_run_passed()));
    }
    Ok(Outcome {
        fields: vec![],
        rule: Rule::documented(
            "startinstance.started",
            Source::StartInstance,
            "The instance {instance} is Running (Starting, in between, is not shown here).",
        )
        .with("instance", &i.id),
        effects: vec![Effect::SetInstance {
            id: i.id.clone(),
            status: InstanceStatus::Running,
            system_disk: None,
        }],
    })
}

/// ReplaceSystemDisk: the instance exists and is `Stopped`; the image follows RunInstances' rules in the
/// instance's region; on success the instance has a new system disk (a new `DiskId`) from the image.
pub fn replace_system_disk(world: &World, rng: &mut Rng, p: &Params) -> Result<Outcome, Fail> {
    rules::ali_uid_present(world)?;
    let id = params::required(p, "InstanceId")?;
    let image_id = params::required(p, "ImageId")?;
    let dry_run = params::boolean(p, "DryRun")?.unwrap_or(false);
    check_fault(world, "ReplaceSystemDisk")?;
    let Some(i) = world.instance(id) else {
        return Err(instance_not_found(Source::ReplaceSystemDisk));
    };
    if i.status != InstanceStatus::Stopped {
        return Err(incorrect_instance_status(
            Source::ReplaceSystemDisk,
            &i.id,
            i.status,
            "Stopped",
        ));
    }
    usable_image(world, Source::ReplaceSystemDisk, &i.region, image_id)?;
    if dry_run {
        return Err(own(Source::ReplaceSystemDisk, rules::dry_run_passed()));
    }
    let disk = new_id(world, rng, "d", &i.region, &[]);
    Ok(Outcome {
        fields: vec![("DiskId".into(), s(disk.as_str()))],
        rule: Rule::documented(
            "replacesystemdisk.replaced",
            Source::ReplaceSystemDisk,
            "The instance {instance} now boots from {image} on a new system disk {disk}; the old disk is \
             released. It stays Stopped until StartInstance.",
        )
        .with("instance", &i.id)
        .with("image", image_id)
        .with("disk", &disk),
        effects: vec![Effect::SetInstance {
            id: i.id.clone(),
            status: InstanceStatus::Stopped,
            system_disk: Some((image_id.to_string(), disk)),
        }],
    })
}
