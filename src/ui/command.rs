//! Every command, once: its label, its shortcut, whether it can run now, and which menu holds it.
//! The menu bar, the keyboard shortcuts, the command palette and the README's keyboard table are
//! all made from this list, so none of them can disagree with another.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::state::State;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    NewScenario,
    OpenScenario,
    SaveScenario,
    SaveScenarioAs,
    OpenPolicies,
    UseBuiltinPolicies,
    ExportBrief,
    ExportCsv,
    ExportMarkdown,
    PaperA4,
    PaperLetter,
    Quit,
    Undo,
    Redo,
    CommandPalette,
    Presentation,
    FilterRows,
    OnlyDifferences,
    Caveats,
    Sources,
    Changes,
    DarkTheme,
    ZoomIn,
    ZoomOut,
    ZoomReset,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
}

const fn ctrl(key: Key) -> Option<KeyboardShortcut> {
    Some(KeyboardShortcut::new(Modifiers::COMMAND, key))
}

const fn ctrl_shift(key: Key) -> Option<KeyboardShortcut> {
    Some(KeyboardShortcut::new(
        Modifiers::COMMAND.plus(Modifiers::SHIFT),
        key,
    ))
}

impl Command {
    /// In menu order.
    pub const ALL: [Command; 25] = [
        Command::NewScenario,
        Command::OpenScenario,
        Command::SaveScenario,
        Command::SaveScenarioAs,
        Command::OpenPolicies,
        Command::UseBuiltinPolicies,
        Command::ExportBrief,
        Command::ExportCsv,
        Command::ExportMarkdown,
        Command::PaperA4,
        Command::PaperLetter,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::CommandPalette,
        Command::Presentation,
        Command::FilterRows,
        Command::OnlyDifferences,
        Command::Caveats,
        Command::Sources,
        Command::Changes,
        Command::DarkTheme,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Command::NewScenario => "New scenario",
            Command::OpenScenario => "Open scenario…",
            Command::SaveScenario => "Save scenario",
            Command::SaveScenarioAs => "Save scenario as…",
            Command::OpenPolicies => "Open policy set…",
            Command::UseBuiltinPolicies => "Use built-in policy set",
            Command::ExportBrief => "Export brief (PDF)…",
            Command::ExportCsv => "Export for questionnaires (CSV)…",
            Command::ExportMarkdown => "Export as Markdown…",
            Command::PaperA4 => "Brief paper: A4",
            Command::PaperLetter => "Brief paper: US Letter",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::CommandPalette => "Command palette…",
            Command::Presentation => "Presentation mode",
            Command::FilterRows => "Filter rows…",
            Command::OnlyDifferences => "Show only differences",
            Command::Caveats => "Caveats and actions",
            Command::Sources => "Sources",
            Command::Changes => "Changes since the reopened brief",
            Command::DarkTheme => "Dark theme",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomReset => "Actual size",
        }
    }

    /// What it does, where the label alone does not say.
    pub fn hint(self) -> &'static str {
        match self {
            Command::ExportBrief => "A PDF brief of this comparison for the security review",
            Command::ExportCsv => {
                "One row per offering × attribute and per offering × requirement, with sources and quotes"
            }
            Command::ExportMarkdown => {
                "The summary, the verdicts and the caveats, for a ticket or a wiki"
            }
            Command::Presentation => "Client-facing content only, larger, without the side panels",
            Command::CommandPalette => "Find any command by typing part of its name",
            Command::UseBuiltinPolicies => "The policy set built into posture",
            Command::Changes => "What changed since the brief that was reopened",
            Command::NewScenario
            | Command::OpenScenario
            | Command::SaveScenario
            | Command::SaveScenarioAs
            | Command::OpenPolicies
            | Command::PaperA4
            | Command::PaperLetter
            | Command::Quit
            | Command::Undo
            | Command::Redo
            | Command::FilterRows
            | Command::OnlyDifferences
            | Command::Caveats
            | Command::Sources
            | Command::DarkTheme
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset => "",
        }
    }

    pub fn menu(self) -> Menu {
        match self {
            Command::NewScenario
            | Command::OpenScenario
            | Command::SaveScenario
            | Command::SaveScenarioAs
            | Command::OpenPolicies
            | Command::UseBuiltinPolicies
            | Command::ExportBrief
            | Command::ExportCsv
            | Command::ExportMarkdown
            | Command::PaperA4
            | Command::PaperLetter
            | Command::Quit => Menu::File,
            Command::Undo | Command::Redo => Menu::Edit,
            Command::CommandPalette
            | Command::Presentation
            | Command::FilterRows
            | Command::OnlyDifferences
            | Command::Caveats
            | Command::Sources
            | Command::Changes
            | Command::DarkTheme
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset => Menu::View,
        }
    }

    /// A separator goes before it in its menu.
    pub fn starts_group(self) -> bool {
        match self {
            Command::OpenPolicies | Command::ExportBrief | Command::Quit | Command::DarkTheme => {
                true
            }
            Command::NewScenario
            | Command::OpenScenario
            | Command::SaveScenario
            | Command::SaveScenarioAs
            | Command::UseBuiltinPolicies
            | Command::ExportCsv
            | Command::ExportMarkdown
            | Command::PaperA4
            | Command::PaperLetter
            | Command::Undo
            | Command::Redo
            | Command::CommandPalette
            | Command::Presentation
            | Command::FilterRows
            | Command::OnlyDifferences
            | Command::Caveats
            | Command::Sources
            | Command::Changes
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset => false,
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        use egui::gui_zoom::kb_shortcuts as zoom;
        match self {
            Command::NewScenario => ctrl(Key::N),
            Command::OpenScenario => ctrl(Key::O),
            Command::SaveScenario => ctrl(Key::S),
            Command::SaveScenarioAs => ctrl_shift(Key::S),
            Command::OpenPolicies => ctrl_shift(Key::O),
            Command::ExportBrief => ctrl(Key::E),
            Command::Quit => ctrl(Key::Q),
            Command::Undo => ctrl(Key::Z),
            Command::Redo => ctrl_shift(Key::Z),
            Command::CommandPalette => ctrl_shift(Key::P),
            Command::Presentation => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F5)),
            Command::FilterRows => ctrl(Key::F),
            Command::OnlyDifferences => ctrl(Key::D),
            Command::Caveats => ctrl(Key::K),
            Command::DarkTheme => ctrl_shift(Key::T),
            // egui's own, which egui handles itself.
            Command::ZoomIn => Some(zoom::ZOOM_IN),
            Command::ZoomOut => Some(zoom::ZOOM_OUT),
            Command::ZoomReset => Some(zoom::ZOOM_RESET),
            Command::UseBuiltinPolicies
            | Command::ExportCsv
            | Command::ExportMarkdown
            | Command::PaperA4
            | Command::PaperLetter
            | Command::Sources
            | Command::Changes => None,
        }
    }

    /// egui reads this command's shortcut itself (zoom), so the app must not take it too.
    pub fn shortcut_handled_by_egui(self) -> bool {
        match self {
            Command::ZoomIn | Command::ZoomOut | Command::ZoomReset => true,
            Command::NewScenario
            | Command::OpenScenario
            | Command::SaveScenario
            | Command::SaveScenarioAs
            | Command::OpenPolicies
            | Command::UseBuiltinPolicies
            | Command::ExportBrief
            | Command::ExportCsv
            | Command::ExportMarkdown
            | Command::PaperA4
            | Command::PaperLetter
            | Command::Quit
            | Command::Undo
            | Command::Redo
            | Command::CommandPalette
            | Command::Presentation
            | Command::FilterRows
            | Command::OnlyDifferences
            | Command::Caveats
            | Command::Sources
            | Command::Changes
            | Command::DarkTheme => false,
        }
    }

    pub fn enabled(self, s: &State) -> bool {
        match self {
            Command::UseBuiltinPolicies => s.prefs.policy_path.is_some(),
            Command::Undo => s.doc.can_undo(),
            Command::Redo => s.doc.can_redo(),
            Command::Changes => s.since_brief.is_some(),
            // Presentation mode keeps to the comparison.
            Command::FilterRows | Command::OnlyDifferences => !s.view.presentation,
            Command::NewScenario
            | Command::OpenScenario
            | Command::SaveScenario
            | Command::SaveScenarioAs
            | Command::OpenPolicies
            | Command::ExportBrief
            | Command::ExportCsv
            | Command::ExportMarkdown
            | Command::PaperA4
            | Command::PaperLetter
            | Command::Quit
            | Command::CommandPalette
            | Command::Presentation
            | Command::Caveats
            | Command::Sources
            | Command::DarkTheme
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset => true,
        }
    }

    /// For a command that turns something on or off, or picks one of several: whether it is on.
    pub fn checked(self, s: &State) -> Option<bool> {
        match self {
            Command::PaperA4 => Some(!s.prefs.letter_paper),
            Command::PaperLetter => Some(s.prefs.letter_paper),
            Command::OnlyDifferences => Some(s.prefs.only_differences),
            Command::DarkTheme => Some(s.prefs.dark),
            Command::Presentation => Some(s.view.presentation),
            Command::NewScenario
            | Command::OpenScenario
            | Command::SaveScenario
            | Command::SaveScenarioAs
            | Command::OpenPolicies
            | Command::UseBuiltinPolicies
            | Command::ExportBrief
            | Command::ExportCsv
            | Command::ExportMarkdown
            | Command::Quit
            | Command::Undo
            | Command::Redo
            | Command::CommandPalette
            | Command::FilterRows
            | Command::Caveats
            | Command::Sources
            | Command::Changes
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset => None,
        }
    }

    /// The shortcut as the README and the palette write it on every system ("Ctrl+Shift+S").
    pub fn shortcut_text(self) -> Option<String> {
        self.shortcut()
            .map(|s| s.format(&egui::ModifierNames::NAMES, false))
    }

    /// Whether `query`'s words all occur in the label (any case, any order).
    pub fn matches(self, query: &str) -> bool {
        let label = self.label().to_lowercase();
        query
            .split_whitespace()
            .all(|w| label.contains(&w.to_lowercase()))
    }
}

