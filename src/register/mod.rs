//! From a register file to a validated [`Register`]: parse the YAML (`yaml`), read every section
//! while collecting all problems (`fields`, `settings`, `drivers`, `dist`, `risks`), and hand out
//! the model only when nothing is wrong. The register file is only ever read.

pub mod correlations;
pub mod dist;
pub mod drivers;
pub mod fields;
pub mod realised;
pub mod risks;
pub mod settings;

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::model::Register;
use crate::problem::Problem;
use crate::source::{SourceId, Sources, Span};
use crate::yaml::{self, Node, Value};
use fields::Reader;

/// The top-level sections of a register.
pub const SECTIONS: [&str; 16] = [
    "version",
    "metadata",
    "horizon",
    "reserve",
    "verdeelsleutel",
    "classes",
    "categories",
    "types",
    "drivers",
    "matrix",
    "kengetallen",
    "policy",
    "tables",
    "risks",
    "correlations",
    "realised",
];

/// A register that passed validation, with its warnings and the texts it came from.
#[derive(Debug)]
pub struct Loaded {
    pub register: Register,
    pub warnings: Vec<Diagnostic>,
    pub sources: Sources,
    pub source: SourceId,
}

impl Loaded {
    /// SHA-256 of the register file as read.
    pub fn sha256(&self) -> String {
        self.sources.get(self.source).sha256()
    }
}

/// Why a register could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The text is not a valid register: every problem found, warnings included.
    Invalid {
        diagnostics: Vec<Diagnostic>,
        sources: Sources,
    },
}

/// Validates a register held in memory: the register module's own entry, for its unit tests. Files
/// are read through [`crate::inputs::Inputs`], the one path every command, bench and example takes.
pub fn from_source(sources: Sources, id: SourceId, today: Date) -> Result<Loaded, LoadError> {
    let tree = match yaml::parse(&sources, id) {
        Ok(tree) => tree,
        Err(e) => {
            let (line, column) = (e.span.line, e.span.column);
            return Err(invalid(sources, id, line, column, Problem::Syntax { detail: e.detail }));
        }
    };
    match read(&sources, &tree, today) {
        Ok((register, warnings)) => Ok(Loaded {
            register,
            warnings,
            sources,
            source: id,
        }),
        Err(diagnostics) => Err(LoadError::Invalid { diagnostics, sources }),
    }
}

fn invalid(sources: Sources, source: SourceId, line: u32, column: u32, problem: Problem) -> LoadError {
    let span = Span::at(source, line, column);
    LoadError::Invalid {
        diagnostics: vec![Diagnostic::error(span, problem)],
        sources,
    }
}

/// Reads a parsed register tree. On success the warnings come along; on failure every
/// diagnostic (errors and warnings).
pub fn read(sources: &Sources, tree: &Node, today: Date) -> Result<(Register, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut r = Reader::new(sources, today);
    let register = read_sections(&mut r, tree);
    match register {
        Some(register) if !r.has_errors() => Ok((register, r.diagnostics)),
        _ => Err(r.diagnostics),
    }
}

fn read_sections(r: &mut Reader, tree: &Node) -> Option<Register> {
    if tree.value == Value::Null || tree.as_map().is_some_and(<[_]>::is_empty) {
        r.error(tree.span, Problem::EmptyRegister);
        return None;
    }
    r.home = Some(tree.span.source);
    let f = r.fields(tree, "register", &SECTIONS)?;
    if let Some(n) = f.get("version") {
        let text = r.raw(n);
        if !matches!(n.value, Value::Int(1)) {
            r.error(n.span, Problem::UnsupportedVersion { found: text });
        }
    }
    // Settings first: the unit, the horizon and the names that risks refer to.
    let metadata = r.required(&f, "metadata").and_then(|n| r.metadata(n));
    if let Some(m) = &metadata {
        r.unit = m.unit;
    }
    let horizon = r.required(&f, "horizon").and_then(|n| r.horizon(n));
    let classes = r.classes(f.get("classes"));
    let categories = r.labels(f.get("categories"), "categories");
    let risk_types = r.labels(f.get("types"), "types");
    let matrix = r.matrix_layout(f.get("matrix"));
    let tables = r.labels(f.get("tables"), "tables");
    let kengetallen = r.kengetallen(f.get("kengetallen"));
    let policy = r.policy(f.get("policy"));
    let verdeelsleutel = r.required(&f, "verdeelsleutel").and_then(|n| r.verdeelsleutel(n));
    let reserve = match (r.required(&f, "reserve"), &horizon) {
        (Some(n), Some(h)) => r.reserve(n, h),
        _ => None,
    };
    let drivers = horizon.as_ref().and_then(|h| r.drivers(f.get("drivers"), h));
    let risks_node = r.required(&f, "risks");
    // Risks are read even when a section they refer to is broken, so that their own problems are
    // reported too; names into a broken section are then not checked.
    let cx = risks::Context {
        horizon: horizon.as_ref(),
        classes: classes.as_ref(),
        categories: categories.as_deref(),
        risk_types: risk_types.as_deref(),
        drivers: drivers.as_ref(),
        tables: tables.as_deref(),
        taakvelden: verdeelsleutel.as_ref().map(|v| v.taakvelden.as_slice()),
    };
    let risks = risks_node.and_then(|n| r.risks(n, &cx));
    let correlations = r.correlations(f.get("correlations"), risks.as_deref());
    let realised = r.realised(f.get("realised"), verdeelsleutel.as_ref(), risks.as_deref());
    Some(Register {
        metadata: metadata?,
        horizon: horizon?,
        reserve: reserve?,
        verdeelsleutel: verdeelsleutel?,
        classes: classes?,
        categories: categories?,
        risk_types: risk_types?,
        drivers: drivers?,
        matrix: matrix?,
        kengetallen: kengetallen?,
        policy: policy?,
        tables: tables?,
        risks: risks?,
        correlations: correlations?,
        realised: realised?,
    })
}

#[cfg(test)]
mod tests;
