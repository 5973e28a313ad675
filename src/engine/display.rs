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
