//! Dates written inside free text, checked against the case's own dates: a date after the
//! decision date, before 1900, before the date of injury, or one that does not exist
//! (`2/30/2016`, `June 20216`) is a warning at the date. [`reading`] finds and reads them.

pub mod reading;

use crate::case::date::days_in_month;
use crate::case::fields::TextField;
use crate::case::{CalendarDate, CaseFile};
use crate::diagnostic::{Diagnostic, Diagnostics};
pub use reading::{Reading, WrittenDate, find_dates};

/// Warnings for the dates written in one field.
pub fn check_field(file: &CaseFile, field: &TextField, out: &mut Diagnostics) {
    let dates = &file.case.dates;
    let decision = *dates.decision.get_ref();
    let injury = *dates.injury.get_ref();
    for date in find_dates(field.value(), decision.year) {
        let text = date.text.replace(char::is_whitespace, " ");
        let (code, message, label, hint) = match date.reading {
            Reading::Impossible { year, month, .. } => (
                "text.date-impossible",
                format!("`{text}` in {} is not a real date", field.path),
                if year > 9999 {
                    format!("the year {year} has {} digits", year.to_string().len())
                } else if (1..=12).contains(&month) {
                    format!(
                        "{} {year} has {} days",
                        month_name(month),
                        days_in_month(year, month)
                    )
                } else {
                    format!("there is no month {month}")
                },
                if year > 9999 {
                    "check the year".to_string()
                } else {
                    "dates in the text are read month first (11/8/16 is November 8, 2016); \
                     check the day and month"
                        .to_string()
                },
            ),
            reading => {
                let (first, last) = bounds(reading);
                if first < CalendarDate::new(1900, 1, 1).expect("a date") {
                    (
                        "text.date-before-1900",
                        format!("`{text}` in {} is before 1900", field.path),
                        format!("read as {}", describe(reading)),
                        "check the year".to_string(),
                    )
                } else if first > decision {
                    (
                        "text.date-after-decision",
                        format!("`{text}` in {} is after the decision date", field.path),
                        format!(
                            "read as {}, after the decision date {}",
                            describe(reading),
                            decision.long()
                        ),
                        "nothing in the record can postdate the decision; check the year"
                            .to_string(),
                    )
                } else if last < injury {
                    (
                        "text.date-before-injury",
                        format!("`{text}` in {} is before the date of injury", field.path),
                        format!(
                            "read as {}, before the injury on {}",
                            describe(reading),
                            injury.long()
                        ),
                        "if this is earlier history, no change is needed; otherwise check \
                         the date"
                            .to_string(),
                    )
                } else {
                    continue;
                }
            }
        };
        out.push(field.point(
            file,
            date.range.clone(),
            Diagnostic::warning(code, message).label(label).hint(hint),
        ));
    }
}

/// The first and last day a reading can mean.
fn bounds(reading: Reading) -> (CalendarDate, CalendarDate) {
    match reading {
        Reading::Day(d) => (d, d),
        Reading::Month { year, month } => (
            CalendarDate {
                year,
                month,
                day: 1,
            },
            CalendarDate {
                year,
                month,
                day: days_in_month(year, month),
            },
        ),
        Reading::Impossible { .. } => unreachable!("impossible dates are reported first"),
    }
}

fn describe(reading: Reading) -> String {
    match reading {
        Reading::Day(d) => d.long(),
        Reading::Month { year, month } => format!("{} {year}", month_name(month)),
        Reading::Impossible { year, month, day } => format!("{month}/{day}/{year}"),
    }
}

fn month_name(month: u8) -> &'static str {
    CalendarDate {
        year: 2000,
        month,
        day: 1,
    }
    .month_name()
}
