//! How a prompt's texts are laid out for a terminal of a given width.
//! inquire writes what it is given and lets the terminal wrap a long line
//! at its last column, in the middle of a word; it keeps the line breaks in
//! its texts, though, and starts each one at the left edge. So every text is
//! wrapped here, at spaces, leaving room for what inquire writes around it:
//! "? " before a question and a space after it, "> " before an option of a
//! list and "> [ ] " before one of a tick list, "[" and "]" around the help,
//! "# " before a message about a wrong answer. Lines after the first are
//! indented to start under the first one's text. Nothing here touches the
//! terminal, so all of it is tested as plain strings.

use textwrap::core::display_width;

/// Columns inquire writes before a question ("? ").
pub const QUESTION_PREFIX: usize = 2;
/// Columns inquire writes before an option of a list ("> ").
pub const LIST_PREFIX: usize = 2;
/// Columns inquire writes before an option of a tick list ("> [ ] ").
pub const TICK_PREFIX: usize = 6;
/// Columns inquire writes before a message about a wrong answer ("# ").
pub const ERROR_PREFIX: usize = 2;
/// Room kept after a number question for what is typed, so a short number
/// goes on the question's last line.
const INPUT_ROOM: usize = 8;

/// `text` wrapped at spaces to `width` columns, its first line starting at
/// column `first` (after what inquire writes before it) and the others
/// indented by `indent` spaces, which are part of the result. A word longer
/// than a line stays whole on a line of its own (and the terminal breaks it:
/// nothing else can be done with it).
pub fn hanging(text: &str, width: usize, first: usize, indent: usize) -> String {
    let first_pad = " ".repeat(first);
    let pad = " ".repeat(indent);
    let options = crate::wrap::options(width.max(1))
        .initial_indent(&first_pad)
        .subsequent_indent(&pad);
    let mut out = String::new();
    for (i, line) in textwrap::wrap(text, options).iter().enumerate() {
        if i == 0 {
            out.push_str(line.strip_prefix(first_pad.as_str()).unwrap_or(line));
        } else {
            out.push('\n');
            out.push_str(line);
        }
    }
    out
}

/// A question (with its progress) for a terminal `cols` wide: after "? ",
/// and a column free at the end of each line for the space inquire adds.
pub fn question(text: &str, cols: usize) -> String {
    hanging(
        text,
        cols.saturating_sub(1),
        QUESTION_PREFIX,
        QUESTION_PREFIX,
    )
}

/// A number question: as [`question`], and when its last line leaves no
/// room for a short number, what is typed starts on a line of its own.
pub fn number_question(text: &str, cols: usize) -> String {
    let mut message = question(text, cols);
    if end_column(&message) + 1 + INPUT_ROOM > cols {
        message.push('\n');
        message.push_str(&" ".repeat(QUESTION_PREFIX - 1));
    }
    message
}

/// An option of a list whose entries start after `prefix` columns.
pub fn option(text: &str, cols: usize, prefix: usize) -> String {
    hanging(text, cols, prefix, prefix)
}

/// The help line, inside the "[" and "]" inquire writes around it.
pub fn help(text: &str, cols: usize) -> String {
    hanging(text, cols.saturating_sub(1), 1, 1)
}

/// A message about a wrong answer, after "# ".
pub fn error(text: &str, cols: usize) -> String {
    hanging(text, cols, ERROR_PREFIX, ERROR_PREFIX)
}

/// The column where a question laid out by [`question`] ends, counting
/// inquire's "? " on a first line.
fn end_column(message: &str) -> usize {
    match message.rsplit_once('\n') {
        Some((_, last)) => display_width(last),
        None => QUESTION_PREFIX + display_width(message),
    }
}

/// The answer to show after `message` (as laid out by [`question`]) once
/// the question is answered: on the question's last line when its first
/// word fits there, on the next line otherwise, wrapped and indented under
/// the question's text.
pub fn answer(message: &str, answer: &str, cols: usize) -> String {
    let start = end_column(message) + 1;
    let first_word = answer.split(' ').next().unwrap_or("");
    if start + display_width(first_word) <= cols {
        hanging(answer, cols, start, QUESTION_PREFIX)
    } else {
        let pad = " ".repeat(QUESTION_PREFIX);
        format!(
            "\n{pad}{}",
            hanging(answer, cols, QUESTION_PREFIX, QUESTION_PREFIX)
        )
    }
}

/// How many terminal rows inquire draws `frame` on, `cols` wide: each of
/// its lines, and within a line a new row wherever the next character no
/// longer fits (as inquire's frame renderer counts; it leaves out empty
/// lines).
pub fn rows(frame: &str, cols: usize) -> usize {
    let cols = cols.max(1);
    frame
        .split('\n')
        .map(|line| {
            let (mut rows, mut used) = (0, 0);
            for c in line.chars() {
                let mut buf = [0; 4];
                let width = display_width(c.encode_utf8(&mut buf));
                if used > 0 && width > cols - used {
                    rows += 1;
                    used = 0;
                }
                used += width;
            }
            if line.is_empty() { rows } else { rows + 1 }
        })
        .sum()
}

