//! Painting one frame of the table: the body's cells, the sticky first column, the sticky header
//! of offering names and verdict badges, and the corner; with each cell's and verdict's hover
//! details and what a screen reader says of it. Only what the viewport shows is painted.

use std::sync::Arc;

use egui::{Align2, Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, vec2};

use super::cache::{Item, layout_row};
use super::nav::focus;
use super::{BODY_SIZE, FIRST_COL, Grid, NAME_ROW, PAD, VERDICT_ROW, details};
use crate::engine::OfferingInfo as Offering;
use crate::engine::changes::Place;
use crate::engine::{Assessment, CellView, RequirementResult, Row, Verdict};
use crate::ui::actions::Selection;
use crate::ui::{Action, style};

pub(super) fn body(ui: &mut egui::Ui, grid: &Grid, actions: &mut Vec<Action>) {
    for (item, y, h) in grid.visible_items() {
        match item {
            Item::Group(name) => {
                let r = Rect::from_min_size(
                    Pos2::new(grid.sticky().x, y),
                    vec2(grid.viewport.width(), h),
                );
                grid.painter.rect_filled(r, 0.0, grid.header_fill);
                grid.painter.text(
                    r.left_center() + vec2(PAD, 0.0),
                    Align2::LEFT_CENTER,
                    name.to_uppercase(),
                    FontId::new(11.5, style::bold_family()),
                    grid.visuals.weak_text_color(),
                );
            }
            Item::Row(i) => {
                let row = &grid.a.rows[*i];
                let (_, galleys) = layout_row(ui, row, grid.col_w);
                for j in grid.cols.clone() {
                    let (Some(cell), Some(galley)) = (row.cells.get(j), galleys.get(j)) else {
                        continue;
                    };
                    let r = Rect::from_min_size(Pos2::new(grid.col_x(j), y), vec2(grid.col_w, h));
                    let offering = &grid.a.offerings[j].name;
                    body_cell(ui, grid, (row, offering), cell, galley.clone(), r, actions);
                }
            }
        }
    }
}

