//! The one place where actions change the state. Every match over an action, an edit, a command
//! or a path's purpose names every case: a new one does not compile until it says what it does.

use super::files::with_extension;
use super::{PRESENTATION_ZOOM, PostureApp};
use crate::brief::Format;
use crate::ui::actions::{Action, PathPurpose, SideTab};
use crate::ui::command::Command;
use crate::ui::landmarks::{Entry, Part};
use crate::ui::state::{FOCUS_FRAMES, NoticeKind, Palette, Pending};
use crate::ui::views;

impl PostureApp {
    /// Applies one action.
    pub fn apply(&mut self, ctx: &egui::Context, action: Action) {
        if !matches!(action, Action::Edit(_)) {
            self.state.doc.end_typing();
        }
        match action {
            Action::Edit(edit) => {
                let s = &mut self.state;
                if s.doc.edit(&edit, &s.policy, &s.view.offering_order) {
                    self.reassess();
                }
            }
            Action::Undo => {
                if self.state.doc.undo() {
                    self.reassess();
                }
            }
            Action::Redo => {
                if self.state.doc.redo() {
                    self.reassess();
                }
            }
            Action::Run(command) => self.run(ctx, command),
            Action::OpenScenario(p) => {
                // The file first: one that will not open says why, and nothing is asked about
                // unsaved changes for it.
                if !self.can_open(&p) {
                    return;
                }
                if self.state.doc.dirty() && self.state.pending.is_none() {
                    self.state.pending = Some(Pending::Open(Some(p)));
                } else {
                    self.open_scenario(&p);
                }
            }
            Action::SaveScenarioTo(p) => {
                let p = with_extension(p, "ron");
                self.save_to(&p);
                if self.state.pending.is_some() && !self.state.doc.dirty() {
                    self.continue_pending(ctx);
                }
            }
            Action::LoadPolicies(p) => self.load_policies(Some(&p)),
            Action::Review(a) => self.review(ctx, a),
            Action::AskPath(purpose) => self.ask_path(ctx, purpose),
            Action::ExportTo(p) => {
                let p = with_extension(p, "pdf");
                if p.exists() {
                    self.state.confirm_replace = Some(p);
                } else {
                    self.export_to(ctx, p);
                }
            }
            Action::ExportReplacing(p) => {
                self.state.confirm_replace = None;
                self.export_to(ctx, with_extension(p, "pdf"));
            }
            Action::OpenPath(p) | Action::ShowInFolder(p) => self.open_with_system(p),
            Action::CancelReplace => self.state.confirm_replace = None,
            Action::CopyPath(p) => {
                ctx.copy_text(p.display().to_string());
                self.notify(
                    NoticeKind::Info,
                    format!("Copied {}", p.display()),
                    Vec::new(),
                );
            }
            Action::PromptText(t) => {
                if let Some(p) = &mut self.state.path_prompt {
                    p.text = t;
                    p.error = None;
                }
            }
            Action::PromptFocused => {
                if let Some(p) = &mut self.state.path_prompt {
                    p.focused = true;
                }
            }
            Action::SubmitPrompt => self.submit_prompt(ctx),
            Action::ClosePrompt => self.state.path_prompt = None,
            Action::Select(s) => {
                let v = &mut self.state.view;
                // The table narrows as the panel opens: the cell is kept in view, with the focus.
                v.cursor = Some(s.clone());
                v.focus_cursor = FOCUS_FRAMES;
                v.selection = Some(s);
                v.side_tab = SideTab::Details;
                v.side_open = true;
                v.side_shown = v.side_shown.wrapping_add(1);
            }
            Action::ClearSelection => self.state.view.selection = None,
            Action::CloseSidePanel => {
                self.state.view.side_open = false;
                self.state.view.selection = None;
            }
            Action::MoveCursor(s) => {
                self.state.view.cursor = Some(s);
                self.state.view.focus_cursor = FOCUS_FRAMES;
            }
            Action::CursorAt(s) => {
                self.state.view.cursor = Some(s);
                self.state.view.focus_cursor = 0;
            }
            Action::SetFilter(f) => {
                self.state.view.filter = f;
                self.state.view.focus_cursor = 0;
            }
            Action::SetOnlyDifferences(on) => {
                self.state.prefs.only_differences = on;
            }
            Action::FilterFocused => self.state.view.focus_filter = false,
            Action::SetSideTab(t) => {
                let v = &mut self.state.view;
                v.side_tab = t;
                v.side_open = true;
                v.side_shown = v.side_shown.wrapping_add(1);
            }
            Action::SetChangesInBrief(on) => self.state.view.changes_in_brief = on,
            Action::DismissErrors => self.state.policy_errors.clear(),
            Action::DismissNotification(id) => self.state.notifications.retain(|n| n.id != id),
            Action::PaletteQuery(q) => {
                if let Some(p) = &mut self.state.view.palette {
                    p.query = q;
                    p.selected = 0;
                }
            }
            Action::PaletteMove(by) => {
                let found = crate::ui::views::palette::entries(&self.state).len();
                if let Some(p) = &mut self.state.view.palette {
                    let last = found.saturating_sub(1) as isize;
                    p.selected = (p.selected as isize + by).clamp(0, last) as usize;
                }
            }
            Action::ClosePalette => {
                // Esc gives the keyboard back to what had it (a cell, a field).
                let back = self.state.view.palette.take().and_then(|p| p.return_focus);
                if let Some(id) = back {
                    ctx.memory_mut(|m| m.request_focus(id));
                }
            }
            Action::ConfirmDiscardAndContinue => self.continue_pending(ctx),
            Action::SaveThenContinue => match self.state.doc.path.clone() {
                Some(p) => {
                    self.save_to(&p);
                    if !self.state.doc.dirty() {
                        self.continue_pending(ctx);
                    }
                }
                None => self.ask_path(ctx, PathPurpose::SaveScenario),
            },
            Action::CancelPending => self.state.pending = None,
        }
    }

