//! What `le webhook listen` remembers of the deliveries it accepted, so that one replayed
//! while its signature would still pass is refused: across restarts, and between
//! listeners that share a state directory.
//!
//! A delivery is known by two keys: the SHA-256 of its body, and that of its
//! `X-LightningEnable-Delivery` id (no signature covers the id, so a replay may carry any
//! id, or none; a retry is signed afresh but keeps its id). Each key is kept with when it
//! was first accepted and the latest signing time seen for it, and is dropped once the
//! age limit would refuse a signature of that time anyway. Nothing a sender chose is kept
//! as it was sent.
//!
//! The record is one small JSON file, [`FILE`], in the state directory:
//! `{"version":1,"seen":[{"key":"body:…","first":UNIX,"t":UNIX},…]}`, at most [`CAP`]
//! keys. It is read, updated and rewritten whole (a temporary file and a rename,
//! owner-only) under a lock on [`LOCK`] beside it, so that two listeners never lose each
//! other's keys. It is a convenience, never a reason to stop: a file that cannot be read,
//! written or locked is a warning, and the listener goes on with what it remembers itself.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::num::NonZeroU64;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The record's file, in the state directory.
pub const FILE: &str = "seen.json";
/// Held while the record is read and rewritten.
pub const LOCK: &str = "seen.lock";
/// The most keys kept (two per delivery); the oldest signed go first.
pub const CAP: usize = 10_000;
/// A record larger than this is not read (the most [`CAP`] keys take is about 1 MB).
const MAX_FILE_BYTES: u64 = 4 << 20;
/// How long a listener waits for another to let go of the lock.
const LOCK_WAIT: Duration = Duration::from_secs(2);
const VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    /// When the delivery was first accepted (Unix seconds).
    first: i64,
    /// The latest signing time seen for it (for the legacy scheme, which signs none,
    /// when it was accepted).
    t: i64,
    /// Accepted without a signing time (the legacy scheme alone): its signature never
    /// gets too old, so it is never let go for its age, only for room.
    unsigned: bool,
}

/// The keys of accepted deliveries, in memory.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Seen {
    entries: HashMap<String, Entry>,
}

