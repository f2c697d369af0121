//! The presets: named worlds built in code (type-checked, and their busy queues are made by the real
//! CopyImage operation, so they are consistent by construction). Each is deterministic: its own fixed seed,
//! not the engine's, so a preset's IDs never change between runs.
//!
//! Layer: teach (presets run real operations, so they sit above `service`).

use crate::base::clock::UtcTime;
use crate::base::rng::Rng;
use crate::base::wire::Params;
use crate::model::world::*;
use crate::service::engine::Engine;
use crate::service::ops;

/// Every preset: name and one-line summary.
pub const PRESETS: &[(&str, &str)] = &[
    (
        "default",
        "A healthy account in every open region: a dozen images in different states, each refusal's image \
         named for it, and the example busy copy queue in cn-beijing.",
    ),
    (
        "minimal",
        "One image in cn-hangzhou and an empty cn-shanghai: the smallest world where a copy works.",
    ),
    (
        "busy-queue",
        "Four copies already queued from cn-hangzhou: watch FIFO order and the one-task-per-region limit.",
    ),
    (
        "ram-user",
        "The caller is a RAM user who may not manage the default resource group (the Forbbiden note).",
    ),
    (
        "five-running",
        "The newer documentation's limit: five copy tasks run at once per region.",
    ),
];

/// The names of the presets.
pub fn preset_names() -> Vec<&'static str> {
    PRESETS.iter().map(|(n, _)| *n).collect()
}

/// Builds a preset world by name.
pub fn preset(name: &str) -> Option<World> {
    let mut w = match name {
        "default" => default_world(),
        "minimal" => minimal_world(),
        "busy-queue" => busy_queue_world(),
        "ram-user" => ram_user_world(),
        "five-running" => five_running_world(),
        _ => return None,
    };
    // Presets are built valid; validate anyway to rebuild the derived queue lanes exactly as a load would.
    w.validate().ok()?;
    Some(w)
}

impl Engine {
    /// An engine over a preset world (`PRESETS`).
    pub fn from_preset(name: &str, seed: u64) -> Option<Engine> {
        preset(name).map(|w| Engine::new(w, seed))
    }
}

/// The default world's example busy queue: its world name and the lane its three preset copies keep busy,
/// so the world pane can label that lane as the example it is.
pub const EXAMPLE_QUEUE: (&str, &str) = ("default", "cn-beijing");

/// What the world pane says about a lane: the example queue is labelled as such.
pub fn lane_label(world: &World, lane: &str) -> Option<&'static str> {
    (world.name == EXAMPLE_QUEUE.0 && lane == EXAMPLE_QUEUE.1)
        .then_some("the example busy queue: three copies the default world starts with")
}

/// The sentences [`region_labels`] writes, as templates (message IDs a face translates): copy off, BYOK off,
/// the image quota (held, then full), the snapshot quota (held, then full).
pub const REGION_LABEL_TEMPLATES: [&str; 6] = [
    "Image copy is off: a copy from or to it answers RegionNotSupportCopy.",
    "BYOK is off: an encrypted copy with your KMS key answers InvalidRegion.NotSupport.",
    "Image quota: {quota} ({held} held).",
    "Image quota: {quota} ({held} held; full: a copy here answers QuotaExceed.Image).",
    "Snapshot quota: {quota} ({held} held).",
    "Snapshot quota: {quota} ({held} held; full: a copy here answers QuotaExceed.Snapshot).",
];

/// What the world pane says about a region's settings: one line per setting that differs from an ordinary
/// region's, with the refusal it causes, so no refusal comes from a region that looks ordinary.
pub fn region_labels(world: &World, region: &str) -> Vec<String> {
    region_label_texts(world, region, |s| s)
}

