//! Link fixtures (`tests/fixtures/links.json`, see `tests/fixtures/README.md`): permalinks, embed links and every
//! link of the error catalog page as they existed when the fixtures were recorded, with what the page showed
//! for each (the live preview and the history: status, headers, body; the debugger view's endpoint answer).
//! Docs sites bake these links in, so each one must keep opening to the same responses: the test opens every
//! link exactly as the page does (`State::from_fragment`: `permalink::from_fragment`, then the replay of its
//! steps and the preview of its request) and compares the wire responses. The "why" is not compared.
//!
//! The file was written once by `write_web_fixtures` (`COPYIMAGE_WRITE_FIXTURES=1 cargo test -p
//! copyimage-playground fixtures_tests -- --ignored`), which also wrote the web app's exported transcripts
//! (`tests/fixtures/transcripts/web-*.json`, replayed by the engine's `tests/fixtures.rs`). Never re-run it to
//! make a failing test pass.

use crate::state::{Action, State};
use crate::teach::debugger;
use copyimage_engine::engine::Exchange;
use copyimage_engine::wire::HttpResponse;
use serde_json::{json, Value};

const LINKS: &str = include_str!("../tests/fixtures/links.json");

fn wire(r: &HttpResponse) -> Value {
    json!({ "status": r.status, "headers": r.headers, "body": r.body })
}

/// What the page shows for a link: a notice (a link that could not be opened), the live preview of the
/// request, and every history entry (the world time it was sent at and its response).
fn page_shows(fragment: &str) -> Value {
    let s = State::from_fragment(fragment);
    let history: Vec<Value> = s
        .history
        .iter()
        .map(|h| json!({ "world_time": h.world_time, "response": wire(&h.exchange.response) }))
        .collect();
    json!({
        "notice": s.notice.is_some(),
        "world_time": s.engine.world_time(),
        "preview": wire(&s.preview.response),
        "history": history,
    })
}

/// What the signature-debugger view shows as the simulated endpoint's answer.
fn debugger_shows(fragment: &str) -> Value {
    let answer: Option<Exchange> = debugger::Input::from_fragment(fragment).endpoint_answer();
    json!({ "endpoint_answer": answer.map(|x| wire(&x.response)) })
}

/// The view a link opens (from its query) and its fragment (after `#`).
fn split(href: &str) -> (&'static str, &str) {
    let (before, fragment) = href.split_once('#').unwrap_or((href, ""));
    let view = if before.contains("view=debugger") {
        "debugger"
    } else if before.contains("embed") {
        "embed"
    } else {
        "playground"
    };
    (view, fragment)
}

fn shows(href: &str) -> Value {
    match split(href) {
        ("debugger", f) => debugger_shows(f),
        // Embed mode opens the same state as the playground and shows its request and live preview.
        (_, f) => page_shows(f),
    }
}

/// Every recorded link still opens to exactly what the page showed when it was recorded.
#[test]
fn recorded_links_open_to_the_recorded_responses() {
    let fixture: Value = serde_json::from_str(LINKS).expect("links.json");
    let links = fixture["links"].as_array().expect("links");
    let mut kinds = std::collections::BTreeMap::new();
    for l in links {
        let href = l["href"].as_str().expect("href");
        let from = l["from"].as_str().expect("from");
        assert_eq!(&shows(href), &l["shows"], "{from}: {href}");
        *kinds.entry(split(href).0).or_insert(0) += 1;
        if href.contains("steps=") {
            *kinds.entry("with steps").or_insert(0) += 1;
        }
    }
    // The file holds every kind of link (and the catalog's 80-odd).
    assert!(links.len() >= 80, "{}", links.len());
    for k in ["playground", "embed", "debugger", "with steps"] {
        assert!(kinds.get(k).copied().unwrap_or(0) >= 2, "{k}: {kinds:?}");
    }
}

// ---------------------------------------------------------------------------------------------------------
// The writer (run once, by hand; see the module docs)

