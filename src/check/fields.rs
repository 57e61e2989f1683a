//! The text of a case file as the checks read it: every string value with its key path
//! (`items[2].rationale`) and a map back into the file, so a check on a word or a date
//! inside a long string can point at that word's line and column.

use std::ops::Range;
use std::sync::OnceLock;

use toml::de::{DeTable, DeValue};

use super::literal::StringMap;
use crate::case::CaseFile;
use crate::diagnostic::{Diagnostic, Location};

/// One string value of a case file.
#[derive(Debug, Clone)]
pub struct TextField {
    /// The key path, as messages name it: `summary.text`, `items[1].rationale`,
    /// `parties.employee.name`, `reviewer.licensure[2]`.
    pub path: String,
    /// The span of the whole literal, delimiters included.
    pub span: Range<usize>,
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
        self.is_narrative()
            || self.path.ends_with(".request")
            || self.path.ends_with(".heading")
            || self.path.ends_with(".original")
            || self.path.ends_with(".authorized")
            || self.path.ends_with(".non_mtus")
            || self.path.ends_with(".text") && self.path.starts_with("items[")
            || self.path.contains(".guideline")
            || self.path.contains(".sections[")
    }

    /// Whether this field is the summary or a rationale: the narrative the letter
    /// publishes, where dates and names are written out.
    pub fn is_narrative(&self) -> bool {
        self.path == "summary.text" || self.path.ends_with(".rationale")
    }

    /// Whether this field belongs to `[parties]`, which the public letter never prints.
    pub fn is_party(&self) -> bool {
        self.path.starts_with("parties.")
    }

    /// A diagnostic pointing at a byte range of the value.
    pub fn point(&self, file: &CaseFile, range: Range<usize>, d: Diagnostic) -> Diagnostic {
        let span = self.file_span(&file.source, range);
        d.at(Location::from_span(
            &file.path.display().to_string(),
            &file.source,
            span,
        ))
        .field(self.path.clone())
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
