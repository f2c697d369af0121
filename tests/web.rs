//! Browser tests (wasm-bindgen-test in headless Chromium, run by `make test`): the engine compiled to wasm32
//! gives the same answers as natively, and Yew renders its region table into a real DOM.
//!
//! Run alone: `scripts/wasm-test.sh` (sets the runner, chromedriver and Chromium flags).
#![cfg(target_arch = "wasm32")]

use copyimage_engine::regions::{self, REGIONS};
use copyimage_engine::rng::Rng;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// SplitMix64 is 64-bit arithmetic; wasm32 must not change a single bit of it (seeded IDs are replayable
/// across the CLI and the page only if this holds). Reference outputs of SplitMix64 for seed 0.
#[wasm_bindgen_test]
fn seeded_rng_matches_the_native_reference() {
    let mut rng = Rng::new(0);
    assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
    assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
}

#[wasm_bindgen_test]
fn region_lookup_works_in_the_browser() {
    let hz = regions::find("cn-hangzhou").expect("cn-hangzhou is in the table");
    assert_eq!(hz.name_zh, "华东1（杭州）");
    assert_eq!(hz.endpoint(), "ecs.cn-hangzhou.aliyuncs.com");
    assert!(regions::find("CN-HANGZHOU").is_none(), "region IDs are case-sensitive");
}

#[function_component(RegionRows)]
fn region_rows() -> Html {
    html! {
        <table><tbody>
        { for REGIONS.iter().map(|r| html! {
            <tr data-region={r.id}><td>{ r.id }</td><td>{ r.name_zh }</td><td>{ r.endpoint() }</td></tr>
        }) }
        </tbody></table>
    }
}

/// Yew + the engine's table in a real document: one row per region, Chinese text intact through the DOM.
#[wasm_bindgen_test]
async fn yew_renders_the_region_table() {
    let doc = web_sys::window().and_then(|w| w.document()).expect("a document");
    let host = doc.create_element("div").expect("create div");
    doc.body().expect("body").append_child(&host).expect("append");
    let handle = yew::Renderer::<RegionRows>::with_root(host.clone()).render();
    // Yew renders on its scheduler; let it run.
    yew::platform::time::sleep(std::time::Duration::from_millis(10)).await;

    let rows = host.query_selector_all("tr[data-region]").expect("selector");
    assert_eq!(rows.length() as usize, REGIONS.len());
    let hz = host
        .query_selector("tr[data-region='cn-hangzhou']")
        .expect("selector")
        .expect("a cn-hangzhou row");
    assert_eq!(
        hz.text_content().unwrap_or_default(),
        "cn-hangzhou华东1（杭州）ecs.cn-hangzhou.aliyuncs.com"
    );
    handle.destroy();
}