/// [`region_labels`] with each template passed through `tr` (a face's translation, keyed by the English
/// template) before its values are filled in.
pub fn region_label_texts<'a>(world: &World, region: &str, tr: impl Fn(&'static str) -> &'a str) -> Vec<String> {
    let Some(r) = world.region(region) else {
        return Vec::new();
    };
    let plain = RegionSettings::new(region);
    let [copy_off, byok_off, images, images_full, snapshots, snapshots_full] = REGION_LABEL_TEMPLATES;
    let mut out = Vec::new();
    if !r.supports_copy {
        out.push(tr(copy_off).to_string());
    }
    if !r.supports_byok {
        out.push(tr(byok_off).to_string());
    }
    let quota = |quota: u32, held: usize, room: &'static str, full: &'static str| {
        let template = if held >= quota as usize { full } else { room };
        let args = [
            ("quota".to_string(), quota.to_string()),
            ("held".to_string(), held.to_string()),
        ];
        crate::teach::why::fill(tr(template), &args)
    };
    if r.image_quota != plain.image_quota {
        // Counted as the quota rule counts: the account's own images in the region.
        let n = world
            .images
            .iter()
            .filter(|i| i.region == region && i.owner == Owner::Own)
            .count();
        out.push(quota(r.image_quota, n, images, images_full));
    }
    if r.snapshot_quota != plain.snapshot_quota {
        let n = world
            .snapshots
            .iter()
            .filter(|s| s.region == region && !s.deleted)
            .count();
        out.push(quota(r.snapshot_quota, n, snapshots, snapshots_full));
    }
    out
}

fn t(s: &str) -> UtcTime {
    UtcTime::parse_iso8601(s).unwrap_or_default()
}

/// The reference page's example AliUid-like account ID (16 digits, as real AliUids are).
pub const ACCOUNT_UID: u64 = 1_234_567_890_123_456;

/// The reference page's example source image ID (masked as on the page), present in the default world.
pub const DOC_IMAGE_ID: &str = "m-bp1h46wfpjsjastc****";

/// The reference page's example KMS key ID (masked as on the page).
pub const DOC_KMS_KEY_ID: &str = "e522b26d-abf6-4e0d-b5da-04b7******3c";

/// The reference page's example resource group ID.
pub const DOC_RESOURCE_GROUP_ID: &str = "rg-bp67acfmxazb4p****";

fn base_world(name: &str, description: &str, regions: &[&str]) -> World {
    World {
        version: Default::default(),
        name: name.into(),
        description: description.into(),
        account: Account {
            ali_uid: ACCOUNT_UID,
            byok_whitelisted: true,
            max_image_size_gib: 500,
        },
        base_time: t("2024-05-20T08:00:00Z"),
        now: 0,
        regions: regions.iter().map(|r| RegionSettings::new(r)).collect(),
        images: vec![],
        snapshots: vec![],
        kms_keys: vec![],
        resource_groups: vec![
            ResourceGroup {
                id: "rg-acfmzw2jz2z5hhq".into(),
                name: "default resource group".into(),
                is_default: true,
            },
            ResourceGroup {
                id: DOC_RESOURCE_GROUP_ID.into(),
                name: "production".into(),
                is_default: false,
            },
        ],
        ram_users: vec![RamUser {
            name: "dev-alice".into(),
            manageable_resource_groups: vec![DOC_RESOURCE_GROUP_ID.into()],
        }],
        caller: Caller::Root,
        access_keys: vec![
            AccessKey {
                id: "testid".into(),
                secret: "testsecret".into(),
                enabled: true,
                principal: Caller::Root,
            },
            AccessKey {
                id: "YourAccessKeyId".into(),
                secret: "YourAccessKeySecret".into(),
                enabled: true,
                principal: Caller::Root,
            },
            AccessKey {
                id: "LTAI5tAliceRamUserKey".into(),
                secret: "alice-secret".into(),
                enabled: true,
                principal: Caller::RamUser {
                    name: "dev-alice".into(),
                },
            },
            AccessKey {
                id: "LTAI5tDisabledKey0001".into(),
                secret: "disabled-secret".into(),
                enabled: false,
                principal: Caller::Root,
            },
        ],
        faults: vec![],
        settings: Settings::default(),
        queue: Default::default(),
        client_tokens: Default::default(),
        instances: Vec::new(),
    }
}

