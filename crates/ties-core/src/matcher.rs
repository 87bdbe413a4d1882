//! Fuzzy matching of many haystacks on a thread of its own, the newest
//! query winning: what a filter typed over a hundred thousand contacts
//! needs so that typing never waits for matching (as television and atuin
//! do). The matches and their order are exactly `search::Fuzzy::rank`'s.
//!
//! The haystacks are read on the worker thread too (by the `load` given
//! to `Matcher::start`), converted once for the matcher. A query that only
//! narrows the one answered before it (more typed at the end) is matched
//! against that answer's matches alone; any other is matched against all,
//! split over the machine's cores. A newer query stops an older one.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use nucleo_matcher::{Config, Utf32String};

/// Below this many candidates one thread matches them all: starting
/// another costs more than it saves.
const PARALLEL_FROM: usize = 20_000;
/// How often (in haystacks) a match looks whether a newer query came.
const CHECK_EVERY: usize = 1024;

/// What reading the haystacks said when it failed.
pub type LoadError = String;

/// The answer to one query: the ids that match, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matches {
    /// Which `ask` this answers.
    pub generation: u64,
    pub query: String,
    pub ids: Vec<i64>,
}

pub struct Matcher {
    shared: Arc<Shared>,
}

struct Shared {
    state: Mutex<State>,
    /// Wakes the worker (a new query, or stop).
    asked: Condvar,
    /// Wakes those waiting for an answer.
    answered: Condvar,
    /// The newest query's generation, read by a match in progress.
    newest: AtomicU64,
}

#[derive(Default)]
struct State {
    /// The newest query not yet taken by the worker.
    query: Option<(u64, String)>,
    /// The newest answer.
    answer: Option<Arc<Matches>>,
    loaded: bool,
    failed: Option<LoadError>,
    stop: bool,
}

/// The haystacks, in the order ties keep: their position breaks equal scores.
struct Haystacks {
    ids: Vec<i64>,
    texts: Vec<Utf32String>,
}

impl Matcher {
    /// Starts the worker: it runs `load`, which gives each (id, haystack) in
    /// order and stops early when told false, then answers queries.
    pub fn start<L>(load: L) -> Matcher
    where
        L: FnOnce(&mut dyn FnMut(i64, &str) -> bool) -> Result<(), LoadError> + Send + 'static,
    {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            asked: Condvar::new(),
            answered: Condvar::new(),
            newest: AtomicU64::new(0),
        });
        let worker = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("ties matcher".into())
            .spawn(move || work(&worker, load))
            .expect("start the matcher thread");
        Matcher { shared }
    }

    /// Asks for the matches of `query`; returns its generation. An older
    /// query still being matched is dropped.
    pub fn ask(&self, query: &str) -> u64 {
        let mut state = self.lock();
        let generation = self.shared.newest.fetch_add(1, Ordering::SeqCst) + 1;
        state.query = Some((generation, query.to_string()));
        self.shared.asked.notify_all();
        generation
    }

    /// The newest answer, if any came.
    pub fn answer(&self) -> Option<Arc<Matches>> {
        self.lock().answer.clone()
    }

    /// Whether the newest query is answered.
    pub fn is_answered(&self) -> bool {
        let state = self.lock();
        self.answered_in(&state)
    }

    /// Waits up to `timeout` for the newest query to be answered; returns
    /// whether it is.
    pub fn wait(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut state = self.lock();
        while !self.answered_in(&state) {
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            state = self
                .shared
                .answered
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        true
    }

    /// Why reading the haystacks failed, if it did.
    pub fn failed(&self) -> Option<LoadError> {
        self.lock().failed.clone()
    }

    fn answered_in(&self, state: &State) -> bool {
        let newest = self.shared.newest.load(Ordering::SeqCst);
        state.failed.is_some()
            || newest == 0
            || state
                .answer
                .as_ref()
                .is_some_and(|a| a.generation == newest)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        lock(&self.shared)
    }
}

impl Drop for Matcher {
    fn drop(&mut self) {
        // The worker ends at its next look (a load stops at the next row).
        self.lock().stop = true;
        self.shared.newest.fetch_add(1, Ordering::SeqCst);
        self.shared.asked.notify_all();
    }
}

fn lock(shared: &Shared) -> MutexGuard<'_, State> {
    shared.state.lock().unwrap_or_else(|e| e.into_inner())
}

