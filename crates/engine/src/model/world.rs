//! The simulated account: its regions, images, snapshots, quotas, KMS keys, resource groups, callers,
//! access keys, fault switches and the copy queue. Plain data (serde), so a scenario is a saved world.
//!
//! Every property a documented error depends on is a field here, so a user can reach every error by
//! editing the world. Times are absolute UTC (`UtcTime`, ISO 8601 in JSON) except the world clock
//! `now`, which counts virtual seconds since `base_time`.
//!
//! Layer: model (may use `base`).

use crate::base::clock::UtcTime;
use crate::base::rng::Rng;
use crate::base::sort;
use crate::model::queue::{Queue, TaskState};
use crate::model::regions;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Serde helpers: `UtcTime` as an ISO 8601 string in scenario files (readable and hand-editable).
pub mod iso {
    use crate::base::clock::UtcTime;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `yyyy-MM-ddTHH:mm:ssZ`.
    pub fn serialize<S: Serializer>(t: &UtcTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.to_iso8601())
    }

    /// Reads `yyyy-MM-ddTHH:mm:ssZ`; anything else is a clear error.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<UtcTime, D::Error> {
        let s = String::deserialize(d)?;
        UtcTime::parse_iso8601(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a time of the form yyyy-MM-ddTHH:mm:ssZ")))
    }
}

/// The scenario file format version this build writes, and the only one it reads.
pub const FORMAT_VERSION: u32 = 1;

/// A scenario file's `"version"`: always written as [`FORMAT_VERSION`]; a file without it is version 1 (the
/// format before the field existed), and any other number is refused with an error naming it, so a file from
/// a later format is never half-read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FormatVersion;

impl Serialize for FormatVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(FORMAT_VERSION)
    }
}

impl<'de> Deserialize<'de> for FormatVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = u64::deserialize(d)?;
        if v == u64::from(FORMAT_VERSION) {
            Ok(FormatVersion)
        } else {
            Err(serde::de::Error::custom(format!(
                "scenario format version {v} is not supported: this build reads version {FORMAT_VERSION} \
                 (and files without a version, which are version 1)"
            )))
        }
    }
}

/// The whole simulated world. `Clone` is cheap enough for a preview on every keystroke.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct World {
    /// The scenario file format version (written first; optional on read).
    #[serde(default)]
    pub version: FormatVersion,
    /// A short name for the scenario (shown by the faces).
    #[serde(default)]
    pub name: String,
    /// What the scenario teaches or sets up.
    #[serde(default)]
    pub description: String,
    /// The account the requests act on.
    pub account: Account,
    /// The UTC instant of world second 0; world times on the wire are `base_time + now`.
    #[serde(with = "iso")]
    pub base_time: UtcTime,
    /// The world clock: virtual seconds since `base_time`.
    #[serde(default)]
    pub now: u64,
    /// The regions that exist in this world, with their per-region settings.
    pub regions: Vec<RegionSettings>,
    /// Custom, shared and marketplace images visible to the account.
    #[serde(default)]
    pub images: Vec<Image>,
    /// Snapshots that images are built from.
    #[serde(default)]
    pub snapshots: Vec<Snapshot>,
    /// KMS keys (for encrypted copies).
    #[serde(default)]
    pub kms_keys: Vec<KmsKey>,
    /// Resource groups of the account; one should be the default group.
    #[serde(default)]
    pub resource_groups: Vec<ResourceGroup>,
    /// RAM users and the resource groups each may manage.
    #[serde(default)]
    pub ram_users: Vec<RamUser>,
    /// Who makes requests on the trusted path (`Engine::call`): root or a RAM user.
    #[serde(default)]
    pub caller: Caller,
    /// Access keys the local endpoint accepts (signature checks look secrets up here).
    #[serde(default)]
    pub access_keys: Vec<AccessKey>,
    /// One-shot failures to inject (simulated server faults).
    #[serde(default)]
    pub faults: Vec<Fault>,
    /// Choices where the sources disagree or are silent (see FIDELITY.md).
    #[serde(default)]
    pub settings: Settings,
    /// The copy queue: every copy task ever created, waiting, running or ended.
    #[serde(default)]
    pub queue: Queue,
    /// ClientToken -> the request it was first used with (for idempotency).
    #[serde(default)]
    pub client_tokens: BTreeMap<String, ClientTokenRecord>,
    /// ECS instances (created by RunInstances or placed by a preset). Optional in a scenario file, and left
    /// out when empty, so files written before instances existed read and write unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instances: Vec<Instance>,
}