/// Adds an own image with one snapshot per disk (`disks` sizes; the first is the system disk).
#[allow(clippy::too_many_arguments)]
fn add_image(
    w: &mut World,
    id: &str,
    region: &str,
    name: &str,
    status: ImageStatus,
    size: u64,
    created: &str,
    platform: (&str, &str, &str),
    snap: impl Fn(&mut Snapshot),
) {
    let sid = format!("s-{}", &id[2..]);
    let mut s = Snapshot {
        id: sid.clone(),
        region: region.into(),
        creation_time: t(created),
        size_gib: size,
        encrypted: false,
        allowed_to_create_image: true,
        deleted: false,
    };
    snap(&mut s);
    w.snapshots.push(s);
    w.images.push(Image {
        id: id.into(),
        region: region.into(),
        name: name.into(),
        description: format!("{name} image"),
        size_gib: size,
        status: Some(status),
        owner: Owner::Own,
        snapshot_ids: vec![sid],
        creation_time: t(created),
        os_type: platform.0.into(),
        os_name: platform.1.into(),
        platform: platform.2.into(),
        architecture: "x86_64".into(),
        resource_group_id: "rg-acfmzw2jz2z5hhq".into(),
        tags: vec![],
        encrypted: false,
        copy_task: None,
        used_by_instances: false,
        shared_to_others: false,
    });
}

const CENTOS: (&str, &str, &str) = ("linux", "CentOS  7.9 64位", "CentOS");
const UBUNTU: (&str, &str, &str) = ("linux", "Ubuntu  22.04 64位", "Ubuntu");
const WINDOWS: (&str, &str, &str) = (
    "windows",
    "Windows Server  2019 数据中心版 64位中文版",
    "Windows Server 2019",
);

fn keep(_: &mut Snapshot) {}

/// Queues a copy through the real operation, so preset queues are exactly what a user would create.
fn queue_copy(w: &mut World, rng: &mut Rng, image: &str, from: &str, to: &str) {
    let p: Params = vec![
        ("ImageId".into(), image.into()),
        ("RegionId".into(), from.into()),
        ("DestinationRegionId".into(), to.into()),
    ];
    // Presets are fixed data; a failure here would be a bug caught by the preset tests.
    let _ = ops::execute_copy_image(w, rng, &Caller::Root, &p);
}

