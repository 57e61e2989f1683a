//! Finding the dates written in free text and reading them: `March 3, 3015`,
//! `Mar. 3, 2015`, `3 March 2015`, `March 2015`, `10-14-2016`, `11/8/16`, `2016-10-14`, and
//! what only looks like one (`2/30/2016`, `June 20216`). Numbers are read US-style, month
//! first; a two-digit year is put in the century that keeps it nearest the decision.
//! Doses, pain scores and spinal levels (`10/325`, `6-8/10`, `L4-5`) are not dates.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::case::CalendarDate;

const MONTHS: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)";

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?<month>{MONTHS})\.?\s+(?<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?<year>\d{{4}})\b"
    ))
    .expect("valid date pattern")
});

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?<month>{MONTHS})\.?,?\s+(?<year>\d{{4}})\b"
    ))
    .expect("valid date pattern")
});

static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?<month>{MONTHS})\.?,?\s+(?:of\s+)?(?<year>\d{{4}})\b"
    ))
    .expect("valid date pattern")
});

/// A month name with a year of five or more digits (`June 20216`): a typo, never a date.
static LONG_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?<month>{MONTHS})\.?\s+(?:(?<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?<year>\d{{5,9}})\b"
    ))
    .expect("valid date pattern")
});

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?<month>\d{1,2})(?<sep>[-/])(?<day>\d{1,2})[-/](?<year>\d{4}|\d{2})\b")
        .expect("valid date pattern")
});

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})\b").expect("valid date pattern")
});

/// A date as written in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenDate {
    /// Byte range in the field's value.
    pub range: Range<usize>,
    pub text: String,
    pub reading: Reading,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A real day.
    Day(CalendarDate),
    /// A month and year only (`March 2015`): the first of the month, for comparing months.
    Month { year: i32, month: u8 },
    /// Numbers in date shape that name no day (`2/30/2016`, `13/5/2016`).
    Impossible { year: i32, month: u8, day: u8 },
}

/// Every date written in `text`; `decision_year` settles two-digit years.
pub fn find_dates(text: &str, decision_year: i32) -> Vec<WrittenDate> {
    let mut found: Vec<WrittenDate> = Vec::new();
    // Every date read below has a year of ASCII digits (`parse` takes no others): a text
    // without one has none, and the patterns need not run.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return found;
    }
    let taken = |range: &Range<usize>, found: &[WrittenDate]| {
        found
            .iter()
            .any(|d| d.range.start < range.end && range.start < d.range.end)
    };
    for pattern in [&*MONTH_DAY_YEAR, &*DAY_MONTH_YEAR] {
        for c in pattern.captures_iter(text) {
            let whole = c.get(0).expect("match");
            let month = month_number(&c["month"]);
            let (Ok(day), Ok(year)) = (c["day"].parse::<u8>(), c["year"].parse::<i32>()) else {
                continue;
            };
            if taken(&whole.range(), &found) {
                continue;
            }
            found.push(written(text, whole.range(), day_reading(year, month, day)));
        }
    }
    for c in LONG_YEAR.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let (Ok(year), day) = (
            c["year"].parse::<i32>(),
            c.name("day").and_then(|d| d.as_str().parse::<u8>().ok()),
        ) else {
            continue;
        };
        let month = month_number(&c["month"]);
        let reading = Reading::Impossible {
            year,
            month,
            day: day.unwrap_or(1),
        };
        found.push(written(text, whole.range(), reading));
    }
    for c in MONTH_YEAR.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let Ok(year) = c["year"].parse::<i32>() else {
            continue;
        };
        if !taken(&whole.range(), &found) {
            let month = month_number(&c["month"]);
            found.push(written(text, whole.range(), Reading::Month { year, month }));
        }
    }
    for c in ISO.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let (Ok(year), Ok(month), Ok(day)) = (
            c["year"].parse::<i32>(),
            c["month"].parse::<u8>(),
            c["day"].parse::<u8>(),
        ) else {
            continue;
        };
        if !taken(&whole.range(), &found) && standalone(text, whole.range()) {
            found.push(written(text, whole.range(), day_reading(year, month, day)));
        }
    }
    for c in NUMERIC.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let sep = &c["sep"];
        // Both separators the same: `6-8/10` is a pain score, not a date.
        if whole.as_str().matches(sep).count() != 2 || !standalone(text, whole.range()) {
            continue;
        }
        let (Ok(month), Ok(day), Ok(year)) = (
            c["month"].parse::<u8>(),
            c["day"].parse::<u8>(),
            c["year"].parse::<i32>(),
        ) else {
            continue;
        };
        if month == 0 || day == 0 || taken(&whole.range(), &found) {
            continue;
        }
        let year = if c["year"].len() == 2 {
            full_year(year, decision_year)
        } else {
            year
        };
        found.push(written(text, whole.range(), day_reading(year, month, day)));
    }
    found.sort_by_key(|d| d.range.start);
    found
}

