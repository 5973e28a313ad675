//! The brief as a tagged PDF, so that a screen reader can follow it: a structure tree (Document,
//! headings, paragraphs, lists, tables with header cells), every line on a page either marked
//! content of one of its elements or an artifact, the verdict marks with a text alternative, and
//! the document-level entries (language, title, XMP metadata).
//!
//! The layout (`layout.rs`) builds the [`Tree`] as it places the blocks and tags each line of
//! text with the element it belongs to ([`Tag`]); `pdf.rs` opens marked content around the lines
//! ([`begin`], [`show`]) and, once printpdf has serialised the document, [`finish`] writes the
//! tree, the parent tree and the catalog entries with lopdf.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{DictItem, Op, TextItem};

use super::layout::{Draw, Page};

/// The `Document` element every other element descends from.
pub const ROOT: u32 = 0;

/// Which cells a header cell heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Row,
    Column,
}

/// Standard structure types (PDF 32000-1, 14.8.4): the roles the brief's blocks play.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Document,
    H1,
    H2,
    H3,
    P,
    L,
    LI,
    LBody,
    Table,
    TR,
    TH(Scope),
    TD,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::H3 => "H3",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH(_) => "TH",
            Role::TD => "TD",
        }
    }
}

/// Page content that is not part of the document's text: it is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// The running header.
    Header,
    /// The footer.
    Footer,
    /// Repeated for the page break: a table header on a new page, "(continued)".
    Pagination,
}

/// What a line of text is to a reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Content of this element of the [`Tree`].
    Elem(u32),
    Artifact(Artifact),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    pub role: Role,
    pub parent: u32,
}

/// The logical structure of a brief, in reading order: an element's children follow it, in the
/// order they were added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tree {
    pub nodes: Vec<Node>,
    /// (element, line of its content) for lines that end inside a word: a URL or a path broken
    /// between characters. Every other line but an element's last reads with a word break.
    pub glued: BTreeSet<(u32, usize)>,
}

impl Default for Tree {
    fn default() -> Tree {
        Tree {
            nodes: vec![Node {
                role: Role::Document,
                parent: ROOT,
            }],
            glued: BTreeSet::new(),
        }
    }
}

impl Tree {
    /// A new element under `parent` (an element added before it), after its other children.
    pub fn add(&mut self, role: Role, parent: u32) -> u32 {
        let id = self.nodes.len() as u32;
        let parent = if parent < id { parent } else { ROOT };
        self.nodes.push(Node { role, parent });
        id
    }

    /// Line `line` (counted from 0 over the element's lines) of element `e` ends inside a word.
    pub fn glue(&mut self, e: u32, line: usize) {
        self.glued.insert((e, line));
    }

    pub fn role(&self, id: u32) -> Option<Role> {
        self.nodes.get(id as usize).map(|n| n.role)
    }
}

fn name(n: &str) -> DictItem {
    DictItem::Name(n.as_bytes().to_vec())
}

fn dict(entries: &[(&str, DictItem)]) -> DictItem {
    DictItem::Dict {
        map: entries
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    }
}

/// Opens the marked content of `tag` on a page. An element's content gets the page's next MCID,
/// recorded in `mcids` (the element of each MCID, in order); close it with [`end`].
pub fn begin(tree: &Tree, tag: Tag, mcids: &mut Vec<u32>) -> Op {
    begin_as(tree, tag, None, mcids)
}

/// [`begin`], with the text the content reads as (`/ActualText`).
fn begin_as(tree: &Tree, tag: Tag, actual: Option<&str>, mcids: &mut Vec<u32>) -> Op {
    match tag {
        Tag::Elem(e) => {
            let role = tree.role(e).unwrap_or(Role::P);
            let mcid = mcids.len() as i64;
            mcids.push(e);
            let mut entries = vec![("MCID", DictItem::Int(mcid))];
            if let Some(actual) = actual {
                entries.push((
                    "ActualText",
                    DictItem::String {
                        data: text_string(actual),
                        literal: true,
                    },
                ));
            }
            Op::BeginMarkedContentWithProperties {
                tag: role.name().into(),
                properties: dict(&entries),
            }
        }
        Tag::Artifact(kind) => {
            let mut entries = vec![("Type", name("Pagination"))];
            match kind {
                Artifact::Header => entries.push(("Subtype", name("Header"))),
                Artifact::Footer => entries.push(("Subtype", name("Footer"))),
                Artifact::Pagination => {}
            }
            Op::BeginMarkedContentWithProperties {
                tag: "Artifact".into(),
                properties: dict(&entries),
            }
        }
    }
}

