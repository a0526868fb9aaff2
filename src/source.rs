//! The files weerstand reads, and positions in them.
//!
//! Every YAML node carries a [`Span`] that names its file, so that a problem found anywhere — in the
//! register, in a scenario file laid over it, in a `--set` on the command line — points at the right
//! file, line and column.

use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::Path;

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct SourceId(pub u32);

/// A place in a source: 1-based line and column (in characters) and the byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub source: SourceId,
    pub line: u32,
    pub column: u32,
    pub start: usize,
    pub len: usize,
}

impl Span {
    /// A position without a byte range: for a file whose text is not kept (too large, not UTF-8).
    pub fn at(source: SourceId, line: u32, column: u32) -> Span {
        Span {
            source,
            line,
            column,
            start: 0,
            len: 0,
        }
    }
}

/// One text that was read: a file, or a command-line value.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The name shown in messages: the path as the user gave it.
    pub name: String,
    pub text: String,
    /// For a worksheet of a workbook: its name. A span's line is then the row and its column the
    /// column (A = 1), and `text` holds the cells' texts, each span covering its cell's.
    pub sheet: Option<String>,
    /// Where each line starts, found once when a message first needs a line: a register with
    /// tens of thousands of mistakes prints them in linear time.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// SHA-256 of the text, hex encoded: the register's identity in every output.
    pub fn sha256(&self) -> String {
        let digest = Sha256::digest(self.text.as_bytes());
        digest.iter().fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
    }

    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
            sheet: None,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// Where a span stands, as a message names it: `file:line:column`, or `file:Sheet!E14` in a
    /// workbook.
    pub fn place(&self, span: Span) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}:{sheet}!{}", self.name, cell_name(span.line, span.column)),
            None => format!("{}:{}:{}", self.name, span.line, span.column),
        }
    }

    /// The text of a 1-based line, without its line end.
    pub fn line_text(&self, line: u32) -> Option<&str> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let start = *starts.get(index)?;
        let end = starts.get(index + 1).map_or(self.text.len(), |next| next - 1);
        let l = &self.text[start..end];
        Some(l.strip_suffix('\r').unwrap_or(l))
    }
}

/// All texts read in one run.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Adds a text and returns its id.
    /// How many texts were read (the next one added gets this index).
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> SourceId {
        self.files.push(SourceFile::new(name, text));
        SourceId(u32::try_from(self.files.len() - 1).expect("fewer than 2^32 sources"))
    }

    /// Adds a worksheet of a workbook (see [`SourceFile::sheet`]).
    pub fn add_sheet(
        &mut self,
        file: impl Into<String>,
        sheet: impl Into<String>,
        text: impl Into<String>,
    ) -> SourceId {
        let id = self.add(file, text);
        self.files[id.0 as usize].sheet = Some(sheet.into());
        id
    }

    /// The text of a worksheet's source, to add cells to while it is being read.
    pub fn text_mut(&mut self, id: SourceId) -> &mut String {
        &mut self.files[id.0 as usize].text
    }

    pub fn get(&self, id: SourceId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The exact text a span covers, as written in the file.
    pub fn slice(&self, span: Span) -> &str {
        let text = &self.get(span.source).text;
        text.get(span.start..span.start + span.len).unwrap_or("")
    }
}

/// A cell's name in a worksheet: row 14, column 5 is `E14`.
pub fn cell_name(row: u32, column: u32) -> String {
    column_name(column) + &row.to_string()
}

/// A column's letters in a worksheet: column 5 is `E`, column 27 `AA`.
pub fn column_name(column: u32) -> String {
    let mut letters = Vec::new();
    let mut c = column.max(1);
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Largest register or scenario file weerstand reads. A register of a few hundred risks is well
/// under 1 MiB; anything near this limit is not a hand-written register.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// `-`: standard input, as the command line names it.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The name messages give standard input.
pub const STDIN_NAME: &str = "(stdin)";

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    TooLarge(u64),
    NotUtf8 { line: u32, column: u32 },
}

/// Reads a file as UTF-8 text, refusing files over [`MAX_FILE_BYTES`]: a regular file by its size
/// before reading it, anything else (a pipe, a device such as `/dev/zero`, a process substitution)
/// by reading at most one byte more than the limit.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    if is_stdin(path) {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(std::io::stdin().lock(), MAX_FILE_BYTES + 1),
            &mut bytes,
        )
        .map_err(ReadError::Io)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(ReadError::TooLarge(bytes.len() as u64));
        }
        return decode(&bytes);
    }
    let size = std::fs::metadata(path).map_err(ReadError::Io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_FILE_BYTES + 1), &mut bytes))
        .map_err(ReadError::Io)?;
    decode(&bytes)
}

/// The bytes of a file as text. A UTF-8 byte-order mark is dropped; bytes that are not UTF-8 are
/// refused with the position of the first bad byte, so that a register saved from Excel in
/// Windows-1252 is caught.
pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            Err(ReadError::NotUtf8 {
                line: u32::try_from(line).unwrap_or(u32::MAX),
                column: u32::try_from(column).unwrap_or(u32::MAX),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_the_standard_digest() {
        let f = SourceFile::new("x", "abc");
        assert_eq!(
            f.sha256(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn an_endless_stream_is_refused_after_the_limit() {
        // A device that never ends (and reports a size of 0) is read no further than the limit.
        if Path::new("/dev/zero").exists() {
            assert!(
                matches!(read_text(Path::new("/dev/zero")), Err(ReadError::TooLarge(n)) if n == MAX_FILE_BYTES + 1)
            );
        }
    }

    #[test]
    fn line_text_strips_crlf() {
        let f = SourceFile::new("x", "a: 1\r\nb: 2\r\n");
        assert_eq!(f.line_text(1), Some("a: 1"));
        assert_eq!(f.line_text(2), Some("b: 2"));
        assert_eq!(f.line_text(3), Some(""));
        assert_eq!(f.line_text(4), None);
        assert_eq!(f.line_text(0), None);
        let g = SourceFile::new("y", "one\ntwo");
        assert_eq!(g.line_text(2), Some("two"));
        assert_eq!(g.line_text(3), None);
    }
}
