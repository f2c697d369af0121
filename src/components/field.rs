//! One documented request field: its label starts with the wire name, then the required marker; the
//! documented description and example sit under it; an error the engine returned for this field is shown
//! inline, naming the rule.

use copyimage_engine::docs::ParamDoc;
use yew::prelude::*;

/// An error the current preview attributes to a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The error code, e.g. `InvalidImageName.Malformed`.
    pub code: String,
    /// The message as the service returns it.
    pub message: String,
    /// The rule's quote (the documented sentence).
    pub quote: String,
}

/// The error the preview attributes to a field, if any: at most one (a response has one error), so a
/// pair rather than a map (a `BTreeMap` would add its own B-tree code to the WASM for one entry).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Option<(String, FieldError)>);

impl FieldErrors {
    /// The error for the field with this wire name (or `Tags` for the tag group).
    pub fn get(&self, name: &str) -> Option<&FieldError> {
        self.0.as_ref().filter(|(n, _)| n == name).map(|(_, e)| e)
    }
}

/// What a field shows. A plain function rather than a component: one less component type in the WASM
/// bundle, and the request pane re-renders on every keystroke anyway.
pub struct FieldSpec<'a> {
    /// The documentation of the parameter.
    pub doc: &'static ParamDoc,
    /// The wire name of this field (`Tag.3.Key` for a tag row; else `doc.name`).
    pub name: &'a str,
    /// The current value.
    pub value: &'a str,
    /// The `<datalist>` offering values (regions, images, booleans), if any.
    pub list: Option<&'a str>,
    /// An error for this field, if the preview has one.
    pub error: Option<&'a FieldError>,
    /// A password field (the secret). Its value is not a controlled property: setting `.value` on a password
    /// input makes Chromium lay out the whole page at once (~50 ms in the first render here), so the request
    /// pane sets the initial value as the `value` attribute after mounting ([`set_initial_secret`]) and the
    /// DOM keeps what the user types from then on (nothing else changes the secret).
    pub secret: bool,
    /// Hide the long description (tag rows show it once, above the rows).
    pub compact: bool,
}

impl<'a> FieldSpec<'a> {
    /// A plain text field for `name`.
    pub fn new(doc: &'static ParamDoc, name: &'a str, value: &'a str) -> FieldSpec<'a> {
        FieldSpec {
            doc,
            name,
            value,
            list: None,
            error: None,
            secret: false,
            compact: false,
        }
    }
}

/// An element id for a wire name (`Tag.1.Key` -> `f-Tag-1-Key`).
pub fn field_id(name: &str) -> String {
    format!("f-{}", name.replace('.', "-"))
}

/// Which part of its rule the field's value breaks, when the service's message does not say: the image-name
/// rule's part (the engine's `image_name_problem`), as a sentence.
pub fn broken_part(code: &str, value: &str) -> Option<String> {
    (code == "InvalidImageName.Malformed")
        .then(|| copyimage_engine::service::rules::image_name_problem(value))
        .flatten()
        .map(|part| crate::i18n::tf("Your name {part}.", &[("part", crate::i18n::tr(part))]))
}

/// A documented field; `oninput` gets the new value on every keystroke.
pub fn field(p: FieldSpec<'_>, oninput: Callback<String>) -> Html {
    let id = field_id(p.name);
    let desc_id = format!("{id}-desc");
    let err_id = format!("{id}-err");
    let oninput = Callback::from(move |e: InputEvent| {
        let el: web_sys::HtmlInputElement = e.target_unchecked_into();
        oninput.emit(el.value());
    });
    let described = if p.error.is_some() {
        format!("{err_id} {desc_id}")
    } else {
        desc_id.clone()
    };
    let d = p.doc;
    html! {
        <div class={classes!("field", p.error.is_some().then_some("has-error"))}>
            <label for={id.clone()}>
                <code class="wire">{ p.name }</code>
                if d.required { <span class="req">{ crate::i18n::t(" (required)") }</span> }
                <span class="ty">{ format!(" {}", d.ty.as_str()) }</span>
            </label>
            <input id={id} name={p.name.to_string()} type={if p.secret { "password" } else { "text" }}
                value={(!p.secret).then(|| p.value.to_string())} list={p.list.map(str::to_string)} {oninput}
                placeholder={if d.example.is_empty() { None } else { Some(crate::i18n::tf("e.g. {example}", &[("example", d.example)])) }}
                autocomplete="off" spellcheck="false"
                aria-invalid={if p.error.is_some() { "true" } else { "false" }}
                aria-describedby={described} />
            if let Some(e) = &p.error {
                <p class="field-error" id={err_id} role="status">
                    <code>{ e.code.clone() }</code>{ ": " }{ e.message.clone() }
                    if let Some(part) = broken_part(&e.code, p.value) { <br /><span class="part">{ part }</span> }
                    <br /><span class="rule">{ crate::i18n::t("Rule: ") }{ e.quote.clone() }</span>
                </p>
            }
            <p class="desc" id={desc_id} hidden={p.compact}>
                { crate::i18n::tr(d.description) }
                if !d.example.is_empty() { <span class="example">{ crate::i18n::t(" Example: ") }<code>{ d.example }</code></span> }
            </p>
        </div>
    }
}

/// Gives a newly created secret field its value as the `value` attribute (the default value, which a
/// password input shows until typed into), without the forced layout a `.value` assignment causes. A field
/// that already has the attribute keeps what the user typed (even an emptied field).
pub fn set_initial_secret(name: &str, secret: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&field_id(name)))
    {
        if !el.has_attribute("value") {
            let _ = el.set_attribute("value", secret);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_image_name_error_names_the_broken_part() {
        let part = |v: &str| broken_part("InvalidImageName.Malformed", v);
        assert_eq!(part("1copy").as_deref(), Some("Your name starts with a digit."));
        assert_eq!(part("my copy").as_deref(), Some("Your name contains a space."));
        // Another error, or a name that follows the rule (another field's error), adds nothing.
        assert_eq!(broken_part("InvalidDescription.Malformed", "1copy"), None);
        assert_eq!(part("fine-name"), None);
    }
}
