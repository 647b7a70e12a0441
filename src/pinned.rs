//! Writing a file through directory handles (Unix): each folder from the root to
//! the target is opened with `O_NOFOLLOW` relative to the one before, and the
//! temporary file is created, and renamed over the target, inside the folder that
//! was opened. Swapping a folder for a link while coach writes cannot send the
//! write elsewhere: the handle still names the folder that was checked.

use std::ffi::OsStr;
use std::io::Write;
use std::os::fd::OwnedFd;
use std::path::Path;

use rustix::fs::{AtFlags, FileType, Mode, OFlags, RenameFlags};
use rustix::io::Errno;

use crate::codes;
use crate::error::{Error, Result};

/// Writes `contents` to `target` under `root`, reached by the folder names
/// `folders` and the file name `name`. With `replace` false an existing file is
/// never touched. The temporary file is named `{prefix}{pid}-{n}` and removed on
/// every error.
pub fn write(
    root: &Path,
    folders: &[&OsStr],
    name: &OsStr,
    target: &Path,
    contents: &[u8],
    replace: bool,
    prefix: &str,
) -> Result<()> {
    let directory_flags = OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC;
    let mut dir = rustix::fs::open(root, directory_flags, Mode::empty())
        .map_err(|e| Error::io(root, e.into()))?;
    let mut shown = root.to_path_buf();
    for folder in folders {
        shown.push(folder);
        dir = open_folder(&dir, folder, &shown)?;
    }
    remove_dead_temps(&dir, prefix);
    // A new file is 0644 less the umask; a replaced one keeps its permissions
    // exactly, so a private file stays private.
    let mut keep_mode = None;
    match rustix::fs::statat(&dir, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(stat) => match FileType::from_raw_mode(stat.st_mode) {
            FileType::Symlink => {
                return Err(Error::at(
                    codes::NOT_A_FILE,
                    target,
                    None,
                    "a symbolic link: coach never writes through a link; remove it",
                ));
            }
            FileType::RegularFile if replace && stat.st_mode & 0o200 == 0 => {
                return Err(Error::at(
                    codes::NOT_A_FILE,
                    target,
                    None,
                    "read-only: coach does not replace a file made read-only; make it writable first",
                ));
            }
            FileType::RegularFile if replace => keep_mode = Some(stat.st_mode & 0o7777),
            FileType::RegularFile => return Err(crate::fsio::exists(target)),
            _ => {
                return Err(Error::at(
                    codes::NOT_A_FILE,
                    target,
                    None,
                    "not a regular file: coach replaces only files it wrote",
                ));
            }
        },
        Err(Errno::NOENT) => {}
        Err(e) => return Err(Error::io(target, e.into())),
    }
    let (temp_name, file) = create_temp(&dir, prefix, target, keep_mode)?;
    let written = write_all(file, contents).and_then(|()| {
        let flags = if replace {
            RenameFlags::empty()
        } else {
            RenameFlags::NOREPLACE
        };
        rustix::fs::renameat_with(&dir, &temp_name, &dir, name, flags).map_err(std::io::Error::from)
    });
    if let Err(e) = written {
        let _ = rustix::fs::unlinkat(&dir, &temp_name, AtFlags::empty());
        return Err(if e.kind() == std::io::ErrorKind::AlreadyExists {
            crate::fsio::exists(target)
        } else {
            Error::io(target, e)
        });
    }
    Ok(())
}

/// Opens (creating it if missing) the folder `name` inside `dir`, never through a link.
fn open_folder(dir: &OwnedFd, name: &OsStr, shown: &Path) -> Result<OwnedFd> {
    let flags = OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::RDONLY | OFlags::CLOEXEC;
    let open = || rustix::fs::openat(dir, name, flags, Mode::empty());
    // A link or a file where the folder belongs: say which.
    let refused = || {
        let link = rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)
            .is_ok_and(|s| FileType::from_raw_mode(s.st_mode) == FileType::Symlink);
        let what = if link {
            "a symbolic link: coach never writes through a link; make it a real folder"
        } else {
            "not a folder: expected a folder here"
        };
        Error::at(codes::NOT_A_FILE, shown, None, what)
    };
    let first = match open() {
        Err(Errno::NOENT) => {
            match rustix::fs::mkdirat(dir, name, Mode::from_raw_mode(0o755)) {
                Ok(()) | Err(Errno::EXIST) => {}
                Err(e) => return Err(Error::io(shown, e.into())),
            }
            open()
        }
        other => other,
    };
    first.map_err(|e| match e {
        Errno::LOOP | Errno::NOTDIR => refused(),
        e => Error::io(shown, e.into()),
    })
}

/// A new temporary file in `dir`, created exclusively and never through a link,
/// with permissions `keep_mode` when given.
fn create_temp(
    dir: &OwnedFd,
    prefix: &str,
    target: &Path,
    keep_mode: Option<u32>,
) -> Result<(String, std::fs::File)> {
    let flags = OFlags::CREATE | OFlags::EXCL | OFlags::WRONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let pid = std::process::id();
    // Unique enough with the process id; the name never reaches any output.
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    for attempt in 0..100u32 {
        let name = format!("{prefix}{pid}-{:08x}", seed.wrapping_add(attempt));
        match rustix::fs::openat(dir, name.as_str(), flags, Mode::from_raw_mode(0o644)) {
            Ok(fd) => {
                // The umask narrows the mode at creation; a kept one is set exactly.
                let kept = keep_mode.map(|m| rustix::fs::fchmod(&fd, Mode::from_raw_mode(m)));
                if let Some(Err(e)) = kept {
                    let _ = rustix::fs::unlinkat(dir, name.as_str(), AtFlags::empty());
                    return Err(Error::io(target, e.into()));
                }
                return Ok((name, std::fs::File::from(fd)));
            }
            Err(Errno::EXIST) => continue,
            Err(e) => return Err(Error::io(target, e.into())),
        }
    }
    Err(Error::Request(format!(
        "cannot create a temporary file beside {}",
        target.display()
    )))
}

fn write_all(mut file: std::fs::File, contents: &[u8]) -> std::io::Result<()> {
    file.write_all(contents)?;
    file.sync_all()
}

/// Removes from `dir` the temporary files of coach processes that no longer run.
fn remove_dead_temps(dir: &OwnedFd, prefix: &str) {
    let Ok(listing) = rustix::fs::Dir::read_from(dir) else {
        return;
    };
    for entry in listing.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_regular = entry.file_type() == FileType::RegularFile;
        if is_regular && crate::fsio::dead_writer(&name, prefix) {
            let _ = rustix::fs::unlinkat(dir, name.as_str(), AtFlags::empty());
        }
    }
}
