//! The comparison: a sticky header (offering names and one verdict row per client requirement)
//! over the attribute rows, with a sticky first column. Only the visible rows and columns are laid
//! out and painted, so a set of 40 offerings × 300 attributes scrolls as smoothly as the default one.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Align2, Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, vec2};

use std::collections::HashSet;

use crate::engine::changes::Place;
use crate::engine::{Assessment, CellView};
use crate::ui::actions::Edit;
use crate::ui::actions::{Selection, SideTab};
use crate::ui::{Action, State, style};

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
    /// The cursor's lines: every requirement's verdicts, then the attribute rows shown. Built
    /// with the items, once per change.
    lines: Vec<Line>,
}

impl TableCache {
    /// The cursor's lines: every requirement's verdicts, then the attribute rows shown.
    pub fn rows(&self) -> &[Line] {
        &self.lines
    }

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
        self.lines.clear();
        self.lines
            .extend((0..a.requirements.len()).map(Line::Verdicts));
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
            self.lines.push(Line::Cells(i));
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

pub fn show(ui: &mut egui::Ui, state: &State, cache: &mut TableCache, actions: &mut Vec<Action>) {
    toolbar(ui, state, cache, actions);
    let a = &state.assessment;
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
    cache.ensure(
        ui,
        a,
        &state.view.filter,
        state.prefs.only_differences,
        col_w,
    );
    let cache = &*cache;
    let changed = changed_places(state);
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let grid = Grid::new(ui, state, cache, col_w, viewport, &changed);
            ui.allocate_rect(
                Rect::from_min_size(grid.origin, grid.total_size()),
                Sense::hover(),
            );
            if state.view.focus_cursor > 0 {
                // The wish lasts a few frames: make sure they come.
                ui.ctx().request_repaint();
            }
            if state.view.focus_cursor > 0
                && grid.tooltips
                && let Some(c) = &state.view.cursor
                && !grid.scroll_to(ui, c)
            {
                // Filtered out of the table: nothing to focus, and the wish goes.
                actions.push(Action::CursorAt(c.clone()));
            }
            body(ui, &grid, actions);
            first_column(ui, &grid);
            header(ui, &grid, actions);
            corner(ui, &grid);
        });
}

/// While the list of changes since a reopened brief is open, what changed is outlined: cells and
/// verdicts by their typed place, so a verdict never outlines the cell of a same-named attribute.
pub fn changed_places(state: &State) -> HashSet<Place> {
    if !(state.view.side_open && state.view.side_tab == SideTab::Changes) {
        return HashSet::new();
    }
    state
        .changes
        .iter()
        .filter(|c| matches!(c.place, Place::Cell { .. } | Place::Verdict { .. }))
        .map(|c| c.place.clone())
        .collect()
}

/// One frame of the table: where everything is, and the colours it is drawn in.
struct Grid<'a> {
    state: &'a State,
    a: &'a Assessment,
    cache: &'a TableCache,
    changed: &'a HashSet<Place>,
    /// No dialog or palette is open. Hover details are off under one (egui keeps an open
    /// tooltip while the pointer rests on its widget, even under a modal), and so is the
    /// keyboard cursor (egui gives the table no focus there).
    tooltips: bool,
    /// The one cell or verdict Tab stops at.
    tab_stop: Option<Selection>,
    col_w: f32,
    origin: Pos2,
    viewport: Rect,
    header_h: f32,
    /// The columns that intersect the viewport.
    cols: std::ops::Range<usize>,
    /// The first body item that intersects the viewport.
    start: usize,
    painter: egui::Painter,
    visuals: egui::Visuals,
    grid: Stroke,
    header_fill: Color32,
}

