//! Everything that can be wrong with a register, in words a risk officer understands.
//!
//! Each problem is one variant; its message exists in Dutch and English side by side so they cannot
//! drift apart. Positions are not part of the message: the diagnostic prints them.

use crate::format::{and_list, decimal, euro, number, percent};
use crate::lang::Lang;
use crate::yaml::Kind;

/// Picks the Dutch or English `format!`.
macro_rules! tr {
    ($lang:expr, $nl:literal, $en:literal $(,)?) => {
        match $lang {
            Lang::Nl => format!($nl),
            Lang::En => format!($en),
        }
    };
}

/// What sort of name could not be resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    Category,
    RiskType,
    Status,
    Driver,
    ProbabilityClass,
    Direction,
    Recurrence,
    ProbabilityPer,
    Influence,
    MeasureState,
    Distribution,
    Risk,
    Section,
    Table,
    BorneBy,
    Outcome,
    Municipality,
    Taakveld,
}

impl NameKind {
    /// "onbekend" before a het-word, "onbekende" before a de-word.
    fn unknown(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Nl, NameKind::Risk | NameKind::Section | NameKind::Taakveld) => "onbekend",
            (Lang::Nl, _) => "onbekende",
            (Lang::En, _) => "unknown",
        }
    }

    fn describe(self, lang: Lang) -> &'static str {
        match self {
            NameKind::Category => lang.pick("categorie", "category"),
            NameKind::RiskType => lang.pick("risicosoort", "risk type"),
            NameKind::Status => lang.pick("status", "status"),
            NameKind::Driver => lang.pick("driver", "driver"),
            NameKind::ProbabilityClass => lang.pick("kansklasse", "probability class"),
            NameKind::Direction => lang.pick("soort (bedreiging of kans)", "kind (threat or opportunity)"),
            NameKind::Recurrence => lang.pick("terugkeer (incidenteel of structureel)", "recurrence"),
            NameKind::ProbabilityPer => lang.pick("kans per (jaar of periode)", "probability per (jaar or periode)"),
            NameKind::Influence => lang.pick("beïnvloedbaarheid", "influence"),
            NameKind::MeasureState => lang.pick("stand van de maatregel", "measure state"),
            NameKind::Distribution => lang.pick("soort impact", "impact kind"),
            NameKind::Risk => lang.pick("risico", "risk"),
            NameKind::Section => lang.pick("onderdeel van het register", "register section"),
            NameKind::Table => lang.pick("tabel", "table"),
            NameKind::BorneBy => lang.pick("drager (regeling of deelnemers)", "borne by (regeling or deelnemers)"),
            NameKind::Outcome => lang.pick("afloop", "outcome"),
            NameKind::Municipality => lang.pick("gemeente", "municipality"),
            NameKind::Taakveld => lang.pick("taakveld", "taakveld"),
        }
    }
}

fn kind_name(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::Empty => lang.pick("niets (een lege waarde)", "nothing (an empty value)"),
        Kind::Bool => lang.pick("ja/nee (true/false)", "a yes/no value (true/false)"),
        Kind::Number => lang.pick("een getal", "a number"),
        Kind::Text => lang.pick("een tekst", "a text"),
        Kind::List => lang.pick("een lijst", "a list"),
        Kind::Mapping => lang.pick("een blok met velden", "a block of fields"),
    }
}

