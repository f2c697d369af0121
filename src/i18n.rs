//! The page's language (English or Simplified Chinese) and its strings.
//!
//! English is compiled in and is the message ID: the UI's own strings are listed in [`UI`] under stable IDs,
//! and the engine's texts (the "why" templates) are keyed by their English template. Chinese lives in one
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

/// The UI's strings: (stable ID, English), one slice per part of the product. Every ID has a zh-CN entry
/// (tested); templates take `{name}`s.
pub const UI: &[&[(&str, &str)]] = &[UI_PLAYGROUND, UI_PANES, UI_TEACH, UI_DEBUGGER];

/// The playground's frame, header, request and response panes.
const UI_PLAYGROUND: &[(&str, &str)] = &[
    ("lang.switch", "Language"),
    ("app.skip", "Skip to the request"),
    ("app.tagline", "Alibaba Cloud ECS CopyImage ({version}): build a request, see the exact response, without an account."),
    ("app.copy_link", "Copy link"),
    ("app.link_copied", "Link copied"),
    ("app.dismiss", "Dismiss message"),
    ("app.world", "World"),
    ("app.loading_world", "Loading the world…"),
    ("nav.learn", "Learn"),
    ("nav.lessons", "Lessons"),
    ("nav.close_lessons", "Close lessons"),
    ("nav.catalog", "Error catalog"),
    ("nav.debugger", "Signature debugger"),
    ("nav.embed", "Embed in docs"),
    ("resp.title", "Response"),
    ("resp.format", "Format"),
    ("resp.format_json", "Format JSON"),
    ("resp.format_xml", "Format XML"),
    ("resp.send", "Send"),
    ("resp.sent", "Sent"),
    ("resp.sent_at", " at {time} · RequestId {id}. "),
    ("resp.edit_hint", "Edit the request to see the preview of the next Send."),
    ("resp.preview", "Preview"),
    ("resp.preview_hint", " of the next Send, live as you type: exactly what it would return. Send commits it."),
    ("why.title", "Why"),
    ("why.source", "Source: "),
    ("why.fidelity_note", "The sources disagree or are silent here; this is the playground's recorded choice. A world setting may switch it."),
    ("why.simulated_note", "No request causes this on the real service; a world setting of the simulated account triggers it here."),
    ("basis.documented", "Documented"),
    ("basis.fidelity", "Playground's choice"),
    ("basis.simulated", "Simulated trigger"),
    ("req.title", "Request"),
    ("req.start_copy", "Start here: press Send to copy the example image {image} from {from} to {to}, then follow the copy in the World pane. Change any field first to see its answer live."),
    ("req.start_other", "Start here: press Send to call {action}; the response shows what it answers."),
    ("req.tags", "Tags"),
    ("req.tag_n", "Tag {n}"),
    ("req.remove_tag", "Remove Tag {n}"),
    ("req.remove", "Remove"),
    ("req.add_tag", "Add tag ({n}/{max})"),
    ("req.others", "Other parameters"),
    ("req.others_desc", "Parameters this form has no field for, sent as written after the rest (a name the request already has takes this value). A link's own keys (v, preset, seed, scenario, steps, lang) and the secret are never sent."),
    ("req.other_name", "Name"),
    ("req.other_value", "Value"),
    ("req.remove_other", "Remove parameter {n}"),
    ("req.add_other", "Add another parameter"),
    ("req.credentials", "Credentials"),
    ("req.credentials_desc", "A demo key pair is filled in. Whatever pair you type is the caller's key in the simulated account, so responses are about the request, not the key. The secret stays in this page: never in a link, storage, an export or a log."),
    ("field.required", " (required)"),
    ("field.rule", "Rule: "),
    ("field.eg", "e.g. {example}"),
    ("field.example", " Example: "),
    ("field.broken_part", "Your name {part}."),
];

