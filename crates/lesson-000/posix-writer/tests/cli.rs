//! posix-writer as a user runs it; the object is checked with the lesson's own calls (shm_open,
//! fstat, mmap), not with posix-reader.

use assert_cmd::Command;
use assert_cmd::cargo::{cargo_bin, cargo_bin_cmd};
use ipc_support::unique::unique_name;
use ipc_support::{Cleanup, ObjectName};
use ipc_testkit::shm::contents;
use ipc_testkit::{assert_usage_errors, error_line, lock_fixed_names, shm_exists, single_line};
use predicates::prelude::*;

fn writer() -> Command {
    let mut cmd = cargo_bin_cmd!("posix-writer");
    cmd.env("IPC_LAB_LANG", "en");
    cmd
}

/// A unique name and the guard that unlinks it whatever happens.
fn fresh() -> (ObjectName, Cleanup) {
    let name = ObjectName::parse_shm(&unique_name("posix-writer-test")).unwrap();
    let guard = Cleanup::shm(&name);
    (name, guard)
}

fn text_of(name: &ObjectName) -> String {
    let (_, bytes) = contents(name);
    let end = bytes.iter().position(|&b| b == 0).unwrap();
    String::from_utf8(bytes[..end].to_vec()).unwrap()
}

#[test]
fn writes_the_message_and_says_where_the_object_lives() {
    let (name, _rm) = fresh();
    writer()
        .args(["--name", name.bare(), "--message", "hello"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{name}: created; it lives at /dev/shm/{}, 100 bytes, mode 0600",
            name.bare()
        )))
        .stdout(predicate::str::contains("wrote 6 bytes at offset 0"))
        .stdout(predicate::str::contains(format!(
            "cargo run -p posix-reader -- --name {}",
            name.bare()
        )))
        .stderr("");
    assert_eq!(contents(&name).0, 100);
    assert_eq!(text_of(&name), "hello");
}

#[test]
fn reads_one_line_from_stdin() {
    let (name, _rm) = fresh();
    writer()
        .args(["--name", name.as_str(), "--size", "4k"])
        .write_stdin("typed line\r\n")
        .assert()
        .success();
    assert_eq!(contents(&name).0, 4096);
    assert_eq!(text_of(&name), "typed line");
}

#[test]
fn default_name_is_the_lessons_tho_mmap() {
    let _lock = lock_fixed_names();
    let name = ObjectName::parse_shm("tho_mmap").unwrap();
    let _rm = Cleanup::shm(&name);
    writer()
        .args(["--message", "lesson default"])
        .assert()
        .success()
        .stdout(predicate::str::contains("/dev/shm/tho_mmap, 100 bytes"))
        .stdout(predicate::str::contains("`cargo run -p posix-reader`"));
    assert_eq!(text_of(&name), "lesson default");
}

#[test]
fn exclusive_refuses_an_existing_object_and_leaves_it_alone() {
    let (name, _rm) = fresh();
    writer()
        .args(["--name", name.bare(), "--message", "first"])
        .assert()
        .success();
    let line = error_line(
        writer()
            .args(["--name", name.bare(), "--exclusive", "--message", "second"])
            .assert()
            .get_output(),
        1,
    );
    assert!(line.contains("O_RDWR|O_CREAT|O_EXCL"), "{line}");
    assert!(line.contains("EEXIST (File exists)"), "{line}");
    assert_eq!(text_of(&name), "first");
}

#[test]
fn truncate_wipes_old_bytes_that_a_plain_rewrite_keeps() {
    let (name, _rm) = fresh();
    let long = "a long first message";
    writer()
        .args(["--name", name.bare(), "--message", long])
        .assert()
        .success();
    writer()
        .args(["--name", name.bare(), "--message", "hi"])
        .assert()
        .success()
        .stdout(predicate::str::contains("opened the existing object"));
    let (_, bytes) = contents(&name);
    assert_eq!(&bytes[..3], b"hi\0");
    assert_eq!(
        &bytes[3..long.len()],
        &long.as_bytes()[3..],
        "old tail kept"
    );
    writer()
        .args(["--name", name.bare(), "--truncate", "--message", "hi"])
        .assert()
        .success()
        .stdout(predicate::str::contains("cut it to 0 bytes (O_TRUNC)"));
    let (size, bytes) = contents(&name);
    assert_eq!(size, 100);
    assert_eq!(&bytes[..3], b"hi\0");
    assert!(bytes[3..].iter().all(|&b| b == 0), "old tail wiped");
}

#[test]
fn message_longer_than_the_object_is_refused_and_nothing_is_created() {
    let (name, _rm) = fresh();
    let line = error_line(
        writer()
            .args(["--name", name.bare(), "--size", "5", "--message", "hello"])
            .assert()
            .get_output(),
        1,
    );
    assert!(line.contains("at most 4 bytes of text"), "{line}");
    assert!(line.contains("--size 6"), "{line}");
    assert!(!shm_exists(&name));
}

#[test]
fn mode_0666_warns_and_the_umask_is_explained() {
    let (name, _rm) = fresh();
    let out = Command::new("sh")
        .env("IPC_LAB_LANG", "en")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" --name \"$1\" --mode 0666 --message x")
        .arg(cargo_bin!("posix-writer"))
        .arg(name.bare())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "asked for mode 0666 but the object got 0644: shm_open applies the umask, which removed 0022",
        ))
        .get_output()
        .clone();
    assert!(single_line(&out.stderr).contains("every user on this machine"));
}

#[test]
fn bad_names_and_sizes_are_one_line_usage_errors() {
    let long = "x".repeat(256);
    let cases: [(&[&str], &str); 9] = [
        (&["--name", ""], "is empty"),
        (&["--name", "/"], "is empty"),
        (&["--name", "a/b"], "'/' inside"),
        (&["--name", ".."], "not a valid file name"),
        (&["--name", &long], "limit is 255"),
        (&["--size", "-1"], "not a size"),
        (&["--size", "0"], "at least 1 byte"),
        (&["--size", "5g"], "not a size"),
        (&["--size", "2048m"], "more than 1 GiB"),
    ];
    // The size cases use the default name: hold its lock to check nothing was created.
    let _lock = lock_fixed_names();
    let default = ObjectName::parse_shm("tho_mmap").unwrap();
    let _rm = Cleanup::shm(&default);
    assert_usage_errors("posix-writer", &cases, |bad| {
        writer()
            .args(bad)
            .args(["--message", "x"])
            .output()
            .unwrap()
    });
    assert!(!shm_exists(&default), "a usage error must create nothing");
}
