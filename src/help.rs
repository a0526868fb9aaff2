//! The command line in the reader's language. clap takes its help from the English doc comments of
//! [`crate::cli`]; [`command`] gives the same command with every text in Dutch (the default) — the
//! descriptions, the headings, the defaults and choices — and [`error_text`] says clap's own errors in
//! Dutch. `--lang en` or `WEERSTAND_LANG=en` keeps clap's English.

use crate::cli::Cli;
use crate::lang::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};
use std::ffi::OsString;

/// The language of a command line before it is parsed: its `--lang`, else `WEERSTAND_LANG`, else
/// Dutch; the help and clap's errors must be in it, and they come before the parse.
pub fn lang_of(args: &[OsString]) -> Lang {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy().into_owned());
    let mut found = None;
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let value = if word == "--lang" {
            words.next()
        } else {
            word.strip_prefix("--lang=").map(str::to_string)
        };
        if let Some(v) = value {
            found = Some(v);
        }
    }
    let text = found
        .or_else(|| std::env::var("WEERSTAND_LANG").ok())
        .unwrap_or_default();
    if text.trim().eq_ignore_ascii_case("en") {
        Lang::En
    } else {
        Lang::Nl
    }
}

/// The command line of weerstand in `lang`.
pub fn command(lang: Lang) -> Command {
    let cmd = Cli::command();
    match lang {
        Lang::En => cmd,
        Lang::Nl => {
            let mut cmd = dutch(cmd, "");
            cmd.build();
            dutch_usage(&mut cmd);
            cmd
        }
    }
}

/// The usage line in Dutch (`[OPTIES]`, `<OPDRACHT>`), for a built command and its subcommands.
fn dutch_usage(cmd: &mut Command) {
    let usage = cmd
        .render_usage()
        .to_string()
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", "[OPTIES]")
        .replace("<COMMAND>", "<OPDRACHT>")
        .replace("[COMMAND]", "[OPDRACHT]");
    *cmd = std::mem::take(cmd).override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        dutch_usage(sub);
    }
}

/// Parses the arguments in their language; on a mistake (or `--help`, `--version`) the text to
/// print and the exit code.
pub fn parse(args: Vec<OsString>) -> Result<Cli, (String, i32, bool)> {
    let lang = lang_of(&args);
    let matches = command(lang).try_get_matches_from(args).map_err(|e| {
        let to_stdout = !e.use_stderr();
        (error_text(&e, lang), e.exit_code(), to_stdout)
    })?;
    <Cli as clap::FromArgMatches>::from_arg_matches(&matches).map_err(|e| (error_text(&e, lang), 2, false))
}

