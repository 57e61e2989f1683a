//! The markup parser on the markup templates produce, accepted and refused.

use super::*;

fn text(t: &str, style: Style) -> Inline {
    Inline::Text {
        text: t.into(),
        style,
    }
}

#[test]
fn reads_headings_paragraphs_bold_and_breaks() {
    let md = "# TITLE\n\n**Label:**  Upheld\n\nline one\\\nline  two\nsame line";
    let blocks = parse_section("t.md", md).unwrap();
    assert_eq!(
        blocks[0],
        Block::Heading(vec![text("TITLE", Style::Regular)])
    );
    assert_eq!(
        blocks[1],
        Block::Paragraph(vec![
            text("Label:", Style::Bold),
            text("  Upheld", Style::Regular)
        ])
    );
    assert_eq!(
        blocks[2],
        Block::Paragraph(vec![
            text("line one", Style::Regular),
            Inline::LineBreak,
            text("line  two same line", Style::Regular)
        ])
    );
}

#[test]
fn escaped_markup_is_text() {
    let blocks = parse_section("t.md", "1\\. \\*\\*x\\*\\* \\<b\\> \\#60 \\{\\{ x \\}\\}").unwrap();
    assert_eq!(
        blocks,
        vec![Block::Paragraph(vec![text(
            "1. **x** <b> #60 {{ x }}",
            Style::Regular
        )])]
    );
}

#[test]
fn tables_shade_labels_and_merge_trailing_empty_cells() {
    let md = "| **A:** | 1 | | |\n|---|---|---|---|\n| **B:** | 2 | **C:** | 3 |\n";
    let Block::Table(t) = &parse_section("t.md", md).unwrap()[0] else {
        panic!()
    };
    assert_eq!(t.columns, 4);
    assert_eq!(t.rows[0].len(), 3);
    assert!(t.rows[0][0].shaded && !t.rows[0][1].shaded);
    assert_eq!((t.rows[0][2].span, t.rows[0][2].shaded), (2, true));
    assert_eq!(t.rows[1].len(), 4);
}

#[test]
fn counts_the_cells_of_a_row_as_written() {
    assert_eq!(cells_in_row("| **A:** | 1 | | |"), 4);
    assert_eq!(cells_in_row("| a \\| b | c |"), 2);
    assert_eq!(cells_in_row("a | b"), 2);
    let err = parse_section("t.md", "| a | b |\n|---|---|\n| 1 | 2 | 3 |\n").unwrap_err();
    assert!(
        err.message
            .contains("a table row of 3 cells in a table of 2 columns"),
        "{err}"
    );
}

#[test]
fn refuses_what_a_letter_cannot_hold() {
    for md in [
        "- a list",
        "1. a list",
        "> quote",
        "    code",
        "[a](b)",
        "<b>x</b>",
        "## sub",
        "`x`",
    ] {
        let err = parse_section("s.md", md).unwrap_err();
        assert!(
            err.message.contains("section `s.md` produced"),
            "{md}: {err}"
        );
    }
}
