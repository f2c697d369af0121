//! The CLI in Simplified Chinese, run as a shell runs it (`LANG=zh_CN.UTF-8 copyimage ...`,
//! `copyimage --lang zh-CN ...`): the help, `errors` and `verify` text in Chinese, and everything a program
//! reads (`--output json`, responses, signed URLs) byte-identical in both languages.

mod common;
use common::*;
use std::collections::HashMap;

const ZH: &str = "zh_CN.UTF-8";

/// The Chinese the CLI reads: the web app's tables (engine texts, one file per page view) and its own (help,
/// labels).
fn zh_table() -> HashMap<String, String> {
    let mut t = HashMap::new();
    for f in [
        include_str!("../../../i18n/zh-CN.json"),
        include_str!("../../../i18n/zh-CN.lessons.json"),
        include_str!("../../../i18n/zh-CN.debugger.json"),
        include_str!("../../../i18n/zh-CN.catalog.json"),
    ] {
        t.extend(serde_json::from_str::<HashMap<String, String>>(f).expect("i18n/zh-CN*.json"));
    }
    t.extend(
        serde_json::from_str::<HashMap<String, String>>(include_str!("../i18n/zh-CN.json"))
            .expect("crates/cli/i18n/zh-CN.json"),
    );
    t
}

fn out(o: &std::process::Output) -> String {
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{:?}: {}",
        o.status,
        stderr(o)
    );
    stdout(o)
}

fn zh_env() -> [(&'static str, &'static str); 1] {
    [("LANG", ZH)]
}

const SIGN: &[&str] = &[
    "sign",
    "--access-key-id",
    "testid",
    "--access-key-secret",
    "testsecret",
    "--timestamp",
    "2016-02-23T12:46:24Z",
    "--nonce",
    "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    "RegionId=cn-hangzhou",
    "ImageId=m-bp1fq2h3gbxtc5dm9k1a",
    "DestinationRegionId=cn-shanghai",
    "DestinationImageName=a b",
];

fn signed_url() -> String {
    out(&copyimage(SIGN)).trim().to_string()
}

#[test]
fn machine_output_is_byte_identical_in_both_languages() {
    let url = signed_url();
    let cases: Vec<Vec<&str>> = vec![
        vec!["errors", "--output", "json"],
        vec!["errors", "IncorrectDestinationRegion", "--output", "json"],
        vec![
            "errors",
            "--reproduce",
            "IncorrectDestinationRegion",
            "--output",
            "json",
        ],
        vec!["errors", "--reproduce", "IncorrectDestinationRegion"],
        vec![
            "verify",
            "--access-key-secret",
            "testsecret ",
            "--now",
            "2016-02-23T04:46:24Z",
            "--output",
            "json",
            &url,
        ],
        [SIGN, &["--output", "json"]].concat(),
        SIGN.to_vec(),
        [SIGN, &["--signature-version", "v3"]].concat(),
        vec![
            "call",
            "--output",
            "json",
            "Action=CopyImage",
            "Version=2014-05-26",
            "RegionId=cn-hangzhou",
            "ImageId=m-bp1fq2h3gbxtc5dm9k1a",
            "DestinationRegionId=cn-hangzhou",
        ],
        vec!["regions"],
    ];
    for args in cases {
        let en = copyimage(&args);
        let by_env = copyimage_env(&args, &zh_env());
        let mut flag = vec!["--lang", "zh-CN"];
        flag.extend(&args);
        let by_flag = copyimage(&flag);
        assert!(!en.stdout.is_empty(), "{args:?}");
        assert_eq!(by_env.stdout, en.stdout, "LANG={ZH} changed {args:?}");
        assert_eq!(by_flag.stdout, en.stdout, "--lang zh-CN changed {args:?}");
        assert_eq!(by_env.status.code(), en.status.code(), "{args:?}");
    }
}

