//! Effective values and the claims behind them.
//!
//! A cell (offering × attribute) is what its sources claim: the offering's own value (the word of
//! the source it cites), other sources' claims beside it, and — when an option is in effect — the
//! option's change, with what other sources say about that option. A cell is disputed when the
//! sources read give different values; claims that only refine another's precision do not count.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::model::{
    Attribute, AttributeKind, Change, Cite, ClaimDef, Date, Location, OptionDef, PolicySet,
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

/// The lookups that depend only on the policy set and the sources read, by position in the set.
/// An [`Assessor`](super::Assessor) builds them once and keeps them while only options,
/// requirements or offerings change; they hold no borrows, so they can live beside the set.
#[derive(Debug, Clone, Default)]
pub(crate) struct Statics {
    pub offering_pos: HashMap<String, usize>,
    pub attribute_pos: HashMap<String, usize>,
    pub source_pos: HashMap<String, usize>,
    /// `[offering][attribute]`: the position of the cell in the offering's values, if it has one.
    base: Vec<Vec<Option<u32>>>,
    /// (offering, attribute) → claims from the sources read (positions in `set.claims`).
    claims: HashMap<(usize, usize), Vec<usize>>,
    /// (offering, attribute) → claims about an option, from the sources read.
    about_option: HashMap<(usize, usize), Vec<usize>>,
    /// Sort key per source: newest check first, then newest page date.
    rank: HashMap<String, (i64, i64)>,
    /// The sources read, in the set's order: what these lookups were built for.
    pub sources: Vec<String>,
}

