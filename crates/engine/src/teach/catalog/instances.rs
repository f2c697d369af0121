//! The catalog entries of the operations that use a copy where it landed: RunInstances, ReplaceSystemDisk,
//! DescribeInstances, and StopInstance / StartInstance, which ReplaceSystemDisk needs. Every error these
//! operations answer, each reproduced with the operation itself (a dry run, a reused ClientToken, an unknown
//! region, a bad page number included), except `MissingParameter`: the CopyImage entries show it, and it is
//! the same mistake for every operation.
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
const COMMON: &str = "ECS common errors";
/// The ClientToken of the idempotency entry.
const TOKEN: &str = "token-run-1";
/// An instance ID no world has.
const NO_INSTANCE: &str = "i-uf6doesnotexist00001";

/// RunInstances in cn-shanghai from `image`.
fn run(image: &str, instance_type: &str) -> Params {
    run_in("cn-shanghai", image, instance_type)
}

/// RunInstances in `region` from `image`.
fn run_in(region: &str, image: &str, instance_type: &str) -> Params {
    pairs(&[
        ("Action", "RunInstances"),
        ("Version", API_VERSION),
        ("Format", "JSON"),
        ("RegionId", region),
        ("ImageId", image),
        ("InstanceType", instance_type),
    ])
}

/// `p` with `extra` appended (names `p` does not have).
fn plus(mut p: Params, extra: &[(&str, &str)]) -> Params {
    p.extend(pairs(extra));
    p
}

/// DescribeInstances in cn-shanghai, with `extra`.
fn describe(extra: &[(&str, &str)]) -> Params {
    let base = pairs(&[
        ("Action", "DescribeInstances"),
        ("Version", API_VERSION),
        ("Format", "JSON"),
        ("RegionId", "cn-shanghai"),
    ]);
    plus(base, extra)
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
    // The same ClientToken first used, successfully, for another instance type.
    let mut idem_setup = copies.finished.clone();
    idem_setup.push(Step::Send(plus(
        run(&copies.id, "ecs.g6.large"),
        &[("ClientToken", TOKEN)],
    )));
    let idem_note = format!(
        "{}, then a RunInstances from it with ClientToken {TOKEN} and InstanceType ecs.g6.large",
        copies.finished_note
    );
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
            id: "runinstances.dry_run",
            status: 400,
            code: "DryRunOperation",
            message: "Request validation has been passed with DryRun flag set.",
            cause: "DryRun=true and the request passed every check (here the finished copy can be used); no \
                    instance was created.",
            source: RUN,
        }
        .reproduced_by(
            Repro::call("default", plus(run(&copies.id, "ecs.g6.large"), &[("DryRun", "true")]))
                .after(copies.finished.clone())
                .noting(&copies.finished_note),
        ),
        Doc {
            id: "runinstances.region_not_found",
            status: 404,
            code: "InvalidRegionId.NotFound",
            message: "The specified RegionId does not exist.",
            cause: "RegionId is not an ECS region at all.",
            source: COMMON,
        }
        .reproduced_by(Repro::call(
            "default",
            run_in("cn-atlantis", DOC_IMAGE_ID, "ecs.g6.large"),
        )),
        Doc {
            id: "runinstances.idempotent_mismatch",
            status: 400,
            code: "IdempotentParameterMismatch",
            message: "The request is retried with updated parameters.",
            cause: "The ClientToken was used before with other parameters (here another InstanceType).",
            source: COMMON,
        }
        .reproduced_by(
            Repro::call(
                "default",
                plus(run(&copies.id, "ecs.g6.xlarge"), &[("ClientToken", TOKEN)]),
            )
            .after(idem_setup)
            .noting(&idem_note),
        ),
        Doc {
            id: "runinstances.invalid_parameter",
            status: 400,
            code: "InvalidParameter",
            message: "The specified parameter \"Amount\" is not valid.",
            cause: "Amount is not a whole number from 1 to 100 (here 0).",
            source: COMMON,
        }
        .reproduced_by(Repro::call(
            "default",
            plus(run(&copies.id, "ecs.g6.large"), &[("Amount", "0")]),
        )),
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
            id: "replacesystemdisk.dry_run",
            status: 400,
            code: "DryRunOperation",
            message: "Request validation has been passed with DryRun flag set.",
            cause: "DryRun=true and the request passed every check (a Stopped instance, a finished copy in its \
                    region); the disk was not replaced.",
            source: COMMON,
        }
        .reproduced_by(
            Repro::call(
                "default",
                plus(replace(DOC_INSTANCE_ID, &copies.id), &[("DryRun", "true")]),
            )
            .after(copies.finished.clone())
            .noting(&copies.finished_note),
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
            id: "stopinstance.dry_run",
            status: 400,
            code: "DryRunOperation",
            message: "Request validation has been passed with DryRun flag set.",
            cause: "DryRun=true and the instance is Running; it was not stopped.",
            source: COMMON,
        }
        .reproduced_by(
            Repro::call(
                "default",
                plus(power("StopInstance", DOC_INSTANCE_ID), &[("DryRun", "true")]),
            )
            .after(started.clone())
            .noting(&started_note),
        ),
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
        Doc {
            id: "startinstance.dry_run",
            status: 400,
            code: "DryRunOperation",
            message: "Request validation has been passed with DryRun flag set.",
            cause: "DryRun=true and the instance is Stopped; it was not started.",
            source: COMMON,
        }
        .reproduced_by(Repro::call(
            "default",
            plus(power("StartInstance", DOC_INSTANCE_ID), &[("DryRun", "true")]),
        )),
        Doc {
            id: "describeinstances.invalid_parameter",
            status: 400,
            code: "InvalidParameter",
            message: "The specified parameter \"PageNumber\" is not valid.",
            cause: "PageNumber is not a whole number from 1 (here 0).",
            source: COMMON,
        }
        .reproduced_by(Repro::call("default", describe(&[("PageNumber", "0")]))),
        Doc {
            id: "describeinstances.region_missing",
            status: 400,
            code: "MissingParameter",
            message: "The input parameter \"RegionId\" that is mandatory for processing this request is not supplied.",
            cause: "RegionId is omitted.",
            source: COMMON,
        }
        .reproduced_by(Repro::call(
            "default",
            pairs(&[
                ("Action", "DescribeInstances"),
                ("Version", API_VERSION),
                ("Format", "JSON"),
            ]),
        )),
        Doc {
            id: "describeinstances.dry_run",
            status: 400,
            code: "DryRunOperation",
            message: "Request validation has been passed with DryRun flag set.",
            cause: "DryRun=true and the request passed every check; nothing was listed.",
            source: COMMON,
        }
        .reproduced_by(Repro::call("default", describe(&[("DryRun", "true")]))),
    ]
}
