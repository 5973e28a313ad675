//! The document: a scenario, where it lives, whether it is saved, and its own undo history.
//!
//! A document never shares its history: New, Open, a dropped file and a reopened brief each make a
//! new document, so Undo can never bring another file's content into this one.

use std::path::{Path, PathBuf};

use super::actions::Edit;
use crate::model::{PolicySet, Scenario};

const MAX_UNDO: usize = 200;

#[derive(Debug, Clone)]
pub struct Document {
    pub scenario: Scenario,
    /// The file it was opened from or saved to; none for a new document or a reopened brief.
    pub path: Option<PathBuf>,
    /// The scenario as last saved (or opened), to tell whether there are unsaved changes.
    saved: Scenario,
    /// Nothing on disk holds this scenario yet, although it is not empty (a reopened brief).
    never_saved: bool,
    undo: Vec<Scenario>,
    redo: Vec<Scenario>,
    /// Consecutive typing into one field makes one undo step.
    typing_in: Option<&'static str>,
}

impl Document {
    /// A document as opened from `path` (or a new one, without a path): saved, no history.
    pub fn new(scenario: Scenario, path: Option<PathBuf>) -> Self {
        Document {
            saved: scenario.clone(),
            scenario,
            path,
            never_saved: false,
            undo: Vec::new(),
            redo: Vec::new(),
            typing_in: None,
        }
    }

    /// A document whose scenario came from elsewhere (a brief): unsaved until it is saved.
    pub fn unsaved(scenario: Scenario) -> Self {
        Document {
            never_saved: true,
            ..Document::new(scenario, None)
        }
    }

    /// The document of the last session: its scenario, and the scenario as it was last saved.
    pub fn restored(
        scenario: Scenario,
        saved: Scenario,
        path: Option<PathBuf>,
        never_saved: bool,
    ) -> Self {
        Document {
            saved,
            never_saved,
            ..Document::new(scenario, path)
        }
    }

    /// Nothing on disk holds this scenario yet (a reopened brief).
    pub fn never_saved(&self) -> bool {
        self.never_saved
    }

    /// The scenario as last saved (what the session store keeps beside the current one).
    pub fn saved(&self) -> &Scenario {
        &self.saved
    }

