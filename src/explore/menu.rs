//! The menu under the summary, drawn in place below it on crossterm: a
//! prompt, a page of entries with the cursor on one, the keys. It looks
//! like the quiz's inquire lists, but inquire's list has no key to leave
//! but Esc, and this menu is left with q as well (as the pager is). When it
//! is answered or left it erases itself, so the screen keeps only what the
//! student chose to see.
//!
//! [`MenuState`] is the cursor and the drawing, without a terminal;
//! [`choose`] drives it.

use std::io::{self, Write};

use super::{Choice, Menu};

/// A key, as the menu understands it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Open,
    Leave,
    Interrupt,
}

/// Where the cursor is and which page of entries shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuState {
    cursor: usize,
    top: usize,
}

impl MenuState {
    pub fn new(menu: &Menu<'_>) -> MenuState {
        let mut state = MenuState {
            cursor: menu.cursor.min(menu.entries.len().saturating_sub(1)),
            top: 0,
        };
        state.scroll(menu);
        state
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn page(menu: &Menu<'_>) -> usize {
        menu.page_size.clamp(1, menu.entries.len().max(1))
    }

    /// Keeps the cursor's entry on the page.
    fn scroll(&mut self, menu: &Menu<'_>) {
        let page = MenuState::page(menu);
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + page {
            self.top = self.cursor + 1 - page;
        }
    }

    /// Moves for `key`; `Some` when the menu is answered or left.
    pub fn press(&mut self, key: Key, menu: &Menu<'_>) -> Option<Choice> {
        let n = menu.entries.len();
        if n == 0 {
            return Some(Choice::Leave);
        }
        let page = MenuState::page(menu);
        self.cursor = match key {
            // Round from either end, as the quiz's lists go.
            Key::Up => (self.cursor + n - 1) % n,
            Key::Down => (self.cursor + 1) % n,
            Key::PageUp => self.cursor.saturating_sub(page),
            Key::PageDown => (self.cursor + page).min(n - 1),
            Key::First => 0,
            Key::Last => n - 1,
            Key::Open => return Some(Choice::Picked(self.cursor)),
            Key::Leave => return Some(Choice::Leave),
            Key::Interrupt => return Some(Choice::Interrupted),
        };
        self.scroll(menu);
        None
    }

    /// The menu's rows, each cut to fit in `columns` without reaching the
    /// last column: the prompt, a page of entries (`>` on the cursor's),
    /// the keys in brackets.
    pub fn frame(&self, menu: &Menu<'_>, columns: u16) -> Vec<Row> {
        let fits = usize::from(columns).saturating_sub(1).max(1);
        let cut = |text: String| -> String {
            if text.chars().count() <= fits {
                text
            } else {
                crate::report::truncate(&text, fits)
            }
        };
        let mut rows = vec![Row::Prompt(cut(format!("? {}", menu.prompt)))];
        let page = MenuState::page(menu);
        for (i, entry) in menu.entries.iter().enumerate().skip(self.top).take(page) {
            rows.push(if i == self.cursor {
                Row::Chosen(cut(format!("> {entry}")))
            } else {
                Row::Entry(cut(format!("  {entry}")))
            });
        }
        rows.push(Row::Help(cut(format!("[{}]", menu.help))));
        rows
    }
}

/// One row of the menu, by what it is (for its style).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Prompt(String),
    Entry(String),
    Chosen(String),
    Help(String),
}

impl Row {
    fn text(&self) -> &str {
        match self {
            Row::Prompt(t) | Row::Entry(t) | Row::Chosen(t) | Row::Help(t) => t,
        }
    }
}

/// The menu's key for a terminal key, if it has one.
fn key_of(event: &crossterm::event::KeyEvent) -> Option<Key> {
    use crossterm::event::{KeyCode, KeyModifiers};
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char('c') if ctrl => Key::Interrupt,
        KeyCode::Char('p') if ctrl => Key::Up,
        KeyCode::Char('n') if ctrl => Key::Down,
        KeyCode::Up | KeyCode::Char('k') => Key::Up,
        KeyCode::Down | KeyCode::Char('j') => Key::Down,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::First,
        KeyCode::End => Key::Last,
        KeyCode::Enter => Key::Open,
        KeyCode::Esc | KeyCode::Char('q' | 'Q') => Key::Leave,
        _ => return None,
    })
}

/// Puts the terminal back however the menu ends.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = crossterm::execute!(io::stderr(), crossterm::cursor::Show);
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// Draws `menu` below what is on the screen (on standard error, as the
/// quiz's prompts are) and waits for the student's choice; the menu is
/// erased before this returns, the cursor where its first row was. A
/// terminal that cannot be read counts as Ctrl-C.
pub fn choose(menu: &Menu<'_>, color: bool) -> Choice {
    use crossterm::event::{self, Event, KeyEventKind};
    let mut out = io::stderr();
    let mut state = MenuState::new(menu);
    if crossterm::terminal::enable_raw_mode().is_err() {
        return Choice::Interrupted;
    }
    let _restore = Restore;
    let _ = crossterm::execute!(out, crossterm::cursor::Hide);
    let mut drawn = 0;
    let chosen = loop {
        let columns = crate::wrap::terminal_size().map_or(crate::wrap::DEFAULT_COLUMNS, |s| s.0);
        let frame = state.frame(menu, columns);
        match redraw(&mut out, drawn, &frame, color) {
            Ok(()) => drawn = frame.len(),
            Err(_) => break Choice::Interrupted,
        }
        let key = match event::read() {
            Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => key_of(&key),
            Ok(_) => None,
            Err(_) => break Choice::Interrupted,
        };
        if let Some(key) = key
            && let Some(chosen) = state.press(key, menu)
        {
            break chosen;
        }
    };
    let _ = redraw(&mut out, drawn, &[], color);
    chosen
}

