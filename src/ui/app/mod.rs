//! The application: the [`State`] the views show, the machinery behind it (the assessor, jobs,
//! caches), and the one place where actions change it (`apply.rs`). Files are read and written
//! in `files.rs`; what survives a restart is in `persist.rs`.

mod apply;
mod files;
mod persist;
mod review;
mod window;

pub use persist::SavedDocument;
pub use window::{builtin_or_empty, run};

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::actions::{Action, PathPurpose};
use super::command::Command;
use super::document::Document;
use super::jobs::{JobKind, JobResult, Jobs};
use super::landmarks::{Landmarks, Part};
use super::state::{NoticeKind, Notification, State, View};
use super::views;
use crate::engine::Assessor;
use crate::model::{Audience, Date, PolicySet, Scenario};

/// Notifications shown at once.
const MAX_NOTICES: usize = 5;
/// Presentation mode enlarges everything by this factor for a shared screen.
pub const PRESENTATION_ZOOM: f32 = 1.3;

pub struct PostureApp {
    /// What the views show.
    pub state: State,
    assessor: Assessor,
    next_notice: u64,
    pub jobs: Jobs,
    /// Native dialogs are off in tests and where `POSTURE_NO_NATIVE_DIALOGS` is set.
    pub native_dialogs: bool,
    /// An export job is running.
    /// The user has been told that no native file dialog is available.
    told_no_dialog: bool,
    /// Files handed to the system opener, watched so a failure is reported.
    opening: Vec<(std::process::Child, PathBuf)>,
    close_confirmed: bool,
    last_title: String,
    /// How many times `assess` ran (tests check it runs on change, not every frame).
    pub assess_runs: u64,
    pub table_cache: views::table::TableCache,
    /// Zoom restored from the last session, applied on the first frame.
    zoom_on_start: Option<f32>,
    /// The working zoom (without the presentation boost), saved on exit.
    zoom: f32,
    /// The theme last handed to egui.
    applied_dark: Option<bool>,
    /// The re-check under way in "Review sources", if any.
    recheck: Option<review::RecheckRun>,
    /// Checks made in "Review sources" and not yet saved, kept while the window is closed.
    unsaved_evidence: Vec<crate::model::Evidence>,
    /// The parts of the window drawn last, for F6.
    landmarks: Landmarks,
    /// What had the keyboard focus before a question (a path, "replace?", "unsaved changes")
    /// took it: the focus goes back when it closes.
    focus_before_question: Option<egui::Id>,
    /// Frames until the focus goes back: 2 while a question is open (see
    /// `return_focus_after_a_question`).
    question_frames: u8,
}

impl PostureApp {
    /// A fresh app on `policy`, comparing every offering.
    pub fn new(policy: PolicySet, today: Date) -> Self {
        let policy = Arc::new(policy);
        let scenario = blank_scenario(&policy, today);
        let mut assessor = Assessor::new();
        let assessment = Arc::new(assessor.assess(&policy, &scenario, today));
        let view = View {
            offering_order: offering_order(&[], &scenario.offerings, &policy),
            ..Default::default()
        };
        PostureApp {
            state: State {
                policy,
                policy_errors: Vec::new(),
                policy_errors_from: String::new(),
                doc: Document::new(scenario, None),
                assessment,
                today,
                prefs: Default::default(),
                view,
                notifications: Vec::new(),
                path_prompt: None,
                confirm_replace: None,
                pending: None,
                since_brief: None,
                changes: Vec::new(),
                edits_since_brief: Vec::new(),
                was_typing: false,
                review: None,
            },
            assessor,
            next_notice: 1,
            jobs: Jobs::default(),
            native_dialogs: std::env::var_os("POSTURE_NO_NATIVE_DIALOGS").is_none(),
            told_no_dialog: false,
            opening: Vec::new(),
            close_confirmed: false,
            last_title: String::new(),
            assess_runs: 1,
            table_cache: Default::default(),
            zoom_on_start: None,
            zoom: 1.0,
            applied_dark: None,
            recheck: None,
            unsaved_evidence: Vec::new(),
            landmarks: Landmarks::default(),
            focus_before_question: None,
            question_frames: 0,
        }
    }

