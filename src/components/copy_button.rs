//! A "Copy" button that puts a text on the clipboard and says so, then turns back into "Copy".

use std::time::Duration;
use yew::prelude::*;

/// How long a "Copied" / "Link copied" confirmation stays before the control reads as before.
pub const CONFIRMATION: Duration = Duration::from_millis(2000);

/// Writes `text` to the clipboard, then calls `done` with whether the browser took it (`false` when the page
/// has no clipboard, e.g. an insecure context, or the browser refused).
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let clipboard = web_sys::window()
        .map(|w| w.navigator())
        // `navigator.clipboard` is undefined outside secure contexts; calling into it would throw.
        .filter(|n| js_sys::Reflect::get(n, &"clipboard".into()).is_ok_and(|c| !c.is_undefined()))
        .map(|n| n.clipboard().write_text(text));
    yew::platform::spawn_local(async move {
        let ok = match clipboard {
            Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
            None => false,
        };
        done(ok);
    });
}

/// A copy button (a plain function: no component state; its label says "Copied" through the DOM for a
/// moment, or "Select and copy" when the browser refused).
pub fn copy_button(text: String, what: &str, id: String) -> Html {
    let label = format!("Copy {what}");
    let onclick = {
        let label = label.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(el) = e.target_dyn_into::<web_sys::HtmlElement>() else {
                return;
            };
            let label = label.clone();
            copy_text(&text, move |ok| {
                let said = if ok { "Copied" } else { "Select and copy" };
                el.set_text_content(Some(said));
                // The accessible name is the label, so it changes too (a screen reader reads the new state).
                let _ = el.set_attribute("aria-label", said);
                yew::platform::spawn_local(async move {
                    yew::platform::time::sleep(CONFIRMATION).await;
                    el.set_text_content(Some("Copy"));
                    let _ = el.set_attribute("aria-label", &label);
                });
            });
        })
    };
    html! {
        <button type="button" class="copy" {id} aria-label={label} {onclick}>{ "Copy" }</button>
    }
}
