//! The plain data posture works on: a policy set (facts with their sources, options, requirements,
//! caveats) and a scenario (what one user set up for one client). Both are written by hand in RON;
//! every type here is what a maintainer writes, so field names are the vocabulary of the files.

pub mod date;
pub mod limits;
pub mod load;
pub mod read;
pub mod scenario;
mod validate;
pub mod verification;

use serde::{Deserialize, Serialize};

pub use date::{Date, DateError};
pub use load::{LoadError, LoadErrors, SourceFile, load_builtin, load_dir, load_files};
pub use scenario::{Audience, Scenario, ScenarioError};
pub use verification::{Evidence, Method, QuoteStatus, Verification};

/// One `*.ron` file of a policy set. Every section is optional so a set can be split across files
/// as its maintainers like; the loader concatenates them and then validates the whole.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct PolicyFile {
    pub meta: Option<Meta>,
    pub sources: Vec<Source>,
    pub attributes: Vec<Attribute>,
    pub offerings: Vec<Offering>,
    pub options: Vec<OptionDef>,
    pub requirements: Vec<Requirement>,
    pub caveats: Vec<Caveat>,
    pub claims: Vec<ClaimDef>,
    /// The evidence log (see [`verification`]); usually its own file, `verification.ron`.
    pub verification: Vec<Evidence>,
}

/// The merged, validated set. Each item remembers the file it came from for error messages.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PolicySet {
    pub meta: Meta,
    pub sources: Vec<Source>,
    pub attributes: Vec<Attribute>,
    pub offerings: Vec<Offering>,
    pub options: Vec<OptionDef>,
    pub requirements: Vec<Requirement>,
    pub caveats: Vec<Caveat>,
    /// What sources other than an offering's own cells say about its values.
    pub claims: Vec<ClaimDef>,
    /// Each re-check of a source: see [`verification`].
    pub verification: Vec<Evidence>,
    /// Short hex digest of the files' bytes, so a brief names exactly the facts it was built from.
    pub content_hash: String,
    /// Where the set was loaded from ("built-in" or a path), for display.
    pub origin: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub name: String,
    pub version: String,
    #[serde(default)]
    pub description: String,
    /// Who maintains the set, shown in briefs.
    #[serde(default)]
    pub maintainer: String,
}

/// A document the facts come from, with how often it must be re-verified.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    /// A few words that say who wrote the source and what it is, for a crowded table cell:
    /// "Tinkso (third-party page)", "Vendor docs: data residency", "AWS docs: Bedrock regions".
    #[serde(default)]
    pub short: String,
    pub publisher: String,
    #[serde(default)]
    pub kind: SourceKind,
    #[serde(default)]
    pub url: String,
    /// The date the page itself shows (updated, effective or published), when it shows one.
    #[serde(default)]
    pub updated: String,
    /// The date our facts were last checked against it (YYYY-MM-DD). Staleness counts from here.
    pub verified: String,
    /// Review cadence in days: the page asks for monthly review, written as 30.
    pub review_every_days: u32,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub facts: Vec<String>,
}

/// What sort of document a source is: a reader weighs a vendor's own terms differently from a
/// consultant's summary.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
pub enum SourceKind {
    #[default]
    ThirdPartySummary,
    VendorDocumentation,
    VendorLegalTerms,
    CloudProviderDocumentation,
}

impl SourceKind {
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::ThirdPartySummary => "Third-party summary",
            SourceKind::VendorDocumentation => "Vendor documentation",
            SourceKind::VendorLegalTerms => "Vendor legal terms",
            SourceKind::CloudProviderDocumentation => "Cloud-provider documentation",
        }
    }
}

impl Source {
    /// The short name, or the title when none is given.
    pub fn short_name(&self) -> &str {
        if self.short.is_empty() {
            &self.title
        } else {
            &self.short
        }
    }
}

/// What another source says about one attribute of some offerings, beside the offerings' own
/// cells. All its citations come from one source: a claim is one source's word.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimDef {
    pub id: String,
    pub offerings: Vec<String>,
    pub attribute: String,
    /// Set when the claim describes the cell with this option in effect (e.g. what the vendor
    /// says about region pinning); otherwise it describes the cell without options.
    #[serde(default)]
    pub option: Option<String>,
    pub value: Value,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub note: String,
    /// How it stands to the value it sits beside; checked against the values when loading.
    pub relation: Relation,
    pub cite: Vec<Cite>,
    #[serde(default)]
    pub facts: Vec<String>,
}

/// How a claim stands to the other claims on the same cell.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
pub enum Relation {
    /// The same value.
    Agrees,
    /// The same fact at another precision ("org-controlled" vs "custom period, minimum 30
    /// days"): the more precise value is shown and the cell is not disputed.
    Refines,
    /// A different value for the same fact: the cell is disputed.
    Disputes,
}

