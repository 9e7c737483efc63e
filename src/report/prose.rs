//! Every sentence the reports say, in one place, so that the text, Markdown,
//! HTML and JSON reports word a result the same way and a change of wording
//! is made once.
//!
//! Sentences are plain text with bank text inside them; each format escapes
//! them as it must. Where a format escapes bank text piece by piece (Markdown
//! escapes a role's name, not the "About" before it), the function takes the
//! pieces, so the format can pass them in already escaped. The sentences
//! that hold no bank text and have backticks (the order sentence) mark
//! commands as code spans.
//!
//! The words are for a 16-year-old and a parent: no command-line options,
//! no jargon, abbreviations spelled out (`tests/integration/words.rs`
//! checks the results of the bundled banks).
//!
//! Labels that describe how one format draws something (the text report's
//! "● you" key, the Markdown table's column names, the HTML page's chart
//! captions) stay with that format.

use super::{ReportInput, percent};
use crate::answers::{Answer, describe_answer};
use crate::bank::QuestionKind;
use crate::engine::what_if::Change;
use crate::engine::{Reason, Verdict, Warning};

/// Section headings, in sentence case; the text report writes them in
/// capitals.
pub mod heading {
    pub const WHAT_IF: &str = "What would change your result";
    pub const MATCH: &str = "Match";
    pub const SCORES: &str = "Your scores";
    pub const WHY: &str = "Why";
    pub const NEXT_STEPS: &str = "Next steps";
    pub const WARNINGS: &str = "Please note";
    pub const ANSWERS: &str = "Your answers";
    pub const ABOUT_REPORT: &str = "About this report";
    pub const ALL_JOBS: &str = "All jobs on this path";
}

/// Said under the suggested specialties, whatever the bank.
pub const SPECIALTY_NOTE: &str = "Job matches compare your scores with a profile of each job that the quiz's authors judged from its description: a pointer to explore, not a measurement.";

/// Shown instead of a score for a dimension no answer measured.
pub const NOT_MEASURED: &str = "not measured";

/// At most this many answer changes are spelled out and the rest counted;
/// the JSON, and the end-of-quiz menu, list all.
const SHOWN_CHANGES: usize = 3;

/// The recommendation in one sentence that matches the verdict.
pub fn headline(input: &ReportInput<'_>) -> String {
    let (bank, result) = (input.bank, input.assessment);
    let rec = result.recommendation;
    let (w, r) = (&bank.roles[rec.role].name, &bank.roles[rec.runner_up].name);
    let (fw, fr) = (
        percent(result.fit_of(rec.role)),
        percent(result.fit_of(rec.runner_up)),
    );
    match rec.verdict {
        _ if rec.tie => format!(
            "{w} and {r} fit you equally well ({fw} each): both paths suit you, and the reasons below show where each one matches."
        ),
        Verdict::Clear => {
            format!("{w} fits you best, and clearly: you match it {fw}, against {fr} for {r}.")
        }
        Verdict::Lean => format!(
            "You lean towards {w}: you match it {fw}, against {fr} for {r}. The lead is real but not large."
        ),
        Verdict::Close => format!(
            "It is a close call: both {w} ({fw}) and {r} ({fr}) fit you. The reasons below show what separates them."
        ),
    }
}

