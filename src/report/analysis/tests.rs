//! The analysis output in every format, from analyses built by hand: a
//! good dimension, a low-alpha one with a reversed question, a one-question
//! dimension (nulls with reasons), nobody to analyze, and a hostile bank.
//! Snapshots (`src/report/analysis/snapshots/`, reviewed with
//! `cargo insta review`) show one realistic example whole.

use indexmap::IndexMap;
use scraper::{Html, Selector};

use super::prose;
use super::{write_html, write_markdown, write_text};
use crate::bank::{self, Bank, Verdict, VerdictCounts};
use crate::engine::reliability::{
    BankRef, Bin, DimensionReliability, Flag, ItemAnalysis, ItemStats, RespondentCounts,
    SCHEMA_VERSION, SpearmanBrown, Undefined,
};
use crate::input::source::SourceFile;
use crate::visible::is_hidden;

const BANK: &str = r#"
id: class
title: Career interests
version: 3
dimensions:
  - { id: people, name: Working with people, low: alone, high: with people }
  - { id: hands, name: Hands-on work, low: ideas, high: things }
  - { id: study, name: Years of study, low: few, high: many }
roles:
  - { id: care, name: Care worker, summary: s, profile: { people: 1, hands: 0.3, study: 0.3 } }
  - { id: lab, name: Lab technician, summary: s, profile: { people: 0.2, hands: 1, study: 0.6 } }
questions:
  - { id: p1, kind: likert, text: I enjoy helping people with their problems., dimension: people }
  - { id: p2, kind: likert, text: I like explaining things to others., dimension: people }
  - { id: p3, kind: likert, text: I would rather work with people than with things., dimension: people }
  - { id: p4, kind: likert, text: I prefer to work alone., dimension: people, keyed: minus }
  - { id: h1, kind: likert, text: I like taking things apart to see how they work., dimension: hands }
  - { id: h2, kind: likert, text: I enjoy building or fixing things., dimension: hands }
  - { id: h3, kind: likert, text: I like working with tools and machines., dimension: hands }
  - { id: h4, kind: likert, text: I would find repairing machines boring., dimension: hands }
  - { id: s1, kind: number, text: How many years of study after school are you ready for?, dimension: study, min: 0, max: 10 }
  - id: m1
    kind: multi
    text: Which of these have you done?
    options:
      - { id: fix, text: Fixed a bike or a car, scores: { hands: 1 } }
      - { id: tutor, text: Helped someone with homework, scores: { people: 1 } }
      - { id: lab, text: Run an experiment, scores: { hands: 1 } }
"#;

fn bank() -> Bank {
    bank::load(SourceFile::new("class.yaml", BANK)).unwrap_or_else(|e| panic!("{e}"))
}

const LIKERT: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neutral",
    "Agree",
    "Strongly agree",
];

/// A likert item's answers: counts per point 1..5.
fn likert(counts: [usize; 5]) -> Vec<Bin> {
    let total: usize = counts.iter().sum();
    (counts.iter().enumerate())
        .map(|(i, &count)| Bin {
            value: (i + 1).to_string(),
            label: LIKERT[i].to_string(),
            count,
            share: count as f64 / total.max(1) as f64,
            rare: false,
        })
        .collect()
}

fn item(question: &str, figures: [Option<f64>; 4], flags: &[Flag], bins: Vec<Bin>) -> ItemStats {
    let [mean, sd, r_drop, alpha_if_dropped] = figures;
    let answered = bins.iter().map(|b| b.count).sum();
    ItemStats {
        question: question.to_string(),
        kind: "likert",
        range: [1.0, 5.0],
        answered,
        skipped: 0.02,
        mean,
        sd,
        distribution: bins,
        r_drop,
        alpha_if_dropped,
        flags: flags.to_vec(),
    }
}

