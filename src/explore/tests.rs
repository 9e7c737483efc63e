//! The exploring flow without a terminal: a scripted [`Screen`].

use std::collections::VecDeque;
use std::path::Path;

use super::{Choice, Entry, Menu, Options, Paged, Screen, explore};
use crate::answers::{AnswerSet, file::read_file};
use crate::bank::{Bank, bundled::BankSpec};
use crate::engine::{self, Assessment};
use crate::report::ReportInput;

/// What the flow did, in order.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    Printed(Vec<String>),
    Menu(Vec<&'static str>, usize, usize),
    /// A section paged: its title and its lines at the screen's width.
    Paged(String, Vec<String>),
}

struct Scripted {
    size: (u16, u16),
    choices: VecDeque<Choice>,
    paged: Paged,
    shown: Vec<Shown>,
}

impl Scripted {
    fn new(size: (u16, u16), choices: impl IntoIterator<Item = Choice>) -> Scripted {
        Scripted {
            size,
            choices: choices.into_iter().collect(),
            paged: Paged::Back,
            shown: Vec::new(),
        }
    }

    fn summary(&self) -> &[String] {
        match &self.shown[0] {
            Shown::Printed(lines) => lines,
            other => panic!("the summary comes first, not {other:?}"),
        }
    }

    fn first_menu(&self) -> (usize, usize) {
        self.shown
            .iter()
            .find_map(|s| match s {
                Shown::Menu(entries, page, _) => Some((entries.len(), *page)),
                _ => None,
            })
            .unwrap()
    }
}

impl Screen for Scripted {
    fn size(&self) -> (u16, u16) {
        self.size
    }

    fn print(&mut self, lines: &[String]) -> std::io::Result<()> {
        self.shown.push(Shown::Printed(lines.to_vec()));
        Ok(())
    }

    fn choose(&mut self, menu: &Menu<'_>) -> Choice {
        self.shown.push(Shown::Menu(
            menu.entries.clone(),
            menu.page_size,
            menu.cursor,
        ));
        // Past the script: Esc.
        self.choices.pop_front().unwrap_or(Choice::Leave)
    }

    fn page(&mut self, title: &str, render: &dyn Fn(usize) -> Vec<String>) -> Paged {
        let width = super::width(self.size.0);
        self.shown
            .push(Shown::Paged(title.to_string(), render(width)));
        self.paged
    }
}

fn healthcare() -> Bank {
    BankSpec::default().load().unwrap()
}

fn scored(bank: &Bank, example: &str) -> (AnswerSet, Assessment) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(example);
    let answers = read_file(&path, bank).unwrap();
    let assessment = engine::score(bank, &answers).unwrap();
    (answers, assessment)
}

fn options(dir: &Path) -> Options<'_> {
    Options {
        color: false,
        saved: None,
        save_in: dir.to_path_buf(),
        today: "2026-12-01".into(),
    }
}

/// Runs the flow on the clinician example's result.
fn run(size: (u16, u16), choices: Vec<Choice>, options: &Options<'_>) -> Scripted {
    let bank = healthcare();
    let (answers, assessment) = scored(&bank, "clinician.yaml");
    let input = ReportInput {
        bank: &bank,
        answers: &answers,
        assessment: &assessment,
        quiz: None,
    };
    let mut screen = Scripted::new(size, choices);
    explore(&mut screen, &input, options);
    screen
}

fn index(entries: &[Entry], entry: Entry) -> usize {
    entries.iter().position(|e| *e == entry).unwrap()
}

const ALL: [Entry; 7] = [
    Entry::Why,
    Entry::Scores,
    Entry::WhatIf,
    Entry::Jobs,
    Entry::About,
    Entry::Save,
    Entry::Done,
];

