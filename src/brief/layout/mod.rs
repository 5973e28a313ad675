//! A small page layout of our own: text wrapped by glyph advances, tables whose rows are sized to
//! their tallest cell and never cut across pages (unless a single row is taller than a page),
//! repeated table headers, and an outline. Pure: it measures through [`Measure`] and produces
//! drawing commands in points, top-left origin, which `pdf.rs` turns into PDF operators. As it
//! places the blocks it builds their structure tree (`tags.rs`) and tags each line of text with
//! its element, or as an artifact.

use super::tags::{Artifact, ROOT, Role, Scope, Tag, Tree};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0.11, 0.12, 0.14);
    pub const MUTED: Rgb = Rgb(0.38, 0.40, 0.44);
    pub const RULE: Rgb = Rgb(0.80, 0.82, 0.85);
    pub const HEADER_FILL: Rgb = Rgb(0.93, 0.94, 0.96);
    pub const ACCENT: Rgb = Rgb(0.10, 0.24, 0.42);
}

/// Glyph advances, so wrapping matches what is drawn.
pub trait Measure {
    fn width(&self, face: Face, size: f32, text: &str) -> f32;
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    /// `y` is the baseline, measured from the top of the page.
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        color: Rgb,
        text: String,
        /// The structure element the line belongs to, or an artifact.
        tag: Tag,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Rgb,
        width: f32,
    },
}

impl Draw {
    fn shift(&mut self, dy: f32) {
        match self {
            Draw::Text { y, .. } | Draw::Rect { y, .. } => *y += dy,
            Draw::Line { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Draw>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub face: Face,
    pub size: f32,
    pub color: Rgb,
}

impl Style {
    pub const fn new(face: Face, size: f32, color: Rgb) -> Style {
        Style { face, size, color }
    }
    pub fn line_height(&self) -> f32 {
        self.size * 1.38
    }
}

/// Greedy word wrap by measured width; words wider than the line are broken between characters.
pub fn wrap(m: &dyn Measure, face: Face, size: f32, text: &str, width: f32) -> Vec<String> {
    wrap_glued(m, face, size, text, width).0
}

/// [`wrap`], and the lines that end inside a word (an over-long word broken between
/// characters): a reader of the text must not find a word break there.
pub fn wrap_glued(
    m: &dyn Measure,
    face: Face,
    size: f32,
    text: &str,
    width: f32,
) -> (Vec<String>, Vec<usize>) {
    // Widths are sums of advances, so a line's width grows word by word instead of being
    // measured again from its start for every word (which made long paragraphs quadratic).
    let fits = |w: f32| w * size <= width;
    let em = |t: &str| m.width(face, 1.0, t);
    let space = em(" ");
    let mut lines = Vec::new();
    let mut glued = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_em = 0.0;
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let word_em = em(word);
            if !line.is_empty() {
                if fits(line_em + space + word_em) {
                    line.push(' ');
                    line.push_str(word);
                    line_em += space + word_em;
                    continue;
                }
                lines.push(std::mem::take(&mut line));
                line_em = 0.0;
            }
            if fits(word_em) {
                line.push_str(word);
                line_em = word_em;
                continue;
            }
            // Break an over-long word (a URL, a path) wherever it must.
            let mut buf = [0u8; 4];
            for ch in word.chars() {
                let ch_em = em(ch.encode_utf8(&mut buf));
                if !line.is_empty() && !fits(line_em + ch_em) {
                    glued.push(lines.len());
                    lines.push(std::mem::take(&mut line));
                    line_em = 0.0;
                }
                line.push(ch);
                line_em += ch_em;
            }
        }
        lines.push(line);
    }
    (lines, glued)
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub style: Style,
    pub fill: Option<Rgb>,
    /// On the first cell of a row: keep this row on the page of the next one (group headings).
    pub keep_with_next: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
            fill: None,
            keep_with_next: false,
        }
    }

    pub fn keep_with_next(mut self) -> Cell {
        self.keep_with_next = true;
        self
    }

    pub fn filled(mut self, fill: Rgb) -> Cell {
        self.fill = Some(fill);
        self
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub headers: Vec<String>,
    /// Relative widths; scaled to the content width.
    pub widths: Vec<f32>,
    pub rows: Vec<Vec<Cell>>,
}

