//! The permalink: the page's state <-> a URL fragment, as two pure functions.
//!
//! Format version 1, readable so a docs author can write one by hand:
//!
//! ```text
//! #v=1&preset=default&Action=CopyImage&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-shanghai
//! ```
//!
//! * `v` (required, first by convention): the format version. Only `1` exists; a later version must keep
//!   reading `1` links (the tests below pin real v1 links).
//! * `preset` (default `default`) and `seed` (default 1): the scenario the world starts from.
//! * `lang`: reserved for the page's language; never sent. The link's own keys (`v`, `preset`, `seed`,
//!   `scenario`, `steps`, `lang`) are never request parameters.
//! * any wire parameter of the request: `Action` (default CopyImage), `Format`, `AccessKeyId`, the business
//!   parameters, `Tag.N.Key`/`Tag.N.Value`, and any other name (`Tag.21.Key`, an unknown name), which the
//!   page keeps in the form's other parameters and sends as written. Values are percent-encoded (UTF-8); `*`, `:` and `/` may stay
//!   raw. `+` is a plus sign, not a space. **`AccessKeySecret` is never written and is refused when read.**
//! * `scenario` (instead of `preset`): an imported scenario file, carried whole: the world as compact JSON,
//!   raw-DEFLATE-compressed, in unpadded base64url. Only the full build (`full/`, cargo feature
//!   `scenario-import`) reads it; the lean build sends such a link there.
//! * `steps`: what happened to the world since the preset, compact, comma-separated: `t<secs>` (the world
//!   clock advanced), `n` (ran to the next event), `i` (ran to idle), `s<request>` (a request was sent; the
//!   request is its wire parameters as a query string, percent-encoded once more), `e<edit>` (a world edit,
//!   in the same form as a request, with `Edit=<kind>`). Replaying the steps from the preset and seed
//!   rebuilds the world and the history exactly, because the engine is deterministic.

use copyimage_engine::wire::Params;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The link's own keys: they say how to open the page and are never request parameters (a form row with one
/// of these names is not sent, so a link can always be written back).
pub const LINK_KEYS: &[&str] = &["v", "preset", "seed", "scenario", "steps", "lang"];

/// The version this build writes.
pub const VERSION: u32 = 1;
/// More steps than this is not a link a person made; refuse it rather than freeze the page replaying it.
pub const MAX_STEPS: usize = 2000;
/// The longest clock step a link may hold (ten years of virtual seconds).
pub const MAX_ADVANCE: u64 = 10 * 365 * 86_400;

/// Characters left raw in top-level values: letters, digits and `-_.~*:/@!`, so IDs such as
/// `m-bp1h46wfpjsjastc****` stay readable.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'*')
    .remove(b':')
    .remove(b'/')
    .remove(b'@')
    .remove(b'!');
/// Inside a step only RFC 3986 unreserved characters stay raw (`,` `&` `=` must not).
const STRICT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// One thing that happened to the world, in order: the engine's one step type (the transcript's), so the
/// playground replays a link exactly as `copyimage run` replays a transcript.
pub use copyimage_engine::transcript::Step;

/// Everything a link carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The scenario preset's name (ignored when `scenario` is set).
    pub preset: String,
    /// An imported scenario, as the link's `scenario=` value (not decoded: see [`decode_scenario`]).
    pub scenario: Option<String>,
    /// The engine's seed.
    pub seed: u64,
    /// The request's wire parameters (`Action`, `Format`, `AccessKeyId`, business parameters).
    pub params: Params,
    /// The world's history since the preset.
    pub steps: Vec<Step>,
}

impl Default for Link {
    fn default() -> Link {
        Link {
            preset: "default".into(),
            scenario: None,
            seed: 1,
            params: Vec::new(),
            steps: Vec::new(),
        }
    }
}

fn enc(s: &str, set: &'static AsciiSet) -> String {
    utf8_percent_encode(s, set).to_string()
}

fn dec(s: &str) -> Result<String, String> {
    percent_decode_str(s)
        .decode_utf8()
        .map(|c| c.into_owned())
        .map_err(|_| format!("the text “{}” is not valid percent-encoded UTF-8", truncate(s)))
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

fn query(params: &[(String, String)]) -> String {
    params
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k, STRICT), enc(v, STRICT)))
        .collect::<Vec<_>>()
        .join("&")
}