fn default_world() -> World {
    // Every open region of the region table, with every default: a copy of an own Available image works
    // between any two of them. Refusals that depend on a region's settings (a full quota, no BYOK, no copy)
    // are made by the catalog's setups as labelled edits, never hidden in a common region.
    let open: Vec<&str> = crate::model::regions::open_regions().map(|r| r.id).collect();
    let mut w = base_world(
        "default",
        "A healthy account for exploring CopyImage in every open region: the reference's example image in \
         cn-hangzhou copies anywhere; other images are named for the refusal they show; cn-beijing's copy lane \
         is the example busy queue.",
        &open,
    );
    // The regions the table has no ID prefix for get theirs here, from the preset's own seed: left to the
    // engine, they would draw from its generator and shift every RequestId and ID a session makes.
    w.fill_prefixes(&mut Rng::new(27));
    let hz = "cn-hangzhou";
    add_image(
        &mut w,
        DOC_IMAGE_ID,
        hz,
        "web-server-base",
        ImageStatus::Available,
        40,
        "2024-03-01T10:00:00Z",
        CENTOS,
        keep,
    );
    add_image(
        &mut w,
        "m-bp1fq2h3gbxtc5dm9k1a",
        hz,
        "app-v2",
        ImageStatus::Available,
        20,
        "2024-04-11T09:30:00Z",
        UBUNTU,
        keep,
    );
    add_image(
        &mut w,
        "m-bp1win2019golden0001",
        hz,
        "win-golden",
        ImageStatus::Available,
        60,
        "2024-02-02T02:00:00Z",
        WINDOWS,
        keep,
    );
    add_image(
        &mut w,
        "m-bp1creating0000000a1",
        hz,
        "db-snapshot-wip",
        ImageStatus::Creating,
        40,
        "2024-05-20T07:50:00Z",
        CENTOS,
        keep,
    );
    add_image(
        &mut w,
        "m-bp1failed00000000001",
        hz,
        "broken-build",
        ImageStatus::CreateFailed,
        40,
        "2024-05-01T00:00:00Z",
        CENTOS,
        keep,
    );
    add_image(
        &mut w,
        "m-bp1deprecated0000001",
        hz,
        "centos6-old",
        ImageStatus::Deprecated,
        20,
        "2019-01-01T00:00:00Z",
        CENTOS,
        keep,
    );
    add_image(
        &mut w,
        "m-bp1legacy20120000001",
        hz,
        "legacy-2012",
        ImageStatus::Available,
        20,
        "2013-06-01T00:00:00Z",
        CENTOS,
        |s| s.creation_time = t("2012-12-01T00:00:00Z"),
    );
    add_image(
        &mut w,
        "m-bp1encsnap0000000001",
        hz,
        "secure-base",
        ImageStatus::Available,
        40,
        "2024-01-15T00:00:00Z",
        CENTOS,
        |s| s.encrypted = true,
    );
    add_image(
        &mut w,
        "m-bp1locked00000000001",
        hz,
        "locked-snapshot",
        ImageStatus::Available,
        40,
        "2024-01-16T00:00:00Z",
        CENTOS,
        |s| s.allowed_to_create_image = false,
    );
    add_image(
        &mut w,
        "m-bp1orphan00000000001",
        hz,
        "orphaned-snapshot",
        ImageStatus::Available,
        40,
        "2024-01-17T00:00:00Z",
        CENTOS,
        |s| s.deleted = true,
    );
    add_image(
        &mut w,
        "m-bp1bigdata0000000001",
        hz,
        "big-data-node",
        ImageStatus::Available,
        800,
        "2024-02-20T00:00:00Z",
        CENTOS,
        keep,
    );
    // In use by instances and shared to others: DeleteImage refusals.
    add_image(
        &mut w,
        "m-bp1inuse000000000001",
        hz,
        "prod-frontend",
        ImageStatus::Available,
        40,
        "2024-04-01T00:00:00Z",
        UBUNTU,
        keep,
    );
    add_image(
        &mut w,
        "m-bp1sharedout00000001",
        hz,
        "partner-build",
        ImageStatus::Available,
        40,
        "2024-04-02T00:00:00Z",
        UBUNTU,
        keep,
    );
    for i in &mut w.images {
        match i.id.as_str() {
            "m-bp1inuse000000000001" => i.used_by_instances = true,
            "m-bp1sharedout00000001" => i.shared_to_others = true,
            _ => {}
        }
    }
    // Shared to us by another account, and a marketplace image published in two regions only.
    w.images.push(Image {
        id: "m-bp1partner000shared1".into(),
        region: hz.into(),
        name: "partner-shared-image".into(),
        description: "shared to this account by 9876543210987654".into(),
        size_gib: 40,
        status: Some(ImageStatus::Available),
        owner: Owner::Shared {
            ali_uid: 9_876_543_210_987_654,
        },
        snapshot_ids: vec![],
        creation_time: t("2024-03-03T00:00:00Z"),
        os_type: "linux".into(),
        os_name: "Alibaba Cloud Linux  3.2104 LTS 64位".into(),
        platform: "Aliyun".into(),
        architecture: "x86_64".into(),
        resource_group_id: String::new(),
        tags: vec![],
        encrypted: false,
        copy_task: None,
        used_by_instances: false,
        shared_to_others: false,
    });
    w.images.push(Image {
        id: "m-bp1market0000lamp001".into(),
        region: hz.into(),
        name: "LAMP-stack-marketplace".into(),
        description: "Marketplace image".into(),
        size_gib: 40,
        status: Some(ImageStatus::Available),
        owner: Owner::Marketplace {
            published_regions: vec!["cn-hangzhou".into(), "cn-beijing".into()],
        },
        snapshot_ids: vec![],
        creation_time: t("2023-11-11T00:00:00Z"),
        os_type: "linux".into(),
        os_name: "CentOS  7.9 64位".into(),
        platform: "CentOS".into(),
        architecture: "x86_64".into(),
        resource_group_id: String::new(),
        tags: vec![],
        encrypted: false,
        copy_task: None,
        used_by_instances: false,
        shared_to_others: false,
    });
    // Destination-side: a name already taken in cn-shanghai; one image in cn-qingdao and one snapshot in
    // cn-shenzhen, which fill those regions when a catalog setup sets their quota to 1.
    add_image(
        &mut w,
        "m-uf6existing000000001",
        "cn-shanghai",
        "web-copy",
        ImageStatus::Available,
        40,
        "2024-03-05T00:00:00Z",
        CENTOS,
        keep,
    );
    add_image(
        &mut w,
        "m-m5equota000000000001",
        "cn-qingdao",
        "qingdao-only",
        ImageStatus::Available,
        20,
        "2024-03-06T00:00:00Z",
        CENTOS,
        keep,
    );
    add_image(
        &mut w,
        "m-wz9quota000000000001",
        "cn-shenzhen",
        "shenzhen-only",
        ImageStatus::Available,
        20,
        "2024-03-07T00:00:00Z",
        CENTOS,
        keep,
    );
    // cn-beijing: three images whose copies keep the cn-beijing lane busy.
    for (n, id) in [
        "m-2zebatch00000000001",
        "m-2zebatch00000000002",
        "m-2zebatch00000000003",
    ]
    .iter()
    .enumerate()
    {
        add_image(
            &mut w,
            id,
            "cn-beijing",
            &format!("batch-node-{}", n + 1),
            ImageStatus::Available,
            100,
            "2024-05-10T00:00:00Z",
            CENTOS,
            keep,
        );
    }
    w.kms_keys = vec![
        KmsKey {
            id: DOC_KMS_KEY_ID.into(),
            region: "cn-shanghai".into(),
            enabled: true,
            ecs_authorized: true,
        },
        KmsKey {
            id: "0b5b1c2d-disabled-key-0000000000aa".into(),
            region: "cn-shanghai".into(),
            enabled: false,
            ecs_authorized: true,
        },
        KmsKey {
            id: "7c1e2f3a-unauthorized-key-00000000bb".into(),
            region: "cn-shanghai".into(),
            enabled: true,
            ecs_authorized: false,
        },
    ];
    let mut rng = Rng::new(20_140_526);
    for (id, to) in [
        ("m-2zebatch00000000001", "cn-shanghai"),
        ("m-2zebatch00000000002", "cn-hangzhou"),
        ("m-2zebatch00000000003", "cn-shanghai"),
    ] {
        queue_copy(&mut w, &mut rng, id, "cn-beijing", to);
    }
    // Ten minutes in: the first cn-beijing copy is part-way, the others wait.
    w.advance(600);
    add_instances(&mut w);
    w
}

