//! Code generation: from one request ([`GenerateInput`], signed by `signing::client`), the code that sends
//! it (aliyun CLI, Python, TypeScript, Java and Go SDK snippets), and [`generate`], every form side by side.
//!
//! Pure functions of their input, like the signer they build on. Secrets never appear in generated code
//! unless the user asks ([`GenerateInput::include_secret`]); the code reads them from the environment
//! variables the official SDK docs use.

use crate::base::wire::{param, Params};
use crate::signing::encode::percent_encode;
use serde::{Deserialize, Serialize};

// The request builder lives in the signing layer; its names stay reachable here, where the faces have
// always found them.
pub use crate::signing::client::{
    curl, raw_http, sh_quote, sign_request, Endpoint, GenerateInput, SignatureStyle, SignedRequest,
};

// ---------------------------------------------------------------------------------------------------------
// Code: aliyun CLI and SDK snippets
// ---------------------------------------------------------------------------------------------------------

/// Parameters an SDK sets itself (signing, format, action); snippets leave them out.
const SDK_OWNED: &[&str] = &[
    "Action",
    "Version",
    "Format",
    "AccessKeyId",
    "SignatureMethod",
    "SignatureType",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "Signature",
    "SecurityToken",
];

fn business_params(input: &GenerateInput) -> Params {
    input
        .params
        .iter()
        .filter(|(k, _)| !SDK_OWNED.contains(&k.as_str()))
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    Bool,
    Int,
}

/// CopyImage's request-model fields: wire name, Python name, TypeScript name, Go/Java name, kind.
const COPY_IMAGE_FIELDS: &[(&str, &str, &str, &str, Kind)] = &[
    ("RegionId", "region_id", "regionId", "RegionId", Kind::Str),
    ("ImageId", "image_id", "imageId", "ImageId", Kind::Str),
    (
        "DestinationRegionId",
        "destination_region_id",
        "destinationRegionId",
        "DestinationRegionId",
        Kind::Str,
    ),
    (
        "DestinationImageName",
        "destination_image_name",
        "destinationImageName",
        "DestinationImageName",
        Kind::Str,
    ),
    (
        "DestinationDescription",
        "destination_description",
        "destinationDescription",
        "DestinationDescription",
        Kind::Str,
    ),
    ("Encrypted", "encrypted", "encrypted", "Encrypted", Kind::Bool),
    ("KMSKeyId", "kmskey_id", "KMSKeyId", "KMSKeyId", Kind::Str),
    (
        "EncryptAlgorithm",
        "encrypt_algorithm",
        "encryptAlgorithm",
        "EncryptAlgorithm",
        Kind::Str,
    ),
    (
        "ResourceGroupId",
        "resource_group_id",
        "resourceGroupId",
        "ResourceGroupId",
        Kind::Str,
    ),
    ("ClientToken", "client_token", "clientToken", "ClientToken", Kind::Str),
    ("DryRun", "dry_run", "dryRun", "DryRun", Kind::Bool),
    ("OwnerId", "owner_id", "ownerId", "OwnerId", Kind::Int),
    (
        "OwnerAccount",
        "owner_account",
        "ownerAccount",
        "OwnerAccount",
        Kind::Str,
    ),
    (
        "ResourceOwnerId",
        "resource_owner_id",
        "resourceOwnerId",
        "ResourceOwnerId",
        Kind::Int,
    ),
    (
        "ResourceOwnerAccount",
        "resource_owner_account",
        "resourceOwnerAccount",
        "ResourceOwnerAccount",
        Kind::Str,
    ),
];

/// One typed field value for a snippet.
enum Val {
    Str(String),
    Bool(bool),
    Int(i64),
}

/// CopyImage's parameters as typed model fields (index into `COPY_IMAGE_FIELDS`) plus its tags, or
/// `None` when something does not map cleanly (another action, an unknown name, `Encrypted=maybe`,
/// tags not numbered 1..n) — then the snippets use the SDKs' generic `call_api`.
#[allow(clippy::type_complexity)]
fn typed_copy_image(input: &GenerateInput) -> Option<(Vec<(usize, Val)>, Vec<(String, Option<String>)>)> {
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
        let idx = COPY_IMAGE_FIELDS.iter().position(|f| f.0 == k)?;
        let val = match COPY_IMAGE_FIELDS[idx].4 {
            Kind::Str => Val::Str(v),
            Kind::Bool => match v.to_ascii_lowercase().as_str() {
                "true" => Val::Bool(true),
                "false" => Val::Bool(false),
                _ => return None,
            },
            Kind::Int => Val::Int(v.parse().ok()?),
        };
        fields.push((idx, val));
    }
    crate::base::sort::sort_by(&mut tags, |a, b| a.0.cmp(&b.0));
    if tags
        .iter()
        .enumerate()
        .any(|(i, t)| t.0 as usize != i + 1 || t.1.is_none())
    {
        return None;
    }
    Some((
        fields,
        tags.into_iter().map(|t| (t.1.unwrap_or_default(), t.2)).collect(),
    ))
}

