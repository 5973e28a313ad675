//! Loading and validation: syntax errors are located; semantic errors are all collected.
use posture::model::load::BUILTIN_FILES;
use posture::model::{SourceFile, load_dir, load_files};

fn files_with(edit: impl Fn(&str, &str) -> String) -> Vec<SourceFile> {
    BUILTIN_FILES
        .iter()
        .map(|(n, t)| SourceFile {
            name: n.to_string(),
            text: edit(n, t),
        })
        .collect()
}

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("needle present")]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn builtin_set_is_valid() {
    let set = posture::model::load_builtin().expect("valid");
    assert_eq!(set.offerings.len(), 7);
    assert_eq!(set.content_hash.len(), 12);
    // The policies/ folder on disk is the same set (examples/ is ignored).
    let dir = load_dir(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies"
    )))
    .expect("valid");
    assert_eq!(dir.content_hash, set.content_hash);
}

#[test]
fn syntax_error_names_file_line_column() {
    let files = files_with(|n, t| {
        if n.ends_with("options.ron") {
            t.replacen("requires: Contract,", "requires: Contract", 1)
        } else {
            t.to_string()
        }
    });
    let errs = load_files(&files, "test").unwrap_err().0;
    assert_eq!(errs.len(), 1, "{errs:?}");
    let e = &errs[0];
    assert!(e.file.ends_with("options.ron"));
    let text = &files[2].text;
    let want = line_of(text, "requires: Contract\n") + 1;
    assert_eq!(e.line, want, "{e}");
    assert!(e.column > 0);
    assert!(e.to_string().starts_with("policies/options.ron:"), "{e}");
}

#[test]
fn semantic_errors_are_all_collected_and_located() {
    let files = files_with(|n, t| {
        let mut t = t.to_string();
        if n.ends_with("offerings.ron") {
            // wrong kind, unknown attribute, and a missing value (memory removed from max)
            t = t.replacen(
                "(attribute: \"training\", value: Yes,",
                "(attribute: \"training\", value: Text(\"yes\"),",
                1,
            );
            t = t.replacen(
                "(attribute: \"billing\", value: Choice(\"vendor\")",
                "(attribute: \"billling\", value: Choice(\"vendor\")",
                1,
            );
        }
        if n.ends_with("options.ron") {
            t = t.replacen(
                "applies_to: [\"enterprise\"],",
                "applies_to: [\"enterprize\"],",
                1,
            );
            t = t.replacen(
                "(attribute: \"region-pinning\", value: Choice(\"contracted\"))",
                "(attribute: \"billing\", value: Choice(\"aws\"))",
                1,
            );
        }
        if n.ends_with("set.ron") {
            t = t.replacen("verified: \"2026-04-28\"", "verified: \"2026-04-31\"", 1);
        }
        if n.ends_with("caveats.ron") {
            t = t.replacen("id: \"monthly-reverify\"", "id: \"verify-trust-center\"", 1);
            t = t.replacen(
                "(source: \"cowork-page\", locator: \"Try this\"",
                "(source: \"cowork-pages\", locator: \"Try this\"",
                1,
            );
        }
        t
    });
    let errs = load_files(&files, "test").unwrap_err().0;
    let text: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    let has = |needle: &str| text.iter().any(|t| t.contains(needle));
    assert!(has("expected a value of kind YesNo"), "{text:#?}");
    assert!(has("unknown attribute `billling`"), "{text:#?}");
    assert!(has("has no value for attribute `billing`"), "{text:#?}");
    assert!(has("unknown offering `enterprize`"), "{text:#?}");
    assert!(has("which is locked"), "{text:#?}");
    assert!(has("malformed `verified` date"), "{text:#?}");
    assert!(
        has("duplicate caveat id `verify-trust-center`"),
        "{text:#?}"
    );
    assert!(has("unknown source `cowork-pages`"), "{text:#?}");
    // Located at the offending line, not just the file.
    let wrong_kind = errs
        .iter()
        .find(|e| e.message.contains("expected a value of kind YesNo"))
        .unwrap();
    assert_eq!(
        wrong_kind.line,
        line_of(&files[1].text, "value: Text(\"yes\")"),
        "{wrong_kind}"
    );
    let date = errs
        .iter()
        .find(|e| e.message.contains("malformed"))
        .unwrap();
    assert_eq!(date.line, line_of(&files[0].text, "2026-04-31"));
}

