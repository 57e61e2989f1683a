//! From a position inside a TOML string's value back to the file: the map that lets a
//! check underline one word of a rationale.
//!
//! serde gives the span of a whole string literal (delimiters included). A check finds a
//! problem at a byte offset of the *decoded* value, which differs from the file whenever
//! the literal has escapes (`\"`, `\u00e9`), a `"""` opening line break (dropped), or a
//! line-ending backslash (the break and the next line's indent dropped). [`StringMap`]
//! decodes the literal itself, recording where each decoded character came from.

use std::ops::Range;

/// Where each character of a decoded string literal sits in the file.
#[derive(Debug, Clone)]
pub struct StringMap {
    /// The decoded value.
    pub value: String,
    /// `(decoded byte offset, file byte offset, file length)` for each decoded character,
    /// in order: an escape such as `\u00e9` is one character six bytes long in the file.
    chars: Vec<(usize, usize, usize)>,
    /// The file offset just past the last character of the value (before the closing
    /// delimiter).
    end: usize,
}

impl StringMap {
    /// Decodes the literal at `span` of `source`. `None` when the text there is not a
    /// string literal this decoder understands.
    pub fn new(source: &str, span: Range<usize>) -> Option<StringMap> {
        let raw = source.get(span.clone())?;
        let (delimiter, basic) = if raw.starts_with("\"\"\"") {
            ("\"\"\"", true)
        } else if raw.starts_with("'''") {
            ("'''", false)
        } else if raw.starts_with('"') {
            ("\"", true)
        } else if raw.starts_with('\'') {
            ("'", false)
        } else {
            return None;
        };
        if raw.len() < 2 * delimiter.len() || !raw.ends_with(delimiter) {
            return None;
        }
        let multi_line = delimiter.len() == 3;
        let mut body_start = span.start + delimiter.len();
        let body_end = span.end - delimiter.len();
        if multi_line {
            // A line break right after the opening delimiter is not part of the value.
            if source[body_start..body_end].starts_with("\r\n") {
                body_start += 2;
            } else if source[body_start..body_end].starts_with('\n') {
                body_start += 1;
            }
        }
        let body = &source[body_start..body_end];
        let mut map = StringMap {
            value: String::with_capacity(body.len()),
            chars: Vec::with_capacity(body.len()),
            end: body_end,
        };
        if basic {
            map.decode_basic(body, body_start)?;
        } else {
            for (i, c) in body.char_indices() {
                map.push(c, body_start + i, c.len_utf8());
            }
        }
        Some(map)
    }

    fn push(&mut self, c: char, at: usize, len: usize) {
        self.chars.push((self.value.len(), at, len));
        self.value.push(c);
    }

    fn decode_basic(&mut self, body: &str, base: usize) -> Option<()> {
        let mut chars = body.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                self.push(c, base + i, c.len_utf8());
                continue;
            }
            let (_, kind) = chars.next()?;
            let decoded = match kind {
                'b' => '\u{8}',
                't' => '\t',
                'n' => '\n',
                'f' => '\u{c}',
                'r' => '\r',
                'e' => '\u{1b}',
                '"' => '"',
                '\\' => '\\',
                'x' | 'u' | 'U' => {
                    let digits = match kind {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let mut code = 0u32;
                    for _ in 0..digits {
                        let (_, d) = chars.next()?;
                        code = code * 16 + d.to_digit(16)?;
                    }
                    char::from_u32(code)?
                }
                c if c.is_whitespace() => {
                    // A line-ending backslash: the break and all whitespace after it go.
                    while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                        chars.next();
                    }
                    continue;
                }
                _ => return None,
            };
            let next = chars.peek().map_or(body.len(), |(j, _)| *j);
            self.push(decoded, base + i, next - i);
        }
        Some(())
    }

    /// The file span of a byte range of the decoded value.
    pub fn file_span(&self, decoded: Range<usize>) -> Range<usize> {
        let first = self.chars.partition_point(|(d, _, _)| *d < decoded.start);
        let Some(&(_, start, _)) = self.chars.get(first) else {
            return self.end..self.end;
        };
        let past = self.chars.partition_point(|(d, _, _)| *d < decoded.end);
        let end = match past.checked_sub(1).and_then(|i| self.chars.get(i)) {
            Some(&(_, at, len)) if past > first => at + len,
            _ => start,
        };
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locate(source: &str, word: &str) -> String {
        let open = source.find(['"', '\'']).unwrap();
        let map = StringMap::new(source, open..source.trim_end().len()).unwrap();
        let at = map.value.find(word).unwrap();
        source[map.file_span(at..at + word.len())].to_string()
    }

    #[test]
    fn plain_and_multi_line_strings() {
        assert_eq!(locate("k = \"a wrod here\"", "wrod"), "wrod");
        let src = "text = \"\"\"\nfirst line\nsecond wrod\n\"\"\"";
        let map = StringMap::new(src, 7..src.len()).unwrap();
        assert_eq!(map.value, "first line\nsecond wrod\n");
        assert_eq!(locate(src, "wrod"), "wrod");
        assert_eq!(locate("k = '''\nC:\\path wrod'''", "wrod"), "wrod");
    }

    #[test]
    fn escapes_and_line_continuations() {
        let src = "k = \"caf\\u00e9 \\\"wrod\\\" end\"";
        let map = StringMap::new(src, 4..src.len()).unwrap();
        assert_eq!(map.value, "café \"wrod\" end");
        assert_eq!(locate(src, "wrod"), "wrod");
        assert_eq!(locate(src, "café"), "caf\\u00e9");
        let src = "k = \"\"\"\none \\\n    two wrod\"\"\"";
        let map = StringMap::new(src, 4..src.len()).unwrap();
        assert_eq!(map.value, "one two wrod");
        assert_eq!(locate(src, "wrod"), "wrod");
    }

    #[test]
    fn refuses_what_is_not_a_string() {
        assert!(StringMap::new("k = 12", 4..6).is_none());
        assert!(StringMap::new("k = \"bad \\q\"", 4..12).is_none());
    }
}
