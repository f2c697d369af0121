//! The playground's frame: the header with "Copy link", the request, response, signed-request, history,
//! world and scenario panes, and the glue to the browser (URL fragment, clock timer, downloads).

use crate::components::copy_button::copy_text;
use crate::components::field::{FieldError, FieldErrors};
use crate::components::history::History;
use crate::components::request_pane::RequestPane;
use crate::components::response_pane::ResponsePane;
use crate::components::scenario_pane::ScenarioPane;
use crate::components::signed_pane::SignedPane;
use crate::components::world_pane::WorldPane;
use crate::i18n::{self, t, tn};
use crate::permalink;
use crate::state::{self, Action, ServiceCode, Shared, State};
use copyimage_engine::engine::Exchange;
use copyimage_engine::regions;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Shows panics as a visible banner (the element `#panic`), so a bug never leaves a dead page.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = i18n::tf(
            "The playground hit an internal error and stopped: {info}",
            &[("info", &info.to_string())],
        );
        web_sys::console::error_1(&msg.clone().into());
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(el) = doc.get_element_by_id("panic") {
                el.set_text_content(Some(&msg));
                // `hidden` rather than an inline style: the page's CSP forbids inline styles.
                let _ = el.remove_attribute("hidden");
            }
        }
    }));
}

/// The URL fragment of the page, `#` included (empty when none).
fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Offers `text` as a file download (a Blob URL; nothing leaves the page).
pub fn download(name: &str, mime: &str, text: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&text.into());
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = doc.create_element("a") {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", name);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            if let Some(el) = a.dyn_ref::<web_sys::HtmlElement>() {
                el.click();
            }
            let _ = body.remove_child(&a);
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The field an error of the preview belongs to, as the engine typed it. The documented tag messages name
/// no row (`Tag.n.Key`), so a tag error is shown on the tag group.
fn field_errors(x: &Exchange) -> FieldErrors {
    let Some(e) = x.answer.error() else {
        return FieldErrors::default();
    };
    let Some(field) = &e.field else {
        return FieldErrors::default();
    };
    let field = if field.starts_with("Tag.") {
        "Tags".to_string()
    } else {
        field.clone()
    };
    FieldErrors(Some((
        field,
        FieldError {
            code: e.code.clone(),
            message: e.message.clone(),
            quote: i18n::why_text(&e.rule),
        },
    )))
}

/// Calls `f` whenever the page's fragment changes (a link pasted into the address bar, a docs page moving
/// an embedded frame), for as long as the component is mounted. The playground, the embed view and the
/// debugger each reopen their state from the new fragment.
#[hook]
pub fn use_hashchange<F: Fn() + 'static>(f: F) {
    use_effect_with((), move |_| {
        let cb = Closure::<dyn Fn()>::new(f);
        let win = web_sys::window();
        if let Some(w) = &win {
            let _ = w.add_event_listener_with_callback("hashchange", cb.as_ref().unchecked_ref());
        }
        move || {
            if let Some(w) = win {
                let _ = w.remove_event_listener_with_callback("hashchange", cb.as_ref().unchecked_ref());
            }
        }
    });
}

/// Callbacks waiting for the first frame.
type Waiting = Vec<Box<dyn FnOnce()>>;

thread_local! {
    /// What waits for the first frame with the app in it to be painted; `None` once it has been.
    static FIRST_FRAME: RefCell<Option<Waiting>> = RefCell::new(Some(Vec::new()));
}

/// Runs `f` once the first frame with the app in it has been painted (at once if it has been). Not the same
/// as a first effect: Yew yields to the browser before its effects only when a render pass has run over
/// 16 ms, so on a fast machine an effect runs before that frame is painted.
pub fn after_first_frame(f: impl FnOnce() + 'static) {
    let f: Box<dyn FnOnce()> = Box::new(f);
    let now = FIRST_FRAME.with(|w| match w.borrow_mut().as_mut() {
        Some(waiting) => {
            waiting.push(f);
            None
        }
        None => Some(f),
    });
    if let Some(f) = now {
        f()
    }
}

