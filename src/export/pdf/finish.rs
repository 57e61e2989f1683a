//! The last pass over the document printpdf built: metadata, structure, compression,
//! encryption and `/ID`.
//!
//! printpdf's Info dictionary carries empty fields and `GTS_PDFXVersion` (which makes
//! readers call the file PDF/X), and its trailer `/ID` comes from a process-global
//! counter. Here the Info dictionary is replaced by ours (title, subject, creator,
//! producer and dates from the letter; no names of people); a tagged letter gets its
//! structure tree and XMP, a PDF/A one its output intent; every stream is compressed
//! (never into data that ends in a carriage return, which PDF/A readers take for part of
//! the end of line), and `/ID` becomes a hash of the file's own bytes, so the same letter
//! always gives the same file. A protected letter is encrypted once its `/ID` is known,
//! since the key depends on it.

use lopdf::{Dictionary, Object, Stream, StringFormat};
use printpdf::{PdfDocument, PdfParseErrorSeverity, PdfSaveOptions};
use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::options::PdfOptions;
use super::tags::Structure;
use crate::export::LetterInfo;
use crate::profile::{Stage, time};

/// Who made the file, in its metadata.
pub const CREATOR: &str = concat!("imr-letters ", env!("CARGO_PKG_VERSION"));
/// The zlib level of the page contents: level 2 makes them within 8 % of level 6's size
/// in a quarter of the time.
const CONTENT_LEVEL: u32 = 2;
/// The zlib level of the font programs. Outlines hardly compress (to two thirds at
/// best): level 1 is 3 times faster than level 6 for 15 % more bytes, and a font program
/// letters share is compressed once anyway (`StreamCache`).
const FONT_LEVEL: u32 = 1;
const PRODUCER: &str = concat!(
    "imr-letters ",
    env!("CARGO_PKG_VERSION"),
    " (printpdf 0.12.8)"
);

/// The letters' title and subject.
fn title(info: &LetterInfo<'_>) -> String {
    format!("IMR Final Determination {}", info.case_number)
}
const SUBJECT: &str = "Independent Medical Review Final Determination";

/// Serialises the document into the bytes of the file.
pub fn finish(
    doc: &PdfDocument,
    structure: Option<&Structure>,
    info: &LetterInfo<'_>,
    options: &PdfOptions,
    cache: &StreamCache,
) -> Result<Vec<u8>, Diagnostic> {
    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = time(Stage::PdfObjects, || {
        doc.to_lopdf_document(&opts, &mut warnings)
    });
    // printpdf reports what it will draw wrongly (text outside BT/ET, colours out of
    // range, fonts it cannot embed) as errors or warnings; informational notes are fine.
    let broken: Vec<String> = warnings
        .iter()
        .filter(|w| w.severity != PdfParseErrorSeverity::Info)
        .map(|w| format!("page {}, operation {}: {}", w.page, w.op_id, w.msg))
        .collect();
    if !broken.is_empty() {
        return Err(
            Diagnostic::error("pdf.write", "printpdf reported a problem with the PDF")
                .cause(broken.join("; ")),
        );
    }
    let info_id = lo
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(|e| Diagnostic::error("pdf.write", "the PDF has no Info").cause(e.to_string()))?;
    let archival = options.standard.archival();
    lo.objects
        .insert(info_id, Object::Dictionary(info_dictionary(info, archival)));
    if let Some(structure) = structure {
        time(Stage::PdfTags, || {
            standards(&mut lo, structure, info, archival)
        })?;
    }
    time(Stage::Compress, || compress(&mut lo, cache));
    if options.protect {
        time(Stage::PdfSave, || save_protected(&mut lo))
    } else {
        time(Stage::PdfSave, || save_with_id(&mut lo))
    }
}

/// What a tagged letter adds (and a PDF/A one): the structure tree, the XMP, PDF 1.7.
fn standards(
    lo: &mut lopdf::Document,
    structure: &Structure,
    info: &LetterInfo<'_>,
    archival: bool,
) -> Result<(), Diagnostic> {
    super::structure::write_structure(lo, structure)?;
    let title = title(info);
    let packet = super::xmp::packet(&super::xmp::Metadata {
        title: &title,
        subject: SUBJECT,
        creator: CREATOR,
        producer: PRODUCER,
        stamp: info.stamp,
        archival,
    });
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    let metadata = lo.add_object(Object::Stream(
        Stream::new(dict, packet).with_compression(false),
    ));
    let failed = |e: lopdf::Error| {
        Diagnostic::error("pdf.write", "the PDF has no catalog").cause(e.to_string())
    };
    lo.catalog_mut()
        .map_err(failed)?
        .set("Metadata", Object::Reference(metadata));
    if archival {
        super::archive::add_output_intent(lo).map_err(failed)?;
    }
    lo.version = "1.7".to_string();
    Ok(())
}

/// The encrypted file's bytes: its `/ID` the hash of the file before encryption.
fn save_protected(lo: &mut lopdf::Document) -> Result<Vec<u8>, Diagnostic> {
    let plain = save_with_id(lo)?;
    let id = lopdf::Document::load_mem(&plain)
        .ok()
        .and_then(|d| d.trailer.get(b"ID").ok().cloned())
        .ok_or_else(|| Diagnostic::error("pdf.write", "the PDF trailer has no /ID"))?;
    lo.trailer.set("ID", id);
    super::protect::encrypt(lo)?;
    let mut bytes = Vec::with_capacity(plain.len() + 4096);
    save(lo, &mut bytes)?;
    Ok(bytes)
}

