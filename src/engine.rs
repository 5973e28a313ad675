//! The assessment: a pure function from a policy set, a scenario and a date to everything the UI
//! and the brief display. Nothing here reads files, clocks or globals, so it is cheap to test and to
//! re-run whenever the user changes something.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::model::{
    Attribute, AttributeKind, Audience, CaveatKind, Cite, Condition, Date, Location, OptionDef,
    Outcome, PolicySet, Requires, Retention, Scenario, Value, VerdictKind,
};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Assessment {
    pub policy: PolicyInfo,
    /// The day staleness was computed for (YYYY-MM-DD).
    pub today: String,
    pub scenario: ScenarioInfo,
    /// The chosen offerings that exist in the set, in the scenario's order.
    pub offerings: Vec<OfferingInfo>,
    pub rows: Vec<Row>,
    pub requirements: Vec<RequirementResult>,
    pub options: Vec<OptionState>,
    pub caveats: Vec<AppliedCaveat>,
    pub sources: Vec<SourceStatus>,
    pub staleness: Staleness,
    /// Problems with the scenario against this set (ids it does not know), shown to the user.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PolicyInfo {
    pub name: String,
    pub version: String,
    pub hash: String,
    pub origin: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScenarioInfo {
    pub client: String,
    pub prepared_by: String,
    pub date: String,
    pub audience: Audience,
    /// Free notes; only present for the internal audience.
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OfferingInfo {
    pub id: String,
    pub name: String,
    pub plan: String,
    pub route: String,
    pub preview: bool,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    pub attribute: String,
    pub name: String,
    pub group: String,
    pub question: String,
    /// One of the buyer's three questions (shown in the brief's summary).
    pub summary: bool,
    /// One cell per chosen offering, in the same order as `Assessment::offerings`.
    pub cells: Vec<CellView>,
    /// The chosen offerings do not all show the same text in this row.
    pub differs: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CellView {
    pub offering: String,
    pub value: Value,
    /// Plain words for the effective value.
    pub text: String,
    pub unknown: bool,
    /// The option that changed this cell, if any.
    pub changed_by: Option<OptionRef>,
    pub note: String,
    pub cites: Vec<CiteView>,
    /// Some citation behind this cell is past its source's review cadence.
    pub stale: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OptionRef {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CiteView {
    pub source: String,
    pub source_title: String,
    pub publisher: String,
    pub locator: String,
    pub quote: String,
    pub verified: String,
    /// Days past the review cadence, when the citation is stale.
    pub stale_by_days: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RequirementResult {
    pub id: String,
    pub title: String,
    pub explain: String,
    /// One verdict per chosen offering, in the same order as `Assessment::offerings`.
    pub verdicts: Vec<Verdict>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Verdict {
    pub offering: String,
    pub kind: VerdictKind,
    pub label: String,
    pub reason: String,
    pub cites: Vec<CiteView>,
    /// Ids of caveats that travel with this verdict (all present in `Assessment::caveats`).
    pub caveats: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OptionState {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub on: bool,
    pub requires: Requires,
    pub requires_label: String,
    pub requires_detail: String,
    /// Names of all offerings it can apply to.
    pub applies_to: Vec<String>,
    /// Ids of the chosen offerings it applies to.
    pub applies_to_chosen: Vec<String>,
    /// Why it has no effect on this selection, when it has none.
    pub inactive_reason: Option<String>,
    /// What it changes, in words ("Retention → Zero — contractual").
    pub changes: Vec<String>,
    pub cites: Vec<CiteView>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AppliedCaveat {
    pub id: String,
    pub kind: CaveatKind,
    pub title: String,
    pub text: String,
    pub internal: bool,
    /// Names of the chosen offerings it concerns.
    pub offerings: Vec<String>,
    pub cites: Vec<CiteView>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceStatus {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub updated: String,
    pub verified: String,
    pub review_every_days: u32,
    pub days_since_verified: i64,
    /// The date the next review was due.
    pub review_due: String,
    pub stale_by_days: Option<i64>,
    pub note: String,
    /// How many cells, verdicts, options and caveats of this assessment cite it.
    pub cited: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Staleness {
    pub any_stale: bool,
    /// The oldest verification date among cited sources.
    pub oldest_verified: String,
    pub days_since_oldest: i64,
    /// Review cadence of that oldest source, in days.
    pub cadence_days: u32,
    /// "Facts last verified 2026-04-28 — 214 days ago; the source asks for review every 30 days."
    pub message: String,
}

/// Assesses `scenario` against `set` as of `today`.
pub fn assess(set: &PolicySet, scenario: &Scenario, today: Date) -> Assessment {
    let mut warnings = Vec::new();
    let chosen = known_ids(
        &scenario.offerings,
        |id| set.offering(id).is_some(),
        "offering",
        &mut warnings,
    );
    let options_on = known_ids(
        &scenario.options,
        |id| set.option(id).is_some(),
        "option",
        &mut warnings,
    );
    let required = known_ids(
        &scenario.requirements,
        |id| set.requirement(id).is_some(),
        "requirement",
        &mut warnings,
    );
    if !scenario.date.is_empty()
        && let Err(m) = Date::parse(&scenario.date)
    {
        warnings.push(format!("scenario date: {m}"));
    }

    let source_stale: HashMap<&str, Option<i64>> = set
        .sources
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                stale_by(&s.verified, s.review_every_days, today),
            )
        })
        .collect();
    let cite_view = |c: &Cite| -> CiteView { cite_view(set, c, today, &source_stale) };

    let offerings: Vec<OfferingInfo> = chosen
        .iter()
        .filter_map(|id| set.offering(id))
        .map(|o| OfferingInfo {
            id: o.id.clone(),
            name: o.name.clone(),
            plan: o.plan.clone(),
            route: o.route.clone(),
            preview: o.preview,
            summary: o.summary.clone(),
        })
        .collect();

    // Effective values: the offering's own, overridden by options that are on and apply to it.
    let index = Index::new(set, &options_on);
    let effective = |offering: &str, attribute: &Attribute| -> Effective {
        effective_value(&index, offering, attribute)
    };

    let rows: Vec<Row> = set
        .attributes
        .iter()
        .map(|a| {
            let cells: Vec<CellView> = offerings
                .iter()
                .map(|o| {
                    let e = effective(&o.id, a);
                    let cites: Vec<CiteView> = e.cites.iter().map(cite_view).collect();
                    CellView {
                        offering: o.id.clone(),
                        text: e.text,
                        unknown: e.value == Value::Unknown,
                        value: e.value,
                        changed_by: e.changed_by.map(|op| OptionRef {
                            id: op.id.clone(),
                            title: op.title.clone(),
                        }),
                        note: e.note,
                        stale: cites.iter().any(|c| c.stale_by_days.is_some()),
                        cites,
                    }
                })
                .collect();
            let differs = cells.windows(2).any(|w| w[0].text != w[1].text);
            Row {
                attribute: a.id.clone(),
                name: a.name.clone(),
                group: a.group.clone(),
                question: a.question.clone(),
                summary: a.summary,
                cells,
                differs,
            }
        })
        .collect();

    let mut verdict_caveats: BTreeSet<String> = BTreeSet::new();
    let requirements: Vec<RequirementResult> = required
        .iter()
        .filter_map(|id| set.requirement(id))
        .map(|r| {
            let verdicts = offerings
                .iter()
                .map(|o| {
                    let ctx = EvalCtx {
                        set,
                        index: &index,
                        options_on: &options_on,
                        offering: &o.id,
                    };
                    let v = judge(&ctx, r, &o.name);
                    verdict_caveats.extend(v.caveats.iter().cloned());
                    Verdict {
                        offering: o.id.clone(),
                        kind: v.kind,
                        label: v.kind.label().to_string(),
                        reason: v.reason,
                        cites: v.cites.iter().map(cite_view).collect(),
                        caveats: v.caveats,
                    }
                })
                .collect();
            RequirementResult {
                id: r.id.clone(),
                title: r.title.clone(),
                explain: r.explain.clone(),
                verdicts,
            }
        })
        .collect();

    let options: Vec<OptionState> = set
        .options
        .iter()
        .map(|op| option_state(set, op, &chosen, &options_on, &cite_view))
        .collect();

    let internal = scenario.audience == Audience::Internal;
    let mut caveats = Vec::new();
    for c in &set.caveats {
        if c.internal && !internal {
            continue;
        }
        let in_scope = scope_matches(set, &c.scope, &chosen, &options_on, &required);
        if !in_scope && !verdict_caveats.contains(&c.id) {
            continue;
        }
        let names: Vec<String> = offerings
            .iter()
            .filter(|o| c.scope.offerings.is_empty() || c.scope.offerings.contains(&o.id))
            .map(|o| o.name.clone())
            .collect();
        caveats.push(AppliedCaveat {
            id: c.id.clone(),
            kind: c.kind,
            title: c.title.clone(),
            text: c.text.clone(),
            internal: c.internal,
            offerings: names,
            cites: c.cite.iter().map(cite_view).collect(),
        });
    }
    // Verdicts may only point at caveats the reader can see.
    let visible: BTreeSet<&str> = caveats.iter().map(|c| c.id.as_str()).collect();
    let requirements = requirements
        .into_iter()
        .map(|mut r| {
            for v in &mut r.verdicts {
                v.caveats.retain(|id| visible.contains(id.as_str()));
            }
            r
        })
        .collect();

    let (sources, staleness) = source_statuses(set, today, &rows, &caveats, &options);

    Assessment {
        policy: PolicyInfo {
            name: set.meta.name.clone(),
            version: set.meta.version.clone(),
            hash: set.content_hash.clone(),
            origin: set.origin.clone(),
        },
        today: today.to_string(),
        scenario: ScenarioInfo {
            client: scenario.client.clone(),
            prepared_by: scenario.prepared_by.clone(),
            date: scenario.date.clone(),
            audience: scenario.audience,
            notes: internal.then(|| scenario.notes.clone()),
        },
        offerings,
        rows,
        requirements,
        options,
        caveats,
        sources,
        staleness,
        warnings,
    }
}

/// Keeps the ids the set knows, once each, in order; reports the rest.
fn known_ids(
    ids: &[String],
    known: impl Fn(&str) -> bool,
    what: &str,
    warnings: &mut Vec<String>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        if !known(id) {
            warnings.push(format!(
                "the scenario names {what} `{id}`, which this policy set does not have; it is ignored"
            ));
        } else if !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

struct Effective<'a> {
    value: Value,
    text: String,
    note: String,
    cites: &'a [Cite],
    changed_by: Option<&'a OptionDef>,
}

/// Lookups built once per assessment, so large sets stay linear in their size.
struct Index<'a> {
    cells: HashMap<(&'a str, &'a str), &'a crate::model::Cell>,
    /// The option change in effect for (offering, attribute): the last switched-on option in
    /// the policy set's order that applies to the offering, so click order does not matter.
    overrides: HashMap<(&'a str, &'a str), (&'a OptionDef, &'a crate::model::Change)>,
}

impl<'a> Index<'a> {
    fn new(set: &'a PolicySet, options_on: &[String]) -> Index<'a> {
        let mut cells = HashMap::new();
        for o in &set.offerings {
            for c in &o.values {
                cells.insert((o.id.as_str(), c.attribute.as_str()), c);
            }
        }
        let mut overrides = HashMap::new();
        for op in set.options.iter().filter(|op| options_on.contains(&op.id)) {
            for off in &op.applies_to {
                for ch in &op.changes {
                    overrides.insert((off.as_str(), ch.attribute.as_str()), (op, ch));
                }
            }
        }
        Index { cells, overrides }
    }
}

fn effective_value<'a>(index: &Index<'a>, offering: &str, attribute: &Attribute) -> Effective<'a> {
    let cell = index.cells.get(&(offering, attribute.id.as_str()));
    let mut e = match cell {
        Some(c) => Effective {
            text: c
                .label
                .clone()
                .unwrap_or_else(|| value_text(attribute, &c.value)),
            value: c.value.clone(),
            note: c.note.clone(),
            cites: &c.cite,
            changed_by: None,
        },
        // Validation guarantees a value; a hand-built set without one still shows Unknown.
        None => Effective {
            value: Value::Unknown,
            text: value_text(attribute, &Value::Unknown),
            note: String::new(),
            cites: &[],
            changed_by: None,
        },
    };
    if let Some((op, ch)) = index.overrides.get(&(offering, attribute.id.as_str())) {
        e.value = ch.value.clone();
        e.text = ch
            .label
            .clone()
            .unwrap_or_else(|| value_text(attribute, &ch.value));
        e.note = format!("Changed by the option \"{}\".", op.title);
        e.cites = if ch.cite.is_empty() {
            &op.cite
        } else {
            &ch.cite
        };
        e.changed_by = Some(op);
    }
    e
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
        Retention::Zero => "Zero".into(),
        Retention::OrgControlled => "Org-controlled".into(),
        Retention::ProviderDefined => "Set by the cloud provider".into(),
        Retention::VendorTerms => "Vendor's standard terms".into(),
    }
}

/// Days past the review cadence for a verification date, or `Some(0)` when the date cannot be
/// read: an unreadable date is treated as stale, never as fresh.
fn stale_by(verified: &str, cadence: u32, today: Date) -> Option<i64> {
    match Date::parse(verified) {
        Ok(v) => {
            let over = v.days_until(today) - i64::from(cadence);
            (over > 0).then_some(over)
        }
        Err(_) => Some(0),
    }
}

fn cite_view(
    set: &PolicySet,
    c: &Cite,
    today: Date,
    source_stale: &HashMap<&str, Option<i64>>,
) -> CiteView {
    let source = set.source(&c.source);
    let (verified, stale_by_days) = match (&c.verified, source) {
        // The usual case: the citation is as fresh as its source, computed once per source.
        (None, Some(s)) => (
            s.verified.clone(),
            source_stale.get(s.id.as_str()).copied().flatten(),
        ),
        (Some(v), Some(s)) => (v.clone(), stale_by(v, s.review_every_days, today)),
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

/// Three-valued truth: a condition that reads an Unknown value is undecided, naming the attribute.
#[derive(Debug, Clone, PartialEq)]
enum Truth {
    True,
    False,
    Undecided(String),
}

struct EvalCtx<'a> {
    set: &'a PolicySet,
    index: &'a Index<'a>,
    options_on: &'a [String],
    offering: &'a str,
}

impl EvalCtx<'_> {
    /// The value in effect, without building its display text: rules only compare values.
    fn value(&self, attribute: &str) -> Value {
        let key = (self.offering, attribute);
        if let Some((_, ch)) = self.index.overrides.get(&key) {
            return ch.value.clone();
        }
        self.index
            .cells
            .get(&key)
            .map_or(Value::Unknown, |c| c.value.clone())
    }

    fn eval(&self, c: &Condition) -> Truth {
        let known = |attr: &str, f: &dyn Fn(&Value) -> bool| -> Truth {
            let v = self.value(attr);
            if v == Value::Unknown {
                Truth::Undecided(attr.to_string())
            } else if f(&v) {
                Truth::True
            } else {
                Truth::False
            }
        };
        match c {
            Condition::Always => Truth::True,
            Condition::Is(attr, want) => known(attr, &|v| same_value(v, want)),
            Condition::OneOf(attr, wants) => {
                known(attr, &|v| wants.iter().any(|w| same_value(v, w)))
            }
            Condition::ConfinedTo(attr, allowed) => known(attr, &|v| match v {
                Value::Location(
                    Location::VendorRegions(r)
                    | Location::VendorPinned(r)
                    | Location::CustomerCloudIn(r),
                ) => !r.is_empty() && r.iter().all(|x| allowed.contains(x)),
                _ => false,
            }),
            Condition::AtMostDays(attr, max) => {
                let v = self.value(attr);
                match v {
                    Value::Retention(Retention::Zero) => Truth::True,
                    Value::Retention(Retention::Days(d) | Retention::AboutDays(d)) => {
                        if d <= *max {
                            Truth::True
                        } else {
                            Truth::False
                        }
                    }
                    // Org-, provider- or vendor-defined retention has no number to compare.
                    _ => Truth::Undecided(attr.clone()),
                }
            }
            Condition::OptionOn(id) => {
                let on = self.options_on.contains(id)
                    && self
                        .set
                        .option(id)
                        .is_some_and(|o| o.applies_to.iter().any(|x| x == self.offering));
                if on { Truth::True } else { Truth::False }
            }
            Condition::All(cs) => {
                let mut undecided = None;
                for c in cs {
                    match self.eval(c) {
                        Truth::False => return Truth::False,
                        Truth::Undecided(a) => undecided = undecided.or(Some(a)),
                        Truth::True => {}
                    }
                }
                undecided.map_or(Truth::True, Truth::Undecided)
            }
            Condition::Any(cs) => {
                let mut undecided = None;
                for c in cs {
                    match self.eval(c) {
                        Truth::True => return Truth::True,
                        Truth::Undecided(a) => undecided = undecided.or(Some(a)),
                        Truth::False => {}
                    }
                }
                undecided.map_or(Truth::False, Truth::Undecided)
            }
            Condition::Not(c) => match self.eval(c) {
                Truth::True => Truth::False,
                Truth::False => Truth::True,
                u => u,
            },
        }
    }
}

/// Equality that ignores the order of region lists.
fn same_value(a: &Value, b: &Value) -> bool {
    fn sorted(r: &[String]) -> Vec<&String> {
        let mut v: Vec<&String> = r.iter().collect();
        v.sort();
        v
    }
    match (a, b) {
        (Value::Location(x), Value::Location(y)) => match (x, y) {
            (Location::VendorRegions(p), Location::VendorRegions(q))
            | (Location::VendorPinned(p), Location::VendorPinned(q))
            | (Location::CustomerCloudIn(p), Location::CustomerCloudIn(q)) => {
                sorted(p) == sorted(q)
            }
            _ => x == y,
        },
        _ => a == b,
    }
}

struct Judgement {
    kind: VerdictKind,
    reason: String,
    cites: Vec<Cite>,
    caveats: Vec<String>,
}

fn judge(ctx: &EvalCtx, r: &crate::model::Requirement, offering_name: &str) -> Judgement {
    let from = |o: &Outcome| Judgement {
        kind: o.verdict,
        reason: o.reason.clone(),
        cites: o.cite.clone(),
        caveats: o.caveats.clone(),
    };
    for rule in &r.rules {
        match ctx.eval(&rule.when) {
            Truth::True => return from(&rule.then),
            Truth::False => {}
            Truth::Undecided(attr) => {
                // Stop here: a later, looser rule must not turn an unknown into a good verdict.
                let a = ctx.set.attribute(&attr);
                let cell = ctx.set.offering(ctx.offering).and_then(|o| o.cell(&attr));
                let name = a.map_or(attr.clone(), |a| a.name.clone());
                let mut reason =
                    format!("Cannot be decided: \"{name}\" is unknown for {offering_name}.");
                if let Some(c) = cell
                    && !c.note.is_empty()
                {
                    reason.push(' ');
                    reason.push_str(&c.note);
                }
                return Judgement {
                    kind: VerdictKind::Unknown,
                    reason,
                    cites: cell.map(|c| c.cite.clone()).unwrap_or_default(),
                    caveats: Vec::new(),
                };
            }
        }
    }
    from(&r.otherwise)
}

fn option_state(
    set: &PolicySet,
    op: &OptionDef,
    chosen: &[String],
    options_on: &[String],
    cite_view: &dyn Fn(&Cite) -> CiteView,
) -> OptionState {
    let names: Vec<String> = op
        .applies_to
        .iter()
        .filter_map(|id| set.offering(id).map(|o| o.name.clone()))
        .collect();
    let applies_to_chosen: Vec<String> = chosen
        .iter()
        .filter(|c| op.applies_to.contains(c))
        .cloned()
        .collect();
    let inactive_reason = applies_to_chosen.is_empty().then(|| {
        format!(
            "Applies only to {}, which {} not among the offerings compared.",
            names.join(", "),
            if names.len() == 1 { "is" } else { "are" }
        )
    });
    let changes = op
        .changes
        .iter()
        .map(|ch| {
            let a = set.attribute(&ch.attribute);
            let name = a.map_or(ch.attribute.clone(), |a| a.name.clone());
            let text = ch.label.clone().unwrap_or_else(|| {
                a.map_or_else(|| format!("{:?}", ch.value), |a| value_text(a, &ch.value))
            });
            format!("{name} → {text}")
        })
        .collect();
    OptionState {
        id: op.id.clone(),
        title: op.title.clone(),
        summary: op.summary.clone(),
        on: options_on.contains(&op.id),
        requires: op.requires,
        requires_label: op.requires.label().to_string(),
        requires_detail: op.requires_detail.clone(),
        applies_to: names,
        applies_to_chosen,
        inactive_reason,
        changes,
        cites: op.cite.iter().map(cite_view).collect(),
    }
}

fn scope_matches(
    set: &PolicySet,
    scope: &crate::model::Scope,
    chosen: &[String],
    options_on: &[String],
    required: &[String],
) -> bool {
    let offerings_ok =
        scope.offerings.is_empty() || scope.offerings.iter().any(|o| chosen.contains(o));
    let options_ok = scope.options.is_empty()
        || scope.options.iter().any(|id| {
            options_on.contains(id)
                && set
                    .option(id)
                    .is_some_and(|op| op.applies_to.iter().any(|o| chosen.contains(o)))
        });
    let requirements_ok =
        scope.requirements.is_empty() || scope.requirements.iter().any(|r| required.contains(r));
    offerings_ok && options_ok && requirements_ok
}

fn source_statuses(
    set: &PolicySet,
    today: Date,
    rows: &[Row],
    caveats: &[AppliedCaveat],
    options: &[OptionState],
) -> (Vec<SourceStatus>, Staleness) {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let all_cites = rows
        .iter()
        .flat_map(|r| r.cells.iter().flat_map(|c| c.cites.iter()))
        .chain(caveats.iter().flat_map(|c| c.cites.iter()))
        .chain(options.iter().flat_map(|o| o.cites.iter()));
    for c in all_cites {
        *counts.entry(c.source.as_str()).or_default() += 1;
    }
    let sources: Vec<SourceStatus> = set
        .sources
        .iter()
        .map(|s| {
            let verified = Date::parse(&s.verified).ok();
            let days = verified.map_or(0, |v| v.days_until(today));
            SourceStatus {
                id: s.id.clone(),
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                url: s.url.clone(),
                updated: s.updated.clone(),
                verified: s.verified.clone(),
                review_every_days: s.review_every_days,
                days_since_verified: days,
                review_due: verified
                    .map(|v| v.add_days(i64::from(s.review_every_days)).to_string())
                    .unwrap_or_default(),
                stale_by_days: stale_by(&s.verified, s.review_every_days, today),
                note: s.note.clone(),
                cited: counts.get(s.id.as_str()).copied().unwrap_or(0),
            }
        })
        .collect();
    let oldest = sources
        .iter()
        .max_by_key(|s| (s.days_since_verified, s.id.clone()));
    let staleness = match oldest {
        Some(s) => {
            let any_stale = sources.iter().any(|s| s.stale_by_days.is_some());
            let message = if any_stale {
                format!(
                    "Facts last verified {} — {} days ago; the source asks for review every {} days{}.",
                    s.verified,
                    s.days_since_verified,
                    s.review_every_days,
                    if s.review_every_days == 30 {
                        " (monthly)"
                    } else {
                        ""
                    }
                )
            } else {
                format!(
                    "Facts verified {} — {} days ago; next review due {}.",
                    s.verified, s.days_since_verified, s.review_due
                )
            };
            Staleness {
                any_stale,
                oldest_verified: s.verified.clone(),
                days_since_oldest: s.days_since_verified,
                cadence_days: s.review_every_days,
                message,
            }
        }
        None => Staleness {
            any_stale: true,
            oldest_verified: String::new(),
            days_since_oldest: 0,
            cadence_days: 0,
            message: "This policy set cites no sources.".into(),
        },
    };
    (sources, staleness)
}

impl Assessment {
    pub fn offering_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.offerings
            .iter()
            .find(|o| o.id == id)
            .map_or(id, |o| o.name.as_str())
    }

    pub fn caveat(&self, id: &str) -> Option<&AppliedCaveat> {
        self.caveats.iter().find(|c| c.id == id)
    }
}
