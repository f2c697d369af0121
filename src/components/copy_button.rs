//! A "Copy" button that puts a text on the clipboard and says so for a moment.

use crate::i18n::{t, tf, tn};
use std::time::Duration;
use yew::prelude::*;

/// How long a "Copied" / "Link copied" confirmation stays before the control reads as before.
pub const CONFIRMATION: Duration = Duration::from_millis(2000);

/// Writes `text` to the clipboard; `false` when the page has no clipboard (outside a secure context).
pub fn copy_text(text: &str) -> bool {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    // `navigator.clipboard` is undefined outside secure contexts; calling into it would throw.
    if js_sys::Reflect::get(&nav, &"clipboard".into()).map_or(true, |c| c.is_undefined()) {
        return false;
    }
    // The promise is left alone: a refusal past this point is rare, and awaiting it costs bundle size.
    let _ = nav.clipboard().write_text(text);
    true
}

/// Runs `f` once the confirmation has been shown long enough (a "Copied" label turning back).
pub fn after_confirmation(f: impl FnOnce() + 'static) {
    yew::platform::spawn_local(async move {
        yew::platform::time::sleep(CONFIRMATION).await;
        f();
    });
}

/// A copy button (a plain function: no component state; its label says "Copied" through the DOM for a
/// moment, name included, so a screen reader reads the new state too).
pub fn copy_button(text: String, what: &str, id: String) -> Html {
    let label = tf("Copy {what}", &[("what", what)]);
    let onclick = {
        let label = label.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(el) = e.target_dyn_into::<web_sys::HtmlElement>() else {
                return;
            };
            if !copy_text(&text) {
                return;
            }
            el.set_text_content(Some(t("Copied")));
            let _ = el.set_attribute("aria-label", t("Copied"));
            let label = label.clone();
            after_confirmation(move || {
                el.set_text_content(Some(t("Copy")));
                let _ = el.set_attribute("aria-label", &label);
            });
        })
    };
    html! {
        <button type="button" class="copy" {id} aria-label={label} {onclick}>{ tn("Copy") }</button>
    }
}
