//! The language of the CLI's human-facing text: `--lang <en|zh-CN>`, else the locale variables (`LC_ALL`,
//! then `LC_MESSAGES`, then `LANG`, the first one set: `zh_CN*`, `zh_SG*`, `zh_Hans*` read as Simplified
//! Chinese, anything else as English).
//!
//! English is compiled in and is the key: the help texts (each command's about and after-help, each
//! argument's help), the `errors` command's words and the debugger's explanations are looked up by their
//! English in tables compiled in: the web app's `i18n/zh-CN*.json` (the engine's texts: catalog causes,
//! debugger explanations; split by the page view that shows them), and `crates/cli/i18n/zh-CN.json`, the
//! CLI's own (help, labels), kept apart so a Chinese web page does not download the CLI's help. A text without an entry stays English. What programs read never changes with the language: `--output json`,
//! wire responses, signed URLs, exit codes.

use clap::builder::StyledStr;
use clap::Command;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A language of the CLI's text.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English
    #[value(name = "en")]
    En,
    /// 简体中文
    #[value(name = "zh-CN")]
    ZhCn,
}

/// The Chinese strings shared with the web app, keyed by their English: the engine's texts (the catalog's
/// causes, the debugger's explanations), in the web app's files (one per page view; the CLI reads them all).
const ZH_JSONS: [&str; 4] = [
    include_str!("../../../i18n/zh-CN.json"),
    include_str!("../../../i18n/zh-CN.lessons.json"),
    include_str!("../../../i18n/zh-CN.debugger.json"),
    include_str!("../../../i18n/zh-CN.catalog.json"),
];

/// The CLI's own Chinese strings (its help, its labels), keyed by their English. Apart from the web app's
/// file, which a Chinese page fetches before its first render and so should not carry the CLI's help.
const CLI_ZH_JSON: &str = include_str!("../i18n/zh-CN.json");

static LANG: OnceLock<Lang> = OnceLock::new();

/// The table (both files), parsed on first use (an unreadable file would be a build mistake, caught by the
/// tests; it then reads as empty and its texts stay English).
fn table() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: HashMap<String, String> = HashMap::new();
        for f in ZH_JSONS {
            t.extend(serde_json::from_str::<HashMap<String, String>>(f).unwrap_or_default());
        }
        t.extend(serde_json::from_str::<HashMap<String, String>>(CLI_ZH_JSON).unwrap_or_default());
        t
    })
}

/// A `--lang` value or a locale (`zh-CN`, `zh_CN.UTF-8`, `zh_Hans`, `en_US.UTF-8`, `C`) as a language:
/// `Some(ZhCn)` for Simplified Chinese, `Some(En)` for anything else that is set, `None` when empty.
pub fn from_locale(value: &str) -> Option<Lang> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let v = v.to_ascii_lowercase().replace('-', "_");
    let tag = v.split(['.', '@']).next().unwrap_or("");
    let zh = tag == "zh" || tag.starts_with("zh_cn") || tag.starts_with("zh_sg") || tag.starts_with("zh_hans");
    Some(if zh { Lang::ZhCn } else { Lang::En })
}

/// The language the locale variables ask for (`get` reads one), as POSIX orders them: `LC_ALL`, then
/// `LC_MESSAGES`, then `LANG`; the first one set (non-empty) decides.
pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| get(k).and_then(|v| from_locale(&v)))
        .unwrap_or(Lang::En)
}

/// The `--lang` value among the arguments (`--lang X` or `--lang=X`, anywhere before a lone `--`), read
/// before clap parses them, since `--help` is printed during parsing. An unknown value is left to clap,
/// which refuses it.
pub fn from_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut it = args.iter().skip(1).filter_map(|a| a.to_str());
    let mut found = None;
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        match value {
            Some("en") => found = Some(Lang::En),
            Some("zh-CN") => found = Some(Lang::ZhCn),
            _ => {}
        }
    }
    found
}

/// Sets the process's language once, at start.
pub fn set(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The process's language (English until [`set`]).
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::En)
}

/// The Chinese of `english`, if the table has it.
pub fn zh(english: &str) -> Option<&'static str> {
    table().get(english).map(String::as_str)
}

