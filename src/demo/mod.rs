//! `ties demo`: a realistic database to try every screen on.
//!
//! Generation has two steps. `Plan::draw` decides everything in memory from
//! one seeded generator: names, circles, how active each tie is, networks and
//! their members, interactions and their give/take items. `Plan::write`
//! then stores it through the same bulk writers an import uses, inside the
//! caller's single transaction. Every date counts back from the store's
//! clock, so the same seed on the same `today` writes byte-identical data.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use fastrand::Rng;
use rusqlite::{Transaction, params};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Channel, Circle, Direction, Intent, ItemKind, ItemState, Kind, Labelled, Role};
use crate::store::{self, NewContact, NewInteraction, NewItem, NewNetwork, Store};
use crate::text::fold;

#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub contacts: usize,
    pub interactions: usize,
    pub seed: u64,
    /// Add demo data to a database that already holds contacts.
    pub force: bool,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            contacts: 150,
            interactions: 2500,
            seed: 1,
            force: false,
        }
    }
}

/// What `generate` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct DemoSummary {
    /// People and organisations together.
    pub contacts: usize,
    pub organisations: usize,
    pub networks: usize,
    pub interactions: usize,
    pub items: usize,
    pub open_promises: usize,
}

/// Fills the store with demo data in one transaction: all of it or nothing.
/// Refuses a database that already holds contacts unless `options.force`.
pub fn generate(store: &mut Store, options: &DemoOptions) -> Result<DemoSummary> {
    if options.contacts == 0 {
        return Err(Error::rejected("--contacts must be at least 1"));
    }
    let clock = store.clock();
    let now = clock.timestamp();
    store.write(|tx| {
        let existing: i64 = tx.query_row("SELECT count(*) FROM contacts", [], |row| row.get(0))?;
        if existing > 0 && !options.force {
            let plural = if existing == 1 { "" } else { "s" };
            return Err(Error::rejected(format!(
                "the database already holds {existing} contact{plural}: `ties demo` fills only an empty database; add --force to add demo data anyway"
            )));
        }
        Plan::draw(options).write(tx, clock.today, &now)
    })
}

/// How far back the history reaches.
const SPAN_DAYS: u32 = 3 * 365;
/// Open promises are recent: older ones would have been kept or let go.
const PROMISE_DAYS: u32 = 60;
/// Share of interactions that happen within a network.
const NETWORK_SHARE: f64 = 0.15;
const MAX_PARTICIPANTS: usize = 4;
const MAX_ITEMS: usize = 3;

// ---------------------------------------------------------------------------
// Vocabulary: names, organisations, professions, networks, notes.
// ---------------------------------------------------------------------------

/// Names of one naming tradition, so that first and last names match.
struct Culture {
    share: u32,
    given: &'static [&'static str],
    family: &'static [&'static str],
    /// Family name first ("Nguyễn Thị Lan", "王小明").
    family_first: bool,
    /// Written without a space (Chinese and Japanese in their own script).
    joined: bool,
}

#[rustfmt::skip]
const CULTURES: &[Culture] = &[
    Culture {
        share: 58,
        given: &[
            "Aino", "Anna", "Antti", "Eero", "Elina", "Emma", "Heikki", "Helmi", "Ilkka", "Jari",
            "Johanna", "Juha", "Jukka", "Kaisa", "Katja", "Laura", "Leena", "Liisa", "Matti",
            "Mikko", "Minna", "Noora", "Olli", "Outi", "Päivi", "Pekka", "Petri", "Riikka",
            "Sanna", "Satu", "Tiina", "Timo", "Tuomas", "Ville", "Väinö", "Aleksi", "Onni",
            "Veera", "Eetu", "Lotta", "Ilona", "Jyrki", "Sirkka", "Kalle", "Hanna", "Ella",
            "Oskari", "Iida", "Niko", "Essi", "Aapo", "Aada", "Akseli", "Amanda", "Arttu", "Eevi",
            "Eino", "Elias", "Emilia", "Erkki", "Hilkka", "Iiris", "Ilmari", "Inkeri", "Janne",
            "Jenni", "Joonas", "Juho", "Kaarina", "Kaija", "Kari", "Kerttu", "Kirsi", "Lauri",
            "Leo", "Maija", "Marjatta", "Markku", "Merja", "Milla", "Mirja", "Nea", "Oona", "Pasi",
            "Pirjo", "Raili", "Reijo", "Saara", "Samuli", "Seppo", "Silja", "Taneli", "Tarja",
            "Teemu", "Terhi", "Toni", "Tuula", "Urho", "Vilja", "Aila",
        ],
        family: &[
            "Järvinen", "Häkkinen", "Mäkelä", "Virtanen", "Korhonen", "Nieminen", "Mäkinen",
            "Hämäläinen", "Laine", "Heikkinen", "Koskinen", "Lehtonen", "Lehtinen", "Saarinen",
            "Salminen", "Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo",
            "Laitinen", "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila", "Savolainen",
            "Lahtinen", "Ahonen", "Pöllänen", "Kärkkäinen", "Ylönen", "Väisänen", "Leinonen",
            "Hiltunen", "Peltonen", "Kallio", "Räsänen", "Aaltonen", "Anttila", "Eskola", "Halonen",
            "Hirvonen", "Honkanen", "Huttunen", "Ikonen", "Jääskeläinen", "Kauppinen", "Kemppainen",
            "Keränen", "Kettunen", "Kivelä", "Koivisto", "Kokkonen", "Kontio", "Kosonen",
            "Laaksonen", "Lappalainen", "Lindroos", "Manninen", "Markkanen", "Miettinen",
            "Moilanen", "Mustonen", "Nurmi", "Nykänen", "Oksanen", "Paananen", "Partanen",
            "Pesonen", "Pitkänen", "Pulkkinen", "Puustinen", "Rautio", "Repo", "Riihimäki",
            "Rissanen", "Ruotsalainen", "Seppälä", "Sirviö", "Sundström", "Suominen", "Tanskanen",
            "Toivonen", "Tolonen", "Vainio", "Valtonen", "Vartiainen", "Vesterinen", "Viitanen",
            "Vuorinen", "Ylitalo", "Östman", "Åkerlund", "Hyvönen", "Keskinen", "Nyberg",
        ],
        family_first: false,
        joined: false,
    },
    Culture {
        share: 10,
        given: &[
            "Erik", "Johan", "Fredrik", "Ida", "Elsa", "Linnea", "Magnus", "Oskar", "Sofia",
            "Søren", "Åsa", "Björn", "Ingrid", "Astrid", "Henrik", "Sigrid", "Mads", "Freja",
            "Nils", "Märta", "Lars", "Karin", "Anders", "Maja", "Olof", "Ebba", "Viktor", "Tove",
            "Gustav", "Hedvig",
        ],
        family: &[
            "Lindström", "Lindqvist", "Nyström", "Sjöberg", "Holmström", "Ekström", "Lindholm",
            "Andersson", "Johansson", "Sørensen", "Kjær", "Øverby", "Åberg", "Berg", "Dahl",
            "Strand", "Hansen", "Löfgren", "Wikström", "Grönroos", "Forsberg", "Sandberg", "Lund",
            "Holm", "Bergström", "Eklund", "Fagerström", "Blomqvist", "Wallin", "Nordin",
        ],
        family_first: false,
        joined: false,
    },
    Culture {
        share: 20,
        given: &[
            "Zoë", "José", "Chloé", "François", "Léa", "Miguel", "Lucía", "Matteo", "Giulia",
            "Sebastian", "Hannah", "Lukas", "Sarah", "David", "James", "Olivia", "Amelia", "Noah",
            "Ana", "João", "Inês", "Małgorzata", "Piotr", "Tomáš", "Jürgen", "Anaïs", "Renée",
            "Priya", "Arjun", "Ananya", "Rahul", "Ahmed", "Fatima", "Omar", "Layla", "Yusuf",
            "Elif", "Mehmet", "Abdi", "Hodan", "Aleksandra", "Dmitri", "Kateryna", "Olena", "Kwame",
            "Amara", "Chinedu", "Mariana", "Diego", "Camila", "Isabella", "Mateo", "Sofía",
            "Valentina", "Thomas", "Emily", "Oliver", "Charlotte", "Ethan", "Grace", "Maximilian",
            "Leonie", "Henri", "Camille", "Élodie", "Nikolai", "Irina", "Andrei", "Ivana", "Marek",
            "Zuzana", "Aisha", "Bilal", "Nadia", "Karim", "Tendai", "Wanjiru", "Siddharth", "Kavya",
        ],
        family: &[
            "García", "Fernández", "López", "Müller", "Schmidt", "Rossi", "Bianchi", "Dubois",
            "Lefèvre", "Smith", "Brown", "O'Connor", "Novák", "Nowak", "Dvořák", "Horváth", "Silva",
            "Santos", "Costa", "Petrov", "Kovalenko", "Shevchenko", "Sharma", "Patel", "Iyer",
            "Nair", "Hassan", "Yılmaz", "Demir", "Kaya", "Farah", "Warsame", "Mensah", "Okafor",
            "Oliveira", "Moreau", "Weber", "Fischer", "Jansen", "de Vries", "Kowalczyk", "Murphy",
            "Walsh", "Haddad", "Khan", "Ali", "Martínez", "Rodríguez", "Romero", "Bauer", "Wagner",
            "Hoffmann", "Ricci", "Esposito", "Laurent", "Girard", "Taylor", "Wilson", "Evans",
            "Svoboda", "Kovač", "Popescu", "Ionescu", "Ivanov", "Volkov", "Kuznetsov", "Rahman",
            "Chowdhury", "Mehta", "Reddy", "Osei", "Adeyemi", "Mwangi", "Abebe", "Nascimento",
            "Pereira",
        ],
        family_first: false,
        joined: false,
    },
    Culture {
        share: 3,
        given: &[
            "Thị Lan", "Văn Minh", "Thu Hà", "Đức Anh", "Minh Châu", "Quang Huy", "Thanh Hương",
            "Bảo Ngọc",
        ],
        family: &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"],
        family_first: true,
        joined: false,
    },
    Culture {
        share: 3,
        given: &[
            "小明", "娜", "伟", "静", "洋", "秀英", "建华", "丽", "磊", "婷",
        ],
        family: &["王", "李", "张", "刘", "陈", "杨", "黄", "赵"],
        family_first: true,
        joined: true,
    },
    Culture {
        share: 1,
        given: &["花子", "健太", "結衣", "翔太", "美咲"],
        family: &["佐藤", "鈴木", "高橋", "田中", "渡辺"],
        family_first: true,
        joined: true,
    },
    Culture {
        share: 2,
        given: &[
            "Yuki", "Hiroshi", "Aiko", "Kenji", "Sakura", "Haruto", "Yui", "Ren",
        ],
        family: &[
            "Tanaka", "Sato", "Suzuki", "Takahashi", "Watanabe", "Yamamoto", "Nakamura",
        ],
        family_first: false,
        joined: false,
    },
    Culture {
        share: 2,
        given: &[
            "Min-jun", "Ji-woo", "Seo-yeon", "Hyun-woo", "Ji-ho", "Soo-ah",
        ],
        family: &["Kim", "Park", "Lee", "Choi", "Jung", "Kang"],
        family_first: false,
        joined: false,
    },
];

