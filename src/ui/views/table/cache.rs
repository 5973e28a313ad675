//! The table's layout, computed when what it is made from changes, not every frame: which rows
//! the filter and "only differences" leave, under which group headings, at what height, and the
//! cursor's lines through them. Like egui's `FrameCache`, it is keyed on everything it reads, so
//! no caller has to say when it is stale.

use std::collections::HashMap;
use std::sync::{Arc, Weak};

use egui::{Color32, FontId, Galley};

use super::nav::Line;
use super::{BODY_SIZE, FIRST_COL, GROUP_ROW, PAD};
use crate::engine::{Assessment, CellView, Row};
use crate::ui::style;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Item {
    Group(String),
    /// Index into `Assessment::rows`.
    Row(usize),
}

/// Everything the layout is made from. The assessment is known by its allocation, held weakly so
/// that a later assessment can never be given the address of the one remembered here.
struct Key {
    assessment: Weak<Assessment>,
    filter: String,
    only_differences: bool,
    col_w: u32,
    pixels_per_point: u32,
}

impl Key {
    fn holds_for(
        &self,
        a: &Arc<Assessment>,
        filter: &str,
        only_differences: bool,
        (col_w, pixels_per_point): (u32, u32),
    ) -> bool {
        std::ptr::eq(self.assessment.as_ptr(), Arc::as_ptr(a))
            && self.filter == filter
            && self.only_differences == only_differences
            && self.col_w == col_w
            && self.pixels_per_point == pixels_per_point
    }
}

/// Row layout computed once per change (assessment, filter, "only differences", column width,
/// zoom), not every frame.
#[derive(Default)]
pub struct TableCache {
    key: Option<Key>,
    pub(super) items: Vec<Item>,
    /// Top of each item, relative to the top of the body; one more entry for the end.
    pub(super) offsets: Vec<f32>,
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

    /// How many attribute rows the filter and "only differences" leave.
    pub(super) fn rows_shown(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i, Item::Row(_)))
            .count()
    }

    /// Lays the table out for `a` as filtered, unless the layout already holds for it.
    pub(super) fn ensure(
        &mut self,
        ui: &egui::Ui,
        a: &Arc<Assessment>,
        filter: &str,
        only_diff: bool,
        col_w: f32,
    ) {
        let scale = (col_w.to_bits(), ui.ctx().pixels_per_point().to_bits());
        if self
            .key
            .as_ref()
            .is_some_and(|k| k.holds_for(a, filter, only_diff, scale))
        {
            return;
        }
        self.key = Some(Key {
            assessment: Arc::downgrade(a),
            filter: filter.to_string(),
            only_differences: only_diff,
            col_w: scale.0,
            pixels_per_point: scale.1,
        });
        if self.heights_key != scale {
            self.heights_key = scale;
            self.heights.clear();
        }
        self.items.clear();
        self.offsets.clear();
        self.lines.clear();
        self.lines
            .extend((0..a.requirements.len()).map(Line::Verdicts));
        self.filter_rows(a, filter, only_diff);
        self.measure(ui, a, col_w);
    }

    /// The rows shown, under their group headings, and the cursor's lines through them.
    fn filter_rows(&mut self, a: &Assessment, filter: &str, only_diff: bool) {
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
    }

    /// The top of each item: a row keeps the height measured for the same cells.
    fn measure(&mut self, ui: &egui::Ui, a: &Assessment, col_w: f32) {
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

pub(super) fn layout_row(ui: &egui::Ui, row: &Row, col_w: f32) -> (Arc<Galley>, Vec<Arc<Galley>>) {
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
            t.push_str(&format!(
                "\n{} ({}): {}",
                other.source_short,
                other.freshness(),
                other.text
            ));
        }
    }
    t
}