/// Keys that are not commands: moving through the window and the table.
pub const OTHER_KEYS: [(&str, &str); 9] = [
    ("Move through the table's cells and verdicts", "Arrow keys"),
    ("First or last column of the row", "Home / End"),
    (
        "The table's first verdict or last cell",
        "Ctrl+Home / Ctrl+End",
    ),
    ("Open the details of the focused cell or verdict", "Enter"),
    (
        "Close the details panel, the palette or presentation mode",
        "Esc",
    ),
    ("Next or previous control", "Tab / Shift+Tab"),
    ("Open the File menu", "F10 or Alt+F"),
    ("Open the Edit or View menu", "Alt+E / Alt+V"),
    ("Zoom in (also)", "Ctrl+="),
];

/// The README's keyboard section, made from the command list (a test keeps the README in step).
pub fn keyboard_markdown() -> String {
    let mut out = String::from("| Command | Keys |\n|---|---|\n");
    for c in Command::ALL {
        if let Some(keys) = c.shortcut_text() {
            out.push_str(&format!(
                "| {} | {keys} |\n",
                c.label().trim_end_matches('…')
            ));
        }
    }
    for (what, keys) in OTHER_KEYS {
        out.push_str(&format!("| {what} | {keys} |\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut_and_none_takes_a_reserved_key() {
        let mut seen: Vec<(KeyboardShortcut, Command)> = Vec::new();
        for c in Command::ALL {
            let Some(s) = c.shortcut() else { continue };
            if let Some((_, other)) = seen.iter().find(|(t, _)| *t == s) {
                panic!("{c:?} and {other:?} share {:?}", s);
            }
            seen.push((s, c));
        }
        // Keys the window uses for itself: menus, focus, the table.
        let reserved = [
            KeyboardShortcut::new(Modifiers::NONE, Key::F10),
            KeyboardShortcut::new(Modifiers::ALT, Key::F),
            KeyboardShortcut::new(Modifiers::ALT, Key::E),
            KeyboardShortcut::new(Modifiers::ALT, Key::V),
            KeyboardShortcut::new(Modifiers::NONE, Key::Escape),
            KeyboardShortcut::new(Modifiers::NONE, Key::Enter),
            KeyboardShortcut::new(Modifiers::NONE, Key::Home),
            KeyboardShortcut::new(Modifiers::NONE, Key::End),
            egui::gui_zoom::kb_shortcuts::ZOOM_IN_SECONDARY,
        ];
        for (s, c) in &seen {
            assert!(!reserved.contains(s), "{c:?} takes the reserved {s:?}");
        }
        assert!(seen.len() >= 15, "most commands have a shortcut");
    }

    #[test]
    fn every_command_is_listed_once_with_a_label() {
        for (i, c) in Command::ALL.iter().enumerate() {
            assert!(!c.label().is_empty());
            assert!(!Command::ALL[..i].contains(c), "{c:?} is listed twice");
        }
        let labels: std::collections::HashSet<_> = Command::ALL.iter().map(|c| c.label()).collect();
        assert_eq!(labels.len(), Command::ALL.len(), "labels are unique");
    }

    #[test]
    fn a_query_matches_words_in_any_order_and_case() {
        assert!(Command::ExportBrief.matches("pdf export"));
        assert!(Command::ExportBrief.matches("  "));
        assert!(!Command::ExportBrief.matches("csv"));
        assert!(Command::DarkTheme.matches("THEME"));
    }
}