fn parse_query(q: &str) -> Result<Params, String> {
    let mut out = Vec::new();
    for pair in q.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        out.push((dec(k)?, dec(v)?));
    }
    Ok(out)
}

/// The fragment (without `#`) for `link`. Never contains `AccessKeySecret`.
pub fn to_fragment(link: &Link) -> String {
    let mut parts = vec![format!("v={VERSION}")];
    match &link.scenario {
        // base64url needs no percent-encoding.
        Some(value) => parts.push(format!("scenario={value}")),
        None => parts.push(format!("preset={}", enc(&link.preset, VALUE))),
    }
    if link.seed != 1 {
        parts.push(format!("seed={}", link.seed));
    }
    for (k, v) in &link.params {
        if k == "AccessKeySecret" {
            continue;
        }
        parts.push(format!("{}={}", enc(k, VALUE), enc(v, VALUE)));
    }
    if !link.steps.is_empty() {
        let mut steps: Vec<String> = Vec::new();
        for s in &link.steps {
            steps.push(match s {
                Step::Send(p) => format!("s{}", enc(&query(p), STRICT)),
                Step::Edit(p) => format!("e{}", enc(&query(p), STRICT)),
                Step::Advance(n) => format!("t{n}"),
                Step::NextEvent => "n".into(),
                Step::RunToIdle => "i".into(),
                // The playground sends only trusted requests; a signed one belongs to a transcript.
                Step::Http { .. } => continue,
            });
        }
        parts.push(format!("steps={}", steps.join(",")));
    }
    parts.join("&")
}

/// Reads a fragment (with or without the leading `#`). `Ok(None)` for an empty fragment (the default page);
/// `Err` with a sentence a person can act on for a damaged link or an unknown version.
pub fn from_fragment(fragment: &str) -> Result<Option<Link>, String> {
    let frag = fragment.strip_prefix('#').unwrap_or(fragment);
    // A fragment of the page's language alone (`#lang=zh-CN`) names no state: the default page.
    if frag.split('&').all(|p| p.trim().is_empty() || p.starts_with("lang=")) {
        return Ok(None);
    }
    let mut link = Link::default();
    let mut version: Option<String> = None;
    let mut named_preset = false;
    for pair in frag.split('&').filter(|p| !p.is_empty()) {
        let (raw_k, raw_v) = pair
            .split_once('=')
            .ok_or_else(|| format!("the part “{}” has no “=”", truncate(pair)))?;
        let k = dec(raw_k)?;
        // A value that cannot be read is refused naming its key, so the reader knows what to fix.
        let value =
            || dec(raw_v).map_err(|_| format!("the value of “{}” is not valid percent-encoded UTF-8", truncate(&k)));
        match k.as_str() {
            "v" => version = Some(value()?),
            "preset" => {
                link.preset = value()?;
                named_preset = true;
            }
            "scenario" => link.scenario = Some(value()?),
            "seed" => {
                link.seed = value()?
                    .parse()
                    .map_err(|_| format!("seed “{}” is not a whole number", truncate(raw_v)))?
            }
            "steps" => link.steps = parse_steps(raw_v)?,
            // The page's language (read by the page itself): a key of the link, never a parameter to send.
            "lang" => {}
            "AccessKeySecret" => {
                return Err("it contains an AccessKeySecret; secrets are never put in links".into());
            }
            _ => link.params.push((k.clone(), value()?)),
        }
    }
    if named_preset && link.scenario.is_some() {
        return Err("it names both a preset and an imported scenario".into());
    }
    match version.as_deref() {
        None => Err("it has no version (links start with #v=1)".into()),
        Some("1") => Ok(Some(link)),
        Some(other) => Err(format!(
            "it uses link format version “{}”, which this playground does not know (it reads version 1)",
            truncate(other)
        )),
    }
}

/// Whether a fragment is a link that carries an imported scenario (which only the full build can open).
/// A cheap look at the keys; the full parse happens where the link is opened.
#[cfg_attr(feature = "scenario-import", allow(dead_code))]
pub fn carries_scenario(fragment: &str) -> bool {
    let frag = fragment.strip_prefix('#').unwrap_or(fragment);
    frag.split('&').any(|p| p.starts_with("scenario="))
}

/// The largest scenario a link may inflate to (bytes); a bigger one is refused rather than allocated.
#[cfg(any(feature = "scenario-import", test))]
const MAX_INFLATED: usize = 4 << 20;

