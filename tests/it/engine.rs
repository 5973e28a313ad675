//! The engine against the source page, fact by fact (F-ids from shared/seed/FACTS.md), read as
//! the page alone saw it (`--sources cowork-page`). tests/sources.rs reads every source.

use crate::common::*;
use posture::engine::assess;
use posture::model::{Audience, Date, Location, Retention, Scenario, Value, VerdictKind::*};

#[test]
fn strict_eu_residency_f7_f9_f10() {
    let a = run_page(ALL, &[], &["strict-eu-residency"]);
    // F9: Pro and Max are not the right floor for tight residency.
    assert_eq!(verdict(&a, "strict-eu-residency", "pro"), DoesNotFit);
    assert_eq!(verdict(&a, "strict-eu-residency", "max"), DoesNotFit);
    assert_eq!(verdict(&a, "strict-eu-residency", "team"), DoesNotFit);
    // F7: Enterprise can negotiate region pinning at contract.
    assert_eq!(
        verdict(&a, "strict-eu-residency", "enterprise"),
        FitsWithConditions
    );
    // F2: Bedrock / Vertex process in the customer's chosen region.
    assert_eq!(
        verdict(&a, "strict-eu-residency", "bedrock"),
        FitsWithConditions
    );
    assert_eq!(
        verdict(&a, "strict-eu-residency", "vertex"),
        FitsWithConditions
    );
    // F10 / F16: Foundry is not a residency solution.
    assert_eq!(verdict(&a, "strict-eu-residency", "foundry"), DoesNotFit);
    assert!(a.caveat("foundry-not-residency").is_some());

    let pinned = run_page(
        ALL,
        &["region-pinning", "eu-cloud-region"],
        &["strict-eu-residency"],
    );
    assert_eq!(verdict(&pinned, "strict-eu-residency", "enterprise"), Fits);
    assert_eq!(verdict(&pinned, "strict-eu-residency", "bedrock"), Fits);
    assert_eq!(verdict(&pinned, "strict-eu-residency", "vertex"), Fits);
    // Options change nothing on offerings they do not apply to.
    assert_eq!(verdict(&pinned, "strict-eu-residency", "pro"), DoesNotFit);
    assert_eq!(
        verdict(&pinned, "strict-eu-residency", "foundry"),
        DoesNotFit
    );
    let c = cell(&pinned, "processing", "enterprise");
    assert_eq!(
        c.value,
        Value::Location(Location::VendorPinned(vec!["EU".into()]))
    );
    assert_eq!(
        c.changed_by.as_ref().map(|o| o.id.as_str()),
        Some("region-pinning")
    );
    assert!(cell(&pinned, "processing", "pro").changed_by.is_none());
    // The pinning action (F29) travels with the Enterprise verdict when pinning is not yet on.
    assert!(a.caveat("region-pinning-at-contract").is_some());
}

#[test]
fn no_vendor_hosted_inference_only_bedrock_and_vertex_f10_f31() {
    let a = run_page(ALL, &[], &["no-vendor-inference"]);
    for o in ALL {
        let want = if ["bedrock", "vertex"].contains(o) {
            Fits
        } else {
            DoesNotFit
        };
        assert_eq!(verdict(&a, "no-vendor-inference", o), want, "{o}");
    }
    // Options do not turn a vendor-hosted route into a fit (F31: not a contractual workaround).
    let all_on = run_page(
        ALL,
        &["region-pinning", "zero-retention", "training-opt-out"],
        &["no-vendor-inference"],
    );
    assert_eq!(
        verdict(&all_on, "no-vendor-inference", "enterprise"),
        DoesNotFit
    );
    assert!(all_on.caveat("third-party-routes-not-contract").is_some());
}

