//! Writing what a re-check established to the evidence log (`verification.ron` in the policy
//! set's folder), atomically, after the entries already there.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Report, SourceState};
use crate::model::verification::{Checked, Evidence, QuoteResult, log_text};
use crate::model::{Date, QuoteStatus};

/// Why evidence could not be recorded or a review saved. Nothing is half-written: each file is
/// written whole or not at all, and an unreadable log is never replaced.
#[derive(Debug)]
pub enum RecordError {
    /// Reading, listing, making or writing `path` failed.
    File { path: PathBuf, reason: String },
    /// The file there is not an evidence log this version can add to.
    NotALog { path: PathBuf, reason: String },
    /// No file in the folder gives the set's version as expected.
    NoVersion { dir: PathBuf, version: String },
    /// The folder already holds a policy set.
    Occupied(PathBuf),
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordError::File { path, reason } => write!(f, "`{}`: {reason}", path.display()),
            RecordError::NotALog { path, reason } => write!(
                f,
                "`{}` is not an evidence log I can add to ({reason}); nothing was written",
                path.display()
            ),
            RecordError::NoVersion { dir, version } => write!(
                f,
                "no file in `{}` gives the set's version as `version: \"{version}\"`; nothing was written",
                dir.display()
            ),
            RecordError::Occupied(dir) => write!(
                f,
                "`{}` already holds .ron files: choose an empty folder for the copy",
                dir.display()
            ),
        }
    }
}

