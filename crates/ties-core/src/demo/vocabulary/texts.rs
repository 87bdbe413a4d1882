//! Short texts: tags, how we met, notes of contacts, interactions and
//! items, and the promises.

use crate::model::{Channel, ItemKind};

pub(crate) const FAMILY_TAGS: &[&str] = &["godparent", "cousin", "in-law"];
pub(crate) const FRIEND_TAGS: &[&str] = &[
    "climbing",
    "running",
    "sauna",
    "board-games",
    "book-club",
    "neighbour",
    "classmate",
];
pub(crate) const WORK_TAGS: &[&str] = &[
    "customer",
    "colleague",
    "former-colleague",
    "investor",
    "partner",
    "supplier",
    "speaker",
    "recruiter",
];
pub(crate) const ACQUAINTANCE_TAGS: &[&str] = &[
    "conference",
    "meetup",
    "neighbour",
    "parent",
    "climbing",
    "classmate",
];
pub(crate) const OTHER_TAGS: &[&str] = &["neighbour", "parent", "landlord", "craftsman"];

pub(crate) const FRIEND_MET: &[&str] = &[
    "university",
    "climbing",
    "old classmate from school",
    "through a flatmate",
    "summer job",
    "exchange year in Lyon",
];
pub(crate) const WORK_MET: &[&str] = &[
    "worked together on a project",
    "former colleague",
    "customer project",
    "Slush",
    "a conference in Berlin",
    "LinkedIn",
    "Tampere Tech meetup",
    "pitch event",
];
pub(crate) const ACQUAINTANCE_MET: &[&str] = &[
    "a conference",
    "kids' school",
    "a meetup",
    "neighbour",
    "sauna society",
    "a wedding",
];
pub(crate) const OTHER_MET: &[&str] = &[
    "renovation",
    "the building's board",
    "kids' football team",
    "a course",
];
pub(crate) const INTRODUCED_MET: &[&str] = &[
    "introduced at a dinner",
    "introduced over email",
    "introduced at a party",
    "introduced for a project",
];

pub(crate) const PERSON_NOTES: &[&str] = &[
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
pub(crate) const ORG_NOTES: &[&str] = &[
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

pub(crate) fn channel_notes(channel: Channel) -> &'static [&'static str] {
    match channel {
        Channel::Meeting => MEETING_NOTES,
        Channel::Call => CALL_NOTES,
        Channel::Message => MESSAGE_NOTES,
        Channel::Event => EVENT_NOTES,
        Channel::Other => OTHER_NOTES,
    }
}

/// Notes of done items, by kind. Intros name a contact instead.
pub(crate) fn done_notes(kind: ItemKind) -> &'static [&'static str] {
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
pub(crate) const MY_PROMISES: &[(ItemKind, Option<&str>)] = &[
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
pub(crate) const THEIR_PROMISES: &[(ItemKind, Option<&str>)] = &[
    (ItemKind::Intro, None),
    (ItemKind::Resource, Some("share the salary survey")),
    (ItemKind::Advice, Some("look at the contract")),
    (ItemKind::Resource, Some("send the recording")),
    (ItemKind::Help, Some("help with the sauna stove")),
    (ItemKind::Referral, Some("pass on my CV")),
    (ItemKind::Resource, Some("lend the tent")),
];
