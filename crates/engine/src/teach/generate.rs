//! Code generation: from one request ([`GenerateInput`], signed by `signing::client`), the code that sends
//! it (aliyun CLI, Python, TypeScript, Java and Go SDK snippets), and [`generate`], every form side by side.
//!
//! Pure functions of their input, like the signer they build on. Secrets never appear in generated code
//! unless the user asks ([`GenerateInput::include_secret`]); the code reads them from the environment
//! variables the official SDK docs use.
//!
//! Layer: teach (may use `base`, `signing`, `model`, `service`).

use crate::base::wire::{param, Params};
use crate::signing::encode::percent_encode;
use crate::signing::sign::API_VERSION;
use serde::{Deserialize, Serialize};

// The request builder lives in the signing layer; its names stay reachable here, where the faces have
// always found them.
use crate::signing::client::SDK_OWNED;
pub use crate::signing::client::{
    curl, raw_http, sh_quote, sign_request, Endpoint, GenerateInput, SignatureStyle, SignedRequest,
};

// ---------------------------------------------------------------------------------------------------------
// Code: aliyun CLI and SDK snippets
// ---------------------------------------------------------------------------------------------------------

/// The operation's own parameters: what a snippet passes (the SDK sets the others, and signs).
fn business_params(input: &GenerateInput) -> Params {
    input
        .params
        .iter()
        .filter(|(k, _)| k != "Signature" && !SDK_OWNED.contains(&k.as_str()))
        .cloned()
        .collect()
}

fn action(input: &GenerateInput) -> &str {
    param(&input.params, "Action").unwrap_or("CopyImage")
}

fn is_default_endpoint(input: &GenerateInput) -> bool {
    let e = &input.endpoint;
    let region = param(&input.params, "RegionId").unwrap_or("");
    e.scheme == "https" && e.explicit_port().is_none() && e.host == format!("ecs.{region}.aliyuncs.com")
}

/// The `aliyun` CLI command (credentials from `aliyun configure`).
pub fn aliyun_cli(input: &GenerateInput) -> String {
    let mut out = format!("aliyun ecs {}", action(input));
    for (k, v) in business_params(input) {
        out.push_str(&format!(
            " \\\n  --{k} {}",
            if v.is_empty() { "''".into() } else { sh_quote(&v) }
        ));
    }
    if !is_default_endpoint(input) {
        out.push_str(&format!(
            " \\\n  --endpoint {}",
            sh_quote(&input.endpoint.host_header())
        ));
        if input.endpoint.scheme == "http" {
            out.push_str(" \\\n  --insecure");
        }
    }
    out
}

/// A string literal valid in Python, TypeScript, Java and Go (JSON's escapes are a subset of each).
fn lit(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

// ---------------------------------------------------------------------------------------------------------
// SDK snippets: one skeleton, four dialects
// ---------------------------------------------------------------------------------------------------------

/// The type of a request-model field.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    Bool,
    Int,
}

/// One field of an SDK's request model, under each language's name for it.
struct Field {
    /// The wire name, e.g. `DestinationRegionId`.
    wire: &'static str,
    /// Python's name (`destination_region_id`).
    snake: &'static str,
    /// TypeScript's name (`destinationRegionId`).
    camel: &'static str,
    kind: Kind,
}

impl Field {
    const fn new(wire: &'static str, snake: &'static str, camel: &'static str, kind: Kind) -> Field {
        Field {
            wire,
            snake,
            camel,
            kind,
        }
    }
}

