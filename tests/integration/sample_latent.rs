//! `pathfit sample --model`: the uniform respondents are byte for byte what
//! they were before the latent model came, the latent ones are seeded,
//! valid for `batch` in both formats, and the flag is documented and
//! checked.

use sha2::{Digest, Sha256};

use crate::support::Test;

fn sample(args: &[&str]) -> String {
    Test::new().arg("sample").args(args).run().stdout
}

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn the_uniform_model_writes_what_sample_always_wrote() {
    // Recorded with `pathfit sample --respondents 300` before `--model`
    // existed: the default, and `--model uniform`, must not move a byte.
    let recorded = [
        (
            "healthcare",
            "csv",
            "1",
            "edd77383aebfbb2e6d94d6ac0b5d2ff9b66a3e734d0c3250332ccc11c2d07eb6",
        ),
        (
            "healthcare",
            "csv",
            "7",
            "d5d1fb67e8f8c9076e2e26190df87f0b2073e0dfb90dcefcccbb331bb8284f52",
        ),
        (
            "healthcare",
            "jsonl",
            "1",
            "08699d3d02b3f69f58c7ce8b46cc70b9685a35e31b6c4753b56645c3d284a34c",
        ),
        (
            "healthcare",
            "jsonl",
            "7",
            "baf9496749384991c21cf2abaca37add2da03da50ab1661dd25b8bcdaaf45c86",
        ),
        (
            "interests",
            "csv",
            "1",
            "642aaa6a736349aeb688fc29adf59965975872eb5ffbf39a07b60908cbc4314f",
        ),
        (
            "interests",
            "csv",
            "7",
            "11e52593aa5b765fce1d816e8f4f2c485edcafb8c318b12e5a927f350bc6d0a6",
        ),
        (
            "interests",
            "jsonl",
            "1",
            "76c3f99aac4fb374c84576c6448c78212d544d2908c83b947418a9023384c923",
        ),
        (
            "interests",
            "jsonl",
            "7",
            "312564dbbaf6ab5837ce1dec107d13df74aaaa369f4904fc8bd0b3e0f543db2e",
        ),
    ];
    for (bank, format, seed, digest) in recorded {
        let args = [
            "--bank",
            bank,
            "--format",
            format,
            "--seed",
            seed,
            "--respondents",
            "300",
        ];
        let default = sample(&args);
        assert_eq!(sha256(&default), digest, "{args:?}");
        let uniform = sample(&[&args[..], &["--model", "uniform"]].concat());
        assert_eq!(uniform, default, "{args:?}");
    }
}

#[test]
fn latent_respondents_are_seeded() {
    let run = |seed: &str| sample(&["--model", "latent", "--respondents", "50", "--seed", seed]);
    let one = run("1");
    assert_eq!(one, run("1"));
    assert_ne!(one, run("2"));
    assert_ne!(one, sample(&["--respondents", "50", "--seed", "1"]));
    assert_eq!(one.lines().count(), 51, "{one}");
    assert!(one.starts_with("respondent,"), "{one}");
}

#[test]
fn latent_respondents_are_pinned_on_every_platform() {
    // Only portable arithmetic goes into a latent answer, so a seed gives
    // these very bytes everywhere. A deliberate change to the model (its
    // noise, its draws) changes them: record the new digest with it.
    let out = sample(&["--model", "latent", "--respondents", "300", "--seed", "1"]);
    assert_eq!(
        sha256(&out),
        "478c46049cbc77caa220b2748fa2e2f9f034e3626cd627e7fdb39f4a4b964490",
        "{}",
        out.lines().take(3).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn batch_scores_every_latent_respondent_alike_from_csv_and_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    for bank in ["healthcare", "interests"] {
        let mut results = Vec::new();
        for format in ["csv", "jsonl"] {
            let input = dir.path().join(format!("{bank}.{format}"));
            Test::new()
                .args(["sample", "--model", "latent", "--respondents", "200"])
                .args([
                    "--seed", "3", "--bank", bank, "--format", format, "--output",
                ])
                .arg(&input)
                .stdout("")
                .run();
            let summary = dir.path().join(format!("{bank}-{format}.json"));
            let out = Test::new()
                .args(["batch", "--strict", "--format", "jsonl", "--bank", bank])
                .arg("--answers")
                .arg(&input)
                .arg("--summary")
                .arg(&summary)
                .run();
            let rows = out.json_lines();
            assert_eq!(rows.len(), 200, "{bank} {format}: {}", out.stderr);
            assert!(rows.iter().all(|r| r.get("error").is_none()), "{rows:?}");
            let summary: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
            assert_eq!(summary["failed"], 0, "{summary}");
            results.push(rows);
        }
        assert_eq!(
            results[0], results[1],
            "{bank}: CSV and JSON Lines disagree"
        );
    }
}

#[test]
fn the_model_flag_is_in_the_help() {
    Test::new()
        .args(["sample", "--help"])
        .stdout_contains("--model <MODEL>")
        .stdout_contains("uniform")
        .stdout_contains("latent")
        .stdout_contains("[default: uniform]")
        .run();
}

#[test]
fn an_unknown_model_is_a_usage_error() {
    for bad in ["gaussian", "Latent", "latent2"] {
        Test::new()
            .args(["sample", "--model", bad])
            .status(2)
            .stdout("")
            .stderr_contains("invalid value")
            .stderr_contains("[possible values: uniform, latent]")
            .run();
    }
    for missing in [&["sample", "--model"][..], &["sample", "--model", ""]] {
        Test::new()
            .args(missing)
            .status(2)
            .stdout("")
            .stderr_contains("a value is required for '--model <MODEL>'")
            .run();
    }
}
