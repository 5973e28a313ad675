//! The left panel: the client, their requirements, the options in play and the offerings compared.

use crate::model::Audience;
use crate::ui::{Action, PostureApp, style};

pub fn show(ui: &mut egui::Ui, app: &PostureApp, actions: &mut Vec<Action>) {
    egui::Panel::left("scenario")
        .resizable(true)
        .default_size(310.0)
        .size_range(240.0..=480.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    client(ui, app, actions);
                    ui.separator();
                    requirements(ui, app, actions);
                    ui.separator();
                    options(ui, app, actions);
                    ui.separator();
                    offerings(ui, app, actions);
                    ui.add_space(12.0);
                });
        });
}

fn text_row(
    ui: &mut egui::Ui,
    label: &str,
    value: &str,
    hint: &str,
    make: impl Fn(String) -> Action,
    actions: &mut Vec<Action>,
) {
    let l = ui.label(label);
    let mut v = value.to_string();
    let r = ui
        .add(
            egui::TextEdit::singleline(&mut v)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    if r.changed() {
        actions.push(make(v));
    }
}

fn client(ui: &mut egui::Ui, app: &PostureApp, actions: &mut Vec<Action>) {
    let s = &app.scenario;
    ui.label(style::heading("Client"));
    text_row(
        ui,
        "Client name",
        &s.client,
        "e.g. Société Générale — Zürich",
        Action::SetClient,
        actions,
    );
    text_row(
        ui,
        "Prepared by",
        &s.prepared_by,
        "Your name",
        Action::SetPreparedBy,
        actions,
    );
    text_row(
        ui,
        "Date (YYYY-MM-DD)",
        &s.date,
        "2026-11-28",
        Action::SetDate,
        actions,
    );
    if !s.date.is_empty()
        && let Err(m) = crate::model::Date::parse(&s.date)
    {
        ui.colored_label(ui.visuals().error_fg_color, m);
    }
    ui.horizontal(|ui| {
        ui.label("Audience:");
        if ui
            .radio(s.audience == Audience::ClientFacing, "Client-facing")
            .clicked()
        {
            actions.push(Action::SetAudience(Audience::ClientFacing));
        }
        if ui
            .radio(s.audience == Audience::Internal, "Internal")
            .clicked()
        {
            actions.push(Action::SetAudience(Audience::Internal));
        }
    });
    if s.audience == Audience::Internal {
        let l = ui.label("Internal notes");
        let mut notes = s.notes.clone();
        if ui
            .add(
                egui::TextEdit::multiline(&mut notes)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY)
                    .hint_text("Shown only in internal views and briefs"),
            )
            .labelled_by(l.id)
            .changed()
        {
            actions.push(Action::SetNotes(notes));
        }
    }
}

fn requirements(ui: &mut egui::Ui, app: &PostureApp, actions: &mut Vec<Action>) {
    ui.label(style::heading("Client requirements"));
    for r in &app.policy.requirements {
        let mut on = app.scenario.requirements.contains(&r.id);
        if ui
            .checkbox(&mut on, &r.title)
            .on_hover_text(&r.explain)
            .changed()
        {
            actions.push(Action::SetRequirement(r.id.clone(), on));
        }
        explain(ui, &r.explain);
    }
}

fn options(ui: &mut egui::Ui, app: &PostureApp, actions: &mut Vec<Action>) {
    ui.label(style::heading("Options"));
    for o in &app.assessment.options {
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
        if r.changed() {
            actions.push(Action::SetOption(o.id.clone(), on));
        }
        let line = match &o.inactive_reason {
            Some(reason) => reason.clone(),
            None => format!(
                "{} · applies to {}",
                o.requires_label,
                o.applies_to.join(", ")
            ),
        };
        explain(ui, &line);
    }
}

fn offerings(ui: &mut egui::Ui, app: &PostureApp, actions: &mut Vec<Action>) {
    ui.label(style::heading("Offerings compared"));
    let chosen = &app.scenario.offerings;
    // Chosen ones first, in their column order, with controls to move them; then the rest.
    for (i, id) in chosen.iter().enumerate() {
        let Some(o) = app.policy.offering(id) else {
            continue;
        };
        ui.horizontal(|ui| {
            let mut on = true;
            if ui
                .checkbox(&mut on, &o.name)
                .on_hover_text(&o.summary)
                .changed()
            {
                actions.push(Action::SetOffering(o.id.clone(), false));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let down = ui
                    .add_enabled(i + 1 < chosen.len(), egui::Button::new("→").small())
                    .on_hover_text("Move right");
                if down.clicked() {
                    actions.push(Action::MoveOffering(o.id.clone(), 1));
                }
                let up = ui
                    .add_enabled(i > 0, egui::Button::new("←").small())
                    .on_hover_text("Move left");
                if up.clicked() {
                    actions.push(Action::MoveOffering(o.id.clone(), -1));
                }
            });
        });
    }
    for o in app
        .policy
        .offerings
        .iter()
        .filter(|o| !chosen.contains(&o.id))
    {
        let mut on = false;
        if ui
            .checkbox(&mut on, &o.name)
            .on_hover_text(&o.summary)
            .changed()
        {
            actions.push(Action::SetOffering(o.id.clone(), true));
        }
    }
}

fn explain(ui: &mut egui::Ui, text: &str) {
    ui.indent(text, |ui| {
        ui.add(egui::Label::new(egui::RichText::new(text).small().weak()).wrap());
    });
}
