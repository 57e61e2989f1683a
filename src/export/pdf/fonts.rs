//! The PDF's fonts: which glyphs a letter uses, and each used face embedded as a subset.
//!
//! Every face has a fixed resource name (`F1`–`F6`, by family and style). Text is drawn by
//! the faces' own glyph ids, which the subsets keep ([`super::truetype`]), so a content
//! stream never depends on which other glyphs a letter uses. Per letter, the characters of
//! every run are looked up in their face; a character the face lacks is an error (it would
//! print as an empty box). Each used face is embedded as a subset of exactly the glyphs
//! the letter draws, compressed, with its widths and a `/ToUnicode` map so text can be
//! copied and searched.
//!
//! Embedding a face is a pure function of the face and the letter's characters in it, so
//! the result is kept (up to [`CACHE_LIMIT`] of them): letters that draw the same
//! characters in a face, as most header tables do, share the work. The cache changes how
//! fast a letter is written, never its bytes.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};

use super::file::deflate;
use super::syntax::number;
use super::truetype::TrueType;
use crate::diagnostic::Diagnostic;
use crate::layout::{Family, Font, FontBook, Item, Line, Pages};
use crate::markup::Style;
use crate::profile::{Stage, time};

/// The faces in resource-name order: `F1` is body regular, … `F6` is table bold.
const FACES: [(Family, Style); 6] = [
    (Family::Body, Style::Regular),
    (Family::Body, Style::Bold),
    (Family::Body, Style::Italic),
    (Family::Body, Style::BoldItalic),
    (Family::Table, Style::Regular),
    (Family::Table, Style::Bold),
];

/// How many embedded faces are kept for reuse (a few megabytes at most).
pub const CACHE_LIMIT: usize = 512;

/// The six faces of a run, prepared once.
#[derive(Debug)]
pub struct Faces {
    faces: Vec<Face>,
    cache: Mutex<EmbeddedCache>,
}

/// Embedded faces by face index and the characters drawn in it.
type EmbeddedCache = HashMap<(usize, Vec<char>), Arc<Embedded>>;

#[derive(Debug)]
struct Face {
    font: Arc<Font>,
    program: TrueType,
    /// The PostScript name, restricted to what a PDF name may hold unescaped.
    base_name: String,
    /// The font descriptor's entries but the name and the program, ready to write.
    descriptor: String,
}

/// A face as embedded in one letter.
#[derive(Debug)]
pub struct Embedded {
    /// `ABCDEF+LiberationSerif`: a subset's tag and the face's name.
    pub name: String,
    /// The font program, compressed, and its length before compression.
    pub program: Vec<u8>,
    pub program_length: usize,
    /// The `/W` array's contents (glyph widths, 1/1000 em).
    pub widths: String,
    /// The `/ToUnicode` CMap, compressed.
    pub to_unicode: Vec<u8>,
    /// The descriptor's entries other than `/FontName` and `/FontFile2`.
    pub descriptor: String,
}

/// The faces a letter uses, by face index.
pub type EmbeddedFonts = Vec<Option<Arc<Embedded>>>;

