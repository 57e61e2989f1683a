//! Case files: the facts of one IMR case, read from TOML and checked.
//!
//! The structs below are the case format (`case-format.md`, version 1.1) field for field.
//! Every table refuses unknown keys, so a misspelt `decison` is an error, never ignored.
//! Fields that a later check must point at keep their span in the file ([`Spanned`]).
//! [`load`] reads and parses a file; [`validate`] applies the format's rules that serde
//! cannot express (date order, non-empty lists); [`text`] turns a text field into the
//! paragraphs the letter prints.

pub mod date;
pub mod fields;
pub mod literal;
pub mod load;
pub mod schema;
pub mod shape;
pub mod text;
pub mod validate;

use schemars::JsonSchema;
use serde::Deserialize;
pub use serde_spanned::Spanned;

pub use date::CalendarDate;
pub use load::{CaseFile, case_from_bytes, load_case, parse_case, read_case_text, to_nfc};

/// One case, as written in its file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// IMR case number; also the output file name. Real ones look like "CM16-0247624".
    #[schemars(with = "String", regex(pattern = r"^[A-Za-z0-9_-][A-Za-z0-9._-]*$"))]
    pub case_number: Spanned<String>,
    #[serde(default)]
    pub priority: Priority,
    pub dates: Dates,
    pub reviewer: Reviewer,
    pub summary: Summary,
    /// The disputed items, in letter order.
    #[schemars(with = "Vec<Item>", length(min = 1))]
    pub items: Spanned<Vec<Item>>,
    /// Who the notice is mailed to; never printed in the public letter.
    #[serde(default)]
    pub parties: Option<Parties>,
    /// The documents the expert reviewer reviewed, listed in the mailed edition only (they
    /// name providers): one `[[documents_reviewed]]` table each.
    #[serde(default)]
    pub documents_reviewed: Vec<DocumentReviewed>,
    /// This letter's own settings (format 1.1), the same keys and values as `--var`:
    /// `margin_top`, `margin_bottom`, `margin_left`, `margin_right`, `page_size`,
    /// `new_page_before` (a list of sections), `keep_headings_with_next`, `wording`. They
    /// win over the run's; the run's own settings (fonts, organization) are refused.
    #[serde(default)]
    #[schemars(with = "Option<std::collections::BTreeMap<String, serde_json::Value>>")]
    pub settings: Option<CaseSettings>,
    /// Warnings a reviewer judged right for this case, one `[[accept]]` table each: set
    /// aside by `check` and `render` (listed in `--report`), never errors.
    #[serde(default)]
    pub accept: Vec<Acceptance>,
}

/// What the public letter is made from: a case without `[parties]`,
/// `[[documents_reviewed]]` and `dates.mailed`. The template context of the letter reads a
/// case only through this view ([`Case::public`]), so nothing the mailed edition alone
/// holds can reach a published letter.
#[derive(Debug, Clone, Copy)]
pub struct PublicCase<'a> {
    pub case_number: &'a Spanned<String>,
    pub priority: Priority,
    pub dates: PublicDates<'a>,
    pub reviewer: &'a Reviewer,
    pub summary: &'a Summary,
    pub items: &'a [Item],
}

/// The five dates the public letter prints: never the date of mailing.
#[derive(Debug, Clone, Copy)]
pub struct PublicDates<'a> {
    pub assigned: &'a CalendarDate,
    pub injury: &'a CalendarDate,
    pub decision: &'a CalendarDate,
    pub ur_denial: &'a CalendarDate,
    pub application_received: &'a CalendarDate,
}

impl Case {
    /// The case as the public letter may see it. Every field is named, so a field added to
    /// the format must be put on one side or the other before this compiles.
    pub fn public(&self) -> PublicCase<'_> {
        let Case {
            case_number,
            priority,
            dates,
            reviewer,
            summary,
            items,
            parties: _,
            documents_reviewed: _,
            settings: _,
            accept: _,
        } = self;
        let Dates {
            assigned,
            injury,
            decision,
            ur_denial,
            application_received,
            mailed: _,
        } = dates;
        PublicCase {
            case_number,
            priority: *priority,
            dates: PublicDates {
                assigned: assigned.get_ref(),
                injury: injury.get_ref(),
                decision: decision.get_ref(),
                ur_denial: ur_denial.get_ref(),
                application_received: application_received.get_ref(),
            },
            reviewer,
            summary,
            items: items.get_ref(),
        }
    }
}

