//! The pagination rules, on made-up documents measured in fixed-width characters.

use super::*;
use crate::layout::PageSetup;
use crate::markup::{Block, Document, Inline, Style};
use crate::template::Settings;

/// Every character 6 pt wide: a 468 pt line holds 78 of them.
struct Fixed;

impl Measure for Fixed {
    fn char_width(&self, _: char, _: Style) -> f64 {
        6.0
    }
}

/// A paragraph of `n` full lines, each line's words naming the paragraph and line.
fn paragraph(tag: &str, n: usize) -> Block {
    let words: Vec<String> = (0..n)
        .map(|i| format!("{tag}{i:02}{} yyy", " xxxxxxxxx".repeat(7)))
        .collect();
    Block::Paragraph(vec![Inline::Text {
        text: words.join(" "),
        style: Style::Regular,
    }])
}

fn heading(text: &str) -> Block {
    Block::Heading(if text.is_empty() {
        Vec::new()
    } else {
        vec![Inline::Text {
            text: text.into(),
            style: Style::Regular,
        }]
    })
}

fn page_setup() -> PageSetup {
    PageSetup::from_settings(&Settings::default()).unwrap()
}

/// Per page, the first word of each line.
fn lay_out(blocks: Vec<Block>) -> Vec<Vec<(String, f64)>> {
    let doc = Document {
        blocks,
        sections: Vec::new(),
    };
    lay_out_doc(&doc, &page_setup())
}

