//! From a text field as written to the paragraphs a letter prints.
//!
//! The case format's rules: paragraphs are separated by a blank line; inside a paragraph a
//! line break is a space, except after a hyphen, where the lines join without one; spaces
//! inside a line are kept as written (two spaces after a full stop print as two). Tabs
//! count as spaces.
//!
//! A text written as a list of paragraphs (format 1.1) holds the word processor's
//! paragraph marks exactly: `["P1", "", "P2"]` prints as `"P1\n\nP2"` does, and `["P1",
//! "P2"]` starts P2 on the next line with no blank line between. The letter's markup has
//! one paragraph for each run of elements between empty ones, the elements of a run
//! joined by [`LINE_BREAK`]; each empty element past the first of a run of them (and one
//! before the first paragraph or after the last) is one more empty line.

use super::Text;

/// The forced line break inside a printed paragraph: U+2028 LINE SEPARATOR, which case
/// text may not hold ([`is_invisible`] refuses it), so it only ever comes from here. The
/// markup parser reads it as a line break.
pub const LINE_BREAK: char = '\u{2028}';

/// The paragraphs a text prints, each one line of markup text.
pub fn printed_paragraphs(text: &Text) -> Vec<String> {
    let list = match text {
        Text::Joined(s) => return paragraphs(s),
        Text::Paragraphs(list) => list,
    };
    let mut out: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    let mut empties = 0usize;
    for element in list {
        let body = paragraphs(element).join(&LINE_BREAK.to_string());
        if body.is_empty() {
            if let Some(done) = current.take() {
                out.push(done);
            }
            empties += 1;
            continue;
        }
        match current.as_mut() {
            Some(run) => {
                run.push(LINE_BREAK);
                run.push_str(&body);
            }
            None => {
                // empties past the one that separates paragraphs, or before the first
                let extra = if out.is_empty() {
                    empties
                } else {
                    empties.saturating_sub(1)
                };
                let mut run: String = std::iter::repeat_n(LINE_BREAK, extra).collect();
                run.push_str(&body);
                current = Some(run);
            }
        }
        empties = 0;
    }
    if let Some(done) = current {
        out.push(done);
    }
    if empties > 0
        && let Some(last) = out.last_mut()
    {
        last.extend(std::iter::repeat_n(LINE_BREAK, empties));
    }
    out
}

