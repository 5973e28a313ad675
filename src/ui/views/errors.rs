//! The policy-set error panel: every problem of a set that failed to load, with file:line:column,
//! while the app keeps working on the previous set.

use crate::ui::{Action, State, style};

pub fn show(ui: &mut egui::Ui, state: &State, actions: &mut Vec<Action>) {
    if state.policy_errors.is_empty() {
        return;
    }
    let edge = super::PanelEdge::of(ui, "policy-errors", egui::Key::ArrowDown);
    edge.keys(ui);
    // At the top, under the menu: seen at once, and never under the notifications.
    egui::Panel::top("policy-errors")
        .resizable(true)
        .default_size(160.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(style::heading(format!(
                    "Policy set not loaded: {} error{}",
                    state.policy_errors.len(),
                    if state.policy_errors.len() == 1 {
                        ""
                    } else {
                        "s"
                    }
                )));
                ui.label(
                    egui::RichText::new(format!(
                        "in {} — still showing \"{}\"",
                        state.policy_errors_from, state.policy.meta.name
                    ))
                    .weak(),
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Dismiss errors").clicked() {
                        actions.push(Action::DismissErrors);
                    }
                });
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(220.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for e in &state.policy_errors {
                        let place = if e.line > 0 {
                            format!("{}:{}:{}", e.file, e.line, e.column)
                        } else {
                            e.file.clone()
                        };
                        ui.horizontal_wrapped(|ui| {
                            ui.label(
                                egui::RichText::new(place)
                                    .monospace()
                                    .color(ui.visuals().error_fg_color),
                            );
                            ui.label(&e.message);
                        });
                    }
                });
        });
    edge.ring(ui);
}