pub struct Flow<'m> {
    m: &'m dyn Measure,
    pub size: PageSize,
    pub margin_x: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub pages: Vec<Page>,
    pub y: f32,
    /// (title, 0-based page index) for the PDF outline.
    pub outline: Vec<(String, usize)>,
    /// Where the last heading began (page, first item, y, outline length), while only the
    /// heading and its introductory lines follow it: a table that must start on the next page
    /// takes them along, so a heading never stands alone at the foot of a page.
    keep_from: Option<(usize, usize, f32, usize)>,
    /// Blocks placed since the last heading: with none, or only its intro, the heading goes to
    /// the next page with the heading that follows it.
    blocks_since_heading: usize,
    /// The structure of what has been placed, in reading order.
    pub tree: Tree,
    /// The list the last block opened, while list items follow it.
    list: Option<u32>,
}

const CELL_PAD_X: f32 = 5.0;
const CELL_PAD_Y: f32 = 4.0;
pub const HEADER_STYLE: Style = Style::new(Face::Bold, 8.0, Rgb::BLACK);

impl<'m> Flow<'m> {
    pub fn new(m: &'m dyn Measure, size: PageSize) -> Flow<'m> {
        let mut f = Flow {
            m,
            size,
            margin_x: 50.0,
            margin_top: 62.0,
            margin_bottom: 60.0,
            pages: Vec::new(),
            y: 0.0,
            outline: Vec::new(),
            keep_from: None,
            blocks_since_heading: 0,
            tree: Tree::default(),
            list: None,
        };
        f.new_page();
        f
    }

    pub fn left(&self) -> f32 {
        self.margin_x
    }

    pub fn width(&self) -> f32 {
        self.size.width - 2.0 * self.margin_x
    }

    pub fn bottom(&self) -> f32 {
        self.size.height - self.margin_bottom
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.margin_top;
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub fn push(&mut self, d: Draw) {
        self.page().items.push(d);
    }

    /// Starts a new page unless `h` more points fit on this one.
    pub fn ensure(&mut self, h: f32) -> bool {
        if self.y + h > self.bottom() && self.y > self.margin_top {
            self.new_page();
            true
        } else {
            false
        }
    }

    pub fn space(&mut self, h: f32) {
        self.y += h;
    }

    /// Notes the lines of `tag`'s element that end inside a word.
    fn glue(&mut self, tag: Tag, glued: &[usize]) {
        if let Tag::Elem(e) = tag {
            for &line in glued {
                self.tree.glue(e, line);
            }
        }
    }

    /// A new top-level element: a block of the document. It ends a list.
    fn block(&mut self, role: Role) -> u32 {
        self.list = None;
        self.blocks_since_heading += 1;
        self.tree.add(role, ROOT)
    }

    /// The body of a new item of the current list (a new list if the last block was not one).
    fn list_body(&mut self) -> u32 {
        self.blocks_since_heading += 2;
        let list = match self.list {
            Some(l) => l,
            None => {
                let l = self.tree.add(Role::L, ROOT);
                self.list = Some(l);
                l
            }
        };
        let item = self.tree.add(Role::LI, list);
        self.tree.add(Role::LBody, item)
    }

    /// A section heading, kept with at least `keep` points of what follows; level 1 goes in the
    /// outline. Level 1 is an `H2` of the document, level 2 an `H3` (the title is its `H1`).
    pub fn heading(&mut self, text: &str, level: u8, keep: f32) {
        let style = if level == 1 {
            Style::new(Face::Bold, 13.5, Rgb::ACCENT)
        } else {
            Style::new(Face::Bold, 10.5, Rgb::BLACK)
        };
        let lines = wrap_glued(self.m, style.face, style.size, text, self.width());
        let h = lines.0.len() as f32 * style.line_height() + if level == 1 { 10.0 } else { 4.0 };
        // A heading that does not fit takes the heading above it along when that one has shown
        // no more than its intro: no heading is left alone at the foot of a page.
        let intro_only = self.keep_from.is_some() && self.blocks_since_heading <= 1;
        let mut moved = false;
        if self.y + h + keep > self.bottom() && self.y > self.margin_top {
            if !(intro_only && self.carry_heading_over()) {
                self.new_page();
            }
            moved = true;
        }
        // A heading right under another that has shown no more than its intro ("2. Client
        // requirements", its legend, then "Strict EU residency") is kept with it: if what
        // follows moves to the next page, both headings go along, not just the lower one.
        let with_the_heading_above = intro_only && !moved;
        if !with_the_heading_above {
            let page = self.pages.len() - 1;
            let items = self.pages.get(page).map_or(0, |p| p.items.len());
            self.keep_from = Some((page, items, self.y, self.outline.len()));
        }
        if level == 1 {
            self.space(4.0);
            let page = self.pages.len() - 1;
            self.outline.push((text.to_string(), page));
        }
        let tag = Tag::Elem(self.block(if level == 1 { Role::H2 } else { Role::H3 }));
        self.blocks_since_heading = 0;
        self.lines(&lines, style, self.left(), tag);
        if level == 1 {
            self.rule(self.y + 1.0, Rgb::RULE, 0.8);
            self.space(6.0);
        } else {
            self.space(2.0);
        }
    }

    /// A horizontal line across the content width.
    fn rule(&mut self, y: f32, color: Rgb, width: f32) {
        let (x1, x2) = (self.left(), self.left() + self.width());
        self.push(Draw::Line {
            x1,
            y1: y,
            x2,
            y2: y,
            color,
            width,
        });
    }

    /// Draws `lines` of element content `tag`; `glued` are those that end inside a word.
    fn lines(
        &mut self,
        (lines, glued): &(Vec<String>, Vec<usize>),
        style: Style,
        x: f32,
        tag: Tag,
    ) {
        self.glue(tag, glued);
        for l in lines {
            self.ensure(style.line_height());
            let baseline = self.y + style.size;
            self.push(Draw::Text {
                x,
                y: baseline,
                size: style.size,
                face: style.face,
                color: style.color,
                text: l.clone(),
                tag,
            });
            self.y += style.line_height();
        }
    }

    /// A wrapped paragraph; it may continue on the next page line by line.
    pub fn paragraph(&mut self, text: &str, style: Style) {
        self.indented(text, style, 0.0);
    }

    /// A paragraph that plays another role: the title (`H1`).
    pub fn paragraph_as(&mut self, role: Role, text: &str, style: Style) {
        let tag = Tag::Elem(self.block(role));
        let lines = wrap_glued(self.m, style.face, style.size, text, self.width());
        self.lines(&lines, style, self.left(), tag);
    }

    /// A paragraph that is an item of a list (the list goes on while items follow each other).
    pub fn list_item(&mut self, text: &str, style: Style) {
        let tag = Tag::Elem(self.list_body());
        let lines = wrap_glued(self.m, style.face, style.size, text, self.width());
        self.lines(&lines, style, self.left(), tag);
    }

    pub fn indented(&mut self, text: &str, style: Style, indent: f32) {
        let tag = Tag::Elem(self.block(Role::P));
        let lines = wrap_glued(self.m, style.face, style.size, text, self.width() - indent);
        self.lines(&lines, style, self.left() + indent, tag);
    }

    /// Moves what followed the last heading — the heading included — to a new page.
    /// Returns false (and does nothing) when there is no such heading, or it already tops its page.
    fn carry_heading_over(&mut self) -> bool {
        let Some((page, from, y, outline)) = self.keep_from.take() else {
            return false;
        };
        if page + 1 != self.pages.len() || y <= self.margin_top {
            return false;
        }
        let moved: Vec<Draw> = self.pages[page].items.drain(from..).collect();
        let dy = self.margin_top - y;
        let used = self.y - y;
        self.new_page();
        for mut d in moved {
            d.shift(dy);
            self.push(d);
        }
        let new_page = self.pages.len() - 1;
        for entry in self.outline.iter_mut().skip(outline) {
            entry.1 = new_page;
        }
        self.y = self.margin_top + used;
        true
    }

    /// A paragraph in a filled, outlined box, kept on one page.
    pub fn boxed(&mut self, text: &str, style: Style, fill: Rgb, stroke: Rgb) {
        self.keep_from = None;
        let pad = 7.0;
        let lines = wrap_glued(
            self.m,
            style.face,
            style.size,
            text,
            self.width() - 2.0 * pad,
        );
        let h = lines.0.len() as f32 * style.line_height() + 2.0 * pad;
        self.ensure(h);
        let (x, y, w) = (self.left(), self.y, self.width());
        self.push(Draw::Rect {
            x,
            y,
            w,
            h,
            fill: Some(fill),
            stroke: Some((stroke, 0.8)),
        });
        self.y += pad;
        let tag = Tag::Elem(self.block(Role::P));
        self.lines(&lines, style, x + pad, tag);
        self.y += pad;
    }

    /// A checklist item: an empty box to tick, then the text. Items that follow each other are
    /// one list.
    pub fn checkbox_item(&mut self, text: &str, style: Style) {
        self.keep_from = None;
        let indent = 16.0;
        let lines = wrap_glued(self.m, style.face, style.size, text, self.width() - indent);
        let h = lines.0.len() as f32 * style.line_height();
        self.ensure(h.min(self.bottom() - self.margin_top));
        let s = style.size * 0.85;
        let (x, y) = (self.left() + 1.0, self.y + style.size * 0.2);
        self.push(Draw::Rect {
            x,
            y,
            w: s,
            h: s,
            fill: None,
            stroke: Some((style.color, 0.7)),
        });
        let tag = Tag::Elem(self.list_body());
        self.lines(&lines, style, self.left() + indent, tag);
    }

    /// A table: a header repeated on every page it spans; rows never cut unless taller than a page.
    pub fn table(&mut self, t: &Table) {
        let total: f32 = t.widths.iter().sum::<f32>().max(f32::EPSILON);
        let widths: Vec<f32> = t.widths.iter().map(|w| w / total * self.width()).collect();
        // A header may take at most a third of a page, so every page it repeats on keeps room
        // for rows: a longer one is cut, its last line ending in "…".
        let max_header_lines = (((self.bottom() - self.margin_top) / 3.0 - 2.0 * CELL_PAD_Y)
            / HEADER_STYLE.line_height())
        .floor()
        .max(1.0) as usize;
        let header: Vec<Vec<String>> = t
            .headers
            .iter()
            .zip(&widths)
            .map(|(h, w)| {
                let mut lines = wrap(
                    self.m,
                    HEADER_STYLE.face,
                    HEADER_STYLE.size,
                    h,
                    w - 2.0 * CELL_PAD_X,
                );
                if lines.len() > max_header_lines {
                    lines.truncate(max_header_lines);
                    if let Some(last) = lines.last_mut() {
                        last.pop();
                        last.push('…');
                    }
                }
                lines
            })
            .collect();
        // A table whose headers are all empty (a key–value block) has no header row.
        let has_header = t.headers.iter().any(|h| !h.is_empty());
        let header_h = if has_header {
            header.iter().map(|l| l.len()).max().unwrap_or(1) as f32 * HEADER_STYLE.line_height()
                + 2.0 * CELL_PAD_Y
        } else {
            0.0
        };
        let (wrapped, glued): (Vec<RowLines>, Vec<RowGlue>) = t
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .zip(&widths)
                    .map(|(c, w)| {
                        wrap_glued(
                            self.m,
                            c.style.face,
                            c.style.size,
                            &c.text,
                            w - 2.0 * CELL_PAD_X,
                        )
                    })
                    .unzip()
            })
            .unzip();

        let first_h = wrapped.first().map_or(0.0, |r| row_height(r, &t.rows[0]));
        // Keep the header with the first row, and the heading above with both.
        let need = header_h + first_h.min(self.bottom() - self.margin_top - header_h);
        if self.y + need > self.bottom() && !self.carry_heading_over() {
            self.ensure(need);
        }
        self.keep_from = None;
        let mut tt = TableTag {
            table: self.block(Role::Table),
            header_tagged: false,
        };
        self.table_header(&header, &widths, header_h, &mut tt);
        for (ri, (row, cells)) in t.rows.iter().zip(&wrapped).enumerate() {
            // A table without a header row (a key–value block) has its keys as row headers.
            let tr = self.tree.add(Role::TR, tt.table);
            let tags: Vec<Tag> = (0..row.len())
                .map(|k| {
                    let role = if k == 0 && !has_header {
                        Role::TH(Scope::Row)
                    } else {
                        Role::TD
                    };
                    Tag::Elem(self.tree.add(role, tr))
                })
                .collect();
            for (&tag, glued) in tags.iter().zip(&glued[ri]) {
                self.glue(tag, glued);
            }
            let mut lines: Vec<Vec<String>> = cells.clone();
            let mut continued = false;
            // A group heading row moves to the next page with the row it introduces.
            if row.first().is_some_and(|c| c.keep_with_next)
                && let Some(next) = wrapped.get(ri + 1)
            {
                let need = row_height(cells, row) + row_height(next, &t.rows[ri + 1]);
                if self.y + need > self.bottom()
                    && need <= self.bottom() - self.margin_top - header_h
                {
                    self.new_page();
                    self.table_header(&header, &widths, header_h, &mut tt);
                }
            }
            // Pages started for this row without drawing any of it: a second one in a row means
            // no page can take even one line, so the rest is drawn as is rather than looping.
            let mut empty_pages = 0;
            loop {
                let h = row_height(&lines, row);
                if self.y + h <= self.bottom() || empty_pages > 1 {
                    self.table_row(row, &lines, &widths, h, &tags, continued);
                    break;
                }
                let page_room = self.bottom() - self.margin_top - header_h;
                if h <= page_room {
                    // The whole row fits on a fresh page: never cut it.
                    self.new_page();
                    self.table_header(&header, &widths, header_h, &mut tt);
                    empty_pages += 1;
                    continue;
                }
                // Taller than a page: put as many lines as fit here, the rest on the next page.
                let room = self.bottom() - self.y - 2.0 * CELL_PAD_Y;
                let (head, tail) = split_lines(&lines, row, room);
                if head.iter().all(|l| l.is_empty()) {
                    self.new_page();
                    self.table_header(&header, &widths, header_h, &mut tt);
                    empty_pages += 1;
                    continue;
                }
                empty_pages = 0;
                let hh = row_height(&head, row);
                self.table_row(row, &head, &widths, hh, &tags, continued);
                self.new_page();
                self.table_header(&header, &widths, header_h, &mut tt);
                lines = tail;
                continued = true;
            }
        }
        self.space(8.0);
    }

