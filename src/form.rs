//! The request being built: which operation, the value of each documented parameter, the tag rows, the
//! response format and the credentials. Plain data; turning it into wire parameters is the only logic here.

use copyimage_engine::docs;
use copyimage_engine::wire::Params;

/// The demo AccessKey pair the page starts with (the pair of the signature documentation's V1 example).
pub const DEMO_ACCESS_KEY_ID: &str = "testid";
/// The demo AccessKey secret; a user-typed secret replaces it and never leaves the page.
pub const DEMO_ACCESS_KEY_SECRET: &str = "testsecret";
/// The API version every request carries (the engine's one definition).
pub use copyimage_engine::base::api::API_VERSION as VERSION;
/// Tag rows allowed by the reference (`Valid values of N: 1 to 20`).
pub const MAX_TAGS: usize = 20;

/// The response format the user asked for (`Format` on the wire).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// `Format=JSON` (what the official SDKs send).
    #[default]
    Json,
    /// `Format=XML` (the service's default when `Format` is absent).
    Xml,
}

impl Format {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Xml => "XML",
        }
    }
    /// Parses a wire value, case-insensitively (the Tea SDK sends `json`).
    pub fn parse(s: &str) -> Option<Format> {
        if s.eq_ignore_ascii_case("json") {
            Some(Format::Json)
        } else if s.eq_ignore_ascii_case("xml") {
            Some(Format::Xml)
        } else {
            None
        }
    }
}

/// Field values by wire name: a `Vec` kept sorted by name with the three map methods the app uses. A
/// `BTreeMap<String, String>` would add its own B-tree code to the WASM for a dozen entries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Values(Vec<(String, String)>);

impl Values {
    /// The value for `name`, if set.
    pub fn get(&self, name: &str) -> Option<&String> {
        let i = self.find(name).ok()?;
        Some(&self.0[i].1)
    }

    /// Sets `name` to `value`; returns the value it replaces, if any.
    pub fn insert(&mut self, name: String, value: String) -> Option<String> {
        match self.find(&name) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (name, value));
                None
            }
        }
    }

    /// Forgets every value.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(name))
    }
}

/// The request form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// The `Action`, one of [`docs::OPERATIONS`].
    pub action: String,
    /// Values by wire name. Shared between operations, so `RegionId` and `ImageId` carry over when the
    /// user switches from CopyImage to CancelCopyImage. An empty value is not sent.
    pub values: Values,
    /// `Tag.N.Key` / `Tag.N.Value` rows, N = index + 1. A row is sent whole, even with an empty value
    /// (the reference allows an empty tag value).
    pub tags: Vec<(String, String)>,
    /// The response format.
    pub format: Format,
    /// The caller's AccessKey ID.
    pub access_key_id: String,
    /// The caller's AccessKey secret. Kept in memory only: never in a link, storage, export or log.
    pub access_key_secret: String,
}

impl Default for Form {
    /// The documentation's own example request: `ImageId=m-bp1h46wfpjsjastc****&RegionId=cn-hangzhou`,
    /// plus a destination so the first preview shows a copy rather than a missing-field error.
    fn default() -> Form {
        let mut values = Values::default();
        values.insert("RegionId".to_string(), "cn-hangzhou".to_string());
        values.insert("ImageId".to_string(), "m-bp1h46wfpjsjastc****".to_string());
        values.insert("DestinationRegionId".to_string(), "cn-shanghai".to_string());
        Form {
            action: "CopyImage".into(),
            values,
            tags: Vec::new(),
            format: Format::Json,
            access_key_id: DEMO_ACCESS_KEY_ID.into(),
            access_key_secret: DEMO_ACCESS_KEY_SECRET.into(),
        }
    }
}

