//! The real widgets, driven by label with egui_kittest.

use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, By, NodeT, Queryable};
use posture::model::{Audience, Date, load_builtin};
use posture::ui::{PostureApp, style};

/// An app reading the Cowork page only, so labels are the page's words (tests/sources.rs covers
/// what the other sources say); `app_all` reads every source, as the app does by default.
fn app(offerings: &[&str], options: &[&str], requirements: &[&str]) -> PostureApp {
    let mut app = app_all(offerings, options, requirements);
    app.apply(
        &egui::Context::default(),
        posture::ui::Action::Edit(posture::ui::Edit::Sources(vec!["cowork-page".into()])),
    );
    app
}

fn app_all(offerings: &[&str], options: &[&str], requirements: &[&str]) -> PostureApp {
    let mut app = PostureApp::new(load_builtin().unwrap(), Date::parse("2026-11-28").unwrap());
    app.native_dialogs = false;
    let ctx = egui::Context::default();
    let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    app.state.doc.scenario.offerings = ids(offerings);
    app.state.doc.scenario.options = ids(options);
    app.state.doc.scenario.requirements = ids(requirements);
    // Through the action path, so the assessment is rebuilt exactly as in the app.
    app.apply(
        &ctx,
        posture::ui::Action::Edit(posture::ui::Edit::Client("Test client".into())),
    );
    app
}

fn harness(app: PostureApp) -> Harness<'static, PostureApp> {
    harness_sized(app, 1440.0)
}

/// Wide enough to show seven offering columns side by side.
fn harness_sized(app: PostureApp, width: f32) -> Harness<'static, PostureApp> {
    harness_window(app, width, 1800.0)
}

/// A window of the user's size (1280 × 720, 1024 × 768), where panels scroll.
fn harness_window(app: PostureApp, width: f32, height: f32) -> Harness<'static, PostureApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_context_setup(style::install)
        .build_ui_state(|ui, app: &mut PostureApp| app.show(ui), app);
    h.run_steps(3);
    h
}

#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Clicks a widget (the window is tall enough that the whole side panel is on screen).
fn click(h: &mut Harness<'_, PostureApp>, role: Role, label: &str) {
    h.get_by_role_and_label(role, label).click();
    h.run_steps(2);
}

/// Table cells and verdicts are named "row, column: value" (so a screen reader says where the
/// focus is). Tests name them by their value alone ("~5 years (default)", a cell) or by row and
/// value ("Zero retention: ✓ Fits", a verdict, in whichever column); other widgets by label.
fn names(node: &AccessKitNode<'_>, label: &str) -> bool {
    let Some(name) = node.label() else {
        return false;
    };
    if name == label {
        return true;
    }
    if let Some((row, value)) = label.split_once(": ")
        && name.starts_with(&format!("{row}, "))
        && name.ends_with(&format!(": {value}"))
        && !value.contains(": ")
    {
        return true;
    }
    node.role() == Role::Cell && name.ends_with(&format!(": {label}"))
}

fn count(h: &Harness<'_, PostureApp>, label: &str) -> usize {
    h.query_all(By::new().predicate(|n| names(n, label)))
        .count()
}

/// The table cell or verdict `label` names (see [`names`]).
fn place<'h>(h: &'h Harness<'_, PostureApp>, label: &'h str) -> egui_kittest::Node<'h> {
    h.get(By::new().predicate(move |n| names(n, label)))
}

#[test]
fn zero_retention_contract_flips_the_enterprise_cell_and_verdict() {
    let mut h = harness(app(&["enterprise", "pro"], &[], &["zero-retention"]));
    assert_eq!(
        count(&h, "Org-controlled (zero retention available by contract)"),
        1
    );
    assert_eq!(
        count(
            &h,
            "Zero retention: ≈ Fits with conditions — fits if “Zero-retention contract” is switched on"
        ),
        1
    );
    assert_eq!(count(&h, "Zero retention: ✓ Fits"), 0);

    click(&mut h, Role::CheckBox, "Zero-retention contract");
    assert!(
        h.state()
            .state
            .doc
            .scenario
            .options
            .contains(&"zero-retention".to_string())
    );
    assert_eq!(
        count(&h, "Zero — contractual"),
        1,
        "the Enterprise retention cell reads zero"
    );
    assert_eq!(count(&h, "Zero retention: ✓ Fits"), 1);
    // Pro is unaffected: it still does not fit.
    assert_eq!(count(&h, "Zero retention: ✗ Does not fit"), 1);
}

#[test]
fn no_vendor_hosted_inference_leaves_only_bedrock_and_vertex() {
    let mut h = harness_sized(app(crate::common::ALL, &[], &[]), 2100.0);
    assert_eq!(count(&h, "No vendor-hosted inference: ✓ Fits"), 0);
    click(&mut h, Role::CheckBox, "No vendor-hosted inference");
    assert_eq!(count(&h, "No vendor-hosted inference: ✓ Fits"), 2);
    assert_eq!(count(&h, "No vendor-hosted inference: ✗ Does not fit"), 5);
    let a = &h.state().state.assessment;
    let fits: Vec<&str> = a.requirements[0]
        .verdicts
        .iter()
        .filter(|v| v.kind == posture::model::VerdictKind::Fits)
        .map(|v| v.offering.as_str())
        .collect();
    assert_eq!(fits, ["bedrock", "vertex"]);
}

#[test]
fn hiding_an_offering_removes_its_column() {
    let mut h = harness(app(&["enterprise", "foundry"], &[], &[]));
    assert_eq!(
        h.query_all_by_role_and_label(Role::ColumnHeader, "Microsoft Foundry (preview)")
            .count(),
        1
    );
    let checkbox = h.get_by_role_and_label(Role::CheckBox, "Microsoft Foundry (preview)");
    assert_eq!(checkbox.accesskit_node().toggled(), Some(Toggled::True));
    click(&mut h, Role::CheckBox, "Microsoft Foundry (preview)");
    assert_eq!(
        h.query_all_by_role_and_label(Role::ColumnHeader, "Microsoft Foundry (preview)")
            .count(),
        0
    );
    assert_eq!(
        h.query_all_by_role_and_label(Role::ColumnHeader, "Enterprise")
            .count(),
        1
    );
    assert_eq!(h.state().state.doc.scenario.offerings, ["enterprise"]);
}

#[test]
fn presentation_mode_hides_internal_notes_and_editing() {
    let mut a = app(&["pro", "foundry"], &[], &[]);
    a.state.doc.scenario.audience = Audience::Internal;
    a.apply(
        &egui::Context::default(),
        posture::ui::Action::Edit(posture::ui::Edit::Notes("Push Team before wave two".into())),
    );
    let mut h = harness(a);
    h.get_by_label_contains("Caveats & actions (").click();
    h.run_steps(2);
    assert!(
        h.query_by_label("Redirect the Foundry conversation")
            .is_some()
    );
    assert!(h.query_by_label("Push Team before wave two").is_some());
    assert!(h.query_by_label("Client name").is_some());

    h.key_press(egui::Key::F5);
    h.run_steps(2);
    assert!(h.state().state.view.presentation);
    assert!(
        h.query_by_label("Redirect the Foundry conversation")
            .is_none(),
        "internal note shown on a client's screen"
    );
    assert!(h.query_by_label("Push Team before wave two").is_none());
    assert!(
        h.query_by_label("Client name").is_none(),
        "editing chrome in presentation mode"
    );
    // Entering presentation closes the side panel; the user opens the caveats on purpose.
    h.get_by_label_contains("Caveats & actions (").click();
    // It opens as a floating window: sized in its first frame, shown in the next.
    h.run_steps(4);
    assert!(
        h.query_by_label("Redirect the Foundry conversation")
            .is_none()
    );
    // F32 is advice for clients: it stays on their screen.
    assert!(
        h.query_by_label("Upgrade to Team or Enterprise before scale")
            .is_some()
    );
    assert!(
        h.query_by_label("Foundry is not a residency answer")
            .is_some(),
        "client-facing caveats stay"
    );

    // Esc closes the innermost thing first: the panel, then presentation mode.
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().state.view.presentation && !h.state().state.view.side_open);
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(
        !h.state().state.view.presentation,
        "Escape leaves presentation mode"
    );
}

#[test]
fn broken_policy_file_shows_errors_and_keeps_the_previous_set() {
    let dir = std::env::temp_dir().join(format!("posture-ui-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("set.ron"),
        "(\n  meta: (name: \"Broken\", version: \"1\"),\n  sources: [ (id: \"x\" ]\n)\n",
    )
    .unwrap();
    let mut h = harness(app(&["enterprise"], &[], &[]));
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(dir.clone())));
    h.run_steps(3);
    assert_eq!(
        h.state().state.policy_errors.len(),
        1,
        "{:?}",
        h.state().state.policy_errors
    );
    assert!(
        h.query_by_label_contains("Policy set not loaded: 1 error")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("set.ron:3:").is_some(),
        "error located by file:line:column"
    );
    // The table still shows the built-in set.
    assert_eq!(
        h.state().state.policy.meta.name,
        "Claude Cowork — data residency & retention"
    );
    assert_eq!(
        h.query_all_by_role_and_label(Role::ColumnHeader, "Enterprise")
            .count(),
        1
    );
    h.get_by_label("Dismiss errors").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("Policy set not loaded").is_none());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn undo_and_redo_restore_the_previous_state() {
    let mut h = harness(app(&["pro"], &[], &["no-training"]));
    let before = h.state().state.doc.scenario.clone();
    click(&mut h, Role::CheckBox, "Training opt-out on for every user");
    assert_eq!(count(&h, "30 days (opt-out on)"), 1);
    // Only with conditions: the opt-out applies forward, from before any real data.
    assert_eq!(
        count(&h, "No training on our data: ≈ Fits with conditions"),
        1
    );

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().state.doc.scenario, before);
    assert_eq!(count(&h, "30 days (opt-out on)"), 0);
    assert_eq!(count(&h, "~5 years (default)"), 1);

    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run_steps(2);
    assert_eq!(count(&h, "30 days (opt-out on)"), 1);
}

#[test]
fn clicking_a_cell_shows_its_source_and_typing_is_one_undo_step() {
    let mut h = harness(app(&["pro", "team"], &[], &[]));
    place(&h, "~5 years (default)").click();
    h.run_steps(2);
    assert!(h.query_by_label("§ Retention by plan — Pro").is_some());
    assert!(
        h.query_by_label("⚠ Verified 2026-04-28 — review overdue by 184 days")
            .is_some()
    );

    let runs = h.state().assess_runs;
    h.run_steps(5);
    assert_eq!(
        h.state().assess_runs,
        runs,
        "assess runs on change, not every frame"
    );

    h.get_by_label("Client name").click();
    h.run_steps(1);
    h.get_by_label("Client name").type_text(" Zürich → ≈");
    h.run_steps(2);
    assert_eq!(
        h.state().state.doc.scenario.client,
        "Test client Zürich → ≈"
    );
    assert!(
        h.state().state.title().starts_with("● "),
        "unsaved mark in the title"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().state.doc.scenario.client, "Test client");
}

#[test]
fn options_that_do_not_apply_are_disabled_with_a_reason() {
    let mut h = harness(app(&["pro", "max"], &[], &[]));
    let zr = h.get_by_role_and_label(Role::CheckBox, "Zero-retention contract");
    assert!(zr.accesskit_node().is_disabled());
    // The reason is in the hover; the line under the option stays as it always reads.
    zr.hover();
    h.run_steps(3);
    let reason = By::new().predicate(|n| {
        n.label()
            .or_else(|| n.value())
            .is_some_and(|t| t.contains("Applies only to Enterprise"))
    });
    assert!(h.query_all(reason).count() >= 1);
    let opt = h.get_by_role_and_label(Role::CheckBox, "Training opt-out on for every user");
    assert!(!opt.accesskit_node().is_disabled());
}

