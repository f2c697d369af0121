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
    /// Other parameters: name/value rows the form has no field for (`Tag.21.Key`, an unknown name, an
    /// undocumented `Version`), sent as written after the rest. A row whose name the request already carries
    /// replaces that value (so `Action` or `Version` here is what goes on the wire); a row without a name is
    /// not sent.
    pub others: Vec<(String, String)>,
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
            others: Vec::new(),
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
    /// parameters, then the other parameters (each replacing a value of the same name, else appended). (The
    /// secret is not a parameter.)
    pub fn params(&self) -> Params {
        let mut out: Params = vec![
            ("Action".into(), self.op().action.into()),
            ("Version".into(), VERSION.into()),
            ("Format".into(), self.format.as_str().into()),
            ("AccessKeyId".into(), self.access_key_id.clone()),
        ];
        out.extend(self.business_params());
        for (k, v) in self.others.iter().filter(|(k, _)| sendable(k)) {
            match out.iter_mut().find(|(n, _)| n == k) {
                Some(slot) => slot.1 = v.clone(),
                None => out.push((k.clone(), v.clone())),
            }
        }
        out
    }

    /// Switches the operation, dropping the values and tag rows the new one does not take (so a DescribeImages
    /// does not send the ImageId of a CopyImage by surprise); other parameters the new operation has a field
    /// for move into that field.
    pub fn choose_operation(&mut self, action: &str) {
        self.action = action.to_string();
        let op = self.op();
        self.values.0.retain(|(k, _)| op.params.iter().any(|d| d.name == k));
        if !self.has_tags() {
            self.tags.clear();
        }
        let others = std::mem::take(&mut self.others);
        for (k, v) in others {
            if op.params.iter().any(|d| d.name == k) && !k.contains(".N.") {
                self.values.insert(k, v);
            } else {
                self.others.push((k, v));
            }
        }
    }

    /// Sets the form from a list of wire parameters (a permalink or a history entry): `Action` and `Format`
    /// are read, complete `Tag.N.Key`/`Tag.N.Value` pairs (N = 1 to 20) of an operation with tags become
    /// rows, the selected operation's documented names become field values, and everything else (an unknown
    /// Action or Version, `Tag.21.Key`, a tag value without its key, a name no field holds) goes to the other
    /// parameters as written. Returns the names it put there.
    pub fn apply_params(&mut self, params: &[(String, String)]) -> Vec<String> {
        let before = self.others.len();
        if let Some((_, a)) = params.iter().find(|(k, _)| k == "Action") {
            if docs::operation(a).is_some() {
                self.action = a.clone();
            }
        }
        let known_action = params
            .iter()
            .find(|(k, _)| k == "Action")
            .is_none_or(|(_, a)| docs::operation(a).is_some());
        // A tag pair is a row only when both halves are there (a row sends both), so the form sends exactly
        // what the params hold.
        let takes_tags = self.has_tags();
        let paired = |n: usize| {
            takes_tags
                && [true, false]
                    .iter()
                    .all(|&key| params.iter().any(|(k, _)| tag_index(k) == Some((n, key))))
        };
        // One slot per N (1 to MAX_TAGS, see `tag_index`): a fixed table rather than a BTreeMap keyed by N,
        // whose B-tree code would be in the WASM only for this.
        let mut tags: Vec<Option<(String, String)>> = vec![None; MAX_TAGS + 1];
        for (k, v) in params {
            match k.as_str() {
                "Action" if known_action => {}
                "Version" if v == VERSION => {}
                "Format" if Format::parse(v).is_some() => self.format = Format::parse(v).unwrap_or(self.format),
                "AccessKeyId" => self.access_key_id = v.clone(),
                _ => match tag_index(k) {
                    Some((n, is_key)) if paired(n) => {
                        // `tag_index` gives 1 to MAX_TAGS only; `get_mut` so that can never panic.
                        if let Some(slot) = tags.get_mut(n) {
                            let row = slot.get_or_insert_with(Default::default);
                            if is_key {
                                row.0 = v.clone();
                            } else {
                                row.1 = v.clone();
                            }
                        }
                    }
                    _ if !k.contains(".N.") && self.op().params.iter().any(|d| d.name == k) => {
                        self.values.insert(k.clone(), v.clone());
                    }
                    _ => self.others.push((k.clone(), v.clone())),
                },
            }
        }
        if tags.iter().any(Option::is_some) {
            // Rows are kept in N order; gaps close up (the form numbers rows 1..).
            self.tags = tags.into_iter().flatten().collect();
        }
        self.others[before..].iter().map(|(k, _)| k.clone()).collect()
    }
}

