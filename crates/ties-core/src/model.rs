//! The vocabulary of ties: the closed sets of values a contact, an interaction,
//! an item or a network can take, and the records the store hands out.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Field};

/// Defines a closed set of lowercase words stored as TEXT in SQLite and shown
/// as-is to users. Parsing failures name the accepted values.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident, $field:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The field the value fills, for refusals.
            pub const FIELD: Field = Field::$field;

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// The accepted words, comma-separated, for error messages.
            pub fn accepted() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                let lower = s.trim().to_lowercase();
                match lower.as_str() {
                    $($word => Ok($name::$variant),)+
                    _ => Err(Error::invalid(Field::$field, s.trim(), Self::accepted())),
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                text.parse().map_err(|e: Error| rusqlite::types::FromSqlError::Other(Box::new(e)))
            }
        }
    };
}

word_enum!(
    /// A contact is a person or an organisation.
    Kind, Kind { Person => "person", Org => "org" }
);

word_enum!(
    /// How close a person is; drives the default reconnect cadence.
    Circle, Circle {
        Family => "family",
        Friend => "friend",
        Work => "work",
        Acquaintance => "acquaintance",
        Other => "other",
    }
);

word_enum!(
    Channel, Channel {
        Meeting => "meeting",
        Call => "call",
        Message => "message",
        Event => "event",
        Other => "other",
    }
);

word_enum!(
    /// Seen from the user: `gave` is what I gave the counterparty.
    Direction, Direction { Gave => "gave", Got => "got" }
);

word_enum!(
    ItemKind, ItemKind {
        Advice => "advice",
        Idea => "idea",
        Intro => "intro",
        Help => "help",
        Referral => "referral",
        Resource => "resource",
        Support => "support",
        Gift => "gift",
        Other => "other",
    }
);

word_enum!(
    /// `open` is a promise not yet kept.
    ItemState, ItemState { Done => "done", Open => "open" }
);

word_enum!(
    /// The ladder of involvement in a network, from reading to leading.
    Role, Role {
        Observer => "observer",
        Member => "member",
        Contributor => "contributor",
        Promoter => "promoter",
        Leader => "leader",
    }
);

word_enum!(
    /// What the user means to do with a network.
    Intent, Intent {
        Deepen => "deepen",
        Keep => "keep",
        Lighten => "lighten",
        Leave => "leave",
    }
);

/// The lowest and highest weight of a give/take item.
pub const WEIGHT_RANGE: std::ops::RangeInclusive<u8> = 1..=5;

/// A contact as listed: the fields every listing shows, plus derived dates;
/// its fields in the order `Contact` has them, so the two JSON shapes read
/// alike.
///
/// The shapes of a contact, and why there is more than one: `Contact` is
/// everything stored about one (what `show` prints); `ContactSummary` is a
/// listing's row (a few fields and the lists flattened to text, read for
/// thousands at once); `store::ContactDetail` is a `Contact` with what
/// surrounds it; `store::ContactFacts` is what the review's rules read (the
/// kept sums, no lists); `ContactRef` points at one; `store::NewContact` is
/// the one input for a new contact from every face and importer, and
/// `store::ContactEdit` a change to one; `import::Record` is a contact as a
/// file names it (links by UID or name, before matching);
/// `export::snapshot::ContactRow` is a row of the JSON file (links by id);
/// `resolve::Candidate` is what naming one needs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ContactSummary {
    pub id: i64,
    pub kind: Kind,
    pub name: String,
    pub circle: Option<Circle>,
    pub emails: Vec<Labelled>,
    pub phones: Vec<Labelled>,
    pub tags: Vec<String>,
    pub expertise: Vec<String>,
    pub cadence_days: Option<u32>,
    pub snoozed_until: Option<NaiveDate>,
    pub archived: bool,
    /// For a person, the organisations they belong to; for an organisation,
    /// its people (as `show` gives them).
    pub affiliations: Vec<Affiliation>,
    /// The names of a person's organisations, for the UI's table and filter;
    /// the outputs give `affiliations` instead.
    #[serde(skip)]
    pub organisations: Vec<String>,
    pub last_interaction: Option<NaiveDate>,
    pub interaction_count: u32,
}

/// One email address or phone number with its optional type label
/// ("work", "cell", …).
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Labelled {
    pub value: String,
    pub label: Option<String>,
}

