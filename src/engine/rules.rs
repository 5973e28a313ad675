//! Requirement rules, judged per offering — once for each source's reading of the disputed facts
//! a rule reads.
//!
//! Rules are three-valued: a condition that reads an Unknown value stops the search with an Unknown
//! verdict, so a later, looser rule can never turn "unknown" into a good verdict. When a rule reads
//! a disputed cell, the requirement is judged again as each source that claims a value there reads
//! it; readings that give different verdicts make the verdict `Disputed`, which ranks like Unknown.

use std::cell::RefCell;

use crate::model::{
    Cite, Condition, Location, Outcome, Requirement, Retention, Value, VerdictKind,
};

use super::claims::{CellClaims, Index, same_value};

/// The cells of one offering, looked up by attribute.
pub(crate) trait Cells<'a> {
    fn cell(&self, attribute: &str) -> Option<&CellClaims<'a>>;
}

/// Three-valued truth: a condition that reads an Unknown value is undecided, naming the attribute.
#[derive(Debug, Clone, PartialEq)]
enum Truth {
    True,
    False,
    Undecided(String),
}

struct EvalCtx<'x, 'a> {
    index: &'x Index<'a>,
    cells: &'x dyn Cells<'a>,
    offering: &'x str,
    /// The source whose reading of disputed cells is used; None reads the lead claims.
    source: Option<&'x str>,
    /// Attributes read, for finding the disputed ones a verdict rests on.
    read: RefCell<Vec<String>>,
}

impl EvalCtx<'_, '_> {
    fn value(&self, attribute: &str) -> Value {
        {
            let mut read = self.read.borrow_mut();
            if !read.iter().any(|a| a == attribute) {
                read.push(attribute.to_string());
            }
        }
        match self.cells.cell(attribute) {
            Some(c) => match self.source {
                Some(s) => c.value_for(s).clone(),
                None => c.value().clone(),
            },
            None => Value::Unknown,
        }
    }

    fn eval(&self, c: &Condition) -> Truth {
        let known = |attr: &str, f: &dyn Fn(&Value) -> bool| -> Truth {
            let v = self.value(attr);
            if v == Value::Unknown {
                Truth::Undecided(attr.to_string())
            } else if f(&v) {
                Truth::True
            } else {
                Truth::False
            }
        };
        let truth = |b: bool| if b { Truth::True } else { Truth::False };
        match c {
            Condition::Always => Truth::True,
            Condition::Is(attr, want) => known(attr, &|v| same_value(v, want)),
            Condition::OneOf(attr, wants) => {
                known(attr, &|v| wants.iter().any(|w| same_value(v, w)))
            }
            Condition::ConfinedTo(attr, allowed) => known(attr, &|v| match v {
                Value::Location(
                    Location::VendorRegions(r)
                    | Location::VendorPinned(r)
                    | Location::CustomerCloudIn(r)
                    | Location::ProviderRegions(r),
                ) => !r.is_empty() && r.iter().all(|x| allowed.contains(x)),
                _ => false,
            }),
            Condition::AtMostDays(attr, max) => match self.value(attr) {
                Value::Retention(Retention::Zero) => Truth::True,
                Value::Retention(Retention::Days(d) | Retention::AboutDays(d)) => truth(d <= *max),
                // A customer-set period of at least `d` days can only be known to exceed `max`.
                Value::Retention(Retention::AtLeastDays(d)) if d > *max => Truth::False,
                // Org-, provider- or vendor-defined retention has no number to compare.
                _ => Truth::Undecided(attr.clone()),
            },
            Condition::OptionOn(id) => truth(self.index.option_in_effect(id, self.offering)),
            Condition::All(cs) => {
                let mut undecided = None;
                for c in cs {
                    match self.eval(c) {
                        Truth::False => return Truth::False,
                        Truth::Undecided(a) => undecided = undecided.or(Some(a)),
                        Truth::True => {}
                    }
                }
                undecided.map_or(Truth::True, Truth::Undecided)
            }
            Condition::Any(cs) => {
                let mut undecided = None;
                for c in cs {
                    match self.eval(c) {
                        Truth::True => return Truth::True,
                        Truth::Undecided(a) => undecided = undecided.or(Some(a)),
                        Truth::False => {}
                    }
                }
                undecided.map_or(Truth::False, Truth::Undecided)
            }
            Condition::Not(c) => match self.eval(c) {
                Truth::True => Truth::False,
                Truth::False => Truth::True,
                u => u,
            },
        }
    }
}

/// One reading's verdict, before it is turned into views.
#[derive(Debug, Clone)]
pub(crate) struct Judgement<'a> {
    pub kind: VerdictKind,
    pub reason: String,
    pub cites: Vec<&'a Cite>,
    pub caveats: Vec<&'a str>,
}

