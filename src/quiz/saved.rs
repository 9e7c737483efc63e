//! The unfinished quizzes in the data folder (`folders::sessions_dir()`),
//! found so that a new quiz can offer the latest one back, `--resume` can
//! carry on without being told a file, and `pathfit sessions` can list and
//! remove them. The folder is shared with whatever else writes there, so
//! only regular files of a session's size are read, and only so many; a
//! file that is not a session this pathfit reads is counted, never shown.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use super::session::Session;
use crate::bank::Bank;
use crate::bank::bundled::BankSpec;

/// The most directory entries looked at, and the most session files read.
const MOST_ENTRIES: usize = 10_000;
const MOST_SESSIONS: usize = 100;
/// A session file is a few kilobytes; anything much larger is not one.
const LARGEST_SESSION: u64 = 1024 * 1024;
/// The most bank files loaded to check the sessions against (each may be
/// large, and the folder is not only pathfit's).
const MOST_BANKS: usize = 10;

/// One unfinished quiz in the data folder.
#[derive(Debug, Clone)]
pub struct Unfinished {
    pub path: PathBuf,
    /// A short id for `pathfit sessions delete` (see [`short_id`]).
    pub id: String,
    /// When it was last saved (the file's modification time).
    pub saved: SystemTime,
    pub session: Session,
    /// How many questions the bank has, when the bank still loads.
    pub total: Option<usize>,
    /// Why it cannot be carried on, when it cannot (its bank changed or is
    /// gone); escaped, one sentence without a full stop.
    pub blocked: Option<String>,
}

impl Unfinished {
    /// Whether this pathfit can carry it on with `bank`.
    pub fn fits(&self, bank: &Bank) -> bool {
        same_bank(&self.session, bank)
    }

    /// "9 of 26 answered", "9 answered, 2 skipped": how far it got.
    pub fn progress(&self) -> String {
        let answered = self.session.answers.len();
        let of = self.total.map(|t| format!(" of {t}")).unwrap_or_default();
        match self.session.skipped.len() {
            0 => format!("{answered}{of} answered"),
            skipped => format!("{answered}{of} answered, {skipped} skipped"),
        }
    }
}

/// What is in the sessions folder.
#[derive(Debug, Default)]
pub struct Listing {
    /// Newest first.
    pub sessions: Vec<Unfinished>,
    /// Files that are not sessions this pathfit can read (left alone).
    pub others: usize,
}

impl Listing {
    /// The unfinished quizzes in `dir`, newest first, each checked against
    /// the bank it names (loaded once per bank, and only so many banks).
    pub fn read(dir: &Path) -> Listing {
        Listing::read_with(dir, None)
    }

    /// [`Listing::read`] when only the sessions of `bank` matter: no other
    /// bank is loaded (the others are listed as for another bank).
    pub fn read_for(dir: &Path, bank: &Bank) -> Listing {
        Listing::read_with(dir, Some(bank))
    }

