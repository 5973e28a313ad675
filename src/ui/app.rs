//! The application state and the one place where actions change it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::actions::{Action, PathPurpose, Selection, SideTab};
use super::jobs::{JobResult, Jobs};
use super::views;
use crate::engine::{Assessment, Assessor};
use crate::model::{Audience, Date, LoadError, PolicySet, Scenario, load_dir};

const STORAGE_KEY: &str = "posture";
/// Notifications shown at once.
const MAX_NOTICES: usize = 5;
const MAX_UNDO: usize = 200;
const MAX_RECENT: usize = 8;
/// Presentation mode enlarges everything by this factor for a shared screen.
pub const PRESENTATION_ZOOM: f32 = 1.3;

/// What survives a restart (eframe persistence): the work in progress and the user's preferences.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub scenario: Option<Scenario>,
    pub scenario_path: Option<PathBuf>,
    /// The scenario as last saved, so an unsaved change is still marked after a restart.
    pub saved: Option<Scenario>,
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    pub zoom: Option<f32>,
    pub policy_path: Option<PathBuf>,
    pub only_differences: bool,
    /// Paper size of exported briefs.
    pub letter_paper: bool,
}

#[derive(Debug, Clone, Default)]
pub struct ViewState {
    pub filter: String,
    pub only_differences: bool,
    pub selection: Option<Selection>,
    pub side_tab: SideTab,
    /// The right panel (details, caveats, sources) is open.
    pub side_open: bool,
    /// The row filter should take the keyboard focus on the next frame.
    pub focus_filter: bool,
    pub presentation: bool,
    /// The offerings list's rows, in a stable order (see [`offering_order`]).
    pub offering_order: Vec<String>,
    /// Briefs exported after reopening one include the section "Changes since the brief".
    pub changes_in_brief: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Debug, Clone)]
pub struct Notification {
    pub id: u64,
    pub kind: NoticeKind,
    pub text: String,
    /// Buttons offered with it ("Open", "Show in folder").
    pub actions: Vec<(String, Action)>,
    /// Seconds since start when it appeared (for auto-dismissal of info notices).
    pub shown_at: Option<f64>,
}

/// A reopened brief, kept to compare with.
#[derive(Debug, Clone)]
pub struct SinceBrief {
    /// The day the brief was made for.
    pub date: String,
    pub assessment: serde_json::Value,
}

/// The in-app path field shown when no native dialog is available.
#[derive(Debug, Clone)]
pub struct PathPrompt {
    pub purpose: PathPurpose,
    pub text: String,
    pub error: Option<String>,
    /// The field has been given the keyboard focus (once, when the prompt opened).
    pub focused: bool,
}

/// An action that would discard unsaved changes, waiting for the user's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    New,
    Open(Option<PathBuf>),
    Quit,
}

pub struct PostureApp {
    /// Shared with the assessor, which keeps its cell views while the set stays the same.
    pub policy: Arc<PolicySet>,
    pub policy_path: Option<PathBuf>,
    /// Errors of the last policy set that failed to load; the app keeps the previous set.
    pub policy_errors: Vec<LoadError>,
    pub policy_errors_from: String,
    pub scenario: Scenario,
    pub scenario_path: Option<PathBuf>,
    saved: Scenario,
    pub assessment: Assessment,
    assessor: Assessor,
    pub today: Date,
    undo: Vec<Scenario>,
    redo: Vec<Scenario>,
    /// Consecutive typing into one field makes one undo step.
    last_text_field: Option<&'static str>,
    pub view: ViewState,
    pub notifications: Vec<Notification>,
    next_notice: u64,
    pub jobs: Jobs,
    /// Native dialogs are off in tests and where `POSTURE_NO_NATIVE_DIALOGS` is set.
    pub native_dialogs: bool,
    pub path_prompt: Option<PathPrompt>,
    /// The brief last reopened: its day and the assessment it carries, to list what changed.
    pub since_brief: Option<SinceBrief>,
    /// What changed since that brief, recomputed with every assessment.
    pub changes: Vec<crate::engine::changes::Change>,
    /// An export job is running.
    exporting: bool,
    /// A text field had the keyboard at the end of the last frame.
    pub was_typing: bool,
    /// The document came from somewhere other than a scenario file (a reopened brief) and has
    /// not been saved yet.
    never_saved: bool,
    /// The user has been told that no native file dialog is available.
    told_no_dialog: bool,
    /// An export waiting for "Replace" because a file is already at its path.
    pub confirm_replace: Option<PathBuf>,
    /// Files handed to the system opener, watched so a failure is reported.
    opening: Vec<(std::process::Child, PathBuf)>,
    pub pending: Option<Pending>,
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    /// Export briefs on US Letter instead of A4.
    pub letter_paper: bool,
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
}

