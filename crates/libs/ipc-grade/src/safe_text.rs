//! Text that came from a submission (its output, its directory's name) made safe to show:
//! every character that could change a terminal's state, hide or reorder text, or is not
//! allowed in XML is written as a visible escape (`\x1b`, `\u{feff}`), so the instructor
//! sees what the student printed and every report format stays well-formed.

use std::fmt::Write;

/// `text` with control, invisible-format and non-characters escaped; newlines and tabs kept
/// (for multi-line reports). The result holds only characters valid in XML 1.0.
pub fn visible(text: &str) -> String {
    escape(text, false)
}

/// `visible`, also escaping newlines and tabs: for a value that must stay on one line (a
/// progress line, a spreadsheet cell).
pub fn one_line(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, single_line: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let keep_layout = !single_line && (c == '\n' || c == '\t');
        if keep_layout || !needs_escape(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    out
}

/// True for the characters that are never shown as they are: C0 and C1 controls and DEL
/// (a terminal acts on them), the invisible format characters of Unicode (zero-width
/// spaces and joiners, bidirectional overrides, the byte-order mark, tags), the line and
/// paragraph separators, and the non-characters (U+FFFE and the like, not allowed in XML).
fn needs_escape(c: char) -> bool {
    let n = c as u32;
    c.is_control()
        || FORMAT.iter().any(|&(lo, hi)| (lo..=hi).contains(&n))
        || (0xfdd0..=0xfdef).contains(&n)
        || n & 0xfffe == 0xfffe
}

/// Unicode's format characters (general category Cf) and the two separators (Zl, Zp).
const FORMAT: &[(u32, u32)] = &[
    (0x00ad, 0x00ad),
    (0x0600, 0x0605),
    (0x061c, 0x061c),
    (0x06dd, 0x06dd),
    (0x070f, 0x070f),
    (0x0890, 0x0891),
    (0x08e2, 0x08e2),
    (0x180e, 0x180e),
    (0x200b, 0x200f),
    (0x2028, 0x202e),
    (0x2060, 0x2064),
    (0x2066, 0x206f),
    (0xfeff, 0xfeff),
    (0xfff9, 0xfffb),
    (0x110bd, 0x110bd),
    (0x110cd, 0x110cd),
    (0x13430, 0x1343f),
    (0x1bca0, 0x1bca3),
    (0x1d173, 0x1d17a),
    (0xe0001, 0xe0001),
    (0xe0020, 0xe007f),
];

/// A character XML 1.0 allows in a document (its production `Char`).
#[cfg(test)]
fn xml_char(c: char) -> bool {
    matches!(c as u32, 0x9 | 0xa | 0xd | 0x20..=0xd7ff | 0xe000..=0xfffd | 0x10000..=0x10ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_acts_on_and_keeps_the_rest() {
        assert_eq!(visible("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m");
        assert_eq!(visible("a\u{feff}b\u{202e}c"), "a\\u{feff}b\\u{202e}c");
        assert_eq!(visible("ok\rFAIL"), "ok\\x0dFAIL");
        assert_eq!(
            visible("nul\0 del\x7f c1\u{85}"),
            "nul\\x00 del\\x7f c1\\u{85}"
        );
        assert_eq!(
            visible("\u{fffe}\u{ffff}\u{1fffe}"),
            "\\u{fffe}\\u{ffff}\\u{1fffe}"
        );
        // Ordinary text, Vietnamese included (combining marks too), is unchanged.
        let plain = "Xin chào, thế giới: tiếng Việt\nline 2\twith a tab, \u{301}é, 日本, 🦀";
        assert_eq!(visible(plain), plain);
        assert_eq!(one_line("a\nb\tc"), "a\\x0ab\\x09c");
    }

    #[test]
    fn the_result_is_always_valid_xml_text() {
        for n in 0..=0x10ffffu32 {
            let Some(c) = char::from_u32(n) else { continue };
            let shown = visible(&c.to_string());
            assert!(shown.chars().all(xml_char), "U+{n:04X} gives {shown:?}");
            assert!(
                one_line(&c.to_string())
                    .chars()
                    .all(|c| xml_char(c) && c >= ' ')
            );
        }
    }
}
