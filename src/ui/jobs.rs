//! Work that must not block the UI thread: native file dialogs (which can hang for ~25 s on a broken
//! portal) and brief export. Each job runs on its own thread and reports back through a channel,
//! waking the UI with `request_repaint`.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use super::actions::PathPurpose;

/// What a job is: each kind has its own result, and the app asks whether one of a kind runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    FileDialog,
    Export,
    Recheck,
}

impl JobKind {
    /// How a failure names it: "Export failed: …".
    pub fn label(self) -> &'static str {
        match self {
            JobKind::FileDialog => "The file dialog",
            JobKind::Export => "Export",
            JobKind::Recheck => "The re-check",
        }
    }
}

#[derive(Debug)]
pub enum JobResult {
    /// A native dialog closed. `None` means cancelled or no dialog available.
    Picked {
        purpose: PathPurpose,
        path: Option<PathBuf>,
        elapsed: Duration,
    },
    /// An export finished: the bytes written and the characters replaced, or what went wrong.
    Exported {
        path: PathBuf,
        result: Result<crate::brief::Written, crate::brief::ExportError>,
    },
    /// A re-check of sources finished (or was cancelled).
    Rechecked(crate::recheck::Report),
    /// A job panicked: it is reported as that job's failure instead of never answering.
    Failed { kind: JobKind, message: String },
}

impl JobResult {
    pub fn kind(&self) -> JobKind {
        match self {
            JobResult::Picked { .. } => JobKind::FileDialog,
            JobResult::Exported { .. } => JobKind::Export,
            JobResult::Rechecked(_) => JobKind::Recheck,
            JobResult::Failed { kind, .. } => *kind,
        }
    }
}

pub struct Jobs {
    tx: Sender<JobResult>,
    rx: Receiver<JobResult>,
    /// The kinds of the jobs running, one entry per job.
    running: Vec<JobKind>,
}

impl Default for Jobs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Jobs {
            tx,
            rx,
            running: Vec::new(),
        }
    }
}

impl Jobs {
    /// Runs `work` on a worker thread. A job that panics answers as a failure of its kind.
    pub fn spawn(
        &mut self,
        ctx: &egui::Context,
        kind: JobKind,
        work: impl FnOnce() -> JobResult + Send + 'static,
    ) {
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        self.running.push(kind);
        let spawned = std::thread::Builder::new()
            .name("posture-job".into())
            .spawn(move || {
                // A job that panics still answers, so nobody waits for it forever.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
                    .unwrap_or_else(|payload| JobResult::Failed {
                        kind,
                        message: payload
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| payload.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "an unexpected error".into()),
                    });
                let _ = tx.send(result);
                ctx.request_repaint();
            });
        if spawned.is_err() {
            self.running.pop();
        }
    }

    /// Whether a job of this kind is running.
    pub fn is_running(&self, kind: JobKind) -> bool {
        self.running.contains(&kind)
    }

    /// How many jobs are running.
    pub fn running(&self) -> usize {
        self.running.len()
    }

    /// Opens a native file dialog on a worker thread.
    pub fn pick(&mut self, ctx: &egui::Context, purpose: PathPurpose, suggested: Option<PathBuf>) {
        self.spawn(ctx, JobKind::FileDialog, move || {
            let started = Instant::now();
            let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
            if let Some(s) = &suggested {
                if let Some(dir) = s.parent().filter(|d| d.is_dir()) {
                    dialog = dialog.set_directory(dir);
                }
                if let Some(name) = s.file_name() {
                    dialog = dialog.set_file_name(name.to_string_lossy());
                }
            }
            let path = match purpose {
                PathPurpose::OpenScenario => dialog
                    .add_filter("posture scenario or brief", &["ron", "pdf"])
                    .pick_file(),
                PathPurpose::SaveScenario => {
                    dialog.add_filter("posture scenario", &["ron"]).save_file()
                }
                PathPurpose::OpenPolicies | PathPurpose::SavedCopies | PathPurpose::ReviewedSet => {
                    dialog.pick_folder()
                }
                PathPurpose::Export(f) => {
                    dialog.add_filter(f.label(), &[f.extension()]).save_file()
                }
            };
            JobResult::Picked {
                purpose,
                path,
                elapsed: started.elapsed(),
            }
        });
    }

    pub fn poll(&mut self) -> Vec<JobResult> {
        let mut out = Vec::new();
        while let Ok(r) = self.rx.try_recv() {
            if let Some(i) = self.running.iter().position(|k| *k == r.kind()) {
                self.running.remove(i);
            }
            out.push(r);
        }
        out
    }
}