#[test]
fn save_and_open_round_trip_through_the_path_field() {
    let dir = std::env::temp_dir().join(format!("posture-ui-save-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("client.ron");
    let mut h = harness(app(
        &["enterprise", "bedrock"],
        &["region-pinning"],
        &["strict-eu-residency"],
    ));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run_steps(2);
    // No native dialog here: the in-app path field appears.
    assert!(h.query_by_label("Save scenario as").is_some());
    h.state_mut().state.path_prompt.as_mut().unwrap().text = file.display().to_string();
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(file.exists());
    assert!(!h.state().state.doc.dirty());
    assert_eq!(
        posture::model::Scenario::load(&file).unwrap(),
        h.state().state.doc.scenario
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn theme_and_differences_shortcuts() {
    let mut h = harness(app(&["bedrock", "vertex"], &[], &[]));
    assert!(!h.state().state.prefs.dark);
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::T,
    );
    h.run_steps(2);
    assert!(h.state().state.prefs.dark);
    assert!(
        h.query_by_role_and_label(Role::RowHeader, "Retention")
            .is_some()
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::D);
    h.run_steps(2);
    assert!(h.state().state.prefs.only_differences);
    // Bedrock and Vertex AI keep data for the same time: that row is hidden; billing differs.
    assert!(
        h.query_by_role_and_label(Role::RowHeader, "Retention")
            .is_none()
    );
    assert!(
        h.query_by_role_and_label(Role::RowHeader, "Billed through")
            .is_some()
    );
}

#[test]
fn export_brief_runs_off_the_ui_thread_and_notifies() {
    let dir = std::env::temp_dir().join(format!("posture-ui-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("brief.pdf");
    let mut h = harness(app(
        &["enterprise", "bedrock"],
        &["region-pinning"],
        &["strict-eu-residency"],
    ));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run_steps(2);
    assert!(
        h.query_by_label("Export brief (PDF)").is_some(),
        "path field offered"
    );
    h.state_mut().state.path_prompt.as_mut().unwrap().text = file.display().to_string();
    h.get_by_label("OK").click();
    h.run_steps(1);
    let started = std::time::Instant::now();
    while h.query_by_label_contains("Brief exported to").is_none()
        && started.elapsed().as_secs() < 20
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run_steps(1);
    }
    assert!(h.query_by_label_contains("Brief exported to").is_some());
    assert!(h.query_by_label("Open").is_some() && h.query_by_label("Show in folder").is_some());
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"%PDF"));

    // A folder that does not exist: an error notification, and nothing written.
    let bad = dir.join("missing/brief.pdf");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run_steps(2);
    h.state_mut().state.path_prompt.as_mut().unwrap().text = bad.display().to_string();
    h.get_by_label("OK").click();
    let started = std::time::Instant::now();
    while h.query_by_label_contains("Export failed").is_none() && started.elapsed().as_secs() < 20 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run_steps(1);
    }
    assert!(h.query_by_label_contains("Export failed").is_some());
    assert!(!bad.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn filter_rows_from_the_view_menu() {
    let mut h = harness(app(&["pro", "team"], &[], &[]));
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label_contains("Filter rows…").click();
    h.run_steps(3);
    assert!(
        h.get_by_label("Filter rows:").is_focused(),
        "the menu item puts the cursor in the filter"
    );
    h.get_by_label("Filter rows:").type_text("retention");
    h.run_steps(2);
    assert_eq!(h.state().state.view.filter, "retention");
    assert!(
        h.query_by_role_and_label(Role::RowHeader, "Retention")
            .is_some()
    );
    assert!(
        h.query_by_role_and_label(Role::RowHeader, "Billed through")
            .is_none()
    );
}

#[test]
fn dropping_a_scenario_file_opens_it() {
    let mut h = harness(app(&["pro"], &[], &[]));
    // Saved state first, so opening does not ask about unsaved changes.
    let saved = std::env::temp_dir().join(format!("posture-ui-drop-{}.ron", std::process::id()));
    h.state_mut().apply(
        &egui::Context::default(),
        posture::ui::Action::SaveScenarioTo(saved.clone()),
    );
    let example = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/examples/eu-bank.ron"
    ));
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(example)));
    h.run_steps(3);
    assert_eq!(
        h.state().state.doc.scenario.client,
        "Banque Lumière — Luxembourg"
    );
    assert_eq!(h.query_all_by_role(Role::ColumnHeader).count(), 4);
    assert!(h.state().state.policy_errors.is_empty());

    // Under an open question, a drop waits for the answer instead of opening unasked.
    h.get_by_label("Client name").click();
    h.run_steps(1);
    h.get_by_label("Client name").type_text(" (edited)");
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(saved.clone())));
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("Answer the open question first")
            .is_some()
    );
    assert!(
        h.state().state.doc.scenario.client.contains("(edited)"),
        "the edited document is still the one shown"
    );
    assert!(h.query_by_label("Unsaved changes").is_some());
    std::fs::remove_file(&saved).unwrap();
}

#[test]
fn new_scenario_with_unsaved_changes_asks_first() {
    let mut h = harness(app(&["pro"], &[], &[]));
    assert!(
        h.state().state.doc.dirty(),
        "the test client name is an unsaved change"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved changes").is_none());
    assert_eq!(
        h.state().state.doc.scenario.client,
        "Test client",
        "cancel keeps the work"
    );

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run_steps(2);
    h.get_by_label("Don't save").click();
    h.run_steps(2);
    assert_eq!(h.state().state.doc.scenario.client, "");
    assert_eq!(
        h.state().state.doc.scenario.offerings.len(),
        7,
        "a new scenario compares every offering"
    );
    assert!(!h.state().state.doc.dirty());
}

#[test]
fn a_dispute_is_marked_and_the_view_as_of_switches_sources() {
    let mut h = harness(app_all(&["enterprise", "pro"], &[], &["zero-retention"]));
    // Every source is read by default: the page says ZDR is negotiable on Enterprise, the vendor's
    // documentation that Cowork is not covered. The verdict is never good.
    assert_eq!(count(&h, "Zero retention: ≠ Sources disagree"), 1);
    assert_eq!(count(&h, "Zero retention: ≈ Fits with conditions"), 0);
    assert!(h.query_by_label_contains("≠ Sources disagree: ").is_some());
    // The disputed cell opens the claims side by side, newest first, with the words and a link.
    place(
        &h,
        "Not for Cowork — Cowork sessions are not covered by ZDR",
    )
    .click();
    h.run_steps(2);
    assert!(
        h.query_by_label("≠ Sources disagree on this value")
            .is_some()
    );
    assert!(
        h.query_by_label("“Cowork sessions are not covered by ZDR.”")
            .is_some()
    );
    assert!(h.query_by_label("“zero-retention is contracted”").is_some());
    assert!(h.query_all_by_label_contains("checked 2026-11-28").count() >= 2);
    assert!(
        h.query_all_by_label_contains("page dated 2026-04-28")
            .count()
            >= 1
    );
    assert!(h.query_all_by_label("Open the page in the browser").count() >= 2);
    // The verdict's details show each source's reading.
    place(&h, "Zero retention: ≠ Sources disagree").click();
    h.run_steps(2);
    assert!(h.query_by_label("Each source's reading").is_some());
    assert!(
        h.query_by_label("As Tinkso (third-party page) reads it (184 days past its review)")
            .is_some()
    );

    // View as of: the page alone.
    h.get_by_role(Role::ComboBox).click();
    h.run_steps(2);
    h.get_by_label("Only Tinkso (third-party page) (page dated 2026-04-28)")
        .click();
    h.run_steps(2);
    assert_eq!(h.state().state.doc.scenario.sources, ["cowork-page"]);
    assert_eq!(
        count(
            &h,
            "Zero retention: ≈ Fits with conditions — fits if “Zero-retention contract” is switched on"
        ),
        1
    );
    assert_eq!(count(&h, "Zero retention: ≠ Sources disagree"), 0);
    assert!(h.query_by_label_contains("≠ Sources disagree: ").is_none());
    // It is a scenario edit: undo brings every source back.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert!(h.state().state.doc.scenario.sources.is_empty());
    assert_eq!(count(&h, "Zero retention: ≠ Sources disagree"), 1);
}

#[test]
fn presentation_mode_keeps_disputes_visible() {
    let mut h = harness(app_all(
        &["enterprise", "bedrock"],
        &["region-pinning"],
        &["strict-eu-residency"],
    ));
    h.key_press(egui::Key::F5);
    h.run_steps(2);
    assert!(h.state().state.view.presentation);
    // A client's screen never shows the pinned Enterprise as a fit while the sources disagree.
    assert_eq!(count(&h, "Strict EU residency: ≠ Sources disagree"), 1);
    assert_eq!(count(&h, "Strict EU residency: ✓ Fits"), 0);
    assert!(h.query_by_label_contains("≠ Sources disagree: ").is_some());
}

/// Waits (in real time, the export runs on a thread) for a notification containing `text`.
fn wait_for(h: &mut Harness<'_, PostureApp>, text: &str) -> bool {
    let started = std::time::Instant::now();
    while h.query_by_label_contains(text).is_none() && started.elapsed().as_secs() < 20 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run_steps(1);
    }
    h.query_by_label_contains(text).is_some()
}

/// Ctrl+E, Ctrl+A, the path typed, Enter: no mouse.
fn export_by_keyboard(h: &mut Harness<'_, PostureApp>, path: &std::path::Path) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run_steps(1);
    h.event(egui::Event::Text(path.display().to_string()));
    h.run_steps(1);
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
}

#[test]
fn a_brief_is_exported_from_the_keyboard_and_never_over_a_file_unasked() {
    let dir = std::env::temp_dir().join(format!("posture-ui-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("brief.pdf");
    let mut h = harness(app(&["enterprise", "bedrock"], &[], &["no-training"]));

    // The suggested name says who the brief is for.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run_steps(2);
    let suggested = h.state().state.path_prompt.as_ref().unwrap().text.clone();
    assert!(
        suggested.ends_with("Test client brief 2026-11-28.pdf"),
        "{suggested}"
    );
    // Tab leaves the field for the buttons; Esc closes the prompt.
    h.key_press(egui::Key::Tab);
    h.run_steps(2);
    assert!(h.get_by_label("OK").is_focused(), "Tab reaches OK");
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().state.path_prompt.is_none());
    click(&mut h, Role::RadioButton, "Internal");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run_steps(2);
    let suggested = h.state().state.path_prompt.as_ref().unwrap().text.clone();
    assert!(
        suggested.ends_with("Test client brief (internal) 2026-11-28.pdf"),
        "{suggested}"
    );
    h.key_press(egui::Key::Escape);
    h.run_steps(2);

    // From the keyboard alone.
    export_by_keyboard(&mut h, &file);
    assert!(wait_for(&mut h, "Brief exported to"));
    let first = std::fs::read(&file).unwrap();
    assert!(first.starts_with(b"%PDF"));

    // The same path again: asked first, and Esc keeps the file as it was.
    h.state_mut().state.notifications.clear();
    click(&mut h, Role::RadioButton, "Client-facing");
    export_by_keyboard(&mut h, &file);
    assert!(h.query_by_label("Replace the existing file?").is_some());
    assert_eq!(
        h.state().jobs.running(),
        0,
        "nothing written before the answer"
    );
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert!(h.query_by_label("Replace the existing file?").is_none());
    assert_eq!(std::fs::read(&file).unwrap(), first);

    // Once more, and Replace: the client-facing brief replaces the internal one.
    export_by_keyboard(&mut h, &file);
    h.get_by_label("Replace").click();
    h.run_steps(1);
    assert!(wait_for(&mut h, "Brief exported to"));
    let second = std::fs::read(&file).unwrap();
    assert_ne!(second, first);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_side_panel_closes_with_esc_its_close_button_or_its_toolbar_button() {
    let mut h = harness(app(&["pro", "team"], &[], &[]));
    let open = |h: &Harness<'_, PostureApp>| h.state().state.view.side_open;
    // A cell's details open the panel; Esc closes it.
    place(&h, "~5 years (default)").click();
    h.run_steps(2);
    assert!(open(&h));
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(!open(&h), "Esc closes the panel");
    assert!(h.state().state.view.selection.is_none());
    // A toolbar button opens its tab, and closes the panel when pressed again.
    toolbar(&mut h, "Sources");
    assert!(open(&h));
    toolbar(&mut h, "Sources");
    assert!(!open(&h), "the toolbar button closes what it opened");
    // The panel's own close button.
    toolbar(&mut h, "Sources");
    assert!(open(&h));
    click(&mut h, Role::Button, "Close panel");
    assert!(!open(&h));
    // Esc while typing only leaves the field.
    toolbar(&mut h, "Sources");
    h.get_by_label("Client name").focus();
    h.run_steps(2);
    assert!(h.get_by_label("Client name").is_focused());
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(open(&h), "Esc in a text field leaves the panel open");
}

/// Clicks the toolbar's button (the side panel, right of the table, has a tab of the same name).
fn toolbar(h: &mut Harness<'_, PostureApp>, label: &str) {
    let node = h
        .query_all_by_role_and_label(Role::Button, label)
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("a toolbar button");
    node.click();
    h.run_steps(2);
}

/// The rows of the offerings list, top to bottom, by their checkboxes' labels.
fn offering_rows(h: &Harness<'_, PostureApp>) -> Vec<String> {
    let names: Vec<String> = load_builtin()
        .unwrap()
        .offerings
        .iter()
        .map(|o| o.name.clone())
        .collect();
    let mut rows: Vec<(f32, String)> = names
        .iter()
        .filter_map(|n| {
            let node = h.query_by_role_and_label(Role::CheckBox, n)?;
            Some((node.rect().top(), n.clone()))
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, n)| n).collect()
}

#[test]
fn the_offerings_list_keeps_its_order_when_one_is_unticked() {
    let mut h = harness(app(&["enterprise", "bedrock", "vertex"], &[], &[]));
    let before = offering_rows(&h);
    assert_eq!(before.len(), 7);
    // Five clicks: untick two, tick one back, untick and tick another. No row moves.
    for name in [
        "Amazon Bedrock",
        "Enterprise",
        "Amazon Bedrock",
        "Pro",
        "Pro",
    ] {
        click(&mut h, Role::CheckBox, name);
        assert_eq!(offering_rows(&h), before, "after clicking {name}");
    }
    // Bedrock went back to its place before Vertex AI, not to the end.
    assert_eq!(
        h.state().state.doc.scenario.offerings,
        ["bedrock", "vertex"]
    );
    // Moving a column moves its row with it, and the buttons say what they move.
    click(&mut h, Role::Button, "Move Google Vertex AI left");
    assert_eq!(
        h.state().state.doc.scenario.offerings,
        ["vertex", "bedrock"]
    );
    let moved = offering_rows(&h);
    let at = |n: &str| moved.iter().position(|x| x == n).unwrap();
    assert!(at("Google Vertex AI") < at("Amazon Bedrock"));
    // "All" compares every offering; "Only these…" narrows to a group, as one undo step each.
    click(&mut h, Role::Button, "All");
    assert_eq!(h.state().state.doc.scenario.offerings.len(), 7);
    click(&mut h, Role::Button, "Only these…");
    click(&mut h, Role::Button, "Cloud routes");
    assert_eq!(
        h.state().state.doc.scenario.offerings,
        ["bedrock", "vertex", "foundry"]
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().state.doc.scenario.offerings.len(), 7);
}

#[test]
fn a_conditional_verdict_names_the_option_that_meets_it_and_switches_it_on() {
    let mut h = harness(app(&["enterprise", "pro"], &[], &["zero-retention"]));
    let conditional =
        "Zero retention: ≈ Fits with conditions — fits if “Zero-retention contract” is switched on";
    place(&h, conditional).click();
    h.run_steps(2);
    // The details say what to switch on, as a button; one click makes it a fit.
    assert!(h.query_by_label("Switch on to make it ✓ Fits").is_some());
    click(&mut h, Role::Button, "Switch on “Zero-retention contract”");
    assert!(
        h.state()
            .state
            .doc
            .scenario
            .options
            .contains(&"zero-retention".to_string())
    );
    assert_eq!(count(&h, "Zero retention: ✓ Fits"), 1);
    assert_eq!(count(&h, conditional), 0);
    // It is an ordinary scenario edit: one undo takes it back.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(count(&h, conditional), 1);
    // A conditional verdict no option can settle offers no button (Pro's training opt-out
    // counts only from the moment it was turned on).
    let mut h = harness(app(&["pro"], &[], &["no-training"]));
    h.get(By::new().predicate(|n| {
        n.label()
            .is_some_and(|l| l.starts_with("No training on our data, ") && l.contains(": ≈"))
    }))
    .click();
    h.run_steps(2);
    assert!(h.query_by_label("Switch on to make it ✓ Fits").is_none());
}

#[test]
fn opening_a_folder_or_a_foreign_pdf_says_what_it_is() {
    let dir = std::env::temp_dir().join(format!("posture-ui-open-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut h = harness(app(&["enterprise"], &[], &[]));
    // Open starts from a folder, not from a file name that does not exist.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run_steps(2);
    let suggested = h.state().state.path_prompt.as_ref().unwrap().text.clone();
    assert!(
        suggested.ends_with(std::path::MAIN_SEPARATOR),
        "{suggested}"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.event(egui::Event::Text(dir.display().to_string()));
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    // The chosen path is checked first: a folder is said to be one, with nothing asked about
    // the unsaved changes it would not replace.
    assert!(h.query_by_label("Unsaved changes").is_none());
    assert!(
        h.query_by_label_contains("is a folder, not a scenario — open it as a policy set?")
            .is_some()
    );
    assert!(h.query_by_label("Open as policy set").is_some());
    // A PDF that is not a posture brief: opened as a brief, it says why it cannot be.
    let pdf = dir.join("brief.pdf");
    std::fs::write(&pdf, b"%PDF-1.5\n").unwrap();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.event(egui::Event::Text(pdf.display().to_string()));
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert!(h.query_by_label("Unsaved changes").is_none());
    let notice = h
        .state()
        .state
        .notifications
        .iter()
        .find(|n| n.text.starts_with("Could not reopen"))
        .map(|n| n.text.clone())
        .expect("a message about the PDF");
    assert!(
        notice.contains("brief.pdf: ") || notice.contains("brief.pdf:"),
        "{notice}"
    );
    assert!(notice.contains("could not be read"), "{notice}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn f10_and_alt_letters_open_the_menus() {
    let mut h = harness(app(&["enterprise"], &[], &[]));
    assert!(h.query_by_label_contains("New scenario").is_none());
    h.key_press(egui::Key::F10);
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("New scenario").is_some(),
        "F10 opens File"
    );
    // → and ← go from menu to menu, round at the ends.
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("New scenario").is_none(),
        "File closed"
    );
    assert!(h.query_by_label_contains("Undo").is_some(), "→ opens Edit");
    h.key_press(egui::Key::ArrowLeft);
    h.run_steps(3);
    h.key_press(egui::Key::ArrowLeft);
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("Presentation mode").is_some(),
        "← from File opens View"
    );
    assert_eq!(focused(&h), "View");
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("New scenario").is_some(),
        "→ from View: File"
    );
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("New scenario").is_none(),
        "Esc closes it"
    );
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::V);
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("Presentation mode").is_some(),
        "Alt+V opens View"
    );
    // From the keyboard into the menu: Tab past its first item (the command palette) to the
    // second, Enter runs it.
    h.key_press(egui::Key::Tab);
    h.run_steps(2);
    assert!(h.get_by_label_contains("Command palette…").is_focused());
    h.key_press(egui::Key::Tab);
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert!(
        h.state().state.view.presentation,
        "View → Presentation mode by keyboard"
    );
}

