//! Exports the history as a transcript in the engine's one format (`copyimage_engine::transcript`), so
//! `copyimage run --check` replays it. Never contains the AccessKeySecret: the secret is not a parameter
//! and so is in no step.

use crate::permalink::Step;
use crate::state::{host_for, replay, Start, State};
use copyimage_engine::transcript::{self, ScenarioRef, Transcript};

/// The transcript of `state`. World edits are not transcript steps: when there are any, the transcript
/// starts from the world as it was right after the last edit (inline), followed by the later steps.
pub fn transcript(state: &State) -> String {
    let last_edit = state.steps.iter().rposition(|s| matches!(s, Step::Edit(_)));
    let inline = |steps: &[Step]| {
        replay(&state.start, state.seed, steps)
            .ok()
            .map(|(engine, _)| ScenarioRef::Inline(Box::new(engine.world().clone())))
    };
    let (start, rest): (Option<ScenarioRef>, &[Step]) = match last_edit {
        Some(i) => (inline(&state.steps[..=i]), &state.steps[i + 1..]),
        None => (Some(start_ref(&state.start)), &state.steps[..]),
    };
    let steps: Vec<transcript::Step> = rest
        .iter()
        .filter_map(|s| match s {
            Step::Send(p) => Some(transcript::Step::Request(p.clone())),
            Step::Advance(n) => Some(transcript::Step::Advance(*n)),
            Step::NextEvent => Some(transcript::Step::RunToNextEvent),
            Step::RunToIdle => Some(transcript::Step::RunToIdle),
            Step::Edit(_) => None,
        })
        .collect();
    // Trusted requests share one host in the format: the first request's endpoint.
    let host = rest
        .iter()
        .find_map(|s| match s {
            Step::Send(p) => Some(host_for(p)),
            _ => None,
        })
        .unwrap_or_else(transcript::default_host);
    let mut t = Transcript {
        version: transcript::VERSION,
        scenario: start.unwrap_or_else(|| start_ref(&state.start)),
        seed: state.seed,
        host,
        steps,
        responses: Vec::new(),
    };
    // The recorded outcomes are the page's own history when the transcript starts at the page's start
    // point (no edits): the same bytes `copyimage run --check` will compare against.
    if last_edit.is_none() {
        t.responses = recorded(state, rest);
    }
    transcript::to_json(&t)
}

/// The transcript's start for the page's start: a preset by name, an imported world inline.
fn start_ref(start: &Start) -> ScenarioRef {
    match start {
        Start::Preset(p) => ScenarioRef::Preset(p.clone()),
        Start::Imported(i) => ScenarioRef::Inline(Box::new(i.world.clone())),
    }
}

/// One recorded outcome per step, from the page's history and a replay of the clock.
fn recorded(state: &State, steps: &[Step]) -> Vec<transcript::Recorded> {
    let mut sent = state.history.iter();
    let mut clock = Vec::new();
    // World times after clock steps come from replaying the steps (cheap: no requests are re-sent twice).
    if let Ok((mut engine, _)) = replay(&state.start, state.seed, &[]) {
        for s in steps {
            match s {
                Step::Send(p) => {
                    engine.call(p, &copyimage_engine::engine::CallContext::new(&host_for(p)));
                }
                Step::Advance(n) => engine.advance(*n),
                Step::NextEvent => {
                    engine.run_to_next_event();
                }
                Step::RunToIdle => engine.run_to_idle(),
                Step::Edit(_) => {}
            }
            clock.push(engine.world_time());
        }
    }
    let mut out = Vec::new();
    for (i, s) in steps.iter().enumerate() {
        match s {
            Step::Send(_) => {
                if let Some(h) = sent.next() {
                    let x = &h.exchange;
                    out.push(transcript::Recorded::Response {
                        step: i,
                        status: x.response.status,
                        headers: x.response.headers.clone(),
                        body: x.response.body.clone(),
                        rule: x.rule.id.clone(),
                        request_id: x.request_id.clone(),
                    });
                }
            }
            Step::Edit(_) => {}
            _ => out.push(transcript::Recorded::Clock {
                step: i,
                world_time: clock.get(i).copied().unwrap_or(0),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Action;

    #[test]
    fn export_replays_to_the_same_responses_and_has_no_secret() {
        let mut s = State::new();
        s.apply(Action::SetSecret("s3cr3t-value".into()));
        s.apply(Action::Send);
        s.apply(Action::Advance(90));
        s.apply(Action::RunToIdle);
        let json = transcript(&s);
        assert!(!json.contains("s3cr3t-value"));
        let t = transcript::from_json(&json).unwrap();
        assert!(transcript::check(&t).is_ok());
        assert_eq!(t.steps.len(), 3);
        match &t.responses[0] {
            transcript::Recorded::Response { body, .. } => assert_eq!(body, &s.history[0].exchange.response.body),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_imported_world_is_inlined_and_replays() {
        let mut s = State::new();
        let json = copyimage_engine::scenario::to_json(&copyimage_engine::scenario::preset("minimal").unwrap());
        s.apply(Action::ImportScenario(Ok(json)));
        s.apply(Action::SetField("RegionId".into(), "cn-hangzhou".into()));
        s.apply(Action::Send);
        let t = transcript::from_json(&transcript(&s)).unwrap();
        assert!(
            matches!(t.scenario, ScenarioRef::Inline(ref w) if w.as_ref() == match &s.start {
                Start::Imported(i) => &i.world,
                _ => panic!("not imported"),
            })
        );
        assert!(transcript::check(&t).is_ok());
    }
}
