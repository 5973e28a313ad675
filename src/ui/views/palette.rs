//! The command palette (Ctrl+Shift+P): every command that can run now, found by typing part of
//! its name; the arrow keys choose, Enter runs, Esc closes. Made from the command list, with
//! each command's shortcut beside it, so it also teaches the keyboard.

use egui::{Key, Modifiers};

use crate::ui::{Action, Command, State};

/// The commands the palette offers for what is typed, in menu order.
pub fn entries(state: &State) -> Vec<Command> {
    let query = state.view.palette.as_ref().map_or("", |p| p.query.as_str());
    Command::ALL
        .iter()
        .copied()
        .filter(|c| *c != Command::CommandPalette && state.can_run(*c) && c.matches(query))
        .collect()
}

pub fn show(ctx: &egui::Context, state: &State, actions: &mut Vec<Action>) {
    let Some(palette) = &state.view.palette else {
        return;
    };
    if state.modal() {
        return;
    }
    let found = entries(state);
    let selected = palette.selected.min(found.len().saturating_sub(1));
    // Taken before the text field sees them: in a one-line field they would move the cursor.
    let (down, up, enter, escape) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
            i.consume_key(Modifiers::NONE, Key::Enter),
            i.consume_key(Modifiers::NONE, Key::Escape),
        )
    });
    if down || up {
        actions.push(Action::PaletteMove(if down { 1 } else { -1 }));
    }
    if escape {
        actions.push(Action::ClosePalette);
        return;
    }
    if enter && let Some(&c) = found.get(selected) {
        actions.push(Action::Run(c));
        return;
    }
    // Near the top, where the eye already is, rather than in the middle of the table.
    let id = egui::Id::unique("command-palette");
    let area =
        egui::Modal::default_area(id).anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0));
    let modal = egui::Modal::new(id).area(area);
    let response = modal.show(ctx, |ui| {
        ui.set_width(520.0);
        let mut query = palette.query.clone();
        let field = ui.add(
            egui::TextEdit::singleline(&mut query)
                .hint_text("Type a command — e.g. export, theme, undo")
                .desired_width(f32::INFINITY),
        );
        field.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Command palette")
        });
        // The field keeps the keyboard while the palette is open.
        if !field.has_focus() {
            field.request_focus();
        }
        if field.changed() {
            actions.push(Action::PaletteQuery(query));
        }
        ui.add_space(4.0);
        if found.is_empty() {
            ui.label(egui::RichText::new("No command matches.").weak());
        }
        egui::ScrollArea::vertical()
            .max_height(380.0)
            .show(ui, |ui| {
                for (i, &c) in found.iter().enumerate() {
                    // A setting that is on says so, as in the menus.
                    let label = match state.is_on(c) {
                        Some(true) => format!("✓ {}", c.label()),
                        _ => c.label().to_string(),
                    };
                    let mut b = egui::Button::selectable(i == selected, label)
                        .min_size(egui::vec2(ui.available_width(), 0.0));
                    if let Some(s) = c.shortcut() {
                        b = b.shortcut_text(ui.ctx().format_shortcut(&s));
                    }
                    let r = ui.add(b);
                    if i == selected && (up || down) {
                        r.scroll_to_me(None);
                    }
                    if r.clicked() {
                        actions.push(Action::Run(c));
                    }
                }
            });
        ui.add_space(2.0);
        ui.label(
            egui::RichText::new("↑ ↓ choose · Enter runs · Esc closes")
                .small()
                .weak(),
        );
    });
    if response.should_close() {
        actions.push(Action::ClosePalette);
    }
}
