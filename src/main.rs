//! The `pathfit` binary: parse the arguments, run the command, exit with
//! its code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    pathfit::cli::run(pathfit::cli::Cli::parse())
}
