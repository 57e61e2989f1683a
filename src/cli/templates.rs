//! `imr-letters templates list|export`: what templates a run uses, and the built-ins
//! written out as a starting point for overrides.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::{Status, TemplateArgs, report};
use crate::batch::write_atomically;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::template::section::version_stamp;
use crate::template::settings::{Kind, SPECS, Scope};
use crate::template::{Origin, Role, SECTIONS, SETTINGS_FILE};

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Show each template and the file it resolves to, then the settings in force.
    List {
        #[command(flatten)]
        template: TemplateArgs,
    },
    /// Write the built-in templates and a commented settings.toml into DIR.
    Export {
        /// Folder to write into (created if missing).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
}

pub fn run(command: &TemplatesCommand) -> Result<Status, Diagnostics> {
    match command {
        TemplatesCommand::List { template } => list(template),
        TemplatesCommand::Export { dir, force } => export(dir, *force).map(|()| Status::Success),
    }
}

fn list(args: &TemplateArgs) -> Result<Status, Diagnostics> {
    let mut set = args.load()?;
    report(&std::mem::take(&mut set.warnings));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<18} {:<9} {:<40} about",
        "template", "role", "resolves to"
    );
    for (section, origin) in set.resolved() {
        let role = match section.role {
            Role::Letter => "letter",
            Role::Part => "part",
            Role::Furniture => "furniture",
            Role::Mailed => "mailed",
        };
        let from = match origin {
            Origin::Builtin => "built-in".to_string(),
            Origin::File(p) => p.display().to_string(),
        };
        let _ = writeln!(
            out,
            "{:<18} {:<9} {:<40} {}",
            section.file, role, from, section.about
        );
    }
    let settings_file = set
        .dir()
        .map(|d| d.join(SETTINGS_FILE))
        .filter(|p| p.is_file());
    let _ = writeln!(
        out,
        "\nsettings ({}, then --var):",
        settings_file.map_or("built-in defaults".to_string(), |p| format!(
            "built-in defaults, then {}",
            p.display()
        ))
    );
    for spec in SPECS {
        let value = match set.settings.get(spec.key) {
            crate::template::settings::Value::Text(s) => format!("{s:?}"),
            crate::template::settings::Value::Number(n) => n.to_string(),
            crate::template::settings::Value::Flag(b) => b.to_string(),
            crate::template::settings::Value::List(items) => format!("{items:?}"),
        };
        let _ = writeln!(out, "  {:<22} = {value}", spec.key);
    }
    Ok(super::write_stdout(out.as_bytes()))
}

fn export(dir: &Path, force: bool) -> Result<(), Diagnostics> {
    let mut files: Vec<(PathBuf, String)> = SECTIONS
        .iter()
        .map(|s| {
            (
                dir.join(s.file),
                format!("{}\n{}", version_stamp(s.file), s.builtin),
            )
        })
        .collect();
    files.push((dir.join(SETTINGS_FILE), settings_template()));
    if !force {
        let existing: Vec<String> = files
            .iter()
            .filter(|(p, _)| p.exists())
            .map(|(p, _)| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(Diagnostic::error(
                "export.exists",
                "export would overwrite existing files",
            )
            .cause(existing.join(", "))
            .hint("pass --force to overwrite them")
            .into());
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        Diagnostic::error(
            "output.folder",
            format!("cannot create folder `{}`", dir.display()),
        )
        .cause(e.to_string())
    })?;
    for (path, text) in &files {
        write_atomically(path, text.as_bytes())?;
    }
    say!("wrote {} files to {}", files.len(), dir.display());
    Ok(())
}

/// A settings.toml listing every setting, commented out at its default.
fn settings_template() -> String {
    let mut out = format!(
        "# {} {} template settings. Uncomment a line to change a setting for every run that uses\n\
         # this folder (--var KEY=VALUE still overrides it for one run).\n",
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION")
    );
    for spec in SPECS {
        let value = match spec.kind {
            Kind::Number { .. } | Kind::Flag => spec.default.to_string(),
            Kind::Text | Kind::Line | Kind::DateFormat | Kind::Choice(_) => {
                format!("{:?}", spec.default)
            }
            Kind::Lines => format!(
                "[{}]",
                spec.default
                    .split('|')
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| format!("{:?}", l.trim()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Kind::Sections => {
                let names: Vec<String> = spec
                    .default
                    .split(',')
                    .filter(|n| !n.trim().is_empty())
                    .map(|n| format!("{:?}", n.trim()))
                    .collect();
                format!("[{}]", names.join(", "))
            }
        };
        let per_case = match spec.scope {
            Scope::Case => " (a case may set it in its [settings])",
            Scope::Run(_) => "",
        };
        let _ = write!(
            out,
            "\n# {}{per_case}\n# {} = {value}\n",
            spec.about, spec.key
        );
    }
    out
}
