//! The operations: CopyImage, CancelCopyImage, DeleteImage, DescribeImages, DescribeRegions here, and the
//! instance operations in `service::instances`. Each takes
//! the wire parameters and the world, applies its rules in the documented (or recorded) order, commits
//! its effect, and returns the response fields plus the rule that decided the outcome.
//!
//! Layer: service (may use `base`, `signing`, `model`).

use crate::base::error::{ApiError, Rule, Source};
use crate::base::rng::Rng;
use crate::base::wire::Params;
use crate::model::queue::{NewTask, TaskState};
use crate::model::regions;
use crate::model::world::{
    Caller, ClientTokenRecord, DeleteMissing, FaultKind, Image, ImageStatus, Instance, InstanceStatus, Owner, QueueKey,
    World,
};
use crate::service::instances;
use crate::service::params;
use crate::service::response::{s, wrapped, Node};
use crate::service::rules;

/// The operations the engine simulates (one definition: `base::api`).
pub use crate::base::api::ACTIONS;
/// The API version every operation belongs to (one definition: `base::api`).
pub use crate::base::api::API_VERSION as VERSION;

/// A successful operation: its response fields (after `RequestId`), why it succeeded, and what committing
/// it changes in the world.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Response fields in wire order.
    pub fields: Vec<(String, Node)>,
    /// The rule that decided it.
    pub rule: Rule,
    /// The changes to make when the request is committed (none for a preview).
    pub effects: Vec<Effect>,
}

/// A failed operation: the error, and the injected fault it used up (if one decided it).
#[derive(Clone, Debug, PartialEq)]
pub struct Fail {
    /// The error to answer.
    pub error: ApiError,
    /// Index in `world.faults` to consume when committing.
    pub consume_fault: Option<usize>,
}

impl From<ApiError> for Fail {
    fn from(error: ApiError) -> Fail {
        Fail {
            error,
            consume_fault: None,
        }
    }
}

/// One change to the world. Operations only *plan* (they read `&World`), so a preview is exact and costs
/// no copy of the world; `apply` commits.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Use up one shot of `world.faults[i]`.
    ConsumeFault(usize),
    /// Queue a copy: the new image (its `copy_task` is set on apply), its snapshots and its task.
    AddCopy {
        /// The copy.
        image: Box<Image>,
        /// The copy's snapshots.
        snapshots: Vec<crate::model::world::Snapshot>,
        /// The copy task.
        task: NewTask,
        /// A ClientToken to remember with the request (boxed: the enum stays small).
        token: Option<Box<(String, ClientTokenRecord)>>,
    },
    /// Cancel a copy task and delete its image and snapshots.
    CancelCopy {
        /// The task.
        task: usize,
        /// The copy's ID.
        image_id: String,
        /// The copy's region.
        region: String,
        /// The copy's snapshots.
        snapshots: Vec<String>,
    },
    /// Delete an image (its snapshots are kept).
    DeleteImage {
        /// The image.
        image_id: String,
        /// Its region.
        region: String,
    },
    /// Add instances (RunInstances); their image is then in use.
    AddInstances {
        /// The new instances.
        instances: Vec<Instance>,
        /// A ClientToken to remember with the request.
        token: Option<Box<(String, ClientTokenRecord)>>,
    },
    /// Change an instance's status and, for ReplaceSystemDisk, its image and system disk.
    SetInstance {
        /// The instance.
        id: String,
        /// Its new status.
        status: InstanceStatus,
        /// The new (image ID, system disk ID), if the system disk is replaced.
        system_disk: Option<(String, String)>,
    },
}

/// Plans `action` against the world without changing it. Unknown actions never reach here (the engine
/// dispatches first).
pub fn run(world: &World, rng: &mut Rng, caller: &Caller, action: &str, p: &Params) -> Result<Outcome, Fail> {
    match action {
        "CopyImage" => copy_image(world, rng, caller, p),
        "CancelCopyImage" => cancel_copy_image(world, p),
        "DeleteImage" => delete_image(world, p),
        "DescribeImages" => describe_images(world, p),
        "DescribeRegions" => describe_regions(world, p),
        "RunInstances" => instances::run_instances(world, rng, p),
        "DescribeInstances" => instances::describe_instances(world, p),
        "StopInstance" => instances::stop_instance(world, p),
        "StartInstance" => instances::start_instance(world, p),
        "ReplaceSystemDisk" => instances::replace_system_disk(world, rng, p),
        _ => Err(invalid_action().into()),
    }
}

