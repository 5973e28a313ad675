//! The comparison: a sticky header (offering names and one verdict row per client requirement)
//! over the attribute rows, with a sticky first column. Only the visible rows and columns are laid
//! out and painted, so a set of 40 offerings × 300 attributes scrolls as smoothly as the default one.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Align2, Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, vec2};

use crate::engine::{Assessment, CellView};
use crate::ui::actions::Selection;
use crate::ui::{Action, PostureApp, style};

const FIRST_COL: f32 = 200.0;
const MIN_COL: f32 = 124.0;
const MAX_COL: f32 = 320.0;
const PAD: f32 = 8.0;
const NAME_ROW: f32 = 62.0;
/// Tall enough for a requirement title on two lines.
const VERDICT_ROW: f32 = 36.0;
const GROUP_ROW: f32 = 30.0;
const BODY_SIZE: f32 = 13.5;

#[derive(Clone, Debug, PartialEq)]
enum Item {
    Group(String),
    /// Index into `Assessment::rows`.
    Row(usize),
}

/// Row layout computed once per change (assessment, filter, widths, zoom), not every frame.
#[derive(Default)]
pub struct TableCache {
    key: Option<(u64, u32, u32, u32)>,
    items: Vec<Item>,
    /// Top of each item, relative to the top of the body; one more entry for the end.
    offsets: Vec<f32>,
    generation: u64,
    /// Each row's height with the cells it was measured for, by attribute, and the column width
    /// and scale they hold for: after an edit, only rows whose cells changed are laid out again.
    heights: HashMap<String, (Vec<Arc<CellView>>, f32)>,
    heights_key: (u32, u32),
}

impl TableCache {
    pub fn invalidate(&mut self) {
        self.key = None;
        self.generation += 1;
    }

    fn ensure(&mut self, ui: &egui::Ui, a: &Assessment, filter: &str, only_diff: bool, col_w: f32) {
        let key = (
            self.generation,
            col_w.to_bits(),
            ui.ctx().pixels_per_point().to_bits(),
            FIRST_COL.to_bits(),
        );
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        if self.heights_key != (key.1, key.2) {
            self.heights_key = (key.1, key.2);
            self.heights.clear();
        }
        self.items.clear();
        self.offsets.clear();
        let needle = filter.trim().to_lowercase();
        let mut group = "";
        for (i, row) in a.rows.iter().enumerate() {
            if only_diff && !row.differs {
                continue;
            }
            if !needle.is_empty() {
                let hay = format!("{} {} {}", row.name, row.group, row.question).to_lowercase();
                let in_cells = row
                    .cells
                    .iter()
                    .any(|c| c.text.to_lowercase().contains(&needle));
                if !hay.contains(&needle) && !in_cells {
                    continue;
                }
            }
            if row.group != group {
                group = &row.group;
                self.items.push(Item::Group(row.group.clone()));
            }
            self.items.push(Item::Row(i));
        }
        let mut y = 0.0;
        for item in &self.items {
            self.offsets.push(y);
            match item {
                Item::Group(_) => y += GROUP_ROW,
                Item::Row(i) => {
                    let row = &a.rows[*i];
                    if let Some((cells, h)) = self.heights.get(&row.attribute)
                        && cells.len() == row.cells.len()
                        && cells.iter().zip(&row.cells).all(|(x, y)| Arc::ptr_eq(x, y))
                    {
                        y += h;
                        continue;
                    }
                    // Heights only: galleys are not kept across frames, since they point into a
                    // font atlas that egui may rebuild; egui memoizes the layouts themselves.
                    let (name, cells) = layout_row(ui, row, col_w);
                    // Room under the name for the "same for all" note.
                    let note = if !row.differs && row.cells.len() > 1 {
                        14.0
                    } else {
                        0.0
                    };
                    let h = cells
                        .iter()
                        .map(|g| g.size().y)
                        .fold(name.size().y + note, f32::max)
                        + 2.0 * PAD;
                    let h = h.max(34.0);
                    self.heights
                        .insert(row.attribute.clone(), (row.cells.clone(), h));
                    y += h;
                }
            }
        }
        self.offsets.push(y);
    }
}

