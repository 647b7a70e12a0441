//! Reading text files defensively and writing files atomically.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs;
use std::io::Read;
#[cfg(not(unix))]
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::codes;
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
            codes::NOT_A_FILE,
            path,
            None,
            format!("{what}: expected a text file here"),
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(path, Some(metadata.len())));
    }
    read_file(path, metadata.len() as usize + 1)
}

/// [`read_text`] for a path already known to be a regular file (from a folder
/// listing), saving the `stat`: the size limit is kept by the read itself.
pub fn read_regular_text(path: &Path) -> Result<String> {
    read_file(path, LISTED_FILE_CAPACITY)
}

/// The buffer a listed file is first read into: a session file of a few pages
/// is read in one `read`, and a longer one grows the buffer as it is read.
const LISTED_FILE_CAPACITY: usize = 8 * 1024;

/// A folder held open while the files its listing found are read: each is
/// opened by its name within it (`openat`), so the system does not walk the
/// whole path again for every file.
pub struct ListedFolder {
    #[cfg(unix)]
    handle: Option<rustix::fd::OwnedFd>,
}

impl ListedFolder {
    /// Holds `dir` open; if it cannot be, files are opened by their paths.
    pub fn open(dir: &Path) -> Self {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            ListedFolder {
                handle: rustix::fs::open(dir, flags, Mode::empty()).ok(),
            }
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            ListedFolder {}
        }
    }

    /// [`read_regular_text`] of `path`, a file the listing of this folder found.
    pub fn read_regular_text(&self, path: &Path) -> Result<String> {
        #[cfg(unix)]
        if let (Some(handle), Some(name)) = (&self.handle, path.file_name()) {
            use rustix::fs::{Mode, OFlags};
            let file = rustix::fs::openat(
                handle,
                name,
                OFlags::RDONLY | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .map_err(|e| Error::io(path, e.into()))?;
            return read_open(path, fs::File::from(file), LISTED_FILE_CAPACITY);
        }
        read_regular_text(path)
    }
}

/// Opens, reads and decodes the text file at `path` into a buffer of `capacity`
/// bytes (grown as needed), refusing one over [`MAX_FILE_BYTES`], even one that
/// grows while it is read. Reading through `take` spares the size probes
/// (`fstat`, `lseek`) that reading a `File` to its end makes.
fn read_file(path: &Path, capacity: usize) -> Result<String> {
    let file = fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read_open(path, file, capacity)
}

/// [`read_file`] for a file already open.
fn read_open(path: &Path, file: fs::File, capacity: usize) -> Result<String> {
    let mut bytes = Vec::with_capacity(capacity);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, None));
    }
    decode_text(path, bytes)
}

/// A file over [`MAX_FILE_BYTES`]: of `size` bytes when its size was known
/// before it was read, of more than the limit when the read stopped at it.
fn too_large(path: &Path, size: Option<u64>) -> Error {
    let size = match size {
        Some(size) => format!("{} MB", size / 1_000_000),
        None => "more than 16 MB".to_string(),
    };
    Error::at(
        codes::TOO_LARGE,
        path,
        None,
        format!("{size} is too large for a session or engagement file (the limit is 16 MB)"),
    )
}

/// Holds an advisory lock on `folder` until the returned handle is dropped (the
/// system drops it when the process ends), so coach runs that change files in it
/// take turns.
pub fn lock_folder(folder: &Path) -> Result<fs::File> {
    let handle = fs::File::open(folder).map_err(|e| Error::io(folder, e))?;
    handle.lock().map_err(|e| Error::io(folder, e))?;
    Ok(handle)
}

/// [`read_text`] that never follows a symbolic link, even one swapped in after a
/// folder listing: the file opened must be the very regular file that `lstat` saw.
pub fn read_text_no_follow(path: &Path) -> Result<String> {
    let (file, size) = open_no_follow(path)?;
    if size > MAX_FILE_BYTES {
        return Err(too_large(path, Some(size)));
    }
    read_open(path, file, size as usize + 1)
}