/// A list of names for a message: `a, b of c` / `a, b or c`.
/// The parser's words for a syntax error, in the user's words (Dutch, English): the first entry
/// whose needle the parser's message contains; the commonest first.
fn syntax_hint(detail: &str) -> Option<(&'static str, &'static str)> {
    const HINTS: [(&str, &str, &str); 41] = [
        (
            "mapping values are not allowed",
            "staat er een dubbele punt met een spatie in een tekst? Zet die tekst dan tussen aanhalingstekens",
            "is there a colon followed by a space inside a text? Then put that text in quotes",
        ),
        (
            "tabs disallowed",
            "er staat een tab waar ingesprongen wordt; YAML springt alleen in met spaties",
            "there is a tab in the indentation; YAML indents with spaces only",
        ),
        (
            "found a tab",
            "er staat een tab waar ingesprongen wordt; YAML springt alleen in met spaties",
            "there is a tab in the indentation; YAML indents with spaces only",
        ),
        (
            "duplicate mapping key",
            "een veld staat twee keer in hetzelfde blok; houd er één",
            "a field occurs twice in the same block; keep one",
        ),
        (
            "did not find expected key",
            "hier verwacht YAML een nieuw veld (naam: waarde) even ver ingesprongen als de velden erboven; springt deze regel (of die erboven) te ver of te weinig in?",
            "YAML expects a new field (name: value) here, indented as far as the fields above; is this line (or the one above) indented too far or not far enough?",
        ),
        (
            "did not find expected '-' indicator",
            "in een lijst begint elk item met '- ' op dezelfde inspringing; springt deze regel even ver in als de velden van het item erboven?",
            "in a list every item starts with '- ' at the same indentation; is this line indented as far as the fields of the item above?",
        ),
        (
            "unclosed bracket",
            "een haakje { of [ wordt niet gesloten met } of ]",
            "a bracket { or [ is not closed with } or ]",
        ),
        (
            "unclosed quote",
            "een aanhalingsteken wordt niet gesloten; een tekst die met \" begint moet ook met \" eindigen",
            "a quote is not closed; a text that starts with \" must end with \" too",
        ),
        (
            "illegal placement of ':'",
            "een dubbele punt staat op een plaats waar geen veld kan beginnen; staat er een dubbele punt in een tekst, of ontbreekt een komma of haakje? Zet zo'n tekst tussen aanhalingstekens",
            "a colon stands where no field can begin; is there a colon inside a text, or is a comma or bracket missing? Put such a text in quotes",
        ),
        (
            "mapping keys are not allowed",
            "hier kan geen veld staan; springt deze regel even ver in als de velden van zijn blok?",
            "no field can stand here; is this line indented as far as the fields of its block?",
        ),
        (
            "block sequence entries are not allowed",
            "hier kan geen '- ' (een item van een lijst) staan; springt deze regel goed in?",
            "no '- ' (a list item) can stand here; is this line indented right?",
        ),
        (
            "block scalar",
            "een tekst over meer regels (na | of >) is niet goed opgebouwd: na | of > volgt de tekst op de volgende regels, ingesprongen",
            "a text over several lines (after | or >) is malformed: after | or > the text follows on the next lines, indented",
        ),
        (
            "handle",
            "een ! aan het begin van een waarde is in YAML een type (tag); zet die tekst tussen aanhalingstekens",
            "a ! at the start of a value is a YAML type (tag); put that text in quotes",
        ),
        (
            "BOM",
            "midden in het bestand staat een onzichtbaar BOM-teken; haal het weg",
            "there is an invisible BOM character inside the file; remove it",
        ),
        (
            "cannot start with '-'",
            "een waarde die met - begint gevolgd door een haakje of komma moet tussen aanhalingstekens",
            "a value starting with - followed by a bracket or comma must be in quotes",
        ),
        (
            "whitespace",
            "hier hoort een spatie (na - of :), of zet de tekst tussen aanhalingstekens",
            "a space belongs here (after - or :), or put the text in quotes",
        ),
        (
            "invalid trailing content after",
            "na een tekst tussen aanhalingstekens staat nog iets op dezelfde regel; zet alles tussen de aanhalingstekens",
            "after a text in quotes there is more on the same line; put all of it inside the quotes",
        ),
        (
            "directive",
            "een regel die met % begint is in YAML een aanwijzing voor de lezer; haal die regel weg of zet de tekst tussen aanhalingstekens",
            "a line starting with % is a YAML directive; remove it or put the text in quotes",
        ),
        (
            "hexadecimal",
            "een \\x, \\u of \\U in een tekst tussen dubbele aanhalingstekens moet door een code gevolgd worden; schrijf \\\\ of gebruik enkele aanhalingstekens",
            "a \\x, \\u or \\U in a text between double quotes must be followed by a code; write \\\\ or use single quotes",
        ),
        (
            "unexpected EOF",
            "het bestand houdt midden in een blok of lijst op; ontbreekt het einde?",
            "the file ends in the middle of a block or list; is its end missing?",
        ),
        (
            "may not precede any of",
            "na een dubbele punt tussen { } hoort een spatie voor een [ of {",
            "after a colon between { } a space belongs before a [ or {",
        ),
        (
            "reference to unknown value",
            "een * verwijst naar een anker (&naam) dat er niet is; zet een tekst die met * begint tussen aanhalingstekens",
            "a * refers to an anchor (&name) that does not exist; put a text starting with * in quotes",
        ),
        (
            "expected ',' or ']'",
            "tussen [ ] staan waarden gescheiden door komma's; ontbreekt er een komma of het sluithaakje ]?",
            "between [ ] values are separated by commas; is a comma or the closing ] missing?",
        ),
        (
            "expected string scalar",
            "een veldnaam moet een tekst zijn, geen lijst of blok",
            "a field name must be a text, not a list or a block",
        ),
        (
            "null is not allowed here",
            "een veldnaam of waarde ontbreekt hier (leeg of ~)",
            "a field name or value is missing here (empty or ~)",
        ),
        (
            "unexpected character",
            "er staat een teken dat YAML niet verwacht (een stuurteken of onzichtbaar teken); haal het weg",
            "there is a character YAML does not expect (a control or invisible character); remove it",
        ),
        (
            "expected <document start>",
            "na de gegevens staat nog tekst die nergens bij hoort; springt die regel verkeerd in?",
            "after the data there is text that belongs nowhere; is that line indented wrongly?",
        ),
        (
            "simple key expected ':'",
            "na een veldnaam hoort een dubbele punt met een spatie (naam: waarde)",
            "a field name must be followed by a colon and a space (name: value)",
        ),
        (
            "did not find expected ',' or '}'",
            "tussen { } staan velden gescheiden door komma's; ontbreekt er een komma of het sluithaakje }?",
            "between { } fields are separated by commas; is a comma or the closing } missing?",
        ),
        (
            "did not find expected ',' or ']'",
            "tussen [ ] staan waarden gescheiden door komma's; ontbreekt er een komma of het sluithaakje ]?",
            "between [ ] values are separated by commas; is a comma or the closing ] missing?",
        ),
        (
            "\"-\" is only valid inside a block",
            "een '- ' (een item van een lijst) kan alleen op een eigen, ingesprongen regel staan, niet tussen [ ] of { }",
            "a '- ' (a list item) can only stand on its own indented line, not between [ ] or { }",
        ),
        (
            "comment intercepting the multiline text",
            "een # (commentaar) onderbreekt een tekst over meer regels; zet die tekst tussen aanhalingstekens",
            "a # (comment) interrupts a text over several lines; put that text in quotes",
        ),
        (
            "mismatched bracket",
            "de haakjes passen niet bij elkaar: een [ hoort bij ], een { bij }",
            "the brackets do not match: [ goes with ], { with }",
        ),
        (
            "misplaced bracket",
            "er staat een haakje waar YAML er geen verwacht; zet een tekst met haakjes tussen aanhalingstekens",
            "there is a bracket where YAML expects none; put a text with brackets in quotes",
        ),
        (
            "wrongly indented line in block scalar",
            "een regel van een tekst over meer regels (na | of >) springt minder ver in dan de eerste",
            "a line of a text over several lines (after | or >) is indented less than the first",
        ),
        (
            "comments must be separated",
            "zet een spatie vóór een # (commentaar)",
            "put a space before a # (comment)",
        ),
        (
            "escape",
            "een \\ in een tekst tussen dubbele aanhalingstekens begint een speciaal teken; schrijf \\\\ of gebruik enkele aanhalingstekens",
            "a \\ in a text between double quotes starts a special character; write \\\\ or use single quotes",
        ),
        (
            "tag",
            "een ! aan het begin van een waarde is in YAML een type (tag); zet die tekst tussen aanhalingstekens",
            "a ! at the start of a value is a YAML type (tag); put that text in quotes",
        ),
        (
            "anchor or alias",
            "een & of * aan het begin van een waarde is in YAML een anker of alias; zet die tekst tussen aanhalingstekens",
            "a & or * at the start of a value is a YAML anchor or alias; put that text in quotes",
        ),
        (
            "document indicator",
            "een regel '---' of '...' beëindigt het document; staat die midden in een tekst of staat er nog iets na? Zet zo'n tekst tussen aanhalingstekens of haal de regel weg",
            "a line '---' or '...' ends the document; is it inside a text, or does something follow it? Put such a text in quotes or remove the line",
        ),
        (
            "document end marker",
            "een regel '---' of '...' beëindigt het document; staat die midden in een tekst of staat er nog iets na? Zet zo'n tekst tussen aanhalingstekens of haal de regel weg",
            "a line '---' or '...' ends the document; is it inside a text, or does something follow it? Put such a text in quotes or remove the line",
        ),
    ];
    HINTS
        .iter()
        .find(|(needle, ..)| detail.contains(needle))
        .map(|(_, nl, en)| (*nl, *en))
}

/// What a fraction field holds, for "… ligt tussen 0 en 1": a share of the verdeelsleutel, the
/// zekerheidspercentage, or a probability.
fn fraction_word(field: &str, lang: Lang) -> &'static str {
    if field.ends_with("share") {
        lang.pick("een aandeel", "a share")
    } else if field.ends_with("certainty") {
        lang.pick("een zekerheidspercentage", "a certainty")
    } else {
        lang.pick("een kans", "a probability")
    }
}

