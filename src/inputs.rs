//! The texts a run reads — the register, scenario files, `--set` arguments — kept together so that
//! every message can point into any of them, and the model built from the register with overlays.

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::model::Register;
use crate::problem::Problem;
use crate::results::ScenarioRef;
use crate::scenario::{self, Scenario};
use crate::sim::Provenance;
use crate::source::{MAX_FILE_BYTES, ReadError, SourceId, Sources, Span, decode, read_text};
use crate::yaml::{self, Node};
use std::path::{Path, PathBuf};

/// Why an input could not be used.
#[derive(Debug)]
pub enum InputError {
    /// A file could not be read at all (missing, unreadable).
    Io { path: String, error: std::io::Error },
    /// Read, but invalid: every problem found (render them with [`Inputs::sources`]).
    Invalid(Vec<Diagnostic>),
}

/// The parsed texts of a run (cloned by a server, which adds each request's texts to its own copy).
#[derive(Clone, Debug)]
pub struct Inputs {
    pub sources: Sources,
    pub register: SourceId,
    pub tree: Node,
    /// Every file read, so that no output ever overwrites one.
    pub files: Vec<PathBuf>,
    pub today: Date,
}

/// Reads a file into `sources` and parses it as YAML.
fn read_yaml(sources: &mut Sources, path: &Path) -> Result<(SourceId, Node), InputError> {
    let name = if crate::source::is_stdin(path) {
        crate::source::STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    };
    match read_text(path) {
        Ok(text) => parse_text(sources, name, text),
        Err(ReadError::Io(error)) => Err(InputError::Io { path: name, error }),
        Err(e) => Err(unreadable(sources, name, e)),
    }
}

/// Adds the bytes of a file to `sources` and parses them as YAML: what [`read_yaml`] does after
/// reading the file.
fn parse_bytes(sources: &mut Sources, name: String, bytes: &[u8]) -> Result<(SourceId, Node), InputError> {
    match decode(bytes) {
        Ok(text) => parse_text(sources, name, text),
        Err(e) => Err(unreadable(sources, name, e)),
    }
}

fn parse_text(sources: &mut Sources, name: String, text: String) -> Result<(SourceId, Node), InputError> {
    let id = sources.add(name, text);
    match yaml::parse(sources, id) {
        Ok(tree) => Ok((id, tree)),
        Err(e) => Err(invalid(e.span, Problem::Syntax { detail: e.detail })),
    }
}

fn invalid(span: Span, problem: Problem) -> InputError {
    InputError::Invalid(vec![Diagnostic::error(span, problem)])
}

/// A file too large or not UTF-8, reported at its position (the text itself is not kept).
fn unreadable(sources: &mut Sources, name: String, error: ReadError) -> InputError {
    let (line, column, problem) = match error {
        ReadError::TooLarge(bytes) => (
            1,
            1,
            Problem::FileTooLarge {
                bytes,
                limit: MAX_FILE_BYTES,
            },
        ),
        ReadError::NotUtf8 { line, column } => (line, column, Problem::NotUtf8),
        ReadError::Io(error) => return InputError::Io { path: name, error },
    };
    let source = sources.add(name, String::new());
    invalid(Span::at(source, line, column), problem)
}

impl Inputs {
    /// Reads the register file.
    pub fn new(register: &Path, today: Date) -> Result<Inputs, (Sources, InputError)> {
        // Standard input is no file an output could overwrite.
        let files = if crate::source::is_stdin(register) {
            Vec::new()
        } else {
            vec![register.to_path_buf()]
        };
        Inputs::with_register(|sources| read_yaml(sources, register), files, today)
    }

    /// A register given as bytes (named `name` in messages), read exactly as a file would be.
    pub fn from_bytes(name: &str, bytes: &[u8], today: Date) -> Result<Inputs, (Sources, InputError)> {
        Inputs::with_register(
            |sources| parse_bytes(sources, name.to_string(), bytes),
            Vec::new(),
            today,
        )
    }

