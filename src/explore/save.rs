//! "Save as a web page": the HTML report, written into the current folder
//! (where the student is, and where they will look) under a name made of
//! the bank and the date, `healthcare-result-2026-12-01.html`, numbered
//! `…-2.html` and on when that is taken. A file already there is never
//! replaced: the name is claimed by creating it (which fails if it exists),
//! then the page is written over the claim atomically, so a full disk never
//! leaves half a page.

use std::fs::OpenOptions;
use std::io;
use std::path::{Path, PathBuf};

use crate::input::output::{self, WriteError};
use crate::report::{Format, ReportInput};

/// How many numbered names are tried before giving up.
const ATTEMPTS: u32 = 100;

/// Writes the web page into `folder` and returns its path.
pub fn web_page(
    input: &ReportInput<'_>,
    folder: &Path,
    bank_id: &str,
    today: &str,
) -> Result<PathBuf, WriteError> {
    let path = claim(folder, &stem(bank_id, today))?;
    let written = output::write_atomic(&path, |out| Format::Html.report(false).write(input, out));
    if let Err(err) = written {
        // The claim is ours and empty: it goes with the failed page.
        let _ = std::fs::remove_file(&path);
        return Err(err);
    }
    Ok(path)
}

/// What the student reads once the page is written.
pub fn saved_message(path: &Path) -> String {
    format!(
        "Saved your result as a web page: {}. Open it in a web browser to read or print it.",
        path.display()
    )
}

/// What the student reads when it cannot be.
pub fn failed_message(err: &WriteError) -> String {
    format!("Could not save the web page. {err}.")
}

/// `<bank>-result-<date>`, the bank id kept to letters, digits, `-` and
/// `_` so that it makes a plain file name whatever the bank says.
fn stem(bank_id: &str, today: &str) -> String {
    let id: String = bank_id
        .chars()
        .take(40)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let id = if id.trim_matches('-').is_empty() {
        "pathfit".to_string()
    } else {
        id
    };
    format!("{id}-result-{today}")
}

/// Creates the first free name of `stem` in `folder`, empty.
fn claim(folder: &Path, stem: &str) -> Result<PathBuf, WriteError> {
    let mut last = None;
    for attempt in 1..=ATTEMPTS {
        let name = if attempt == 1 {
            format!("{stem}.html")
        } else {
            format!("{stem}-{attempt}.html")
        };
        let path = folder.join(name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(_) => return Ok(path),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => last = Some(path),
            Err(source) => return Err(WriteError { path, source }),
        }
    }
    Err(WriteError {
        path: last.unwrap_or_else(|| folder.join(format!("{stem}.html"))),
        source: io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{ATTEMPTS} pages of this name are already there"),
        ),
    })
}

/// Today's date in UTC as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    date_of(secs / 86_400)
}

/// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn date_of(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil_dates() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(11_016), "2000-02-29");
        assert_eq!(date_of(20_788), "2026-12-01");
        assert_eq!(date_of(19_782), "2024-02-29");
    }

    #[test]
    fn a_bank_id_makes_a_plain_file_name() {
        assert_eq!(
            stem("healthcare", "2026-12-01"),
            "healthcare-result-2026-12-01"
        );
        assert_eq!(stem("../../etc/x", "d"), "------etc-x-result-d");
        assert_eq!(stem("..", "d"), "pathfit-result-d");
        assert_eq!(stem("", "d"), "pathfit-result-d");
    }

    #[test]
    fn a_taken_name_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("b-result-d.html");
        std::fs::write(&first, "mine").unwrap();
        let claimed = claim(dir.path(), "b-result-d").unwrap();
        assert_eq!(claimed, dir.path().join("b-result-d-2.html"));
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "mine");
        let again = claim(dir.path(), "b-result-d").unwrap();
        assert_eq!(again, dir.path().join("b-result-d-3.html"));
    }

    #[test]
    fn a_folder_that_cannot_be_written_says_which_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("gone");
        let err = claim(&missing, "b-result-d").unwrap_err();
        assert_eq!(err.path, missing.join("b-result-d.html"));
        assert!(failed_message(&err).contains("b-result-d.html"));
    }
}
