//! The world pane: the world clock and its controls, each region's copy queue drawn as a timeline (the
//! running task with its progress, waiting tasks in order), the images with status and progress and their
//! Cancel / Delete buttons, the instances (RunInstances, ReplaceSystemDisk), and the account's regions with any
//! setting that makes one refuse copies.

use crate::form::{Form, VERSION};
use crate::i18n::{self, t, tf, tfn, tn, Lang};
use crate::state::{Action, Shared, SPEEDS};
use copyimage_engine::engine::Engine;
use copyimage_engine::queue::{CopyTask, TaskState};
use copyimage_engine::regions;
use copyimage_engine::scenario::{lane_label, region_label_texts};
use copyimage_engine::wire::Params;
use copyimage_engine::world::{Owner, World};
use yew::prelude::*;

/// Props of [`WorldPane`].
#[derive(Properties, PartialEq)]
pub struct WorldPaneProps {
    /// The engine.
    pub engine: Shared<Engine>,
    /// Whether the clock plays.
    pub playing: bool,
    /// The playing speed.
    pub speed: u64,
    /// The request form (for Format and AccessKeyId of row actions).
    pub form: Form,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// The wire parameters of a row action (CancelCopyImage / DeleteImage), with the form's Format and key.
pub fn row_request(form: &Form, action: &str, region: &str, image: &str) -> Params {
    vec![
        ("Action".into(), action.into()),
        ("Version".into(), VERSION.into()),
        ("Format".into(), form.format.as_str().into()),
        ("AccessKeyId".into(), form.access_key_id.clone()),
        ("RegionId".into(), region.into()),
        ("ImageId".into(), image.into()),
    ]
}

/// How the world clock reads wherever it is shown (the world pane, the history, the response pane):
/// `world clock 1 min 30 s`.
pub fn world_clock(secs: u64) -> String {
    tf("world clock {time}", &[("time", &duration(secs))])
}

/// `90` -> `1 min 30 s`.
pub fn duration(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let (hs, ms, ss) = (h.to_string(), m.to_string(), s.to_string());
    let args = [("h", hs.as_str()), ("m", ms.as_str()), ("s", ss.as_str())];
    match (h, m) {
        (0, 0) => tf("{s} s", &args),
        (0, _) => tf("{m} min {s} s", &args),
        _ => tf("{h} h {m} min {s} s", &args),
    }
}

fn task_html(task: &CopyTask, now: u64, pos: Option<usize>) -> Html {
    let pct = task.progress_percent(now);
    let (state, shown) = match task.state {
        TaskState::Waiting => ("waiting", t("waiting")),
        TaskState::Running => ("running", t("running")),
        TaskState::Done => ("done", t("done")),
        TaskState::Failed => ("failed", t("failed")),
        TaskState::Canceled => ("canceled", t("canceled")),
    };
    let remaining = task.end_time().map(|e| e.saturating_sub(now));
    html! {
        <li class={classes!("task", state)} data-task={task.id.to_string()} data-state={state}
            data-image={task.destination_image_id.clone()}>
            <span class="task-what">
                if let Some(n) = pos { <span class="pos">{ format!("#{n} ") }</span> }
                <code>{ task.source_image_id.clone() }</code>{ " → " }<code>{ task.destination_image_id.clone() }</code>
                { format!(" ({} → {})", task.source_region, task.destination_region) }
            </span>
            <span class="task-state">{ shown }</span>
            if task.state == TaskState::Running {
                <progress max="100" value={pct.to_string()} aria-label={tf("Copy progress of {image}", &[("image", &task.destination_image_id)])}>
                    { format!("{pct}%") }</progress>
                <span class="pct">{ format!("{pct}%") }</span>
                if let Some(r) = remaining { <span class="eta">{ tfn(" · {time} left", &[("time", &duration(r))]) }</span> }
            }
        </li>
    }
}

/// The account's regions (what DescribeRegions lists, named from the engine's region table), shown at the
/// end of the world pane. Above the table, in words, every region setting that makes a region refuse copies
/// (a full quota, no copy, no BYOK), so no refusal comes from a region that looks ordinary.
pub fn region_table(w: &World) -> Html {
    let labelled: Vec<(&str, Vec<String>)> = w
        .regions
        .iter()
        .map(|r| (r.id.as_str(), region_label_texts(w, &r.id, i18n::tr)))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let zh = i18n::lang() == Lang::ZhCn;
    html! {
        <>
            <h3 id="regions-h">{ tfn("Regions of this account ({n})", &[("n", &w.regions.len().to_string())]) }</h3>
            if !labelled.is_empty() {
                <ul class="region-labels" id="region-labels" aria-label={t("Region settings that refuse copies")}>
                    { for labelled.iter().flat_map(|(id, ls)| ls.iter().map(move |l| html! {
                        <li data-region={id.to_string()}><code>{ id.to_string() }</code>{ format!(": {l}") }</li>
                    })) }
                </ul>
            }
            // Focusable, so a keyboard can scroll the table sideways where it is wider than the pane.
            <div class="scroll" tabindex="0" role="region" aria-labelledby="regions-h">
                <table class="regions" id="region-table">
                    // In Chinese the name is the Chinese one, so the LocalName column would only repeat it.
                    <thead><tr><th scope="col">{ "RegionId" }</th><th scope="col">{ tn("Name") }</th>
                        if !zh { <th scope="col">{ "LocalName" }</th> }
                        <th scope="col">{ tn("Endpoint") }</th></tr></thead>
                    <tbody>
                    { for w.regions.iter().filter_map(|r| regions::find(&r.id)).map(|r| {
                        let flagged = labelled.iter().any(|(id, _)| *id == r.id);
                        html! {
                            <tr data-region={r.id} data-labelled={flagged.to_string()}>
                                <td><code>{ r.id }</code></td>
                                if zh { <td>{ r.name_zh }</td> } else {
                                    <td>{ r.name_en }</td>
                                    <td lang="zh-CN">{ r.name_zh }</td>
                                }
                                <td><code>{ r.endpoint() }</code></td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            </div>
        </>
    }
}

/// The world pane.
#[function_component(WorldPane)]
pub fn world_pane(p: &WorldPaneProps) -> Html {
    let engine = &p.engine;
    let w = engine.world();
    let now = engine.world_time();
    let emit = |a: Action| {
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(a.clone()))
    };
    let on_speed = {
        let d = p.dispatch.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(s) = el.value().parse() {
                d.emit(Action::SetSpeed(s));
            }
        })
    };
    let task = |id: &usize| w.queue.tasks.iter().find(|t| t.id == *id);
    let lanes = w
        .queue
        .lanes()
        .iter()
        .filter(|(_, l)| !l.running.is_empty() || !l.waiting.is_empty());
    let finished: Vec<&CopyTask> = w.queue.tasks.iter().filter(|t| !t.state.is_active()).collect();
    let idle = w.queue.active_tasks().next().is_none();
    // Images grouped per region (stable: the world's order within a region).
    let mut images: Vec<_> = w.images.iter().collect();
    copyimage_engine::sort::sort_by(&mut images, |a, b| a.region.cmp(&b.region));
    let image_rows = images.into_iter().map(|i| {
        let status = w.status_of(i);
        let progress = w.progress_of(i);
        let copying = w.is_copy_in_progress(i);
        let cancel = Action::SendParams(row_request(&p.form, "CancelCopyImage", &i.region, &i.id));
        let delete = Action::SendParams(row_request(&p.form, "DeleteImage", &i.region, &i.id));
        html! {
            <tr data-image={i.id.clone()} data-status={status.as_str()}>
                // `data-label`: on a phone each row is a card, its cells labelled by their column.
                <td data-label="ImageId"><code>{ i.id.clone() }</code></td>
                <td data-label={t("Name")}>{ i.name.clone() }
                    // Whose image it is, where it is not the account's own (DescribeImages' ImageOwnerAlias).
                    { match &i.owner {
                        Owner::Own => html! {},
                        Owner::Shared { .. } => html! { <span class="owner">{ tn(" (shared to you: copies within its region only)") }</span> },
                        Owner::Marketplace { .. } => html! { <span class="owner">{ tn(" (marketplace)") }</span> },
                    } }
                </td>
                <td data-label={t("Region")}><code>{ i.region.clone() }</code></td>
                // A Status value as DescribeImages writes it: data, not prose (`translate="no"`).
                <td class="status" data-label={t("Status")} translate="no">{ status.as_str() }</td>
                <td class="progress" data-label={t("Progress")}>{ format!("{progress}%") }</td>
                <td class="actions" data-label={t("Actions")}>
                    if copying {
                        // The name starts with the visible words (what a voice-control user says), then
                        // the request it sends.
                        <button type="button" aria-label={tf("Cancel copy: CancelCopyImage {image}", &[("image", &i.id)])}
                            onclick={emit(cancel)}>{ tn("Cancel copy") }</button>
                    }
                    <button type="button" aria-label={tf("Delete: DeleteImage {image}", &[("image", &i.id)])}
                        onclick={emit(delete)}>{ tn("Delete") }</button>
                </td>
            </tr>
        }
    });
    html! {
        <section class="pane" id="world-pane" aria-labelledby="world-h">
            <h2 id="world-h">{ tn("World") }</h2>
            <div class="clock" role="group" aria-label={t("World clock")}>
                <p id="world-time" aria-live="off">
                    { tn("World clock: ") }<strong>{ duration(now) }</strong>
                    { format!(" ({})", w.now_utc()) }
                    if idle { <span class="idle">{ tn(" · idle") }</span> }
                </p>
                <button type="button" id="play" aria-pressed={p.playing.to_string()}
                    onclick={emit(Action::TogglePlay)}>{ if p.playing { tn("Pause") } else { tn("Play") } }</button>
                <label for="speed">{ tn("Speed") }</label>
                <select id="speed" onchange={on_speed}>
                    { for SPEEDS.iter().map(|s| html! {
                        <option value={s.to_string()} selected={*s == p.speed}>{ format!("{s}×") }</option>
                    }) }
                </select>
                <button type="button" id="next-event" onclick={emit(Action::NextEvent)}>{ tn("Step to next event") }</button>
                <button type="button" id="run-idle" onclick={emit(Action::RunToIdle)}>{ tn("Run to idle") }</button>
                <button type="button" id="advance-60" onclick={emit(Action::Advance(60))}>{ tn("+1 min") }</button>
                <button type="button" id="reset-world" onclick={emit(Action::ResetWorld)}>{ tn("Reset world") }</button>
            </div>
            <h3>{ tn("Copy queues") }</h3>
            <p class="desc">{ tfn("At most {n} copy task(s) run at a time per region (queue limit); the rest wait in order.", &[("n", &w.settings.queue_limit.to_string())]) }</p>
            <div class="queues" id="queues">
                { for lanes.map(|(lane, l)| html! {
                    <div class="lane" data-lane={lane.clone()}>
                        <h4><code>{ lane.clone() }</code>
                            if let Some(l) = lane_label(w, lane) { <span class="lane-label">{ format!(" · {}", i18n::tr(l)) }</span> }
                        </h4>
                        <ol class="timeline">
                            { for l.running.iter().filter_map(task).map(|t| task_html(t, now, None)) }
                            { for l.waiting.iter().filter_map(task).enumerate().map(|(k, t)| task_html(t, now, Some(k + 1))) }
                        </ol>
                    </div>
                }) }
                if idle { <p class="empty">{ tn("No copy task is running or waiting.") }</p> }
            </div>
            if !finished.is_empty() {
                <details class="finished">
                    <summary>{ tfn("Finished tasks ({n})", &[("n", &finished.len().to_string())]) }</summary>
                    <ol>{ for finished.iter().map(|t| task_html(t, now, None)) }</ol>
                </details>
            }
            <h3 id="images-h">{ tn("Images") }</h3>
            <div class="scroll" tabindex="0" role="region" aria-labelledby="images-h">
                <table class="images" id="image-table">
                    <thead><tr><th scope="col">{ "ImageId" }</th><th scope="col">{ tn("Name") }</th>
                        <th scope="col">{ tn("Region") }</th><th scope="col">{ tn("Status") }</th>
                        <th scope="col">{ tn("Progress") }</th><th scope="col">{ tn("Actions") }</th></tr></thead>
                    <tbody>{ for image_rows }</tbody>
                </table>
            </div>
            if !w.instances.is_empty() {
                <h3 id="instances-h">{ tn("Instances") }</h3>
                <div class="scroll" tabindex="0" role="region" aria-labelledby="instances-h">
                    <table class="images" id="instance-table">
                        <thead><tr><th scope="col">{ "InstanceId" }</th><th scope="col">{ tn("Region") }</th>
                            <th scope="col">{ tn("Status") }</th><th scope="col">{ "ImageId" }</th>
                            <th scope="col">{ "InstanceType" }</th><th scope="col">{ "CreationTime" }</th></tr></thead>
                        <tbody>
                        { for w.instances.iter().map(|i| html! {
                            <tr data-instance={i.id.clone()} data-status={i.status.as_str()}>
                                <td data-label="InstanceId"><code>{ i.id.clone() }</code>
                                    if !i.label.is_empty() { <span class="owner">{ format!(" ({})", i18n::tr(&i.label)) }</span> }
                                </td>
                                <td data-label={t("Region")}><code>{ i.region.clone() }</code></td>
                                <td class="status" data-label={t("Status")} translate="no">{ i.status.as_str() }</td>
                                <td data-label="ImageId"><code>{ i.image_id.clone() }</code></td>
                                <td data-label="InstanceType"><code>{ i.instance_type.clone() }</code></td>
                                <td data-label="CreationTime">{ i.creation_time.to_iso8601() }</td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                </div>
            }
            { region_table(w) }
        </section>
    }
}