/// Opens an artifact without properties: the rules, fills and boxes of a page.
pub fn begin_artifact() -> Op {
    Op::BeginMarkedContent {
        tag: "Artifact".into(),
    }
}

pub fn end() -> Op {
    Op::EndMarkedContent
}

/// The marks the brief draws before a word, and what each is called where a line explains it.
const MARKS: [(char, &str); 7] = [
    ('✓', "check mark"),
    ('≈', "approximately-equal sign"),
    ('✗', "cross"),
    ('?', "question mark"),
    ('≠', "not-equal sign"),
    ('◆', "diamond"),
    ('●', "dot"),
];

/// The marks in a line of text: byte ranges and their replacement text. A mark stands at the
/// start of the line or after a space, before a word or at the end of the line (where the
/// wrap put its word on the next one); "?" only before "Unknown". Before its word the mark
/// reads as nothing ("✓ Fits" is read "Fits"); where a line explains it ("◆ marks…",
/// "◆ = changed…") it reads as its name.
pub fn marks(text: &str) -> Vec<(std::ops::Range<usize>, &'static str)> {
    let mut out = Vec::new();
    // Most lines have none: the marks are all outside ASCII but "?".
    let end = text.trim_end();
    if text.is_ascii() && !text.contains("? Unknown") && !end.ends_with(" ?") && end != "?" {
        return out;
    }
    for (i, c) in text.char_indices() {
        let Some(&(_, called)) = MARKS.iter().find(|(m, _)| *m == c) else {
            continue;
        };
        if i > 0 && !text[..i].ends_with(' ') {
            continue;
        }
        let after = &text[i + c.len_utf8()..];
        if after.starts_with(" marks ") || after.starts_with(" = ") {
            out.push((i..i + c.len_utf8(), called));
            continue;
        }
        let word_follows = after
            .strip_prefix(' ')
            .and_then(|w| w.chars().next())
            .is_some_and(|w| {
                w.is_alphanumeric()
                    || matches!(w, '(' | '“' | '"')
                    || MARKS.iter().any(|(m, _)| *m == w && w != '?')
            });
        let at_end = after.trim_end().is_empty();
        let ok = if c == '?' {
            after.starts_with(" Unknown") || at_end
        } else {
            word_follows || at_end
        };
        if ok {
            let end = i + c.len_utf8() + usize::from(after.starts_with(' '));
            out.push((i..end, ""));
        }
    }
    out
}