/// `clear`, `lean`, `close`, or `close (a tie)`.
pub fn verdict_name(input: &ReportInput<'_>) -> &'static str {
    let rec = input.assessment.recommendation;
    if rec.tie {
        "close (a tie)"
    } else {
        rec.verdict.as_str()
    }
}

/// The margin behind the verdict and the bank's thresholds for it.
pub fn verdict_note(input: &ReportInput<'_>) -> String {
    let (bank, rec) = (input.bank, input.assessment.recommendation);
    let points = |v: f64| format!("{:.0}", v * 100.0);
    let rule = format!(
        "a lead of {} points or more is clear, {} or more a lean, less is close",
        points(bank.thresholds.clear),
        points(bank.thresholds.lean)
    );
    if rec.tie {
        return format!(
            "{} and {} are level ({rule}).",
            bank.roles[rec.role].name, bank.roles[rec.runner_up].name
        );
    }
    let lead = points(rec.margin);
    let unit = if lead == "1" { "point" } else { "points" };
    let what = match rec.verdict {
        Verdict::Clear => "a clear lead",
        Verdict::Lean => "a lean",
        Verdict::Close => "a close call",
    };
    format!(
        "{} leads {} by {lead} {unit}: {what} ({rule}).",
        bank.roles[rec.role].name, bank.roles[rec.runner_up].name
    )
}

/// "You answered 26 of 26 questions." with the skips, if any. In adaptive
/// mode the questions it left out were not asked, not skipped: "You were
/// asked 13 of 26 questions; the other 13 could not change your result."
pub fn answered(input: &ReportInput<'_>) -> String {
    let result = input.assessment;
    let not_asked = not_asked(input);
    let skipped = result.skipped - not_asked;
    if not_asked == 0 {
        let mut text = format!(
            "You answered {} of {} questions",
            result.answered, result.total
        );
        if skipped > 0 {
            text.push_str(&format!(" and skipped {skipped}"));
        }
        text.push('.');
        return text;
    }
    let asked = result.total - not_asked;
    let mut text = format!("You were asked {asked} of {} questions", result.total);
    if skipped > 0 {
        text.push_str(&format!(" and skipped {skipped} of them"));
    }
    let settled = input
        .quiz
        .as_ref()
        .and_then(|q| q.adaptive)
        .is_some_and(|a| a.settled_after.is_some());
    if settled {
        text.push_str(&format!(
            "; the other {not_asked} could not change your result."
        ));
    } else {
        text.push_str(&format!("; the other {not_asked} were not asked."));
    }
    text
}

/// How many questions adaptive mode did not ask (0 outside it): they are
/// unanswered, but not skipped.
pub fn not_asked(input: &ReportInput<'_>) -> usize {
    let result = input.assessment;
    input
        .quiz
        .as_ref()
        .and_then(|q| q.adaptive)
        .map_or(0, |a| result.total.saturating_sub(a.asked))
        .min(result.skipped)
}

/// Adaptive mode left questions out: the what-if changes are to the
/// answers given.
fn gave(input: &ReportInput<'_>) -> bool {
    not_asked(input) > 0
}

/// The page's title: the bank, the best role and how well it fits; on a
/// close call both leading roles, so no one winner is named.
pub fn page_title(input: &ReportInput<'_>) -> String {
    let (bank, result) = (input.bank, input.assessment);
    let rec = result.recommendation;
    let (w, fw) = (&bank.roles[rec.role].name, percent(result.fit_of(rec.role)));
    if rec.verdict == Verdict::Close {
        let (r, fr) = (
            &bank.roles[rec.runner_up].name,
            percent(result.fit_of(rec.runner_up)),
        );
        format!(
            "{}: a close call between {w} ({fw}) and {r} ({fr})",
            bank.title
        )
    } else {
        format!("{}: {w} – {fw}", bank.title)
    }
}

/// One reason in plain words, with its part in the comparison said as a
/// fraction a student reads at a glance ("about a quarter") rather than a
/// percentage of a difference of percentages.
pub fn reason(input: &ReportInput<'_>, reason: &Reason) -> String {
    let bank = input.bank;
    let dimension = &bank.dimensions[reason.dimension];
    let (favours, against) = (&bank.roles[reason.favours], &bank.roles[reason.against]);
    format!(
        "{} points to {}: you scored {}, where {} is at {} and {} at {}. {}",
        dimension.name,
        favours.name,
        percent(reason.score),
        favours.name,
        percent(favours.profile[reason.dimension]),
        against.name,
        percent(against.profile[reason.dimension]),
        weight(reason.share),
    )
}

/// A reason in one short line: `Equipment work points to Clinician: you
/// 28%, Clinician 25%, Technician 90%.`
pub fn reason_short(input: &ReportInput<'_>, reason: &Reason) -> String {
    let bank = input.bank;
    let (favours, against) = (&bank.roles[reason.favours], &bank.roles[reason.against]);
    format!(
        "{} points to {}: you {}, {} {}, {} {}.",
        bank.dimensions[reason.dimension].name,
        favours.name,
        percent(reason.score),
        favours.name,
        percent(favours.profile[reason.dimension]),
        against.name,
        percent(against.profile[reason.dimension]),
    )
}

/// A reason at its shortest: `Equipment work points to Clinician.`
pub fn reason_gist(input: &ReportInput<'_>, reason: &Reason) -> String {
    let bank = input.bank;
    format!(
        "{} points to {}.",
        bank.dimensions[reason.dimension].name, bank.roles[reason.favours].name
    )
}

/// Fractions everyone knows, for [`weight`].
const FRACTIONS: [(f64, &str); 12] = [
    (0.1, "about a tenth"),
    (1.0 / 6.0, "about a sixth"),
    (0.2, "about a fifth"),
    (0.25, "about a quarter"),
    (1.0 / 3.0, "about a third"),
    (0.4, "about two fifths"),
    (0.5, "about half"),
    (0.6, "about three fifths"),
    (2.0 / 3.0, "about two thirds"),
    (0.75, "about three quarters"),
    (0.8, "about four fifths"),
    (0.9, "about nine tenths"),
];

/// How much of what sets the two roles apart one reason carries: `share`
/// is its part (0..1) of all the dimensions' pulls, either way. Said as the
/// nearest of [`FRACTIONS`], so never more than five points out.
fn weight(share: f64) -> String {
    let part = if share >= 0.995 {
        return "It is the only thing that sets the two apart for you.".to_string();
    } else if share >= 0.95 {
        "nearly all"
    } else if share < 0.07 {
        "a small part"
    } else {
        nearest(share).1
    };
    format!("It is {part} of what sets the two apart for you.")
}

fn nearest(share: f64) -> (f64, &'static str) {
    FRACTIONS
        .iter()
        .copied()
        .min_by(|a, b| (a.0 - share).abs().total_cmp(&(b.0 - share).abs()))
        .unwrap_or((share, "a part"))
}

/// One answer behind a reason: `“question” → answer`.
pub fn given(question: &str, answer: &str) -> String {
    format!("“{question}” → {answer}")
}

pub fn warning(input: &ReportInput<'_>, warning: &Warning) -> String {
    match warning {
        Warning::SameLikertAnswer { value, count } => {
            let label = input
                .bank
                .questions
                .iter()
                .find_map(|q| match &q.kind {
                    QuestionKind::Likert { scale, .. } => scale.by_value(*value),
                    _ => None,
                })
                .map_or_else(|| value.to_string(), |p| format!("“{}”", p.label));
            format!(
                "You gave all {count} agree/disagree statements the same answer ({label}), so this result says little about your preferences. Try again and weigh each statement on its own."
            )
        }
        Warning::NotMeasured { dimension } => format!(
            "No answered question measured “{}”, so it was left out of the match.",
            input.bank.dimensions[*dimension].name
        ),
    }
}

/// "What would change your result" in words.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WhatIfText {
    /// Which role would win, and how many answers it takes.
    pub lead: String,
    /// One sentence per changed answer, at most three.
    pub changes: Vec<String>,
    /// When the search was not exact or more changes are needed than are
    /// shown. No bank text.
    pub note: Option<String>,
}

