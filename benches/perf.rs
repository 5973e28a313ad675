//! `cargo bench`: medians for the engine, one full UI frame (layout + tessellation, headless) and,
//! once present, brief export — on the default set and on a generated set of 40 offerings × 300
//! attributes. A plain harness: no timing asserts, just figures to read.

use std::hint::black_box;
use std::time::{Duration, Instant};

use posture::engine::assess;
use posture::model::*;

fn median(mut f: impl FnMut(), iterations: usize) -> Duration {
    for _ in 0..3 {
        f();
    }
    let mut times: Vec<Duration> = (0..iterations)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn report(name: &str, d: Duration) {
    println!("{name:<52} median {:>9.3} ms", d.as_secs_f64() * 1000.0);
}

/// A synthetic set shaped like the real one, scaled up.
pub fn large_set(offerings: usize, attributes: usize) -> PolicySet {
    let mut set = load_builtin().expect("built-in set");
    let cite = set.offerings[0].values[0].cite.clone();
    let base_attrs = set.attributes.clone();
    let base_offerings = set.offerings.clone();
    for i in 0..attributes.saturating_sub(base_attrs.len()) {
        set.attributes.push(Attribute {
            id: format!("extra-{i}"),
            name: format!("Extra property {i}"),
            question: String::new(),
            group: format!("Extra group {}", i / 25),
            kind: AttributeKind::Text,
            locked: false,
            summary: false,
            help: String::new(),
        });
    }
    set.offerings.clear();
    for k in 0..offerings {
        let mut o = base_offerings[k % base_offerings.len()].clone();
        o.id = format!("{}-{k}", o.id);
        o.name = format!("{} #{k}", o.name);
        for i in 0..attributes.saturating_sub(base_attrs.len()) {
            o.values.push(Cell {
                attribute: format!("extra-{i}"),
                value: Value::Text(format!("Value {i} for offering {k}, long enough to wrap onto a second line in a narrow column")),
                label: None,
                note: String::new(),
                cite: cite.clone(),
                facts: Vec::new(),
            });
        }
        set.offerings.push(o);
    }
    set
}

fn scenario_all(set: &PolicySet) -> Scenario {
    Scenario {
        client: "Banque Lumière — Luxembourg".into(),
        date: "2026-11-28".into(),
        offerings: set.offerings.iter().map(|o| o.id.clone()).collect(),
        options: set.options.iter().map(|o| o.id.clone()).collect(),
        requirements: set.requirements.iter().map(|r| r.id.clone()).collect(),
        ..Default::default()
    }
}

fn frame_bench(name: &str, set: PolicySet) {
    let today = Date::parse("2026-11-28").unwrap();
    let scenario = scenario_all(&set);
    let mut app = posture::ui::PostureApp::new(set, today);
    app.native_dialogs = false;
    let ctx = egui::Context::default();
    posture::ui::style::install(&ctx);
    app.scenario = scenario;
    // Any edit re-runs the assessment on the new scenario, as in the app.
    app.apply(&ctx, posture::ui::Action::SetPreparedBy("Bench".into()));
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1440.0, 900.0),
        )),
        ..Default::default()
    };
    // Let fonts and layout caches settle.
    for _ in 0..5 {
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
    }
    let d = median(
        || {
            let out = ctx.run_ui(input(), |ui| app.show(ui));
            black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
        },
        200,
    );
    report(name, d);
}

fn main() {
    // `cargo test --benches` runs this with --bench absent; keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let default = load_builtin().expect("built-in set");
    let large = large_set(40, 300);
    let today = Date::parse("2026-11-28").unwrap();
    let iters = if quick { 3 } else { 200 };

    let s = scenario_all(&default);
    report(
        "assess: default set (7 × 14, all options/reqs)",
        median(
            || {
                black_box(assess(&default, &s, today));
            },
            iters,
        ),
    );
    let s = scenario_all(&large);
    report(
        "assess: generated set (40 × 300)",
        median(
            || {
                black_box(assess(&large, &s, today));
            },
            iters.min(50),
        ),
    );
    report(
        "load + validate: built-in set",
        median(
            || {
                black_box(load_builtin().ok());
            },
            iters,
        ),
    );
    let a = assess(&default, &scenario_all(&default), today);
    report(
        "brief: default set, all offerings (render_pdf)",
        median(
            || {
                black_box(posture::brief::render_pdf(&a, posture::brief::Paper::A4).ok());
            },
            iters.min(50),
        ),
    );
    let fonts = posture::brief::fonts::fonts().expect("fonts");
    report(
        "brief: default set, layout only (no PDF)",
        median(
            || {
                black_box(posture::brief::content::lay_out(
                    &a,
                    fonts,
                    posture::brief::Paper::A4.size(),
                ));
            },
            iters.min(50),
        ),
    );
    let example = Scenario::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/examples/eu-bank.ron"
    )))
    .expect("example");
    let a = assess(&default, &example, today);
    report(
        "brief: eu-bank example (4 offerings)",
        median(
            || {
                black_box(posture::brief::render_pdf(&a, posture::brief::Paper::A4).ok());
            },
            iters.min(50),
        ),
    );
    if quick {
        return;
    }
    let a = assess(&large, &scenario_all(&large), today);
    report(
        "brief: generated set (40 × 300)",
        median(
            || {
                black_box(posture::brief::render_pdf(&a, posture::brief::Paper::A4).ok());
            },
            5,
        ),
    );
    frame_bench(
        "UI frame (layout + tessellation): default set",
        default.clone(),
    );
    frame_bench("UI frame (layout + tessellation): 40 × 300 set", large);
}
