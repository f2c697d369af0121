//! The API's identity: its version and the operations this simulator models. Every face and layer reads
//! these two facts from here.
//!
//! Layer: base (may use nothing else of this crate).

/// The ECS API version every operation belongs to (`Version`, `x-acs-version`).
pub const API_VERSION: &str = "2014-05-26";

/// The operations the engine simulates, by `Action` name; any other name is `InvalidAction.NotFound`.
pub const ACTIONS: &[&str] = &[
    "CopyImage",
    "CancelCopyImage",
    "DeleteImage",
    "DescribeImages",
    "DescribeRegions",
    "RunInstances",
    "DescribeInstances",
    "StopInstance",
    "StartInstance",
    "ReplaceSystemDisk",
];