#[derive(Serialize, Deserialize)]
struct FileForm {
    version: u32,
    seen: Vec<FileEntry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileEntry {
    key: String,
    first: i64,
    t: i64,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    unsigned: bool,
}

impl Seen {
    /// The keys a delivery is known by: its body's digest, and its id's when it has one.
    pub fn keys(id: Option<&str>, body: &[u8]) -> Vec<String> {
        let digest = |b: &[u8]| crate::text::hex(&Sha256::digest(b));
        let mut keys = vec![format!("body:{}", digest(body))];
        if let Some(id) = id {
            keys.push(format!("id:{}", digest(id.as_bytes())));
        }
        keys
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Drops the keys whose signing time the age limit would refuse now: a replay of
    /// those is refused anyway.
    pub fn prune(&mut self, now: i64, tolerance: NonZeroU64) {
        self.entries
            .retain(|_, e| e.unsigned || super::within(now.saturating_sub(e.t), tolerance));
    }

    /// When the delivery known by `keys` was first accepted, if it was before. Either way
    /// its keys are recorded, signed at `t` (`None`: the legacy scheme, which signs no
    /// time). Also answers whether anything changed.
    pub fn record(
        &mut self,
        keys: &[String],
        signed: Option<i64>,
        now: i64,
    ) -> (Option<i64>, bool) {
        let t = signed.unwrap_or(now);
        let unsigned = signed.is_none();
        let first = keys
            .iter()
            .filter_map(|k| self.entries.get(k))
            .map(|e| e.first)
            .min();
        let mut changed = false;
        for k in keys {
            match self.entries.get_mut(k) {
                Some(e) => {
                    if e.t < t {
                        e.t = t;
                        changed = true;
                    }
                    if unsigned && !e.unsigned {
                        e.unsigned = true;
                        changed = true;
                    }
                }
                None => {
                    self.entries.insert(
                        k.clone(),
                        Entry {
                            first: now,
                            t,
                            unsigned,
                        },
                    );
                    changed = true;
                }
            }
        }
        self.cap();
        (first, changed)
    }

    /// Takes in what `other` (the file) knows. Answers whether `self` knew something
    /// that `other` did not, so that the file is worth rewriting.
    pub fn merge(&mut self, other: Seen) -> bool {
        let mut ahead = self.entries.iter().any(|(k, e)| {
            other
                .entries
                .get(k)
                .is_none_or(|o| o.first > e.first || o.t < e.t)
        });
        for (k, o) in other.entries {
            let e = self.entries.entry(k).or_insert(o);
            e.first = e.first.min(o.first);
            e.t = e.t.max(o.t);
        }
        if self.cap() {
            ahead = true;
        }
        ahead
    }

    /// Keeps at most [`CAP`] keys, dropping the oldest signed; answers whether any went.
    fn cap(&mut self) -> bool {
        if self.entries.len() <= CAP {
            return false;
        }
        let mut by_age: Vec<(i64, String)> =
            self.entries.iter().map(|(k, e)| (e.t, k.clone())).collect();
        by_age.sort_unstable();
        for (_, k) in by_age.into_iter().take(self.entries.len() - CAP) {
            self.entries.remove(&k);
        }
        true
    }

    fn to_json(&self) -> Vec<u8> {
        let mut seen: Vec<FileEntry> = self
            .entries
            .iter()
            .map(|(k, e)| FileEntry {
                key: k.clone(),
                first: e.first,
                t: e.t,
                unsigned: e.unsigned,
            })
            .collect();
        seen.sort_unstable_by(|a, b| (a.t, &a.key).cmp(&(b.t, &b.key)));
        let mut bytes = serde_json::to_vec(&FileForm {
            version: VERSION,
            seen,
        })
        .unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    fn from_json(bytes: &[u8]) -> Result<Seen, String> {
        let form: FileForm = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        if form.version != VERSION {
            return Err(format!(
                "it is version {}; this le reads version {VERSION}",
                form.version
            ));
        }
        let mut seen = Seen::default();
        for e in form.seen {
            seen.entries.insert(
                e.key,
                Entry {
                    first: e.first,
                    t: e.t,
                    unsigned: e.unsigned,
                },
            );
        }
        seen.cap();
        Ok(seen)
    }
}

/// The record of a listener: [`Seen`] in memory, kept in a state directory when it can be.
pub struct Store {
    /// `None`: memory only (no directory could be had).
    dir: Option<PathBuf>,
    seen: Seen,
    tolerance: NonZeroU64,
    /// How long to wait for another listener to let go of the lock.
    lock_wait: Duration,
    /// Warnings already given, so that a problem that lasts is said once.
    said: HashSet<String>,
}

impl Store {
    /// The record in `dir` (made, owner-only, when it is not there), read once now. Never
    /// fails: what goes wrong comes back as warnings, and the store then keeps to memory.
    pub fn open(
        dir: std::result::Result<PathBuf, String>,
        tolerance: NonZeroU64,
        now: i64,
    ) -> (Store, Vec<String>) {
        let mut store = Store {
            dir: None,
            seen: Seen::default(),
            tolerance,
            lock_wait: LOCK_WAIT,
            said: HashSet::new(),
        };
        let mut warnings = Vec::new();
        match dir {
            Ok(dir) => match crate::files::create_private_dir(&dir) {
                Ok(()) => store.dir = Some(dir),
                Err(e) => warnings.push(format!(
                    "cannot keep what le webhook listen has seen in {} ({e}): a delivery replayed after this listener stops will not be known",
                    dir.display()
                )),
            },
            Err(e) => warnings.push(format!(
                "{e}: a delivery replayed after this listener stops will not be known"
            )),
        }
        warnings.extend(store.sync(now, |_| false));
        (store, warnings)
    }

    /// Where the record is kept, if anywhere.
    pub fn file(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(FILE))
    }

    /// When the delivery known by `keys`, signed at `t` (`None`: unsigned, legacy), was
    /// first accepted, if it was before (by this listener, an earlier one, or another on
    /// the same state); records it either way. Also answers the warnings not given yet.
    pub fn check(
        &mut self,
        keys: &[String],
        t: Option<i64>,
        now: i64,
    ) -> (Option<i64>, Vec<String>) {
        let mut first = None;
        let warnings = self.sync(now, |seen| {
            let (f, changed) = seen.record(keys, t, now);
            first = f;
            changed
        });
        (first, warnings)
    }

    /// Under the lock: takes in the file, prunes, applies `update` (which answers whether
    /// it changed anything), and rewrites the file when it is behind.
    fn sync(&mut self, now: i64, update: impl FnOnce(&mut Seen) -> bool) -> Vec<String> {
        let mut warnings = Vec::new();
        let Some(dir) = self.dir.clone() else {
            self.seen.prune(now, self.tolerance);
            update(&mut self.seen);
            return warnings;
        };
        let path = dir.join(FILE);
        let lock = match lock(&dir.join(LOCK), self.lock_wait) {
            Ok(f) => Some(f),
            Err(e) => {
                warnings.push(format!(
                    "cannot lock {} ({e}): deliveries are judged by what this listener remembers alone until it can",
                    dir.join(LOCK).display()
                ));
                None
            }
        };
        let mut behind = false;
        if lock.is_some() {
            match read(&path) {
                Ok(Some(on_disk)) => behind = self.seen.merge(on_disk),
                Ok(None) => behind = !self.seen.is_empty(),
                Err(e) => {
                    warnings.push(format!(
                        "the record of deliveries seen, {}, cannot be read ({e}); going on without it",
                        path.display()
                    ));
                    behind = !self.seen.is_empty();
                }
            }
        }
        self.seen.prune(now, self.tolerance);
        let changed = update(&mut self.seen);
        if lock.is_some()
            && (changed || behind)
            && let Err(e) = write(&path, &self.seen.to_json())
        {
            warnings.push(format!(
                "cannot write the record of deliveries seen, {} ({e}): what this listener sees is remembered only until it stops",
                path.display()
            ));
        }
        drop(lock);
        warnings.retain(|w| self.said.insert(w.clone()));
        warnings
    }
}

/// The lock file, held (exclusively) when this returns: by `flock` on Unix, released when
/// the file is closed, also by a listener that dies.
fn lock(path: &Path, wait: Duration) -> std::io::Result<std::fs::File> {
    if let Ok(m) = std::fs::symlink_metadata(path)
        && !m.is_file()
    {
        return Err(std::io::Error::other("it is not a regular file"));
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let file = opts.open(path)?;
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(std::io::Error::other(format!(
                    "another process has held it for more than {} ms",
                    wait.as_millis()
                )));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
    }
}

/// The record on disk; `None` when there is none yet.
fn read(path: &Path) -> std::result::Result<Option<Seen>, String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    if !meta.is_file() {
        return Err("it is not a regular file".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!("it is larger than {MAX_FILE_BYTES} bytes"));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    Seen::from_json(&bytes).map(Some)
}

/// The record, whole or not at all, owner-only. Something other than a regular file in
/// its place (a directory, a pipe) is left alone.
fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Ok(m) = std::fs::metadata(path)
        && !m.is_file()
    {
        return Err(std::io::Error::other("it is not a regular file"));
    }
    crate::files::write_atomic(path, bytes, crate::files::Mode::Private)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOL: NonZeroU64 = crate::webhook::DEFAULT_TOLERANCE;
    const NOW: i64 = 1_700_000_000;

