//! Writing files without surprises: whole or not at all, never through a file someone
//! planted, never replacing a device, and through a symlink to the file it names.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Who may read a file `le` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Owner only (0600): keys, configuration.
    Private,
    /// As the umask says: a QR code to print.
    Shared,
}

/// Writes `bytes` to `path` so that a reader sees the old content or the new, never half:
/// through a temporary file created new beside the target (`O_EXCL`, so one planted
/// there is never followed or reused) and a rename. A symlink is written through: the
/// file it names is replaced and the link kept. Something that is not a regular file (a
/// device such as `/dev/stdout`, a pipe) is written to directly, never replaced.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: Mode) -> std::io::Result<()> {
    // Elsewhere a new file is its owner's by the directory's access rules.
    #[cfg(not(unix))]
    let _ = mode;
    let target = resolve(path)?;
    if let Ok(meta) = std::fs::metadata(&target)
        && !meta.is_file()
    {
        if meta.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "it is a directory",
            ));
        }
        let mut f = std::fs::OpenOptions::new().write(true).open(&target)?;
        return f.write_all(bytes).and_then(|()| f.flush());
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut last_err = None;
    for _ in 0..8 {
        let tmp = dir.join(format!(
            ".{name}.{}.tmp",
            crate::text::hex(&crate::rand::bytes::<6>())
        ));
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        if mode == Mode::Private {
            std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        }
        let mut f = match opts.open(&tmp) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                last_err = Some(e);
                continue;
            }
            Err(e) => return Err(e),
        };
        let written = f
            .write_all(bytes)
            .and_then(|()| f.sync_all())
            .and_then(|()| std::fs::rename(&tmp, &target));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        return written;
    }
    Err(last_err.unwrap_or_else(|| std::io::Error::other("no temporary file could be made")))
}

/// The file a path finally names, following symlinks (even a dangling last one, whose
/// target is where the file will be made).
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_owned();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Creates a directory (and its parents) only its owner can enter, when it is not there.
/// A directory that exists is left exactly as it is.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_through_symlinks() {
        let d = tempfile::tempdir().unwrap();
        let real = d.path().join("real.toml");
        std::fs::write(&real, "old").unwrap();
        #[cfg(unix)]
        {
            let link = d.path().join("link.toml");
            std::os::unix::fs::symlink(&real, &link).unwrap();
            write_atomic(&link, b"new", Mode::Private).unwrap();
            assert!(
                std::fs::symlink_metadata(&link)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
            assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        }
        let leftovers = std::fs::read_dir(d.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(leftovers, 0);
    }
}
