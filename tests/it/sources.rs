//! Every source, every claim: the vendor's documentation beside the Cowork page, disputes
//! flagged, and no verdict that hides one.

use crate::common::*;
use posture::engine::assess;
use posture::model::{Relation, SourceKind, Value, VerdictKind, VerdictKind::*};

fn all_reqs() -> Vec<String> {
    builtin()
        .requirements
        .iter()
        .map(|r| r.id.clone())
        .collect()
}

#[test]
fn a_disputed_cell_carries_both_claims_newest_first() {
    let a = run(&["enterprise", "team"], &[], &[]);
    let c = cell(&a, "zero-retention", "enterprise");
    assert!(c.disputed);
    // The vendor's pages were checked on 2026-11-28, the page on 2026-04-28: vendor first.
    let first = &c.claims[0];
    assert!(first.source.starts_with("v-"), "{first:?}");
    assert_eq!(first.value, Value::Choice("not-eligible".into()));
    assert_eq!(first.checked, "2026-11-28");
    assert!(first.url.starts_with("https://"));
    let page = c.claims.iter().find(|x| x.source == "cowork-page").unwrap();
    assert_eq!(page.value, Value::Choice("negotiable".into()));
    assert_eq!(page.page_date, "2026-04-28");
    assert!(
        page.quote.contains("zero-retention is contracted"),
        "{}",
        page.quote
    );
    assert!(
        c.claims
            .iter()
            .any(|x| x.quote == "Cowork sessions are not covered by ZDR.")
    );
    // The cell shows the newest word.
    assert_eq!(c.value, Value::Choice("not-eligible".into()));
    // Team: "not offered" vs "not eligible" is a refinement, not a dispute... but the vendor's
    // interface exclusion (Disputes) and the page's "not offered" differ: the data says which.
    let team = cell(&a, "retention", "team");
    assert!(
        team.disputed,
        "org-controlled vs the vendor's standard terms"
    );
    // A refinement alone never disputes: Enterprise retention, org-controlled on both sides.
    let ent = cell(&a, "retention", "enterprise");
    assert!(!ent.disputed);
    assert!(ent.claims.iter().any(|x| x.relation == Relation::Refines));
    assert!(ent.text.contains("indefinitely"), "{}", ent.text);
}

#[test]
fn strict_eu_on_enterprise_with_pinning_is_no_longer_fits() {
    let a = run(ALL, &["region-pinning"], &["strict-eu-residency"]);
    let v = verdict_of(&a, "strict-eu-residency", "enterprise");
    assert_eq!(v.kind, Disputed);
    assert!(!v.kind.is_good());
    assert!(v.disputed_facts.contains(&"processing".to_string()));
    // Each reading with its verdict and reason: the page's and the vendor's.
    let page = v
        .readings
        .iter()
        .find(|r| r.sources == ["cowork-page"])
        .expect("the page's reading");
    assert_eq!(page.kind, Fits);
    let vendor = v
        .readings
        .iter()
        .find(|r| r.sources.iter().any(|s| s == "v-us-only-inference"))
        .expect("the vendor's reading");
    // The vendor documents no EU pin: with a pin said to be contracted, its reading is "not
    // established", not "routed to other regions" (fact-check 2026-11-30 #9).
    assert_eq!(vendor.kind, Unknown);
    assert!(
        vendor.reason.contains("not established") && vendor.reason.contains("US"),
        "{}",
        vendor.reason
    );
    // Both quotes travel with the verdict.
    let quotes: Vec<&str> = v.cites.iter().map(|c| c.quote.as_str()).collect();
    assert!(
        quotes.contains(&"When the setting is on, all inference for your organization runs on servers located in the United States."),
        "{quotes:?}"
    );
    assert!(
        quotes
            .iter()
            .any(|q| q.contains("Verify against the current Trust Center")),
        "{quotes:?}"
    );
    // Read as the page alone saw it, the pinned Enterprise fits (F7).
    let p = run_page(ALL, &["region-pinning"], &["strict-eu-residency"]);
    assert_eq!(verdict(&p, "strict-eu-residency", "enterprise"), Fits);
}

