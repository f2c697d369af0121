//! The request pane: the operation picker, every documented parameter of it, the Tag.N rows, the other
//! parameters (what the form has no field for, sent as written) and the credentials.

use super::field::{field, FieldErrors, FieldSpec};
use crate::form::{Form, MAX_TAGS};
use crate::i18n::{t, tf, tfn, tn, tr};
use crate::state::{Action, Shared};
use copyimage_engine::docs::{self, ParamDoc};
use copyimage_engine::engine::Engine;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`RequestPane`].
#[derive(Properties, PartialEq)]
pub struct RequestPaneProps {
    /// The form.
    pub form: Form,
    /// Errors of the current preview, by wire name of the field they concern.
    pub errors: Rc<FieldErrors>,
    /// The engine (for the image picker).
    pub engine: Shared<Engine>,
    /// Where actions go.
    pub dispatch: Callback<Action>,
    /// How many requests were sent so far (a new tag row stays quiet until the next Send).
    pub sent: usize,
    /// Whether to draw the whole pane. The page's first frame draws only what a first screen shows (the
    /// operation and its first [`FIRST_FRAME_FIELDS`] parameters); the rest (later fields, tags, other
    /// parameters, credentials, the suggestion lists) follows in the next frame, right after it is painted.
    pub complete: bool,
}

/// How many of an operation's parameters the first frame draws: CopyImage's up to DestinationImageName,
/// what a desktop window shows above the fold (a phone shows fewer).
pub const FIRST_FRAME_FIELDS: usize = 4;

/// Where a newcomer starts: what pressing Send does with the request as it stands. A request the preview
/// already refuses (a Reproduce link, a field error) is not promised as a copy to follow.
pub fn start_hint(form: &Form, refused: bool) -> String {
    let v = |k: &str| Some(form.value(k)).filter(|v| !v.is_empty());
    match (
        form.action.as_str(),
        v("ImageId"),
        v("RegionId"),
        v("DestinationRegionId"),
    ) {
        ("CopyImage", Some(image), Some(from), Some(to)) if !refused => {
            tf("Start here: press Send to copy the example image {image} from {from} to {to}, then follow the copy in the World pane. Change any field first to see its answer live.", &[("image", image), ("from", from), ("to", to)])
        }
        (action, ..) => tf("Start here: press Send to call {action}; the response shows what it answers.", &[("action", action)]),
    }
}

fn param_doc(action: &str, name: &str) -> &'static ParamDoc {
    docs::param(action, name).unwrap_or(&docs::COMMON[0])
}

/// The `<datalist>` a parameter offers: regions, the world's images, or its documented values.
fn list_for(d: &ParamDoc) -> Option<String> {
    if d.name.ends_with("RegionId") {
        Some("dl-regions".into())
    } else if d.name == "ImageId" {
        Some("dl-images".into())
    } else if d.name == "InstanceId" {
        Some("dl-instances".into())
    } else if d.name == "KMSKeyId" {
        Some("dl-kms".into())
    } else if d.name == "ResourceGroupId" {
        Some("dl-rg".into())
    } else if !d.values.is_empty() {
        Some(format!("dl-{}", d.name))
    } else {
        None
    }
}

