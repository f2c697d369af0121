//! The signature-debugger view: paste a signed URL (or a raw HTTP request: method, headers, body) and the
//! secret; see the expected and the reconstructed StringToSign side by side, the first difference marked,
//! the likely cause named, and what the simulated endpoint answers. All the reasoning is the engine's
//! `debugger` module; this view only reads the inputs and lays the diagnosis out.
//!
//! The secret lives in this component's state only: it is never put in the URL, stored or logged. A
//! Reproduce link from the catalog carries the request and the wire time in the fragment; for the
//! simulated account's demo keys the view can look the secret up in the scenario instead.

// Without the `debugger-view` feature this module is compiled for its tests only (so the view keeps
// type-checking); the component itself is then unused.
#![cfg_attr(not(feature = "debugger-view"), allow(dead_code))]

use super::current_fragment;
use crate::i18n::{t, tf, tfn, tn, tr};
use copyimage_engine::clock::UtcTime;
use copyimage_engine::debugger::{self, Diagnosis};
use copyimage_engine::engine::{Engine, Exchange};
use copyimage_engine::gateway;
use copyimage_engine::wire::{param, HttpRequest};
use percent_encoding::percent_decode_str;
use yew::prelude::*;

/// What the view works on (everything but the secret can come from the URL fragment).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Input {
    /// A URL (`https://host/?query`) or raw HTTP text.
    pub request: String,
    /// The server's clock, ISO 8601; empty: now.
    pub now: String,
    /// The scenario whose access keys and world answer on the simulated endpoint.
    pub preset: String,
    /// The client's own StringToSign / canonical request, when the user has it.
    pub user_string_to_sign: String,
}

fn dec(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

impl Input {
    /// Reads `req=…&now=…&preset=…` (percent-encoded) from a fragment; anything else is ignored.
    pub fn from_fragment(frag: &str) -> Input {
        let mut i = Input {
            preset: "default".into(),
            ..Input::default()
        };
        for pair in frag.trim_start_matches('#').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "req" => i.request = dec(v),
                "now" => i.now = dec(v),
                "preset" => i.preset = dec(v),
                _ => {}
            }
        }
        i
    }

    /// The pasted request, parsed: a URL when it starts with `http`, else raw HTTP.
    pub fn http_request(&self) -> Option<HttpRequest> {
        let t = self.request.trim();
        if t.is_empty() {
            None
        } else if t.starts_with("http://") || t.starts_with("https://") {
            debugger::parse_url(t)
        } else {
            debugger::parse_raw_http(t)
        }
    }

    /// The server clock: the given instant, else `fallback` (the browser's clock).
    pub fn server_time(&self, fallback: UtcTime) -> Option<UtcTime> {
        if self.now.trim().is_empty() {
            Some(fallback)
        } else {
            UtcTime::parse_iso8601(self.now.trim())
        }
    }

    /// The AccessKeyId the request names (V1 parameter or V3 Credential).
    pub fn access_key_id(&self) -> Option<String> {
        let req = self.http_request()?;
        if let Some(ak) = param(&gateway::request_params(&req), "AccessKeyId") {
            return Some(ak.to_string());
        }
        let auth = req.header("authorization")?;
        let cred = auth.split("Credential=").nth(1)?;
        Some(cred.split([',', ' ']).next()?.to_string())
    }

    /// The secret of a demo key of the scenario (the simulated account's own keys, not a user's).
    pub fn demo_secret(&self) -> Option<String> {
        let ak = self.access_key_id()?;
        let world = copyimage_engine::scenario::preset(&self.preset)?;
        world.access_keys.iter().find(|k| k.id == ak).map(|k| k.secret.clone())
    }

    /// What the simulated endpoint (`copyimage serve` over the scenario) answers, at the server time.
    pub fn endpoint_answer(&self) -> Option<Exchange> {
        let req = self.http_request()?;
        let now = self.server_time(UtcTime(0))?;
        let mut e = Engine::from_preset(&self.preset, 1)?;
        Some(e.handle_http(&req, now))
    }

    /// The engine's diagnosis with this secret.
    pub fn diagnose(&self, secret: &str, fallback_now: UtcTime) -> Option<Diagnosis> {
        let req = self.http_request()?;
        let now = self.server_time(fallback_now);
        let user = Some(self.user_string_to_sign.trim()).filter(|s| !s.is_empty());
        Some(debugger::diagnose(&req, secret, now, user))
    }
}

