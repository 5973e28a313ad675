//! The assessment: a pure function from a policy set, a scenario and a date to everything the UI
//! and the brief display. Nothing here reads files, clocks or globals, so it is cheap to test and to
//! re-run whenever the user changes something.
//!
//! - [`claims`]: effective values and the claims behind each cell, disputes;
//! - [`rules`]: requirement rules and each source's reading of disputed facts;
//! - [`caveats`]: which caveats and actions apply;
//! - [`sources`]: which sources are read, their staleness, citation views.

mod caveats;
pub mod changes;
mod claims;
mod display;
mod rules;
mod sources;

/// Small pieces of policy data for the unit tests of the parts.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::model::{Source, SourceKind};

    pub fn source(id: &str, verified: &str) -> Source {
        Source {
            id: id.into(),
            title: format!("Title {id}"),
            short: String::new(),
            publisher: "P".into(),
            kind: SourceKind::VendorDocumentation,
            url: String::new(),
            updated: String::new(),
            verified: verified.into(),
            review_every_days: 30,
            note: String::new(),
            facts: Vec::new(),
        }
    }
}

use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use serde::Serialize;

use crate::model::{
    Audience, Cite, Date, OptionDef, PolicySet, Relation, Requires, Scenario, SourceKind, Value,
    VerdictKind,
};

pub use caveats::AppliedCaveat;
pub use claims::{retention_text, value_text};
pub use display::or_dash;
pub use sources::{CiteView, SourceStatus, Staleness, ViewInfo};

