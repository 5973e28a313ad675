//! What the brief says, section by section, taken from the `Assessment` as it is: nothing is
//! recomputed here, only arranged.

use std::collections::{BTreeMap, BTreeSet};

use super::fonts::Fonts;
use super::layout::{Cell, Face, Flow, Measure, PageSize, Rgb, Style, Table};
use super::tags::{Artifact, Role, Tag, Tree};
use crate::engine::{Assessment, CiteView, or_dash};
use crate::model::{Audience, CaveatKind, VerdictKind};

const BODY: Style = Style::new(Face::Regular, 9.0, Rgb::BLACK);
const SMALL: Style = Style::new(Face::Regular, 8.0, Rgb::BLACK);
const SMALL_BOLD: Style = Style::new(Face::Bold, 8.0, Rgb::BLACK);
const SMALL_ITALIC: Style = Style::new(Face::Italic, 8.0, Rgb::MUTED);
const MUTED: Style = Style::new(Face::Regular, 8.0, Rgb::MUTED);
/// Violet for "the sources disagree": apart from the amber of staleness.
const DISPUTE_FILL: Rgb = Rgb(0.94, 0.89, 0.98);
const DISPUTE_TEXT: Rgb = Rgb(0.36, 0.16, 0.53);
const WARN_FILL: Rgb = Rgb(1.0, 0.95, 0.84);
const WARN_STROKE: Rgb = Rgb(0.80, 0.55, 0.10);
const WARN_TEXT: Rgb = Rgb(0.42, 0.26, 0.0);
/// Narrowest offering column in the comparison before it is split across pages.
const MIN_OFFERING_COL: f32 = 92.0;
/// Narrowest question column in the summary before it is split into parts.
const MIN_SUMMARY_COL: f32 = 110.0;

pub const SECTION_TITLES: [&str; 9] = [
    "1. Summary: where, how long, training",
    "2. Client requirements and verdicts",
    "3. Full comparison",
    "4. Options in effect",
    "5. Caveats",
    "6. Action checklist",
    "Appendix A. Where the sources disagree",
    "Appendix B. Sources",
    "Appendix C. Internal notes",
];

/// Light fills with dark text, plus a symbol and a word: readable in black-and-white print.
pub fn verdict_fill(kind: VerdictKind) -> Rgb {
    match kind {
        VerdictKind::Fits => Rgb(0.86, 0.95, 0.88),
        VerdictKind::FitsWithConditions => Rgb(0.99, 0.94, 0.79),
        VerdictKind::DoesNotFit => Rgb(0.98, 0.87, 0.87),
        VerdictKind::Unknown => Rgb(0.91, 0.91, 0.93),
        VerdictKind::Disputed => Rgb(0.94, 0.89, 0.98),
    }
}

pub struct Laid {
    pub pages: Vec<super::layout::Page>,
    pub outline: Vec<(String, usize)>,
    pub missing: BTreeSet<char>,
    /// The structure the pages' text is tagged with.
    pub tree: Tree,
}

/// Lays out the whole brief.
pub fn lay_out(a: &Assessment, fonts: &Fonts, size: PageSize) -> Laid {
    lay_out_with(a, fonts, size, None)
}

/// The brief, with an optional section on what changed since an earlier brief.
pub fn lay_out_with(
    a: &Assessment,
    fonts: &Fonts,
    size: PageSize,
    since: Option<&crate::engine::changes::ChangesSince>,
) -> Laid {
    let mut missing = BTreeSet::new();
    // Everything the user or the policy set wrote passes through here before it is measured.
    let mut s = |t: &str| fonts.sanitize(t, &mut missing);
    let mut f = Flow::new(fonts, size);

    title_block(&mut f, a, &mut s);
    if let Some(since) = since {
        changes_since(&mut f, since, &mut s);
    }
    summary(&mut f, a, &mut s);
    requirements(&mut f, a, &mut s);
    comparison(&mut f, a, &mut s);
    options(&mut f, a, &mut s);
    caveats(&mut f, a, &mut s);
    actions(&mut f, a, &mut s);
    // The body ends here: what a client reads. The sides of each dispute and the sources
    // themselves follow as appendices, for the reviewer who checks them.
    f.paragraph(
        &s("Appendix A sets out, side by side, each value the sources disagree on; Appendix B lists every source cited, who wrote it, its dates and how it was checked."),
        MUTED,
    );
    f.new_page();
    disputes(&mut f, a, &mut s);
    sources(&mut f, a, &mut s);
    if a.scenario.audience == Audience::Internal {
        internal_notes(&mut f, a, &mut s);
    }
    running_header_footer(&mut f, a, fonts, &mut s);
    Laid {
        pages: f.pages,
        outline: f.outline,
        missing,
        tree: f.tree,
    }
}