/// The states of an instance this simulator models (`Status` in DescribeInstances); Starting and Stopping
/// are not modelled (FIDELITY.md, "Instances").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InstanceStatus {
    /// Just created; becomes `Running` on the world clock.
    Pending,
    /// Running.
    Running,
    /// Stopped (ReplaceSystemDisk needs this).
    Stopped,
}

impl InstanceStatus {
    /// The name DescribeInstances uses.
    pub fn as_str(self) -> &'static str {
        match self {
            InstanceStatus::Pending => "Pending",
            InstanceStatus::Running => "Running",
            InstanceStatus::Stopped => "Stopped",
        }
    }
}

/// An ECS instance: only what the image side of RunInstances and ReplaceSystemDisk needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    /// `i-` + the region's ID prefix + 17 characters.
    pub id: String,
    /// The region it runs in.
    pub region: String,
    /// Its status.
    pub status: InstanceStatus,
    /// The image of its system disk.
    pub image_id: String,
    /// Its instance type, e.g. `ecs.g6.large` (checked for form only).
    pub instance_type: String,
    /// When it was created.
    #[serde(with = "iso")]
    pub creation_time: UtcTime,
    /// Its system disk's ID (`d-...`); ReplaceSystemDisk gives a new one.
    #[serde(default)]
    pub system_disk_id: String,
    /// World second at which a `Pending` instance becomes `Running`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub running_at: Option<u64>,
    /// What a preset placed it there for (shown by the faces).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

/// The Alibaba Cloud account being simulated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// The account's AliUid (`ImageOwnerId` of its images; `OwnerId` must match it when given).
    pub ali_uid: u64,
    /// Whether the account is in the BYOK whitelist (`UserNotInTheWhiteList`).
    #[serde(default = "yes")]
    pub byok_whitelisted: bool,
    /// The largest image, in GiB, that may be copied (`SizeExceed.Image`).
    #[serde(default = "default_max_size")]
    pub max_image_size_gib: u64,
}

fn yes() -> bool {
    true
}
fn default_max_size() -> u64 {
    500
}
fn default_image_quota() -> u32 {
    100
}
fn default_snapshot_quota() -> u32 {
    1000
}

/// Per-region settings. A region missing here does not exist in this world.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionSettings {
    /// Region ID, one of the region table's (`regions::REGIONS`).
    pub id: String,
    /// Whether images can be copied from or to this region (`RegionNotSupportCopy`).
    #[serde(default = "yes")]
    pub supports_copy: bool,
    /// Whether BYOK (a KMSKeyId of your own) is supported here (`InvalidRegion.NotSupport`).
    #[serde(default = "yes")]
    pub supports_byok: bool,
    /// How many custom images the account may hold here (`QuotaExceed.Image`).
    #[serde(default = "default_image_quota")]
    pub image_quota: u32,
    /// How many snapshots the account may hold here (`QuotaExceed.Snapshot`).
    #[serde(default = "default_snapshot_quota")]
    pub snapshot_quota: u32,
    /// The 3-character prefix of resource IDs here; filled from the region table, or seeded, if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_prefix: Option<String>,
}

impl RegionSettings {
    /// A region with every default (copy and BYOK supported, default quotas).
    pub fn new(id: &str) -> RegionSettings {
        RegionSettings {
            id: id.into(),
            supports_copy: true,
            supports_byok: true,
            image_quota: default_image_quota(),
            snapshot_quota: default_snapshot_quota(),
            id_prefix: None,
        }
    }
}