/// Everything stored about one contact.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Contact {
    pub id: i64,
    pub kind: Kind,
    pub name: String,
    pub circle: Option<Circle>,
    pub emails: Vec<Labelled>,
    pub phones: Vec<Labelled>,
    pub tags: Vec<String>,
    pub expertise: Vec<String>,
    #[serde(serialize_with = "crate::json_text::empty_as_null")]
    pub note: String,
    #[serde(serialize_with = "crate::json_text::empty_as_null")]
    pub met_how: String,
    pub met_through: Option<ContactRef>,
    pub cadence_days: Option<u32>,
    pub snoozed_until: Option<NaiveDate>,
    pub archived: bool,
    /// False once the tie was let go: never suggested for a reconnect.
    pub reminders: bool,
    pub created_at: String,
    pub updated_at: String,
    /// The vCard UID: the card's own when imported, else one ties made.
    pub uid: String,
    #[serde(serialize_with = "crate::json_text::empty_as_null")]
    pub nickname: String,
    /// `YYYY-MM-DD`, or `--MM-DD` when the year is not known.
    pub birthday: Option<String>,
    /// Labelled dates besides the birthday, in calendar order.
    pub dates: Vec<ContactDate>,
    /// When you met (e.g. LinkedIn's "Connected On").
    pub met_on: Option<NaiveDate>,
    pub urls: Vec<Labelled>,
    #[serde(serialize_with = "crate::json_text::addresses")]
    pub addresses: Vec<Address>,
    /// Other contacts this one is related to (spouse, colleague, …).
    pub related: Vec<Relation>,
}

/// A date of a contact besides the birthday ("anniversary", "name day",
/// "started at Kasvu"): yearly, or one-off.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct ContactDate {
    pub label: String,
    /// `YYYY-MM-DD`, or `--MM-DD` for a yearly date whose year is not known.
    pub date: String,
    /// Comes back every year (an anniversary), or happens once.
    #[serde(default = "comes_back")]
    pub yearly: bool,
}

fn comes_back() -> bool {
    true
}

/// A postal address, in the seven parts of a vCard ADR.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Address {
    pub label: Option<String>,
    pub po_box: String,
    pub extended: String,
    pub street: String,
    pub locality: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
}

impl Address {
    /// The address on one line, empty parts left out.
    pub fn one_line(&self) -> String {
        let code_and_town = [self.postal_code.as_str(), self.locality.as_str()]
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        [
            self.po_box.as_str(),
            self.extended.as_str(),
            self.street.as_str(),
            code_and_town.as_str(),
            self.region.as_str(),
            self.country.as_str(),
        ]
        .iter()
        .filter(|p| !p.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
    }

    pub fn is_empty(&self) -> bool {
        self.one_line().trim().is_empty()
    }
}

/// A link to another contact and what it is ("spouse", "colleague", or "").
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Relation {
    pub contact: ContactRef,
    #[serde(serialize_with = "crate::json_text::empty_as_null")]
    pub relation: String,
}

/// A pointer to a contact, as JSON output names one: its id and name.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContactRef {
    pub id: i64,
    pub name: String,
}

/// A person's place in an organisation.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Affiliation {
    pub person: ContactRef,
    pub org: ContactRef,
    pub title: Option<String>,
    /// The department within the organisation.
    pub unit: Option<String>,
}

impl Affiliation {
    /// The other side as seen from `contact`, with the title: "Kasvu Oy
    /// (CTO)" on the person's page, "Bob Smith (CTO)" on the organisation's.
    pub fn seen_from(&self, contact: i64) -> String {
        let other = if self.person.id == contact {
            &self.org.name
        } else {
            &self.person.name
        };
        match &self.title {
            Some(title) => format!("{other} ({title})"),
            None => other.clone(),
        }
    }
}

/// A give/take item of an interaction.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Item {
    pub id: i64,
    pub counterparty: ContactRef,
    pub direction: Direction,
    pub kind: ItemKind,
    pub weight: u8,
    pub state: ItemState,
    #[serde(serialize_with = "crate::json_text::empty_as_null")]
    pub note: String,
    pub settled_on: Option<NaiveDate>,
}

/// One logged interaction with its participants and items.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Interaction {
    pub id: i64,
    pub date: NaiveDate,
    pub time: Option<String>,
    pub channel: Channel,
    pub minutes: Option<u32>,
    pub network: Option<NetworkRef>,
    #[serde(serialize_with = "crate::json_text::empty_as_null")]
    pub note: String,
    pub participants: Vec<ContactRef>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct NetworkRef {
    pub id: i64,
    pub name: String,
}

/// A network: the plan for one association, community or partner group.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Network {
    pub id: i64,
    pub name: String,
    #[serde(serialize_with = "crate::json_text::empty_as_null")]
    pub goal: String,
    pub role: Role,
    pub intent: Intent,
    pub hours_per_month: Option<f64>,
    pub review_on: Option<NaiveDate>,
    #[serde(serialize_with = "crate::json_text::empty_as_null")]
    pub note: String,
    pub member_count: u32,
    pub created_at: String,
}