use claims::{CellClaims, Claim, Index, Statics};
use sources::{Citer, Reading};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Assessment {
    pub policy: PolicyInfo,
    /// The day staleness was computed for (YYYY-MM-DD).
    pub today: String,
    pub scenario: ScenarioInfo,
    /// Which sources this assessment reads.
    pub view: ViewInfo,
    /// The chosen offerings that exist in the set, in the scenario's order.
    pub offerings: Vec<OfferingInfo>,
    pub rows: Vec<Row>,
    pub requirements: Vec<RequirementResult>,
    pub options: Vec<OptionState>,
    pub caveats: Vec<AppliedCaveat>,
    /// Every disputed cell of the chosen offerings, in row then column order.
    pub disputes: Vec<Dispute>,
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
    /// One cell per chosen offering, in the same order as `Assessment::offerings`; shared with
    /// the [`Assessor`]'s cache, so an unchanged cell costs nothing to assess again.
    pub cells: Vec<Arc<CellView>>,
    /// The chosen offerings do not all show the same text in this row.
    pub differs: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CellView {
    pub offering: String,
    /// The value shown: the newest source's known claim.
    pub value: Value,
    /// Plain words for the value shown.
    pub text: String,
    pub unknown: bool,
    /// The sources read give different values here.
    pub disputed: bool,
    /// The option that changed this cell, if any.
    pub changed_by: Option<OptionRef>,
    pub note: String,
    /// Every source's claim on this cell, newest source first (shared with [`Dispute`]).
    pub claims: Arc<[ClaimView]>,
    /// Every citation behind the claims.
    pub cites: Vec<CiteView>,
    /// Some citation behind this cell is past its source's review cadence.
    pub stale: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ClaimView {
    pub source: String,
    pub source_title: String,
    pub source_short: String,
    pub source_kind: SourceKind,
    pub url: String,
    /// The date the page shows, if any.
    pub page_date: String,
    /// The day the claim was checked against the page.
    pub checked: String,
    pub value: Value,
    pub text: String,
    pub relation: Relation,
    pub note: String,
    /// The first citation's words, verbatim.
    pub quote: String,
    pub locator: String,
    pub cites: Vec<CiteView>,
    /// The option this claim describes the cell under, if any.
    pub option: Option<String>,
    /// The claim's id in the policy set, for claims beside the offering's own value.
    pub id: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OptionRef {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RequirementResult {
    pub id: String,
    pub title: String,
    pub explain: String,
    /// One verdict per chosen offering, in the same order as `Assessment::offerings`; shared
    /// with the [`Assessor`]'s cache.
    pub verdicts: Vec<Arc<Verdict>>,
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
    /// Disputed attributes this verdict reads (ids).
    pub disputed_facts: Vec<String>,
    /// Each distinct reading of the disputed facts, newest source first; empty when the verdict
    /// reads no disputed fact.
    pub readings: Vec<ReadingView>,
    /// For a conditional verdict: the options not switched on that would each, switched on,
    /// make it "✓ Fits" — the condition, as something the user can do.
    pub fits_with: Vec<OptionRef>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReadingView {
    /// The sources that read the facts this way (ids and short names).
    pub sources: Vec<String>,
    pub source_names: Vec<String>,
    pub kind: VerdictKind,
    pub label: String,
    pub reason: String,
    pub cites: Vec<CiteView>,
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
pub struct Dispute {
    pub offering: String,
    pub offering_name: String,
    pub attribute: String,
    pub attribute_name: String,
    /// The claims, newest source first.
    pub claims: Arc<[ClaimView]>,
    /// The verdicts that read this fact, with what they became.
    pub verdicts: Vec<DisputeEffect>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DisputeEffect {
    pub requirement: String,
    pub requirement_title: String,
    pub kind: VerdictKind,
}

/// One chosen offering's cells, each computed the first time a rule or a row asks for it.
struct OfferingCells<'i, 'a> {
    index: &'i Index<'a>,
    /// The offering's position in the set.
    offering: usize,
    /// Boxed: most cells are never asked for (the cached views stand in for them), and a
    /// slot of a few bytes keeps 40 × 300 empty slots from costing a large allocation.
    cells: Vec<OnceCell<Box<CellClaims<'a>>>>,
}

impl<'a> OfferingCells<'_, 'a> {
    fn at(&self, attribute: usize) -> &CellClaims<'a> {
        self.cells[attribute].get_or_init(|| Box::new(self.index.cell_at(self.offering, attribute)))
    }
}

impl<'a> rules::Cells<'a> for OfferingCells<'_, 'a> {
    fn cell(&self, attribute: &str) -> Option<&CellClaims<'a>> {
        let a = *self.index.statics().attribute_pos.get(attribute)?;
        Some(self.at(a))
    }
}

/// Assessments of one policy set that reuse what a change leaves alone.
///
/// A cell's view (its value, claims and citations) depends on the set, the sources read, the
/// day, and the one option whose change is in effect on it. The assessor keeps the views it
/// built, with the option each was built under, and the set's lookups; the next assessment
/// rebuilds only the cells whose option changed. Verdicts, caveats and options are cheap and
/// always recomputed. The result is always equal to [`assess`] on the same inputs.
#[derive(Default)]
pub struct Assessor {
    cache: Option<Cache>,
}

struct Cache {
    set: Arc<PolicySet>,
    today: Date,
    statics: Statics,
    memo: Memo,
}

/// What one assessment leaves for the next.
struct Memo {
    /// `[offering][attribute]` in the set's order.
    cells: Vec<Vec<Option<CachedCell>>>,
    /// (requirement, offering) in the set's order → the verdict, with the positions of the
    /// options in effect on the offering when it was judged.
    verdicts: HashMap<(usize, usize), (Vec<usize>, Arc<Verdict>)>,
}

struct CachedCell {
    /// The position of the option whose change the view shows.
    changed_by: Option<usize>,
    view: Arc<CellView>,
    /// The position in the set of each citation's source, to count citations without hashing.
    sources: Vec<u16>,
}

impl Memo {
    fn new(set: &PolicySet) -> Self {
        Memo {
            cells: set
                .offerings
                .iter()
                .map(|_| (0..set.attributes.len()).map(|_| None).collect())
                .collect(),
            verdicts: HashMap::new(),
        }
    }
}

impl Assessor {
    pub fn new() -> Self {
        Self::default()
    }

    /// Assesses `scenario` against `set` as of `today`, reusing what it can from the last call.
    /// A different set (another `Arc`), day or choice of sources starts afresh.
    pub fn assess(&mut self, set: &Arc<PolicySet>, scenario: &Scenario, today: Date) -> Assessment {
        let reading = Reading::resolve(set, &scenario.sources, &mut Vec::new());
        let fresh = self.cache.as_ref().is_none_or(|c| {
            !Arc::ptr_eq(&c.set, set)
                || c.today != today
                || c.statics.sources.len() != reading.ordered.len()
                || c.statics
                    .sources
                    .iter()
                    .zip(&reading.ordered)
                    .any(|(a, b)| a != b)
        });
        if fresh {
            self.cache = None;
        }
        let cache = self.cache.get_or_insert_with(|| Cache {
            set: set.clone(),
            today,
            statics: Statics::new(set, &reading),
            memo: Memo::new(set),
        });
        assess_with(set, scenario, today, &cache.statics, &mut cache.memo)
    }
}

/// Assesses `scenario` against `set` as of `today`, from nothing.
pub fn assess(set: &PolicySet, scenario: &Scenario, today: Date) -> Assessment {
    let reading = Reading::resolve(set, &scenario.sources, &mut Vec::new());
    let statics = Statics::new(set, &reading);
    assess_with(set, scenario, today, &statics, &mut Memo::new(set))
}

fn assess_with(
    set: &PolicySet,
    scenario: &Scenario,
    today: Date,
    statics: &Statics,
    memo: &mut Memo,
) -> Assessment {
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
    let reading = Reading::resolve(set, &scenario.sources, &mut warnings);
    let citer = Citer::new(set, today);
    let reads = |c: &&Cite| reading.reads(&c.source);
    let cite_views = |cs: &mut dyn Iterator<Item = &Cite>| -> Vec<CiteView> {
        cs.filter(reads).map(|c| citer.view(c)).collect()
    };

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

    let index = Index::with(set, &reading, statics, &options_on);
    let cells: Vec<OfferingCells> = offerings
        .iter()
        .filter_map(|o| statics.offering_pos.get(&o.id))
        .map(|&offering| OfferingCells {
            index: &index,
            offering,
            cells: (0..set.attributes.len()).map(|_| OnceCell::new()).collect(),
        })
        .collect();

    let claim_view = |a: &crate::model::Attribute, c: &Claim| -> ClaimView {
        let s = set.source(c.source);
        let cites: Vec<CiteView> = c.cites.iter().map(|x| citer.view(x)).collect();
        ClaimView {
            source: c.source.to_string(),
            source_title: s.map(|s| s.title.clone()).unwrap_or_default(),
            source_short: s.map(|s| s.short_name().to_string()).unwrap_or_default(),
            source_kind: s.map(|s| s.kind).unwrap_or_default(),
            url: s.map(|s| s.url.clone()).unwrap_or_default(),
            page_date: s.map(|s| s.updated.clone()).unwrap_or_default(),
            checked: cites
                .first()
                .map(|x| x.verified.clone())
                .unwrap_or_default(),
            value: c.value.clone(),
            text: claims::claim_text(a, c),
            relation: c.relation,
            note: c.note.to_string(),
            quote: cites.first().map(|x| x.quote.clone()).unwrap_or_default(),
            locator: cites.first().map(|x| x.locator.clone()).unwrap_or_default(),
            cites,
            option: c.option.map(|o| o.id.clone()),
            id: c.id.map(str::to_string),
        }
    };
    let cell_view = |a: &crate::model::Attribute, o: &OfferingInfo, cc: &CellClaims| -> CellView {
        let claims: Arc<[ClaimView]> = cc.claims.iter().map(|c| claim_view(a, c)).collect();
        let value = cc.value().clone();
        let lead = cc.lead();
        let text = match lead {
            Some(l) => claims::claim_text(a, l),
            None => "Unknown — no source read states it".into(),
        };
        let mut note = lead.map(|l| l.note.to_string()).unwrap_or_default();
        if let Some(op) = cc.changed_by
            && note.is_empty()
        {
            note = format!("Changed by the option \"{}\".", op.title);
        }
        let cites: Vec<CiteView> = claims
            .iter()
            .flat_map(|c| c.cites.iter().cloned())
            .collect();
        CellView {
            offering: o.id.clone(),
            unknown: value == Value::Unknown,
            value,
            text,
            disputed: cc.disputed,
            changed_by: cc.changed_by.map(|op| OptionRef {
                id: op.id.clone(),
                title: op.title.clone(),
            }),
            note,
            stale: cites.iter().any(|c| c.stale_by_days.is_some()),
            claims,
            cites,
        }
    };

    // Citations per source (by position in the set), for the sources' status.
    let mut cited = vec![0usize; set.sources.len()];
    let rows: Vec<Row> = set
        .attributes
        .iter()
        .enumerate()
        .filter_map(|(ai, a)| {
            let cells: Vec<Arc<CellView>> = offerings
                .iter()
                .zip(&cells)
                .map(|(o, oc)| {
                    let changed_by = index.changed_by_at(oc.offering, ai);
                    let slot = &mut memo.cells[oc.offering][ai];
                    let cached = match slot {
                        Some(c) if c.changed_by == changed_by => c,
                        _ => {
                            let view = cell_view(a, o, oc.at(ai));
                            let sources = view
                                .cites
                                .iter()
                                .filter_map(|c| statics.source_pos.get(&c.source))
                                .map(|&p| p as u16)
                                .collect();
                            slot.insert(CachedCell {
                                changed_by,
                                view: Arc::new(view),
                                sources,
                            })
                        }
                    };
                    for &p in &cached.sources {
                        cited[usize::from(p)] += 1;
                    }
                    cached.view.clone()
                })
                .collect();
            // A row no source read speaks to is not shown: the view states only what its
            // sources support.
            if !cells.is_empty() && cells.iter().all(|c| c.claims.is_empty()) {
                return None;
            }
            let differs = cells
                .windows(2)
                .any(|w| !Arc::ptr_eq(&w[0], &w[1]) && w[0].text != w[1].text);
            Some(Row {
                attribute: a.id.clone(),
                name: a.name.clone(),
                group: a.group.clone(),
                question: a.question.clone(),
                summary: a.summary,
                cells,
                differs,
            })
        })
        .collect();

    let short = |id: &str| set.source(id).map_or(id, |s| s.short_name()).to_string();
    let mut verdict_caveats: BTreeSet<&str> = BTreeSet::new();
    let requirements: Vec<RequirementResult> = required
        .iter()
        .filter_map(|id| set.requirements.iter().position(|r| &r.id == id))
        .map(|ri| {
            let r = &set.requirements[ri];
            let verdicts = offerings
                .iter()
                .zip(&cells)
                .map(|(o, oc)| {
                    // A verdict reads the offering's cells and asks which options are in effect
                    // on it; with the same options in effect, it is the verdict already judged.
                    let key = (ri, oc.offering);
                    let options = index.options_in_effect_on(&o.id);
                    let verdict = match memo.verdicts.get(&key) {
                        Some((built_under, v)) if *built_under == options => v.clone(),
                        _ => {
                            let v = Arc::new({
                                let j = rules::judge(&index, oc, r, &o.id, &o.name);
                                let fits_with = if j.kind == VerdictKind::FitsWithConditions {
                                    fits_with(
                                        set,
                                        &reading,
                                        statics,
                                        &options_on,
                                        r,
                                        o,
                                        oc.offering,
                                    )
                                } else {
                                    Vec::new()
                                };
                                Verdict {
                                    offering: o.id.clone(),
                                    kind: j.kind,
                                    label: j.kind.label().to_string(),
                                    reason: j.reason,
                                    cites: cite_views(&mut j.cites.iter().copied()),
                                    caveats: j.caveats.iter().map(|c| c.to_string()).collect(),
                                    disputed_facts: j.disputed,
                                    readings: j
                                        .readings
                                        .into_iter()
                                        .map(|(srcs, rj)| ReadingView {
                                            source_names: srcs.iter().map(|s| short(s)).collect(),
                                            sources: srcs.iter().map(|s| s.to_string()).collect(),
                                            kind: rj.kind,
                                            label: rj.kind.label().to_string(),
                                            reason: rj.reason,
                                            cites: cite_views(&mut rj.cites.iter().copied()),
                                        })
                                        .collect(),
                                    fits_with,
                                }
                            });
                            memo.verdicts.insert(key, (options, v.clone()));
                            v
                        }
                    };
                    for id in &verdict.caveats {
                        if let Some(c) = set.caveats.iter().find(|c| &c.id == id) {
                            verdict_caveats.insert(c.id.as_str());
                        }
                    }
                    verdict
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
        .map(|op| option_state(set, op, &chosen, &options_on, &reading, &cite_views))
        .collect();

    let internal = scenario.audience == Audience::Internal;
    let caveats: Vec<AppliedCaveat> =
        caveats::applicable(&index, &chosen, &required, &verdict_caveats, internal)
            .into_iter()
            .map(|c| AppliedCaveat {
                id: c.id.clone(),
                kind: c.kind,
                title: c.title.clone(),
                text: c.text.clone(),
                internal: c.internal,
                offerings: offerings
                    .iter()
                    .filter(|o| c.scope.offerings.is_empty() || c.scope.offerings.contains(&o.id))
                    .map(|o| o.name.clone())
                    .collect(),
                cites: cite_views(&mut c.cite.iter()),
            })
            .collect();
    // Verdicts may only point at caveats the reader can see.
    let visible: BTreeSet<&str> = caveats.iter().map(|c| c.id.as_str()).collect();
    let requirements: Vec<RequirementResult> = requirements
        .into_iter()
        .map(|mut r| {
            for v in &mut r.verdicts {
                if v.caveats.iter().any(|id| !visible.contains(id.as_str())) {
                    Arc::make_mut(v)
                        .caveats
                        .retain(|id| visible.contains(id.as_str()));
                }
            }
            r
        })
        .collect();

    let disputes = disputes(&rows, &requirements, &offerings);

    let others = requirements
        .iter()
        .flat_map(|r| r.verdicts.iter().flat_map(|v| v.cites.iter()))
        .chain(caveats.iter().flat_map(|c| c.cites.iter()))
        .chain(options.iter().filter(|o| o.on).flat_map(|o| o.cites.iter()));
    for c in others {
        if let Some(&p) = statics.source_pos.get(&c.source) {
            cited[p] += 1;
        }
    }
    let (sources, staleness) = sources::statuses(set, today, &reading, &cited);

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
        view: ViewInfo {
            disputes_not_read: disputes_not_read(set, &reading, &chosen, &options_on),
            ..ViewInfo::new(set, &reading)
        },
        offerings,
        rows,
        requirements,
        options,
        caveats,
        disputes,
        sources,
        staleness,
        warnings,
    }
}

/// The options, not on, that apply to the offering, are described by a source read, and would
/// each on its own turn the requirement's verdict into "Fits".
fn fits_with(
    set: &PolicySet,
    reading: &Reading,
    statics: &Statics,
    options_on: &[String],
    r: &crate::model::Requirement,
    o: &OfferingInfo,
    offering: usize,
) -> Vec<OptionRef> {
    set.options
        .iter()
        .filter(|op| {
            !options_on.contains(&op.id)
                && op.applies_to.contains(&o.id)
                && claims::described(op, reading)
        })
        .filter(|op| {
            let mut on = options_on.to_vec();
            on.push(op.id.clone());
            let index = Index::with(set, reading, statics, &on);
            let cells = OfferingCells {
                index: &index,
                offering,
                cells: (0..set.attributes.len()).map(|_| OnceCell::new()).collect(),
            };
            rules::judge(&index, &cells, r, &o.id, &o.name).kind == VerdictKind::Fits
        })
        .map(|op| OptionRef {
            id: op.id.clone(),
            title: op.title.clone(),
        })
        .collect()
}

/// How many cells of the chosen offerings all sources together dispute, when `reading` reads
/// fewer: a view of one source must say what it leaves out.
fn disputes_not_read(
    set: &PolicySet,
    reading: &Reading,
    chosen: &[String],
    options_on: &[String],
) -> usize {
    if reading.all {
        return 0;
    }
    let every = Reading::resolve(set, &[], &mut Vec::new());
    let index = Index::new(set, &every, options_on);
    chosen
        .iter()
        .map(|o| {
            set.attributes
                .iter()
                .filter(|a| index.cell(o, &a.id).disputed)
                .count()
        })
        .sum()
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

fn option_state(
    set: &PolicySet,
    op: &OptionDef,
    chosen: &[String],
    options_on: &[String],
    reading: &Reading,
    cite_views: &dyn Fn(&mut dyn Iterator<Item = &Cite>) -> Vec<CiteView>,
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
    let inactive_reason = if !claims::described(op, reading) {
        Some("None of the sources read describes this option.".to_string())
    } else {
        applies_to_chosen.is_empty().then(|| {
            format!(
                "Applies only to {}, which {} not among the offerings compared.",
                names.join(", "),
                if names.len() == 1 { "is" } else { "are" }
            )
        })
    };
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
        cites: cite_views(
            &mut op
                .cite
                .iter()
                .chain(op.changes.iter().flat_map(|c| c.cite.iter())),
        ),
    }
}

fn disputes(
    rows: &[Row],
    requirements: &[RequirementResult],
    offerings: &[OfferingInfo],
) -> Vec<Dispute> {
    let mut out = Vec::new();
    for row in rows {
        for (cell, o) in row.cells.iter().zip(offerings) {
            if !cell.disputed {
                continue;
            }
            let verdicts = requirements
                .iter()
                .filter_map(|r| {
                    r.verdicts
                        .iter()
                        .find(|v| v.offering == o.id && v.disputed_facts.contains(&row.attribute))
                        .map(|v| DisputeEffect {
                            requirement: r.id.clone(),
                            requirement_title: r.title.clone(),
                            kind: v.kind,
                        })
                })
                .collect();
            out.push(Dispute {
                offering: o.id.clone(),
                offering_name: o.name.clone(),
                attribute: row.attribute.clone(),
                attribute_name: row.name.clone(),
                claims: cell.claims.clone(),
                verdicts,
            });
        }
    }
    out
}

impl Assessment {
    /// The days the facts read were verified: "2026-04-28", or "2026-04-28 to 2026-11-28". Never
    /// the day staleness was computed, which says nothing about when anything was checked.
    pub fn verified_span(&self) -> String {
        let read = self
            .sources
            .iter()
            .filter(|s| s.read)
            .map(|s| s.verified.as_str());
        let oldest = read.clone().min().unwrap_or("");
        let newest = read.max().unwrap_or("");
        if oldest == newest {
            oldest.to_string()
        } else {
            format!("{oldest} to {newest}")
        }
    }

    pub fn offering_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.offerings
            .iter()
            .find(|o| o.id == id)
            .map_or(id, |o| o.name.as_str())
    }

    pub fn caveat(&self, id: &str) -> Option<&AppliedCaveat> {
        self.caveats.iter().find(|c| c.id == id)
    }

    pub fn option_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.options
            .iter()
            .find(|o| o.id == id)
            .map_or(id, |o| o.title.as_str())
    }
}

impl CellView {
    /// The claims that dispute the value shown: other known values, refinements aside. One
    /// definition for the table, the brief and the command line.
    pub fn disagreeing(&self) -> impl Iterator<Item = &ClaimView> {
        self.claims.iter().filter(|c| {
            c.value != Value::Unknown
                && c.relation != Relation::Refines
                && !claims::same_value(&c.value, &self.value)
        })
    }
}

impl ClaimView {
    pub fn source_kind_label(&self) -> &'static str {
        self.source_kind.label()
    }
}