/// `english` in the process's language (itself when English or untranslated).
pub fn tr(english: &str) -> String {
    match lang() {
        Lang::ZhCn => zh(english).unwrap_or(english).to_string(),
        Lang::En => english.to_string(),
    }
}

/// The template `english` in the process's language, its `{name}`s filled from `args` after translation.
pub fn tf(english: &str, args: &[(&str, &str)]) -> String {
    let args: Vec<(String, String)> = args.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    copyimage_engine::why::fill(&tr(english), &args)
}

/// The CLI's own words (headings of the help, the `errors` command's labels), keyed by their English; a
/// test holds each to a Chinese entry.
#[cfg(test)]
pub const CLI_TEXTS: &[&str] = &[
    HELP_TEMPLATE_ZH_KEY,
    "Commands",
    "Arguments",
    "Options",
    "Print help",
    "Print help (see a summary with '-h')",
    "Print help (see more with '--help')",
    "Print version",
    "Print this message or the help of the given subcommand(s)",
    ERR_STATUS,
    ERR_CODE,
    ERR_MESSAGE,
    ERR_TITLE,
    ERR_CAUSE,
    ERR_SETUP,
    ERR_SOURCE,
    ERR_REPRODUCE,
    ERR_SUCCESS,
    NOTE_ENV,
    NOTE_DEFAULT,
    NOTE_VALUES,
    NOTE_VALUES_HEADING,
    SERVE_STATE_RESUMED,
    SERVE_STATE_NEW,
    SERVE_EXPOSED,
    SERVE_ADMIN_TOKEN,
    SERVE_ADMIN_LOOPBACK,
];

/// The help's usage heading (clap writes `Usage:` itself; a translated page gives its own template, the
/// heading followed directly by the usage: a Chinese colon carries its own space).
const HELP_TEMPLATE_ZH_KEY: &str = "Usage:";
/// `copyimage errors ID`: one line per field of an entry.
pub const ERR_STATUS: &str = "  HTTP status: {value}";
/// The entry's code.
pub const ERR_CODE: &str = "  Code:        {value}";
/// The entry's message.
pub const ERR_MESSAGE: &str = "  Message:     {value}";
/// A success's title.
pub const ERR_TITLE: &str = "  Succeeds:    {value}";
/// What causes it.
pub const ERR_CAUSE: &str = "  Cause:       {value}";
/// The world it needs, in words.
pub const ERR_SETUP: &str = "  Setup:       {value}";
/// Where it is documented.
pub const ERR_SOURCE: &str = "  Source:      {value}";
/// The command that reproduces it.
pub const ERR_REPRODUCE: &str = "  Reproduce:   {value}";
/// The code column of a success in the list.
pub const ERR_SUCCESS: &str = "(success)";

/// `copyimage serve --state FILE`, on start: the file, resumed.
pub const SERVE_STATE_RESUMED: &str = "copyimage serve: state in {file} (resumed)";
/// The same, a new file.
pub const SERVE_STATE_NEW: &str = "copyimage serve: state in {file} (new)";
/// `copyimage serve` bound beyond loopback, on start; `{admin}` is one of the two notes below.
pub const SERVE_EXPOSED: &str = "copyimage serve: listening on {addr}, beyond loopback: anyone who can reach this \
     address can send it signed requests with the key pairs above; {admin}.";
/// The admin routes with `--admin-token`.
pub const SERVE_ADMIN_TOKEN: &str = "its admin routes (/__admin/...) answer only requests with the header {header}";
/// The admin routes without a token.
pub const SERVE_ADMIN_LOOPBACK: &str = "its unsigned admin routes (/__admin/...: reset, load a world, move the \
     clock, read every key pair) answer loopback clients only; pass --admin-token TOKEN to use them from other hosts";

/// The command tree with its help in Chinese: every about, long about, after-help and argument help that
/// the table has, and clap's own headings and flags. Run on the built command, so the help and version
/// flags clap adds are there to translate.
pub fn translate_help(cmd: Command) -> Command {
    let mut cmd = cmd;
    cmd.build();
    translate_command(cmd)
}

fn zh_styled(s: Option<&StyledStr>) -> Option<&'static str> {
    s.and_then(|s| zh(&s.to_string()))
}

