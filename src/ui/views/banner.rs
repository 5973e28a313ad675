//! The staleness banner: visible without looking for it whenever a cited source is overdue.

use crate::ui::actions::SideTab;
use crate::ui::{Action, State, style};

pub fn show(ui: &mut egui::Ui, state: &State, actions: &mut Vec<Action>) {
    let a = &state.assessment;
    let warnings = &a.warnings;
    if !a.staleness.any_stale && warnings.is_empty() {
        return;
    }
    if state.view.presentation {
        presentation_line(ui, state);
        return;
    }
    let (fill, text) = style::warning_colors(state.prefs.dark);
    egui::Panel::top("staleness")
        .frame(
            egui::Frame::new()
                .fill(fill)
                .inner_margin(egui::Margin::symmetric(12, 6)),
        )
        .show(ui, |ui| {
            if a.staleness.any_stale {
                // One galley for the whole message: cheaper each frame than a row of wrapped labels.
                let mut job = egui::text::LayoutJob::default();
                let body = egui::FontId::proportional(13.5);
                let fmt = |font: egui::FontId| egui::TextFormat {
                    font_id: font,
                    color: text,
                    ..Default::default()
                };
                job.append("⚠  ", 0.0, fmt(body.clone()));
                job.append(
                    &a.staleness.message,
                    0.0,
                    fmt(egui::FontId::new(13.5, style::bold_family())),
                );
                job.append(
                    "  Re-verify before relying on these facts; stale cells are marked ",
                    0.0,
                    fmt(body.clone()),
                );
                // The dot in the colour the cells and the legend give it.
                let dot = egui::TextFormat {
                    color: style::stale_color(state.prefs.dark),
                    ..fmt(body.clone())
                };
                job.append("●", 0.0, dot);
                job.append(".", 0.0, fmt(body));
                ui.horizontal(|ui| {
                    let width = (ui.available_width() - 70.0).max(100.0);
                    ui.scope(|ui| {
                        ui.set_max_width(width);
                        ui.add(egui::Label::new(job).wrap());
                    });
                    let sources = ui.link(egui::RichText::new("Sources").color(text));
                    style::ring_if_focused(ui, &sources);
                    if sources.clicked() {
                        actions.push(Action::SetSideTab(SideTab::Sources));
                    }
                });
            }
            for w in warnings {
                ui.label(egui::RichText::new(format!("⚠ {w}")).color(text));
            }
        });
}

/// On a client's screen: one quiet, factual line in place of the alarm — what was verified
/// when, and that a review is overdue. The same numbers as everywhere else.
fn presentation_line(ui: &mut egui::Ui, state: &State) {
    let a = &state.assessment;
    let read = a.sources.iter().filter(|s| s.read).count();
    let span = a.verified_span();
    let mut line = format!("Facts as verified {span}");
    if a.staleness.any_stale {
        // How far the overdue sources reach: the rows with a cell that cites one.
        let n = a.staleness.stale_sources;
        let rows = a.rows.len();
        let reached = a
            .rows
            .iter()
            .filter(|r| r.cells.iter().any(|c| c.stale))
            .count();
        line.push_str(&format!(
            " — {n} of {read} source{}, cited in {reached} of {rows} rows, {} overdue (marked",
            if read == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" }
        ));
    }
    let (_, text) = style::warning_colors(state.prefs.dark);
    let dot = style::stale_color(state.prefs.dark);
    egui::Panel::top("staleness")
        .frame(
            egui::Frame::new()
                .fill(ui.visuals().panel_fill)
                .inner_margin(egui::Margin::symmetric(12, 4)),
        )
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                if a.staleness.any_stale {
                    ui.label(egui::RichText::new("●").color(dot));
                }
                ui.label(egui::RichText::new(line).size(13.0));
                if a.staleness.any_stale {
                    // "●)", the dot in its own colour, in one piece with its bracket.
                    let font = egui::FontId::proportional(13.0);
                    let mut job = egui::text::LayoutJob::default();
                    job.append("●", 0.0, egui::TextFormat::simple(font.clone(), dot));
                    let plain = ui.visuals().text_color();
                    job.append(")", 0.0, egui::TextFormat::simple(font, plain));
                    ui.spacing_mut().item_spacing.x = 4.0;
                    ui.label(job);
                }
            });
            for w in &a.warnings {
                ui.label(egui::RichText::new(format!("⚠ {w}")).color(text));
            }
        });
}
