//! A register kept as a workbook (Excel, LibreOffice, CSV): one row per risk on a sheet `Risico's`,
//! the settings as `pad = waarde` rows on a sheet `Instellingen`. `read` turns a workbook into the
//! same tree of [`crate::yaml::Node`]s a YAML register gives, every node pointing at its cell, so
//! that the register's own validation reports each problem at `Risico's!E14` in its own words;
//! `write` makes the workbook of a register; `yaml_text` writes a tree as a commented YAML register.

pub mod read;
pub mod template;
pub mod write;
pub mod yaml_text;

/// One column of the risks sheet: the register's field, the header weerstand writes, and the other
/// names risk officers give it (Dutch and English; matched without case, spaces, accents or a
/// parenthesised unit).
pub struct ColumnDef {
    pub field: Field,
    pub header: &'static str,
    pub aliases: &'static [&'static str],
    /// A list the cell is chosen from (the sheet's data validation); empty when free.
    pub choices: &'static [&'static str],
}

/// Where a column's value goes in the register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// A field of the risk that holds words: never read as YAML.
    Text(&'static str),
    /// A field of the risk that may hold a number, a name or a small YAML value (`{…}`, `[…]`).
    Value(&'static str),
    /// The impact's distribution when given as a range (`uniform`, `triangular`, `pert`).
    Distribution,
    /// The range of the impact: its minimum, most likely value and maximum.
    ImpactMin,
    ImpactMode,
    ImpactMax,
    /// The measures: one per line, `beschrijving (gepland)` or `(uitgevoerd)`, or a YAML list.
    Mitigations,
}

impl Field {
    /// The register's key of this column (for a range, the impact's parameter).
    pub fn key(self) -> &'static str {
        match self {
            Field::Text(k) | Field::Value(k) => k,
            Field::Distribution => "verdeling",
            Field::ImpactMin => "min",
            Field::ImpactMode => "mode",
            Field::ImpactMax => "max",
            Field::Mitigations => "mitigations",
        }
    }
}

/// The distributions a range can have, as the register names them.
pub const DISTRIBUTIONS: [&str; 3] = ["uniform", "triangular", "pert"];

/// The columns, in the order weerstand writes them.
pub const COLUMNS: &[ColumnDef] = &[
    col(
        Field::Text("id"),
        "Id",
        &["nr", "nummer", "risico-id", "risiconummer", "code"],
    ),
    col(Field::Text("area"), "Risicogebied", &["gebied", "domein", "area"]),
    col(
        Field::Text("title"),
        "Risico",
        &["titel", "title", "omschrijving", "risicoomschrijving", "risk", "naam"],
    ),
    col(Field::Text("cause"), "Oorzaak", &["oorzaken", "cause"]),
    col(
        Field::Text("consequences"),
        "Gevolg",
        &["gevolgen", "consequences", "effect"],
    ),
    col(Field::Text("category"), "Categorie", &["category", "risicocategorie"]),
    col(Field::Text("type"), "Soort", &["risicosoort", "type", "risicotype"]),
    choice(
        Field::Value("status"),
        "Status",
        &[],
        &["actueel", "potentieel", "op termijn", "geen risico meer"],
    ),
    choice(
        Field::Value("kind"),
        "Bedreiging of kans",
        &["kind", "richting", "soort effect"],
        &["bedreiging", "kans"],
    ),
    col(
        Field::Value("probability"),
        "Kans",
        &["probability", "waarschijnlijkheid", "kansklasse"],
    ),
    choice(
        Field::Value("probability_per"),
        "Kans per",
        &["probability per"],
        &["jaar", "periode"],
    ),
    col(Field::Value("frequency"), "Frequentie", &["frequency", "keer per jaar"]),
    col(
        Field::Value("impact"),
        "Impact",
        &[
            "bedrag",
            "financieel gevolg",
            "gevolg in euro",
            "amount",
            "impact bedrag",
        ],
    ),
    choice(
        Field::Distribution,
        "Verdeling",
        &["distribution", "verdeling impact", "kansverdeling"],
        &DISTRIBUTIONS,
    ),
    col(
        Field::ImpactMin,
        "Impact min",
        &["min", "minimum", "impact minimum", "laagste bedrag", "minimaal"],
    ),
    col(
        Field::ImpactMode,
        "Impact meest waarschijnlijk",
        &[
            "meest waarschijnlijk",
            "modus",
            "mode",
            "most likely",
            "impact modus",
            "verwacht bedrag",
        ],
    ),
    col(
        Field::ImpactMax,
        "Impact max",
        &["max", "maximum", "impact maximum", "hoogste bedrag", "maximaal"],
    ),
    choice(
        Field::Value("recurrence"),
        "Incidenteel of structureel",
        &["recurrence", "aard", "looptijd"],
        &["incidenteel", "structureel"],
    ),
    col(Field::Value("first_year"), "Vanaf jaar", &["first year", "eerste jaar"]),
    choice(
        Field::Value("influence"),
        "Beïnvloedbaarheid",
        &["influence", "beinvloedbaar"],
        &["geen", "beperkt", "gedeeltelijk", "groot"],
    ),
    col(
        Field::Mitigations,
        "Maatregelen",
        &["beheersmaatregelen", "mitigations", "measures", "maatregel"],
    ),
    col(
        Field::Text("owner"),
        "Eigenaar",
        &["risico-eigenaar", "risicoeigenaar", "owner", "verantwoordelijke"],
    ),
    col(
        Field::Value("reviewed"),
        "Datum",
        &["reviewed", "laatst beoordeeld", "beoordeeld op", "date", "peildatum"],
    ),
    col(Field::Text("table"), "Tabel", &["table"]),
    choice(
        Field::Value("borne_by"),
        "Voor rekening van",
        &["borne by"],
        &["regeling", "deelnemers"],
    ),
    col(Field::Text("taakveld"), "Taakveld", &[]),
    col(
        Field::Value("published_weighted"),
        "Gewogen (gepubliceerd)",
        &["published weighted", "gewogen risico", "gewogen"],
    ),
    col(Field::Value("placeholder"), "Plaatshouder", &["placeholder"]),
    col(Field::Text("source"), "Bron", &["source", "vindplaats"]),
    col(
        Field::Text("notes"),
        "Toelichting",
        &["opmerkingen", "opmerking", "notes", "notities"],
    ),
];

