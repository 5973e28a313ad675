//! The PDF brief for the security review, and the same answers as CSV and Markdown: content from
//! the `Assessment` (`content.rs`), our own page layout (`layout.rs`), the faces and their
//! subsets (`fonts.rs`), PDF output with printpdf (`pdf.rs`) and its structure tree, so that it
//! is a tagged PDF a screen reader can follow (`tags.rs`), the inputs a brief carries and reads
//! back for `verify` and `diff` (`inputs.rs`), and the CSV and Markdown writers
//! (`questionnaire.rs`).

pub mod content;
pub mod fonts;
pub mod inputs;
pub mod layout;
pub mod pdf;
pub mod questionnaire;
pub mod tags;

use std::path::Path;

use crate::engine::Assessment;
use crate::model::Date;
use layout::PageSize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "Letter",
        }
    }

    pub fn from_name(name: &str) -> Option<Paper> {
        match name {
            "A4" => Some(Paper::A4),
            "Letter" => Some(Paper::Letter),
            _ => None,
        }
    }

    pub fn size(self) -> PageSize {
        match self {
            Paper::A4 => PageSize {
                width: 595.28,
                height: 841.89,
            },
            Paper::Letter => PageSize {
                width: 612.0,
                height: 792.0,
            },
        }
    }
}

/// A finished brief.
#[derive(Debug, Clone)]
pub struct Brief {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters the bundled fonts cannot draw; each was printed as □.
    pub missing_glyphs: Vec<char>,
}

/// Builds the brief. The same assessment and paper always give the same bytes.
pub fn render_pdf(a: &Assessment, paper: Paper) -> Result<Brief, fonts::FontError> {
    render_pdf_with(a, paper, None)
}

/// The brief with a section on what changed since an earlier one; the changes are embedded too,
/// so the brief still reproduces from its own inputs.
pub fn render_pdf_with(
    a: &Assessment,
    paper: Paper,
    since: Option<&crate::engine::changes::ChangesSince>,
) -> Result<Brief, fonts::FontError> {
    render_pdf_tagging(a, paper, since, pdf::Tagging::Tagged)
}

/// The brief, tagged or not. Every brief posture writes is tagged; `cargo bench` renders the
/// untagged twin of the same content to measure what the tagging costs.
pub fn render_pdf_tagging(
    a: &Assessment,
    paper: Paper,
    since: Option<&crate::engine::changes::ChangesSince>,
    tagging: pdf::Tagging,
) -> Result<Brief, fonts::FontError> {
    let fonts = fonts::fonts()?;
    let size = paper.size();
    let laid = content::lay_out_with(a, fonts, size, since);
    let sc = &a.scenario;
    let client = sc.client_or("client").to_string();
    let mut keywords = vec![
        "data residency".to_string(),
        "retention".to_string(),
        "training".to_string(),
        a.policy.name.clone(),
    ];
    keywords.extend(a.offerings.iter().map(|o| o.name.clone()));
    // The creation date is the scenario's date (or the assessment day), never the wall clock.
    let date = Date::parse(&sc.date)
        .or_else(|_| Date::parse(&a.today))
        .unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        });
    let meta = pdf::Meta {
        title: fonts.sanitize(
            &format!("Data residency & retention brief — {client}"),
            &mut Default::default(),
        ),
        author: sc.prepared_by.clone(),
        subject: format!(
            "Where data is processed, how long it is kept and whether it is used for training: {}",
            a.policy.name
        ),
        keywords,
        timestamp: date.days_since_epoch() * 86_400,
    };
    let bytes = pdf::render(
        &laid.pages,
        &laid.tree,
        size,
        &laid.outline,
        &meta,
        fonts,
        &inputs::attachments(a, paper, since),
        tagging,
    );
    Ok(Brief {
        bytes,
        pages: laid.pages.len(),
        missing_glyphs: laid.missing.into_iter().collect(),
    })
}

/// What an export writes: the PDF brief, or the comparison as CSV or Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Csv,
    Markdown,
}

