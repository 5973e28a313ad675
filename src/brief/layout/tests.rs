//! The page layout's own tests: widths, wrapping, page breaks and the header cap.

use super::*;

/// Every character is half the font size wide.
struct Mono;
impl Measure for Mono {
    fn width(&self, _: Face, size: f32, text: &str) -> f32 {
        text.chars().count() as f32 * size * 0.5
    }
}

#[test]
fn wraps_by_width_and_breaks_long_words() {
    let lines = wrap(&Mono, Face::Regular, 10.0, "aaaa bbbb cccc", 44.0);
    assert_eq!(lines, ["aaaa", "bbbb", "cccc"]);
    let lines = wrap(&Mono, Face::Regular, 10.0, "aaaa bb", 30.0);
    assert_eq!(lines, ["aaaa", "bb"]);
    let lines = wrap(&Mono, Face::Regular, 10.0, "abcdefghij", 20.0);
    assert_eq!(lines, ["abcd", "efgh", "ij"]);
    assert_eq!(wrap(&Mono, Face::Regular, 10.0, "a\nb", 100.0), ["a", "b"]);
    // The lines that end inside the broken word, and only those.
    let (lines, glued) = wrap_glued(&Mono, Face::Regular, 10.0, "ab abcdefghij x", 20.0);
    assert_eq!(lines, ["ab", "abcd", "efgh", "ij x"]);
    assert_eq!(glued, [1, 2]);
}

fn all_text(flow: &Flow) -> Vec<(usize, f32, f32, String)> {
    let mut out = Vec::new();
    for (p, page) in flow.pages.iter().enumerate() {
        for d in &page.items {
            if let Draw::Text { x, y, text, .. } = d {
                out.push((p, *x, *y, text.clone()));
            }
        }
    }
    out
}

#[test]
fn tables_repeat_headers_and_never_cut_rows() {
    let size = PageSize {
        width: 300.0,
        height: 300.0,
    };
    let mut flow = Flow::new(&Mono, size);
    let style = Style::new(Face::Regular, 8.0, Rgb::BLACK);
    let rows: Vec<Vec<Cell>> = (0..40)
        .map(|i| {
            vec![
                Cell::new(format!("row {i}"), style),
                Cell::new("x ".repeat(i % 5 * 8 + 1), style),
            ]
        })
        .collect();
    flow.table(&Table {
        headers: vec!["Name".into(), "Value".into()],
        widths: vec![1.0, 2.0],
        rows,
    });
    assert!(flow.pages.len() > 2);
    let text = all_text(&flow);
    for p in 0..flow.pages.len() {
        assert!(
            text.iter().any(|(pp, _, _, t)| *pp == p && t == "Name"),
            "header on page {p}"
        );
    }
    for (p, x, y, t) in &text {
        assert!(
            *y <= size.height - flow.margin_bottom + 0.01,
            "{t} below the bottom margin on page {p}"
        );
        assert!(
            *x + Mono.width(Face::Regular, 8.0, t) <= size.width - flow.margin_x + 0.01,
            "{t} past the right margin"
        );
    }
    // Each row's first and last line are on the same page.
    for i in 0..40 {
        let label = format!("row {i}");
        let pages: Vec<usize> = text
            .iter()
            .filter(|(_, _, _, t)| *t == label)
            .map(|(p, ..)| *p)
            .collect();
        assert_eq!(pages.len(), 1);
    }
}

#[test]
fn a_row_taller_than_a_page_continues() {
    let size = PageSize {
        width: 300.0,
        height: 220.0,
    };
    let mut flow = Flow::new(&Mono, size);
    let style = Style::new(Face::Regular, 8.0, Rgb::BLACK);
    let long = "word ".repeat(400);
    flow.table(&Table {
        headers: vec!["A".into()],
        widths: vec![1.0],
        rows: vec![vec![Cell::new(long, style)]],
    });
    let text = all_text(&flow);
    let words = text
        .iter()
        .filter(|(_, _, _, t)| t.contains("word"))
        .map(|(_, _, _, t)| t.matches("word").count())
        .sum::<usize>();
    assert_eq!(words, 400, "no text lost");
    assert!(text.iter().any(|(_, _, _, t)| t == "(continued)"));
    for (_, _, y, _) in &text {
        assert!(*y <= size.height - flow.margin_bottom + 0.01);
    }
}

