//! The evidence log: what each re-check of a source established, kept beside the policy set
//! (`verification.ron`), and the verification a source gets from it.
//!
//! A source's `verified:` date says when its quotes were last re-found, but not how; the built-in
//! set's were re-found in stored copies of unknown date. The log says how: on the live page (URL,
//! final URL, HTTP status), in a saved copy (file name and SHA-256), or by a reviewer's hand.

use serde::{Deserialize, Serialize};

use super::{Date, PolicySet, Source};

/// One re-check of one source, as `posture recheck --record` or the app's review writes it.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub source: String,
    /// The day of the check (YYYY-MM-DD).
    pub date: String,
    /// Who recorded it.
    pub by: String,
    pub how: Checked,
    /// SHA-256 of the page's text as read (hex), so two checks of the same words compare equal.
    #[serde(default)]
    pub text_hash: String,
    /// Each quote that cites the source, and what the check found.
    #[serde(default)]
    pub quotes: Vec<QuoteResult>,
}

/// Where the words were checked.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub enum Checked {
    /// Fetched from the source's URL.
    Live {
        url: String,
        final_url: String,
        http_status: u16,
    },
    /// A copy a reviewer saved (from a browser, or behind a login).
    Saved { file: String, sha256: String },
    /// A reviewer read the page and vouches for every quote.
    ByHand {
        #[serde(default)]
        note: String,
    },
}

/// What a re-check found for one quote.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct QuoteResult {
    pub quote: String,
    pub status: QuoteStatus,
    /// 1.0 when found; the closest passage's word similarity otherwise.
    #[serde(default)]
    pub similarity: f32,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum QuoteStatus {
    /// The words are on the page (after normalising spaces, quotes, dashes and markup).
    Found,
    /// A passage close to the words is there, but not the words themselves.
    Reworded,
    /// Nothing close is there.
    Gone,
    /// The page could not be read, so the quote could not be looked for.
    NotChecked,
}

/// How a source's verification was made, as every output names it.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    Live,
    Saved,
    ByHand,
    /// The `verified:` date of the policy file: quotes re-found in a stored copy of the page
    /// whose own date is unknown.
    StoredCopy,
}

impl Method {
    /// How a sentence says where it was checked: "Checked on the live page", "Checked by hand".
    pub fn phrase(self) -> &'static str {
        match self {
            Method::Live => "on the live page",
            Method::Saved => "in a saved copy",
            Method::ByHand => "by hand",
            Method::StoredCopy => "in a stored copy (date of the copy unknown)",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Method::Live => "live page",
            Method::Saved => "saved copy",
            Method::ByHand => "by hand",
            Method::StoredCopy => "stored copy (date of the copy unknown)",
        }
    }
}

/// A source's verification: its newest log entry in which every quote was found, or a
/// reviewer's "checked by hand" entry; else its `verified:` field.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Verification {
    pub date: String,
    pub how: Method,
    /// Who recorded it; empty for the `verified:` field.
    pub by: String,
    /// The URL, or the saved file and its hash, or the reviewer's note.
    pub detail: String,
    /// The day of a later re-check that did not find every quote: the source has changed since
    /// it was last verified, and says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed_on: Option<String>,
}

impl Verification {
    /// "live page", "saved copy", "by hand", "stored copy (date of the copy unknown)".
    pub fn method_label(&self) -> &'static str {
        self.how.label()
    }

    /// One phrase for a table or a hover: "live page, 2026-11-30 (https://…)".
    pub fn describe(&self) -> String {
        let mut s = format!("{}, {}", self.method_label(), self.date);
        if !self.by.is_empty() {
            s.push_str(&format!(", by {}", self.by));
        }
        if !self.detail.is_empty() {
            s.push_str(&format!(" ({})", self.detail));
        }
        s
    }
}

impl Evidence {
    /// Whether this entry verifies its source: every quote found on a page that was read, or a
    /// reviewer's word.
    pub fn verifies(&self) -> bool {
        match self.how {
            Checked::ByHand { .. } => true,
            Checked::Live { .. } | Checked::Saved { .. } => {
                self.quotes.iter().all(|q| q.status == QuoteStatus::Found)
            }
        }
    }

    fn verification(&self) -> Verification {
        let (how, detail) = match &self.how {
            Checked::Live {
                url,
                final_url,
                http_status,
            } => {
                let shown = if final_url.is_empty() || final_url == url {
                    url.clone()
                } else {
                    format!("{url} → {final_url}")
                };
                (Method::Live, format!("{shown}, HTTP {http_status}"))
            }
            Checked::Saved { file, sha256 } => (
                Method::Saved,
                format!("{file}, SHA-256 {}", sha256.get(..12).unwrap_or(sha256)),
            ),
            Checked::ByHand { note } => (Method::ByHand, note.clone()),
        };
        Verification {
            date: self.date.clone(),
            how,
            by: self.by.clone(),
            detail,
            changed_on: None,
        }
    }
}

impl PolicySet {
    /// The verification of `source`: see [`Verification`]. Entries with an unreadable date
    /// never count (validation rejects them anyway); among equal dates the later entry wins.
    pub fn verification_of(&self, source: &Source) -> Verification {
        let dated = |verifying: bool| {
            self.verification
                .iter()
                .filter(move |e| e.source == source.id && (!verifying || e.verifies()))
                .filter_map(|e| Date::parse(&e.date).ok().map(|d| (d, e)))
                .max_by(|(a, _), (b, _)| a.cmp(b))
        };
        let mut v = match dated(true) {
            Some((_, e)) => e.verification(),
            None => Verification {
                date: source.verified.clone(),
                how: Method::StoredCopy,
                by: String::new(),
                detail: String::new(),
                changed_on: None,
            },
        };
        // A later check that found a quote moved or gone is news: it is never hidden behind an
        // older success.
        if let Some((d, e)) = dated(false)
            && !e.verifies()
            && Date::parse(&v.date).is_ok_and(|verified| d > verified)
        {
            v.changed_on = Some(e.date.clone());
        }
        v
    }

    /// Log entries dated after `today`: `check` refuses them, since they would keep a source
    /// looking fresh for longer than it has been.
    pub fn evidence_from_the_future(&self, today: Date) -> Vec<&Evidence> {
        self.verification
            .iter()
            .filter(|e| Date::parse(&e.date).is_ok_and(|d| d > today))
            .collect()
    }
}

/// The log file's text: a header and the entries, as `verification.ron` holds them.
pub fn log_text(entries: &[Evidence]) -> Result<String, ron::Error> {
    #[derive(Serialize)]
    struct LogFile<'a> {
        verification: &'a [Evidence],
    }
    let body = ron::ser::to_string_pretty(
        &LogFile {
            verification: entries,
        },
        ron::ser::PrettyConfig::new()
            .struct_names(false)
            .indentor("    ".to_string()),
    )?;
    Ok(format!(
        "// The evidence log: each re-check of a source, appended by `posture recheck --record NAME`\n\
         // or by \"Mark reviewed\" in the app. A source's verification is its newest entry in which\n\
         // every quote was found, or a reviewer's ByHand entry; else its `verified:` date.\n{body}\n"
    ))
}
