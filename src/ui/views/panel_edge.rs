//! A resizable panel's edge, made a splitter the keyboard can use.

/// The edge of a resizable panel, which the pointer drags. egui also makes it a Tab stop (a
/// splitter, to a screen reader) but draws nothing on it and gives it no keys. Here it works as
/// a desktop splitter does: with the focus it shows the ring, and the arrow keys move it a step,
/// through the same request a screen reader's "increase" sends.
pub struct PanelEdge {
    id: egui::Id,
    grow: egui::Key,
    shrink: egui::Key,
}

impl PanelEdge {
    /// The edge of the panel with id salt `panel`, shown in `ui`; `grow` is the arrow key that
    /// widens the panel (→ for a left panel).
    pub fn of(ui: &egui::Ui, panel: &str, grow: egui::Key) -> Self {
        use egui::Key::{ArrowDown, ArrowLeft, ArrowRight, ArrowUp};
        // egui names the edge after the panel: the panel's id, then "__resize". The test that
        // walks every Tab stop fails if that changes.
        let id = ui
            .scope_id()
            .with_salt(egui::IdSalt::new(panel))
            .with("__resize");
        let shrink = match grow {
            ArrowRight => ArrowLeft,
            ArrowLeft => ArrowRight,
            ArrowDown => ArrowUp,
            _ => ArrowDown,
        };
        PanelEdge { id, grow, shrink }
    }

    /// Before the panel is shown: the arrow keys pressed on the focused edge become steps.
    pub fn keys(&self, ui: &egui::Ui) {
        use egui::accesskit::{Action, ActionRequest, TreeId};
        let id = self.id;
        if !ui.memory(|m| m.has_focus(id)) {
            return;
        }
        // The arrows move the edge, not the focus.
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                id,
                egui::EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    ..Default::default()
                },
            );
        });
        ui.input_mut(|i| {
            let none = egui::Modifiers::NONE;
            let steps = [
                (i.count_and_consume_key(none, self.grow), Action::Increment),
                (
                    i.count_and_consume_key(none, self.shrink),
                    Action::Decrement,
                ),
            ];
            for (n, action) in steps {
                for _ in 0..n {
                    i.events
                        .push(egui::Event::AccessKitActionRequest(ActionRequest {
                            action,
                            target_tree: TreeId::ROOT,
                            target_node: id.accesskit_id(),
                            data: None,
                        }));
                }
            }
        });
    }

    /// After the panel is shown: the ring on the focused edge.
    /// After the panel is shown: the ring on the focused edge, and a word on what the keys do
    /// (a bare edge with a ring says nothing of itself).
    pub fn ring(&self, ui: &egui::Ui) {
        let Some(r) = ui.ctx().read_response(self.id) else {
            return;
        };
        if !r.has_focus() {
            return;
        }
        let visuals = ui.visuals();
        let painter = ui.ctx().layer_painter(r.layer_id);
        crate::ui::style::focus_ring(&painter, r.rect, visuals);
        let keys = if matches!(self.grow, egui::Key::ArrowUp | egui::Key::ArrowDown) {
            "↑ ↓ resize the panel"
        } else {
            "← → resize the panel"
        };
        let on_top = ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Tooltip,
            self.id.with("keys"),
        ));
        let text = on_top.layout_no_wrap(
            keys.to_string(),
            egui::FontId::proportional(12.0),
            visuals.strong_text_color(),
        );
        // Halfway along the edge, over the panel's own side of it, never over the table.
        let gap = 10.0;
        let at = match self.grow {
            // A left panel: the hint at the edge's left.
            egui::Key::ArrowRight => egui::Align2::RIGHT_CENTER
                .anchor_size(r.rect.left_center() - egui::vec2(gap, 0.0), text.size()),
            // A right panel: at its right.
            egui::Key::ArrowLeft => egui::Align2::LEFT_CENTER
                .anchor_size(r.rect.right_center() + egui::vec2(gap, 0.0), text.size()),
            // A top panel: above it.
            _ => egui::Align2::CENTER_BOTTOM
                .anchor_size(r.rect.center_top() - egui::vec2(0.0, gap), text.size()),
        };
        let clamp = ui.ctx().content_rect().shrink(4.0);
        let at = at.translate(egui::vec2(
            (clamp.left() - at.left()).max(0.0) + (clamp.right() - at.right()).min(0.0),
            0.0,
        ));
        on_top.rect(
            at.expand(5.0),
            4.0,
            visuals.window_fill,
            visuals.window_stroke,
            egui::StrokeKind::Outside,
        );
        on_top.galley(at.min, text, visuals.strong_text_color());
    }
}
