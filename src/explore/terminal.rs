//! The real [`Screen`]: the summary and short sections written to standard
//! output, the [`menu`](super::menu) on standard error (as the quiz's
//! questions are), long sections in the [`pager`](super::pager).

use std::io::{self, Write};

use super::{Choice, Menu, Paged, Screen};

pub struct TerminalScreen {
    color: bool,
}

impl TerminalScreen {
    /// `color` is decided by the caller (`--color`, `NO_COLOR`, terminal).
    pub fn new(color: bool) -> Self {
        TerminalScreen { color }
    }
}

impl Screen for TerminalScreen {
    fn size(&self) -> (u16, u16) {
        crate::wrap::terminal_size().unwrap_or((crate::wrap::DEFAULT_COLUMNS, 24))
    }

    fn print(&mut self, lines: &[String]) -> io::Result<()> {
        let mut out = io::stdout().lock();
        for line in lines {
            writeln!(out, "{line}")?;
        }
        out.flush()
    }

    fn choose(&mut self, menu: &Menu<'_>) -> Choice {
        super::menu::choose(menu, self.color)
    }

    fn page(&mut self, title: &str, render: &dyn Fn(usize) -> Vec<String>) -> Paged {
        super::pager::run(title, render)
    }
}
