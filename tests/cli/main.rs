//! The integration harness: the real binary on fixtures, with its stdout, stderr, exit
//! status and files checked. Modules group the scenarios; `support` runs the binary.

mod support;

mod batch;
mod cases;
mod check;
mod check_editor;
mod check_templates;
mod decorations;
mod errors;
mod kill;
mod markup;
mod output;
mod pdf;
mod regression;
mod sample;
mod scenarios;
mod templates;
mod watch;
