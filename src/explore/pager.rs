//! A small pager for a section longer than the screen: the section on the
//! terminal's alternate screen a page at a time, a status line saying where
//! it is and which keys move, drawn again at the new width after a resize.
//! Space or PgDn goes a page on, b or PgUp a page back, ↑↓ a line, Home and
//! End to either end, q or Esc back to the menu; Ctrl-C leaves.
//!
//! Written here on crossterm (already a dependency) rather than taken from a
//! pager crate: `minus`, the one well kept, brings its own threads and
//! event loop and quits on its own keys, where this needs exactly q/Esc
//! back to a menu and Ctrl-C out, a re-wrap on resize, and the terminal put
//! back however it ends (raw mode and the alternate screen are undone by a
//! guard, on every return and on a panic).
//!
//! [`Pager`] is the state and the drawing, without a terminal, so it is
//! tested directly; [`run`] drives it.

use std::io::{self, Write};

use super::Paged;

/// A key, as the pager understands it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    LineDown,
    LineUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Back,
    Interrupt,
}

/// The lines of a section and how far down they are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    lines: Vec<String>,
    top: usize,
}

impl Pager {
    /// `lines` for a terminal `columns` wide: a line that cannot be wrapped
    /// at a space (a long web address) is cut into pieces one column short
    /// of the edge, so the terminal never wraps a row itself and the pages
    /// stay the height they are counted as.
    pub fn new(lines: Vec<String>, columns: u16) -> Pager {
        let mut pager = Pager {
            lines: Vec::new(),
            top: 0,
        };
        pager.set_lines(lines, columns);
        pager
    }

    /// New lines (after a resize), keeping the top line in range.
    pub fn set_lines(&mut self, lines: Vec<String>, columns: u16) {
        let fits = usize::from(columns).saturating_sub(1).max(1);
        self.lines = lines
            .into_iter()
            .flat_map(|line| {
                if textwrap::core::display_width(&line) <= fits {
                    vec![line]
                } else {
                    textwrap::wrap(&line, textwrap::Options::new(fits).break_words(true))
                        .into_iter()
                        .map(|l| l.into_owned())
                        .collect()
                }
            })
            .collect();
        // Kept on a line that still exists; [`Pager::press`] and
        // [`Pager::frame`] keep a page full.
        self.top = self.top.min(self.lines.len().saturating_sub(1));
    }

    /// Rows for text in a terminal `rows` high: all but the status line.
    fn body(rows: u16) -> usize {
        usize::from(rows).saturating_sub(1).max(1)
    }

    /// The furthest the top line can go with `body` rows of text.
    fn last_top(&self, body: usize) -> usize {
        self.lines.len().saturating_sub(body.min(self.lines.len()))
    }

    pub fn top(&self) -> usize {
        self.top
    }

    /// Moves for `key` in a terminal `rows` high; `Some` when the pager
    /// is left.
    pub fn press(&mut self, key: Key, rows: u16) -> Option<Paged> {
        let body = Pager::body(rows);
        let last = self.last_top(body);
        self.top = self.top.min(last);
        self.top = match key {
            Key::LineDown => (self.top + 1).min(last),
            Key::LineUp => self.top.saturating_sub(1),
            Key::PageDown => (self.top + body).min(last),
            Key::PageUp => self.top.saturating_sub(body),
            Key::Top => 0,
            Key::Bottom => last,
            Key::Back => return Some(Paged::Back),
            Key::Interrupt => return Some(Paged::Interrupted),
        };
        None
    }

    /// The rows of the screen: a page of text, then the status line.
    pub fn frame(&self, title: &str, columns: u16, rows: u16) -> Vec<String> {
        let body = Pager::body(rows);
        let top = self.top.min(self.last_top(body));
        let mut frame: Vec<String> = self.lines.iter().skip(top).take(body).cloned().collect();
        frame.resize(body, String::new());
        frame.push(self.status(title, columns, top, body));
        frame
    }

