//! A case file's shape against the case format's schema ([`super::schema`]), before serde
//! reads it: every key the format does not have, every required key a table lacks and
//! every value of the wrong type, in one pass, each with what the format expects there
//! (`"upheld" or "overturned"`, `a date written without quotes`). serde stops at the first
//! of these; this walk names them all, and sets unknown keys aside so the rest of the file
//! is still read and checked.

use std::borrow::Cow;
use std::ops::Range;

use serde_json::Value;
use serde_spanned::Spanned;
use toml::de::{DeTable, DeValue};

use super::load::closest;
use super::schema::schema_value;

/// What is wrong with a key or a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A key the format does not have (set aside).
    Unknown,
    /// A required key the table lacks.
    Missing,
    /// A value of another type than the format's, or not one of its choices.
    Type {
        expected: String,
        found: String,
        /// The words a choice may be, for a "did you mean".
        choices: Vec<String>,
    },
}

/// One problem, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeProblem {
    /// The key path, e.g. `items[2].decison`.
    pub path: String,
    /// The last key of the path.
    pub key: String,
    /// The key (unknown), the table that lacks it (missing) or the value (type).
    pub span: Range<usize>,
    /// The keys the table may hold.
    pub expected_keys: Vec<String>,
    pub problem: Problem,
}

/// Every shape problem of a parsed case file, in file order. Unknown keys are removed
/// from `root`.
pub fn shape_problems(root: &mut DeTable<'_>) -> Vec<ShapeProblem> {
    let schema = schema_value();
    let mut out = Vec::new();
    walk_table(root, 0..0, schema, schema, "", &mut out);
    out.sort_by_key(|k| k.span.start);
    out
}

/// What a schema node accepts.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Text,
    Choice(Vec<String>),
    Date,
    /// A whole number between the schema's minimum and maximum.
    Integer {
        min: i64,
        max: i64,
    },
    Array(Box<Shape>),
    Table,
    /// One of several (format 1.1's string or array of paragraphs).
    Either(Vec<Shape>),
    /// Anything (a node this walk does not know).
    Any,
}

/// A node with its `$ref` followed.
fn deref<'s>(node: &'s Value, root: &'s Value) -> &'s Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix("#/definitions/")
            .and_then(|name| root.get("definitions")?.get(name))
            .map_or(node, |n| deref(n, root)),
        None => node,
    }
}

fn shape_of(node: &Value, root: &Value) -> Shape {
    let node = deref(node, root);
    if let Some(Value::Array(alts)) = node.get("anyOf").or_else(|| node.get("oneOf")) {
        let consts: Option<Vec<String>> = alts
            .iter()
            .map(|a| deref(a, root).get("const")?.as_str().map(str::to_string))
            .collect();
        return match consts {
            Some(words) => Shape::Choice(words),
            None => Shape::Either(alts.iter().map(|a| shape_of(a, root)).collect()),
        };
    }
    if let Some(Value::Array(words)) = node.get("enum") {
        return Shape::Choice(
            words
                .iter()
                .filter_map(|w| w.as_str().map(str::to_string))
                .collect(),
        );
    }
    match node.get("type").and_then(Value::as_str) {
        Some("string") if node.get("format").and_then(Value::as_str) == Some("date") => Shape::Date,
        Some("string") => Shape::Text,
        Some("integer") => Shape::Integer {
            min: node
                .get("minimum")
                .and_then(Value::as_i64)
                .unwrap_or(i64::MIN),
            max: node
                .get("maximum")
                .and_then(Value::as_i64)
                .unwrap_or(i64::MAX),
        },
        Some("array") => Shape::Array(Box::new(
            node.get("items").map_or(Shape::Any, |i| shape_of(i, root)),
        )),
        Some("object") => Shape::Table,
        _ => Shape::Any,
    }
}

/// Whether a value has a shape (the choices' words are checked apart).
fn fits(value: &DeValue<'_>, shape: &Shape) -> bool {
    match (shape, value) {
        (Shape::Any, _)
        | (Shape::Text | Shape::Choice(_), DeValue::String(_))
        | (Shape::Array(_), DeValue::Array(_))
        | (Shape::Table, DeValue::Table(_)) => true,
        (Shape::Integer { min, max }, DeValue::Integer(n)) => {
            i64::from_str_radix(&n.as_str().replace('_', ""), n.radix())
                .is_ok_and(|n| (*min..=*max).contains(&n))
        }
        (Shape::Date, DeValue::Datetime(d)) => d.date.is_some() && d.time.is_none(),
        (Shape::Either(alts), v) => alts.iter().any(|s| fits(v, s)),
        _ => false,
    }
}

