//! A "Copy" button that puts a text on the clipboard and says so.

use yew::prelude::*;

/// Writes `text` to the clipboard; `false` when the page has no clipboard (insecure context).
pub fn copy_text(text: &str) -> bool {
    match web_sys::window().map(|w| w.navigator().clipboard()) {
        Some(c) => {
            // The promise is left alone: the button's label already says "Copied" and a refusal is rare.
            let _ = c.write_text(text);
            true
        }
        None => false,
    }
}

/// A copy button (a plain function: no component state; the label turns to "Copied" through the DOM).
pub fn copy_button(text: String, what: &str, id: String) -> Html {
    let onclick = Callback::from(move |e: MouseEvent| {
        if copy_text(&text) {
            if let Some(el) = e.target_dyn_into::<web_sys::HtmlElement>() {
                el.set_text_content(Some("Copied"));
            }
        }
    });
    html! {
        <button type="button" class="copy" {id} aria-label={format!("Copy {what}")} {onclick}>{ "Copy" }</button>
    }
}
