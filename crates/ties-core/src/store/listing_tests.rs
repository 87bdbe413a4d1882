//! The list read a page at a time, and streamed whole, against the list
//! read at once (`list_contacts`) and sorted from scratch.

use chrono::NaiveDate;

use super::listing::{ListOrder, PageStart};
use super::*;
use crate::demo::{self, DemoOptions};
use crate::model::{Circle, Kind};

fn demo_store() -> Store {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let mut store = Store::open_in_memory(Clock::fixed(today)).unwrap();
    let options = DemoOptions {
        contacts: 300,
        interactions: 2000,
        ..DemoOptions::default()
    };
    demo::generate(&mut store, &options).unwrap();
    // Some archived, to be left out of the list (or be all of it).
    for id in [3, 17, 40, 41, 120] {
        store.set_archived(id, true).unwrap();
    }
    store
}

fn streamed(store: &Store, filter: &ListFilter) -> Vec<crate::model::ContactSummary> {
    let mut out = Vec::new();
    let count = store
        .each_contact_summary(filter, |c| {
            out.push(c.clone());
            Ok(())
        })
        .unwrap();
    assert_eq!(count, out.len());
    out
}

#[test]
fn the_streamed_list_is_the_list_read_at_once_for_every_filter() {
    let store = demo_store();
    let tag = store
        .conn()
        .query_row("SELECT tag FROM contact_tags LIMIT 1", [], |row| {
            row.get::<_, String>(0)
        })
        .unwrap();
    let topic = store
        .conn()
        .query_row("SELECT topic FROM contact_expertise LIMIT 1", [], |row| {
            row.get::<_, String>(0)
        })
        .unwrap();
    let filters = [
        ListFilter::default(),
        ListFilter {
            archived: true,
            ..ListFilter::default()
        },
        ListFilter {
            kind: Some(Kind::Org),
            ..ListFilter::default()
        },
        ListFilter {
            circle: Some(Circle::Friend),
            kind: Some(Kind::Person),
            ..ListFilter::default()
        },
        ListFilter {
            tag: Some(tag.to_uppercase()),
            ..ListFilter::default()
        },
        ListFilter {
            expertise: Some(topic.to_uppercase()),
            ..ListFilter::default()
        },
    ];
    for filter in &filters {
        let whole = store.list_contacts(filter).unwrap();
        assert!(!whole.is_empty(), "{filter:?} lists someone");
        assert_eq!(streamed(&store, filter), whole, "{filter:?}");
    }
    // The lists beside each contact are there, not only the contacts.
    let all = streamed(&store, &ListFilter::default());
    assert!(all.iter().any(|c| !c.tags.is_empty()));
    assert!(all.iter().any(|c| !c.organisations.is_empty()));
}

