//! Golden output of `pathfit validate` for every bank under
//! tests/fixtures/banks/, as people (text) and programs (JSON Lines) see it.
//! Review changes with `cargo insta review`.

use crate::support::Test;

fn validate(file: &str, format: &str) -> String {
    let out = Test::new()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["validate", file, "--format", format, "--color", "never"])
        .env_remove("NO_COLOR")
        .any_status()
        .run();
    format!("exit: {}\n{}", out.status, out.stdout)
}

#[test]
fn validate_output_for_every_fixture_bank() {
    insta::glob!("../fixtures/banks", "*.yaml", |path| {
        let name = path.file_name().unwrap().to_str().unwrap();
        let file = format!("tests/fixtures/banks/{name}");
        insta::assert_snapshot!("text", validate(&file, "text"));
        insta::assert_snapshot!("json", validate(&file, "json"));
    });
}