#[test]
fn hostile_input_is_refused_without_panic() {
    let dir = std::env::temp_dir().join(format!("posture-validation-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.ron"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let e = load_dir(&dir).unwrap_err();
    assert!(e.to_string().contains("not UTF-8"), "{e}");
    std::fs::write(dir.join("a.ron"), vec![b' '; 5 * 1024 * 1024]).unwrap();
    let e = load_dir(&dir).unwrap_err();
    assert!(
        e.to_string().contains("a file here may be at most 4 MB"),
        "{e}"
    );
    std::fs::write(
        dir.join("a.ron"),
        "((((((((((((((((((((((((((((((((((((((((((((((",
    )
    .unwrap();
    assert!(load_dir(&dir).is_err());
    std::fs::write(dir.join("a.ron"), "").unwrap();
    assert!(load_dir(&dir).unwrap_err().to_string().contains("empty"));
    assert!(
        load_dir(&dir.join("missing"))
            .unwrap_err()
            .to_string()
            .contains("no file there")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn claims_must_say_truly_how_they_stand_and_be_one_sources_word() {
    let files = files_with(|n, t| {
        if n.ends_with("vendor-docs.ron") {
            t
                // Marked Disputes, yet the same value as the page's (Enterprise zero retention is
                // "negotiable" on the page).
                .replacen(
                    r#"attribute: "zero-retention", value: Choice("not-eligible"), label: "Not for Cowork — Cowork sessions are not covered by ZDR", relation: Disputes"#,
                    r#"attribute: "zero-retention", value: Choice("negotiable"), label: "Not for Cowork — Cowork sessions are not covered by ZDR", relation: Disputes"#,
                    1,
                )
                // A claim citing a second source.
                .replacen(
                    r#"relation: Disputes, cite: [(source: "v-us-only-inference", locator: "When the setting is off", quote: "When the setting is off, inference may be routed to servers in other regions for speed and availability."), (source: "v-us-only-inference", locator: "Availability", quote: "US-only inference is available on usage-based Enterprise plans.")"#,
                    r#"relation: Disputes, cite: [(source: "v-us-only-inference", locator: "When the setting is off", quote: "When the setting is off, inference may be routed to servers in other regions for speed and availability."), (source: "cowork-page", locator: "Availability", quote: "x")"#,
                    1,
                )
                // A claim about an option that does not exist.
                .replacen(r#"option: "region-pinning", value: Location(VendorAnyRegion)"#, r#"option: "region-pinnnig", value: Location(VendorAnyRegion)"#, 1)
        } else {
            t.to_string()
        }
    });
    let errors = load_files(&files, "test").unwrap_err().0;
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    let has = |needle: &str| {
        assert!(
            text.iter().any(|t| t.contains(needle)),
            "no error with {needle:?} in {text:#?}"
        )
    };
    has(
        "claim `zdr-enterprise-cowork`: on `enterprise`: is marked `Disputes` but gives the same value",
    );
    has("claim `enterprise-processing`: cites two sources");
    has("claim `pinning-processing`: unknown option `region-pinnnig`");
    // Each error is located in the vendor file.
    assert!(
        errors
            .iter()
            .all(|e| e.file.ends_with("vendor-docs.ron") && e.line > 0),
        "{text:#?}"
    );
}

#[test]
fn policy_files_from_windows_editors_load() {
    // A byte-order mark and CR LF line ends, as Notepad writes them: before, `1:1: Expected
    // opening '('`.
    let files = files_with(|_, t| format!("\u{feff}{}", t.replace('\n', "\r\n")));
    let set = load_files(&files, "test").unwrap_or_else(|e| panic!("{e}"));
    let builtin = posture::model::load_builtin().unwrap();
    assert_eq!(set.offerings.len(), builtin.offerings.len());
    assert_eq!(set.claims.len(), builtin.claims.len());
    // Errors are still located by line in such files.
    let files = files_with(|n, t| {
        let t = t.replace('\n', "\r\n");
        if n.ends_with("options.ron") {
            format!(
                "\u{feff}{}",
                t.replacen("requires: Contract,", "requires: Contract", 1)
            )
        } else {
            t
        }
    });
    let e = &load_files(&files, "test").unwrap_err().0[0];
    let text = BUILTIN_FILES
        .iter()
        .find(|(n, _)| n.ends_with("options.ron"))
        .unwrap()
        .1;
    assert_eq!(e.line, line_of(text, "requires: Contract,") + 1, "{e}");
}

#[test]
fn limits_are_errors_with_their_place() {
    let deep = format!(
        "when: {}Is(\"training\", No){},",
        "Not(".repeat(20),
        ")".repeat(20)
    );
    let files = files_with(|n, t| {
        if n.ends_with("offerings.ron") {
            t.replacen("name: \"Pro\",", "name: \"Pro\u{0}\",", 1)
        } else if n.ends_with("requirements.ron") {
            t.replacen(
                "explain: \"Prompts and outputs must not be used to improve future models.\",",
                &format!("explain: \"{}\",", "long ".repeat(1200)),
                1,
            )
            .replacen("when: Is(\"training\", NotApplicable),", &deep, 1)
        } else {
            t.to_string()
        }
    });
    let errors = load_files(&files, "test").unwrap_err().0;
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    let find = |needle: &str| {
        errors
            .iter()
            .find(|e| e.message.contains(needle))
            .unwrap_or_else(|| panic!("no error with {needle:?} in {text:#?}"))
    };
    let nul = find("contains the control character U+0000");
    assert!(nul.file.ends_with("offerings.ron") && nul.line > 0, "{nul}");
    assert!(nul.message.starts_with("offering `pro`: `name`"), "{nul}");
    let long = find("`explain` is 6000 characters; the limit is 5000");
    assert!(
        long.file.ends_with("requirements.ron") && long.line > 0,
        "{long}"
    );
    let deep = find("nests `All`/`Any`/`Not` deeper than 16");
    assert!(deep.line > 0, "{deep}");
}

/// Plain messages: a folder with several broken files lists each file's problem at once, and
/// files that are not what was expected say what they are.
#[test]
fn every_broken_file_is_named_and_wrong_files_say_what_they_are() {
    let dir = std::env::temp_dir().join(format!("posture-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (n, t) in BUILTIN_FILES {
        let name = std::path::Path::new(n).file_name().unwrap();
        std::fs::write(dir.join(name), t).unwrap();
    }
    // One file not UTF-8, another with a syntax error.
    std::fs::write(dir.join("caveats.ron"), b"(\xff\xfe)").unwrap();
    std::fs::write(dir.join("options.ron"), "( options: [ ( id: ) ] )").unwrap();
    let errors = load_dir(&dir).unwrap_err().0;
    let files: Vec<&str> = errors.iter().map(|e| e.file.as_str()).collect();
    assert!(
        files.iter().any(|f| f.ends_with("caveats.ron")),
        "{errors:?}"
    );
    assert!(
        files.iter().any(|f| f.ends_with("options.ron")),
        "{errors:?}"
    );
    let syntax = errors
        .iter()
        .find(|e| e.file.ends_with("options.ron"))
        .unwrap();
    assert!(syntax.line == 1 && syntax.column > 1, "{syntax:?}");

    // A scenario that is a PDF, a folder, or too large.
    let pdf = dir.join("brief.pdf");
    std::fs::write(&pdf, b"%PDF-1.5\n%binary\n").unwrap();
    let e = posture::model::Scenario::load(&pdf).unwrap_err();
    assert_eq!(e.message, "this is a PDF, not a scenario (.ron)");
    let e = posture::model::Scenario::load(&dir).unwrap_err();
    assert_eq!(e.message, "that is a folder, not a file");
    let big = dir.join("big.ron");
    std::fs::write(&big, vec![b' '; 50 * 1024 * 1024]).unwrap();
    let e = posture::model::Scenario::load(&big).unwrap_err();
    assert_eq!(e.message, "50 MB — a file here may be at most 4 MB");
    std::fs::remove_dir_all(&dir).unwrap();
}
