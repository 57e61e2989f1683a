//! Calendar dates: what a case's `[dates]` hold.
//!
//! Case files write dates as TOML local dates (`2016-12-30`); the TOML parser already
//! refuses impossible days such as `2016-02-30`. This type refuses what TOML would accept
//! but a letter cannot use: a date with a time or an offset, and a quoted string.

use std::fmt;

use serde::{Deserialize, Deserializer};

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const WEEKDAYS_ES: [&str; 7] = [
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];

impl CalendarDate {
    /// A date, if it exists.
    pub fn new(year: i32, month: u8, day: u8) -> Option<CalendarDate> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(CalendarDate { year, month, day })
    }

    /// `MM/DD/YYYY`, as the letters' header table prints dates.
    pub fn us_numeric(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.month, self.day, self.year)
    }

    /// `January 27, 2017`.
    pub fn long(&self) -> String {
        format!("{} {}, {}", self.month_name(), self.day, self.year)
    }

    pub fn month_name(&self) -> &'static str {
        MONTHS[usize::from(self.month - 1)]
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's civil_from_days), if its
    /// year fits.
    pub fn from_days_since_epoch(days: i64) -> Option<CalendarDate> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        CalendarDate::new(i32::try_from(year).ok()?, month as u8, day as u8)
    }

    /// The day of the week, Monday 0 to Sunday 6 (1970-01-01 was a Thursday).
    pub fn weekday(&self) -> u8 {
        (self.days_since_epoch() + 3).rem_euclid(7) as u8
    }

    /// The English name of the day of the week.
    pub fn weekday_name(&self) -> &'static str {
        WEEKDAYS[usize::from(self.weekday())]
    }

    /// Formats with a small strftime subset: `%Y %m %d %-m %-d %e %B %b %A %y %%`.
    pub fn format(&self, pattern: &str) -> Result<String, String> {
        self.format_in(pattern, super::Language::English)
    }

    /// Formats as [`CalendarDate::format`] does, with the month and weekday names of a
    /// language (`3 de marzo de 2017` from `%-d de %B de %Y` in Spanish).
    pub fn format_in(&self, pattern: &str, language: super::Language) -> Result<String, String> {
        let (months, weekdays) = match language {
            super::Language::English => (&MONTHS, &WEEKDAYS),
            super::Language::Spanish => (&MONTHS_ES, &WEEKDAYS_ES),
        };
        let month = months[usize::from(self.month - 1)];
        let mut out = String::with_capacity(pattern.len() + 8);
        let mut chars = pattern.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let mut spec = chars.next().ok_or("the format ends with a lone `%`")?;
            let unpadded = spec == '-';
            if unpadded {
                spec = chars.next().ok_or("the format ends with `%-`")?;
            }
            match (spec, unpadded) {
                ('Y', _) => out.push_str(&self.year.to_string()),
                ('y', false) => out.push_str(&format!("{:02}", self.year.rem_euclid(100))),
                ('m', false) => out.push_str(&format!("{:02}", self.month)),
                ('m', true) => out.push_str(&self.month.to_string()),
                ('d', false) => out.push_str(&format!("{:02}", self.day)),
                ('d', true) | ('e', _) => out.push_str(&self.day.to_string()),
                ('B', _) => out.push_str(month),
                ('b', _) => out.extend(month.chars().take(3)),
                ('A', _) => out.push_str(weekdays[usize::from(self.weekday())]),
                ('%', false) => out.push('%'),
                _ => {
                    return Err(format!(
                        "unknown date format `%{}{spec}`: use %Y %y %m %-m %d %-d %e %B %b %A or %%",
                        if unpadded { "-" } else { "" }
                    ));
                }
            }
        }
        Ok(out)
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for CalendarDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = toml::value::Datetime::deserialize(deserializer).map_err(|_| {
            D::Error::custom(
                "expected a date written as a TOML date without quotes, such as 2016-12-30",
            )
        })?;
        let (Some(date), None, None) = (value.date, value.time, value.offset) else {
            return Err(D::Error::custom(format!(
                "expected a date only (YYYY-MM-DD), found `{value}`"
            )));
        };
        CalendarDate::new(i32::from(date.year), date.month, date.day)
            .ok_or_else(|| D::Error::custom(format!("`{value}` is not a calendar date")))
    }
}

/// In JSON Schema terms (as Taplo-based editors read TOML): a date, `YYYY-MM-DD`. The
/// loader also requires it written as a TOML date, without quotes.
impl schemars::JsonSchema for CalendarDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CalendarDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date written as a TOML date without quotes, such as 2016-12-30."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_calendar() {
        assert!(CalendarDate::new(2016, 2, 29).is_some());
        assert!(CalendarDate::new(2015, 2, 29).is_none());
        assert!(CalendarDate::new(2016, 2, 30).is_none());
        assert!(CalendarDate::new(1900, 2, 29).is_none());
        assert!(CalendarDate::new(2000, 2, 29).is_some());
        assert!(CalendarDate::new(2016, 13, 1).is_none());
        assert_eq!(CalendarDate::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(
            CalendarDate::new(2017, 1, 27).unwrap().days_since_epoch(),
            17_193
        );
    }

    #[test]
    fn formats() {
        let d = CalendarDate::new(2017, 1, 7).unwrap();
        assert_eq!(d.us_numeric(), "01/07/2017");
        assert_eq!(d.long(), "January 7, 2017");
        assert_eq!(d.format("%-m/%-d/%y %b %e %%").unwrap(), "1/7/17 Jan 7 %");
        assert!(d.format("%Q").is_err());
        let d = CalendarDate::new(2017, 3, 3).unwrap();
        assert_eq!(
            d.format_in("%A %-d de %B de %Y", super::super::Language::Spanish)
                .unwrap(),
            "viernes 3 de marzo de 2017"
        );
        assert_eq!(d.format("%A, %B %-d, %Y").unwrap(), "Friday, March 3, 2017");
    }
}