/// What a shape is, as the case format describes it.
fn describe(shape: &Shape) -> String {
    match shape {
        Shape::Text => "text in quotes".into(),
        Shape::Choice(words) => {
            let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
            match quoted.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                None => "text".into(),
            }
        }
        Shape::Date => "a date written without quotes, such as 2016-12-30".into(),
        Shape::Integer { min, max } if *min > i64::MIN && *max < i64::MAX => {
            format!("a whole number from {min} to {max}, such as 2009")
        }
        Shape::Integer { .. } => "a whole number, such as 2009".into(),
        Shape::Array(item) => match **item {
            Shape::Text => "an array of strings, such as [\"California\"]".into(),
            Shape::Table => "one or more tables".into(),
            _ => "an array".into(),
        },
        Shape::Table => "a table".into(),
        Shape::Either(alts) => {
            let parts: Vec<String> = alts.iter().map(describe).collect();
            parts.join(", or ")
        }
        Shape::Any => "a value".into(),
    }
}

fn kind_of(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(d) if d.date.is_none() => "a time of day",
        DeValue::Datetime(d) if d.time.is_some() => "a date with a time of day",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn walk_table(
    table: &mut DeTable<'_>,
    span: Range<usize>,
    node: &Value,
    root: &Value,
    prefix: &str,
    out: &mut Vec<ShapeProblem>,
) {
    let node = deref(node, root);
    let Some(Value::Object(properties)) = node.get("properties") else {
        return;
    };
    let keys: Vec<String> = properties.keys().cloned().collect();
    let closed = node.get("additionalProperties") == Some(&Value::Bool(false));
    let join = |key: &str| {
        if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        }
    };
    let mut unknown = Vec::new();
    for (key, value) in table.iter_mut() {
        let name = key.get_ref().as_ref();
        match properties.get(name) {
            Some(child) => {
                let span = value.span();
                walk_value(value.get_mut(), span, child, root, &join(name), name, out);
            }
            None if closed => {
                unknown.push(key.get_ref().clone());
                out.push(ShapeProblem {
                    path: join(name),
                    key: name.to_string(),
                    span: key.span(),
                    expected_keys: keys.clone(),
                    problem: Problem::Unknown,
                });
            }
            None => {}
        }
    }
    let mut set_aside = Vec::new();
    for key in unknown {
        if let Some((k, v)) = table.remove_entry(key.as_ref()) {
            set_aside.push((k, v));
        }
    }
    if let Some(Value::Array(required)) = node.get("required") {
        for key in required.iter().filter_map(Value::as_str) {
            // A required key misspelt (`decison`) is read as the key meant, so that the
            // rest of the case is still read and checked; the unknown key's error, with
            // its "did you mean", stands for the missing one.
            let meant = set_aside.iter().position(|(k, _)| {
                let candidates: Vec<&str> = keys.iter().map(String::as_str).collect();
                closest(k.get_ref(), &candidates) == Some(key)
            });
            if let (None, Some(i)) = (table.get(key), meant) {
                let (k, mut v) = set_aside.remove(i);
                if let Some(child) = properties.get(key) {
                    let span = v.span();
                    walk_value(v.get_mut(), span, child, root, &join(key), key, out);
                }
                table.insert(Spanned::new(k.span(), Cow::Owned(key.to_string())), v);
                continue;
            }
            if table.get(key).is_none() {
                out.push(ShapeProblem {
                    path: join(key),
                    key: key.to_string(),
                    span: span.clone(),
                    expected_keys: keys.clone(),
                    problem: Problem::Missing,
                });
            }
        }
    }
}

fn walk_value(
    value: &mut DeValue<'_>,
    span: Range<usize>,
    node: &Value,
    root: &Value,
    path: &str,
    key: &str,
    out: &mut Vec<ShapeProblem>,
) {
    let shape = shape_of(node, root);
    let type_problem = |found: String| ShapeProblem {
        path: path.to_string(),
        key: key.to_string(),
        span: span.clone(),
        expected_keys: Vec::new(),
        problem: Problem::Type {
            expected: describe(&shape),
            found,
            choices: match &shape {
                Shape::Choice(words) => words.clone(),
                _ => Vec::new(),
            },
        },
    };
    if !fits(value, &shape) {
        let found = match (&*value, &shape) {
            (DeValue::Integer(n), Shape::Integer { .. }) => n.as_str().to_string(),
            _ => kind_of(value).to_string(),
        };
        out.push(type_problem(found));
        return;
    }
    if let (Shape::Choice(words), DeValue::String(s)) = (&shape, &*value) {
        if !words.iter().any(|w| w == s.as_ref()) {
            out.push(type_problem(format!("\"{}\"", s.as_ref())));
        }
        return;
    }
    let node = deref(node, root);
    match value {
        DeValue::Table(table) => walk_table(table, span, node, root, path, out),
        DeValue::Array(items) => {
            let item = match &shape {
                Shape::Array(_) => node.get("items"),
                // format 1.1's string or array: the array alternative's items
                _ => node
                    .get("anyOf")
                    .or_else(|| node.get("oneOf"))
                    .and_then(Value::as_array)
                    .and_then(|alts| alts.iter().find_map(|a| deref(a, root).get("items"))),
            };
            let Some(item) = item else {
                return;
            };
            for (i, v) in items.iter_mut().enumerate() {
                let span = v.span();
                let path = format!("{path}[{}]", i + 1);
                walk_value(v.get_mut(), span, item, root, &path, key, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
#[path = "shape_tests.rs"]
mod tests;
