//! `imr-letters schema`: the JSON Schema of the case format ([`crate::case::schema`]),
//! for editors.

use super::Status;
use crate::case::schema::case_schema;

pub fn run() -> Status {
    print!("{}", case_schema());
    Status::Success
}
