//! Template settings: named values a template author or a run can change without
//! touching a template (the organization's name, the guideline wording, page geometry).
//!
//! Each setting has a default in [`super::setting_table`]. A template folder's `settings.toml` overrides them,
//! and `--var KEY=VALUE` overrides both for one run. An unknown key, or a value of the
//! wrong kind, is an error that names where it came from. Templates see them as
//! `settings.<key>`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde_spanned::Spanned;

pub use super::setting_table::{Kind, SPECS, Scope, Spec};
use crate::case::CaseFile;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};

/// A value of a setting, typed by its [`Kind`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Text(String),
    Number(f64),
    Flag(bool),
    List(Vec<String>),
}

/// The settings of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    values: BTreeMap<&'static str, Value>,
    /// Folder that relative font and image paths are read from.
    pub base_dir: Option<std::path::PathBuf>,
}

impl Default for Settings {
    fn default() -> Settings {
        let values = SPECS
            .iter()
            .map(|s| {
                (
                    s.key,
                    parse_value(s, s.default).expect("built-in defaults parse"),
                )
            })
            .collect();
        Settings {
            values,
            base_dir: None,
        }
    }
}

impl Settings {
    pub fn spec(key: &str) -> Option<&'static Spec> {
        SPECS.iter().find(|s| s.key == key)
    }

    /// The value of a setting the table defines.
    pub fn get(&self, key: &str) -> &Value {
        &self.values[key]
    }

    pub fn text(&self, key: &str) -> &str {
        match self.get(key) {
            Value::Text(s) => s,
            other => panic!("setting {key} is not text: {other:?}"),
        }
    }

    pub fn number(&self, key: &str) -> f64 {
        match self.get(key) {
            Value::Number(n) => *n,
            other => panic!("setting {key} is not a number: {other:?}"),
        }
    }

    pub fn flag(&self, key: &str) -> bool {
        match self.get(key) {
            Value::Flag(b) => *b,
            other => panic!("setting {key} is not a flag: {other:?}"),
        }
    }

    pub fn list(&self, key: &str) -> &[String] {
        match self.get(key) {
            Value::List(items) => items,
            other => panic!("setting {key} is not a list: {other:?}"),
        }
    }

    /// These settings with a case's own `[settings]` applied (format 1.1): borrowed as
    /// they are when the case sets none. A key a case may not set is refused with the
    /// reason, and a bad value is located in the case file.
    pub fn for_case(&self, file: &CaseFile) -> Result<Cow<'_, Settings>, Diagnostics> {
        let Some(table) = file.case.settings.as_ref().filter(|t| !t.is_empty()) else {
            return Ok(Cow::Borrowed(self));
        };
        let mut out = self.clone();
        let mut problems = Diagnostics::default();
        let at = |span: std::ops::Range<usize>, d: Diagnostic| d.at(file.locate(span));
        for (key, value) in table {
            let path = format!("settings.{}", key.get_ref());
            let Some(spec) = Settings::spec(key.get_ref()) else {
                let own: Vec<&str> = SPECS
                    .iter()
                    .filter(|s| s.scope == Scope::Case)
                    .map(|s| s.key)
                    .collect();
                let mut d = Diagnostic::error(
                    "settings.unknown",
                    format!("unknown setting `{}`", key.get_ref()),
                )
                .label("unknown key")
                .field(path);
                if let Some(best) = crate::case::load::closest(key.get_ref(), &own) {
                    d = d.hint(format!("did you mean `{best}`?"));
                }
                problems.push(at(
                    key.span(),
                    d.hint(format!("a case may set: {}", own.join(", "))),
                ));
                continue;
            };
            if let Scope::Run(why) = spec.scope {
                problems.push(
                    at(
                        key.span(),
                        Diagnostic::error(
                            "case.setting-not-per-case",
                            format!("setting `{}` cannot be set by a case", spec.key),
                        ),
                    )
                    .field(path)
                    .label("a run's setting")
                    .hint(why.to_string()),
                );
                continue;
            }
            match toml_text(spec, value.get_ref())
                .ok_or_else(|| describe(spec))
                .and_then(|t| parse_value(spec, &t))
            {
                Ok(v) => {
                    out.values.insert(spec.key, v);
                }
                Err(expected) => problems.push(
                    at(
                        value.span(),
                        Diagnostic::error(
                            "settings.value",
                            format!("bad value for setting `{}`", spec.key),
                        ),
                    )
                    .field(path)
                    .label(format!("expected {expected}")),
                ),
            }
        }
        if problems.is_empty() {
            Ok(Cow::Owned(out))
        } else {
            Err(problems)
        }
    }

    /// The file a file setting (the logo, a font) names, relative to `base_dir`; `None`
    /// when it names none.
    pub fn file_path(&self, key: &str) -> Option<std::path::PathBuf> {
        let named = match self.get(key) {
            Value::Text(t) if !t.is_empty() => Path::new(t),
            _ => return None,
        };
        Some(match &self.base_dir {
            Some(dir) if named.is_relative() => dir.join(named),
            _ => named.to_path_buf(),
        })
    }

    /// Every file the settings name (the logo, the fonts, the holiday calendar).
    pub fn files(&self) -> Vec<std::path::PathBuf> {
        SPECS
            .iter()
            .filter(|s| s.key == "logo" || s.key == "holiday_calendar" || s.key.ends_with("_font"))
            .filter_map(|s| self.file_path(s.key))
            .collect()
    }

    /// Whether a file is one a setting names (the logo, a font).
    pub fn names_file(&self, path: &Path) -> bool {
        let real = path.canonicalize().ok();
        self.files()
            .into_iter()
            .any(|named| named == path || real.is_some() && named.canonicalize().ok() == real)
    }

    /// Every setting by key, for the template context.
    pub fn as_map(&self) -> &BTreeMap<&'static str, Value> {
        &self.values
    }

    /// Applies `--var KEY=VALUE` arguments.
    pub fn apply_vars(&mut self, vars: &[String]) -> Result<(), Diagnostics> {
        let mut problems = Diagnostics::default();
        for var in vars {
            let Some((key, value)) = var.split_once('=') else {
                problems.push(
                    Diagnostic::error("settings.var", format!("`--var {var}` is not KEY=VALUE"))
                        .hint("write e.g. `--var wording=2016`"),
                );
                continue;
            };
            let key = key.trim();
            match Settings::spec(key) {
                None => problems.push(unknown_key(key)),
                Some(spec) => match parse_value(spec, value) {
                    Ok(v) => {
                        self.values.insert(spec.key, v);
                    }
                    Err(expected) => problems.push(
                        Diagnostic::error(
                            "settings.value",
                            format!("`--var {var}`: bad value for `{key}`"),
                        )
                        .label(format!("expected {expected}")),
                    ),
                },
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Applies a template folder's `settings.toml`.
    pub fn apply_file(&mut self, path: &Path, source: &str) -> Result<(), Diagnostics> {
        type SpannedTable = BTreeMap<Spanned<String>, Spanned<toml::Value>>;
        let table: SpannedTable = toml::from_str(source).map_err(|e| {
            let d = Diagnostic::error("settings.format", e.message().trim().to_string());
            match e.span() {
                Some(span) => d.at_span(path, source, span),
                None => d.at(Location::at_line(
                    &path.display().to_string(),
                    source,
                    1,
                    1,
                    1,
                )),
            }
        })?;
        let mut problems = Diagnostics::default();
        for (key, value) in &table {
            let Some(spec) = Settings::spec(key.get_ref()) else {
                problems.push(unknown_key(key.get_ref()).at_span(path, source, key.span()));
                continue;
            };
            let text = toml_text(spec, value.get_ref()).unwrap_or_else(|| String::from("\u{0}"));
            match parse_value(spec, &text) {
                Ok(v) => {
                    self.values.insert(spec.key, v);
                }
                Err(expected) => problems.push(
                    Diagnostic::error(
                        "settings.value",
                        format!("bad value for setting `{}`", spec.key),
                    )
                    .at_span(path, source, value.span())
                    .label(format!("expected {expected}")),
                ),
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// A TOML value as the text `--var` would give: a list of strings comma-separated (lines
/// separated by `|`).
fn toml_text(spec: &Spec, value: &toml::Value) -> Option<String> {
    Some(match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Array(items) => {
            let words: Option<Vec<&str>> = items.iter().map(toml::Value::as_str).collect();
            let separator = if matches!(spec.kind, Kind::Lines) {
                "|"
            } else {
                ","
            };
            words?.join(separator)
        }
        _ => return None,
    })
}

/// What a setting takes, for an error about a value of the wrong kind.
fn describe(spec: &Spec) -> String {
    match spec.kind {
        Kind::Number { min, max } => format!("a number from {min} to {max}"),
        Kind::Flag => "true or false".into(),
        Kind::Sections => "a list of section names".into(),
        Kind::Lines => "lines of text".into(),
        _ => "text".into(),
    }
}

/// The names a list of sections may hold: the letter's sections, by file stem.
fn section_names() -> Vec<&'static str> {
    super::SECTIONS
        .iter()
        .filter(|s| s.role == super::Role::Letter)
        .map(|s| s.file.trim_end_matches(".md"))
        .collect()
}

fn unknown_key(key: &str) -> Diagnostic {
    let known: Vec<&str> = SPECS.iter().map(|s| s.key).collect();
    Diagnostic::error("settings.unknown", format!("unknown setting `{key}`"))
        .label("unknown key")
        .hint(format!("the settings are: {}", known.join(", ")))
}

/// Parses a value for a setting, or says what was expected.
fn parse_value(spec: &Spec, text: &str) -> Result<Value, String> {
    let control = text
        .chars()
        .find(|c| crate::case::text::is_control(*c) || *c == '\r');
    match spec.kind {
        Kind::Text | Kind::Line | Kind::DateFormat | Kind::Lines if control.is_some() => {
            Err(format!(
                "text without control characters (this value holds {})",
                crate::case::text::char_name(control.unwrap_or_default())
            ))
        }
        Kind::Text => Ok(Value::Text(text.to_string())),
        Kind::Line if crate::case::text::is_blank_text(text) => {
            Err("text that prints something (it may not be empty)".into())
        }
        Kind::Line => Ok(Value::Text(text.to_string())),
        Kind::DateFormat => {
            let sample = crate::case::CalendarDate::new(2016, 12, 30).expect("a real date");
            match sample.format(text) {
                Ok(shown) if !crate::case::text::is_blank_text(&shown) => {
                    Ok(Value::Text(text.to_string()))
                }
                Ok(_) => Err("a date format that prints something, e.g. %m/%d/%Y".into()),
                Err(why) => Err(format!("a date format ({why})")),
            }
        }
        Kind::Choice(options) => options
            .iter()
            .find(|o| **o == text.trim())
            .map(|o| Value::Text((*o).to_string()))
            .ok_or_else(|| format!("one of: {}", options.join(", "))),
        Kind::Number { min, max } => text
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n >= min && *n <= max)
            .map(Value::Number)
            .ok_or_else(|| format!("a number from {min} to {max}")),
        Kind::Sections => {
            let known = section_names();
            let mut names = Vec::new();
            for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                let name = name.trim_end_matches(".md");
                match known.iter().find(|k| **k == name) {
                    Some(k) if !names.iter().any(|n: &String| n == k) => names.push(k.to_string()),
                    Some(_) => {}
                    None => return Err(format!("section names among: {}", known.join(", "))),
                }
            }
            Ok(Value::List(names))
        }
        Kind::Lines => Ok(Value::List(
            text.split('|')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
        )),
        Kind::Flag => match text.trim() {
            "true" => Ok(Value::Flag(true)),
            "false" => Ok(Value::Flag(false)),
            _ => Err("true or false".into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vars_override_and_unknown_keys_are_errors() {
        let mut s = Settings::default();
        s.apply_vars(&["wording=2016".into(), "body_size=11".into()])
            .unwrap();
        assert_eq!(s.text("wording"), "2016");
        assert_eq!(s.number("body_size"), 11.0);
        let err = s.apply_vars(&["wordng=2016".into()]).unwrap_err();
        assert!(err.render().contains("unknown setting `wordng`"), "{err}");
        let err = s.apply_vars(&["wording=2017".into()]).unwrap_err();
        assert!(
            err.render().contains("expected one of: seed, 2016"),
            "{err}"
        );
        assert!(s.apply_vars(&["nonsense".into()]).is_err());
    }

    #[test]
    fn settings_file_points_at_the_bad_line() {
        let mut s = Settings::default();
        let src = "organization = \"Acme Review\"\nbody_size = \"big\"\ncolour = 1\n";
        let err = s
            .apply_file(Path::new("t/settings.toml"), src)
            .unwrap_err()
            .render();
        assert!(err.contains("t/settings.toml:2:13"), "{err}");
        assert!(err.contains("t/settings.toml:3:1"), "{err}");
        assert_eq!(s.text("organization"), "Acme Review");
    }
}