/// [`lay_out`] of a whole document, on a page setup.
fn lay_out_doc(doc: &Document, page: &PageSetup) -> Vec<Vec<(String, f64)>> {
    let width = page.geometry.measure();
    let pages = flow(
        doc,
        page,
        &Fixed,
        &Fixed,
        width,
        true,
        page.geometry.margin_top,
    );
    pages
        .iter()
        .map(|p| {
            p.items
                .iter()
                .filter_map(|i| match i {
                    Item::Line(l) => Some((
                        l.text().split(' ').next().unwrap_or("").to_string(),
                        (l.y * 100.0).round() / 100.0,
                    )),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

fn words(page: &[(String, f64)]) -> Vec<&str> {
    page.iter().map(|(w, _)| w.as_str()).collect()
}

#[test]
fn a_page_holds_46_body_lines_with_baselines_138_apart() {
    let pages = lay_out(vec![paragraph("a", 50)]);
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].len(), 46);
    assert_eq!(pages[0][0].1, 82.8);
    assert_eq!(pages[0][45].1, 82.8 + 45.0 * 13.8);
    assert_eq!(words(&pages[1]), ["a46", "a47", "a48", "a49"]);
}

#[test]
fn blank_lines_separate_paragraphs_and_take_a_slot_at_the_top_of_a_page() {
    // 44 lines, blank, then a two-line paragraph: the blank is line 45, and the two lines
    // cannot both fit, so they move together.
    let pages = lay_out(vec![paragraph("a", 44), paragraph("b", 2)]);
    assert_eq!(pages[0].len(), 44);
    assert_eq!(words(&pages[1]), ["b00", "b01"]);
    assert_eq!(pages[1][0].1, 82.8);
    // 46 lines fill the page; the blank after them opens the next page.
    let pages = lay_out(vec![paragraph("a", 46), paragraph("b", 1)]);
    assert_eq!(pages[1][0].1, 82.8 + 13.8);
}

#[test]
fn widow_and_orphan_control_keep_two_lines_on_each_side() {
    // 42 + blank leaves three slots: a five-line paragraph leaves two behind it at most.
    let pages = lay_out(vec![paragraph("a", 42), paragraph("b", 5)]);
    assert_eq!(words(&pages[0])[42..], ["b00", "b01", "b02"]);
    assert_eq!(words(&pages[1]), ["b03", "b04"]);
    // One slot left: the paragraph does not leave a single line behind.
    let pages = lay_out(vec![paragraph("a", 44), paragraph("b", 5)]);
    assert_eq!(pages[0].len(), 44);
    assert_eq!(pages[1].len(), 5);
    // Four slots left, three lines: not one line alone on the next page.
    let pages = lay_out(vec![paragraph("a", 41), paragraph("b", 5)]);
    assert_eq!(words(&pages[0])[41..], ["b00", "b01", "b02"]);
    assert_eq!(pages[1].len(), 2);
}

#[test]
fn a_heading_keeps_with_the_first_lines_after_it() {
    // After 42 lines a blank and the heading still fit, and so do two lines of a long
    // paragraph: the heading stays, the paragraph splits after its second line.
    let pages = lay_out(vec![paragraph("a", 42), heading("HEAD"), paragraph("b", 6)]);
    assert_eq!(words(&pages[0])[42..], ["HEAD", "b00", "b01"]);
    let last_body = 82.8 + 41.0 * 13.8;
    // blank (13.8) after line 42, then the heading's baseline 11.16 below its top
    assert_eq!(
        pages[0][42].1,
        ((last_body + 3.0 + 13.8 + 11.16) * 100.0_f64).round() / 100.0
    );
    // After 44 lines the heading would fit but no line after it: it opens the next page,
    // where its baseline is 83.16.
    let pages = lay_out(vec![paragraph("a", 44), heading("HEAD"), paragraph("b", 3)]);
    assert_eq!(pages[0].len(), 44);
    assert_eq!(pages[1][0], ("HEAD".to_string(), 72.0 + 11.16));
    assert_eq!(words(&pages[1]), ["HEAD", "b00", "b01", "b02"]);
    // at the top of a page after a blank line, the heading sits one line lower
    let pages = lay_out(vec![paragraph("a", 46), heading("HEAD")]);
    assert_eq!(pages[1][0], ("HEAD".to_string(), 72.0 + 13.8 + 11.16));
}

#[test]
fn a_heading_may_stand_alone_at_the_foot_when_the_letter_says_so() {
    let doc = Document {
        blocks: vec![paragraph("a", 44), heading("HEAD"), paragraph("b", 3)],
        sections: Vec::new(),
    };
    let page = PageSetup {
        keep_headings_with_next: false,
        ..page_setup()
    };
    let pages = lay_out_doc(&doc, &page);
    assert_eq!(words(&pages[0])[44..], ["HEAD"]);
    assert_eq!(words(&pages[1]), ["b00", "b01", "b02"]);
}

#[test]
fn a_section_named_in_new_page_before_starts_a_page() {
    let doc = Document {
        blocks: vec![paragraph("a", 3), heading("HEAD"), paragraph("b", 3)],
        sections: vec![("summary".into(), 0), ("issues".into(), 1)],
    };
    let same = lay_out_doc(&doc, &page_setup());
    assert_eq!(same.len(), 1);
    let page = PageSetup {
        new_page_before: vec!["issues".into()],
        ..page_setup()
    };
    let pages = lay_out_doc(&doc, &page);
    assert_eq!(words(&pages[0]), ["a00", "a01", "a02"]);
    // the heading opens page 2 at the top, with no blank line above it
    assert_eq!(pages[1][0], ("HEAD".to_string(), 72.0 + 11.16));
    // a section at the top of a page already starts no other
    let page = PageSetup {
        new_page_before: vec!["summary".into()],
        ..page_setup()
    };
    assert_eq!(lay_out_doc(&doc, &page).len(), 1);
}

#[test]
fn an_empty_heading_is_a_taller_blank_line() {
    let plain = lay_out(vec![paragraph("a", 1), heading("HEAD")]);
    let spaced = lay_out(vec![paragraph("a", 1), heading(""), heading("HEAD")]);
    let rise = spaced[0][1].1 - plain[0][1].1;
    assert!((rise - 6.9).abs() < 1e-9, "{rise}");
    assert_eq!(spaced[0].len(), 2, "the empty heading draws nothing");
}