/// The default world's instance: the instance ID ReplaceSystemDisk examples use.
pub const DOC_INSTANCE_ID: &str = "i-uf6stoppedweb000001";

/// A stopped instance in cn-shanghai, where the lessons copy to, so ReplaceSystemDisk can put a copy on it
/// once the copy is Available. It runs a public image (not one of the world's), so no image of the world is
/// in use because of it.
fn add_instances(w: &mut World) {
    w.instances.push(Instance {
        id: DOC_INSTANCE_ID.into(),
        region: "cn-shanghai".into(),
        status: InstanceStatus::Stopped,
        image_id: "ubuntu_22_04_x64_20G_alibase_20240508.vhd".into(),
        instance_type: "ecs.g6.large".into(),
        creation_time: t("2024-05-10T09:00:00Z"),
        system_disk_id: "d-uf6stoppedweb000001".into(),
        running_at: None,
        label: "stopped web server: replace its system disk with your copy".into(),
    });
}

fn minimal_world() -> World {
    let mut w = base_world(
        "minimal",
        "The smallest world where the reference example works: one Available image in cn-hangzhou.",
        &["cn-hangzhou", "cn-shanghai"],
    );
    add_image(
        &mut w,
        DOC_IMAGE_ID,
        "cn-hangzhou",
        "web-server-base",
        ImageStatus::Available,
        40,
        "2024-03-01T10:00:00Z",
        CENTOS,
        keep,
    );
    w
}