#[test]
fn zero_retention_on_enterprise_with_the_contract_is_no_longer_fits() {
    let a = run(&["enterprise"], &["zero-retention"], &["zero-retention"]);
    let v = verdict_of(&a, "zero-retention", "enterprise");
    assert_eq!(v.kind, Disputed);
    let kinds: Vec<VerdictKind> = v.readings.iter().map(|r| r.kind).collect();
    assert!(
        kinds.contains(&Fits) && kinds.contains(&DoesNotFit),
        "{kinds:?}"
    );
    let quotes: Vec<&str> = v.cites.iter().map(|c| c.quote.as_str()).collect();
    assert!(
        quotes.contains(&"Cowork sessions are not covered by ZDR."),
        "{quotes:?}"
    );
    assert!(
        quotes.contains(&"zero-retention is contracted"),
        "{quotes:?}"
    );
    // The retention cell under the contract is disputed too, and says which option changed it.
    let c = cell(&a, "retention", "enterprise");
    assert!(c.disputed);
    assert_eq!(
        c.changed_by.as_ref().map(|o| o.id.as_str()),
        Some("zero-retention")
    );
    // The flagged-content caveat comes with the contract.
    assert!(a.caveat("zdr-flagged").is_some());
}

#[test]
fn a_verdict_stands_when_every_reading_agrees() {
    // Team's processing is disputed (US and EU vs "may be routed to other regions"), but every
    // reading says strict EU residency does not fit.
    let a = run(&["team"], &[], &["strict-eu-residency"]);
    assert!(cell(&a, "processing", "team").disputed);
    let v = verdict_of(&a, "strict-eu-residency", "team");
    assert_eq!(v.kind, DoesNotFit);
    assert!(v.readings.len() >= 2, "{:?}", v.readings);
    assert!(v.readings.iter().all(|r| r.kind == DoesNotFit));
    assert!(v.reason.contains("disputed"), "{}", v.reason);
}

#[test]
fn page_only_reading_reproduces_the_page_verdicts() {
    // Verdicts of the page alone (every requirement, every offering), with the fixes the issue
    // lists: opt-out and GDPR only with conditions, central control on 3P routes unknown.
    let expected: &[(&str, [VerdictKind; 7])] = &[
        (
            "strict-eu-residency",
            [
                DoesNotFit,
                DoesNotFit,
                DoesNotFit,
                FitsWithConditions,
                FitsWithConditions,
                FitsWithConditions,
                DoesNotFit,
            ],
        ),
        (
            "no-vendor-inference",
            [
                DoesNotFit, DoesNotFit, DoesNotFit, DoesNotFit, Fits, Fits, DoesNotFit,
            ],
        ),
        (
            "no-training",
            [
                FitsWithConditions,
                FitsWithConditions,
                Fits,
                Fits,
                Fits,
                Fits,
                Unknown,
            ],
        ),
        (
            "zero-retention",
            [
                DoesNotFit,
                DoesNotFit,
                DoesNotFit,
                FitsWithConditions,
                Unknown,
                Unknown,
                DoesNotFit,
            ],
        ),
        (
            "regulated-connector-data",
            [
                DoesNotFit,
                DoesNotFit,
                FitsWithConditions,
                FitsWithConditions,
                FitsWithConditions,
                FitsWithConditions,
                Unknown,
            ],
        ),
        ("memory-bulk-delete", [DoesNotFit; 7]),
        (
            "azure-billing",
            [
                DoesNotFit, DoesNotFit, DoesNotFit, DoesNotFit, DoesNotFit, DoesNotFit, Fits,
            ],
        ),
        (
            "gdpr-scope",
            [
                FitsWithConditions,
                FitsWithConditions,
                FitsWithConditions,
                FitsWithConditions,
                FitsWithConditions,
                FitsWithConditions,
                Unknown,
            ],
        ),
        (
            "central-control",
            [
                DoesNotFit, DoesNotFit, Fits, Fits, Unknown, Unknown, Unknown,
            ],
        ),
    ];
    let reqs = all_reqs();
    let reqs: Vec<&str> = reqs.iter().map(String::as_str).collect();
    let a = run_page(ALL, &[], &reqs);
    for (req, kinds) in expected {
        for (o, want) in ALL.iter().zip(kinds) {
            assert_eq!(verdict(&a, req, o), *want, "{req} / {o}");
        }
    }
    // Nothing but the page is read, cited or shown.
    assert!(!a.view.all);
    assert_eq!(a.view.sources, ["cowork-page"]);
    assert!(a.disputes.is_empty());
    let json = serde_json::to_string(&a).unwrap();
    let cited: Vec<&str> = json
        .match_indices("\"source\":\"v-")
        .map(|(i, _)| &json[i..i + 30])
        .collect();
    assert!(cited.is_empty(), "{cited:?}");
    assert!(
        a.rows.iter().all(|r| r.attribute != "cowork-history"),
        "vendor-only rows hidden"
    );
    let foundry_azure = a
        .options
        .iter()
        .find(|o| o.id == "foundry-azure-hosting")
        .unwrap();
    assert!(
        foundry_azure
            .inactive_reason
            .as_deref()
            .unwrap()
            .contains("None of the sources read")
    );
}