    /// Where the page is and the keys, as long as fits in `columns`.
    fn status(&self, title: &str, columns: u16, top: usize, body: usize) -> String {
        let n = self.lines.len();
        let (first, last) = (top + 1, (top + body).min(n));
        let end = if last >= n { " (end)" } else { "" };
        let fits = usize::from(columns).saturating_sub(1);
        [
            format!(
                "{title} · {first}–{last} of {n}{end} · Space/PgDn next, b/PgUp back, ↑↓, q/Esc menu"
            ),
            format!("{title} · {first}–{last} of {n}{end} · Space next, b back, ↑↓, q menu"),
            format!("{first}–{last} of {n}{end} · Space next, b back, q menu"),
            format!("{first}–{last}/{n} Space b q"),
        ]
        .into_iter()
        .find(|s| s.chars().count() <= fits)
        .unwrap_or_else(|| "q: menu".chars().take(fits).collect())
    }
}

/// The pager's key for a terminal key, if it has one.
fn key_of(event: &crossterm::event::KeyEvent) -> Option<Key> {
    use crossterm::event::{KeyCode, KeyModifiers};
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char('c') if ctrl => Key::Interrupt,
        KeyCode::Char('f') if ctrl => Key::PageDown,
        KeyCode::Char('b') if ctrl => Key::PageUp,
        KeyCode::Char(' ' | 'f') | KeyCode::PageDown => Key::PageDown,
        KeyCode::Char('b') | KeyCode::PageUp => Key::PageUp,
        KeyCode::Down | KeyCode::Enter | KeyCode::Char('j') => Key::LineDown,
        KeyCode::Up | KeyCode::Char('k') => Key::LineUp,
        KeyCode::Home | KeyCode::Char('g') => Key::Top,
        KeyCode::End | KeyCode::Char('G') => Key::Bottom,
        KeyCode::Char('q' | 'Q') | KeyCode::Esc => Key::Back,
        _ => return None,
    })
}

/// Puts the terminal back however the pager ends.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        use crossterm::{cursor, terminal};
        let mut out = io::stdout();
        let _ = crossterm::execute!(out, cursor::Show, terminal::LeaveAlternateScreen);
        let _ = terminal::disable_raw_mode();
    }
}

/// Shows `render`'s lines (drawn for the width [`super::width`] gives
/// the terminal) until the student goes back or leaves. A terminal that
/// cannot be read or written counts as leaving.
pub fn run(title: &str, render: &dyn Fn(usize) -> Vec<String>) -> Paged {
    use crossterm::event::{self, Event, KeyEventKind};
    use crossterm::{cursor, terminal};
    let (mut columns, mut rows) = crate::wrap::terminal_size().unwrap_or((80, 24));
    let mut pager = Pager::new(render(super::width(columns)), columns);
    let mut out = io::stdout();
    if terminal::enable_raw_mode().is_err() {
        return Paged::Interrupted;
    }
    let _restore = Restore;
    if crossterm::execute!(out, terminal::EnterAlternateScreen, cursor::Hide).is_err() {
        return Paged::Interrupted;
    }
    loop {
        if draw(&mut out, &pager.frame(title, columns, rows)).is_err() {
            return Paged::Interrupted;
        }
        let key = match event::read() {
            Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => key_of(&key),
            Ok(Event::Resize(c, r)) if c > 0 && r > 0 => {
                (columns, rows) = (c, r);
                pager.set_lines(render(super::width(columns)), columns);
                None
            }
            Ok(_) => None,
            Err(_) => return Paged::Interrupted,
        };
        if let Some(key) = key
            && let Some(left) = pager.press(key, rows)
        {
            return left;
        }
    }
}

