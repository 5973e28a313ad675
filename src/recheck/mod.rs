//! Re-checking the facts against their pages: fetch each source (or read a saved copy), read its
//! text, find every quote that cites it again, and say what rests on the ones that moved.
//!
//! The only part of posture that touches the network, and only when asked: `posture recheck`
//! and the app's "Re-check now". Used by `cli.rs` and `ui/`; it reads the model and writes the
//! evidence log, which is model data (`model::verification`).

pub mod anchor;
pub mod fetch;
pub mod page;
pub mod record;
pub mod uses;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::{PolicySet, QuoteStatus};
use anchor::{Anchor, Words};
use fetch::{FetchError, Fetched, Limits, Origin};
use uses::{Use, UseKind};

/// At most this many pages are fetched at once.
pub const MAX_CONNECTIONS: usize = 8;

/// What to re-check, and how.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Source ids; empty means every source of the set (with `saved`, every source that has a
    /// saved copy there).
    pub sources: Vec<String>,
    /// Read `<dir>/<source-id>.html|.htm|.txt|.md|.pdf` instead of the network.
    pub saved: Option<PathBuf>,
    pub limits: Limits,
}

/// The result of a re-check, as `--format json` prints it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub sources: Vec<SourceReport>,
    /// Set when the run was cancelled: the sources not reached say so.
    pub cancelled: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceReport {
    pub id: String,
    pub title: String,
    pub status: SourceState,
    /// "live" or "saved".
    pub how: &'static str,
    pub url: String,
    /// The URL after redirects (live), or the saved file's path.
    pub final_url: String,
    pub http_status: Option<u16>,
    /// SHA-256 of the saved file, when read from one.
    pub sha256: String,
    /// Why the status is what it is, always.
    pub message: String,
    /// SHA-256 of the page's text as read.
    pub text_hash: String,
    pub quotes: Vec<QuoteReport>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SourceState {
    /// Every quote found.
    Ok,
    /// Some quote reworded or gone.
    Changed,
    /// The page could not be had or read; its quotes were not checked.
    Unreachable,
}

impl SourceState {
    pub fn label(self) -> &'static str {
        match self {
            SourceState::Ok => "ok",
            SourceState::Changed => "changed",
            SourceState::Unreachable => "unreachable",
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuoteReport {
    pub quote: String,
    pub status: QuoteStatus,
    pub similarity: f32,
    /// The closest passage on the page, when the quote was not found as it is.
    pub passage: String,
    /// The quote against that passage, word by word (`[-old-]` `{+new+}`), when reworded.
    pub diff: String,
    pub used_by: Vec<Use>,
}

impl Report {
    /// 0 when every source is ok, 4 when any changed or could not be checked.
    pub fn exit_code(&self) -> i32 {
        if !self.cancelled && self.sources.iter().all(|s| s.status == SourceState::Ok) {
            0
        } else {
            4
        }
    }

    pub fn count(&self, state: SourceState) -> usize {
        self.sources.iter().filter(|s| s.status == state).count()
    }

    pub fn quotes(&self, status: QuoteStatus) -> usize {
        self.sources
            .iter()
            .flat_map(|s| &s.quotes)
            .filter(|q| q.status == status)
            .count()
    }
}

/// Progress of a run: how many sources are done of how many.
pub type Progress<'a> = &'a (dyn Fn(usize, usize, &str) + Sync);

/// What is wrong with a request, before anything is fetched.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestError {
    /// Source ids the set does not have, and the ids it has.
    UnknownSources {
        unknown: Vec<String>,
        known: Vec<String>,
    },
    NotAFolder(PathBuf),
    /// A folder of saved copies with none of the set's sources in it; an example name.
    NoSavedCopies {
        dir: PathBuf,
        example: String,
    },
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RequestError::UnknownSources { unknown, known } => write!(
                f,
                "unknown source{} `{}`; the set's sources are: {}",
                if unknown.len() == 1 { "" } else { "s" },
                unknown.join("`, `"),
                known.join(", ")
            ),
            RequestError::NotAFolder(dir) => {
                write!(f, "saved copies: `{}` is not a folder", dir.display())
            }
            RequestError::NoSavedCopies { dir, example } => write!(
                f,
                "`{}` holds no saved copy of any source: name them <source-id>.html, .htm, \
                 .txt, .md or .pdf (for example {example}.html)",
                dir.display()
            ),
        }
    }
}