/// What a command says about itself in Dutch: (path, short, long). The path is the command's
/// name (empty for weerstand itself).
const COMMANDS: &[(&str, &str, Option<&str>)] = &[
    (
        "",
        "weerstand: Monte Carlo-simulatie van het weerstandsvermogen van Nederlandse overheden",
        Some(
            "weerstand: Monte Carlo-simulatie van het weerstandsvermogen van Nederlandse overheden.\n\nLeest een risicoregister (YAML of een Excel-werkmap via import) en maakt wat de paragraaf weerstandsvermogen en risicobeheersing nodig heeft. Afsluitcodes: 0 = klaar (het register is geldig), 1 = het register, een scenario of een sjabloon is ongeldig, 2 = gebruiksfout, een bestand dat niet gelezen of geschreven kan worden, of een run die niet in het geheugen past.",
        ),
    ),
    (
        "validate",
        "Controleer een register en meld elk probleem in één keer, met bestand, regel en kolom",
        Some(
            "Controleer een register en meld elk probleem in één keer, met bestand, regel en kolom.\n\nFouten maken het register onbruikbaar (afsluitcode 1); waarschuwingen wijzen op wat mag maar opvalt (een beoordeling van meer dan een jaar oud, een PM-risico, een vervallen risico met een kans).",
        ),
    ),
    (
        "list",
        "De risico's als tabel: id, titel, categorie, status, kans, impact en het gewogen bedrag (kans × verwachte impact)",
        None,
    ),
    (
        "simulate",
        "Simuleer het register: de benodigde weerstandscapaciteit bij het zekerheidspercentage, de ratio en de klasse, de kans dat de reserve tekortschiet, de extra bijdrage per gemeente, per jaar, per categorie en risicosoort, en de bijdrage van elk risico",
        Some(
            "Simuleer het register: de benodigde weerstandscapaciteit bij het zekerheidspercentage, de ratio en de klasse, de kans dat de reserve tekortschiet, de extra bijdrage per gemeente, per jaar, per categorie en risicosoort, en de bijdrage van elk risico.\n\nHetzelfde register, dezelfde seed en hetzelfde aantal iteraties geven dezelfde getallen, op elke computer en bij elk aantal threads.",
        ),
    ),
    (
        "report",
        "Het hele werk: simuleren, de samenvatting tonen en de paragraaf weerstandsvermogen en risicobeheersing in een map schrijven: risicoparagraaf.md, een zelfstandige risicoparagraaf.html (grafieken ingebed, print op A4), elke grafiek als PNG en SVG, resultaten.json, resultaten.xlsx en de CSV-tabellen",
        None,
    ),
    (
        "compare",
        "Vergelijk het register met wat-als-scenario's, naast elkaar: verwacht risicobedrag, benodigde capaciteit, kans dat de reserve tekortschiet, extra bijdrage (per gemeente), ratio en klasse, elk met het verschil met de basis. Alle runs gebruiken dezelfde trekkingen per risico: een verschil is het effect van het scenario, geen toeval",
        None,
    ),
    (
        "sweep",
        "Reken het register door langs één parameter, bijvoorbeeld --set risks.T4-01.impact.driver.percent=1..8:1, en toon waar de kans dat de reserve tekortschiet 10% bereikt",
        None,
    ),
    (
        "serve",
        "Open een wat-als-pagina op deze computer voor de vragen van het bestuur: de kerncijfers, curven en bijdragen van het register, met knoppen voor elke driver, de reserve, het zekerheidspercentage, elk risico en de meegegeven scenario's; elke wijziging wordt opnieuw gesimuleerd met dezelfde trekkingen en naast het register getoond. De pagina kan de wat-als bewaren als scenariobestand; het register zelf wordt nooit geschreven",
        None,
    ),
    (
        "matrix",
        "De gekwantificeerde risicomatrix (\"Kwalificatie en kwantificering risico's\"): gewogen bedragen per categorie en risicosoort, met totalen, in de opmaak van het Werkplan",
        None,
    ),
    (
        "diff",
        "Wat er veranderde tussen twee registers: nieuwe, vervallen en gewijzigde risico's (met voorgestelde koppelingen op titel), gemeenten die toe- of uittraden, de reserve; en de verandering van de benodigde capaciteit, stap voor stap toegerekend met dezelfde toevalsgetallen",
        None,
    ),
    (
        "import",
        "Lees een register uit een werkmap (Excel .xlsx/.xlsm/.xls, LibreOffice .ods of .csv) en schrijf het als YAML-register: één rij per risico op het blad \"Risico's\" (kolommen zoals u ze noemt: Id, Risico, Oorzaak, Gevolg, Categorie, Soort, Status, Kans, Impact of Impact min/meest waarschijnlijk/max, Maatregelen, Eigenaar, Datum …), de instellingen op het blad \"Instellingen\" of uit een register (--settings). Elk probleem wordt gemeld bij blad en cel; er wordt niets geschreven tot het register geldig is. Sjabloon: examples/register-sjabloon.xlsx",
        None,
    ),
    (
        "export",
        "Schrijf een register als Excel-werkmap (risico's, instellingen en de keuzelijsten), om in Excel bij te houden en terug te lezen met `weerstand import`",
        None,
    ),
    (
        "completions",
        "Toon een aanvulscript voor de shell: `weerstand completions bash > /etc/bash_completion.d/weerstand` (of zsh, fish, powershell, elvish)",
        None,
    ),
    (
        "man",
        "Toon de handleiding (roff) van weerstand, of van één opdracht: `weerstand man | man -l -`",
        None,
    ),
    (
        "afrekening",
        "De afrekening van een afgelopen jaar: per taakveld en gemeente de gerealiseerde kosten (direct en overhead) tegenover de gefactureerde bijdragen, wat elke gemeente betaalt of terugkrijgt, het verloop van de reserve en wat er met de risico's gebeurde; uit het onderdeel `realised:` van het register",
        None,
    ),
];