fn good() -> DimensionReliability {
    DimensionReliability {
        id: "people".into(),
        name: "Working with people".into(),
        k: 4,
        n: 112,
        excluded: 8,
        alpha: Some(0.84),
        alpha_std: Some(0.85),
        mean_r: Some(0.58),
        sem: Some(0.083),
        spearman_brown: SpearmanBrown {
            half: Some(0.73),
            double: Some(0.91),
        },
        undefined: IndexMap::new(),
        flags: vec![],
        items: vec![
            item(
                "p1",
                [Some(3.9), Some(0.95), Some(0.71), Some(0.78)],
                &[],
                likert([4, 8, 20, 50, 36]),
            ),
            item(
                "p2",
                [Some(3.6), Some(1.02), Some(0.66), Some(0.80)],
                &[],
                likert([6, 12, 26, 46, 28]),
            ),
            item(
                "p3",
                [Some(3.2), Some(1.10), Some(0.62), Some(0.81)],
                &[],
                likert([10, 18, 32, 36, 22]),
            ),
            item(
                "p4",
                [Some(3.4), Some(1.15), Some(0.60), Some(0.82)],
                &[],
                likert([12, 14, 28, 40, 24]),
            ),
        ],
    }
}

fn low() -> DimensionReliability {
    let mut multi = item(
        "m1",
        [Some(0.9), Some(0.7), Some(0.31), Some(0.44)],
        &[Flag::RarelyChosen],
        vec![
            Bin {
                value: "fix".into(),
                label: "Fixed a bike or a car".into(),
                count: 48,
                share: 0.4,
                rare: false,
            },
            Bin {
                value: "lab".into(),
                label: "Run an experiment".into(),
                count: 4,
                share: 0.033,
                rare: true,
            },
        ],
    );
    multi.kind = "multi";
    multi.range = [0.0, 2.0];
    multi.answered = 120;
    DimensionReliability {
        id: "hands".into(),
        name: "Hands-on work".into(),
        k: 5,
        n: 104,
        excluded: 16,
        alpha: Some(0.41),
        alpha_std: Some(0.44),
        mean_r: Some(0.14),
        sem: Some(0.142),
        spearman_brown: SpearmanBrown {
            half: Some(0.26),
            double: Some(0.58),
        },
        undefined: IndexMap::new(),
        flags: vec![Flag::LowAlpha],
        items: vec![
            item(
                "h1",
                [Some(3.1), Some(1.2), Some(0.45), Some(0.30)],
                &[],
                likert([14, 20, 30, 34, 20]),
            ),
            item(
                "h2",
                [Some(4.6), Some(0.6), Some(0.38), Some(0.35)],
                &[Flag::Ceiling],
                likert([0, 2, 4, 24, 88]),
            ),
            item(
                "h3",
                [Some(3.0), Some(1.3), Some(0.41), Some(0.33)],
                &[],
                likert([18, 20, 28, 30, 22]),
            ),
            item(
                "h4",
                [Some(2.8), Some(1.25), Some(-0.32), Some(0.62)],
                &[
                    Flag::WeakItem,
                    Flag::ReversedItem,
                    Flag::RaisesAlphaIfDropped,
                ],
                likert([22, 24, 30, 26, 16]),
            ),
            multi,
        ],
    }
}

fn single() -> DimensionReliability {
    let mut undefined = IndexMap::new();
    for figure in ["alpha", "alpha_std", "mean_r", "sem", "spearman_brown"] {
        undefined.insert(figure, Undefined::TooFewItems);
    }
    let mut number = item(
        "s1",
        [Some(4.2), Some(2.1), None, None],
        &[],
        vec![
            Bin {
                value: "0–2".into(),
                label: "0–2".into(),
                count: 20,
                share: 0.17,
                rare: false,
            },
            Bin {
                value: "3–5".into(),
                label: "3–5".into(),
                count: 60,
                share: 0.5,
                rare: false,
            },
            Bin {
                value: "6–10".into(),
                label: "6–10".into(),
                count: 40,
                share: 0.33,
                rare: false,
            },
        ],
    );
    number.kind = "number";
    number.range = [0.0, 10.0];
    DimensionReliability {
        id: "study".into(),
        name: "Years of study".into(),
        k: 1,
        n: 20,
        excluded: 100,
        alpha: None,
        alpha_std: None,
        mean_r: None,
        sem: None,
        spearman_brown: SpearmanBrown {
            half: None,
            double: None,
        },
        undefined,
        flags: vec![Flag::FewRespondents],
        items: vec![number],
    }
}

