//! Templates: from a case to the markup of each letter section.
//!
//! The built-in templates ([`section::SECTIONS`]) are embedded in the binary and always
//! loaded under `builtin/<file>`. A template folder (`--templates DIR`) overrides any of
//! them by file name; lookup is user file first, then built-in, in one place (Tera's
//! fallback prefix), so an override can `{% extends "builtin/item.md" %}` and replace one
//! block. A file in the folder that matches no section is a warning. Every template's
//! final line break is dropped (as Jinja does), so a part included inside a sentence adds
//! no space. Case values are escaped for the markup by [`filters::escape_markup`].

pub mod budget;
pub mod context;
pub mod filters;
mod folder;
pub mod furniture;
pub mod section;
pub mod setting_table;
pub mod settings;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Context, Tera};

use crate::case::CaseFile;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
pub use context::LetterContext;
use folder::read_sources;
pub use section::{BUILTIN_PREFIX, Role, SECTIONS, SETTINGS_FILE, Section};
pub use settings::Settings;

/// Where a template's text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    File(PathBuf),
}

#[derive(Debug, Clone)]
struct Source {
    origin: Origin,
    text: String,
}

/// The templates and settings of a run, compiled once and shared by every case.
pub struct TemplateSet {
    tera: Tera,
    sources: BTreeMap<String, Source>,
    pub settings: Settings,
    /// Problems worth telling that do not stop the run (stray files in the folder).
    pub warnings: Diagnostics,
    dir: Option<PathBuf>,
}

/// One rendered letter section: its markup.
#[derive(Debug, Clone)]
pub struct RenderedSection {
    pub section: &'static Section,
    pub markup: String,
}

impl TemplateSet {
    /// Loads the built-ins, the overrides in `dir` and its settings, then `vars`.
    pub fn load(dir: Option<&Path>, vars: &[String]) -> Result<TemplateSet, Diagnostics> {
        let (sources, settings, warnings) = read_sources(dir, vars)?;
        compile(sources, settings, warnings, dir).map_err(Diagnostics::from)
    }

    /// For `check` when [`TemplateSet::load`] fails: every template of `dir` that fails
    /// to compile, each tried on its own against the built-ins (so two broken files are
    /// two errors), and the set of the overrides that do compile, so the rest can still be
    /// checked. When no file fails alone (say, two overrides that include each other), the
    /// error of the whole set is returned and no set.
    pub fn load_partial(dir: &Path, vars: &[String]) -> (Option<TemplateSet>, Diagnostics) {
        let (sources, settings, warnings) = match read_sources(Some(dir), vars) {
            Ok(read) => read,
            Err(problems) => return (None, problems),
        };
        let builtins: BTreeMap<String, Source> = sources
            .iter()
            .filter(|(_, s)| s.origin == Origin::Builtin)
            .map(|(n, s)| (n.clone(), s.clone()))
            .collect();
        let mut out = Diagnostics::default();
        let mut good = builtins.clone();
        for (name, source) in sources.iter().filter(|(_, s)| s.origin != Origin::Builtin) {
            let mut alone = builtins.clone();
            alone.insert(name.clone(), source.clone());
            match compile(alone, settings.clone(), Diagnostics::default(), Some(dir)) {
                Ok(_) => {
                    good.insert(name.clone(), source.clone());
                }
                Err(d) => out.push(d),
            }
        }
        if out.is_empty() {
            if let Err(d) = compile(sources, settings, warnings, Some(dir)) {
                out.push(d);
            }
            return (None, out);
        }
        out.0.extend(warnings.0.iter().cloned());
        let rest = compile(good, settings, Diagnostics::default(), Some(dir));
        (rest.ok(), out)
    }

    /// Feeds everything that decides a rendered letter's text into `hash`: every template's
    /// name and source, and every setting's value.
    pub fn hash_into(&self, hash: &mut sha2::Sha256) {
        use sha2::Digest;
        for (name, source) in &self.sources {
            hash.update(format!("template {name} {}\n", source.text.len()).as_bytes());
            hash.update(source.text.as_bytes());
        }
        for (key, value) in self.settings.as_map() {
            hash.update(format!("setting {key} = {value:?}\n").as_bytes());
        }
    }

    /// Which file each template resolves to.
    pub fn resolved(&self) -> Vec<(&'static Section, &Origin)> {
        SECTIONS
            .iter()
            .map(|s| {
                let origin = self
                    .sources
                    .get(s.file)
                    .map_or(&Origin::Builtin, |src| &src.origin);
                (s, origin)
            })
            .collect()
    }

