//! What a path on disk is, and reading the files the checker needs without hanging on a named
//! pipe, filling memory from a device, or following a link out of the project.
//!
//! The one rule for symbolic links: a link is followed when it resolves to a regular file or a
//! directory inside the project (the workspace root, or a path named on the command line);
//! anything else — a link out of the project, a dangling link, a link to a named pipe or a
//! device — is not read, and the user hears about it. A path named on the command line is
//! followed wherever it points (it was asked for), but it must still be a regular file or a
//! directory.

use std::fs::Metadata;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// What a path is, when it is not something the checker reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NotReadable {
    /// Nothing is there.
    Missing,
    /// A symbolic link whose target does not exist.
    Dangling(PathBuf),
    /// A named pipe, socket or device: reading it could block or never end.
    Special(&'static str),
    /// A symbolic link that resolves outside the project.
    Outside(PathBuf),
    /// What it is cannot even be told (no permission to look).
    Unknown(String),
}

impl NotReadable {
    /// What the path is, as the end of a sentence that starts with the path: "`x` is …".
    pub(crate) fn describe(&self) -> String {
        match self {
            Self::Missing => "does not exist".to_owned(),
            Self::Dangling(target) => format!(
                "is a symbolic link to `{}`, which does not exist",
                target.display()
            ),
            Self::Special(kind) => format!("is {kind}, not a regular file or directory"),
            Self::Outside(target) => format!(
                "is a symbolic link to `{}`, outside the project",
                target.display()
            ),
            Self::Unknown(error) => format!("cannot be looked at: {error}"),
        }
    }
}

/// What kind of file `metadata` (of a path with links followed) describes, when it is neither a
/// regular file nor a directory.
pub(crate) fn special_kind(metadata: &Metadata) -> Option<&'static str> {
    let kind = metadata.file_type();
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() {
            return Some("a character device");
        }
        if kind.is_block_device() {
            return Some("a block device");
        }
    }
    Some("a special file")
}

/// The metadata of `path` with links followed, or why the checker does not read it. `inside`
/// (canonical directories) limits where a symbolic link may lead; `None` follows it anywhere.
pub(crate) fn resolve(path: &Path, inside: Option<&[PathBuf]>) -> Result<Metadata, NotReadable> {
    let not_readable = |error: std::io::Error, missing: NotReadable| {
        if error.kind() == std::io::ErrorKind::NotFound {
            missing
        } else {
            NotReadable::Unknown(error.to_string())
        }
    };
    let own = std::fs::symlink_metadata(path)
        .map_err(|error| not_readable(error, NotReadable::Missing))?;
    let is_link = own.file_type().is_symlink();
    // Only said to the user: a link that cannot be read is shown as its own path.
    let target = || {
        // onus: allow(swallowed_error) — only shown to the user: an unreadable link is named by its own path
        std::fs::read_link(path).unwrap_or_else(|_| path.to_path_buf())
    };
    let metadata = if is_link {
        std::fs::metadata(path)
            .map_err(|error| not_readable(error, NotReadable::Dangling(target())))?
    } else {
        own
    };
    if let Some(kind) = special_kind(&metadata) {
        return Err(NotReadable::Special(kind));
    }
    if is_link
        && let Some(roots) = inside
        && !is_inside(path, roots)
    {
        return Err(NotReadable::Outside(target()));
    }
    Ok(metadata)
}

/// Whether `path`, every link resolved, is inside one of `roots` (canonical directories).
pub(crate) fn is_inside(path: &Path, roots: &[PathBuf]) -> bool {
    std::fs::canonicalize(path).is_ok_and(|real| roots.iter().any(|root| real.starts_with(root)))
}

