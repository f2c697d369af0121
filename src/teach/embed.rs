//! Embed mode (`?embed`, optionally `&theme=light|dark`): the request and its live response only, compact,
//! for an iframe in a documentation page, with an "Open in playground" link carrying the same state.
//!
//! The state is the playground's own permalink fragment, read by the playground's own `State`, so an
//! embed and the full page can never disagree. The frame respects the host's colour scheme (the system
//! preference, which the host page sees too, or the host's explicit `theme=`), never takes focus and never
//! scrolls: its content scrolls inside the frame, so the host page stays where the reader left it.

use super::{current_fragment, current_search, query_pairs};
use crate::components::response_pane::headers_text;
use crate::form::Format;
use crate::permalink;
use crate::state::{Action, State};
use yew::prelude::*;

/// The `theme` an embed was asked for: `Some("light")`, `Some("dark")`, or `None` (follow the system).
pub fn theme_for(search: &str) -> Option<&'static str> {
    match query_pairs(search)
        .iter()
        .find(|(k, _)| k == "theme")
        .map(|(_, v)| v.as_str())
    {
        Some("light") => Some("light"),
        Some("dark") => Some("dark"),
        _ => None,
    }
}

/// Marks the document as an embed (compact styles) and applies the host's theme, before the first render.
pub fn prepare_document() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = root.set_attribute("class", "embed");
    if let Some(t) = theme_for(&current_search()) {
        let _ = root.set_attribute("data-theme", t);
    }
}

/// The playground link for a state: the same fragment on the site's main page.
pub fn playground_href(state: &State) -> String {
    format!("./#{}", permalink::to_fragment(&state.link()))
}

/// The embed view.
#[function_component(EmbedView)]
pub fn embed_view() -> Html {
    let state = use_reducer(|| State::from_fragment(&current_fragment()));
    // A docs page that changes the frame's fragment (a state picker) gets the new state, not a stale one.
    {
        let d = state.dispatcher();
        crate::app::use_hashchange(move || d.dispatch(Action::OpenLink(current_fragment())));
    }
    let form = &state.form;
    let r = &state.preview.response;
    let fields = form.business_params();
    let on_field = |name: String| {
        let d = state.dispatcher();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Action::SetField(name.clone(), el.value()));
        })
    };
    let set_format = |f: Format| {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::SetFormat(f)))
    };
    html! {
        <div class="embed-view">
            <div class="embed-bar">
                <span class="embed-title"><code>{ form.action.clone() }</code>{ " · Alibaba Cloud ECS 2014-05-26 (simulated)" }</span>
                <a id="open-in-playground" href={playground_href(&state)} target="_blank" rel="noopener">
                    { "Open in playground ↗" }</a>
            </div>
            if let Some(n) = &state.notice {
                <p id="embed-notice" class="err">{ n.text.clone() }</p>
            }
            <section class="embed-request" aria-label="Request">
                { for fields.iter().filter(|(k, _)| !k.starts_with("Tag.")).map(|(k, v)| html! {
                    <label class="embed-field">
                        <code>{ k.clone() }</code>
                        <input id={format!("embed-f-{k}")} value={v.clone()} spellcheck="false"
                            oninput={on_field(k.clone())} />
                    </label>
                }) }
                { for fields.iter().filter(|(k, _)| k.starts_with("Tag.")).map(|(k, v)| html! {
                    <p class="embed-tag"><code>{ format!("{k}={v}") }</code></p>
                }) }
                <span class="embed-format" role="group" aria-label="Format">
                    <button type="button" aria-pressed={(form.format == Format::Json).to_string()}
                        onclick={set_format(Format::Json)}>{ "JSON" }</button>
                    <button type="button" aria-pressed={(form.format == Format::Xml).to_string()}
                        onclick={set_format(Format::Xml)}>{ "XML" }</button>
                </span>
            </section>
            <section class={classes!("wire-response", "embed-response", if r.status < 400 { "ok" } else { "err" })}
                aria-label="Response" aria-live="polite">
                <pre id="embed-response-status" class="status">{ r.status_line() }</pre>
                <pre id="embed-response-headers" class="headers">{ headers_text(&r.headers) }</pre>
                <pre id="embed-response-body" class="body">{ r.body.clone() }</pre>
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_is_light_dark_or_the_system() {
        assert_eq!(theme_for("?embed&theme=dark"), Some("dark"));
        assert_eq!(theme_for("?embed&theme=light"), Some("light"));
        assert_eq!(theme_for("?embed&theme=<script>"), None);
        assert_eq!(theme_for("?embed"), None);
    }

    #[test]
    fn the_playground_link_carries_the_same_state() {
        let frag = "v=1&preset=default&Action=CopyImage&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****\
                    &DestinationRegionId=cn-hangzhou&steps=t30";
        let s = State::from_fragment(frag);
        let href = playground_href(&s);
        let back = State::from_fragment(href.trim_start_matches("./#"));
        assert_eq!(back.form, s.form);
        assert_eq!(back.engine.world(), s.engine.world());
        assert_eq!(back.preview.response, s.preview.response);
        assert_eq!(back.preview.response.status, 403);
    }
}