/// Whether an other-parameter row with this name goes on the wire: not without a name, never a link key
/// (`v`, `preset`, ...), never the secret (which is no parameter and must not reach a link).
pub fn sendable(name: &str) -> bool {
    !name.is_empty() && name != "AccessKeySecret" && !crate::permalink::LINK_KEYS.contains(&name)
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

    fn kv(k: &str, v: &str) -> (String, String) {
        (k.to_string(), v.to_string())
    }

    #[test]
    fn apply_params_reads_fields_and_tags_and_keeps_the_rest_as_other_parameters() {
        let mut f = Form::default();
        f.values.clear();
        let others = f.apply_params(&[
            kv("Action", "CopyImage"),
            kv("ImageId", "m-x"),
            kv("Tag.2.Value", "v"),
            kv("Tag.2.Key", "k"),
            kv("Format", "xml"),
            kv("Bogus", "1"),
            kv("Tag.21.Key", "k21"),
            kv("Status", "Available"),
        ]);
        assert_eq!(f.action, "CopyImage");
        assert_eq!(f.value("ImageId"), "m-x");
        assert_eq!(f.tags, vec![kv("k", "v")]);
        assert_eq!(f.format, Format::Xml);
        // Status is DescribeImages's, not CopyImage's: no field of this form holds it.
        assert_eq!(others, ["Bogus", "Tag.21.Key", "Status"]);
        assert_eq!(
            f.others,
            vec![kv("Bogus", "1"), kv("Tag.21.Key", "k21"), kv("Status", "Available")]
        );
        // Sent as written, after the rest.
        let p = f.params();
        assert_eq!(
            &p[p.len() - 5..],
            &[
                kv("Tag.1.Key", "k"),
                kv("Tag.1.Value", "v"),
                kv("Bogus", "1"),
                kv("Tag.21.Key", "k21"),
                kv("Status", "Available")
            ]
        );
    }

    #[test]
    fn what_the_form_cannot_hold_is_sent_as_written() {
        let mut f = Form::default();
        f.values.clear();
        let others = f.apply_params(&[
            kv("Action", "CopyImages"),
            kv("Version", "2099-01-01"),
            kv("Format", "yaml"),
            kv("Tag.1.Value", "no key"),
        ]);
        assert_eq!(others, ["Action", "Version", "Format", "Tag.1.Value"]);
        assert!(
            f.tags.is_empty(),
            "half a tag pair is not a row (a row sends both halves)"
        );
        let p = f.params();
        assert_eq!(
            &p[..3],
            &[
                kv("Action", "CopyImages"),
                kv("Version", "2099-01-01"),
                kv("Format", "yaml")
            ]
        );
        assert_eq!(p.last(), Some(&kv("Tag.1.Value", "no key")));
        assert_eq!(p.iter().filter(|(k, _)| k == "Action").count(), 1);
    }

    #[test]
    fn link_keys_and_the_secret_are_never_sent() {
        let mut f = Form::default();
        for k in [
            "v",
            "preset",
            "seed",
            "scenario",
            "steps",
            "lang",
            "AccessKeySecret",
            "",
        ] {
            f.others.push(kv(k, "x"));
        }
        f.others.push(kv("Extra", "1"));
        let p = f.params();
        assert_eq!(p.last(), Some(&kv("Extra", "1")));
        assert_eq!(p.len(), Form::default().params().len() + 1);
    }

    #[test]
    fn switching_operation_drops_what_it_does_not_take() {
        let mut f = Form {
            tags: vec![kv("a", "1")],
            others: vec![kv("Status", "Creating"), kv("Bogus", "1")],
            ..Form::default()
        };
        f.values.insert("DestinationImageName".into(), "copy".into());
        f.choose_operation("DescribeImages");
        assert_eq!(f.value("RegionId"), "cn-hangzhou");
        assert_eq!(f.value("ImageId"), "m-bp1h46wfpjsjastc****");
        assert_eq!(f.value("DestinationRegionId"), "");
        assert_eq!(f.value("DestinationImageName"), "");
        assert_eq!(
            f.value("Status"),
            "Creating",
            "an other parameter the new operation takes becomes its field"
        );
        assert_eq!(f.others, vec![kv("Bogus", "1")]);
        // Tag rows stay exactly when the new operation takes tags.
        assert_eq!(f.tags.is_empty(), !f.has_tags());
        f.choose_operation("DeleteImage");
        assert!(f.tags.is_empty());
        assert_eq!(f.value("Status"), "");
        assert_eq!(f.value("ImageId"), "m-bp1h46wfpjsjastc****");
    }

    #[test]
    fn apply_params_keeps_tag_rows_in_n_order_and_closes_gaps() {
        let mut f = Form::default();
        f.apply_params(&[
            kv("Tag.20.Key", "last"),
            kv("Tag.20.Value", ""),
            kv("Tag.3.Key", "k3"),
            kv("Tag.1.Value", "v1"),
            kv("Tag.1.Key", ""),
            kv("Tag.3.Value", "v3"),
        ]);
        assert_eq!(f.tags, vec![kv("", "v1"), kv("k3", "v3"), kv("last", "")]);
        assert!(f.others.is_empty());
        // Parameters without tags leave the rows alone.
        f.apply_params(&[kv("ImageId", "m-y")]);
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
