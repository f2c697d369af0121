//! The signed request: the V1 URL, the V3 headers, the raw HTTP request, curl, the aliyun CLI and SDK
//! snippets (Python, TypeScript, Java, Go), each with a copy button. All of it comes from the engine's
//! `generate` module. The wire clock is the browser's real UTC time and every render signs with a fresh
//! nonce; the secret signs and is never shown (the snippets read it from the environment).

use super::copy_button::copy_button;
use crate::form::Form;
use crate::i18n::{t, tn};
use copyimage_engine::clock::UtcTime;
use copyimage_engine::gateway::SignatureStyle;
use copyimage_engine::generate::{self, GenerateInput};
use yew::prelude::*;

/// Props of [`SignedPane`].
#[derive(Properties, PartialEq)]
pub struct SignedPaneProps {
    /// The form (credentials included: the secret signs, it is never displayed).
    pub form: Form,
}

/// The browser's UTC time, whole seconds.
fn wire_now() -> UtcTime {
    UtcTime((js_sys::Date::now() / 1000.0) as i64)
}

/// A fresh nonce: 32 hex characters from the browser's random generator (the form the Tea SDK sends).
fn fresh_nonce() -> String {
    (0..4)
        .map(|_| {
            format!(
                "{:08x}",
                (js_sys::Math::random() * 4_294_967_296.0) as u64 & 0xffff_ffff
            )
        })
        .collect()
}

/// The texts the pane shows: (title in the page's language, element id, text). The product names
/// (curl, aliyun CLI, the SDKs) read the same in every language.
pub fn signed_texts(form: &Form, now: UtcTime, nonce: &str) -> Vec<(&'static str, &'static str, String)> {
    // Exactly what Send sends, other parameters included (the common ones merge over the signer's defaults;
    // the key ID is the signer's own input, which V3 must not also find in the query).
    let mut params = form.params();
    params.retain(|(k, _)| k != "AccessKeyId");
    signed_texts_of(params, form, now, nonce)
}

fn signed_texts_of(
    params: copyimage_engine::wire::Params,
    form: &Form,
    now: UtcTime,
    nonce: &str,
) -> Vec<(&'static str, &'static str, String)> {
    let ts = now.to_iso8601();
    let mut v1 = GenerateInput::new(params, &form.access_key_id, &form.access_key_secret, &ts, nonce);
    v1.method = "GET".into();
    let g1 = generate::generate(&v1);
    let mut v3 = v1.clone();
    v3.method = "POST".into();
    v3.style = SignatureStyle::V3;
    let s3 = generate::sign_request(&v3);
    let v3_headers = s3
        .request
        .headers
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join("\n");
    vec![
        (
            t("V1 signed URL (HMAC-SHA1, GET)"),
            "signed-v1-url",
            g1.signed.url.clone(),
        ),
        (
            t("V1 string to sign"),
            "signed-v1-sts",
            g1.signed.string_to_sign.clone(),
        ),
        (
            t("V3 headers (ACS3-HMAC-SHA256, POST)"),
            "signed-v3-headers",
            v3_headers,
        ),
        (t("Raw HTTP request (V3)"), "signed-raw-http", generate::raw_http(&s3)),
        ("curl (V1)", "signed-curl", g1.curl),
        ("aliyun CLI", "signed-aliyun-cli", g1.aliyun_cli),
        ("Python SDK", "signed-python", g1.python),
        ("TypeScript SDK", "signed-typescript", g1.typescript),
        ("Java SDK", "signed-java", g1.java),
        ("Go SDK", "signed-go", g1.go),
    ]
}

/// The signed-request pane.
#[function_component(SignedPane)]
pub fn signed_pane(p: &SignedPaneProps) -> Html {
    let texts = signed_texts(&p.form, wire_now(), &fresh_nonce());
    html! {
        <section class="pane" id="signed-pane" aria-labelledby="signed-h">
            <h2 id="signed-h">{ tn("Signed request") }</h2>
            <p class="desc">{ tn("Signed now with your key pair (real UTC time, a fresh nonce each time). The secret signs; it is never shown, stored or exported: the snippets read it from the environment.") }</p>
            { for texts.into_iter().enumerate().map(|(i, (title, id, text))| html! {
                <details class="snippet" open={i < 3}>
                    <summary class="snippet-head"><h3>{ title }</h3></summary>
                    { copy_button(text.clone(), title, format!("copy-{id}")) }
                    <pre id={id}>{ text }</pre>
                </details>
            }) }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_signs_but_is_never_shown() {
        let mut f = Form {
            access_key_secret: "my-very-secret-key".into(),
            ..Form::default()
        };
        let now = UtcTime::parse_iso8601("2024-05-20T08:30:00Z").unwrap();
        let texts = signed_texts(&f, now, "3ee8c1b883d344afa94f4e0ad82fd6cf");
        assert_eq!(texts.len(), 10);
        for (title, _, t) in &texts {
            assert!(!t.contains("my-very-secret-key"), "{title}: {t}");
        }
        let url = &texts[0].2;
        assert!(url.starts_with("https://ecs.cn-hangzhou.aliyuncs.com/?"), "{url}");
        assert!(url.contains("Action=CopyImage") && url.contains("Signature="), "{url}");
        assert!(url.contains("ImageId=m-bp1h46wfpjsjastc%2A%2A%2A%2A"), "{url}");
        assert!(
            texts[2].2.contains("ACS3-HMAC-SHA256 Credential=testid"),
            "{}",
            texts[2].2
        );
        // The same texts as signing only Action, Format and the business parameters (the signer adds the rest).
        let mut bare = vec![
            ("Action".to_string(), f.op().action.to_string()),
            ("Format".to_string(), f.format.as_str().to_string()),
        ];
        bare.extend(f.business_params());
        assert_eq!(
            signed_texts_of(bare, &f, now, "3ee8c1b883d344afa94f4e0ad82fd6cf"),
            texts
        );
        // Other parameters are signed and sent; a link key is not.
        let mut g = f.clone();
        g.others = vec![("Tag.21.Key".into(), "k21".into()), ("lang".into(), "en".into())];
        let signed = signed_texts(&g, now, "3ee8c1b883d344afa94f4e0ad82fd6cf");
        assert!(signed[0].2.contains("&Tag.21.Key=k21&"), "{}", signed[0].2);
        assert!(!signed[0].2.contains("lang="), "{}", signed[0].2);
        assert!(signed[1].2.contains("Tag.21.Key%3Dk21"), "{}", signed[1].2);
        // A different secret gives a different signature: the typed pair is really used.
        f.access_key_secret = "other".into();
        assert_ne!(signed_texts(&f, now, "3ee8c1b883d344afa94f4e0ad82fd6cf")[0].2, *url);
    }
}
