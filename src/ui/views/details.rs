//! The right panel: details of the selected cell or verdict (value, option, note, citations, the
//! caveats that apply), the caveats and actions of the whole selection, and the sources.

use crate::engine::{AppliedCaveat, Assessment, CiteView, ClaimView};
use crate::model::CaveatKind;
use crate::ui::actions::Edit;
use crate::ui::actions::{Selection, SideTab};
use crate::ui::landmarks::{Entry, Landmarks, Part};
use crate::ui::{Action, State, style};

/// Returns the width the panel takes beside the table (none when it floats over it).
pub fn show(
    ui: &mut egui::Ui,
    state: &State,
    actions: &mut Vec<Action>,
    marks: &mut Landmarks,
) -> f32 {
    // In front of a client the comparison keeps its whole width: the panel floats over it.
    let mut beside = 0.0;
    let shown = if state.view.presentation {
        let screen = ui.ctx().content_rect();
        // On the side away from the cell or verdict shown, so the client still sees it: the
        // left when it is in the right half of the columns.
        let a = &state.assessment;
        let column = state.view.selection.as_ref().and_then(|s| {
            let offering = match s {
                Selection::Cell { offering, .. } | Selection::Verdict { offering, .. } => offering,
            };
            a.offerings.iter().position(|o| o.id == *offering)
        });
        let (corner, offset) = match column {
            Some(j) if 2 * j >= a.offerings.len() => {
                (egui::Align2::LEFT_BOTTOM, egui::vec2(12.0, -12.0))
            }
            _ => (egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -12.0)),
        };
        let size = egui::vec2((screen.width() * 0.42).max(320.0), screen.height() * 0.55);
        egui::Window::new("Details")
            .title_bar(false)
            .resizable(true)
            .collapsible(false)
            .anchor(corner, offset)
            .default_size(size)
            // Never up over the title and the "Facts as verified" line.
            .max_size(egui::vec2(screen.width() * 0.6, screen.height() * 0.6))
            .show(ui.ctx(), |ui| panel_body(ui, state, actions))
            .and_then(|w| Some((w.response.rect, w.inner?)))
    } else {
        let edge = super::PanelEdge::of(ui, "details", egui::Key::ArrowLeft);
        edge.keys(ui);
        let panel = egui::Panel::right("details")
            .resizable(true)
            .default_size(330.0)
            .size_range(260.0..=560.0)
            .show(ui, |ui| panel_body(ui, state, actions));
        edge.ring(ui);
        beside = panel.response.rect.width();
        Some((panel.response.rect, panel.inner))
    };
    // F6 enters the panel at its close button; Tab goes on into what it shows.
    if let Some((area, close)) = shown {
        marks.area(Part::SidePanel, area, Some(Entry::Control(close)));
    }
    beside
}

/// The chosen tab's title and a close button, then what the tab shows. The tabs themselves are
/// in the toolbar, right above the panel. Returns the close button's id.
fn panel_body(ui: &mut egui::Ui, state: &State, actions: &mut Vec<Action>) -> egui::Id {
    ui.add_space(4.0);
    let close = ui.horizontal(|ui| {
        let title = match state.view.side_tab {
            SideTab::Details => "Details".to_string(),
            SideTab::Caveats => format!("Caveats & actions ({})", state.assessment.caveats.len()),
            SideTab::Sources => "Sources".to_string(),
            SideTab::Changes => format!("Changes since the brief ({})", state.changes.len()),
        };
        ui.label(style::bold(title));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let close = ui
                .add(egui::Button::new("×").frame(false))
                .on_hover_text("Close the panel (Esc)");
            close
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Close panel"));
            style::ring_if_focused(ui, &close);
            if close.clicked() {
                actions.push(Action::CloseSidePanel);
            }
            close.id
        })
        .inner
    });
    ui.separator();
    // A scroll position of its own for each showing (a tab chosen, a cell selected): what
    // opens is read from its heading, never from wherever the last one was left.
    egui::ScrollArea::vertical()
        .id_salt(("side", state.view.side_shown))
        .auto_shrink([false, false])
        .show(ui, |ui| match state.view.side_tab {
            SideTab::Details => details(ui, state, actions),
            SideTab::Caveats => caveats(ui, &state.assessment, None),
            SideTab::Sources => sources(ui, &state.assessment),
            SideTab::Changes => changes(ui, state, actions),
        });
    close.inner
}

