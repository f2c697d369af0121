//! The page's state as plain data, the actions that change it, and the reducer (the shape of yew's
//! `function_todomvc`). Every answer comes from the engine: the reducer only routes form edits, sends and
//! clock moves to it, and keeps what it needs to rebuild the page from a permalink.
//!
//! The world is never edited in place behind the engine's back: each change is a [`Step`], and the world
//! is `start + seed + steps`, where the start is a preset or an imported scenario ([`Start`]). That is what
//! makes a permalink restore the state exactly.

use crate::form::{Form, Format};
use crate::i18n::{tf, tr_text};
use crate::permalink::{self, Link, Step};
use copyimage_engine::engine::{CallContext, Engine, Exchange, Operations};
use copyimage_engine::transcript::{self, Addressing};
use copyimage_engine::wire::Params;
use copyimage_engine::world::World;
use std::rc::Rc;
use yew::prelude::*;

/// The seed a fresh page uses.
pub const DEFAULT_SEED: u64 = 1;
/// Speeds the clock can play at (virtual seconds per real second).
pub const SPEEDS: &[u64] = &[1, 10, 60, 600];

/// A value shared by pointer: props compare by identity, so a keystroke does not re-render the world pane.
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    /// Wraps a value.
    pub fn new(v: T) -> Shared<T> {
        Shared(Rc::new(v))
    }
}
impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}
impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// One sent request and what came back.
#[derive(Clone, Debug)]
pub struct HistoryEntry {
    /// The world clock when it was sent.
    pub world_time: u64,
    /// The exchange (parameters as read, the response on the wire, the rule).
    pub exchange: Exchange,
}

/// A message above the page (a damaged link, a bad scenario file), with its kind for styling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// `true` for an error, `false` for information.
    pub error: bool,
    /// The text, shown as text.
    pub text: String,
}

/// A scenario file the user imported: the world it describes and that world as a link carries it.
#[derive(Debug, PartialEq)]
pub struct Imported {
    /// The world, as read and validated by the engine's scenario reader.
    pub world: World,
    /// The `scenario=` value of a permalink (see [`crate::permalink`]).
    pub link_value: String,
}

/// What the world starts from before the steps.
#[derive(Clone, PartialEq)]
pub enum Start {
    /// A named preset (`copyimage_engine::scenario::PRESETS`).
    Preset(String),
    /// An imported scenario file.
    Imported(Shared<Imported>),
}

impl Start {
    /// The preset's name, or `None` for an imported scenario.
    pub fn preset(&self) -> Option<&str> {
        match self {
            Start::Preset(p) => Some(p),
            Start::Imported(_) => None,
        }
    }
}

/// The largest scenario file the page imports (bytes): larger worlds belong to the CLI.
#[cfg_attr(not(feature = "scenario-import"), allow(dead_code))]
pub const MAX_SCENARIO_BYTES: usize = 1 << 20;

/// The whole page.
#[derive(Clone)]
pub struct State {
    /// The request being built.
    pub form: Form,
    /// What the world starts from (a preset or an imported scenario).
    pub start: Start,
    /// The engine's seed.
    pub seed: u64,
    /// Everything that happened to the world since the preset.
    pub steps: Vec<Step>,
    /// The engine (world, clock, random generator).
    pub engine: Shared<Engine>,
    /// Sent requests, oldest first.
    pub history: Shared<Vec<HistoryEntry>>,
    /// What Send would return now.
    pub preview: Shared<Exchange>,
    /// Whether the world clock is playing.
    pub playing: bool,
    /// Virtual seconds per real second while playing.
    pub speed: u64,
    /// Real milliseconds accumulated toward the next whole virtual second while playing.
    pub carry_ms: u64,
    /// A message for the user, if any.
    pub notice: Option<Notice>,
    /// Whether the response pane shows the last sent exchange (from Send until the request is edited) rather
    /// than the live preview of the next Send.
    pub show_sent: bool,
}

impl PartialEq for State {
    fn eq(&self, o: &Self) -> bool {
        self.form == o.form
            && self.start == o.start
            && self.seed == o.seed
            && self.steps == o.steps
            && self.engine == o.engine
            && self.history == o.history
            && self.preview == o.preview
            && self.playing == o.playing
            && self.speed == o.speed
            && self.notice == o.notice
            && self.show_sent == o.show_sent
    }
}

