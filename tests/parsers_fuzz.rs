//! Every parser of outside input, fed arbitrary text: no panic, no hang,
//! and every rejection is a clean, one-line error. The date arguments of
//! the command line are also fed to the real binary.

mod common;

use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;

use common::Env;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn one_line(message: &str) -> bool {
    !message.is_empty() && !message.contains('\n')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn dates(input in ".{0,40}") {
        match ties::dates::parse_date(&input, today()) {
            Ok(date) => prop_assert!(date <= today() || input.trim().len() >= 8),
            Err(e) => prop_assert!(one_line(&e.to_string())),
        }
    }

    #[test]
    fn relative_dates_never_go_forward(n in 0u32..100_000, unit in prop::sample::select(vec!["d", "w", "m", "y"])) {
        if let Ok(date) = ties::dates::parse_date(&format!("-{n}{unit}"), today()) {
            prop_assert!(date <= today());
        }
    }

    #[test]
    fn dates_stay_in_the_calendar_and_their_week_is_total(input in date_text()) {
        if let Ok(date) = ties::dates::parse_date(&input, today()) {
            prop_assert!((ties::dates::EARLIEST..=ties::dates::LATEST).contains(&date));
        }
        if let Some(date) = ties::dates::parse_calendar_date(&input) {
            prop_assert!((ties::dates::EARLIEST..=ties::dates::LATEST).contains(&date));
            for start in [Weekday::Mon, Weekday::Sun] {
                let week = ties::review::Week::containing(date, start);
                prop_assert!(week.start <= date && date <= week.end);
            }
        }
    }

    /// Any date chrono can hold, even ones no parser lets through.
    #[test]
    fn the_week_of_any_date_is_defined(days in NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce()) {
        let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
        for start in [Weekday::Mon, Weekday::Sat, Weekday::Sun] {
            let week = ties::review::Week::containing(date, start);
            prop_assert!(week.start <= date && date <= week.end);
        }
    }

    #[test]
    fn item_specs(input in ".{0,40}") {
        match ties::spec::parse_item(&input) {
            Ok(spec) => prop_assert!((1..=5).contains(&spec.weight)),
            Err(e) => prop_assert!(one_line(&e.to_string())),
        }
    }

    #[test]
    fn promises(input in ".{0,60}") {
        if let Err(e) = ties::spec::parse_promise(&input) {
            prop_assert!(one_line(&e.to_string()));
        }
    }

    #[test]
    fn cadences(input in ".{0,20}") {
        match ties::dates::parse_cadence(&input) {
            Ok(days) => prop_assert!((1..=3650).contains(&days)),
            Err(e) => prop_assert!(one_line(&e.to_string())),
        }
    }

    #[test]
    fn dates_ahead(input in ".{0,40}") {
        match ties::dates::parse_ahead(&input, today()) {
            Ok(date) => prop_assert!(date >= today() || input.trim().len() >= 8),
            Err(e) => prop_assert!(one_line(&e.to_string())),
        }
    }

    #[test]
    fn hours(input in ".{0,20}") {
        match ties::input::optional(&input, ties::input::parse_hours) {
            Ok(Some(hours)) => prop_assert!((0.0..=ties::input::MAX_HOURS_PER_MONTH).contains(&hours)),
            Ok(None) => prop_assert!(input.trim().is_empty() || ties::input::is_none(&input)),
            Err(e) => prop_assert!(one_line(&e.to_string())),
        }
    }

    #[test]
    fn config_files(input in "(\\[[a-z]{1,12}\\]\n)?([a-z_]{1,16} = .{0,12}\n){0,4}") {
        if let Err(message) = ties::config::Config::parse(&input) {
            prop_assert!(one_line(&message), "{message:?}");
        }
    }

    #[test]
    fn config_bytes(input in any::<Vec<u8>>()) {
        let text = String::from_utf8_lossy(&input);
        if let Err(message) = ties::config::Config::parse(&text) {
            prop_assert!(one_line(&message), "{message:?}");
        }
    }
}

