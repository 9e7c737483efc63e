//! Kept results in words a student reads: when ("today at 14:05",
//! "yesterday at 09:12", "on 23 November at 10:00"), what the result was,
//! and the commands to see or remove one, in the form that started
//! pathfit.

use std::fmt::Write as _;

use std::path::Path;

use super::store::{Entry, Listing};
use super::{Deleted, HistoryError, Kept};
use crate::invocation::command;
use crate::report::ReportInput;
use crate::visible::visible;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `when` in the local time of `now`, as a person says it.
pub fn when_in_words(when: jiff::Timestamp, now: &jiff::ZonedDateTime) -> String {
    let local = when.to_zoned_datetime(now.time_zone().clone());
    let time = local.strftime("%H:%M");
    let (day, today) = (local.date(), now.date());
    // The days before today, back to a week ago.
    let mut week = Vec::new();
    let mut back = today;
    while week.len() < 6
        && let Ok(earlier) = back.yesterday()
    {
        week.push(earlier);
        back = earlier;
    }
    if day == today {
        format!("today at {time}")
    } else if week.first() == Some(&day) {
        format!("yesterday at {time}")
    } else if week.contains(&day) {
        format!("on {} at {time}", local.strftime("%A"))
    } else {
        let month = MONTHS[(local.month() - 1).clamp(0, 11) as usize];
        if local.year() == now.year() {
            format!("on {} {month} at {time}", local.day())
        } else {
            format!("on {} {month} {} at {time}", local.day(), local.year())
        }
    }
}

/// Columns for lines pathfit writes here: the terminal's, less one, or 80
/// less one for a file or pipe.
fn width(to_terminal: bool) -> usize {
    let columns = match crate::wrap::terminal_size() {
        Some((cols, _)) if to_terminal => cols,
        _ => crate::wrap::DEFAULT_COLUMNS,
    };
    usize::from(columns).saturating_sub(1).max(20)
}

/// What a kept result recommended, in one short phrase.
fn outcome(entry: &Entry) -> String {
    let (role, other) = (visible(&entry.role), visible(&entry.runner_up));
    let fit = crate::report::percent(entry.fit);
    if entry.tie {
        return format!("{role} and {other} fit you equally well");
    }
    match entry.verdict.as_str() {
        "clear" => format!("{role} fits you best, clearly ({fit} match)"),
        "lean" => format!("you lean towards {role} ({fit} match)"),
        _ => format!("a close call between {role} and {other}"),
    }
}

/// The `pathfit results` listing: warnings first (for standard error),
/// then the text for standard output.
pub fn listing(listing: &Listing, now: &jiff::ZonedDateTime) -> String {
    let mut out = String::new();
    if listing.entries.is_empty() {
        let _ = writeln!(
            out,
            "No results are kept yet. Take the quiz with `{}`: when it ends, its result is kept and listed here.",
            command(&["take"])
        );
        return out;
    }
    let count = listing.entries.len();
    let _ = writeln!(
        out,
        "{} kept result{}, newest first:",
        if count == 1 {
            "One".to_string()
        } else {
            count.to_string()
        },
        if count == 1 { "" } else { "s" }
    );
    for entry in &listing.entries {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "  {}  {}, {}",
            visible(&entry.id),
            when_in_words(entry.when, now),
            visible(&entry.bank)
        );
        let _ = writeln!(
            out,
            "  {:width$}  {}",
            "",
            outcome(entry),
            width = entry.id.len()
        );
    }
    let newest = &listing.entries[0].id;
    // Commands on lines of their own, whole, to copy.
    let _ = writeln!(out);
    let _ = writeln!(out, "To see one again (`latest` is the newest):");
    let _ = writeln!(out, "  {}", command(&["results", "show", newest]));
    let _ = writeln!(out, "To delete one, or all of them:");
    let _ = writeln!(out, "  {}", command(&["results", "delete", newest]));
    let _ = writeln!(out, "  {}", command(&["results", "delete", "--all"]));
    out
}

/// Where a finished quiz's result was kept, for the student: a sentence,
/// then the command that shows it again on a line of its own.
pub fn kept_line(kept: &Kept) -> String {
    let shown = |p: &std::path::Path| visible(&p.display().to_string()).into_owned();
    let place = kept.page.as_deref().map_or_else(
        || shown(&kept.record),
        |page| format!("{} (a web page you can open)", shown(page)),
    );
    format!(
        "Your result is kept as {place}. To see it again:\n  {}",
        command(&["results", "show", &kept.id])
    )
}

/// What `take` says on the terminal once the result is written: with
/// `--output FILE`, the headline and where the file is; then where the
/// result was kept, or why it could not be.
pub fn after_quiz(
    input: &ReportInput<'_>,
    output: Option<&Path>,
    kept: &Result<Option<Kept>, HistoryError>,
) -> String {
    let width = width(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let mut lines = Vec::new();
    if let Some(output) = output {
        lines.push(String::new());
        lines.push(crate::report::prose::headline(input));
        lines.push(format!(
            "Saved your result to {}",
            visible(&output.display().to_string())
        ));
    }
    match kept {
        Ok(Some(kept)) => lines.push(kept_line(kept)),
        Ok(None) => {}
        Err(err) => lines.push(format!("warning: your result could not be kept: {err}")),
    }
    let mut out = String::new();
    for line in lines.iter().flat_map(|l| l.split('\n')) {
        let line = visible(line);
        if line.is_empty() || line.starts_with("  ") {
            // A command, kept whole to copy.
            out.push_str(&line);
            out.push('\n');
            continue;
        }
        for part in textwrap::wrap(&line, crate::wrap::options(width)) {
            out.push_str(&part);
            out.push('\n');
        }
    }
    out
}

/// What `results delete` says it did.
pub fn deleted(deleted: &Deleted) -> String {
    match deleted {
        Deleted::All(0) => "There were no kept results to delete.".to_string(),
        Deleted::All(1) => "Deleted the one kept result.".to_string(),
        Deleted::All(n) => format!("Deleted all {n} kept results."),
        Deleted::These(ids) => {
            let ids: Vec<String> = ids.iter().map(|i| visible(i).into_owned()).collect();
            match ids.as_slice() {
                [one] => format!("Deleted the kept result {one}."),
                many => format!("Deleted the kept results {}.", many.join(", ")),
            }
        }
    }
}
