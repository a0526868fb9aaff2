//! Writing results: one file per format, each written whole or not at all.
//!
//! Every file goes to a temporary name in its target folder and is renamed into place once
//! complete, so an interrupted run (Ctrl-C, a crash, a full disk) leaves the previous file intact
//! and never a half-written one.

pub mod csv;
pub mod json;

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an output could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The output would overwrite an input (the register or a scenario).
    WouldOverwriteInput(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl WriteError {
    pub fn message(&self, lang: crate::Lang) -> String {
        match self {
            WriteError::WouldOverwriteInput(p) => format!(
                "{}: {}",
                lang.pick(
                    "weigert te schrijven: het uitvoerbestand is een invoerbestand",
                    "refusing to write: the output file is an input file"
                ),
                p.display()
            ),
            WriteError::Io(p, e) => format!(
                "{}: {}: {e}",
                lang.pick("kan niet schrijven", "cannot write"),
                p.display()
            ),
        }
    }
}

/// Writes `bytes` to `path` atomically, refusing to touch any of `inputs`.
pub fn write_atomic(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), WriteError> {
    let io = |e| WriteError::Io(path.to_path_buf(), e);
    if let Ok(target) = std::fs::canonicalize(path)
        && inputs
            .iter()
            .filter_map(|i| std::fs::canonicalize(i).ok())
            .any(|i| i == target)
    {
        return Err(WriteError::WouldOverwriteInput(path.to_path_buf()));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(io)
}

/// Creates the output folder (and its parents).
pub fn ensure_dir(dir: &Path) -> Result<(), WriteError> {
    std::fs::create_dir_all(dir).map_err(|e| WriteError::Io(dir.to_path_buf(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic(&path, b"one", &[]).unwrap();
        write_atomic(&path, b"two", &[]).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn refuses_to_overwrite_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let register = dir.path().join("r.yaml");
        std::fs::write(&register, "keep").unwrap();
        let same = dir.path().join(".").join("r.yaml");
        assert!(matches!(
            write_atomic(&same, b"x", std::slice::from_ref(&register)),
            Err(WriteError::WouldOverwriteInput(_))
        ));
        assert_eq!(std::fs::read(&register).unwrap(), b"keep");
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("a.json");
        assert!(write_atomic(&path, b"x", &[]).is_err());
    }
}