/// Checks the ids a request names against the set, and that a saved-copy folder exists and
/// holds a copy of some source.
pub fn validate(set: &PolicySet, request: &Request) -> Result<(), RequestError> {
    let unknown: Vec<String> = request
        .sources
        .iter()
        .filter(|id| set.source(id).is_none())
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(RequestError::UnknownSources {
            unknown,
            known: set.sources.iter().map(|s| s.id.clone()).collect(),
        });
    }
    if let Some(dir) = &request.saved {
        if !dir.is_dir() {
            return Err(RequestError::NotAFolder(dir.clone()));
        }
        if request.sources.is_empty() && targets(set, request).is_empty() {
            return Err(RequestError::NoSavedCopies {
                dir: dir.clone(),
                example: set
                    .sources
                    .first()
                    .map_or("v-memory", |s| s.id.as_str())
                    .to_string(),
            });
        }
    }
    Ok(())
}

/// How many sources a request re-checks.
pub fn count(set: &PolicySet, request: &Request) -> usize {
    targets(set, request).len()
}

/// The sources a request re-checks, in the set's order: the ones it names; else every source,
/// or with saved copies every source that has one (a folder of three saved pages re-checks
/// those three, not the other sources as missing).
fn targets<'a>(set: &'a PolicySet, request: &Request) -> Vec<&'a str> {
    set.sources
        .iter()
        .map(|s| s.id.as_str())
        .filter(|id| {
            if !request.sources.is_empty() {
                return request.sources.iter().any(|r| r == id);
            }
            match &request.saved {
                Some(dir) => fetch::saved_copy(dir, id).is_some(),
                None => true,
            }
        })
        .collect()
}

/// Re-checks the sources a request names, at most [`MAX_CONNECTIONS`] at a time. `cancel`
/// stops the run between pages; a fetch under way ends within its time limit.
pub fn run(set: &PolicySet, request: &Request, cancel: &AtomicBool, progress: Progress) -> Report {
    let ids = targets(set, request);
    let holders = uses::holders(set);
    let how = if request.saved.is_some() {
        "saved"
    } else {
        "live"
    };
    let agent = fetch::agent(&request.limits);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Got>> = Mutex::new((0..ids.len()).map(|_| None).collect());
    let workers = MAX_CONNECTIONS.min(ids.len()).max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    if cancel.load(Ordering::Relaxed) {
                        return;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&id) = ids.get(i) else { return };
                    let got = get(set, id, request, &agent);
                    // Reading and tokenising the page happens here too, off the caller's thread.
                    let words = match &got {
                        Ok(f) => page::text_of(f.kind, f.content_type.as_deref(), &f.bytes)
                            .map(|t| Words::new(&t))
                            .ok(),
                        Err(_) => None,
                    };
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some((got, words));
                    }
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    progress(n, ids.len(), id);
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut reports: Vec<SourceReport> = ids
        .iter()
        .zip(results)
        .map(|(&id, r)| report(set, id, how, r, &holders))
        .collect();
    support(&mut reports, &holders);
    Report {
        sources: reports,
        cancelled: cancel.load(Ordering::Relaxed),
    }
}

fn get(
    set: &PolicySet,
    id: &str,
    request: &Request,
    agent: &ureq::Agent,
) -> Result<Fetched, FetchError> {
    match &request.saved {
        Some(dir) => match fetch::saved_copy(dir, id) {
            Some(path) => fetch::read_saved(&path, &request.limits),
            None => Err(FetchError {
                message: format!(
                    "no saved copy: looked for {}/{id}.html, .htm, .txt, .md and .pdf",
                    dir.display()
                ),
                http_status: None,
                final_url: None,
            }),
        },
        None => {
            let url = set.source(id).map(|s| s.url.as_str()).unwrap_or("");
            fetch::fetch_live(agent, url, &request.limits)
        }
    }
}

type Got = Option<(Result<Fetched, FetchError>, Option<Words>)>;

