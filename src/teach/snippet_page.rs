//! Generates the embed snippet page for docs authors, `www/teach/embed.html`, and its Chinese twin
//! `embed.zh-CN.html` from one template, `snippet_page.html` (English text in it, the Chinese from
//! `i18n/zh-CN.json` keyed by the English), and checks that both files in the repository are current.
//! Test-only code: the WASM bundle never carries it. The template's first lines say its syntax.
//!
//! Regenerate: `UPDATE_TEACH_DATA=1 cargo test -p copyimage-playground snippet_page`.

use super::catalog_data::{check_generated, esc, lang_switch, zh_table};
use crate::i18n::Lang;

/// The template: notes and `{name} = …` definitions, then the page from its doctype on.
const TEMPLATE: &str = include_str!("snippet_page.html");

/// The page in each language: English, and the Chinese page the language switch and `lang=zh-CN` open.
const PAGES: &[(Lang, &str)] = &[
    (Lang::En, "www/teach/embed.html"),
    (Lang::ZhCn, "www/teach/embed.zh-CN.html"),
];

const DOCTYPE: &str = "<!doctype html>";

/// The template's `{name} = …` definitions (markup, its `{{…}}` not yet translated) and its page.
fn parse() -> (Vec<(&'static str, &'static str)>, &'static str) {
    let at = TEMPLATE.find(DOCTYPE).expect("the template has a doctype");
    let (head, page) = TEMPLATE.split_at(at);
    let defs = head
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            l.split_once(" = ")
                .and_then(|(n, v)| Some((n.strip_prefix('{')?.strip_suffix('}')?, v)))
                .unwrap_or_else(|| panic!("the template's head line {l:?} is neither a note nor a definition"))
        })
        .collect();
    (defs, page)
}

/// The Chinese table's key for a template text: the English with each run of white space as one space, so
/// the English page can wrap a long sentence where it likes.
fn key(en: &str) -> String {
    en.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The Chinese table's keys of every text the template shows (in its definitions and on its page): the
/// i18n tests put them in the static pages' file, which the static pages' generators read and no app view
/// loads.
pub(crate) fn template_keys() -> Vec<String> {
    template_texts().into_iter().map(key).collect()
}

/// Every `{{English}}` text of the template, in its definitions and on its page, as written.
fn template_texts() -> Vec<&'static str> {
    let (defs, page) = parse();
    defs.iter().flat_map(|(_, v)| texts(v)).chain(texts(page)).collect()
}

/// Every `{{English}}` text of `src`, in order, as written.
fn texts(src: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find("{{") {
        let after = &rest[i + 2..];
        let mut j = after
            .find("}}")
            .unwrap_or_else(|| panic!("an unclosed {{{{ at {:.40}", after));
        // A text that ends with a placeholder (`… {api}}}`): the text's own `}}` is the last two braces.
        while after[j + 2..].starts_with('}') {
            j += 1;
        }
        out.push(&after[..j]);
        rest = &after[j + 2..];
    }
    out
}

/// `src` with each `{{English}}` in `lang`, escaped as text: the English as written, else its Chinese entry
/// (a missing entry is added to `missing` and the English kept, so one run names every missing entry).
fn translate(src: &str, lang: Lang, missing: &mut Vec<String>) -> String {
    let mut out = String::new();
    let mut rest = src;
    for en in texts(src) {
        let at = rest.find(&format!("{{{{{en}}}}}")).expect("the text is in its source");
        out.push_str(&rest[..at]);
        let text = match lang {
            Lang::En => en.to_string(),
            _ => zh_table().get(&key(en)).cloned().unwrap_or_else(|| {
                missing.push(key(en));
                en.to_string()
            }),
        };
        out.push_str(&esc(&text));
        rest = &rest[at + en.len() + 4..];
    }
    out.push_str(rest);
    out
}