impl PostureApp {
    /// A fresh app on `policy`, comparing every offering.
    pub fn new(policy: PolicySet, today: Date) -> Self {
        let policy = Arc::new(policy);
        let scenario = Self::blank_scenario(&policy, today);
        let mut assessor = Assessor::new();
        let assessment = assessor.assess(&policy, &scenario, today);
        let mut app = PostureApp {
            policy,
            assessor,
            policy_path: None,
            policy_errors: Vec::new(),
            policy_errors_from: String::new(),
            saved: scenario.clone(),
            scenario,
            scenario_path: None,
            assessment,
            today,
            undo: Vec::new(),
            redo: Vec::new(),
            last_text_field: None,
            view: ViewState::default(),
            notifications: Vec::new(),
            next_notice: 1,
            jobs: Jobs::default(),
            native_dialogs: std::env::var_os("POSTURE_NO_NATIVE_DIALOGS").is_none(),
            path_prompt: None,
            confirm_replace: None,
            was_typing: false,
            exporting: false,
            never_saved: false,
            since_brief: None,
            changes: Vec::new(),
            told_no_dialog: false,
            opening: Vec::new(),
            pending: None,
            recent: Vec::new(),
            dark: false,
            letter_paper: false,
            close_confirmed: false,
            last_title: String::new(),
            assess_runs: 1,
            table_cache: Default::default(),
            zoom_on_start: None,
            zoom: 1.0,
            applied_dark: None,
        };
        app.view.offering_order = offering_order(&[], &app.scenario.offerings, &app.policy);
        app
    }

    fn blank_scenario(policy: &PolicySet, today: Date) -> Scenario {
        Scenario {
            date: today.to_string(),
            offerings: policy.offerings.iter().map(|o| o.id.clone()).collect(),
            ..Default::default()
        }
    }

    /// Restores the last session from eframe storage, if any.
    pub fn restore(storage: Option<&dyn eframe::Storage>, policy: PolicySet, today: Date) -> Self {
        let mut app = PostureApp::new(policy, today);
        let persisted: Persisted = storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        app.recent = persisted.recent;
        app.dark = persisted.dark;
        app.view.only_differences = persisted.only_differences;
        app.letter_paper = persisted.letter_paper;
        if let Some(p) = persisted.policy_path {
            match load_dir(&p) {
                Ok(set) => {
                    app.policy = Arc::new(set);
                    app.policy_path = Some(p);
                }
                Err(e) => {
                    app.policy_errors = e.0;
                    app.policy_errors_from = p.display().to_string();
                }
            }
        }
        if let Some(s) = persisted.scenario {
            app.saved = persisted.saved.unwrap_or_else(|| s.clone());
            app.scenario = s;
            app.scenario_path = persisted.scenario_path;
        }
        app.zoom_on_start = persisted.zoom;
        app.reassess();
        app
    }

    pub fn persisted(&self, zoom: f32) -> Persisted {
        Persisted {
            scenario: Some(self.scenario.clone()),
            scenario_path: self.scenario_path.clone(),
            saved: Some(self.saved.clone()),
            recent: self.recent.clone(),
            dark: self.dark,
            zoom: Some(zoom),
            policy_path: self.policy_path.clone(),
            only_differences: self.view.only_differences,
            letter_paper: self.letter_paper,
        }
    }

