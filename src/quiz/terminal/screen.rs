//! What stays on screen of the prompts answered so far, to erase exactly
//! those rows when the student goes back, and to draw them again when the
//! window got smaller (see [`super::resize`]).

use std::io::Write;

use super::layout;

/// A prompt that stays on screen once answered: its text and answer (to
/// draw it again after a resize) and the rows it takes (to erase it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// The adaptive settled notice rather than a question.
    pub settled: bool,
    /// A number question, laid out with room for the number.
    pub number: bool,
    /// The question, before wrapping.
    pub text: String,
    pub answer: String,
    pub rows: usize,
}

impl Kept {
    /// The question as laid out `cols` wide.
    fn message(&self, cols: usize) -> String {
        if self.number {
            layout::number_question(&self.text, cols)
        } else {
            layout::question(&self.text, cols)
        }
    }
}

/// The answered prompts on screen, oldest first (since the prompter
/// started: a resumed quiz's earlier answers are not on screen).
pub struct Screen {
    color: bool,
    kept: Vec<Kept>,
}

impl Screen {
    pub fn new(color: bool) -> Screen {
        Screen {
            color,
            kept: Vec::new(),
        }
    }

    /// After Esc on a prompt with `message`: erases it (as inquire left it,
    /// `cols` wide) and the answered prompts going back takes off the
    /// screen: from a question, the one before it (and a settled notice in
    /// between); from a settled notice, the question before it.
    /// When the window got smaller meanwhile (`Some` of its width now), the
    /// rows are not known: the screen is drawn again instead.
    pub fn went_back(
        &mut self,
        message: &str,
        cols: usize,
        from_question: bool,
        smaller: Option<usize>,
    ) {
        let rows = layout::rows(&format!("? {message} "), cols) + self.take_back(from_question);
        match smaller {
            Some(now) => self.redraw(now),
            None => erase(rows),
        }
    }

    /// Forgets the answered prompts going back takes off the screen (see
    /// [`Screen::went_back`]): the rows they took.
    fn take_back(&mut self, from_question: bool) -> usize {
        let mut rows = 0;
        if from_question {
            while let Some(kept) = self.kept.pop_if(|k| k.settled) {
                rows += kept.rows;
            }
        }
        if let Some(kept) = self.kept.pop_if(|k| !k.settled) {
            rows += kept.rows;
        }
        rows
    }

    /// Keeps an answered prompt (laid out `cols` wide) as on screen.
    pub fn keep(&mut self, mut kept: Kept, cols: usize) {
        let message = kept.message(cols);
        kept.rows = answered_rows(&message, &kept.answer, cols);
        self.kept.push(kept);
    }

    /// After the window got smaller during a prompt: clears the screen and
    /// draws the answered prompts again at the new width, as inquire drew
    /// them, for the next prompt to be asked below them; `cols` wide.
    pub fn redraw(&mut self, cols: usize) {
        use crossterm::{cursor, queue, terminal};
        let text = self.answered(cols);
        let mut err = std::io::stderr().lock();
        let _ = queue!(
            err,
            cursor::MoveTo(0, 0),
            terminal::Clear(terminal::ClearType::All)
        );
        let _ = write!(err, "{text}");
        let _ = err.flush();
    }

    /// The answered prompts laid out `cols` wide, one after the other, with
    /// the rows each now takes counted again.
    fn answered(&mut self, cols: usize) -> String {
        use crossterm::style::Stylize;
        let mut text = String::new();
        for kept in &mut self.kept {
            let message = kept.message(cols);
            let answer = layout::answer(&message, &kept.answer, cols);
            kept.rows = answered_rows(&message, &kept.answer, cols);
            text.push_str(&if self.color {
                format!("{} {message} {}\n", ">".green(), answer.as_str().cyan())
            } else {
                format!("? {message} {answer}\n")
            });
        }
        text
    }
}

/// Erases the `rows` rows above the cursor and everything below it.
fn erase(rows: usize) {
    use crossterm::{cursor, queue, terminal};
    let mut err = std::io::stderr().lock();
    if rows > 0 {
        let _ = queue!(err, cursor::MoveUp(u16::try_from(rows).unwrap_or(u16::MAX)));
    }
    let _ = queue!(
        err,
        cursor::MoveToColumn(0),
        terminal::Clear(terminal::ClearType::FromCursorDown)
    );
    let _ = err.flush();
}

/// The rows a prompt with `message` takes once answered with `answer`.
fn answered_rows(message: &str, answer: &str, cols: usize) -> usize {
    layout::rows(
        &format!("? {message} {}", layout::answer(message, answer, cols)),
        cols,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(settled: bool, text: &str, answer: &str) -> Kept {
        Kept {
            settled,
            number: false,
            text: text.to_string(),
            answer: answer.to_string(),
            rows: 0,
        }
    }

    #[test]
    fn going_back_takes_off_the_answer_being_changed_and_a_notice_after_it() {
        let mut screen = Screen::new(false);
        screen.keep(kept(false, "[1/3] Tools or people?", "Agree"), 40);
        screen.keep(
            kept(
                false,
                "[2 · at most 3] Which part of sorting it out would you most like to do?",
                "Fixing it",
            ),
            40,
        );
        screen.keep(kept(true, "Your result is settled.", "Keep answering"), 40);
        assert_eq!(
            screen.kept.iter().map(|k| k.rows).collect::<Vec<_>>(),
            [1, 3, 1]
        );
        // Esc on question 3: the notice and question 2 go.
        assert_eq!(screen.take_back(true), 4);
        assert_eq!(screen.kept.len(), 1);
        // Esc on question 2 again: question 1 goes; then nothing is left.
        assert_eq!(screen.take_back(true), 1);
        assert_eq!(screen.take_back(true), 0);
        // Esc on a settled notice takes off only the question before it.
        screen.keep(kept(false, "[1/3] Tools or people?", "Agree"), 40);
        screen.keep(kept(false, "[2/3] Tools?", "Yes"), 40);
        assert_eq!(screen.take_back(false), 1);
        assert_eq!(screen.kept.len(), 1);
    }

    #[test]
    fn a_redraw_counts_the_rows_again_at_the_new_width() {
        let mut screen = Screen::new(false);
        screen.keep(
            kept(
                false,
                "[2/3] Which part of sorting it out would you most like to do?",
                "Fixing it",
            ),
            80,
        );
        assert_eq!(screen.kept[0].rows, 1);
        let text = screen.answered(30);
        assert_eq!(screen.kept[0].rows, 3);
        assert_eq!(
            text,
            "? [2/3] Which part of sorting\n  it out would you most like\n  to do? Fixing it\n"
        );
    }
}
