//! The comparison for questionnaires and tickets: CSV (one row per offering × attribute and per
//! offering × requirement) and Markdown (summary, verdicts, caveats). Both follow the brief's
//! audience rules, because they are made from the same assessment: internal caveats and notes
//! appear only in internal exports.

use std::fmt::Write as _;

use crate::engine::{Assessment, CiteView};
use crate::model::Audience;

const HEADER: [&str; 15] = [
    "kind",
    "offering",
    "topic",
    "value or verdict",
    "reason or note",
    "source",
    "source kind",
    "locator",
    "quote",
    "verified",
    "stale",
    "disputed",
    "dispute",
    "requirement or attribute id",
    "offering id",
];

/// The source columns of a row: from the row's own citations only, so a row is stale only when
/// a source it cites is past its review date.
fn source_columns(a: &Assessment, cites: &[CiteView]) -> [String; 6] {
    match cites.first() {
        Some(c) => [
            c.source_title.clone(),
            a.sources
                .iter()
                .find(|s| s.id == c.source)
                .map_or(String::new(), |s| s.kind_label.clone()),
            c.locator.clone(),
            c.quote.clone(),
            c.verified.clone(),
            if cites.iter().any(|c| c.stale_by_days.is_some()) {
                "yes".into()
            } else {
                "no".into()
            },
        ],
        None => Default::default(),
    }
}

/// One row in the order of [`HEADER`]: what it is, its sources, whether it is disputed (and
/// which dispute ties it to others), and the ids to find it by.
fn write_row(
    w: &mut csv::Writer<Vec<u8>>,
    what: [&str; 5],
    sources: &[String; 6],
    dispute: [&str; 2],
    ids: [&str; 2],
) -> Result<(), csv::Error> {
    let record = what
        .into_iter()
        .chain(sources.iter().map(String::as_str))
        .chain(dispute)
        .chain(ids);
    w.write_record(record)
}