#[test]
fn no_verdict_hides_a_dispute() {
    // Across option sets, a good verdict only ever stands on readings that are all that good.
    let reqs = all_reqs();
    let reqs: Vec<&str> = reqs.iter().map(String::as_str).collect();
    let set = builtin();
    let options: Vec<&str> = set.options.iter().map(|o| o.id.as_str()).collect();
    for k in 0..=options.len() {
        let on: Vec<&str> = options.iter().take(k).copied().collect();
        let a = run(ALL, &on, &reqs);
        for r in &a.requirements {
            for v in &r.verdicts {
                let kinds: Vec<VerdictKind> = v.readings.iter().map(|x| x.kind).collect();
                if v.kind.is_good() {
                    assert!(
                        kinds.iter().all(|k| *k == v.kind),
                        "{} / {}: {kinds:?}",
                        r.id,
                        v.offering
                    );
                }
                if kinds.windows(2).any(|w| w[0] != w[1]) {
                    assert_eq!(v.kind, Disputed, "{} / {}", r.id, v.offering);
                }
                if !v.disputed_facts.is_empty() {
                    assert!(!v.readings.is_empty());
                }
                for c in &v.caveats {
                    assert!(a.caveat(c).is_some(), "{c} not listed");
                }
            }
        }
    }
}

#[test]
fn each_vendor_source_has_its_url_and_dates() {
    let set = builtin();
    assert!(set.sources.len() >= 25, "{}", set.sources.len());
    for s in &set.sources {
        assert!(s.url.starts_with("https://"), "{}: {}", s.id, s.url);
        assert!(posture::model::Date::parse(&s.verified).is_ok(), "{}", s.id);
        if !s.updated.is_empty() {
            assert!(posture::model::Date::parse(&s.updated).is_ok(), "{}", s.id);
        }
        if s.id != "cowork-page" {
            assert_ne!(s.kind, SourceKind::ThirdPartySummary, "{}", s.id);
            // Checked on 2026-11-28; the sources added after the fact-check of 2026-11-30, that day.
            let added = [
                "v-privacy-commercial-training",
                "v-cowork-get-started",
                "v-consumer-sensitive-data",
            ];
            let day = if added.contains(&s.id.as_str()) {
                "2026-11-30"
            } else {
                "2026-11-28"
            };
            assert_eq!(s.verified, day, "{}", s.id);
        }
    }
    let page = set.source("cowork-page").unwrap();
    assert_eq!(
        (page.updated.as_str(), page.verified.as_str()),
        ("2026-04-28", "2026-04-28")
    );
    assert_eq!(
        set.source("v-mythos-retention").unwrap().updated,
        "2026-06-09"
    );
    assert_eq!(
        set.source("v-ms-foundry-privacy").unwrap().kind,
        SourceKind::CloudProviderDocumentation
    );
    // Every source is cited somewhere in the set.
    let text = serde_json::to_string(&set).unwrap();
    for s in &set.sources {
        assert!(
            text.matches(&format!("\"source\":\"{}\"", s.id)).count() > 0,
            "{} is never cited",
            s.id
        );
    }
}

