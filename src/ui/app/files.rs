//! Reading and writing files for the app: scenarios, briefs, policy sets, the path field that
//! stands in for a native dialog, and the system opener.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{PostureApp, blank_scenario, file_stem};
use crate::model::{Audience, Scenario, load_dir};
use crate::ui::actions::{Action, Edit, PathPurpose, SideTab};
use crate::ui::document::Document;
use crate::ui::jobs::{JobKind, JobResult};
use crate::ui::state::{NoticeKind, PathPrompt, SinceBrief};

impl PostureApp {
    /// A new document: its own history, so Undo never reaches the one before.
    pub(super) fn new_scenario(&mut self) {
        let s = &mut self.state;
        s.doc = Document::new(blank_scenario(&s.policy, s.today), None);
        s.since_brief = None;
        s.view.selection = None;
        self.reassess();
    }

    /// Whether the file at `p` will open as a scenario or a brief; if not, says why in plain
    /// words ("No file at …"), and offers a folder as a policy set.
    pub(super) fn can_open(&mut self, p: &Path) -> bool {
        let problem = if p.is_dir() {
            None
        } else if !p.exists() {
            Some(format!("No file at {}.", p.display()))
        } else if crate::model::scenario::is_pdf(p) {
            crate::brief::inputs::read_file(p)
                .err()
                .map(|e| format!("Could not reopen {}: {e}", p.display()))
        } else {
            Scenario::load(p)
                .err()
                .map(|e| format!("Could not open the scenario: {e}"))
        };
        if p.is_dir() {
            self.open_scenario(p);
            return false;
        }
        match problem {
            Some(text) => {
                self.notify_file_error(text, Vec::new());
                false
            }
            None => true,
        }
    }

    pub(super) fn open_scenario(&mut self, p: &Path) {
        if crate::model::scenario::is_pdf(p) {
            self.open_brief(p);
            return;
        }
        match Scenario::load(p) {
            Ok(s) => {
                self.clear_file_errors();
                self.state.doc = Document::new(s, Some(p.to_path_buf()));
                self.state.since_brief = None;
                self.state.prefs.remember(p);
                self.state.view.selection = None;
                self.reassess();
                self.warn_about_assessment();
            }
            Err(e) => {
                // A folder may well be a policy set: offer to open it as one.
                let (text, offer) = if p.is_dir() {
                    (
                        format!(
                            "{} is a folder, not a scenario — open it as a policy set?",
                            p.display()
                        ),
                        vec![(
                            "Open as policy set".to_string(),
                            Action::LoadPolicies(p.to_path_buf()),
                        )],
                    )
                } else {
                    (format!("Could not open the scenario: {e}"), Vec::new())
                };
                self.notify_file_error(text, offer);
            }
        }
    }

    fn warn_about_assessment(&mut self) {
        for w in self.state.assessment.warnings.clone() {
            self.notify(NoticeKind::Error, w, Vec::new());
        }
    }

    /// Opens a brief: its embedded scenario becomes a new document, unsaved (a brief is not a
    /// scenario file), and a different policy set than the brief's is said plainly.
    fn open_brief(&mut self, p: &Path) {
        let inputs = match crate::brief::inputs::read_file(p) {
            Ok(inputs) => inputs,
            Err(e) => {
                self.notify_file_error(
                    format!("Could not reopen {}: {e}", p.display()),
                    Vec::new(),
                );
                return;
            }
        };
        self.clear_file_errors();
        let now = &self.state.policy;
        let policy_note = (inputs.policy.hash != now.content_hash).then(|| {
            format!(
                "This brief was made with \"{}\" version {} (#{}); posture now uses \"{}\" version {} (#{}). What it shows now may differ from the brief.",
                inputs.policy.name,
                inputs.policy.version,
                inputs.policy.hash,
                now.meta.name,
                now.meta.version,
                now.content_hash
            )
        });
        let client_facing = inputs.scenario.audience == Audience::ClientFacing;
        let brief_date = inputs.scenario.date.clone();
        let s = &mut self.state;
        s.doc = Document::unsaved(inputs.scenario.clone());
        s.since_brief = serde_json::from_str(&inputs.assessment_json)
            .ok()
            .map(|json| SinceBrief {
                date: inputs.policy.today.clone(),
                snapshot: crate::engine::changes::Snapshot::read(&json),
                scenario: inputs.scenario,
                policy_note,
            });
        s.view.selection = None;
        // A new brief from this one is made today: the date says so, and Undo takes it back.
        let today = s.today.to_string();
        let dated = brief_date != today
            && s.doc.edit(
                &Edit::Date(today.clone()),
                &s.policy,
                &s.view.offering_order,
            );
        self.reassess();
        let s = &mut self.state;
        // A client-facing brief does not carry the list of changes unless the user asks.
        s.view.changes_in_brief = !client_facing;
        if !s.changes.is_empty()
            || s.since_brief
                .as_ref()
                .is_some_and(|b| b.policy_note.is_some())
        {
            s.view.side_tab = SideTab::Changes;
            s.view.side_open = true;
        }
        let of = if brief_date.is_empty() {
            String::new()
        } else {
            format!(" of {brief_date}")
        };
        let (text, undo) = if dated {
            (
                format!(
                    "Reopened the brief{of} — its scenario, not yet saved. The date is now today's, {today}."
                ),
                vec![("Undo".to_string(), Action::Undo)],
            )
        } else {
            (
                format!("Reopened the brief{of} — its scenario, not yet saved."),
                Vec::new(),
            )
        };
        self.notify(NoticeKind::Info, text, undo);
        self.warn_about_assessment();
    }

