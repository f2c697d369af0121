//! The lessons panel beside the playground (`?lessons`): the engine's course (`copyimage_engine::lessons`),
//! each step checked live against the engine's world and the history of exchanges, ticked off when its
//! check passes. Progress (only the IDs of finished steps) is kept in `localStorage`, so it survives a
//! reload; nothing else is stored, least of all the secret.

use crate::i18n::{t, tf, tn, tr};
use crate::state::{Action, HistoryEntry, Shared};
use copyimage_engine::engine::{Engine, Exchange};
use copyimage_engine::lessons::{self, STEPS};
use yew::prelude::*;

/// The storage key (versioned so a later course can start afresh).
pub const STORAGE_KEY: &str = "copyimage-lessons-v1";

/// Finished step IDs from a stored value (unknown IDs are dropped).
pub fn parse_progress(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|id| lessons::step(id).is_some())
        .map(str::to_string)
        .collect()
}

/// The stored form of finished step IDs, in course order.
pub fn progress_value(done: &[String]) -> String {
    STEPS
        .iter()
        .filter(|s| done.iter().any(|d| d == s.id))
        .map(|s| s.id)
        .collect::<Vec<_>>()
        .join(",")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn load() -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .map(|v| parse_progress(&v))
        .unwrap_or_default()
}

fn save(done: &[String]) {
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, &progress_value(done));
    }
}

/// What a step's check saw, in the page's language: the message's template translated, then filled (the
/// English `message` when the page is English).
fn verdict_text(v: &lessons::Verdict) -> String {
    let said = copyimage_engine::why::fill(tr(v.msg), &v.args);
    if v.done {
        said
    } else {
        tf("Not yet: {reason}", &[("reason", &said)])
    }
}

/// Props of [`LessonsPanel`].
#[derive(Properties, PartialEq)]
pub struct LessonsPanelProps {
    /// The engine (world and queue).
    pub engine: Shared<Engine>,
    /// Sent requests, oldest first.
    pub history: Shared<Vec<HistoryEntry>>,
    /// Where actions go (Start the course resets the world to the course's preset).
    pub dispatch: Callback<Action>,
}

/// The lessons panel.
#[function_component(LessonsPanel)]
pub fn lessons_panel(p: &LessonsPanelProps) -> Html {
    let done = use_state(load);
    let verdicts = {
        let h: Vec<&Exchange> = p.history.iter().map(|e| &e.exchange).collect();
        lessons::check_all(p.engine.world(), &h)
    };
    // Tick off steps whose check passes now; once ticked, a step stays ticked (stored).
    {
        let newly: Vec<String> = STEPS
            .iter()
            .zip(&verdicts)
            .filter(|(s, v)| v.done && !done.iter().any(|d| d == s.id))
            .map(|(s, _)| s.id.to_string())
            .collect();
        let done = done.clone();
        use_effect_with(newly, move |newly| {
            if !newly.is_empty() {
                let mut all = (*done).clone();
                all.extend(newly.iter().cloned());
                save(&all);
                done.set(all);
            }
        });
    }
    let start = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.emit(Action::LoadPreset(lessons::PRESET.into())))
    };
    let reset = {
        let done = done.clone();
        Callback::from(move |_| {
            save(&[]);
            done.set(Vec::new());
        })
    };
    let count = STEPS.iter().filter(|s| done.iter().any(|d| d == s.id)).count();
    let progress = tf(
        "{count} of {total} steps done",
        &[("count", &count.to_string()), ("total", &STEPS.len().to_string())],
    );
    let current = STEPS.iter().position(|s| !done.iter().any(|d| d == s.id));
    html! {
        <aside class="pane lessons" id="lessons-pane" aria-labelledby="lessons-h">
            <h2 id="lessons-h">{ tn("Lessons") }</h2>
            <p class="desc">{ tn("Make each thing happen in the playground; every step is checked from what the simulated service saw (the history and the copy queue) and ticked off by itself.") }</p>
            <p id="lessons-progress" role="status">{ progress }</p>
            <div class="lesson-buttons">
                <button type="button" id="lessons-start" onclick={start}>{ tn("Start with a fresh world") }</button>
                <button type="button" id="lessons-reset" onclick={reset}>{ tn("Forget my progress") }</button>
            </div>
            <ol class="steps">
                { for STEPS.iter().zip(verdicts.iter()).enumerate().map(|(i, (s, v))| {
                    let ticked = done.iter().any(|d| d == s.id);
                    let open = Some(i) == current;
                    html! {
                        <li class={classes!("step", ticked.then_some("done"), open.then_some("current"))}
                            data-step={s.id} data-done={ticked.to_string()}>
                            <details open={open}>
                                <summary>
                                    <span class="tick" aria-hidden="true">{ if ticked { "✓" } else { "○" } }</span>
                                    { format!(" {}. {}", i + 1, tr(s.title)) }
                                    <span class="sr-status">{ if ticked { t(" (done)") } else { "" } }</span>
                                </summary>
                                <p class="instructions">{ tr(s.instructions) }</p>
                                <p class={classes!("verdict", if v.done { "ok" } else { "pending" })}>{ verdict_text(v) }</p>
                                if ticked { <p class="lesson-learned">{ tr(s.lesson) }</p> }
                            </details>
                        </li>
                    }
                }) }
            </ol>
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_round_trips_in_course_order_and_drops_unknown_ids() {
        let done = parse_progress("cancel,bogus,first-copy,,");
        assert_eq!(done, vec!["cancel".to_string(), "first-copy".to_string()]);
        assert_eq!(progress_value(&done), "first-copy,cancel");
        assert_eq!(parse_progress(""), Vec::<String>::new());
    }

    #[test]
    fn in_english_a_verdict_reads_as_the_engine_wrote_it() {
        use copyimage_engine::engine::CallContext;
        let mut e = Engine::from_preset(lessons::PRESET, 1).unwrap();
        let mut history: Vec<Exchange> = Vec::new();
        let check = |e: &Engine, h: &[Exchange]| {
            let h: Vec<&Exchange> = h.iter().collect();
            for v in lessons::check_all(e.world(), &h) {
                assert_eq!(verdict_text(&v), v.message);
            }
        };
        check(&e, &history);
        for dst in ["cn-hangzhou", "cn-shanghai"] {
            let p: Vec<(String, String)> = [
                ("Action", "CopyImage"),
                ("Version", "2014-05-26"),
                ("RegionId", "cn-hangzhou"),
                ("ImageId", copyimage_engine::scenario::DOC_IMAGE_ID),
                ("DestinationRegionId", dst),
            ]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
            history.push(e.call(&p, &CallContext::new("ecs.cn-hangzhou.aliyuncs.com")));
            check(&e, &history);
        }
    }
}
