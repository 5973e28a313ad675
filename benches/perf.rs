//! `cargo bench`: medians for the engine, one full UI frame (layout + tessellation, headless), a
//! click on an option to the next frame, brief export in process and as a whole `posture export`
//! process, and the EU bank brief's size — on the default set and on a generated set of 40
//! offerings × 300 attributes. A plain harness: no timing asserts, just figures to read.

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

/// `cargo bench -- WORD` runs only the benchmarks whose name contains WORD.
fn selected(name: &str) -> bool {
    let words: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    words.is_empty() || words.iter().any(|w| name.contains(w.as_str()))
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
    // Options, claims and caveats name the copies, so the copies carry the disputes and the
    // options of the real offerings.
    let copies = |ids: &mut Vec<String>| {
        let original = std::mem::take(ids);
        for k in 0..offerings {
            let base = &base_offerings[k % base_offerings.len()].id;
            if original.contains(base) {
                ids.push(format!("{base}-{k}"));
            }
        }
    };
    for op in &mut set.options {
        copies(&mut op.applies_to);
        for ch in &mut op.changes {
            if !ch.offerings.is_empty() {
                copies(&mut ch.offerings);
            }
        }
    }
    for c in &mut set.claims {
        copies(&mut c.offerings);
    }
    for c in &mut set.caveats {
        if !c.scope.offerings.is_empty() {
            copies(&mut c.scope.offerings);
        }
    }
    set
}

/// Takes `id` out of `list`, or puts it in: one click on a checkbox.
fn toggle(list: &mut Vec<String>, id: &str) {
    if list.iter().any(|x| x == id) {
        list.retain(|x| x != id);
    } else {
        list.push(id.to_string());
    }
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

/// The app on `set` with every offering, option and requirement, its frames settled.
fn settled_app(set: PolicySet) -> (posture::ui::PostureApp, egui::Context) {
    let today = Date::parse("2026-11-28").unwrap();
    let scenario = scenario_all(&set);
    let mut app = posture::ui::PostureApp::new(set, today);
    app.native_dialogs = false;
    let ctx = egui::Context::default();
    posture::ui::style::install(&ctx);
    app.state.doc.scenario = scenario;
    // Any edit re-runs the assessment on the new scenario, as in the app.
    app.apply(
        &ctx,
        posture::ui::Action::Edit(posture::ui::Edit::PreparedBy("Bench".into())),
    );
    // Let fonts and layout caches settle.
    for _ in 0..5 {
        frame(&ctx, &mut app);
    }
    (app, ctx)
}

/// One full frame at 1440 × 900: layout and tessellation.
fn frame(ctx: &egui::Context, app: &mut posture::ui::PostureApp) {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1440.0, 900.0),
        )),
        ..Default::default()
    };
    let out = ctx.run_ui(input, |ui| app.show(ui));
    black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
}

fn frame_bench(name: &str, set: PolicySet) {
    let (mut app, ctx) = settled_app(set);
    report(name, median(|| frame(&ctx, &mut app), 200));
}

/// Runs `f` `iterations` times (after a warm-up) and prints the median, if selected.
fn bench(name: &str, iterations: usize, f: impl FnMut()) -> Option<Duration> {
    selected(name).then(|| {
        let d = median(f, iterations);
        report(name, d);
        d
    })
}

