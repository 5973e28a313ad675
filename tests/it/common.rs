#![allow(dead_code)]
use posture::engine::{Assessment, assess};
use posture::model::{Date, PolicySet, Scenario, VerdictKind, load_builtin};

pub fn builtin() -> PolicySet {
    load_builtin().expect("the built-in policy set loads")
}

pub fn day(s: &str) -> Date {
    Date::parse(s).expect("valid date")
}

pub fn scenario(offerings: &[&str], options: &[&str], requirements: &[&str]) -> Scenario {
    Scenario {
        offerings: offerings.iter().map(|s| s.to_string()).collect(),
        options: options.iter().map(|s| s.to_string()).collect(),
        requirements: requirements.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

pub fn run(offerings: &[&str], options: &[&str], requirements: &[&str]) -> Assessment {
    assess(
        &builtin(),
        &scenario(offerings, options, requirements),
        day("2026-11-28"),
    )
}

/// The assessment as the Cowork page alone saw it (`--sources cowork-page`).
pub fn run_page(offerings: &[&str], options: &[&str], requirements: &[&str]) -> Assessment {
    let mut s = scenario(offerings, options, requirements);
    s.sources = vec!["cowork-page".into()];
    assess(&builtin(), &s, day("2026-11-28"))
}

pub fn verdict_of<'a>(
    a: &'a Assessment,
    requirement: &str,
    offering: &str,
) -> &'a posture::engine::Verdict {
    a.requirements
        .iter()
        .find(|r| r.id == requirement)
        .and_then(|r| r.verdicts.iter().find(|v| v.offering == offering))
        .unwrap_or_else(|| panic!("no verdict for {requirement} / {offering}"))
}

pub fn verdict(a: &Assessment, requirement: &str, offering: &str) -> VerdictKind {
    a.requirements
        .iter()
        .find(|r| r.id == requirement)
        .and_then(|r| r.verdicts.iter().find(|v| v.offering == offering))
        .map(|v| v.kind)
        .unwrap_or_else(|| panic!("no verdict for {requirement} / {offering}"))
}

pub fn cell<'a>(
    a: &'a Assessment,
    attribute: &str,
    offering: &str,
) -> &'a posture::engine::CellView {
    a.rows
        .iter()
        .find(|r| r.attribute == attribute)
        .and_then(|r| r.cells.iter().find(|c| c.offering == offering))
        .unwrap_or_else(|| panic!("no cell {attribute} / {offering}"))
}

pub const ALL: &[&str] = &[
    "pro",
    "max",
    "team",
    "enterprise",
    "bedrock",
    "vertex",
    "foundry",
];
