//! `ipc-lab tour`: runs the lesson programs (building them first when they are missing),
//! exits 0 only when every step behaved as its lesson says, and leaves nothing behind.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use predicates::str::contains;

/// Names of every object on the machine that a tour made (`tour-…`), from `ls --json`.
fn tour_leftovers() -> Vec<String> {
    let out = cargo_bin_cmd!("ipc-lab")
        .args(["ls", "--json"])
        .output()
        .unwrap();
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    all["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["name"].as_str())
        .filter(|n| n.starts_with("/tour-"))
        .map(str::to_string)
        .collect()
}

/// The whole course, as a student runs it. It needs every lesson program of LESSONS.md in
/// the workspace (the tour builds them with `cargo build --workspace --bins` when missing).
#[test]
fn the_whole_course_behaves_as_the_lessons_say() {
    cargo_bin_cmd!("ipc-lab")
        .args(["tour", "--lang", "en"])
        .timeout(std::time::Duration::from_secs(600))
        .assert()
        .success()
        .stdout(contains("behaved as the lessons say").and(contains("✗").not()));
    assert_eq!(tour_leftovers(), Vec::<String>::new());
}

#[test]
fn one_lesson_in_vietnamese() {
    cargo_bin_cmd!("ipc-lab")
        .args(["tour", "--lesson", "2", "--lang", "vi"])
        .timeout(std::time::Duration::from_secs(600))
        .assert()
        .success()
        .stdout(
            contains("Bài 2: Shared memory POSIX")
                .and(contains("[2/2] posix-reader"))
                .and(contains(
                    "$ cargo run -q -p posix-writer -- --name tour-shm-",
                )),
        );
    assert_eq!(tour_leftovers(), Vec::<String>::new());
}

#[test]
fn a_lesson_that_does_not_exist_is_a_usage_error() {
    cargo_bin_cmd!("ipc-lab")
        .args(["tour", "--lesson", "9"])
        .assert()
        .code(2)
        .stderr(contains("9"));
}
