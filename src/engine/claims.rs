//! Effective values and the claims behind them.
//!
//! A cell (offering × attribute) is what its sources claim: the offering's own value (the word of
//! the source it cites), other sources' claims beside it, and — when an option is in effect — the
//! option's change, with what other sources say about that option. A cell is disputed when the
//! sources read give different values; claims that only refine another's precision do not count.

use std::collections::HashMap;

use crate::model::{
    Attribute, AttributeKind, Cell, Change, Cite, ClaimDef, Date, Location, OptionDef, PolicySet,
    Relation, Retention, Value,
};

use super::sources::Reading;

/// One source's word on one cell.
#[derive(Debug, Clone)]
pub(crate) struct Claim<'a> {
    pub source: &'a str,
    pub value: &'a Value,
    pub label: Option<&'a str>,
    pub note: &'a str,
    pub relation: Relation,
    pub cites: Vec<&'a Cite>,
    /// The claim's id in the data, for claims from the `claims` section.
    pub id: Option<&'a str>,
    /// Set when the claim is an option's change (or a claim about that option).
    pub option: Option<&'a OptionDef>,
}

/// Every claim on one cell, newest source first.
#[derive(Debug, Clone)]
pub(crate) struct CellClaims<'a> {
    pub claims: Vec<Claim<'a>>,
    /// The option whose change is in effect on this cell.
    pub changed_by: Option<&'a OptionDef>,
    pub disputed: bool,
}

static UNKNOWN: Value = Value::Unknown;

impl<'a> CellClaims<'a> {
    /// The claim shown for the cell: the newest source's known value.
    pub fn lead(&self) -> Option<&Claim<'a>> {
        self.claims
            .iter()
            .find(|c| *c.value != Value::Unknown)
            .or_else(|| self.claims.first())
    }

    pub fn value(&self) -> &'a Value {
        self.lead().map_or(&UNKNOWN, |c| c.value)
    }

    /// The value as one source reads it: its own claim where it makes one, else the lead.
    pub fn value_for(&self, source: &str) -> &'a Value {
        self.claims
            .iter()
            .find(|c| c.source == source && *c.value != Value::Unknown)
            .map_or_else(|| self.value(), |c| c.value)
    }

    /// Sources with a known value here, newest first, once each.
    pub fn sources(&self) -> Vec<&'a str> {
        let mut out: Vec<&'a str> = Vec::new();
        for c in &self.claims {
            if *c.value != Value::Unknown && !out.contains(&c.source) {
                out.push(c.source);
            }
        }
        out
    }
}

/// Lookups built once per assessment, so large sets stay linear in their size.
pub(crate) struct Index<'a> {
    pub set: &'a PolicySet,
    pub reading: &'a Reading<'a>,
    base: HashMap<(&'a str, &'a str), &'a Cell>,
    claims: HashMap<(&'a str, &'a str), Vec<&'a ClaimDef>>,
    about_option: HashMap<(&'a str, &'a str, &'a str), Vec<&'a ClaimDef>>,
    /// The option change in effect for (offering, attribute): the last option in the policy
    /// set's order that is on, described by a source read, and applies to the offering — so
    /// click order does not matter.
    overrides: HashMap<(&'a str, &'a str), (&'a OptionDef, &'a Change)>,
    /// Sort key per source: newest check first, then newest page date.
    rank: HashMap<&'a str, (i64, i64)>,
    /// Options switched on that a source read describes.
    pub in_effect: Vec<&'a OptionDef>,
}