    /// The folder overrides came from, if any.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Renders every letter section of a case, in letter order.
    /// `settings` are the case's when it sets any of its own (`None`: the run's).
    pub fn render_letter(
        &self,
        case: &CaseFile,
        settings: Option<&Settings>,
    ) -> Result<Vec<RenderedSection>, Diagnostics> {
        let mut context = letter_context(case)?;
        if let Some(own) = settings {
            // shadows the run's settings, which every template sees as a global
            context.insert("settings", own.as_map());
        }
        let mut out = Vec::with_capacity(SECTIONS.len());
        for section in SECTIONS.iter().filter(|s| s.role == Role::Letter) {
            let markup = self.render_section(section, case, &context)?;
            out.push(RenderedSection { section, markup });
        }
        Ok(out)
    }

    fn render_section(
        &self,
        section: &'static Section,
        case: &CaseFile,
        context: &Context,
    ) -> Result<String, Diagnostic> {
        let what = format!("failed to render section `{}`", section.file);
        let d = match budget::Budget::for_case(case.source.len()).render(
            &self.tera,
            section.file,
            context,
        ) {
            Ok(markup) => return Ok(markup),
            Err(budget::Failure::Engine { error, range_spent }) => {
                let d = self.engine_diagnostic(&error, &what);
                if range_spent {
                    spent(d).hint(format!(
                        "a template may loop over `range` {} times in all in one evaluation; \
                         loop over the case's own lists instead",
                        budget::RANGE_NUMBERS
                    ))
                } else {
                    d
                }
            }
            Err(budget::Failure::Output { limit }) => self.whole_file_error(
                section.file,
                Diagnostic::error(
                    "template.budget",
                    format!("{what}: it printed more markup than its budget"),
                )
                .cause(format!(
                    "the budget for this case: {limit} bytes ({} plus {} per byte of the case file)",
                    budget::OUTPUT_BASE,
                    budget::OUTPUT_PER_CASE_BYTE
                ))
                .hint("look for a loop that prints more than the case holds"),
            ),
        };
        Err(d.cause(format!("while rendering case `{}`", case.path.display())))
    }

    /// Renders one template against a context made by the caller (the mailed edition's:
    /// the letter's context with its `mailing`), shadowing the run's settings with a
    /// case's own when it has them.
    pub fn render_named(
        &self,
        file: &'static str,
        case: &CaseFile,
        context: &Context,
    ) -> Result<String, Diagnostic> {
        let section = section::find_section(file).expect("a template of the table");
        self.render_section(section, case, context)
    }

    /// The context every template of a case sees: the letter's (no party in it).
    pub fn case_context(
        &self,
        case: &CaseFile,
        settings: Option<&Settings>,
    ) -> Result<Context, Diagnostic> {
        let mut context = letter_context(case)?;
        if let Some(own) = settings {
            context.insert("settings", own.as_map());
        }
        Ok(context)
    }

    /// The templates read from the template folder: (template name, file, text).
    pub fn overrides(&self) -> Vec<(&str, &Path, &str)> {
        self.sources
            .iter()
            .filter_map(|(name, s)| match &s.origin {
                Origin::File(path) => Some((name.as_str(), path.as_path(), s.text.as_str())),
                Origin::Builtin => None,
            })
            .collect()
    }

    /// Where a template name points, for messages: a path, or the built-in's name.
    pub fn display_name(&self, tera_name: &str) -> String {
        match self.sources.get(tera_name).map(|s| &s.origin) {
            Some(Origin::File(p)) => p.display().to_string(),
            _ => format!("built-in {}", tera_name.trim_start_matches(BUILTIN_PREFIX)),
        }
    }

    /// Points a diagnostic about a whole template at its first line.
    pub fn whole_file_error(&self, file: &str, d: Diagnostic) -> Diagnostic {
        let name = match self.sources.get(file) {
            Some(_) => file.to_string(),
            None => format!("{BUILTIN_PREFIX}{file}"),
        };
        match self.sources.get(&name) {
            Some(src) => d.at(Location::at_line(
                &self.display_name(&name),
                &src.text,
                1,
                1,
                src.text
                    .lines()
                    .next()
                    .map_or(1, |l| l.chars().count().max(1)),
            )),
            None => d,
        }
    }

