//! The page's language (English or Simplified Chinese) and its strings.
//!
//! English is compiled in and is the message ID: the UI's own strings (`t("…")` at the call site) and the
//! engine's texts (the "why" templates) are keyed by their English, gettext-style. Chinese lives in one
//! file, `i18n/zh-CN.json` (a flat map from those keys to Chinese, `{name}` placeholders kept), which the app
//! fetches before its first render only when the language is zh-CN, so the English first load carries no
//! Chinese. What crosses the wire (codes, messages, bodies, headers, parameter names) is never translated.

use std::cell::Cell;
use std::sync::OnceLock;

/// A language of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English (the message IDs' own language).
    En,
    /// Simplified Chinese.
    ZhCn,
}

impl Lang {
    /// The BCP 47 tag, as the `lang` link key and `<html lang>` write it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }
}

/// The Chinese table, once fetched (never set in English): pairs of slices of the one string the page hands
/// over (see [`set_zh`]). A plain list searched in order: a map (its sort or tree code) would weigh on the
/// English first load, and a first render looks up about seventy strings.
static ZH: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The page's language.
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// Sets the page's language to Chinese with its table: `text` is every entry of the Chinese files the view
/// loads, key and value, separated by NUL (index.html's inline script joins them). One string crosses from
/// JavaScript and is kept for the page's life, the entries pointing into it (two strings copied per entry
/// took 12 to 16 ms of a first render on a loaded machine). An empty table leaves the page in
/// English rather than showing IDs.
pub fn set_zh(text: String) -> bool {
    let text: &'static str = Box::leak(text.into_boxed_str());
    let mut parts = text.split('\0');
    let mut map = Vec::new();
    while let (Some(k), Some(v)) = (parts.next(), parts.next()) {
        map.push((k, v));
    }
    if map.is_empty() {
        return false;
    }
    let _ = ZH.set(map);
    CURRENT.with(|c| c.set(Lang::ZhCn));
    true
}

/// The Chinese of `key`, when the page is Chinese and the table has it.
#[inline(never)]
fn zh(key: &str) -> Option<&'static str> {
    if lang() != Lang::ZhCn {
        return None;
    }
    ZH.get()?.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The UI string `english` in the page's language. The English is the key (as for the engine's texts), so