fn layout_row(
    ui: &egui::Ui,
    row: &crate::engine::Row,
    col_w: f32,
) -> (Arc<Galley>, Vec<Arc<Galley>>) {
    let font = FontId::proportional(BODY_SIZE);
    ui.ctx().fonts_mut(|f| {
        let name = f.layout(
            row.name.clone(),
            FontId::new(BODY_SIZE, style::bold_family()),
            Color32::PLACEHOLDER,
            FIRST_COL - 2.0 * PAD,
        );
        let cells = row
            .cells
            .iter()
            .map(|c| {
                f.layout(
                    cell_text(c),
                    font.clone(),
                    Color32::PLACEHOLDER,
                    col_w - 2.0 * PAD - 10.0,
                )
            })
            .collect();
        (name, cells)
    })
}

fn short_label(kind: crate::model::VerdictKind) -> &'static str {
    match kind {
        crate::model::VerdictKind::Fits => "Fits",
        crate::model::VerdictKind::FitsWithConditions => "Conditions",
        crate::model::VerdictKind::DoesNotFit => "No fit",
        crate::model::VerdictKind::Unknown => "Unknown",
        crate::model::VerdictKind::Disputed => "Disputed",
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

fn cell_text(c: &CellView) -> String {
    let mut t = String::new();
    if c.changed_by.is_some() {
        t.push_str("◆ ");
    }
    if c.disputed {
        t.push_str("≠ ");
    }
    t.push_str(&c.text);
    if c.disputed {
        // The other sources' words, so the dispute reads without a hover.
        for other in c.disagreeing() {
            t.push_str(&format!("\n{}: {}", other.source_short, other.text));
        }
    }
    t
}

pub fn show(ui: &mut egui::Ui, app: &mut PostureApp, actions: &mut Vec<Action>) {
    toolbar(ui, app, actions);
    let a = &app.assessment;
    if a.offerings.is_empty() {
        ui.add_space(40.0);
        ui.vertical_centered(|ui| {
            ui.label(style::heading("No offerings are compared"));
            ui.label("Tick plans and routes under “Offerings compared” in the left panel.");
        });
        return;
    }
    let n = a.offerings.len();
    let avail = ui.available_width();
    let col_w = ((avail - FIRST_COL - 14.0) / n as f32)
        .clamp(MIN_COL, MAX_COL)
        .floor();
    app.table_cache
        .ensure(ui, a, &app.view.filter, app.view.only_differences, col_w);
    let cache = &app.table_cache;
    let header_h = NAME_ROW + VERDICT_ROW * a.requirements.len().max(1) as f32;
    let body_h = cache.offsets.last().copied().unwrap_or(0.0);
    let total = vec2(FIRST_COL + col_w * n as f32, header_h + body_h);
    let dark = app.dark;
    let selection = app.view.selection.clone();
    // While the list of changes since a reopened brief is open, what changed is outlined.
    let changed: std::collections::HashSet<(String, String)> =
        if app.view.side_open && app.view.side_tab == crate::ui::actions::SideTab::Changes {
            app.changes
                .iter()
                .filter(|c| {
                    matches!(
                        c.kind,
                        crate::engine::changes::ChangeKind::Cell
                            | crate::engine::changes::ChangeKind::Verdict
                    )
                })
                .filter_map(|c| match c.ids.as_slice() {
                    [a, o] => Some((a.clone(), o.clone())),
                    _ => None,
                })
                .collect()
        } else {
            Default::default()
        };
    let mark = style::warning_colors(app.dark).1;
    let changed_mark = |painter: &egui::Painter, r: Rect| {
        painter.rect_stroke(r, 3.0, Stroke::new(2.0, mark), egui::StrokeKind::Inside);
    };

    egui::ScrollArea::both().auto_shrink([false, false]).show_viewport(ui, |ui, viewport| {
        let origin = ui.max_rect().min;
        ui.allocate_rect(Rect::from_min_size(origin, total), Sense::hover());
        let visuals = ui.visuals().clone();
        let painter = ui.painter().clone();
        let text_color = visuals.text_color();
        let weak = visuals.weak_text_color();
        let grid = Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color);
        let panel_fill = visuals.panel_fill;
        // Opaque, so scrolled rows never show through the frozen header: egui's faint_bg_color is
        // additive (alpha 0), and anything mixed with it is half transparent.
        let header_fill = panel_fill.lerp_to_gamma(visuals.text_color(), 0.04).to_opaque();

        let first_col = (0..n).find(|&j| FIRST_COL + col_w * (j as f32 + 1.0) > viewport.min.x + FIRST_COL).unwrap_or(0);
        let last_col = (first_col..n).find(|&j| FIRST_COL + col_w * j as f32 > viewport.max.x).unwrap_or(n);
        let col_x = |j: usize| origin.x + FIRST_COL + col_w * j as f32;

        // Body rows that intersect the viewport (below the sticky header).
        let top = viewport.min.y;
        let bottom = viewport.max.y;
        let start = cache.offsets.partition_point(|&y| header_h + y < top).saturating_sub(1);
        for (k, item) in cache.items.iter().enumerate().skip(start) {
            let y0 = header_h + cache.offsets[k];
            if y0 > bottom {
                break;
            }
            let h = cache.offsets[k + 1] - cache.offsets[k];
            let y = origin.y + y0;
            match item {
                Item::Group(name) => {
                    let r = Rect::from_min_size(Pos2::new(origin.x + viewport.min.x, y), vec2(viewport.width(), h));
                    painter.rect_filled(r, 0.0, header_fill);
                    painter.text(r.left_center() + vec2(PAD, 0.0), Align2::LEFT_CENTER, name.to_uppercase(), FontId::new(11.5, style::bold_family()), weak);
                }
                Item::Row(i) => {
                    let row = &a.rows[*i];
                    let (_, cells) = layout_row(ui, row, col_w);
                    for (j, (cell, galley)) in row.cells.iter().zip(cells).enumerate().take(last_col).skip(first_col) {
                        let r = Rect::from_min_size(Pos2::new(col_x(j), y), vec2(col_w, h));
                        let id = ui.scope_id().with(("cell", &row.attribute, &cell.offering));
                        let resp = ui.interact(r, id, Sense::click());
                        let label = format!("{}: {}", row.name, cell.text);
                        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &cell.text));
                        let selected = selection == Some(Selection::Cell { attribute: row.attribute.clone(), offering: cell.offering.clone() });
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
                            text_color
                        };
                        painter.galley(r.min + vec2(PAD, PAD), galley.clone(), color);
                        if cell.stale {
                            painter.circle_filled(r.right_top() + vec2(-6.0, 6.0), 2.5, visuals.warn_fg_color.gamma_multiply(0.7));
                        }
                        if selected {
                            painter.rect_stroke(r.shrink(1.5), 2.0, Stroke::new(2.0, visuals.selection.stroke.color), egui::StrokeKind::Inside);
                        }
                        if resp.has_focus() {
                            focus_ring(&painter, r.shrink(1.5), &visuals);
                        }
                        if changed.contains(&(row.attribute.clone(), cell.offering.clone())) {
                            changed_mark(&painter, r.shrink(3.0));
                        }
                        painter.hline(r.x_range(), r.bottom(), grid);
                        let resp = resp.on_hover_ui(|ui| {
                            ui.set_max_width(if cell.disputed { 620.0 } else { 380.0 });
                            ui.label(style::bold(label.clone()));
                            if cell.disputed {
                                ui.label(egui::RichText::new("≠ The sources disagree on this value (newest first):").color(style::disputed_colors(dark).1));
                                super::details::claims_side_by_side(ui, &cell.claims, dark);
                                return;
                            }
                            if let Some(op) = &cell.changed_by {
                                ui.label(format!("◆ Changed by the option \"{}\"", op.title));
                            }
                            if !cell.note.is_empty() && cell.changed_by.is_none() {
                                ui.label(&cell.note);
                            }
                            super::details::citations(ui, &cell.cites);
                        });
                        if resp.clicked() {
                            actions.push(Action::Select(Selection::Cell { attribute: row.attribute.clone(), offering: cell.offering.clone() }));
                        }
                    }
                }
            }
        }

        // Sticky first column.
        let fx = origin.x + viewport.min.x;
        for (k, item) in cache.items.iter().enumerate().skip(start) {
            let y0 = header_h + cache.offsets[k];
            if y0 > bottom {
                break;
            }
            let Item::Row(i) = item else { continue };
            let row = &a.rows[*i];
            let name = ui.ctx().fonts_mut(|f| f.layout(row.name.clone(), FontId::new(BODY_SIZE, style::bold_family()), Color32::PLACEHOLDER, FIRST_COL - 2.0 * PAD));
            let h = cache.offsets[k + 1] - cache.offsets[k];
            let r = Rect::from_min_size(Pos2::new(fx, origin.y + y0), vec2(FIRST_COL, h));
            painter.rect_filled(r, 0.0, panel_fill);
            painter.galley(r.min + vec2(PAD, PAD), name, text_color);
            if !row.differs && a.offerings.len() > 1 {
                painter.text(r.right_bottom() + vec2(-PAD, -4.0), Align2::RIGHT_BOTTOM, "same for all", FontId::proportional(10.0), weak);
            }
            painter.hline(r.x_range(), r.bottom(), grid);
            painter.vline(r.right(), r.y_range(), grid);
            let resp = ui.interact(r, ui.scope_id().with(("row", &row.attribute)), Sense::hover());
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::RowHeader, true, &row.name));
            if !row.question.is_empty() {
                resp.on_hover_text(&row.question);
            }
        }

        // Sticky header: offering names, then one verdict row per requirement.
        let hy = origin.y + viewport.min.y;
        let header_rect = Rect::from_min_size(Pos2::new(fx, hy), vec2(viewport.width(), header_h));
        painter.rect_filled(header_rect, 0.0, header_fill);
        for j in first_col..last_col {
            let o = &a.offerings[j];
            let r = Rect::from_min_size(Pos2::new(col_x(j), hy), vec2(col_w, NAME_ROW));
            let mut subtitle = if o.plan == o.name { o.route.clone() } else { o.plan.clone() };
            if o.preview {
                subtitle.push_str(" · preview");
            }
            // The subtitle says "preview": the name need not, and fits its two lines without it.
            let shown_name = if o.preview { o.name.trim_end_matches(" (preview)") } else { &o.name };
            let name = elided(ui, shown_name, FontId::new(14.5, style::bold_family()), col_w - 2.0 * PAD, 2);
            let sub = elided(ui, &subtitle, FontId::proportional(11.5), col_w - 2.0 * PAD, 1);
            let name_h = name.size().y;
            painter.galley(r.left_top() + vec2(PAD, 6.0), name, text_color);
            painter.galley(r.left_top() + vec2(PAD, 8.0 + name_h), sub, weak);
            let resp = ui.interact(r, ui.scope_id().with(("col", &o.id)), Sense::hover());
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ColumnHeader, true, &o.name));
            resp.on_hover_text(&o.summary);
            for (q, req) in a.requirements.iter().enumerate() {
                let v = &req.verdicts[j];
                let r = Rect::from_min_size(Pos2::new(col_x(j), hy + NAME_ROW + VERDICT_ROW * q as f32), vec2(col_w, VERDICT_ROW));
                let badge = r.shrink2(vec2(4.0, 4.0));
                let (fill, fg) = style::verdict_colors(v.kind, dark);
                let id = ui.scope_id().with(("verdict", &req.id, &v.offering));
                let resp = ui.interact(badge, id, Sense::click());
                let text = format!("{} {}", v.kind.symbol(), v.label);
                // A condition that an option meets is said on the badge: "≈ if EU cloud region chosen".
                let condition = (!v.fits_with.is_empty()).then(|| {
                    v.fits_with.iter().map(|o| o.title.as_str()).collect::<Vec<_>>().join(" or ")
                });
                let spoken = match &condition {
                    Some(c) => format!("{}: {text} — fits if “{c}” is switched on", req.title),
                    None => format!("{}: {}", req.title, text),
                };
                resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &spoken));
                painter.rect_filled(badge, 4.0, fill);
                if resp.hovered() {
                    painter.rect_stroke(badge, 4.0, Stroke::new(1.0, fg), egui::StrokeKind::Inside);
                }
                let selected = selection == Some(Selection::Verdict { requirement: req.id.clone(), offering: v.offering.clone() });
                if selected {
                    painter.rect_stroke(badge, 4.0, Stroke::new(2.0, visuals.selection.stroke.color), egui::StrokeKind::Inside);
                }
                if resp.has_focus() {
                    focus_ring(&painter, badge.expand(1.5), &visuals);
                }
                if changed.contains(&(req.id.clone(), v.offering.clone())) {
                    changed_mark(&painter, badge.expand(2.5));
                }
                // Narrow columns get the short word; the accessible label and tooltip keep the full one.
                let font = |size: f32| FontId::new(size, style::bold_family());
                let mut candidates: Vec<(String, f32)> = Vec::new();
                if let Some(c) = &condition {
                    candidates.push((format!("{} Fits if {c}", v.kind.symbol()), 13.0));
                    candidates.push((format!("{} if {c}", v.kind.symbol()), 13.0));
                    // The condition matters more than the type size.
                    candidates.push((format!("{} if {c}", v.kind.symbol()), 11.0));
                }
                candidates.push((text.clone(), 13.0));
                let short = format!("{} {}", v.kind.symbol(), short_label(v.kind));
                let fits = |g: &Arc<Galley>| g.size().x <= badge.width() - 12.0;
                let mut shown = None;
                for (t, size) in candidates {
                    let g = ui.ctx().fonts_mut(|f| f.layout_no_wrap(t, font(size), fg));
                    if fits(&g) {
                        shown = Some(g);
                        break;
                    }
                    // Before giving up the condition, let it take the badge's two lines.
                    if size < 12.0 {
                        let mut job = egui::text::LayoutJob::simple(g.job.text.clone(), font(10.0), fg, badge.width() - 12.0);
                        job.wrap.max_rows = 2;
                        let g = ui.ctx().fonts_mut(|f| f.layout_job(job));
                        if !g.elided && g.size().y <= badge.height() + 1.0 {
                            shown = Some(g);
                            break;
                        }
                    }
                }
                let shown = shown.unwrap_or_else(|| ui.ctx().fonts_mut(|f| f.layout_no_wrap(short, font(13.0), fg)));
                painter.with_clip_rect(badge.intersect(painter.clip_rect())).galley(
                    badge.left_center() + vec2(7.0, -shown.size().y / 2.0),
                    shown,
                    fg,
                );
                let resp = resp.on_hover_ui(|ui| {
                    ui.set_max_width(380.0);
                    ui.label(style::bold(format!("{} — {}", req.title, a.offering_name(&v.offering))));
                    ui.label(format!("{} {}", v.kind.symbol(), v.label));
                    ui.label(&v.reason);
                    if let Some(c) = &condition {
                        ui.label(style::bold(format!("✓ Fits if “{c}” is switched on.")));
                    }
                    for r in &v.readings {
                        ui.label(format!("{} {} — as {} reads it", r.kind.symbol(), r.label, r.source_names.join(", ")));
                    }
                    for c in &v.caveats {
                        if let Some(c) = a.caveat(c) {
                            ui.label(format!("⚠ {}", c.title));
                        }
                    }
                });
                if resp.clicked() {
                    actions.push(Action::Select(Selection::Verdict { requirement: req.id.clone(), offering: v.offering.clone() }));
                }
            }
        }
        // Top-left corner: above the row names, the requirement titles.
        let corner = Rect::from_min_size(Pos2::new(fx, hy), vec2(FIRST_COL, header_h));
        painter.rect_filled(corner, 0.0, header_fill);
        painter.text(corner.left_top() + vec2(PAD, 8.0), Align2::LEFT_TOP, "Client requirements", FontId::new(12.0, style::bold_family()), weak);
        if a.requirements.is_empty() {
            let r = Rect::from_min_size(Pos2::new(fx, hy + NAME_ROW), vec2(viewport.width(), VERDICT_ROW));
            painter.text(r.left_center() + vec2(PAD, 0.0), Align2::LEFT_CENTER, "No requirements stated — tick the client's requirements in the left panel to see verdicts.", FontId::proportional(12.5), weak);
        }
        for (q, req) in a.requirements.iter().enumerate() {
            let r = Rect::from_min_size(Pos2::new(fx, hy + NAME_ROW + VERDICT_ROW * q as f32), vec2(FIRST_COL, VERDICT_ROW));
            let galley = elided(ui, &req.title, FontId::proportional(12.5), FIRST_COL - 2.0 * PAD, 2);
            painter.galley(r.left_center() + vec2(PAD, -galley.size().y / 2.0), galley, text_color);
            let resp = ui.interact(r, ui.scope_id().with(("req", &req.id)), Sense::hover());
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::RowHeader, true, &req.title));
            resp.on_hover_text(format!("{}\n{}", req.title, req.explain));
        }
        painter.hline(header_rect.x_range(), header_rect.bottom(), Stroke::new(1.5, grid.color));
    });
}

