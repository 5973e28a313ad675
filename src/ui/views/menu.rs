//! The menu bar (and, in presentation mode, the slim bar that replaces it).

use egui::{Button, KeyboardShortcut};

use super::shortcuts as sc;
use crate::ui::actions::{PathPurpose, SideTab};
use crate::ui::{Action, PostureApp};

fn item(
    ui: &mut egui::Ui,
    label: &str,
    shortcut: Option<&KeyboardShortcut>,
    enabled: bool,
) -> bool {
    let mut b = Button::new(label);
    if let Some(s) = shortcut {
        b = b.shortcut_text(ui.ctx().format_shortcut(s));
    }
    ui.add_enabled(enabled, b).clicked()
}

pub fn show(ui: &mut egui::Ui, app: &PostureApp, actions: &mut Vec<Action>) {
    egui::Panel::top("menu").show(ui, |ui| {
        if app.view.presentation {
            ui.horizontal(|ui| {
                ui.label(crate::ui::style::bold(
                    if app.assessment.scenario.client.is_empty() {
                        "Data residency & retention".to_string()
                    } else {
                        format!(
                            "Data residency & retention — {}",
                            app.assessment.scenario.client
                        )
                    },
                ));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Exit presentation (F5)").clicked() {
                        actions.push(Action::TogglePresentation);
                    }
                });
            });
            return;
        }
        // F10 opens the first menu, Alt+F/E/V the one named, as desktop menu bars do. (Not while
        // a modal asks something: its buttons are the only way on.)
        let modal =
            app.pending.is_some() || app.path_prompt.is_some() || app.confirm_replace.is_some();
        let wanted: Option<usize> = if modal {
            None
        } else {
            ui.input_mut(|i| {
                use egui::{Key, Modifiers};
                if i.consume_key(Modifiers::NONE, Key::F10) || i.consume_key(Modifiers::ALT, Key::F)
                {
                    Some(0)
                } else if i.consume_key(Modifiers::ALT, Key::E) {
                    Some(1)
                } else if i.consume_key(Modifiers::ALT, Key::V) {
                    Some(2)
                } else {
                    None
                }
            })
        };
        let mut buttons: Vec<egui::Response> = Vec::new();
        egui::MenuBar::new().ui(ui, |ui| {
            buttons.push(file_menu(ui, app, actions));
            buttons.push(edit_menu(ui, app, actions));
            buttons.push(view_menu(ui, app, actions));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let set = &app.policy;
                let origin = app
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
            });
        });
        if let Some(b) = wanted.and_then(|k| buttons.get(k)) {
            egui::Popup::open_id(ui.ctx(), egui::Popup::default_response_id(b));
            // The focus on the menu's button, so Tab goes on into its items.
            b.request_focus();
        }
    });
}

fn file_menu(ui: &mut egui::Ui, app: &PostureApp, actions: &mut Vec<Action>) -> egui::Response {
    ui.menu_button("File", |ui| {
        if item(ui, "New scenario", Some(&sc::NEW), true) {
            actions.push(Action::NewScenario);
        }
        if item(ui, "Open scenario…", Some(&sc::OPEN), true) {
            actions.push(Action::OpenScenarioDialog);
        }
        ui.menu_button("Open recent", |ui| {
            if app.recent.is_empty() {
                ui.add_enabled(false, Button::new("No recent scenarios"));
            }
            for p in &app.recent {
                if ui.button(p.display().to_string()).clicked() {
                    actions.push(Action::OpenScenario(p.clone()));
                }
            }
        });
        if item(ui, "Save scenario", Some(&sc::SAVE), true) {
            actions.push(Action::SaveScenario);
        }
        if item(ui, "Save scenario as…", Some(&sc::SAVE_AS), true) {
            actions.push(Action::SaveScenarioAsDialog);
        }
        ui.separator();
        if item(ui, "Open policy set…", Some(&sc::OPEN_POLICIES), true) {
            actions.push(Action::OpenPoliciesDialog);
        }
        if item(
            ui,
            "Use built-in policy set",
            None,
            app.policy_path.is_some(),
        ) {
            actions.push(Action::UseBuiltinPolicies);
        }
        ui.separator();
        let export = ui
            .add(
                Button::new("Export brief (PDF)…")
                    .shortcut_text(ui.ctx().format_shortcut(&sc::EXPORT)),
            )
            .on_hover_text("A PDF brief of this comparison for the security review");
        if export.clicked() {
            actions.push(Action::ExportBriefDialog);
        }
        let csv = ui
            .button("Export for questionnaires (CSV)…")
            .on_hover_text("One row per offering × attribute and per offering × requirement, with sources and quotes");
        if csv.clicked() {
            actions.push(Action::ExportTableDialog(PathPurpose::ExportCsv));
        }
        let md = ui
            .button("Export as Markdown…")
            .on_hover_text("The summary, the verdicts and the caveats, for a ticket or a wiki");
        if md.clicked() {
            actions.push(Action::ExportTableDialog(PathPurpose::ExportMarkdown));
        }
        ui.menu_button("Brief paper size", |ui| {
            if ui.radio(!app.letter_paper, "A4").clicked() {
                actions.push(Action::SetLetterPaper(false));
            }
            if ui.radio(app.letter_paper, "US Letter").clicked() {
                actions.push(Action::SetLetterPaper(true));
            }
        });
        ui.separator();
        if item(ui, "Quit", Some(&sc::QUIT), true) {
            actions.push(Action::Quit);
        }
    })
    .response
}

fn edit_menu(ui: &mut egui::Ui, app: &PostureApp, actions: &mut Vec<Action>) -> egui::Response {
    ui.menu_button("Edit", |ui| {
        if item(ui, "Undo", Some(&sc::UNDO), app.can_undo()) {
            actions.push(Action::Undo);
        }
        if item(ui, "Redo", Some(&sc::REDO), app.can_redo()) {
            actions.push(Action::Redo);
        }
    })
    .response
}

fn view_menu(ui: &mut egui::Ui, app: &PostureApp, actions: &mut Vec<Action>) -> egui::Response {
    ui.menu_button("View", |ui| {
        if item(ui, "Presentation mode", Some(&sc::PRESENT), true) {
            actions.push(Action::TogglePresentation);
        }
        let diff = if app.view.only_differences {
            "✓ Show only differences"
        } else {
            "Show only differences"
        };
        if item(ui, "Filter rows…", Some(&sc::FIND), true) {
            actions.push(Action::FocusFilter);
        }
        if item(ui, diff, Some(&sc::DIFFERENCES), true) {
            actions.push(Action::SetOnlyDifferences(!app.view.only_differences));
        }
        if item(ui, "Caveats and actions", Some(&sc::CAVEATS), true) {
            actions.push(Action::SetSideTab(SideTab::Caveats));
        }
        if item(ui, "Sources", None, true) {
            actions.push(Action::SetSideTab(SideTab::Sources));
        }
        ui.separator();
        let theme = if app.dark {
            "Light theme"
        } else {
            "Dark theme"
        };
        if item(ui, theme, Some(&sc::THEME), true) {
            actions.push(Action::SetDark(!app.dark));
        }
        if item(ui, "Zoom in", Some(&sc::ZOOM_IN), true) {
            actions.push(Action::ZoomIn);
        }
        if item(ui, "Zoom out", Some(&sc::ZOOM_OUT), true) {
            actions.push(Action::ZoomOut);
        }
        if item(ui, "Actual size", Some(&sc::ZOOM_RESET), true) {
            actions.push(Action::ZoomReset);
        }
    })
    .response
}