/// The bytes of a file exactly as they are, read as [`read_text_no_follow`]
/// reads: for an edit that must keep every byte it does not change.
pub fn read_bytes_no_follow(path: &Path) -> Result<Vec<u8>> {
    let (mut file, _) = open_no_follow(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    Ok(bytes)
}

/// Opens `path` only when it is a regular file and the file opened is the one
/// `lstat` saw; with its size.
fn open_no_follow(path: &Path) -> Result<(fs::File, u64)> {
    let seen = fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
    if !seen.file_type().is_file() {
        return Err(Error::at(
            codes::NOT_A_FILE,
            path,
            None,
            "a symbolic link or not a regular file: expected a text file here",
        ));
    }
    let file = fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let opened = file.metadata().map_err(|e| Error::io(path, e))?;
    if !same_file(&seen, &opened) {
        return Err(Error::at(
            codes::UNREADABLE,
            path,
            None,
            "the file changed while coach read it: run the command again",
        ));
    }
    Ok((file, opened.len()))
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
    let binary = |bytes: &[u8], offset: usize| {
        Error::at(
            codes::NOT_TEXT,
            path,
            Some(position_of(bytes, offset)),
            "binary file (a NUL byte): a session or engagement file must be plain text",
        )
    };
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    // UTF-8 first, then a NUL searched in the text (the faster order); a file
    // that fails both is reported as binary, as a NUL is the plainer sign.
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bytes = e.as_bytes();
            if let Some(offset) = bytes.iter().position(|&b| b == 0) {
                return Err(binary(bytes, offset));
            }
            let offset = e.utf8_error().valid_up_to();
            return Err(Error::at(
                codes::NOT_TEXT,
                path,
                Some(position_of(bytes, offset)),
                "not UTF-8 text: save the file as UTF-8",
            ));
        }
    };
    if let Some(offset) = memchr::memchr(0, text.as_bytes()) {
        return Err(binary(text.as_bytes(), offset));
    }
    // A lone CR ends a line for CommonMark and YAML alike: make every line end a
    // LF, so every position counts lines as the parsers do.
    Ok(if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n").replace('\r', "\n")
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

/// The prefix of coach's temporary files, followed by the writing process's id.
const TEMP_PREFIX: &str = ".coach-";

/// Writes `contents` to `path`, which must lie inside `root`, atomically: a
/// temporary file beside the target, flushed, then renamed over it. It never
/// follows a link: a symbolic link at any folder between `root` and the target, or
/// at the target itself, is refused with its name, so no write lands outside
/// `root`. With `replace` false an existing file is never touched; with it true only
/// a regular file is replaced. The temporary file is removed on every error; one
/// left by a killed run is removed by the next write to that folder.
pub fn write_atomic(root: &Path, path: &Path, contents: &[u8], replace: bool) -> Result<()> {
    #[cfg(unix)]
    {
        let relative = path.strip_prefix(root).map_err(|_| outside(path, root))?;
        let mut parts = Vec::new();
        for part in relative.components() {
            match part {
                Component::Normal(name) => parts.push(name),
                _ => return Err(leaves_its_folder(path)),
            }
        }
        let Some((name, folders)) = parts.split_last() else {
            return Err(Error::at(codes::NOT_A_FILE, path, None, "not a file name"));
        };
        crate::pinned::write(root, folders, name, path, contents, replace, TEMP_PREFIX)
    }
    #[cfg(not(unix))]
    write_by_path(root, path, contents, replace)
}

/// [`write_atomic`] by paths, where there are no directory handles to pin.
#[cfg(not(unix))]
fn write_by_path(root: &Path, path: &Path, contents: &[u8], replace: bool) -> Result<()> {
    let dir = real_folders_to(root, path)?;
    remove_leftovers(&dir);
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(Error::at(
                codes::NOT_A_FILE,
                path,
                None,
                "a symbolic link: coach never writes through a link; remove it",
            ));
        }
        Ok(m) if !m.is_file() => {
            return Err(Error::at(
                codes::NOT_A_FILE,
                path,
                None,
                "not a regular file: coach replaces only files it wrote",
            ));
        }
        Ok(_) if !replace => return Err(exists(path)),
        _ => {}
    }
    let mut temp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .tempfile_in(&dir)
        .map_err(|e| Error::io(&dir, e))?;
    temp.write_all(contents).map_err(|e| Error::io(path, e))?;
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    // rename(2) replaces a directory entry; it never follows a link there.
    if replace {
        temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    } else {
        temp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                exists(path)
            } else {
                Error::io(path, e.error)
            }
        })?;
    }
    Ok(())
}

