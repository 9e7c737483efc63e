//! Text from others made safe to show a person. Banks, answers, CSV cells and
//! session files are written by someone else; a raw escape, bell or bidi
//! override in them could clear the screen, retitle the window, hide text or
//! reverse pathfit's own sentence. Every text a person reads (terminal,
//! stderr, Markdown) passes through [`visible`]; short quotes of a cell in an
//! error pass through [`excerpt`].

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

/// The longest quote of someone else's text in a message, in characters.
pub const EXCERPT_CHARS: usize = 40;

/// Whether `c` must never reach a terminal as it is: C0 and C1 control
/// characters and DEL (but not a newline or tab, which [`visible`] keeps),
/// and the invisible bidi embeddings, overrides and isolates that reorder
/// text around them.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// The bidi embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069) and the Arabic letter mark (U+061C).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
}

/// The first character of `text` that [`is_hidden`], with its char index.
pub fn first_hidden(text: &str) -> Option<(usize, char)> {
    text.chars().enumerate().find(|&(_, c)| is_hidden(c))
}

/// `text` with every [`is_hidden`] character written as a visible escape
/// (`\u{1b}`); newlines and tabs stay. Borrowed when nothing needed escaping,
/// which is nearly always.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_char(&mut out, c, false);
    }
    Cow::Owned(out)
}

/// A short, one-line, escaped quote of `text` for a message: at most
/// [`EXCERPT_CHARS`] characters of it, then "…", with newlines and tabs
/// escaped too, so a 1 MB cell costs a message a few dozen bytes.
pub fn excerpt(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == EXCERPT_CHARS {
            out.push('…');
            break;
        }
        push_char(&mut out, c, true);
    }
    out
}

fn push_char(out: &mut String, c: char, inline: bool) {
    match c {
        '\n' if inline => out.push_str("\\n"),
        '\t' if inline => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        c if is_hidden(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// A writer that passes text through [`visible`], for report formats that
/// build their output piece by piece. The colour and bold sequences a report
/// writes itself (SGR: `ESC [ digits ; … m`) pass unchanged; they only
/// style text. Any other escape, and any other hidden character, is shown.
pub struct Guard<W> {
    inner: W,
}

impl<W: io::Write> Guard<W> {
    pub fn new(inner: W) -> Self {
        Guard { inner }
    }
}

impl<W: io::Write> io::Write for Guard<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        if !text.chars().any(is_hidden) {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        let mut out = String::with_capacity(text.len() + 8);
        let mut rest = text.as_ref();
        while let Some(c) = rest.chars().next() {
            if let Some(len) = sgr_len(rest) {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
            push_char(&mut out, c, false);
            rest = &rest[c.len_utf8()..];
        }
        self.inner.write_all(out.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The length of a Select Graphic Rendition sequence at the start of `text`.
fn sgr_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix("\u{1b}[")?;
    let params = body
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    (body.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bells_become_visible_and_plain_text_is_borrowed() {
        let hostile = "Tools\u{1b}[2J\u{1b}]0;TITLE\u{7} or people?";
        assert_eq!(
            visible(hostile),
            "Tools\\u{1b}[2J\\u{1b}]0;TITLE\\u{7} or people?"
        );
        assert!(matches!(visible("Plain\ttext\n"), Cow::Borrowed(_)));
        assert_eq!(
            visible("a\u{202e}b\u{9b}c\u{7f}"),
            "a\\u{202e}b\\u{9b}c\\u{7f}"
        );
        assert_eq!(visible("a\rb"), "a\\rb");
    }

    #[test]
    fn excerpts_are_short_single_lines() {
        let cell = "a;".repeat(500_000);
        let quoted = excerpt(&cell);
        assert_eq!(quoted.chars().count(), EXCERPT_CHARS + 1);
        assert!(quoted.ends_with('…'));
        assert_eq!(excerpt("one\ntwo\t\u{1b}"), "one\\ntwo\\t\\u{1b}");
        assert_eq!(excerpt("short"), "short");
    }

    #[test]
    fn the_guard_keeps_styling_and_shows_every_other_escape() {
        use std::io::Write as _;
        let mut out = Vec::new();
        let mut guard = Guard::new(&mut out);
        write!(guard, "\u{1b}[1;32mBold\u{1b}[0m and \u{1b}[m, ").unwrap();
        write!(guard, "Tools\u{1b}[2J\u{1b}]0;T\u{7} \u{202e}x\u{1b}").unwrap();
        let shown = String::from_utf8(out).unwrap();
        assert_eq!(
            shown,
            "\u{1b}[1;32mBold\u{1b}[0m and \u{1b}[m, \
             Tools\\u{1b}[2J\\u{1b}]0;T\\u{7} \\u{202e}x\\u{1b}"
        );
    }

    #[test]
    fn finds_the_first_hidden_character() {
        assert_eq!(first_hidden("ab\u{7}c"), Some((2, '\u{7}')));
        assert_eq!(first_hidden("line\nnext\tcol"), None);
    }
}
