//! What the template engine is given besides templates: the escaper that keeps case text
//! from ever being read as markup, and the `date` filter (`format=`, and `lang=es` for
//! Spanish month and weekday names).

use std::io::Write;

use tera::{Kwargs, State, Tera};

use crate::case::CalendarDate;

/// Escapes text for the letter markup (a Markdown subset): every ASCII punctuation
/// character gets a backslash, which CommonMark reads back as that literal character, and
/// a line break becomes a space. So `#60`, `1.` at a line start, `**x**`, `<b>`, `&amp;`
/// and `|` print exactly as written. Every `{{ value }}` in a `.md` template goes through
/// this unless the template says `| safe`.
pub fn escape_markup(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let replacement: &[u8] = match b {
            b'\n' | b'\r' => b" ",
            _ if b.is_ascii_punctuation() => {
                out.write_all(&bytes[start..i])?;
                out.write_all(b"\\")?;
                start = i;
                continue;
            }
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(replacement)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

/// Registers the project's filters on a template engine.
pub fn register_filters(tera: &mut Tera, default_date_format: String) {
    tera.register_filter(
        "date",
        move |value: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let format = kwargs
                .get::<&str>("format")?
                .unwrap_or(&default_date_format);
            let language = match kwargs.get::<&str>("lang")?.unwrap_or("en") {
                "en" => crate::case::Language::English,
                "es" => crate::case::Language::Spanish,
                other => {
                    return Err(tera::Error::message(format!(
                        "`date` knows the languages en and es, not `{other}`"
                    )));
                }
            };
            let date = parse_iso_date(value).ok_or_else(|| {
                tera::Error::message(format!(
                    "`date` expects a date such as 2016-12-30, got `{value}`"
                ))
            })?;
            date.format_in(format, language)
                .map_err(tera::Error::message)
        },
    );
}

fn parse_iso_date(text: &str) -> Option<CalendarDate> {
    let mut parts = text.splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    CalendarDate::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        escape_markup(s, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_every_ascii_punctuation_and_keeps_the_rest() {
        assert_eq!(escaped("Naproxen 550mg #60"), "Naproxen 550mg \\#60");
        assert_eq!(escaped("1. **x** <b>"), "1\\. \\*\\*x\\*\\* \\<b\\>");
        assert_eq!(escaped("José Peña — § 4610"), "José Peña — § 4610");
        assert_eq!(escaped("a\nb"), "a b");
    }

    #[test]
    fn parses_iso_dates() {
        assert_eq!(
            parse_iso_date("2016-12-30"),
            CalendarDate::new(2016, 12, 30)
        );
        assert_eq!(parse_iso_date("2016-02-30"), None);
        assert_eq!(parse_iso_date("12/30/2016"), None);
    }
}
