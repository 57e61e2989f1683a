//! Output file names: the `--name` pattern over a case's fields, and making each name safe
//! to be one file in the output folder.
//!
//! A pattern is literal text with `{field}` placeholders (`{{` and `}}` for braces). The
//! fields are checked when the pattern is read, so an unknown one stops the run before
//! anything is rendered. A field's value is sanitised: path separators, control characters
//! and characters Windows refuses become `_`, runs of white space one space; a name may not
//! start with `.` (it would be hidden, and the run's own files start with one).

use std::path::Path;

use serde::Deserialize;

use crate::case::{CalendarDate, Case, CaseFile, Party, Priority, to_nfc};
use crate::diagnostic::Diagnostic;

/// The pattern of the default `--name`.
pub const DEFAULT_PATTERN: &str = "{case_number}";

/// Longest name allowed, in bytes, before the extension (file systems allow 255).
const MAX_NAME: usize = 200;

/// The fields a pattern may use, with what each is.
pub const FIELDS: [(&str, &str); 15] = [
    ("case_number", "the IMR case number"),
    ("priority", "standard or expedited"),
    ("decision_date", "the decision date, YYYY-MM-DD"),
    ("decision_year", "the year of the decision date"),
    ("assigned_date", "the date assigned, YYYY-MM-DD"),
    ("injury_date", "the date of injury, YYYY-MM-DD"),
    ("ur_denial_date", "the UR denial date, YYYY-MM-DD"),
    (
        "application_received_date",
        "the date the application was received, YYYY-MM-DD",
    ),
    ("claim_number", "parties.claim_number"),
    ("adj_number", "parties.adj_number"),
    ("employee", "the name of parties.employee"),
    ("employer", "the name of parties.employer"),
    (
        "claims_administrator",
        "the name of parties.claims_administrator",
    ),
    (
        "requesting_provider",
        "the name of parties.requesting_provider",
    ),
    ("attorney", "the name of parties.attorney"),
];

/// A parsed `--name` pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePattern {
    parts: Vec<Part>,
    /// The pattern as written.
    source: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Field(&'static str),
}

impl Default for NamePattern {
    fn default() -> NamePattern {
        NamePattern::parse(DEFAULT_PATTERN).expect("the default pattern parses")
    }
}

impl NamePattern {
    /// Reads a pattern; an unknown field, an unclosed brace, a path separator or a pattern
    /// without any field is a usage error.
    pub fn parse(pattern: &str) -> Result<NamePattern, Diagnostic> {
        let usage = |what: String| {
            let known: Vec<&str> = FIELDS.iter().map(|(f, _)| *f).collect();
            Diagnostic::error("usage", format!("`--name {pattern}`: {what}"))
                .hint(format!("the fields are: {}", known.join(", ")))
        };
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = pattern.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    let mut closed = false;
                    for c in chars.by_ref() {
                        if c == '}' {
                            closed = true;
                            break;
                        }
                        name.push(c);
                    }
                    if !closed {
                        return Err(usage(
                            "a `{` without its `}` (write `{{` for a brace)".into(),
                        ));
                    }
                    let name = name.trim();
                    let Some((field, _)) = FIELDS.iter().find(|(f, _)| *f == name) else {
                        return Err(usage(format!("unknown field `{{{name}}}`")));
                    };
                    if !literal.is_empty() {
                        parts.push(Part::Literal(std::mem::take(&mut literal)));
                    }
                    parts.push(Part::Field(field));
                }
                '}' => {
                    return Err(usage(
                        "a `}` without its `{` (write `}}` for a brace)".into(),
                    ));
                }
                '/' | '\\' => {
                    return Err(usage(
                        "names are files in the output folder: no path separators".into(),
                    ));
                }
                c if c.is_control() => return Err(usage("a control character".into())),
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Literal(literal));
        }
        if !parts.iter().any(|p| matches!(p, Part::Field(_))) {
            return Err(usage("no field: every case would get the same name".into()));
        }
        Ok(NamePattern {
            parts,
            source: pattern.to_string(),
        })
    }

    /// The pattern as written on the command line.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The output name of a case (without extension), or why it has none.
    pub fn name(&self, case: &CaseFile) -> Result<String, Diagnostic> {
        self.name_from(&case.path, &NameFacts::of_case(&case.case))
    }

    /// The output name from the facts a name can hold; `path` names the case file.
    pub fn name_from(&self, path: &Path, facts: &NameFacts) -> Result<String, Diagnostic> {
        let mut name = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(text) => name.push_str(text),
                Part::Field(field) => {
                    let value = facts.value(field).ok_or_else(|| {
                        Diagnostic::error(
                            "name.missing",
                            format!(
                                "case file `{}` has no value for `{{{field}}}` in the name pattern",
                                path.display()
                            ),
                        )
                        .hint(format!(
                            "give the case {}, or use another --name",
                            FIELDS.iter().find(|(f, _)| f == field).map_or("", |f| f.1)
                        ))
                    })?;
                    push_sanitised(&mut name, &value);
                }
            }
        }
        let name = name.trim().to_string();
        let bad = |what: &str| {
            Diagnostic::error(
                "name.invalid",
                format!(
                    "case file `{}` gets the output name `{name}`, which {what}",
                    path.display()
                ),
            )
        };
        if name.is_empty() || name.chars().all(|c| c == '.' || c == '_' || c == ' ') {
            return Err(bad("names no file"));
        }
        if name.len() > MAX_NAME {
            return Err(bad(&format!("is longer than {MAX_NAME} bytes")));
        }
        Ok(match name.strip_prefix('.') {
            Some(rest) => format!("_{rest}"),
            None => name,
        })
    }
}