/// "Changes since the brief of DATE": first, because it is what a returning reviewer asks.
fn changes_since(
    f: &mut Flow,
    since: &crate::engine::changes::ChangesSince,
    s: &mut dyn FnMut(&str) -> String,
) {
    f.heading(
        &s(&format!("Changes since the brief of {}", since.date)),
        1,
        60.0,
    );
    if since.changes.is_empty() {
        f.paragraph(
            &s("Nothing has changed: every value, verdict, caveat and source is as that brief has it."),
            BODY,
        );
    }
    for c in &since.changes {
        f.list_item(&s(&format!("• {}", c.line())), SMALL);
    }
    f.space(6.0);
}

fn title_block(f: &mut Flow, a: &Assessment, s: &mut dyn FnMut(&str) -> String) {
    let sc = &a.scenario;
    f.paragraph_as(
        Role::H1,
        &s("Data residency & retention brief"),
        Style::new(Face::Bold, 20.0, Rgb::ACCENT),
    );
    f.space(2.0);
    let client = sc.client_or("(client not named)").to_string();
    f.paragraph(&s(&client), Style::new(Face::Bold, 13.0, Rgb::BLACK));
    f.space(4.0);
    let offerings: Vec<&str> = a.offerings.iter().map(|o| o.name.as_str()).collect();
    let rows = [
        ("Prepared by", or_dash(&sc.prepared_by).to_string()),
        ("Date", or_dash(&sc.date).to_string()),
        (
            "Audience",
            match sc.audience {
                Audience::ClientFacing => "Client-facing".to_string(),
                Audience::Internal => {
                    "Internal — contains practitioner notes; do not forward to the client"
                        .to_string()
                }
            },
        ),
        ("Compared", offerings.join(", ")),
        (
            "Policy set",
            format!(
                "{} — version {} — content hash #{}",
                a.policy.name, a.policy.version, a.policy.hash
            ),
        ),
        ("Sources read", sources_read(a)),
        (
            "Disputes",
            match a.disputes.len() {
                0 if a.view.disputes_not_read > 0 => format!(
                    "None among the sources read; {} cells where the sources disagree are not shown, because this brief reads only the sources named above",
                    a.view.disputes_not_read
                ),
                0 => "None among the sources read".to_string(),
                n => {
                    format!("{n} — cells where the sources read give different values (Appendix A)")
                }
            },
        ),
        ("Staleness as of", a.today.clone()),
    ];
    let table = Table {
        headers: vec!["".into(), "".into()],
        widths: vec![1.0, 4.0],
        rows: rows
            .iter()
            .map(|(k, v)| vec![Cell::new(s(k), SMALL_BOLD), Cell::new(s(v), SMALL)])
            .collect(),
    };
    f.table(&table);
    if let Some(sentence) = stale_sentence(a) {
        f.boxed(
            &s(&sentence),
            Style::new(Face::Bold, 8.5, WARN_TEXT),
            WARN_FILL,
            WARN_STROKE,
        );
        f.space(6.0);
    }
    for w in &a.warnings {
        f.paragraph(&s(&format!("Note: {w}")), SMALL_ITALIC);
    }
}