impl Statics {
    pub fn new(set: &PolicySet, reading: &Reading) -> Self {
        let positions = |ids: &mut dyn Iterator<Item = &String>| -> HashMap<String, usize> {
            let mut map = HashMap::new();
            for (i, id) in ids.enumerate() {
                // The first of a duplicated id wins, as `PolicySet::offering` finds it.
                map.entry(id.clone()).or_insert(i);
            }
            map
        };
        let offering_pos = positions(&mut set.offerings.iter().map(|o| &o.id));
        let attribute_pos = positions(&mut set.attributes.iter().map(|a| &a.id));
        let source_pos = positions(&mut set.sources.iter().map(|s| &s.id));
        let base = set
            .offerings
            .iter()
            .map(|o| {
                let mut row = vec![None; set.attributes.len()];
                for (i, c) in o.values.iter().enumerate() {
                    if let Some(&a) = attribute_pos.get(&c.attribute) {
                        // The last value given for an attribute wins, as it always has.
                        row[a] = Some(i as u32);
                    }
                }
                row
            })
            .collect();
        let mut claims: HashMap<_, Vec<usize>> = HashMap::new();
        let mut about_option: HashMap<_, Vec<usize>> = HashMap::new();
        for (i, c) in set.claims.iter().enumerate() {
            if !reading.reads(c.source()) {
                continue;
            }
            let Some(&a) = attribute_pos.get(&c.attribute) else {
                continue;
            };
            for off in &c.offerings {
                let Some(&o) = offering_pos.get(off) else {
                    continue;
                };
                let map = if c.option.is_none() {
                    &mut claims
                } else {
                    &mut about_option
                };
                map.entry((o, a)).or_default().push(i);
            }
        }
        let day = |s: &str| Date::parse(s).map_or(i64::MIN, |d| d.days_since_epoch());
        let rank = set
            .sources
            .iter()
            .map(|s| {
                let verified = set.verification_of(s).date;
                (s.id.clone(), (day(&verified), day(&s.updated)))
            })
            .collect();
        Statics {
            offering_pos,
            attribute_pos,
            source_pos,
            base,
            claims,
            about_option,
            rank,
            sources: reading.ordered.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// The lookups of one assessment: the set's [`Statics`] and the options in effect.
pub(crate) struct Index<'a> {
    pub set: &'a PolicySet,
    pub reading: &'a Reading<'a>,
    statics: Cow<'a, Statics>,
    /// The option change in effect for (offering, attribute), with the option's position: the
    /// last option in the policy set's order that is on, described by a source read, and
    /// applies to the offering — so click order does not matter.
    overrides: HashMap<(usize, usize), (usize, &'a OptionDef, &'a Change)>,
    /// Options switched on that a source read describes.
    pub in_effect: Vec<&'a OptionDef>,
    /// Their positions in the set.
    in_effect_pos: Vec<usize>,
}

impl<'a> Index<'a> {
    /// An index with lookups of its own.
    pub fn new(set: &'a PolicySet, reading: &'a Reading<'a>, options_on: &[String]) -> Self {
        Self::build(
            set,
            reading,
            Cow::Owned(Statics::new(set, reading)),
            options_on,
        )
    }

    /// An index over lookups built before, for the same set and the same sources read.
    pub fn with(
        set: &'a PolicySet,
        reading: &'a Reading<'a>,
        statics: &'a Statics,
        options_on: &[String],
    ) -> Self {
        Self::build(set, reading, Cow::Borrowed(statics), options_on)
    }

    fn build(
        set: &'a PolicySet,
        reading: &'a Reading<'a>,
        statics: Cow<'a, Statics>,
        options_on: &[String],
    ) -> Self {
        let in_effect: Vec<(usize, &OptionDef)> = set
            .options
            .iter()
            .enumerate()
            .filter(|(_, op)| options_on.contains(&op.id) && described(op, reading))
            .collect();
        let mut overrides = HashMap::new();
        for &(i, op) in &in_effect {
            for ch in &op.changes {
                let Some(&a) = statics.attribute_pos.get(&ch.attribute) else {
                    continue;
                };
                for off in &op.applies_to {
                    if (ch.offerings.is_empty() || ch.offerings.contains(off))
                        && let Some(&o) = statics.offering_pos.get(off)
                    {
                        overrides.insert((o, a), (i, op, ch));
                    }
                }
            }
        }
        Index {
            set,
            reading,
            statics,
            overrides,
            in_effect_pos: in_effect.iter().map(|(i, _)| *i).collect(),
            in_effect: in_effect.into_iter().map(|(_, op)| op).collect(),
        }
    }

    pub fn statics(&self) -> &Statics {
        &self.statics
    }

    pub fn option_in_effect(&self, id: &str, offering: &str) -> bool {
        self.in_effect
            .iter()
            .any(|op| op.id == id && op.applies_to.iter().any(|o| o == offering))
    }

    /// The positions of the options in effect that apply to `offering`: all that its verdicts
    /// can depend on, besides its cells.
    pub fn options_in_effect_on(&self, offering: &str) -> Vec<usize> {
        self.in_effect
            .iter()
            .zip(&self.in_effect_pos)
            .filter(|(op, _)| op.applies_to.iter().any(|o| o == offering))
            .map(|(_, &i)| i)
            .collect()
    }

    /// The position of the option whose change is in effect on a cell, if any.
    pub fn changed_by_at(&self, offering: usize, attribute: usize) -> Option<usize> {
        if self.overrides.is_empty() {
            return None;
        }
        self.overrides.get(&(offering, attribute)).map(|o| o.0)
    }

    /// Every claim on one cell from the sources read; empty for ids the set does not have.
    pub fn cell(&self, offering: &str, attribute: &str) -> CellClaims<'a> {
        let (Some(&o), Some(&a)) = (
            self.statics.offering_pos.get(offering),
            self.statics.attribute_pos.get(attribute),
        ) else {
            return CellClaims {
                claims: Vec::new(),
                changed_by: None,
                disputed: false,
            };
        };
        self.cell_at(o, a)
    }

    /// Every claim on one cell, by the positions of its offering and attribute in the set.
    pub fn cell_at(&self, offering: usize, attribute: usize) -> CellClaims<'a> {
        let set = self.set;
        let reads = |s: &str| self.reading.reads(s);
        let mut out: Vec<Claim<'a>> = Vec::new();
        let mut changed_by = None;
        if let Some(&(_, op, ch)) = self.overrides.get(&(offering, attribute)) {
            // With the option in effect, what sources said of the cell without it no longer
            // applies: the option's own sources claim its change, others speak of the option.
            changed_by = Some(op);
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
            let about = self.statics.about_option.get(&(offering, attribute));
            for def in about.into_iter().flatten().map(|&i| &set.claims[i]) {
                if def.option.as_deref() != Some(op.id.as_str()) {
                    continue;
                }
                let claim = from_def(def, Some(op));
                match out.iter_mut().find(|x| x.source == claim.source) {
                    Some(x) => *x = claim,
                    None => out.push(claim),
                }
            }
        } else {
            let base = self.statics.base.get(offering).and_then(|r| r[attribute]);
            if let Some(cell) = base.map(|i| &set.offerings[offering].values[i as usize])
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
            if let Some(defs) = self.statics.claims.get(&(offering, attribute)) {
                out.extend(defs.iter().map(|&i| from_def(&set.claims[i], None)));
            }
        }
        // Newest first; the sort is stable, so data order breaks ties.
        if out.len() > 1 {
            let rank = &self.statics.rank;
            out.sort_by_key(|c| std::cmp::Reverse(rank.get(c.source).copied().unwrap_or((0, 0))));
        }
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
    use crate::model::{Cell, Offering};

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
