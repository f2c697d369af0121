//! # copyimage-js
//!
//! The engine's JavaScript API for docs pages and docs pipelines: an ES module (`dist/lib/copyimage.js` and
//! its `.wasm`, built by `scripts/build.sh`) whose exports take and return plain JS objects through
//! `serde-wasm-bindgen`. Each call builds its own engine (a preset or a scenario, a seed, steps before it),
//! so calls never share state and the same inputs always give the same answer.
//!
//! Only translation lives here, as in the CLI: JS values -> the engine's types -> JS values. Shapes the CLI
//! already prints as JSON (`sign --output json`, `run --output json`) come back with the same field names;
//! the shapes this API defines (a response, the catalog, regions) use JavaScript's camelCase. Bad input is a
//! thrown JS `Error` naming what was wrong; nothing here unwraps or indexes input, so nothing panics.
//!
//! The module's `version` and `init(moduleOrBytes?)` are written around wasm-bindgen's loader by
//! `scripts/build.sh` (from [`version_info`]); `crates/js/copyimage.d.ts` declares every export.

use copyimage_engine::catalog::{self, CatalogEntry};
use copyimage_engine::client::{sign_request, SignatureStyle};
use copyimage_engine::clock::UtcTime;
use copyimage_engine::engine::{Answer, CallContext, Engine, Exchange};
use copyimage_engine::response::Node;
use copyimage_engine::rng::Rng;
use copyimage_engine::signing::options::{self, OptionError, SignOptions, SignedJson};
use copyimage_engine::transcript::{self, Addressing, Step, Transcript};
use copyimage_engine::wire::{default_host, Params};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// The preset `call` and `preview` use without `preset` or `scenario` (as `copyimage call`).
pub const DEFAULT_PRESET: &str = "default";

/// The seed used without `seed` (as `copyimage call`: fixed, so answers are reproducible by default).
pub const DEFAULT_SEED: u64 = 1;

// ---------------------------------------------------------------------------------------------------------
// Input: wire parameters and options, read with messages that name the problem.

/// Wire parameters from JS: an object of string values (in its key order) or an array of `[name, value]`
/// string pairs (when order or repeats matter).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ParamsIn(pub Params);