    /// Where a character first stands in the templates (overrides first): for an error
    /// about a character the templates print.
    pub fn find_char(&self, c: char) -> Option<Location> {
        let mut sources: Vec<(&String, &Source)> = self.sources.iter().collect();
        sources.sort_by_key(|(_, s)| s.origin == Origin::Builtin);
        sources.into_iter().find_map(|(name, src)| {
            let at = src.text.find(c)?;
            Some(Location::from_span(
                &self.display_name(name),
                &src.text,
                at..at + c.len_utf8(),
            ))
        })
    }

    /// The source text of a section as this run resolves it.
    pub fn source_of(&self, file: &str) -> Option<(&Origin, &str)> {
        self.sources
            .get(file)
            .or_else(|| self.sources.get(&format!("{BUILTIN_PREFIX}{file}")))
            .map(|s| (&s.origin, s.text.as_str()))
    }

    fn engine_diagnostic(&self, e: &tera::Error, what: &str) -> Diagnostic {
        let mut d = match e.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let name = report.filename();
                let file = self.display_name(name);
                let mut d =
                    Diagnostic::error("template.error", format!("{what}: {}", report.message()));
                if let Some(src) = self.sources.get(name) {
                    d = d.at(Location::from_span(
                        &file,
                        &src.text,
                        report.span().range.clone(),
                    ));
                } else {
                    d = d.cause(format!("in template {file}"));
                }
                d
            }
            tera::ErrorKind::MissingParent { current, parent } => {
                let names: Vec<String> = self.sources.keys().cloned().collect();
                Diagnostic::error(
                    "template.error",
                    format!(
                        "{what}: `{}` extends `{parent}`, which does not exist",
                        self.display_name(current)
                    ),
                )
                .hint(format!(
                    "the templates that exist are: {}",
                    names.join(", ")
                ))
            }
            _ => Diagnostic::error("template.error", format!("{what}: {e}")),
        };
        let mut cause = std::error::Error::source(e);
        while let Some(c) = cause {
            d = d.cause(c.to_string());
            cause = c.source();
        }
        d
    }
}

/// The engine's error about a `range` past the loop budget, under the budget's own code.
fn spent(mut d: Diagnostic) -> Diagnostic {
    d.code = "template.budget";
    d
}

fn letter_context(case: &CaseFile) -> Result<Context, Diagnostic> {
    Context::from_serialize(&LetterContext::new(&case.case)).map_err(|e| {
        Diagnostic::error("template.context", "failed to build the template context")
            .cause(e.to_string())
    })
}

/// Compiles the templates into a set.
fn compile(
    sources: BTreeMap<String, Source>,
    settings: Settings,
    warnings: Diagnostics,
    dir: Option<&Path>,
) -> Result<TemplateSet, Diagnostic> {
    let mut tera = Tera::new();
    tera.set_fallback_prefixes([BUILTIN_PREFIX])
        .map_err(|e| Diagnostic::error("template.engine", e.to_string()))?;
    tera.autoescape_on([".md"]);
    tera.set_escape_fn(filters::escape_markup);
    filters::register_filters(&mut tera, settings.text("date_format").to_string());
    budget::register_range(&mut tera);
    let mut set = TemplateSet {
        tera,
        sources,
        settings,
        warnings,
        dir: dir.map(Path::to_path_buf),
    };
    for (name, source) in &set.sources {
        if let Some((span, variable)) = budget::self_doubling(&source.text) {
            let file = set.display_name(name);
            return Err(Diagnostic::error(
                "template.budget",
                format!(
                    "failed to compile the templates: `{variable}` is joined to itself twice, so it doubles each time this runs"
                ),
            )
            .at(Location::from_span(&file, &source.text, span))
            .hint(format!(
                "in a loop that fills the memory within sixty turns; join `{variable}` to the new piece only"
            )));
        }
    }
    let all: Vec<(String, String)> = set
        .sources
        .iter()
        .map(|(n, s)| (n.clone(), s.text.clone()))
        .collect();
    if let Err(e) = set.tera.add_raw_templates(all) {
        return Err(set.engine_diagnostic(&e, "failed to compile the templates"));
    }
    let mut globals = BTreeMap::new();
    globals.insert("settings", set.settings.as_map());
    for (k, v) in globals {
        set.tera.global_context().insert(k, v);
    }
    Ok(set)
}