/// What an argument says in Dutch, by its id; `command.id` where one command says it its own way.
const ARGS: &[(&str, &str)] = &[
    (
        "lang",
        "Taal van alle uitvoer: Nederlands (nl, standaard) of Engels (en)",
    ),
    (
        "allow",
        "Zwijg over waarschuwingen van deze soort (herhaalbaar): pm, review, placeholder, retired, lognormal, published, year, unchanged, column",
    ),
    (
        "deny_warnings",
        "Behandel waarschuwingen (die niet met --allow zwijgen) als fouten: toon ze en sluit af met code 1",
    ),
    (
        "color",
        "Kleur `fout`/`waarschuwing` op de foutuitvoer: auto (op een terminal, tenzij NO_COLOR gezet is), always of never",
    ),
    (
        "format",
        "Uitvoer voor mensen (text, standaard) of voor programma's (json): validate, list, matrix en simulate geven dan JSON op de standaarduitvoer in plaats van tekst (dezelfde cijfers)",
    ),
    ("file", "Het registerbestand (YAML; - leest de standaardinvoer)"),
    ("import.file", "De werkmap (.xlsx, .xlsm, .xls, .ods of .csv)"),
    ("import.out", "Het YAML-register dat geschreven wordt"),
    (
        "import.settings",
        "Neem de instellingen (reserve, verdeelsleutel, horizon, drivers …) uit dit YAML-register in plaats van uit het blad \"Instellingen\" van de werkmap",
    ),
    ("export.out", "De werkmap die geschreven wordt (.xlsx)"),
    ("scenario", "Pas een scenariobestand toe (herhaalbaar; in volgorde)"),
    (
        "sweep.scenario",
        "Scenariobestanden die eerst worden toegepast (herhaalbaar)",
    ),
    (
        "compare.scenarios",
        "Een scenariobestand om te vergelijken (herhaalbaar)",
    ),
    (
        "set",
        "Wijzig één waarde, bijvoorbeeld --set reserve.balance=500 of --set risks.T4-01.probability=1 (bedragen in de eenheid van het register: € 500.000 in een register in € 1.000, zoals het meegeleverde; herhaalbaar; na de scenariobestanden)",
    ),
    (
        "compare.set",
        "Eén extra scenario met deze wijzigingen, bijvoorbeeld --set reserve.balance=500 (bedragen in de eenheid van het register: € 500.000 in een register in € 1.000, zoals het meegeleverde; herhaalbaar)",
    ),
    (
        "sweep.set",
        "De parameter en zijn bereik PAD=VAN..TOT:STAP (precies één), en eventuele vaste wijzigingen PAD=WAARDE",
    ),
    (
        "serve.scenarios",
        "Een scenariobestand dat de pagina laat aanzetten (herhaalbaar)",
    ),
    ("serve.iterations", "Aantal iteraties (gesimuleerde jaren) van elke run"),
    ("port", "De poort om op te luisteren (0: een vrije poort)"),
    (
        "host",
        "Het adres om op te luisteren. Standaard alleen deze computer; elk ander adres deelt de pagina, en de knop om te bewaren, met het netwerk",
    ),
    (
        "save_dir",
        "De map waarin bewaarde scenario's komen (standaard: `scenarios` naast het register)",
    ),
    (
        "serve.max_iterations",
        "Het grootste aantal iteraties dat de pagina mag vragen",
    ),
    ("sort", "Volgorde van de rijen"),
    ("bruto", "Bruto: de risico's zoals geregistreerd, vóór enige maatregel"),
    (
        "list.with_planned",
        "Netto inclusief geplande maatregelen, niet alleen de uitgevoerde",
    ),
    (
        "matrix.with_planned",
        "Netto inclusief geplande maatregelen, niet alleen de uitgevoerde",
    ),
    (
        "with_planned",
        "Tel ook geplande maatregelen mee, niet alleen de uitgevoerde (netto incl. gepland)",
    ),
    ("iterations", "Aantal iteraties (gesimuleerde jaren)"),
    (
        "seed",
        "Startwaarde (seed) van de toevalsgetallen; zonder wordt er een gekozen en getoond",
    ),
    (
        "threads",
        "Aantal threads (standaard: alle kernen). De uitkomsten hangen er niet van af",
    ),
    (
        "certainty",
        "Zekerheidspercentage, minstens 50% en onder 100%, bijvoorbeeld 90% of 0.9 (standaard: dat van het register)",
    ),
    (
        "percentiles",
        "Percentielen van de tabel, bijvoorbeeld 50,70,90,95 of 0.5,0.9 (standaard 50,70,75,80,85,90,95,99)",
    ),
    ("quiet", "Geen voortgangsbalk"),
    (
        "precision",
        "Reken door tot het 95%-betrouwbaarheidsinterval van de benodigde weerstandscapaciteit aan elke kant zo smal is: een percentage ervan (0,5%) of een bedrag in euro (5000), in stappen van 10.000 iteraties die telkens verdubbelen (dezelfde seed stopt bij dezelfde stap); vervangt --iterations",
    ),
    (
        "max_iterations",
        "Het grootste aantal iteraties dat een run tot een precisie mag nemen",
    ),
    (
        "simulate.out",
        "Schrijf de volledige uitkomsten (resultaten.json, resultaten.xlsx) en de tabellen (CSV) in deze map",
    ),
    ("report.out", "De map waarin het rapport komt (wordt zo nodig gemaakt)"),
    (
        "report.template",
        "Uw eigen sjabloon voor de paragraaf (minijinja/Jinja2, Markdown), in plaats van het ingebouwde",
    ),
    (
        "report.compare",
        "Voeg een \"wat als\"-onderdeel toe dat deze scenariobestanden met het register vergelijkt (herhaalbaar)",
    ),
    (
        "compare.out",
        "Schrijf vergelijking.json, .csv, .xlsx en de grafiek (PNG, SVG) in deze map",
    ),
    (
        "sweep.out",
        "Schrijf doorrekening.csv, .json, .xlsx en de grafiek (PNG, SVG) in deze map",
    ),
    (
        "diff.out",
        "Schrijf verschil.csv, .json, .xlsx en de watervalgrafiek (PNG, SVG) in deze map",
    ),
    ("afrekening.out", "Schrijf afrekening.csv, .json en .xlsx in deze map"),
    (
        "rounding",
        "Rond elke cel en elk totaal af op een veelvoud van zoveel euro (standaard: `matrix.rounding` van het register, anders € 1.000)",
    ),
    (
        "unit",
        "Toon bedragen in deze eenheid van euro's (standaard: `matrix.unit` van het register, anders 1000)",
    ),
    ("old", "Het oudere register (YAML)"),
    ("new", "Het nieuwere register (YAML)"),
    ("shell", "De shell waarvoor aangevuld wordt"),
    (
        "man.command",
        "De opdracht waarvan de handleiding getoond wordt (standaard: weerstand zelf)",
    ),
    (
        "year",
        "Het jaar dat wordt afgerekend (standaard: het laatste gerealiseerde jaar in het register)",
    ),
];

