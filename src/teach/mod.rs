//! Teaching and docs features (issue 6): the error catalog page, the guided lessons beside the playground,
//! the signature-debugger view and embed mode.
//!
//! Views are chosen by the URL's *query* (`?view=debugger`, `?lessons`, `?embed`), because the fragment
//! already belongs to the permalink: a Reproduce link or an embed carries the playground's own permalink
//! fragment unchanged, so every view opens exactly the state a link names.
//!
//! Lean bundle: the error catalog is not in the WASM at all. It is a static page, `teach/catalog.html`,
//! generated from the engine's catalog by a test (`catalog_data.rs`, which also replays every Reproduce
//! link), so neither its text nor its links weigh on the playground. The embed snippet page for docs authors,
//! `teach/embed.html` and its Chinese twin, is generated the same way from one template (`snippet_page.rs`).

#[cfg(test)]
mod catalog_data;
#[cfg(any(feature = "debugger-view", test))]
pub mod debugger;
pub mod embed;
pub mod lessons;
#[cfg(test)]
pub(crate) mod snippet_page;

use yew::prelude::*;

/// Which view the URL asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The playground (the UI's `App`), optionally with the lessons panel.
    Playground,
    /// The signature debugger.
    Debugger,
    /// Embed mode: request and response only, for an iframe.
    Embed,
}

/// The view for a query string (`?view=debugger`, `?embed&theme=dark`, ...).
pub fn view_for(search: &str) -> View {
    let q = query_pairs(search);
    if q.iter().any(|(k, _)| k == "embed") {
        return View::Embed;
    }
    match q.iter().find(|(k, _)| k == "view").map(|(_, v)| v.as_str()) {
        Some("debugger") => View::Debugger,
        _ => View::Playground,
    }
}

/// `?a=1&b` -> `[("a","1"), ("b","")]` (values are short ASCII words here; no decoding needed).
pub fn query_pairs(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

/// The page's query string (`?…`, empty when none).
pub fn current_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The page's fragment without `#`.
pub fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string()
}

/// Whether the page's query has the key `key` (`?import`, `?lessons`).
#[cfg_attr(not(feature = "scenario-import"), allow(dead_code))]
pub fn query_has(key: &str) -> bool {
    query_pairs(&current_search()).iter().any(|(k, _)| k == key)
}

/// Whether the lessons panel is open (`?lessons`).
pub fn lessons_open() -> bool {
    query_pairs(&current_search()).iter().any(|(k, _)| k == "lessons")
}

/// Mounts a teaching view if the URL asks for one; `false` leaves the page to the playground.
pub fn mount() -> bool {
    #[cfg(not(feature = "scenario-import"))]
    if crate::permalink::carries_scenario(&current_fragment()) && open_in_full_build() {
        return true;
    }
    match view_for(&current_search()) {
        View::Playground if lessons_open() || link_needs_all_code() => {
            // The lessons panel draws at the first render, so its code comes first (index.html's script
            // started fetching it beside the first file); so does every operation's code for a link whose
            // request or history is of an operation other than CopyImage, so its first render answers it.
            yew::platform::spawn_local(async {
                if lessons_open() {
                    LESSONS.set(Some(load_lessons().await.map_err(|_| ())));
                }
                if link_needs_all_code() {
                    if let Ok((_, code)) = crate::app::load_later().await {
                        crate::state::set_code(code);
                    }
                }
                crate::render::<crate::Root>();
            });
            true
        }
        View::Playground => false,
        View::Debugger => {
            #[cfg(feature = "debugger-view")]
            crate::render::<debugger::DebuggerView>();
            #[cfg(not(feature = "debugger-view"))]
            debugger_unavailable();
            true
        }
        View::Embed => {
            embed::prepare_document();
            yew::platform::spawn_local(async {
                match load_embed().await {
                    Ok(mount) => mount(),
                    Err(_) => embed_unavailable(),
                }
            });
            true
        }
    }
}

/// Draws the lessons panel.
pub type LessonsFn = fn(lessons::LessonsPanelProps) -> Html;

thread_local! {
    /// The lessons panel's code on a `?lessons` page, set before the app mounts: `Err` when its file could
    /// not be downloaded; `None` on other pages.
    static LESSONS: std::cell::Cell<Option<Result<LessonsFn, ()>>> = const { std::cell::Cell::new(None) };
}