fn report(
    set: &PolicySet,
    id: &str,
    how: &'static str,
    got: Got,
    holders: &[uses::Holder],
) -> SourceReport {
    let source = set.source(id);
    let url = source.map(|s| s.url.clone()).unwrap_or_default();
    let mut r = SourceReport {
        id: id.to_string(),
        title: source.map(|s| s.title.clone()).unwrap_or_default(),
        status: SourceState::Unreachable,
        how,
        url,
        final_url: String::new(),
        http_status: None,
        sha256: String::new(),
        message: String::new(),
        text_hash: String::new(),
        quotes: Vec::new(),
    };
    let quotes = uses::quotes_with_uses(id, holders);
    let not_checked = |(q, used_by): &(String, Vec<Use>)| QuoteReport {
        quote: q.clone(),
        status: QuoteStatus::NotChecked,
        similarity: 0.0,
        passage: String::new(),
        diff: String::new(),
        used_by: used_by.clone(),
    };
    let (fetched, words) = match got {
        None => {
            r.message = "not checked: the run was cancelled".into();
            r.quotes = quotes.iter().map(not_checked).collect();
            return r;
        }
        Some((Err(e), _)) => {
            r.message = e.message;
            r.http_status = e.http_status;
            r.final_url = e.final_url.unwrap_or_default();
            r.quotes = quotes.iter().map(not_checked).collect();
            return r;
        }
        Some((Ok(f), w)) => (f, w),
    };
    match &fetched.origin {
        Origin::Live {
            final_url,
            http_status,
            ..
        } => {
            r.final_url = final_url.clone();
            r.http_status = Some(*http_status);
        }
        Origin::Saved { file, sha256 } => {
            r.final_url = file.display().to_string();
            r.sha256 = sha256.clone();
        }
    }
    let Some(words) = words else {
        r.message = page::text_of(
            fetched.kind,
            fetched.content_type.as_deref(),
            &fetched.bytes,
        )
        .err()
        .map_or_else(|| "the page could not be read".into(), |e| e.to_string());
        r.quotes = quotes.iter().map(not_checked).collect();
        return r;
    };
    r.text_hash = fetch::hex(&Sha256::digest(words.text.as_bytes()));
    for (q, used_by) in quotes {
        let (status, similarity, passage, diff) = match anchor::anchor(&words, &q) {
            Anchor::Found => (QuoteStatus::Found, 1.0, String::new(), String::new()),
            Anchor::Reworded {
                similarity,
                passage,
                diff,
            } => (QuoteStatus::Reworded, similarity, passage, diff),
            Anchor::Gone {
                similarity,
                passage,
            } => (QuoteStatus::Gone, similarity, passage, String::new()),
        };
        r.quotes.push(QuoteReport {
            quote: q,
            status,
            similarity,
            passage,
            diff,
            used_by,
        });
    }
    let found = r
        .quotes
        .iter()
        .filter(|q| q.status == QuoteStatus::Found)
        .count();
    let total = r.quotes.len();
    if found == total {
        r.status = SourceState::Ok;
        r.message = format!(
            "all {total} quote{} found",
            if total == 1 { "" } else { "s" }
        );
    } else {
        r.status = SourceState::Changed;
        let reworded = r
            .quotes
            .iter()
            .filter(|q| q.status == QuoteStatus::Reworded)
            .count();
        r.message = format!(
            "{found} of {total} quotes found; {reworded} reworded, {} gone",
            total - found - reworded
        );
    }
    r
}

/// Marks the uses that lose all their quoted support: an item every one of whose quotes was
/// checked in this run and is gone. A quote in a source not checked keeps its item supported.
fn support(reports: &mut [SourceReport], holders: &[uses::Holder]) {
    let status: HashMap<(&str, &str), QuoteStatus> = reports
        .iter()
        .flat_map(|s| {
            s.quotes
                .iter()
                .map(move |q| ((s.id.as_str(), q.quote.as_str()), q.status))
        })
        .collect();
    let lost: Vec<(UseKind, String)> = holders
        .iter()
        .filter(|h| {
            h.cites.iter().all(|c| {
                status.get(&(c.source.as_str(), c.quote.as_str())) == Some(&QuoteStatus::Gone)
            })
        })
        .map(|h| (h.kind, h.id.clone()))
        .collect();
    for s in reports.iter_mut() {
        for q in &mut s.quotes {
            for u in &mut q.used_by {
                u.loses_only_support = lost.iter().any(|(k, id)| *k == u.kind && *id == u.id);
            }
        }
    }
}
