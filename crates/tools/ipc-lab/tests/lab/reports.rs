//! Reports that stay honest whatever a submission prints or is called: JUnit XML that a
//! strict parser accepts, a terminal report that shows control characters instead of
//! obeying them, a submission's path that cannot change what a generated file says, and
//! options that cannot be honoured refused before any grading starts.

use std::path::Path;

use crate::grading_support::*;
use serde_json::Value;

/// What the hostile ex03 prints as its first line: ANSI colour, a bell, a carriage return
/// that would overwrite the line, NUL, U+FFFE, a byte-order mark, a right-to-left override,
/// invalid UTF-8 (a lone surrogate's encoding, a stray continuation byte), the end of a
/// CDATA section and closing tags.
const HOSTILE: &[u8] =
    b"\x1b[31mred\x07\rok \x00\xef\xbf\xbe\xef\xbb\xbf\xe2\x80\xae \xed\xa0\x80\x80 ]]> </failure></testsuites>";

/// A submission whose ex03 prints HOSTILE and exits 0 (so its first check fails, quoting it).
fn hostile_submission() -> std::path::PathBuf {
    let dir = fresh_dir("reports-hostile-output");
    let bytes: Vec<String> = HOSTILE.iter().map(|b| format!("{b}")).collect();
    let source = format!(
        "use std::io::Write;\nfn main() {{\n    std::io::stdout().write_all(&[{}]).unwrap();\n    println!();\n}}\n",
        bytes.join(", ")
    );
    std::fs::write(dir.join("ex03.rs"), source).unwrap();
    dir
}

