//! Reading a policy set from RON text and checking it as a whole.
//!
//! Syntax errors stop at the first problem in a file (RON cannot resume), but every file is read
//! and every semantic problem in the merged set is collected, so a maintainer fixes them in one pass.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::*;

/// Files larger than this are refused before parsing: a policy set is a few dozen kilobytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
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
    let meta = std::fs::metadata(path).map_err(|e| whole(format!("cannot open: {e}")))?;
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
                message,
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

/// Reads a UTF-8 text file, refusing anything over [`MAX_FILE_BYTES`].
pub fn read_text_limited(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot open: {e}"))?;
    if meta.is_dir() {
        return Err("that is a folder, not a file".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{} — a file here may be at most {}",
            size_text(meta.len()),
            size_text(MAX_FILE_BYTES)
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A file size as people say it: "50 MB", "4 MB", "812 KB".
pub fn size_text(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        let mb = bytes as f64 / MB as f64;
        if (mb - mb.round()).abs() < 0.05 {
            format!("{:.0} MB", mb.round())
        } else {
            format!("{mb:.1} MB")
        }
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// The text after a UTF-8 byte-order mark, which Windows editors such as Notepad write at the
/// start of a file. (CR LF line ends need nothing: RON reads CR as white space.)
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
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
    let mut ctx = Ctx {
        files,
        errors: Vec::new(),
        id_offsets: files.iter().map(|f| id_offsets(&f.text)).collect(),
    };
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

struct Ctx<'a> {
    files: &'a [SourceFile],
    errors: Vec<LoadError>,
    /// Per file, the byte offset of the first `id: "<id>"` of each id: searching the text again
    /// for every item checked was most of the time spent loading the built-in set.
    id_offsets: Vec<HashMap<&'a str, usize>>,
}

/// The offset of the opening quote of each `…id: "<x>"` in `text`, first occurrence per id.
fn id_offsets(text: &str) -> HashMap<&str, usize> {
    let mut out = HashMap::new();
    let mut from = 0;
    while let Some(pos) = text[from..].find("id:") {
        let after = from + pos + 3;
        from = after;
        let rest = &text[after..];
        let quote = after + (rest.len() - rest.trim_start().len());
        if text.as_bytes().get(quote) != Some(&b'"') {
            continue;
        }
        if let Some(len) = text[quote + 1..].find('"') {
            out.entry(&text[quote + 1..quote + 1 + len])
                .or_insert(quote);
        }
    }
    out
}

impl Ctx<'_> {
    /// An error located at the first occurrence of `needle` in file `fi` (or at its top).
    fn err(&mut self, fi: usize, needle: &str, message: String) {
        self.err_after(fi, 0, needle, message);
    }

    fn err_id(&mut self, fi: usize, id: &str, message: String) {
        let start = self.id_offset(fi, id);
        self.err_after(fi, start, &format!("\"{id}\""), message);
    }

    /// Byte offset of `id: "<id>"` in file `fi`, so later searches start inside that item.
    fn id_offset(&self, fi: usize, id: &str) -> usize {
        self.id_offsets
            .get(fi)
            .and_then(|m| m.get(id))
            .copied()
            .unwrap_or(0)
    }

    fn err_after(&mut self, fi: usize, start: usize, needle: &str, message: String) {
        let Some(f) = self.files.get(fi) else { return };
        let at = f
            .text
            .get(start..)
            .and_then(|t| t.find(needle))
            .map(|p| start + p);
        let (line, column) = match at {
            Some(off) => line_col(&f.text, off),
            None => line_col(&f.text, start),
        };
        self.errors.push(LoadError {
            file: f.name.clone(),
            line,
            column,
            message,
        });
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The evidence log names known sources and readable dates. (Dates in the future need today's
/// date, so `check` refuses those: see [`PolicySet::evidence_from_the_future`].)
fn validate_evidence(set: &PolicySet, evidence_file: &[usize], ctx: &mut Ctx) {
    for (e, &fi) in set.verification.iter().zip(evidence_file) {
        let at = format!("source: \"{}\"", e.source);
        if set.source(&e.source).is_none() {
            ctx.err(
                fi,
                &at,
                format!("verification entry for unknown source `{}`", e.source),
            );
        }
        if let Err(m) = Date::parse(&e.date) {
            ctx.err(
                fi,
                &at,
                format!("verification entry for `{}`: malformed date: {m}", e.source),
            );
        }
    }
}

fn validate(set: &PolicySet, origin_of: &HashMap<(&'static str, String), usize>, ctx: &mut Ctx) {
    let file_of = |kind: &'static str, id: &str| origin_of.get(&(kind, id.to_string())).copied();
    let source_ids: HashSet<&str> = set.sources.iter().map(|s| s.id.as_str()).collect();
    let offering_ids: HashSet<&str> = set.offerings.iter().map(|o| o.id.as_str()).collect();
    let option_ids: HashSet<&str> = set.options.iter().map(|o| o.id.as_str()).collect();
    let requirement_ids: HashSet<&str> = set.requirements.iter().map(|r| r.id.as_str()).collect();
    let caveat_ids: HashSet<&str> = set.caveats.iter().map(|c| c.id.as_str()).collect();

    limits(set, &file_of, ctx);

    // Checks one list of citations inside the item `id` of kind `kind`.
    let check_cites = |ctx: &mut Ctx, kind: &'static str, id: &str, cites: &[Cite], need: bool| {
        let Some(fi) = file_of(kind, id) else { return };
        let start = ctx.id_offset(fi, id);
        if need && cites.is_empty() {
            ctx.err_after(
                fi,
                start,
                &format!("\"{id}\""),
                format!("{kind} `{id}` has no citation (`cite: [...]`)"),
            );
        }
        for c in cites {
            if !source_ids.contains(c.source.as_str()) {
                ctx.err_after(
                    fi,
                    start,
                    &format!("\"{}\"", c.source),
                    format!("{kind} `{id}` cites unknown source `{}`", c.source),
                );
            }
            if let Some(v) = &c.verified
                && let Err(m) = Date::parse(v)
            {
                ctx.err_after(
                    fi,
                    start,
                    &format!("\"{v}\""),
                    format!("{kind} `{id}`: malformed verification date: {m}"),
                );
            }
        }
    };

    for s in &set.sources {
        let Some(fi) = file_of("source", &s.id) else {
            continue;
        };
        let start = ctx.id_offset(fi, &s.id);
        if let Err(m) = Date::parse(&s.verified) {
            ctx.err_after(
                fi,
                start,
                &format!("\"{}\"", s.verified),
                format!("source `{}`: malformed `verified` date: {m}", s.id),
            );
        }
        if !s.updated.is_empty()
            && let Err(m) = Date::parse(&s.updated)
        {
            ctx.err_after(
                fi,
                start,
                &format!("\"{}\"", s.updated),
                format!("source `{}`: malformed `updated` date: {m}", s.id),
            );
        }
        if s.review_every_days == 0 {
            ctx.err_after(
                fi,
                start,
                "review_every_days",
                format!("source `{}`: review_every_days must be at least 1", s.id),
            );
        }
    }

    for a in &set.attributes {
        if let AttributeKind::Choice(choices) = &a.kind {
            let mut seen = HashSet::new();
            for c in choices {
                if !seen.insert(c.id.as_str())
                    && let Some(fi) = file_of("attribute", &a.id)
                {
                    ctx.err_id(
                        fi,
                        &a.id,
                        format!("attribute `{}` declares choice `{}` twice", a.id, c.id),
                    );
                }
            }
            if choices.is_empty()
                && let Some(fi) = file_of("attribute", &a.id)
            {
                ctx.err_id(
                    fi,
                    &a.id,
                    format!("attribute `{}` is a Choice with no choices", a.id),
                );
            }
        }
    }

    for o in &set.offerings {
        let Some(fi) = file_of("offering", &o.id) else {
            continue;
        };
        let start = ctx.id_offset(fi, &o.id);
        let mut seen = HashSet::new();
        for cell in &o.values {
            let here = format!("\"{}\"", cell.attribute);
            match set.attribute(&cell.attribute) {
                None => ctx.err_after(
                    fi,
                    start,
                    &here,
                    format!(
                        "offering `{}` gives a value for unknown attribute `{}`",
                        o.id, cell.attribute
                    ),
                ),
                Some(a) => {
                    if !seen.insert(cell.attribute.as_str()) {
                        ctx.err_after(
                            fi,
                            start,
                            &here,
                            format!("offering `{}` gives `{}` twice", o.id, cell.attribute),
                        );
                    }
                    if let Err(m) = check_value(a, &cell.value) {
                        ctx.err_after(
                            fi,
                            start,
                            &here,
                            format!("offering `{}`, attribute `{}`: {m}", o.id, a.id),
                        );
                    }
                }
            }
            if cell.cite.is_empty() {
                ctx.err_after(
                    fi,
                    start,
                    &here,
                    format!(
                        "offering `{}`, attribute `{}` has no citation",
                        o.id, cell.attribute
                    ),
                );
            }
        }
        check_cites(
            ctx,
            "offering",
            &o.id,
            &o.values
                .iter()
                .flat_map(|c| c.cite.clone())
                .collect::<Vec<_>>(),
            false,
        );
        for cell in &o.values {
            if let Some(other) = cell.cite.iter().find(|c| c.source != cell.source()) {
                ctx.err_after(fi, start, &format!("\"{}\"", other.source), format!("offering `{}`, attribute `{}` cites two sources (`{}` and `{}`): a value is one source's word; put the other source's word in a claim", o.id, cell.attribute, cell.source(), other.source));
            }
        }
        for a in &set.attributes {
            // A row that no offering gives a value for is filled by claims alone; offerings no
            // claim covers show Unknown.
            let claims_only = set.offerings.iter().all(|o| o.cell(&a.id).is_none());
            let claimed = claims_only
                || set.claims.iter().any(|c| {
                    c.option.is_none() && c.attribute == a.id && c.offerings.contains(&o.id)
                });
            if !seen.contains(a.id.as_str()) && !claimed {
                ctx.err_after(fi, start, &format!("\"{}\"", o.id), format!("offering `{}` has no value for attribute `{}` (write `value: Unknown` if the source does not say, or give a claim)", o.id, a.id));
            }
        }
    }

    for op in &set.options {
        let Some(fi) = file_of("option", &op.id) else {
            continue;
        };
        let start = ctx.id_offset(fi, &op.id);
        if op.applies_to.is_empty() {
            ctx.err_after(
                fi,
                start,
                "applies_to",
                format!("option `{}` applies to no offering", op.id),
            );
        }
        for off in &op.applies_to {
            if !offering_ids.contains(off.as_str()) {
                ctx.err_after(
                    fi,
                    start,
                    &format!("\"{off}\""),
                    format!("option `{}` applies to unknown offering `{off}`", op.id),
                );
            }
        }
        for ch in &op.changes {
            for off in &ch.offerings {
                if !op.applies_to.contains(off) {
                    ctx.err_after(fi, start, &format!("\"{off}\""), format!("option `{}`: a change names offering `{off}`, which the option does not apply to", op.id));
                }
            }
            let here = format!("\"{}\"", ch.attribute);
            match set.attribute(&ch.attribute) {
                None => ctx.err_after(fi, start, &here, format!("option `{}` changes unknown attribute `{}`", op.id, ch.attribute)),
                Some(a) if a.locked => ctx.err_after(fi, start, &here, format!("option `{}` changes attribute `{}`, which is locked (no option can change it)", op.id, a.id)),
                Some(a) => {
                    if let Err(m) = check_value(a, &ch.value) {
                        ctx.err_after(fi, start, &here, format!("option `{}`, change of `{}`: {m}", op.id, a.id));
                    }
                }
            }
        }
        let mut all = op.cite.clone();
        all.extend(op.changes.iter().flat_map(|c| c.cite.clone()));
        check_cites(ctx, "option", &op.id, &all, true);
    }

    for r in &set.requirements {
        let Some(fi) = file_of("requirement", &r.id) else {
            continue;
        };
        let start = ctx.id_offset(fi, &r.id);
        let mut problems = Vec::new();
        for rule in &r.rules {
            check_condition(set, &rule.when, &option_ids, &mut problems);
        }
        let outcomes = r
            .rules
            .iter()
            .map(|x| &x.then)
            .chain(std::iter::once(&r.otherwise));
        let mut cites = Vec::new();
        for out in outcomes {
            for c in &out.caveats {
                if !caveat_ids.contains(c.as_str()) {
                    problems.push((
                        format!("\"{c}\""),
                        format!("refers to unknown caveat `{c}`"),
                    ));
                }
            }
            cites.extend(out.cite.clone());
        }
        for (needle, m) in problems {
            ctx.err_after(fi, start, &needle, format!("requirement `{}`: {m}", r.id));
        }
        check_cites(ctx, "requirement", &r.id, &cites, false);
    }

    for c in &set.claims {
        let Some(fi) = file_of("claim", &c.id) else {
            continue;
        };
        validate_claim(set, c, fi, ctx);
        check_cites(ctx, "claim", &c.id, &c.cite, true);
    }

    for c in &set.caveats {
        let Some(fi) = file_of("caveat", &c.id) else {
            continue;
        };
        let start = ctx.id_offset(fi, &c.id);
        let refs = [
            (&c.scope.offerings, &offering_ids, "offering"),
            (&c.scope.options, &option_ids, "option"),
            (&c.scope.requirements, &requirement_ids, "requirement"),
        ];
        for (list, known, what) in refs {
            for id in list {
                if !known.contains(id.as_str()) {
                    ctx.err_after(
                        fi,
                        start,
                        &format!("\"{id}\""),
                        format!("caveat `{}` is scoped to unknown {what} `{id}`", c.id),
                    );
                }
            }
        }
        check_cites(ctx, "caveat", &c.id, &c.cite, true);
    }
}

/// Lengths, counts, nesting and control characters: see [`super::limits`].
fn limits(set: &PolicySet, file_of: &dyn Fn(&'static str, &str) -> Option<usize>, ctx: &mut Ctx) {
    use super::limits::{Walk, count_breaches};
    for message in count_breaches(set) {
        ctx.errors.push(LoadError {
            file: set.origin.clone(),
            line: 0,
            column: 0,
            message,
        });
    }
    let report = |ctx: &mut Ctx, kind: &'static str, id: &str, w: Walk| {
        let Some(fi) = file_of(kind, id) else { return };
        let start = ctx.id_offset(fi, id);
        let shown: String = id.chars().take(40).collect();
        for b in w.breaches {
            ctx.err_after(
                fi,
                start,
                &b.needle,
                format!("{kind} `{shown}`: {}", b.message),
            );
        }
    };
    for s in &set.sources {
        let mut w = Walk::default();
        w.id("id", &s.id);
        w.name("title", &s.title);
        w.name("short", &s.short);
        w.name("publisher", &s.publisher);
        w.long("url", &s.url);
        w.long("note", &s.note);
        report(ctx, "source", &s.id, w);
    }
    for a in &set.attributes {
        let mut w = Walk::default();
        w.id("id", &a.id);
        w.name("name", &a.name);
        w.name("group", &a.group);
        w.long("question", &a.question);
        w.long("help", &a.help);
        if let AttributeKind::Choice(choices) = &a.kind {
            w.list("choices", choices.len());
            for c in choices {
                w.id("choice id", &c.id);
                w.name("choice label", &c.label);
            }
        }
        report(ctx, "attribute", &a.id, w);
    }
    for o in &set.offerings {
        let mut w = Walk::default();
        w.id("id", &o.id);
        w.name("name", &o.name);
        w.name("plan", &o.plan);
        w.name("route", &o.route);
        w.long("summary", &o.summary);
        for c in &o.values {
            w.id("attribute", &c.attribute);
            w.value(&c.value);
            w.name("label", c.label.as_deref().unwrap_or(""));
            w.long("note", &c.note);
            w.cites(&c.cite);
        }
        report(ctx, "offering", &o.id, w);
    }
    for op in &set.options {
        let mut w = Walk::default();
        w.id("id", &op.id);
        w.name("title", &op.title);
        w.long("summary", &op.summary);
        w.long("requires_detail", &op.requires_detail);
        w.list("applies_to", op.applies_to.len());
        w.list("changes", op.changes.len());
        for ch in &op.changes {
            w.id("attribute", &ch.attribute);
            w.value(&ch.value);
            w.name("label", ch.label.as_deref().unwrap_or(""));
            w.list("offerings", ch.offerings.len());
            w.cites(&ch.cite);
        }
        w.cites(&op.cite);
        report(ctx, "option", &op.id, w);
    }
    for r in &set.requirements {
        let mut w = Walk::default();
        w.id("id", &r.id);
        w.name("title", &r.title);
        w.long("explain", &r.explain);
        w.list("rules", r.rules.len());
        for rule in &r.rules {
            w.condition(&rule.when, 0);
            w.outcome(&rule.then);
        }
        w.outcome(&r.otherwise);
        report(ctx, "requirement", &r.id, w);
    }
    for c in &set.caveats {
        let mut w = Walk::default();
        w.id("id", &c.id);
        w.name("title", &c.title);
        w.long("text", &c.text);
        w.list("offerings", c.scope.offerings.len());
        w.list("options", c.scope.options.len());
        w.list("requirements", c.scope.requirements.len());
        w.cites(&c.cite);
        report(ctx, "caveat", &c.id, w);
    }
    for c in &set.claims {
        let mut w = Walk::default();
        w.id("id", &c.id);
        w.list("offerings", c.offerings.len());
        w.id("attribute", &c.attribute);
        w.value(&c.value);
        w.name("label", c.label.as_deref().unwrap_or(""));
        w.long("note", &c.note);
        w.cites(&c.cite);
        report(ctx, "claim", &c.id, w);
    }
    let m = &set.meta;
    let mut w = Walk::default();
    w.name("name", &m.name);
    w.name("version", &m.version);
    w.long("description", &m.description);
    w.name("maintainer", &m.maintainer);
    for b in w.breaches {
        ctx.errors.push(LoadError {
            file: set.origin.clone(),
            line: 0,
            column: 0,
            message: format!("meta: {}", b.message),
        });
    }
}

/// A claim names things that exist, is one source's word, and says truly how it stands to the
/// value beside it (the offering's own value, or the option's change it speaks of).
fn validate_claim(set: &PolicySet, c: &ClaimDef, fi: usize, ctx: &mut Ctx) {
    let start = ctx.id_offset(fi, &c.id);
    let mut err = |needle: String, m: String| {
        ctx.err_after(fi, start, &needle, format!("claim `{}`: {m}", c.id));
    };
    if c.offerings.is_empty() {
        err("offerings".into(), "names no offering".into());
    }
    for off in &c.offerings {
        if set.offering(off).is_none() {
            err(format!("\"{off}\""), format!("unknown offering `{off}`"));
        }
    }
    let attribute = set.attribute(&c.attribute);
    match attribute {
        None => err(
            format!("\"{}\"", c.attribute),
            format!("unknown attribute `{}`", c.attribute),
        ),
        Some(a) => {
            if let Err(m) = check_value(a, &c.value) {
                err(format!("\"{}\"", c.attribute), m);
            }
        }
    }
    let option = match &c.option {
        None => None,
        Some(id) => match set.option(id) {
            None => {
                err(format!("\"{id}\""), format!("unknown option `{id}`"));
                return;
            }
            Some(op) => {
                for off in &c.offerings {
                    if !op.applies_to.contains(off) {
                        err(
                            format!("\"{off}\""),
                            format!("option `{id}` does not apply to `{off}`"),
                        );
                    }
                }
                Some(op)
            }
        },
    };
    if let Some(other) = c.cite.iter().find(|x| x.source != c.source()) {
        err(
            format!("\"{}\"", other.source),
            format!(
                "cites two sources (`{}` and `{}`): a claim is one source's word",
                c.source(),
                other.source
            ),
        );
    }
    // The value the claim sits beside, for each offering it names.
    for off in &c.offerings {
        let beside = match option {
            Some(op) => op
                .changes
                .iter()
                .filter(|ch| ch.attribute == c.attribute)
                .find(|ch| ch.offerings.is_empty() || ch.offerings.contains(off))
                .map(|ch| &ch.value),
            None => set
                .offering(off)
                .and_then(|o| o.cell(&c.attribute))
                .map(|cell| &cell.value),
        };
        let Some(beside) = beside else {
            if c.option.is_some() {
                err(
                    "option".into(),
                    format!(
                        "the option does not change `{}` on `{off}`, so there is nothing to claim about it",
                        c.attribute
                    ),
                );
            }
            continue;
        };
        let same = same_value_loose(beside, &c.value);
        let problem = match c.relation {
            Relation::Agrees if !same && c.value != Value::Unknown => {
                Some("is marked `Agrees` but gives another value than the one beside it")
            }
            Relation::Disputes if same => {
                Some("is marked `Disputes` but gives the same value as the one beside it")
            }
            _ => None,
        };
        if let Some(p) = problem {
            err("relation".into(), format!("on `{off}`: {p}"));
        }
    }
}

/// Equality that ignores the order of region lists (the engine's notion of "the same value").
fn same_value_loose(a: &Value, b: &Value) -> bool {
    let norm = |v: &Value| -> Value {
        let mut v = v.clone();
        if let Value::Location(
            Location::VendorRegions(r)
            | Location::VendorPinned(r)
            | Location::CustomerCloudIn(r)
            | Location::ProviderRegions(r),
        ) = &mut v
        {
            r.sort();
        }
        v
    };
    norm(a) == norm(b)
}

/// Whether `value` is of the type its attribute declares.
pub fn check_value(a: &Attribute, value: &Value) -> Result<(), String> {
    let ok = match (&a.kind, value) {
        (_, Value::Unknown) => true,
        (AttributeKind::YesNo, Value::Yes | Value::No | Value::NotApplicable) => true,
        (AttributeKind::Choice(choices), Value::Choice(id)) => {
            if choices.iter().any(|c| &c.id == id) {
                true
            } else {
                let names: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
                return Err(format!(
                    "`{id}` is not one of its choices ({})",
                    names.join(", ")
                ));
            }
        }
        (AttributeKind::Location, Value::Location(_)) => true,
        (AttributeKind::Retention, Value::Retention(_)) => true,
        (AttributeKind::Text, Value::Text(_)) => true,
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "expected a value of kind {}, found {}",
            kind_name(&a.kind),
            value_kind_name(value)
        ))
    }
}

fn kind_name(k: &AttributeKind) -> &'static str {
    match k {
        AttributeKind::YesNo => "YesNo (Yes, No, NotApplicable)",
        AttributeKind::Choice(_) => "Choice(\"…\")",
        AttributeKind::Location => "Location(…)",
        AttributeKind::Retention => "Retention(…)",
        AttributeKind::Text => "Text(\"…\")",
    }
}

fn value_kind_name(v: &Value) -> &'static str {
    match v {
        Value::Unknown => "Unknown",
        Value::Yes | Value::No | Value::NotApplicable => "a yes/no value",
        Value::Choice(_) => "Choice",
        Value::Location(_) => "Location",
        Value::Retention(_) => "Retention",
        Value::Text(_) => "Text",
    }
}

fn check_condition(
    set: &PolicySet,
    c: &Condition,
    options: &HashSet<&str>,
    problems: &mut Vec<(String, String)>,
) {
    let attr = |id: &str, problems: &mut Vec<(String, String)>| -> Option<Attribute> {
        let a = set.attribute(id).cloned();
        if a.is_none() {
            problems.push((
                format!("\"{id}\""),
                format!("a rule reads unknown attribute `{id}`"),
            ));
        }
        a
    };
    match c {
        Condition::Always => {}
        Condition::Is(id, v) => {
            if let Some(a) = attr(id, problems)
                && let Err(m) = check_value(&a, v)
            {
                problems.push((
                    format!("\"{id}\""),
                    format!("a rule compares `{id}` with a value of the wrong kind: {m}"),
                ));
            }
        }
        Condition::OneOf(id, vs) => {
            if let Some(a) = attr(id, problems) {
                for v in vs {
                    if let Err(m) = check_value(&a, v) {
                        problems.push((
                            format!("\"{id}\""),
                            format!("a rule compares `{id}` with a value of the wrong kind: {m}"),
                        ));
                    }
                }
            }
        }
        Condition::ConfinedTo(id, _) => {
            if let Some(a) = attr(id, problems)
                && a.kind != AttributeKind::Location
            {
                problems.push((
                    format!("\"{id}\""),
                    format!("ConfinedTo needs a Location attribute; `{id}` is not one"),
                ));
            }
        }
        Condition::AtMostDays(id, _) => {
            if let Some(a) = attr(id, problems)
                && a.kind != AttributeKind::Retention
            {
                problems.push((
                    format!("\"{id}\""),
                    format!("AtMostDays needs a Retention attribute; `{id}` is not one"),
                ));
            }
        }
        Condition::OptionOn(id) => {
            if !options.contains(id.as_str()) {
                problems.push((
                    format!("\"{id}\""),
                    format!("a rule reads unknown option `{id}`"),
                ));
            }
        }
        Condition::All(cs) | Condition::Any(cs) => {
            for c in cs {
                check_condition(set, c, options, problems);
            }
        }
        Condition::Not(c) => check_condition(set, c, options, problems),
    }
}
