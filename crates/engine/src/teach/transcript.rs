//! The one transcript format of the product (the UI's export, the CLI's `run` / `--check`, golden tests,
//! the catalog's reproductions) and the one replay of steps (the playground rebuilds a permalink's world
//! with [`replay`]): a scenario (preset name or inline world), a seed, a host, and steps — requests
//! (trusted parameters or a full HTTP request with its wire time), clock moves and world edits. Running it
//! gives one recorded outcome per step.
//!
//! ```json
//! { "version": 1, "scenario": {"preset": "default"}, "seed": 1, "host": "ecs.cn-hangzhou.aliyuncs.com",
//!   "steps": [ {"edit": "set", "path": "/settings/queue_limit", "value": "5"},
//!              {"request": {"Action": "CopyImage", "Version": "2014-05-26", "RegionId": "cn-hangzhou",
//!                           "ImageId": "m-bp1h46wfpjsjastc****", "DestinationRegionId": "cn-shanghai"}},
//!              {"advance": 600}, {"run_to_next_event": true}, {"run_to_idle": true},
//!              {"http": {"method": "GET", "host": "...", "path": "/", "query": "...", "headers": [], "body": ""},
//!               "wire_time": "2024-05-20T08:00:00Z"} ],
//!   "responses": [ ... recorded outcomes, optional ... ] }
//! ```
//! Request parameters are an object (values may be strings, numbers or booleans) or a list of
//! `[name, value]` pairs when order or repeats matter. An edit step is the edit's wire form
//! (`model::edits`) with `edit` for `Edit`. `"host_by_region": true` (what the playground exports) sends
//! each trusted request to its `RegionId`'s endpoint, `host` being the fallback. Transcripts written before
//! edit steps existed carry an edited world inline as their scenario; they read and run as before. Parsing
//! never panics; every problem is a message naming the step.
//!
//! Layer: teach (may use `base`, `signing`, `model`, `service`).

use crate::base::clock::UtcTime;
use crate::base::wire::{param, HttpRequest, Params};
use crate::model::edits::{self, Edit};
use crate::model::regions;
use crate::model::world::World;
use crate::service::engine::{CallContext, Engine, Exchange};
use crate::teach::presets;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{json, Value};

/// The current transcript format version.
pub const VERSION: u32 = 1;

/// Which world a transcript starts from.
#[derive(Clone, Debug, PartialEq)]
pub enum ScenarioRef {
    /// A preset by name (`presets::PRESETS`).
    Preset(String),
    /// A whole world, inline.
    Inline(Box<World>),
}

/// One thing that happens to the world, in order: the transcript's steps, a permalink's steps (encoded
/// compactly by the playground), a catalog entry's setup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A trusted request (`Engine::call`): its wire parameters (never a secret).
    Send(Params),
    /// A full HTTP request (`Engine::handle_http`) at a wire time.
    Http {
        /// The request as sent.
        request: HttpRequest,
        /// The wire clock when it arrives.
        wire_time: UtcTime,
    },
    /// Move the world clock forward this many virtual seconds.
    Advance(u64),
    /// Run the world clock to the next copy event.
    NextEvent,
    /// Run the world clock until every queue is idle.
    RunToIdle,
    /// A world edit in its wire form (`Edit=<kind>` plus fields, see [`Edit`]). Kept as parameters, not
    /// typed, so a link keeps exactly what it says; it is read when applied, and a transcript reader
    /// refuses one it does not know.
    Edit(Params),
}

impl From<Edit> for Step {
    fn from(e: Edit) -> Step {
        Step::Edit(e.to_params())
    }
}

/// What one step produced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Recorded {
    /// A request's response.
    Response {
        /// Step index (0-based).
        step: usize,
        /// HTTP status.
        status: u16,
        /// Response headers.
        headers: Vec<(String, String)>,
        /// Response body.
        body: String,
        /// The ID of the rule that decided it.
        rule: String,
        /// The RequestId.
        request_id: String,
    },
    /// The world clock after a clock step.
    Clock {
        /// Step index (0-based).
        step: usize,
        /// World time after the step.
        world_time: u64,
    },
    /// A world edit was applied.
    Edit {
        /// Step index (0-based).
        step: usize,
    },
}