/// How many options of a list to show at once when they take
/// `option_rows` rows each, in the order shown, and `room` rows are free
/// for them: as many as fit wherever the list is scrolled to (inquire shows
/// a run of neighbours), and at least one.
pub fn page_size(option_rows: &[usize], room: usize) -> usize {
    let fits = |k: usize| {
        option_rows
            .windows(k)
            .all(|run| run.iter().sum::<usize>() <= room)
    };
    (1..=option_rows.len())
        .take_while(|&k| fits(k))
        .last()
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of `frame` as the terminal shows it after inquire's
    /// `prefix`, checked to fit `cols`.
    fn fits(prefix: &str, text: &str, suffix: &str, cols: usize) -> Vec<String> {
        let frame = format!("{prefix}{text}{suffix}");
        let lines: Vec<String> = frame.split('\n').map(str::to_string).collect();
        for line in &lines {
            assert!(display_width(line) <= cols, "{line:?} is wider than {cols}");
        }
        assert_eq!(rows(&frame, cols), lines.len(), "{frame:?}");
        lines
    }

    const LONG: &str =
        "Which part of sorting it out would you most like to do before you are fully qualified?";

    #[test]
    fn a_question_breaks_only_between_words_and_leaves_room_for_the_space_after_it() {
        for cols in [20, 40, 41, 79, 80] {
            let message = question(LONG, cols);
            let lines = fits("? ", &message, " ", cols);
            assert!(lines.len() > 1, "{lines:?}");
            // Every word is whole: the lines, joined, are the text.
            let joined: Vec<&str> = message.split_whitespace().collect();
            assert_eq!(joined.join(" "), LONG);
            for line in &lines[1..] {
                assert!(
                    line.starts_with("  ") && !line.starts_with("   "),
                    "{line:?}"
                );
            }
        }
    }

    #[test]
    fn a_long_option_hangs_under_its_own_text() {
        let text = "A scanning and X-ray center where images of the body are taken and checked";
        let option_text = option(text, 40, TICK_PREFIX);
        let lines = fits("> [ ] ", &option_text, "", 40);
        assert_eq!(lines.len(), 3, "{lines:?}");
        for line in &lines[1..] {
            assert!(
                line.starts_with("      ") && !line.starts_with("       "),
                "{line:?}"
            );
        }
        let lines = fits("> ", &option(text, 40, LIST_PREFIX), "", 40);
        assert!(lines[1].starts_with("  ") && !lines[1].starts_with("   "));
        // A short option is one line, unchanged.
        assert_eq!(option("Agree", 40, LIST_PREFIX), "Agree");
    }

    #[test]
    fn a_word_longer_than_a_line_stays_whole_on_its_own_line() {
        let url = "https://www.bls.gov/ooh/healthcare/registered-nurses.htm";
        let text = format!("See {url} for more.");
        let message = question(&text, 30);
        let lines: Vec<&str> = message.split('\n').collect();
        assert_eq!(lines, ["See", &format!("  {url}"), "  for more."]);
        // The terminal wraps that line (58 columns: two rows); the rows
        // inquire draws count it.
        assert_eq!(rows(&format!("? {message} "), 30), 4);
    }

    #[test]
    fn the_help_fits_inside_its_brackets_even_at_40_columns() {
        let keys = "↑↓ move, Space ticks, Enter answers (nothing ticked: none of these), Esc back, Ctrl-C stops";
        let lines = fits("[", &help(keys, 40), "]", 40);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| !l.ends_with(',') || l.len() > 3));
        let words: Vec<&str> = keys.split_whitespace().collect();
        let shown: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
        assert_eq!(shown.join(" "), format!("[{}]", words.join(" ")));
    }

    #[test]
    fn an_answer_goes_on_the_questions_last_line_or_the_next() {
        let message = question("[1/6] Tools or people?", 40);
        let answer_text = answer(&message, "Agree", 40);
        assert_eq!(answer_text, "Agree");
        let lines = fits("? ", &message, &format!(" {answer_text}"), 40);
        assert_eq!(lines.len(), 1);

        let message = question(LONG, 40);
        let long = "A family health clinic in your town, A laboratory";
        let answer_text = answer(&message, long, 40);
        let lines = fits("? ", &message, &format!(" {answer_text}"), 40);
        assert!(lines.len() >= 4, "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with("  ")), "{lines:?}");

        // A first word that does not fit where the question ends starts the
        // next line.
        let message = question("[3/26] aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 40);
        let answer_text = answer(&message, "Extraordinarily", 40);
        assert_eq!(answer_text, "\n  Extraordinarily");
        fits("? ", &message, &format!(" {answer_text}"), 40);
    }

    #[test]
    fn a_number_question_keeps_room_for_the_number() {
        let message = number_question(
            "[4/6] How many hours a week do you spend on it? (0 to 8)",
            40,
        );
        let last = message.rsplit('\n').next().unwrap();
        assert!(display_width(last) + 1 + INPUT_ROOM <= 40, "{message:?}");
        let message = number_question("[4/6] Hours? (0 to 8)", 40);
        assert!(!message.contains('\n'));
    }

    #[test]
    fn rows_count_as_inquire_draws_them() {
        assert_eq!(rows("", 10), 0);
        assert_eq!(rows("abc", 10), 1);
        assert_eq!(rows("abcdefghij", 10), 1);
        assert_eq!(rows("abcdefghijk", 10), 2);
        assert_eq!(rows("ab\ncd\n", 10), 2);
        // Wide characters do not split.
        assert_eq!(rows("abcdefghi職", 10), 2);
    }

    #[test]
    fn a_page_shows_as_many_options_as_fit_whichever_are_shown() {
        assert_eq!(page_size(&[1, 1, 1, 1], 10), 4);
        assert_eq!(page_size(&[1, 1, 1, 1], 3), 3);
        // Neighbours 1 + 2 fit in 4 rows, 3 + 1 too; three in a row do not.
        assert_eq!(page_size(&[3, 1, 2, 1], 4), 2);
        // 3 + 2 next to each other do not fit in 4.
        assert_eq!(page_size(&[3, 2, 1, 1], 4), 1);
        assert_eq!(page_size(&[3, 2, 1, 1], 5), 2);
        assert_eq!(page_size(&[2, 2], 0), 1);
    }
}
