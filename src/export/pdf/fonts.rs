//! The PDF's fonts: which glyphs a letter uses, and each used face cut down to them.
//!
//! Every face gets a fixed resource name (`F1`–`F6`, by family and style), so the
//! content streams never depend on printpdf's process-global id counter. Per letter, the
//! characters of every run are looked up in their face; a character the face lacks is an
//! error (printpdf would silently draw `.notdef`). Each used face is then cut down to
//! glyph 0 plus the used glyphs. A TrueType face (every built-in one) is cut by
//! `truetype`, which keeps the original glyph ids and drops the hinting, and handed to
//! printpdf as a `ParsedFont` built from what the run read once (metrics) and what the
//! letter uses (its characters, their glyphs and widths); a face with PostScript outlines
//! is subset by allsorts and read back by printpdf. Either way printpdf maps each
//! character to its glyph through that `ParsedFont` when it draws the text and writes
//! the widths and the `/ToUnicode` map from it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use printpdf::{FontId, ParsedFont};
use sha2::{Digest, Sha256};

use super::truetype::TrueType;
use crate::diagnostic::Diagnostic;
use crate::layout::{Family, Font, FontBook, Item, Line, LineKind, Pages};
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

/// How many subsets of each face a run keeps for reuse.
const CACHED_SUBSETS: usize = 128;

/// The six faces of a run, prepared once, with the subsets already cut.
///
/// A subset is a pure function of its face and characters, so letters that draw the same
/// characters in a face (most header tables, and many bodies) share one: reusing it
/// changes no byte of any letter, whatever the order or the thread.
#[derive(Debug)]
pub struct Faces {
    faces: Vec<Face>,
    cache: Mutex<HashMap<SubsetKey, Arc<Embedded>>>,
}

/// A subset's identity: the face's index and the characters it draws.
type SubsetKey = (usize, Vec<char>);

#[derive(Debug)]
struct Face {
    font: Arc<Font>,
    /// The resource name in every page's `/Font` dictionary.
    resource: String,
    /// The PostScript name, restricted to what a PDF name may hold unescaped.
    base_name: String,
    /// What the run reads of the face once, on first use.
    read: OnceLock<Result<Reading, String>>,
}

/// A face as read once per run.
#[derive(Debug)]
enum Reading {
    /// TrueType outlines: cut here, with printpdf's reading of the whole face for the
    /// metrics of its font descriptor.
    Glyf(Box<Glyf>),
    /// PostScript (CFF) outlines: cut by allsorts.
    Other,
}

/// A TrueType face as read once per run.
#[derive(Debug)]
struct Glyf {
    program: TrueType,
    whole: ParsedFont,
}

/// A face as embedded in one letter.
#[derive(Debug, Clone)]
pub struct Embedded {
    pub id: FontId,
    /// The subset font program, as printpdf reads it.
    pub font: ParsedFont,
}

/// The faces a letter uses, by face index.
pub type EmbeddedFonts = Vec<Option<Embedded>>;

