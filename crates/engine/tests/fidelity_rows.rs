//! Choices of FIDELITY.md that no other test pinned, one test each (the rows name them): queue settings,
//! the copy-fails fault, DeleteImage of a missing image, dry runs, names of copies, DescribeImages filters.

use copyimage_engine::edits::Edit;
use copyimage_engine::engine::{CallContext, Engine};
use copyimage_engine::scenario::DOC_IMAGE_ID;
use copyimage_engine::wire::Params;
use copyimage_engine::world::FaultKind;
use serde_json::Value;

fn call(e: &mut Engine, v: &[(&str, &str)]) -> (u16, Value) {
    let mut params: Params = vec![
        ("Version".into(), "2014-05-26".into()),
        ("Format".into(), "JSON".into()),
    ];
    params.extend(v.iter().map(|(a, b)| (a.to_string(), b.to_string())));
    let x = e.call(&params, &CallContext::new("ecs.cn-hangzhou.aliyuncs.com"));
    (x.response.status, serde_json::from_str(&x.response.body).unwrap())
}

fn copy(e: &mut Engine, to: &str, extra: &[(&str, &str)]) -> (u16, Value) {
    let mut v = vec![
        ("Action", "CopyImage"),
        ("RegionId", "cn-hangzhou"),
        ("ImageId", DOC_IMAGE_ID),
        ("DestinationRegionId", to),
    ];
    v.extend_from_slice(extra);
    call(e, &v)
}

fn status(e: &mut Engine, region: &str, id: &str) -> (String, String) {
    let (_, v) = call(
        e,
        &[
            ("Action", "DescribeImages"),
            ("RegionId", region),
            ("ImageId", id),
            ("Status", "ALL"),
        ],
    );
    let img = &v["Images"]["Image"][0];
    (
        img["Status"].as_str().unwrap_or("").into(),
        img["Progress"].as_str().unwrap_or("").into(),
    )
}

fn edit(e: &mut Engine, path: &str, value: &str) {
    Edit::set(path, value).apply(e.world_mut()).unwrap();
    e.revalidate().unwrap();
}

#[test]
fn queue_limit_and_lane_settings() {
    let mut e = Engine::from_preset("minimal", 1).unwrap();
    let id = |v: (u16, Value)| v.1["ImageId"].as_str().unwrap().to_string();
    let a = id(copy(&mut e, "cn-shanghai", &[]));
    let b = id(copy(&mut e, "cn-shanghai", &[]));
    // Default: one running task per lane, so the second copy waits.
    assert_eq!(status(&mut e, "cn-shanghai", &a).0, "Creating");
    assert_eq!(status(&mut e, "cn-shanghai", &b).0, "Waiting");
    // Raising the limit starts the waiting task at once.
    edit(&mut e, "/settings/queue_limit", "5");
    assert_eq!(status(&mut e, "cn-shanghai", &b).0, "Creating");

    // Two copies from cn-hangzhou to two regions: one lane (the source) by default, two by destination.
    for (key, second) in [("source", "Waiting"), ("destination", "Creating")] {
        let mut e = Engine::from_preset("default", 1).unwrap();
        edit(&mut e, "/settings/queue_key", key);
        let a = id(copy(&mut e, "cn-shanghai", &[]));
        let b = id(copy(&mut e, "cn-hongkong", &[]));
        assert_eq!(status(&mut e, "cn-hongkong", &b).0, second, "{key}");
        assert_ne!(status(&mut e, "cn-shanghai", &a).0, "Available");
    }
}