/// The keyboard focus on a cell or verdict: a double ring that reads on any fill
/// (violet disputes and amber conditions included), in light and dark themes.
fn focus_ring(painter: &egui::Painter, r: Rect, visuals: &egui::Visuals) {
    let outer = if visuals.dark_mode {
        Color32::WHITE
    } else {
        Color32::BLACK
    };
    painter.rect_stroke(r, 3.0, Stroke::new(2.5, outer), egui::StrokeKind::Inside);
    painter.rect_stroke(
        r.shrink(2.5),
        2.0,
        Stroke::new(1.5, visuals.selection.stroke.color),
        egui::StrokeKind::Inside,
    );
}

/// "Caveats & actions" and "Sources": each opens its tab of the side panel, and closes the
/// panel when that tab is already showing.
fn side_tab_buttons(ui: &mut egui::Ui, app: &PostureApp, actions: &mut Vec<Action>) {
    use crate::ui::actions::SideTab;
    let caveats = format!("Caveats & actions ({})", app.assessment.caveats.len());
    for (tab, label) in [
        (SideTab::Caveats, caveats),
        (SideTab::Sources, "Sources".into()),
    ] {
        let showing = app.view.side_open && app.view.side_tab == tab;
        if ui.add(egui::Button::new(label).selected(showing)).clicked() {
            actions.push(if showing {
                Action::CloseSidePanel
            } else {
                Action::SetSideTab(tab)
            });
        }
    }
}