fn one_of(names: &[String], lang: Lang) -> String {
    match names {
        [] => String::new(),
        [one] => format!("'{one}'"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|n| format!("'{n}'")).collect();
            format!("{} {} '{last}'", init.join(", "), lang.pick("of", "or"))
        }
    }
}

/// The kinds of warning a user can silence (`--allow KIND`): each names a condition that is legal
/// and often intended, so that a register kept on purpose with PM risks does not print a page of
/// notices on every run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum WarningKind {
    /// A risk is PM (not quantified).
    Pm,
    /// A risk was last reviewed more than a year ago.
    Review,
    /// Stand-ins for risks the source quantifies but does not name.
    Placeholder,
    /// A retired risk still has a probability.
    Retired,
    /// A lognormal with a very wide interval.
    Lognormal,
    /// A risk's weighted amount differs from the one the source publishes.
    Published,
    /// A year outside the horizon.
    Year,
    /// A scenario that changes nothing.
    Unchanged,
    /// A workbook's column that weerstand does not read.
    Column,
}

/// A problem found in a register or scenario file.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    // --- the file itself
    Syntax {
        detail: String,
    },
    NotUtf8,
    FileTooLarge {
        bytes: u64,
        limit: u64,
    },
    EmptyRegister,
    NoRisks,
    UnsupportedVersion {
        found: String,
    },

    // --- structure
    ExpectedKind {
        field: String,
        expected: Kind,
        found: Kind,
    },
    UnknownField {
        field: String,
        suggestion: Option<String>,
        allowed: Vec<String>,
    },
    MissingField {
        field: String,
    },
    OneOf {
        field: String,
        options: Vec<String>,
    },
    NotBoth {
        field: String,
        other: String,
    },

    // --- values
    NotANumber {
        field: String,
        text: String,
    },
    DecimalComma {
        field: String,
        text: String,
    },
    /// An amount written with a euro sign. `unit`: the register's unit (`metadata.unit`), so the
    /// hint says what to write in it.
    EuroText {
        field: String,
        text: String,
        unit: f64,
    },
    /// `50.000`: a dot that YAML reads as a decimal point. `unit` as for [`Problem::EuroText`].
    AmbiguousThousands {
        field: String,
        text: String,
        read_as: f64,
        unit: f64,
    },
    NotFinite {
        field: String,
        text: String,
    },
    NotWhole {
        field: String,
        text: String,
    },
    /// A year outside 1900–2200: a typing mistake, not a budget year.
    YearOutOfRange {
        field: String,
        text: String,
    },
    Negative {
        field: String,
        value: f64,
    },
    AbsurdAmount {
        field: String,
        value: f64,
        limit: f64,
    },
    ProbabilityOutOfRange {
        field: String,
        text: String,
        value: f64,
    },
    NegativeFrequency {
        value: f64,
    },
    /// `probability_per: periode` on a risk with a frequency (always per year) or none.
    PeriodWithoutProbability,
    AbsurdFrequency {
        value: f64,
    },
    MinAboveMax {
        min: f64,
        max: f64,
    },
    ModeOutsideRange {
        min: f64,
        mode: f64,
        max: f64,
    },
    EmptyRange {
        value: f64,
    },
    LognormalNotPositive,
    ShapeNotPositive {
        value: f64,
    },
    FactorOutOfRange {
        field: String,
        value: f64,
    },
    PercentOutOfRange {
        field: String,
        value: f64,
    },
    BadDate {
        text: String,
    },
    BadId {
        text: String,
    },
    Currency {
        text: String,
    },
    UnitNotPositive,
    /// `policy.norm` of 0 or less.
    NormNotPositive,

    // --- names
    UnknownName {
        kind: NameKind,
        text: String,
        suggestion: Option<String>,
        allowed: Vec<String>,
    },
    DuplicateId {
        id: String,
        first_line: u32,
        /// In a workbook the first is a row, not a line.
        in_sheet: bool,
    },
    DuplicateName {
        what: String,
        name: String,
        first_line: u32,
    },

    // --- correlations
    /// A rank correlation outside [-1, 1].
    RankOutOfRange {
        value: f64,
    },
    CorrelationRiskTwice {
        id: String,
    },
    /// A correlation names fewer than two risks.
    CorrelationTooFewRisks,
    /// The same pair in two correlation entries.
    CorrelationPairTwice {
        a: String,
        b: String,
        first_line: u32,
    },
    /// A risk in a correlation that the simulation does not draw (PM, not active, the deelnemers').
    CorrelationNotSimulated {
        id: String,
    },
    /// An entry that cannot hold together with the entries before it.
    CorrelationImpossible {
        risks: Vec<String>,
        rank: f64,
        /// The earlier entries it is tied to: their risks and rank.
        earlier: Vec<(Vec<String>, f64)>,
        /// The value of the same sign nearest to 0 beyond which it cannot go, to two decimals.
        largest: f64,
    },

    // --- cross-field rules
    MissingOccurrence,
    OpTermijnWithoutFirstYear,
    SharesDoNotAddUp {
        total: f64,
    },
    MixedShares,
    EmptyList {
        field: String,
    },
    /// A published total that the rows above it do not add up to (beyond rounding to whole euros).
    TotalDiffers {
        field: String,
        sum: f64,
        total: f64,
    },
    CertaintyOutOfRange {
        value: f64,
    },
    HorizonOrder {
        first: i32,
        last: i32,
    },
    HorizonTooLong {
        years: i64,
        max: i32,
    },
    YearOutsideHorizon {
        year: i64,
        first: i32,
        last: i32,
    },
    MissingYears {
        years: Vec<i32>,
    },
    DriverCycle {
        id: String,
    },
    ClassesNotAscending {
        field: String,
    },
    LastClassBounded,

    // --- scenarios
    BadPath {
        text: String,
    },
    NotABlock {
        path: String,
    },
    SetWholeList,
    BadSet {
        text: String,
    },
    BadRange {
        text: String,
    },

    // --- warnings
    NothingChanged,
    StaleReview {
        date: String,
        days: i64,
    },
    RetiredWithProbability,
    PmRisk,
    /// Risks marked `placeholder: true`, by id.
    Placeholders {
        ids: Vec<String>,
    },
    /// The GR caps its algemene reserve: a balance above the cap cannot be. `unit` is the
    /// register's, for the hint when the balance was typed in euros in a register in € 1.000.
    BalanceAboveCap {
        year: i32,
        balance: f64,
        cap: f64,
        unit: f64,
    },
    FirstYearOutsideHorizon {
        year: i32,
        first: i32,
        last: i32,
    },
    PublishedMismatch {
        computed: f64,
        published: f64,
    },
    WideLognormal {
        ratio: f64,
    },
    // --- a register kept as a workbook
    /// A column whose header names no field of a risk: not read.
    UnknownColumn {
        text: String,
    },
    /// Two columns for one field.
    ColumnTwice {
        text: String,
        first: String,
    },
    /// No sheet holds a header row with the risks' columns.
    NoRiskHeader,
    /// A fixed amount and a range for the same impact.
    ImpactAndRange,
    /// A cell holding an Excel error (`#N/A`, `#DIV/0!`).
    CellError {
        text: String,
    },
    /// A setting's name that is not a path (`reserve.balance`, `drivers.liv.amount.2026`).
    BadSettingPath {
        text: String,
    },
    /// A setting given twice, or given both as a value and as a section.
    SettingTwice {
        text: String,
    },
    /// Neither a settings sheet nor `--settings`.
    NoSettings,
    /// A workbook row without a required field: the column to fill in.
    MissingColumn {
        field: String,
        column: String,
    },
}