/// Everything the page can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Choose the operation.
    ChooseOperation(String),
    /// Type into a field (by wire name).
    SetField(String, String),
    /// Add an empty tag row.
    AddTag,
    /// Remove tag row `i` (0-based).
    RemoveTag(usize),
    /// Type a tag key.
    SetTagKey(usize, String),
    /// Type a tag value.
    SetTagValue(usize, String),
    /// Add an empty other-parameter row.
    AddOther,
    /// Remove other-parameter row `i` (0-based).
    RemoveOther(usize),
    /// Type into other-parameter row `i`: its name (`true`) or its value (`false`).
    SetOther(usize, bool, String),
    /// Switch JSON / XML.
    SetFormat(Format),
    /// Type the AccessKeyId.
    SetAccessKeyId(String),
    /// Type the AccessKeySecret (stays in memory).
    SetSecret(String),
    /// Commit exactly the previewed response.
    Send,
    /// Send a request built elsewhere (Cancel / Delete from an image row).
    SendParams(Params),
    /// Move the world clock forward.
    Advance(u64),
    /// Run to the next event.
    NextEvent,
    /// Run until every queue is empty.
    RunToIdle,
    /// Play or pause.
    TogglePlay,
    /// Set the playing speed.
    SetSpeed(u64),
    /// Real time passed while playing (milliseconds).
    Tick(u64),
    /// Back to the preset, history cleared.
    ResetWorld,
    /// Choose a preset (resets the world).
    LoadPreset(String),
    /// A world edit: `Edit=<kind>` and its fields.
    Edit(Params),
    /// Open a permalink fragment.
    OpenLink(String),
    /// Import a scenario file's JSON as the new start of the world (history cleared), or `Err` with why the
    /// file could not be read. Only the full build's import form sends it.
    #[cfg_attr(not(feature = "scenario-import"), allow(dead_code))]
    ImportScenario(Result<String, String>),
    /// Hide the message.
    DismissNotice,
    /// All of the simulated service's code has arrived (`set_code`): the engine plans every operation
    /// from now on.
    UpgradeCode,
}

/// The simulated service's code the app runs: the operations its engines plan and how it applies a step
/// (a send, a clock move, a world edit). In the browser the first file carries [`ServiceCode::FIRST`]
/// (CopyImage, and the clock; no world edits); the rest, [`ServiceCode::ALL`], arrives with the later
/// panes' WASM file (`app::load_later`) or the embed's, the only places that name it, so scripts/
/// split_wasm.py keeps it out of the first file.
#[derive(Clone, Copy)]
pub struct ServiceCode {
    /// The operations engines plan.
    pub ops: Operations,
    /// How a step is applied.
    pub apply: transcript::ApplyStep,
}

impl ServiceCode {
    /// CopyImage, sends and clock moves.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub const FIRST: ServiceCode = ServiceCode {
        ops: Operations::COPY_IMAGE,
        apply: first_step,
    };
    /// Everything.
    pub const ALL: ServiceCode = ServiceCode {
        ops: Operations::ALL,
        apply: transcript::apply_trusted_step,
    };
}

/// [`transcript::apply_trusted_step`] without world edits (the first file's: a world edit comes from the
/// world or scenario pane, which arrive with the rest of the code), which it refuses saying why.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn first_step(engine: &mut Engine, to: &Addressing, step: &Step) -> Result<Option<Exchange>, String> {
    transcript::apply_trusted_step_but_edits(engine, to, step)
        .unwrap_or_else(|| Err("this page has not downloaded the world editor's code yet; reload the page".into()))
}

#[cfg(target_arch = "wasm32")]
const START_CODE: ServiceCode = ServiceCode::FIRST;
#[cfg(not(target_arch = "wasm32"))]
const START_CODE: ServiceCode = ServiceCode::ALL;

thread_local! {
    /// The service code in use (see [`ServiceCode`]); natively (tests) all of it.
    static CODE: std::cell::Cell<ServiceCode> = const { std::cell::Cell::new(START_CODE) };
}

/// The service code in use.
pub fn code() -> ServiceCode {
    CODE.get()
}

/// Runs `code` from now on: new engines plan its operations (the app then sends `Action::UpgradeCode` for
/// the current one).
pub fn set_code(code: ServiceCode) {
    CODE.set(code);
}

/// Whether a link needs all of the service's code at once: its request, or a request it replays, is of an
/// Action other than CopyImage, or it replays a world edit. The app then waits for that code before its
/// first render.
pub fn link_needs_all_code(link: &Link) -> bool {
    let other = |p: &Params| copyimage_engine::wire::param(p, "Action").is_some_and(|a| a != "CopyImage");
    other(&link.params)
        || link.steps.iter().any(|s| match s {
            Step::Send(p) => other(p),
            Step::Edit(_) | Step::Http { .. } => true,
            Step::Advance(_) | Step::NextEvent | Step::RunToIdle => false,
        })
}

/// Whether two requests carry the same parameters, in any order (a link's form lists its fields in the
/// reference's order, while a recorded send keeps the order it was written in).
pub fn same_request(a: &[(String, String)], b: &[(String, String)]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x)) && b.iter().all(|x| a.contains(x))
}