impl<'a> Index<'a> {
    pub fn new(set: &'a PolicySet, reading: &'a Reading<'a>, options_on: &[String]) -> Self {
        let mut base = HashMap::new();
        for o in &set.offerings {
            for c in &o.values {
                base.insert((o.id.as_str(), c.attribute.as_str()), c);
            }
        }
        let mut claims: HashMap<_, Vec<&ClaimDef>> = HashMap::new();
        let mut about_option: HashMap<_, Vec<&ClaimDef>> = HashMap::new();
        for c in set.claims.iter().filter(|c| reading.reads(c.source())) {
            for off in &c.offerings {
                match &c.option {
                    None => claims
                        .entry((off.as_str(), c.attribute.as_str()))
                        .or_default()
                        .push(c),
                    Some(op) => about_option
                        .entry((off.as_str(), c.attribute.as_str(), op.as_str()))
                        .or_default()
                        .push(c),
                }
            }
        }
        let in_effect: Vec<&OptionDef> = set
            .options
            .iter()
            .filter(|op| options_on.contains(&op.id) && described(op, reading))
            .collect();
        let mut overrides = HashMap::new();
        for op in &in_effect {
            for ch in &op.changes {
                for off in &op.applies_to {
                    if ch.offerings.is_empty() || ch.offerings.contains(off) {
                        overrides.insert((off.as_str(), ch.attribute.as_str()), (*op, ch));
                    }
                }
            }
        }
        let day = |s: &str| Date::parse(s).map_or(i64::MIN, |d| d.days_since_epoch());
        let rank = set
            .sources
            .iter()
            .map(|s| (s.id.as_str(), (day(&s.verified), day(&s.updated))))
            .collect();
        Index {
            set,
            reading,
            base,
            claims,
            about_option,
            overrides,
            rank,
            in_effect,
        }
    }

    pub fn option_in_effect(&self, id: &str, offering: &str) -> bool {
        self.in_effect
            .iter()
            .any(|op| op.id == id && op.applies_to.iter().any(|o| o == offering))
    }

    /// Every claim on one cell from the sources read.
    pub fn cell(&self, offering: &'a str, attribute: &'a str) -> CellClaims<'a> {
        let reads = |s: &str| self.reading.reads(s);
        let mut out: Vec<Claim<'a>> = Vec::new();
        let mut changed_by = None;
        if let Some((op, ch)) = self.overrides.get(&(offering, attribute)) {
            // With the option in effect, what sources said of the cell without it no longer
            // applies: the option's own sources claim its change, others speak of the option.
            changed_by = Some(*op);
            let own = if ch.cite.iter().any(|c| reads(&c.source)) {
                &ch.cite
            } else {
                &op.cite
            };
            for c in own.iter().filter(|c| reads(&c.source)) {
                match out.iter_mut().find(|x| x.source == c.source) {
                    Some(x) => x.cites.push(c),
                    None => out.push(Claim {
                        source: &c.source,
                        value: &ch.value,
                        label: ch.label.as_deref(),
                        note: "",
                        relation: Relation::Agrees,
                        cites: vec![c],
                        id: None,
                        option: Some(op),
                    }),
                }
            }
            if let Some(about) = self
                .about_option
                .get(&(offering, attribute, op.id.as_str()))
            {
                for def in about {
                    let claim = from_def(def, Some(op));
                    match out.iter_mut().find(|x| x.source == claim.source) {
                        Some(x) => *x = claim,
                        None => out.push(claim),
                    }
                }
            }
        } else {
            if let Some(cell) = self.base.get(&(offering, attribute))
                && reads(cell.source())
            {
                out.push(Claim {
                    source: cell.source(),
                    value: &cell.value,
                    label: cell.label.as_deref(),
                    note: &cell.note,
                    relation: Relation::Agrees,
                    cites: cell.cite.iter().collect(),
                    id: None,
                    option: None,
                });
            }
            if let Some(defs) = self.claims.get(&(offering, attribute)) {
                out.extend(defs.iter().map(|d| from_def(d, None)));
            }
        }
        // Newest first; the sort is stable, so data order breaks ties.
        out.sort_by_key(|c| std::cmp::Reverse(self.rank.get(c.source).copied().unwrap_or((0, 0))));
        let disputed = disputed(&out);
        CellClaims {
            claims: out,
            changed_by,
            disputed,
        }
    }
}

/// Whether a source read describes the option, so its change can be claimed at all.
pub(crate) fn described(op: &OptionDef, reading: &Reading) -> bool {
    op.cite
        .iter()
        .chain(op.changes.iter().flat_map(|c| c.cite.iter()))
        .any(|c| reading.reads(&c.source))
}

