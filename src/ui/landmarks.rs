//! The parts of the window that F6 and Shift+F6 move the keyboard focus between, as desktop
//! applications do: the menus, the client, the requirements, the options, the offerings, the
//! toolbar, the table and the side panel. Tab alone walks some fifty controls to reach the
//! offerings; F6 gets there in five.
//!
//! Each frame the views mark where each part is drawn and where the focus enters it; the app
//! reads the marks of the frame just drawn when F6 is pressed. Which part comes next is worked
//! out from those marks alone ([`Landmarks::next`]), so it is tested without a window.

use super::actions::Selection;

/// A part of the window, in the order F6 visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Menus,
    Client,
    Requirements,
    Options,
    Offerings,
    Toolbar,
    Table,
    SidePanel,
}

/// Where the focus goes on entering a part.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// This control takes the focus.
    Control(egui::Id),
    /// The table's cursor goes to this cell or verdict, and the table takes the focus.
    Table(Selection),
}

#[derive(Debug, Clone)]
struct Mark {
    part: Part,
    /// Where the part is drawn, to tell which part holds the focus.
    area: egui::Rect,
    entry: Option<Entry>,
}

/// The parts drawn in one frame.
#[derive(Debug, Default, Clone)]
pub struct Landmarks {
    marks: Vec<Mark>,
}

impl Landmarks {
    /// `control` belongs to `part`: the part reaches over it, and the focus enters the part at
    /// the first control so marked that can take it (an enabled one).
    pub fn control(&mut self, part: Part, control: &egui::Response) {
        let takes_focus = control.enabled() && control.sense.is_focusable();
        let mark = self.mark(part);
        mark.area = mark.area.union(control.rect);
        if mark.entry.is_none() && takes_focus {
            mark.entry = Some(Entry::Control(control.id));
        }
    }

    /// `part` covers `area`, and the focus enters it through `entry`.
    pub fn area(&mut self, part: Part, area: egui::Rect, entry: Option<Entry>) {
        let mark = self.mark(part);
        mark.area = mark.area.union(area);
        if mark.entry.is_none() {
            mark.entry = entry;
        }
    }

    fn mark(&mut self, part: Part) -> &mut Mark {
        let i = match self.marks.iter().position(|m| m.part == part) {
            Some(i) => i,
            None => {
                self.marks.push(Mark {
                    part,
                    area: egui::Rect::NOTHING,
                    entry: None,
                });
                self.marks.len() - 1
            }
        };
        &mut self.marks[i]
    }

    /// Where the focus enters `part`, if it was drawn and can take it.
    pub fn entry(&self, part: Part) -> Option<&Entry> {
        self.marks
            .iter()
            .find(|m| m.part == part)
            .and_then(|m| m.entry.as_ref())
    }

    /// The part after the one holding the focus (`focused`: the focused control's rectangle),
    /// or before it when `backwards`, going round at the ends; from nowhere, the first (or
    /// last). Parts that cannot take the focus are passed over.
    pub fn next(&self, focused: Option<egui::Rect>, backwards: bool) -> Option<(Part, Entry)> {
        let mut parts: Vec<(Part, &Entry)> = self
            .marks
            .iter()
            .filter_map(|m| Some((m.part, m.entry.as_ref()?)))
            .collect();
        parts.sort_by_key(|(part, _)| *part);
        // The part holding the focus, whether or not it can be entered from outside.
        let here = focused.and_then(|r| {
            self.marks
                .iter()
                .filter(|m| m.area.contains(r.center()))
                .map(|m| m.part)
                .min()
        });
        let found = match (here, backwards) {
            (None, false) => parts.first(),
            (None, true) => parts.last(),
            (Some(here), false) => parts
                .iter()
                .find(|(p, _)| *p > here)
                .or_else(|| parts.first()),
            (Some(here), true) => parts
                .iter()
                .rev()
                .find(|(p, _)| *p < here)
                .or_else(|| parts.last()),
        };
        found.map(|(part, entry)| (*part, (*entry).clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Id, Rect, pos2};

    fn rect(x: f32, y: f32) -> Rect {
        Rect::from_min_max(pos2(x, y), pos2(x + 10.0, y + 10.0))
    }

    fn marks() -> Landmarks {
        let mut m = Landmarks::default();
        // Drawn out of order, as the window draws them (the side panel before the table).
        m.area(
            Part::SidePanel,
            rect(300.0, 0.0),
            Some(Entry::Control(Id::unique("close"))),
        );
        m.area(
            Part::Client,
            rect(0.0, 0.0),
            Some(Entry::Control(Id::unique("client"))),
        );
        m.area(Part::Options, rect(0.0, 100.0), None);
        m.area(
            Part::Table,
            rect(100.0, 0.0),
            Some(Entry::Control(Id::unique("cell"))),
        );
        m
    }

    fn part(m: &Landmarks, focused: Option<Rect>, backwards: bool) -> Option<Part> {
        m.next(focused, backwards).map(|(p, _)| p)
    }

    #[test]
    fn f6_goes_round_the_parts_in_window_order() {
        let m = marks();
        assert_eq!(part(&m, None, false), Some(Part::Client));
        assert_eq!(part(&m, None, true), Some(Part::SidePanel));
        assert_eq!(part(&m, Some(rect(0.0, 0.0)), false), Some(Part::Table));
        assert_eq!(
            part(&m, Some(rect(100.0, 0.0)), false),
            Some(Part::SidePanel)
        );
        assert_eq!(part(&m, Some(rect(300.0, 0.0)), false), Some(Part::Client));
        assert_eq!(part(&m, Some(rect(0.0, 0.0)), true), Some(Part::SidePanel));
        assert_eq!(part(&m, Some(rect(100.0, 0.0)), true), Some(Part::Client));
        // Focus outside every part counts as none.
        assert_eq!(
            part(&m, Some(rect(900.0, 900.0)), false),
            Some(Part::Client)
        );
    }

    #[test]
    fn a_part_with_no_control_to_enter_is_passed_over_but_keeps_its_place() {
        let m = marks();
        // The options cannot be entered (all disabled), yet the focus can be in them.
        assert_eq!(part(&m, Some(rect(0.0, 100.0)), false), Some(Part::Table));
        assert_eq!(part(&m, Some(rect(0.0, 100.0)), true), Some(Part::Client));
        assert_eq!(Landmarks::default().next(None, false), None);
    }

    #[test]
    fn a_part_is_entered_at_its_first_control_that_can_take_the_focus() {
        let ctx = egui::Context::default();
        let mut m = Landmarks::default();
        let mut out = ctx.run_ui(Default::default(), |ui| {
            let off = ui.add_enabled(false, egui::Button::new("All"));
            let on = ui.button("Only these…");
            let later = ui.button("Pro");
            m.control(Part::Offerings, &off);
            m.control(Part::Offerings, &on);
            m.control(Part::Offerings, &later);
            assert_eq!(
                m.next(None, false),
                Some((Part::Offerings, Entry::Control(on.id)))
            );
            // The part reaches over all three, so the focus on any is "in" it.
            assert_eq!(part(&m, Some(later.rect), false), Some(Part::Offerings));
        });
        // Nothing is painted here.
        out.textures_delta.clear();
    }
}
