//! The plain [`Screen`]: the result explored in plain lines, for plain
//! mode (see [`crate::quiz::plain`]). The summary is whole, the sections
//! are a numbered list and one typed line opens one; nothing is paged or
//! redrawn, and no escape sequence is written.

use std::io::{self, BufRead, Write};

use super::{Choice, Menu, Paged, Screen};
use crate::quiz::plain::{Line, read_line};

/// How wide plain text is wrapped: a braille display or screen reader
/// reads lines as they come, and 80 columns suit a dumb terminal.
const COLUMNS: u16 = 80;
/// As tall as any summary or section: nothing is cut or paged.
const ROWS: u16 = u16::MAX;

pub struct PlainScreen<R, W> {
    input: R,
    out: W,
    columns: u16,
}

impl<R: BufRead, W: Write> PlainScreen<R, W> {
    pub fn new(input: R, out: W) -> Self {
        PlainScreen {
            input,
            out,
            columns: COLUMNS,
        }
    }

    /// Text wrapped for a terminal `columns` wide (80 without one).
    pub fn with_columns(mut self, columns: Option<u16>) -> Self {
        self.columns = columns.unwrap_or(COLUMNS);
        self
    }
}

impl<R: BufRead, W: Write> Screen for PlainScreen<R, W> {
    fn size(&self) -> (u16, u16) {
        (self.columns, ROWS)
    }

    fn print(&mut self, lines: &[String]) -> io::Result<()> {
        for line in lines {
            writeln!(self.out, "{line}")?;
        }
        self.out.flush()
    }

    fn choose(&mut self, menu: &Menu<'_>) -> Choice {
        let mut text = String::from("\n");
        for (n, entry) in menu.entries.iter().enumerate() {
            text.push_str(&format!("  {}. {entry}\n", n + 1));
        }
        text.push_str("Type a section number to read it, or press Enter to finish.");
        if writeln!(self.out, "{text}")
            .and_then(|()| self.out.flush())
            .is_err()
        {
            return Choice::Interrupted;
        }
        loop {
            let line = match read_line(&mut self.input) {
                Ok(Line::Text(line)) => line,
                Ok(Line::TooLong) => String::new(),
                Ok(Line::Ended) | Err(_) => return Choice::Leave,
            };
            let line = line.trim().to_lowercase();
            if matches!(line.as_str(), "" | "q" | "quit" | "done") {
                return Choice::Leave;
            }
            match line.parse::<usize>() {
                Ok(n) if (1..=menu.entries.len()).contains(&n) => return Choice::Picked(n - 1),
                _ => {
                    let said = writeln!(
                        self.out,
                        "Type a number from 1 to {}, or press Enter to finish.",
                        menu.entries.len()
                    );
                    if said.is_err() {
                        return Choice::Interrupted;
                    }
                }
            }
        }
    }

    fn words(&self) -> bool {
        true
    }

    fn page(&mut self, _title: &str, render: &dyn Fn(usize) -> Vec<String>) -> Paged {
        match self.print(&render(super::width(self.columns))) {
            Ok(()) => Paged::Back,
            Err(_) => Paged::Interrupted,
        }
    }
}