/// Every link of the catalog page that carries a state: the examples' "Open in playground", each entry's
/// Reproduce and the gateway entries' debugger links, made relative to the site root as the page resolves them.
fn catalog_links() -> Vec<(String, String)> {
    let page =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/teach/catalog.html")).expect("catalog.html");
    let mut out = Vec::new();
    let mut entry = String::from("example");
    for piece in page.split('<').skip(1) {
        if let Some(rest) = piece.split_once("data-entry=\"") {
            entry = rest.1.split('"').next().unwrap_or_default().to_string();
        } else if let Some(rest) = piece.split_once("data-example=\"") {
            entry = format!("example {}", rest.1.split('"').next().unwrap_or_default());
        }
        let Some((_, h)) = piece.split_once("href=\"") else {
            continue;
        };
        let href = h.split('"').next().unwrap_or_default().replace("&amp;", "&");
        // In-page anchors (`#resp-…`) carry no state.
        if href.contains("#v=") || href.contains("view=debugger#") {
            let href = href.strip_prefix("../").map(|r| format!("./{r}")).unwrap_or(href);
            out.push((format!("catalog.html {entry}"), href));
        }
    }
    out
}

/// Links the page makes ("Copy link") after a few clicks: sends, clock moves and world edits.
fn clicked_links() -> Vec<(String, String)> {
    let link = |s: &State| format!("./#{}", crate::permalink::to_fragment(&s.link()));
    let field = |k: &str, v: &str| Action::SetField(k.into(), v.into());
    let mut out = Vec::new();

    let mut s = State::new();
    s.apply(field("DestinationRegionId", "cn-shanghai"));
    s.apply(Action::Send);
    s.apply(Action::Advance(300));
    s.apply(Action::ChooseOperation("DescribeImages".into()));
    s.apply(field("RegionId", "cn-shanghai"));
    out.push(("Copy link: a copy, 300 s, then DescribeImages".into(), link(&s)));
    s.apply(Action::RunToIdle);
    s.apply(Action::Send);
    out.push(("Copy link: then run to idle and send".into(), link(&s)));

    let mut s = State::from_fragment("v=1&preset=minimal&seed=4");
    s.apply(Action::Edit(copyimage_engine::edits::add_fault(
        "CopyImage",
        "internal_error_500",
    )));
    s.apply(Action::Send);
    s.apply(Action::Edit(copyimage_engine::edits::set_edit(
        "/settings/queue_limit",
        "1",
    )));
    s.apply(Action::Send);
    s.apply(Action::Send);
    s.apply(Action::NextEvent);
    out.push((
        "Copy link: minimal, a fault, a send, an edit, two sends".into(),
        link(&s),
    ));

    let mut s = State::from_fragment("v=1&preset=busy-queue&seed=9");
    s.apply(Action::SetFormat(crate::form::Format::Xml));
    s.apply(Action::Send);
    s.apply(Action::ChooseOperation("CancelCopyImage".into()));
    out.push(("Copy link: busy-queue, XML, CancelCopyImage".into(), link(&s)));
    out
}