fn grade(dir: &Path, format: &str) -> (String, String) {
    let out = ipc_lab(&[
        "grade",
        "ex03",
        "--submission",
        dir.to_str().unwrap(),
        "--format",
        format,
        "--min-score",
        "0",
        "--time-limit",
        "30",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    (text(&out.stdout), text(&out.stderr))
}

/// Every failure description of a JUnit report, parsed by a strict XML parser.
fn junit_failures(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not XML ({e}): {xml}"));
    assert_eq!(doc.root_element().tag_name().name(), "testsuites");
    doc.descendants()
        .filter(|n| n.has_tag_name("failure"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

#[test]
fn junit_stays_xml_whatever_the_submission_prints() {
    let dir = hostile_submission();
    let (xml, _) = grade(&dir, "junit");
    let failures = junit_failures(&xml);
    let quoted = failures
        .iter()
        .find(|f| f.contains("red"))
        .unwrap_or_else(|| panic!("the output is not quoted: {failures:?}"));
    // Shown escaped, not dropped: the instructor sees what was printed.
    for shown in [
        "\\x1b[31mred",
        "\\x07",
        "\\x0dok",
        "\\x00",
        "\\u{fffe}",
        "\\u{feff}",
        "\\u{202e}",
    ] {
        assert!(quoted.contains(shown), "{shown} missing from {quoted}");
    }
    assert!(quoted.contains("]]> </failure></testsuites>"), "{quoted}");
    // Invalid UTF-8 (a lone surrogate's encoding) is shown as its bytes, not replaced.
    assert!(
        quoted.contains("\\xed\\xa0\\x80"),
        "invalid UTF-8 is shown byte by byte: {quoted}"
    );
}

#[test]
fn the_terminal_report_shows_control_characters_escaped() {
    let dir = hostile_submission();
    let (report, _) = grade(&dir, "human");
    let line = report
        .lines()
        .find(|l| l.contains("red"))
        .unwrap_or_else(|| panic!("the output is not quoted: {report}"));
    assert!(
        line.contains("got `\\x1b[31mred\\x07\\x0dok \\x00\\u{fffe}\\u{feff}\\u{202e}"),
        "{line}"
    );
    // Nothing a terminal would act on reaches it.
    let raw: Vec<char> = report
        .chars()
        .filter(|&c| {
            c != '\n' && (c.is_control() || matches!(c, '\u{feff}' | '\u{202e}' | '\u{fffe}'))
        })
        .collect();
    assert!(raw.is_empty(), "raw characters {raw:?} in {report}");

    // Gradescope shows the same escaped text; the JSON keeps it as data.
    let (results, _) = grade(&dir, "gradescope");
    let results: Value = serde_json::from_str(&results).unwrap();
    let output = results["tests"][0]["output"].as_str().unwrap();
    assert!(output.contains("\\x1b[31mred"), "{output}");
    let (json, _) = grade(&dir, "json");
    let json: Value = serde_json::from_str(&json).unwrap();
    let output = json["exercises"][0]["checks"][0]["output"]
        .as_str()
        .unwrap();
    assert!(output.contains("\u{1b}[31mred"), "{output}");
}

/// Grades the solution of ex03 from a folder called `name`, in every format; each file
/// parses, names the folder exactly, and the score is the solution's.
fn grade_under_a_hostile_name(label: &str, name: &str) {
    let parent = fresh_dir(label);
    let dir = parent.join(name);
    copy_exercises("solutions", &["ex03"], &dir);
    let path = dir.canonicalize().unwrap();

    let (json, _) = grade(&dir, "json");
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["submission"], path.to_str().unwrap());
    assert_eq!(json["score"], 10, "{json:#}");

    let (results, _) = grade(&dir, "gradescope");
    let results: Value = serde_json::from_str(&results).unwrap();
    assert_eq!(results["score"], 10.0);

    let (xml, _) = grade(&dir, "junit");
    assert!(junit_failures(&xml).is_empty(), "{xml}");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .count(),
        4
    );

    // And as one submission of a class: one row, its name in one cell.
    let gradebook = parent.join("grades.csv");
    let out = grade_class(
        &parent,
        &gradebook,
        &[
            "ex03",
            "--reports",
            parent.join(".reports").to_str().unwrap(),
            "--time-limit",
            "30",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows = read_csv(&gradebook);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][3], "10", "{rows:?}");
    assert_eq!(rows[1][8], "ok", "{rows:?}");
}

#[test]
fn a_submissions_path_cannot_inject_text_into_generated_files() {
    grade_under_a_hostile_name(
        "reports-hostile-path",
        "=x\",\"<a>]]>&amp;<b c=\"d\"> \\ \u{feff}'y",
    );
}

#[test]
fn a_submissions_path_with_control_characters_cannot_inject_text_either() {
    grade_under_a_hostile_name("reports-hostile-path-controls", "line\n[package]\x1b[2J\rx");
}

#[test]
fn options_that_cannot_be_honoured_are_refused_before_grading() {
    // Points no one can reach: one line, and no grading began (no progress at all).
    let out = ipc_lab(&["grade", "--solutions", "ex03", "--min-score", "11"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim_end(),
        "ipc-lab: --min-score 11: more than the 10 points the graded exercises are worth"
    );
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));

    // A result that could not be written. With --output the progress goes to stderr, so a
    // single line there means grading never started.
    let work = fresh_dir("reports-refusals");
    let unwritable = [
        "/nonexistent/dir/grade.json".to_string(),
        work.to_str().unwrap().to_string(),
        "/proc/version/grade.json".to_string(),
    ];
    for output in &unwritable {
        let out = ipc_lab(&["grade", "--solutions", "ex03", "--output", output]);
        assert_eq!(out.status.code(), Some(1), "{output}");
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with(&format!("ipc-lab: --output {output}: ")),
            "{err}"
        );
    }
    // An existing file is not touched by the check.
    let kept = work.join("kept.json");
    std::fs::write(&kept, "old").unwrap();
    let out = ipc_lab(&[
        "grade",
        "--solutions",
        "ex03",
        "--min-score",
        "99",
        "--output",
        kept.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "old");

    // Class mode: an unwritable --reports, before any submission is graded.
    let class = work.join("class");
    copy_exercises("solutions", &["ex03"], &class.join("alice"));
    let gradebook = work.join("grades.csv");
    let out = grade_class(&class, &gradebook, &["--reports", "/proc/version/reports"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("ipc-lab: --reports /proc/version/reports: cannot create it"),
        "{err}"
    );
    assert!(!gradebook.exists());
}
