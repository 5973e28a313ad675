//! Keyboard shortcuts, read once per frame from the command list (see [`Command::shortcut`]).

use egui::{Key, Modifiers};

use crate::ui::{Action, Command, State};

pub fn collect(ctx: &egui::Context, state: &State, actions: &mut Vec<Action>) {
    // While a modal asks something, its own buttons are the only way on.
    if state.modal() {
        return;
    }
    // The palette takes the keys while it is open (it handles Esc, Enter and the arrows itself).
    if state.view.palette.is_some() {
        return;
    }
    // Esc in a text field only leaves the field; elsewhere it closes what is open. (egui has
    // already taken the focus away when this frame sees the Esc: ask about the last frame.)
    let typing = state.was_typing;
    ctx.input_mut(|i| {
        for &command in by_specificity() {
            if command.shortcut_handled_by_egui() {
                continue;
            }
            // egui matches a shortcut without Alt to keys pressed with it, and AltGr (how many
            // keyboards type ż, ę, ś) arrives as Ctrl+Alt: so Alt held never runs a Ctrl command.
            if let Some(shortcut) = command.shortcut()
                && (!i.modifiers.alt || shortcut.modifiers.alt)
                && i.consume_shortcut(&shortcut)
            {
                actions.push(Action::Run(command));
            }
        }
        if !typing && state.view.side_open && i.consume_key(Modifiers::NONE, Key::Escape) {
            actions.push(Action::CloseSidePanel);
        } else if state.view.presentation && i.consume_key(Modifiers::NONE, Key::Escape) {
            actions.push(Action::Run(Command::Presentation));
        }
    });
}

/// Commands with more modifier keys first, so Ctrl+Shift+S is never taken as Ctrl+S (egui
/// matches a shortcut without Shift to a key pressed with it).
fn by_specificity() -> &'static [Command] {
    static ORDER: std::sync::LazyLock<Vec<Command>> = std::sync::LazyLock::new(specific_first);
    &ORDER
}

fn specific_first() -> Vec<Command> {
    let mut all = Command::ALL.to_vec();
    let keys = |c: &Command| {
        c.shortcut().map_or(0, |s| {
            let m = s.modifiers;
            usize::from(m.shift) + usize::from(m.alt) + usize::from(m.command || m.ctrl)
        })
    };
    all.sort_by_key(|c| std::cmp::Reverse(keys(c)));
    all
}