/// The `scenario=` value for a world's compact JSON: raw DEFLATE, then unpadded base64url (3.3 KB of
/// link for the `default` preset's 18.6 KB of JSON, so a link stays a few KB).
#[cfg(any(feature = "scenario-import", test))]
pub fn encode_scenario(compact_json: &str) -> String {
    use base64::Engine as _;
    let packed = miniz_oxide::deflate::compress_to_vec(compact_json.as_bytes(), 9);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
}

/// The scenario JSON a `scenario=` value carries, or a sentence saying why the value is damaged.
#[cfg(any(feature = "scenario-import", test))]
pub fn decode_scenario(value: &str) -> Result<String, String> {
    use base64::Engine as _;
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(value.trim_end_matches('='))
        .map_err(|_| "its scenario is not valid base64url (was the link cut short?)".to_string())?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED)
        .map_err(|_| "its scenario is not valid compressed data (was the link cut short?)".to_string())?;
    String::from_utf8(json).map_err(|_| "its scenario is not UTF-8 text".to_string())
}

fn parse_steps(raw: &str) -> Result<Vec<Step>, String> {
    let mut out = Vec::new();
    for tok in raw.split(',').filter(|t| !t.is_empty()) {
        if out.len() >= MAX_STEPS {
            return Err(format!("it holds more than {MAX_STEPS} steps"));
        }
        // The kind is the first character, not byte: a token may start with any (pasted) character.
        let (kind, rest) = tok.split_at(tok.chars().next().map_or(0, char::len_utf8));
        let step = match kind {
            "t" => {
                let n: u64 = rest
                    .parse()
                    .map_err(|_| format!("the clock step “{}” is not a whole number", truncate(tok)))?;
                if n > MAX_ADVANCE {
                    return Err(format!("the clock step {n} s is longer than {MAX_ADVANCE} s"));
                }
                Step::Advance(n)
            }
            "n" if rest.is_empty() => Step::NextEvent,
            "i" if rest.is_empty() => Step::RunToIdle,
            "s" => Step::Send(parse_query(&dec(rest)?)?),
            "e" => Step::Edit(parse_query(&dec(rest)?)?),
            _ => return Err(format!("the step “{}” is not one this version knows", truncate(tok))),
        };
        out.push(step);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(k: &str, v: &str) -> (String, String) {
        (k.to_string(), v.to_string())
    }

    #[test]
    fn hand_written_v1_link_opens() {
        // Pinned: a link a docs author wrote by hand. Must keep opening as the format evolves.
        let l = from_fragment("#v=1&preset=default&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****")
            .unwrap()
            .unwrap();
        assert_eq!(l.preset, "default");
        assert_eq!(l.seed, 1);
        assert_eq!(
            l.params,
            vec![p("RegionId", "cn-hangzhou"), p("ImageId", "m-bp1h46wfpjsjastc****")]
        );
        assert!(l.steps.is_empty());
    }

    #[test]
    fn pinned_v1_link_with_steps_opens() {
        let frag = "v=1&preset=default&seed=7&Action=CopyImage&Format=XML&RegionId=cn-hangzhou\
                    &ImageId=m-bp1h46wfpjsjastc****&Tag.1.Key=env%20test\
                    &steps=sAction%3DCopyImage%26ImageId%3Dm-a,t30,n,i,eEdit%3Dqueue_limit%26value%3D5";
        let l = from_fragment(frag).unwrap().unwrap();
        assert_eq!(l.seed, 7);
        assert!(l.params.contains(&p("Tag.1.Key", "env test")));
        assert_eq!(
            l.steps,
            vec![
                Step::Send(vec![p("Action", "CopyImage"), p("ImageId", "m-a")]),
                Step::Advance(30),
                Step::NextEvent,
                Step::RunToIdle,
                Step::Edit(vec![p("Edit", "queue_limit"), p("value", "5")]),
            ]
        );
    }

    #[test]
    fn round_trip_keeps_everything_but_the_secret() {
        let link = Link {
            scenario: None,
            preset: "busy queue".into(),
            seed: 42,
            params: vec![
                p("Action", "CopyImage"),
                p("AccessKeySecret", "hunter2"),
                p("DestinationImageName", "<img src=x onerror=alert(1)>&x=1#frag"),
                p("DestinationDescription", "中文 description, with commas"),
                p("Tag.1.Value", ""),
            ],
            steps: vec![
                Step::Send(vec![p("Action", "CopyImage"), p("DestinationImageName", "a,b&c=d%")]),
                Step::Advance(5),
                Step::RunToIdle,
            ],
        };
        let frag = to_fragment(&link);
        assert!(!frag.contains("hunter2") && !frag.contains("AccessKeySecret"), "{frag}");
        assert!(
            frag.starts_with("v=1&preset=busy%20queue&seed=42&Action=CopyImage&"),
            "{frag}"
        );
        let back = from_fragment(&frag).unwrap().unwrap();
        let mut expected = link.clone();
        expected.params.retain(|(k, _)| k != "AccessKeySecret");
        assert_eq!(back, expected);
    }

    #[test]
    fn an_imported_scenario_travels_compressed_and_comes_back_exactly() {
        let json = r#"{"regions":[{"id":"cn-hangzhou"}],"note":"中文 & = # %"}"#;
        let value = encode_scenario(json);
        assert!(
            value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{value}"
        );
        let link = Link {
            scenario: Some(value.clone()),
            seed: 3,
            ..Link::default()
        };
        let frag = to_fragment(&link);
        assert_eq!(frag, format!("v=1&scenario={value}&seed=3"));
        assert!(carries_scenario(&frag) && carries_scenario(&format!("#{frag}")));
        assert!(!carries_scenario(
            "v=1&preset=default&DestinationImageName=scenario%3D1"
        ));
        let back = from_fragment(&frag).unwrap().unwrap();
        assert_eq!(back.scenario.as_deref(), Some(value.as_str()));
        assert_eq!(decode_scenario(back.scenario.as_deref().unwrap()).unwrap(), json);
    }

    #[test]
    fn damaged_scenario_values_say_why() {
        assert!(decode_scenario("!!!").unwrap_err().contains("base64url"));
        assert!(decode_scenario("AAAA").unwrap_err().contains("compressed"));
        let cut = encode_scenario(&"x".repeat(5000));
        assert!(decode_scenario(&cut[..cut.len() / 2]).is_err());
        assert!(from_fragment("#v=1&preset=minimal&scenario=abc")
            .unwrap_err()
            .contains("both a preset and an imported scenario"));
        // A small value that inflates past the limit is refused, not allocated.
        let bomb = encode_scenario(&" ".repeat(MAX_INFLATED + 1));
        assert!(bomb.len() < 10_000);
        assert!(decode_scenario(&bomb).unwrap_err().contains("compressed"));
    }

    #[test]
    fn ids_stay_readable() {
        let link = Link {
            scenario: None,
            params: vec![p("ImageId", "m-bp1h46wfpjsjastc****")],
            ..Link::default()
        };
        assert_eq!(to_fragment(&link), "v=1&preset=default&ImageId=m-bp1h46wfpjsjastc****");
    }

    #[test]
    fn empty_fragment_is_the_default_page() {
        assert_eq!(from_fragment(""), Ok(None));
        assert_eq!(from_fragment("#"), Ok(None));
    }

    #[test]
    fn damaged_and_unknown_links_say_why() {
        let err = |f: &str| from_fragment(f).unwrap_err();
        assert!(err("#v=2&preset=default").contains("version “2”"));
        assert!(err("#preset=default").contains("no version"));
        assert_eq!(
            err("#v=1&ImageId=%E0%A4"),
            "the value of “ImageId” is not valid percent-encoded UTF-8"
        );
        assert!(err("#v=1&garbage").contains("has no “=”"));
        assert!(err("#v=1&seed=abc").contains("seed"));
        assert!(err("#v=1&steps=t30,x9").contains("not one this version knows"));
        assert!(err("#v=1&steps=t99999999999999").contains("longer than"));
        assert!(err("#v=1&AccessKeySecret=abc").contains("never put in links"));
        let many = format!("#v=1&steps={}", vec!["n"; MAX_STEPS + 1].join(","));
        assert!(err(&many).contains("more than"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for f in [
            "#v=1&=",
            "#&&&",
            "#v=1&steps=,,,",
            "#v=1&steps=s%",
            "#=1",
            "#v=1&steps=t",
            "#v=1&%=%",
        ] {
            let _ = from_fragment(f);
        }
    }
}
