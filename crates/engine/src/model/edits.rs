//! World edits as data: what the scenario editor does, what a catalog setup does, what a permalink or a
//! transcript replays. An edit's wire form is a list of parameters (`Edit=<kind>` plus fields), the same
//! in a link (`e…` steps) and in a transcript (`{"edit": "set", ...}` steps); [`Edit`] is its typed form.
//! Paths name world properties the way the scenario JSON does (JSON Pointer style), so a docs author can
//! read them:
//!
//! * `Edit=set&path=/settings/queue_limit&value=5`: set one property.
//! * `Edit=add&path=/faults&action=CopyImage&kind=internal_error_500&remaining=1`: inject a fault.
//! * `Edit=remove&path=/faults/0`: remove one.
//!
//! Each edit is applied by typed Rust code rather than through the world's JSON form: the JSON reader of
//! a whole world costs about 30 KB of gzip in the WASM bundle, more than the budget allows (FIDELITY.md,
//! web playground). After an edit the world is re-validated, so an edit can never leave it inconsistent;
//! a refused edit changes nothing.
//!
//! Layer: model (may use `base`).

use crate::base::wire::{param, Params};
use crate::model::world::{
    Caller, DeleteMissing, Fault, FaultKind, ImageStatus, MessageForm, MissingDestination, QueueKey, World,
};

/// One world edit, typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Set the property at `path` to `value` (written as the scenario JSON writes it, strings unquoted).
    Set {
        /// JSON-Pointer-style path, e.g. `/settings/queue_limit`.
        path: String,
        /// The new value.
        value: String,
    },
    /// Add a fault to `/faults`.
    AddFault {
        /// The action it hits (`*`: any).
        action: String,
        /// What it does.
        kind: FaultKind,
        /// How many requests it hits.
        remaining: u32,
    },
    /// Remove the fault at `/faults/<index>`.
    RemoveFault {
        /// Its index in `/faults`.
        index: usize,
    },
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

impl Edit {
    /// A `set` edit.
    pub fn set(path: &str, value: impl Into<String>) -> Edit {
        Edit::Set {
            path: path.into(),
            value: value.into(),
        }
    }

    /// A fault for `action` that hits one request.
    pub fn add_fault(action: &str, kind: FaultKind) -> Edit {
        Edit::AddFault {
            action: action.into(),
            kind,
            remaining: 1,
        }
    }

    /// Reads an edit's wire form, or says why it is not one this version knows.
    pub fn from_params(p: &[(String, String)]) -> Result<Edit, String> {
        let kind = param(p, "Edit").unwrap_or("");
        let path = param(p, "path").unwrap_or("");
        match kind {
            "set" => Ok(Edit::set(path, param(p, "value").unwrap_or(""))),
            "add" if path == "/faults" => {
                let k = param(p, "kind").unwrap_or("");
                let kind = FAULT_KINDS
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, x)| *x)
                    .ok_or_else(|| format!("“{k}” is not a fault kind"))?;
                Ok(Edit::AddFault {
                    action: param(p, "action").unwrap_or("*").to_string(),
                    kind,
                    // As the editor has always read it: a missing or odd count is one request.
                    remaining: parse_num(param(p, "remaining").unwrap_or("1")).unwrap_or(1),
                })
            }
            "remove" => match path.strip_prefix("/faults/").and_then(|i| i.parse::<usize>().ok()) {
                Some(index) => Ok(Edit::RemoveFault { index }),
                None => Err(format!("there is no fault at {path}")),
            },
            other => Err(format!("“{other} {path}” is not an edit this version knows")),
        }
    }

    /// The wire form (`Edit=<kind>` first, then the fields in a fixed order).
    pub fn to_params(&self) -> Params {
        let kv = |k: &str, v: &str| (k.to_string(), v.to_string());
        match self {
            Edit::Set { path, value } => vec![kv("Edit", "set"), kv("path", path), kv("value", value)],
            Edit::AddFault {
                action,
                kind,
                remaining,
            } => vec![
                kv("Edit", "add"),
                kv("path", "/faults"),
                kv("action", action),
                kv("kind", fault_kind_name(*kind)),
                kv("remaining", &remaining.to_string()),
            ],
            Edit::RemoveFault { index } => vec![kv("Edit", "remove"), kv("path", &format!("/faults/{index}"))],
        }
    }

    /// Applies the edit and re-validates the world, or says why it cannot (and changes nothing).
    pub fn apply(&self, w: &mut World) -> Result<(), String> {
        let before = w.clone();
        let result = match self {
            Edit::Set { path, value } => set(w, path, value),
            Edit::AddFault {
                action,
                kind,
                remaining,
            } => {
                w.faults.push(Fault {
                    action: action.clone(),
                    kind: *kind,
                    remaining: *remaining,
                });
                Ok(())
            }
            Edit::RemoveFault { index } if *index < w.faults.len() => {
                w.faults.remove(*index);
                Ok(())
            }
            Edit::RemoveFault { index } => Err(format!("there is no fault at /faults/{index}")),
        }
        .and_then(|()| w.validate());
        if let Err(e) = result {
            *w = before;
            return Err(format!("World edit refused: {e}."));
        }
        Ok(())
    }
}

