//! A JSON Schema (draft 2020-12) validator for the keywords the schemas in
//! `docs/schemas` use, and no more. Any other keyword is refused, so a
//! schema can never say something this does not check.
//!
//! Why not a crate: `jsonschema` and `boon`, the well-kept validators, both
//! bring `ahash`, whose `getrandom` 0.3 sits beside the 0.4 that `rand` and
//! `tempfile` use, and the tree must hold one version of each crate
//! (`cargo tree -d` prints nothing). The subset below is small and tested
//! against hand-made good and bad documents in tests/json_shapes.rs.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

/// Every schema file of a folder, by file name, so `$ref`s between them
/// resolve.
pub struct Schemas {
    files: BTreeMap<String, Value>,
}

const KNOWN: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "$ref",
    "$comment",
    "title",
    "description",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "anyOf",
    "oneOf",
    "minimum",
    "minLength",
    "format",
];

impl Schemas {
    pub fn load(dir: &Path) -> Schemas {
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(dir).expect("the schema folder") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).expect("a schema file");
                let value: Value = serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                files.insert(name, value);
            }
        }
        Schemas { files }
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub fn get(&self, file: &str) -> Option<&Value> {
        self.files.get(file)
    }

    /// The problems of `instance` against the schema file `file`, each
    /// with the JSON pointer of where it is; empty when it is valid.
    pub fn validate(&self, file: &str, instance: &Value) -> Vec<String> {
        let schema = self
            .files
            .get(file)
            .unwrap_or_else(|| panic!("no schema {file}"));
        let mut problems = Vec::new();
        self.check(file, schema, instance, "", &mut problems);
        problems
    }

    fn resolve(&self, file: &str, reference: &str) -> (String, &Value) {
        let (target, pointer) = reference.split_once('#').unwrap_or((reference, ""));
        let target = if target.is_empty() { file } else { target };
        let doc = self
            .files
            .get(target)
            .unwrap_or_else(|| panic!("{file}: $ref to a missing file {target}"));
        let found = doc
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{file}: $ref {reference} points at nothing"));
        (target.to_string(), found)
    }

    fn check(&self, file: &str, schema: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
        let rules = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => return out.push(format!("{at}: nothing is allowed here")),
            Value::Object(rules) => rules,
            other => panic!("{file}: a schema must be an object or a boolean, not {other}"),
        };
        for key in rules.keys() {
            assert!(
                KNOWN.contains(&key.as_str()),
                "{file}: the keyword {key} is not checked by tests/common/schema.rs"
            );
        }
        if let Some(reference) = rules.get("$ref").and_then(Value::as_str) {
            let (target, found) = self.resolve(file, reference);
            self.check(&target, found, v, at, out);
        }
        if let Some(types) = rules.get("type") {
            let types: Vec<&str> = match types {
                Value::String(one) => vec![one.as_str()],
                Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
                other => panic!("{file}: bad type {other}"),
            };
            if !types.iter().any(|t| is_type(v, t)) {
                out.push(format!("{at}: {} is not {}", brief(v), types.join(" or ")));
                return;
            }
        }
        if let Some(allowed) = rules.get("enum").and_then(Value::as_array)
            && !allowed.contains(v)
        {
            out.push(format!("{at}: {} is not one of {allowed:?}", brief(v)));
        }
        if let Some(wanted) = rules.get("const")
            && wanted != v
        {
            out.push(format!("{at}: {} is not {wanted}", brief(v)));
        }
        if let (Some(min), Some(n)) = (rules.get("minimum").and_then(Value::as_f64), v.as_f64())
            && n < min
        {
            out.push(format!("{at}: {n} is below {min}"));
        }
        if let (Some(min), Some(text)) =
            (rules.get("minLength").and_then(Value::as_u64), v.as_str())
            && (text.chars().count() as u64) < min
        {
            out.push(format!("{at}: {text:?} is shorter than {min}"));
        }
        if let (Some(format), Some(text)) =
            (rules.get("format").and_then(Value::as_str), v.as_str())
            && format == "date"
            && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_err()
        {
            out.push(format!("{at}: {text:?} is not a date"));
        }
        if let Value::Object(fields) = v {
            let properties = rules.get("properties").and_then(Value::as_object);
            if let Some(required) = rules.get("required").and_then(Value::as_array) {
                for key in required.iter().filter_map(Value::as_str) {
                    if !fields.contains_key(key) {
                        out.push(format!("{at}: the key {key} is missing"));
                    }
                }
            }
            for (key, value) in fields {
                let here = format!("{at}/{key}");
                match properties.and_then(|p| p.get(key)) {
                    Some(sub) => self.check(file, sub, value, &here, out),
                    None => match rules.get("additionalProperties") {
                        Some(Value::Bool(false)) => {
                            out.push(format!("{at}: the key {key} is not in the shape"))
                        }
                        Some(sub) => self.check(file, sub, value, &here, out),
                        None => {}
                    },
                }
            }
        }
        if let (Some(items), Value::Array(list)) = (rules.get("items"), v) {
            for (i, item) in list.iter().enumerate() {
                self.check(file, items, item, &format!("{at}/{i}"), out);
            }
        }
        if let Some(options) = rules.get("anyOf").and_then(Value::as_array) {
            let fits = options.iter().any(|o| {
                let mut inner = Vec::new();
                self.check(file, o, v, at, &mut inner);
                inner.is_empty()
            });
            if !fits {
                out.push(format!("{at}: {} fits none of anyOf", brief(v)));
            }
        }
        if let Some(options) = rules.get("oneOf").and_then(Value::as_array) {
            let mut reasons = Vec::new();
            let fitting = options
                .iter()
                .filter(|o| {
                    let mut inner = Vec::new();
                    self.check(file, o, v, at, &mut inner);
                    reasons.extend(inner.iter().cloned());
                    inner.is_empty()
                })
                .count();
            if fitting != 1 {
                out.push(format!(
                    "{at}: {} fits {fitting} of oneOf, not one ({})",
                    brief(v),
                    reasons.join("; ")
                ));
            }
        }
    }
}

fn is_type(v: &Value, t: &str) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        other => panic!("unknown type {other}"),
    }
}

fn brief(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}
