//! Import and export through the real binary: every fixture format, merging,
//! round trips, bad files leaving the database untouched, and backups.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Env, dump_tables, fixture};
use serde_json::{Value, json};

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn import(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["import"];
    all.extend(args);
    env.json(&all)
}

fn names(list: &Value, key: &str) -> Vec<String> {
    let mut names: Vec<String> = list[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

fn show(env: &Env, query: &str) -> Value {
    env.json(&["show", query])
}

/// The database's contacts with ids replaced by UIDs and timestamps left
/// out: what must survive an export and import into another database.
fn contacts_by_uid(env: &Env) -> BTreeMap<String, Value> {
    let dump: Value = serde_json::from_str(&env.ok(&["export", "json"])).unwrap();
    let uid_of: BTreeMap<i64, String> = dump["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_i64().unwrap(),
                c["uid"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let uid = |v: &Value| {
        v.as_i64()
            .map(|id| json!(uid_of[&id]))
            .unwrap_or(Value::Null)
    };
    let mut out = BTreeMap::new();
    for c in dump["contacts"].as_array().unwrap() {
        let mut c = c.clone();
        let object = c.as_object_mut().unwrap();
        for key in ["id", "created_at", "updated_at"] {
            object.remove(key);
        }
        object["met_through"] = uid(&object["met_through"]);
        let mut related: Vec<Value> = object["related"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| json!({ "contact": uid(&r["contact"]), "relation": r["relation"] }))
            .collect();
        related.sort_by_key(|r| r.to_string());
        object["related"] = json!(related);
        let id = c["uid"].as_str().unwrap().to_string();
        out.insert(id, c);
    }
    let mut affiliations: Vec<String> = dump["affiliations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            format!(
                "{} in {} as {} / {}",
                uid(&a["person"]),
                uid(&a["org"]),
                a["title"],
                a["unit"]
            )
        })
        .collect();
    affiliations.sort();
    out.insert("~affiliations".into(), json!(affiliations));
    out
}

// ---------------------------------------------------------------------------
// vCard
// ---------------------------------------------------------------------------

#[test]
fn vcard_21_phone_export_quoted_printable_and_charsets() {
    let env = Env::new();
    let report = import(&env, &["vcard", path(&fixture("v21_phone.vcf"))]);
    assert_eq!(names(&report, "added"), ["Liisa Mäkelä", "Pekka Järvinen"]);
    assert_eq!(names(&report, "organisations_added"), ["Kasvu Oy"]);

    let liisa = show(&env, "liisa");
    assert_eq!(liisa["phones"][0]["value"], "+358 50 111 2222");
    assert_eq!(liisa["phones"][0]["label"], "cell");
    assert_eq!(liisa["phones"][1]["label"], "home");
    assert_eq!(liisa["emails"][0]["value"], "liisa@example.fi");
    assert_eq!(
        liisa["note"],
        "Met at the sauna society.\nOwes me a book, or two."
    );

    let pekka = show(&env, "pekka");
    assert_eq!(pekka["name"], "Pekka Järvinen", "ISO-8859-1 decoded");
    assert_eq!(pekka["birthday"], "1979-03-12");
    assert_eq!(pekka["affiliations"][0]["org"]["name"], "Kasvu Oy");
    assert_eq!(pekka["affiliations"][0]["title"], "Sales");
    let dump: Value = serde_json::from_str(&env.ok(&["export", "json"])).unwrap();
    let extras = dump["contacts"].to_string();
    assert!(!extras.contains("PHOTO"), "photos are not kept: {extras}");
}

#[test]
fn vcard_30_folding_escapes_groups_and_company_cards() {
    let env = Env::new();
    let report = import(&env, &["vcard", path(&fixture("v30_apple.vcf"))]);
    assert_eq!(names(&report, "added"), ["Bob Smith"]);
    // Bob's ORG created Kasvu Oy; its own card then filled it in.
    assert_eq!(names(&report, "organisations_added"), ["Kasvu Oy"]);
    assert_eq!(names(&report, "merged"), ["Kasvu Oy"]);

    let bob = show(&env, "bob");
    assert_eq!(bob["nickname"], "Bobby");
    assert_eq!(
        bob["emails"][0]["label"], "work",
        "INTERNET and pref are dropped"
    );
    assert_eq!(bob["phones"][0]["label"], "cell");
    assert_eq!(
        bob["note"],
        "Knows everyone in the Tampere scene, really.\nAsk about the meetup venue."
    );
    assert_eq!(bob["tags"], json!(["climbing", "tampere tech"]));
    assert_eq!(bob["birthday"], "1984-02-29");
    assert_eq!(bob["urls"][0]["value"], "https://bob.example");
    assert_eq!(bob["addresses"][0]["street"], "Hämeenkatu 1");
    assert_eq!(bob["addresses"][0]["locality"], "Tampere");
    assert_eq!(bob["addresses"][0]["label"], "work");
    assert_eq!(bob["affiliations"][0]["title"], "CTO");
    assert_eq!(bob["affiliations"][0]["unit"], "Engineering");

    let kasvu = show(&env, "kasvu");
    assert_eq!(kasvu["kind"], "org");
    assert_eq!(kasvu["emails"][0]["value"], "info@kasvu.example");

    // What ties has no field for comes back out.
    let card = env.ok(&["export", "vcard"]);
    assert!(card.contains("item2.X-ABLABEL:_$!<Mobile>!$_"), "{card}");
    assert!(
        card.contains("X-SOCIALPROFILE;TYPE=mastodon:https://mastodon.example/@bob"),
        "{card}"
    );
    assert!(!card.contains("REV:"), "{card}");
}

#[test]
fn vcard_40_kinds_relations_and_cards_without_uid() {
    let env = Env::new();
    import(&env, &["vcard", path(&fixture("v21_phone.vcf"))]);
    let report = import(&env, &["vcard", path(&fixture("v40.vcf"))]);
    assert_eq!(
        names(&report, "added"),
        [
            "Carl Nordin",
            "Nordic Design Collective",
            "Zoë Brontë-Ōkubo"
        ]
    );
    let ndc = show(&env, "nordic design");
    assert_eq!(ndc["kind"], "org");
    assert_eq!(ndc["uid"], "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1");

    let zoe = show(&env, "zoe");
    assert_eq!(zoe["birthday"], "--07-04");
    assert_eq!(zoe["phones"][0]["value"], "+81-90-1234-5678");
    assert_eq!(zoe["phones"][0]["label"], "cell");
    assert_eq!(
        zoe["affiliations"][0]["org"]["name"],
        "Nordic Design Collective"
    );
    // RELATED by text names Liisa, known: a relation. The colleague UID
    // names nobody known: the line is kept for the next export.
    assert_eq!(zoe["related"][0]["contact"]["name"], "Liisa Mäkelä");
    assert_eq!(zoe["related"][0]["relation"], "friend");
    let carl = show(&env, "carl");
    assert_eq!(carl["related"][0]["contact"]["name"], "Zoë Brontë-Ōkubo");
    assert!(carl["uid"].as_str().unwrap().starts_with("urn:uuid:"));
    let card = env.ok(&["export", "vcard"]);
    assert!(
        card.contains("RELATED;TYPE=colleague:urn:uuid:0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f"),
        "{card}"
    );
    assert!(card.contains("X-MASTODON:@zoe@design.example"), "{card}");

    let text = env.ok(&["show", "zoe"]);
    assert!(text.contains("Liisa Mäkelä (friend)"), "{text}");
}

#[test]
fn vcard_folders_and_standard_input() {
    let env = Env::new();
    let report = import(&env, &["vcard", path(&fixture("vcf_folder"))]);
    assert_eq!(names(&report, "added"), ["Anna Järvinen", "Dana Lee"]);

    let out = env
        .cmd()
        .args(["import", "vcard", "-"])
        .write_stdin(std::fs::read(fixture("v40.vcf")).unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("3 added"), "{text}");
}

#[test]
fn import_options_circle_tag_and_text_report() {
    let env = Env::new();
    let out = env.ok(&[
        "import",
        "vcard",
        path(&fixture("v30_apple.vcf")),
        "--circle",
        "work",
        "--tag",
        "from-mac",
    ]);
    assert!(
        out.contains("Imported: 1 added, 1 merged, 0 unchanged, 0 skipped"),
        "{out}"
    );
    assert!(out.contains("created 1 organisation"), "{out}");
    let bob = show(&env, "bob");
    assert_eq!(bob["circle"], "work");
    assert!(bob["tags"].as_array().unwrap().contains(&json!("from-mac")));
    assert_eq!(
        show(&env, "kasvu")["circle"],
        Value::Null,
        "organisations have no circle"
    );
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

#[test]
fn google_csv_current_layout() {
    let env = Env::new();
    let report = import(&env, &["google-csv", path(&fixture("google_current.csv"))]);
    assert_eq!(
        names(&report, "added"),
        ["Anna Järvinen", "Matti Juhani Virtanen", "Tampere Tech ry"]
    );
    let anna = show(&env, "anna");
    assert_eq!(anna["nickname"], "Annie");
    assert_eq!(
        anna["tags"],
        json!(["climbing"]),
        "Google's own groups dropped"
    );
    assert_eq!(anna["emails"][0]["label"], "home");
    assert_eq!(anna["emails"][1]["value"], "anna@kasvu.example");
    assert_eq!(anna["phones"][0]["label"], "mobile");
    assert_eq!(anna["birthday"], "1990-05-17");
    assert_eq!(anna["note"], "Climbs on Tuesdays.\nLikes tea.");
    assert_eq!(anna["addresses"][0]["postal_code"], "33100");
    assert_eq!(anna["urls"][0]["value"], "https://anna.example");
    assert_eq!(anna["affiliations"][0]["title"], "Lead");
    let matti = show(&env, "matti");
    assert_eq!(
        matti["phones"].as_array().unwrap().len(),
        2,
        "' ::: ' splits"
    );
    assert_eq!(matti["birthday"], "--11-20");
    assert_eq!(show(&env, "tampere tech")["kind"], "org");
    // Events are labelled dates, and the vCard export gives the
    // anniversary back as ANNIVERSARY.
    let dates = show(&env, "anna")["dates"].clone();
    assert_eq!(
        dates,
        serde_json::json!([{ "label": "anniversary", "date": "2015-06-01", "yearly": true }])
    );
    assert!(
        env.ok(&["export", "vcard"])
            .contains("ANNIVERSARY:20150601")
    );
}

#[test]
fn google_csv_older_layout() {
    let env = Env::new();
    let report = import(&env, &["google-csv", path(&fixture("google_legacy.csv"))]);
    assert_eq!(names(&report, "added"), ["Heikki Laine", "Sirkka Salo"]);
    let heikki = show(&env, "heikki");
    assert_eq!(heikki["tags"], json!(["sauna society"]));
    assert_eq!(heikki["emails"].as_array().unwrap().len(), 2);
    assert_eq!(heikki["emails"][0]["label"], "work");
    assert_eq!(heikki["affiliations"][0]["org"]["name"], "Laine Consulting");
    assert_eq!(heikki["affiliations"][0]["title"], "Founder");
    assert_eq!(heikki["note"], "Board member");
}

#[test]
fn linkedin_connections_current_and_older() {
    let env = Env::new();
    let report = import(
        &env,
        &["linkedin-csv", path(&fixture("linkedin_connections.csv"))],
    );
    assert_eq!(
        names(&report, "added"),
        ["Anna Järvinen", "Noora Kinnunen", "Olli Heikkinen"]
    );
    let olli = show(&env, "olli");
    assert_eq!(olli["met_on"], "2024-03-15");
    assert_eq!(olli["affiliations"][0]["org"]["name"], "Futurice, Inc.");
    assert_eq!(
        olli["affiliations"][0]["title"],
        "Senior Developer, Platform"
    );
    assert_eq!(olli["urls"][0]["label"], "linkedin");

    import(&env, &["linkedin-csv", path(&fixture("linkedin_old.csv"))]);
    let teemu = show(&env, "teemu");
    assert_eq!(teemu["met_on"], "2017-02-12");
    assert_eq!(teemu["emails"][0]["value"], "teemu@example.fi");
}

// ---------------------------------------------------------------------------
// Merging
// ---------------------------------------------------------------------------

#[test]
fn merging_fills_in_and_never_overwrites() {
    let env = Env::new().with_people();
    env.ok(&["edit", "anna", "--note", "my own words"]);
    let before = show(&env, "anna");
    let report = import(&env, &["google-csv", path(&fixture("google_current.csv"))]);
    let merged = &report["merged"][0];
    assert_eq!(merged["name"], "Anna Järvinen");
    assert_eq!(merged["matched_by"], "email");

    let anna = show(&env, "anna");
    assert_eq!(anna["id"], before["id"]);
    assert_eq!(anna["note"], "my own words", "never overwritten");
    assert_eq!(anna["circle"], "friend");
    assert_eq!(anna["nickname"], "Annie", "missing field filled");
    assert_eq!(anna["birthday"], "1990-05-17");
    assert_eq!(anna["tags"], json!(["climbing"]));
    let emails: Vec<&str> = anna["emails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["value"].as_str().unwrap())
        .collect();
    assert_eq!(emails, ["anna@example.org", "anna@kasvu.example"]);
    // Same number written differently: not added twice.
    assert_eq!(anna["phones"].as_array().unwrap().len(), 1);
}

#[test]
fn matching_by_phone_and_by_name_within_the_organisation() {
    let env = Env::new().with_people();
    env.ok(&["add", "person", "Liisa Mäkelä", "--phone", "+358501112222"]);
    env.ok(&["add", "person", "Pekka Järvinen", "--org", "Kasvu Oy"]);
    env.ok(&["add", "person", "Pekka Järvinen"]); // another Pekka, no organisation
    let report = import(&env, &["vcard", path(&fixture("v21_phone.vcf"))]);
    let by: BTreeMap<String, String> = report["merged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["name"].as_str().unwrap().to_string(),
                o["matched_by"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(by["Liisa Mäkelä"], "phone");
    assert_eq!(by["Pekka Järvinen"], "name");
    assert!(report["added"].as_array().unwrap().is_empty(), "{report}");
    let kasvu_people = show(&env, "kasvu")["affiliations"].clone();
    assert_eq!(kasvu_people.as_array().unwrap().len(), 2, "{kasvu_people}");
}

#[test]
fn dry_run_lists_merges_and_writes_nothing() {
    let env = Env::new().with_people();
    let before = dump_tables(&env.db, &[]);
    let out = env.ok(&[
        "import",
        "google-csv",
        path(&fixture("google_current.csv")),
        "--dry-run",
    ]);
    assert!(out.contains("Dry run, nothing written"), "{out}");
    assert!(out.contains("2 added, 1 merged"), "{out}");
    assert!(out.contains("merge   Anna Järvinen #1 by email"), "{out}");
    assert_eq!(dump_tables(&env.db, &[]), before);
}

#[test]
fn importing_the_same_file_twice_changes_nothing_the_second_time() {
    for (format, file) in [
        ("vcard", "v21_phone.vcf"),
        ("vcard", "v30_apple.vcf"),
        ("vcard", "v40.vcf"),
        ("vcard", "vcf_folder"),
        ("google-csv", "google_current.csv"),
        ("google-csv", "google_legacy.csv"),
        ("linkedin-csv", "linkedin_connections.csv"),
        ("linkedin-csv", "linkedin_old.csv"),
    ] {
        let env = Env::new();
        let file = fixture(file);
        import(&env, &[format, path(&file)]);
        let once = dump_tables(&env.db, &[]);
        let again = import(&env, &[format, path(&file)]);
        assert!(
            again["added"].as_array().unwrap().is_empty()
                && again["merged"].as_array().unwrap().is_empty(),
            "{format} {file:?}: {again}"
        );
        assert_eq!(dump_tables(&env.db, &[]), once, "{format} {file:?}");
    }
}

// ---------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------

/// A database using every field: README people, every fixture, and edits.
fn rich() -> Env {
    let env = Env::new().with_people();
    for file in ["v21_phone.vcf", "v30_apple.vcf", "v40.vcf"] {
        import(&env, &["vcard", path(&fixture(file))]);
    }
    import(&env, &["google-csv", path(&fixture("google_current.csv"))]);
    import(
        &env,
        &["linkedin-csv", path(&fixture("linkedin_connections.csv"))],
    );
    import(&env, &["linkedin-csv", path(&fixture("linkedin_old.csv"))]);
    env.ok(&[
        "edit",
        "olli",
        "--snooze",
        "2w",
        "--every",
        "45d",
        "--met-through",
        "anna",
    ]);
    env.ok(&[
        "edit",
        "noora",
        "--expertise",
        "Rust",
        "--met-how",
        "a conference; long ago",
    ]);
    env.ok(&["archive", "teemu"]);
    // A tie let go must come back let go.
    env.ok(&["edit", "bob", "--reminders", "off"]);
    env
}

#[test]
fn vcard_round_trips_into_an_empty_database() {
    let original = rich();
    env_has_archived(&original);
    let expected = contacts_by_uid(&original);
    for version in ["4.0", "3.0"] {
        let file = original.dir.path().join(format!("all-{version}.vcf"));
        original.ok(&["export", "vcard", "--version", version, "-o", path(&file)]);
        let copy = Env::new();
        import(&copy, &["vcard", path(&file)]);
        assert_eq!(contacts_by_uid(&copy), expected, "vCard {version}");

        // Its own export, imported again: nothing changes.
        let before = dump_tables(&copy.db, &[]);
        let again = import(&copy, &["vcard", path(&file)]);
        assert!(again["merged"].as_array().unwrap().is_empty(), "{again}");
        assert_eq!(dump_tables(&copy.db, &[]), before, "vCard {version} twice");
    }
    // And into the database it came from.
    let file = original.dir.path().join("all-4.0.vcf");
    let before = dump_tables(&original.db, &[]);
    let report = import(&original, &["vcard", path(&file)]);
    assert!(report["added"].as_array().unwrap().is_empty(), "{report}");
    assert!(report["merged"].as_array().unwrap().is_empty(), "{report}");
    assert_eq!(dump_tables(&original.db, &[]), before);
}

#[test]
fn vdir_export_round_trips_and_leaves_other_files_alone() {
    let original = rich();
    let expected = contacts_by_uid(&original);
    let dir = original.dir.path().join("contacts");
    let out = original.ok(&["export", "vcard", "--dir", path(&dir)]);
    let count = expected.len() - 1; // less the affiliations entry
    assert!(
        out.contains(&format!("Exported {count} contacts as vCards")),
        "{out}"
    );
    assert!(out.contains(&format!("({count} new, 0 replaced)")), "{out}");
    #[cfg(unix)]
    assert_eq!(mode(&dir), 0o700);
    let files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), count);
    for file in &files {
        #[cfg(unix)]
        assert_eq!(mode(file), 0o600, "{file:?}");
        let text = std::fs::read_to_string(file).unwrap();
        assert_eq!(text.matches("BEGIN:VCARD").count(), 1, "{file:?}");
        let uid = text
            .lines()
            .find_map(|l| l.strip_prefix("UID:"))
            .unwrap()
            .trim();
        let name = file.file_name().unwrap().to_str().unwrap();
        assert_eq!(name, format!("{}.vcf", uid.replace(':', "%3A")));
    }

    // Into an empty database, the folder gives the same contacts.
    let copy = Env::new();
    import(&copy, &["vcard", path(&dir)]);
    assert_eq!(contacts_by_uid(&copy), expected);

    // Again into the same folder: files of the same UID are replaced, a
    // file of another program is left alone, nothing is deleted.
    std::fs::write(
        dir.join("someone-else.vcf"),
        "BEGIN:VCARD\r\nFN:Else\r\nEND:VCARD\r\n",
    )
    .unwrap();
    original.ok(&["edit", "anna", "--note", "changed"]);
    let out = original.ok(&["export", "vcard", "--dir", path(&dir)]);
    assert!(
        out.contains(&format!(
            "(0 new, {count} replaced; 1 other .vcf file left as they were)"
        )),
        "{out}"
    );
    assert!(dir.join("someone-else.vcf").exists());
    let report = import(&copy, &["vcard", path(&dir)]);
    assert_eq!(names(&report, "added"), ["Else"]);
    assert_eq!(
        show(&copy, "anna")["note"],
        "met at the Tampere meetup",
        "never overwritten"
    );

    let file = original.dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let err = original.fails(&["export", "vcard", "--dir", path(&file)]);
    assert!(err.contains("is a file, not a folder"), "{err}");
}

fn env_has_archived(env: &Env) {
    let archived = env.json(&["list", "--archived"])["contacts"].take();
    assert_eq!(archived.as_array().unwrap().len(), 1);
}

#[test]
fn vcard_uids_are_stable_across_exports() {
    let env = Env::new().with_people();
    let first = env.ok(&["export", "vcard"]);
    env.ok(&["add", "person", "Carl"]);
    let second = env.ok(&["export", "vcard"]);
    let uids = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (uids(&first), uids(&second));
    assert_eq!(a.len(), 3);
    assert!(a.iter().all(|uid| b.contains(uid)), "{a:?} {b:?}");
}

#[test]
fn json_round_trip_reproduces_every_table() {
    let original = rich();
    original.ok(&[
        "demo",
        "--force",
        "--contacts",
        "40",
        "--interactions",
        "300",
    ]);
    original.ok(&["review", "--done", "-n", "good week"]);
    let file = original.dir.path().join("everything.json");
    original.ok(&["export", "json", "-o", path(&file)]);

    let copy = Env::new();
    let report = import(&copy, &["json", path(&file)]);
    assert_eq!(report["mode"], "exact");
    // Derived figures are rebuilt by the triggers: compared apart, allowing
    // for floating-point summation order. The search index numbers its
    // documents in the order they were written: compared by what it finds. The history is the
    // database's own journal of changes, not part of the export.
    let skip = [
        "contact_stats",
        "history",
        "history_rows",
        "search_docs",
        "search_index",
        "search_index_config",
        "search_index_data",
        "search_index_docsize",
        "search_index_idx",
    ];
    assert_eq!(
        dump_tables(&copy.db, &skip),
        dump_tables(&original.db, &skip)
    );
    let stats = |env: &Env| dump_tables(&env.db, &[])["contact_stats"].clone();
    for (a, b) in stats(&original).iter().zip(stats(&copy).iter()) {
        let (a, b): (Vec<&str>, Vec<&str>) = (a.split('|').collect(), b.split('|').collect());
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            match (x.parse::<f64>(), y.parse::<f64>()) {
                (Ok(x), Ok(y)) => assert!((x - y).abs() <= 1e-9 * x.abs().max(1.0), "{a:?} {b:?}"),
                _ => assert_eq!(x, y),
            }
        }
    }
    // The same answers from the commands that read them.
    assert_eq!(
        copy.ok(&["review", "--format", "json"]),
        original.ok(&["review", "--format", "json"])
    );
    for text in ["coffee", "intro", "a"] {
        let args = ["search", text, "--limit", "0", "--format", "json"];
        assert_eq!(copy.ok(&args), original.ok(&args), "search {text}");
    }
}

#[test]
fn json_into_a_database_with_data_needs_merge() {
    let original = Env::new().with_people();
    original.ok(&[
        "log",
        "anna",
        "bob",
        "-d",
        "yesterday",
        "--gave",
        "intro:2@anna",
    ]);
    let file = original.dir.path().join("export.json");
    original.ok(&["export", "json", "-o", path(&file)]);

    let other = Env::new();
    other.ok(&["add", "person", "Someone Else"]);
    let before = dump_tables(&other.db, &[]);
    let err = other.fails(&["import", "json", path(&file)]);
    assert!(err.contains("same ids") && err.contains("--merge"), "{err}");
    assert_eq!(dump_tables(&other.db, &[]), before);

    let report = import(&other, &["json", path(&file), "--merge"]);
    assert_eq!(report["mode"], "merge");
    assert_eq!(report["contacts"]["added"].as_array().unwrap().len(), 3);
    assert_eq!(report["interactions_added"], 1);
    let anna = show(&other, "anna");
    assert_eq!(anna["interactions"].as_array().unwrap().len(), 1);
    assert_eq!(show(&other, "bob")["met_through"]["name"], "Anna Järvinen");

    let once = dump_tables(&other.db, &[]);
    let again = import(&other, &["json", path(&file), "--merge"]);
    assert_eq!(again["interactions_added"], 0);
    assert_eq!(again["interactions_skipped"], 1);
    assert_eq!(dump_tables(&other.db, &[]), once);
}

#[test]
fn json_into_a_database_without_shared_ids_keeps_them() {
    let a = Env::new();
    a.ok(&["add", "person", "Anna"]);
    let file = a.dir.path().join("a.json");
    a.ok(&["export", "json", "-o", path(&file)]);
    // Move Anna to id 5 in the file, then import next to another contact.
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("\"id\": 1,", "\"id\": 5,");
    std::fs::write(&file, text).unwrap();
    let b = Env::new();
    b.ok(&["add", "person", "Bob"]);
    let report = import(&b, &["json", path(&file)]);
    assert_eq!(report["mode"], "exact");
    assert_eq!(show(&b, "#5")["name"], "Anna");
}

// ---------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------

/// Runs an import that must fail, checks the database did not change and
/// returns the one-line error.
fn refused(env: &Env, args: &[&str]) -> String {
    let before = dump_tables(&env.db, &[]);
    let err = env.fails(args);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("error: "), "{err}");
    assert_eq!(
        dump_tables(&env.db, &[]),
        before,
        "{args:?} changed the database"
    );
    err
}

#[test]
fn bad_files_name_the_file_the_line_and_the_problem() {
    let env = Env::new().with_people();
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "vcard",
            "broken_truncated.vcf",
            &["line 5 (card 2)", "truncated", "--skip-invalid"],
        ),
        ("vcard", "not_a_vcard.vcf", &["line 1", "not a vCard file"]),
        (
            "google-csv",
            "google_missing_headers.csv",
            &[
                "line 1",
                "Google Contacts layout",
                "Full name, Mail",
                "--map",
            ],
        ),
        (
            "csv",
            "google_missing_headers.csv",
            &["line 1", "the columns found are: Full name, Mail", "--map"],
        ),
        (
            "google-csv",
            "linkedin_connections.csv",
            &["not in the Google Contacts layout"],
        ),
        (
            "linkedin-csv",
            "linkedin_truncated.csv",
            &["line 3", "truncated"],
        ),
        (
            "linkedin-csv",
            "google_current.csv",
            &["not in the LinkedIn connections layout"],
        ),
        ("json", "broken_truncated.json", &["line 8", "truncated"]),
        ("json", "not_ties.json", &["not a ties JSON export"]),
        (
            "json",
            "future_version.json",
            &["version 99", "upgrade ties"],
        ),
        ("json", "v40.vcf", &["not valid JSON"]),
    ];
    for (format, file, expected) in cases {
        let file = fixture(file);
        let err = refused(&env, &["import", format, path(&file)]);
        assert!(err.contains(path(&file)), "{format} {file:?}: {err}");
        for part in *expected {
            assert!(
                err.contains(part),
                "{format} {file:?}: '{part}' not in {err}"
            );
        }
    }
    let err = refused(&env, &["import", "vcard", "/nonexistent/contacts.vcf"]);
    assert!(
        err.contains("cannot read /nonexistent/contacts.vcf"),
        "{err}"
    );
}

