//! The staleness banner: visible without looking for it whenever a cited source is overdue.

use crate::ui::actions::SideTab;
use crate::ui::{Action, PostureApp, style};

pub fn show(ui: &mut egui::Ui, app: &PostureApp, actions: &mut Vec<Action>) {
    let a = &app.assessment;
    let warnings = &a.warnings;
    if !a.staleness.any_stale && warnings.is_empty() {
        return;
    }
    let (fill, text) = style::warning_colors(app.dark);
    egui::Panel::top("staleness")
        .frame(
            egui::Frame::new()
                .fill(fill)
                .inner_margin(egui::Margin::symmetric(12, 6)),
        )
        .show(ui, |ui| {
            if a.staleness.any_stale {
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new("⚠").color(text).size(16.0));
                    ui.label(style::bold(a.staleness.message.clone()).color(text));
                    ui.label(
                        egui::RichText::new(
                            "Re-verify before relying on these facts; stale cells are marked ●.",
                        )
                        .color(text),
                    );
                    if ui
                        .link(egui::RichText::new("Sources").color(text))
                        .clicked()
                    {
                        actions.push(Action::SetSideTab(SideTab::Sources));
                    }
                });
            }
            for w in warnings {
                ui.label(egui::RichText::new(format!("⚠ {w}")).color(text));
            }
        });
}
