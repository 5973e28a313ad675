//! Unobtrusive notifications in the bottom-right corner. Information goes after a few seconds
//! (longer when it offers a button); errors stay until dismissed. At most five are shown.

use crate::ui::state::NoticeKind;
use crate::ui::{Action, State};

const INFO_SECONDS: f64 = 6.0;
const INFO_WITH_ACTIONS_SECONDS: f64 = 20.0;

pub fn show(ctx: &egui::Context, state: &State, actions: &mut Vec<Action>) {
    if state.notifications.is_empty() {
        return;
    }
    let now = ctx.input(|i| i.time);
    for n in &state.notifications {
        // Information goes by itself; with buttons ("Open"), it stays longer to be used.
        let lasts = if n.actions.is_empty() {
            INFO_SECONDS
        } else {
            INFO_WITH_ACTIONS_SECONDS
        };
        if n.kind == NoticeKind::Info && n.shown_at.is_some_and(|t| now - t > lasts) {
            actions.push(Action::DismissNotification(n.id));
        }
    }
    if state
        .notifications
        .iter()
        .any(|n| n.kind == NoticeKind::Info)
    {
        ctx.request_repaint_after(std::time::Duration::from_millis(500));
    }
    egui::Area::new(egui::Id::unique("notifications"))
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -16.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            ui.set_max_width(420.0);
            for n in &state.notifications {
                let error = n.kind == NoticeKind::Error;
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let mark = if error { "✗" } else { "✓" };
                        let color = if error {
                            ui.visuals().error_fg_color
                        } else {
                            ui.visuals().text_color()
                        };
                        ui.label(egui::RichText::new(mark).color(color));
                        ui.add(egui::Label::new(egui::RichText::new(&n.text).color(color)).wrap());
                    });
                    ui.horizontal(|ui| {
                        for (label, action) in &n.actions {
                            if ui.button(label).clicked() {
                                actions.push(action.clone());
                            }
                        }
                        if ui.small_button("Dismiss").clicked() {
                            actions.push(Action::DismissNotification(n.id));
                        }
                    });
                });
                ui.add_space(6.0);
            }
        });
}