    pub fn dirty(&self) -> bool {
        self.never_saved || self.scenario != self.saved
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The file name; for a scenario never saved, its client's name, or "Untitled scenario".
    pub fn name(&self) -> String {
        match self.path.as_ref().and_then(|p| p.file_name()) {
            Some(n) => n.to_string_lossy().into_owned(),
            None if !self.scenario.client.trim().is_empty() => {
                format!("{} (not saved)", self.scenario.client.trim())
            }
            None => "Untitled scenario".to_string(),
        }
    }

    /// Applies `edit`; `order` is the offerings list's order, where a ticked offering finds its
    /// column. Returns whether the scenario changed (and so went on the undo stack).
    pub fn edit(&mut self, edit: &Edit, set: &PolicySet, order: &[String]) -> bool {
        let before = self.scenario.clone();
        apply_edit(&mut self.scenario, edit, set, order);
        if self.scenario == before {
            return false;
        }
        let field = edit.text_field();
        if field.is_none() || field != self.typing_in {
            self.undo.push(before);
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.typing_in = field;
        true
    }

    /// Ends a run of typing, so the next keystroke starts a new undo step.
    pub fn end_typing(&mut self) {
        self.typing_in = None;
    }

    pub fn undo(&mut self) -> bool {
        self.typing_in = None;
        step(&mut self.scenario, &mut self.undo, &mut self.redo)
    }

    pub fn redo(&mut self) -> bool {
        self.typing_in = None;
        step(&mut self.scenario, &mut self.redo, &mut self.undo)
    }

    /// The scenario is now on disk at `path`.
    pub fn saved_to(&mut self, path: &Path) {
        self.saved = self.scenario.clone();
        self.never_saved = false;
        self.path = Some(path.to_path_buf());
    }
}

/// Undo and redo alike: the scenario becomes the newest of `from`, and what it was goes on `to`.
fn step(scenario: &mut Scenario, from: &mut Vec<Scenario>, to: &mut Vec<Scenario>) -> bool {
    match from.pop() {
        Some(next) => {
            to.push(std::mem::replace(scenario, next));
            true
        }
        None => false,
    }
}

/// One edit, on the scenario alone. Every kind of edit is named: a new one must say what it does.
fn apply_edit(s: &mut Scenario, edit: &Edit, set: &PolicySet, order: &[String]) {
    match edit {
        Edit::Client(v) => s.client = v.clone(),
        Edit::PreparedBy(v) => s.prepared_by = v.clone(),
        Edit::Date(v) => s.date = v.clone(),
        Edit::Notes(v) => s.notes = v.clone(),
        Edit::Audience(a) => s.audience = *a,
        // A ticked offering takes the column its row's place in the list gives it.
        Edit::Offering(id, true) => {
            if !s.offerings.contains(id) {
                let before = order
                    .iter()
                    .take_while(|o| *o != id)
                    .filter(|o| s.offerings.contains(o))
                    .count();
                s.offerings
                    .insert(before.min(s.offerings.len()), id.clone());
            }
        }
        Edit::Offering(id, false) => s.offerings.retain(|o| o != id),
        Edit::Offerings(ids) => s.offerings = ids.clone(),
        Edit::MoveOffering(id, by) => {
            if let Some(i) = s.offerings.iter().position(|o| o == id) {
                let last = s.offerings.len().saturating_sub(1) as isize;
                let j = (i as isize + by).clamp(0, last) as usize;
                let item = s.offerings.remove(i);
                s.offerings.insert(j, item);
            }
        }
        Edit::Option(id, on) => set_member(&mut s.options, id, *on),
        Edit::Sources(ids) => s.sources = ids.clone(),
        Edit::Requirement(id, on) => {
            // Keep requirements in the policy set's order, whatever the click order.
            set_member(&mut s.requirements, id, *on);
            let place = |r: &String| {
                set.requirements
                    .iter()
                    .position(|x| &x.id == r)
                    .unwrap_or(usize::MAX)
            };
            s.requirements.sort_by_key(place);
        }
    }
}

fn set_member(list: &mut Vec<String>, id: &str, on: bool) {
    let present = list.iter().any(|x| x == id);
    if on && !present {
        list.push(id.to_string());
    } else if !on {
        list.retain(|x| x != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(client: &str) -> Scenario {
        Scenario {
            client: client.into(),
            ..Default::default()
        }
    }

    #[test]
    fn typing_in_one_field_is_one_undo_step_and_a_new_edit_clears_redo() {
        let set = PolicySet::default();
        let mut d = Document::new(scenario(""), None);
        for text in ["A", "Ac", "Acm", "Acme"] {
            assert!(d.edit(&Edit::Client(text.into()), &set, &[]));
        }
        assert!(d.edit(&Edit::Notes("n".into()), &set, &[]));
        assert!(d.dirty());
        assert!(d.undo() && d.scenario.client == "Acme" && d.scenario.notes.is_empty());
        assert!(d.undo() && d.scenario.client.is_empty());
        assert!(!d.undo());
        assert!(d.redo() && d.scenario.client == "Acme");
        assert!(d.edit(&Edit::Client("X".into()), &set, &[]));
        assert!(!d.can_redo(), "an edit after an undo ends the redo branch");
        // An edit that changes nothing is no step.
        assert!(!d.edit(&Edit::Client("X".into()), &set, &[]));
    }

    #[test]
    fn a_saved_document_is_clean_and_a_reopened_brief_is_not() {
        let set = PolicySet::default();
        let mut d = Document::new(scenario("A"), Some("/tmp/a.ron".into()));
        assert!(!d.dirty() && d.name() == "a.ron");
        d.edit(&Edit::Client("B".into()), &set, &[]);
        assert!(d.dirty());
        d.saved_to(Path::new("/tmp/b.ron"));
        assert!(!d.dirty() && d.name() == "b.ron");
        // Never saved: named after its client, else "Untitled scenario".
        let brief = Document::unsaved(scenario("C"));
        assert!(brief.dirty() && brief.name() == "C (not saved)");
        let blank = Document::unsaved(scenario(""));
        assert_eq!(blank.name(), "Untitled scenario");
    }

    #[test]
    fn a_ticked_offering_goes_back_to_its_place() {
        let set = PolicySet::default();
        let order: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let mut d = Document::new(
            Scenario {
                offerings: vec!["a".into(), "c".into()],
                ..Default::default()
            },
            None,
        );
        d.edit(&Edit::Offering("b".into(), true), &set, &order);
        assert_eq!(d.scenario.offerings, ["a", "b", "c"]);
        d.edit(&Edit::MoveOffering("a".into(), 5), &set, &order);
        assert_eq!(d.scenario.offerings, ["b", "c", "a"]);
        d.edit(&Edit::Offering("c".into(), false), &set, &order);
        assert_eq!(d.scenario.offerings, ["b", "a"]);
    }
}