/// "What would change your result", if the engine found a change (or ran
/// out of time looking for one).
pub fn what_if(input: &ReportInput<'_>) -> Option<WhatIfText> {
    what_if_showing(input, SHOWN_CHANGES)
}

/// [`what_if`] with every change spelled out, for a reader who asked to
/// see them all.
pub fn what_if_all(input: &ReportInput<'_>) -> Option<WhatIfText> {
    what_if_showing(input, usize::MAX)
}

fn what_if_showing(input: &ReportInput<'_>, shown: usize) -> Option<WhatIfText> {
    let (bank, result) = (input.bank, input.assessment);
    let winner = &bank.roles[result.recommendation.role].name;
    let Some(what_if) = result.what_if.as_ref() else {
        let unfinished = result.what_if_unfinished?;
        let other = &bank.roles[unfinished.role].name;
        return Some(WhatIfText {
            lead: format!(
                "pathfit stopped looking for the answers that would make {other} fit you better than {winner}: this quiz has too many possible answers to try them all."
            ),
            changes: Vec::new(),
            note: (unfinished.at_least > 1).then(|| {
                let whose = if gave(input) {
                    "the answers you gave"
                } else {
                    "your answers"
                };
                format!(
                    "At least {} of {whose} would have to be different.",
                    unfinished.at_least
                )
            }),
        });
    };
    let other = &bank.roles[what_if.role].name;
    let n = what_if.changes.len();
    let lead = match (n, gave(input)) {
        (1, false) => {
            format!("{other} would fit you better than {winner} if you changed just one answer:")
        }
        (1, true) => format!(
            "{other} would fit you better than {winner} if you changed just one of the answers you gave:"
        ),
        (_, false) => format!(
            "{other} would fit you better than {winner} if {n} of your answers were different:"
        ),
        (_, true) => format!(
            "{other} would fit you better than {winner} if {n} of the answers you gave were different:"
        ),
    };
    let changes = what_if
        .changes
        .iter()
        .take(shown)
        .map(|c| change(input, c))
        .collect();
    let mut notes = Vec::new();
    if n > shown {
        notes.push(format!("…and {} more.", n - shown));
    }
    let needed = |k: usize| {
        if k == 1 {
            "at least 1 change is needed".to_string()
        } else {
            format!("at least {k} changes are needed")
        }
    };
    match (what_if.exact, what_if.cut_short) {
        (true, false) => {}
        (false, false) => notes.push(format!(
            "This is the smallest change pathfit found, but it could not check every possibility, so a smaller one may exist: {}.",
            needed(what_if.at_least)
        )),
        (false, true) => notes.push(format!(
            "This is the smallest change pathfit found before it stopped looking (this quiz has too many possible answers to try them all), so a smaller one may exist: {}.",
            needed(what_if.at_least)
        )),
        (true, true) => notes.push(
            "No fewer changes would do, but pathfit stopped looking before it had tried every answer, so smaller steps on these questions may also work."
                .to_string(),
        ),
    }
    let note = (!notes.is_empty()).then(|| notes.join(" "));
    Some(WhatIfText {
        lead,
        changes,
        note,
    })
}