/// The small header the teaching pages share, with a way back to the playground and the language switch.
pub fn page_header(title: &str, lead: &str) -> Html {
    html! {
        <header class="top">
            <div class="title">
                <h1>{ title.to_string() }</h1>
                <p class="tagline">{ lead.to_string() }</p>
            </div>
            <nav class="teach-nav" aria-label={t("Pages")}>
                <a href="./">{ tn("Playground") }</a>
                <a href="./?lessons">{ tn("Lessons") }</a>
                <a href="teach/catalog.html">{ tn("Error catalog") }</a>
                <a href="./?view=debugger">{ tn("Signature debugger") }</a>
                <a href="teach/embed.html">{ tn("Embed in docs") }</a>
            </nav>
            { crate::i18n::lang_switch(&current_fragment()) }
        </header>
    }
}

/// A debugger explanation (an engine text keyed by its English) in the page's language.
fn tr_owned(english: &str) -> String {
    tr(english).to_string()
}

fn browser_now() -> UtcTime {
    UtcTime((js_sys::Date::now() / 1000.0) as i64)
}

/// How many characters from `i` to mark: a whole percent-escape (`%2A`, or `%252A` when encoded twice, as
/// in a V1 StringToSign) when one starts there, else one character.
fn mark_len(chars: &[char], i: usize) -> usize {
    let hex = |k: usize| chars.get(k).is_some_and(|c| c.is_ascii_hexdigit());
    if chars.get(i) != Some(&'%') || !hex(i + 1) || !hex(i + 2) {
        return 1;
    }
    if chars.get(i + 1..i + 3) == Some(&['2', '5'][..]) && hex(i + 3) && hex(i + 4) {
        5
    } else {
        3
    }
}

/// `text` with the difference starting at `index` (characters, not bytes) wrapped in `<mark>`.
fn marked(text: &str, index: Option<usize>, id: &str) -> Html {
    let Some(i) = index else {
        return html! { <pre id={id.to_string()} class="sts">{ text.to_string() }</pre> };
    };
    let chars: Vec<char> = text.chars().collect();
    let i = i.min(chars.len());
    let end = (i + mark_len(&chars, i)).min(chars.len());
    let before: String = chars[..i].iter().collect();
    let at: String = if i < chars.len() {
        chars[i..end].iter().collect()
    } else {
        "⟂".into()
    };
    let after: String = chars[end..].iter().collect();
    html! { <pre id={id.to_string()} class="sts">{ before }<mark class="first-diff">{ at }</mark>{ after }</pre> }
}

