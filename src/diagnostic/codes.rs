//! Every diagnostic code, in one table: what it means and how serious it is. Codes are part
//! of the interface (`check --format json`, `--report`, the `[[accept]]` tables of case
//! files), so they are listed here, a debug build refuses a diagnostic whose code is not
//! ([`super::Diagnostic::error`]), a test finds every code written in the source here, and
//! the README's table is checked against this one.

/// A code's severity: what the diagnostic always is, or either (the same code at two
/// levels, as `settings.value` is not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
}

/// One code: its name, its level and what it means.
#[derive(Debug)]
pub struct Code {
    pub code: &'static str,
    pub level: Level,
    pub meaning: &'static str,
}

const fn error(code: &'static str, meaning: &'static str) -> Code {
    Code {
        code,
        level: Level::Error,
        meaning,
    }
}

const fn warning(code: &'static str, meaning: &'static str) -> Code {
    Code {
        code,
        level: Level::Warning,
        meaning,
    }
}

/// Every code, grouped by what it is about.
pub const CODES: &[Code] = &[
    // the case file: reading it and its shape
    error("case.read", "a case file cannot be read"),
    error("case.encoding", "a case file is not UTF-8"),
    error(
        "case.format",
        "a case file is not TOML, or breaks a rule of TOML's",
    ),
    error("case.unknown-key", "a key the case format does not have"),
    error(
        "case.missing-key",
        "a key the case format requires is missing",
    ),
    error(
        "case.type",
        "a value of another type than the format's, or not one of its words",
    ),
    // the case format's rules
    error(
        "case.case-number",
        "a case number that cannot name an output file",
    ),
    error("case.date-order", "the dates are out of order"),
    error("case.year", "a year that does not print as four digits"),
    error(
        "case.empty",
        "a list or a printed text that is empty (invisible characters aside)",
    ),
    error(
        "case.one-line",
        "a one-line field (a request) that holds several paragraphs",
    ),
    warning(
        "case.modified-spacing",
        "a request that differs from modified.original only in spaces",
    ),
    warning(
        "case.case-number-shape",
        "a case number not shaped CM, two digits, a hyphen, seven digits",
    ),
    error("case.duplicate-number", "one case number in two case files"),
    error(
        "case.decision-contradiction",
        "a rationale concluding against its item's decision",
    ),
    error(
        "case.setting-not-per-case",
        "a case's [settings] sets a setting that only a run may",
    ),
    error(
        "case.blank-line-in-paragraph",
        "an element of a list of paragraphs holding a blank line",
    ),
    error(
        "case.denied-warnings",
        "a case with warnings, refused under --deny-warnings",
    ),
    // the case's text
    error(
        "text.control-character",
        "a control character in a case file's text",
    ),
    error(
        "text.invisible-character",
        "an invisible or formatting character in printed text",
    ),
    error(
        "text.party-named",
        "a party's name, claim or ADJ number in the public letter's text",
    ),
    warning(
        "text.date-after-decision",
        "a date written in the text after the decision date",
    ),
    warning(
        "text.date-before-1900",
        "a date written in the text before 1900",
    ),
    warning(
        "text.date-before-injury",
        "a date written in the text before the date of injury",
    ),
    warning(
        "text.date-impossible",
        "a date written in the text that no calendar has",
    ),
    warning("text.spelling", "a word the dictionaries do not know"),
    warning(
        "text.empty-paragraph",
        "an empty paragraph: blank lines in a row, or invisible characters only",
    ),
    warning(
        "accept.unused",
        "an [[accept]] table that matches no warning of its case",
    ),
    // fonts and glyphs
    error("font.glyph", "a printed character the font cannot draw"),
    error("font.read", "a font file cannot be read"),
    error(
        "font.parse",
        "a font file is not a font this program can use",
    ),
    error(
        "pdf.glyph",
        "the PDF writer was given a character its fonts lack",
    ),
    error("pdf.font", "a font cannot be embedded in the PDF"),
    error("pdf.write", "the PDF cannot be made"),
    // templates, markup and settings
    error(
        "template.error",
        "a template does not compile or fails to render",
    ),
    error(
        "template.budget",
        "a template evaluation loops or prints past its budget",
    ),
    error("template.engine", "the template engine cannot be set up"),
    error(
        "template.context",
        "a case cannot be given to the templates",
    ),
    error("template.folder", "the template folder cannot be read"),
    error(
        "template.read",
        "a template file cannot be read, or is not UTF-8",
    ),
    error(
        "template.control-character",
        "a control character in a template or settings file",
    ),
    error(
        "template.empty-section",
        "a letter section that renders nothing",
    ),
    error(
        "template.furniture",
        "a letterhead, running header or footer that cannot be drawn where it goes",
    ),
    warning(
        "template.stray",
        "a file in the template folder that is no template",
    ),
    warning(
        "template.stale",
        "an override exported by another version of imr-letters",
    ),
    error(
        "markup.unsupported",
        "a template's output holds markup a letter cannot (a list, a link...)",
    ),
    error("settings.format", "a settings file is not TOML"),
    error("settings.unknown", "a setting that does not exist"),
    error("settings.value", "a setting's value is not one it takes"),
    error("settings.var", "a --var that is not KEY=VALUE"),
    error(
        "settings.table-columns",
        "table_columns that do not fit the table or the page",
    ),
    error(
        "settings.logo",
        "the logo cannot be read or is not a PNG or JPEG",
    ),
    error(
        "spelling.dictionary",
        "a built-in dictionary cannot be loaded",
    ),
    error(
        "spelling.word-list",
        "a word list has a line that is not a word",
    ),
    // the mailed edition
    error("calendar.read", "a holiday calendar file cannot be read"),
    error(
        "calendar.format",
        "a holiday calendar file is not a calendar of years and dates",
    ),
    error(
        "calendar.year",
        "a last day to appeal falls in a year the holiday calendar does not hold",
    ),
    error(
        "mailed.date",
        "a mailed render of a case without dates.mailed",
    ),
    error(
        "mailed.parties",
        "a mailed render of a case without [parties]",
    ),
    error(
        "mailed.employee",
        "a mailed render of a case whose [parties] has no employee",
    ),
    error(
        "mailed.address",
        "a recipient's address that cannot be mailed to (missing, incomplete, too long for the window)",
    ),
    error("mailed.region", "a recipient's address without its region"),
    error(
        "mailed.letterhead",
        "the mailed letterhead reaches into the envelope's window",
    ),
    error("mailed.manifest", "the mailing manifest cannot be written"),
    error(
        "mailed.settings",
        "a setting the mailed edition needs is empty",
    ),
    // the run
    error("usage", "a bad argument or combination of arguments"),
    error("usage.source-date", "SOURCE_DATE_EPOCH is not a moment"),
    error("batch.list", "the list of case files cannot be made"),
    error("batch.read", "a folder of case files cannot be read"),
    error(
        "batch.missing",
        "a case file or folder named does not exist",
    ),
    error(
        "batch.not-file",
        "a case file that is not a regular file (a FIFO, a device, a folder, a dangling symlink)",
    ),
    warning("batch.empty", "a folder given holds no case files"),
    warning(
        "batch.subfolders",
        "subfolders of a folder given hold case files that are not read without --recursive",
    ),
    warning(
        "batch.symlinked-folder",
        "a symlinked folder inside a tree read with --recursive, not followed",
    ),
    error("batch.name", "a case file's name cannot be used"),
    error(
        "batch.collision",
        "two cases would write the same output file",
    ),
    error("batch.changed", "a case file changed during the run"),
    error("name.missing", "a --name field that the case does not have"),
    error(
        "name.invalid",
        "a --name pattern that gives no usable file name",
    ),
    error(
        "output.folder",
        "the output folder cannot be made or written into",
    ),
    error("output.write", "an output file cannot be written"),
    error("state.write", "the resume journal cannot be written"),
    error("report.write", "the run report cannot be written"),
    error(
        "combine.read",
        "a letter cannot be added to the combined print file",
    ),
    error("combine.write", "the combined print file cannot be written"),
    warning("combine.empty", "no letters to combine"),
    error("export.exists", "templates export would overwrite a file"),
    error(
        "output.exists",
        "an output file exists that imr-letters did not write",
    ),
];

