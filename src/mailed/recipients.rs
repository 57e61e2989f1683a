//! Who a case's determination is mailed to: one copy per recipient, in mailing order, the
//! employee always, then the attorney, the requesting provider, the claims administrator
//! and the employer when present (the employer only when the case gives its address).
//! Each recipient's address must be complete enough to mail (a street line and a city
//! line, no more than the envelope window shows) and its region known, since the region
//! decides the last day to appeal, computed here for each copy.

use crate::case::{CaseFile, Language, Party, Region};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};

use super::Mailing;
use super::deadline::{Deadline, last_day_to_file};

/// Address lines a copy may have under the recipient's name: the name and four lines fill
/// the #10 envelope's window (1 1/8 in) at the body's 13.8 pt line pitch.
pub const MAX_ADDRESS_LINES: usize = 4;

/// A recipient's role in the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Employee,
    Attorney,
    RequestingProvider,
    ClaimsAdministrator,
    Employer,
}

impl Role {
    /// Every role, in mailing order.
    pub const ALL: [Role; 5] = [
        Role::Employee,
        Role::Attorney,
        Role::RequestingProvider,
        Role::ClaimsAdministrator,
        Role::Employer,
    ];

    /// The name of the role in file names, the manifest and the templates
    /// (`claims-administrator`).
    pub fn key(self) -> &'static str {
        match self {
            Role::Employee => "employee",
            Role::Attorney => "attorney",
            Role::RequestingProvider => "requesting-provider",
            Role::ClaimsAdministrator => "claims-administrator",
            Role::Employer => "employer",
        }
    }

    /// Its key in `[parties]`.
    pub fn field(self) -> &'static str {
        match self {
            Role::Employee => "employee",
            Role::Attorney => "attorney",
            Role::RequestingProvider => "requesting_provider",
            Role::ClaimsAdministrator => "claims_administrator",
            Role::Employer => "employer",
        }
    }

    pub(crate) fn party(self, parties: &crate::case::Parties) -> Option<&Party> {
        match self {
            Role::Employee => parties.employee.as_ref(),
            Role::Attorney => parties.attorney.as_ref(),
            Role::RequestingProvider => parties.requesting_provider.as_ref(),
            Role::ClaimsAdministrator => parties.claims_administrator.as_ref(),
            Role::Employer => parties.employer.as_ref(),
        }
    }
}

/// One copy's addressee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub role: Role,
    pub name: String,
    pub address: Vec<String>,
    pub region: Region,
    pub language: Language,
    pub deadline: Deadline,
}

/// The recipients of a case's mailed copies, each with its last day to appeal; or every
/// reason the case cannot be mailed.
pub fn recipients(file: &CaseFile, mailing: &Mailing) -> Result<Vec<Recipient>, Diagnostics> {
    let case = &file.case;
    let mut problems = Diagnostics::default();
    let at = |span: std::ops::Range<usize>, d: Diagnostic| d.at(file.locate(span));
    let mailed = case.dates.mailed.as_ref();
    if mailed.is_none() {
        problems.push(
            at(
                case.dates.decision.span(),
                Diagnostic::error(
                    "mailed.date",
                    "a mailed render needs the date of mailing, and the case has no dates.mailed",
                ),
            )
            .field("dates.mailed")
            .label("add `mailed = YYYY-MM-DD` to [dates], on or after this decision date")
            .hint("the date of mailing is the date of service: each party's appeal period runs from it"),
        );
    }
    let Some(parties) = &case.parties else {
        problems.push(
            Diagnostic::error(
                "mailed.parties",
                "a mailed render needs the parties, and the case has no [parties]",
            )
            .at(Location::at_line(
                &file.path.display().to_string(),
                &file.source,
                1,
                1,
                file.source.lines().next().map_or(1, |l| l.chars().count().max(1)),
            ))
            .field("parties")
            .hint("add a [parties] table with the employee and every other party the determination is mailed to"),
        );
        return Err(problems);
    };
    if parties.employee.is_none() {
        problems.push(
            Diagnostic::error(
                "mailed.employee",
                "a mailed render needs the employee, who always gets a copy, and [parties] has no employee",
            )
            .field("parties.employee")
            .cause(format!("in case file `{}`", file.path.display()))
            .hint("add `employee = { name = \"...\", address = [\"...\", \"...\"], region = \"CA\" }` to [parties]"),
        );
    }
    let mut out = Vec::new();
    for role in Role::ALL {
        let Some(party) = role.party(parties) else {
            continue;
        };
        let lines: Vec<String> = party
            .address
            .iter()
            .map(|l| crate::case::text::one_line(l))
            .collect();
        if role == Role::Employer && lines.is_empty() {
            continue; // an employer without an address is named, not mailed
        }
        let path = format!("parties.{}", role.field());
        let name_span = party.name.span();
        let filled = lines.iter().filter(|l| !l.trim().is_empty()).count();
        if filled < 2 || filled != lines.len() || lines.len() > MAX_ADDRESS_LINES {
            let why = if lines.len() > MAX_ADDRESS_LINES {
                format!(
                    "{} lines under the name would not all show in the envelope window (at most {MAX_ADDRESS_LINES})",
                    lines.len()
                )
            } else if filled != lines.len() {
                "an address line is empty".to_string()
            } else {
                "expected a street line and a city, state and ZIP code line at least".to_string()
            };
            problems.push(
                at(
                    name_span.clone(),
                    Diagnostic::error(
                        "mailed.address",
                        format!("the {}'s address cannot be mailed to", role.key().replace('-', " ")),
                    ),
                )
                .field(format!("{path}.address"))
                .label(why)
                .hint("write `address = [\"100 Main Street\", \"Sacramento, CA 95814\"]`, one element per line"),
            );
        }
        let Some(region) = party.region else {
            problems.push(
                at(
                    name_span,
                    Diagnostic::error(
                        "mailed.region",
                        format!("the {}'s region is not given", role.key().replace('-', " ")),
                    ),
                )
                .field(format!("{path}.region"))
                .label("add `region = \"CA\"`, \"US\" or \"foreign\" to this party")
                .hint("the region of the address decides the days mailing adds to the appeal period: 5 in California, 10 elsewhere in the US, 20 abroad"),
            );
            continue;
        };
        let Some(mailed) = mailed else {
            continue;
        };
        match last_day_to_file(
            *mailed.get_ref(),
            region,
            mailing.mailed_from,
            &mailing.calendar,
        ) {
            Ok(deadline) => out.push(Recipient {
                role,
                name: crate::case::text::one_line(party.name.get_ref()),
                address: lines,
                region,
                language: party.language,
                deadline,
            }),
            Err(d) => problems.push(at(mailed.span(), d).field("dates.mailed")),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The deadlines `check` reports for a case: one line per recipient.
pub fn deadline_report(case_number: &str, recipients: &[Recipient]) -> String {
    let mut out = String::new();
    for r in recipients {
        let d = &r.deadline;
        let rolled = match d.rolled_past.as_slice() {
            [] => String::new(),
            days => format!(
                ", rolled past {}",
                days.iter()
                    .map(|(day, why)| format!("{} ({why})", day.us_numeric()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        out.push_str(&format!(
            "{case_number}: {} {} ({}): last day to appeal {}, {} (mailed {} + {} days + {}{rolled})\n",
            r.role.key(),
            r.name,
            r.region.as_str(),
            super::calendar::weekday_name(d.last_day),
            d.last_day.long(),
            d.mailed.us_numeric(),
            super::deadline::PERIOD_DAYS,
            d.extension,
        ));
    }
    out
}
