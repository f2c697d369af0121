//! Typed reading of wire parameters: required values, booleans (any case, as the Python Tea SDK sends
//! `True`), integers, and `Tag.N.Key` / `Tag.N.Value` lists. Wire values are strings of any content;
//! nothing here panics, every bad value becomes the documented (or recorded) error.
//!
//! Layer: service (may use `base`, `signing`, `model`).

use crate::base::error::ApiError;
use crate::base::wire::{param, Params};

/// `InvalidParameter` 400 for a value of the wrong type (the one constructor, in `base::error`).
pub use crate::base::error::invalid_parameter as invalid;
/// `MissingParameter` 400 (the one constructor, in `base::error`).
pub use crate::base::error::missing_parameter as missing;

/// The value of `name`, treating an empty value as absent (clients send `Name=` for unset fields).
pub fn opt<'a>(p: &'a Params, name: &str) -> Option<&'a str> {
    param(p, name).filter(|v| !v.is_empty())
}

/// A required, non-empty value.
pub fn required<'a>(p: &'a Params, name: &str) -> Result<&'a str, ApiError> {
    opt(p, name).ok_or_else(|| missing(name))
}

/// A Boolean read case-insensitively (`true`, `True`, `FALSE`...).
pub fn boolean(p: &Params, name: &str) -> Result<Option<bool>, ApiError> {
    match opt(p, name) {
        None => Ok(None),
        Some(v) if v.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(v) if v.eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(_) => Err(invalid(name)),
    }
}

/// A non-negative integer (Long on the wire).
pub fn long(p: &Params, name: &str) -> Result<Option<u64>, ApiError> {
    match opt(p, name) {
        None => Ok(None),
        Some(v) if !v.is_empty() && v.len() <= 20 && v.bytes().all(|c| c.is_ascii_digit()) => {
            v.parse().map(Some).map_err(|_| invalid(name))
        }
        Some(_) => Err(invalid(name)),
    }
}

/// One `Tag.N.*` pair as it arrived: N as written, and which halves were given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawTag {
    /// N as written after `Tag.` (may be anything).
    pub n: String,
    /// `Tag.N.Key`, if given.
    pub key: Option<String>,
    /// `Tag.N.Value`, if given.
    pub value: Option<String>,
}

/// Collects `Tag.N.Key` / `Tag.N.Value` pairs in order of first appearance. Other `Tag.*` names are
/// returned with neither half (the rules reject them as malformed keys).
pub fn raw_tags(p: &Params) -> Vec<RawTag> {
    let mut out: Vec<RawTag> = Vec::new();
    for (k, v) in p {
        let Some(rest) = k.strip_prefix("Tag.") else { continue };
        let (n, field) = match rest.rsplit_once('.') {
            Some((n, f)) if f == "Key" || f == "Value" => (n, f),
            _ => (rest, ""),
        };
        let idx = match out.iter().position(|t| t.n == n) {
            Some(i) => i,
            None => {
                out.push(RawTag {
                    n: n.to_string(),
                    key: None,
                    value: None,
                });
                out.len() - 1
            }
        };
        let t = &mut out[idx];
        match field {
            "Key" if t.key.is_none() => t.key = Some(v.clone()),
            "Value" if t.value.is_none() => t.value = Some(v.clone()),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(v: &[(&str, &str)]) -> Params {
        v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn booleans_any_case() {
        let ps = p(&[("DryRun", "True"), ("Encrypted", "FALSE"), ("X", "yes"), ("E", "")]);
        assert_eq!(boolean(&ps, "DryRun").unwrap(), Some(true));
        assert_eq!(boolean(&ps, "Encrypted").unwrap(), Some(false));
        assert_eq!(boolean(&ps, "E").unwrap(), None);
        assert_eq!(
            boolean(&ps, "X").unwrap_err().message,
            "The specified parameter \"X\" is not valid."
        );
    }

    #[test]
    fn missing_uses_the_template() {
        let e = required(&p(&[("ImageId", "")]), "ImageId").unwrap_err();
        assert_eq!(e.http_status, 400);
        assert_eq!(e.code, "MissingParameter");
        assert_eq!(
            e.message,
            "The input parameter \"ImageId\" that is mandatory for processing this request is not supplied."
        );
    }

    #[test]
    fn tags_pair_up() {
        let ps = p(&[
            ("Tag.2.Value", "v2"),
            ("Tag.1.Key", "k1"),
            ("Tag.2.Key", "k2"),
            ("Tag.x", "?"),
        ]);
        let t = raw_tags(&ps);
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].n, "2");
        assert_eq!(t[0].key.as_deref(), Some("k2"));
        assert_eq!(t[0].value.as_deref(), Some("v2"));
        assert_eq!(t[1].value, None);
        assert_eq!(t[2].n, "x");
        assert_eq!(
            long(&p(&[("OwnerId", "12a")]), "OwnerId").unwrap_err().code,
            "InvalidParameter"
        );
        assert_eq!(
            long(&p(&[("OwnerId", "99999999999999999999")]), "OwnerId")
                .unwrap_err()
                .code,
            "InvalidParameter"
        );
        assert_eq!(long(&p(&[("OwnerId", "12")]), "OwnerId").unwrap(), Some(12));
    }
}
