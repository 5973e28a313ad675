//! Re-checking quotes against their pages, over real HTTP: a server on 127.0.0.1 started here
//! serves the built-in set's own quotes (as they are, split by tags, with entities, reworded,
//! removed) and every hostile answer a re-check must survive. Nothing leaves the machine.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use posture::model::load::BUILTIN_FILES;
use posture::model::{PolicySet, QuoteStatus, SourceFile, load_builtin, load_files};
use posture::recheck::fetch::Limits;
use posture::recheck::{Report, Request, SourceReport, SourceState, run};

/// What the server answers on one path.
#[derive(Clone)]
pub(crate) enum Answer {
    Page {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    /// Accepts, reads the request and never answers (until the server's own end).
    Hang,
    /// A 60 MB body, streamed.
    Huge,
    /// Redirects to itself.
    Loop,
}

pub(crate) struct Server {
    pub(crate) base: String,
    most_at_once: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// A loopback server for `routes`. It stops by itself when dropped, or after 120 s at most.
pub(crate) fn serve(routes: HashMap<String, Answer>, delay: Duration) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let in_flight = Arc::new(AtomicUsize::new(0));
    let most_at_once = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let routes = Arc::new(routes);
    let (f, m, s) = (in_flight.clone(), most_at_once.clone(), stop.clone());
    std::thread::spawn(move || {
        let end = Instant::now() + Duration::from_secs(120);
        while !s.load(Ordering::Relaxed) && Instant::now() < end {
            match listener.accept() {
                Ok((stream, _)) => {
                    let (routes, f, m, s) = (routes.clone(), f.clone(), m.clone(), s.clone());
                    std::thread::spawn(move || {
                        let now = f.fetch_add(1, Ordering::SeqCst) + 1;
                        m.fetch_max(now, Ordering::SeqCst);
                        answer(stream, &routes, delay, &s);
                        f.fetch_sub(1, Ordering::SeqCst);
                    });
                }
                Err(_) => std::thread::sleep(Duration::from_millis(2)),
            }
        }
    });
    Server {
        base,
        most_at_once,
        stop,
    }
}

fn answer(
    mut stream: TcpStream,
    routes: &HashMap<String, Answer>,
    delay: Duration,
    stop: &AtomicBool,
) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut request = Vec::new();
    let mut buf = [0u8; 1024];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 16_384 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let line = String::from_utf8_lossy(&request);
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    std::thread::sleep(delay);
    let reply = |stream: &mut TcpStream, status: u16, headers: &[(&str, String)], body: &[u8]| {
        let mut head = format!(
            "HTTP/1.1 {status} X\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    };
    match routes.get(&path) {
        None => reply(&mut stream, 404, &[], b"not here"),
        Some(Answer::Page {
            status,
            headers,
            body,
        }) => reply(&mut stream, *status, headers, body),
        Some(Answer::Hang) => {
            let end = Instant::now() + Duration::from_secs(20);
            while !stop.load(Ordering::Relaxed) && Instant::now() < end {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        Some(Answer::Huge) => {
            let total = 60 * 1024 * 1024;
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {total}\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes());
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..(total / chunk.len()) {
                if stream.write_all(&chunk).is_err() {
                    return;
                }
            }
        }
        Some(Answer::Loop) => reply(&mut stream, 302, &[("Location", path.clone())], b""),
    }
}

pub(crate) fn html(status: u16, body: String) -> Answer {
    Answer::Page {
        status,
        headers: vec![("Content-Type", "text/html; charset=utf-8".into())],
        body: body.into_bytes(),
    }
}

pub(crate) const FILLER: &str = "This page explains how the service handles the information that people send \
    to it, where that information is kept, for how long, and who may see it, with links to the \
    settings an administrator can change and the terms that govern each plan and each route.";

pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A page holding `quotes`, each in its own paragraph among ordinary text.
pub(crate) fn page(quotes: &[String]) -> String {
    let mut s = format!(
        "<!doctype html><html><head><title>Docs</title><script>var t = 1;</script></head><body><nav>Home · Docs · Pricing</nav><main><p>{FILLER}</p>"
    );
    for q in quotes {
        s.push_str(&format!("<p>{}</p><p>{FILLER}</p>", escape(q)));
    }
    s.push_str("</main></body></html>");
    s
}

/// The quotes that cite each source, in the set's order.
pub(crate) fn quotes_by_source(set: &PolicySet) -> Vec<(String, Vec<String>)> {
    let holders = posture::recheck::uses::holders(set);
    set.sources
        .iter()
        .map(|s| {
            let mut qs: Vec<String> = Vec::new();
            for h in &holders {
                for c in &h.cites {
                    if c.source == s.id && !qs.contains(&c.quote) {
                        qs.push(c.quote.clone());
                    }
                }
            }
            (s.id.clone(), qs)
        })
        .filter(|(_, qs)| {
            !qs.is_empty() && qs.iter().all(|q| !q.contains('…') && !q.contains("..."))
        })
        .collect()
}

/// The built-in set with every source's URL pointing at `base` + `/<id>`.
pub(crate) fn set_at(base: &str) -> PolicySet {
    let builtin = load_builtin().unwrap();
    let files: Vec<SourceFile> = BUILTIN_FILES
        .iter()
        .map(|(name, text)| {
            let mut text = text.to_string();
            for s in &builtin.sources {
                if !s.url.is_empty() {
                    text = text.replace(
                        &format!("url: \"{}\"", s.url),
                        &format!("url: \"{base}/{}\"", s.id),
                    );
                }
            }
            SourceFile {
                name: name.to_string(),
                text,
            }
        })
        .collect();
    load_files(&files, "test").unwrap()
}

/// A quote of at least eight words with one word in its middle replaced.
pub(crate) fn reworded(q: &str) -> String {
    let mut words: Vec<&str> = q.split(' ').collect();
    let mid = words.len() / 2;
    words[mid] = "substantially";
    words.join(" ")
}

fn source<'a>(r: &'a Report, id: &str) -> &'a SourceReport {
    r.sources.iter().find(|s| s.id == id).unwrap()
}

pub(crate) fn quick() -> Limits {
    Limits {
        connect: Duration::from_secs(2),
        whole: Duration::from_secs(3),
        redirects: 5,
        max_body: 8 * 1024 * 1024,
    }
}

#[test]
fn live_recheck_judges_each_quote_and_survives_every_hostile_server() {
    let set = load_builtin().unwrap();
    let by_source = quotes_by_source(&set);
    assert!(
        by_source.len() >= 16,
        "the test needs 16 sources with quotes"
    );
    let id = |i: usize| by_source[i].0.clone();
    let long = |i: usize| {
        by_source[i]
            .1
            .iter()
            .position(|q| q.split(' ').count() >= 8)
    };
    // The sources whose first long quote is reworded or removed.
    let (rew, gone) = {
        let mut with_long =
            (0..by_source.len()).filter(|&i| long(i).is_some() && by_source[i].1.len() >= 2);
        (with_long.next().unwrap(), with_long.next().unwrap())
    };
    let plain: Vec<usize> = (0..by_source.len())
        .filter(|i| *i != rew && *i != gone)
        .collect();
    let (as_is, split, entities, latin1) = (plain[0], plain[1], plain[2], plain[3]);
    let hostile = &plain[4..];
    let mut routes: HashMap<String, Answer> = HashMap::new();
    let path = |i: usize| format!("/{}", id(i));

    routes.insert(path(as_is), html(200, page(&by_source[as_is].1)));
    // Every word of every quote in its own inline element, and one word split in two.
    let tagged: Vec<String> = by_source[split]
        .1
        .iter()
        .map(|q| {
            q.split(' ')
                .enumerate()
                .map(|(n, w)| {
                    let head: String = w.chars().take(2).collect();
                    let tail: String = w.chars().skip(2).collect();
                    match n % 3 {
                        0 => format!("<b>{}</b>", escape(w)),
                        1 if !tail.is_empty() => {
                            format!("{}<span>{}</span>", escape(&head), escape(&tail))
                        }
                        _ => format!("<a href=\"/x\">{}</a>", escape(w)),
                    }
                })
                .collect::<Vec<_>>()
                .join(" \n ")
        })
        .collect();
    let mut body = format!("<html><body><main><p>{FILLER}</p>");
    for t in &tagged {
        body.push_str(&format!("<p>{t}</p>\n"));
    }
    routes.insert(path(split), html(200, body + "</main></body></html>"));
    // Entities and no-break spaces for every space and apostrophe.
    let ent: Vec<String> = by_source[entities]
        .1
        .iter()
        .map(|q| {
            escape(q)
                .replace(' ', "&nbsp;")
                .replace('\'', "&#8217;")
                .replace('’', "&rsquo;")
        })
        .collect();
    let mut body = format!("<html><body><p>{FILLER}</p>");
    for e in &ent {
        body.push_str(&format!("<p>{e}</p>"));
    }
    routes.insert(path(entities), html(200, body + "</body></html>"));
    // Windows-1252 with no charset anywhere.
    let latin1_page = page(&by_source[latin1].1);
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&latin1_page);
    routes.insert(
        path(latin1),
        Answer::Page {
            status: 200,
            headers: vec![("Content-Type", "text/html".into())],
            body: bytes.into_owned(),
        },
    );
    let mut qs = by_source[rew].1.clone();
    let k = long(rew).unwrap();
    qs[k] = reworded(&qs[k]);
    routes.insert(path(rew), html(200, page(&qs)));
    let mut qs = by_source[gone].1.clone();
    let removed = qs.remove(long(gone).unwrap());
    routes.insert(path(gone), html(200, page(&qs)));