/// The request pane.
#[function_component(RequestPane)]
pub fn request_pane(p: &RequestPaneProps) -> Html {
    let form = &p.form;
    let op = form.op();
    let d = p.dispatch.clone();
    {
        // After every render: a new secret field gets its value (see `FieldSpec::secret`).
        let secret = form.access_key_secret.clone();
        use_effect(move || crate::components::field::set_initial_secret("AccessKeySecret", &secret));
    }
    let on_action = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            d.emit(Action::ChooseOperation(el.value()));
        })
    };
    // A tag row added by "Add tag" shows no error while it is still empty, untouched and unsent: (rows right
    // after the add, requests sent then). Typing in a tag field, removing a row or sending ends the quiet.
    let quiet = use_state(|| None::<(usize, usize)>);
    let tags_quiet = *quiet == Some((form.tags.len(), p.sent))
        && form.tags.last().is_some_and(|(k, v)| k.is_empty() && v.is_empty());
    let tag_error = p.errors.get("Tags").filter(|_| !tags_quiet);
    // Enter in a text field sends, as in a search box (not while an input method is composing a word).
    let on_key = {
        let d = d.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Every input of this pane is a text field (text or password); the operation picker is a select.
            let in_field = e.target_dyn_into::<web_sys::HtmlInputElement>().is_some();
            if e.key() == "Enter" && !e.is_composing() && in_field {
                e.prevent_default();
                d.emit(Action::Send);
            }
        })
    };
    let on_input = {
        let quiet = quiet.clone();
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let id = input.id();
            if id.starts_with("f-Tag-") {
                quiet.set(None);
            }
            // An other-parameter row: `o-name-N` / `o-value-N`.
            let row = |prefix: &str| {
                id.strip_prefix(prefix)
                    .and_then(|n| n.parse::<usize>().ok())
                    .map(|n| n - 1)
            };
            if let Some(i) = row("o-name-") {
                d.emit(Action::SetOther(i, true, input.value()));
            } else if let Some(i) = row("o-value-") {
                d.emit(Action::SetOther(i, false, input.value()));
            }
        })
    };
    let world = p.engine.world();
    let shown = if p.complete { usize::MAX } else { FIRST_FRAME_FIELDS };
    let fields = op
        .params
        .iter()
        .filter(|x| !x.name.contains(".N."))
        .take(shown)
        .map(|doc| {
            let name = doc.name;
            let d = d.clone();
            let list = list_for(doc);
            field(
                FieldSpec {
                    list: list.as_deref(),
                    error: p.errors.get(name),
                    ..FieldSpec::new(doc, name, form.value(name))
                },
                Callback::from(move |v| d.emit(Action::SetField(name.to_string(), v))),
            )
        });
    let tag_key = param_doc("CopyImage", "Tag.N.Key");
    let tag_value = param_doc("CopyImage", "Tag.N.Value");
    let tags = form.tags.iter().enumerate().map(|(i, (k, v))| {
        let (dk, dv, dr) = (d.clone(), d.clone(), d.clone());
        let qr = quiet.clone();
        let n = i + 1;
        html! {
            <fieldset class="tag-row" key={i}>
                <legend>{ tfn("Tag {n}", &[("n", &n.to_string())]) }</legend>
                { field(FieldSpec { compact: true, ..FieldSpec::new(tag_key, &format!("Tag.{n}.Key"), k) },
                    Callback::from(move |v| dk.emit(Action::SetTagKey(i, v)))) }
                { field(FieldSpec { compact: true, ..FieldSpec::new(tag_value, &format!("Tag.{n}.Value"), v) },
                    Callback::from(move |v| dv.emit(Action::SetTagValue(i, v)))) }
                <button type="button" class="remove" aria-label={tf("Remove Tag {n}", &[("n", &n.to_string())])}
                    onclick={Callback::from(move |_| { qr.set(None); dr.emit(Action::RemoveTag(i)) })}>{ tn("Remove") }</button>
            </fieldset>
        }
    });
    let add_tag = {
        let d = d.clone();
        let quiet = quiet.clone();
        let (rows, sent) = (form.tags.len(), p.sent);
        // An error the rows already showed is theirs, not the new row's: it stays shown.
        let shown = tag_error.is_some();
        Callback::from(move |_| {
            quiet.set((rows < MAX_TAGS && !shown).then_some((rows + 1, sent)));
            d.emit(Action::AddTag)
        })
    };
    // Other parameters: name/value rows for what the form has no field for, sent as written. Typing in them
    // is read by the pane's one `oninput` (by the field's id), so the rows add no listener of their own.
    let others = form.others.iter().enumerate().map(|(i, (k, v))| {
        let d = d.clone();
        let n = i + 1;
        html! {
            <div class="other-row">
                <input id={format!("o-name-{n}")} aria-label={t("Name")} value={k.clone()} placeholder={t("Name")} />
                <input id={format!("o-value-{n}")} aria-label={t("Value")} value={v.clone()} placeholder={t("Value")} />
                <button type="button" aria-label={tf("Remove parameter {n}", &[("n", &n.to_string())])}
                    onclick={Callback::from(move |_| d.emit(Action::RemoveOther(i)))}>{ tn("Remove") }</button>
            </div>
        }
    });
    let add_other = {
        let d = d.clone();
        Callback::from(move |_| d.emit(Action::AddOther))
    };
    let on_ak = {
        let d = d.clone();
        Callback::from(move |v| d.emit(Action::SetAccessKeyId(v)))
    };
    let on_secret = {
        let d = d.clone();
        Callback::from(move |v| d.emit(Action::SetSecret(v)))
    };
    html! {
        <section class="pane" id="request-pane" aria-labelledby="request-h" onkeydown={on_key}
            oninput={on_input}>
            <h2 id="request-h">{ tn("Request") }</h2>
            if p.sent == 0 { <p id="start-hint" class="start-hint">{ start_hint(form, p.errors.0.is_some()) }</p> }
            <div class="field">
                <label for="f-Action"><code class="wire">{ "Action" }</code><span class="req">{ tn(" (required)") }</span></label>
                <select id="f-Action" onchange={on_action}>
                    { for docs::OPERATIONS.iter().map(|o| html! {
                        <option value={o.action} selected={o.action == op.action}>{ o.action }</option>
                    }) }
                </select>
                <p class="desc">{ tr(op.summary) }</p>
            </div>
            { for fields }
            if p.complete {
                <>
                if form.has_tags() {
                    <div class="tags">
                        <h3>{ tn("Tags") }</h3>
                        <p class="desc">{ tr(tag_key.description) }</p>
                        if let Some(e) = tag_error {
                            <p class="field-error" id="tags-err" role="status">
                                <code>{ e.code.clone() }</code>{ ": " }{ e.message.clone() }
                                <br /><span class="rule">{ tn("Rule: ") }{ e.quote.clone() }</span>
                            </p>
                        }
                        { for tags }
                        <button type="button" id="add-tag" onclick={add_tag} disabled={form.tags.len() >= MAX_TAGS}>
                            { tfn("Add tag ({n}/{max})", &[("n", &form.tags.len().to_string()), ("max", &MAX_TAGS.to_string())]) }
                        </button>
                    </div>
                }
                if !form.others.is_empty() {
                    <div id="others">
                        <h3>{ tn("Other parameters") }</h3>
                        <p class="desc">{ tn("Parameters this form has no field for, sent as written after the rest (a name the request already has takes this value). A link's own keys (v, preset, seed, scenario, steps, lang) and the secret are never sent.") }</p>
                        { for others }
                    </div>
                }
                <button type="button" id="add-other" onclick={add_other}>{ tn("Add another parameter") }</button>
                <details class="credentials" open=true>
                    <summary>{ tn("Credentials") }</summary>
                    <p class="desc">{ tn("A demo key pair is filled in. Whatever pair you type is the caller's key in the simulated account, so responses are about the request, not the key. The secret stays in this page: never in a link, storage, an export or a log.") }</p>
                    { field(FieldSpec { compact: true, error: p.errors.get("AccessKeyId"),
                        ..FieldSpec::new(&docs::COMMON[0], "AccessKeyId", &form.access_key_id) }, on_ak) }
                    { field(FieldSpec { compact: true, secret: true,
                        ..FieldSpec::new(&docs::COMMON[1], "AccessKeySecret", &form.access_key_secret) }, on_secret) }
                </details>
                <datalist id="dl-images">
                    { for world.images.iter().map(|i| html! {
                        <option value={i.id.clone()}
                            label={format!("{} · {} · {}", i.region, i.name, world.status_of(i).as_str())} />
                    }) }
                </datalist>
                <datalist id="dl-instances">
                    { for world.instances.iter().map(|i| html! {
                        <option value={i.id.clone()} label={format!("{} · {}", i.region, i.status.as_str())} />
                    }) }
                </datalist>
                <datalist id="dl-kms">
                    { for world.kms_keys.iter().map(|k| html! { <option value={k.id.clone()} label={k.region.clone()} /> }) }
                </datalist>
                <datalist id="dl-rg">
                    { for world.resource_groups.iter().map(|g| html! { <option value={g.id.clone()} label={g.name.clone()} /> }) }
                </datalist>
                { for op.params.iter().filter(|x| !x.values.is_empty()).map(|x| html! {
                    <datalist id={format!("dl-{}", x.name)}>
                        { for x.values.iter().map(|v| html! { <option value={*v} /> }) }
                    </datalist>
                }) }
                </>
            }
        </section>
    }
}
