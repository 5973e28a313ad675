//! The left panel: the client, their requirements, the options in play and the offerings compared.

use crate::model::Audience;
use crate::ui::actions::Edit;
use crate::ui::landmarks::{Landmarks, Part};
use crate::ui::{Action, State, style};

pub fn show(ui: &mut egui::Ui, state: &State, actions: &mut Vec<Action>, marks: &mut Landmarks) {
    let edge = super::PanelEdge::of(ui, "scenario", egui::Key::ArrowRight);
    edge.keys(ui);
    egui::Panel::left("scenario")
        .resizable(true)
        .default_size(310.0)
        .size_range(240.0..=480.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    client(ui, state, actions, marks);
                    ui.separator();
                    requirements(ui, state, actions, marks);
                    ui.separator();
                    options(ui, state, actions, marks);
                    ui.separator();
                    offerings(ui, state, actions, marks);
                    ui.add_space(12.0);
                });
        });
    edge.ring(ui);
}

/// egui moves the keyboard focus with Tab (and F6) but does not scroll to it: a control of
/// this panel that just took the focus is brought into view, with a row or two of room round
/// it, so the ring and the next control show. Only this panel's own controls: the focus
/// landing elsewhere (the menus, the table) never scrolls it.
fn reveal(ui: &egui::Ui, r: &egui::Response) {
    if r.gained_focus() {
        ui.scroll_to_rect(r.rect.expand2(egui::vec2(0.0, 48.0)), None);
    }
}

fn text_row(
    ui: &mut egui::Ui,
    label: &str,
    value: &str,
    hint: &str,
    make: impl Fn(String) -> Action,
    actions: &mut Vec<Action>,
) -> egui::Response {
    let l = ui.label(label);
    let mut v = value.to_string();
    let r = ui
        .add(
            egui::TextEdit::singleline(&mut v)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    reveal(ui, &r);
    if r.changed() {
        actions.push(make(v));
    }
    r
}

fn client(ui: &mut egui::Ui, state: &State, actions: &mut Vec<Action>, marks: &mut Landmarks) {
    let s = &state.doc.scenario;
    ui.label(style::heading("Client"));
    let name = text_row(
        ui,
        "Client name",
        &s.client,
        "e.g. Société Générale — Zürich",
        |v| Action::Edit(Edit::Client(v)),
        actions,
    );
    marks.control(Part::Client, &name);
    text_row(
        ui,
        "Prepared by",
        &s.prepared_by,
        "Your name",
        |v| Action::Edit(Edit::PreparedBy(v)),
        actions,
    );
    text_row(
        ui,
        "Date (YYYY-MM-DD)",
        &s.date,
        "2026-11-28",
        |v| Action::Edit(Edit::Date(v)),
        actions,
    );
    if !s.date.is_empty()
        && let Err(m) = crate::model::Date::parse(&s.date)
    {
        ui.colored_label(ui.visuals().error_fg_color, m.to_string());
    }
    ui.horizontal(|ui| {
        ui.label("Audience:");
        for (audience, label) in [
            (Audience::ClientFacing, "Client-facing"),
            (Audience::Internal, "Internal"),
        ] {
            let r = ui.radio(s.audience == audience, label);
            style::ring_if_focused(ui, &r);
            reveal(ui, &r);
            marks.control(Part::Client, &r);
            if r.clicked() {
                actions.push(Action::Edit(Edit::Audience(audience)));
            }
        }
    });
    if s.audience == Audience::Internal {
        let l = ui.label("Internal notes");
        let mut notes = s.notes.clone();
        let r = ui
            .add(
                egui::TextEdit::multiline(&mut notes)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY)
                    .hint_text("Shown only in internal views and briefs"),
            )
            .labelled_by(l.id);
        reveal(ui, &r);
        if r.changed() {
            actions.push(Action::Edit(Edit::Notes(notes)));
        }
    }
}

fn requirements(
    ui: &mut egui::Ui,
    state: &State,
    actions: &mut Vec<Action>,
    marks: &mut Landmarks,
) {
    ui.label(style::heading("Client requirements"));
    for r in &state.policy.requirements {
        let mut on = state.doc.scenario.requirements.contains(&r.id);
        let c = ui.checkbox(&mut on, &r.title).on_hover_text(&r.explain);
        style::ring_if_focused(ui, &c);
        reveal(ui, &c);
        marks.control(Part::Requirements, &c);
        if c.changed() {
            actions.push(Action::Edit(Edit::Requirement(r.id.clone(), on)));
        }
        explain(ui, &r.explain);
    }
}

fn options(ui: &mut egui::Ui, state: &State, actions: &mut Vec<Action>, marks: &mut Landmarks) {
    ui.label(style::heading("Options"));
    for o in &state.assessment.options {
        let mut on = o.on;
        let enabled = o.inactive_reason.is_none() || o.on;
        let r = ui
            .add_enabled(enabled, egui::Checkbox::new(&mut on, &o.title))
            .on_hover_ui(|ui| {
                ui.label(&o.summary);
                ui.label(format!(
                    "Requires: {} — {}",
                    o.requires_label, o.requires_detail
                ));
                for c in &o.changes {
                    ui.label(format!("• {c}"));
                }
            });
        let r = match &o.inactive_reason {
            Some(reason) => r.on_disabled_hover_text(reason),
            None => r,
        };
        style::ring_if_focused(ui, &r);
        reveal(ui, &r);
        marks.control(Part::Options, &r);
        if r.changed() {
            actions.push(Action::Edit(Edit::Option(o.id.clone(), on)));
        }
        // The same line whether the option can be switched on or not, so that the list below
        // never moves when the offerings compared change; why it cannot is in the hover.
        explain(
            ui,
            &format!(
                "{} · applies to {}",
                o.requires_label,
                o.applies_to.join(", ")
            ),
        );
    }
}