impl Form {
    /// The documentation of the selected operation (CopyImage if the action is unknown).
    pub fn op(&self) -> &'static docs::OperationDoc {
        docs::operation(&self.action).unwrap_or(&docs::OPERATIONS[0])
    }

    /// Whether the selected operation takes `Tag.N.*` rows.
    pub fn has_tags(&self) -> bool {
        self.op().params.iter().any(|d| d.name == "Tag.N.Key")
    }

    /// The value typed for `name` (empty if none).
    pub fn value(&self, name: &str) -> &str {
        self.values.get(name).map(String::as_str).unwrap_or("")
    }

    /// The business parameters of the selected operation as they go on the wire, in the reference's order:
    /// non-empty fields, then the tag rows.
    pub fn business_params(&self) -> Params {
        let mut out: Params = Vec::new();
        for d in self.op().params {
            if d.name.contains(".N.") {
                continue;
            }
            let v = self.value(d.name);
            if !v.is_empty() {
                out.push((d.name.to_string(), v.to_string()));
            }
        }
        if self.has_tags() {
            for (i, (k, v)) in self.tags.iter().enumerate() {
                out.push((format!("Tag.{}.Key", i + 1), k.clone()));
                out.push((format!("Tag.{}.Value", i + 1), v.clone()));
            }
        }
        out
    }

    /// What the engine's trusted path reads: `Action`, `Version`, `Format`, `AccessKeyId`, then the business
    /// parameters. (The secret is not a parameter.)
    pub fn params(&self) -> Params {
        let mut out: Params = vec![
            ("Action".into(), self.op().action.into()),
            ("Version".into(), VERSION.into()),
            ("Format".into(), self.format.as_str().into()),
            ("AccessKeyId".into(), self.access_key_id.clone()),
        ];
        out.extend(self.business_params());
        out
    }

    /// Sets the form from a list of wire parameters (a permalink or a history entry): `Action` and
    /// `Format` are read, `Tag.N.*` become rows, every other documented name becomes a field value.
    /// Returns the names it did not recognise.
    pub fn apply_params(&mut self, params: &[(String, String)]) -> Vec<String> {
        let mut unknown = Vec::new();
        if let Some((_, a)) = params.iter().find(|(k, _)| k == "Action") {
            if docs::operation(a).is_some() {
                self.action = a.clone();
            } else {
                unknown.push(format!("Action={a}"));
            }
        }
        // One slot per N (1 to MAX_TAGS, see `tag_index`): a fixed table rather than a BTreeMap keyed by N,
        // whose B-tree code would be in the WASM only for this.
        let mut tags: Vec<Option<(String, String)>> = vec![None; MAX_TAGS + 1];
        for (k, v) in params {
            match k.as_str() {
                "Action" | "Version" => {}
                "Format" => match Format::parse(v) {
                    Some(f) => self.format = f,
                    None => unknown.push(format!("Format={v}")),
                },
                "AccessKeyId" => self.access_key_id = v.clone(),
                _ => {
                    if let Some((n, is_key)) = tag_index(k) {
                        // `tag_index` gives 1 to MAX_TAGS only; `get_mut` so that can never panic.
                        if let Some(slot) = tags.get_mut(n) {
                            let row = slot.get_or_insert_with(Default::default);
                            if is_key {
                                row.0 = v.clone();
                            } else {
                                row.1 = v.clone();
                            }
                        }
                    } else if docs::OPERATIONS.iter().any(|o| o.params.iter().any(|d| d.name == k)) {
                        self.values.insert(k.clone(), v.clone());
                    } else {
                        unknown.push(k.clone());
                    }
                }
            }
        }
        if tags.iter().any(Option::is_some) {
            // Rows are kept in N order; gaps close up (the form numbers rows 1..).
            self.tags = tags.into_iter().flatten().collect();
        }
        unknown
    }
}

