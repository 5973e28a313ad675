//! Inter for the brief: the same OFL family the UI bundles, parsed once per process.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, OnceLock};

use printpdf::ParsedFont;

use super::layout::{Face, Measure};

pub struct Fonts {
    pub regular: ParsedFont,
    pub bold: ParsedFont,
    pub italic: ParsedFont,
    /// Advance widths in em per face, filled as characters are first measured; `None` where the
    /// face has no glyph. A cmap lookup costs thousands of instructions: looking every measured
    /// character up again was most of the time spent laying out a brief.
    advances: [Mutex<HashMap<char, Option<f32>>>; 3],
    /// The same for the first code points (Latin, punctuation, arrows, symbols such as ✓ and
    /// ≈), filled up front: nearly all text, and no lock to take. NaN where the face has no
    /// glyph.
    direct: [Box<[f32]>; 3],
}

/// Code points below this are measured from [`Fonts::direct`].
const DIRECT: usize = 0x3000;

/// Drawn in place of a character Inter lacks, so the gap is visible (and reported).
pub const REPLACEMENT: char = '□';

/// A bundled face that did not parse: a broken build, never the user's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FontError {
    pub face: &'static str,
}

impl std::fmt::Display for FontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the bundled font {} could not be parsed", self.face)
    }
}

static FONTS: OnceLock<Result<Fonts, FontError>> = OnceLock::new();

pub fn fonts() -> Result<&'static Fonts, FontError> {
    FONTS
        .get_or_init(|| {
            let parse = |bytes: &[u8], face: &'static str| {
                let mut font =
                    ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(FontError { face })?;
                if let Some(direct) = direct_cmap(bytes) {
                    font.cmap_subtable = Some(direct);
                }
                Ok::<_, FontError>(font)
            };
            let faces = [
                parse(crate::assets::INTER_REGULAR, "Inter Regular")?,
                parse(crate::assets::INTER_BOLD, "Inter Bold")?,
                parse(crate::assets::INTER_ITALIC, "Inter Italic")?,
            ];
            let direct = [0, 1, 2].map(|i| {
                (0..DIRECT)
                    .map(|c| lookup(&faces[i], c as u32).unwrap_or(f32::NAN))
                    .collect::<Box<[f32]>>()
            });
            let [regular, bold, italic] = faces;
            Ok(Fonts {
                regular,
                bold,
                italic,
                advances: Default::default(),
                direct,
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Advance of a code point in em, through the font's cmap.
fn lookup(f: &ParsedFont, cp: u32) -> Option<f32> {
    let upem = f32::from(f.font_metrics.units_per_em.max(1));
    f.lookup_glyph_index(cp)
        // Glyph 0 is .notdef: the direct table below gives it for characters the face lacks.
        .filter(|&gid| gid != 0)
        .map(|gid| f32::from(f.get_horizontal_advance(gid)) / upem)
}

/// The face's character map as one direct table of the Basic Multilingual Plane (cmap format 6).
///
/// printpdf looks every character of a brief up in the face's cmap, twice, and Inter's
/// (format 12) is searched group by group: that was a sixth of the time of a large export. The
/// table gives the same glyph for every character the face maps, and glyph 0 (.notdef) for the
/// rest, which the brief never draws ([`Fonts::sanitize`] replaces them first). Characters
/// beyond the BMP are not in Inter.
fn direct_cmap(bytes: &[u8]) -> Option<allsorts::tables::cmap::owned::CmapSubtable> {
    use skrifa::MetadataProvider;
    let font = skrifa::FontRef::new(bytes).ok()?;
    let mut table = vec![0u16; 0x1_0000];
    let mut last = 0;
    for (cp, gid) in font.charmap().mappings() {
        if let (Ok(i), Ok(g)) = (u16::try_from(cp), u16::try_from(gid.to_u32())) {
            table[usize::from(i)] = g;
            last = last.max(usize::from(i));
        }
    }
    table.truncate(last + 1);
    Some(allsorts::tables::cmap::owned::CmapSubtable::Format6 {
        language: 0,
        first_code: 0,
        glyph_id_array: table,
    })
}

fn slot(face: Face) -> usize {
    match face {
        Face::Regular => 0,
        Face::Bold => 1,
        Face::Italic => 2,
    }
}

impl Fonts {
    pub fn face(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::Italic => &self.italic,
        }
    }

    /// Advance of `c` in em, or `None` if the face cannot draw it.
    fn advance(&self, face: Face, c: char) -> Option<f32> {
        if let Some(&w) = self.direct[slot(face)].get(c as usize) {
            return (!w.is_nan()).then_some(w);
        }
        let lookup = || lookup(self.face(face), c as u32);
        match self.advances[slot(face)].lock() {
            Ok(mut cache) => *cache.entry(c).or_insert_with(lookup),
            // A poisoned cache (a panic elsewhere while holding it) only costs speed.
            Err(_) => lookup(),
        }
    }

    fn has(&self, c: char) -> bool {
        [Face::Regular, Face::Bold, Face::Italic]
            .iter()
            .all(|&f| self.advance(f, c).is_some())
    }

    /// Replaces what the fonts cannot draw: control characters become spaces, missing glyphs
    /// become [`REPLACEMENT`] and are collected in `missing`.
    pub fn sanitize(&self, text: &str, missing: &mut BTreeSet<char>) -> String {
        // Printable ASCII (and newlines) is in every face: most text needs no look at all.
        if text
            .bytes()
            .all(|b| b == b'\n' || (0x20..0x7f).contains(&b))
        {
            return text.to_string();
        }
        text.chars()
            .map(|c| {
                if c == '\n' {
                    c
                } else if c.is_control() {
                    // A control character (a NUL typed into a name, say) has no place in a
                    // document: it prints as a space and is reported with the missing glyphs.
                    if !matches!(c, '\t' | '\r') {
                        missing.insert(c);
                    }
                    ' '
                } else if c.is_whitespace() {
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
        let missing = self.advance(face, REPLACEMENT).unwrap_or(0.6);
        text.chars()
            .map(|c| self.advance(face, c).unwrap_or(missing))
            .sum::<f32>()
            * size
    }
}