fn details(ui: &mut egui::Ui, state: &State, actions: &mut Vec<Action>) {
    let Some(sel) = &state.view.selection else {
        ui.add(
            egui::Label::new(
                egui::RichText::new("Click a cell or a verdict to see where it comes from: the source, the place in it, the words, and when it was verified.")
                    .weak(),
            )
            .wrap(),
        );
        return;
    };
    let shown = match sel {
        Selection::Cell {
            attribute,
            offering,
        } => cell_details(ui, state, attribute, offering),
        Selection::Verdict {
            requirement,
            offering,
        } => verdict_details(ui, state, requirement, offering, actions),
    };
    // A cell or verdict gone from the assessment gets no button to close it by.
    if shown.is_none() {
        return;
    }
    ui.add_space(8.0);
    if ui.button("Close details").clicked() {
        actions.push(Action::ClearSelection);
    }
}

/// A cell's value, how it stands, its sources and the caveats of its offering; `None` when the
/// assessment no longer has its row.
fn cell_details(ui: &mut egui::Ui, state: &State, attribute: &str, offering: &str) -> Option<()> {
    let a = &state.assessment;
    let row = a.rows.iter().find(|r| r.attribute == attribute)?;
    let Some(cell) = row.cells.iter().find(|c| c.offering == offering) else {
        ui.label("That offering is no longer compared.");
        return None;
    };
    ui.label(egui::RichText::new(a.offering_name(offering)).weak());
    ui.add(egui::Label::new(style::heading(&row.name)).wrap());
    if !row.question.is_empty() {
        ui.label(egui::RichText::new(&row.question).italics().weak());
    }
    ui.add_space(4.0);
    ui.add(egui::Label::new(style::bold(&cell.text).size(16.0)).wrap());
    if cell.unknown {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "Unknown: the source does not say. Treated as not established — never as good.",
        );
    }
    if let Some(op) = &cell.changed_by {
        ui.label(format!("◆ Changed by the option \"{}\"", op.title));
    }
    if !cell.note.is_empty() && cell.changed_by.is_none() {
        ui.add(egui::Label::new(&cell.note).wrap());
    }
    ui.add_space(6.0);
    if cell.disputed {
        let (fill, fg) = style::disputed_colors(state.prefs.dark);
        egui::Frame::new()
            .fill(fill)
            .corner_radius(4.0)
            .inner_margin(6.0)
            .show(ui, |ui| {
                ui.add(
                    egui::Label::new(style::bold("≠ Sources disagree on this value").color(fg))
                        .wrap(),
                );
            });
        ui.add_space(4.0);
        claims_side_by_side(ui, &cell.claims, state.prefs.dark);
    } else if cell.claims.len() > 1 {
        ui.label(style::bold(format!(
            "{} sources say this",
            cell.claims.len()
        )));
        claims_side_by_side(ui, &cell.claims, state.prefs.dark);
    } else {
        citations(ui, &cell.cites);
    }
    let name = a.offering_name(offering).to_string();
    let applicable: Vec<&AppliedCaveat> = a
        .caveats
        .iter()
        .filter(|c| c.offerings.contains(&name))
        .collect();
    if !applicable.is_empty() {
        ui.add_space(6.0);
        ui.label(style::bold(format!("Caveats for {name}")));
        for c in applicable {
            caveat(ui, c);
        }
    }
    Some(())
}