pub(super) fn body_cell(
    ui: &mut egui::Ui,
    grid: &Grid,
    (row, offering): (&Row, &str),
    cell: &CellView,
    galley: Arc<Galley>,
    r: Rect,
    actions: &mut Vec<Action>,
) {
    let (painter, visuals, dark) = (&grid.scrolling, &grid.visuals, grid.dark());
    let place = Selection::Cell {
        attribute: row.attribute.clone(),
        offering: cell.offering.clone(),
    };
    let id = ui.scope_id().with(("cell", &row.attribute, &cell.offering));
    // Only the part clear of the sticky first column takes the pointer.
    let resp = ui.interact(r.intersect(painter.clip_rect()), id, grid.sense(&place));
    // Said with its row and its column, so a screen reader's user knows where the focus is.
    // (Made only when something reads it: the closure runs when AccessKit is on.)
    resp.widget_info(|| {
        let spoken = format!("{}, {}: {}", row.name, offering, cell.text);
        egui::WidgetInfo::labeled(egui::Role::Cell, true, spoken)
    });
    if cell.disputed {
        painter.rect_filled(r.shrink(1.0), 2.0, style::disputed_colors(dark).0);
    } else if cell.changed_by.is_some() {
        painter.rect_filled(r.shrink(1.0), 2.0, style::changed_fill(dark));
    } else if resp.hovered() {
        painter.rect_filled(r.shrink(1.0), 2.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let color = if cell.disputed {
        style::disputed_colors(dark).1
    } else if cell.unknown {
        visuals.warn_fg_color
    } else {
        visuals.text_color()
    };
    painter.galley(r.min + vec2(PAD, PAD), galley, color);
    if cell.stale {
        let dot = style::stale_color(visuals.dark_mode);
        painter.circle_filled(r.right_top() + vec2(-6.0, 6.0), 2.5, dot);
    }
    if grid.state.view.selection.as_ref() == Some(&place) {
        let stroke = Stroke::new(2.0, visuals.selection.stroke.color);
        painter.rect_stroke(r.shrink(1.5), 2.0, stroke, egui::StrokeKind::Inside);
    }
    if resp.has_focus() && grid.state.view.show_focus() {
        style::focus_ring(painter, r.shrink(1.5), visuals);
    }
    if !grid.changed.is_empty()
        && grid.changed.contains(&Place::Cell {
            attribute: row.attribute.clone(),
            offering: cell.offering.clone(),
        })
    {
        grid.changed_mark(r.shrink(3.0));
    }
    painter.hline(r.x_range(), r.bottom(), grid.grid);
    focus(ui, grid, &resp, &place, actions);
    let resp = if grid.tooltips {
        resp.on_hover_ui(|ui| cell_tooltip(ui, row, cell, dark))
    } else {
        resp
    };
    if resp.clicked() {
        actions.push(Action::Select(place));
    }
}

fn cell_tooltip(ui: &mut egui::Ui, row: &Row, cell: &CellView, dark: bool) {
    ui.set_max_width(if cell.disputed { 620.0 } else { 380.0 });
    ui.label(style::bold(format!("{}: {}", row.name, cell.text)));
    if cell.disputed {
        ui.label(
            egui::RichText::new("≠ Sources disagree on this value (newest first):")
                .color(style::disputed_colors(dark).1),
        );
        details::claims_side_by_side(ui, &cell.claims, dark);
        return;
    }
    if let Some(op) = &cell.changed_by {
        ui.label(format!("◆ Changed by the option \"{}\"", op.title));
    }
    if !cell.note.is_empty() && cell.changed_by.is_none() {
        ui.label(&cell.note);
    }
    details::citations(ui, &cell.cites);
}

/// The sticky first column: each row's name, and "same for all" where no offering differs.
pub(super) fn first_column(ui: &mut egui::Ui, grid: &Grid) {
    let text_color = grid.visuals.text_color();
    for (item, y, h) in grid.visible_items() {
        let Item::Row(i) = item else { continue };
        let row = &grid.a.rows[*i];
        let name = ui.ctx().fonts_mut(|f| {
            f.layout(
                row.name.clone(),
                FontId::new(BODY_SIZE, style::bold_family()),
                Color32::PLACEHOLDER,
                FIRST_COL - 2.0 * PAD,
            )
        });
        let r = Rect::from_min_size(Pos2::new(grid.sticky().x, y), vec2(FIRST_COL, h));
        grid.painter.rect_filled(r, 0.0, grid.visuals.panel_fill);
        grid.painter
            .galley(r.min + vec2(PAD, PAD), name, text_color);
        if !row.differs && grid.a.offerings.len() > 1 {
            grid.painter.text(
                r.right_bottom() + vec2(-PAD, -4.0),
                Align2::RIGHT_BOTTOM,
                "same for all",
                FontId::proportional(10.0),
                grid.visuals.weak_text_color(),
            );
        }
        grid.painter.hline(r.x_range(), r.bottom(), grid.grid);
        grid.painter.vline(r.right(), r.y_range(), grid.grid);
        let resp = ui.interact(
            r,
            ui.scope_id().with(("row", &row.attribute)),
            Sense::hover(),
        );
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::RowHeader, true, &row.name));
        if !row.question.is_empty() {
            resp.on_hover_text(&row.question);
        }
    }
}

/// The sticky header: offering names, then one verdict row per requirement.
pub(super) fn header(ui: &mut egui::Ui, grid: &Grid, actions: &mut Vec<Action>) {
    let top = grid.sticky();
    let header_rect = Rect::from_min_size(top, vec2(grid.viewport.width(), grid.header_h));
    grid.painter.rect_filled(header_rect, 0.0, grid.header_fill);
    for j in grid.cols.clone() {
        offering_name(ui, grid, j);
        for q in 0..grid.a.requirements.len() {
            verdict(ui, grid, q, j, actions);
        }
    }
    let line = Stroke::new(1.5, grid.grid.color);
    grid.painter
        .hline(header_rect.x_range(), header_rect.bottom(), line);
}