impl<'a> Grid<'a> {
    fn new(
        ui: &egui::Ui,
        state: &'a State,
        cache: &'a TableCache,
        col_w: f32,
        viewport: Rect,
        changed: &'a HashSet<Place>,
    ) -> Self {
        let a = &state.assessment;
        let n = a.offerings.len();
        let visuals = ui.visuals().clone();
        let header_h = NAME_ROW + VERDICT_ROW * a.requirements.len().max(1) as f32;
        let first = (0..n)
            .find(|&j| FIRST_COL + col_w * (j as f32 + 1.0) > viewport.min.x + FIRST_COL)
            .unwrap_or(0);
        let last = (first..n)
            .find(|&j| FIRST_COL + col_w * j as f32 > viewport.max.x)
            .unwrap_or(n);
        let start = cache
            .offsets
            .partition_point(|&y| header_h + y < viewport.min.y)
            .saturating_sub(1);
        let lines = cache.rows();
        let tab_stop = state
            .view
            .cursor
            .clone()
            .filter(|c| position(a, lines, c).is_some())
            .or_else(|| place_at(a, *lines.first()?, 0));
        Grid {
            tab_stop,
            state,
            a,
            cache,
            changed,
            tooltips: !state.modal() && state.view.palette.is_none(),
            col_w,
            origin: ui.max_rect().min,
            viewport,
            header_h,
            cols: first..last,
            start,
            painter: ui.painter().clone(),
            grid: Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
            // Opaque, so scrolled rows never show through the frozen header: egui's
            // faint_bg_color is additive (alpha 0), and anything mixed with it is half
            // transparent.
            header_fill: visuals
                .panel_fill
                .lerp_to_gamma(visuals.text_color(), 0.04)
                .to_opaque(),
            visuals,
        }
    }

    fn dark(&self) -> bool {
        self.state.prefs.dark
    }

    fn total_size(&self) -> egui::Vec2 {
        let body_h = self.cache.offsets.last().copied().unwrap_or(0.0);
        let n = self.a.offerings.len() as f32;
        vec2(FIRST_COL + self.col_w * n, self.header_h + body_h)
    }

    fn col_x(&self, j: usize) -> f32 {
        self.origin.x + FIRST_COL + self.col_w * j as f32
    }

    /// The left edge of the sticky first column, and the top of the sticky header.
    fn sticky(&self) -> Pos2 {
        self.origin + self.viewport.min.to_vec2()
    }