/// [`run`] for CopyImage alone: any other Action is answered by [`operation_loading`] (see
/// `engine::Operations::COPY_IMAGE`).
pub fn run_copy_image(
    world: &World,
    rng: &mut Rng,
    caller: &Caller,
    action: &str,
    p: &Params,
) -> Result<Outcome, Fail> {
    match action {
        "CopyImage" => copy_image(world, rng, caller, p),
        _ => Err(operation_loading(action).into()),
    }
}

/// The playground's own answer to an operation whose code has not arrived yet (the web app's split WASM,
/// when its download failed or a request came first): not an ECS error, and labelled as the playground's.
pub fn operation_loading(action: &str) -> ApiError {
    ApiError::new(
        503,
        "Playground.OperationLoading",
        format!("The playground has not loaded {action} yet."),
        Rule::simulated(
            "playground.operation_loading",
            operation_source(action),
            "Not an ECS answer: this page has not downloaded the simulated service's code for this operation yet \
             (it comes right after the page's first render). Reload the page if this stays.",
        ),
    )
}

/// The API reference of an operation other than CopyImage.
fn operation_source(action: &str) -> Source {
    match action {
        "CancelCopyImage" => Source::CancelCopyImage,
        "DeleteImage" => Source::DeleteImage,
        "DescribeImages" => Source::DescribeImages,
        "DescribeRegions" => Source::DescribeRegions,
        "RunInstances" => Source::RunInstances,
        "ReplaceSystemDisk" => Source::ReplaceSystemDisk,
        "StopInstance" => Source::StopInstance,
        "StartInstance" => Source::StartInstance,
        "DescribeInstances" => Source::DescribeInstances,
        _ => Source::CommonErrors,
    }
}

/// Plans and commits a CopyImage at once (the presets' queued copies), through [`run_copy_image`], so a
/// face that starts with CopyImage alone can still build them.
pub fn execute_copy_image(world: &mut World, rng: &mut Rng, caller: &Caller, p: &Params) -> Result<Outcome, Fail> {
    commit(world, run_copy_image(world, rng, caller, "CopyImage", p))
}

/// Commits planned effects, in order.
pub fn apply(world: &mut World, effects: Vec<Effect>) {
    for e in effects {
        match e {
            Effect::ConsumeFault(i) => consume_fault(world, i),
            Effect::AddCopy {
                mut image,
                snapshots,
                task,
                token,
            } => {
                let limit = world.settings.queue_limit;
                let id = world.queue.enqueue(task, world.now, limit);
                image.copy_task = Some(id);
                world.snapshots.extend(snapshots);
                world.images.push(*image);
                if let Some(t) = token {
                    let (t, rec) = *t;
                    world.client_tokens.insert(t, rec);
                }
            }
            Effect::CancelCopy {
                task,
                image_id,
                region,
                snapshots,
            } => {
                let limit = world.settings.queue_limit;
                let now = world.now;
                world.queue.cancel(task, now, limit);
                world.images.retain(|i| !(i.id == image_id && i.region == region));
                world.snapshots.retain(|x| !snapshots.contains(&x.id));
            }
            Effect::DeleteImage { image_id, region } => {
                world.images.retain(|i| !(i.id == image_id && i.region == region));
            }
            Effect::AddInstances { instances, token } => {
                for new in &instances {
                    mark_used(world, &new.region, &new.image_id);
                }
                world.instances.extend(instances);
                if let Some(t) = token {
                    let (t, rec) = *t;
                    world.client_tokens.insert(t, rec);
                }
            }
            Effect::SetInstance {
                id,
                status,
                system_disk,
            } => {
                let mut used = None;
                if let Some(i) = world.instances.iter_mut().find(|i| i.id == id) {
                    i.status = status;
                    i.running_at = None;
                    if let Some((image, disk)) = system_disk {
                        i.image_id = image;
                        i.system_disk_id = disk;
                        used = Some((i.region.clone(), i.image_id.clone()));
                    }
                }
                if let Some((region, image)) = used {
                    mark_used(world, &region, &image);
                }
            }
        }
    }
}

