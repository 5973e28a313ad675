//! Above the table and the side panel: the row filter, "Show only differences", the side
//! panel's tabs, which sources the table reads, the legend of its marks and the count of rows
//! shown. On a client's screen (presentation), only the dispute count, the tabs and a fuller
//! legend.
//!
//! It spans the table and the side panel together, with the panel's tabs at its right end,
//! over the panel: opening or closing the panel moves nothing in it, and the tab that opened
//! the panel is where the pointer left it, ready to close it again.

use super::TableCache;
use crate::ui::actions::{Edit, SideTab};
use crate::ui::landmarks::{Landmarks, Part};
use crate::ui::{Action, State, style};

pub fn toolbar(
    ui: &mut egui::Ui,
    state: &State,
    cache: &TableCache,
    actions: &mut Vec<Action>,
    marks: &mut Landmarks,
) {
    if state.view.presentation {
        ui.horizontal(|ui| {
            view_summary(ui, state);
            if let Some(first) = panel_tabs(ui, state, actions) {
                marks.control(Part::Toolbar, &first);
            }
        });
        // On a client's screen every mark is explained, verdicts included, at body size: a
        // legend in small grey is unreadable on a projector.
        ui.horizontal_wrapped(|ui| {
            let item = |ui: &mut egui::Ui, t: &str| {
                ui.add(egui::Label::new(t).wrap_mode(egui::TextWrapMode::Extend));
            };
            item(ui, "✓ fits");
            item(ui, "≈ fits if its condition is met");
            item(ui, "✗ does not fit");
            item(ui, "? unknown — never read as a fit");
            ui.separator();
            legend(ui, state.prefs.dark, false);
        });
        ui.add_space(2.0);
        return;
    }
    // The first row: the filter at the left, the panel's tabs at the right; where both do not
    // fit, the tabs take a line of their own above the panel. The second row wraps, so a small
    // window clips nothing.
    const FILTER_W: f32 = 180.0;
    let spacing = &ui.style().spacing;
    let filter_w = text_width(ui, "Filter rows:")
        + FILTER_W
        + spacing.icon_width
        + spacing.icon_spacing
        + text_width(ui, "Show only differences")
        + 4.0 * spacing.item_spacing.x;
    let tabs_w = tabs_width(ui, &tab_list(state));
    let one_row = ui.available_width() >= filter_w + tabs_w;
    if !one_row {
        ui.horizontal(|ui| {
            panel_tabs(ui, state, actions);
        });
    }
    ui.horizontal(|ui| {
        let l = ui.label("Filter rows:");
        let mut f = state.view.filter.clone();
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut f)
                    .hint_text("e.g. retention")
                    .desired_width(FILTER_W),
            )
            .labelled_by(l.id);
        // Ctrl+F (Command::FilterRows) asks for the focus through the state, like the menu.
        if state.view.focus_filter {
            r.request_focus();
            actions.push(Action::FilterFocused);
        }
        // F6 enters the toolbar at the filter, whether or not the tabs are on a line above it.
        marks.control(Part::Toolbar, &r);
        if r.changed() {
            actions.push(Action::SetFilter(f));
        }
        let mut diff = state.prefs.only_differences;
        let c = ui.checkbox(&mut diff, "Show only differences");
        style::ring_if_focused(ui, &c);
        if c.changed() {
            actions.push(Action::SetOnlyDifferences(diff));
        }
        if one_row {
            panel_tabs(ui, state, actions);
        }
    });
    // The second row: which sources the table reads, and what its marks mean.
    ui.horizontal_wrapped(|ui| {
        view_as_of(ui, state, actions);
        ui.separator();
        legend(ui, state.prefs.dark, true);
        // The row count gives way to nothing else: it wraps with the row, never under a button.
        ui.separator();
        let shown = cache.rows_shown();
        ui.add(
            egui::Label::new(
                egui::RichText::new(format!(
                    "{} of {} rows · {} offerings",
                    shown,
                    state.assessment.rows.len(),
                    state.assessment.offerings.len()
                ))
                .small()
                .weak(),
            )
            .wrap_mode(egui::TextWrapMode::Extend),
        );
    });
    ui.add_space(2.0);
}

/// The side panel's tabs, with their labels.
fn tab_list(state: &State) -> Vec<(SideTab, String)> {
    let mut tabs = vec![
        (SideTab::Details, "Details".to_string()),
        (
            SideTab::Caveats,
            format!("Caveats & actions ({})", state.assessment.caveats.len()),
        ),
        (SideTab::Sources, "Sources".to_string()),
    ];
    if state.since_brief.is_some() {
        tabs.push((
            SideTab::Changes,
            format!("Changes ({})", state.changes.len()),
        ));
    }
    tabs
}

/// How wide `text` is in the buttons' font.
fn text_width(ui: &egui::Ui, text: &str) -> f32 {
    let font = egui::TextStyle::Button.resolve(ui.style());
    ui.fonts_mut(|f| {
        f.layout_no_wrap(text.to_string(), font, egui::Color32::PLACEHOLDER)
            .size()
            .x
    })
}

/// The width the tabs take in a row.
fn tabs_width(ui: &egui::Ui, tabs: &[(SideTab, String)]) -> f32 {
    let spacing = &ui.style().spacing;
    let pad = 2.0 * spacing.button_padding.x + spacing.item_spacing.x;
    tabs.iter().map(|(_, l)| text_width(ui, l) + pad).sum()
}

