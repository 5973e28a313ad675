//! Reading a page: bytes in, the text a reader sees out. HTML goes through an HTML5 parser
//! (html5ever, by way of scraper) with its charset from the header, a byte-order mark or
//! `<meta>`; PDF through lopdf's text extraction; Markdown and plain text as they are.

use encoding_rs::Encoding;
use scraper::{Html, Node};

/// What kind of document the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Html,
    Pdf,
    Markdown,
    Text,
}

impl PageKind {
    /// From a Content-Type (`text/html; charset=…`) and the first bytes, for a fetched page.
    pub fn sniff(content_type: Option<&str>, bytes: &[u8]) -> PageKind {
        let ct = content_type.unwrap_or("").to_ascii_lowercase();
        if ct.contains("pdf") || bytes.starts_with(b"%PDF-") {
            PageKind::Pdf
        } else if ct.contains("markdown") {
            PageKind::Markdown
        } else if ct.starts_with("text/plain") {
            PageKind::Text
        } else {
            PageKind::Html
        }
    }

    /// From a saved file's extension.
    pub fn of_extension(ext: &str) -> Option<PageKind> {
        match ext.to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(PageKind::Html),
            "pdf" => Some(PageKind::Pdf),
            "md" => Some(PageKind::Markdown),
            "txt" => Some(PageKind::Text),
            _ => None,
        }
    }
}

/// Fewer words than this and the page is taken as not read: a page built by JavaScript, an
/// error page, an empty body. Its quotes are then not checked, never called gone.
pub const FEWEST_WORDS: usize = 40;

/// Why a page's text could not be read. Its quotes are then not checked: never called gone.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreadable {
    /// Binary or undecodable bytes: so many of so many characters.
    NotText { junk: usize, chars: usize },
    /// Almost no words: a page built by JavaScript, an error page, an empty body, a scan.
    AlmostNoText { words: usize, kind: PageKind },
    /// The PDF could not be parsed or its text extracted.
    Pdf(String),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::NotText { junk, chars } => write!(
                f,
                "the page is not readable text ({junk} of {chars} characters are binary or undecodable)"
            ),
            Unreadable::AlmostNoText {
                words,
                kind: PageKind::Pdf,
            } => write!(
                f,
                "the PDF has almost no extractable text ({words} words; a scanned document?): \
                 save a copy with text and re-check it with --saved"
            ),
            Unreadable::AlmostNoText { words, .. } => write!(
                f,
                "the page yielded almost no text ({words} words): it probably needs JavaScript \
                 to show its text. Save it from a browser and re-check the saved copy \
                 (--saved DIR, or \"Check saved copies\" in the app)"
            ),
            Unreadable::Pdf(why) => f.write_str(why),
        }
    }
}

/// Reads the text of a page, or says plainly why it cannot.
pub fn text_of(
    kind: PageKind,
    content_type: Option<&str>,
    bytes: &[u8],
) -> Result<String, Unreadable> {
    let text = match kind {
        PageKind::Pdf => pdf_text(bytes)?,
        PageKind::Html => html_text(&decode(content_type, bytes, true)),
        PageKind::Markdown | PageKind::Text => decode(content_type, bytes, false),
    };
    let junk = text
        .chars()
        .filter(|c| *c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace()))
        .count();
    let chars = text.chars().count();
    if chars > 0 && junk * 10 > chars {
        return Err(Unreadable::NotText { junk, chars });
    }
    let words = text.split_whitespace().count();
    if words < FEWEST_WORDS {
        return Err(Unreadable::AlmostNoText { words, kind });
    }
    Ok(text)
}

/// Bytes to text: a byte-order mark, else the charset of the Content-Type, else (for HTML) a
/// `<meta>` charset in the first 1,024 bytes, else UTF-8 when the bytes are UTF-8, else
/// Windows-1252 (which is what "ISO-8859-1" means on the web).
fn decode(content_type: Option<&str>, bytes: &[u8], html: bool) -> String {
    let declared = content_type
        .and_then(charset_param)
        .and_then(|l| Encoding::for_label(l.as_bytes()));
    // A byte-order mark wins over the header, as browsers read it (WHATWG encoding sniffing).
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or(declared)
        .or_else(|| html.then(|| meta_charset(bytes)).flatten())
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                encoding_rs::UTF_8
            } else {
                encoding_rs::WINDOWS_1252
            }
        });
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset"))
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">`.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let rest = head[at + 8..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

/// Elements whose text is not the page's: code, styling, navigation and forms.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "svg", "math", "iframe", "object", "select",
    "button", "head", "canvas",
];

