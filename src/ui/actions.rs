//! Everything a user can do, as data. Views return these; the app applies them after the UI pass.

use std::path::PathBuf;

use crate::brief::Format;
use crate::model::Audience;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// An edit of the scenario: undoable, and saved with it.
    Edit(Edit),
    Undo,
    Redo,
    /// Run a command from the menu, a shortcut or the command palette.
    Run(super::command::Command),
    // Files.
    OpenScenario(PathBuf),
    SaveScenarioTo(PathBuf),
    LoadPolicies(PathBuf),
    /// Ask for a path (a native dialog, else the path field): where to write an export, which
    /// folder of saved pages to re-check.
    AskPath(PathPurpose),
    /// Export to a path (the format by its extension); asks first if a file is there.
    ExportTo(PathBuf),
    /// Export to a path, replacing what is there (the user said so, or a native dialog asked).
    ExportReplacing(PathBuf),
    /// Put a path on the clipboard (when the system cannot open it).
    CopyPath(PathBuf),
    /// Keep the existing file: no export.
    CancelReplace,
    OpenPath(PathBuf),
    ShowInFolder(PathBuf),
    /// What is typed in the in-app path field.
    PromptText(String),
    /// The path field has taken the keyboard focus (it asks for it once).
    PromptFocused,
    /// OK (or Enter) in the path field.
    SubmitPrompt,
    ClosePrompt,
    // View.
    Select(Selection),
    /// The details panel stays open, with nothing chosen.
    ClearSelection,
    CloseSidePanel,
    /// Move the table's keyboard focus to this cell or verdict (the arrow keys).
    MoveCursor(Selection),
    /// A cell or verdict took the keyboard focus (Tab, a click, or [`Action::MoveCursor`]).
    CursorAt(Selection),
    SetFilter(String),
    FilterFocused,
    SetOnlyDifferences(bool),
    SetSideTab(SideTab),
    /// Include "Changes since the brief" in the next brief.
    SetChangesInBrief(bool),
    DismissErrors,
    DismissNotification(u64),
    /// What is typed into the command palette.
    PaletteQuery(String),
    /// Move the command palette's highlight by this many entries.
    PaletteMove(isize),
    ClosePalette,
    /// In the "Review sources" window.
    Review(ReviewAction),
    // Window.
    ConfirmDiscardAndContinue,
    SaveThenContinue,
    CancelPending,
}

/// What the "Review sources" window asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewAction {
    Close,
    /// Re-check these sources on their live pages (all of them when empty).
    Recheck(Vec<String>),
    /// Re-check every source that has a saved copy in this folder.
    RecheckSaved(PathBuf),
    Cancel,
    /// The reviewer vouches for this source's quotes, by hand.
    MarkReviewed(String),
    /// Who the reviewer is (kept in the preferences).
    Reviewer(String),
    /// Write the evidence gathered, with a new version and a changelog entry, to the set in use
    /// (a folder), or to this folder for the built-in set.
    SaveVersion(Option<PathBuf>),
}

/// The edits a scenario takes. Each one is one undo step (typing into one field is one step).
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Client(String),
    PreparedBy(String),
    Date(String),
    Notes(String),
    Audience(Audience),
    /// Compare this offering (or stop comparing it).
    Offering(String, bool),
    /// Compare exactly these offerings, in this order ("All", "Only these…").
    Offerings(Vec<String>),
    /// Move an offering's column left (negative) or right.
    MoveOffering(String, isize),
    Option(String, bool),
    Requirement(String, bool),
    /// Which sources to read ("View as of"); empty reads them all.
    Sources(Vec<String>),
}