/// A transcript.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transcript {
    /// Format version (1).
    pub version: u32,
    /// The starting world.
    pub scenario: ScenarioRef,
    /// The engine's seed.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// The host trusted requests are addressed to (the errors' HostId).
    #[serde(default = "default_host")]
    pub host: String,
    /// Whether each trusted request goes to its `RegionId`'s endpoint (`host` for an unknown region), as
    /// the playground sends them.
    #[serde(default, skip_serializing_if = "is_false")]
    pub host_by_region: bool,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// The recorded outcomes (for `--check` and golden tests); empty when not recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Recorded>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn default_seed() -> u64 {
    1
}

/// The default host: the historical central endpoint of every old doc example.
pub fn default_host() -> String {
    crate::model::regions::CENTRAL_ENDPOINT.to_string()
}

/// Where trusted requests are addressed (the HostId of their errors).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Addressing {
    /// The host, or the fallback when `by_region` is set.
    pub host: String,
    /// Each request to its `RegionId`'s endpoint.
    pub by_region: bool,
}

impl Addressing {
    /// The playground's addressing: the region's endpoint for a known region, else the historical central
    /// endpoint (what the reference's sample request uses).
    pub fn by_region() -> Addressing {
        Addressing {
            host: default_host(),
            by_region: true,
        }
    }

    /// The host a request with these parameters goes to.
    pub fn host_for(&self, params: &[(String, String)]) -> String {
        if self.by_region {
            if let Some(r) = param(params, "RegionId").and_then(|r| regions::REGIONS.iter().find(|x| x.id == r)) {
                return r.endpoint();
            }
        }
        self.host.clone()
    }
}

impl Transcript {
    /// How this transcript addresses its trusted requests.
    pub fn addressing(&self) -> Addressing {
        Addressing {
            host: self.host.clone(),
            by_region: self.host_by_region,
        }
    }
}

impl Serialize for ScenarioRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ScenarioRef::Preset(n) => json!({ "preset": n }).serialize(s),
            ScenarioRef::Inline(w) => w.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for ScenarioRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        match v.as_object() {
            Some(o) if o.len() == 1 && o.contains_key("preset") => match o.get("preset").and_then(Value::as_str) {
                Some(n) => Ok(ScenarioRef::Preset(n.to_string())),
                None => Err(D::Error::custom("scenario.preset must be a string")),
            },
            Some(_) => serde_json::from_value::<World>(v)
                .map(|w| ScenarioRef::Inline(Box::new(w)))
                .map_err(|e| D::Error::custom(format!("inline scenario: {e}"))),
            None => Err(D::Error::custom(
                "scenario must be {\"preset\": name} or an inline world object",
            )),
        }
    }
}

fn params_from_value(v: &Value) -> Result<Params, String> {
    let scalar = |x: &Value| -> Result<String, String> {
        match x {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            other => Err(format!(
                "parameter values must be strings, numbers or booleans, not {other}"
            )),
        }
    };
    match v {
        Value::Object(o) => o.iter().map(|(k, x)| Ok((k.clone(), scalar(x)?))).collect(),
        Value::Array(a) => a
            .iter()
            .map(|pair| match pair.as_array().map(|p| p.as_slice()) {
                Some([k, x]) => Ok((
                    k.as_str().ok_or("a parameter name must be a string")?.to_string(),
                    scalar(x)?,
                )),
                _ => Err("a parameter list holds [name, value] pairs".to_string()),
            })
            .collect(),
        _ => Err("request must be an object of parameters or a list of [name, value] pairs".into()),
    }
}

