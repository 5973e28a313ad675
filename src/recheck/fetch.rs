//! Getting a page: over HTTPS with a bounded client (ureq), or from a copy a reviewer saved.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::page::PageKind;

/// The bounds of one live fetch.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub connect: Duration,
    /// The whole request, body included.
    pub whole: Duration,
    pub redirects: u32,
    /// Body bytes after gzip, deflate or brotli decoding.
    pub max_body: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect: Duration::from_secs(10),
            whole: Duration::from_secs(30),
            redirects: 5,
            max_body: 8 * 1024 * 1024,
        }
    }
}

/// A page as fetched or read from disk, before its text is read.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    pub kind: PageKind,
    pub content_type: Option<String>,
    pub origin: Origin,
}

/// Where the bytes came from, as the evidence log records it.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    Live {
        url: String,
        final_url: String,
        http_status: u16,
    },
    Saved {
        file: PathBuf,
        sha256: String,
    },
}

/// Why a page could not be had, in words for the reviewer, with the HTTP status when there was
/// one.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchError {
    pub message: String,
    pub http_status: Option<u16>,
    pub final_url: Option<String>,
}

impl FetchError {
    fn plain(message: impl Into<String>) -> FetchError {
        FetchError {
            message: message.into(),
            http_status: None,
            final_url: None,
        }
    }
}

/// The client every live fetch uses: bounded in time, redirects and size, and named.
pub fn agent(limits: &Limits) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(limits.connect))
        .timeout_global(Some(limits.whole))
        .max_redirects(limits.redirects)
        .max_redirects_will_error(true)
        .http_status_as_error(false)
        .user_agent(format!(
            "posture/{} (policy re-check)",
            env!("CARGO_PKG_VERSION")
        ))
        .accept("text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5")
        .accept_encoding("gzip, deflate, br")
        .build()
        .new_agent()
}

/// GETs `url`. A status other than 2xx, a timeout, a redirect loop, a body over the limit or a
/// broken encoding is an error with its reason.
pub fn fetch_live(agent: &ureq::Agent, url: &str, limits: &Limits) -> Result<Fetched, FetchError> {
    use ureq::ResponseExt;
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(FetchError::plain(format!(
            "the source's URL is not a web address: `{url}`"
        )));
    }
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| FetchError::plain(explain(&e, limits)))?;
    let status = response.status().as_u16();
    let final_url = response.get_uri().to_string();
    if !(200..300).contains(&status) {
        return Err(FetchError {
            message: format!(
                "HTTP {status}{}",
                response
                    .status()
                    .canonical_reason()
                    .map(|r| format!(" {r}"))
                    .unwrap_or_default()
            ),
            http_status: Some(status),
            final_url: Some(final_url),
        });
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header("content-type");
    let deflated =
        header("content-encoding").is_some_and(|e| e.trim().eq_ignore_ascii_case("deflate"));
    let with_status = |message: String| FetchError {
        message,
        http_status: Some(status),
        final_url: Some(final_url.clone()),
    };
    let raw = response
        .body_mut()
        .with_config()
        .limit(limits.max_body)
        .read_to_vec()
        .map_err(|e| with_status(explain(&e, limits)))?;
    // ureq decodes gzip and brotli itself; deflate (rare, and ambiguous: zlib or raw) here.
    let bytes = if deflated {
        inflate(&raw, limits.max_body).map_err(|e| with_status(e.message))?
    } else {
        raw
    };
    Ok(Fetched {
        kind: PageKind::sniff(content_type.as_deref(), &bytes),
        bytes,
        content_type,
        origin: Origin::Live {
            url: url.to_string(),
            final_url,
            http_status: status,
        },
    })
}

/// Inflates a deflate body (zlib-wrapped, or raw as some servers send it), refusing more than
/// `limit` bytes.
fn inflate(raw: &[u8], limit: u64) -> Result<Vec<u8>, FetchError> {
    let read = |mut r: Box<dyn Read + '_>| -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        (&mut r).take(limit + 1).read_to_end(&mut out)?;
        Ok(out)
    };
    let out = read(Box::new(flate2::read::ZlibDecoder::new(raw)))
        .or_else(|_| read(Box::new(flate2::read::DeflateDecoder::new(raw))))
        .map_err(|e| FetchError::plain(format!("the body's deflate encoding is broken: {e}")))?;
    if out.len() as u64 > limit {
        return Err(FetchError::plain(format!(
            "the page is larger than {} once decompressed",
            crate::model::read::size_text(limit)
        )));
    }
    Ok(out)
}

/// ureq's errors in the reviewer's words.
fn explain(e: &ureq::Error, limits: &Limits) -> String {
    use ureq::Error as E;
    match e {
        E::Timeout(_) => format!(
            "no complete answer within {} s (connect limit {} s)",
            limits.whole.as_secs(),
            limits.connect.as_secs()
        ),
        E::TooManyRedirects | E::RedirectFailed => {
            format!(
                "more than {} redirects (a redirect loop?)",
                limits.redirects
            )
        }
        E::BodyExceedsLimit(_) => format!(
            "the page is larger than {} (after decompression)",
            crate::model::read::size_text(limits.max_body)
        ),
        E::HostNotFound => "the host name could not be resolved (no network?)".into(),
        E::ConnectionFailed => "the connection was refused or failed".into(),
        E::Decompress(kind, err) => format!("the body's {kind} encoding is broken: {err}"),
        E::Io(err) => format!("the connection failed: {err}"),
        other => format!("the request failed: {other}"),
    }
}

/// The saved copy of `source` in `dir`: `<source-id>.html`, `.htm`, `.txt`, `.md` or `.pdf`.
pub fn saved_copy(dir: &Path, source: &str) -> Option<PathBuf> {
    ["html", "htm", "txt", "md", "pdf"]
        .iter()
        .map(|ext| dir.join(format!("{source}.{ext}")))
        .find(|p| p.is_file())
}

/// Reads a saved copy, refusing anything over the live limit.
pub fn read_saved(path: &Path, limits: &Limits) -> Result<Fetched, FetchError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let kind = PageKind::of_extension(ext).ok_or_else(|| {
        FetchError::plain(format!(
            "`{}`: a saved copy must be .html, .htm, .txt, .md or .pdf",
            path.display()
        ))
    })?;
    let meta = std::fs::metadata(path).map_err(|e| {
        FetchError::plain(format!(
            "cannot read `{}`: {}",
            path.display(),
            plain_io(&e)
        ))
    })?;
    if meta.len() > limits.max_body {
        return Err(FetchError::plain(format!(
            "`{}` is {}; a saved copy may be at most {}",
            path.display(),
            crate::model::read::size_text(meta.len()),
            crate::model::read::size_text(limits.max_body)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        FetchError::plain(format!(
            "cannot read `{}`: {}",
            path.display(),
            plain_io(&e)
        ))
    })?;
    let sha256 = hex(&Sha256::digest(&bytes));
    Ok(Fetched {
        kind,
        bytes,
        content_type: None,
        origin: Origin::Saved {
            file: path.to_path_buf(),
            sha256,
        },
    })
}

fn plain_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
