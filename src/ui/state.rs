//! What the window shows: the document, the assessment, the preferences and the view. Views read
//! a [`State`] and return actions; only the app changes it.

use std::path::PathBuf;
use std::sync::Arc;

use super::actions::{Action, PathPurpose, Selection, SideTab};
use super::command::Command;
use super::document::Document;
use super::prefs::Prefs;
use crate::engine::Assessment;
use crate::engine::changes::Change;
use crate::model::{Date, LoadError, PolicySet};

pub struct State {
    /// Shared with the assessor, which keeps its cell views while the set stays the same.
    pub policy: Arc<PolicySet>,
    /// Errors of the last policy set that failed to load; the app keeps the previous set.
    pub policy_errors: Vec<LoadError>,
    pub policy_errors_from: String,
    pub doc: Document,
    /// Shared, so that what is computed from it (the table's layout) knows it by identity: a new
    /// assessment is a new `Arc`.
    pub assessment: Arc<Assessment>,
    pub today: Date,
    pub prefs: Prefs,
    pub view: View,
    pub notifications: Vec<Notification>,
    /// The in-app path field shown when no native dialog is available.
    pub path_prompt: Option<PathPrompt>,
    /// An export waiting for "Replace" because a file is already at its path.
    pub confirm_replace: Option<PathBuf>,
    /// An action that would discard unsaved changes, waiting for the user's answer.
    pub pending: Option<Pending>,
    /// The brief last reopened: its day and the assessment it carries, to list what changed.
    pub since_brief: Option<SinceBrief>,
    /// What changed since that brief, on the brief's own scenario, recomputed with every
    /// assessment.
    pub changes: Vec<Change>,
    /// The user's edits of the reopened scenario, in words ("Sources read: all → …").
    pub edits_since_brief: Vec<String>,
    /// A text field had the keyboard at the end of the last frame.
    pub was_typing: bool,
    /// The "Review sources" window, when open.
    pub review: Option<Review>,
}

/// A quote, and what rests on it.
pub type QuoteUses = (String, Vec<crate::recheck::uses::Use>);

/// The "Review sources" window: what each source's quotes support, the last re-check's results,
/// and the evidence gathered but not yet saved.
#[derive(Debug, Clone, Default)]
pub struct Review {
    /// Per source (in the set's order), its quotes and what rests on each.
    pub quotes: Vec<(String, Vec<QuoteUses>)>,
    /// The newest re-check result of each source.
    pub results: std::collections::HashMap<String, crate::recheck::SourceReport>,
    /// A re-check is running: sources done, of how many.
    pub running: Option<(usize, usize)>,
    /// Evidence to write with "Save as a new version": re-checks whose page was read, and
    /// sources marked reviewed.
    pub evidence: Vec<crate::model::Evidence>,
    /// The last re-check or save, in a sentence.
    pub status: String,
}

/// How the comparison is looked at: nothing here is saved.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub filter: String,
    pub selection: Option<Selection>,
    pub side_tab: SideTab,
    /// The right panel (details, caveats, sources) is open.
    pub side_open: bool,
    /// The row filter should take the keyboard focus on the next frame.
    pub focus_filter: bool,
    pub presentation: bool,
    /// The offerings list's rows, in a stable order (see `app::offering_order`).
    pub offering_order: Vec<String>,
    /// Briefs exported after reopening one include the section "Changes since the brief".
    pub changes_in_brief: bool,
    /// The table's keyboard cursor: the cell or verdict the arrow keys move from.
    pub cursor: Option<Selection>,
    /// The cursor moved: for this many more frames its cell is scrolled to and takes the
    /// keyboard focus once drawn. Bounded, so a cell that cannot be shown never keeps the table
    /// from scrolling.
    pub focus_cursor: u8,
    /// The command palette is open.
    pub palette: Option<Palette>,
    /// A key was pressed since presentation mode began: in front of a client the focus ring
    /// shows only once someone uses the keyboard.
    pub keys_used: bool,
    /// Counts each time the side panel is shown anew (a tab chosen, a cell or verdict
    /// selected): the panel's scroll position belongs to one showing, so each opens at its top.
    pub side_shown: u32,
}