/// The stale box: exactly which statements rest on a source past its review, never all of
/// them when only some do. None when no source cited here is past its review.
pub fn stale_sentence(a: &Assessment) -> Option<String> {
    let cited: Vec<&crate::engine::SourceStatus> =
        a.sources.iter().filter(|s| s.read && s.cited > 0).collect();
    let stale: Vec<(&crate::engine::SourceStatus, i64)> = cited
        .iter()
        .filter_map(|s| s.stale_by_days.map(|d| (*s, d)))
        .collect();
    let named = |(s, d): &(&crate::engine::SourceStatus, i64)| {
        format!("{} ({d} days past its review)", s.short)
    };
    match stale.as_slice() {
        [] => None,
        all if all.len() == cited.len() => Some(format!(
            "⚠ Stale facts. Every statement below rests on sources past their review date: {}. Re-verify them against the current pages before this brief is relied on.",
            all.iter().map(named).collect::<Vec<_>>().join("; ")
        )),
        [one] => Some(format!(
            "⚠ Stale facts. Statements citing {}, marked ●, rest on a source {} days past its review; re-verify those before relying on them. {}",
            one.0.short,
            one.1,
            others_current(cited.len() - 1)
        )),
        some => Some(format!(
            "⚠ Stale facts. Statements citing {}, marked ●, rest on sources past their review; re-verify those before relying on them. {}",
            some.iter().map(named).collect::<Vec<_>>().join(" or "),
            others_current(cited.len() - some.len())
        )),
    }
}

fn others_current(n: usize) -> String {
    match n {
        1 => "The other source cited here is within its review period.".to_string(),
        n => format!("The other {n} sources cited here are within their review period."),
    }
}

/// "All 29 sources (facts verified 2026-04-28 to 2026-11-28)".
fn sources_read(a: &Assessment) -> String {
    format!("{} (facts verified {})", a.view.label, a.verified_span())
}

fn summary(f: &mut Flow, a: &Assessment, s: &mut dyn FnMut(&str) -> String) {
    f.heading(SECTION_TITLES[0], 1, 60.0);
    let rows: Vec<_> = a.rows.iter().filter(|r| r.summary).collect();
    // A set may mark many rows as summary questions: split them into parts, as the comparison
    // does with offerings, rather than squeezing columns until no word fits.
    let first = 90.0;
    let per_part = (((f.width() - first) / MIN_SUMMARY_COL).floor() as usize).max(1);
    let parts: Vec<&[&crate::engine::Row]> = rows.chunks(per_part).collect();
    for (k, part) in parts.iter().enumerate() {
        if parts.len() > 1 {
            f.heading(&s(&format!("Part {} of {}", k + 1, parts.len())), 2, 60.0);
        }
        let mut headers = vec![s("Offering")];
        headers.extend(part.iter().map(|r| {
            s(if r.question.is_empty() {
                &r.name
            } else {
                &r.question
            })
        }));
        let mut widths = vec![first];
        widths.extend(part.iter().map(|_| (f.width() - first) / part.len() as f32));
        let table_rows = a
            .offerings
            .iter()
            .enumerate()
            .map(|(j, o)| {
                let mut cells = vec![Cell::new(s(&o.name), SMALL_BOLD)];
                for r in part.iter() {
                    cells.push(value_cell(&r.cells[j], s));
                }
                cells
            })
            .collect();
        f.table(&Table {
            headers,
            widths,
            rows: table_rows,
        });
    }
    f.paragraph(
        &s("◆ marks a value changed by an option in effect (section 4). ≠ marks a value the sources disagree on: the newest source's word is shown, the others are in Appendix A."),
        MUTED,
    );
    f.space(6.0);
}

