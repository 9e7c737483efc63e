//! Question banks: the YAML format ([`def`]), loading and checking it
//! ([`load`]), the typed model the rest of pathfit uses ([`model`]), and the
//! banks compiled into the binary ([`bundled`]).

pub mod bundled;
pub mod def;
pub mod lint;
pub mod load;
pub mod model;

pub use load::{BankError, load, load_file};
pub use model::*;