    fn open(dir: &Path, now: i64) -> (Store, Vec<String>) {
        Store::open(Ok(dir.to_owned()), TOL, now)
    }

    #[test]
    fn a_delivery_is_known_by_its_id_or_its_body() {
        let mut seen = Seen::default();
        let a = Seen::keys(Some("evt_1"), b"{}");
        assert_eq!(seen.record(&a, Some(NOW), NOW), (None, true));
        assert_eq!(seen.record(&a, Some(NOW), NOW + 5), (Some(NOW), false));
        // Another id, the same body; the same id, another body; no id at all.
        for keys in [
            Seen::keys(Some("evt_2"), b"{}"),
            Seen::keys(Some("evt_1"), b"[]"),
            Seen::keys(None, b"{}"),
        ] {
            assert_eq!(seen.record(&keys, Some(NOW), NOW + 9).0, Some(NOW));
        }
        assert_eq!(
            seen.record(&Seen::keys(Some("evt_3"), b"1"), Some(NOW), NOW)
                .0,
            None
        );
        // No key holds what the sender sent.
        let text = String::from_utf8(seen.to_json()).unwrap();
        assert!(!text.contains("evt_"), "{text}");
    }

    /// A delivery accepted on the legacy scheme alone carries no time: a replay of it
    /// would pass at any age, so it is never let go for its age (only for room), and it
    /// survives the file.
    #[test]
    fn an_unsigned_delivery_is_kept_past_the_tolerance() {
        let mut seen = Seen::default();
        let keys = Seen::keys(Some("evt_legacy"), b"{}");
        seen.record(&keys, None, NOW);
        seen.prune(NOW + 10 * 86_400, TOL);
        assert_eq!(seen.record(&keys, None, NOW + 10 * 86_400).0, Some(NOW));
        let back = Seen::from_json(&seen.to_json()).unwrap();
        let mut back = back;
        back.prune(NOW + 20 * 86_400, TOL);
        assert_eq!(back.record(&keys, None, NOW + 20 * 86_400).0, Some(NOW));
    }