#[test]
fn zero_retention_only_enterprise_with_contract_f14_f33() {
    let off = run_page(ALL, &[], &["zero-retention"]);
    assert_eq!(
        verdict(&off, "zero-retention", "enterprise"),
        FitsWithConditions
    );
    for o in ["pro", "max", "team", "foundry"] {
        assert_eq!(verdict(&off, "zero-retention", o), DoesNotFit, "{o}");
    }
    // The vendor stores nothing on 3P, but the provider's posture is not covered: never "fits".
    assert_eq!(verdict(&off, "zero-retention", "bedrock"), Unknown);
    assert_eq!(verdict(&off, "zero-retention", "vertex"), Unknown);

    let on = run_page(ALL, &["zero-retention"], &["zero-retention"]);
    assert_eq!(verdict(&on, "zero-retention", "enterprise"), Fits);
    let c = cell(&on, "retention", "enterprise");
    assert_eq!(c.value, Value::Retention(Retention::Zero));
    assert!(c.text.starts_with("Zero"), "{}", c.text);
    assert!(on.caveat("zero-retention-is-contractual").is_some());
    // F33: "do not train" is not "zero retention" — Team does not train, yet does not fit.
    assert_eq!(verdict(&on, "zero-retention", "team"), DoesNotFit);
    assert!(on.caveat("do-not-train-is-not-zero-retention").is_some());
}

#[test]
fn no_training_pro_and_max_only_with_opt_out_f5_f19_f20() {
    let off = run_page(ALL, &[], &["no-training"]);
    assert_eq!(verdict(&off, "no-training", "pro"), FitsWithConditions);
    assert_eq!(verdict(&off, "no-training", "max"), FitsWithConditions);
    assert_eq!(verdict(&off, "no-training", "team"), Fits);
    assert_eq!(verdict(&off, "no-training", "enterprise"), Fits);
    assert_eq!(verdict(&off, "no-training", "bedrock"), Fits);
    assert_eq!(verdict(&off, "no-training", "vertex"), Fits);
    // The source does not state Foundry's training default: unknown, never good.
    assert_eq!(verdict(&off, "no-training", "foundry"), Unknown);

    // With the opt-out on it still only fits with conditions: it applies forward only, and only
    // if it was on before any real data went in.
    let on = run_page(ALL, &["training-opt-out"], &["no-training"]);
    assert_eq!(verdict(&on, "no-training", "pro"), FitsWithConditions);
    assert_eq!(verdict(&on, "no-training", "max"), FitsWithConditions);
    let r = on
        .requirements
        .iter()
        .find(|r| r.id == "no-training")
        .unwrap();
    let pro = r.verdicts.iter().find(|v| v.offering == "pro").unwrap();
    assert!(pro.caveats.contains(&"opt-out-forward-only".to_string()));
    let fwd = on
        .caveat("opt-out-forward-only")
        .expect("forward-only caveat");
    assert!(fwd.text.contains("forward only"));
}

#[test]
fn retention_by_plan_f11_to_f16() {
    let a = run_page(ALL, &[], &[]);
    assert_eq!(
        cell(&a, "retention", "pro").value,
        Value::Retention(Retention::AboutDays(1825))
    );
    assert!(cell(&a, "retention", "pro").text.contains("~5 years"));
    assert_eq!(
        cell(&a, "retention", "max").value,
        cell(&a, "retention", "pro").value
    );
    assert_eq!(
        cell(&a, "retention", "team").value,
        Value::Retention(Retention::OrgControlled)
    );
    assert_eq!(
        cell(&a, "retention", "enterprise").value,
        Value::Retention(Retention::OrgControlled)
    );
    assert_eq!(
        cell(&a, "retention", "bedrock").value,
        Value::Retention(Retention::ProviderDefined)
    );
    assert_eq!(
        cell(&a, "retention", "foundry").value,
        Value::Retention(Retention::VendorTerms)
    );
    assert_eq!(
        cell(&a, "conversation-storage", "vertex").value,
        Value::Choice("customer-tenant".into())
    );

    // Pro with the opt-out → 30 days, marked as changed by the option.
    let b = run_page(&["pro", "max"], &["training-opt-out"], &[]);
    let c = cell(&b, "retention", "pro");
    assert_eq!(c.value, Value::Retention(Retention::Days(30)));
    assert!(c.text.contains("30 days"), "{}", c.text);
    assert_eq!(c.changed_by.as_ref().unwrap().id, "training-opt-out");
    assert_eq!(cell(&b, "training", "max").value, Value::No);
}