impl Format {
    /// By the file's extension; the PDF brief unless it says `.csv` or `.md`.
    pub fn from_path(path: &Path) -> Format {
        match path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .as_deref()
        {
            Some("csv") => Format::Csv,
            Some("md" | "markdown") => Format::Markdown,
            _ => Format::Pdf,
        }
    }

    /// Its file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::Markdown => "md",
        }
    }

    /// What people call the file: "Brief", "CSV", "Markdown".
    pub fn label(self) -> &'static str {
        match self {
            Format::Pdf => "Brief",
            Format::Csv => "CSV",
            Format::Markdown => "Markdown",
        }
    }
}

/// Why an export failed: the brief could not be made, or the file could not be written. The
/// command line answers the first kind with exit 1 and the second (the user's path) with exit 2.
#[derive(Debug)]
pub enum ExportError {
    /// The bundled fonts did not load (a broken build).
    Fonts(fonts::FontError),
    /// The CSV writer failed.
    Csv(String),
    Write {
        path: std::path::PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Fonts(e) => write!(f, "the brief could not be made: {e}"),
            ExportError::Csv(e) => write!(f, "could not write CSV: {e}"),
            ExportError::Write { path, error } => {
                write!(f, "could not write {}: {error}", path.display())
            }
        }
    }
}

/// What an export wrote: its size, its pages (PDF only) and the characters the fonts could not
/// draw (PDF only).
#[derive(Debug)]
pub struct Written {
    pub bytes: usize,
    pub pages: Option<usize>,
    pub missing_glyphs: Vec<char>,
}

/// Writes `a` to `path` as `format`, atomically. The one way the app and the command line export.
pub fn export(
    a: &Assessment,
    path: &Path,
    format: Format,
    paper: Paper,
    since: Option<&crate::engine::changes::ChangesSince>,
) -> Result<Written, ExportError> {
    let table = |bytes: Vec<u8>| {
        crate::fs::write_atomic(path, &bytes)
            .map(|()| Written {
                bytes: bytes.len(),
                pages: None,
                missing_glyphs: Vec::new(),
            })
            .map_err(|error| ExportError::Write {
                path: path.to_path_buf(),
                error,
            })
    };
    match format {
        Format::Csv => {
            table(questionnaire::to_csv(a).map_err(|e| ExportError::Csv(e.to_string()))?)
        }
        Format::Markdown => table(questionnaire::to_markdown(a).into_bytes()),
        Format::Pdf => export_to_file_with(a, path, paper, since).map(|b| Written {
            bytes: b.bytes.len(),
            pages: Some(b.pages),
            missing_glyphs: b.missing_glyphs,
        }),
    }
}

/// Writes the brief atomically (temporary file + rename): a failed export leaves nothing partial.
pub fn export_to_file(a: &Assessment, path: &Path, paper: Paper) -> Result<Brief, ExportError> {
    export_to_file_with(a, path, paper, None)
}

pub fn export_to_file_with(
    a: &Assessment,
    path: &Path,
    paper: Paper,
    since: Option<&crate::engine::changes::ChangesSince>,
) -> Result<Brief, ExportError> {
    let brief = render_pdf_with(a, paper, since).map_err(ExportError::Fonts)?;
    crate::fs::write_atomic(path, &brief.bytes).map_err(|error| ExportError::Write {
        path: path.to_path_buf(),
        error,
    })?;
    Ok(brief)
}

/// Words for the characters a brief could not print, for a warning: drawable ones were printed
/// as □, control characters as a space.
pub fn describe_unprintable(chars: &[char]) -> String {
    let (control, glyphs): (Vec<char>, Vec<char>) = chars.iter().partition(|c| c.is_control());
    let mut parts = Vec::new();
    if !glyphs.is_empty() {
        let list: Vec<String> = glyphs
            .iter()
            .map(|c| format!("{c} (U+{:04X})", *c as u32))
            .collect();
        parts.push(format!(
            "the font cannot draw {}; each was printed as □",
            list.join(", ")
        ));
    }
    if !control.is_empty() {
        let list: Vec<String> = control
            .iter()
            .map(|c| format!("U+{:04X}", *c as u32))
            .collect();
        parts.push(format!(
            "control characters {} were printed as spaces",
            list.join(", ")
        ));
    }
    parts.join("; ")
}