fn work<L>(shared: &Shared, load: L)
where
    L: FnOnce(&mut dyn FnMut(i64, &str) -> bool) -> Result<(), LoadError>,
{
    let mut haystacks = Haystacks {
        ids: Vec::new(),
        texts: Vec::new(),
    };
    let loaded = load(&mut |id, text| {
        haystacks.ids.push(id);
        haystacks.texts.push(Utf32String::from(text));
        !lock(shared).stop
    });
    {
        let mut state = lock(shared);
        match loaded {
            Ok(()) => state.loaded = true,
            Err(error) => state.failed = Some(error),
        }
        if state.failed.is_some() {
            shared.answered.notify_all();
            return;
        }
    }
    haystacks.ids.shrink_to_fit();
    haystacks.texts.shrink_to_fit();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let mut matchers: Vec<nucleo_matcher::Matcher> = (0..threads)
        .map(|_| nucleo_matcher::Matcher::new(Config::DEFAULT))
        .collect();
    // The last answer's query and positions, to narrow from.
    let mut last: Option<(String, Vec<u32>)> = None;
    loop {
        let (generation, query) = {
            let mut state = lock(shared);
            loop {
                if state.stop {
                    return;
                }
                if let Some(asked) = state.query.take() {
                    break asked;
                }
                state = shared.asked.wait(state).unwrap_or_else(|e| e.into_inner());
            }
        };
        let candidates = match &last {
            Some((before, positions)) if narrows(before, &query) => Some(positions.as_slice()),
            _ => None,
        };
        let Some(positions) = rank(&haystacks, &query, candidates, &mut matchers, &|| {
            shared.newest.load(Ordering::SeqCst) != generation
        }) else {
            // A newer query came: it is taken on the next turn.
            continue;
        };
        let ids = positions
            .iter()
            .map(|&p| haystacks.ids[p as usize])
            .collect();
        let mut state = lock(shared);
        state.answer = Some(Arc::new(Matches {
            generation,
            query: query.clone(),
            ids,
        }));
        shared.answered.notify_all();
        drop(state);
        // Narrowing needs the matches in position order.
        let mut sorted = positions;
        sorted.sort_unstable();
        last = Some((query, sorted));
    }
}

/// Whether every match of `after` is a match of `before`: more typed at
/// the end, while the last word of `before` is a plain fuzzy word (one
/// marked `!`, `^`, `'`, `$` or escaped can stop matching when it grows).
fn narrows(before: &str, after: &str) -> bool {
    if before.trim().is_empty() || !after.starts_with(before) {
        return false;
    }
    let last_word = if before.ends_with(char::is_whitespace) {
        ""
    } else {
        before.split_whitespace().last().unwrap_or("")
    };
    !last_word.contains(['!', '^', '\'', '$', '\\'])
}

