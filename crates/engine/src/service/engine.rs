//! The facade the faces call (contract in ARCHITECTURE.md): a world, its clock, the seeded RNG and the
//! nonce memory; `call` (trusted), `preview` (the same on a clone), `handle_http` (gateway first), and
//! the world-clock controls.
//!
//! Order of checks for every request (FIDELITY.md, "Engine"): a RequestId is drawn first (every answer
//! has one); then `Action` present, `Version` present, `Version` known, `Action` known; then (HTTP only)
//! the gateway's authentication and the access key's state; then the operation's own rules.
//!
//! Layer: service (may use `base`, `signing`, `model`).

use crate::base::clock::UtcTime;
use crate::base::error::{ApiError, Rule, Source};
use crate::base::rng::Rng;
use crate::base::wire::{param, HttpRequest, HttpResponse, Params};
use crate::model::world::{Caller, World};
use crate::service::gateway::{self, NonceMemory};
use crate::service::ops;
use crate::service::response::{self, Format, Node};
use serde::{Deserialize, Serialize};

/// The simulated service: world (with its clock and queue), RNG, nonce memory. Cloning it is a preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Engine {
    world: World,
    rng: Rng,
    nonces: NonceMemory,
    /// Which operations it can plan; not saved (a loaded engine plans them all).
    #[serde(skip)]
    ops: Operations,
}

/// The operations an engine plans: every Action of `ACTIONS` ([`Operations::ALL`], what [`Engine::new`]
/// gives), or CopyImage alone ([`Operations::COPY_IMAGE`]). The second is for a face that ships the other
/// operations' code apart from its first download (the web app's split WASM): it starts with CopyImage and
/// upgrades with [`Engine::set_operations`] once the rest has arrived. A request for an operation the engine
/// cannot plan yet is answered by the playground's own `playground.operation_loading` error, never ECS's.
#[derive(Clone, Copy)]
pub struct Operations {
    all: bool,
    run: fn(&World, &mut Rng, &Caller, &str, &Params) -> Result<ops::Outcome, ops::Fail>,
}

impl Operations {
    /// Every operation (`ops::run`).
    pub const ALL: Operations = Operations {
        all: true,
        run: ops::run,
    };
    /// CopyImage alone.
    pub const COPY_IMAGE: Operations = Operations {
        all: false,
        run: ops::run_copy_image,
    };

    /// Whether it plans `action`.
    pub fn plans(&self, action: &str) -> bool {
        self.all || action == "CopyImage"
    }

    /// Whether it plans every operation.
    pub fn plans_all(&self) -> bool {
        self.all
    }
}

impl Default for Operations {
    fn default() -> Operations {
        Operations::ALL
    }
}

impl PartialEq for Operations {
    fn eq(&self, other: &Operations) -> bool {
        self.all == other.all
    }
}

impl std::fmt::Debug for Operations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.all {
            "Operations::ALL"
        } else {
            "Operations::COPY_IMAGE"
        })
    }
}

/// Where a request was sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallContext {
    /// The endpoint host the request was sent to; the error bodies' `HostId`.
    pub host: String,
}

impl CallContext {
    /// A context for the given host.
    pub fn new(host: &str) -> CallContext {
        CallContext { host: host.into() }
    }
}

/// One request and its answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exchange {
    /// The parameters as the engine read them.
    pub params: Params,
    /// Exactly what crosses the wire.
    pub response: HttpResponse,
    /// Why: the rule that decided it.
    pub rule: Rule,
    /// The RequestId of the response.
    pub request_id: String,
    /// What happened, typed: the faces read this, never the body.
    pub answer: Answer,
}

/// The typed outcome of a request: what the response body says, as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// The operation succeeded with these response fields (after `RequestId`, in wire order).
    Success {
        /// The Action that ran.
        action: String,
        /// The response fields.
        fields: Vec<(String, Node)>,
    },
    /// The request was refused: the documented code and message, and the parameter it belongs to.
    Error(ApiError),
}

impl Answer {
    /// The error, if the request was refused.
    pub fn error(&self) -> Option<&ApiError> {
        match self {
            Answer::Error(e) => Some(e),
            Answer::Success { .. } => None,
        }
    }

    /// The error code, if the request was refused.
    pub fn code(&self) -> Option<&str> {
        self.error().map(|e| e.code.as_str())
    }

    /// A top-level response field of a success (e.g. CopyImage's `ImageId`).
    pub fn field(&self, name: &str) -> Option<&Node> {
        match self {
            Answer::Success { fields, .. } => fields.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            Answer::Error(_) => None,
        }
    }