/// A verdict, why, what would make it fit, each source's reading, its sources and caveats;
/// `None` when the assessment no longer has it.
fn verdict_details(
    ui: &mut egui::Ui,
    state: &State,
    requirement: &str,
    offering: &str,
    actions: &mut Vec<Action>,
) -> Option<()> {
    let a = &state.assessment;
    let r = a.requirements.iter().find(|r| r.id == requirement)?;
    let v = r.verdicts.iter().find(|v| v.offering == offering)?;
    ui.label(egui::RichText::new(a.offering_name(offering)).weak());
    ui.add(egui::Label::new(style::heading(&r.title)).wrap());
    ui.label(egui::RichText::new(&r.explain).italics().weak());
    ui.add_space(4.0);
    let (fill, text) = style::verdict_colors(v.kind, state.prefs.dark);
    egui::Frame::new()
        .fill(fill)
        .corner_radius(4.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.label(style::bold(format!("{} {}", v.kind.symbol(), v.label)).color(text));
            if let Some(note) = v.full_view_note() {
                ui.add(egui::Label::new(style::bold(note)).wrap());
            }
        });
    ui.add(egui::Label::new(&v.reason).wrap());
    if !v.fits_with.is_empty() && !state.view.presentation {
        // The condition as something to do: each option that would make it a fit.
        ui.add_space(4.0);
        ui.label(style::bold("Switch on to make it ✓ Fits"));
        for op in &v.fits_with {
            let b = ui
                .button(format!("Switch on \u{201c}{}\u{201d}", op.title))
                .on_hover_text(
                    "Only if it is true for this client: an option states a fact about \
                     their contract or setup.",
                );
            if b.clicked() {
                actions.push(Action::Edit(Edit::Option(op.id.clone(), true)));
            }
        }
    }
    if !v.readings.is_empty() {
        ui.add_space(6.0);
        ui.label(style::bold("Each source's reading"));
        for r in &v.readings {
            let (fill, text) = style::verdict_colors(r.kind, state.prefs.dark);
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                egui::Frame::new()
                    .fill(fill)
                    .corner_radius(3.0)
                    .inner_margin(3.0)
                    .show(ui, |ui| {
                        ui.label(
                            style::bold(format!("{} {}", r.kind.symbol(), r.label)).color(text),
                        );
                    });
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(format!(
                            "As {} reads it ({})",
                            r.source_names.join(", "),
                            state.assessment.reading_age(r)
                        ))
                        .weak(),
                    )
                    .wrap(),
                );
                ui.add(egui::Label::new(&r.reason).wrap());
            });
        }
    }
    ui.add_space(6.0);
    citations(ui, &v.cites);
    if !v.caveats.is_empty() {
        ui.add_space(6.0);
        ui.label(style::bold("Caveats that travel with this verdict"));
        for id in &v.caveats {
            if let Some(c) = a.caveat(id) {
                caveat(ui, c);
            }
        }
    }
    Some(())
}

pub fn citations(ui: &mut egui::Ui, cites: &[CiteView]) {
    if cites.is_empty() {
        return;
    }
    ui.label(style::bold("Sources"));
    for c in cites {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.add(
                egui::Label::new(
                    egui::RichText::new(format!("{} — {}", c.source_title, c.publisher)).strong(),
                )
                .wrap(),
            );
            ui.label(format!("§ {}", c.locator));
            if !c.quote.is_empty() {
                ui.add(
                    egui::Label::new(egui::RichText::new(format!("“{}”", c.quote)).italics())
                        .wrap(),
                );
            }
            match c.stale_by_days {
                Some(d) => ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("⚠ Verified {} — review overdue by {d} days", c.verified),
                ),
                None => ui.label(format!("Verified {}", c.verified)),
            };
        });
    }
}

/// Columns narrower than this wrap every few words: the claims stack instead.
const NARROWEST_CLAIM_COLUMN: f32 = 200.0;

/// Each source's claim on one cell, newest first, in columns so they read side by side, or one
/// under another when the panel is too narrow for columns of a readable width.
pub fn claims_side_by_side(ui: &mut egui::Ui, claims: &[ClaimView], dark: bool) {
    if claims.is_empty() {
        ui.label(egui::RichText::new("No source read states this.").weak());
        return;
    }
    let fit = (ui.available_width() / NARROWEST_CLAIM_COLUMN)
        .floor()
        .max(1.0) as usize;
    let per_row = claims.len().clamp(1, 3).min(fit);
    for chunk in claims.chunks(per_row) {
        ui.columns(per_row, |cols| {
            for (col, c) in cols.iter_mut().zip(chunk) {
                // Columns are justified layouts, which would justify the quotes' text too.
                col.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                    claim(ui, c, dark)
                });
            }
        });
    }
}