/// The positions of the haystacks (all, or only `candidates`) that match
/// `query`, best first, equal scores in position order: `Fuzzy::rank`'s
/// answer. `None` when `stale` said a newer query came.
fn rank(
    haystacks: &Haystacks,
    query: &str,
    candidates: Option<&[u32]>,
    matchers: &mut [nucleo_matcher::Matcher],
    stale: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<u32>> {
    if query.trim().is_empty() {
        return Some((0..haystacks.texts.len() as u32).collect());
    }
    let pattern = crate::search::pattern(query);
    let count = candidates.map_or(haystacks.texts.len(), <[u32]>::len);
    let position = |i: usize| candidates.map_or(i as u32, |c| c[i]);
    // (score, position) in one key: sorting it puts the best first and
    // equal scores in position order.
    let score = |range: std::ops::Range<usize>,
                 matcher: &mut nucleo_matcher::Matcher|
     -> Option<Vec<u64>> {
        let mut keys = Vec::new();
        for (n, i) in range.enumerate() {
            if n % CHECK_EVERY == 0 && stale() {
                return None;
            }
            let at = position(i);
            let text = haystacks.texts[at as usize].slice(..);
            if let Some(score) = pattern.score(text, matcher) {
                keys.push((u64::from(u32::MAX - score) << 32) | u64::from(at));
            }
        }
        Some(keys)
    };
    let parts = if count < PARALLEL_FROM {
        1
    } else {
        matchers.len()
    };
    let mut keys = if parts == 1 {
        score(0..count, &mut matchers[0])?
    } else {
        let chunk = count.div_ceil(parts);
        let found: Vec<Option<Vec<u64>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = matchers
                .iter_mut()
                .enumerate()
                .map(|(n, matcher)| {
                    let range = (n * chunk).min(count)..((n + 1) * chunk).min(count);
                    let score = &score;
                    scope.spawn(move || score(range, matcher))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(None))
                .collect()
        });
        let mut keys = Vec::new();
        for part in found {
            keys.extend(part?);
        }
        keys
    };
    if stale() {
        return None;
    }
    keys.sort_unstable();
    Some(keys.into_iter().map(|key| key as u32).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Fuzzy;
    use proptest::prelude::*;

    fn matcher_of(texts: &[String]) -> Matcher {
        let texts = texts.to_vec();
        Matcher::start(move |each| {
            for (i, text) in texts.iter().enumerate() {
                if !each(i as i64 * 10, text) {
                    break;
                }
            }
            Ok(())
        })
    }

    fn answer_of(matcher: &Matcher, query: &str) -> Vec<i64> {
        let generation = matcher.ask(query);
        assert!(matcher.wait(Duration::from_secs(30)));
        let answer = matcher.answer().unwrap();
        assert_eq!(answer.generation, generation);
        assert_eq!(answer.query, query);
        answer.ids.clone()
    }

    fn direct(texts: &[String], query: &str) -> Vec<i64> {
        Fuzzy::default()
            .rank(query, texts)
            .into_iter()
            .map(|i| i as i64 * 10)
            .collect()
    }

    #[test]
    fn the_newest_query_wins() {
        let texts: Vec<String> = (0..50_000)
            .map(|i| format!("contact {i} kubernetes climbing {}", i % 97))
            .collect();
        let matcher = matcher_of(&texts);
        matcher.ask("con");
        matcher.ask("clim 4");
        let newest = matcher.ask("kub 12");
        assert!(matcher.wait(Duration::from_secs(30)));
        let answer = matcher.answer().unwrap();
        assert_eq!(
            answer.generation, newest,
            "an older query never answers last"
        );
        assert_eq!(answer.ids, direct(&texts, "kub 12"));
    }

    #[test]
    fn typing_on_narrows_and_still_finds_what_a_direct_match_finds() {
        let texts: Vec<String> = [
            "Anna Järvinen climbing kubernetes",
            "Zoë Brontë-Ōkubo design",
            "Bob Smith Kasvu Oy",
            "Makena Oy make",
            "Mika Mäkelä",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let matcher = matcher_of(&texts);
        for query in [
            "m", "ma", "mak", "make", "make ", "make o", "mak", "!ka", "!kas",
        ] {
            assert_eq!(
                answer_of(&matcher, query),
                direct(&texts, query),
                "{query:?}"
            );
        }
    }

    #[test]
    fn a_failed_load_answers_with_its_error() {
        let matcher = Matcher::start(|_| Err("no database".to_string()));
        matcher.ask("x");
        assert!(matcher.wait(Duration::from_secs(30)));
        assert_eq!(matcher.failed().as_deref(), Some("no database"));
    }

    #[test]
    fn narrowing_is_only_assumed_where_it_holds() {
        assert!(narrows("ma", "mak"));
        assert!(narrows("ma", "ma k"));
        assert!(narrows("ma ", "ma !k"));
        assert!(
            !narrows("!ma", "!mak"),
            "a negated word matches more as it grows"
        );
        assert!(!narrows("ma$", "ma$k"));
        assert!(!narrows("ma", "m"));
        assert!(!narrows("", "m"));
    }

    fn word() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "anna", "ma", "mä", "kub", "Öz", "!a", "^b", "o$", "'ka", "z", "é", " ", "ab c",
        ])
        .prop_map(str::to_string)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever is typed, in whatever steps, the answer is the direct
        /// match's, in the direct match's order.
        #[test]
        fn answers_equal_a_direct_match(
            texts in prop::collection::vec("[a-zäöéÖ $'!^ ]{0,24}", 0..60),
            steps in prop::collection::vec(word(), 1..8),
        ) {
            let matcher = matcher_of(&texts);
            let mut query = String::new();
            for step in steps {
                query.push_str(&step);
                prop_assert_eq!(answer_of(&matcher, &query), direct(&texts, &query), "{:?}", query);
            }
        }
    }
}
