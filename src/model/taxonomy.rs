//! Categories (the matrix rows) and risk types (the matrix columns).

/// A named entry of the categories or the risk types.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// Short name used in the register (`uitvoering`).
    pub id: String,
    /// Full name as printed in the paragraph.
    pub name: String,
    /// English name, known for the defaults only.
    pub name_en: Option<String>,
}

impl Label {
    fn new(id: &str, name: &str, name_en: &str) -> Label {
        Label {
            id: id.into(),
            name: name.into(),
            name_en: Some(name_en.into()),
        }
    }

    /// The name in the output language; a register's own labels have only their own name.
    pub fn display(&self, lang: crate::Lang) -> &str {
        match (lang, &self.name_en) {
            (crate::Lang::En, Some(en)) => en,
            _ => &self.name,
        }
    }
}

/// The four risk categories of the Werkplan 2026 (matrix rows, L2028–L2040).
pub fn default_categories() -> Vec<Label> {
    vec![
        Label::new(
            "wet-en-regelgeving",
            "Niet beïnvloedbare risico's wet- en regelgeving",
            "Non-influenceable risks: legislation and regulation",
        ),
        Label::new(
            "omgeving",
            "Omgeving gerelateerde (deels niet beïnvloedbare) risico's",
            "Environment-related (partly non-influenceable) risks",
        ),
        Label::new(
            "uitvoering",
            "Reguliere risico's uitvoering en beheersing",
            "Regular risks: operations and control",
        ),
        Label::new(
            "arbeidsvoorwaarden",
            "Reguliere risico's arbeidsvoorwaardelijk en juridisch",
            "Regular risks: employment terms and legal",
        ),
    ]
}

/// The four risk types of the Werkplan's matrix columns (L2014–L2022).
pub fn default_risk_types() -> Vec<Label> {
    vec![
        Label::new("politiek", "Politiek risico", "Political"),
        Label::new(
            "demografisch-fiscaal",
            "Demografisch en fiscaal",
            "Demographic and fiscal",
        ),
        Label::new("commercieel", "Commercieel", "Commercial"),
        Label::new(
            "uitvoering-financieel",
            "Uitvoering, beheersing en financieel",
            "Operations, control and financial",
        ),
    ]
}