/// The signed-request, history, world and scenario panes, and the page's notices.
const UI_PANES: &[(&str, &str)] = &[
    ("signed.title", "Signed request"),
    ("signed.desc", "Signed now with your key pair (real UTC time, a fresh nonce each time). The secret signs; it is never shown, stored or exported: the snippets read it from the environment."),
    ("signed.v1_url", "V1 signed URL (HMAC-SHA1, GET)"),
    ("signed.v1_sts", "V1 string to sign"),
    ("signed.v3_headers", "V3 headers (ACS3-HMAC-SHA256, POST)"),
    ("signed.raw", "Raw HTTP request (V3)"),
    ("signed.copy", "Copy"),
    ("signed.copied", "Copied"),
    ("signed.copy_what", "Copy {what}"),
    ("history.title", "History ({n})"),
    ("history.export", "Export transcript"),
    ("history.empty", "Nothing sent yet. Send commits the previewed response."),
    ("history.params", "Request parameters"),
    ("world.clock", "World clock"),
    ("world.clock_now", "World clock: "),
    ("world.clock_at", "world clock {time}"),
    ("world.s", "{s} s"),
    ("world.min_s", "{m} min {s} s"),
    ("world.h_min_s", "{h} h {m} min {s} s"),
    ("world.idle", " · idle"),
    ("world.play", "Play"),
    ("world.pause", "Pause"),
    ("world.speed", "Speed"),
    ("world.next_event", "Step to next event"),
    ("world.run_idle", "Run to idle"),
    ("world.plus_min", "+1 min"),
    ("world.reset", "Reset world"),
    ("world.queues", "Copy queues"),
    ("world.queue_desc", "At most {n} copy task(s) run at a time per region (queue limit); the rest wait in order."),
    ("world.waiting", "waiting"),
    ("world.running", "running"),
    ("world.done", "done"),
    ("world.failed", "failed"),
    ("world.canceled", "canceled"),
    ("world.progress_of", "Copy progress of {image}"),
    ("world.left", " · {time} left"),
    ("world.no_tasks", "No copy task is running or waiting."),
    ("world.finished", "Finished tasks ({n})"),
    ("world.images", "Images"),
    ("world.name", "Name"),
    ("world.region", "Region"),
    ("world.status", "Status"),
    ("world.progress", "Progress"),
    ("world.actions", "Actions"),
    ("world.shared", " (shared to you: copies within its region only)"),
    ("world.marketplace", " (marketplace)"),
    ("world.cancel", "Cancel copy"),
    ("world.cancel_label", "Cancel copy: CancelCopyImage {image}"),
    ("world.delete", "Delete"),
    ("world.delete_label", "Delete: DeleteImage {image}"),
    ("world.instances", "Instances"),
    ("region.title", "Regions of this account ({n})"),
    ("region.refusing", "Region settings that refuse copies"),
    ("region.endpoint", "Endpoint"),
    ("scenario.title", "Scenario"),
    ("scenario.preset", "Preset"),
    ("scenario.imported", "(imported scenario)"),
    ("scenario.imported_desc", "The world of the scenario file you imported. Choosing a preset replaces it."),
    ("scenario.settings", "Settings"),
    ("scenario.queue_limit", "Queue limit (tasks running at once per region)"),
    ("scenario.speed", "Copy speed (seconds per GiB)"),
    ("scenario.max_size", "Largest image size (GiB, SizeExceed.Image)"),
    ("scenario.caller", "Caller"),
    ("scenario.root", "the account (root)"),
    ("scenario.ram_user", "RAM user {name}"),
    ("scenario.queue_key", "Queue lane (a copy waits in its source or destination region)"),
    ("scenario.missing_dest", "When DestinationRegionId is omitted"),
    ("scenario.delete_missing", "DeleteImage of a missing image"),
    ("scenario.o_source", "source"),
    ("scenario.o_destination", "destination"),
    ("scenario.o_same", "same_as_source"),
    ("scenario.o_missing", "missing_parameter"),
    ("scenario.o_ignore", "ignore"),
    ("scenario.o_not_found", "not_found"),
    ("scenario.anonymous", "Anonymous caller (simulates InvalidAliUid.IsNull)"),
    ("scenario.byok", "Account is in the BYOK white list (UserNotInTheWhiteList)"),
    ("scenario.regions", "Regions ({n})"),
    ("scenario.copy", "Copy"),
    ("scenario.image_quota", "Image quota"),
    ("scenario.snapshot_quota", "Snapshot quota"),
    ("scenario.supports_copy", "{region} supports copy"),
    ("scenario.supports_byok", "{region} supports BYOK"),
    ("scenario.region_image_quota", "{region} image quota"),
    ("scenario.region_snapshot_quota", "{region} snapshot quota"),
    ("scenario.images", "Images ({n})"),
    ("scenario.image", "Image"),
    ("scenario.flags", "Flags"),
    ("scenario.image_status", "{image} status"),
    ("scenario.derived", "A copy's status comes from its copy task"),
    ("scenario.encrypted", "encrypted"),
    ("scenario.used", "used by instances"),
    ("scenario.shared", "shared to others"),
    ("scenario.snapshots_keys", "Snapshots ({n}) and KMS keys ({m})"),
    ("scenario.snapshot", " ({region}, created {time}) "),
    ("scenario.allowed", "allowed to create image"),
    ("scenario.deleted", "deleted"),
    ("scenario.enabled", "enabled"),
    ("scenario.authorized", "ECS authorized"),
    ("scenario.faults", "Fault injection ({n})"),
    ("scenario.faults_desc", "Simulated triggers: the real service returns these for reasons no request controls."),
    ("scenario.fault_action", "Action the fault hits (* for any)"),
    ("scenario.fault_500", "Next call: 500 InternalError"),
    ("scenario.fault_403", "Next call: 403 InternalError"),
    ("scenario.fault_copy", "Next copy fails"),
    ("scenario.fault", "{action} · {kind} · {n} left "),
    ("scenario.remove_fault", "Remove fault {n}"),
    ("scenario.export", "Export scenario"),
    ("scenario.export_desc", "Exports the world as scenario JSON (the format {cmd} and the local endpoint read; its schema is {schema})."),
    ("scenario.import", "Import scenario JSON"),
    ("scenario.import_desc", "A scenario file (what Export scenario writes, or {cmd} reads) becomes the world's start: history is cleared, Reset world returns to it, and Copy link carries it."),
    ("scenario.file", "Scenario file (.json)"),
    ("scenario.paste", "Or paste scenario JSON"),
    ("scenario.import_pasted", "Import pasted JSON"),
    ("scenario.import_link", "Import scenario JSON…"),
    ("scenario.import_full", " opens this page in the full build, which has the scenario reader (about 30 KB more, kept out of the first load); your request and world come along."),
    ("notice.link", "This link could not be opened: {e}."),
    ("notice.link_default", "This link could not be opened: {e}. The default page is shown instead."),
    ("notice.imported", "Imported a scenario: {regions} regions, {images} images, {tasks} copy tasks. Reset world returns to it; Copy link carries it."),
    ("notice.import_failed", "This scenario could not be imported: {e}. The world is unchanged."),
    ("notice.panic", "The playground hit an internal error and stopped: {info}"),
];

