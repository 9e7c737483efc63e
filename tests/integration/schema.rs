//! The JSON Schema that editors use must accept the bundled banks and catch
//! the mistakes an author's editor should flag.

use pathfit::bank::bundled::BUNDLED;
use pathfit::bank::def::schema;

use crate::support::{fixture, read};

fn validator() -> jsonschema::Validator {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::draft7::new(&schema).expect("a valid draft-07 schema")
}

#[test]
fn the_bundled_banks_satisfy_the_schema() {
    let validator = validator();
    for bank in BUNDLED {
        let value = pathfit::input::yaml::to_json(bank.text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", bank.id);
        assert!(
            bank.text
                .starts_with("# yaml-language-server: $schema=bank.schema.json\n"),
            "{} does not point editors at the schema",
            bank.id
        );
    }
}

#[test]
fn the_schema_flags_typos_bad_ids_and_wrong_types() {
    let validator = validator();
    let text = read(fixture("banks/many-mistakes.yaml"));
    let value = pathfit::input::yaml::to_json(&text).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    let all = errors.join("\n");
    assert!(all.contains("wieght"), "{all}");
    assert!(all.contains("\"heavy\" is not of type"), "{all}");
}
