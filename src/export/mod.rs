//! Writing results: one [`Document`] per command, one [`Exporter`] per format, each file written
//! whole or not at all.
//!
//! A command builds its document (the JSON, the tables as typed [`Sheet`]s, the rendered charts);
//! the exporters turn it into files (`json`, `csv`, `xlsx`, `charts`), as hyperfine's exporters
//! do; nothing else in weerstand formats an output file.
//!
//! Every file goes to a temporary name in its target folder and is renamed into place once
//! complete, so an interrupted run (Ctrl-C, a crash, a full disk) leaves the previous file intact
//! and never a half-written one. A run's output folder is replaced as a whole ([`set`]).

pub mod charts;
pub mod csv;
pub mod json;
pub mod set;
pub mod sheet;
pub mod sheets;
pub mod xlsx;

pub use sheet::{Cell, Kind, Sheet};

use std::io::Write;
use std::path::{Path, PathBuf};

/// What one command writes, before any format.
pub struct Document {
    /// The stem of the JSON file and of the workbook: `resultaten`, `vergelijking`, …
    pub stem: String,
    /// The JSON file's bytes ([`json::pretty`]): every figure at full precision.
    pub json: Vec<u8>,
    /// Where the figures came from (tool, version, register and its hash, seed, iterations): the
    /// workbook's `manifest` sheet, in the JSON's own names.
    pub manifest: Vec<(String, Cell)>,
    /// The tables: one CSV file and one sheet each.
    pub sheets: Vec<Sheet>,
    pub charts: Vec<crate::chart::Rendered>,
    /// Documents for people, by file name: the paragraph in Markdown and in HTML.
    pub texts: Vec<(String, String)>,
    /// The workbook's creation date: the register's date, never the clock, so that a rerun gives
    /// the same bytes.
    pub created: crate::date::Date,
}

/// One output format.
pub trait Exporter {
    /// The files this format makes of a document: (file name, bytes).
    fn files(&self, doc: &Document) -> Result<Vec<(String, Vec<u8>)>, String>;
}

/// Every file of a document, in every format.
pub fn files(doc: &Document) -> Result<Vec<(String, Vec<u8>)>, String> {
    let exporters: [&dyn Exporter; 5] = [&json::Json, &csv::Csv, &xlsx::Xlsx, &charts::Charts, &Texts];
    let mut all = Vec::new();
    for exporter in exporters {
        all.extend(exporter.files(doc)?);
    }
    Ok(all)
}

/// Writes the documents for people as they are.
pub struct Texts;

impl Exporter for Texts {
    fn files(&self, doc: &Document) -> Result<Vec<(String, Vec<u8>)>, String> {
        Ok(doc
            .texts
            .iter()
            .map(|(name, text)| (name.clone(), text.clone().into_bytes()))
            .collect())
    }
}

/// Why an output could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The output would overwrite an input (the register or a scenario).
    WouldOverwriteInput(PathBuf),
    /// An input (register, scenario, template) lives in the output folder, which is replaced whole.
    InputInFolder(PathBuf),
    /// Another run is writing the same folder.
    Busy {
        lock: PathBuf,
        pid: u32,
    },
    /// The folder cannot be replaced as a whole (a file, subfolders, the shell's own folder).
    NotOwnFolder(PathBuf, set::NotOwn),
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
            WriteError::InputInFolder(p) => format!(
                "{}: {}",
                lang.pick(
                    "weigert te schrijven: de uitvoermap bevat een invoerbestand en wordt als geheel vervangen; kies een andere map met --out",
                    "refusing to write: the output folder holds an input file and is replaced as a whole; choose another folder with --out"
                ),
                p.display()
            ),
            WriteError::Busy { lock, pid } => format!(
                "{} {pid} ({}: {})",
                lang.pick(
                    "een andere run van weerstand schrijft al in deze map: proces",
                    "another run of weerstand is writing this folder: process"
                ),
                lang.pick("slot", "lock"),
                lock.display()
            ),
            WriteError::NotOwnFolder(p, why) => {
                let why = match why {
                    set::NotOwn::File => lang.pick(
                        "dit is een bestand, geen map",
                        "this is a file, not a folder",
                    ),
                    set::NotOwn::Subfolders => lang.pick(
                        "deze map bevat submappen; weerstand vervangt de uitvoermap als geheel en schrijft daarom alleen in een map met enkel bestanden",
                        "this folder holds subfolders; weerstand replaces the output folder as a whole and so writes only into a folder that holds files alone",
                    ),
                    set::NotOwn::Registers => lang.pick(
                        "deze map bevat registers of scenario's (.yaml); weerstand vervangt de uitvoermap als geheel",
                        "this folder holds registers or scenarios (.yaml); weerstand replaces the output folder as a whole",
                    ),
                    set::NotOwn::Cwd => lang.pick(
                        "u staat zelf in deze map; weerstand vervangt de uitvoermap als geheel",
                        "you are standing in this folder; weerstand replaces the output folder as a whole",
                    ),
                };
                format!(
                    "{}: {}: {why}; {}",
                    lang.pick("weigert te schrijven", "refusing to write"),
                    p.display(),
                    lang.pick("kies een andere map met --out", "choose another folder with --out")
                )
            }
            WriteError::Io(p, e) => format!(
                "{}: {}: {e}",
                lang.pick("kan niet schrijven", "cannot write"),
                p.display()
            ),
        }
    }
}

