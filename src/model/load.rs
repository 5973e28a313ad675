//! Reading a policy set from RON text: the files of a folder or the built-in set, parsed and
//! merged, then checked as a whole ([`super::validate`]).
//!
//! Syntax errors stop at the first problem in a file (RON cannot resume), but every file is read
//! and every semantic problem in the merged set is collected, so a maintainer fixes them in one pass.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::read::{
    MAX_FILE_BYTES, ReadError, read_text_limited, ron_options, size_text, without_bom,
};
use super::validate::{Ctx, validate, validate_evidence};
use super::*;

/// At most this many `.ron` files in a policy folder.
pub const MAX_FILES: usize = 256;

/// One input file: its name for messages and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// One problem, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadError {
    pub file: String,
    /// 1-based; 0 when the problem is not tied to a place (a missing folder, a missing row).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

impl std::error::Error for LoadError {}

/// All problems found while loading a set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

/// The default set, compiled in so the app runs from any folder.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("policies/set.ron", include_str!("../../policies/set.ron")),
    (
        "policies/offerings.ron",
        include_str!("../../policies/offerings.ron"),
    ),
    (
        "policies/options.ron",
        include_str!("../../policies/options.ron"),
    ),
    (
        "policies/requirements.ron",
        include_str!("../../policies/requirements.ron"),
    ),
    (
        "policies/caveats.ron",
        include_str!("../../policies/caveats.ron"),
    ),
    // Last, as in a folder listing sorted by name: an option defined later wins where two change
    // the same cell, and the vendor's options (covered models, global endpoints) must.
    (
        "policies/vendor-docs.ron",
        include_str!("../../policies/vendor-docs.ron"),
    ),
];

pub fn load_builtin() -> Result<PolicySet, LoadErrors> {
    let files: Vec<SourceFile> = BUILTIN_FILES
        .iter()
        .map(|(name, text)| SourceFile {
            name: (*name).to_string(),
            text: (*text).to_string(),
        })
        .collect();
    load_files(&files, "built-in")
}

/// Loads a folder of `.ron` files (sorted by name; sub-folders such as `examples/` are ignored),
/// or a single `.ron` file.
pub fn load_dir(path: &Path) -> Result<PolicySet, LoadErrors> {
    let whole = |message: String| {
        LoadErrors(vec![LoadError {
            file: path.display().to_string(),
            line: 0,
            column: 0,
            message,
        }])
    };
    let meta = std::fs::metadata(path).map_err(|e| whole(ReadError::from(e).to_string()))?;
    let mut paths: Vec<PathBuf> = Vec::new();
    if meta.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|e| whole(format!("cannot list: {e}")))?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_file() && p.extension().is_some_and(|x| x == "ron") {
                paths.push(p);
            }
        }
        paths.sort();
        if paths.is_empty() {
            return Err(whole("no .ron files in this folder".into()));
        }
        if paths.len() > MAX_FILES {
            return Err(whole(format!(
                "{} .ron files; a policy set may have at most {MAX_FILES}",
                paths.len()
            )));
        }
    } else {
        paths.push(path.to_path_buf());
    }
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in &paths {
        match read_text_limited(p) {
            Ok(text) => files.push(SourceFile {
                name: p.display().to_string(),
                text,
            }),
            Err(message) => errors.push(LoadError {
                file: p.display().to_string(),
                line: 0,
                column: 0,
                message: message.to_string(),
            }),
        }
    }
    if !errors.is_empty() {
        // Every file's own problems at once: the ones that could be read are parsed too, so a
        // folder with several broken files is fixed in one pass. (Checks across files wait,
        // since a file that could not be read may hold what another one names.)
        for f in &files {
            if let Err(e) = ron_options().from_str::<PolicyFile>(without_bom(&f.text)) {
                errors.push(ron_error(&f.name, &e));
            }
        }
        errors.sort_by(|a, b| a.file.cmp(&b.file));
        return Err(LoadErrors(errors));
    }
    load_files(&files, &path.display().to_string())
}

