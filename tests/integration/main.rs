//! Every integration test of pathfit, in one binary so that the crate is
//! linked once: the `pathfit` binary end to end, the reports, the
//! interactive quiz in a pseudo-terminal, and property tests of the library.

mod batch;
mod cli;
mod properties;
#[cfg(unix)]
mod pty;
mod reports;
mod schema;
mod validate_snapshots;