#[test]
fn new_options_and_rows() {
    let a = run(ALL, &[], &[]);
    for row in [
        "cowork-history",
        "admin-history-access",
        "vendor-telemetry",
        "flagged-retention",
        "connector-logging",
        "memory-controls",
    ] {
        assert!(a.rows.iter().any(|r| r.attribute == row), "{row}");
    }
    // Silent sources leave a cell Unknown, never good.
    assert!(cell(&a, "vendor-telemetry", "pro").unknown);
    assert_eq!(
        cell(&a, "cowork-history", "bedrock").value,
        Value::Choice("device".into())
    );
    // A global endpoint gives no residency guarantee.
    let g = run(
        &["bedrock", "vertex"],
        &["eu-cloud-region", "global-endpoint"],
        &["strict-eu-residency"],
    );
    assert_eq!(verdict(&g, "strict-eu-residency", "bedrock"), DoesNotFit);
    assert_eq!(verdict(&g, "strict-eu-residency", "vertex"), DoesNotFit);
    let e = run(
        &["bedrock", "vertex"],
        &["eu-cloud-region"],
        &["strict-eu-residency"],
    );
    // With every source read, an EU region fits only with the vendor's conditions (devices,
    // telemetry): see eu_region_on_3p_fits_only_with_the_vendors_conditions.
    assert_eq!(
        verdict(&e, "strict-eu-residency", "bedrock"),
        FitsWithConditions
    );
    // Compliance API: Cowork transcripts kept 6 years.
    let c = run(&["enterprise"], &["compliance-api"], &[]);
    assert!(cell(&c, "retention", "enterprise").text.contains("6 years"));
    // Covered models: never zero retention, 30 days on Bedrock.
    let m = run(
        &["enterprise", "bedrock"],
        &["zero-retention", "covered-models"],
        &["zero-retention"],
    );
    assert_eq!(verdict(&m, "zero-retention", "enterprise"), DoesNotFit);
    assert_eq!(
        cell(&m, "retention", "bedrock").value,
        Value::Retention(posture::model::Retention::Days(30))
    );
    // Foundry hosted on Azure: Global or US Data Zone, no EU; flagged content may reach the vendor.
    let f = run(
        &["foundry"],
        &["foundry-azure-hosting"],
        &["strict-eu-residency"],
    );
    assert!(cell(&f, "processing", "foundry").text.contains("Azure"));
    assert_eq!(verdict(&f, "strict-eu-residency", "foundry"), DoesNotFit);
    assert!(f.caveat("foundry-azure-safety-review").is_some());
    // The Compliance API: local Cowork transcripts kept by the vendor, said where it applies.
    assert!(c.caveat("compliance-api-local-sessions").is_some());
}

#[test]
fn json_carries_claims_and_readings() {
    let a = run(
        &["enterprise"],
        &["region-pinning"],
        &["strict-eu-residency"],
    );
    let json = serde_json::to_value(&a).unwrap();
    let row = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["attribute"] == "processing")
        .unwrap();
    let c = &row["cells"][0];
    assert_eq!(c["disputed"], true);
    let claim = &c["claims"][0];
    for key in ["source", "value", "text", "quote"] {
        assert!(!claim[key].is_null(), "{key}");
    }
    let v = &json["requirements"][0]["verdicts"][0];
    assert_eq!(v["kind"], "Disputed");
    assert!(v["readings"].as_array().unwrap().len() >= 2);
    assert_eq!(json["view"]["all"], true);
    assert!(!json["disputes"].as_array().unwrap().is_empty());
}

#[test]
fn the_sources_read_are_saved_in_the_scenario() {
    let mut s = scenario(&["pro"], &[], &[]);
    s.sources = vec!["cowork-page".into()];
    let back = posture::model::Scenario::from_ron(&s.to_ron(), "s.ron").unwrap();
    assert_eq!(back.sources, ["cowork-page"]);
    // A scenario that reads every source writes no `sources` at all.
    assert!(!scenario(&["pro"], &[], &[]).to_ron().contains("sources"));
    let a = assess(&builtin(), &back, day("2026-11-28"));
    assert!(
        a.view
            .label
            .contains("Claude Cowork data residency and retention"),
        "{}",
        a.view.label
    );
}

#[test]
fn a_view_of_fewer_sources_says_what_it_leaves_out() {
    let p = run_page(&["enterprise"], &["region-pinning"], &[]);
    assert!(p.disputes.is_empty());
    assert!(
        p.view.disputes_not_read > 0,
        "the vendor disputes the page here"
    );
    assert_eq!(
        p.view.short_label,
        "Only Tinkso (third-party page) (2026-04-28)"
    );
    let a = run(&["enterprise"], &["region-pinning"], &[]);
    assert_eq!(a.view.disputes_not_read, 0);
    assert_eq!(a.disputes.len(), p.view.disputes_not_read);
}