impl<'de> Deserialize<'de> for ParamsIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ParamsIn;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of string values or an array of [name, value] string pairs")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ParamsIn, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    let v = map
                        .next_value::<StrValue>()
                        .map_err(|_| de::Error::custom(format!("{k}: the value must be a string")))?;
                    out.push((k, v.0));
                }
                Ok(ParamsIn(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ParamsIn, A::Error> {
                let mut out = Vec::new();
                while let Some(pair) = seq
                    .next_element::<(String, String)>()
                    .map_err(|_| de::Error::custom("each pair must be [name, value], two strings"))?
                {
                    out.push(pair);
                }
                Ok(ParamsIn(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// A string, and only a string (a number or a boolean is refused rather than guessed at).
struct StrValue(String);

impl<'de> Deserialize<'de> for StrValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = StrValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<StrValue, E> {
                Ok(StrValue(s.to_string()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<StrValue, E> {
                Ok(StrValue(s))
            }
        }
        d.deserialize_any(V)
    }
}

/// The options of `call` and `preview`: which world, which seed, where the request goes, what happened first.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CallOptions {
    /// A preset's name (`presets()`); default `default`.
    pub preset: Option<String>,
    /// A whole scenario instead of a preset: the scenario file's object, or its JSON text.
    pub scenario: Option<serde_json::Value>,
    /// The engine's seed (RequestIds, new IDs); default 1.
    pub seed: Option<u64>,
    /// The host the request is addressed to (the errors' HostId); default the RegionId's endpoint.
    pub host: Option<String>,
    /// Steps run first, in the transcript's step format (requests, clock moves, world edits).
    pub steps: Option<Vec<Step>>,
}

/// The options of `sign`, named as in JavaScript; the engine's [`SignOptions`] once read.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsSignOptions {
    /// The AccessKeyId.
    pub access_key_id: String,
    /// The AccessKeySecret (never returned).
    pub access_key_secret: String,
    /// `yyyy-MM-ddTHH:mm:ssZ`; default now (UTC).
    pub timestamp: Option<String>,
    /// The nonce; default a fresh UUID.
    pub nonce: Option<String>,
    /// `GET` or `POST`; default GET for v1, POST for v3.
    pub method: Option<String>,
    /// Endpoint host, optionally with a port and a scheme.
    pub host: Option<String>,
    /// `v1` (default) or `v3`.
    pub version: Option<String>,
    /// POST: the operation's parameters in a form body.
    pub form: Option<bool>,
    /// An STS SecurityToken.
    pub security_token: Option<String>,
    /// v3: the headers to sign.
    pub signed_headers: Option<Vec<String>>,
    /// v3: extra headers to send, as an object or `[name, value]` pairs.
    pub headers: Option<ParamsIn>,
}

/// Reads a JS value as `T`, the message prefixed with what was being read.
fn read<T: serde::de::DeserializeOwned>(what: &str, v: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(v).map_err(|e| {
        // Its text is a JS Error's `toString()`: the message after "Error: ".
        let text = e.to_string();
        format!("{what}: {}", text.strip_prefix("Error: ").unwrap_or(&text))
    })
}

/// Wire parameters from JS; `undefined` or `null` is refused (a request needs at least its Action).
fn read_params(v: JsValue) -> Result<Params, String> {
    if v.is_undefined() || v.is_null() {
        return Err("params: expected an object of wire parameters, got nothing".into());
    }
    if !v.is_object() {
        return Err(format!(
            "params: expected an object of wire parameters, got {}",
            type_name(&v)
        ));
    }
    read::<ParamsIn>("params", v).map(|p| p.0)
}

/// Options that may be left out: `undefined` and `null` are the defaults; anything else must be an object
/// whose keys are among `known` (serde-wasm-bindgen reads only a struct's own fields, so a misspelt option
/// would otherwise pass unnoticed).
fn read_options<T: serde::de::DeserializeOwned + Default>(what: &str, v: JsValue, known: &[&str]) -> Result<T, String> {
    if v.is_undefined() || v.is_null() {
        return Ok(T::default());
    }
    if !v.is_object() || js_sys::Array::is_array(&v) {
        return Err(format!("{what}: expected an object, got {}", type_name(&v)));
    }
    for key in js_sys::Object::keys(v.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            return Err(format!("{what}: unknown option {key:?}; known: {}", known.join(", ")));
        }
    }
    read(what, v)
}

/// The keys of [`CallOptions`], as JS spells them.
const CALL_KEYS: &[&str] = &["preset", "scenario", "seed", "host", "steps"];

/// The keys of [`JsSignOptions`], as JS spells them.
const SIGN_KEYS: &[&str] = &[
    "accessKeyId",
    "accessKeySecret",
    "timestamp",
    "nonce",
    "method",
    "host",
    "version",
    "form",
    "securityToken",
    "signedHeaders",
    "headers",
];

/// `typeof`, with arrays and null named as people say them.
fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(v) {
        "an array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}

// ---------------------------------------------------------------------------------------------------------
// The engine's work, in plain Rust (tested natively below).

/// The engine a call runs on: the preset or scenario, the seed, then the steps.
pub fn engine_for(opts: &CallOptions) -> Result<Engine, String> {
    let seed = opts.seed.unwrap_or(DEFAULT_SEED);
    let mut engine = match (&opts.scenario, &opts.preset) {
        (Some(_), Some(_)) => return Err("options: give preset or scenario, not both".into()),
        (Some(serde_json::Value::String(text)), None) => {
            Engine::from_scenario_json(text, seed).map_err(|e| format!("options.scenario: {e}"))?
        }
        (Some(v @ serde_json::Value::Object(_)), None) => {
            Engine::from_scenario_json(&v.to_string(), seed).map_err(|e| format!("options.scenario: {e}"))?
        }
        (Some(_), None) => {
            return Err("options.scenario: expected the scenario's object or its JSON text".into());
        }
        (None, preset) => {
            let name = preset.as_deref().unwrap_or(DEFAULT_PRESET);
            Engine::from_preset(name, seed).ok_or_else(|| {
                format!(
                    "options.preset: unknown preset {name:?}; known presets: {}",
                    copyimage_engine::scenario::preset_names().join(", ")
                )
            })?
        }
    };
    let to = match &opts.host {
        Some(h) => Addressing {
            host: h.clone(),
            by_region: false,
        },
        None => Addressing::by_region(),
    };
    for (i, step) in opts.steps.iter().flatten().enumerate() {
        transcript::apply_step(&mut engine, &to, step).map_err(|e| format!("options.steps[{i}]: {e}"))?;
    }
    Ok(engine)
}

/// One request on the engine `opts` describes, committed (`call`) or not (`preview`): the same answer
/// either way, since each call starts from its own engine.
pub fn exchange(params: &Params, opts: &CallOptions, commit: bool) -> Result<Exchange, String> {
    let mut engine = engine_for(opts)?;
    let host = opts.host.clone().unwrap_or_else(|| default_host(params));
    let ctx = CallContext { host };
    Ok(if commit {
        engine.call(params, &ctx)
    } else {
        engine.preview(params, &ctx)
    })
}

/// The engine's options of a sign request; `now` and `fresh_nonce` give the defaults (the faces own the
/// clock and the entropy).
pub fn sign_options(
    o: JsSignOptions,
    now: impl FnOnce() -> String,
    fresh_nonce: impl FnOnce() -> String,
) -> Result<SignOptions, String> {
    let style = match o.version.as_deref() {
        None => SignatureStyle::V1,
        Some(v) if v.eq_ignore_ascii_case("v1") => SignatureStyle::V1,
        Some(v) if v.eq_ignore_ascii_case("v3") => SignatureStyle::V3,
        Some(v) => return Err(format!("options.version: expected \"v1\" or \"v3\", got {v:?}")),
    };
    Ok(SignOptions {
        access_key_id: o.access_key_id,
        access_key_secret: o.access_key_secret,
        timestamp: o.timestamp.unwrap_or_else(now),
        nonce: o.nonce.unwrap_or_else(fresh_nonce),
        method: o.method,
        host: o.host,
        style,
        form: o.form.unwrap_or(false),
        security_token: o.security_token,
        signed_headers: o.signed_headers,
        headers: o.headers.map(|h| h.0).unwrap_or_default(),
    })
}

/// Signs `params` as `copyimage sign --output json` does, the same fields byte for byte.
pub fn signed(params: &Params, opts: &SignOptions) -> Result<SignedJson, String> {
    let input = options::sign_input(params, opts).map_err(option_error)?;
    Ok(SignedJson::of(&sign_request(&input)))
}

/// An option the engine refused, named as in JavaScript (`options.signedHeaders: ...`).
fn option_error(e: OptionError) -> String {
    let name = match e.option {
        "signed_headers" => "signedHeaders",
        other => other,
    };
    format!("options.{name}: {}", e.problem)
}

/// The catalog entry with this ID, else the first with this code (as `copyimage errors --reproduce`).
pub fn lookup(id_or_code: &str) -> Option<CatalogEntry> {
    let entries = catalog::entries();
    let i = entries
        .iter()
        .position(|e| e.id == id_or_code)
        .or_else(|| entries.iter().position(|e| e.code == id_or_code))?;
    entries.into_iter().nth(i)
}

/// Runs a transcript given as its JSON text; the transcript with its `responses` recorded (what
/// `copyimage run --output json` prints).
pub fn run_text(text: &str) -> Result<Transcript, String> {
    let t = transcript::from_json(text)?;
    let responses = transcript::run(&t)?;
    Ok(Transcript { responses, ..t })
}

// ---------------------------------------------------------------------------------------------------------
// Output: the shapes JS receives.

/// A response and what it means, as `call`, `preview` and `reproduce` return it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsExchange<'a> {
    /// HTTP status.
    pub status: u16,
    /// Its reason phrase.
    pub reason: &'static str,
    /// Headers, `[name, value]` in the order sent.
    pub headers: &'a [(String, String)],
    /// The body, exactly.
    pub body: &'a str,
    /// The RequestId.
    pub request_id: &'a str,
    /// The stable ID of the rule that decided it (a catalog entry's ID for an error).
    pub rule: &'a str,
    /// The rule's explanation as a reader sees it.
    pub why: String,
    /// The typed result.
    pub outcome: JsOutcome<'a>,
}

/// The typed result: the error's code, message and field, or the success's fields.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum JsOutcome<'a> {
    /// The request succeeded.
    Success {
        /// The Action that ran.
        action: &'a str,
        /// The response fields after RequestId, in wire order, as plain values.
        fields: Fields<'a>,
    },
    /// The request was refused.
    #[serde(rename_all = "camelCase")]
    Error {
        /// HTTP status.
        http_status: u16,
        /// The documented code.
        code: &'a str,
        /// The documented message.
        message: &'a str,
        /// The wire name of the parameter it belongs to, when one does.
        #[serde(skip_serializing_if = "Option::is_none")]
        field: Option<&'a str>,
    },
}

/// Response fields as a plain object, in wire order.
pub struct Fields<'a>(pub &'a [(String, Node)]);

