//! The operations end to end through the facade: copy lifecycle, idempotency, cancel, delete, describe,
//! the HTTP path with real signatures, escaping.

use copyimage_engine::clock::UtcTime;
use copyimage_engine::engine::{CallContext, Engine};
use copyimage_engine::scenario::{DOC_IMAGE_ID, DOC_KMS_KEY_ID, DOC_RESOURCE_GROUP_ID};
use copyimage_engine::sign;
use copyimage_engine::wire::{HttpRequest, Params};
use serde_json::Value;

fn p(v: &[(&str, &str)]) -> Params {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

fn ctx() -> CallContext {
    CallContext::new("ecs.cn-hangzhou.aliyuncs.com")
}

fn json(e: &mut Engine, v: &[(&str, &str)]) -> (u16, Value) {
    let mut params = p(&[("Version", "2014-05-26"), ("Format", "JSON")]);
    params.extend(p(v));
    let x = e.call(&params, &ctx());
    let body: Value = serde_json::from_str(&x.response.body).unwrap();
    (x.response.status, body)
}

fn copy(e: &mut Engine, image: &str, to: &str, extra: &[(&str, &str)]) -> (u16, Value) {
    let mut v = vec![
        ("Action", "CopyImage"),
        ("RegionId", "cn-hangzhou"),
        ("ImageId", image),
        ("DestinationRegionId", to),
    ];
    v.extend_from_slice(extra);
    json(e, &v)
}

fn describe(e: &mut Engine, region: &str, extra: &[(&str, &str)]) -> Value {
    let mut v = vec![("Action", "DescribeImages"), ("RegionId", region)];
    v.extend_from_slice(extra);
    let (st, body) = json(e, &v);
    assert_eq!(st, 200, "{body}");
    body
}

#[test]
fn a_copy_waits_creates_and_becomes_available() {
    let mut e = Engine::from_preset("minimal", 4).unwrap();
    let (st, a) = copy(&mut e, DOC_IMAGE_ID, "cn-shanghai", &[]);
    assert_eq!(st, 200);
    let a = a["ImageId"].as_str().unwrap().to_string();
    // Default Status filter is Available: the copy in progress is hidden.
    assert_eq!(describe(&mut e, "cn-shanghai", &[])["TotalCount"], 0);
    let creating = describe(&mut e, "cn-shanghai", &[("Status", "Creating")]);
    assert_eq!(creating["Images"]["Image"][0]["ImageId"], a.as_str());
    assert_eq!(creating["Images"]["Image"][0]["Progress"], "0%");
    assert_eq!(creating["Images"]["Image"][0]["IsCopied"], true);
    // A second copy from the same source region waits (limit 1, lane = source region).
    let (_, b) = copy(&mut e, DOC_IMAGE_ID, "cn-shanghai", &[]);
    let b = b["ImageId"].as_str().unwrap().to_string();
    let waiting = describe(&mut e, "cn-shanghai", &[("Status", "Waiting")]);
    assert_eq!(waiting["Images"]["Image"][0]["ImageId"], b.as_str());
    // 40 GiB at 30 s/GiB = 1200 s; half-way shows 50%.
    e.advance(600);
    let half = describe(&mut e, "cn-shanghai", &[("Status", "Creating"), ("ImageId", &a)]);
    assert_eq!(half["Images"]["Image"][0]["Progress"], "50%");
    assert!(e.run_to_next_event());
    assert_eq!(e.world_time(), 1200);
    let done = describe(&mut e, "cn-shanghai", &[("ImageId", &a)]);
    assert_eq!(done["Images"]["Image"][0]["Status"], "Available");
    assert_eq!(done["Images"]["Image"][0]["Progress"], "100%");
    assert_eq!(
        describe(&mut e, "cn-shanghai", &[("Status", "Creating")])["Images"]["Image"][0]["ImageId"],
        b.as_str()
    );
    e.run_to_idle();
    assert_eq!(e.world_time(), 2400);
    assert_eq!(describe(&mut e, "cn-shanghai", &[("Status", "ALL")])["TotalCount"], 2);
    assert!(!e.run_to_next_event());
}

#[test]
fn client_token_is_idempotent() {
    let mut e = Engine::from_preset("default", 4).unwrap();
    let tasks = e.world().queue.tasks.len();
    let (_, a) = copy(&mut e, DOC_IMAGE_ID, "cn-shanghai", &[("ClientToken", "abc")]);
    let (st, b) = copy(&mut e, DOC_IMAGE_ID, "cn-shanghai", &[("ClientToken", "abc")]);
    assert_eq!(st, 200);
    assert_eq!(a["ImageId"], b["ImageId"]);
    assert_ne!(a["RequestId"], b["RequestId"]);
    assert_eq!(e.world().queue.tasks.len(), tasks + 1, "no new task for a retry");
    let (st, c) = copy(&mut e, DOC_IMAGE_ID, "cn-beijing", &[("ClientToken", "abc")]);
    assert_eq!(st, 400);
    assert_eq!(c["Code"], "IdempotentParameterMismatch");
    // A parameter CopyImage does not take is ignored by the service, so a retry that adds one is the same
    // request; a documented one (a tag) changes it.
    let (st, d) = copy(
        &mut e,
        DOC_IMAGE_ID,
        "cn-shanghai",
        &[("ClientToken", "abc"), ("Foo", "bar")],
    );
    assert_eq!(st, 200, "{d}");
    assert_eq!(a["ImageId"], d["ImageId"]);
    let (st, f) = copy(
        &mut e,
        DOC_IMAGE_ID,
        "cn-shanghai",
        &[("ClientToken", "abc"), ("Tag.1.Key", "team")],
    );
    assert_eq!(st, 400);
    assert_eq!(f["Code"], "IdempotentParameterMismatch");
}

#[test]
fn preview_is_exactly_the_next_call() {
    let mut e = Engine::from_preset("default", 11).unwrap();
    let req = p(&[
        ("Action", "CopyImage"),
        ("Version", "2014-05-26"),
        ("RegionId", "cn-hangzhou"),
        ("ImageId", DOC_IMAGE_ID),
        ("DestinationRegionId", "cn-shanghai"),
    ]);
    let before = e.clone();
    let a = e.preview(&req, &ctx());
    let b = e.preview(&req, &ctx());
    assert_eq!(a, b);
    assert_eq!(e, before, "preview commits nothing");
    let c = e.call(&req, &ctx());
    assert_eq!(a, c);
    let d = e.call(&req, &ctx());
    assert_ne!(c.request_id, d.request_id);
    assert_ne!(c.response.body, d.response.body, "a new ImageId each time");
    // XML is the default format.
    assert!(c
        .response
        .body
        .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?><CopyImageResponse><RequestId>"));
}

#[test]
fn cancel_deletes_the_copy_and_the_lane_moves_on() {
    let mut e = Engine::from_preset("busy-queue", 1).unwrap();
    let first = e.world().queue.tasks[0].clone();
    let second = e.world().queue.tasks[1].clone();
    assert_eq!(
        e.world()
            .image(&second.destination_image_id)
            .map(|i| e.world().status_of(i).as_str()),
        Some("Waiting")
    );
    e.advance(100);
    let (st, body) = json(
        &mut e,
        &[
            ("Action", "CancelCopyImage"),
            ("RegionId", &first.destination_region),
            ("ImageId", &first.destination_image_id),
        ],
    );
    assert_eq!(st, 200, "{body}");
    assert!(e.world().image(&first.destination_image_id).is_none());
    assert_eq!(e.world().queue.tasks[1].started_at, Some(100));
    // Cancelling again: the image is gone.
    let (st, body) = json(
        &mut e,
        &[
            ("Action", "CancelCopyImage"),
            ("RegionId", &first.destination_region),
            ("ImageId", &first.destination_image_id),
        ],
    );
    assert_eq!((st, body["Code"].as_str()), (404, Some("InvalidImageId.NotFound")));
}

#[test]
fn delete_image_rules() {
    let mut e = Engine::from_preset("default", 1).unwrap();
    let (st, _) = json(
        &mut e,
        &[
            ("Action", "DeleteImage"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", "m-bp1nope"),
        ],
    );
    assert_eq!(st, 200, "a missing image is ignored by default");
    let (_, c) = copy(&mut e, DOC_IMAGE_ID, "cn-shanghai", &[]);
    let id = c["ImageId"].as_str().unwrap().to_string();
    let (st, body) = json(
        &mut e,
        &[("Action", "DeleteImage"), ("RegionId", "cn-shanghai"), ("ImageId", &id)],
    );
    assert_eq!((st, body["Message"].as_str()), (403, Some("The Image is coping.")));
    e.run_to_idle();
    let (st, _) = json(
        &mut e,
        &[
            ("Action", "DeleteImage"),
            ("RegionId", "cn-shanghai"),
            ("ImageId", &id),
            ("DryRun", "True"),
        ],
    );
    assert_eq!(st, 400);
    let (st, _) = json(
        &mut e,
        &[("Action", "DeleteImage"), ("RegionId", "cn-shanghai"), ("ImageId", &id)],
    );
    assert_eq!(st, 200);
    assert!(e.world().image(&id).is_none());
    let (st, _) = json(
        &mut e,
        &[
            ("Action", "DeleteImage"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", "m-bp1inuse000000000001"),
            ("Force", "true"),
        ],
    );
    assert_eq!(st, 200, "Force deletes an image in use");
}

#[test]
fn ram_user_with_a_managed_group_and_encrypted_copies_succeed() {
    let mut e = Engine::from_preset("ram-user", 1).unwrap();
    let (st, body) = copy(&mut e, DOC_IMAGE_ID, "cn-shanghai", &[]);
    assert_eq!((st, body["Code"].as_str()), (403, Some("Forbbiden")));
    let (st, body) = copy(
        &mut e,
        DOC_IMAGE_ID,
        "cn-shanghai",
        &[("ResourceGroupId", DOC_RESOURCE_GROUP_ID)],
    );
    assert_eq!(st, 200, "{body}");
    let mut e = Engine::from_preset("default", 1).unwrap();
    let (st, body) = copy(
        &mut e,
        DOC_IMAGE_ID,
        "cn-shanghai",
        &[
            ("Encrypted", "True"),
            ("KMSKeyId", DOC_KMS_KEY_ID),
            ("Tag.1.Key", "team"),
            ("Tag.1.Value", "<a&b>"),
        ],
    );
    assert_eq!(st, 200, "{body}");
    let id = body["ImageId"].as_str().unwrap().to_string();
    let x = e.call(
        &p(&[
            ("Action", "DescribeImages"),
            ("Version", "2014-05-26"),
            ("RegionId", "cn-shanghai"),
            ("ImageId", &id),
            ("Status", "Creating"),
        ]),
        &ctx(),
    );
    assert!(
        x.response
            .body
            .contains("<Tags><Tag><TagKey>team</TagKey><TagValue>&lt;a&amp;b&gt;</TagValue></Tag></Tags>"),
        "{}",
        x.response.body
    );
}

#[test]
fn describe_regions_in_both_languages() {
    let mut e = Engine::from_preset("minimal", 1).unwrap();
    let (_, zh) = json(&mut e, &[("Action", "DescribeRegions")]);
    assert_eq!(zh["Regions"]["Region"][0]["LocalName"], "华东1（杭州）");
    assert_eq!(
        zh["Regions"]["Region"][0]["RegionEndpoint"],
        "ecs.cn-hangzhou.aliyuncs.com"
    );
    let (_, en) = json(&mut e, &[("Action", "DescribeRegions"), ("AcceptLanguage", "en-US")]);
    assert_eq!(en["Regions"]["Region"][1]["LocalName"], "China (Shanghai)");
}

#[test]
fn paging() {
    let mut e = Engine::from_preset("default", 1).unwrap();
    let all = describe(&mut e, "cn-hangzhou", &[("Status", "ALL"), ("PageSize", "100")]);
    let total = all["TotalCount"].as_u64().unwrap();
    assert!(total >= 12);
    let p2 = describe(
        &mut e,
        "cn-hangzhou",
        &[("Status", "ALL"), ("PageSize", "5"), ("PageNumber", "2")],
    );
    assert_eq!(p2["Images"]["Image"].as_array().unwrap().len(), 5);
    assert_eq!(
        p2["Images"]["Image"][0]["ImageId"],
        all["Images"]["Image"][5]["ImageId"]
    );
    let (st, body) = json(
        &mut e,
        &[
            ("Action", "DescribeImages"),
            ("RegionId", "cn-hangzhou"),
            ("PageSize", "101"),
        ],
    );
    assert_eq!((st, body["Code"].as_str()), (400, Some("InvalidParameter")));
}

fn signed(key: &str, secret: &str, business: &[(&str, &str)], nonce: &str, t: UtcTime) -> HttpRequest {
    let base = sign::v1_common_params(key, &t.to_iso8601(), nonce);
    let params = sign::merge_params(&base, &p(business));
    let s = sign::sign_v1("GET", &params, secret);
    HttpRequest {
        method: "GET".into(),
        host: "127.0.0.1:8765".into(),
        path: "/".into(),
        query: sign::v1_signed_query(&params, &s.signature),
        headers: vec![],
        body: String::new(),
    }
}

#[test]
fn the_http_path_signs_dispatches_and_uses_the_keys_principal() {
    let mut e = Engine::from_preset("default", 1).unwrap();
    let t = UtcTime::parse_iso8601("2024-05-20T08:00:00Z").unwrap();
    let business = [
        ("Action", "CopyImage"),
        ("RegionId", "cn-hangzhou"),
        ("ImageId", DOC_IMAGE_ID),
        ("DestinationRegionId", "cn-shanghai"),
    ];
    let x = e.handle_http(&signed("testid", "testsecret", &business, "n-1", t), t);
    assert_eq!(x.response.status, 200, "{}", x.response.body);
    assert_eq!(
        x.response.header("Content-Type"),
        Some("application/json;charset=utf-8")
    );
    // Wrong secret: the gateway refuses, HostId is the host the request was sent to.
    let x = e.handle_http(&signed("testid", "wrong", &business, "n-2", t), t);
    assert_eq!(x.response.status, 400);
    let v: Value = serde_json::from_str(&x.response.body).unwrap();
    assert_eq!(v["HostId"], "127.0.0.1:8765");
    // Alice's key is a RAM user without the default group.
    let x = e.handle_http(&signed("LTAI5tAliceRamUserKey", "alice-secret", &business, "n-3", t), t);
    assert_eq!(x.response.status, 403, "{}", x.response.body);
    assert!(x.response.body.contains("Forbbiden"));
    // Unknown Action answers 404 before any signature check.
    let x = e.handle_http(&signed("testid", "wrong", &[("Action", "Nope")], "n-4", t), t);
    assert_eq!(x.response.status, 404);
}

#[test]
fn extreme_clock_and_values_do_not_panic() {
    let mut e = Engine::from_preset("default", 1).unwrap();
    e.world_mut().account.ali_uid = u64::MAX;
    e.world_mut().settings.copy_secs_per_gib = u64::MAX;
    let (st, _) = copy(&mut e, DOC_IMAGE_ID, "cn-shanghai", &[]);
    assert_eq!(st, 200);
    e.advance(u64::MAX);
    e.advance(u64::MAX);
    e.run_to_idle();
    let all = describe(
        &mut e,
        "cn-shanghai",
        &[("Status", "ALL"), ("PageNumber", "4294967295")],
    );
    assert_eq!(all["Images"]["Image"].as_array().map(Vec::len), Some(0));
    let one = describe(&mut e, "cn-hangzhou", &[("ImageId", DOC_IMAGE_ID)]);
    assert_eq!(one["Images"]["Image"][0]["ImageOwnerId"], i64::MAX);
}

#[test]
fn an_engine_saved_as_json_resumes_exactly() {
    let mut e = Engine::from_preset("busy-queue", 8).unwrap();
    e.advance(300);
    let json = serde_json::to_string(&e).unwrap();
    let mut back: Engine = serde_json::from_str(&json).unwrap();
    assert_eq!(back, e);
    let req = p(&[
        ("Action", "CopyImage"),
        ("Version", "2014-05-26"),
        ("RegionId", "cn-hangzhou"),
        ("ImageId", DOC_IMAGE_ID),
        ("DestinationRegionId", "cn-shanghai"),
    ]);
    assert_eq!(back.call(&req, &ctx()), e.call(&req, &ctx()));
    back.run_to_idle();
    e.run_to_idle();
    assert_eq!(back, e);
    assert!(back.world().queue.tasks.iter().all(|t| !t.state.is_active()));
}

#[test]
fn a_shared_image_copies_within_its_region_only() {
    const SHARED: &str = "m-bp1partner000shared1"; // the default world's image shared to the caller, in cn-hangzhou
    let mut e = Engine::from_preset("default", 5).unwrap();
    // Within its region: allowed, and the copy is the caller's own image there, queued like any copy.
    let (st, a) = copy(&mut e, SHARED, "cn-hangzhou", &[]);
    assert_eq!(st, 200, "{a}");
    let id = a["ImageId"].as_str().unwrap().to_string();
    let img = e.world().image(&id).unwrap().clone();
    assert_eq!(img.region, "cn-hangzhou");
    assert_eq!(img.owner, copyimage_engine::world::Owner::Own);
    assert!(img.copy_task.is_some());
    // DestinationRegionId omitted: the destination is the source region, so the same copy within it.
    let (st, b) = json(
        &mut e,
        &[
            ("Action", "CopyImage"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", SHARED),
        ],
    );
    assert_eq!(st, 200, "{b}");
    // To another region: refused with the documented code.
    let (st, c) = copy(&mut e, SHARED, "cn-shanghai", &[]);
    assert_eq!(st, 403);
    assert_eq!(c["Code"], "OperationDenied.SameRegionOnly");
    // Own images still may not be copied to their own region.
    let (st, d) = copy(&mut e, DOC_IMAGE_ID, "cn-hangzhou", &[]);
    assert_eq!(st, 403);
    assert_eq!(d["Code"], "IncorrectDestinationRegion");
    // DescribeImages lists the shared image under ImageOwnerAlias=others, the copy under self.
    e.run_to_idle();
    let others = describe(&mut e, "cn-hangzhou", &[("ImageOwnerAlias", "others")]);
    assert_eq!(others["Images"]["Image"][0]["ImageId"], SHARED);
    let mine = describe(&mut e, "cn-hangzhou", &[("ImageOwnerAlias", "self"), ("ImageId", &id)]);
    assert_eq!(mine["TotalCount"], 1);
}

#[test]
fn resource_groups_unknown_vs_not_allowed() {
    // A group that does not exist: 404 InvalidResourceGroup.NotFound, for the account's root as for anyone.
    let mut e = Engine::from_preset("default", 6).unwrap();
    let (st, a) = copy(
        &mut e,
        DOC_IMAGE_ID,
        "cn-shanghai",
        &[("ResourceGroupId", "rg-doesnotexist0001")],
    );
    assert_eq!(st, 404, "{a}");
    assert_eq!(a["Code"], "InvalidResourceGroup.NotFound");
    assert_eq!(
        a["Message"],
        "The ResourceGroup provided does not exist in our records."
    );
    // A RAM user who may not manage the (existing) default group: 403 Forbbiden, as the reference's note says.
    let mut e = Engine::from_preset("ram-user", 6).unwrap();
    let (st, b) = copy(&mut e, DOC_IMAGE_ID, "cn-shanghai", &[]);
    assert_eq!(st, 403, "{b}");
    assert_eq!(b["Code"], "Forbbiden");
    let (st, c) = copy(
        &mut e,
        DOC_IMAGE_ID,
        "cn-shanghai",
        &[("ResourceGroupId", "rg-doesnotexist0001")],
    );
    assert_eq!(st, 404, "{c}");
    assert_eq!(c["Code"], "InvalidResourceGroup.NotFound");
}

#[test]
fn cancel_copy_image_messages_follow_the_task_state() {
    use copyimage_engine::queue::TaskState;
    let cancel = |e: &mut Engine, region: &str, image: &str| {
        let (st, body) = json(
            e,
            &[("Action", "CancelCopyImage"), ("RegionId", region), ("ImageId", image)],
        );
        (
            st,
            body["Code"].as_str().map(String::from),
            body["Message"].as_str().map(String::from),
        )
    };
    let expect = |m: &str| (400, Some("IncorrectImageStatus".to_string()), Some(m.to_string()));
    let mut e = Engine::from_preset("busy-queue", 1).unwrap();
    let task = e.world().queue.tasks[0].clone();
    let (region, image) = (task.destination_region.clone(), task.destination_image_id.clone());
    // Only a hand-written world holds a copy whose task is cancelled or missing: the engine's own
    // CancelCopyImage deletes the copy it cancels.
    e.world_mut().queue.tasks[0].state = TaskState::Canceled;
    assert_eq!(
        cancel(&mut e, &region, &image),
        expect("The specified image is not coping.")
    );
    let n = e.world().queue.tasks.len();
    let copy = e.world_mut().images.iter_mut().find(|i| i.id == image).unwrap();
    copy.copy_task = Some(n + 7);
    assert_eq!(
        cancel(&mut e, &region, &image),
        expect("The specified image is not coping.")
    );
    e.world_mut()
        .images
        .iter_mut()
        .find(|i| i.id == image)
        .unwrap()
        .copy_task = Some(0);
    e.world_mut().queue.tasks[0].state = TaskState::Done;
    assert_eq!(cancel(&mut e, &region, &image), expect("The image is copied finished."));
    e.world_mut().queue.tasks[0].state = TaskState::Failed;
    assert_eq!(
        cancel(&mut e, &region, &image),
        expect("The Image copy has been failed.")
    );
}
