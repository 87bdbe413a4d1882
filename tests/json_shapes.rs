//! Every `--format json` output against its schema in `docs/schemas`
//! (docs/json.md): the real binary, on the demo data and on made-up
//! contacts, each output checked for its `shape` and validated. A change
//! of shape fails here until its schema (and its version) changes too.

mod common;
#[path = "common/schema.rs"]
mod schema;

use std::collections::BTreeSet;
use std::path::Path;

use common::Env;
use schema::Schemas;
use serde_json::{Value, json};

/// Each command that prints JSON, and the schema file of its output;
/// `None` for the commands that print something else (a script, a page).
/// Checked both ways against `ties --help`.
const COMMANDS: &[(&str, Option<&str>)] = &[
    ("", Some("status.json")),
    ("add", Some("contact.json")),
    ("edit", Some("contact.json")),
    ("archive", Some("archived.json")),
    ("unarchive", Some("archived.json")),
    ("list", Some("contacts.json")),
    ("show", Some("contact_detail.json")),
    ("log", Some("interaction.json")),
    ("done", Some("item.json")),
    ("review", Some("review.json")),
    ("dates", Some("dates.json")),
    ("due", Some("due.json")),
    ("search", Some("search.json")),
    ("config", Some("config.json")),
    ("network add", Some("network.json")),
    ("network edit", Some("network.json")),
    ("network join", Some("membership.json")),
    ("network leave", Some("membership.json")),
    ("network list", Some("networks.json")),
    ("network show", Some("network_detail.json")),
    ("demo", Some("demo.json")),
    ("import vcard", Some("import.json")),
    ("import csv", Some("import.json")),
    ("import google-csv", Some("import.json")),
    ("import linkedin-csv", Some("import.json")),
    ("import json", Some("import_json.json")),
    ("export vcard", Some("exported.json")),
    ("export json", Some("exported.json")),
    ("export csv", Some("exported.json")),
    ("export ics", Some("exported.json")),
    ("completions", None),
    ("man", None),
    ("backup", Some("backup.json")),
    ("interaction edit", Some("interaction.json")),
    ("interaction delete", Some("deleted_interaction.json")),
    ("item edit", Some("item.json")),
    ("item delete", Some("item.json")),
    ("item reopen", Some("item.json")),
    ("delete", Some("deleted_contact.json")),
    ("merge", Some("merge.json")),
    ("duplicates", Some("duplicates.json")),
    ("undo", Some("undo.json")),
    ("history", Some("history.json")),
];

/// Outputs of a variant of a command, besides the table's: `review
/// --done`, `review --skip` and `due --count` print other shapes.
const VARIANTS: &[(&str, &str)] = &[
    ("review --done", "review_done.json"),
    ("review --skip", "review_skip.json"),
    ("due --count", "due_count.json"),
];

fn schema_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/schemas"))
}

/// Runs the commands and validates what they print, remembering which
/// (command, schema) pairs were seen.
struct Run {
    env: Env,
    schemas: Schemas,
    seen: BTreeSet<(String, String)>,
}

impl Run {
    fn new() -> Run {
        Run {
            env: Env::new(),
            schemas: Schemas::load(schema_dir()),
            seen: BTreeSet::new(),
        }
    }

    /// `ties ARGS --format json`, as `command` of the table, validated
    /// against `file`.
    fn check(&mut self, command: &str, file: &str, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let text = self.env.ok(&all);
        // Parsed, the keys are sorted: the order is checked on the text.
        assert!(
            text.starts_with("{\n  \"shape\": "),
            "ties {args:?}: shape comes first:\n{text}"
        );
        let out: Value = serde_json::from_str(&text).expect("valid JSON");
        self.validate(command, file, &out, args);
        out
    }

