//! The scenario pane: presets, the world properties documented errors depend on (each edit is a replayable
//! step), and scenario import/export as JSON.

use crate::i18n::{self, t, t_html, tf, tfn, tn};
use crate::state::{Action, Shared};
use copyimage_engine::edits::{add_fault, fault_kind_name, remove, set_edit as set};
use copyimage_engine::engine::Engine;
use copyimage_engine::scenario;
use copyimage_engine::world::{DeleteMissing, ImageStatus, MissingDestination, QueueKey};
use yew::prelude::*;

/// Props of [`ScenarioPane`].
#[derive(Properties, PartialEq)]
pub struct ScenarioPaneProps {
    /// The engine.
    pub engine: Shared<Engine>,
    /// The preset in use; `None` when the world started from an imported scenario.
    pub preset: Option<String>,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

fn on_value(d: &Callback<Action>, make: impl Fn(String) -> Vec<(String, String)> + 'static) -> Callback<Event> {
    let d = d.clone();
    Callback::from(move |e: Event| {
        let el: web_sys::HtmlInputElement = e.target_unchecked_into();
        d.emit(Action::Edit(make(el.value())));
    })
}

fn on_select(d: &Callback<Action>, make: impl Fn(String) -> Vec<(String, String)> + 'static) -> Callback<Event> {
    let d = d.clone();
    Callback::from(move |e: Event| {
        let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
        d.emit(Action::Edit(make(el.value())));
    })
}

fn on_check(d: &Callback<Action>, path: String) -> Callback<Event> {
    let d = d.clone();
    Callback::from(move |e: Event| {
        let el: web_sys::HtmlInputElement = e.target_unchecked_into();
        d.emit(Action::Edit(set(&path, el.checked().to_string())));
    })
}

/// A select over a setting's documented choices (each a FIDELITY.md row): (value, its shown name).
fn choice(
    id: &str,
    label: &str,
    path: &'static str,
    current: &str,
    options: &[(&'static str, &'static str)],
    d: &Callback<Action>,
) -> Html {
    html! {
        <>
            <label for={id.to_string()}>{ label }</label>
            <select id={id.to_string()} onchange={on_select(d, move |v| set(path, v))}>
                { for options.iter().map(|(o, name)| html! { <option value={*o} selected={*o == current}>{ *name }</option> }) }
            </select>
        </>
    }
}

fn check(id: String, label: String, checked: bool, onchange: Callback<Event>) -> Html {
    html! {
        <label class="check" for={id.clone()}>
            <input type="checkbox" id={id} {checked} {onchange} />{ format!(" {label}") }
        </label>
    }
}

/// The scenario pane.
#[function_component(ScenarioPane)]
pub fn scenario_pane(p: &ScenarioPaneProps) -> Html {
    let w = p.engine.world();
    let d = &p.dispatch;
    let on_preset = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            d.emit(Action::LoadPreset(el.value()));
        })
    };
    let export = {
        let engine = p.engine.clone();
        Callback::from(move |_| {
            crate::app::download(
                "copyimage-scenario.json",
                "application/json",
                &scenario::to_json(engine.world()),
            )
        })
    };
    let s = &w.settings;
    // Closed sections are not rendered at all: the first render stays small (the first-render budget).
    let opened = use_state(|| 0u8);
    let is_open = |bit: u8| *opened & (1 << bit) != 0;
    let toggle = |bit: u8| {
        let opened = opened.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::Element = e.target_unchecked_into();
            let now = if el.has_attribute("open") {
                *opened | (1 << bit)
            } else {
                *opened & !(1 << bit)
            };
            if now != *opened {
                opened.set(now);
            }
        })
    };
    let fault_action = use_state(|| "CopyImage".to_string());
    let add_fault = |kind: &'static str| {
        let d = d.clone();
        let a = fault_action.clone();
        Callback::from(move |_| d.emit(Action::Edit(add_fault(&a, kind))))
    };
    let on_fault_action = {
        let a = fault_action.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            a.set(el.value());
        })
    };
    html! {
        <section class="pane" id="scenario-pane" aria-labelledby="scenario-h">
            <h2 id="scenario-h">{ tn("Scenario") }</h2>
            <div class="field">
                <label for="preset">{ tn("Preset") }</label>
                <select id="preset" onchange={on_preset}>
                    if p.preset.is_none() {
                        <option value="" selected=true disabled=true>{ tn("(imported scenario)") }</option>
                    }
                    { for scenario::PRESETS.iter().map(|(n, summary)| html! {
                        <option value={*n} selected={p.preset.as_deref() == Some(*n)} title={i18n::tr(summary)}>{ i18n::tr(n) }</option>
                    }) }
                </select>
                <p class="desc">{ match p.preset.as_deref() {
                    Some(name) => scenario::PRESETS.iter().find(|(n, _)| *n == name).map_or("", |x| i18n::tr(x.1)),
                    None => t("The world of the scenario file you imported. Choosing a preset replaces it."),
                } }</p>
            </div>
            <details open=true>
                <summary>{ tn("Settings") }</summary>
                <div class="grid2">
                    <label for="s-queue-limit">{ tn("Queue limit (tasks running at once per region)") }</label>
                    <input id="s-queue-limit" type="number" min="1" max="100" value={s.queue_limit.to_string()}
                        onchange={on_value(d, |v| set("/settings/queue_limit", v))} />
                    <label for="s-secs-per-gib">{ tn("Copy speed (seconds per GiB)") }</label>
                    <input id="s-secs-per-gib" type="number" min="1" value={s.copy_secs_per_gib.to_string()}
                        onchange={on_value(d, |v| set("/settings/copy_secs_per_gib", v))} />
                    <label for="s-max-size">{ tn("Largest image size (GiB, SizeExceed.Image)") }</label>
                    <input id="s-max-size" type="number" min="0" value={w.account.max_image_size_gib.to_string()}
                        onchange={on_value(d, |v| set("/account/max_image_size_gib", v))} />
                    <label for="s-caller">{ tn("Caller") }</label>
                    <select id="s-caller" onchange={on_select(d, |v| set("/caller", v))}>
                        <option value="" selected={matches!(w.caller, copyimage_engine::world::Caller::Root)}>{ tn("the account (root)") }</option>
                        { for w.ram_users.iter().map(|u| {
                            let sel = matches!(&w.caller, copyimage_engine::world::Caller::RamUser { name } if *name == u.name);
                            html! { <option value={u.name.clone()} selected={sel}>{ tfn("RAM user {name}", &[("name", &u.name)]) }</option> }
                        }) }
                    </select>
                </div>
                <div class="grid2">
                    { choice("s-queue-key", t("Queue lane (a copy waits in its source or destination region)"), "/settings/queue_key",
                        match s.queue_key { QueueKey::Source => "source", QueueKey::Destination => "destination" },
                        &[("source", t("source")), ("destination", t("destination"))], d) }
                    { choice("s-missing-dest", t("When DestinationRegionId is omitted"), "/settings/missing_destination",
                        match s.missing_destination { MissingDestination::SameAsSource => "same_as_source", MissingDestination::MissingParameter => "missing_parameter" },
                        &[("same_as_source", t("same_as_source")), ("missing_parameter", t("missing_parameter"))], d) }
                    { choice("s-delete-missing", t("DeleteImage of a missing image"), "/settings/delete_missing_image",
                        match s.delete_missing_image { DeleteMissing::Ignore => "ignore", DeleteMissing::NotFound => "not_found" },
                        &[("ignore", t("ignore")), ("not_found", t("not_found"))], d) }
                </div>
                { check("s-anon".into(), t("Anonymous caller (simulates InvalidAliUid.IsNull)").into(),
                    s.anonymous_caller, on_check(d, "/settings/anonymous_caller".into())) }
                { check("s-byok".into(), t("Account is in the BYOK white list (UserNotInTheWhiteList)").into(),
                    w.account.byok_whitelisted, on_check(d, "/account/byok_whitelisted".into())) }
            </details>
            <details open={is_open(0)} ontoggle={toggle(0)}>
                <summary>{ tfn("Regions ({n})", &[("n", &w.regions.len().to_string())]) }</summary>
                if is_open(0) {
                <div class="scroll"><table class="world-regions">
                    <thead><tr><th scope="col">{ tn("Region") }</th><th scope="col">{ tn("Copy") }</th><th scope="col">{ "BYOK" }</th>
                        <th scope="col">{ tn("Image quota") }</th><th scope="col">{ tn("Snapshot quota") }</th></tr></thead>
                    <tbody>
                    { for w.regions.iter().enumerate().map(|(i, r)| html! {
                        <tr data-region={r.id.clone()}>
                            <td><code>{ r.id.clone() }</code></td>
                            <td>{ check(format!("r-{i}-copy"), tf("{region} supports copy", &[("region", &r.id)]), r.supports_copy,
                                on_check(d, format!("/regions/{i}/supports_copy"))) }</td>
                            <td>{ check(format!("r-{i}-byok"), tf("{region} supports BYOK", &[("region", &r.id)]), r.supports_byok,
                                on_check(d, format!("/regions/{i}/supports_byok"))) }</td>
                            <td><input type="number" min="0" aria-label={tf("{region} image quota", &[("region", &r.id)])}
                                value={r.image_quota.to_string()}
                                onchange={on_value(d, move |v| set(&format!("/regions/{i}/image_quota"), v))} /></td>
                            <td><input type="number" min="0" aria-label={tf("{region} snapshot quota", &[("region", &r.id)])}
                                value={r.snapshot_quota.to_string()}
                                onchange={on_value(d, move |v| set(&format!("/regions/{i}/snapshot_quota"), v))} /></td>
                        </tr>
                    }) }
                    </tbody>
                </table></div>
                }
            </details>
            <details open={is_open(1)} ontoggle={toggle(1)}>
                <summary>{ tfn("Images ({n})", &[("n", &w.images.len().to_string())]) }</summary>
                if is_open(1) {
                <div class="scroll"><table class="world-images">
                    <thead><tr><th scope="col">{ tn("Image") }</th><th scope="col">{ tn("Status") }</th>
                        <th scope="col">{ tn("Flags") }</th></tr></thead>
                    <tbody>
                    { for w.images.iter().enumerate().map(|(i, img)| html! {
                        <tr data-image={img.id.clone()}>
                            <td><code>{ img.id.clone() }</code><br />{ img.name.clone() }</td>
                            <td><select aria-label={tf("{image} status", &[("image", &img.id)])}
                                disabled={w.status_is_derived(img)}
                                title={w.status_is_derived(img).then(|| t("A copy's status comes from its copy task"))}
                                onchange={on_select(d, move |v| set(&format!("/images/{i}/status"), v))}>
                                { for ImageStatus::ALL.iter().map(|st| html! {
                                    <option value={st.as_str()} selected={*st == w.status_of(img)}>{ st.as_str() }</option>
                                }) }
                            </select></td>
                            <td>
                                { check(format!("i-{i}-enc"), t("encrypted").into(), img.encrypted, on_check(d, format!("/images/{i}/encrypted"))) }
                                { check(format!("i-{i}-used"), t("used by instances").into(), img.used_by_instances, on_check(d, format!("/images/{i}/used_by_instances"))) }
                                { check(format!("i-{i}-shared"), t("shared to others").into(), img.shared_to_others, on_check(d, format!("/images/{i}/shared_to_others"))) }
                            </td>
                        </tr>
                    }) }
                    </tbody>
                </table></div>
                }
            </details>
            <details open={is_open(2)} ontoggle={toggle(2)}>
                <summary>{ tfn("Snapshots ({n}) and KMS keys ({m})", &[("n", &w.snapshots.len().to_string()), ("m", &w.kms_keys.len().to_string())]) }</summary>
                if is_open(2) {
                <ul class="plain">
                { for w.snapshots.iter().enumerate().map(|(i, sn)| html! {
                    <li><code>{ sn.id.clone() }</code>{ tfn(" ({region}, created {time}) ", &[("region", &sn.region), ("time", &sn.creation_time.to_string())]) }
                        { check(format!("sn-{i}-enc"), t("encrypted").into(), sn.encrypted, on_check(d, format!("/snapshots/{i}/encrypted"))) }
                        { check(format!("sn-{i}-img"), t("allowed to create image").into(), sn.allowed_to_create_image, on_check(d, format!("/snapshots/{i}/allowed_to_create_image"))) }
                        { check(format!("sn-{i}-del"), t("deleted").into(), sn.deleted, on_check(d, format!("/snapshots/{i}/deleted"))) }
                    </li>
                }) }
                { for w.kms_keys.iter().enumerate().map(|(i, k)| html! {
                    <li><code>{ k.id.clone() }</code>{ format!(" ({}) ", k.region) }
                        { check(format!("k-{i}-on"), t("enabled").into(), k.enabled, on_check(d, format!("/kms_keys/{i}/enabled"))) }
                        { check(format!("k-{i}-auth"), t("ECS authorized").into(), k.ecs_authorized, on_check(d, format!("/kms_keys/{i}/ecs_authorized"))) }
                    </li>
                }) }
                </ul>
                }
            </details>
            <details>
                <summary>{ tfn("Fault injection ({n})", &[("n", &w.faults.len().to_string())]) }</summary>
                <p class="desc">{ tn("Simulated triggers: the real service returns these for reasons no request controls.") }</p>
                <label for="fault-action">{ tn("Action the fault hits (* for any)") }</label>
                <input id="fault-action" value={(*fault_action).clone()} oninput={on_fault_action} />
                <div class="buttons">
                    <button type="button" id="fault-500" onclick={add_fault("internal_error_500")}>{ tn("Next call: 500 InternalError") }</button>
                    <button type="button" id="fault-403" onclick={add_fault("internal_error_403")}>{ tn("Next call: 403 InternalError") }</button>
                    <button type="button" id="fault-copy" onclick={add_fault("copy_fails")}>{ tn("Next copy fails") }</button>
                </div>
                <ul class="plain">
                { for w.faults.iter().enumerate().map(|(i, f)| {
                    let d = d.clone();
                    html! {
                        <li>{ tfn("{action} · {kind} · {n} left ", &[("action", &f.action), ("kind", fault_kind_name(f.kind)), ("n", &f.remaining.to_string())]) }
                            <button type="button" aria-label={tf("Remove fault {n}", &[("n", &(i + 1).to_string())])}
                                onclick={Callback::from(move |_| d.emit(Action::Edit(remove(&format!("/faults/{i}")))))}>{ tn("Remove") }</button>
                        </li>
                    }
                }) }
                </ul>
            </details>
            <div class="buttons">
                <button type="button" id="export-scenario" onclick={export}>{ tn("Export scenario") }</button>
            </div>
            <p class="desc">{ t_html("Exports the world as scenario JSON (the format {cmd} and the local endpoint read; its schema is {schema}).", &[("cmd", html! { <code>{ "copyimage run" }</code> }),
                ("schema", html! { <code>{ "docs/scenario.schema.json" }</code> })]) }</p>
            <ImportScenario dispatch={d.clone()} />
        </section>
    }
}