/// The facts an output name can be made of. The scan reads only these keys from a case
/// file ([`NameFacts::read`], no checks, no copies of the long texts); rendering takes
/// them from the whole case ([`NameFacts::of_case`]). Both read the same keys of the same
/// NFC text, so they agree.
#[derive(Debug, Clone, Deserialize)]
pub struct NameFacts {
    case_number: String,
    #[serde(default)]
    priority: Priority,
    dates: NameDates,
    #[serde(default)]
    parties: Option<NameParties>,
}

#[derive(Debug, Clone, Deserialize)]
struct NameDates {
    assigned: CalendarDate,
    injury: CalendarDate,
    decision: CalendarDate,
    ur_denial: CalendarDate,
    application_received: CalendarDate,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct NameParties {
    claim_number: Option<String>,
    adj_number: Option<String>,
    employee: Option<NameParty>,
    employer: Option<NameParty>,
    claims_administrator: Option<NameParty>,
    requesting_provider: Option<NameParty>,
    attorney: Option<NameParty>,
}

#[derive(Debug, Clone, Deserialize)]
struct NameParty {
    name: String,
    /// Whether it has an address (the employer gets a mailed copy only then).
    #[serde(default)]
    address: Vec<String>,
}

impl NameFacts {
    /// Reads the facts from a case file's text; `None` if they are not all there (the
    /// whole case then fails to parse too, with a proper diagnostic).
    pub fn read(source: String) -> Option<NameFacts> {
        toml::from_str(&to_nfc(source)).ok()
    }

    pub fn of_case(c: &Case) -> NameFacts {
        let d = &c.dates;
        let party = |p: &Option<Party>| {
            p.as_ref().map(|p| NameParty {
                name: p.name.get_ref().clone(),
                address: p.address.clone(),
            })
        };
        NameFacts {
            case_number: c.case_number.get_ref().clone(),
            priority: c.priority,
            dates: NameDates {
                assigned: *d.assigned.get_ref(),
                injury: *d.injury.get_ref(),
                decision: *d.decision.get_ref(),
                ur_denial: *d.ur_denial.get_ref(),
                application_received: *d.application_received.get_ref(),
            },
            parties: c.parties.as_ref().map(|p| NameParties {
                claim_number: p.claim_number.as_ref().map(|s| s.get_ref().clone()),
                adj_number: p.adj_number.as_ref().map(|s| s.get_ref().clone()),
                employee: party(&p.employee),
                employer: party(&p.employer),
                claims_administrator: party(&p.claims_administrator),
                requesting_provider: party(&p.requesting_provider),
                attorney: party(&p.attorney),
            }),
        }
    }

