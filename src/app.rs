//! The playground's frame: header, request pane, response pane and world pane.

use copyimage_engine::regions::REGIONS;
use yew::prelude::*;

/// Shows panics as a visible banner (the element `#panic`), so a bug never leaves a dead page.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = format!("The playground hit an internal error and stopped: {info}");
        web_sys::console::error_1(&msg.clone().into());
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(el) = doc.get_element_by_id("panic") {
                el.set_text_content(Some(&msg));
                let _ = el.set_attribute("style", "display:block");
            }
        }
    }));
}

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    html! {
        <div class="app">
            <header class="top">
                <h1>{ "CopyImage Playground" }</h1>
                <p class="tagline">{ "Alibaba Cloud ECS CopyImage (2014-05-26): build a request, see the exact response, without an account." }</p>
            </header>
            <main class="panes">
                <section class="pane" id="request-pane" aria-label="Request">
                    <h2>{ "Request" }</h2>
                </section>
                <section class="pane" id="response-pane" aria-label="Response">
                    <h2>{ "Response" }</h2>
                </section>
                <section class="pane" id="world-pane" aria-label="World">
                    <h2>{ "World" }</h2>
                    <table class="regions" id="region-table">
                        <caption>{ "Regions" }</caption>
                        <thead><tr><th scope="col">{ "RegionId" }</th><th scope="col">{ "Name" }</th><th scope="col">{ "LocalName" }</th><th scope="col">{ "Endpoint" }</th></tr></thead>
                        <tbody>
                        { for REGIONS.iter().map(|r| html! {
                            <tr data-region={r.id}>
                                <td><code>{ r.id }</code></td>
                                <td>{ r.name_en }</td>
                                <td lang="zh-CN">{ r.name_zh }</td>
                                <td><code>{ r.endpoint() }</code></td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                </section>
            </main>
        </div>
    }
}
