//! One module per part of the window. Each `show` reads the [`State`](crate::ui::State) and
//! pushes actions; none of them changes state or decides anything about policies. (The table
//! also keeps its own layout cache, which is no state of the app's.)

pub mod banner;
pub mod details;
pub mod dialogs;
pub mod errors;
pub mod menu;
pub mod notifications;
pub mod palette;
pub mod panel_edge;
pub mod review;
pub mod shortcuts;
pub mod sidebar;
pub mod table;

pub use panel_edge::PanelEdge;
