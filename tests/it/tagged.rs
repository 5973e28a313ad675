//! The brief as a tagged PDF, read back with lopdf: the structure tree and its roles, marked
//! content around every line on every page, the parent tree, table header cells, the text
//! alternatives of the marks and the document-level entries.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::*;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};
use posture::brief::{Paper, render_pdf};
use posture::engine::assess;
use posture::model::{Audience, Scenario};

const EXAMPLES: [&str; 3] = ["eu-bank.ron", "us-pro-pilot.ron", "azure-first.ron"];

fn example(name: &str, audience: Audience) -> posture::engine::Assessment {
    let path = format!("{}/policies/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut s = Scenario::load(std::path::Path::new(&path)).unwrap();
    s.audience = audience;
    assess(&builtin(), &s, day("2026-11-28"))
}

/// A structure element as read back.
struct Elem {
    role: String,
    parent: ObjectId,
    /// Its marked content: (page object, MCID).
    content: Vec<(ObjectId, i64)>,
    kids: Vec<ObjectId>,
    scope: Option<String>,
}

/// One marked-content sequence with an MCID: its page, MCID and text.
struct Marked {
    page: ObjectId,
    mcid: i64,
    text: String,
}

struct Read {
    doc: Document,
    root: ObjectId,
    document: ObjectId,
    elems: BTreeMap<ObjectId, Elem>,
    marked: Vec<Marked>,
    /// Text drawn as an artifact.
    artifacts: Vec<String>,
    /// How many marks were drawn in a span with /ActualText, and what they read as.
    actual_texts: Vec<(String, String)>,
}

fn name(o: &Object) -> String {
    String::from_utf8_lossy(o.as_name().unwrap()).into_owned()
}

fn read(bytes: &[u8], what: &str) -> Read {
    let doc = Document::load_mem(bytes).expect("a PDF lopdf can read");
    let catalog = doc.catalog().unwrap();
    let root = catalog
        .get(b"StructTreeRoot")
        .unwrap_or_else(|_| panic!("{what}: no structure tree"))
        .as_reference()
        .unwrap();
    let tree_root = doc.get_dictionary(root).unwrap();
    assert_eq!(name(tree_root.get(b"Type").unwrap()), "StructTreeRoot");
    let document = tree_root.get(b"K").unwrap().as_reference().unwrap();

    // Walk the tree from the root, checking each element names its parent.
    let mut elems = BTreeMap::new();
    let mut todo = vec![(document, root)];
    while let Some((id, parent)) = todo.pop() {
        let d = doc.get_dictionary(id).unwrap();
        if let Ok(t) = d.get(b"Type") {
            assert_eq!(name(t), "StructElem");
        }
        assert_eq!(
            d.get(b"P").unwrap().as_reference().unwrap(),
            parent,
            "{what}: /P of {id:?}"
        );
        let pg = d.get(b"Pg").and_then(Object::as_reference).ok();
        let kids: Vec<&Object> = match d.get(b"K") {
            Ok(Object::Array(a)) => a.iter().collect(),
            Ok(o) => vec![o],
            Err(_) => Vec::new(),
        };
        let mut e = Elem {
            role: name(d.get(b"S").unwrap()),
            parent,
            content: Vec::new(),
            kids: Vec::new(),
            scope: d
                .get(b"A")
                .and_then(Object::as_dict)
                .and_then(|a| a.get(b"Scope"))
                .map(name)
                .ok(),
        };
        for k in kids {
            match k {
                Object::Integer(mcid) => {
                    e.content
                        .push((pg.expect("an MCID kid needs the element's /Pg"), *mcid));
                }
                Object::Dictionary(mcr) => {
                    assert_eq!(name(mcr.get(b"Type").unwrap()), "MCR");
                    e.content.push((
                        mcr.get(b"Pg").unwrap().as_reference().unwrap(),
                        mcr.get(b"MCID").unwrap().as_i64().unwrap(),
                    ));
                }
                Object::Reference(kid) => {
                    e.kids.push(*kid);
                    todo.push((*kid, id));
                }
                other => panic!("{what}: unexpected kid {other:?}"),
            }
        }
        elems.insert(id, e);
    }

    let mut marked = Vec::new();
    let mut artifacts = Vec::new();
    let mut actual_texts = Vec::new();
    for (n, page) in doc.get_pages() {
        let fonts: BTreeMap<Vec<u8>, &Dictionary> = doc.get_page_fonts(page).unwrap();
        let encodings: BTreeMap<Vec<u8>, Encoding> = fonts
            .iter()
            .map(|(k, f)| (k.clone(), f.get_font_encoding(&doc).unwrap()))
            .collect();
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        // Open marked content: (tag, MCID, ActualText, text shown inside).
        let mut stack: Vec<(String, Option<i64>, Option<String>, String)> = Vec::new();
        let mut font: Option<Vec<u8>> = None;
        let mut mcids = BTreeSet::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BMC" => stack.push((name(&op.operands[0]), None, None, String::new())),
                "BDC" => {
                    let props = op.operands[1].as_dict().unwrap();
                    let mcid = props.get(b"MCID").and_then(Object::as_i64).ok();
                    if let Some(m) = mcid {
                        assert!(mcids.insert(m), "{what}: MCID {m} twice on page {n}");
                    }
                    let actual = props
                        .get(b"ActualText")
                        .ok()
                        .map(|t| lopdf::decode_text_string(t).unwrap());
                    stack.push((name(&op.operands[0]), mcid, actual, String::new()));
                }
                "EMC" => {
                    let (tag, mcid, actual, text) = stack.pop().expect("EMC without BMC/BDC");
                    if let Some(parent) = stack.last_mut() {
                        parent.3.push_str(&text);
                    }
                    if let Some(actual) = actual {
                        actual_texts.push((text.clone(), actual));
                    }
                    if let Some(mcid) = mcid {
                        marked.push(Marked {
                            page,
                            mcid,
                            text: text.clone(),
                        });
                    }
                    if tag == "Artifact" && !text.is_empty() {
                        artifacts.push(text);
                    }
                }
                "Tf" => font = Some(op.operands[0].as_name().unwrap().to_vec()),
                "Tj" | "TJ" | "'" | "\"" => {
                    assert!(
                        stack
                            .iter()
                            .any(|(tag, mcid, ..)| mcid.is_some() || tag == "Artifact"),
                        "{what}: text shown outside marked content on page {n}"
                    );
                    let encoding = font
                        .as_ref()
                        .and_then(|f| encodings.get(f))
                        .expect("a font set");
                    let strings: Vec<&Object> = match op.operator.as_str() {
                        "TJ" => op.operands[0].as_array().unwrap().iter().collect(),
                        _ => op.operands.last().into_iter().collect(),
                    };
                    for s in strings {
                        if let Ok(bytes) = s.as_str() {
                            let t = Document::decode_text(encoding, bytes).unwrap();
                            if let Some(top) = stack.last_mut() {
                                top.3.push_str(&t);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        assert!(
            stack.is_empty(),
            "{what}: unclosed marked content on page {n}"
        );
    }
    Read {
        doc,
        root,
        document,
        elems,
        marked,
        artifacts,
        actual_texts,
    }
}

impl Read {
    /// The text of each element's marked content, by element.
    fn texts(&self) -> BTreeMap<ObjectId, String> {
        let by_mc: BTreeMap<(ObjectId, i64), &str> = self
            .marked
            .iter()
            .map(|m| ((m.page, m.mcid), m.text.as_str()))
            .collect();
        self.elems
            .iter()
            .map(|(id, e)| {
                let t: Vec<&str> = e
                    .content
                    .iter()
                    .filter_map(|k| by_mc.get(k).copied())
                    .collect();
                (*id, t.concat())
            })
            .collect()
    }

    fn roles(&self) -> BTreeSet<&str> {
        self.elems.values().map(|e| e.role.as_str()).collect()
    }
}

/// Every check that holds for any brief.
fn check(r: &Read, what: &str) {
    let catalog = r.doc.catalog().unwrap();
    let marked = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
    assert!(marked.get(b"Marked").unwrap().as_bool().unwrap(), "{what}");
    assert_eq!(
        lopdf::decode_text_string(catalog.get(b"Lang").unwrap()).unwrap(),
        "en"
    );
    let prefs = catalog
        .get(b"ViewerPreferences")
        .unwrap()
        .as_dict()
        .unwrap();
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
    assert!(catalog.get(b"Outlines").is_ok(), "{what}: the outline kept");
    assert_eq!(name(catalog.get(b"PageMode").unwrap()), "UseOutlines");
    let xmp = r
        .doc
        .get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap();
    let xmp = String::from_utf8(xmp.decompressed_content().unwrap()).unwrap();
    assert!(
        xmp.contains("Data residency &amp; retention brief"),
        "{xmp}"
    );
    assert!(
        !xmp.contains("pdfaid") && !xmp.contains("pdfuaid"),
        "no conformance claimed"
    );
    let info = r
        .doc
        .get_dictionary(r.doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
    assert!(title.starts_with("Data residency & retention brief"));
    assert!(info.get(b"GTS_PDFXVersion").is_err());

    assert_eq!(r.elems[&r.document].role, "Document");
    assert_eq!(r.elems[&r.document].parent, r.root);
    let roles = r.roles();
    for role in ["Document", "H1", "H2", "P", "Table", "TR", "TH", "TD"] {
        assert!(roles.contains(role), "{what}: no {role} in {roles:?}");
    }
    // A table holds rows, a row holds cells, a list holds items.
    for e in r.elems.values() {
        let kid_roles: BTreeSet<&str> = e.kids.iter().map(|k| r.elems[k].role.as_str()).collect();
        let allowed: &[&str] = match e.role.as_str() {
            "Table" => &["TR"],
            "TR" => &["TH", "TD"],
            "L" => &["LI"],
            "LI" => &["LBody"],
            "Document" => &["H1", "H2", "H3", "P", "L", "Table"],
            _ => &[],
        };
        assert!(
            kid_roles.iter().all(|k| allowed.contains(k)),
            "{what}: {} holds {kid_roles:?}",
            e.role
        );
        if e.role == "TH" {
            assert!(
                matches!(e.scope.as_deref(), Some("Row" | "Column")),
                "{what}: a TH without /Scope"
            );
        }
    }

    // Every marked-content sequence with an MCID belongs to exactly one element, and every MCID
    // an element names is on its page.
    let on_pages: BTreeSet<(ObjectId, i64)> = r.marked.iter().map(|m| (m.page, m.mcid)).collect();
    let mut in_tree = BTreeSet::new();
    for e in r.elems.values() {
        for k in &e.content {
            assert!(in_tree.insert(*k), "{what}: {k:?} in two elements");
        }
    }
    assert_eq!(on_pages, in_tree, "{what}: MCIDs on pages and in the tree");

    // The parent tree maps every MCID of every page to the element that holds it.
    let tree_root = r.doc.get_dictionary(r.root).unwrap();
    let parent_tree = tree_root.get(b"ParentTree").unwrap();
    let parent_tree = match parent_tree {
        Object::Reference(id) => r.doc.get_dictionary(*id).unwrap(),
        o => o.as_dict().unwrap(),
    };
    let nums = parent_tree.get(b"Nums").unwrap().as_array().unwrap();
    let mut by_key: BTreeMap<i64, &Vec<Object>> = BTreeMap::new();
    for pair in nums.chunks(2) {
        by_key.insert(pair[0].as_i64().unwrap(), pair[1].as_array().unwrap());
    }
    let next = tree_root
        .get(b"ParentTreeNextKey")
        .unwrap()
        .as_i64()
        .unwrap();
    assert!(by_key.keys().all(|k| *k < next));
    let holder: BTreeMap<(ObjectId, i64), ObjectId> = r
        .elems
        .iter()
        .flat_map(|(id, e)| e.content.iter().map(move |k| (*k, *id)))
        .collect();
    for m in &r.marked {
        let page = r.doc.get_dictionary(m.page).unwrap();
        let key = page
            .get(b"StructParents")
            .unwrap_or_else(|_| panic!("{what}: a page with MCIDs has no /StructParents"))
            .as_i64()
            .unwrap();
        let parents = by_key[&key];
        let mapped = parents[m.mcid as usize].as_reference().unwrap();
        assert_eq!(mapped, holder[&(m.page, m.mcid)], "{what}: MCID {}", m.mcid);
    }

    // The running header and the footer are artifacts, not read.
    let texts = r.texts();
    let pages = r.doc.get_pages().len();
    for (id, t) in &texts {
        for p in 1..=pages {
            assert!(
                !t.contains(&format!("Page {p} of {pages}")),
                "{what}: page number read in {} {t:?}",
                r.elems[id].role
            );
        }
    }
    for p in 1..=pages {
        assert!(
            r.artifacts
                .iter()
                .any(|t| t.contains(&format!("Page {p} of {pages}"))),
            "{what}: the footer of page {p} is an artifact"
        );
    }
    // The title is the H1.
    let h1: Vec<&String> = texts
        .iter()
        .filter(|(id, _)| r.elems[id].role == "H1")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(h1, ["Data residency & retention brief"], "{what}");
    // Header cells are TH, the first time; repeated on a new page, an artifact: never a TD.
    let header_words = ["Offering", "Attribute", "Verdict", "Reason", "Option"];
    let th: BTreeSet<&str> = texts
        .iter()
        .filter(|(id, _)| r.elems[id].role == "TH")
        .map(|(_, t)| t.as_str())
        .collect();
    for (id, t) in &texts {
        if r.elems[id].role == "TD" {
            assert!(!header_words.contains(&t.as_str()), "{what}: {t:?} is a TD");
        }
    }
    assert!(
        th.contains("Offering") && th.contains("Attribute"),
        "{what}: {th:?}"
    );
    // The title block's keys are row headers.
    assert!(
        th.contains("Prepared by") && th.contains("Policy set"),
        "{what}"
    );
    // A table has at most one header row.
    for e in r.elems.values().filter(|e| e.role == "Table") {
        let header_rows = e
            .kids
            .iter()
            .filter(|k| {
                r.elems[*k]
                    .kids
                    .iter()
                    .any(|c| r.elems[c].scope.as_deref() == Some("Column"))
            })
            .count();
        assert!(header_rows <= 1, "{what}: {header_rows} header rows");
    }
}

#[test]
fn the_three_examples_are_tagged_in_both_audiences_on_both_papers() {
    let mut roles = BTreeSet::new();
    for name in EXAMPLES {
        for audience in [Audience::ClientFacing, Audience::Internal] {
            let a = example(name, audience);
            for paper in [Paper::A4, Paper::Letter] {
                let what = format!("{name} {audience:?} {paper:?}");
                let b = render_pdf(&a, paper).unwrap();
                let r = read(&b.bytes, &what);
                check(&r, &what);
                roles.extend(r.roles().into_iter().map(str::to_string));
                if !a.requirements.is_empty() {
                    assert!(r.roles().contains("H3"), "{what}: requirements are H3");
                }
                if audience == Audience::Internal {
                    let texts = r.texts();
                    assert!(
                        texts.values().any(|t| t == "Appendix C. Internal notes"),
                        "{what}: the internal notes are a heading"
                    );
                }
            }
        }
    }
    for role in [
        "Document", "H1", "H2", "H3", "P", "L", "LI", "LBody", "Table", "TR", "TH", "TD",
    ] {
        assert!(roles.contains(role), "no {role} in any example: {roles:?}");
    }
}

#[test]
fn marks_read_as_words() {
    let a = example("eu-bank.ron", Audience::ClientFacing);
    let b = render_pdf(&a, Paper::A4).unwrap();
    let r = read(&b.bytes, "eu-bank");
    // Every mark drawn before a verdict reads as nothing, so "✓ Fits" is read "Fits".
    let shown: BTreeSet<&str> = r.actual_texts.iter().map(|(t, _)| t.as_str()).collect();
    for mark in ["✓ ", "≈ ", "✗ ", "? "] {
        if a.requirements
            .iter()
            .flat_map(|q| &q.verdicts)
            .any(|v| format!("{} ", v.kind.symbol()) == mark)
        {
            assert!(
                shown.contains(mark),
                "{mark:?} has no /ActualText: {shown:?}"
            );
        }
    }
    for (t, actual) in &r.actual_texts {
        match t.trim() {
            "◆" | "≠" if !actual.is_empty() => {
                assert!(["diamond", "not-equal sign"].contains(&actual.as_str()))
            }
            _ => assert_eq!(actual, "", "{t:?}"),
        }
    }
    // The legend names the marks it explains.
    assert!(r.actual_texts.iter().any(|(_, a)| a == "diamond"));
    // A verdict cell reads as its word.
    let texts = r.texts();
    assert!(
        texts
            .values()
            .any(|t| t.starts_with("✓ Fits") || t.starts_with("✗ Does"))
    );
}

#[test]
fn lines_read_with_word_breaks_and_urls_unbroken() {
    // A line its element goes on after ends in a space, unless the wrap broke a word there (a
    // URL wider than its column): the text reads as it was written.
    let a = example("eu-bank.ron", Audience::ClientFacing);
    let b = render_pdf(&a, Paper::A4).unwrap();
    let r = read(&b.bytes, "eu-bank");
    let texts = r.texts();
    let all: Vec<&str> = texts.values().map(String::as_str).collect();
    let mut urls = 0;
    for s in a
        .sources
        .iter()
        .filter(|s| s.read && s.cited > 0 && !s.url.is_empty())
    {
        assert!(
            all.iter().any(|t| t.contains(&s.url)),
            "{} is not read whole",
            s.url
        );
        urls += 1;
    }
    assert!(urls > 5);
    // Wrapped paragraphs keep the space between the last word of a line and the next.
    let note = all
        .iter()
        .find(|t| t.starts_with("◆ marks a value changed"))
        .expect("the summary's note");
    assert!(note.contains("the newest source's word is shown"), "{note}");
}

#[test]
fn a_header_repeated_on_a_new_page_is_an_artifact() {
    // Many offerings: the comparison spans pages and its header repeats.
    let mut set = builtin();
    let base = set.offerings.clone();
    set.offerings = (0..40)
        .map(|k| {
            let mut o = base[k % base.len()].clone();
            o.id = format!("{}-{k}", o.id);
            o.name = format!("{} variant {k}", o.name);
            o
        })
        .collect();
    let mut s = scenario(&[], &[], &["strict-eu-residency"]);
    s.offerings = set.offerings.iter().map(|o| o.id.clone()).collect();
    let a = assess(&set, &s, day("2026-11-28"));
    let b = render_pdf(&a, Paper::A4).unwrap();
    let r = read(&b.bytes, "forty offerings");
    check(&r, "forty offerings");
    let repeats = r
        .artifacts
        .iter()
        .filter(|t| t.contains("Attribute"))
        .count();
    assert!(
        repeats >= 1,
        "the comparison's header repeats as an artifact"
    );
    let th_attribute = r
        .texts()
        .iter()
        .filter(|(id, t)| r.elems[id].role == "TH" && t.as_str() == "Attribute")
        .count();
    // One per part of the comparison, each tagged once.
    let parts = a.offerings.len().div_ceil(4).max(1);
    assert!(th_attribute >= 1 && th_attribute <= parts, "{th_attribute}");
}
