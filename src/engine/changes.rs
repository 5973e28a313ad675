//! What changed between two assessments of the same scenario: the one a brief carries (read from
//! its embedded `assessment.json`) and one made now (`posture diff`, the app's Changes tab). Both
//! are read into a [`Snapshot`] first: typed, with defaults, so a brief made by an older posture
//! still compares as far as its fields go.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::Assessment;
use crate::model::VerdictKind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    /// The policy set is another one, or another version.
    PolicySet,
    /// A verdict is not what it was.
    Verdict,
    /// A cell's value is not what it was.
    Cell,
    /// One source's word on a cell is not what it was (shown or not).
    Claim,
    CaveatAppeared,
    CaveatWent,
    SourceAdded,
    SourceRemoved,
    /// A source's page date or verification date changed.
    SourceChanged,
    /// A source was within its review period and is now past it.
    SourceNewlyStale,
    DisputeAppeared,
    DisputeWent,
}

/// Where a change is, to find it in the table, the details or the brief. Typed, because an id
/// alone is ambiguous: `zero-retention` is both an attribute and a requirement.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Place {
    /// The policy set itself (its content hash before and after).
    PolicySet {
        before: String,
        after: String,
    },
    Cell {
        attribute: String,
        offering: String,
    },
    Verdict {
        requirement: String,
        offering: String,
    },
    Caveat {
        id: String,
    },
    Source {
        id: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// What it is about, in words: "Strict EU residency — Amazon Bedrock".
    pub what: String,
    pub before: String,
    pub after: String,
    pub place: Place,
}

impl Change {
    /// One line for a terminal or a list.
    pub fn line(&self) -> String {
        let label = match self.kind {
            ChangeKind::PolicySet => "Policy set",
            ChangeKind::Verdict => "Verdict",
            ChangeKind::Cell => "Value",
            ChangeKind::Claim => "A source's word",
            ChangeKind::CaveatAppeared => "Caveat appeared",
            ChangeKind::CaveatWent => "Caveat went",
            ChangeKind::SourceAdded => "Source added",
            ChangeKind::SourceRemoved => "Source removed",
            ChangeKind::SourceChanged => "Source changed",
            ChangeKind::SourceNewlyStale => "Source now past review",
            ChangeKind::DisputeAppeared => "Dispute appeared",
            ChangeKind::DisputeWent => "Dispute settled",
        };
        if self.before.is_empty() && self.after.is_empty() {
            format!("{label}: {}", self.what)
        } else {
            format!("{label}: {}: {} → {}", self.what, self.before, self.after)
        }
    }
}

