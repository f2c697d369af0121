//! The one Action/Version check. Every path goes through it exactly once: `Engine::call` and
//! `Engine::preview` before planning, and the gateway's `authenticate` (the HTTP endpoint, the debugger)
//! right after the HTTP method, so an error's "why" never depends on the path.
//!
//! Layer: service.

use crate::base::api::{ACTIONS, API_VERSION};
use crate::base::error::{invalid_action, invalid_version, ApiError};
use crate::base::wire::Params;
use crate::service::params;

/// `MissingParameter` Action, `MissingParameter` Version, `InvalidVersion`, `InvalidAction.NotFound`, in
/// that order (an empty value counts as absent); the known Action on success.
pub fn dispatch(p: &Params) -> Result<&'static str, ApiError> {
    let action = params::required(p, "Action")?;
    let version = params::required(p, "Version")?;
    if version != API_VERSION {
        return Err(invalid_version());
    }
    ACTIONS
        .iter()
        .find(|a| **a == action)
        .copied()
        .ok_or_else(invalid_action)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(v: &[(&str, &str)]) -> Params {
        v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn order_and_result() {
        assert_eq!(
            dispatch(&p(&[("Action", "CopyImage"), ("Version", "2014-05-26")])),
            Ok("CopyImage")
        );
        let code = |v: &[(&str, &str)]| dispatch(&p(v)).unwrap_err();
        let e = code(&[("Version", "2016-01-01")]);
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            (
                "MissingParameter",
                "The input parameter \"Action\" that is mandatory for processing this request is not supplied."
            )
        );
        let e = code(&[("Action", "Nope"), ("Version", "")]);
        assert!(e.message.contains("\"Version\""), "{}", e.message);
        assert_eq!(
            code(&[("Action", "Nope"), ("Version", "2016-01-01")]).code,
            "InvalidVersion"
        );
        let e = code(&[("Action", "CopyImages"), ("Version", "2014-05-26")]);
        assert_eq!((e.http_status, e.code.as_str()), (404, "InvalidAction.NotFound"));
        assert_eq!(e.rule.id, "common.invalid_action");
    }
}