/// One response value as a plain JS value.
struct Plain<'a>(&'a Node);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, &Plain(v))?;
        }
        m.end()
    }
}

impl Serialize for Plain<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Node::Str(v) => s.serialize_str(v),
            Node::Int(v) => s.serialize_i64(*v),
            Node::Bool(v) => s.serialize_bool(*v),
            Node::Obj(fields) => Fields(fields).serialize(s),
            Node::List(items) => {
                let mut q = s.serialize_seq(Some(items.len()))?;
                for i in items {
                    q.serialize_element(&Plain(i))?;
                }
                q.end()
            }
        }
    }
}

impl<'a> JsExchange<'a> {
    /// The JS shape of an exchange.
    pub fn of(x: &'a Exchange) -> JsExchange<'a> {
        let outcome = match &x.answer {
            Answer::Success { action, fields } => JsOutcome::Success {
                action,
                fields: Fields(fields),
            },
            Answer::Error(e) => JsOutcome::Error {
                http_status: e.http_status,
                code: &e.code,
                message: &e.message,
                field: e.field.as_deref(),
            },
        };
        JsExchange {
            status: x.response.status,
            reason: x.response.reason(),
            headers: &x.response.headers,
            body: &x.response.body,
            request_id: &x.request_id,
            rule: &x.rule.id,
            why: copyimage_engine::why::text(&x.rule),
            outcome,
        }
    }
}

/// One catalog entry as `errors()` lists it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsEntry<'a> {
    /// Stable ID.
    pub id: &'a str,
    /// HTTP status.
    pub http_status: u16,
    /// Code, exactly.
    pub code: &'a str,
    /// Message, exactly.
    pub message: &'a str,
    /// What causes it.
    pub cause: &'a str,
    /// Where it is documented.
    pub source: &'a str,
    /// The setup in words (empty when the preset is used as is).
    pub setup_note: &'a str,
    /// The reproduction as a transcript `run` accepts.
    pub transcript: Transcript,
}