impl Faces {
    pub fn new(book: &FontBook) -> Result<Faces, Diagnostic> {
        let mut faces = Vec::with_capacity(FACES.len());
        for (i, (family, style)) in FACES.iter().enumerate() {
            let font = book.face(*family, *style).clone();
            let program = TrueType::parse(&font.data).map_err(|why| {
                Diagnostic::error(
                    "pdf.font",
                    format!("font {} cannot be embedded in a PDF", font.name),
                )
                .cause(why)
                .hint("name a TrueType (.ttf) font in the settings for PDF letters")
            })?;
            let base_name: String = font
                .name
                .chars()
                .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
                .collect();
            let base_name = if base_name.is_empty() {
                format!("Face{}", i + 1)
            } else {
                base_name
            };
            faces.push(Face {
                descriptor: descriptor(&font, *style),
                font,
                program,
                base_name,
            });
        }
        Ok(Faces {
            faces,
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// The index of the face a run is set in.
    pub fn index(family: Family, style: Style) -> usize {
        match family {
            Family::Body => style.index(),
            Family::Table => 4 + usize::from(style.is_bold()),
        }
    }

    /// The glyph id that draws `c` in face `face` (checked by [`Faces::embed`]).
    pub fn glyph(&self, face: usize, c: char) -> u16 {
        self.faces[face].font.glyph(c)
    }

    /// Embeds every face the letter uses, cut down to the glyphs it draws.
    pub fn embed(&self, pages: &Pages) -> Result<EmbeddedFonts, Diagnostic> {
        let used = self.used_chars(pages)?;
        let mut out = Vec::with_capacity(self.faces.len());
        for (i, chars) in used.into_iter().enumerate() {
            if chars.is_empty() {
                out.push(None);
                continue;
            }
            let key = (i, chars);
            let cached = self.lock().get(&key).cloned();
            crate::profile::font_cache(cached.is_some());
            let embedded = match cached {
                Some(e) => e,
                None => {
                    let e = Arc::new(self.faces[i].embed(&key.1));
                    let mut cache = self.lock();
                    if cache.len() < CACHE_LIMIT {
                        cache.insert(key, e.clone());
                    }
                    e
                }
            };
            out.push(Some(embedded));
        }
        Ok(out)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, EmbeddedCache> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Per face, every character drawn in it, in order.
    fn used_chars(&self, pages: &Pages) -> Result<Vec<Vec<char>>, Diagnostic> {
        let mut used: Vec<CharSet> = (0..self.faces.len()).map(|_| CharSet::default()).collect();
        let mut missing: BTreeMap<(usize, char), ()> = BTreeMap::new();
        let mut visit = |line: &Line| {
            for run in &line.runs {
                let i = Faces::index(line.family, run.style);
                let set = &mut used[i];
                for c in run.text.chars() {
                    if !set.insert(c) {
                        continue;
                    }
                    let font = &self.faces[i].font;
                    if font.glyph(c) == 0 || !font.has(c) {
                        missing.insert((i, c), ());
                    }
                }
            }
        };
        for page in &pages.pages {
            for item in &page.items {
                match item {
                    Item::Line(line) => visit(line),
                    Item::Table(table) => table
                        .rows
                        .iter()
                        .flat_map(|r| &r.cells)
                        .flat_map(|c| &c.lines)
                        .for_each(&mut visit),
                }
            }
        }
        if missing.is_empty() {
            return Ok(used.iter().map(CharSet::chars).collect());
        }
        let list: Vec<String> = missing
            .keys()
            .map(|(i, c)| {
                format!(
                    "{c:?} (U+{:04X}) is not in font {}",
                    u32::from(*c),
                    self.faces[*i].font.name
                )
            })
            .collect();
        Err(Diagnostic::error(
            "pdf.glyph",
            "the letter uses characters its fonts cannot draw",
        )
        .cause(list.join("; "))
        .hint("use characters the fonts have, or name fonts that have them in the settings"))
    }
}

impl Face {
    /// The face cut down to the glyphs of `chars`.
    fn embed(&self, chars: &[char]) -> Embedded {
        // Glyph → the first character drawn with it, for /ToUnicode.
        let mut glyphs: BTreeMap<u16, char> = BTreeMap::new();
        for c in chars {
            glyphs.entry(self.font.glyph(*c)).or_insert(*c);
        }
        let ids: BTreeSet<u16> = glyphs.keys().copied().collect();
        let program = time(Stage::PdfSubset, || self.program.subset(&ids));
        let scale = 1000.0 / f64::from(self.program.units_per_em.max(1));
        let mut widths = Vec::new();
        let mut previous: Option<u16> = None;
        for g in &ids {
            if previous.is_some_and(|p| p + 1 == *g) {
                widths.push(b' ');
            } else {
                if previous.is_some() {
                    widths.extend_from_slice(b"] ");
                }
                widths.extend_from_slice(format!("{g} [").as_bytes());
            }
            number(&mut widths, f64::from(self.program.advance(*g)) * scale);
            previous = Some(*g);
        }
        widths.push(b']');
        Embedded {
            name: format!("{}+{}", subset_tag(&self.base_name, &ids), self.base_name),
            program_length: program.len(),
            program: deflate(&program),
            widths: String::from_utf8(widths).expect("ASCII"),
            to_unicode: deflate(to_unicode(&glyphs).as_bytes()),
            descriptor: self.descriptor.clone(),
        }
    }
}

/// A set of characters: a bitmap for the first 64 × 128 code points, a list beyond.
struct CharSet {
    bits: [u64; 128],
    other: BTreeSet<char>,
}

impl Default for CharSet {
    fn default() -> CharSet {
        CharSet {
            bits: [0; 128],
            other: BTreeSet::new(),
        }
    }
}

impl CharSet {
    /// Adds `c`; false when it was there already.
    #[inline]
    fn insert(&mut self, c: char) -> bool {
        let i = c as usize;
        match self.bits.get_mut(i / 64) {
            Some(word) => {
                let bit = 1u64 << (i % 64);
                let new = *word & bit == 0;
                *word |= bit;
                new
            }
            None => self.other.insert(c),
        }
    }

    /// The characters in code point order.
    fn chars(&self) -> Vec<char> {
        let mut out = Vec::new();
        for (w, word) in self.bits.iter().enumerate() {
            let mut bits = *word;
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                out.extend(char::from_u32((w * 64 + b) as u32));
            }
        }
        out.extend(self.other.iter().copied());
        out
    }
}

/// The font descriptor's entries from the face's metrics (1/1000 em).
fn descriptor(font: &Font, style: Style) -> String {
    let face = ttf_parser::Face::parse(&font.data, 0).ok();
    let upem = face
        .as_ref()
        .map_or(1000.0, |f| f64::from(f.units_per_em()));
    let scale = |v: i16| (f64::from(v) * 1000.0 / upem).round() as i64;
    let (ascent, descent, cap, angle, bbox) = match &face {
        Some(f) => {
            let b = f.global_bounding_box();
            (
                scale(f.ascender()),
                scale(f.descender()),
                scale(f.capital_height().unwrap_or(f.ascender())),
                f.italic_angle(),
                [
                    scale(b.x_min),
                    scale(b.y_min),
                    scale(b.x_max),
                    scale(b.y_max),
                ],
            )
        }
        None => (800, -200, 700, 0.0, [0, -200, 1000, 800]),
    };
    // Nonsymbolic, plus italic when it slants.
    let italic = matches!(style, Style::Italic | Style::BoldItalic);
    let flags = 32 + if italic || angle != 0.0 { 64 } else { 0 };
    let mut angle_text = Vec::new();
    number(&mut angle_text, f64::from(angle));
    format!(
        "/Flags {flags} /FontBBox [{} {} {} {}] /ItalicAngle {} /Ascent {ascent} /Descent {descent} /CapHeight {cap} /StemV {}",
        bbox[0],
        bbox[1],
        bbox[2],
        bbox[3],
        String::from_utf8_lossy(&angle_text),
        if style.is_bold() { 120 } else { 80 }
    )
}

/// The `/ToUnicode` CMap from glyph ids to the characters they draw.
fn to_unicode(glyphs: &BTreeMap<u16, char>) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo 3 dict dup begin\n/Registry (Adobe) def\n/Ordering (UCS) def\n\
         /Supplement 0 def\nend def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &char)> = glyphs.iter().collect();
    for block in entries.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", block.len()));
        for (g, c) in block {
            out.push_str(&format!("<{g:04X}> <"));
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("{u:04X}"));
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// The six capital letters that mark a subset font's name, from the glyphs it keeps.
fn subset_tag(name: &str, ids: &BTreeSet<u16>) -> String {
    let mut hash = Sha256::new();
    hash.update(name.as_bytes());
    for id in ids {
        hash.update(id.to_be_bytes());
    }
    hash.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}