#[test]
fn at_80_by_24_the_summary_and_the_whole_menu_fit_with_the_headline_first() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("results/healthcare-1.json");
    let mut options = options(dir.path());
    options.saved = Some(&saved);
    let screen = run((80, 24), vec![], &options);
    let summary = screen.summary();
    let (entries, page) = screen.first_menu();
    assert_eq!((entries, page), (7, 7), "every entry on one page");
    // The menu: its prompt, its entries and its help line; one row spare
    // for the cursor.
    assert!(summary.len() + page + 2 < 24, "{summary:#?}");
    assert!(summary[0].starts_with("Clinician fits you best, and clearly"));
    let text = summary.join("\n");
    assert!(text.contains("Clinician   ███") && text.contains("Technician  ██"));
    assert!(text.contains("  • "), "the reasons: {text}");
    assert!(summary.iter().filter(|l| l.starts_with("  • ")).count() <= 3);
    // Each reason whole, in its short form, not a long sentence cut off.
    let reasons: Vec<&String> = summary
        .iter()
        .skip_while(|l| !l.starts_with("  • "))
        .take_while(|l| l.starts_with("  "))
        .collect();
    assert!(reasons.iter().all(|l| !l.ends_with('…')), "{reasons:#?}");
    assert!(
        reasons
            .iter()
            .all(|l| l.starts_with("  • ") && l.ends_with('.')),
        "one line each: {reasons:#?}"
    );
    assert!(
        reasons.iter().any(|l| l.contains(": you ")),
        "with the scores where they fit: {reasons:#?}"
    );
    assert!(
        text.contains("Jobs on this path that fit you best: "),
        "{text}"
    );
    assert!(text.contains("Your result is saved in "), "{text}");
    assert!(text.contains("healthcare-1.json"), "{text}");
    assert!(summary.iter().all(|l| l.chars().count() <= 78), "{text}");
}

#[test]
fn at_40_by_12_the_headline_and_the_match_stay_above_a_smaller_menu() {
    let dir = tempfile::tempdir().unwrap();
    let screen = run((40, 12), vec![], &options(dir.path()));
    let summary = screen.summary();
    let (_, page) = screen.first_menu();
    assert_eq!(page, 3);
    assert!(summary.len() + page + 2 < 12, "{summary:#?}");
    assert!(summary[0].starts_with("Clinician fits you best"));
    assert!(
        summary
            .iter()
            .any(|l| l.contains("Technician") && l.contains('%'))
    );
    assert!(
        summary.iter().all(|l| l.chars().count() <= 38),
        "{summary:#?}"
    );
}

#[test]
fn a_tiny_window_keeps_the_headline_and_the_match_whatever_else_goes() {
    let dir = tempfile::tempdir().unwrap();
    let screen = run((30, 6), vec![], &options(dir.path()));
    let summary = screen.summary().join("\n");
    assert!(summary.starts_with("Clinician fits you best"), "{summary}");
    assert!(summary.contains("Technician"), "{summary}");
    assert!(!summary.contains("  • "), "{summary}");
}

#[test]
fn every_section_is_the_text_reports_own_and_long_ones_are_paged() {
    let dir = tempfile::tempdir().unwrap();
    let picks = (0..5).map(Choice::Picked).collect();
    let screen = run((80, 24), picks, &options(dir.path()));
    // Each section, printed or paged, in the order picked.
    let sections: Vec<(Option<String>, Vec<String>)> = screen.shown[1..]
        .iter()
        .filter_map(|s| match s {
            Shown::Printed(lines) => Some((None, lines.clone())),
            Shown::Paged(title, lines) => Some((Some(title.clone()), lines.clone())),
            Shown::Menu(..) => None,
        })
        .collect();
    assert_eq!(sections.len(), 5, "{:#?}", screen.shown);
    let starts: Vec<&str> = sections
        .iter()
        .map(|(_, l)| l.iter().find(|l| !l.is_empty()).unwrap().as_str())
        .collect();
    assert_eq!(
        starts,
        [
            "WHY",
            "MATCH",
            "WHAT WOULD CHANGE YOUR RESULT",
            "ALL JOBS ON THIS PATH",
            "ABOUT CLINICIAN"
        ]
    );
    // 24 rows less the menu (its prompt, 7 entries, its help) and a row
    // for the cursor.
    const ROOM: usize = 24 - 9 - 1;
    for (title, lines) in &sections {
        match title {
            // Paged: longer than the room above the menu.
            Some(_) => assert!(lines.len() > ROOM, "{lines:#?}"),
            None => assert!(lines.len() <= ROOM, "{lines:#?}"),
        }
        // A web address longer than a line is never cut.
        let fits = |l: &String| l.chars().count() <= 78 || !l.trim().contains(' ');
        assert!(lines.iter().all(fits), "{lines:#?}");
    }
    let text = |i: usize| sections[i].1.join("\n");
    assert!(
        text(0).contains("You answered 26 of 26 questions."),
        "{}",
        text(0)
    );
    assert!(text(1).contains("YOUR SCORES"));
    assert!(
        !text(2).contains("more ("),
        "every change listed: {}",
        text(2)
    );
    assert!(text(3).contains("Registered nurse"), "{}", text(3));
    assert!(text(4).contains("Next steps"), "{}", text(4));
    // The cursor comes back to the entry last opened.
    let cursors: Vec<usize> = screen
        .shown
        .iter()
        .filter_map(|s| match s {
            Shown::Menu(_, _, cursor) => Some(*cursor),
            _ => None,
        })
        .collect();
    assert_eq!(cursors, [0, 0, 1, 2, 3, 4]);
}

