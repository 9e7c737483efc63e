//! Issue 10's promises, checked from outside: every source of answers is
//! refused the same way, every command draws bank problems the same way,
//! every command takes `--color`, and the source tree keeps data flowing
//! one way (no file imports one that imports it back, none over 600 lines).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::support::problems::problems;
use crate::support::{Test, example, fixture};

#[test]
fn a_json_lines_row_answering_twice_is_refused_as_score_refuses_it() {
    let file = fixture("answers/repeated.json");
    let score = Test::new()
        .args(["score", "--answers", &file])
        .status(65)
        .run();
    let found = problems(&score.stderr, &file);
    assert_eq!(found.len(), 1, "{}", score.stderr);
    assert_eq!(found[0].code, "duplicate-answer");
    assert_eq!(found[0].message, "`explain-result` is answered twice");
    let batch = Test::new()
        .args(["batch", "--format", "jsonl", "--answers"])
        .arg(fixture("answers/repeated.jsonl"))
        .status(65)
        .stderr_contains(
            "line 1 (respondent `a`): `explain-result` is answered twice [duplicate-answer]",
        )
        .run();
    let rows = batch.json_lines();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let error = rows[0]["error"].as_str().unwrap();
    assert!(error.contains("[duplicate-answer]"), "{error}");
    assert!(
        found[0].hint.as_deref() == Some("keep one answer per question")
            && error.ends_with("; keep one answer per question"),
        "{}\n{error}",
        score.stderr
    );
}

#[test]
fn score_and_validate_draw_a_bank_problem_the_same_way() {
    let bank = fixture("banks/unknown-field.yaml");
    let score = Test::new()
        .args(["score", "--color", "never", "--bank", &bank, "--answers"])
        .arg(example("clinician.yaml"))
        .status(65)
        .run();
    let validate = Test::new()
        .args(["validate", "--color", "never", &bank])
        .status(65)
        .run();
    // The block from the `×` line to the hint, as each command drew it.
    let block = |text: &str| -> String {
        let start = text
            .find("  × ")
            .unwrap_or_else(|| panic!("no problem in {text}"));
        let rest = &text[start..];
        let end = rest.find("\n\n").unwrap_or(rest.len());
        rest[..end].trim_end().to_string()
    };
    assert_eq!(block(&score.stderr), block(&validate.stdout));
    assert!(block(&score.stderr).contains("did you mean `weight`?"));
}

#[test]
fn every_command_takes_color() {
    let clinician = example("clinician.yaml");
    let repeated = fixture("answers/repeated.jsonl");
    for when in ["never", "always", "auto"] {
        Test::new()
            .args(["score", "--color", when, "--answers", &clinician])
            .stdout_contains("Clinician")
            .run();
    }
    for args in [
        vec!["banks", "--color", "never"],
        vec!["schema", "--color", "never"],
        vec!["validate", "--color", "never"],
        vec!["sample", "--respondents", "2", "--color", "never"],
        vec!["inspect", "--respondents", "10", "--color", "never"],
        vec!["batch", "--color", "never", "--answers", &repeated],
        vec!["analyze", "--color", "never", "--answers", &repeated],
        vec!["results", "--color", "never"],
        vec!["sessions", "--color", "never"],
    ] {
        // batch's and analyze's one row is bad on purpose: what matters is
        // that the flag is taken (a usage error would be exit 2).
        let code = if ["batch", "analyze"].contains(&args[0]) {
            65
        } else {
            0
        };
        Test::new().args(&args).status(code).run();
    }
    Test::new()
        .args(["score", "--color", "sometimes", "--answers", &clinician])
        .status(2)
        .run();
}

/// The crate's source files, each as the module path it defines.
fn modules(root: &Path) -> BTreeMap<String, PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(root, &mut files);
    files
        .into_iter()
        .filter(|f| f.file_name().is_some_and(|n| n != "tests.rs"))
        .map(|f| {
            let relative = f.strip_prefix(root).unwrap().with_extension("");
            let mut parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts
                .last()
                .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
            {
                parts.pop();
            }
            (parts.join("::"), f)
        })
        .collect()
}

/// A file's text without its `#[cfg(test)] mod tests` and its comments.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules a file imports from (`crate::a::b`, `super::c`, and the
/// items of `{…}` groups), each resolved to the longest existing module.
fn imports(module: &str, code: &str, known: &BTreeMap<String, PathBuf>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while let Some(offset) = code[at..].find(['c', 's']) {
        let start = at + offset;
        at = start + 1;
        let before_ok =
            start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
        let rest = &code[start..];
        let head = if rest.starts_with("crate::") {
            "crate"
        } else if rest.starts_with("super::") {
            "super"
        } else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let path: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let mut base: Vec<String> = if head == "crate" {
            Vec::new()
        } else {
            module
                .split("::")
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        };
        let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        while segments.first() == Some(&"super") {
            base.pop();
            segments.remove(0);
        }
        if segments.first() == Some(&"crate") {
            segments.remove(0);
        }
        let mut candidates = vec![segments.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
        let after = &rest[path.len()..];
        if path.ends_with("::") && after.starts_with('{') {
            let group = &after[1..after.find('}').unwrap_or(after.len())];
            for item in group.split(',') {
                let item = item.trim().split([' ', ':']).next().unwrap_or("");
                if !item.is_empty() && item != "self" {
                    let mut with = candidates[0].clone();
                    with.push(item.to_string());
                    candidates.push(with);
                }
            }
        }
        for candidate in candidates {
            let full: Vec<String> = base.iter().cloned().chain(candidate).collect();
            for len in (1..=full.len()).rev() {
                let name = full[..len].join("::");
                if known.contains_key(&name) {
                    if name != module {
                        found.insert(name);
                    }
                    break;
                }
            }
        }
    }
    found
}

#[test]
fn no_source_file_imports_one_that_imports_it_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let known = modules(&root);
    let graph: BTreeMap<&String, BTreeSet<String>> = known
        .iter()
        .map(|(module, path)| (module, imports(module, &code_of(path), &known)))
        .collect();
    // The checker sees real imports: the CLI reaches the engine.
    assert!(
        graph[&"cli::score".to_string()].contains("engine"),
        "{graph:?}"
    );
    let mut both_ways = Vec::new();
    for (a, deps) in &graph {
        for b in deps {
            let is_parent = a.is_empty()
                || b.starts_with(&format!("{a}::"))
                || a.starts_with(&format!("{b}::"));
            if *a < b && !is_parent && graph[b].contains(*a) {
                both_ways.push(format!(
                    "{} <-> {}",
                    known[*a].display(),
                    known[b].display()
                ));
            }
        }
    }
    assert!(both_ways.is_empty(), "{both_ways:#?}");
}

#[test]
fn no_source_file_is_over_600_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let long: Vec<String> = modules(&root)
        .values()
        .map(|path| (path, code_of(path).lines().count()))
        .filter(|(_, lines)| *lines > 600)
        .map(|(path, lines)| format!("{}: {lines} lines", path.display()))
        .collect();
    assert!(long.is_empty(), "{long:#?}");
}
