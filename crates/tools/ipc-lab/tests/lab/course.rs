//! `ipc-lab tour` over the whole course, in English and in Vietnamese. Apart from tour.rs
//! because libtest starts tests in the order of their names: these two are among the longest
//! (they mostly wait on the lessons' own timeouts), and begun early they overlap the rest.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use predicates::str::contains;

use crate::tour::{leftovers, stdout_of};

/// The whole course, as a student runs it. It needs every lesson program of LESSONS.md in
/// the workspace (the tour builds them with `cargo build --workspace --bins` when missing).
#[test]
fn the_whole_course_behaves_as_the_lessons_say() {
    let run = cargo_bin_cmd!("ipc-lab")
        .args(["tour", "--lang", "en"])
        .timeout(std::time::Duration::from_secs(600))
        .assert()
        .success()
        .stdout(contains("behaved as the lessons say").and(contains("✗").not()));
    let out = stdout_of(&run);
    // Every section of both lessons, by the course's numbering, in the course's order.
    let sections = [
        "000 §1 ",
        "000 §2 ",
        "000 §3 ",
        "000 §4 ",
        "000 · exercise",
        "003 §1 ",
        "003 §1.1 ",
        "003 §1.2 ",
        "003 §1.3 ",
        "003 §1.4 ",
        "003 §1.5 ",
        "003 §1.6 ",
        "003 §2 ",
        "003 §2.1 ",
        "003 §2.2 ",
        "003 §2.3 ",
        "003 §2.4 ",
        "003 §2.5 ",
        "003 §2.6 ",
        "003 §2.7 ",
        "003 · comparison",
        "003 · when to use",
    ];
    let mut at = 0;
    for section in sections {
        let header = format!("══ {section}");
        let found = out[at..]
            .find(&header)
            .unwrap_or_else(|| panic!("no {header:?} after byte {at}"));
        at += found;
    }
    assert!(!out.contains("Lesson 1"), "the old numbering is gone");
    assert_eq!(leftovers(&out), Vec::<String>::new());
}

/// The phrases a step expects are never translated text: the whole course passes in
/// Vietnamese too.
#[test]
fn the_whole_course_in_vietnamese_behaves_as_the_lessons_say() {
    let out = cargo_bin_cmd!("ipc-lab")
        .args(["tour", "--json", "--lang", "vi"])
        .timeout(std::time::Duration::from_secs(600))
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let failed: Vec<&serde_json::Value> = doc["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["verdict"] != "ok")
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert!(out.status.success());
    let first = &doc["steps"][0];
    assert_eq!(first["label"], "bài 000, mục 1");
    assert_eq!(
        leftovers(&String::from_utf8_lossy(&out.stdout)),
        Vec::<String>::new()
    );
}
