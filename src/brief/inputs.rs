//! The inputs a brief carries inside it, as PDF embedded files, and reading them back.
//!
//! A brief embeds three files: the scenario it was made from (`scenario.ron`), the assessment it
//! shows (`assessment.json`, the JSON of `posture assess --format json`), and the policy set's
//! name, version and content hash with the day staleness was computed (`policy-set.json`). They
//! follow the brief's audience: the scenario in a client-facing brief carries no internal notes,
//! exactly as the brief shows none.
//!
//! A PDF to read is untrusted input: it is refused above a size limit, parsed without letting a
//! panic escape, and each attachment is inflated with a limit of its own.

use std::io::Read;

use serde::{Deserialize, Serialize};

use crate::engine::Assessment;
use crate::model::{Audience, Scenario};

pub const SCENARIO_FILE: &str = "scenario.ron";
pub const ASSESSMENT_FILE: &str = "assessment.json";
pub const POLICY_FILE: &str = "policy-set.json";
/// Only in a brief with a "Changes since" section.
pub const CHANGES_FILE: &str = "changes-since.json";

/// A brief larger than this is not read at all.
pub const MAX_PDF_BYTES: usize = 64 * 1024 * 1024;
/// An attachment that inflates to more than this is refused.
pub const MAX_ATTACHMENT_BYTES: u64 = 32 * 1024 * 1024;

/// Which policy set, and which day, a brief was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyStamp {
    pub name: String,
    pub version: String,
    pub hash: String,
    /// The day staleness was computed for (YYYY-MM-DD).
    pub today: String,
    /// "A4" or "Letter".
    #[serde(default)]
    pub paper: String,
    /// The program that made the brief: "posture 0.1.0".
    #[serde(default)]
    pub program: String,
}

/// One file embedded in the PDF.
#[derive(Debug, Clone)]
pub struct Attachment {
    pub name: &'static str,
    pub mime: &'static str,
    pub description: &'static str,
    pub bytes: Vec<u8>,
}

/// What a brief carries, read back.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub scenario: Scenario,
    pub policy: PolicyStamp,
    /// The assessment as JSON, as it was when the brief was made.
    pub assessment_json: String,
    /// What the brief reported as changed since an earlier one, if it has that section.
    pub since: Option<crate::engine::changes::ChangesSince>,
}

/// The scenario as the brief shows it: the offerings, options and requirements assessed, the
/// sources read, and the notes only when the audience is internal.
pub fn scenario_of(a: &Assessment) -> Scenario {
    Scenario {
        client: a.scenario.client.clone(),
        prepared_by: a.scenario.prepared_by.clone(),
        date: a.scenario.date.clone(),
        audience: a.scenario.audience,
        offerings: a.offerings.iter().map(|o| o.id.clone()).collect(),
        options: a
            .options
            .iter()
            .filter(|o| o.on)
            .map(|o| o.id.clone())
            .collect(),
        requirements: a.requirements.iter().map(|r| r.id.clone()).collect(),
        sources: if a.view.all {
            Vec::new()
        } else {
            a.view.sources.clone()
        },
        notes: match a.scenario.audience {
            Audience::Internal => a.scenario.notes.clone().unwrap_or_default(),
            Audience::ClientFacing => String::new(),
        },
        ..Default::default()
    }
}

pub fn stamp_of(a: &Assessment, paper: super::Paper) -> PolicyStamp {
    PolicyStamp {
        name: a.policy.name.clone(),
        version: a.policy.version.clone(),
        hash: a.policy.hash.clone(),
        today: a.today.clone(),
        paper: paper.name().to_string(),
        program: program(),
    }
}

/// This program's name and version, as a brief records it.
pub fn program() -> String {
    format!("posture {}", env!("CARGO_PKG_VERSION"))
}