// ---- The fact-check of 2026-11-30: each verdict that changed, with the quotes it stands on ----

fn quotes(v: &posture::engine::Verdict) -> Vec<&str> {
    v.cites.iter().map(|c| c.quote.as_str()).collect()
}

/// Every quote cited from a vendor source, wherever it is in the set.
fn vendor_quotes(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            if let (Some(s), Some(q)) = (
                m.get("source").and_then(|s| s.as_str()),
                m.get("quote").and_then(|q| q.as_str()),
            ) && s.starts_with("v-")
            {
                out.push(q.to_string());
            }
            for x in m.values() {
                vendor_quotes(x, out);
            }
        }
        serde_json::Value::Array(a) => {
            for x in a {
                vendor_quotes(x, out);
            }
        }
        _ => {}
    }
}

#[test]
fn vendor_quotes_are_as_stored() {
    // #1, #2, #4: no inserted phrase, no sentence no stored copy has, no ellipsis.
    let set = serde_json::to_value(builtin()).unwrap();
    let mut q = Vec::new();
    vendor_quotes(&set, &mut q);
    assert!(q.len() > 80, "{}", q.len());
    for x in &q {
        assert!(!x.contains('…'), "{x}");
        assert!(!x.contains("per-Region"), "{x}");
        assert!(
            !x.contains("Claude Models on Google Cloud (Anthropic managed)"),
            "{x}"
        );
    }
    // #3: the consumer-terms page is in no stored copy, so it is no longer a source.
    assert!(builtin().source("v-consumer-terms").is_none());
}

#[test]
fn team_and_enterprise_no_training_fits_only_with_the_feedback_exception() {
    // #19: "no training by default" holds, but the vendor may train on feedback users send.
    let a = run(&["team", "enterprise"], &[], &["no-training"]);
    for o in ["team", "enterprise"] {
        let v = verdict_of(&a, "no-training", o);
        assert_eq!(v.kind, FitsWithConditions, "{o}");
        assert!(v.disputed_facts.is_empty(), "a refinement, not a dispute");
        assert!(
            quotes(v).contains(&"If you explicitly report feedback or bugs to us (e.g. via our thumbs up/down feedback button), or otherwise choose to allow us to use your data, then we may use your chats and coding sessions to train our models."),
            "{o}: {:?}",
            quotes(v)
        );
        assert!(
            v.caveats
                .contains(&"commercial-feedback-training".to_string())
        );
    }
    let ent = verdict_of(&a, "no-training", "enterprise");
    assert!(quotes(ent).contains(&"As a Primary Owner or Owner of a Claude for Enterprise plan, you can disable the ability for members of your organization to submit feedback to Anthropic via the thumbs up / down button"));
    assert!(
        ent.reason
            .contains("owner turns members' thumbs feedback off")
    );
    let team = verdict_of(&a, "no-training", "team");
    assert!(team.reason.contains("no switch"), "{}", team.reason);
    assert!(a.caveat("commercial-feedback-training").is_some());
    // The page alone: "For Team and Enterprise, the default is \"do not train.\"" — still Fits.
    let p = run_page(&["team", "enterprise"], &[], &["no-training"]);
    assert_eq!(verdict(&p, "no-training", "team"), Fits);
    assert_eq!(verdict(&p, "no-training", "enterprise"), Fits);
}