    /// Body items that intersect the viewport, with their top and height.
    fn visible_items(&self) -> impl Iterator<Item = (&'a Item, f32, f32)> + '_ {
        let offsets = &self.cache.offsets;
        self.cache
            .items
            .iter()
            .enumerate()
            .skip(self.start)
            .map(move |(k, item)| {
                let y = self.origin.y + self.header_h + offsets[k];
                (item, y, offsets[k + 1] - offsets[k])
            })
            .take_while(|(_, y, _)| *y - self.origin.y <= self.viewport.max.y)
    }

    fn is_cursor(&self, place: &Selection) -> bool {
        self.state.view.cursor.as_ref() == Some(place)
    }

    /// How a cell or verdict senses: the table is one stop for Tab (the cursor's place, or the
    /// first one), as a grid is on the desktop; the arrow keys move inside it.
    fn sense(&self, place: &Selection) -> Sense {
        if self.tab_stop.as_ref() == Some(place) {
            Sense::click()
        } else {
            Sense::CLICK
        }
    }

    /// Scrolls so that `place` shows clear of the sticky header and first column; false if
    /// the table does not show it.
    fn scroll_to(&self, ui: &egui::Ui, place: &Selection) -> bool {
        let Some((_, j)) = position(self.a, self.cache.rows(), place) else {
            return false;
        };
        let x = self.col_x(j);
        let (top, bottom) = match place {
            // Verdicts live in the sticky header: only the column needs to show.
            Selection::Verdict { .. } => (self.sticky().y, self.sticky().y + self.header_h),
            Selection::Cell { attribute, .. } => {
                let Some(k) = self.cache.items.iter().position(
                    |i| matches!(i, Item::Row(r) if self.a.rows[*r].attribute == *attribute),
                ) else {
                    return false;
                };
                let y = self.origin.y + self.header_h + self.cache.offsets[k];
                let h = self.cache.offsets[k + 1] - self.cache.offsets[k];
                // Room above for the sticky header, as much as the viewport allows: a rect
                // taller than the viewport would leave the row itself out of view.
                let lead = (self.viewport.height() - h).clamp(0.0, self.header_h);
                (y - lead, y + h)
            }
        };
        let r = Rect::from_min_max(
            Pos2::new(x - FIRST_COL, top),
            Pos2::new(x + self.col_w, bottom),
        );
        ui.scroll_to_rect_animation(r, None, egui::style::ScrollAnimation::none());
        true
    }

    fn changed_mark(&self, r: Rect) {
        let mark = style::warning_colors(self.dark()).1;
        self.painter
            .rect_stroke(r, 3.0, Stroke::new(2.0, mark), egui::StrokeKind::Inside);
    }
}

/// The keyboard on a focused cell or verdict: the arrow keys move the cursor (egui's own
/// focus movement is held off), Home and End go to the row's first and last column, Ctrl+Home
/// and Ctrl+End to the table's first and last cell, and Esc is left to close the details.
fn keys(ui: &egui::Ui, grid: &Grid, resp: &egui::Response, place: &Selection) -> Option<Action> {
    ui.memory_mut(|m| {
        m.set_focus_lock_filter(
            resp.id,
            egui::EventFilter {
                horizontal_arrows: true,
                vertical_arrows: true,
                escape: true,
                tab: false,
            },
        );
    });
    let nav = ui.input_mut(|i| {
        use egui::{Key, Modifiers};
        [
            (Modifiers::NONE, Key::ArrowUp, Nav::Up),
            (Modifiers::NONE, Key::ArrowDown, Nav::Down),
            (Modifiers::NONE, Key::ArrowLeft, Nav::Left),
            (Modifiers::NONE, Key::ArrowRight, Nav::Right),
            (Modifiers::COMMAND, Key::Home, Nav::First),
            (Modifiers::COMMAND, Key::End, Nav::Last),
            (Modifiers::NONE, Key::Home, Nav::Home),
            (Modifiers::NONE, Key::End, Nav::End),
        ]
        .into_iter()
        .find(|(m, k, _)| i.consume_key(*m, *k))
        .map(|(_, _, nav)| nav)
    })?;
    let to = step(grid.a, grid.cache.rows(), place, nav)?;
    (to != *place).then_some(Action::MoveCursor(to))
}

/// Focus, the cursor and the keys for one cell or verdict, after it is drawn.
fn focus(
    ui: &egui::Ui,
    grid: &Grid,
    resp: &egui::Response,
    place: &Selection,
    actions: &mut Vec<Action>,
) {
    // Under a dialog or the palette, egui gives the table no focus: leave the cursor be.
    if !grid.tooltips {
        return;
    }
    if grid.is_cursor(place) {
        // The cursor moved here (or the layout moved under it): take the focus, then say so.
        if grid.state.view.focus_cursor > 0 {
            if resp.has_focus() {
                actions.push(Action::CursorAt(place.clone()));
            } else {
                resp.request_focus();
            }
        }
    } else if resp.gained_focus() {
        // Tab or a click moved the focus here: the cursor follows.
        actions.push(Action::CursorAt(place.clone()));
    }
    if resp.has_focus()
        && let Some(a) = keys(ui, grid, resp, place)
    {
        actions.push(a);
    }
}

fn body(ui: &mut egui::Ui, grid: &Grid, actions: &mut Vec<Action>) {
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

fn body_cell(
    ui: &mut egui::Ui,
    grid: &Grid,
    (row, offering): (&crate::engine::Row, &str),
    cell: &CellView,
    galley: Arc<Galley>,
    r: Rect,
    actions: &mut Vec<Action>,
) {
    let (painter, visuals, dark) = (&grid.painter, &grid.visuals, grid.dark());
    let place = Selection::Cell {
        attribute: row.attribute.clone(),
        offering: cell.offering.clone(),
    };
    let id = ui.scope_id().with(("cell", &row.attribute, &cell.offering));
    let resp = ui.interact(r, id, grid.sense(&place));
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
        let dot = visuals.warn_fg_color.gamma_multiply(0.7);
        painter.circle_filled(r.right_top() + vec2(-6.0, 6.0), 2.5, dot);
    }
    if grid.state.view.selection.as_ref() == Some(&place) {
        let stroke = Stroke::new(2.0, visuals.selection.stroke.color);
        painter.rect_stroke(r.shrink(1.5), 2.0, stroke, egui::StrokeKind::Inside);
    }
    if resp.has_focus() {
        focus_ring(painter, r.shrink(1.5), visuals);
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

fn cell_tooltip(ui: &mut egui::Ui, row: &crate::engine::Row, cell: &CellView, dark: bool) {
    ui.set_max_width(if cell.disputed { 620.0 } else { 380.0 });
    ui.label(style::bold(format!("{}: {}", row.name, cell.text)));
    if cell.disputed {
        ui.label(
            egui::RichText::new("≠ The sources disagree on this value (newest first):")
                .color(style::disputed_colors(dark).1),
        );
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
}

/// The sticky first column: each row's name, and "same for all" where no offering differs.
fn first_column(ui: &mut egui::Ui, grid: &Grid) {
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
fn header(ui: &mut egui::Ui, grid: &Grid, actions: &mut Vec<Action>) {
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

fn offering_name(ui: &mut egui::Ui, grid: &Grid, j: usize) {
    let o = &grid.a.offerings[j];
    let r = Rect::from_min_size(
        Pos2::new(grid.col_x(j), grid.sticky().y),
        vec2(grid.col_w, NAME_ROW),
    );
    let mut subtitle = if o.plan == o.name {
        o.route.clone()
    } else {
        o.plan.clone()
    };
    if o.preview {
        subtitle.push_str(" · preview");
    }
    // The subtitle says "preview": the name need not, and fits its two lines without it.
    let shown_name = if o.preview {
        o.name.trim_end_matches(" (preview)")
    } else {
        &o.name
    };
    let width = grid.col_w - 2.0 * PAD;
    let name = elided(
        ui,
        shown_name,
        FontId::new(14.5, style::bold_family()),
        width,
        2,
    );
    let sub = elided(ui, &subtitle, FontId::proportional(11.5), width, 1);
    let name_h = name.size().y;
    grid.painter.galley(
        r.left_top() + vec2(PAD, 6.0),
        name,
        grid.visuals.text_color(),
    );
    grid.painter.galley(
        r.left_top() + vec2(PAD, 8.0 + name_h),
        sub,
        grid.visuals.weak_text_color(),
    );
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
    let (painter, visuals) = (&grid.painter, &grid.visuals);
    let place = Selection::Verdict {
        requirement: req.id.clone(),
        offering: v.offering.clone(),
    };
    let top = grid.sticky().y + NAME_ROW + VERDICT_ROW * q as f32;
    let r = Rect::from_min_size(Pos2::new(grid.col_x(j), top), vec2(grid.col_w, VERDICT_ROW));
    let badge = r.shrink2(vec2(4.0, 4.0));
    let (fill, fg) = style::verdict_colors(v.kind, grid.dark());
    let id = ui.scope_id().with(("verdict", &req.id, &v.offering));
    let resp = ui.interact(badge, id, grid.sense(&place));
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
    if resp.has_focus() {
        focus_ring(painter, badge.expand(1.5), visuals);
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
    req: &crate::engine::RequirementResult,
    v: &crate::engine::Verdict,
    condition: Option<&str>,
) {
    ui.set_max_width(380.0);
    let offering = a.offering_name(&v.offering);
    ui.label(style::bold(format!("{} — {offering}", req.title)));
    ui.label(format!("{} {}", v.kind.symbol(), v.label));
    ui.label(&v.reason);
    if let Some(c) = condition {
        ui.label(style::bold(format!("✓ Fits if “{c}” is switched on.")));
    }
    for r in &v.readings {
        ui.label(format!(
            "{} {} — as {} reads it",
            r.kind.symbol(),
            r.label,
            r.source_names.join(", ")
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
fn badge_text(
    ui: &egui::Ui,
    v: &crate::engine::Verdict,
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
    let short = format!("{symbol} {}", short_label(v.kind));
    ui.ctx()
        .fonts_mut(|f| f.layout_no_wrap(short, font(13.0), fg))
}

/// Top-left corner: above the row names, the requirement titles.
fn corner(ui: &mut egui::Ui, grid: &Grid) {
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
            top + vec2(0.0, NAME_ROW),
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
            top + vec2(0.0, NAME_ROW + VERDICT_ROW * q as f32),
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

/// A move of the table's cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Up,
    Down,
    Left,
    Right,
    /// The row's first column.
    Home,
    /// The row's last column.
    End,
    /// The table's first place (the first verdict, or the first cell).
    First,
    /// The table's last cell.
    Last,
}

/// A row of the table as the cursor sees it: a requirement's verdicts, or an attribute's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// Index into `Assessment::requirements`.
    Verdicts(usize),
    /// Index into `Assessment::rows`.
    Cells(usize),
}

/// The line and column of `place` among `lines`, if it is shown.
fn position(a: &Assessment, lines: &[Line], place: &Selection) -> Option<(usize, usize)> {
    let (line, offering) = match place {
        Selection::Verdict {
            requirement,
            offering,
        } => (
            lines.iter().position(
                |l| matches!(l, Line::Verdicts(q) if a.requirements[*q].id == *requirement),
            )?,
            offering,
        ),
        Selection::Cell {
            attribute,
            offering,
        } => (
            lines
                .iter()
                .position(|l| matches!(l, Line::Cells(i) if a.rows[*i].attribute == *attribute))?,
            offering,
        ),
    };
    let col = a.offerings.iter().position(|o| o.id == *offering)?;
    Some((line, col))
}

fn place_at(a: &Assessment, line: Line, col: usize) -> Option<Selection> {
    let offering = a.offerings.get(col)?.id.clone();
    Some(match line {
        Line::Verdicts(q) => Selection::Verdict {
            requirement: a.requirements.get(q)?.id.clone(),
            offering,
        },
        Line::Cells(i) => Selection::Cell {
            attribute: a.rows.get(i)?.attribute.clone(),
            offering,
        },
    })
}

/// Where `nav` leads from `from`: the verdict rows come first, then the attribute rows shown.
/// The cursor stops at the edges rather than wrapping.
pub fn step(a: &Assessment, lines: &[Line], from: &Selection, nav: Nav) -> Option<Selection> {
    let (line, col) = position(a, lines, from)?;
    let last_line = lines.len().checked_sub(1)?;
    let last_col = a.offerings.len().checked_sub(1)?;
    let (line, col) = match nav {
        Nav::Up => (line.saturating_sub(1), col),
        Nav::Down => ((line + 1).min(last_line), col),
        Nav::Left => (line, col.saturating_sub(1)),
        Nav::Right => (line, (col + 1).min(last_col)),
        Nav::Home => (line, 0),
        Nav::End => (line, last_col),
        Nav::First => (0, 0),
        Nav::Last => (last_line, last_col),
    };
    place_at(a, lines[line], col)
}

/// Whether `place` is still in the assessment (its requirement or attribute, and its offering).
pub fn is_shown(a: &Assessment, place: &Selection) -> bool {
    let (found, offering) = match place {
        Selection::Verdict {
            requirement,
            offering,
        } => (
            a.requirements.iter().any(|r| r.id == *requirement),
            offering,
        ),
        Selection::Cell {
            attribute,
            offering,
        } => (a.rows.iter().any(|r| r.attribute == *attribute), offering),
    };
    found && a.offerings.iter().any(|o| o.id == *offering)
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
fn side_tab_buttons(ui: &mut egui::Ui, state: &State, actions: &mut Vec<Action>) {
    let caveats = format!("Caveats & actions ({})", state.assessment.caveats.len());
    for (tab, label) in [
        (SideTab::Caveats, caveats),
        (SideTab::Sources, "Sources".into()),
    ] {
        let showing = state.view.side_open && state.view.side_tab == tab;
        if ui.add(egui::Button::new(label).selected(showing)).clicked() {
            actions.push(if showing {
                Action::CloseSidePanel
            } else {
                Action::SetSideTab(tab)
            });
        }
    }
}

fn toolbar(ui: &mut egui::Ui, state: &State, cache: &TableCache, actions: &mut Vec<Action>) {
    if state.view.presentation {
        ui.horizontal(|ui| {
            side_tab_buttons(ui, state, actions);
            ui.separator();
            view_summary(ui, state);
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
            legend(ui, state.prefs.dark);
        });
        ui.add_space(2.0);
        return;
    }
    // Both rows wrap, so a narrow table area (a small window, the side panel open) clips nothing.
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Filter rows:");
        let mut f = state.view.filter.clone();
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut f)
                    .hint_text("e.g. retention")
                    .desired_width(180.0),
            )
            .labelled_by(l.id);
        // Ctrl+F (Command::FilterRows) asks for the focus through the state, like the menu.
        if state.view.focus_filter {
            r.request_focus();
            actions.push(Action::FilterFocused);
        }
        if r.changed() {
            actions.push(Action::SetFilter(f));
        }
        let mut diff = state.prefs.only_differences;
        if ui.checkbox(&mut diff, "Show only differences").changed() {
            actions.push(Action::SetOnlyDifferences(diff));
        }
        ui.separator();
        side_tab_buttons(ui, state, actions);
    });
    // The second row: which sources the table reads, and what its marks mean.
    ui.horizontal_wrapped(|ui| {
        view_as_of(ui, state, actions);
        ui.separator();
        legend(ui, state.prefs.dark);
        // The row count gives way to nothing else: it wraps with the row, never under a button.
        ui.separator();
        let shown = cache
            .items
            .iter()
            .filter(|i| matches!(i, Item::Row(_)))
            .count();
        ui.label(
            egui::RichText::new(format!(
                "{} of {} rows · {} offerings",
                shown,
                state.assessment.rows.len(),
                state.assessment.offerings.len()
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
fn view_as_of(ui: &mut egui::Ui, state: &State, actions: &mut Vec<Action>) {
    let label = ui.label("Sources:");
    let current = &state.doc.scenario.sources;
    let selected_text = if state.assessment.view.all {
        "All sources".to_string()
    } else {
        state.assessment.view.label.clone()
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
                actions.push(Action::Edit(Edit::Sources(Vec::new())));
            }
            ui.separator();
            for s in &state.policy.sources {
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
                    actions.push(Action::Edit(Edit::Sources(vec![s.id.clone()])));
                }
            }
        })
        .response
        .labelled_by(label.id);
    view_summary(ui, state);
}

/// The dispute count, in the dispute colour, or a word that there is none.
fn view_summary(ui: &mut egui::Ui, state: &State) {
    let n = state.assessment.disputes.len();
    if n > 0 {
        let (_, fg) = style::disputed_colors(state.prefs.dark);
        ui.label(
            egui::RichText::new(format!(
                "≠ {n} disputed {}",
                if n == 1 { "value" } else { "values" }
            ))
            .color(fg)
            .strong(),
        )
        .on_hover_text("The sources read give different values for these cells. Hover a ≠ cell for each source's words.");
    } else if !state.assessment.view.all {
        ui.label(
            egui::RichText::new(&state.assessment.view.label)
                .small()
                .weak(),
        );
    }
}
