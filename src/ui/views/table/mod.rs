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
use crate::ui::landmarks::{Entry, Landmarks, Part};
use crate::ui::state::FOCUS_FRAMES;
use crate::ui::{Action, State, style};

use cache::Item;
pub use cache::TableCache;
pub use nav::{Line, Nav, is_shown, step};
use nav::{place_at, position};

const FIRST_COL: f32 = 200.0;
/// The narrowest a column gets: at 1024 px, with the left panel at its default width, four columns
/// and the scroll bar still fit (118 px each).
const MIN_COL: f32 = 116.0;
const PAD: f32 = 8.0;
/// The least height of the offering names' row; a taller name and subtitle make it taller.
const NAME_ROW: f32 = 62.0;
/// Tall enough for a requirement title on two lines.
const VERDICT_ROW: f32 = 36.0;
const GROUP_ROW: f32 = 30.0;
const BODY_SIZE: f32 = 13.5;

pub use toolbar::toolbar;

pub fn show(
    ui: &mut egui::Ui,
    state: &State,
    cache: &mut TableCache,
    actions: &mut Vec<Action>,
    marks: &mut Landmarks,
    beside: f32,
) {
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
    // The columns share all the width there is: no strip is left unused at the right. That is
    // the width with the side panel closed (`beside` is what the open panel takes), so that
    // opening it moves no column, and no cell from under the pointer: the table scrolls instead.
    let avail = ui.available_width() + beside;
    // Scroll bars that always show when the table is wider or taller than its room: a floating
    // bar appears only under the pointer, and then nothing says that more columns are there.
    ui.style_mut().spacing.scroll = egui::style::ScrollStyle::solid();
    let bar = ui.spacing().scroll.allocated_width();
    let col_w = ((avail - FIRST_COL - bar) / n as f32).max(MIN_COL).floor();
    cache.ensure(
        ui,
        a,
        &state.view.filter,
        state.prefs.only_differences,
        col_w,
    );
    let cache = &*cache;
    let changed = changed_places(state);
    let name_row = paint::name_row_height(ui, a, col_w);
    let mut content = vec2(
        FIRST_COL + col_w * n as f32,
        header_height(name_row, a) + cache.offsets.last().copied().unwrap_or(0.0),
    );
    // The room the rows and columns are seen through: what there is, less a scroll bar where
    // the other way overflows.
    let avail = ui.available_size();
    let mut viewport = avail;
    if content.y > avail.y {
        viewport.x -= bar;
    }
    if content.x > viewport.x {
        viewport.y -= bar;
    }
    // With the side panel open over part of the table, scrolling by whole columns may need a
    // little room past the last column (rather than a cut strip before it): exactly what the
    // last whole-column offset needs, so the wheel cannot go further than the keys.
    if beside > 0.0 && content.x > viewport.x {
        let end = content.x - viewport.x;
        content.x += (end / col_w).ceil() * col_w - end;
    }
    let mut area = egui::ScrollArea::both()
        .id_salt("comparison")
        .auto_shrink([false, false]);
    // An offset left from a taller table (presentation's zoom, a narrower view, a filter) is
    // brought inside this one before the frame is drawn: egui would clamp it only afterwards,
    // and the frame in between shows rows above and below the sticky header.
    let id = ui.make_persistent_id(egui::IdSalt::new("comparison"));
    let now = egui::scroll_area::State::load(ui.ctx(), id).map(|s| s.clamped_offset());
    let clamped = now.and_then(|o| clamped_offset(o, content, ui.available_size()));
    // A cursor just moved (keys, a click, F6) is brought into view here, in the wish's first
    // frame, by setting the offset outright: asked of egui from inside the table, the scroll
    // lands a frame later, and asking again from the old positions went twice as far.
    let header_h = header_height(name_row, a);
    let revealed = (state.view.focus_cursor == FOCUS_FRAMES)
        .then_some(state.view.cursor.as_ref())
        .flatten()
        .and_then(|c| {
            let (column, rows) = extent(a, cache, c, col_w, header_h)?;
            let from = clamped.or(now).unwrap_or_default();
            reveal_offset(from, viewport, content, column, rows, header_h)
        });
    if let Some(offset) = revealed.or(clamped) {
        area = area.scroll_offset(offset);
        ui.ctx().request_repaint();
    }
    let shown = area.show_viewport(ui, |ui, viewport| {
        let grid = Grid::new(ui, state, cache, (col_w, name_row), viewport, &changed);
        ui.allocate_rect(Rect::from_min_size(grid.origin, content), Sense::hover());
        if state.view.focus_cursor > 0 {
            // The wish lasts a few frames: make sure they come.
            ui.ctx().request_repaint();
        }
        if state.view.focus_cursor > 0
            && grid.tooltips
            && let Some(c) = &state.view.cursor
            && extent(a, cache, c, col_w, grid.header_h).is_none()
        {
            // Filtered out of the table: nothing to focus, and the wish goes.
            actions.push(Action::CursorAt(c.clone()));
        }
        paint::body(ui, &grid, actions);
        paint::first_column(ui, &grid);
        paint::header(ui, &grid, actions);
        paint::corner(ui, &grid);
        keep_focus_out_of_view(ui, &grid, actions);
        grid.tab_stop
    });
    // F6 enters the table at its one Tab stop, as Tab does.
    let entry = shown.inner.map(Entry::Table);
    marks.area(Part::Table, shown.inner_rect, entry);
}