/// One changed answer in words. For a multi question only the difference
/// is named: which options to tick as well, and which to leave unticked.
fn change(input: &ReportInput<'_>, change: &Change) -> String {
    let question = &input.bank.questions[change.question];
    let options = question.kind.options();
    let quoted = |picked: Vec<usize>| {
        let names: Vec<String> = picked
            .iter()
            .map(|&o| format!("“{}”", options[o].text))
            .collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    };
    let how = match (&change.from, &change.to) {
        (Some(Answer::Multi(from)), Answer::Multi(to)) => {
            let added: Vec<usize> = to.iter().copied().filter(|o| !from.contains(o)).collect();
            let removed: Vec<usize> = from.iter().copied().filter(|o| !to.contains(o)).collect();
            match (added.is_empty(), removed.is_empty()) {
                (false, true) => format!("also ticking {}", quoted(added)),
                (true, false) => format!("not ticking {}", quoted(removed)),
                _ => format!("ticking {} rather than {}", quoted(added), quoted(removed)),
            }
        }
        (Some(from), to) => format!(
            "{} instead of {}",
            describe_answer(question, to),
            describe_answer(question, from)
        ),
        (None, to) => format!("{} (you gave no answer)", describe_answer(question, to)),
    };
    format!("“{}”: {how}.", question.text)
}

/// `About Clinician`: the heading over a role's facts.
pub fn about(role: &str) -> String {
    format!("About {role}")
}

/// `For example: a, b.`
pub fn examples(examples: &[String]) -> String {
    format!("For example: {}.", examples.join(", "))
}

/// `Source: …`
pub fn source(source: &str) -> String {
    format!("Source: {source}")
}

/// The heading of the specialties section, which depends on the verdict.
pub fn specialties_heading(verdict: Verdict) -> &'static str {
    if verdict == Verdict::Close {
        "The best-fitting job on each path"
    } else {
        "Jobs on this path that fit you best"
    }
}