/// The lifecycle states of an image, as `DescribeImages` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ImageStatus {
    /// Being created (a running copy).
    Creating,
    /// Waiting in a multi-task queue (a queued copy).
    Waiting,
    /// Ready for use.
    Available,
    /// Unavailable.
    UnAvailable,
    /// Creation failed.
    CreateFailed,
    /// Deprecated.
    Deprecated,
}

impl ImageStatus {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageStatus::Creating => "Creating",
            ImageStatus::Waiting => "Waiting",
            ImageStatus::Available => "Available",
            ImageStatus::UnAvailable => "UnAvailable",
            ImageStatus::CreateFailed => "CreateFailed",
            ImageStatus::Deprecated => "Deprecated",
        }
    }

    /// Every status, in the order the SDK documents them.
    pub const ALL: [ImageStatus; 6] = [
        ImageStatus::Creating,
        ImageStatus::Waiting,
        ImageStatus::Available,
        ImageStatus::UnAvailable,
        ImageStatus::CreateFailed,
        ImageStatus::Deprecated,
    ];

    /// Parses the wire spelling exactly (case-sensitive, as the SDK enumerates it).
    pub fn parse(s: &str) -> Option<ImageStatus> {
        ImageStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// Who owns an image, from the account's point of view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Owner {
    /// The account's own custom image.
    #[serde(rename = "self")]
    Own,
    /// Shared to this account by another account.
    Shared {
        /// The owning account's AliUid.
        ali_uid: u64,
    },
    /// An Alibaba Cloud Marketplace image, published in some regions only.
    Marketplace {
        /// The regions the image is published in (`OperationDenied.NotPublished`).
        published_regions: Vec<String>,
    },
}

/// One tag on a resource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tag {
    /// Tag key.
    pub key: String,
    /// Tag value (may be empty).
    #[serde(default)]
    pub value: String,
}

fn linux() -> String {
    "linux".into()
}
fn x86() -> String {
    "x86_64".into()
}

/// An image in one region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// `m-` + region prefix + random characters, 22 in all.
    pub id: String,
    /// The region the image is in.
    pub region: String,
    /// Image name.
    pub name: String,
    /// Image description.
    #[serde(default)]
    pub description: String,
    /// Size in GiB (`SizeExceed.Image`, copy duration).
    pub size_gib: u64,
    /// Lifecycle status of an image that is not a copy. A copy's status is its queue task's (read it
    /// with [`World::status_of`]), so a copy has none here and none is written for it; one read from an
    /// older file is dropped by [`World::validate`] and never used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ImageStatus>,
    /// Owner: self, shared, marketplace.
    pub owner: Owner,
    /// IDs of the snapshots the image is built from.
    #[serde(default)]
    pub snapshot_ids: Vec<String>,
    /// When the image was created.
    #[serde(with = "iso")]
    pub creation_time: UtcTime,
    /// `linux` or `windows`.
    #[serde(default = "linux")]
    pub os_type: String,
    /// Operating system name, e.g. `CentOS 7.9 64位`.
    #[serde(default)]
    pub os_name: String,
    /// Platform, e.g. `CentOS`, `Ubuntu`, `Windows Server 2019`.
    #[serde(default)]
    pub platform: String,
    /// `x86_64`, `i386` or `arm64`.
    #[serde(default = "x86")]
    pub architecture: String,
    /// Resource group ID (empty: the default group).
    #[serde(default)]
    pub resource_group_id: String,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// Whether the image is encrypted.
    #[serde(default)]
    pub encrypted: bool,
    /// The copy task that creates this image, if it is a copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_task: Option<usize>,
    /// Whether instances run from it (`ImageUsingByInstance` on DeleteImage without Force).
    #[serde(default)]
    pub used_by_instances: bool,
    /// Whether the account shared it to others (`ImageUseShared` on DeleteImage).
    #[serde(default)]
    pub shared_to_others: bool,
}