fn value_cell(c: &crate::engine::CellView, s: &mut dyn FnMut(&str) -> String) -> Cell {
    let mut text = match &c.changed_by {
        Some(op) => format!("◆ {} (option: {})", c.text, op.title),
        None => c.text.clone(),
    };
    if c.disputed {
        let others: Vec<String> = c
            .disagreeing()
            .map(|x| format!("{} ({}): {}", x.source_short, x.freshness(), x.text))
            .collect();
        text = format!("≠ {text}\nSources disagree — {}", others.join("; "));
        return Cell::new(s(&text), Style::new(Face::Regular, 8.0, DISPUTE_TEXT))
            .filled(DISPUTE_FILL);
    }
    if c.unknown {
        Cell::new(s(&text), Style::new(Face::Italic, 8.0, WARN_TEXT))
            .filled(verdict_fill(VerdictKind::Unknown))
    } else {
        Cell::new(s(&text), SMALL)
    }
}

fn requirements(f: &mut Flow, a: &Assessment, s: &mut dyn FnMut(&str) -> String) {
    f.heading(SECTION_TITLES[1], 1, 60.0);
    if a.requirements.is_empty() {
        f.paragraph(
            &s("No client requirements were stated for this brief."),
            BODY,
        );
        f.space(6.0);
        return;
    }
    f.paragraph(
        &s("✓ Fits · ≈ Fits with conditions (the condition is stated) · ✗ Does not fit · ? Unknown — the source does not establish it; never read as a fit · ≠ Sources disagree — the sources' readings give different verdicts; never read as a fit."),
        MUTED,
    );
    f.space(4.0);
    for r in &a.requirements {
        // Keep the title with its explanation, the table header and the first rows.
        f.heading(&s(&r.title), 2, 110.0);
        f.paragraph(&s(&r.explain), SMALL_ITALIC);
        f.space(2.0);
        let rows = r
            .verdicts
            .iter()
            .map(|v| {
                let mut reason = v.reason.clone();
                let titles: Vec<&str> = v
                    .caveats
                    .iter()
                    .filter_map(|id| a.caveat(id))
                    .map(|c| c.title.as_str())
                    .collect();
                for r in &v.readings {
                    reason.push_str(&format!(
                        "\n{} {} as {} reads it ({}): {}",
                        r.kind.symbol(),
                        r.label,
                        r.source_names.join(", "),
                        a.reading_age(r),
                        r.reason
                    ));
                }
                if !titles.is_empty() {
                    reason.push_str(&format!("\nSee: {}.", titles.join("; ")));
                }
                let mut label = format!("{} {}", v.kind.symbol(), v.label);
                if let Some(note) = v.full_view_note() {
                    label.push_str(&format!("\n{note}"));
                }
                vec![
                    Cell::new(s(a.offering_name(&v.offering)), SMALL_BOLD),
                    Cell::new(s(&label), SMALL_BOLD).filled(verdict_fill(v.kind)),
                    Cell::new(s(&reason), SMALL),
                ]
            })
            .collect();
        f.table(&Table {
            headers: vec![s("Offering"), s("Verdict"), s("Reason")],
            widths: vec![1.3, 1.3, 4.4],
            rows,
        });
    }
}

