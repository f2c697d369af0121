//! Embed mode (`?embed`, optionally `&theme=light|dark` and `&pretty`): the request and its live response
//! only, compact, for an iframe in a documentation page, with an "Open in playground" link carrying the same
//! state, a one-line "why" and a switch that shows a JSON body indented.
//!
//! The state is the playground's own permalink fragment, read by the playground's own `State`, so an
//! embed and the full page can never disagree. The frame respects the host's colour scheme (the system
//! preference, which the host page sees too, or the host's explicit `theme=`), never takes focus and never
//! scrolls: its content scrolls inside the frame, so the host page stays where the reader left it.
//!
//! The frame tells its host how tall its content is (`postMessage` of `{type: "copyimage-embed-height",
//! height}` to the parent, on every size change), so a host page with the snippet's few listening lines can
//! fit the frame to the content; the message carries that number only, so any origin may receive it.

use super::{current_fragment, current_search, query_pairs};
use crate::components::response_pane::{basis_class, basis_label, headers_text};
use crate::form::Format;
use crate::i18n::{t, tfn, tn};
use crate::permalink;
use crate::state::{Action, State};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The `type` of the height message the frame posts to its host page (the snippet's listener checks it).
pub const HEIGHT_MESSAGE: &str = "copyimage-embed-height";

/// `body` indented two spaces a level when it is JSON (the engine's bodies are compact, one line); any other
/// text (XML) unchanged. A small re-indenter over the characters rather than a JSON value round trip, so the
/// bytes (key order, escapes, numbers) stay exactly the service's and the WASM gains no JSON writer.
pub fn pretty_json(body: &str) -> String {
    let t = body.trim_start();
    if !t.starts_with('{') && !t.starts_with('[') {
        return body.to_string();
    }
    let mut out = String::with_capacity(body.len() * 2);
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', depth * 2));
    };
    let (mut depth, mut in_str, mut esc) = (0usize, false, false);
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if in_str {
            out.push(c);
            match c {
                _ if esc => esc = false,
                '\\' => esc = true,
                '"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if let Some(&e @ ('}' | ']')) = chars.peek() {
                    chars.next();
                    out.push(e);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether the embed was asked to start with JSON indented (`?embed&pretty`).
pub fn pretty_for(search: &str) -> bool {
    query_pairs(search).iter().any(|(k, _)| k == "pretty")
}

/// Posts the content's height to the host page now and on every later size change (a `ResizeObserver` on
/// `#app`, which holds the embed). Nothing happens outside a frame.
fn report_height() {
    let Some(win) = web_sys::window() else { return };
    let Some(parent) = win.parent().ok().flatten() else {
        return;
    };
    if parent == win {
        return;
    }
    let Some(app) = win.document().and_then(|d| d.get_element_by_id("app")) else {
        return;
    };
    let target = app.clone();
    let post = Closure::<dyn Fn()>::new(move || {
        let msg = js_sys::Object::new();
        let height = f64::from(target.scroll_height());
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
        // Only a number leaves the frame, so any host may read it ("*"); the host checks who sent it.
        let _ = parent.post_message(&msg, "*");
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref()) {
        observer.observe(&app);
    }
    // The frame lives as long as the page: the callback is never released.
    post.forget();
}

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

/// The playground link for a state: the same fragment on the site's main page, in the embed's language.
pub fn playground_href(state: &State) -> String {
    let frag = permalink::to_fragment(&state.link());
    format!("./#{}", crate::i18n::with_lang(&frag, crate::i18n::lang()))
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
    use_effect_with((), |_| report_height());
    let pretty = use_state(|| pretty_for(&current_search()));
    let toggle_pretty = {
        let pretty = pretty.clone();
        Callback::from(move |_| pretty.set(!*pretty))
    };
    let form = &state.form;
    let r = &state.preview.response;
    let rule = &state.preview.rule;
    let json = form.format == Format::Json;
    let body = if json && *pretty {
        pretty_json(&r.body)
    } else {
        r.body.clone()
    };
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
                <span class="embed-title"><code>{ form.action.clone() }</code>{ tfn(" · Alibaba Cloud ECS {version} (simulated)", &[("version", crate::form::VERSION)]) }</span>
                <a id="open-in-playground" href={playground_href(&state)} target="_blank" rel="noopener">
                    { tn("Open in playground ↗") }</a>
            </div>
            if let Some(n) = &state.notice {
                <p id="embed-notice" class="err">{ n.text.clone() }</p>
            }
            <section class="embed-request" aria-label={t("Request")}>
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
                <span class="embed-format" role="group" aria-label={t("Format")}>
                    <button type="button" aria-pressed={(form.format == Format::Json).to_string()}
                        onclick={set_format(Format::Json)}>{ "JSON" }</button>
                    <button type="button" aria-pressed={(form.format == Format::Xml).to_string()}
                        onclick={set_format(Format::Xml)}>{ "XML" }</button>
                    if json {
                        <button type="button" id="embed-pretty" aria-pressed={pretty.to_string()}
                            onclick={toggle_pretty}>{ tn("Indent") }</button>
                    }
                </span>
            </section>
            <section class={classes!("wire-response", "embed-response", if r.status < 400 { "ok" } else { "err" })}
                aria-label={t("Response")} aria-live="polite">
                <pre id="embed-response-status" class="status">{ r.status_line() }</pre>
                <pre id="embed-response-headers" class="headers">{ headers_text(&r.headers) }</pre>
                <pre id="embed-response-body" class="body">{ body }</pre>
            </section>
            <p id="embed-why" class={classes!("embed-why", basis_class(rule.basis))} title={rule.id.clone()}>
                <span class="badge">{ basis_label(rule.basis) }</span>
                { " " }{ crate::i18n::why_text(rule) }
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_json_indents_without_changing_a_byte_of_content() {
        let body = r#"{"RequestId":"A-1","Images":{"Image":[]},"Message":"a, b: {c} \"q\" [d]","N":[1,2]}"#;
        assert_eq!(
            pretty_json(body),
            "{\n  \"RequestId\": \"A-1\",\n  \"Images\": {\n    \"Image\": []\n  },\n  \
             \"Message\": \"a, b: {c} \\\"q\\\" [d]\",\n  \"N\": [\n    1,\n    2\n  ]\n}"
        );
        // Removing the added whitespace outside strings gives the original back.
        let xml = "<?xml version=\"1.0\"?><A>{x}</A>";
        assert_eq!(pretty_json(xml), xml);
        assert_eq!(pretty_json("{}"), "{}");
        // Broken input never panics and keeps every character of it.
        for odd in ["{", "}", "{\"a", "[[[", "]]]{", "{\"\\"] {
            let out = pretty_json(odd);
            assert_eq!(
                out.chars().filter(|c| !c.is_whitespace()).collect::<String>(),
                odd.replace(' ', "")
            );
        }
    }

    #[test]
    fn pretty_is_asked_for_by_the_query() {
        assert!(pretty_for("?embed&pretty"));
        assert!(pretty_for("?embed&theme=dark&pretty"));
        assert!(!pretty_for("?embed&theme=pretty"));
    }

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