/// What a comparison reads of an assessment. The one a brief carries is read from its JSON with
/// these structs (every field defaulted, so an older brief still compares as far as its fields
/// go); the one made now is taken from the typed [`Assessment`] by [`Snapshot::of`], so renaming a
/// field there fails to compile here, and a test checks that both readings agree.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Snapshot {
    pub policy: PolicySnap,
    pub offerings: Vec<Named>,
    pub requirements: Vec<RequirementSnap>,
    pub rows: Vec<RowSnap>,
    pub caveats: Vec<Titled>,
    pub sources: Vec<SourceSnap>,
    pub disputes: Vec<DisputeSnap>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PolicySnap {
    pub name: String,
    pub version: String,
    pub hash: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Titled {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RequirementSnap {
    pub id: String,
    pub title: String,
    pub verdicts: Vec<VerdictSnap>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct VerdictSnap {
    pub offering: String,
    pub kind: Option<VerdictKind>,
    pub label: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RowSnap {
    pub attribute: String,
    pub name: String,
    pub cells: Vec<CellSnap>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct CellSnap {
    pub offering: String,
    pub text: String,
    /// Every source's word on the cell, shown or not.
    pub claims: Vec<ClaimSnap>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ClaimSnap {
    pub source: String,
    pub source_short: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SourceSnap {
    pub id: String,
    pub title: String,
    pub updated: String,
    pub verified: String,
    pub stale_by_days: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct DisputeSnap {
    pub attribute: String,
    pub offering: String,
    pub attribute_name: String,
    pub offering_name: String,
}

impl Snapshot {
    /// From an assessment's JSON, as a brief carries it. Whatever does not read is left empty.
    pub fn read(json: &serde_json::Value) -> Snapshot {
        Snapshot::deserialize(json).unwrap_or_default()
    }

    /// From an assessment made now.
    pub fn of(a: &Assessment) -> Snapshot {
        Snapshot {
            policy: PolicySnap {
                name: a.policy.name.clone(),
                version: a.policy.version.clone(),
                hash: a.policy.hash.clone(),
            },
            offerings: a
                .offerings
                .iter()
                .map(|o| Named {
                    id: o.id.clone(),
                    name: o.name.clone(),
                })
                .collect(),
            requirements: a
                .requirements
                .iter()
                .map(|r| RequirementSnap {
                    id: r.id.clone(),
                    title: r.title.clone(),
                    verdicts: r
                        .verdicts
                        .iter()
                        .map(|v| VerdictSnap {
                            offering: v.offering.clone(),
                            kind: Some(v.kind),
                            label: v.label.clone(),
                        })
                        .collect(),
                })
                .collect(),
            rows: a
                .rows
                .iter()
                .map(|r| RowSnap {
                    attribute: r.attribute.clone(),
                    name: r.name.clone(),
                    cells: r
                        .cells
                        .iter()
                        .map(|c| CellSnap {
                            offering: c.offering.clone(),
                            text: c.text.clone(),
                            claims: c
                                .claims
                                .iter()
                                .map(|x| ClaimSnap {
                                    source: x.source.clone(),
                                    source_short: x.source_short.clone(),
                                    text: x.text.clone(),
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
            caveats: a
                .caveats
                .iter()
                .map(|c| Titled {
                    id: c.id.clone(),
                    title: c.title.clone(),
                })
                .collect(),
            sources: a
                .sources
                .iter()
                .map(|s| SourceSnap {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    updated: s.updated.clone(),
                    verified: s.verified.clone(),
                    stale_by_days: s.stale_by_days,
                })
                .collect(),
            disputes: a
                .disputes
                .iter()
                .map(|d| DisputeSnap {
                    attribute: d.attribute.clone(),
                    offering: d.offering.clone(),
                    attribute_name: d.attribute_name.clone(),
                    offering_name: d.offering_name.clone(),
                })
                .collect(),
        }
    }
}

/// Every change from `old` to `new`, in a stable order: the policy set, verdicts, values (and
/// each source's word under them), caveats, sources, disputes.
pub fn changes(old: &Snapshot, new: &Snapshot) -> Vec<Change> {
    let offering_names: BTreeMap<&str, &str> = new
        .offerings
        .iter()
        .chain(&old.offerings)
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    let name = |id: &str| offering_names.get(id).copied().unwrap_or(id).to_string();
    let mut out = Vec::new();
    policy_change(old, new, &mut out);
    verdict_changes(old, new, &name, &mut out);
    cell_changes(old, new, &name, &mut out);
    caveat_changes(old, new, &mut out);
    source_changes(old, new, &mut out);
    dispute_changes(old, new, &mut out);
    out
}

fn policy_change(old: &Snapshot, new: &Snapshot, out: &mut Vec<Change>) {
    let (po, pn) = (&old.policy, &new.policy);
    if po.hash != pn.hash {
        out.push(Change {
            kind: ChangeKind::PolicySet,
            what: pn.name.clone(),
            before: format!("version {} (#{})", po.version, po.hash),
            after: format!("version {} (#{})", pn.version, pn.hash),
            place: Place::PolicySet {
                before: po.hash.clone(),
                after: pn.hash.clone(),
            },
        });
    }
}

/// Verdicts, as the brief and the app show them: the kind's symbol and the label.
fn verdict_changes(
    old: &Snapshot,
    new: &Snapshot,
    name: &dyn Fn(&str) -> String,
    out: &mut Vec<Change>,
) {
    let verdicts = |a: &Snapshot| -> Shown {
        let mut m = BTreeMap::new();
        for r in &a.requirements {
            for v in &r.verdicts {
                let symbol = v.kind.map_or("", VerdictKind::symbol);
                m.insert(
                    (r.id.clone(), v.offering.clone()),
                    (
                        r.title.clone(),
                        format!("{symbol} {}", v.label).trim().to_string(),
                    ),
                );
            }
        }
        m
    };
    let place = |(requirement, offering): &(String, String)| Place::Verdict {
        requirement: requirement.clone(),
        offering: offering.clone(),
    };
    compare(
        ChangeKind::Verdict,
        &verdicts(old),
        &verdicts(new),
        name,
        &place,
        out,
    );
}

/// Cell values, then every source's word under them, shown or not: a changed claim of a source
/// whose value is not the one shown is still a change.
fn cell_changes(
    old: &Snapshot,
    new: &Snapshot,
    name: &dyn Fn(&str) -> String,
    out: &mut Vec<Change>,
) {
    let cells = |a: &Snapshot| -> Shown {
        let mut m = BTreeMap::new();
        for row in &a.rows {
            for c in &row.cells {
                m.insert(
                    (row.attribute.clone(), c.offering.clone()),
                    (row.name.clone(), c.text.clone()),
                );
            }
        }
        m
    };
    let place = |(attribute, offering): &(String, String)| Place::Cell {
        attribute: attribute.clone(),
        offering: offering.clone(),
    };
    compare(
        ChangeKind::Cell,
        &cells(old),
        &cells(new),
        name,
        &place,
        out,
    );
    type Claims = BTreeMap<(String, String, String), (String, String, String)>;
    let claims = |a: &Snapshot| {
        let mut m: Claims = BTreeMap::new();
        for row in &a.rows {
            for c in &row.cells {
                for x in &c.claims {
                    m.insert(
                        (row.attribute.clone(), c.offering.clone(), x.source.clone()),
                        (row.name.clone(), x.source_short.clone(), x.text.clone()),
                    );
                }
            }
        }
        m
    };
    let (co, cn) = (claims(old), claims(new));
    for (key, (row, source, after)) in &cn {
        if let Some((_, _, before)) = co.get(key)
            && before != after
        {
            out.push(Change {
                kind: ChangeKind::Claim,
                what: format!("{} · {row} — {source}", name(&key.1)),
                before: before.clone(),
                after: after.clone(),
                place: Place::Cell {
                    attribute: key.0.clone(),
                    offering: key.1.clone(),
                },
            });
        }
    }
}

fn caveat_changes(old: &Snapshot, new: &Snapshot, out: &mut Vec<Change>) {
    let caveats = |a: &Snapshot| -> BTreeMap<String, String> {
        a.caveats
            .iter()
            .map(|c| (c.id.clone(), c.title.clone()))
            .collect()
    };
    let (ko, kn) = (caveats(old), caveats(new));
    let caveat = |kind, title: &str, id: &str| Change {
        kind,
        what: title.to_string(),
        before: String::new(),
        after: String::new(),
        place: Place::Caveat { id: id.to_string() },
    };
    for (id, title) in &kn {
        if !ko.contains_key(id) {
            out.push(caveat(ChangeKind::CaveatAppeared, title, id));
        }
    }
    for (id, title) in &ko {
        if !kn.contains_key(id) {
            out.push(caveat(ChangeKind::CaveatWent, title, id));
        }
    }
}

fn source_changes(old: &Snapshot, new: &Snapshot, out: &mut Vec<Change>) {
    let sources = |a: &Snapshot| -> BTreeMap<String, SourceSnap> {
        a.sources
            .iter()
            .map(|x| (x.id.clone(), x.clone()))
            .collect()
    };
    let (so, sn) = (sources(old), sources(new));
    let source = |kind, x: &SourceSnap, before: String, after: String| Change {
        kind,
        what: x.title.clone(),
        before,
        after,
        place: Place::Source { id: x.id.clone() },
    };
    for (id, x) in &sn {
        match so.get(id) {
            None => out.push(source(
                ChangeKind::SourceAdded,
                x,
                String::new(),
                String::new(),
            )),
            Some(before) => {
                let dates =
                    |v: &SourceSnap| format!("page {} · verified {}", v.updated, v.verified);
                if before.verified != x.verified || before.updated != x.updated {
                    out.push(source(
                        ChangeKind::SourceChanged,
                        x,
                        dates(before),
                        dates(x),
                    ));
                }
                if before.stale_by_days.is_none()
                    && let Some(d) = x.stale_by_days
                {
                    out.push(source(
                        ChangeKind::SourceNewlyStale,
                        x,
                        "within its review period".into(),
                        format!("review overdue by {d} days"),
                    ));
                }
            }
        }
    }
    for (id, x) in &so {
        if !sn.contains_key(id) {
            out.push(source(
                ChangeKind::SourceRemoved,
                x,
                String::new(),
                String::new(),
            ));
        }
    }
}

fn dispute_changes(old: &Snapshot, new: &Snapshot, out: &mut Vec<Change>) {
    let disputes = |a: &Snapshot| -> BTreeSet<(String, String, String)> {
        a.disputes
            .iter()
            .map(|d| {
                (
                    d.attribute.clone(),
                    d.offering.clone(),
                    format!("{} — {}", d.attribute_name, d.offering_name),
                )
            })
            .collect()
    };
    let (dold, dnew) = (disputes(old), disputes(new));
    let dispute = |kind, d: &(String, String, String)| Change {
        kind,
        what: d.2.clone(),
        before: String::new(),
        after: String::new(),
        place: Place::Cell {
            attribute: d.0.clone(),
            offering: d.1.clone(),
        },
    };
    for d in dnew.difference(&dold) {
        out.push(dispute(ChangeKind::DisputeAppeared, d));
    }
    for d in dold.difference(&dnew) {
        out.push(dispute(ChangeKind::DisputeWent, d));
    }
}

/// (row id, offering id) → (row name, shown text): one change per key whose text differs.
type Shown = BTreeMap<(String, String), (String, String)>;

fn compare(
    kind: ChangeKind,
    old: &Shown,
    new: &Shown,
    offering_name: &dyn Fn(&str) -> String,
    place: &dyn Fn(&(String, String)) -> Place,
    out: &mut Vec<Change>,
) {
    for (key, (row, after)) in new {
        if let Some((_, before)) = old.get(key)
            && before != after
        {
            out.push(Change {
                kind: kind.clone(),
                what: format!("{row} — {}", offering_name(&key.1)),
                before: before.clone(),
                after: after.clone(),
                place: place(key),
            });
        }
    }
}

/// What changed since an earlier brief, as a new brief reports it (and embeds, so that it can be
/// verified like the rest).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangesSince {
    /// The day of the earlier brief.
    pub date: String,
    pub changes: Vec<Change>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_flipped_verdict_a_changed_value_and_a_new_caveat() {
        let old = json!({
            "offerings": [{"id": "o", "name": "Offering"}],
            "requirements": [{"id": "r", "title": "Req", "verdicts": [
                {"offering": "o", "kind": "FitsWithConditions", "label": "Fits with conditions"}]}],
            "rows": [{"attribute": "a", "name": "Where", "cells": [{"offering": "o", "text": "US"}]}],
            "caveats": [], "sources": [{"id": "s", "title": "S", "verified": "2026-04-28", "updated": "", "stale_by_days": null}],
            "disputes": []
        });
        let mut new = old.clone();
        new["requirements"][0]["verdicts"][0]["kind"] = json!("Fits");
        new["requirements"][0]["verdicts"][0]["label"] = json!("Fits");
        new["rows"][0]["cells"][0]["text"] = json!("EU");
        new["caveats"] = json!([{"id": "c", "title": "New caveat"}]);
        new["sources"][0]["stale_by_days"] = json!(4);
        let (old, new) = (Snapshot::read(&old), Snapshot::read(&new));
        let lines: Vec<String> = changes(&old, &new).iter().map(Change::line).collect();
        assert_eq!(
            lines,
            [
                "Verdict: Req — Offering: ≈ Fits with conditions → ✓ Fits",
                "Value: Where — Offering: US → EU",
                "Caveat appeared: New caveat",
                "Source now past review: S: within its review period → review overdue by 4 days",
            ]
        );
        assert!(changes(&old, &old).is_empty());
    }

    #[test]
    fn a_changed_word_of_a_source_not_shown_is_a_change_and_places_are_typed() {
        let old = json!({
            "offerings": [{"id": "bedrock", "name": "Amazon Bedrock"}],
            "rows": [{"attribute": "processing", "name": "Processing location", "cells": [{
                "offering": "bedrock", "text": "Vendor: A",
                "claims": [
                    {"source": "v", "source_short": "Vendor docs", "text": "Vendor: A"},
                    {"source": "p", "source_short": "Tinkso (third-party page)", "text": "A"}
                ]}]}],
            "requirements": [{"id": "processing", "title": "Processing", "verdicts": [
                {"offering": "bedrock", "kind": "Fits", "label": "Fits"}]}]
        });
        let mut new = old.clone();
        new["rows"][0]["cells"][0]["claims"][1]["text"] = json!("B");
        new["requirements"][0]["verdicts"][0]["kind"] = json!("DoesNotFit");
        let found = changes(&Snapshot::read(&old), &Snapshot::read(&new));
        let lines: Vec<String> = found.iter().map(Change::line).collect();
        assert_eq!(
            lines,
            [
                "Verdict: Processing — Amazon Bedrock: ✓ Fits → ✗ Fits",
                "A source's word: Amazon Bedrock · Processing location — Tinkso (third-party page): A → B",
            ]
        );
        // An attribute and a requirement with the same id are different places.
        assert_eq!(
            found[0].place,
            Place::Verdict {
                requirement: "processing".into(),
                offering: "bedrock".into()
            }
        );
        assert_eq!(
            found[1].place,
            Place::Cell {
                attribute: "processing".into(),
                offering: "bedrock".into()
            }
        );
    }
}
