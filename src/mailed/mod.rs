//! The mailed edition: the determination as it is served on the parties, one copy per
//! recipient, each with the notice and appeal rights the published letter leaves out.
//!
//! [`calendar`] holds the judicial holidays as data; [`deadline`] computes each
//! recipient's last day to appeal from the date of mailing, the recipient's address and
//! that calendar; [`recipients`] reads who gets a copy from the case's `[parties]`, and
//! refuses a case that cannot be mailed.

pub mod calendar;
pub mod deadline;
pub mod recipients;

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
