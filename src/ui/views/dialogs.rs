//! Modal questions: the in-app path field (fallback for native dialogs) and "unsaved changes".

use std::path::PathBuf;

use crate::ui::app::Pending;
use crate::ui::{Action, PostureApp, style};

pub fn show(ctx: &egui::Context, app: &mut PostureApp, actions: &mut Vec<Action>) {
    if let Some(prompt) = &mut app.path_prompt {
        let mut close = false;
        let mut submit = None;
        egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.label(style::heading(prompt.purpose.title()));
            ui.label("Path:");
            let edit = ui.add(
                egui::TextEdit::singleline(&mut prompt.text)
                    .desired_width(f32::INFINITY)
                    .hint_text("/home/me/briefs/client.pdf"),
            );
            // Focus once, when the prompt opens: asking every frame kept Enter from ever
            // submitting and Tab from ever reaching the buttons.
            if !prompt.focused {
                edit.request_focus();
                prompt.focused = true;
            }
            if let Some(e) = &prompt.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if ui.button("OK").clicked() || enter {
                    let t = prompt.text.trim();
                    if t.is_empty() {
                        prompt.error = Some("Type a path.".into());
                    } else {
                        submit = Some(PathBuf::from(t));
                    }
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
            });
        });
        if let Some(p) = submit {
            actions.push(prompt.purpose.into_action(p));
            close = true;
        }
        if close {
            app.path_prompt = None;
        }
        return;
    }
    if let Some(path) = &app.confirm_replace {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let folder = path
            .parent()
            .map_or_else(String::new, |d| d.display().to_string());
        egui::Modal::new(egui::Id::unique("confirm-replace")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.label(style::heading("Replace the existing file?"));
            ui.label(format!(
                "\"{name}\" already exists in {folder}. Replacing it overwrites its contents."
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    actions.push(Action::ExportBriefReplacing(path.clone()));
                }
                let cancel = ui.button("Cancel");
                // Cancel is the safe answer: it has the focus, so Enter keeps the file.
                if !ui.memory(|m| m.focused().is_some()) {
                    cancel.request_focus();
                }
                if cancel.clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    actions.push(Action::CancelReplace);
                }
            });
        });
        return;
    }
    if let Some(pending) = &app.pending {
        let what = match pending {
            Pending::New => "starting a new scenario",
            Pending::Open(_) => "opening another scenario",
            Pending::Quit => "closing",
        };
        egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.label(style::heading("Unsaved changes"));
            ui.label(format!(
                "Save the changes to \"{}\" before {what}?",
                app.title()
                    .trim_start_matches("● ")
                    .trim_end_matches(" — posture")
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    actions.push(Action::SaveThenContinue);
                }
                if ui.button("Don't save").clicked() {
                    actions.push(Action::ConfirmDiscardAndContinue);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    actions.push(Action::CancelPending);
                }
            });
        });
    }
}