/// Writes every file to a temporary name next to its target, then renames them all into place;
/// refuses to touch any of `inputs`. On an error nothing is renamed and the temporary files are
/// removed.
pub fn write_all_atomic(files: &[(PathBuf, &[u8])], inputs: &[PathBuf]) -> Result<(), WriteError> {
    let inputs: Vec<PathBuf> = inputs.iter().filter_map(|i| std::fs::canonicalize(i).ok()).collect();
    for (path, _) in files {
        if std::fs::canonicalize(path).is_ok_and(|target| inputs.contains(&target)) {
            return Err(WriteError::WouldOverwriteInput(path.clone()));
        }
    }
    remove_stale_temporaries(files.iter().map(|(p, _)| p.as_path()));
    let mut staged: Vec<(PathBuf, &PathBuf)> = Vec::with_capacity(files.len());
    let result = (|| {
        for (path, bytes) in files {
            let temp = temporary(path);
            staged.push((temp.clone(), path));
            let mut file = std::fs::File::create(&temp).map_err(|e| WriteError::Io(path.clone(), e))?;
            file.write_all(bytes)
                .and_then(|()| file.sync_all())
                .map_err(|e| WriteError::Io(path.clone(), e))?;
        }
        for (temp, path) in &staged {
            std::fs::rename(temp, path).map_err(|e| WriteError::Io((*path).clone(), e))?;
        }
        Ok(())
    })();
    if result.is_err() {
        for (temp, _) in &staged {
            let _ = std::fs::remove_file(temp);
        }
    }
    result
}

/// Removes the temporary files ([`temporary`]) of these outputs that a stopped run left: those whose
/// process is gone.
fn remove_stale_temporaries<'a>(paths: impl Iterator<Item = &'a Path>) {
    for path in paths {
        let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
            continue;
        };
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let prefix = format!(".{}.", name.to_string_lossy());
        let Ok(entries) = std::fs::read_dir(dir) else { continue };
        for entry in entries.flatten() {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let pid = file_name
                .strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(".tmp"))
                .and_then(|pid| pid.parse::<u32>().ok());
            if pid.is_some_and(|pid| pid != std::process::id() && !set::alive(pid)) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The temporary name of an output: hidden, next to it, with the process id.
fn temporary(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One file, written as a set of one.
    fn write_atomic(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), WriteError> {
        write_all_atomic(&[(path.to_path_buf(), bytes)], inputs)
    }

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
    fn a_stopped_runs_temporary_files_are_removed_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        // Left by a run whose process (this id is beyond Linux's pid range) is gone.
        std::fs::write(dir.path().join(".a.json.4294967.tmp"), "half").unwrap();
        std::fs::write(dir.path().join(".other.4294967.tmp"), "not ours").unwrap();
        write_atomic(&path, b"whole", &[]).unwrap();
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".other.4294967.tmp", "a.json"]);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("a.json");
        assert!(write_atomic(&path, b"x", &[]).is_err());
    }

    #[test]
    fn a_set_is_renamed_only_when_every_file_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.md"), dir.path().join("b.png"));
        write_all_atomic(&[(a.clone(), b"old a"), (b.clone(), b"old b")], &[]).unwrap();
        // The third file cannot be written (its folder does not exist): the first two stay old.
        let broken = dir.path().join("missing").join("c.svg");
        let result = write_all_atomic(&[(a.clone(), b"new a"), (b.clone(), b"new b"), (broken, b"c")], &[]);
        assert!(matches!(result, Err(WriteError::Io(..))));
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        assert_eq!(std::fs::read(&b).unwrap(), b"old b");
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["a.md", "b.png"], "no temporary file is left");
    }

    #[test]
    fn a_set_that_names_an_input_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let register = dir.path().join("r.yaml");
        std::fs::write(&register, "keep").unwrap();
        let other = dir.path().join("out.json");
        let result = write_all_atomic(
            &[(other.clone(), b"x"), (register.clone(), b"x")],
            std::slice::from_ref(&register),
        );
        assert!(matches!(result, Err(WriteError::WouldOverwriteInput(_))));
        assert!(!other.exists());
        assert_eq!(std::fs::read(&register).unwrap(), b"keep");
    }
}
