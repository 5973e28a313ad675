//! Property tests: generated policy sets and scenarios, and the real files mangled at random.
//!
//! Case counts are small by default so `cargo test` stays within CI's time; set
//! `POSTURE_PROPTEST_CASES=N` to run N cases of each property instead.

use crate::common::*;
use posture::brief::content::lay_out;
use posture::brief::fonts::fonts;
use posture::brief::layout::{Draw, Measure};
use posture::brief::{Paper, render_pdf};
use posture::engine::assess;
use posture::model::load::BUILTIN_FILES;
use posture::model::{
    Attribute, AttributeKind, Caveat, CaveatKind, Cell, Change, ChoiceDef, Cite, Condition, Meta,
    Offering, OptionDef, Outcome, PolicyFile, Requirement, Requires, Rule, Scenario, Scope, Source,
    SourceFile, SourceKind, Value, VerdictKind, load_files,
};
use proptest::prelude::*;

fn cases(default: u32) -> ProptestConfig {
    let n = std::env::var("POSTURE_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A tiny deterministic generator, so one proptest seed builds one whole set.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn words(&mut self, max_chars: usize) -> String {
        let n = self.below(max_chars).max(1);
        let mut s = String::new();
        while s.chars().count() < n {
            let word = [
                "data",
                "Zürich",
                "région",
                "retention",
                "≈",
                "kept",
                "x",
                "supercalifragilistic",
            ][self.below(8)];
            s.push_str(word);
            s.push(' ');
        }
        s.trim().to_string()
    }
}

#[derive(Debug, Clone)]
struct Shape {
    seed: u64,
    offerings: usize,
    attributes: usize,
    long_texts: bool,
}

fn shapes(max_offerings: usize, max_attributes: usize) -> impl Strategy<Value = Shape> {
    (1u64.., 1..=max_offerings, 1..=max_attributes, any::<bool>()).prop_map(
        |(seed, offerings, attributes, long_texts)| Shape {
            seed,
            offerings,
            attributes,
            long_texts,
        },
    )
}

/// A random valid policy set of the given shape, as one RON file.
fn generated(shape: &Shape) -> PolicyFile {
    let mut r = Rng(shape.seed | 1);
    let text_len = if shape.long_texts { 700 } else { 40 };
    let cite = |r: &mut Rng| Cite {
        source: "src".into(),
        locator: r.words(30),
        quote: r.words(60),
        verified: None,
    };
    let attributes: Vec<Attribute> = (0..shape.attributes)
        .map(|i| Attribute {
            id: format!("a{i}"),
            name: r.words(if shape.long_texts { 250 } else { 30 }),
            question: r.words(text_len),
            group: format!("Group {}", i / 7),
            kind: if i % 2 == 0 {
                AttributeKind::YesNo
            } else {
                AttributeKind::Choice(vec![
                    ChoiceDef {
                        id: "c1".into(),
                        label: r.words(40),
                    },
                    ChoiceDef {
                        id: "c2".into(),
                        label: r.words(40),
                    },
                ])
            },
            locked: false,
            summary: r.chance(if shape.long_texts { 60 } else { 10 }),
            help: String::new(),
        })
        .collect();
    let value = |r: &mut Rng, i: usize| match (i % 2, r.below(4)) {
        (_, 0) => Value::Unknown,
        (0, 1) => Value::No,
        (0, _) => Value::Yes,
        (_, 1) => Value::Choice("c2".into()),
        _ => Value::Choice("c1".into()),
    };
    let offerings: Vec<Offering> = (0..shape.offerings)
        .map(|k| Offering {
            id: format!("o{k}"),
            name: r.words(60),
            plan: r.words(20),
            route: r.words(20),
            preview: r.chance(20),
            summary: r.words(text_len),
            values: (0..shape.attributes)
                .map(|i| Cell {
                    attribute: format!("a{i}"),
                    value: value(&mut r, i),
                    label: r.chance(30).then(|| r.words(text_len.min(250))),
                    note: String::new(),
                    cite: vec![cite(&mut r)],
                    facts: Vec::new(),
                })
                .collect(),
        })
        .collect();
    let options: Vec<OptionDef> = (0..r.below(4))
        .map(|j| OptionDef {
            id: format!("opt{j}"),
            title: r.words(40),
            summary: r.words(text_len),
            applies_to: (0..shape.offerings)
                .filter(|_| r.chance(50))
                .map(|k| format!("o{k}"))
                .chain(std::iter::once("o0".to_string()))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect(),
            requires: Requires::Contract,
            requires_detail: r.words(text_len),
            changes: vec![Change {
                attribute: "a0".into(),
                value: Value::Yes,
                label: None,
                offerings: Vec::new(),
                cite: Vec::new(),
            }],
            cite: vec![cite(&mut r)],
            facts: Vec::new(),
        })
        .collect();
    let requirements: Vec<Requirement> = (0..r.below(5))
        .map(|q| {
            let attr = format!("a{}", 2 * r.below(shape.attributes.div_ceil(2)));
            Requirement {
                id: format!("req{q}"),
                title: r.words(60),
                explain: r.words(text_len),
                rules: vec![
                    Rule {
                        when: Condition::Is(attr.clone(), Value::Yes),
                        then: Outcome {
                            verdict: VerdictKind::Fits,
                            reason: r.words(text_len),
                            cite: vec![cite(&mut r)],
                            caveats: Vec::new(),
                            facts: Vec::new(),
                        },
                    },
                    Rule {
                        when: Condition::Always,
                        then: Outcome {
                            verdict: VerdictKind::DoesNotFit,
                            reason: r.words(text_len),
                            cite: Vec::new(),
                            caveats: Vec::new(),
                            facts: Vec::new(),
                        },
                    },
                ],
                otherwise: Outcome {
                    verdict: VerdictKind::Unknown,
                    reason: "?".into(),
                    cite: Vec::new(),
                    caveats: Vec::new(),
                    facts: Vec::new(),
                },
                facts: Vec::new(),
            }
        })
        .collect();
    let caveats: Vec<Caveat> = (0..r.below(5))
        .map(|c| Caveat {
            id: format!("cav{c}"),
            kind: if c % 2 == 0 {
                CaveatKind::Caveat
            } else {
                CaveatKind::Action
            },
            title: r.words(60),
            text: r.words(text_len),
            scope: Scope::default(),
            internal: r.chance(30),
            cite: vec![cite(&mut r)],
            facts: Vec::new(),
        })
        .collect();
    PolicyFile {
        meta: Some(Meta {
            name: "Generated".into(),
            version: "1".into(),
            description: String::new(),
            maintainer: String::new(),
        }),
        sources: vec![Source {
            id: "src".into(),
            title: "Generated source".into(),
            short: String::new(),
            publisher: "P".into(),
            kind: SourceKind::ThirdPartySummary,
            url: String::new(),
            updated: String::new(),
            verified: "2026-04-28".into(),
            review_every_days: 30,
            note: String::new(),
            facts: Vec::new(),
        }],
        attributes,
        offerings,
        options,
        requirements,
        caveats,
        claims: Vec::new(),
        verification: Vec::new(),
    }
}

