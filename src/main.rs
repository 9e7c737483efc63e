//! The `pathfit` binary: parse arguments, run the library, turn the outcome
//! into an exit code.

use clap::Parser;

fn main() {
    let cli = pathfit::cli::Cli::parse();
    let code = match pathfit::cli::run(cli) {
        Ok(()) => pathfit::exit::OK,
        Err(err) if err.is_reported() => err.exit_code(),
        Err(err) if err.is_notice() => {
            eprintln!("{err}");
            err.exit_code()
        }
        Err(err) => {
            eprintln!("error: {err}");
            err.exit_code()
        }
    };
    std::process::exit(code);
}
