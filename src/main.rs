//! The `imr-letters` binary: parse arguments, run one command, exit with its status.

use std::process::ExitCode;

use clap::Parser;
use imr_letters::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let args = Cli::parse();
    let status = match &args.command {
        Command::Render(a) => cli::render::run(a),
        Command::Check(a) => cli::check::run(a),
        Command::Templates(c) => cli::templates::run(c),
        Command::Schema => cli::schema::run(),
        Command::Completions(a) => cli::completions::run(a),
        Command::Man(a) => cli::man::run(a),
        Command::Sample(a) => cli::sample::run(a),
    };
    ExitCode::from(status as u8)
}