/// Called once the app's first render has put its DOM in place: what waits for the first frame runs once that
/// frame has been painted (an animation frame, then a task: the frame is painted between them), or after
/// 250 ms on a page whose frames are not drawn (a hidden tab).
pub fn first_render_in_place() {
    let painted = || {
        for f in FIRST_FRAME.with(|w| w.borrow_mut().take()).into_iter().flatten() {
            f()
        }
    };
    let Some(win) = web_sys::window() else {
        return painted();
    };
    let in_task = {
        let win = win.clone();
        Closure::once_into_js(move || {
            let _ = win.set_timeout_with_callback(Closure::once_into_js(painted).unchecked_ref());
        })
    };
    let _ = win.request_animation_frame(in_task.unchecked_ref());
    let _ =
        win.set_timeout_with_callback_and_timeout_and_arguments_0(Closure::once_into_js(painted).unchecked_ref(), 250);
}

/// What the panes of the second pass (drawn after the first paint) are drawn from.
pub struct LaterArgs {
    pub state: UseReducerHandle<State>,
    pub dispatch: Callback<Action>,
}

/// Draws the panes of the second pass: (signed request + history, world + scenario).
pub type LaterFn = fn(&LaterArgs) -> (Html, Html);

fn later_panes(a: &LaterArgs) -> (Html, Html) {
    let (state, dispatch) = (&a.state, &a.dispatch);
    // Made here, not in `App`: the transcript's writer (the whole world as JSON) is then in this file too.
    let on_export = {
        let state = state.clone();
        Callback::from(move |_| {
            download(
                "copyimage-transcript.json",
                "application/json",
                &crate::export::transcript(&state),
            )
        })
    };
    (
        html! { <>
            <SignedPane form={state.form.clone()} />
            <History history={state.history.clone()} {on_export} />
        </> },
        html! { <>
            <WorldPane engine={state.engine.clone()} playing={state.playing} speed={state.speed}
                form={state.form.clone()} dispatch={dispatch.clone()} />
            <ScenarioPane engine={state.engine.clone()} preset={state.start.preset().map(str::to_string)} dispatch={dispatch.clone()} />
        </> },
    )
}

/// The second pass's panes and the rest of the simulated service's code, from a WASM file of their own:
/// only `load_later` reaches them (`later_panes`, `ServiceCode::ALL`), so scripts/split_wasm.py moves
/// it (and what nothing else uses) out of the first load; the browser fetches it right after the first
/// paint. A failed download is an `Err` (`fallible`), not a panic, which would stop the whole app. Natively
/// (tests) a plain function.
#[cfg(target_arch = "wasm32")]
#[wasm_split_helpers::wasm_split(later, fallible)]
pub fn load_later() -> Result<(LaterFn, ServiceCode), wasm_split_helpers::SplitLoaderError> {
    Ok((later_panes, ServiceCode::ALL))
}

/// See the browser's `load_later`.
#[cfg(not(target_arch = "wasm32"))]
pub async fn load_later() -> Result<(LaterFn, ServiceCode), ()> {
    Ok((later_panes, ServiceCode::ALL))
}

/// Whether `a` must wait for the rest of the service's code (until then the engine plans CopyImage alone):
/// choosing another operation, or opening a link (whose request or history may need it). Typing waits for
/// nothing.
fn waits_for_operations(a: &Action) -> bool {
    !state::code().ops.plans_all()
        && match a {
            Action::ChooseOperation(op) => op != "CopyImage",
            Action::OpenLink(_) => true,
            _ => false,
        }
}

