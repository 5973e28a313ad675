//! Work that must not block the UI thread: native file dialogs (which can hang for ~25 s on a broken
//! portal) and brief export. Each job runs on its own thread and reports back through a channel,
//! waking the UI with `request_repaint`.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use super::actions::PathPurpose;

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
        result: Result<(usize, Vec<char>), String>,
    },
    /// A re-check of sources finished (or was cancelled).
    Rechecked(crate::recheck::Report),
    /// A job panicked: it is reported as that job's failure instead of never answering.
    Failed { what: &'static str, message: String },
}

pub struct Jobs {
    tx: Sender<JobResult>,
    rx: Receiver<JobResult>,
    pub running: usize,
}

impl Default for Jobs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Jobs { tx, rx, running: 0 }
    }
}

impl Jobs {
    /// Runs `work` on a worker thread. `what` names the job in a failure ("Export failed: …").
    pub fn spawn(
        &mut self,
        ctx: &egui::Context,
        what: &'static str,
        work: impl FnOnce() -> JobResult + Send + 'static,
    ) {
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        self.running += 1;
        let spawned = std::thread::Builder::new()
            .name("posture-job".into())
            .spawn(move || {
                // A job that panics still answers, so nobody waits for it forever.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
                    .unwrap_or_else(|payload| JobResult::Failed {
                        what,
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
            self.running -= 1;
        }
    }

    /// Opens a native file dialog on a worker thread.
    pub fn pick(&mut self, ctx: &egui::Context, purpose: PathPurpose, suggested: Option<PathBuf>) {
        self.spawn(ctx, "The file dialog", move || {
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
                PathPurpose::ExportBrief => dialog.add_filter("PDF", &["pdf"]).save_file(),
                PathPurpose::ExportCsv => dialog.add_filter("CSV", &["csv"]).save_file(),
                PathPurpose::ExportMarkdown => dialog.add_filter("Markdown", &["md"]).save_file(),
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
            self.running = self.running.saturating_sub(1);
            out.push(r);
        }
        out
    }
}