fn busy_queue_world() -> World {
    let mut w = base_world(
        "busy-queue",
        "Four copies from cn-hangzhou wait in one lane (limit 1): advance the clock to watch them run in order.",
        &["cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen"],
    );
    let ids = [
        "m-bp1queue00000000001",
        "m-bp1queue00000000002",
        "m-bp1queue00000000003",
        "m-bp1queue00000000004",
    ];
    for (n, id) in ids.iter().enumerate() {
        add_image(
            &mut w,
            id,
            "cn-hangzhou",
            &format!("queued-{}", n + 1),
            ImageStatus::Available,
            20 + 10 * n as u64,
            "2024-05-01T00:00:00Z",
            UBUNTU,
            keep,
        );
    }
    add_image(
        &mut w,
        DOC_IMAGE_ID,
        "cn-hangzhou",
        "web-server-base",
        ImageStatus::Available,
        40,
        "2024-03-01T10:00:00Z",
        CENTOS,
        keep,
    );
    let mut rng = Rng::new(7);
    for (id, to) in ids
        .iter()
        .zip(["cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-shanghai"])
    {
        queue_copy(&mut w, &mut rng, id, "cn-hangzhou", to);
    }
    w
}

fn ram_user_world() -> World {
    let mut w = minimal_world();
    w.name = "ram-user".into();
    w.description = "Requests come from RAM user dev-alice, who manages only rg-bp67acfmxazb4p****: omit \
                     ResourceGroupId and the copy is Forbbiden; name that group and it succeeds."
        .into();
    w.caller = Caller::RamUser {
        name: "dev-alice".into(),
    };
    w
}

