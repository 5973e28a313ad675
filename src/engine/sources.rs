//! Sources: which ones a view reads, how stale each is, and the citation views built from them.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::model::{Cite, Date, Method, PolicySet, SourceKind, Verification};

/// The sources an assessment reads: all of the set's (the default), or the ones a scenario names.
#[derive(Debug, Clone)]
pub(crate) struct Reading<'a> {
    pub all: bool,
    pub ids: HashSet<&'a str>,
    /// In the set's order, for display.
    pub ordered: Vec<&'a str>,
}

impl<'a> Reading<'a> {
    /// Resolves a scenario's `sources` list. Unknown ids are reported and skipped; a list that
    /// names no known source reads them all, so the user never gets an empty table by accident.
    pub fn resolve(set: &'a PolicySet, wanted: &[String], warnings: &mut Vec<String>) -> Self {
        let mut known: Vec<&'a str> = Vec::new();
        for id in wanted {
            match set.source(id) {
                Some(s) => {
                    if !known.contains(&s.id.as_str()) {
                        known.push(s.id.as_str());
                    }
                }
                None => warnings.push(format!(
                    "the scenario reads source `{id}`, which this policy set does not have; it is ignored"
                )),
            }
        }
        if !wanted.is_empty() && known.is_empty() {
            warnings.push(
                "none of the scenario's sources is in this policy set: reading all sources".into(),
            );
        }
        let all = known.is_empty() || known.len() == set.sources.len();
        let ordered: Vec<&'a str> = set
            .sources
            .iter()
            .map(|s| s.id.as_str())
            .filter(|id| all || known.contains(id))
            .collect();
        Reading {
            all,
            ids: ordered.iter().copied().collect(),
            ordered,
        }
    }

    pub fn reads(&self, source: &str) -> bool {
        self.ids.contains(source)
    }
}

/// What the assessment read, stated on the brief's first page and above the table.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ViewInfo {
    /// All of the set's sources are read.
    pub all: bool,
    /// Ids of the sources read, in the set's order.
    pub sources: Vec<String>,
    /// "All 30 sources" or "Only Claude Cowork data residency and retention (2026-04-28), as it
    /// saw it".
    pub label: String,
    /// The same with the source's short name, for narrow places.
    pub short_label: String,
    /// Cells of the offerings compared where all sources together disagree, when this view reads
    /// fewer than all: what the view does not show.
    pub disputes_not_read: usize,
}

impl ViewInfo {
    pub(crate) fn new(set: &PolicySet, r: &Reading) -> ViewInfo {
        let short_label = if r.all {
            "All sources".to_string()
        } else if let [one] = r.ordered.as_slice() {
            match set.source(one) {
                Some(s) => format!("Only {} ({})", s.short_name(), date_of(s)),
                None => format!("Only {one}"),
            }
        } else {
            format!("{} of {} sources", r.ordered.len(), set.sources.len())
        };
        let label = if r.all {
            format!(
                "All {} source{}",
                set.sources.len(),
                if set.sources.len() == 1 { "" } else { "s" }
            )
        } else if let [one] = r.ordered.as_slice() {
            match set.source(one) {
                Some(s) => format!("Only {} ({}), as it saw it", s.title, date_of(s)),
                None => format!("Only {one}"),
            }
        } else {
            let names: Vec<&str> = r
                .ordered
                .iter()
                .filter_map(|id| set.source(id).map(|s| s.short_name()))
                .collect();
            format!("{} sources: {}", names.len(), names.join(", "))
        };
        ViewInfo {
            all: r.all,
            sources: r.ordered.iter().map(|s| s.to_string()).collect(),
            label,
            short_label,
            disputes_not_read: 0,
        }
    }
}

