//! The PDF brief for the security review. (Layout lands with the brief issue.)

use std::path::Path;

use crate::engine::Assessment;

/// Whether this build can export a brief.
pub const AVAILABLE: bool = false;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

/// Writes the brief for `assessment` to `path` atomically; returns the bytes written.
pub fn export_to_file(
    _assessment: &Assessment,
    _path: &Path,
    _paper: Paper,
) -> Result<usize, String> {
    Err("the PDF brief is not available in this build yet".into())
}