/// Plans and commits at once (presets, catalog setups, tests).
pub fn execute(world: &mut World, rng: &mut Rng, caller: &Caller, action: &str, p: &Params) -> Result<Outcome, Fail> {
    let r = run(world, rng, caller, action, p);
    commit(world, r)
}

/// Applies a planned result's effects (a failure's consumed fault only).
fn commit(world: &mut World, r: Result<Outcome, Fail>) -> Result<Outcome, Fail> {
    match &r {
        Ok(o) => apply(world, o.effects.clone()),
        Err(f) => {
            if let Some(i) = f.consume_fault {
                consume_fault(world, i);
            }
        }
    }
    r
}

/// An image an instance runs from is in use (DeleteImage's `ImageUsingByInstance`).
fn mark_used(world: &mut World, region: &str, image_id: &str) {
    if let Some(img) = world.images.iter_mut().find(|i| i.id == image_id && i.region == region) {
        img.used_by_instances = true;
    }
}

fn consume_fault(world: &mut World, i: usize) {
    if let Some(f) = world.faults.get_mut(i) {
        f.remaining = f.remaining.saturating_sub(1);
    }
    world.faults.retain(|f| f.remaining > 0);
}

/// `InvalidAction.NotFound` 404 (the one constructor, in `base::error`).
pub use crate::base::error::invalid_action;

/// The first injected InternalError fault for this action, as a failure that uses it up.
pub fn check_fault(world: &World, action: &str) -> Result<(), Fail> {
    match rules::injected_internal_error(world, action) {
        Some((i, error)) => Err(Fail {
            error,
            consume_fault: Some(i),
        }),
        None => Ok(()),
    }
}

/// The `CopyFails` fault the next CopyImage uses up, if any.
fn copy_fails_fault(world: &World) -> Option<usize> {
    world
        .faults
        .iter()
        .position(|f| f.kind == FaultKind::CopyFails && f.remaining > 0 && (f.action == "CopyImage" || f.action == "*"))
}

/// What identifies a CopyImage request for idempotency: its documented business parameters (the
/// reference's and the SDK's, `Tag.N.Key`/`Tag.N.Value` included) with their values, sorted; not the common
/// and signing parameters, not `ClientToken`, and not parameters the operation does not take, which the
/// service ignores, so a retry that adds one is the same request.
fn fingerprint(p: &Params) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = p
        .iter()
        .filter(|(k, v)| rules::is_copy_image_param(k) && k != "ClientToken" && !v.is_empty())
        .cloned()
        .collect();
    crate::base::sort::sort(&mut v);
    v.dedup_by(|a, b| a.0 == b.0);
    v
}

/// 400 `IdempotentParameterMismatch`: a ClientToken reused with other parameters.
pub fn idempotent_mismatch() -> ApiError {
    ApiError::new(
        400,
        "IdempotentParameterMismatch",
        "The request is retried with updated parameters.",
        Rule::documented(
            "common.idempotent_mismatch",
            Source::CommonErrors,
            "The ClientToken was already used with other parameters.",
        ),
    )
    .on("ClientToken")
}

/// A new resource ID: prefix letter(s), `-`, the region's 3-character prefix, 17 random characters
/// (20 after the dash, FACTS §1e).
/// Draws again in the (astronomically unlikely) case of a clash, so IDs stay unique in any world.
fn new_id(world: &World, rng: &mut Rng, kind: &str, region: &str) -> String {
    let prefix = world.prefix_of(region);
    loop {
        let id = format!("{kind}-{prefix}{}", rng.id_chars(17));
        if world.image(&id).is_none() && world.snapshot(&id).is_none() {
            return id;
        }
    }
}

