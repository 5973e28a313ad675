//! Keyboard navigation: the table is one Tab stop, as a grid is on the desktop, and the arrow
//! keys, Home and End move a cursor through its verdicts and cells. Where a move leads ([`step`])
//! reads only the assessment and the lines shown, not the window.

use super::Grid;
use crate::engine::Assessment;
use crate::ui::Action;
use crate::ui::actions::Selection;

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
pub(super) fn focus(
    ui: &egui::Ui,
    grid: &Grid,
    resp: &egui::Response,
    place: &Selection,
    actions: &mut Vec<Action>,
) {
    if grid.tab_stop.as_ref() == Some(place) {
        grid.tab_stop_drawn.set(true);
    }
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
pub(super) fn position(
    a: &Assessment,
    lines: &[Line],
    place: &Selection,
) -> Option<(usize, usize)> {
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

pub(super) fn place_at(a: &Assessment, line: Line, col: usize) -> Option<Selection> {
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
