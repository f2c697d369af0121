//! Generates `www/teach/catalog.html`, the error catalog page (static, so the WASM bundle carries none of it), from the engine's catalog (and
//! checks that the file in the repository is current). Test-only code: the WASM bundle never carries it.
//!
//! Each entry gets a Reproduce link, built so the playground shows exactly the entry's error:
//! * the world: the entry's preset plus its setup steps, exactly as the catalog holds them (typed world
//!   edits, requests sent first such as a ClientToken's first use or the CopyImage that makes a copy,
//!   clock moves): the link's steps are the engine's steps;
//! * the request itself goes into the form (names without a field as its other parameters), so the live
//!   preview shows the error (`shows: preview`); where the preview would not show it, the request is also
//!   the last `Send` step, and since the form holds exactly what was sent the page lands on that sent
//!   answer (`shows: history`): either way the error is on top of the response pane;
//! * a gateway error (a signed HTTP request at a wire time) opens the signature debugger, which replays it
//!   on the simulated endpoint (`shows: debugger`).
//!
//! Regenerate: `UPDATE_TEACH_DATA=1 cargo test -p copyimage-playground catalog_data`.

use crate::i18n::{with_lang, Lang};
use crate::permalink::{self, Link, Step};
use crate::state::State;
use copyimage_engine::catalog::{self, CatalogEntry, Outcome};
use copyimage_engine::engine::Exchange;
use copyimage_engine::scenario;
use copyimage_engine::wire::Params;

/// The page in each language: English, and the Chinese page the language switch and `lang=zh-CN` open.
const PAGES: &[(Lang, &str)] = &[
    (Lang::En, "www/teach/catalog.html"),
    (Lang::ZhCn, "www/teach/catalog.zh-CN.html"),
];

/// `en` in `lang`: itself in English, else its entry in the Chinese files (`i18n/zh-CN*.json`, keyed by the
/// English, like the engine's texts; the page's own entries are in `zh-CN.catalog.json`); a missing entry
/// fails the test that generates the page, naming it.
fn tz(lang: Lang, en: &str) -> String {
    if lang == Lang::En {
        return en.to_string();
    }
    zh_table()
        .get(en)
        .unwrap_or_else(|| panic!("no zh-CN entry for the catalog page's {en:?}"))
        .clone()
}

/// The Chinese files (`i18n/zh-CN*.json`, one per page view) as one table, read once for the static pages
/// (the catalog and the embed snippet page), which may show strings of any view.
pub(super) fn zh_table() -> &'static std::collections::BTreeMap<String, String> {
    static ZH: std::sync::OnceLock<std::collections::BTreeMap<String, String>> = std::sync::OnceLock::new();
    ZH.get_or_init(|| {
        [
            include_str!("../../i18n/zh-CN.json"),
            include_str!("../../i18n/zh-CN.lessons.json"),
            include_str!("../../i18n/zh-CN.debugger.json"),
            include_str!("../../i18n/zh-CN.catalog.json"),
        ]
        .iter()
        .flat_map(|f| serde_json::from_str::<std::collections::BTreeMap<String, String>>(f).expect("zh-CN*.json"))
        .collect()
    })
}

/// `en` (a template) in `lang`, its `{name}`s filled.
fn tzf(lang: Lang, en: &str, args: &[(&str, &str)]) -> String {
    let args: Vec<(String, String)> = args.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    copyimage_engine::why::fill(&tz(lang, en), &args)
}

/// One row of the catalog page.
struct Row {
    id: String,
    /// A success's title (empty for an error).
    title: String,
    http_status: u16,
    code: String,
    message: String,
    cause: String,
    source: String,
    setup_note: String,
    /// Where the error shows after Reproduce: `preview`, `history` or `debugger`.
    shows: &'static str,
    /// The Reproduce link, relative to the site's root page.
    href: String,
}

/// One of the reference page's own examples.
struct Example {
    id: &'static str,
    title: &'static str,
    /// The example exactly as the reference prints it.
    doc: &'static str,
    note: &'static str,
    href: String,
}