/// `2. Carpenter, 81% match`: one suggested specialty. On a close verdict
/// (one job per path) `Carer (Helper), 71% match`, with its role's name and
/// no number: the jobs are not ranked, and a number would read as a
/// ranking that their percentages may contradict.
pub fn specialty_title(number: usize, name: &str, role: Option<&str>, percent: &str) -> String {
    match role {
        Some(role) => format!("{name} ({role}), {percent} match"),
        None => format!("{number}. {name}, {percent} match"),
    }
}

/// How adaptive mode went, in one sentence; `None` outside adaptive mode.
pub fn adaptive(input: &ReportInput<'_>) -> Option<String> {
    let run = input.quiz.as_ref()?.adaptive?;
    let total = input.bank.questions.len();
    let how = match (run.settled_after, run.cut_after) {
        (_, Some(0)) => format!(
            "Adaptive mode: this quiz has too many questions to compare them in the time pathfit allows, so all {total} were asked in the usual order."
        ),
        (_, Some(k)) => format!(
            "Adaptive mode: after {k} questions there were too many left to compare in the time pathfit allows, so the other {} were asked in the usual order.",
            total - k
        ),
        (Some(k), None) if k < run.asked => format!(
            "Adaptive mode: your result was settled after {k} of {total} questions, and you went on to answer {} in all.",
            run.asked
        ),
        (Some(k), None) => format!(
            "Adaptive mode: your result was settled after {k} of {total} questions; no answer to the other {} could have changed it.",
            total - k
        ),
        (None, None) => format!(
            "Adaptive mode: {} of {total} questions were asked before they ran out.",
            run.asked
        ),
    };
    Some(how)
}

/// How the questions were put to the student, and how to ask them the
/// same way again (for a counselor). Holds no bank text; the command, in
/// the form that started pathfit (see [`crate::invocation`]), is in
/// backticks.
pub fn run(input: &ReportInput<'_>) -> String {
    let Some(quiz) = &input.quiz else {
        return "Scored from an answers file, so the questions were not asked in any order."
            .to_string();
    };
    // No command here: the report is read by students and parents, and
    // may be read long after on another computer. The number is enough for
    // a counselor (`take --seed`); JSON has it as `seed`.
    match (quiz.seed, quiz.adaptive.is_some()) {
        (Some(seed), false) => format!(
            "The questions were asked in a shuffled order, number {seed}. Taking the quiz again with the same number asks them in the same order."
        ),
        (Some(seed), true) => format!(
            "The options were shown in a shuffled order, number {seed}, which also settled ties between equally telling questions. Taking the quiz again with the same number asks the same way."
        ),
        (None, false) => "The questions were asked in the quiz's own order.".to_string(),
        (None, true) => {
            "Ties between equally telling questions were settled in the quiz's own order."
                .to_string()
        }
    }
}

/// One dimension's chart in words, for screen readers.
pub fn dimension_label<'a>(
    name: &str,
    you: Option<&str>,
    targets: impl Iterator<Item = (&'a str, &'a str)>,
) -> String {
    let you = you.map_or_else(|| NOT_MEASURED.to_string(), |y| format!("you {y}"));
    let targets: Vec<String> = targets.map(|(role, pct)| format!("{role} {pct}")).collect();
    format!("{name}: {you}; role targets: {}.", targets.join(", "))
}

/// A dimension line of the text report when no answer measured it.
pub fn unmeasured(dimension: &str) -> String {
    format!("{dimension}: {NOT_MEASURED} (no answered question)")
}

#[cfg(test)]
mod tests {
    use super::{nearest, weight};

    #[test]
    fn a_reason_weight_is_a_fraction_said_in_words() {
        assert!(weight(0.24).contains("about a quarter of what sets"));
        assert!(weight(0.5).contains("about half"));
        assert!(weight(0.03).contains("a small part"));
        assert!(weight(0.97).contains("nearly all"));
        assert!(weight(1.0).contains("the only thing"));
        // Every share said as a fraction is within five points of it.
        for step in 70..950 {
            let share = f64::from(step) / 1000.0;
            let (fraction, words) = nearest(share);
            assert!((fraction - share).abs() <= 0.05, "{share}: {words}");
        }
    }
}
