//! The holiday calendar the last day to appeal is rolled past: California's judicial
//! holidays, year by year, as data. The years 2013 to 2018 are built in
//! (`court-holidays.toml`, with its sources); a calendar file (the `holiday_calendar`
//! setting, the same form) adds or replaces years. A day in a year neither holds is an
//! error, never a guess: a wrong last day printed on a notice could cost a party its appeal.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::case::CalendarDate;
use crate::diagnostic::Diagnostic;
use crate::template::Settings;

/// The built-in calendar's text.
pub const BUILTIN: &str = include_str!("court-holidays.toml");

/// Holidays by year; each year listed is complete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayCalendar {
    years: BTreeMap<i32, BTreeMap<CalendarDate, String>>,
    /// Where the years came from, for messages: the built-in one, or a file and it.
    origin: String,
}

/// A calendar file as written: `[years.2019]` tables of `2019-01-01 = "New Year's Day"`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    years: BTreeMap<String, BTreeMap<String, String>>,
}

/// Saturday or Sunday.
pub fn is_weekend(date: CalendarDate) -> bool {
    weekday(date) >= 5
}

/// The day of the week, Monday 0 to Sunday 6.
pub fn weekday(date: CalendarDate) -> u8 {
    date.weekday()
}

/// The English name of a day of the week.
pub fn weekday_name(date: CalendarDate) -> &'static str {
    date.weekday_name()
}

impl HolidayCalendar {
    /// The built-in years.
    pub fn builtin() -> HolidayCalendar {
        let mut calendar = HolidayCalendar {
            years: BTreeMap::new(),
            origin: "the built-in calendar (2013 to 2018)".into(),
        };
        calendar
            .add(Path::new("built-in court-holidays.toml"), BUILTIN)
            .expect("the built-in calendar reads");
        calendar
    }

    /// The built-in years with those of a calendar file over them.
    pub fn with_file(path: &Path) -> Result<HolidayCalendar, Diagnostic> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Diagnostic::read_error("calendar.read", "holiday calendar", path, &e))?;
        let mut calendar = HolidayCalendar::builtin();
        calendar.add(path, &text)?;
        calendar.origin = format!("{} and `{}`", calendar.origin, path.display());
        Ok(calendar)
    }

    /// The calendar a run's settings ask for: the built-in years, and those of the
    /// `holiday_calendar` file when one is named.
    pub fn from_settings(settings: &Settings) -> Result<HolidayCalendar, Diagnostic> {
        match settings.file_path("holiday_calendar") {
            Some(path) => HolidayCalendar::with_file(&path)
                .map_err(|d| d.cause("in the file the setting `holiday_calendar` names")),
            None => Ok(HolidayCalendar::builtin()),
        }
    }

    /// The years this calendar holds.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.keys().copied()
    }

    /// Reads a calendar's text over this one: each year it lists replaces the same year.
    fn add(&mut self, path: &Path, text: &str) -> Result<(), Diagnostic> {
        let bad = |what: String, span: Option<std::ops::Range<usize>>| {
            let d = Diagnostic::error("calendar.format", what).hint(
                "a calendar file holds `[years.2019]` tables of dates: `2019-01-01 = \"New Year's Day\"`",
            );
            match span {
                Some(span) => d.at_span(path, text, span),
                None => d.cause(format!("in `{}`", path.display())),
            }
        };
        let file: CalendarFile =
            toml::from_str(text).map_err(|e| bad(e.message().trim().to_string(), e.span()))?;
        for (year_key, days) in file.years {
            let year: i32 = year_key
                .parse()
                .ok()
                .filter(|y| (1900..=9999).contains(y))
                .ok_or_else(|| {
                    bad(
                        format!("`years.{year_key}` is not a year of four digits"),
                        find(text, &year_key),
                    )
                })?;
            let mut holidays = BTreeMap::new();
            for (day, name) in days {
                let date = parse_iso(&day).filter(|d| d.year == year).ok_or_else(|| {
                    bad(
                        format!(
                            "`{day}` in `years.{year}` is not a date of {year}, written YYYY-MM-DD"
                        ),
                        find(text, &day),
                    )
                })?;
                if name.trim().is_empty() {
                    return Err(bad(format!("holiday {day} has no name"), find(text, &day)));
                }
                holidays.insert(date, name);
            }
            self.years.insert(year, holidays);
        }
        Ok(())
    }

    /// Whether the courts are closed on a day, and why (`None`: open); an error when the
    /// calendar does not hold the day's year.
    pub fn closed(&self, date: CalendarDate) -> Result<Option<&str>, Diagnostic> {
        let Some(year) = self.years.get(&date.year) else {
            return Err(self.missing_year(date));
        };
        if let Some(name) = year.get(&date) {
            return Ok(Some(name));
        }
        Ok(match weekday(date) {
            5 => Some("Saturday"),
            6 => Some("Sunday"),
            _ => None,
        })
    }

    fn missing_year(&self, date: CalendarDate) -> Diagnostic {
        let held: Vec<String> = self.years().map(|y| y.to_string()).collect();
        Diagnostic::error(
            "calendar.year",
            format!(
                "the holiday calendar has no year {}: the last day to appeal cannot be computed",
                date.year
            ),
        )
        .cause(format!(
            "{} holds the years {}",
            self.origin,
            held.join(", ")
        ))
        .hint(format!(
            "name a calendar file that lists the judicial holidays of {} in the `holiday_calendar` setting (see `templates list`)",
            date.year
        ))
    }
}

