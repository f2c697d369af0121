//! The page's components, one a file. Each takes plain props and a `Callback<Action>`; none holds a rule.

pub mod copy_button;
pub mod field;
pub mod history;
pub mod request_pane;
pub mod response_pane;
pub mod scenario_pane;
pub mod signed_pane;
pub mod world_pane;
