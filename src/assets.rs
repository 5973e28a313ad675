//! What is built into the program: the Inter faces (OFL, in `assets/`) that both the window and
//! the brief draw with. A module of its own, below everything that uses it.

pub const INTER_REGULAR: &[u8] = include_bytes!("../assets/Inter-Regular.otf");
pub const INTER_BOLD: &[u8] = include_bytes!("../assets/Inter-Bold.otf");
pub const INTER_ITALIC: &[u8] = include_bytes!("../assets/Inter-Italic.otf");