/// Organisations with a known character, used first: (name, tag, expertise).
const NAMED_ORGS: &[(&str, &str, &str)] = &[
    ("Kasvu Oy", "customer", "growth marketing"),
    ("Tampereen Yliopisto", "university", "research"),
    ("Nordic Design Collective", "partner", "design"),
    ("Sisu Ventures", "investor", "funding"),
    ("Business Tampere", "public-sector", "public funding"),
    ("Kide Software Oy", "supplier", "rust"),
    ("Aalto-yliopisto", "university", "machine learning"),
    ("Tilitoimisto Numerot Oy", "supplier", "accounting"),
    ("Pohjola Legal Oy", "supplier", "law"),
    ("Valo Analytics Oy", "customer", "data science"),
    (
        "Suomen Startup-yhteisö ry",
        "association",
        "community building",
    ),
    ("Climate Lab Berlin", "partner", "climate science"),
    ("Lumi Games Oy", "prospect", "game development"),
    ("Tallinn Fintech OÜ", "prospect", "payments"),
    ("Arctic Robotics AB", "customer", "robotics"),
    ("Helmi-säätiö", "funder", "grant writing"),
];

/// Parts for more organisations once the named ones run out.
#[rustfmt::skip]
const ORG_STEMS: &[&str] = &[
    "Kasvu", "Valo", "Kide", "Tuuli", "Kivi", "Lumi", "Aalto", "Revontuli", "Sisu", "Helmi",
    "Kaiku", "Virta", "Aura", "Saimaa", "Pohjola", "Halla", "Myrsky", "Routa", "Tähti", "Kuura",
    "Nova", "Arktis", "Boreal", "Fjord", "Aurora", "Taiga", "Polar", "Norr", "Sävel", "Ilma",
    "Kelo", "Vire", "Usva", "Ahjo", "Louhi",
];
/// (sector word in the name, what such a company knows about)
const ORG_SECTORS: &[(&str, &str)] = &[
    ("Software", "software development"),
    ("Analytics", "data science"),
    ("Design", "design"),
    ("Consulting", "strategy"),
    ("Energy", "energy"),
    ("Health", "health tech"),
    ("Media", "marketing"),
    ("Robotics", "robotics"),
    ("Logistics", "logistics"),
    ("Games", "game development"),
    ("Legal", "law"),
    ("Capital", "funding"),
    ("Foods", "food industry"),
    ("Bio", "biotech"),
    ("Systems", "embedded"),
    ("Studio", "branding"),
    ("Labs", "research"),
    ("Accounting", "accounting"),
];
const ORG_SUFFIXES: &[&str] = &["Oy", "Oy", "Oy", "Oy", "Ab", "Ltd", "AS", "GmbH", "OÜ"];
const ORG_TAGS: &[&str] = &["customer", "partner", "supplier", "prospect"];
/// Legal-form words left out of an organisation's mail domain.
const LEGAL_FORMS: &[&str] = &["oy", "oyj", "ab", "ry", "ltd", "gmbh", "as", "ou", "sr"];

/// What a person does: their titles and the topics they know.
struct Profession {
    share: u32,
    titles: &'static [&'static str],
    expertise: &'static [&'static str],
}

const PROFESSIONS: &[Profession] = &[
    Profession {
        share: 22,
        titles: &[
            "software engineer",
            "senior developer",
            "CTO",
            "tech lead",
            "platform engineer",
            "data engineer",
        ],
        expertise: &[
            "rust",
            "kubernetes",
            "cloud",
            "databases",
            "security",
            "python",
            "typescript",
            "embedded",
        ],
    },
    Profession {
        share: 10,
        titles: &[
            "designer",
            "service designer",
            "UX researcher",
            "design lead",
            "art director",
        ],
        expertise: &[
            "design",
            "ux research",
            "accessibility",
            "branding",
            "illustration",
        ],
    },
    Profession {
        share: 10,
        titles: &[
            "researcher",
            "professor",
            "doctoral researcher",
            "postdoc",
            "research director",
        ],
        expertise: &[
            "machine learning",
            "data science",
            "statistics",
            "grant writing",
            "climate science",
        ],
    },
    Profession {
        share: 14,
        titles: &[
            "CEO",
            "founder",
            "COO",
            "sales director",
            "account manager",
            "business developer",
        ],
        expertise: &[
            "sales",
            "funding",
            "strategy",
            "public procurement",
            "export",
        ],
    },
    Profession {
        share: 7,
        titles: &[
            "accountant",
            "CFO",
            "controller",
            "investment manager",
            "partner",
        ],
        expertise: &["accounting", "funding", "tax", "investing"],
    },
    Profession {
        share: 5,
        titles: &["lawyer", "legal counsel", "partner"],
        expertise: &["law", "contracts", "gdpr", "employment law"],
    },
    Profession {
        share: 10,
        titles: &[
            "marketing manager",
            "communications lead",
            "copywriter",
            "community manager",
        ],
        expertise: &["marketing", "social media", "writing", "events"],
    },
    Profession {
        share: 7,
        titles: &["recruiter", "HR partner", "people lead", "coach"],
        expertise: &["recruiting", "coaching", "leadership"],
    },
    Profession {
        share: 6,
        titles: &[
            "project coordinator",
            "city planner",
            "specialist",
            "programme manager",
        ],
        expertise: &["public funding", "eu projects", "urban planning"],
    },
    Profession {
        share: 9,
        titles: &["product manager", "product owner", "head of product"],
        expertise: &["product management", "ux research", "analytics"],
    },
];

const FAMILY_TAGS: &[&str] = &["godparent", "cousin", "in-law"];
const FRIEND_TAGS: &[&str] = &[
    "climbing",
    "running",
    "sauna",
    "board-games",
    "book-club",
    "neighbour",
    "classmate",
];
const WORK_TAGS: &[&str] = &[
    "customer",
    "colleague",
    "former-colleague",
    "investor",
    "partner",
    "supplier",
    "speaker",
    "recruiter",
];
const ACQUAINTANCE_TAGS: &[&str] = &[
    "conference",
    "meetup",
    "neighbour",
    "parent",
    "climbing",
    "classmate",
];
const OTHER_TAGS: &[&str] = &["neighbour", "parent", "landlord", "craftsman"];

const FRIEND_MET: &[&str] = &[
    "university",
    "climbing",
    "old classmate from school",
    "through a flatmate",
    "summer job",
    "exchange year in Lyon",
];
const WORK_MET: &[&str] = &[
    "worked together on a project",
    "former colleague",
    "customer project",
    "Slush",
    "a conference in Berlin",
    "LinkedIn",
    "Tampere Tech meetup",
    "pitch event",
];
const ACQUAINTANCE_MET: &[&str] = &[
    "a conference",
    "kids' school",
    "a meetup",
    "neighbour",
    "sauna society",
    "a wedding",
];
const OTHER_MET: &[&str] = &[
    "renovation",
    "the building's board",
    "kids' football team",
    "a course",
];
const INTRODUCED_MET: &[&str] = &[
    "introduced at a dinner",
    "introduced over email",
    "introduced at a party",
    "introduced for a project",
];

const PERSON_NOTES: &[&str] = &[
    "Prefers calls to messages",
    "Vegetarian; likes tea more than coffee",
    "Two kids, both at the same school as ours",
    "Thinking about moving into product management",
    "Knows everyone in the Tampere startup scene",
    "Good person to ask about grant applications",
    "Runs marathons; ask about the next race",
    "Moving abroad in the spring",
    "Co-founded a company together once",
    "Wants to start climbing",
    "Reads a lot of science fiction",
    "Writing a book on service design",
    "Always has a good restaurant tip",
    "Open to mentoring",
    "Busy in spring; better to reach out in autumn",
];
const ORG_NOTES: &[&str] = &[
    "Main customer since the pilot",
    "Invoices by the 15th",
    "Runs a good event every spring",
    "Possible pilot customer",
    "Shared office space until last year",
    "Framework agreement in place",
];

const MEETING_NOTES: &[&str] = &[
    "coffee at the library",
    "lunch at Hakaniemi market hall",
    "walk around Pyhäjärvi",
    "breakfast before work",
    "sauna evening",
    "dinner at their place",
    "coffee at Café Pispala",
    "lunch near the office",
    "planning workshop",
    "whiteboard session on the roadmap",
    "met at the co-working space",
    "brainstorm over coffee",
];
const CALL_NOTES: &[&str] = &[
    "catch-up call",
    "quick call about the tender",
    "video call about the pilot",
    "called about the apartment",
    "long call about a career change",
    "call about the funding round",
];
const MESSAGE_NOTES: &[&str] = &[
    "shared an article",
    "congratulated on the new job",
    "sent the meeting notes",
    "asked about a good accountant",
    "birthday wishes",
    "thanks for the intro",
    "shared a job posting",
    "follow-up on last week",
];
const EVENT_NOTES: &[&str] = &[
    "ran into them at a conference",
    "Slush side event",
    "wedding",
    "birthday party",
    "book launch",
    "hackathon",
];
const OTHER_NOTES: &[&str] = &[
    "helped move house",
    "borrowed the trailer",
    "board game night",
    "went fishing",
];

