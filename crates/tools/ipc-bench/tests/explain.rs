//! `ipc-bench --explain`: per message, what the kernel counted for each mechanism: the
//! system calls of each side (ptrace), the bytes they carried, /proc/PID/io, and the
//! switches. Asserts the counts the lessons' claim is about (the calls and the bytes, which
//! do not depend on the machine's speed), never a timing; and that nothing is left.
//! A file of its own: the leftover check (tests/common) sees every System V queue.

use assert_cmd::cargo::cargo_bin_cmd;

mod common;
use common::{assert_nothing_new_left, leftovers};

/// A row of the table: mechanism, sender's calls, receiver's calls, kernel bytes and
/// copies, /proc io, voluntary and involuntary switches.
fn row<'a>(stdout: &'a str, mechanism: &str) -> Vec<&'a str> {
    let line = stdout
        .lines()
        .find(|l| l.starts_with(&format!("{mechanism:<9} │")))
        .unwrap_or_else(|| panic!("no row for {mechanism}:\n{stdout}"));
    line.split('│').map(str::trim).collect()
}

#[test]
fn every_message_costs_a_call_and_two_copies_through_the_kernel_but_not_in_shared_memory() {
    let before = leftovers();
    let out = cargo_bin_cmd!("ipc-bench")
        .env("IPC_LAB_LANG", "en")
        .args(["--explain", "--sizes", "4K"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("1000 messages of 4 KiB, one way"),
        "{stdout}"
    );
    for (mechanism, send, receive) in [
        ("pipe", "write", "read"),
        ("fifo", "write", "read"),
        ("socket", "write", "read"),
        ("posix-mq", "mq_timedsend", "mq_timedreceive"),
        ("sysv-msg", "msgsnd", "msgrcv"),
    ] {
        let r = row(&stdout, mechanism);
        // One call per message on each side, 4096 bytes in and 4096 out.
        assert_eq!(r[1], format!("1.00 {send}"), "{mechanism}: {r:?}");
        assert_eq!(r[2], format!("1.00 {receive}"), "{mechanism}: {r:?}");
        assert_eq!(r[3], "8192   2.0×", "{mechanism}: {r:?}");
        // /proc/PID/io counts read and write calls only.
        let io = if send == "write" {
            "4096 / 4096"
        } else {
            "0 / 0"
        };
        assert_eq!(r[4], io, "{mechanism}: {r:?}");
    }
    for mechanism in ["shm-sem", "ring"] {
        let r = row(&stdout, mechanism);
        assert_eq!(r[3], "0   0.0×", "{mechanism}: {r:?}");
        assert_eq!(r[4], "0 / 0", "{mechanism}: {r:?}");
        // The kernel is called only to sleep or to wake.
        for calls in [r[1], r[2]] {
            assert!(
                calls == "0.00" || calls.ends_with(" futex") && !calls.contains('+'),
                "{mechanism}: {r:?}"
            );
        }
    }
    assert!(stdout.contains("As the lessons say"), "{stdout}");
    assert_nothing_new_left(&before);
}

#[test]
fn explain_is_refused_with_the_timing_options() {
    let out = cargo_bin_cmd!("ipc-bench")
        .args(["--explain", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("ipc-bench: ") && err.contains("--json"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}
