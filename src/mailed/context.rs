//! What the mailed edition's templates see besides the letter's context: `mailing`, the
//! date of mailing, the numbers and names of `[parties]`, this copy's recipient with its
//! last day to appeal, the other recipients and the documents reviewed. It is made only
//! for a mailed copy; the public letter's context ([`crate::template::LetterContext`])
//! has none of it.

use serde::Serialize;

use crate::case::CaseFile;
use crate::case::text::one_line;

use super::Recipient;

#[derive(Debug, Serialize)]
pub struct MailingContext {
    /// The date of mailing, ISO (for the `date` filter).
    pub date: String,
    pub claim_number: Option<String>,
    pub adj_number: Option<String>,
    pub employee: Option<String>,
    pub employer: Option<String>,
    pub claims_administrator: Option<String>,
    pub requesting_provider: Option<String>,
    pub attorney: Option<String>,
    /// The addressee of this copy.
    pub recipient: RecipientContext,
    /// Every other recipient, in mailing order (the cc list).
    pub others: Vec<RecipientContext>,
    /// Every recipient, in mailing order (the proof of service).
    pub recipients: Vec<RecipientContext>,
    pub documents: Vec<DocumentContext>,
    /// The requests of the overturned items, in letter order (what the claims
    /// administrator must now authorize).
    pub overturned: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecipientContext {
    /// `employee`, `attorney`, `requesting-provider`, `claims-administrator`, `employer`.
    pub role: &'static str,
    pub name: String,
    pub address: Vec<String>,
    /// `CA`, `US` or `foreign`.
    pub region: &'static str,
    /// `en` or `es`.
    pub language: &'static str,
    pub deadline: DeadlineContext,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeadlineContext {
    /// The last day to file, ISO.
    pub last_day: String,
    /// The date of mailing plus 30 days, ISO.
    pub period_end: String,
    /// The days mailing adds: 5, 10 or 20.
    pub extension: i64,
    /// The period's end plus the extension, before rolling past closed days, ISO.
    pub extended: String,
    /// The days passed over, each with why the offices were closed.
    pub rolled_past: Vec<ClosedDay>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClosedDay {
    pub date: String,
    pub why: String,
}

#[derive(Debug, Serialize)]
pub struct DocumentContext {
    pub title: String,
    pub author: Option<String>,
    pub dates: Option<String>,
}

impl RecipientContext {
    pub fn new(r: &Recipient) -> RecipientContext {
        let d = &r.deadline;
        RecipientContext {
            role: r.role.key(),
            name: r.name.clone(),
            address: r.address.clone(),
            region: r.region.as_str(),
            language: r.language.as_str(),
            deadline: DeadlineContext {
                last_day: d.last_day.to_string(),
                period_end: d.period_end.to_string(),
                extension: d.extension,
                extended: d.extended.to_string(),
                rolled_past: d
                    .rolled_past
                    .iter()
                    .map(|(date, why)| ClosedDay {
                        date: date.to_string(),
                        why: why.clone(),
                    })
                    .collect(),
            },
        }
    }
}

impl MailingContext {
    /// The context of the copy for `recipients[this]`.
    pub fn new(file: &CaseFile, recipients: &[Recipient], this: usize) -> MailingContext {
        let case = &file.case;
        let parties = case.parties.clone().unwrap_or_default();
        let name = |p: &Option<crate::case::Party>| p.as_ref().map(|p| one_line(p.name.get_ref()));
        let all: Vec<RecipientContext> = recipients.iter().map(RecipientContext::new).collect();
        MailingContext {
            date: case
                .dates
                .mailed
                .as_ref()
                .map(|d| d.get_ref().to_string())
                .unwrap_or_default(),
            claim_number: parties.claim_number.as_ref().map(|n| one_line(n.get_ref())),
            adj_number: parties.adj_number.as_ref().map(|n| one_line(n.get_ref())),
            employee: name(&parties.employee),
            employer: name(&parties.employer),
            claims_administrator: name(&parties.claims_administrator),
            requesting_provider: name(&parties.requesting_provider),
            attorney: name(&parties.attorney),
            recipient: all[this].clone(),
            others: all
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != this)
                .map(|(_, r)| r.clone())
                .collect(),
            recipients: all,
            documents: case
                .documents_reviewed
                .iter()
                .map(|d| DocumentContext {
                    title: one_line(&d.title),
                    author: d.author.as_deref().map(one_line),
                    dates: d.dates.as_deref().map(one_line),
                })
                .collect(),
            overturned: case
                .items
                .get_ref()
                .iter()
                .filter(|i| i.decision == crate::case::Decision::Overturned)
                .map(|i| one_line(i.request.get_ref()))
                .collect(),
        }
    }
}