fn analysis() -> ItemAnalysis {
    let mut verdicts = VerdictCounts::default();
    for (verdict, n) in [
        (Verdict::Clear, 70),
        (Verdict::Lean, 30),
        (Verdict::Close, 20),
    ] {
        for _ in 0..n {
            verdicts.add(verdict);
        }
    }
    ItemAnalysis {
        schema_version: SCHEMA_VERSION,
        bank: BankRef {
            id: "class".into(),
            version: 3,
        },
        dimensions: vec![good(), low(), single()],
        respondents: RespondentCounts {
            used: 120,
            failed: 2,
            answered_everything: 96,
            straight_lined: 3,
            roles: IndexMap::from([("care".to_string(), 64), ("lab".to_string(), 56)]),
            verdicts,
        },
    }
}

/// Nobody's answers could be used: every figure null.
fn empty() -> ItemAnalysis {
    let mut a = analysis();
    a.respondents = RespondentCounts {
        used: 0,
        failed: 5,
        answered_everything: 0,
        straight_lined: 0,
        roles: IndexMap::new(),
        verdicts: VerdictCounts::default(),
    };
    for d in &mut a.dimensions {
        d.n = 0;
        d.excluded = 0;
        d.alpha = None;
        d.alpha_std = None;
        d.mean_r = None;
        d.sem = None;
        d.spearman_brown = SpearmanBrown {
            half: None,
            double: None,
        };
        d.undefined.clear();
        for figure in ["alpha", "alpha_std", "mean_r", "sem", "spearman_brown"] {
            d.undefined.insert(figure, Undefined::TooFewRespondents);
        }
        d.flags = vec![Flag::FewRespondents];
        for i in &mut d.items {
            i.answered = 0;
            i.skipped = 0.0;
            i.mean = None;
            i.sd = None;
            i.r_drop = None;
            i.alpha_if_dropped = None;
            i.flags.clear();
            for b in &mut i.distribution {
                b.count = 0;
                b.share = 0.0;
                b.rare = false;
            }
        }
    }
    a
}

const SCRIPT: &str = "<script>alert(1)</script>";
const HOSTILE: &str = "\u{1b}[2J\u{7}\u{202e}evil\u{202c} \"quoted\" 'single' & a | b `tick`";

fn long_word() -> String {
    "W".repeat(300)
}

fn nasty(what: &str) -> String {
    format!("{what} {SCRIPT} {HOSTILE} {}", long_word())
}

/// The example with every kind of bank text hostile, in the bank and in
/// the analysis alike.
fn hostile() -> (Bank, ItemAnalysis) {
    let mut bank = bank();
    let mut a = analysis();
    bank.title = nasty("Title");
    for r in &mut bank.roles {
        r.name = nasty("Role");
    }
    for (dim, d) in bank.dimensions.iter_mut().zip(&mut a.dimensions) {
        dim.name = nasty("Dimension");
        d.name = dim.name.clone();
    }
    for q in &mut bank.questions {
        q.text = nasty("Question");
        let id = format!("{}{SCRIPT}|`x`\u{1b}", q.id);
        for d in &mut a.dimensions {
            for i in &mut d.items {
                if i.question == q.id {
                    i.question = id.clone();
                    for b in &mut i.distribution {
                        b.label = nasty("Label");
                        b.value = format!("{}|`\u{202e}", b.value);
                    }
                }
            }
        }
        q.id = id;
    }
    (bank, a)
}

