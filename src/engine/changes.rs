//! What changed between two assessments of the same scenario: the one a brief carries (read from
//! its embedded `assessment.json`) and one made now. Both are compared in their JSON form, so a
//! brief made by an older posture still compares, field by field, as far as the fields agree.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::VerdictKind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    /// The policy set is another one, or another version.
    PolicySet,
    /// A verdict is not what it was.
    Verdict,
    /// A cell's value is not what it was.
    Cell,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// What it is about, in words: "Strict EU residency — Amazon Bedrock".
    pub what: String,
    pub before: String,
    pub after: String,
    /// Ids to find it by: requirement or attribute, and offering; or caveat or source.
    pub ids: Vec<String>,
}

impl Change {
    /// One line for a terminal or a list.
    pub fn line(&self) -> String {
        let label = match self.kind {
            ChangeKind::PolicySet => "Policy set",
            ChangeKind::Verdict => "Verdict",
            ChangeKind::Cell => "Value",
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

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Every change from `old` to `new`, in a stable order: verdicts, values, caveats, sources,
/// disputes.
pub fn changes(old: &Value, new: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    let offering_names: BTreeMap<&str, &str> = list(new, "offerings")
        .iter()
        .chain(list(old, "offerings"))
        .map(|o| (s(o, "id"), s(o, "name")))
        .collect();
    let name = |id: &str| offering_names.get(id).copied().unwrap_or(id).to_string();
    out.extend(policy_change(old, new));
    compare(
        ChangeKind::Verdict,
        &verdicts(old),
        &verdicts(new),
        &name,
        &mut out,
    );
    compare(ChangeKind::Cell, &cells(old), &cells(new), &name, &mut out);
    caveat_changes(old, new, &mut out);
    source_changes(old, new, &mut out);
    dispute_changes(old, new, &mut out);
    out
}

/// Another policy set (by its hash).
fn policy_change(old: &Value, new: &Value) -> Option<Change> {
    let policy = |a: &Value| {
        let p = a.get("policy").unwrap_or(&Value::Null);
        (
            s(p, "hash").to_string(),
            s(p, "name").to_string(),
            format!("version {} (#{})", s(p, "version"), s(p, "hash")),
        )
    };
    let (po, pn) = (policy(old), policy(new));
    (po.0 != pn.0).then(|| Change {
        kind: ChangeKind::PolicySet,
        what: pn.1,
        before: po.2,
        after: pn.2,
        ids: vec![po.0, pn.0],
    })
}

/// Each verdict shown, by (requirement, offering).
fn verdicts(a: &Value) -> Shown {
    let mut m = BTreeMap::new();
    for r in list(a, "requirements") {
        for v in list(r, "verdicts") {
            // The model's own symbol for the kind, as the brief and the app show it.
            let symbol = v
                .get("kind")
                .and_then(|k| serde_json::from_value::<VerdictKind>(k.clone()).ok())
                .map_or("", VerdictKind::symbol);
            m.insert(
                (s(r, "id").to_string(), s(v, "offering").to_string()),
                (
                    s(r, "title").to_string(),
                    format!("{symbol} {}", s(v, "label")).trim().to_string(),
                ),
            );
        }
    }
    m
}

/// Each cell value shown, by (attribute, offering).
fn cells(a: &Value) -> Shown {
    let mut m = BTreeMap::new();
    for row in list(a, "rows") {
        for c in list(row, "cells") {
            m.insert(
                (
                    s(row, "attribute").to_string(),
                    s(c, "offering").to_string(),
                ),
                (s(row, "name").to_string(), s(c, "text").to_string()),
            );
        }
    }
    m
}

/// Caveats that appeared or went.
fn caveat_changes(old: &Value, new: &Value, out: &mut Vec<Change>) {
    let caveats = |a: &Value| -> BTreeMap<String, String> {
        list(a, "caveats")
            .iter()
            .map(|c| (s(c, "id").to_string(), s(c, "title").to_string()))
            .collect()
    };
    let (ko, kn) = (caveats(old), caveats(new));
    for (id, title) in &kn {
        if !ko.contains_key(id) {
            out.push(simple(ChangeKind::CaveatAppeared, title, id));
        }
    }
    for (id, title) in &ko {
        if !kn.contains_key(id) {
            out.push(simple(ChangeKind::CaveatWent, title, id));
        }
    }
}

/// Sources added, re-dated, newly past their review, or removed.
fn source_changes(old: &Value, new: &Value, out: &mut Vec<Change>) {
    let sources = |a: &Value| -> BTreeMap<String, Value> {
        list(a, "sources")
            .iter()
            .map(|x| (s(x, "id").to_string(), x.clone()))
            .collect()
    };
    let (so, sn) = (sources(old), sources(new));
    for (id, x) in &sn {
        match so.get(id) {
            None => out.push(simple(ChangeKind::SourceAdded, s(x, "title"), id)),
            Some(before) => {
                let dates =
                    |v: &Value| format!("page {} · verified {}", s(v, "updated"), s(v, "verified"));
                if s(before, "verified") != s(x, "verified")
                    || s(before, "updated") != s(x, "updated")
                {
                    out.push(Change {
                        kind: ChangeKind::SourceChanged,
                        what: s(x, "title").to_string(),
                        before: dates(before),
                        after: dates(x),
                        ids: vec![id.clone()],
                    });
                }
                let stale = |v: &Value| v.get("stale_by_days").is_some_and(|d| !d.is_null());
                if !stale(before) && stale(x) {
                    out.push(Change {
                        kind: ChangeKind::SourceNewlyStale,
                        what: s(x, "title").to_string(),
                        before: "within its review period".into(),
                        after: format!(
                            "review overdue by {} days",
                            x.get("stale_by_days").and_then(Value::as_i64).unwrap_or(0)
                        ),
                        ids: vec![id.clone()],
                    });
                }
            }
        }
    }
    for (id, x) in &so {
        if !sn.contains_key(id) {
            out.push(simple(ChangeKind::SourceRemoved, s(x, "title"), id));
        }
    }
}

/// Disputes that appeared or went.
fn dispute_changes(old: &Value, new: &Value, out: &mut Vec<Change>) {
    let disputes = |a: &Value| -> BTreeSet<(String, String, String)> {
        list(a, "disputes")
            .iter()
            .map(|d| {
                (
                    s(d, "attribute").to_string(),
                    s(d, "offering").to_string(),
                    format!("{} — {}", s(d, "attribute_name"), s(d, "offering_name")),
                )
            })
            .collect()
    };
    let (dold, dnew) = (disputes(old), disputes(new));
    for d in dnew.difference(&dold) {
        out.push(Change {
            kind: ChangeKind::DisputeAppeared,
            what: d.2.clone(),
            before: String::new(),
            after: String::new(),
            ids: vec![d.0.clone(), d.1.clone()],
        });
    }
    for d in dold.difference(&dnew) {
        out.push(Change {
            kind: ChangeKind::DisputeWent,
            what: d.2.clone(),
            before: String::new(),
            after: String::new(),
            ids: vec![d.0.clone(), d.1.clone()],
        });
    }
}

/// (row id, offering id) → (row name, shown text): one change per key whose text differs.
type Shown = BTreeMap<(String, String), (String, String)>;

fn compare(
    kind: ChangeKind,
    old: &Shown,
    new: &Shown,
    offering_name: &dyn Fn(&str) -> String,
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
                ids: vec![key.0.clone(), key.1.clone()],
            });
        }
    }
}

fn simple(kind: ChangeKind, what: &str, id: &str) -> Change {
    Change {
        kind,
        what: what.to_string(),
        before: String::new(),
        after: String::new(),
        ids: vec![id.to_string()],
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
}