    /// A key lives as long as a signature of its time would pass, and a re-signed retry
    /// extends it.
    #[test]
    fn kept_while_a_replay_would_pass() {
        let mut seen = Seen::default();
        let keys = Seen::keys(Some("evt_1"), b"{}");
        seen.record(&keys, Some(NOW), NOW);
        seen.prune(NOW + 300, TOL);
        assert_eq!(seen.len(), 2);
        seen.prune(NOW + 301, TOL);
        assert!(seen.is_empty());
        seen.record(&keys, Some(NOW), NOW);
        assert_eq!(
            seen.record(&keys, Some(NOW + 200), NOW + 200),
            (Some(NOW), true)
        );
        seen.prune(NOW + 450, TOL);
        assert_eq!(seen.len(), 2, "the retry signed later keeps it");
        // Signed in the future, within the window: kept until it is as old.
        let mut seen = Seen::default();
        seen.record(&keys, Some(NOW + 300), NOW);
        seen.prune(NOW + 600, TOL);
        assert_eq!(seen.len(), 2);
        seen.prune(NOW + 601, TOL);
        assert!(seen.is_empty());
    }

    #[test]
    fn bounded() {
        let mut seen = Seen::default();
        for i in 0..(CAP as i64 / 2 + 10) {
            seen.record(
                &Seen::keys(Some(&i.to_string()), &i.to_le_bytes()),
                Some(NOW + i),
                NOW,
            );
        }
        assert_eq!(seen.len(), CAP);
        // The oldest signed went; the newest stayed.
        let newest = CAP as i64 / 2 + 9;
        let keys = Seen::keys(Some(&newest.to_string()), &newest.to_le_bytes());
        assert!(seen.record(&keys, Some(NOW), NOW).0.is_some());
        assert!(
            seen.record(&Seen::keys(Some("0"), &0i64.to_le_bytes()), Some(NOW), NOW)
                .0
                .is_none()
        );
        assert!(seen.to_json().len() < MAX_FILE_BYTES as usize / 2);
    }

    #[test]
    fn merging_keeps_the_earliest_first_and_the_latest_time() {
        let keys = Seen::keys(Some("evt"), b"{}");
        let mut mine = Seen::default();
        mine.record(&keys, Some(NOW + 50), NOW + 50);
        let mut theirs = Seen::default();
        theirs.record(&keys, Some(NOW), NOW);
        assert!(mine.merge(theirs.clone()), "mine has a later t");
        assert_eq!(mine.record(&keys, Some(NOW), NOW + 60), (Some(NOW), false));
        let mut same = theirs.clone();
        assert!(!same.merge(theirs), "nothing to write back");
    }

