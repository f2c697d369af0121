//! Using a copy where it landed: RunInstances and ReplaceSystemDisk (with DescribeInstances, StopInstance and
//! StartInstance) through the facade, JSON and XML, and old scenario files without instances.

use copyimage_engine::engine::{CallContext, Engine};
use copyimage_engine::scenario::{self, DOC_IMAGE_ID, DOC_INSTANCE_ID};
use copyimage_engine::wire::Params;
use serde_json::Value;

fn p(v: &[(&str, &str)]) -> Params {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

fn ctx() -> CallContext {
    CallContext::new("ecs.cn-shanghai.aliyuncs.com")
}

fn json(e: &mut Engine, v: &[(&str, &str)]) -> (u16, Value) {
    let mut params = p(&[("Version", "2014-05-26"), ("Format", "JSON")]);
    params.extend(p(v));
    let x = e.call(&params, &ctx());
    let body: Value = serde_json::from_str(&x.response.body).unwrap();
    (x.response.status, body)
}

/// Copies the reference's image from cn-hangzhou to cn-shanghai; the copy's ID.
fn copy_to_shanghai(e: &mut Engine) -> String {
    let (st, b) = json(
        e,
        &[
            ("Action", "CopyImage"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", DOC_IMAGE_ID),
            ("DestinationRegionId", "cn-shanghai"),
        ],
    );
    assert_eq!(st, 200, "{b}");
    b["ImageId"].as_str().unwrap().to_string()
}

fn run(e: &mut Engine, image: &str, extra: &[(&str, &str)]) -> (u16, Value) {
    let mut v = vec![
        ("Action", "RunInstances"),
        ("RegionId", "cn-shanghai"),
        ("ImageId", image),
        ("InstanceType", "ecs.g6.large"),
    ];
    v.extend_from_slice(extra);
    json(e, &v)
}

fn code(b: &Value) -> (&str, &str) {
    (b["Code"].as_str().unwrap_or(""), b["Message"].as_str().unwrap_or(""))
}

#[test]
fn run_instances_refuses_a_copy_in_progress_and_succeeds_once_it_is_available() {
    let mut e = Engine::from_preset("minimal", 7).unwrap();
    let copy = copy_to_shanghai(&mut e);
    let (st, b) = run(&mut e, &copy, &[]);
    assert_eq!(
        (st, code(&b)),
        (400, ("IncorrectImageStatus", "The image not available."))
    );
    // In the source region the copy's ID does not exist.
    let (st, b) = json(
        &mut e,
        &[
            ("Action", "RunInstances"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", &copy),
            ("InstanceType", "ecs.g6.large"),
        ],
    );
    assert_eq!(
        (st, code(&b)),
        (
            404,
            ("InvalidImageId.NotFound", "The specified ImageId does not exist.")
        )
    );
    e.run_to_idle();
    let (st, b) = run(&mut e, &copy, &[("Amount", "2")]);
    assert_eq!(st, 200, "{b}");
    let ids: Vec<&str> = b["InstanceIdSets"]["InstanceIdSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    let prefix = format!("i-{}", e.world().prefix_of("cn-shanghai"));
    assert!(
        ids.iter().all(|i| i.starts_with(&prefix) && i.len() == 2 + 3 + 17),
        "{ids:?}"
    );
    assert_eq!(
        b.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["InstanceIdSets", "RequestId"]
    );
    // Pending, then Running on the world clock.
    let (_, d) = json(&mut e, &[("Action", "DescribeInstances"), ("RegionId", "cn-shanghai")]);
    assert_eq!(d["TotalCount"], 2);
    assert_eq!(d["Instances"]["Instance"][0]["Status"], "Pending");
    assert_eq!(d["Instances"]["Instance"][0]["ImageId"], copy.as_str());
    assert!(e.run_to_next_event());
    let (_, d) = json(
        &mut e,
        &[
            ("Action", "DescribeInstances"),
            ("RegionId", "cn-shanghai"),
            ("Status", "Running"),
        ],
    );
    assert_eq!(d["TotalCount"], 2);
    // The copy is now in use: DeleteImage refuses it without Force.
    let (st, b) = json(
        &mut e,
        &[
            ("Action", "DeleteImage"),
            ("RegionId", "cn-shanghai"),
            ("ImageId", &copy),
        ],
    );
    assert_eq!((st, code(&b).0), (403, "ImageUsingByInstance"));
}

#[test]
fn run_instances_xml_has_the_documented_shape() {
    let mut e = Engine::from_preset("minimal", 7).unwrap();
    let x = e.call(
        &p(&[
            ("Action", "RunInstances"),
            ("Version", "2014-05-26"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", DOC_IMAGE_ID),
            ("InstanceType", "ecs.g6.large"),
        ]),
        &ctx(),
    );
    assert_eq!(x.response.status, 200);
    let id = x
        .answer
        .field("InstanceIdSets")
        .and_then(|n| n.items().first().and_then(|i| i.as_str().map(String::from)));
    let id = id.expect("one instance ID");
    let body = &x.response.body;
    assert!(body.starts_with("<?xml"), "{body}");
    assert!(
        body.contains(&format!(
            "<RunInstancesResponse><RequestId>{}</RequestId><InstanceIdSets><InstanceIdSet>{id}</InstanceIdSet></InstanceIdSets></RunInstancesResponse>",
            x.request_id
        )),
        "{body}"
    );
}

#[test]
fn run_instances_parameters_dry_run_and_client_token() {
    let mut e = Engine::from_preset("minimal", 7).unwrap();
    let (st, b) = json(
        &mut e,
        &[
            ("Action", "RunInstances"),
            ("RegionId", "cn-hangzhou"),
            ("InstanceType", "ecs.g6.large"),
        ],
    );
    assert_eq!(
        (st, code(&b)),
        (
            400,
            (
                "MissingParameter",
                "The input parameter \"ImageId\" that is mandatory for processing this request is not supplied."
            )
        )
    );
    let (st, b) = json(
        &mut e,
        &[
            ("Action", "RunInstances"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", DOC_IMAGE_ID),
        ],
    );
    assert_eq!((st, code(&b).0), (400, "MissingParameter"));
    assert!(code(&b).1.contains("\"InstanceType\""));
    let hz = |extra: &[(&str, &str)]| {
        let mut v = vec![
            ("Action", "RunInstances"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", DOC_IMAGE_ID),
            ("InstanceType", "ecs.g6.large"),
        ];
        v.extend_from_slice(extra);
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect::<Vec<_>>()
    };
    let call = |e: &mut Engine, v: Vec<(String, String)>| {
        let v: Vec<(&str, &str)> = v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        json(e, &v)
    };
    let bad_type: Vec<(String, String)> = hz(&[])
        .into_iter()
        .map(|(k, v)| {
            if k == "InstanceType" {
                (k, "large".to_string())
            } else {
                (k, v)
            }
        })
        .collect();
    let (st, b) = call(&mut e, bad_type);
    assert_eq!(
        (st, code(&b)),
        (
            400,
            (
                "InvalidInstanceType.ValueNotSupported",
                "The specified InstanceType does not exist or beyond the permitted range."
            )
        )
    );
    let (st, b) = call(&mut e, hz(&[("Amount", "101")]));
    assert_eq!((st, code(&b).0), (400, "InvalidParameter"));
    let (st, b) = call(&mut e, hz(&[("DryRun", "true")]));
    assert_eq!(
        (st, code(&b)),
        (
            400,
            (
                "DryRunOperation",
                "Request validation has been passed with DryRun flag set."
            )
        )
    );
    assert!(e.world().instances.is_empty());
    let (st, first) = call(&mut e, hz(&[("ClientToken", "tok-1")]));
    assert_eq!(st, 200);
    let (st, again) = call(&mut e, hz(&[("ClientToken", "tok-1")]));
    assert_eq!(st, 200);
    assert_eq!(first["InstanceIdSets"], again["InstanceIdSets"]);
    assert_eq!(e.world().instances.len(), 1);
    let (st, b) = call(&mut e, hz(&[("ClientToken", "tok-1"), ("Amount", "2")]));
    assert_eq!(
        (st, code(&b)),
        (
            400,
            (
                "IdempotentParameterMismatch",
                "The request is retried with updated parameters."
            )
        )
    );
    let (st, b) = json(
        &mut e,
        &[
            ("Action", "RunInstances"),
            ("RegionId", "cn-nowhere-9"),
            ("ImageId", DOC_IMAGE_ID),
            ("InstanceType", "ecs.g6.large"),
        ],
    );
    assert_eq!((st, code(&b).0), (404, "InvalidRegionId.NotFound"));
}

#[test]
fn replace_system_disk_needs_a_stopped_instance_and_an_available_image() {
    let mut e = Engine::from_preset("default", 3).unwrap();
    let copy = copy_to_shanghai(&mut e);
    let replace = |e: &mut Engine, inst: &str, image: &str| {
        json(
            e,
            &[
                ("Action", "ReplaceSystemDisk"),
                ("InstanceId", inst),
                ("ImageId", image),
            ],
        )
    };
    let (st, b) = replace(&mut e, "i-uf6doesnotexist00000", &copy);
    assert_eq!(
        (st, code(&b)),
        (
            404,
            ("InvalidInstanceId.NotFound", "The specified InstanceId does not exist.")
        )
    );
    // The preset's instance is Stopped: the copy in progress is refused for the image's sake.
    let (st, b) = replace(&mut e, DOC_INSTANCE_ID, &copy);
    assert_eq!(
        (st, code(&b)),
        (400, ("IncorrectImageStatus", "The image not available."))
    );
    // An image of another region does not exist in the instance's region.
    let (st, b) = replace(&mut e, DOC_INSTANCE_ID, DOC_IMAGE_ID);
    assert_eq!((st, code(&b).0), (404, "InvalidImageId.NotFound"));
    e.run_to_idle();
    // Running: refused.
    let (st, _) = json(&mut e, &[("Action", "StartInstance"), ("InstanceId", DOC_INSTANCE_ID)]);
    assert_eq!(st, 200);
    let (st, b) = replace(&mut e, DOC_INSTANCE_ID, &copy);
    assert_eq!(
        (st, code(&b)),
        (
            403,
            (
                "IncorrectInstanceStatus",
                "The current status of the resource does not support this operation."
            )
        )
    );
    let (st, b) = json(&mut e, &[("Action", "StartInstance"), ("InstanceId", DOC_INSTANCE_ID)]);
    assert_eq!((st, code(&b).0), (403, "IncorrectInstanceStatus"));
    // Stopped: replaced, a new disk, the instance's image is the copy.
    let (st, _) = json(&mut e, &[("Action", "StopInstance"), ("InstanceId", DOC_INSTANCE_ID)]);
    assert_eq!(st, 200);
    let old_disk = e.world().instance(DOC_INSTANCE_ID).unwrap().system_disk_id.clone();
    let (st, b) = replace(&mut e, DOC_INSTANCE_ID, &copy);
    assert_eq!(st, 200, "{b}");
    let disk = b["DiskId"].as_str().unwrap();
    assert!(disk.starts_with("d-") && disk != old_disk, "{disk}");
    let i = e.world().instance(DOC_INSTANCE_ID).unwrap();
    assert_eq!((i.image_id.as_str(), i.system_disk_id.as_str()), (copy.as_str(), disk));
    let (_, d) = json(
        &mut e,
        &[
            ("Action", "DescribeInstances"),
            ("RegionId", "cn-shanghai"),
            ("InstanceIds", &format!("[\"{DOC_INSTANCE_ID}\"]")),
        ],
    );
    assert_eq!(d["TotalCount"], 1);
    assert_eq!(d["Instances"]["Instance"][0]["ImageId"], copy.as_str());
    assert_eq!(d["Instances"]["Instance"][0]["Status"], "Stopped");
    assert_eq!(d["Instances"]["Instance"][0]["CreationTime"], "2024-05-10T09:00Z");
}

#[test]
fn a_scenario_file_without_instances_still_loads_and_writes_without_them() {
    let written = scenario::to_json(&scenario::preset("minimal").unwrap());
    assert!(!written.contains("\"instances\""), "empty instances are left out");
    // A scenario file as the format was before instances existed.
    let old = include_str!("../../../tests/fixtures/scenarios/default.json");
    let e = Engine::from_scenario_json(old, 1).unwrap();
    assert!(e.world().instances.is_empty());
    // The default world's instance survives a round trip.
    let w = scenario::preset("default").unwrap();
    let text = scenario::to_json(&w);
    let back = scenario::from_json(&text).unwrap();
    assert_eq!(back.instances, w.instances);
    assert_eq!(back.instances[0].id, DOC_INSTANCE_ID);
}

#[test]
fn snippets_call_the_new_operations_by_name() {
    use copyimage_engine::generate::{self, GenerateInput};
    let params = p(&[
        ("Action", "RunInstances"),
        ("Version", "2014-05-26"),
        ("RegionId", "cn-shanghai"),
        ("ImageId", "m-uf6copy000000000001"),
        ("InstanceType", "ecs.g6.large"),
    ]);
    let g = generate::generate(&GenerateInput::new(
        params,
        "testid",
        "testsecret",
        "2026-01-01T00:00:00Z",
        "nonce",
    ));
    for (lang, text) in [
        ("aliyun", &g.aliyun_cli),
        ("python", &g.python),
        ("typescript", &g.typescript),
        ("java", &g.java),
        ("go", &g.go),
    ] {
        assert!(text.contains("RunInstances"), "{lang}: {text}");
        assert!(text.contains("ecs.g6.large"), "{lang}: {text}");
    }
    assert!(g.signed.url.contains("Action=RunInstances"), "{}", g.signed.url);
}
