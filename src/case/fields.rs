//! The one model of a case file's text: every string value with its key path
//! (`items[2].rationale`, 1-based as every message names it), its span in the file, what
//! it is ([`FieldKind`]: printed in the body or the header table, prose, a party's, a
//! setting), and a map back into the file, so a finding on a word or a character inside a
//! long string points at that word's line and column. Every check, the glyph check and the
//! parties check walk this one list, made from the same parse as the case.

use std::ops::Range;
use std::sync::OnceLock;

use toml::de::{DeTable, DeValue};

use super::CaseFile;
use super::literal::StringMap;
use crate::diagnostic::Diagnostic;

/// What a string of a case file is, decided once from its key path ([`KINDS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FieldKind {
    /// The public letter prints it.
    pub printed: bool,
    /// Printed in the header table (its font) rather than the body.
    pub in_table: bool,
    /// Free text a reader reads as prose: spelling and dates written in it are checked.
    pub prose: bool,
    /// The summary or a rationale: the narrative, where dates and names are written out.
    pub narrative: bool,
    /// Of `[parties]` or `[[documents_reviewed]]`: the mailed edition's alone, never
    /// printed in the public letter.
    pub party: bool,
    /// Of a case's `[settings]`.
    pub setting: bool,
}

const TABLE_CELL: FieldKind = FieldKind {
    printed: true,
    in_table: true,
    ..NONE
};
const PRINTED: FieldKind = FieldKind {
    printed: true,
    ..NONE
};
const PROSE: FieldKind = FieldKind {
    printed: true,
    prose: true,
    ..NONE
};
const NARRATIVE: FieldKind = FieldKind {
    printed: true,
    prose: true,
    narrative: true,
    ..NONE
};
const NONE: FieldKind = FieldKind {
    printed: false,
    in_table: false,
    prose: false,
    narrative: false,
    party: false,
    setting: false,
};

/// The kind of every printed key path, list indices written `[]`. A key of `[parties]` is
/// a party's, one of `[settings]` a setting; any other key (an enumerated value such as
/// `decision`) is none of these.
pub const KINDS: &[(&str, FieldKind)] = &[
    ("case_number", TABLE_CELL),
    ("reviewer.licensure[]", PRINTED),
    ("reviewer.specialties[]", PRINTED),
    ("summary.text", NARRATIVE),
    ("summary.text[]", NARRATIVE),
    ("items[].request", PROSE),
    ("items[].rationale", NARRATIVE),
    ("items[].rationale[]", NARRATIVE),
    ("items[].heading", PROSE),
    ("items[].modified.original", PROSE),
    ("items[].modified.authorized", PROSE),
    ("items[].claims_administrator.mtus[].guideline", PROSE),
    ("items[].claims_administrator.mtus[].sections[]", PROSE),
    ("items[].claims_administrator.non_mtus", PROSE),
    ("items[].claims_administrator.text", PROSE),
    ("items[].expert_reviewer.mtus[].guideline", PROSE),
    ("items[].expert_reviewer.mtus[].sections[]", PROSE),
    ("items[].expert_reviewer.non_mtus", PROSE),
    ("items[].expert_reviewer.text", PROSE),
];

/// The kind of the string at a key path.
pub fn kind_of(path: &str) -> FieldKind {
    if path.starts_with("parties.") || path.starts_with("documents_reviewed[") {
        return FieldKind {
            party: true,
            ..NONE
        };
    }
    if path.starts_with("settings.") {
        return FieldKind {
            setting: true,
            ..NONE
        };
    }
    let pattern = without_indices(path);
    KINDS
        .iter()
        .find(|(p, _)| *p == pattern)
        .map_or(NONE, |(_, k)| *k)
}

/// A key path with its list indices dropped: `items[2].rationale[1]` → `items[].rationale[]`.
fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

/// One string value of a case file.
#[derive(Debug, Clone)]
pub struct TextField {
    /// The key path, as messages name it: `summary.text`, `items[1].rationale`,
    /// `parties.employee.name`, `reviewer.licensure[2]`.
    pub path: String,
    /// The span of the whole literal, delimiters included.
    pub span: Range<usize>,
    /// What it is.
    pub kind: FieldKind,
    /// The decoded value and where each character came from; `None` if the literal could
    /// not be decoded (then a diagnostic points at the whole value). Made when a
    /// diagnostic first points into the value: most values never need it.
    map: OnceLock<Option<StringMap>>,
    value: String,
}

