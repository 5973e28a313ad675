//! The brief, read back from the PDF bytes with lopdf.

use crate::common::*;
use posture::brief::content::{SECTION_TITLES, lay_out};
use posture::brief::layout::{Draw, Measure};
use posture::brief::{Paper, fonts::fonts, render_pdf};
use posture::engine::{Assessment, assess};
use posture::model::{Audience, Scenario};

fn text_of(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|p| doc.extract_text(&[*p]).expect("text"))
        .collect()
}

/// lopdf keeps each drawn line apart; join them with spaces so wrapped sentences can be found.
fn flat(pages: &[String]) -> String {
    pages
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn example(name: &str, audience: Audience) -> Assessment {
    let path = format!("{}/policies/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut s = Scenario::load(std::path::Path::new(&path)).unwrap();
    s.audience = audience;
    assess(&builtin(), &s, day("2026-11-28"))
}

fn assert_complete(a: &Assessment) {
    let b = render_pdf(a, Paper::A4).unwrap();
    let pages = text_of(&b.bytes);
    let all = flat(&pages);
    let has = |needle: &str| {
        let n = needle.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(all.contains(&n), "missing from the brief: {n:?}");
    };
    has("Data residency & retention brief");
    for (i, title) in SECTION_TITLES.iter().enumerate() {
        if i == 8 && a.scenario.audience != Audience::Internal {
            assert!(
                !all.contains(title),
                "internal notes in a client-facing brief"
            );
        } else {
            has(title);
        }
    }
    for o in &a.offerings {
        has(&o.name);
    }
    for r in &a.requirements {
        has(&r.title);
        for v in &r.verdicts {
            has(&format!("{} {}", v.kind.symbol(), v.label)
                .replace("Fits with conditions", "Fits with"));
            has(&v.reason[..v.reason.len().min(40)]);
        }
    }
    for c in &a.caveats {
        has(&c.title);
        assert_eq!(
            c.internal,
            a.scenario.audience == Audience::Internal && c.internal
        );
    }
    for s in a.sources.iter().filter(|s| s.read && s.cited > 0) {
        has(&s.title);
        match s.stale_by_days {
            Some(d) => has(&format!("Overdue by {d} days")),
            None => has(&format!("Checked: {}", s.verified)),
        }
    }
    // The title block says which sources were read and how many disputes there are.
    has(&format!("Sources read {}", a.view.label));
    if a.disputes.is_empty() {
        has("Disputes None among the sources read");
    } else {
        has(&format!(
            "Disputes {} — cells where the sources read",
            a.disputes.len()
        ));
    }
    // Each dispute: the attribute and offering, every claim's source, date and quote.
    for d in &a.disputes {
        has(&format!("{} — {}", d.attribute_name, d.offering_name));
        for c in d.claims.iter() {
            has(&c.source_title);
            has(&format!("Checked {}", c.checked));
            if let Some(q) = c.cites.iter().map(|x| &x.quote).find(|q| !q.is_empty()) {
                let head: String = q.chars().take(40).collect();
                has(&head);
            }
        }
    }
    // Each reading of a disputed verdict, with its sources.
    for r in &a.requirements {
        for v in &r.verdicts {
            for x in &v.readings {
                has(&format!("as {} reads it", x.source_names.join(", ")));
            }
        }
    }
    if let Some(stale) = posture::brief::content::stale_sentence(a) {
        has(&stale);
    }
    let n = pages.len();
    for (i, p) in pages.iter().enumerate() {
        assert!(
            p.contains(&format!("Page {} of {n}", i + 1)),
            "page {} has no page number",
            i + 1
        );
    }
}

#[test]
fn the_three_examples_in_both_audiences_are_complete() {
    for name in ["eu-bank.ron", "us-pro-pilot.ron", "azure-first.ron"] {
        for audience in [Audience::ClientFacing, Audience::Internal] {
            assert_complete(&example(name, audience));
        }
    }
}

#[test]
fn internal_notes_only_in_internal_briefs() {
    let client = flat(&text_of(
        &render_pdf(
            &example("us-pro-pilot.ron", Audience::ClientFacing),
            Paper::A4,
        )
        .unwrap()
        .bytes,
    ));
    let internal = flat(&text_of(
        &render_pdf(&example("us-pro-pilot.ron", Audience::Internal), Paper::A4)
            .unwrap()
            .bytes,
    ));
    let note = "Push Team before the second wave";
    assert!(!client.contains(note));
    assert!(!client.contains("[INTERNAL]"));
    // F32 is advice the page gives clients: in both, and never marked internal.
    assert!(client.contains("Upgrade to Team or Enterprise before scale"));
    assert!(!internal.contains("[INTERNAL] Upgrade to Team or Enterprise before scale"));
    assert!(internal.contains(note));
    assert!(internal.contains("INTERNAL — for the account team only"));
    // The forward-only caveat of the opt-out is never dropped.
    assert!(client.contains("The opt-out applies forward only"));
}

#[test]
fn two_exports_are_byte_identical_and_valid() {
    let a = example("eu-bank.ron", Audience::ClientFacing);
    let one = render_pdf(&a, Paper::A4).unwrap();
    let two = render_pdf(&a, Paper::A4).unwrap();
    assert!(one.bytes == two.bytes, "exports differ");
    let doc = lopdf::Document::load_mem(&one.bytes).unwrap();
    let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_eq!(id.len(), 2);
    // A different scenario gives a different document id.
    let other = render_pdf(
        &example("azure-first.ron", Audience::ClientFacing),
        Paper::A4,
    )
    .unwrap();
    let other_doc = lopdf::Document::load_mem(&other.bytes).unwrap();
    assert_ne!(
        other_doc.trailer.get(b"ID").unwrap(),
        doc.trailer.get(b"ID").unwrap()
    );
}

#[test]
fn metadata_paper_and_outline() {
    let mut a = example("eu-bank.ron", Audience::ClientFacing);
    a.scenario.prepared_by = "Claire Dubois".into();
    let b = render_pdf(&a, Paper::Letter).unwrap();
    let doc = lopdf::Document::load_mem(&b.bytes).unwrap();
    let info_ref = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_ref).unwrap();
    let decode = |k: &[u8]| lopdf::decode_text_string(info.get(k).unwrap()).unwrap();
    assert_eq!(
        decode(b"Title"),
        "Data residency & retention brief — Banque Lumière — Luxembourg"
    );
    assert_eq!(decode(b"Author"), "Claire Dubois");
    assert!(decode(b"Keywords").contains("Amazon Bedrock"));
    let created = info.get(b"CreationDate").unwrap().as_str().unwrap();
    assert!(
        String::from_utf8_lossy(created).contains("20261128"),
        "{}",
        String::from_utf8_lossy(created)
    );
    let (_, page) = doc.get_pages().into_iter().next().unwrap();
    let media = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap();
    let w = media[2].as_float().unwrap();
    let h = media[3].as_float().unwrap();
    assert!(
        (w - 612.0).abs() < 1.0 && (h - 792.0).abs() < 1.0,
        "{w}×{h}"
    );
    let catalog = doc.catalog().unwrap();
    assert!(catalog.get(b"Outlines").is_ok(), "section bookmarks");
}

#[test]
fn accents_and_symbols_round_trip_and_missing_glyphs_are_reported() {
    let mut a = run(&["enterprise"], &[], &[]);
    a.scenario.client = "Société Générale — Zürich ≈ → ✓ 漢字".into();
    let b = render_pdf(&a, Paper::A4).unwrap();
    let all = flat(&text_of(&b.bytes));
    assert!(
        all.contains("Société Générale — Zürich ≈ → ✓ □□"),
        "{}",
        &all[..200]
    );
    assert_eq!(b.missing_glyphs, ['字', '漢']);
}

#[test]
fn staleness_warning_only_when_stale() {
    let set = builtin();
    let s = scenario(&["pro"], &[], &[]);
    let stale = flat(&text_of(
        &render_pdf(&assess(&set, &s, day("2026-11-28")), Paper::A4)
            .unwrap()
            .bytes,
    ));
    assert!(stale.contains("Stale facts."));
    let fresh = flat(&text_of(
        &render_pdf(&assess(&set, &s, day("2026-05-10")), Paper::A4)
            .unwrap()
            .bytes,
    ));
    assert!(!fresh.contains("Stale facts."));
    // Checked only against a stored copy: never "Current", and the method is named.
    assert!(fresh.contains("Due for review on 2026-05-28"), "{fresh}");
    assert!(!fresh.contains("Current"));
    assert!(fresh.contains("Checked in a stored copy (date of the copy unknown)"));
}

/// 40 offerings and long notes: many pages, headers repeated, nothing outside the page.
#[test]
fn a_long_scenario_paginates_inside_the_page() {
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
    let mut s = scenario(
        &[],
        &["region-pinning", "training-opt-out"],
        &["strict-eu-residency", "no-training", "zero-retention"],
    );
    s.offerings = set.offerings.iter().map(|o| o.id.clone()).collect();
    s.audience = Audience::Internal;
    s.notes = "A very long internal note. ".repeat(600);
    let a = assess(&set, &s, day("2026-11-28"));
    let f = fonts().unwrap();
    for paper in [Paper::A4, Paper::Letter] {
        let size = paper.size();
        let laid = lay_out(&a, f, size);
        assert!(laid.pages.len() > 15, "{} pages", laid.pages.len());
        let mut header_pages = 0;
        for page in &laid.pages {
            let mut has_header = false;
            for d in &page.items {
                if let Draw::Text {
                    x,
                    y,
                    size: pt,
                    face,
                    text,
                    ..
                } = d
                {
                    let w = f.width(*face, *pt, text);
                    assert!(
                        *x >= 49.0 && x + w <= size.width - 49.0,
                        "{text:?} outside the page horizontally ({x}, width {w})"
                    );
                    assert!(
                        *y >= 30.0 && *y <= size.height - 20.0,
                        "{text:?} outside the page vertically ({y})"
                    );
                    has_header |= text == "Attribute";
                }
            }
            header_pages += usize::from(has_header);
        }
        assert!(
            header_pages >= 10,
            "comparison header repeated on {header_pages} pages"
        );
    }
    let b = render_pdf(&a, Paper::A4).unwrap();
    let pages = text_of(&b.bytes);
    assert_eq!(pages.len(), b.pages);
    assert!(
        pages
            .last()
            .unwrap()
            .contains(&format!("Page {0} of {0}", b.pages))
    );
    let all = flat(&pages);
    let at = all
        .find("variant 39")
        .map(|i| &all[i.saturating_sub(60)..i + 12]);
    assert!(all.contains("Amazon Bedrock variant 39"), "{at:?}");
}

#[test]
fn headings_never_stand_alone_at_the_foot_of_a_page() {
    // Before: "7. Sources" sat alone at the bottom of a page of the EU bank brief.
    let f = fonts().unwrap();
    for name in ["eu-bank.ron", "us-pro-pilot.ron", "azure-first.ron"] {
        for audience in [Audience::ClientFacing, Audience::Internal] {
            let a = example(name, audience);
            for paper in [Paper::A4, Paper::Letter] {
                let laid = lay_out(&a, f, paper.size());
                for (p, page) in laid.pages.iter().enumerate() {
                    // Body text only: the running header and footer sit outside the margins.
                    let body: Vec<&str> = page
                        .items
                        .iter()
                        .filter_map(|d| match d {
                            Draw::Text { y, text, .. }
                                if *y > 50.0 && *y < paper.size().height - 45.0 =>
                            {
                                Some(text.as_str())
                            }
                            _ => None,
                        })
                        .collect();
                    if let Some(last) = body.last() {
                        assert!(
                            !SECTION_TITLES.contains(last),
                            "{name} {audience:?} {paper:?}: {last:?} alone at the foot of page {}",
                            p + 1
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn edge_shapes_export() {
    // No offering at all, sixty offerings, and a 100,000-character note with a NUL in the name.
    let set = builtin();
    let mut none = scenario(&[], &[], &["strict-eu-residency"]);
    none.client = "A\u{0}B".into();
    let a = assess(&set, &none, day("2026-11-28"));
    let b = render_pdf(&a, Paper::A4).expect("exports with no offerings");
    assert!(b.missing_glyphs.contains(&'\u{0}'), "the NUL is reported");
    assert!(flat(&text_of(&b.bytes)).contains("No offerings were chosen."));

    let mut wide = set.clone();
    let base = wide.offerings.clone();
    wide.offerings = (0..60)
        .map(|k| {
            let mut o = base[k % base.len()].clone();
            o.id = format!("{}-{k}", o.id);
            o
        })
        .collect();
    let mut s = scenario(&[], &[], &["no-training"]);
    s.offerings = wide.offerings.iter().map(|o| o.id.clone()).collect();
    s.audience = Audience::Internal;
    s.notes = "x".repeat(100_000);
    let a = assess(&wide, &s, day("2026-11-28"));
    let b = render_pdf(&a, Paper::Letter).expect("exports sixty offerings and a long note");
    let pages = text_of(&b.bytes);
    assert!(
        pages.len() > 20 && pages.len() < 400,
        "{} pages",
        pages.len()
    );
    let xs: usize = pages.iter().map(|p| p.matches('x').count()).sum();
    assert!(xs >= 100_000, "the note is there in full ({xs})");
}

#[test]
fn fonts_are_embedded_as_small_cid_keyed_subsets() {
    // Each face is a bare CID-keyed CFF holding only the glyphs drawn: no glyph names and no
    // unused subroutines (printpdf's own subset of Inter weighed about 32 KB per face).
    let b = render_pdf(&example("eu-bank.ron", Audience::ClientFacing), Paper::A4).unwrap();
    let doc = lopdf::Document::load_mem(&b.bytes).unwrap();
    let mut programs = 0;
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"FontDescriptor".as_slice()) {
            continue;
        }
        let id = d.get(b"FontFile3").unwrap().as_reference().unwrap();
        let stream = doc.get_object(id).unwrap().as_stream().unwrap();
        assert_eq!(
            stream.dict.get(b"Subtype").unwrap().as_name().unwrap(),
            b"CIDFontType0C"
        );
        let cff = stream.decompressed_content().unwrap();
        // A CID-keyed CFF's top DICT starts with the ROS operator (12 30), before any glyph.
        assert!(cff.windows(2).any(|w| w == [12, 30]), "CID-keyed");
        assert!(cff.len() < 12_000, "a face of {} bytes", cff.len());
        programs += 1;
    }
    assert_eq!(programs, 3, "regular, bold and italic");
    // The whole brief, tagged, with the vendor facts of 2026-11-30: fonts, text, structure
    // tree, outline, and its three embedded inputs (issue 22: at most 120 KB, in the strict
    // reading, 120,000 bytes; typst's tagged twin is about 250 KB).
    assert!(b.bytes.len() <= 120_000, "{} bytes", b.bytes.len());
}

#[test]
fn dates_say_when_facts_were_verified_not_only_when_staleness_was_computed() {
    let b = render_pdf(&example("eu-bank.ron", Audience::ClientFacing), Paper::A4).unwrap();
    let all = flat(&text_of(&b.bytes));
    // Title block and every footer: the days the facts were verified, apart from the day
    // staleness was computed. Never "facts as of" the export day.
    assert!(all.contains("Staleness as of 2026-11-28"), "{all}");
    assert!(
        all.matches("Facts verified 2026-04-28 to 2026-11-30 · staleness as of 2026-11-28")
            .count()
            >= b.pages - 1,
        "a footer on every page after the first"
    );
    assert!(!all.contains("Assessed on") && !all.to_lowercase().contains("facts as of"));
    // With no client named, the running header does not end in a dangling dash.
    let mut a = example("eu-bank.ron", Audience::ClientFacing);
    a.scenario.client.clear();
    let b = render_pdf(&a, Paper::A4).unwrap();
    let pages = text_of(&b.bytes);
    assert!(pages[1].contains("Data residency & retention brief"));
    assert!(!flat(&pages).contains("brief — —"));
}

#[test]
fn a_brief_carries_its_inputs_and_they_read_back() {
    use posture::brief::inputs;
    for audience in [Audience::ClientFacing, Audience::Internal] {
        let path = format!(
            "{}/policies/examples/eu-bank.ron",
            env!("CARGO_MANIFEST_DIR")
        );
        let mut scenario = Scenario::load(std::path::Path::new(&path)).unwrap();
        scenario.audience = audience;
        scenario.notes = "Push Team before wave two".into();
        let a = assess(&builtin(), &scenario, day("2026-11-28"));
        let b = render_pdf(&a, Paper::A4).unwrap();
        // Three files, listed in the catalog's name tree (what `pdfdetach -list` reads).
        let doc = lopdf::Document::load_mem(&b.bytes).unwrap();
        let names = doc
            .catalog()
            .unwrap()
            .get(b"Names")
            .unwrap()
            .as_dict()
            .unwrap()
            .get(b"EmbeddedFiles")
            .unwrap()
            .as_reference()
            .unwrap();
        let tree = doc.get_object(names).unwrap().as_dict().unwrap();
        let listed: Vec<String> = tree
            .get(b"Names")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|o| {
                o.as_str()
                    .ok()
                    .map(|s| String::from_utf8_lossy(s).into_owned())
            })
            .collect();
        assert_eq!(
            listed,
            ["assessment.json", "policy-set.json", "scenario.ron"]
        );
        // Read back: the same scenario, except that a client-facing brief carries no notes.
        let back = inputs::read(&b.bytes).unwrap();
        let mut expected = scenario.clone();
        if audience == Audience::ClientFacing {
            expected.notes.clear();
        }
        assert_eq!(back.scenario, expected);
        assert_eq!(back.policy.hash, a.policy.hash);
        assert_eq!(back.policy.today, "2026-11-28");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&back.assessment_json).unwrap(),
            serde_json::to_value(&a).unwrap()
        );
        // And it makes the same brief again.
        let again = assess(&builtin(), &back.scenario, day("2026-11-28"));
        assert_eq!(render_pdf(&again, Paper::A4).unwrap().bytes, b.bytes);
    }
}

#[test]
fn a_brief_claims_no_conformance_it_does_not_meet() {
    let b = render_pdf(&example("eu-bank.ron", Audience::ClientFacing), Paper::A4).unwrap();
    let doc = lopdf::Document::load_mem(&b.bytes).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_object(info).unwrap().as_dict().unwrap();
    assert!(info.get(b"GTS_PDFXVersion").is_err(), "no PDF/X marker");
}

#[test]
fn any_pdf_gets_an_answer_never_a_panic() {
    use posture::brief::inputs::read;
    let good = render_pdf(&example("eu-bank.ron", Audience::ClientFacing), Paper::A4)
        .unwrap()
        .bytes;
    // Truncated at many points, every byte of the header flipped, junk, and a PDF without inputs.
    for cut in [0, 5, 100, good.len() / 3, good.len() / 2, good.len() - 10] {
        assert!(read(&good[..cut]).is_err(), "cut at {cut}");
    }
    let mut flipped = good.clone();
    for b in flipped.iter_mut().skip(9).step_by(97) {
        *b ^= 0x5a;
    }
    let _ = read(&flipped);
    assert!(read(b"not a pdf at all").is_err());
    // Too large: refused before it is parsed.
    let huge = vec![b' '; posture::brief::inputs::MAX_PDF_BYTES + 1];
    let e = read(&huge).unwrap_err();
    assert!(e.to_string().contains("at most"), "{e}");
    // A PDF posture did not make.
    let mut doc = lopdf::Document::with_version("1.5");
    let pages = doc.new_object_id();
    let page = doc.add_object(lopdf::dictionary! { "Type" => "Page", "Parent" => pages });
    doc.objects.insert(
        pages,
        lopdf::Object::Dictionary(lopdf::dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1
        }),
    );
    let catalog = doc.add_object(lopdf::dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut other = Vec::new();
    doc.save_to(&mut other).unwrap();
    let e = read(&other).unwrap_err();
    assert!(e.to_string().contains("carries no posture inputs"), "{e}");
}

#[test]
fn a_brief_can_say_what_changed_since_an_earlier_one_and_still_reproduce() {
    use posture::engine::changes::{ChangesSince, Snapshot, changes};
    let a = example("eu-bank.ron", Audience::ClientFacing);
    // The earlier brief's assessment, as if Bedrock's strict-EU verdict had been a plain fit.
    let mut then = serde_json::to_value(&a).unwrap();
    let req = then["requirements"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["id"] == "strict-eu-residency")
        .unwrap();
    let v = req["verdicts"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|v| v["offering"] == "bedrock")
        .unwrap();
    v["kind"] = "Fits".into();
    v["label"] = "Fits".into();
    let since = ChangesSince {
        date: "2026-10-01".into(),
        changes: changes(&Snapshot::read(&then), &Snapshot::of(&a)),
    };
    assert_eq!(since.changes.len(), 1);
    let b = posture::brief::render_pdf_with(&a, Paper::A4, Some(&since)).unwrap();
    let all = flat(&text_of(&b.bytes));
    assert!(
        all.contains("Changes since the brief of 2026-10-01"),
        "{all}"
    );
    assert!(
        all.contains(
            "Verdict: Strict EU residency — Amazon Bedrock: ✓ Fits → ≈ Fits with conditions"
        ),
        "{all}"
    );
    // The section is an input like the others: read back, it makes the same bytes again.
    let back = posture::brief::inputs::read(&b.bytes).unwrap();
    assert_eq!(back.since.as_ref(), Some(&since));
    let again = assess(&builtin(), &back.scenario, day("2026-11-28"));
    let again = posture::brief::render_pdf_with(&again, Paper::A4, back.since.as_ref()).unwrap();
    assert_eq!(again.bytes, b.bytes);
    // A brief without the section carries no such file.
    let plain = render_pdf(&a, Paper::A4).unwrap();
    assert!(
        posture::brief::inputs::read(&plain.bytes)
            .unwrap()
            .since
            .is_none()
    );
}

#[test]
fn attachments_that_do_not_parse_and_encrypted_pdfs_are_refused_plainly() {
    use posture::brief::inputs::read;
    let good = render_pdf(&example("eu-bank.ron", Audience::ClientFacing), Paper::A4)
        .unwrap()
        .bytes;
    // Each attachment in turn replaced by something that is not RON / JSON.
    for (name, expected) in [
        ("scenario.ron", "the embedded `scenario.ron` does not read"),
        (
            "policy-set.json",
            "the embedded `policy-set.json` does not read",
        ),
        (
            "assessment.json",
            "the embedded `assessment.json` does not read",
        ),
    ] {
        let mut doc = lopdf::Document::load_mem(&good).unwrap();
        let target = doc
            .objects
            .iter()
            .find_map(|(id, o)| {
                let d = o.as_dict().ok()?;
                (d.get(b"UF").ok()?.as_str().ok()? == name.as_bytes())
                    .then(|| {
                        d.get(b"EF")
                            .ok()?
                            .as_dict()
                            .ok()?
                            .get(b"F")
                            .ok()?
                            .as_reference()
                            .ok()
                    })
                    .flatten()
                    .map(|_| *id)
            })
            .unwrap();
        let stream_id = doc
            .get_object(target)
            .unwrap()
            .as_dict()
            .unwrap()
            .get(b"EF")
            .unwrap()
            .as_dict()
            .unwrap()
            .get(b"F")
            .unwrap()
            .as_reference()
            .unwrap();
        let stream = doc
            .get_object_mut(stream_id)
            .unwrap()
            .as_stream_mut()
            .unwrap();
        stream.dict.remove(b"Filter");
        stream.set_content(b"{ not: [valid".to_vec());
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let e = read(&bytes).unwrap_err();
        assert!(e.to_string().contains(expected), "{name}: {e}");
    }
    // An encrypted PDF: refused with a message, never a panic.
    let mut doc = lopdf::Document::load_mem(&good).unwrap();
    let mut enc = lopdf::Dictionary::new();
    enc.set("Filter", lopdf::Object::Name(b"Standard".to_vec()));
    for (k, v) in [("V", 1), ("R", 2), ("Length", 40), ("P", -4)] {
        enc.set(k, lopdf::Object::Integer(v));
    }
    enc.set("O", lopdf::Object::string_literal(vec![0u8; 32]));
    enc.set("U", lopdf::Object::string_literal(vec![0u8; 32]));
    let enc = doc.add_object(enc);
    doc.trailer.set("Encrypt", enc);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    assert!(read(&bytes).is_err());
}

#[test]
fn csv_keeps_quotes_with_commas_quotes_and_line_breaks_intact() {
    let mut a = example("eu-bank.ron", Audience::ClientFacing);
    let nasty = "He said \"no\", twice;\nthen \"yes\" — «oui», 是";
    // A cell that is not disputed: its row quotes the source whose value is shown.
    let (ri, ci) = a
        .rows
        .iter()
        .enumerate()
        .find_map(|(ri, r)| r.cells.iter().position(|c| !c.disputed).map(|ci| (ri, ci)))
        .unwrap();
    let (attribute, offering) = (
        a.rows[ri].attribute.clone(),
        a.rows[ri].cells[ci].offering.clone(),
    );
    let cell = std::sync::Arc::make_mut(&mut a.rows[ri].cells[ci]);
    let claims = std::sync::Arc::make_mut(&mut cell.claims);
    claims[0].cites[0].quote = nasty.to_string();
    let bytes = posture::brief::questionnaire::to_csv(&a).unwrap();
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let row = r
        .records()
        .map(|x| x.unwrap())
        .find(|x| {
            x[col("requirement or attribute id")] == *attribute
                && x[col("offering id")] == *offering
        })
        .unwrap();
    assert_eq!(&row[col("quote")], nasty);
}

/// A questionnaire tool reads the CSV: each row is stale only if a source it cites is past its
/// review, and every side of each dispute has a row of its own, tied by the "dispute" column.
#[test]
fn csv_staleness_is_per_row_and_every_side_of_a_dispute_has_a_row() {
    let a = example("eu-bank.ron", Audience::ClientFacing);
    let bytes = posture::brief::questionnaire::to_csv(&a).unwrap();
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let stale_sources: Vec<&str> = a
        .sources
        .iter()
        .filter(|s| s.stale_by_days.is_some())
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        stale_sources.len(),
        1,
        "only the third-party page is overdue"
    );
    for row in &rows {
        let stale = &row[col("stale")] == "yes";
        let source = &row[col("source")];
        if !source.is_empty() && &row[col("kind")] != "verdict" {
            assert_eq!(stale, stale_sources.contains(&source), "{row:?}");
        }
    }
    assert!(
        rows.iter()
            .any(|r| &r[col("stale")] == "no" && r[col("source kind")].contains("Vendor")),
        "rows citing the vendor's current docs are not stale"
    );
    for d in &a.disputes {
        let tie = format!("{} / {}", d.attribute, d.offering);
        let sides: Vec<&csv::StringRecord> =
            rows.iter().filter(|r| r[col("dispute")] == *tie).collect();
        assert_eq!(sides.len(), d.claims.len(), "{tie}");
        for (side, claim) in sides.iter().zip(d.claims.iter()) {
            assert_eq!(&side[col("value or verdict")], claim.text.as_str());
            assert_eq!(&side[col("source")], claim.source_title.as_str());
            assert!(!side[col("source kind")].is_empty());
            assert_eq!(&side[col("disputed")], "yes");
        }
    }
    assert!(!a.disputes.is_empty());
}

/// The Markdown says where the sources disagree, every side with who wrote it.
#[test]
fn markdown_has_every_side_of_each_dispute() {
    let a = example("eu-bank.ron", Audience::ClientFacing);
    let md = posture::brief::questionnaire::to_markdown(&a);
    assert!(md.contains("## Where the sources disagree"));
    for d in &a.disputes {
        assert!(md.contains(&format!("### ≠ {} — {}", d.attribute_name, d.offering_name)));
        for c in d.claims.iter() {
            assert!(
                md.contains(&format!("**{}**", c.source_short)),
                "{}",
                c.source_short
            );
        }
    }
    assert!(md.contains("(third-party summary, checked 2026-04-28, "));
}

/// The stale box names what is stale: one overdue source among current ones is named with its
/// days, never "every statement"; a view that reads only the overdue source says all.
#[test]
fn the_stale_box_names_exactly_what_is_stale() {
    use posture::brief::content::stale_sentence;
    let a = example("eu-bank.ron", Audience::ClientFacing);
    let one = stale_sentence(&a).expect("the third-party page is overdue");
    assert!(
        one.starts_with(
            "⚠ Stale facts. Statements citing Tinkso (third-party page), marked ●, rest on a source"
        ),
        "{one}"
    );
    assert!(
        one.contains("days past its review") && !one.contains("Every statement"),
        "{one}"
    );
    let current = a
        .sources
        .iter()
        .filter(|s| s.read && s.cited > 0 && s.stale_by_days.is_none())
        .count();
    assert!(one.contains(&format!(
        "The other {current} sources cited here are within their review period"
    )));
    // The page alone: every statement rests on it.
    let mut s = Scenario::load(std::path::Path::new(&format!(
        "{}/policies/examples/eu-bank.ron",
        env!("CARGO_MANIFEST_DIR")
    )))
    .unwrap();
    s.sources = vec!["cowork-page".into()];
    let page = assess(&builtin(), &s, day("2026-11-28"));
    let all = stale_sentence(&page).unwrap();
    assert!(all.starts_with("⚠ Stale facts. Every statement below rests on sources past their review date: Tinkso (third-party page) ("), "{all}");
    // Nothing stale: no box.
    let fresh = assess(&builtin(), &s, day("2026-05-10"));
    assert!(stale_sentence(&fresh).is_none());
}

/// A source's note is research for the team: it appears in an internal brief, never in a
/// client-facing one.
#[test]
fn research_notes_appear_only_in_internal_briefs() {
    for name in ["eu-bank.ron", "us-pro-pilot.ron", "azure-first.ron"] {
        let client = example(name, Audience::ClientFacing);
        let internal = example(name, Audience::Internal);
        let text = |a: &Assessment| flat(&text_of(&render_pdf(a, Paper::A4).unwrap().bytes));
        let (c, i) = (text(&client), text(&internal));
        let noted: Vec<&str> = client
            .sources
            .iter()
            .filter(|s| s.read && s.cited > 0 && !s.note.is_empty())
            .map(|s| s.note.as_str())
            .collect();
        assert!(!noted.is_empty(), "{name}");
        assert!(!c.contains("Note (internal):"), "{name}");
        assert!(i.contains("Note (internal):"), "{name}");
    }
}

/// No heading ends a page: a heading with nothing under it but its intro or legend goes to the
/// next page with what follows. Every example, both audiences, A4 and Letter.
#[test]
fn no_heading_is_left_alone_at_the_foot_of_a_page() {
    use posture::brief::tags::{Role, Tag};
    let fonts = fonts().unwrap();
    for name in ["eu-bank.ron", "us-pro-pilot.ron", "azure-first.ron"] {
        for audience in [Audience::ClientFacing, Audience::Internal] {
            for paper in [Paper::A4, Paper::Letter] {
                let a = example(name, audience);
                let laid = lay_out(&a, fonts, paper.size());
                let role = |d: &Draw| match d {
                    Draw::Text {
                        tag: Tag::Elem(id),
                        text,
                        ..
                    } if !text.is_empty() => laid.tree.role(*id).map(|r| (r, *id)),
                    _ => None,
                };
                for (n, page) in laid.pages.iter().enumerate() {
                    let Some(next) = laid.pages.get(n + 1) else {
                        continue;
                    };
                    let elems: Vec<(Role, u32)> = page.items.iter().filter_map(role).collect();
                    let Some(last_heading) = elems
                        .iter()
                        .rposition(|(r, _)| matches!(r, Role::H2 | Role::H3))
                    else {
                        continue;
                    };
                    let after: std::collections::BTreeSet<u32> = elems[last_heading + 1..]
                        .iter()
                        .filter(|(r, _)| !matches!(r, Role::H2 | Role::H3))
                        .map(|(_, id)| *id)
                        .collect();
                    let heading = elems[last_heading].0;
                    let intro_only = after.len() <= 1
                        && elems[last_heading + 1..]
                            .iter()
                            .all(|(r, _)| matches!(r, Role::P | Role::H2 | Role::H3));
                    // What the section goes on with on the next page: its table or list (after
                    // a heading with only its intro), or a subsection (after a section heading).
                    let section_goes_on =
                        next.items
                            .iter()
                            .filter_map(role)
                            .next()
                            .is_some_and(|(r, _)| match r {
                                Role::Table
                                | Role::TR
                                | Role::TH(_)
                                | Role::TD
                                | Role::L
                                | Role::LI
                                | Role::LBody => true,
                                Role::H3 => heading == Role::H2,
                                _ => after.is_empty(),
                            });
                    assert!(
                        !(intro_only && section_goes_on),
                        "{name} {audience:?} {paper:?}: page {} ends with a heading and at most its intro",
                        n + 1
                    );
                }
            }
        }
    }
}

/// An action or caveat that rests on a fact the sources disagree on says so, and points to
/// where the sides are set out; one that does not, does not.
#[test]
fn actions_and_caveats_on_a_disputed_fact_are_marked() {
    let a = example("eu-bank.ron", Audience::ClientFacing);
    let all = flat(&text_of(&render_pdf(&a, Paper::A4).unwrap().bytes));
    let marker = "≠ The sources disagree on a fact this rests on: see Appendix A.";
    let pin = all
        .find("Ask whether region pinning can be contracted")
        .expect("the pin action");
    let after = &all[pin..];
    let end = after.find('☐').map_or(after.len(), |i| i.max(1));
    assert!(
        after[..end.max(400).min(after.len())].contains(marker),
        "{}",
        &after[..400.min(after.len())]
    );
    assert!(
        all.matches(marker).count() < a.caveats.len(),
        "not every caveat rests on a dispute"
    );
}
