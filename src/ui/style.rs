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
        // Secondary text (column kinds, group titles, the row count, unticked offerings) at
        // 4.5:1 or more on the panels, as WCAG asks of small text: egui's own weak grey is
        // about 2.7:1 in both themes.
        style.visuals.weak_text_color = Some(if style.visuals.dark_mode {
            Color32::from_gray(150)
        } else {
            Color32::from_gray(105)
        });
        // "Unknown — the source does not say" and "review overdue" in the warning colour, at
        // 4.5:1 or more: egui's light-theme orange is about 2.8:1 on the panels.
        if !style.visuals.dark_mode {
            style.visuals.warn_fg_color = Color32::from_rgb(0xb0, 0x54, 0x00);
        }
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
        // 4.8:1 on the light panels (0xc25e00 was 4.0:1).
        Color32::from_rgb(0xb0, 0x54, 0x00)
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

/// The table's frozen header and first column. Opaque, so scrolled rows never show through:
/// egui's faint_bg_color is additive (alpha 0), and anything mixed with it is half transparent.
pub fn header_fill(visuals: &egui::Visuals) -> Color32 {
    visuals
        .panel_fill
        .lerp_to_gamma(visuals.text_color(), 0.04)
        .to_opaque()
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
        // Clear of the label's last letter as well as the box.
        focus_ring(
            ui.painter(),
            r.rect.expand2(egui::vec2(5.0, 3.0)),
            ui.visuals(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG's contrast ratio of two opaque colours.
    fn contrast(a: Color32, b: Color32) -> f32 {
        let luminance = |c: Color32| {
            let lin = |v: u8| {
                let v = f32::from(v) / 255.0;
                if v <= 0.04045 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
        };
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// Secondary text, the legend's "past its review date" and the verdicts' words read at
    /// 4.5:1 or more on the panels in both themes.
    #[test]
    fn small_text_keeps_its_contrast_in_both_themes() {
        let ctx = egui::Context::default();
        install(&ctx);
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            let visuals = &ctx.style_of(theme).visuals;
            let dark = visuals.dark_mode;
            for (what, fg, bg) in [
                ("weak text", visuals.weak_text_color(), visuals.panel_fill),
                (
                    "weak text on the table's header",
                    visuals.weak_text_color(),
                    header_fill(visuals),
                ),
                (
                    "past its review date",
                    stale_color(dark),
                    visuals.panel_fill,
                ),
                (
                    "unknown, overdue",
                    visuals.warn_fg_color,
                    visuals.panel_fill,
                ),
                (
                    "unknown, overdue, in a tooltip",
                    visuals.warn_fg_color,
                    visuals.window_fill,
                ),
            ] {
                let ratio = contrast(fg, bg);
                assert!(
                    ratio >= 4.5,
                    "{what} in {theme:?}: {ratio:.2}:1 ({fg:?} on {bg:?})"
                );
            }
            for kind in [
                VerdictKind::Fits,
                VerdictKind::FitsWithConditions,
                VerdictKind::DoesNotFit,
            ] {
                let (bg, fg) = verdict_colors(kind, dark);
                let ratio = contrast(fg, bg);
                assert!(ratio >= 4.5, "{kind:?} in {theme:?}: {ratio:.2}:1");
            }
        }
    }
}