/// The error for a target that exists when it may not be replaced.
pub(crate) fn exists(path: &Path) -> Error {
    Error::Request(format!(
        "{} already exists: coach never replaces it (use --force for generated files under out/)",
        path.display()
    ))
}

#[cfg(not(unix))]
/// Makes sure every folder from `root` down to `path`'s folder is a real folder,
/// creating the missing ones, and returns that folder.
fn real_folders_to(root: &Path, path: &Path) -> Result<PathBuf> {
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(_)) => real_folder(root, parent),
        _ => Err(Error::at(codes::NOT_A_FILE, path, None, "not a file name")),
    }
}

fn outside(path: &Path, root: &Path) -> Error {
    Error::at(
        codes::NOT_A_FILE,
        path,
        None,
        format!(
            "outside {}: coach writes only inside the engagement",
            root.display()
        ),
    )
}

fn leaves_its_folder(path: &Path) -> Error {
    Error::at(
        codes::NOT_A_FILE,
        path,
        None,
        "the path leaves its folder: coach writes only inside the engagement",
    )
}

/// Makes sure every folder from `root` down to `dir` is a real folder (not a
/// link), creating the missing ones. `..` or a folder outside `root` is refused.
pub fn real_folder(root: &Path, dir: &Path) -> Result<PathBuf> {
    let relative = dir.strip_prefix(root).map_err(|_| outside(dir, root))?;
    let mut current = root.to_path_buf();
    for part in relative.components() {
        let Component::Normal(name) = part else {
            return Err(leaves_its_folder(dir));
        };
        current.push(name);
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(Error::at(
                    codes::NOT_A_FILE,
                    &current,
                    None,
                    "a symbolic link: coach never writes through a link; make it a real folder",
                ));
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(Error::at(
                    codes::NOT_A_FILE,
                    &current,
                    None,
                    "not a folder: expected a folder here",
                ));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match fs::create_dir(&current) {
                Ok(()) => {}
                // Made by a concurrent run: look again, as a link may have been made.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if !fs::symlink_metadata(&current).is_ok_and(|m| m.is_dir()) {
                        return Err(Error::at(
                            codes::NOT_A_FILE,
                            &current,
                            None,
                            "not a folder: expected a folder here",
                        ));
                    }
                }
                Err(e) => return Err(Error::io(&current, e)),
            },
            Err(e) => return Err(Error::io(&current, e)),
        }
    }
    Ok(current)
}

/// For a command that creates the folder `path`: the nearest existing ancestor
/// (strictly above `path`) with its links resolved, the root below which it may
/// write, and `path` rebased on it. Nothing below the root is resolved, so a link
/// there (`path` itself included) is still refused by [`write_atomic`].
pub fn rebase_on_existing(path: &Path) -> Result<(PathBuf, PathBuf)> {
    let existing = path
        .ancestors()
        .skip(1)
        .find(|d| !d.as_os_str().is_empty() && d.is_dir());
    let (existing, rest) = match existing {
        Some(d) => (d, path.strip_prefix(d).unwrap_or(path)),
        None => (Path::new("."), path),
    };
    let root = fs::canonicalize(existing).map_err(|e| Error::io(existing, e))?;
    let rebased = root.join(rest);
    Ok((root, rebased))
}

#[cfg(not(unix))]
/// Removes the temporary files in `dir` that a coach process which no longer runs
/// left behind (killed mid-write): they may hold confidential content.
fn remove_leftovers(dir: &Path) {
    for path in leftovers_in(dir) {
        let _ = fs::remove_file(path);
    }
}

#[cfg(not(unix))]
/// coach's temporary files in `dir` whose writer is gone.
fn leftovers_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .and_then(writer_of)
                .is_some_and(|pid| !process_running(pid))
        })
        .collect()
}

/// A name coach gives its temporary files: `.coach-PID-` and a random suffix.
pub fn is_temp_name(name: &str) -> bool {
    writer_of(name).is_some()
}