    // The hostile ones.
    let bomb = {
        use flate2::{Compression, write::GzEncoder};
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        let zeros = vec![b' '; 1024 * 1024];
        for _ in 0..30 {
            e.write_all(&zeros).unwrap();
        }
        e.finish().unwrap()
    };
    let junk: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let cases: Vec<(&str, Answer)> = vec![
        ("404", html(404, "<p>missing</p>".into())),
        ("500", html(500, "<p>oops</p>".into())),
        ("hang", Answer::Hang),
        ("huge", Answer::Huge),
        (
            "bomb",
            Answer::Page {
                status: 200,
                headers: vec![
                    ("Content-Type", "text/html".into()),
                    ("Content-Encoding", "gzip".into()),
                ],
                body: bomb,
            },
        ),
        ("loop", Answer::Loop),
        ("junk", html(200, String::new())),
        ("empty", html(200, String::new())),
        (
            "pdf",
            Answer::Page {
                status: 200,
                headers: vec![("Content-Type", "application/pdf".into())],
                body: b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF".to_vec(),
            },
        ),
    ];
    let mut hostile_ids: Vec<(&str, String)> = Vec::new();
    for ((name, answer), &i) in cases.into_iter().zip(hostile) {
        let answer = match (name, answer) {
            ("junk", _) => Answer::Page {
                status: 200,
                headers: vec![("Content-Type", "text/html".into())],
                body: junk.clone(),
            },
            (_, a) => a,
        };
        routes.insert(path(i), answer);
        hostile_ids.push((name, id(i)));
    }