/// A case's `[settings]`: each key and value with its place in the file.
pub type CaseSettings = std::collections::BTreeMap<Spanned<String>, Spanned<toml::Value>>;

/// One accepted warning: which finding, and why it is right.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    /// The warning's code, as `check` prints it: e.g. "text.date-before-injury".
    #[schemars(with = "String")]
    pub code: Spanned<String>,
    /// The key path the warning is in, e.g. `items[1].rationale` (absent: any).
    #[serde(default)]
    pub field: Option<String>,
    /// Text the warning's message contains, e.g. "2003" (absent: any).
    #[serde(default)]
    pub text: Option<String>,
    /// Why the warning is right for this case (required: the report lists it).
    pub reason: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    #[default]
    Standard,
    Expedited,
}

impl Priority {
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Standard => "standard",
            Priority::Expedited => "expedited",
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    #[schemars(with = "CalendarDate")]
    pub assigned: Spanned<CalendarDate>,
    #[schemars(with = "CalendarDate")]
    pub injury: Spanned<CalendarDate>,
    #[schemars(with = "CalendarDate")]
    pub decision: Spanned<CalendarDate>,
    #[schemars(with = "CalendarDate")]
    pub ur_denial: Spanned<CalendarDate>,
    #[schemars(with = "CalendarDate")]
    pub application_received: Spanned<CalendarDate>,
    /// The date the determination is served by mail, on or after the decision date: the
    /// mailed edition's date and the start of each party's appeal period. Required for
    /// `render --edition mailed`; never printed in the public letter.
    #[serde(default)]
    #[schemars(with = "Option<CalendarDate>")]
    pub mailed: Option<Spanned<CalendarDate>>,
}

impl Dates {
    /// The dates in the order the format requires them to fall, with their keys.
    pub fn in_required_order(&self) -> [(&'static str, &Spanned<CalendarDate>); 5] {
        [
            ("injury", &self.injury),
            ("ur_denial", &self.ur_denial),
            ("application_received", &self.application_received),
            ("assigned", &self.assigned),
            ("decision", &self.decision),
        ]
    }
}

/// The expert reviewer's qualifications; a reviewer's name never appears.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reviewer {
    #[schemars(with = "Vec<String>", length(min = 1))]
    pub licensure: Spanned<Vec<String>>,
    #[schemars(with = "Vec<String>", length(min = 1))]
    pub specialties: Spanned<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// The clinical case summary: a string (paragraphs separated by a blank line), or an
    /// array with one string per paragraph, "" for an empty one (format 1.1).
    #[schemars(with = "Text")]
    pub text: Spanned<Text>,
}

/// A text of paragraphs, in either of the format's two forms.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Text {
    /// Paragraphs separated by a blank line; single line breaks join.
    Joined(String),
    /// One element per paragraph as the word processor holds it; `""` is an empty
    /// paragraph, and two elements in a row start the second on the next line.
    Paragraphs(Vec<String>),
}

impl Text {
    /// Whether the text prints nothing (every paragraph blank).
    pub fn is_blank(&self) -> bool {
        match self {
            Text::Joined(s) => text::is_blank_text(s),
            Text::Paragraphs(list) => list.iter().all(|p| text::is_blank_text(p)),
        }
    }
}

/// One disputed item or service.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    #[schemars(with = "String")]
    pub request: Spanned<String>,
    pub decision: Decision,
    /// The decision rationale: a string, or an array of paragraphs (format 1.1), as
    /// `summary.text`.
    #[schemars(with = "Text")]
    pub rationale: Spanned<Text>,
    #[serde(default)]
    pub claims_administrator: Option<GuidelineBasis>,
    #[serde(default)]
    pub expert_reviewer: Option<GuidelineBasis>,
    #[serde(default)]
    pub modified: Option<Modified>,
    #[serde(default)]
    pub opioid_taper_advisory: Option<AdvisoryPerson>,
    /// Escape hatch: the item line before `: Upheld`, verbatim.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub heading: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// The denial stands: not medically necessary.
    Upheld,
    /// Medically necessary.
    Overturned,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Upheld => "upheld",
            Decision::Overturned => "overturned",
        }
    }
}