/// Draws `frame` from the top left, clearing what each row held before;
/// the last row (the status line) in reverse video.
fn draw(out: &mut impl Write, frame: &[String]) -> io::Result<()> {
    use crossterm::style::{Attribute, Print, SetAttribute};
    use crossterm::{cursor, queue, terminal};
    queue!(out, cursor::MoveTo(0, 0))?;
    for (i, line) in frame.iter().enumerate() {
        if i + 1 == frame.len() {
            queue!(
                out,
                SetAttribute(Attribute::Reverse),
                Print(line),
                SetAttribute(Attribute::Reset),
                terminal::Clear(terminal::ClearType::UntilNewLine),
            )?;
        } else {
            queue!(
                out,
                Print(line),
                SetAttribute(Attribute::Reset),
                terminal::Clear(terminal::ClearType::UntilNewLine),
                Print("\r\n"),
            )?;
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("line {i}")).collect()
    }

    #[test]
    fn pages_move_by_a_screen_and_stop_at_either_end() {
        let mut pager = Pager::new(numbered(30), 40);
        // 10 rows: 9 of text and the status line.
        assert_eq!(pager.press(Key::PageDown, 10), None);
        assert_eq!(pager.top(), 9);
        pager.press(Key::PageDown, 10);
        pager.press(Key::PageDown, 10);
        assert_eq!(pager.top(), 21, "the last page is full, not one line");
        pager.press(Key::LineDown, 10);
        assert_eq!(pager.top(), 21);
        pager.press(Key::PageUp, 10);
        assert_eq!(pager.top(), 12);
        pager.press(Key::LineUp, 10);
        assert_eq!(pager.top(), 11);
        pager.press(Key::Top, 10);
        assert_eq!(pager.top(), 0);
        pager.press(Key::LineUp, 10);
        assert_eq!(pager.top(), 0);
        pager.press(Key::Bottom, 10);
        assert_eq!(pager.top(), 21);
        assert_eq!(pager.press(Key::Back, 10), Some(Paged::Back));
        assert_eq!(pager.press(Key::Interrupt, 10), Some(Paged::Interrupted));
    }

    #[test]
    fn a_frame_is_a_page_and_a_status_line_that_fits() {
        let mut pager = Pager::new(numbered(30), 80);
        let frame = pager.frame("Your scores", 80, 24);
        assert_eq!(frame.len(), 24);
        assert_eq!(frame[0], "line 1");
        assert_eq!(frame[22], "line 23");
        assert!(frame[23].starts_with("Your scores · 1–23 of 30 · Space/PgDn"));
        assert!(frame[23].contains("q/Esc menu"), "{}", frame[23]);
        pager.press(Key::Bottom, 24);
        let frame = pager.frame("Your scores", 80, 24);
        assert!(
            frame[23].contains("8–30 of 30 (end) · Space/PgDn"),
            "{}",
            frame[23]
        );
        for columns in [40, 20, 12, 5] {
            let status = &pager.frame("Your scores", columns, 12)[11];
            assert!(status.chars().count() < usize::from(columns), "{status}");
        }
        // Short of a page: blank rows below, the status still last.
        let short = Pager::new(numbered(3), 80).frame("Why", 80, 10);
        assert_eq!(short.len(), 10);
        assert_eq!(short[3], "");
    }

    #[test]
    fn a_line_too_long_to_wrap_is_cut_short_of_the_edge_and_a_resize_keeps_the_place() {
        let url = format!("  https://example.org/{}", "a".repeat(90));
        let mut pager = Pager::new(vec![url.clone(), "end".into()], 40);
        let frame = pager.frame("About", 40, 12);
        assert!(frame.iter().all(|l| l.chars().count() < 40), "{frame:?}");
        let text: String = frame[..11].concat().split_whitespace().collect();
        assert_eq!(text, format!("{}end", url.trim()));
        let mut long = Pager::new(numbered(50), 80);
        long.press(Key::Bottom, 10);
        assert_eq!(long.top(), 41);
        long.set_lines(numbered(20), 80);
        assert!(long.top() <= 20);
        long.press(Key::PageDown, 10);
        assert_eq!(long.top(), 11);
        pager.set_lines(vec![url.clone()], 120);
        let wide = pager.frame("About", 120, 5);
        assert_eq!((&wide[0], wide[1].as_str()), (&url, ""));
    }

    #[test]
    fn keys_are_the_usual_pager_keys() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let key = |code, modifiers| key_of(&KeyEvent::new(code, modifiers));
        let none = KeyModifiers::NONE;
        assert_eq!(key(KeyCode::Char(' '), none), Some(Key::PageDown));
        assert_eq!(key(KeyCode::PageDown, none), Some(Key::PageDown));
        assert_eq!(key(KeyCode::Char('b'), none), Some(Key::PageUp));
        assert_eq!(key(KeyCode::PageUp, none), Some(Key::PageUp));
        assert_eq!(key(KeyCode::Down, none), Some(Key::LineDown));
        assert_eq!(key(KeyCode::Up, none), Some(Key::LineUp));
        assert_eq!(key(KeyCode::Char('q'), none), Some(Key::Back));
        assert_eq!(key(KeyCode::Esc, none), Some(Key::Back));
        assert_eq!(
            key(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Key::Interrupt)
        );
        assert_eq!(key(KeyCode::Char('x'), none), None);
    }
}