fn ctx_for(params: &[(String, String)]) -> CallContext {
    CallContext::new(&Addressing::by_region().host_for(params))
}

/// Builds the engine for a start point and replays `steps` with the engine's one replay
/// (`transcript::replay`, each request to its region's endpoint); returns the engine and the history.
pub fn replay(start: &Start, seed: u64, steps: &[Step]) -> Result<(Engine, Vec<HistoryEntry>), String> {
    let mut engine = match start {
        Start::Preset(preset) => copyimage_engine::scenario::preset(preset)
            .map(|w| Engine::with_operations(w, seed, code().ops))
            .ok_or_else(|| format!("there is no preset named “{preset}”"))?,
        Start::Imported(i) => Engine::with_operations(i.world.clone(), seed, code().ops),
    };
    let mut history = Vec::new();
    transcript::replay(
        &mut engine,
        &Addressing::by_region(),
        steps,
        code().apply,
        &mut |_, world_time, x, _| {
            if let Some(exchange) = x {
                history.push(HistoryEntry { world_time, exchange })
            }
        },
    )?;
    Ok((engine, history))
}

impl State {
    /// A fresh page: the default preset and the documentation's example request.
    pub fn new() -> State {
        State::from_parts(
            Form::default(),
            Start::Preset("default".into()),
            DEFAULT_SEED,
            Vec::new(),
        )
        .unwrap_or_else(|e| panic!("the default preset must load: {e}"))
    }

    fn from_parts(form: Form, start: Start, seed: u64, steps: Vec<Step>) -> Result<State, String> {
        let (engine, history) = replay(&start, seed, &steps)?;
        let preview = engine.preview(&form.params(), &ctx_for(&form.params()));
        // A link whose last send is exactly its form's request (a page copied after Send, with only clock moves
        // and world edits since) lands on what it sent; otherwise on the preview of the next Send.
        let last_send = steps.iter().rev().find_map(|s| match s {
            Step::Send(p) => Some(p),
            _ => None,
        });
        let show_sent = last_send.is_some_and(|p| same_request(p, &form.params())) && !history.is_empty();
        Ok(State {
            form,
            start,
            seed,
            steps,
            engine: Shared::new(engine),
            history: Shared::new(history),
            preview: Shared::new(preview),
            playing: false,
            speed: SPEEDS[1],
            carry_ms: 0,
            notice: None,
            show_sent,
        })
    }

    /// Opens a permalink fragment: the state it describes, or the default page with a message saying why
    /// the link could not be opened.
    pub fn from_fragment(fragment: &str) -> State {
        match permalink::from_fragment(fragment) {
            Ok(None) => State::new(),
            Ok(Some(link)) => match State::from_link(link) {
                Ok(s) => s,
                Err(e) => {
                    State::new().with_notice(true, tf("This link could not be opened: {e}.", &[("e", &tr_text(&e))]))
                }
            },
            Err(e) => State::new().with_notice(
                true,
                tf(
                    "This link could not be opened: {e}. The default page is shown instead.",
                    &[("e", &tr_text(&e))],
                ),
            ),
        }
    }

    fn from_link(link: Link) -> Result<State, String> {
        let mut form = Form::default();
        if !link.params.is_empty() {
            // A link names its own fields: start from an empty request, not the example.
            form.values.clear();
        }
        // Names the form has no field for land in its other parameters and are sent as written.
        form.apply_params(&link.params);
        let start = match &link.scenario {
            None => Start::Preset(link.preset),
            Some(value) => Start::Imported(Shared::new(read_link_scenario(value)?)),
        };
        State::from_parts(form, start, link.seed, link.steps)
    }

    /// The permalink for this state (never containing the secret).
    pub fn link(&self) -> Link {
        let (preset, scenario) = match &self.start {
            Start::Preset(p) => (p.clone(), None),
            Start::Imported(i) => (String::new(), Some(i.link_value.clone())),
        };
        Link {
            preset,
            scenario,
            seed: self.seed,
            params: self.form.params(),
            steps: self.steps.clone(),
        }
    }

    fn with_notice(mut self, error: bool, text: String) -> State {
        self.notice = Some(Notice { error, text });
        self
    }

    fn refresh_preview(&mut self) {
        let p = self.form.params();
        self.preview = Shared::new(self.engine.preview(&p, &ctx_for(&p)));
    }

    fn engine_mut(&mut self) -> &mut Engine {
        Rc::make_mut(&mut self.engine.0)
    }

    fn push_step(&mut self, step: Step) {
        // Consecutive clock moves fold into one, so playing for a minute is one step, not sixty.
        if let (Step::Advance(n), Some(Step::Advance(m))) = (&step, self.steps.last_mut()) {
            *m = m.saturating_add(*n);
            return;
        }
        self.steps.push(step);
    }

