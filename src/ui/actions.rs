//! Everything a user can do, as data. Views return these; the app applies them after the UI pass.

use std::path::PathBuf;

use crate::model::Audience;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // Scenario edits (undoable).
    SetClient(String),
    SetPreparedBy(String),
    SetDate(String),
    SetNotes(String),
    SetAudience(Audience),
    SetOffering(String, bool),
    /// Compare exactly these offerings, in this order ("All", "Only these…").
    SetOfferings(Vec<String>),
    MoveOffering(String, isize),
    SetOption(String, bool),
    SetRequirement(String, bool),
    /// Which sources to read ("View as of"); empty reads them all.
    SetSources(Vec<String>),
    Undo,
    Redo,
    // Files.
    NewScenario,
    OpenScenarioDialog,
    OpenScenario(PathBuf),
    SaveScenario,
    SaveScenarioAsDialog,
    SaveScenarioTo(PathBuf),
    OpenPoliciesDialog,
    LoadPolicies(PathBuf),
    UseBuiltinPolicies,
    ExportBriefDialog,
    /// Ask where to write the comparison as CSV or Markdown.
    ExportTableDialog(PathPurpose),
    /// Export to a path; asks first if a file is there.
    ExportBriefTo(PathBuf),
    /// Export to a path, replacing what is there (the user said so, or a native dialog asked).
    ExportBriefReplacing(PathBuf),
    /// Put a path on the clipboard (when the system cannot open it).
    CopyPath(PathBuf),
    /// Keep the existing file: no export.
    CancelReplace,
    OpenPath(PathBuf),
    ShowInFolder(PathBuf),
    /// Show the in-app path field for this purpose (when no native dialog is available).
    PromptPath(PathPurpose),
    // View.
    Select(Selection),
    ClearSelection,
    CloseSidePanel,
    SetFilter(String),
    /// Put the cursor in the row filter (from the menu; Ctrl+F does it directly).
    FocusFilter,
    FilterFocused,
    SetOnlyDifferences(bool),
    SetSideTab(SideTab),
    TogglePresentation,
    SetDark(bool),
    SetLetterPaper(bool),
    /// Include "Changes since the brief" in the next brief.
    SetChangesInBrief(bool),
    ZoomIn,
    ZoomOut,
    ZoomReset,
    DismissErrors,
    DismissNotification(u64),
    // Window.
    Quit,
    ConfirmDiscardAndContinue,
    SaveThenContinue,
    CancelPending,
}

/// What a file path is wanted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    OpenScenario,
    SaveScenario,
    OpenPolicies,
    ExportBrief,
    /// The comparison as CSV, for questionnaires.
    ExportCsv,
    /// The summary, verdicts and caveats as Markdown, for a ticket or a wiki.
    ExportMarkdown,
}

impl PathPurpose {
    pub fn title(self) -> &'static str {
        match self {
            PathPurpose::OpenScenario => "Open scenario",
            PathPurpose::SaveScenario => "Save scenario as",
            PathPurpose::OpenPolicies => "Open policy set (folder or .ron file)",
            PathPurpose::ExportBrief => "Export brief (PDF)",
            PathPurpose::ExportCsv => "Export for questionnaires (CSV)",
            PathPurpose::ExportMarkdown => "Export as Markdown",
        }
    }

    pub fn into_action(self, path: PathBuf) -> Action {
        match self {
            PathPurpose::OpenScenario => Action::OpenScenario(path),
            PathPurpose::SaveScenario => Action::SaveScenarioTo(path),
            PathPurpose::OpenPolicies => Action::LoadPolicies(path),
            PathPurpose::ExportBrief => Action::ExportBriefTo(path),
            PathPurpose::ExportCsv => Action::ExportBriefTo(force_extension(path, "csv")),
            PathPurpose::ExportMarkdown => Action::ExportBriefTo(force_extension(path, "md")),
        }
    }

    /// The file name extension of what it writes, if it writes a file.
    pub fn extension(self) -> Option<&'static str> {
        match self {
            PathPurpose::ExportBrief => Some("pdf"),
            PathPurpose::ExportCsv => Some("csv"),
            PathPurpose::ExportMarkdown => Some("md"),
            _ => None,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum SideTab {
    #[default]
    Details,
    Caveats,
    Sources,
    /// What changed since a reopened brief.
    Changes,
}

impl Action {
    /// Whether the action edits the scenario (and so goes on the undo stack).
    pub fn edits_scenario(&self) -> bool {
        matches!(
            self,
            Action::SetClient(_)
                | Action::SetPreparedBy(_)
                | Action::SetDate(_)
                | Action::SetNotes(_)
                | Action::SetAudience(_)
                | Action::SetOffering(..)
                | Action::SetOfferings(_)
                | Action::MoveOffering(..)
                | Action::SetOption(..)
                | Action::SetRequirement(..)
                | Action::SetSources(_)
        )
    }
}
