//! Input and output at the edge of pathfit: reading size-capped UTF-8 files
//! ([`source`]), the bounds every YAML document passes first ([`prescan`]),
//! the only YAML parser calls ([`yaml`]), and atomic writes of results
//! ([`output`]).

pub mod locate;
pub mod output;
pub mod prescan;
pub mod source;
pub mod yaml;