    fn read_with(dir: &Path, only: Option<&Bank>) -> Listing {
        let mut listing = Listing::default();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return listing;
        };
        let mut files: Vec<(SystemTime, PathBuf)> = Vec::new();
        for entry in entries.take(MOST_ENTRIES).flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            // Lock files and a save's temporaries start with a dot.
            if name.starts_with('.') || !name.ends_with(".json") {
                continue;
            }
            // Only regular files, not links: others may write here too.
            match entry.metadata() {
                Ok(meta) if meta.is_file() && meta.len() <= LARGEST_SESSION => {
                    let saved = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                    files.push((saved, entry.path()));
                }
                _ => listing.others += 1,
            }
        }
        files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        listing.others += files.len().saturating_sub(MOST_SESSIONS);
        files.truncate(MOST_SESSIONS);
        let mut banks: HashMap<String, Result<Bank, String>> = HashMap::new();
        for (saved, path) in files {
            let Ok(session) = Session::load(&path) else {
                listing.others += 1;
                continue;
            };
            let loaded = banks.len();
            let bank = match only {
                Some(bank) if same_bank(&session, bank) => Ok(bank),
                Some(_) => Err("it is for another question bank".to_string()),
                None => banks
                    .entry(session.bank.source.clone())
                    .or_insert_with(|| {
                        if loaded >= MOST_BANKS {
                            return Err("pathfit did not check its question bank".to_string());
                        }
                        BankSpec::parse(&session.bank.source)
                            .load()
                            .map_err(|_| "its question bank cannot be loaded now".to_string())
                    })
                    .as_ref()
                    .map_err(Clone::clone),
            };
            let (total, blocked) = match bank {
                Ok(bank) => (
                    Some(bank.questions.len()),
                    (!same_bank(&session, bank))
                        .then(|| "its question bank has changed since".to_string()),
                ),
                Err(why) => (None, Some(why)),
            };
            listing.sessions.push(Unfinished {
                id: short_id(&path),
                path,
                saved,
                session,
                total,
                blocked,
            });
        }
        listing
    }

    /// The newest session that can be carried on with `bank`.
    pub fn latest_for(&self, bank: &Bank) -> Option<&Unfinished> {
        self.sessions.iter().find(|s| s.fits(bank))
    }

    /// The newest session that can be carried on at all.
    pub fn latest(&self) -> Option<&Unfinished> {
        self.sessions.iter().find(|s| s.blocked.is_none())
    }

    /// The session `id` names: its short id, its file name, or its file
    /// name without `.json`.
    pub fn find(&self, id: &str) -> Option<&Unfinished> {
        self.sessions.iter().find(|s| {
            let name = s.path.file_name().map(|n| n.to_string_lossy().into_owned());
            s.id == id
                || name.as_deref() == Some(id)
                || name.as_deref().and_then(|n| n.strip_suffix(".json")) == Some(id)
        })
    }
}

/// Whether `session` was saved with this very `bank`.
fn same_bank(session: &Session, bank: &Bank) -> bool {
    session.bank.id == bank.id
        && session.bank.version == bank.version
        && session.bank.digest == bank.digest
}

/// A session's short id: six hex digits of a digest of its file name, the
/// same on every listing for as long as the file keeps its name.
pub fn short_id(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let digest = Sha256::digest(name.as_bytes());
    digest.iter().take(3).map(|b| format!("{b:02x}")).collect()
}

/// When something was saved, as a student says it: "today at 14:05",
/// "yesterday at 09:12", "on 3 November", "on 3 November 2025", in the
/// computer's own time zone.
pub fn when(saved: SystemTime, now: SystemTime) -> String {
    when_in(saved, now, &jiff::tz::TimeZone::system())
}

