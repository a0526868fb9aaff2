//! Arbitrary bytes as a register, and as a scenario on the example register, through the same path
//! as the commands: decoding, YAML, reading, validation, applying the scenario, and rendering every
//! message in both languages. Nothing may panic, hang or exhaust memory.
//!
//! `cargo +nightly fuzz run inputs -- -max_len=4096`

#![no_main]

use libfuzzer_sys::fuzz_target;
use weerstand::date::Date;
use weerstand::diagnostic::render_all;
use weerstand::inputs::{InputError, Inputs};
use weerstand::lang::Lang;
use weerstand::source::Sources;

/// The base for scenarios: the annotated example register (small, so the fuzzer stays fast).
const BASE: &[u8] = include_bytes!("../../examples/voorbeeld-gr.yaml");

fn render(sources: &Sources, result: Result<(), InputError>) {
    if let Err(InputError::Invalid(diagnostics)) = result {
        for lang in [Lang::Nl, Lang::En] {
            std::hint::black_box(render_all(&diagnostics, sources, lang));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let today = Date::parse("2026-11-24").unwrap();
    match Inputs::from_bytes("fuzz.yaml", data, today) {
        Ok(inputs) => render(&inputs.sources, inputs.model(&[]).map(|_| ())),
        Err((sources, e)) => render(&sources, Err(e)),
    }
    let mut inputs = Inputs::from_bytes("register.yaml", BASE, today).expect("the example register parses");
    let result = inputs
        .scenario_from_bytes("scenario.yaml", data)
        .and_then(|(scenario, _)| inputs.model(&[&scenario]).map(|_| ()));
    render(&inputs.sources, result);
});