impl Faces {
    pub fn new(book: &FontBook) -> Faces {
        let faces = FACES
            .iter()
            .enumerate()
            .map(|(i, (family, style))| {
                let font = book.face(*family, *style).clone();
                let base_name: String = font
                    .name
                    .chars()
                    .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
                    .collect();
                Face {
                    font,
                    resource: format!("F{}", i + 1),
                    base_name: if base_name.is_empty() {
                        format!("Face{}", i + 1)
                    } else {
                        base_name
                    },
                    read: OnceLock::new(),
                }
            })
            .collect();
        Faces {
            faces,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The index of the face a run is set in.
    pub fn index(family: Family, style: Style) -> usize {
        match family {
            Family::Body => style.index(),
            Family::Table => 4 + usize::from(style.is_bold()),
        }
    }

    /// Subsets every face the letter uses to the glyphs it uses (in a `tagged` letter,
    /// the space that ends each line of its text too).
    pub fn embed(&self, pages: &Pages, tagged: bool) -> Result<EmbeddedFonts, Diagnostic> {
        let used = self.used_glyphs(pages, tagged)?;
        used.into_iter()
            .zip(&self.faces)
            .enumerate()
            .map(|(i, (chars, face))| {
                if chars.is_empty() {
                    return Ok(None);
                }
                let key = (i, chars.keys().copied().collect::<Vec<char>>());
                let cached = self.cache.lock().ok().and_then(|c| c.get(&key).cloned());
                if let Some(embedded) = cached {
                    return Ok(Some(Embedded::clone(&embedded)));
                }
                let embedded = time(Stage::PdfSubset, || face.subset(&chars))?;
                if let Ok(mut cache) = self.cache.lock()
                    && cache.len() < CACHED_SUBSETS * self.faces.len()
                {
                    cache.insert(key, Arc::new(embedded.clone()));
                }
                Ok(Some(embedded))
            })
            .collect()
    }

    /// Per face, every character drawn in it and its glyph id in the full font.
    fn used_glyphs(
        &self,
        pages: &Pages,
        tagged: bool,
    ) -> Result<Vec<BTreeMap<char, u16>>, Diagnostic> {
        // Latin-1 characters (nearly all of a letter) are marked in a table, the rest
        // kept in a map: a letter draws thousands of characters but only a few dozen
        // distinct ones.
        let mut latin = vec![[false; 256]; self.faces.len()];
        let mut used = vec![BTreeMap::new(); self.faces.len()];
        let mut missing: BTreeMap<(usize, char), ()> = BTreeMap::new();
        let mut visit = |line: &Line| {
            // a tagged line ends with a space in the face of its last run (`draw`)
            if tagged
                && line.kind != LineKind::Margin
                && let Some(last) = line.runs.iter().rev().find(|r| !r.text.is_empty())
            {
                latin[Faces::index(line.family, last.style)][usize::from(b' ')] = true;
            }
            for run in &line.runs {
                let i = Faces::index(line.family, run.style);
                for c in run.text.chars() {
                    match u8::try_from(c) {
                        Ok(b) => latin[i][usize::from(b)] = true,
                        Err(_) => {
                            used[i].insert(c, 0);
                        }
                    }
                }
            }
        };
        for page in &pages.pages {
            for item in &page.items {
                match item {
                    Item::Line(line) => visit(line),
                    Item::Watermark(w) => visit(&w.line),
                    Item::Image(_) => {}
                    Item::Table(table) => table
                        .rows
                        .iter()
                        .flat_map(|r| &r.cells)
                        .flat_map(|c| &c.lines)
                        .for_each(&mut visit),
                }
            }
        }
        for (i, (chars, face)) in used.iter_mut().zip(&self.faces).enumerate() {
            let font = &face.font;
            chars.extend(
                (0..=255u8)
                    .filter(|b| latin[i][usize::from(*b)])
                    .map(|b| (char::from(b), 0)),
            );
            chars.retain(|c, gid| {
                if font.has(*c) && font.glyph(*c) != 0 {
                    *gid = font.glyph(*c);
                    true
                } else {
                    missing.insert((i, *c), ());
                    false
                }
            });
        }
        if missing.is_empty() {
            return Ok(used);
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
    fn fail(&self, what: String) -> Diagnostic {
        Diagnostic::error(
            "pdf.font",
            format!("failed to embed font {} in the PDF", self.font.name),
        )
        .cause(what)
    }

    /// The face cut down to glyph 0 and the glyphs of `chars` (character → glyph id
    /// in the whole face).
    fn subset(&self, chars: &BTreeMap<char, u16>) -> Result<Embedded, Diagnostic> {
        let reading = self.read.get_or_init(|| {
            if !TrueType::has_outlines(&self.font.data) {
                return Ok(Reading::Other);
            }
            let program = TrueType::parse(&self.font.data)?;
            let mut warnings = Vec::new();
            let whole = ParsedFont::from_bytes(&self.font.data, 0, &mut warnings)
                .ok_or_else(|| "printpdf cannot read the font".to_string())?;
            Ok(Reading::Glyf(Box::new(Glyf { program, whole })))
        });
        match reading {
            Err(e) => Err(self.fail(e.clone())),
            Ok(Reading::Other) => self.subset_other(chars),
            Ok(Reading::Glyf(glyf)) => Ok(self.subset_glyf(&glyf.program, &glyf.whole, chars)),
        }
    }

    /// A TrueType face cut here: original glyph ids, so printpdf's character → glyph
    /// map is the face's own, restricted to the letter's characters.
    fn subset_glyf(
        &self,
        program: &TrueType,
        whole: &ParsedFont,
        chars: &BTreeMap<char, u16>,
    ) -> Embedded {
        let ids: BTreeSet<u16> = chars.values().copied().collect();
        let mut tagged: Vec<u16> = ids.iter().copied().collect();
        tagged.insert(0, 0);
        let font = ParsedFont {
            original_bytes: program.subset(&ids),
            font_index: 0,
            font_name: Some(format!(
                "{}+{}",
                subset_tag(&self.base_name, &tagged),
                self.base_name
            )),
            codepoint_to_glyph: chars.iter().map(|(c, g)| (u32::from(*c), *g)).collect(),
            glyph_widths: ids.iter().map(|g| (*g, program.advance(*g))).collect(),
            units_per_em: whole.units_per_em,
            font_metrics: whole.font_metrics.clone(),
            font_type: whole.font_type,
            pdf_font_metrics: whole.pdf_font_metrics.clone(),
        };
        Embedded {
            id: FontId(self.resource.clone()),
            font,
        }
    }

    /// A face with PostScript outlines, subset by allsorts (which renumbers the glyphs
    /// and writes a cmap for them) and read back by printpdf.
    fn subset_other(&self, chars: &BTreeMap<char, u16>) -> Result<Embedded, Diagnostic> {
        let fail = |what: String| self.fail(what);
        let mut ids: Vec<u16> = chars.values().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        ids.insert(0, 0);
        let data = ReadScope::new(&self.font.data)
            .read::<FontData<'_>>()
            .map_err(|e| fail(format!("reading the font: {e}")))?;
        let provider = data
            .table_provider(0)
            .map_err(|e| fail(format!("reading the font's tables: {e}")))?;
        let program = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| fail(format!("subsetting: {e:?}")))?;
        let mut warnings = Vec::new();
        let mut font = ParsedFont::from_bytes(&program, 0, &mut warnings)
            .ok_or_else(|| fail("printpdf cannot read the subset font".to_string()))?;
        if let Some(w) = warnings.first() {
            return Err(fail(format!("printpdf: {}", w.message)));
        }
        font.font_name = Some(format!(
            "{}+{}",
            subset_tag(&self.base_name, &ids),
            self.base_name
        ));
        Ok(Embedded {
            id: FontId(self.resource.clone()),
            font,
        })
    }
}

/// The six capital letters that mark a subset font's name, from the glyphs it keeps.
fn subset_tag(name: &str, ids: &[u16]) -> String {
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
