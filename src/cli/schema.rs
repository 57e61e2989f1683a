//! `imr-letters schema`: the JSON Schema of the case format ([`crate::case::schema`]),
//! for editors.

use super::Status;
use crate::case::schema::case_schema;

pub fn run() -> Status {
    super::write_stdout(case_schema().as_bytes())
}