    let server = serve(routes, Duration::ZERO);
    let set = set_at(&server.base);
    let request = Request {
        limits: quick(),
        ..Default::default()
    };
    let cancel = AtomicBool::new(false);
    let calls = AtomicUsize::new(0);
    let report = run(&set, &request, &cancel, &|_, _, _| {
        calls.fetch_add(1, Ordering::Relaxed);
    });
    assert_eq!(
        calls.load(Ordering::Relaxed),
        set.sources.len(),
        "progress once per source"
    );
    assert_eq!(report.sources.len(), set.sources.len());
    assert!(!report.cancelled);
    assert_eq!(report.exit_code(), 4);

    for i in [as_is, split, entities, latin1] {
        let s = source(&report, &id(i));
        assert_eq!(
            s.status,
            SourceState::Ok,
            "{}: {} {:?}",
            s.id,
            s.message,
            s.quotes
                .iter()
                .filter(|q| q.status != QuoteStatus::Found)
                .map(|q| &q.quote)
                .collect::<Vec<_>>()
        );
        assert_eq!(s.http_status, Some(200));
        assert!(!s.text_hash.is_empty());
    }
    let s = source(&report, &id(rew));
    assert_eq!(s.status, SourceState::Changed, "{}", s.message);
    let q = s
        .quotes
        .iter()
        .find(|q| q.status != QuoteStatus::Found)
        .unwrap();
    assert_eq!(q.status, QuoteStatus::Reworded);
    assert!(
        q.similarity >= 0.7 && q.similarity < 1.0,
        "{}",
        q.similarity
    );
    assert!(q.passage.contains("substantially"), "{}", q.passage);
    assert!(q.diff.contains("{+substantially+}"), "{}", q.diff);
    assert!(!q.used_by.is_empty());