fn main() {
    // `cargo test --tests --benches` runs this without `--bench`: a quick smoke run of the cheap ones.
    let quick = !std::env::args().any(|a| a == "--bench");
    let default = load_builtin().expect("built-in set");
    let large = large_set(40, 300);
    let today = Date::parse("2026-11-28").unwrap();
    let iters = if quick { 3 } else { 200 };
    let a4 = posture::brief::Paper::A4;

    let s = scenario_all(&default);
    bench(
        "assess: default set (7 × 14, all options/reqs)",
        iters,
        || {
            black_box(assess(&default, &s, today));
        },
    );
    let s = scenario_all(&large);
    let disputed: usize = assess(&large, &s, today).disputes.len();
    bench(
        &format!("assess: 40 × 300 ({disputed} disputes), from nothing"),
        iters.min(50),
        || {
            black_box(assess(&large, &s, today));
        },
    );
    // As the app assesses: the same set, one option switched each time.
    let shared = std::sync::Arc::new(large.clone());
    let mut assessor = posture::engine::Assessor::new();
    let mut toggled = s.clone();
    let option = large
        .options
        .first()
        .map(|o| o.id.clone())
        .unwrap_or_default();
    bench(
        "assess: 40 × 300, one option toggled",
        iters.min(50),
        || {
            toggle(&mut toggled.options, &option);
            black_box(assessor.assess(&shared, &toggled, today));
        },
    );
    let requirement = large
        .requirements
        .first()
        .map(|r| r.id.clone())
        .unwrap_or_default();
    bench(
        "assess: 40 × 300, one requirement toggled",
        iters.min(50),
        || {
            toggle(&mut toggled.requirements, &requirement);
            black_box(assessor.assess(&shared, &toggled, today));
        },
    );
    bench("load + validate: built-in set", iters, || {
        black_box(load_builtin().ok());
    });
    let a = assess(&default, &scenario_all(&default), today);
    bench("brief: default set, all 7 offerings", iters.min(50), || {
        black_box(posture::brief::render_pdf(&a, a4).ok());
    });
    let fonts = posture::brief::fonts::fonts().expect("fonts");
    bench(
        "brief: default set, layout only (no PDF)",
        iters.min(50),
        || {
            black_box(posture::brief::content::lay_out(&a, fonts, a4.size()));
        },
    );
    let example = Scenario::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/examples/eu-bank.ron"
    )))
    .expect("example");
    let a = assess(&default, &example, today);
    // What tagging costs: the same brief with and without its structure tree, interleaved so
    // that the machine's state weighs on both alike.
    let twin = |tagging| posture::brief::render_pdf_tagging(&a, a4, None, tagging);
    use posture::brief::pdf::Tagging;
    let tagged = bench(
        "brief: eu-bank example (4 offerings), tagged",
        iters.min(100),
        || {
            black_box(twin(Tagging::Tagged).ok());
        },
    );
    let untagged = bench(
        "brief: eu-bank example, untagged twin",
        iters.min(100),
        || {
            black_box(twin(Tagging::Untagged).ok());
        },
    );
    let name = "brief: eu-bank example, file size";
    if selected(name)
        && let (Ok(t), Ok(u)) = (twin(Tagging::Tagged), twin(Tagging::Untagged))
    {
        println!(
            "{name:<52} {:>9} bytes tagged, {} untagged (+{:.1} %), {} pages",
            t.bytes.len(),
            u.bytes.len(),
            100.0 * (t.bytes.len() as f64 / u.bytes.len() as f64 - 1.0),
            t.pages
        );
    }
    let tagging_cost = tagged.zip(untagged).map(|(t, u)| t.saturating_sub(u));
    if quick {
        return;
    }
    let a = assess(&large, &scenario_all(&large), today);
    let pages = posture::brief::render_pdf(&a, a4).map_or(0, |b| b.pages);
    bench(
        &format!("brief: generated set (40 × 300, {pages} pages)"),
        5,
        || {
            black_box(posture::brief::render_pdf(&a, a4).ok());
        },
    );
    bench("brief: generated set (40 × 300), layout only", 5, || {
        black_box(posture::brief::content::lay_out(&a, fonts, a4.size()));
    });
    let name = "recheck: every source, pages answering in 0.3 s";
    if selected(name) {
        recheck_bench(name, &default);
    }
    let name = "UI frame (layout + tessellation): default set";
    if selected(name) {
        frame_bench(name, default.clone());
    }
    let name = "UI frame (layout + tessellation): 40 × 300 set";
    if selected(name) {
        frame_bench(name, large.clone());
    }
    let name = "UI: one option toggled at 40 × 300, click to next frame";
    if selected(name) {
        toggle_bench(name, large);
    }
    // The whole process, as a user runs it: start, load, assess, lay out, write.
    let bin = env!("CARGO_BIN_EXE_posture");
    let out = std::env::temp_dir().join(format!("posture-bench-{}.pdf", std::process::id()));
    let example_path = concat!(env!("CARGO_MANIFEST_DIR"), "/policies/examples/eu-bank.ron");
    let all: Vec<String> = default
        .offerings
        .iter()
        .map(|o| format!("--offering={}", o.id))
        .collect();
    let runs: [(&str, Vec<String>); 2] = [
        (
            "posture export, whole process: eu-bank",
            vec!["--scenario".into(), example_path.into()],
        ),
        ("posture export, whole process: full default set", all),
    ];
    let mut whole = Vec::new();
    for (name, args) in runs {
        whole.push(bench(name, 20, || {
            let status = std::process::Command::new(bin)
                .arg("export")
                .args(&args)
                .args(["--today", "2026-11-28", "--out"])
                .arg(&out)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status();
            black_box(status.ok());
        }));
    }
    let _ = std::fs::remove_file(&out);
    // The untagged process would differ only by the in-process difference measured above.
    if let (Some(Some(process)), Some(cost)) = (whole.first(), tagging_cost) {
        let untagged = process.saturating_sub(cost);
        println!(
            "{:<52} +{:.1} % ({:.3} ms of {:.3} ms untagged)",
            "tagging's cost, whole-process eu-bank export",
            100.0 * cost.as_secs_f64() / untagged.as_secs_f64(),
            cost.as_secs_f64() * 1000.0,
            untagged.as_secs_f64() * 1000.0
        );
    }
}

