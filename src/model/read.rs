//! Reading text files within bounds: the size limit, UTF-8, the byte-order mark, and RON's
//! options. Policy sets, scenarios, the evidence log and dropped files all come through here, so
//! a huge or binary file is refused the same way wherever it is opened, and every size limit is
//! said the same way ([`size_text`]).

use std::path::Path;

/// Files larger than this are refused before parsing: a policy set is a few dozen kilobytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a UTF-8 text file, refusing anything over [`MAX_FILE_BYTES`].
pub fn read_text_limited(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot open: {e}"))?;
    if meta.is_dir() {
        return Err("that is a folder, not a file".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{} — a file here may be at most {}",
            size_text(meta.len()),
            size_text(MAX_FILE_BYTES)
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A file size as people say it: "50 MB", "4 MB", "812 KB".
pub fn size_text(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        let mb = bytes as f64 / MB as f64;
        if (mb - mb.round()).abs() < 0.05 {
            format!("{:.0} MB", mb.round())
        } else {
            format!("{mb:.1} MB")
        }
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// The text after a UTF-8 byte-order mark, which Windows editors such as Notepad write at the
/// start of a file. (CR LF line ends need nothing: RON reads CR as white space.)
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// RON as every file here is read: `Some(…)` may be left out around optional values.
pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}
