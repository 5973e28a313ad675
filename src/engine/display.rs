//! Words for fields a user may leave empty, said the same way in the brief, the exports, the
//! command line and the window.

use super::ScenarioInfo;

/// The text, or "—" when it is empty or blank.
pub fn or_dash(text: &str) -> &str {
    if text.trim().is_empty() { "—" } else { text }
}

impl ScenarioInfo {
    /// The client's name, or `fallback` when none is given.
    pub fn client_or<'a>(&'a self, fallback: &'a str) -> &'a str {
        let client = self.client.trim();
        if client.is_empty() { fallback } else { client }
    }

    /// `title`, followed by " — " and the client's name when there is one.
    pub fn titled(&self, title: &str) -> String {
        match self.client_or("") {
            "" => title.to_string(),
            client => format!("{title} — {client}"),
        }
    }
}

impl super::Assessment {
    /// How fresh the sources of a reading are, said beside their names: "186 days past its
    /// review" when one is overdue (the most overdue), else "checked 2026-11-28" (the oldest).
    pub fn reading_age(&self, r: &super::ReadingView) -> String {
        let read: Vec<&super::SourceStatus> = r
            .sources
            .iter()
            .filter_map(|id| self.sources.iter().find(|s| s.id == *id))
            .collect();
        match read.iter().filter_map(|s| s.stale_by_days).max() {
            Some(d) => format!("{d} days past its review"),
            None => read
                .iter()
                .map(|s| s.verified.as_str())
                .min()
                .map_or(String::new(), |v| format!("checked {v}")),
        }
    }
}

impl super::ClaimView {
    /// How fresh this source's word is: "186 days past its review", or "checked 2026-11-28".
    pub fn freshness(&self) -> String {
        match self.cites.iter().filter_map(|c| c.stale_by_days).max() {
            Some(d) => format!("{d} days past its review"),
            None => format!("checked {}", self.checked),
        }
    }
}

impl super::Verdict {
    /// In a view of fewer sources, said beside a verdict whose facts the sources disagree on
    /// when all are read: "≠ Sources disagree when all are read: Processing location".
    pub fn full_view_note(&self) -> Option<String> {
        (!self.disputed_in_full_view.is_empty()).then(|| {
            format!(
                "≠ Sources disagree when all are read: {}",
                self.disputed_in_full_view.join(", ")
            )
        })
    }
}