/// A PDF text string: PDFDocEncoding for ASCII, UTF-16BE with a byte-order mark otherwise.
fn text_string(t: &str) -> Vec<u8> {
    if t.is_ascii() {
        return t.as_bytes().to_vec();
    }
    let mut out = vec![0xFE, 0xFF];
    for u in t.encode_utf16() {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out
}

/// For each item of each page, whether it is a line of text that its element goes on after (on
/// this page or a later one) at a word break: such a line is shown with a space at its end.
pub fn continued_lines(pages: &[Page], tree: &Tree) -> Vec<Vec<bool>> {
    let mut ended = vec![false; tree.nodes.len()];
    let mut out: Vec<Vec<bool>> = pages.iter().map(|p| vec![false; p.items.len()]).collect();
    // Lines that end inside a word go on without a break: mark them as ended already, by their
    // number among their element's lines.
    let mut glued = Vec::new();
    if !tree.glued.is_empty() {
        let mut count = vec![0usize; tree.nodes.len()];
        for (p, page) in pages.iter().enumerate() {
            for (i, d) in page.items.iter().enumerate() {
                if let Draw::Text {
                    tag: Tag::Elem(e), ..
                } = d
                    && let Some(n) = count.get_mut(*e as usize)
                {
                    if tree.glued.contains(&(*e, *n)) {
                        glued.push((p, i));
                    }
                    *n += 1;
                }
            }
        }
    }
    for (page, flags) in pages.iter().zip(out.iter_mut()).rev() {
        for (d, flag) in page.items.iter().zip(flags.iter_mut()).rev() {
            if let Draw::Text {
                tag: Tag::Elem(e),
                text,
                ..
            } = d
                && !text.is_empty()
                && let Some(ended) = ended.get_mut(*e as usize)
            {
                *flag = std::mem::replace(ended, true);
            }
        }
    }
    for (p, i) in glued {
        out[p][i] = false;
    }
    out
}

fn show_text(text: &str) -> Op {
    Op::ShowText {
        items: vec![TextItem::Text(text.to_string())],
    }
}

/// Shows one line of text of element content `tag` that has `marks` in it (inside BT…ET): each
/// piece is marked content of its own, a mark's with the `/ActualText` it reads as. Flat, not a
/// span nested in the line's content, which some readers end at the span's end. The pieces are
/// drawn one after the other, where the whole line would be.
pub fn show_marked(
    tree: &Tree,
    tag: Tag,
    text: &str,
    marks: &[(std::ops::Range<usize>, &str)],
    mcids: &mut Vec<u32>,
    ops: &mut Vec<Op>,
) {
    let mut at = 0;
    let mut piece = |range: std::ops::Range<usize>, actual: Option<&str>, ops: &mut Vec<Op>| {
        if range.is_empty() {
            return;
        }
        ops.push(begin_as(tree, tag, actual, mcids));
        ops.push(show_text(&text[range]));
        ops.push(end());
    };
    for (range, actual) in marks {
        piece(at..range.start, None, ops);
        piece(range.clone(), Some(actual), ops);
        at = range.end;
    }
    piece(at..text.len(), None, ops);
}

/// Shows one line of text (inside BT…ET) in the marked content already open.
pub fn show(text: &str, ops: &mut Vec<Op>) {
    ops.push(show_text(text));
}

/// What the document says about itself, for the XMP metadata.
pub struct About<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub keywords: &'a [String],
    pub creator: &'a str,
    pub producer: &'a str,
    /// Seconds since 1970-01-01 UTC.
    pub timestamp: i64,
}