/// The side panel's tabs, right-aligned: each opens the panel on its tab, and closes the
/// panel when that tab is already showing. Laid out left to right after a gap, so that Tab
/// visits them in the order they read.
/// The first tab's button, if any.
fn panel_tabs(
    ui: &mut egui::Ui,
    state: &State,
    actions: &mut Vec<Action>,
) -> Option<egui::Response> {
    let tabs = tab_list(state);
    let gap = ui.available_width() - tabs_width(ui, &tabs);
    ui.add_space(gap.max(0.0));
    let mut first = None;
    for (tab, label) in tabs {
        let showing = state.view.side_open && state.view.side_tab == tab;
        let b = ui
            .add(egui::Button::new(label).selected(showing))
            .on_hover_text(if showing {
                "Close the panel (Esc)"
            } else {
                "Show in the side panel"
            });
        if b.clicked() {
            actions.push(if showing {
                Action::CloseSidePanel
            } else {
                Action::SetSideTab(tab)
            });
        }
        first.get_or_insert(b);
    }
    first
}

fn legend(ui: &mut egui::Ui, dark: bool, small: bool) {
    // Each item stays whole: a wrapping row moves an item to the next line, never half of it.
    let item = |ui: &mut egui::Ui, t: egui::RichText| {
        ui.add(egui::Label::new(t).wrap_mode(egui::TextWrapMode::Extend));
    };
    let sized = |t: &str| {
        let t = egui::RichText::new(t);
        if small { t.small() } else { t }
    };
    item(
        ui,
        if small {
            sized("◆ changed by an option").weak()
        } else {
            sized("◆ changed by an option")
        },
    );
    item(
        ui,
        sized("● past its review date").color(style::stale_color(dark)),
    );
    item(
        ui,
        sized("≠ Sources disagree").color(style::disputed_colors(dark).1),
    );
}

/// "View as of": which sources the table reads. A scenario edit, so it is saved and undoable.
fn view_as_of(ui: &mut egui::Ui, state: &State, actions: &mut Vec<Action>) {
    use crate::model::SourceKind;
    let label = ui.label("Sources:");
    let current = &state.doc.scenario.sources;
    // The first-hand sources: the vendor's and the cloud providers' own documentation.
    let first_hand: Vec<String> = state
        .policy
        .sources
        .iter()
        .filter(|s| s.kind != SourceKind::ThirdPartySummary)
        .map(|s| s.id.clone())
        .collect();
    let only_first_hand = !current.is_empty()
        && current.len() == first_hand.len()
        && first_hand.iter().all(|id| current.contains(id));
    let selected_text = if state.assessment.view.all {
        "All sources".to_string()
    } else if only_first_hand {
        "Vendor and cloud documentation only".to_string()
    } else {
        state.assessment.view.short_label.clone()
    };
    egui::ComboBox::from_id_salt("view-as-of")
        .selected_text(selected_text)
        // A fixed width, the chosen text cut to it: choosing a source never moves the toolbar.
        .width(260.0)
        .truncate()
        .height(520.0)
        .show_ui(ui, |ui| {
            ui.set_min_width(420.0);
            if ui
                .selectable_label(current.is_empty(), "All sources (disputes flagged)")
                .clicked()
                && !current.is_empty()
            {
                actions.push(Action::Edit(Edit::Sources(Vec::new())));
            }
            if !first_hand.is_empty()
                && ui
                    .selectable_label(only_first_hand, "Vendor and cloud documentation only")
                    .on_hover_text("The vendor's and the cloud providers' own pages: first-hand")
                    .clicked()
                && !only_first_hand
            {
                actions.push(Action::Edit(Edit::Sources(first_hand.clone())));
            }
            for kind in [
                SourceKind::ThirdPartySummary,
                SourceKind::VendorDocumentation,
                SourceKind::VendorLegalTerms,
                SourceKind::CloudProviderDocumentation,
            ] {
                let of_kind: Vec<_> = state
                    .policy
                    .sources
                    .iter()
                    .filter(|s| s.kind == kind)
                    .collect();
                if of_kind.is_empty() {
                    continue;
                }
                ui.separator();
                ui.label(egui::RichText::new(kind.label()).small().weak());
                for s in of_kind {
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
            }
        })
        .response
        .labelled_by(label.id);
    // As wide as a two-digit count, so that the legend after it stays put as the count changes
    // (from "11 values" to "8 values" when an offering is unticked).
    let room = text_width(ui, "≠ Sources disagree: 88 values");
    ui.scope(|ui| {
        ui.set_min_width(room);
        view_summary(ui, state);
    });
}

/// The dispute count, in the dispute colour, or a word that there is none.
fn view_summary(ui: &mut egui::Ui, state: &State) {
    let n = state.assessment.disputes.len();
    if n > 0 {
        let (_, fg) = style::disputed_colors(state.prefs.dark);
        // One piece: the count never splits across lines.
        ui.add(
            egui::Label::new(
                egui::RichText::new(format!(
                    "≠ Sources disagree: {n}\u{a0}{}",
                    if n == 1 { "value" } else { "values" }
                ))
                .color(fg)
                .strong(),
            )
            .wrap_mode(egui::TextWrapMode::Extend),
        )
        .on_hover_text("The sources read give different values for these cells. Hover a ≠ cell for each source's words.");
    }
    let left_out = state.assessment.view.disputes_not_read;
    if left_out > 0 {
        ui.label(
            egui::RichText::new(format!(
                "{left_out} dispute{} not shown in this view",
                if left_out == 1 { "" } else { "s" }
            ))
            .small(),
        )
        .on_hover_text("Read all sources to see where they disagree.");
    }
}