fn diagnosis_view(d: &Diagnosis) -> Html {
    let what = match d.style {
        gateway::SignatureStyle::V1 => "StringToSign",
        gateway::SignatureStyle::V3 => "CanonicalRequest",
    };
    let idx = d.difference.as_ref().map(|x| x.index);
    let user = d.user_string_to_sign.clone();
    html! {
        <>
            <p id="dbg-verdict" class={classes!("verdict", if d.signature_matches { "ok" } else { "err" })}>
                { if d.signature_matches { tn("The signature matches.") } else { tn("The signature does NOT match.") } }
            </p>
            if d.signature_matches {
                <p id="dbg-verdict-detail">
                    { tfn("Your client signed exactly what the server expects: the same {what} with the same secret, so signing is not the problem.", &[("what", what)]) }
                    if !d.causes.is_empty() || d.gateway_error.is_some() {
                        { tn(" The request is still refused, for the reason below.") }
                    }
                </p>
            }
            <dl class="sigs">
                <dt>{ tn("Your signature") }</dt><dd><code id="dbg-user-sig">{ d.user_signature.clone() }</code></dd>
                <dt>{ tn("Expected signature") }</dt><dd><code id="dbg-expected-sig">{ d.expected_signature.clone() }</code></dd>
            </dl>
            if !d.causes.is_empty() {
                <h3>{ tn("Likely cause") }</h3>
                <ul id="dbg-causes">
                    { for d.causes.iter().map(|c| html! { <li>{ c.explain_in(&tr_owned) }</li> }) }
                </ul>
            }
            <div class="side-by-side">
                <div>
                    <h3>{ tfn("Expected {what}", &[("what", what)]) }</h3>
                    { marked(&d.expected_string_to_sign, idx, "dbg-expected") }
                </div>
                <div>
                    <h3>{ tfn("Your {what}", &[("what", what)]) }</h3>
                    { match &user {
                        Some(u) => marked(u, idx, "dbg-yours"),
                        None if d.signature_matches => html! { <p id="dbg-yours" class="desc">{
                            tf("The same as the expected {what}: the signatures match.", &[("what", what)]) }</p> },
                        None => html! { <p id="dbg-yours" class="desc">{ tn("No common mistake reproduces your signature, so your text cannot be reconstructed. Paste it below if your client prints it.") }</p> },
                    } }
                </div>
            </div>
            if let Some(x) = &d.difference {
                <p id="dbg-difference" class="desc">{ tfn("First difference at character {index}.", &[("index", &x.index.to_string())]) }</p>
            }
        </>
    }
}