    fn send(&mut self, params: Params) {
        let world_time = self.engine.world_time();
        let step = Step::Send(params);
        if let Ok(Some(exchange)) = (code().apply)(self.engine_mut(), &Addressing::by_region(), &step) {
            Rc::make_mut(&mut self.history.0).push(HistoryEntry { world_time, exchange });
            self.show_sent = true;
        }
        self.push_step(step);
    }

    fn reset_to(&mut self, start: Start) {
        match State::from_parts(self.form.clone(), start, self.seed, Vec::new()) {
            Ok(mut s) => {
                s.speed = self.speed;
                *self = s;
            }
            Err(e) => {
                self.notice = Some(Notice {
                    error: true,
                    text: tr_text(&e),
                })
            }
        }
    }

    /// Makes an imported scenario the start of the world, or says why the file was refused and changes
    /// nothing else.
    fn import(&mut self, file: Result<String, String>) {
        match file.and_then(|json| import_scenario(&json)) {
            Ok(imported) => {
                let w = &imported.world;
                let summary = tf(
                    "Imported a scenario: {regions} regions, {images} images, {tasks} copy tasks. Reset world returns to it; Copy link carries it.",
                    &[
                        ("regions", &w.regions.len().to_string()),
                        ("images", &w.images.len().to_string()),
                        ("tasks", &w.queue.tasks.len().to_string()),
                    ],
                );
                self.reset_to(Start::Imported(Shared::new(imported)));
                if self.notice.is_none() {
                    self.notice = Some(Notice {
                        error: false,
                        text: summary,
                    });
                }
            }
            Err(e) => {
                self.notice = Some(Notice {
                    error: true,
                    text: tf(
                        "This scenario could not be imported: {e}. The world is unchanged.",
                        &[("e", &tr_text(&e))],
                    ),
                })
            }
        }
    }

    /// Applies one action (the reducer's body, testable without Yew).
    pub fn apply(&mut self, action: Action) {
        // Editing the request turns the response pane back to the preview of the next Send.
        if matches!(
            action,
            Action::ChooseOperation(_)
                | Action::SetField(..)
                | Action::AddTag
                | Action::RemoveTag(_)
                | Action::SetTagKey(..)
                | Action::SetTagValue(..)
                | Action::AddOther
                | Action::RemoveOther(_)
                | Action::SetOther(..)
                | Action::SetFormat(_)
                | Action::SetAccessKeyId(_)
        ) {
            self.show_sent = false;
        }
        match action {
            Action::ChooseOperation(a) => self.form.choose_operation(&a),
            Action::SetField(k, v) => {
                self.form.values.insert(k, v);
            }
            Action::AddTag => {
                if self.form.tags.len() < crate::form::MAX_TAGS {
                    self.form.tags.push((String::new(), String::new()))
                }
            }
            Action::RemoveTag(i) => {
                if i < self.form.tags.len() {
                    self.form.tags.remove(i);
                }
            }
            Action::SetTagKey(i, v) => {
                if let Some(t) = self.form.tags.get_mut(i) {
                    t.0 = v
                }
            }
            Action::SetTagValue(i, v) => {
                if let Some(t) = self.form.tags.get_mut(i) {
                    t.1 = v
                }
            }
            Action::AddOther => self.form.others.push((String::new(), String::new())),
            Action::RemoveOther(i) => {
                if i < self.form.others.len() {
                    self.form.others.remove(i);
                }
            }
            Action::SetOther(i, name, v) => {
                if let Some(t) = self.form.others.get_mut(i) {
                    *(if name { &mut t.0 } else { &mut t.1 }) = v
                }
            }
            Action::SetFormat(f) => self.form.format = f,
            Action::SetAccessKeyId(v) => self.form.access_key_id = v,
            Action::SetSecret(v) => self.form.access_key_secret = v,
            Action::Send => self.send(self.form.params()),
            Action::SendParams(p) => self.send(p),
            Action::Advance(n) => {
                if n > 0 {
                    self.engine_mut().advance(n);
                    self.push_step(Step::Advance(n));
                }
            }
            Action::NextEvent => {
                if self.engine_mut().run_to_next_event() {
                    self.push_step(Step::NextEvent);
                }
            }
            Action::RunToIdle => {
                self.engine_mut().run_to_idle();
                self.push_step(Step::RunToIdle);
                self.playing = false;
            }
            Action::TogglePlay => self.playing = !self.playing,
            Action::SetSpeed(s) => self.speed = s.clamp(1, 3600),
            Action::Tick(ms) => {
                if self.playing {
                    let total = self.carry_ms + ms.min(5_000) * self.speed;
                    let secs = total / 1000;
                    self.carry_ms = total % 1000;
                    if secs > 0 {
                        self.engine_mut().advance(secs);
                        self.push_step(Step::Advance(secs));
                    }
                }
            }
            Action::ResetWorld => self.reset_to(self.start.clone()),
            Action::LoadPreset(p) => self.reset_to(Start::Preset(p)),
            Action::ImportScenario(file) => self.import(file),
            Action::Edit(p) => {
                let mut engine = (*self.engine.0).clone();
                let step = Step::Edit(p);
                match (code().apply)(&mut engine, &Addressing::by_region(), &step) {
                    Ok(_) => {
                        self.engine = Shared::new(engine);
                        self.steps.push(step);
                    }
                    Err(e) => {
                        self.notice = Some(Notice {
                            error: true,
                            text: tr_text(&e),
                        })
                    }
                }
            }
            Action::OpenLink(f) => {
                let mut s = State::from_fragment(&f);
                // The secret the user typed stays: a link never carries one.
                s.form.access_key_secret = self.form.access_key_secret.clone();
                *self = s;
            }
            Action::DismissNotice => self.notice = None,
            Action::UpgradeCode => self.engine_mut().set_operations(code().ops),
        }
        self.refresh_preview();
    }
}