/// Where a statement comes from: a source, the place in it, and optionally the words.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    pub source: String,
    pub locator: String,
    #[serde(default)]
    pub quote: String,
    /// When this statement was last verified; defaults to the source's `verified`.
    #[serde(default)]
    pub verified: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
pub enum AttributeKind {
    /// Yes / No / NotApplicable.
    YesNo,
    /// One of a fixed list of choices declared on the attribute.
    Choice(Vec<ChoiceDef>),
    /// Where processing happens (see [`Location`]).
    Location,
    /// How long data is kept (see [`Retention`]).
    Retention,
    /// Free text, displayed only; rules cannot reason over it.
    Text,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ChoiceDef {
    pub id: String,
    pub label: String,
}

/// A row of the comparison: one property every offering has a value for.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    pub id: String,
    pub name: String,
    /// The buyer's question this row answers, e.g. "Where is it processed?".
    #[serde(default)]
    pub question: String,
    /// Rows are grouped under these headings in the table and brief.
    pub group: String,
    pub kind: AttributeKind,
    /// An attribute no option may change (e.g. who operates the inference on a route).
    #[serde(default)]
    pub locked: bool,
    /// Shown in the brief's summary table (the three buyer questions).
    #[serde(default)]
    pub summary: bool,
    #[serde(default)]
    pub help: String,
}

/// A column of the comparison: a plan on a deployment route.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Offering {
    pub id: String,
    pub name: String,
    pub plan: String,
    pub route: String,
    #[serde(default)]
    pub preview: bool,
    #[serde(default)]
    pub summary: String,
    pub values: Vec<Cell>,
}

/// An offering's value for one attribute, with the sources that back it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    pub attribute: String,
    pub value: Value,
    /// Plain words for the value, overriding the generated text ("30 days, per-user toggle").
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub note: String,
    pub cite: Vec<Cite>,
    #[serde(default)]
    pub facts: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
pub enum Value {
    /// The source does not say. Never treated as good by any rule.
    Unknown,
    Yes,
    No,
    NotApplicable,
    Choice(String),
    Location(Location),
    Retention(Retention),
    Text(String),
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
pub enum Location {
    /// Processed on the vendor's infrastructure in any of these regions.
    VendorRegions(Vec<String>),
    /// Processed on the vendor's infrastructure, pinned by contract to these regions.
    VendorPinned(Vec<String>),
    /// Processed in the customer's own cloud tenant, in the region the customer chooses.
    CustomerCloud,
    /// Processed in the customer's own cloud tenant, and the customer has chosen these regions.
    CustomerCloudIn(Vec<String>),
    /// Processed on the vendor's infrastructure; the region is not stated by the source.
    VendorUnstated,
    /// Processed on the cloud provider's infrastructure (operated for the vendor) in these
    /// geographies, e.g. Foundry "Hosted on Azure" in Global or US Data Zone deployments.
    ProviderRegions(Vec<String>),
    /// Processed on the vendor's infrastructure, and may be routed to servers in any region.
    VendorAnyRegion,
    /// The cloud provider may route requests to any region (a global endpoint or
    /// cross-region profile): no residency guarantee.
    ProviderAnyRegion,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
pub enum Retention {
    /// Kept for exactly this many days.
    Days(u32),
    /// Kept for about this many days ("~5 years" is AboutDays(1825)).
    AboutDays(u32),
    /// Kept for a period the customer sets, of at least this many days.
    AtLeastDays(u32),
    /// Not kept: a zero-retention posture.
    Zero,
    /// Set by the customer organisation's own settings.
    OrgControlled,
    /// Set by the cloud provider hosting the route; the vendor stores nothing.
    ProviderDefined,
    /// The vendor's standard terms apply (as on a first-party deployment).
    VendorTerms,
}

/// Something a user can switch on that changes some attribute values of some offerings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDef {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Offerings it can apply to; on other offerings it has no effect.
    pub applies_to: Vec<String>,
    pub requires: Requires,
    /// What it requires, in words ("negotiated with the vendor at contract").
    #[serde(default)]
    pub requires_detail: String,
    pub changes: Vec<Change>,
    #[serde(default)]
    pub cite: Vec<Cite>,
    #[serde(default)]
    pub facts: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
pub enum Requires {
    Contract,
    AdminConsole,
    PerUserToggle,
    CloudConfiguration,
    /// Depends on which models the organisation uses.
    ModelChoice,
}

impl Requires {
    pub fn label(self) -> &'static str {
        match self {
            Requires::Contract => "Contract",
            Requires::AdminConsole => "Admin console",
            Requires::PerUserToggle => "Per-user toggle",
            Requires::CloudConfiguration => "Cloud configuration",
            Requires::ModelChoice => "Model choice",
        }
    }
}

/// An override of one attribute's value by an option.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub attribute: String,
    pub value: Value,
    #[serde(default)]
    pub label: Option<String>,
    /// Only these of the option's offerings; empty means all it applies to.
    #[serde(default)]
    pub offerings: Vec<String>,
    #[serde(default)]
    pub cite: Vec<Cite>,
}

