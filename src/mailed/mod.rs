//! The mailed edition: the determination as it is served on the parties, one copy per
//! recipient, each with the notice and appeal rights the published letter leaves out.
//!
//! [`calendar`] holds the judicial holidays as data; [`deadline`] computes each
//! recipient's last day to appeal from the date of mailing, the recipient's address and
//! that calendar; [`recipients`] reads who gets a copy from the case's `[parties]`, and
//! refuses a case that cannot be mailed; [`context`] is what the mailed templates see;
//! [`packet`] renders and lays out each copy, its address block placed for the envelope's
//! window ([`window`]).

pub mod calendar;
pub mod context;
pub mod deadline;
pub mod manifest;
pub mod merge;
pub mod packet;
pub mod recipients;
mod render;
pub mod window;

pub use calendar::HolidayCalendar;
pub use deadline::{Deadline, last_day_to_file};
pub use recipients::{Recipient, Role, recipients};

use crate::case::Region;
use crate::diagnostic::Diagnostic;
use crate::template::Settings;

/// Which letter a run makes of each case.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Edition {
    /// The letter the state publishes: no party, no address, no date of mailing.
    #[default]
    Public,
    /// One copy per recipient from `[parties]`, with the notice, the appeal rights, the
    /// cc list and the proof of service by mail.
    Mailed,
}

/// The settings a mailed copy cannot be made without: the return address, the place of
/// mailing and who mailed it (the proof of service), where an appeal is served.
const REQUIRED: [&str; 4] = [
    "return_address",
    "mailed_from",
    "served_by",
    "imr_unit_address",
];

/// What a mailed run needs besides the templates, read once from its settings.
#[derive(Debug, Clone)]
pub struct Mailing {
    pub calendar: HolidayCalendar,
    /// Where the copies are mailed from (the `mailed_from_region` setting): with the
    /// recipient's region, it decides the days mailing adds.
    pub mailed_from: Region,
}

impl Mailing {
    pub fn from_settings(settings: &Settings) -> Result<Mailing, Diagnostic> {
        let empty: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|key| match settings.get(key) {
                crate::template::settings::Value::Text(t) => t.trim().is_empty(),
                crate::template::settings::Value::List(l) => l.is_empty(),
                _ => false,
            })
            .collect();
        if !empty.is_empty() {
            return Err(Diagnostic::error(
                "mailed.settings",
                format!(
                    "the mailed edition needs the setting{} {}, which {} empty",
                    if empty.len() == 1 { "" } else { "s" },
                    empty.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "),
                    if empty.len() == 1 { "is" } else { "are" }
                ),
            )
            .hint("set them in the template folder's settings.toml (see `templates list`), e.g. return_address = [\"PO Box 100\", \"Sacramento, CA 95812\"]"));
        }
        Ok(Mailing {
            calendar: HolidayCalendar::from_settings(settings)?,
            mailed_from: match settings.text("mailed_from_region") {
                "US" => Region::OtherState,
                "foreign" => Region::Abroad,
                _ => Region::California,
            },
        })
    }
}