    pub(super) fn save_to(&mut self, p: &Path) {
        match self.state.doc.scenario.save(p) {
            Ok(()) => {
                self.state.doc.saved_to(p);
                self.state.prefs.remember(p);
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

    pub(super) fn load_policies(&mut self, p: Option<&Path>) {
        let loaded = match p {
            Some(p) => load_dir(p),
            None => Ok(super::builtin_or_empty()),
        };
        match loaded {
            Ok(set) => {
                self.clear_file_errors();
                let summary = match p {
                    Some(p) => format!(
                        "Loaded policy set \"{}\" ({}) from {}",
                        set.meta.name,
                        set.meta.version,
                        p.display()
                    ),
                    None => "Using the built-in policy set.".to_string(),
                };
                self.state.policy = Arc::new(set);
                self.state.prefs.policy_path = p.map(Path::to_path_buf);
                self.state.policy_errors.clear();
                self.reassess();
                self.notify(NoticeKind::Info, summary, Vec::new());
                self.warn_about_assessment();
            }
            Err(e) => {
                let n = e.0.len();
                self.state.policy_errors = e.0;
                self.state.policy_errors_from =
                    p.map_or_else(String::new, |p| p.display().to_string());
                self.notify_file_error(
                    format!(
                        "The policy set has {n} error{}; still using the previous set.",
                        if n == 1 { "" } else { "s" }
                    ),
                    Vec::new(),
                );
            }
        }
    }

    pub(super) fn export_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        // One export at a time: a second one is refused out loud, not queued in silence.
        if self.jobs.is_running(JobKind::Export) {
            self.notify(
                NoticeKind::Info,
                "An export is still running: try again when it has finished.",
                Vec::new(),
            );
            return;
        }
        let s = &self.state;
        let assessment = s.assessment.clone();
        // A brief made from a reopened one says what changed since (an optional section).
        let since = s
            .since_brief
            .as_ref()
            .filter(|_| s.view.changes_in_brief)
            .map(|b| crate::engine::changes::ChangesSince {
                date: b.date.clone(),
                changes: s.changes.clone(),
            });
        let paper = if s.prefs.letter_paper {
            crate::brief::Paper::Letter
        } else {
            crate::brief::Paper::A4
        };
        self.jobs.spawn(ctx, JobKind::Export, move || {
            let format = crate::brief::Format::from_path(&path);
            let result = crate::brief::export(&assessment, &path, format, paper, since.as_ref());
            JobResult::Exported { path, result }
        });
    }

    pub(super) fn exported(
        &mut self,
        path: PathBuf,
        result: Result<crate::brief::Written, crate::brief::ExportError>,
    ) {
        match result {
            Ok(crate::brief::Written {
                bytes,
                missing_glyphs,
                ..
            }) => {
                if !missing_glyphs.is_empty() {
                    let what = crate::brief::describe_unprintable(&missing_glyphs);
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
        }
    }

    /// Reports openers that gave up (no application for PDFs, a folder that went away).
    pub(super) fn watch_openers(&mut self) {
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

    pub(super) fn open_with_system(&mut self, p: PathBuf) {
        match open_with_system(&p) {
            Ok(child) => self.opening.push((child, p)),
            Err(e) => self.cannot_open(&p, &opener_problem(&e)),
        }
    }

    fn cannot_open(&mut self, p: &Path, why: &str) {
        self.notify(
            NoticeKind::Error,
            format!("Could not open {}: {why}.", p.display()),
            vec![("Copy path".into(), Action::CopyPath(p.to_path_buf()))],
        );
    }

    /// Where a file for `purpose` goes unless the user says otherwise.
    fn suggested_path(&self, purpose: PathPurpose) -> PathBuf {
        let s = &self.state;
        let scenario_file = || {
            s.doc.path.clone().unwrap_or_else(|| {
                default_dir().join(format!(
                    "{}.ron",
                    file_stem(&s.doc.scenario.client, "scenario")
                ))
            })
        };
        match purpose {
            // Open starts from a folder that exists, not from a file name that may not.
            PathPurpose::OpenScenario => {
                let dir = s
                    .doc
                    .path
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
            PathPurpose::SaveScenario => scenario_file(),
            PathPurpose::Export(format) => self.default_export_path(format),
            PathPurpose::OpenPolicies => s.prefs.policy_path.clone().unwrap_or_else(default_dir),
            PathPurpose::SavedCopies => default_dir(),
            PathPurpose::ReviewedSet => default_dir().join("posture-policies"),
        }
    }

    pub(super) fn open_path_prompt(&mut self, purpose: PathPurpose) {
        let text = self.suggested_path(purpose).display().to_string();
        self.state.path_prompt = Some(PathPrompt {
            purpose,
            text,
            error: None,
            focused: false,
        });
    }

    pub fn default_brief_path(&self) -> PathBuf {
        self.default_export_path(crate::brief::Format::Pdf)
    }

    /// Where an export goes unless the user says otherwise: "Acme brief 2026-11-30.pdf", and
    /// for questionnaires "Acme answers 2026-11-30.csv".
    pub fn default_export_path(&self, format: crate::brief::Format) -> PathBuf {
        let s = &self.state;
        let dir = s
            .doc
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .unwrap_or_else(default_dir);
        // The name says who the brief is for, so an internal brief is never mistaken for (or
        // saved over) the client's; and the paper, when it is not the usual A4.
        let scenario = &s.doc.scenario;
        let what = match format {
            crate::brief::Format::Csv => "answers",
            crate::brief::Format::Pdf | crate::brief::Format::Markdown => "brief",
        };
        dir.join(format!(
            "{} {what}{}{} {}.{}",
            file_stem(&scenario.client, "posture"),
            match scenario.audience {
                Audience::Internal => " (internal)",
                Audience::ClientFacing => "",
            },
            if s.prefs.letter_paper {
                " (Letter)"
            } else {
                ""
            },
            scenario.date,
            format.extension()
        ))
    }

    pub(super) fn ask_path(&mut self, ctx: &egui::Context, purpose: PathPurpose) {
        if self.native_dialogs {
            let suggested = match purpose {
                PathPurpose::Export(_) | PathPurpose::SaveScenario => {
                    Some(self.suggested_path(purpose))
                }
                PathPurpose::OpenScenario
                | PathPurpose::OpenPolicies
                | PathPurpose::SavedCopies
                | PathPurpose::ReviewedSet => None,
            };
            self.jobs.pick(ctx, purpose, suggested);
        } else {
            self.open_path_prompt(purpose);
        }
    }
}

/// A dropped file is a scenario if it reads as one; a broken file counts as a policy file only if
/// it has a policy set's sections, so its errors land in the right place (panel or notification).
pub(super) fn looks_like_scenario(p: &Path) -> bool {
    let Ok(text) = crate::model::read::read_text_limited(p) else {
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

pub(super) fn with_extension(p: PathBuf, ext: &str) -> PathBuf {
    if p.extension().is_some() {
        p
    } else {
        p.with_extension(ext)
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

/// Hands `p` to the system opener.
fn open_with_system(p: &Path) -> std::io::Result<std::process::Child> {
    std::process::Command::new(system_opener())
        .arg(p)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
}

/// Why the system opener could not be started, in words.
fn opener_problem(e: &std::io::Error) -> String {
    let opener = system_opener();
    match e.kind() {
        std::io::ErrorKind::NotFound => format!(
            "`{opener}` was not found{}",
            if opener == "xdg-open" {
                " (it comes with the xdg-utils package)"
            } else {
                ""
            }
        ),
        _ => format!("`{opener}` could not be started: {e}"),
    }
}