/// [`when`] in the time zone `tz`.
pub fn when_in(saved: SystemTime, now: SystemTime, tz: &jiff::tz::TimeZone) -> String {
    let (Ok(saved), Ok(now)) = (
        jiff::Timestamp::try_from(saved),
        jiff::Timestamp::try_from(now),
    ) else {
        return "some time ago".to_string();
    };
    let saved = saved.to_zoned_datetime(tz.clone());
    let now = now.to_zoned_datetime(tz.clone());
    let (day, today) = (saved.date(), now.date());
    let time = saved.strftime("%H:%M");
    if day == today {
        format!("today at {time}")
    } else if today.yesterday().is_ok_and(|y| y == day) {
        format!("yesterday at {time}")
    } else if day.year() == today.year() {
        saved.strftime("on %-d %B").to_string()
    } else {
        saved.strftime("on %-d %B %Y").to_string()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::quiz::Quiz;

    fn at(text: &str) -> SystemTime {
        let stamp: jiff::Timestamp = text.parse().unwrap();
        SystemTime::try_from(stamp).unwrap()
    }

    #[test]
    fn a_save_time_reads_as_a_student_would_say_it() {
        let utc = jiff::tz::TimeZone::UTC;
        let now = at("2026-12-01T15:30:00Z");
        let when = |saved| when_in(at(saved), now, &utc);
        assert_eq!(when("2026-12-01T14:05:00Z"), "today at 14:05");
        assert_eq!(when("2026-11-30T09:12:00Z"), "yesterday at 09:12");
        assert_eq!(when("2026-11-03T09:12:00Z"), "on 3 November");
        assert_eq!(when("2025-11-03T09:12:00Z"), "on 3 November 2025");
        // A clock set wrong is told as it is, not refused.
        assert_eq!(when("2027-01-05T00:00:00Z"), "on 5 January 2027");
        // In the computer's zone: 23:30 UTC is already tomorrow in Tokyo.
        let tokyo = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
        let late = at("2026-12-01T23:30:00Z");
        assert_eq!(
            when_in(at("2026-12-01T14:05:00Z"), late, &tokyo),
            "yesterday at 23:05"
        );
        assert_eq!(
            when_in(
                SystemTime::UNIX_EPOCH - Duration::from_secs(1u64 << 62),
                now,
                &utc
            ),
            "some time ago"
        );
    }

    #[test]
    fn the_folder_lists_sessions_newest_first_and_counts_the_rest() {
        let bank = crate::bank::bundled::find("healthcare")
            .unwrap()
            .load()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let quiz = Quiz::new(&bank, Some(1));
        let session = Session::of(&quiz, "healthcare");
        let old = dir.path().join("healthcare-1.json");
        let new = dir.path().join("healthcare-2.json");
        session.save(&old).unwrap();
        session.save(&new).unwrap();
        let file = std::fs::File::options().write(true).open(&old).unwrap();
        file.set_modified(SystemTime::now() - Duration::from_secs(3600))
            .unwrap();
        let mut changed = session.clone();
        changed.bank.digest = "0".repeat(64);
        changed.save(&dir.path().join("changed.json")).unwrap();
        std::fs::File::options()
            .write(true)
            .open(dir.path().join("changed.json"))
            .unwrap()
            .set_modified(SystemTime::now() + Duration::from_secs(3600))
            .unwrap();
        std::fs::write(dir.path().join("notes.json"), "not a session").unwrap();
        std::fs::write(dir.path().join(".healthcare-2.json.lock"), "1").unwrap();
        std::fs::create_dir(dir.path().join("folder.json")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&new, dir.path().join("link.json")).unwrap();

        let listing = Listing::read(dir.path());
        let names: Vec<_> = listing
            .sessions
            .iter()
            .map(|s| s.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            ["changed.json", "healthcare-2.json", "healthcare-1.json"]
        );
        assert_eq!(
            listing.others,
            if cfg!(unix) { 3 } else { 2 },
            "{listing:?}"
        );
        let changed = &listing.sessions[0];
        assert!(!changed.fits(&bank));
        assert_eq!(
            changed.blocked.as_deref(),
            Some("its question bank has changed since")
        );
        // The newest that can be carried on is offered, not the changed one.
        let latest = listing.latest_for(&bank).unwrap();
        assert_eq!(latest.path, new);
        assert_eq!(listing.latest().unwrap().path, new);
        assert_eq!(latest.progress(), "0 of 26 answered");
        assert_eq!(latest.id.len(), 6);
        assert_eq!(listing.find(&latest.id).unwrap().path, new);
        assert_eq!(listing.find("healthcare-1").unwrap().path, old);
        assert_eq!(listing.find("healthcare-1.json").unwrap().path, old);
        assert!(listing.find("nothing").is_none());
        // Only the sessions of one bank matter to a new quiz.
        let only = Listing::read_for(dir.path(), &bank);
        assert_eq!(only.sessions.len(), 3);
        assert_eq!(only.latest_for(&bank).unwrap().path, new);
        assert_eq!(
            only.sessions[0].blocked.as_deref(),
            Some("it is for another question bank")
        );
        assert!(
            Listing::read(&dir.path().join("missing"))
                .sessions
                .is_empty()
        );
    }
}
