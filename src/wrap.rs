//! Line wrapping for every paragraph pathfit writes to a terminal. Lines
//! break only at spaces, so web addresses and hyphenated words stay whole and
//! can be copied: miette turns on textwrap's Unicode line breaking, which
//! would otherwise also break after every `/` and `-`.

/// Wrapping options for `width` columns, breaking only at spaces.
pub fn options<'a>(width: usize) -> textwrap::Options<'a> {
    textwrap::Options::new(width)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// Columns for text written to a file or pipe, and when the terminal's
/// size cannot be read.
pub const DEFAULT_COLUMNS: u16 = 80;

/// The terminal's size as (columns, rows), when there is one to ask
/// (crossterm asks the controlling terminal even when standard output is
/// redirected). `None` also for a size of 0, which some terminals report.
pub fn terminal_size() -> Option<(u16, u16)> {
    match crossterm::terminal::size() {
        Ok((cols, rows)) if cols > 0 && rows > 0 => Some((cols, rows)),
        _ => None,
    }
}

/// How wide a report is drawn in a terminal `columns` wide: one column of
/// margin, kept in a readable range (60 to 100 columns) however narrow or
/// wide the window.
pub fn report_width(columns: u16) -> usize {
    usize::from(columns).saturating_sub(2).clamp(60, 100)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_report_stays_readable_in_any_window() {
        assert_eq!(super::report_width(80), 78);
        assert_eq!(super::report_width(20), 60);
        assert_eq!(super::report_width(0), 60);
        assert_eq!(super::report_width(300), 100);
    }

    #[test]
    fn addresses_and_hyphenated_words_stay_whole() {
        let text = "See https://example.org/a-long/path-to-a/page.htm for the well-known figures.";
        let lines = textwrap::wrap(text, super::options(20));
        assert!(
            lines
                .iter()
                .any(|l| l == "https://example.org/a-long/path-to-a/page.htm"),
            "{lines:?}"
        );
        assert!(lines.iter().any(|l| l.contains("well-known")), "{lines:?}");
        assert!(
            lines
                .iter()
                .all(|l| l.chars().count() <= 20 || !l.contains(' ')),
            "{lines:?}"
        );
    }
}