/// Loads a generated set, split into files of a few offerings each (as a team would), so no
/// file passes the size limit.
fn load(file: &PolicyFile) -> posture::model::PolicySet {
    let mut head = file.clone();
    head.offerings.clear();
    let mut files = vec![SourceFile {
        name: "set.ron".into(),
        text: ron::ser::to_string(&head).expect("serialises"),
    }];
    for (i, chunk) in file.offerings.chunks(4).enumerate() {
        let part = PolicyFile {
            offerings: chunk.to_vec(),
            ..Default::default()
        };
        files.push(SourceFile {
            name: format!("offerings-{i:02}.ron"),
            text: ron::ser::to_string(&part).expect("serialises"),
        });
    }
    load_files(&files, "generated")
        .unwrap_or_else(|e| panic!("a generated set does not validate: {e}"))
}

/// A random scenario over a set: some offerings in a random order, some options and
/// requirements, either audience.
fn random_scenario(set: &posture::model::PolicySet, seed: u64) -> Scenario {
    let mut r = Rng(seed.rotate_left(17) | 1);
    let mut offerings: Vec<String> = set
        .offerings
        .iter()
        .filter(|_| r.chance(70))
        .map(|o| o.id.clone())
        .collect();
    for i in (1..offerings.len()).rev() {
        let j = r.below(i + 1);
        offerings.swap(i, j);
    }
    Scenario {
        client: r.words(80),
        prepared_by: r.words(30),
        offerings,
        options: set
            .options
            .iter()
            .filter(|_| r.chance(50))
            .map(|o| o.id.clone())
            .collect(),
        requirements: set
            .requirements
            .iter()
            .filter(|_| r.chance(70))
            .map(|q| q.id.clone())
            .collect(),
        notes: r.words(2_000),
        audience: if r.chance(50) {
            posture::model::Audience::Internal
        } else {
            posture::model::Audience::ClientFacing
        },
        ..Default::default()
    }
}

