//! A scenario: what one user set up for one client. Saved as RON with a format version.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::read::{MAX_FILE_BYTES, read_text_limited, ron_options, without_bom};

/// The scenario format this build reads and writes.
pub const SCENARIO_FORMAT: u32 = 1;

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum Audience {
    /// For the client's eyes: no practitioner opinions, no internal notes.
    #[default]
    ClientFacing,
    /// For the account team: includes internal notes, marked as such.
    Internal,
}

impl Audience {
    pub fn label(self) -> &'static str {
        match self {
            Audience::ClientFacing => "Client-facing",
            Audience::Internal => "Internal",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    pub format: u32,
    pub client: String,
    pub prepared_by: String,
    /// The brief's date (YYYY-MM-DD); staleness is computed as of the day of assessment.
    pub date: String,
    pub audience: Audience,
    /// Offerings to compare, in display order.
    pub offerings: Vec<String>,
    pub options: Vec<String>,
    pub requirements: Vec<String>,
    /// The sources to read, by id; empty reads every source of the set ("View as of"). Left out
    /// of the file when empty, so such scenarios read as they always did.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    pub notes: String,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            format: SCENARIO_FORMAT,
            client: String::new(),
            prepared_by: String::new(),
            date: String::new(),
            audience: Audience::ClientFacing,
            offerings: Vec::new(),
            options: Vec::new(),
            requirements: Vec::new(),
            sources: Vec::new(),
            notes: String::new(),
        }
    }
}

/// A scenario problem, located like a policy-set problem (file:line:column).
pub type ScenarioError = super::load::LoadError;

impl Scenario {
    pub fn from_ron(text: &str, file: &str) -> Result<Scenario, ScenarioError> {
        let err = |line, column, message| ScenarioError {
            file: file.to_string(),
            line,
            column,
            message,
        };
        if text.len() as u64 > MAX_FILE_BYTES {
            return Err(err(
                0,
                0,
                format!("file is larger than {MAX_FILE_BYTES} bytes"),
            ));
        }
        let text = without_bom(text);
        // Read the version first, so a file from a newer posture gets a clear message rather than
        // a complaint about a field this build has never heard of.
        if let Some(v) = peek_format(text)
            && v > SCENARIO_FORMAT
        {
            return Err(err(
                0,
                0,
                format!(
                    "this scenario was written in format {v} by a newer posture; this version reads format {SCENARIO_FORMAT}"
                ),
            ));
        }
        let s: Scenario = ron_options()
            .from_str(text)
            .map_err(|e| err(e.span.start.line, e.span.start.col, e.code.to_string()))?;
        if s.format == 0 {
            return Err(err(
                0,
                0,
                "missing `format: 1` — is this a posture scenario?".into(),
            ));
        }
        Ok(s)
    }

    pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
        let name = path.display().to_string();
        // A brief is the file people most often pick by mistake: say what it is.
        if is_pdf(path) {
            return Err(ScenarioError {
                file: name,
                line: 0,
                column: 0,
                message: "this is a PDF, not a scenario (.ron)".into(),
            });
        }
        let text = read_text_limited(path).map_err(|message| ScenarioError {
            file: name.clone(),
            line: 0,
            column: 0,
            message: message.to_string(),
        })?;
        Scenario::from_ron(&text, &name)
    }

    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new().struct_names(true);
        // Serialising plain strings and vectors cannot fail; fall back to Debug just in case.
        ron::ser::to_string_pretty(self, config)
            .unwrap_or_else(|e| format!("// could not serialise: {e}\n"))
    }

    /// Writes atomically: a temporary file beside the target, then a rename, so a failed save
    /// never damages the previous file.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        crate::fs::write_atomic(path, self.to_ron().as_bytes())
    }
}

/// The file at `path` starts like a PDF (a brief, say).
pub fn is_pdf(path: &Path) -> bool {
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && &head == b"%PDF-"
}

/// The top-level `format: N`, read without the scenario's own types (so fields a newer posture
/// added do not get in the way), and never from inside a string such as the client's name.
fn peek_format(text: &str) -> Option<u32> {
    match ron_options().from_str::<ron::Value>(text).ok()? {
        ron::Value::Map(m) => m
            .iter()
            .find(|(k, _)| matches!(k, ron::Value::String(s) if s == "format"))
            .and_then(|(_, v)| match v {
                ron::Value::Number(n) => {
                    let f = n.into_f64();
                    (f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&f))
                        .then_some(f as u32)
                }
                _ => None,
            }),
        _ => None,
    }
}

