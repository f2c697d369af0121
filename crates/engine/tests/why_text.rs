//! The "why" a reader sees is prose for readers: no internal file names, section marks, note labels, rule
//! IDs or setting paths. Every catalog entry's exchange (each documented error, reproduced) and the
//! successes of every operation are rendered and checked against a deny-list; a planted marker shows the
//! check can fail.

use copyimage_engine::catalog;
use copyimage_engine::engine::{CallContext, Engine, Exchange};
use copyimage_engine::why;

/// What must never reach a reader: the reason it names.
fn internal_marker(text: &str) -> Option<&'static str> {
    if text.contains('§') {
        return Some("a section mark");
    }
    if text.contains(".md") {
        return Some("a .md file name");
    }
    for label in ["FACTS", "FIELDS", "REF:", "REF ", "[INF]", "[DOC]", "[CAP]"] {
        if text.contains(label) {
            return Some("an internal note label");
        }
    }
    if text.contains("settings.") || text.contains("[].") {
        return Some("a setting path");
    }
    // The rule-ID shape: lower-case words joined by a dot and an underscore (`copyimage.same_region`).
    let rule_id = text
        .split(|c: char| c.is_whitespace() || "()\"',;:`".contains(c))
        .any(|w| {
            let w = w.trim_end_matches('.');
            match w.split_once('.') {
                Some((a, b)) => {
                    !a.is_empty()
                        && a.chars().all(|c| c.is_ascii_lowercase())
                        && b.contains('_')
                        && b.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                }
                None => false,
            }
        });
    rule_id.then_some("a rule ID")
}

fn reader_text(x: &Exchange) -> String {
    format!("{} {}", why::text(&x.rule), why::source_title(x.rule.source))
}

#[test]
fn the_deny_list_catches_planted_markers() {
    for planted in [
        "See FACTS §1c.",
        "written in FIDELITY.md",
        "REF: \"quote\"",
        "the world setting settings.anonymous_caller is on",
        "decided by copyimage.same_region here",
        "access_keys[].enabled = false",
    ] {
        assert!(internal_marker(planted).is_some(), "{planted}");
    }
    assert_eq!(
        internal_marker("Copy m-1 of m-2 to cn-shanghai queued (limit 1)."),
        None
    );
    assert_eq!(internal_marker("Status=Creating or Waiting; page 1 shows 3."), None);
}

#[test]
fn every_why_of_the_catalog_reads_as_prose() {
    let mut bad = Vec::new();
    for e in catalog::entries() {
        let x = e.reproduce();
        let text = reader_text(&x);
        if let Some(why) = internal_marker(&text) {
            bad.push(format!("{} ({why}): {text}", e.id));
        }
    }
    assert!(bad.is_empty(), "internal markers in visible text:\n{}", bad.join("\n"));
}

#[test]
fn every_success_why_reads_as_prose() {
    let mut e = Engine::from_preset("default", 1).unwrap();
    let ctx = CallContext::new("ecs.cn-hangzhou.aliyuncs.com");
    let p = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        let mut out = vec![("Version".to_string(), "2014-05-26".to_string())];
        out.extend(v.iter().map(|(a, b)| (a.to_string(), b.to_string())));
        out
    };
    let copy = e.call(
        &p(&[
            ("Action", "CopyImage"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", "m-bp1h46wfpjsjastc****"),
            ("DestinationRegionId", "cn-shanghai"),
        ]),
        &ctx,
    );
    assert_eq!(copy.response.status, 200, "{}", copy.response.body);
    let id = copy.answer.str_field("ImageId").unwrap().to_string();
    let mut all = vec![copy];
    for req in [
        p(&[
            ("Action", "DescribeImages"),
            ("RegionId", "cn-shanghai"),
            ("Status", "ALL"),
        ]),
        p(&[("Action", "DescribeRegions")]),
        p(&[
            ("Action", "CancelCopyImage"),
            ("RegionId", "cn-shanghai"),
            ("ImageId", &id),
        ]),
    ] {
        all.push(e.call(&req, &ctx));
    }
    // DescribeImages mentions the Status default only when Status is absent.
    let listed = &all[1];
    assert!(
        why::text(&listed.rule).contains("(Status=ALL)"),
        "{}",
        why::text(&listed.rule)
    );
    assert!(!why::text(&listed.rule).contains("no Status given"));
    let default = e.preview(&p(&[("Action", "DescribeImages"), ("RegionId", "cn-shanghai")]), &ctx);
    assert!(why::text(&default.rule).contains("no Status given, so only Available images are listed"));
    for x in &all {
        assert_eq!(x.response.status, 200, "{}", x.response.body);
        let text = reader_text(x);
        assert_eq!(internal_marker(&text), None, "{}: {text}", x.rule.id);
        assert!(!text.contains('{'), "an unfilled template argument: {text}");
    }
}
