//! Golden transcripts: each file in `tests/golden/` is run and compared byte for byte with its recorded
//! responses (`<name>.transcript.json` -> `<name>.recorded.json`). Set `UPDATE_GOLDEN=1` to re-record
//! after an intended change, and review the diff.

use copyimage_engine::transcript;
use std::path::Path;

#[test]
fn golden_transcripts_replay_exactly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/golden") {
        let path = entry.expect("dir entry").path();
        let name = path.file_name().and_then(|s| s.to_str()).unwrap_or("").to_string();
        let Some(stem) = name.strip_suffix(".transcript.json") else {
            continue;
        };
        let mut t = transcript::from_json(&std::fs::read_to_string(&path).expect("read")).expect("parse");
        let recorded = dir.join(format!("{stem}.recorded.json"));
        let out = transcript::run(&t).expect("run");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            t.responses = out;
            std::fs::write(&recorded, transcript::to_json(&t)).expect("write");
            continue;
        }
        let want = transcript::from_json(&std::fs::read_to_string(&recorded).expect("recorded file exists"))
            .expect("recorded parses");
        assert_eq!(want.steps, t.steps, "{stem}: steps changed; re-record");
        transcript::check(&want).unwrap_or_else(|e| panic!("{stem}: {e}"));
        n += 1;
    }
    assert!(n >= 1 || std::env::var_os("UPDATE_GOLDEN").is_some());
}