/// Notes of done items, by kind. Intros name a contact instead.
fn done_notes(kind: ItemKind) -> &'static [&'static str] {
    match kind {
        ItemKind::Advice => &[
            "pricing advice",
            "feedback on the CV",
            "advice on the rental contract",
            "tips for the job interview",
            "thoughts on the pitch deck",
        ],
        ItemKind::Idea => &[
            "idea for the workshop format",
            "product name ideas",
            "idea for a joint grant application",
        ],
        ItemKind::Intro => &["intro to a recruiter"],
        ItemKind::Help => &[
            "helped move house",
            "fixed the CI pipeline",
            "reviewed the grant draft",
            "helped with the tax return",
            "proofread the article",
        ],
        ItemKind::Referral => &[
            "referred to a lawyer",
            "recommended for the design job",
            "passed on a customer lead",
        ],
        ItemKind::Resource => &[
            "sent the slides",
            "lent the book",
            "shared the workshop template",
            "lent the drill",
        ],
        ItemKind::Support => &[
            "listened through a hard week",
            "cheered at the marathon",
            "moral support before the defence",
        ],
        ItemKind::Gift => &["birthday present", "brought pulla", "bottle of wine"],
        ItemKind::Other => &["covered the lunch bill", "fed the cat"],
    }
}

/// Promises the user made: (kind, note); `None` is "intro to NAME".
const MY_PROMISES: &[(ItemKind, Option<&str>)] = &[
    (ItemKind::Resource, Some("send slides")),
    (ItemKind::Intro, None),
    (ItemKind::Help, Some("review the grant draft")),
    (ItemKind::Resource, Some("share the workshop notes")),
    (ItemKind::Advice, Some("feedback on the pitch deck")),
    (ItemKind::Help, Some("proofread the cover letter")),
    (ItemKind::Resource, Some("send the book recommendation")),
    (
        ItemKind::Referral,
        Some("recommend them for the board seat"),
    ),
];
/// Promises made to the user.
const THEIR_PROMISES: &[(ItemKind, Option<&str>)] = &[
    (ItemKind::Intro, None),
    (ItemKind::Resource, Some("share the salary survey")),
    (ItemKind::Advice, Some("look at the contract")),
    (ItemKind::Resource, Some("send the recording")),
    (ItemKind::Help, Some("help with the sauna stove")),
    (ItemKind::Referral, Some("pass on my CV")),
    (ItemKind::Resource, Some("lend the tent")),
];

/// One demo network: the plan, and how it shapes its members and meetings.
struct NetworkSpec {
    name: &'static str,
    goal: &'static str,
    note: &'static str,
    role: Role,
    intent: Intent,
    hours_per_month: f64,
    /// Negative: the review is already due.
    review_in_days: i64,
    /// How long ago the user joined; its interactions are all newer.
    age_days: u32,
    /// Relative share of network interactions.
    activity: f64,
    /// Members as a share of all people (then kept within 5–40).
    size: f64,
    circles: &'static [Circle],
    /// Organisations can be members (a partner group).
    with_orgs: bool,
    member_tag: Option<&'static str>,
    member_expertise: Option<&'static str>,
    /// Chance that an item in its interactions is given by the user.
    gives: f64,
    /// Typical length of a session, in quarters of an hour.
    quarters: std::ops::RangeInclusive<u32>,
    /// How many give/take items a session holds: the networks worth their
    /// hours are the ones where help flows.
    items: &'static [(usize, u32)],
    notes: &'static [&'static str],
}

const PLAIN_ITEMS: &[(usize, u32)] = &[(0, 35), (1, 40), (2, 18), (3, 7)];
const RICH_ITEMS: &[(usize, u32)] = &[(0, 10), (1, 35), (2, 35), (3, 20)];

const NETWORKS: &[NetworkSpec] = &[
    NetworkSpec {
        name: "Tampere Tech",
        goal: "Meet two new people in product roles each quarter; give one talk a year",
        note: "Monthly meetups at Tullikamari",
        role: Role::Contributor,
        intent: Intent::Deepen,
        hours_per_month: 6.0,
        review_in_days: 20,
        age_days: 900,
        activity: 3.0,
        size: 0.15,
        circles: &[Circle::Work, Circle::Acquaintance],
        with_orgs: false,
        member_tag: None,
        member_expertise: None,
        gives: 0.4,
        quarters: 6..=12,
        items: PLAIN_ITEMS,
        notes: &[
            "Tampere Tech meetup",
            "talk on product discovery",
            "after-work at Tullikamari",
            "panel on hiring",
        ],
    },
    NetworkSpec {
        name: "Climbing club Kiipeilykeskus",
        goal: "Climb twice a week; keep the Thursday group going",
        note: "",
        role: Role::Member,
        intent: Intent::Keep,
        hours_per_month: 16.0,
        review_in_days: 60,
        age_days: SPAN_DAYS,
        activity: 5.0,
        size: 0.12,
        circles: &[Circle::Friend, Circle::Acquaintance],
        with_orgs: false,
        member_tag: Some("climbing"),
        member_expertise: None,
        gives: 0.25,
        quarters: 6..=8,
        items: RICH_ITEMS,
        notes: &[
            "bouldering session",
            "Thursday climbing group",
            "lead climbing course",
            "climbing trip to Olhava",
        ],
    },
    NetworkSpec {
        name: "Neighbourhood association",
        goal: "Hand over the chair role at the spring meeting",
        note: "Chair since the last AGM; board meets monthly",
        role: Role::Leader,
        intent: Intent::Lighten,
        hours_per_month: 4.0,
        review_in_days: -12,
        age_days: SPAN_DAYS,
        activity: 3.0,
        size: 0.08,
        circles: &[Circle::Acquaintance, Circle::Friend, Circle::Other],
        with_orgs: false,
        member_tag: Some("neighbour"),
        member_expertise: None,
        gives: 0.8,
        quarters: 6..=16,
        items: PLAIN_ITEMS,
        notes: &[
            "board meeting",
            "yard cleaning day",
            "planning the summer party",
            "meeting with the city about the park",
        ],
    },
    NetworkSpec {
        name: "Open source Rust meetup",
        goal: "Co-host a meetup every other month and find a new co-organiser",
        note: "",
        role: Role::Promoter,
        intent: Intent::Deepen,
        hours_per_month: 5.0,
        review_in_days: 40,
        age_days: 500,
        activity: 2.0,
        size: 0.07,
        circles: &[Circle::Work, Circle::Acquaintance],
        with_orgs: false,
        member_tag: None,
        member_expertise: Some("rust"),
        gives: 0.4,
        quarters: 6..=10,
        items: RICH_ITEMS,
        notes: &[
            "Rust meetup: async talk",
            "organising the next meetup",
            "hack night",
            "talk on error handling",
        ],
    },
    NetworkSpec {
        name: "Startup Sauna alumni",
        goal: "Read the newsletter; go to demo day only",
        note: "",
        role: Role::Observer,
        intent: Intent::Lighten,
        hours_per_month: 1.0,
        review_in_days: -35,
        age_days: SPAN_DAYS,
        activity: 0.6,
        size: 0.1,
        circles: &[Circle::Work, Circle::Acquaintance],
        with_orgs: false,
        member_tag: None,
        member_expertise: None,
        gives: 0.3,
        quarters: 4..=12,
        items: PLAIN_ITEMS,
        notes: &["demo day", "alumni breakfast"],
    },
    NetworkSpec {
        name: "Women in Data Finland",
        goal: "Mentor one person a year and keep up with the data community",
        note: "",
        role: Role::Member,
        intent: Intent::Keep,
        hours_per_month: 2.0,
        review_in_days: -10,
        age_days: 700,
        activity: 1.0,
        size: 0.06,
        circles: &[Circle::Work, Circle::Acquaintance],
        with_orgs: false,
        member_tag: None,
        member_expertise: Some("data science"),
        gives: 0.45,
        quarters: 4..=8,
        items: PLAIN_ITEMS,
        notes: &[
            "mentoring session",
            "data ethics panel",
            "community breakfast",
        ],
    },
    NetworkSpec {
        name: "Design Systems Nordics",
        goal: "Takes more than it gives: leave after the autumn conference",
        note: "On the organising committee",
        role: Role::Contributor,
        intent: Intent::Leave,
        hours_per_month: 3.0,
        review_in_days: -3,
        age_days: 800,
        activity: 1.5,
        size: 0.05,
        circles: &[Circle::Work],
        with_orgs: false,
        member_tag: None,
        member_expertise: Some("design"),
        gives: 0.9,
        quarters: 4..=12,
        items: PLAIN_ITEMS,
        notes: &[
            "organising committee call",
            "workshop facilitation",
            "conference planning",
        ],
    },
    NetworkSpec {
        name: "Pirkanmaa Growth Partners",
        goal: "Find two pilot customers through the partner companies",
        note: "Partner group of local companies",
        role: Role::Member,
        intent: Intent::Deepen,
        hours_per_month: 4.0,
        review_in_days: 14,
        age_days: 400,
        activity: 1.0,
        size: 0.05,
        circles: &[Circle::Work],
        with_orgs: true,
        member_tag: None,
        member_expertise: None,
        gives: 0.3,
        quarters: 4..=8,
        items: RICH_ITEMS,
        notes: &[
            "partner group meeting",
            "joint pitch for the city tender",
            "quarterly review",
        ],
    },
];

// ---------------------------------------------------------------------------
// The plan.
// ---------------------------------------------------------------------------

/// Everything to write, drawn from one seeded generator.
struct Plan {
    /// Organisations first (people refer to them), then people.
    contacts: Vec<ContactPlan>,
    organisations: usize,
    networks: Vec<NetworkPlan>,
    /// Oldest first, so ids follow the dates as if logged as they happened.
    interactions: Vec<InteractionPlan>,
}

struct ContactPlan {
    new: NewContact,
    given: &'static str,
    /// The name is one word without spaces (Chinese, Japanese script).
    joined: bool,
    /// Interactions per unit of time, relative to other contacts.
    activity: f64,
    window: Window,
    /// Chance that an item with this contact is given by the user: about
    /// even for most ties, high for one-sided ones, low where the user may owe.
    gives: f64,
    organisation: Option<(usize, &'static str)>,
    met_through: Option<usize>,
    archived: bool,
    snoozed_days: Option<u32>,
}

impl ContactPlan {
    fn is_person(&self) -> bool {
        self.new.kind == Kind::Person
    }

    /// How an "intro to …" note names them.
    fn short_name(&self) -> &str {
        if self.joined || self.given.is_empty() {
            &self.new.name
        } else {
            self.given
        }
    }
}

/// The days (counted back from today) in which a contact was in touch.
#[derive(Debug, Clone, Copy)]
struct Window {
    newest: u32,
    oldest: u32,
}

impl Window {
    const FULL: Window = Window {
        newest: 0,
        oldest: SPAN_DAYS,
    };

    fn contains(self, days_ago: u32) -> bool {
        (self.newest..=self.oldest).contains(&days_ago)
    }

