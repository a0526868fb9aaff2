//! The budget years the simulation covers: the begroting year and the meerjarenraming.

/// An inclusive range of budget years.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Horizon {
    pub first: i32,
    pub last: i32,
}

impl Horizon {
    /// Longest horizon accepted: a meerjarenraming covers four years; ten leaves ample room.
    pub const MAX_YEARS: i32 = 10;

    pub fn len(&self) -> usize {
        (self.last - self.first + 1) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.last < self.first
    }

    pub fn years(&self) -> impl Iterator<Item = i32> {
        self.first..=self.last
    }

    /// Index of a year within the horizon, if it lies inside.
    pub fn index_of(&self, year: i32) -> Option<usize> {
        (self.first..=self.last)
            .contains(&year)
            .then(|| (year - self.first) as usize)
    }
}
