//! How a diagnostic shows on a terminal: the message, the place, the source line (cut
//! around the span when long) with carets under the span and the label, then the causes
//! and hints. Control characters echoed from a file are shown as visible marks, never
//! sent to the terminal.

use std::fmt::Write as _;

use super::Diagnostic;

impl Diagnostic {
    /// The diagnostic as the terminal shows it, ending with a newline.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}: {}", self.severity.as_str(), self.message);
        if let Some(loc) = &self.location {
            let gutter = " ".repeat(loc.line.to_string().len());
            let _ = write!(out, "{gutter}--> {}:{}:{}", loc.file, loc.line, loc.column);
            match &self.field {
                Some(field) => {
                    let _ = writeln!(out, " ({field})");
                }
                None => out.push('\n'),
            }
            if !loc.source_line.is_empty() || self.label.is_some() {
                let (shown, column) = (&loc.source_line, loc.caret);
                let _ = writeln!(out, "{gutter} |");
                let _ = writeln!(out, "{} | {shown}", loc.line);
                let pad: String = shown
                    .chars()
                    .take(column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let carets = "^".repeat(loc.width);
                match &self.label {
                    Some(label) => {
                        let _ = writeln!(out, "{gutter} | {pad}{carets} {label}");
                    }
                    None => {
                        let _ = writeln!(out, "{gutter} | {pad}{carets}");
                    }
                }
            }
        } else {
            if let Some(field) = &self.field {
                let _ = writeln!(out, "  = in: {field}");
            }
            if let Some(label) = &self.label {
                let _ = writeln!(out, "  = {label}");
            }
        }
        for cause in &self.causes {
            for (i, line) in cause.lines().enumerate() {
                let lead = if i == 0 { "  = caused by: " } else { "    " };
                let _ = writeln!(out, "{lead}{line}");
            }
        }
        for hint in &self.hints {
            let _ = writeln!(out, "  = hint: {hint}");
        }
        if out.chars().any(is_unprintable) {
            out = out.chars().map(control_picture).collect();
        }
        out
    }
}

/// Text with every character that would act on the terminal shown as a mark (see
/// [`control_picture`]): for any line printed from file names or case data.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_unprintable) {
        text.chars().map(control_picture).collect::<String>().into()
    } else {
        text.into()
    }
}

/// Whether a character would act on the terminal rather than show: a control character
/// other than the line feed and tab the rendering itself writes.
fn is_unprintable(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// A control character as a visible mark of one column, so an echoed line of a file that
/// holds ESC or a form feed never acts on the terminal and its caret stays under it: the
/// Control Pictures sign for C0 and DEL (`␛`, `␌`), the replacement character for C1.
fn control_picture(c: char) -> char {
    if !is_unprintable(c) {
        return c;
    }
    match c as u32 {
        n @ 0..=0x1f => char::from_u32(0x2400 + n).unwrap_or('\u{fffd}'),
        0x7f => '\u{2421}',
        _ => '\u{fffd}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let line = format!("{}target{}", "a ".repeat(100), " b".repeat(100));
        let at = line.find("target").unwrap();
        let loc = Location::from_span("x", &line, at..at + 6);
        let (shown, caret) = (&loc.source_line, loc.caret);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert_eq!(
            shown.chars().skip(caret - 1).take(6).collect::<String>(),
            "target"
        );
        assert_eq!(loc.column, at + 1);
        let short = Location::from_span("x", "short", 1..2);
        assert_eq!((short.source_line.as_str(), short.caret), ("short", 2));
        let past = Location::at_line("x", &line, 1, 10_000, 3);
        assert!(past.caret <= past.source_line.chars().count() + 1);
    }

    #[test]
    fn renders_caret_label_causes_and_hints() {
        let src = "injury = 2016-02-30\n";
        let d = Diagnostic::error("case.format", "invalid date")
            .at(Location::from_span("c.toml", src, 9..19))
            .label("expected a real calendar date")
            .cause("while reading c.toml")
            .hint("February 2016 has 29 days");
        let text = d.render();
        assert!(text.contains("--> c.toml:1:10"), "{text}");
        assert!(text.contains("1 | injury = 2016-02-30"), "{text}");
        assert!(
            text.contains("  |          ^^^^^^^^^^ expected a real calendar date"),
            "{text}"
        );
        assert!(text.contains("= caused by: while reading c.toml"), "{text}");
        assert!(text.contains("= hint: February 2016 has 29 days"), "{text}");
    }

    #[test]
    fn control_characters_of_a_file_show_as_marks_under_their_caret() {
        let src = "text = \"a\u{1b}[31m b\u{c}c\u{85}\"\n";
        let d = Diagnostic::error("text.control-character", "control")
            .at(Location::from_span("c.toml", src, 10..11))
            .label("ESC here");
        let text = d.render();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(
            text.contains("1 | text = \"a\u{241b}[31m b\u{240c}c\u{fffd}\""),
            "{text}"
        );
        assert!(text.contains("  |           ^ ESC here"), "{text}");
    }
}
