//! kurssi turns a folder of Markdown course modules and quizzes into a static
//! site. The data flows through the modules in this order:
//!
//! `config` (book.toml) -> `load` (reading only what `boundary` allows)
//! (SUMMARY.md or the folder, front matter, includes) -> `markdown` (pages
//! to HTML, with diagnostics; `quiz` and `worksheet` blocks through their
//! code-block hooks) -> `analysis` (word counts, search keys) -> `model` (the
//! course) -> `check` (links, anchors, the output folder) -> `render` (the
//! `theme`'s templates, `nav`) -> `output` (its sinks, atomic write) or
//! `serve`. The top-level modules import each other in no cycle
//! (`tests/it/architecture.rs` holds them to it).

pub mod analysis;
pub mod boundary;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diagnostics;
pub mod export;
pub mod front_matter;
pub mod i18n;
pub mod import;
pub mod languages;
pub mod load;
pub mod markdown;
pub mod model;
pub mod nav;
pub mod output;
pub mod paths;
pub mod quiz;
pub mod render;
mod run;
pub mod scorm;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod spool;
pub mod suggest;
pub mod theme;
pub mod worksheet;

pub use run::run;
