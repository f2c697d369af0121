//! The parameter docs (shown next to each field) and the errors an operation really returns agree, for every
//! operation the docs list: each error a parameter's docs name is one the operation returns (the error
//! catalog shows it), and each error the operation returns for a parameter is named in that parameter's docs.
//!
//! "The operation returns it" is read from the catalog: an entry whose request is that operation, or an
//! entry of another operation whose reproduction, sent with this operation's `Action` instead, gets the same
//! code (a missing `ImageId`, an unknown region, a dry run are the same mistake for every operation that
//! takes the parameter). Entries sent as signed HTTP (the gateway's) are kept as they are: their errors come
//! before any operation runs.

use std::collections::BTreeSet;

use copyimage_engine::catalog::{self, CatalogEntry};
use copyimage_engine::docs::{self, OperationDoc};
use copyimage_engine::transcript::Step;
use copyimage_engine::wire::param;

/// Parameters the faces compute when they sign (never typed, so never documented as a field): an error
/// tied to one of them has no field docs to appear in.
const COMPUTED: &[&str] = &[
    "Action",
    "Version",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
];

/// The entry, sent as `action` instead of its own Action (None when it is not a plain request).
fn as_action(e: &CatalogEntry, action: &str) -> Option<CatalogEntry> {
    let Step::Send(params) = &e.repro.request else {
        return None;
    };
    let mut e = e.clone();
    let params = params
        .iter()
        .map(|(k, v)| {
            let v = if k == "Action" { action.to_string() } else { v.clone() };
            (k.clone(), v)
        })
        .collect();
    e.repro.request = Step::Send(params);
    Some(e)
}

/// (code, field) of every error the catalog shows `op` returning.
fn returned(op: &OperationDoc, entries: &[CatalogEntry]) -> BTreeSet<(String, Option<String>)> {
    let mut out = BTreeSet::new();
    for e in entries {
        let x = e.reproduce();
        let own = param(&x.params, "Action") == Some(op.action);
        let x = match (own, as_action(e, op.action)) {
            (true, _) => x,
            (false, Some(other)) => other.reproduce(),
            (false, None) => continue,
        };
        if let Some(err) = x.answer.error().filter(|err| err.code == e.code) {
            out.insert((err.code.clone(), err.field.clone()));
        }
    }
    out
}

/// The docs of `field` in `op` (`Tag.3.Key` is `Tag.N.Key`), or of the common parameter of that name.
fn field_doc(op: &OperationDoc, field: &str) -> Option<docs::ParamDoc> {
    let parts: Vec<&str> = field.splitn(3, '.').collect();
    let generic = match parts.as_slice() {
        [head, n, tail] if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => format!("{head}.N.{tail}"),
        _ => field.to_string(),
    };
    op.params
        .iter()
        .chain(docs::COMMON)
        .find(|d| d.name == generic)
        .copied()
}

/// Every (action, parameter, code) the docs list that `returned` does not show, and every returned
/// (action, field, code) the field's docs leave out.
fn disagreements(ops: &[OperationDoc], entries: &[CatalogEntry]) -> Vec<String> {
    let mut bad = Vec::new();
    // Errors before any operation (the gateway's, on the common parameters): any entry may show them.
    let any: BTreeSet<&str> = entries.iter().map(|e| e.code.as_str()).collect();
    for d in docs::COMMON {
        for c in d.errors {
            if !any.contains(c) {
                bad.push(format!("common {}: lists {c}, which no catalog entry returns", d.name));
            }
        }
    }
    for op in ops {
        let got = returned(op, entries);
        for d in op.params {
            for c in d.errors {
                if !got.iter().any(|(code, _)| code == c) {
                    bad.push(format!(
                        "{} {}: lists {c}, which the operation never returns",
                        op.action, d.name
                    ));
                }
            }
        }
        for (code, field) in &got {
            let Some(field) = field else { continue };
            match field_doc(op, field) {
                Some(d) if d.errors.contains(&code.as_str()) => {}
                Some(d) => bad.push(format!("{} {}: returns {code}, not in its docs", op.action, d.name)),
                None if COMPUTED.contains(&field.as_str()) => {}
                None => bad.push(format!(
                    "{} {field}: returns {code}, and the field has no docs",
                    op.action
                )),
            }
        }
    }
    bad
}

#[test]
fn every_documented_error_is_returned_and_every_returned_error_is_documented() {
    let entries = catalog::entries();
    let bad = disagreements(docs::OPERATIONS, &entries);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_check_sees_a_listed_error_never_returned_and_a_returned_error_not_listed() {
    let entries = catalog::entries();
    let copy = docs::operation("CopyImage").unwrap();
    // A planted code in RegionId's list, and ImageId's list without InvalidImageId.NotFound.
    let params: Vec<docs::ParamDoc> = copy
        .params
        .iter()
        .map(|d| match d.name {
            "RegionId" => docs::ParamDoc {
                errors: &[
                    "SourceRegion.NotFound",
                    "RegionNotSupportCopy",
                    "InvalidRegionId.NotFound",
                ],
                ..*d
            },
            "ImageId" => docs::ParamDoc { errors: &[], ..*d },
            _ => *d,
        })
        .collect();
    let params: &'static [docs::ParamDoc] = Box::leak(params.into_boxed_slice());
    let planted = OperationDoc { params, ..*copy };
    let bad = disagreements(&[planted], &entries);
    assert!(
        bad.contains(&"CopyImage RegionId: lists InvalidRegionId.NotFound, which the operation never returns".into()),
        "{bad:?}"
    );
    assert!(
        bad.contains(&"CopyImage ImageId: returns InvalidImageId.NotFound, not in its docs".into()),
        "{bad:?}"
    );
}

/// Per field: a request of each operation that leaves out one required parameter is refused with an error
/// that parameter's docs name (the catalog check above works per operation, so a field whose docs forgot
/// `MissingParameter` while another field of the same operation lists it slipped through).
#[test]
fn leaving_out_a_required_parameter_answers_an_error_its_docs_name() {
    use copyimage_engine::engine::{CallContext, Engine};
    let engine = Engine::from_preset("default", 1).unwrap();
    let ctx = CallContext::new("ecs.cn-hangzhou.aliyuncs.com");
    let mut problems = Vec::new();
    for op in docs::OPERATIONS {
        for left_out in op.params.iter().filter(|d| d.required && !COMPUTED.contains(&d.name)) {
            let mut params: Vec<(String, String)> = vec![
                ("Action".into(), op.action.into()),
                ("Version".into(), "2014-05-26".into()),
                ("Format".into(), "JSON".into()),
            ];
            params.extend(
                op.params
                    .iter()
                    .filter(|d| d.required && d.name != left_out.name && !d.name.contains(".N"))
                    .map(|d| (d.name.to_string(), d.example.to_string())),
            );
            let x = engine.preview(&params, &ctx);
            match x.answer.error() {
                Some(err) if left_out.errors.contains(&err.code.as_str()) => {}
                Some(err) => problems.push(format!(
                    "{} without {}: {} is not in the field's docs {:?}",
                    op.action, left_out.name, err.code, left_out.errors
                )),
                None => problems.push(format!("{} without {}: accepted", op.action, left_out.name)),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
