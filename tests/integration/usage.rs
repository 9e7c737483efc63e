//! The commands around scoring and the exits that need no broken file:
//! `pathfit banks`, `--version` and `--help`, usage errors (exit 2), and
//! input files that are missing or unreadable (exit 66).

use crate::support::{Test, example, score_fails};

// ---------------------------------------------------------------------------
// banks, --version, --help
// ---------------------------------------------------------------------------

#[test]
fn banks_lists_healthcare_with_its_title() {
    let text = Test::new().arg("banks").stderr("").run().stdout;
    let line = text
        .lines()
        .find(|l| l.starts_with("healthcare "))
        .unwrap_or_else(|| panic!("no healthcare line:\n{text}"));
    assert!(line.contains("Clinician or technician?"), "{line}");
    assert!(line.contains("26 questions"), "{line}");
    assert!(line.contains("2 roles: Clinician, Technician"), "{line}");
}

#[test]
fn version_and_help_exit_0() {
    Test::new()
        .arg("--version")
        .stdout(format!("pathfit {}\n", env!("CARGO_PKG_VERSION")))
        .run();
    Test::new()
        .args(["score", "--help"])
        .stdout_contains("--answers <FILE>")
        .stdout_contains("--bank <FILE|NAME>")
        .stdout_contains("--format <FORMAT>")
        .stdout_contains("--output <FILE>")
        .run();
}

// ---------------------------------------------------------------------------
// Exit 2: usage
// ---------------------------------------------------------------------------

#[test]
fn usage_errors_exit_2() {
    // No command means `take`, which needs a terminal: without one it
    // refuses and points to `score`.
    for args in [&[][..], &["take"][..]] {
        Test::new()
            .args(args)
            .stdin("")
            .status(2)
            .stdout("")
            .stderr_contains("pathfit score --answers FILE")
            .run();
    }
    for args in [
        &["take", "--seed", "1", "--no-shuffle"][..],
        // A resumed session keeps the mode it was started in.
        &["take", "--adaptive", "--resume", "s.json"][..],
    ] {
        Test::new()
            .args(args)
            .status(2)
            .stderr_contains("cannot be used with")
            .run();
    }
    let answers = example("clinician.yaml");
    let cases: [(&[&str], &str); 4] = [
        (
            &["score", "--answers", &answers, "--colour"],
            "unexpected argument '--colour' found",
        ),
        (
            &["score", "--answers", &answers, "--format", "pdf"],
            "invalid value 'pdf' for '--format <FORMAT>'",
        ),
        (
            &["score", "--format", "json"],
            "the following required arguments were not provided:\n  --answers <FILE>",
        ),
        (&["frobnicate"], "unrecognized subcommand 'frobnicate'"),
    ];
    for (args, message) in cases {
        Test::new()
            .args(args)
            .status(2)
            .stdout("")
            .stderr_contains(message)
            .run();
    }
}

// ---------------------------------------------------------------------------
// Exit 66: input missing or unreadable
// ---------------------------------------------------------------------------

#[test]
fn missing_answers_file_exits_66() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("answers.yaml");
    let missing = missing.to_str().unwrap();
    let err = score_fails(&["--answers", missing], 66);
    assert!(
        err.starts_with(&format!("error: {missing}: cannot read the file")),
        "{err}"
    );
}

#[test]
fn answers_path_that_is_a_directory_exits_66() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    let err = score_fails(&["--answers", path], 66);
    assert!(
        err.contains(&format!("{path}: cannot read the file: it is a directory")),
        "{err}"
    );
}

#[test]
fn missing_bank_file_exits_66() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("bank.yaml");
    let missing = missing.to_str().unwrap();
    let err = score_fails(
        &["--bank", missing, "--answers", &example("clinician.yaml")],
        66,
    );
    assert!(
        err.starts_with(&format!("error: {missing}: cannot read the file")),
        "{err}"
    );
}

#[test]
fn unknown_bank_name_exits_66_and_lists_the_bundled_banks() {
    let err = score_fails(
        &[
            "--bank",
            "no-such-bank",
            "--answers",
            &example("clinician.yaml"),
        ],
        66,
    );
    assert!(
        err.contains("there is no bank file or bundled bank called `no-such-bank`"),
        "{err}"
    );
    assert!(err.contains("bundled banks: healthcare"), "{err}");
}

/// A closed or full standard error cannot turn a refusal into a panic.
#[cfg(target_os = "linux")]
#[test]
fn an_error_on_a_full_standard_error_keeps_its_exit_code() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_pathfit"))
        .args(["score", "--answers", "no-such-answers.yaml"])
        .stderr(full)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(66));
}