/// What differs between two scenarios, in words, for "Your edits since reopening": the
/// offerings, options and requirements added or removed, the sources read, and the title block.
pub fn edits(before: &Scenario, after: &Scenario, set: &super::PolicySet) -> Vec<String> {
    let mut out = Vec::new();
    let named = |kind: &str, id: &str| -> String {
        let name = match kind {
            "offering" => set.offering(id).map(|o| o.name.clone()),
            "option" => set.option(id).map(|o| o.title.clone()),
            "requirement" => set.requirement(id).map(|r| r.title.clone()),
            _ => None,
        };
        name.unwrap_or_else(|| id.to_string())
    };
    for (kind, was, now, on, off) in [
        (
            "offering",
            &before.offerings,
            &after.offerings,
            "Compared",
            "No longer compared",
        ),
        (
            "option",
            &before.options,
            &after.options,
            "Switched on",
            "Switched off",
        ),
        (
            "requirement",
            &before.requirements,
            &after.requirements,
            "Required",
            "No longer required",
        ),
    ] {
        for id in now.iter().filter(|id| !was.contains(id)) {
            out.push(format!("{on}: {}", named(kind, id)));
        }
        for id in was.iter().filter(|id| !now.contains(id)) {
            out.push(format!("{off}: {}", named(kind, id)));
        }
    }
    let sources = |s: &Scenario| {
        if s.sources.is_empty() {
            "all sources".to_string()
        } else {
            s.sources
                .iter()
                .map(|id| set.source(id).map_or(id.as_str(), |x| x.short_name()))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    if before.sources != after.sources {
        out.push(format!(
            "Sources read: {} → {}",
            sources(before),
            sources(after)
        ));
    }
    for (what, was, now) in [
        ("Client", &before.client, &after.client),
        ("Prepared by", &before.prepared_by, &after.prepared_by),
        ("Date", &before.date, &after.date),
    ] {
        if was != now {
            out.push(format!("{what}: {was} → {now}"));
        }
    }
    if before.audience != after.audience {
        out.push(format!(
            "Audience: {} → {}",
            before.audience.label(),
            after.audience.label()
        ));
    }
    if before.notes != after.notes {
        out.push("Internal notes edited".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let s = Scenario {
            client: "Société Générale — Zürich".into(),
            offerings: vec!["enterprise".into(), "bedrock".into()],
            ..Default::default()
        };
        let back = Scenario::from_ron(&s.to_ron(), "x.ron").unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn newer_format_is_refused_clearly() {
        let e = Scenario::from_ron(
            "Scenario(format: 7, client: \"x\", future_field: 1)",
            "x.ron",
        )
        .unwrap_err();
        assert!(e.message.contains("newer"), "{e}");
    }

    #[test]
    fn files_from_windows_editors_load() {
        // Notepad writes a byte-order mark, and CR LF line ends.
        let s = Scenario {
            client: "Société Générale".into(),
            offerings: vec!["enterprise".into()],
            ..Default::default()
        };
        let windows = format!("\u{feff}{}", s.to_ron().replace('\n', "\r\n"));
        assert_eq!(Scenario::from_ron(&windows, "x.ron").unwrap(), s);
    }

    #[test]
    fn the_format_is_read_at_the_top_level_only() {
        // A client named like a newer format is still this format.
        let s = Scenario {
            client: "format: 9".into(),
            ..Default::default()
        };
        assert_eq!(peek_format(&s.to_ron()), Some(SCENARIO_FORMAT));
        assert!(Scenario::from_ron(&s.to_ron(), "x.ron").is_ok());
        assert_eq!(
            peek_format("Scenario(notes: \"format: 3\", format: 2)"),
            Some(2)
        );
    }

    #[test]
    fn broken_file_is_located() {
        let e =
            Scenario::from_ron("Scenario(\n  format: 1,\n  client: 42,\n)", "x.ron").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let e = Scenario::from_ron("(format: 1, clients: \"x\")", "x.ron").unwrap_err();
        assert!(e.message.contains("clients"), "{e}");
    }
}