/// Links pinned in the web app's own tests and specs, and embed links as the docs-author page builds them.
fn pinned_links() -> Vec<(String, String)> {
    [
        ("permalink.rs hand-written v1 link", "./#v=1&preset=default&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****"),
        (
            "permalink.rs pinned v1 link with steps",
            "./#v=1&preset=default&seed=7&Action=CopyImage&Format=XML&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&Tag.1.Key=env%20test&steps=sAction%3DCopyImage%26ImageId%3Dm-a,t30,n,i,eEdit%3Dqueue_limit%26value%3D5",
        ),
        ("permalink.rs ids stay readable", "./#v=1&preset=default&ImageId=m-bp1h46wfpjsjastc****"),
        (
            "permalink.spec.ts",
            "./#v=1&preset=default&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-beijing",
        ),
        ("permalink.spec.ts unknown preset", "./#v=1&preset=nope"),
        (
            "permalink.spec.ts pasted",
            "./#v=1&preset=minimal&Action=CopyImage&RegionId=cn-hangzhou&DestinationImageName=pasted",
        ),
        (
            "request.spec.ts",
            "./#v=1&preset=default&RegionId=cn-nowhere&ImageId=m-nope&DestinationRegionId=cn-hangzhou&DestinationImageName=1bad",
        ),
        (
            "world.spec.ts",
            "./#v=1&preset=minimal&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-shanghai",
        ),
        (
            "embed.rs playground link test",
            "./?embed#v=1&preset=default&Action=CopyImage&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-hangzhou&steps=t30",
        ),
        (
            "teach-embed.spec.ts",
            "./?embed&theme=dark#v=1&preset=default&Action=CopyImage&ImageId=m-bp1h46wfpjsjastc****&RegionId=cn-hangzhou&DestinationRegionId=cn-shanghai&Format=XML",
        ),
        (
            "permalink.spec.ts Tag.21 (NumberExceed.Tags)",
            "./#v=1&preset=default&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-shanghai&Tag.1.Key=k1&Tag.1.Value=v1&Tag.2.Key=k2&Tag.2.Value=v2&Tag.3.Key=k3&Tag.3.Value=v3&Tag.4.Key=k4&Tag.4.Value=v4&Tag.5.Key=k5&Tag.5.Value=v5&Tag.6.Key=k6&Tag.6.Value=v6&Tag.7.Key=k7&Tag.7.Value=v7&Tag.8.Key=k8&Tag.8.Value=v8&Tag.9.Key=k9&Tag.9.Value=v9&Tag.10.Key=k10&Tag.10.Value=v10&Tag.11.Key=k11&Tag.11.Value=v11&Tag.12.Key=k12&Tag.12.Value=v12&Tag.13.Key=k13&Tag.13.Value=v13&Tag.14.Key=k14&Tag.14.Value=v14&Tag.15.Key=k15&Tag.15.Value=v15&Tag.16.Key=k16&Tag.16.Value=v16&Tag.17.Key=k17&Tag.17.Value=v17&Tag.18.Key=k18&Tag.18.Value=v18&Tag.19.Key=k19&Tag.19.Value=v19&Tag.20.Key=k20&Tag.20.Value=v20&Tag.21.Key=k21&Tag.21.Value=v21",
        ),
        (
            "permalink.spec.ts an unknown parameter and lang",
            "./#v=1&preset=default&lang=en&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-beijing&Bogus=1",
        ),
        (
            "embed of a link with steps",
            "./?embed&theme=light#v=1&preset=default&seed=3&Action=DescribeImages&Format=JSON&RegionId=cn-shanghai&steps=sAction%3DCopyImage%26Version%3D2014-05-26%26Format%3DJSON%26RegionId%3Dcn-hangzhou%26ImageId%3Dm-bp1h46wfpjsjastc****%26DestinationRegionId%3Dcn-shanghai,t600",
        ),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}

#[test]
#[ignore = "writes the fixtures: run once, by hand (see the module docs)"]
fn write_web_fixtures() {
    if std::env::var_os("COPYIMAGE_WRITE_FIXTURES").is_none() {
        return;
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let clicked = clicked_links();
    let mut all = pinned_links();
    all.extend(clicked.iter().cloned());
    // The same states embedded (what embed.html makes of a pasted playground link).
    for (from, href) in clicked.iter().take(2) {
        all.push((format!("embed of {from}"), href.replacen("./#", "./?embed#", 1)));
    }
    all.extend(catalog_links());
    let links: Vec<Value> = all
        .iter()
        .map(|(from, href)| json!({ "from": from, "href": href, "shows": shows(href) }))
        .collect();
    std::fs::write(
        format!("{dir}/links.json"),
        serde_json::to_string_pretty(&json!({ "links": links })).unwrap() + "\n",
    )
    .unwrap();

    // The web app's history export, as "Export transcript" downloads it: without edits (the preset by name and
    // the page's own history as the recorded outcomes), and with edits (the world inlined as it was after the
    // last edit; the export records no outcomes then, so they are recorded by running it, as `copyimage run
    // --output json` does).
    let export = |href: &str| crate::export::transcript(&State::from_fragment(href.trim_start_matches("./#")));
    std::fs::write(
        format!("{dir}/transcripts/web-export.json"),
        export(&clicked[1].1) + "\n",
    )
    .unwrap();
    let mut t = copyimage_engine::transcript::from_json(&export(&clicked[2].1)).unwrap();
    assert!(t.responses.is_empty() && matches!(t.scenario, copyimage_engine::transcript::ScenarioRef::Inline(_)));
    t.responses = copyimage_engine::transcript::run(&t).unwrap();
    std::fs::write(
        format!("{dir}/transcripts/web-export-edits.json"),
        copyimage_engine::transcript::to_json(&t) + "\n",
    )
    .unwrap();
}