/// The page's own date when it shows one, else the day it was checked.
fn date_of(s: &crate::model::Source) -> &str {
    if s.updated.is_empty() {
        &s.verified
    } else {
        &s.updated
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CiteView {
    pub source: String,
    pub source_title: String,
    pub publisher: String,
    pub locator: String,
    pub quote: String,
    /// The day this statement was last checked against its source.
    pub verified: String,
    /// Days past the review cadence, when the citation is stale.
    pub stale_by_days: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceStatus {
    pub id: String,
    pub title: String,
    pub short: String,
    pub publisher: String,
    pub kind: SourceKind,
    pub kind_label: String,
    pub url: String,
    /// The date the page itself shows, if any.
    pub updated: String,
    /// The date it was last checked (`verification.date`).
    pub verified: String,
    /// How and when it was last checked: the evidence log's newest entry that verifies it, or
    /// the set's `verified:` date (a stored copy).
    pub verification: Verification,
    pub review_every_days: u32,
    pub days_since_verified: i64,
    /// The date the next review was due.
    pub review_due: String,
    pub stale_by_days: Option<i64>,
    pub note: String,
    /// How many citations of this assessment's cells, verdicts, caveats and options switched on
    /// point to it.
    pub cited: usize,
    /// Whether this assessment reads it (see "View as of").
    pub read: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Staleness {
    pub any_stale: bool,
    /// The oldest verification date among the sources read.
    pub oldest_verified: String,
    pub days_since_oldest: i64,
    /// Review cadence of that oldest source, in days.
    pub cadence_days: u32,
    /// How many of the sources read are past their review date.
    pub stale_sources: usize,
    /// "Facts last verified 2026-04-28 — 214 days ago; the source asks for review every 30 days."
    pub message: String,
}

/// Days past the review cadence for a verification date, or `Some(0)` when the date cannot be
/// read: an unreadable date is treated as stale, never as fresh.
pub(crate) fn stale_by(verified: &str, cadence: u32, today: Date) -> Option<i64> {
    match Date::parse(verified) {
        Ok(v) => {
            let over = v.days_until(today) - i64::from(cadence);
            (over > 0).then_some(over)
        }
        Err(_) => Some(0),
    }
}

/// Builds citation views, computing each source's staleness once.
pub(crate) struct Citer<'a> {
    set: &'a PolicySet,
    today: Date,
    /// Per source: its verification date and days past review.
    fresh: HashMap<&'a str, (String, Option<i64>)>,
}

impl<'a> Citer<'a> {
    pub fn new(set: &'a PolicySet, today: Date) -> Self {
        let fresh = set
            .sources
            .iter()
            .map(|s| {
                let date = set.verification_of(s).date;
                let stale = stale_by(&date, s.review_every_days, today);
                (s.id.as_str(), (date, stale))
            })
            .collect();
        Citer { set, today, fresh }
    }

    pub fn view(&self, c: &Cite) -> CiteView {
        let source = self.set.source(&c.source);
        let (verified, stale_by_days) = match (&c.verified, source) {
            // The usual case: the citation is as fresh as its source.
            (None, Some(s)) => self
                .fresh
                .get(s.id.as_str())
                .cloned()
                .unwrap_or((s.verified.clone(), Some(0))),
            (Some(v), Some(s)) => (v.clone(), stale_by(v, s.review_every_days, self.today)),
            (v, None) => (v.clone().unwrap_or_default(), Some(0)),
        };
        CiteView {
            source: c.source.clone(),
            source_title: source.map(|s| s.title.clone()).unwrap_or_default(),
            publisher: source.map(|s| s.publisher.clone()).unwrap_or_default(),
            locator: c.locator.clone(),
            quote: c.quote.clone(),
            verified,
            stale_by_days,
        }
    }
}

/// Each source's status, and the staleness of the sources read.
/// `cited[i]`: how many citations of the assessment name the set's `i`-th source.
pub(crate) fn statuses(
    set: &PolicySet,
    today: Date,
    reading: &Reading,
    cited: &[usize],
) -> (Vec<SourceStatus>, Staleness) {
    let sources: Vec<SourceStatus> = set
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let verification = set.verification_of(s);
            let verified = Date::parse(&verification.date).ok();
            SourceStatus {
                id: s.id.clone(),
                title: s.title.clone(),
                short: s.short_name().to_string(),
                publisher: s.publisher.clone(),
                kind: s.kind,
                kind_label: s.kind.label().to_string(),
                url: s.url.clone(),
                updated: s.updated.clone(),
                verified: verification.date.clone(),
                stale_by_days: stale_by(&verification.date, s.review_every_days, today),
                verification,
                review_every_days: s.review_every_days,
                days_since_verified: verified.map_or(0, |v| v.days_until(today)),
                review_due: verified
                    .map(|v| v.add_days(i64::from(s.review_every_days)).to_string())
                    .unwrap_or_default(),
                note: s.note.clone(),
                cited: cited.get(i).copied().unwrap_or(0),
                read: reading.reads(&s.id),
            }
        })
        .collect();
    let staleness = staleness(&sources);
    (sources, staleness)
}

impl SourceStatus {
    /// Its review state in words. Only a source checked on its live page is "Current"; one
    /// checked in a copy or by hand is "due for review", since nobody has seen today's page.
    pub fn review_state(&self) -> String {
        if let Some(day) = &self.verification.changed_on {
            return format!("Changed: the re-check of {day} found quotes moved or gone");
        }
        match (self.stale_by_days, self.verification.how) {
            (Some(d), _) => format!("Overdue by {d} days (review was due {})", self.review_due),
            (None, Method::Live) => format!("Current (next review due {})", self.review_due),
            (None, _) => format!("Due for review on {}", self.review_due),
        }
    }
}

fn staleness(sources: &[SourceStatus]) -> Staleness {
    let read: Vec<&SourceStatus> = sources.iter().filter(|s| s.read).collect();
    let stale_sources = read.iter().filter(|s| s.stale_by_days.is_some()).count();
    let Some(s) = read
        .iter()
        .max_by_key(|s| (s.days_since_verified, std::cmp::Reverse(s.id.clone())))
    else {
        return Staleness {
            any_stale: true,
            oldest_verified: String::new(),
            days_since_oldest: 0,
            cadence_days: 0,
            stale_sources: 0,
            message: "This policy set cites no sources.".into(),
        };
    };
    let message = if stale_sources > 0 {
        let others = if read.len() > 1 {
            format!(
                " {stale_sources} of the {} sources read {} past review.",
                read.len(),
                if stale_sources == 1 { "is" } else { "are" }
            )
        } else {
            String::new()
        };
        // One pair of numbers, said the same way everywhere: how long ago, and how overdue.
        format!(
            "{}: facts last verified {}, {} days ago; {} (it asks for review every {} days).{others}",
            s.short,
            s.verified,
            s.days_since_verified,
            match s.stale_by_days {
                Some(d) => format!("review overdue by {d} days"),
                None => "still within its review period".to_string(),
            },
            s.review_every_days,
        )
    } else {
        format!(
            "Facts verified {} — {} days ago; next review due {}.",
            s.verified, s.days_since_verified, s.review_due
        )
    };
    Staleness {
        any_stale: stale_sources > 0,
        oldest_verified: s.verified.clone(),
        days_since_oldest: s.days_since_verified,
        cadence_days: s.review_every_days,
        stale_sources,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::fixtures::source;

    fn set() -> PolicySet {
        PolicySet {
            sources: vec![source("a", "2026-04-28"), source("b", "2026-11-28")],
            ..Default::default()
        }
    }

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn stale_counts_from_the_day_checked() {
        assert_eq!(stale_by("2026-04-28", 30, day("2026-11-28")), Some(184));
        assert_eq!(stale_by("2026-04-28", 30, day("2026-05-28")), None);
        assert_eq!(stale_by("2026-04-28", 30, day("2026-05-29")), Some(1));
        // An unreadable date is never fresh.
        assert_eq!(stale_by("someday", 30, day("2026-05-01")), Some(0));
    }

    #[test]
    fn a_reading_resolves_ids_and_falls_back_to_all() {
        let s = set();
        let mut w = Vec::new();
        let r = Reading::resolve(&s, &[], &mut w);
        assert!(r.all && r.reads("a") && r.reads("b") && w.is_empty());
        let r = Reading::resolve(&s, &["b".into(), "nope".into()], &mut w);
        assert!(!r.all && r.reads("b") && !r.reads("a"));
        assert_eq!(w.len(), 1, "{w:?}");
        let mut w = Vec::new();
        let r = Reading::resolve(&s, &["nope".into()], &mut w);
        assert!(r.all, "a list of unknown ids reads everything");
        assert_eq!(w.len(), 2);
        let v = ViewInfo::new(&s, &Reading::resolve(&s, &["a".into()], &mut w));
        assert_eq!(v.label, "Only Title a (2026-04-28), as it saw it");
    }

    #[test]
    fn staleness_is_over_the_sources_read() {
        let s = set();
        let mut w = Vec::new();
        let today = day("2026-11-28");
        let all = Reading::resolve(&s, &[], &mut w);
        let (st, stale) = statuses(&s, today, &all, &[]);
        assert_eq!(st.len(), 2);
        assert!(stale.any_stale);
        assert_eq!(stale.oldest_verified, "2026-04-28");
        assert_eq!(stale.stale_sources, 1);
        assert!(stale.message.contains("214 days ago"), "{}", stale.message);
        let fresh = Reading::resolve(&s, &["b".into()], &mut w);
        let (_, stale) = statuses(&s, today, &fresh, &[]);
        assert!(!stale.any_stale, "{}", stale.message);
        assert_eq!(stale.oldest_verified, "2026-11-28");
    }
}
