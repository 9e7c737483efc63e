//! Diagnostics: what is wrong with an input and where ([`Problem`], with a
//! stable [`Code`]), and the one renderer that draws problems for people
//! (miette) or as JSON Lines for editors and CI.

pub mod problem;
pub mod problems;
pub mod render;

pub use problem::{Code, Location, Problem, Severity, Target, did_you_mean, path, suggest};
pub use problems::Problems;