impl TextField {
    /// The value, as the case holds it.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The file span of a byte range of the value; `source` is the file's text.
    pub fn file_span(&self, source: &str, range: Range<usize>) -> Range<usize> {
        let map = self.map.get_or_init(|| {
            StringMap::new(source, self.span.clone()).filter(|m| m.value == self.value)
        });
        match map {
            Some(map) => map.file_span(range),
            None => self.span.clone(),
        }
    }

    /// Whether this field is free text a reader of the letter reads as prose: the summary,
    /// a rationale, a request, an item heading or guideline wording.
    pub fn is_prose(&self) -> bool {
        self.kind.prose
    }

    /// Whether this field is the summary or a rationale: the narrative the letter
    /// publishes, where dates and names are written out.
    pub fn is_narrative(&self) -> bool {
        self.kind.narrative
    }

    /// Whether the public letter prints this field.
    pub fn is_printed(&self) -> bool {
        self.kind.printed
    }

    /// Whether this field belongs to `[parties]`, which the public letter never prints.
    pub fn is_party(&self) -> bool {
        self.kind.party
    }

    /// A diagnostic pointing at a byte range of the value.
    pub fn point(&self, file: &CaseFile, range: Range<usize>, d: Diagnostic) -> Diagnostic {
        let span = self.file_span(&file.source, range);
        d.at(file.locate(span)).field(self.path.clone())
    }
}

/// Every string value of a case file, in file order. A file that does not parse has
/// none (loading it has already reported why).
pub fn text_fields(source: &str) -> Vec<TextField> {
    match DeTable::parse(source) {
        Ok(root) => fields_of(root.get_ref()),
        Err(_) => Vec::new(),
    }
}

/// Every string value of a parsed case file, in file order: what loading keeps
/// ([`CaseFile::fields`]), so the file is parsed once.
pub fn fields_of(root: &DeTable<'_>) -> Vec<TextField> {
    let mut out = Vec::new();
    walk_table(root, "", &mut out);
    out.sort_by_key(|f| f.span.start);
    out
}

fn walk_table(table: &DeTable<'_>, prefix: &str, out: &mut Vec<TextField>) {
    for (key, value) in table {
        let path = if prefix.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        walk_value(value.get_ref(), value.span(), path, out);
    }
}

fn walk_value(value: &DeValue<'_>, span: Range<usize>, path: String, out: &mut Vec<TextField>) {
    match value {
        DeValue::String(s) => {
            out.push(TextField {
                kind: kind_of(&path),
                path,
                span,
                map: OnceLock::new(),
                value: s.to_string(),
            });
        }
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let path = format!("{path}[{}]", i + 1);
                walk_value(item.get_ref(), item.span(), path, out);
            }
        }
        DeValue::Table(table) => walk_table(table, &path, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_string_with_its_path() {
        let src = "a = \"x\"\n[[items]]\nrationale = \"\"\"\nr one\n\"\"\"\n[[items]]\nrationale = 'r two'\nlist = [\"p\", \"q\"]\n";
        let fields = text_fields(src);
        let paths: Vec<&str> = fields.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "a",
                "items[1].rationale",
                "items[2].rationale",
                "items[2].list[1]",
                "items[2].list[2]"
            ]
        );
        let r = &fields[2];
        assert_eq!(r.value(), "r two");
        assert_eq!(&src[r.file_span(src, 2..5)], "two");
        assert!(fields[1].is_narrative() && fields[1].is_prose());
        assert!(!fields[0].is_printed());
    }

    #[test]
    fn kinds_come_from_the_key_path() {
        assert_eq!(kind_of("case_number"), TABLE_CELL);
        assert_eq!(kind_of("items[12].rationale[3]"), NARRATIVE);
        assert_eq!(
            kind_of("items[1].expert_reviewer.mtus[2].sections[1]"),
            PROSE
        );
        assert!(kind_of("reviewer.specialties[1]").printed);
        assert!(!kind_of("reviewer.specialties[1]").prose);
        assert!(kind_of("parties.employee.address[2]").party);
        assert!(kind_of("documents_reviewed[3].author").party);
        assert_eq!(kind_of("items[1].decision"), NONE);
    }

    #[test]
    fn maps_positions_in_files_with_crlf_line_ends() {
        let src = "[summary]\r\ntext = \"\"\"\r\nOne line.\r\nA wrod here.\r\n\"\"\"\r\n";
        let fields = text_fields(src);
        let text = &fields[0];
        let at = text.value().find("wrod").unwrap();
        assert_eq!(&src[text.file_span(src, at..at + 4)], "wrod");
    }
}
