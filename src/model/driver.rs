//! Drivers: named budget amounts (a loonsom, the LIV) that impacts refer to, so that a what-if on
//! the driver ("the CAO gives 5%") maps to money.

/// A driver's amount in each year of the horizon, in euros.
#[derive(Clone, Debug, PartialEq)]
pub struct Driver {
    pub id: String,
    pub description: Option<String>,
    pub source: Option<String>,
    /// One amount per horizon year, first year first.
    pub values: Vec<f64>,
    /// The drivers this one is the sum of, if any (for display).
    pub parts: Vec<String>,
}

impl Driver {
    /// The amount in horizon year `year_index`.
    pub fn value(&self, year_index: usize) -> f64 {
        self.values[year_index.min(self.values.len() - 1)]
    }
}

/// All drivers of a register, in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drivers {
    pub list: Vec<Driver>,
}

impl Drivers {
    pub fn get(&self, index: usize) -> &Driver {
        &self.list[index]
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.list.iter().position(|d| d.id == id)
    }
}
