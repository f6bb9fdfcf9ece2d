//! sysv-writer as a user runs it: what it prints, what it leaves in the kernel, and how it
//! refuses bad input. The segment is checked with the lesson's calls, not with sysv-reader.

use std::io::BufReader;

use assert_cmd::Command;
use assert_cmd::cargo::{cargo_bin, cargo_bin_cmd};
use ipc_support::unique::unique_key;
use ipc_sys::ipc::{SysvKey, ftok};
use ipc_testkit::sysv::{create_segment, segment_stat, segment_text};
use ipc_testkit::{
    ScratchDir, SysvKind, assert_usage_errors, error_line, key_in_use, lock_fixed_names,
    remove_sysv_key_on_drop, single_line, spawn_until_line,
};
use predicates::prelude::*;

fn writer() -> Command {
    let mut cmd = cargo_bin_cmd!("sysv-writer");
    cmd.env("IPC_LAB_LANG", "en");
    cmd
}

fn text_in(key: SysvKey) -> String {
    segment_text(key)
}

fn gone(key: SysvKey) -> bool {
    !key_in_use(SysvKind::SharedMemory, key)
}

#[test]
fn writes_the_message_and_leaves_the_segment() {
    let key = unique_key();
    let _rm = remove_sysv_key_on_drop(key);
    writer()
        .args(["--key", &key.to_string(), "--message", "hello"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("key {key}, shmid ")))
        .stdout(predicate::str::contains(
            "1024 bytes (new segment, mode 0600)",
        ))
        .stdout(predicate::str::contains("wrote 6 bytes at offset 0"))
        .stdout(predicate::str::contains(format!(
            "cargo run -p sysv-reader -- --key {key}"
        )));
    assert_eq!(text_in(key), "hello");
    let st = segment_stat(key);
    assert_eq!(
        (st.shm_segsz, st.shm_perm.mode & 0o777, st.shm_nattch),
        (1024, 0o600, 0)
    );
}

#[test]
fn reads_one_line_from_stdin_without_its_newline() {
    let key = unique_key();
    let _rm = remove_sysv_key_on_drop(key);
    writer()
        .args(["--key", &key.to_string()])
        .write_stdin("from stdin\nsecond line is ignored\n")
        .assert()
        .success();
    assert_eq!(text_in(key), "from stdin");
}

#[test]
fn empty_stdin_is_refused_and_creates_nothing() {
    let key = unique_key();
    let _rm = remove_sysv_key_on_drop(key);
    let line = error_line(
        writer()
            .args(["--key", &key.to_string()])
            .write_stdin("")
            .assert()
            .get_output(),
        1,
    );
    assert!(line.contains("stdin ended"));
    assert!(gone(key));
}

#[test]
fn default_key_is_ftok_of_shmfile_65_in_the_current_directory() {
    let _lock = lock_fixed_names();
    let dir = ScratchDir::with_shmfile("sysv-writer-default");
    let key = ftok(&dir.join("shmfile"), 65).unwrap();
    let _rm = remove_sysv_key_on_drop(key);
    writer()
        .current_dir(dir.path())
        .args(["--message", "lesson default"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("key {key}")))
        .stdout(predicate::str::contains("`cargo run -p sysv-reader`"));
    assert_eq!(text_in(key), "lesson default");
}

#[test]
fn missing_key_file_says_how_to_fix_it() {
    let dir = ScratchDir::new("sysv-writer-nofile");
    let line = error_line(
        writer()
            .current_dir(dir.path())
            .args(["--message", "x"])
            .assert()
            .get_output(),
        1,
    );
    assert!(
        line.starts_with("sysv-writer: ftok(./shmfile, 65): ENOENT"),
        "{line}"
    );
    assert!(line.contains("touch ./shmfile"), "{line}");
}

#[test]
fn exclusive_refuses_an_existing_key_with_eexist() {
    let key = unique_key();
    create_segment(key, 64);
    let _rm = remove_sysv_key_on_drop(key);
    let line = error_line(
        writer()
            .args(["--key", &key.to_string(), "--size", "64", "--exclusive"])
            .args(["--message", "x"])
            .assert()
            .get_output(),
        1,
    );
    assert!(line.contains("IPC_CREAT|IPC_EXCL"), "{line}");
    assert!(line.contains("EEXIST (File exists)"), "{line}");
    // The segment that was there before is left alone.
    assert!(!gone(key));
}