    /// Share of the whole history the window covers: scales activity so a
    /// new tie is seen as often per month as an old one, not crammed.
    fn share(self) -> f64 {
        f64::from(self.oldest - self.newest + 1) / f64::from(SPAN_DAYS + 1)
    }

    /// A day in the window, recent ones more likely: half uniform, half a
    /// ramp towards today, so the newest days are about three times as busy
    /// as the oldest (people log more once the habit sets in).
    fn draw(self, rng: &mut Rng) -> u32 {
        let u = rng.f64();
        let t = if rng.bool() {
            u
        } else {
            1.0 - (1.0 - u).sqrt()
        };
        let len = f64::from(self.oldest - self.newest + 1);
        self.newest + ((t * len) as u32).min(self.oldest - self.newest)
    }
}

struct NetworkPlan {
    spec: &'static NetworkSpec,
    members: Vec<usize>,
    /// Days ago each member joined, parallel to `members`.
    joined: Vec<u32>,
}

#[derive(Clone, Copy)]
enum Note {
    None,
    Text(&'static str),
    /// "intro to NAME", naming a contact by index.
    IntroTo(u32),
}

#[derive(Clone, Copy)]
struct ItemPlan {
    counterparty: u32,
    direction: Direction,
    kind: ItemKind,
    weight: u8,
    state: ItemState,
    note: Note,
}

const NO_ITEM: ItemPlan = ItemPlan {
    counterparty: 0,
    direction: Direction::Gave,
    kind: ItemKind::Other,
    weight: 1,
    state: ItemState::Done,
    note: Note::None,
};

/// One interaction, in fixed-size arrays: planning 200,000 of them should
/// not mean 400,000 small allocations.
#[derive(Clone, Copy)]
struct InteractionPlan {
    days_ago: u32,
    /// Minutes after midnight.
    time: Option<u16>,
    channel: Channel,
    minutes: Option<u32>,
    network: Option<u8>,
    note: Note,
    participants: [u32; MAX_PARTICIPANTS],
    participant_count: u8,
    items: [ItemPlan; MAX_ITEMS],
    item_count: u8,
}

impl InteractionPlan {
    fn new(days_ago: u32, channel: Channel, first: u32) -> Self {
        InteractionPlan {
            days_ago,
            time: None,
            channel,
            minutes: None,
            network: None,
            note: Note::None,
            participants: [first, 0, 0, 0],
            participant_count: 1,
            items: [NO_ITEM; MAX_ITEMS],
            item_count: 0,
        }
    }

    fn participants(&self) -> &[u32] {
        &self.participants[..usize::from(self.participant_count)]
    }

    fn items(&self) -> &[ItemPlan] {
        &self.items[..usize::from(self.item_count)]
    }

    fn add_participant(&mut self, who: u32) {
        self.participants[usize::from(self.participant_count)] = who;
        self.participant_count += 1;
    }

    fn add_item(&mut self, item: ItemPlan) {
        self.items[usize::from(self.item_count)] = item;
        self.item_count += 1;
    }

    /// Adds the item unless one of the same kind with the same person is
    /// there already: two "gave idea" to one person in one coffee read as
    /// a typo.
    fn add_item_once(&mut self, item: ItemPlan) {
        let twice = self
            .items()
            .iter()
            .any(|i| i.counterparty == item.counterparty && i.kind == item.kind);
        if !twice {
            self.add_item(item);
        }
    }
}

/// How often a tie is in touch, before window and jitter.
#[derive(Clone, Copy)]
enum Tier {
    Close,
    Regular,
    Occasional,
    Rare,
}

impl Tier {
    fn activity(self) -> f64 {
        match self {
            Tier::Close => 60.0,
            Tier::Regular => 12.0,
            Tier::Occasional => 3.0,
            Tier::Rare => 0.7,
        }
    }

    /// Closer circles are more often close ties; most others are rare.
    fn draw(circle: Option<Circle>, rng: &mut Rng) -> Tier {
        use Tier::*;
        let table: &[(Tier, u32)] = match circle {
            Some(Circle::Family) => &[(Close, 50), (Regular, 40), (Occasional, 10)],
            Some(Circle::Friend) => &[(Close, 10), (Regular, 35), (Occasional, 40), (Rare, 15)],
            Some(Circle::Work) => &[(Close, 3), (Regular, 15), (Occasional, 37), (Rare, 45)],
            Some(Circle::Acquaintance) => &[(Regular, 3), (Occasional, 27), (Rare, 70)],
            Some(Circle::Other) => &[(Occasional, 20), (Rare, 80)],
            None => &[(Regular, 10), (Occasional, 40), (Rare, 50)],
        };
        pick_weighted(rng, table)
    }
}

/// Picks indices in proportion to their weights, in O(log n).
struct WeightedIndex {
    cumulative: Vec<f64>,
}

impl WeightedIndex {
    fn new(weights: impl Iterator<Item = f64>) -> Self {
        let mut total = 0.0;
        let cumulative = weights
            .map(|w| {
                total += w;
                total
            })
            .collect();
        WeightedIndex { cumulative }
    }

    fn pick(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.f64() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len() - 1)
    }
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

fn pick_weighted<T: Copy>(rng: &mut Rng, table: &[(T, u32)]) -> T {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut x = rng.u32(..total);
    for &(value, weight) in table {
        if x < weight {
            return value;
        }
        x -= weight;
    }
    table[table.len() - 1].0
}

/// Moves `count` randomly chosen elements of `pool` to its front and returns
/// them (a partial Fisher–Yates shuffle).
fn choose_distinct<'a>(rng: &mut Rng, pool: &'a mut [usize], count: usize) -> &'a [usize] {
    let count = count.min(pool.len());
    for i in 0..count {
        let j = rng.usize(i..pool.len());
        pool.swap(i, j);
    }
    &pool[..count]
}

impl Plan {
    fn draw(options: &DemoOptions) -> Plan {
        let mut rng = Rng::with_seed(options.seed);
        let total = options.contacts;
        // About 8% organisations, once there are enough contacts to need any.
        let organisations = (total * 8 / 100).max(usize::from(total >= 10));
        let mut contacts = Vec::with_capacity(total);
        draw_organisations(&mut rng, organisations, &mut contacts);
        draw_people(&mut rng, total - organisations, &mut contacts);
        let mut plan = Plan {
            contacts,
            organisations,
            networks: Vec::new(),
            interactions: Vec::with_capacity(options.interactions),
        };
        plan.draw_archived_and_snoozed(&mut rng);
        plan.draw_networks(&mut rng);
        plan.draw_interactions(&mut rng, options.interactions);
        plan.draw_promises(&mut rng);
        plan
    }

    fn people(&self) -> std::ops::Range<usize> {
        self.organisations..self.contacts.len()
    }

    /// The first people are close, always-active ties: the recent
    /// interactions that every review needs are logged with them.
    fn anchors(&self) -> std::ops::Range<usize> {
        let start = self.organisations;
        start..(start + 3).min(self.contacts.len())
    }

    /// A handful of ties the user let go (archived; last seen over a year
    /// ago) or put aside for a while (snoozed).
    fn draw_archived_and_snoozed(&mut self, rng: &mut Rng) {
        let people = self.people().len();
        if people < 10 {
            return;
        }
        let others = self.anchors().end..self.contacts.len();
        let archived = (people / 40).max(2);
        let snoozed = (people / 50).max(2);
        // Ties worth archiving had a history: draw them from the more active.
        let threshold = Tier::Occasional.activity() * 0.6;
        let mut pool: Vec<usize> = others
            .clone()
            .filter(|&i| self.contacts[i].is_person() && self.contacts[i].activity >= threshold)
            .collect();
        if pool.len() < archived {
            pool = others.clone().collect();
        }
        for &index in choose_distinct(rng, &mut pool, archived) {
            let contact = &mut self.contacts[index];
            contact.archived = true;
            contact.window = Window {
                newest: rng.u32(400..=900),
                oldest: SPAN_DAYS,
            };
        }
        let mut pool: Vec<usize> = others.filter(|&i| !self.contacts[i].archived).collect();
        for &index in choose_distinct(rng, &mut pool, snoozed) {
            self.contacts[index].snoozed_days = Some(rng.u32(3..=60));
        }
    }

    fn draw_networks(&mut self, rng: &mut Rng) {
        let total = self.contacts.len();
        let count = match total {
            100.. => 8,
            30.. => 6,
            _ => 4,
        };
        let people = self.people();
        for spec in &NETWORKS[..count] {
            let fits = |i: &usize| {
                let contact = &self.contacts[*i];
                match contact.new.circle {
                    Some(circle) => spec.circles.contains(&circle),
                    None => spec.with_orgs,
                }
            };
            let mut pool: Vec<usize> = (0..total).filter(fits).collect();
            if pool.len() < 5 {
                pool = (0..total)
                    .filter(|&i| spec.with_orgs || people.contains(&i))
                    .collect();
            }
            let size = ((people.len() as f64 * spec.size).round() as usize).clamp(5, 40);
            let mut members = choose_distinct(rng, &mut pool, size).to_vec();
            members.sort_unstable();
            let joined = members
                .iter()
                .map(|&m| {
                    let window = self.contacts[m].window;
                    rng.u32(window.newest..=window.oldest)
                })
                .collect();
            for &m in &members {
                let new = &mut self.contacts[m].new;
                if let Some(tag) = spec.member_tag
                    && !new.tags.iter().any(|t| t == tag)
                {
                    new.tags.push(tag.to_string());
                }
                if let Some(topic) = spec.member_expertise
                    && rng.bool()
                    && !new.expertise.iter().any(|t| t == topic)
                {
                    new.expertise.push(topic.to_string());
                }
            }
            self.networks.push(NetworkPlan {
                spec,
                members,
                joined,
            });
        }
    }

