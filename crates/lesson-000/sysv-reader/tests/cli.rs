//! sysv-reader as a user runs it. Segments are prepared with the lesson's calls, as a writer (ours,
//! the lesson's, or a hostile one) would leave them.

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use ipc_support::Cleanup;
use ipc_support::unique::unique_key;
use ipc_sys::ipc::{SysvKey, ftok};
use ipc_testkit::sysv::{create_segment, write_segment};
use ipc_testkit::{
    ScratchDir, SysvKind, assert_usage_errors, error_line, key_in_use, lock_fixed_names,
    remove_sysv_key_on_drop, single_line,
};
use predicates::prelude::*;

fn reader() -> Command {
    let mut cmd = cargo_bin_cmd!("sysv-reader");
    cmd.env("IPC_LAB_LANG", "en");
    cmd
}

/// A segment of `size` bytes holding `bytes` at offset 0, as a writer leaves it.
fn segment_with(key: SysvKey, size: usize, bytes: &[u8]) -> Cleanup {
    create_segment(key, size);
    let guard = remove_sysv_key_on_drop(key);
    write_segment(key, bytes);
    guard
}

fn gone(key: SysvKey) -> bool {
    !key_in_use(SysvKind::SharedMemory, key)
}

#[test]
fn prints_the_text_and_removes_the_segment() {
    let key = unique_key();
    let _rm = segment_with(key, 1024, b"hello\0");
    reader()
        .args(["--key", &key.to_string()])
        .assert()
        .success()
        .stdout(predicate::str::contains("Data read from memory: hello\n"))
        .stdout(predicate::str::contains("removed segment shmid "))
        .stdout(predicate::str::contains(format!("(key {key})")))
        .stderr("");
    assert!(gone(key));
}

#[test]
fn keep_leaves_the_segment_and_says_how_to_remove_it() {
    let key = unique_key();
    let _rm = segment_with(key, 1024, b"twice\0");
    for _ in 0..2 {
        reader()
            .args(["--key", &key.to_string(), "--keep"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Data read from memory: twice"))
            .stdout(predicate::str::contains("remove it with: ipcrm -m "));
    }
    assert!(!gone(key));
}

#[test]
fn stat_prints_the_shmid_ds_fields() {
    let key = unique_key();
    let _rm = segment_with(key, 1024, b"x\0");
    reader()
        .args(["--key", &key.to_string(), "--stat"])
        .assert()
        .success()
        .stdout(predicate::str::contains("shmctl(IPC_STAT) reports:"))
        .stdout(predicate::str::contains(format!("key         {key}")))
        .stdout(predicate::str::contains("shm_segsz   1024 bytes"))
        .stdout(predicate::str::contains("mode        0600"))
        .stdout(predicate::str::contains("shm_nattch  0"))
        .stdout(predicate::str::contains(format!(
            "shm_cpid    {}",
            std::process::id()
        )))
        .stdout(predicate::str::contains("shm_lpid"))
        .stdout(predicate::str::contains("shm_ctime"));
    assert!(gone(key));
}

#[test]
fn missing_segment_says_run_the_writer_first() {
    let key = unique_key();
    let line = error_line(
        reader()
            .args(["--key", &key.to_string()])
            .assert()
            .get_output(),
        1,
    );
    assert!(
        line.starts_with(&format!("sysv-reader: shmget(key {key}): ENOENT")),
        "{line}"
    );
    assert!(line.contains("run sysv-writer first"), "{line}");
}

#[test]
fn missing_key_file_says_how_to_fix_it() {
    let dir = ScratchDir::new("sysv-reader-nofile");
    let line = error_line(
        reader()
            .args(["--path"])
            .arg(dir.join("no-such-file"))
            .assert()
            .get_output(),
        1,
    );
    assert!(line.contains("ENOENT"), "{line}");
    assert!(line.contains("touch "), "{line}");
}

#[test]
fn segment_without_nul_is_read_to_its_end_escaped_with_a_warning() {
    let key = unique_key();
    // A hostile writer: no NUL anywhere, a terminal escape and invalid UTF-8.
    let mut hostile = b"\x1b[2Jevil\xff".to_vec();
    hostile.resize(32, b'A');
    let _rm = segment_with(key, 32, &hostile);
    let out = reader()
        .args(["--key", &key.to_string()])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "Data read from memory: \\u{{1b}}[2Jevil\u{fffd}{}\n",
            "A".repeat(23)
        )))
        .get_output()
        .clone();
    let line = single_line(&out.stderr);
    assert!(line.contains("the 32 bytes held no NUL byte"), "{line}");
    assert!(gone(key));
}

#[test]
fn default_key_is_ftok_of_shmfile_65_in_the_current_directory() {
    let _lock = lock_fixed_names();
    let dir = ScratchDir::with_shmfile("sysv-reader-default");
    let key = ftok(&dir.join("shmfile"), 65).unwrap();
    let _rm = segment_with(key, 1024, b"lesson default\0");
    reader()
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Data read from memory: lesson default",
        ));
    assert!(gone(key));
}

#[test]
fn bad_arguments_are_one_line_usage_errors() {
    let cases: [(&[&str], &str); 7] = [
        (&["--key", "0xZZ"], "is not a key"),
        (&["--key", "0x123456789"], "at most 8 hex digits"),
        (&["--key", "-1"], "is not a key"),
        (&["--key", ""], "is not a key"),
        (&["--proj-id", "300"], "1 to 255"),
        (&["--key", "0x1", "--path", "x"], "cannot be used with"),
        (&["--size", "10"], "unexpected argument"),
    ];
    assert_usage_errors("sysv-reader", &cases, |bad| {
        reader().args(bad).output().unwrap()
    });
}

#[test]
fn hints_follow_the_language() {
    let key = unique_key();
    let line = error_line(
        reader()
            .env("IPC_LAB_LANG", "vi")
            .args(["--key", &key.to_string()])
            .assert()
            .get_output(),
        1,
    );
    assert!(
        line.starts_with(&format!(
            "sysv-reader: shmget(key {key}): ENOENT (No such file or directory) — "
        )),
        "{line}"
    );
    assert!(line.contains("hãy chạy sysv-writer trước"), "{line}");
    let dir = ScratchDir::new("sysv-reader-nofile-vi");
    let line = error_line(
        reader()
            .args(["--lang", "vi", "--path"])
            .arg(dir.join("no-such-file"))
            .assert()
            .get_output(),
        1,
    );
    assert!(
        line.contains("ENOENT (No such file or directory)"),
        "{line}"
    );
    assert!(
        line.contains("ftok cần một file đã tồn tại: hãy tạo nó (touch "),
        "{line}"
    );
}

/// Found between the writer's shmget and its write: no text yet. The reader says so and
/// leaves the segment for the message to come (it used to print nothing and remove it).
#[test]
fn a_segment_whose_text_is_not_written_yet_is_left_for_later() {
    let key = unique_key();
    let _rm = segment_with(key, 1024, b"");
    let line = error_line(
        reader()
            .args(["--key", &key.to_string()])
            .assert()
            .get_output(),
        1,
    );
    assert!(
        line.starts_with("sysv-reader: segment shmid ")
            && line.contains(&format!(
                "(key {key}): holds no text yet: its writer has not written the message (or wrote an empty one) — it stays: read it again once the writer is done, or remove it (ipcrm -m "
            )),
        "{line}"
    );
    assert!(!gone(key));
}
