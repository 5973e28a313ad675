//! "Review sources": each source by its review date, its quotes and what rests on each, the last
//! re-check's findings inline, and the buttons of the monthly review.

use egui::{Color32, RichText};

use crate::model::QuoteStatus;
use crate::recheck::{SourceReport, SourceState};
use crate::ui::actions::{Action, PathPurpose, ReviewAction};
use crate::ui::state::{Review, State};

pub fn show(ctx: &egui::Context, state: &State, actions: &mut Vec<Action>) {
    let Some(review) = &state.review else { return };
    let screen = ctx.content_rect();
    let mut open = true;
    egui::Window::new("Review sources")
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_size([(screen.width() - 80.0).min(960.0), screen.height() - 120.0])
        .max_size([screen.width() - 16.0, screen.height() - 40.0])
        .default_pos([40.0, 48.0])
        .show(ctx, |ui| {
            header(ui, state, review, actions);
            ui.separator();
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| sources(ui, state, review, actions));
        });
    if !open {
        actions.push(Action::Review(ReviewAction::Close));
    }
}

fn header(ui: &mut egui::Ui, state: &State, review: &Review, actions: &mut Vec<Action>) {
    let set = &state.policy;
    let builtin = state.prefs.policy_path.is_none();
    ui.label(format!(
        "Policy set: {} {} — {}",
        set.meta.name,
        set.meta.version,
        if builtin { "built-in" } else { &set.origin }
    ));
    if builtin {
        ui.label(
            RichText::new(
                "The built-in set is read-only: saving the review writes a copy to a folder you \
                 choose, and that copy becomes the set in use.",
            )
            .weak(),
        );
    }
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Reviewer:");
        let mut name = state.prefs.reviewer.clone();
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut name)
                    .desired_width(180.0)
                    .hint_text("your name"),
            )
            .labelled_by(label.id);
        if field.changed() {
            actions.push(Action::Review(ReviewAction::Reviewer(name)));
        }
        ui.separator();
        match review.running {
            Some((done, total)) => {
                ui.spinner();
                ui.label(format!("Re-checking: {done} of {total} pages…"));
                if ui.button("Cancel").clicked() {
                    actions.push(Action::Review(ReviewAction::Cancel));
                }
            }
            None => {
                if ui
                    .button("Re-check all now")
                    .on_hover_text("Fetch every source's page and look for each quote (network)")
                    .clicked()
                {
                    actions.push(Action::Review(ReviewAction::Recheck(Vec::new())));
                }
                if ui
                    .button("Check saved copies…")
                    .on_hover_text(
                        "For pages behind a login or built by JavaScript: a folder of pages saved \
                         from a browser, named <source-id>.html, .txt, .md or .pdf",
                    )
                    .clicked()
                {
                    actions.push(Action::AskPath(PathPurpose::SavedCopies));
                }
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let n = review.evidence.len();
        let save = ui.add_enabled(
            n > 0 && review.running.is_none(),
            egui::Button::new("Save as a new version of the policy set…"),
        );
        let save = if n == 0 {
            save.on_disabled_hover_text("Re-check a source or mark one reviewed first")
        } else {
            save
        };
        if save.clicked() {
            actions.push(Action::Review(ReviewAction::SaveVersion(None)));
        }
        ui.label(format!(
            "{n} source check{} to save",
            if n == 1 { "" } else { "s" }
        ));
        if !review.status.is_empty() {
            ui.separator();
            ui.label(&review.status);
        }
    });
}

fn sources(ui: &mut egui::Ui, state: &State, review: &Review, actions: &mut Vec<Action>) {
    // By review date: the most overdue first.
    let mut order: Vec<&crate::engine::SourceStatus> = state.assessment.sources.iter().collect();
    order.sort_by(|a, b| a.review_due.cmp(&b.review_due).then(a.id.cmp(&b.id)));
    let warn = ui.visuals().warn_fg_color;
    let bad = ui.visuals().error_fg_color;
    for s in order {
        let quotes = review
            .quotes
            .iter()
            .find(|(id, _)| *id == s.id)
            .map(|(_, q)| q.as_slice())
            .unwrap_or(&[]);
        let result = review.results.get(&s.id);
        let mut title = format!(
            "{} — {} · checked {} · {} quote{}",
            s.short,
            s.review_state(),
            s.verification.how.phrase(),
            quotes.len(),
            if quotes.len() == 1 { "" } else { "s" }
        );
        if let Some(r) = result {
            title.push_str(&format!(" · re-check: {}", r.status.label()));
        }
        let colour = match result.map(|r| r.status) {
            Some(SourceState::Changed) => Some(bad),
            Some(SourceState::Unreachable) => Some(warn),
            _ if s.stale_by_days.is_some() => Some(warn),
            _ => None,
        };
        let text = match colour {
            Some(c) => RichText::new(title).color(c),
            None => RichText::new(title),
        };
        egui::CollapsingHeader::new(text)
            // A new id once a result arrives, so that a changed source opens by itself.
            .id_salt(("review-source", &s.id, result.map(|r| r.status.label())))
            .default_open(result.is_some_and(|r| r.status == SourceState::Changed))
            .show(ui, |ui| {
                source_body(ui, s, quotes, result, review, actions);
            });
    }
}