fn comparison(f: &mut Flow, a: &Assessment, s: &mut dyn FnMut(&str) -> String) {
    f.heading(SECTION_TITLES[2], 1, 80.0);
    if a.offerings.is_empty() {
        f.paragraph(&s("No offerings were chosen."), BODY);
        return;
    }
    let first = 118.0;
    let per_page = (((f.width() - first) / MIN_OFFERING_COL).floor() as usize).max(1);
    let chunks: Vec<Vec<usize>> = (0..a.offerings.len())
        .collect::<Vec<_>>()
        .chunks(per_page)
        .map(<[usize]>::to_vec)
        .collect();
    f.paragraph(
        &s(&format!(
            "Every attribute for every offering compared, after the options in effect. ◆ = changed by an option (section 4). Unknown = the source does not say; it is never treated as good.{}",
            if chunks.len() > 1 { format!(" Wide sets are split into {} parts so the text stays readable.", chunks.len()) } else { String::new() }
        )),
        MUTED,
    );
    f.space(4.0);
    for (k, cols) in chunks.iter().enumerate() {
        if chunks.len() > 1 {
            let names: Vec<&str> = cols.iter().map(|&j| a.offerings[j].name.as_str()).collect();
            f.heading(
                &s(&format!(
                    "Part {} of {}: {}",
                    k + 1,
                    chunks.len(),
                    names.join(", ")
                )),
                2,
                60.0,
            );
        }
        let mut headers = vec![s("Attribute")];
        headers.extend(cols.iter().map(|&j| s(&a.offerings[j].name)));
        let mut widths = vec![first];
        widths.extend(cols.iter().map(|_| (f.width() - first) / cols.len() as f32));
        let mut rows = Vec::new();
        let mut group = "";
        for r in &a.rows {
            if r.group != group {
                group = &r.group;
                let mut g = vec![
                    Cell::new(
                        s(&group.to_uppercase()),
                        Style::new(Face::Bold, 7.0, Rgb::MUTED),
                    )
                    .filled(Rgb::HEADER_FILL)
                    .keep_with_next(),
                ];
                g.extend(
                    cols.iter()
                        .map(|_| Cell::new("", SMALL).filled(Rgb::HEADER_FILL)),
                );
                rows.push(g);
            }
            let mut cells = vec![Cell::new(s(&r.name), SMALL_BOLD)];
            cells.extend(cols.iter().map(|&j| value_cell(&r.cells[j], s)));
            rows.push(cells);
        }
        f.table(&Table {
            headers,
            widths,
            rows,
        });
    }
}

fn options(f: &mut Flow, a: &Assessment, s: &mut dyn FnMut(&str) -> String) {
    f.heading(SECTION_TITLES[3], 1, 50.0);
    let on: Vec<_> = a.options.iter().filter(|o| o.on).collect();
    if on.is_empty() {
        f.paragraph(
            &s("No options are in effect: every value is the offering's default."),
            BODY,
        );
        f.space(6.0);
        return;
    }
    let rows = on
        .iter()
        .map(|o| {
            let applies: Vec<&str> = o
                .applies_to_chosen
                .iter()
                .map(|id| a.offering_name(id))
                .collect();
            let applies = if applies.is_empty() {
                o.inactive_reason.clone().unwrap_or_default()
            } else {
                applies.join(", ")
            };
            vec![
                Cell::new(s(&o.title), SMALL_BOLD),
                Cell::new(
                    s(&format!("{} — {}", o.requires_label, o.requires_detail)),
                    SMALL,
                ),
                Cell::new(s(&o.changes.join("\n")), SMALL),
                Cell::new(s(&applies), SMALL),
            ]
        })
        .collect();
    f.table(&Table {
        headers: vec![s("Option"), s("Requires"), s("Changes"), s("Applies to")],
        widths: vec![1.4, 2.0, 2.4, 1.3],
        rows,
    });
}

fn cite_line(c: &CiteView) -> String {
    let mut t = format!("Source: {}, § {}", c.source_title, c.locator);
    if !c.quote.is_empty() {
        t.push_str(&format!(" — “{}”", c.quote));
    }
    t
}

fn caveats(f: &mut Flow, a: &Assessment, s: &mut dyn FnMut(&str) -> String) {
    f.heading(SECTION_TITLES[4], 1, 50.0);
    let list: Vec<_> = a
        .caveats
        .iter()
        .filter(|c| c.kind == CaveatKind::Caveat)
        .collect();
    if list.is_empty() {
        f.paragraph(&s("No caveats apply to this selection."), BODY);
    }
    for c in list {
        let mut title = c.title.clone();
        if c.internal {
            title = format!("[INTERNAL] {title}");
        }
        f.heading(&s(&title), 2, 24.0);
        f.paragraph(&s(&c.text), BODY);
        if rests_on_dispute(a, &c.cites) {
            f.paragraph(&s(DISPUTED_NOTE), Style::new(Face::Bold, 8.0, DISPUTE_TEXT));
        }
        if !c.offerings.is_empty() {
            f.paragraph(
                &s(&format!("Applies to: {}", c.offerings.join(", "))),
                MUTED,
            );
        }
        for cite in &c.cites {
            f.paragraph(&s(&cite_line(cite)), SMALL_ITALIC);
        }
        f.space(5.0);
    }
}