/// Dutch names for the placeholders of values (clap names an option's value after its field).
const VALUE_NAMES: &[(&str, &str)] = &[
    ("FILE", "BESTAND"),
    ("DIR", "MAP"),
    ("KIND", "SOORT"),
    ("WHEN", "WANNEER"),
    ("PATH=VALUE", "PAD=WAARDE"),
    ("PATH=FROM..TO:STEP", "PAD=VAN..TOT:STAP"),
    ("WORKBOOK.xlsx", "WERKMAP.xlsx"),
    ("OLD", "OUD"),
    ("NEW", "NIEUW"),
    ("COMMAND", "OPDRACHT"),
    ("YEAR", "JAAR"),
    ("PORT", "POORT"),
    ("HOST", "ADRES"),
    ("ITERATIONS", "N"),
    ("MAX_ITERATIONS", "N"),
    ("PRECISION", "PRECISIE"),
    ("THREADS", "N"),
    ("CERTAINTY", "PERCENTAGE"),
    ("PERCENTILES", "LIJST"),
    ("SORT", "VOLGORDE"),
    ("ROUNDING", "EURO"),
    ("UNIT", "EENHEID"),
    ("LANG", "TAAL"),
    ("FORMAT", "VORM"),
];

fn value_name(name: &str) -> String {
    VALUE_NAMES
        .iter()
        .find(|(en, _)| en.eq_ignore_ascii_case(name))
        .map_or_else(|| name.to_uppercase(), |(_, nl)| (*nl).to_string())
}