#[test]
fn where_processed_f1_f2_f3() {
    let a = run_page(ALL, &[], &[]);
    assert_eq!(
        cell(&a, "processing", "team").value,
        Value::Location(Location::VendorRegions(vec!["US".into(), "EU".into()]))
    );
    assert_eq!(
        cell(&a, "processing", "bedrock").value,
        Value::Location(Location::CustomerCloud)
    );
    assert_eq!(
        cell(&a, "processing", "foundry").value,
        Value::Location(Location::VendorUnstated)
    );
    assert_eq!(
        cell(&a, "inference-operator", "foundry").value,
        Value::Choice("vendor".into())
    );
}

#[test]
fn azure_billing_is_foundry_but_not_residency_f34() {
    let a = run_page(&["foundry", "enterprise"], &[], &["azure-billing"]);
    assert_eq!(verdict(&a, "azure-billing", "foundry"), Fits);
    assert_eq!(verdict(&a, "azure-billing", "enterprise"), DoesNotFit);
    let r = &a.requirements[0].verdicts[0];
    assert!(r.caveats.contains(&"foundry-not-residency".to_string()));
}

#[test]
fn memory_and_connectors_f24_f27() {
    let a = run_page(
        ALL,
        &[],
        &["memory-bulk-delete", "regulated-connector-data"],
    );
    for o in ALL {
        assert_eq!(verdict(&a, "memory-bulk-delete", o), DoesNotFit, "{o}");
    }
    assert_eq!(verdict(&a, "regulated-connector-data", "pro"), DoesNotFit);
    assert_eq!(
        verdict(&a, "regulated-connector-data", "enterprise"),
        FitsWithConditions
    );
    assert_eq!(verdict(&a, "regulated-connector-data", "foundry"), Unknown);
    assert!(a.caveat("connector-regulated-data").is_some());
    assert!(a.caveat("memory-no-bulk-delete").is_some());
    assert!(a.caveat("residency-check-preflight").is_some());
}

#[test]
fn unknown_is_never_good() {
    // Whatever is asked, an offering whose deciding value is Unknown never gets Fits.
    let set = builtin();
    let reqs: Vec<&str> = set.requirements.iter().map(|r| r.id.as_str()).collect();
    let a = run_page(&["foundry"], &[], &reqs);
    let r = a
        .requirements
        .iter()
        .find(|r| r.id == "no-training")
        .unwrap();
    assert_eq!(r.verdicts[0].kind, Unknown);
    assert!(
        r.verdicts[0].reason.contains("unknown"),
        "{}",
        r.verdicts[0].reason
    );
    assert!(cell(&a, "training", "foundry").unknown);
    assert!(
        cell(&a, "region-pinning", "foundry")
            .text
            .starts_with("Unknown")
    );
}

#[test]
fn staleness_in_days_f17_f36() {
    let set = builtin();
    let mut s = scenario(&["pro"], &[], &[]);
    s.sources = vec!["cowork-page".into()];
    let late = assess(&set, &s, day("2026-11-28"));
    assert!(late.staleness.any_stale);
    assert_eq!(late.staleness.days_since_oldest, 214);
    assert!(late.staleness.message.contains("2026-04-28"));
    assert!(late.staleness.message.contains("214 days ago"));
    assert_eq!(late.sources[0].stale_by_days, Some(184));
    assert!(late.rows.iter().all(|r| r.cells.iter().all(|c| c.stale)));

    let fresh = assess(&set, &s, day("2026-05-10"));
    assert!(!fresh.staleness.any_stale);
    assert_eq!(fresh.sources[0].stale_by_days, None);
    assert!(!cell(&fresh, "retention", "pro").stale);
    // The last day of the cadence is still fresh; the day after is stale by one.
    assert_eq!(
        assess(&set, &s, day("2026-05-28")).sources[0].stale_by_days,
        None
    );
    assert_eq!(
        assess(&set, &s, day("2026-05-29")).sources[0].stale_by_days,
        Some(1)
    );
}

#[test]
fn audience_controls_internal_notes() {
    let set = builtin();
    let mut s = scenario(&["pro", "foundry"], &[], &[]);
    s.notes = "Push Team before wave two".into();
    let client = assess(&set, &s, day("2026-11-28"));
    assert!(client.caveats.iter().all(|c| !c.internal));
    assert!(client.caveat("foundry-redirect").is_none());
    // F32 is advice the page gives clients: it is in the client-facing brief.
    assert!(
        client
            .caveat("upgrade-before-scale")
            .is_some_and(|c| !c.internal)
    );
    assert_eq!(client.scenario.notes, None);
    s.audience = Audience::Internal;
    let internal = assess(&set, &s, day("2026-11-28"));
    assert!(
        internal
            .caveat("foundry-redirect")
            .is_some_and(|c| c.internal)
    );
    assert_eq!(
        internal.scenario.notes.as_deref(),
        Some("Push Team before wave two")
    );
}