#[test]
fn dropping_a_brief_reopens_its_scenario_and_says_when_the_policy_set_differs() {
    let dir = std::env::temp_dir().join(format!("posture-ui-brief-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scenario = posture::model::Scenario::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/examples/eu-bank.ron"
    )))
    .unwrap();
    let today = Date::parse("2026-11-28").unwrap();
    let brief = |set: &posture::model::PolicySet, name: &str| {
        let a = posture::engine::assess(set, &scenario, today);
        let path = dir.join(name);
        posture::brief::export_to_file(&a, &path, posture::brief::Paper::A4).unwrap();
        path
    };
    let same = brief(&load_builtin().unwrap(), "same.pdf");
    let mut older = load_builtin().unwrap();
    older.meta.version = "2026-05-01".into();
    older.content_hash = "0123456789ab".into();
    let older = brief(&older, "older.pdf");

    // Saved state first, so reopening does not ask about unsaved changes.
    let mut h = harness(app(&["pro"], &[], &[]));
    let saved = dir.join("saved.ron");
    h.state_mut().apply(
        &egui::Context::default(),
        posture::ui::Action::SaveScenarioTo(saved),
    );
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(same)));
    h.run_steps(4);
    assert_eq!(
        h.state().state.doc.scenario.client,
        "Banque Lumière — Luxembourg"
    );
    assert_eq!(h.state().state.doc.scenario.offerings, scenario.offerings);
    assert_eq!(h.query_all_by_role(Role::ColumnHeader).count(), 4);
    assert!(
        h.state().state.doc.dirty(),
        "a reopened brief is an unsaved document"
    );
    assert!(h.state().state.doc.path.is_none());
    assert!(
        h.query_by_label_contains("Reopened the brief of 2026-11-28")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("This brief was made with")
            .is_none()
    );

    // A brief made with another version of the set: both versions are named.
    h.state_mut().apply(
        &egui::Context::default(),
        posture::ui::Action::SaveScenarioTo(dir.join("saved2.ron")),
    );
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(older)));
    h.run_steps(4);
    // Said as an information line at the top of the Changes tab, not as an error over it.
    assert!(
        !h.state()
            .state
            .notifications
            .iter()
            .any(|n| n.text.starts_with("This brief was made with"))
    );
    let notice = h
        .state()
        .state
        .since_brief
        .as_ref()
        .and_then(|b| b.policy_note.clone())
        .expect("a note about the policy set");
    assert!(
        h.query_by_label_contains("This brief was made with")
            .is_some()
    );
    assert!(
        notice.contains("version 2026-05-01 (#0123456789ab)"),
        "{notice}"
    );
    assert!(
        notice.contains(&format!("#{}", h.state().state.policy.content_hash)),
        "{notice}"
    );

    // A damaged brief: a message, and the document stays as it was.
    let damaged = dir.join("damaged.pdf");
    let bytes = std::fs::read(dir.join("same.pdf")).unwrap();
    std::fs::write(&damaged, &bytes[..bytes.len() / 2]).unwrap();
    let before = h.state().state.doc.scenario.clone();
    h.state_mut().apply(
        &egui::Context::default(),
        posture::ui::Action::SaveScenarioTo(dir.join("saved3.ron")),
    );
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(damaged)));
    h.run_steps(4);
    assert!(
        h.state()
            .state
            .notifications
            .iter()
            .any(|n| n.text.starts_with("Could not reopen"))
    );
    assert_eq!(h.state().state.doc.scenario, before);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn csv_and_markdown_from_the_file_menu() {
    let dir = std::env::temp_dir().join(format!("posture-ui-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut h = harness(app(&["enterprise", "bedrock"], &[], &["no-training"]));
    for (item, file, what) in [
        (
            "Export for questionnaires (CSV)…",
            "answers",
            "CSV exported to",
        ),
        ("Export as Markdown…", "ticket", "Markdown exported to"),
    ] {
        h.get_by_label("File").click();
        h.run_steps(2);
        h.get_by_label(item).click();
        h.run_steps(2);
        let suggested = h.state().state.path_prompt.as_ref().unwrap().text.clone();
        assert!(
            suggested.ends_with(if file == "answers" {
                "Test client answers 2026-11-28.csv"
            } else {
                "Test client brief 2026-11-28.md"
            }),
            "{suggested}"
        );
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.event(egui::Event::Text(dir.join(file).display().to_string()));
        h.key_press(egui::Key::Enter);
        h.run_steps(2);
        assert!(wait_for(&mut h, what));
    }
    let csv = std::fs::read(dir.join("answers.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}kind,offering,".as_bytes()));
    let md = std::fs::read_to_string(dir.join("ticket.md")).unwrap();
    assert!(md.contains("## Requirements and verdicts"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_reopened_brief_lists_what_changed_since_and_each_item_leads_to_it() {
    let dir = std::env::temp_dir().join(format!("posture-ui-since-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A brief made when Pro did not train on conversations by default.
    let mut then = load_builtin().unwrap();
    let pro = then.offerings.iter_mut().find(|o| o.id == "pro").unwrap();
    let cell = pro
        .values
        .iter_mut()
        .find(|c| c.attribute == "training")
        .unwrap();
    cell.value = posture::model::Value::No;
    cell.label = Some("No (then)".into());
    then.content_hash = "0123456789ab".into();
    let scenario = posture::model::Scenario {
        client: "Acme".into(),
        // Written for a meeting a while ago.
        date: "2026-10-01".into(),
        offerings: vec!["pro".into(), "team".into()],
        requirements: vec!["no-training".into()],
        ..Default::default()
    };
    let a = posture::engine::assess(&then, &scenario, Date::parse("2026-11-28").unwrap());
    let path = dir.join("then.pdf");
    posture::brief::export_to_file(&a, &path, posture::brief::Paper::A4).unwrap();

    let mut h = harness(app(&["pro"], &[], &[]));
    h.state_mut().apply(
        &egui::Context::default(),
        posture::ui::Action::SaveScenarioTo(dir.join("saved.ron")),
    );
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
    h.run_steps(4);
    // Reopened today: the date is today's, said at once, with Undo.
    assert_eq!(
        h.state().state.doc.scenario.date,
        h.state().state.today.to_string()
    );
    let said = h
        .state()
        .state
        .notifications
        .iter()
        .find(|n| n.text.contains("The date is now today's"))
        .map(|n| n.actions.clone())
        .expect("the new date is said");
    assert!(
        said.iter()
            .any(|(label, a)| label == "Undo" && *a == posture::ui::Action::Undo)
    );
    // The list opens by itself, titled with the brief's day.
    assert!(
        h.query_by_label("Changes since the brief of 2026-11-28")
            .is_some()
    );
    let verdict = "Verdict: No training on our data — Pro: ✓ Fits → ≈ Fits with conditions";
    assert!(
        h.query_by_label(verdict).is_some(),
        "{:?}",
        h.state().state.changes
    );
    assert!(
        h.query_by_label_contains("Value: Used for training — Pro: No (then) →")
            .is_some()
    );
    // An item leads to its verdict's details.
    h.get_by_label(verdict).click();
    h.run_steps(2);
    assert_eq!(
        h.state().state.view.selection,
        Some(posture::ui::actions::Selection::Verdict {
            requirement: "no-training".into(),
            offering: "pro".into()
        })
    );
    // The tab stays within reach while the brief is the document.
    assert!(h.query_by_label_contains("Changes (").is_some());
    // A client-facing brief: the list is not put in the next brief unless asked.
    assert!(!h.state().state.view.changes_in_brief);
    // A view edit is the user's, listed apart; what changed since the brief stays the same.
    let before = h.state().state.changes.clone();
    h.state_mut().apply(
        &egui::Context::default(),
        posture::ui::Action::Edit(posture::ui::Edit::Sources(vec!["cowork-page".into()])),
    );
    h.state_mut().apply(
        &egui::Context::default(),
        posture::ui::Action::SetSideTab(posture::ui::actions::SideTab::Changes),
    );
    h.run_steps(3);
    assert_eq!(h.state().state.changes, before, "compared like with like");
    assert!(
        h.state()
            .state
            .edits_since_brief
            .iter()
            .any(|e| e.starts_with("Sources read: all sources → Tinkso (third-party page)")),
        "{:?}",
        h.state().state.edits_since_brief
    );
    let heading =
        By::new().predicate(|n| n.value().as_deref() == Some("Your edits since reopening"));
    assert!(h.query_all(heading).count() > 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_job_that_panics_is_reported_and_the_app_goes_on() {
    let dir = std::env::temp_dir().join(format!("posture-ui-panic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut h = harness(app(&["enterprise"], &[], &[]));
    let ctx = egui::Context::default();
    // A job that panics on purpose: it answers as a failure instead of never answering.
    h.state_mut()
        .jobs
        .spawn(&ctx, posture::ui::jobs::JobKind::Export, || {
            panic!("on purpose, in a test")
        });
    assert!(wait_for(
        &mut h,
        "Export failed: internal error — on purpose, in a test"
    ));
    assert_eq!(h.state().jobs.running(), 0);
    // A later export works, and a second one while it runs is refused out loud.
    let file = dir.join("after.pdf");
    h.state_mut()
        .apply(&ctx, posture::ui::Action::ExportTo(file.clone()));
    h.state_mut()
        .apply(&ctx, posture::ui::Action::ExportTo(dir.join("second.pdf")));
    assert!(
        h.state()
            .state
            .notifications
            .iter()
            .any(|n| n.text.starts_with("An export is still running"))
    );
    assert!(wait_for(&mut h, "Brief exported to"));
    assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF"));
    assert!(!dir.join("second.pdf").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The label of the widget that has the keyboard focus.
fn focused(h: &Harness<'_, PostureApp>) -> String {
    h.query(By::new().predicate(|n| n.is_focused()))
        .and_then(|n| n.accesskit_node().label().map(|l| l.to_string()))
        .unwrap_or_default()
}

/// Opens `path` the way a user does where no native dialog runs: Ctrl+O, the path, Enter.
fn open_file(h: &mut Harness<'_, PostureApp>, path: &std::path::Path) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run_steps(2);
    h.state_mut().state.path_prompt.as_mut().unwrap().text = path.display().to_string();
    h.get_by_label("OK").click();
    h.run_steps(3);
}

#[test]
fn undo_stays_with_its_document_and_new_clears_redo() {
    let dir = std::env::temp_dir().join(format!("posture-ui-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("a.ron"), dir.join("b.ron"));
    for (path, client) in [(&a, "Client A"), (&b, "Client B")] {
        let s = posture::model::Scenario {
            client: client.into(),
            offerings: vec!["pro".into()],
            ..Default::default()
        };
        s.save(path).unwrap();
    }
    let client = |h: &Harness<'_, PostureApp>| h.state().state.doc.scenario.client.clone();
    let mut h = harness(app(&["pro"], &[], &[]));
    // The untitled scenario has unsaved changes: opening A asks first.
    open_file(&mut h, &a);
    h.get_by_label("Don't save").click();
    h.run_steps(3);
    assert_eq!(client(&h), "Client A");
    h.get_by_label("Client name").click();
    h.run_steps(1);
    h.get_by_label("Client name").type_text(" edited");
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run_steps(2);
    assert!(!h.state().state.doc.dirty());

    // Open B, Undo, Save: B keeps its own content (the old history reached A's).
    open_file(&mut h, &b);
    assert_eq!(client(&h), "Client B");
    assert!(
        !h.state().state.doc.can_undo(),
        "a new document starts a new history"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(client(&h), "Client B", "Undo does not bring A back");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run_steps(2);
    assert_eq!(
        posture::model::Scenario::load(&b).unwrap().client,
        "Client B"
    );
    assert_eq!(
        posture::model::Scenario::load(&a).unwrap().client,
        "Client A edited"
    );

    // New clears redo: an undone edit cannot be redone into the new document.
    h.get_by_label("Client name").click();
    h.run_steps(1);
    h.get_by_label("Client name").type_text(" typed");
    h.run_steps(2);
    h.key_press(egui::Key::Escape);
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(client(&h), "Client B");
    assert!(h.state().state.doc.can_redo());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run_steps(2);
    assert_eq!(client(&h), "");
    assert!(!h.state().state.doc.can_redo() && !h.state().state.doc.can_undo());
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run_steps(2);
    assert_eq!(client(&h), "", "Redo does nothing in the new document");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_command_palette_finds_a_command_shows_its_shortcut_and_runs_it() {
    let mut h = harness(app(&["pro", "team"], &[], &[]));
    let palette = egui::Modifiers::COMMAND | egui::Modifiers::SHIFT;
    h.key_press_modifiers(palette, egui::Key::P);
    h.run_steps(3);
    assert!(
        h.get_by_label("Command palette").is_focused(),
        "typing goes straight into it"
    );
    // Every command that can run now, each with its shortcut beside it.
    assert!(h.query_by_label_contains("Export brief (PDF)…").is_some());
    assert!(h.query_by_label_contains("Ctrl+E").is_some());
    assert!(
        h.query_by_label_contains("Redo").is_none(),
        "nothing to redo: not offered"
    );
    h.get_by_label("Command palette").type_text("THEME dark");
    h.run_steps(2);
    assert!(h.query_by_label_contains("Dark theme").is_some());
    assert!(h.query_by_label_contains("Export brief").is_none());
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert!(h.state().state.prefs.dark, "Enter runs the command");
    assert!(h.query_by_label("Command palette").is_none(), "and closes");

    // The arrow keys choose: "zoom" finds Zoom in, Zoom out; Down picks the second.
    h.key_press_modifiers(palette, egui::Key::P);
    h.run_steps(3);
    h.get_by_label("Command palette").type_text("zoom");
    h.run_steps(2);
    h.key_press(egui::Key::ArrowDown);
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert!(h.ctx.zoom_factor() < 1.0, "Zoom out ran");

    // Esc closes it and runs nothing; no shortcut fires while it is open.
    h.key_press_modifiers(palette, egui::Key::P);
    h.run_steps(3);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::D);
    h.run_steps(2);
    assert!(!h.state().state.prefs.only_differences);
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label("Command palette").is_none());
    assert!(h.state().state.prefs.dark);
}

#[test]
fn the_arrow_keys_move_through_the_table_and_enter_opens_the_details() {
    // Short enough that the last row is below the fold: the cursor has to scroll to it.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 640.0))
        .with_context_setup(style::install)
        .build_ui_state(
            |ui, app: &mut PostureApp| app.show(ui),
            app(&["pro", "team", "enterprise"], &[], &["zero-retention"]),
        );
    h.run_steps(3);
    let at = |h: &Harness<'_, PostureApp>, row: &str, col: &str| {
        let f = focused(h);
        assert!(
            f.starts_with(&format!("{row}, {col}: ")),
            "expected the focus on {row} × {col}, found {f:?}"
        );
    };
    let key = |h: &mut Harness<'_, PostureApp>, m: egui::Modifiers, k: egui::Key| {
        h.key_press_modifiers(m, k);
        h.run_steps(3);
    };
    use egui::{Key, Modifiers};
    // Tab reaches the table once, at its first verdict: the arrow keys move inside it.
    let table_place = |f: &str| {
        [", Pro: ", ", Team: ", ", Enterprise: "]
            .iter()
            .any(|c| f.contains(c))
    };
    let mut presses = 0;
    while !table_place(&focused(&h)) && presses < 60 {
        key(&mut h, Modifiers::NONE, Key::Tab);
        presses += 1;
    }
    at(&h, "Zero retention", "Pro");
    key(&mut h, Modifiers::NONE, Key::Tab);
    assert!(
        !table_place(&focused(&h)),
        "one more Tab leaves the table, not the next cell: {:?}",
        focused(&h)
    );
    // A click puts the cursor on a cell; Esc closes its details and keeps the focus there.
    place(&h, "~5 years (default)").click();
    h.run_steps(3);
    key(&mut h, Modifiers::NONE, Key::Escape);
    // Said with its row, its column and its value.
    assert_eq!(focused(&h), "Retention, Pro: ~5 years (default)");
    key(&mut h, Modifiers::NONE, Key::ArrowRight);
    at(&h, "Retention", "Team");
    key(&mut h, Modifiers::NONE, Key::End);
    at(&h, "Retention", "Enterprise");
    key(&mut h, Modifiers::NONE, Key::ArrowRight);
    at(&h, "Retention", "Enterprise");
    key(&mut h, Modifiers::NONE, Key::Home);
    at(&h, "Retention", "Pro");
    // Up from the first row reaches the verdicts in the header.
    key(&mut h, Modifiers::COMMAND, Key::Home);
    at(&h, "Zero retention", "Pro");
    key(&mut h, Modifiers::NONE, Key::ArrowDown);
    let first_row = &h.state().state.assessment.rows[0].name.clone();
    at(&h, first_row, "Pro");
    key(&mut h, Modifiers::NONE, Key::ArrowUp);
    at(&h, "Zero retention", "Pro");
    // The last cell is off screen: the table scrolls to it, and it takes the focus.
    key(&mut h, Modifiers::COMMAND, Key::End);
    let last_row = h.state().state.assessment.rows.last().unwrap().name.clone();
    at(&h, &last_row, "Enterprise");
    // Enter opens its details; Esc closes them and leaves the focus where it was.
    key(&mut h, Modifiers::NONE, Key::Enter);
    at(&h, &last_row, "Enterprise");
    assert!(h.state().state.view.side_open);
    assert_eq!(
        h.state().state.view.selection,
        h.state().state.view.cursor,
        "the details are the focused cell's"
    );
    key(&mut h, Modifiers::NONE, Key::Escape);
    assert!(!h.state().state.view.side_open);
    at(&h, &last_row, "Enterprise");
    key(&mut h, Modifiers::NONE, Key::ArrowLeft);
    at(&h, &last_row, "Team");
    // The palette opened and closed with Esc gives the keyboard back to the cell.
    key(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    assert_eq!(focused(&h), "Command palette");
    key(&mut h, Modifiers::NONE, Key::Escape);
    at(&h, &last_row, "Team");
    key(&mut h, Modifiers::NONE, Key::ArrowUp);
    assert!(focused(&h).contains(", Team: "), "the arrow keys work on");
}

#[test]
fn the_readme_keyboard_section_is_the_command_list() {
    let readme = include_str!("../../README.md");
    let table = posture::ui::command::keyboard_markdown();
    assert!(
        readme.contains(&table),
        "README.md's keyboard section should read:\n{table}"
    );
}

#[test]
fn altgr_letters_type_and_run_no_command() {
    // AltGr arrives as Ctrl+Alt on Windows: on a Polish keyboard AltGr+Z types ż, AltGr+S ś,
    // AltGr+E ę. (Inside a text field, egui's own field undo is egui's business.)
    let mut h = harness(app(&["pro"], &[], &[]));
    h.get_by_label("Client name").click();
    h.run_steps(1);
    h.get_by_label("Client name").type_text(" A");
    h.run_steps(2);
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    for k in [egui::Key::Z, egui::Key::S, egui::Key::E] {
        h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::ALT, k);
        h.run_steps(2);
    }
    assert_eq!(
        h.state().state.doc.scenario.client,
        "Test client A",
        "no undo"
    );
    assert!(h.state().state.path_prompt.is_none(), "no save, no export");
}

#[test]
fn no_shortcut_runs_while_a_dialog_asks_something() {
    let mut h = harness(app(&["pro", "team"], &[], &[]));
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run_steps(2);
    assert!(h.query_by_label("Save scenario as").is_some());
    for (m, k) in [
        (egui::Modifiers::COMMAND, egui::Key::D),
        (egui::Modifiers::COMMAND, egui::Key::F),
        (egui::Modifiers::COMMAND, egui::Key::K),
        (
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::P,
        ),
        (egui::Modifiers::NONE, egui::Key::F5),
    ] {
        h.key_press_modifiers(m, k);
        h.run_steps(2);
    }
    let s = &h.state().state;
    assert!(!s.prefs.only_differences && !s.view.focus_filter && !s.view.side_open);
    assert!(s.view.palette.is_none() && !s.view.presentation);
    assert!(
        h.query_by_label("Save scenario as").is_some(),
        "the dialog is still asking"
    );
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label("Save scenario as").is_none());
}

// --- Review sources ------------------------------------------------------------------------

/// An app on the built-in set whose sources point at a loopback server: the first source with
/// a long quote has it reworded, the next one loses one.
fn review_app() -> (PostureApp, crate::recheck::Server, String, String) {
    use crate::recheck::{html, page, quotes_by_source, reworded, serve, set_at};
    let set = load_builtin().unwrap();
    let by_source = quotes_by_source(&set);
    let mut with_long = by_source
        .iter()
        .filter(|(_, qs)| qs.len() >= 2 && qs.iter().any(|q| q.split(' ').count() >= 8));
    let (rew, gone) = (with_long.next().unwrap(), with_long.next().unwrap());
    let mut routes = std::collections::HashMap::new();
    let mut qs = rew.1.clone();
    let k = qs.iter().position(|q| q.split(' ').count() >= 8).unwrap();
    qs[k] = reworded(&qs[k]);
    routes.insert(format!("/{}", rew.0), html(200, page(&qs)));
    let mut qs = gone.1.clone();
    qs.remove(qs.iter().position(|q| q.split(' ').count() >= 8).unwrap());
    routes.insert(format!("/{}", gone.0), html(200, page(&qs)));
    let server = serve(routes, std::time::Duration::ZERO);
    let mut app = PostureApp::new(set_at(&server.base), Date::parse("2026-11-30").unwrap());
    app.native_dialogs = false;
    (app, server, rew.0.clone(), gone.0.clone())
}

fn run_until(h: &mut Harness<'_, PostureApp>, done: impl Fn(&PostureApp) -> bool) {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !done(h.state()) && std::time::Instant::now() < end {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run_steps(1);
    }
    assert!(done(h.state()), "the job did not finish");
    h.run_steps(3);
}

#[test]
fn review_rechecks_in_the_background_and_shows_reworded_and_gone_quotes_inline() {
    let (app, server, rew, gone) = review_app();
    let mut h = harness_sized(app, 1280.0);
    h.get_by_label("File").click();
    h.run_steps(2);
    click(&mut h, Role::Button, "Review sources…");
    assert!(h.state().state.review.is_some());
    // A new window is sized in its first frame and shown in the next.
    h.run_steps(3);
    click(&mut h, Role::Button, "Re-check all now");
    // Progress shows, and the frame goes on while pages are fetched.
    run_until(&mut h, |a| {
        a.state
            .review
            .as_ref()
            .is_some_and(|r| r.running.is_none() && !r.results.is_empty())
    });
    let review = h.state().state.review.clone().unwrap();
    assert_eq!(
        review.results[&rew].status,
        posture::recheck::SourceState::Changed
    );
    assert_eq!(
        review.results[&gone].status,
        posture::recheck::SourceState::Changed
    );
    // The changed sources open by themselves, with the findings inline.
    let starts = |h: &Harness<'_, PostureApp>, prefix: &str| {
        // A label's words are its accessible value.
        h.query_all(By::new().predicate(|n| {
            n.label()
                .or_else(|| n.value())
                .is_some_and(|l| l.starts_with(prefix))
        }))
        .count()
    };
    assert!(starts(&h, "≈ reworded") >= 1, "a reworded quote is marked");
    assert!(starts(&h, "Word diff:") >= 1, "with its diff");
    assert!(starts(&h, "✗ gone") >= 1, "a gone quote is marked");
    assert!(
        starts(&h, "Rests on it:") >= 2,
        "each quote says what rests on it"
    );
    // The sources whose page was read are evidence to save; the 404s are not.
    assert!(review.evidence.iter().any(|e| e.source == rew));
    assert!(review.evidence.iter().all(|e| review.results[&e.source].status != posture::recheck::SourceState::Unreachable));
    drop(server);
}

#[test]
fn mark_reviewed_needs_a_name_and_saving_writes_a_new_version_with_its_evidence() {
    use posture::ui::{Action, ReviewAction};
    let dir = std::env::temp_dir().join(format!("posture-review-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut app = PostureApp::new(load_builtin().unwrap(), Date::parse("2026-11-30").unwrap());
    app.native_dialogs = false;
    let ctx = egui::Context::default();
    app.apply(&ctx, Action::Run(posture::ui::Command::ReviewSources));
    app.apply(
        &ctx,
        Action::Review(ReviewAction::MarkReviewed("cowork-page".into())),
    );
    assert!(
        app.state.review.as_ref().unwrap().evidence.is_empty(),
        "no name, no record"
    );
    let mut h = harness_sized(app, 1280.0);
    h.get_by_role_and_label(Role::TextInput, "Reviewer:")
        .click();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Reviewer:")
        .type_text("R. Viewer");
    h.run_steps(2);
    assert_eq!(h.state().state.prefs.reviewer, "R. Viewer");
    h.state_mut().apply(
        &ctx,
        Action::Review(ReviewAction::MarkReviewed("cowork-page".into())),
    );
    h.run_steps(2);
    assert_eq!(h.state().state.review.as_ref().unwrap().evidence.len(), 1);
    let shown: Vec<String> = h
        .query_all(By::new().predicate(|n| n.value().is_some_and(|v| v.contains("to save"))))
        .filter_map(|n| n.accesskit_node().value())
        .collect();
    assert!(
        shown.iter().all(|v| v == "1 source check to save") && !shown.is_empty(),
        "{shown:?}"
    );
    // The built-in set is read-only: saving writes a copy into the folder chosen.
    h.state_mut().apply(
        &ctx,
        Action::Review(ReviewAction::SaveVersion(Some(dir.clone()))),
    );
    h.run_steps(2);
    let a = h.state();
    assert_eq!(
        a.state.prefs.policy_path.as_deref(),
        Some(dir.as_path()),
        "the copy is the set in use"
    );
    let before = load_builtin().unwrap().meta.version;
    assert_ne!(a.state.policy.meta.version, before, "the version is bumped");
    assert!(a.state.policy.meta.version.starts_with("2026-11-30"));
    let cowork = a
        .state
        .assessment
        .sources
        .iter()
        .find(|s| s.id == "cowork-page")
        .unwrap();
    assert_eq!(cowork.verification.how, posture::model::Method::ByHand);
    assert_eq!(cowork.verification.by, "R. Viewer");
    let changelog = std::fs::read_to_string(dir.join("CHANGELOG.md")).unwrap();
    assert!(
        changelog.contains("`cowork-page` re-verified by hand"),
        "{changelog}"
    );
    // The folder now holds a set: a second copy into it is refused, the first left alone.
    let again = posture::recheck::record::copy_builtin(&dir);
    assert!(matches!(
        again,
        Err(posture::recheck::record::RecordError::Occupied(_))
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `zero-retention` is both an attribute and a requirement: a changed verdict outlines the
/// verdict, never the same-named cell.
#[test]
fn a_changed_verdict_never_outlines_the_cell_of_the_same_name() {
    use posture::engine::changes::{Change, ChangeKind, Place};
    let mut app = app_all(&["enterprise"], &[], &["zero-retention"]);
    let verdict = Place::Verdict {
        requirement: "zero-retention".into(),
        offering: "enterprise".into(),
    };
    app.state.changes = vec![Change {
        kind: ChangeKind::Verdict,
        what: "Zero retention — Enterprise".into(),
        before: "≈ Fits with conditions".into(),
        after: "✗ Does not fit".into(),
        place: verdict.clone(),
    }];
    app.state.view.side_open = true;
    app.state.view.side_tab = posture::ui::actions::SideTab::Changes;
    let outlined = posture::ui::views::table::changed_places(&app.state);
    assert!(outlined.contains(&verdict));
    assert!(!outlined.contains(&Place::Cell {
        attribute: "zero-retention".into(),
        offering: "enterprise".into()
    }));
}

/// Open checks the chosen file first: a missing file or one that is not a scenario says why in
/// plain words, and nothing is asked about unsaved changes for it; a file that opens clears
/// those errors.
#[test]
fn open_checks_the_file_before_asking_and_a_good_open_clears_the_errors() {
    use posture::ui::Action;
    let dir = std::env::temp_dir().join(format!("posture-ui-openfirst-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.ron");
    std::fs::write(&good, posture::model::Scenario::default().to_ron()).unwrap();
    std::fs::write(dir.join("junk.ron"), "not a scenario at all").unwrap();
    let mut h = harness(app(&["pro"], &[], &[]));
    let ctx = egui::Context::default();
    assert!(h.state().state.doc.dirty(), "unsaved work");
    h.state_mut()
        .apply(&ctx, Action::OpenScenario(dir.join("missing.ron")));
    h.state_mut()
        .apply(&ctx, Action::OpenScenario(dir.join("junk.ron")));
    h.run_steps(2);
    let s = &h.state().state;
    assert!(
        s.pending.is_none(),
        "nothing asked for a file that will not open"
    );
    let texts: Vec<&str> = s.notifications.iter().map(|n| n.text.as_str()).collect();
    assert!(
        texts.iter().any(|t| t.starts_with("No file at ")),
        "{texts:?}"
    );
    assert!(texts.iter().all(|t| !t.contains("os error")), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Could not open the scenario")),
        "{texts:?}"
    );
    // A file that will open: now the question, and after it the errors go.
    h.state_mut()
        .apply(&ctx, Action::OpenScenario(good.clone()));
    assert!(h.state().state.pending.is_some());
    h.state_mut().apply(&ctx, Action::ConfirmDiscardAndContinue);
    h.run_steps(2);
    let s = &h.state().state;
    assert_eq!(s.doc.path.as_deref(), Some(good.as_path()));
    assert!(
        s.notifications.iter().all(|n| !n.about_a_file),
        "{:?}",
        s.notifications
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The Sources selector: all sources, the first-hand documentation only, then each source by
/// who wrote it, grouped by kind; a view that leaves disputes out says how many.
#[test]
fn the_sources_selector_offers_first_hand_only_and_says_what_a_view_leaves_out() {
    let mut h = harness(app_all(
        &["enterprise", "bedrock"],
        &[],
        &["strict-eu-residency"],
    ));
    h.get_by_role(Role::ComboBox).click();
    h.run_steps(2);
    assert!(h.query_by_label("All sources (disputes flagged)").is_some());
    assert!(
        h.query_by_label("Third-party summary").is_some()
            || h.query_all(
                By::new().predicate(|n| n.value().as_deref() == Some("Third-party summary"))
            )
            .count()
                > 0
    );
    h.get_by_label("Vendor and cloud documentation only")
        .click();
    h.run_steps(3);
    let s = &h.state().state;
    let first_hand: Vec<String> = s
        .policy
        .sources
        .iter()
        .filter(|x| x.kind != posture::model::SourceKind::ThirdPartySummary)
        .map(|x| x.id.clone())
        .collect();
    assert_eq!(s.doc.scenario.sources, first_hand);
    assert!(!s.doc.scenario.sources.contains(&"cowork-page".to_string()));
    let left_out = s.assessment.view.disputes_not_read;
    assert!(left_out > 0, "the page's side of each dispute is left out");
    let said = format!(
        "{left_out} dispute{} not shown in this view",
        if left_out == 1 { "" } else { "s" }
    );
    assert!(
        h.query_all(By::new().predicate(|n| n.value().as_deref() == Some(said.as_str())))
            .count()
            > 0,
        "{said}"
    );
}

/// Changing the offerings compared never moves the offerings list under the cursor: the
/// options above it keep their height whether they can be switched on or not.
#[test]
fn the_offerings_list_rows_do_not_move_when_the_offerings_compared_change() {
    let mut h = harness_sized(app_all(crate::common::ALL, &[], &[]), 1280.0);
    let top = |h: &Harness<'_, PostureApp>| {
        h.get_by_role_and_label(Role::CheckBox, "Amazon Bedrock")
            .accesskit_node()
            .bounding_box()
            .map(|r| r.y0)
            .unwrap()
    };
    let before = top(&h);
    h.state_mut().apply(
        &egui::Context::default(),
        posture::ui::Action::Edit(posture::ui::Edit::Offerings(vec!["enterprise".into()])),
    );
    h.run_steps(3);
    assert!(
        h.state()
            .state
            .assessment
            .options
            .iter()
            .any(|o| o.inactive_reason.is_some()),
        "some options apply to none of the offerings compared now"
    );
    assert_eq!(top(&h), before, "the row stayed where it was");
}

/// Dismissing a notice never slides another under the pointer: its space stays until the
/// pointer leaves the stack. Past three, the older ones are counted.
#[test]
fn notices_do_not_move_under_the_pointer_and_collapse_past_three() {
    use posture::ui::state::NoticeKind;
    let mut h = harness_sized(app(&["pro"], &[], &[]), 1280.0);
    h.state_mut().state.notifications.clear();
    for text in [
        "First problem",
        "Second problem",
        "Third problem",
        "Fourth problem",
    ] {
        h.state_mut().notify(NoticeKind::Error, text, Vec::new());
    }
    h.run_steps(3);
    let shown = |h: &Harness<'_, PostureApp>, text: &str| {
        h.query_all(By::new().predicate(move |n| n.value().as_deref() == Some(text)))
            .next()
            .and_then(|n| n.accesskit_node().bounding_box())
    };
    assert!(
        shown(&h, "First problem").is_none(),
        "the oldest is counted, not shown"
    );
    assert!(shown(&h, "1 more").is_some());
    let second = shown(&h, "Second problem").unwrap();
    // Dismiss the third (under the second): the second stays where it was while hovered.
    let dismiss: Vec<_> = h.query_all_by_label("Dismiss").collect();
    assert_eq!(dismiss.len(), 3);
    dismiss[1].click();
    h.run_steps(3);
    assert!(shown(&h, "Third problem").is_none());
    assert_eq!(shown(&h, "Second problem").unwrap().y0, second.y0);
}

/// In front of a client, the staleness line says how far the overdue source reaches.
#[test]
fn presentation_says_how_many_rows_the_overdue_source_reaches() {
    let mut h = harness_sized(app_all(crate::common::ALL, &[], &[]), 1280.0);
    h.state_mut().apply(
        &egui::Context::default(),
        posture::ui::Action::Run(posture::ui::Command::Presentation),
    );
    h.run_steps(3);
    let a = &h.state().state.assessment;
    let reached = a
        .rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| c.stale))
        .count();
    assert!(reached > 0 && reached < a.rows.len());
    let said = format!("cited in {reached} of {} rows, is overdue", a.rows.len());
    let found = h
        .query_all(By::new().predicate(|n| {
            n.label()
                .or_else(|| n.value())
                .is_some_and(|t| t.contains(&said))
        }))
        .count();
    assert!(found > 0, "{said}");
}

/// The details of a disputed cell: in a panel too narrow for columns of about 200 px, the
/// sources' claims stack one under another instead of wrapping every two words.
#[test]
fn a_narrow_details_panel_stacks_the_claims() {
    let mut h = harness_sized(
        app_all(&["enterprise", "bedrock"], &[], &["zero-retention"]),
        1280.0,
    );
    h.state_mut().apply(
        &egui::Context::default(),
        posture::ui::Action::Select(posture::ui::actions::Selection::Cell {
            attribute: "zero-retention".into(),
            offering: "enterprise".into(),
        }),
    );
    h.run_steps(4);
    let a = &h.state().state.assessment;
    let cell = a
        .rows
        .iter()
        .find(|r| r.attribute == "zero-retention")
        .and_then(|r| r.cells.iter().find(|c| c.offering == "enterprise"))
        .unwrap()
        .clone();
    assert!(cell.disputed && cell.claims.len() >= 3);
    let lefts: Vec<f64> = cell
        .claims
        .iter()
        .filter_map(|c| {
            let name = c.source_short.clone();
            h.query_all(By::new().predicate(move |n| {
                n.label()
                    .or_else(|| n.value())
                    .is_some_and(|t| t.starts_with(&name))
            }))
            .filter_map(|n| n.accesskit_node().bounding_box())
            .map(|b| b.x0)
            .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))))
        })
        .collect();
    assert_eq!(lefts.len(), cell.claims.len());
    assert!(
        lefts.windows(2).all(|w| (w[0] - w[1]).abs() < 1.0),
        "stacked, one under another: {lefts:?}"
    );
}

/// A menu closes after one of its items runs, by Enter as by a click, and the keyboard goes
/// back to the button that opened it.
#[test]
fn a_menu_closes_after_a_choice_and_returns_the_focus() {
    let mut h = harness_sized(app_all(crate::common::ALL, &[], &[]), 1280.0);
    h.get_by_label("Only these…").click();
    h.run_steps(2);
    h.get_by_label("Only Enterprise").focus();
    h.run_steps(1);
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().state.doc.scenario.offerings, ["enterprise"]);
    assert!(
        h.query_by_label("Only Enterprise").is_none(),
        "the menu closed"
    );
    assert_eq!(focused(&h), "Only these…");
}

/// Every Tab stop of the main window is a named control with a visible focus: walking the focus
/// from the start never lands on something unnamed, out of view, or drawn with no frame or
/// ring around it.
#[test]
fn every_tab_stop_is_a_named_control_with_a_visible_focus() {
    let mut h = harness_window(
        app(&["enterprise", "bedrock"], &[], &["zero-retention"]),
        1280.0,
        720.0,
    );
    // The side panel open, so its controls are walked too.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    h.run_steps(3);
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 720.0));
    let mut seen = Vec::new();
    for _ in 0..70 {
        h.key_press(egui::Key::Tab);
        h.run_steps(2);
        let Some(node) = h.query(By::new().predicate(|n| n.is_focused())) else {
            panic!("a Tab stop with no focused control, after {seen:?}");
        };
        let n = node.accesskit_node();
        let name = n.label().or_else(|| n.value()).unwrap_or_default();
        assert!(
            !name.trim().is_empty(),
            "an unnamed Tab stop ({:?}) after {seen:?}",
            n.role()
        );
        let b = n.bounding_box().expect("a focused control has a place");
        let at = egui::Rect::from_min_max(
            egui::pos2(b.x0 as f32, b.y0 as f32),
            egui::pos2(b.x1 as f32, b.y1 as f32),
        );
        assert!(
            window.contains(at.center()),
            "{name} has the focus out of view, at {at:?}"
        );
        assert!(
            framed(&h.output().shapes, at),
            "{name} has the focus with no frame or ring drawn round it"
        );
        seen.push(name);
    }
}

/// Whether a stroked rectangle is drawn round `at`, no more than a few pixels off each side:
/// a focus ring, or the frame egui gives a focused button or text field.
fn framed(shapes: &[egui::epaint::ClippedShape], at: egui::Rect) -> bool {
    fn walk(shape: &egui::Shape, at: egui::Rect) -> bool {
        match shape {
            egui::Shape::Vec(v) => v.iter().any(|s| walk(s, at)),
            egui::Shape::Rect(r) => {
                let near = |a: f32, b: f32| (a - b).abs() <= 8.0;
                r.stroke.width >= 1.0
                    && r.stroke.color.a() > 0
                    && near(r.rect.left(), at.left())
                    && near(r.rect.right(), at.right())
                    && near(r.rect.top(), at.top())
                    && near(r.rect.bottom(), at.bottom())
            }
            _ => false,
        }
    }
    shapes.iter().any(|c| walk(&c.shape, at))
}

/// In presentation mode the caveats and details float over the comparison: opening them never
/// narrows the table.
#[test]
fn presentation_opens_the_panel_over_the_table_not_beside_it() {
    let mut h = harness_sized(
        app_all(&["enterprise", "bedrock", "vertex", "foundry"], &[], &[]),
        1280.0,
    );
    let ctx = egui::Context::default();
    h.state_mut().apply(
        &ctx,
        posture::ui::Action::Run(posture::ui::Command::Presentation),
    );
    h.run_steps(3);
    let headers = |h: &Harness<'_, PostureApp>| -> Vec<f64> {
        h.query_all_by_role(Role::ColumnHeader)
            .filter_map(|n| n.accesskit_node().bounding_box().map(|b| b.x0))
            .collect()
    };
    let before = headers(&h);
    assert_eq!(before.len(), 4);
    h.state_mut().apply(
        &ctx,
        posture::ui::Action::SetSideTab(posture::ui::actions::SideTab::Caveats),
    );
    h.run_steps(3);
    assert!(h.state().state.view.side_open);
    assert_eq!(headers(&h), before, "the columns stayed where they were");
}

/// On a set kept in a folder, "Mark reviewed" goes into the evidence log at once, and the
/// source's verification says so.
#[test]
fn mark_reviewed_on_a_folder_set_appends_to_its_log() {
    use posture::ui::{Action, ReviewAction};
    let dir = std::env::temp_dir().join(format!("posture-review-folder-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in posture::model::load::BUILTIN_FILES {
        let file = std::path::Path::new(name).file_name().unwrap();
        std::fs::write(dir.join(file), text).unwrap();
    }
    let mut app = PostureApp::new(load_builtin().unwrap(), Date::parse("2026-11-30").unwrap());
    let ctx = egui::Context::default();
    app.apply(&ctx, Action::LoadPolicies(dir.clone()));
    app.apply(&ctx, Action::Run(posture::ui::Command::ReviewSources));
    app.apply(
        &ctx,
        Action::Review(ReviewAction::Reviewer("F. Older".into())),
    );
    app.apply(
        &ctx,
        Action::Review(ReviewAction::MarkReviewed("v-memory".into())),
    );
    let log = std::fs::read_to_string(dir.join("verification.ron")).unwrap();
    assert!(log.contains("F. Older") && log.contains("ByHand"), "{log}");
    let v = app
        .state
        .assessment
        .sources
        .iter()
        .find(|s| s.id == "v-memory")
        .unwrap();
    assert_eq!(v.verification.how, posture::model::Method::ByHand);
    assert!(
        app.state.review.as_ref().unwrap().evidence.is_empty(),
        "nothing left to save"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A click of the pointer at `at`, wherever the widgets are.
fn click_at(h: &mut Harness<'_, PostureApp>, at: egui::Pos2) {
    h.hover_at(at);
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run_steps(3);
}

/// The mouse wheel turned by `delta` points over the table's first cell (negative scrolls
/// down or right), and the frames it takes to settle.
fn wheel_over_table(h: &mut Harness<'_, PostureApp>, delta: egui::Vec2) {
    let cell = h
        .query_all_by_role(Role::Cell)
        .next()
        .expect("a cell")
        .rect();
    wheel_at(h, cell.center(), delta);
}

/// The mouse wheel turned by `delta` points at `at`.
fn wheel_at(h: &mut Harness<'_, PostureApp>, at: egui::Pos2, delta: egui::Vec2) {
    h.hover_at(at);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta,
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run_steps(6);
}

/// F6 until the table has the keyboard, at its first verdict (strict EU residency, Enterprise).
fn f6_to_the_table(h: &mut Harness<'_, PostureApp>) {
    for _ in 0..8 {
        h.key_press(egui::Key::F6);
        h.run_steps(2);
        if focused(h).starts_with("Strict EU residency, Enterprise") {
            return;
        }
    }
    panic!("F6 never reached the table");
}

/// Where the widget whose label starts with `prefix` is ("Processing location, Amazon
/// Bedrock:" — a cell, named with its row and column).
fn rect_starting(h: &Harness<'_, PostureApp>, prefix: &str) -> egui::Rect {
    h.query_all(By::new().predicate(|n| n.label().is_some_and(|l| l.starts_with(prefix))))
        .next()
        .unwrap_or_else(|| panic!("no widget named {prefix}…"))
        .rect()
}

/// The rectangle of the one widget labelled `label` with role `role`.
fn rect_of(h: &Harness<'_, PostureApp>, role: Role, label: &str) -> egui::Rect {
    h.get_by_role_and_label(role, label).rect()
}

/// The toolbar spans the table and the side panel: opening the panel moves nothing in it, and
/// a second click where the first one opened the panel closes it. At 1024 px, where the tabs
/// take a line of their own, as at 1280.
#[test]
fn the_toolbar_does_not_move_when_the_side_panel_opens() {
    for width in [1024.0, 1280.0] {
        let mut h = harness_sized(
            app_all(&["enterprise", "bedrock", "vertex", "foundry"], &[], &[]),
            width,
        );
        let caveats = h
            .get_by_label_contains("Caveats & actions (")
            .accesskit_node()
            .label()
            .unwrap_or_default();
        let widgets = |h: &Harness<'_, PostureApp>| {
            vec![
                rect_of(h, Role::TextInput, "Filter rows:"),
                rect_of(h, Role::CheckBox, "Show only differences"),
                rect_of(h, Role::Button, "Details"),
                rect_of(h, Role::Button, &caveats),
                rect_of(h, Role::Button, "Sources"),
                rect_of(h, Role::ComboBox, "Sources:"),
            ]
        };
        let before = widgets(&h);
        let at = before[3].center();
        click_at(&mut h, at);
        assert!(h.state().state.view.side_open, "{width}: the panel opened");
        assert_eq!(widgets(&h), before, "{width}: nothing in the toolbar moved");
        click_at(&mut h, at);
        assert!(
            !h.state().state.view.side_open,
            "{width}: the same spot closed it again"
        );
    }
}

/// The columns share the spare width: the last one ends at the window's right edge (less the
/// scroll bar's room), not 115 px short of it.
#[test]
fn the_columns_share_the_spare_width() {
    let h = harness_sized(
        app_all(&["enterprise", "bedrock", "vertex", "foundry"], &[], &[]),
        1920.0,
    );
    let right = h
        .query_all_by_role(Role::ColumnHeader)
        .filter_map(|n| n.accesskit_node().bounding_box().map(|b| b.x1))
        .fold(0.0, f64::max);
    assert!(right > 1920.0 - 40.0, "the last column ends at {right}");
}

/// A column scrolled partly under the sticky first column shows nothing beside it, and takes
/// no clicks there.
#[test]
fn a_column_scrolled_under_the_first_column_is_clipped_at_its_edge() {
    let mut h = harness_sized(
        app_all(crate::common::ALL, &[], &["zero-retention"]),
        1024.0,
    );
    // Sideways by less than a column: one column is left partly under the first.
    wheel_over_table(&mut h, egui::vec2(-57.0, 0.0));
    let edge = h
        .query_all_by_role(Role::RowHeader)
        .filter_map(|n| n.accesskit_node().bounding_box().map(|b| b.x1))
        .fold(0.0, f64::max);
    assert!(edge > 100.0, "the first column is there");
    let mut seen = 0;
    for n in h.query_all(By::new().predicate(|n| {
        matches!(n.role(), Role::Cell | Role::ColumnHeader)
            // The verdict badges: "Zero retention, Pro: ✓ Fits".
            || n.label().is_some_and(|l| l.starts_with("Zero retention, "))
    })) {
        let Some(b) = n.accesskit_node().bounding_box() else {
            continue;
        };
        seen += 1;
        assert!(
            b.x0 >= edge - 0.5,
            "{:?} reaches under the first column ({} < {edge})",
            n.accesskit_node().label(),
            b.x0
        );
    }
    assert!(seen > 10, "the table is there");
    let widths: Vec<f64> = h
        .query_all_by_role(Role::ColumnHeader)
        .filter_map(|n| n.accesskit_node().bounding_box().map(|b| b.width()))
        .collect();
    let widest = widths.iter().copied().fold(0.0, f64::max);
    assert!(
        widths.iter().any(|w| *w < widest - 10.0),
        "one column is partly scrolled under the first: {widths:?}"
    );
}

/// Scrolled to the bottom of a long table, then into presentation with a filter that leaves a
/// short one: the very first frame is drawn inside the new table, with its rows under the
/// sticky header, never an empty stretch past the table's end.
#[test]
fn presentation_clamps_the_scroll_to_the_new_table() {
    let mut h = harness_window(
        app_all(crate::common::ALL, &[], &["zero-retention"]),
        1280.0,
        720.0,
    );
    wheel_over_table(&mut h, egui::vec2(0.0, -100_000.0));
    let names = |h: &Harness<'_, PostureApp>| {
        h.query_all_by_role(Role::RowHeader)
            .filter_map(|n| n.accesskit_node().label())
            .collect::<Vec<_>>()
    };
    assert!(
        !names(&h).iter().any(|n| n == "Processing location"),
        "scrolled past the first rows: {:?}",
        names(&h)
    );
    let ctx = egui::Context::default();
    h.state_mut()
        .apply(&ctx, posture::ui::Action::SetFilter("location".into()));
    h.state_mut().apply(
        &ctx,
        posture::ui::Action::Run(posture::ui::Command::Presentation),
    );
    h.step();
    assert!(
        names(&h).iter().any(|n| n == "Processing location"),
        "the first frame shows the short table's rows: {:?}",
        names(&h)
    );
}

/// Task C of the walkthrough, from the keyboard alone: on the EU bank scenario (four
/// offerings), compare only Enterprise and Amazon Bedrock, read the details of Bedrock's
/// verdict on strict EU residency, go into presentation mode and export the client's brief.
/// Every key press is counted, a chord as one: F6 moves between the parts of the window, so
/// it takes 22, where Tab alone took about 60.
#[test]
fn the_keyboard_alone_compares_two_offerings_and_exports_in_under_fifty_presses() {
    use egui::{Key, Modifiers};
    let dir = std::env::temp_dir().join(format!("posture-ui-task-c-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let scenario = dir.join("eu-bank.ron");
    std::fs::write(
        &scenario,
        include_str!("../../policies/examples/eu-bank.ron"),
    )
    .unwrap();
    let mut app = PostureApp::new(load_builtin().unwrap(), Date::parse("2026-11-28").unwrap());
    app.native_dialogs = false;
    // A laptop's window: the offerings are below the left panel's fold.
    let mut h = harness_window(app, 1280.0, 720.0);
    open_file(&mut h, &scenario);
    assert_eq!(
        h.state().state.doc.scenario.offerings,
        ["enterprise", "bedrock", "vertex", "foundry"]
    );

    let mut presses = 0;
    let mut press = |h: &mut Harness<'_, PostureApp>, m: Modifiers, k: Key, times: usize| {
        for _ in 0..times {
            h.key_press_modifiers(m, k);
            h.run_steps(2);
            presses += 1;
        }
    };
    let none = Modifiers::NONE;
    // Shift+F6 goes round backwards: the table, the toolbar, then the offerings' first row.
    press(&mut h, Modifiers::SHIFT, Key::F6, 3);
    assert_eq!(focused(&h), "Pro");
    // Scrolled into view, where the user can see it.
    let pro = rect_of(&h, Role::CheckBox, "Pro");
    assert!(
        pro.bottom() < 720.0 - 24.0,
        "Pro is in view, clear of the edge: {pro:?}"
    );
    // Down the list: Max, Team, Enterprise and its →, Bedrock and its ← →, Vertex AI.
    press(&mut h, none, Key::Tab, 8);
    assert_eq!(focused(&h), "Google Vertex AI");
    press(&mut h, none, Key::Space, 1);
    // An unticked row has no move buttons: the next stop is Foundry.
    press(&mut h, none, Key::Tab, 1);
    assert_eq!(focused(&h), "Microsoft Foundry (preview)");
    press(&mut h, none, Key::Space, 1);
    assert_eq!(
        h.state().state.doc.scenario.offerings,
        ["enterprise", "bedrock"]
    );

    // F6 twice: the toolbar, then the table at its first verdict; → to Bedrock's; Enter.
    press(&mut h, none, Key::F6, 2);
    assert!(
        focused(&h).starts_with("Strict EU residency, Enterprise:"),
        "{}",
        focused(&h)
    );
    press(&mut h, none, Key::ArrowRight, 1);
    press(&mut h, none, Key::Enter, 1);
    assert_eq!(
        h.state().state.view.selection,
        Some(posture::ui::actions::Selection::Verdict {
            requirement: "strict-eu-residency".into(),
            offering: "bedrock".into(),
        })
    );
    assert!(h.state().state.view.side_open, "the details are open");
    press(&mut h, none, Key::Escape, 1);
    assert!(!h.state().state.view.side_open, "Esc closed them");

    press(&mut h, none, Key::F5, 1);
    assert!(h.state().state.view.presentation);
    // The suggested file is the client's brief, beside the scenario: Enter takes it.
    press(&mut h, Modifiers::COMMAND, Key::E, 1);
    let brief = dir.join("Banque Lumière Luxembourg brief 2026-11-28.pdf");
    assert_eq!(
        h.state().state.path_prompt.as_ref().map(|p| p.text.clone()),
        Some(brief.display().to_string())
    );
    press(&mut h, none, Key::Enter, 1);
    assert!(wait_for(&mut h, "Brief exported to"));
    assert!(std::fs::read(&brief).unwrap().starts_with(b"%PDF"));
    // The keyboard is back on the verdict it left for the export.
    assert!(
        focused(&h).starts_with("Strict EU residency, Amazon Bedrock:"),
        "{}",
        focused(&h)
    );
    assert_eq!(presses, 22, "Task C's key presses");
    assert!(presses < 50);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// F6 visits each part of the window once, in order, and comes round; Shift+F6 goes back. An
/// open side panel is a part too, and in presentation mode only what is shown is.
#[test]
fn f6_moves_the_focus_from_part_to_part_of_the_window() {
    use egui::{Key, Modifiers};
    let mut h = harness_sized(
        app(
            &["enterprise", "bedrock"],
            &["region-pinning"],
            &["zero-retention"],
        ),
        1280.0,
    );
    let walk = |h: &mut Harness<'_, PostureApp>, m: Modifiers, times: usize| {
        (0..times)
            .map(|_| {
                h.key_press_modifiers(m, Key::F6);
                h.run_steps(2);
                focused(h)
            })
            .collect::<Vec<_>>()
    };
    let parts = walk(&mut h, Modifiers::NONE, 8);
    assert_eq!(
        parts[..6],
        [
            "File",
            "Client name",
            "Strict EU residency",
            "EU region pinning (contract)",
            "Pro",
            "Filter rows:",
        ]
    );
    assert!(
        parts[6].starts_with("Zero retention, Enterprise:"),
        "{parts:?}"
    );
    assert_eq!(parts[7], "File", "round again");
    let back = walk(&mut h, Modifiers::SHIFT, 2);
    assert!(
        back[0].starts_with("Zero retention, Enterprise:"),
        "{back:?}"
    );
    assert_eq!(back[1], "Filter rows:");

    // The side panel, open, comes after the table.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run_steps(2);
    let parts = walk(&mut h, Modifiers::NONE, 2);
    assert!(
        parts[0].starts_with("Zero retention, Enterprise:"),
        "{parts:?}"
    );
    assert_eq!(parts[1], "Close panel");

    // Presentation shows no left panel: the bar, the tabs, the table (and the panel).
    h.key_press(Key::Escape);
    h.key_press(Key::F5);
    h.run_steps(3);
    let parts = walk(&mut h, Modifiers::NONE, 3);
    assert_eq!(parts[0], "Exit presentation (F5)");
    assert_eq!(parts[1], "Details");
    assert!(
        parts[2].starts_with("Zero retention, Enterprise:"),
        "{parts:?}"
    );
}

/// The left panel's edge is a Tab stop a keyboard can use: with the focus, → widens the panel
/// and ← narrows it, and the arrows do not move the focus away.
#[test]
fn the_left_panel_edge_moves_with_the_arrow_keys() {
    use egui::Key;
    let mut h = harness_sized(app(&["enterprise", "bedrock"], &[], &[]), 1280.0);
    let filter_x = |h: &Harness<'_, PostureApp>| rect_of(h, Role::TextInput, "Filter rows:").left();
    let before = filter_x(&h);
    // From the last offering's row, one Tab reaches the edge.
    for _ in 0..60 {
        h.key_press(Key::Tab);
        h.run_steps(1);
        if focused(&h) == "Resize panel" {
            break;
        }
    }
    assert_eq!(focused(&h), "Resize panel");
    for _ in 0..3 {
        h.key_press(Key::ArrowRight);
        h.run_steps(2);
    }
    assert_eq!(
        focused(&h),
        "Resize panel",
        "the arrows leave the focus on the edge"
    );
    let wider = filter_x(&h);
    assert!(wider > before + 30.0, "wider: {before} → {wider}");
    h.key_press(Key::ArrowLeft);
    h.run_steps(2);
    let narrower = filter_x(&h);
    assert!(narrower < wider, "narrower: {wider} → {narrower}");
}

/// Opening the side panel beside the table moves no column and no cell from under the pointer:
/// the columns keep their width and the table scrolls sideways instead; a click on a cell the
/// panel then covers brings that cell into view.
#[test]
fn opening_the_side_panel_moves_no_column() {
    let mut h = harness_sized(
        app_all(&["enterprise", "bedrock", "vertex", "foundry"], &[], &[]),
        1280.0,
    );
    let header = |h: &Harness<'_, PostureApp>, name: &str| rect_of(h, Role::ColumnHeader, name);
    let enterprise = header(&h, "Enterprise");
    let bedrock = header(&h, "Amazon Bedrock");
    // Bedrock's first cell, clicked: the panel opens with its details.
    let cell = rect_starting(&h, "Processing location, Amazon Bedrock:");
    click_at(&mut h, cell.center());
    h.run_steps(4);
    assert!(h.state().state.view.side_open, "the details opened");
    assert_eq!(header(&h, "Enterprise"), enterprise, "Enterprise stayed");
    assert_eq!(header(&h, "Amazon Bedrock"), bedrock, "Bedrock stayed");
    let still = rect_starting(&h, "Processing location, Amazon Bedrock:");
    assert_eq!(
        still.min, cell.min,
        "the clicked cell stayed under the pointer"
    );

    // Foundry's cell, now under the panel: the cursor on it scrolls it into view.
    let foundry = posture::ui::actions::Selection::Cell {
        attribute: "processing".into(),
        offering: "foundry".into(),
    };
    h.state_mut().apply(
        &egui::Context::default(),
        posture::ui::Action::Select(foundry),
    );
    h.run_steps(6);
    // The panel opens 330 px wide at the right.
    let panel_left = 1280.0 - 330.0;
    let f = rect_starting(&h, "Processing location, Microsoft Foundry");
    assert!(
        f.right() <= panel_left + 1.0,
        "Foundry's cell is scrolled clear of the panel: {f:?}"
    );
    // By whole columns: the column at the first column's edge (Vertex) starts right there,
    // whole, with no cut strip of another before it.
    let vertex = rect_starting(&h, "Processing location, Google Vertex AI");
    assert_eq!(vertex.left(), enterprise.left(), "{vertex:?}");
    assert_eq!(vertex.width(), enterprise.width(), "{vertex:?}");
    // The wheel goes no further right than that: no run of blank table past the last column.
    wheel_over_table(&mut h, egui::vec2(-2000.0, 0.0));
    let still = rect_starting(&h, "Processing location, Google Vertex AI");
    assert_eq!(still, vertex, "the wheel's furthest is the keys' furthest");
    // Closed again, the table is back to all its columns, from the first.
    h.key_press(egui::Key::Escape);
    h.run_steps(4);
    assert_eq!(header(&h, "Enterprise"), enterprise, "back at the start");
}

/// The details of another cell open at their top, with their heading in view, however far the
/// last one was scrolled.
#[test]
fn the_details_of_another_cell_open_at_their_heading() {
    use posture::ui::actions::{Selection, SideTab};
    let mut h = harness_window(app_all(&["enterprise", "bedrock"], &[], &[]), 1280.0, 720.0);
    let select = |h: &mut Harness<'_, PostureApp>, attribute: &str| {
        h.state_mut().apply(
            &egui::Context::default(),
            posture::ui::Action::Select(Selection::Cell {
                attribute: attribute.into(),
                offering: "enterprise".into(),
            }),
        );
        h.run_steps(4);
    };
    // In the panel, right of the table.
    let heading_top = |h: &Harness<'_, PostureApp>, title: &str| {
        h.query_all_by_label(title)
            .map(|n| n.rect())
            .find(|r| r.left() > 950.0)
            .map(|r| r.top())
    };
    select(&mut h, "processing");
    let top = heading_top(&h, "Processing location").expect("the heading");
    // Scrolled far down the details.
    wheel_at(&mut h, egui::pos2(1100.0, 500.0), egui::vec2(0.0, -2000.0));
    assert!(
        heading_top(&h, "Processing location").is_none_or(|t| t < top - 50.0),
        "the wheel scrolled the details"
    );
    select(&mut h, "retention");
    assert_eq!(
        heading_top(&h, "Retention"),
        Some(top),
        "at the top, heading in view"
    );
    // Scrolled again, then to another tab and back: Details opens at its heading again.
    wheel_at(&mut h, egui::pos2(1100.0, 500.0), egui::vec2(0.0, -2000.0));
    assert!(heading_top(&h, "Retention").is_none_or(|t| t < top - 50.0));
    for tab in [SideTab::Caveats, SideTab::Details] {
        h.state_mut().apply(
            &egui::Context::default(),
            posture::ui::Action::SetSideTab(tab),
        );
        h.run_steps(4);
    }
    assert_eq!(
        heading_top(&h, "Retention"),
        Some(top),
        "back to Details, at its heading"
    );
}

/// The left panel scrolls to its own controls as they take the focus, and to nothing else: the
/// focus going round from the table to the File menu leaves it where it is.
#[test]
fn the_left_panel_scrolls_only_to_its_own_controls() {
    use egui::{Key, Modifiers};
    let mut h = harness_window(
        app_all(&["enterprise", "bedrock"], &[], &["zero-retention"]),
        1280.0,
        720.0,
    );
    let press = |h: &mut Harness<'_, PostureApp>, m: Modifiers, k: Key| {
        h.key_press_modifiers(m, k);
        h.run_steps(3);
    };
    // Into the offerings, below the fold: the panel scrolls down to them.
    for _ in 0..3 {
        press(&mut h, Modifiers::SHIFT, Key::F6);
    }
    assert_eq!(focused(&h), "Pro");
    let pro = rect_of(&h, Role::CheckBox, "Pro");
    assert!(pro.bottom() < 720.0, "{pro:?}");
    // To the table, then Tab round to the File menu.
    press(&mut h, Modifiers::NONE, Key::F6);
    press(&mut h, Modifiers::NONE, Key::F6);
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(focused(&h), "File");
    assert_eq!(
        rect_of(&h, Role::CheckBox, "Pro"),
        pro,
        "the left panel stayed put"
    );
}

/// A mistyped path in Open is said in the field, which stays open with the path as typed; put
/// right, Enter opens it.
#[test]
fn a_mistyped_path_stays_in_the_open_field_with_its_error() {
    use egui::{Key, Modifiers};
    let dir = std::env::temp_dir().join(format!("posture-ui-typo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("azure-first.ron");
    std::fs::write(&good, posture::model::Scenario::default().to_ron()).unwrap();
    let mut app = PostureApp::new(load_builtin().unwrap(), Date::parse("2026-11-28").unwrap());
    app.native_dialogs = false;
    let mut h = harness(app);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    let typo = dir.join("azure-frist.ron").display().to_string();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(typo.clone()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    let prompt = h
        .state()
        .state
        .path_prompt
        .as_ref()
        .expect("the field stays open");
    assert_eq!(prompt.text, typo, "with the path as typed");
    assert!(
        h.query_by_label(&format!("No file or folder at {typo}."))
            .is_some(),
        "the error in the field"
    );
    assert!(
        h.state().state.notifications.is_empty(),
        "and not in a notice"
    );
    // Put right in place: Ctrl+A and the right name.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(good.display().to_string()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(h.state().state.path_prompt.is_none());
    assert_eq!(h.state().state.doc.path.as_deref(), Some(good.as_path()));
    let _ = std::fs::remove_dir_all(&dir);
}

/// On a client's screen a notice with buttons ("Open", "Show in folder") goes as soon as plain
/// information does, rather than covering the comparison for twenty seconds.
#[test]
fn a_notice_leaves_a_clients_screen_in_seconds() {
    use posture::ui::state::NoticeKind;
    for presentation in [false, true] {
        let mut h = harness(app(&["enterprise", "bedrock"], &[], &[]));
        if presentation {
            h.key_press(egui::Key::F5);
            h.run_steps(2);
        }
        let open = posture::ui::Action::Run(posture::ui::Command::SaveScenario);
        h.state_mut().notify(
            NoticeKind::Info,
            "Brief exported to brief.pdf (95 KB).",
            vec![("Open".into(), open)],
        );
        // Ten seconds (a step is a quarter of one).
        h.run_steps(40);
        let shown = h.query_by_label_contains("Brief exported to").is_some();
        assert_eq!(shown, !presentation, "presentation: {presentation}");
    }
}

/// The legend after the dispute count stays put when the count changes.
#[test]
fn the_legend_stays_put_when_the_dispute_count_changes() {
    let mut h = harness_sized(
        app_all(
            &["enterprise", "bedrock", "vertex", "foundry"],
            &["region-pinning"],
            &["strict-eu-residency", "zero-retention"],
        ),
        1280.0,
    );
    let legend = |h: &Harness<'_, PostureApp>| {
        h.query_by_label_contains("changed by an option")
            .expect("the legend")
            .rect()
    };
    let count = |h: &Harness<'_, PostureApp>| {
        h.query_by_label_contains("≠ Sources disagree: ")
            .and_then(|n| {
                let n = n.accesskit_node();
                n.label().or_else(|| n.value()).map(|l| l.to_string())
            })
            .unwrap_or_default()
    };
    let (before, said) = (legend(&h), count(&h));
    h.state_mut().apply(
        &egui::Context::default(),
        posture::ui::Action::Edit(posture::ui::Edit::Offerings(vec![
            "enterprise".into(),
            "bedrock".into(),
        ])),
    );
    h.run_steps(3);
    assert_ne!(count(&h), said, "the count changed");
    assert_eq!(legend(&h), before, "the legend did not move");
}

/// At 1024 px, with the left panel at its width, all four columns of the EU bank's comparison
/// fit beside the scroll bar: none is cut at the right.
#[test]
fn four_columns_fit_at_1024() {
    let h = harness_window(
        app_all(
            &["enterprise", "bedrock", "vertex", "foundry"],
            &[],
            &["zero-retention"],
        ),
        1024.0,
        768.0,
    );
    // A header is clipped to what shows of its column: the last is as wide as the first.
    let enterprise = rect_of(&h, Role::ColumnHeader, "Enterprise");
    let foundry = rect_of(&h, Role::ColumnHeader, "Microsoft Foundry (preview)");
    assert_eq!(foundry.width(), enterprise.width(), "{foundry:?}");
}

/// At 1024 × 768 a click on a tall cell that the opening panel would cover scrolls the table
/// sideways just enough to show it, and never up or down: the rows stay where they were.
#[test]
fn a_click_on_a_tall_cell_never_scrolls_the_rows() {
    let mut h = harness_window(
        app_all(
            &["enterprise", "bedrock", "vertex", "foundry"],
            &["region-pinning"],
            &["strict-eu-residency", "zero-retention"],
        ),
        1024.0,
        768.0,
    );
    let cell =
        |h: &Harness<'_, PostureApp>| rect_starting(h, "Processing location, Amazon Bedrock:");
    let before = cell(&h);
    let first_column_edge = rect_of(&h, Role::ColumnHeader, "Enterprise").left();
    click_at(&mut h, before.center());
    h.run_steps(6);
    assert!(h.state().state.view.side_open);
    let after = cell(&h);
    assert_eq!(after.top(), before.top(), "no row moved up or down");
    assert!(
        after.width() >= before.width() - 1.0,
        "the whole column shows: {before:?} → {after:?}"
    );
    // By whole columns: Bedrock starts at the first column's edge, no sliver of Enterprise.
    assert_eq!(after.left(), first_column_edge);
}

/// On a client's screen the focus ring hides until a key is pressed, and the first arrow only
/// shows it: the second moves.
#[test]
fn in_presentation_the_first_arrow_shows_the_focus_and_the_second_moves() {
    use egui::Key;
    let mut h = harness_sized(
        app_all(
            &["enterprise", "bedrock"],
            &[],
            &["strict-eu-residency", "zero-retention"],
        ),
        1280.0,
    );
    // The table's first verdict, by keyboard.
    f6_to_the_table(&mut h);
    assert!(focused(&h).starts_with("Strict EU residency, Enterprise"));
    h.key_press(Key::F5);
    h.run_steps(3);
    let view = |h: &Harness<'_, PostureApp>| h.state().state.view.clone();
    assert!(!view(&h).show_focus(), "hidden on entering");
    let at = view(&h).cursor;
    h.key_press(Key::ArrowDown);
    h.run_steps(3);
    assert!(view(&h).show_focus(), "shown after a key");
    assert_eq!(view(&h).cursor, at, "and still where it was");
    h.key_press(Key::ArrowDown);
    h.run_steps(3);
    assert_ne!(view(&h).cursor, at, "the second arrow moves");
    assert!(
        focused(&h).starts_with("Zero retention, Enterprise"),
        "{}",
        focused(&h)
    );
}

/// Presentation from a fresh start puts the keyboard on the table: the arrows work at once
/// (the first shows the ring, the next moves it), with no F6 first.
#[test]
fn presentation_puts_the_keyboard_on_the_table() {
    use egui::Key;
    let mut h = harness_sized(
        app_all(
            &["enterprise", "bedrock"],
            &[],
            &["strict-eu-residency", "zero-retention"],
        ),
        1280.0,
    );
    assert_eq!(focused(&h), "", "nothing has the keyboard yet");
    h.key_press(Key::F5);
    h.run_steps(4);
    assert!(
        focused(&h).starts_with("Strict EU residency, Enterprise"),
        "{}",
        focused(&h)
    );
    h.key_press(Key::ArrowDown);
    h.run_steps(3);
    h.key_press(Key::ArrowDown);
    h.run_steps(3);
    assert!(
        focused(&h).starts_with("Zero retention, Enterprise"),
        "{}",
        focused(&h)
    );
}

/// In presentation the details float on the side away from what they describe: a verdict in
/// the right-hand columns gets them at the left, and stays in view.
#[test]
fn presentation_details_float_away_from_what_they_describe() {
    use posture::ui::actions::Selection;
    let mut h = harness_sized(
        app_all(
            &["enterprise", "bedrock", "vertex", "foundry"],
            &[],
            &["strict-eu-residency"],
        ),
        1280.0,
    );
    h.key_press(egui::Key::F5);
    h.run_steps(3);
    for (offering, left) in [("foundry", true), ("enterprise", false)] {
        h.state_mut().apply(
            &egui::Context::default(),
            posture::ui::Action::Select(Selection::Verdict {
                requirement: "strict-eu-residency".into(),
                offering: offering.into(),
            }),
        );
        h.run_steps(4);
        let close = rect_of(&h, Role::Button, "Close panel");
        let verdict = h
            .query_all(By::new().predicate(move |n| {
                n.label().is_some_and(|l| {
                    l.starts_with("Strict EU residency, ")
                        && l.contains(if left {
                            "Microsoft Foundry"
                        } else {
                            "Enterprise"
                        })
                })
            }))
            .next()
            .expect("the verdict")
            .rect();
        if left {
            assert!(
                close.right() < verdict.left(),
                "{close:?} left of {verdict:?}"
            );
        } else {
            assert!(
                close.left() > verdict.right(),
                "{close:?} right of {verdict:?}"
            );
        }
    }
}

/// Opening the file that is already open with unsaved changes (as on a start on that file,
/// with last time's changes restored) asks in those words, and each answer does what it says.
#[test]
fn reopening_the_open_file_asks_in_its_own_words() {
    use posture::ui::Action;
    let dir = std::env::temp_dir().join(format!("posture-ui-reopen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("eu-bank.ron");
    std::fs::write(&file, include_str!("../../policies/examples/eu-bank.ron")).unwrap();
    let mut app = PostureApp::new(load_builtin().unwrap(), Date::parse("2026-11-28").unwrap());
    app.native_dialogs = false;
    let mut h = harness(app);
    open_file(&mut h, &file);
    let ctx = egui::Context::default();
    h.state_mut().apply(
        &ctx,
        Action::Edit(posture::ui::Edit::Offering("foundry".into(), false)),
    );
    h.run_steps(2);
    assert!(h.state().state.doc.dirty());
    h.state_mut()
        .apply(&ctx, Action::OpenScenario(file.clone()));
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("is open with changes not saved to the file")
            .is_some(),
        "said as a reopening, not 'another scenario'"
    );
    h.get_by_label("Keep the changes open").click();
    h.run_steps(2);
    assert!(h.state().state.doc.dirty(), "the changes stay");
    h.state_mut()
        .apply(&ctx, Action::OpenScenario(file.clone()));
    h.run_steps(2);
    h.get_by_label("Reopen without them").click();
    h.run_steps(3);
    let s = &h.state().state;
    assert!(!s.doc.dirty());
    assert!(
        s.doc.scenario.offerings.contains(&"foundry".to_string()),
        "as in the file"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A focused cell scrolled out of view with the wheel keeps the keyboard: the next arrow
/// moves on from it and brings the new cell into view.
#[test]
fn a_focused_cell_scrolled_away_keeps_the_keyboard() {
    use egui::Key;
    let mut h = harness_window(
        app_all(&["enterprise", "bedrock"], &[], &["strict-eu-residency"]),
        1280.0,
        720.0,
    );
    // Into the table, and down onto the first attribute row.
    f6_to_the_table(&mut h);
    h.key_press(Key::ArrowDown);
    h.run_steps(3);
    assert!(
        focused(&h).starts_with("Processing location, Enterprise"),
        "{}",
        focused(&h)
    );
    // The wheel takes it far out of view.
    wheel_over_table(&mut h, egui::vec2(0.0, -3000.0));
    assert!(
        h.query_by_label_contains("Processing location, Enterprise")
            .is_none(),
        "scrolled out of view"
    );
    h.key_press(Key::ArrowDown);
    h.run_steps(4);
    let now = focused(&h);
    assert!(
        now.starts_with("Inference operated by, Enterprise"),
        "{now}"
    );
    let cell = h
        .get_by_label_contains("Inference operated by, Enterprise")
        .rect();
    assert!(
        cell.top() >= 0.0 && cell.bottom() <= 720.0,
        "in view: {cell:?}"
    );
}
