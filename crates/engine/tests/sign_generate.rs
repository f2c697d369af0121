//! Request generation: every signed form passes the gateway, and the generated code that cannot be run
//! here (Java, Go, aliyun CLI) plus curl and raw HTTP match golden files a person has read
//! (`tests/golden/`; regenerate with `UPDATE_GOLDEN=1 cargo test -p copyimage-engine --test sign_generate`).

use copyimage_engine::clock::UtcTime;
use copyimage_engine::gateway::{authenticate, NonceMemory, SignatureStyle};
use copyimage_engine::generate::{self, Endpoint, GenerateInput};
use copyimage_engine::wire::{param, Params};

const TS: &str = "2026-11-27T08:30:00Z";

fn p(pairs: &[(&str, &str)]) -> Params {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn copy_image() -> Params {
    p(&[
        ("Action", "CopyImage"),
        ("RegionId", "cn-hangzhou"),
        ("ImageId", "m-bp1h46wfpjsjastc****"),
        ("DestinationRegionId", "cn-shanghai"),
        ("DestinationImageName", "镜像 copy*~!'()"),
        ("DestinationDescription", "it's 100%"),
        ("Encrypted", "true"),
        ("KMSKeyId", "0e478b7a-4262-4802-b8cb-00d3fb40****"),
        ("Tag.1.Key", "env"),
        ("Tag.1.Value", "prod"),
        ("Tag.2.Key", "team"),
        ("Tag.2.Value", ""),
    ])
}

fn input(style: SignatureStyle, method: &str) -> GenerateInput {
    let mut i = GenerateInput::new(
        copy_image(),
        "testid",
        "testsecret",
        TS,
        "0b5c1f0e-7d1e-4f7a-9b59-1f2a3c4d5e6f",
    );
    i.style = style;
    i.method = method.into();
    i
}

fn passes(i: &GenerateInput) -> Params {
    let s = generate::sign_request(i);
    let now = UtcTime::parse_iso8601(TS).unwrap();
    let secrets = |ak: &str| (ak == "testid").then(|| "testsecret".to_string());
    match authenticate(&s.request, &secrets, now, &mut NonceMemory::default()) {
        Ok(a) => {
            assert_eq!(a.style, i.style);
            a.params
        }
        Err(e) => panic!("{:?} {}: {} {}\n{:#?}", i.style, i.method, e.code, e.message, s.request),
    }
}

#[test]
fn every_generated_form_passes_the_gateway() {
    for style in [SignatureStyle::V1, SignatureStyle::V3] {
        for method in ["GET", "POST"] {
            for form in [false, true] {
                for endpoint in [
                    Endpoint::regional("cn-hangzhou"),
                    Endpoint::central(),
                    Endpoint::local("127.0.0.1", 8765),
                ] {
                    let mut i = input(style, method);
                    i.form_body = form;
                    i.endpoint = endpoint;
                    let params = passes(&i);
                    assert_eq!(param(&params, "DestinationImageName"), Some("镜像 copy*~!'()"));
                    assert_eq!(param(&params, "Tag.2.Value"), Some(""));
                    assert_eq!(param(&params, "Action"), Some("CopyImage"));
                }
            }
        }
    }
}

#[test]
fn overrides_tokens_and_header_sets() {
    // V1: a KEY=VALUE overrides a default or adds one, and is signed as given.
    let mut i = input(SignatureStyle::V1, "GET");
    i.params.push(("Format".into(), "json".into()));
    i.params.push(("SignatureType".into(), String::new()));
    i.security_token = Some("CAIS+tok/en=".into());
    let params = passes(&i);
    assert_eq!(param(&params, "Format"), Some("json"));
    assert_eq!(param(&params, "SignatureType"), Some(""));
    assert_eq!(param(&params, "SecurityToken"), Some("CAIS+tok/en="));
    assert_eq!(params.iter().filter(|(k, _)| k == "Format").count(), 1);
    let s = generate::sign_request(&i);
    assert!(s
        .url
        .starts_with("https://ecs.cn-hangzhou.aliyuncs.com/?Action=CopyImage&Format=json&Version=2014-05-26&"));
    assert!(s
        .url
        .contains("DestinationImageName=%E9%95%9C%E5%83%8F%20copy%2A~%21%27%28%29"));

    // V3: no common parameter in the query; Action and Version go to headers.
    let mut i = input(SignatureStyle::V3, "POST");
    i.params.push(("Version".into(), "2014-05-26".into()));
    let s = generate::sign_request(&i);
    assert!(!s.request.query.contains("Action=") && !s.request.query.contains("Version="));
    assert_eq!(s.request.header("x-acs-action"), Some("CopyImage"));
    assert_eq!(
        s.authorization
            .as_deref()
            .unwrap()
            .split(",SignedHeaders=")
            .nth(1)
            .unwrap()
            .split(',')
            .next(),
        Some("host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version")
    );
    passes(&i);

    // V3 with the Tea SDK's nine headers, and with a chosen subset.
    let mut i = input(SignatureStyle::V3, "POST");
    i.extra_headers = p(&[
        (
            "user-agent",
            "AlibabaCloud (Linux; x86_64) Python/3.11.2 Core/1.0.9 TeaDSL/2",
        ),
        ("accept", "application/json"),
        ("x-acs-credentials-provider", "static_ak"),
    ]);
    let s = generate::sign_request(&i);
    assert!(s.authorization.as_deref().unwrap().contains(
        "SignedHeaders=accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,"
    ));
    passes(&i);
    i.signed_headers = Some(vec!["Host".into(), "x-acs-date".into()]);
    let s = generate::sign_request(&i);
    assert!(s
        .authorization
        .as_deref()
        .unwrap()
        .contains("SignedHeaders=host;x-acs-date,"));
    passes(&i);
}

#[test]
fn secrets_stay_out_of_code_unless_asked() {
    let mut i = input(SignatureStyle::V1, "POST");
    i.access_key_secret = "very-secret-value".into();
    let g = generate::generate(&i);
    for code in [
        &g.python,
        &g.typescript,
        &g.java,
        &g.go,
        &g.aliyun_cli,
        &g.curl,
        &g.raw_http,
    ] {
        assert!(!code.contains("very-secret-value"), "{code}");
    }
    i.include_secret = true;
    let g = generate::generate(&i);
    for code in [&g.python, &g.typescript, &g.java, &g.go] {
        assert!(code.contains("\"very-secret-value\""), "{code}");
    }
}

fn golden(name: &str, actual: &str) {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e} (UPDATE_GOLDEN=1 writes it)"));
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

#[test]
fn golden_outputs() {
    let v1 = input(SignatureStyle::V1, "POST");
    let v3 = input(SignatureStyle::V3, "POST");
    let g1 = generate::generate(&v1);
    let g3 = generate::generate(&v3);
    golden("copyimage.java", &g3.java);
    golden("copyimage_v1.java", &g1.java);
    golden("copyimage.go", &g3.go);
    golden("copyimage_aliyun_cli.sh", &g3.aliyun_cli);
    golden("copyimage_v1_curl.sh", &g1.curl);
    golden("copyimage_v3_curl.sh", &g3.curl);
    golden("copyimage_v1_post.http", &g1.raw_http);
    golden("copyimage_v3_post.http", &g3.raw_http);
    golden("copyimage.py", &g3.python);
    golden("copyimage.ts", &g3.typescript);
    let mut generic = GenerateInput::new(
        p(&[
            ("Action", "DescribeImages"),
            ("RegionId", "cn-shanghai"),
            ("Status", "Creating,Waiting"),
        ]),
        "testid",
        "testsecret",
        TS,
        "n",
    );
    generic.endpoint = Endpoint::local("127.0.0.1", 8765);
    let g = generate::generate(&generic);
    golden("describeimages_generic.java", &g.java);
    golden("describeimages_generic.go", &g.go);
    golden("describeimages_local_aliyun_cli.sh", &g.aliyun_cli);
}
