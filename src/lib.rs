//! pathfit: a career-guidance quiz engine. Question banks (YAML) are parsed
//! and checked by [`bank`], answered into [`answers`], scored by [`engine`] and
//! shown by [`report`]; [`cli`] only wires these together.

pub mod source;
pub mod yaml;
pub mod bank;
pub mod answers;