/// An offering's name (two lines at most) and its subtitle (plan or route, "Preview" first),
/// laid out for a column of width `col_w`.
fn name_galleys(ui: &egui::Ui, o: &Offering, col_w: f32) -> (Arc<Galley>, Arc<Galley>) {
    let mut subtitle = if o.plan == o.name {
        o.route.clone()
    } else {
        o.plan.clone()
    };
    // "Preview" leads the subtitle, so that a column too narrow even for two lines cuts the
    // route, never the word that the offering is a preview.
    if o.preview {
        subtitle = format!("Preview · {subtitle}");
    }
    // The subtitle says "preview": the name need not, and fits its two lines without it.
    let shown_name = if o.preview {
        o.name.trim_end_matches(" (preview)")
    } else {
        &o.name
    };
    let width = col_w - 2.0 * PAD;
    let name = elided(
        ui,
        shown_name,
        FontId::new(14.5, style::bold_family()),
        width,
        2,
    );
    // Two lines, like the name: "Preview · Third-party (3P)" is whole in a column of 1024 px
    // presentation, where one line cut it to "Third-part…".
    let sub = elided(ui, &subtitle, FontId::proportional(11.5), width, 2);
    (name, sub)
}

/// Top and gap around an offering's name and subtitle.
const NAME_TOP: f32 = 6.0;
const NAME_GAP: f32 = 2.0;

/// The names' row: tall enough for the tallest name and subtitle, so that the header's fill
/// covers every label and nothing scrolled under it shows through.
pub(super) fn name_row_height(ui: &egui::Ui, a: &Assessment, col_w: f32) -> f32 {
    a.offerings
        .iter()
        .map(|o| {
            let (name, sub) = name_galleys(ui, o, col_w);
            NAME_TOP + name.size().y + NAME_GAP + sub.size().y + NAME_TOP
        })
        .fold(NAME_ROW, f32::max)
        .ceil()
}

fn offering_name(ui: &mut egui::Ui, grid: &Grid, j: usize) {
    let o = &grid.a.offerings[j];
    let r = Rect::from_min_size(
        Pos2::new(grid.col_x(j), grid.sticky().y),
        vec2(grid.col_w, grid.name_row),
    );
    let (name, sub) = name_galleys(ui, o, grid.col_w);
    let name_h = name.size().y;
    // The strongest text: a column's name must read on a projector (egui's dark-theme body
    // grey is about 5:1).
    grid.scrolling.galley(
        r.left_top() + vec2(PAD, NAME_TOP),
        name,
        grid.visuals.strong_text_color(),
    );
    grid.scrolling.galley(
        r.left_top() + vec2(PAD, NAME_TOP + NAME_GAP + name_h),
        sub,
        grid.visuals.weak_text_color(),
    );
    let r = r.intersect(grid.scrolling.clip_rect());
    let resp = ui.interact(r, ui.scope_id().with(("col", &o.id)), Sense::hover());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ColumnHeader, true, &o.name));
    resp.on_hover_text(&o.summary);
}

