//! The command line, run as a user would.
use std::process::Command;

fn posture(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_posture"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn manifest(p: &str) -> String {
    format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn check_default_and_policies_folder() {
    let (code, out, _) = posture(&["check"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("ok: "), "{out}");
    assert!(out.contains("7 offerings"));
    let (code, _, _) = posture(&["check", &manifest("policies")]);
    assert_eq!(code, 0);
}

#[test]
fn check_broken_file_points_at_the_line() {
    let dir = std::env::temp_dir().join(format!("posture-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["set", "offerings", "options", "requirements", "caveats"] {
        let text = std::fs::read_to_string(manifest(&format!("policies/{f}.ron"))).unwrap();
        let text = if f == "offerings" {
            text.replacen(
                "value: Retention(OrgControlled)",
                "value: Retention(OrgControled)",
                1,
            )
        } else {
            text
        };
        std::fs::write(dir.join(format!("{f}.ron")), text).unwrap();
    }
    let (code, _, err) = posture(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let text = std::fs::read_to_string(dir.join("offerings.ron")).unwrap();
    let line = text[..text.find("OrgControled").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(err.contains(&format!("offerings.ron:{line}:")), "{err}");
    assert!(err.contains("OrgControled"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn assess_from_flags_text() {
    let (code, out, _) = posture(&[
        "assess",
        "--offering",
        "pro",
        "--offering",
        "enterprise",
        "--offering",
        "foundry",
        "--require",
        "strict-eu-residency",
        "--today",
        "2026-11-28",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("Strict EU residency"), "{out}");
    assert!(out.contains("✗ Does not fit"), "{out}");
    assert!(out.contains("≈ Fits with conditions"), "{out}");
    assert!(out.contains("STALE"), "{out}");
    assert!(out.contains("214 days ago"), "{out}");
}

#[test]
fn assess_example_scenario_json() {
    let (code, out, _) = posture(&[
        "assess",
        "--scenario",
        &manifest("policies/examples/eu-bank.ron"),
        "--format",
        "json",
        "--today",
        "2026-11-28",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let reqs = v["requirements"].as_array().unwrap();
    let eu = reqs
        .iter()
        .find(|r| r["id"] == "strict-eu-residency")
        .unwrap();
    let kinds: Vec<&str> = eu["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["kind"].as_str().unwrap())
        .collect();
    // enterprise (pinned): the page says it fits, the vendor's documentation says there is no EU
    // processing to pin — the sources disagree. Then bedrock, vertex, foundry.
    assert_eq!(
        kinds,
        [
            "Disputed",
            "FitsWithConditions",
            "FitsWithConditions",
            "DoesNotFit"
        ]
    );
    assert_eq!(v["view"]["all"], true);

    // `--sources cowork-page`: exactly what the page alone supports.
    let (code, out, _) = posture(&[
        "assess",
        "--scenario",
        &manifest("policies/examples/eu-bank.ron"),
        "--sources",
        "cowork-page",
        "--format",
        "json",
        "--today",
        "2026-11-28",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let eu = v["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "strict-eu-residency")
        .unwrap();
    assert_eq!(eu["verdicts"][0]["kind"], "Fits");
    assert_eq!(v["view"]["sources"][0], "cowork-page");
    assert!(v["disputes"].as_array().unwrap().is_empty());

    // A source the set does not have is a clear error.
    let (code, _, err) = posture(&["assess", "--offering", "pro", "--sources", "cowork-pgae"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown source `cowork-pgae`"), "{err}");
    // The text output names the sources read and marks disputed cells.
    let (code, out, _) = posture(&[
        "assess",
        "--offering",
        "enterprise",
        "--option",
        "region-pinning",
        "--require",
        "strict-eu-residency",
        "--today",
        "2026-11-28",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("Sources read: All 31 sources"), "{out}");
    assert!(out.contains("≠ Sources disagree"), "{out}");
    assert!(
        out.contains("as Tinkso (third-party page) reads it (184 days past its review): ✓ Fits"),
        "{out}"
    );
    assert!(out.contains("[DISPUTED"), "{out}");
}

#[test]
fn assess_bad_input_is_a_clear_error() {
    let (code, _, err) = posture(&["assess"]);
    assert_eq!(code, 2);
    assert!(err.contains("no offerings"), "{err}");
    let (code, _, err) = posture(&["assess", "--offering", "pro", "--today", "2026-02-30"]);
    assert_eq!(code, 2);
    assert!(err.contains("--today"), "{err}");
    let (code, _, err) = posture(&["assess", "--scenario", "/nonexistent/s.ron"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no file there") && !err.contains("os error"),
        "{err}"
    );
    // Unknown ids are warnings, not failures.
    let (code, _, err) = posture(&[
        "assess",
        "--offering",
        "pro",
        "--offering",
        "prO",
        "--today",
        "2026-11-28",
    ]);
    assert_eq!(code, 0);
    assert!(err.contains("`prO`"), "{err}");
}

/// A copy of the built-in policy files in a temporary folder, with one edit.
fn policies_copy(tag: &str, edit: impl Fn(&str, String) -> String) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("posture-cli-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(manifest("policies")).unwrap().flatten() {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "ron") {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            std::fs::write(dir.join(&name), edit(&name, text)).unwrap();
        }
    }
    dir
}

#[test]
fn verify_and_diff_a_brief() {
    let dir = std::env::temp_dir().join(format!("posture-cli-brief-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let brief = dir.join("brief.pdf");
    let brief = brief.to_str().unwrap();
    let (code, _, err) = posture(&[
        "export",
        "--offering",
        "pro",
        "--offering",
        "team",
        "--require",
        "no-training",
        "--client",
        "Acme",
        "--today",
        "2026-11-28",
        "--paper",
        "letter",
        "--out",
        brief,
    ]);
    assert_eq!(code, 0, "{err}");

    // Untouched: reproduced exactly, from the inputs and the day it carries (and its paper).
    let (code, out, err) = posture(&["verify", brief]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("reproduced exactly"), "{out}");

    // One fact changed in a copy of the set: Pro no longer trains on conversations by default.
    let changed = policies_copy("fact", |name, text| {
        if name != "offerings.ron" {
            return text;
        }
        text.replacen(
            "(attribute: \"training\", value: Yes, label: \"Yes, by default\"",
            "(attribute: \"training\", value: No, label: \"No (changed)\"",
            1,
        )
    });
    let changed = changed.to_str().unwrap();
    let diff = [
        "diff",
        brief,
        "--policies",
        changed,
        "--today",
        "2026-11-28",
    ];
    let (code, out, err) = posture(&diff);
    assert_eq!(code, 3, "{out}{err}");
    let lines = |kind: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.trim_start().starts_with(kind))
            .map(str::to_string)
            .collect()
    };
    let values = lines("Value:");
    assert_eq!(values.len(), 1, "{out}");
    assert!(
        values[0].contains("— Pro: Yes, by default → No (changed)"),
        "{out}"
    );
    let verdicts = lines("Verdict:");
    assert_eq!(verdicts.len(), 1, "{out}");
    assert!(
        verdicts[0].contains("No training on our data — Pro: ≈ Fits with conditions →"),
        "{out}"
    );
    // As JSON, for CI.
    let (code, out, _) = posture(&[&diff[..], &["--format", "json"]].concat());
    assert_eq!(code, 3);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "Verdict")
    );
    // Nothing changed: exit 0.
    let (code, out, _) = posture(&["diff", brief, "--today", "2026-11-28"]);
    assert_eq!(code, 0, "{out}");

    // Verify against that other set: not reproduced, and the policy set is named as the cause.
    let (code, out, _) = posture(&["verify", brief, "--policies", changed]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("the policy set differs"), "{out}");
    // Not a brief at all: exit 2 with a message.
    let junk = dir.join("junk.pdf");
    std::fs::write(&junk, b"%PDF-1.5\nnothing here").unwrap();
    let (code, _, err) = posture(&["verify", junk.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(!err.is_empty() && !err.contains("panicked"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(changed);
}

#[test]
fn csv_and_markdown_exports() {
    let dir = std::env::temp_dir().join(format!("posture-cli-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv_path = dir.join("answers.csv");
    // A client name with a comma, quotes and a line break must survive the round trip.
    let client = "Banque \"Lumière\", Luxembourg\nEU desk";
    let (code, _, err) = posture(&[
        "export",
        "--scenario",
        &manifest("policies/examples/eu-bank.ron"),
        "--client",
        client,
        "--today",
        "2026-11-28",
        "--out",
        csv_path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "UTF-8 with a BOM for spreadsheets"
    );
    let mut r = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let header = r.headers().unwrap().clone();
    assert_eq!(&header[0], "kind");
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    // One row per offering × attribute and per offering × requirement.
    // A disputed cell has a row per source's claim instead of one.
    let values = rows.iter().filter(|x| &x[0] == "value").count()
        + rows
            .iter()
            .filter(|x| &x[0] == "claim")
            .map(|x| &x[header.iter().position(|h| h == "dispute").unwrap()])
            .collect::<std::collections::BTreeSet<_>>()
            .len();
    let verdicts = rows.iter().filter(|x| &x[0] == "verdict").count();
    let a: serde_json::Value = serde_json::from_str(
        &posture(&[
            "assess",
            "--scenario",
            &manifest("policies/examples/eu-bank.ron"),
            "--today",
            "2026-11-28",
            "--format",
            "json",
        ])
        .1,
    )
    .unwrap();
    let offerings = a["offerings"].as_array().unwrap().len();
    assert_eq!(values, offerings * a["rows"].as_array().unwrap().len());
    assert_eq!(
        verdicts,
        offerings * a["requirements"].as_array().unwrap().len()
    );
    // Quotes come through whole (tests/brief.rs checks every one, and commas, quotes and line
    // breaks, against the assessment).
    let quote = header.iter().position(|h| h == "quote").unwrap();
    let quotes: Vec<&str> = rows
        .iter()
        .map(|x| &x[quote])
        .filter(|q| !q.is_empty())
        .collect();
    assert!(
        quotes.iter().any(|q| q.contains(',')),
        "a quote with a comma"
    );
    // Markdown: the summary, the verdicts and the caveats; no internal notes in a client export.
    let md = dir.join("brief.md");
    let (code, _, _) = posture(&[
        "export",
        "--scenario",
        &manifest("policies/examples/eu-bank.ron"),
        "--today",
        "2026-11-28",
        "--out",
        md.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&md).unwrap();
    for part in [
        "## Summary",
        "## Requirements and verdicts",
        "## Caveats and actions",
    ] {
        assert!(text.contains(part), "{part}");
    }
    assert!(!text.contains("INTERNAL") && !text.contains("Internal notes"));
    let (code, _, _) = posture(&[
        "export",
        "--scenario",
        &manifest("policies/examples/eu-bank.ron"),
        "--audience",
        "internal",
        "--today",
        "2026-11-28",
        "--format",
        "md",
        "--out",
        md.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert!(std::fs::read_to_string(&md).unwrap().contains("INTERNAL"));
    let _ = std::fs::remove_dir_all(&dir);
}
