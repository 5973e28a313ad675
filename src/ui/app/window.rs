//! The native window: eframe's options and the app's start on the command line's files.

use super::PostureApp;
use crate::model::{PolicySet, load_builtin};
use crate::ui::{Action, style};

/// Opens the window, on the policy set and scenario named on the command line, if any.
pub fn run(
    policies: Option<std::path::PathBuf>,
    scenario: Option<std::path::PathBuf>,
) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("posture")
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "posture",
        options,
        Box::new(move |cc| {
            style::install(&cc.egui_ctx);
            let builtin = builtin_or_empty();
            let mut app = PostureApp::restore(cc.storage, builtin, crate::model::Date::today_utc());
            if let Some(p) = policies {
                app.apply(&cc.egui_ctx, Action::LoadPolicies(p));
            }
            if let Some(p) = scenario {
                app.apply(&cc.egui_ctx, Action::OpenScenario(p));
            }
            Ok(Box::new(app))
        }),
    )
}

/// The built-in set always validates (a test guarantees it); an empty set keeps the app alive even
/// if a broken build slipped through.
pub fn builtin_or_empty() -> PolicySet {
    load_builtin().unwrap_or_default()
}
