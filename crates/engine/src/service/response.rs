//! Wire rendering of responses: JSON and XML bodies, status and headers, for successes and errors.
//!
//! Shapes follow FACTS §1b: flat objects with `RequestId` first; lists wrapped twice (`Images.Image`),
//! which in XML is a wrapper element holding repeated item elements. Error bodies carry
//! `RequestId, Message, Recommend, HostId, Code` (JSON, newer captures' order) or the captured XML form
//! with a single-quoted prolog and `Recommend` in CDATA. Everything user-supplied is escaped.
//!
//! Layer: service (may use `base`, `signing`, `model`).

use crate::base::error::ApiError;
use crate::base::wire::HttpResponse;

/// The response format a request asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `Format=JSON` (any case).
    Json,
    /// `Format=XML` or absent (ECS's default).
    Xml,
}

impl Format {
    /// Reads the `Format` parameter case-insensitively (the Tea SDK sends `json`); default XML.
    pub fn from_param(v: Option<&str>) -> Format {
        match v {
            Some(s) if s.eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Xml,
        }
    }

    /// The Content-Type header value (the Tea SDK compares the XML one exactly).
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json;charset=utf-8",
            Format::Xml => "text/xml;charset=utf-8",
        }
    }
}

/// A response value: enough structure to render both formats from one description.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Node {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// An object with ordered fields.
    Obj(Vec<(String, Node)>),
    /// A list; in XML each item is an element named after the list's key.
    List(Vec<Node>),
}

/// Shorthand for a string node.
pub fn s(v: impl Into<String>) -> Node {
    Node::Str(v.into())
}

impl Node {
    /// The value of an object's field `name`.
    pub fn get(&self, name: &str) -> Option<&Node> {
        match self {
            Node::Obj(f) => f.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The items of a list, or of a wrapped list (`{"Images": {"Image": [...]}}` is read from `Images`).
    pub fn items(&self) -> &[Node] {
        match self {
            Node::List(v) => v,
            Node::Obj(f) if f.len() == 1 => f[0].1.items(),
            _ => &[],
        }
    }
}

/// A list wrapped twice: `{"Images":{"Image":[...]}}` / `<Images><Image/>...</Images>`.
pub fn wrapped(outer: &str, inner: &str, items: Vec<Node>) -> (String, Node) {
    (outer.into(), Node::Obj(vec![(inner.into(), Node::List(items))]))
}

fn json_str(out: &mut String, v: &str) {
    // serde_json escapes exactly what JSON requires (`"`, `\` and the control characters below U+0020), so a
    // string without any of them is written as it is, without the String serde_json would allocate (most of a
    // response's strings: the endpoint spent about 4% of its time here). Serialising a &str cannot fail.
    if v.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        out.push_str(&serde_json::to_string(v).unwrap_or_else(|_| "\"\"".into()));
    } else {
        out.push('"');
        out.push_str(v);
        out.push('"');
    }
}

fn json(out: &mut String, n: &Node) {
    match n {
        Node::Str(v) => json_str(out, v),
        Node::Int(i) => out.push_str(&i.to_string()),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Obj(fields) => {
            out.push('{');
            for (i, (k, v)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_str(out, k);
                out.push(':');
                json(out, v);
            }
            out.push('}');
        }
        Node::List(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json(out, v);
            }
            out.push(']');
        }
    }
}

/// Escapes text for XML element content: only what XML requires there (`&`, `<`, and `>` so that `]]>`
/// never appears). Quotes stay as they are, as in ECS's documented XML samples (FIDELITY.md, "Responses").
pub fn xml_escape(v: &str) -> String {
    let mut o = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            // Characters XML 1.0 cannot carry at all are dropped rather than producing a broken document.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => o.push(c),
        }
    }
    o
}