/// The lessons panel's drawing function on a `?lessons` page (`Err`: its code could not be downloaded), or
/// `None` when the page has no lessons panel.
pub fn lessons_panel() -> Option<Result<LessonsFn, ()>> {
    LESSONS.get()
}

fn draw_lessons(p: lessons::LessonsPanelProps) -> Html {
    html! { <lessons::LessonsPanel ..p /> }
}

/// An embed answers any operation a docs page shows at its first render: its file brings every operation.
fn mount_embed() {
    crate::state::set_code(crate::state::ServiceCode::ALL);
    crate::render::<embed::EmbedView>();
}

/// Whether the page's link needs all of the service's code at once (`state::link_needs_all_code`); a link
/// that cannot be read does not (it opens the default page with a message).
fn link_needs_all_code() -> bool {
    crate::permalink::from_fragment(&current_fragment())
        .ok()
        .flatten()
        .is_some_and(|l| crate::state::link_needs_all_code(&l))
}

// The lessons panel and the embed view, each from a WASM file of its own (scripts/split_wasm.py): the
// playground's first load carries neither. Only their page fetches it, before its first render; a failed
// download is an `Err`, not a panic. Natively (tests) plain functions.
#[cfg(target_arch = "wasm32")]
#[wasm_split_helpers::wasm_split(lessons, fallible)]
fn load_lessons() -> Result<LessonsFn, wasm_split_helpers::SplitLoaderError> {
    Ok(draw_lessons)
}

#[cfg(target_arch = "wasm32")]
#[wasm_split_helpers::wasm_split(embed, fallible)]
fn load_embed() -> Result<fn(), wasm_split_helpers::SplitLoaderError> {
    Ok(mount_embed)
}

#[cfg(not(target_arch = "wasm32"))]
async fn load_lessons() -> Result<LessonsFn, ()> {
    Ok(draw_lessons)
}

#[cfg(not(target_arch = "wasm32"))]
async fn load_embed() -> Result<fn(), ()> {
    Ok(mount_embed)
}

/// The embed view's code could not be downloaded: the shell's status line says so (nothing else is mounted).
fn embed_unavailable() {
    let Some(status) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("shell-status"))
    else {
        return;
    };
    let _ = status.set_attribute("class", "shell-status failed");
    status.set_text_content(Some(crate::i18n::t(
        "The embedded playground could not be downloaded (the network failed). Reload the page to try again.",
    )));
}

/// The debugger lives in the full build (`full/`, the same app with the cargo feature `debugger-view`,
/// built by scripts/build.sh), so the playground's first load stays under the size cap. The lean build sends
/// `?view=debugger` there, fragment kept (the catalog's links carry the request in it); if the browser
/// cannot navigate, a notice says where the debugger is.
#[cfg(not(feature = "debugger-view"))]
fn debugger_unavailable() {
    let frag = current_fragment();
    let target = if frag.is_empty() {
        DEBUGGER_HREF.to_string()
    } else {
        format!("{DEBUGGER_HREF}#{frag}")
    };
    let Some(window) = web_sys::window() else { return };
    if window.location().replace(&target).is_ok() {
        return;
    }
    if let Some(body) = window.document().and_then(|d| d.body()) {
        body.set_inner_html(
            "<main class=\"teach-main\"><h1>Signature debugger</h1><p id=\"dbg-unavailable\">The debugger is \
             in the full build: <a href=\"full/?view=debugger\">full/?view=debugger</a>. The CLI has the same \
             debugger: <code>copyimage verify</code>.</p><p><a href=\"./\">Back to the playground</a></p></main>",
        );
    }
}

/// A link that carries an imported scenario opens in the full build (the lean build has no scenario
/// reader), query and fragment kept. `false` if the browser would not navigate (the page then says why).
#[cfg(not(feature = "scenario-import"))]
fn open_in_full_build() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let target = format!("full/{}#{}", current_search(), current_fragment());
    window.location().replace(&target).is_ok()
}

/// Where the header's "Signature debugger" link goes: this build itself when it has the view, else the full
/// build beside it (`dist/full/`).
#[cfg(feature = "debugger-view")]
const DEBUGGER_HREF: &str = "./?view=debugger";
#[cfg(not(feature = "debugger-view"))]
const DEBUGGER_HREF: &str = "full/?view=debugger";