#[test]
fn skip_invalid_imports_the_good_records_and_lists_the_bad() {
    let env = Env::new();
    let out = env.ok(&[
        "import",
        "vcard",
        path(&fixture("broken_truncated.vcf")),
        "--skip-invalid",
    ]);
    assert!(
        out.contains("1 added, 0 merged, 0 unchanged, 1 skipped"),
        "{out}"
    );
    assert!(
        out.contains("broken_truncated.vcf, line 5 (card 2)"),
        "{out}"
    );
    let listed = env.json(&["list"])["contacts"].take();
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

#[test]
fn what_cannot_be_used_is_said_not_refused() {
    // A card without FN, N or ORG is named from its email.
    let env = Env::new();
    let out = env.ok(&["import", "vcard", path(&fixture("broken_noname.vcf"))]);
    assert!(
        out.contains("3 added, 0 merged, 0 unchanged, 0 skipped"),
        "{out}"
    );
    assert!(
        out.contains("renamed     ")
            && out.contains(
                "line 6 (card 2): no FN, N or ORG: named 'nobody@example.org' from its email"
            ),
        "{out}"
    );
    assert_eq!(show(&env, "nobody")["phones"][0]["value"], "+358 1 234");

    // Text that is not UTF-8 and names no charset is read as Windows-1252.
    let report = import(&env, &["vcard", path(&fixture("broken_utf8.vcf"))]);
    assert_eq!(
        names(&report, "added"),
        ["Järvinen without a charset", "Valid Name"]
    );
    assert_eq!(report["notes"][0]["kind"], "reencoded");
    assert_eq!(report["notes"][0]["card"], 2);
    let report = import(&env, &["google-csv", path(&fixture("google_bad_utf8.csv"))]);
    assert!(
        names(&report, "added").contains(&"Anna Järvinen".to_string()),
        "{report}"
    );
    assert!(
        report["detected"].to_string().contains("windows-1252"),
        "{report}"
    );

    // LinkedIn rows of connections who hide their name are skipped and listed.
    let report = import(
        &env,
        &["linkedin-csv", path(&fixture("linkedin_noname.csv"))],
    );
    assert_eq!(report["skipped"][0]["line"], 3);
    assert!(
        report["skipped"][0]["problem"]
            .as_str()
            .unwrap()
            .contains("hides their name")
    );
    assert_eq!(report["added"].as_array().unwrap().len(), 1, "{report}");
}

#[test]
fn a_bad_file_among_good_ones_imports_nothing() {
    let env = Env::new();
    // Reads create no database; a write does.
    env.ok(&["add", "person", "Already Here"]);
    let before = dump_tables(&env.db, &[]);
    let err = env.fails(&[
        "import",
        "vcard",
        path(&fixture("v40.vcf")),
        path(&fixture("broken_truncated.vcf")),
    ]);
    assert!(err.contains("broken_truncated.vcf"), "{err}");
    assert_eq!(dump_tables(&env.db, &[]), before);
}

// ---------------------------------------------------------------------------
// Files written, and backups
// ---------------------------------------------------------------------------

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn exports_are_owner_only_and_csv_is_spreadsheet_friendly() {
    let env = Env::new().with_people();
    env.ok(&["add", "person", "=HYPERLINK(\"x\")"]);
    for what in ["vcard", "json", "csv"] {
        let file = env.dir.path().join(format!("out.{what}"));
        let out = env.ok(&["export", what, "-o", path(&file)]);
        assert!(out.contains("Exported 4 contacts"), "{out}");
        #[cfg(unix)]
        assert_eq!(mode(&file), 0o600, "{what}");
    }
    let csv = std::fs::read(env.dir.path().join("out.csv")).unwrap();
    assert!(
        csv.starts_with(b"\xef\xbb\xbfid,kind,name,"),
        "a BOM, then the header"
    );
    let text = String::from_utf8(csv).unwrap();
    assert!(text.contains("Anna Järvinen"), "{text}");
    assert!(text.contains("Kasvu Oy (CTO)"), "{text}");
    assert!(text.contains("\"'=HYPERLINK"), "formulas defused: {text}");
}

#[test]
fn vcard_export_versions() {
    let env = Env::new().with_people();
    let v4 = env.ok(&["export", "vcard"]);
    assert!(v4.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"), "{v4}");
    assert!(v4.contains("KIND:org"), "{v4}");
    let v3 = env.ok(&["export", "vcard", "--version", "3.0"]);
    assert!(
        v3.contains("VERSION:3.0\r\n") && !v3.contains("\nKIND:"),
        "{v3}"
    );
    assert!(v3.contains("X-ABShowAs:COMPANY"), "{v3}");
    let err = env.fails(&["export", "vcard", "--version", "2.1"]);
    assert!(err.contains("[possible values: 4.0, 3.0]"), "{err}");
    for line in v4.split("\r\n") {
        assert!(line.len() <= 75, "folded: {line:?}");
    }
}

#[test]
fn backup_is_consistent_private_and_never_overwrites() {
    let env = Env::new().with_people();
    // A reader holding the database open, as the UI would.
    let reader = rusqlite::Connection::open(&env.db).unwrap();
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM contacts;")
        .unwrap();

    let out = env.ok(&["backup"]);
    let copy = env.dir.path().join("ties-backup-2026-11-26.db");
    assert!(out.contains("ties-backup-2026-11-26.db"), "{out}");
    #[cfg(unix)]
    assert_eq!(mode(&copy), 0o600);
    reader.execute_batch("COMMIT").unwrap();

    let restored = Env {
        dir: tempfile::tempdir().unwrap(),
        db: copy.clone(),
    };
    assert_eq!(
        restored.ok(&["list", "--format", "json"]),
        env.ok(&["list", "--format", "json"])
    );
    // Another backup the same day gets another name; a named file is never overwritten.
    assert!(env.ok(&["backup"]).contains("ties-backup-2026-11-26-2.db"));
    let err = env.fails(&["backup", path(&copy)]);
    assert!(err.contains("already exists"), "{err}");
    let named = env.dir.path().join("sub/named.db");
    env.ok(&["backup", path(&named)]);
    assert!(named.exists());
}

// ---------------------------------------------------------------------------
// Robustness: any bytes into any parser give records or a clean error.
// ---------------------------------------------------------------------------

mod robustness {
    use proptest::prelude::*;

    fn vcardish() -> impl Strategy<Value = Vec<u8>> {
        let line = prop_oneof![
            Just(b"BEGIN:VCARD".to_vec()),
            Just(b"END:VCARD".to_vec()),
            Just(b"VERSION:2.1".to_vec()),
            Just(b"FN:Anna".to_vec()),
            Just(b"N;ENCODING=QUOTED-PRINTABLE:=C3=A4=".to_vec()),
            Just(b" folded".to_vec()),
            Just(b"ORG:;;".to_vec()),
            Just(b"RELATED;VALUE=text:x".to_vec()),
            Just(b"X-TIES-EVERY:0".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..20),
        ];
        proptest::collection::vec(line, 0..12).prop_map(|lines| lines.join(&b"\r\n"[..]))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn parsers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = ties::import::vcard::parse(&bytes);
            let _ = ties::import::google::parse(&bytes);
            let _ = ties::import::linkedin::parse(&bytes);
            let _ = ties::import::json::parse(&bytes);
        }

        #[test]
        fn vcard_parser_never_panics_on_card_like_input(bytes in vcardish()) {
            if let Ok(parsed) = ties::import::vcard::parse(&bytes) {
                for record in parsed.entries {
                    match record {
                        Ok(r) => prop_assert!(!r.name.trim().is_empty()),
                        Err(e) => prop_assert!(e.line >= 1 && !e.problem.is_empty()),
                    }
                }
            }
        }

        #[test]
        fn csv_parsers_never_panic_on_csv_like_input(
            rows in proptest::collection::vec("[a-zA-Z0-9 ,\"@:\\-\n]{0,40}", 0..8)
        ) {
            let text = format!("First Name,Last Name,Connected On,E-mail 1 - Value\n{}", rows.join("\n"));
            let _ = ties::import::google::parse(text.as_bytes());
            let _ = ties::import::linkedin::parse(text.as_bytes());
        }
    }
}

/// Earlier versions wrote exports through `.NAME.ties-PID.tmp`, opened
/// without O_EXCL: a link planted at the next PIDs' names redirected the
/// export into another file.
#[cfg(target_os = "linux")]
#[test]
fn export_does_not_follow_a_link_planted_at_its_temporary_name() {
    let env = Env::new().with_people();
    let victim = env.dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let last: u32 = std::fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let planted: Vec<_> = (last + 1..last + 400)
        .map(|pid| env.dir.path().join(format!(".out.json.ties-{pid}.tmp")))
        .collect();
    for link in &planted {
        std::os::unix::fs::symlink(&victim, link).unwrap();
    }
    let out = env.dir.path().join("out.json");
    env.ok(&["export", "json", "-o", path(&out)]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        std::fs::symlink_metadata(&out)
            .unwrap()
            .file_type()
            .is_file()
    );
    assert_eq!(
        mode(&victim),
        0o666 & !umask(),
        "the victim was not chmod-ed"
    );
}

#[cfg(unix)]
fn umask() -> u32 {
    // SAFETY: umask is always safe; it is set straight back.
    unsafe {
        let old = libc::umask(0o022);
        libc::umask(old);
        old as u32
    }
}

/// A killed export leaves its temporary file: the next write in that
/// folder removes it (no live process holds it), whatever its name.
#[test]
fn what_killed_exports_left_is_removed_by_the_next() {
    let env = Env::new().with_people();
    let dead = [
        ".contacts.vcf.Xy12Zq.ties.tmp",
        ".out.json.ties-123456.tmp",
        ".old.csv.AbCdEf.ties.tmp-journal",
    ];
    for name in dead {
        std::fs::write(env.dir.path().join(name), vec![b'x'; 1 << 20]).unwrap();
    }
    let out = env.dir.path().join("out.json");
    env.ok(&["export", "json", "-o", path(&out)]);
    let mut left: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    left.sort();
    assert_eq!(left, Vec::<String>::new());
}

#[test]
fn csv_export_carries_dates_and_reads_back() {
    let original = Env::new().with_people();
    original.ok(&["edit", "anna", "--birthday", "1990-02-14"]);
    original.ok(&[
        "edit",
        "anna",
        "--date",
        "anniversary=2015-06-01",
        "--date",
        "name day=--12-09",
    ]);
    original.ok(&["edit", "bob", "--birthday", "--07-04"]);
    let file = original.dir.path().join("contacts.csv");
    original.ok(&["export", "csv", "-o", path(&file)]);
    let text = String::from_utf8(common::read_bytes(&file)).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.contains(",birthday,dates,"), "{header}");
    let anna = text.lines().find(|l| l.contains("Anna")).unwrap();
    assert!(
        anna.contains(",1990-02-14,anniversary=2015-06-01; name day=--12-09,"),
        "{anna}"
    );

    let copy = Env::new();
    let report = import(&copy, &["csv", path(&file)]);
    assert_eq!(
        report["detected"][0]["what"]
            .as_str()
            .map(|s| s.contains("ties' own CSV export")),
        Some(true),
        "{report}"
    );
    let dates = |env: &Env, who: &str| {
        let contact = show(env, who);
        let labelled: Vec<String> = contact["dates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{}={}",
                    d["label"].as_str().unwrap(),
                    d["date"].as_str().unwrap()
                )
            })
            .collect();
        (contact["birthday"].clone(), labelled)
    };
    for who in ["anna", "bob", "kasvu"] {
        assert_eq!(dates(&copy, who), dates(&original, who), "{who}");
    }
    assert_eq!(show(&copy, "kasvu")["kind"], "org");
    assert_eq!(
        dates(&copy, "anna"),
        (
            json!("1990-02-14"),
            vec![
                "anniversary=2015-06-01".to_string(),
                "name day=--12-09".to_string()
            ]
        )
    );
}
