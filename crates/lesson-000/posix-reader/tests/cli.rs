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
        line.starts_with(&format!(
            "posix-reader: shm_open({name}, O_RDONLY|O_NONBLOCK): ENOENT"
        )),
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
fn default_name_is_the_writers_default() {
    let _lock = lock_fixed_names();
    let name = ipc_support::name::default_shm_name();
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

/// A FIFO in /dev/shm under the name would block an O_RDONLY open for ever: refused at once.
#[test]
fn a_name_that_is_a_fifo_is_refused_without_hanging() {
    let name = fresh();
    let _rm = Cleanup::shm(&name);
    nix::unistd::mkfifo(name.fs_path().as_str(), nix::sys::stat::Mode::S_IRWXU).unwrap();
    let out = reader()
        .args(["--name", name.bare()])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    let line = error_line(&out, 1);
    assert!(
        line.starts_with(&format!(
            "posix-reader: {}: is a FIFO (named pipe), not a shared-memory object",
            name.fs_path()
        )),
        "{line}"
    );
    assert!(shm_exists(&name), "not the reader's to remove");
}

/// Found between the writer's ftruncate and its write: no text yet. The reader says so and
/// leaves the object for the message to come (it used to print nothing and remove it).
#[test]
fn an_object_whose_text_is_not_written_yet_is_left_for_later() {
    let name = fresh();
    let _rm = object_with(&name, 100, b"");
    let line = error_line(
        reader().args(["--name", name.bare()]).assert().get_output(),
        1,
    );
    assert_eq!(
        line,
        format!(
            "posix-reader: {name}: holds no text yet: its writer has not written the message (or wrote an empty one) — it stays: read it again once the writer is done, or remove it (rm {})",
            name.fs_path()
        )
    );
    assert_eq!(size(&name), 100);
}

/// Another process shrinks the object while the reader copies it out (64 MiB without a
/// NUL, cut to 0 bytes as soon as the reader has mapped it): never SIGBUS. Each run either
/// says the object shrank and leaves it, or finished first and read it whole; the shrink
/// must be caught at least once.
#[test]
fn an_object_that_shrinks_while_it_is_read_is_an_error_not_a_sigbus() {
    const SIZE: usize = 64 << 20;
    let mut caught = 0;
    for _ in 0..20 {
        let name = fresh();
        let _rm = Cleanup::shm(&name);
        std::fs::write(name.fs_path(), vec![b'x'; SIZE]).unwrap();
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("posix-reader"))
            .args(["--name", name.bare()])
            .env("IPC_LAB_LANG", "en")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let maps = format!("/proc/{}/maps", child.id());
        let path = name.fs_path();
        // As soon as the mapping shows (or the reader is gone), cut the object.
        while std::fs::read_to_string(&maps).is_ok_and(|m| !m.contains(&path)) {}
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(0)
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.code().is_some(),
            "killed by a signal: {:?}",
            out.status
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() == Some(1) {
            assert_eq!(
                single_line(&out.stderr),
                format!(
                    "posix-reader: {name}: the object shrank from {SIZE} to 0 bytes while it was being read (another process called ftruncate), so its text may be cut: nothing is shown, and the object stays"
                )
            );
            assert!(out.stdout.is_empty());
            assert!(shm_exists(&name), "the object stays");
            caught += 1;
        } else {
            assert_eq!(out.status.code(), Some(0), "{stderr}");
            assert!(stderr.contains("held no NUL byte"), "{stderr}");
        }
        if caught >= 1 {
            break;
        }
    }
    assert!(caught >= 1, "the shrink never came while the reader read");
}