    /// A top-level string field of a success.
    pub fn str_field(&self, name: &str) -> Option<&str> {
        self.field(name).and_then(Node::as_str)
    }
}

/// The one Action/Version check (kept under its old path for the faces).
pub use crate::service::dispatch::dispatch;

/// `InvalidAccessKeyId.Inactive` 400 (ECS common errors), for a disabled key that signed correctly.
fn key_inactive() -> ApiError {
    ApiError::new(
        400,
        "InvalidAccessKeyId.Inactive",
        "Specified access key is disabled.",
        Rule::documented(
            "gateway.access_key_inactive",
            Source::CommonErrors,
            "The AccessKey exists but is disabled in this simulated account.",
        ),
    )
    .on("AccessKeyId")
}

impl Engine {
    /// An engine over `world` whose random output is fixed by `seed`. Regions without an ID prefix get a
    /// seeded one.
    pub fn new(world: World, seed: u64) -> Engine {
        Engine::with_operations(world, seed, Operations::ALL)
    }

    /// [`Engine::new`] planning only `ops` (see [`Operations`]).
    pub fn with_operations(mut world: World, seed: u64, ops: Operations) -> Engine {
        let mut rng = Rng::new(seed);
        world.fill_prefixes(&mut rng);
        Engine {
            world,
            rng,
            nonces: NonceMemory::default(),
            ops,
        }
    }

    /// Which operations it plans.
    pub fn operations(&self) -> Operations {
        self.ops
    }

    /// Plans `ops` from now on (a face upgrading to every operation once their code is in).
    pub fn set_operations(&mut self, ops: Operations) {
        self.ops = ops;
    }

    /// An engine over a scenario in JSON; a clear error for anything malformed.
    pub fn from_scenario_json(json: &str, seed: u64) -> Result<Engine, String> {
        crate::model::scenario::from_json(json).map(|w| Engine::new(w, seed))
    }

    /// The world, read-only.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The world, for editing (scenario editor, catalog setups). Call `revalidate` after structural edits.
    pub fn world_mut(&mut self) -> &mut World {
        &mut self.world
    }

    /// Re-checks the world after edits and rebuilds the queue's lanes.
    pub fn revalidate(&mut self) -> Result<(), String> {
        self.world.validate()
    }

    /// Dispatches and plans a request on the current world (nothing is changed).
    fn evaluate(&self, rng: &mut Rng, p: &Params) -> Result<(&'static str, ops::Outcome), ops::Fail> {
        let action = dispatch(p)?;
        self.plan(rng, action, p, &self.world.caller)
    }

    /// Plans a dispatched request as `caller`.
    fn plan(
        &self,
        rng: &mut Rng,
        action: &'static str,
        p: &Params,
        caller: &Caller,
    ) -> Result<(&'static str, ops::Outcome), ops::Fail> {
        (self.ops.run)(&self.world, rng, caller, action, p).map(|o| (action, o))
    }