/// CopyImage's request model (Java and Go name each field as on the wire).
const COPY_IMAGE_FIELDS: &[Field] = &[
    Field::new("RegionId", "region_id", "regionId", Kind::Str),
    Field::new("ImageId", "image_id", "imageId", Kind::Str),
    Field::new(
        "DestinationRegionId",
        "destination_region_id",
        "destinationRegionId",
        Kind::Str,
    ),
    Field::new(
        "DestinationImageName",
        "destination_image_name",
        "destinationImageName",
        Kind::Str,
    ),
    Field::new(
        "DestinationDescription",
        "destination_description",
        "destinationDescription",
        Kind::Str,
    ),
    Field::new("Encrypted", "encrypted", "encrypted", Kind::Bool),
    Field::new("KMSKeyId", "kmskey_id", "KMSKeyId", Kind::Str),
    Field::new("EncryptAlgorithm", "encrypt_algorithm", "encryptAlgorithm", Kind::Str),
    Field::new("ResourceGroupId", "resource_group_id", "resourceGroupId", Kind::Str),
    Field::new("ClientToken", "client_token", "clientToken", Kind::Str),
    Field::new("DryRun", "dry_run", "dryRun", Kind::Bool),
    Field::new("OwnerId", "owner_id", "ownerId", Kind::Int),
    Field::new("OwnerAccount", "owner_account", "ownerAccount", Kind::Str),
    Field::new("ResourceOwnerId", "resource_owner_id", "resourceOwnerId", Kind::Int),
    Field::new(
        "ResourceOwnerAccount",
        "resource_owner_account",
        "resourceOwnerAccount",
        Kind::Str,
    ),
];

/// One typed field value.
enum Val {
    Str(String),
    Bool(bool),
    Int(i64),
}

/// A CopyImage request as the SDK's typed model: its fields in the order given, then its tags in order.
struct TypedRequest {
    fields: Vec<(&'static Field, Val)>,
    /// `Tag.N.Key` and, if given, `Tag.N.Value`, for N = 1..n.
    tags: Vec<(String, Option<String>)>,
}

impl TypedRequest {
    /// CopyImage's parameters as typed model fields, or `None` when something does not map cleanly (another
    /// action, an unknown name, `Encrypted=maybe`, tags not numbered 1..n): then the snippets use the SDKs'
    /// generic `call_api`.
    fn of(input: &GenerateInput) -> Option<TypedRequest> {
        if action(input) != "CopyImage" {
            return None;
        }
        let mut fields = Vec::new();
        let mut tags: Vec<(u32, Option<String>, Option<String>)> = Vec::new();
        for (k, v) in business_params(input) {
            if let Some(rest) = k.strip_prefix("Tag.") {
                let (n, part) = rest.split_once('.')?;
                let n: u32 = n.parse().ok().filter(|n| *n >= 1)?;
                let i = match tags.iter().position(|t| t.0 == n) {
                    Some(i) => i,
                    None => {
                        tags.push((n, None, None));
                        tags.len() - 1
                    }
                };
                match part {
                    "Key" => tags[i].1 = Some(v),
                    "Value" => tags[i].2 = Some(v),
                    _ => return None,
                }
                continue;
            }
            let field = COPY_IMAGE_FIELDS.iter().find(|f| f.wire == k)?;
            let val = match field.kind {
                Kind::Str => Val::Str(v),
                Kind::Bool => match v.to_ascii_lowercase().as_str() {
                    "true" => Val::Bool(true),
                    "false" => Val::Bool(false),
                    _ => return None,
                },
                Kind::Int => Val::Int(v.parse().ok()?),
            };
            fields.push((field, val));
        }
        crate::base::sort::sort_by(&mut tags, |a, b| a.0.cmp(&b.0));
        if tags
            .iter()
            .enumerate()
            .any(|(i, t)| t.0 as usize != i + 1 || t.1.is_none())
        {
            return None;
        }
        let tags = tags.into_iter().map(|t| (t.1.unwrap_or_default(), t.2)).collect();
        Some(TypedRequest { fields, tags })
    }
}

/// A typed field as the snippet writes it: its name in the language and its value.
type FieldLit<'a> = (&'a str, String);

/// A tag as literals: its key and, if given, its value.
type TagLit = (String, Option<String>);

/// The client configuration every snippet writes, its values already in the snippet's language.
struct Config {
    /// The AccessKeyId as a string literal (Python and TypeScript fall back to it when the variable is unset).
    key_id: String,
    /// The AccessKeySecret expression: read from the environment, or the literal when asked.
    secret: String,
    endpoint: String,
    protocol: String,
    region: String,
    /// V1: the line that selects the SDK's `v2` (HMAC-SHA1 query) signer.
    v1: bool,
}