/// The paragraphs of a text field, each on one line, none empty.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for raw in text.lines() {
        let line = raw.trim_matches(is_blank);
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        append_line(&mut current, line);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A one-line field (a request, a name): its lines joined as inside a paragraph, and any
/// white space at its ends dropped, a no-break space too (the item line is bold from its
/// first character to its last, and Markdown's bold cannot open before white space).
pub fn one_line(text: &str) -> String {
    let mut out = String::new();
    for raw in text.lines() {
        let line = raw.trim_matches(is_blank);
        if !line.is_empty() {
            append_line(&mut out, line);
        }
    }
    let trimmed = out.trim_matches(char::is_whitespace);
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// Whether a field holds more than one paragraph (a blank line between text): whether
/// [`paragraphs`] would give more than one, without making them.
pub fn has_blank_line(text: &str) -> bool {
    let (mut seen_text, mut gap) = (false, false);
    for raw in text.lines() {
        if raw.trim_matches(is_blank).is_empty() {
            gap = seen_text;
        } else if gap {
            return true;
        } else {
            seen_text = true;
        }
    }
    false
}

fn append_line(paragraph: &mut String, line: &str) {
    if !paragraph.is_empty() && !joins_tight(paragraph) {
        paragraph.push(' ');
    }
    if line.contains('\t') {
        paragraph.extend(line.chars().map(|c| if c == '\t' { ' ' } else { c }));
    } else {
        paragraph.push_str(line);
    }
}

/// A line ending in a hyphen after a non-space joins the next without a space.
fn joins_tight(text: &str) -> bool {
    let mut rev = text.chars().rev();
    matches!((rev.next(), rev.next()), (Some('-'), Some(c)) if !c.is_whitespace())
}

/// Characters that print nothing and take no room, or silently reorder, join or break the
/// text around them: zero-width spaces and joiners, the word joiner and invisible operators,
/// the line and paragraph separators,
/// bidirectional controls, the soft hyphen, the combining grapheme joiner, variation
/// selectors, Hangul fillers, tag characters, interlinear annotation marks and the byte
/// order mark. The letter refuses them in printed text ([`crate::check::characters`]).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Whether a text prints nothing: only white space and invisible characters.
pub fn is_blank_text(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// A control character that a letter cannot print (C0 but tab and line breaks, DEL, C1).
/// A carriage return counts only where it does not end a line (`\r\n`).
pub fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t' | '\r')
}

/// A name for a control or invisible character in messages: its abbreviation or name,
/// and its code point.
pub fn char_name(c: char) -> String {
    let name = match c {
        '\u{0}' => "NUL",
        '\u{7}' => "BEL",
        '\u{8}' => "backspace",
        '\u{b}' => "vertical tab",
        '\u{c}' => "form feed",
        '\r' => "carriage return",
        '\u{1b}' => "ESC",
        '\u{7f}' => "DEL",
        '\u{85}' => "next line",
        '\u{00AD}' => "soft hyphen",
        '\u{034F}' => "combining grapheme joiner",
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' | '\u{061C}' => "right-to-left mark",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "bidirectional control",
        '\u{2060}' => "word joiner",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        '\u{FEFF}' => "byte order mark",
        '\u{FE00}'..='\u{FE0F}' => "variation selector",
        _ if c.is_control() => "control character",
        _ => "invisible character",
    };
    format!("{name} (U+{:04X})", u32::from(c))
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\r'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_blank_lines_and_joins_lines() {
        let text = "\nOne line\nand another.  Two spaces kept.\n   \nSecond right hand-\nwrist, and a dash -\nhere.\n";
        assert_eq!(
            paragraphs(text),
            vec![
                "One line and another.  Two spaces kept.".to_string(),
                "Second right hand-wrist, and a dash - here.".to_string(),
            ]
        );
    }

    #[test]
    fn a_list_of_paragraphs_keeps_every_paragraph_mark() {
        let list = |items: &[&str]| Text::Paragraphs(items.iter().map(|s| s.to_string()).collect());
        let br = LINE_BREAK.to_string();
        assert_eq!(
            printed_paragraphs(&list(&["P1", "", "P2"])),
            printed_paragraphs(&Text::Joined("P1\n\nP2".into()))
        );
        assert_eq!(
            printed_paragraphs(&list(&["P1\nwraps", "P2"])),
            vec![format!("P1 wraps{br}P2")]
        );
        assert_eq!(
            printed_paragraphs(&list(&["P1", "", "", "P2", "P3"])),
            vec!["P1".to_string(), format!("{br}P2{br}P3")]
        );
        assert_eq!(
            printed_paragraphs(&list(&["", "P1", ""])),
            vec![format!("{br}P1{br}")]
        );
        assert!(printed_paragraphs(&list(&["", ""])).is_empty());
    }

    #[test]
    fn keeps_markup_like_text_as_it_is() {
        assert_eq!(
            paragraphs("1. first\n- second"),
            vec!["1. first - second".to_string()]
        );
        assert_eq!(one_line("  Naproxen 550mg #60 \n"), "Naproxen 550mg #60");
        assert!(has_blank_line("a\n\nb"));
        assert!(!has_blank_line("a\nb"));
        for text in [
            "",
            "\n\n",
            "a\n \t\n",
            "\n\na",
            "a\n\t\r\n\tb\n",
            "a\r\n\r\nb",
            "a\tb\n",
        ] {
            assert_eq!(has_blank_line(text), paragraphs(text).len() > 1, "{text:?}");
        }
        assert_eq!(paragraphs("a\tb\n\tc"), vec!["a b c".to_string()]);
    }
}
