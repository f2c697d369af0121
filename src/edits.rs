//! World edits from the scenario editor, as data (`Edit=<kind>` plus fields) so a permalink can replay
//! them. Paths name world properties the way the scenario JSON does (JSON Pointer style), so a docs author
//! can read them:
//!
//! * `Edit=set&path=/settings/queue_limit&value=5`: set one property.
//! * `Edit=add&path=/faults&action=CopyImage&kind=internal_error_500&remaining=1`: inject a fault.
//! * `Edit=remove&path=/faults/0`: remove one.
//!
//! Each edit is applied by typed Rust code rather than through the world's JSON form: the JSON reader of
//! a whole world costs about 30 KB of gzip in the WASM bundle, more than the budget allows (FIDELITY.md,
//! web playground). After an edit the engine re-validates the world, so an edit can never leave it
//! inconsistent; a refused edit changes nothing.

use copyimage_engine::engine::Engine;
use copyimage_engine::wire::param;
use copyimage_engine::world::{
    Caller, DeleteMissing, Fault, FaultKind, ImageStatus, MessageForm, MissingDestination, QueueKey, World,
};

fn parse_bool(v: &str) -> Result<bool, String> {
    match v {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(format!("“{v}” is not true or false")),
    }
}

fn parse_num<T: std::str::FromStr>(v: &str) -> Result<T, String> {
    v.trim()
        .parse()
        .map_err(|_| format!("“{v}” is not a whole number in range"))
}

/// The fault kinds, by their scenario-file names.
pub const FAULT_KINDS: &[(&str, FaultKind)] = &[
    ("internal_error_500", FaultKind::InternalError500),
    ("internal_error_403", FaultKind::InternalError403),
    ("copy_fails", FaultKind::CopyFails),
];

/// The scenario-file name of a fault kind.
pub fn fault_kind_name(k: FaultKind) -> &'static str {
    FAULT_KINDS
        .iter()
        .find(|(_, x)| *x == k)
        .map(|(n, _)| *n)
        .unwrap_or("?")
}

fn set(w: &mut World, path: &str, v: &str) -> Result<(), String> {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let index = |s: &str, len: usize| -> Result<usize, String> {
        s.parse::<usize>()
            .ok()
            .filter(|i| *i < len)
            .ok_or_else(|| format!("there is no item {s} in that list"))
    };
    match parts.as_slice() {
        ["settings", "queue_limit"] => {
            let n: u32 = parse_num(v)?;
            if n == 0 {
                return Err("the queue limit must be at least 1".into());
            }
            w.settings.queue_limit = n;
        }
        ["settings", "copy_secs_per_gib"] => w.settings.copy_secs_per_gib = parse_num::<u64>(v)?.max(1),
        ["settings", "anonymous_caller"] => w.settings.anonymous_caller = parse_bool(v)?,
        ["settings", "queue_key"] => {
            w.settings.queue_key = match v {
                "source" => QueueKey::Source,
                "destination" => QueueKey::Destination,
                _ => return Err(format!("“{v}” is not source or destination")),
            }
        }
        ["settings", "missing_destination"] => {
            w.settings.missing_destination = match v {
                "same_as_source" => MissingDestination::SameAsSource,
                "missing_parameter" => MissingDestination::MissingParameter,
                _ => return Err(format!("“{v}” is not same_as_source or missing_parameter")),
            }
        }
        ["settings", "delete_missing_image"] => {
            w.settings.delete_missing_image = match v {
                "ignore" => DeleteMissing::Ignore,
                "not_found" => DeleteMissing::NotFound,
                _ => return Err(format!("“{v}” is not ignore or not_found")),
            }
        }
        ["settings", which @ ("image_name_message" | "description_message")] => {
            let form = match v {
                "destination" => MessageForm::Destination,
                "plain" => MessageForm::Plain,
                _ => return Err(format!("“{v}” is not destination or plain")),
            };
            if *which == "image_name_message" {
                w.settings.image_name_message = form;
            } else {
                w.settings.description_message = form;
            }
        }
        ["account", "max_image_size_gib"] => w.account.max_image_size_gib = parse_num(v)?,
        ["account", "byok_whitelisted"] => w.account.byok_whitelisted = parse_bool(v)?,
        ["caller"] => {
            w.caller = if v.is_empty() || v == "root" {
                Caller::Root
            } else if w.ram_users.iter().any(|u| u.name == v) {
                Caller::RamUser { name: v.to_string() }
            } else {
                return Err(format!("there is no RAM user named “{v}”"));
            }
        }
        ["regions", i, field] => {
            let i = index(i, w.regions.len())?;
            let r = &mut w.regions[i];
            match *field {
                "supports_copy" => r.supports_copy = parse_bool(v)?,
                "supports_byok" => r.supports_byok = parse_bool(v)?,
                "image_quota" => r.image_quota = parse_num(v)?,
                "snapshot_quota" => r.snapshot_quota = parse_num(v)?,
                _ => return Err(format!("a region has no editable property “{field}”")),
            }
        }
        ["images", i, field] => {
            let i = index(i, w.images.len())?;
            let img = &mut w.images[i];
            match *field {
                "status" => {
                    img.status = ImageStatus::parse(v).ok_or_else(|| format!("“{v}” is not an image status"))?
                }
                "encrypted" => img.encrypted = parse_bool(v)?,
                "used_by_instances" => img.used_by_instances = parse_bool(v)?,
                "shared_to_others" => img.shared_to_others = parse_bool(v)?,
                "size_gib" => img.size_gib = parse_num(v)?,
                _ => return Err(format!("an image has no editable property “{field}”")),
            }
        }
        ["snapshots", i, field] => {
            let i = index(i, w.snapshots.len())?;
            let s = &mut w.snapshots[i];
            match *field {
                "encrypted" => s.encrypted = parse_bool(v)?,
                "allowed_to_create_image" => s.allowed_to_create_image = parse_bool(v)?,
                "deleted" => s.deleted = parse_bool(v)?,
                _ => return Err(format!("a snapshot has no editable property “{field}”")),
            }
        }
        ["kms_keys", i, field] => {
            let i = index(i, w.kms_keys.len())?;
            let k = &mut w.kms_keys[i];
            match *field {
                "enabled" => k.enabled = parse_bool(v)?,
                "ecs_authorized" => k.ecs_authorized = parse_bool(v)?,
                _ => return Err(format!("a KMS key has no editable property “{field}”")),
            }
        }
        _ => return Err(format!("{path} is not a property the editor can set")),
    }
    Ok(())
}