fn toolbar(ui: &mut egui::Ui, app: &PostureApp, actions: &mut Vec<Action>) {
    if app.view.presentation {
        ui.horizontal(|ui| {
            side_tab_buttons(ui, app, actions);
            ui.separator();
            view_summary(ui, app);
        });
        // On a client's screen every mark is explained, verdicts included.
        ui.horizontal_wrapped(|ui| {
            let item = |ui: &mut egui::Ui, t: &str| {
                ui.add(
                    egui::Label::new(egui::RichText::new(t).small().weak())
                        .wrap_mode(egui::TextWrapMode::Extend),
                );
            };
            item(ui, "✓ fits");
            item(ui, "≈ fits if its condition is met");
            item(ui, "✗ does not fit");
            item(ui, "? unknown — never read as a fit");
            ui.separator();
            legend(ui, app.dark);
        });
        ui.add_space(2.0);
        return;
    }
    // Both rows wrap, so a narrow table area (a small window, the side panel open) clips nothing.
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Filter rows:");
        let mut f = app.view.filter.clone();
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut f)
                    .hint_text("e.g. retention")
                    .desired_width(180.0),
            )
            .labelled_by(l.id);
        if app.view.focus_filter || ui.input_mut(|i| i.consume_shortcut(&super::shortcuts::FIND)) {
            r.request_focus();
            if app.view.focus_filter {
                actions.push(Action::FilterFocused);
            }
        }
        if r.changed() {
            actions.push(Action::SetFilter(f));
        }
        let mut diff = app.view.only_differences;
        if ui.checkbox(&mut diff, "Show only differences").changed() {
            actions.push(Action::SetOnlyDifferences(diff));
        }
        ui.separator();
        side_tab_buttons(ui, app, actions);
    });
    // The second row: which sources the table reads, and what its marks mean.
    ui.horizontal_wrapped(|ui| {
        view_as_of(ui, app, actions);
        ui.separator();
        legend(ui, app.dark);
        // The row count gives way to nothing else: it wraps with the row, never under a button.
        ui.separator();
        let shown = app
            .table_cache
            .items
            .iter()
            .filter(|i| matches!(i, Item::Row(_)))
            .count();
        ui.label(
            egui::RichText::new(format!(
                "{} of {} rows · {} offerings",
                shown,
                app.assessment.rows.len(),
                app.assessment.offerings.len()
            ))
            .small()
            .weak(),
        );
    });
    ui.add_space(2.0);
}

