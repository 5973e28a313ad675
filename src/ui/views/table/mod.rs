//! The comparison: a sticky header (offering names and one verdict row per client requirement)
//! over the attribute rows, with a sticky first column. Only the visible rows and columns are laid
//! out and painted, so a set of 40 offerings × 300 attributes scrolls as smoothly as the default one.
//!
//! This file places things: the frame's [`Grid`] (columns, the viewport, what is sticky). The
//! parts:
//! - [`cache`]: the layout (rows shown, their heights, the cursor's lines), keyed on its inputs;
//! - [`nav`]: the keyboard cursor;
//! - [`paint`]: cells, first column, header, verdict badges, corner;
//! - [`toolbar`]: the filter, the sources read and the legend above the table.

mod cache;
mod nav;
mod paint;
mod toolbar;

use std::collections::HashSet;

use egui::{Color32, Pos2, Rect, Sense, Stroke, vec2};

// For the hover details of a cell, which show its claims as the details panel does.
use super::details;
use crate::engine::Assessment;
use crate::engine::changes::Place;
use crate::ui::actions::{Selection, SideTab};
use crate::ui::{Action, State, style};

use cache::Item;
pub use cache::TableCache;
pub use nav::{Line, Nav, is_shown, step};
use nav::{place_at, position};

const FIRST_COL: f32 = 200.0;
const MIN_COL: f32 = 124.0;
const MAX_COL: f32 = 320.0;
const PAD: f32 = 8.0;
const NAME_ROW: f32 = 62.0;
/// Tall enough for a requirement title on two lines.
const VERDICT_ROW: f32 = 36.0;
const GROUP_ROW: f32 = 30.0;
const BODY_SIZE: f32 = 13.5;

pub fn show(ui: &mut egui::Ui, state: &State, cache: &mut TableCache, actions: &mut Vec<Action>) {
    toolbar::toolbar(ui, state, cache, actions);
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
            paint::body(ui, &grid, actions);
            paint::first_column(ui, &grid);
            paint::header(ui, &grid, actions);
            paint::corner(ui, &grid);
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