/// Reads a scenario file's JSON (the engine's reader: the same checks as `copyimage run --scenario`).
/// The JSON reader adds about 30 KB gzip to the WASM, so only the full build (cargo feature
/// `scenario-import`, `dist/full/`) links it; the lean build's import control opens the full build.
#[cfg(any(feature = "scenario-import", test))]
pub fn import_scenario(json: &str) -> Result<Imported, String> {
    check_scenario_size(json.len() as f64)?;
    if json.trim().is_empty() {
        return Err("the file is empty".into());
    }
    let world = copyimage_engine::scenario::from_json(json)?;
    let compact = serde_json::to_string(&world).map_err(|e| format!("the world could not be written back: {e}"))?;
    Ok(Imported {
        link_value: permalink::encode_scenario(&compact),
        world,
    })
}

/// Refuses a scenario of `bytes` bytes over [`MAX_SCENARIO_BYTES`] (checked on a picked file's size before
/// reading it, and on the text).
#[cfg_attr(not(feature = "scenario-import"), allow(dead_code))]
pub fn check_scenario_size(bytes: f64) -> Result<(), String> {
    if bytes > MAX_SCENARIO_BYTES as f64 {
        return Err(format!(
            "the file is {bytes} bytes; the page imports scenarios up to {MAX_SCENARIO_BYTES} bytes (the CLI reads larger ones)"
        ));
    }
    Ok(())
}

#[cfg(not(any(feature = "scenario-import", test)))]
fn import_scenario(_json: &str) -> Result<Imported, String> {
    Err("this build has no scenario reader; import opens the full build (full/)".into())
}

/// Reads the `scenario=` value of a link back into the scenario it carries.
fn read_link_scenario(value: &str) -> Result<Imported, String> {
    #[cfg(any(feature = "scenario-import", test))]
    {
        let json = permalink::decode_scenario(value)?;
        import_scenario(&json).map_err(|e| format!("its scenario could not be read: {e}"))
    }
    #[cfg(not(any(feature = "scenario-import", test)))]
    {
        let _ = value;
        Err("it carries an imported scenario, which only the full build (full/) reads".into())
    }
}

impl Default for State {
    fn default() -> State {
        State::new()
    }
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = Rc::unwrap_or_clone(self);
        s.apply(action);
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copyimage_engine::edits;

    fn body(s: &State) -> String {
        s.preview.response.body.clone()
    }

    #[test]
    fn the_first_files_code_answers_copy_image_and_waits_for_the_rest() {
        // As in the browser before the later file has arrived (a test's thread has its own `CODE`).
        set_code(ServiceCode::FIRST);
        let mut s = State::new();
        assert_eq!(s.preview.response.status, 200, "{}", body(&s));
        s.apply(Action::Send);
        assert_eq!(s.history.len(), 1);
        assert_eq!(s.history[0].exchange.rule.id, "copyimage.queued");
        s.apply(Action::RunToIdle);
        s.apply(Action::ChooseOperation("DescribeImages".into()));
        assert_eq!(s.preview.response.status, 503, "{}", body(&s));
        assert_eq!(s.preview.rule.id, "playground.operation_loading");
        // A world edit says why it cannot be made yet, and changes nothing.
        let world = s.engine.world().clone();
        s.apply(Action::Edit(edits::set_edit("/settings/queue_limit", "5")));
        assert_eq!(
            s.notice.as_ref().map(|n| n.text.as_str()),
            Some("this page has not downloaded the world editor's code yet; reload the page")
        );
        assert_eq!(s.engine.world(), &world);
        // The rest arrives: the same state now answers DescribeImages.
        set_code(ServiceCode::ALL);
        s.apply(Action::UpgradeCode);
        assert_eq!(s.preview.response.status, 200, "{}", body(&s));
        assert!(body(&s).contains("\"Images\""), "{}", body(&s));
    }