/// Only the rows and columns in view are drawn, so a focused cell scrolled out of view (by the
/// wheel) would lose the keyboard, and the arrows would do nothing. An unseen stand-in with its
/// id keeps the focus, and the arrows move on from it (the cursor then scrolls into view).
fn keep_focus_out_of_view(ui: &mut egui::Ui, grid: &Grid, actions: &mut Vec<Action>) {
    let Some(place) = &grid.tab_stop else {
        return;
    };
    if grid.tab_stop_drawn.get() {
        return;
    }
    let id = place_id(ui, place);
    if !ui.memory(|m| m.has_focus(id)) {
        return;
    }
    let resp = ui.interact(
        Rect::from_min_size(grid.sticky(), egui::Vec2::ZERO),
        id,
        grid.sense(place),
    );
    nav::focus(ui, grid, &resp, place, actions);
}

/// The id a cell or verdict is drawn with.
fn place_id(ui: &egui::Ui, place: &Selection) -> egui::Id {
    match place {
        Selection::Cell {
            attribute,
            offering,
        } => ui.scope_id().with(("cell", attribute, offering)),
        Selection::Verdict {
            requirement,
            offering,
        } => ui.scope_id().with(("verdict", requirement, offering)),
    }
}

/// The sticky header's height: the names' row, then one row of verdicts per requirement (one
/// row with a hint when there are none).
fn header_height(name_row: f32, a: &Assessment) -> f32 {
    name_row + VERDICT_ROW * a.requirements.len().max(1) as f32
}

/// The scroll offset inside a table of size `content` seen through `viewport`, if `offset`
/// is outside it.
pub fn clamped_offset(
    offset: egui::Vec2,
    content: egui::Vec2,
    viewport: egui::Vec2,
) -> Option<egui::Vec2> {
    // The viewport is the room before the scroll area takes it: a scroll bar may make the
    // real one a little smaller, and a bottom that far down is left to egui, so that the last
    // rows stay reachable.
    const SLACK: f32 = 28.0;
    let max = (content - viewport).max(egui::Vec2::ZERO);
    let outside = offset.x > max.x + SLACK || offset.y > max.y + SLACK;
    outside.then(|| offset.clamp(egui::Vec2::ZERO, max))
}