#[test]
fn the_same_section_in_a_narrow_window_is_wrapped_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let screen = run((40, 12), vec![Choice::Picked(4)], &options(dir.path()));
    let Some(Shown::Paged(title, lines)) = screen.shown.get(2) else {
        panic!("{:#?}", screen.shown)
    };
    assert_eq!(title, "About the path");
    assert!(
        lines
            .iter()
            .all(|l| l.chars().count() <= 38 || !l.trim().contains(' '))
    );
}

#[test]
fn esc_done_ctrl_c_and_a_pager_left_with_ctrl_c_all_end_the_menu() {
    let dir = tempfile::tempdir().unwrap();
    let done = index(&ALL, Entry::Done);
    for last in [Choice::Leave, Choice::Interrupted, Choice::Picked(done)] {
        let screen = run((80, 24), vec![last], &options(dir.path()));
        assert_eq!(screen.shown.len(), 2, "{last:?}: {:#?}", screen.shown);
        assert!(matches!(screen.shown[1], Shown::Menu(..)));
    }
    // Ctrl-C in the pager leaves without a second menu.
    let bank = healthcare();
    let (answers, assessment) = scored(&bank, "clinician.yaml");
    let input = ReportInput {
        bank: &bank,
        answers: &answers,
        assessment: &assessment,
        quiz: None,
    };
    let mut screen = Scripted::new((80, 24), [Choice::Picked(3), Choice::Picked(0)]);
    screen.paged = Paged::Interrupted;
    explore(&mut screen, &input, &options(dir.path()));
    assert_eq!(screen.shown.len(), 3, "{:#?}", screen.shown);
    assert!(matches!(screen.shown[2], Shown::Paged(..)));
}

#[test]
fn save_as_a_web_page_writes_a_new_page_each_time_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("healthcare-result-2026-12-01.html");
    std::fs::write(&first, "not ours").unwrap();
    let save = Choice::Picked(index(&ALL, Entry::Save));
    let screen = run((80, 24), vec![save, save], &options(dir.path()));
    assert_eq!(std::fs::read_to_string(&first).unwrap(), "not ours");
    for (n, shown) in [(2, &screen.shown[2]), (3, &screen.shown[4])] {
        let path = dir
            .path()
            .join(format!("healthcare-result-2026-12-01-{n}.html"));
        let page = std::fs::read_to_string(&path).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>") || page.starts_with("<!doctype html>"));
        assert!(page.contains("Clinician"));
        let Shown::Printed(lines) = shown else {
            panic!("{shown:?}")
        };
        let said = lines.join(" ");
        assert!(said.contains("Saved your result as a web page"), "{said}");
        assert!(said.contains(&format!("-{n}.html")), "{said}");
    }
}

#[test]
fn a_page_that_cannot_be_saved_says_why_and_the_menu_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut options = options(dir.path());
    options.save_in = dir.path().join("no-such-folder");
    let save = Choice::Picked(index(&ALL, Entry::Save));
    let screen = run((80, 24), vec![save], &options);
    let Shown::Printed(lines) = &screen.shown[2] else {
        panic!("{:#?}", screen.shown)
    };
    let said = lines.join(" ");
    assert!(said.contains("Could not save the web page"), "{said}");
    assert!(said.contains("healthcare-result-2026-12-01.html"), "{said}");
    assert!(matches!(screen.shown[3], Shown::Menu(..)));
}