/// Where the second pass's code is: on its way, here, or not downloadable (the network failed).
#[derive(Clone, Copy)]
enum Later {
    Loading,
    Ready(LaterFn),
    Failed,
}

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State::from_fragment(&current_hash()));
    // Actions that need the rest of the service's code wait here until its download has ended (see
    // `waits_for_operations`); `None` once it has.
    let waiting = use_mut_ref(|| Some(Vec::<Action>::new()));
    let dispatch = {
        let d = state.dispatcher();
        let waiting = waiting.clone();
        use_memo((), move |_| {
            Callback::from(move |a: Action| {
                // Once one waits, the ones after it wait too, so they apply in the order they were made.
                if let Some(w) = waiting
                    .borrow_mut()
                    .as_mut()
                    .filter(|w| !w.is_empty() || waits_for_operations(&a))
                {
                    w.push(a);
                    return;
                }
                d.dispatch(a)
            })
        })
    };

    let dispatch: Callback<Action> = (*dispatch).clone();

    // Keep the URL fragment equal to the state, and open a link pasted into the address bar.
    let written = use_mut_ref(|| current_hash().trim_start_matches('#').to_string());
    // A Chinese page's links carry `lang=zh-CN`, so what is copied opens in Chinese.
    let fragment = i18n::with_lang(&permalink::to_fragment(&state.link()), i18n::lang());
    {
        let written = written.clone();
        use_effect_with(fragment.clone(), move |f| {
            if *written.borrow() != *f {
                *written.borrow_mut() = f.clone();
                // The first write waits until the first frame has been painted (later ones go at once, in
                // order): a fresh page's first write took 6 to 12 ms of the browser's history bookkeeping.
                let url = format!("#{f}");
                after_first_frame(move || {
                    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
                    }
                });
            }
        });
    }
    {
        let written = written.clone();
        let d = dispatch.clone();
        use_hashchange(move || {
            let h = current_hash();
            if h.trim_start_matches('#') != written.borrow().as_str() {
                *written.borrow_mut() = h.trim_start_matches('#').to_string();
                d.emit(Action::OpenLink(h));
            }
        });
    }

    // Progressive first render: the request and its response first (what a reader arriving from a link
    // looks at), the signed request, history, world and scenario panes once their code has arrived, right
    // after the first paint.
    let later = use_state(|| Later::Loading);
    // The first frame draws the first screen only: the header, the operation with its first fields and the
    // response. The rest of the request pane and the suggestion lists (about 150 of the page's 240 first
    // elements, none of them on a desktop's first screen) come in the next render, right after that frame
    // has been laid out and painted, so building and laying them out does not delay it.
    let complete = use_state(|| false);
    {
        let complete = complete.clone();
        use_effect_with((), move |_| after_first_frame(move || complete.set(true)));
    }
    {
        let later = later.clone();
        let d = state.dispatcher();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                let loaded = load_later().await;
                if let Ok((_, code)) = &loaded {
                    state::set_code(*code);
                    d.dispatch(Action::UpgradeCode);
                }
                // What waited goes now, in order (after a failed download too: an operation then answers
                // that its code is missing, and the world pane says why).
                let waited = waiting.borrow_mut().take().unwrap_or_default();
                for a in waited {
                    d.dispatch(a);
                }
                later.set(match loaded {
                    Ok((draw, _)) => Later::Ready(draw),
                    Err(_) => Later::Failed,
                })
            });
        });
    }

    // The clock plays in real time: a tick every 250 ms while playing.
    {
        let d = dispatch.clone();
        use_effect_with(state.playing, move |playing| {
            let stop = Rc::new(Cell::new(false));
            if *playing {
                let stop = stop.clone();
                yew::platform::spawn_local(async move {
                    loop {
                        yew::platform::time::sleep(Duration::from_millis(250)).await;
                        if stop.get() {
                            break;
                        }
                        d.emit(Action::Tick(250));
                    }
                });
            }
            move || stop.set(true)
        });
    }

    // "Copy link" says "Link copied" next to the button for a moment.
    let link_copied = use_state(|| false);
    let copy_link = {
        let link_copied = link_copied.clone();
        Callback::from(move |_| {
            let href = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default();
            if copy_text(&href) {
                link_copied.set(true);
                let link_copied = link_copied.clone();
                crate::components::copy_button::after_confirmation(move || link_copied.set(false));
            }
        })
    };
    let errors = Rc::new(field_errors(&state.preview));
    // The sent exchange the response pane shows until the request is edited; memoised so the pane's props
    // compare equal (by pointer) between renders.
    let sent = use_memo((state.history.clone(), state.show_sent), |(history, show)| {
        show.then(|| history.last().map(|h| (h.world_time, Shared::new(h.exchange.clone()))))
            .flatten()
    });
    let sent: Option<(u64, Shared<Exchange>)> = (*sent).clone();
    let zh = i18n::lang() == i18n::Lang::ZhCn;
    // The second pass's panes for the two columns; until their code is in, the world pane's place says why.
    let (signed_history, world_scenario) = match *later {
        Later::Ready(draw) => draw(&LaterArgs {
            state: state.clone(),
            dispatch: dispatch.clone(),
        }),
        Later::Loading => (
            Html::default(),
            html! {
                <section class="pane" id="world-pane" aria-busy="true"><h2>{ tn("World") }</h2>
                    <p class="desc">{ tn("Loading the world…") }</p></section>
            },
        ),
        Later::Failed => (
            Html::default(),
            html! {
                <section class="pane" id="world-pane"><h2>{ tn("World") }</h2>
                    <p class="field-error" role="alert">{ tn("The world, scenario, signed request and history panes could not be downloaded (the network failed). Reload the page to try again: your request is kept in its link.") }</p></section>
            },
        ),
    };
    let dismiss = {
        let d = dispatch.clone();
        Callback::from(move |_| d.emit(Action::DismissNotice))
    };
    html! {
        <div class="app">
            <a class="skip" href="#request-pane">{ tn("Skip to the request") }</a>
            <header class="top">
                <div class="title">
                    <h1>{ "CopyImage Playground" }</h1>
                    <p class="tagline">{ i18n::tfn("Alibaba Cloud ECS CopyImage ({version}): build a request, see the exact response, without an account.", &[("version", crate::form::VERSION)]) }</p>
                </div>
                <div class="link-box">
                    <button type="button" id="copy-link" onclick={copy_link}>{ tn("Copy link") }</button>
                    <span id="link-status" class="copy-status" role="status">{ if *link_copied { t("Link copied") } else { "" } }</span>
                </div>
                <crate::teach::TeachNav />
                { i18n::lang_switch(&fragment) }
            </header>
            if let Some(n) = &state.notice {
                <div id="notice" class={classes!("notice", n.error.then_some("error"))} role="alert">
                    <span>{ n.text.clone() }</span>
                    <button type="button" aria-label={t("Dismiss message")} onclick={dismiss}>{ "×" }</button>
                </div>
            }
            { match crate::teach::lessons_panel() {
                Some(Ok(draw)) => draw(crate::teach::lessons::LessonsPanelProps {
                    engine: state.engine.clone(),
                    history: state.history.clone(),
                    dispatch: dispatch.clone(),
                }),
                Some(Err(())) => html! {
                    <aside class="pane lessons" id="lessons-pane" aria-labelledby="lessons-h">
                        <h2 id="lessons-h">{ tn("Lessons") }</h2>
                        <p class="field-error" role="alert">{ tn("The lessons could not be downloaded (the network failed). Reload the page to try again: your request is kept in its link.") }</p>
                    </aside>
                },
                None => Html::default(),
            } }
            <main class="panes">
                <RequestPane form={state.form.clone()} errors={errors} engine={state.engine.clone()}
                    dispatch={dispatch.clone()} sent={state.history.len()} complete={*complete} />
                <div class="column">
                    <ResponsePane preview={state.preview.clone()} sent={sent.clone()} format={state.form.format} dispatch={dispatch.clone()} />
                    { signed_history }
                </div>
                <div class="column">
                    { world_scenario }
                </div>
            </main>
            // Exactly the world's regions: a region the table knows but this account lacks is not offered. Named in
            // the page's language (the table's Chinese names in Chinese).
            if *complete {
                <datalist id="dl-regions">
                    { for state.engine.world().regions.iter().map(|r| html! {
                        <option value={r.id.clone()} label={regions::find(&r.id).map(|t| if zh { t.name_zh } else { t.name_en }).unwrap_or_default()} />
                    }) }
                </datalist>
            }
        </div>
    }
}
