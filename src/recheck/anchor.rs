//! Finding a quote again on a page, as Hypothesis re-anchors a text quote: exactly after
//! normalising both sides, else the closest passage by word similarity.
//!
//! First, on both sides, entities are decoded, soft hyphens and zero-width characters removed
//! and Markdown links reduced to their text. Then a quote is `found` when its letters and digits
//! (and the signs `%`, `$`, `€`, `£`, `§`) stand on the page in order, in any case: so spacing,
//! line breaks, no-break spaces, curly or straight quotes, dashes, emphasis and backticks never
//! decide anything, and neither do table cells that a page's text runs together ("…termsFoundry
//! routes…"). This is what `check-quotes` does for the seed page. The closest passage of a quote
//! not found is looked for word by word: runs of letters and digits, compared without case.

use similar::{ChangeTag, TextDiff};

/// A quote is `reworded` when the closest passage shares at least this much of its words: the
/// ratio 2·M / (words in quote + words in passage), M the words the two have in common in order
/// (the ratio `similar` computes). 0.7 keeps a sentence with a changed clause or a few swapped
/// words, and refuses a passage that only shares the common words of the topic.
pub const REWORDED_AT_LEAST: f32 = 0.7;

/// A page's text, as words with where each sits in the readable text.
pub struct Words {
    /// The text with entities decoded and spacing collapsed: what a passage is shown from.
    pub text: String,
    words: Vec<String>,
    lower: Vec<String>,
    /// The text's letters, digits and signs only, lower-cased: what `found` searches.
    squashed: String,
    /// Byte range of each word in `text`.
    spans: Vec<(usize, usize)>,
}

/// Where and how a quote was found.
#[derive(Debug, Clone, PartialEq)]
pub enum Anchor {
    Found,
    Reworded {
        similarity: f32,
        passage: String,
        diff: String,
    },
    Gone {
        /// The closest passage, when there is one worth showing.
        similarity: f32,
        passage: String,
    },
}

impl Words {
    pub fn new(raw: &str) -> Words {
        let text = readable(raw);
        let mut words = Vec::new();
        let mut spans = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            let sign = is_kept(c) && !c.is_alphanumeric();
            if c.is_alphanumeric() {
                start.get_or_insert(i);
                continue;
            }
            if let Some(s) = start.take() {
                spans.push((s, i));
            }
            if sign {
                spans.push((i, i + c.len_utf8()));
            }
        }
        if let Some(s) = start {
            spans.push((s, text.len()));
        }
        for &(a, b) in &spans {
            words.push(text[a..b].to_string());
        }
        let lower = words.iter().map(|w| w.to_lowercase()).collect();
        let squashed = squash(&text);
        Words {
            text,
            words,
            lower,
            squashed,
            spans,
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn passage(&self, from: usize, to: usize) -> String {
        match (
            self.spans.get(from),
            to.checked_sub(1).and_then(|t| self.spans.get(t)),
        ) {
            (Some(&(a, _)), Some(&(_, b))) if a <= b => self.text[a..b].to_string(),
            _ => String::new(),
        }
    }
}

fn is_kept(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '%' | '$' | '€' | '£' | '§')
}