fn offerings(ui: &mut egui::Ui, state: &State, actions: &mut Vec<Action>, marks: &mut Landmarks) {
    ui.label(style::heading("Offerings compared"));
    let set = &state.policy;
    let chosen = &state.doc.scenario.offerings;
    ui.horizontal(|ui| {
        let all: Vec<String> = state.view.offering_order.clone();
        let b = ui
            .add_enabled(chosen.len() < all.len(), egui::Button::new("All").small())
            .on_hover_text("Compare every offering");
        // F6 enters the offerings at the list itself, the first row, where the work is; these
        // two buttons are a Shift+Tab away.
        marks.area(Part::Offerings, b.rect, None);
        reveal(ui, &b);
        if b.clicked() {
            actions.push(Action::Edit(Edit::Offerings(all)));
        }
        let mut chosen = false;
        let menu = ui.menu_button("Only these…", |ui| {
            let first_party = |o: &&crate::model::Offering| o.route == "First-party";
            let groups: [(&str, Vec<String>); 2] = [
                (
                    "First-party plans",
                    set.offerings
                        .iter()
                        .filter(first_party)
                        .map(|o| o.id.clone())
                        .collect(),
                ),
                (
                    "Cloud routes",
                    set.offerings
                        .iter()
                        .filter(|o| !first_party(o))
                        .map(|o| o.id.clone())
                        .collect(),
                ),
            ];
            for (label, ids) in groups {
                if !ids.is_empty() && ui.button(label).clicked() {
                    actions.push(Action::Edit(Edit::Offerings(ids)));
                    chosen = true;
                }
            }
            ui.separator();
            for o in &set.offerings {
                if ui.button(format!("Only {}", o.name)).clicked() {
                    actions.push(Action::Edit(Edit::Offerings(vec![o.id.clone()])));
                    chosen = true;
                }
            }
            // One choice closes the menu, by mouse or by Enter.
            if chosen {
                ui.close();
            }
        });
        marks.area(Part::Offerings, menu.response.rect, None);
        reveal(ui, &menu.response);
        // The keyboard goes back to the button that opened the menu, not to the window's start.
        if chosen {
            menu.response.request_focus();
        }
    });
    // One row per offering, in an order that never changes under the cursor: unticked ones stay
    // in place, greyed. Ticked ones are the columns, in order, and can be moved.
    let columns: Vec<&String> = state
        .view
        .offering_order
        .iter()
        .filter(|id| chosen.contains(id))
        .collect();
    // A grid keeps the move buttons in one column, and adds them after their checkbox, so Tab
    // goes checkbox, ←, →.
    egui::Grid::new("offerings-compared")
        .num_columns(3)
        .spacing(egui::vec2(4.0, 2.0))
        .show(ui, |ui| {
            for id in &state.view.offering_order {
                let Some(o) = set.offering(id) else {
                    continue;
                };
                let column = columns.iter().position(|c| *c == id);
                let mut on = column.is_some();
                let name = if on {
                    egui::RichText::new(&o.name)
                } else {
                    egui::RichText::new(&o.name).weak()
                };
                let c = ui.checkbox(&mut on, name).on_hover_text(&o.summary);
                style::ring_if_focused(ui, &c);
                reveal(ui, &c);
                marks.control(Part::Offerings, &c);
                if c.changed() {
                    actions.push(Action::Edit(Edit::Offering(o.id.clone(), on)));
                }
                match column {
                    Some(i) => {
                        move_button(ui, actions, o, "←", "left", -1, i > 0);
                        move_button(ui, actions, o, "→", "right", 1, i + 1 < columns.len());
                    }
                    None => {
                        ui.label("");
                        ui.label("");
                    }
                }
                ui.end_row();
            }
        });
}

/// "←" or "→" beside an offering, named for what it moves ("Move Amazon Bedrock left").
fn move_button(
    ui: &mut egui::Ui,
    actions: &mut Vec<Action>,
    o: &crate::model::Offering,
    arrow: &str,
    way: &str,
    by: isize,
    enabled: bool,
) {
    let b = ui
        .add_enabled(enabled, egui::Button::new(arrow).small())
        .on_hover_text(format!("Move {way}"));
    b.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            enabled,
            format!("Move {} {way}", o.name),
        )
    });
    reveal(ui, &b);
    if b.clicked() {
        actions.push(Action::Edit(Edit::MoveOffering(o.id.clone(), by)));
    }
}

/// The line under a requirement or an option: 11 px, and a grey that keeps its contrast in the
/// dark theme (egui's "weak" text is too faint there to read at this size).
fn explain(ui: &mut egui::Ui, text: &str) {
    let color = if ui.visuals().dark_mode {
        egui::Color32::from_gray(178)
    } else {
        egui::Color32::from_gray(88)
    };
    ui.indent(text, |ui| {
        ui.add(egui::Label::new(egui::RichText::new(text).size(11.0).color(color)).wrap());
    });
}