/// `dir` with every link resolved, for [`is_inside`]; the path itself when it cannot be (it
/// does not exist: nothing can be inside it).
pub(crate) fn canonical(dir: &Path) -> PathBuf {
    // A directory that does not exist holds nothing: its own path will do
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// What tells one directory from another however it is reached: its device and inode.
#[cfg(all(unix, feature = "cli"))]
pub(crate) type Identity = (u64, u64);

/// What tells one directory from another however it is reached: its path, links resolved.
#[cfg(all(not(unix), feature = "cli"))]
pub(crate) type Identity = PathBuf;

/// The [`Identity`] of `dir` (links followed), if it can be looked at.
#[cfg(all(unix, feature = "cli"))]
pub(crate) fn identity(dir: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt as _;
    let metadata = std::fs::metadata(dir).ok()?;
    Some((metadata.dev(), metadata.ino()))
}

/// The [`Identity`] of `dir` (links followed), if it can be looked at.
#[cfg(all(not(unix), feature = "cli"))]
pub(crate) fn identity(dir: &Path) -> Option<Identity> {
    std::fs::canonicalize(dir).ok()
}

/// Why a small file (configuration, baseline, ignore file) could not be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Not a regular file (or a link the rule does not follow).
    NotReadable(NotReadable),
    /// Larger than the limit, in bytes.
    TooLarge(u64),
    /// Reading failed.
    Io(std::io::Error),
    /// Not UTF-8.
    NotUtf8(std::string::FromUtf8Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotReadable(what) => write!(f, "it {}", what.describe()),
            Self::TooLarge(limit) => write!(f, "it is larger than {}", size(*limit)),
            Self::Io(error) => write!(f, "{error}"),
            Self::NotUtf8(error) => write!(f, "it is not valid UTF-8: {}", error.utf8_error()),
        }
    }
}

/// `bytes` for people: `1 MiB`, `64 KiB`, `100 bytes`.
pub(crate) fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads a regular file of at most `limit` bytes as text, never blocking on a named pipe nor
/// reading a device; `inside` as in [`resolve`].
pub(crate) fn read_small(
    path: &Path,
    limit: u64,
    inside: Option<&[PathBuf]>,
) -> Result<String, ReadError> {
    let metadata = resolve(path, inside).map_err(ReadError::NotReadable)?;
    if metadata.is_dir() {
        return Err(ReadError::NotReadable(NotReadable::Special("a directory")));
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::new();
    // The file may have grown since its size was read: never more than the limit.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    String::from_utf8(bytes).map_err(ReadError::NotUtf8)
}

/// Writes `contents` to `path` through a new file renamed over it: whatever `path` was — a named
/// pipe (which would block), a symbolic link (whose target would be overwritten) — it is
/// replaced by a regular file, never written through.
#[cfg(feature = "cli")]
pub(crate) fn write_replacing(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"))?;
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(name);
    temporary_name.push(format!(".{}.tmp", std::process::id()));
    let temporary = path.with_file_name(temporary_name);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| file.write_all(contents.as_bytes()))
        .and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        // The write already failed; that error is the one to report.
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("onus-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|error| panic!("{error}"));
        canonical(&dir)
    }

    #[test]
    fn links_are_followed_inside_the_project_only() {
        use std::os::unix::fs::symlink;
        let dir = scratch("links");
        let inside = [dir.clone()];
        std::fs::write(dir.join("real.rs"), "fn f() {}").unwrap_or_else(|error| panic!("{error}"));
        symlink(dir.join("real.rs"), dir.join("in.rs")).unwrap_or_else(|error| panic!("{error}"));
        symlink("/etc/hostname", dir.join("out.rs")).unwrap_or_else(|error| panic!("{error}"));
        symlink(dir.join("gone.rs"), dir.join("dangling.rs"))
            .unwrap_or_else(|error| panic!("{error}"));
        symlink("/dev/zero", dir.join("zero.rs")).unwrap_or_else(|error| panic!("{error}"));
        assert!(resolve(&dir.join("in.rs"), Some(&inside)).is_ok());
        assert!(matches!(
            resolve(&dir.join("out.rs"), Some(&inside)),
            Err(NotReadable::Outside(_) | NotReadable::Dangling(_))
        ));
        assert!(matches!(
            resolve(&dir.join("dangling.rs"), Some(&inside)),
            Err(NotReadable::Dangling(_))
        ));
        assert_eq!(
            resolve(&dir.join("zero.rs"), None).err(),
            Some(NotReadable::Special("a character device"))
        );
        assert!(matches!(
            read_small(&dir.join("zero.rs"), 10, None),
            Err(ReadError::NotReadable(NotReadable::Special(_)))
        ));
        assert!(matches!(
            read_small(&dir.join("real.rs"), 3, None),
            Err(ReadError::TooLarge(3))
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
