//! Reading text files within bounds: the size limit, UTF-8, the byte-order mark, and RON's
//! options. Policy sets, scenarios, the evidence log and dropped files all come through here, so
//! a huge or binary file is refused the same way wherever it is opened, and every size limit is
//! said the same way ([`size_text`]).

use std::path::Path;

/// Files larger than this are refused before parsing: a policy set is a few dozen kilobytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Why a text file could not be read, in the words a user acts on: never "os error 2".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Missing,
    Folder,
    Denied,
    /// Its size, over [`MAX_FILE_BYTES`].
    TooLarge(u64),
    /// The offset of the first byte that is not UTF-8.
    NotUtf8(usize),
    /// Any other failure of the system, as it words it.
    Io(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Missing => f.write_str("no file there"),
            ReadError::Folder => f.write_str("that is a folder, not a file"),
            ReadError::Denied => f.write_str("permission denied"),
            ReadError::TooLarge(size) => write!(
                f,
                "{} — a file here may be at most {}",
                size_text(*size),
                size_text(MAX_FILE_BYTES)
            ),
            ReadError::NotUtf8(at) => write!(f, "not UTF-8 text (invalid byte at offset {at})"),
            ReadError::Io(why) => write!(f, "cannot read it: {why}"),
        }
    }
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::Missing,
            std::io::ErrorKind::PermissionDenied => ReadError::Denied,
            std::io::ErrorKind::IsADirectory => ReadError::Folder,
            _ => ReadError::Io(e.to_string()),
        }
    }
}

/// Reads a UTF-8 text file, refusing anything over [`MAX_FILE_BYTES`].
pub fn read_text_limited(path: &Path) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ReadError::Folder);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let bytes = std::fs::read(path)?;
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8(e.utf8_error().valid_up_to()))
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