fn from_def<'a>(def: &'a ClaimDef, option: Option<&'a OptionDef>) -> Claim<'a> {
    Claim {
        source: def.source(),
        value: &def.value,
        label: def.label.as_deref(),
        note: &def.note,
        relation: def.relation,
        cites: def.cite.iter().collect(),
        id: Some(&def.id),
        option,
    }
}

/// Two known values that differ, neither of them a refinement, make a dispute.
fn disputed(claims: &[Claim]) -> bool {
    let mut first: Option<&Value> = None;
    for c in claims {
        if *c.value == Value::Unknown || c.relation == Relation::Refines {
            continue;
        }
        match first {
            None => first = Some(c.value),
            Some(v) if !same_value(v, c.value) => return true,
            Some(_) => {}
        }
    }
    false
}

/// Equality that ignores the order of region lists.
pub(crate) fn same_value(a: &Value, b: &Value) -> bool {
    fn sorted(r: &[String]) -> Vec<&String> {
        let mut v: Vec<&String> = r.iter().collect();
        v.sort();
        v
    }
    match (a, b) {
        (Value::Location(x), Value::Location(y)) => match (x, y) {
            (Location::VendorRegions(p), Location::VendorRegions(q))
            | (Location::VendorPinned(p), Location::VendorPinned(q))
            | (Location::CustomerCloudIn(p), Location::CustomerCloudIn(q))
            | (Location::ProviderRegions(p), Location::ProviderRegions(q)) => {
                sorted(p) == sorted(q)
            }
            _ => x == y,
        },
        _ => a == b,
    }
}

/// Plain words for a claim: its label, or words generated from its value.
pub(crate) fn claim_text(attribute: &Attribute, c: &Claim) -> String {
    c.label
        .map_or_else(|| value_text(attribute, c.value), str::to_string)
}

/// Plain words for a value, when the data gives no label.
pub fn value_text(attribute: &Attribute, value: &Value) -> String {
    match value {
        Value::Unknown => "Unknown — the source does not say".into(),
        Value::Yes => "Yes".into(),
        Value::No => "No".into(),
        Value::NotApplicable => "Not applicable".into(),
        Value::Choice(id) => match &attribute.kind {
            AttributeKind::Choice(choices) => choices
                .iter()
                .find(|c| &c.id == id)
                .map_or_else(|| id.clone(), |c| c.label.clone()),
            _ => id.clone(),
        },
        Value::Location(l) => match l {
            Location::VendorRegions(r) => format!("Vendor regions: {}", r.join(", ")),
            Location::VendorPinned(r) => format!("Vendor region {} — pinned", r.join(", ")),
            Location::CustomerCloud => "Customer's chosen cloud region".into(),
            Location::CustomerCloudIn(r) => format!("Customer's cloud, region {}", r.join(", ")),
            Location::VendorUnstated => "Vendor infrastructure — region not stated".into(),
            Location::ProviderRegions(r) => {
                format!("Cloud provider's infrastructure: {}", r.join(", "))
            }
            Location::ProviderAnyRegion => "Any cloud region — no residency guarantee".into(),
            Location::VendorAnyRegion => {
                "Vendor infrastructure — may be routed to any region".into()
            }
        },
        Value::Retention(r) => retention_text(*r),
        Value::Text(t) => t.clone(),
    }
}

