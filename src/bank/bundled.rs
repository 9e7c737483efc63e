//! Banks compiled into the binary, so `pathfit` works from any directory
//! with no files around it.

use std::path::Path;

use super::load::{BankError, load, load_file};
use super::model::Bank;
use crate::source::SourceFile;

/// A bundled bank: its id and its YAML text.
pub struct Bundled {
    pub id: &'static str,
    pub text: &'static str,
}

pub const BUNDLED: &[Bundled] = &[
    Bundled {
        id: "healthcare",
        text: include_str!("../../questions/healthcare.yaml"),
    },
    Bundled {
        id: "interests",
        text: include_str!("../../questions/interests.yaml"),
    },
];

/// The bank pathfit uses when none is named.
pub const DEFAULT_BANK: &str = "healthcare";

impl Bundled {
    pub fn load(&self) -> Result<Bank, BankError> {
        load(SourceFile::new(
            format!("questions/{}.yaml (bundled)", self.id),
            self.text,
        ))
    }
}

pub fn find(id: &str) -> Option<&'static Bundled> {
    BUNDLED.iter().find(|b| b.id == id)
}

/// Resolves `--bank`: a bundled bank's id, or a path to a bank file. A bare
/// name (no `/`, no extension) that is a bundled id means the bundled bank;
/// anything else is a path.
pub fn resolve(spec: Option<&str>) -> Result<Bank, BankError> {
    let spec = spec.unwrap_or(DEFAULT_BANK);
    let looks_like_name = !spec.contains(['/', '\\', '.']);
    if looks_like_name {
        if let Some(bundled) = find(spec) {
            return bundled.load();
        }
        if !Path::new(spec).exists() {
            return Err(BankError::NotFound {
                name: spec.to_string(),
                bundled: BUNDLED.iter().map(|b| b.id).collect::<Vec<_>>().join(", "),
            });
        }
    }
    load_file(Path::new(spec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_bank_loads_under_its_id() {
        for bundled in BUNDLED {
            let bank = bundled.load().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(bank.id, bundled.id);
        }
    }

    #[test]
    fn an_unknown_name_lists_the_bundled_banks() {
        let err = resolve(Some("no-such-bank")).unwrap_err();
        assert!(err.to_string().contains("healthcare"), "{err}");
    }
}