/// CopyImage: parameter rules, idempotency, faults, world rules, then (planned) a new image in the
/// destination and a task in the queue.
pub fn copy_image(world: &World, rng: &mut Rng, caller: &Caller, p: &Params) -> Result<Outcome, Fail> {
    rules::ali_uid_present(world)?;
    let req = rules::parse_copy(world, p)?;
    if let Some(token) = &req.client_token {
        if let Some(rec) = world.client_tokens.get(token) {
            if rec.action == "CopyImage" && rec.fingerprint == fingerprint(p) {
                return Ok(Outcome {
                    fields: vec![("ImageId".into(), s(rec.image_id.as_str()))],
                    rule: Rule::documented(
                        "copyimage.idempotent_replay",
                        Source::Idempotence,
                        "Same ClientToken and same parameters: the first answer is returned again and no new copy \
                         task is created.",
                    ),
                    effects: vec![],
                });
            }
            return Err(idempotent_mismatch().into());
        }
    }
    check_fault(world, "CopyImage")?;
    let destination = rules::check_copy(world, caller, &req)?;
    if req.dry_run {
        return Err(rules::dry_run_passed().into());
    }
    // Every check passed: plan the copy.
    let Some(source) = world.image_in(&req.region_id, &req.image_id) else {
        return Err(invalid_action().into()); // unreachable: check_copy found it
    };
    let fails_fault = copy_fails_fault(world);
    let image_id = new_id(world, rng, "m", &destination);
    let now_utc = world.now_utc();
    let mut snapshots = Vec::with_capacity(source.snapshot_ids.len());
    for sid in &source.snapshot_ids {
        let size = world.snapshot(sid).map_or(source.size_gib, |x| x.size_gib);
        snapshots.push(crate::model::world::Snapshot {
            id: new_id(world, rng, "s", &destination),
            region: destination.clone(),
            creation_time: now_utc,
            size_gib: size,
            encrypted: req.encrypted.unwrap_or(false),
            allowed_to_create_image: true,
            deleted: false,
        });
    }
    let lane = match world.settings.queue_key {
        QueueKey::Source => req.region_id.clone(),
        QueueKey::Destination => destination.clone(),
    };
    let ahead = world.queue.ahead_in(&lane);
    let limit = world.settings.queue_limit;
    let task = NewTask {
        source_region: req.region_id.clone(),
        source_image_id: source.id.clone(),
        destination_region: destination.clone(),
        destination_image_id: image_id.clone(),
        lane: lane.clone(),
        duration_secs: source.size_gib.saturating_mul(world.settings.copy_secs_per_gib).max(1),
        fails: fails_fault.is_some(),
    };
    let resource_group_id = req
        .resource_group_id
        .clone()
        .or_else(|| world.default_resource_group().map(|g| g.id.clone()))
        .unwrap_or_default();
    let image = Image {
        id: image_id.clone(),
        region: destination.clone(),
        name: req
            .destination_image_name
            .clone()
            .unwrap_or_else(|| source.name.clone()),
        description: req
            .destination_description
            .clone()
            .unwrap_or_else(|| source.description.clone()),
        size_gib: source.size_gib,
        // A copy's status is its queue task's (`World::status_of`).
        status: None,
        owner: Owner::Own,
        snapshot_ids: snapshots.iter().map(|x| x.id.clone()).collect(),
        creation_time: now_utc,
        os_type: source.os_type.clone(),
        os_name: source.os_name.clone(),
        platform: source.platform.clone(),
        architecture: source.architecture.clone(),
        resource_group_id,
        tags: req
            .tags
            .iter()
            .map(|(k, v)| crate::model::world::Tag {
                key: k.clone(),
                value: v.clone(),
            })
            .collect(),
        encrypted: req.encrypted.unwrap_or(false),
        copy_task: None,
        used_by_instances: false,
        shared_to_others: false,
    };
    let token = req.client_token.as_ref().map(|t| {
        Box::new((
            t.clone(),
            ClientTokenRecord {
                action: "CopyImage".into(),
                fingerprint: fingerprint(p),
                image_id: image_id.clone(),
                instance_ids: Vec::new(),
            },
        ))
    });
    let msg = if ahead < limit as usize {
        "Copy {image} of {source} to {destination} queued. It starts at once ({ahead} running in lane {lane}, limit \
         {limit}). The reference: \"A single region can have only one image copy task running at a time. Other image \
         copy tasks queue up for the current task to complete before they run in sequence.\""
    } else {
        "Copy {image} of {source} to {destination} queued. It waits behind {ahead} task(s) in lane {lane} (limit \
         {limit} running). The reference: \"A single region can have only one image copy task running at a time. \
         Other image copy tasks queue up for the current task to complete before they run in sequence.\""
    };
    let rule = Rule::documented("copyimage.queued", Source::CopyImageDescription, msg)
        .with("image", &image_id)
        .with("source", &source.id)
        .with("destination", &destination)
        .with("ahead", ahead)
        .with("lane", &lane)
        .with("limit", limit);
    let mut effects = Vec::with_capacity(2);
    if let Some(i) = fails_fault {
        effects.push(Effect::ConsumeFault(i));
    }
    effects.push(Effect::AddCopy {
        image: Box::new(image),
        snapshots,
        task,
        token,
    });
    Ok(Outcome {
        fields: vec![("ImageId".into(), s(image_id.as_str()))],
        rule,
        effects,
    })
}

