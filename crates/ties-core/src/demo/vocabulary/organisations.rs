//! Organisations: the named ones, and the parts of the drawn ones.

/// Organisations with a known character, used first: (name, tag, expertise).
pub(crate) const NAMED_ORGS: &[(&str, &str, &str)] = &[
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
pub(crate) const ORG_STEMS: &[&str] = &[
    "Kasvu", "Valo", "Kide", "Tuuli", "Kivi", "Lumi", "Aalto", "Revontuli", "Sisu", "Helmi",
    "Kaiku", "Virta", "Aura", "Saimaa", "Pohjola", "Halla", "Myrsky", "Routa", "Tähti", "Kuura",
    "Nova", "Arktis", "Boreal", "Fjord", "Aurora", "Taiga", "Polar", "Norr", "Sävel", "Ilma",
    "Kelo", "Vire", "Usva", "Ahjo", "Louhi",
];
/// (sector word in the name, what such a company knows about)
pub(crate) const ORG_SECTORS: &[(&str, &str)] = &[
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
pub(crate) const ORG_SUFFIXES: &[&str] = &["Oy", "Oy", "Oy", "Oy", "Ab", "Ltd", "AS", "GmbH", "OÜ"];
pub(crate) const ORG_TAGS: &[&str] = &["customer", "partner", "supplier", "prospect"];
/// Legal-form words left out of an organisation's mail domain.
pub(crate) const LEGAL_FORMS: &[&str] = &["oy", "oyj", "ab", "ry", "ltd", "gmbh", "as", "ou", "sr"];