/// A client need, judged per offering by rules over the effective values.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub title: String,
    /// One line shown beside the checkbox.
    pub explain: String,
    /// Tried in order; the first whose condition holds gives the verdict. A condition that cannot be
    /// decided because a value it reads is Unknown stops the search with an Unknown verdict.
    pub rules: Vec<Rule>,
    /// Verdict when no rule matched.
    pub otherwise: Outcome,
    #[serde(default)]
    pub facts: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub when: Condition,
    pub then: Outcome,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub verdict: VerdictKind,
    pub reason: String,
    #[serde(default)]
    pub cite: Vec<Cite>,
    /// Caveats that must travel with this verdict.
    #[serde(default)]
    pub caveats: Vec<String>,
    #[serde(default)]
    pub facts: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VerdictKind {
    Fits,
    FitsWithConditions,
    DoesNotFit,
    Unknown,
    /// The sources' readings of a disputed fact give different verdicts. Never a good verdict:
    /// it ranks with Unknown.
    Disputed,
}

impl VerdictKind {
    pub fn label(self) -> &'static str {
        match self {
            VerdictKind::Fits => "Fits",
            VerdictKind::FitsWithConditions => "Fits with conditions",
            VerdictKind::DoesNotFit => "Does not fit",
            VerdictKind::Unknown => "Unknown",
            VerdictKind::Disputed => "Sources disagree",
        }
    }
    /// Good verdicts are the only ones a reader may act on without further checks.
    pub fn is_good(self) -> bool {
        matches!(self, VerdictKind::Fits | VerdictKind::FitsWithConditions)
    }
    /// A mark that reads without colour, for badges and black-and-white print.
    pub fn symbol(self) -> &'static str {
        match self {
            VerdictKind::Fits => "✓",
            VerdictKind::FitsWithConditions => "≈",
            VerdictKind::DoesNotFit => "✗",
            VerdictKind::Unknown => "?",
            VerdictKind::Disputed => "≠",
        }
    }
}

/// A condition over effective values. Three-valued: a value that is Unknown makes it undecided.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum Condition {
    Always,
    /// The attribute's effective value equals this one.
    Is(String, Value),
    /// The attribute's effective value is one of these.
    OneOf(String, Vec<Value>),
    /// A Location attribute is confined to the listed regions.
    ConfinedTo(String, Vec<String>),
    /// A Retention attribute keeps data at most this many days.
    AtMostDays(String, u32),
    /// The option is switched on and applies to this offering.
    OptionOn(String),
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

/// A warning, recommendation or practitioner's note, included when its scope matches.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Caveat {
    pub id: String,
    pub kind: CaveatKind,
    pub title: String,
    pub text: String,
    #[serde(default)]
    pub scope: Scope,
    /// Internal notes are the practitioner's opinions, left out of client-facing views and briefs.
    #[serde(default)]
    pub internal: bool,
    pub cite: Vec<Cite>,
    #[serde(default)]
    pub facts: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
pub enum CaveatKind {
    Caveat,
    Action,
}

/// When a caveat applies. Each non-empty list must match at least once; empty lists always match,
/// so an all-empty scope applies to every brief.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scope {
    pub offerings: Vec<String>,
    pub options: Vec<String>,
    pub requirements: Vec<String>,
}

impl PolicySet {
    pub fn attribute(&self, id: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.id == id)
    }
    pub fn offering(&self, id: &str) -> Option<&Offering> {
        self.offerings.iter().find(|o| o.id == id)
    }
    pub fn option(&self, id: &str) -> Option<&OptionDef> {
        self.options.iter().find(|o| o.id == id)
    }
    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id)
    }
    pub fn caveat(&self, id: &str) -> Option<&Caveat> {
        self.caveats.iter().find(|c| c.id == id)
    }
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}

impl Cell {
    /// The source this cell's value is the word of: its first citation's.
    pub fn source(&self) -> &str {
        self.cite.first().map_or("", |c| c.source.as_str())
    }
}

impl ClaimDef {
    pub fn source(&self) -> &str {
        self.cite.first().map_or("", |c| c.source.as_str())
    }
}

impl Offering {
    pub fn cell(&self, attribute: &str) -> Option<&Cell> {
        self.values.iter().find(|c| c.attribute == attribute)
    }
}