#[test]
fn caveats_follow_the_selection() {
    let a = run_page(&["enterprise"], &[], &[]);
    assert!(
        a.caveat("opt-out-forward-only").is_none(),
        "Pro/Max caveat without Pro/Max"
    );
    assert!(a.caveat("foundry-not-residency").is_none());
    assert!(
        a.caveat("zero-retention-is-contractual").is_none(),
        "option is off"
    );
    assert!(
        a.caveat("do-not-train-is-not-zero-retention").is_some(),
        "applies to every brief"
    );
    let b = run_page(&["enterprise"], &["zero-retention"], &[]);
    assert!(b.caveat("zero-retention-is-contractual").is_some());
    // An option on for an offering not compared brings no caveat and says why it has no effect.
    let c = run_page(&["pro"], &["zero-retention"], &[]);
    assert!(c.caveat("zero-retention-is-contractual").is_none());
    let st = c.options.iter().find(|o| o.id == "zero-retention").unwrap();
    assert!(
        st.inactive_reason
            .as_deref()
            .unwrap()
            .contains("Enterprise")
    );
    assert!(
        c.rows
            .iter()
            .all(|r| r.cells.iter().all(|c| c.changed_by.is_none()))
    );
}

#[test]
fn every_verdict_caveat_is_shown() {
    let set = builtin();
    let reqs: Vec<&str> = set.requirements.iter().map(|r| r.id.as_str()).collect();
    for options in [
        &[][..],
        &[
            "region-pinning",
            "zero-retention",
            "training-opt-out",
            "eu-cloud-region",
        ][..],
    ] {
        let a = run_page(ALL, options, &reqs);
        for r in &a.requirements {
            for v in &r.verdicts {
                assert!(!v.reason.is_empty());
                for c in &v.caveats {
                    assert!(
                        a.caveat(c).is_some(),
                        "{c} referenced by {} but not listed",
                        r.id
                    );
                }
            }
        }
    }
}

#[test]
fn differences_and_unknown_ids() {
    let a = run_page(&["bedrock", "vertex"], &[], &[]);
    let row = |id: &str| a.rows.iter().find(|r| r.attribute == id).unwrap();
    assert!(!row("retention").differs);
    assert!(row("billing").differs);
    let b = run_page(&["pro", "nonexistent", "pro"], &["nope"], &["nada"]);
    assert_eq!(b.offerings.len(), 1);
    assert_eq!(b.warnings.len(), 3);
}

#[test]
fn assessment_is_deterministic_and_serialises() {
    let a = run_page(ALL, &["region-pinning"], &["strict-eu-residency"]);
    let b = run_page(ALL, &["region-pinning"], &["strict-eu-residency"]);
    assert_eq!(a, b);
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["offerings"][0]["id"], "pro");
    assert_eq!(json["requirements"][0]["verdicts"][0]["kind"], "DoesNotFit");
    assert!(json["staleness"]["any_stale"].as_bool().unwrap());
}

#[test]
fn no_fit_the_page_does_not_support() {
    // gdpr-scope: EU-only processing does not settle GDPR scope; the page asks for a review (F28).
    let a = run_page(ALL, &["region-pinning", "eu-cloud-region"], &["gdpr-scope"]);
    for o in ["enterprise", "bedrock", "vertex"] {
        assert_eq!(verdict(&a, "gdpr-scope", o), FitsWithConditions, "{o}");
    }
    // The cross-border review reaches every route, Foundry and the 3P routes included.
    let c = a.caveat("cross-border-gdpr").expect("cross-border caveat");
    assert_eq!(c.offerings.len(), ALL.len(), "{:?}", c.offerings);
    // central-control: the page never says the organisation controls Bedrock/Vertex settings.
    let b = run_page(ALL, &[], &["central-control"]);
    assert_eq!(verdict(&b, "central-control", "bedrock"), Unknown);
    assert_eq!(verdict(&b, "central-control", "vertex"), Unknown);
    assert_eq!(verdict(&b, "central-control", "team"), Fits);
    assert_eq!(verdict(&b, "central-control", "pro"), DoesNotFit);
    // Region pinning on Pro/Max/Team: the page only says Enterprise can negotiate it (F7).
    for o in ["pro", "max", "team"] {
        let c = cell(&b, "region-pinning", o);
        assert!(c.unknown, "{o}: {}", c.text);
        assert!(c.note.contains("Enterprise"), "{o}: {}", c.note);
    }
}