/// The exchange a link shows where `shows` says (the live preview or the newest history entry).
fn shown(href: &str, shows: &str) -> Option<Exchange> {
    let s = State::from_fragment(fragment_of(href));
    if s.notice.is_some() {
        return None;
    }
    match shows {
        "preview" if !s.show_sent => Some((*s.preview).clone()),
        // The response pane shows the sent exchange only when the page lands on it.
        "history" if s.show_sent => s.history.last().map(|h| h.exchange.clone()),
        _ => None,
    }
}

fn shows_entry(e: &CatalogEntry, x: Option<Exchange>) -> bool {
    x.is_some_and(|x| {
        // A success has no Code or Message on the wire.
        let want = |s: &str| (!s.is_empty()).then(|| s.to_string());
        x.response.status == e.http_status
            && code_of(&x.response.body) == want(&e.code)
            && message_of(&x.response.body) == want(&e.message)
    })
}

/// A request as people paste it: a plain GET as its URL, anything else as raw HTTP text.
fn request_text(request: &copyimage_engine::wire::HttpRequest) -> String {
    if request.method == "GET" && request.headers.is_empty() && request.body.is_empty() {
        format!("https://{}{}?{}", request.host, request.path, request.query)
    } else {
        let mut t = format!(
            "{} {}?{} HTTP/1.1\nHost: {}\n",
            request.method, request.path, request.query, request.host
        );
        for (k, v) in &request.headers {
            t.push_str(&format!("{k}: {v}\n"));
        }
        t.push('\n');
        t.push_str(&request.body);
        t
    }
}

/// For a gateway entry (signed HTTP at a wire time): the request, the wire time and the engine's answer,
/// shown on the page itself, since the default build has no debugger view to send it from.
fn gateway_block(e: &CatalogEntry, lang: Lang) -> Option<String> {
    let Step::Http { request, wire_time } = &e.repro.request else {
        return None;
    };
    let x = e.reproduce();
    let (href, _) = reproduce_link(e, lang);
    // A request refused for what came before it (a reused nonce): the page says so, and the debugger, which
    // checks one request's signature, is offered for what it shows (the signature itself is right).
    let (sent, dbg_note) = if !sent_twice(e) {
        ("Sent", "(it opens the full build)")
    } else {
        (
            "Sent twice (the first time it is answered as usual; this is the second answer)",
            "(it opens the full build; it checks this one request, whose signature is correct)",
        )
    };
    let sent = tzf(
        lang,
        "{sent} to the simulated endpoint ({serve}, preset {preset}) at {time}:",
        &[
            ("sent", &tz(lang, sent)),
            ("serve", "<code>copyimage serve</code>"),
            ("preset", &format!("<code>{}</code>", esc(&e.repro.preset))),
            ("time", &wire_time.to_iso8601()),
        ],
    );
    Some(format!(
        "<div class=\"repro-response\" id=\"resp-{id}\"><p class=\"desc\">{sent}</p><pre class=\"doc\">{req}</pre><pre class=\"doc status\">{status}</pre>\
         <pre class=\"doc body\">{body}</pre><p class=\"desc\"><a href=\"{dbg}\">{open}</a> {dbg_note}</p></div>",
        id = esc(&e.id),
        open = tz(lang, "Open it in the signature debugger"),
        dbg_note = esc(&tz(lang, &format!("{dbg_note}."))),
        req = esc(&request_text(request)),
        status = esc(&x.response.status_line()),
        body = esc(&x.response.body),
        dbg = esc(&from_teach_dir(&href)),
    ))
}

/// Whether the entry's request is sent once first (a reused SignatureNonce).
fn sent_twice(e: &CatalogEntry) -> bool {
    e.repro.setup.iter().any(|s| matches!(s, Step::Http { .. }))
}

