//! posix-reader as a user runs it. Objects are prepared with the lesson's own calls, as a
//! writer (ours, the lesson's, or a careless or hostile one) would leave them.

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use ipc_support::unique::unique_name;
use ipc_support::{Cleanup, ObjectName};
use ipc_testkit::shm::{create, size};
use ipc_testkit::{assert_usage_errors, error_line, lock_fixed_names, shm_exists, single_line};
use predicates::prelude::*;

fn reader() -> Command {
    let mut cmd = cargo_bin_cmd!("posix-reader");
    cmd.env("IPC_LAB_LANG", "en");
    cmd
}

/// An object of `size` bytes holding `bytes` at offset 0 (size 0: never ftruncated).
fn object_with(name: &ObjectName, size: usize, bytes: &[u8]) -> Cleanup {
    create(name, size, bytes)
}

fn fresh() -> ObjectName {
    ObjectName::parse_shm(&unique_name("posix-reader-test")).unwrap()
}

#[test]
fn prints_the_text_and_unlinks_the_object() {
    let name = fresh();
    let _rm = object_with(&name, 100, b"hello\0");
    reader()
        .args(["--name", name.bare()])
        .assert()
        .success()
        .stdout(predicate::str::contains("Read data: hello\n"))
        .stdout(predicate::str::contains(format!(
            "removed {name} (/dev/shm/{})",
            name.bare()
        )))
        .stderr("");
    assert!(!shm_exists(&name));
}

#[test]
fn keep_leaves_the_object_unchanged() {
    let name = fresh();
    let _rm = object_with(&name, 100, b"twice\0");
    for _ in 0..2 {
        reader()
            .args(["--name", name.as_str(), "--keep"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Read data: twice"))
            .stdout(predicate::str::contains(format!(
                "remove it with: rm /dev/shm/{}",
                name.bare()
            )));
    }
    // Read-only and no ftruncate: the object is exactly as the writer left it.
    assert_eq!(size(&name), 100);
}

#[test]
fn missing_object_says_run_the_writer_first() {
    let name = fresh();
    let line = error_line(
        reader().args(["--name", name.bare()]).assert().get_output(),
        1,
    );
    assert!(
        line.starts_with(&format!("posix-reader: shm_open({name}, O_RDONLY): ENOENT")),
        "{line}"
    );
    assert!(line.contains("run posix-writer first"), "{line}");
}

#[test]
fn object_of_size_0_is_refused_and_not_resized() {
    let name = fresh();
    let _rm = object_with(&name, 0, b"");
    let line = error_line(
        reader().args(["--name", name.bare()]).assert().get_output(),
        1,
    );
    assert!(line.contains("has size 0"), "{line}");
    assert!(line.contains("ftruncate"), "{line}");
    assert_eq!(size(&name), 0, "the reader must never call ftruncate");
}

#[test]
fn object_without_nul_is_read_to_its_end_escaped_with_a_warning() {
    let name = fresh();
    let _rm = object_with(&name, 8, b"ABC\x07EFGH");
    let out = reader()
        .args(["--name", name.bare()])
        .assert()
        .success()
        .stdout(predicate::str::contains("Read data: ABC\\u{7}EFGH\n"))
        .get_output()
        .clone();
    assert!(single_line(&out.stderr).contains("the 8 bytes held no NUL byte"));
    assert!(!shm_exists(&name));
}

#[test]
fn huge_object_with_short_text_reads_only_the_text() {
    // 1 GiB, never written past the text: the reader must stop at the NUL, not copy it all.
    let name = fresh();
    let _rm = object_with(&name, 1 << 30, b"big\0");
    reader()
        .args(["--name", name.bare()])
        .assert()
        .success()
        .stdout(predicate::str::contains("Read data: big\n"));
    assert!(!shm_exists(&name));
}

#[test]
fn default_name_is_the_lessons_tho_mmap() {
    let _lock = lock_fixed_names();
    let name = ObjectName::parse_shm("tho_mmap").unwrap();
    let _rm = object_with(&name, 100, b"lesson default\0");
    reader()
        .assert()
        .success()
        .stdout(predicate::str::contains("Read data: lesson default"));
    assert!(!shm_exists(&name));
}

#[test]
fn bad_names_are_one_line_usage_errors() {
    let long = "n".repeat(300);
    let cases: [(&[&str], &str); 5] = [
        (&["--name", ""], "is empty"),
        (&["--name", "dir/obj"], "'/' inside"),
        (&["--name", "//x"], "'/' inside"),
        (&["--name", &long], "300 bytes long; the limit is 255"),
        (&["--size", "100"], "unexpected argument"),
    ];
    assert_usage_errors("posix-reader", &cases, |bad| {
        reader().args(bad).output().unwrap()
    });
}
