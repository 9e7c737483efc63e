//! The tools for bank authors: `pathfit validate` (located diagnostics as
//! text and JSON Lines, lints as warnings unless `--strict`, several files,
//! huge and binary files, the bank-format guide's minimal bank) and `pathfit
//! inspect`.

use crate::support::{Test, fixture, read};

// ---------------------------------------------------------------------------
// validate
// ---------------------------------------------------------------------------

#[test]
fn validate_passes_the_bundled_banks_strictly() {
    Test::new()
        .args(["validate", "--strict"])
        .stdout_contains("questions/healthcare.yaml: ok")
        .stdout_contains("0 errors, 0 warnings")
        .run();
}

#[test]
fn validate_reports_every_problem_as_a_located_diagnostic() {
    let bank = fixture("banks/many-mistakes.yaml");
    let text = Test::new()
        .args(["validate", &bank, "--color", "never"])
        .status(65)
        .run()
        .stdout;
    let headers = text
        .lines()
        .filter(|l| l.trim_start().starts_with("× "))
        .count();
    assert_eq!(headers, 13, "{text}");
    assert!(text.contains("help: did you mean `weight`?"), "{text}");
    assert!(
        text.contains("1 file checked: 13 errors, 0 warnings"),
        "{text}"
    );

    let lines = Test::new()
        .args(["validate", &bank, "--format", "json"])
        .status(65)
        .run()
        .json_lines();
    assert_eq!(lines.len(), 13);
    for d in &lines {
        for field in [
            "file", "line", "column", "severity", "code", "message", "hint",
        ] {
            assert!(d.get(field).is_some(), "no {field} in {d}");
        }
        assert_eq!(d["severity"], "error");
        let line = d["line"].as_u64().unwrap() as usize;
        // Each mistake in the fixture is marked with a `# code` comment.
        let code = d["code"].as_str().unwrap();
        assert!(
            read(&bank)
                .lines()
                .nth(line - 1)
                .unwrap()
                .contains(&format!("# {code}"))
                || code == "missing-target",
            "{code} at line {line}"
        );
    }
}

#[test]
fn lints_are_warnings_unless_strict() {
    let bank = fixture("banks/linty.yaml");
    let codes: Vec<String> = Test::new()
        .args(["validate", &bank, "--format", "json"])
        .run()
        .json_lines()
        .into_iter()
        .inspect(|d| assert_eq!(d["severity"], "warning"))
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    for code in [
        "few-questions",
        "unbalanced-dimensions",
        "one-way-keying",
        "zero-option",
        "duplicate-text",
        "similar-roles",
        "unreachable-role",
        "inert-question",
    ] {
        assert!(codes.iter().any(|c| c == code), "{code} missing: {codes:?}");
    }
    Test::new()
        .args(["validate", &bank, "--strict"])
        .status(65)
        .stdout_contains("⚠")
        .run();
}

#[test]
fn validate_checks_every_file_and_a_missing_one_exits_66() {
    let text = Test::new()
        .args([
            "validate",
            &fixture("banks/valid-tiny.yaml"),
            "no/such/bank.yaml",
            &fixture("banks/bad-range.yaml"),
            "--color",
            "never",
        ])
        .status(66)
        .run()
        .stdout;
    assert!(
        text.contains("no/such/bank.yaml: cannot read the file"),
        "{text}"
    );
    assert!(text.contains("bad-range"), "{text}");
    assert!(text.contains("3 files checked: 2 errors"), "{text}");
}

// ---------------------------------------------------------------------------
// inspect
// ---------------------------------------------------------------------------

#[test]
fn inspect_shows_both_healthcare_roles_reachable_and_the_decisive_questions() {
    let text = Test::new().args(["inspect"]).run().stdout;
    for role in ["Clinician", "Technician"] {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(role) && l.contains("best lead"))
            .unwrap_or_else(|| panic!("no reach line for {role}:\n{text}"));
        assert!(line.contains("yes") && line.ends_with("(clear)"), "{line}");
    }
    assert!(text.contains("MOST DECISIVE QUESTIONS"), "{text}");
    assert!(text.contains("   1. "), "{text}");
    assert!(text.contains("1000 RANDOM RESPONDENTS (seed 1)"), "{text}");

    let json = Test::new()
        .args([
            "inspect",
            "--bank",
            "interests",
            "--format",
            "json",
            "--respondents",
            "200",
        ])
        .run()
        .json();
    let roles = json["roles"].as_array().unwrap();
    assert_eq!(roles.len(), 6);
    assert!(roles.iter().all(|r| r["reachable"] == true), "{json}");
    assert_eq!(json["synthetic"]["respondents"], 200);
    assert!(json["decisive"].as_array().unwrap().len() >= 20);
}

#[test]
fn validate_refuses_huge_and_binary_files_without_reading_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.yaml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let binary = dir.path().join("binary.yaml");
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 24) as u8)
        .collect();
    std::fs::write(&binary, bytes).unwrap();
    let lines = Test::new()
        .args(["validate", "--format", "json"])
        .arg(&huge)
        .arg(&binary)
        .status(65)
        .run()
        .json_lines();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0]["message"]
            .as_str()
            .unwrap()
            .contains("larger than 16 MiB")
    );
    assert!(
        lines[1]["message"]
            .as_str()
            .unwrap()
            .contains("not UTF-8 text")
    );
}

#[test]
fn the_guides_minimal_bank_passes_validate_strictly() {
    let guide = read(format!(
        "{}/docs/bank-format.md",
        env!("CARGO_MANIFEST_DIR")
    ));
    let start = guide
        .find("```yaml\n# yaml-language-server")
        .expect("the minimal bank")
        + 8;
    let end = start + guide[start..].find("```").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("my-bank.yaml");
    std::fs::write(&bank, &guide[start..end]).unwrap();
    Test::new()
        .args(["validate", "--strict"])
        .arg(&bank)
        .stdout_contains("0 errors, 0 warnings")
        .run();
}