/// The app assesses through an `Assessor`, which reuses the cells and verdicts a change leaves
/// alone. After every kind of edit, its assessment must equal a whole assessment from nothing.
#[test]
fn an_assessor_gives_what_a_whole_assessment_gives() {
    let set = std::sync::Arc::new(builtin());
    let mut assessor = posture::engine::Assessor::new();
    let mut s = scenario(
        &["enterprise", "bedrock", "vertex", "foundry"],
        &[],
        &["strict-eu-residency", "no-training"],
    );
    let mut today = day("2026-11-28");
    let mut steps = 0;
    let mut check = |s: &Scenario, today: Date, assessor: &mut posture::engine::Assessor| {
        let reused = assessor.assess(&set, s, today);
        let whole = assess(&set, s, today);
        assert_eq!(reused, whole, "after {s:?} on {today}");
        steps += 1;
    };
    check(&s, today, &mut assessor);
    // Each option on, then off again, in the set's order: cells and verdicts under it change.
    for op in &set.options {
        s.options.push(op.id.clone());
        check(&s, today, &mut assessor);
    }
    for op in &set.options {
        s.options.retain(|o| o != &op.id);
        check(&s, today, &mut assessor);
    }
    // Requirements on and off.
    for r in &set.requirements {
        if !s.requirements.contains(&r.id) {
            s.requirements.push(r.id.clone());
            check(&s, today, &mut assessor);
        }
    }
    s.requirements.truncate(1);
    check(&s, today, &mut assessor);
    // Offerings added, reordered and removed.
    s.offerings = set.offerings.iter().rev().map(|o| o.id.clone()).collect();
    check(&s, today, &mut assessor);
    s.offerings.truncate(2);
    check(&s, today, &mut assessor);
    // A view of one source, then all of them again, with an option on.
    s.options.push("region-pinning".into());
    s.sources = vec!["cowork-page".into()];
    check(&s, today, &mut assessor);
    s.sources.clear();
    check(&s, today, &mut assessor);
    // Another day: staleness changes every citation.
    today = day("2027-06-01");
    check(&s, today, &mut assessor);
    // The audience decides which caveats a verdict may point at.
    s.audience = posture::model::Audience::Internal;
    check(&s, today, &mut assessor);
    // Another policy set (another Arc with other content) starts afresh.
    let mut other = builtin();
    other.offerings[0].name = "Renamed".into();
    let other = std::sync::Arc::new(other);
    let reused = assessor.assess(&other, &s, today);
    assert_eq!(reused, assess(&other, &s, today));
    assert!(steps > 30, "{steps} steps");
}

/// A conditional verdict names the options that would each make it a fit — and only those: an
/// option that does not turn it into "Fits" is not offered, and nor is one already on.
#[test]
fn a_conditional_verdict_names_the_options_that_meet_its_condition() {
    let ids = |v: &posture::engine::Verdict| -> Vec<String> {
        v.fits_with.iter().map(|o| o.id.clone()).collect()
    };
    let a = run(
        &["bedrock", "vertex", "pro"],
        &[],
        &["strict-eu-residency", "no-training"],
    );
    // F: on a cloud route, processing stays in the region the customer chooses.
    assert_eq!(
        verdict(&a, "strict-eu-residency", "bedrock"),
        FitsWithConditions
    );
    // Read with every source, an EU region is not enough for "Fits": the vendor adds where the
    // devices are and its telemetry (see sources::eu_region_on_3p_fits_only_with_the_vendors_conditions),
    // so no option is offered as the way to a fit. The page alone names the EU region.
    assert!(ids(verdict_of(&a, "strict-eu-residency", "bedrock")).is_empty());
    let p = run_page(&["bedrock", "vertex"], &[], &["strict-eu-residency"]);
    assert_eq!(
        ids(verdict_of(&p, "strict-eu-residency", "bedrock")),
        ["eu-cloud-region"]
    );
    assert_eq!(
        ids(verdict_of(&p, "strict-eu-residency", "vertex")),
        ["eu-cloud-region"]
    );
    // Pro's training opt-out counts only from the moment it is on: still conditional with it.
    assert_eq!(verdict(&a, "no-training", "pro"), FitsWithConditions);
    assert!(ids(verdict_of(&a, "no-training", "pro")).is_empty());
    // With the option on, the verdict fits and names nothing.
    let on = run_page(&["bedrock"], &["eu-cloud-region"], &["strict-eu-residency"]);
    assert_eq!(verdict(&on, "strict-eu-residency", "bedrock"), Fits);
    assert!(ids(verdict_of(&on, "strict-eu-residency", "bedrock")).is_empty());
}

