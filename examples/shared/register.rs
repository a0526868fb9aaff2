//! What the timing examples share: reading a register from the command line as every command does.

/// The register at `path`, validated; panics with the problem otherwise (an example, not a command).
pub fn load(path: &str) -> weerstand::model::Register {
    weerstand::inputs::Inputs::new(
        std::path::Path::new(path),
        weerstand::date::Date::parse("2026-01-01").unwrap(),
    )
    .map_err(|(_, e)| e)
    .and_then(|inputs| inputs.model(&[]))
    .expect("a valid register")
    .0
}
