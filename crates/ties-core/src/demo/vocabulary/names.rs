//! Names, by naming tradition.

/// Names of one naming tradition, so that first and last names match.
pub(crate) struct Culture {
    pub(crate) share: u32,
    pub(crate) given: &'static [&'static str],
    pub(crate) family: &'static [&'static str],
    /// Family name first ("Nguyễn Thị Lan", "王小明").
    pub(crate) family_first: bool,
    /// Written without a space (Chinese and Japanese in their own script).
    pub(crate) joined: bool,
}

#[rustfmt::skip]
pub(crate) const CULTURES: &[Culture] = &[
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
