//! The checks of [`crate::bank::bounds`]: numbers within their sizes, lists
//! within their lengths, texts within their length and free of characters
//! that could take over a terminal. Each refusal names the place; a hidden
//! character is located at the character itself by `input::yaml::locate`.

use super::*;
use crate::input::prescan::describe_hidden;
use crate::visible::{first_hidden, is_bidi_control};

impl Checker<'_> {
    /// Checks a number that a bank uses in sums (a scale value, an option
    /// score, a number question's `min` or `max`): finite and within
    /// [`MAX_NUMBER`] and [`MIN_NONZERO`]. True when it is usable.
    pub(super) fn number(&mut self, at: At<'_>, value: f64) -> bool {
        if !value.is_finite() {
            self.push(
                Problem::new(
                    Code::NotFinite,
                    at,
                    format!("{value} is not a usable number: use an ordinary finite number"),
                )
                .hint("`.inf` and `.nan` cannot be scored; write a number such as 1 or -2.5"),
            );
            return false;
        }
        match number_problem(value) {
            Some((message, hint)) => {
                self.push(Problem::new(Code::NumberOutOfBounds, at, message).hint(hint));
                false
            }
            None => true,
        }
    }

    /// Reports a list of `len` items that is longer than `max`, at its
    /// first item too many: `owner` may have at most `max` `what`. Returns
    /// how many of its items to check: the ones past the bound are not, so
    /// that a list of a million mistakes costs no more than a full one.
    pub(super) fn within(
        &mut self,
        at: At<'_>,
        len: usize,
        max: usize,
        owner: &str,
        what: &str,
    ) -> usize {
        if len > max {
            self.push(too_many(at.index(max).into(), len, max, owner, what));
        }
        len.min(max)
    }

    /// A bank's list `name` (`dimensions`, `roles` or `questions`), cut
    /// to its bound, which is reported if it is passed.
    pub(in crate::bank) fn bounded<T>(&mut self, name: &str, mut items: Vec<T>) -> Vec<T> {
        let max = match name {
            "dimensions" => MAX_DIMENSIONS,
            "roles" => MAX_ROLES,
            _ => MAX_QUESTIONS,
        };
        let within = self.within(At::top(name), items.len(), max, "a bank", name);
        self.cut_short |= within < items.len();
        items.truncate(within);
        items
    }
}

/// The problem of a list of `len` items, over `max`, whose first item too
/// many is at `at`.
pub(super) fn too_many(at: String, len: usize, max: usize, owner: &str, what: &str) -> Problem {
    let hint = match owner {
        "a bank" => "no quiz needs this many: split the bank into several smaller ones",
        "a scale" => "a student picks one point from a short list: use fewer points",
        _ => "no student reads this many: keep the ones that matter most",
    };
    Problem::new(
        Code::TooManyItems,
        at,
        format!(
            "{owner} may have at most {} {what}, this one has {}",
            count(max),
            count(len)
        ),
    )
    .hint(hint)
}

impl Checker<'_> {
    /// Checks any text a person will read (or a fact's label, the key at
    /// `at` when `target` says so): no longer than [`MAX_TEXT_CHARS`], and
    /// without control characters or bidi overrides (a newline or tab is
    /// fine).
    pub(super) fn shown(&mut self, at: At<'_>, text: &str, target: Target) {
        let at_key = |p: Problem| match target {
            Target::Key => p.at_key(),
            Target::Value => p,
        };
        if text.len() > MAX_TEXT_CHARS {
            let chars = text.chars().count();
            if chars > MAX_TEXT_CHARS {
                self.push(at_key(
                    Problem::new(
                        Code::TextTooLong,
                        at,
                        format!(
                            "this text is {} characters long; a text may have at most {}",
                            count(chars),
                            count(MAX_TEXT_CHARS)
                        ),
                    )
                    .hint("shorten it: a student reads it on one screen"),
                ));
            }
        }
        if let Some((_, c)) = first_hidden(text) {
            let problem = if is_bidi_control(c) {
                // Its own code: it reorders rather than controls, and it is
                // often pasted in unseen with right-to-left text.
                Problem::new(
                    Code::BidiControl,
                    at,
                    format!(
                        "this text contains {}, which could reverse the words and numbers around it in a report",
                        describe_hidden(c)
                    ),
                )
                .hint("remove it (retype the text around it if you cannot see it); Hebrew, Arabic and other right-to-left text is fine without it")
            } else {
                Problem::new(
                    Code::ControlCharacter,
                    at,
                    format!(
                        "this text contains {}, which could change or hide what a terminal shows",
                        describe_hidden(c)
                    ),
                )
                .hint("remove it (retype the text around it if you cannot see it); line breaks and tabs are fine")
            };
            self.push(at_key(problem));
        }
    }
}