fn region_of(input: &GenerateInput) -> String {
    param(&input.params, "RegionId").unwrap_or("cn-hangzhou").to_string()
}

fn v2_comment(input: &GenerateInput) -> bool {
    input.style == SignatureStyle::V1
}

/// Python, with the current SDK (`pip install alibabacloud_ecs20140526`).
pub fn python_snippet(input: &GenerateInput) -> String {
    let secret = if input.include_secret {
        lit(&input.access_key_secret)
    } else {
        "os.environ['ALIBABA_CLOUD_ACCESS_KEY_SECRET']".into()
    };
    let mut s = String::from(
        "# pip install alibabacloud_ecs20140526\nimport os\n\nfrom alibabacloud_ecs20140526.client import Client\n\
         from alibabacloud_ecs20140526 import models\nfrom alibabacloud_tea_openapi import models as open_api_models\n",
    );
    let typed = typed_copy_image(input);
    if typed.is_none() {
        s.push_str("from alibabacloud_tea_openapi import utils_models\nfrom alibabacloud_openapi_util.client import Client as OpenApiUtil\n");
    }
    s.push_str("from darabonba.runtime import RuntimeOptions\n\n");
    s.push_str(&format!(
        "config = open_api_models.Config(\n    access_key_id=os.environ.get('ALIBABA_CLOUD_ACCESS_KEY_ID', {}),\n    \
         access_key_secret={secret},\n    endpoint={},\n    protocol={},\n    region_id={},\n)\n",
        lit(&input.access_key_id),
        lit(&input.endpoint.host_header()),
        lit(&input.endpoint.scheme),
        lit(&region_of(input)),
    ));
    if v2_comment(input) {
        s.push_str("config.signature_algorithm = 'v2'  # V1 HMAC-SHA1 query signature; omit for V3\n");
    }
    s.push_str("client = Client(config)\n\n");
    match typed {
        Some((fields, tags)) => {
            s.push_str("request = models.CopyImageRequest(\n");
            for (idx, val) in &fields {
                let v = match val {
                    Val::Str(x) => lit(x),
                    Val::Bool(b) => if *b { "True" } else { "False" }.into(),
                    Val::Int(i) => i.to_string(),
                };
                s.push_str(&format!("    {}={},\n", COPY_IMAGE_FIELDS[*idx].1, v));
            }
            if !tags.is_empty() {
                s.push_str("    tag=[\n");
                for (k, v) in &tags {
                    match v {
                        Some(v) => s.push_str(&format!(
                            "        models.CopyImageRequestTag(key={}, value={}),\n",
                            lit(k),
                            lit(v)
                        )),
                        None => s.push_str(&format!("        models.CopyImageRequestTag(key={}),\n", lit(k))),
                    }
                }
                s.push_str("    ],\n");
            }
            s.push_str(")\nresponse = client.copy_image_with_options(request, RuntimeOptions())\nprint(response.body.to_map())\n");
        }
        None => {
            s.push_str("query = {\n");
            for (k, v) in business_params(input) {
                s.push_str(&format!("    {}: {},\n", lit(&k), lit(&v)));
            }
            s.push_str(&format!(
                "}}\nparams = utils_models.Params(\n    action={}, version='2014-05-26', protocol={}, pathname='/', \
                 method='POST',\n    auth_type='AK', style='RPC', req_body_type='formData', body_type='json',\n)\n\
                 request = utils_models.OpenApiRequest(query=OpenApiUtil.query(query))\n\
                 response = client.call_api(params, request, RuntimeOptions())\nprint(response['body'])\n",
                lit(action(input)),
                lit(&input.endpoint.scheme.to_ascii_uppercase())
            ));
        }
    }
    s
}

