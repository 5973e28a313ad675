//! The menu bar (and, in presentation mode, the slim bar that replaces it), made from the command
//! list: each item shows its command's label, shortcut and state.

use egui::Button;

use crate::ui::command::Menu;
use crate::ui::landmarks::{Landmarks, Part};
use crate::ui::{Action, Command, State};

/// One command as a menu item: a check mark when it is on, its shortcut on the right.
fn item(ui: &mut egui::Ui, state: &State, command: Command, actions: &mut Vec<Action>) {
    let label = match state.is_on(command) {
        Some(true) => format!("✓ {}", command.label()),
        _ => command.label().to_string(),
    };
    let mut b = Button::new(label);
    if let Some(s) = command.shortcut() {
        b = b.shortcut_text(ui.ctx().format_shortcut(&s));
    }
    let mut r = ui.add_enabled(state.can_run(command), b);
    if !command.hint().is_empty() {
        r = r.on_hover_text(command.hint());
    }
    if r.clicked() {
        actions.push(Action::Run(command));
    }
}

pub fn show(ui: &mut egui::Ui, state: &State, actions: &mut Vec<Action>, marks: &mut Landmarks) {
    egui::Panel::top("menu").show(ui, |ui| {
        if state.view.presentation {
            let exit = presentation_bar(ui, state, actions);
            marks.control(Part::Menus, &exit);
            return;
        }
        let wanted = menu_key(ui, state);
        let mut buttons: Vec<egui::Response> = Vec::new();
        egui::MenuBar::new().ui(ui, |ui| {
            for (name, menu) in [
                ("File", Menu::File),
                ("Edit", Menu::Edit),
                ("View", Menu::View),
            ] {
                let r = ui.menu_button(name, |ui| menu_items(ui, state, menu, actions));
                buttons.push(r.response);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                policy_label(ui, state);
            });
        });
        for b in &buttons {
            marks.control(Part::Menus, b);
            // egui draws a menu bar's button with no frame, and a focused one only a shade
            // darker: the ring shows where the keyboard is.
            crate::ui::style::ring_if_focused(ui, b);
        }
        // With a menu open, ← and → go to the menu beside it, round at the ends, as menu
        // bars do.
        let open = buttons
            .iter()
            .position(|b| egui::Popup::is_id_open(ui.ctx(), egui::Popup::default_response_id(b)));
        let beside = open.filter(|_| !state.modal()).and_then(|i| {
            let n = buttons.len();
            ui.input_mut(|input| {
                let none = egui::Modifiers::NONE;
                if input.consume_key(none, egui::Key::ArrowRight) {
                    Some((i + 1) % n)
                } else if input.consume_key(none, egui::Key::ArrowLeft) {
                    Some((i + n - 1) % n)
                } else {
                    None
                }
            })
        });
        if beside.is_some() {
            // egui would also move the focus a step that way, from wherever it lands.
            ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        }
        if let Some(b) = wanted.or(beside).and_then(|k| buttons.get(k)) {
            egui::Popup::open_id(ui.ctx(), egui::Popup::default_response_id(b));
            // The focus on the menu's button, so Tab goes on into its items.
            b.request_focus();
        }
    });
}

/// F10 opens the first menu, Alt+F/E/V the one named, as desktop menu bars do. (Not while a
/// modal asks something: its buttons are the only way on.)
fn menu_key(ui: &mut egui::Ui, state: &State) -> Option<usize> {
    if state.modal() {
        return None;
    }
    ui.input_mut(|i| {
        use egui::{Key, Modifiers};
        if i.consume_key(Modifiers::NONE, Key::F10) || i.consume_key(Modifiers::ALT, Key::F) {
            Some(0)
        } else if i.consume_key(Modifiers::ALT, Key::E) {
            Some(1)
        } else if i.consume_key(Modifiers::ALT, Key::V) {
            Some(2)
        } else {
            None
        }
    })
}

/// The bar's one button.
fn presentation_bar(ui: &mut egui::Ui, state: &State, actions: &mut Vec<Action>) -> egui::Response {
    ui.horizontal(|ui| {
        ui.label(crate::ui::style::bold(
            state
                .assessment
                .scenario
                .titled("Data residency & retention"),
        ));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let exit = ui.button("Exit presentation (F5)");
            if exit.clicked() {
                actions.push(Action::Run(Command::Presentation));
            }
            exit
        })
        .inner
    })
    .inner
}

fn policy_label(ui: &mut egui::Ui, state: &State) {
    let set = &state.policy;
    let origin = state
        .prefs
        .policy_path
        .as_ref()
        .map_or("built-in".to_string(), |p| p.display().to_string());
    ui.label(
        egui::RichText::new(format!(
            "{} · {} · #{}",
            set.meta.name, set.meta.version, set.content_hash
        ))
        .weak(),
    )
    .on_hover_text(format!("Policy set loaded from: {origin}"));
}

/// A menu's items, in the command list's order, with a separator before each group.
fn menu_items(ui: &mut egui::Ui, state: &State, menu: Menu, actions: &mut Vec<Action>) {
    let mut last_choice: Option<&str> = None;
    for &c in Command::ALL.iter().filter(|c| c.menu() == menu) {
        if c.starts_group() {
            ui.separator();
        }
        match c.choice_of() {
            // Commands that are one choice (the paper sizes) share a submenu of radio buttons.
            Some(submenu) if last_choice != Some(submenu) => {
                choice_menu(ui, state, submenu, actions);
            }
            Some(_) => {}
            None => item(ui, state, c, actions),
        }
        last_choice = c.choice_of();
        if c == Command::OpenScenario {
            recent_menu(ui, state, actions);
        }
    }
}

fn recent_menu(ui: &mut egui::Ui, state: &State, actions: &mut Vec<Action>) {
    ui.menu_button("Open recent", |ui| {
        if state.prefs.recent.is_empty() {
            ui.add_enabled(false, Button::new("No recent scenarios"));
        }
        for p in &state.prefs.recent {
            if ui.button(p.display().to_string()).clicked() {
                actions.push(Action::OpenScenario(p.clone()));
            }
        }
    });
}

fn choice_menu(ui: &mut egui::Ui, state: &State, submenu: &str, actions: &mut Vec<Action>) {
    ui.menu_button(submenu, |ui| {
        for &c in Command::ALL
            .iter()
            .filter(|c| c.choice_of() == Some(submenu))
        {
            let on = state.is_on(c) == Some(true);
            // "Brief paper: A4" reads "A4" under "Brief paper size".
            let label = c.label().rsplit(": ").next().unwrap_or(c.label());
            if ui.radio(on, label).clicked() {
                actions.push(Action::Run(c));
            }
        }
    });
}
