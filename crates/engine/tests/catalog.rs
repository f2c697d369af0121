//! Every catalog entry reproduces its error exactly: HTTP status, code and message, and the rule that
//! decided it is the entry's own.

use copyimage_engine::catalog;
use copyimage_engine::transcript;

fn code_and_message(body: &str) -> (String, String) {
    if body.starts_with('{') {
        let v: serde_json::Value = serde_json::from_str(body).expect("JSON error body");
        (
            v["Code"].as_str().unwrap_or("").into(),
            v["Message"].as_str().unwrap_or("").into(),
        )
    } else {
        let between = |a: &str, b: &str| {
            let s = body.find(a).map(|i| i + a.len()).unwrap_or(0);
            let e = body[s..].find(b).map(|i| s + i).unwrap_or(s);
            body[s..e].to_string()
        };
        (between("<Code>", "</Code>"), between("<Message>", "</Message>"))
    }
}

#[test]
fn every_entry_reproduces_its_error_exactly() {
    let entries = catalog::entries();
    assert!(entries.len() >= 55, "{} entries", entries.len());
    for e in &entries {
        let x = e.reproduce();
        let (code, message) = code_and_message(&x.response.body);
        assert_eq!(x.response.status, e.http_status, "{}: {}", e.id, x.response.body);
        assert_eq!(code, e.code, "{}", e.id);
        assert_eq!(message, e.message, "{}", e.id);
        assert!(
            x.rule.id == e.rule_id() || x.rule.id == "common.missing_parameter",
            "{}: decided by {}",
            e.id,
            x.rule.id
        );
        assert!(x.response.body.contains(&x.request_id), "{}", e.id);
    }
}

#[test]
fn entries_export_as_transcripts_that_replay_the_same_error() {
    for e in catalog::entries() {
        let t = e.transcript();
        let json = transcript::to_json(&t);
        let back = transcript::from_json(&json).unwrap_or_else(|err| panic!("{}: {err}", e.id));
        let out = transcript::run(&back).unwrap_or_else(|err| panic!("{}: {err}", e.id));
        match out.last() {
            Some(transcript::Recorded::Response { status, body, .. }) => {
                assert_eq!(*status, e.http_status, "{}", e.id);
                assert_eq!(code_and_message(body).0, e.code, "{}", e.id);
            }
            other => panic!("{}: {other:?}", e.id),
        }
    }
}