/// TypeScript, with the current SDK (`npm install @alicloud/ecs20140526`).
pub fn typescript_snippet(input: &GenerateInput) -> String {
    let secret = if input.include_secret {
        lit(&input.access_key_secret)
    } else {
        "process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET".into()
    };
    let typed = typed_copy_image(input);
    let util_import = if typed.is_some() {
        "$OpenApiUtil"
    } else {
        "$OpenApiUtil, OpenApiUtil"
    };
    let mut s = format!(
        "// npm install @alicloud/ecs20140526\nimport Ecs20140526, * as $Ecs20140526 from '@alicloud/ecs20140526';\n\
         import {{ {util_import} }} from '@alicloud/openapi-core';\nimport * as $dara from '@darabonba/typescript';\n\n\
         async function main(): Promise<void> {{\n",
    );
    s.push_str(&format!(
        "  const config = new $OpenApiUtil.Config({{\n    accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? {},\n    \
         accessKeySecret: {secret},\n    endpoint: {},\n    protocol: {},\n    regionId: {},\n",
        lit(&input.access_key_id),
        lit(&input.endpoint.host_header()),
        lit(&input.endpoint.scheme),
        lit(&region_of(input)),
    ));
    if v2_comment(input) {
        s.push_str("    signatureAlgorithm: 'v2', // V1 HMAC-SHA1 query signature; omit for V3\n");
    }
    s.push_str("  });\n  const client = new Ecs20140526(config);\n");
    match typed {
        Some((fields, tags)) => {
            s.push_str("  const request = new $Ecs20140526.CopyImageRequest({\n");
            for (idx, val) in &fields {
                let v = match val {
                    Val::Str(x) => lit(x),
                    Val::Bool(b) => b.to_string(),
                    Val::Int(i) => i.to_string(),
                };
                s.push_str(&format!("    {}: {},\n", COPY_IMAGE_FIELDS[*idx].2, v));
            }
            if !tags.is_empty() {
                s.push_str("    tag: [\n");
                for (k, v) in &tags {
                    match v {
                        Some(v) => s.push_str(&format!(
                            "      new $Ecs20140526.CopyImageRequestTag({{ key: {}, value: {} }}),\n",
                            lit(k),
                            lit(v)
                        )),
                        None => s.push_str(&format!(
                            "      new $Ecs20140526.CopyImageRequestTag({{ key: {} }}),\n",
                            lit(k)
                        )),
                    }
                }
                s.push_str("    ],\n");
            }
            s.push_str(
                "  });\n  const response = await client.copyImageWithOptions(request, new $dara.RuntimeOptions({}));\n  \
                 console.log(JSON.stringify(response.body));\n",
            );
        }
        None => {
            s.push_str("  const query: { [key: string]: string } = {\n");
            for (k, v) in business_params(input) {
                s.push_str(&format!("    {}: {},\n", lit(&k), lit(&v)));
            }
            s.push_str(&format!(
                "  }};\n  const params = new $OpenApiUtil.Params({{\n    action: {}, version: '2014-05-26', protocol: {}, \
                 pathname: '/', method: 'POST',\n    authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',\n  \
                 }});\n  const request = new $OpenApiUtil.OpenApiRequest({{ query: OpenApiUtil.query(query) }});\n  \
                 const response = await client.callApi(params, request, new $dara.RuntimeOptions({{}}));\n  \
                 console.log(JSON.stringify(response.body));\n",
                lit(action(input)),
                lit(&input.endpoint.scheme.to_ascii_uppercase())
            ));
        }
    }
    s.push_str("}\n\nmain().catch((e) => {\n  console.error(e.message);\n  process.exit(1);\n});\n");
    s
}

