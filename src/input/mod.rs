//! Input and output at the edge of pathfit: reading size-capped UTF-8 files
//! ([`source`]), the only YAML parser calls ([`yaml`]), and atomic writes of
//! results ([`output`]).

pub mod locate;
pub mod output;
pub mod source;
pub mod yaml;
