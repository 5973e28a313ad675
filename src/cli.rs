//! The command line: `posture` opens the app; `check`, `assess`, `export`, `verify`, `diff` and
//! `recheck` work without a window.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::engine::{Assessment, assess, or_dash};

/// `println!` that does not panic when stdout is gone (`posture diff … | head`): the reader
/// stopped reading, which is not an error of ours.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}
use crate::model::{Audience, Date, PolicySet, Scenario, load_builtin, load_dir};

#[derive(Debug, Parser)]
#[command(
    name = "posture",
    version,
    about = "Where AI-assistant data is processed, how long it is kept, and whether it trains the model — per plan and route.",
    long_about = None
)]
pub struct Cli {
    /// Policy set to use instead of the built-in one (a folder of .ron files, or one file).
    #[arg(long, global = true, value_name = "DIR")]
    pub policies: Option<PathBuf>,
    /// A scenario file to open in the app.
    #[arg(value_name = "SCENARIO")]
    pub open: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a policy set: exit 0 with a summary, or list every error as file:line:column.
    Check {
        /// Folder or file to check; the built-in set when omitted.
        dir: Option<PathBuf>,
    },
    /// Print the assessment of a scenario.
    Assess {
        #[command(flatten)]
        scenario: ScenarioArgs,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Export the brief of a scenario: PDF, or CSV / Markdown for questionnaires and tickets.
    Export {
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Where to write it; the format follows the extension (.pdf, .csv, .md) unless --format
        /// says otherwise.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
    },
    /// Re-export a brief from the inputs it carries, with the policy set given (--policies) and
    /// the day stored in it, and compare bytes: exit 0 when reproduced exactly, 1 when not (and
    /// what differs: policy set, version or program), 2 when the brief cannot be read.
    Verify {
        /// A brief (PDF) made by posture.
        brief: PathBuf,
    },
    /// Re-check every quote against the page it cites (the only command that uses the network):
    /// found, reworded (with the closest passage and a word diff) or gone (with what rests on
    /// it). Exit 0 when every source is ok, 4 when any changed or could not be reached, 2 on
    /// bad usage.
    Recheck(RecheckArgs),
    /// What changed since a brief: its scenario assessed now (current policy set, today or
    /// --today) against the assessment it carries. Exit 0 when nothing changed, 3 when
    /// something did, 2 on an error.
    Diff {
        /// A brief (PDF) made by posture.
        brief: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The day to compute staleness for (YYYY-MM-DD); today by default.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
}

/// `posture recheck`'s flags.
#[derive(Debug, Args)]
pub struct RecheckArgs {
    /// Re-check only this source (repeatable); every source when omitted.
    #[arg(long = "source", value_name = "ID")]
    pub sources: Vec<String>,
    /// Read saved copies instead of the network: DIR/<source-id>.html, .htm, .txt, .md or .pdf.
    #[arg(long, value_name = "DIR")]
    pub saved: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Append what this run established to the evidence log (verification.ron in the --policies
    /// folder), recorded by NAME.
    #[arg(long, value_name = "NAME")]
    pub record: Option<String>,
    /// The day to record (YYYY-MM-DD); today by default.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Pdf,
    Csv,
    Md,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AudienceArg {
    Client,
    Internal,
}

/// A scenario from a file, from flags, or a file amended by flags.
#[derive(Debug, Args)]
pub struct ScenarioArgs {
    /// Scenario file (.ron).
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// Offering to compare (repeatable), e.g. --offering enterprise --offering bedrock.
    #[arg(long = "offering", value_name = "ID")]
    pub offerings: Vec<String>,
    /// Option to switch on (repeatable), e.g. --option region-pinning.
    #[arg(long = "option", value_name = "ID")]
    pub options: Vec<String>,
    /// Client requirement (repeatable), e.g. --require strict-eu-residency.
    #[arg(long = "require", value_name = "ID")]
    pub requirements: Vec<String>,
    #[arg(long)]
    pub client: Option<String>,
    #[arg(long, value_enum)]
    pub audience: Option<AudienceArg>,
    /// Which sources to read: `all` (the default; disputes flagged) or source ids separated by
    /// commas, e.g. --sources cowork-page for what that page alone supports.
    #[arg(long, value_name = "all|ID[,ID…]")]
    pub sources: Option<String>,
    /// The day to compute staleness for (YYYY-MM-DD); today by default.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

/// Runs a command and returns the process exit code; output goes to stdout, errors to stderr.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        None => 0,
        Some(Command::Check { dir }) => {
            let target = dir.or(cli.policies);
            let result = match &target {
                Some(p) => load_dir(p),
                None => load_builtin(),
            };
            match result {
                Ok(set) => {
                    let future = set.evidence_from_the_future(Date::today_utc());
                    if !future.is_empty() {
                        for e in &future {
                            eprintln!(
                                "verification entry for `{}` is dated {}, after today: evidence cannot come from the future",
                                e.source, e.date
                            );
                        }
                        return 1;
                    }
                    say!("{}", check_summary(&set));
                    0
                }
                Err(errors) => {
                    for e in &errors.0 {
                        eprintln!("{e}");
                    }
                    eprintln!(
                        "{} error{} in {}",
                        errors.0.len(),
                        if errors.0.len() == 1 { "" } else { "s" },
                        target.map_or("the built-in set".into(), |p| p.display().to_string())
                    );
                    1
                }
            }
        }
        Some(Command::Assess { scenario, format }) => {
            match prepare(cli.policies.as_deref(), &scenario) {
                Ok((set, scenario, today)) => {
                    let a = assess(&set, &scenario, today);
                    match format {
                        Format::Json => match serde_json::to_string_pretty(&a) {
                            Ok(s) => say!("{s}"),
                            Err(e) => {
                                eprintln!("error: {e}");
                                return 2;
                            }
                        },
                        Format::Text => print!("{}", render_text(&a)),
                    }
                    for w in &a.warnings {
                        eprintln!("warning: {w}");
                    }
                    0
                }
                Err(message) => {
                    eprintln!("{message}");
                    2
                }
            }
        }
        Some(Command::Verify { brief }) => verify(cli.policies.as_deref(), &brief),
        Some(Command::Recheck(args)) => recheck(cli.policies.as_deref(), &args),
        Some(Command::Diff {
            brief,
            format,
            today,
        }) => diff(cli.policies.as_deref(), &brief, format, today.as_deref()),
        Some(Command::Export {
            scenario,
            out,
            format,
            paper,
        }) => {
            let paper = match paper {
                PaperArg::A4 => crate::brief::Paper::A4,
                PaperArg::Letter => crate::brief::Paper::Letter,
            };
            let format = match format {
                Some(ExportFormat::Pdf) => crate::brief::Format::Pdf,
                Some(ExportFormat::Csv) => crate::brief::Format::Csv,
                Some(ExportFormat::Md) => crate::brief::Format::Markdown,
                None => crate::brief::Format::from_path(&out),
            };
            match prepare(cli.policies.as_deref(), &scenario) {
                Ok((set, scenario, today)) => {
                    let a = assess(&set, &scenario, today);
                    for w in &a.warnings {
                        eprintln!("warning: {w}");
                    }
                    match crate::brief::export(&a, &out, format, paper, None) {
                        Ok(w) => {
                            if !w.missing_glyphs.is_empty() {
                                eprintln!(
                                    "warning: {}",
                                    crate::brief::describe_unprintable(&w.missing_glyphs)
                                );
                            }
                            match w.pages {
                                Some(pages) => say!(
                                    "wrote {} ({pages} pages, {} bytes)",
                                    out.display(),
                                    w.bytes
                                ),
                                None => say!("wrote {} ({} bytes)", out.display(), w.bytes),
                            }
                            0
                        }
                        Err(e) => {
                            eprintln!("error: {e}");
                            match e {
                                crate::brief::ExportError::Fonts(_)
                                | crate::brief::ExportError::Csv(_) => 1,
                                crate::brief::ExportError::Write { .. } => 2,
                            }
                        }
                    }
                }
                Err(message) => {
                    eprintln!("{message}");
                    2
                }
            }
        }
    }
}

// The four functions below return `Result<_, String>` on purpose: the command line's boundary,
// where the error is the message printed before exit 2 and nothing branches on it.

/// The inputs a brief carries, or a message for stderr.
fn read_brief(path: &Path) -> Result<crate::brief::inputs::Inputs, String> {
    crate::brief::inputs::read_file(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn load_set(policies: Option<&Path>) -> Result<PolicySet, String> {
    match policies {
        Some(p) => load_dir(p),
        None => load_builtin(),
    }
    .map_err(|e| format!("{e}\nthe policy set has errors; run `posture check` for details"))
}

/// `posture verify BRIEF`: 0 reproduced exactly, 1 not (and why), 2 unreadable.
fn verify(policies: Option<&Path>, path: &Path) -> i32 {
    let (inputs, set) = match read_brief(path).and_then(|i| Ok((i, load_set(policies)?))) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    let stamp = &inputs.policy;
    let Ok(today) = Date::parse(&stamp.today) else {
        eprintln!(
            "{}: the brief does not say which day it was made for",
            path.display()
        );
        return 2;
    };
    let paper = crate::brief::Paper::from_name(&stamp.paper).unwrap_or_default();
    let a = assess(&set, &inputs.scenario, today);
    let again = match crate::brief::render_pdf_with(&a, paper, inputs.since.as_ref()) {
        Ok(b) => b.bytes,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let original = std::fs::read(path).unwrap_or_default();
    if again == original {
        say!(
            "reproduced exactly: {} from its own inputs, with \"{}\" version {} (#{}), as of {}",
            path.display(),
            set.meta.name,
            set.meta.version,
            set.content_hash,
            stamp.today
        );
        return 0;
    }
    let mut why = Vec::new();
    if stamp.hash != set.content_hash {
        why.push(format!(
            "the policy set differs: the brief was made with \"{}\" version {} (#{}); this is \"{}\" version {} (#{})",
            stamp.name, stamp.version, stamp.hash, set.meta.name, set.meta.version, set.content_hash
        ));
    }
    let program = crate::brief::inputs::program();
    if !stamp.program.is_empty() && stamp.program != program {
        why.push(format!(
            "the program differs: the brief was made by {}; this is {program}",
            stamp.program
        ));
    }
    if why.is_empty() {
        why.push(format!(
            "same policy set and program ({program}), yet other bytes: the brief was changed after it was made, or made by a different build"
        ));
    }
    say!("not reproduced: {}", path.display());
    for w in why {
        say!("  {w}");
    }
    1
}

/// `posture diff BRIEF`: 0 nothing changed, 3 something did, 2 an error.
fn diff(policies: Option<&Path>, path: &Path, format: Format, today: Option<&str>) -> i32 {
    let result = read_brief(path).and_then(|inputs| {
        let set = load_set(policies)?;
        let today = match today {
            Some(t) => Date::parse(t).map_err(|m| format!("--today: {m}"))?,
            None => Date::today_utc(),
        };
        let old: serde_json::Value = serde_json::from_str(&inputs.assessment_json)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let now = assess(&set, &inputs.scenario, today);
        use crate::engine::changes::{Snapshot, changes};
        Ok((inputs, changes(&Snapshot::read(&old), &Snapshot::of(&now))))
    });
    let (inputs, changes) = match result {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    match format {
        Format::Json => match serde_json::to_string_pretty(&changes) {
            Ok(s) => say!("{s}"),
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        },
        Format::Text => {
            say!(
                "Changes since the brief of {} (made with \"{}\" version {}):",
                inputs.policy.today,
                inputs.policy.name,
                inputs.policy.version
            );
            if changes.is_empty() {
                say!("  none");
            }
            for c in &changes {
                say!("  {}", c.line());
            }
        }
    }
    if changes.is_empty() { 0 } else { 3 }
}

pub fn check_summary(set: &PolicySet) -> String {
    let n = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    format!(
        "ok: {} {} — {}, {}, {}, {}, {}, {}, {} (#{})",
        set.meta.name,
        set.meta.version,
        n(set.offerings.len(), "offering", "offerings"),
        n(set.attributes.len(), "attribute", "attributes"),
        n(set.options.len(), "option", "options"),
        n(set.requirements.len(), "requirement", "requirements"),
        n(set.caveats.len(), "caveat", "caveats"),
        n(set.sources.len(), "source", "sources"),
        n(set.claims.len(), "claim", "claims"),
        set.content_hash
    )
}

/// Loads the policy set and builds the scenario from a file and flags.
pub fn prepare(
    policies: Option<&Path>,
    args: &ScenarioArgs,
) -> Result<(PolicySet, Scenario, Date), String> {
    let set = match policies {
        Some(p) => load_dir(p),
        None => load_builtin(),
    }
    .map_err(|e| format!("{e}\nthe policy set has errors; run `posture check` for details"))?;
    let mut scenario = match &args.scenario {
        Some(p) => Scenario::load(p).map_err(|e| e.to_string())?,
        None => Scenario::default(),
    };
    scenario.offerings.extend(args.offerings.iter().cloned());
    scenario.options.extend(args.options.iter().cloned());
    scenario
        .requirements
        .extend(args.requirements.iter().cloned());
    if let Some(c) = &args.client {
        scenario.client = c.clone();
    }
    if let Some(list) = &args.sources {
        scenario.sources = parse_sources(&set, list)?;
    }
    if let Some(a) = args.audience {
        scenario.audience = match a {
            AudienceArg::Client => Audience::ClientFacing,
            AudienceArg::Internal => Audience::Internal,
        };
    }
    if scenario.offerings.is_empty() {
        return Err(format!(
            "no offerings to compare: give --scenario FILE or --offering ID (one of: {})",
            set.offerings
                .iter()
                .map(|o| o.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let today = match &args.today {
        Some(t) => Date::parse(t).map_err(|m| format!("--today: {m}"))?,
        None => Date::today_utc(),
    };
    Ok((set, scenario, today))
}

/// `all`, or ids separated by commas, each a source of the set.
pub fn parse_sources(set: &PolicySet, list: &str) -> Result<Vec<String>, String> {
    if list.trim() == "all" {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = list
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if ids.is_empty() {
        return Err("--sources: expected `all` or source ids separated by commas".into());
    }
    if let Some(bad) = ids.iter().find(|id| set.source(id).is_none()) {
        return Err(format!(
            "--sources: unknown source `{bad}` (one of: all, {})",
            set.sources
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(ids)
}

/// A plain-text rendering of an assessment for terminals and logs.
pub fn render_text(a: &Assessment) -> String {
    let mut s = String::new();
    let names: Vec<&str> = a.offerings.iter().map(|o| o.name.as_str()).collect();
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    text_heading(&mut s, a, &names);
    text_requirements(&mut s, a, width);
    text_comparison(&mut s, a, width);
    text_options_caveats_notes(&mut s, a);
    text_sources(&mut s, a);
    s
}

/// The policy set, the scenario, staleness, the sources read and what is compared.
fn text_heading(s: &mut String, a: &Assessment, names: &[&str]) {
    let _ = writeln!(
        s,
        "posture — {} ({}, #{})",
        a.policy.name, a.policy.version, a.policy.hash
    );
    let sc = &a.scenario;
    let _ = writeln!(
        s,
        "Client: {} · Prepared by: {} · Date: {} · Audience: {}",
        or_dash(&sc.client),
        or_dash(&sc.prepared_by),
        or_dash(&sc.date),
        sc.audience.label()
    );
    let _ = writeln!(
        s,
        "{}{}",
        if a.staleness.any_stale { "STALE: " } else { "" },
        a.staleness.message
    );
    let _ = writeln!(s, "Sources read: {}", a.view.label);
    let _ = writeln!(
        s,
        "Disputes: {}",
        if a.disputes.is_empty() {
            "none among the sources read".to_string()
        } else {
            a.disputes.len().to_string()
        }
    );
    let _ = writeln!(s, "Comparing: {}", names.join(" | "));
}

/// Each requirement's verdict per offering, with each source's reading.
fn text_requirements(s: &mut String, a: &Assessment, width: usize) {
    if !a.requirements.is_empty() {
        let _ = writeln!(s, "\n== Requirements");
        for r in &a.requirements {
            let _ = writeln!(s, "{}", r.title);
            for v in &r.verdicts {
                let _ = writeln!(
                    s,
                    "  {:width$}  {} {} — {}",
                    a.offering_name(&v.offering),
                    v.kind.symbol(),
                    v.label,
                    v.reason
                );
                if let Some(note) = v.full_view_note() {
                    let _ = writeln!(s, "  {:width$}    {note}", "");
                }
                for r in &v.readings {
                    let _ = writeln!(
                        s,
                        "  {:width$}    as {} reads it ({}): {} {} — {}",
                        "",
                        r.source_names.join(", "),
                        a.reading_age(r),
                        r.kind.symbol(),
                        r.label,
                        r.reason
                    );
                }
            }
        }
    }
}

/// The attribute rows by group, with changed and disputed cells marked.
fn text_comparison(s: &mut String, a: &Assessment, width: usize) {
    let _ = writeln!(s, "\n== Comparison");
    let mut group = "";
    for row in &a.rows {
        if row.group != group {
            group = &row.group;
            let _ = writeln!(s, "[{group}]");
        }
        let _ = writeln!(
            s,
            "{}{}",
            row.name,
            if row.differs { "" } else { " (same for all)" }
        );
        for c in &row.cells {
            let mut mark = match &c.changed_by {
                Some(op) => format!("  [changed by: {}]", op.title),
                None => String::new(),
            };
            if c.disputed {
                let others: Vec<String> = c
                    .disagreeing()
                    .map(|x| format!("{} ({}): {}", x.source_short, x.freshness(), x.text))
                    .collect();
                mark.push_str(&format!("  [DISPUTED — {}]", others.join("; ")));
            }
            let _ = writeln!(
                s,
                "  {:width$}  {}{}",
                a.offering_name(&c.offering),
                c.text,
                mark
            );
        }
    }
}

/// The options in effect, the caveats and actions, and the internal notes.
fn text_options_caveats_notes(s: &mut String, a: &Assessment) {
    let on: Vec<_> = a.options.iter().filter(|o| o.on).collect();
    if !on.is_empty() {
        let _ = writeln!(s, "\n== Options in effect");
        for o in on {
            let _ = writeln!(
                s,
                "{} (requires: {}) — {}",
                o.title, o.requires_label, o.requires_detail
            );
            for c in &o.changes {
                let _ = writeln!(s, "  {c}");
            }
            if let Some(r) = &o.inactive_reason {
                let _ = writeln!(s, "  no effect: {r}");
            }
        }
    }
    if !a.caveats.is_empty() {
        let _ = writeln!(s, "\n== Caveats and actions");
        for c in &a.caveats {
            let kind = match c.kind {
                crate::model::CaveatKind::Caveat => "Caveat",
                crate::model::CaveatKind::Action => "Action",
            };
            let _ = writeln!(
                s,
                "{}{}: {} — {}",
                if c.internal { "[internal] " } else { "" },
                kind,
                c.title,
                c.text
            );
        }
    }
    if let Some(n) = &a.scenario.notes
        && !n.trim().is_empty()
    {
        let _ = writeln!(s, "\n== Internal notes\n{n}");
    }
}

/// The sources read, with their dates, how they were checked and whether they are overdue.
fn text_sources(s: &mut String, a: &Assessment) {
    let _ = writeln!(s, "\n== Sources");
    for src in &a.sources {
        let stale = src
            .stale_by_days
            .map_or(String::new(), |d| format!(" — overdue by {d} days"));
        if !src.read {
            continue;
        }
        let page = if src.updated.is_empty() {
            String::new()
        } else {
            format!("page dated {}; ", src.updated)
        };
        let _ = writeln!(
            s,
            "{} — {} ({}); {}checked {}, {}, review every {} days{}{}",
            src.title,
            src.publisher,
            src.kind_label,
            page,
            src.verified,
            src.verification.method_label(),
            src.review_every_days,
            stale,
            if src.url.is_empty() {
                String::new()
            } else {
                format!("\n  {}", src.url)
            }
        );
    }
}

/// `posture recheck`: see [`Command::Recheck`].
fn recheck(policies: Option<&Path>, args: &RecheckArgs) -> i32 {
    use crate::recheck::{self, Request, record};
    let today = match args.today.as_deref().map(Date::parse) {
        None => Date::today_utc(),
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            eprintln!("--today: {e}");
            return 2;
        }
    };
    let log = match (&args.record, policies) {
        (Some(by), _) if by.trim().is_empty() => {
            eprintln!("--record needs the name of who records the evidence");
            return 2;
        }
        (Some(_), None) => {
            eprintln!(
                "--record writes to the policy set's folder, and the built-in set is read-only: \
                 run it on a copy with --policies DIR"
            );
            return 2;
        }
        (Some(_), Some(p)) if !p.is_dir() => {
            eprintln!(
                "--record keeps the evidence log beside the set's files: put the set in a folder \
                 and pass the folder with --policies DIR"
            );
            return 2;
        }
        (Some(_), Some(p)) => Some(record::log_path(p)),
        (None, _) => None,
    };
    if args.record.is_some() && today > Date::today_utc() {
        eprintln!("--today {today} is after today: evidence cannot come from the future");
        return 2;
    }
    let set = match policies {
        Some(p) => load_dir(p),
        None => load_builtin(),
    };
    let set = match set {
        Ok(s) => s,
        Err(errors) => {
            for e in &errors.0 {
                eprintln!("{e}");
            }
            eprintln!("the policy set does not load; fix it first (posture check)");
            return 2;
        }
    };
    let request = Request {
        sources: args.sources.clone(),
        saved: args.saved.clone(),
        limits: Default::default(),
    };
    if let Err(message) = recheck::validate(&set, &request) {
        eprintln!("{message}");
        return 2;
    }
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let report = recheck::run(&set, &request, &cancel, &|done, total, id| {
        if matches!(args.format, Format::Text) {
            eprintln!("[{done}/{total}] {id}");
        }
    });
    match args.format {
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(s) => say!("{s}"),
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        },
        Format::Text => print!("{}", recheck_text(&report)),
    }
    if let (Some(path), Some(by)) = (log, &args.record) {
        let entries = record::evidence(&report, by.trim(), today);
        match record::append(&path, &entries) {
            Ok(n) => eprintln!(
                "recorded {n} entr{} in {}",
                if n == 1 { "y" } else { "ies" },
                path.display()
            ),
            Err(message) => {
                eprintln!("{message}");
                return 2;
            }
        }
    }
    report.exit_code()
}

/// A re-check for people: each source's state and why, then each quote that moved with its
/// passage, diff and what rests on it.
pub fn recheck_text(report: &crate::recheck::Report) -> String {
    use crate::model::QuoteStatus;
    use crate::recheck::SourceState;
    let mut s = String::new();
    for src in &report.sources {
        let place = match (src.how, src.http_status) {
            ("saved", _) => format!("saved copy {}", src.final_url),
            (_, Some(code)) if !src.final_url.is_empty() && src.final_url != src.url => {
                format!("{} → {} (HTTP {code})", src.url, src.final_url)
            }
            (_, Some(code)) => format!("{} (HTTP {code})", src.url),
            (_, None) => src.url.clone(),
        };
        let _ = writeln!(s, "{} — {}: {}", src.id, src.status.label(), src.message);
        let _ = writeln!(s, "  {place}");
        if src.status == SourceState::Unreachable {
            continue;
        }
        for q in src.quotes.iter().filter(|q| q.status != QuoteStatus::Found) {
            let mark = match q.status {
                QuoteStatus::Reworded => "≈ reworded",
                QuoteStatus::Gone => "✗ gone",
                QuoteStatus::Found | QuoteStatus::NotChecked => "? not checked",
            };
            let _ = writeln!(
                s,
                "  {mark} ({:.0}% alike): \"{}\"",
                q.similarity * 100.0,
                q.quote
            );
            if !q.passage.is_empty() {
                let label = if q.status == QuoteStatus::Reworded {
                    "now reads"
                } else {
                    "closest passage"
                };
                let _ = writeln!(s, "      {label}: \"{}\"", q.passage);
            }
            if !q.diff.is_empty() {
                let _ = writeln!(s, "      diff: {}", q.diff);
            }
            for u in &q.used_by {
                let lost = if u.loses_only_support {
                    " — loses its only supporting quote"
                } else {
                    ""
                };
                let _ = writeln!(s, "      used by {}: {}{lost}", u.kind.label(), u.label);
            }
        }
    }
    let _ = writeln!(
        s,
        "\n{} source{}: {} ok, {} changed, {} unreachable{}. Quotes: {} found, {} reworded, {} gone, {} not checked.",
        report.sources.len(),
        if report.sources.len() == 1 { "" } else { "s" },
        report.count(SourceState::Ok),
        report.count(SourceState::Changed),
        report.count(SourceState::Unreachable),
        if report.cancelled { " (cancelled)" } else { "" },
        report.quotes(QuoteStatus::Found),
        report.quotes(QuoteStatus::Reworded),
        report.quotes(QuoteStatus::Gone),
        report.quotes(QuoteStatus::NotChecked),
    );
    s
}
