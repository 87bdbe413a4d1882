//! Professions: the titles people hold and the topics they know.

/// What a person does: their titles and the topics they know.
pub(crate) struct Profession {
    pub(crate) share: u32,
    pub(crate) titles: &'static [&'static str],
    pub(crate) expertise: &'static [&'static str],
}

pub(crate) const PROFESSIONS: &[Profession] = &[
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