impl Problem {
    /// The kind of a warning, for `--allow`; `None` for an error.
    pub fn warning_kind(&self) -> Option<WarningKind> {
        Some(match self {
            Problem::PmRisk | Problem::CorrelationNotSimulated { .. } => WarningKind::Pm,
            Problem::StaleReview { .. } => WarningKind::Review,
            Problem::Placeholders { .. } => WarningKind::Placeholder,
            Problem::RetiredWithProbability => WarningKind::Retired,
            Problem::WideLognormal { .. } => WarningKind::Lognormal,
            Problem::PublishedMismatch { .. } => WarningKind::Published,
            Problem::FirstYearOutsideHorizon { .. } | Problem::YearOutsideHorizon { .. } => WarningKind::Year,
            Problem::NothingChanged => WarningKind::Unchanged,
            Problem::UnknownColumn { .. } => WarningKind::Column,
            _ => return None,
        })
    }

    /// The message, without position.
    #[allow(clippy::too_many_lines)]
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Syntax { detail }
                if detail.contains("limits breached: Depth") || detail.contains("recursion limit") =>
            {
                tr!(
                    lang,
                    "het bestand is te diep genest: meer dan 32 niveaus, waar een register er hooguit zes heeft ({detail})",
                    "the file is nested too deeply: more than 32 levels, where a register has at most six ({detail})",
                )
            }
            Problem::Syntax { detail } if detail.contains("limits breached: Documents") => tr!(
                lang,
                "het bestand bevat meer dan één YAML-document: een regel '---' begint een nieuw document, maar een register is één document; haal die regel weg",
                "the file holds more than one YAML document: a line '---' starts a new one, but a register is one document; remove that line",
            ),
            Problem::Syntax { detail } if detail.contains("limits breached: Aliases") => tr!(
                lang,
                "een alias (*naam) is in een register niet toegestaan: schrijf de waarde voluit. Een alias laat één risico of naam twee keer meetellen zonder dat dat te zien is",
                "an alias (*name) is not allowed in a register: write the value out. An alias makes one risk or name count twice without showing it",
            ),
            Problem::Syntax { detail } if detail.contains("limits breached") => tr!(
                lang,
                "het bestand is te groot of te ingewikkeld voor een register: meer dan 200.000 waarden of 1.000 ankers (&naam); het is geweigerd voordat het geheugen volliep ({detail})",
                "the file is too large or too complex for a register: more than 200,000 values or 1,000 anchors (&name); it was refused before it could fill the memory ({detail})",
            ),
            // The parser's words are English; say in the user's words what it means, and keep its
            // words in brackets for whoever searches for them.
            Problem::Syntax { detail } => match syntax_hint(detail) {
                Some((nl, en)) => tr!(
                    lang,
                    "het bestand is geen geldige YAML: {nl} ({detail})",
                    "the file is not valid YAML: {en} ({detail})",
                ),
                None => tr!(
                    lang,
                    "het bestand is geen geldige YAML; de YAML-lezer meldt: {detail}",
                    "the file is not valid YAML; the YAML reader says: {detail}"
                ),
            },
            Problem::NotUtf8 => tr!(
                lang,
                "het bestand is geen UTF-8-tekst; sla het op als UTF-8 (in Excel of Kladblok: 'Opslaan als' met codering UTF-8)",
                "the file is not UTF-8 text; save it as UTF-8",
            ),
            Problem::FileTooLarge { bytes, limit } => {
                let (mb, max) = (
                    number(*bytes as f64 / 1_048_576.0, 1),
                    number(*limit as f64 / 1_048_576.0, 0),
                );
                // A stream is read no further than one byte past the limit: its size is unknown.
                if *bytes == limit + 1 {
                    tr!(
                        lang,
                        "het bestand is groter dan {max} MiB; weerstand leest registers tot {max} MiB",
                        "the file is larger than {max} MiB; weerstand reads registers up to {max} MiB"
                    )
                } else {
                    tr!(
                        lang,
                        "het bestand is {mb} MiB; weerstand leest registers tot {max} MiB",
                        "the file is {mb} MiB; weerstand reads registers up to {max} MiB"
                    )
                }
            }
            Problem::EmptyRegister => tr!(lang, "het register is leeg", "the register is empty"),
            Problem::NoRisks => tr!(
                lang,
                "het register bevat geen risico's: 'risks' is een lege lijst",
                "the register holds no risks: 'risks' is an empty list"
            ),
            Problem::UnsupportedVersion { found } => tr!(
                lang,
                "formaatversie {found} wordt niet ondersteund; deze versie van weerstand leest versie 1",
                "format version {found} is not supported; this version of weerstand reads version 1",
            ),
            Problem::ExpectedKind { field, expected, found } => {
                let (e, f) = (kind_name(*expected, lang), kind_name(*found, lang));
                tr!(
                    lang,
                    "'{field}' moet {e} zijn, maar is {f}",
                    "'{field}' must be {e}, but is {f}"
                )
            }
            Problem::UnknownField {
                field,
                suggestion: Some(s),
                ..
            } => {
                tr!(
                    lang,
                    "onbekend veld '{field}'; bedoelt u '{s}'?",
                    "unknown field '{field}'; did you mean '{s}'?"
                )
            }
            // `{share: 60,0%}`: in a flow mapping the decimal comma separates two entries.
            Problem::UnknownField { field, .. }
                if !field.is_empty() && field.chars().all(|c| c.is_ascii_digit() || c == '%') =>
            {
                tr!(
                    lang,
                    "onbekend veld '{field}': staat er een komma als decimaalteken tussen {{ }}? Daar scheidt de komma twee velden; schrijf een punt (60.5%) of zet de waarde tussen aanhalingstekens (\"60,5%\")",
                    "unknown field '{field}': is there a decimal comma between {{ }}? There the comma separates two fields; write a point (60.5%) or put the value in quotes (\"60,5%\")"
                )
            }
            Problem::UnknownField {
                field,
                suggestion: None,
                allowed,
            } => {
                let allowed = allowed.join(", ");
                tr!(
                    lang,
                    "onbekend veld '{field}'; toegestaan zijn: {allowed}",
                    "unknown field '{field}'; allowed are: {allowed}"
                )
            }
            Problem::MissingField { field } => tr!(
                lang,
                "verplicht veld '{field}' ontbreekt",
                "required field '{field}' is missing"
            ),
            Problem::OneOf { field, options } => {
                let o = one_of(options, lang);
                tr!(
                    lang,
                    "'{field}' moet precies één van {o} bevatten",
                    "'{field}' must hold exactly one of {o}"
                )
            }
            Problem::NotBoth { field, other } => tr!(
                lang,
                "geef '{field}' of '{other}', niet allebei",
                "give '{field}' or '{other}', not both",
            ),
            Problem::NotANumber { field, text } => tr!(
                lang,
                "'{field}' moet een getal zijn, maar is '{text}'",
                "'{field}' must be a number, but is '{text}'"
            ),
            Problem::DecimalComma { field, text } => {
                let fixed = text.replace('.', "").replace(',', ".");
                tr!(
                    lang,
                    "'{field}': '{text}' gebruikt een komma; YAML kent alleen de punt als decimaalteken: schrijf {fixed}",
                    "'{field}': '{text}' uses a decimal comma; YAML only knows the decimal point: write {fixed}",
                )
            }
            Problem::EuroText { field, text, unit } => {
                let hint = if *unit == 1.0 {
                    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
                    tr!(lang, "{digits} in plaats van '{text}'", "{digits} instead of '{text}'")
                } else {
                    write_in_unit(text, *unit, lang)
                };
                tr!(
                    lang,
                    "'{field}': schrijf een bedrag als kaal getal, zonder € en zonder punten tussen de duizendtallen: {hint}",
                    "'{field}': write an amount as a plain number, without € and without thousands separators: {hint}",
                )
            }
            Problem::AmbiguousThousands {
                field,
                text,
                read_as,
                unit,
            } => {
                let hint = write_in_unit(text, *unit, lang);
                let read_as = crate::format::decimal(*read_as, 3);
                tr!(
                    lang,
                    "'{field}': {text} leest YAML als {read_as}, want de punt is een decimaalteken; {hint}",
                    "'{field}': YAML reads {text} as {read_as}, because the dot is a decimal point; {hint}",
                )
            }
            Problem::NotFinite { field, text } => tr!(
                lang,
                "'{field}': {text} is geen eindig getal",
                "'{field}': {text} is not a finite number",
            ),
            Problem::YearOutOfRange { field, text } => tr!(
                lang,
                "'{field}' is {text}, maar een begrotingsjaar ligt tussen 1900 en 2200",
                "'{field}' is {text}, but a budget year lies between 1900 and 2200"
            ),
            Problem::NotWhole { field, text } => tr!(
                lang,
                "'{field}' moet een geheel getal zijn, maar is {text}",
                "'{field}' must be a whole number, but is {text}"
            ),
            Problem::Negative { field, value } => {
                let v = decimal(*value, 4);
                tr!(
                    lang,
                    "'{field}' is {v}, maar mag niet negatief zijn (een kans, een meevaller, geeft u aan met 'kind: kans')",
                    "'{field}' is {v}, but may not be negative (mark an opportunity with 'kind: kans')",
                )
            }
            Problem::AbsurdAmount { field, value, limit } => {
                let (v, l) = (euro(*value), euro(*limit));
                tr!(
                    lang,
                    "'{field}' is {v}, meer dan {l}; dat is onwaarschijnlijk groot: controleer het bedrag en de eenheid (metadata.unit)",
                    "'{field}' is {v}, more than {l}; that is implausibly large: check the amount and the unit (metadata.unit)",
                )
            }
            Problem::ProbabilityOutOfRange { field, text, value }
                if *value > 1.0 && *value <= 100.0 && value.fract() == 0.0 =>
            {
                let p = percent(value / 100.0, 2);
                let f = format!("{}", *value as u32 as f64 / 100.0);
                let what = fraction_word(field, lang);
                tr!(
                    lang,
                    "'{field}' is {text}, maar {what} ligt tussen 0 en 1; bedoelt u {p}? Schrijf dan {p} of {f}",
                    "'{field}' is {text}, but {what} lies between 0 and 1; did you mean {p}? Then write {p} or {f}",
                )
            }
            Problem::ProbabilityOutOfRange { field, text, .. } => {
                let what = fraction_word(field, lang);
                tr!(
                    lang,
                    "'{field}' is {text}, maar {what} ligt tussen 0 en 1 (0% en 100%)",
                    "'{field}' is {text}, but {what} lies between 0 and 1 (0% and 100%)",
                )
            }
            Problem::PeriodWithoutProbability => tr!(
                lang,
                "'probability_per: periode' hoort bij een kans ('probability'); een frequentie is altijd per jaar",
                "'probability_per: periode' goes with a probability ('probability'); a frequency is always per year",
            ),
            Problem::NegativeFrequency { value } => {
                let v = decimal(*value, 4);
                tr!(
                    lang,
                    "de frequentie is {v} keer per jaar; die mag niet negatief zijn",
                    "the frequency is {v} times a year; it may not be negative"
                )
            }
            Problem::AbsurdFrequency { value } => {
                let v = decimal(*value, 4);
                tr!(
                    lang,
                    "de frequentie is {v} keer per jaar; meer dan 1.000 keer per jaar is geen risico maar een vaste last",
                    "the frequency is {v} times a year; more than 1,000 times a year is a running cost, not a risk",
                )
            }
            Problem::MinAboveMax { min, max } => {
                let (a, b) = (decimal(*min, 4), decimal(*max, 4));
                tr!(
                    lang,
                    "min ({a}) is groter dan max ({b})",
                    "min ({a}) is greater than max ({b})"
                )
            }
            Problem::ModeOutsideRange { min, mode, max } => {
                let (a, m, b) = (decimal(*min, 4), decimal(*mode, 4), decimal(*max, 4));
                tr!(
                    lang,
                    "de meest waarschijnlijke waarde (mode {m}) ligt niet tussen min ({a}) en max ({b})",
                    "the most likely value (mode {m}) is not between min ({a}) and max ({b})",
                )
            }
            Problem::EmptyRange { value } => {
                let (v, yaml) = (decimal(*value, 4), value);
                tr!(
                    lang,
                    "min en max zijn allebei {v}; gebruik 'fixed: {yaml}' voor een vast bedrag",
                    "min and max are both {v}; use 'fixed: {yaml}' for a fixed amount"
                )
            }
            Problem::LognormalNotPositive => tr!(
                lang,
                "een lognormale verdeling heeft een p5 en p95 groter dan 0 nodig, met p5 kleiner dan p95",
                "a lognormal needs p5 and p95 greater than 0, with p5 below p95",
            ),
            Problem::ShapeNotPositive { value } => {
                let v = decimal(*value, 4);
                tr!(
                    lang,
                    "de PERT-vorm (shape) is {v}, maar moet groter dan 0 zijn (standaard 4)",
                    "the PERT shape is {v}, but must be greater than 0 (default 4)"
                )
            }
            Problem::FactorOutOfRange { field, value } => {
                let v = decimal(*value, 4);
                tr!(
                    lang,
                    "'{field}' is {v}; een maatregel vermenigvuldigt met een factor tussen 0 en 1 (0,5 halveert)",
                    "'{field}' is {v}; a measure multiplies by a factor between 0 and 1 (0.5 halves)",
                )
            }
            Problem::PercentOutOfRange { field, value } => {
                let v = decimal(*value, 4);
                tr!(
                    lang,
                    "'{field}' is {v}%; een percentage van een driver ligt tussen 0 en 1.000",
                    "'{field}' is {v}%; a percentage of a driver lies between 0 and 1,000"
                )
            }
            Problem::BadDate { text } => tr!(
                lang,
                "'{text}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-31",
                "'{text}' is not a date; write YYYY-MM-DD, e.g. 2026-03-31"
            ),
            Problem::BadId { text } => tr!(
                lang,
                "id '{text}' is ongeldig: gebruik letters, cijfers, '-', '_' of '.', zonder spaties",
                "id '{text}' is invalid: use letters, digits, '-', '_' or '.', without spaces",
            ),
            Problem::Currency { text } => tr!(
                lang,
                "valuta '{text}' wordt niet ondersteund; weerstand rekent in euro (EUR)",
                "currency '{text}' is not supported; weerstand works in euros (EUR)"
            ),
            Problem::NormNotPositive => tr!(
                lang,
                "'policy.norm' is de laagste ratio weerstandsvermogen die het bestuur aanvaardt en moet groter dan 0 zijn (bijvoorbeeld 1.0 voor klasse C)",
                "'policy.norm' is the lowest ratio the board accepts and must be greater than 0 (e.g. 1.0 for grade C)"
            ),
            Problem::UnitNotPositive => tr!(
                lang,
                "'unit' moet groter dan 0 zijn (1 voor euro's, 1000 voor bedragen x € 1.000)",
                "'unit' must be greater than 0 (1 for euros, 1000 for thousands)"
            ),
            Problem::UnknownName {
                kind,
                text,
                suggestion,
                allowed,
            } => {
                let (unknown, what) = (kind.unknown(lang), kind.describe(lang));
                match suggestion {
                    Some(s) => tr!(
                        lang,
                        "{unknown} {what} '{text}'; bedoelt u '{s}'?",
                        "{unknown} {what} '{text}'; did you mean '{s}'?"
                    ),
                    None if allowed.is_empty() => tr!(
                        lang,
                        "{unknown} {what} '{text}': dat staat niet in het register",
                        "{unknown} {what} '{text}': it is not in the register",
                    ),
                    None => {
                        let o = one_of(allowed, lang);
                        tr!(
                            lang,
                            "{unknown} {what} '{text}'; kies uit {o}",
                            "{unknown} {what} '{text}'; choose from {o}"
                        )
                    }
                }
            }
            Problem::DuplicateId {
                id,
                first_line,
                in_sheet: true,
            } => tr!(
                lang,
                "id '{id}' komt twee keer voor (eerder in rij {first_line}); elk risico heeft een eigen id",
                "id '{id}' occurs twice (first in row {first_line}); every risk needs its own id",
            ),
            Problem::DuplicateId {
                id,
                first_line,
                in_sheet: false,
            } => tr!(
                lang,
                "id '{id}' komt twee keer voor (eerder op regel {first_line}); elk risico heeft een eigen id",
                "id '{id}' occurs twice (first on line {first_line}); every risk needs its own id",
            ),
            Problem::DuplicateName { what, name, first_line } => tr!(
                lang,
                "{what} '{name}' komt twee keer voor (eerder op regel {first_line})",
                "{what} '{name}' occurs twice (first on line {first_line})",
            ),
            Problem::RankOutOfRange { value } => {
                let v = decimal(*value, 3);
                tr!(
                    lang,
                    "een rangcorrelatie ligt tussen -1 en 1 (0,6 is een sterke samenhang), niet {v}",
                    "a rank correlation lies between -1 and 1 (0.6 is a strong link), not {v}",
                )
            }
            Problem::CorrelationRiskTwice { id } => tr!(
                lang,
                "risico '{id}' staat twee keer in deze correlatie",
                "risk '{id}' is listed twice in this correlation",
            ),
            Problem::CorrelationTooFewRisks => tr!(
                lang,
                "een correlatie noemt ten minste twee risico's, bijvoorbeeld 'risks: [T2-P1, T2-P2]'",
                "a correlation names at least two risks, e.g. 'risks: [T2-P1, T2-P2]'",
            ),
            Problem::CorrelationPairTwice { a, b, first_line } => tr!(
                lang,
                "de correlatie tussen {a} en {b} is al gegeven (regel {first_line}); elk paar één keer",
                "the correlation between {a} and {b} is already given (line {first_line}); give each pair once",
            ),
            Problem::CorrelationNotSimulated { id } => tr!(
                lang,
                "risico '{id}' wordt niet gesimuleerd (PM, niet actief of voor de deelnemers): deze correlatie telt voor dit risico niet mee",
                "risk '{id}' is not simulated (PM, not active or the deelnemers'): this correlation does not apply to it",
            ),
            Problem::CorrelationImpossible {
                risks,
                rank,
                earlier,
                largest,
            } => {
                let (r, max) = (decimal(*rank, 3), decimal(*largest, 2));
                let who = and_list(risks, lang);
                let before: Vec<String> = earlier
                    .iter()
                    .map(|(ids, rank)| format!("{} {}", ids.join("–"), decimal(*rank, 3)))
                    .collect();
                let before = before.join("; ");
                if earlier.is_empty() {
                    tr!(
                        lang,
                        "{who} kunnen niet onderling allemaal rangcorrelatie {r} hebben; de grens ligt bij {max}",
                        "{who} cannot all have rank correlation {r} with each other; the limit is {max}",
                    )
                } else {
                    tr!(
                        lang,
                        "rangcorrelatie {r} tussen {who} kan niet samen met de eerder gegeven correlaties ({before}), waarbij paren die niet genoemd zijn onafhankelijk zijn (0); naast die kan deze waarde tot {max} gaan",
                        "rank correlation {r} between {who} cannot hold together with the correlations given before ({before}), pairs not named being independent (0); beside those this value can go as far as {max}",
                    )
                }
            }
            Problem::MissingOccurrence => tr!(
                lang,
                "de kans ontbreekt: geef 'probability' (kans per jaar) of 'frequency' (aantal keer per jaar), of maak de impact 'pm'",
                "the probability is missing: give 'probability' (chance per year) or 'frequency' (times per year), or make the impact 'pm'",
            ),
            Problem::OpTermijnWithoutFirstYear => tr!(
                lang,
                "status 'op termijn' vraagt om 'first_year': het eerste jaar waarin het risico kan optreden",
                "status 'op termijn' needs 'first_year': the first year in which the risk can occur",
            ),
            Problem::SharesDoNotAddUp { total } => {
                let t = decimal(*total, 4);
                tr!(
                    lang,
                    "de aandelen in de verdeelsleutel tellen op tot {t}% in plaats van 100%",
                    "the shares of the verdeelsleutel add up to {t}% instead of 100%"
                )
            }
            Problem::MixedShares => tr!(
                lang,
                "geef voor alle gemeenten een 'share' (percentage) of voor alle een 'contribution' (bijdrage), niet door elkaar",
                "give every municipality a 'share' (percentage) or every one a 'contribution', not a mix",
            ),
            Problem::EmptyList { field } => tr!(lang, "'{field}' is leeg", "'{field}' is empty"),
            Problem::TotalDiffers { field, sum, total } => {
                let (s, t) = (euro(*sum), euro(*total));
                tr!(
                    lang,
                    "het totaal '{field}' is {t}, maar de gemeenten tellen op tot {s}; meer verschil dan de afronding op hele euro's verklaart",
                    "the total '{field}' is {t}, but the municipalities add up to {s}; more than rounding to whole euros explains"
                )
            }
            Problem::CertaintyOutOfRange { value } => {
                let v = percent(*value, 2);
                tr!(
                    lang,
                    "het zekerheidspercentage is {v}; het moet tussen 50% en 100% liggen (meestal 90%)",
                    "the certainty level is {v}; it must lie between 50% and 100% (usually 90%)",
                )
            }
            Problem::HorizonOrder { first, last } => tr!(
                lang,
                "de horizon begint in {first} maar eindigt in {last}",
                "the horizon starts in {first} but ends in {last}",
            ),
            Problem::HorizonTooLong { years, max } => tr!(
                lang,
                "de horizon beslaat {years} jaar; het maximum is {max}",
                "the horizon spans {years} years; the maximum is {max}"
            ),
            Problem::YearOutsideHorizon { year, first, last } => tr!(
                lang,
                "jaar {year} ligt buiten de horizon {first}–{last}; dit bedrag wordt niet gebruikt",
                "year {year} lies outside the horizon {first}–{last}; this amount is not used",
            ),
            Problem::MissingYears { years } => {
                let y: Vec<String> = years.iter().map(ToString::to_string).collect();
                let y = y.join(", ");
                tr!(
                    lang,
                    "bedragen ontbreken voor {y}; geef een bedrag voor elk jaar van de horizon",
                    "amounts are missing for {y}; give an amount for every year of the horizon"
                )
            }
            Problem::DriverCycle { id } => tr!(
                lang,
                "driver '{id}' is (via andere drivers) de som van zichzelf",
                "driver '{id}' is (through other drivers) a sum of itself"
            ),
            Problem::ClassesNotAscending { field } => tr!(
                lang,
                "de klassen in '{field}' moeten oplopen",
                "the classes in '{field}' must be in ascending order"
            ),
            Problem::LastClassBounded => tr!(
                lang,
                "de laatste kansklasse moet tot 100% lopen (upper: 100%)",
                "the last probability class must reach 100% (upper: 100%)",
            ),
            Problem::BadPath { text } => tr!(
                lang,
                "'{text}' is geen geldig pad; schrijf bijvoorbeeld reserve.balance, drivers.liv.amount of risks.T4-01.probability",
                "'{text}' is not a valid path; write e.g. reserve.balance, drivers.liv.amount or risks.T4-01.probability",
            ),
            Problem::NotABlock { path } => tr!(
                lang,
                "'{path}' is geen blok met velden; daaronder kan niets gezet worden",
                "'{path}' is not a block of fields; nothing can be set under it",
            ),
            Problem::SetWholeList => tr!(
                lang,
                "de risico's worden per risico aangepast (risks.ID.veld), toegevoegd (add) of geschrapt (remove)",
                "risks are changed one by one (risks.ID.field), added (add) or removed (remove)",
            ),
            Problem::BadSet { text } => tr!(
                lang,
                "'{text}' is geen PAD=WAARDE; schrijf bijvoorbeeld --set risks.T4-01.probability=70%",
                "'{text}' is not PATH=VALUE; write e.g. --set risks.T4-01.probability=70%",
            ),
            Problem::BadRange { text } => tr!(
                lang,
                "'{text}' is geen bereik; schrijf VAN..TOT:STAP, bijvoorbeeld 1..8:1 (hoogstens 200 stappen)",
                "'{text}' is not a range; write FROM..TO:STEP, e.g. 1..8:1 (at most 200 steps)",
            ),
            Problem::NothingChanged => tr!(
                lang,
                "het scenario verandert niets aan het register",
                "the scenario changes nothing in the register"
            ),
            Problem::UnknownColumn { text } => tr!(
                lang,
                "kolom '{text}' hoort bij geen veld van een risico en wordt niet gelezen; de kolommen die weerstand kent staan in examples/register-sjabloon.xlsx",
                "column '{text}' is no field of a risk and is not read; the columns weerstand knows are in examples/register-sjabloon.xlsx",
            ),
            Problem::ColumnTwice { text, first } => tr!(
                lang,
                "kolom '{text}' is hetzelfde veld als kolom '{first}'; houd er één",
                "column '{text}' is the same field as column '{first}'; keep one",
            ),
            Problem::NoRiskHeader => tr!(
                lang,
                "geen kopregel met de kolommen van een risico gevonden (bijvoorbeeld 'Id', 'Risico', 'Kans', 'Impact') in de eerste tien rijen; zie examples/register-sjabloon.xlsx",
                "no header row with a risk's columns (e.g. 'Id', 'Risico', 'Kans', 'Impact') in the first ten rows; see examples/register-sjabloon.xlsx",
            ),
            Problem::ImpactAndRange => tr!(
                lang,
                "een vast bedrag én een bereik (min/max): vul het een of het ander in",
                "a fixed amount and a range (min/max): fill in one or the other",
            ),
            Problem::CellError { text } => tr!(
                lang,
                "de cel bevat een rekenfout van Excel ({text}); vul een waarde in",
                "the cell holds an Excel error ({text}); enter a value",
            ),
            Problem::BadSettingPath { text } => tr!(
                lang,
                "'{text}' is geen instelling; schrijf het pad zoals in het register, bijvoorbeeld reserve.balance of drivers.liv.amount.2026 (een lijstelement als verdeelsleutel.municipalities[1].name)",
                "'{text}' is no setting; write its path as in the register, e.g. reserve.balance or drivers.liv.amount.2026 (a list item as verdeelsleutel.municipalities[1].name)",
            ),
            Problem::SettingTwice { text } => tr!(
                lang,
                "instelling '{text}' staat er al (of is al een onderdeel met eigen instellingen)",
                "setting '{text}' is given already (or is a section with settings of its own)",
            ),
            Problem::MissingColumn { field, column } => tr!(
                lang,
                "verplicht veld '{field}' ontbreekt: vul de kolom '{column}' in (of voeg die kolom toe)",
                "required field '{field}' is missing: fill in the column '{column}' (or add that column)",
            ),
            Problem::NoSettings => tr!(
                lang,
                "geen instellingen: voeg een blad 'Instellingen' toe (zie examples/register-sjabloon.xlsx) of geef ze uit een register met --settings REGISTER.yaml",
                "no settings: add a sheet 'Instellingen' (see examples/register-sjabloon.xlsx) or take them from a register with --settings REGISTER.yaml",
            ),
            Problem::StaleReview { date, days } => tr!(
                lang,
                "laatst beoordeeld op {date}, {days} dagen geleden: meer dan een jaar",
                "last reviewed on {date}, {days} days ago: more than a year",
            ),
            Problem::RetiredWithProbability => tr!(
                lang,
                "status 'geen risico meer' maar er staat nog een kans; die telt niet mee",
                "status 'geen risico meer' but a probability is still given; it is ignored",
            ),
            Problem::Placeholders { ids } => {
                let n = ids.len();
                match ids.as_slice() {
                    [one] => tr!(
                        lang,
                        "risico {one} is een plaatshouder: het telt mee in de bedragen, maar de paragraaf noemt het niet bij naam; vervang het door het risico uit het risicomodel",
                        "risk {one} is a placeholder: it counts in the amounts, but the paragraph does not name it; replace it by the risk of the risk model",
                    ),
                    [first, .., last] => tr!(
                        lang,
                        "{n} risico's zijn plaatshouders ({first} … {last}): ze tellen mee in de bedragen, maar de paragraaf noemt ze niet bij naam; vervang ze door de risico's uit het risicomodel",
                        "{n} risks are placeholders ({first} … {last}): they count in the amounts, but the paragraph does not name them; replace them by the risks of the risk model",
                    ),
                    [] => String::new(),
                }
            }
            Problem::PmRisk => tr!(
                lang,
                "PM: de impact is niet gekwantificeerd; het risico staat in de lijsten maar telt niet mee in de bedragen en de simulatie",
                "PM: the impact is not quantified; the risk is listed but counts in no amount and not in the simulation",
            ),
            Problem::BalanceAboveCap {
                year,
                balance,
                cap,
                unit,
            } => {
                let (b, c) = (euro(*balance), euro(*cap));
                let mut text = tr!(
                    lang,
                    "de reserve in {year} ({b}) is hoger dan het plafond ({c}) dat de regeling stelt",
                    "the reserve in {year} ({b}) is above the cap ({c}) that the regulation sets"
                );
                // Typed in euros in a register kept in € 1.000: say what was meant (only when the
                // balance is far above the cap, not when the cap was set low).
                if *unit != 1.0 && balance / unit <= *cap && balance / cap >= unit / 10.0 {
                    let meant = euro(balance / unit);
                    let write = format!("{}", balance / unit / unit);
                    let u = euro(*unit);
                    text.push_str(&tr!(
                        lang,
                        "; in dit register staan bedragen in {u} (metadata.unit): voor {meant} schrijft u {write}",
                        "; this register keeps amounts in {u} (metadata.unit): for {meant} write {write}"
                    ));
                }
                text
            }
            Problem::FirstYearOutsideHorizon { year, first, last } => tr!(
                lang,
                "eerste jaar {year} ligt buiten de horizon {first}–{last}; het risico wordt niet gesimuleerd",
                "first year {year} lies outside the horizon {first}–{last}; the risk is not simulated",
            ),
            Problem::PublishedMismatch { computed, published } => {
                let (c, p) = (euro(*computed), euro(*published));
                tr!(
                    lang,
                    "het gewogen bedrag volgens het register is {c}, het gepubliceerde {p}",
                    "the weighted amount from the register is {c}, the published one {p}",
                )
            }
            Problem::WideLognormal { ratio } => {
                let r = number(*ratio, 0);
                tr!(
                    lang,
                    "p95 is {r} keer p5: zo'n brede lognormale verdeling heeft een zeer zware staart; controleer het interval",
                    "p95 is {r} times p5: so wide a lognormal has a very heavy tail; check the interval",
                )
            }
        }
    }
}