/// A disk snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// `s-` + region prefix + random characters.
    pub id: String,
    /// Region.
    pub region: String,
    /// Creation time (`InvalidSnapshot.TooOld` before 2013-07-15).
    #[serde(with = "iso")]
    pub creation_time: UtcTime,
    /// Size in GiB.
    #[serde(default)]
    pub size_gib: u64,
    /// Encrypted (`OperationDeined.EncryptedSnapshot`).
    #[serde(default)]
    pub encrypted: bool,
    /// Whether it may be used to create images (`OperationDenied`).
    #[serde(default = "yes")]
    pub allowed_to_create_image: bool,
    /// Deleted snapshots still referenced by an image give `InvalidSnapshotId.NotFound`.
    #[serde(default)]
    pub deleted: bool,
}

/// A KMS key usable for encrypted copies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KmsKey {
    /// Key ID, e.g. `e522b26d-abf6-4e0d-b5da-04b7******3c`.
    pub id: String,
    /// The region the key lives in (the copy's destination must match).
    pub region: String,
    /// Enabled (`InvalidParameter.KMSKeyId.CMKNotEnabled`).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// ECS is authorised to use KMS (`InvalidParameter.KMSKeyId.KMSUnauthorized`).
    #[serde(default = "yes")]
    pub ecs_authorized: bool,
}

/// A resource group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceGroup {
    /// `rg-...`.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Whether this is the account's default resource group.
    #[serde(default)]
    pub is_default: bool,
}

/// A RAM user and what it may manage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RamUser {
    /// User name.
    pub name: String,
    /// IDs of resource groups the user may manage (the default group's ID included or not).
    #[serde(default)]
    pub manageable_resource_groups: Vec<String>,
}

/// Who is calling.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Caller {
    /// The account itself: may manage every resource group.
    #[default]
    Root,
    /// A RAM user of the account, by name.
    RamUser {
        /// The user's name in `ram_users`.
        name: String,
    },
}

/// An access key the local endpoint accepts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessKey {
    /// AccessKeyId.
    pub id: String,
    /// AccessKeySecret (never logged; only used to verify signatures).
    pub secret: String,
    /// Disabled keys get `InvalidAccessKeyId.Inactive`.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Whose key it is.
    #[serde(default)]
    pub principal: Caller,
}

/// What an injected fault does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// 500 `InternalError` "The request processing has failed due to some unknown error, exception or failure."
    #[serde(rename = "internal_error_500")]
    InternalError500,
    /// 403 `InternalError` "The request processing has failed due to some unknown error."
    #[serde(rename = "internal_error_403")]
    InternalError403,
    /// The copy task created by the next matching CopyImage ends in `CreateFailed`.
    CopyFails,
}

/// A one-shot (or n-shot) failure: the next `remaining` requests of `action` fail this way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// The Action it applies to (`*` for any).
    pub action: String,
    /// What happens.
    pub kind: FaultKind,
    /// How many more requests it hits.
    #[serde(default = "one")]
    pub remaining: u32,
}

fn one() -> u32 {
    1
}

/// Which region's lane a copy task waits in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueueKey {
    /// The source region (default: the reference's "a single region can have only one image copy task").
    #[default]
    Source,
    /// The destination region.
    Destination,
}

/// What CopyImage does when `DestinationRegionId` is omitted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingDestination {
    /// The destination is taken as the source region, so the request fails with
    /// `IncorrectDestinationRegion` (the reference's own sample request omits the parameter).
    #[default]
    SameAsSource,
    /// `MissingParameter` for `DestinationRegionId`.
    MissingParameter,
}

/// What DeleteImage does for an image that does not exist.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeleteMissing {
    /// Success, nothing deleted ("If the specified custom image does not exist, the request is ignored.").
    #[default]
    Ignore,
    /// 404 `InvalidImageId.NotFound`.
    NotFound,
}

/// Which of two documented messages a code uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageForm {
    /// The CopyImage-specific message ("The specified destination ...").
    #[default]
    Destination,
    /// The generic twin message ("The specified Image name ..." / "The specified description ...").
    Plain,
}