/// `YYYY-MM-DD` as a date.
fn parse_iso(text: &str) -> Option<CalendarDate> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    CalendarDate::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Where a key is first written in a file's text, for a message.
fn find(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    text.find(key).map(|at| at..at + key.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> CalendarDate {
        CalendarDate::new(y, m, d).unwrap()
    }

    #[test]
    fn knows_the_days_of_the_week() {
        assert_eq!(weekday_name(day(2017, 1, 27)), "Friday");
        assert_eq!(weekday_name(day(2014, 11, 6)), "Thursday");
        assert!(is_weekend(day(2017, 2, 18)));
        assert!(!is_weekend(day(2017, 2, 20)));
    }

    #[test]
    fn the_builtin_years_hold_the_observed_court_holidays() {
        let c = HolidayCalendar::builtin();
        assert_eq!(
            c.years().collect::<Vec<_>>(),
            (2013..=2018).collect::<Vec<_>>()
        );
        // 2017 as the courts observed it: Lincoln Day on a Sunday moves to Monday, Veterans
        // Day on a Saturday to the Friday before
        let closed = |d| c.closed(d).unwrap();
        assert_eq!(
            closed(day(2017, 2, 20)),
            Some("Washington's Birthday (Presidents' Day)")
        );
        assert_eq!(closed(day(2017, 2, 13)), Some("Lincoln Day (observed)"));
        assert_eq!(closed(day(2017, 11, 10)), Some("Veterans Day (observed)"));
        assert_eq!(closed(day(2017, 5, 29)), Some("Memorial Day"));
        assert_eq!(closed(day(2017, 11, 24)), Some("Day after Thanksgiving"));
        assert_eq!(closed(day(2017, 2, 18)), Some("Saturday"));
        assert_eq!(closed(day(2017, 3, 3)), None);
        for year in 2013..=2018 {
            assert_eq!(c.years[&year].len(), 13, "{year}");
            assert!(c.years[&year].keys().all(|d| !is_weekend(*d)), "{year}");
        }
    }

    #[test]
    fn a_year_outside_the_calendar_is_an_error_naming_the_setting() {
        let err = HolidayCalendar::builtin()
            .closed(day(2019, 1, 2))
            .unwrap_err()
            .render();
        assert!(err.contains("no year 2019"), "{err}");
        assert!(err.contains("holiday_calendar"), "{err}");
    }

    #[test]
    fn a_calendar_file_adds_years_and_its_mistakes_are_located() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("holidays.toml");
        std::fs::write(&path, "[years.2019]\n2019-01-01 = \"New Year's Day\"\n").unwrap();
        let c = HolidayCalendar::with_file(&path).unwrap();
        assert_eq!(c.closed(day(2019, 1, 1)).unwrap(), Some("New Year's Day"));
        assert_eq!(c.closed(day(2019, 1, 2)).unwrap(), None);
        assert!(c.closed(day(2017, 5, 29)).unwrap().is_some());
        std::fs::write(&path, "[years.2019]\n2020-01-01 = \"New Year's Day\"\n").unwrap();
        let err = HolidayCalendar::with_file(&path).unwrap_err().render();
        assert!(err.contains("holidays.toml:2:1"), "{err}");
        assert!(err.contains("is not a date of 2019"), "{err}");
        std::fs::write(&path, "[years.2019]\n2019-01-01 = 3\n").unwrap();
        let err = HolidayCalendar::with_file(&path).unwrap_err().render();
        assert!(err.contains("holidays.toml:2:"), "{err}");
    }
}
