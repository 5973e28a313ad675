//! Modal questions: the in-app path field (fallback for native dialogs), "replace the file?" and
//! "unsaved changes".

use crate::ui::state::Pending;
use crate::ui::{Action, State, style};

pub fn show(ctx: &egui::Context, state: &State, actions: &mut Vec<Action>) {
    if state.path_prompt.is_some() {
        path_prompt(ctx, state, actions);
    } else if state.confirm_replace.is_some() {
        confirm_replace(ctx, state, actions);
    } else if state.pending.is_some() {
        unsaved(ctx, state, actions);
    }
}

fn path_prompt(ctx: &egui::Context, state: &State, actions: &mut Vec<Action>) {
    let Some(prompt) = &state.path_prompt else {
        return;
    };
    egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.label(style::heading(prompt.purpose.title()));
        ui.label("Path:");
        let mut text = prompt.text.clone();
        let edit = ui.add(
            egui::TextEdit::singleline(&mut text)
                .desired_width(f32::INFINITY)
                .hint_text("/home/me/briefs/client.pdf"),
        );
        if edit.changed() {
            actions.push(Action::PromptText(text));
        }
        // Focus once, when the prompt opens: asking every frame kept Enter from ever
        // submitting and Tab from ever reaching the buttons.
        if !prompt.focused {
            edit.request_focus();
            actions.push(Action::PromptFocused);
        }
        // A line kept for the error whether or not there is one, so that OK and Cancel never
        // move when it appears.
        ui.colored_label(
            ui.visuals().error_fg_color,
            prompt.error.as_deref().unwrap_or(" "),
        );
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            if ui.button("OK").clicked() || enter {
                actions.push(Action::SubmitPrompt);
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                actions.push(Action::ClosePrompt);
            }
        });
    });
}

fn confirm_replace(ctx: &egui::Context, state: &State, actions: &mut Vec<Action>) {
    let Some(path) = &state.confirm_replace else {
        return;
    };
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
                actions.push(Action::ExportReplacing(path.clone()));
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
}

fn unsaved(ctx: &egui::Context, state: &State, actions: &mut Vec<Action>) {
    let Some(pending) = &state.pending else {
        return;
    };
    let what = match pending {
        Pending::New => "starting a new scenario",
        Pending::Open(_) => "opening another scenario",
        Pending::Quit => "closing",
    };
    // Opening the very file that is open with unsaved changes (as when the app is started on
    // it, and last time's changes came back) is no "other scenario": say what it does.
    let reopening = matches!(pending, Pending::Open(Some(p)) if state.doc.path.as_ref() == Some(p));
    let (question, save, discard, cancel) = if reopening {
        (
            format!(
                "\"{}\" is open with changes not saved to the file. Reopen it from the file?",
                state.doc.name()
            ),
            "Save the changes",
            "Reopen without them",
            "Keep the changes open",
        )
    } else {
        (
            format!(
                "Save the changes to \"{}\" before {what}?",
                state.doc.name()
            ),
            "Save",
            "Don't save",
            "Cancel",
        )
    };
    egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
        ui.set_width(440.0);
        ui.label(style::heading("Unsaved changes"));
        ui.label(question);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(save).clicked() {
                actions.push(Action::SaveThenContinue);
            }
            if ui.button(discard).clicked() {
                actions.push(Action::ConfirmDiscardAndContinue);
            }
            if ui.button(cancel).clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                actions.push(Action::CancelPending);
            }
        });
    });
}