#[test]
fn progress_is_floored_and_stays_below_100_while_running() {
    let mut e = Engine::from_preset("minimal", 1).unwrap();
    let a = copy(&mut e, "cn-shanghai", &[]).1["ImageId"]
        .as_str()
        .unwrap()
        .to_string();
    // 40 GiB at 30 s/GiB = 1200 s: 1199 s is 99.9%, shown as 99%.
    e.advance(1199);
    assert_eq!(status(&mut e, "cn-shanghai", &a), ("Creating".into(), "99%".into()));
    e.advance(1);
    assert_eq!(status(&mut e, "cn-shanghai", &a), ("Available".into(), "100%".into()));
    // A faster world copies sooner.
    let mut e = Engine::from_preset("minimal", 1).unwrap();
    edit(&mut e, "/settings/copy_secs_per_gib", "3");
    let a = copy(&mut e, "cn-shanghai", &[]).1["ImageId"]
        .as_str()
        .unwrap()
        .to_string();
    e.advance(120);
    assert_eq!(status(&mut e, "cn-shanghai", &a).0, "Available");
}

#[test]
fn a_copy_fails_half_way_when_the_fault_hits() {
    let mut e = Engine::from_preset("minimal", 1).unwrap();
    Edit::add_fault("CopyImage", FaultKind::CopyFails)
        .apply(e.world_mut())
        .unwrap();
    let a = copy(&mut e, "cn-shanghai", &[]).1["ImageId"]
        .as_str()
        .unwrap()
        .to_string();
    e.run_to_idle();
    assert_eq!(status(&mut e, "cn-shanghai", &a), ("CreateFailed".into(), "50%".into()));
}

#[test]
fn delete_of_a_missing_image_is_ignored_unless_the_world_says_not_found() {
    let mut e = Engine::from_preset("default", 1).unwrap();
    let del = |e: &mut Engine, id: &str| {
        let (st, v) = call(
            e,
            &[("Action", "DeleteImage"), ("RegionId", "cn-hangzhou"), ("ImageId", id)],
        );
        (st, v["Code"].as_str().map(String::from))
    };
    assert_eq!(del(&mut e, "m-bp1nosuchimage000001"), (200, None));
    // An image shared to the account counts as missing: ignored too, and still there.
    assert_eq!(del(&mut e, "m-bp1partner000shared1"), (200, None));
    assert!(e.world().image("m-bp1partner000shared1").is_some());
    edit(&mut e, "/settings/delete_missing_image", "not_found");
    assert_eq!(
        del(&mut e, "m-bp1nosuchimage000001"),
        (404, Some("InvalidImageId.NotFound".into()))
    );
}

#[test]
fn a_dry_run_runs_every_check() {
    let mut e = Engine::from_preset("default", 1).unwrap();
    // A business rule (same source and destination) still answers its own error in a dry run.
    let (st, v) = copy(&mut e, "cn-hangzhou", &[("DryRun", "true")]);
    assert_eq!((st, v["Code"].as_str()), (403, Some("IncorrectDestinationRegion")));
    let (st, v) = copy(&mut e, "cn-shanghai", &[("DryRun", "TRUE")]);
    assert_eq!((st, v["Code"].as_str()), (400, Some("DryRunOperation")));
    assert!(e
        .world()
        .queue
        .tasks
        .iter()
        .all(|t| t.source_image_id != DOC_IMAGE_ID || t.destination_region != "cn-shanghai"));
}

#[test]
fn a_copy_without_a_name_takes_the_sources_and_only_a_given_name_can_be_duplicated() {
    let mut e = Engine::from_preset("minimal", 1).unwrap();
    let source = e.world().image(DOC_IMAGE_ID).unwrap().clone();
    let a = copy(&mut e, "cn-shanghai", &[]).1["ImageId"]
        .as_str()
        .unwrap()
        .to_string();
    let copied = e.world().image(&a).unwrap();
    assert_eq!((&copied.name, &copied.description), (&source.name, &source.description));
    // The copy holds the source's name in the destination, but a second unnamed copy is not a duplicate.
    assert_eq!(copy(&mut e, "cn-shanghai", &[]).0, 200);
    let (st, v) = copy(&mut e, "cn-shanghai", &[("DestinationImageName", &source.name)]);
    assert_eq!((st, v["Code"].as_str()), (400, Some("InvalidImageName.Duplicated")));
}

