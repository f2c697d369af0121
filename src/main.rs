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
/// navigation start), which `make report` reads, and when it has started (`window.__appStarted`); kept apart
/// from `App` so UI rewrites cannot drop them. (When that first frame was painted the report reads from the
/// browser: the response's status line carries `elementtiming`.)
#[function_component(Root)]
fn root() -> Html {
    // Scheduled once, when the first render starts. Not an effect: Yew runs effects after it has yielded to
    // the browser whenever a render pass takes over 16 ms, so an effect's time meant "reached the DOM" for a
    // small first render and "painted, plus a timer" for a larger one.
    use_memo((), |_| schedule_first_render_mark());
    // The app has started: its effects (children's first) have run, so it answers a changed link and the
    // later panes' download has begun. What the e2e tests wait for before they act.
    use_effect_with((), |_| {
        if let Some(win) = web_sys::window() {
            let now = win.performance().map(|p| p.now()).unwrap_or(-1.0);
            let _ = js_sys::Reflect::set(&win, &"__appStarted".into(), &now.into());
        }
    });
    html! { <app::App /> }
}

/// `__firstRender` in a microtask queued now, which runs once Yew's first render pass has returned: every
/// component of the first render has put its DOM in place by then (Yew yields only when no render is
/// pending). Then what waits for that frame to be painted is told (`app::first_render_in_place`). A missing
/// window or performance is ignored.
fn schedule_first_render_mark() {
    use wasm_bindgen::{closure::Closure, JsCast};
    let Some(win) = web_sys::window() else {
        return;
    };
    let mark = Closure::once_into_js(|| {
        if let Some(win) = web_sys::window() {
            let now = win.performance().map(|p| p.now()).unwrap_or(-1.0);
            let _ = js_sys::Reflect::set(&win, &"__firstRender".into(), &now.into());
        }
        app::first_render_in_place();
    });
    win.queue_microtask(mark.unchecked_ref());
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
    // index.html's inline script chose the language (link, remembered, browser) and, for Chinese, started
    // fetching the strings; the app mounts once they are in, so its first render is already Chinese.
    let zh = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|r| r.get_attribute("lang").as_deref() == Some("zh-CN"));
    if zh {
        start_when_zh_is_in();
    } else {
        start();
    }
}

/// Mounts once the Chinese strings (`window.__zh`, a promise of the view's Chinese files joined into one
/// string, see `i18n::set_zh`) are in; a failed fetch opens the page in English. A promise callback rather than an async block, which would bring
/// the future machinery into the English first load too.
fn start_when_zh_is_in() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    let Some(win) = web_sys::window() else {
        return start();
    };
    let promise = js_sys::Reflect::get(&win, &"__zh".into()).unwrap_or(JsValue::UNDEFINED);
    // One function for success and failure: a promise calls only one of them. An `FnMut` closure, kept for
    // the page's life (one small leak): the `FnOnce` kind brings its own glue into the English first load.
    let done = Closure::<dyn FnMut(JsValue)>::new(|table: JsValue| {
        i18n::set_zh(table.as_string().unwrap_or_default());
        start();
    })
    .into_js_value();
    let then = js_sys::Reflect::get(&promise, &"then".into()).unwrap_or(JsValue::UNDEFINED);
    let registered = then
        .dyn_ref::<js_sys::Function>()
        .is_some_and(|f| f.call2(&promise, &done, &done).is_ok());
    if !registered {
        start();
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