#[test]
fn a_result_without_jobs_or_changes_offers_neither() {
    let bank = BankSpec::parse(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/quiz.yaml"
    ))
    .load()
    .unwrap();
    let mut answers = AnswerSet::new(&bank);
    for q in 0..bank.questions.len() {
        let first = crate::answers::candidates(&bank.questions[q].kind)
            .into_iter()
            .flatten()
            .next();
        answers.set(q, first);
    }
    let mut assessment = engine::score(&bank, &answers).unwrap();
    assessment.what_if = None;
    assessment.what_if_unfinished = None;
    let input = ReportInput {
        bank: &bank,
        answers: &answers,
        assessment: &assessment,
        quiz: None,
    };
    let view = crate::report::view::View::new(&input, crate::report::view::Layout::Explore);
    assert_eq!(
        super::entries(&view),
        [
            Entry::Why,
            Entry::Scores,
            Entry::About,
            Entry::Save,
            Entry::Done
        ]
    );
}

#[test]
fn bank_text_reaches_the_summary_escaped() {
    let mut bank = healthcare();
    let (answers, assessment) = scored(&bank, "clinician.yaml");
    let best = assessment.recommendation.role;
    bank.roles[best].name = "Clin\u{1b}]0;x\u{7}ician".into();
    let input = ReportInput {
        bank: &bank,
        answers: &answers,
        assessment: &assessment,
        quiz: None,
    };
    let dir = tempfile::tempdir().unwrap();
    let mut screen = Scripted::new((80, 24), [Choice::Picked(4)]);
    explore(&mut screen, &input, &options(dir.path()));
    for shown in &screen.shown {
        let text = format!("{shown:?}");
        assert!(!text.contains('\u{7}'), "{text}");
    }
    assert!(screen.summary()[0].contains("Clin\\u{1b}]0;x\\u{7}ician"));
}

#[test]
fn a_section_printed_above_the_menu_is_set_off_by_blank_lines() {
    let dir = tempfile::tempdir().unwrap();
    let what_if = index(&ALL, Entry::WhatIf);
    // A tall window: the section fits above the menu and is printed.
    let screen = run(
        (80, 60),
        vec![Choice::Picked(what_if)],
        &options(dir.path()),
    );
    let printed: Vec<&Vec<String>> = screen.shown[1..]
        .iter()
        .filter_map(|s| match s {
            Shown::Printed(lines) => Some(lines),
            _ => None,
        })
        .collect();
    assert_eq!(printed.len(), 1, "{:#?}", screen.shown);
    let lines = printed[0];
    assert_eq!(lines[0], "", "{lines:#?}");
    assert_eq!(lines[1], "WHAT WOULD CHANGE YOUR RESULT", "{lines:#?}");
    assert_eq!(lines.last().map(String::as_str), Some(""), "{lines:#?}");
}

/// Runs the flow on answers that gave every statement the same answer.
fn run_flat(size: (u16, u16), options: &Options<'_>) -> Scripted {
    let bank = healthcare();
    let (mut answers, _) = scored(&bank, "clinician.yaml");
    for (q, question) in bank.questions.iter().enumerate() {
        if let crate::bank::QuestionKind::Likert { .. } = question.kind {
            answers.set(q, Some(crate::answers::Answer::Scale(3.0)));
        }
    }
    let assessment = engine::score(&bank, &answers).unwrap();
    let input = ReportInput {
        bank: &bank,
        answers: &answers,
        assessment: &assessment,
        quiz: None,
    };
    let mut screen = Scripted::new(size, vec![]);
    explore(&mut screen, &input, options);
    screen
}

#[test]
fn the_same_answer_to_every_statement_is_said_right_under_the_headline() {
    let dir = tempfile::tempdir().unwrap();
    let screen = run_flat((80, 24), &options(dir.path()));
    let summary = screen.summary();
    let note = summary
        .iter()
        .position(|l| l.starts_with("Please note: You gave all"))
        .unwrap_or_else(|| panic!("no caveat: {summary:#?}"));
    let bars = summary.iter().position(|l| l.contains('█')).unwrap();
    let headline_ends = summary.iter().position(String::is_empty).unwrap();
    assert!(headline_ends < note && note < bars, "{summary:#?}");
    assert!(
        summary.iter().all(|l| l.chars().count() <= 78),
        "{summary:#?}"
    );
    // A clear result has no caveat to show.
    let plain = run((80, 24), vec![], &options(dir.path()));
    assert!(!plain.summary().iter().any(|l| l.starts_with("Please note")));
}
