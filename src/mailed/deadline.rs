//! The last day to appeal a determination, per recipient: the date of mailing plus 30
//! days (Labor Code 4610.6(h); 8 CCR 10575(c)), plus 5 days when the recipient's address
//! and the place of mailing are both in California, 10 when either is elsewhere in the
//! United States, 20 when either is abroad (CCP 1013(a), applied to IMR appeals by
//! *Matute*); the final day, if the courts are closed on it (a Saturday, a Sunday, a
//! judicial holiday: CCP 10, 12a, 135), rolls to the next day they are open. The period
//! and the extension are added first and the final day rolled once, as the CCP counts
//! (rolling day 30 first and adding the extension after can give a later day, which a
//! party relying on it could miss).

use crate::case::{CalendarDate, Region};
use crate::diagnostic::Diagnostic;

use super::calendar::HolidayCalendar;

/// The days after service the appeal period runs (Labor Code 4610.6(h)).
pub const PERIOD_DAYS: i64 = 30;

/// The days service by mail adds for an address in a region (CCP 1013(a)).
pub fn extension_days(region: Region) -> i64 {
    match region {
        Region::California => 5,
        Region::OtherState => 10,
        Region::Abroad => 20,
    }
}

/// One recipient's last day, with each step of its arithmetic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The date of service by mail.
    pub mailed: CalendarDate,
    /// The region whose extension applies: the farther of the recipient's and the place
    /// of mailing's.
    pub region: Region,
    /// Mailing date plus the period.
    pub period_end: CalendarDate,
    /// The days added for service by mail.
    pub extension: i64,
    /// Period end plus the extension: the last day unless the courts are closed on it.
    pub extended: CalendarDate,
    /// The days passed over, each with why the courts were closed.
    pub rolled_past: Vec<(CalendarDate, String)>,
    /// The last day to file.
    pub last_day: CalendarDate,
}

fn add_days(date: CalendarDate, days: i64) -> CalendarDate {
    CalendarDate::from_days_since_epoch(date.days_since_epoch() + days)
        .expect("a mailing date plus weeks is a date")
}

/// The last day for a recipient at an address in `recipient` to file an appeal of a
/// determination mailed on `mailed` from a place in `mailed_from`.
pub fn last_day_to_file(
    mailed: CalendarDate,
    recipient: Region,
    mailed_from: Region,
    calendar: &HolidayCalendar,
) -> Result<Deadline, Diagnostic> {
    let region = recipient.max(mailed_from);
    let period_end = add_days(mailed, PERIOD_DAYS);
    let extension = extension_days(region);
    let extended = add_days(period_end, extension);
    let mut last_day = extended;
    let mut rolled_past = Vec::new();
    while let Some(why) = calendar.closed(last_day)? {
        rolled_past.push((last_day, why.to_string()));
        last_day = add_days(last_day, 1);
    }
    Ok(Deadline {
        mailed,
        region,
        period_end,
        extension,
        extended,
        rolled_past,
        last_day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> CalendarDate {
        CalendarDate::new(y, m, d).unwrap()
    }

    fn last(mailed: CalendarDate, to: Region) -> Deadline {
        last_day_to_file(mailed, to, Region::California, &HolidayCalendar::builtin()).unwrap()
    }

    #[test]
    fn matute_counts_the_extension_before_rolling() {
        // mailed Thursday 2014-11-06; day 30 is Saturday 12-06, but only the final day
        // rolls: 12-06 + 5 = Thursday 12-11, so the appeal filed 12-10 was timely
        let d = last(day(2014, 11, 6), Region::California);
        assert_eq!(d.period_end, day(2014, 12, 6));
        assert_eq!(d.extended, day(2014, 12, 11));
        assert_eq!(d.last_day, day(2014, 12, 11));
        assert!(d.rolled_past.is_empty());
    }

    #[test]
    fn the_extension_follows_the_recipients_address() {
        let mailed = day(2017, 1, 27);
        assert_eq!(last(mailed, Region::California).last_day, day(2017, 3, 3));
        let other_state = last(mailed, Region::OtherState);
        assert_eq!(other_state.extension, 10);
        assert_eq!(other_state.last_day, day(2017, 3, 8));
        assert_eq!(last(mailed, Region::Abroad).last_day, day(2017, 3, 20));
        // mailed from outside California, a California address takes the longer time too
        let from_afar = last_day_to_file(
            mailed,
            Region::California,
            Region::OtherState,
            &HolidayCalendar::builtin(),
        )
        .unwrap();
        assert_eq!(from_afar.last_day, day(2017, 3, 8));
    }

    #[test]
    fn a_final_day_on_a_holiday_rolls_to_the_next_court_day() {
        // Monday 2017-05-29 is Memorial Day
        let d = last(day(2017, 4, 24), Region::California);
        assert_eq!(d.extended, day(2017, 5, 29));
        assert_eq!(d.last_day, day(2017, 5, 30));
        assert_eq!(
            d.rolled_past,
            [(day(2017, 5, 29), "Memorial Day".to_string())]
        );
    }

    #[test]
    fn a_saturday_then_a_monday_holiday_rolls_to_tuesday() {
        let d = last(day(2017, 1, 14), Region::California);
        assert_eq!(d.extended, day(2017, 2, 18));
        assert_eq!(d.last_day, day(2017, 2, 21));
        let why: Vec<&str> = d.rolled_past.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(
            why,
            [
                "Saturday",
                "Sunday",
                "Washington's Birthday (Presidents' Day)"
            ]
        );
    }

    #[test]
    fn thanksgiving_and_the_day_after_roll_across_the_weekend() {
        // 2017-10-20 + 35 = Friday 11-24, the day after Thanksgiving
        let d = last(day(2017, 10, 20), Region::California);
        assert_eq!(d.extended, day(2017, 11, 24));
        assert_eq!(d.last_day, day(2017, 11, 27));
    }

    #[test]
    fn the_count_crosses_into_the_next_year() {
        // 2017-12-01 + 35 = Friday 2018-01-05
        assert_eq!(
            last(day(2017, 12, 1), Region::California).last_day,
            day(2018, 1, 5)
        );
    }

    #[test]
    fn a_year_the_calendar_lacks_is_an_error_never_a_guess() {
        let err = last_day_to_file(
            day(2018, 12, 20),
            Region::California,
            Region::California,
            &HolidayCalendar::builtin(),
        )
        .unwrap_err();
        assert_eq!(err.code, "calendar.year");
        assert!(err.render().contains("no year 2019"));
    }
}
