//! TrueType font programs cut down to the glyphs a letter draws.
//!
//! A face is read once per run: its `head`, `hhea`, `maxp`, `hmtx`, `loca` and `glyf`
//! tables, and every glyph's outline with its hinting instructions taken out (PDF viewers
//! rasterise without them, and they are a third of a subset's bytes). A subset keeps the
//! original glyph ids (the PDF maps character ids to glyph ids one to one), holds the
//! outlines of the glyphs asked for and of the parts of composite glyphs, and is empty
//! for every other id up to the highest one kept. Only the six tables a `CIDFontType2`
//! program needs are written; the result is a valid font with correct checksums, and the
//! same glyphs always give the same bytes.

use std::collections::BTreeSet;
use std::ops::Range;

/// A face's tables and stripped glyphs.
#[derive(Debug)]
pub struct TrueType {
    head: Vec<u8>,
    hhea: Vec<u8>,
    maxp: Vec<u8>,
    /// Advance width and left side bearing of every glyph.
    metrics: Vec<(u16, i16)>,
    /// Every glyph's outline without instructions, end to end, and where each one is.
    outlines: Vec<u8>,
    spans: Vec<Range<usize>>,
    /// The glyphs each composite glyph is built from.
    components: Vec<Vec<u16>>,
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

/// The bytes of one table, by tag.
fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let count = usize::from(u16_at(font, 4)?);
    (0..count).find_map(|i| {
        let record = 12 + 16 * i;
        if font.get(record..record + 4)? != tag {
            return None;
        }
        let offset = u32_at(font, record + 8)? as usize;
        let length = u32_at(font, record + 12)? as usize;
        font.get(offset..offset.checked_add(length)?)
    })
}

impl TrueType {
    /// Whether `font` is a single TrueType face with `glyf` outlines (not a collection,
    /// not PostScript outlines).
    pub fn has_outlines(font: &[u8]) -> bool {
        matches!(font.get(..4), Some([0, 1, 0, 0] | b"true")) && table(font, b"glyf").is_some()
    }

    /// Reads a face; `Err` says what is missing (a font with PostScript outlines has no
    /// `glyf` table).
    pub fn parse(font: &[u8]) -> Result<TrueType, String> {
        let need = |tag: &[u8; 4]| {
            table(font, tag).ok_or_else(|| {
                format!(
                    "it has no `{}` table (PDF letters need TrueType outlines)",
                    String::from_utf8_lossy(tag).trim()
                )
            })
        };
        let bad = |what: &str| format!("its `{what}` table is malformed");
        let (head, hhea, maxp) = (need(b"head")?, need(b"hhea")?, need(b"maxp")?);
        let (hmtx, loca, glyf) = (need(b"hmtx")?, need(b"loca")?, need(b"glyf")?);
        if head.len() < 54 || hhea.len() < 36 || maxp.len() < 6 {
            return Err(bad("head"));
        }
        let long_loca = u16_at(head, 50) == Some(1);
        let count = usize::from(u16_at(maxp, 4).ok_or_else(|| bad("maxp"))?);
        let hmetrics =
            usize::from(u16_at(hhea, 34).ok_or_else(|| bad("hhea"))?).clamp(1, count.max(1));

        let mut metrics = Vec::with_capacity(count);
        let mut advance = 0;
        for g in 0..count {
            if g < hmetrics {
                advance = u16_at(hmtx, 4 * g).ok_or_else(|| bad("hmtx"))?;
            }
            let at = if g < hmetrics {
                4 * g + 2
            } else {
                4 * hmetrics + 2 * (g - hmetrics)
            };
            metrics.push((advance, u16_at(hmtx, at).unwrap_or(0) as i16));
        }

        let offset = |g: usize| -> Option<usize> {
            if long_loca {
                u32_at(loca, 4 * g).map(|o| o as usize)
            } else {
                u16_at(loca, 2 * g).map(|o| 2 * usize::from(o))
            }
        };
        let mut outlines = Vec::with_capacity(glyf.len());
        let mut spans = Vec::with_capacity(count);
        let mut components = Vec::with_capacity(count);
        for g in 0..count {
            let (start, end) = (offset(g), offset(g + 1));
            let record = match (start, end) {
                (Some(s), Some(e)) if s <= e && e <= glyf.len() => &glyf[s..e],
                _ => return Err(bad("loca")),
            };
            let at = outlines.len();
            let parts = strip_instructions(record, &mut outlines).ok_or_else(|| bad("glyf"))?;
            // Each glyph starts on a 4-byte boundary.
            while outlines.len() % 4 != 0 {
                outlines.push(0);
            }
            spans.push(at..outlines.len());
            components.push(parts);
        }
        Ok(TrueType {
            head: head[..54].to_vec(),
            hhea: hhea[..36].to_vec(),
            maxp: maxp.to_vec(),
            metrics,
            outlines,
            spans,
            components,
        })
    }