fn default_queue_limit() -> u32 {
    1
}
fn default_secs_per_gib() -> u64 {
    30
}

/// Choices where sources disagree or are silent; each is a FIDELITY.md row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Running copy tasks per region lane (reference: 1; newer doc: 5).
    #[serde(default = "default_queue_limit")]
    pub queue_limit: u32,
    /// Which region a task's lane is.
    #[serde(default)]
    pub queue_key: QueueKey,
    /// World seconds one GiB takes to copy (so Progress rises at a set rate).
    #[serde(default = "default_secs_per_gib")]
    pub copy_secs_per_gib: u64,
    /// CopyImage without DestinationRegionId.
    #[serde(default)]
    pub missing_destination: MissingDestination,
    /// DeleteImage of a missing image.
    #[serde(default)]
    pub delete_missing_image: DeleteMissing,
    /// Simulated: the caller's AliUid is missing (`InvalidAliUid.IsNull`).
    #[serde(default)]
    pub anonymous_caller: bool,
    /// Which `InvalidImageName.Malformed` message a bad DestinationImageName gives.
    #[serde(default)]
    pub image_name_message: MessageForm,
    /// Which `InvalidDescription.Malformed` message a bad DestinationDescription gives.
    #[serde(default)]
    pub description_message: MessageForm,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            queue_limit: default_queue_limit(),
            queue_key: QueueKey::Source,
            copy_secs_per_gib: default_secs_per_gib(),
            missing_destination: MissingDestination::SameAsSource,
            delete_missing_image: DeleteMissing::Ignore,
            anonymous_caller: false,
            image_name_message: MessageForm::Destination,
            description_message: MessageForm::Destination,
        }
    }
}

/// What a ClientToken was first used with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientTokenRecord {
    /// The Action.
    pub action: String,
    /// The business parameters (sorted, common parameters and ClientToken left out).
    pub fingerprint: Vec<(String, String)>,
    /// The ImageId the first request returned (empty for RunInstances).
    pub image_id: String,
    /// The InstanceIds the first RunInstances request returned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instance_ids: Vec<String>,
}

impl World {
    /// Advances the world clock by `secs`, running the queue's events on the way.
    pub fn advance(&mut self, secs: u64) {
        let target = self.now.saturating_add(secs);
        // Settings may have been edited since the last step: honour a raised limit now.
        self.queue.fill_all(self.now, self.settings.queue_limit);
        self.queue.advance_to(target, self.settings.queue_limit);
        for i in &mut self.instances {
            if i.status == InstanceStatus::Pending && i.running_at.is_some_and(|t| t <= target) {
                i.status = InstanceStatus::Running;
                i.running_at = None;
            }
        }
        self.now = target;
    }

    /// The world second of the next event: a copy task ending or a new instance starting to run.
    pub fn next_event(&self) -> Option<u64> {
        let starts = self
            .instances
            .iter()
            .filter(|i| i.status == InstanceStatus::Pending)
            .filter_map(|i| i.running_at);
        self.queue.next_event().into_iter().chain(starts).min()
    }

    /// The instance with this ID.
    pub fn instance(&self, id: &str) -> Option<&Instance> {
        self.instances.iter().find(|i| i.id == id)
    }

    /// The settings of region `id`, if it exists in this world.
    pub fn region(&self, id: &str) -> Option<&RegionSettings> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// The image with this ID in this region.
    pub fn image_in(&self, region: &str, id: &str) -> Option<&Image> {
        self.images.iter().find(|i| i.id == id && i.region == region)
    }

    /// The image with this ID anywhere.
    pub fn image(&self, id: &str) -> Option<&Image> {
        self.images.iter().find(|i| i.id == id)
    }

    /// The snapshot with this ID.
    pub fn snapshot(&self, id: &str) -> Option<&Snapshot> {
        self.snapshots.iter().find(|s| s.id == id)
    }

