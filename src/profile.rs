//! Where a run's time goes: a timer per pipeline stage, on when the environment variable
//! `IMR_LETTERS_PROFILE` is set (to anything), printed after the summary.
//!
//! Stages are timed where the work is done, on every thread, and added up; a stage timed
//! inside another (compression inside a PDF letter) is taken out of the outer one, so the
//! rows add up to the time spent in the pipeline. Off, a timer costs one relaxed
//! load. Nothing here touches the output.

use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// The stages, in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The first pass: reading and parsing every case for its output name.
    Scan,
    Read,
    /// TOML, the format's checks and NFC normalisation.
    Parse,
    Templates,
    Markup,
    Layout,
    TextWriter,
    /// Finding the glyphs a letter uses and embedding its faces, but compression.
    PdfFonts,
    /// Cutting font programs down (inside `PdfFonts`).
    PdfSubset,
    /// Drawing: the pages as printpdf operations, the document's resources.
    PdfDraw,
    /// printpdf turning operations and resources into PDF objects (`to_lopdf_document`).
    PdfObjects,
    /// The structure tree, XMP and output intent of a tagged or PDF/A letter.
    PdfTags,
    /// Writing the objects out (lopdf), metadata, encryption and `/ID`.
    PdfSave,
    Compress,
    /// Writing files (temporary file, rename) and hashing them.
    Write,
}

const STAGES: [(Stage, &str); 15] = [
    (Stage::Scan, "scan (read + parse for names)"),
    (Stage::Read, "read case files"),
    (Stage::Parse, "parse + check cases"),
    (Stage::Templates, "templates (Tera)"),
    (Stage::Markup, "markup"),
    (Stage::Layout, "layout"),
    (Stage::TextWriter, "text writer"),
    (Stage::PdfFonts, "pdf: glyphs + font objects"),
    (Stage::PdfSubset, "pdf: font subsetting"),
    (Stage::PdfDraw, "pdf: drawing (printpdf operations)"),
    (Stage::PdfObjects, "pdf: printpdf operations -> objects"),
    (Stage::PdfTags, "pdf: structure tree, XMP, output intent"),
    (Stage::PdfSave, "pdf: objects -> bytes (lopdf), /ID"),
    (Stage::Compress, "compression (zlib)"),
    (Stage::Write, "write files + SHA-256"),
];

static NANOS: [AtomicU64; 15] = [const { AtomicU64::new(0) }; 15];
/// Embedded faces found in the cache, and made.
static FONT_CACHE: [AtomicU64; 2] = [const { AtomicU64::new(0) }; 2];

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("IMR_LETTERS_PROFILE").is_some())
}

fn slot(stage: Stage) -> &'static AtomicU64 {
    let i = STAGES
        .iter()
        .position(|(s, _)| *s == stage)
        .expect("listed");
    &NANOS[i]
}

thread_local! {
    /// Time spent in timers nested inside the one running on this thread.
    static NESTED: Cell<u64> = const { Cell::new(0) };
}

/// Runs `f`, adding its time to `stage`, less the time of stages timed inside it.
pub fn time<T>(stage: Stage, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let outer = NESTED.with(|n| n.replace(0));
    let start = Instant::now();
    let out = f();
    let elapsed = start.elapsed().as_nanos() as u64;
    let inner = NESTED.with(|n| n.get());
    slot(stage).fetch_add(elapsed.saturating_sub(inner), Ordering::Relaxed);
    NESTED.with(|n| n.set(outer + elapsed));
    out
}

/// Counts a face embedded from the cache (`hit`) or made anew.
pub fn font_cache(hit: bool) {
    if enabled() {
        FONT_CACHE[usize::from(!hit)].fetch_add(1, Ordering::Relaxed);
    }
}

/// The table of stages, when profiling is on: CPU milliseconds, share, µs per letter.
pub fn report(letters: usize) -> Option<String> {
    if !enabled() {
        return None;
    }
    let rows: Vec<(&str, u64)> = STAGES
        .iter()
        .enumerate()
        .map(|(i, (_, name))| (*name, NANOS[i].load(Ordering::Relaxed)))
        .collect();
    let total: u64 = rows.iter().map(|r| r.1).sum::<u64>().max(1);
    let mut out = String::from("profile (CPU time summed over threads):\n");
    for (name, nanos) in rows.iter().filter(|r| r.1 > 0) {
        out.push_str(&format!(
            "  {name:<34} {:>9.1} ms {:>5.1} %  {:>8.1} µs/letter\n",
            *nanos as f64 / 1e6,
            100.0 * *nanos as f64 / total as f64,
            *nanos as f64 / 1e3 / letters.max(1) as f64
        ));
    }
    let (hits, misses) = (
        FONT_CACHE[0].load(Ordering::Relaxed),
        FONT_CACHE[1].load(Ordering::Relaxed),
    );
    if hits + misses > 0 {
        out.push_str(&format!(
            "  embedded faces: {hits} from the cache, {misses} made ({:.0} % reused)\n",
            100.0 * hits as f64 / (hits + misses) as f64
        ));
    }
    Some(out)
}
