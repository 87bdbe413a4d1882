//! Which contacts CSV a file is, and reading it by that layout.
//!
//! `Layout::Auto` recognises the layout by the header: Google Contacts
//! (current and older layouts, or any subset of their columns), Outlook,
//! Thunderbird, Yahoo and LinkedIn's Connections.csv; each layout names the
//! columns only it writes, and the one with most of them present wins.
//! `ColumnMap`s (`Nick Name=nickname`) name what a column holds, on top of a
//! layout or for a file of no known layout; a column may be given by its
//! 1-based number for a file without a header.

use std::cell::Cell;

use super::columns::{self, ColumnSpec, Field, Mapping};
use super::csv_table::{self, Header, Table, ellipsis};
use super::record::{Parsed, Record, RecordError};
use super::{google, linkedin, outlook, thunderbird, yahoo};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    #[default]
    Auto,
    Google,
    Outlook,
    Thunderbird,
    Yahoo,
    Linkedin,
}

impl std::str::FromStr for Layout {
    type Err = String;
    fn from_str(text: &str) -> Result<Layout, String> {
        Ok(match text.trim().to_lowercase().as_str() {
            "auto" => Layout::Auto,
            "google" | "gmail" => Layout::Google,
            "outlook" => Layout::Outlook,
            "thunderbird" => Layout::Thunderbird,
            "yahoo" => Layout::Yahoo,
            "linkedin" => Layout::Linkedin,
            _ => {
                return Err(format!(
                    "'{text}' is not a layout: auto, google, outlook, thunderbird, yahoo or linkedin"
                ));
            }
        })
    }
}

impl Layout {
    fn describe(self) -> &'static str {
        match self {
            Layout::Auto => "columns named by hand",
            Layout::Google => "Google Contacts layout",
            Layout::Outlook => "Outlook layout",
            Layout::Thunderbird => "Thunderbird layout",
            Layout::Yahoo => "Yahoo layout",
            Layout::Linkedin => "LinkedIn connections layout",
        }
    }

    /// The layouts a file can be recognised as, in order of preference.
    const KNOWN: [Layout; 5] = [
        Layout::Linkedin,
        Layout::Google,
        Layout::Outlook,
        Layout::Thunderbird,
        Layout::Yahoo,
    ];

    /// How many of the columns only this layout writes `headers` has.
    fn score(self, headers: &[String]) -> usize {
        let has = |name: &str| headers.iter().any(|h| h.trim().eq_ignore_ascii_case(name));
        let count = |names: &[&str]| names.iter().filter(|n| has(n)).count();
        match self {
            Layout::Auto => 0,
            Layout::Google => google::signature(headers),
            Layout::Linkedin => {
                let core = has("First Name") && has("Last Name");
                if core && has("Connected On") {
                    3
                } else if core && has("Company") && has("Position") {
                    2
                } else {
                    0
                }
            }
            Layout::Outlook => count(outlook::SIGNATURE),
            Layout::Thunderbird => count(thunderbird::SIGNATURE),
            // `First` and `Last` alone are too common to say Yahoo.
            Layout::Yahoo => match count(yahoo::SIGNATURE) {
                n if n >= 2 => n,
                _ => 0,
            },
        }
    }

    fn columns(self) -> &'static [ColumnSpec] {
        match self {
            Layout::Outlook => outlook::COLUMNS,
            Layout::Thunderbird => thunderbird::COLUMNS,
            Layout::Yahoo => yahoo::COLUMNS,
            _ => &[],
        }
    }
}

/// The layout `headers` are in: the one asked for when they fit it, or
/// the best of the known ones.
fn recognise(headers: &[String], asked: Layout) -> Option<Layout> {
    if asked != Layout::Auto {
        let fits = asked.score(headers) > 0
            || asked
                .columns()
                .iter()
                .any(|(name, ..)| headers.iter().any(|h| h.trim().eq_ignore_ascii_case(name)));
        return fits.then_some(asked);
    }
    Layout::KNOWN
        .into_iter()
        .map(|layout| (layout.score(headers), layout))
        .filter(|(score, _)| *score > 0)
        .max_by_key(|(score, layout)| {
            (
                *score,
                std::cmp::Reverse(Layout::KNOWN.iter().position(|l| l == layout)),
            )
        })
        .map(|(_, layout)| layout)
}

/// A column, by its header or its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    Named(String),
    Number(usize),
}

/// `COLUMN=FIELD[:LABEL]`: what a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    pub column: Column,
    pub field: Field,
    pub label: Option<String>,
}