    fn draw_interactions(&mut self, rng: &mut Rng, count: usize) {
        let activity =
            WeightedIndex::new(self.contacts.iter().map(|c| c.activity * c.window.share()));
        let networks = WeightedIndex::new(self.networks.iter().map(|n| n.spec.activity));
        let mut org_people: Vec<Vec<u32>> = vec![Vec::new(); self.organisations];
        for (i, contact) in self.contacts.iter().enumerate() {
            if let Some((org, _)) = contact.organisation {
                org_people[org].push(i as u32);
            }
        }
        let anchors = self.anchors();
        // A few meetings this week, so "logged this week" is never empty.
        let forced = count.min(4);
        for k in 0..count {
            let interaction = if k < forced {
                let primary = anchors.start + k % anchors.len();
                let days_ago = rng.u32(0..7);
                self.personal(rng, &activity, &org_people, primary, days_ago)
            } else if !self.networks.is_empty() && rng.f64() < NETWORK_SHARE {
                let network = networks.pick(rng);
                match self.in_network(rng, network) {
                    Some(interaction) => interaction,
                    None => self.personal_anywhen(rng, &activity, &org_people),
                }
            } else {
                self.personal_anywhen(rng, &activity, &org_people)
            };
            self.interactions.push(interaction);
        }
        // Oldest first, and within a day by time (untimed first).
        self.interactions
            .sort_by(|a, b| b.days_ago.cmp(&a.days_ago).then(a.time.cmp(&b.time)));
    }

    fn personal_anywhen(
        &self,
        rng: &mut Rng,
        activity: &WeightedIndex,
        org_people: &[Vec<u32>],
    ) -> InteractionPlan {
        let primary = activity.pick(rng);
        let days_ago = self.contacts[primary].window.draw(rng);
        self.personal(rng, activity, org_people, primary, days_ago)
    }

    /// An interaction with `primary`, sometimes joined by a few others: a
    /// colleague from the same organisation, or anyone in touch then.
    fn personal(
        &self,
        rng: &mut Rng,
        activity: &WeightedIndex,
        org_people: &[Vec<u32>],
        primary: usize,
        days_ago: u32,
    ) -> InteractionPlan {
        let contact = &self.contacts[primary];
        let channel = match contact.new.circle {
            Some(Circle::Family | Circle::Friend) => pick_weighted(
                rng,
                &[
                    (Channel::Meeting, 35),
                    (Channel::Call, 25),
                    (Channel::Message, 35),
                    (Channel::Event, 3),
                    (Channel::Other, 2),
                ],
            ),
            Some(Circle::Acquaintance | Circle::Other) => pick_weighted(
                rng,
                &[
                    (Channel::Meeting, 20),
                    (Channel::Call, 10),
                    (Channel::Message, 50),
                    (Channel::Event, 15),
                    (Channel::Other, 5),
                ],
            ),
            _ => pick_weighted(
                rng,
                &[
                    (Channel::Meeting, 35),
                    (Channel::Call, 25),
                    (Channel::Message, 30),
                    (Channel::Event, 5),
                    (Channel::Other, 5),
                ],
            ),
        };
        let mut interaction = InteractionPlan::new(days_ago, channel, primary as u32);
        let wanted = if channel == Channel::Message {
            pick_weighted(rng, &[(1, 95), (2, 5)])
        } else {
            pick_weighted(rng, &[(1, 76), (2, 13), (3, 7), (4, 4)])
        };
        let colleagues = contact
            .organisation
            .map(|(org, _)| org_people[org].as_slice())
            .filter(|people| people.len() > 1);
        for _ in 1..wanted {
            // A few tries to find someone in touch at the time; a smaller
            // meeting is fine when nobody fits.
            for _ in 0..6 {
                let other = match colleagues {
                    Some(people) if rng.bool() => pick(rng, people) as usize,
                    _ => activity.pick(rng),
                };
                let candidate = &self.contacts[other];
                if candidate.is_person()
                    && candidate.window.contains(days_ago)
                    && !interaction.participants().contains(&(other as u32))
                {
                    interaction.add_participant(other as u32);
                    break;
                }
            }
        }
        interaction.minutes = draw_minutes(rng, channel);
        interaction.time = draw_time(rng, channel);
        if rng.f64() < 0.6 {
            interaction.note = Note::Text(pick(rng, channel_notes(channel)));
        }
        let items = if channel == Channel::Message {
            pick_weighted(rng, &[(0, 70), (1, 25), (2, 5)])
        } else {
            pick_weighted(rng, &[(0, 40), (1, 35), (2, 18), (3, 7)])
        };
        for _ in 0..items {
            // The primary contact is the usual counterparty.
            let who = if rng.f64() < 0.7 {
                primary as u32
            } else {
                pick(rng, interaction.participants())
            };
            let gives = self.contacts[who as usize].gives;
            let item = self.draw_item(rng, who, gives);
            interaction.add_item_once(item);
        }
        interaction
    }

    /// An interaction of a network with some of its members, or `None` when
    /// no member was in touch on the drawn day.
    fn in_network(&mut self, rng: &mut Rng, network: usize) -> Option<InteractionPlan> {
        let plan = &self.networks[network];
        let spec = plan.spec;
        let days_ago = Window {
            newest: 0,
            oldest: spec.age_days,
        }
        .draw(rng);
        let wanted = pick_weighted(rng, &[(1, 40), (2, 30), (3, 20), (4, 10)]);
        let mut chosen = [0usize; MAX_PARTICIPANTS];
        let mut found = 0;
        for _ in 0..wanted * 4 {
            let slot = rng.usize(..plan.members.len());
            let member = plan.members[slot];
            if self.contacts[member].window.contains(days_ago) && !chosen[..found].contains(&slot) {
                chosen[found] = slot;
                found += 1;
                if found == wanted {
                    break;
                }
            }
        }
        if found == 0 {
            return None;
        }
        let channel = pick_weighted(
            rng,
            &[
                (Channel::Event, 55),
                (Channel::Meeting, 35),
                (Channel::Call, 5),
                (Channel::Message, 5),
            ],
        );
        let first = plan.members[chosen[0]] as u32;
        let mut interaction = InteractionPlan::new(days_ago, channel, first);
        for &slot in &chosen[1..found] {
            interaction.add_participant(plan.members[slot] as u32);
        }
        interaction.network = Some(network as u8);
        // Network time is what its hours budget is measured against, so
        // every session but a message has a length.
        interaction.minutes =
            (channel != Channel::Message).then(|| 15 * rng.u32(spec.quarters.clone()));
        interaction.time = draw_time(rng, channel);
        if rng.f64() < 0.8 {
            interaction.note = Note::Text(pick(rng, spec.notes));
        }
        let items = pick_weighted(rng, spec.items);
        for _ in 0..items {
            let who = pick(rng, interaction.participants());
            // The network sets the tone more than the person does.
            let gives = 0.25 * self.contacts[who as usize].gives + 0.75 * spec.gives;
            let item = self.draw_item(rng, who, gives);
            interaction.add_item_once(item);
        }
        // A member is a member from their first meeting on, at the latest.
        let plan = &mut self.networks[network];
        for &slot in &chosen[..found] {
            plan.joined[slot] = plan.joined[slot].max(days_ago);
        }
        Some(interaction)
    }

    fn draw_item(&self, rng: &mut Rng, who: u32, gives: f64) -> ItemPlan {
        use ItemKind::*;
        let contact = &self.contacts[who as usize];
        let table: &[(ItemKind, u32)] = match contact.new.circle {
            Some(Circle::Family | Circle::Friend) => &[
                (Support, 25),
                (Help, 25),
                (Gift, 15),
                (Advice, 15),
                (Idea, 5),
                (Resource, 10),
                (Other, 5),
            ],
            Some(Circle::Work) => &[
                (Advice, 25),
                (Intro, 15),
                (Referral, 10),
                (Resource, 15),
                (Idea, 15),
                (Help, 15),
                (Support, 5),
            ],
            Some(Circle::Acquaintance | Circle::Other) => &[
                (Advice, 20),
                (Intro, 15),
                (Resource, 20),
                (Idea, 15),
                (Help, 15),
                (Referral, 5),
                (Other, 10),
            ],
            None => &[
                (Referral, 25),
                (Resource, 25),
                (Help, 20),
                (Advice, 15),
                (Intro, 15),
            ],
        };
        let kind = pick_weighted(rng, table);
        let direction = if rng.f64() < gives {
            Direction::Gave
        } else {
            Direction::Got
        };
        let note = if rng.f64() >= 0.25 {
            Note::None
        } else if kind == Intro {
            self.intro_note(rng, who)
        } else {
            Note::Text(pick(rng, done_notes(kind)))
        };
        ItemPlan {
            counterparty: who,
            direction,
            kind,
            weight: pick_weighted(rng, &[(1, 30), (2, 32), (3, 22), (4, 11), (5, 5)]),
            state: ItemState::Done,
            note,
        }
    }

    /// "intro to NAME" with someone other than the counterparty.
    fn intro_note(&self, rng: &mut Rng, who: u32) -> Note {
        let people = self.people();
        if people.len() < 2 {
            return Note::Text("intro to a colleague");
        }
        loop {
            let other = rng.usize(people.clone()) as u32;
            if other != who {
                return Note::IntroTo(other);
            }
        }
    }

    /// Open promises, about one per hundred interactions (at least three),
    /// all from the last two months; the first two cover both directions.
    fn draw_promises(&mut self, rng: &mut Rng) {
        let total = self.interactions.len();
        if total == 0 {
            return;
        }
        let wanted = (total / 100).max(3).min(total);
        // Sorted oldest first: the recent ones are a suffix.
        let recent = total
            - self
                .interactions
                .partition_point(|i| i.days_ago > PROMISE_DAYS);
        let mut pool: Vec<usize> = (total - recent.max(wanted)..total).collect();
        let chosen = choose_distinct(rng, &mut pool, wanted).to_vec();
        for (n, &index) in chosen.iter().enumerate() {
            let direction = match n {
                0 => Direction::Gave,
                1 => Direction::Got,
                _ if rng.f64() < 0.55 => Direction::Gave,
                _ => Direction::Got,
            };
            let who = pick(rng, self.interactions[index].participants());
            let promises = match direction {
                Direction::Gave => MY_PROMISES,
                Direction::Got => THEIR_PROMISES,
            };
            let (kind, text) = pick(rng, promises);
            let note = match text {
                Some(text) => Note::Text(text),
                None => self.intro_note(rng, who),
            };
            let promise = ItemPlan {
                counterparty: who,
                direction,
                kind,
                weight: rng.u8(1..=3),
                state: ItemState::Open,
                note,
            };
            let interaction = &mut self.interactions[index];
            if usize::from(interaction.item_count) == MAX_ITEMS {
                interaction.items[MAX_ITEMS - 1] = promise;
            } else {
                interaction.add_item(promise);
            }
        }
    }

    // -----------------------------------------------------------------------
    // Writing.
    // -----------------------------------------------------------------------