/// Java, with the current SDK (Maven `com.aliyun:ecs20140526`).
pub fn java_snippet(input: &GenerateInput) -> String {
    let secret = if input.include_secret {
        lit(&input.access_key_secret)
    } else {
        "System.getenv(\"ALIBABA_CLOUD_ACCESS_KEY_SECRET\")".into()
    };
    let mut s = String::from(
        "// Maven: com.aliyun:ecs20140526\nimport com.aliyun.ecs20140526.Client;\nimport com.aliyun.ecs20140526.models.*;\n\
         import com.aliyun.teaopenapi.models.Config;\nimport com.aliyun.teautil.models.RuntimeOptions;\n\n\
         public class Sample {\n    public static void main(String[] args) throws Exception {\n",
    );
    s.push_str(&format!(
        "        Config config = new Config()\n                .setAccessKeyId(System.getenv(\"ALIBABA_CLOUD_ACCESS_KEY_ID\"))\n                \
         .setAccessKeySecret({secret})\n                .setEndpoint({})\n                .setProtocol({})\n                \
         .setRegionId({});\n",
        lit(&input.endpoint.host_header()),
        lit(&input.endpoint.scheme),
        lit(&region_of(input)),
    ));
    if v2_comment(input) {
        s.push_str("        config.setSignatureAlgorithm(\"v2\"); // V1 HMAC-SHA1 query signature; omit for V3\n");
    }
    s.push_str("        Client client = new Client(config);\n");
    match typed_copy_image(input) {
        Some((fields, tags)) => {
            s.push_str("        CopyImageRequest request = new CopyImageRequest()");
            for (idx, val) in &fields {
                let v = match val {
                    Val::Str(x) => lit(x),
                    Val::Bool(b) => b.to_string(),
                    Val::Int(i) => format!("{i}L"),
                };
                s.push_str(&format!("\n                .set{}({})", COPY_IMAGE_FIELDS[*idx].3, v));
            }
            if !tags.is_empty() {
                s.push_str("\n                .setTag(java.util.Arrays.asList(");
                for (i, (k, v)) in tags.iter().enumerate() {
                    let sep = if i + 1 < tags.len() { "," } else { "" };
                    let value = v.as_ref().map(|v| format!(".setValue({})", lit(v))).unwrap_or_default();
                    s.push_str(&format!(
                        "\n                        new CopyImageRequest.CopyImageRequestTag().setKey({}){value}{sep}",
                        lit(k)
                    ));
                }
                s.push_str("))");
            }
            s.push_str(
                ";\n        CopyImageResponse response = client.copyImageWithOptions(request, new RuntimeOptions());\n        \
                 System.out.println(com.aliyun.teautil.Common.toJSONString(response.getBody()));\n",
            );
        }
        None => {
            s.push_str("        java.util.Map<String, Object> query = new java.util.LinkedHashMap<>();\n");
            for (k, v) in business_params(input) {
                s.push_str(&format!("        query.put({}, {});\n", lit(&k), lit(&v)));
            }
            s.push_str(&format!(
                "        com.aliyun.teaopenapi.models.Params params = new com.aliyun.teaopenapi.models.Params()\n                \
                 .setAction({}).setVersion(\"2014-05-26\").setProtocol({}).setPathname(\"/\").setMethod(\"POST\")\n                \
                 .setAuthType(\"AK\").setStyle(\"RPC\").setReqBodyType(\"formData\").setBodyType(\"json\");\n        \
                 com.aliyun.teaopenapi.models.OpenApiRequest request = new com.aliyun.teaopenapi.models.OpenApiRequest()\n                \
                 .setQuery(com.aliyun.openapiutil.Client.query(query));\n        \
                 java.util.Map<String, ?> response = client.callApi(params, request, new RuntimeOptions());\n        \
                 System.out.println(com.aliyun.teautil.Common.toJSONString(response.get(\"body\")));\n",
                lit(action(input)),
                lit(&input.endpoint.scheme.to_ascii_uppercase())
            ));
        }
    }
    s.push_str("    }\n}\n");
    s
}