/// The files a brief embeds, in name order.
pub fn attachments(
    a: &Assessment,
    paper: super::Paper,
    since: Option<&crate::engine::changes::ChangesSince>,
) -> Vec<Attachment> {
    let mut files = vec![
        Attachment {
            name: ASSESSMENT_FILE,
            mime: "application/json",
            description: "The assessment this brief shows (posture assess --format json)",
            // Compact: it is for programs, and it is most of what the attachments weigh.
            bytes: serde_json::to_vec(a).unwrap_or_default(),
        },
        Attachment {
            name: POLICY_FILE,
            mime: "application/json",
            description: "The policy set's name, version and content hash, and the day staleness was computed",
            bytes: json(&stamp_of(a, paper)),
        },
        Attachment {
            name: SCENARIO_FILE,
            mime: "text/plain",
            description: "The scenario this brief was made from (open it in posture)",
            bytes: scenario_of(a).to_ron().into_bytes(),
        },
    ];
    if let Some(since) = since {
        files.push(Attachment {
            name: CHANGES_FILE,
            mime: "application/json",
            description: "What this brief reports as changed since an earlier brief",
            bytes: json(since),
        });
    }
    files
}

/// Pretty JSON of plain data. Serializing to memory cannot fail; an empty file would show it.
fn json<T: Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(v).unwrap_or_default()
}

/// Why a brief's inputs could not be read. Any file gets one of these, never a panic.
#[derive(Debug, Clone, PartialEq)]
pub enum BriefReadError {
    File(crate::model::read::ReadError),
    /// Its size, over the limit.
    TooLarge(u64),
    NotPdf,
    /// The PDF itself does not parse (the parser's words).
    Damaged(String),
    Encrypted,
    /// A PDF with no posture inputs at all.
    NoInputs,
    /// One input is missing.
    Missing(&'static str),
    /// One input is there but cannot be used.
    Attachment {
        name: String,
        problem: String,
    },
}

impl std::fmt::Display for BriefReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BriefReadError::File(e) => e.fmt(f),
            BriefReadError::TooLarge(len) => write!(
                f,
                "{} — a brief posture reads may be at most {}",
                crate::model::read::size_text(*len),
                crate::model::read::size_text(MAX_PDF_BYTES as u64)
            ),
            BriefReadError::NotPdf => f.write_str("this is not a PDF"),
            BriefReadError::Damaged(why) => write!(f, "this PDF could not be read: {why}"),
            BriefReadError::Encrypted => {
                f.write_str("this PDF is encrypted; posture's briefs never are")
            }
            BriefReadError::NoInputs => f.write_str(
                "this PDF carries no posture inputs: it was not made by posture, or by an older version",
            ),
            BriefReadError::Missing(name) => write!(f, "this PDF carries no `{name}`"),
            BriefReadError::Attachment { name, problem } => {
                write!(f, "the embedded `{name}` {problem}")
            }
        }
    }
}

fn attachment(name: &str, problem: impl Into<String>) -> BriefReadError {
    BriefReadError::Attachment {
        name: name.to_string(),
        problem: problem.into(),
    }
}

/// Reads the inputs embedded in the brief at `path`; a file over the size limit is refused
/// before it is read.
pub fn read_file(path: &std::path::Path) -> Result<Inputs, BriefReadError> {
    let file = |e: std::io::Error| BriefReadError::File(e.into());
    let len = std::fs::metadata(path).map_err(file)?.len();
    if len > MAX_PDF_BYTES as u64 {
        return Err(BriefReadError::TooLarge(len));
    }
    read(&std::fs::read(path).map_err(file)?)
}

/// Reads the inputs embedded in a brief. Any PDF gets an answer, never a panic: one posture did
/// not make, a truncated or encrypted file, an oversized one, or attachments that do not parse.
pub fn read(bytes: &[u8]) -> Result<Inputs, BriefReadError> {
    if bytes.len() > MAX_PDF_BYTES {
        return Err(BriefReadError::TooLarge(bytes.len() as u64));
    }
    if !bytes.starts_with(b"%PDF-") {
        return Err(BriefReadError::NotPdf);
    }
    let files = std::panic::catch_unwind(|| embedded_files(bytes))
        .map_err(|_| BriefReadError::Damaged("it may be damaged".into()))??;
    let find = |name: &'static str| {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
            .ok_or(if files.is_empty() {
                BriefReadError::NoInputs
            } else {
                BriefReadError::Missing(name)
            })
    };
    let text = |name: &'static str| -> Result<String, BriefReadError> {
        String::from_utf8(find(name)?.to_vec()).map_err(|_| attachment(name, "is not UTF-8 text"))
    };
    let scenario = Scenario::from_ron(&text(SCENARIO_FILE)?, SCENARIO_FILE)
        .map_err(|e| attachment(SCENARIO_FILE, format!("does not read: {e}")))?;
    let policy: PolicyStamp = serde_json::from_str(&text(POLICY_FILE)?)
        .map_err(|e| attachment(POLICY_FILE, format!("does not read: {e}")))?;
    let assessment_json = text(ASSESSMENT_FILE)?;
    serde_json::from_str::<serde_json::Value>(&assessment_json)
        .map_err(|e| attachment(ASSESSMENT_FILE, format!("does not read: {e}")))?;
    let since = match files.iter().find(|(n, _)| n == CHANGES_FILE) {
        Some(_) => Some(
            serde_json::from_str(&text(CHANGES_FILE)?)
                .map_err(|e| attachment(CHANGES_FILE, format!("does not read: {e}")))?,
        ),
        None => None,
    };
    Ok(Inputs {
        scenario,
        policy,
        assessment_json,
        since,
    })
}

