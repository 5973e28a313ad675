//! The egui desktop app. Views (`views/`, one module per part of the window) read the [`State`]
//! and return [`Action`]s; the [`PostureApp`] applies them and re-runs `assess` only when something
//! changed. Every command, with its label and shortcut, is listed once in [`command`].
//!
//! Inside `ui`, nothing imports upwards: `actions`, `command`, `document`, `landmarks` and
//! `prefs` describe and never read the state; `state` holds them and says what can run; `views` read the state;
//! `app` owns it all, is the only writer, and opens the window (`app/window.rs`).

pub mod actions;
pub mod app;
pub mod command;
pub mod document;
pub mod jobs;
pub mod landmarks;
pub mod prefs;
pub mod state;
pub mod style;
pub mod views;

pub use actions::Action;
pub use actions::Edit;
pub use actions::ReviewAction;
pub use app::{PostureApp, run};
pub use command::Command;
pub use state::State;