/// Writes the structure tree of `tree`, whose marked content is `mcids` (per page, the element of
/// each MCID), and the document-level entries: `/Lang`, `/MarkInfo`, `/ViewerPreferences`, the
/// XMP metadata. A document without pages or catalog is left as it is.
pub fn finish(doc: &mut lopdf::Document, tree: &Tree, mcids: &[Vec<u32>], about: &About) {
    let Some(root) = doc.trailer.get(b"Root").and_then(|r| r.as_reference()).ok() else {
        return;
    };
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let n = tree.nodes.len();

    // Each element's content (page, MCID) in page order, and its children in tree order.
    let mut content: Vec<Vec<(usize, i64)>> = vec![Vec::new(); n];
    for (page, elems) in mcids.iter().enumerate() {
        for (mcid, &e) in elems.iter().enumerate() {
            if let Some(c) = content.get_mut(e as usize) {
                c.push((page, mcid as i64));
            }
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, node) in tree.nodes.iter().enumerate().skip(1) {
        children[node.parent as usize].push(i);
    }
    // An element with nothing in it is left out, except table cells: an empty cell still holds
    // its place in its row. Children come after their parent, so one backward pass decides.
    let mut kept = vec![false; n];
    for i in (0..n).rev() {
        kept[i] = i == 0
            || !content[i].is_empty()
            || matches!(tree.nodes[i].role, Role::TH(_) | Role::TD)
            || children[i].iter().any(|&c| kept[c]);
    }

    let tree_root = doc.new_object_id();
    let ids: Vec<Option<ObjectId>> = kept
        .iter()
        .map(|&k| k.then(|| doc.new_object_id()))
        .collect();
    let page_ref = |p: usize| page_ids.get(p).map(|&id| Object::Reference(id));

    for (i, node) in tree.nodes.iter().enumerate() {
        let Some(id) = ids[i] else { continue };
        // `/Type /StructElem` is optional; without it the tree is a fifth smaller.
        let mut elem = Dictionary::new();
        elem.set("S", Object::Name(node.role.name().as_bytes().to_vec()));
        let parent = if i == 0 {
            Some(tree_root)
        } else {
            ids[node.parent as usize]
        };
        if let Some(parent) = parent {
            elem.set("P", Object::Reference(parent));
        }
        let first_page = content[i].first().map(|&(p, _)| p);
        if let Some(pg) = first_page.and_then(page_ref) {
            elem.set("Pg", pg);
        }
        let mut kids: Vec<Object> = Vec::new();
        for &(p, mcid) in &content[i] {
            if Some(p) == first_page {
                kids.push(Object::Integer(mcid));
            } else if let Some(pg) = page_ref(p) {
                let mut mcr = Dictionary::new();
                mcr.set("Type", Object::Name(b"MCR".to_vec()));
                mcr.set("Pg", pg);
                mcr.set("MCID", Object::Integer(mcid));
                kids.push(Object::Dictionary(mcr));
            }
        }
        kids.extend(
            children[i]
                .iter()
                .filter_map(|&c| ids[c])
                .map(Object::Reference),
        );
        match kids.len() {
            0 => {}
            1 => elem.set("K", kids.remove(0)),
            _ => elem.set("K", Object::Array(kids)),
        }
        if let Role::TH(scope) = node.role {
            let mut attrs = Dictionary::new();
            attrs.set("O", Object::Name(b"Table".to_vec()));
            let scope: &[u8] = match scope {
                Scope::Row => b"Row",
                Scope::Column => b"Column",
            };
            attrs.set("Scope", Object::Name(scope.to_vec()));
            elem.set("A", Object::Dictionary(attrs));
        }
        doc.objects.insert(id, Object::Dictionary(elem));
    }

    let parent_tree = parent_tree(doc, &page_ids, mcids, &ids);
    let mut struct_root = Dictionary::new();
    struct_root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    if let Some(document) = ids[0] {
        struct_root.set("K", Object::Reference(document));
    }
    struct_root.set("ParentTree", Object::Dictionary(parent_tree));
    struct_root.set("ParentTreeNextKey", Object::Integer(page_ids.len() as i64));
    doc.objects
        .insert(tree_root, Object::Dictionary(struct_root));

    let mut xmp = Dictionary::new();
    xmp.set("Type", Object::Name(b"Metadata".to_vec()));
    xmp.set("Subtype", Object::Name(b"XML".to_vec()));
    let xmp = doc.add_object(lopdf::Stream::new(xmp, xmp_packet(about).into_bytes()));

    if let Ok(Object::Dictionary(catalog)) = doc.get_object_mut(root) {
        catalog.set("StructTreeRoot", Object::Reference(tree_root));
        let mut mark_info = Dictionary::new();
        mark_info.set("Marked", Object::Boolean(true));
        catalog.set("MarkInfo", Object::Dictionary(mark_info));
        catalog.set(
            "Lang",
            Object::String(b"en".to_vec(), StringFormat::Literal),
        );
        let mut prefs = Dictionary::new();
        prefs.set("DisplayDocTitle", Object::Boolean(true));
        catalog.set("ViewerPreferences", Object::Dictionary(prefs));
        catalog.set("Metadata", Object::Reference(xmp));
        // printpdf writes the page mode as a string; readers want a name to open the outline.
        if catalog
            .get(b"PageMode")
            .is_ok_and(|m| matches!(m, Object::String(..)))
        {
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
    }
}

/// Text for XML: escaped, without the control characters XML 1.0 cannot hold.
fn xml(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// `2026-11-28T00:00:00Z` for seconds since 1970-01-01 UTC.
fn iso_date(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // Days to a civil date (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3_600,
        secs / 60 % 60,
        secs % 60
    )
}

/// The XMP packet: title, author, subject, keywords, language, tools and dates, as the document
/// information has them. It claims no conformance (no PDF/A or PDF/UA identification).
fn xmp_packet(a: &About) -> String {
    let date = iso_date(a.timestamp);
    let mut fields: BTreeMap<&str, String> = BTreeMap::new();
    fields.insert(
        "dc:title",
        format!(
            "<rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt>",
            xml(a.title)
        ),
    );
    if !a.author.trim().is_empty() {
        fields.insert(
            "dc:creator",
            format!("<rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq>", xml(a.author)),
        );
    }
    if !a.subject.is_empty() {
        fields.insert(
            "dc:description",
            format!(
                "<rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt>",
                xml(a.subject)
            ),
        );
    }
    fields.insert("dc:format", "application/pdf".into());
    fields.insert(
        "dc:language",
        "<rdf:Bag><rdf:li>en</rdf:li></rdf:Bag>".into(),
    );
    if !a.keywords.is_empty() {
        fields.insert("pdf:Keywords", xml(&a.keywords.join(",")));
    }
    fields.insert("pdf:Producer", xml(a.producer));
    fields.insert("xmp:CreatorTool", xml(a.creator));
    fields.insert("xmp:CreateDate", date.clone());
    fields.insert("xmp:ModifyDate", date.clone());
    fields.insert("xmp:MetadataDate", date);
    let mut body = String::new();
    for (k, v) in fields {
        body.push_str(&format!("<{k}>{v}</{k}>\n"));
    }
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n\
         {body}</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>"
    )
}

/// The parent tree: for each page with marked content, its MCIDs' elements, by MCID; and each
/// such page's `/StructParents` key.
fn parent_tree(
    doc: &mut lopdf::Document,
    page_ids: &[ObjectId],
    mcids: &[Vec<u32>],
    ids: &[Option<ObjectId>],
) -> Dictionary {
    let mut nums = Vec::new();
    for (page, elems) in mcids.iter().enumerate() {
        if elems.is_empty() {
            continue;
        }
        let Some(&page_id) = page_ids.get(page) else {
            continue;
        };
        let parents: Vec<Object> = elems
            .iter()
            .map(|&e| {
                ids.get(e as usize)
                    .copied()
                    .flatten()
                    .map_or(Object::Null, Object::Reference)
            })
            .collect();
        nums.push(Object::Integer(page as i64));
        nums.push(Object::Array(parents));
        if let Ok(Object::Dictionary(p)) = doc.get_object_mut(page_id) {
            p.set("StructParents", Object::Integer(page as i64));
        }
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    parent_tree
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for (r, actual) in marks(text) {
            out.push_str(&text[at..r.start]);
            out.push_str(actual);
            at = r.end;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn marks_read_as_their_word_or_their_name() {
        assert_eq!(read("✓ Fits"), "Fits");
        assert_eq!(read("≈ Fits with conditions"), "Fits with conditions");
        assert_eq!(read("? Unknown"), "Unknown");
        assert_eq!(read("Where is data kept?"), "Where is data kept?");
        assert_eq!(
            read("Strict EU → ✗ Does not fit"),
            "Strict EU → Does not fit"
        );
        assert_eq!(read("≠ US\nDisputed"), "US\nDisputed");
        assert_eq!(read("≠ ◆ EU (option: pinning)"), "EU (option: pinning)");
        assert_eq!(read("◆ EU (option: pinning)"), "EU (option: pinning)");
        assert_eq!(
            read("◆ marks a value changed. ≠ marks a value disputed"),
            "diamond marks a value changed. not-equal sign marks a value disputed"
        );
        assert_eq!(read("after. ◆ = changed"), "after. diamond = changed");
        // The wrap left the label for the next line.
        assert_eq!(read("Zero retention → ✓"), "Zero retention → ");
        assert_eq!(read("Zero retention → ? "), "Zero retention → ");
        assert_eq!(read("? "), "");
        // Not a mark: inside a word, or before something other than a word.
        assert_eq!(read("a≈b"), "a≈b");
        assert_eq!(read("Zürich ≈ → ✓ □□"), "Zürich ≈ → ✓ □□");
    }

    #[test]
    fn dates_are_civil() {
        assert_eq!(iso_date(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_date(20_420 * 86_400), "2025-11-28T00:00:00Z");
        assert_eq!(iso_date(11_016 * 86_400 + 3_661), "2000-02-29T01:01:01Z");
    }

    #[test]
    fn the_xmp_packet_is_escaped_and_claims_no_conformance() {
        let about = About {
            title: "Brief — A & B <C>",
            author: "X\u{0}Y",
            subject: "",
            keywords: &[],
            creator: "posture",
            producer: "posture",
            timestamp: 0,
        };
        let p = xmp_packet(&about);
        assert!(p.contains("Brief — A &amp; B &lt;C&gt;"));
        assert!(p.contains("<rdf:li>XY</rdf:li>"));
        assert!(!p.contains("pdfaid") && !p.contains("pdfuaid"));
    }
}
