//! Every integration test of pathfit, in one binary so that the crate is
//! linked once. `support` holds what the modules share: the [`Test`]
//! builder that runs `pathfit`, fixture paths, and the parser of located
//! problems.
//!
//! [`Test`]: support::Test

mod support;

mod adaptive_words;
mod analyze;
mod answer_errors;
mod authoring;
mod bank_errors;
mod batch;
mod hostile_answers;
mod hostile_banks;
mod hostile_budgets;
#[cfg(unix)]
mod hostile_files;
mod malformed_banks;
mod mutants;
mod one_way;
mod plain;
mod properties;
#[cfg(unix)]
mod pty;
mod reports;
mod results;
mod sample_latent;
mod schema;
mod score;
mod sessions;
mod usage;
mod validate_snapshots;
mod what_if_minimal;
mod words;
