//! The real [`Screen`]: the summary and short sections written to standard
//! output, the menu an inquire list on standard error (as the quiz's
//! questions are), long sections in the [`pager`](super::pager).
//!
//! inquire leaves the answered menu line on the screen; it is erased, so
//! going in and out of sections leaves the screen as it was: the summary
//! and the menu.

use std::io::{self, Write};

use inquire::error::InquireError;
use inquire::ui::RenderConfig;
use inquire::{Select, list_option::ListOption};

use super::{Choice, Menu, Paged, Screen};

pub struct TerminalScreen {
    render: RenderConfig<'static>,
}

impl TerminalScreen {
    /// `color` is decided by the caller (`--color`, `NO_COLOR`, terminal).
    pub fn new(color: bool) -> Self {
        TerminalScreen {
            render: if color {
                RenderConfig::default_colored()
            } else {
                RenderConfig::empty()
            },
        }
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
        let chosen = Select::new(menu.prompt, menu.entries.clone())
            .with_help_message(menu.help)
            .with_render_config(self.render)
            .with_page_size(menu.page_size.max(1))
            .with_starting_cursor(menu.cursor.min(menu.entries.len().saturating_sub(1)))
            .without_filtering()
            // The answered line says no more than the prompt: it is erased.
            .with_formatter(&|_: ListOption<&&str>| String::new())
            .raw_prompt();
        erase_answered_line();
        match chosen {
            Ok(option) => Choice::Picked(option.index),
            Err(InquireError::OperationCanceled) => Choice::Leave,
            Err(_) => Choice::Interrupted,
        }
    }

    fn page(&mut self, title: &str, render: &dyn Fn(usize) -> Vec<String>) -> Paged {
        super::pager::run(title, render)
    }
}

/// Removes the line inquire leaves once a list is answered or left (the
/// prompt, then the answer or its "canceled" note), one row above the
/// cursor.
fn erase_answered_line() {
    use crossterm::{cursor, terminal};
    let mut err = io::stderr();
    let _ = crossterm::execute!(
        err,
        cursor::MoveToPreviousLine(1),
        terminal::Clear(terminal::ClearType::FromCursorDown)
    );
}
