//! The JSON Schema of the case format, derived from the very structs the loader reads
//! ([`crate::case::Case`]), so it accepts what the loader accepts: unknown keys are
//! refused (`additionalProperties: false`), dates are `format: date`, and the `///`
//! comments on the structs are its descriptions. `imr-letters schema` prints it for
//! editors (Taplo-based ones, such as Even Better TOML, read it from a
//! `#:schema ./case.schema.json` first line and complete keys as the file is written), and
//! the loader walks it to find every unknown key of a file in one pass
//! ([`super::shape`]).
//! It is written as JSON Schema draft-07, which Taplo understands.

use std::sync::OnceLock;

use serde_json::Value;

use crate::case::Case;

/// The case format's JSON Schema, pretty-printed, ending with a newline.
pub fn case_schema() -> String {
    let mut schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Case>();
    schema.insert(
        "title".into(),
        "imr-letters case file (format version 1)".into(),
    );
    let mut value = schema.to_value();
    drop_null(&mut value);
    let mut text = serde_json::to_string_pretty(&value).expect("a schema serializes");
    text.push('\n');
    text
}

/// TOML has no null (an absent optional key is simply left out), so the `null` that
/// schemars allows for each `Option` goes: `{"type": ["string", "null"]}` becomes
/// `{"type": "string"}`, `{"anyOf": [X, {"type": "null"}]}` becomes X, and a
/// `"default": null` is dropped.
fn drop_null(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("default").is_some_and(Value::is_null) {
                map.remove("default");
            }
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(any)) = map.get_mut("anyOf") {
                any.retain(|s| s.get("type").is_none_or(|t| t != "null"));
                if any.len() == 1 {
                    let Some(Value::Object(only)) = any.pop() else {
                        unreachable!("a subschema is an object")
                    };
                    map.remove("anyOf");
                    map.extend(only);
                }
            }
            map.values_mut().for_each(drop_null);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}

/// The schema as a value, made once.
pub fn schema_value() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(&case_schema()).expect("the schema parses"))
}
