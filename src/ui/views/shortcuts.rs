//! Keyboard shortcuts, shown in the menus and handled here once per frame.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::ui::{Action, PostureApp};

pub const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub const OPEN_POLICIES: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::O);
pub const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
pub const PRESENT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
pub const DIFFERENCES: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::D);
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
pub const CAVEATS: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::K);
pub const THEME: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::T);
pub const ZOOM_IN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus);
pub const ZOOM_OUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus);
pub const ZOOM_RESET: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);

pub fn collect(ctx: &egui::Context, app: &PostureApp, actions: &mut Vec<Action>) {
    // While a modal asks something, its own buttons are the only way on.
    if app.pending.is_some() || app.path_prompt.is_some() || app.confirm_replace.is_some() {
        return;
    }
    // Esc in a text field only leaves the field; elsewhere it closes what is open. (egui has
    // already taken the focus away when this frame sees the Esc: ask about the last frame.)
    let typing = app.was_typing;
    ctx.input_mut(|i| {
        // Longer combinations first, so Ctrl+Shift+S is not taken as Ctrl+S.
        let table: [(KeyboardShortcut, Action); 13] = [
            (SAVE_AS, Action::SaveScenarioAsDialog),
            (OPEN_POLICIES, Action::OpenPoliciesDialog),
            (REDO, Action::Redo),
            (THEME, Action::SetDark(!app.dark)),
            (NEW, Action::NewScenario),
            (OPEN, Action::OpenScenarioDialog),
            (SAVE, Action::SaveScenario),
            (EXPORT, Action::ExportBriefDialog),
            (QUIT, Action::Quit),
            (UNDO, Action::Undo),
            (PRESENT, Action::TogglePresentation),
            (
                DIFFERENCES,
                Action::SetOnlyDifferences(!app.view.only_differences),
            ),
            (
                CAVEATS,
                Action::SetSideTab(crate::ui::actions::SideTab::Caveats),
            ),
        ];
        for (shortcut, action) in table {
            if i.consume_shortcut(&shortcut) {
                actions.push(action);
            }
        }
        if !typing && app.view.side_open && i.consume_key(Modifiers::NONE, Key::Escape) {
            actions.push(Action::CloseSidePanel);
        } else if app.view.presentation && i.consume_key(Modifiers::NONE, Key::Escape) {
            actions.push(Action::TogglePresentation);
        }
    });
}
