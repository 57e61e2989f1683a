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
    if args.shell == Shell::Bash {
        script = bash_labels_mended(&script);
    }
    super::write_stdout(&script)
}

/// clap_complete's bash script names the states of `imr-letters render` two ways: the
/// word loop sets `imr__letters__subcmd__render`, the `case` that completes matches
/// `imr__subcmd__letters__subcmd__render` (the hyphen of the binary's name taken for a
/// subcommand separator), so nothing past the first word completed. One spelling here.
fn bash_labels_mended(script: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(script)
        .replace("imr__subcmd__letters", "imr__letters")
        .into_bytes()
}
