//! The combined print file (`--combine FILE.pdf`): every letter of the run, in input order,
//! one after the other, with one bookmark per letter.
//!
//! Letters are appended as the run hands them over, each read back from its own PDF
//! (rendered now or by an earlier run) and its objects copied with new numbers, so the file
//! grows on disk and not in memory (what stays is each object's offset, each page's number
//! and each bookmark's title). Resources that two letters share byte for byte once
//! renumbered (a font subset of the same glyphs, its widths and its `/ToUnicode` map) are
//! written once: each copied resource is keyed by a hash of its bytes with references
//! already renumbered, so a whole shared subtree collapses to the first copy. With
//! `--duplex`, a letter of an odd number of pages is followed by a blank page, so every
//! letter starts on the front of a sheet. Pages hang from page-tree nodes of at most
//! 128 pages; the file ends with the tree, the outline, the catalog and an `/ID`
//! hashed from everything before it, and is renamed into place whole.
//!
//! The print file is not tagged (nor encrypted): its pages are copied without the
//! letters' structure trees, and its Info `/Subject` says so ([`NOT_TAGGED`]).

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use lopdf::{Document, Object, ObjectId};
use sha2::{Digest, Sha256};

use super::output::AtomicFile;
use crate::diagnostic::Diagnostic;
use crate::export::pdf::syntax;

/// What a letter's own `/Title` holds before its case number.
const TITLE_PREFIX: &str = "IMR Final Determination ";