impl View {
    /// Whether the keyboard focus is drawn: always, except in presentation mode before a key.
    pub fn show_focus(&self) -> bool {
        !self.presentation || self.keys_used
    }
}

#[derive(Debug, Clone, Default)]
pub struct Palette {
    pub query: String,
    /// The highlighted entry among those that match.
    pub selected: usize,
    /// What had the keyboard before the palette opened, to give it back on Esc.
    pub return_focus: Option<egui::Id>,
}

/// Frames a moved cursor has to scroll its cell into view and take the focus (it needs two).
pub const FOCUS_FRAMES: u8 = 4;

impl State {
    /// Whether `command` can run now. Every command is named: a new one does not compile until
    /// it says.
    pub fn can_run(&self, command: Command) -> bool {
        use Command as C;
        match command {
            C::UseBuiltinPolicies => self.prefs.policy_path.is_some(),
            C::Undo => self.doc.can_undo(),
            C::Redo => self.doc.can_redo(),
            C::Changes => self.since_brief.is_some(),
            // Presentation mode keeps to the comparison.
            C::FilterRows | C::OnlyDifferences => !self.view.presentation,
            C::NewScenario
            | C::OpenScenario
            | C::SaveScenario
            | C::SaveScenarioAs
            | C::OpenPolicies
            | C::ReviewSources
            | C::ExportBrief
            | C::ExportCsv
            | C::ExportMarkdown
            | C::PaperA4
            | C::PaperLetter
            | C::Quit
            | C::CommandPalette
            | C::Presentation
            | C::Caveats
            | C::Sources
            | C::DarkTheme
            | C::ZoomIn
            | C::ZoomOut
            | C::ZoomReset
            | C::NextPart
            | C::PreviousPart => true,
        }
    }

    /// For a command that turns something on or off, or picks one of several: whether it is on.
    /// None for the commands that simply run.
    pub fn is_on(&self, command: Command) -> Option<bool> {
        use Command as C;
        match command {
            C::PaperA4 => Some(!self.prefs.letter_paper),
            C::PaperLetter => Some(self.prefs.letter_paper),
            C::OnlyDifferences => Some(self.prefs.only_differences),
            C::DarkTheme => Some(self.prefs.dark),
            C::Presentation => Some(self.view.presentation),
            C::NewScenario
            | C::OpenScenario
            | C::SaveScenario
            | C::SaveScenarioAs
            | C::OpenPolicies
            | C::UseBuiltinPolicies
            | C::ReviewSources
            | C::ExportBrief
            | C::ExportCsv
            | C::ExportMarkdown
            | C::Quit
            | C::Undo
            | C::Redo
            | C::CommandPalette
            | C::FilterRows
            | C::Caveats
            | C::Sources
            | C::Changes
            | C::ZoomIn
            | C::ZoomOut
            | C::ZoomReset
            | C::NextPart
            | C::PreviousPart => None,
        }
    }

    /// A modal question is open: only its own buttons go on.
    pub fn modal(&self) -> bool {
        self.pending.is_some() || self.path_prompt.is_some() || self.confirm_replace.is_some()
    }

    pub fn title(&self) -> String {
        format!(
            "{}{} — posture",
            if self.doc.dirty() { "● " } else { "" },
            self.doc.name()
        )
    }
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
    /// An error about opening or reading a file: cleared when the next file opens.
    pub about_a_file: bool,
}

/// A reopened brief, kept to compare with.
#[derive(Debug, Clone)]
pub struct SinceBrief {
    /// The day the brief was made for.
    pub date: String,
    /// What the brief's assessment says, read once when it was reopened.
    pub snapshot: crate::engine::changes::Snapshot,
    /// The brief's own scenario: what changed since the brief is judged on it, so the user's
    /// own edits (another source view, an offering added) are listed apart.
    pub scenario: crate::model::Scenario,
    /// Said at the top of the Changes tab when the brief was made with another policy set.
    pub policy_note: Option<String>,
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