/// From a click on an option to the next frame drawn: the action (which re-assesses) and one
/// full frame, as the app does it.
fn toggle_bench(name: &str, set: PolicySet) {
    let option = set
        .options
        .first()
        .map(|o| o.id.clone())
        .unwrap_or_default();
    let (mut app, ctx) = settled_app(set);
    let mut on = true;
    let d = median(
        || {
            on = !on;
            app.apply(
                &ctx,
                posture::ui::Action::Edit(posture::ui::Edit::Option(option.clone(), on)),
            );
            frame(&ctx, &mut app);
        },
        30,
    );
    report(name, d);
}

/// The built-in set's sources served by a loopback server that answers each request after
/// 0.3 s, re-checked with the real client: parallel fetching against the sequential sum.
fn recheck_bench(name: &str, set: &PolicySet) {
    use std::io::{Read, Write};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("loopback");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let stop = Arc::new(AtomicBool::new(false));
    let stop_server = stop.clone();
    listener.set_nonblocking(true).ok();
    std::thread::spawn(move || {
        let body = format!("<p>{}</p>", "a page of words ".repeat(200));
        while !stop_server.load(Ordering::Relaxed) {
            match listener.accept() {
                Ok((mut stream, _)) => {
                    let body = body.clone();
                    std::thread::spawn(move || {
                        stream.set_nonblocking(false).ok();
                        let mut buf = [0u8; 4096];
                        let _ = stream.read(&mut buf);
                        std::thread::sleep(Duration::from_millis(300));
                        let _ = write!(
                            stream,
                            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
                            body.len()
                        );
                    });
                }
                Err(_) => std::thread::sleep(Duration::from_millis(2)),
            }
        }
    });
    let mut local = set.clone();
    for s in &mut local.sources {
        s.url = format!("{base}/{}", s.id);
    }
    let request = posture::recheck::Request::default();
    let cancel = AtomicBool::new(false);
    let t = Instant::now();
    let report = posture::recheck::run(&local, &request, &cancel, &|_, _, _| {});
    let took = t.elapsed();
    stop.store(true, Ordering::Relaxed);
    let n = report.sources.len();
    println!(
        "{name:<52} {:>9.3} s for {n} pages (one at a time: {:.1} s; at most {} at once)",
        took.as_secs_f64(),
        n as f64 * 0.3,
        posture::recheck::MAX_CONNECTIONS
    );
}