    fn write(mut self, tx: &Transaction<'_>, today: NaiveDate, now: &str) -> Result<DemoSummary> {
        let date = |days_ago: u32| today - Duration::days(i64::from(days_ago));
        let mut ids: Vec<i64> = Vec::with_capacity(self.contacts.len());
        for i in 0..self.contacts.len() {
            let contact = &mut self.contacts[i];
            contact.new.met_through = contact.met_through.map(|m| ids[m]);
            if let Some((org, title)) = contact.organisation {
                contact.new.organisations = vec![(ids[org], Some(title.to_string()))];
            }
            ids.push(store::insert_contact(tx, &contact.new, now)?);
        }
        {
            let mut archive =
                tx.prepare_cached("UPDATE contacts SET archived = 1 WHERE id = ?1")?;
            let mut snooze =
                tx.prepare_cached("UPDATE contacts SET snoozed_until = ?2 WHERE id = ?1")?;
            for (contact, &id) in self.contacts.iter().zip(&ids) {
                if contact.archived {
                    archive.execute([id])?;
                }
                if let Some(days) = contact.snoozed_days {
                    snooze.execute(params![id, today + Duration::days(i64::from(days))])?;
                }
            }
        }

        let mut network_ids = Vec::with_capacity(self.networks.len());
        {
            let mut member = tx.prepare_cached(
                "INSERT OR IGNORE INTO network_members (network_id, contact_id, joined_on) VALUES (?1, ?2, ?3)",
            )?;
            for network in &self.networks {
                let spec = network.spec;
                let new = NewNetwork {
                    name: free_network_name(tx, spec.name)?,
                    goal: spec.goal.to_string(),
                    role: spec.role,
                    intent: spec.intent,
                    hours_per_month: Some(spec.hours_per_month),
                    review_on: Some(today + Duration::days(spec.review_in_days)),
                    note: spec.note.to_string(),
                };
                let id = store::insert_network(tx, &new, now)?;
                for (&contact, &joined) in network.members.iter().zip(&network.joined) {
                    member.execute(params![id, ids[contact], date(joined)])?;
                }
                network_ids.push(id);
            }
        }

        // One record reused for every interaction: its buffers are cleared,
        // not reallocated.
        let mut new = NewInteraction {
            date: today,
            time: None,
            channel: Channel::Other,
            minutes: None,
            network: None,
            note: String::new(),
            participants: Vec::with_capacity(MAX_PARTICIPANTS),
            items: Vec::with_capacity(MAX_ITEMS),
        };
        let mut time = String::with_capacity(5);
        let (mut items, mut open_promises) = (0, 0);
        for plan in &self.interactions {
            new.date = date(plan.days_ago);
            new.time = plan.time.map(|minute| {
                use std::fmt::Write;
                time.clear();
                let _ = write!(time, "{:02}:{:02}", minute / 60, minute % 60);
                std::mem::take(&mut time)
            });
            new.channel = plan.channel;
            new.minutes = plan.minutes;
            new.network = plan.network.map(|n| network_ids[usize::from(n)]);
            self.render_note(plan.note, &mut new.note);
            new.participants.clear();
            new.participants
                .extend(plan.participants().iter().map(|&p| ids[p as usize]));
            new.items.truncate(plan.items().len());
            while new.items.len() < plan.items().len() {
                new.items.push(NewItem {
                    counterparty: 0,
                    direction: Direction::Gave,
                    kind: ItemKind::Other,
                    weight: 1,
                    state: ItemState::Done,
                    note: String::new(),
                });
            }
            for (item, planned) in new.items.iter_mut().zip(plan.items()) {
                item.counterparty = ids[planned.counterparty as usize];
                item.direction = planned.direction;
                item.kind = planned.kind;
                item.weight = planned.weight;
                item.state = planned.state;
                self.render_note(planned.note, &mut item.note);
                open_promises += usize::from(planned.state == ItemState::Open);
            }
            items += new.items.len();
            store::insert_interaction(tx, &new, now)?;
            if let Some(buffer) = new.time.take() {
                time = buffer;
            }
        }

        Ok(DemoSummary {
            contacts: self.contacts.len(),
            organisations: self.organisations,
            networks: self.networks.len(),
            interactions: self.interactions.len(),
            items,
            open_promises,
        })
    }

    fn render_note(&self, note: Note, out: &mut String) {
        out.clear();
        match note {
            Note::None => {}
            Note::Text(text) => out.push_str(text),
            Note::IntroTo(who) => {
                out.push_str("intro to ");
                out.push_str(self.contacts[who as usize].short_name());
            }
        }
    }
}

/// The network's name, or with a number added when a network of that name
/// exists already (demo data added to a database with `--force`).
fn free_network_name(tx: &Transaction<'_>, base: &str) -> Result<String> {
    let mut taken =
        tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM networks WHERE name_key = ?1)")?;
    let mut name = base.to_string();
    for n in 2.. {
        if !taken.query_row([fold(&name)], |row| row.get::<_, bool>(0))? {
            break;
        }
        name = format!("{base} {n}");
    }
    Ok(name)
}

// ---------------------------------------------------------------------------
// Contacts.
// ---------------------------------------------------------------------------

fn draw_organisations(rng: &mut Rng, count: usize, out: &mut Vec<ContactPlan>) {
    let mut names: HashSet<String> = HashSet::with_capacity(count);
    for i in 0..count {
        let (name, tag, expertise) = match NAMED_ORGS.get(i) {
            Some(&(name, tag, expertise)) => (name.to_string(), tag, expertise),
            None => {
                let mut name = String::new();
                let mut expertise = "";
                // Retry a clash a few times; a repeated name is tolerable.
                for _ in 0..8 {
                    let (sector, topic) = pick(rng, ORG_SECTORS);
                    name = format!(
                        "{} {sector} {}",
                        pick(rng, ORG_STEMS),
                        pick(rng, ORG_SUFFIXES)
                    );
                    expertise = topic;
                    if !names.contains(&name) {
                        break;
                    }
                }
                (name, pick(rng, ORG_TAGS), expertise)
            }
        };
        names.insert(name.clone());
        let mut new = NewContact::new(Kind::Org, name);
        new.tags.push(tag.to_string());
        new.expertise.push(expertise.to_string());
        let domain = mail_domain(&new.name);
        if rng.f64() < 0.6 {
            let mailbox = if rng.bool() { "info" } else { "hello" };
            new.emails.push(Labelled {
                value: format!("{mailbox}@{domain}"),
                label: Some("work".to_string()),
            });
        }
        if rng.f64() < 0.4 {
            new.phones.push(Labelled {
                value: format!(
                    "+358 {} {:03} {:04}",
                    pick(rng, &["9", "10", "20"]),
                    rng.u32(100..1000),
                    rng.u32(..10_000)
                ),
                label: Some("work".to_string()),
            });
        }
        if rng.f64() < 0.3 {
            new.note = pick(rng, ORG_NOTES).to_string();
        }
        if rng.f64() < 0.05 {
            new.cadence_days = Some(pick(rng, &[90, 180]));
        }
        let tier = Tier::draw(None, rng);
        out.push(ContactPlan {
            new,
            given: "",
            joined: false,
            activity: tier.activity() * (0.6 + 0.8 * rng.f64()),
            window: Window::FULL,
            gives: draw_gives(rng, None),
            organisation: None,
            met_through: None,
            archived: false,
            snoozed_days: None,
        });
    }
}