/// Turns a RON error into a located message a maintainer can act on.
pub(crate) fn ron_error(file: &str, e: &ron::error::SpannedError) -> LoadError {
    LoadError {
        file: file.to_string(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    }
}

/// Parses and validates a set from in-memory files.
pub fn load_files(files: &[SourceFile], origin: &str) -> Result<PolicySet, LoadErrors> {
    let mut errors = Vec::new();
    let mut parsed: Vec<(usize, PolicyFile)> = Vec::new();
    let mut hasher = Sha256::new();
    // The hash covers file names and contents in name order, so the built-in set and the same
    // files loaded from disk have the same hash.
    let mut by_name: Vec<&SourceFile> = files.iter().collect();
    by_name.sort_by_key(|f| base_name(&f.name).to_string());
    for f in by_name {
        hasher.update(base_name(&f.name).as_bytes());
        hasher.update([0]);
        hasher.update(f.text.as_bytes());
        hasher.update([0]);
    }
    for (i, f) in files.iter().enumerate() {
        if f.text.trim().is_empty() {
            errors.push(LoadError {
                file: f.name.clone(),
                line: 1,
                column: 1,
                message: "the file is empty; expected `( meta: …, sources: […], … )`".into(),
            });
            continue;
        }
        if f.text.len() as u64 > MAX_FILE_BYTES {
            errors.push(LoadError {
                file: f.name.clone(),
                line: 0,
                column: 0,
                message: format!(
                    "{} — a file here may be at most {}",
                    size_text(f.text.len() as u64),
                    size_text(MAX_FILE_BYTES)
                ),
            });
            continue;
        }
        match ron_options().from_str::<PolicyFile>(without_bom(&f.text)) {
            Ok(p) => parsed.push((i, p)),
            Err(e) => errors.push(ron_error(&f.name, &e)),
        }
    }
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    let digest = hasher.finalize();
    let content_hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();

    // Merge, remembering which file each item came from.
    let mut set = PolicySet {
        content_hash,
        origin: origin.to_string(),
        ..Default::default()
    };
    let mut origin_of: HashMap<(&'static str, String), usize> = HashMap::new();
    let mut ctx = Ctx::new(files);
    let mut meta: Option<Meta> = None;
    let mut evidence_file: Vec<usize> = Vec::new();
    for (fi, p) in parsed {
        if let Some(m) = p.meta {
            if meta.is_some() {
                ctx.err(fi, "meta:", "`meta` is given in more than one file".into());
            }
            meta = Some(m);
        }
        macro_rules! merge {
            ($field:ident, $kind:literal) => {
                for item in p.$field {
                    if origin_of.contains_key(&($kind, item.id.clone())) {
                        ctx.err_id(
                            fi,
                            &item.id,
                            format!("duplicate {} id `{}`", $kind, item.id),
                        );
                    } else {
                        origin_of.insert(($kind, item.id.clone()), fi);
                    }
                    set.$field.push(item);
                }
            };
        }
        merge!(sources, "source");
        merge!(attributes, "attribute");
        merge!(offerings, "offering");
        merge!(options, "option");
        merge!(requirements, "requirement");
        merge!(caveats, "caveat");
        merge!(claims, "claim");
        evidence_file.extend(p.verification.iter().map(|_| fi));
        set.verification.extend(p.verification);
    }
    match meta {
        Some(m) => set.meta = m,
        None => ctx.errors.push(LoadError {
            file: origin.to_string(),
            line: 0,
            column: 0,
            message: "no file gives `meta: (name: …, version: …)`".into(),
        }),
    }
    validate(&set, &origin_of, &mut ctx);
    validate_evidence(&set, &evidence_file, &mut ctx);
    if ctx.errors.is_empty() {
        Ok(set)
    } else {
        Err(LoadErrors(ctx.errors))
    }
}

fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}