/// Said under a caveat or action that rests on a fact the sources disagree on.
const DISPUTED_NOTE: &str = "≠ The sources disagree on a fact this rests on: see Appendix A.";

/// Whether these citations quote a source's word on a cell the sources disagree on here (the
/// same words, or a passage holding them).
fn rests_on_dispute(a: &Assessment, cites: &[CiteView]) -> bool {
    cites.iter().any(|c| {
        !c.quote.is_empty()
            && a.disputes.iter().any(|d| {
                d.claims
                    .iter()
                    .flat_map(|x| x.cites.iter())
                    // The same words, or words that contain the other's: a caveat often quotes
                    // the sentence a cell's claim quotes part of.
                    .any(|x| {
                        x.source == c.source
                            && !x.quote.is_empty()
                            && (c.quote.contains(&x.quote) || x.quote.contains(&c.quote))
                    })
            })
    })
}

fn actions(f: &mut Flow, a: &Assessment, s: &mut dyn FnMut(&str) -> String) {
    f.heading(SECTION_TITLES[5], 1, 40.0);
    let list: Vec<_> = a
        .caveats
        .iter()
        .filter(|c| c.kind == CaveatKind::Action)
        .collect();
    if list.is_empty() {
        f.paragraph(&s("No actions apply to this selection."), BODY);
    }
    for c in list {
        let mut text = format!("{}: {}", c.title, c.text);
        if !c.offerings.is_empty() && c.offerings.len() < a.offerings.len() {
            text.push_str(&format!(" (For: {}.)", c.offerings.join(", ")));
        }
        if rests_on_dispute(a, &c.cites) {
            text.push_str(&format!(" {DISPUTED_NOTE}"));
        }
        if c.internal {
            text = format!("[INTERNAL] {text}");
        }
        f.checkbox_item(&s(&text), BODY);
        f.space(3.0);
    }
    f.space(4.0);
}

fn disputes(f: &mut Flow, a: &Assessment, s: &mut dyn FnMut(&str) -> String) {
    f.heading(SECTION_TITLES[6], 1, 60.0);
    if a.disputes.is_empty() {
        f.paragraph(
            &s(&format!(
                "The sources read ({}) give no different values for the offerings compared.",
                a.view.label
            )),
            BODY,
        );
        f.space(6.0);
        return;
    }
    f.paragraph(
        &s("Each cell below has claims from sources that give different values. Claims are listed newest source first, with the words quoted. A verdict that reads a disputed cell is worked out for each source's reading; where the readings differ it is \"≠ Sources disagree\", which is never read as a fit."),
        MUTED,
    );
    f.space(4.0);
    for d in &a.disputes {
        f.heading(
            &s(&format!("{} — {}", d.attribute_name, d.offering_name)),
            2,
            90.0,
        );
        let rows = d
            .claims
            .iter()
            .map(|c| {
                // Who wrote it (first-hand or second-hand), then the page's age; its full title
                // and address are in Appendix B and beside the words.
                let mut who = c.source_short.clone();
                if !c.page_date.is_empty() {
                    who.push_str(&format!("\nPage dated {}", c.page_date));
                }
                who.push_str(&format!("\nChecked {}", c.checked));
                if let Some(d) = c.cites.iter().filter_map(|x| x.stale_by_days).max() {
                    who.push_str(&format!(" — {d} days past its review"));
                }
                let mut value = c.text.clone();
                if let Some(op) = &c.option {
                    value.push_str(&format!("\n(with the option {})", a.option_title(op)));
                }
                let quotes: Vec<String> = c
                    .cites
                    .iter()
                    .filter(|x| !x.quote.is_empty())
                    .map(|x| format!("“{}” (§ {})", x.quote, x.locator))
                    .collect();
                let mut words = quotes.join("\n");
                if !c.url.is_empty() {
                    words.push_str(&format!("\n{}", c.url));
                }
                vec![
                    Cell::new(s(&who), SMALL),
                    Cell::new(s(&value), SMALL_BOLD),
                    Cell::new(s(&words), SMALL),
                ]
            })
            .collect();
        f.table(&Table {
            headers: vec![s("Source"), s("Says"), s("In its words")],
            widths: vec![1.8, 1.9, 3.3],
            rows,
        });
        let effects: Vec<String> = d
            .verdicts
            .iter()
            .map(|v| {
                format!(
                    "{} → {} {}",
                    v.requirement_title,
                    v.kind.symbol(),
                    v.kind.label()
                )
            })
            .collect();
        let line = if effects.is_empty() {
            "No stated requirement reads this fact.".to_string()
        } else {
            format!("Verdicts that read it: {}.", effects.join("; "))
        };
        f.paragraph(&s(&line), MUTED);
        f.space(6.0);
    }
}

