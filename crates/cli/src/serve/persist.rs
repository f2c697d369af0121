//! The `--state` file: written atomically so that a crash at any instant leaves either the previous
//! complete state or the new complete state on disk, never a torn one.
//!
//! Protocol for each write: write the whole new state to `<file>.tmp`, fsync it, rename it over
//! `<file>`, fsync the directory. A reader therefore only ever sees a complete file. A stale `.tmp`
//! left by a crash is ignored on start (it was never renamed, so it was never the state) and is
//! overwritten by the next write.
//!
//! Test hook: with `COPYIMAGE_TEST_CRASH_BEFORE_RENAME=N` in the environment, the process aborts on its
//! N-th write right after the temp file is complete and before the rename, so tests can check that every
//! answered request survives a crash at the worst moment.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The environment variable of the crash test hook (see the module docs).
pub const CRASH_HOOK_ENV: &str = "COPYIMAGE_TEST_CRASH_BEFORE_RENAME";

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
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        StateFile {
            path: path.to_path_buf(),
            tmp: PathBuf::from(tmp),
            crash_on_write: std::env::var(CRASH_HOOK_ENV).ok().and_then(|v| v.trim().parse().ok()),
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
        let dir = match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
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
    fn non_utf8_state_is_an_error() {
        let d = temp_dir("utf8");
        fs::write(d.join("state.json"), [0xff, 0xfe, 0x00]).unwrap();
        let sf = StateFile::new(&d.join("state.json"));
        let e = sf.read().unwrap_err();
        assert!(e.contains("not UTF-8"), "{e}");
        let _ = fs::remove_dir_all(&d);
    }
}