/// A letter's bookmark: the case number its `/Title` names, else its file's stem.
fn bookmark_title(doc: &Document, letter: &Path) -> String {
    let title = doc
        .trailer
        .get(b"Info")
        .and_then(|info| doc.dereference(info))
        .and_then(|(_, info)| info.as_dict())
        .and_then(|info| info.get(b"Title"))
        .ok()
        .and_then(|t| lopdf::decode_text_string(t).ok());
    match title {
        Some(t) => t.strip_prefix(TITLE_PREFIX).unwrap_or(&t).to_string(),
        None => letter
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

/// What the print file says of itself: it is for printing, and only the letters' own
/// files are tagged (and protected, with `--protect`).
pub const NOT_TAGGED: &str = "Print file of IMR Final Determinations. Not tagged and not encrypted: it is made for printing, and its pages are copied without the letters' structure trees, which are not merged; each letter's own PDF is the accessible (and, with --protect, protected) copy.";

/// What the Info dictionary of every print file holds, by which a print file imr-letters
/// wrote is known (and may be replaced by the next).
pub const INFO_MARK: &str = "/Subject (Print file of IMR Final Determinations.";

/// Pages per page-tree node.
const FANOUT: usize = 128;

/// A combined file being written.
pub struct Combiner {
    file: AtomicFile,
    hash: Sha256,
    written: u64,
    /// Byte offset of every object, by number (index 0 unused).
    offsets: Vec<u64>,
    /// Page object numbers, in order, and the tree nodes they hang from.
    pages: Vec<u32>,
    nodes: Vec<u32>,
    /// Object number of every object already written, by the hash of its bytes.
    shared: HashMap<[u8; 32], u32>,
    /// (title, first page) per letter.
    bookmarks: Vec<(String, u32)>,
    duplex: bool,
    root: u32,
}

impl Combiner {
    pub fn create(target: &Path, duplex: bool) -> Result<Combiner, Diagnostic> {
        let mut c = Combiner {
            file: AtomicFile::create(target)?,
            hash: Sha256::new(),
            written: 0,
            offsets: vec![0],
            pages: Vec::new(),
            nodes: Vec::new(),
            shared: HashMap::new(),
            bookmarks: Vec::new(),
            duplex,
            root: 0,
        };
        c.root = c.reserve();
        c.emit(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(c)
    }

    fn reserve(&mut self) -> u32 {
        self.offsets.push(0);
        (self.offsets.len() - 1) as u32
    }

    fn emit(&mut self, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.hash.update(bytes);
        self.written += bytes.len() as u64;
        let target = self.file.target().to_path_buf();
        self.file.write_all(bytes).map_err(|e| failed(&target, e))
    }

    /// Writes object `id` with the body `body`.
    fn put(&mut self, id: u32, body: &[u8]) -> Result<(), Diagnostic> {
        self.offsets[id as usize] = self.written;
        let mut out = Vec::with_capacity(body.len() + 32);
        let _ = writeln!(out, "{id} 0 obj");
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
        self.emit(&out)
    }

    /// The tree node the next page hangs from.
    fn parent_for_next_page(&mut self) -> u32 {
        if self.pages.len().is_multiple_of(FANOUT) {
            let node = self.reserve();
            self.nodes.push(node);
        }
        *self.nodes.last().expect("a node")
    }

    /// Appends the letter in the PDF at `letter`, bookmarked with its case number (read
    /// from the letter's own title, never from its file name, which a `--name` pattern may
    /// have made from a party's name).
    pub fn add(&mut self, letter: &Path) -> Result<(), Diagnostic> {
        let unreadable = |why: String| {
            Diagnostic::error(
                "combine.read",
                format!("cannot add `{}` to the combined file", letter.display()),
            )
            .cause(why)
        };
        let bytes = std::fs::read(letter).map_err(|e| unreadable(e.to_string()))?;
        let doc = Document::load_mem(&bytes).map_err(|e| unreadable(e.to_string()))?;
        let mut copied: HashMap<ObjectId, u32> = HashMap::new();
        let mut first = None;
        let mut media = Object::Array(vec![0.into(), 0.into(), 612.into(), 792.into()]);
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        if pages.is_empty() {
            return Err(unreadable("it has no pages".into()));
        }
        for page_id in &pages {
            let page = doc
                .get_dictionary(*page_id)
                .map_err(|e| unreadable(e.to_string()))?;
            if let Ok(m) = page.get(b"MediaBox") {
                media = m.clone();
            }
            let mut entries = Vec::new();
            // Resources (the fonts) are shared between letters; page contents never are.
            for (key, share) in [(&b"Resources"[..], true), (b"Contents", false)] {
                if let Ok(value) = page.get(key) {
                    let value = self.copy_value(&doc, value, &mut copied, &unreadable, share)?;
                    entries.push((key, value));
                }
            }
            let id = self.page(&media, &entries)?;
            first.get_or_insert(id);
        }
        if self.duplex && pages.len() % 2 == 1 {
            self.page(&media, &[])?;
        }
        self.bookmarks.push((
            bookmark_title(&doc, letter),
            first.expect("at least one page"),
        ));
        Ok(())
    }

    /// Writes a page: `entries` are (key, value already renumbered).
    fn page(&mut self, media: &Object, entries: &[(&[u8], Vec<u8>)]) -> Result<u32, Diagnostic> {
        let parent = self.parent_for_next_page();
        let id = self.reserve();
        let mut body = format!("<< /Type /Page /Parent {parent} 0 R /MediaBox ").into_bytes();
        syntax::object(&mut body, media, &|_| 0);
        if entries.is_empty() {
            body.extend_from_slice(b" /Resources <<>>");
        }
        for (key, value) in entries {
            body.push(b' ');
            syntax::name(&mut body, key);
            body.push(b' ');
            body.extend_from_slice(value);
        }
        body.extend_from_slice(b" >>");
        self.put(id, &body)?;
        self.pages.push(id);
        Ok(id)
    }

    /// A value's bytes with every object it refers to copied first.
    fn copy_value(
        &mut self,
        doc: &Document,
        value: &Object,
        copied: &mut HashMap<ObjectId, u32>,
        unreadable: &dyn Fn(String) -> Diagnostic,
        share: bool,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut refs = Vec::new();
        collect_refs(value, &mut refs);
        for r in refs {
            self.copy_object(doc, r, copied, unreadable, 0, share)?;
        }
        let mut out = Vec::new();
        syntax::object(&mut out, value, &|id| copied[&id]);
        Ok(out)
    }

    /// Copies object `id` (after the objects it refers to) or finds its twin; returns its
    /// new number.
    fn copy_object(
        &mut self,
        doc: &Document,
        id: ObjectId,
        copied: &mut HashMap<ObjectId, u32>,
        unreadable: &dyn Fn(String) -> Diagnostic,
        depth: usize,
        share: bool,
    ) -> Result<u32, Diagnostic> {
        if let Some(new) = copied.get(&id) {
            return Ok(*new);
        }
        if depth > 32 {
            return Err(unreadable("its objects nest too deep (a cycle?)".into()));
        }
        let object = doc.get_object(id).map_err(|e| unreadable(e.to_string()))?;
        let mut refs = Vec::new();
        collect_refs(object, &mut refs);
        for r in refs {
            self.copy_object(doc, r, copied, unreadable, depth + 1, share)?;
        }
        let mut body = Vec::new();
        syntax::object(&mut body, object, &|r| copied[&r]);
        let key: Option<[u8; 32]> = share.then(|| Sha256::digest(&body).into());
        let new = match key.and_then(|k| self.shared.get(&k)) {
            Some(twin) => *twin,
            None => {
                let new = self.reserve();
                self.put(new, &body)?;
                if let Some(key) = key {
                    self.shared.insert(key, new);
                }
                new
            }
        };
        copied.insert(id, new);
        Ok(new)
    }

    /// Writes the page tree, the outline, the catalog and the trailer; puts the file in
    /// place. Returns the number of pages.
    pub fn finish(mut self) -> Result<usize, Diagnostic> {
        let root = self.root;
        let nodes = self.nodes.clone();
        for (n, node) in nodes.iter().enumerate() {
            let kids: Vec<String> = self
                .pages
                .iter()
                .skip(n * FANOUT)
                .take(FANOUT)
                .map(|p| format!("{p} 0 R"))
                .collect();
            let body = format!(
                "<< /Type /Pages /Parent {root} 0 R /Kids [{}] /Count {} >>",
                kids.join(" "),
                kids.len()
            );
            self.put(*node, body.as_bytes())?;
        }
        let kids: Vec<String> = nodes.iter().map(|n| format!("{n} 0 R")).collect();
        let body = format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            self.pages.len()
        );
        self.put(root, body.as_bytes())?;

        let outline = self.reserve();
        let marks: Vec<u32> = (0..self.bookmarks.len()).map(|_| self.reserve()).collect();
        let bookmarks = std::mem::take(&mut self.bookmarks);
        for (i, (title, page)) in bookmarks.iter().enumerate() {
            let mut body = b"<< /Title ".to_vec();
            syntax::text_string(&mut body, title);
            let _ = write!(body, " /Parent {outline} 0 R /Dest [{page} 0 R /Fit]");
            if i > 0 {
                let _ = write!(body, " /Prev {} 0 R", marks[i - 1]);
            }
            if let Some(next) = marks.get(i + 1) {
                let _ = write!(body, " /Next {next} 0 R");
            }
            body.extend_from_slice(b" >>");
            self.put(marks[i], &body)?;
        }
        let body = match (marks.first(), marks.last()) {
            (Some(first), Some(last)) => format!(
                "<< /Type /Outlines /First {first} 0 R /Last {last} 0 R /Count {} >>",
                marks.len()
            ),
            _ => "<< /Type /Outlines /Count 0 >>".to_string(),
        };
        self.put(outline, body.as_bytes())?;
        let info = self.reserve();
        let mut body = b"<< /Title ".to_vec();
        syntax::text_string(&mut body, "IMR Final Determinations");
        body.extend_from_slice(b" /Subject ");
        syntax::text_string(&mut body, NOT_TAGGED);
        body.extend_from_slice(b" /Creator ");
        syntax::text_string(&mut body, crate::export::pdf::CREATOR);
        body.extend_from_slice(b" >>");
        self.put(info, &body)?;
        let catalog = self.reserve();
        let body = format!(
            "<< /Type /Catalog /Pages {root} 0 R /Outlines {outline} 0 R /PageMode /UseOutlines >>"
        );
        self.put(catalog, body.as_bytes())?;

        let xref = self.written;
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", self.offsets.len());
        for offset in &self.offsets[1..] {
            table.push_str(&format!("{offset:010} 00000 n \n"));
        }
        self.emit(table.as_bytes())?;
        let digest = self.hash.clone().finalize();
        let id: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        let trailer = format!(
            "trailer\n<< /Size {} /Root {catalog} 0 R /Info {info} 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{xref}\n%%EOF\n",
            self.offsets.len()
        );
        self.emit(trailer.as_bytes())?;
        let pages = self.pages.len();
        self.file.commit()?;
        Ok(pages)
    }
}

fn collect_refs(o: &Object, out: &mut Vec<ObjectId>) {
    match o {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|i| collect_refs(i, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, v)| collect_refs(v, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, v)| collect_refs(v, out)),
        _ => {}
    }
}

fn failed(target: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "combine.write",
        format!("failed to write the combined file `{}`", target.display()),
    )
    .cause(e.to_string())
}