    #[test]
    fn kept_across_stores_on_one_directory() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("listen");
        let keys = Seen::keys(Some("evt_1"), b"{}");
        let (mut one, warnings) = open(&dir, NOW);
        assert!(warnings.is_empty(), "{warnings:?}");
        let (mut two, _) = open(&dir, NOW);
        assert_eq!(one.check(&keys, Some(NOW), NOW), (None, vec![]));
        // The other listener, started before, sees it; so does one started later.
        assert_eq!(two.check(&keys, Some(NOW), NOW + 1).0, Some(NOW));
        let (mut three, _) = open(&dir, NOW + 2);
        assert_eq!(three.check(&keys, Some(NOW), NOW + 2).0, Some(NOW));
        // What two recorded, one learns.
        let other = Seen::keys(Some("evt_2"), b"[]");
        assert_eq!(two.check(&other, Some(NOW), NOW + 3).0, None);
        assert_eq!(one.check(&other, Some(NOW), NOW + 4).0, Some(NOW + 3));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&dir), 0o700);
            assert_eq!(mode(&dir.join(FILE)), 0o600);
            assert_eq!(mode(&dir.join(LOCK)), 0o600);
        }
        // Past the window, a restart forgets it: the age limit refuses it anyway.
        let (mut late, _) = open(&dir, NOW + 400);
        assert_eq!(late.check(&keys, Some(NOW + 400), NOW + 400).0, None);
        let on_disk = read(&dir.join(FILE)).unwrap().unwrap();
        assert_eq!(on_disk.len(), 2, "only what is still in the window is kept");
    }

    #[test]
    fn a_damaged_record_is_a_warning_said_once() {
        let d = tempfile::tempdir().unwrap();
        let keys = Seen::keys(Some("evt_1"), b"{}");
        for damage in [
            &b"\x00\xffnot json"[..],
            br#"{"version":9,"seen":[]}"#,
            br#"{"version":1,"seen":[{"key":"k","first":"x","t":1}]}"#,
        ] {
            std::fs::write(d.path().join(FILE), damage).unwrap();
            let (mut store, warnings) = open(d.path(), NOW);
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert!(warnings[0].contains(FILE), "{warnings:?}");
            // Rewritten whole on the first delivery, and then read as usual.
            assert_eq!(store.check(&keys, Some(NOW), NOW), (None, vec![]));
            assert_eq!(read(&d.path().join(FILE)).unwrap().unwrap().len(), 2);
            std::fs::remove_file(d.path().join(FILE)).unwrap();
        }
        // In the file's place, a directory: said once, remembered in memory.
        std::fs::create_dir(d.path().join(FILE)).unwrap();
        let (mut store, warnings) = open(d.path(), NOW);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let (first, warnings) = store.check(&keys, Some(NOW), NOW);
        assert_eq!(first, None);
        assert_eq!(warnings.len(), 1, "the write fails: {warnings:?}");
        assert_eq!(store.check(&keys, Some(NOW), NOW + 1), (Some(NOW), vec![]));
    }

    #[test]
    fn without_a_directory_it_remembers_in_memory() {
        let d = tempfile::tempdir().unwrap();
        let blocker = d.path().join("file");
        std::fs::write(&blocker, "").unwrap();
        let keys = Seen::keys(None, b"{}");
        for dir in [Ok(blocker.join("sub")), Err("no data directory".to_owned())] {
            let (mut store, warnings) = Store::open(dir, TOL, NOW);
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert!(store.file().is_none());
            assert_eq!(store.check(&keys, Some(NOW), NOW), (None, vec![]));
            assert_eq!(store.check(&keys, Some(NOW), NOW).0, Some(NOW));
        }
    }

    #[test]
    fn a_held_lock_is_waited_for_then_a_warning() {
        let d = tempfile::tempdir().unwrap();
        let (mut store, _) = open(d.path(), NOW);
        store.lock_wait = Duration::from_millis(50);
        let held = std::fs::File::create(d.path().join(LOCK)).unwrap();
        held.lock().unwrap();
        let keys = Seen::keys(None, b"{}");
        let started = Instant::now();
        let (first, warnings) = store.check(&keys, Some(NOW), NOW);
        assert!(started.elapsed() >= store.lock_wait);
        assert_eq!(first, None);
        assert!(warnings[0].contains(LOCK), "{warnings:?}");
        assert!(
            !d.path().join(FILE).exists(),
            "nothing written without the lock"
        );
        drop(held);
        // Once free, what was remembered meanwhile is written.
        assert_eq!(store.check(&keys, Some(NOW), NOW + 1), (Some(NOW), vec![]));
        assert_eq!(read(&d.path().join(FILE)).unwrap().unwrap().len(), 1);
    }
}