/// One region as `regions()` lists it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsRegion {
    /// Region ID.
    pub id: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// Chinese name as DescribeRegions returns it.
    pub name_zh: &'static str,
    /// The public endpoint.
    pub endpoint: String,
    /// Whether the region is still served.
    pub open: bool,
}

/// One preset as `presets()` lists it.
#[derive(Serialize)]
pub struct JsPreset {
    /// Its name (`options.preset`).
    pub name: &'static str,
    /// One line saying what is in it.
    pub summary: &'static str,
}

/// The module's `version`.
#[derive(Serialize)]
pub struct JsVersion {
    /// The engine's version (the crate's, as `copyimage --version` prints it).
    pub engine: &'static str,
    /// The ECS API version it simulates.
    pub api: &'static str,
    /// The Actions it simulates.
    pub actions: &'static [&'static str],
}

// ---------------------------------------------------------------------------------------------------------
// The exports.

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("internal: could not convert the result: {e}")))
}

fn err(msg: String) -> JsError {
    JsError::new(&msg)
}

/// Sends one request (an object of wire parameters) to a fresh engine and returns the response and what it
/// means. Options: `preset` or `scenario`, `seed`, `host`, `steps`.
#[wasm_bindgen]
pub fn call(params: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let params = read_params(params).map_err(err)?;
    let opts: CallOptions = read_options("options", options, CALL_KEYS).map_err(err)?;
    to_js(&JsExchange::of(&exchange(&params, &opts, true).map_err(err)?))
}