    pub fn glyph_count(&self) -> usize {
        self.spans.len()
    }

    /// The advance width of a glyph, font units.
    pub fn advance(&self, glyph: u16) -> u16 {
        self.metrics.get(usize::from(glyph)).map_or(0, |m| m.0)
    }

    /// The font program holding glyph 0, `glyphs` and the parts they are built from.
    pub fn subset(&self, glyphs: &BTreeSet<u16>) -> Vec<u8> {
        let mut keep: BTreeSet<u16> = glyphs.clone();
        keep.insert(0);
        let mut todo: Vec<u16> = keep.iter().copied().collect();
        while let Some(g) = todo.pop() {
            for part in self.components.get(usize::from(g)).into_iter().flatten() {
                if usize::from(*part) < self.glyph_count() && keep.insert(*part) {
                    todo.push(*part);
                }
            }
        }
        keep.retain(|g| usize::from(*g) < self.glyph_count());
        let count = usize::from(*keep.last().unwrap_or(&0)) + 1;

        let mut glyf = Vec::new();
        let mut loca = Vec::with_capacity(4 * (count + 1));
        let mut hmtx = Vec::with_capacity(4 * count);
        for g in 0..count {
            loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
            let (advance, lsb) = self.metrics[g];
            if keep.contains(&(g as u16)) {
                glyf.extend_from_slice(&self.outlines[self.spans[g].clone()]);
                hmtx.extend_from_slice(&advance.to_be_bytes());
                hmtx.extend_from_slice(&lsb.to_be_bytes());
            } else {
                hmtx.extend_from_slice(&[0; 4]);
            }
        }
        loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());

        let mut head = self.head.clone();
        head[8..12].copy_from_slice(&[0; 4]); // checksum adjustment, set below
        head[50..52].copy_from_slice(&1u16.to_be_bytes()); // long loca offsets
        let mut hhea = self.hhea.clone();
        hhea[34..36].copy_from_slice(&(count as u16).to_be_bytes());
        let mut maxp = self.maxp.clone();
        maxp[4..6].copy_from_slice(&(count as u16).to_be_bytes());
        write_font(&[
            (*b"glyf", &glyf),
            (*b"head", &head),
            (*b"hhea", &hhea),
            (*b"hmtx", &hmtx),
            (*b"loca", &loca),
            (*b"maxp", &maxp),
        ])
    }
}

/// Appends a glyph record without its instructions; returns the glyphs it is built from
/// (none for a simple glyph). `None` when the record is malformed.
fn strip_instructions(record: &[u8], out: &mut Vec<u8>) -> Option<Vec<u16>> {
    if record.is_empty() {
        return Some(Vec::new());
    }
    let contours = u16_at(record, 0)? as i16;
    if contours >= 0 {
        let ends = 10 + 2 * contours as usize;
        let length = usize::from(u16_at(record, ends)?);
        let rest = record.get(ends + 2 + length..)?;
        out.extend_from_slice(record.get(..ends)?);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(Vec::new());
    }
    const WORDS: u16 = 0x0001;
    const SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const XY_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    const INSTRUCTIONS: u16 = 0x0100;
    out.extend_from_slice(record.get(..10)?);
    let mut parts = Vec::new();
    let mut at = 10;
    loop {
        let flags = u16_at(record, at)?;
        parts.push(u16_at(record, at + 2)?);
        let mut size = 4 + if flags & WORDS != 0 { 4 } else { 2 };
        size += if flags & SCALE != 0 {
            2
        } else if flags & XY_SCALE != 0 {
            4
        } else if flags & TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        let component = record.get(at..at + size)?;
        out.extend_from_slice(&(flags & !INSTRUCTIONS).to_be_bytes());
        out.extend_from_slice(&component[2..]);
        at += size;
        if flags & MORE == 0 {
            return Some(parts);
        }
    }
}