/// RFC 4180 CSV in UTF-8, with a byte-order mark so that spreadsheet programs read the
/// accents and symbols right. Quotes, commas and line breaks in a field are quoted by the `csv`
/// crate, never by hand. A cell the sources disagree on has one row per source's claim, tied
/// together by the "dispute" column; any other cell has one row, from the source whose value
/// is shown.
pub fn to_csv(a: &Assessment) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::from("\u{feff}".as_bytes()));
    w.write_record(HEADER)?;
    for row in &a.rows {
        for cell in &row.cells {
            let offering = a.offering_name(&cell.offering);
            let ids = [row.attribute.as_str(), cell.offering.as_str()];
            if cell.disputed {
                let dispute = format!("{} / {}", row.attribute, cell.offering);
                for claim in cell.claims.iter() {
                    let what = ["claim", offering, &row.name, &claim.text, &claim.note];
                    let sources = source_columns(a, &claim.cites);
                    write_row(&mut w, what, &sources, ["yes", &dispute], ids)?;
                }
                continue;
            }
            let cites = cell
                .claims
                .first()
                .map_or(&cell.cites[..], |c| &c.cites[..]);
            let what = ["value", offering, &row.name, &cell.text, &cell.note];
            write_row(&mut w, what, &source_columns(a, cites), ["no", ""], ids)?;
        }
    }
    for r in &a.requirements {
        for v in &r.verdicts {
            let verdict = format!("{} {}", v.kind.symbol(), v.label);
            let what = [
                "verdict",
                a.offering_name(&v.offering),
                &r.title,
                &verdict,
                &v.reason,
            ];
            let disputed = if v.disputed_facts.is_empty() {
                "no"
            } else {
                "yes"
            };
            let ids = [r.id.as_str(), v.offering.as_str()];
            write_row(
                &mut w,
                what,
                &source_columns(a, &v.cites),
                [disputed, ""],
                ids,
            )?;
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// Markdown for a ticket or a wiki: the summary of the three questions, the verdict table and
/// the caveats.
pub fn to_markdown(a: &Assessment) -> String {
    // Table cells cannot hold a pipe or a line break.
    let cell = |t: &str| t.replace('|', "\\|").replace(['\n', '\r'], " ");
    let mut s = String::new();
    let client = a.scenario.titled("");
    let _ = writeln!(s, "# Data residency & retention brief{client}\n");
    let _ = writeln!(
        s,
        "Policy set: {} — version {} (#{}). Sources read: {}. Staleness as of {}.",
        a.policy.name, a.policy.version, a.policy.hash, a.view.label, a.today
    );
    if a.scenario.audience == Audience::Internal {
        let _ = writeln!(s, "\n**INTERNAL — not for the client.**");
    }
    // The brief's own stale box, word for word.
    if let Some(stale) = super::content::stale_sentence(a) {
        let _ = writeln!(s, "\n> {stale}");
    }
    let offerings: Vec<&str> = a.offerings.iter().map(|o| o.name.as_str()).collect();
    let header = |first: &str| {
        format!(
            "| {first} | {} |\n|---|{}\n",
            offerings
                .iter()
                .map(|o| cell(o))
                .collect::<Vec<_>>()
                .join(" | "),
            "---|".repeat(offerings.len())
        )
    };
    let _ = writeln!(s, "\n## Summary\n");
    s.push_str(&header("Question"));
    for row in a.rows.iter().filter(|r| r.summary) {
        let q = if row.question.is_empty() {
            &row.name
        } else {
            &row.question
        };
        let values: Vec<String> = row
            .cells
            .iter()
            .map(|c| {
                let mark = if c.disputed { "≠ " } else { "" };
                cell(&format!("{mark}{}", c.text))
            })
            .collect();
        let _ = writeln!(s, "| {} | {} |", cell(q), values.join(" | "));
    }
    let _ = writeln!(s, "\n## Requirements and verdicts\n");
    if a.requirements.is_empty() {
        let _ = writeln!(s, "No client requirements were stated.");
    } else {
        s.push_str(&header("Requirement"));
        for r in &a.requirements {
            let verdicts: Vec<String> = r
                .verdicts
                .iter()
                .map(|v| cell(&format!("{} {}", v.kind.symbol(), v.label)))
                .collect();
            let _ = writeln!(s, "| {} | {} |", cell(&r.title), verdicts.join(" | "));
        }
        let _ = writeln!(
            s,
            "\n✓ fits · ≈ fits with conditions · ✗ does not fit · ? unknown · ≠ Sources disagree — unknown and disputed values are never read as a fit."
        );
    }
    disputes_markdown(a, &mut s);
    let _ = writeln!(s, "\n## Caveats and actions\n");
    if a.caveats.is_empty() {
        let _ = writeln!(s, "None apply.");
    }
    for c in &a.caveats {
        let internal = if c.internal { " (INTERNAL)" } else { "" };
        let _ = writeln!(s, "- **{}**{internal}: {}", c.title, cell(&c.text));
    }
    if let Some(notes) = &a.scenario.notes
        && !notes.trim().is_empty()
    {
        let _ = writeln!(s, "\n## Internal notes\n\n{notes}");
    }
    s
}

/// "Where the sources disagree": each disputed cell with every source's word, who wrote it and
/// when it was checked, and the verdicts that read it.
fn disputes_markdown(a: &Assessment, s: &mut String) {
    if a.disputes.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n## Where the sources disagree\n");
    for d in &a.disputes {
        let _ = writeln!(s, "### ≠ {} — {}\n", d.attribute_name, d.offering_name);
        for c in d.claims.iter() {
            let kind = a
                .sources
                .iter()
                .find(|x| x.id == c.source)
                .map_or(String::new(), |x| x.kind_label.to_lowercase());
            let overdue = c
                .cites
                .iter()
                .filter_map(|x| x.stale_by_days)
                .max()
                .map_or(String::new(), |d| format!(", {d} days past its review"));
            let _ = write!(
                s,
                "- **{}** ({kind}, checked {}{overdue}): {}",
                c.source_short, c.checked, c.text
            );
            if !c.quote.is_empty() {
                let _ = write!(s, " — “{}”", c.quote.replace(['\n', '\r'], " "));
            }
            let _ = writeln!(s);
        }
        if !d.verdicts.is_empty() {
            let read: Vec<String> = d
                .verdicts
                .iter()
                .map(|v| {
                    format!(
                        "{} ({} {})",
                        v.requirement_title,
                        v.kind.symbol(),
                        v.kind.label()
                    )
                })
                .collect();
            let _ = writeln!(s, "\nVerdicts that read it: {}.", read.join("; "));
        }
        let _ = writeln!(s);
    }
}