/// Letters, digits and signs only, lower-cased; a point or comma between two digits stays, so
/// that "1.5" never reads as "15".
fn squash(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let in_number = matches!(c, '.' | ',')
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if is_kept(c) || in_number {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The first place at or after `from` where `piece` stands in `hay` without cutting a number:
/// "30 days" is not found in "130 days", nor "is 30" in "is 300".
fn find_whole(hay: &str, piece: &str, from: usize) -> Option<usize> {
    let digit_before = |i: usize| {
        hay[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
    };
    let digit_after = |i: usize| hay[i..].chars().next().is_some_and(|c| c.is_ascii_digit());
    let starts_digit = piece.chars().next().is_some_and(|c| c.is_ascii_digit());
    let ends_digit = piece
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit());
    let mut at = from;
    while let Some(i) = hay.get(at..).and_then(|rest| rest.find(piece)) {
        let start = at + i;
        let end = start + piece.len();
        if !(starts_digit && digit_before(start) || ends_digit && digit_after(end)) {
            return Some(start);
        }
        at = start + piece.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Looks for `quote` on the page. A quote that elides words with "…" (or "...") is found when
/// each of its pieces stands on the page, in order.
pub fn anchor(page: &Words, quote: &str) -> Anchor {
    let pieces: Vec<Words> = quote
        .split(['…'])
        .flat_map(|p| p.split("..."))
        .map(Words::new)
        .filter(|w| !w.is_empty())
        .collect();
    if pieces.is_empty() {
        return Anchor::Found;
    }
    let mut at = 0;
    let mut all = true;
    for piece in &pieces {
        match find_whole(&page.squashed, &piece.squashed, at) {
            Some(i) => at = i + piece.squashed.len(),
            None => {
                all = false;
                break;
            }
        }
    }
    if all {
        return Anchor::Found;
    }
    let pieces: Vec<Vec<String>> = pieces.into_iter().map(|p| p.words).collect();
    let whole: Vec<String> = pieces.concat().iter().map(|w| w.to_lowercase()).collect();
    let elided = pieces.len() > 1;
    match closest(page, &whole, elided) {
        Some((similarity, from, to)) => {
            let passage = page.passage(from, to);
            if similarity >= REWORDED_AT_LEAST {
                let diff = word_diff(&whole, &page.lower[from..to], &page.words[from..to]);
                Anchor::Reworded {
                    similarity,
                    passage,
                    diff,
                }
            } else {
                // A passage that shares less than this is noise, not a lead for the reviewer.
                let passage = if similarity >= 0.4 {
                    passage
                } else {
                    String::new()
                };
                Anchor::Gone {
                    similarity,
                    passage,
                }
            }
        }
        None => Anchor::Gone {
            similarity: 0.0,
            passage: String::new(),
        },
    }
}

/// The passage most like `quote` (lower-case words): candidate windows are the starts where a
/// window of the quote's length shares the most words with it (a sliding count, linear in the
/// page), and around the best few the window's ends are tried at several lengths.
fn closest(page: &Words, quote: &[String], elided: bool) -> Option<(f32, usize, usize)> {
    use std::collections::HashMap;
    let n = quote.len();
    let len = page.lower.len();
    if n == 0 || len == 0 {
        return None;
    }
    let mut want: HashMap<&str, i32> = HashMap::new();
    for w in quote {
        *want.entry(w.as_str()).or_default() += 1;
    }
    // Sliding multiset overlap between the window [i, i + n) and the quote.
    let width = n.min(len);
    let mut have: HashMap<&str, i32> = HashMap::new();
    let mut overlap = 0i32;
    fn add<'w>(
        want: &HashMap<&str, i32>,
        w: &'w str,
        d: i32,
        have: &mut HashMap<&'w str, i32>,
        overlap: &mut i32,
    ) {
        let Some(&cap) = want.get(w) else { return };
        let h = have.entry(w).or_default();
        let before = (*h).min(cap);
        *h += d;
        *overlap += (*h).min(cap) - before;
    }
    let mut scores: Vec<(i32, usize)> = Vec::with_capacity(len);
    for w in &page.lower[..width] {
        add(&want, w, 1, &mut have, &mut overlap);
    }
    scores.push((overlap, 0));
    for i in 1..=(len - width) {
        add(&want, &page.lower[i - 1], -1, &mut have, &mut overlap);
        add(
            &want,
            &page.lower[i + width - 1],
            1,
            &mut have,
            &mut overlap,
        );
        scores.push((overlap, i));
    }
    scores.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut best: Option<(f32, usize, usize)> = None;
    let mut tried = 0;
    let mut last_start: Option<usize> = None;
    for &(score, start) in &scores {
        if tried >= 6 || score == 0 {
            break;
        }
        // Neighbouring starts of one passage are one candidate.
        if last_start.is_some_and(|l| l.abs_diff(start) < n / 2 + 1) {
            continue;
        }
        last_start = Some(start);
        tried += 1;
        let slack = (n / 3).max(2);
        let longest = if elided { n * 2 + slack } else { n + slack };
        let from_lo = start.saturating_sub(slack);
        for from in from_lo..=start.min(len - 1) {
            let mut to = from + n.saturating_sub(slack).max(1);
            while to <= (from + longest).min(len) {
                let r = ratio(quote, &page.lower[from..to]);
                if best.is_none_or(|(b, _, _)| r > b) {
                    best = Some((r, from, to));
                }
                to += 1;
            }
        }
    }
    best
}

fn ratio(a: &[String], b: &[String]) -> f32 {
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let b: Vec<&str> = b.iter().map(String::as_str).collect();
    TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .diff_slices(&a, &b)
        .ratio()
}

/// The quote against the passage, word by word: `[-gone-]` and `{+new+}` as `git diff
/// --word-diff` writes them.
fn word_diff(quote: &[String], passage_lower: &[String], passage: &[String]) -> String {
    let quote: Vec<&str> = quote.iter().map(String::as_str).collect();
    let passage_lower: Vec<&str> = passage_lower.iter().map(String::as_str).collect();
    let diff = TextDiff::configure().diff_slices(&quote, &passage_lower);
    let mut out: Vec<String> = Vec::new();
    let mut new_index = 0usize;
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Equal => {
                out.push(passage.get(new_index).cloned().unwrap_or_default());
                new_index += 1;
            }
            ChangeTag::Delete => out.push(format!("[-{}-]", change.value())),
            ChangeTag::Insert => {
                out.push(format!(
                    "{{+{}+}}",
                    passage.get(new_index).cloned().unwrap_or_default()
                ));
                new_index += 1;
            }
        }
    }
    out.join(" ")
}

/// The text a reader sees: entities decoded, soft hyphens and zero-width characters gone, the
/// targets of Markdown links dropped, every run of spacing one space.
fn readable(raw: &str) -> String {
    let decoded = decode_entities(raw);
    let without_links = markdown_link_text(&decoded);
    let mut out = String::with_capacity(without_links.len());
    let mut space = false;
    for c in without_links.chars() {
        let c = match c {
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
                continue;
            }
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// `[text](target)` becomes `text`; anything else stays as it is.
fn markdown_link_text(s: &str) -> String {
    if !s.contains("](") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(close) = rest.find("](") {
        let after = &rest[close + 2..];
        match after.find(')') {
            Some(end) if !after[..end].contains(char::is_whitespace) => {
                out.push_str(&rest[..close]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..close + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the entities a quote or a Markdown page may hold (`&amp;`, `&nbsp;`, `&#8217;`,
/// `&#x2019;`, …). HTML pages arrive decoded by the parser.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(j, _)| j);
        let decoded = end.and_then(|j| entity(&after[..j]).map(|c| (c, j)));
        match decoded {
            Some((c, j)) => {
                out.push(c);
                rest = &after[j + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{00A0}',
        "shy" => '\u{00AD}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "euro" => '€',
        "pound" => '£',
        "sect" => '§',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(page: &str, quote: &str) -> bool {
        anchor(&Words::new(page), quote) == Anchor::Found
    }

    #[test]
    fn spacing_quotes_dashes_entities_and_markup_never_decide() {
        let page = "Data is kept for **30&nbsp;days**\n after the\u{00A0}session \u{2014} it\u{2019}s \
                    [deleted](https://x.example/a) by `default`. Reten\u{00AD}tion ends.";
        assert!(found(
            page,
            "Data is kept for 30 days after the session - it's deleted by default."
        ));
        assert!(found(page, "it’s deleted by default"));
        assert!(found(page, "Retention ends"));
        assert!(found(page, "kept for 30 days … by default"));
        assert!(!found(page, "kept for 60 days"));
        // A number is never found inside another.
        assert!(!found("It is kept for 130 days.", "kept for 30 days"));
        assert!(!found("Kept 130 days or 300 days", "30 days"));
        assert!(!found("Kept 300 days", "kept 30"));
        assert!(!found("Version 15 applies", "version 1.5"));
        assert!(found("Version 1.5 applies", "version 1.5"));
        // The pieces of an elided quote must come in order.
        assert!(!found(page, "by default … kept for 30 days"));
    }

    #[test]
    fn a_changed_clause_is_reworded_with_its_diff_and_a_removed_sentence_is_gone() {
        let page = "Intro text about something else entirely. You can configure data retention at \
                    the account or project level, and the setting is enforced everywhere. Other \
                    unrelated words follow here for a while.";
        match anchor(
            &Words::new(page),
            "You can configure data retention at the account level, and the setting is enforced everywhere.",
        ) {
            Anchor::Reworded {
                similarity, diff, ..
            } => {
                assert!(similarity > 0.85, "{similarity}");
                assert!(
                    diff.contains("{+or+}") && diff.contains("{+project+}"),
                    "{diff}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            anchor(
                &Words::new(page),
                "The setting is per-Region and does not propagate to other Regions."
            ),
            Anchor::Gone { .. }
        ));
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("a &amp; b &#8217; &#x2019; &bogus; &"),
            "a & b ’ ’ &bogus; &"
        );
    }
}