#[test]
fn existing_segment_is_reused_and_smaller_one_is_einval() {
    let key = unique_key();
    create_segment(key, 16);
    let _rm = remove_sysv_key_on_drop(key);
    writer()
        .args([
            "--key",
            &key.to_string(),
            "--size",
            "16",
            "--message",
            "again",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("existing segment"));
    assert_eq!(text_in(key), "again");
    let line = error_line(
        writer()
            .args(["--key", &key.to_string(), "--message", "too big"])
            .assert()
            .get_output(),
        1,
    );
    assert!(line.contains("EINVAL"), "{line}");
    assert!(line.contains("smaller than the size asked for"), "{line}");
    assert!(!gone(key), "a segment we did not create must stay");
}

#[test]
fn message_longer_than_the_segment_is_refused_not_truncated() {
    let key = unique_key();
    let _rm = remove_sysv_key_on_drop(key);
    let line = error_line(
        writer()
            .args([
                "--key",
                &key.to_string(),
                "--size",
                "8",
                "--message",
                "123456789",
            ])
            .assert()
            .get_output(),
        1,
    );
    assert!(line.contains("at most 7 bytes of text"), "{line}");
    assert!(line.contains("--size 10"), "{line}");
    assert!(gone(key));
}

#[test]
fn mode_0666_warns_and_is_applied() {
    let key = unique_key();
    let _rm = remove_sysv_key_on_drop(key);
    let out = writer()
        .args([
            "--key",
            &key.to_string(),
            "--mode",
            "0666",
            "--message",
            "x",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(single_line(&out.stderr).contains("every user"));
    assert_eq!(segment_stat(key).shm_perm.mode & 0o777, 0o666);
}

#[test]
fn bad_arguments_are_one_line_usage_errors() {
    let key = unique_key();
    let _rm = remove_sysv_key_on_drop(key);
    let k = key.to_string();
    let cases: [(&[&str], &str); 13] = [
        (&["--size", "-5"], "not a size"),
        (&["--size", "0"], "at least 1 byte"),
        (&["--size", "99999999999"], "more than 1 GiB"),
        (&["--size", "lots"], "not a size"),
        (&["--key", "0xZZ"], "is not a key"),
        (&["--key", ""], "is not a key"),
        (&["--key", "0x0"], "IPC_PRIVATE"),
        (&["--key", "-5"], "is not a key"),
        (&["--proj-id", "-1"], "project id"),
        (&["--proj-id", "0"], "project id"),
        (&["--mode", "888"], "not a permission mode"),
        (&["--timeout", "1"], "--wait-reader"),
        (&["--wait-reader", "--timeout", "-1"], "not a timeout"),
    ];
    assert_usage_errors("sysv-writer", &cases, |bad| {
        let mut cmd = writer();
        if !bad.contains(&"--key") && !bad.contains(&"--proj-id") {
            cmd.args(["--key", &k]);
        }
        cmd.args(bad).args(["--message", "x"]).output().unwrap()
    });
    assert!(gone(key));
}

#[test]
fn wait_reader_times_out_and_removes_the_unread_segment() {
    let key = unique_key();
    let _rm = remove_sysv_key_on_drop(key);
    let line = error_line(
        writer()
            .args(["--key", &key.to_string(), "--message", "nobody reads me"])
            .args(["--wait-reader", "--timeout", "0.2"])
            .assert()
            .stdout(predicate::str::contains("waiting for a reader"))
            .get_output(),
        1,
    );
    assert!(
        line.contains("no reader attached and detached within 0.2 s"),
        "{line}"
    );
    assert!(line.contains("removed"), "{line}");
    assert!(gone(key));
}

/// Starts `sysv-writer --wait-reader` and returns once it says it is waiting.
fn start_waiting_writer(
    key: SysvKey,
) -> (std::process::Child, BufReader<std::process::ChildStdout>) {
    let (child, out, _) = spawn_until_line(
        std::process::Command::new(cargo_bin!("sysv-writer"))
            .env("IPC_LAB_LANG", "en")
            .args(["--key", &key.to_string(), "--message", "waiting"])
            .args(["--wait-reader", "--timeout", "60"]),
        "waiting for a reader",
    );
    (child, out)
}

#[test]
fn wait_reader_returns_once_a_reader_attached_and_detached() {
    let key = unique_key();
    let _rm = remove_sysv_key_on_drop(key);
    let (child, mut out) = start_waiting_writer(key);
    assert_eq!(text_in(key), "waiting"); // attaches, reads, detaches: a reader
    let status = child.wait_with_output().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
    assert!(status.status.success(), "{:?}", status);
    assert!(
        rest.contains(&format!(
            "a reader (pid {}) attached and detached",
            std::process::id()
        )),
        "{rest}"
    );
    assert!(!gone(key), "the segment stays for others");
}

#[test]
fn ctrl_c_while_waiting_exits_130_and_removes_the_segment() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    let key = unique_key();
    let _rm = remove_sysv_key_on_drop(key);
    let (child, _out) = start_waiting_writer(key);
    kill(
        Pid::from_raw(i32::try_from(child.id()).expect("a pid fits pid_t")),
        Signal::SIGINT,
    )
    .unwrap();
    let status = child.wait_with_output().unwrap();
    assert_eq!(status.status.code(), Some(130));
    let line = single_line(&status.stderr);
    assert!(line.contains("interrupted by SIGINT"), "{line}");
    assert!(gone(key));
}

/// `--help` and usage errors are all Vietnamese under --lang vi or LANG=vi_VN.UTF-8: no
/// heading, flag or sentence of clap's English left.
#[test]
fn help_and_usage_errors_are_vietnamese_when_asked() {
    let out = writer().args(["--help", "--lang", "vi"]).output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for vi in [
        "Cách dùng: sysv-writer",
        "Tùy chọn:",
        "Kích thước segment tính bằng byte",
        "[mặc định: 1024]",
        "[giá trị có thể: en, vi]",
        "In phần trợ giúp",
        "Segment vẫn tồn tại sau khi chương trình này kết thúc",
    ] {
        assert!(help.contains(vi), "no {vi:?} in:\n{help}");
    }
    for en in [
        "Usage:",
        "Options:",
        "Print help",
        "Print version",
        "[default:",
        "Size of the segment",
    ] {
        assert!(!help.contains(en), "{en:?} in:\n{help}");
    }
    let refused = writer()
        .env_remove("IPC_LAB_LANG")
        .env("LANG", "vi_VN.UTF-8")
        .args(["--size", "0"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let line = single_line(&refused.stderr);
    assert!(
        line.starts_with("sysv-writer: giá trị '0' không hợp lệ cho '--size <SIZE>': "),
        "{line}"
    );
    assert!(line.ends_with("(xem sysv-writer --help)"), "{line}");
    for en in ["invalid value", " for ", "see "] {
        assert!(!line.contains(en), "{line}");
    }
}

/// The segment removed (IPC_RMID) while the writer is attached and waits to print (its
/// stdout is a full pipe): the writer says the message is lost and fails.
#[test]
fn a_writer_whose_segment_was_removed_says_so_and_fails() {
    use ipc_sys::shm::{ShmctlCmd, shmctl};
    let key = unique_key();
    let _rm = remove_sysv_key_on_drop(key);
    let pipe = ipc_testkit::faults::FullPipe::new();
    let child = std::process::Command::new(cargo_bin("sysv-writer"))
        .args(["--key", &key.to_string(), "--message", "lost"])
        .env("IPC_LAB_LANG", "en")
        .stdout(pipe.stdout())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Attached (nattch 1): it is blocked on its first print, before the text goes in.
    let start = std::time::Instant::now();
    while !key_in_use(SysvKind::SharedMemory, key) || segment_stat(key).shm_nattch != 1 {
        assert!(start.elapsed().as_secs() < 20, "the writer never attached");
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let id = ipc_testkit::sysv::segment(key);
    shmctl(id, ShmctlCmd::IPC_RMID).unwrap();
    let printed = pipe.drain();
    let out = child.wait_with_output().unwrap();
    let line = error_line(&out, 1);
    assert_eq!(
        line,
        format!(
            "sysv-writer: key {key}, shmid {id}: was removed (IPC_RMID) while the message was being written, so no reader will find it (a reader that ran too early, or someone else, removed it) — run the writer again"
        ),
        "{printed}"
    );
    assert!(gone(key));
}