fn source_body(
    ui: &mut egui::Ui,
    s: &crate::engine::SourceStatus,
    quotes: &[(String, Vec<crate::recheck::uses::Use>)],
    result: Option<&SourceReport>,
    review: &Review,
    actions: &mut Vec<Action>,
) {
    ui.add(egui::Label::new(format!("{} · {} · {}", s.title, s.publisher, s.kind_label)).wrap());
    ui.add(egui::Label::new(format!("Last verified: {}", s.verification.describe())).wrap());
    ui.horizontal_wrapped(|ui| {
        if !s.url.is_empty() {
            let link = ui.hyperlink_to("Open page", &s.url).on_hover_text(&s.url);
            crate::ui::style::ring_if_focused(ui, &link);
        }
        let idle = review.running.is_none();
        if ui
            .add_enabled(idle, egui::Button::new("Re-check now"))
            .clicked()
        {
            actions.push(Action::Review(ReviewAction::Recheck(vec![s.id.clone()])));
        }
        if ui
            .button("Mark reviewed")
            .on_hover_text("You checked every quote below on the page yourself: recorded by hand, under your name")
            .clicked()
        {
            actions.push(Action::Review(ReviewAction::MarkReviewed(s.id.clone())));
        }
    });
    if let Some(r) = result {
        let how = match (r.how, r.http_status) {
            ("saved", _) if r.final_url.is_empty() => String::new(),
            ("saved", _) => format!("; saved copy {}", r.final_url),
            (_, Some(code)) => format!("; {} (HTTP {code})", r.final_url),
            (_, None) => format!("; {}", r.url),
        };
        ui.add(
            egui::Label::new(format!(
                "Re-check: {} — {}{how}",
                r.status.label(),
                r.message
            ))
            .wrap(),
        );
    }
    let good = Color32::from_rgb(0x2e, 0x8b, 0x57);
    let bad = ui.visuals().error_fg_color;
    let warn = ui.visuals().warn_fg_color;
    for (quote, uses) in quotes {
        let found = result.and_then(|r| r.quotes.iter().find(|q| &q.quote == quote));
        ui.add_space(4.0);
        let (mark, colour) = match found.map(|q| q.status) {
            Some(QuoteStatus::Found) => ("✓ found".to_string(), good),
            Some(QuoteStatus::Reworded) => (
                format!(
                    "≈ reworded ({:.0}% alike)",
                    found.map_or(0.0, |q| q.similarity) * 100.0
                ),
                warn,
            ),
            Some(QuoteStatus::Gone) => ("✗ gone".to_string(), bad),
            Some(QuoteStatus::NotChecked) => ("? not checked".to_string(), warn),
            None => (
                "· not re-checked yet".to_string(),
                ui.visuals().weak_text_color(),
            ),
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(mark).color(colour).strong());
            ui.add(egui::Label::new(format!("“{quote}”")).wrap());
        });
        if let Some(q) = found
            && !q.passage.is_empty()
            && q.status != QuoteStatus::Found
        {
            let label = if q.status == QuoteStatus::Reworded {
                "The page now reads"
            } else {
                "Closest passage"
            };
            ui.indent(("passage", quote), |ui| {
                ui.add(egui::Label::new(format!("{label}: “{}”", q.passage)).wrap());
                if !q.diff.is_empty() {
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("Word diff: {}", q.diff)).monospace(),
                        )
                        .wrap(),
                    );
                }
            });
        }
        let lost: Vec<&str> = found
            .map(|q| {
                q.used_by
                    .iter()
                    .filter(|u| u.loses_only_support)
                    .map(|u| u.label.as_str())
                    .collect()
            })
            .unwrap_or_default();
        ui.indent(("uses", quote), |ui| {
            let rests: Vec<String> = uses
                .iter()
                .map(|u| format!("{} ({})", u.label, u.kind.label()))
                .collect();
            ui.add(
                egui::Label::new(
                    RichText::new(format!("Rests on it: {}", rests.join("; "))).weak(),
                )
                .wrap(),
            );
            for l in lost {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!("✗ {l} loses its only supporting quote")).color(bad),
                    )
                    .wrap(),
                );
            }
        });
    }
}
