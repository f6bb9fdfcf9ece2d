//! mmap-kinds as a user runs it: one line per kind, and no temporary file left behind.

use assert_cmd::cargo::cargo_bin_cmd;
use ipc_testkit::{ScratchDir, error_line};
use predicates::prelude::*;

#[test]
fn one_line_per_kind_with_what_the_other_side_saw() {
    let dir = ScratchDir::new("mmap-kinds-test");
    let out = cargo_bin_cmd!("mmap-kinds")
        .env("IPC_LAB_LANG", "en")
        .arg("--dir")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "private anonymous (MAP_PRIVATE|MAP_ANONYMOUS): the child wrote \"written by the child\"; the parent then saw \"original\"",
        ))
        .stdout(predicate::str::contains(
            "shared anonymous (MAP_SHARED|MAP_ANONYMOUS): the child wrote \"written by the child\"; the parent then saw \"written by the child\"",
        ))
        .stdout(predicate::str::contains(
            "private file (MAP_PRIVATE on a file): the child wrote \"written by the child\"; the file then held \"original\"",
        ))
        .stdout(predicate::str::contains(
            "shared file (MAP_SHARED on a file): the child wrote \"written by the child\"; the file then held \"written by the child\"",
        ))
        .stderr("")
        .get_output()
        .clone();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 4);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "temp file left behind"
    );
}

#[test]
fn explanations_come_in_vietnamese_too() {
    cargo_bin_cmd!("mmap-kinds")
        .env("IPC_LAB_LANG", "vi")
        .assert()
        .success()
        .stdout(predicate::str::contains("tiến trình con ghi"));
}

#[test]
fn missing_directory_is_one_clear_error() {
    let dir = ScratchDir::new("mmap-kinds-test");
    let line = error_line(
        cargo_bin_cmd!("mmap-kinds")
            .env("IPC_LAB_LANG", "en")
            .arg("--dir")
            .arg(dir.join("missing"))
            .assert()
            .get_output(),
        1,
    );
    assert!(line.starts_with("mmap-kinds: open("), "{line}");
    assert!(line.contains("ENOENT"), "{line}");
}
