//! A fast reader for the plain YAML banks are written in: block mappings
//! and lists, one-line flow mappings and lists, one-line quoted texts, and
//! `|` / `>` block texts. `serde_yaml` (libyaml) spends about 450 instructions
//! a byte; this reads the same documents in one pass over the lines. It
//! gives up (`None`) on anything outside that subset or anything it is not
//! sure of — tabs, a CR that is not part of a CR LF, anchors, tags,
//! multi-line plain or quoted texts, duplicate keys, a document marker — and
//! the caller then reads the text with `serde_yaml`, so a document is never
//! read differently: the tests compare both readers on every bank and on
//! generated documents. Its events also place problems
//! (`crate::input::locate`), marked where yaml-rust2 marks them.

mod de;
mod flow;

use std::borrow::Cow;
use std::collections::HashSet;

use serde::de::DeserializeOwned;

/// Deeper nesting than this is left to `serde_yaml`: banks need about 6.
const MAX_DEPTH: usize = 48;

/// Longer keys are left to `serde_yaml` (YAML caps implicit keys at 1024).
const MAX_KEY: usize = 1000;

/// Reads `T` from `text` when the text is in the plain subset and reads
/// into `T` without any problem; `None` otherwise.
pub(super) fn read<T: DeserializeOwned>(text: &str) -> Option<T> {
    let text = with_lf(text)?;
    let events = events(&text)?;
    de::read(&events)
}

/// `text` with Windows line ends (CR LF) made LF, as YAML reads them: the
/// lines and columns of everything else stay the same. `None` for a CR
/// alone, which the subset leaves to serde_yaml.
pub(in crate::input) fn with_lf(text: &str) -> Option<Cow<'_, str>> {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return Some(Cow::Borrowed(text));
    }
    let lf = text.replace("\r\n", "\n");
    (memchr::memchr(b'\r', lf.as_bytes()).is_none()).then_some(Cow::Owned(lf))
}

/// One step of a document, as libyaml reports it.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::input) enum Event<'a> {
    Scalar(Cow<'a, str>, Style),
    SeqStart,
    SeqEnd,
    MapStart,
    MapEnd,
}

/// Whether a scalar was written plain: only plain scalars can be numbers or
/// null (there are no tags in the subset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::input) enum Style {
    Plain,
    Written,
}

/// A line that holds something: not blank, not only a comment.
#[derive(Debug, Clone, Copy)]
struct Line {
    indent: usize,
    /// The first byte after the indentation.
    content: usize,
    /// The `\n` that ends the line, or the end of the text.
    end: usize,
}

/// Where the plain reader's events go, one by one.
pub(in crate::input) trait Sink<'a> {
    /// Takes the next event, with the byte offset where yaml-rust2 marks it
    /// (a block mapping at its first key, an empty value at the next
    /// token); `false` stops the reading.
    fn event(&mut self, event: Event<'a>, at: usize) -> bool;

    /// The next mark may not be where yaml-rust2 puts it; `false` stops
    /// the reading.
    fn unsure(&mut self) -> bool;
}

/// The events of a document, for reading it into a type.
struct Collect<'a>(Vec<Event<'a>>);

impl<'a> Sink<'a> for Collect<'a> {
    fn event(&mut self, event: Event<'a>, _: usize) -> bool {
        self.0.push(event);
        true
    }

    fn unsure(&mut self) -> bool {
        true
    }
}

/// The document's events, or `None` when it is not in the subset.
fn events(text: &str) -> Option<Vec<Event<'_>>> {
    let mut events = Collect(Vec::with_capacity(text.len() / 8));
    stream(text, &mut events).then_some(events.0)
}

/// Reads `text` into `sink`: `true` when all of it was read, `false` when
/// the text is not in the subset or the sink stopped the reading.
pub(in crate::input) fn stream<'a>(text: &'a str, sink: &mut impl Sink<'a>) -> bool {
    if !plain_bytes(text.as_bytes()) {
        return false;
    }
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        sink,
        depth: 0,
    };
    let mut read = || -> Option<()> {
        let first = parser.line_from(0)?;
        parser.block_node(first)?;
        parser.line_from(parser.pos).is_none().then_some(())
    };
    read().is_some()
}

