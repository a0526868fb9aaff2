//! The template a risk officer starts a workbook register from (`examples/register-sjabloon.xlsx`):
//! the example register `examples/voorbeeld-gr.yaml` as a workbook with every column weerstand
//! reads, its settings and the lists to choose from. Made by `cargo run --example
//! register_sjabloon`; a test checks the shipped file is what this code makes.

use crate::inputs::Inputs;

/// The example register the template is made of.
pub const SOURCE: &str = "examples/voorbeeld-gr.yaml";
/// Where the template is shipped.
pub const FILE: &str = "examples/register-sjabloon.xlsx";

/// The template's bytes, from the example register at `source`.
pub fn bytes(source: &std::path::Path) -> Result<Vec<u8>, String> {
    let inputs = Inputs::new(source, crate::date::Date::today()).map_err(|(_, e)| format!("{e:?}"))?;
    let (register, _) = inputs.model(&[]).map_err(|e| format!("{e:?}"))?;
    super::write::workbook(&inputs.tree, &register, register.date(), true).map_err(|e| e.to_string())
}
