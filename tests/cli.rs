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
    assert!(out.contains("Sources read: All 29 sources"), "{out}");
    assert!(out.contains("≠ Sources disagree"), "{out}");
    assert!(out.contains("as Cowork page reads it: ✓ Fits"), "{out}");
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
    assert!(err.contains("cannot open"), "{err}");
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