impl Step {
    fn from_value(v: &Value) -> Result<Step, String> {
        let o = v.as_object().ok_or("a step must be an object")?;
        if let Some(r) = o.get("request") {
            return params_from_value(r).map(Step::Send);
        }
        if let Some(kind) = o.get("edit") {
            let mut p = vec![(
                "Edit".to_string(),
                kind.as_str().ok_or("edit must be a string")?.to_string(),
            )];
            let rest = Value::Object(
                o.iter()
                    .filter(|(k, _)| *k != "edit")
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            );
            p.extend(params_from_value(&rest).map_err(|e| format!("edit: {e}"))?);
            // Read into the typed edit and written back: one spelling, and an unknown edit is refused here.
            return Edit::from_params(&p)
                .map(|e| Step::Edit(e.to_params()))
                .map_err(|e| format!("edit: {e}"));
        }
        if let Some(h) = o.get("http") {
            let request: HttpRequest = serde_json::from_value(h.clone()).map_err(|e| format!("http: {e}"))?;
            let t = o
                .get("wire_time")
                .and_then(Value::as_str)
                .ok_or("an http step needs \"wire_time\": \"yyyy-MM-ddTHH:mm:ssZ\"")?;
            let wire_time =
                UtcTime::parse_iso8601(t).ok_or_else(|| format!("wire_time `{t}` is not yyyy-MM-ddTHH:mm:ssZ"))?;
            return Ok(Step::Http { request, wire_time });
        }
        if let Some(a) = o.get("advance") {
            return a
                .as_u64()
                .map(Step::Advance)
                .ok_or_else(|| "advance must be a whole number of seconds".into());
        }
        if o.get("run_to_idle").is_some_and(|v| v == &Value::Bool(true)) {
            return Ok(Step::RunToIdle);
        }
        if o.get("run_to_next_event").is_some_and(|v| v == &Value::Bool(true)) {
            return Ok(Step::NextEvent);
        }
        Err(
            "a step is {\"request\": ...}, {\"http\": ..., \"wire_time\": ...}, {\"advance\": secs}, \
             {\"run_to_next_event\": true}, {\"run_to_idle\": true} or {\"edit\": kind, ...}"
                .into(),
        )
    }

    fn to_value(&self) -> Value {
        match self {
            Step::Send(p) => {
                // An object when names are unique and sorted (readable, and JSON objects are read back
                // sorted), pairs otherwise (exact order and repeats).
                if p.windows(2).all(|w| w[0].0 < w[1].0) {
                    // Inserted one by one, not collected: `collect` into the map sorts with std's stable
                    // sort, whose code would then be in the WASM only for this (the names are sorted already).
                    let mut m = serde_json::Map::new();
                    for (k, v) in p {
                        m.insert(k.clone(), Value::String(v.clone()));
                    }
                    json!({ "request": m })
                } else {
                    json!({ "request": p })
                }
            }
            Step::Http { request, wire_time } => json!({ "http": request, "wire_time": wire_time.to_iso8601() }),
            Step::Advance(s) => json!({ "advance": s }),
            Step::NextEvent => json!({ "run_to_next_event": true }),
            Step::RunToIdle => json!({ "run_to_idle": true }),
            Step::Edit(p) => {
                let mut m = serde_json::Map::new();
                for (k, v) in p {
                    let k = if k == "Edit" { "edit".to_string() } else { k.clone() };
                    m.insert(k, Value::String(v.clone()));
                }
                Value::Object(m)
            }
        }
    }
}

impl Serialize for Step {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Step {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Step::from_value(&v).map_err(D::Error::custom)
    }
}

/// Reads a transcript from JSON; a clear error for anything malformed.
pub fn from_json(json: &str) -> Result<Transcript, String> {
    let t: Transcript = serde_json::from_str(json).map_err(|e| format!("transcript JSON: {e}"))?;
    if t.version != VERSION {
        return Err(format!(
            "transcript version {} is not supported (expected {VERSION})",
            t.version
        ));
    }
    Ok(t)
}

