//! Writing results: aligned text for people, JSON for scripts. Text goes
//! through `anstream`, which drops colours when stdout is not a terminal or
//! `NO_COLOR` is set; every stored string is escaped before it is shown, and
//! JSON escapes control and bidi characters as `\uXXXX` (`ties::safe_json`).

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use ties::text::{pad, printable, width};

pub const HEADING: Style = Style::new().bold();
pub const DIM: Style = Style::new().dimmed();
pub const GOOD: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
pub const NOTICE: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));

/// stdout, locked and buffered, colours stripped where they do not belong.
pub fn stdout() -> io::BufWriter<anstream::AutoStream<io::StdoutLock<'static>>> {
    io::BufWriter::new(anstream::AutoStream::auto(io::stdout().lock()))
}

/// A JSON output: one object, its first key `shape` naming the shape and
/// its version (`ties.contact/1`), then the fields of `body` (a struct).
pub fn json<T: Serialize + ?Sized>(shape: Shape, body: &T) -> anyhow::Result<()> {
    #[derive(Serialize)]
    struct Shaped<'a, T: ?Sized> {
        shape: &'static str,
        #[serde(flatten)]
        body: &'a T,
    }
    write_json(&Shaped {
        shape: shape.0,
        body,
    })
}

/// A JSON output that is a list: `{"shape": …, "<key>": [ … ]}`.
pub fn json_list<T: Serialize>(shape: Shape, key: &'static str, items: &[T]) -> anyhow::Result<()> {
    struct Listed<'a, T> {
        shape: &'static str,
        key: &'static str,
        items: &'a [T],
    }
    impl<T: Serialize> Serialize for Listed<'_, T> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = s.serialize_map(Some(2))?;
            map.serialize_entry("shape", self.shape)?;
            map.serialize_entry(self.key, self.items)?;
            map.end()
        }
    }
    write_json(&Listed {
        shape: shape.0,
        key,
        items,
    })
}

/// The name and version of one JSON output's shape, as its `shape` key
/// says and `docs/schemas/NAME.json` describes. The version goes up when
/// a field is removed, renamed or changes its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape(pub &'static str);

fn write_json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    // C1 and bidi controls escaped too, not only what JSON requires.
    ties::safe_json::to_writer_pretty(&mut out, value)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// A JSON output that is a list, like `json_list`, of what `produce`
/// gives, written as it comes (`ties list` of a hundred thousand contacts
/// holds one at a time): the same bytes as `json_list` of them all.
pub fn json_stream<T: Serialize>(
    shape: Shape,
    key: &'static str,
    produce: impl FnOnce(&mut dyn FnMut(&T) -> ties::Result<()>) -> ties::Result<usize>,
) -> anyhow::Result<()> {
    // Megabytes go out: in 64 KB writes, not 8 KB ones.
    let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    write!(
        out,
        "{{\n  \"shape\": {},\n  {}: ",
        serde_json::to_string(shape.0)?,
        serde_json::to_string(key)?
    )?;
    let mut array = ties::safe_json::PrettyArray::nested(&mut out, 1);
    // A failed write (a closed pipe) is said as itself, not as the store's.
    let mut written = Ok(());
    let produced = produce(&mut |item: &T| {
        array.push(item).map_err(|error| {
            written = Err(error);
            ties::Error::io("writing the list", io::Error::other("stopped"))
        })
    });
    written?;
    produced?;
    array.finish()?;
    out.write_all(b"\n}\n")?;
    out.flush()?;
    Ok(())
}

/// A whole text for the terminal (an export shown instead of saved): each
/// line escaped like any stored text, its line breaks kept (CRLF as LF).
pub fn terminal_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match line.strip_suffix('\n') {
            Some(body) => {
                out.push_str(&printable(body.strip_suffix('\r').unwrap_or(body)));
                out.push('\n');
            }
            None => out.push_str(&printable(line)),
        }
    }
    out
}

/// `text` escaped for the terminal and wrapped in a style.
pub fn styled(style: Style, text: &str) -> String {
    format!("{style}{}{style:#}", printable(text))
}

/// One `label  value` line of a record (`show`, `network show`); an empty
/// value prints nothing, so absent fields take no room.
pub fn field(out: &mut impl Write, label: &str, value: &str) -> io::Result<()> {
    if value.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "  {}  {}",
        styled(DIM, &format!("{label:<10}")),
        printable(value)
    )
}

/// A table of text cells aligned by display width (CJK and emoji count two
/// columns). The last column is not padded, so lines carry no trailing blanks.
pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    /// Columns never wider than this, so one long note cannot push the rest away.
    max_width: usize,
}

impl Table {
    pub fn new(headers: &[&'static str]) -> Self {
        Table {
            headers: headers.to_vec(),
            rows: Vec::new(),
            max_width: 40,
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        let cells = cells
            .into_iter()
            .map(|c| printable(&c).into_owned())
            .collect();
        self.rows.push(cells);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let columns = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i]
                    .max(width(cell))
                    .min(self.max_width.max(width(self.headers[i])));
            }
        }
        let line = |cells: &[String]| {
            let mut text = String::new();
            for (i, cell) in cells.iter().enumerate() {
                if i + 1 == cells.len() {
                    text.push_str(&ties::text::truncate(cell, self.max_width.max(widths[i])));
                } else {
                    text.push_str(&pad(cell, widths[i]));
                    text.push_str("  ");
                }
            }
            text.trim_end().to_string()
        };
        let headers: Vec<String> = self.headers.iter().map(|h| h.to_string()).collect();
        writeln!(out, "{HEADING}{}{HEADING:#}", line(&headers))?;
        for row in &self.rows {
            writeln!(out, "{}", line(row))?;
        }
        Ok(())
    }
}
