//! Hostile text: escape sequences, controls, bidi overrides and huge strings
//! are stored faithfully but never reach a terminal raw.

mod common;

use common::Env;

const HOSTILE: &[&str] = &[
    "Eve \u{1b}[2J\u{1b}[31mred",           // CSI: clear screen, colour
    "Osc \u{1b}]52;c;c2VjcmV0\u{7}",        // OSC 52: write the clipboard
    "Bell \u{7}\u{7}",                      // BEL
    "C1 \u{9b}31m \u{85}",                  // C1 controls (CSI, NEL)
    "Bidi \u{202e}gnirts desrever\u{202c}", // right-to-left override
    "Tab\tand\rreturn",
];

#[test]
fn text_output_never_carries_an_escape_byte() {
    let env = Env::new();
    for (n, name) in HOSTILE.iter().enumerate() {
        env.ok(&[
            "add",
            "person",
            name,
            "--note",
            name,
            "--tag",
            &format!("t{n}\u{1b}[0m"),
        ]);
    }
    env.ok(&[
        "log",
        "#1",
        "#2",
        "-n",
        "note \u{1b}]0;title\u{7} here",
        "--promise",
        "pay \u{1b}[5m@#1",
    ]);
    env.ok(&["network", "add", "Net \u{1b}[1m", "--goal", "goal \u{9b}2J"]);
    for args in [
        vec!["list"],
        vec!["show", "#1"],
        vec!["show", "#2"],
        vec!["network", "list"],
        vec!["network", "show", "#1"],
        vec!["review"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        assert!(
            !out.stdout.contains(&0x1b),
            "ESC reached stdout for {args:?}"
        );
        assert!(
            !out.stdout.contains(&0x07),
            "BEL reached stdout for {args:?}"
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains('\u{9b}') && !text.contains('\u{202e}'),
            "{args:?}: {text:?}"
        );
    }
    let shown = env.ok(&["show", "#1"]);
    assert!(
        shown.contains("\\u{1b}[2J"),
        "escaped, not dropped: {shown}"
    );
}

#[test]
fn json_keeps_the_text_exactly_and_escapes_it() {
    let env = Env::new();
    env.ok(&["add", "person", HOSTILE[1]]);
    let out = env
        .cmd()
        .args(["show", "#1", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        !out.stdout.contains(&0x1b),
        "JSON must escape control characters"
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["name"], HOSTILE[1].trim());
}

#[test]
fn errors_that_echo_input_are_escaped_too() {
    let env = Env::new().with_people();
    let err = env.fails(&["show", "\u{1b}[2Jnobody"]);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("\\u{1b}"), "{err}");
}

#[test]
fn a_100_kb_note_is_stored_whole() {
    let env = Env::new();
    let note = "ä".repeat(50_000);
    env.ok(&["add", "person", "Long Note", "--note", &note]);
    let shown = env.json(&["show", "long note"]);
    assert_eq!(shown["note"].as_str().unwrap().len(), note.len());
}

#[test]
fn names_with_nul_are_stored_and_shown_escaped() {
    // A NUL cannot travel in argv; the core takes it from imports.
    let mut store = ties::Store::open_in_memory(ties::dates::Clock::fixed(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
    ))
    .unwrap();
    let id = store
        .add_contact(&ties::store::NewContact::new(
            ties::model::Kind::Person,
            "Nul\0Byte",
        ))
        .unwrap();
    let stored = store.contact(id).unwrap().name;
    assert_eq!(stored, "Nul\0Byte");
    assert_eq!(ties::text::printable(&stored), "Nul\\u{0}Byte");
}

#[test]
fn imported_fields_with_escape_sequences_are_stored_but_shown_escaped() {
    let env = Env::new();
    let card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Mallory \u{1b}]52;c;aGk=\u{7}\r\nNOTE:line \u{1b}[2J\u{202e}x\r\nORG:Evil \u{9b}31mCorp\r\nEND:VCARD\r\n";
    let file = env.dir.path().join("hostile.vcf");
    std::fs::write(&file, card).unwrap();
    env.ok(&["import", "vcard", file.to_str().unwrap()]);
    for args in [
        vec!["list"],
        vec!["show", "mallory"],
        vec!["list", "--kind", "org"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07),
            "raw control in {args:?}"
        );
    }
    let shown = env.json(&["show", "mallory"]);
    assert_eq!(shown["name"], "Mallory \u{1b}]52;c;aGk=\u{7}");
    assert_eq!(shown["note"], "line \u{1b}[2J\u{202e}x");
}

/// Every character serde_json would leave raw that a terminal acts on.
fn raw_control_or_bidi(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
    })
}

#[test]
fn every_json_output_escapes_c0_c1_and_bidi_controls_losslessly() {
    let env = Env::new();
    for name in HOSTILE {
        env.ok(&["add", "person", name, "--note", name]);
    }
    env.ok(&[
        "log",
        "#1",
        "#4",
        "-n",
        "note \u{9b}2J \u{202e}x",
        "--promise",
        "pay \u{85}@#1",
    ]);
    env.ok(&["network", "add", "Net \u{9b}1m", "--goal", "goal \u{202e}"]);
    for args in [
        vec!["list"],
        vec!["show", "#1"],
        vec!["show", "#4"],
        vec!["show", "#5"],
        vec!["network", "list"],
        vec!["network", "show", "#1"],
        vec!["review"],
        vec!["config"],
        vec!["export", "json"],
        vec![],
    ] {
        let mut all = args.clone();
        all.extend(["--format", "json"]);
        let out = env.cmd().args(&all).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(raw_control_or_bidi(&text), None, "{args:?}: {text}");
        serde_json::from_str::<serde_json::Value>(&text).expect("still valid JSON");
    }
    // Lossless: what was stored comes back exactly.
    let list = env.json(&["list"])["contacts"].take();
    let mut names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    let mut stored: Vec<&str> = HOSTILE.iter().map(|n| n.trim()).collect();
    names.sort();
    stored.sort();
    assert_eq!(names, stored);
    let export = env.ok(&["export", "json"]);
    assert!(
        export.contains("\\u009b") && export.contains("\\u202e"),
        "{export}"
    );
}

#[test]
fn exports_to_a_pipe_or_file_are_byte_for_byte() {
    let env = Env::new();
    env.ok(&["add", "person", HOSTILE[1], "--note", HOSTILE[0]]);
    for what in ["vcard", "csv"] {
        let piped = env.cmd().args(["export", what]).output().unwrap();
        assert!(piped.status.success());
        let file = env.dir.path().join(format!("out.{what}"));
        env.ok(&["export", what, "-o", file.to_str().unwrap()]);
        assert_eq!(std::fs::read(&file).unwrap(), piped.stdout, "{what}");
        assert!(
            piped.stdout.windows(3).any(|w| w == b"\x1b]5"),
            "the OSC 52 is kept for a program to read: {what}"
        );
    }
}
