//! Replacing a file atomically: write a temporary file beside it, then
//! rename it over the original.
//!
//! A rename within one directory is atomic, so a reader of the path sees
//! either the old content or the whole new one, and an error or a crash
//! midway leaves the old file as it was. It is also what makes rewriting
//! an input in place safe: the input is read from the old file while the
//! new one is written.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Buffer size of the writer: large enough that a big file costs few
/// system calls.
const BUFFER: usize = 64 * 1024;

/// A file being written in place of `target`; nothing is visible at
/// `target` until [`AtomicFile::commit`]. Dropping it without committing
/// removes the temporary file and leaves `target` untouched.
#[derive(Debug)]
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    writer: BufWriter<File>,
    committed: bool,
}

impl AtomicFile {
    /// Creates the temporary file in the directory of `path` (of the file
    /// it links to, if it is a symbolic link: the link should keep
    /// pointing at the repaired file, not be replaced by it).
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        let target = resolve_links(path);
        if fs::metadata(&target).is_ok_and(|m| m.is_dir()) {
            return Err(io::Error::other("is a directory"));
        }
        let (temp, file) = create_temp(&target)?;
        Ok(AtomicFile {
            target,
            temp,
            writer: BufWriter::with_capacity(BUFFER, file),
            committed: false,
        })
    }

    /// Writes everything out and renames the temporary file over the
    /// target. The target keeps its permissions (and, where allowed, its
    /// owner): it is meant to look edited, not recreated.
    pub fn commit(mut self) -> io::Result<()> {
        self.writer.flush()?;
        let file = self.writer.get_ref();
        if let Ok(old) = fs::metadata(&self.target) {
            file.set_permissions(old.permissions())?;
            keep_owner(file, &old);
        }
        // Without this a crash soon after the rename could leave an empty
        // file where the old one was, on file systems that order metadata
        // before data.
        file.sync_all()?;
        fs::rename(&self.temp, &self.target)?;
        self.committed = true;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: the error that led here is the one to report.
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Follows symbolic links from `path`, including dangling ones, so that
/// the rename lands on the file itself.
fn resolve_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    // The limit guards against link cycles; the kernel's own is 40.
    for _ in 0..40 {
        match fs::read_link(&current) {
            Ok(next) => {
                current = match current.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                }
            }
            Err(_) => break,
        }
    }
    current
}

/// Creates a new, uniquely named file beside `target`. It must be in the
/// same directory (the same file system) for the rename to be atomic, and
/// hidden so that a directory listing midway does not show it as content.
fn create_temp(target: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = target.file_name().unwrap_or_default();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut temp_name = OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".{}.{n}.unmojibake-tmp", std::process::id()));
        let temp = dir.join(temp_name);
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            // A leftover of an earlier run that was killed: try the next
            // name rather than overwrite something we did not create.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => continue,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(unix)]
fn keep_owner(file: &File, old: &fs::Metadata) {
    use std::os::unix::fs::{fchown, MetadataExt};
    // Only root may give a file away; for anyone else the new file is
    // theirs already, as it would be after any editor's save.
    let _ = fchown(file, Some(old.uid()), Some(old.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _old: &fs::Metadata) {}
