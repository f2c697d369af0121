//! The error catalog: every documented error row (the CopyImage reference's whole table, the errors of the
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

/// One documented error.
#[derive(Clone, Debug)]
pub struct CatalogEntry {
    /// Stable ID (the rule ID the engine reports for it).
    pub id: String,
    /// HTTP status.
    pub http_status: u16,
    /// Code, exactly.
    pub code: String,
    /// Message, exactly.
    pub message: String,
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

/// Every catalog entry: the engine's own, then the gateway's.
pub fn entries() -> Vec<CatalogEntry> {
    let mut v = entries::engine_entries(&entries::Copies::new());
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
    fn setups_are_typed_edits_and_real_operations_with_notes_in_words() {
        use crate::model::edits::Edit;
        let e = find("copyimage.byok_whitelist").unwrap();
        assert_eq!(
            e.repro.setup,
            vec![Step::from(Edit::set("/account/byok_whitelisted", "false"))]
        );
        assert_eq!(e.repro.setup_note, "account.byok_whitelisted = false");
        let e = find("simulated.internal_error_500").unwrap();
        assert_eq!(
            e.repro.setup_note,
            "faults: [{action: CopyImage, kind: internal_error_500}]"
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
