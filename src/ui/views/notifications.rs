//! Unobtrusive notifications in the bottom-right corner. Information goes after a few seconds
//! (longer when it offers a button, except in presentation); errors stay until dismissed. The three newest are shown,
//! the others counted; dismissing one never slides another under the pointer.

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
        // Information goes by itself; with buttons ("Open"), it stays longer to be used, but
        // not on a client's screen, where it covers the comparison.
        let lasts = if n.actions.is_empty() || state.view.presentation {
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
    // The stack is anchored at the bottom right and grows upwards, oldest on top. A notice
    // dismissed under the pointer leaves its space until the pointer leaves the stack, so no
    // other notice slides under the pointer (egui's memory keeps those gaps: view state).
    let area_id = egui::Id::unique("notifications");
    let gaps_id = area_id.with("gaps");
    let heights_id = area_id.with("heights");
    let mut gaps: Vec<(u64, f32)> = ctx.data(|d| d.get_temp(gaps_id)).unwrap_or_default();
    let heights: Vec<(u64, f32)> = ctx.data(|d| d.get_temp(heights_id)).unwrap_or_default();
    let shown: Vec<&crate::ui::state::Notification> = {
        let n = state.notifications.len();
        state
            .notifications
            .iter()
            .skip(n.saturating_sub(MOST_SHOWN))
            .collect()
    };
    let hidden = state.notifications.len() - shown.len();
    // A notice that was shown last frame and is gone now leaves a gap while hovered.
    let hovered = ctx
        .memory(|m| m.area_rect(area_id))
        .zip(ctx.pointer_hover_pos())
        .is_some_and(|(r, p)| r.contains(p));
    if hovered {
        for (id, h) in &heights {
            if !shown.iter().any(|n| n.id == *id) && !gaps.iter().any(|(g, _)| g == id) {
                gaps.push((*id, *h));
            }
        }
    } else {
        gaps.clear();
    }
    let mut new_heights: Vec<(u64, f32)> = Vec::new();
    egui::Area::new(area_id)
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -16.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            ui.set_max_width(420.0);
            if hidden > 0 {
                ui.label(egui::RichText::new(format!("{hidden} more")).weak());
            }
            let mut ids: Vec<u64> = shown
                .iter()
                .map(|n| n.id)
                .chain(gaps.iter().map(|g| g.0))
                .collect();
            ids.sort_unstable();
            for id in ids {
                if let Some((_, h)) = gaps.iter().find(|(g, _)| *g == id) {
                    ui.add_space(*h);
                    continue;
                }
                let Some(n) = shown.iter().find(|n| n.id == id) else {
                    continue;
                };
                let top = ui.cursor().top();
                notice(ui, n, actions);
                ui.add_space(6.0);
                new_heights.push((n.id, ui.cursor().top() - top));
            }
        });
    ctx.data_mut(|d| {
        d.insert_temp(gaps_id, gaps);
        d.insert_temp(heights_id, new_heights);
    });
}

/// At most this many notices show at once; the older ones are counted ("2 more").
const MOST_SHOWN: usize = 3;

fn notice(ui: &mut egui::Ui, n: &crate::ui::state::Notification, actions: &mut Vec<Action>) {
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
}