#[test]
fn describe_images_status_filters() {
    let mut e = Engine::from_preset("default", 1).unwrap();
    let count = |e: &mut Engine, extra: &[(&str, &str)]| {
        let mut v = vec![("Action", "DescribeImages"), ("RegionId", "cn-hangzhou")];
        v.extend_from_slice(extra);
        call(e, &v).1["TotalCount"].as_u64().unwrap()
    };
    assert_eq!(
        count(&mut e, &[("Status", "Sleeping")]),
        0,
        "an unknown status matches nothing"
    );
    let all = count(&mut e, &[("Status", "ALL")]);
    let available = count(&mut e, &[]);
    assert!(all > available, "ALL also lists images that are not Available");
    // Marketplace images only when asked for, and without an ImageOwnerId.
    let (_, v) = call(
        &mut e,
        &[
            ("Action", "DescribeImages"),
            ("RegionId", "cn-hangzhou"),
            ("ImageOwnerAlias", "marketplace"),
        ],
    );
    let img = &v["Images"]["Image"][0];
    assert_eq!(img["ImageId"], "m-bp1market0000lamp001");
    assert!(img.get("ImageOwnerId").is_none(), "{img}");
}

#[test]
fn copy_image_checks_run_in_the_documented_order() {
    // Each request breaks two rules; the earlier one in FIDELITY's "CopyImage order" answers.
    let first = |extra: &[(&str, &str)]| {
        let mut e = Engine::from_preset("default", 1).unwrap();
        // The catalog's labelled setting for RegionNotSupportCopy: cn-nanjing without image copy (the
        // default account itself copies everywhere).
        if let Some(r) = e.world_mut().regions.iter_mut().find(|r| r.id == "cn-nanjing") {
            r.supports_copy = false;
        }
        let mut v = vec![("Action", "CopyImage")];
        v.extend_from_slice(extra);
        let (_, body) = call(&mut e, &v);
        body["Code"].as_str().unwrap_or("(success)").to_string()
    };
    let img = ("ImageId", DOC_IMAGE_ID);
    let hz = ("RegionId", "cn-hangzhou");
    let sh = ("DestinationRegionId", "cn-shanghai");
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("RegionId", "nowhere")], "MissingParameter"),
        (
            &[img, hz, sh, ("Encrypted", "maybe"), ("DestinationImageName", "1bad")],
            "InvalidParameter",
        ),
        (
            &[
                img,
                hz,
                sh,
                ("ClientToken", &"x".repeat(65)),
                ("DestinationImageName", "1bad"),
            ],
            "InvalidClientToken.ValueNotSupported",
        ),
        (
            &[
                img,
                hz,
                sh,
                ("DestinationImageName", "1bad"),
                ("DestinationDescription", "x"),
            ],
            "InvalidImageName.Malformed",
        ),
        (
            &[img, hz, sh, ("DestinationDescription", "x"), ("Tag.1.Key", "")],
            "InvalidDescription.Malformed",
        ),
        (
            &[img, hz, sh, ("Tag.1.Key", "acs:x"), ("KMSKeyId", "k")],
            "InvalidTagKey.Malformed",
        ),
        (
            &[img, hz, sh, ("KMSKeyId", "k"), ("Encrypted", "false")],
            "InvalidParameter.EncryptedIllegal",
        ),
        (
            &[img, ("RegionId", "nowhere"), ("DestinationRegionId", "nowhere")],
            "SourceRegion.NotFound",
        ),
        (
            &[("ImageId", "m-missing"), hz, ("DestinationRegionId", "nowhere")],
            "DestinationRegion.NotFound",
        ),
        (
            &[("ImageId", "m-missing"), hz, ("DestinationRegionId", "cn-hangzhou")],
            "IncorrectDestinationRegion",
        ),
        // An omitted destination is the source region.
        (&[("ImageId", "m-missing"), hz], "IncorrectDestinationRegion"),
        (
            &[("ImageId", "m-missing"), hz, ("DestinationRegionId", "cn-nanjing")],
            "RegionNotSupportCopy",
        ),
        (
            &[("ImageId", "m-missing"), hz, sh, ("DryRun", "true")],
            "InvalidImageId.NotFound",
        ),
        (&[img, hz, sh, ("DryRun", "true")], "DryRunOperation"),
    ];
    for (extra, code) in cases {
        assert_eq!(first(extra), *code, "{extra:?}");
    }
}