    /// The header row: its cells are `TH` the first time, an artifact where it is repeated.
    fn table_header(&mut self, header: &[Vec<String>], widths: &[f32], h: f32, tt: &mut TableTag) {
        if h <= 0.0 {
            return;
        }
        let tags: Vec<Tag> = if tt.header_tagged {
            vec![Tag::Artifact(Artifact::Pagination); header.len()]
        } else {
            tt.header_tagged = true;
            let tr = self.tree.add(Role::TR, tt.table);
            header
                .iter()
                .map(|_| Tag::Elem(self.tree.add(Role::TH(Scope::Column), tr)))
                .collect()
        };
        let (x0, y) = (self.left(), self.y);
        self.push(Draw::Rect {
            x: x0,
            y,
            w: self.width(),
            h,
            fill: Some(Rgb::HEADER_FILL),
            stroke: None,
        });
        let mut x = x0;
        for ((lines, w), &tag) in header.iter().zip(widths).zip(&tags) {
            for (i, l) in lines.iter().enumerate() {
                let baseline =
                    y + CELL_PAD_Y + HEADER_STYLE.size + i as f32 * HEADER_STYLE.line_height();
                self.push(Draw::Text {
                    x: x + CELL_PAD_X,
                    y: baseline,
                    size: HEADER_STYLE.size,
                    face: HEADER_STYLE.face,
                    color: HEADER_STYLE.color,
                    text: l.clone(),
                    tag,
                });
            }
            x += w;
        }
        self.rule(y + h, Rgb::MUTED, 0.8);
        self.y += h;
    }