fn sources(f: &mut Flow, a: &Assessment, s: &mut dyn FnMut(&str) -> String) {
    f.heading(SECTION_TITLES[7], 1, 60.0);
    // The places cited in this brief, per source.
    let mut locators: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let all = a
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().flat_map(|c| c.cites.iter()))
        .chain(
            a.requirements
                .iter()
                .flat_map(|r| r.verdicts.iter().flat_map(|v| v.cites.iter())),
        )
        .chain(a.caveats.iter().flat_map(|c| c.cites.iter()))
        .chain(
            a.options
                .iter()
                .filter(|o| o.on)
                .flat_map(|o| o.cites.iter()),
        );
    for c in all {
        locators
            .entry(c.source.as_str())
            .or_default()
            .insert(c.locator.as_str());
    }
    let listed: Vec<_> = a
        .sources
        .iter()
        .filter(|src| src.read && src.cited > 0)
        .collect();
    let unlisted = a.sources.iter().filter(|src| src.read).count() - listed.len();
    if unlisted > 0 {
        f.paragraph(
            &s(&format!(
                "The {} sources cited in this brief. {unlisted} other source{} of the policy set {} nothing cited in this selection.",
                listed.len(),
                if unlisted == 1 { "" } else { "s" },
                if unlisted == 1 { "has" } else { "have" }
            )),
            MUTED,
        );
        f.space(3.0);
    }
    let rows = listed
        .iter()
        .map(|src| {
            let status = format!(
                "{}\nChecked {}",
                src.review_state(),
                verification_detail(&src.verification)
            );
            let places: Vec<&str> = locators
                .get(src.id.as_str())
                .map(|l| l.iter().copied().collect())
                .unwrap_or_default();
            let mut what = format!("{}\n{} · {}", src.title, src.publisher, src.kind_label);
            if !src.url.is_empty() {
                what.push_str(&format!("\n{}", src.url));
            }
            // A source's note is research for the team, not a statement for the client.
            if !src.note.is_empty() && a.scenario.audience == Audience::Internal {
                what.push_str(&format!("\nNote (internal): {}", src.note));
            }
            vec![
                Cell::new(s(&what), SMALL),
                Cell::new(
                    s(&format!(
                        "Page: {}\nChecked: {}\n({} days ago)",
                        if src.updated.is_empty() {
                            "no date shown"
                        } else {
                            &src.updated
                        },
                        src.verified,
                        src.days_since_verified
                    )),
                    SMALL,
                ),
                Cell::new(s(&format!("every {} days", src.review_every_days)), SMALL),
                if src.stale_by_days.is_some() {
                    Cell::new(s(&status), Style::new(Face::Bold, 8.0, WARN_TEXT)).filled(WARN_FILL)
                } else {
                    Cell::new(s(&status), SMALL)
                },
                Cell::new(s(&places.join("\n")), SMALL),
            ]
        })
        .collect();
    f.table(&Table {
        headers: vec![
            s("Source"),
            s("Dates"),
            s("Review"),
            s("Status"),
            s("Places cited in this brief"),
        ],
        widths: vec![2.6, 1.2, 0.8, 1.3, 2.0],
        rows,
    });
}

