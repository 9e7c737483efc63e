//! Banks compiled into the binary, so `pathfit` works from any directory
//! with no files around it.

use std::path::{Path, PathBuf};

use super::load::{BankError, load, load_file};
use super::model::Bank;
use crate::input::source::SourceFile;

/// A bundled bank: its id and its YAML text.
#[derive(Debug, PartialEq, Eq)]
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

/// The bank pathfit uses when none is named: the first bundled one.
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

/// Which bank to use, as `--bank` names it: a bundled bank's id, or a path
/// to a bank file. A bare name (no `/`, `\\` or `.`) means a bundled bank,
/// unless a file of that name exists; anything else is a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankSpec {
    Bundled(&'static Bundled),
    File(PathBuf),
    /// A bare name that is neither a bundled bank nor a file.
    Unknown(String),
}

impl BankSpec {
    /// Reads what `--bank` said; never fails, so that an unknown name is
    /// reported as a missing input (exit 66) with the list of bundled banks.
    pub fn parse(spec: &str) -> BankSpec {
        let looks_like_name = !spec.contains(['/', '\\', '.']);
        match find(spec) {
            Some(bundled) if looks_like_name => BankSpec::Bundled(bundled),
            _ if looks_like_name && !Path::new(spec).exists() => {
                BankSpec::Unknown(spec.to_string())
            }
            _ => BankSpec::File(PathBuf::from(spec)),
        }
    }

    /// Loads and checks the bank.
    pub fn load(&self) -> Result<Bank, BankError> {
        match self {
            BankSpec::Bundled(bundled) => bundled.load(),
            BankSpec::File(path) => load_file(path),
            BankSpec::Unknown(name) => Err(BankError::NotFound {
                name: name.clone(),
                bundled: BUNDLED.iter().map(|b| b.id).collect::<Vec<_>>().join(", "),
            }),
        }
    }
}

impl Default for BankSpec {
    fn default() -> Self {
        BankSpec::Bundled(&BUNDLED[0])
    }
}

impl std::fmt::Display for BankSpec {
    /// As it would be written after `--bank`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BankSpec::Bundled(bundled) => f.write_str(bundled.id),
            BankSpec::File(path) => write!(f, "{}", path.display()),
            BankSpec::Unknown(name) => f.write_str(name),
        }
    }
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
        let err = BankSpec::parse("no-such-bank").load().unwrap_err();
        assert!(err.to_string().contains("healthcare"), "{err}");
    }

    #[test]
    fn names_are_bundled_banks_and_anything_else_a_path() {
        assert_eq!(BankSpec::default().to_string(), DEFAULT_BANK);
        assert_eq!(BankSpec::parse("interests"), BankSpec::Bundled(&BUNDLED[1]));
        assert_eq!(
            BankSpec::parse("interests.yaml"),
            BankSpec::File(PathBuf::from("interests.yaml"))
        );
        assert_eq!(
            BankSpec::parse("./healthcare"),
            BankSpec::File(PathBuf::from("./healthcare"))
        );
    }
}