fn text(bank: &Bank, a: &ItemAnalysis, width: usize) -> String {
    let mut out = Vec::new();
    write_text(&mut out, bank, a, width).unwrap();
    String::from_utf8(out).unwrap()
}

fn markdown(bank: &Bank, a: &ItemAnalysis) -> String {
    let mut out = Vec::new();
    write_markdown(&mut out, bank, a).unwrap();
    String::from_utf8(out).unwrap()
}

fn html(bank: &Bank, a: &ItemAnalysis) -> String {
    let mut out = Vec::new();
    write_html(&mut out, bank, a).unwrap();
    String::from_utf8(out).unwrap()
}

/// `text` with its runs of whitespace made single spaces, so a sentence
/// can be found whatever the wrapping.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The lines of `text` from the one starting `from` up to the next blank
/// line after the table that follows it.
fn section<'t>(text: &'t str, from: &str) -> &'t str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in:\n{text}"));
    let rest = &text[start..];
    let end = rest[1..].find("\nDimension ").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

#[test]
fn text_puts_flagged_questions_first() {
    let out = text(&bank(), &analysis(), 80);
    let hands = section(&out, "Dimension 2 of 3");
    let at = |id: &str| {
        hands
            .find(&format!("\n  {id} "))
            .unwrap_or_else(|| panic!("no row for {id} in:\n{hands}"))
    };
    // Bank order is h1 h2 h3 h4 m1; flagged are h2, h4 and m1.
    assert!(at("h2") < at("h4") && at("h4") < at("m1"), "{hands}");
    assert!(at("m1") < at("h1") && at("h1") < at("h3"), "{hands}");
    // The good dimension keeps bank order.
    let people = section(&out, "Dimension 1 of 3");
    let p = |id: &str| people.find(&format!("\n  {id} ")).unwrap();
    assert!(p("p1") < p("p2") && p("p2") < p("p3") && p("p3") < p("p4"));
}

#[test]
fn text_explains_only_the_flags_that_occur() {
    let out = flat(&text(&bank(), &analysis(), 80));
    let explanations = out
        .split(&prose::heading::FLAGS.to_uppercase())
        .nth(1)
        .expect("a flags section");
    for flag in [
        Flag::LowAlpha,
        Flag::FewRespondents,
        Flag::ReversedItem,
        Flag::WeakItem,
        Flag::RaisesAlphaIfDropped,
        Flag::Ceiling,
        Flag::RarelyChosen,
    ] {
        let meaning = flat(&prose::flag(flag).meaning);
        assert_eq!(
            explanations.matches(&meaning).count(),
            1,
            "{} explained once",
            flag.code()
        );
    }
    assert!(!out.contains(&flat(&prose::flag(Flag::Floor).meaning)));
    // The good dimension alone: no flag, so nothing explained.
    let mut a = analysis();
    a.dimensions.truncate(1);
    let out = flat(&text(&bank(), &a, 80));
    for flag in prose::ALL_FLAGS {
        assert!(
            !out.contains(&flat(&prose::flag(flag).meaning)),
            "{}",
            flag.code()
        );
    }
    assert!(out.contains(prose::NOTHING_FLAGGED));
}

#[test]
fn flag_sentences_use_the_thresholds() {
    let low = prose::flag(Flag::LowAlpha).meaning;
    assert!(
        low.contains(&prose::two(crate::engine::reliability::LOW_ALPHA)),
        "{low}"
    );
    let few = prose::flag(Flag::FewRespondents).meaning;
    assert!(
        few.contains(&crate::engine::reliability::FEW_RESPONDENTS.to_string()),
        "{few}"
    );
    let rare = prose::flag(Flag::RarelyChosen).meaning;
    assert!(
        rare.contains(&prose::share(crate::engine::reliability::RARE_SHARE)),
        "{rare}"
    );
    assert!(prose::flag(Flag::ReversedItem).try_this.contains("`keyed`"));
}

