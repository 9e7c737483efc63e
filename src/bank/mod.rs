//! Question banks: the YAML format ([`def`]), loading it ([`mod@load`]: read
//! into definitions by `read`, checked and built by `check`), the typed
//! model the rest of pathfit uses ([`model`]), lints for authors ([`lint`]),
//! the bounds on everything a bank holds ([`bounds`]) and the banks compiled
//! into the binary ([`bundled`]).

pub mod bounds;
pub mod bundled;
mod check;
pub mod def;
pub mod lint;
pub mod load;
pub mod model;
mod read;

pub use load::{BankError, load, load_file};
pub use model::*;