    #[test]
    fn a_link_needs_all_the_code_for_another_operation_or_a_world_edit() {
        let needs = |frag: &str| link_needs_all_code(&permalink::from_fragment(frag).unwrap().unwrap());
        let mut s = State::new();
        assert!(!needs(&permalink::to_fragment(&s.link())));
        s.apply(Action::Send);
        s.apply(Action::Advance(30));
        assert!(
            !needs(&permalink::to_fragment(&s.link())),
            "CopyImage sends and clock moves"
        );
        let mut t = s.clone();
        t.apply(Action::ChooseOperation("DescribeImages".into()));
        assert!(
            needs(&permalink::to_fragment(&t.link())),
            "the request is another operation"
        );
        t.apply(Action::Send);
        t.apply(Action::ChooseOperation("CopyImage".into()));
        assert!(
            needs(&permalink::to_fragment(&t.link())),
            "a sent request was another operation"
        );
        let mut u = s.clone();
        u.apply(Action::Edit(edits::set_edit("/settings/queue_limit", "5")));
        assert!(matches!(u.steps.last(), Some(Step::Edit(_))));
        assert!(needs(&permalink::to_fragment(&u.link())), "a world edit");
    }

    #[test]
    fn the_first_preview_is_the_doc_example_copy() {
        let s = State::new();
        assert_eq!(s.preview.response.status, 200, "{}", body(&s));
        assert!(body(&s).contains("\"ImageId\""), "{}", body(&s));
    }

    #[test]
    fn the_response_pane_shows_what_was_sent_until_the_request_is_edited() {
        let mut s = State::new();
        assert!(!s.show_sent, "a fresh page shows the preview");
        s.apply(Action::Send);
        assert!(s.show_sent, "after Send the pane shows the sent exchange");
        s.apply(Action::Advance(10));
        assert!(s.show_sent, "moving the world clock does not edit the request");
        s.apply(Action::SetField("DestinationImageName".into(), "copy-2".into()));
        assert!(!s.show_sent, "editing the request turns back to the preview");
        // A link whose last step is a send lands on what it sent.
        let t = State::from_fragment(&permalink::to_fragment(&s.link()));
        assert!(!t.show_sent, "the form was edited after the last send");
        s.apply(Action::Send);
        let u = State::from_fragment(&permalink::to_fragment(&s.link()));
        assert!(u.show_sent);
        assert_eq!(u.history.last().unwrap().exchange, s.history.last().unwrap().exchange);
    }

    #[test]
    fn send_commits_exactly_the_preview_and_queues_a_copy() {
        let mut s = State::new();
        let before = s.preview.response.clone();
        let tasks = s.engine.world().queue.tasks.len();
        s.apply(Action::Send);
        assert_eq!(s.history.len(), 1);
        assert_eq!(s.history[0].exchange.response, before);
        assert_eq!(s.engine.world().queue.tasks.len(), tasks + 1);
        // The next preview is a new request: a new RequestId.
        assert_ne!(s.preview.response.body, before.body);
    }

    #[test]
    fn typing_changes_the_preview_to_the_documented_error() {
        let mut s = State::new();
        s.apply(Action::SetField("DestinationRegionId".into(), "cn-hangzhou".into()));
        assert_eq!(s.preview.response.status, 403);
        assert!(body(&s).contains("IncorrectDestinationRegion"), "{}", body(&s));
        s.apply(Action::SetField("DestinationRegionId".into(), "cn-shanghai".into()));
        assert_eq!(s.preview.response.status, 200);
    }

    #[test]
    fn a_link_restores_world_history_and_form_exactly() {
        let mut s = State::new();
        s.apply(Action::SetFormat(Format::Xml));
        s.apply(Action::AddTag);
        s.apply(Action::SetTagKey(0, "env".into()));
        s.apply(Action::Send);
        s.apply(Action::Advance(30));
        s.apply(Action::Advance(30));
        s.apply(Action::Edit(edits::set_edit("/settings/queue_limit", "5")));
        s.apply(Action::SetSecret("my-secret".into()));
        let frag = permalink::to_fragment(&s.link());
        assert!(!frag.contains("my-secret"));
        let t = State::from_fragment(&frag);
        assert_eq!(t.notice, None);
        assert_eq!(t.form.tags, s.form.tags);
        assert_eq!(t.form.format, Format::Xml);
        assert_eq!(t.engine.world(), s.engine.world());
        assert_eq!(t.history[0].exchange, s.history[0].exchange);
        assert_eq!(t.preview.response, s.preview.response);
        assert_eq!(t.steps.iter().filter(|x| matches!(x, Step::Advance(60))).count(), 1);
    }