#[test]
fn a_copy_is_not_encrypted_unless_asked() {
    let mut e = Engine::from_preset("minimal", 1).unwrap();
    let plain = copy(&mut e, "cn-shanghai", &[]).1["ImageId"]
        .as_str()
        .unwrap()
        .to_string();
    let enc = copy(&mut e, "cn-shanghai", &[("Encrypted", "true")]).1["ImageId"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!e.world().image(&plain).unwrap().encrypted);
    assert!(e.world().image(&enc).unwrap().encrypted);
}

#[test]
fn new_ids_carry_the_destination_prefix() {
    let mut e = Engine::from_preset("minimal", 1).unwrap();
    let id = copy(&mut e, "cn-shanghai", &[]).1["ImageId"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(id.starts_with("m-uf6"), "{id}");
    assert_eq!(id.len(), 22, "{id}");
    for s in &e.world().image(&id).unwrap().snapshot_ids {
        assert!(s.starts_with("s-uf6") && s.len() == 22, "{s}");
    }
}

#[test]
fn creation_time_is_base_time_plus_world_time() {
    let mut e = Engine::from_preset("minimal", 1).unwrap();
    e.advance(100);
    let id = copy(&mut e, "cn-shanghai", &[]).1["ImageId"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, v) = call(
        &mut e,
        &[
            ("Action", "DescribeImages"),
            ("RegionId", "cn-shanghai"),
            ("ImageId", &id),
            ("Status", "ALL"),
        ],
    );
    assert_eq!(v["Images"]["Image"][0]["CreationTime"], "2024-05-20T08:01:40Z");
}

#[test]
fn tag_keys_and_values_may_be_128_characters_not_129() {
    let code = |k: &str, v: &str| {
        let mut e = Engine::from_preset("minimal", 1).unwrap();
        let (_, body) = copy(&mut e, "cn-shanghai", &[("Tag.1.Key", k), ("Tag.1.Value", v)]);
        body["Code"].as_str().unwrap_or("(success)").to_string()
    };
    let (k128, k129) = ("k".repeat(128), "k".repeat(129));
    assert_eq!(code(&k128, &k128), "(success)");
    assert_eq!(code(&k129, "v"), "InvalidTagKey.Malformed");
    assert_eq!(code("k", &k129), "InvalidTagValue.Malformed");
}

#[test]
fn an_image_of_exactly_the_maximum_size_may_be_copied() {
    let mut e = Engine::from_preset("minimal", 1).unwrap();
    let size = e.world().image(DOC_IMAGE_ID).unwrap().size_gib;
    e.world_mut().account.max_image_size_gib = size;
    assert_eq!(copy(&mut e, "cn-shanghai", &[]).0, 200);
    e.world_mut().account.max_image_size_gib = size - 1;
    let (st, body) = copy(&mut e, "cn-shanghai", &[]);
    assert_eq!((st, body["Code"].as_str()), (403, Some("SizeExceed.Image")));
}

#[test]
fn tag_numbers_and_urls_in_keys() {
    let code = |extra: &[(&str, &str)]| {
        let mut e = Engine::from_preset("minimal", 1).unwrap();
        let (_, body) = copy(&mut e, "cn-shanghai", extra);
        body["Code"].as_str().unwrap_or("(success)").to_string()
    };
    assert_eq!(code(&[("Tag.20.Key", "k")]), "(success)", "N may be 20");
    assert_eq!(code(&[("Tag.21.Key", "k")]), "NumberExceed.Tags");
    // N is digits only: a sign is not a number, though Rust's parser would take it.
    assert_eq!(code(&[("Tag.+5.Key", "k")]), "InvalidTagCount");
    for key in ["see-http://x", "see-https://x"] {
        assert_eq!(code(&[("Tag.1.Key", key)]), "InvalidTagKey.Malformed", "{key}");
    }
}