    fn reassess(&mut self) {
        let s = &mut self.state;
        let assessment = if s.view.presentation {
            // A client's screen shows client-facing content only.
            let mut client = s.doc.scenario.clone();
            client.audience = Audience::ClientFacing;
            self.assessor.assess(&s.policy, &client, s.today)
        } else {
            self.assessor.assess(&s.policy, &s.doc.scenario, s.today)
        };
        s.assessment = Arc::new(assessment);
        self.assess_runs += 1;
        // The offerings list follows the scenario and the set, so it changes only with them.
        s.view.offering_order =
            offering_order(&s.view.offering_order, &s.doc.scenario.offerings, &s.policy);
        // Like with like: the brief's own scenario assessed now against what the brief says;
        // what the user changed since reopening is listed apart.
        (s.changes, s.edits_since_brief) = match &s.since_brief {
            Some(b) => {
                let now = crate::engine::assess(&s.policy, &b.scenario, s.today);
                (
                    crate::engine::changes::changes(
                        &b.snapshot,
                        &crate::engine::changes::Snapshot::of(&now),
                    ),
                    crate::model::scenario::edits(&b.scenario, &s.doc.scenario, &s.policy),
                )
            }
            None => (Vec::new(), Vec::new()),
        };
        // A cursor on a cell that is no longer there goes.
        if let Some(c) = &s.view.cursor
            && !views::table::is_shown(&s.assessment, c)
        {
            s.view.cursor = None;
        }
    }

    pub fn notify(
        &mut self,
        kind: NoticeKind,
        text: impl Into<String>,
        actions: Vec<(String, Action)>,
    ) {
        self.push_notice(kind, text.into(), actions, false);
    }

    /// An error about opening or reading a file: it goes when the next file opens.
    pub fn notify_file_error(&mut self, text: impl Into<String>, actions: Vec<(String, Action)>) {
        self.push_notice(NoticeKind::Error, text.into(), actions, true);
    }

    /// A file opened: the errors about files that did not are no longer news.
    pub fn clear_file_errors(&mut self) {
        self.state.notifications.retain(|n| !n.about_a_file);
    }

    fn push_notice(
        &mut self,
        kind: NoticeKind,
        text: String,
        actions: Vec<(String, Action)>,
        about_a_file: bool,
    ) {
        let list = &mut self.state.notifications;
        // The same message again replaces the one shown, rather than stacking up.
        list.retain(|n| n.text != text);
        let id = self.next_notice;
        self.next_notice += 1;
        list.push(Notification {
            id,
            kind,
            text,
            actions,
            shown_at: None,
            about_a_file,
        });
        // Keep the stack short: the oldest information goes first, then the oldest error.
        while list.len() > MAX_NOTICES {
            let i = list
                .iter()
                .position(|n| n.kind == NoticeKind::Info)
                .unwrap_or(0);
            list.remove(i);
        }
    }

