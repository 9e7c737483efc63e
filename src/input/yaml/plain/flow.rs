//! The one-line parts of the plain subset: flow mappings and lists
//! (`{ id: a, scores: { x: 1 } }`, `[a, b]`) and quoted scalars, in a block
//! or inside a flow. Anything spread over more lines is left to serde_yaml.

use std::borrow::Cow;

use super::{Event, Keys, Parser, Sink, Style};

impl<'a, S: Sink<'a>> Parser<'a, '_, S> {
    /// A one-line quoted scalar starting at `self.pos`.
    pub(super) fn quoted(&mut self) -> Option<Cow<'a, str>> {
        let quote = self.bytes[self.pos];
        let start = self.pos + 1;
        let end = self.line_end(start);
        let mut owned: Option<String> = None;
        let mut run = start;
        let mut at = start;
        loop {
            let b = *self.bytes[..end].get(at)?;
            if b == quote {
                if quote == b'\'' && self.byte(at + 1) == b'\'' {
                    let buffer = owned.get_or_insert_with(String::new);
                    buffer.push_str(&self.text[run..=at]);
                    at += 2;
                    run = at;
                    continue;
                }
                break;
            }
            if quote == b'"' && b == b'\\' {
                let buffer = owned.get_or_insert_with(String::new);
                buffer.push_str(&self.text[run..at]);
                let (c, width) = self.escape(at + 1, end)?;
                buffer.push(c);
                at += 1 + width;
                run = at;
                continue;
            }
            at += 1;
        }
        self.pos = at + 1;
        Some(match owned {
            Some(mut buffer) => {
                buffer.push_str(&self.text[run..at]);
                Cow::Owned(buffer)
            }
            None => Cow::Borrowed(&self.text[start..at]),
        })
    }

    /// The character a double-quoted escape at `at` (after the `\`) writes,
    /// and the bytes it takes; the rarer escapes are left to serde_yaml.
    fn escape(&self, at: usize, end: usize) -> Option<(char, usize)> {
        let c = match *self.bytes[..end].get(at)? {
            b'\\' => '\\',
            b'"' => '"',
            b'/' => '/',
            b'n' => '\n',
            b't' => '\t',
            b'u' => {
                let hex = self.text.get(at + 1..at + 5)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                return Some((char::from_u32(u32::from_str_radix(hex, 16).ok()?)?, 5));
            }
            _ => return None,
        };
        Some((c, 1))
    }

    fn skip_spaces(&mut self) {
        while self.byte(self.pos) == b' ' {
            self.pos += 1;
        }
    }

    /// A flow mapping, flow list or scalar in a flow, on one line.
    pub(super) fn flow_node(&mut self) -> Option<()> {
        match self.byte(self.pos) {
            b'{' => self.nested(Self::flow_mapping),
            b'[' => self.nested(Self::flow_list),
            _ => {
                let at = self.pos;
                let scalar = self.flow_scalar(false)?;
                self.push(scalar, at)
            }
        }
    }

    /// `{ key: value, … }`, at its `{`.
    fn flow_mapping(&mut self) -> Option<()> {
        self.push(Event::MapStart, self.pos)?;
        self.pos += 1;
        let mut keys = Keys::default();
        self.flow_items(b'}', |parser| {
            let at = parser.pos;
            let key = parser.flow_scalar(true)?;
            if let Event::Scalar(key, _) = &key {
                keys.insert(key.clone())?;
            }
            parser.push(key, at)?;
            parser.skip_spaces();
            if parser.byte(parser.pos) != b':' || parser.byte(parser.pos + 1) != b' ' {
                return None;
            }
            parser.pos += 1;
            parser.skip_spaces();
            if matches!(parser.byte(parser.pos), b',' | b'}') {
                // Where yaml-rust2 marks it is not known.
                parser.unsure(true)?;
                let at = parser.pos;
                parser.push(Event::Scalar(Cow::Borrowed(""), Style::Plain), at)
            } else {
                parser.flow_node()
            }
        })?;
        self.push(Event::MapEnd, self.pos)
    }

    /// `[ item, … ]`, at its `[`.
    fn flow_list(&mut self) -> Option<()> {
        self.push(Event::SeqStart, self.pos)?;
        self.pos += 1;
        self.flow_items(b']', Self::flow_node)?;
        self.push(Event::SeqEnd, self.pos)
    }

    /// The comma-separated items of a flow collection up to `close`.
    fn flow_items(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        self.skip_spaces();
        if self.byte(self.pos) == close {
            self.pos += 1;
            return Some(());
        }
        loop {
            self.skip_spaces();
            item(self)?;
            self.skip_spaces();
            match self.byte(self.pos) {
                b',' => {
                    self.pos += 1;
                    self.skip_spaces();
                    if self.byte(self.pos) == close {
                        return None;
                    }
                }
                b if b == close => {
                    self.pos += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A quoted or plain scalar inside a flow; a plain one ends at `,`, `]`,
    /// `}`, or at `: ` when it is a key.
    fn flow_scalar(&mut self, key: bool) -> Option<Event<'a>> {
        let first = self.byte(self.pos);
        if first == b'"' || first == b'\'' {
            return Some(Event::Scalar(self.quoted()?, Style::Written));
        }
        if !self.may_start_plain(self.pos) {
            return None;
        }
        let start = self.pos;
        loop {
            match self.byte(self.pos) {
                b',' | b']' | b'}' => break,
                b':' if key && self.byte(self.pos + 1) == b' ' => break,
                b':' | b'[' | b'{' | b'\n' => return None,
                b'#' if self.bytes[self.pos - 1] == b' ' => return None,
                _ => self.pos += 1,
            }
        }
        let text = self.text[start..self.pos].trim_end_matches(' ');
        Some(Event::Scalar(Cow::Borrowed(text), Style::Plain))
    }
}