/// The lessons, the error catalog page, embed mode and the embed snippet page.
const UI_TEACH: &[(&str, &str)] = &[
    ("lesson.intro", "Make each thing happen in the playground; every step is checked from what the simulated service saw (the history and the copy queue) and ticked off by itself."),
    ("lesson.progress", "{count} of {total} steps done"),
    ("lesson.start", "Start with a fresh world"),
    ("lesson.reset", "Forget my progress"),
    ("lesson.done", " (done)"),
    ("lesson.not_yet", "Not yet: {reason}"),
    ("embed.title", " · Alibaba Cloud ECS {version} (simulated)"),
    ("embed.open", "Open in playground ↗"),
    ("embed.indent", "Indent"),
];

/// The signature debugger. Only the full build has the view, so the lean first load carries none of these.
#[cfg(any(feature = "debugger-view", test))]
const UI_DEBUGGER: &[(&str, &str)] = &[
    ("debugger.title", "Signature debugger"),
    ("debugger.lead", "Paste a signed request and the secret: see the expected and your StringToSign side by side, the first difference marked and the likely cause named."),
    ("debugger.pages", "Pages"),
    ("debugger.playground", "Playground"),
    ("debugger.in_title", "Your request"),
    ("debugger.request_label", "Signed URL, or raw HTTP (method line, headers, blank line, body)"),
    ("debugger.secret_label", "AccessKeySecret (stays in this page: never in the URL, storage or a log)"),
    ("debugger.demo_secret", "The secret is empty and the AccessKeyId is a demo key of the simulated account, so its secret from the scenario is used."),
    ("debugger.now_label", "Server clock (UTC, yyyy-MM-ddTHH:mm:ssZ; empty: now)"),
    ("debugger.now_placeholder", "now"),
    ("debugger.user_sts_label", "Your client's StringToSign / CanonicalRequest (optional)"),
    ("debugger.out_title", "Diagnosis"),
    ("debugger.begin", "Paste a request to begin."),
    ("debugger.not_request", "This is neither a URL nor a raw HTTP request (a first line like GET /?Action=… HTTP/1.1)."),
    ("debugger.type_secret", "Type the secret to compare signatures."),
    ("debugger.endpoint", "What the simulated endpoint answers"),
    ("debugger.matches", "The signature matches."),
    ("debugger.no_match", "The signature does NOT match."),
    ("debugger.matches_detail", "Your client signed exactly what the server expects: the same {what} with the same secret, so signing is not the problem."),
    ("debugger.still_refused", " The request is still refused, for the reason below."),
    ("debugger.your_sig", "Your signature"),
    ("debugger.expected_sig", "Expected signature"),
    ("debugger.likely_cause", "Likely cause"),
    ("debugger.expected_text", "Expected {what}"),
    ("debugger.your_text", "Your {what}"),
    ("debugger.same_text", "The same as the expected {what}: the signatures match."),
    ("debugger.not_reconstructed", "No common mistake reproduces your signature, so your text cannot be reconstructed. Paste it below if your client prints it."),
    ("debugger.first_diff", "First difference at character {index}."),
];