    /// One frame: show everything, collect actions, apply them.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.sync_zoom_and_theme(&ctx);
        let mut actions: Vec<Action> = Vec::new();
        for r in self.jobs.poll() {
            self.job_done(&ctx, r, &mut actions);
        }
        self.watch_openers();
        self.recheck_progress();
        let now = ctx.input(|i| i.time);
        for n in &mut self.state.notifications {
            n.shown_at.get_or_insert(now);
        }
        if self.state.view.presentation
            && !self.state.view.keys_used
            && ctx.input(|i| {
                i.events
                    .iter()
                    .any(|e| matches!(e, egui::Event::Key { key, .. } if *key != egui::Key::F5))
            })
        {
            self.state.view.keys_used = true;
            // The first arrow only shows where the keyboard is: moving from a place no one
            // could see lands one row further than the presenter meant.
            ctx.input_mut(|i| {
                use egui::Key::{ArrowDown, ArrowLeft, ArrowRight, ArrowUp};
                for key in [ArrowUp, ArrowDown, ArrowLeft, ArrowRight] {
                    i.consume_key(egui::Modifiers::NONE, key);
                }
            });
        }
        self.return_focus_after_a_question(&ctx);
        views::shortcuts::collect(&ctx, &self.state, &mut actions);
        // F6 moves the focus before the views draw, on the parts drawn last frame: egui says a
        // control "gained focus" only in the frame it does, and that is when the left panel
        // scrolls it into view.
        actions.retain(|a| match a {
            Action::Run(c @ (Command::NextPart | Command::PreviousPart)) => {
                self.run(&ctx, *c);
                false
            }
            _ => true,
        });
        self.dropped_files(&ctx, &mut actions);
        self.close_request(&ctx);

        let s = &self.state;
        let mut marks = Landmarks::default();
        views::menu::show(ui, s, &mut actions, &mut marks);
        views::banner::show(ui, s, &mut actions);
        views::errors::show(ui, s, &mut actions);
        if !s.view.presentation {
            views::sidebar::show(ui, s, &mut actions, &mut marks);
        }
        // Above the table and the side panel both, so that opening the panel moves nothing in it.
        let toolbar = egui::Panel::top("toolbar")
            .show_separator_line(false)
            .show(ui, |ui| {
                views::table::toolbar(ui, s, &self.table_cache, &mut actions, &mut marks);
            });
        marks.area(Part::Toolbar, toolbar.response.rect, None);
        let beside = if s.view.side_open {
            views::details::show(ui, s, &mut actions, &mut marks)
        } else {
            0.0
        };
        let cache = &mut self.table_cache;
        egui::CentralPanel::default().show(ui, |ui| {
            views::table::show(ui, s, cache, &mut actions, &mut marks, beside);
        });
        // What F6 moves between, next frame.
        self.landmarks = marks;
        views::notifications::show(&ctx, s, &mut actions);
        views::dialogs::show(&ctx, s, &mut actions);
        views::review::show(&ctx, s, &mut actions);
        views::palette::show(&ctx, s, &mut actions);

        // A moved cursor's wish to be focused lasts a few frames, not for ever.
        let v = &mut self.state.view;
        v.focus_cursor = v.focus_cursor.saturating_sub(1);
        for a in actions {
            self.apply(&ctx, a);
        }
        self.state.was_typing = ctx.text_edit_focused();
        let title = self.state.title();
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    /// A question takes the keyboard; once answered, the keyboard is back where the user was
    /// (the table's cell, the field), not nowhere. One frame after the question closes: in the
    /// frame it closes, egui still holds the focus away from everything under it.
    fn return_focus_after_a_question(&mut self, ctx: &egui::Context) {
        if self.state.modal() {
            self.question_frames = 2;
            return;
        }
        match self.question_frames {
            0 => self.focus_before_question = ctx.memory(|m| m.focused()),
            1 => {
                if let Some(id) = self.focus_before_question {
                    ctx.memory_mut(|m| m.request_focus(id));
                }
            }
            _ => {}
        }
        self.question_frames = self.question_frames.saturating_sub(1);
    }