/// Props of [`ImportScenario`].
#[derive(Properties, PartialEq)]
pub struct ImportProps {
    /// Where the import goes (`Action::ImportScenario`).
    pub dispatch: Callback<Action>,
}

/// Scenario import: a file picker and a paste box, read by the engine's scenario reader. Only the full build
/// links that reader (cargo feature `scenario-import`); see the lean variant below.
#[cfg(feature = "scenario-import")]
#[function_component(ImportScenario)]
pub fn import_scenario(p: &ImportProps) -> Html {
    let text = use_node_ref();
    let on_file = {
        let d = p.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // Reset so choosing the same file again (after fixing it) fires `change` again.
            input.set_value("");
            let d = d.clone();
            if let Err(e) = crate::state::check_scenario_size(file.size()) {
                d.emit(Action::ImportScenario(Err(e)));
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                d.emit(Action::ImportScenario(
                    text.ok()
                        .and_then(|v| v.as_string())
                        .ok_or_else(|| "the browser could not read the file".to_string()),
                ));
            });
        })
    };
    let on_paste = {
        let d = p.dispatch.clone();
        let text = text.clone();
        Callback::from(move |_| {
            if let Some(t) = text.cast::<web_sys::HtmlTextAreaElement>() {
                d.emit(Action::ImportScenario(Ok(t.value())));
            }
        })
    };
    let open = crate::teach::query_has("import");
    html! {
        <details id="import-section" {open}>
            <summary>{ tn("Import scenario JSON") }</summary>
            <p class="desc">{ t_html("A scenario file (what Export scenario writes, or {cmd} reads) becomes the world's start: history is cleared, Reset world returns to it, and Copy link carries it.", &[("cmd", html! { <code>{ "copyimage run --scenario" }</code> })]) }</p>
            <label for="scenario-file">{ tn("Scenario file (.json)") }</label>
            <input type="file" id="scenario-file" accept=".json,application/json" onchange={on_file} />
            <label for="scenario-text">{ tn("Or paste scenario JSON") }</label>
            <textarea id="scenario-text" rows="6" spellcheck="false" ref={text} />
            <div class="buttons">
                <button type="button" id="import-scenario" onclick={on_paste}>{ tn("Import pasted JSON") }</button>
            </div>
        </details>
    }
}

/// The lean build (the first load) has no scenario reader: it offers the full build, where the same page
/// (same state, carried by the link) has the import form open.
#[cfg(not(feature = "scenario-import"))]
#[function_component(ImportScenario)]
pub fn import_scenario(_p: &ImportProps) -> Html {
    // The fragment is read at click time: the page rewrites it on every edit.
    let onclick = Callback::from(|e: MouseEvent| {
        let frag = crate::teach::current_fragment();
        if let Some(w) = web_sys::window() {
            if w.location().set_href(&format!("full/?import#{frag}")).is_ok() {
                e.prevent_default();
            }
        }
    });
    html! {
        <p class="desc" id="import-section">
            <a id="import-link" href="full/?import" {onclick}>{ tn("Import scenario JSON…") }</a>
            { tn(" opens this page in the full build, which has the scenario reader (about 30 KB more, kept out of the first load); your request and world come along.") }
        </p>
    }
}
