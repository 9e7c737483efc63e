//! A check for tests: a page template that cannot unescape a value, run a
//! script or fetch anything, whatever it is given.

/// Fails unless `template` (without its comments, which may name what is
/// forbidden) has no way to unescape a value, run a script or fetch
/// anything.
pub(crate) fn assert_template_is_inert(name: &str, template: &str) {
    let mut code = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("{#") {
        code.push_str(&rest[..start]);
        let end = rest[start..].find("#}").expect("comments are closed");
        rest = &rest[start + end + 2..];
    }
    code.push_str(rest);
    // `| safe` and `|safe` alike; `'unsafe-inline'` in the CSP is fine.
    let compact: String = code.split_whitespace().collect();
    for forbidden in [
        "|safe",
        "autoescape",
        "<script",
        "http:",
        "https:",
        "url(",
        "@import",
    ] {
        assert!(
            !compact.contains(forbidden),
            "{name} must not contain {forbidden:?}"
        );
    }
}
