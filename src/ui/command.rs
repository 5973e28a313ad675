//! Every command, once: its label, its shortcut, whether it can run now, and which menu holds it.
//! The menu bar, the keyboard shortcuts, the command palette and the README's keyboard table are
//! all made from this list, so none of them can disagree with another.

use egui::gui_zoom::kb_shortcuts as zoom;
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
    ReviewSources,
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

/// The fixed part of a command (see [`Command::spec`]).
struct Spec {
    label: &'static str,
    menu: Menu,
    shortcut: Option<KeyboardShortcut>,
    hint: &'static str,
    starts_group: bool,
}

impl Spec {
    fn new(label: &'static str, menu: Menu, shortcut: Option<KeyboardShortcut>) -> Self {
        Spec {
            label,
            menu,
            shortcut,
            hint: "",
            starts_group: false,
        }
    }

    fn hint(self, hint: &'static str) -> Self {
        Spec { hint, ..self }
    }

    fn starts_group(self) -> Self {
        Spec {
            starts_group: true,
            ..self
        }
    }
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
    pub const ALL: [Command; 26] = [
        Command::NewScenario,
        Command::OpenScenario,
        Command::SaveScenario,
        Command::SaveScenarioAs,
        Command::OpenPolicies,
        Command::UseBuiltinPolicies,
        Command::ReviewSources,
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

    /// Everything fixed about a command, in one place: one arm per command, so a new command
    /// does not compile until it has a label, a menu and a shortcut (or none).
    fn spec(self) -> Spec {
        use Command as C;
        use Menu::{Edit, File, View};
        let none = None;
        match self {
            C::NewScenario => Spec::new("New scenario", File, ctrl(Key::N)),
            C::OpenScenario => Spec::new("Open scenario…", File, ctrl(Key::O)),
            C::SaveScenario => Spec::new("Save scenario", File, ctrl(Key::S)),
            C::SaveScenarioAs => Spec::new("Save scenario as…", File, ctrl_shift(Key::S)),
            C::OpenPolicies => {
                Spec::new("Open policy set…", File, ctrl_shift(Key::O)).starts_group()
            }
            C::UseBuiltinPolicies => Spec::new("Use built-in policy set", File, none)
                .hint("The policy set built into posture"),
            C::ReviewSources => Spec::new("Review sources…", File, none).hint(
                "Re-check each quote against its page, mark sources reviewed, save the evidence",
            ),
            C::ExportBrief => Spec::new("Export brief (PDF)…", File, ctrl(Key::E))
                .hint("A PDF brief of this comparison for the security review")
                .starts_group(),
            C::ExportCsv => Spec::new("Export for questionnaires (CSV)…", File, none).hint(
                "One row per offering × attribute and per offering × requirement, with sources and quotes",
            ),
            C::ExportMarkdown => Spec::new("Export as Markdown…", File, none)
                .hint("The summary, the verdicts and the caveats, for a ticket or a wiki"),
            C::PaperA4 => Spec::new("Brief paper: A4", File, none),
            C::PaperLetter => Spec::new("Brief paper: US Letter", File, none),
            C::Quit => Spec::new("Quit", File, ctrl(Key::Q)).starts_group(),
            C::Undo => Spec::new("Undo", Edit, ctrl(Key::Z)),
            C::Redo => Spec::new("Redo", Edit, ctrl_shift(Key::Z)),
            C::CommandPalette => Spec::new("Command palette…", View, ctrl_shift(Key::P))
                .hint("Find any command by typing part of its name"),
            C::Presentation => Spec::new(
                "Presentation mode",
                View,
                Some(KeyboardShortcut::new(Modifiers::NONE, Key::F5)),
            )
            .hint("Client-facing content only, larger, without the side panels"),
            C::FilterRows => Spec::new("Filter rows…", View, ctrl(Key::F)),
            C::OnlyDifferences => Spec::new("Show only differences", View, ctrl(Key::D)),
            C::Caveats => Spec::new("Caveats and actions", View, ctrl(Key::K)),
            C::Sources => Spec::new("Sources", View, none),
            C::Changes => Spec::new("Changes since the reopened brief", View, none)
                .hint("What changed since the brief that was reopened"),
            C::DarkTheme => Spec::new("Dark theme", View, ctrl_shift(Key::T)).starts_group(),
            // egui's own shortcuts, which egui handles itself.
            C::ZoomIn => Spec::new("Zoom in", View, Some(zoom::ZOOM_IN)),
            C::ZoomOut => Spec::new("Zoom out", View, Some(zoom::ZOOM_OUT)),
            C::ZoomReset => Spec::new("Actual size", View, Some(zoom::ZOOM_RESET)),
        }
    }

    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// What it does, where the label alone does not say ("" otherwise).
    pub fn hint(self) -> &'static str {
        self.spec().hint
    }

    pub fn menu(self) -> Menu {
        self.spec().menu
    }

    /// A separator goes before it in its menu.
    pub fn starts_group(self) -> bool {
        self.spec().starts_group
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.spec().shortcut
    }

    /// egui reads this command's shortcut itself (zoom), so the app must not take it too.
    pub fn shortcut_handled_by_egui(self) -> bool {
        self.shortcut()
            .is_some_and(|s| [zoom::ZOOM_IN, zoom::ZOOM_OUT, zoom::ZOOM_RESET].contains(&s))
    }

    /// Whether it can run now. Most commands always can; these depend on the state.
    pub fn enabled(self, s: &State) -> bool {
        match self {
            Command::UseBuiltinPolicies => s.prefs.policy_path.is_some(),
            Command::Undo => s.doc.can_undo(),
            Command::Redo => s.doc.can_redo(),
            Command::Changes => s.since_brief.is_some(),
            // Presentation mode keeps to the comparison.
            Command::FilterRows | Command::OnlyDifferences => !s.view.presentation,
            _ => true,
        }
    }

    /// For a command that turns something on or off, or picks one of several: whether it is on.
    /// None for the commands that simply run.
    pub fn checked(self, s: &State) -> Option<bool> {
        match self {
            Command::PaperA4 => Some(!s.prefs.letter_paper),
            Command::PaperLetter => Some(s.prefs.letter_paper),
            Command::OnlyDifferences => Some(s.prefs.only_differences),
            Command::DarkTheme => Some(s.prefs.dark),
            Command::Presentation => Some(s.view.presentation),
            _ => None,
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
