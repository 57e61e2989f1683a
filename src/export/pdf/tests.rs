//! Tests of the PDF writer: determinism, size, glyph coverage and the file's structure,
//! on letters laid out by the real pipeline from built-in templates.

use std::path::Path;

use lopdf::{Document, Object};

use super::{PdfOptions, PdfWriter};
use crate::case::parse_case;
use crate::export::{LetterInfo, Writer};
use crate::layout::{Family, Item, Measuring, Pages};
use crate::letter::Renderer;
use crate::markup::Style;
use crate::template::TemplateSet;

const MINIMAL: &str = include_str!("../../../tests/fixtures/cases/minimal.toml");
const SEED: &str = include_str!("../../../cases/seed-letter.toml");
const SUMMARY: &str =
    "The injured worker is a 40 year old male who sustained an industrial injury on 10-03-2016.";
/// Characters beyond ASCII that letters use.
const SPECIAL: &str = "José Peña’s “knee” — § 9792.24.2, 90° flexion; naïve Zoë Ñúñez-O’Brien";

fn renderer() -> Renderer {
    Renderer::new(
        TemplateSet::load(None, &["wording=2016".to_string()]).unwrap(),
        None,
    )
    .unwrap()
}

/// A case's letter: its pages and the bytes of its PDF.
fn letter(r: &Renderer, w: &PdfWriter, source: &str) -> (Pages, Vec<u8>) {
    let case = parse_case(Path::new("test.toml"), source.to_string()).unwrap();
    let pages = r.pages(&case, Measuring::Fonts).unwrap();
    let info = LetterInfo {
        case_number: case.case_number(),
        stamp: crate::export::Stamp::at_midnight(*case.case.dates.decision.get_ref()),
    };
    let bytes = w.write(&pages, &info).unwrap();
    (pages, bytes)
}

fn with_summary(text: &str) -> String {
    MINIMAL.replacen(SUMMARY, text, 1)
}

/// A letter with `n` long summary paragraphs.
fn long_case(n: usize) -> String {
    let para = format!(
        "{SPECIAL}. The treating physician documented a plan of care that included physical \
         therapy, medications, imaging studies and diagnostic testing; the request was denied \
         by utilization review and the injured worker applied for review."
    );
    with_summary(&vec![para; n].join("\n\n"))
}

