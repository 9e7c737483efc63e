//! The bounds on what a bank may hold, in one place: how large and how
//! small its numbers may be, how long its lists and texts. A bank is
//! untrusted input; these limits are generous for any real bank and keep
//! every sum, range and product that scoring computes finite and precise
//! (docs/bank-format.md, "Bounds", gives the reasoning). The document-wide
//! limits (file size, nesting, number of values) live with the readers in
//! `crate::input`.

/// The largest size of a scale value, an option score, or a number
/// question's `min` or `max`.
pub const MAX_NUMBER: f64 = 1_000_000.0;

/// The smallest size of such a number other than 0.
pub const MIN_NONZERO: f64 = 0.000_001;

/// The lightest weight of a dimension or question.
pub const MIN_WEIGHT: f64 = 0.001;

/// The heaviest weight of a dimension or question.
pub const MAX_WEIGHT: f64 = 1_000.0;

/// The longest a text may be, in characters (the longest text in the
/// bundled banks has about 500).
pub const MAX_TEXT_CHARS: usize = 10_000;

/// The longest each list of a bank may be.
pub const MAX_DIMENSIONS: usize = 100;
pub const MAX_ROLES: usize = 100;
pub const MAX_QUESTIONS: usize = 10_000;
/// Options of one choice or multi question.
pub const MAX_OPTIONS: usize = 100;
/// Points of one scale.
pub const MAX_SCALE_POINTS: usize = 10_000;
/// Specialties of one role.
pub const MAX_SPECIALTIES: usize = 100;
/// Facts, examples or next steps of one role or specialty.
pub const MAX_SHORT_LIST: usize = 100;

/// What is wrong with a number's size, if anything: the message and a
/// hint, or `None` when it is within [`MAX_NUMBER`] and [`MIN_NONZERO`].
/// Not-finite numbers are reported elsewhere.
pub fn number_problem(value: f64) -> Option<(String, &'static str)> {
    let size = value.abs();
    if size > MAX_NUMBER {
        Some((
            format!(
                "{} is too large: numbers in a bank must be between -1,000,000 and 1,000,000",
                show(value)
            ),
            "only the differences between these numbers matter, so divide them all by the same amount (or use a larger unit) to bring them within the bound",
        ))
    } else if size != 0.0 && size < MIN_NONZERO {
        Some((
            format!(
                "{} is too close to 0: a number other than 0 must be at least 0.000001 in size",
                show(value)
            ),
            "write 0, or multiply all the numbers here by the same amount",
        ))
    } else {
        None
    }
}

/// What is wrong with a positive weight's size, if anything.
pub fn weight_problem(weight: f64) -> Option<String> {
    (!(MIN_WEIGHT..=MAX_WEIGHT).contains(&weight)).then(|| {
        format!(
            "the weight {} is out of bounds: weights are from 0.001 to 1000",
            show(weight)
        )
    })
}

/// A number as an author would write it: `1e308`, not 309 digits.
pub fn show(value: f64) -> String {
    let size = value.abs();
    if size != 0.0 && !(1e-4..1e7).contains(&size) {
        format!("{value:e}")
    } else {
        value.to_string()
    }
}

pub use crate::input::prescan::thousands as count;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_within_the_bounds_pass_and_others_say_why() {
        for ok in [0.0, -0.0, 1.0, -1e6, 1e6, 1e-6, -1e-6, 123.456] {
            assert_eq!(number_problem(ok), None, "{ok}");
        }
        let (message, _) = number_problem(1e308).unwrap();
        assert!(message.starts_with("1e308 is too large"), "{message}");
        let (message, _) = number_problem(-1e-300).unwrap();
        assert!(
            message.starts_with("-1e-300 is too close to 0"),
            "{message}"
        );
        assert!(number_problem(1_000_000.5).is_some());
        assert!(number_problem(5e-324).is_some());
    }

    #[test]
    fn weights_run_from_a_thousandth_to_a_thousand() {
        assert_eq!(weight_problem(0.001), None);
        assert_eq!(weight_problem(1000.0), None);
        assert!(weight_problem(1000.5).unwrap().contains("1000.5"));
        assert!(weight_problem(0.0009).is_some());
    }

    #[test]
    fn numbers_are_shown_as_written() {
        assert_eq!(show(1e308), "1e308");
        assert_eq!(show(-1.5e7), "-1.5e7");
        assert_eq!(show(2e6), "2000000");
        assert_eq!(show(0.0009), "0.0009");
        assert_eq!(show(1e-7), "1e-7");
        assert_eq!(show(0.0), "0");
    }
}
