//! The browser face of the CopyImage engine: mounts the Yew app and installs a panic hook that shows a
//! visible error instead of a dead page.

mod app;
mod components;
mod export;
#[cfg(test)]
mod fixtures_tests;
mod form;
mod i18n;
mod permalink;
mod state;
mod teach;

use yew::prelude::*;

/// Wraps the app only to record when its first render reached the DOM (`window.__firstRender`, ms since
/// navigation start), which `make report` reads; kept apart from `App` so UI rewrites cannot drop it.
#[function_component(Root)]
fn root() -> Html {
    use_effect_with((), |_| mark_first_render());
    html! { <app::App /> }
}

/// Stores `performance.now()` on `window.__firstRender` once; a missing window or performance is ignored.
fn mark_first_render() {
    if let Some(win) = web_sys::window() {
        let now = win.performance().map(|p| p.now()).unwrap_or(-1.0);
        let _ = js_sys::Reflect::set(&win, &"__firstRender".into(), &now.into());
    }
}

/// Mounts `C` on `#app`, which holds the static shell of index.html until then: Yew empties its host when it
/// mounts, so the shell goes exactly when the app takes over. Not on the body itself, which would also remove
/// the `#panic` banner beside it (a page without `#app` gets the body).
pub fn render<C>()
where
    C: BaseComponent,
    C::Properties: Default,
{
    match web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
    {
        Some(root) => yew::Renderer::<C>::with_root(root).render(),
        None => yew::Renderer::<C>::new().render(),
    };
}

fn main() {
    app::install_panic_hook();
    // Test-only trigger (the e2e suite loads `#panic-test`) proving that a panic shows the banner.
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if hash == "#panic-test" {
        panic!("panic-test: deliberate panic requested by the #panic-test URL fragment");
    }
    match choose_lang() {
        i18n::Lang::En => start(),
        // The Chinese table is fetched before the first render, so a `lang=zh-CN` link never flashes
        // English; meanwhile the bilingual shell stays. A failed fetch opens the page in English.
        i18n::Lang::ZhCn => wasm_bindgen_futures::spawn_local(async {
            if let Some(table) = fetch_json("i18n/zh-CN.json").await {
                i18n::set_zh(i18n::table_from_js(&table));
            }
            start();
        }),
    }
}

/// Mounts the view the URL asks for, with `<html lang>` set to the page's language.
fn start() {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", i18n::lang().tag());
    }
    if !teach::mount() {
        render::<Root>();
    }
}

/// The language to open in, from the URL, the remembered choice and the browser; a link's explicit choice
/// is remembered too.
fn choose_lang() -> i18n::Lang {
    let Some(win) = web_sys::window() else {
        return i18n::Lang::En;
    };
    let query = win.location().search().unwrap_or_default();
    let frag = win.location().hash().unwrap_or_default();
    let store = win.local_storage().ok().flatten();
    let stored = store
        .as_ref()
        .and_then(|s| s.get_item(i18n::STORAGE_KEY).ok().flatten());
    let preferred: Vec<String> = win
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    let lang = i18n::choose(&query, &frag, stored.as_deref(), &preferred);
    let from_link = i18n::lang_key(&query)
        .or(i18n::lang_key(&frag))
        .and_then(i18n::Lang::from_tag);
    if let (Some(l), Some(s)) = (from_link, &store) {
        let _ = s.set_item(i18n::STORAGE_KEY, l.tag());
    }
    lang
}

/// The JSON at `url` (same origin), parsed by the browser, or `None` on any failure.
async fn fetch_json(url: &str) -> Option<wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let win = web_sys::window()?;
    let resp = wasm_bindgen_futures::JsFuture::from(win.fetch_with_str(url))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !resp.ok() {
        return None;
    }
    wasm_bindgen_futures::JsFuture::from(resp.json().ok()?).await.ok()
}