/// The Reproduce link and where the error shows; a link from a Chinese page carries `lang=zh-CN` in its
/// fragment, so the playground (or debugger) it opens is Chinese too.
fn reproduce_link(e: &CatalogEntry, lang: Lang) -> (String, &'static str) {
    match &e.repro.request {
        Step::Http { request, wire_time } => {
            let url = request_text(request);
            let frag = format!(
                "preset={}&now={}&req={}",
                e.repro.preset,
                wire_time.to_iso8601(),
                percent_encoding::utf8_percent_encode(&url, percent_encoding::NON_ALPHANUMERIC)
            );
            (format!("./?view=debugger#{}", with_lang(&frag, lang)), "debugger")
        }
        Step::Send(p) => {
            let mut steps = e.repro.setup.clone();
            let link = |params: Params, steps: Vec<Step>| {
                let l = Link {
                    scenario: None,
                    preset: e.repro.preset.clone(),
                    seed: catalog::SEED,
                    params,
                    steps,
                };
                format!("./#{}", with_lang(&permalink::to_fragment(&l), lang))
            };
            // In the form, when its live preview shows the error.
            let href = link(p.clone(), steps.clone());
            if shows_entry(e, shown(&href, "preview")) {
                return (href, "preview");
            }
            // Otherwise also sent as the last step: the form holds the same request, so the page lands on the
            // sent answer.
            steps.push(Step::Send(p.clone()));
            (link(p.clone(), steps), "history")
        }
        other => panic!("{}: the request is not a request: {other:?}", e.id),
    }
}

const SAMPLE_REQUEST: &str = "https://ecs.aliyuncs.com/?Action=CopyImage\n&ImageId=m-bp1h46wfpjsjastc****\n\
                              &RegionId=cn-hangzhou\n&<Common request parameters>";
const SAMPLE_XML: &str = "HTTP/1.1 200 OK\nContent-Type:application/xml\n\n<CopyImageResponse>\n\
                          <RequestId>C8B26B44-0189-443E-9816-D951F59623A9</RequestId>\n\
                          <ImageId>m-bp1h46wfpjsjastd****</ImageId>\n</CopyImageResponse>";
const SAMPLE_JSON: &str = "HTTP/1.1 200 OK\nContent-Type:application/json\n\n{\n\
                           \"RequestId\" : \"C8B26B44-0189-443E-9816-D951F59623A9\",\n\
                           \"ImageId\" : \"m-bp1h46wfpjsjastd****\"\n}";

/// The fragment of a playground link with these request parameters on the default preset.
fn example_href(p: &[(&str, &str)]) -> String {
    let link = Link {
        scenario: None,
        params: p.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        ..Link::default()
    };
    format!("./#{}", permalink::to_fragment(&link))
}

fn examples() -> Vec<Example> {
    let doc = [
        ("Action", "CopyImage"),
        ("ImageId", scenario::DOC_IMAGE_ID),
        ("RegionId", "cn-hangzhou"),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut v = doc.to_vec();
        v.extend_from_slice(extra);
        example_href(&v)
    };
    vec![
        Example {
            id: "sample-request",
            title: "Sample request",
            doc: SAMPLE_REQUEST,
            note: "As printed (no DestinationRegionId) it answers 403 IncorrectDestinationRegion: the destination \
                   defaults to the source region (the playground's recorded choice).",
            href: with(&[]),
        },
        Example {
            id: "success-xml",
            title: "Sample success response, XML",
            doc: SAMPLE_XML,
            note: "With DestinationRegionId=cn-shanghai and Format=XML (on the wire: an XML declaration, no \
                   indentation; the simulator's own IDs).",
            href: with(&[("DestinationRegionId", "cn-shanghai"), ("Format", "XML")]),
        },
        Example {
            id: "success-json",
            title: "Sample success response, JSON",
            doc: SAMPLE_JSON,
            note: "With DestinationRegionId=cn-shanghai and Format=JSON (compact on the wire).",
            href: with(&[("DestinationRegionId", "cn-shanghai"), ("Format", "JSON")]),
        },
    ]
}

/// `s` as HTML text or an attribute value.
pub(super) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A link of the data (relative to the site's root page) as seen from `teach/catalog.html`.
fn from_teach_dir(href: &str) -> String {
    format!("../{}", href.trim_start_matches("./"))
}

fn reason(status: u16) -> &'static str {
    copyimage_engine::wire::reason_phrase(status)
}