/// 404 `InvalidRegionId.NotFound`, naming the operation's reference.
pub fn region_not_found(source: Source) -> Fail {
    ApiError::new(
        404,
        "InvalidRegionId.NotFound",
        "The specified RegionId does not exist.",
        Rule::documented(
            "common.region_not_found",
            source,
            "The RegionId is not a region of this world.",
        ),
    )
    .on("RegionId")
    .into()
}

fn image_not_found(op: &str) -> Fail {
    ApiError::new(
        404,
        "InvalidImageId.NotFound",
        "The specified ImageId does not exist.",
        Rule::documented(
            &format!("{}.image_not_found", op.to_ascii_lowercase()),
            if op == "DeleteImage" {
                Source::DeleteImage
            } else {
                Source::CancelCopyImage
            },
            "The image does not exist in this region for this account.",
        ),
    )
    .on("ImageId")
    .into()
}

fn cancel_error(status: u16, code: &str, message: &str, id: &str, why: &str) -> Fail {
    ApiError::new(
        status,
        code,
        message,
        Rule::documented(id, Source::CancelCopyImage, why),
    )
    .on("ImageId")
    .into()
}

/// CancelCopyImage: `RegionId` is the destination region, `ImageId` the copy; the copy and its snapshots
/// are deleted and its lane moves on.
pub fn cancel_copy_image(world: &World, p: &Params) -> Result<Outcome, Fail> {
    rules::ali_uid_present(world)?;
    let image_id = params::required(p, "ImageId")?.to_string();
    let region = params::required(p, "RegionId")?.to_string();
    check_fault(world, "CancelCopyImage")?;
    if world.region(&region).is_none() {
        return Err(region_not_found(Source::CancelCopyImage));
    }
    let Some(image) = world.image_in(&region, &image_id).filter(|i| i.owner == Owner::Own) else {
        return Err(image_not_found("CancelCopyImage"));
    };
    let Some(task_id) = image.copy_task else {
        return Err(cancel_error(
            400,
            "ImageCreatedNotFromCopy",
            "The specified image is not the target image of a copy action.",
            "cancelcopyimage.not_a_copy",
            "The image was not created by CopyImage.",
        ));
    };
    let state = world.queue.tasks.get(task_id).map(|t| t.state);
    match state {
        Some(TaskState::Done) => {
            return Err(cancel_error(
                400,
                "IncorrectImageStatus",
                "The image is copied finished.",
                "cancelcopyimage.finished",
                "The copy has already finished; only a waiting or running copy can be cancelled.",
            ))
        }
        Some(TaskState::Failed) => {
            return Err(cancel_error(
                400,
                "IncorrectImageStatus",
                "The Image copy has been failed.",
                "cancelcopyimage.failed",
                "The copy has failed; there is nothing to cancel.",
            ))
        }
        Some(TaskState::Waiting | TaskState::Running) => {}
        _ => {
            return Err(cancel_error(
                400,
                "IncorrectImageStatus",
                "The specified image is not coping.",
                "cancelcopyimage.not_copying",
                "The image is not being copied.",
            ))
        }
    }
    let rule = Rule::documented(
        "cancelcopyimage.cancelled",
        Source::CancelCopyImage,
        "The copy {image} was cancelled and deleted from {region}; the source is unchanged.",
    )
    .with("image", &image_id)
    .with("region", &region);
    Ok(Outcome {
        fields: vec![],
        rule,
        effects: vec![Effect::CancelCopy {
            task: task_id,
            snapshots: image.snapshot_ids.clone(),
            image_id,
            region,
        }],
    })
}

