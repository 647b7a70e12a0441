//! Reading text files defensively and writing files atomically.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// The largest file coach reads: far above any real session or engagement file, low
/// enough that a stray archive or disk image cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a text file: refuses anything but a regular file of sane size (a FIFO would
/// block, a device never end), rejects binary and non-UTF-8 content with the position
/// of the first bad byte, drops a UTF-8 byte-order mark and turns CRLF into LF.
pub fn read_text(path: &Path) -> Result<String> {
    let metadata = fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !metadata.is_file() {
        let what = if metadata.is_dir() {
            "a folder"
        } else {
            "not a regular file"
        };
        return Err(Error::at(
            path,
            None,
            format!("{what}: expected a text file here"),
        ));
    }
    read_regular_text(path)
}

/// [`read_text`] for a path already known to be a regular file (from a folder
/// listing), saving a `stat`: the size is checked on the open file.
pub fn read_regular_text(path: &Path) -> Result<String> {
    let file = fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read_open_text(path, file)
}

/// Reads and decodes an open file, refusing one over [`MAX_FILE_BYTES`].
fn read_open_text(path: &Path, mut file: fs::File) -> Result<String> {
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if size > MAX_FILE_BYTES {
        return Err(Error::at(
            path,
            None,
            format!(
                "{} MB is too large for a session or engagement file (the limit is 16 MB)",
                size / 1_000_000
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    decode_text(path, bytes)
}

/// [`read_text`] that never follows a symbolic link, even one swapped in after a
/// folder listing: the file opened must be the very regular file that `lstat` saw.
pub fn read_text_no_follow(path: &Path) -> Result<String> {
    let seen = fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
    if !seen.file_type().is_file() {
        return Err(Error::at(
            path,
            None,
            "a symbolic link or not a regular file: expected a text file here",
        ));
    }
    let file = fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let opened = file.metadata().map_err(|e| Error::io(path, e))?;
    if !same_file(&seen, &opened) {
        return Err(Error::at(
            path,
            None,
            "the file changed while coach read it: run the command again",
        ));
    }
    read_open_text(path, file)
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    b.is_file() && a.len() == b.len()
}

/// The decoding half of [`read_text`], for bytes already in memory.
pub fn decode_text(path: &Path, mut bytes: Vec<u8>) -> Result<String> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::at(
            path,
            Some(position_of(&bytes, offset)),
            "binary file (a NUL byte): a session or engagement file must be plain text",
        ));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            return Err(Error::at(
                path,
                Some(position_of(e.as_bytes(), offset)),
                "not UTF-8 text: save the file as UTF-8",
            ));
        }
    };
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    })
}

/// The 1-based line and column of a byte offset (columns count characters).
pub fn position_of(bytes: &[u8], offset: usize) -> (usize, usize) {
    let offset = offset.min(bytes.len());
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Writes `contents` to `path` atomically: a temporary file in the same directory,
/// flushed, then renamed over the target. With `replace` false an existing file is
/// never touched and the call fails naming it.
pub fn write_atomic(path: &Path, contents: &[u8], replace: bool) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".coach-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    temp.write_all(contents).map_err(|e| Error::io(path, e))?;
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    if replace {
        temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    } else {
        temp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Request(format!(
                    "{} already exists: coach never replaces it (use --force for generated files under out/)",
                    path.display()
                ))
            } else {
                Error::io(path, e.error)
            }
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_accepted() {
        let text = decode_text(Path::new("x"), b"\xEF\xBB\xBF---\r\na: 1\r\n".to_vec()).unwrap();
        assert_eq!(text, "---\na: 1\n");
    }

    #[test]
    fn binary_is_rejected_with_position() {
        let err = decode_text(Path::new("x.md"), b"ab\ncd\0".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.md:2:3: error: binary file (a NUL byte): a session or engagement file must be plain text"
        );
    }

    #[test]
    fn invalid_utf8_is_rejected_with_position() {
        let err = decode_text(Path::new("x.md"), b"ok\n\xC3\x28".to_vec()).unwrap_err();
        assert!(
            err.to_string().starts_with("x.md:2:1: error: not UTF-8"),
            "{err}"
        );
    }

    #[test]
    fn atomic_write_refuses_to_replace_without_permission() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        write_atomic(&path, b"first", false).unwrap();
        assert!(write_atomic(&path, b"second", false).is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        write_atomic(&path, b"third", true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "third");
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