fn written(text: &str, range: Range<usize>, reading: Reading) -> WrittenDate {
    WrittenDate {
        text: text[range.clone()].to_string(),
        range,
        reading,
    }
}

fn day_reading(year: i32, month: u8, day: u8) -> Reading {
    match CalendarDate::new(year, month, day) {
        Some(d) => Reading::Day(d),
        None => Reading::Impossible { year, month, day },
    }
}

/// Not part of a longer run of numbers (`1/2/3/4`, `10-14-2016-1`, a version `1.2.2016`).
fn standalone(text: &str, range: Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let mut after = text[range.end..].chars();
    let next = after.next();
    let next2 = after.next();
    let joined_before =
        matches!(before, Some('/' | '-' | '.' | '#')) || before.is_some_and(|c| c.is_ascii_digit());
    let joined_after = matches!(next, Some('/'))
        || (matches!(next, Some('-' | '.')) && next2.is_some_and(|c| c.is_ascii_digit()));
    !joined_before && !joined_after
}

fn month_number(name: &str) -> u8 {
    let prefix: String = name.chars().take(3).collect();
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    months
        .iter()
        .position(|m| *m == prefix)
        .map_or(1, |i| i as u8 + 1)
}

/// A two-digit year in the century that puts it no later than the year after the decision.
fn full_year(two_digits: i32, decision_year: i32) -> i32 {
    let century = decision_year - decision_year.rem_euclid(100);
    let year = century + two_digits;
    if year > decision_year + 1 {
        year - 100
    } else {
        year
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_other_than_ascii_make_no_date() {
        assert!(find_dates("seen June ٢٠١٦ and on ٣/٤/٢٠١٦, no date", 2016).is_empty());
        assert_eq!(find_dates("seen June ٢٠١٦ and June 2016", 2016).len(), 1);
    }

    fn read(text: &str) -> Vec<(String, Reading)> {
        find_dates(text, 2016)
            .into_iter()
            .map(|d| (d.text, d.reading))
            .collect()
    }

    fn day(y: i32, m: u8, d: u8) -> Reading {
        Reading::Day(CalendarDate::new(y, m, d).unwrap())
    }

    #[test]
    fn reads_the_written_forms() {
        assert_eq!(
            read("dated March 3, 3015 and Mar. 3, 2015 and 3 March 2015."),
            vec![
                ("March 3, 3015".into(), day(3015, 3, 3)),
                ("Mar. 3, 2015".into(), day(2015, 3, 3)),
                ("3 March 2015".into(), day(2015, 3, 3)),
            ]
        );
        assert_eq!(
            read("on 10-14-2016, 11/8/16, 2/3/2017, 2016-10-14 and 5/3/98"),
            vec![
                ("10-14-2016".into(), day(2016, 10, 14)),
                ("11/8/16".into(), day(2016, 11, 8)),
                ("2/3/2017".into(), day(2017, 2, 3)),
                ("2016-10-14".into(), day(2016, 10, 14)),
                ("5/3/98".into(), day(1998, 5, 3)),
            ]
        );
        assert_eq!(
            read("since March 2015"),
            vec![(
                "March 2015".into(),
                Reading::Month {
                    year: 2015,
                    month: 3
                }
            )]
        );
        assert_eq!(
            read("on March 3,\n2015"),
            vec![("March 3,\n2015".into(), day(2015, 3, 3))]
        );
    }

    #[test]
    fn knows_impossible_dates() {
        assert!(matches!(
            read("infarct June 20216, left")[..],
            [(ref t, Reading::Impossible { year: 20216, .. })] if t == "June 20216"
        ));
        assert_eq!(
            read("on 2/30/2016"),
            vec![(
                "2/30/2016".into(),
                Reading::Impossible {
                    year: 2016,
                    month: 2,
                    day: 30
                }
            )]
        );
    }

    #[test]
    fn leaves_doses_scores_and_levels_alone() {
        for text in [
            "Norco 10/325mg #60",
            "pain 6-8/10",
            "strength 4/5 and 5/5",
            "L4-5 and C5-6",
            "2x4 visits",
            "1/2/3/4",
            "phone 555-123-4567",
            "may 3 times",
            "the 2014-2016 period",
        ] {
            assert_eq!(read(text), vec![], "{text}");
        }
    }
}
