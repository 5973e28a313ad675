//! Every fact F1…F36 of the source page's inventory lives in the default policy set, at a known
//! place, tagged with its id. Losing one (or moving it without updating this table) fails here.

use crate::common::builtin;
use posture::model::PolicySet;

enum At {
    Source(&'static str),
    Cell(&'static str, &'static str),
    Option(&'static str),
    Requirement(&'static str),
    Caveat(&'static str),
}
use At::*;

const TABLE: &[(&str, At)] = &[
    ("F1", Cell("pro", "processing")),
    ("F2", Cell("bedrock", "processing")),
    ("F3", Cell("foundry", "processing")),
    ("F4", Cell("bedrock", "retention")),
    ("F5", Cell("pro", "training")),
    ("F6", Caveat("verify-trust-center")),
    ("F7", Option("region-pinning")),
    ("F8", Caveat("desktop-local-processing")),
    ("F9", Requirement("strict-eu-residency")),
    ("F10", Requirement("no-vendor-inference")),
    ("F11", Cell("pro", "retention")),
    ("F12", Cell("max", "retention")),
    ("F13", Cell("team", "retention")),
    ("F14", Cell("enterprise", "retention")),
    ("F15", Cell("vertex", "retention")),
    ("F16", Cell("foundry", "retention")),
    ("F17", Source("cowork-page")),
    ("F18", Option("training-opt-out")),
    ("F19", Caveat("opt-out-forward-only")),
    ("F20", Cell("team", "training")),
    ("F21", Caveat("enable-opt-out-day-one")),
    ("F22", Cell("pro", "memory")),
    ("F23", Cell("enterprise", "memory")),
    ("F24", Cell("team", "memory-bulk-delete")),
    ("F25", Cell("pro", "connector-data")),
    ("F26", Cell("bedrock", "connector-data")),
    ("F27", Caveat("connector-regulated-data")),
    ("F28", Caveat("cross-border-gdpr")),
    ("F29", Option("region-pinning")),
    ("F30", Caveat("residency-check-preflight")),
    ("F31", Caveat("third-party-routes-not-contract")),
    ("F32", Caveat("upgrade-before-scale")),
    ("F33", Caveat("do-not-train-is-not-zero-retention")),
    ("F34", Caveat("foundry-not-residency")),
    ("F35", Caveat("screenshot-opt-out")),
    ("F36", Source("cowork-page")),
];

fn tags_at(set: &PolicySet, at: &At) -> std::option::Option<Vec<String>> {
    Some(match at {
        Source(id) => set.source(id)?.facts.clone(),
        Cell(o, a) => set.offering(o)?.cell(a)?.facts.clone(),
        Option(id) => set.option(id)?.facts.clone(),
        Requirement(id) => {
            let r = set.requirement(id)?;
            let mut f = r.facts.clone();
            for rule in &r.rules {
                f.extend(rule.then.facts.clone());
            }
            f
        }
        Caveat(id) => set.caveat(id)?.facts.clone(),
    })
}

#[test]
fn every_fact_of_the_page_is_in_the_data() {
    let set = builtin();
    assert_eq!(TABLE.len(), 36);
    for (i, (fact, at)) in TABLE.iter().enumerate() {
        assert_eq!(*fact, format!("F{}", i + 1));
        let tags = tags_at(&set, at).unwrap_or_else(|| panic!("{fact}: its place is gone"));
        assert!(
            tags.iter().any(|t| t == fact),
            "{fact}: not tagged at its place ({tags:?})"
        );
    }
}

#[test]
fn every_item_is_cited_and_dated() {
    let set = builtin();
    for o in &set.offerings {
        for c in &o.values {
            assert!(!c.cite.is_empty(), "{}/{}", o.id, c.attribute);
        }
    }
    for c in &set.caveats {
        assert!(!c.cite.is_empty(), "{}", c.id);
    }
    for c in &set.claims {
        assert!(!c.cite.is_empty(), "{}", c.id);
    }
    let page = set.source("cowork-page").expect("the page is a source");
    assert_eq!(page.verified, "2026-04-28");
    assert_eq!(page.updated, "2026-04-28");
    for s in &set.sources {
        assert_eq!(s.review_every_days, 30, "{}: reviewed monthly", s.id);
    }
}