pub fn retention_text(r: Retention) -> String {
    let period = |d: u32| {
        if d >= 365 && d.is_multiple_of(365) {
            let y = d / 365;
            format!("{y} year{}", if y == 1 { "" } else { "s" })
        } else {
            format!("{d} day{}", if d == 1 { "" } else { "s" })
        }
    };
    match r {
        Retention::Days(d) => period(d),
        Retention::AboutDays(d) => format!("~{}", period(d)),
        Retention::AtLeastDays(d) => format!("A period the customer sets, at least {}", period(d)),
        Retention::Zero => "Zero".into(),
        Retention::OrgControlled => "Org-controlled".into(),
        Retention::ProviderDefined => "Set by the cloud provider".into(),
        Retention::VendorTerms => "Vendor's standard terms".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::fixtures::source;
    use crate::model::Offering;

    fn cite(source: &str) -> Cite {
        Cite {
            source: source.into(),
            locator: "§".into(),
            quote: format!("{source} says"),
            verified: None,
        }
    }

    fn claim(id: &str, source: &str, value: Value, relation: Relation) -> ClaimDef {
        ClaimDef {
            id: id.into(),
            offerings: vec!["o".into()],
            attribute: "a".into(),
            option: None,
            value,
            label: None,
            note: String::new(),
            relation,
            cite: vec![cite(source)],
            facts: Vec::new(),
        }
    }

    /// One offering `o`, one attribute `a` the old source says is 5 years.
    fn set(claims: Vec<ClaimDef>) -> PolicySet {
        PolicySet {
            sources: vec![source("old", "2026-04-28"), source("new", "2026-11-28")],
            attributes: vec![Attribute {
                id: "a".into(),
                name: "A".into(),
                question: String::new(),
                group: "g".into(),
                kind: AttributeKind::Retention,
                locked: false,
                summary: false,
                help: String::new(),
            }],
            offerings: vec![Offering {
                id: "o".into(),
                name: "O".into(),
                plan: "P".into(),
                route: "R".into(),
                preview: false,
                summary: String::new(),
                values: vec![Cell {
                    attribute: "a".into(),
                    value: Value::Retention(Retention::AboutDays(1825)),
                    label: None,
                    note: String::new(),
                    cite: vec![cite("old")],
                    facts: Vec::new(),
                }],
            }],
            claims,
            ..Default::default()
        }
    }

    fn cell_of(set: &PolicySet, sources: &[&str]) -> (bool, Value, Vec<String>) {
        let mut w = Vec::new();
        let wanted: Vec<String> = sources.iter().map(|s| s.to_string()).collect();
        let reading = Reading::resolve(set, &wanted, &mut w);
        let index = Index::new(set, &reading, &[]);
        let c = index.cell("o", "a");
        (
            c.disputed,
            c.value().clone(),
            c.claims.iter().map(|c| c.source.to_string()).collect(),
        )
    }

    #[test]
    fn different_values_dispute_newest_first() {
        let s = set(vec![claim(
            "c",
            "new",
            Value::Retention(Retention::Days(30)),
            Relation::Disputes,
        )]);
        let (disputed, value, order) = cell_of(&s, &[]);
        assert!(disputed);
        assert_eq!(value, Value::Retention(Retention::Days(30)));
        assert_eq!(order, ["new", "old"]);
        // Read as the old source saw it, there is nothing to dispute.
        let (disputed, value, order) = cell_of(&s, &["old"]);
        assert!(!disputed);
        assert_eq!(value, Value::Retention(Retention::AboutDays(1825)));
        assert_eq!(order, ["old"]);
    }

    #[test]
    fn refinements_and_agreement_do_not_dispute() {
        let s = set(vec![
            claim(
                "r",
                "new",
                Value::Retention(Retention::AtLeastDays(30)),
                Relation::Refines,
            ),
            claim(
                "a",
                "new",
                Value::Retention(Retention::AboutDays(1825)),
                Relation::Agrees,
            ),
        ]);
        let (disputed, value, _) = cell_of(&s, &[]);
        assert!(!disputed);
        // The more precise, newer word leads.
        assert_eq!(value, Value::Retention(Retention::AtLeastDays(30)));
    }

    #[test]
    fn unknown_is_silence_not_disagreement() {
        let s = set(vec![claim("u", "new", Value::Unknown, Relation::Disputes)]);
        let (disputed, value, _) = cell_of(&s, &[]);
        assert!(!disputed);
        assert_eq!(value, Value::Retention(Retention::AboutDays(1825)));
        let (_, value, _) = cell_of(&s, &["new"]);
        assert_eq!(value, Value::Unknown);
    }

    #[test]
    fn regions_compare_as_sets() {
        let a = Value::Location(Location::VendorRegions(vec!["US".into(), "EU".into()]));
        let b = Value::Location(Location::VendorRegions(vec!["EU".into(), "US".into()]));
        assert!(same_value(&a, &b));
        assert!(!same_value(
            &a,
            &Value::Location(Location::VendorPinned(vec!["EU".into()]))
        ));
    }
}