    let s = source(&report, &id(gone));
    assert_eq!(s.status, SourceState::Changed);
    let q = s.quotes.iter().find(|q| q.quote == removed).unwrap();
    assert_eq!(q.status, QuoteStatus::Gone, "{removed}");
    assert!(!q.used_by.is_empty(), "a gone quote says what rests on it");

    let want = [
        ("404", "HTTP 404"),
        ("500", "HTTP 500"),
        ("hang", "no complete answer"),
        ("huge", "larger than"),
        ("bomb", "larger than"),
        ("loop", "redirects"),
        ("junk", "not readable"),
        ("empty", "JavaScript"),
        ("pdf", "PDF"),
    ];
    for (name, id) in &hostile_ids {
        let s = source(&report, id);
        let (_, words) = want.iter().find(|(n, _)| n == name).unwrap();
        assert_eq!(s.status, SourceState::Unreachable, "{name}: {}", s.message);
        assert!(s.message.contains(words), "{name}: {}", s.message);
        assert!(
            s.quotes.iter().all(|q| q.status == QuoteStatus::NotChecked),
            "{name}: an unreachable source's quotes are never found, nor gone"
        );
    }
    // At most eight connections at once, and more than one.
    let most = server.most_at_once.load(Ordering::SeqCst);
    assert!((2..=8).contains(&most), "{most} connections at once");
    drop(server);
}

#[test]
fn a_verdict_whose_only_quote_is_gone_is_named() {
    // Serve every source's quotes except one verdict's only quote.
    let set = load_builtin().unwrap();
    let holders = posture::recheck::uses::holders(&set);
    let verdict = holders
        .iter()
        .find(|h| h.kind == posture::recheck::uses::UseKind::Verdict && h.cites.len() == 1)
        .expect("a verdict citing one quote");
    let lost = verdict.cites[0].clone();
    let mut routes = HashMap::new();
    for (id, quotes) in quotes_by_source(&set) {
        let kept: Vec<String> = quotes.into_iter().filter(|q| *q != lost.quote).collect();
        routes.insert(format!("/{id}"), html(200, page(&kept)));
    }
    let server = serve(routes, Duration::ZERO);
    let set = set_at(&server.base);
    let request = Request {
        sources: vec![lost.source.clone()],
        limits: quick(),
        ..Default::default()
    };
    let report = run(&set, &request, &AtomicBool::new(false), &|_, _, _| {});
    let q = report.sources[0]
        .quotes
        .iter()
        .find(|q| q.quote == lost.quote)
        .unwrap();
    assert_eq!(q.status, QuoteStatus::Gone);
    let u = q.used_by.iter().find(|u| u.id == verdict.id).unwrap();
    assert!(u.loses_only_support, "{}", u.label);
}

