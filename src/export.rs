//! Exports the history as a transcript in the engine's one format (`copyimage_engine::transcript`), so
//! `copyimage run --check` replays it: the page's steps are the engine's steps, world edits included. Never contains the AccessKeySecret: the secret is not a parameter
//! and so is in no step.

use crate::permalink::Step;
use crate::state::{replay, Start, State};
use copyimage_engine::transcript::{self, Addressing, ScenarioRef, Transcript};

/// The transcript of `state`: its start (a preset by name, an imported world inline) and every step as the
/// page took it, world edits included, with the outcomes recorded by running it (the engine is
/// deterministic, so they are the page's own history, byte for byte).
pub fn transcript(state: &State) -> String {
    let to = Addressing::by_region();
    // One host when every request went to the same endpoint (readable, and what older `copyimage run`
    // reads); each request to its region's endpoint otherwise.
    let mut first: Option<String> = None;
    let mut one_host = true;
    for s in &state.steps {
        if let Step::Send(p) = s {
            let h = to.host_for(p);
            match &first {
                None => first = Some(h),
                Some(f) => one_host &= *f == h,
            }
        }
    }
    let mut t = Transcript {
        version: transcript::VERSION,
        scenario: start_ref(&state.start),
        seed: state.seed,
        host: match (one_host, first) {
            (true, Some(h)) => h,
            _ => transcript::default_host(),
        },
        host_by_region: !one_host,
        steps: state.steps.clone(),
        responses: Vec::new(),
    };
    // Recorded by running the steps from the page's start with the engine's one replay (the loop the page
    // itself replays links with).
    if let Ok((mut engine, _)) = replay(&state.start, state.seed, &[]) {
        let mut out = Vec::new();
        let _ = transcript::replay(
            &mut engine,
            &t.addressing(),
            &state.steps,
            transcript::apply_trusted_step,
            &mut |i, _, x, e| out.push(transcript::record(i, &state.steps[i], x, e)),
        );
        t.responses = out;
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
        assert!(!t.host_by_region && t.host == "ecs.cn-hangzhou.aliyuncs.com", "{json}");
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

    #[test]
    fn edits_travel_as_steps_and_requests_keep_their_region_endpoint() {
        let mut s = State::new();
        s.apply(Action::Edit(copyimage_engine::edits::set_edit(
            "/settings/image_name_message",
            "plain",
        )));
        s.apply(Action::SetField(
            "DestinationImageName".into(),
            "1-starts-with-a-digit".into(),
        ));
        s.apply(Action::Send);
        s.apply(Action::SetField("RegionId".into(), "cn-beijing".into()));
        s.apply(Action::Send);
        let json = transcript(&s);
        let t = transcript::from_json(&json).unwrap();
        assert_eq!(
            t.scenario,
            ScenarioRef::Preset("default".into()),
            "no inline world: {json}"
        );
        assert_eq!(t.steps, s.steps);
        assert!(t.host_by_region);
        assert!(json.contains("\"edit\": \"set\""), "{json}");
        transcript::check(&t).unwrap();
        let bodies: Vec<&str> = t
            .responses
            .iter()
            .filter_map(|r| match r {
                transcript::Recorded::Response { body, .. } => Some(body.as_str()),
                _ => None,
            })
            .collect();
        let history: Vec<&str> = s.history.iter().map(|h| h.exchange.response.body.as_str()).collect();
        assert_eq!(bodies, history);
        assert!(
            history[0].contains("The specified Image name is wrongly formed."),
            "{}",
            history[0]
        );
        assert!(history[1].contains("ecs.cn-beijing.aliyuncs.com"), "{}", history[1]);
    }
}