#[test]
fn same_pages_give_the_same_bytes_whatever_came_before() {
    let r = renderer();
    let w = PdfWriter::new(&r.layout.fonts, PdfOptions::default());
    let (_, first) = letter(&r, &w, SEED);
    // Other letters in between, in this writer and in a new one, and on other threads.
    letter(&r, &w, MINIMAL);
    letter(&r, &w, &long_case(12));
    let (_, again) = letter(&r, &w, SEED);
    assert!(first == again, "the same letter twice gave different bytes");
    let fresh = PdfWriter::new(&r.layout.fonts, PdfOptions::default());
    assert!(letter(&r, &fresh, SEED).1 == first, "a new writer differs");
    let threaded = std::thread::scope(|s| {
        let handles: Vec<_> = (0..3)
            .map(|i| {
                let (r, w) = (&r, &w);
                s.spawn(move || {
                    letter(r, w, &long_case(i + 1));
                    letter(r, w, SEED).1
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .collect::<Vec<_>>()
    });
    assert!(
        threaded.iter().all(|b| *b == first),
        "another thread differs"
    );
    // And a different letter gives a different file id.
    let other = letter(&r, &w, MINIMAL).1;
    assert_ne!(trailer_id(&first), trailer_id(&other));
}

#[test]
fn a_three_page_letter_is_tens_of_kilobytes() {
    let r = renderer();
    let w = PdfWriter::new(&r.layout.fonts, PdfOptions::default());
    let (pages, bytes) = letter(&r, &w, &long_case(14));
    assert!(pages.pages.len() >= 3, "{} pages", pages.pages.len());
    assert!(
        bytes.len() < 100_000,
        "a {}-page letter is {} bytes: the fonts are not subset",
        pages.pages.len(),
        bytes.len()
    );
}

#[test]
fn every_drawn_character_has_its_outline_and_width_in_the_subset() {
    let r = renderer();
    let w = PdfWriter::new(&r.layout.fonts, PdfOptions::default());
    let case = parse_case(Path::new("t.toml"), long_case(2)).unwrap();
    let pages = r.pages(&case, Measuring::Fonts).unwrap();
    let fonts = w.faces.embed(&pages, true).unwrap();
    let whole = &r.layout.fonts.face(Family::Body, Style::Regular).data;
    let whole = ttf_parser::Face::parse(whole, 0).unwrap();
    let body = fonts[0].as_ref().expect("body regular is used");
    let program = ttf_parser::Face::parse(&body.font.original_bytes, 0).expect("a font");
    for c in SPECIAL.chars().chain("Az09".chars()) {
        let gid = body.font.lookup_glyph_index(u32::from(c));
        let expected = whole.glyph_index(c).map(|g| g.0);
        assert!(gid.is_some() && gid != Some(0), "{c:?} not embedded");
        assert_eq!(gid, expected, "{c:?} keeps its glyph id");
        let g = ttf_parser::GlyphId(gid.unwrap());
        assert_eq!(
            whole.outline_glyph(g, &mut Bounds),
            program.outline_glyph(g, &mut Bounds),
            "{c:?} has its outline"
        );
        assert_eq!(
            body.font.get_glyph_width(g.0),
            whole.glyph_hor_advance(g),
            "{c:?} has its width"
        );
    }
    for font in fonts.iter().flatten() {
        // only the letter's characters are mapped, each to a glyph with a width
        assert!(font.font.codepoint_to_glyph.values().all(|g| *g != 0));
        assert!(
            font.font
                .codepoint_to_glyph
                .values()
                .all(|g| font.font.glyph_widths.contains_key(g))
        );
        assert!(font.font.codepoint_to_glyph.len() < 120, "{}", font.id.0);
    }
}

/// An outline sink: `outline_glyph` returns the bounding box, enough to tell outlines apart.
struct Bounds;

impl ttf_parser::OutlineBuilder for Bounds {
    fn move_to(&mut self, _: f32, _: f32) {}
    fn line_to(&mut self, _: f32, _: f32) {}
    fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {}
    fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {}
    fn close(&mut self) {}
}

#[test]
fn a_character_the_fonts_lack_is_an_error() {
    let r = renderer();
    let w = PdfWriter::new(&r.layout.fonts, PdfOptions::default());
    let case = parse_case(Path::new("t.toml"), with_summary("Pain 中 in the knee.")).unwrap();
    // laid out with the fonts, the case is refused before any writer sees it
    let refused = r.pages(&case, Measuring::Fonts).unwrap_err().render();
    assert!(
        refused.contains("`summary.text` uses '中' (U+4E2D)"),
        "{refused}"
    );
    // and the writer refuses text its fonts lack, whichever way it was laid out
    let doc = crate::markup::Document {
        blocks: crate::markup::parse_section("t.md", "Pain 中 in the knee.").unwrap(),
        sections: Vec::new(),
    };
    let none = crate::layout::Letterhead::none(&r.layout.page.geometry);
    let pages = r
        .layout
        .lay_out(&doc, Measuring::Columns(Some(80)), &r.layout.page, &none);
    let info = LetterInfo {
        case_number: "CM16-0000001",
        stamp: crate::export::Stamp::at_midnight(*case.case.dates.decision.get_ref()),
    };
    let err = w.write(&pages, &info).unwrap_err();
    let text = err.render();
    assert!(text.contains("U+4E2D"), "{text}");
}

#[test]
fn the_file_has_our_metadata_embedded_subsets_and_extractable_text() {
    let r = renderer();
    let w = PdfWriter::new(&r.layout.fonts, PdfOptions::default());
    let (pages, bytes) = letter(&r, &w, &with_summary(SPECIAL));
    let doc = Document::load_mem(&bytes).unwrap();
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let text = |k: &[u8]| String::from_utf8(info.get(k).unwrap().as_str().unwrap().to_vec());
    assert_eq!(
        text(b"Title").unwrap(),
        "IMR Final Determination CM16-0000001"
    );
    assert_eq!(
        text(b"Subject").unwrap(),
        "Independent Medical Review Final Determination"
    );
    assert_eq!(text(b"Creator").unwrap(), super::finish::CREATOR);
    assert_eq!(text(b"CreationDate").unwrap(), "D:20161205000000+00'00'");
    assert!(info.get(b"GTS_PDFXVersion").is_err());
    assert!(info.get(b"Author").is_err());
    assert_eq!(trailer_id(&bytes).len(), 16);

    // Every font is an embedded subset.
    let mut fonts = 0;
    for object in doc.objects.values() {
        if let Ok(d) = object.as_dict()
            && d.has_type(b"FontDescriptor")
        {
            fonts += 1;
            assert!(d.get(b"FontFile2").is_ok(), "not embedded: {d:?}");
            let name = d.get(b"FontName").unwrap().as_name().unwrap();
            assert_eq!(name[6], b'+', "not tagged as a subset");
        }
    }
    assert_eq!(fonts, 4, "body regular and bold, table regular and bold");

    // The text comes back through /ToUnicode.
    let extracted = doc.extract_text(&[1]).unwrap();
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let drawn: String = pages.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) => Some(l.text() + "\n"),
            _ => None,
        })
        .collect();
    for word in words(SPECIAL) {
        assert!(extracted.contains(&word), "{word:?} not in:\n{extracted}");
    }
    for word in words(&drawn) {
        assert!(extracted.contains(&word), "{word:?} not in:\n{extracted}");
    }
}

fn trailer_id(bytes: &[u8]) -> Vec<u8> {
    let doc = Document::load_mem(bytes).unwrap();
    match doc.trailer.get(b"ID").unwrap() {
        Object::Array(a) => a[0].as_str().unwrap().to_vec(),
        other => panic!("/ID is {other:?}"),
    }
}