/// The code's entry, if it is one.
pub fn find(code: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string that stands where a code does in the source: the first argument of
    /// `Diagnostic::error`/`warning`, and the code strings the checks pass to them.
    fn codes_in_source() -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.ends_with("codes.rs") || path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for part in text.split('"').skip(1).step_by(2) {
                    let looks_like_code = part.split_once('.').is_some_and(|(area, rest)| {
                        [
                            "case", "text", "font", "pdf", "template", "markup", "settings",
                            "spelling", "usage", "batch", "name", "output", "state", "report",
                            "combine", "export", "accept",
                        ]
                        .contains(&area)
                            && !rest.is_empty()
                            && rest
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
                    });
                    if looks_like_code {
                        out.push((part.to_string(), path.display().to_string()));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_code_in_the_source_is_listed() {
        // strings shaped like codes that are file names or settings, not codes
        // (and an unknown code that src/check/accept.rs's tests accept on purpose)
        let not_codes = [
            "settings.toml",
            "case.toml",
            "text.txt",
            "case.schema.json",
            "text.no-such-code",
        ];
        for (code, file) in codes_in_source() {
            if not_codes.contains(&code.as_str())
                || code.ends_with(".toml")
                || code.ends_with(".md")
            {
                continue;
            }
            assert!(
                find(&code).is_some(),
                "{file}: code `{code}` is not in CODES"
            );
        }
    }

    #[test]
    fn codes_are_listed_once() {
        for (i, c) in CODES.iter().enumerate() {
            assert!(
                CODES[i + 1..].iter().all(|d| d.code != c.code),
                "{} twice",
                c.code
            );
        }
    }
}
