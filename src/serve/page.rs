//! The page of `weerstand serve`: HTML, CSS and JavaScript compiled into the binary, with its
//! words in the reader's language (numbers the page formats itself use the same marks as the
//! terminal: `€ 1.234.567` or `€ 1,234,567`).

use crate::lang::Lang;

const HTML: &str = include_str!("page.html");
const CSS: &str = include_str!("page.css");
const JS: &str = include_str!("page.js");

/// The page, whole: styles and script inline, the words as JSON.
pub fn html(lang: Lang) -> String {
    let texts = serde_json::to_string(&texts(lang)).expect("texts serialize");
    HTML.replace("{{lang}}", lang.pick("nl", "en"))
        .replace("{{title}}", lang.pick("weerstand — wat als", "weerstand — what if"))
        .replace("{{css}}", CSS)
        // `</` cannot occur in JSON the way serde writes strings except inside them; escaped so
        // that no text can close the script element.
        .replace("{{texts}}", &texts.replace("</", "<\\/"))
        .replace("{{js}}", JS)
}

/// The page's words.
fn texts(lang: Lang) -> serde_json::Value {
    let (thousands, decimal) = match lang {
        Lang::Nl => (".", ","),
        Lang::En => (",", "."),
    };
    let t = |nl: &str, en: &str| lang.pick(nl, en).to_string();
    let pairs: Vec<(&str, String)> = vec![
        ("thousands", thousands.to_string()),
        ("decimal", decimal.to_string()),
        ("heading", t("Wat als", "What if")),
        ("iterations", t("iteraties", "iterations")),
        (
            "loading",
            t("Het register wordt doorgerekend…", "Simulating the register…"),
        ),
        ("busy", t("rekent…", "computing…")),
        ("computedIn", t("doorgerekend in", "computed in")),
        (
            "latencyNote",
            t(
                "gemeten in deze browser, van de wijziging tot de getoonde cijfers; elke wijziging rekent met het volle aantal iteraties",
                "measured in this browser, from the change to the figures shown; every change runs the full number of iterations",
            ),
        ),
        ("base", t("Basis (register)", "Base (register)")),
        ("whatif", t("Wat als", "What if")),
        ("difference", t("Verschil", "Difference")),
        ("levers", t("Stuurvariabelen", "Levers")),
        (
            "leversNote",
            t(
                "Een percentage of bedrag hier vervangt de bandbreedte van het register door één waarde.",
                "A percentage or amount here replaces the register's range by a single value.",
            ),
        ),
        ("reserve", t("Reserve en zekerheid", "Reserve and certainty")),
        ("scenarios", t("Scenario's", "Scenarios")),
        (
            "noScenarios",
            t(
                "Geen scenariobestanden meegegeven (weerstand serve … --scenario BESTAND).",
                "No scenario files given (weerstand serve … --scenario FILE).",
            ),
        ),
        ("risks", t("Risico's", "Risks")),
        (
            "search",
            t("Zoek op nummer of omschrijving", "Search by number or title"),
        ),
        ("showAll", t("Toon alle risico's", "Show all risks")),
        ("showTop", t("Toon alleen de 10 grootste", "Show only the 10 largest")),
        (
            "topNote",
            t(
                "Eerst de 10 risico's die in de zwaarste jaren het meest bijdragen.",
                "First the 10 risks that contribute most in the worst years.",
            ),
        ),
        ("worstYears", t("in de zwaarste jaren", "in the worst years")),
        ("off", t("uit", "off")),
        ("offTitle", t("Laat dit risico weg", "Leave this risk out")),
        ("register", t("register", "register")),
        ("reset", t("terug naar het register", "back to the register")),
        (
            "resetAll",
            t("Alles terug naar het register", "Everything back to the register"),
        ),
        ("changes", t("Wijzigingen", "Changes")),
        (
            "noChanges",
            t(
                "Nog niets gewijzigd: de wat-als-kolom is het register zelf.",
                "Nothing changed yet: the what-if column is the register itself.",
            ),
        ),
        ("command", t("Hetzelfde in de terminal", "The same in a terminal")),
        (
            "commandAfterSave",
            t(
                "Bewaar het scenario om het commando te krijgen (een weggelaten risico of een scenario gaat niet met --set).",
                "Save the scenario to get the command (a risk left out or a scenario cannot be written with --set).",
            ),
        ),
        ("save", t("Bewaar als scenario", "Save as scenario")),
        ("saveName", t("Naam", "Name")),
        ("saveDescription", t("Omschrijving", "Description")),
        ("saveButton", t("Bewaar", "Save")),
        ("saved", t("Bewaard als", "Saved as")),
        (
            "savedNote",
            t(
                "Het register zelf wordt nooit gewijzigd. Vergelijk het scenario in de terminal met:",
                "The register itself is never changed. Compare the scenario in a terminal with:",
            ),
        ),
        (
            "errors",
            t(
                "Deze wijziging kan niet worden doorgerekend",
                "This change cannot be computed",
            ),
        ),
        (
            "stale",
            t(
                "De cijfers hieronder horen bij de laatste geldige invoer.",
                "The figures below belong to the last valid input.",
            ),
        ),
        ("municipalityYears", t("Gemeente", "Municipality")),
        ("unitOf", t("× € ", "× € ")),
        ("warnings", t("Let op", "Note")),
    ];
    serde_json::Value::Object(
        pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::String(v)))
            .collect(),
    )
}