fn judge_once<'a>(ctx: &EvalCtx<'_, 'a>, r: &'a Requirement, offering_name: &str) -> Judgement<'a> {
    let from = |o: &'a Outcome| Judgement {
        kind: o.verdict,
        reason: o.reason.clone(),
        cites: o.cite.iter().collect(),
        caveats: o.caveats.iter().map(String::as_str).collect(),
    };
    for rule in &r.rules {
        match ctx.eval(&rule.when) {
            Truth::True => return from(&rule.then),
            Truth::False => {}
            Truth::Undecided(attr) => {
                // Stop here: a later, looser rule must not turn an unknown into a good verdict.
                let name = ctx
                    .index
                    .set
                    .attribute(&attr)
                    .map_or(attr.clone(), |a| a.name.clone());
                let mut reason =
                    format!("Cannot be decided: \"{name}\" is unknown for {offering_name}.");
                let cell = ctx.cells.cell(&attr);
                let lead = cell.and_then(|c| c.lead());
                if let Some(l) = lead
                    && !l.note.is_empty()
                {
                    reason.push(' ');
                    reason.push_str(l.note);
                } else if cell.is_none_or(|c| c.claims.is_empty()) {
                    reason.push_str(" No source read states it.");
                }
                return Judgement {
                    kind: VerdictKind::Unknown,
                    reason,
                    cites: lead.map(|l| l.cites.clone()).unwrap_or_default(),
                    caveats: Vec::new(),
                };
            }
        }
    }
    from(&r.otherwise)
}

/// A verdict with the readings behind it.
#[derive(Debug, Clone)]
pub(crate) struct Judged<'a> {
    pub kind: VerdictKind,
    pub reason: String,
    pub cites: Vec<&'a Cite>,
    pub caveats: Vec<&'a str>,
    /// Disputed attributes the verdict read, in the order read.
    pub disputed: Vec<String>,
    /// Each distinct reading: the sources that read it so, and their judgement. Empty when the
    /// verdict reads no disputed fact.
    pub readings: Vec<(Vec<&'a str>, Judgement<'a>)>,
}