/// Applies an edit given in its wire form (see [`Edit::from_params`], [`Edit::apply`]).
pub fn apply(w: &mut World, edit: &[(String, String)]) -> Result<(), String> {
    Edit::from_params(edit)
        .map_err(|e| format!("World edit refused: {e}."))?
        .apply(w)
}

// The editor's helpers build the wire form directly (what `Edit::to_params` writes, checked by a test):
// the playground's first load then carries no `to_params`.

/// The wire form of a `set` edit.
pub fn set_edit(path: &str, value: impl Into<String>) -> Params {
    vec![
        ("Edit".into(), "set".into()),
        ("path".into(), path.into()),
        ("value".into(), value.into()),
    ]
}

/// The wire form of an edit adding a one-shot fault for `action` (`kind` by its scenario-file name, kept
/// as given, so that an unknown kind is refused when applied, with its name).
pub fn add_fault(action: &str, kind: &str) -> Params {
    vec![
        ("Edit".into(), "add".into()),
        ("path".into(), "/faults".into()),
        ("action".into(), action.into()),
        ("kind".into(), kind.into()),
        ("remaining".into(), "1".into()),
    ]
}

/// The wire form of a `remove` edit.
pub fn remove(path: &str) -> Params {
    vec![("Edit".into(), "remove".into()), ("path".into(), path.into())]
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
            // A region by its position or by its ID (`/regions/cn-qingdao/image_quota`), so a setup reads
            // as what it changes.
            let i = match w.regions.iter().position(|r| r.id == *i) {
                Some(k) => k,
                None => index(i, w.regions.len())?,
            };
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
            if *field == "status" && w.status_is_derived(&w.images[i]) {
                return Err(format!(
                    "the status of {} comes from its copy task, not from the image",
                    w.images[i].id
                ));
            }
            let img = &mut w.images[i];
            match *field {
                "status" => {
                    img.status = Some(ImageStatus::parse(v).ok_or_else(|| format!("“{v}” is not an image status"))?)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> World {
        crate::teach::presets::preset("default").unwrap()
    }

    #[test]
    fn sets_typed_properties() {
        let mut w = world();
        apply(&mut w, &set_edit("/settings/queue_limit", "5")).unwrap();
        assert_eq!(w.settings.queue_limit, 5);
        apply(&mut w, &set_edit("/regions/1/supports_copy", "false")).unwrap();
        assert!(!w.regions[1].supports_copy);
        apply(&mut w, &set_edit("/regions/cn-qingdao/image_quota", "1")).unwrap();
        assert_eq!(w.region("cn-qingdao").unwrap().image_quota, 1);
        apply(&mut w, &set_edit("/images/0/status", "UnAvailable")).unwrap();
        assert_eq!(w.images[0].status, Some(ImageStatus::UnAvailable));
        apply(&mut w, &add_fault("CopyImage", "internal_error_500")).unwrap();
        assert_eq!(w.faults.last().unwrap().kind, FaultKind::InternalError500);
        let n = w.faults.len();
        apply(&mut w, &remove(&format!("/faults/{}", n - 1))).unwrap();
        assert_eq!(w.faults.len(), n - 1);
    }

    #[test]
    fn refuses_bad_edits_without_changing_anything() {
        let mut w = world();
        let before = w.clone();
        for edit in [
            set_edit("/settings/queue_limit", "0"),
            set_edit("/settings/queue_limit", "many"),
            set_edit("/regions/999/supports_copy", "false"),
            set_edit("/regions/mars-1/supports_copy", "false"),
            set_edit("/images/0/status", "Sleeping"),
            set_edit("/no/such", "1"),
            set_edit("/caller", "nobody"),
            add_fault("CopyImage", "meteor"),
            remove("/faults/99"),
            vec![("Edit".into(), "explode".into())],
        ] {
            let err = apply(&mut w, &edit).unwrap_err();
            assert!(err.starts_with("World edit refused: "), "{err}");
            assert_eq!(w, before, "{edit:?}");
        }
    }

    #[test]
    fn the_wire_form_reads_back_to_the_same_edit() {
        for e in [
            Edit::set("/settings/queue_limit", "5"),
            Edit::add_fault("CopyImage", FaultKind::InternalError403),
            Edit::RemoveFault { index: 2 },
        ] {
            assert_eq!(Edit::from_params(&e.to_params()), Ok(e));
        }
        assert_eq!(
            add_fault("CopyImage", "copy_fails"),
            Edit::add_fault("CopyImage", FaultKind::CopyFails).to_params()
        );
        assert_eq!(set_edit("/caller", "root"), Edit::set("/caller", "root").to_params());
        assert_eq!(remove("/faults/2"), Edit::RemoveFault { index: 2 }.to_params());
        assert_eq!(
            Edit::from_params(&add_fault("CopyImage", "meteor")).unwrap_err(),
            "“meteor” is not a fault kind"
        );
    }
}