/// The closest of `candidates` to `text`, if it is close enough to be a likely typo.
pub fn suggest<'a>(text: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let lower = text.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(3) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

/// Levenshtein distance, counting an adjacent transposition as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

/// What to write for an amount typed with thousands separators (`50.000`, `€ 50.000`), taken as
/// the euros it shows, in a register kept in `unit` euros: in euros `50000`; in € 1.000 `50`, with
/// the euro amount it stands for, so that a hint is never 1.000 times off.
fn write_in_unit(text: &str, unit: f64, lang: Lang) -> String {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let euros: f64 = digits.parse().unwrap_or(0.0);
    let shown = crate::format::euro(euros);
    if unit == 1.0 {
        return tr!(
            lang,
            "bedoelt u {shown}? Schrijf dan {digits} (bedragen zonder punten)",
            "did you mean {shown}? Then write {digits} (amounts without separators)",
        );
    }
    // YAML's own notation: a decimal point, no grouping.
    let value = format!("{}", euros / unit);
    let unit_text = crate::format::euro(unit);
    tr!(
        lang,
        "in dit register staan bedragen in {unit_text} (metadata.unit): schrijf {value} voor {shown}",
        "this register keeps amounts in {unit_text} (metadata.unit): write {value} for {shown}",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["probability", "frequency", "impact", "title"];
        assert_eq!(suggest("probabilty", fields), Some("probability".into()));
        assert_eq!(suggest("impcat", fields), Some("impact".into()));
        assert_eq!(suggest("Title", fields), Some("title".into()));
        assert_eq!(suggest("owner", fields), None);
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn percent_hint_for_whole_number_probabilities() {
        let p = Problem::ProbabilityOutOfRange {
            field: "probability".into(),
            text: "70".into(),
            value: 70.0,
        };
        assert_eq!(
            p.message(Lang::Nl),
            "'probability' is 70, maar een kans ligt tussen 0 en 1; bedoelt u 70%? Schrijf dan 70% of 0.7"
        );
    }
}