const fn col(field: Field, header: &'static str, aliases: &'static [&'static str]) -> ColumnDef {
    choice(field, header, aliases, &[])
}

const fn choice(
    field: Field,
    header: &'static str,
    aliases: &'static [&'static str],
    choices: &'static [&'static str],
) -> ColumnDef {
    ColumnDef {
        field,
        header,
        aliases,
        choices,
    }
}

/// The risks sheet's name as weerstand writes it, and the names it recognises.
pub const RISKS_SHEET: &str = "Risico's";
const RISKS_NAMES: [&str; 6] = [
    "risicos",
    "risico",
    "risks",
    "register",
    "risicoregister",
    "risicolijst",
];
/// The settings sheet, written and recognised.
pub const SETTINGS_SHEET: &str = "Instellingen";
const SETTINGS_NAMES: [&str; 3] = ["instellingen", "settings", "parameters"];
/// The sheet of the lists the data validation draws from: written, never read.
pub const LISTS_SHEET: &str = "Keuzelijsten";

/// A name as compared: lower case, letters and digits only, accents dropped, a trailing
/// parenthesised part (`Impact (× € 1.000)`, `Kans (%)`) left out.
pub fn normalize(text: &str) -> String {
    let text = match text.find('(') {
        Some(i) if i > 0 => &text[..i],
        _ => text,
    };
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        })
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The column a header names, if any.
pub fn column(header: &str) -> Option<&'static ColumnDef> {
    let h = normalize(header);
    if h.is_empty() {
        return None;
    }
    COLUMNS.iter().find(|c| {
        normalize(c.header) == h || normalize(c.field.key()) == h || c.aliases.iter().any(|a| normalize(a) == h)
    })
}

/// Whether a sheet is the risks sheet by its name.
pub fn is_risks_sheet(name: &str) -> bool {
    RISKS_NAMES.contains(&normalize(name).as_str())
}

/// Whether a sheet is the settings sheet by its name.
pub fn is_settings_sheet(name: &str) -> bool {
    SETTINGS_NAMES.contains(&normalize(name).as_str())
}

/// Whether weerstand wrote this sheet for its lists (never read).
pub fn is_lists_sheet(name: &str) -> bool {
    normalize(name) == normalize(LISTS_SHEET)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_matched_as_people_write_them() {
        for (header, key) in [
            ("Id", "id"),
            ("  KANS (%) ", "probability"),
            ("Probability", "probability"),
            ("Risicogebied", "area"),
            ("Impact (× € 1.000)", "impact"),
            ("Meest waarschijnlijk", "mode"),
            ("Beinvloedbaarheid", "influence"),
            ("Beïnvloedbaarheid", "influence"),
            ("risico-eigenaar", "owner"),
            ("Gevolgen", "consequences"),
            ("first_year", "first_year"),
        ] {
            assert_eq!(column(header).map(|c| c.field.key()), Some(key), "{header}");
        }
        assert!(column("Opmerking intern").is_none());
        assert!(column("").is_none());
        // No two columns answer to the same name.
        let mut names: Vec<String> = COLUMNS
            .iter()
            .flat_map(|c| {
                let mut n = vec![normalize(c.header), normalize(c.field.key())];
                n.extend(c.aliases.iter().map(|a| normalize(a)));
                n.sort();
                n.dedup();
                n
            })
            .collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count, "a name shared by two columns");
    }
}