fn everything(set: &posture::model::PolicySet, options: bool) -> Scenario {
    Scenario {
        client: "Client".into(),
        offerings: set.offerings.iter().map(|o| o.id.clone()).collect(),
        options: if options {
            set.options.iter().map(|o| o.id.clone()).collect()
        } else {
            Vec::new()
        },
        requirements: set.requirements.iter().map(|r| r.id.clone()).collect(),
        notes: "note ".repeat(50),
        audience: posture::model::Audience::Internal,
        ..Default::default()
    }
}

proptest! {
    #![proptest_config(cases(12))]

    /// A set that validates assesses and exports, in pages bounded by its content, with every
    /// text item inside the margins, and the same bytes twice.
    #[test]
    fn a_valid_set_always_exports(shape in shapes(60, 300)) {
        let set = load(&generated(&shape));
        let a = assess(&set, &random_scenario(&set, shape.seed), day("2026-11-28"));
        let f = fonts().expect("fonts");
        let size = Paper::A4.size();
        let laid = lay_out(&a, f, size);
        // A generous bound: a page per offering-part row block, never runaway.
        let bound = 20 + shape.offerings * shape.attributes / 4 + shape.attributes;
        prop_assert!(laid.pages.len() <= bound, "{} pages for {:?}", laid.pages.len(), shape);
        for page in &laid.pages {
            for d in &page.items {
                if let Draw::Text { x, y, size: pt, face, text, .. } = d {
                    let w = f.width(*face, *pt, text);
                    prop_assert!(*x >= 49.0 && x + w <= size.width - 49.0, "{text:?} at x {x}, width {w}");
                    prop_assert!(*y >= 30.0 && *y <= size.height - 20.0, "{text:?} at y {y}");
                }
            }
        }
        if shape.offerings * shape.attributes <= 400 {
            let one = render_pdf(&a, Paper::A4).expect("exports");
            let two = render_pdf(&a, Paper::A4).expect("exports");
            prop_assert!(one.bytes == two.bytes);
        }
    }

    /// An assessor that reuses what each edit leaves alone gives, after any sequence of random
    /// scenarios, exactly the whole assessment.
    #[test]
    fn an_assessor_matches_a_whole_assessment(shape in shapes(20, 60)) {
        let set = std::sync::Arc::new(load(&generated(&shape)));
        let mut assessor = posture::engine::Assessor::new();
        for step in 0..6u64 {
            let s = random_scenario(&set, shape.seed.wrapping_add(step));
            let reused = assessor.assess(&set, &s, day("2026-11-28"));
            prop_assert!(reused == assess(&set, &s, day("2026-11-28")), "step {step}");
        }
    }

    /// A verdict is never good when the value its first rule reads is Unknown; and an option
    /// changes only the cells of the offerings it applies to.
    #[test]
    fn unknown_is_never_good_and_options_stay_in_their_lane(shape in shapes(20, 40)) {
        let file = generated(&shape);
        let set = load(&file);
        let off = assess(&set, &everything(&set, false), day("2026-11-28"));
        for (r, req) in off.requirements.iter().zip(&set.requirements) {
            let Condition::Is(attr, _) = &req.rules[0].when else { continue };
            for v in &r.verdicts {
                let o = set.offering(&v.offering).unwrap();
                if o.cell(attr).unwrap().value == Value::Unknown {
                    prop_assert_eq!(v.kind, VerdictKind::Unknown, "{} / {}", r.id, v.offering);
                }
            }
        }
        let on = assess(&set, &everything(&set, true), day("2026-11-28"));
        let touched: std::collections::BTreeSet<&str> = set
            .options
            .iter()
            .flat_map(|o| o.applies_to.iter().map(String::as_str))
            .collect();
        for (row_off, row_on) in off.rows.iter().zip(&on.rows) {
            for (a, b) in row_off.cells.iter().zip(&row_on.cells) {
                if !touched.contains(a.offering.as_str()) {
                    prop_assert_eq!(a, b);
                }
            }
        }
    }
}

/// One random edit of a real policy file.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Duplicate(usize, usize),
    Swap(usize, usize),
    Insert(usize, String),
}

fn mutations() -> impl Strategy<Value = (usize, Mutation)> {
    let m = prop_oneof![
        (any::<usize>(), 1usize..200).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), 1usize..200).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (any::<usize>(), any::<String>()).prop_map(|(a, s)| Mutation::Insert(a, s)),
    ];
    (0..BUILTIN_FILES.len(), m)
}

