//! The verdeelsleutel: how the participating municipalities share a shortfall beyond the reserve.
//! A register has one key, and may have one per taakveld (the Jaarverslag 2020 settles the Wsw by
//! the Wsw budgets and re-integratie by inhabitants, L2240–L2253); any key can change from a year on,
//! when a municipality joins or leaves (Uitgeest left on 1-1-2022).

/// One participant and its share.
#[derive(Clone, Debug, PartialEq)]
pub struct Municipality {
    pub name: String,
    /// Fraction of the total in the main key's first period; the shares of a key add up to 1.
    pub share: f64,
    /// The budget contribution the share was derived from, in euros, if it was given that way.
    pub contribution: Option<f64>,
}

/// A key: the shares of every municipality (of [`Verdeelsleutel::municipalities`], by index; 0 for
/// one that is not a member then), per period.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The taakveld it is for (`wsw`); `None` for the main key.
    pub name: Option<String>,
    pub basis: Option<String>,
    /// From which year each set of shares holds, ascending; the first holds from the start.
    pub periods: Vec<(i32, Vec<f64>)>,
}

impl Key {
    /// The shares in `year`: those of the last period that started in or before it.
    pub fn shares_in(&self, year: i32) -> &[f64] {
        let k = self.periods.iter().rposition(|(from, _)| *from <= year).unwrap_or(0);
        &self.periods[k].1
    }
}

/// The keys by which a shortfall beyond the reserve is charged to the municipalities.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdeelsleutel {
    /// What the main key is based on, in words (e.g. "gemeentelijke bijdragen 2026").
    pub basis: Option<String>,
    /// Every municipality that is a member in any year under any key; `share` is its share in the
    /// main key's first period.
    pub municipalities: Vec<Municipality>,
    /// The main key: for every risk without a taakveld.
    pub main: Key,
    /// A key per taakveld, for the risks that name it.
    pub taakvelden: Vec<Key>,
}

impl Verdeelsleutel {
    /// One key with one set of shares: every municipality carries its share of every euro.
    pub fn is_simple(&self) -> bool {
        self.taakvelden.is_empty() && self.main.periods.len() == 1
    }

    /// The key a risk of taakveld `taakveld` (`None`: no taakveld) is charged by.
    pub fn key(&self, taakveld: Option<usize>) -> &Key {
        taakveld.map_or(&self.main, |t| &self.taakvelden[t])
    }

    /// One key of one set of shares, as the register's plain `municipalities` list gives it.
    pub fn single(basis: Option<String>, municipalities: Vec<Municipality>) -> Verdeelsleutel {
        let shares = municipalities.iter().map(|m| m.share).collect();
        Verdeelsleutel {
            basis: basis.clone(),
            municipalities,
            main: Key {
                name: None,
                basis,
                periods: vec![(i32::MIN, shares)],
            },
            taakvelden: Vec::new(),
        }
    }
}