/// Text a date argument might get: anything, and the shapes that reach the
/// edges of chrono's calendar.
fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        "[+-]?[0-9]{1,7}-[0-9]{1,2}-[0-9]{1,2}",
        "-?[0-9]{1,10}[dwmy]( ago)?",
        "[0-9]{1,9} ?(d|w|m|y|days|weeks|months|years)",
        Just("+262142-12-31".to_string()),
        Just("-262143-01-01".to_string()),
        Just("9999-12-31".to_string()),
        Just("0001-01-01".to_string()),
    ]
}

/// How many inputs each date argument of the real binary gets:
/// `TIES_FUZZ_CLI_CASES`, 32 by default.
fn cli_cases() -> u32 {
    std::env::var("TIES_FUZZ_CLI_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(32)
}

/// `--week`, `-d`, `--snooze`, `--review` and `--today` of the real binary:
/// a result or a one-line error, never a panic (exit 101). One database
/// serves every case: its state does not matter, only that nothing panics.
#[test]
fn the_command_lines_date_arguments_never_panic() {
    let env = Env::new().with_people();
    env.ok(&["network", "add", "Club"]);
    let mut runner =
        proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cli_cases()));
    runner
        .run(&date_text(), |input| {
            // A NUL cannot travel in argv.
            let input = input.replace('\0', "");
            let runs: [Vec<String>; 5] = [
                vec!["review".into(), format!("--week={input}")],
                vec!["log".into(), "anna".into(), format!("--date={input}")],
                vec!["edit".into(), "anna".into(), format!("--snooze={input}")],
                vec![
                    "network".into(),
                    "edit".into(),
                    "club".into(),
                    format!("--review={input}"),
                ],
                vec![format!("--today={input}"), "review".into()],
            ];
            for args in runs {
                let out = env.cmd().args(&args).output().unwrap();
                let err = String::from_utf8_lossy(&out.stderr);
                prop_assert!(
                    matches!(out.status.code(), Some(0..=2)),
                    "{args:?} exited {:?}: {err}",
                    out.status.code()
                );
                prop_assert!(!err.contains("panicked"), "{args:?}: {err}");
                // A usage error (2) is clap's whole message, pointing at
                // the command's help; a refusal (1) is one line.
                if out.status.code() == Some(2) {
                    prop_assert!(err.trim_end().ends_with(" --help`."), "{:?}: {}", args, err);
                } else if !out.status.success() {
                    prop_assert_eq!(err.trim_end().lines().count(), 1, "{:?}: {}", args, err);
                }
            }
            Ok(())
        })
        .unwrap();
}

// ---------------------------------------------------------------------------
// Contact files: vCards in every encoding and line end, CSV in every layout
// ---------------------------------------------------------------------------

use ties::import::{CsvOptions, Layout, vcard};

/// vCard-ish lines: the constructs the lenient reader handles.
fn vcard_line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"BEGIN:VCARD".to_vec()),
        Just(b"home.begin:vcard".to_vec()),
        Just(b"END:VCARD".to_vec()),
        Just(b"VERSION:2.1".to_vec()),
        Just(b"FN:Anna".to_vec()),
        Just(b"AGENT:".to_vec()),
        Just(
            b"AGENT:BEGIN:VCARD\\nFN:Ari\\nAGENT:BEGIN:VCARD\\\\nFN:B\\\\nEND:VCARD\\nEND:VCARD"
                .to_vec()
        ),
        Just(b"N;CHARSET=SHIFT_JIS:\x96\xbc\x96\xb3".to_vec()),
        Just(b"N;CHARSET=nonsense;ENCODING=QUOTED-PRINTABLE:=E4=".to_vec()),
        Just(b"PHOTO;ENCODING=BASE64:/9j/4AAQ".to_vec()),
        Just(b"CAgIDAwMDBAYEBAQ+/=".to_vec()),
        Just(b"ADR;HOME:;;Street\\".to_vec()),
        Just(b"X-GOOGLE TALK;TYPE=WORK:x".to_vec()),
        Just(b"X-messaging/aim-All:x".to_vec()),
        Just(b"EMAIL:a@example.org".to_vec()),
        Just(b"KIND:group".to_vec()),
        Just(b" \xd0".to_vec()),
        Just(b"\xbb folded".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..16),
    ]
}