fn translate_command(cmd: Command) -> Command {
    let mut cmd = cmd
        .subcommand_help_heading(zh("Commands").unwrap_or("Commands"))
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
            zh(HELP_TEMPLATE_ZH_KEY).unwrap_or("Usage: ")
        ));
    if let Some(z) = zh_styled(cmd.get_about()) {
        cmd = cmd.about(z);
    }
    if let Some(z) = zh_styled(cmd.get_long_about()) {
        cmd = cmd.long_about(z);
    }
    if let Some(z) = zh_styled(cmd.get_after_help()) {
        cmd = cmd.after_help(z);
    }
    if let Some(z) = zh_styled(cmd.get_after_long_help()) {
        cmd = cmd.after_long_help(z);
    }
    let ids: Vec<clap::Id> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id, translate_arg);
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subs {
        cmd = cmd.mut_subcommand(name, translate_command);
    }
    cmd
}

/// An argument's help in Chinese, with the notes clap would add in English (`[env: ...]`, `[default: ...]`,
/// `[possible values: ...]` and each value's help) written by us in Chinese instead.
fn translate_arg(a: clap::Arg) -> clap::Arg {
    let heading = if a.is_positional() { "Arguments" } else { "Options" };
    let a = a.help_heading(zh(heading).unwrap_or(heading));
    let text = |s: Option<&StyledStr>| s.map(|s| zh(&s.to_string()).map_or_else(|| s.to_string(), str::to_string));
    let (Some(help), long) = (text(a.get_help()), text(a.get_long_help())) else {
        return a;
    };
    let mut notes = Vec::new();
    if let Some(env) = a.get_env().filter(|_| !a.is_hide_env_set()) {
        notes.push(zf(NOTE_ENV, &[("name", &env.to_string_lossy())]));
    }
    let values = a.get_possible_values();
    let shown: Vec<&clap::builder::PossibleValue> = values.iter().filter(|v| !v.is_hide_set()).collect();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    if a.get_action().takes_values() && !defaults.is_empty() && !a.is_hide_default_value_set() {
        notes.push(zf(NOTE_DEFAULT, &[("value", &defaults.join(", "))]));
    }
    let takes_values = a.get_action().takes_values() && !shown.is_empty() && !a.is_hide_possible_values_set();
    let names: Vec<&str> = shown.iter().map(|v| v.get_name()).collect();
    let short_notes = {
        let mut n = notes.clone();
        if takes_values {
            n.push(zf(NOTE_VALUES, &[("values", &names.join(", "))]));
        }
        n.join(" ")
    };
    let mut long_text = long.unwrap_or_else(|| help.clone());
    if takes_values && shown.iter().any(|v| v.get_help().is_some()) {
        long_text.push_str("\n\n");
        long_text.push_str(&zf(NOTE_VALUES_HEADING, &[]));
        for v in &shown {
            let h = text(v.get_help()).unwrap_or_default();
            long_text.push_str(&format!("\n- {}: {h}", v.get_name()));
        }
    } else if takes_values {
        notes.push(zf(NOTE_VALUES, &[("values", &names.join(", "))]));
    }
    if !notes.is_empty() {
        long_text.push_str("\n\n");
        long_text.push_str(&notes.join(" "));
    }
    let short = if short_notes.is_empty() {
        help
    } else {
        format!("{help} {short_notes}")
    };
    a.hide_env(true)
        .hide_default_value(true)
        .hide_possible_values(true)
        .help(short)
        .long_help(long_text)
}

/// The Chinese of the template `english` (itself without an entry), filled: the help is translated before
/// the process's language is known to `tf`, and whatever that language.
fn zf(english: &str, args: &[(&str, &str)]) -> String {
    let args: Vec<(String, String)> = args.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    copyimage_engine::why::fill(zh(english).unwrap_or(english), &args)
}

/// The notes clap adds to an argument's help, in our words (the Chinese page writes them itself).
const NOTE_ENV: &str = "[env: {name}]";
/// An argument's default value.
const NOTE_DEFAULT: &str = "[default: {value}]";
/// The values an argument takes.
const NOTE_VALUES: &str = "[possible values: {values}]";
/// The heading of the values' list in the long help.
const NOTE_VALUES_HEADING: &str = "Possible values:";

