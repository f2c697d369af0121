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

/// Props of [`Field`].
#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// The documentation of the parameter.
    pub doc: &'static ParamDoc,
    /// The wire name of this field (`Tag.3.Key` for a tag row; else `doc.name`).
    pub name: AttrValue,
    /// The current value.
    pub value: AttrValue,
    /// The `<datalist>` offering values (regions, images, booleans), if any.
    #[prop_or_default]
    pub list: Option<AttrValue>,
    /// An error for this field, if the preview has one.
    #[prop_or_default]
    pub error: Option<FieldError>,
    /// `password` for the secret.
    #[prop_or_default]
    pub input_type: Option<AttrValue>,
    /// Hide the long description (tag rows show it once, above the rows).
    #[prop_or_default]
    pub compact: bool,
    /// Called with the new value on every keystroke.
    pub oninput: Callback<String>,
}

/// An element id for a wire name (`Tag.1.Key` -> `f-Tag-1-Key`).
pub fn field_id(name: &str) -> String {
    format!("f-{}", name.replace('.', "-"))
}

/// A documented field.
#[function_component(Field)]
pub fn field(p: &FieldProps) -> Html {
    let id = field_id(&p.name);
    let desc_id = format!("{id}-desc");
    let err_id = format!("{id}-err");
    let oninput = {
        let cb = p.oninput.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            cb.emit(el.value());
        })
    };
    let described = if p.error.is_some() {
        format!("{err_id} {desc_id}")
    } else {
        desc_id.clone()
    };
    let d = p.doc;
    html! {
        <div class={classes!("field", p.error.is_some().then_some("has-error"))}>
            <label for={id.clone()}>
                <code class="wire">{ p.name.clone() }</code>
                if d.required { <span class="req">{ " (required)" }</span> }
                <span class="ty">{ format!(" {}", d.ty.as_str()) }</span>
            </label>
            <input id={id} name={p.name.clone()} type={p.input_type.clone().unwrap_or("text".into())}
                value={p.value.clone()} list={p.list.clone()} {oninput}
                placeholder={if d.example.is_empty() { None } else { Some(format!("e.g. {}", d.example)) }}
                autocomplete="off" spellcheck="false"
                aria-invalid={if p.error.is_some() { "true" } else { "false" }}
                aria-describedby={described} />
            if let Some(e) = &p.error {
                <p class="field-error" id={err_id} role="status">
                    <code>{ e.code.clone() }</code>{ ": " }{ e.message.clone() }
                    <br /><span class="rule">{ "Rule: " }{ e.quote.clone() }</span>
                </p>
            }
            <p class="desc" id={desc_id} hidden={p.compact}>
                { d.description }
                if !d.example.is_empty() { <span class="example">{ " Example: " }<code>{ d.example }</code></span> }
            </p>
        </div>
    }
}