fn five_running_world() -> World {
    let mut w = busy_queue_world();
    w.name = "five-running".into();
    w.description = "The newer documentation's limit: five copy tasks run at once per region.".into();
    w.settings.queue_limit = 5;
    // Re-run the queue from scratch under the new limit: rebuild the same copies.
    w.queue = Default::default();
    w.images.retain(|i| i.copy_task.is_none());
    let keep_ids: Vec<String> = w.images.iter().flat_map(|i| i.snapshot_ids.clone()).collect();
    w.snapshots.retain(|s| keep_ids.contains(&s.id));
    let mut rng = Rng::new(7);
    for (n, to) in ["cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-shanghai"]
        .iter()
        .enumerate()
    {
        let id = format!("m-bp1queue0000000000{}", n + 1);
        queue_copy(&mut w, &mut rng, &id, "cn-hangzhou", to);
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::{from_json, to_json};

    #[test]
    fn every_preset_builds_and_round_trips() {
        for name in preset_names() {
            let w = preset(name).unwrap_or_else(|| panic!("preset {name}"));
            let back = from_json(&to_json(&w)).unwrap();
            assert_eq!(back, w, "{name}");
        }
        assert!(preset("nope").is_none());
    }

    #[test]
    fn default_has_a_busy_beijing_lane() {
        let w = preset("default").unwrap();
        let lane = w.queue.lane("cn-beijing").unwrap();
        assert_eq!(lane.running.len(), 1);
        assert_eq!(lane.waiting.len(), 2);
        assert_eq!(w.now, 600);
        assert!(w.images.len() >= 12);
    }

    #[test]
    fn default_world_is_every_open_region_with_defaults() {
        let w = preset("default").unwrap();
        let ids: Vec<&str> = w.regions.iter().map(|r| r.id.as_str()).collect();
        let open: Vec<&str> = crate::model::regions::open_regions().map(|r| r.id).collect();
        assert_eq!(ids, open);
        assert_eq!(ids.len(), 27);
        for r in &w.regions {
            let plain = RegionSettings {
                id_prefix: r.id_prefix.clone(),
                ..RegionSettings::new(&r.id)
            };
            assert_eq!(r, &plain, "{} has an override", r.id);
        }
    }

    #[test]
    fn the_doc_image_copies_from_cn_hangzhou_to_every_other_open_region() {
        use crate::base::api::API_VERSION;
        use crate::service::engine::CallContext;
        let mut e = Engine::from_preset("default", 1).unwrap();
        let others: Vec<&str> = crate::model::regions::open_regions()
            .map(|r| r.id)
            .filter(|r| *r != "cn-hangzhou")
            .collect();
        assert_eq!(others.len(), 26);
        for to in others {
            let p: Params = [
                ("Action", "CopyImage"),
                ("Version", API_VERSION),
                ("RegionId", "cn-hangzhou"),
                ("ImageId", DOC_IMAGE_ID),
                ("DestinationRegionId", to),
            ]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
            let x = e.call(&p, &CallContext::new("ecs.cn-hangzhou.aliyuncs.com"));
            assert_eq!(x.response.status, 200, "{to}: {}", x.response.body);
            assert_eq!(x.response.status_line(), "HTTP/1.1 200 OK", "{to}");
            let copy = x.answer.str_field("ImageId").unwrap_or_default().to_string();
            assert!(e.world().image_in(to, &copy).is_some(), "{to}: no copy {copy}");
        }
    }

    #[test]
    fn region_settings_and_the_example_queue_are_labelled() {
        use crate::model::edits::{apply, set_edit};
        let mut w = preset("default").unwrap();
        assert!(w.regions.iter().all(|r| region_labels(&w, &r.id).is_empty()));
        assert_eq!(
            lane_label(&w, "cn-beijing"),
            Some("the example busy queue: three copies the default world starts with")
        );
        assert_eq!(lane_label(&w, "cn-hangzhou"), None);
        for (path, v) in [
            ("/regions/cn-qingdao/image_quota", "1"),
            ("/regions/cn-shenzhen/snapshot_quota", "5"),
            ("/regions/cn-nanjing/supports_copy", "false"),
            ("/regions/ap-northeast-1/supports_byok", "false"),
        ] {
            apply(&mut w, &set_edit(path, v)).unwrap();
        }
        assert_eq!(
            region_labels(&w, "cn-qingdao"),
            ["Image quota: 1 (1 held; full: a copy here answers QuotaExceed.Image)."]
        );
        assert_eq!(region_labels(&w, "cn-shenzhen"), ["Snapshot quota: 5 (1 held)."]);
        assert_eq!(
            region_labels(&w, "cn-nanjing"),
            ["Image copy is off: a copy from or to it answers RegionNotSupportCopy."]
        );
        assert_eq!(
            region_labels(&w, "ap-northeast-1"),
            ["BYOK is off: an encrypted copy with your KMS key answers InvalidRegion.NotSupport."]
        );
        assert!(region_labels(&w, "mars-1").is_empty());
        w.name = "imported".into();
        assert_eq!(lane_label(&w, "cn-beijing"), None);
    }

    #[test]
    fn bad_scenarios_are_clear_errors() {
        assert!(from_json("{").unwrap_err().starts_with("scenario JSON:"));
        assert!(from_json("[]").is_err());
        let mut w = preset("minimal").unwrap();
        w.regions.push(RegionSettings::new("mars-1"));
        assert!(from_json(&to_json(&w)).unwrap_err().contains("unknown region `mars-1`"));
        let mut w = preset("minimal").unwrap();
        let dup = w.images[0].clone();
        w.images.push(dup);
        assert!(from_json(&to_json(&w)).unwrap_err().contains("duplicate image ID"));
        let j = to_json(&preset("minimal").unwrap()).replace("\"ali_uid\": 1234567890123456", "\"ali_uid\": \"x\"");
        assert!(from_json(&j).unwrap_err().contains("invalid type"));
    }
}