/// Where `place` lies in the table's content: its column's x range and, for a cell, its row's
/// y range (a verdict is in the sticky header, which always shows). None if the table does
/// not show it (filtered out, or not compared).
fn extent(
    a: &Assessment,
    cache: &TableCache,
    place: &Selection,
    col_w: f32,
    header_h: f32,
) -> Option<(egui::Rangef, Option<egui::Rangef>)> {
    let (_, j) = position(a, cache.rows(), place)?;
    let x = FIRST_COL + col_w * j as f32;
    let column = egui::Rangef::new(x, x + col_w);
    let rows = match place {
        Selection::Verdict { .. } => None,
        Selection::Cell { attribute, .. } => {
            let k = cache
                .items
                .iter()
                .position(|i| matches!(i, Item::Row(r) if a.rows[*r].attribute == *attribute))?;
            let y = header_h + cache.offsets[k];
            Some(egui::Rangef::new(y, header_h + cache.offsets[k + 1]))
        }
    };
    Some((column, rows))
}

/// The scroll offset that shows a place (`column`, and `rows` for a cell, in content
/// coordinates) clear of the first column and the sticky header, moving as little as it can:
/// None when it shows already. Columns scroll by whole columns, so none shows cut at the first
/// column's edge; a row taller than the room that shows at least in part stays where it is.
pub fn reveal_offset(
    offset: egui::Vec2,
    viewport: egui::Vec2,
    content: egui::Vec2,
    column: egui::Rangef,
    rows: Option<egui::Rangef>,
    header_h: f32,
) -> Option<egui::Vec2> {
    let mut to = offset;
    let (left, right) = (offset.x + FIRST_COL, offset.x + viewport.x);
    // By whole columns: an offset of k column widths puts column k at the first column's edge.
    let w = column.span().max(1.0);
    if column.min < left - 0.5 {
        to.x = column.min - FIRST_COL;
    } else if column.max > right + 0.5 {
        // The fewest whole columns that bring its right edge into view.
        to.x = ((column.max - viewport.x) / w).ceil() * w;
    }
    if let Some(rows) = rows {
        let (top, bottom) = (offset.y + header_h, offset.y + viewport.y);
        let room = bottom - top;
        let shown = rows.max.min(bottom) - rows.min.max(top);
        if rows.span() > room {
            if shown < 40.0 {
                to.y = rows.min - header_h;
            }
        } else if rows.min < top {
            to.y = rows.min - header_h;
        } else if rows.max > bottom {
            to.y = rows.max - viewport.y;
        }
    }
    let max = (content - viewport).max(egui::Vec2::ZERO);
    let to = to.clamp(egui::Vec2::ZERO, max);
    (to != offset).then_some(to)
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
    /// The tab stop's cell or verdict was drawn this frame (it may be scrolled out of view).
    tab_stop_drawn: std::cell::Cell<bool>,
    col_w: f32,
    /// The offering names' row: as tall as the tallest name and subtitle.
    name_row: f32,
    origin: Pos2,
    viewport: Rect,
    header_h: f32,
    /// The columns that intersect the viewport.
    cols: std::ops::Range<usize>,
    /// The first body item that intersects the viewport.
    start: usize,
    painter: egui::Painter,
    /// Clipped at the sticky first column's right edge: what scrolls under it never shows
    /// beside it.
    scrolling: egui::Painter,
    visuals: egui::Visuals,
    grid: Stroke,
    header_fill: Color32,
}

impl<'a> Grid<'a> {
    fn new(
        ui: &egui::Ui,
        state: &'a State,
        cache: &'a TableCache,
        (col_w, name_row): (f32, f32),
        viewport: Rect,
        changed: &'a HashSet<Place>,
    ) -> Self {
        let a = &state.assessment;
        let n = a.offerings.len();
        let visuals = ui.visuals().clone();
        let header_h = header_height(name_row, a);
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
        let painter = ui.painter().clone();
        let clip = painter.clip_rect();
        let frozen_edge = ui.max_rect().min.x + viewport.min.x + FIRST_COL;
        let scrolling = painter.with_clip_rect(Rect::from_min_max(
            Pos2::new(frozen_edge.max(clip.min.x), clip.min.y),
            clip.max,
        ));
        Grid {
            tab_stop,
            tab_stop_drawn: std::cell::Cell::new(false),
            name_row,
            scrolling,
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
            painter,
            grid: Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
            header_fill: style::header_fill(&visuals),
            visuals,
        }
    }