    fn sync_zoom_and_theme(&mut self, ctx: &egui::Context) {
        if let Some(z) = self.zoom_on_start.take() {
            ctx.set_zoom_factor(z.clamp(0.5, 3.0));
        }
        self.zoom = ctx.zoom_factor()
            / if self.state.view.presentation {
                PRESENTATION_ZOOM
            } else {
                1.0
            };
        // Applied when it changes, not every frame.
        let dark = self.state.prefs.dark;
        if self.applied_dark != Some(dark) {
            ctx.set_theme(if dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.applied_dark = Some(dark);
        }
    }

    fn close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.close_confirmed
            && self.state.doc.dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.state.pending = Some(super::state::Pending::Quit);
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        // A question is open (unsaved changes, replace the file, a path): it is answered first,
        // rather than a drop opening a file under it without asking.
        if !dropped.is_empty() && self.state.modal() {
            self.notify(
                NoticeKind::Info,
                "Answer the open question first, then drop the file again.",
                Vec::new(),
            );
            return;
        }
        for p in dropped {
            if p.is_dir() {
                actions.push(Action::LoadPolicies(p));
            } else if files::looks_like_scenario(&p) {
                actions.push(Action::OpenScenario(p));
            } else {
                actions.push(Action::LoadPolicies(p));
            }
        }
    }

    fn job_done(&mut self, ctx: &egui::Context, r: JobResult, actions: &mut Vec<Action>) {
        match r {
            JobResult::Picked {
                purpose,
                path: Some(p),
                ..
            } => actions.push(match purpose {
                // The native save dialog asks before replacing a file itself.
                PathPurpose::Export(_) => Action::ExportReplacing(p),
                PathPurpose::OpenScenario
                | PathPurpose::SaveScenario
                | PathPurpose::OpenPolicies
                | PathPurpose::SavedCopies
                | PathPurpose::ReviewedSet => purpose.into_action(p),
            }),
            // A dialog that returns nothing at once was never shown: offer the path field.
            JobResult::Picked {
                purpose,
                path: None,
                elapsed,
            } => {
                if elapsed < Duration::from_millis(400) {
                    self.open_path_prompt(purpose);
                    // Said once: after that, the path field is simply how it works here.
                    if !self.told_no_dialog {
                        self.told_no_dialog = true;
                        self.notify(
                            NoticeKind::Info,
                            "No file dialog is available here: type a path instead.",
                            Vec::new(),
                        );
                    }
                }
            }
            JobResult::Rechecked(report) => self.rechecked(report),
            JobResult::Failed { kind, message } => {
                if kind == JobKind::Recheck {
                    self.recheck = None;
                    if let Some(r) = &mut self.state.review {
                        r.running = None;
                    }
                }
                self.notify(
                    NoticeKind::Error,
                    format!("{} failed: internal error — {message}", kind.label()),
                    Vec::new(),
                );
            }
            JobResult::Exported { path, result } => self.exported(path, result),
        }
        ctx.request_repaint();
    }
}

fn blank_scenario(policy: &PolicySet, today: Date) -> Scenario {
    Scenario {
        date: today.to_string(),
        offerings: policy.offerings.iter().map(|o| o.id.clone()).collect(),
        ..Default::default()
    }
}

/// The offerings list's order: every offering of the set once; the chosen ones in column order,
/// in the places chosen ones held in `previous`; the others where they were. Unticking an
/// offering never moves a row, and ticking it again puts it back where it was.
pub fn offering_order(previous: &[String], chosen: &[String], set: &PolicySet) -> Vec<String> {
    let known = |id: &String| set.offering(id).is_some();
    let mut order: Vec<String> = Vec::new();
    for id in previous.iter().filter(|id| known(id)) {
        if !order.contains(id) {
            order.push(id.clone());
        }
    }
    for o in &set.offerings {
        if !order.contains(&o.id) {
            order.push(o.id.clone());
        }
    }
    let mut unique: Vec<&String> = Vec::new();
    for id in chosen.iter().filter(|id| known(id)) {
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    let mut columns = unique.into_iter();
    for slot in order.iter_mut() {
        if chosen.contains(slot)
            && let Some(next) = columns.next()
        {
            *slot = next.clone();
        }
    }
    order
}

/// A file-name-safe stem from the client's name.
pub fn file_stem(name: &str, fallback: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' || c == '_' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if cleaned.is_empty() {
        fallback.to_string()
    } else {
        cleaned.chars().take(60).collect()
    }
}
