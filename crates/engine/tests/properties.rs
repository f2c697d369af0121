//! Property tests: the copy queue under random operation sequences, and the parsers and validators
//! under arbitrary input.

use copyimage_engine::clock::UtcTime;
use copyimage_engine::engine::{CallContext, Engine};
use copyimage_engine::queue::TaskState;
use copyimage_engine::wire::{HttpRequest, Params};
use copyimage_engine::world::QueueKey;
use copyimage_engine::{scenario, transcript};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug)]
enum Op {
    Copy(usize, usize),
    Cancel(usize),
    Advance(u64),
    NextEvent,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0usize..8, 0usize..4).prop_map(|(i, d)| Op::Copy(i, d)),
        1 => (0usize..16).prop_map(Op::Cancel),
        2 => (0u64..3000).prop_map(Op::Advance),
        1 => Just(Op::NextEvent),
    ]
}

const REGIONS: [&str; 4] = ["cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen"];

fn p(v: &[(&str, &str)]) -> Params {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

/// Checks every queue invariant; `history` remembers each ended task's (state, ended_at) to prove it
/// ended exactly once.
fn check_invariants(e: &Engine, limit: u32, history: &mut BTreeMap<usize, (TaskState, Option<u64>)>) {
    let w = e.world();
    let q = &w.queue;
    // Never more than the limit running per lane; lanes agree with task states.
    for (lane, l) in q.lanes() {
        assert!(
            l.running.len() <= limit as usize,
            "lane {lane} runs {}",
            l.running.len()
        );
        for &i in &l.running {
            assert_eq!(q.tasks[i].state, TaskState::Running);
        }
        for &i in &l.waiting {
            assert_eq!(q.tasks[i].state, TaskState::Waiting);
        }
        // A lane with waiting tasks is full (no idle capacity).
        if !l.waiting.is_empty() {
            assert_eq!(l.running.len(), limit as usize, "lane {lane} idles with work waiting");
        }
    }
    let mut by_lane: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for t in &q.tasks {
        by_lane.entry(t.lane.as_str()).or_default().push(t.id);
        match t.state {
            TaskState::Waiting => assert!(t.started_at.is_none() && t.ended_at.is_none()),
            TaskState::Running => assert!(t.started_at.is_some() && t.ended_at.is_none()),
            _ => {
                assert!(t.ended_at.is_some());
                let seen = history.entry(t.id).or_insert((t.state, t.ended_at));
                assert_eq!(*seen, (t.state, t.ended_at), "task {} ended twice", t.id);
            }
        }
        if let (Some(s), Some(end)) = (t.started_at, t.ended_at) {
            assert!(s <= end && end <= w.now);
        }
    }
    // FIFO: within a lane, a task never starts before an older task that was still waiting.
    for ids in by_lane.values() {
        for (a_pos, &a) in ids.iter().enumerate() {
            for &b in &ids[a_pos + 1..] {
                let (ta, tb) = (&q.tasks[a], &q.tasks[b]);
                if let Some(sb) = tb.started_at {
                    match ta.started_at {
                        Some(sa) => assert!(sa <= sb, "task {b} started before older task {a}"),
                        None => assert_eq!(ta.state, TaskState::Canceled, "task {b} overtook waiting task {a}"),
                    }
                }
            }
        }
    }
    // No image lost or duplicated: each non-cancelled task has exactly one image; cancelled ones none.
    let mut ids = BTreeSet::new();
    for i in &w.images {
        assert!(ids.insert(i.id.as_str()), "duplicate image {}", i.id);
    }
    for t in &q.tasks {
        let n = w.images.iter().filter(|i| i.id == t.destination_image_id).count();
        let want = usize::from(t.state != TaskState::Canceled);
        assert_eq!(n, want, "task {} ({:?}) has {n} images", t.id, t.state);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn queue_invariants_hold(limit in 1u32..4, by_dest in any::<bool>(), ops in prop::collection::vec(op(), 1..60)) {
        let mut e = Engine::from_preset("busy-queue", 3).unwrap();
        e.world_mut().settings.queue_limit = limit;
        e.world_mut().settings.queue_key = if by_dest { QueueKey::Destination } else { QueueKey::Source };
        e.revalidate().unwrap();
        let ctx = CallContext::new("ecs.aliyuncs.com");
        let mut history = BTreeMap::new();
        for o in ops {
            match o {
                Op::Copy(i, d) => {
                    let avail: Vec<(String, String)> = e.world().images.iter()
                        .filter(|im| e.world().status_of(im).as_str() == "Available")
                        .map(|im| (im.id.clone(), im.region.clone())).collect();
                    if let Some((id, region)) = avail.get(i % avail.len().max(1)) {
                        e.call(&p(&[("Action", "CopyImage"), ("Version", "2014-05-26"), ("RegionId", region),
                                    ("ImageId", id), ("DestinationRegionId", REGIONS[d])]), &ctx);
                    }
                }
                Op::Cancel(k) => {
                    let active: Vec<(String, String)> = e.world().queue.tasks.iter()
                        .filter(|t| t.state.is_active())
                        .map(|t| (t.destination_image_id.clone(), t.destination_region.clone())).collect();
                    if let Some((id, region)) = active.get(k % active.len().max(1)) {
                        let x = e.call(&p(&[("Action", "CancelCopyImage"), ("Version", "2014-05-26"),
                                            ("RegionId", region), ("ImageId", id)]), &ctx);
                        prop_assert_eq!(x.response.status, 200, "{}", x.response.body);
                    }
                }
                Op::Advance(s) => e.advance(s),
                Op::NextEvent => { e.run_to_next_event(); }
            }
            check_invariants(&e, limit, &mut history);
        }
        e.run_to_idle();
        check_invariants(&e, limit, &mut history);
        prop_assert!(e.world().queue.tasks.iter().all(|t| !t.state.is_active()), "idle means every task ended");
        prop_assert_eq!(e.world().queue.next_event(), None);
    }

    #[test]
    fn any_parameter_value_never_panics(
        action in prop::sample::select(vec!["CopyImage", "CancelCopyImage", "DeleteImage", "DescribeImages", "DescribeRegions", "Nope", ""]),
        values in prop::collection::vec((prop::sample::select(vec![
            "RegionId", "ImageId", "DestinationRegionId", "DestinationImageName", "DestinationDescription",
            "Encrypted", "KMSKeyId", "ResourceGroupId", "Tag.1.Key", "Tag.1.Value", "Tag.99.Key", "Tag.x.Value",
            "ClientToken", "DryRun", "OwnerId", "ResourceOwnerId", "Status", "PageSize", "PageNumber",
            "ImageOwnerAlias", "Force", "AcceptLanguage", "Version", "Format"]), any::<String>()), 0..12),
        format in prop::sample::select(vec!["JSON", "xml", "json", ""]),
    ) {
        let mut e = Engine::from_preset("default", 9).unwrap();
        let mut params: Params = vec![("Action".into(), action.into()), ("Version".into(), "2014-05-26".into()),
                                       ("Format".into(), format.into())];
        params.extend(values.into_iter().map(|(k, v)| (k.to_string(), v)));
        let ctx = CallContext::new("ecs.aliyuncs.com");
        let preview = e.preview(&params, &ctx);
        let x = e.call(&params, &ctx);
        prop_assert_eq!(&preview, &x);
        prop_assert!(matches!(x.response.status, 200 | 400 | 401 | 403 | 404 | 500));
        prop_assert!(x.response.body.contains(&x.request_id));
        if format.eq_ignore_ascii_case("json") {
            let v: serde_json::Value = serde_json::from_str(&x.response.body).expect("valid JSON");
            prop_assert_eq!(v["RequestId"].as_str(), Some(x.request_id.as_str()));
        }
    }

    #[test]
    fn any_http_request_never_panics(query in ".{0,200}", body in ".{0,80}", auth in ".{0,80}", host in "[a-z.:0-9]{0,30}") {
        let mut e = Engine::from_preset("default", 2).unwrap();
        let req = HttpRequest {
            method: "POST".into(), host, path: "/".into(), query, body,
            headers: vec![("Authorization".into(), auth), ("Content-Type".into(), "application/x-www-form-urlencoded".into())],
        };
        let x = e.handle_http(&req, UtcTime(1_716_192_000));
        prop_assert!(x.response.status >= 200);
    }

    #[test]
    fn any_scenario_or_transcript_text_never_panics(s in ".{0,300}") {
        let _ = scenario::from_json(&s);
        let _ = transcript::from_json(&s);
        let _ = Engine::from_scenario_json(&s, 1);
    }

    #[test]
    fn mutated_scenarios_never_panic(pos in any::<prop::sample::Index>(), cut in 0usize..40, insert in ".{0,12}") {
        let json = scenario::to_json(&scenario::preset("default").unwrap());
        let mut i = pos.index(json.len());
        while !json.is_char_boundary(i) { i -= 1; }
        let mut j = (i + cut).min(json.len());
        while !json.is_char_boundary(j) { j -= 1; }
        let mutated = format!("{}{}{}", &json[..i], insert, &json[j..]);
        if let Ok(mut e) = Engine::from_scenario_json(&mutated, 1) {
            // A world that loads must also run.
            e.run_to_idle();
            let x = e.call(&p(&[("Action", "DescribeImages"), ("Version", "2014-05-26"), ("RegionId", "cn-hangzhou")]),
                           &CallContext::new("h"));
            prop_assert!(x.response.status >= 200);
        }
    }
}