    pub fn dirty(&self) -> bool {
        self.never_saved || self.scenario != self.saved
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn title(&self) -> String {
        let name = self
            .scenario_path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || "Untitled scenario".to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
        format!("{}{} — posture", if self.dirty() { "● " } else { "" }, name)
    }

    fn reassess(&mut self) {
        let mut s = self.scenario.clone();
        if self.view.presentation {
            // A client's screen shows client-facing content only.
            s.audience = Audience::ClientFacing;
        }
        self.assessment = self.assessor.assess(&self.policy, &s, self.today);
        self.assess_runs += 1;
        // The offerings list follows the scenario and the set, so it changes only with them.
        self.view.offering_order = offering_order(
            &self.view.offering_order,
            &self.scenario.offerings,
            &self.policy,
        );
        self.table_cache.invalidate();
        self.changes = match &self.since_brief {
            Some(b) => serde_json::to_value(&self.assessment)
                .map(|now| crate::engine::changes::changes(&b.assessment, &now))
                .unwrap_or_default(),
            None => Vec::new(),
        };
    }

    pub fn notify(
        &mut self,
        kind: NoticeKind,
        text: impl Into<String>,
        actions: Vec<(String, Action)>,
    ) {
        let text = text.into();
        // The same message again replaces the one shown, rather than stacking up.
        self.notifications.retain(|n| n.text != text);
        let id = self.next_notice;
        self.next_notice += 1;
        self.notifications.push(Notification {
            id,
            kind,
            text,
            actions,
            shown_at: None,
        });
        // Keep the stack short: the oldest information goes first, then the oldest error.
        while self.notifications.len() > MAX_NOTICES {
            let i = self
                .notifications
                .iter()
                .position(|n| n.kind == NoticeKind::Info)
                .unwrap_or(0);
            self.notifications.remove(i);
        }
    }

    /// One frame: show everything, collect actions, apply them.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if let Some(z) = self.zoom_on_start.take() {
            ctx.set_zoom_factor(z.clamp(0.5, 3.0));
        }
        self.zoom = ctx.zoom_factor()
            / if self.view.presentation {
                PRESENTATION_ZOOM
            } else {
                1.0
            };
        // Applied when it changes, not every frame.
        if self.applied_dark != Some(self.dark) {
            ctx.set_theme(if self.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.applied_dark = Some(self.dark);
        }
        let mut actions: Vec<Action> = Vec::new();
        for r in self.jobs.poll() {
            self.job_done(&ctx, r, &mut actions);
        }
        self.watch_openers();
        views::shortcuts::collect(&ctx, self, &mut actions);
        self.dropped_files(&ctx, &mut actions);
        self.close_request(&ctx);

        views::menu::show(ui, self, &mut actions);
        views::banner::show(ui, self, &mut actions);
        views::errors::show(ui, self, &mut actions);
        if !self.view.presentation {
            views::sidebar::show(ui, self, &mut actions);
        }
        if self.view.side_open {
            views::details::show(ui, self, &mut actions);
        }
        egui::CentralPanel::default().show(ui, |ui| {
            views::table::show(ui, self, &mut actions);
        });
        views::notifications::show(&ctx, self, &mut actions);
        views::dialogs::show(&ctx, self, &mut actions);

        for a in actions {
            self.apply(&ctx, a);
        }
        self.was_typing = ctx.egui_wants_keyboard_input();
        let title = self.title();
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    fn close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed && self.dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Quit);
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
        for p in dropped {
            if p.is_dir() {
                actions.push(Action::LoadPolicies(p));
            } else if looks_like_scenario(&p) {
                actions.push(Action::OpenScenario(p));
            } else {
                actions.push(Action::LoadPolicies(p));
            }
        }
    }

    fn job_done(&mut self, ctx: &egui::Context, r: JobResult, actions: &mut Vec<Action>) {
        if matches!(
            r,
            JobResult::Exported { .. } | JobResult::Failed { what: "Export", .. }
        ) {
            self.exporting = false;
        }
        match r {
            JobResult::Picked {
                purpose,
                path: Some(p),
                ..
            } => actions.push(match purpose {
                // The native save dialog asks before replacing a file itself.
                PathPurpose::ExportBrief | PathPurpose::ExportCsv | PathPurpose::ExportMarkdown => {
                    Action::ExportBriefReplacing(p)
                }
                _ => purpose.into_action(p),
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
            JobResult::Failed { what, message } => {
                self.notify(
                    NoticeKind::Error,
                    format!("{what} failed: internal error — {message}"),
                    Vec::new(),
                );
            }
            JobResult::Exported { path, result } => match result {
                Ok((bytes, missing)) => {
                    if !missing.is_empty() {
                        let what = crate::brief::describe_unprintable(&missing);
                        self.notify(
                            NoticeKind::Error,
                            format!("In the brief, {what}."),
                            Vec::new(),
                        );
                    }
                    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
                    let what = crate::brief::Format::from_path(&path).label();
                    self.notify(
                        NoticeKind::Info,
                        format!(
                            "{what} exported to {} ({} KB).",
                            path.display(),
                            bytes.div_ceil(1024)
                        ),
                        vec![
                            ("Open".into(), Action::OpenPath(path.clone())),
                            ("Show in folder".into(), Action::ShowInFolder(folder)),
                        ],
                    );
                }
                Err(e) => self.notify(NoticeKind::Error, format!("Export failed: {e}"), Vec::new()),
            },
        }
        ctx.request_repaint();
    }

    /// Reports openers that gave up (no application for PDFs, a folder that went away).
    fn watch_openers(&mut self) {
        let mut failed = Vec::new();
        self.opening
            .retain_mut(|(child, p)| match child.try_wait() {
                Ok(None) => true,
                Ok(Some(status)) => {
                    if !status.success() {
                        failed.push((p.clone(), format!("`{}` {status}", system_opener())));
                    }
                    false
                }
                Err(e) => {
                    failed.push((p.clone(), e.to_string()));
                    false
                }
            });
        for (p, why) in failed {
            self.cannot_open(&p, &why);
        }
    }

    fn cannot_open(&mut self, p: &Path, why: &str) {
        self.notify(
            NoticeKind::Error,
            format!("Could not open {}: {why}.", p.display()),
            vec![("Copy path".into(), Action::CopyPath(p.to_path_buf()))],
        );
    }

    fn open_path_prompt(&mut self, purpose: PathPurpose) {
        let suggested = match purpose {
            // Open starts from a folder that exists, not from a file name that may not.
            PathPurpose::OpenScenario => {
                let dir = self
                    .scenario_path
                    .as_ref()
                    .and_then(|p| p.parent())
                    .filter(|d| d.is_dir())
                    .map_or_else(default_dir, Path::to_path_buf);
                let mut text = dir.display().to_string();
                if !text.ends_with(std::path::MAIN_SEPARATOR) {
                    text.push(std::path::MAIN_SEPARATOR);
                }
                PathBuf::from(text)
            }
            PathPurpose::SaveScenario => self.scenario_path.clone().unwrap_or_else(|| {
                default_dir().join(format!(
                    "{}.ron",
                    file_stem(&self.scenario.client, "scenario")
                ))
            }),
            PathPurpose::ExportBrief | PathPurpose::ExportCsv | PathPurpose::ExportMarkdown => self
                .default_brief_path()
                .with_extension(purpose.extension().unwrap_or("pdf")),
            PathPurpose::OpenPolicies => self.policy_path.clone().unwrap_or_else(default_dir),
        };
        self.path_prompt = Some(PathPrompt {
            purpose,
            text: suggested.display().to_string(),
            error: None,
            focused: false,
        });
    }

    pub fn default_brief_path(&self) -> PathBuf {
        let dir = self
            .scenario_path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .unwrap_or_else(default_dir);
        // The name says who the brief is for, so an internal brief is never mistaken for (or
        // saved over) the client's; and the paper, when it is not the usual A4.
        dir.join(format!(
            "{} brief{}{} {}.pdf",
            file_stem(&self.scenario.client, "posture"),
            match self.scenario.audience {
                Audience::Internal => " (internal)",
                Audience::ClientFacing => "",
            },
            if self.letter_paper { " (Letter)" } else { "" },
            self.scenario.date
        ))
    }

    fn ask_path(&mut self, ctx: &egui::Context, purpose: PathPurpose) {
        if self.native_dialogs {
            let suggested = match purpose {
                PathPurpose::ExportBrief | PathPurpose::ExportCsv | PathPurpose::ExportMarkdown => {
                    Some(
                        self.default_brief_path()
                            .with_extension(purpose.extension().unwrap_or("pdf")),
                    )
                }
                PathPurpose::SaveScenario => {
                    Some(self.scenario_path.clone().unwrap_or_else(|| {
                        default_dir().join(format!(
                            "{}.ron",
                            file_stem(&self.scenario.client, "scenario")
                        ))
                    }))
                }
                _ => None,
            };
            self.jobs.pick(ctx, purpose, suggested);
        } else {
            self.open_path_prompt(purpose);
        }
    }

    /// Applies one action. Everything that changes state goes through here.
    pub fn apply(&mut self, ctx: &egui::Context, action: Action) {
        if action.edits_scenario() {
            let field = text_field(&action);
            let before = self.scenario.clone();
            self.edit_scenario(&action);
            if self.scenario != before {
                if field.is_none() || field != self.last_text_field {
                    self.undo.push(before);
                    if self.undo.len() > MAX_UNDO {
                        self.undo.remove(0);
                    }
                }
                self.redo.clear();
                self.last_text_field = field;
                self.reassess();
            }
            return;
        }
        self.last_text_field = None;
        match action {
            Action::Undo => {
                if let Some(prev) = self.undo.pop() {
                    self.redo.push(std::mem::replace(&mut self.scenario, prev));
                    self.reassess();
                }
            }
            Action::Redo => {
                if let Some(next) = self.redo.pop() {
                    self.undo.push(std::mem::replace(&mut self.scenario, next));
                    self.reassess();
                }
            }
            Action::NewScenario => {
                if self.dirty() {
                    self.pending = Some(Pending::New);
                } else {
                    self.new_scenario();
                }
            }
            // The file first, then (on opening it) the question about unsaved changes: asked
            // once, and only if the user did not cancel the dialog.
            Action::OpenScenarioDialog => self.ask_path(ctx, PathPurpose::OpenScenario),
            Action::OpenScenario(p) => {
                if self.dirty() && self.pending.is_none() {
                    self.pending = Some(Pending::Open(Some(p)));
                } else {
                    self.open_scenario(&p);
                }
            }
            Action::SaveScenario => match self.scenario_path.clone() {
                Some(p) => self.save_to(&p),
                None => self.ask_path(ctx, PathPurpose::SaveScenario),
            },
            Action::SaveScenarioAsDialog => self.ask_path(ctx, PathPurpose::SaveScenario),
            Action::SaveScenarioTo(p) => {
                let p = with_extension(p, "ron");
                self.save_to(&p);
                if self.pending.is_some() && !self.dirty() {
                    self.continue_pending(ctx);
                }
            }
            Action::OpenPoliciesDialog => self.ask_path(ctx, PathPurpose::OpenPolicies),
            Action::LoadPolicies(p) => self.load_policies(&p),
            Action::UseBuiltinPolicies => {
                self.policy = Arc::new(super::builtin_or_empty());
                self.policy_path = None;
                self.policy_errors.clear();
                self.reassess();
                self.notify(
                    NoticeKind::Info,
                    "Using the built-in policy set.",
                    Vec::new(),
                );
            }
            Action::ExportBriefDialog => self.ask_path(ctx, PathPurpose::ExportBrief),
            Action::ExportTableDialog(purpose) => self.ask_path(ctx, purpose),
            Action::ExportBriefTo(p) => {
                let p = with_extension(p, "pdf");
                if p.exists() {
                    self.confirm_replace = Some(p);
                } else {
                    self.export_to(ctx, p);
                }
            }
            Action::ExportBriefReplacing(p) => {
                self.confirm_replace = None;
                self.export_to(ctx, with_extension(p, "pdf"));
            }
            Action::OpenPath(p) | Action::ShowInFolder(p) => match open_with_system(&p) {
                Ok(child) => self.opening.push((child, p)),
                Err(why) => self.cannot_open(&p, &why),
            },
            Action::CancelReplace => self.confirm_replace = None,
            Action::CopyPath(p) => {
                ctx.copy_text(p.display().to_string());
                self.notify(
                    NoticeKind::Info,
                    format!("Copied {}", p.display()),
                    Vec::new(),
                );
            }
            Action::PromptPath(purpose) => self.open_path_prompt(purpose),
            Action::Select(s) => {
                self.view.selection = Some(s);
                self.view.side_tab = SideTab::Details;
                self.view.side_open = true;
            }
            Action::ClearSelection => self.view.selection = None,
            Action::CloseSidePanel => {
                self.view.side_open = false;
                self.view.selection = None;
            }
            Action::SetFilter(f) => {
                self.view.filter = f;
                self.table_cache.invalidate();
            }
            Action::SetOnlyDifferences(on) => {
                self.view.only_differences = on;
                self.table_cache.invalidate();
            }
            Action::FocusFilter => self.view.focus_filter = true,
            Action::FilterFocused => self.view.focus_filter = false,
            Action::SetSideTab(t) => {
                self.view.side_tab = t;
                self.view.side_open = true;
            }
            Action::TogglePresentation => {
                self.view.presentation = !self.view.presentation;
                // The client's screen gets the whole width for the comparison.
                if self.view.presentation {
                    self.view.side_open = false;
                    self.view.selection = None;
                }
                let z = ctx.zoom_factor();
                ctx.set_zoom_factor(if self.view.presentation {
                    z * PRESENTATION_ZOOM
                } else {
                    z / PRESENTATION_ZOOM
                });
                self.reassess();
            }
            Action::SetDark(d) => self.dark = d,
            Action::SetLetterPaper(l) => self.letter_paper = l,
            Action::SetChangesInBrief(on) => self.view.changes_in_brief = on,
            Action::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Action::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            Action::ZoomReset => ctx.set_zoom_factor(1.0),
            Action::DismissErrors => self.policy_errors.clear(),
            Action::DismissNotification(id) => self.notifications.retain(|n| n.id != id),
            Action::Quit => {
                if self.dirty() {
                    self.pending = Some(Pending::Quit);
                } else {
                    self.close_confirmed = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Action::ConfirmDiscardAndContinue => {
                // Discarding means: continue as if saved.
                self.continue_pending(ctx);
            }
            Action::SaveThenContinue => match self.scenario_path.clone() {
                Some(p) => {
                    self.save_to(&p);
                    if !self.dirty() {
                        self.continue_pending(ctx);
                    }
                }
                None => self.ask_path(ctx, PathPurpose::SaveScenario),
            },
            Action::CancelPending => self.pending = None,
            // Scenario edits were handled above.
            _ => {}
        }
    }

    fn continue_pending(&mut self, ctx: &egui::Context) {
        match self.pending.take() {
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

    fn edit_scenario(&mut self, action: &Action) {
        let order = offering_order(
            &self.view.offering_order,
            &self.scenario.offerings,
            &self.policy,
        );
        let s = &mut self.scenario;
        match action {
            // A ticked offering takes the column its row's place in the list gives it.
            Action::SetOffering(id, true) if !s.offerings.contains(id) => {
                let before = order
                    .iter()
                    .take_while(|o| *o != id)
                    .filter(|o| s.offerings.contains(o))
                    .count();
                s.offerings
                    .insert(before.min(s.offerings.len()), id.clone());
            }
            Action::SetOfferings(ids) => s.offerings = ids.clone(),
            Action::SetClient(v) => s.client = v.clone(),
            Action::SetPreparedBy(v) => s.prepared_by = v.clone(),
            Action::SetDate(v) => s.date = v.clone(),
            Action::SetNotes(v) => s.notes = v.clone(),
            Action::SetAudience(a) => s.audience = *a,
            Action::SetOffering(id, on) => set_member(&mut s.offerings, id, *on),
            Action::MoveOffering(id, by) => {
                if let Some(i) = s.offerings.iter().position(|o| o == id) {
                    let j = (i as isize + by).clamp(0, s.offerings.len() as isize - 1) as usize;
                    let item = s.offerings.remove(i);
                    s.offerings.insert(j, item);
                }
            }
            Action::SetOption(id, on) => set_member(&mut s.options, id, *on),
            Action::SetSources(ids) => s.sources = ids.clone(),
            Action::SetRequirement(id, on) => {
                // Keep requirements in the policy set's order, whatever the click order.
                set_member(&mut s.requirements, id, *on);
                let order: Vec<&str> = self
                    .policy
                    .requirements
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect();
                s.requirements
                    .sort_by_key(|r| order.iter().position(|o| o == r).unwrap_or(usize::MAX));
            }
            _ => {}
        }
    }

    fn new_scenario(&mut self) {
        self.undo.push(self.scenario.clone());
        self.scenario = Self::blank_scenario(&self.policy, self.today);
        self.saved = self.scenario.clone();
        self.never_saved = false;
        self.since_brief = None;
        self.scenario_path = None;
        self.view.selection = None;
        self.reassess();
    }

    /// Opens a brief: its embedded scenario becomes the document, unsaved (a brief is not a
    /// scenario file), and a different policy set than the brief's is said plainly.
    fn open_brief(&mut self, p: &Path) {
        match crate::brief::inputs::read_file(p) {
            Ok(inputs) => {
                self.undo.push(self.scenario.clone());
                self.redo.clear();
                self.scenario = inputs.scenario;
                self.since_brief =
                    serde_json::from_str(&inputs.assessment_json)
                        .ok()
                        .map(|assessment| SinceBrief {
                            date: inputs.policy.today.clone(),
                            assessment,
                        });
                // Unsaved: nothing on disk holds this scenario yet.
                self.saved = self.scenario.clone();
                self.never_saved = true;
                self.scenario_path = None;
                self.view.selection = None;
                self.reassess();
                self.view.changes_in_brief = true;
                if !self.changes.is_empty() {
                    self.view.side_tab = SideTab::Changes;
                    self.view.side_open = true;
                }
                self.notify(
                    NoticeKind::Info,
                    format!(
                        "Reopened the brief{} — its scenario, not yet saved.",
                        if inputs.policy.today.is_empty() {
                            String::new()
                        } else {
                            format!(" of {}", inputs.policy.today)
                        }
                    ),
                    Vec::new(),
                );
                let now = &self.policy;
                if inputs.policy.hash != now.content_hash {
                    self.notify(
                        NoticeKind::Error,
                        format!(
                            "This brief was made with \"{}\" version {} (#{}); posture now uses \"{}\" version {} (#{}). What it shows now may differ from the brief.",
                            inputs.policy.name,
                            inputs.policy.version,
                            inputs.policy.hash,
                            now.meta.name,
                            now.meta.version,
                            now.content_hash
                        ),
                        Vec::new(),
                    );
                }
                for w in self.assessment.warnings.clone() {
                    self.notify(NoticeKind::Error, w, Vec::new());
                }
            }
            Err(e) => self.notify(
                NoticeKind::Error,
                format!("Could not reopen {}: {e}", p.display()),
                Vec::new(),
            ),
        }
    }

    fn open_scenario(&mut self, p: &Path) {
        if crate::model::scenario::is_pdf(p) {
            self.open_brief(p);
            return;
        }
        match Scenario::load(p) {
            Ok(s) => {
                self.undo.push(self.scenario.clone());
                self.redo.clear();
                self.saved = s.clone();
                self.never_saved = false;
                self.since_brief = None;
                self.scenario = s;
                self.scenario_path = Some(p.to_path_buf());
                self.remember(p);
                self.view.selection = None;
                self.reassess();
                for w in self.assessment.warnings.clone() {
                    self.notify(NoticeKind::Error, w, Vec::new());
                }
            }
            Err(e) => {
                // A folder may well be a policy set: offer to open it as one.
                let offer = if p.is_dir() {
                    vec![(
                        "Open as policy set".to_string(),
                        Action::LoadPolicies(p.to_path_buf()),
                    )]
                } else {
                    Vec::new()
                };
                let text = if p.is_dir() {
                    format!(
                        "{} is a folder, not a scenario — open it as a policy set?",
                        p.display()
                    )
                } else {
                    format!("Could not open the scenario: {e}")
                };
                self.notify(NoticeKind::Error, text, offer);
            }
        }
    }

    fn save_to(&mut self, p: &Path) {
        match self.scenario.save(p) {
            Ok(()) => {
                self.saved = self.scenario.clone();
                self.never_saved = false;
                self.scenario_path = Some(p.to_path_buf());
                self.remember(p);
                self.notify(
                    NoticeKind::Info,
                    format!("Saved {}", p.display()),
                    Vec::new(),
                );
            }
            Err(e) => self.notify(
                NoticeKind::Error,
                format!(
                    "Could not save {}: {e}. The previous file is unchanged.",
                    p.display()
                ),
                Vec::new(),
            ),
        }
    }

    fn load_policies(&mut self, p: &Path) {
        match load_dir(p) {
            Ok(set) => {
                let summary = format!(
                    "Loaded policy set \"{}\" ({}) from {}",
                    set.meta.name,
                    set.meta.version,
                    p.display()
                );
                self.policy = Arc::new(set);
                self.policy_path = Some(p.to_path_buf());
                self.policy_errors.clear();
                self.reassess();
                self.notify(NoticeKind::Info, summary, Vec::new());
                for w in self.assessment.warnings.clone() {
                    self.notify(NoticeKind::Error, w, Vec::new());
                }
            }
            Err(e) => {
                let n = e.0.len();
                self.policy_errors = e.0;
                self.policy_errors_from = p.display().to_string();
                self.notify(
                    NoticeKind::Error,
                    format!(
                        "The policy set has {n} error{}; still using the previous set.",
                        if n == 1 { "" } else { "s" }
                    ),
                    Vec::new(),
                );
            }
        }
    }

    fn export_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        // One export at a time: a second one is refused out loud, not queued in silence.
        if self.exporting {
            self.notify(
                NoticeKind::Info,
                "An export is still running: try again when it has finished.",
                Vec::new(),
            );
            return;
        }
        let assessment = self.assessment.clone();
        // A brief made from a reopened one says what changed since (an optional section).
        let since = self
            .since_brief
            .as_ref()
            .filter(|_| self.view.changes_in_brief)
            .map(|b| crate::engine::changes::ChangesSince {
                date: b.date.clone(),
                changes: self.changes.clone(),
            });
        let paper = if self.letter_paper {
            crate::brief::Paper::Letter
        } else {
            crate::brief::Paper::A4
        };
        self.exporting = true;
        self.jobs.spawn(ctx, "Export", move || {
            let format = crate::brief::Format::from_path(&path);
            let result = crate::brief::export(&assessment, &path, format, paper, since.as_ref())
                .map(|w| (w.bytes, w.missing_glyphs));
            JobResult::Exported { path, result }
        });
    }

    fn remember(&mut self, p: &Path) {
        let p = p.to_path_buf();
        self.recent.retain(|r| r != &p);
        self.recent.insert(0, p);
        self.recent.truncate(MAX_RECENT);
    }
}

impl eframe::App for PostureApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // Presentation zoom is temporary; store the working zoom.
        eframe::set_value(storage, STORAGE_KEY, &self.persisted(self.zoom));
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

fn set_member(list: &mut Vec<String>, id: &str, on: bool) {
    let present = list.iter().any(|x| x == id);
    if on && !present {
        list.push(id.to_string());
    } else if !on {
        list.retain(|x| x != id);
    }
}

fn text_field(a: &Action) -> Option<&'static str> {
    match a {
        Action::SetClient(_) => Some("client"),
        Action::SetPreparedBy(_) => Some("prepared_by"),
        Action::SetDate(_) => Some("date"),
        Action::SetNotes(_) => Some("notes"),
        _ => None,
    }
}

/// A dropped file is a scenario if it reads as one; a broken file counts as a policy file only if
/// it has a policy set's sections, so its errors land in the right place (panel or notification).
fn looks_like_scenario(p: &Path) -> bool {
    let Ok(text) = crate::model::load::read_text_limited(p) else {
        return true;
    };
    if Scenario::from_ron(&text, "").is_ok() {
        return true;
    }
    let policy_sections = [
        "meta:",
        "sources:",
        "attributes:",
        "requirements:",
        "caveats:",
    ];
    !policy_sections.iter().any(|s| text.contains(s))
}

fn with_extension(p: PathBuf, ext: &str) -> PathBuf {
    if p.extension().is_some() {
        p
    } else {
        p.with_extension(ext)
    }
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

fn default_dir() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The program that opens a file or folder with the user's default application.
fn system_opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    }
}

/// Hands `p` to the system opener; the error says why it could not be started.
fn open_with_system(p: &Path) -> Result<std::process::Child, String> {
    let opener = system_opener();
    std::process::Command::new(opener)
        .arg(p)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!(
                "`{opener}` was not found{}",
                if opener == "xdg-open" {
                    " (it comes with the xdg-utils package)"
                } else {
                    ""
                }
            ),
            _ => format!("`{opener}` could not be started: {e}"),
        })
}