/// The process id in a temporary file's name.
fn writer_of(name: &str) -> Option<u32> {
    let (pid, suffix) = name.strip_prefix(TEMP_PREFIX)?.split_once('-')?;
    (!suffix.is_empty()).then_some(())?;
    pid.parse().ok()
}

/// A temporary file of a coach process that no longer runs.
pub(crate) fn dead_writer(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .and_then(|rest| rest.split_once('-'))
        .filter(|(_, suffix)| !suffix.is_empty())
        .and_then(|(pid, _)| pid.parse::<u32>().ok())
        .is_some_and(|pid| !process_running(pid))
}

/// Whether process `pid` still runs; where that cannot be told, it is taken to run.
fn process_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// The names of the regular files (not links, not folders) in `folder`, from one
/// listing, in order; none when it cannot be read.
pub fn regular_files(folder: &Path) -> BTreeSet<OsString> {
    fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .map(|entry| entry.file_name())
        .collect()
}

/// Temporary files left by interrupted writes in the engagement folder at `root`
/// and its out/ folders, for `check` to report (with those of sessions/, which
/// `load` finds as it lists the session files).
pub fn leftover_temp_files(root: &Path) -> Vec<PathBuf> {
    // Where coach writes: the engagement folder and out/ with its folders;
    // sessions/ is listed once, by `load` (`Loaded::leftovers`).
    let in_root = regular_files(root)
        .into_iter()
        .filter(|name| name.to_str().is_some_and(is_temp_name))
        .map(|name| root.join(name));
    let in_out = walkdir::WalkDir::new(root.join("out"))
        .follow_links(false)
        .max_depth(3)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.file_name().to_str().is_some_and(is_temp_name))
        .map(|e| e.into_path());
    let mut found: Vec<PathBuf> = in_root.chain(in_out).collect();
    found.sort();
    found
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
            "x.md:2:3: error[E001]: binary file (a NUL byte): a session or engagement file must be plain text"
        );
    }

    #[test]
    fn invalid_utf8_is_rejected_with_position() {
        let err = decode_text(Path::new("x.md"), b"ok\n\xC3\x28".to_vec()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("x.md:2:1: error[E001]: not UTF-8"),
            "{err}"
        );
    }

    #[test]
    fn atomic_write_refuses_to_replace_without_permission() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        write_atomic(dir.path(), &path, b"first", false).unwrap();
        assert!(write_atomic(dir.path(), &path, b"second", false).is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        write_atomic(dir.path(), &path, b"third", true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "third");
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn writes_never_follow_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sessions")).unwrap();
        fs::write(root.join("sessions/01.md"), "PRECIOUS").unwrap();
        fs::create_dir(root.join("out")).unwrap();
        std::os::unix::fs::symlink("../sessions", root.join("out/summaries")).unwrap();
        let err = write_atomic(root, &root.join("out/summaries/01.md"), b"x", true).unwrap_err();
        assert!(err.to_string().contains("out/summaries"), "{err}");
        std::os::unix::fs::symlink("../sessions/01.md", root.join("out/a.md")).unwrap();
        assert!(write_atomic(root, &root.join("out/a.md"), b"x", true).is_err());
        assert!(write_atomic(root, &root.join("out/../../x.md"), b"x", true).is_err());
        assert!(write_atomic(root, Path::new("/tmp/elsewhere.md"), b"x", true).is_err());
        assert_eq!(
            fs::read_to_string(root.join("sessions/01.md")).unwrap(),
            "PRECIOUS"
        );
    }

    #[test]
    fn leftovers_of_a_dead_writer_are_removed_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        // No process has an id this high on Linux (the limit is 2^22).
        let dead = dir.path().join(".coach-4294967-abc");
        fs::write(&dead, "SECRET").unwrap();
        let mine = dir
            .path()
            .join(format!(".coach-{}-abc", std::process::id()));
        fs::write(&mine, "in flight").unwrap();
        assert_eq!(leftover_temp_files(dir.path()).len(), 2);
        write_atomic(dir.path(), &dir.path().join("a.md"), b"x", false).unwrap();
        assert!(!dead.exists() || !Path::new("/proc/self").exists());
        assert!(mine.exists(), "a running writer's file is left alone");
    }
}