/// Applies `edit` to the engine's world, or says why it cannot (and changes nothing).
pub fn apply(engine: &mut Engine, edit: &[(String, String)]) -> Result<(), String> {
    let kind = param(edit, "Edit").unwrap_or("");
    let path = param(edit, "path").unwrap_or("");
    let before = engine.world().clone();
    let w = engine.world_mut();
    let result = match kind {
        "set" => set(w, path, param(edit, "value").unwrap_or("")),
        "add" if path == "/faults" => {
            let k = param(edit, "kind").unwrap_or("");
            match FAULT_KINDS.iter().find(|(n, _)| *n == k) {
                Some((_, kind)) => {
                    w.faults.push(Fault {
                        action: param(edit, "action").unwrap_or("*").to_string(),
                        kind: *kind,
                        remaining: parse_num(param(edit, "remaining").unwrap_or("1")).unwrap_or(1),
                    });
                    Ok(())
                }
                None => Err(format!("“{k}” is not a fault kind")),
            }
        }
        "remove" => match path.strip_prefix("/faults/").and_then(|i| i.parse::<usize>().ok()) {
            Some(i) if i < w.faults.len() => {
                w.faults.remove(i);
                Ok(())
            }
            _ => Err(format!("there is no fault at {path}")),
        },
        other => Err(format!("“{other} {path}” is not an edit this version knows")),
    }
    .and_then(|()| engine.revalidate());
    if let Err(e) = result {
        *engine.world_mut() = before;
        let _ = engine.revalidate();
        return Err(format!("World edit refused: {e}."));
    }
    Ok(())
}

/// A `set` edit.
pub fn set_edit(path: &str, value: impl Into<String>) -> Vec<(String, String)> {
    vec![
        ("Edit".into(), "set".into()),
        ("path".into(), path.into()),
        ("value".into(), value.into()),
    ]
}

/// An edit adding a one-shot fault for `action`.
pub fn add_fault(action: &str, kind: &str) -> Vec<(String, String)> {
    vec![
        ("Edit".into(), "add".into()),
        ("path".into(), "/faults".into()),
        ("action".into(), action.into()),
        ("kind".into(), kind.into()),
        ("remaining".into(), "1".into()),
    ]
}

/// A `remove` edit.
pub fn remove(path: &str) -> Vec<(String, String)> {
    vec![("Edit".into(), "remove".into()), ("path".into(), path.into())]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        Engine::from_preset("default", 1).unwrap()
    }

    #[test]
    fn sets_typed_properties() {
        let mut e = engine();
        apply(&mut e, &set_edit("/settings/queue_limit", "5")).unwrap();
        assert_eq!(e.world().settings.queue_limit, 5);
        apply(&mut e, &set_edit("/regions/1/supports_copy", "false")).unwrap();
        assert!(!e.world().regions[1].supports_copy);
        apply(&mut e, &set_edit("/images/0/status", "UnAvailable")).unwrap();
        assert_eq!(e.world().images[0].status, ImageStatus::UnAvailable);
        apply(&mut e, &add_fault("CopyImage", "internal_error_500")).unwrap();
        assert_eq!(e.world().faults.last().unwrap().kind, FaultKind::InternalError500);
        let n = e.world().faults.len();
        apply(&mut e, &remove(&format!("/faults/{}", n - 1))).unwrap();
        assert_eq!(e.world().faults.len(), n - 1);
    }

    #[test]
    fn refuses_bad_edits_without_changing_anything() {
        let mut e = engine();
        let before = e.world().clone();
        for edit in [
            set_edit("/settings/queue_limit", "0"),
            set_edit("/settings/queue_limit", "many"),
            set_edit("/regions/999/supports_copy", "false"),
            set_edit("/images/0/status", "Sleeping"),
            set_edit("/no/such", "1"),
            set_edit("/caller", "nobody"),
            add_fault("CopyImage", "meteor"),
            remove("/faults/99"),
            vec![("Edit".into(), "explode".into())],
        ] {
            let err = apply(&mut e, &edit).unwrap_err();
            assert!(err.starts_with("World edit refused: "), "{err}");
            assert_eq!(e.world(), &before, "{edit:?}");
        }
    }
}