#[test]
fn pages_walked_either_way_are_the_list_sorted_from_scratch() {
    let store = demo_store();
    let whole = store.list_contacts(&ListFilter::default()).unwrap();
    assert_eq!(store.count_listed(false).unwrap(), whole.len());
    for order in [
        ListOrder::Name,
        ListOrder::LastInteraction,
        ListOrder::Balance,
    ] {
        // From scratch: the order's key, then the name, then the id (last
        // interaction newest first, never met last).
        let mut expected: Vec<(i64, String, String, f64)> = store
            .conn()
            .prepare(
                "SELECT c.id, c.name_key, coalesce(s.last_interaction, ''), s.gave_scaled - s.got_scaled
                 FROM contacts c JOIN contact_stats s ON s.contact_id = c.id WHERE c.archived = 0",
            )
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        expected.sort_by(|a, b| {
            let by_key = match order {
                ListOrder::Name => std::cmp::Ordering::Equal,
                ListOrder::LastInteraction => b.2.cmp(&a.2),
                ListOrder::Balance => a.3.total_cmp(&b.3),
            };
            by_key.then_with(|| (&a.1, a.0).cmp(&(&b.1, b.0)))
        });
        let expected: Vec<i64> = expected.into_iter().map(|row| row.0).collect();

        let mut forward = Vec::new();
        let mut page = store
            .contact_page(false, order, PageStart::First, 7)
            .unwrap();
        while let Some(last) = page.last() {
            forward.extend(page.iter().map(|r| r.summary.id));
            let cursor = last.cursor.clone();
            page = store
                .contact_page(false, order, PageStart::After(&cursor), 7)
                .unwrap();
        }
        assert_eq!(forward, expected, "{order:?} forward");

        let mut backward = Vec::new();
        let mut page = store
            .contact_page(false, order, PageStart::Last, 9)
            .unwrap();
        while let Some(first) = page.first() {
            backward.splice(0..0, page.iter().map(|r| r.summary.id));
            let cursor = first.cursor.clone();
            page = store
                .contact_page(false, order, PageStart::Before(&cursor), 9)
                .unwrap();
        }
        assert_eq!(backward, expected, "{order:?} backward");

        let at = store
            .contact_page(false, order, PageStart::At(50), 5)
            .unwrap();
        let at: Vec<i64> = at.iter().map(|r| r.summary.id).collect();
        assert_eq!(at, expected[50..55], "{order:?} at 50");
        let id = expected[123];
        assert_eq!(store.position_in_list(false, order, id).unwrap(), Some(123));
    }
    // The archived contacts are a list of their own, paged the same way.
    let archived = store
        .list_contacts(&ListFilter {
            archived: true,
            ..ListFilter::default()
        })
        .unwrap();
    assert_eq!(store.count_listed(true).unwrap(), archived.len());
    let page = store
        .contact_page(true, ListOrder::Name, PageStart::First, 100)
        .unwrap();
    let page: Vec<_> = page.into_iter().map(|r| r.summary).collect();
    assert_eq!(page, as_rows(archived));
    // A page's rows carry their lists, like the whole list's, but for an
    // organisation's people.
    let page = store
        .contact_page(false, ListOrder::Name, PageStart::First, 40)
        .unwrap();
    let shown: Vec<_> = page.into_iter().map(|r| r.summary).collect();
    assert_eq!(shown, as_rows(whole[..40].to_vec()));
    assert!(
        whole[..40]
            .iter()
            .any(|c| c.kind == crate::model::Kind::Org && !c.affiliations.is_empty()),
        "the first page holds an organisation with people, left out of its row"
    );
}

/// The list's contacts as a page shows them: each with its affiliations as
/// a person only.
fn as_rows(mut contacts: Vec<crate::model::ContactSummary>) -> Vec<crate::model::ContactSummary> {
    for contact in &mut contacts {
        let id = contact.id;
        contact.affiliations.retain(|a| a.person.id == id);
    }
    contacts
}

/// A filter's matches are read by id, in the order given, each with its
/// lists (one query a list for all of them): an id given twice is shown
/// twice, one no longer listed is `None`.
#[test]
fn matches_read_by_id_carry_their_lists_in_the_order_given() {
    let store = demo_store();
    let whole = as_rows(store.list_contacts(&ListFilter::default()).unwrap());
    let with_lists: Vec<&crate::model::ContactSummary> = whole
        .iter()
        .filter(|c| !c.tags.is_empty() && !c.organisations.is_empty())
        .take(3)
        .collect();
    assert_eq!(
        with_lists.len(),
        3,
        "the demo has people with tags and organisations"
    );
    let (a, b, c) = (with_lists[0], with_lists[1], with_lists[2]);
    let ids = [c.id, i64::MAX, a.id, b.id, c.id];
    let read: Vec<Option<crate::model::ContactSummary>> = store
        .listed_contacts(false, &ids)
        .unwrap()
        .into_iter()
        .map(|row| row.map(|r| r.summary))
        .collect();
    assert_eq!(
        read,
        vec![
            Some(c.clone()),
            None,
            Some(a.clone()),
            Some(b.clone()),
            Some(c.clone())
        ]
    );
}