impl std::str::FromStr for ColumnMap {
    type Err = String;
    fn from_str(text: &str) -> Result<ColumnMap, String> {
        let Some((column, field)) = text.rsplit_once('=') else {
            return Err(format!(
                "'{text}' is not COLUMN=FIELD (for example \"Nick Name=nickname\")"
            ));
        };
        let column = column.trim();
        if column.is_empty() {
            return Err(format!("'{text}' names no column"));
        }
        let (field, label) = match field.split_once(':') {
            Some((field, label)) => (field, Some(label.trim().to_lowercase())),
            None => (field, None),
        };
        let column = match column.parse::<usize>() {
            Ok(n) if n >= 1 => Column::Number(n),
            _ => Column::Named(column.to_string()),
        };
        Ok(ColumnMap {
            column,
            field: field.parse()?,
            label: label.filter(|l| !l.is_empty()),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CsvOptions {
    pub layout: Layout,
    pub maps: Vec<ColumnMap>,
}

impl CsvOptions {
    pub fn layout(layout: Layout) -> CsvOptions {
        CsvOptions {
            layout,
            maps: Vec::new(),
        }
    }
}

/// Reads every row of a contacts CSV. Err: the file is not one (the
/// message names the columns found).
pub fn parse(bytes: &[u8], options: &CsvOptions) -> Result<Parsed, RecordError> {
    let named: Vec<&str> = options
        .maps
        .iter()
        .filter_map(|m| match &m.column {
            Column::Named(name) => Some(name.as_str()),
            Column::Number(_) => None,
        })
        .collect();
    let numbered = options
        .maps
        .iter()
        .any(|m| matches!(m.column, Column::Number(_)));
    let is_header = |fields: &[String]| {
        recognise(fields, options.layout).is_some()
            || (!named.is_empty()
                && named
                    .iter()
                    .all(|n| fields.iter().any(|f| f.trim().eq_ignore_ascii_case(n))))
    };
    let no_header = Cell::new(false);
    let unknown = |first: &[String]| {
        no_header.set(true);
        unknown_layout(first, options.layout)
    };
    let by_position = options.layout == Layout::Thunderbird || (numbered && named.is_empty());
    let table = if numbered && named.is_empty() && options.layout == Layout::Auto {
        csv_table::read(bytes, Header::None, &unknown)?
    } else {
        match csv_table::read(bytes, Header::Find(&is_header), &unknown) {
            Err(_) if no_header.get() && by_position => {
                csv_table::read(bytes, Header::None, &unknown)?
            }
            other => other?,
        }
    };
    let layout = match &table.headers {
        Some(headers) => recognise(headers, options.layout).unwrap_or(Layout::Auto),
        None => options.layout,
    };
    let mut parsed = Parsed {
        detected: vec![match (&table.headers, layout) {
            (None, Layout::Auto) => "no header: columns by number".to_string(),
            (None, layout) => format!("no header: read in {} column order", layout.describe()),
            (Some(_), layout) => layout.describe().to_string(),
        }],
        ..Parsed::default()
    };
    parsed.detected.extend(table.detected.iter().cloned());
    parsed.entries = match layout {
        Layout::Google | Layout::Linkedin if !options.maps.is_empty() => {
            return Err(RecordError::new(
                1,
                None,
                format!(
                    "the file is in the {}, which is read as a whole: columns cannot be mapped by hand in it",
                    layout.describe()
                ),
            ));
        }
        Layout::Google => google::records(&table),
        Layout::Linkedin => linkedin::records(&table),
        _ => by_columns(&table, layout, &options.maps)?,
    };
    Ok(parsed)
}

/// Rows read by a table of columns: a layout's and the user's maps.
fn by_columns(
    table: &Table,
    layout: Layout,
    maps: &[ColumnMap],
) -> Result<Vec<Result<Record, RecordError>>, RecordError> {
    let width = table
        .rows
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|r| r.fields().len())
        .max()
        .unwrap_or(0);
    let headers: Vec<String> = match &table.headers {
        Some(headers) => headers.clone(),
        None if layout == Layout::Thunderbird => (0..width.max(thunderbird::ORDER.len()))
            .map(|i| {
                thunderbird::ORDER
                    .get(i)
                    .map_or_else(|| format!("Column {}", i + 1), |h| h.to_string())
            })
            .collect(),
        None => (1..=width).map(|i| format!("Column {i}")).collect(),
    };
    let (mut mappings, mut unmapped) = columns::map_headers(&headers, layout.columns());
    for map in maps {
        let column = match &map.column {
            Column::Number(n) => n - 1,
            Column::Named(name) => headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    RecordError::new(
                        1,
                        None,
                        format!(
                            "no column is named '{name}'; the columns are: {}",
                            ellipsis(&one_line(&headers), 400)
                        ),
                    )
                })?,
        };
        mappings.retain(|m| m.column != column);
        unmapped.retain(|c| *c != column);
        mappings.push(Mapping {
            column,
            field: map.field,
            label: map.label.clone(),
        });
    }
    if mappings.is_empty() {
        return Err(RecordError::new(1, None, unknown_layout(&headers, layout)));
    }
    Ok(table
        .rows
        .iter()
        .map(|row| {
            let row = row.as_ref().map_err(Clone::clone)?;
            columns::record(row, &mappings, &unmapped, Some(&headers))
        })
        .collect())
}

/// The error for a file of no known layout: the columns it has, and how to
/// say what they hold.
fn unknown_layout(first: &[String], asked: Layout) -> String {
    let what = match asked {
        Layout::Auto => {
            "a contacts export ties knows (Google, Outlook, Thunderbird, Yahoo, LinkedIn)"
                .to_string()
        }
        layout => format!("in the {}", layout.describe()),
    };
    format!(
        "not {what}: the columns found are: {}; say which column holds what with --map COLUMN=FIELD (e.g. --map \"E-mail=email\"; fields: {})",
        ellipsis(&one_line(first), 300),
        columns::FIELD_NAMES
    )
}

/// Column names joined on one line (a header cell may hold line breaks).
fn one_line(names: &[String]) -> String {
    names.join(", ").replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(text: &str) -> Vec<String> {
        text.split(',').map(str::to_string).collect()
    }

    #[test]
    fn layouts_are_recognised_by_their_header() {
        let cases = [
            (
                "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
                Layout::Linkedin,
            ),
            (
                "Email Address,Position,Company,Last Name,First Name",
                Layout::Linkedin,
            ),
            (
                "First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value",
                Layout::Google,
            ),
            (
                "Name,Given Name,Additional Name,Family Name,E-mail 1 - Type,E-mail 1 - Value",
                Layout::Google,
            ),
            ("Given Name,Family Name,Phone 1 - Value", Layout::Google),
            (
                "Title,First Name,Middle Name,Last Name,E-mail Address,Mobile Phone",
                Layout::Outlook,
            ),
            (
                "E-mail Address,E-mail 2 Address,E-mail 3 Address",
                Layout::Outlook,
            ),
            (
                "First Name,Last Name,Display Name,Nickname,Primary Email",
                Layout::Thunderbird,
            ),
            (
                "Display Name;First Name;Last Name;Primary Email",
                Layout::Auto,
            ),
            (
                "First,Middle,Last,Nickname,Email,Category,Alternate Email 1",
                Layout::Yahoo,
            ),
        ];
        for (header, expected) in cases {
            let found = recognise(&headers(header), Layout::Auto);
            let expected = (expected != Layout::Auto).then_some(expected);
            assert_eq!(found, expected, "{header}");
        }
        assert_eq!(recognise(&headers("id,name"), Layout::Auto), None);
        assert_eq!(
            recognise(&headers("Nickname,Job Title"), Layout::Outlook),
            Some(Layout::Outlook)
        );
    }

    #[test]
    fn column_maps_parse_names_numbers_and_labels() {
        let map: ColumnMap = "Nick Name=nickname".parse().unwrap();
        assert_eq!(map.column, Column::Named("Nick Name".into()));
        assert_eq!(map.field, Field::Nickname);
        let map: ColumnMap = "4=phone:Work".parse().unwrap();
        assert_eq!(
            (map.column, map.field, map.label.as_deref()),
            (Column::Number(4), Field::Phone, Some("work"))
        );
        assert!(
            "Mail"
                .parse::<ColumnMap>()
                .unwrap_err()
                .contains("COLUMN=FIELD")
        );
        assert!(
            "Mail=mailbox"
                .parse::<ColumnMap>()
                .unwrap_err()
                .contains("fields are")
        );
    }

    #[test]
    fn an_unknown_layout_names_its_columns_and_how_to_map_them() {
        let err = parse(
            b"Full name,Mail\nAnna,anna@example.org\n",
            &CsvOptions::default(),
        )
        .err()
        .unwrap();
        assert!(err.problem.contains("Full name, Mail"), "{err:?}");
        assert!(err.problem.contains("--map"), "{err:?}");
        let options = CsvOptions {
            layout: Layout::Auto,
            maps: vec![
                "Full name=name".parse().unwrap(),
                "Mail=email".parse().unwrap(),
            ],
        };
        let parsed = parse(b"Full name,Mail\nAnna,anna@example.org\n", &options).unwrap();
        let rec = parsed.entries[0].as_ref().unwrap();
        assert_eq!(
            (rec.name.as_str(), rec.emails[0].value.as_str()),
            ("Anna", "anna@example.org")
        );
        assert_eq!(
            parsed.detected,
            ["columns named by hand", "comma-separated"]
        );
    }
}