fn delete_error(code: &str, message: &str, id: &str, why: &str, basis_fidelity: bool) -> Fail {
    let rule = if basis_fidelity {
        Rule::fidelity(id, Source::DeleteImage, why)
    } else {
        Rule::documented(id, Source::DeleteImage, why)
    };
    ApiError::new(403, code, message, rule).on("ImageId").into()
}

/// DeleteImage: refuses a copy in progress with DeleteImage's own message ("The Image is coping."); a
/// missing image is ignored or 404 by the world setting `delete_missing_image`.
pub fn delete_image(world: &World, p: &Params) -> Result<Outcome, Fail> {
    rules::ali_uid_present(world)?;
    let image_id = params::required(p, "ImageId")?.to_string();
    let region = params::required(p, "RegionId")?.to_string();
    let dry_run = params::boolean(p, "DryRun")?.unwrap_or(false);
    let force = params::boolean(p, "Force")?.unwrap_or(false);
    check_fault(world, "DeleteImage")?;
    if world.region(&region).is_none() {
        return Err(region_not_found(Source::DeleteImage));
    }
    let Some(image) = world.image_in(&region, &image_id).filter(|i| i.owner == Owner::Own) else {
        return match world.settings.delete_missing_image {
            DeleteMissing::NotFound => Err(image_not_found("DeleteImage")),
            DeleteMissing::Ignore if dry_run => Err(rules::dry_run_passed().into()),
            DeleteMissing::Ignore => Ok(Outcome {
                fields: vec![],
                rule: Rule::fidelity(
                    "deleteimage.ignored",
                    Source::SdkReference,
                    "If the specified custom image does not exist, the request is ignored.",
                ),
                effects: vec![],
            }),
        };
    };
    if world.is_copy_in_progress(image) {
        return Err(delete_error(
            "OperationDenied.ImageCopying",
            "The Image is coping.",
            "deleteimage.copying",
            "When an image is being copied, you cannot delete the image copy by calling the DeleteImage operation, \
             but you can cancel the running copy task by calling the CancelCopyImage operation.",
            false,
        ));
    }
    if world.is_source_of_active_copy(&image.id) {
        return Err(delete_error(
            "OperationDenied.ImageCopying",
            "The Image is coping.",
            "deleteimage.source_copying",
            "The image is the source of a copy that is still waiting or running (the playground's choice: refused like the copy \
             itself).",
            true,
        ));
    }
    if image.shared_to_others {
        return Err(delete_error(
            "ImageUseShared",
            "The specified image has been shared to others.",
            "deleteimage.shared",
            "The image is shared to other accounts.",
            false,
        ));
    }
    if image.used_by_instances && !force {
        return Err(delete_error(
            "ImageUsingByInstance",
            "The specified image has been used to create instances.",
            "deleteimage.in_use",
            "Instances run from this image; Force=true deletes it anyway.",
            false,
        ));
    }
    if dry_run {
        return Err(rules::dry_run_passed().into());
    }
    let rule = Rule::documented(
        "deleteimage.deleted",
        Source::DeleteImage,
        "The image {image} was deleted from {region} (its snapshots are kept).",
    )
    .with("image", &image_id)
    .with("region", &region);
    Ok(Outcome {
        fields: vec![],
        rule,
        effects: vec![Effect::DeleteImage { image_id, region }],
    })
}

fn owner_alias(o: &Owner) -> &'static str {
    match o {
        Owner::Own => "self",
        Owner::Shared { .. } => "others",
        Owner::Marketplace { .. } => "marketplace",
    }
}

pub(crate) fn page_param(p: &Params, name: &str, default: u64, max: u64) -> Result<u64, ApiError> {
    match params::long(p, name)? {
        None => Ok(default),
        Some(v) if v >= 1 && v <= max => Ok(v),
        Some(_) => Err(params::invalid(name)),
    }
}

