//! The assessment: a pure function from a policy set, a scenario and a date to everything the UI
//! and the brief display. Nothing here reads files, clocks or globals, so it is cheap to test and to
//! re-run whenever the user changes something.
//!
//! This file is the module's face: the types an assessment is made of. How one is computed is in
//! the parts:
//! - [`assess`](mod@assess): the steps, from the scenario's ids to the sources' status, and the
//!   [`Assessor`] that reuses what a change leaves alone;
//! - [`claims`]: effective values and the claims behind each cell, disputes;
//! - [`rules`]: requirement rules and each source's reading of disputed facts;
//! - [`caveats`]: which caveats and actions apply;
//! - [`sources`]: which sources are read, their staleness, citation views.

mod assess;
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

use std::sync::Arc;

use serde::Serialize;

use crate::model::{Audience, Relation, Requires, SourceKind, Value, VerdictKind};

pub use assess::{Assessor, assess};
pub use caveats::AppliedCaveat;
pub use claims::{retention_text, value_text};
pub use display::or_dash;
pub use sources::{CiteView, SourceStatus, Staleness, ViewInfo};

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
    /// In a view of fewer sources: the facts this verdict reads that the sources disagree on
    /// when all of them are read (attribute names). A ✓ read from one source is then said to be
    /// disputed elsewhere, never shown plain.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disputed_in_full_view: Vec<String>,
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