fn xml_field(out: &mut String, k: &str, n: &Node) {
    match n {
        Node::List(items) => {
            for item in items {
                xml_field(out, k, item);
            }
        }
        _ => {
            out.push('<');
            out.push_str(k);
            out.push('>');
            match n {
                Node::Str(v) => out.push_str(&xml_escape(v)),
                Node::Int(i) => out.push_str(&i.to_string()),
                Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Node::Obj(fields) => {
                    for (fk, fv) in fields {
                        xml_field(out, fk, fv);
                    }
                }
                Node::List(_) => {}
            }
            out.push_str("</");
            out.push_str(k);
            out.push('>');
        }
    }
}

/// Headers every response carries.
fn headers(format: Format, request_id: &str) -> Vec<(String, String)> {
    vec![
        ("Content-Type".into(), format.content_type().into()),
        ("x-acs-request-id".into(), request_id.into()),
        ("Access-Control-Allow-Origin".into(), "*".into()),
    ]
}

/// A 200 response: `RequestId` first, then the operation's fields; XML root `<{Action}Response>`.
pub fn success(action: &str, format: Format, request_id: &str, fields: &[(String, Node)]) -> HttpResponse {
    // `RequestId` first, then the fields, written from the slice: the caller keeps its fields for the typed
    // answer without a copy (this runs on every keystroke's preview).
    let body = match format {
        Format::Json => {
            let mut o = String::from("{\"RequestId\":");
            json_str(&mut o, request_id);
            for (k, v) in fields {
                o.push(',');
                json_str(&mut o, k);
                o.push(':');
                json(&mut o, v);
            }
            o.push('}');
            o
        }
        Format::Xml => {
            let root = format!("{action}Response");
            let mut o = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><{root}>");
            xml_field(&mut o, "RequestId", &s(request_id));
            for (k, v) in fields {
                xml_field(&mut o, k, v);
            }
            o.push_str("</");
            o.push_str(&root);
            o.push('>');
            o
        }
    };
    HttpResponse {
        status: 200,
        headers: headers(format, request_id),
        body,
    }
}

/// The `Recommend` URL of the 2024-25 captures, product `Ecs`.
pub fn recommend_url(code: &str, request_id: &str) -> String {
    format!("https://api.aliyun.com/troubleshoot?q={code}&product=Ecs&requestId={request_id}")
}

