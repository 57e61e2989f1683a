//! The mailed edition: the determination as it is served on the parties, one copy per
//! recipient, each with the notice and appeal rights the published letter leaves out.
//!
//! [`calendar`] holds the judicial holidays as data; [`deadline`] computes each
//! recipient's last day to appeal from the date of mailing, the recipient's address and
//! that calendar.

pub mod calendar;
pub mod deadline;

pub use calendar::HolidayCalendar;
pub use deadline::{Deadline, last_day_to_file};
