//! Fonts and colours. Inter (bundled in `assets/`, OFL) renders → ≈ ✓ ✗ and accented names; egui's
//! default fonts stay behind it as fallbacks for the few symbols Inter lacks.

use egui::{Color32, FontData, FontDefinitions, FontFamily, RichText};

use crate::model::VerdictKind;

use crate::assets::{INTER_BOLD, INTER_REGULAR};

pub fn bold_family() -> FontFamily {
    FontFamily::Name("bold".into())
}

pub fn fonts() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert("inter".into(), FontData::from_static(INTER_REGULAR).into());
    fonts.font_data.insert(
        "inter-bold".into(),
        FontData::from_static(INTER_BOLD).into(),
    );
    if let Some(list) = fonts.families.get_mut(&FontFamily::Proportional) {
        list.insert(0, "inter".into());
    }
    let mut bold = vec!["inter-bold".to_string()];
    bold.extend(
        fonts
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default(),
    );
    fonts.families.insert(bold_family(), bold);
    fonts
}

pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(fonts());
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
        style.interaction.tooltip_delay = 0.25;
    });
}

pub fn heading(text: impl Into<String>) -> RichText {
    RichText::new(text).family(bold_family()).size(15.0)
}

pub fn bold(text: impl Into<String>) -> RichText {
    RichText::new(text).family(bold_family())
}

/// Verdict colours chosen to read in both themes; the symbol and word carry the meaning too.
pub fn verdict_colors(kind: VerdictKind, dark: bool) -> (Color32, Color32) {
    // (background, text)
    match (kind, dark) {
        (VerdictKind::Fits, false) => (
            Color32::from_rgb(0xd9, 0xf2, 0xe0),
            Color32::from_rgb(0x0b, 0x5d, 0x2a),
        ),
        (VerdictKind::Fits, true) => (
            Color32::from_rgb(0x17, 0x4d, 0x2c),
            Color32::from_rgb(0xc8, 0xf5, 0xd4),
        ),
        (VerdictKind::FitsWithConditions, false) => (
            Color32::from_rgb(0xfd, 0xef, 0xc8),
            Color32::from_rgb(0x7a, 0x4b, 0x00),
        ),
        (VerdictKind::FitsWithConditions, true) => (
            Color32::from_rgb(0x5c, 0x45, 0x0f),
            Color32::from_rgb(0xff, 0xe3, 0xa3),
        ),
        (VerdictKind::DoesNotFit, false) => (
            Color32::from_rgb(0xfb, 0xdd, 0xdd),
            Color32::from_rgb(0x9b, 0x1c, 0x1c),
        ),
        (VerdictKind::DoesNotFit, true) => (
            Color32::from_rgb(0x6b, 0x1f, 0x1f),
            Color32::from_rgb(0xff, 0xd0, 0xd0),
        ),
        (VerdictKind::Unknown, false) => (
            Color32::from_rgb(0xe6, 0xe6, 0xea),
            Color32::from_rgb(0x3a, 0x3a, 0x48),
        ),
        (VerdictKind::Unknown, true) => (
            Color32::from_rgb(0x3a, 0x3a, 0x48),
            Color32::from_rgb(0xe0, 0xe0, 0xea),
        ),
        (VerdictKind::Disputed, dark) => disputed_colors(dark),
    }
}

/// Violet: a colour of its own for "the sources disagree", apart from the amber of staleness and
/// the blue of a cell an option changed.
pub fn disputed_colors(dark: bool) -> (Color32, Color32) {
    if dark {
        (
            Color32::from_rgb(0x45, 0x27, 0x5e),
            Color32::from_rgb(0xec, 0xdc, 0xff),
        )
    } else {
        (
            Color32::from_rgb(0xef, 0xe3, 0xfb),
            Color32::from_rgb(0x5b, 0x2a, 0x86),
        )
    }
}

/// One colour for "past its review date", wherever the ● is drawn: cells, legend, status line.
pub fn stale_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xff, 0xa8, 0x4a)
    } else {
        Color32::from_rgb(0xc2, 0x5e, 0x00)
    }
}

pub fn warning_colors(dark: bool) -> (Color32, Color32) {
    if dark {
        (
            Color32::from_rgb(0x5c, 0x45, 0x0f),
            Color32::from_rgb(0xff, 0xe3, 0xa3),
        )
    } else {
        (
            Color32::from_rgb(0xfd, 0xef, 0xc8),
            Color32::from_rgb(0x6b, 0x42, 0x00),
        )
    }
}

/// A faint tint for cells an option changed.
pub fn changed_fill(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x1e, 0x33, 0x4d)
    } else {
        Color32::from_rgb(0xe3, 0xee, 0xfb)
    }
}

/// The keyboard focus: a double ring (dark outside, the selection colour inside) that shows on
/// any background, the same on table cells, checkboxes and radio buttons.
pub fn focus_ring(painter: &egui::Painter, r: egui::Rect, visuals: &egui::Visuals) {
    let outer = if visuals.dark_mode {
        Color32::WHITE
    } else {
        Color32::BLACK
    };
    painter.rect_stroke(
        r,
        3.0,
        egui::Stroke::new(2.5, outer),
        egui::StrokeKind::Inside,
    );
    painter.rect_stroke(
        r.shrink(2.5),
        2.0,
        egui::Stroke::new(1.5, visuals.selection.stroke.color),
        egui::StrokeKind::Inside,
    );
}

/// The double ring around a checkbox or radio button that has the keyboard focus.
pub fn ring_if_focused(ui: &egui::Ui, r: &egui::Response) {
    if r.has_focus() {
        focus_ring(ui.painter(), r.rect.expand(3.0), ui.visuals());
    }
}