/// The nearest char boundary at or below `i`.
fn boundary(t: &str, i: usize) -> usize {
    let mut i = i % (t.len() + 1);
    while !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(t: &str, m: &Mutation) -> String {
    match m {
        Mutation::Delete(a, n) => {
            let a = boundary(t, *a);
            let b = boundary(t, a + n);
            format!("{}{}", &t[..a], &t[b.max(a)..])
        }
        Mutation::Duplicate(a, n) => {
            let a = boundary(t, *a);
            let b = boundary(t, a + n).max(a);
            format!("{}{}{}", &t[..b], &t[a..b], &t[b..])
        }
        Mutation::Swap(a, b) => {
            // Swap the tokens (runs of non-space) that start at or after two places.
            let tokens: Vec<(usize, &str)> = t
                .split_whitespace()
                .map(|w| (w.as_ptr() as usize - t.as_ptr() as usize, w))
                .collect();
            if tokens.len() < 2 {
                return t.to_string();
            }
            let (i, j) = (a % tokens.len(), b % tokens.len());
            let (i, j) = (i.min(j), i.max(j));
            if i == j {
                return t.to_string();
            }
            let (pi, wi) = tokens[i];
            let (pj, wj) = tokens[j];
            format!(
                "{}{}{}{}{}",
                &t[..pi],
                wj,
                &t[pi + wi.len()..pj],
                wi,
                &t[pj + wj.len()..]
            )
        }
        Mutation::Insert(a, s) => {
            let a = boundary(t, *a);
            format!("{}{}{}", &t[..a], s, &t[a..])
        }
    }
}

proptest! {
    #![proptest_config(cases(64))]

    /// Loading and validating never panic, whatever is done to a real file; a set that still
    /// validates still assesses.
    #[test]
    fn mangled_files_never_panic((file, m) in mutations()) {
        let files: Vec<SourceFile> = BUILTIN_FILES
            .iter()
            .enumerate()
            .map(|(i, (n, t))| SourceFile {
                name: n.to_string(),
                text: if i == file { apply(t, &m) } else { t.to_string() },
            })
            .collect();
        if let Ok(set) = load_files(&files, "mangled") {
            let s = scenario(ALL, &["region-pinning", "zero-retention"], &["strict-eu-residency", "zero-retention"]);
            let a = assess(&set, &s, day("2026-11-28"));
            prop_assert!(a.requirements.iter().all(|r| r.verdicts.len() == a.offerings.len()));
        }
    }
}

/// The largest shape the generators make, exported whole (run with `--nocapture` to see how long
/// it took; there is no timing assert).
#[test]
fn the_largest_generated_set_exports() {
    let shape = Shape {
        seed: 7,
        offerings: 60,
        attributes: 300,
        long_texts: true,
    };
    let set = load(&generated(&shape));
    let started = std::time::Instant::now();
    let a = assess(&set, &everything(&set, true), day("2026-11-28"));
    let pdf = render_pdf(&a, Paper::Letter).expect("exports");
    let pages = lopdf::Document::load_mem(&pdf.bytes)
        .expect("lopdf reads it")
        .get_pages()
        .len();
    eprintln!(
        "largest generated set: {} offerings × {} attributes → {pages} pages, {} bytes, assessed and exported in {:?}",
        shape.offerings,
        shape.attributes,
        pdf.bytes.len(),
        started.elapsed()
    );
    assert!(pages > 10 && pages < 2_000, "{pages} pages");
}

proptest! {
    #![proptest_config(cases(64))]

    /// Byte soup read as each kind of page, with and without a charset: an answer or a reason,
    /// never a panic. (Byte soup that looks like markup is generated too: tags, entities, a PDF
    /// header.)
    #[test]
    fn the_page_reader_survives_byte_soup(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        markup in proptest::collection::vec(
            prop_oneof![
                Just("<p>".to_string()), Just("</p>".to_string()), Just("<b>".to_string()),
                Just("<script>".to_string()), Just("&nbsp;".to_string()), Just("&#x2019;".to_string()),
                Just("%PDF-1.4".to_string()), Just("<meta charset=\"latin1\">".to_string()),
                "[a-zA-Z ’…-]{0,12}",
            ],
            0..200,
        ),
    ) {
        use posture::recheck::page::{PageKind, text_of};
        let soup: Vec<u8> = markup.concat().into_bytes().into_iter().chain(bytes).collect();
        for kind in [PageKind::Html, PageKind::Pdf, PageKind::Markdown, PageKind::Text] {
            for ct in [None, Some("text/html; charset=windows-1252"), Some("text/html; charset=bogus")] {
                if let Ok(text) = text_of(kind, ct, &soup) {
                    let words = posture::recheck::anchor::Words::new(&text);
                    let _ = posture::recheck::anchor::anchor(&words, "some words … that are quoted");
                }
            }
        }
    }
}