fn dutch(mut cmd: Command, path: &str) -> Command {
    if let Some((_, short, long)) = COMMANDS.iter().find(|(p, ..)| *p == path) {
        cmd = cmd.about(*short);
        cmd = match long {
            Some(text) => cmd.long_about(*text),
            None => cmd.long_about(clap::builder::Resettable::<clap::builder::StyledStr>::Reset),
        };
    }
    if path.is_empty() {
        cmd = cmd
            .after_help(
                "Omgeving: WEERSTAND_LANG (nl of en), WEERSTAND_MAX_MEMORY (bytes die een run mag gebruiken; standaard het beschikbare geheugen).\nHet register en de scenariobestanden worden nooit geschreven; elke uitvoer wordt in zijn geheel geschreven of helemaal niet.\nBegin met: weerstand report risks/ijmond-werkt-2026.yaml --out rapport",
            )
            .disable_help_subcommand(true)
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help("Toon de versie"),
            );
    }
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let own = format!("{path}.{id}");
        let text = ARGS
            .iter()
            .find(|(k, _)| *k == own)
            .or_else(|| ARGS.iter().find(|(k, _)| *k == id))
            .map(|(_, t)| *t);
        cmd = cmd.mut_arg(id.as_str(), |a| localize_arg(a, text));
    }
    let has_positionals = cmd.get_positionals().next().is_some();
    let has_subcommands = cmd.has_subcommands();
    cmd = cmd.disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help("Toon deze hulp (--help: uitgebreid)")
            .global(true),
    );
    let mut template = String::from("{before-help}{about-with-newline}\nGebruik: {usage}\n");
    if has_subcommands {
        template.push_str("\nOpdrachten:\n{subcommands}\n");
    }
    if has_positionals {
        template.push_str("\nArgumenten:\n{positionals}\n");
    }
    template.push_str("\nOpties:\n{options}{after-help}");
    cmd = cmd.help_template(template).subcommand_value_name("OPDRACHT");
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(name.as_str(), |s| dutch(s, &name));
    }
    cmd
}

/// An argument's help in Dutch, with its default, choices and environment variable said in Dutch.
fn localize_arg(mut a: Arg, text: Option<&str>) -> Arg {
    let mut help = text.map_or_else(
        || a.get_help().map(ToString::to_string).unwrap_or_default(),
        str::to_string,
    );
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !a.is_hide_default_value_set() && a.get_action().takes_values() {
        help.push_str(&format!(" [standaard: {}]", defaults.join(", ")));
    }
    let choices: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !choices.is_empty() && !a.is_hide_possible_values_set() && a.get_action().takes_values() {
        help.push_str(&format!(" [keuzes: {}]", choices.join(", ")));
    }
    if let Some(env) = a.get_env() {
        help.push_str(&format!(" [omgeving: {}]", env.to_string_lossy()));
    }
    let names: Vec<String> = a
        .get_value_names()
        .filter(|n| !n.is_empty())
        .map_or_else(
            || vec![a.get_id().to_string()],
            |n| n.iter().map(ToString::to_string).collect(),
        )
        .iter()
        .map(|n| value_name(n))
        .collect();
    if a.is_positional() || a.get_action().takes_values() {
        a = a.value_names(names);
    }
    let takes = a.get_action().takes_values();
    a = a.help(help).hide_env(true);
    if takes {
        a = a.hide_default_value(true).hide_possible_values(true);
    }
    a
}