fn internal_notes(f: &mut Flow, a: &Assessment, s: &mut dyn FnMut(&str) -> String) {
    f.heading(SECTION_TITLES[8], 1, 40.0);
    f.paragraph(
        &s("INTERNAL — for the account team only."),
        Style::new(Face::Bold, 8.5, WARN_TEXT),
    );
    let notes = a.scenario.notes.as_deref().unwrap_or("");
    f.paragraph(
        &s(if notes.trim().is_empty() {
            "(no notes)"
        } else {
            notes
        }),
        BODY,
    );
}

fn running_header_footer(
    f: &mut Flow,
    a: &Assessment,
    m: &dyn Measure,
    s: &mut dyn FnMut(&str) -> String,
) {
    let n = f.pages.len();
    let (w, h, x) = (f.size.width, f.size.height, f.margin_x);
    let head_left = s(&a.scenario.titled("Data residency & retention brief"));
    let head_right = s(match a.scenario.audience {
        Audience::ClientFacing => "Client-facing",
        Audience::Internal => "INTERNAL",
    });
    let foot_left = s(&format!(
        "{} · v{} · #{}",
        a.policy.name, a.policy.version, a.policy.hash,
    ));
    let foot_second = s(&format!(
        "Facts verified {} · staleness as of {} · {}",
        a.verified_span(),
        a.today,
        a.view.label
    ));
    for (i, page) in f.pages.iter_mut().enumerate() {
        let foot_right = format!("Page {} of {}", i + 1, n);
        let items = &mut page.items;
        // Not read: the running header and the footer are artifacts.
        let text = |x: f32, y: f32, t: &str, face: Face| super::layout::Draw::Text {
            x,
            y,
            size: 7.0,
            face,
            color: Rgb::MUTED,
            text: t.to_string(),
            tag: Tag::Artifact(if y < h / 2.0 {
                Artifact::Header
            } else {
                Artifact::Footer
            }),
        };
        if i > 0 {
            items.push(text(
                x,
                36.0,
                &clip_to(m, &head_left, w - 2.0 * x - 80.0),
                Face::Regular,
            ));
            items.push(text(
                w - x - m.width(Face::Bold, 7.0, &head_right),
                36.0,
                &head_right,
                Face::Bold,
            ));
            items.push(super::layout::Draw::Line {
                x1: x,
                y1: 42.0,
                x2: w - x,
                y2: 42.0,
                color: Rgb::RULE,
                width: 0.5,
            });
        }
        items.push(super::layout::Draw::Line {
            x1: x,
            y1: h - 40.0,
            x2: w - x,
            y2: h - 40.0,
            color: Rgb::RULE,
            width: 0.5,
        });
        items.push(text(
            x,
            h - 30.0,
            &clip_to(m, &foot_left, w - 2.0 * x - 80.0),
            Face::Regular,
        ));
        items.push(text(
            x,
            h - 21.5,
            &clip_to(m, &foot_second, w - 2.0 * x - 80.0),
            Face::Regular,
        ));
        items.push(text(
            w - x - m.width(Face::Regular, 7.0, &foot_right),
            h - 30.0,
            &foot_right,
            Face::Regular,
        ));
    }
}

/// Shortens a one-line text with "…" to fit `width` at 7 pt.
fn clip_to(m: &dyn Measure, t: &str, width: f32) -> String {
    if m.width(Face::Regular, 7.0, t) <= width {
        return t.to_string();
    }
    let mut out: String = String::new();
    for c in t.chars() {
        let next = format!("{out}{c}…");
        if m.width(Face::Regular, 7.0, &next) > width {
            break;
        }
        out.push(c);
    }
    format!("{out}…")
}

/// How a source was verified, for the Sources table: where, by whom, and the page's address or
/// the saved file's hash that the evidence log keeps.
fn verification_detail(v: &crate::model::Verification) -> String {
    let mut s = v.how.phrase().to_string();
    if !v.by.is_empty() {
        s.push_str(&format!(", by {}", v.by));
    }
    if !v.detail.is_empty() {
        s.push_str(&format!(" ({})", v.detail));
    }
    s
}