/// What `call` would answer, without committing anything (the same answer: each call has its own engine).
#[wasm_bindgen]
pub fn preview(params: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let params = read_params(params).map_err(err)?;
    let opts: CallOptions = read_options("options", options, CALL_KEYS).map_err(err)?;
    to_js(&JsExchange::of(&exchange(&params, &opts, false).map_err(err)?))
}

/// Runs a transcript (its object or JSON text) and returns it with its `responses` recorded.
#[wasm_bindgen]
pub fn run(transcript: JsValue) -> Result<JsValue, JsError> {
    let text = if let Some(s) = transcript.as_string() {
        s
    } else if transcript.is_object() && !js_sys::Array::is_array(&transcript) {
        let v: serde_json::Value = read("transcript", transcript).map_err(err)?;
        v.to_string()
    } else {
        return Err(err(format!(
            "transcript: expected an object or JSON text, got {}",
            type_name(&transcript)
        )));
    };
    let recorded = run_text(&text).map_err(err)?;
    to_js(&recorded)
}

/// Signs a request as `copyimage sign --output json` does and returns the same fields.
#[wasm_bindgen]
pub fn sign(params: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let params = read_params(params).map_err(err)?;
    if options.is_undefined() || options.is_null() {
        return Err(err(
            "options: expected { accessKeyId, accessKeySecret, ... }, got nothing".into(),
        ));
    }
    let o: JsSignOptions = read_options("options", options, SIGN_KEYS).map_err(err)?;
    let opts = sign_options(o, now_iso8601, fresh_nonce).map_err(err)?;
    to_js(&signed(&params, &opts).map_err(err)?)
}

/// Every catalog entry.
#[wasm_bindgen]
pub fn errors() -> Result<JsValue, JsError> {
    let entries = catalog::entries();
    let list: Vec<JsEntry> = entries
        .iter()
        .map(|e| JsEntry {
            id: &e.id,
            http_status: e.http_status,
            code: &e.code,
            message: &e.message,
            cause: &e.cause,
            source: &e.source,
            setup_note: &e.repro.setup_note,
            transcript: e.transcript(),
        })
        .collect();
    to_js(&list)
}

/// Runs one catalog entry (its ID, or a code: the first entry with it) and returns its response.
#[wasm_bindgen]
pub fn reproduce(id_or_code: JsValue) -> Result<JsValue, JsError> {
    let key = id_or_code.as_string().ok_or_else(|| {
        err(format!(
            "idOrCode: expected a catalog entry's ID or an error code (a string), got {}",
            type_name(&id_or_code)
        ))
    })?;
    let entry = lookup(&key).ok_or_else(|| {
        err(format!(
            "no catalog entry has the ID or code {key:?}; errors() lists them"
        ))
    })?;
    to_js(&JsExchange::of(&entry.reproduce()))
}

/// Every region the engine knows.
#[wasm_bindgen]
pub fn regions() -> Result<JsValue, JsError> {
    let list: Vec<JsRegion> = copyimage_engine::regions::REGIONS
        .iter()
        .map(|r| JsRegion {
            id: r.id,
            name_en: r.name_en,
            name_zh: r.name_zh,
            endpoint: r.endpoint(),
            open: r.open,
        })
        .collect();
    to_js(&list)
}

/// Every preset world.
#[wasm_bindgen]
pub fn presets() -> Result<JsValue, JsError> {
    let list: Vec<JsPreset> = copyimage_engine::scenario::PRESETS
        .iter()
        .map(|(name, summary)| JsPreset { name, summary })
        .collect();
    to_js(&list)
}

