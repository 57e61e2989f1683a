//! PDF syntax: numbers, strings, names and whole objects as bytes, shared by the letter
//! writer and by the combined print file, which copies letters' objects.

use std::io::Write;

use lopdf::{Object, StringFormat};

/// Writes `v` rounded to 1/1000 with no trailing zeros: `72`, `689.17`, `-0.5`.
pub fn number(out: &mut Vec<u8>, v: f64) {
    let milli = (v * 1000.0).round() as i64;
    if milli < 0 {
        out.push(b'-');
    }
    let milli = milli.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut n = milli / 1000;
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
    let mut frac = milli % 1000;
    if frac != 0 {
        out.push(b'.');
        let mut width = 3;
        while frac.is_multiple_of(10) {
            frac /= 10;
            width -= 1;
        }
        for i in (0..width).rev() {
            out.push(b'0' + (frac / 10u64.pow(i) % 10) as u8);
        }
    }
}

/// A PDF text string: literal when ASCII, otherwise UTF-16BE with a byte-order mark.
pub fn text_string(out: &mut Vec<u8>, s: &str) {
    if s.is_ascii() {
        literal(out, s.as_bytes());
    } else {
        out.extend_from_slice(b"<FEFF");
        for u in s.encode_utf16() {
            let _ = write!(out, "{u:04X}");
        }
        out.push(b'>');
    }
}

/// A literal string `(...)`, with the bytes that would end or bend it escaped.
fn literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b => out.push(b),
        }
    }
    out.push(b')');
}

/// Writes a name (`/Name`), with `#xx` for bytes a name cannot hold as they are.
pub fn name(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'/');
    for &b in bytes {
        if b.is_ascii_graphic() && !b"()<>[]{}/%#".contains(&b) {
            out.push(b);
        } else {
            let _ = write!(out, "#{b:02X}");
        }
    }
}

/// Writes an object as parsed by lopdf, with every reference passed through `renumber`.
pub fn object(out: &mut Vec<u8>, o: &Object, renumber: &dyn Fn((u32, u16)) -> u32) {
    match o {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => {
            let _ = write!(out, "{i}");
        }
        Object::Real(r) => number(out, f64::from(*r)),
        Object::Name(n) => name(out, n),
        Object::String(bytes, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for b in bytes {
                let _ = write!(out, "{b:02X}");
            }
            out.push(b'>');
        }
        Object::String(bytes, StringFormat::Literal) => literal(out, bytes),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                object(out, item, renumber);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => dictionary(out, d.iter(), renumber),
        Object::Stream(s) => {
            let entries = s.dict.iter().filter(|(k, _)| k.as_slice() != b"Length");
            dictionary(out, entries, renumber);
            out.truncate(out.len() - 2);
            let _ = write!(out, " /Length {} >>\nstream\n", s.content.len());
            out.extend_from_slice(&s.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference(id) => {
            let _ = write!(out, "{} 0 R", renumber(*id));
        }
    }
}

fn dictionary<'a>(
    out: &mut Vec<u8>,
    entries: impl Iterator<Item = (&'a Vec<u8>, &'a Object)>,
    renumber: &dyn Fn((u32, u16)) -> u32,
) {
    out.extend_from_slice(b"<<");
    for (key, value) in entries {
        out.push(b' ');
        name(out, key);
        out.push(b' ');
        object(out, value, renumber);
    }
    out.extend_from_slice(b" >>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_exact_to_a_thousandth() {
        let cases = [
            (72.0, "72"),
            (689.17, "689.17"),
            (-0.5, "-0.5"),
            (0.0004, "0"),
            (-0.0004, "0"),
            (0.875, "0.875"),
            (1000.05, "1000.05"),
        ];
        for (v, text) in cases {
            let mut out = Vec::new();
            number(&mut out, v);
            assert_eq!(String::from_utf8(out).unwrap(), text, "{v}");
        }
    }

    #[test]
    fn strings_are_escaped() {
        let mut out = Vec::new();
        text_string(&mut out, "a (b) \\ c");
        assert_eq!(out, b"(a \\(b\\) \\\\ c)");
        out.clear();
        text_string(&mut out, "Peña");
        assert_eq!(out, b"<FEFF0050006500F10061>");
    }

    #[test]
    fn objects_round_trip_through_lopdf() {
        let mut dict = lopdf::Dictionary::new();
        dict.set("Type", Object::Name(b"Font".to_vec()));
        dict.set(
            "Odd Name",
            Object::Array(vec![Object::Integer(-3), Object::Real(0.5)]),
        );
        dict.set("Ref", Object::Reference((7, 0)));
        dict.set(
            "Text",
            Object::String(b"a(b)\\".to_vec(), StringFormat::Literal),
        );
        let mut out = Vec::new();
        object(&mut out, &Object::Dictionary(dict), &|(n, _)| n + 100);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<< /Type /Font /Odd#20Name [-3 0.5] /Ref 107 0 R /Text (a\\(b\\)\\\\) >>"
        );
    }
}
