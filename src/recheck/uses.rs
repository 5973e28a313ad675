//! What rests on each quote: the cells, claims, options, caveats and verdicts that cite it. This
//! is what a page-watcher cannot know, and what makes a changed page's cost readable: "this
//! verdict just lost its only supporting quote".

use serde::Serialize;

use crate::model::{Cite, PolicySet};

/// One thing in the policy set that cites a quote.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Use {
    pub kind: UseKind,
    /// The item's id (for a cell, "offering/attribute"; for a verdict, "requirement#rule").
    pub id: String,
    /// For people: "Enterprise · Retention", "Strict EU residency — ✓ Fits (rule 2)".
    pub label: String,
    /// Set when every quote this item cites was checked and none is left: the item has lost
    /// all its quoted support.
    pub loses_only_support: bool,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum UseKind {
    Cell,
    Claim,
    Option,
    Caveat,
    Verdict,
}

impl UseKind {
    pub fn label(self) -> &'static str {
        match self {
            UseKind::Cell => "cell",
            UseKind::Claim => "claim",
            UseKind::Option => "option",
            UseKind::Caveat => "caveat",
            UseKind::Verdict => "verdict",
        }
    }
}

/// An item that cites, with its quoted citations.
#[derive(Debug, Clone)]
pub struct Holder<'a> {
    pub kind: UseKind,
    pub id: String,
    pub label: String,
    pub cites: Vec<&'a Cite>,
}

/// The quotes that cite source `id`, each once and in the set's order, with the items that
/// cite each (an item once, however often it repeats the quote). The one walk behind the
/// re-check's report and the review window's list.
pub fn quotes_with_uses(id: &str, holders: &[Holder]) -> Vec<(String, Vec<Use>)> {
    let mut out: Vec<(String, Vec<Use>)> = Vec::new();
    for h in holders {
        for c in h.cites.iter().filter(|c| c.source == id) {
            let at = match out.iter().position(|(q, _)| *q == c.quote) {
                Some(at) => at,
                None => {
                    out.push((c.quote.clone(), Vec::new()));
                    out.len() - 1
                }
            };
            let uses = &mut out[at].1;
            if !uses.iter().any(|u| u.kind == h.kind && u.id == h.id) {
                uses.push(Use {
                    kind: h.kind,
                    id: h.id.clone(),
                    label: h.label.clone(),
                    loses_only_support: false,
                });
            }
        }
    }
    out
}

/// Every item of the set that cites a quote, in the set's order.
pub fn holders<'a>(set: &'a PolicySet) -> Vec<Holder<'a>> {
    fn quoted(cites: &[Cite]) -> Vec<&Cite> {
        cites
            .iter()
            .filter(|c| !c.quote.trim().is_empty())
            .collect()
    }
    let attr_name = |id: &str| set.attribute(id).map_or(id.to_string(), |a| a.name.clone());
    let offering_names = |ids: &[String]| {
        ids.iter()
            .map(|o| set.offering(o).map_or(o.clone(), |x| x.name.clone()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    let mut push = |kind, id: String, label: String, cites: Vec<&'a Cite>| {
        if !cites.is_empty() {
            out.push(Holder {
                kind,
                id,
                label,
                cites,
            });
        }
    };
    for o in &set.offerings {
        for cell in &o.values {
            push(
                UseKind::Cell,
                format!("{}/{}", o.id, cell.attribute),
                format!("{} · {}", o.name, attr_name(&cell.attribute)),
                quoted(&cell.cite),
            );
        }
    }
    for c in &set.claims {
        let source = c
            .cite
            .first()
            .and_then(|x| set.source(&x.source))
            .map_or(String::new(), |s| format!(" ({})", s.short_name()));
        let with = c
            .option
            .as_deref()
            .and_then(|o| set.option(o))
            .map_or(String::new(), |o| format!(" with {}", o.title));
        push(
            UseKind::Claim,
            c.id.clone(),
            format!(
                "{} · {}{with}{source}",
                offering_names(&c.offerings),
                attr_name(&c.attribute)
            ),
            quoted(&c.cite),
        );
    }
    for o in &set.options {
        push(
            UseKind::Option,
            o.id.clone(),
            format!("Option: {}", o.title),
            quoted(&o.cite),
        );
        for ch in &o.changes {
            push(
                UseKind::Option,
                format!("{}/{}", o.id, ch.attribute),
                format!(
                    "Option {} → {} · {}",
                    o.title,
                    if ch.offerings.is_empty() {
                        "its offerings".to_string()
                    } else {
                        offering_names(&ch.offerings)
                    },
                    attr_name(&ch.attribute)
                ),
                quoted(&ch.cite),
            );
        }
    }
    for r in &set.requirements {
        let outcomes = r
            .rules
            .iter()
            .enumerate()
            .map(|(i, rule)| (Some(i + 1), &rule.then))
            .chain(std::iter::once((None, &r.otherwise)));
        for (rule, outcome) in outcomes {
            let when = rule.map_or("otherwise".to_string(), |n| format!("rule {n}"));
            push(
                UseKind::Verdict,
                format!(
                    "{}#{}",
                    r.id,
                    rule.map_or("otherwise".to_string(), |n| n.to_string())
                ),
                format!(
                    "{} — {} {} ({when})",
                    r.title,
                    outcome.verdict.symbol(),
                    outcome.verdict.label()
                ),
                quoted(&outcome.cite),
            );
        }
    }
    for c in &set.caveats {
        push(
            UseKind::Caveat,
            c.id.clone(),
            format!("Caveat: {}", c.title),
            quoted(&c.cite),
        );
    }
    out
}