fn claim(ui: &mut egui::Ui, c: &ClaimView, dark: bool) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let value = style::bold(&c.text);
        let value = if c.value == crate::model::Value::Unknown {
            value.color(ui.visuals().warn_fg_color)
        } else {
            value
        };
        ui.add(egui::Label::new(value).wrap());
        let relation = match c.relation {
            crate::model::Relation::Agrees => "",
            crate::model::Relation::Refines => " · refines",
            crate::model::Relation::Disputes => " · disputes",
        };
        ui.add(
            egui::Label::new(
                egui::RichText::new(format!("{}{relation}", c.source_short))
                    .strong()
                    .color(if c.relation == crate::model::Relation::Disputes {
                        style::disputed_colors(dark).1
                    } else {
                        ui.visuals().text_color()
                    }),
            )
            .wrap(),
        );
        let mut dates = c.source_kind.label().to_string();
        if !c.page_date.is_empty() {
            dates.push_str(&format!(" · page dated {}", c.page_date));
        }
        dates.push_str(&format!(" · checked {}", c.checked));
        ui.add(egui::Label::new(egui::RichText::new(dates).small().weak()).wrap());
        for x in &c.cites {
            if !x.quote.is_empty() {
                ui.add(
                    egui::Label::new(egui::RichText::new(format!("“{}”", x.quote)).italics())
                        .wrap(),
                );
            }
            ui.label(
                egui::RichText::new(format!("§ {}", x.locator))
                    .small()
                    .weak(),
            );
        }
        if !c.note.is_empty() {
            ui.add(egui::Label::new(egui::RichText::new(&c.note).small()).wrap());
        }
        if !c.url.is_empty() {
            let link = ui
                .hyperlink_to("Open the page in the browser", &c.url)
                .on_hover_text(&c.url);
            style::ring_if_focused(ui, &link);
        }
    });
}

fn caveat(ui: &mut egui::Ui, c: &AppliedCaveat) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let kind = match c.kind {
            CaveatKind::Caveat => "⚠ Caveat",
            CaveatKind::Action => "→ Action",
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(kind).weak());
            if c.internal {
                ui.label(
                    egui::RichText::new("INTERNAL")
                        .small()
                        .strong()
                        .color(ui.visuals().warn_fg_color),
                );
            }
        });
        ui.add(egui::Label::new(style::bold(&c.title)).wrap());
        ui.add(egui::Label::new(&c.text).wrap());
        if !c.offerings.is_empty() {
            ui.label(
                egui::RichText::new(format!("Applies to: {}", c.offerings.join(", ")))
                    .small()
                    .weak(),
            );
        }
        // Where it comes from, as the brief gives it.
        for cite in &c.cites {
            let mut line = format!("Source: {} — § {}", cite.source_title, cite.locator);
            if let Some(d) = cite.stale_by_days {
                line.push_str(&format!(" · ⚠ review overdue by {d} days"));
            }
            ui.add(egui::Label::new(egui::RichText::new(line).small().weak()).wrap());
        }
    });
}

pub fn caveats(ui: &mut egui::Ui, a: &Assessment, only: Option<&str>) {
    if a.caveats.is_empty() {
        ui.label(egui::RichText::new("No caveats apply to this selection.").weak());
    }
    for kind in [CaveatKind::Caveat, CaveatKind::Action] {
        let list: Vec<&AppliedCaveat> = a
            .caveats
            .iter()
            .filter(|c| c.kind == kind && only.is_none_or(|o| c.offerings.iter().any(|n| n == o)))
            .collect();
        if list.is_empty() {
            continue;
        }
        ui.label(style::heading(if kind == CaveatKind::Caveat {
            "Caveats"
        } else {
            "Actions"
        }));
        for c in list {
            caveat(ui, c);
        }
        ui.add_space(6.0);
    }
    if a.scenario.audience == crate::model::Audience::Internal {
        // The internal audience expects internal notes: say so when none applies, rather than
        // leave the reader wondering whether they are hidden.
        if !a.caveats.iter().any(|c| c.internal) {
            ui.label(egui::RichText::new("No internal note applies to this selection.").weak());
        }
        if let Some(notes) = &a.scenario.notes
            && !notes.trim().is_empty()
        {
            ui.label(style::heading("Internal notes"));
            ui.add(egui::Label::new(notes).wrap());
        }
    }
}