/// The index of a page's first item in a list of `total` (the end, for a page past it).
pub(crate) fn page_start(page_number: u64, page_size: u64, total: usize) -> usize {
    (page_number - 1).saturating_mul(page_size).min(total as u64) as usize
}

/// An AliUid as a JSON integer (real ones have 16 digits; a hand-written giant one is clamped, not wrapped).
fn uid(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// One image as DescribeImages shows it.
pub fn image_node(world: &World, i: &Image) -> Node {
    let status = world.status_of(i);
    let progress = world.progress_of(i);
    let mut f = vec![
        ("ImageId".to_string(), s(i.id.as_str())),
        ("ImageName".into(), s(i.name.as_str())),
        ("Description".into(), s(i.description.as_str())),
        ("Status".into(), s(status.as_str())),
        ("Progress".into(), s(format!("{progress}%"))),
        ("IsCopied".into(), Node::Bool(i.copy_task.is_some())),
        ("ImageOwnerAlias".into(), s(owner_alias(&i.owner))),
    ];
    match &i.owner {
        Owner::Own => f.push(("ImageOwnerId".into(), Node::Int(uid(world.account.ali_uid)))),
        Owner::Shared { ali_uid } => f.push(("ImageOwnerId".into(), Node::Int(uid(*ali_uid)))),
        Owner::Marketplace { .. } => {}
    }
    f.extend([
        ("CreationTime".to_string(), s(i.creation_time.to_iso8601())),
        ("Size".into(), Node::Int(i.size_gib as i64)),
        ("OSType".into(), s(i.os_type.as_str())),
        ("OSName".into(), s(i.os_name.as_str())),
        ("OSNameEn".into(), s(i.os_name.as_str())),
        ("Platform".into(), s(i.platform.as_str())),
        ("Architecture".into(), s(i.architecture.as_str())),
        ("Usage".into(), s(if i.used_by_instances { "instance" } else { "none" })),
        ("ResourceGroupId".into(), s(i.resource_group_id.as_str())),
        (
            "IsSelfShared".into(),
            s(if i.shared_to_others { "True" } else { "False" }),
        ),
    ]);
    let tags = i
        .tags
        .iter()
        .map(|t| {
            Node::Obj(vec![
                ("TagKey".into(), s(t.key.as_str())),
                ("TagValue".into(), s(t.value.as_str())),
            ])
        })
        .collect();
    f.push(wrapped("Tags", "Tag", tags));
    let disks = i
        .snapshot_ids
        .iter()
        .enumerate()
        .map(|(n, sid)| {
            let snap = world.snapshot(sid);
            let device = format!("/dev/xvd{}", (b'a' + (n.min(25) as u8)) as char);
            Node::Obj(vec![
                ("Device".into(), s(device)),
                ("Size".into(), s(snap.map_or(i.size_gib, |x| x.size_gib).to_string())),
                ("SnapshotId".into(), s(sid.as_str())),
                ("Type".into(), s(if n == 0 { "system" } else { "data" })),
                ("Format".into(), s("")),
                ("ImportOSSBucket".into(), s("")),
                ("ImportOSSObject".into(), s("")),
                ("Progress".into(), s(format!("{progress}%"))),
                ("RemainTime".into(), Node::Int(0)),
                (
                    "Encrypted".into(),
                    s(if snap.is_some_and(|x| x.encrypted) {
                        "true"
                    } else {
                        "false"
                    }),
                ),
            ])
        })
        .collect();
    f.push(wrapped("DiskDeviceMappings", "DiskDeviceMapping", disks));
    Node::Obj(f)
}

/// DescribeImages: filters `ImageId` (comma list), `ImageName` (substring), `Status` (comma list,
/// default `Available`, `ALL` for every status), `ImageOwnerAlias` (default self, others and system);
/// newest first; `PageNumber` from 1, `PageSize` 1-100 (default 10).
pub fn describe_images(world: &World, p: &Params) -> Result<Outcome, Fail> {
    rules::ali_uid_present(world)?;
    let region = params::required(p, "RegionId")?.to_string();
    let dry_run = params::boolean(p, "DryRun")?.unwrap_or(false);
    let page_number = page_param(p, "PageNumber", 1, u32::MAX as u64)?;
    let page_size = page_param(p, "PageSize", 10, 100)?;
    check_fault(world, "DescribeImages")?;
    if world.region(&region).is_none() {
        return Err(region_not_found(Source::DescribeImages));
    }
    if dry_run {
        return Err(rules::dry_run_passed().into());
    }
    let ids: Option<Vec<&str>> = params::opt(p, "ImageId").map(|v| v.split(',').map(str::trim).collect());
    let name = params::opt(p, "ImageName");
    let statuses: Vec<ImageStatus> = match params::opt(p, "Status") {
        None => vec![ImageStatus::Available],
        Some(v) if v.split(',').any(|x| x.trim() == "ALL") => ImageStatus::ALL.to_vec(),
        Some(v) => v.split(',').filter_map(|x| ImageStatus::parse(x.trim())).collect(),
    };
    let aliases: Vec<&str> = match params::opt(p, "ImageOwnerAlias") {
        None => vec!["self", "others", "system"],
        Some(v) => v.split(',').map(str::trim).collect(),
    };
    let mut matched: Vec<&Image> = world
        .images
        .iter()
        .filter(|i| i.region == region)
        .filter(|i| ids.as_ref().is_none_or(|ids| ids.contains(&i.id.as_str())))
        .filter(|i| name.is_none_or(|n| i.name.contains(n)))
        .filter(|i| statuses.contains(&world.status_of(i)))
        .filter(|i| aliases.contains(&owner_alias(&i.owner)))
        .collect();
    crate::base::sort::sort_by(&mut matched, |a, b| {
        b.creation_time.cmp(&a.creation_time).then_with(|| a.id.cmp(&b.id))
    });
    let total = matched.len();
    let start = page_start(page_number, page_size, total);
    let items: Vec<Node> = matched
        .iter()
        .skip(start)
        .take(page_size as usize)
        .map(|i| image_node(world, i))
        .collect();
    let shown = items.len();
    Ok(Outcome {
        fields: vec![
            ("RegionId".into(), s(region.as_str())),
            ("TotalCount".into(), Node::Int(total as i64)),
            ("PageNumber".into(), Node::Int(page_number as i64)),
            ("PageSize".into(), Node::Int(page_size as i64)),
            wrapped("Images", "Image", items),
        ],
        rule: Rule::documented(
            "describeimages.listed",
            Source::DescribeImages,
            // The Status default is worth a word only when it was applied.
            if params::opt(p, "Status").is_none() {
                "{total} image(s) in {region} match (no Status given, so only Available images are listed: a copy \
                 in progress is hidden unless Status=Creating or Waiting); page {page} shows {shown}."
            } else {
                "{total} image(s) in {region} match (Status={status}); page {page} shows {shown}."
            },
        )
        .with("status", params::opt(p, "Status").unwrap_or_default())
        .with("total", total)
        .with("region", &region)
        .with("page", page_number)
        .with("shown", shown),
        effects: vec![],
    })
}

/// DescribeRegions: the world's regions; `LocalName` in Chinese by default (`AcceptLanguage=zh-CN`),
/// English for `en-US` (and, for want of a source, for every other language).
pub fn describe_regions(world: &World, p: &Params) -> Result<Outcome, Fail> {
    rules::ali_uid_present(world)?;
    check_fault(world, "DescribeRegions")?;
    let zh = params::opt(p, "AcceptLanguage").is_none_or(|l| l.eq_ignore_ascii_case("zh-CN"));
    let items: Vec<Node> = world
        .regions
        .iter()
        .filter_map(|r| regions::find(&r.id))
        .map(|r| {
            Node::Obj(vec![
                ("RegionId".into(), s(r.id)),
                ("LocalName".into(), s(if zh { r.name_zh } else { r.name_en })),
                ("RegionEndpoint".into(), s(r.endpoint())),
                ("Status".into(), s("available")),
            ])
        })
        .collect();
    let n = items.len();
    Ok(Outcome {
        fields: vec![wrapped("Regions", "Region", items)],
        rule: Rule::documented(
            "describeregions.listed",
            Source::DescribeRegions,
            "The {n} regions of this world.",
        )
        .with("n", n),
        effects: vec![],
    })
}