/// An sfnt file of `tables` (given in tag order), with checksums.
fn write_font(tables: &[([u8; 4], &[u8])]) -> Vec<u8> {
    let count = tables.len() as u16;
    let mut power = 1u16;
    while power * 2 <= count {
        power *= 2;
    }
    let total: usize = tables.iter().map(|(_, t)| t.len().div_ceil(4) * 4).sum();
    let mut out = Vec::with_capacity(12 + 16 * tables.len() + total);
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&count.to_be_bytes());
    out.extend_from_slice(&(power * 16).to_be_bytes());
    out.extend_from_slice(&(power.trailing_zeros() as u16).to_be_bytes());
    out.extend_from_slice(&(count * 16 - power * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    let mut head_at = 0;
    for (tag, data) in tables {
        if tag == b"head" {
            head_at = out.len();
        }
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out[head_at + 8..head_at + 12].copy_from_slice(&adjustment.to_be_bytes());
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERIF: &[u8] = include_bytes!("../../../fonts/LiberationSerif-Regular.ttf");

    #[test]
    fn a_subset_is_a_font_with_the_glyphs_asked_for() {
        let font = TrueType::parse(SERIF).unwrap();
        let face = ttf_parser::Face::parse(SERIF, 0).unwrap();
        let gid = |c| face.glyph_index(c).unwrap().0;
        // `é` is a composite of `e` and an accent in Liberation Serif.
        let asked: BTreeSet<u16> = [gid('A'), gid('é'), gid('§')].into();
        let program = font.subset(&asked);
        let sub = ttf_parser::Face::parse(&program, 0).expect("the subset parses");
        assert_eq!(sub.units_per_em(), 2048);
        for c in ['A', 'é', '§'] {
            let g = ttf_parser::GlyphId(gid(c));
            let mut a = Outline::default();
            let mut b = Outline::default();
            face.outline_glyph(g, &mut a);
            sub.outline_glyph(g, &mut b);
            assert!(!b.0.is_empty() && a.0 == b.0, "{c:?} lost its outline");
            assert_eq!(sub.glyph_hor_advance(g), face.glyph_hor_advance(g));
        }
        let mut none = Outline::default();
        sub.outline_glyph(ttf_parser::GlyphId(gid('B')), &mut none);
        assert!(none.0.is_empty(), "a glyph not asked for is empty");
        assert!(program.len() < 4000, "{} bytes", program.len());
        assert_eq!(checksum(&program), 0xB1B0_AFBA, "whole-font checksum");
        assert!(
            font.subset(&asked) == program,
            "the same glyphs, the same bytes"
        );
    }

    #[derive(Default)]
    struct Outline(Vec<String>);

    impl ttf_parser::OutlineBuilder for Outline {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("M{x},{y}"));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("L{x},{y}"));
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0.push(format!("Q{x1},{y1},{x},{y}"));
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.0.push(format!("C{x1},{y1},{x2},{y2},{x},{y}"));
        }
        fn close(&mut self) {
            self.0.push("Z".into());
        }
    }

    #[test]
    fn postscript_outlines_are_refused() {
        let mut font = SERIF.to_vec();
        let count = usize::from(u16_at(&font, 4).unwrap());
        for i in 0..count {
            if &font[12 + 16 * i..16 + 16 * i] == b"glyf" {
                font[12 + 16 * i..16 + 16 * i].copy_from_slice(b"CFF ");
            }
        }
        assert!(TrueType::parse(&font).unwrap_err().contains("`glyf`"));
    }
}