    fn validate(&mut self, command: &str, file: &str, out: &Value, args: &[&str]) {
        let schema = self
            .schemas
            .get(file)
            .unwrap_or_else(|| panic!("no schema {file}"));
        let shape = &schema["properties"]["shape"]["const"];
        assert!(shape.is_string(), "{file} names no shape const");
        assert_eq!(&out["shape"], shape, "ties {args:?}");
        let problems = self.schemas.validate(file, out);
        assert!(
            problems.is_empty(),
            "ties {args:?} does not fit {file}:\n  {}\n{}",
            problems.join("\n  "),
            serde_json::to_string_pretty(out).unwrap()
        );
        if let Ok(dir) = std::env::var("TIES_JSON_DUMP") {
            let name = format!(
                "{}-{}.json",
                file.trim_end_matches(".json"),
                self.seen.len()
            );
            std::fs::write(Path::new(&dir).join(name), out.to_string()).unwrap();
        }
        self.seen.insert((command.to_string(), file.to_string()));
    }

    fn path(&self, name: &str) -> String {
        self.env.dir.path().join(name).display().to_string()
    }
}

fn id(v: &Value) -> String {
    v["id"].as_i64().expect("an id").to_string()
}

#[test]
fn every_command_prints_json_that_fits_its_schema() {
    let mut run = Run::new();
    // Before there is a database, then the demo.
    run.check("", "status.json", &[]);
    run.check("due", "due.json", &["due"]);
    run.check("due --count", "due_count.json", &["due", "--count"]);
    run.check("config", "config.json", &["config"]);
    run.check("demo", "demo.json", &["demo"]);
    run.check("", "status.json", &[]);

    // Contacts.
    let zoe = run.check(
        "add",
        "contact.json",
        &[
            "add",
            "person",
            "Zoe Example",
            "--email",
            "zoe@example.org",
            "--phone",
            "+358 40 765 4321",
            "--org",
            "Kasvu Oy",
            "--title",
            "CTO",
            "--tag",
            "climbing",
            "--birthday",
            "1990-05-04",
            "--note",
            "met at the climbing wall",
        ],
    );
    let zoe_id = id(&zoe);
    run.check("add", "contact.json", &["add", "org", "Example Works"]);
    run.check(
        "edit",
        "contact.json",
        &[
            "edit",
            &zoe_id,
            "--circle",
            "friend",
            "--met-how",
            "climbing",
            "--met-through",
            "3",
        ],
    );
    run.check(
        "edit",
        "contact.json",
        &["edit", "2", "--met-through", &zoe_id, "--snooze", "2w"],
    );
    run.check("list", "contacts.json", &["list"]);
    run.check("list", "contacts.json", &["list", "--kind", "org"]);
    run.check("show", "contact_detail.json", &["show", &zoe_id]);
    run.check(
        "show",
        "contact_detail.json",
        &["show", "Kasvu Oy", "--all"],
    );
    for contact in ["2", "3", "10", "27", "36"] {
        run.check("show", "contact_detail.json", &["show", contact]);
    }
    run.check("archive", "archived.json", &["archive", &zoe_id]);
    run.check("list", "contacts.json", &["list", "--archived"]);
    run.check("unarchive", "archived.json", &["unarchive", &zoe_id]);

    // Interactions and items.
    let logged = run.check(
        "log",
        "interaction.json",
        &[
            "log",
            &zoe_id,
            "-n",
            "coffee",
            "--gave",
            "intro:3",
            "--got",
            "advice:2",
            "--promise",
            "send the slides",
            "--expect",
            "a book tip",
            "--minutes",
            "45",
        ],
    );
    run.check("log", "interaction.json", &["log", &zoe_id, "-c", "call"]);
    let interaction = id(&logged);
    let items = logged["items"].as_array().unwrap();
    let open = items.iter().find(|i| i["state"] == "open").unwrap();
    let open_id = id(open);
    let done_id = id(items.iter().find(|i| i["state"] == "done").unwrap());
    run.check(
        "interaction edit",
        "interaction.json",
        &[
            "interaction",
            "edit",
            &interaction,
            "--note",
            "coffee and cake",
        ],
    );
    run.check("done", "item.json", &["done", &open_id]);
    run.check("item reopen", "item.json", &["item", "reopen", &open_id]);
    run.check(
        "item edit",
        "item.json",
        &["item", "edit", &done_id, "--weight", "4"],
    );
    run.check(
        "item delete",
        "item.json",
        &["item", "delete", &done_id, "--yes"],
    );

    // The week, what is due, what is coming, what is found.
    run.check("review", "review.json", &["review"]);
    run.check("review", "review.json", &["review", "--limit", "0"]);
    run.check("review", "review.json", &["review", "--week", "2026-11-12"]);
    run.check(
        "review --skip",
        "review_skip.json",
        &["review", "--skip", "2"],
    );
    run.check(
        "review --done",
        "review_done.json",
        &["review", "--done", "--note", "a good week"],
    );
    run.check("dates", "dates.json", &["dates", "--within", "1y"]);
    run.check("due", "due.json", &["due", "--within", "3m"]);
    run.check("due --count", "due_count.json", &["due", "--count"]);
    run.check("search", "search.json", &["search", "coffee"]);
    run.check("search", "search.json", &["search", "climbing"]);

    // Networks.
    let network = run.check(
        "network add",
        "network.json",
        &[
            "network",
            "add",
            "Book club",
            "--role",
            "member",
            "--intent",
            "keep",
            "--hours",
            "2",
        ],
    );
    let network_id = id(&network);
    run.check(
        "network edit",
        "network.json",
        &["network", "edit", &network_id, "--goal", "read more"],
    );
    run.check(
        "network join",
        "membership.json",
        &["network", "join", &network_id, &zoe_id, "2"],
    );
    run.check(
        "network leave",
        "membership.json",
        &["network", "leave", &network_id, "2"],
    );
    run.check("network list", "networks.json", &["network", "list"]);
    run.check(
        "network show",
        "network_detail.json",
        &["network", "show", &network_id],
    );
    run.check(
        "network show",
        "network_detail.json",
        &["network", "show", "2", "--all"],
    );

    // Fixing: duplicates, merge, delete, history, undo.
    let twin = run.check(
        "add",
        "contact.json",
        &[
            "add",
            "person",
            "Zoe Exampel",
            "--email",
            "ZOE@example.org",
            "--org",
            "Example Works",
        ],
    );
    let twin_id = id(&twin);
    run.check(
        "log",
        "interaction.json",
        &[
            "log",
            &twin_id,
            "2",
            "--gave",
            "help:2@2",
            "--network",
            &network_id,
        ],
    );
    run.check(
        "network join",
        "membership.json",
        &["network", "join", "2", &twin_id],
    );
    let pairs = run.check("duplicates", "duplicates.json", &["duplicates"]);
    assert!(!pairs["pairs"].as_array().unwrap().is_empty(), "{pairs}");
    run.check(
        "merge",
        "merge.json",
        &["merge", &zoe_id, &twin_id, "--dry-run"],
    );
    run.check("merge", "merge.json", &["merge", &zoe_id, &twin_id]);
    run.check(
        "interaction delete",
        "deleted_interaction.json",
        &["interaction", "delete", &interaction, "--yes"],
    );
    run.check(
        "delete",
        "deleted_contact.json",
        &["delete", &zoe_id, "--yes"],
    );
    run.check("history", "history.json", &["history", "--limit", "0"]);
    run.check("undo", "undo.json", &["undo"]);
    run.check("undo", "undo.json", &["undo"]);
    run.check("history", "history.json", &["history", "--limit", "5"]);
    run.check("review", "review.json", &["review"]);

    // Files out and in.
    // Each export, to a file (or a folder of cards); the JSON one is read
    // back below.
    for (format, target, name) in [
        ("json", "--output", "export.json"),
        ("csv", "--output", "export.csv"),
        ("vcard", "--output", "export.vcf"),
        ("vcard", "--dir", "cards"),
        ("ics", "--output", "export.ics"),
    ] {
        let path = run.path(name);
        run.check(
            &format!("export {format}"),
            "exported.json",
            &["export", format, target, &path],
        );
    }
    let json_file = run.path("export.json");
    let backups = format!("{}/", run.path("backups"));
    run.check("backup", "backup.json", &["backup", &backups]);

    let fixture = |name: &str| common::fixture(name).display().to_string();
    run.check(
        "import vcard",
        "import.json",
        &["import", "vcard", &fixture("v40.vcf"), "--dry-run"],
    );
    run.check(
        "import vcard",
        "import.json",
        &["import", "vcard", &fixture("v30_apple.vcf")],
    );
    run.check(
        "import csv",
        "import.json",
        &["import", "csv", &fixture("google_current.csv"), "--dry-run"],
    );
    run.check(
        "import google-csv",
        "import.json",
        &[
            "import",
            "google-csv",
            &fixture("google_legacy.csv"),
            "--dry-run",
        ],
    );
    run.check(
        "import linkedin-csv",
        "import.json",
        &[
            "import",
            "linkedin-csv",
            &fixture("linkedin_connections.csv"),
        ],
    );
    run.check(
        "import vcard",
        "import.json",
        &["import", "vcard", &fixture("v40.vcf"), "--circle", "work"],
    );
    run.check(
        "import vcard",
        "import.json",
        &[
            "import",
            "vcard",
            &fixture("apple-dates.vcf"),
            &fixture("v21_phone.vcf"),
        ],
    );

    // The history again, now with imports and a draw of more.
    run.check("review", "review.json", &["review", "--more"]);
    run.check("edit", "contact.json", &["edit", "3", "--reminders", "off"]);
    let history = run.check("history", "history.json", &["history", "--limit", "0"]);
    let types: BTreeSet<&str> = history["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["change"]["type"].as_str())
        .collect();
    for wanted in ["imported", "undid", "merged", "logged", "not_this_week"] {
        assert!(
            types.contains(wanted),
            "no {wanted} in the history: {types:?}"
        );
    }

    // Every contact and every network as `show` gives it.
    let contacts = run.env.json(&["list"])["contacts"].take();
    for contact in contacts.as_array().unwrap() {
        run.check(
            "show",
            "contact_detail.json",
            &["show", &id(contact), "--all"],
        );
    }
    let networks = run.env.json(&["network", "list"])["networks"].take();
    for network in networks.as_array().unwrap() {
        run.check(
            "network show",
            "network_detail.json",
            &["network", "show", &id(network), "--all"],
        );
    }

    // A ties export, into an empty database: everything restored.
    let mut fresh = Run::new();
    fresh.check(
        "import json",
        "import_json.json",
        &["import", "json", &json_file],
    );
    run.seen.extend(fresh.seen);

    // Every command of the table, and every variant, was seen with its schema.
    let expected: BTreeSet<(String, String)> = COMMANDS
        .iter()
        .filter_map(|(c, f)| f.map(|f| (c.to_string(), f.to_string())))
        .chain(VARIANTS.iter().map(|(c, f)| (c.to_string(), f.to_string())))
        .collect();
    let missing: Vec<_> = expected.difference(&run.seen).collect();
    assert!(missing.is_empty(), "not run: {missing:?}");
    let unlisted: Vec<_> = run.seen.difference(&expected).collect();
    assert!(
        unlisted.is_empty(),
        "run but not in the table: {unlisted:?}"
    );
}

/// The leaf commands `ties --help` lists, as "network add", "" for plain
/// `ties`.
fn leaf_commands(env: &Env, path: &[&str]) -> Vec<String> {
    let mut args: Vec<&str> = path.to_vec();
    args.push("--help");
    let help = env.ok(&args);
    let Some(start) = help.find("\nCommands:\n") else {
        return vec![path.join(" ")];
    };
    let mut found = Vec::new();
    for line in help[start + "\nCommands:\n".len()..].lines() {
        if line.trim().is_empty() {
            break;
        }
        // Names are indented by two; continued descriptions by more.
        let Some(name) = line.strip_prefix("  ").filter(|l| !l.starts_with(' ')) else {
            continue;
        };
        let name = name.split_whitespace().next().unwrap();
        if name == "help" {
            continue;
        }
        let mut sub = path.to_vec();
        sub.push(name);
        found.extend(leaf_commands(env, &sub));
    }
    found
}

#[test]
fn every_command_is_in_the_table_and_every_schema_is_a_shape_of_the_code() {
    let env = Env::new();
    let mut commands = leaf_commands(&env, &[]);
    commands.push(String::new()); // plain `ties`
    let table: BTreeSet<String> = COMMANDS.iter().map(|(c, _)| c.to_string()).collect();
    let listed: BTreeSet<String> = commands.into_iter().collect();
    let untabled: Vec<_> = listed.difference(&table).collect();
    assert!(
        untabled.is_empty(),
        "commands without a schema (add them to COMMANDS, with docs/schemas/*.json and docs/json.md): {untabled:?}"
    );
    let gone: Vec<_> = table.difference(&listed).collect();
    assert!(
        gone.is_empty(),
        "the table names commands ties has not: {gone:?}"
    );

    // The shapes the code names (src/cli/shapes.rs) are the schemas' shapes.
    let code =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/cli/shapes.rs")).unwrap();
    let in_code: BTreeSet<String> = code
        .split("Shape(\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect();
    let schemas = Schemas::load(schema_dir());
    let mut in_schemas = BTreeSet::new();
    let used: BTreeSet<&str> = COMMANDS
        .iter()
        .filter_map(|(_, f)| *f)
        .chain(VARIANTS.iter().map(|(_, f)| *f))
        .collect();
    for name in schemas.names() {
        let schema = schemas.get(name).unwrap();
        if name == "common.json" {
            continue;
        }
        assert!(used.contains(name), "{name} is the schema of no command");
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        assert_eq!(
            schema["additionalProperties"], false,
            "{name} must be strict"
        );
        let shape = schema["properties"]["shape"]["const"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(
            schema["$id"],
            format!("https://ties.invalid/schemas/{name}"),
            "{name}"
        );
        assert!(
            shape.starts_with(&format!("ties.{}/", name.trim_end_matches(".json"))),
            "{name} names the shape {shape}"
        );
        in_schemas.insert(shape);
    }
    assert_eq!(
        in_code, in_schemas,
        "src/cli/shapes.rs and docs/schemas disagree"
    );
    for file in &used {
        assert!(
            schemas.get(file).is_some(),
            "the table names {file}, which is missing"
        );
    }
}

/// The validator catches what the schemas are there to catch: a key added,
/// a key missing, a wrong type, `""` where absent is `null`.
#[test]
fn a_changed_shape_fails_its_schema() {
    let schemas = Schemas::load(schema_dir());
    let env = Env::new().with_people();
    let good = env.json(&["show", "anna"]);
    assert!(schemas.validate("contact_detail.json", &good).is_empty());

    let mut added = good.clone();
    added["nickname_2"] = json!("x");
    assert!(!schemas.validate("contact_detail.json", &added).is_empty());

    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("tags");
    assert!(!schemas.validate("contact_detail.json", &missing).is_empty());

    let mut typed = good.clone();
    typed["emails"] = json!(["anna@example.org"]);
    assert!(!schemas.validate("contact_detail.json", &typed).is_empty());

    let mut empty_text = good.clone();
    empty_text["nickname"] = json!("");
    assert!(
        !schemas
            .validate("contact_detail.json", &empty_text)
            .is_empty()
    );

    let mut versioned = good;
    versioned["shape"] = json!("ties.contact_detail/2");
    assert!(
        !schemas
            .validate("contact_detail.json", &versioned)
            .is_empty()
    );
}

/// One shape per thing: a contact, an item, an interaction or a promise
/// reads the same in every command that prints it.
#[test]
fn the_same_thing_has_the_same_shape_in_every_command() {
    let env = Env::new().with_people();
    let added = env.json(&[
        "add",
        "person",
        "Mia Virtanen",
        "--email",
        "mia@example.org",
        "--phone",
        "+358 40 111 2222",
        "--org",
        "Kasvu Oy",
        "--title",
        "CTO",
    ]);
    let mia = id(&added);
    let shown = env.json(&["show", &mia]);
    let contact_keys: Vec<&String> = added.as_object().unwrap().keys().collect();
    for key in &contact_keys {
        if *key != "shape" && *key != "updated_at" {
            assert_eq!(
                added[key.as_str()],
                shown[key.as_str()],
                "add and show differ in {key}"
            );
        }
    }
    // The summary: the same keys hold the same values, emails and phones labelled.
    let list = env.json(&["list"]);
    let summary = list["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == added["id"])
        .unwrap();
    for (key, value) in summary.as_object().unwrap() {
        if shown.get(key).is_some() {
            assert_eq!(value, &shown[key], "list and show differ in {key}");
        }
    }
    assert_eq!(
        summary["emails"],
        json!([{"value": "mia@example.org", "label": null}])
    );
    assert_eq!(summary["affiliations"], shown["affiliations"]);
    assert_eq!(summary["affiliations"][0]["org"]["name"], "Kasvu Oy");

    // An interaction and its items: as logged, as shown, as edited.
    let logged = env.json(&[
        "log",
        &mia,
        "--gave",
        "intro:2",
        "--promise",
        "send the deck",
    ]);
    let shown = env.json(&["show", &mia]);
    let mut in_show = shown["interactions"][0].clone();
    let mut as_logged = logged.clone();
    as_logged.as_object_mut().unwrap().remove("shape");
    assert_eq!(as_logged, in_show, "log and show differ");
    let open = logged["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["state"] == "open")
        .unwrap()
        .clone();
    // The promise, in show, due and the review: the item's id and note.
    let promise = &shown["open_promises"][0];
    assert_eq!(promise["id"], open["id"]);
    assert_eq!(promise["note"], open["note"]);
    let due = env.json(&["due", "--within", "1y"]);
    let review = env.json(&["review", "--limit", "0"]);
    let due_promise = due["promises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == open["id"])
        .unwrap();
    assert_eq!(due_promise, promise);
    let review_promise = review["open_promises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == open["id"])
        .unwrap();
    assert_eq!(review_promise, promise);
    // A settled item as `done` prints it is the item `show` then lists.
    let mut done = env.json(&["done", &id(&open)]);
    done.as_object_mut().unwrap().remove("shape");
    in_show = env.json(&["show", &mia])["interactions"][0].clone();
    let item = in_show["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == done["id"])
        .unwrap();
    assert_eq!(item, &done);
    // An empty text is null, never "".
    assert_eq!(shown["nickname"], Value::Null);
    assert_eq!(shown["met_how"], Value::Null);
    assert_eq!(logged["note"], Value::Null);
}

/// `show` and `network show` give as many interactions in JSON as in text:
/// the newest 20 (a network's 15), or all with `--all`, and say which.
#[test]
fn show_all_is_followed_by_json() {
    let env = Env::new().with_people();
    env.ok(&["network", "add", "Climbing club"]);
    for day in 1..=22 {
        let date = format!("2026-10-{day:02}");
        env.ok(&[
            "log",
            "anna",
            "-d",
            &date,
            "-n",
            &format!("climb {day}"),
            "--network",
            "climbing",
        ]);
    }
    for (what, shown) in [
        (&["show", "anna"][..], 20),
        (&["network", "show", "climbing"][..], 15),
    ] {
        let newest = env.json(what);
        assert_eq!(
            newest["interactions"].as_array().unwrap().len(),
            shown,
            "{what:?}"
        );
        assert_eq!(newest["all_interactions"], false);
        assert_eq!(newest["interactions"][0]["note"], "climb 22");
        let all_args: Vec<&str> = what.iter().copied().chain(["--all"]).collect();
        let all = env.json(&all_args);
        assert_eq!(
            all["interactions"].as_array().unwrap().len(),
            22,
            "{what:?}"
        );
        assert_eq!(all["all_interactions"], true);
    }
    // Fewer than 20: all of them, and said so.
    let bob = env.json(&["show", "bob"]);
    assert_eq!(bob["all_interactions"], true);
}

/// The validator of tests/common/schema.rs itself, on small schemas.
#[test]
fn the_validator_checks_each_keyword_it_knows() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, schema: Value| {
        std::fs::write(dir.path().join(name), schema.to_string()).unwrap();
    };
    write(
        "defs.json",
        json!({"$defs": {"day": {"type": "string", "format": "date"}}}),
    );
    write(
        "thing.json",
        json!({
            "type": "object",
            "properties": {
                "on": {"$ref": "defs.json#/$defs/day"},
                "word": {"enum": ["a", "b"]},
                "text": {"type": ["string", "null"], "minLength": 1},
                "count": {"type": "integer", "minimum": 0},
                "either": {"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 10}]},
                "any": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/pair"}]}
            },
            "required": ["on"],
            "additionalProperties": false,
            "$defs": {"pair": {"type": "array", "items": {"type": "integer"}}}
        }),
    );
    let schemas = Schemas::load(dir.path());
    let fits = |v: Value| schemas.validate("thing.json", &v).is_empty();
    assert!(fits(
        json!({"on": "2026-11-26", "word": "a", "text": null, "count": 0,
        "either": 3, "any": [1, 2]})
    ));
    assert!(!fits(json!({"on": "2026-13-01"})), "a date that is no date");
    assert!(!fits(json!({})), "a required key missing");
    assert!(
        !fits(json!({"on": "2026-11-26", "extra": 1})),
        "a key not in the shape"
    );
    assert!(
        !fits(json!({"on": "2026-11-26", "word": "c"})),
        "a word not in the enum"
    );
    assert!(!fits(json!({"on": "2026-11-26", "text": ""})), "empty text");
    assert!(
        !fits(json!({"on": "2026-11-26", "count": -1})),
        "below the minimum"
    );
    assert!(
        !fits(json!({"on": "2026-11-26", "count": 1.5})),
        "not an integer"
    );
    // 12 is an integer and a number over 10: two of oneOf, not one.
    assert!(
        !fits(json!({"on": "2026-11-26", "either": 12})),
        "two of oneOf"
    );
    assert!(fits(json!({"on": "2026-11-26", "either": 12.5})));
    assert!(
        !fits(json!({"on": "2026-11-26", "any": ["x"]})),
        "none of anyOf"
    );

    write("odd.json", json!({"type": "string", "pattern": "^a"}));
    let schemas = Schemas::load(dir.path());
    let refused = std::panic::catch_unwind(|| schemas.validate("odd.json", &json!("a")));
    assert!(
        refused.is_err(),
        "a keyword the validator does not check is refused"
    );
}

/// The examples of docs/json.md fit the schemas they name (those shown
/// whole; a long one cut with `…` is only checked to name its shape).
#[test]
fn the_examples_of_the_docs_fit_their_schemas() {
    let schemas = Schemas::load(schema_dir());
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md")).unwrap();
    let mut checked = 0;
    for part in docs.split("(schema [`").skip(1) {
        let file = &part[..part.find('`').unwrap()];
        let start = part.find("```json\n").unwrap() + "```json\n".len();
        let body = &part[start..start + part[start..].find("\n```").unwrap()];
        let shape = &schemas.get(file).unwrap()["properties"]["shape"]["const"];
        assert!(
            body.contains(&format!("\"shape\": {shape}")),
            "the example of {file} names another shape"
        );
        if body.contains('…') {
            continue;
        }
        let example: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{file}: {e}"));
        let problems = schemas.validate(file, &example);
        assert!(problems.is_empty(), "the example of {file}: {problems:?}");
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} examples checked");
}
