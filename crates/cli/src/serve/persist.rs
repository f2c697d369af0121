//! The `--state` files: a snapshot of the whole world and a journal of what happened since.
//!
//! * The snapshot (`<file>`) is written atomically, so a crash at any instant leaves either the previous
//!   complete snapshot or the new one on disk, never a torn one: write the whole state to `<file>.tmp`,
//!   fsync it, rename it over `<file>`, fsync the directory. A stale `.tmp` left by a crash is ignored on
//!   start (it was never renamed, so it was never the state) and is overwritten by the next write.
//! * The journal (`<file>.journal`) is append-only: one line per accepted change, each batch of lines
//!   written and fsynced once before any of its requests is answered (group commit). A crash mid-batch
//!   can leave a torn last line; its requests were never answered, so it is dropped when the journal is
//!   read. A journal is started afresh (temp file and rename, like the snapshot) after each snapshot.
//!
//! Test hooks, read from the environment: `COPYIMAGE_TEST_CRASH_BEFORE_RENAME=N` aborts the process on
//! its N-th snapshot write right after the temp file is complete and before the rename;
//! `COPYIMAGE_TEST_CRASH_IN_JOURNAL=N` aborts on the N-th journal append after writing half of the
//! batch's bytes (a torn line, never synced); `COPYIMAGE_TEST_FAIL_WRITES_IF=PATH` makes every write fail
//! while PATH exists (a full disk). Tests use them to check that every answered request survives a
//! crash at the worst moment and that a failed write is never acknowledged.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The environment variable of the snapshot crash hook (see the module docs).
pub const CRASH_HOOK_ENV: &str = "COPYIMAGE_TEST_CRASH_BEFORE_RENAME";
/// The environment variable of the journal crash hook (see the module docs).
pub const JOURNAL_CRASH_HOOK_ENV: &str = "COPYIMAGE_TEST_CRASH_IN_JOURNAL";
/// The environment variable of the failing-disk hook (see the module docs).
pub const FAIL_HOOK_ENV: &str = "COPYIMAGE_TEST_FAIL_WRITES_IF";
/// The first line of every journal; a journal file without it is refused.
pub const JOURNAL_FORMAT: &str = "{\"format\":\"copyimage-serve-journal/1\"}";

fn hook_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// An error while the failing-disk hook's path exists.
fn simulated_failure(what: &Path) -> Result<(), String> {
    match std::env::var_os(FAIL_HOOK_ENV) {
        Some(p) if Path::new(&p).exists() => Err(format!(
            "cannot write {}: simulated failure ({FAIL_HOOK_ENV})",
            what.display()
        )),
        _ => Ok(()),
    }
}

/// fsyncs the folder holding `path`, so a rename or a new file in it is durable.
fn sync_dir(path: &Path) {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
}

/// `path` with `suffix` appended to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// One state file on disk.
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    tmp: PathBuf,
    crash_on_write: Option<u64>,
    writes: AtomicU64,
}

impl StateFile {
    /// A state file at `path`; reads the crash hook from the environment.
    pub fn new(path: &Path) -> StateFile {
        StateFile {
            path: path.to_path_buf(),
            tmp: with_suffix(path, ".tmp"),
            crash_on_write: hook_number(CRASH_HOOK_ENV),
            writes: AtomicU64::new(0),
        }
    }

    /// The path of the state file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's content, `None` if it does not exist yet.
    pub fn read(&self) -> Result<Option<String>, String> {
        match fs::read(&self.path) {
            Ok(bytes) => String::from_utf8(bytes)
                .map(Some)
                .map_err(|_| format!("state file {} is not UTF-8 text", self.path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("cannot read state file {}: {e}", self.path.display())),
        }
    }

    /// Replaces the file's content atomically and durably (see the module docs).
    pub fn write(&self, content: &[u8]) -> Result<(), String> {
        let n = self.writes.fetch_add(1, Ordering::SeqCst) + 1;
        simulated_failure(&self.tmp)?;
        let err = |what: &str, e: std::io::Error| format!("{what} {}: {e}", self.tmp.display());
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&self.tmp)
            .map_err(|e| err("cannot create", e))?;
        f.write_all(content).map_err(|e| err("cannot write", e))?;
        f.sync_all().map_err(|e| err("cannot sync", e))?;
        drop(f);
        if self.crash_on_write == Some(n) {
            eprintln!("copyimage serve: {CRASH_HOOK_ENV}={n}: stopping between the temp file and the rename");
            std::process::abort();
        }
        fs::rename(&self.tmp, &self.path)
            .map_err(|e| format!("cannot rename {} to {}: {e}", self.tmp.display(), self.path.display()))?;
        // The rename is only durable once the directory entry is on disk.
        sync_dir(&self.path);
        Ok(())
    }
}

/// The journal beside a state file (see the module docs).
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    /// The open journal, appended to; `None` until [`Journal::start`].
    file: Option<File>,
    /// Bytes in the journal, to decide when to take a snapshot instead.
    bytes: u64,
    crash_on_append: Option<u64>,
    appends: u64,
}

