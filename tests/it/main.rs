//! posture's integration tests, one binary with a module per area (as rust-analyzer's are): one
//! link of the dependency graph instead of one per file.
mod common;

mod brief;
mod cli;
mod engine;
mod facts;
mod layers;
mod properties;
mod recheck;
mod sources;
mod tagged;
mod ui;
mod validation;
