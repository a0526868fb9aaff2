//! What happens to a year's risk amount: the algemene reserve absorbs it as far as it can; the rest
//! is an extra contribution from the municipalities, shared by the verdeelsleutel.
//!
//! The register's balance of a year is the **planned** balance at its start: what the reserve holds
//! when no risk occurs. The begroting finances the planned changes from one year to the next: an
//! addition (dotatie) is paid from the regular contributions, a withdrawal (onttrekking) pays for
//! something planned. So without any risk every year starts at its planned balance and the
//! municipalities pay nothing extra (a test below holds this for any plan).
//!
//! Per iteration, year after year, with `R` the reserve at the start of the year and `L` the year's
//! risk amount (negative: a surplus from opportunities):
//!
//! - a loss is taken from the reserve up to `R` (`used`); what is left is the **overflow**, charged
//!   to the municipalities at once;
//! - with `replenish`, the municipalities top the reserve up again after the jaarrekening
//!   (**replenishment** = `used`) and get any surplus paid back, so every year starts at its planned
//!   balance;
//! - without it, the reserve carries over: next year's reserve is this year's, minus what was used,
//!   plus a surplus up to the cap (the part above the cap is paid back), plus the planned change. A
//!   planned withdrawal the reserve can no longer pay (risks used it up) is paid by the
//!   municipalities (**unfunded**); a planned addition that would lift the reserve above the cap is
//!   paid back.
//!
//! The **extra contribution** of a year is overflow + replenishment + unfunded − surplus paid back.
//! Either way `R' = R − L + contribution + planned change`, with `0 ≤ R' ≤ cap`.

use crate::model::Reserve;

/// One year of one iteration.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct YearOutcome {
    pub start_reserve: f64,
    pub used: f64,
    pub overflow: f64,
    pub replenishment: f64,
    /// The part of a planned withdrawal the reserve could not pay, because risks had used it.
    pub unfunded: f64,
    pub returned: f64,
}

impl YearOutcome {
    /// What the municipalities pay (negative: what they get back) for this year.
    pub fn contribution(&self) -> f64 {
        self.overflow + self.replenishment + self.unfunded - self.returned
    }
}

/// Settles the losses of one iteration, year by year; `out[y]` receives year `y`.
pub fn settle(losses: impl Fn(usize) -> f64, reserve: &Reserve, out: &mut [YearOutcome]) {
    let mut available = reserve.balance[0];
    for (y, outcome) in out.iter_mut().enumerate() {
        (*outcome, available) = settle_year(reserve, y, available, losses(y));
    }
}

/// Year `y` of an iteration whose reserve holds `available` at the year's start and whose risk
/// amount is `loss`: the year's outcome and the reserve at the next year's start. [`settle`] is
/// this year after year; a block of iterations is settled by [`YearRule::settle`] year by year
/// ([`settled`](super::settled)), the same operations.
#[inline(always)]
pub fn settle_year(reserve: &Reserve, y: usize, available: f64, loss: f64) -> (YearOutcome, f64) {
    YearRule::of(reserve, y).settle(available, loss)
}

/// What settling year `y` takes from the reserve, taken out once for a loop over a block's
/// iterations: in the loop the compiler reloaded each from the register and tested its flags at
/// every iteration.
#[derive(Clone, Copy, Debug)]
pub struct YearRule {
    replenish: bool,
    cap: f64,
    balance: f64,
    /// The planned balance at the next year's start, if the horizon has a next year.
    next_balance: Option<f64>,
}

impl YearRule {
    pub fn of(reserve: &Reserve, y: usize) -> YearRule {
        YearRule {
            replenish: reserve.replenish,
            cap: reserve.cap,
            balance: reserve.balance[y],
            next_balance: reserve.balance.get(y + 1).copied(),
        }
    }

