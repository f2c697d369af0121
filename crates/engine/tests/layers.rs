//! The layer rule (lib.rs, ARCHITECTURE.md): each folder of `src/` is a layer and may use only the layers
//! listed for it. This reads every module's `crate::` paths (outside its `#[cfg(test)]` part, where a test
//! may build a preset world) and fails on any other.

use std::fs;
use std::path::Path;

/// Layer -> the layers it may use (itself included).
const ALLOWED: &[(&str, &[&str])] = &[
    ("base", &["base"]),
    ("signing", &["base", "signing"]),
    ("model", &["base", "model"]),
    ("service", &["base", "signing", "model", "service"]),
    ("teach", &["base", "signing", "model", "service", "teach"]),
];

/// Every `crate::LAYER` that `code` names.
fn used_layers(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        out.push(name);
    }
    out
}

/// The module's code before its `#[cfg(test)]` part, without comment lines.
fn production_code(text: &str) -> String {
    let end = text.find("#[cfg(test)]").unwrap_or(text.len());
    text[..end]
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `.rs` files under `dir`, its sub-folders included (a module split into a folder, such as
/// `teach/catalog/`, belongs to its layer).
fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for p in fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
    {
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

fn violations(src: &Path) -> Vec<String> {
    let mut bad = Vec::new();
    for (layer, allowed) in ALLOWED {
        let dir = src.join(layer);
        let mut files = rust_files(&dir);
        files.sort();
        for f in files {
            let text = fs::read_to_string(&f).unwrap();
            for used in used_layers(&production_code(&text)) {
                if !allowed.contains(&used.as_str()) {
                    bad.push(format!("{}: {layer} uses crate::{used}", f.display()));
                }
            }
        }
    }
    bad
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let bad = violations(&src);
    assert!(bad.is_empty(), "layer rule broken:\n{}", bad.join("\n"));
}

#[test]
fn every_source_file_is_in_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let loose: Vec<_> = fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "lib.rs"))
        .collect();
    assert!(loose.is_empty(), "files outside a layer folder: {loose:?}");
    let dirs: Vec<String> = fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for d in dirs {
        assert!(
            ALLOWED.iter().any(|(l, _)| *l == d),
            "folder {d} is not a layer in the table"
        );
    }
}

#[test]
fn the_check_sees_a_planted_upward_use() {
    // A model module naming the service layer must be reported: the test can fail.
    let planted = "use crate::base::clock::UtcTime;\nuse crate::service::engine::Engine;\n";
    let used = used_layers(&production_code(planted));
    assert_eq!(used, vec!["base".to_string(), "service".to_string()]);
    let model_allowed = ALLOWED.iter().find(|(l, _)| *l == "model").unwrap().1;
    assert!(!model_allowed.contains(&"service"));
    // Test-only code and comments are not production uses.
    let code =
        "// crate::teach in a comment\nuse crate::base::wire;\n#[cfg(test)]\nmod t { use crate::teach::presets; }";
    assert_eq!(used_layers(&production_code(code)), vec!["base".to_string()]);
}