#[test]
fn text_shows_figures_nulls_and_signs() {
    let out = text(&bank(), &analysis(), 80);
    let hands = section(&out, "Dimension 2 of 3");
    assert!(hands.contains("0.41"), "{hands}");
    assert!(
        hands.contains("-0.32"),
        "a negative r drop keeps its sign:\n{hands}"
    );
    assert!(hands.contains("14.2 percentage points"), "{hands}");
    assert!(hands.contains("0.26 / 0.58"), "{hands}");
    assert!(
        hands.contains("Fixed a bike") || hands.contains("fix\u{a0}40%"),
        "{hands}"
    );
    assert!(hands.contains("lab\u{a0}3% (rarely chosen)"), "{hands}");
    let study = flat(section(&out, "Dimension 3 of 3"));
    assert!(
        study.contains(&format!("Alpha: {}", prose::DASH)),
        "{study}"
    );
    assert!(
        study.contains("Agreement between questions, standardized alpha, mean correlation between questions, measurement error and forecast with half or double the questions: not computed, because the dimension has 1 question and at least two are needed"),
        "one sentence for the one reason:\n{study}"
    );
    let who = flat(&out);
    assert!(
        who.contains("Recommended: Care worker 64, Lab technician 56."),
        "{who}"
    );
    assert!(who.contains("clear 70, lean 30, close 20"), "{who}");
    assert!(
        who.contains("3 people gave the same answer to every statement"),
        "{who}"
    );
    assert!(who.contains("2 rows could not be used"), "{who}");
}

#[test]
fn nobody_to_analyze_says_so_everywhere() {
    let (bank, a) = (bank(), empty());
    let out = flat(&text(&bank, &a, 80));
    assert!(out.contains("No answers could be used"), "{out}");
    assert!(out.contains("nobody answered all of them"), "{out}");
    assert!(out.contains("nobody answered it"), "{out}");
    assert!(
        out.contains("only 0 people answered every question"),
        "{out}"
    );
    assert!(!out.contains("Recommended:"), "{out}");
    let md = markdown(&bank, &a);
    assert!(md.contains("No answers could be used"), "{md}");
    let page = html(&bank, &a);
    let doc = parse(&page);
    assert_eq!(count(&doc, "#alpha-chart rect.alpha-bar"), 0);
    assert_eq!(count(&doc, "rect.r-bar"), 0);
    assert_eq!(count(&doc, "#alpha-chart text.pct"), 3);
    assert!(
        (doc.select(&sel("#alpha-chart text.pct")))
            .all(|t| t.text().collect::<String>() == prose::NOT_COMPUTED)
    );
}

/// Lines longer than `width` must be one word that cannot be broken.
fn check_width(out: &str, width: usize) {
    for line in out.lines() {
        if line.chars().count() > width {
            assert_eq!(
                line.trim().split(' ').count(),
                1,
                "line over {width} columns with a space to break at:\n{line}"
            );
        }
    }
}

#[test]
fn text_keeps_to_its_width() {
    for width in [40, 48, 60, 78, 100] {
        let out = text(&bank(), &analysis(), width);
        check_width(&out, width);
        // Every question id is there whole, however narrow.
        for d in &analysis().dimensions {
            for item in &d.items {
                let id = format!("  {}", item.question);
                assert!(
                    out.lines()
                        .any(|l| l == id || l.starts_with(&format!("{id} "))),
                    "{} at {width}:\n{out}",
                    item.question
                );
            }
        }
        let (bank, a) = hostile();
        check_width(&text(&bank, &a, width), width);
    }
}

#[test]
fn hostile_text_cannot_reach_a_terminal_raw() {
    let (bank, a) = hostile();
    for out in [text(&bank, &a, 80), markdown(&bank, &a)] {
        assert!(
            !out.chars().any(is_hidden),
            "a hidden character got through"
        );
        assert!(
            out.contains("\\u{1b}") && out.contains("\\u{202e}"),
            "shown escaped"
        );
    }
}