#[test]
fn eu_region_on_3p_fits_only_with_the_vendors_conditions() {
    // #20: residency on Cowork on 3P also depends on where the devices are, and the app sends
    // telemetry to the vendor by default.
    let a = run(
        &["bedrock", "vertex"],
        &["eu-cloud-region"],
        &["strict-eu-residency"],
    );
    for o in ["bedrock", "vertex"] {
        let v = verdict_of(&a, "strict-eu-residency", o);
        assert_eq!(v.kind, FitsWithConditions, "{o}");
        let q = quotes(v);
        assert!(
            q.contains(&"The cloud region you select for inference"),
            "{q:?}"
        );
        assert!(
            q.contains(
                &"The physical location of the user's device, where conversations are persisted"
            ),
            "{q:?}"
        );
        // The Trust Center line is advice, not support for a fit.
        assert!(!q.iter().any(|x| x.contains("Trust Center")), "{q:?}");
        for c in ["third-party-residency-device", "third-party-telemetry"] {
            assert!(v.caveats.contains(&c.to_string()), "{o}: {c}");
        }
        let cell = cell(&a, "residency-solution", o);
        assert!(!cell.disputed);
        assert_eq!(cell.value, Value::Choice("yes-region-and-device".into()));
    }
    // #29: even with all vendor telemetry off, downloads.claude.ai is still needed.
    let t = a.caveat("third-party-telemetry").unwrap();
    assert!(t.text.contains("downloads.claude.ai"), "{}", t.text);
    assert!(t.cites.iter().any(|c| c.quote
        == "The only required egress is downloads.claude.ai (for the VM bundle at session start) and your inference provider."));
    // The page alone: the customer's chosen region is the EU, so it fits.
    let p = run_page(
        &["bedrock", "vertex"],
        &["eu-cloud-region"],
        &["strict-eu-residency"],
    );
    assert_eq!(verdict(&p, "strict-eu-residency", "bedrock"), Fits);
    assert_eq!(verdict(&p, "strict-eu-residency", "vertex"), Fits);
}

#[test]
fn foundry_zero_retention_is_disputed() {
    // #24: the vendor's preview-era notes promise ZDR availability on Foundry; the page says zero
    // retention is Enterprise-only.
    let a = run(&["foundry"], &[], &["zero-retention"]);
    let v = verdict_of(&a, "zero-retention", "foundry");
    assert_eq!(v.kind, Disputed);
    let kinds: Vec<VerdictKind> = v.readings.iter().map(|r| r.kind).collect();
    assert!(
        kinds.contains(&DoesNotFit) && kinds.contains(&FitsWithConditions),
        "{kinds:?}"
    );
    let q = quotes(v);
    assert!(q.contains(&"Anthropic continues to provide its industry-leading safety and data commitments, including zero data retention availability."), "{q:?}");
    assert!(
        q.iter().any(|x| x
            .starts_with("Zero retention is a contractual posture only available on Enterprise")),
        "{q:?}"
    );
    assert!(cell(&a, "zero-retention", "foundry").disputed);
    // The page alone: not offered.
    let p = run_page(&["foundry"], &[], &["zero-retention"]);
    assert_eq!(verdict(&p, "zero-retention", "foundry"), DoesNotFit);
    // Covered models are never under ZDR, whatever the notes say.
    let m = run(&["foundry"], &["covered-models"], &["zero-retention"]);
    assert_eq!(verdict(&m, "zero-retention", "foundry"), DoesNotFit);
}

#[test]
fn bedrock_central_control_stands_on_a_literal_aws_quote() {
    // #2, #21: the per-Region sentence is in no stored copy; the IAM / SCP one is.
    let a = run(&["bedrock", "vertex"], &[], &["central-control"]);
    let v = verdict_of(&a, "central-control", "bedrock");
    assert_eq!(v.kind, Fits);
    assert_eq!(
        quotes(v),
        [
            "You can enforce a data retention policy across your organization using IAM policies or Service Control Policies (SCPs)."
        ]
    );
    // Vertex AI: no source read says who controls retention there; the app's MDM configuration
    // is not the provider's retention setting.
    assert_eq!(verdict(&a, "central-control", "vertex"), Unknown);
}

#[test]
fn connector_logging_is_named_only_where_a_claude_account_is_used() {
    // #22: the connector policy is about connectors used through a Claude account; on 3P,
    // prompts and tool outputs go only to the configured endpoint.
    let a = run(ALL, &[], &["regulated-connector-data"]);
    for o in ["bedrock", "vertex", "foundry"] {
        let v = verdict_of(&a, "regulated-connector-data", o);
        assert_eq!(v.kind, FitsWithConditions, "{o}");
        assert!(!v.caveats.contains(&"connectors-logged".to_string()), "{o}");
    }
    for o in ["team", "enterprise"] {
        let v = verdict_of(&a, "regulated-connector-data", o);
        assert!(v.caveats.contains(&"connectors-logged".to_string()), "{o}");
    }
}