impl Edit {
    /// The text field an edit types into: consecutive typing into one field is one undo step.
    pub fn text_field(&self) -> Option<&'static str> {
        match self {
            Edit::Client(_) => Some("client"),
            Edit::PreparedBy(_) => Some("prepared_by"),
            Edit::Date(_) => Some("date"),
            Edit::Notes(_) => Some("notes"),
            Edit::Audience(_)
            | Edit::Offering(..)
            | Edit::Offerings(_)
            | Edit::MoveOffering(..)
            | Edit::Option(..)
            | Edit::Requirement(..)
            | Edit::Sources(_) => None,
        }
    }
}

/// What a file path is wanted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    OpenScenario,
    SaveScenario,
    OpenPolicies,
    /// Where to export: the PDF brief, the comparison as CSV for questionnaires, or the
    /// summary, verdicts and caveats as Markdown for a ticket or a wiki.
    Export(Format),
    /// A folder of saved copies of source pages, to re-check.
    SavedCopies,
    /// A folder for the reviewed copy of the built-in policy set.
    ReviewedSet,
}

impl PathPurpose {
    pub fn title(self) -> &'static str {
        match self {
            PathPurpose::OpenScenario => "Open scenario",
            PathPurpose::SaveScenario => "Save scenario as",
            PathPurpose::OpenPolicies => "Open policy set (folder or .ron file)",
            PathPurpose::Export(Format::Pdf) => "Export brief (PDF)",
            PathPurpose::Export(Format::Csv) => "Export for questionnaires (CSV)",
            PathPurpose::Export(Format::Markdown) => "Export as Markdown",
            PathPurpose::SavedCopies => "Folder of saved pages (<source-id>.html, .txt, .md, .pdf)",
            PathPurpose::ReviewedSet => "Empty folder for the reviewed copy of the policy set",
        }
    }

    pub fn into_action(self, path: PathBuf) -> Action {
        match self {
            PathPurpose::OpenScenario => Action::OpenScenario(path),
            PathPurpose::SaveScenario => Action::SaveScenarioTo(path),
            PathPurpose::OpenPolicies => Action::LoadPolicies(path),
            PathPurpose::Export(Format::Pdf) => Action::ExportTo(path),
            PathPurpose::Export(f) => Action::ExportTo(force_extension(path, f.extension())),
            PathPurpose::SavedCopies => Action::Review(ReviewAction::RecheckSaved(path)),
            PathPurpose::ReviewedSet => Action::Review(ReviewAction::SaveVersion(Some(path))),
        }
    }

    /// The file name extension of what it writes, if it writes a file.
    pub fn extension(self) -> Option<&'static str> {
        match self {
            PathPurpose::Export(f) => Some(f.extension()),
            PathPurpose::OpenScenario
            | PathPurpose::SaveScenario
            | PathPurpose::OpenPolicies
            | PathPurpose::SavedCopies
            | PathPurpose::ReviewedSet => None,
        }
    }
}

/// `path` with extension `ext`, unless it has it already.
fn force_extension(path: PathBuf, ext: &str) -> PathBuf {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    {
        path
    } else {
        let mut name = path.into_os_string();
        name.push(".");
        name.push(ext);
        PathBuf::from(name)
    }
}

/// What the details panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Cell {
        attribute: String,
        offering: String,
    },
    Verdict {
        requirement: String,
        offering: String,
    },
}

impl Selection {
    /// The cell or verdict a change is about, if the table shows such a thing.
    pub fn of_place(place: &crate::engine::changes::Place) -> Option<Selection> {
        use crate::engine::changes::Place;
        match place {
            Place::Cell {
                attribute,
                offering,
            } => Some(Selection::Cell {
                attribute: attribute.clone(),
                offering: offering.clone(),
            }),
            Place::Verdict {
                requirement,
                offering,
            } => Some(Selection::Verdict {
                requirement: requirement.clone(),
                offering: offering.clone(),
            }),
            Place::PolicySet { .. } | Place::Caveat { .. } | Place::Source { .. } => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum SideTab {
    #[default]
    Details,
    Caveats,
    Sources,
    /// What changed since a reopened brief.
    Changes,
}
