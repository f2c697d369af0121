//! The catalog entries of the operations that use a copy where it landed: RunInstances, ReplaceSystemDisk,
//! and StopInstance / StartInstance, which ReplaceSystemDisk needs. Every error these operations answer that
//! no other entry covers (the common ones, such as `MissingParameter` and `DryRunOperation`, are there).
//!
//! Layer: teach (may use `base`, `signing`, `model`, `service`, `teach`).

use super::entries::{pairs, Copies, Doc};
use super::{CatalogEntry, Repro};
use crate::base::api::API_VERSION;
use crate::base::wire::Params;
use crate::teach::presets::{DOC_IMAGE_ID, DOC_INSTANCE_ID};
use crate::teach::transcript::Step;

const RUN: &str = "RunInstances API reference, error codes";
const REPLACE: &str = "ReplaceSystemDisk API reference, error codes";
const STOP: &str = "StopInstance API reference, error codes";
const START: &str = "StartInstance API reference, error codes";
/// An instance ID no world has.
const NO_INSTANCE: &str = "i-uf6doesnotexist00001";

/// RunInstances in cn-shanghai from `image`.
fn run(image: &str, instance_type: &str) -> Params {
    pairs(&[
        ("Action", "RunInstances"),
        ("Version", API_VERSION),
        ("Format", "JSON"),
        ("RegionId", "cn-shanghai"),
        ("ImageId", image),
        ("InstanceType", instance_type),
    ])
}

/// ReplaceSystemDisk of `instance` with `image`.
fn replace(instance: &str, image: &str) -> Params {
    pairs(&[
        ("Action", "ReplaceSystemDisk"),
        ("Version", API_VERSION),
        ("Format", "JSON"),
        ("RegionId", "cn-shanghai"),
        ("InstanceId", instance),
        ("ImageId", image),
    ])
}

/// StopInstance or StartInstance of `instance`.
fn power(action: &str, instance: &str) -> Params {
    pairs(&[
        ("Action", action),
        ("Version", API_VERSION),
        ("Format", "JSON"),
        ("RegionId", "cn-shanghai"),
        ("InstanceId", instance),
    ])
}

/// The entries, in the order a reader meets them.
pub(super) fn entries(copies: &Copies) -> Vec<CatalogEntry> {
    let started = vec![Step::Send(power("StartInstance", DOC_INSTANCE_ID))];
    let started_note = format!("the stopped instance {DOC_INSTANCE_ID} was started");
    vec![
        Doc {
            id: "runinstances.image_not_available",
            status: 400,
            code: "IncorrectImageStatus",
            message: "The image not available.",
            cause: "RunInstances from a copy that is still Waiting or Creating; wait until it is Available. \
                    (No table row covers a custom image that is not ready: the playground's choice.)",
            source: RUN,
        }
        .reproduced_by(
            Repro::call("default", run(&copies.id, "ecs.g6.large"))
                .after(copies.in_progress.clone())
                .noting(&copies.in_progress_note),
        ),
        Doc {
            id: "runinstances.image_not_found",
            status: 404,
            code: "InvalidImageId.NotFound",
            message: "The specified ImageId does not exist.",
            cause: "The image is not in the region of the new instance (here the source image, which is in \
                    cn-hangzhou, used in cn-shanghai).",
            source: RUN,
        }
        .reproduced_by(Repro::call("default", run(DOC_IMAGE_ID, "ecs.g6.large"))),
        Doc {
            id: "runinstances.instance_type",
            status: 400,
            code: "InvalidInstanceType.ValueNotSupported",
            message: "The specified InstanceType does not exist or beyond the permitted range.",
            cause: "InstanceType is not of the form ecs.<family>.<size> (only the form is checked here).",
            source: RUN,
        }
        .reproduced_by(
            Repro::call("default", run(&copies.id, "g6.large"))
                .after(copies.finished.clone())
                .noting(&copies.finished_note),
        ),
        Doc {
            id: "replacesystemdisk.instance_not_found",
            status: 404,
            code: "InvalidInstanceId.NotFound",
            message: "The specified InstanceId does not exist.",
            cause: "No instance has this ID.",
            source: REPLACE,
        }
        .reproduced_by(Repro::call("default", replace(NO_INSTANCE, DOC_IMAGE_ID))),
        Doc {
            id: "replacesystemdisk.incorrect_status",
            status: 403,
            code: "IncorrectInstanceStatus",
            message: "The current status of the resource does not support this operation.",
            cause: "The instance is Running; stop it first.",
            source: REPLACE,
        }
        .reproduced_by(
            Repro::call("default", replace(DOC_INSTANCE_ID, &copies.id))
                .after(started.clone())
                .noting(&started_note),
        ),
        Doc {
            id: "replacesystemdisk.image_not_found",
            status: 404,
            code: "InvalidImageId.NotFound",
            message: "The specified ImageId does not exist.",
            cause: "The image is not in the instance's region.",
            source: REPLACE,
        }
        .reproduced_by(Repro::call("default", replace(DOC_INSTANCE_ID, DOC_IMAGE_ID))),
        Doc {
            id: "replacesystemdisk.image_not_available",
            status: 400,
            code: "IncorrectImageStatus",
            message: "The image not available.",
            cause: "The copy is still Waiting or Creating. (No table row covers a custom image that is not ready: \
                    the playground's choice.)",
            source: REPLACE,
        }
        .reproduced_by(
            Repro::call("default", replace(DOC_INSTANCE_ID, &copies.id))
                .after(copies.in_progress.clone())
                .noting(&copies.in_progress_note),
        ),
        Doc {
            id: "stopinstance.instance_not_found",
            status: 404,
            code: "InvalidInstanceId.NotFound",
            message: "The specified InstanceId does not exist.",
            cause: "No instance has this ID.",
            source: STOP,
        }
        .reproduced_by(Repro::call("default", power("StopInstance", NO_INSTANCE))),
        Doc {
            id: "stopinstance.incorrect_status",
            status: 403,
            code: "IncorrectInstanceStatus",
            message: "The current status of the resource does not support this operation.",
            cause: "The instance is not Running (here it is already Stopped).",
            source: STOP,
        }
        .reproduced_by(Repro::call("default", power("StopInstance", DOC_INSTANCE_ID))),
        Doc {
            id: "startinstance.instance_not_found",
            status: 404,
            code: "InvalidInstanceId.NotFound",
            message: "The specified InstanceId does not exist.",
            cause: "No instance has this ID.",
            source: START,
        }
        .reproduced_by(Repro::call("default", power("StartInstance", NO_INSTANCE))),
        Doc {
            id: "startinstance.incorrect_status",
            status: 403,
            code: "IncorrectInstanceStatus",
            message: "The current status of the resource does not support this operation.",
            cause: "The instance is not Stopped (here it was just started).",
            source: START,
        }
        .reproduced_by(
            Repro::call("default", power("StartInstance", DOC_INSTANCE_ID))
                .after(started)
                .noting(&started_note),
        ),
    ]
}