    /// The roles a mailed run writes a copy for (see [`crate::mailed::recipients`]).
    pub fn copy_roles(&self) -> Vec<crate::mailed::Role> {
        use crate::mailed::Role;
        let Some(p) = &self.parties else {
            return Vec::new();
        };
        Role::ALL
            .into_iter()
            .filter(|role| {
                let party = match role {
                    Role::Employee => &p.employee,
                    Role::Attorney => &p.attorney,
                    Role::RequestingProvider => &p.requesting_provider,
                    Role::ClaimsAdministrator => &p.claims_administrator,
                    Role::Employer => &p.employer,
                };
                party
                    .as_ref()
                    .is_some_and(|party| *role != Role::Employer || !party.address.is_empty())
            })
            .collect()
    }

    fn value(&self, field: &str) -> Option<String> {
        let d = &self.dates;
        let parties = self.parties.as_ref();
        let party = |p: Option<&NameParty>| p.map(|p| p.name.clone());
        Some(match field {
            "case_number" => self.case_number.clone(),
            "priority" => self.priority.as_str().to_string(),
            "decision_date" => d.decision.to_string(),
            "decision_year" => d.decision.year.to_string(),
            "assigned_date" => d.assigned.to_string(),
            "injury_date" => d.injury.to_string(),
            "ur_denial_date" => d.ur_denial.to_string(),
            "application_received_date" => d.application_received.to_string(),
            "claim_number" => parties?.claim_number.clone()?,
            "adj_number" => parties?.adj_number.clone()?,
            "employee" => party(parties?.employee.as_ref())?,
            "employer" => party(parties?.employer.as_ref())?,
            "claims_administrator" => party(parties?.claims_administrator.as_ref())?,
            "requesting_provider" => party(parties?.requesting_provider.as_ref())?,
            "attorney" => party(parties?.attorney.as_ref())?,
            _ => return None,
        })
        .filter(|v| !v.trim().is_empty())
    }
}

/// Appends a field's value with separators, control characters and characters some file
/// systems refuse replaced by `_`, and white space runs folded to one space.
fn push_sanitised(out: &mut String, value: &str) {
    let mut space = false;
    for c in value.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        let safe =
            !c.is_control() && !matches!(c, '/' | '\\' | '<' | '>' | ':' | '"' | '|' | '?' | '*');
        out.push(if safe { c } else { '_' });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::parse_case;
    use std::path::Path;

    const MINIMAL: &str = include_str!("../../tests/fixtures/cases/minimal.toml");

    fn case(extra: &str) -> CaseFile {
        parse_case(Path::new("c.toml"), format!("{MINIMAL}\n{extra}")).unwrap()
    }

    #[test]
    fn fields_fill_the_pattern_and_are_sanitised() {
        let c = case("[parties]\nemployee = { name = \" Jane /Q\\\\ \\u0007 Worker:  \" }\n");
        let p = NamePattern::parse("{decision_year}/x").unwrap_err();
        assert!(p.message.contains("path separators"));
        let p = NamePattern::parse("{case_number} {{{employee}}}").unwrap();
        assert_eq!(p.name(&c).unwrap(), "CM16-0000001 {Jane _Q_ _ Worker_}");
        let p = NamePattern::parse("{decision_date}_{priority}").unwrap();
        assert_eq!(p.name(&c).unwrap(), "2016-12-05_standard");
    }

    #[test]
    fn a_missing_value_is_the_cases_error() {
        let p = NamePattern::parse("{employer}").unwrap();
        let err = p.name(&case("")).unwrap_err();
        assert!(err.message.contains("c.toml"), "{}", err.message);
        assert!(err.message.contains("{employer}"), "{}", err.message);
    }

    #[test]
    fn names_never_climb_out_or_hide() {
        let p = NamePattern::parse("{employee}").unwrap();
        let c = case("[parties]\nemployee = { name = \"..\" }\n");
        assert!(p.name(&c).is_err());
        let c = case("[parties]\nemployee = { name = \".hidden\" }\n");
        assert_eq!(p.name(&c).unwrap(), "_hidden");
    }

    #[test]
    fn bad_patterns_are_usage_errors() {
        for bad in [
            "{nope}",
            "{case_number",
            "x}",
            "fixed",
            "{case_number}\u{1}",
        ] {
            let err = NamePattern::parse(bad).unwrap_err();
            assert_eq!(err.code, "usage", "{bad}");
        }
    }
}
