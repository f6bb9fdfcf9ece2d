//! The class's gradebook, a CSV file a spreadsheet opens: one row per submission, the
//! columns `submission, ex01 … ex06, total, status`.
//!
//! A submission's name is a directory name a student may have chosen, so every text cell
//! is made inert: control characters escaped (a row never spans two lines), quoted per
//! RFC 4180 (commas and quotes stay inside the cell), and a leading `=`, `+`, `-` or `@`
//! (which a spreadsheet would run as a formula) preceded by `'`.
//!
//! What a program reads stays English in every language, like the JSON reports' keys: the
//! column headers and the status's code before its first `: ` (`ok`, `build failed`,
//! `timed out`, `missing`, `not graded`), followed by exercise names. What only a person
//! reads follows `--lang`: the reason after `not graded: `.

use std::collections::{BTreeMap, HashSet};

use super::safe_text::one_line;

/// One submission's line of the gradebook.
#[derive(Debug, Clone)]
pub struct Row {
    /// The submission's directory name.
    pub name: String,
    /// Points per graded exercise; empty when the submission was not graded.
    pub scores: BTreeMap<String, u32>,
    /// `ok`, `build failed: ex05`, `timed out: ex01`, `not graded: why`, ...: the code (and
    /// the exercise names) stable, the why in the chosen language.
    pub status: String,
}

impl Row {
    /// A row without marks; `why` is a sentence in the chosen language.
    pub fn not_graded(name: &str, why: &str) -> Row {
        Row {
            name: name.to_string(),
            scores: BTreeMap::new(),
            status: format!("not graded: {why}"),
        }
    }
}

/// The whole gradebook: a header and one line per row, each ended by CRLF (RFC 4180).
pub fn csv(rows: &[Row]) -> String {
    let exercises: Vec<&str> = super::EXERCISES.iter().map(|(n, _)| *n).collect();
    let mut out = String::new();
    let mut header = vec!["submission"];
    header.extend(&exercises);
    header.extend(["total", "status"]);
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in rows {
        let mut cells = vec![text_cell(&row.name)];
        for name in &exercises {
            cells.push(
                row.scores
                    .get(*name)
                    .map(u32::to_string)
                    .unwrap_or_default(),
            );
        }
        let total = (!row.scores.is_empty()).then(|| row.scores.values().sum::<u32>());
        cells.push(total.map(|t| t.to_string()).unwrap_or_default());
        cells.push(text_cell(&row.status));
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A text cell: one line, quoted, never a formula.
pub fn text_cell(text: &str) -> String {
    let mut value = one_line(text);
    let first = value.trim_start().chars().next();
    if matches!(first, Some('=' | '+' | '-' | '@')) {
        value.insert(0, '\'');
    }
    format!("\"{}\"", value.replace('"', "\"\""))
}

/// File names for the per-submission reports, one per row name, all different: the name's
/// letters, digits, `-`, `_` and `.` kept, anything else `_`, never starting with `.`; a
/// name that had to change (or collides) gets a tag from its exact bytes.
pub fn report_names(names: &[String]) -> Vec<String> {
    let mut taken = HashSet::new();
    names
        .iter()
        .map(|name| {
            let mut base: String = name
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                        c
                    } else {
                        '_'
                    }
                })
                .take(80)
                .collect();
            if base.starts_with('.') || base.is_empty() {
                base.insert(0, '_');
            }
            let mut file = format!("{base}.json");
            if base != *name || !taken.insert(file.to_lowercase()) {
                file = format!("{base}-{}.json", super::tag_of(std::path::Path::new(name)));
                taken.insert(file.to_lowercase());
            }
            file
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cells_cannot_become_formulas_or_break_the_row() {
        assert_eq!(text_cell("alice"), "\"alice\"");
        assert_eq!(text_cell("=cmd|' /C calc'!A0"), "\"'=cmd|' /C calc'!A0\"");
        for lead in ["+1", "-1", "@SUM(A1)", "  =1+1"] {
            assert!(text_cell(lead).starts_with("\"'"), "{lead}");
        }
        assert_eq!(text_cell("a,\"b\"\nc"), "\"a,\"\"b\"\"\\x0ac\"");
    }

    #[test]
    fn report_names_are_plain_and_distinct() {
        let names: Vec<String> = ["alice", "a b", "a_b", "../x", ".hidden", "Alice", "alice"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let files = report_names(&names);
        assert_eq!(files[0], "alice.json");
        let unique: HashSet<String> = files.iter().map(|f| f.to_lowercase()).collect();
        assert_eq!(unique.len(), files.len(), "{files:?}");
        for f in &files {
            assert!(!f.starts_with('.') && !f.contains('/'), "{f}");
        }
    }
}