fn file_error(path: &Path, reason: impl ToString) -> RecordError {
    RecordError::File {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// The log's file name in a policy set's folder.
pub const LOG_FILE: &str = "verification.ron";

/// The entries a report establishes: one per source whose page was read. A source that could
/// not be reached established nothing, and is left out.
pub fn evidence(report: &Report, by: &str, today: Date) -> Vec<Evidence> {
    report
        .sources
        .iter()
        .filter(|s| s.status != SourceState::Unreachable)
        .map(|s| Evidence {
            source: s.id.clone(),
            date: today.to_string(),
            by: by.to_string(),
            how: if s.how == "saved" {
                Checked::Saved {
                    file: Path::new(&s.final_url)
                        .file_name()
                        .map_or(s.final_url.clone(), |f| f.to_string_lossy().into_owned()),
                    sha256: s.sha256.clone(),
                }
            } else {
                Checked::Live {
                    url: s.url.clone(),
                    final_url: s.final_url.clone(),
                    http_status: s.http_status.unwrap_or(0),
                }
            },
            text_hash: s.text_hash.clone(),
            quotes: s
                .quotes
                .iter()
                .map(|q| QuoteResult {
                    quote: q.quote.clone(),
                    status: q.status,
                    similarity: if q.status == QuoteStatus::Found {
                        1.0
                    } else {
                        (q.similarity * 1000.0).round() / 1000.0
                    },
                })
                .collect(),
        })
        .collect()
}

/// A reviewer's "checked by hand" entry for one source.
pub fn by_hand(source: &str, by: &str, today: Date, note: &str) -> Evidence {
    Evidence {
        source: source.to_string(),
        date: today.to_string(),
        by: by.to_string(),
        how: Checked::ByHand {
            note: note.to_string(),
        },
        text_hash: String::new(),
        quotes: Vec::new(),
    }
}

/// Where the log of the set in `policies` lives: the folder's `verification.ron`, or the one
/// beside a single-file set.
pub fn log_path(policies: &Path) -> PathBuf {
    if policies.is_dir() {
        policies.join(LOG_FILE)
    } else {
        policies
            .parent()
            .map_or_else(|| PathBuf::from(LOG_FILE), |p| p.join(LOG_FILE))
    }
}

/// Appends `entries` to the log at `path`, keeping what is there. A log that does not parse is
/// left alone and reported: the reviewer's earlier evidence is never overwritten.
pub fn append(path: &Path, entries: &[Evidence]) -> Result<usize, RecordError> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct LogFile {
        #[serde(default)]
        verification: Vec<Evidence>,
    }
    let mut all = if path.exists() {
        let text = crate::model::read::read_text_limited(path).map_err(|e| file_error(path, e))?;
        let parsed: LogFile = crate::model::read::ron_options()
            .from_str(crate::model::read::without_bom(&text))
            .map_err(|e| RecordError::NotALog {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        parsed.verification
    } else {
        Vec::new()
    };
    all.extend_from_slice(entries);
    let text = log_text(&all).map_err(|e| file_error(path, e))?;
    crate::fs::write_atomic(path, text.as_bytes()).map_err(|e| file_error(path, e))?;
    Ok(entries.len())
}

/// The version after `old` on `today`: the date, or the date with a count when the set was
/// already versioned today ("2026-11-30.2").
pub fn next_version(old: &str, today: Date) -> String {
    let day = today.to_string();
    if old == day {
        return format!("{day}.2");
    }
    if let Some(n) = old
        .strip_prefix(&format!("{day}."))
        .and_then(|n| n.parse::<u32>().ok())
    {
        return format!("{day}.{}", n + 1);
    }
    day
}

/// The changelog entry for a review: each source re-verified, and each quote that changed.
pub fn changelog_entry(version: &str, by: &str, today: Date, entries: &[Evidence]) -> String {
    let mut s = format!("## {version} — {today}, reviewed by {by}\n\n");
    for e in entries {
        let how = match &e.how {
            Checked::Live { final_url, .. } => format!("on the live page ({final_url})"),
            Checked::Saved { file, .. } => format!("in a saved copy ({file})"),
            Checked::ByHand { .. } => "by hand".to_string(),
        };
        let changed: Vec<&QuoteResult> = e
            .quotes
            .iter()
            .filter(|q| q.status != QuoteStatus::Found)
            .collect();
        if e.verifies() {
            s.push_str(&format!("- `{}` re-verified {how}", e.source));
            if !e.quotes.is_empty() {
                s.push_str(&format!(": all {} quotes found", e.quotes.len()));
            }
            s.push('\n');
        } else {
            s.push_str(&format!(
                "- `{}` re-checked {how}: {} of {} quotes changed\n",
                e.source,
                changed.len(),
                e.quotes.len()
            ));
        }
        for q in changed {
            let what = match q.status {
                QuoteStatus::Reworded => {
                    format!("reworded ({:.0}% alike)", q.similarity * 100.0)
                }
                QuoteStatus::Gone => "gone".to_string(),
                QuoteStatus::NotChecked | QuoteStatus::Found => "not checked".to_string(),
            };
            s.push_str(&format!("  - {what}: “{}”\n", q.quote));
        }
    }
    s.push('\n');
    s
}

/// Saves a review into the policy set in `dir`: the evidence appended to the log, the version
/// bumped in the file that holds `meta`, and a changelog entry at the top of `CHANGELOG.md`.
/// Each file is written atomically. Returns the new version.
pub fn save_version(
    dir: &Path,
    old_version: &str,
    entries: &[Evidence],
    by: &str,
    today: Date,
) -> Result<String, RecordError> {
    let version = next_version(old_version, today);
    // The file that holds the set's meta, and the version in it.
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| file_error(dir, e))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    let needle = format!("version: \"{old_version}\"");
    let mut meta_file = None;
    for p in &files {
        let text = crate::model::read::read_text_limited(p).map_err(|e| file_error(p, e))?;
        if text.contains("meta:") && text.contains(&needle) {
            meta_file = Some((p.clone(), text));
            break;
        }
    }
    let (meta_path, meta_text) = meta_file.ok_or_else(|| RecordError::NoVersion {
        dir: dir.to_path_buf(),
        version: old_version.to_string(),
    })?;
    append(&log_path(dir), entries)?;
    let bumped = meta_text.replacen(&needle, &format!("version: \"{version}\""), 1);
    crate::fs::write_atomic(&meta_path, bumped.as_bytes())
        .map_err(|e| file_error(&meta_path, e))?;
    let log = dir.join("CHANGELOG.md");
    let old = std::fs::read_to_string(&log).unwrap_or_default();
    let body = old.strip_prefix("# Changelog\n\n").unwrap_or(&old);
    let text = format!(
        "# Changelog\n\n{}{body}",
        changelog_entry(&version, by, today, entries)
    );
    crate::fs::write_atomic(&log, text.as_bytes()).map_err(|e| file_error(&log, e))?;
    Ok(version)
}

/// Writes the built-in set's files into `dir` (made if missing), which must hold no `.ron` file
/// yet: the reviewed copy that becomes the set in use.
pub fn copy_builtin(dir: &Path) -> Result<(), RecordError> {
    std::fs::create_dir_all(dir).map_err(|e| file_error(dir, e))?;
    let taken = std::fs::read_dir(dir)
        .map_err(|e| file_error(dir, e))?
        .flatten()
        .any(|e| e.path().extension().is_some_and(|x| x == "ron"));
    if taken {
        return Err(RecordError::Occupied(dir.to_path_buf()));
    }
    for (name, text) in crate::model::load::BUILTIN_FILES {
        let file = Path::new(name).file_name().unwrap_or_default();
        crate::fs::write_atomic(&dir.join(file), text.as_bytes())
            .map_err(|e| file_error(dir, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_version_is_today_then_counts_up_within_the_day() {
        let today = Date::parse("2026-11-30").unwrap();
        assert_eq!(next_version("2026-11-28", today), "2026-11-30");
        assert_eq!(next_version("2026-11-30", today), "2026-11-30.2");
        assert_eq!(next_version("2026-11-30.2", today), "2026-11-30.3");
        assert_eq!(next_version("v1", today), "2026-11-30");
    }
}
