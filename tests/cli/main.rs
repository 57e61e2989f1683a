//! The integration harness: the real binary on fixtures, with its stdout, stderr, exit
//! status and files checked. Modules group the scenarios; `support` runs the binary.

mod support;

mod batch;
mod cases;
mod check;
mod check_editor;
mod check_templates;
mod check_then_render;
mod combine_folder;
mod contradiction;
mod decorations;
mod folders;
mod furniture;
mod interrupt;
mod kill;
mod mailed;
mod markup;
mod output;
mod pdf;
mod privacy;
mod regression;
mod sample;
mod scenarios;
mod tagged;
mod tagged_check;
mod templates;
mod watch;
