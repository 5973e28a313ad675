//! The user's preferences: saved whole by eframe's persistence, apart from the document.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

const MAX_RECENT: usize = 8;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub dark: bool,
    /// The working zoom, without presentation mode's enlargement.
    pub zoom: Option<f32>,
    /// Export briefs on US Letter instead of A4.
    pub letter_paper: bool,
    /// Scenarios opened or saved lately, newest first.
    pub recent: Vec<PathBuf>,
    /// The policy set opened last; none for the built-in one.
    pub policy_path: Option<PathBuf>,
    /// The table shows only the rows where the offerings differ.
    pub only_differences: bool,
    /// Who records evidence in "Review sources" ("Mark reviewed", saved re-checks).
    pub reviewer: String,
}

impl Prefs {
    pub fn remember(&mut self, p: &Path) {
        let p = p.to_path_buf();
        self.recent.retain(|r| r != &p);
        self.recent.insert(0, p);
        self.recent.truncate(MAX_RECENT);
    }
}