    /// The current status of an image: a copy's comes from its queue task (the one source of truth), any
    /// other image's is its own.
    pub fn status_of(&self, image: &Image) -> ImageStatus {
        match image.copy_task.and_then(|t| self.queue.tasks.get(t)).map(|t| t.state) {
            Some(TaskState::Waiting) => ImageStatus::Waiting,
            Some(TaskState::Running) => ImageStatus::Creating,
            Some(TaskState::Done) => ImageStatus::Available,
            Some(TaskState::Failed) => ImageStatus::CreateFailed,
            // Not a copy, or a copy whose task was cancelled (CancelCopyImage removes such an image; a
            // hand-written world may keep it): its own status, which `validate` requires.
            Some(TaskState::Canceled) | None => image.status.unwrap_or(ImageStatus::Available),
        }
    }

    /// Whether the image's status is its copy task's (and so cannot be set on the image).
    pub fn status_is_derived(&self, image: &Image) -> bool {
        image
            .copy_task
            .and_then(|t| self.queue.tasks.get(t))
            .is_some_and(|t| t.state != TaskState::Canceled)
    }

    /// Progress as `DescribeImages` shows it (`"100%"`, `"32%"`).
    pub fn progress_of(&self, image: &Image) -> u64 {
        match image.copy_task.and_then(|t| self.queue.tasks.get(t)) {
            Some(task) => task.progress_percent(self.now),
            None => match self.status_of(image) {
                ImageStatus::Creating | ImageStatus::Waiting | ImageStatus::CreateFailed => 0,
                _ => 100,
            },
        }
    }

    /// Whether the image is a copy whose task is still waiting or running.
    pub fn is_copy_in_progress(&self, image: &Image) -> bool {
        image
            .copy_task
            .and_then(|t| self.queue.tasks.get(t))
            .is_some_and(|t| t.state.is_active())
    }

    /// Whether an active copy task reads from this image.
    pub fn is_source_of_active_copy(&self, image_id: &str) -> bool {
        self.queue.active_tasks().any(|t| t.source_image_id == image_id)
    }

    /// The world clock as a UTC instant (for CreationTime).
    pub fn now_utc(&self) -> UtcTime {
        self.base_time.plus(self.now.min(i64::MAX as u64) as i64)
    }

    /// The ID prefix used for new resources in a region.
    pub fn prefix_of(&self, region: &str) -> String {
        self.region(region)
            .and_then(|r| r.id_prefix.clone())
            .or_else(|| regions::find(region).and_then(|r| r.id_prefix.map(String::from)))
            .unwrap_or_else(|| "000".into())
    }

    /// The default resource group's ID, if the world has one.
    pub fn default_resource_group(&self) -> Option<&ResourceGroup> {
        self.resource_groups.iter().find(|g| g.is_default)
    }

    /// Fills `id_prefix` for every region: the region table's, or 3 seeded ID characters.
    pub fn fill_prefixes(&mut self, rng: &mut Rng) {
        for r in &mut self.regions {
            if r.id_prefix.is_none() {
                r.id_prefix = Some(match regions::find(&r.id).and_then(|t| t.id_prefix) {
                    Some(p) => p.to_string(),
                    None => rng.id_chars(3),
                });
            }
        }
    }

