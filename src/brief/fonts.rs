//! Inter for the brief: the same OFL family the UI bundles, parsed once per process.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::layout::{Face, Measure};

pub struct Fonts {
    pub regular: ParsedFont,
    pub bold: ParsedFont,
    pub italic: ParsedFont,
}

/// Drawn in place of a character Inter lacks, so the gap is visible (and reported).
pub const REPLACEMENT: char = '□';

static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();

pub fn fonts() -> Result<&'static Fonts, String> {
    FONTS
        .get_or_init(|| {
            let parse = |bytes: &[u8], name: &str| {
                ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
                    .ok_or_else(|| format!("the bundled font {name} could not be parsed"))
            };
            Ok(Fonts {
                regular: parse(crate::ui::style::INTER_REGULAR, "Inter Regular")?,
                bold: parse(crate::ui::style::INTER_BOLD, "Inter Bold")?,
                italic: parse(crate::ui::style::INTER_ITALIC, "Inter Italic")?,
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

impl Fonts {
    pub fn face(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::Italic => &self.italic,
        }
    }

    fn has(&self, c: char) -> bool {
        [&self.regular, &self.bold, &self.italic]
            .iter()
            .all(|f| f.lookup_glyph_index(c as u32).is_some())
    }

    /// Replaces what the fonts cannot draw: control characters become spaces, missing glyphs
    /// become [`REPLACEMENT`] and are collected in `missing`.
    pub fn sanitize(&self, text: &str, missing: &mut BTreeSet<char>) -> String {
        text.chars()
            .map(|c| {
                if c == '\n' {
                    c
                } else if c.is_control() || c.is_whitespace() {
                    ' '
                } else if self.has(c) {
                    c
                } else {
                    missing.insert(c);
                    REPLACEMENT
                }
            })
            .collect()
    }
}

impl Measure for Fonts {
    fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let f = self.face(face);
        let upem = f32::from(f.font_metrics.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                let gid = f
                    .lookup_glyph_index(c as u32)
                    .or_else(|| f.lookup_glyph_index(REPLACEMENT as u32))
                    .unwrap_or(0);
                u32::from(f.get_horizontal_advance(gid))
            })
            .sum();
        units as f32 / upem * size
    }
}