/// Erases the `drawn` rows above and including the cursor's, then draws
/// `frame` in their place, leaving the cursor on its last row (or, for an
/// empty frame, where the first row was).
fn redraw(out: &mut impl Write, drawn: usize, frame: &[Row], color: bool) -> io::Result<()> {
    use crossterm::style::{Attribute, Color, Print, SetAttribute, SetForegroundColor};
    use crossterm::{cursor, queue, terminal};
    queue!(out, cursor::MoveToColumn(0))?;
    if drawn > 1 {
        queue!(
            out,
            cursor::MoveUp(u16::try_from(drawn - 1).unwrap_or(u16::MAX))
        )?;
    }
    queue!(out, terminal::Clear(terminal::ClearType::FromCursorDown))?;
    for (i, row) in frame.iter().enumerate() {
        if i > 0 {
            queue!(out, Print("\r\n"))?;
        }
        let style = match row {
            Row::Chosen(_) if color => Some((Color::Cyan, Attribute::Bold)),
            Row::Prompt(_) if color => Some((Color::Reset, Attribute::Bold)),
            Row::Help(_) if color => Some((Color::DarkCyan, Attribute::NormalIntensity)),
            _ => None,
        };
        match style {
            Some((colour, attribute)) => queue!(
                out,
                SetForegroundColor(colour),
                SetAttribute(attribute),
                Print(row.text()),
                SetAttribute(Attribute::Reset),
            )?,
            None => queue!(out, Print(row.text()))?,
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn menu(cursor: usize, page_size: usize) -> Menu<'static> {
        Menu {
            prompt: "What would you like to see?",
            entries: vec!["One", "Two", "Three", "Four", "Five"],
            page_size,
            cursor,
            help: "↑↓ move, Enter opens, q or Esc leaves",
        }
    }

    fn texts(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(Row::text).collect()
    }

    #[test]
    fn the_cursor_moves_round_and_a_page_follows_it() {
        let menu = menu(0, 3);
        let mut state = MenuState::new(&menu);
        assert_eq!(
            texts(&state.frame(&menu, 80)),
            [
                "? What would you like to see?",
                "> One",
                "  Two",
                "  Three",
                "[↑↓ move, Enter opens, q or Esc leaves]"
            ]
        );
        state.press(Key::Up, &menu);
        assert_eq!(state.cursor(), 4, "round from the top");
        assert_eq!(
            texts(&state.frame(&menu, 80))[1..4],
            ["  Three", "  Four", "> Five"]
        );
        state.press(Key::Down, &menu);
        assert_eq!(state.cursor(), 0);
        state.press(Key::PageDown, &menu);
        assert_eq!(state.cursor(), 3);
        state.press(Key::PageDown, &menu);
        assert_eq!(state.cursor(), 4);
        state.press(Key::PageUp, &menu);
        assert_eq!(state.cursor(), 1);
        state.press(Key::Last, &menu);
        state.press(Key::First, &menu);
        assert_eq!(texts(&state.frame(&menu, 80))[1], "> One");
    }

    #[test]
    fn enter_opens_and_q_esc_and_ctrl_c_leave() {
        let menu = menu(2, 5);
        let mut state = MenuState::new(&menu);
        assert_eq!(state.press(Key::Open, &menu), Some(Choice::Picked(2)));
        assert_eq!(state.press(Key::Leave, &menu), Some(Choice::Leave));
        assert_eq!(
            state.press(Key::Interrupt, &menu),
            Some(Choice::Interrupted)
        );
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let key = |code| key_of(&KeyEvent::new(code, KeyModifiers::NONE));
        assert_eq!(key(KeyCode::Char('q')), Some(Key::Leave));
        assert_eq!(key(KeyCode::Esc), Some(Key::Leave));
        assert_eq!(key(KeyCode::Enter), Some(Key::Open));
        assert_eq!(key(KeyCode::Char('x')), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(key_of(&ctrl_c), Some(Key::Interrupt));
    }

    #[test]
    fn a_narrow_window_cuts_rows_short_of_its_edge_and_the_cursor_starts_in_range() {
        let menu = menu(9, 2);
        let state = MenuState::new(&menu);
        assert_eq!(state.cursor(), 4);
        let rows = state.frame(&menu, 20);
        assert_eq!(rows.len(), 4);
        assert!(
            rows.iter().all(|r| r.text().chars().count() < 20),
            "{rows:?}"
        );
        assert_eq!(rows[0].text(), "? What would you l…");
    }

    #[test]
    fn drawing_again_goes_back_over_the_rows_drawn() {
        let menu = menu(0, 5);
        let frame = MenuState::new(&menu).frame(&menu, 80);
        let mut out = Vec::new();
        redraw(&mut out, 7, &frame, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        // Column 1, up 6 rows, clear below, then 7 rows, 6 row breaks.
        assert!(
            text.starts_with("\u{1b}[1G\u{1b}[6A\u{1b}[J? What"),
            "{text:?}"
        );
        assert_eq!(text.matches("\r\n").count(), 6);
        let mut out = Vec::new();
        redraw(&mut out, 1, &[], false).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "\u{1b}[1G\u{1b}[J");
    }
}