/// The file's bytes, its `/ID` a hash of them.
fn save_with_id(lo: &mut lopdf::Document) -> Result<Vec<u8>, Diagnostic> {
    // The /ID is a hash of the file: written once with a placeholder of the same length,
    // which the hash of those bytes then replaces in place.
    let placeholder = Object::String(vec![0; 16], StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    let mut bytes = Vec::with_capacity(64 * 1024);
    save(lo, &mut bytes)?;
    let digest = Sha256::digest(&bytes);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02X}")).collect();
    // the trailer is last: replace the placeholders there
    let needle = [b'0'; 32];
    let tail = bytes.len().saturating_sub(512);
    let mut replaced = 0;
    let mut i = tail;
    while i + 32 <= bytes.len() {
        if bytes[i..i + 32] == needle {
            bytes[i..i + 32].copy_from_slice(hex.as_bytes());
            replaced += 1;
            i += 32;
        } else {
            i += 1;
        }
    }
    if replaced != 2 {
        return Err(Diagnostic::error(
            "pdf.write",
            "the PDF trailer has no /ID to set",
        ));
    }
    Ok(bytes)
}

/// Streams of a run already compressed, by the hash of their content: the font programs
/// letters share are compressed once. Compression is a pure function of the content, so
/// reuse changes no byte.
#[derive(Debug, Default)]
pub struct StreamCache(Mutex<HashMap<[u8; 32], Arc<Vec<u8>>>>);

/// Streams shorter than this are compressed every time (hashing would cost as much).
const CACHED_STREAM_MIN: usize = 4096;
/// How many compressed streams a run keeps.
const CACHED_STREAMS: usize = 1024;

/// Flate-compresses every stream that allows it and is not yet filtered (lopdf's own
/// `compress` works at the slowest level, for a percent or two of size).
fn compress(lo: &mut lopdf::Document, cache: &StreamCache) {
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        let key: Option<[u8; 32]> = (stream.content.len() >= CACHED_STREAM_MIN)
            .then(|| Sha256::digest(&stream.content).into());
        let cached = key.and_then(|k| cache.0.lock().ok()?.get(&k).cloned());
        let packed = match cached {
            Some(packed) => packed,
            None => {
                // a font program's dictionary gives its uncompressed length
                let font = stream.dict.has(b"Length1");
                let Some(packed) = deflate(&stream.content, font) else {
                    continue;
                };
                let packed = Arc::new(packed);
                if let (Some(k), Ok(mut map)) = (key, cache.0.lock())
                    && map.len() < CACHED_STREAMS
                {
                    map.insert(k, packed.clone());
                }
                packed
            }
        };
        // data ending in CR before `endstream` reads as a CRLF end of line: keep such a
        // stream as it is (its text does not end in CR), or add a line end and pack again
        let packed = if packed.last() != Some(&b'\r') {
            packed
        } else if stream.content.last() != Some(&b'\r') {
            continue;
        } else {
            let mut longer = stream.content.clone();
            longer.push(b'\n');
            match deflate(&longer, false) {
                Some(p) if p.last() != Some(&b'\r') && !stream.dict.has(b"Length1") => {
                    stream.set_content(longer);
                    Arc::new(p)
                }
                _ => continue,
            }
        };
        if packed.len() + 20 < stream.content.len() {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(packed.to_vec());
        }
    }
}

fn deflate(content: &[u8], font: bool) -> Option<Vec<u8>> {
    use flate2::{Compress, Compression};
    use std::cell::RefCell;
    thread_local! {
        // One compressor a thread and level, reset between streams: making one
        // allocates and clears a quarter of a megabyte, as much work as compressing a
        // page.
        static CONTENTS: RefCell<Compress> =
            RefCell::new(Compress::new(Compression::new(CONTENT_LEVEL), true));
        static FONTS: RefCell<Compress> =
            RefCell::new(Compress::new(Compression::new(FONT_LEVEL), true));
    }
    let compressor = if font { &FONTS } else { &CONTENTS };
    compressor.with_borrow_mut(|z| {
        z.reset();
        let mut out = Vec::with_capacity(content.len() / 2 + 64);
        loop {
            let consumed = usize::try_from(z.total_in()).ok()?;
            let status = z
                .compress_vec(
                    &content[consumed..],
                    &mut out,
                    flate2::FlushCompress::Finish,
                )
                .ok()?;
            if status == flate2::Status::StreamEnd {
                return Some(out);
            }
            out.reserve(out.capacity().max(4096));
        }
    })
}

fn save(lo: &mut lopdf::Document, bytes: &mut Vec<u8>) -> Result<(), Diagnostic> {
    lo.save_to(bytes).map_err(|e| {
        Diagnostic::error("pdf.write", "failed to serialise the PDF").cause(e.to_string())
    })
}

fn info_dictionary(info: &LetterInfo<'_>, archival: bool) -> Dictionary {
    let s = info.stamp;
    let date = format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}+00'00'",
        s.date.year, s.date.month, s.date.day, s.hour, s.minute, s.second
    );
    let mut dict = Dictionary::new();
    dict.set("Title", text_string(&title(info)));
    dict.set("Subject", text_string(SUBJECT));
    dict.set("Creator", text_string(CREATOR));
    dict.set("Producer", text_string(PRODUCER));
    dict.set("CreationDate", Object::string_literal(date.clone()));
    dict.set("ModDate", Object::string_literal(date));
    // PDF/A-2 would want pdf:Trapped in the XMP too, which needs a schema of its own
    if !archival {
        dict.set("Trapped", Object::Name(b"False".to_vec()));
    }
    dict
}

/// A PDF text string: literal when ASCII, otherwise UTF-16BE with a byte-order mark.
pub(super) fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::string_literal(s)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}
