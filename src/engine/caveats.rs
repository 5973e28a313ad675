//! Caveats and actions: which apply to a scenario, and to which of its offerings.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::{Caveat, CaveatKind, Scope};

use super::claims::Index;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AppliedCaveat {
    pub id: String,
    pub kind: CaveatKind,
    pub title: String,
    pub text: String,
    pub internal: bool,
    /// Names of the chosen offerings it concerns.
    pub offerings: Vec<String>,
    pub cites: Vec<super::CiteView>,
}

/// Whether a caveat's scope matches: each non-empty list must match at least once.
pub(crate) fn scope_matches(
    index: &Index,
    scope: &Scope,
    chosen: &[String],
    required: &[String],
) -> bool {
    let offerings_ok =
        scope.offerings.is_empty() || scope.offerings.iter().any(|o| chosen.contains(o));
    let options_ok = scope.options.is_empty()
        || scope.options.iter().any(|id| {
            index
                .in_effect
                .iter()
                .any(|op| &op.id == id && op.applies_to.iter().any(|o| chosen.contains(o)))
        });
    let requirements_ok =
        scope.requirements.is_empty() || scope.requirements.iter().any(|r| required.contains(r));
    offerings_ok && options_ok && requirements_ok
}

/// The caveats that apply: in scope, or named by a verdict; visible to the audience; and said by
/// a source the assessment reads.
pub(crate) fn applicable<'a>(
    index: &Index<'a>,
    chosen: &[String],
    required: &[String],
    named_by_verdicts: &BTreeSet<&str>,
    internal_audience: bool,
) -> Vec<&'a Caveat> {
    index
        .set
        .caveats
        .iter()
        .filter(|c| internal_audience || !c.internal)
        .filter(|c| c.cite.iter().any(|x| index.reading.reads(&x.source)))
        .filter(|c| {
            named_by_verdicts.contains(c.id.as_str())
                || scope_matches(index, &c.scope, chosen, required)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::fixtures::source;
    use crate::engine::sources::Reading;
    use crate::model::{Cite, OptionDef, PolicySet, Requires};

    fn set() -> PolicySet {
        let cite = |s: &str| Cite {
            source: s.into(),
            locator: "§".into(),
            quote: "q".into(),
            verified: None,
        };
        let caveat = |id: &str, scope: Scope, internal: bool, src: &str| Caveat {
            id: id.into(),
            kind: CaveatKind::Caveat,
            title: id.into(),
            text: id.into(),
            scope,
            internal,
            cite: vec![cite(src)],
            facts: Vec::new(),
        };
        PolicySet {
            sources: vec![source("page", "2026-04-28"), source("vendor", "2026-04-28")],
            options: vec![OptionDef {
                id: "opt".into(),
                title: "Opt".into(),
                summary: String::new(),
                applies_to: vec!["o1".into()],
                requires: Requires::Contract,
                requires_detail: String::new(),
                changes: Vec::new(),
                cite: vec![cite("page")],
                facts: Vec::new(),
            }],
            caveats: vec![
                caveat("everywhere", Scope::default(), false, "page"),
                caveat(
                    "o2-only",
                    Scope {
                        offerings: vec!["o2".into()],
                        ..Default::default()
                    },
                    false,
                    "page",
                ),
                caveat(
                    "with-opt",
                    Scope {
                        options: vec!["opt".into()],
                        ..Default::default()
                    },
                    false,
                    "page",
                ),
                caveat("opinion", Scope::default(), true, "page"),
                caveat("vendor-says", Scope::default(), false, "vendor"),
            ],
            ..Default::default()
        }
    }

    fn ids(set: &PolicySet, sources: &[&str], options: &[&str], internal: bool) -> Vec<String> {
        let mut w = Vec::new();
        let wanted: Vec<String> = sources.iter().map(|s| s.to_string()).collect();
        let reading = Reading::resolve(set, &wanted, &mut w);
        let on: Vec<String> = options.iter().map(|s| s.to_string()).collect();
        let index = Index::new(set, &reading, &on);
        applicable(&index, &["o1".into()], &[], &BTreeSet::new(), internal)
            .iter()
            .map(|c| c.id.clone())
            .collect()
    }

    #[test]
    fn scope_audience_and_sources_decide() {
        let s = set();
        assert_eq!(ids(&s, &[], &[], false), ["everywhere", "vendor-says"]);
        assert_eq!(
            ids(&s, &[], &["opt"], true),
            ["everywhere", "with-opt", "opinion", "vendor-says"]
        );
        // Read as the page alone saw it, the vendor's caveat is not there.
        assert_eq!(ids(&s, &["page"], &[], false), ["everywhere"]);
    }
}