#[test]
fn cancel_stops_between_pages_and_says_so() {
    let set = load_builtin().unwrap();
    let mut routes = HashMap::new();
    for (id, quotes) in quotes_by_source(&set) {
        routes.insert(format!("/{id}"), html(200, page(&quotes)));
    }
    let server = serve(routes, Duration::from_millis(100));
    let set = set_at(&server.base);
    let cancel = AtomicBool::new(false);
    let report = run(
        &set,
        &Request {
            limits: quick(),
            ..Default::default()
        },
        &cancel,
        &|done, _, _| {
            if done >= 2 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
    );
    assert!(report.cancelled);
    assert_eq!(report.exit_code(), 4);
    let skipped: Vec<_> = report
        .sources
        .iter()
        .filter(|s| s.message.contains("cancelled"))
        .collect();
    assert!(!skipped.is_empty());
    assert!(skipped.iter().all(|s| s.status == SourceState::Unreachable));
    drop(server);
}

// --- The command line, on saved copies -----------------------------------------------------

fn posture(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_posture"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("posture-recheck-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A copy of the built-in set's files in a folder, as a reviewer's working copy.
fn policy_copy(dir: &std::path::Path) {
    for (name, text) in BUILTIN_FILES {
        let file = std::path::Path::new(name).file_name().unwrap();
        std::fs::write(dir.join(file), text).unwrap();
    }
}

#[test]
fn saved_copies_judge_every_quote_and_record_evidence_that_check_accepts() {
    let set = load_builtin().unwrap();
    let by_source = quotes_by_source(&set);
    let saved = temp("saved");
    let (a, b, c) = (&by_source[0], &by_source[1], &by_source[2]);
    // As it is (HTML), reworded (Markdown with emphasis and a link), and one quote removed (text).
    std::fs::write(saved.join(format!("{}.html", a.0)), page(&a.1)).unwrap();
    let k =
        b.1.iter()
            .position(|q| q.split(' ').count() >= 8)
            .unwrap_or(0);
    let md: String =
        b.1.iter()
            .enumerate()
            .map(|(i, q)| {
                if i == k {
                    reworded(q)
                } else {
                    format!("**{q}**")
                }
            })
            .map(|q| format!("{FILLER}\n\n{q} [more](https://example.invalid/x)\n\n"))
            .collect();
    std::fs::write(saved.join(format!("{}.md", b.0)), md).unwrap();
    let txt: String =
        c.1.iter()
            .skip(1)
            .map(|q| format!("{FILLER}\n{q}\n"))
            .collect::<String>()
            + FILLER;
    std::fs::write(saved.join(format!("{}.txt", c.0)), txt).unwrap();

    let saved_arg = saved.to_str().unwrap();
    let (code, out, err) = posture(&[
        "recheck", "--saved", saved_arg, "--source", &a.0, "--format", "json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = posture(&[
        "recheck", "--saved", saved_arg, "--source", &a.0, "--source", &b.0, "--source", &c.0,
        "--format", "json",
    ]);
    assert_eq!(code, 4, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let status = |id: &str| {
        json["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(status(&a.0)["status"], "ok");
    assert_eq!(status(&a.0)["how"], "saved");
    assert_eq!(status(&b.0)["status"], "changed");
    assert!(
        status(&b.0)["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["status"] == "reworded")
    );
    let gone = status(&c.0)["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["quote"] == c.1[0].as_str())
        .unwrap()
        .clone();
    assert_eq!(gone["status"], "gone");
    assert!(!gone["used_by"].as_array().unwrap().is_empty());

    // Text for people names the passage and what rests on a gone quote.
    let (_, text, _) = posture(&["recheck", "--saved", saved_arg, "--source", &c.0]);
    assert!(
        text.contains("✗ gone") && text.contains("used by"),
        "{text}"
    );

    // --record: evidence that check accepts and that changes the source's verification.
    let policies = temp("policies");
    policy_copy(&policies);
    let pol = policies.to_str().unwrap();
    let (code, _, err) = posture(&[
        "--policies",
        pol,
        "recheck",
        "--saved",
        saved_arg,
        "--source",
        &a.0,
        "--source",
        &c.0,
        "--record",
        "A. Reviewer",
        "--today",
        "2026-11-30",
    ]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("recorded 2 entries"), "{err}");
    let log = std::fs::read_to_string(policies.join("verification.ron")).unwrap();
    assert!(
        log.contains("A. Reviewer") && log.contains("Saved("),
        "{log}"
    );
    let (code, out, err) = posture(&["check", pol]);
    assert_eq!(code, 0, "{out}{err}");
    let (_, out, _) = posture(&[
        "--policies",
        pol,
        "assess",
        "--offering",
        "enterprise",
        "--format",
        "json",
        "--today",
        "2026-11-30",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let src = |id: &str| {
        json["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()
            .clone()
    };
    // Every quote of `a` found: verified from its saved copy today. `c` lost a quote: its
    // verification stays the stored copy.
    assert_eq!(src(&a.0)["verification"]["how"], "saved");
    assert_eq!(src(&a.0)["verification"]["date"], "2026-11-30");
    assert_eq!(src(&a.0)["verification"]["by"], "A. Reviewer");
    assert_eq!(src(&c.0)["verification"]["how"], "stored-copy");
    // A second run appends, keeping the first entries.
    let (_, _, err) = posture(&[
        "--policies",
        pol,
        "recheck",
        "--saved",
        saved_arg,
        "--source",
        &a.0,
        "--record",
        "B. Reviewer",
        "--today",
        "2026-11-30",
    ]);
    assert!(err.contains("recorded 1 entry"), "{err}");
    let log = std::fs::read_to_string(policies.join("verification.ron")).unwrap();
    assert!(log.contains("A. Reviewer") && log.contains("B. Reviewer"));
    let _ = std::fs::remove_dir_all(&saved);
    let _ = std::fs::remove_dir_all(&policies);
}

#[test]
fn recheck_usage_errors_exit_2() {
    let (code, _, err) = posture(&["recheck", "--source", "no-such-source", "--saved", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown source"), "{err}");
    let (code, _, err) = posture(&["recheck", "--saved", ".", "--record", "me"]);
    assert_eq!(code, 2);
    assert!(err.contains("read-only"), "{err}");
    let (code, _, err) = posture(&["recheck", "--saved", "/no/such/folder"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a folder"), "{err}");
}

#[test]
fn check_refuses_evidence_for_an_unknown_source_or_from_the_future() {
    let dir = temp("badlog");
    policy_copy(&dir);
    let d = dir.to_str().unwrap();
    std::fs::write(
        dir.join("verification.ron"),
        "(verification: [(source: \"nope\", date: \"2026-11-30\", by: \"x\", how: ByHand(note: \"\"))])",
    )
    .unwrap();
    let (code, _, err) = posture(&["check", d]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown source `nope`"), "{err}");
    std::fs::write(
        dir.join("verification.ron"),
        "(verification: [(source: \"cowork-page\", date: \"2999-01-01\", by: \"x\", how: ByHand(note: \"\"))])",
    )
    .unwrap();
    let (code, _, err) = posture(&["check", d]);
    assert_eq!(code, 1);
    assert!(err.contains("after today"), "{err}");
    // A reviewer's by-hand entry verifies the source, and says by whom.
    std::fs::write(
        dir.join("verification.ron"),
        "(verification: [(source: \"cowork-page\", date: \"2026-11-29\", by: \"C. Hand\", how: ByHand(note: \"read the live page\"))])",
    )
    .unwrap();
    let (code, _, err) = posture(&["check", d]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = posture(&[
        "--policies",
        d,
        "assess",
        "--offering",
        "pro",
        "--format",
        "json",
        "--today",
        "2026-11-30",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let page = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "cowork-page")
        .unwrap()
        .clone();
    assert_eq!(page["verification"]["how"], "by-hand");
    assert_eq!(page["verified"], "2026-11-29");
    assert_eq!(page["stale_by_days"], serde_json::Value::Null);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A later re-check that finds a quote gone is never hidden behind an older success: the
/// source says it changed. And `--record` needs a set in a folder, and a day that is not ahead.
#[test]
fn a_later_failed_recheck_shows_and_record_refuses_a_file_set_or_a_future_day() {
    let set = load_builtin().unwrap();
    let (id, quotes) = quotes_by_source(&set).into_iter().next().unwrap();
    let good = temp("later-good");
    let bad = temp("later-bad");
    std::fs::write(good.join(format!("{id}.html")), page(&quotes)).unwrap();
    std::fs::write(bad.join(format!("{id}.html")), page(&quotes[1..])).unwrap();
    let policies = temp("later-policies");
    policy_copy(&policies);
    let pol = policies.to_str().unwrap();
    let record = |saved: &std::path::Path, day: &str| {
        posture(&[
            "--policies",
            pol,
            "recheck",
            "--saved",
            saved.to_str().unwrap(),
            "--source",
            &id,
            "--record",
            "R",
            "--today",
            day,
        ])
    };
    assert_eq!(record(&good, "2026-11-29").0, 0);
    assert_eq!(record(&bad, "2026-11-30").0, 4);
    let (_, out, _) = posture(&[
        "--policies",
        pol,
        "assess",
        "--offering",
        "pro",
        "--format",
        "json",
        "--today",
        "2026-11-30",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let src = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(src["verification"]["how"], "saved");
    assert_eq!(src["verification"]["date"], "2026-11-29");
    assert_eq!(src["verification"]["changed_on"], "2026-11-30");
    // A set in one file has no folder for its log; a day ahead of today is refused.
    let file = policies.join("set.ron");
    let (code, _, err) = posture(&[
        "--policies",
        file.to_str().unwrap(),
        "recheck",
        "--saved",
        good.to_str().unwrap(),
        "--record",
        "R",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("folder"), "{err}");
    let (code, _, err) = posture(&[
        "--policies",
        pol,
        "recheck",
        "--saved",
        good.to_str().unwrap(),
        "--record",
        "R",
        "--today",
        "2999-01-01",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("future"), "{err}");
    for d in [good, bad, policies] {
        let _ = std::fs::remove_dir_all(d);
    }
}