/// The engine's and the API's versions (the module exports it as `version` once loaded).
#[wasm_bindgen(js_name = "__versionInfo")]
pub fn version_info() -> Result<JsValue, JsError> {
    to_js(&JsVersion {
        engine: env!("CARGO_PKG_VERSION"),
        api: copyimage_engine::base::api::API_VERSION,
        actions: copyimage_engine::base::api::ACTIONS,
    })
}

/// Now, UTC, as a Timestamp (the JS clock: the engine has none).
fn now_iso8601() -> String {
    UtcTime((js_sys::Date::now() / 1000.0) as i64).to_iso8601()
}

/// A fresh UUID nonce from the JS clock and `Math.random` (the engine's generator, seeded here).
fn fresh_nonce() -> String {
    let seed = (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64 ^ (js_sys::Date::now() as u64).rotate_left(32);
    Rng::new(seed).uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Params {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_call_answers_as_the_engine() {
        let params = p(&[
            ("Action", "CopyImage"),
            ("Version", "2014-05-26"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", "m-bp1fq2h3gbxtc5dm9k1a"),
        ]);
        let x = exchange(&params, &CallOptions::default(), true).unwrap();
        assert_eq!(x.response.status, 403);
        assert_eq!(x.answer.code(), Some("IncorrectDestinationRegion"));
        let y = exchange(&params, &CallOptions::default(), false).unwrap();
        assert_eq!(x.response, y.response);
    }

    #[test]
    fn bad_options_name_themselves() {
        let o = CallOptions {
            preset: Some("nope".into()),
            ..Default::default()
        };
        assert!(engine_for(&o)
            .unwrap_err()
            .starts_with("options.preset: unknown preset \"nope\""));
        let o = CallOptions {
            preset: Some("default".into()),
            scenario: Some(serde_json::json!({})),
            ..Default::default()
        };
        assert_eq!(
            engine_for(&o).unwrap_err(),
            "options: give preset or scenario, not both"
        );
        let o = CallOptions {
            scenario: Some(serde_json::json!(3)),
            ..Default::default()
        };
        assert!(engine_for(&o).unwrap_err().starts_with("options.scenario:"));
    }

    #[test]
    fn sign_defaults_and_refusals() {
        let o = JsSignOptions {
            access_key_id: "testid".into(),
            access_key_secret: "testsecret".into(),
            version: Some("v3".into()),
            ..Default::default()
        };
        let s = sign_options(o, || "2016-02-23T12:46:24Z".into(), || "n".into()).unwrap();
        assert_eq!(
            (s.style, s.timestamp.as_str(), s.nonce.as_str()),
            (SignatureStyle::V3, "2016-02-23T12:46:24Z", "n")
        );
        let j = signed(&p(&[("RegionId", "cn-hangzhou")]), &s).unwrap();
        assert_eq!(j.method, "POST");
        let bad = JsSignOptions {
            version: Some("v2".into()),
            ..Default::default()
        };
        assert_eq!(
            sign_options(bad, String::new, String::new).unwrap_err(),
            "options.version: expected \"v1\" or \"v3\", got \"v2\""
        );
        let get_form = SignOptions {
            form: true,
            ..s.clone()
        };
        let get_form = SignOptions {
            method: Some("GET".into()),
            ..get_form
        };
        assert_eq!(
            signed(&vec![], &get_form).unwrap_err(),
            "options.form: needs method POST"
        );
    }

    #[test]
    fn catalog_lookup_by_id_then_code() {
        let e = lookup("IncorrectDestinationRegion").unwrap();
        assert_eq!(e.code, "IncorrectDestinationRegion");
        assert_eq!(lookup(&e.id).unwrap().id, e.id);
        assert!(lookup("NoSuchThing").is_none());
    }

    #[test]
    fn transcripts_run_with_their_responses() {
        let t = run_text(r#"{"version":1,"scenario":{"preset":"minimal"},"steps":[{"advance":5}]}"#).unwrap();
        assert_eq!(t.responses.len(), 1);
        assert!(run_text("{").unwrap_err().starts_with("transcript JSON:"));
    }
}