/// Every embedded file of the document's `/EmbeddedFiles` name tree (flat arrays, as posture
/// writes them, and one level of `/Kids`), inflated with a limit.
fn embedded_files(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, BriefReadError> {
    let doc =
        lopdf::Document::load_mem(bytes).map_err(|e| BriefReadError::Damaged(e.to_string()))?;
    if doc.is_encrypted() {
        return Err(BriefReadError::Encrypted);
    }
    let deref = |o: &lopdf::Object| -> Option<lopdf::Object> {
        match o {
            lopdf::Object::Reference(id) => doc.get_object(*id).ok().cloned(),
            other => Some(other.clone()),
        }
    };
    let Some(tree) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Names").ok().and_then(deref))
        .and_then(|n| n.as_dict().ok()?.get(b"EmbeddedFiles").ok().and_then(deref))
    else {
        return Ok(Vec::new());
    };
    let mut nodes = vec![tree];
    if let Some(kids) = nodes[0]
        .as_dict()
        .ok()
        .and_then(|d| d.get(b"Kids").ok())
        .and_then(|k| k.as_array().ok())
    {
        let kids: Vec<lopdf::Object> = kids.iter().filter_map(deref).take(64).collect();
        nodes.extend(kids);
    }
    let mut out = Vec::new();
    for node in &nodes {
        let Some(names) = node
            .as_dict()
            .ok()
            .and_then(|d| d.get(b"Names").ok())
            .and_then(|n| n.as_array().ok())
        else {
            continue;
        };
        for pair in names.chunks(2).take(64) {
            let [key, spec] = pair else { continue };
            let Ok(name) = key
                .as_str()
                .map(|s| String::from_utf8_lossy(s).into_owned())
            else {
                continue;
            };
            let stream = deref(spec)
                .and_then(|s| s.as_dict().ok()?.get(b"EF").ok().and_then(deref))
                .and_then(|ef| ef.as_dict().ok()?.get(b"F").ok().and_then(deref));
            let Some(lopdf::Object::Stream(stream)) = stream else {
                continue;
            };
            out.push((name.clone(), inflate_limited(&stream, &name)?));
        }
    }
    Ok(out)
}

fn inflate_limited(stream: &lopdf::Stream, name: &str) -> Result<Vec<u8>, BriefReadError> {
    let too_big = || {
        attachment(
            name,
            format!(
                "is larger than {}",
                crate::model::read::size_text(MAX_ATTACHMENT_BYTES)
            ),
        )
    };
    let filter = stream
        .dict
        .get(b"Filter")
        .ok()
        .and_then(|f| f.as_name().ok().map(<[u8]>::to_vec));
    match filter.as_deref() {
        None => {
            if stream.content.len() as u64 > MAX_ATTACHMENT_BYTES {
                return Err(too_big());
            }
            Ok(stream.content.clone())
        }
        Some(b"FlateDecode") => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(stream.content.as_slice())
                .take(MAX_ATTACHMENT_BYTES + 1)
                .read_to_end(&mut out)
                .map_err(|e| attachment(name, format!("is damaged: {e}")))?;
            if out.len() as u64 > MAX_ATTACHMENT_BYTES {
                return Err(too_big());
            }
            Ok(out)
        }
        Some(_) => Err(attachment(name, "uses a compression posture does not read")),
    }
}