impl Journal {
    /// The journal of the state file at `state`; reads the crash hook from the environment.
    pub fn new(state: &Path) -> Journal {
        Journal {
            path: with_suffix(state, ".journal"),
            file: None,
            bytes: 0,
            crash_on_append: hook_number(JOURNAL_CRASH_HOOK_ENV),
            appends: 0,
        }
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Bytes in the journal since it was started.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The journal's records (lines after the format line), `None` if there is no journal. A last line
    /// without its newline is a torn write and left out; any other damage is an error.
    pub fn read(&self) -> Result<Option<Vec<String>>, String> {
        let text = match fs::read(&self.path) {
            Ok(b) => String::from_utf8(b).map_err(|_| format!("journal {} is not UTF-8 text", self.path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read journal {}: {e}", self.path.display())),
        };
        let complete = match text.rfind('\n') {
            Some(i) => &text[..=i],
            None => "",
        };
        let mut lines = complete.lines();
        if lines.next() != Some(JOURNAL_FORMAT) {
            return Err(format!(
                "{} is not a copyimage serve journal (its first line is not {JOURNAL_FORMAT})",
                self.path.display()
            ));
        }
        Ok(Some(lines.map(str::to_string).collect()))
    }

    /// Starts an empty journal (temp file, fsync, rename, fsync of the folder) and opens it for appends.
    pub fn start(&mut self) -> Result<(), String> {
        simulated_failure(&self.path)?;
        let tmp = with_suffix(&self.path, ".tmp");
        let err = |what: &str, p: &Path, e: std::io::Error| format!("{what} {}: {e}", p.display());
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)
            .map_err(|e| err("cannot create", &tmp, e))?;
        let header = format!("{JOURNAL_FORMAT}\n");
        f.write_all(header.as_bytes())
            .map_err(|e| err("cannot write", &tmp, e))?;
        f.sync_all().map_err(|e| err("cannot sync", &tmp, e))?;
        drop(f);
        fs::rename(&tmp, &self.path).map_err(|e| err("cannot rename to the journal", &tmp, e))?;
        sync_dir(&self.path);
        let f = OpenOptions::new()
            .append(true)
            .open(&self.path)
            .map_err(|e| err("cannot open", &self.path, e))?;
        self.file = Some(f);
        self.bytes = header.len() as u64;
        Ok(())
    }

    /// Appends whole lines and fsyncs them: on `Ok`, they are on disk.
    pub fn append(&mut self, lines: &[u8]) -> Result<(), String> {
        self.appends += 1;
        simulated_failure(&self.path)?;
        let path = self.path.display().to_string();
        let f = self
            .file
            .as_mut()
            .ok_or_else(|| format!("journal {path} is not open"))?;
        if self.crash_on_append == Some(self.appends) {
            let _ = f.write_all(&lines[..lines.len() / 2]);
            eprintln!(
                "copyimage serve: {JOURNAL_CRASH_HOOK_ENV}={}: stopping in the middle of a journal write",
                self.appends
            );
            std::process::abort();
        }
        f.write_all(lines).map_err(|e| format!("cannot write {path}: {e}"))?;
        // Data only: the file's size changes are covered by fdatasync too, and it skips the timestamps.
        f.sync_data().map_err(|e| format!("cannot sync {path}: {e}"))?;
        self.bytes += lines.len() as u64;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("copyimage-persist-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn missing_file_reads_as_none_and_write_replaces() {
        let d = temp_dir("rw");
        let sf = StateFile::new(&d.join("state.json"));
        assert_eq!(sf.read().unwrap(), None);
        sf.write(b"{\"a\":1}").unwrap();
        assert_eq!(sf.read().unwrap().as_deref(), Some("{\"a\":1}"));
        sf.write(b"{\"a\":2}").unwrap();
        assert_eq!(sf.read().unwrap().as_deref(), Some("{\"a\":2}"));
        assert!(!d.join("state.json.tmp").exists(), "the temp file is renamed away");
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn stale_temp_file_is_not_the_state() {
        let d = temp_dir("stale");
        fs::write(d.join("state.json.tmp"), "half a fi").unwrap();
        let sf = StateFile::new(&d.join("state.json"));
        assert_eq!(sf.read().unwrap(), None);
        sf.write(b"new").unwrap();
        assert_eq!(fs::read_to_string(d.join("state.json")).unwrap(), "new");
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn journal_appends_and_drops_a_torn_last_line() {
        let d = temp_dir("journal");
        let mut j = Journal::new(&d.join("w.json"));
        assert_eq!(j.read().unwrap(), None, "no journal yet");
        j.start().unwrap();
        assert_eq!(j.read().unwrap(), Some(vec![]));
        j.append(b"one\ntwo\n").unwrap();
        j.append(b"three\n").unwrap();
        assert_eq!(
            j.read().unwrap(),
            Some(vec!["one".into(), "two".into(), "three".into()])
        );
        let mut f = OpenOptions::new().append(true).open(j.path()).unwrap();
        f.write_all(b"{\"v\":4,\"half").unwrap();
        assert_eq!(j.read().unwrap().unwrap().len(), 3, "the torn line is left out");
        j.start().unwrap();
        assert_eq!(j.read().unwrap(), Some(vec![]), "started afresh");
        fs::write(j.path(), "something else\nx\n").unwrap();
        let e = j.read().unwrap_err();
        assert!(e.contains("not a copyimage serve journal"), "{e}");
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn non_utf8_state_is_an_error() {
        let d = temp_dir("utf8");
        fs::write(d.join("state.json"), [0xff, 0xfe, 0x00]).unwrap();
        let sf = StateFile::new(&d.join("state.json"));
        let e = sf.read().unwrap_err();
        assert!(e.contains("not UTF-8"), "{e}");
        let _ = fs::remove_dir_all(&d);
    }
}
