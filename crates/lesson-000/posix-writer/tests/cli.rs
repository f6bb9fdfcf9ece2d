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
fn default_name_is_the_lessons_tho_mmap_made_the_users() {
    let _lock = lock_fixed_names();
    let name = ipc_support::name::default_shm_name();
    let user = ipc_support::owner::my_name();
    assert_eq!(name.as_str(), format!("/tho_mmap-{user}"));
    let _rm = Cleanup::shm(&name);
    writer()
        .args(["--message", "lesson default"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "/dev/shm/tho_mmap-{user}, 100 bytes"
        )))
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
    let default = ipc_support::name::default_shm_name();
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

/// A FIFO someone made in /dev/shm under the name is refused, not written through.
#[test]
fn a_name_that_is_a_fifo_is_refused_and_left_alone() {
    let (name, _rm) = fresh();
    nix::unistd::mkfifo(name.fs_path().as_str(), nix::sys::stat::Mode::S_IRWXU).unwrap();
    let out = writer()
        .args(["--name", name.bare(), "--message", "x"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    let line = error_line(&out, 1);
    assert_eq!(
        line,
        format!(
            "posix-writer: {0}: is a FIFO (named pipe), not a shared-memory object (shm_open makes regular files) — someone else put it there: remove it (rm {0}) or choose another name",
            name.fs_path()
        )
    );
    let kind = std::fs::symlink_metadata(name.fs_path())
        .unwrap()
        .file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind));
}

/// A full /dev/shm (a 64 KiB tmpfs in a private mount namespace): ENOSPC from
/// posix_fallocate in one line, no SIGBUS, and the object it created is gone.
#[test]
fn a_full_dev_shm_is_one_enospc_line_and_leaves_nothing() {
    let script = "mount -t tmpfs -o size=64k none /dev/shm || exit 99
        \"$0\" \"$@\"; status=$?
        echo \"left: $(ls -A /dev/shm)\"; exit $status";
    let out = ipc_testkit::faults::in_private_mounts(
        script,
        &cargo_bin("posix-writer"),
        &["--name", "full", "--size", "1m", "--message", "no room"],
    )
    .env("IPC_LAB_LANG", "en")
    .output()
    .unwrap();
    let line = error_line(&out, 1);
    assert_eq!(
        line,
        "posix-writer: posix_fallocate(/full, 0, 1048576): ENOSPC (No space left on device) — /dev/shm has no room for 1048576 bytes (df -h /dev/shm shows its size and use): remove objects you no longer need (ipc-lab ls, ipc-lab clean) or ask for less"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.ends_with("left: \n"), "{stdout}");
}

/// The object removed while the writer waits to print (its stdout is a full pipe), before
/// it writes: the writer says the message is lost and fails, and removes nothing.
#[test]
fn a_writer_whose_object_was_removed_says_so_and_fails() {
    let (name, _rm) = fresh();
    let pipe = ipc_testkit::faults::FullPipe::new();
    let child = std::process::Command::new(cargo_bin("posix-writer"))
        .args(["--name", name.bare(), "--message", "lost"])
        .env("IPC_LAB_LANG", "en")
        .stdout(pipe.stdout())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while !shm_exists(&name) {
        assert!(
            start.elapsed().as_secs() < 20,
            "the writer never created it"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    nix::sys::mman::shm_unlink(name.as_str()).unwrap();
    let printed = pipe.drain();
    let out = child.wait_with_output().unwrap();
    let line = error_line(&out, 1);
    assert_eq!(
        line,
        format!(
            "posix-writer: {name}: was removed (shm_unlink) while the message was being written, so no reader will find it (a reader that ran too early, or someone else, removed it) — run the writer again"
        ),
        "{printed}"
    );
    assert!(!shm_exists(&name));
}
