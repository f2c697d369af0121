//! The history: every sent request with the exact response and the rule, newest first, and the transcript
//! export.

use super::response_pane::{headers_text, why};
use crate::i18n::{tfn, tn};
use crate::state::{HistoryEntry, Shared};
use copyimage_engine::wire::param;
use yew::prelude::*;

/// Props of [`History`].
#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    /// The history, oldest first.
    pub history: Shared<Vec<HistoryEntry>>,
    /// Export the transcript.
    pub on_export: Callback<()>,
}

/// The history pane.
#[function_component(History)]
pub fn history(p: &HistoryProps) -> Html {
    let n = p.history.len();
    let export = {
        let cb = p.on_export.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <section class="pane" id="history-pane" aria-labelledby="history-h">
            <h2 id="history-h">{ tfn("History ({n})", &[("n", &n.to_string())]) }</h2>
            <button type="button" id="export-transcript" onclick={export} disabled={n == 0}>
                { tn("Export transcript") }</button>
            if n == 0 { <p class="empty">{ tn("Nothing sent yet. Send commits the previewed response.") }</p> }
            <ol class="history">
            { for p.history.iter().enumerate().rev().map(|(i, h)| {
                let x = &h.exchange;
                let r = &x.response;
                let action = param(&x.params, "Action").unwrap_or("?").to_string();
                let code = x.answer.code().unwrap_or_default().to_string();
                let query = x.params.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("\n");
                html! {
                    <li class="entry" value={(i + 1).to_string()} data-status={r.status.to_string()} data-code={code.clone()}>
                        <details open={i + 1 == n}>
                            <summary>
                                <span class="summary-line">
                                    // What crossed the wire stays as sent: `translate="no"` says so to page translators.
                                    <span translate="no">{ format!("{action} → {} {}", r.status, r.reason()) }</span>
                                    if !code.is_empty() { { " " }<code>{ code }</code> }
                                    <span class="when">{ format!(" · {}", super::world_pane::world_clock(h.world_time)) }</span>
                                </span>
                            </summary>
                            <h4>{ tn("Request parameters") }</h4>
                            <pre class="params">{ query }</pre>
                            <h4>{ tn("Response") }</h4>
                            <pre class="status">{ r.status_line() }</pre>
                            <pre class="headers">{ headers_text(&r.headers) }</pre>
                            <pre class="body">{ r.body.clone() }</pre>
                            { why(&x.rule, false) }
                        </details>
                    </li>
                }
            }) }
            </ol>
        </section>
    }
}