/// No byte or line the subset leaves to `serde_yaml`: tabs, CRs (CR LF
/// line ends are made LF before, by [`with_lf`]), a byte
/// order mark, the other line breaks YAML 1.1 knows (U+0085, U+2028,
/// U+2029), and lines starting `---`, `...` or `%` (document markers and
/// directives).
fn plain_bytes(bytes: &[u8]) -> bool {
    if memchr::memchr2(b'\t', b'\r', bytes).is_some() {
        return false;
    }
    let mut at = 0;
    while let Some(found) = memchr::memchr2(0xC2, 0xE2, &bytes[at..]) {
        let i = at + found;
        let next = &bytes[i + 1..];
        if next.starts_with(&[0x85])
            || next.starts_with(&[0x80, 0xA8])
            || next.starts_with(&[0x80, 0xA9])
        {
            return false;
        }
        at = i + 1;
    }
    if memchr::memmem::find(bytes, "\u{FEFF}".as_bytes()).is_some() {
        return false;
    }
    let starts_badly = |line: &[u8]| {
        line.starts_with(b"---") || line.starts_with(b"...") || line.starts_with(b"%")
    };
    !starts_badly(bytes)
        && !memchr::memchr_iter(b'\n', bytes).any(|i| starts_badly(&bytes[i + 1..]))
}

struct Parser<'a, 's, S> {
    text: &'a str,
    bytes: &'a [u8],
    /// Where reading goes on: the start of a line, or a place inside one.
    pos: usize,
    sink: &'s mut S,
    depth: usize,
}

/// How many spaces `bytes` starts with.
fn spaces(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|&&b| b == b' ').count()
}

/// The characters a plain scalar may not start with (YAML's indicators).
fn indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

impl<'a, S: Sink<'a>> Parser<'a, '_, S> {
    fn push(&mut self, event: Event<'a>, at: usize) -> Option<()> {
        self.sink.event(event, at).then_some(())
    }

    /// Goes on only if the sink takes a mark that may be off.
    fn unsure(&mut self, unsure: bool) -> Option<()> {
        (!unsure || self.sink.unsure()).then_some(())
    }

    fn byte(&self, at: usize) -> u8 {
        self.bytes.get(at).copied().unwrap_or(b'\n')
    }

    fn line_end(&self, from: usize) -> usize {
        memchr::memchr(b'\n', &self.bytes[from.min(self.bytes.len())..])
            .map_or(self.bytes.len(), |i| from + i)
    }

    /// The next line from `from` (a line start) that holds something.
    fn line_from(&self, mut from: usize) -> Option<Line> {
        while from < self.bytes.len() {
            let end = self.line_end(from);
            let indent = spaces(&self.bytes[from..end]);
            let content = from + indent;
            if content < end && self.bytes[content] != b'#' {
                return Some(Line {
                    indent,
                    content,
                    end,
                });
            }
            from = end + 1;
        }
        None
    }

    fn is_dash(&self, line: &Line) -> bool {
        self.bytes[line.content] == b'-' && matches!(self.byte(line.content + 1), b' ' | b'\n')
    }

