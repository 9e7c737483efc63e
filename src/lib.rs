//! pathfit: a career-guidance quiz engine. Question banks (YAML) are parsed
//! and checked by [`bank`], answered into [`answers`], scored by [`engine`] and
//! shown by [`report`]; [`cli`] only wires these together.

pub mod answers;
pub mod bank;
pub mod batch;
pub mod cli;
pub mod engine;
pub mod error;
pub mod inspect;
pub mod output;
pub mod quiz;
pub mod report;
pub mod source;
pub mod take;
pub mod validate;
pub mod wrap;
pub mod yaml;

pub use error::{Error, exit};
