//! Bank text kept apart from the HTML report's own sentences, so that a
//! Hebrew or Arabic role name (or a stray direction control) cannot reverse
//! the words and digits around it.
//!
//! [`bank`] marks every string of a bank that a report can show with a
//! first-strong isolate (U+2068 … U+2069) before the report's sentences are
//! composed; [`content`] writes a marked string as HTML with each isolate
//! as a `<bdi>` element; [`attribute`] writes one for an attribute or a
//! `<title>`, where elements cannot go, with every direction control as a
//! character reference (which still isolates, and never reaches a terminal
//! raw when the page is printed to one).

use std::fmt::Write as _;

use minijinja::HtmlEscape;

use crate::bank::{Bank, QuestionKind, Scale};
use crate::visible::is_bidi_control;

/// First-strong isolate: what follows takes its direction from its own
/// first letter.
const FSI: char = '\u{2068}';
/// Pop directional isolate: the end of one.
const PDI: char = '\u{2069}';

/// `bank` with every text a report shows wrapped in an isolate. Isolate
/// controls already in the text are dropped so that each mark pairs with
/// its own end (the bank checks refuse them anyway).
pub fn bank(bank: &Bank) -> Bank {
    let mut bank = bank.clone();
    let wrap = |s: &mut String| *s = wrapped(s);
    let wrap_facts = |facts: &mut Vec<(String, String)>| {
        for (label, text) in facts {
            wrap(label);
            wrap(text);
        }
    };
    wrap(&mut bank.title);
    bank.description.as_mut().map(wrap);
    for d in &mut bank.dimensions {
        wrap(&mut d.name);
        wrap(&mut d.low);
        wrap(&mut d.high);
    }
    for role in &mut bank.roles {
        wrap(&mut role.name);
        wrap(&mut role.summary);
        wrap_facts(&mut role.facts);
        role.examples.iter_mut().for_each(wrap);
        role.next_steps.iter_mut().for_each(wrap);
        role.source.as_mut().map(wrap);
        for s in &mut role.specialties {
            wrap(&mut s.name);
            s.summary.as_mut().map(wrap);
            wrap_facts(&mut s.facts);
            s.source.as_mut().map(wrap);
        }
    }
    // Questions on the bank's scale share its points: wrap each scale once.
    let mut scales: Vec<(Scale, Scale)> = Vec::new();
    for q in &mut bank.questions {
        wrap(&mut q.text);
        match &mut q.kind {
            QuestionKind::Likert { scale, .. } => {
                let found = scales
                    .iter()
                    .find(|(from, _)| std::sync::Arc::ptr_eq(&from.points, &scale.points));
                let marked = match found {
                    Some((_, to)) => to.clone(),
                    None => {
                        let mut points = scale.points.to_vec();
                        points.iter_mut().for_each(|p| wrap(&mut p.label));
                        let to = Scale {
                            points: points.into(),
                        };
                        scales.push((scale.clone(), to.clone()));
                        to
                    }
                };
                *scale = marked;
            }
            QuestionKind::Choice { options } | QuestionKind::Multi { options } => {
                options.iter_mut().for_each(|o| wrap(&mut o.text));
            }
            QuestionKind::Number { unit, .. } => {
                unit.as_mut().map(wrap);
            }
        }
    }
    bank
}

/// `text` in an isolate of its own.
pub fn wrapped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 6);
    out.push(FSI);
    out.extend(
        text.chars()
            .filter(|c| !matches!(c, '\u{2066}'..='\u{2069}')),
    );
    out.push(PDI);
    out
}

/// `text` as HTML element content: escaped, each isolate a `<bdi>` (with
/// `lang` when the bank's language is not the page's), every other
/// direction control a character reference. An end without a start is
/// dropped and a start without an end is closed, so the elements nest.
pub fn content(text: &str, lang: Option<&str>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut open = 0usize;
    let mut plain = String::new();
    let flush = |plain: &mut String, out: &mut String| {
        let _ = write!(out, "{}", HtmlEscape(plain));
        plain.clear();
    };
    for c in text.chars() {
        match c {
            FSI => {
                flush(&mut plain, &mut out);
                match lang {
                    Some(lang) => {
                        let _ = write!(out, "<bdi lang=\"{}\">", HtmlEscape(lang));
                    }
                    None => out.push_str("<bdi>"),
                }
                open += 1;
            }
            PDI if open > 0 => {
                flush(&mut plain, &mut out);
                out.push_str("</bdi>");
                open -= 1;
            }
            PDI => {}
            c if is_bidi_control(c) => {
                flush(&mut plain, &mut out);
                let _ = write!(out, "&#x{:X};", c as u32);
            }
            c => plain.push(c),
        }
    }
    flush(&mut plain, &mut out);
    for _ in 0..open {
        out.push_str("</bdi>");
    }
    out
}

/// `text` for an attribute value or a `<title>`: escaped, every direction
/// control (the isolates included) a character reference.
pub fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for piece in text.split_inclusive(is_bidi_control) {
        let (body, control) = match piece.chars().last() {
            Some(c) if is_bidi_control(c) => (&piece[..piece.len() - c.len_utf8()], Some(c)),
            _ => (piece, None),
        };
        let _ = write!(out, "{}", HtmlEscape(body));
        if let Some(c) = control {
            let _ = write!(out, "&#x{:X};", c as u32);
        }
    }
    out
}

/// `text` without its isolate marks, for measuring and comparing.
pub fn unmarked(text: &str) -> String {
    text.chars().filter(|&c| c != FSI && c != PDI).collect()
}

#[cfg(test)]
mod tests {
    use super::{attribute, content, wrapped};

    #[test]
    fn marked_text_becomes_bdi_elements_and_is_escaped() {
        let name = wrapped("<b>\"Ma\u{202e}ker\"</b>");
        let sentence = format!("{name} fits you best: 81%");
        assert_eq!(
            content(&sentence, None),
            "<bdi>&lt;b&gt;&quot;Ma&#x202E;ker&quot;&lt;&#x2f;b&gt;</bdi> fits you best: 81%"
        );
        assert_eq!(
            content(&name, Some("he")),
            "<bdi lang=\"he\">&lt;b&gt;&quot;Ma&#x202E;ker&quot;&lt;&#x2f;b&gt;</bdi>"
        );
    }

    #[test]
    fn isolates_in_the_bank_text_cannot_end_ours_early() {
        // A PDI in the text itself would close the isolate before the
        // override; it is dropped when the text is marked.
        let name = wrapped("a\u{2069}\u{202e}b\u{2066}");
        assert_eq!(content(&name, None), "<bdi>a&#x202E;b</bdi>");
        // Unbalanced marks still give balanced elements.
        assert_eq!(content("\u{2069}x\u{2068}y", None), "x<bdi>y</bdi>");
    }

    #[test]
    fn attributes_get_character_references_for_every_direction_control() {
        let text = format!("{} – 81%", wrapped("\"Ma\u{202e}ker\""));
        let out = attribute(&text);
        assert_eq!(out, "&#x2068;&quot;Ma&#x202E;ker&quot;&#x2069; – 81%");
        assert!(!out.chars().any(crate::visible::is_bidi_control));
    }
}