    /// A register kept as a workbook (`workbook`: its path; `settings`: a YAML register whose
    /// settings replace the workbook's settings sheet). Besides the inputs, the problems met while
    /// reading the cells (the register's own validation is [`Inputs::model`]) and what was read.
    pub fn from_workbook(
        workbook: &Path,
        settings: Option<&Path>,
        today: Date,
    ) -> Result<(Inputs, Vec<Diagnostic>, crate::workbook::read::Imported), (Sources, InputError)> {
        let mut sources = Sources::new();
        let name = workbook.display().to_string();
        let bytes = match std::fs::File::open(workbook).and_then(|f| {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_FILE_BYTES + 1), &mut bytes).map(|_| bytes)
        }) {
            Ok(bytes) => bytes,
            Err(error) => return Err((sources, InputError::Io { path: name, error })),
        };
        if bytes.len() as u64 > MAX_FILE_BYTES {
            let e = unreadable(&mut sources, name, ReadError::TooLarge(bytes.len() as u64));
            return Err((sources, e));
        }
        let grids = match crate::workbook::read::grids(&name, &bytes) {
            Ok(grids) => grids,
            Err(detail) => {
                let id = sources.add(name, String::new());
                return Err((sources, invalid(Span::at(id, 1, 1), Problem::Syntax { detail })));
            }
        };
        let mut files = vec![workbook.to_path_buf()];
        let settings_tree = match settings {
            Some(path) => match read_yaml(&mut sources, path) {
                Ok((_, tree)) => {
                    files.push(path.to_path_buf());
                    Some(tree)
                }
                Err(e) => return Err((sources, e)),
            },
            None => None,
        };
        let imported = crate::workbook::read::read(&mut sources, &name, &grids, settings_tree.as_ref());
        let problems = imported.problems.clone();
        Ok((
            Inputs {
                sources,
                register: imported.register,
                tree: imported.tree.clone(),
                files,
                today,
            },
            problems,
            imported,
        ))
    }

    fn with_register(
        parse: impl FnOnce(&mut Sources) -> Result<(SourceId, Node), InputError>,
        files: Vec<PathBuf>,
        today: Date,
    ) -> Result<Inputs, (Sources, InputError)> {
        let mut sources = Sources::new();
        match parse(&mut sources) {
            Ok((register, tree)) => Ok(Inputs {
                sources,
                register,
                tree,
                files,
                today,
            }),
            Err(e) => Err((sources, e)),
        }
    }

    /// A scenario given as bytes, read and checked exactly as a file would be.
    pub fn scenario_from_bytes(&mut self, name: &str, bytes: &[u8]) -> Result<(Scenario, Vec<Diagnostic>), InputError> {
        let (_, tree) = parse_bytes(&mut self.sources, name.to_string(), bytes)?;
        scenario::read(&self.sources, &tree, self.today).map_err(InputError::Invalid)
    }

    /// Reads and checks a scenario file; warnings come along.
    pub fn scenario(&mut self, path: &Path) -> Result<(Scenario, Vec<Diagnostic>), InputError> {
        let (_, tree) = read_yaml(&mut self.sources, path)?;
        self.files.push(path.to_path_buf());
        scenario::read(&self.sources, &tree, self.today).map_err(InputError::Invalid)
    }

    /// A scenario from `--set PATH=VALUE` arguments.
    pub fn sets(&mut self, arguments: &[String]) -> Result<Scenario, InputError> {
        scenario::from_arguments(&mut self.sources, arguments).map_err(InputError::Invalid)
    }

    /// The validated register with the scenarios applied in order; warnings come along.
    pub fn model(&self, scenarios: &[&Scenario]) -> Result<(Register, Vec<Diagnostic>), InputError> {
        let mut tree = self.tree.clone();
        let mut problems = Vec::new();
        for s in scenarios {
            let (applied, p) = scenario::apply(&self.sources, &tree, s);
            tree = applied;
            problems.extend(p);
        }
        match crate::register::read(&self.sources, &tree, self.today) {
            Ok((register, warnings)) if problems.is_empty() => Ok((register, warnings)),
            Ok((_, warnings)) => Err(InputError::Invalid(problems.into_iter().chain(warnings).collect())),
            Err(diagnostics) => Err(InputError::Invalid(problems.into_iter().chain(diagnostics).collect())),
        }
    }

    /// SHA-256 of the register file.
    pub fn sha256(&self) -> String {
        self.sources.get(self.register).sha256()
    }

    /// The register file as named on the command line.
    pub fn register_name(&self) -> &str {
        &self.sources.get(self.register).name
    }

    /// Where a run on the register with these scenarios applied came from, for its manifest;
    /// `register` is the result, whose terms name the changes.
    pub fn provenance(
        &self,
        applied: &[&Scenario],
        register: &crate::model::Register,
        lang: crate::lang::Lang,
    ) -> Provenance {
        Provenance {
            // The file name, not the path as typed: `ij.yaml`, `./ij.yaml` and `/home/…/ij.yaml` are
            // one register and must give the same bytes; the SHA-256 identifies it.
            register: Path::new(self.register_name()).file_name().map_or_else(
                || self.register_name().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            sha256: self.sha256(),
            scenarios: applied
                .iter()
                .map(|s| ScenarioRef {
                    name: s.name.clone(),
                    description: s.description.clone(),
                    changes: crate::scenario::parameter::changes(s, register, lang),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod hostile;