#[test]
fn pro_and_max_cowork_history_is_in_the_claude_account_from_october() {
    // Omission 1: from 6 October 2026 new Pro and Max Cowork tasks run in the cloud.
    let a = run(&["pro", "max"], &[], &[]);
    for o in ["pro", "max"] {
        let c = cell(&a, "cowork-history", o);
        assert!(!c.unknown, "{o}");
        assert_eq!(c.value, Value::Choice("account-from-2026-10-06".into()));
        assert!(c.claims.iter().any(|x| x.quote == "Heads-up for Pro and Max plans: On October 6, 2026, new Cowork tasks run in the cloud and the Only on your computer option in Settings > General will be removed. Tasks you already started on your computer stay there."));
    }
    let cav = a
        .caveat("pro-max-cowork-cloud")
        .expect("the caveat applies");
    assert!(cav.cites.iter().any(|c| c.quote
        == "Claude's work runs on Anthropic's servers, in an isolated environment, and your sessions and files are saved to your Claude account."));
    // The page says nothing of it: the row is not in its view.
    let p = run_page(&["pro", "max"], &[], &[]);
    assert!(p.rows.iter().all(|r| r.attribute != "cowork-history"));
    assert!(p.caveat("pro-max-cowork-cloud").is_none());
}

#[test]
fn cowork_on_3p_facts_cover_foundry_too() {
    // #17: the Cowork on 3P storage page holds whatever the provider.
    let a = run(&["foundry"], &[], &[]);
    assert_eq!(
        cell(&a, "cowork-history", "foundry").value,
        Value::Choice("device".into())
    );
    assert_eq!(
        cell(&a, "memory-controls", "foundry").value,
        Value::Choice("local-files".into())
    );
    // The page's "stored under the user's account" is disputed there now.
    assert!(cell(&a, "memory", "foundry").disputed);
    assert!(a.caveat("third-party-telemetry").is_some());
}

#[test]
fn page_statements_the_vendor_contradicts_name_the_page() {
    // #25, #26, #27, #28: a caveat or action another source read contradicts says whose word it
    // is, and the vendor's word is beside it.
    let a = run(
        &["enterprise", "bedrock", "foundry"],
        &[],
        &[
            "strict-eu-residency",
            "zero-retention",
            "memory-bulk-delete",
        ],
    );
    for id in [
        "do-not-train-is-not-zero-retention",
        "memory-no-bulk-delete",
        "region-pinning-at-contract",
        "foundry-not-residency",
    ] {
        let c = a.caveat(id).unwrap_or_else(|| panic!("{id}"));
        assert!(
            c.text.contains("Tinkso page (a third-party summary)"),
            "{id}: {}",
            c.text
        );
    }
    let pin = a.caveat("region-pinning-at-contract").unwrap();
    assert!(pin.text.contains("Ask whether an EU pin can be contracted"));
    for id in ["zdr-vendor-terms", "memory-vendor", "vendor-geographies"] {
        assert!(a.caveat(id).is_some(), "{id}");
    }
    // "Claude Platform on AWS" is not Bedrock (omission 10).
    assert!(a.caveat("claude-platform-on-aws-not-bedrock").is_some());
}

#[test]
fn consumer_training_is_the_users_choice_and_incognito_is_never_trained_on() {
    // #23 and omission 11: the vendor's words beside the page's "default yes".
    let a = run(&["pro", "max"], &[], &["no-training"]);
    let choice = a
        .caveat("consumer-training-choice")
        .expect("said for Pro and Max");
    assert!(choice.cites.iter().any(|c| c.quote
        == "You choose to allow us to use your chats and coding sessions to improve Claude"));
    assert!(
        choice
            .text
            .contains("Tinkso page (a third-party summary) says"),
        "{}",
        choice.text
    );
    let incognito = a
        .caveat("consumer-incognito")
        .expect("said for Pro and Max");
    assert!(incognito.cites.iter().any(|c| c.quote
        == "Your incognito chats are not used to improve Claude, even if you have enabled Model Improvement in your privacy settings."));
    // The verdicts stand as the page gives them; the reasons say whose "by default" it is.
    let v = verdict_of(&a, "no-training", "pro");
    assert_eq!(v.kind, FitsWithConditions);
    assert!(
        v.reason
            .starts_with("The Tinkso page (a third-party summary) says"),
        "{}",
        v.reason
    );
}
