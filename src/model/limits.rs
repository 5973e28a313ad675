//! The limits a policy set must keep, so that no set that passes `check` can make the engine or
//! the brief's layout explode. Each is stated in the README; each breach is an error located in
//! the file, like any other.

use super::*;

/// Ids: short, plain words.
pub const MAX_ID_CHARS: usize = 100;
/// Names, titles, labels, locators.
pub const MAX_NAME_CHARS: usize = 300;
/// Texts: explanations, reasons, notes, questions, quotes.
pub const MAX_TEXT_CHARS: usize = 5_000;
/// Items of each kind in a set.
pub const MAX_ITEMS: usize = 2_000;
/// Offerings in a set (columns).
pub const MAX_OFFERINGS: usize = 200;
/// Attributes in a set (rows).
pub const MAX_ATTRIBUTES: usize = 1_000;
/// Claims in a set.
pub const MAX_CLAIMS: usize = 20_000;
/// Entries of one list inside an item: citations, rules, choices, regions, changes, scope ids.
pub const MAX_LIST: usize = 200;
/// How deeply `All`, `Any` and `Not` may nest in one rule.
pub const MAX_NESTING: usize = 16;

/// One breach: what, and a needle to locate it in the item's file.
pub struct Breach {
    pub needle: String,
    pub message: String,
}

/// Every breach of one item, found by walking its strings and lists.
#[derive(Default)]
pub struct Walk {
    pub breaches: Vec<Breach>,
}

impl Walk {
    fn text(&mut self, field: &str, value: &str, max: usize, single_line: bool) {
        let n = value.chars().count();
        let needle = value.chars().take(30).collect::<String>();
        if n > max {
            self.breaches.push(Breach {
                needle: needle.clone(),
                message: format!("`{field}` is {n} characters; the limit is {max}"),
            });
        }
        let bad = value
            .chars()
            .find(|c| c.is_control() && (single_line || !matches!(c, '\n' | '\t')));
        if let Some(c) = bad {
            self.breaches.push(Breach {
                needle,
                message: format!(
                    "`{field}` contains the control character U+{:04X}{}",
                    c as u32,
                    if single_line {
                        "; names and ids must be one line of visible text"
                    } else {
                        ""
                    }
                ),
            });
        }
    }
    pub fn id(&mut self, field: &str, v: &str) {
        self.text(field, v, MAX_ID_CHARS, true);
    }
    pub fn name(&mut self, field: &str, v: &str) {
        self.text(field, v, MAX_NAME_CHARS, true);
    }
    pub fn long(&mut self, field: &str, v: &str) {
        self.text(field, v, MAX_TEXT_CHARS, false);
    }
    pub fn list(&mut self, field: &str, n: usize) {
        if n > MAX_LIST {
            self.breaches.push(Breach {
                needle: format!("{field}:"),
                message: format!("`{field}` has {n} entries; the limit is {MAX_LIST}"),
            });
        }
    }
    pub fn cites(&mut self, cites: &[Cite]) {
        self.list("cite", cites.len());
        for c in cites {
            self.id("source", &c.source);
            self.name("locator", &c.locator);
            self.long("quote", &c.quote);
        }
    }
    pub fn value(&mut self, v: &Value) {
        match v {
            Value::Choice(id) => self.id("Choice", id),
            Value::Text(t) => self.long("Text", t),
            Value::Location(
                Location::VendorRegions(r)
                | Location::VendorPinned(r)
                | Location::CustomerCloudIn(r)
                | Location::ProviderRegions(r),
            ) => {
                self.list("regions", r.len());
                for x in r {
                    self.name("region", x);
                }
            }
            _ => {}
        }
    }
    pub fn condition(&mut self, c: &Condition, depth: usize) {
        if depth > MAX_NESTING {
            self.breaches.push(Breach {
                needle: "when:".into(),
                message: format!("a rule nests `All`/`Any`/`Not` deeper than {MAX_NESTING}"),
            });
            return;
        }
        match c {
            Condition::Always => {}
            Condition::Is(a, v) => {
                self.id("attribute", a);
                self.value(v);
            }
            Condition::OneOf(a, vs) => {
                self.id("attribute", a);
                self.list("OneOf", vs.len());
                vs.iter().for_each(|v| self.value(v));
            }
            Condition::ConfinedTo(a, r) => {
                self.id("attribute", a);
                self.list("regions", r.len());
            }
            Condition::AtMostDays(a, _) | Condition::OptionOn(a) => self.id("id", a),
            Condition::All(cs) | Condition::Any(cs) => {
                self.list("conditions", cs.len());
                cs.iter().for_each(|c| self.condition(c, depth + 1));
            }
            Condition::Not(c) => self.condition(c, depth + 1),
        }
    }
    pub fn outcome(&mut self, o: &Outcome) {
        self.long("reason", &o.reason);
        self.cites(&o.cite);
        self.list("caveats", o.caveats.len());
    }
}

/// The counts of a whole set, as (what, count, limit) for each breach.
pub fn count_breaches(set: &PolicySet) -> Vec<String> {
    let counts = [
        ("sources", set.sources.len(), MAX_ITEMS),
        ("attributes", set.attributes.len(), MAX_ATTRIBUTES),
        ("offerings", set.offerings.len(), MAX_OFFERINGS),
        ("options", set.options.len(), MAX_ITEMS),
        ("requirements", set.requirements.len(), MAX_ITEMS),
        ("caveats", set.caveats.len(), MAX_ITEMS),
        ("claims", set.claims.len(), MAX_CLAIMS),
    ];
    counts
        .iter()
        .filter(|(_, n, max)| n > max)
        .map(|(what, n, max)| format!("the set has {n} {what}; the limit is {max}"))
        .collect()
}