/// A static teaching page (`catalog`, `embed`) in a language: `teach/catalog.html`, or the Chinese page
/// `teach/catalog.zh-CN.html` (each page is generated or written once per language, so it needs no script).
pub fn page_href(page: &str, lang: crate::i18n::Lang) -> String {
    match lang {
        crate::i18n::Lang::En => format!("teach/{page}.html"),
        l => format!("teach/{page}.{}.html", l.tag()),
    }
}

/// Links to the teaching views, for the playground's header. The lessons link keeps the current state.
#[function_component(TeachNav)]
pub fn teach_nav() -> Html {
    use crate::i18n::{t, tn};
    let frag = current_fragment();
    let hash = if frag.is_empty() {
        String::new()
    } else {
        format!("#{frag}")
    };
    let lessons = if lessons_open() {
        html! { <a id="nav-lessons" href={format!("./{hash}")}>{ tn("Close lessons") }</a> }
    } else {
        html! { <a id="nav-lessons" href={format!("./?lessons{hash}")}>{ tn("Lessons") }</a> }
    };
    html! {
        <nav class="teach-nav" aria-label={t("Learn")}>
            { lessons }
            <a id="nav-catalog" href={page_href("catalog", crate::i18n::lang())}>{ tn("Error catalog") }</a>
            <a id="nav-debugger" href={DEBUGGER_HREF}>{ tn("Signature debugger") }</a>
            <a id="nav-embed" href={page_href("embed", crate::i18n::lang())}>{ tn("Embed in docs") }</a>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_come_from_the_query_not_the_fragment() {
        assert_eq!(view_for(""), View::Playground);
        assert_eq!(view_for("?lessons"), View::Playground);
        assert_eq!(view_for("?view=catalog"), View::Playground);
        assert_eq!(view_for("?view=debugger"), View::Debugger);
        assert_eq!(view_for("?embed"), View::Embed);
        assert_eq!(view_for("?embed&theme=dark"), View::Embed);
        assert_eq!(view_for("?view=nope"), View::Playground);
    }

    #[test]
    fn static_pages_have_one_file_per_language() {
        use crate::i18n::Lang;
        assert_eq!(page_href("catalog", Lang::En), "teach/catalog.html");
        assert_eq!(page_href("catalog", Lang::ZhCn), "teach/catalog.zh-CN.html");
        assert_eq!(page_href("embed", Lang::ZhCn), "teach/embed.zh-CN.html");
        let root = env!("CARGO_MANIFEST_DIR");
        for page in ["catalog", "embed"] {
            for lang in [Lang::En, Lang::ZhCn] {
                let path = format!("{root}/www/{}", page_href(page, lang));
                assert!(std::path::Path::new(&path).exists(), "{path}");
            }
        }
    }

    /// The snippet page has one file per language (generated from one template by `snippet_page.rs`): both
    /// files have the same controls (ids, in order), so `embed.js` drives either, and they link each other.
    #[test]
    fn the_snippet_pages_have_the_same_controls_in_each_language() {
        let root = env!("CARGO_MANIFEST_DIR");
        let read = |f: &str| std::fs::read_to_string(format!("{root}/www/teach/{f}")).unwrap();
        let ids = |html: &str| -> Vec<String> {
            html.split(" id=\"")
                .skip(1)
                .map(|s| s.split('"').next().unwrap_or("").to_string())
                .collect()
        };
        let (en, zh) = (read("embed.html"), read("embed.zh-CN.html"));
        assert_eq!(ids(&en), ids(&zh));
        assert!(ids(&en).contains(&"embed-lang".to_string()));
        assert!(en.starts_with("<!doctype html>\n<html lang=\"en\">"));
        assert!(zh.starts_with("<!doctype html>\n<html lang=\"zh-CN\">"));
        for page in [&en, &zh] {
            assert!(page.contains("<script src=\"lang.js\"></script>"));
            assert!(
                page.contains("href=\"embed.zh-CN.html?lang=zh-CN\"") && page.contains("href=\"embed.html?lang=en\"")
            );
            assert!(!page.contains("style="), "the page's CSP allows no inline styles");
        }
    }
}