/// The brief's JSON and the typed assessment read into the same snapshot: a field renamed in the
/// assessment would break `Snapshot::of` at compile time, and its JSON name here.
#[test]
fn a_briefs_json_and_the_assessment_read_into_the_same_snapshot() {
    use posture::engine::changes::Snapshot;
    let mut s = scenario(
        ALL,
        &["zero-retention"],
        &["zero-retention", "strict-eu-residency"],
    );
    s.audience = Audience::Internal;
    let a = assess(&builtin(), &s, day("2026-11-30"));
    let json = serde_json::to_value(&a).unwrap();
    let read = Snapshot::read(&json);
    assert_eq!(read, Snapshot::of(&a));
    assert!(
        read.rows
            .iter()
            .any(|r| r.cells.iter().any(|c| c.claims.len() > 1))
    );
    assert!(!read.requirements[0].verdicts.is_empty());
}

/// Fact-check 2026-11-30 #31: the page alone gives ✓ for strict EU residency on Enterprise with
/// region pinning, but the vendor's documentation disagrees on the facts it reads. The page-only
/// ✓ stays the page's reading, and says that the sources disagree when all are read.
#[test]
fn a_page_only_fit_says_when_all_sources_disagree_on_its_facts() {
    let page = run_page(
        &["enterprise", "bedrock"],
        &["region-pinning"],
        &["strict-eu-residency"],
    );
    let v = verdict_of(&page, "strict-eu-residency", "enterprise");
    assert_eq!(v.kind, Fits);
    assert_eq!(
        v.disputed_in_full_view,
        ["Processing location", "Residency solution"]
    );
    assert!(
        v.full_view_note()
            .unwrap()
            .starts_with("≠ Sources disagree when all are read")
    );
    // A verdict whose facts all sources agree on carries nothing.
    let bedrock = verdict_of(&page, "strict-eu-residency", "bedrock");
    assert!(bedrock.disputed_in_full_view.is_empty());
    // Reading every source, the dispute is the verdict itself: nothing more to say.
    let all = run(
        &["enterprise"],
        &["region-pinning"],
        &["strict-eu-residency"],
    );
    assert!(
        verdict_of(&all, "strict-eu-residency", "enterprise")
            .disputed_in_full_view
            .is_empty()
    );
}

/// An option that sets the same value on two routes says which route each line is for, and
/// never lists one line twice (the global endpoint: any region on Bedrock and on Vertex AI).
#[test]
fn an_option_names_the_offering_of_each_change_it_makes() {
    let set = posture::model::load_builtin().unwrap();
    let scenario = Scenario {
        offerings: vec!["bedrock".into(), "vertex".into()],
        ..Default::default()
    };
    let a = assess(&set, &scenario, Date::parse("2026-11-28").unwrap());
    let global = a
        .options
        .iter()
        .find(|o| o.id == "global-endpoint")
        .unwrap();
    let mut sorted = global.changes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), global.changes.len(), "{:?}", global.changes);
    for route in ["Amazon Bedrock", "Google Vertex AI"] {
        let line = format!("{route} · Processing location → Any region");
        assert!(
            global.changes.iter().any(|c| c.starts_with(&line)),
            "{line} in {:?}",
            global.changes
        );
    }
}