fn draw_people(rng: &mut Rng, count: usize, out: &mut Vec<ContactPlan>) {
    let organisations = out.len();
    // Bigger organisations first: a few employ many of the people.
    let employers = WeightedIndex::new((0..organisations).map(|i| 1.0 / (i as f64 + 1.0)));
    let cultures: Vec<(&Culture, u32)> = CULTURES.iter().map(|c| (c, c.share)).collect();
    let professions: Vec<(&Profession, u32)> = PROFESSIONS.iter().map(|p| (p, p.share)).collect();
    let mut names: HashSet<String> = HashSet::with_capacity(count);
    let mut family = 0;
    // The user's own family name, which most of their family shares.
    let household = pick(rng, CULTURES[0].family);
    for n in 0..count {
        let index = out.len();
        let anchor = n < 3;
        let mut circle = match n {
            0 => Circle::Friend,
            1 => Circle::Family,
            2 => Circle::Work,
            _ => pick_weighted(
                rng,
                &[
                    (Circle::Family, 3),
                    (Circle::Friend, 15),
                    (Circle::Work, 35),
                    (Circle::Acquaintance, 30),
                    (Circle::Other, 17),
                ],
            ),
        };
        // Even a big address book has only so much family.
        if circle == Circle::Family {
            family += 1;
            if family > 30 {
                circle = Circle::Friend;
            }
        }
        let shared = (circle == Circle::Family && rng.f64() < 0.6).then_some(household);
        let (name, given, joined, family_name) = draw_name(rng, &cultures, shared, &names);
        names.insert(name.clone());
        let mut new = NewContact::new(Kind::Person, name);
        new.circle = Some(circle);

        let profession = pick_weighted(rng, &professions);
        let works_with_us = match circle {
            Circle::Work => 0.65,
            Circle::Acquaintance => 0.25,
            Circle::Friend => 0.15,
            _ => 0.0,
        };
        let organisation = (organisations > 0 && rng.f64() < works_with_us)
            .then(|| (employers.pick(rng), pick(rng, profession.titles)));
        let (topics, chance) = match circle {
            Circle::Work => (1..=3, 0.8),
            Circle::Acquaintance => (1..=2, 0.4),
            Circle::Friend => (1..=1, 0.2),
            _ => (1..=1, 0.05),
        };
        if rng.f64() < chance {
            for _ in 0..rng.usize(topics) {
                let topic = pick(rng, profession.expertise);
                if !new.expertise.iter().any(|t| t == topic) {
                    new.expertise.push(topic.to_string());
                }
            }
        }
        let (tags, tag_chance): (&[&str], f64) = match circle {
            Circle::Family => (FAMILY_TAGS, 0.3),
            Circle::Friend => (FRIEND_TAGS, 0.7),
            Circle::Work => (WORK_TAGS, 0.6),
            Circle::Acquaintance => (ACQUAINTANCE_TAGS, 0.4),
            Circle::Other => (OTHER_TAGS, 0.4),
        };
        let tag_count = if rng.f64() < tag_chance {
            rng.usize(1..=2)
        } else {
            0
        };
        for _ in 0..tag_count {
            let tag = pick(rng, tags);
            if !new.tags.iter().any(|t| t == tag) {
                new.tags.push(tag.to_string());
            }
        }
        let gives = if anchor {
            0.5
        } else {
            draw_gives(rng, Some(circle))
        };
        // Whom the user mostly learns from is often a mentor, and the
        // reverse a mentee.
        if circle == Circle::Work {
            if gives < 0.3 && rng.f64() < 0.4 {
                new.tags.push("mentor".to_string());
            } else if gives > 0.7 && rng.f64() < 0.3 {
                new.tags.push("mentee".to_string());
            }
        }

        let personal_mail = match circle {
            Circle::Family | Circle::Friend => 0.5,
            Circle::Work => 0.3,
            _ => 0.25,
        };
        let local = format!("{}.{}", ascii_word(given), ascii_word(family_name));
        if let Some((org, _)) = organisation
            && rng.f64() < 0.8
        {
            new.emails.push(Labelled {
                value: format!("{local}@{}", mail_domain(&out[org].new.name)),
                label: Some("work".to_string()),
            });
        }
        if rng.f64() < personal_mail {
            let domain = pick(
                rng,
                &["example.com", "example.fi", "example.org", "example.net"],
            );
            new.emails.push(Labelled {
                value: format!("{local}@{domain}"),
                label: rng.bool().then(|| "home".to_string()),
            });
        }
        let phone = match circle {
            Circle::Family | Circle::Friend => 0.7,
            Circle::Work => 0.3,
            _ => 0.15,
        };
        if rng.f64() < phone {
            new.phones.push(Labelled {
                value: draw_phone(rng),
                label: Some("mobile".to_string()),
            });
        }

        // Some were introduced by someone the user already knew.
        let met_through = (n > 0 && rng.f64() < 0.12).then(|| rng.usize(organisations..index));
        let met = match (met_through, circle) {
            (Some(_), _) => INTRODUCED_MET,
            (None, Circle::Family) => &[][..],
            (None, Circle::Friend) => FRIEND_MET,
            (None, Circle::Work) => WORK_MET,
            (None, Circle::Acquaintance) => ACQUAINTANCE_MET,
            (None, Circle::Other) => OTHER_MET,
        };
        if !met.is_empty() && rng.f64() < 0.6 {
            new.met_how = pick(rng, met).to_string();
        }
        if rng.f64() < 0.2 {
            new.note = pick(rng, PERSON_NOTES).to_string();
        }
        let cadence: (f64, &[u32]) = match circle {
            Circle::Family => (0.4, &[7, 14]),
            Circle::Friend => (0.15, &[14, 30, 60]),
            Circle::Work => (0.06, &[30, 60, 90]),
            Circle::Acquaintance => (0.02, &[90, 180, 365]),
            Circle::Other => (0.0, &[]),
        };
        if rng.f64() < cadence.0 {
            new.cadence_days = Some(pick(rng, cadence.1));
        }

        let tier = if anchor {
            Tier::Close
        } else {
            Tier::draw(Some(circle), rng)
        };
        // New ties (first met recently) and fading ones (not seen for a
        // while): the review's grace period and reconnect list need both.
        let window = if anchor {
            Window::FULL
        } else {
            match rng.u32(..100) {
                0..8 => Window {
                    newest: 0,
                    oldest: rng.u32(10..=120),
                },
                8..20 => Window {
                    newest: rng.u32(60..=500),
                    oldest: SPAN_DAYS,
                },
                _ => Window::FULL,
            }
        };
        out.push(ContactPlan {
            new,
            given,
            joined,
            activity: tier.activity() * (0.6 + 0.8 * rng.f64()),
            window,
            gives,
            organisation,
            met_through,
            archived: false,
            snoozed_days: None,
        });
    }
}