    /// The year's outcome from `available` at its start and the risk amount `loss`, and the
    /// reserve at the next year's start.
    #[inline(always)]
    pub fn settle(self, available: f64, loss: f64) -> (YearOutcome, f64) {
        let mut o = YearOutcome {
            start_reserve: available,
            ..YearOutcome::default()
        };
        let mut retained = 0.0;
        if loss >= 0.0 {
            o.used = loss.min(available);
            o.overflow = loss - o.used;
        } else if self.replenish {
            o.returned = -loss;
        } else {
            retained = (-loss).min((self.cap - available).max(0.0));
            o.returned = -loss - retained;
        }
        if self.replenish {
            o.replenishment = o.used;
        }
        let mut next = available;
        if let Some(next_balance) = self.next_balance {
            next = if self.replenish {
                next_balance
            } else {
                let next = available - o.used + retained + next_balance - self.balance;
                o.unfunded = (-next).max(0.0);
                o.returned += (next - self.cap).max(0.0);
                next.clamp(0.0, self.cap)
            };
        }
        (o, next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reserve(replenish: bool) -> Reserve {
        Reserve {
            cap: 500.0,
            balance: vec![250.0; 4],
            certainty: 0.9,
            replenish,
            rules: Vec::new(),
        }
    }

    /// A reserve without replenishment and with these planned balances.
    fn planned(balance: &[f64]) -> Reserve {
        Reserve {
            balance: balance.to_vec(),
            ..reserve(false)
        }
    }

    fn run(losses: [f64; 4], replenish: bool) -> [YearOutcome; 4] {
        let mut out = [YearOutcome::default(); 4];
        settle(|y| losses[y], &reserve(replenish), &mut out);
        out
    }

    #[test]
    fn without_replenishment_the_reserve_is_used_up() {
        // 100 used (150 left); 200: 150 used, 50 overflow (0 left); 80: all overflow.
        let o = run([100.0, 200.0, 80.0, 0.0], false);
        assert_eq!(o.map(|y| y.start_reserve), [250.0, 150.0, 0.0, 0.0]);
        assert_eq!(o.map(|y| y.used), [100.0, 150.0, 0.0, 0.0]);
        assert_eq!(o.map(|y| y.overflow), [0.0, 50.0, 80.0, 0.0]);
        assert_eq!(o.map(|y| y.contribution()), [0.0, 50.0, 80.0, 0.0]);
    }

    #[test]
    fn a_surplus_refills_up_to_the_cap_and_the_rest_goes_back() {
        // -400: 250 retained (reserve to the cap of 500), 150 back; then 600: 500 used, 100 overflow.
        let o = run([-400.0, 600.0, 0.0, 0.0], false);
        assert_eq!(o[0].returned, 150.0);
        assert_eq!(o[0].contribution(), -150.0);
        assert_eq!(o[1].start_reserve, 500.0);
        assert_eq!((o[1].used, o[1].overflow), (500.0, 100.0));
        assert_eq!(o[2].start_reserve, 0.0);
    }

    #[test]
    fn with_replenishment_every_year_starts_at_the_balance() {
        let o = run([300.0, 100.0, -50.0, 0.0], true);
        assert_eq!(o.map(|y| y.start_reserve), [250.0; 4]);
        // 300: 250 from the reserve, topped up afterwards, 50 overflow: the municipalities pay 300.
        assert_eq!((o[0].used, o[0].overflow, o[0].replenishment), (250.0, 50.0, 250.0));
        assert_eq!(o.map(|y| y.contribution()), [300.0, 100.0, -50.0, 0.0]);
    }

    #[test]
    fn planned_changes_in_the_balance_carry_through() {
        let r = planned(&[250.0, 300.0, 300.0]);
        let mut out = [YearOutcome::default(); 3];
        settle(|y| [100.0, 0.0, 0.0][y], &r, &mut out);
        // 250 - 100 used + 50 planned addition = 200.
        assert_eq!(out.map(|y| y.start_reserve), [250.0, 200.0, 200.0]);
        assert_eq!(out.map(|y| y.contribution()), [0.0; 3]);
    }

    #[test]
    fn a_planned_withdrawal_the_reserve_cannot_pay_is_charged() {
        let r = planned(&[250.0, 100.0]);
        let mut out = [YearOutcome::default(); 2];
        // 200 used, 50 left for a planned withdrawal of 150: the municipalities pay the other 100.
        settle(|y| [200.0, 0.0][y], &r, &mut out);
        assert_eq!((out[0].used, out[0].overflow, out[0].unfunded), (200.0, 0.0, 100.0));
        assert_eq!(out[0].contribution(), 100.0);
        assert_eq!(out[1].start_reserve, 0.0);
    }

    #[test]
    fn a_planned_addition_above_the_cap_is_paid_back() {
        let r = planned(&[400.0, 450.0]);
        let mut out = [YearOutcome::default(); 2];
        // A surplus of 100 fills the reserve to 500; the planned 50 on top goes back.
        settle(|y| [-100.0, 0.0][y], &r, &mut out);
        assert_eq!(out[0].returned, 50.0);
        assert_eq!(out[1].start_reserve, 500.0);
    }
}
