//! What survives a restart (eframe persistence): the preferences, saved whole, and the document in
//! progress, each under its own key.

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::PostureApp;
use crate::model::{Date, PolicySet, Scenario, load_dir};
use crate::ui::document::Document;
use crate::ui::prefs::Prefs;

const PREFS_KEY: &str = "posture.prefs";
const DOCUMENT_KEY: &str = "posture.document";
/// Where versions before the split kept everything, read once so an upgrade loses no work.
const OLD_KEY: &str = "posture";

/// The document in progress: its scenario, as last saved, and its file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedDocument {
    pub scenario: Option<Scenario>,
    pub saved: Option<Scenario>,
    pub path: Option<PathBuf>,
    /// Nothing on disk holds it yet (a reopened brief), so it stays marked unsaved.
    pub never_saved: bool,
}

/// The single record of earlier versions.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct OldRecord {
    scenario: Option<Scenario>,
    scenario_path: Option<PathBuf>,
    saved: Option<Scenario>,
    recent: Vec<PathBuf>,
    dark: bool,
    zoom: Option<f32>,
    policy_path: Option<PathBuf>,
    only_differences: bool,
    letter_paper: bool,
}

fn from_storage(storage: Option<&dyn eframe::Storage>) -> (Prefs, SavedDocument) {
    let Some(s) = storage else {
        return Default::default();
    };
    let prefs: Option<Prefs> = eframe::get_value(s, PREFS_KEY);
    let doc: Option<SavedDocument> = eframe::get_value(s, DOCUMENT_KEY);
    if prefs.is_some() || doc.is_some() {
        return (prefs.unwrap_or_default(), doc.unwrap_or_default());
    }
    let old: OldRecord = eframe::get_value(s, OLD_KEY).unwrap_or_default();
    (
        Prefs {
            dark: old.dark,
            zoom: old.zoom,
            letter_paper: old.letter_paper,
            recent: old.recent,
            policy_path: old.policy_path,
            only_differences: old.only_differences,
            reviewer: String::new(),
        },
        SavedDocument {
            scenario: old.scenario,
            saved: old.saved,
            path: old.scenario_path,
            never_saved: false,
        },
    )
}

impl PostureApp {
    /// Restores the last session from eframe storage, if any.
    pub fn restore(storage: Option<&dyn eframe::Storage>, policy: PolicySet, today: Date) -> Self {
        let mut app = PostureApp::new(policy, today);
        let (prefs, doc) = from_storage(storage);
        app.zoom_on_start = prefs.zoom;
        app.state.prefs = prefs;
        if let Some(p) = app.state.prefs.policy_path.clone() {
            match load_dir(&p) {
                Ok(set) => app.state.policy = Arc::new(set),
                Err(e) => {
                    app.state.policy_errors = e.0;
                    app.state.policy_errors_from = p.display().to_string();
                    app.state.prefs.policy_path = None;
                }
            }
        }
        if let Some(s) = doc.scenario {
            let saved = doc.saved.unwrap_or_else(|| s.clone());
            app.state.doc = Document::restored(s, saved, doc.path, doc.never_saved);
        }
        app.reassess();
        app
    }

    /// The preferences as they are now, with the working zoom.
    pub fn prefs_to_save(&self) -> Prefs {
        Prefs {
            zoom: Some(self.zoom),
            ..self.state.prefs.clone()
        }
    }

    pub fn document_to_save(&self) -> SavedDocument {
        SavedDocument {
            scenario: Some(self.state.doc.scenario.clone()),
            saved: Some(self.state.doc.saved().clone()),
            path: self.state.doc.path.clone(),
            never_saved: self.state.doc.never_saved(),
        }
    }
}

impl eframe::App for PostureApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs_to_save());
        eframe::set_value(storage, DOCUMENT_KEY, &self.document_to_save());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_builtin;
    use eframe::Storage;
    use std::collections::HashMap;

    #[derive(Default)]
    struct Memory(HashMap<String, String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_string(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    fn today() -> Date {
        Date::parse("2026-11-28").unwrap()
    }

    #[test]
    fn preferences_and_the_document_come_back_each_from_its_own_record() {
        let mut app = PostureApp::new(load_builtin().unwrap(), today());
        app.state.prefs.dark = true;
        app.state.prefs.letter_paper = true;
        app.state.prefs.remember(std::path::Path::new("/tmp/a.ron"));
        app.state.doc = Document::restored(
            Scenario {
                client: "Acme".into(),
                ..Default::default()
            },
            Scenario::default(),
            Some("/tmp/a.ron".into()),
            false,
        );
        let mut storage = Memory::default();
        eframe::App::save(&mut app, &mut storage);
        assert!(storage.0.contains_key(PREFS_KEY) && storage.0.contains_key(DOCUMENT_KEY));
        let back = PostureApp::restore(Some(&storage), load_builtin().unwrap(), today());
        assert_eq!(back.state.prefs, app.prefs_to_save());
        assert_eq!(back.state.doc.scenario.client, "Acme");
        assert!(back.state.doc.dirty(), "the unsaved change is still marked");
        assert!(
            !back.state.doc.can_undo(),
            "history is not carried over a restart"
        );

        // A reopened brief, never saved, is still unsaved after a restart.
        let mut app = back;
        app.state.doc = Document::unsaved(app.state.doc.saved().clone());
        eframe::App::save(&mut app, &mut storage);
        let back = PostureApp::restore(Some(&storage), load_builtin().unwrap(), today());
        assert!(back.state.doc.dirty());
    }

    #[test]
    fn the_record_of_earlier_versions_is_read_so_an_upgrade_loses_no_work() {
        let mut storage = Memory::default();
        storage.set_string(
            OLD_KEY,
            r#"(scenario: Some((client: "Old work")), scenario_path: Some("/tmp/old.ron"), dark: true, letter_paper: true, recent: ["/tmp/old.ron"])"#.into(),
        );
        let app = PostureApp::restore(Some(&storage), load_builtin().unwrap(), today());
        assert_eq!(app.state.doc.scenario.client, "Old work");
        assert_eq!(
            app.state.doc.path.as_deref(),
            Some(std::path::Path::new("/tmp/old.ron"))
        );
        assert!(app.state.prefs.dark && app.state.prefs.letter_paper);
        assert_eq!(app.state.prefs.recent.len(), 1);
    }
}