fn legend(ui: &mut egui::Ui, dark: bool) {
    // Each item stays whole: a wrapping row moves an item to the next line, never half of it.
    let item = |ui: &mut egui::Ui, t: egui::RichText| {
        ui.add(egui::Label::new(t).wrap_mode(egui::TextWrapMode::Extend));
    };
    let weak = |t: &str| egui::RichText::new(t).small().weak();
    item(ui, weak("◆ changed by an option"));
    item(ui, weak("● past its review date"));
    item(
        ui,
        egui::RichText::new("≠ sources disagree")
            .small()
            .color(style::disputed_colors(dark).1),
    );
}

/// "View as of": which sources the table reads. A scenario edit, so it is saved and undoable.
fn view_as_of(ui: &mut egui::Ui, app: &PostureApp, actions: &mut Vec<Action>) {
    let label = ui.label("Sources:");
    let current = &app.scenario.sources;
    let selected_text = if app.assessment.view.all {
        "All sources".to_string()
    } else {
        app.assessment.view.label.clone()
    };
    egui::ComboBox::from_id_salt("view-as-of")
        .selected_text(selected_text)
        .width(220.0)
        .show_ui(ui, |ui| {
            ui.set_min_width(420.0);
            if ui
                .selectable_label(current.is_empty(), "All sources (disputes flagged)")
                .clicked()
                && !current.is_empty()
            {
                actions.push(Action::SetSources(Vec::new()));
            }
            ui.separator();
            for s in &app.policy.sources {
                let date = if s.updated.is_empty() {
                    format!("checked {}", s.verified)
                } else {
                    format!("page dated {}", s.updated)
                };
                let only = current.len() == 1 && current[0] == s.id;
                let text = format!("Only {} ({date})", s.short_name());
                if ui
                    .selectable_label(only, text)
                    .on_hover_text(&s.title)
                    .clicked()
                    && !only
                {
                    actions.push(Action::SetSources(vec![s.id.clone()]));
                }
            }
        })
        .response
        .labelled_by(label.id);
    view_summary(ui, app);
}

/// The dispute count, in the dispute colour, or a word that there is none.
fn view_summary(ui: &mut egui::Ui, app: &PostureApp) {
    let n = app.assessment.disputes.len();
    if n > 0 {
        let (_, fg) = style::disputed_colors(app.dark);
        ui.label(
            egui::RichText::new(format!(
                "≠ {n} disputed {}",
                if n == 1 { "value" } else { "values" }
            ))
            .color(fg)
            .strong(),
        )
        .on_hover_text("The sources read give different values for these cells. Hover a ≠ cell for each source's words.");
    } else if !app.assessment.view.all {
        ui.label(
            egui::RichText::new(&app.assessment.view.label)
                .small()
                .weak(),
        );
    }
}