/// What a decision relied on.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GuidelineBasis {
    #[serde(default)]
    pub mtus: Vec<MtusPart>,
    #[serde(default)]
    pub non_mtus: Option<String>,
    /// Escape hatch: the whole guideline sentence, verbatim.
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MtusPart {
    pub guideline: String,
    /// The guideline's edition year, four digits.
    #[schemars(with = "u16")]
    pub year: Spanned<u16>,
    #[serde(default)]
    pub sections: Vec<String>,
}

/// A UR decision that modified the request.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Modified {
    pub original: String,
    pub authorized: String,
}

/// Whom the opioid tapering advisory addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum AdvisoryPerson {
    #[serde(rename = "patient")]
    Patient,
    #[serde(rename = "injured worker")]
    InjuredWorker,
}

impl AdvisoryPerson {
    pub fn as_str(self) -> &'static str {
        match self {
            AdvisoryPerson::Patient => "patient",
            AdvisoryPerson::InjuredWorker => "injured worker",
        }
    }
}

/// Where an address is, as the service rules count it (CCP 1013(a)): in California,
/// elsewhere in the United States, or abroad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
pub enum Region {
    #[serde(rename = "CA")]
    California,
    #[serde(rename = "US")]
    OtherState,
    #[serde(rename = "foreign")]
    Abroad,
}

impl Region {
    /// As the case format writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Region::California => "CA",
            Region::OtherState => "US",
            Region::Abroad => "foreign",
        }
    }
}

/// The parties of the mailed notice. Kept out of the public letter.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parties {
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub claim_number: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub adj_number: Option<Spanned<String>>,
    #[serde(default)]
    pub employee: Option<Party>,
    #[serde(default)]
    pub employer: Option<Party>,
    #[serde(default)]
    pub claims_administrator: Option<Party>,
    #[serde(default)]
    pub requesting_provider: Option<Party>,
    #[serde(default)]
    pub attorney: Option<Party>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// The mailing address, one line per element: street, then city, state and ZIP code
    /// (a country last for an address abroad). The mailed edition sends a copy to every
    /// party with one (the employer only when it has one).
    #[serde(default)]
    pub address: Vec<String>,
    /// Where the address is: "CA" (California), "US" (another state) or "foreign"; it
    /// decides the days service by mail adds to the appeal period. Required for a copy.
    #[serde(default)]
    pub region: Option<Region>,
    /// The language of the copy's notice and appeal-rights pages: "en" (the default) or
    /// "es" (Spanish). The determination itself is printed as written.
    #[serde(default)]
    pub language: Language,
}

/// The language of a mailed copy's own pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    English,
    #[serde(rename = "es")]
    Spanish,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Spanish => "es",
        }
    }
}

/// One entry of the documents reviewed (8 CCR 9792.10.6(d)): by provider and range of
/// dates of service, as the mailed determinations list them.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentReviewed {
    /// What the document is, e.g. "Primary treating physician progress reports".
    pub title: String,
    /// Who wrote it (a provider, a UR organization).
    #[serde(default)]
    pub author: Option<String>,
    /// The dates or range of dates it covers, as written, e.g. "03/09/2015 - 06/18/2015".
    #[serde(default)]
    pub dates: Option<String>,
}

impl Parties {
    /// Every party with its role, in a fixed order.
    pub fn named(&self) -> impl Iterator<Item = (&'static str, &Party)> {
        [
            ("employee", &self.employee),
            ("employer", &self.employer),
            ("claims_administrator", &self.claims_administrator),
            ("requesting_provider", &self.requesting_provider),
            ("attorney", &self.attorney),
        ]
        .into_iter()
        .filter_map(|(role, p)| p.as_ref().map(|p| (role, p)))
    }
}
