//! The response pane: the live preview of what Send would return (status line, headers, body), the
//! JSON/XML switch, the "why" (the rule that decided it, quoted, with its basis) and the Send button.

use crate::components::world_pane::world_clock;
use crate::form::Format;
use crate::i18n::{self, t, tn};
use crate::state::{Action, Shared};
use copyimage_engine::engine::Exchange;
use copyimage_engine::error::{Basis, Rule};
use copyimage_engine::why;
use yew::prelude::*;

/// Props of [`ResponsePane`].
#[derive(Properties, PartialEq)]
pub struct ResponsePaneProps {
    /// The preview.
    pub preview: Shared<Exchange>,
    /// The last sent exchange and the world clock it was sent at, while the request is unedited since Send:
    /// shown instead of the preview.
    pub sent: Option<(u64, Shared<Exchange>)>,
    /// The chosen format.
    pub format: Format,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// How a rule's basis is named to the user, so a guess is never mistaken for a documented fact.
pub fn basis_label(b: Basis) -> &'static str {
    match b {
        Basis::Documented => t("Documented"),
        Basis::Fidelity => t("Playground's choice"),
        Basis::Simulated => t("Simulated trigger"),
    }
}

/// The colour class of a basis badge (the embed's compact "why" uses it too).
pub fn basis_class(b: Basis) -> &'static str {
    match b {
        Basis::Documented => "basis-documented",
        Basis::Fidelity => "basis-fidelity",
        Basis::Simulated => "basis-simulated",
    }
}

/// The "why" block for a rule; `main` gives it the ids tests and links use (the preview's block only).
pub fn why(rule: &Rule, main: bool) -> Html {
    let id = |s: &str| main.then(|| s.to_string());
    html! {
        <div class={classes!("why", basis_class(rule.basis))} id={id("why")}>
            <h3>{ tn("Why") }</h3>
            <p>
                // The rule's ID is for those who look it up (tests, FIDELITY, the CLI's JSON): a tooltip,
                // not prose.
                <span class="badge" id={id("why-basis")} title={format!("rule {}", rule.id)}>
                    { basis_label(rule.basis) }</span>
            </p>
            <blockquote id={id("why-quote")}>{ i18n::why_text(rule) }</blockquote>
            <p class="source">{ tn("Source: ") }<a id={id("why-source")} href={why::source_url(rule.source)}
                target="_blank" rel="noopener">{ i18n::tr(why::source_title(rule.source)) }</a></p>
            if rule.basis == Basis::Fidelity {
                <p class="note">{ tn("The sources disagree or are silent here; this is the playground's recorded choice. A world setting may switch it.") }</p>
            }
            if rule.basis == Basis::Simulated {
                <p class="note">{ tn("No request causes this on the real service; a world setting of the simulated account triggers it here.") }</p>
            }
        </div>
    }
}

/// The headers block text (`Name: value` lines).
pub fn headers_text(h: &[(String, String)]) -> String {
    h.iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The response pane.
#[function_component(ResponsePane)]
pub fn response_pane(p: &ResponsePaneProps) -> Html {
    let x: &Exchange = match &p.sent {
        Some((_, sent)) => sent,
        None => &p.preview,
    };
    let r = &x.response;
    let set = |f: Format| {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.emit(Action::SetFormat(f)))
    };
    let send = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.emit(Action::Send))
    };
    let ok = r.status < 400;
    html! {
        <section class="pane" id="response-pane" aria-labelledby="response-h">
            <h2 id="response-h">{ tn("Response") }</h2>
            <div class="response-bar">
                <fieldset class="format">
                    <legend>{ tn("Format") }</legend>
                    <label><input type="radio" name="Format" value="JSON" aria-label={t("Format JSON")}
                        checked={p.format == Format::Json} onchange={set(Format::Json)} />{ " JSON" }</label>
                    <label><input type="radio" name="Format" value="XML" aria-label={t("Format XML")}
                        checked={p.format == Format::Xml} onchange={set(Format::Xml)} />{ " XML" }</label>
                </fieldset>
                <button type="button" id="send" class="primary" onclick={send}>{ tn("Send") }</button>
            </div>
            <p class="desc" id="response-mode" aria-live="polite">
            { match &p.sent {
                Some((when, sent)) => html! { <>
                    <strong>{ tn("Sent") }</strong>
                    { i18n::tfn(" at {time} · RequestId {id}. ", &[("time", &world_clock(*when)), ("id", &sent.request_id)]) }
                    { tn("Edit the request to see the preview of the next Send.") }
                </> },
                None => html! { <>
                    <strong>{ tn("Preview") }</strong>{ tn(" of the next Send, live as you type: exactly what it would return. Send commits it.") }
                </> },
            } }
            </p>
            <div class={classes!("wire-response", if ok { "ok" } else { "err" })} aria-live="polite">
                <pre id="response-status" class="status" elementtiming="response-status">{ r.status_line() }</pre>
                <pre id="response-headers" class="headers">{ headers_text(&r.headers) }</pre>
                <pre id="response-body" class="body">{ r.body.clone() }</pre>
            </div>
            { why(&x.rule, true) }
        </section>
    }
}