fn line_end() -> impl Strategy<Value = &'static [u8]> {
    prop::sample::select(vec![&b"\r\n"[..], b"\n", b"\r", b"\r\r\n"])
}

fn vcard_file() -> impl Strategy<Value = Vec<u8>> {
    (
        proptest::collection::vec(vcard_line(), 0..16),
        line_end(),
        0..3u8,
    )
        .prop_map(|(lines, end, encoding)| {
            let bytes = lines.join(end);
            match encoding {
                // UTF-16 of the text as far as it is text, with and without BOM.
                1 | 2 => {
                    let text = String::from_utf8_lossy(&bytes);
                    let mut out: Vec<u8> = if encoding == 1 {
                        vec![0xff, 0xfe]
                    } else {
                        Vec::new()
                    };
                    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
                    out
                }
                _ => bytes,
            }
        })
}

fn csv_header() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value",
        "Name,Given Name,Additional Name,Family Name,E-mail 1 - Type,E-mail 1 - Value",
        "Title,First Name,Last Name,Company,E-mail Address,Mobile Phone,Birthday,Categories",
        "First Name,Last Name,Display Name,Nickname,Primary Email,Birth Year,Birth Month,Birth Day",
        "First,Middle,Last,Nickname,Email,Category,Alternate Email 1,Home ZIP",
        "Notes:\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "Full name;Mail;Phone",
        "",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn vcards_in_any_encoding_and_line_end(bytes in vcard_file()) {
        if let Ok(parsed) = vcard::parse(&bytes) {
            for entry in parsed.entries {
                match entry {
                    Ok(r) => prop_assert!(!r.name.trim().is_empty()),
                    Err(e) => prop_assert!(e.line >= 1 && one_line(&e.problem)),
                }
            }
        }
    }

    #[test]
    fn csv_in_every_layout(
        header in csv_header(),
        rows in proptest::collection::vec("[a-zA-Z0-9 ,;\t\"@:/.\\-\n\r]{0,60}", 0..8),
        layout in prop::sample::select(vec![Layout::Auto, Layout::Google, Layout::Outlook, Layout::Thunderbird, Layout::Yahoo, Layout::Linkedin]),
        maps in proptest::collection::vec("[A-Za-z0-9 ]{1,8}=(name|email|phone|note|birthday|met-on)", 0..3),
        utf16 in any::<bool>(),
    ) {
        let text = format!("{header}\n{}", rows.join("\n"));
        let bytes: Vec<u8> = if utf16 {
            text.encode_utf16().flat_map(u16::to_le_bytes).collect()
        } else {
            text.into_bytes()
        };
        let options = CsvOptions {
            layout,
            maps: maps.iter().filter_map(|m| m.parse().ok()).collect(),
        };
        match ties::import::csv_layout::parse(&bytes, &options) {
            Ok(parsed) => {
                for entry in parsed.entries {
                    match entry {
                        Ok(r) => prop_assert!(!r.name.trim().is_empty()),
                        Err(e) => prop_assert!(e.line >= 1 && one_line(&e.problem)),
                    }
                }
            }
            Err(e) => prop_assert!(one_line(&e.problem), "{:?}", e.problem),
        }
    }

    #[test]
    fn any_bytes_as_csv(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = ties::import::csv_layout::parse(&bytes, &CsvOptions::default());
    }
}