/// Judges `r` for one offering, once per source reading of any disputed fact it reads.
pub(crate) fn judge<'a>(
    index: &Index<'a>,
    cells: &dyn Cells<'a>,
    r: &'a Requirement,
    offering: &str,
    offering_name: &str,
) -> Judged<'a> {
    let run = |source: Option<&str>| {
        let ctx = EvalCtx {
            index,
            cells,
            offering,
            source,
            read: RefCell::new(Vec::new()),
        };
        let j = judge_once(&ctx, r, offering_name);
        (j, ctx.read.into_inner())
    };
    let (lead, read) = run(None);
    let mut disputed: Vec<String> = Vec::new();
    let mut queue: Vec<&'a str> = Vec::new();
    let note_disputes = |read: &[String], disputed: &mut Vec<String>, queue: &mut Vec<&'a str>| {
        for a in read {
            if let Some(c) = cells.cell(a)
                && c.disputed
            {
                if !disputed.contains(a) {
                    disputed.push(a.clone());
                }
                for s in c.sources() {
                    if !queue.contains(&s) {
                        queue.push(s);
                    }
                }
            }
        }
    };
    note_disputes(&read, &mut disputed, &mut queue);
    if disputed.is_empty() {
        return Judged {
            kind: lead.kind,
            reason: lead.reason,
            cites: lead.cites,
            caveats: lead.caveats,
            disputed,
            readings: Vec::new(),
        };
    }
    // Each source's reading may take another path through the rules and read further disputed
    // cells; their sources join the queue. The queue only grows to the sources of the set.
    let mut readings: Vec<(Vec<&'a str>, Judgement<'a>)> = Vec::new();
    let mut i = 0;
    while i < queue.len() {
        let source = queue[i];
        let (j, read) = run(Some(source));
        note_disputes(&read, &mut disputed, &mut queue);
        match readings
            .iter_mut()
            .find(|(_, x)| x.kind == j.kind && x.reason == j.reason)
        {
            Some((sources, _)) => sources.push(source),
            None => readings.push((vec![source], j)),
        }
        i += 1;
    }
    let mut cites: Vec<&'a Cite> = Vec::new();
    let mut caveats: Vec<&'a str> = Vec::new();
    for (_, j) in &readings {
        for c in &j.cites {
            if !cites.iter().any(|x| std::ptr::eq(*x, *c)) {
                cites.push(c);
            }
        }
        // A caveat that travels with any reading travels with the verdict.
        for c in &j.caveats {
            if !caveats.contains(c) {
                caveats.push(c);
            }
        }
    }
    let facts: Vec<String> = disputed
        .iter()
        .map(|a| index.set.attribute(a).map_or(a.clone(), |x| x.name.clone()))
        .collect();
    let first_kind = readings.first().map(|(_, j)| j.kind);
    let agree = readings.iter().all(|(_, j)| Some(j.kind) == first_kind);
    let (kind, reason) = match (agree, readings.first()) {
        (true, Some((_, j))) => (
            j.kind,
            format!(
                "{} A fact under this verdict is disputed ({}), but every source's reading gives \"{}\".",
                j.reason,
                facts.join(", "),
                j.kind.label()
            ),
        ),
        _ => (
            VerdictKind::Disputed,
            format!(
                "The sources disagree on {} for {offering_name}, and their readings give different verdicts.",
                facts.join(" and ")
            ),
        ),
    };
    Judged {
        kind,
        reason,
        cites,
        caveats,
        disputed,
        readings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::sources::Reading;
    use crate::model::{PolicySet, SourceFile, load_files};

    /// One offering `o`; attribute `a` is Yes by the old source, and `claim` adds the new one's.
    fn set(claim: &str) -> PolicySet {
        let text = format!(
            r#"(
            meta: (name: "t", version: "1"),
            sources: [
                (id: "old", title: "Old", publisher: "P", verified: "2026-04-28", review_every_days: 30),
                (id: "new", title: "New", publisher: "P", verified: "2026-11-28", review_every_days: 30),
            ],
            attributes: [(id: "a", name: "A", group: "g", kind: YesNo), (id: "u", name: "U", group: "g", kind: YesNo)],
            offerings: [(id: "o", name: "O", plan: "P", route: "R", values: [
                (attribute: "a", value: Yes, cite: [(source: "old", locator: "§1")]),
                (attribute: "u", value: Unknown, cite: [(source: "old", locator: "§2")]),
            ])],
            requirements: [
                (id: "strict", title: "S", explain: "", rules: [
                    (when: Is("a", Yes), then: (verdict: Fits, reason: "yes")),
                    (when: Is("a", No), then: (verdict: DoesNotFit, reason: "no")),
                ], otherwise: (verdict: Unknown, reason: "?")),
                (id: "loose", title: "L", explain: "", rules: [
                    (when: Any([Is("a", Yes), Is("a", No)]), then: (verdict: Fits, reason: "either")),
                ], otherwise: (verdict: Unknown, reason: "?")),
                (id: "unknown-first", title: "U", explain: "", rules: [
                    (when: Is("u", Yes), then: (verdict: DoesNotFit, reason: "u")),
                    (when: Always, then: (verdict: Fits, reason: "anyway")),
                ], otherwise: (verdict: Unknown, reason: "?")),
            ],
            claims: [{claim}],
        )"#
        );
        load_files(
            &[SourceFile {
                name: "t.ron".into(),
                text,
            }],
            "test",
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    struct One<'a>(std::collections::HashMap<&'a str, CellClaims<'a>>);
    impl<'a> Cells<'a> for One<'a> {
        fn cell(&self, attribute: &str) -> Option<&CellClaims<'a>> {
            self.0.get(attribute)
        }
    }

    fn judged(
        set: &PolicySet,
        requirement: &str,
        sources: &[&str],
    ) -> (VerdictKind, String, usize) {
        let wanted: Vec<String> = sources.iter().map(|s| s.to_string()).collect();
        let reading = Reading::resolve(set, &wanted, &mut Vec::new());
        let index = Index::new(set, &reading, &[]);
        let cells = One(["a", "u"]
            .into_iter()
            .map(|a| (a, index.cell("o", a)))
            .collect());
        let r = set.requirement(requirement).unwrap();
        let j = judge(&index, &cells, r, "o", "O");
        (j.kind, j.reason, j.readings.len())
    }

    const DISPUTES: &str = r#"(id: "c", offerings: ["o"], attribute: "a", value: No, relation: Disputes, cite: [(source: "new", locator: "§9", quote: "no")])"#;

    #[test]
    fn readings_that_differ_make_a_disputed_verdict() {
        let s = set(DISPUTES);
        let (kind, reason, readings) = judged(&s, "strict", &[]);
        assert_eq!(kind, VerdictKind::Disputed);
        assert_eq!(readings, 2);
        assert!(reason.contains("disagree on A"), "{reason}");
        // Each source alone reads no dispute.
        assert_eq!(judged(&s, "strict", &["old"]).0, VerdictKind::Fits);
        assert_eq!(judged(&s, "strict", &["new"]).0, VerdictKind::DoesNotFit);
    }

    #[test]
    fn readings_that_agree_let_the_verdict_stand_with_a_note() {
        let s = set(DISPUTES);
        let (kind, reason, readings) = judged(&s, "loose", &[]);
        assert_eq!(kind, VerdictKind::Fits);
        assert_eq!(readings, 1, "both sources read it the same way");
        assert!(reason.contains("is disputed"), "{reason}");
    }

    #[test]
    fn an_undisputed_fact_has_no_readings() {
        let s = set("");
        let (kind, reason, readings) = judged(&s, "strict", &[]);
        assert_eq!(
            (kind, reason.as_str(), readings),
            (VerdictKind::Fits, "yes", 0)
        );
    }

    #[test]
    fn unknown_stops_the_rules_before_a_looser_one() {
        let s = set("");
        let (kind, reason, _) = judged(&s, "unknown-first", &[]);
        assert_eq!(kind, VerdictKind::Unknown);
        assert!(reason.contains("\"U\" is unknown"), "{reason}");
    }
}