#[test]
fn errors_speak_chinese_with_lang_and_keep_wire_values() {
    let zh = zh_table();
    let entries = copyimage_engine::catalog::entries();
    let e = entries
        .iter()
        .find(|e| e.code == "IncorrectDestinationRegion")
        .expect("entry");
    let text = out(&copyimage_env(&["errors", "IncorrectDestinationRegion"], &zh_env()));
    let cause = zh.get(&e.cause).expect("the catalog's causes are translated");
    let expected_start = format!(
        "{id}\n  HTTP 状态码：403\n  错误码：IncorrectDestinationRegion\n  错误信息：{msg}\n  原因：{cause}\n",
        id = e.id,
        msg = e.message,
    );
    assert!(text.starts_with(&expected_start), "{text}\n---\n{expected_start}");
    assert!(
        text.ends_with(&format!("  复现：copyimage errors --reproduce {}\n", e.id)),
        "{text}"
    );
    // The same entry in English (no locale): labels and the English cause.
    let en = out(&copyimage(&["errors", "IncorrectDestinationRegion"]));
    assert!(
        en.starts_with(&format!(
            "{}\n  HTTP status: 403\n  Code:        IncorrectDestinationRegion\n  Message:     {}\n  Cause:       {}\n",
            e.id, e.message, e.cause
        )),
        "{en}"
    );
    // The list keeps its columns; only a success's marker and title are words.
    let list_en = out(&copyimage(&["errors"]));
    let list_zh = out(&copyimage_env(&["errors"], &zh_env()));
    assert_eq!(list_zh.lines().count(), list_en.lines().count());
    for (z, en) in list_zh.lines().zip(list_en.lines()) {
        if en.contains("\t(success)\t") {
            assert!(z.contains("\t（成功）\t"), "{z}");
        } else {
            assert_eq!(z, en, "an error row is wire values only");
        }
    }
    // A code no entry has: a usage mistake, as before.
    let o = copyimage_env(&["errors", "NoSuchCode"], &zh_env());
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
}

#[test]
fn verify_explains_in_chinese_with_the_flag_and_the_flag_beats_the_locale() {
    let url = signed_url();
    let args = |lang: &'static str| {
        vec![
            "--lang",
            lang,
            "verify",
            "--access-key-secret",
            "testsecret ",
            "--now",
            "2016-02-23T04:46:24Z",
        ]
    };
    let mut a = args("zh-CN");
    a.push(&url);
    let o = copyimage(&a);
    assert_eq!(o.status.code(), Some(1));
    let text = out(&o);
    for line in [
        "签名方法：V1 (HMAC-SHA1)",
        "签名不一致。",
        "可能的原因：",
        "  - 您提供的 AccessKeySecret 带有末尾的空格，而请求签名时用的是去掉空白后的密钥：请去掉 AccessKeySecret 首尾的空白。",
        "  - 时间戳快了 8 小时：看起来是把本地时间（UTC+8）加上 'Z' 当作 UTC 发送了。请使用 UTC 时间。",
        // The gateway's code and message cross the wire: never translated.
        "  - 时间戳比服务端时钟快 28800 秒；两者之差必须在 900 秒以内。",
        "网关返回：400 InvalidTimeStamp.Expired: Specified time stamp or date value is expired.",
    ] {
        assert!(text.lines().any(|l| l.starts_with(line)), "no line {line:?} in:\n{text}");
    }
    assert!(!text.contains("testsecret"), "the secret is never printed");
    // Signatures and the StringToSign are shown as they are, the same in both languages.
    let mut e = args("en");
    e.push(&url);
    let en = out(&copyimage_env(&e, &zh_env()));
    assert!(
        en.contains("The signature does NOT match."),
        "--lang en beats LANG: {en}"
    );
    let sts = |t: &str| t.lines().find(|l| l.starts_with("GET&%2F&")).map(str::to_string);
    assert!(sts(&text).is_some());
    assert_eq!(sts(&text), sts(&en));
    // An unknown language is a usage mistake.
    let o = copyimage(&["--lang", "fr", "regions"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
}

#[test]
fn help_is_chinese_under_a_chinese_locale() {
    let zh = zh_table();
    for (args, english) in [
        (
            vec!["--help"],
            "Send one request (KEY=VALUE parameters, as on the wire) to a simulated world; print the HTTP response",
        ),
        (
            vec!["verify", "--help"],
            "The AccessKeySecret to check the signature with (never printed)",
        ),
        (
            vec!["errors", "--help"],
            "Show only the entries with this ID or code, each with its cause, source and how to reproduce it",
        ),
        (vec!["sign", "-h"], "The AccessKeyId"),
    ] {
        let en = out(&copyimage(&args));
        assert!(en.contains(english), "{args:?}: {en}");
        for (name, o) in [
            ("LANG", copyimage_env(&args, &zh_env())),
            (
                "LC_ALL",
                copyimage_env(&args, &[("LC_ALL", "zh_Hans_CN.UTF-8"), ("LANG", "en_US.UTF-8")]),
            ),
            ("--lang", copyimage(&[&["--lang", "zh-CN"][..], &args].concat())),
        ] {
            let text = out(&o);
            assert!(text.contains("用法："), "{name} {args:?}: {text}");
            assert!(text.contains(zh[english].as_str()), "{name} {args:?}: {text}");
            assert!(!text.contains(english), "{name} {args:?}: {text}");
            assert!(
                !text.contains("Options:") && !text.contains("Usage:"),
                "{name} {args:?}: {text}"
            );
        }
    }
    // Another locale, or one overridden by LC_ALL, stays English.
    let o = copyimage_env(&["--help"], &[("LC_ALL", "C"), ("LANG", ZH)]);
    assert!(out(&o).contains("Usage:"));
}
