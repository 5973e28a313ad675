//! One module per part of the window. Each `show` reads the app and pushes actions; none of them
//! changes state directly or decides anything about policies.

pub mod banner;
pub mod details;
pub mod dialogs;
pub mod errors;
pub mod menu;
pub mod notifications;
pub mod palette;
pub mod shortcuts;
pub mod sidebar;
pub mod table;
