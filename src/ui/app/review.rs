//! The monthly review in the app: re-checks run as a background job with progress and Cancel,
//! and the evidence gathered is saved as a new version of the policy set.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::PostureApp;
use crate::recheck::{self, Request, record};
use crate::ui::actions::{PathPurpose, ReviewAction};
use crate::ui::jobs::{JobKind, JobResult};
use crate::ui::state::{NoticeKind, Review};

/// A re-check under way: what the job shares with the window.
pub(super) struct RecheckRun {
    cancel: Arc<AtomicBool>,
    done: Arc<AtomicUsize>,
    total: usize,
}

impl PostureApp {
    pub(super) fn open_review(&mut self) {
        if self.state.review.is_some() {
            return;
        }
        let holders = recheck::uses::holders(&self.state.policy);
        let quotes = self
            .state
            .policy
            .sources
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    recheck::uses::quotes_with_uses(&s.id, &holders),
                )
            })
            .collect();
        self.state.review = Some(Review {
            quotes,
            evidence: std::mem::take(&mut self.unsaved_evidence),
            ..Review::default()
        });
    }

    pub(super) fn review(&mut self, ctx: &egui::Context, action: ReviewAction) {
        match action {
            ReviewAction::Close => {
                if let Some(run) = &self.recheck {
                    run.cancel.store(true, Ordering::Relaxed);
                }
                // Checks not yet saved wait for the window to open again; they are said, not lost.
                if let Some(r) = self.state.review.take()
                    && !r.evidence.is_empty()
                {
                    let n = r.evidence.len();
                    self.unsaved_evidence = r.evidence;
                    self.notify(
                        NoticeKind::Info,
                        format!(
                            "{n} source check{} not saved yet: they are kept until Review sources… saves them.",
                            if n == 1 { "" } else { "s" }
                        ),
                        Vec::new(),
                    );
                }
            }
            ReviewAction::Recheck(sources) => self.start_recheck(
                ctx,
                Request {
                    sources,
                    ..Request::default()
                },
            ),
            ReviewAction::RecheckSaved(dir) => self.start_recheck(
                ctx,
                Request {
                    saved: Some(dir),
                    ..Request::default()
                },
            ),
            ReviewAction::Cancel => {
                if let Some(run) = &self.recheck {
                    run.cancel.store(true, Ordering::Relaxed);
                }
            }
            ReviewAction::MarkReviewed(source) => {
                let by = self.state.prefs.reviewer.trim().to_string();
                if by.is_empty() {
                    self.notify(
                        NoticeKind::Error,
                        "Enter your name as the reviewer first: a review is recorded under it.",
                        Vec::new(),
                    );
                    return;
                }
                let today = self.state.today;
                let entry = record::by_hand(&source, &by, today, "marked reviewed in the app");
                // A set in a folder takes the entry into its log at once; the built-in set keeps
                // it until the review is saved as a copy.
                if let Some(dir) = self.state.prefs.policy_path.clone().filter(|p| p.is_dir()) {
                    match record::append(&record::log_path(&dir), std::slice::from_ref(&entry)) {
                        Ok(_) => {
                            self.load_policies(Some(&dir));
                            if let Some(r) = &mut self.state.review {
                                r.status = format!(
                                    "{source} marked reviewed by {by}, recorded in {}.",
                                    record::LOG_FILE
                                );
                            }
                        }
                        Err(e) => self.notify(NoticeKind::Error, e.to_string(), Vec::new()),
                    }
                    return;
                }
                if let Some(r) = &mut self.state.review {
                    r.evidence.retain(|e| e.source != source);
                    r.evidence.push(entry);
                    r.status = format!(
                        "{source} marked reviewed by {by}; saved with the new version of the set."
                    );
                }
            }
            ReviewAction::Reviewer(name) => self.state.prefs.reviewer = name,
            ReviewAction::SaveVersion(dir) => self.save_review(ctx, dir),
        }
    }

    fn start_recheck(&mut self, ctx: &egui::Context, request: Request) {
        if self.recheck.is_some() {
            self.notify(
                NoticeKind::Info,
                "A re-check is still finishing (each page within 30 s): try again in a moment.",
                Vec::new(),
            );
            return;
        }
        if let Err(message) = recheck::validate(&self.state.policy, &request) {
            self.notify(NoticeKind::Error, message.to_string(), Vec::new());
            return;
        }
        let total = recheck::count(&self.state.policy, &request);
        let run = RecheckRun {
            cancel: Arc::new(AtomicBool::new(false)),
            done: Arc::new(AtomicUsize::new(0)),
            total,
        };
        let (cancel, done) = (run.cancel.clone(), run.done.clone());
        let set = self.state.policy.clone();
        let waker = ctx.clone();
        self.jobs.spawn(ctx, JobKind::Recheck, move || {
            let report = recheck::run(&set, &request, &cancel, &|n, _, _| {
                done.store(n, Ordering::Relaxed);
                waker.request_repaint();
            });
            JobResult::Rechecked(report)
        });
        if let Some(r) = &mut self.state.review {
            r.running = Some((0, total));
            r.status.clear();
        }
        self.recheck = Some(run);
    }

    /// Copies the job's progress into the window's state, once a frame while it runs.
    pub(super) fn recheck_progress(&mut self) {
        if let (Some(run), Some(r)) = (&self.recheck, &mut self.state.review) {
            r.running = Some((run.done.load(Ordering::Relaxed), run.total));
        }
    }

    pub(super) fn rechecked(&mut self, report: recheck::Report) {
        self.recheck = None;
        let by = self.state.prefs.reviewer.trim().to_string();
        let by = if by.is_empty() {
            "posture (app)".to_string()
        } else {
            by
        };
        let today = self.state.today;
        let Some(r) = &mut self.state.review else {
            return;
        };
        r.running = None;
        let evidence = record::evidence(&report, &by, today);
        for e in evidence {
            r.evidence.retain(|x| x.source != e.source);
            r.evidence.push(e);
        }
        r.status = format!(
            "Re-check{}: {} ok, {} changed, {} unreachable.",
            if report.cancelled { " (cancelled)" } else { "" },
            report.count(recheck::SourceState::Ok),
            report.count(recheck::SourceState::Changed),
            report.count(recheck::SourceState::Unreachable),
        );
        for s in report.sources {
            // A source the cancelled run never reached keeps its earlier result.
            if report.cancelled && s.message.contains("cancelled") {
                continue;
            }
            r.results.insert(s.id.clone(), s);
        }
    }

    fn save_review(&mut self, ctx: &egui::Context, dir: Option<PathBuf>) {
        let Some(review) = &self.state.review else {
            return;
        };
        if review.evidence.is_empty() {
            return;
        }
        let by = self.state.prefs.reviewer.trim().to_string();
        if by.is_empty() {
            self.notify(
                NoticeKind::Error,
                "Enter your name as the reviewer first: the new version is recorded under it.",
                Vec::new(),
            );
            return;
        }
        let target: PathBuf = match (dir, &self.state.prefs.policy_path) {
            (None, Some(p)) if p.is_dir() => p.clone(),
            // A set in one file has no folder for its evidence log and changelog: say so, and
            // never put the built-in set in its place.
            (_, Some(p)) => {
                self.notify(
                    NoticeKind::Error,
                    format!(
                        "{} is a policy set in one file: its evidence log and changelog need a folder. Move the file into a folder and open the folder.",
                        p.display()
                    ),
                    Vec::new(),
                );
                return;
            }
            // The built-in set is read-only: it is copied to a folder the user chooses first.
            (Some(d), None) => {
                if let Err(message) = record::copy_builtin(&d) {
                    self.notify(NoticeKind::Error, message.to_string(), Vec::new());
                    return;
                }
                d
            }
            (None, None) => {
                self.ask_path(ctx, PathPurpose::ReviewedSet);
                return;
            }
        };
        let entries = review.evidence.clone();
        let old = self.state.policy.meta.version.clone();
        match record::save_version(&target, &old, &entries, &by, self.state.today) {
            Ok(version) => {
                self.load_policies(Some(Path::new(&target)));
                if let Some(r) = &mut self.state.review {
                    r.evidence.clear();
                    r.status = format!("Saved version {version} to {}.", target.display());
                }
            }
            Err(message) => self.notify(NoticeKind::Error, message.to_string(), Vec::new()),
        }
    }
}