/// `html` with each `{name}` replaced by its value; a name without one fails, naming it.
fn fill(html: &str, values: &[(String, String)]) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let name = after
            .split_once('}')
            .map(|(n, _)| n)
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        match name {
            Some(n) => {
                let (_, v) = values
                    .iter()
                    .find(|(k, _)| k == n)
                    .unwrap_or_else(|| panic!("the template's {{{n}}} has no value"));
                out.push_str(v);
                rest = &after[n.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The snippet page in `lang`, and the English texts that have no Chinese entry.
fn generate(lang: Lang) -> (String, Vec<String>) {
    let (defs, page) = parse();
    let mut missing = Vec::new();
    let mut values: Vec<(String, String)> = defs
        .iter()
        .map(|(n, v)| (n.to_string(), translate(v, lang, &mut missing)))
        .collect();
    let home = match lang {
        Lang::En => "../".to_string(),
        l => format!("../?lang={}", l.tag()),
    };
    values.extend([
        ("lang".to_string(), lang.tag().to_string()),
        ("home".to_string(), home),
        ("switch".to_string(), lang_switch(lang, "embed")),
    ]);
    let html = fill(&translate(page, lang, &mut missing), &values);
    (html, missing)
}

/// Both files are what the template makes, and every text of the template has a Chinese entry.
#[test]
fn snippet_pages_are_current() {
    let root = env!("CARGO_MANIFEST_DIR");
    let pages: Vec<(&str, String)> = PAGES
        .iter()
        .map(|(lang, path)| {
            let (html, missing) = generate(*lang);
            assert!(
                missing.is_empty(),
                "no zh-CN entry for the snippet page's texts (add them to i18n/zh-CN.json):\n{}",
                serde_json::to_string_pretty(&missing).unwrap()
            );
            (*path, html)
        })
        .collect();
    for (path, want) in pages {
        check_generated(&format!("{root}/{path}"), &want, "snippet_page");
    }
}

/// What a reader of the Chinese page would notice: no text left in English, the page marked Chinese, its
/// links to the playground and the switch in Chinese; the English page's the same in English.
#[test]
fn the_chinese_snippet_page_is_chinese_throughout() {
    let all = template_texts();
    assert!(all.len() >= 20, "only {} texts", all.len());
    for en in &all {
        let zh = zh_table().get(&key(en));
        assert!(
            zh.is_some_and(|z| z != &key(en) && !z.trim().is_empty()),
            "{en:?}: {zh:?}"
        );
    }
    let (zh, _) = generate(Lang::ZhCn);
    let (en, _) = generate(Lang::En);
    assert!(zh.starts_with("<!doctype html>\n<html lang=\"zh-CN\">"));
    assert!(en.starts_with("<!doctype html>\n<html lang=\"en\">"));
    assert!(zh.contains("<a href=\"../?lang=zh-CN\">返回演练场</a>"));
    assert!(en.contains("<a href=\"../\">Back to the playground</a>"));
    assert!(zh.contains("<a href=\"api.html\">JavaScript API</a>"));
    assert!(zh.contains(
        "<a lang=\"zh-CN\" id=\"lang-zh-CN\" href=\"embed.zh-CN.html?lang=zh-CN\" aria-current=\"true\">简体中文</a>"
    ));
    assert!(en.contains("<a lang=\"en\" id=\"lang-en\" href=\"embed.html?lang=en\" aria-current=\"true\">English</a>"));
    for page in [&en, &zh] {
        assert!(!page.contains("{{") && !page.contains("}}"), "a template mark left");
        // The CSP stays as strict as before: scripts only from the site, none inline, no inline styles.
        assert!(page.contains("script-src 'self';") && !page.contains("<script>") && !page.contains("style="));
    }
    // A multi-line English text is one key, and keeps its line breaks on the English page.
    let fit = all.iter().find(|t| t.starts_with("Fit the frame")).unwrap();
    assert!(fit.contains('\n') && en.contains(fit) && !key(fit).contains('\n'));
}

/// `embed.js` writes a few texts itself (the frame's title, the option groups, the copy confirmation): each
/// has a Chinese entry, read from the script's `T('…')` calls.
#[test]
fn every_script_text_of_the_snippet_page_has_a_chinese_entry() {
    let js = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/teach/embed.js")).unwrap();
    let texts: Vec<String> = js
        .split("T('")
        .skip(1)
        .map(|s| {
            let lit = s.split('\'').next().unwrap_or("");
            lit.replace("\\u2019", "\u{2019}")
        })
        .collect();
    assert!(texts.len() >= 7, "{texts:?}");
    assert!(texts.contains(&"Copied.".to_string()));
    let missing: Vec<&String> = texts.iter().filter(|t| !zh_table().contains_key(*t)).collect();
    assert!(missing.is_empty(), "no zh-CN entry for embed.js's {missing:?}");
    assert!(
        !js.contains("T(\"") && !js.contains("T(`"),
        "embed.js texts are single-quoted literals"
    );
}

#[test]
fn fill_and_texts_read_the_template_marks() {
    let v = [("a".to_string(), "<b>".to_string())];
    assert_eq!(fill("x {a} {not a name} {", &v), "x <b> {not a name} {");
    assert_eq!(texts("<p>{{use {a}}}</p>{{b\n  c}}"), ["use {a}", "b\n  c"]);
    assert_eq!(key("b\n  c"), "b c");
}
