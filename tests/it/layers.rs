//! The code's layers, read from the sources: model → engine → brief / recheck → ui / cli, with
//! the embedded assets and atomic writes below them all. The brief and the re-check sit side by
//! side and never use each other. No file imports from a layer above its own,
//! and inside the app, views read the state and never reach the app that owns it.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its comments, so a doc link does not count as an import.
fn code(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level module a file belongs to ("model", "ui", "cli", …).
fn module(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

fn layer(module: &str) -> Option<u8> {
    match module {
        "assets" | "fs" => Some(0),
        "model" => Some(1),
        "engine" => Some(2),
        "brief" | "recheck" => Some(3),
        "ui" | "cli" => Some(4),
        _ => None,
    }
}

#[test]
fn no_file_imports_from_a_layer_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let own = module(&src, file);
        let Some(own_layer) = layer(&own) else {
            continue; // lib.rs and main.rs put the layers together.
        };
        let text = code(file);
        for (i, _) in text.match_indices("crate::") {
            let used: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let Some(used_layer) = layer(&used) else {
                continue;
            };
            let sideways = own_layer >= 3 && used_layer == own_layer && used != own;
            if used_layer > own_layer || sideways {
                wrong.push(format!("{} uses crate::{used}", file.display()));
            }
        }
        if text.contains("super::super") {
            wrong.push(format!("{} reaches up with super::super", file.display()));
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn views_read_the_state_and_never_the_app() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut files = Vec::new();
    sources(&ui.join("views"), &mut files);
    // Below the app: what the views and the app share.
    for name in [
        "actions.rs",
        "command.rs",
        "document.rs",
        "prefs.rs",
        "state.rs",
        "style.rs",
        "jobs.rs",
    ] {
        files.push(ui.join(name));
    }
    let mut wrong = Vec::new();
    for file in &files {
        let text = code(file);
        for needle in ["ui::app", "PostureApp", "super::app"] {
            if text.contains(needle) {
                wrong.push(format!("{} uses {needle}", file.display()));
            }
        }
        let in_views = file.parent().is_some_and(|p| p.ends_with("views"));
        if !in_views && (text.contains("views::") || text.contains("ui::views")) {
            wrong.push(format!("{} uses the views", file.display()));
        }
    }
    assert!(
        wrong.is_empty(),
        "a circle in the app:\n{}",
        wrong.join("\n")
    );
}

/// The modules that describe (what can be done, the commands, the document, the preferences)
/// never read the state that holds them: `State` answers for them (`can_run`, `is_on`), so no
/// circle runs actions → command → state → actions.
#[test]
fn describing_modules_never_read_the_state() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut wrong = Vec::new();
    for name in ["actions.rs", "command.rs", "document.rs", "prefs.rs"] {
        let text = code(&ui.join(name));
        let words = text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'));
        for w in words {
            let w = w.trim_matches(':');
            if w == "State" || w.ends_with("::State") || w.contains("state::") || w == "state" {
                wrong.push(format!("src/ui/{name} uses `{w}`"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "a describing module reads the state:\n{}",
        wrong.join("\n")
    );
}
