//! The template context, built in one place: what a template sees of a case.
//!
//! Text fields arrive as the letter prints them: one string per paragraph (`summary`,
//! `item.rationale`), one-line fields joined. Every key is always present (absent facts are
//! `none` or empty lists), so a template tests `{% if item.modified %}` without tripping
//! over undefined values. Dates are ISO strings (`2016-12-30`) for the `date` filter.
//! `parties` is not here: the public letter never prints them.

use serde::Serialize;

use crate::case::text::{one_line, printed_paragraphs};
use crate::case::{Case, GuidelineBasis, Item};

#[derive(Debug, Serialize)]
pub struct LetterContext {
    pub case_number: String,
    pub priority: &'static str,
    pub dates: DatesContext,
    pub reviewer: ReviewerContext,
    pub summary: Vec<String>,
    pub items: Vec<ItemContext>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DatesContext {
    pub assigned: String,
    pub injury: String,
    pub decision: String,
    pub ur_denial: String,
    pub application_received: String,
}

#[derive(Debug, Serialize)]
pub struct ReviewerContext {
    pub licensure: Vec<String>,
    pub specialties: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ItemContext {
    /// 1-based position in the letter.
    pub number: usize,
    pub request: String,
    pub decision: &'static str,
    pub rationale: Vec<String>,
    pub claims_administrator: BasisContext,
    pub expert_reviewer: BasisContext,
    pub modified: Option<ModifiedContext>,
    pub opioid_taper_advisory: Option<&'static str>,
    pub heading: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct BasisContext {
    pub mtus: Vec<MtusContext>,
    pub non_mtus: Option<String>,
    pub text: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct MtusContext {
    pub guideline: String,
    pub year: u16,
    pub sections: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ModifiedContext {
    pub original: String,
    pub authorized: String,
}

impl LetterContext {
    pub fn new(case: &Case) -> LetterContext {
        let case = case.public();
        LetterContext {
            case_number: case.case_number.get_ref().clone(),
            priority: case.priority.as_str(),
            dates: DatesContext::from_public(&case.dates),
            reviewer: ReviewerContext {
                licensure: case
                    .reviewer
                    .licensure
                    .get_ref()
                    .iter()
                    .map(|s| one_line(s))
                    .collect(),
                specialties: case
                    .reviewer
                    .specialties
                    .get_ref()
                    .iter()
                    .map(|s| one_line(s))
                    .collect(),
            },
            summary: printed_paragraphs(case.summary.text.get_ref()),
            items: case
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| item_context(i + 1, item))
                .collect(),
        }
    }
}

impl DatesContext {
    pub fn new(case: &Case) -> DatesContext {
        DatesContext::from_public(&case.public().dates)
    }

    fn from_public(d: &crate::case::PublicDates<'_>) -> DatesContext {
        DatesContext {
            assigned: d.assigned.to_string(),
            injury: d.injury.to_string(),
            decision: d.decision.to_string(),
            ur_denial: d.ur_denial.to_string(),
            application_received: d.application_received.to_string(),
        }
    }
}

fn item_context(number: usize, item: &Item) -> ItemContext {
    ItemContext {
        number,
        request: one_line(item.request.get_ref()),
        decision: item.decision.as_str(),
        rationale: printed_paragraphs(item.rationale.get_ref()),
        claims_administrator: basis_context(item.claims_administrator.as_ref()),
        expert_reviewer: basis_context(item.expert_reviewer.as_ref()),
        modified: item.modified.as_ref().map(|m| ModifiedContext {
            original: one_line(&m.original),
            authorized: one_line(&m.authorized),
        }),
        opioid_taper_advisory: item.opioid_taper_advisory.map(|p| p.as_str()),
        heading: item.heading.as_ref().map(|h| one_line(h.get_ref())),
    }
}

fn basis_context(basis: Option<&GuidelineBasis>) -> BasisContext {
    let Some(b) = basis else {
        return BasisContext {
            mtus: Vec::new(),
            non_mtus: None,
            text: None,
        };
    };
    BasisContext {
        mtus: b
            .mtus
            .iter()
            .map(|p| MtusContext {
                guideline: one_line(&p.guideline),
                year: *p.year.get_ref(),
                sections: p.sections.iter().map(|s| one_line(s)).collect(),
            })
            .collect(),
        non_mtus: b
            .non_mtus
            .as_deref()
            .map(one_line)
            .filter(|s| !s.is_empty()),
        text: b.text.as_deref().map(one_line).filter(|s| !s.is_empty()),
    }
}