    /// Runs a command, from the menu, its shortcut or the palette alike.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        if !self.state.can_run(command) {
            return;
        }
        // The palette closes once it has done its work.
        self.state.view.palette = None;
        let s = &self.state;
        match command {
            Command::NewScenario => {
                if s.doc.dirty() {
                    self.state.pending = Some(Pending::New);
                } else {
                    self.new_scenario();
                }
            }
            // The file first, then (on opening it) the question about unsaved changes: asked
            // once, and only if the user did not cancel the dialog.
            Command::OpenScenario => self.ask_path(ctx, PathPurpose::OpenScenario),
            Command::SaveScenario => match s.doc.path.clone() {
                Some(p) => self.save_to(&p),
                None => self.ask_path(ctx, PathPurpose::SaveScenario),
            },
            Command::SaveScenarioAs => self.ask_path(ctx, PathPurpose::SaveScenario),
            Command::OpenPolicies => self.ask_path(ctx, PathPurpose::OpenPolicies),
            Command::UseBuiltinPolicies => self.load_policies(None),
            Command::ReviewSources => self.open_review(),
            Command::ExportBrief => self.ask_path(ctx, PathPurpose::Export(Format::Pdf)),
            Command::ExportCsv => self.ask_path(ctx, PathPurpose::Export(Format::Csv)),
            Command::ExportMarkdown => self.ask_path(ctx, PathPurpose::Export(Format::Markdown)),
            Command::PaperA4 => self.state.prefs.letter_paper = false,
            Command::PaperLetter => self.state.prefs.letter_paper = true,
            Command::Quit => {
                if s.doc.dirty() {
                    self.state.pending = Some(Pending::Quit);
                } else {
                    self.close_confirmed = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Command::Undo => self.apply(ctx, Action::Undo),
            Command::Redo => self.apply(ctx, Action::Redo),
            Command::CommandPalette => {
                self.state.view.palette = Some(Palette {
                    return_focus: ctx.memory(|m| m.focused()),
                    ..Palette::default()
                });
            }
            Command::Presentation => self.toggle_presentation(ctx),
            Command::FilterRows => self.state.view.focus_filter = true,
            Command::OnlyDifferences => {
                let on = !s.prefs.only_differences;
                self.apply(ctx, Action::SetOnlyDifferences(on));
            }
            Command::Caveats => self.apply(ctx, Action::SetSideTab(SideTab::Caveats)),
            Command::Sources => self.apply(ctx, Action::SetSideTab(SideTab::Sources)),
            Command::Changes => self.apply(ctx, Action::SetSideTab(SideTab::Changes)),
            Command::DarkTheme => self.state.prefs.dark = !s.prefs.dark,
            Command::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Command::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            Command::ZoomReset => ctx.set_zoom_factor(1.0),
            Command::NextPart => self.enter_part(ctx, false),
            Command::PreviousPart => self.enter_part(ctx, true),
        }
    }

    /// F6 / Shift+F6: the focus to the next (or previous) part of the window drawn last.
    fn enter_part(&mut self, ctx: &egui::Context, backwards: bool) {
        let focused = ctx
            .memory(|m| m.focused())
            .and_then(|id| ctx.read_response(id))
            .map(|r| r.rect);
        match self.landmarks.next(focused, backwards) {
            Some((_, Entry::Control(id))) => ctx.memory_mut(|m| m.request_focus(id)),
            Some((_, Entry::Table(place))) => self.apply(ctx, Action::MoveCursor(place)),
            None => {}
        }
    }

    fn toggle_presentation(&mut self, ctx: &egui::Context) {
        let v = &mut self.state.view;
        v.presentation = !v.presentation;
        // The client's screen gets the whole width for the comparison.
        if v.presentation {
            v.side_open = false;
            v.selection = None;
            v.keys_used = false;
        }
        let z = ctx.zoom_factor();
        ctx.set_zoom_factor(if v.presentation {
            z * PRESENTATION_ZOOM
        } else {
            z / PRESENTATION_ZOOM
        });
        self.reassess();
        // On the client's screen the keyboard is on the table, ready for the arrows (the left
        // panel it may have been in is gone); the ring shows at the first key.
        if self.state.view.presentation
            && let Some(Entry::Table(place)) = self.landmarks.entry(Part::Table).cloned()
            && views::table::is_shown(&self.state.assessment, &place)
        {
            self.apply(ctx, Action::MoveCursor(place));
        }
    }

    fn submit_prompt(&mut self, ctx: &egui::Context) {
        let Some(prompt) = &mut self.state.path_prompt else {
            return;
        };
        let text = prompt.text.trim();
        if text.is_empty() {
            prompt.error = Some("Type a path.".into());
            prompt.focused = false;
            return;
        }
        let path = std::path::PathBuf::from(text);
        // A slip of the keyboard ("azure-frist.ron") is said in the field, with the path as
        // typed, to be put right there: not in a notice, with the field gone.
        let opens = matches!(
            prompt.purpose,
            PathPurpose::OpenScenario | PathPurpose::OpenPolicies
        );
        if opens && !path.exists() {
            prompt.error = Some(format!("No file or folder at {}.", path.display()));
            // Back into the field (Enter took the focus out of it), ready for the fix.
            prompt.focused = false;
            return;
        }
        let action = prompt.purpose.into_action(path);
        self.state.path_prompt = None;
        self.apply(ctx, action);
    }

    fn continue_pending(&mut self, ctx: &egui::Context) {
        match self.state.pending.take() {
            Some(Pending::New) => self.new_scenario(),
            Some(Pending::Open(Some(p))) => self.open_scenario(&p),
            Some(Pending::Open(None)) => self.ask_path(ctx, PathPurpose::OpenScenario),
            Some(Pending::Quit) => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            None => {}
        }
    }
}