/// Elements that start a new line of text; every other element (a, em, strong, span, code, …)
/// is inline, so `reten<b>tion</b>` stays one word.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "caption",
    "tbody",
    "thead",
    "tfoot",
];

fn html_text(source: &str) -> String {
    let doc = Html::parse_document(source);
    let mut out = String::with_capacity(source.len() / 2);
    // An explicit stack instead of recursion: a hostile page may nest elements very deeply.
    enum Step<'a> {
        Enter(ego_tree::NodeRef<'a, Node>),
        Leave(bool),
    }
    let mut stack = vec![Step::Enter(doc.tree.root())];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(block) => {
                if block {
                    out.push('\n');
                }
            }
            Step::Enter(node) => match node.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => {
                    let name = e.name();
                    let navigation = e.attr("role").is_some_and(|r| r == "navigation")
                        || e.attr("aria-hidden").is_some_and(|h| h == "true")
                        || e.attr("hidden").is_some();
                    if SKIPPED.contains(&name) || navigation {
                        continue;
                    }
                    let block = BLOCKS.contains(&name);
                    if block {
                        out.push('\n');
                    }
                    stack.push(Step::Leave(block));
                    let children: Vec<_> = node.children().collect();
                    for c in children.into_iter().rev() {
                        stack.push(Step::Enter(c));
                    }
                }
                Node::Document | Node::Fragment => {
                    let children: Vec<_> = node.children().collect();
                    for c in children.into_iter().rev() {
                        stack.push(Step::Enter(c));
                    }
                }
                _ => {}
            },
        }
    }
    out
}

/// The text of a PDF's pages. lopdf is given a decompression limit; a panic inside it (it
/// parses whatever a server sends) is caught and reported as an unreadable PDF.
fn pdf_text(bytes: &[u8]) -> Result<String, Unreadable> {
    const LIMIT: usize = 64 * 1024 * 1024;
    let result = std::panic::catch_unwind(|| -> Result<String, Unreadable> {
        let doc = lopdf::Document::load_mem(bytes)
            .map_err(|e| Unreadable::Pdf(format!("not a readable PDF: {e}")))?;
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        doc.extract_text_with_limit(&pages, LIMIT)
            .map_err(|e| Unreadable::Pdf(format!("the PDF's text could not be extracted: {e}")))
    });
    result.unwrap_or_else(|_| {
        Err(Unreadable::Pdf(
            "not a readable PDF (its structure is broken)".into(),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filler() -> String {
        "word ".repeat(FEWEST_WORDS)
    }

    #[test]
    fn inline_tags_never_split_words_and_scripts_and_navigation_are_skipped() {
        let page = format!(
            "<html><head><title>T</title><style>p{{}}</style></head><body><nav>Home Menu</nav>\
             <p>Reten<b>tion</b> is <em>30&nbsp;days</em>.</p><script>var x = 'secret';</script>\
             <div>Next</div><p>{}</p></body></html>",
            filler()
        );
        let text = text_of(PageKind::Html, Some("text/html"), page.as_bytes()).unwrap();
        assert!(text.contains("Retention is 30\u{a0}days."), "{text}");
        assert!(!text.contains("secret") && !text.contains("Menu"), "{text}");
        assert!(text.contains("\nNext"), "{text}");
    }

    #[test]
    fn charsets_from_header_meta_or_fallback() {
        let body = format!("<p>caf\u{e9} \u{2019}s {}</p>", filler());
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(&body);
        let t = text_of(
            PageKind::Html,
            Some("text/html; charset=ISO-8859-1"),
            &latin,
        )
        .unwrap();
        assert!(t.contains("café ’s"), "{t}");
        let with_meta = [b"<meta charset=\"windows-1252\">".as_slice(), &latin].concat();
        let t = text_of(PageKind::Html, None, &with_meta).unwrap();
        assert!(t.contains("café ’s"), "{t}");
        // No charset at all and not UTF-8: read as Windows-1252, not as replacement characters.
        let t = text_of(PageKind::Html, Some("text/html"), &latin).unwrap();
        assert!(t.contains("café"), "{t}");
    }

    #[test]
    fn junk_empty_and_script_only_pages_are_refused_with_a_reason() {
        let junk: Vec<u8> = (0..4000u32).map(|i| (i * 7 % 32) as u8).collect();
        assert!(
            text_of(PageKind::Html, None, &junk)
                .unwrap_err()
                .to_string()
                .contains("not readable")
        );
        let spa = b"<html><body><div id=root></div><script>render()</script></body></html>";
        assert!(
            text_of(PageKind::Html, None, spa)
                .unwrap_err()
                .to_string()
                .contains("JavaScript")
        );
        assert!(text_of(PageKind::Pdf, None, b"%PDF-1.4 nonsense").is_err());
    }
}
