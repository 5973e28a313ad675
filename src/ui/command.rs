//! Every command, once: its label, its shortcut, its hint and which menu holds it. Whether it can
//! run now, or is on, is the state's to say (`State::can_run`, `State::is_on`): commands describe.
//! The menu bar, the keyboard shortcuts, the command palette and the README's keyboard table are
//! all made from this list, so none of them can disagree with another.

use egui::gui_zoom::kb_shortcuts as zoom;
use egui::{Key, KeyboardShortcut, Modifiers};

/// Declares the commands and [`Command::ALL`] from one list, so no command can be left out of
/// the menus, the shortcuts or the palette.
macro_rules! commands {
    ($($name:ident),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $($name),*
        }

        impl Command {
            /// Every command, in menu order.
            pub const ALL: &'static [Command] = &[$(Command::$name),*];
        }
    };
}

commands! {
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
    NextPart,
    PreviousPart,
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
    /// The submenu that holds it as one of several choices (radio buttons).
    choice_of: Option<&'static str>,
}

impl Spec {
    fn new(label: &'static str, menu: Menu, shortcut: Option<KeyboardShortcut>) -> Self {
        Spec {
            label,
            menu,
            shortcut,
            hint: "",
            starts_group: false,
            choice_of: None,
        }
    }

    fn choice_of(self, submenu: &'static str) -> Self {
        Spec {
            choice_of: Some(submenu),
            ..self
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
            C::PaperA4 => Spec::new("Brief paper: A4", File, none).choice_of("Brief paper size"),
            C::PaperLetter => {
                Spec::new("Brief paper: US Letter", File, none).choice_of("Brief paper size")
            }
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
            C::NextPart => Spec::new(
                "Next part of the window",
                View,
                Some(KeyboardShortcut::new(Modifiers::NONE, Key::F6)),
            )
            .hint("The focus to the menus, the client, the requirements, the options, the offerings, the toolbar, the table or the side panel")
            .starts_group(),
            C::PreviousPart => Spec::new(
                "Previous part of the window",
                View,
                Some(KeyboardShortcut::new(Modifiers::SHIFT, Key::F6)),
            ),
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

    /// The submenu in which it is one of several choices, if it is.
    pub fn choice_of(self) -> Option<&'static str> {
        self.spec().choice_of
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.spec().shortcut
    }

    /// egui reads this command's shortcut itself (zoom), so the app must not take it too.
    pub fn shortcut_handled_by_egui(self) -> bool {
        self.shortcut()
            .is_some_and(|s| [zoom::ZOOM_IN, zoom::ZOOM_OUT, zoom::ZOOM_RESET].contains(&s))
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
pub const OTHER_KEYS: [(&str, &str); 11] = [
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
    (
        "Widen or narrow a side panel (Tab to its edge first)",
        "Arrow keys",
    ),
    ("Open the File menu", "F10 or Alt+F"),
    ("Open the Edit or View menu", "Alt+E / Alt+V"),
    ("The menu beside the open one", "Left / Right"),
    ("Zoom in (also)", "Ctrl+="),
];

/// The README's keyboard section, made from the command list (a test keeps the README in step).
pub fn keyboard_markdown() -> String {
    let mut out = String::from("| Command | Keys |\n|---|---|\n");
    for &c in Command::ALL {
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
        for &c in Command::ALL {
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
