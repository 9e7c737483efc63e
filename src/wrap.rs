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

#[cfg(test)]
mod tests {
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