    #[test]
    fn damaged_links_open_the_default_page_with_a_message() {
        for f in [
            "#v=9&preset=default",
            "#v=1&preset=nope",
            "#v=1&AccessKeySecret=abc",
            "#v=1&steps=q",
        ] {
            let s = State::from_fragment(f);
            let n = s.notice.clone().expect(f);
            assert!(
                n.error && n.text.starts_with("This link could not be opened"),
                "{f}: {}",
                n.text
            );
            assert_eq!(s.form, Form::default(), "{f}");
        }
    }

    #[test]
    fn a_link_opens_as_written_and_is_written_back() {
        // The catalog's NumberExceed.Tags shape: 21 tags; the 21st has no row, so it is an other parameter.
        let mut frag = String::from("#v=1&preset=default&lang=zh&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-shanghai");
        for n in 1..=21 {
            frag.push_str(&format!("&Tag.{n}.Key=k{n}&Tag.{n}.Value=v{n}"));
        }
        frag.push_str("&Bogus=1");
        let mut s = State::from_fragment(&frag);
        assert_eq!(s.notice, None);
        assert_eq!(s.form.tags.len(), 20);
        let kv = |k: &str, v: &str| (k.to_string(), v.to_string());
        assert_eq!(
            s.form.others,
            vec![kv("Tag.21.Key", "k21"), kv("Tag.21.Value", "v21"), kv("Bogus", "1")]
        );
        // `lang` is the link's own key: not a parameter.
        assert!(!s.form.params().iter().any(|(k, _)| k == "lang"));
        s.apply(Action::Send);
        let sent = &s.history.last().unwrap().exchange;
        assert_eq!(sent.response.status, 400, "{}", sent.response.body);
        assert!(
            sent.response.body.contains("\"Code\":\"NumberExceed.Tags\""),
            "{}",
            sent.response.body
        );
        assert!(sent.params.contains(&kv("Tag.21.Key", "k21")));
        // Written back, the link opens to the same form, on the sent answer.
        let t = State::from_fragment(&permalink::to_fragment(&s.link()));
        assert_eq!(t.form, s.form);
        assert!(t.show_sent);
        assert_eq!(t.history.last().unwrap().exchange, *sent);
        // Edited rows are sent; removing the last one drops it.
        s.apply(Action::AddOther);
        assert!(!s.show_sent);
        s.apply(Action::SetOther(3, true, "Extra".into()));
        s.apply(Action::SetOther(3, false, "x".into()));
        assert_eq!(s.form.params().last(), Some(&kv("Extra", "x")));
        s.apply(Action::RemoveOther(3));
        s.apply(Action::RemoveOther(99));
        assert_eq!(s.form.params().last(), Some(&kv("Bogus", "1")));
    }

    #[test]
    fn a_link_with_a_secret_names_it() {
        let n = State::from_fragment("#v=1&RegionId=cn-hangzhou&AccessKeySecret=abc")
            .notice
            .unwrap();
        assert_eq!(
            n.text,
            "This link could not be opened: it contains an AccessKeySecret; secrets are never put in links. The \
             default page is shown instead."
        );
    }

    fn minimal_json() -> String {
        copyimage_engine::scenario::to_json(&copyimage_engine::scenario::preset("minimal").unwrap())
    }

    #[test]
    fn an_imported_scenario_becomes_the_start_and_a_link_carries_it() {
        let mut s = State::new();
        s.apply(Action::Send);
        s.apply(Action::ImportScenario(Ok(minimal_json())));
        let n = s.notice.take().expect("a notice");
        assert!(
            !n.error && n.text.starts_with("Imported a scenario: 2 regions, 1 images"),
            "{}",
            n.text
        );
        assert_eq!(s.start.preset(), None);
        assert_eq!(s.history.len(), 0);
        assert!(s.steps.is_empty());
        assert_eq!(
            s.engine.world(),
            Engine::from_preset("minimal", DEFAULT_SEED).unwrap().world()
        );
        // Work in the imported world, then reopen the page from its link.
        s.apply(Action::SetField("RegionId".into(), "cn-hangzhou".into()));
        s.apply(Action::Send);
        s.apply(Action::Advance(45));
        let frag = permalink::to_fragment(&s.link());
        assert!(frag.starts_with("v=1&scenario=") && !frag.contains("preset="), "{frag}");
        assert!(
            frag.len() < 2_000,
            "a minimal world's link is short: {} bytes",
            frag.len()
        );
        let t = State::from_fragment(&frag);
        assert_eq!(t.notice, None);
        assert_eq!(t.engine.world(), s.engine.world());
        assert_eq!(t.history[0].exchange, s.history[0].exchange);
        // Reset world returns to the imported world; a preset replaces it.
        s.apply(Action::ResetWorld);
        assert_eq!(s.start.preset(), None);
        assert_eq!(
            s.engine.world(),
            Engine::from_preset("minimal", DEFAULT_SEED).unwrap().world()
        );
        s.apply(Action::LoadPreset("default".into()));
        assert_eq!(s.start.preset(), Some("default"));
        assert!(permalink::to_fragment(&s.link()).starts_with("v=1&preset=default"));
    }