/// A full name, its given name, whether it is written without spaces, and
/// its family name; a Finnish name with the `household` family name when
/// given. Tries to avoid a name already used; after that adds a middle
/// initial, as people with common names do.
fn draw_name(
    rng: &mut Rng,
    cultures: &[(&'static Culture, u32)],
    household: Option<&'static str>,
    used: &HashSet<String>,
) -> (String, &'static str, bool, &'static str) {
    let mut drawn = (String::new(), "", false, "");
    for attempt in 0..6 {
        let (culture, family) = match household {
            Some(family) => (&CULTURES[0], family),
            None => {
                let culture = pick_weighted(rng, cultures);
                (culture, pick(rng, culture.family))
            }
        };
        let given = pick(rng, culture.given);
        let name = match (culture.family_first, culture.joined) {
            (true, true) => format!("{family}{given}"),
            (true, false) => format!("{family} {given}"),
            (false, _) if attempt == 5 => {
                let initial = char::from(b'A' + rng.u8(..26));
                format!("{given} {initial}. {family}")
            }
            (false, _) => format!("{given} {family}"),
        };
        drawn = (name, given, culture.joined, family);
        if !used.contains(&drawn.0) {
            break;
        }
    }
    drawn
}

/// Whether the user mostly gives, mostly receives, or keeps it even.
fn draw_gives(rng: &mut Rng, circle: Option<Circle>) -> f64 {
    let (balanced, gives) = match circle {
        Some(Circle::Family) => (85, 10),
        Some(Circle::Friend) => (75, 13),
        Some(Circle::Work) => (60, 20),
        Some(Circle::Acquaintance) => (65, 20),
        Some(Circle::Other) => (70, 15),
        None => (50, 25),
    };
    match rng.u32(..100) {
        x if x < balanced => 0.45 + 0.1 * rng.f64(),
        x if x < balanced + gives => 0.8 + 0.1 * rng.f64(),
        _ => 0.12 + 0.13 * rng.f64(),
    }
}

fn draw_phone(rng: &mut Rng) -> String {
    match rng.u32(..100) {
        0..85 => format!(
            "+358 {} {:03} {:04}",
            pick(rng, &["40", "41", "44", "45", "50"]),
            rng.u32(100..1000),
            rng.u32(..10_000)
        ),
        85..92 => format!(
            "+46 70 {:03} {:02} {:02}",
            rng.u32(100..1000),
            rng.u32(..100),
            rng.u32(..100)
        ),
        92..96 => format!(
            "+49 151 {:04} {:04}",
            rng.u32(1000..10_000),
            rng.u32(..10_000)
        ),
        _ => format!("+372 5{:03} {:04}", rng.u32(..1000), rng.u32(..10_000)),
    }
}

/// "Tampereen Yliopisto" → "tampereenyliopisto.example": a reserved top-level
/// domain, so no demo address can reach anyone.
fn mail_domain(org: &str) -> String {
    let words: String = fold(org)
        .split(' ')
        .filter(|w| !LEGAL_FORMS.contains(w))
        .collect();
    format!("{words}.example")
}

/// "Thị Lan" → "thilan", "王" → "wang", "O'Connor" → "oconnor".
fn ascii_word(text: &str) -> String {
    fold(text).replace(' ', "")
}

fn draw_minutes(rng: &mut Rng, channel: Channel) -> Option<u32> {
    match channel {
        Channel::Meeting if rng.f64() < 0.85 => Some(15 * rng.u32(2..=8)),
        Channel::Call if rng.f64() < 0.85 => Some(5 * rng.u32(1..=12)),
        Channel::Event if rng.f64() < 0.7 => Some(15 * rng.u32(4..=16)),
        Channel::Other if rng.bool() => Some(15 * rng.u32(2..=12)),
        _ => None,
    }
}

/// A time of day on about a third of interactions, in working hours for
/// meetings and calls, in the evening for events.
fn draw_time(rng: &mut Rng, channel: Channel) -> Option<u16> {
    if rng.f64() >= 0.35 {
        return None;
    }
    Some(match channel {
        Channel::Meeting => 8 * 60 + 15 * rng.u16(..44),
        Channel::Call => 8 * 60 + 5 * rng.u16(..120),
        Channel::Event => 16 * 60 + 30 * rng.u16(..9),
        Channel::Message => 7 * 60 + rng.u16(..16 * 60),
        Channel::Other => 9 * 60 + 15 * rng.u16(..44),
    })
}

fn channel_notes(channel: Channel) -> &'static [&'static str] {
    match channel {
        Channel::Meeting => MEETING_NOTES,
        Channel::Call => CALL_NOTES,
        Channel::Message => MESSAGE_NOTES,
        Channel::Event => EVENT_NOTES,
        Channel::Other => OTHER_NOTES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Clock;
    use crate::store::ListFilter;
    use rusqlite::types::ValueRef;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()
    }

    fn store() -> Store {
        Store::open_in_memory(Clock::fixed(today())).unwrap()
    }

    fn small(seed: u64) -> DemoOptions {
        DemoOptions {
            contacts: 80,
            interactions: 600,
            seed,
            force: false,
        }
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.conn().query_row(sql, [], |row| row.get(0)).unwrap()
    }

    /// Every row of a query, each as one line of text.
    fn dump(store: &Store, sql: &str) -> Vec<String> {
        let mut stmt = store.conn().prepare(sql).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        let mut out = Vec::new();
        while let Some(row) = rows.next().unwrap() {
            let cells: Vec<String> = (0..columns)
                .map(|i| match row.get_ref(i).unwrap() {
                    ValueRef::Null => "NULL".to_string(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(x) => x.to_string(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(b) => format!("{b:?}"),
                })
                .collect();
            out.push(cells.join("|"));
        }
        out
    }

    const TABLES: &[&str] = &[
        "SELECT * FROM contacts ORDER BY id",
        "SELECT * FROM contact_emails ORDER BY contact_id, position",
        "SELECT * FROM contact_phones ORDER BY contact_id, position",
        "SELECT * FROM contact_tags ORDER BY contact_id, tag",
        "SELECT * FROM contact_expertise ORDER BY contact_id, topic",
        "SELECT * FROM affiliations ORDER BY person_id, org_id",
        "SELECT * FROM networks ORDER BY id",
        "SELECT * FROM network_members ORDER BY network_id, contact_id",
        "SELECT * FROM interactions ORDER BY id",
        "SELECT * FROM interaction_participants ORDER BY interaction_id, contact_id",
        "SELECT * FROM items ORDER BY id",
    ];

    fn everything(store: &Store) -> Vec<Vec<String>> {
        TABLES.iter().map(|sql| dump(store, sql)).collect()
    }

    #[test]
    fn the_same_seed_writes_the_same_data() {
        let (mut a, mut b) = (store(), store());
        generate(&mut a, &small(7)).unwrap();
        generate(&mut b, &small(7)).unwrap();
        for archived in [false, true] {
            let filter = ListFilter {
                archived,
                ..ListFilter::default()
            };
            assert_eq!(
                a.list_contacts(&filter).unwrap(),
                b.list_contacts(&filter).unwrap()
            );
        }
        assert_eq!(everything(&a), everything(&b));
    }

    #[test]
    fn another_seed_writes_other_data() {
        let (mut a, mut b) = (store(), store());
        generate(&mut a, &small(7)).unwrap();
        generate(&mut b, &small(8)).unwrap();
        let names = |s: &Store| dump(s, "SELECT name FROM contacts ORDER BY id");
        assert_ne!(names(&a), names(&b));
        let interactions = "SELECT * FROM interactions ORDER BY id";
        assert_ne!(dump(&a, interactions), dump(&b, interactions));
    }

    #[test]
    fn writes_as_many_contacts_and_interactions_as_asked() {
        let mut store = store();
        let summary = generate(&mut store, &small(1)).unwrap();
        assert_eq!(summary.contacts, 80);
        assert_eq!(count(&store, "SELECT count(*) FROM contacts"), 80);
        assert_eq!(summary.interactions, 600);
        assert_eq!(count(&store, "SELECT count(*) FROM interactions"), 600);
        assert_eq!(
            summary.organisations as i64,
            count(&store, "SELECT count(*) FROM contacts WHERE kind = 'org'")
        );
        assert_eq!(summary.organisations, 6);
        assert_eq!(
            summary.networks as i64,
            count(&store, "SELECT count(*) FROM networks")
        );
        assert_eq!(
            summary.items as i64,
            count(&store, "SELECT count(*) FROM items")
        );
        assert_eq!(
            summary.open_promises as i64,
            count(&store, "SELECT count(*) FROM items WHERE state = 'open'")
        );
        assert!(summary.open_promises >= 6, "{summary:?}");
    }

    #[test]
    fn refuses_a_database_with_contacts_unless_forced() {
        let mut store = store();
        store
            .add_contact(&NewContact::new(Kind::Person, "Anna Järvinen"))
            .unwrap();
        let error = generate(&mut store, &small(1)).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("already holds 1 contact:"), "{message}");
        assert!(message.contains("--force"), "{message}");
        assert_eq!(count(&store, "SELECT count(*) FROM contacts"), 1);
        assert_eq!(count(&store, "SELECT count(*) FROM interactions"), 0);
        assert_eq!(count(&store, "SELECT count(*) FROM networks"), 0);

        let forced = DemoOptions {
            force: true,
            ..small(1)
        };
        generate(&mut store, &forced).unwrap();
        assert_eq!(count(&store, "SELECT count(*) FROM contacts"), 81);
        // Twice: the second set of networks gets names of its own.
        let summary = generate(&mut store, &forced).unwrap();
        assert_eq!(count(&store, "SELECT count(*) FROM contacts"), 161);
        assert_eq!(
            count(&store, "SELECT count(*) FROM networks"),
            2 * summary.networks as i64
        );
        assert_eq!(
            count(
                &store,
                "SELECT count(*) FROM networks WHERE name = 'Tampere Tech 2'"
            ),
            1
        );
    }

    #[test]
    fn refuses_zero_contacts() {
        let mut store = store();
        let options = DemoOptions {
            contacts: 0,
            ..DemoOptions::default()
        };
        let message = generate(&mut store, &options).unwrap_err().to_string();
        assert!(
            message.contains("--contacts must be at least 1"),
            "{message}"
        );
    }

    #[test]
    fn every_screen_has_something_to_show() {
        let mut store = store();
        let summary = generate(&mut store, &DemoOptions::default()).unwrap();
        assert_eq!(summary.contacts, 150);
        assert_eq!(summary.organisations, 12);
        assert_eq!(summary.networks, 8);
        let week_ago = (today() - Duration::days(6)).to_string();
        let promise_from = (today() - Duration::days(i64::from(PROMISE_DAYS))).to_string();
        let has = |sql: &str| count(&store, sql);
        // Open promises both ways, and only recent ones.
        assert!(has("SELECT count(*) FROM items WHERE state = 'open' AND direction = 'gave'") > 0);
        assert!(has("SELECT count(*) FROM items WHERE state = 'open' AND direction = 'got'") > 0);
        let old_promises: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM items it JOIN interactions i ON i.id = it.interaction_id
                 WHERE it.state = 'open' AND i.date < ?1",
                [&promise_from],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(old_promises, 0);
        let this_week: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM interactions WHERE date >= ?1",
                [&week_ago],
                |row| row.get(0),
            )
            .unwrap();
        assert!(this_week >= 3, "{this_week}");
        assert_eq!(
            has("SELECT count(*) FROM interactions WHERE date > '2026-03-04'"),
            0
        );
        assert!(has("SELECT count(*) FROM interactions WHERE network_id IS NOT NULL") > 0);
        // Every network has members, within 5 to 40.
        assert_eq!(
            has("SELECT count(*) FROM networks n
                 WHERE (SELECT count(*) FROM network_members m WHERE m.network_id = n.id)
                       NOT BETWEEN 5 AND 40"),
            0
        );
        assert!(has("SELECT count(*) FROM networks WHERE review_on < '2026-03-04'") > 0);
        assert!(has("SELECT count(*) FROM contacts WHERE archived = 1") > 0);
        assert!(has("SELECT count(*) FROM contacts WHERE snoozed_until > '2026-03-04'") > 0);
        assert!(has("SELECT count(*) FROM contacts WHERE cadence_days IS NOT NULL") > 0);
        assert!(has("SELECT count(*) FROM contacts WHERE met_through IS NOT NULL") > 0);
        assert!(has("SELECT count(*) FROM affiliations WHERE title IS NOT NULL") > 0);
        // Ties to reconnect with: not seen for half a year.
        assert!(
            has("SELECT count(*) FROM contact_stats WHERE last_interaction < '2025-09-01'") > 0
        );
    }

    #[test]
    fn the_data_is_consistent() {
        let mut store = store();
        generate(&mut store, &DemoOptions::default()).unwrap();
        let has = |sql: &str| count(&store, sql);
        // Counterparties are participants.
        assert_eq!(
            has("SELECT count(*) FROM items it
                 WHERE NOT EXISTS (SELECT 1 FROM interaction_participants p
                       WHERE p.interaction_id = it.interaction_id
                         AND p.contact_id = it.counterparty_id)"),
            0
        );
        // People in a network's interactions are its members, joined by then.
        assert_eq!(
            has("SELECT count(*) FROM interactions i
                 JOIN interaction_participants p ON p.interaction_id = i.id
                 WHERE i.network_id IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM network_members m
                       WHERE m.network_id = i.network_id AND m.contact_id = p.contact_id
                         AND m.joined_on <= i.date)"),
            0
        );
        let crowded = "SELECT count(*) FROM (SELECT 1 FROM items GROUP BY interaction_id
                       HAVING count(*) > 3)";
        assert_eq!(has(crowded), 0);
        assert_eq!(
            has("SELECT count(*) FROM interactions WHERE date < '2023-03-01'"),
            0
        );
        // Archived ties were last seen over a year ago.
        assert_eq!(
            has(
                "SELECT count(*) FROM contacts c JOIN contact_stats s ON s.contact_id = c.id
                 WHERE c.archived = 1 AND s.last_interaction > '2025-03-01'"
            ),
            0
        );
        // Names are written as people write them.
        assert!(has("SELECT count(*) FROM contacts WHERE name GLOB '*[äöåéëøễ]*'") > 0);
        // Activity is skewed: the busiest tie has far more than the median.
        let counts: Vec<i64> = dump(
            &store,
            "SELECT interaction_count FROM contact_stats ORDER BY interaction_count",
        )
        .iter()
        .map(|c| c.parse().unwrap())
        .collect();
        let (median, top) = (counts[counts.len() / 2], counts[counts.len() - 1]);
        assert!(top > 10 * median.max(1), "median {median}, top {top}");
    }

    #[test]
    fn reciprocity_has_every_pattern() {
        let mut store = store();
        generate(&mut store, &DemoOptions::default()).unwrap();
        let balance = "SELECT counterparty_id,
                    sum(CASE direction WHEN 'gave' THEN weight ELSE 0 END) AS gave,
                    sum(CASE direction WHEN 'got' THEN weight ELSE 0 END) AS got
             FROM items GROUP BY counterparty_id HAVING count(*) >= 6";
        let one_sided = count(
            &store,
            &format!("SELECT count(*) FROM ({balance}) WHERE gave >= 3 * got"),
        );
        let may_owe = count(
            &store,
            &format!("SELECT count(*) FROM ({balance}) WHERE got >= 3 * gave"),
        );
        let even = count(
            &store,
            &format!("SELECT count(*) FROM ({balance}) WHERE gave < 2 * got AND got < 2 * gave"),
        );
        assert!(
            one_sided > 0 && may_owe > 0,
            "one-sided {one_sided}, may owe {may_owe}"
        );
        assert!(even > one_sided + may_owe, "even {even}");
    }

    #[test]
    fn tiny_databases_work() {
        for (contacts, interactions) in [(1, 0), (1, 10), (3, 2), (7, 50), (12, 120)] {
            let mut store = store();
            let options = DemoOptions {
                contacts,
                interactions,
                ..DemoOptions::default()
            };
            let summary = generate(&mut store, &options).unwrap();
            assert_eq!(summary.contacts, contacts);
            assert_eq!(
                count(&store, "SELECT count(*) FROM interactions"),
                interactions as i64
            );
            if interactions >= 50 {
                assert!(summary.open_promises >= 3, "{summary:?}");
            }
        }
    }

    /// `cargo test --release --lib demo -- --ignored --nocapture`
    #[test]
    #[ignore = "timing: run in release"]
    fn generates_a_large_database_quickly() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("ties.db"), Clock::fixed(today())).unwrap();
        let options = DemoOptions {
            contacts: 10_000,
            interactions: 200_000,
            ..DemoOptions::default()
        };
        let started = std::time::Instant::now();
        let plan = Plan::draw(&options);
        let planning = started.elapsed();
        drop(plan);
        let started = std::time::Instant::now();
        let summary = generate(&mut store, &options).unwrap();
        let elapsed = started.elapsed();
        println!("{summary:?} in {elapsed:.2?} (of which planning {planning:.2?})");
        assert_eq!(count(&store, "SELECT count(*) FROM interactions"), 200_000);
        assert!(elapsed.as_secs() < 60, "{elapsed:?}");
    }
}