/// the lean build carries no table of IDs; every literal passed here has a Chinese entry (tested, collected
/// from the sources).
#[inline(never)]
pub fn t(english: &'static str) -> &'static str {
    zh(english).unwrap_or(english)
}

/// The UI template `english` in the page's language, its `{name}`s filled from `args`.
#[inline(never)]
pub fn tf(english: &'static str, args: &[(&str, &str)]) -> String {
    let args: Vec<(String, String)> = args.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    copyimage_engine::why::fill(t(english), &args)
}

/// [`t`] as a text node, for a child of `html!`: the string is not copied (a `&str` child would be turned
/// into an owned `String`), and each call site is one call instead of two.
#[inline(never)]
pub fn tn(english: &'static str) -> yew::Html {
    yew::virtual_dom::VText::new(t(english)).into()
}

/// [`tf`] as a text node, for a child of `html!` (the filled `String` is not copied again).
#[inline(never)]
pub fn tfn(english: &'static str, args: &[(&str, &str)]) -> yew::Html {
    yew::virtual_dom::VText::new(tf(english, args)).into()
}

/// An engine text keyed by its English (a "why" template) in the page's language.
#[inline(never)]
pub fn tr(english: &str) -> &str {
    zh(english).unwrap_or(english)
}

/// The explanation of `rule` in the page's language (the template translated, then its arguments filled).
pub fn why_text(rule: &copyimage_engine::error::Rule) -> String {
    copyimage_engine::why::fill(tr(&rule.msg), &rule.args)
}

/// A text filled from an English template elsewhere (a refusal of a link, an edit or a scenario file), in the
/// page's language: the table's key it was filled from is found by its literal parts, and its Chinese is
/// filled with the same values, each translated the same way (a refusal quoting another). Text the table
/// does not know stays as it is.
pub fn tr_text(s: &str) -> String {
    if let Some(z) = zh(s) {
        return z.to_string();
    }
    let Some(table) = ZH.get().filter(|_| lang() != Lang::En) else {
        return s.to_string();
    };
    for (k, z) in table {
        if let Some(args) = k.contains('{').then(|| match_template(k, s)).flatten() {
            let args: Vec<(String, String)> = args.into_iter().map(|(n, v)| (n, tr_text(&v))).collect();
            return copyimage_engine::why::fill(z, &args);
        }
    }
    s.to_string()
}

/// The values of `template`'s `{name}`s that make it read `s`, if it does (each value ends at the first
/// occurrence of the literal after it; the last literal ends the text).
fn match_template(template: &str, s: &str) -> Option<Vec<(String, String)>> {
    let mut pieces = template.split('{');
    let mut rest = s.strip_prefix(pieces.next()?)?;
    let mut pieces = pieces.peekable();
    let mut args = Vec::new();
    while let Some(p) = pieces.next() {
        let (name, lit) = p.split_once('}')?;
        let end = if pieces.peek().is_some() {
            // Two placeholders side by side cannot be told apart.
            (!lit.is_empty()).then(|| rest.find(lit))??
        } else {
            rest.strip_suffix(lit)?.len()
        };
        args.push((name.to_string(), rest[..end].to_string()));
        rest = &rest[end + lit.len()..];
    }
    Some(args)
}

/// The UI template `english` in the page's language as markup, each `{name}` replaced by the node given for
/// it (a command or a file name set as code inside a sentence).
pub fn t_html(english: &'static str, nodes: &[(&str, yew::Html)]) -> yew::Html {
    let mut out = Vec::new();
    let mut rest = t(english);
    while let Some((before, after)) = rest.split_once('{') {
        let Some((name, tail)) = after.split_once('}') else {
            break;
        };
        out.push(yew::Html::from(before));
        out.extend(nodes.iter().filter(|(n, _)| *n == name).map(|(_, h)| h.clone()));
        rest = tail;
    }
    out.push(yew::Html::from(rest));
    out.into_iter().collect()
}

/// `fragment` carrying the page's language: its `lang` pairs dropped, `lang=zh-CN` added when not English,
/// so links copied from a Chinese page open in Chinese.
pub fn with_lang(fragment: &str, lang: Lang) -> String {
    // Pushed piece by piece: `format!` and `join` cost the English first load more code.
    let mut out = String::new();
    let tag = (lang != Lang::En).then_some(lang.tag());
    for p in fragment.split('&').filter(|p| !p.is_empty() && !p.starts_with("lang=")) {
        out.push_str(p);
        out.push('&');
    }
    match tag {
        Some(tag) => {
            out.push_str("lang=");
            out.push_str(tag);
        }
        None => {
            out.pop();
        }
    }
    out
}

/// The header's language switch (English / 简体中文): two links to this page in each language, the query's
/// `lang` naming it (index.html's inline script reads and remembers it), the fragment kept without its own
/// `lang`. A link reloads the page, so every view's first render is in the new language; links, not buttons
/// with handlers, keep it out of the English first load.
pub fn lang_switch(fragment: &str) -> yew::Html {
    use yew::prelude::*;
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    // `?<the query without lang>&lang=`: each link adds its tag, then `#<the fragment without lang>`.
    let mut kept = with_lang(search.trim_start_matches('?'), Lang::En);
    kept.insert(0, '?');
    if kept.len() > 1 {
        kept.push('&');
    }
    kept.push_str("lang=");
    let frag = with_lang(fragment, Lang::En);
    let now = lang();
    let link = |l: Lang, name: &'static str| {
        let mut href = kept.clone();
        href.push_str(l.tag());
        href.push('#');
        href.push_str(&frag);
        html! {
            <a lang={l.tag()} id={if l == Lang::En { "lang-en" } else { "lang-zh-CN" }} {href}
                aria-current={(now == l).then_some("true")}>{ name }</a>
        }
    };
    let en = link(Lang::En, "English");
    let zh = link(Lang::ZhCn, "简体中文");
    html! {
        <nav class="lang-switch" aria-label={t("lang.switch")}>{ en }{ zh }</nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::world_pane::duration;

    /// The Chinese files, split by the view that shows their strings: the playground's (every view of the
    /// app loads it; embed.js reads it too), the lessons panel's and the debugger's (loaded beside it by those
    /// views), and the catalog page's (read only where teach/catalog.zh-CN.html is generated, and by the CLI).
    const FILES: [(&str, &str); 4] = [
        ("i18n/zh-CN.json", include_str!("../i18n/zh-CN.json")),
        ("i18n/zh-CN.lessons.json", include_str!("../i18n/zh-CN.lessons.json")),
        ("i18n/zh-CN.debugger.json", include_str!("../i18n/zh-CN.debugger.json")),
        ("i18n/zh-CN.catalog.json", include_str!("../i18n/zh-CN.catalog.json")),
    ];
    /// What each view loads (indices into `FILES`), as index.html's inline script fetches them.
    const PLAYGROUND: &[usize] = &[0];
    const LESSONS: &[usize] = &[0, 1];
    const DEBUGGER: &[usize] = &[0, 2];
    const ALL: &[usize] = &[0, 1, 2, 3];

    use std::collections::BTreeMap;

    fn part(i: usize) -> BTreeMap<String, String> {
        serde_json::from_str(FILES[i].1).unwrap_or_else(|e| panic!("{} is a flat map of strings: {e}", FILES[i].0))
    }

    /// The entries of the files `view` loads.
    fn table(view: &[usize]) -> BTreeMap<String, String> {
        view.iter().flat_map(|&i| part(i)).collect()
    }

    /// Every entry of every file.
    fn zh() -> BTreeMap<String, String> {
        table(ALL)
    }

    /// `table` as the page hands it to [`set_zh`]: keys and values between NULs.
    fn joined(table: &BTreeMap<String, String>) -> String {
        let pairs: Vec<&str> = table.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]).collect();
        pairs.join("\0")
    }

    /// Fails with the list of the given English texts that have no entry in the files `view` loads (as
    /// JSON, ready to paste into the file with their translations).
    fn assert_translated<S: AsRef<str>>(view: &[usize], texts: impl IntoIterator<Item = S>) {
        let zh = table(view);
        let missing: Vec<String> = texts
            .into_iter()
            .map(|t| t.as_ref().to_string())
            .filter(|t| !zh.contains_key(t))
            .collect();
        let files: Vec<&str> = view.iter().map(|&i| FILES[i].0).collect();
        assert!(
            missing.is_empty(),
            "no entry in {files:?} for:\n{}",
            serde_json::to_string_pretty(&missing).unwrap()
        );
    }

    fn placeholders(s: &str) -> Vec<&str> {
        let mut v: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n))
            .collect();
        v.sort_unstable();
        v
    }

    /// Every UI string of the app: the first argument of each `t(…)`, `tn(…)`, `tf(…)`, `tfn(…)` and `t_html(…)` in the sources
    /// under `src/` (tests included, the definitions excluded), read as a Rust string literal. A call whose
    /// first argument is not a literal fails, so no UI string can hide behind a variable.
    fn ui_strings() -> Vec<(String, String)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).expect("src/ is readable") {
                let p = e.expect("a directory entry").path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        files.sort();
        let mut out = Vec::new();
        for f in files {
            let mut src = std::fs::read_to_string(&f).expect("a source file");
            let name = f.file_name().unwrap().to_string_lossy().to_string();
            if f.ends_with("teach/catalog_data.rs") {
                // Test-only: its own `t` reads the file for the static page and fails on a missing entry.
                continue;
            }
            if f.ends_with("src/i18n.rs") {
                // The definitions pass their argument on; this file's own strings are in its tests.
                src = src.split_off(src.find("mod tests").expect("the tests"));
            }
            for call in ["t(", "tn(", "tf(", "tfn(", "t_html("] {
                for (at, _) in src.match_indices(call) {
                    let before = src[..at].chars().next_back().unwrap_or(' ');
                    let line = src[..at].rsplit('\n').next().unwrap_or("");
                    // Not a call: part of a name, a method, the definition, a string or a comment.
                    if before.is_alphanumeric()
                        || "_.\"`".contains(before)
                        || line.ends_with("fn ")
                        || line.trim_start().starts_with("//")
                    {
                        continue;
                    }
                    let rest = src[at + call.len()..].trim_start();
                    let lit = rust_string_literal(rest)
                        .unwrap_or_else(|| panic!("{name}: {call}…) without a string literal: {:.60}", rest));
                    out.push((format!("{name}: {call}"), lit));
                }
            }
        }
        out
    }

    /// The value of the Rust string literal `s` starts with (`"…"` with `\\`, `\"`, `\n` and
    /// line-continuation escapes).
    fn rust_string_literal(s: &str) -> Option<String> {
        let mut chars = s.strip_prefix('"')?.chars().peekable();
        let mut v = String::new();
        while let Some(c) = chars.next() {
            match c {
                '"' => return Some(v),
                '\\' => match chars.next()? {
                    'n' => v.push('\n'),
                    '\n' => {
                        while chars.peek().is_some_and(|c| c.is_whitespace()) {
                            chars.next();
                        }
                    }
                    'u' => {
                        let hex: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                        v.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                    }
                    e => v.push(e),
                },
                c => v.push(c),
            }
        }
        None
    }

    /// The view whose files a UI string found at `at` (`file.rs: t(`) must be in: the lessons panel's and the
    /// debugger's own strings load with those views, every other one with the playground (embed mode too).
    fn view_of(at: &str) -> &'static [usize] {
        if at.starts_with("lessons.rs:") {
            LESSONS
        } else if at.starts_with("debugger.rs:") {
            DEBUGGER
        } else {
            PLAYGROUND
        }
    }

    #[test]
    fn every_ui_string_has_a_chinese_entry_with_the_same_placeholders() {
        let all = ui_strings();
        // The playground, its panes, the lessons, embed mode and the debugger: about two hundred strings.
        assert!(all.len() > 190, "only {} UI strings found", all.len());
        assert!(all.iter().any(|(_, e)| e == "Send") && all.iter().any(|(_, e)| e == "{h} h {m} min {s} s"));
        for (at, en) in &all {
            let zh = table(view_of(at));
            let z = zh
                .get(en)
                .unwrap_or_else(|| panic!("{at} no entry for {en:?} in the files its view loads"));
            assert!(!z.trim().is_empty(), "{en}");
            assert_eq!(placeholders(z), placeholders(en), "{at} {en}");
        }
    }

    #[test]
    fn every_chinese_key_keeps_its_placeholders() {
        // Every key is English (a UI string or an engine text): its placeholders must survive.
        for (k, z) in zh() {
            assert_eq!(placeholders(&z), placeholders(&k), "{k}");
        }
    }

    /// The engine texts the translated parts of the playground show: CopyImage's parameter descriptions, the
    /// common parameters' and every operation's summary, the basis sources' titles, the image-name parts.
    fn engine_texts_of_done_views() -> Vec<&'static str> {
        use copyimage_engine::docs;
        let mut v: Vec<&'static str> = docs::OPERATIONS.iter().map(|o| o.summary).collect();
        // Every operation's fields: the request pane shows the docs of whichever Action is chosen.
        v.extend(
            docs::OPERATIONS
                .iter()
                .flat_map(|o| o.params.iter().map(|d| d.description)),
        );
        v.extend(docs::COMMON.iter().map(|d| d.description));
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn every_engine_text_of_the_translated_views_has_a_chinese_entry() {
        assert_translated(PLAYGROUND, engine_texts_of_done_views());
    }

    /// The engine texts the signed, history, world and scenario panes show, collected from the engine: the
    /// presets' names and summaries, the example queue's label, the region settings' sentences, and the
    /// labels of every preset's instances.
    fn engine_texts_of_panes() -> Vec<String> {
        use copyimage_engine::scenario::{self, lane_label, EXAMPLE_QUEUE, PRESETS, REGION_LABEL_TEMPLATES};
        let mut v: Vec<String> = PRESETS
            .iter()
            .flat_map(|(n, s)| [n.to_string(), s.to_string()])
            .collect();
        v.extend(REGION_LABEL_TEMPLATES.iter().map(|t| t.to_string()));
        let example = scenario::preset(EXAMPLE_QUEUE.0).expect("the example queue's world");
        v.extend(lane_label(&example, EXAMPLE_QUEUE.1).map(str::to_string));
        for (name, _) in PRESETS {
            let w = scenario::preset(name).expect("a preset");
            v.extend(w.instances.iter().map(|i| i.label.clone()).filter(|l| !l.is_empty()));
        }
        assert!(v.len() > 2 * PRESETS.len() + REGION_LABEL_TEMPLATES.len(), "{v:?}");
        v
    }

    #[test]
    fn every_engine_text_of_the_panes_has_a_chinese_entry() {
        assert_translated(PLAYGROUND, engine_texts_of_panes());
    }

    #[test]
    fn a_filled_text_is_translated_through_its_template() {
        assert_eq!(
            match_template(
                "the clock step {n} s is longer than {max} s",
                "the clock step 9 s is longer than 8 s"
            ),
            Some(vec![
                ("n".to_string(), "9".to_string()),
                ("max".to_string(), "8".to_string())
            ])
        );
        assert_eq!(
            match_template("{path} is not a property", "/a/b is not a property"),
            Some(vec![("path".to_string(), "/a/b".to_string())])
        );
        assert_eq!(match_template("a {x} b", "a 1 c"), None);
        assert_eq!(match_template("{x}{y}", "12"), None);
        assert!(set_zh(joined(&table(PLAYGROUND))));
        assert_eq!(
            tr_text("World edit refused: the queue limit must be at least 1."),
            "模拟环境的编辑被拒绝：队列上限至少为 1。"
        );
        assert_eq!(tr_text("nothing like any key"), "nothing like any key");
        // The region settings' sentences, filled after translation.
        let mut w = copyimage_engine::scenario::preset("minimal").unwrap();
        w.regions[0].supports_copy = false;
        w.regions[0].image_quota = 1;
        let id = w.regions[0].id.clone();
        assert_eq!(
            copyimage_engine::scenario::region_label_texts(&w, &id, tr),
            [
                "镜像复制已关闭：从该地域复制或复制到该地域都会返回 RegionNotSupportCopy。",
                "镜像配额：1（已有 1 个；已满：复制到此地域会返回 QuotaExceed.Image）。"
            ]
        );
        assert_eq!(duration(3725), "1 小时 2 分 5 秒");
    }

    /// The notices a damaged link, a refused edit or a refused scenario file raise, in Chinese: the page's
    /// sentence and the refusal it quotes, with the values (preset names, paths, region IDs) as written.
    #[test]
    fn notices_and_the_refusals_they_quote_are_chinese() {
        use crate::state::{Action, State};
        use copyimage_engine::edits::set_edit;
        assert!(set_zh(joined(&table(PLAYGROUND))));
        let notice = |s: &State| s.notice.clone().expect("a notice").text;
        assert_eq!(
            notice(&State::from_fragment("#v=1&AccessKeySecret=abc")),
            "无法打开此链接：链接中含有 AccessKeySecret；密钥永远不会放进链接。已改为显示默认页面。"
        );
        assert_eq!(
            notice(&State::from_fragment("#v=1&preset=nope")),
            "无法打开此链接：没有名为“nope”的预设。"
        );
        assert_eq!(
            notice(&State::from_fragment("#v=1&steps=q")),
            "无法打开此链接：此版本不认识步骤“q”。已改为显示默认页面。"
        );
        let mut s = State::new();
        s.apply(Action::Edit(set_edit("/settings/queue_limit", "0")));
        assert_eq!(notice(&s), "模拟环境的编辑被拒绝：队列上限至少为 1。");
        s.apply(Action::Edit(set_edit("/no/such", "1")));
        assert_eq!(notice(&s), "模拟环境的编辑被拒绝：/no/such 不是编辑器可以设置的属性。");
        s.apply(Action::ImportScenario(Ok(String::new())));
        assert_eq!(notice(&s), "无法导入此场景：文件是空的。模拟环境未作改动。");
        let minimal = copyimage_engine::scenario::to_json(&copyimage_engine::scenario::preset("minimal").unwrap());
        s.apply(Action::ImportScenario(Ok(minimal.replacen(
            "cn-shanghai",
            "mars-north-1",
            1,
        ))));
        assert_eq!(
            notice(&s),
            "无法导入此场景：场景：regions 中有未知地域 `mars-north-1`。模拟环境未作改动。"
        );
        s.apply(Action::ImportScenario(Ok(minimal)));
        assert_eq!(
            notice(&s),
            "已导入场景：2 个地域、1 个镜像、0 个复制任务。“重置模拟环境”会回到它；“复制链接”会带上它。"
        );
    }

    /// The "why" of every success of every operation, collected by using a copy as the course does (copy,
    /// describe, run instances, replay a ClientToken, stop, replace the system disk, start, cancel, delete):
    /// the catalog lists errors and only some successes, and these explanations show after each Send, each
    /// with the title of its source.
    fn success_why_templates() -> Vec<String> {
        use copyimage_engine::engine::{CallContext, Engine};
        use copyimage_engine::scenario::DOC_IMAGE_ID;
        let mut e = Engine::from_preset("default", 1).expect("the default world");
        let mut out = Vec::new();
        fn send(e: &mut Engine, out: &mut Vec<String>, v: &[(&str, &str)]) -> serde_json::Value {
            let mut params: Vec<(String, String)> = vec![
                ("Version".into(), "2014-05-26".into()),
                ("Format".into(), "JSON".into()),
            ];
            params.extend(v.iter().map(|(k, v)| (k.to_string(), v.to_string())));
            let x = e.call(&params, &CallContext::new("ecs.cn-shanghai.aliyuncs.com"));
            assert!(x.answer.error().is_none(), "{v:?}: {}", x.response.body);
            out.push(x.rule.msg.clone());
            out.push(copyimage_engine::why::source_title(x.rule.source).to_string());
            serde_json::from_str(&x.response.body).expect("a JSON body")
        }
        fn copy(e: &mut Engine, out: &mut Vec<String>) -> String {
            let b = send(
                e,
                out,
                &[
                    ("Action", "CopyImage"),
                    ("RegionId", "cn-hangzhou"),
                    ("ImageId", DOC_IMAGE_ID),
                    ("DestinationRegionId", "cn-shanghai"),
                ],
            );
            b["ImageId"].as_str().expect("ImageId").to_string()
        }
        let image = copy(&mut e, &mut out);
        e.advance(24 * 3600);
        send(&mut e, &mut out, &[("Action", "DescribeRegions")]);
        send(
            &mut e,
            &mut out,
            &[("Action", "DescribeImages"), ("RegionId", "cn-shanghai")],
        );
        let run = [
            ("Action", "RunInstances"),
            ("RegionId", "cn-shanghai"),
            ("ImageId", image.as_str()),
            ("InstanceType", "ecs.g6.large"),
            ("ClientToken", "t-1"),
        ];
        let b = send(&mut e, &mut out, &run);
        let instance = b["InstanceIdSets"]["InstanceIdSet"][0]
            .as_str()
            .expect("an instance")
            .to_string();
        send(&mut e, &mut out, &run);
        send(
            &mut e,
            &mut out,
            &[("Action", "DescribeInstances"), ("RegionId", "cn-shanghai")],
        );
        e.advance(600);
        send(
            &mut e,
            &mut out,
            &[("Action", "StopInstance"), ("InstanceId", instance.as_str())],
        );
        send(
            &mut e,
            &mut out,
            &[
                ("Action", "ReplaceSystemDisk"),
                ("InstanceId", instance.as_str()),
                ("ImageId", image.as_str()),
            ],
        );
        send(
            &mut e,
            &mut out,
            &[("Action", "StartInstance"), ("InstanceId", instance.as_str())],
        );
        let second = copy(&mut e, &mut out);
        send(
            &mut e,
            &mut out,
            &[
                ("Action", "CancelCopyImage"),
                ("RegionId", "cn-shanghai"),
                ("ImageId", second.as_str()),
            ],
        );
        let third = copy(&mut e, &mut out);
        e.advance(24 * 3600);
        send(
            &mut e,
            &mut out,
            &[
                ("Action", "DeleteImage"),
                ("RegionId", "cn-shanghai"),
                ("ImageId", third.as_str()),
            ],
        );
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn every_success_why_has_a_chinese_entry() {
        let all = success_why_templates();
        assert!(all.len() >= 10, "{all:#?}");
        assert_translated(PLAYGROUND, all);
    }

    /// Every "why" template a catalog entry's request reaches (each documented error and success) and the
    /// title of its source: the explanations the playground shows, collected from the engine rather than
    /// listed by hand.
    fn why_templates() -> Vec<String> {
        let mut v: Vec<String> = copyimage_engine::catalog::entries()
            .iter()
            .flat_map(|e| {
                let rule = e.reproduce().rule;
                [rule.msg, copyimage_engine::why::source_title(rule.source).to_string()]
            })
            .collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn every_why_template_has_a_chinese_entry() {
        assert_translated(PLAYGROUND, why_templates());
    }

    /// The signature debugger's explanations and report texts, as the engine lists them (its own test holds
    /// the list to what its renderers ask for).
    #[test]
    fn every_debugger_text_has_a_chinese_entry() {
        assert_translated(DEBUGGER, copyimage_engine::debugger::TEXTS);
    }

    /// Every per-entry English the catalog page shows: each entry's cause, source and setup note, and a
    /// success's title, collected from the engine rather than listed by hand.
    fn catalog_texts() -> Vec<String> {
        let mut v = Vec::new();
        for e in copyimage_engine::catalog::entries() {
            v.push(e.cause.clone());
            v.push(e.source.clone());
            if !e.repro.setup_note.is_empty() {
                v.push(e.repro.setup_note.clone());
            }
            if let copyimage_engine::catalog::Outcome::Success { title } = &e.outcome {
                v.push(title.clone());
            }
        }
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn every_catalog_cause_source_setup_note_and_title_has_a_chinese_entry() {
        let texts = catalog_texts();
        assert!(texts.len() > 80, "only {} texts", texts.len());
        assert_translated(ALL, texts);
    }

    /// The prose string literals of the course's source outside its tests: every step's title, instructions
    /// and lesson, and every message template a check can say (they are arguments of one call each, so the
    /// source is where all of them are, and a new one cannot be missed).
    fn lesson_texts() -> Vec<String> {
        let src = include_str!("../crates/engine/src/teach/lessons.rs");
        let code = &src[..src.find("#[cfg(test)]").unwrap_or(src.len())];
        // Prose: several words, not a separator (", ") or a format string of the code's own ("{} {c}",
        // "Not yet: {}").
        string_literals(code)
            .into_iter()
            .filter(|s| s.contains(' ') && s.chars().any(char::is_alphabetic) && !s.contains("{}"))
            .collect()
    }

    /// The string literals of the Rust source `code`, comments and char literals skipped.
    fn string_literals(code: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut chars = code.chars().peekable();
        let mut prev = ' ';
        while let Some(c) = chars.next() {
            // Skip comments (doc comments hold prose that is not shown) and char literals.
            if c == '/' && chars.peek() == Some(&'/') {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                prev = '\n';
                continue;
            }
            if c == '\'' && prev != '&' && !prev.is_alphanumeric() {
                // A char literal such as '{' ('\'' and '"' included); a lifetime ('a, after & or <) is not.
                if let Some(&'\\') = chars.peek() {
                    chars.next();
                }
                chars.next();
                if chars.peek() == Some(&'\'') {
                    chars.next();
                }
                prev = c;
                continue;
            }
            if c != '"' {
                prev = c;
                continue;
            }
            let mut s = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => match chars.next() {
                        Some('\n') => {
                            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                                chars.next();
                            }
                        }
                        Some('n') => s.push('\n'),
                        Some(e) => s.push(e),
                        None => {}
                    },
                    c => s.push(c),
                }
            }
            prev = '"';
            out.push(s);
        }
        out
    }

    /// The snippet page's script-made texts: the literal argument of each `T(…)` in `www/teach/embed.js`,
    /// which reads them from the playground's file.
    fn embed_js_strings() -> Vec<String> {
        let src = include_str!("../www/teach/embed.js");
        let mut out = Vec::new();
        for (at, _) in src.match_indices("T(") {
            if src[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
            {
                continue;
            }
            let rest = src[at + 2..].trim_start();
            let Some(body) = rest.strip_prefix('\'') else { continue };
            let mut v = String::new();
            let mut chars = body.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\'' => break,
                    '\\' => match chars.next() {
                        Some('u') => {
                            let hex: String = chars.by_ref().take(4).collect();
                            v.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                        }
                        Some(e) => v.push(e),
                        None => {}
                    },
                    c => v.push(c),
                }
            }
            out.push(v);
        }
        out
    }

    #[test]
    fn every_string_of_the_snippet_script_is_in_the_playgrounds_file() {
        let texts = embed_js_strings();
        assert!(texts.len() >= 8, "{texts:?}");
        assert!(
            texts.iter().any(|t| t == "The reference page\u{2019}s examples"),
            "{texts:?}"
        );
        assert_translated(PLAYGROUND, texts);
    }

    /// The strings each view shows, as the collectors above find them, in the order a string is given a
    /// file: the playground's (UI strings outside the lessons panel and the debugger, the why templates, the
    /// panes' engine texts and parameter docs), the lessons panel's, the debugger's and the catalog page's
    /// (each entry's texts and the generator's own literals).
    fn claims() -> [std::collections::BTreeSet<String>; 4] {
        let ui = ui_strings();
        let ui_of = |v: &[usize]| -> std::collections::BTreeSet<String> {
            ui.iter()
                .filter(|(at, _)| view_of(at) == v)
                .map(|(_, e)| e.clone())
                .collect()
        };
        let mut playground = ui_of(PLAYGROUND);
        playground.extend(embed_js_strings());
        playground.extend(success_why_templates());
        playground.extend(why_templates());
        playground.extend(engine_texts_of_done_views().into_iter().map(String::from));
        playground.extend(engine_texts_of_panes());
        let mut lessons = ui_of(LESSONS);
        lessons.extend(lesson_texts());
        let mut debugger = ui_of(DEBUGGER);
        debugger.extend(copyimage_engine::debugger::TEXTS.iter().map(|s| s.to_string()));
        let mut catalog: std::collections::BTreeSet<String> = catalog_texts().into_iter().collect();
        catalog.extend(string_literals(include_str!("teach/catalog_data.rs")));
        // The embed snippet page is a static page too; embed.js's own words are the playground's (above).
        catalog.extend(crate::teach::snippet_page::template_keys());
        [playground, lessons, debugger, catalog]
    }

    /// Each Chinese string is in the file of the first view that shows it (playground, lessons, debugger,
    /// catalog page), so a Chinese first render waits only for the strings its view shows. A string no
    /// collector claims (a refusal a notice quotes) stays in the playground's file, which
    /// every view loads. `UPDATE_I18N=1 cargo test -p copyimage-playground chinese_files` rewrites the files
    /// so: a new string can be added to `i18n/zh-CN.json` and is moved where it belongs.
    #[test]
    fn the_chinese_files_are_split_by_the_view_that_shows_them() {
        let claims = claims();
        let mut want: [BTreeMap<String, String>; 4] = Default::default();
        for i in 0..FILES.len() {
            for (k, v) in part(i) {
                assert!(
                    !k.contains('\0') && !v.contains('\0'),
                    "{k:?}: NUL separates the entries"
                );
                let at = claims.iter().position(|c| c.contains(&k)).unwrap_or(0);
                assert!(want[at].insert(k.clone(), v).is_none(), "{k:?} is in two files");
            }
        }
        // The split is worth having: the playground's file holds well under two thirds of the strings.
        let sizes: Vec<usize> = want.iter().map(BTreeMap::len).collect();
        assert!(sizes[0] * 3 < sizes.iter().sum::<usize>() * 2, "{sizes:?}");
        assert!(sizes[1..].iter().all(|n| *n > 20), "{sizes:?}");
        for (i, (path, text)) in FILES.iter().enumerate() {
            let pretty = serde_json::to_string_pretty(&want[i]).unwrap() + "\n";
            if std::env::var_os("UPDATE_I18N").is_some() {
                let to = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
                std::fs::write(to, &pretty).expect("the file is writable");
            } else {
                assert!(
                    pretty == *text,
                    "{path} is not the split by view (sorted by key, 2-space indented): run UPDATE_I18N=1 cargo \
                     test -p copyimage-playground chinese_files"
                );
            }
        }
    }

    #[test]
    fn every_lesson_text_has_a_chinese_entry() {
        use copyimage_engine::lessons::STEPS;
        let texts = lesson_texts();
        for s in STEPS {
            for t in [s.title, s.instructions, s.lesson] {
                assert!(texts.iter().any(|x| x == t), "the source reader missed {t:?}");
            }
        }
        // Titles, instructions and lessons of 11 steps, and the checks' messages.
        assert!(texts.len() > 60, "only {} texts: {texts:#?}", texts.len());
        assert_translated(LESSONS, texts);
    }

    /// A reader follows a step's Chinese text literally: it names every field, value and ID the English
    /// names, as written (wire names are never translated), and the buttons by their Chinese labels.
    #[test]
    fn chinese_lesson_steps_name_every_field_value_and_button() {
        let zh = table(LESSONS);
        for s in copyimage_engine::lessons::STEPS {
            let z = &zh[s.instructions];
            for tok in s.instructions.split([' ', ',', '(', ')', ';']) {
                let tok = tok.trim_end_matches(['.', ':']).trim_end_matches("'s");
                let wire = tok.chars().skip(1).any(|c| c.is_ascii_uppercase())
                    || tok.chars().any(|c| c.is_ascii_digit() || c == '-' || c == '*')
                    || ["Action", "Status", "Encrypted"].contains(&tok);
                if wire {
                    assert!(z.contains(tok), "{}: the Chinese text does not name {tok}", s.id);
                }
            }
            if s.instructions.contains("ress Send") {
                assert!(z.contains(&format!("点击“{}”", zh["Send"])), "{}", s.id);
            }
            assert!(!z.contains("Send") && !z.contains("Run to idle"), "{}", s.id);
        }
    }

    #[test]
    fn links_carry_lang_only_when_not_english() {
        assert_eq!(with_lang("v=1&ImageId=m-1", Lang::ZhCn), "v=1&ImageId=m-1&lang=zh-CN");
        assert_eq!(with_lang("v=1&lang=zh-CN&ImageId=m-1", Lang::En), "v=1&ImageId=m-1");
        assert_eq!(with_lang("", Lang::ZhCn), "lang=zh-CN");
        assert_eq!(with_lang("lang=zh-CN", Lang::ZhCn), "lang=zh-CN");
    }

    #[test]
    fn a_link_of_the_language_alone_opens_the_default_page() {
        assert_eq!(crate::permalink::from_fragment("#lang=zh-CN"), Ok(None));
        assert_eq!(crate::permalink::from_fragment("lang=zh-CN&"), Ok(None));
        let with = crate::permalink::from_fragment("v=1&preset=default&lang=zh-CN").unwrap();
        assert_eq!(with, crate::permalink::from_fragment("v=1&preset=default").unwrap());
    }

    #[test]
    fn a_chinese_table_translates_ui_and_why_and_falls_back_to_english() {
        assert!(!set_zh(String::new()));
        assert_eq!(lang(), Lang::En);
        assert_eq!(t("Send"), "Send");
        assert!(set_zh(joined(&table(PLAYGROUND))));
        assert_eq!(t("Send"), "发送");
        assert_eq!(tr("a text nobody translated"), "a text nobody translated");
        assert_eq!(
            tf(" at {time} · RequestId {id}. ", &[("time", "00:01"), ("id", "R-1")]),
            table(PLAYGROUND)[" at {time} · RequestId {id}. "]
                .replace("{time}", "00:01")
                .replace("{id}", "R-1")
        );
    }
}