    /// Checks a loaded world for contradictions and rebuilds derived state (the queue's lanes).
    /// Every problem is a clear message naming the offending value; nothing here panics.
    pub fn validate(&mut self) -> Result<(), String> {
        // Repeats are found by sorting, not with `BTreeSet`s: each set type would add B-tree code to the WASM.
        let repeated = sort::repeats_by(&self.regions, |a, b| a.id.cmp(&b.id));
        for (r, repeated) in self.regions.iter().zip(repeated) {
            if regions::find(&r.id).is_none() {
                return Err(format!("unknown region `{}` in regions", r.id));
            }
            if repeated {
                return Err(format!("duplicate region `{}` in regions", r.id));
            }
            if let Some(p) = &r.id_prefix {
                if p.len() != 3 || !p.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) {
                    return Err(format!(
                        "id_prefix `{p}` of region `{}` must be 3 characters [0-9a-z]",
                        r.id
                    ));
                }
            }
        }
        let known = |id: &str| self.regions.iter().any(|r| r.id == id);
        let repeated = sort::repeats_by(&self.instances, |a, b| a.id.cmp(&b.id));
        for (i, repeated) in self.instances.iter().zip(repeated) {
            if !known(&i.region) {
                return Err(format!(
                    "instance `{}` is in region `{}`, which is not in this world",
                    i.id, i.region
                ));
            }
            if repeated {
                return Err(format!("duplicate instance ID `{}`", i.id));
            }
        }
        let repeated = sort::repeats_by(&self.images, |a, b| a.id.cmp(&b.id));
        for (i, repeated) in self.images.iter().zip(repeated) {
            if !known(&i.region) {
                return Err(format!(
                    "image `{}` is in region `{}`, which is not in this world",
                    i.id, i.region
                ));
            }
            if repeated {
                return Err(format!("duplicate image ID `{}`", i.id));
            }
            if let Owner::Marketplace { published_regions } = &i.owner {
                if let Some(bad) = published_regions.iter().find(|r| regions::find(r).is_none()) {
                    return Err(format!("image `{}` is published in unknown region `{bad}`", i.id));
                }
            }
            if let Some(t) = i.copy_task {
                if t >= self.queue.tasks.len() {
                    return Err(format!(
                        "image `{}` refers to copy task {t}, which does not exist",
                        i.id
                    ));
                }
            }
            if i.status.is_none() && !self.status_is_derived(i) {
                return Err(format!(
                    "image `{}` has no status (only a copy's comes from its task)",
                    i.id
                ));
            }
        }
        let repeated = sort::repeats_by(&self.snapshots, |a, b| a.id.cmp(&b.id));
        for (s, repeated) in self.snapshots.iter().zip(repeated) {
            if !known(&s.region) {
                return Err(format!(
                    "snapshot `{}` is in region `{}`, which is not in this world",
                    s.id, s.region
                ));
            }
            if repeated {
                return Err(format!("duplicate snapshot ID `{}`", s.id));
            }
        }
        let repeated = sort::repeats_by(&self.kms_keys, |a, b| (&a.region, &a.id).cmp(&(&b.region, &b.id)));
        for (k, repeated) in self.kms_keys.iter().zip(repeated) {
            if !known(&k.region) {
                return Err(format!(
                    "KMS key `{}` is in region `{}`, which is not in this world",
                    k.id, k.region
                ));
            }
            if repeated {
                return Err(format!("duplicate KMS key `{}` in region `{}`", k.id, k.region));
            }
        }
        let repeated = sort::repeats_by(&self.resource_groups, |a, b| a.id.cmp(&b.id));
        for (g, repeated) in self.resource_groups.iter().zip(repeated) {
            if repeated {
                return Err(format!("duplicate resource group `{}`", g.id));
            }
        }
        if self.resource_groups.iter().filter(|g| g.is_default).count() > 1 {
            return Err("more than one default resource group".into());
        }
        let repeated = sort::repeats_by(&self.ram_users, |a, b| a.name.cmp(&b.name));
        for (u, repeated) in self.ram_users.iter().zip(repeated) {
            if repeated {
                return Err(format!("duplicate RAM user `{}`", u.name));
            }
        }
        let user_known = |c: &Caller| match c {
            Caller::Root => true,
            Caller::RamUser { name } => self.ram_users.iter().any(|u| &u.name == name),
        };
        if !user_known(&self.caller) {
            return Err("caller names a RAM user that is not in ram_users".into());
        }
        let repeated = sort::repeats_by(&self.access_keys, |a, b| a.id.cmp(&b.id));
        for (k, repeated) in self.access_keys.iter().zip(repeated) {
            if repeated {
                return Err(format!("duplicate access key `{}`", k.id));
            }
            if !user_known(&k.principal) {
                return Err(format!(
                    "access key `{}` belongs to a RAM user that is not in ram_users",
                    k.id
                ));
            }
        }
        if self.settings.queue_limit == 0 {
            return Err("settings.queue_limit must be at least 1".into());
        }
        self.queue.validate(&|r| known(r))?;
        self.queue.rebuild_lanes();
        // A raised limit (or a hand-edited queue) takes effect at once: lanes with room start tasks now.
        self.queue.fill_all(self.now, self.settings.queue_limit);
        // A copy's status is its task's: one written by an older file is dropped, not kept beside it.
        for k in 0..self.images.len() {
            if self.status_is_derived(&self.images[k]) {
                self.images[k].status = None;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::teach::presets::preset;

    fn key(id: &str, region: &str) -> KmsKey {
        KmsKey {
            id: id.into(),
            region: region.into(),
            enabled: true,
            ecs_authorized: true,
        }
    }

    #[test]
    fn validate_names_the_first_repeat_in_list_order() {
        let mut w = preset("minimal").unwrap();
        let (a, mut b) = (w.images[0].clone(), w.images[0].clone());
        b.id = format!("{}b", a.id);
        w.images = vec![a.clone(), b.clone(), b.clone(), a.clone()];
        assert_eq!(w.validate().unwrap_err(), format!("duplicate image ID `{}`", b.id));
        // An earlier image's other problem is reported before a later repeat.
        let mut bad = b.clone();
        bad.region = "cn-nowhere".into();
        w.images = vec![a.clone(), bad, a.clone()];
        assert!(w
            .validate()
            .unwrap_err()
            .contains("region `cn-nowhere`, which is not in this world"));
    }

    #[test]
    fn kms_keys_repeat_only_within_a_region() {
        let mut w = preset("minimal").unwrap();
        let (r0, r1) = (w.regions[0].id.clone(), w.regions[1].id.clone());
        w.kms_keys = vec![key("k1", &r0), key("k1", &r1), key("k2", &r0)];
        assert_eq!(w.validate(), Ok(()));
        w.kms_keys.push(key("k1", &r1));
        assert_eq!(
            w.validate().unwrap_err(),
            format!("duplicate KMS key `k1` in region `{r1}`")
        );
    }

    #[test]
    fn a_copy_has_one_status_its_task_and_none_is_written_for_it() {
        let mut w = preset("busy-queue").unwrap();
        let copy = w.images.iter().position(|i| i.copy_task.is_some()).unwrap();
        assert_eq!(w.images[copy].status, None);
        assert_eq!(w.status_of(&w.images[copy]), ImageStatus::Creating);
        let json = serde_json::to_value(&w).unwrap();
        assert!(json["images"][copy].get("status").is_none(), "{}", json["images"][copy]);
        // The copy finishes: its status follows the task, with nothing on the image to go stale.
        w.advance(1_000_000);
        assert_eq!(w.status_of(&w.images[copy]), ImageStatus::Available);
        assert_eq!(w.images[copy].status, None);
        // An older file wrote a copy's status beside its task: still readable, and the task decides.
        let mut old = serde_json::to_value(&w).unwrap();
        old["images"][copy]["status"] = "Waiting".into();
        let mut back: World = serde_json::from_value(old).unwrap();
        back.validate().unwrap();
        assert_eq!(back.images[copy].status, None);
        assert_eq!(back.status_of(&back.images[copy]), ImageStatus::Available);
        // Any other image must say its status.
        let mut bad = serde_json::to_value(&w).unwrap();
        let plain = w.images.iter().position(|i| i.copy_task.is_none()).unwrap();
        bad["images"][plain].as_object_mut().unwrap().remove("status");
        let mut bad: World = serde_json::from_value(bad).unwrap();
        assert!(bad.validate().unwrap_err().contains("has no status"));
        // And the editor cannot set a copy's status.
        let e = crate::model::edits::apply(
            &mut w,
            &crate::model::edits::set_edit(&format!("/images/{copy}/status"), "Deprecated"),
        )
        .unwrap_err();
        assert!(e.contains("comes from its copy task"), "{e}");
    }
}