/// Go composite-literal lines `key: value,` with values aligned the way gofmt aligns them.
fn go_fields(indent: &str, lines: &[(&str, String, &str)]) -> String {
    let width = lines.iter().map(|(k, _, _)| k.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    for (k, v, comment) in lines {
        let pad = " ".repeat(width - k.chars().count());
        out.push_str(&format!("{indent}{k}:{pad} {v},{comment}\n"));
    }
    out
}

/// Go, with the current SDK (`github.com/alibabacloud-go/ecs-20140526/v7`).
pub fn go_snippet(input: &GenerateInput) -> String {
    let secret = if input.include_secret {
        format!("tea.String({})", lit(&input.access_key_secret))
    } else {
        "tea.String(os.Getenv(\"ALIBABA_CLOUD_ACCESS_KEY_SECRET\"))".into()
    };
    let typed = typed_copy_image(input);
    let mut s = String::from(
        "// go get github.com/alibabacloud-go/ecs-20140526/v7\npackage main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\n",
    );
    s.push_str("\topenapi \"github.com/alibabacloud-go/darabonba-openapi/v2/client\"\n");
    if typed.is_none() {
        s.push_str("\topenapiutil \"github.com/alibabacloud-go/openapi-util/service\"\n");
    }
    s.push_str(
        "\tecs \"github.com/alibabacloud-go/ecs-20140526/v7/client\"\n\tutil \"github.com/alibabacloud-go/tea-utils/v2/service\"\n\
         \t\"github.com/alibabacloud-go/tea/tea\"\n)\n\nfunc main() {\n",
    );
    let mut cfg = vec![
        (
            "AccessKeyId",
            "tea.String(os.Getenv(\"ALIBABA_CLOUD_ACCESS_KEY_ID\"))".to_string(),
            "",
        ),
        ("AccessKeySecret", secret, ""),
        (
            "Endpoint",
            format!("tea.String({})", lit(&input.endpoint.host_header())),
            "",
        ),
        ("Protocol", format!("tea.String({})", lit(&input.endpoint.scheme)), ""),
        ("RegionId", format!("tea.String({})", lit(&region_of(input))), ""),
    ];
    if v2_comment(input) {
        cfg.push((
            "SignatureAlgorithm",
            "tea.String(\"v2\")".into(),
            " // V1 HMAC-SHA1 query signature; omit for V3",
        ));
    }
    s.push_str("\tconfig := &openapi.Config{\n");
    s.push_str(&go_fields("\t\t", &cfg));
    s.push_str("\t}\n\tclient, err := ecs.NewClient(config)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n");
    match typed {
        Some((fields, tags)) => {
            s.push_str("\trequest := &ecs.CopyImageRequest{\n");
            let lines: Vec<(&str, String, &str)> = fields
                .iter()
                .map(|(idx, val)| {
                    let v = match val {
                        Val::Str(x) => format!("tea.String({})", lit(x)),
                        Val::Bool(b) => format!("tea.Bool({b})"),
                        Val::Int(i) => format!("tea.Int64({i})"),
                    };
                    (COPY_IMAGE_FIELDS[*idx].3, v, "")
                })
                .collect();
            s.push_str(&go_fields("\t\t", &lines));
            if !tags.is_empty() {
                s.push_str("\t\tTag: []*ecs.CopyImageRequestTag{\n");
                for (k, v) in &tags {
                    let value = v
                        .as_ref()
                        .map(|v| format!(", Value: tea.String({})", lit(v)))
                        .unwrap_or_default();
                    s.push_str(&format!("\t\t\t{{Key: tea.String({}){value}}},\n", lit(k)));
                }
                s.push_str("\t\t},\n");
            }
            s.push_str(
                "\t}\n\tresponse, err := client.CopyImageWithOptions(request, &util.RuntimeOptions{})\n\tif err != nil {\n\t\t\
                 panic(err)\n\t}\n\tfmt.Println(response.Body.String())\n}\n",
            );
        }
        None => {
            s.push_str("\tquery := map[string]interface{}{\n");
            let entries: Vec<(String, String)> = business_params(input).iter().map(|(k, v)| (lit(k), lit(v))).collect();
            let lines: Vec<(&str, String, &str)> = entries.iter().map(|(k, v)| (k.as_str(), v.clone(), "")).collect();
            s.push_str(&go_fields("\t\t", &lines));
            s.push_str(&format!(
                "\t}}\n\tparams := &openapi.Params{{\n\t\tAction: tea.String({}), Version: tea.String(\"2014-05-26\"), \
                 Protocol: tea.String({}),\n\t\tPathname: tea.String(\"/\"), Method: tea.String(\"POST\"), \
                 AuthType: tea.String(\"AK\"),\n\t\tStyle: tea.String(\"RPC\"), ReqBodyType: tea.String(\"formData\"), \
                 BodyType: tea.String(\"json\"),\n\t}}\n\trequest := &openapi.OpenApiRequest{{Query: openapiutil.Query(query)}}\n\t\
                 response, err := client.CallApi(params, request, &util.RuntimeOptions{{}})\n\tif err != nil {{\n\t\t\
                 panic(err)\n\t}}\n\tfmt.Println(response[\"body\"])\n}}\n",
                lit(action(input)),
                lit(&input.endpoint.scheme.to_ascii_uppercase())
            ));
        }
    }
    s
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
