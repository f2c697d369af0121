//! `docs/scenario.schema.json` describes what the engine writes: every preset (and a world with the
//! optional parts filled in) validates against it with a small validator for the keywords the schema uses.

use copyimage_engine::engine::{CallContext, Engine};
use copyimage_engine::scenario::{self, DOC_IMAGE_ID};
use copyimage_engine::world::{Fault, FaultKind};
use serde_json::Value;

const SCHEMA: &str = include_str!("../../../docs/scenario.schema.json");

fn resolve<'a>(root: &'a Value, s: &'a Value) -> &'a Value {
    match s.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.trim_start_matches("#/$defs/");
            resolve(root, &root["$defs"][name])
        }
        None => s,
    }
}

fn check(root: &Value, schema: &Value, v: &Value, path: &str) -> Result<(), String> {
    let s = resolve(root, schema);
    if let Some(alts) = s.get("oneOf").and_then(Value::as_array) {
        let ok = alts.iter().filter(|a| check(root, a, v, path).is_ok()).count();
        return if ok == 1 {
            Ok(())
        } else {
            Err(format!("{path}: {ok} oneOf alternatives match {v}"))
        };
    }
    if let Some(c) = s.get("const") {
        if c != v {
            return Err(format!("{path}: {v} is not {c}"));
        }
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            return Err(format!("{path}: {v} not in {e:?}"));
        }
    }
    match s.get("type").and_then(Value::as_str) {
        Some("object") => {
            let o = v.as_object().ok_or(format!("{path}: not an object"))?;
            for r in s.get("required").and_then(Value::as_array).into_iter().flatten() {
                let r = r.as_str().unwrap_or("");
                if !o.contains_key(r) {
                    return Err(format!("{path}: missing required {r}"));
                }
            }
            let props = s.get("properties").and_then(Value::as_object);
            for (k, x) in o {
                match props.and_then(|p| p.get(k)) {
                    Some(ps) => check(root, ps, x, &format!("{path}.{k}"))?,
                    None => match s.get("additionalProperties") {
                        Some(Value::Bool(false)) => return Err(format!("{path}: unknown property {k}")),
                        Some(ap) if ap.is_object() => check(root, ap, x, &format!("{path}.{k}"))?,
                        _ => {}
                    },
                }
            }
        }
        Some("array") => {
            let a = v.as_array().ok_or(format!("{path}: not an array"))?;
            if let Some(items) = s.get("items") {
                for (i, x) in a.iter().enumerate() {
                    check(root, items, x, &format!("{path}[{i}]"))?;
                }
            }
        }
        Some("string") => {
            v.as_str().ok_or(format!("{path}: not a string"))?;
        }
        Some("integer") => {
            let n = v
                .as_i64()
                .or(v.as_u64().map(|_| 0))
                .ok_or(format!("{path}: not an integer"))?;
            if let Some(min) = s.get("minimum").and_then(Value::as_i64) {
                if n < min && v.as_u64().is_none() {
                    return Err(format!("{path}: {n} < {min}"));
                }
            }
        }
        Some("boolean") => {
            v.as_bool().ok_or(format!("{path}: not a boolean"))?;
        }
        _ => {}
    }
    Ok(())
}

#[test]
fn presets_and_busy_worlds_match_the_schema() {
    let root: Value = serde_json::from_str(SCHEMA).expect("schema is JSON");
    let mut worlds: Vec<Value> = scenario::preset_names()
        .into_iter()
        .map(|n| serde_json::to_value(scenario::preset(n).unwrap()).unwrap())
        .collect();
    // A world with a ClientToken record, a fault, a finished and a failed copy.
    let mut e = Engine::from_preset("default", 1).unwrap();
    e.world_mut().faults.push(Fault {
        action: "*".into(),
        kind: FaultKind::CopyFails,
        remaining: 2,
    });
    e.world_mut().faults.push(Fault {
        action: "DescribeImages".into(),
        kind: FaultKind::InternalError403,
        remaining: 1,
    });
    let p: Vec<(String, String)> = [
        ("Action", "CopyImage"),
        ("Version", "2014-05-26"),
        ("RegionId", "cn-hangzhou"),
        ("ImageId", DOC_IMAGE_ID),
        ("DestinationRegionId", "cn-shanghai"),
        ("ClientToken", "t-1"),
        ("Tag.1.Key", "k"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let x = e.call(&p, &CallContext::new("h"));
    assert_eq!(x.response.status, 200);
    e.run_to_idle();
    worlds.push(serde_json::to_value(e.world()).unwrap());
    for (i, w) in worlds.iter().enumerate() {
        check(&root, &root, w, &format!("world{i}")).unwrap();
    }
    // And the validator can fail.
    let mut bad = worlds[0].clone();
    bad["settings"]["queue_key"] = Value::String("sideways".into());
    assert!(check(&root, &root, &bad, "bad").is_err());
    let mut bad = worlds[0].clone();
    bad["images"][0]["colour"] = Value::String("blue".into());
    assert!(check(&root, &root, &bad, "bad").is_err());
}

/// The format version: written (as 1) in every exported world, optional in a file, and no other number.
#[test]
fn the_format_version_is_1_and_optional() {
    let root: Value = serde_json::from_str(SCHEMA).unwrap();
    let mut w = serde_json::to_value(scenario::preset("minimal").unwrap()).unwrap();
    assert_eq!(w["version"], Value::from(scenario::VERSION));
    assert_eq!(scenario::VERSION, 1);
    check(&root, &root, &w, "with").unwrap();
    w.as_object_mut().unwrap().remove("version");
    check(&root, &root, &w, "without").unwrap();
    scenario::from_json(&w.to_string()).unwrap();
    w["version"] = Value::from(2);
    assert!(check(&root, &root, &w, "v2").is_err());
    let e = scenario::from_json(&w.to_string()).unwrap_err();
    assert!(e.contains("scenario format version 2 is not supported"), "{e}");
}