/// clap's error (or help, or version) in the language of the command line.
pub fn error_text(e: &clap::Error, lang: Lang) -> String {
    if lang == Lang::En
        || matches!(
            e.kind(),
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        return e.render().to_string();
    }
    let get = |kind: ContextKind| -> Option<String> {
        e.get(kind).map(|v| match v {
            ContextValue::String(s) => s.clone(),
            ContextValue::Strings(list) => list.join(", "),
            ContextValue::StyledStr(s) => s.to_string(),
            ContextValue::StyledStrs(list) => list.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
            ContextValue::Number(n) => n.to_string(),
            ContextValue::Bool(b) => b.to_string(),
            _ => String::new(),
        })
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let mut text = match e.kind() {
        ErrorKind::UnknownArgument => format!("onbekende optie '{arg}'"),
        ErrorKind::InvalidSubcommand => format!(
            "onbekende opdracht '{}'",
            get(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue => match get(ContextKind::ValidValue) {
            Some(valid) => format!("ongeldige waarde '{value}' voor '{arg}'; kies uit: {valid}"),
            None => format!("ongeldige waarde '{value}' voor '{arg}'"),
        },
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            format!("ongeldige waarde '{value}' voor '{arg}'{why}")
        }
        ErrorKind::MissingRequiredArgument => format!("verplicht argument ontbreekt: {arg}"),
        ErrorKind::MissingSubcommand => "geef een opdracht".to_string(),
        ErrorKind::ArgumentConflict => format!(
            "'{arg}' gaat niet samen met '{}'",
            get(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues => format!("te veel waarden voor '{arg}': '{value}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("verkeerd aantal waarden voor '{arg}'")
        }
        ErrorKind::NoEquals => format!("'{arg}' vraagt om een '=' voor de waarde"),
        ErrorKind::InvalidUtf8 => "een argument is geen geldige UTF-8".to_string(),
        _ => {
            return e.render().to_string();
        }
    };
    text = format!("fout: {text}\n");
    if let Some(s) = get(ContextKind::SuggestedArg) {
        text.push_str(&format!("\n  tip: bedoelt u '{s}'?\n"));
    }
    if let Some(s) = get(ContextKind::SuggestedSubcommand) {
        text.push_str(&format!("\n  tip: bedoelt u '{s}'?\n"));
    }
    if let Some(s) = get(ContextKind::SuggestedValue) {
        text.push_str(&format!("\n  tip: bedoelt u '{s}'?\n"));
    }
    let usage = get(ContextKind::Usage);
    if usage.is_none() {
        text.push_str("\nMeer uitleg: weerstand --help\n");
    }
    if let Some(usage) = usage {
        let usage = usage.trim().trim_start_matches("Usage:").trim().to_string();
        text.push_str(&format!("\nGebruik: {usage}\n"));
        let command: Vec<&str> = usage
            .split_whitespace()
            .take_while(|w| !w.starts_with(['-', '<', '[']))
            .collect();
        text.push_str(&format!("\nMeer uitleg: {} --help\n", command.join(" ")));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_known_before_the_parse() {
        assert_eq!(lang_of(&os(&["weerstand", "--lang", "en", "simulate"])), Lang::En);
        assert_eq!(lang_of(&os(&["weerstand", "simulate", "--lang=en"])), Lang::En);
        assert_eq!(lang_of(&os(&["weerstand", "--", "--lang", "en"])), Lang::Nl);
    }

    #[test]
    fn every_command_and_argument_has_a_dutch_text() {
        let english = Cli::command();
        let dutch = command(Lang::Nl);
        fn walk(en: &Command, nl: &Command, path: &str, missing: &mut Vec<String>) {
            if en.get_about().map(ToString::to_string) == nl.get_about().map(ToString::to_string) {
                missing.push(format!("{path} (about)"));
            }
            for a in en.get_arguments().filter(|a| !a.is_hide_set()) {
                let id = a.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                let theirs = nl
                    .get_arguments()
                    .find(|b| b.get_id() == a.get_id())
                    .and_then(Arg::get_help);
                let english = a.get_help().map(ToString::to_string).unwrap_or_default();
                let dutch = theirs.map(ToString::to_string).unwrap_or_default();
                if dutch.starts_with(&english) {
                    missing.push(format!("{path}.{id}"));
                }
            }
            for s in en.get_subcommands() {
                let t = nl.find_subcommand(s.get_name()).expect("same commands");
                walk(s, t, s.get_name(), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&english, &dutch, "", &mut missing);
        assert!(missing.is_empty(), "no Dutch text for {missing:?}");
        dutch.debug_assert();
    }

    #[test]
    fn clap_mistakes_are_said_in_dutch() {
        let err = |args: &[&str]| match parse(os(args)) {
            Err((text, code, _)) => (text, code),
            Ok(_) => panic!("{args:?} parsed"),
        };
        let (text, code) = err(&["weerstand", "simulate", "x.yaml", "--iteratons", "5"]);
        assert_eq!(code, 2);
        assert!(text.starts_with("fout: onbekende optie '--iteratons'"), "{text}");
        assert!(text.contains("tip: bedoelt u '--iterations'?"), "{text}");
        assert!(text.contains("Meer uitleg: weerstand simulate --help"), "{text}");
        let (text, _) = err(&["weerstand", "simulat"]);
        assert!(
            text.contains("onbekende opdracht 'simulat'") && text.contains("bedoelt u 'simulate'?"),
            "{text}"
        );
        let (text, _) = err(&["weerstand", "list", "x.yaml", "--sort", "naam"]);
        assert!(text.contains("ongeldige waarde 'naam' voor '--sort <"), "{text}");
        assert!(text.contains("kies uit"), "{text}");
        let (text, _) = err(&["weerstand", "--lang", "en", "simulat"]);
        assert!(text.contains("unrecognized subcommand"), "{text}");
        let (text, code) = err(&["weerstand", "simulate", "--help"]);
        assert_eq!(code, 0);
        assert!(
            text.contains("Gebruik: weerstand simulate [OPTIES] <BESTAND>"),
            "{text}"
        );
        assert!(text.contains("Aantal iteraties (gesimuleerde jaren)"), "{text}");
        assert!(text.contains("Opties:") && !text.contains("Options:"), "{text}");
    }
}