fn where_it_shows(shows: &str) -> &'static str {
    match shows {
        "preview" => "opens the playground, whose live response shows the error;",
        "history" => "where the error needs the request sent, it is sent for you and its answer is on top;",
        _ => "a gateway error shows the signed request and the simulated endpoint's exact answer here.",
    }
}

/// The catalog page in `lang`: static HTML, so the playground's WASM carries none of it. Wire text (codes,
/// messages, status lines, requests and bodies) is the same bytes in every language, marked `lang="en"`.
fn generate(lang: Lang) -> String {
    let t = |en: &str| tz(lang, en);
    let rows: Vec<Row> = catalog::entries()
        .iter()
        .map(|e| {
            let (href, shows) = reproduce_link(e, lang);
            Row {
                id: e.id.clone(),
                title: match &e.outcome {
                    Outcome::Success { title } => t(title),
                    Outcome::Error => String::new(),
                },
                http_status: e.http_status,
                code: e.code.clone(),
                message: e.message.clone(),
                cause: t(&e.cause),
                source: t(&e.source),
                setup_note: if e.repro.setup_note.is_empty() {
                    String::new()
                } else {
                    t(&e.repro.setup_note)
                },
                shows,
                href,
            }
        })
        .collect();
    let zh = lang != Lang::En;
    // The playground's views in this language: the query's `lang` names it (index.html reads and remembers it).
    let q = |query: &str| match (zh, query.is_empty()) {
        (false, true) => String::new(),
        (false, false) => format!("?{query}"),
        (true, true) => format!("?lang={}", lang.tag()),
        (true, false) => format!("?{query}&lang={}", lang.tag()),
    };
    let embed_page = if zh { "embed.zh-CN.html" } else { "embed.html" };
    let mut h = String::new();
    h.push_str(&format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self'; \
         img-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>{title}</title>\n<link rel=\"stylesheet\" href=\"pages.css\">\n<script src=\"lang.js\"></script>\n</head>\n<body>\n\
         <header><h1>{h1}</h1>\n<p>{intro}</p>\n\
         <nav><a href=\"../{pg}\">{playground}</a> <a href=\"../{lessons_q}\">{lessons}</a> <a href=\"../{dbg_q}\">{dbg}</a> \
         <a href=\"{embed_page}\">{embed}</a></nav>\n{switch}</header>\n<main id=\"catalog\">\n\
         <section id=\"examples\" aria-labelledby=\"examples-h\"><h2 id=\"examples-h\">{examples}</h2>\n<ul class=\"examples\">\n",
        lang = lang.tag(),
        title = t("Error catalog — CopyImage Playground"),
        h1 = t("Error catalog"),
        intro = t("Every documented error of CopyImage and its neighbours: what causes it, and a Reproduce button that makes it happen in the playground."),
        pg = q(""),
        playground = t("Playground"),
        lessons_q = q("lessons"),
        lessons = t("Lessons"),
        dbg_q = q("view=debugger"),
        dbg = t("Signature debugger"),
        embed = t("Embed in docs"),
        switch = lang_switch(lang, "catalog"),
        examples = t("The reference page’s examples"),
    ));
    for x in examples() {
        let href = format!("./#{}", with_lang(fragment_of(&x.href), lang));
        h.push_str(&format!(
            "<li data-example=\"{}\"><h3>{}</h3><pre class=\"doc\"{}>{}</pre><p class=\"desc\">{}</p><a class=\"button\" href=\"{}\">{}</a></li>\n",
            x.id,
            esc(&t(x.title)),
            if zh { " lang=\"en\"" } else { "" },
            esc(x.doc),
            esc(&t(x.note)),
            esc(&from_teach_dir(&href)),
            t("Open in playground"),
        ));
    }
    h.push_str("</ul></section>\n");
    let successes = rows.iter().filter(|r| !r.title.is_empty()).count();
    let errors = (rows.len() - successes).to_string();
    let count = if successes == 1 {
        "{errors} errors and {successes} success. Codes and messages are exactly as documented, typos included ({typos})."
    } else {
        "{errors} errors and {successes} successes. Codes and messages are exactly as documented, typos included ({typos})."
    };
    let typos = "<span lang=\"en\">Forbbiden</span>, <span lang=\"en\">OperationDeined.EncryptedSnapshot</span>, \
                 <span lang=\"en\">The Image are coping.</span>";
    h.push_str(&format!(
        "<p id=\"catalog-count\" class=\"desc\">{}</p>\n",
        tzf(
            lang,
            count,
            &[
                ("errors", &errors),
                ("successes", &successes.to_string()),
                ("typos", typos)
            ]
        )
    ));
    h.push_str(&format!("<p class=\"desc\">{}", t("Reproduce: ")));
    for kind in ["preview", "history", "debugger"] {
        h.push_str(&format!("{} ", t(where_it_shows(kind))));
    }
    h.push_str("</p>\n");
    let mut statuses: Vec<u16> = rows.iter().map(|r| r.http_status).collect();
    copyimage_engine::sort::sort(&mut statuses);
    statuses.dedup();
    let reproduce = t("Reproduce");
    for st in statuses {
        h.push_str(&format!(
            "<section class=\"status-group\" data-group=\"{st}\" aria-labelledby=\"group-{st}\"><h2 id=\"group-{st}\"{}>HTTP {st} {}</h2>\n<ul class=\"catalog\">\n",
            if zh { " lang=\"en\"" } else { "" },
            reason(st)
        ));
        for r in rows.iter().filter(|r| r.http_status == st) {
            if !r.title.is_empty() {
                // A success: its title says what works; there is no code or message to quote.
                h.push_str(&format!(
                    "<li class=\"entry success\" data-entry=\"{id}\" data-status=\"{st}\" data-code=\"\" data-shows=\"{shows}\">\
                     <p class=\"head\"><span class=\"title\">{title}</span> <span class=\"status\">{st}</span></p>\
                     <p class=\"cause\">{cause}</p><p class=\"desc\">{source}</p>\
                     <a class=\"reproduce button\" href=\"{link}\">{reproduce}</a></li>\n",
                    id = esc(&r.id),
                    shows = r.shows,
                    title = esc(&r.title),
                    cause = esc(&r.cause),
                    source = esc(&r.source),
                    link = esc(&from_teach_dir(&r.href)),
                ));
                continue;
            }
            h.push_str(&format!(
                "<li class=\"entry\" data-entry=\"{id}\" data-status=\"{st}\" data-code=\"{code}\" data-shows=\"{shows}\">\
                 <p class=\"head\"><code class=\"code\">{code}</code> <span class=\"status\">{st}</span></p>\
                 <p class=\"message\"><q{en}>{message}</q></p><p class=\"cause\">{cause}</p>{setup}\
                 <p class=\"desc\">{source}</p><a class=\"reproduce button\" href=\"{link}\">{reproduce}</a>{block}</li>\n",
                id = esc(&r.id),
                code = esc(&r.code),
                shows = r.shows,
                en = if zh { " lang=\"en\"" } else { "" },
                message = esc(&r.message),
                cause = esc(&r.cause),
                setup = if r.setup_note.is_empty() {
                    String::new()
                } else {
                    format!(
                        "<p class=\"setup desc\">{}</p>",
                        esc(&tzf(lang, "Set up first: {note}.", &[("note", &r.setup_note)]))
                    )
                },
                source = esc(&r.source),
                link = if r.shows == "debugger" {
                    format!("#resp-{}", esc(&r.id))
                } else {
                    esc(&from_teach_dir(&r.href))
                },
                block = catalog::find(&r.id)
                    .and_then(|e| gateway_block(&e, lang))
                    .unwrap_or_default(),
            ));
        }
        h.push_str("</ul></section>\n");
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// The static pages' language switch (English / 简体中文): links to `page` in each language, the query's
/// `lang` naming the choice so `lang.js` remembers it.
pub(super) fn lang_switch(lang: Lang, page: &str) -> String {
    let link = |l: Lang, name: &str| {
        let file = if l == Lang::En {
            format!("{page}.html")
        } else {
            format!("{page}.{}.html", l.tag())
        };
        let current = if l == lang { " aria-current=\"true\"" } else { "" };
        format!(
            "<a lang=\"{t}\" id=\"lang-{t}\" href=\"{file}?lang={t}\"{current}>{name}</a>",
            t = l.tag()
        )
    };
    format!(
        "<nav class=\"lang-switch\" aria-label=\"{}\">{} {}</nav>",
        tz(lang, "Language"),
        link(Lang::En, "English"),
        link(Lang::ZhCn, "简体中文")
    )
}

fn fragment_of(href: &str) -> &str {
    href.split_once('#').map(|(_, f)| f).unwrap_or("")
}

fn code_of(body: &str) -> Option<String> {
    body_field(body, "Code")
}

fn message_of(body: &str) -> Option<String> {
    body_field(body, "Message")
}

/// The first `name` member of a JSON or XML body: the test checks what crossed the wire, so it reads the
/// body itself (the page never does; it reads the typed answer).
fn body_field(body: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    if let Some(i) = body.find(&open) {
        let rest = &body[i + open.len()..];
        return rest.find(&format!("</{name}>")).map(|j| rest[..j].to_string());
    }
    let key = format!("\"{name}\"");
    let i = body.find(&key)? + key.len();
    let rest = body[i..].trim_start().strip_prefix(':')?.trim_start();
    let mut de = serde_json::Deserializer::from_str(rest);
    serde::Deserialize::deserialize(&mut de).ok()
}

#[test]
fn catalog_page_is_current() {
    let root = env!("CARGO_MANIFEST_DIR");
    for (lang, path) in PAGES {
        check_generated(&format!("{root}/{path}"), &generate(*lang), "catalog_data");
    }
}

/// Fails while the generated page `file` is not `want`, naming the test filter that regenerates it; with
/// `UPDATE_TEACH_DATA` set, writes it first.
pub(super) fn check_generated(file: &str, want: &str, filter: &str) {
    if std::env::var("UPDATE_TEACH_DATA").is_ok() {
        std::fs::write(file, want).expect("write the generated page");
    }
    let have = std::fs::read_to_string(file).unwrap_or_default();
    assert!(
        have == want,
        "{file} is stale: run UPDATE_TEACH_DATA=1 cargo test -p copyimage-playground {filter}"
    );
}

/// The Chinese page: the same entries, wire text byte-identical, every Reproduce link carrying `lang=zh-CN`
/// and showing exactly what the English page's link shows.
#[test]
fn the_chinese_page_has_the_same_wire_text_and_links_that_open_in_chinese() {
    let (en, zh) = (generate(Lang::En), generate(Lang::ZhCn));
    assert!(zh.starts_with("<!doctype html>\n<html lang=\"zh-CN\">"));
    for (st, code, msg) in catalog::REFERENCE_ROWS {
        let row = format!("data-status=\"{st}\" data-code=\"{}\"", esc(code));
        let at = zh.find(&row).unwrap_or_else(|| panic!("{code}"));
        assert!(
            zh[at..].contains(&format!("<q lang=\"en\">{}</q>", esc(msg))),
            "{code}: {msg}"
        );
    }
    assert_eq!(
        zh.matches("<li class=\"entry").count(),
        en.matches("<li class=\"entry").count()
    );
    for e in catalog::entries() {
        let (href_en, shows) = reproduce_link(&e, Lang::En);
        let (href_zh, shows_zh) = reproduce_link(&e, Lang::ZhCn);
        assert_eq!(shows, shows_zh, "{}", e.id);
        assert!(href_zh.ends_with("&lang=zh-CN"), "{}: {href_zh}", e.id);
        assert_eq!(href_zh, format!("{href_en}&lang=zh-CN"), "{}", e.id);
        if shows != "debugger" {
            assert!(zh.contains(&esc(&from_teach_dir(&href_zh))), "{}", e.id);
            let a = shown(&href_en, shows).unwrap();
            let b = shown(&href_zh, shows).unwrap();
            assert_eq!(a.response, b.response, "{}", e.id);
        }
        // The cause is the Chinese one, and no English cause is left.
        assert!(zh.contains(&esc(&tz(Lang::ZhCn, &e.cause))), "{}", e.id);
        if e.cause.contains(' ') {
            assert!(
                !zh.contains(&format!(">{}<", esc(&e.cause))),
                "{}: English cause left",
                e.id
            );
        }
    }
    for e in catalog::entries()
        .iter()
        .filter(|e| matches!(e.repro.request, Step::Http { .. }))
    {
        let block = gateway_block(e, Lang::ZhCn).unwrap();
        assert!(zh.contains(&block), "{}", e.id);
        assert!(block.contains(&format!("HTTP/1.1 {} ", e.http_status)), "{}", e.id);
    }
    // The switch on each page links both pages, the current one marked.
    assert!(zh.contains(
        "<a lang=\"zh-CN\" id=\"lang-zh-CN\" href=\"catalog.zh-CN.html?lang=zh-CN\" aria-current=\"true\">简体中文</a>"
    ));
    assert!(
        en.contains("<a lang=\"en\" id=\"lang-en\" href=\"catalog.html?lang=en\" aria-current=\"true\">English</a>")
    );
    assert!(
        zh.contains("<a href=\"../?lang=zh-CN\">"),
        "the playground link opens in Chinese"
    );
    assert!(!zh.contains("style="));
}

/// Every call-type entry's link, opened as the playground opens it, shows the entry's exact status, code
/// and message where the page says it shows.
#[test]
fn every_reproduce_link_shows_its_error_in_the_playground() {
    let mut n = 0;
    for e in catalog::entries() {
        let (href, shows) = reproduce_link(&e, Lang::En);
        if shows == "debugger" {
            continue;
        }
        let x = shown(&href, shows).unwrap_or_else(|| panic!("{}: {href} does not open", e.id));
        assert_eq!(x.response.status, e.http_status, "{}: {}", e.id, x.response.body);
        if e.is_success() {
            assert_eq!(x.response.status_line(), "HTTP/1.1 200 OK", "{}", e.id);
            assert_eq!(code_of(&x.response.body), None, "{}", e.id);
            n += 1;
            continue;
        }
        assert_eq!(code_of(&x.response.body).as_deref(), Some(e.code.as_str()), "{}", e.id);
        assert_eq!(
            message_of(&x.response.body).as_deref(),
            Some(e.message.as_str()),
            "{}",
            e.id
        );
        // Links stay short enough to read and to share.
        assert!(href.len() < 2000, "{}: {} bytes", e.id, href.len());
        n += 1;
    }
    assert!(n >= 50, "only {n} entries checked");
}

/// Gateway entries: the debugger link carries the request and wire time, and the simulated endpoint
/// answers the entry's error for them.
#[test]
fn gateway_links_reproduce_on_the_endpoint() {
    let mut n = 0;
    for e in catalog::entries() {
        let (href, shows) = reproduce_link(&e, Lang::En);
        if shows != "debugger" {
            continue;
        }
        let input = super::debugger::Input::from_fragment(fragment_of(&href));
        let answer = input.endpoint_answer().expect("an answer");
        if sent_twice(&e) {
            // A reused nonce: the debugger sends the request once, so the endpoint accepts it (the page's
            // block, checked in `the_page_groups_by_status_and_holds_every_reference_row_exactly`, shows the second send's refusal).
            assert_eq!(answer.response.status, 200, "{}", e.id);
            assert_eq!(e.reproduce().response.status, e.http_status, "{}", e.id);
            continue;
        }
        assert_eq!(answer.response.status, e.http_status, "{}", e.id);
        assert_eq!(
            code_of(&answer.response.body).as_deref(),
            Some(e.code.as_str()),
            "{}",
            e.id
        );
        n += 1;
    }
    assert!(n >= 1);
}

#[test]
fn most_entries_show_in_the_live_preview() {
    let all = catalog::entries();
    let preview = all
        .iter()
        .filter(|e| reproduce_link(e, Lang::En).1 == "preview")
        .count();
    // The form holds any request (names without a field as other parameters), so even an unknown Action or
    // Version, Tag.0, Tag.21 and a tag value without its key show in the live preview; none needs the
    // history (a setup whose last send is the request itself would: the page then lands on the sent answer).
    let history: Vec<String> = all
        .iter()
        .filter(|e| reproduce_link(e, Lang::En).1 == "history")
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(history, Vec::<String>::new());
    for id in [
        "common.invalid_action",
        "common.invalid_version",
        "tags.mismatch",
        "tags.count",
        "tags.number_exceed",
    ] {
        let e = catalog::find(id).unwrap();
        assert_eq!(reproduce_link(&e, Lang::En).1, "preview", "{id}");
    }
    let debugger = all
        .iter()
        .filter(|e| reproduce_link(e, Lang::En).1 == "debugger")
        .count();
    assert_eq!(debugger, 11);
    assert_eq!(preview + history.len() + debugger, all.len());
}

#[test]
fn setups_become_small_edits_where_possible() {
    let e = catalog::find("copyimage.byok_whitelist").unwrap();
    let (href, shows) = reproduce_link(&e, Lang::En);
    assert_eq!(shows, "preview");
    let link = permalink::from_fragment(fragment_of(&href)).unwrap().unwrap();
    assert_eq!(
        link.steps,
        vec![Step::Edit(copyimage_engine::edits::set_edit(
            "/account/byok_whitelisted",
            "false"
        ))]
    );
    assert_eq!(link.steps, e.repro.setup);
}

#[test]
fn the_examples_open_as_documented() {
    for ex in examples() {
        let s = State::from_fragment(fragment_of(&ex.href));
        assert_eq!(s.notice, None, "{}", ex.id);
        let r = &s.preview.response;
        match ex.id {
            "sample-request" => {
                assert_eq!(r.status, 403);
                assert_eq!(code_of(&r.body).as_deref(), Some("IncorrectDestinationRegion"));
            }
            "success-xml" => {
                assert_eq!(r.status, 200);
                assert!(
                    r.body.contains("<CopyImageResponse>") && r.body.contains("<ImageId>m-"),
                    "{}",
                    r.body
                );
            }
            _ => {
                assert_eq!(r.status, 200);
                assert!(
                    r.body.starts_with("{\"RequestId\":") && r.body.contains("\"ImageId\":\"m-"),
                    "{}",
                    r.body
                );
            }
        }
    }
}

#[test]
fn the_page_groups_by_status_and_holds_every_reference_row_exactly() {
    let page = generate(Lang::En);
    let groups: Vec<&str> = page
        .match_indices("data-group=\"")
        .map(|(i, _)| &page[i + 12..i + 15])
        .collect();
    assert_eq!(groups, ["200", "400", "401", "403", "404", "500"]);
    assert!(page.contains(
        "<span class=\"title\">Copy a shared image within its region</span> <span class=\"status\">200</span>"
    ));
    for (st, code, msg) in catalog::REFERENCE_ROWS {
        let row = format!("data-status=\"{st}\" data-code=\"{}\"", esc(code));
        let at = page.find(&row).unwrap_or_else(|| panic!("{code}"));
        assert!(page[at..].contains(&format!("<q>{}</q>", esc(msg))), "{code}: {msg}");
    }
    assert_eq!(page.matches("<li data-example=").count(), 3);
    // Gateway entries carry the engine's exact answer on the page.
    for e in catalog::entries()
        .iter()
        .filter(|e| matches!(e.repro.request, Step::Http { .. }))
    {
        let block = gateway_block(e, Lang::En).unwrap();
        assert!(page.contains(&block), "{}", e.id);
        assert!(block.contains(&format!("HTTP/1.1 {} ", e.http_status)), "{}", e.id);
        assert!(
            block.contains(&format!("&quot;Code&quot;:&quot;{}&quot;", e.code)),
            "{}",
            e.id
        );
    }
    assert!(!page.contains("style="), "the page's CSP allows no inline styles");
}