    #[test]
    fn a_bad_scenario_file_is_refused_and_nothing_is_lost() {
        let mut s = State::new();
        s.apply(Action::Send);
        s.apply(Action::Advance(10));
        let (world, steps, history) = (s.engine.world().clone(), s.steps.clone(), s.history.len());
        let bad_region = minimal_json().replacen("cn-shanghai", "mars-north-1", 1);
        for (file, says) in [
            ("", "the file is empty"),
            ("{not json", "scenario JSON:"),
            ("[1,2,3]", "scenario JSON:"),
            (r#"{"regions": [], "surprise": 1}"#, "unknown field `surprise`"),
            (bad_region.as_str(), "mars-north-1"),
        ] {
            s.apply(Action::ImportScenario(Ok(file.to_string())));
            let n = s.notice.take().expect(file);
            assert!(n.error, "{file}: {}", n.text);
            assert!(
                n.text.starts_with("This scenario could not be imported: "),
                "{}",
                n.text
            );
            assert!(n.text.contains(says), "{file}: {}", n.text);
            assert!(n.text.ends_with("The world is unchanged."), "{}", n.text);
            assert_eq!(s.engine.world(), &world);
            assert_eq!(s.steps, steps);
            assert_eq!(s.history.len(), history);
        }
        s.apply(Action::ImportScenario(Ok(" ".repeat(MAX_SCENARIO_BYTES + 1))));
        let n = s.notice.take().unwrap();
        assert!(n.text.contains("imports scenarios up to 1048576 bytes"), "{}", n.text);
        assert_eq!(
            check_scenario_size(2e6).unwrap_err(),
            "the file is 2000000 bytes; the page imports scenarios up to 1048576 bytes (the CLI reads larger ones)"
        );
        assert_eq!(check_scenario_size(MAX_SCENARIO_BYTES as f64), Ok(()));
        // A file the browser could not read says why, and changes nothing either.
        s.apply(Action::ImportScenario(
            Err("the browser could not read the file".into()),
        ));
        let n = s.notice.take().unwrap();
        assert!(n.error && n.text.contains("could not read the file"), "{}", n.text);
        assert_eq!(s.engine.world(), &world);
    }

    #[test]
    fn a_link_with_a_damaged_scenario_opens_the_default_page() {
        let s = State::from_fragment("#v=1&scenario=AAAA&RegionId=cn-hangzhou");
        let n = s.notice.expect("notice");
        assert!(n.error && n.text.contains("compressed data"), "{}", n.text);
        assert_eq!(s.start.preset(), Some("default"));
        let garbage = permalink::encode_scenario("{\"regions\": 5}");
        let n = State::from_fragment(&format!("#v=1&scenario={garbage}"))
            .notice
            .expect("notice");
        assert!(
            n.text.contains("its scenario could not be read: scenario JSON:"),
            "{}",
            n.text
        );
    }

    #[test]
    fn bad_edits_are_refused_with_a_message() {
        let mut s = State::new();
        let world = s.engine.world().clone();
        s.apply(Action::Edit(edits::set_edit("/no/such", "1")));
        assert!(s
            .notice
            .take()
            .unwrap()
            .text
            .contains("not a property the editor can set"));
        s.apply(Action::Edit(edits::set_edit("/settings/queue_limit", "\"many\"")));
        assert!(s.notice.take().unwrap().error);
        assert_eq!(s.engine.world(), &world);
    }

    #[test]
    fn cancel_and_delete_from_a_row() {
        let mut s = State::new();
        s.apply(Action::Send);
        let id = s
            .engine
            .world()
            .queue
            .tasks
            .last()
            .unwrap()
            .destination_image_id
            .clone();
        let region = s.engine.world().queue.tasks.last().unwrap().destination_region.clone();
        let form = s.form.clone();
        s.apply(Action::SendParams(crate::components::world_pane::row_request(
            &form,
            "DeleteImage",
            &region,
            &id,
        )));
        assert_eq!(s.history.last().unwrap().exchange.response.status, 403);
        s.apply(Action::SendParams(crate::components::world_pane::row_request(
            &form,
            "CancelCopyImage",
            &region,
            &id,
        )));
        assert_eq!(
            s.history.last().unwrap().exchange.response.status,
            200,
            "{}",
            s.history.last().unwrap().exchange.response.body
        );
    }
}
