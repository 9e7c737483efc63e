//! `pathfit sessions`: the unfinished quizzes in the data folder, newest
//! first, and `pathfit sessions delete ID|--all` to remove them. A quiz
//! running on one (its file locked) is never removed under it.

use std::time::SystemTime;

use clap::Subcommand;

use crate::error::Error;
use crate::exit::Exit;
use crate::input::output;
use crate::invocation::command;
use crate::quiz::lock::SessionLock;
use crate::quiz::saved::{Listing, Unfinished, when};
use crate::quiz::session::SessionError;
use crate::visible::{excerpt, visible};

#[derive(Debug, clap::Args)]
pub struct SessionsArgs {
    #[command(subcommand)]
    action: Option<Action>,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// List the unfinished quizzes, newest first (the default).
    List,
    /// Remove unfinished quizzes: by the ids `pathfit sessions` shows (or
    /// their file names), or all of them.
    Delete {
        /// Ids from `pathfit sessions`.
        #[arg(
            value_name = "ID",
            required_unless_present = "all",
            conflicts_with = "all"
        )]
        ids: Vec<String>,
        /// Remove every unfinished quiz.
        #[arg(long)]
        all: bool,
    },
}

pub fn exec(args: &SessionsArgs) -> Result<Exit, Error> {
    let dir = crate::folders::sessions_dir();
    let listing = Listing::read(&dir);
    match &args.action {
        None | Some(Action::List) => list(&listing, &dir),
        Some(Action::Delete { ids, all }) => delete(&listing, ids, *all),
    }
}

/// The list, on standard output.
fn list(listing: &Listing, dir: &std::path::Path) -> Result<Exit, Error> {
    let now = SystemTime::now();
    let mut text = String::new();
    if listing.sessions.is_empty() {
        text.push_str(
            "You have no unfinished quizzes. A quiz you stop before the end is listed\nhere until you finish it.\n",
        );
    } else {
        let rows: Vec<[String; 4]> = listing.sessions.iter().map(|s| row(s, now)).collect();
        let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0);
        let (w1, w2) = (width(1), width(2));
        text.push_str("Unfinished quizzes, newest first:\n\n");
        for (session, [id, saved, bank, progress]) in listing.sessions.iter().zip(&rows) {
            text.push_str(&format!("  {id}  {saved:<w1$}  {bank:<w2$}  {progress}\n"));
            if let Some(why) = &session.blocked {
                text.push_str(&format!("          cannot be carried on: {why}\n"));
            }
            text.push_str(&format!(
                "          {}\n",
                visible(&session.path.display().to_string())
            ));
        }
        // Commands on lines of their own, whole, to copy.
        text.push_str(&format!(
            "\nTo carry on with the latest:\n  {}\n",
            command(&["take", "--resume"])
        ));
        if let Some(other) = listing.sessions.get(1) {
            text.push_str(&format!(
                "To carry on with another, name its file:\n  {}\n",
                visible(&command(&[
                    "take",
                    "--resume",
                    &other.path.display().to_string()
                ]))
            ));
        }
        text.push_str(&format!(
            "To remove one, or all of them:\n  {}\n  {}\n",
            command(&["sessions", "delete", &listing.sessions[0].id]),
            command(&["sessions", "delete", "--all"]),
        ));
    }
    if listing.others > 0 {
        text.push_str(&format!(
            "\n{} other file{} in {} {} not a quiz this pathfit can read; left alone.\n",
            listing.others,
            if listing.others == 1 { "" } else { "s" },
            visible(&dir.display().to_string()),
            if listing.others == 1 { "is" } else { "are" },
        ));
    }
    output::write_to(None, |out| write!(out, "{text}"))?;
    Ok(Exit::Ok)
}

/// One session's columns: id, when, bank, how far.
fn row(session: &Unfinished, now: SystemTime) -> [String; 4] {
    let progress = session.progress();
    [
        session.id.clone(),
        when(session.saved, now),
        excerpt(&session.session.bank.id),
        progress,
    ]
}

/// Removes the sessions `ids` name, or all with `all`. Every id is checked
/// before anything is removed.
fn delete(listing: &Listing, ids: &[String], all: bool) -> Result<Exit, Error> {
    let chosen: Vec<&Unfinished> = if all {
        listing.sessions.iter().collect()
    } else {
        ids.iter()
            .map(|id| {
                listing
                    .find(id)
                    .ok_or_else(|| SessionError::NoSuchSession { id: id.clone() })
            })
            .collect::<Result<_, _>>()?
    };
    let now = SystemTime::now();
    let mut lines = Vec::new();
    let mut in_use = None;
    for session in &chosen {
        let lock = match SessionLock::acquire(&session.path) {
            Ok(lock) => lock,
            Err(err) if all => {
                in_use.get_or_insert(err);
                continue;
            }
            Err(err) => return Err(SessionError::from(err).into()),
        };
        std::fs::remove_file(&session.path).map_err(|source| SessionError::Remove {
            path: session.path.clone(),
            source,
        })?;
        drop(lock);
        lines.push(format!(
            "Removed {} ({}, {}, saved {}).",
            session.id,
            excerpt(&session.session.bank.id),
            session.progress(),
            when(session.saved, now)
        ));
    }
    if all && chosen.is_empty() {
        lines.push("You have no unfinished quizzes to remove.".to_string());
    }
    output::write_to(None, |out| {
        for line in &lines {
            writeln!(out, "{line}")?;
        }
        Ok(())
    })?;
    match in_use {
        // `--all` removed the others; the one in use is said last.
        Some(err) => Err(SessionError::from(err).into()),
        None => Ok(Exit::Ok),
    }
}
