//! posture: where AI-assistant data is processed, how long it is kept and whether it trains the
//! model, per plan and deployment route — with the reason and source behind every answer.
//!
//! From the bottom up (no module uses one above it; `tests/it/layers.rs` checks):
//! - [`assets`] (the Inter faces) and [`fs`] (atomic writes), used by everything;
//! - [`model`]: the policy set, the scenario and the evidence log as plain data; loading and
//!   validation;
//! - [`engine`]: `assess`, the pure function from (policy set, scenario, date) to an assessment,
//!   and what changed since an earlier one;
//! - [`brief`]: the PDF brief, and the CSV and Markdown exports, from an assessment;
//! - [`recheck`]: every quote against the page it cites (the only network use), beside the brief;
//! - [`ui`] (the window) and [`cli`] (`check`, `assess`, `export`, `verify`, `diff`, `recheck`).

pub mod assets;
pub mod brief;
pub mod cli;
pub mod engine;
pub mod fs;
pub mod model;
pub mod recheck;
pub mod ui;
