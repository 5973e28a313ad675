//! Checking a merged policy set as a whole, one function per section, each problem located in
//! the file and at the item it comes from. Syntax is RON's business ([`super::load`]); what is
//! checked here is what RON cannot see: ids that name nothing, values of the wrong kind, dates
//! that do not parse, claims that say untruly how they stand, and the [limits](super::limits).

use std::collections::{HashMap, HashSet};

use super::*;

/// Where each problem is: the files read, the problems found so far, and where each id is.
pub(super) struct Ctx<'a> {
    files: &'a [SourceFile],
    pub errors: Vec<LoadError>,
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

impl<'a> Ctx<'a> {
    pub fn new(files: &'a [SourceFile]) -> Self {
        Ctx {
            files,
            errors: Vec::new(),
            id_offsets: files.iter().map(|f| id_offsets(&f.text)).collect(),
        }
    }

    /// An error located at the first occurrence of `needle` in file `fi` (or at its top).
    pub fn err(&mut self, fi: usize, needle: &str, message: String) {
        self.err_after(fi, 0, needle, message);
    }

    /// An error located at the item `id` in file `fi`.
    pub fn err_id(&mut self, fi: usize, id: &str, message: String) {
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
pub(super) fn validate_evidence(set: &PolicySet, evidence_file: &[usize], ctx: &mut Ctx) {
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

/// The ids the set declares, and the file each item came from.
struct Known<'s> {
    origin_of: &'s HashMap<(&'static str, String), usize>,
    sources: HashSet<&'s str>,
    offerings: HashSet<&'s str>,
    options: HashSet<&'s str>,
    requirements: HashSet<&'s str>,
    caveats: HashSet<&'s str>,
}

impl<'s> Known<'s> {
    fn new(set: &'s PolicySet, origin_of: &'s HashMap<(&'static str, String), usize>) -> Self {
        Known {
            origin_of,
            sources: set.sources.iter().map(|s| s.id.as_str()).collect(),
            offerings: set.offerings.iter().map(|o| o.id.as_str()).collect(),
            options: set.options.iter().map(|o| o.id.as_str()).collect(),
            requirements: set.requirements.iter().map(|r| r.id.as_str()).collect(),
            caveats: set.caveats.iter().map(|c| c.id.as_str()).collect(),
        }
    }

    /// The file the item `id` of kind `kind` came from.
    fn file_of(&self, kind: &'static str, id: &str) -> Option<usize> {
        self.origin_of.get(&(kind, id.to_string())).copied()
    }

    /// Checks one list of citations inside the item `id` of kind `kind`.
    fn check_cites(&self, ctx: &mut Ctx, kind: &'static str, id: &str, cites: &[Cite], need: bool) {
        let Some(fi) = self.file_of(kind, id) else {
            return;
        };
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
            if !self.sources.contains(c.source.as_str()) {
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
    }
}

/// Checks the merged set as a whole, section by section: every problem is collected.
pub(super) fn validate(
    set: &PolicySet,
    origin_of: &HashMap<(&'static str, String), usize>,
    ctx: &mut Ctx,
) {
    let known = Known::new(set, origin_of);
    limits(set, &|kind, id| known.file_of(kind, id), ctx);
    sources(set, &known, ctx);
    attributes(set, &known, ctx);
    offerings(set, &known, ctx);
    options(set, &known, ctx);
    requirements(set, &known, ctx);
    claims(set, &known, ctx);
    caveats(set, &known, ctx);
}

/// Dates that parse, and a review interval of at least a day.
fn sources(set: &PolicySet, known: &Known, ctx: &mut Ctx) {
    for s in &set.sources {
        let Some(fi) = known.file_of("source", &s.id) else {
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
}

/// A choice attribute has choices, each declared once.
fn attributes(set: &PolicySet, known: &Known, ctx: &mut Ctx) {
    for a in &set.attributes {
        if let AttributeKind::Choice(choices) = &a.kind {
            let mut seen = HashSet::new();
            for c in choices {
                if !seen.insert(c.id.as_str())
                    && let Some(fi) = known.file_of("attribute", &a.id)
                {
                    ctx.err_id(
                        fi,
                        &a.id,
                        format!("attribute `{}` declares choice `{}` twice", a.id, c.id),
                    );
                }
            }
            if choices.is_empty()
                && let Some(fi) = known.file_of("attribute", &a.id)
            {
                ctx.err_id(
                    fi,
                    &a.id,
                    format!("attribute `{}` is a Choice with no choices", a.id),
                );
            }
        }
    }
}

/// Each offering gives one value of the right kind, from one cited source, for every attribute
/// that no claim covers.
fn offerings(set: &PolicySet, known: &Known, ctx: &mut Ctx) {
    for o in &set.offerings {
        let Some(fi) = known.file_of("offering", &o.id) else {
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
        known.check_cites(
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
}

/// An option applies to known offerings and changes unlocked attributes with values of their kind.
fn options(set: &PolicySet, known: &Known, ctx: &mut Ctx) {
    for op in &set.options {
        let Some(fi) = known.file_of("option", &op.id) else {
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
            if !known.offerings.contains(off.as_str()) {
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
        known.check_cites(ctx, "option", &op.id, &all, true);
    }
}

/// A requirement's rules read known attributes and options, with values of the right kind, and
/// its outcomes name known caveats.
fn requirements(set: &PolicySet, known: &Known, ctx: &mut Ctx) {
    for r in &set.requirements {
        let Some(fi) = known.file_of("requirement", &r.id) else {
            continue;
        };
        let start = ctx.id_offset(fi, &r.id);
        let mut problems = Vec::new();
        for rule in &r.rules {
            check_condition(set, &rule.when, &known.options, &mut problems);
        }
        let outcomes = r
            .rules
            .iter()
            .map(|x| &x.then)
            .chain(std::iter::once(&r.otherwise));
        let mut cites = Vec::new();
        for out in outcomes {
            for c in &out.caveats {
                if !known.caveats.contains(c.as_str()) {
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
        known.check_cites(ctx, "requirement", &r.id, &cites, false);
    }
}

/// Claims: see [`validate_claim`]; each is cited.
fn claims(set: &PolicySet, known: &Known, ctx: &mut Ctx) {
    for c in &set.claims {
        let Some(fi) = known.file_of("claim", &c.id) else {
            continue;
        };
        validate_claim(set, c, fi, ctx);
        known.check_cites(ctx, "claim", &c.id, &c.cite, true);
    }
}

/// A caveat is scoped to known offerings, options and requirements, and cited.
fn caveats(set: &PolicySet, known: &Known, ctx: &mut Ctx) {
    for c in &set.caveats {
        let Some(fi) = known.file_of("caveat", &c.id) else {
            continue;
        };
        let start = ctx.id_offset(fi, &c.id);
        let refs = [
            (&c.scope.offerings, &known.offerings, "offering"),
            (&c.scope.options, &known.options, "option"),
            (&c.scope.requirements, &known.requirements, "requirement"),
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
        known.check_cites(ctx, "caveat", &c.id, &c.cite, true);
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

/// Whether `value` is of the type its attribute declares. The error is a string because it is the
/// message of a located `LoadError`: words for the maintainer at file:line, never matched on.
fn check_value(a: &Attribute, value: &Value) -> Result<(), String> {
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