fn verdict(ui: &mut egui::Ui, grid: &Grid, q: usize, j: usize, actions: &mut Vec<Action>) {
    let a = grid.a;
    let req = &a.requirements[q];
    let Some(v) = req.verdicts.get(j) else {
        return;
    };
    let (painter, visuals) = (&grid.scrolling, &grid.visuals);
    let place = Selection::Verdict {
        requirement: req.id.clone(),
        offering: v.offering.clone(),
    };
    let top = grid.sticky().y + grid.name_row + VERDICT_ROW * q as f32;
    let r = Rect::from_min_size(Pos2::new(grid.col_x(j), top), vec2(grid.col_w, VERDICT_ROW));
    let badge = r.shrink2(vec2(4.0, 4.0));
    let (fill, fg) = style::verdict_colors(v.kind, grid.dark());
    let id = ui.scope_id().with(("verdict", &req.id, &v.offering));
    let resp = ui.interact(badge.intersect(painter.clip_rect()), id, grid.sense(&place));
    let text = format!("{} {}", v.kind.symbol(), v.label);
    // A condition that an option meets is said on the badge: "≈ if EU cloud region chosen".
    let condition = (!v.fits_with.is_empty()).then(|| {
        v.fits_with
            .iter()
            .map(|o| o.title.as_str())
            .collect::<Vec<_>>()
            .join(" or ")
    });
    let offering = &a.offerings[j].name;
    resp.widget_info(|| {
        let spoken = match &condition {
            Some(c) => format!(
                "{}, {offering}: {text} — fits if “{c}” is switched on",
                req.title
            ),
            None => format!("{}, {offering}: {text}", req.title),
        };
        egui::WidgetInfo::labeled(egui::Role::Button, true, spoken)
    });
    painter.rect_filled(badge, 4.0, fill);
    if resp.hovered() {
        painter.rect_stroke(badge, 4.0, Stroke::new(1.0, fg), egui::StrokeKind::Inside);
    }
    if grid.state.view.selection.as_ref() == Some(&place) {
        let stroke = Stroke::new(2.0, visuals.selection.stroke.color);
        painter.rect_stroke(badge, 4.0, stroke, egui::StrokeKind::Inside);
    }
    if resp.has_focus() && grid.state.view.show_focus() {
        style::focus_ring(painter, badge.expand(1.5), visuals);
    }
    if !grid.changed.is_empty()
        && grid.changed.contains(&Place::Verdict {
            requirement: req.id.clone(),
            offering: v.offering.clone(),
        })
    {
        grid.changed_mark(badge.expand(2.5));
    }
    let shown = badge_text(
        ui,
        v,
        condition.as_deref(),
        &text,
        badge.width(),
        badge.height(),
        fg,
    );
    painter
        .with_clip_rect(badge.intersect(painter.clip_rect()))
        .galley(
            badge.left_center() + vec2(7.0, -shown.size().y / 2.0),
            shown,
            fg,
        );
    focus(ui, grid, &resp, &place, actions);
    let resp = if !grid.tooltips {
        resp
    } else {
        resp.on_hover_ui(|ui| verdict_tooltip(ui, a, req, v, condition.as_deref()))
    };
    if resp.clicked() {
        actions.push(Action::Select(place));
    }
}

fn verdict_tooltip(
    ui: &mut egui::Ui,
    a: &Assessment,
    req: &RequirementResult,
    v: &Verdict,
    condition: Option<&str>,
) {
    ui.set_max_width(380.0);
    let offering = a.offering_name(&v.offering);
    ui.label(style::bold(format!("{} — {offering}", req.title)));
    ui.label(format!("{} {}", v.kind.symbol(), v.label));
    if let Some(note) = v.full_view_note() {
        ui.label(style::bold(note));
    }
    ui.label(&v.reason);
    if let Some(c) = condition {
        ui.label(style::bold(format!("✓ Fits if “{c}” is switched on.")));
    }
    for r in &v.readings {
        ui.label(format!(
            "{} {} — as {} reads it ({})",
            r.kind.symbol(),
            r.label,
            r.source_names.join(", "),
            a.reading_age(r)
        ));
    }
    for c in &v.caveats {
        if let Some(c) = a.caveat(c) {
            ui.label(format!("⚠ {}", c.title));
        }
    }
}