/// `Tag.3.Key` -> `(3, true)`, `Tag.3.Value` -> `(3, false)`; N must be 1 to 20.
pub fn tag_index(name: &str) -> Option<(usize, bool)> {
    let rest = name.strip_prefix("Tag.")?;
    let (n, field) = rest.split_once('.')?;
    if n.is_empty() || n.len() > 2 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: usize = n.parse().ok()?;
    if !(1..=MAX_TAGS).contains(&n) {
        return None;
    }
    match field {
        "Key" => Some((n, true)),
        "Value" => Some((n, false)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_form_is_the_doc_example() {
        let f = Form::default();
        let p = f.params();
        assert_eq!(p[0], ("Action".to_string(), "CopyImage".to_string()));
        assert!(p.contains(&("ImageId".to_string(), "m-bp1h46wfpjsjastc****".to_string())));
        assert!(p.contains(&("RegionId".to_string(), "cn-hangzhou".to_string())));
        assert!(!p
            .iter()
            .any(|(k, v)| k.contains("Secret") || v == DEMO_ACCESS_KEY_SECRET));
    }

    #[test]
    fn tags_go_on_the_wire_numbered_and_whole() {
        let mut f = Form {
            tags: vec![("a".into(), "".into()), ("b".into(), "2".into())],
            ..Form::default()
        };
        let p = f.business_params();
        let tail: Vec<_> = p.iter().skip_while(|(k, _)| !k.starts_with("Tag.")).cloned().collect();
        assert_eq!(
            tail,
            vec![
                ("Tag.1.Key".to_string(), "a".to_string()),
                ("Tag.1.Value".to_string(), "".to_string()),
                ("Tag.2.Key".to_string(), "b".to_string()),
                ("Tag.2.Value".to_string(), "2".to_string()),
            ]
        );
        // Operations without tags do not send them.
        f.action = "DeleteImage".into();
        assert!(!f.business_params().iter().any(|(k, _)| k.starts_with("Tag.")));
    }

    #[test]
    fn apply_params_reads_fields_tags_and_reports_unknown_names() {
        let mut f = Form::default();
        let unknown = f.apply_params(&[
            ("Action".into(), "DeleteImage".into()),
            ("ImageId".into(), "m-x".into()),
            ("Tag.2.Value".into(), "v".into()),
            ("Tag.2.Key".into(), "k".into()),
            ("Format".into(), "xml".into()),
            ("Bogus".into(), "1".into()),
            ("Tag.21.Key".into(), "k".into()),
        ]);
        assert_eq!(f.action, "DeleteImage");
        assert_eq!(f.value("ImageId"), "m-x");
        assert_eq!(f.tags, vec![("k".to_string(), "v".to_string())]);
        assert_eq!(f.format, Format::Xml);
        assert_eq!(unknown, vec!["Bogus".to_string(), "Tag.21.Key".to_string()]);
    }

    #[test]
    fn apply_params_keeps_tag_rows_in_n_order_and_closes_gaps() {
        let mut f = Form::default();
        f.apply_params(&[
            ("Tag.20.Key".into(), "last".into()),
            ("Tag.3.Key".into(), "k3".into()),
            ("Tag.1.Value".into(), "v1".into()),
            ("Tag.3.Value".into(), "v3".into()),
        ]);
        let row = |k: &str, v: &str| (k.to_string(), v.to_string());
        assert_eq!(f.tags, vec![row("", "v1"), row("k3", "v3"), row("last", "")]);
        // Parameters without tags leave the rows alone.
        f.apply_params(&[("ImageId".into(), "m-y".into())]);
        assert_eq!(f.tags.len(), 3);
    }

    #[test]
    fn values_behave_as_a_map_by_name() {
        let mut a = Values::default();
        assert_eq!(a.insert("RegionId".into(), "cn-hangzhou".into()), None);
        assert_eq!(a.insert("ImageId".into(), "m-1".into()), None);
        assert_eq!(
            a.insert("RegionId".into(), "cn-beijing".into()),
            Some("cn-hangzhou".into())
        );
        assert_eq!(a.get("RegionId").map(String::as_str), Some("cn-beijing"));
        assert_eq!(a.get("Nope"), None);
        // Equal whatever the insertion order (forms are compared).
        let mut b = Values::default();
        b.insert("RegionId".into(), "cn-beijing".into());
        b.insert("ImageId".into(), "m-1".into());
        assert_eq!(a, b);
        a.clear();
        assert_eq!(a.get("ImageId"), None);
        assert_eq!(a, Values::default());
    }

    #[test]
    fn tag_index_bounds() {
        assert_eq!(tag_index("Tag.1.Key"), Some((1, true)));
        assert_eq!(tag_index("Tag.20.Value"), Some((20, false)));
        assert_eq!(tag_index("Tag.0.Key"), None);
        assert_eq!(tag_index("Tag.21.Key"), None);
        assert_eq!(tag_index("Tag.1.Other"), None);
        assert_eq!(tag_index("Tag.+1.Key"), None);
    }
}