/// The comment on the line that selects the V1 signer, in every language.
const V1_NOTE: &str = "V1 HMAC-SHA1 query signature; omit for V3";

/// What a language writes its own way. The skeleton ([`snippet`]) decides what the snippet says: typed
/// model or generic call, which fields and tags, where the secret comes from, whether to pick the V1 signer.
struct Dialect {
    /// Around a string field value (Go: `tea.String(...)`).
    string: (&'static str, &'static str),
    /// `true` and `false`, and what wraps them (Go: `tea.Bool(...)`).
    booleans: [&'static str; 2],
    boolean: (&'static str, &'static str),
    /// Around an integer field value (Java: a trailing `L`; Go: `tea.Int64(...)`).
    integer: (&'static str, &'static str),
    /// The model field's name in this language.
    name: fn(&Field) -> &'static str,
    /// The expression reading an environment variable.
    env: fn(&str) -> String,
    /// Install line and imports down to the configuration (`typed`: the generic call's imports are left out).
    prelude: fn(typed: bool) -> String,
    /// The configuration and the client.
    config: fn(&Config) -> String,
    /// The typed request, the call and the output: (field name, value) pairs, then (key, value) tags.
    typed: fn(&[FieldLit], &[TagLit]) -> String,
    /// The generic call: (name, value) literals, the action literal and the protocol literal.
    generic: fn(&[(String, String)], &str, &str) -> String,
    /// What closes the program.
    epilogue: &'static str,
}

impl Dialect {
    fn value(&self, v: &Val) -> String {
        let (open, close, text) = match v {
            Val::Str(s) => (self.string.0, self.string.1, lit(s)),
            Val::Bool(b) => (self.boolean.0, self.boolean.1, self.booleans[usize::from(!b)].into()),
            Val::Int(i) => (self.integer.0, self.integer.1, i.to_string()),
        };
        format!("{open}{text}{close}")
    }
}

/// The skeleton every SDK snippet follows: prelude, configuration and client, then the typed CopyImage
/// request when the parameters fit its model (else the generic call), then the epilogue.
fn snippet(d: &Dialect, input: &GenerateInput) -> String {
    let typed = TypedRequest::of(input);
    let mut s = (d.prelude)(typed.is_some());
    let secret = if input.include_secret {
        lit(&input.access_key_secret)
    } else {
        (d.env)("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
    };
    s.push_str(&(d.config)(&Config {
        key_id: lit(&input.access_key_id),
        secret,
        endpoint: lit(&input.endpoint.host_header()),
        protocol: lit(&input.endpoint.scheme),
        region: lit(param(&input.params, "RegionId").unwrap_or("cn-hangzhou")),
        v1: input.style == SignatureStyle::V1,
    }));
    match typed {
        Some(req) => {
            let fields: Vec<(&str, String)> = req.fields.iter().map(|(f, v)| ((d.name)(f), d.value(v))).collect();
            let tags: Vec<(String, Option<String>)> =
                req.tags.iter().map(|(k, v)| (lit(k), v.as_deref().map(lit))).collect();
            s.push_str(&(d.typed)(&fields, &tags));
        }
        None => {
            let entries: Vec<(String, String)> = business_params(input).iter().map(|(k, v)| (lit(k), lit(v))).collect();
            let protocol = lit(&input.endpoint.scheme.to_ascii_uppercase());
            s.push_str(&(d.generic)(&entries, &lit(action(input)), &protocol));
        }
    }
    s.push_str(d.epilogue);
    s
}

/// `{indent}{name}{sep}{value},` lines (Python keyword arguments and dicts, TypeScript object literals).
fn members<K: AsRef<str>>(indent: &str, sep: &str, items: &[(K, String)]) -> String {
    items
        .iter()
        .map(|(k, v)| format!("{indent}{}{sep}{v},\n", k.as_ref()))
        .collect()
}

/// Go composite-literal lines `key: value,` with values aligned the way gofmt aligns them.
fn go_fields<K: AsRef<str>>(indent: &str, lines: &[(K, String, &str)]) -> String {
    let width = lines
        .iter()
        .map(|(k, _, _)| k.as_ref().chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (k, v, comment) in lines {
        let k = k.as_ref();
        let pad = " ".repeat(width - k.chars().count());
        out.push_str(&format!("{indent}{k}:{pad} {v},{comment}\n"));
    }
    out
}

const PYTHON: Dialect = Dialect {
    string: ("", ""),
    booleans: ["True", "False"],
    boolean: ("", ""),
    integer: ("", ""),
    name: |f| f.snake,
    env: |name| format!("os.environ['{name}']"),
    prelude: |typed| {
        let mut s = String::from(
            "# pip install alibabacloud_ecs20140526\nimport os\n\nfrom alibabacloud_ecs20140526.client import Client\n\
             from alibabacloud_ecs20140526 import models\nfrom alibabacloud_tea_openapi import models as open_api_models\n",
        );
        if !typed {
            s.push_str(
                "from alibabacloud_tea_openapi import utils_models\n\
                 from alibabacloud_openapi_util.client import Client as OpenApiUtil\n",
            );
        }
        s.push_str("from darabonba.runtime import RuntimeOptions\n\n");
        s
    },
    config: |c| {
        let mut s = format!(
            "config = open_api_models.Config(\n    access_key_id=os.environ.get('ALIBABA_CLOUD_ACCESS_KEY_ID', {}),\n    \
             access_key_secret={},\n    endpoint={},\n    protocol={},\n    region_id={},\n)\n",
            c.key_id, c.secret, c.endpoint, c.protocol, c.region
        );
        if c.v1 {
            s.push_str(&format!("config.signature_algorithm = 'v2'  # {V1_NOTE}\n"));
        }
        s.push_str("client = Client(config)\n\n");
        s
    },
    typed: |fields, tags| {
        let mut s = format!("request = models.CopyImageRequest(\n{}", members("    ", "=", fields));
        if !tags.is_empty() {
            s.push_str("    tag=[\n");
            for (k, v) in tags {
                let value = v.as_ref().map(|v| format!(", value={v}")).unwrap_or_default();
                s.push_str(&format!("        models.CopyImageRequestTag(key={k}{value}),\n"));
            }
            s.push_str("    ],\n");
        }
        s.push_str(
            ")\nresponse = client.copy_image_with_options(request, RuntimeOptions())\nprint(response.body.to_map())\n",
        );
        s
    },
    generic: |entries, action, protocol| {
        format!(
            "query = {{\n{}}}\nparams = utils_models.Params(\n    action={action}, version='{API_VERSION}', protocol={protocol}, \
             pathname='/', method='POST',\n    auth_type='AK', style='RPC', req_body_type='formData', body_type='json',\n)\n\
             request = utils_models.OpenApiRequest(query=OpenApiUtil.query(query))\n\
             response = client.call_api(params, request, RuntimeOptions())\nprint(response['body'])\n",
            members("    ", ": ", entries)
        )
    },
    epilogue: "",
};

const TYPESCRIPT: Dialect = Dialect {
    string: ("", ""),
    booleans: ["true", "false"],
    boolean: ("", ""),
    integer: ("", ""),
    name: |f| f.camel,
    env: |name| format!("process.env.{name}"),
    prelude: |typed| {
        let util_import = if typed {
            "$OpenApiUtil"
        } else {
            "$OpenApiUtil, OpenApiUtil"
        };
        format!(
            "// npm install @alicloud/ecs20140526\nimport Ecs20140526, * as $Ecs20140526 from '@alicloud/ecs20140526';\n\
             import {{ {util_import} }} from '@alicloud/openapi-core';\nimport * as $dara from '@darabonba/typescript';\n\n\
             async function main(): Promise<void> {{\n",
        )
    },
    config: |c| {
        let mut s = format!(
            "  const config = new $OpenApiUtil.Config({{\n    accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? {},\n    \
             accessKeySecret: {},\n    endpoint: {},\n    protocol: {},\n    regionId: {},\n",
            c.key_id, c.secret, c.endpoint, c.protocol, c.region
        );
        if c.v1 {
            s.push_str(&format!("    signatureAlgorithm: 'v2', // {V1_NOTE}\n"));
        }
        s.push_str("  });\n  const client = new Ecs20140526(config);\n");
        s
    },
    typed: |fields, tags| {
        let mut s = format!(
            "  const request = new $Ecs20140526.CopyImageRequest({{\n{}",
            members("    ", ": ", fields)
        );
        if !tags.is_empty() {
            s.push_str("    tag: [\n");
            for (k, v) in tags {
                let value = v.as_ref().map(|v| format!(", value: {v}")).unwrap_or_default();
                s.push_str(&format!(
                    "      new $Ecs20140526.CopyImageRequestTag({{ key: {k}{value} }}),\n"
                ));
            }
            s.push_str("    ],\n");
        }
        s.push_str(
            "  });\n  const response = await client.copyImageWithOptions(request, new $dara.RuntimeOptions({}));\n  \
             console.log(JSON.stringify(response.body));\n",
        );
        s
    },
    generic: |entries, action, protocol| {
        format!(
            "  const query: {{ [key: string]: string }} = {{\n{}  }};\n  const params = new $OpenApiUtil.Params({{\n    \
             action: {action}, version: '{API_VERSION}', protocol: {protocol}, pathname: '/', method: 'POST',\n    \
             authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',\n  }});\n  \
             const request = new $OpenApiUtil.OpenApiRequest({{ query: OpenApiUtil.query(query) }});\n  \
             const response = await client.callApi(params, request, new $dara.RuntimeOptions({{}}));\n  \
             console.log(JSON.stringify(response.body));\n",
            members("    ", ": ", entries)
        )
    },
    epilogue: "}\n\nmain().catch((e) => {\n  console.error(e.message);\n  process.exit(1);\n});\n",
};

const JAVA: Dialect = Dialect {
    string: ("", ""),
    booleans: ["true", "false"],
    boolean: ("", ""),
    integer: ("", "L"),
    name: |f| f.wire,
    env: |name| format!("System.getenv(\"{name}\")"),
    prelude: |_| {
        "// Maven: com.aliyun:ecs20140526\nimport com.aliyun.ecs20140526.Client;\nimport com.aliyun.ecs20140526.models.*;\n\
         import com.aliyun.teaopenapi.models.Config;\nimport com.aliyun.teautil.models.RuntimeOptions;\n\n\
         public class Sample {\n    public static void main(String[] args) throws Exception {\n"
            .into()
    },
    config: |c| {
        // Java's SDK docs read the id from the environment with no fallback, unlike Python's and TypeScript's.
        let mut s = format!(
            "        Config config = new Config()\n                .setAccessKeyId(System.getenv(\"ALIBABA_CLOUD_ACCESS_KEY_ID\"))\n                \
             .setAccessKeySecret({})\n                .setEndpoint({})\n                .setProtocol({})\n                \
             .setRegionId({});\n",
            c.secret, c.endpoint, c.protocol, c.region
        );
        if c.v1 {
            s.push_str(&format!("        config.setSignatureAlgorithm(\"v2\"); // {V1_NOTE}\n"));
        }
        s.push_str("        Client client = new Client(config);\n");
        s
    },
    typed: |fields, tags| {
        let mut s = String::from("        CopyImageRequest request = new CopyImageRequest()");
        for (name, v) in fields {
            s.push_str(&format!("\n                .set{name}({v})"));
        }
        if !tags.is_empty() {
            s.push_str("\n                .setTag(java.util.Arrays.asList(");
            for (i, (k, v)) in tags.iter().enumerate() {
                let sep = if i + 1 < tags.len() { "," } else { "" };
                let value = v.as_ref().map(|v| format!(".setValue({v})")).unwrap_or_default();
                s.push_str(&format!(
                    "\n                        new CopyImageRequest.CopyImageRequestTag().setKey({k}){value}{sep}"
                ));
            }
            s.push_str("))");
        }
        s.push_str(
            ";\n        CopyImageResponse response = client.copyImageWithOptions(request, new RuntimeOptions());\n        \
             System.out.println(com.aliyun.teautil.Common.toJSONString(response.getBody()));\n",
        );
        s
    },
    generic: |entries, action, protocol| {
        let mut s = String::from("        java.util.Map<String, Object> query = new java.util.LinkedHashMap<>();\n");
        for (k, v) in entries {
            s.push_str(&format!("        query.put({k}, {v});\n"));
        }
        s.push_str(&format!(
            "        com.aliyun.teaopenapi.models.Params params = new com.aliyun.teaopenapi.models.Params()\n                \
             .setAction({action}).setVersion(\"{API_VERSION}\").setProtocol({protocol}).setPathname(\"/\").setMethod(\"POST\")\n                \
             .setAuthType(\"AK\").setStyle(\"RPC\").setReqBodyType(\"formData\").setBodyType(\"json\");\n        \
             com.aliyun.teaopenapi.models.OpenApiRequest request = new com.aliyun.teaopenapi.models.OpenApiRequest()\n                \
             .setQuery(com.aliyun.openapiutil.Client.query(query));\n        \
             java.util.Map<String, ?> response = client.callApi(params, request, new RuntimeOptions());\n        \
             System.out.println(com.aliyun.teautil.Common.toJSONString(response.get(\"body\")));\n",
        ));
        s
    },
    epilogue: "    }\n}\n",
};

const GO: Dialect = Dialect {
    string: ("tea.String(", ")"),
    booleans: ["true", "false"],
    boolean: ("tea.Bool(", ")"),
    integer: ("tea.Int64(", ")"),
    name: |f| f.wire,
    env: |name| format!("os.Getenv(\"{name}\")"),
    prelude: |typed| {
        let mut s = String::from(
            "// go get github.com/alibabacloud-go/ecs-20140526/v7\npackage main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\n\
             \topenapi \"github.com/alibabacloud-go/darabonba-openapi/v2/client\"\n",
        );
        if !typed {
            s.push_str("\topenapiutil \"github.com/alibabacloud-go/openapi-util/service\"\n");
        }
        s.push_str(
            "\tecs \"github.com/alibabacloud-go/ecs-20140526/v7/client\"\n\tutil \"github.com/alibabacloud-go/tea-utils/v2/service\"\n\
             \t\"github.com/alibabacloud-go/tea/tea\"\n)\n\nfunc main() {\n",
        );
        s
    },
    config: |c| {
        let v1_note = format!(" // {V1_NOTE}");
        let mut cfg = vec![
            (
                "AccessKeyId",
                "tea.String(os.Getenv(\"ALIBABA_CLOUD_ACCESS_KEY_ID\"))".to_string(),
                "",
            ),
            ("AccessKeySecret", format!("tea.String({})", c.secret), ""),
            ("Endpoint", format!("tea.String({})", c.endpoint), ""),
            ("Protocol", format!("tea.String({})", c.protocol), ""),
            ("RegionId", format!("tea.String({})", c.region), ""),
        ];
        if c.v1 {
            cfg.push(("SignatureAlgorithm", "tea.String(\"v2\")".into(), &v1_note));
        }
        format!(
            "\tconfig := &openapi.Config{{\n{}\t}}\n\tclient, err := ecs.NewClient(config)\n\tif err != nil {{\n\t\tpanic(err)\n\t}}\n",
            go_fields("\t\t", &cfg)
        )
    },
    typed: |fields, tags| {
        let lines: Vec<(&str, String, &str)> = fields.iter().map(|(k, v)| (*k, v.clone(), "")).collect();
        let mut s = format!("\trequest := &ecs.CopyImageRequest{{\n{}", go_fields("\t\t", &lines));
        if !tags.is_empty() {
            s.push_str("\t\tTag: []*ecs.CopyImageRequestTag{\n");
            for (k, v) in tags {
                let value = v
                    .as_ref()
                    .map(|v| format!(", Value: tea.String({v})"))
                    .unwrap_or_default();
                s.push_str(&format!("\t\t\t{{Key: tea.String({k}){value}}},\n"));
            }
            s.push_str("\t\t},\n");
        }
        s.push_str(
            "\t}\n\tresponse, err := client.CopyImageWithOptions(request, &util.RuntimeOptions{})\n\tif err != nil {\n\t\t\
             panic(err)\n\t}\n\tfmt.Println(response.Body.String())\n}\n",
        );
        s
    },
    generic: |entries, action, protocol| {
        let lines: Vec<(&str, String, &str)> = entries.iter().map(|(k, v)| (k.as_str(), v.clone(), "")).collect();
        format!(
            "\tquery := map[string]interface{{}}{{\n{}\t}}\n\tparams := &openapi.Params{{\n\t\tAction: tea.String({action}), \
             Version: tea.String(\"{API_VERSION}\"), Protocol: tea.String({protocol}),\n\t\tPathname: tea.String(\"/\"), \
             Method: tea.String(\"POST\"), AuthType: tea.String(\"AK\"),\n\t\tStyle: tea.String(\"RPC\"), \
             ReqBodyType: tea.String(\"formData\"), BodyType: tea.String(\"json\"),\n\t}}\n\t\
             request := &openapi.OpenApiRequest{{Query: openapiutil.Query(query)}}\n\t\
             response, err := client.CallApi(params, request, &util.RuntimeOptions{{}})\n\tif err != nil {{\n\t\t\
             panic(err)\n\t}}\n\tfmt.Println(response[\"body\"])\n}}\n",
            go_fields("\t\t", &lines)
        )
    },
    epilogue: "",
};

/// Python, with the current SDK (`pip install alibabacloud_ecs20140526`).
pub fn python_snippet(input: &GenerateInput) -> String {
    snippet(&PYTHON, input)
}

/// TypeScript, with the current SDK (`npm install @alicloud/ecs20140526`).
pub fn typescript_snippet(input: &GenerateInput) -> String {
    snippet(&TYPESCRIPT, input)
}

/// Java, with the current SDK (Maven `com.aliyun:ecs20140526`).
pub fn java_snippet(input: &GenerateInput) -> String {
    snippet(&JAVA, input)
}

/// Go, with the current SDK (`github.com/alibabacloud-go/ecs-20140526/v7`).
pub fn go_snippet(input: &GenerateInput) -> String {
    snippet(&GO, input)
}

/// Every generated form of one request, for the faces to show side by side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generated {
    /// The signed request and its intermediate values.
    pub signed: SignedRequest,
    /// The request as HTTP text.
    pub raw_http: String,
    /// A curl command.
    pub curl: String,
    /// The `aliyun ecs ...` command.
    pub aliyun_cli: String,
    /// Python (alibabacloud_ecs20140526).
    pub python: String,
    /// TypeScript (@alicloud/ecs20140526).
    pub typescript: String,
    /// Java (com.aliyun:ecs20140526).
    pub java: String,
    /// Go (github.com/alibabacloud-go/ecs-20140526/v7).
    pub go: String,
}

/// Signs the request and renders every form of it.
pub fn generate(input: &GenerateInput) -> Generated {
    let signed = sign_request(input);
    Generated {
        raw_http: raw_http(&signed),
        curl: curl(&signed),
        aliyun_cli: aliyun_cli(input),
        python: python_snippet(input),
        typescript: typescript_snippet(input),
        java: java_snippet(input),
        go: go_snippet(input),
        signed,
    }
}

/// RFC 3986 encoding, re-exported for faces that build their own URLs.
pub fn encode(s: &str) -> String {
    percent_encode(s)
}
