//! The error catalog page (`?view=catalog`): every documented CopyImage error (the reference's whole table,
//! typos kept) and the common, tag, CancelCopyImage, DeleteImage and gateway errors, grouped by HTTP status,
//! each with its cause and a Reproduce link that opens the playground in a state whose response is exactly
//! that error. Above them, the reference page's own examples, one click from the playground.
//!
//! The rows are fetched from `teach/catalog.json` (generated from the engine's catalog by
//! `catalog_data.rs`), so this text does not weigh on the playground's first load.

use super::page_header;
use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// One catalog row as the data file holds it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Row {
    /// Stable ID (the engine's rule ID).
    pub id: String,
    /// HTTP status.
    pub http_status: u16,
    /// Code, exactly.
    pub code: String,
    /// Message, exactly.
    pub message: String,
    /// What causes it.
    pub cause: String,
    /// Where it is documented.
    pub source: String,
    /// The world edits the reproduction needs, in words.
    pub setup_note: String,
    /// Where the error shows after Reproduce: `preview`, `history` or `debugger`.
    pub shows: String,
    /// The Reproduce link.
    pub href: String,
}

/// One of the reference page's examples.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Example {
    /// Stable ID.
    pub id: String,
    /// Title.
    pub title: String,
    /// The example as the reference prints it.
    pub doc: String,
    /// How the playground's answer relates to it.
    pub note: String,
    /// The playground link.
    pub href: String,
}

/// The data file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Data {
    /// Every catalog row.
    pub entries: Vec<Row>,
    /// The reference's examples.
    pub examples: Vec<Example>,
}

/// The data file's path, relative to the page (so the site works from any sub-path).
pub const DATA_URL: &str = "teach/catalog.json";

/// Fetches a text file of the site.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let win = web_sys::window().ok_or("no window")?;
    let resp = JsFuture::from(win.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url} could not be fetched"))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not an HTTP response".to_string())?;
    if !resp.ok() {
        return Err(format!("{url} answered HTTP {}", resp.status()));
    }
    let text = resp.text().map_err(|_| "unreadable body".to_string())?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "unreadable body".to_string())
}

/// Loads and parses the catalog data.
pub async fn load() -> Result<Data, String> {
    let text = fetch_text(DATA_URL).await?;
    serde_json::from_str(&text).map_err(|e| format!("{DATA_URL}: {e}"))
}

/// The statuses in the order the page groups them.
pub fn groups(rows: &[Row]) -> Vec<(u16, Vec<&Row>)> {
    let mut statuses: Vec<u16> = rows.iter().map(|r| r.http_status).collect();
    statuses.sort_unstable();
    statuses.dedup();
    statuses
        .into_iter()
        .map(|s| (s, rows.iter().filter(|r| r.http_status == s).collect()))
        .collect()
}

fn where_it_shows(shows: &str) -> &'static str {
    match shows {
        "preview" => "Opens the playground; the live response shows the error.",
        "history" => {
            "No form can send this request, so the playground sends it for you: the newest history entry \
                      shows the error."
        }
        _ => {
            "A gateway error: opens the signature debugger, which sends the signed request to the simulated \
              endpoint."
        }
    }
}

fn row_view(r: &Row) -> Html {
    html! {
        <li class="entry" id={format!("entry-{}", r.id)} data-entry={r.id.clone()}
            data-status={r.http_status.to_string()} data-code={r.code.clone()} data-shows={r.shows.clone()}>
            <p class="head"><code class="code">{ r.code.clone() }</code>{ " " }
                <span class="status">{ r.http_status.to_string() }</span></p>
            <p class="message"><q>{ r.message.clone() }</q></p>
            <p class="cause">{ r.cause.clone() }</p>
            if !r.setup_note.is_empty() {
                <p class="setup desc">{ "World: " }<code>{ r.setup_note.clone() }</code></p>
            }
            <p class="source desc">{ "Source: " }{ r.source.clone() }</p>
            <a class="reproduce button" href={r.href.clone()} title={where_it_shows(&r.shows)}>{ "Reproduce" }</a>
        </li>
    }
}

/// The catalog page.
#[function_component(CatalogPage)]
pub fn catalog_page() -> Html {
    let data = use_state(|| None::<Result<Data, String>>);
    {
        let data = data.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move { data.set(Some(load().await)) });
        });
    }
    let body = match &*data {
        None => html! { <p id="catalog-loading" class="desc">{ "Loading the catalog…" }</p> },
        Some(Err(e)) => {
            html! { <p id="catalog-error" class="err" role="alert">{ format!("The catalog could not be loaded: {e}") }</p> }
        }
        Some(Ok(d)) => html! {
            <>
                <section class="pane" id="examples" aria-labelledby="examples-h">
                    <h2 id="examples-h">{ "The reference page's examples" }</h2>
                    <ul class="examples">
                        { for d.examples.iter().map(|x| html! {
                            <li data-example={x.id.clone()}>
                                <h3>{ x.title.clone() }</h3>
                                <pre class="doc">{ x.doc.clone() }</pre>
                                <p class="desc">{ x.note.clone() }</p>
                                <a class="button" href={x.href.clone()}>{ "Open in playground" }</a>
                            </li>
                        }) }
                    </ul>
                </section>
                <p id="catalog-count" class="desc">{ format!("{} errors. Codes and messages are exactly as documented, \
                    typos included (Forbbiden, OperationDeined.EncryptedSnapshot, The Image are coping.).", d.entries.len()) }</p>
                { for groups(&d.entries).into_iter().map(|(status, rows)| html! {
                    <section class="pane status-group" data-group={status.to_string()}
                        aria-labelledby={format!("group-{status}")}>
                        <h2 id={format!("group-{status}")}>{ format!("HTTP {status} {}", copyimage_engine::wire::reason_phrase(status)) }</h2>
                        <ul class="catalog">{ for rows.into_iter().map(row_view) }</ul>
                    </section>
                }) }
            </>
        },
    };
    html! {
        <div class="app teach-page">
            { page_header("Error catalog", "Every documented error of CopyImage and its neighbours: what causes it, \
                and a Reproduce button that makes it happen in the playground.") }
            <main class="teach-main" id="catalog">{ body }</main>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_parses_and_groups_by_status_with_every_reference_row() {
        let text = include_str!("../../www/teach/catalog.json");
        let d: Data = serde_json::from_str(text).unwrap();
        let g = groups(&d.entries);
        let statuses: Vec<u16> = g.iter().map(|(s, _)| *s).collect();
        assert_eq!(statuses, vec![400, 401, 403, 404, 500]);
        for (st, code, msg) in copyimage_engine::catalog::REFERENCE_ROWS {
            assert!(
                d.entries
                    .iter()
                    .any(|r| r.http_status == *st && r.code == *code && r.message == *msg),
                "{code}"
            );
        }
        assert_eq!(d.examples.len(), 3);
    }
}