    fn dark(&self) -> bool {
        self.state.prefs.dark
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

    fn changed_mark(&self, r: Rect) {
        let mark = style::warning_colors(self.dark()).1;
        self.scrolling
            .rect_stroke(r, 3.0, Stroke::new(2.0, mark), egui::StrokeKind::Inside);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Verdict;
    use egui::Color32;

    /// "≠ Sources disagree" in the narrowest column: both its lines inside the badge.
    #[test]
    fn a_dispute_badge_keeps_both_lines_inside_the_narrowest_badge() {
        let ctx = egui::Context::default();
        style::install(&ctx);
        let v = Verdict {
            offering: "enterprise".into(),
            kind: crate::model::VerdictKind::Disputed,
            label: "Sources disagree".into(),
            reason: String::new(),
            cites: Vec::new(),
            caveats: Vec::new(),
            disputed_facts: Vec::new(),
            readings: Vec::new(),
            fits_with: Vec::new(),
            disputed_in_full_view: Vec::new(),
        };
        let (width, height) = (MIN_COL - 8.0, VERDICT_ROW - 8.0);
        let mut out = ctx.run_ui(Default::default(), |ui| {
            let text = format!("{} {}", v.kind.symbol(), v.label);
            let g = paint::badge_text(ui, &v, None, &text, width, height, Color32::BLACK);
            assert!(g.size().y <= height, "{} > {height}", g.size().y);
            assert!(g.size().x <= width - 12.0, "{} > {width}", g.size().x);
            assert!(!g.elided, "whole: {}", g.job.text);
        });
        out.textures_delta.clear();
    }

    #[test]
    fn a_place_is_revealed_by_whole_columns_and_as_few_rows_as_it_can() {
        use egui::{Rangef, vec2};
        let (viewport, content, header) = (vec2(600.0, 400.0), vec2(1400.0, 3000.0), 150.0);
        let reveal = |offset: egui::Vec2, x: f32, rows: Option<(f32, f32)>| {
            let rows = rows.map(|(a, b)| Rangef::new(a, b));
            reveal_offset(
                offset,
                viewport,
                content,
                Rangef::new(x, x + 200.0),
                rows,
                header,
            )
        };
        // Already clear of the first column and the header: nothing moves.
        assert_eq!(
            reveal(vec2(0.0, 0.0), FIRST_COL, Some((200.0, 300.0))),
            None
        );
        // A column past the right edge comes in by whole columns, as few as it takes; one
        // under the first column starts at its edge.
        assert_eq!(reveal(vec2(0.0, 0.0), 600.0, None), Some(vec2(200.0, 0.0)));
        assert_eq!(
            reveal(vec2(300.0, 0.0), 400.0, None),
            Some(vec2(200.0, 0.0))
        );
        // ...and never past the end of the table.
        assert_eq!(reveal(vec2(0.0, 0.0), 1200.0, None), Some(vec2(800.0, 0.0)));
        // A row below the fold: up just enough for its foot; above: just under the header.
        assert_eq!(
            reveal(vec2(0.0, 0.0), FIRST_COL, Some((450.0, 500.0))),
            Some(vec2(0.0, 100.0))
        );
        assert_eq!(
            reveal(vec2(0.0, 500.0), FIRST_COL, Some((400.0, 450.0))),
            Some(vec2(0.0, 250.0))
        );
        // A row taller than the room: left where it is while 40 px of it show...
        assert_eq!(
            reveal(vec2(0.0, 0.0), FIRST_COL, Some((300.0, 900.0))),
            None
        );
        // ...and brought to the header's foot when it does not.
        assert_eq!(
            reveal(vec2(0.0, 0.0), FIRST_COL, Some((380.0, 980.0))),
            Some(vec2(0.0, 230.0))
        );
    }
}
