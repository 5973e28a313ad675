//! How an assessment is computed, step by step: the ids the scenario chooses, the cell views,
//! the rows, the verdicts, the options and caveats, and the citation count behind the sources'
//! status. [`Assessor`] keeps what one assessment leaves for the next, so that a change rebuilds
//! only what it touches; [`assess`] starts from nothing. The types the steps fill in live in the
//! module's face, so that readers of an assessment never need to look here.

use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::model::{
    Attribute, Audience, Cite, Date, OptionDef, PolicySet, Requirement, Scenario, Value,
    VerdictKind,
};

use super::caveats::{self, AppliedCaveat};
use super::claims::{self, CellClaims, Claim, Index, Statics, value_text};
use super::rules;
use super::sources::{self, CiteView, Citer, Reading, ViewInfo};
use super::{
    Assessment, CellView, ClaimView, Dispute, DisputeEffect, OfferingInfo, OptionRef, OptionState,
    PolicyInfo, ReadingView, RequirementResult, Row, ScenarioInfo, Verdict,
};

/// One chosen offering's cells, each computed the first time a rule or a row asks for it.
struct OfferingCells<'i, 'a> {
    index: &'i Index<'a>,
    /// The offering's position in the set.
    offering: usize,
    /// Boxed: most cells are never asked for (the cached views stand in for them), and a
    /// slot of a few bytes keeps 40 × 300 empty slots from costing a large allocation.
    cells: Vec<OnceCell<Box<CellClaims<'a>>>>,
}

impl<'i, 'a> OfferingCells<'i, 'a> {
    /// The cells of the offering at `offering` in the set, none computed yet.
    fn new(index: &'i Index<'a>, offering: usize) -> Self {
        OfferingCells {
            index,
            offering,
            cells: (0..index.set.attributes.len())
                .map(|_| OnceCell::new())
                .collect(),
        }
    }

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
        let mut a = assess_with(set, scenario, today, &cache.statics, &mut cache.memo);
        mark_disputed_in_full_view(set, scenario, today, &mut a);
        a
    }
}

/// In a view of fewer sources, each verdict that reads a fact the sources disagree on when all
/// are read says so (fact-check 2026-11-30 #31): the page alone may give ✓ where the vendor's
/// documentation disagrees.
fn mark_disputed_in_full_view(
    set: &PolicySet,
    scenario: &Scenario,
    today: Date,
    a: &mut Assessment,
) {
    if a.view.all {
        return;
    }
    let mut every = scenario.clone();
    every.sources.clear();
    let full = assess(set, &every, today);
    for r in &mut a.requirements {
        let Some(fr) = full.requirements.iter().find(|x| x.id == r.id) else {
            continue;
        };
        for v in &mut r.verdicts {
            let Some(fv) = fr.verdicts.iter().find(|x| x.offering == v.offering) else {
                continue;
            };
            if fv.disputed_facts.is_empty() {
                continue;
            }
            let names = fv
                .disputed_facts
                .iter()
                .map(|id| set.attribute(id).map_or(id.clone(), |x| x.name.clone()))
                .collect();
            Arc::make_mut(v).disputed_in_full_view = names;
        }
    }
}

/// Assesses `scenario` against `set` as of `today`, from nothing.
pub fn assess(set: &PolicySet, scenario: &Scenario, today: Date) -> Assessment {
    let reading = Reading::resolve(set, &scenario.sources, &mut Vec::new());
    let statics = Statics::new(set, &reading);
    let mut a = assess_with(set, scenario, today, &statics, &mut Memo::new(set));
    mark_disputed_in_full_view(set, scenario, today, &mut a);
    a
}

/// What every step of one assessment reads: the set, the sources read, the lookups, and the
/// chosen offerings with their cells.
struct Pass<'p, 'a> {
    set: &'a PolicySet,
    statics: &'a Statics,
    reading: &'a Reading<'a>,
    citer: &'p Citer<'a>,
    index: &'p Index<'a>,
    options_on: &'p [String],
    offerings: &'p [OfferingInfo],
    cells: &'p [OfferingCells<'p, 'a>],
}

impl Pass<'_, '_> {
    /// The views of the citations whose source is read.
    fn cite_views(&self, cs: &mut dyn Iterator<Item = &Cite>) -> Vec<CiteView> {
        cs.filter(|c| self.reading.reads(&c.source))
            .map(|c| self.citer.view(c))
            .collect()
    }
}

/// The scenario's ids that the set knows, once each and in order.
struct Chosen {
    offerings: Vec<String>,
    options_on: Vec<String>,
    required: Vec<String>,
}

impl Chosen {
    fn read(set: &PolicySet, scenario: &Scenario, warnings: &mut Vec<String>) -> Self {
        Chosen {
            offerings: known_ids(
                &scenario.offerings,
                |id| set.offering(id).is_some(),
                "offering",
                warnings,
            ),
            options_on: known_ids(
                &scenario.options,
                |id| set.option(id).is_some(),
                "option",
                warnings,
            ),
            required: known_ids(
                &scenario.requirements,
                |id| set.requirement(id).is_some(),
                "requirement",
                warnings,
            ),
        }
    }
}