/// What fits on a verdict badge: the condition if there is one ("≈ Fits if …", "≈ if …", at a
/// smaller size, or on two lines), else the full label, else the short word. The accessible
/// label and the tooltip keep the whole text.
pub(super) fn badge_text(
    ui: &egui::Ui,
    v: &Verdict,
    condition: Option<&str>,
    text: &str,
    width: f32,
    height: f32,
    fg: Color32,
) -> Arc<Galley> {
    let font = |size: f32| FontId::new(size, style::bold_family());
    let symbol = v.kind.symbol();
    let mut candidates: Vec<(String, f32)> = Vec::new();
    if let Some(c) = condition {
        candidates.push((format!("{symbol} Fits if {c}"), 13.0));
        candidates.push((format!("{symbol} if {c}"), 13.0));
        // The condition matters more than the type size.
        candidates.push((format!("{symbol} if {c}"), 11.0));
    }
    candidates.push((text.to_string(), 13.0));
    for (t, size) in candidates {
        let g = ui.ctx().fonts_mut(|f| f.layout_no_wrap(t, font(size), fg));
        if g.size().x <= width - 12.0 {
            return g;
        }
        // Before giving up the condition, let it take the badge's two lines.
        if size < 12.0 {
            let mut job =
                egui::text::LayoutJob::simple(g.job.text.clone(), font(10.0), fg, width - 12.0);
            job.wrap.max_rows = 2;
            let g = ui.ctx().fonts_mut(|f| f.layout_job(job));
            if !g.elided && g.size().y <= height + 1.0 {
                return g;
            }
        }
    }
    // "≠ Sources disagree" is one phrase everywhere: it wraps onto two lines, never shortens,
    // in a size at which both lines fit inside the badge (at 12 px the second was cut).
    if v.kind == crate::model::VerdictKind::Disputed {
        let two_lines = |size: f32| {
            let mut job = egui::text::LayoutJob::simple(
                format!("{symbol} Sources disagree"),
                font(size),
                fg,
                width - 12.0,
            );
            job.wrap.max_rows = 2;
            ui.ctx().fonts_mut(|f| f.layout_job(job))
        };
        let mut g = two_lines(12.0);
        for size in [11.0, 10.0] {
            if g.size().y <= height - 2.0 {
                break;
            }
            g = two_lines(size);
        }
        return g;
    }
    let short = format!("{symbol} {}", short_label(v.kind));
    ui.ctx()
        .fonts_mut(|f| f.layout_no_wrap(short, font(13.0), fg))
}

fn short_label(kind: crate::model::VerdictKind) -> &'static str {
    match kind {
        crate::model::VerdictKind::Fits => "Fits",
        crate::model::VerdictKind::FitsWithConditions => "Conditions",
        crate::model::VerdictKind::DoesNotFit => "No fit",
        crate::model::VerdictKind::Unknown => "Unknown",
        crate::model::VerdictKind::Disputed => "Sources disagree",
    }
}

/// Text wrapped to at most `rows` lines, ending in "…" when cut.
fn elided(ui: &egui::Ui, text: &str, font: FontId, width: f32, rows: usize) -> Arc<Galley> {
    let mut job =
        egui::text::LayoutJob::simple(text.to_string(), font, Color32::PLACEHOLDER, width);
    job.wrap.max_rows = rows;
    job.wrap.break_anywhere = false;
    ui.ctx().fonts_mut(|f| f.layout_job(job))
}

/// Top-left corner: above the row names, the requirement titles.
pub(super) fn corner(ui: &mut egui::Ui, grid: &Grid) {
    let top = grid.sticky();
    let weak = grid.visuals.weak_text_color();
    let corner = Rect::from_min_size(top, vec2(FIRST_COL, grid.header_h));
    grid.painter.rect_filled(corner, 0.0, grid.header_fill);
    grid.painter.text(
        corner.left_top() + vec2(PAD, 8.0),
        Align2::LEFT_TOP,
        "Client requirements",
        FontId::new(12.0, style::bold_family()),
        weak,
    );
    if grid.a.requirements.is_empty() {
        let r = Rect::from_min_size(
            top + vec2(0.0, grid.name_row),
            vec2(grid.viewport.width(), VERDICT_ROW),
        );
        grid.painter.text(
            r.left_center() + vec2(PAD, 0.0),
            Align2::LEFT_CENTER,
            "No requirements stated — tick the client's requirements in the left panel to see verdicts.",
            FontId::proportional(12.5),
            weak,
        );
    }
    for (q, req) in grid.a.requirements.iter().enumerate() {
        let r = Rect::from_min_size(
            top + vec2(0.0, grid.name_row + VERDICT_ROW * q as f32),
            vec2(FIRST_COL, VERDICT_ROW),
        );
        let title = FontId::proportional(12.5);
        let galley = elided(ui, &req.title, title, FIRST_COL - 2.0 * PAD, 2);
        let at = r.left_center() + vec2(PAD, -galley.size().y / 2.0);
        grid.painter.galley(at, galley, grid.visuals.text_color());
        let resp = ui.interact(r, ui.scope_id().with(("req", &req.id)), Sense::hover());
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::RowHeader, true, &req.title));
        resp.on_hover_text(format!("{}\n{}", req.title, req.explain));
    }
}