fn sources(ui: &mut egui::Ui, a: &Assessment) {
    ui.add(egui::Label::new(egui::RichText::new(&a.staleness.message).strong()).wrap());
    ui.add_space(6.0);
    ui.add(
        egui::Label::new(egui::RichText::new(format!("Reading: {}", a.view.label)).weak()).wrap(),
    );
    ui.add_space(4.0);
    for s in a.sources.iter().filter(|s| s.read) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.add(egui::Label::new(style::bold(&s.title)).wrap());
            ui.label(format!("{} · {}", s.publisher, s.kind_label));
            if !s.url.is_empty() {
                let link = ui.hyperlink_to(&s.url, &s.url);
                style::ring_if_focused(ui, &link);
            }
            if !s.updated.is_empty() {
                ui.label(format!("Page dated {}", s.updated));
            }
            ui.label(format!(
                "Verified {} ({} days ago) · review every {} days",
                s.verified, s.days_since_verified, s.review_every_days
            ));
            ui.add(egui::Label::new(format!("Checked in: {}", s.verification.describe())).wrap());
            match s.stale_by_days {
                Some(d) => ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "⚠ Verified {} days ago; review overdue by {d} days (due {})",
                        s.days_since_verified, s.review_due
                    ),
                ),
                None => ui.label(format!("Next review due {}", s.review_due)),
            };
            if !s.note.is_empty() {
                ui.add(egui::Label::new(egui::RichText::new(&s.note).small().weak()).wrap());
            }
            ui.label(
                egui::RichText::new(format!("Cited {} times in this view", s.cited))
                    .small()
                    .weak(),
            );
        });
    }
}

/// What changed since the reopened brief, each item a way to its cell or verdict.
fn changes(ui: &mut egui::Ui, state: &State, actions: &mut Vec<Action>) {
    use crate::engine::changes::{ChangeKind, Place};
    let Some(b) = &state.since_brief else {
        ui.label(egui::RichText::new("Reopen a brief to see what changed since.").weak());
        return;
    };
    ui.label(style::heading(format!(
        "Changes since the brief of {}",
        b.date
    )));
    if let Some(note) = &b.policy_note {
        ui.add(egui::Label::new(egui::RichText::new(format!("Note: {note}")).weak()).wrap());
    }
    ui.label(
        egui::RichText::new(
            "On the brief's own scenario: its offerings, options, requirements and sources.",
        )
        .weak(),
    );
    let mut include = state.view.changes_in_brief;
    if ui
        .checkbox(&mut include, "Include this list in the next brief")
        .changed()
    {
        actions.push(Action::SetChangesInBrief(include));
    }
    if state.changes.is_empty() {
        ui.label(
            "Nothing has changed: every value, verdict, caveat and source is as the brief has it.",
        );
    }
    edits_since_reopening(ui, state);
    if state.changes.is_empty() {
        return;
    }
    ui.label(
        egui::RichText::new(
            "Changed cells and verdicts are outlined in the table while this list is open.",
        )
        .weak(),
    );
    for c in &state.changes {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            // A dispute that went is no longer in the table to be shown.
            let target =
                if matches!(c.place, Place::Cell { .. }) && c.kind == ChangeKind::DisputeWent {
                    None
                } else {
                    Selection::of_place(&c.place)
                };
            let line = c.line();
            match target {
                Some(sel) => {
                    let link = ui.link(&line).on_hover_text("Show its details");
                    style::ring_if_focused(ui, &link);
                    if link.clicked() {
                        actions.push(Action::Select(sel));
                    }
                }
                None => {
                    ui.add(egui::Label::new(line).wrap());
                }
            }
        });
    }
}

/// "Your edits since reopening": what the user changed in the reopened scenario, apart from
/// what changed in the facts.
fn edits_since_reopening(ui: &mut egui::Ui, state: &State) {
    if state.edits_since_brief.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(style::bold("Your edits since reopening"));
    for e in &state.edits_since_brief {
        ui.add(egui::Label::new(format!("• {e}")).wrap());
    }
    ui.add_space(6.0);
}
