//! The catalog: a few documented successes a reader asks about (a shared image copied within its region),
//! then every documented error row (the CopyImage reference's whole table, the errors of the
//! other simulated operations, the common errors the engine answers, the gateway's) with a stable ID, its
//! exact HTTP status, code and message, the cause, and a reproduction as data — a preset, setup steps
//! (typed world edits, requests sent first, clock moves: the transcript's own [`Step`]s) and the request —
//! that [`CatalogEntry::reproduce`] runs and [`CatalogEntry::transcript`] writes out. The CLI's
//! `copyimage errors --reproduce`, the catalog page and its Reproduce links are all read from it.
//!
//! * `reference`: the reference's error table as printed (what the catalog must cover);
//! * `entries`: the entries;
//! * `instances`: the entries of RunInstances, ReplaceSystemDisk, StopInstance and StartInstance;
//! * `run`: running a reproduction.
//!
//! Layer: teach (may use `base`, `signing`, `model`, `service`, `teach`).

mod entries;
mod instances;
mod reference;
mod run;

use crate::teach::transcript::Step;
pub use entries::gateway_entries;
pub use reference::REFERENCE_ROWS;

/// How to get an error: a preset, setup steps, then the request.
#[derive(Clone, Debug)]
pub struct Repro {
    /// The preset to start from.
    pub preset: String,
    /// What happens first, in order: world edits, requests (a ClientToken's first use, a real CopyImage
    /// that makes a copy), signed requests (a SignatureNonce's first use), clock moves.
    pub setup: Vec<Step>,
    /// The setup in words, for the faces (empty when the preset is used as is).
    pub setup_note: String,
    /// The request that gets the error: [`Step::Send`] (trusted) or [`Step::Http`] (a signed request at a
    /// wire time, for gateway errors).
    pub request: Step,
}

/// What an entry shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A documented error: the entry's code and message are its exact wire values.
    Error,
    /// A success (`200 OK`; the entry's code and message are empty).
    Success {
        /// What succeeds, as a reader would put it.
        title: String,
    },
}

/// One documented error, or one documented success.
#[derive(Clone, Debug)]
pub struct CatalogEntry {
    /// Stable ID (the rule ID the engine reports for it).
    pub id: String,
    /// HTTP status.
    pub http_status: u16,
    /// Code, exactly (empty for a success).
    pub code: String,
    /// Message, exactly (empty for a success).
    pub message: String,
    /// An error or a success.
    pub outcome: Outcome,
    /// What causes it, briefly.
    pub cause: String,
    /// Where it is documented.
    pub source: String,
    /// How to get it.
    pub repro: Repro,
}

/// The host catalog requests are addressed to.
pub const HOST: &str = "ecs.cn-hangzhou.aliyuncs.com";

/// The seed catalog engines use.
pub const SEED: u64 = 1;

impl CatalogEntry {
    /// Whether the entry is a success (`200 OK`), not an error.
    pub fn is_success(&self) -> bool {
        matches!(self.outcome, Outcome::Success { .. })
    }

    /// The rule that decides the entry's request: its own ID for an error, the queued copy for a success.
    pub fn rule_id(&self) -> &str {
        match self.outcome {
            Outcome::Error => &self.id,
            Outcome::Success { .. } => "copyimage.queued",
        }
    }
}

/// Every catalog entry: the successes, the engine's errors, then the gateway's.
pub fn entries() -> Vec<CatalogEntry> {
    let mut v = entries::success_entries();
    v.extend(entries::engine_entries(&entries::Copies::new()));
    v.extend(gateway_entries());
    v
}

/// The entry with this ID.
pub fn find(id: &str) -> Option<CatalogEntry> {
    entries().into_iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique() {
        let all = entries();
        let mut ids: Vec<&str> = all.iter().map(|e| e.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
    }

    #[test]
    fn every_reference_row_has_an_entry() {
        let all = entries();
        for (st, code, msg) in REFERENCE_ROWS {
            assert!(
                all.iter()
                    .any(|e| e.http_status == *st && e.code == *code && e.message == *msg),
                "no catalog entry for {st} {code} {msg}"
            );
        }
        assert_eq!(REFERENCE_ROWS.len(), 31);
    }

    #[test]
    fn every_setup_runs_and_every_request_is_a_request() {
        for e in entries() {
            e.prepared().unwrap_or_else(|err| panic!("{}: {err}", e.id));
            assert!(
                matches!(e.repro.request, Step::Send(_) | Step::Http { .. }),
                "{}: {:?}",
                e.id,
                e.repro.request
            );
        }
    }

    #[test]
    fn a_shared_image_copies_within_its_region() {
        let e = find("success.shared_within_region").unwrap();
        assert_eq!(
            e.outcome,
            Outcome::Success {
                title: "Copy a shared image within its region".into()
            }
        );
        let x = e.reproduce();
        assert_eq!(x.response.status_line(), "HTTP/1.1 200 OK");
        assert_eq!(x.rule.id, e.rule_id());
        assert_eq!(x.answer.code(), None);
        assert!(x.answer.str_field("ImageId").is_some_and(|id| id.starts_with("m-bp1")));
    }

    #[test]
    fn region_refusals_come_from_labelled_setups_not_from_the_default_world() {
        for (id, path, words) in [
            (
                "copyimage.image_quota",
                "/regions/cn-qingdao/image_quota",
                "cn-qingdao's image quota is 1",
            ),
            (
                "copyimage.snapshot_quota",
                "/regions/cn-shenzhen/snapshot_quota",
                "cn-shenzhen's snapshot quota is 1",
            ),
            (
                "copyimage.region_not_support_copy",
                "/regions/cn-nanjing/supports_copy",
                "cn-nanjing does not support image copy",
            ),
            (
                "copyimage.byok_region",
                "/regions/ap-northeast-1/supports_byok",
                "ap-northeast-1 does not support encryption with your own KMS key (BYOK)",
            ),
        ] {
            let e = find(id).unwrap();
            assert!(
                matches!(e.repro.setup.as_slice(), [Step::Edit(p)] if crate::base::wire::param(p, "path") == Some(path)),
                "{id}: {:?}",
                e.repro.setup
            );
            assert_eq!(e.repro.setup_note, words, "{id}");
        }
    }

    #[test]
    fn setups_are_typed_edits_and_real_operations_with_notes_in_words() {
        use crate::model::edits::Edit;
        let e = find("copyimage.byok_whitelist").unwrap();
        assert_eq!(
            e.repro.setup,
            vec![Step::from(Edit::set("/account/byok_whitelisted", "false"))]
        );
        assert_eq!(
            e.repro.setup_note,
            "the account may not use its own KMS keys (not on the BYOK whitelist)"
        );
        let e = find("simulated.internal_error_500").unwrap();
        assert_eq!(
            e.repro.setup_note,
            "a fault injected into CopyImage: internal error 500"
        );
        // A copy in progress is made by CopyImage itself; the request names the copy it made.
        let e = find("deleteimage.copying").unwrap();
        assert!(
            matches!(e.repro.setup.as_slice(), [Step::Send(p)] if crate::base::wire::param(p, "Action") == Some("CopyImage"))
        );
        let copy = e
            .prepared()
            .unwrap()
            .world()
            .queue
            .tasks
            .last()
            .unwrap()
            .destination_image_id
            .clone();
        match &e.repro.request {
            Step::Send(p) => assert_eq!(crate::base::wire::param(p, "ImageId"), Some(copy.as_str())),
            other => panic!("{other:?}"),
        }
        assert!(e.repro.setup_note.contains(&copy), "{}", e.repro.setup_note);
    }
}
