//! Exports: the history as a transcript. Never contains the AccessKeySecret (the form's secret is not a
//! parameter and so is in no exchange).

use crate::state::State;

/// The history as a transcript (JSON).
pub fn transcript(state: &State) -> String {
    let steps: Vec<serde_json::Value> = state
        .history
        .iter()
        .map(|h| {
            serde_json::json!({
                "world_time": h.world_time,
                "params": h.exchange.params,
                "response": h.exchange.response,
                "rule": h.exchange.rule,
            })
        })
        .collect();
    serde_json::json!({ "preset": state.preset, "seed": state.seed, "steps": steps }).to_string()
}
