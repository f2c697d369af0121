//! The signed request: the V1 URL, the V3 headers, the raw HTTP request, each with a copy button. The wire
//! clock is the browser's real UTC time and every render signs with a fresh nonce; the secret is used to
//! sign and is never shown.

use super::copy_button::CopyButton;
use crate::form::{Form, VERSION};
use crate::state::host_for;
use copyimage_engine::clock::UtcTime;
use copyimage_engine::sign;
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

/// A fresh nonce: 32 hex characters from the browser's random generator (as the Tea SDK sends).
fn fresh_nonce() -> String {
    (0..4)
        .map(|_| format!("{:08x}", (js_sys::Math::random() * 4_294_967_296.0) as u64 & 0xffff_ffff))
        .collect()
}

/// The texts the pane shows: (title, element id, text).
pub fn signed_texts(form: &Form, now: UtcTime, nonce: &str) -> Vec<(&'static str, &'static str, String)> {
    let business = form.business_params();
    let host = host_for(&business);
    let ts = now.to_iso8601();
    // V1: common parameters, then Action and the business parameters; GET to the region's endpoint.
    let mut v1 = sign::v1_common_params(&form.access_key_id, &ts, nonce);
    v1 = sign::merge_params(&v1, &[("Format".to_string(), form.format.as_str().to_string())]);
    v1.push(("Action".into(), form.op().action.into()));
    v1.extend(business.iter().cloned());
    let s1 = sign::sign_v1("GET", &v1, &form.access_key_secret);
    let url = format!("https://{host}/?{}", sign::v1_signed_query(&v1, &s1.signature));
    // V3: POST with the business parameters in the query and the doc's six signed headers.
    let headers = sign::v3_doc_headers(&host, form.op().action, VERSION, &ts, nonce, "");
    let signed = sign::sign_v3(&sign::V3Input {
        method: "POST",
        path: "/",
        query: &business,
        headers: &headers,
        signed_headers: None,
        hashed_payload: &sign::sha256_hex(b""),
        access_key_id: &form.access_key_id,
        secret: &form.access_key_secret,
    });
    let mut v3_headers: Vec<String> = headers.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    v3_headers.push(format!("Authorization: {}", signed.authorization));
    let v3_query = sign::v1_signed_query(&business, "")
        .trim_end_matches("Signature=")
        .trim_end_matches('&')
        .to_string();
    let raw = format!(
        "POST /?{v3_query} HTTP/1.1\n{}\ncontent-length: 0\n",
        v3_headers.join("\n")
    );
    vec![
        ("V1 signed URL (HMAC-SHA1, GET)", "signed-v1-url", url),
        ("V1 string to sign", "signed-v1-sts", s1.string_to_sign),
        ("V3 headers (ACS3-HMAC-SHA256)", "signed-v3-headers", v3_headers.join("\n")),
        ("V3 canonical request", "signed-v3-canonical", signed.canonical_request),
        ("Raw HTTP request (V3)", "signed-raw-http", raw),
    ]
}

/// The signed-request pane.
#[function_component(SignedPane)]
pub fn signed_pane(p: &SignedPaneProps) -> Html {
    let texts = signed_texts(&p.form, wire_now(), &fresh_nonce());
    html! {
        <section class="pane" id="signed-pane" aria-labelledby="signed-h">
            <h2 id="signed-h">{ "Signed request" }</h2>
            <p class="desc">{ "Signed now with your key pair (real UTC time, a fresh nonce each time). \
                The secret signs; it is never shown, stored or exported." }</p>
            { for texts.into_iter().map(|(title, id, text)| html! {
                <div class="snippet">
                    <div class="snippet-head"><h3>{ title }</h3>
                        <CopyButton text={text.clone()} what={title} id={format!("copy-{id}")} /></div>
                    <pre id={id}>{ text }</pre>
                </div>
            }) }
        </section>
    }
}