/// The debugger page (`?view=debugger`).
#[function_component(DebuggerView)]
pub fn debugger_view() -> Html {
    let input = use_state(|| Input::from_fragment(&current_fragment()));
    let secret = use_state(String::new);
    // A link opened while the page is up (another Reproduce, a pasted URL) changes only the fragment.
    {
        let input = input.clone();
        crate::app::use_hashchange(move || input.set(Input::from_fragment(&current_fragment())));
    }
    let set = |f: fn(&mut Input, String)| {
        let input = input.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            let mut i = (*input).clone();
            f(&mut i, el.value());
            input.set(i);
        })
    };
    let on_secret = {
        let secret = secret.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            secret.set(el.value());
        })
    };
    let on_now = {
        let input = input.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut i = (*input).clone();
            i.now = el.value();
            input.set(i);
        })
    };
    let demo = if secret.is_empty() { input.demo_secret() } else { None };
    let used_secret = if secret.is_empty() {
        demo.clone().unwrap_or_default()
    } else {
        (*secret).clone()
    };
    let parsed = input.http_request();
    let diagnosis = if used_secret.is_empty() {
        None
    } else {
        input.diagnose(&used_secret, browser_now())
    };
    let answer = parsed.as_ref().and_then(|_| {
        let mut i = (*input).clone();
        if i.now.trim().is_empty() {
            i.now = browser_now().to_iso8601();
        }
        i.endpoint_answer()
    });
    html! {
        <div class="app teach-page">
            { page_header(t("Signature debugger"), t("Paste a signed request and the secret: see the expected and your StringToSign side by side, the first difference marked and the likely cause named.")) }
            <main class="teach-main debugger">
                <section class="pane" aria-labelledby="dbg-in-h">
                    <h2 id="dbg-in-h">{ tn("Your request") }</h2>
                    <label for="dbg-request">{ tn("Signed URL, or raw HTTP (method line, headers, blank line, body)") }</label>
                    <textarea id="dbg-request" rows="6" spellcheck="false" value={input.request.clone()}
                        oninput={set(|i, v| i.request = v)} />
                    <label for="dbg-secret">{ tn("AccessKeySecret (stays in this page: never in the URL, storage or a log)") }</label>
                    <input id="dbg-secret" type="password" autocomplete="off" value={(*secret).clone()} oninput={on_secret} />
                    if demo.is_some() {
                        <p id="dbg-demo-secret" class="desc">{ tn("The secret is empty and the AccessKeyId is a demo key of the simulated account, so its secret from the scenario is used.") }</p>
                    }
                    <label for="dbg-now">{ tn("Server clock (UTC, yyyy-MM-ddTHH:mm:ssZ; empty: now)") }</label>
                    <input id="dbg-now" value={input.now.clone()} oninput={on_now} placeholder={t("now")} />
                    <label for="dbg-user-sts">{ tn("Your client's StringToSign / CanonicalRequest (optional)") }</label>
                    <textarea id="dbg-user-sts" rows="3" spellcheck="false" value={input.user_string_to_sign.clone()}
                        oninput={set(|i, v| i.user_string_to_sign = v)} />
                </section>
                <section class="pane" id="dbg-result" aria-labelledby="dbg-out-h" aria-live="polite">
                    <h2 id="dbg-out-h">{ tn("Diagnosis") }</h2>
                    { match (&parsed, &diagnosis) {
                        (None, _) if input.request.trim().is_empty() =>
                            html! { <p class="desc">{ tn("Paste a request to begin.") }</p> },
                        (None, _) => html! { <p id="dbg-error" class="err">{ tn("This is neither a URL nor a raw HTTP request (a first line like GET /?Action=… HTTP/1.1).") }</p> },
                        (Some(_), None) => html! { <p class="desc">{ tn("Type the secret to compare signatures.") }</p> },
                        (Some(_), Some(d)) => diagnosis_view(d),
                    } }
                    if let Some(x) = &answer {
                        <h3>{ tn("What the simulated endpoint answers") }</h3>
                        <div class={classes!("wire-response", if x.response.status < 400 { "ok" } else { "err" })}>
                            <pre id="dbg-endpoint-status" class="status">{ x.response.status_line() }</pre>
                            <pre id="dbg-endpoint-body" class="body">{ x.response.body.clone() }</pre>
                        </div>
                    }
                </section>
            </main>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_fragment_and_finds_demo_secrets() {
        let url = "https://ecs.aliyuncs.com/?AccessKeyId=testid&Action=DescribeRegions";
        let frag = format!(
            "preset=default&now=2024-05-20T08:00:00Z&req={}",
            percent_encoding::utf8_percent_encode(url, percent_encoding::NON_ALPHANUMERIC)
        );
        let i = Input::from_fragment(&frag);
        assert_eq!(i.request, url);
        assert_eq!(i.now, "2024-05-20T08:00:00Z");
        assert_eq!(i.access_key_id().as_deref(), Some("testid"));
        assert_eq!(i.demo_secret().as_deref(), Some("testsecret"));
        // The endpoint refuses the unsigned request with the exact gateway error.
        let x = i.endpoint_answer().unwrap();
        assert_eq!(x.response.status, 400);
        assert!(x.response.body.contains("MissingParameter"), "{}", x.response.body);
    }

    #[test]
    fn marks_whole_percent_escapes() {
        let c = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(mark_len(&c("a%2520b"), 1), 5);
        assert_eq!(mark_len(&c("a%2Ab"), 1), 3);
        assert_eq!(mark_len(&c("a%2"), 1), 1);
        assert_eq!(mark_len(&c("abc"), 1), 1);
        assert_eq!(mark_len(&c("%25"), 0), 3);
    }

    #[test]
    fn odd_input_never_panics() {
        for r in [
            "",
            "x",
            "https://",
            "GET",
            "GET /?a=%ZZ HTTP/1.1\n\n",
            "https://h/?Signature=%",
        ] {
            let i = Input {
                request: r.into(),
                now: "garbage".into(),
                ..Input::from_fragment("")
            };
            let _ = i.diagnose("s", UtcTime(0));
            let _ = i.endpoint_answer();
            let _ = i.demo_secret();
        }
    }
}