/// Every text of the command tree's help that a translation would replace (abouts, after-helps, argument
/// helps), for the test that each has an entry.
#[doc(hidden)]
pub fn help_texts(cmd: &Command) -> Vec<String> {
    let mut v = Vec::new();
    let mut v_help = Vec::new();
    let mut push = |s: Option<&StyledStr>| {
        if let Some(s) = s {
            v.push(s.to_string());
        }
    };
    push(cmd.get_about());
    push(cmd.get_long_about());
    push(cmd.get_after_help());
    push(cmd.get_after_long_help());
    for a in cmd.get_arguments() {
        push(a.get_help());
        push(a.get_long_help());
        for v in a.get_possible_values() {
            if let Some(h) = v.get_help() {
                v_help.push(h.to_string());
            }
        }
    }
    for s in cmd.get_subcommands() {
        v.extend(help_texts(s));
    }
    v.extend(v_help);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_and_flags_choose_the_language() {
        for zh in [
            "zh_CN.UTF-8",
            "zh_CN",
            "zh_SG.GB2312",
            "zh_Hans_CN.UTF-8",
            "zh-CN",
            "zh_CN.utf8@x",
        ] {
            assert_eq!(from_locale(zh), Some(Lang::ZhCn), "{zh}");
        }
        for en in [
            "C",
            "C.UTF-8",
            "POSIX",
            "en_US.UTF-8",
            "zh_TW.UTF-8",
            "zh_HK",
            "ja_JP.UTF-8",
        ] {
            assert_eq!(from_locale(en), Some(Lang::En), "{en}");
        }
        assert_eq!(from_locale(""), None);
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        };
        assert_eq!(from_env(env(&[("LANG", "zh_CN.UTF-8")])), Lang::ZhCn);
        assert_eq!(from_env(env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")])), Lang::En);
        assert_eq!(
            from_env(env(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "zh_SG")])),
            Lang::ZhCn
        );
        assert_eq!(from_env(env(&[("LC_ALL", ""), ("LANG", "zh_CN")])), Lang::ZhCn);
        assert_eq!(from_env(env(&[])), Lang::En);
        let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(
            from_args(&args(&["copyimage", "--lang", "zh-CN", "errors"])),
            Some(Lang::ZhCn)
        );
        assert_eq!(from_args(&args(&["copyimage", "errors", "--lang=en"])), Some(Lang::En));
        assert_eq!(from_args(&args(&["copyimage", "errors", "--lang", "fr"])), None);
        assert_eq!(from_args(&args(&["copyimage", "call", "--", "--lang", "zh-CN"])), None);
        assert_eq!(from_args(&args(&["copyimage", "--language", "zh-CN"])), None);
    }

    /// Both files are flat maps of strings, share no key, keep each key's placeholders, and the CLI's is
    /// sorted by key as the web app's is (so parallel additions merge cleanly).
    #[test]
    fn the_tables_are_sound() {
        let web: HashMap<String, String> = ZH_JSONS
            .iter()
            .flat_map(|f| serde_json::from_str::<HashMap<String, String>>(f).expect("i18n/zh-CN*.json"))
            .collect();
        let cli: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(CLI_ZH_JSON).expect("crates/cli/i18n/zh-CN.json");
        // serde_json's map is ordered by key (no preserve_order here), so its pretty form is the file sorted.
        let rewritten = serde_json::to_string_pretty(&cli).unwrap() + "\n";
        assert!(
            rewritten == CLI_ZH_JSON,
            "crates/cli/i18n/zh-CN.json is sorted by key, 2-space indented"
        );
        let placeholders = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            v.sort();
            v
        };
        for (k, v) in &cli {
            let v = v.as_str().unwrap_or_else(|| panic!("{k}: not a string"));
            assert!(!web.contains_key(k), "{k}: in both files");
            assert_eq!(placeholders(v), placeholders(k), "{k}");
        }
    }

    #[test]
    fn every_cli_text_has_a_chinese_entry() {
        let missing: Vec<&str> = CLI_TEXTS.iter().copied().filter(|k| zh(k).is_none()).collect();
        assert!(missing.is_empty(), "no zh-CN entry for: {missing:#?}");
    }

    #[test]
    fn every_debugger_text_has_a_chinese_entry() {
        let missing: Vec<&str> = copyimage_engine::debugger::TEXTS
            .iter()
            .copied()
            .filter(|k| zh(k).is_none())
            .collect();
        assert!(missing.is_empty(), "no zh-CN entry for: {missing:#?}");
    }
}
