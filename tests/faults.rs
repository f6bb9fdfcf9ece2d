//! Every program under hostile arguments and a stdout that cannot be written: no panic,
//! one line on stderr, a non-zero exit, and nothing left behind or lost.

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::process::{Output, Stdio};

use common::{program, program_path};
use ipc_support::ObjectName;
use ipc_support::unique::{unique_key, unique_name};
use ipc_testkit::{Ran, SysvKind, error_line, key_in_use, shm_exists, single_line};

/// A byte sequence that is not UTF-8.
fn not_utf8() -> &'static OsStr {
    OsStr::from_bytes(b"caf\xe9")
}

fn run(name: &str, args: &[&OsStr]) -> Output {
    program(name)
        .args(args)
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap()
}

/// A program given a non-UTF-8 argument where it takes a text, a name or a path either
/// uses its bytes (a message, a path) or refuses it in one line; it never panics.
#[test]
fn arguments_that_are_not_utf8_never_panic() {
    let bad = not_utf8();
    let o = OsStr::new;
    let queue = format!("/{}", unique_name("faults-args"));
    let cases: Vec<(&str, Vec<&OsStr>)> = vec![
        ("posix-writer", vec![o("--name"), bad]),
        ("posix-reader", vec![o("--name"), bad]),
        ("sysv-writer", vec![o("--path"), bad]),
        ("sysv-reader", vec![o("--path"), bad]),
        ("sysv-msg", vec![o("stat"), o("--path"), bad]),
        ("sysv-msg", vec![o("demo"), o("--message"), bad]),
        ("posix-mq", vec![o("create"), bad]),
        ("posix-mq", vec![o("send"), o(&queue), bad, o("--nonblock")]),
        ("sem-demos", vec![o("create"), bad]),
        ("mq-errors", vec![bad]),
        ("shm-errors", vec![bad]),
        ("mmap-kinds", vec![o("--dir"), bad]),
        ("ipc-lab", vec![bad]),
        ("ipc-lab", vec![o("clean"), o("--name"), bad]),
        ("ipc-lab", vec![o("hint"), bad]),
        ("ipc-lab", vec![o("grade"), o("--submission"), bad]),
        ("ipc-lab", vec![o("ls"), o("--lang"), bad]),
        ("ipc-bench", vec![o("--svg"), bad, o("--sizes"), bad]),
        ("ipc-bench", vec![o("--only"), bad]),
    ];
    for (name, args) in &cases {
        let out = run(name, args);
        let line = error_line(&out, out.status.code().filter(|&c| c != 0).unwrap_or(-1));
        assert!(line.starts_with(name), "{name} {args:?}: {line}");
    }
}

