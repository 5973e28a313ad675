//! posture: where AI-assistant data is processed, how long it is kept and whether it trains the
//! model, per plan and deployment route — with the reason and source behind every answer.
//!
//! - [`model`]: the policy set and scenario as plain data, loading and validation;
//! - [`engine`]: `assess`, the pure function from (policy set, scenario, date) to an assessment;
//! - [`cli`]: the command line (`check`, `assess`);

pub mod assets;
pub mod brief;
pub mod cli;
pub mod engine;
pub mod fs;
pub mod model;
pub mod recheck;
pub mod ui;