fn assess_with(
    set: &PolicySet,
    scenario: &Scenario,
    today: Date,
    statics: &Statics,
    memo: &mut Memo,
) -> Assessment {
    let mut warnings = Vec::new();
    let chosen = Chosen::read(set, scenario, &mut warnings);
    if !scenario.date.is_empty()
        && let Err(m) = Date::parse(&scenario.date)
    {
        warnings.push(format!("scenario date: {m}"));
    }
    let reading = Reading::resolve(set, &scenario.sources, &mut warnings);
    let citer = Citer::new(set, today);
    let offerings = offering_infos(set, &chosen.offerings);
    let index = Index::with(set, &reading, statics, &chosen.options_on);
    let cells: Vec<OfferingCells> = offerings
        .iter()
        .filter_map(|o| statics.offering_pos.get(&o.id))
        .map(|&offering| OfferingCells::new(&index, offering))
        .collect();
    let pass = Pass {
        set,
        statics,
        reading: &reading,
        citer: &citer,
        index: &index,
        options_on: &chosen.options_on,
        offerings: &offerings,
        cells: &cells,
    };

    // Citations per source (by position in the set), for the sources' status.
    let mut cited = vec![0usize; set.sources.len()];
    let rows = rows(&pass, memo, &mut cited);
    let (requirements, verdict_caveats) = requirements(&pass, &chosen.required, memo);
    let options: Vec<OptionState> = set
        .options
        .iter()
        .map(|op| {
            option_state(
                set,
                op,
                &chosen.offerings,
                &chosen.options_on,
                &reading,
                &|cs: &mut dyn Iterator<Item = &Cite>| pass.cite_views(cs),
            )
        })
        .collect();
    let internal = scenario.audience == Audience::Internal;
    let caveats = applied_caveats(&pass, &chosen, &verdict_caveats, internal);
    let requirements = only_visible_caveats(requirements, &caveats);
    let disputes = disputes(&rows, &requirements, &offerings);
    count_citations(&mut cited, statics, &requirements, &caveats, &options);
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
            disputes_not_read: disputes_not_read(
                set,
                &reading,
                &chosen.offerings,
                &chosen.options_on,
            ),
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

/// The chosen offerings as the views show them, in the scenario's order.
fn offering_infos(set: &PolicySet, chosen: &[String]) -> Vec<OfferingInfo> {
    chosen
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
        .collect()
}

/// One claim on a cell as the views show it, with all its citations.
fn claim_view(set: &PolicySet, citer: &Citer, a: &Attribute, c: &Claim) -> ClaimView {
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
}

/// One cell as the views show it: the lead claim's value and text, every claim, and the
/// option that changed it.
fn cell_view(
    set: &PolicySet,
    citer: &Citer,
    a: &Attribute,
    o: &OfferingInfo,
    cc: &CellClaims,
) -> CellView {
    let claims: Arc<[ClaimView]> = cc
        .claims
        .iter()
        .map(|c| claim_view(set, citer, a, c))
        .collect();
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
}

/// The rows of the table, one per attribute a source read speaks to, reusing the cell views
/// whose option did not change; counts each cell's citations into `cited`.
fn rows(pass: &Pass, memo: &mut Memo, cited: &mut [usize]) -> Vec<Row> {
    pass.set
        .attributes
        .iter()
        .enumerate()
        .filter_map(|(ai, a)| {
            let cells: Vec<Arc<CellView>> = pass
                .offerings
                .iter()
                .zip(pass.cells)
                .map(|(o, oc)| cell(pass, memo, cited, a, ai, o, oc))
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
        .collect()
}

/// The view of one cell: the one built before, if the same option's change is in effect on
/// it, or a new one, kept for the next assessment. Counts its citations into `cited`.
fn cell(
    pass: &Pass,
    memo: &mut Memo,
    cited: &mut [usize],
    a: &Attribute,
    ai: usize,
    o: &OfferingInfo,
    oc: &OfferingCells,
) -> Arc<CellView> {
    let changed_by = pass.index.changed_by_at(oc.offering, ai);
    let slot = &mut memo.cells[oc.offering][ai];
    let cached = match slot {
        Some(c) if c.changed_by == changed_by => c,
        _ => {
            let view = cell_view(pass.set, pass.citer, a, o, oc.at(ai));
            let sources = view
                .cites
                .iter()
                .filter_map(|c| pass.statics.source_pos.get(&c.source))
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
}

/// The verdicts of each required requirement on each chosen offering, reusing the ones judged
/// under the same options; with the ids of the caveats the verdicts name.
fn requirements<'a>(
    pass: &Pass<'_, 'a>,
    required: &[String],
    memo: &mut Memo,
) -> (Vec<RequirementResult>, BTreeSet<&'a str>) {
    let set = pass.set;
    let mut verdict_caveats: BTreeSet<&str> = BTreeSet::new();
    let requirements = required
        .iter()
        .filter_map(|id| set.requirements.iter().position(|r| &r.id == id))
        .map(|ri| {
            let r = &set.requirements[ri];
            let verdicts = pass
                .offerings
                .iter()
                .zip(pass.cells)
                .map(|(o, oc)| {
                    // A verdict reads the offering's cells and asks which options are in effect
                    // on it; with the same options in effect, it is the verdict already judged.
                    let key = (ri, oc.offering);
                    let options = pass.index.options_in_effect_on(&o.id);
                    let verdict = match memo.verdicts.get(&key) {
                        Some((built_under, v)) if *built_under == options => v.clone(),
                        _ => {
                            let v = Arc::new(verdict(pass, r, o, oc));
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
    (requirements, verdict_caveats)
}

/// Judges one requirement on one offering, as the views show the verdict.
fn verdict<'a>(
    pass: &Pass<'_, 'a>,
    r: &'a Requirement,
    o: &OfferingInfo,
    oc: &OfferingCells<'_, 'a>,
) -> Verdict {
    let set = pass.set;
    let short = |id: &str| set.source(id).map_or(id, |s| s.short_name()).to_string();
    let j = rules::judge(pass.index, oc, r, &o.id, &o.name);
    let fits_with = if j.kind == VerdictKind::FitsWithConditions {
        fits_with(
            set,
            pass.reading,
            pass.statics,
            pass.options_on,
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
        cites: pass.cite_views(&mut j.cites.iter().copied()),
        caveats: j.caveats.iter().map(|c| c.to_string()).collect(),
        disputed_facts: j.disputed,
        disputed_in_full_view: Vec::new(),
        readings: j
            .readings
            .into_iter()
            .map(|(srcs, rj)| ReadingView {
                source_names: srcs.iter().map(|s| short(s)).collect(),
                sources: srcs.iter().map(|s| s.to_string()).collect(),
                kind: rj.kind,
                label: rj.kind.label().to_string(),
                reason: rj.reason,
                cites: pass.cite_views(&mut rj.cites.iter().copied()),
            })
            .collect(),
        fits_with,
    }
}

/// The caveats that apply to the chosen offerings and requirements, with the names of the
/// offerings each covers.
fn applied_caveats(
    pass: &Pass,
    chosen: &Chosen,
    verdict_caveats: &BTreeSet<&str>,
    internal: bool,
) -> Vec<AppliedCaveat> {
    caveats::applicable(
        pass.index,
        &chosen.offerings,
        &chosen.required,
        verdict_caveats,
        internal,
    )
    .into_iter()
    .map(|c| AppliedCaveat {
        id: c.id.clone(),
        kind: c.kind,
        title: c.title.clone(),
        text: c.text.clone(),
        internal: c.internal,
        offerings: pass
            .offerings
            .iter()
            .filter(|o| c.scope.offerings.is_empty() || c.scope.offerings.contains(&o.id))
            .map(|o| o.name.clone())
            .collect(),
        cites: pass.cite_views(&mut c.cite.iter()),
    })
    .collect()
}

/// Verdicts may only point at caveats the reader can see.
fn only_visible_caveats(
    requirements: Vec<RequirementResult>,
    caveats: &[AppliedCaveat],
) -> Vec<RequirementResult> {
    let visible: BTreeSet<&str> = caveats.iter().map(|c| c.id.as_str()).collect();
    requirements
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
        .collect()
}

/// Adds to `cited` (per source, by position in the set) the citations outside the cells: the
/// verdicts', the caveats' and the options' that are on.
fn count_citations(
    cited: &mut [usize],
    statics: &Statics,
    requirements: &[RequirementResult],
    caveats: &[AppliedCaveat],
    options: &[OptionState],
) {
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
}

/// The options, not on, that apply to the offering, are described by a source read, and would
/// each on its own turn the requirement's verdict into "Fits".
fn fits_with(
    set: &PolicySet,
    reading: &Reading,
    statics: &Statics,
    options_on: &[String],
    r: &Requirement,
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
            let cells = OfferingCells::new(&index, offering);
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
            // A change made for some offerings only says which: an option can set the same
            // value for two routes, and two identical lines would read as a mistake.
            let only: Vec<&str> = ch
                .offerings
                .iter()
                .filter_map(|id| set.offerings.iter().find(|o| o.id == *id))
                .map(|o| o.name.as_str())
                .collect();
            if only.is_empty() {
                format!("{name} → {text}")
            } else {
                format!("{} · {name} → {text}", only.join(", "))
            }
        })
        .fold(Vec::<String>::new(), |mut lines, line| {
            if !lines.contains(&line) {
                lines.push(line);
            }
            lines
        });
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
