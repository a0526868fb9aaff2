//! Writes the workbook template `examples/register-sjabloon.xlsx` from the example register
//! (`examples/voorbeeld-gr.yaml`): every column weerstand reads, the settings sheet and the lists
//! to choose from, made by the same code as `weerstand export`.
//!
//! `cargo run --example register_sjabloon`

use std::path::Path;
use weerstand::workbook::template;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bytes = template::bytes(&root.join(template::SOURCE)).unwrap_or_else(|e| {
        eprintln!("fout: {e}");
        std::process::exit(1);
    });
    let target = root.join(template::FILE);
    std::fs::write(&target, bytes).unwrap_or_else(|e| {
        eprintln!("fout: {}: {e}", target.display());
        std::process::exit(1);
    });
    println!("{}", target.display());
}