    /// Reads a node one level deeper; nesting past [`MAX_DEPTH`] is left
    /// to serde_yaml.
    fn nested(&mut self, read: impl FnOnce(&mut Self) -> Option<()>) -> Option<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        read(self)?;
        self.depth -= 1;
        Some(())
    }

    /// A mapping or a list that starts at `line`.
    fn block_node(&mut self, line: Line) -> Option<()> {
        self.nested(|parser| {
            if parser.is_dash(&line) {
                parser.block_list(line, false)
            } else {
                parser.block_mapping(line.indent, line.content, line.end)
            }
        })
    }

    /// Where the `:` of a plain key starting at `at` stands, if the line
    /// holds one: `key:` then a space or the line's end.
    fn key_colon(&self, at: usize, end: usize) -> Option<usize> {
        if indicator(self.bytes[at]) {
            return None;
        }
        let colon = at + memchr::memchr(b':', &self.bytes[at..end])?;
        if !matches!(self.byte(colon + 1), b' ' | b'\n') || colon - at > MAX_KEY {
            return None;
        }
        let key = &self.bytes[at..colon];
        let plain = key
            .iter()
            .all(|b| !matches!(b, b'#' | b'[' | b']' | b'{' | b'}' | b',' | b'"' | b'\''));
        (plain && !key.ends_with(b" ")).then_some(colon)
    }

    /// A block mapping whose keys stand at column `indent`, the first one
    /// at `at` on a line ending at `end`.
    fn block_mapping(&mut self, indent: usize, mut at: usize, mut end: usize) -> Option<()> {
        self.push(Event::MapStart, at)?;
        let mut keys = Keys::default();
        loop {
            let colon = self.key_colon(at, end)?;
            let key = &self.text[at..colon];
            keys.insert(Cow::Borrowed(key))?;
            self.push(Event::Scalar(Cow::Borrowed(key), Style::Plain), at)?;
            self.pos = colon + 1;
            self.value(indent, true)?;
            match self.line_from(self.pos) {
                Some(line) if line.indent == indent && !self.is_dash(&line) => {
                    at = line.content;
                    end = line.end;
                }
                Some(line) if line.indent >= indent => return None,
                _ => break,
            }
        }
        self.push(Event::MapEnd, self.pos)?;
        Some(())
    }

    /// A block list whose dashes stand at column `line.indent`; `indentless`
    /// when they stand at its parent key's column.
    fn block_list(&mut self, mut line: Line, indentless: bool) -> Option<()> {
        // yaml-rust2 marks an indentless list at its first item.
        let mut mark = line.content;
        if indentless {
            mark += 1 + spaces(&self.bytes[mark + 1..line.end]);
            self.unsure(mark == line.end)?;
        }
        self.push(Event::SeqStart, mark)?;
        let indent = line.indent;
        loop {
            self.pos = line.content + 1;
            self.value(indent, false)?;
            match self.line_from(self.pos) {
                Some(next) if next.indent == indent && self.is_dash(&next) => line = next,
                Some(next) if next.indent > indent => return None,
                _ => break,
            }
        }
        self.push(Event::SeqEnd, self.pos)?;
        Some(())
    }

    /// The value after a key's `:` or a list's `-` (at `self.pos`), whose
    /// parent stands at column `indent`. Leaves `self.pos` at the start of
    /// the line after it.
    fn value(&mut self, indent: usize, in_mapping: bool) -> Option<()> {
        let line_end = self.line_end(self.pos);
        let at = self.pos + spaces(&self.bytes[self.pos..line_end]);
        let first = self.byte(at);
        if at == line_end || first == b'#' {
            if at == self.pos && first == b'#' {
                return None;
            }
            self.pos = line_end + 1;
            return match self.line_from(self.pos) {
                Some(line) if line.indent > indent => self.block_node(line),
                Some(line) if in_mapping && line.indent == indent && self.is_dash(&line) => {
                    self.nested(|parser| parser.block_list(line, true))
                }
                // A key with nothing after it holds an empty plain scalar;
                // a dash with nothing is left to serde_yaml.
                // yaml-rust2 marks it at the next token.
                next if in_mapping => {
                    let mark = next.map_or(self.bytes.len(), |line| line.content);
                    self.unsure(next.is_none() && !self.text.ends_with('\n'))?;
                    self.push(Event::Scalar(Cow::Borrowed(""), Style::Plain), mark)?;
                    Some(())
                }
                _ => None,
            };
        }
        match first {
            b'|' | b'>' => {
                self.pos = at;
                return self.block_scalar(indent);
            }
            b'{' | b'[' => {
                self.pos = at;
                self.nested(Self::flow_node)?;
            }
            b'"' | b'\'' => {
                self.pos = at;
                let text = self.quoted()?;
                self.push(Event::Scalar(text, Style::Written), at)?;
            }
            _ if !in_mapping && self.key_colon(at, line_end).is_some() => {
                // `- key: value`: a mapping whose keys stand at this column.
                let column = at - (self.text[..at].rfind('\n').map_or(0, |i| i + 1));
                return self.nested(|parser| parser.block_mapping(column, at, line_end));
            }
            _ => {
                let text = self.block_plain(at, line_end)?;
                self.push(Event::Scalar(Cow::Borrowed(text), Style::Plain), at)?;
                self.pos = line_end;
            }
        }
        self.line_rest()
    }

    /// After a value: only spaces and a comment may follow on its line.
    fn line_rest(&mut self) -> Option<()> {
        let end = self.line_end(self.pos);
        let rest = &self.bytes[self.pos..end];
        let blank = spaces(rest);
        if blank < rest.len() && !(blank > 0 && rest[blank] == b'#') {
            return None;
        }
        self.pos = end + 1;
        Some(())
    }

    /// A one-line plain scalar in a block, from `at` to a comment or the
    /// line's end.
    fn block_plain(&self, at: usize, end: usize) -> Option<&'a str> {
        if !self.may_start_plain(at) {
            return None;
        }
        let line = &self.text[at..end];
        let line = line.find(" #").map_or(line, |i| &line[..i]);
        let text = line.trim_end_matches(' ');
        (!text.contains(": ") && !text.ends_with(':')).then_some(text)
    }

    /// A `|` or `>` block scalar, its header at `self.pos`; its lines must be
    /// indented more than `indent`.
    fn block_scalar(&mut self, indent: usize) -> Option<()> {
        let literal = self.bytes[self.pos] == b'|';
        let mut header = self.pos + 1;
        let strip = self.byte(header) == b'-';
        if strip {
            header += 1;
        }
        self.pos = header;
        if !matches!(self.byte(header), b' ' | b'\n') {
            return None;
        }
        self.line_rest()?;
        let mut value = String::new();
        let mut block_indent = None;
        let mut mark = 0;
        // Empty lines since the last content line.
        let mut empty = 0;
        let mut from = self.pos;
        while from < self.bytes.len() {
            let end = self.line_end(from);
            let line = &self.bytes[from..end];
            if line.is_empty() {
                block_indent?;
                empty += 1;
                from = end + 1;
                continue;
            }
            let spaces = spaces(line);
            if spaces == line.len() {
                return None;
            }
            // yaml-rust2 marks a block text at its first character.
            let width = *block_indent.get_or_insert_with(|| {
                mark = from + spaces;
                spaces
            });
            if width <= indent {
                return None;
            }
            if spaces < width {
                break;
            }
            if spaces > width && !literal {
                return None;
            }
            if !value.is_empty() || empty > 0 {
                if literal {
                    value.push('\n');
                    (0..empty).for_each(|_| value.push('\n'));
                } else if empty == 0 {
                    value.push(' ');
                } else {
                    (0..empty).for_each(|_| value.push('\n'));
                }
            }
            empty = 0;
            value.push_str(&self.text[from + width..end]);
            if end == self.bytes.len() {
                // The last line has no line break to keep or strip.
                return None;
            }
            from = end + 1;
        }
        block_indent?;
        if !strip {
            value.push('\n');
        }
        self.pos = from;
        self.push(Event::Scalar(Cow::Owned(value), Style::Written), mark)?;
        Some(())
    }

    /// Whether a plain scalar may start at `at`: not at an indicator,
    /// except a `-` that starts a word (`-5`, `-.inf`).
    fn may_start_plain(&self, at: usize) -> bool {
        let b = self.byte(at);
        !indicator(b)
            || b == b'-'
                && !matches!(
                    self.byte(at + 1),
                    b' ' | b'\n' | b',' | b'[' | b']' | b'{' | b'}'
                )
    }
}

/// The keys of one mapping, to leave any mapping that repeats a key to
/// serde_yaml (which reports it). A list is quicker for the few keys most
/// mappings hold; a set keeps a mapping of many keys linear.
#[derive(Default)]
struct Keys<'a> {
    few: Vec<Cow<'a, str>>,
    many: HashSet<Cow<'a, str>>,
}

impl<'a> Keys<'a> {
    const FEW: usize = 16;

    /// `None` when the mapping already has `key`.
    fn insert(&mut self, key: Cow<'a, str>) -> Option<()> {
        if self.few.len() < Self::FEW {
            if self.few.contains(&key) {
                return None;
            }
            self.few.push(key);
            return Some(());
        }
        if self.many.is_empty() {
            self.many.extend(self.few.iter().cloned());
        }
        self.many.insert(key).then_some(())
    }
}

#[cfg(test)]
mod tests;