/// An error response with the documented status, code and message.
pub fn error(err: &ApiError, format: Format, request_id: &str, host: &str) -> HttpResponse {
    let recommend = recommend_url(&err.code, request_id);
    let body = match format {
        Format::Json => {
            let mut o = String::new();
            json(
                &mut o,
                &Node::Obj(vec![
                    ("RequestId".into(), s(request_id)),
                    ("Message".into(), s(err.message.as_str())),
                    ("Recommend".into(), s(recommend)),
                    ("HostId".into(), s(host)),
                    ("Code".into(), s(err.code.as_str())),
                ]),
            );
            o
        }
        Format::Xml => format!(
            "<?xml version='1.0' encoding='UTF-8'?><Error><RequestId>{}</RequestId><HostId>{}</HostId><Code>{}</Code>\
             <Message>{}</Message><Recommend><![CDATA[{}]]></Recommend></Error>",
            xml_escape(request_id),
            xml_escape(host),
            xml_escape(&err.code),
            xml_escape(&err.message),
            recommend.replace("]]>", "]]]]><![CDATA[>"),
        ),
    };
    HttpResponse {
        status: err.http_status,
        headers: headers(format, request_id),
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::error::Rule;

    #[test]
    fn json_strings_are_written_as_serde_json_writes_them() {
        // The fast path (no escape needed) and the escaping path give serde_json's bytes, for every ASCII
        // character alone, in a word, and beside non-ASCII text (which JSON leaves unescaped).
        let mut cases: Vec<String> = (0u8..128).map(|b| (b as char).to_string()).collect();
        cases.extend((0u8..128).map(|b| format!("image-{}-名称", b as char)));
        cases.extend([
            "".into(),
            "m-bp1h46wfpjsjastd****".into(),
            "a\"b\\c\u{7f}é\u{2028}".into(),
        ]);
        for c in cases {
            let mut out = String::new();
            json_str(&mut out, &c);
            assert_eq!(out, serde_json::to_string(&c).unwrap(), "{c:?}");
        }
        let mut out = String::new();
        json(
            &mut out,
            &Node::List(vec![Node::Int(-42), Node::Int(0), Node::Int(i64::MAX)]),
        );
        assert_eq!(out, format!("[-42,0,{}]", i64::MAX));
    }

    #[test]
    fn copyimage_success_in_both_formats() {
        let f = vec![("ImageId".to_string(), s("m-bp1h46wfpjsjastd****"))];
        let j = success("CopyImage", Format::Json, "C8B26B44-0189-443E-9816-D951F59623A9", &f);
        assert_eq!(
            j.body,
            r#"{"RequestId":"C8B26B44-0189-443E-9816-D951F59623A9","ImageId":"m-bp1h46wfpjsjastd****"}"#
        );
        assert_eq!(j.header("content-type"), Some("application/json;charset=utf-8"));
        let x = success("CopyImage", Format::Xml, "C8B26B44-0189-443E-9816-D951F59623A9", &f);
        assert_eq!(
            x.body,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CopyImageResponse><RequestId>C8B26B44-0189-443E-9816-D951F59623A9\
             </RequestId><ImageId>m-bp1h46wfpjsjastd****</ImageId></CopyImageResponse>"
        );
    }

    #[test]
    fn lists_are_wrapped_twice() {
        let items = vec![Node::Obj(vec![("A".into(), Node::Int(1))]), Node::Obj(vec![])];
        let j = success("X", Format::Json, "R", &[wrapped("Images", "Image", items.clone())]);
        assert_eq!(j.body, r#"{"RequestId":"R","Images":{"Image":[{"A":1},{}]}}"#);
        let x = success("X", Format::Xml, "R", &[wrapped("Images", "Image", items)]);
        assert!(x
            .body
            .ends_with("<Images><Image><A>1</A></Image><Image></Image></Images></XResponse>"));
    }

    #[test]
    fn error_bodies_escape_and_order() {
        let e = ApiError::new(
            400,
            "InvalidVersion",
            "a<b & \"c\"",
            Rule::documented("x", crate::base::error::Source::CommonErrors, "z"),
        );
        let j = error(&e, Format::Json, "RID", "ecs.aliyuncs.com");
        assert_eq!(
            j.body,
            r#"{"RequestId":"RID","Message":"a<b & \"c\"","Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidVersion&product=Ecs&requestId=RID","HostId":"ecs.aliyuncs.com","Code":"InvalidVersion"}"#
        );
        let x = error(&e, Format::Xml, "RID", "h");
        assert_eq!(
            x.body,
            "<?xml version='1.0' encoding='UTF-8'?><Error><RequestId>RID</RequestId><HostId>h</HostId><Code>InvalidVersion\
             </Code><Message>a&lt;b &amp; \"c\"</Message><Recommend><![CDATA[https://api.aliyun.com/troubleshoot?\
             q=InvalidVersion&product=Ecs&requestId=RID]]></Recommend></Error>"
        );
        assert_eq!(x.status, 400);
        assert_eq!(x.header("Content-Type"), Some("text/xml;charset=utf-8"));
        assert_eq!(x.header("x-acs-request-id"), Some("RID"));
    }

    #[test]
    fn format_is_case_insensitive_and_defaults_to_xml() {
        assert_eq!(Format::from_param(Some("json")), Format::Json);
        assert_eq!(Format::from_param(Some("JSON")), Format::Json);
        assert_eq!(Format::from_param(Some("XML")), Format::Xml);
        assert_eq!(Format::from_param(None), Format::Xml);
        assert_eq!(Format::from_param(Some("yaml")), Format::Xml);
    }
}