    /// Builds the exchange for a planned result; commits its effects when `commit`.
    fn finish(
        &mut self,
        result: Result<(&'static str, ops::Outcome), ops::Fail>,
        p: Params,
        host: &str,
        format: Format,
        rid: String,
        commit: bool,
    ) -> Exchange {
        match result {
            Ok((action, o)) => {
                if commit {
                    ops::apply(&mut self.world, o.effects);
                }
                Exchange {
                    response: response::success(action, format, &rid, &o.fields),
                    rule: o.rule,
                    params: p,
                    request_id: rid,
                    answer: Answer::Success {
                        action: action.into(),
                        fields: o.fields,
                    },
                }
            }
            Err(f) => {
                if commit {
                    if let Some(i) = f.consume_fault {
                        ops::apply(&mut self.world, vec![ops::Effect::ConsumeFault(i)]);
                    }
                }
                self.error_exchange(p, &f.error, format, host, rid)
            }
        }
    }

    fn error_exchange(&self, p: Params, e: &ApiError, format: Format, host: &str, rid: String) -> Exchange {
        Exchange {
            response: response::error(e, format, &rid, host),
            rule: e.rule.clone(),
            params: p,
            request_id: rid,
            answer: Answer::Error(e.clone()),
        }
    }

    /// Trusted path (the UI, `copyimage call`): the request is taken as correctly signed by the world's
    /// `caller`.
    pub fn call(&mut self, params: &Params, ctx: &CallContext) -> Exchange {
        let mut rng = self.rng.clone();
        let rid = rng.uuid_upper();
        let format = Format::from_param(param(params, "Format"));
        let result = self.evaluate(&mut rng, params);
        self.rng = rng;
        self.finish(result, params.clone(), &ctx.host, format, rid, true)
    }

    /// Exactly what `call` would return next (same RequestId, same new ImageId), without committing.
    /// Operations only plan against `&World`, so nothing is cloned but the RNG.
    pub fn preview(&self, params: &Params, ctx: &CallContext) -> Exchange {
        let mut rng = self.rng.clone();
        let rid = rng.uuid_upper();
        let format = Format::from_param(param(params, "Format"));
        match self.evaluate(&mut rng, params) {
            Ok((action, o)) => Exchange {
                response: response::success(action, format, &rid, &o.fields),
                rule: o.rule,
                params: params.clone(),
                request_id: rid,
                answer: Answer::Success {
                    action: action.into(),
                    fields: o.fields,
                },
            },
            Err(f) => self.error_exchange(params.clone(), &f.error, format, &ctx.host, rid),
        }
    }

    /// Full path (the local endpoint): the gateway (HTTP method, the one Action/Version dispatch, then
    /// signature, timestamp and nonce against the wire clock), then the access key's state, then the
    /// operation as the key's principal.
    pub fn handle_http(&mut self, req: &HttpRequest, wire_now: UtcTime) -> Exchange {
        let rid = self.rng.uuid_upper();
        let p = gateway::wire_params(req);
        // Format: the parameter (any case); a request without one follows `Accept: application/json`.
        let format = match param(&p, "Format") {
            Some(f) => Format::from_param(Some(f)),
            None if req.header("accept").is_some_and(|a| a.contains("json")) => Format::Json,
            None => Format::Xml,
        };
        let host = req.host.clone();
        let keys = &self.world.access_keys;
        let secret_of = |id: &str| keys.iter().find(|k| k.id == id).map(|k| k.secret.clone());
        let auth = match gateway::authenticate(req, &secret_of, wire_now, &mut self.nonces) {
            Ok(a) => a,
            Err(e) => return self.error_exchange(p, &e, format, &host, rid),
        };
        let key = self.world.access_keys.iter().find(|k| k.id == auth.access_key_id);
        if key.is_some_and(|k| !k.enabled) {
            return self.error_exchange(auth.params, &key_inactive(), format, &host, rid);
        }
        let caller = key.map_or_else(|| self.world.caller.clone(), |k| k.principal.clone());
        let mut rng = self.rng.clone();
        let result = self.plan(&mut rng, auth.action, &auth.params, &caller);
        self.rng = rng;
        self.finish(result, auth.params, &host, format, rid, true)
    }

    /// The world clock (virtual seconds since the scenario start).
    pub fn world_time(&self) -> u64 {
        self.world.now
    }

    /// Moves the world clock forward by `secs`, running copy events on the way.
    pub fn advance(&mut self, secs: u64) {
        self.world.advance(secs);
    }

    /// Runs to the next event (a copy task ending, an instance starting to run); false if there is none.
    pub fn run_to_next_event(&mut self) -> bool {
        match self.world.next_event() {
            Some(t) => {
                let secs = t.saturating_sub(self.world.now);
                self.advance(secs);
                true
            }
            None => false,
        }
    }

    /// Runs until no copy is waiting or running and no instance is pending.
    pub fn run_to_idle(&mut self) {
        while self.run_to_next_event() {}
    }

    /// The engine's RNG (its state is part of the engine, so previews match calls).
    pub fn rng(&self) -> &Rng {
        &self.rng
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(v: &[(&str, &str)]) -> Params {
        v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    fn doc_copy() -> Params {
        p(&[
            ("Action", "CopyImage"),
            ("Version", "2014-05-26"),
            ("Format", "JSON"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", crate::teach::presets::DOC_IMAGE_ID),
            ("DestinationRegionId", "cn-shanghai"),
        ])
    }

    #[test]
    fn reference_example_succeeds_in_the_default_world() {
        let mut e = Engine::from_preset("default", 1).unwrap();
        let ctx = CallContext::new("ecs.cn-hangzhou.aliyuncs.com");
        let preview = e.preview(&doc_copy(), &ctx);
        let x = e.call(&doc_copy(), &ctx);
        assert_eq!(preview, x);
        assert_eq!(x.response.status, 200, "{}", x.response.body);
        let v: serde_json::Value = serde_json::from_str(&x.response.body).unwrap();
        let id = v["ImageId"].as_str().unwrap();
        assert!(id.starts_with("m-uf6") && id.len() == 22, "{id}");
        assert_eq!(v["RequestId"].as_str().unwrap(), x.request_id);
        assert_eq!(x.rule.id, "copyimage.queued");
        // The copy is Creating right away (the cn-hangzhou lane is free), then Available.
        let img = e.world().image(id).unwrap().clone();
        assert_eq!(e.world().status_of(&img).as_str(), "Creating");
        e.run_to_idle();
        assert_eq!(e.world().status_of(&img).as_str(), "Available");
    }

    #[test]
    fn an_engine_of_copy_image_alone_answers_it_alike_and_labels_the_rest_as_the_playgrounds() {
        let world = || crate::teach::presets::preset("default").unwrap();
        let ctx = CallContext::new("ecs.cn-hangzhou.aliyuncs.com");
        let mut all = Engine::new(world(), 1);
        let mut first = Engine::with_operations(world(), 1, Operations::COPY_IMAGE);
        assert_eq!(first.operations(), Operations::COPY_IMAGE);
        assert!(first.operations().plans("CopyImage") && !first.operations().plans("DescribeImages"));
        // CopyImage: the same exchange, the same world after it.
        assert_eq!(first.call(&doc_copy(), &ctx), all.call(&doc_copy(), &ctx));
        assert_eq!(first.world(), all.world());
        // Another operation: the playground's own error, never an ECS code, tied to the operation's page.
        let describe = p(&[
            ("Action", "DescribeImages"),
            ("Version", "2014-05-26"),
            ("Format", "JSON"),
            ("RegionId", "cn-hangzhou"),
        ]);
        let x = first.preview(&describe, &ctx);
        assert_eq!(x.response.status, 503);
        assert!(
            x.response.body.contains("\"Code\":\"Playground.OperationLoading\""),
            "{}",
            x.response.body
        );
        assert!(
            x.response
                .body
                .contains("The playground has not loaded DescribeImages yet."),
            "{}",
            x.response.body
        );
        assert_eq!(
            (x.rule.id.as_str(), x.rule.source),
            ("playground.operation_loading", Source::DescribeImages)
        );
        // Upgraded, it answers as the full engine does.
        first.set_operations(Operations::ALL);
        assert_eq!(first.preview(&describe, &ctx), all.preview(&describe, &ctx));
        assert_eq!(first.preview(&describe, &ctx).response.status, 200);
    }

    #[test]
    fn the_answer_is_typed() {
        let mut e = Engine::from_preset("default", 1).unwrap();
        let ctx = CallContext::new("ecs.cn-hangzhou.aliyuncs.com");
        // IncorrectDestinationRegion quotes no parameter name; the engine still says where it belongs.
        let mut same = doc_copy();
        same.retain(|(k, _)| k != "DestinationRegionId");
        same.push(("DestinationRegionId".into(), "cn-hangzhou".into()));
        let x = e.preview(&same, &ctx);
        let err = x.answer.error().expect("an error");
        assert_eq!(err.code, "IncorrectDestinationRegion");
        assert_eq!(err.field.as_deref(), Some("DestinationRegionId"));
        assert_eq!(x.answer.code(), Some("IncorrectDestinationRegion"));
        // A tag error belongs to its row.
        let mut tag = doc_copy();
        tag.push(("Tag.3.Key".into(), "acs:x".into()));
        let x = e.preview(&tag, &ctx);
        assert_eq!(x.answer.error().unwrap().field.as_deref(), Some("Tag.3.Key"));
        // A success carries its fields, the same the body renders.
        let x = e.call(&doc_copy(), &ctx);
        let id = x.answer.str_field("ImageId").unwrap().to_string();
        assert!(
            x.response.body.contains(&format!("\"ImageId\":\"{id}\"")),
            "{}",
            x.response.body
        );
        assert!(x.answer.error().is_none());
    }

    #[test]
    fn dispatch_errors() {
        let mut e = Engine::from_preset("minimal", 1).unwrap();
        let ctx = CallContext::new("ecs.aliyuncs.com");
        let x = e.call(&p(&[("Action", "CreateInstance"), ("Version", "2014-05-26")]), &ctx);
        assert_eq!(x.response.status, 404);
        assert!(x.response.body.contains("<Code>InvalidAction.NotFound</Code>"));
        let x = e.call(
            &p(&[("Action", "CopyImage"), ("Version", "2016-01-01"), ("Format", "json")]),
            &ctx,
        );
        assert_eq!(x.response.status, 400);
        assert!(x
            .response
            .body
            .contains(r#""Message":"Specified parameter Version is not valid.""#));
        let x = e.call(&p(&[("Version", "2014-05-26")]), &ctx);
        assert!(x
            .response
            .body
            .contains("The input parameter \"Action\" that is mandatory"));
    }
}