#[test]
fn a_header_taller_than_a_page_is_cut_and_the_table_ends() {
    // Before: the header never fit, so each page started another page, forever.
    let size = PageSize {
        width: 300.0,
        height: 220.0,
    };
    let mut flow = Flow::new(&Mono, size);
    let style = Style::new(Face::Regular, 8.0, Rgb::BLACK);
    let question = "why ".repeat(700);
    flow.table(&Table {
        headers: vec!["Offering".into(), question],
        widths: vec![1.0, 1.0],
        rows: (0..5)
            .map(|i| vec![Cell::new(format!("o{i}"), style), Cell::new("v", style)])
            .collect(),
    });
    assert!(flow.pages.len() <= 5, "{} pages", flow.pages.len());
    let text = all_text(&flow);
    for i in 0..5 {
        assert!(
            text.iter().any(|(_, _, _, t)| *t == format!("o{i}")),
            "row {i}"
        );
    }
    assert!(
        text.iter().any(|(_, _, _, t)| t.ends_with('…')),
        "the cut is marked"
    );
    for (_, _, y, t) in &text {
        assert!(
            *y <= size.height - flow.margin_bottom + 0.01,
            "{t} below the margin"
        );
    }
}

#[test]
fn a_heading_moves_with_a_table_that_starts_on_the_next_page() {
    let size = PageSize {
        width: 300.0,
        height: 300.0,
    };
    let style = Style::new(Face::Regular, 8.0, Rgb::BLACK);
    for filler in 0..20 {
        let mut flow = Flow::new(&Mono, size);
        for i in 0..filler {
            flow.paragraph(&format!("filler {i}"), style);
        }
        flow.heading("Sources", 1, 20.0);
        flow.paragraph("intro", style);
        flow.table(&Table {
            headers: vec!["H".into()],
            widths: vec![1.0],
            rows: vec![vec![Cell::new("tall ".repeat(60), style)]],
        });
        let text = all_text(&flow);
        let page_of = |t: &str| text.iter().find(|(_, _, _, x)| x == t).map(|(p, ..)| *p);
        assert_eq!(
            page_of("Sources"),
            page_of("H"),
            "with {filler} lines before"
        );
        assert_eq!(page_of("intro"), page_of("H"));
        assert_eq!(flow.outline.last().map(|o| o.1), page_of("Sources"));
        for (_, _, y, t) in &text {
            assert!(*y <= size.height - flow.margin_bottom + 0.01, "{t}");
        }
    }
}

/// A section heading with only its legend, then a sub-heading: when the sub-heading's table
/// starts on the next page, the section heading and its legend go along (the brief's
/// "2. Client requirements and verdicts" was left at the foot of page 1).
#[test]
fn a_section_heading_moves_with_the_first_sub_heading_under_it() {
    let size = PageSize {
        width: 300.0,
        height: 300.0,
    };
    let style = Style::new(Face::Regular, 8.0, Rgb::BLACK);
    for filler in 0..24 {
        let mut flow = Flow::new(&Mono, size);
        for i in 0..filler {
            flow.paragraph(&format!("filler {i}"), style);
        }
        flow.heading("Verdicts", 1, 20.0);
        flow.paragraph("legend", style);
        flow.heading("Residency", 2, 20.0);
        flow.paragraph("explain", style);
        flow.table(&Table {
            headers: vec!["H".into()],
            widths: vec![1.0],
            rows: vec![vec![Cell::new("tall ".repeat(60), style)]],
        });
        let text = all_text(&flow);
        let page_of = |t: &str| text.iter().find(|(_, _, _, x)| x == t).map(|(p, ..)| *p);
        for t in ["Verdicts", "legend", "Residency", "explain"] {
            assert_eq!(page_of(t), page_of("H"), "{t}, with {filler} lines before");
        }
        assert_eq!(flow.outline.last().map(|o| o.1), page_of("Verdicts"));
    }
}

#[test]
fn group_rows_stay_with_the_row_they_introduce() {
    let size = PageSize {
        width: 300.0,
        height: 260.0,
    };
    let style = Style::new(Face::Regular, 8.0, Rgb::BLACK);
    for filler in 0..12 {
        let mut flow = Flow::new(&Mono, size);
        let mut rows: Vec<Vec<Cell>> = (0..filler)
            .map(|i| vec![Cell::new(format!("r{i}"), style)])
            .collect();
        rows.push(vec![Cell::new("GROUP", style).keep_with_next()]);
        rows.push(vec![Cell::new("first of group", style)]);
        flow.table(&Table {
            headers: vec!["H".into()],
            widths: vec![1.0],
            rows,
        });
        let text = all_text(&flow);
        let page_of = |t: &str| text.iter().find(|(_, _, _, x)| x == t).map(|(p, ..)| *p);
        assert_eq!(
            page_of("GROUP"),
            page_of("first of group"),
            "with {filler} rows before"
        );
    }
}