/// The cells of a Markdown table row: split at pipes no backslash escapes.
fn cells(row: &str) -> usize {
    let mut n: usize = 0;
    let mut escaped = false;
    for c in row.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => n += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    n.saturating_sub(1)
}

#[test]
fn markdown_escapes_pipes_and_backticks_in_bank_text() {
    let (bank, a) = hostile();
    let md = markdown(&bank, &a);
    assert!(md.contains("a \\| b \\`tick\\`"), "{md}");
    assert!(!md.contains(SCRIPT), "markup is escaped");
    assert!(md.contains("\\<script\\>"), "{md}");
    // Every row of a table has as many cells as its header.
    let mut columns = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        let n = cells(line);
        let expected = *columns.get_or_insert(n);
        assert_eq!(
            n, expected,
            "a table row with {n} cells, not {expected}:\n{line}"
        );
    }
    // Question rows list the flags of the question, as code.
    let plain = markdown(&self::bank(), &analysis());
    assert!(plain.contains("`weak-item`, `reversed-item`, `raises-alpha-if-dropped`"));
}

#[test]
fn markdown_explains_only_the_flags_that_occur() {
    let md = markdown(&bank(), &analysis());
    let legend = md.split(prose::heading::FLAGS).nth(1).unwrap();
    assert!(legend.contains("`reversed-item`"));
    assert!(!legend.contains("`floor`"));
    assert_eq!(legend.matches("- `").count(), 7, "{legend}");
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn count(doc: &Html, css: &str) -> usize {
    doc.select(&sel(css)).count()
}

fn parse(page: &str) -> Html {
    let doc = Html::parse_document(page);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    doc
}

#[test]
fn html_has_the_three_kinds_of_chart() {
    let a = analysis();
    let doc = parse(&html(&bank(), &a));
    // Alpha per dimension: a bar for each computed alpha, and the lines.
    let alphas = a.dimensions.iter().filter(|d| d.alpha.is_some()).count();
    assert_eq!(count(&doc, "#alpha-chart rect.alpha-bar"), alphas);
    assert_eq!(count(&doc, "#alpha-chart line.line"), 2);
    let labels: String = doc
        .select(&sel("#alpha-chart > text"))
        .flat_map(|t| t.text())
        .collect();
    assert!(
        labels.contains("0.70 low") && labels.contains("0.80 good"),
        "{labels}"
    );
    let alpha_text: String = doc
        .select(&sel("#alpha-chart"))
        .flat_map(|t| t.text())
        .collect();
    assert!(
        alpha_text.contains(prose::NOT_COMPUTED),
        "a null alpha is said"
    );
    // r drop per question of each dimension, the negative one different.
    for (i, d) in a.dimensions.iter().enumerate() {
        let chart = format!("#dim-{}-r-drop", i + 1);
        let bars = d.items.iter().filter(|i| i.r_drop.is_some()).count();
        if bars == 0 {
            assert_eq!(count(&doc, &chart), 0, "no chart without a bar: {chart}");
            continue;
        }
        assert_eq!(count(&doc, &format!("{chart} rect.r-bar")), bars, "{chart}");
        let negative = d
            .items
            .iter()
            .filter(|i| i.r_drop.is_some_and(|r| r < 0.0))
            .count();
        assert_eq!(
            count(&doc, &format!("{chart} rect.r-bar.negative")),
            negative
        );
        assert_eq!(count(&doc, &format!("{chart} line.zero")), 1);
        assert_eq!(count(&doc, &format!("{chart} line.line")), 1);
    }
    // The negative bar ends at the zero line, left of it.
    let neg = doc
        .select(&sel("#dim-2-r-drop rect.r-bar.negative"))
        .next()
        .unwrap();
    assert_eq!(neg.attr("x"), Some("34.0%"));
    assert_eq!(neg.attr("width"), Some("16.0%"));
    assert_eq!(
        count(&doc, "svg.r-drop"),
        2,
        "the one-question dimension has none"
    );
    assert_eq!(
        count(&doc, "#dim-3 table.items tbody tr"),
        1,
        "its table is still there"
    );
    // Answers per question: one chart each, a segment per answer.
    let items: usize = a.dimensions.iter().map(|d| d.items.len()).sum();
    assert_eq!(count(&doc, "svg.dist"), items);
    assert_eq!(count(&doc, "svg.dist.options"), 1, "the multi question");
    let first = doc.select(&sel("#dim-1 svg.dist")).next().unwrap();
    assert_eq!(first.select(&sel("rect.seg")).count(), 5);
    // Every chart has a text alternative.
    for svg in doc.select(&sel("svg.chart, svg.dist")) {
        assert_eq!(svg.attr("role"), Some("img"));
        assert!(svg.attr("aria-label").is_some_and(|l| !l.is_empty()));
        assert!(svg.select(&sel("title")).next().is_some());
    }
    let html = doc.select(&sel("html")).next().unwrap();
    assert_eq!(html.attr("lang"), Some("en"));
}

#[test]
fn html_escapes_hostile_text_and_loads_nothing() {
    let (bank, a) = hostile();
    let page = html(&bank, &a);
    let doc = parse(&page);
    assert_eq!(count(&doc, "script"), 0, "no script element");
    assert!(
        !page.chars().any(is_hidden),
        "no raw control or bidi character"
    );
    assert!(page.contains("\\u{202e}evil"), "shown escaped");
    assert!(!page.contains(SCRIPT));
    assert!(page.contains("&lt;script&gt;"));
    let title: String = doc.select(&sel("h1")).flat_map(|t| t.text()).collect();
    assert!(title.contains(SCRIPT), "shown as text: {title}");
    assert!(title.contains("\"quoted\" 'single'"), "{title}");
    for element in doc.select(&sel("[src], [href]")) {
        for attr in ["src", "href"] {
            if let Some(value) = element.value().attr(attr) {
                assert!(
                    !value.contains("//") && !value.contains(':'),
                    "external {attr}: {value}"
                );
            }
        }
    }
    assert!(!page.contains("http:") && !page.contains("https:") && !page.contains("url("));
    // The same number of charts as for friendly text.
    assert_eq!(count(&doc, "svg.dist"), 10);
}

#[test]
fn html_draws_a_negative_alpha_at_zero_with_its_value() {
    let mut a = analysis();
    a.dimensions[1].alpha = Some(-0.25);
    let doc = parse(&html(&bank(), &a));
    let bars: Vec<_> = doc.select(&sel("#alpha-chart rect.alpha-bar")).collect();
    assert_eq!(bars.len(), 2);
    assert_eq!(bars[1].attr("width"), Some("0.0%"));
    let values: String = doc
        .select(&sel("#alpha-chart text.pct"))
        .flat_map(|t| t.text())
        .collect();
    assert!(values.contains("-0.25 (drawn at 0)"), "{values}");
}

#[test]
fn the_template_never_unescapes_or_fetches() {
    crate::report::inert::assert_template_is_inert(
        "analysis.html",
        include_str!("../templates/analysis.html"),
    );
}

#[test]
fn snapshot_text() {
    insta::assert_snapshot!("text", text(&bank(), &analysis(), 80));
}

#[test]
fn snapshot_markdown() {
    insta::assert_snapshot!("markdown", markdown(&bank(), &analysis()));
}

#[test]
fn snapshot_html() {
    let page = html(&bank(), &analysis());
    // The generator line names the version; keep the snapshot stable.
    let page = page.replace(env!("CARGO_PKG_VERSION"), "VERSION");
    insta::assert_snapshot!("html", page);
}

#[test]
fn any_width_is_drawn_without_panicking() {
    let (bank, a) = hostile();
    for width in [0, 1, 10, 1000] {
        let out = text(&bank, &a, width);
        assert!(flat(&out).contains("WHAT THE FLAGS MEAN"), "width {width}");
    }
}
