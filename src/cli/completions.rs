//! `imr-letters completions SHELL`: a completion script for bash, zsh, fish, elvish or
//! PowerShell, generated from the same argument definitions as `--help`.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Status};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs) -> Status {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "imr-letters", &mut script);
    super::write_stdout(&script)
}