/// Writes a transcript as pretty JSON.
pub fn to_json(t: &Transcript) -> String {
    serde_json::to_string_pretty(t).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// The engine a transcript starts with.
pub fn engine_for(t: &Transcript) -> Result<Engine, String> {
    match &t.scenario {
        ScenarioRef::Preset(n) => Engine::from_preset(n, t.seed)
            .ok_or_else(|| format!("unknown preset `{n}` (known: {})", presets::preset_names().join(", "))),
        ScenarioRef::Inline(w) => {
            let mut w = (**w).clone();
            w.validate().map_err(|e| format!("inline scenario: {e}"))?;
            Ok(Engine::new(w, t.seed))
        }
    }
}

/// Runs one step on an engine: the exchange for a request, `None` for a clock move or an edit. A refused
/// edit is the `Err` (saying why) and changes nothing.
pub fn apply_step(engine: &mut Engine, to: &Addressing, step: &Step) -> Result<Option<Exchange>, String> {
    match step {
        Step::Http { request, wire_time } => Ok(Some(engine.handle_http(request, *wire_time))),
        other => apply_trusted_step(engine, to, other),
    }
}

/// [`apply_step`] for every step but a signed HTTP request, which it refuses. For a face that only sends
/// trusted requests (the playground): the gateway's verification code (HMAC, both signature versions,
/// nonce memory, about 10 KB gzip of WASM) is then not linked into it.
pub fn apply_trusted_step(engine: &mut Engine, to: &Addressing, step: &Step) -> Result<Option<Exchange>, String> {
    match step {
        Step::Edit(p) => {
            edits::apply(engine.world_mut(), p)?;
            Ok(None)
        }
        _ => apply_trusted_step_but_edits(engine, to, step).unwrap_or(Ok(None)),
    }
}

/// [`apply_trusted_step`] for every step but a world edit, which it leaves (`None`) to the caller: for a
/// face that ships the world editor's code apart from its first download (the web app's split WASM).
pub fn apply_trusted_step_but_edits(
    engine: &mut Engine,
    to: &Addressing,
    step: &Step,
) -> Option<Result<Option<Exchange>, String>> {
    Some(Ok(Some(match step {
        Step::Send(p) => engine.call(p, &CallContext::new(&to.host_for(p))),
        Step::Http { .. } => {
            return Some(Err(
                "a signed HTTP request is replayed by `copyimage run`, not here".into()
            ))
        }
        Step::Advance(s) => {
            engine.advance(*s);
            return Some(Ok(None));
        }
        Step::NextEvent => {
            engine.run_to_next_event();
            return Some(Ok(None));
        }
        Step::RunToIdle => {
            engine.run_to_idle();
            return Some(Ok(None));
        }
        Step::Edit(_) => return None,
    })))
}

/// How one step is applied: [`apply_step`] or [`apply_trusted_step`].
pub type ApplyStep = fn(&mut Engine, &Addressing, &Step) -> Result<Option<Exchange>, String>;

/// What [`replay`] calls after each step: (step index, world time before it, the exchange of a request,
/// the engine after it).
pub type OnStep<'a> = dyn FnMut(usize, u64, Option<Exchange>, &Engine) + 'a;

/// Replays `steps` on an engine with `apply`, calling `each(step index, world time before it, the exchange
/// of a request, the engine after it)` for every step. Stops at the first refused step, with why. (One
/// instance for every caller: `each` is a trait object, so the playground's first load carries this loop
/// once.)
pub fn replay(
    engine: &mut Engine,
    to: &Addressing,
    steps: &[Step],
    apply: ApplyStep,
    each: &mut OnStep,
) -> Result<(), String> {
    for (i, s) in steps.iter().enumerate() {
        let world_time = engine.world_time();
        let x = apply(engine, to, s)?;
        each(i, world_time, x, engine);
    }
    Ok(())
}

/// Runs one step on an engine and records its outcome (`Err`: a refused edit, naming the step).
pub fn run_step(engine: &mut Engine, to: &Addressing, i: usize, step: &Step) -> Result<Recorded, String> {
    let x = apply_step(engine, to, step).map_err(|e| format!("step {i}: {e}"))?;
    Ok(record(i, step, x, engine))
}

/// The outcome of step `i`: its exchange for a request, the world clock after a clock move, or that the
/// world was edited.
pub fn record(i: usize, step: &Step, x: Option<Exchange>, engine: &Engine) -> Recorded {
    match x {
        Some(x) => Recorded::Response {
            step: i,
            status: x.response.status,
            headers: x.response.headers,
            body: x.response.body,
            rule: x.rule.id,
            request_id: x.request_id,
        },
        None if matches!(step, Step::Edit(_)) => Recorded::Edit { step: i },
        None => Recorded::Clock {
            step: i,
            world_time: engine.world_time(),
        },
    }
}

/// Runs a transcript from its scenario and returns one outcome per step.
pub fn run(t: &Transcript) -> Result<Vec<Recorded>, String> {
    run_with(t, apply_step)
}

/// [`run`] for a transcript of trusted steps only (a signed HTTP step is refused), without linking the
/// gateway (see [`apply_trusted_step`]).
pub fn run_trusted(t: &Transcript) -> Result<Vec<Recorded>, String> {
    run_with(t, apply_trusted_step)
}

fn run_with(t: &Transcript, apply: ApplyStep) -> Result<Vec<Recorded>, String> {
    let mut engine = engine_for(t)?;
    let mut out = Vec::new();
    replay(&mut engine, &t.addressing(), &t.steps, apply, &mut |i, _, x, e| {
        out.push(record(i, &t.steps[i], x, e))
    })
    // Every step before the refused one recorded an outcome: the refused step's index is their count.
    .map_err(|e| format!("step {}: {e}", out.len()))?;
    Ok(out)
}

/// Runs a transcript and compares with its recorded responses; the first difference is the error.
pub fn check(t: &Transcript) -> Result<(), String> {
    let got = run(t)?;
    if got.len() != t.responses.len() {
        return Err(format!(
            "the transcript records {} outcomes but has {} steps",
            t.responses.len(),
            got.len()
        ));
    }
    for (g, want) in got.iter().zip(&t.responses) {
        if g != want {
            return Err(format!(
                "outcome differs:\n  recorded: {}\n  now:      {}",
                serde_json::to_string(want).unwrap_or_default(),
                serde_json::to_string(g).unwrap_or_default()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"version":1,"scenario":{"preset":"default"},"seed":5,"host":"ecs.cn-hangzhou.aliyuncs.com",
      "steps":[{"request":{"Action":"CopyImage","Version":"2014-05-26","Format":"JSON","RegionId":"cn-hangzhou",
                "ImageId":"m-bp1h46wfpjsjastc****","DestinationRegionId":"cn-shanghai"}},
               {"advance":60},{"run_to_idle":true},
               {"request":[["Action","DescribeImages"],["Version","2014-05-26"],["RegionId","cn-shanghai"],["PageSize",50]]}]}"#;

    #[test]
    fn runs_and_checks_its_own_recording() {
        let mut t = from_json(DOC).unwrap();
        let out = run(&t).unwrap();
        assert_eq!(out.len(), 4);
        match &out[0] {
            Recorded::Response { status, body, .. } => assert_eq!(*status, 200, "{body}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            out[1],
            Recorded::Clock {
                step: 1,
                world_time: 660
            }
        );
        t.responses = out;
        let again = from_json(&to_json(&t)).unwrap();
        assert_eq!(again, t);
        check(&again).unwrap();
        let mut tampered = again.clone();
        tampered.seed = 6;
        assert!(check(&tampered).unwrap_err().starts_with("outcome differs"));
    }

    #[test]
    fn bad_transcripts_are_clear_errors() {
        assert!(from_json("{}").is_err());
        let e = from_json(r#"{"version":1,"scenario":{"preset":"default"},"steps":[{"advance":-1}]}"#).unwrap_err();
        assert!(e.contains("advance must be a whole number"), "{e}");
        let e = from_json(r#"{"version":2,"scenario":{"preset":"default"},"steps":[]}"#).unwrap_err();
        assert!(e.contains("version 2"), "{e}");
        let t = from_json(r#"{"version":1,"scenario":{"preset":"nope"},"steps":[]}"#).unwrap();
        assert!(run(&t).unwrap_err().contains("unknown preset `nope`"));
        let e = from_json(r#"{"version":1,"scenario":{"regions":3},"steps":[]}"#).unwrap_err();
        assert!(e.contains("inline scenario"), "{e}");
        let e =
            from_json(r#"{"version":1,"scenario":{"preset":"default"},"steps":[{"request":{"A":[1]}}]}"#).unwrap_err();
        assert!(e.contains("parameter values"), "{e}");
    }

    #[test]
    fn edit_steps_round_trip_run_and_refuse_what_they_do_not_know() {
        let json = r#"{"version":1,"scenario":{"preset":"default"},"steps":[
            {"edit":"set","path":"/settings/image_name_message","value":"plain"},
            {"edit":"add","path":"/faults","kind":"internal_error_500","action":"DescribeRegions","remaining":1},
            {"request":{"Action":"CopyImage","Version":"2014-05-26","Format":"JSON","RegionId":"cn-hangzhou",
                        "ImageId":"m-bp1h46wfpjsjastc****","DestinationRegionId":"cn-shanghai",
                        "DestinationImageName":"1-starts-with-a-digit"}}]}"#;
        let t = from_json(json).unwrap();
        assert_eq!(
            t.steps[0],
            Step::from(Edit::set("/settings/image_name_message", "plain"))
        );
        assert_eq!(
            t.steps[1],
            Step::Edit(edits::add_fault("DescribeRegions", "internal_error_500"))
        );
        assert_eq!(from_json(&to_json(&t)).unwrap(), t);
        let out = run(&t).unwrap();
        assert_eq!(out[0], Recorded::Edit { step: 0 });
        assert_eq!(out[1], Recorded::Edit { step: 1 });
        match &out[2] {
            Recorded::Response { status, body, .. } => {
                assert_eq!(*status, 400);
                assert!(
                    body.contains("\"Message\":\"The specified Image name is wrongly formed.\""),
                    "{body}"
                );
            }
            other => panic!("{other:?}"),
        }
        let e = from_json(r#"{"version":1,"scenario":{"preset":"default"},"steps":[{"edit":"explode"}]}"#).unwrap_err();
        assert!(e.contains("not an edit this version knows"), "{e}");
        // An edit the world refuses stops the run and names the step.
        let t = from_json(
            r#"{"version":1,"scenario":{"preset":"default"},"steps":[{"advance":1},{"edit":"set","path":"/settings/queue_limit","value":"0"}]}"#,
        )
        .unwrap();
        assert_eq!(
            run(&t).unwrap_err(),
            "step 1: World edit refused: the queue limit must be at least 1."
        );
    }

    #[test]
    fn an_old_transcript_with_an_edited_world_inline_still_runs() {
        let mut w = presets::preset("minimal").unwrap();
        w.settings.image_name_message = crate::model::world::MessageForm::Plain;
        let json = format!(
            r#"{{"version":1,"scenario":{},"seed":1,"host":"ecs.cn-hangzhou.aliyuncs.com","steps":[
                {{"request":{{"Action":"CopyImage","Version":"2014-05-26","Format":"JSON","RegionId":"cn-hangzhou",
                  "ImageId":"m-bp1h46wfpjsjastc****","DestinationRegionId":"cn-shanghai",
                  "DestinationImageName":"1-starts-with-a-digit"}}}}]}}"#,
            serde_json::to_string(&w).unwrap()
        );
        let t = from_json(&json).unwrap();
        assert!(matches!(t.scenario, ScenarioRef::Inline(_)));
        match &run(&t).unwrap()[0] {
            Recorded::Response { status, body, .. } => {
                assert_eq!(*status, 400);
                assert!(body.contains("The specified Image name is wrongly formed."), "{body}");
                assert!(body.contains("\"HostId\":\"ecs.cn-hangzhou.aliyuncs.com\""), "{body}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn by_region_addressing_sends_each_request_to_its_endpoint() {
        let to = Addressing::by_region();
        let p = |r: &str| vec![("RegionId".to_string(), r.to_string())];
        assert_eq!(to.host_for(&p("cn-beijing")), "ecs.cn-beijing.aliyuncs.com");
        assert_eq!(to.host_for(&p("cn-atlantis")), default_host());
        assert_eq!(to.host_for(&[]), default_host());
        let fixed = Addressing {
            host: "example.test".into(),
            by_region: false,
        };
        assert_eq!(fixed.host_for(&p("cn-beijing")), "example.test");
    }

    #[test]
    fn an_http_step_round_trips() {
        let request = HttpRequest {
            method: "POST".into(),
            host: "h".into(),
            path: "/".into(),
            query: "a=1".into(),
            headers: vec![("x-acs-action".into(), "CopyImage".into())],
            body: "b=2".into(),
        };
        let step = Step::Http {
            request: request.clone(),
            wire_time: UtcTime(1_716_192_000),
        };
        let v = step.to_value();
        assert_eq!(v["http"], serde_json::to_value(&request).unwrap());
        assert_eq!(v["wire_time"], "2024-05-20T08:00:00Z");
        assert_eq!(Step::from_value(&v), Ok(step));
    }
}