    fn table_row(
        &mut self,
        row: &[Cell],
        lines: &[Vec<String>],
        widths: &[f32],
        h: f32,
        tags: &[Tag],
        continued: bool,
    ) {
        let (x0, y) = (self.left(), self.y);
        let mut x = x0;
        for (((cell, cl), w), &tag) in row.iter().zip(lines).zip(widths).zip(tags) {
            if let Some(fill) = cell.fill {
                self.push(Draw::Rect {
                    x: x + 1.0,
                    y: y + 1.0,
                    w: w - 2.0,
                    h: h - 2.0,
                    fill: Some(fill),
                    stroke: None,
                });
            }
            for (i, l) in cl.iter().enumerate() {
                let baseline =
                    y + CELL_PAD_Y + cell.style.size + i as f32 * cell.style.line_height();
                self.push(Draw::Text {
                    x: x + CELL_PAD_X,
                    y: baseline,
                    size: cell.style.size,
                    face: cell.style.face,
                    color: cell.style.color,
                    text: l.clone(),
                    tag,
                });
            }
            x += w;
        }
        if continued {
            self.push(Draw::Text {
                x: x0 + self.width() - 60.0,
                y: y + 9.0,
                size: 6.5,
                face: Face::Italic,
                color: Rgb::MUTED,
                text: "(continued)".into(),
                tag: Tag::Artifact(Artifact::Pagination),
            });
        }
        self.rule(y + h, Rgb::RULE, 0.5);
        self.y += h;
    }
}

/// A row's cells, each as its wrapped lines.
type RowLines = Vec<Vec<String>>;
/// A row's cells, each as the lines that end inside a word (see [`wrap_glued`]).
type RowGlue = Vec<Vec<usize>>;

/// A table's element, and whether its header row has been tagged: where it is repeated on a new
/// page it is an artifact, not a second header.
struct TableTag {
    table: u32,
    header_tagged: bool,
}

fn row_height(lines: &[Vec<String>], row: &[Cell]) -> f32 {
    lines
        .iter()
        .zip(row)
        .map(|(l, c)| l.len().max(1) as f32 * c.style.line_height())
        .fold(0.0, f32::max)
        + 2.0 * CELL_PAD_Y
}

/// Splits each cell's lines so the first part fits in `room` points.
fn split_lines(
    lines: &[Vec<String>],
    row: &[Cell],
    room: f32,
) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let mut head = Vec::new();
    let mut tail = Vec::new();
    for (l, c) in lines.iter().zip(row) {
        let n = ((room / c.style.line_height()).floor().max(0.0) as usize).min(l.len());
        head.push(l[..n].to_vec());
        tail.push(l[n..].to_vec());
    }
    (head, tail)
}

#[cfg(test)]
mod tests;