/// The lean build has no debugger view (it sends `?view=debugger` to the full build).
#[cfg(not(any(feature = "debugger-view", test)))]
const UI_DEBUGGER: &[(&str, &str)] = &[];

/// Every UI string, in table order.
fn ui_strings() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    UI.iter().flat_map(|part| part.iter())
}

/// The Chinese table, once fetched (never set in English).
/// A plain list searched in order: a map (its sort or tree code) would weigh on the English first load, and
/// a page looks up a few dozen strings per render.
static ZH: OnceLock<Vec<(String, String)>> = OnceLock::new();

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The page's language.
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// Sets the page's language to Chinese with its table (the entries of `i18n/zh-CN.json`). An empty table
/// leaves the page in English rather than showing IDs.
pub fn set_zh(map: Vec<(String, String)>) -> bool {
    if map.is_empty() {
        return false;
    }
    let _ = ZH.set(map);
    CURRENT.with(|c| c.set(Lang::ZhCn));
    true
}

/// The entries of a parsed JSON object whose values are strings (others are skipped). The browser's own
/// JSON parser reads the file: serde's would add ~15 KB gzip to the English first load, which never needs it.
pub fn table_from_js(obj: &wasm_bindgen::JsValue) -> Vec<(String, String)> {
    use wasm_bindgen::JsCast;
    let Some(obj) = obj.dyn_ref::<js_sys::Object>() else {
        return Vec::new();
    };
    js_sys::Object::entries(obj)
        .iter()
        .filter_map(|e| {
            let pair = e.dyn_into::<js_sys::Array>().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

/// The English of a UI string ID (the ID itself if unknown, so a typo shows rather than vanishes).
#[inline(never)]
pub fn en(id: &'static str) -> &'static str {
    ui_strings().find(|(k, _)| *k == id).map_or(id, |(_, v)| v)
}

/// The Chinese of `key`, when the page is Chinese and the table has it.
#[inline(never)]
fn zh(key: &str) -> Option<&'static str> {
    if lang() != Lang::ZhCn {
        return None;
    }
    ZH.get()?.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// The UI string `id` in the page's language.
#[inline(never)]
pub fn t(id: &'static str) -> &'static str {
    zh(id).unwrap_or_else(|| en(id))
}

/// The UI template `id` in the page's language, its `{name}`s filled from `args`.
#[inline(never)]
pub fn tf(id: &'static str, args: &[(&str, &str)]) -> String {
    let args: Vec<(String, String)> = args.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    copyimage_engine::why::fill(t(id), &args)
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

/// The UI template `id` in the page's language as markup, each `{name}` replaced by the node given for it
/// (a command or a file name set as code inside a sentence).
pub fn t_html(id: &'static str, nodes: &[(&str, yew::Html)]) -> yew::Html {
    let mut out = Vec::new();
    let mut rest = t(id);
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
    let mut parts: Vec<&str> = fragment
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("lang="))
        .collect();
    let tag = format!("lang={}", lang.tag());
    if lang != Lang::En {
        parts.push(&tag);
    }
    parts.join("&")
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
    let kept: String = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("lang="))
        .map(|p| format!("{p}&"))
        .collect();
    let frag = with_lang(fragment, Lang::En);
    let now = lang();
    let link = |l: Lang, name: &'static str| {
        let href = format!("?{kept}lang={}#{frag}", l.tag());
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

    const ZH_JSON: &str = include_str!("../i18n/zh-CN.json");

    use std::collections::BTreeMap;

    fn zh() -> BTreeMap<String, String> {
        serde_json::from_str(ZH_JSON).expect("i18n/zh-CN.json is a flat map of strings")
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

    #[test]
    fn every_ui_string_has_a_chinese_entry_with_the_same_placeholders() {
        let zh = zh();
        let mut ids = std::collections::BTreeSet::new();
        for (id, en) in ui_strings() {
            assert!(ids.insert(id), "duplicate UI id {id}");
            let z = zh.get(*id).unwrap_or_else(|| panic!("no zh-CN entry for UI id {id}"));
            assert!(!z.trim().is_empty(), "{id}");
            assert_eq!(placeholders(z), placeholders(en), "{id}");
        }
    }

    #[test]
    fn every_chinese_key_is_a_ui_id_or_a_why_template_and_keeps_its_placeholders() {
        for (k, z) in zh() {
            if ui_strings().any(|(id, _)| *id == k) {
                continue;
            }
            // Keys that are not UI IDs are English engine texts: their placeholders must survive.
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
        let zh = zh();
        let missing: Vec<&str> = engine_texts_of_done_views()
            .into_iter()
            .filter(|e| !zh.contains_key(*e))
            .collect();
        assert!(
            missing.is_empty(),
            "no zh-CN entry for:\n{}",
            serde_json::to_string_pretty(&missing).unwrap()
        );
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
        let zh = zh();
        let missing: Vec<String> = engine_texts_of_panes()
            .into_iter()
            .filter(|e| !zh.contains_key(e))
            .collect();
        assert!(
            missing.is_empty(),
            "no zh-CN entry for:\n{}",
            serde_json::to_string_pretty(&missing).unwrap()
        );
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
        assert!(set_zh(zh().into_iter().collect()));
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
        assert!(set_zh(zh().into_iter().collect()));
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
    /// the catalog lists errors and only some successes, and these explanations show after each Send.
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
        let zh = zh();
        let all = success_why_templates();
        assert!(all.len() >= 10, "{all:#?}");
        let missing: Vec<String> = all.into_iter().filter(|e| !zh.contains_key(e)).collect();
        assert!(
            missing.is_empty(),
            "no zh-CN entry for:\n{}",
            serde_json::to_string_pretty(&missing).unwrap()
        );
    }

    /// Every "why" template a catalog entry's request reaches (each documented error and success): the
    /// explanations the playground shows, collected from the engine rather than listed by hand.
    fn why_templates() -> Vec<String> {
        let mut v: Vec<String> = copyimage_engine::catalog::entries()
            .iter()
            .map(|e| e.reproduce().rule.msg)
            .collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn every_why_template_has_a_chinese_entry() {
        let zh = zh();
        let missing: Vec<String> = why_templates().into_iter().filter(|e| !zh.contains_key(e)).collect();
        assert!(
            missing.is_empty(),
            "no zh-CN entry for:\n{}",
            serde_json::to_string_pretty(&missing).unwrap()
        );
    }

    /// The signature debugger's explanations and report texts, as the engine lists them (its own test holds
    /// the list to what its renderers ask for).
    #[test]
    fn every_debugger_text_has_a_chinese_entry() {
        let zh = zh();
        let missing: Vec<&str> = copyimage_engine::debugger::TEXTS
            .iter()
            .copied()
            .filter(|e| !zh.contains_key(*e))
            .collect();
        assert!(
            missing.is_empty(),
            "no zh-CN entry for:\n{}",
            serde_json::to_string_pretty(&missing).unwrap()
        );
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
        let zh = zh();
        let texts = catalog_texts();
        assert!(texts.len() > 80, "only {} texts", texts.len());
        let missing: Vec<&String> = texts.iter().filter(|e| !zh.contains_key(*e)).collect();
        assert!(
            missing.is_empty(),
            "no zh-CN entry for:\n{}",
            serde_json::to_string_pretty(&missing).unwrap()
        );
    }

    /// The prose string literals of the course's source outside its tests: every step's title, instructions
    /// and lesson, and every message template a check can say (they are arguments of one call each, so the
    /// source is where all of them are, and a new one cannot be missed).
    fn lesson_texts() -> Vec<String> {
        let src = include_str!("../crates/engine/src/teach/lessons.rs");
        let code = &src[..src.find("#[cfg(test)]").unwrap_or(src.len())];
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
            // Prose: several words, not a separator (", ") or a format string of the code's own ("{} {c}",
            // "Not yet: {}").
            if s.contains(' ') && s.chars().any(char::is_alphabetic) && !s.contains("{}") {
                out.push(s);
            }
        }
        out
    }

    #[test]
    fn every_lesson_text_has_a_chinese_entry() {
        use copyimage_engine::lessons::STEPS;
        let zh = zh();
        let texts = lesson_texts();
        for s in STEPS {
            for t in [s.title, s.instructions, s.lesson] {
                assert!(texts.iter().any(|x| x == t), "the source reader missed {t:?}");
            }
        }
        // Titles, instructions and lessons of 11 steps, and the checks' messages.
        assert!(texts.len() > 60, "only {} texts: {texts:#?}", texts.len());
        let missing: Vec<&String> = texts.iter().filter(|e| !zh.contains_key(*e)).collect();
        assert!(
            missing.is_empty(),
            "no zh-CN entry for:\n{}",
            serde_json::to_string_pretty(&missing).unwrap()
        );
    }

    /// A reader follows a step's Chinese text literally: it names every field, value and ID the English
    /// names, as written (wire names are never translated), and the buttons by their Chinese labels.
    #[test]
    fn chinese_lesson_steps_name_every_field_value_and_button() {
        let zh = zh();
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
                assert!(z.contains(&format!("点击“{}”", zh["resp.send"])), "{}", s.id);
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
        assert!(!set_zh(Vec::new()));
        assert_eq!(lang(), Lang::En);
        assert_eq!(t("resp.send"), "Send");
        assert!(set_zh(zh().into_iter().collect()));
        assert_eq!(t("resp.send"), "发送");
        assert_eq!(tr("a text nobody translated"), "a text nobody translated");
        assert_eq!(
            tf("resp.sent_at", &[("time", "00:01"), ("id", "R-1")]),
            zh()["resp.sent_at"].replace("{time}", "00:01").replace("{id}", "R-1")
        );
    }
}
