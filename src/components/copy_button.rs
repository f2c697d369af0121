//! A "Copy" button that puts a text on the clipboard and says so (for screen readers too, via a live
//! region).

use yew::prelude::*;

/// Props of [`CopyButton`].
#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The text to copy.
    pub text: AttrValue,
    /// What is copied, for the accessible name ("Copy curl").
    pub what: AttrValue,
    /// Optional id for tests.
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

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

/// A copy button.
#[function_component(CopyButton)]
pub fn copy_button(p: &CopyButtonProps) -> Html {
    let copied = use_state(|| false);
    let onclick = {
        let text = p.text.clone();
        let copied = copied.clone();
        Callback::from(move |_| copied.set(copy_text(&text)))
    };
    html! {
        <span class="copy">
            <button type="button" id={p.id.clone()} aria-label={format!("Copy {}", p.what)} {onclick}>
                { if *copied { "Copied" } else { "Copy" } }
            </button>
        </span>
    }
}