/// Text that is not UTF-8 is a message like any other: its bytes go into the object and
/// come out as the lesson's C reader would print them (here shown as U+FFFD).
#[test]
fn a_message_that_is_not_utf8_is_written_as_its_bytes() {
    let name = ObjectName::parse_shm(&unique_name("faults-bytes")).unwrap();
    let out = run(
        "posix-writer",
        &[
            OsStr::new("--name"),
            OsStr::new(name.as_str()),
            OsStr::new("--message"),
            not_utf8(),
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let read: Ran = run(
        "posix-reader",
        &[OsStr::new("--name"), OsStr::new(name.as_str())],
    )
    .into();
    assert_eq!(read.code, 0, "{read:?}");
    assert!(read.stdout.contains("Read data: caf\u{fffd}\n"), "{read:?}");
    assert!(!shm_exists(&name));
}

/// `PROGRAM ARGS > /dev/full`, in English.
fn output_to_full(name: &str, args: &[&str]) -> Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    std::process::Command::new(program_path(name))
        .env("IPC_LAB_LANG", "en")
        .args(args)
        .stdout(Stdio::from(full))
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

/// `PROGRAM ARGS > /dev/full`: the one error line, status 1, no panic.
fn to_full_stdout(name: &str, args: &[&str]) -> String {
    let out = output_to_full(name, args);
    let line = error_line(&out, 1);
    assert_eq!(
        line,
        format!("{name}: write(stdout): ENOSPC (No space left on device)"),
        "{name} {args:?}"
    );
    line
}

#[test]
fn a_stdout_that_cannot_be_written_is_one_line_and_a_failure() {
    for (name, args) in [
        ("ipc-lab", &["ls"][..]),
        ("ipc-lab", &["ls", "--json"]),
        ("ipc-lab", &["limits"]),
        ("ipc-lab", &["list"]),
        ("ipc-lab", &["hint", "ex01"]),
        ("mmap-kinds", &[]),
        ("mq-errors", &["enoent"]),
        ("sem-demos", &["enoent"]),
        ("shm-errors", &["eacces-mmap"]),
    ] {
        to_full_stdout(name, args);
    }
}

/// A writer that cannot say what it did removes what it made; a reader that cannot show the
/// message leaves it where it was, to be read again.
#[test]
fn nothing_is_left_or_lost_when_stdout_fails() {
    let name = ObjectName::parse_shm(&unique_name("faults-full")).unwrap();
    let n = name.as_str();
    to_full_stdout("posix-writer", &["--name", n, "--message", "kept"]);
    assert!(!shm_exists(&name), "the writer's object is removed");
    assert!(
        run(
            "posix-writer",
            &[
                OsStr::new("--name"),
                OsStr::new(n),
                OsStr::new("--message"),
                OsStr::new("kept")
            ]
        )
        .status
        .success()
    );
    to_full_stdout("posix-reader", &["--name", n]);
    assert!(shm_exists(&name), "the unread message stays");
    let read: Ran = run("posix-reader", &[OsStr::new("--name"), OsStr::new(n)]).into();
    assert!(read.stdout.contains("Read data: kept\n"), "{read:?}");
    assert!(!shm_exists(&name));

    let key = unique_key();
    let k = format!("{key}");
    to_full_stdout("sysv-writer", &["--key", &k, "--message", "kept"]);
    assert!(!key_in_use(SysvKind::SharedMemory, key));
    assert!(
        run(
            "sysv-writer",
            &[
                OsStr::new("--key"),
                OsStr::new(&k),
                OsStr::new("--message"),
                OsStr::new("kept")
            ]
        )
        .status
        .success()
    );
    to_full_stdout("sysv-reader", &["--key", &k]);
    assert!(
        key_in_use(SysvKind::SharedMemory, key),
        "the unread segment stays"
    );
    let read: Ran = run("sysv-reader", &[OsStr::new("--key"), OsStr::new(&k)]).into();
    assert!(read.stdout.contains("kept"), "{read:?}");
    assert!(!key_in_use(SysvKind::SharedMemory, key));

    let key = unique_key();
    to_full_stdout("sysv-msg", &["demo", "--key", &format!("{key}")]);
    assert!(!key_in_use(SysvKind::MessageQueue, key));
}

/// A message taken off a queue is never lost to a failed print: it is on stderr instead.
#[test]
fn a_received_message_that_cannot_be_printed_is_on_stderr() {
    let queue = format!("/{}", unique_name("faults-mq"));
    let q = queue.as_str();
    let ok = |args: &[&str]| {
        let out = program("posix-mq").args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    };
    ok(&["create", q, "--max-msgs", "2", "--msg-size", "64"]);
    ok(&["send", q, "two\nlines", "--priority", "3"]);
    let out = output_to_full("posix-mq", &["receive", q, "--nonblock"]);
    ok(&["unlink", q]);
    let line = error_line(&out, 1);
    assert!(
        line.starts_with("posix-mq: write(stdout): ENOSPC (No space left on device) — "),
        "{line}"
    );
    assert!(
        line.ends_with(&format!(
            "taken off {q}, so here it is: priority 3: two\\nlines"
        )),
        "{line}"
    );
    single_line(&out.stderr);
}

/// ipc-bench's figures are its whole output: when they cannot be written, the run failed.
#[test]
fn ipc_bench_fails_when_its_output_cannot_be_written() {
    to_full_stdout(
        "ipc-bench",
        &[
            "--quick", "--json", "--only", "pipe", "--sizes", "64", "--reps", "1",
        ],
    );
}
