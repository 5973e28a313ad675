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
        },
        SavedDocument {
            scenario: old.scenario,
            saved: old.saved,
            path: old.scenario_path,
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
            app.state.doc = Document::restored(s, saved, doc.path);
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
