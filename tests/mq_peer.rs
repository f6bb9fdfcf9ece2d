//! `posix-mq` speaks the kernel's queue, not a private format: a C program that uses only
//! mq_open/mq_send/mq_receive (tests/c/mq_peer.c) exchanges messages with it in both
//! directions, delivered highest priority first, FIFO within a priority, text intact.
//!
//! Every queue is small (4 messages of 128 bytes), uniquely named and unlinked by a guard,
//! also when an assertion fails.

mod common;

use common::{c_peer, program, stdout_of};
use ipc_support::unique::unique_name;
use ipc_support::{Cleanup, ObjectName, mq};
use predicates::prelude::*;

/// What each test sends, in sending order: equal priorities, UTF-8, inner spaces. The queue
/// holds 4, so all of them fit without blocking.
const SENT: [(u32, &str); 4] = [
    (1, "low, sent first"),
    (5, "xin chào"),
    (9, "urgent: đọc ngay"),
    (5, "second  at five"),
];

/// The lines a receiver prints for SENT: highest priority first, FIFO within a priority.
const EXPECTED: &str = "priority 9: urgent: đọc ngay\n\
                        priority 5: xin chào\n\
                        priority 5: second  at five\n\
                        priority 1: low, sent first\n";

/// A new queue of 4 x 128 bytes made by `posix-mq create`, and the guard that unlinks it.
fn small_queue(prefix: &str) -> (ObjectName, Cleanup) {
    let name = ObjectName::parse_mq(&format!("/{}", unique_name(prefix))).unwrap();
    let guard = Cleanup::mq(&name);
    program("posix-mq")
        .args([
            "create",
            name.as_str(),
            "--max-msgs",
            "4",
            "--msg-size",
            "128",
        ])
        .arg("--exclusive")
        .assert()
        .success();
    (name, guard)
}

/// The queue is empty: a non-blocking receive fails with EAGAIN.
fn assert_empty(name: &ObjectName) {
    program("posix-mq")
        .args(["receive", name.as_str(), "--nonblock"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("EAGAIN"));
}

/// Unlinks now (the guard's work) and checks that the name is gone.
fn remove(name: &ObjectName, guard: Cleanup) {
    guard.run_now().expect("mq_unlink");
    assert!(!mq::exists(name), "{name} is still there");
}

#[test]
fn the_c_peer_sends_and_posix_mq_receives_by_priority() {
    let (name, guard) = small_queue("e2e-c-to-mq");
    for (prio, text) in SENT {
        c_peer("mq_peer")
            .args(["send", name.as_str(), &prio.to_string(), text])
            .assert()
            .success()
            .stdout("")
            .stderr("");
    }
    let mut received = String::new();
    for _ in SENT {
        let out = program("posix-mq")
            .args(["receive", name.as_str(), "--nonblock"])
            .output()
            .expect("run posix-mq receive");
        assert!(
            out.status.success(),
            "posix-mq receive failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        received.push_str(&stdout_of(&out));
    }
    assert_eq!(received, EXPECTED);
    assert_empty(&name);
    remove(&name, guard);
}

#[test]
fn posix_mq_sends_and_the_c_peer_receives_by_priority() {
    let (name, guard) = small_queue("e2e-mq-to-c");
    for (prio, text) in SENT {
        program("posix-mq")
            .args(["send", name.as_str(), text, "--priority", &prio.to_string()])
            .arg("--nonblock")
            .assert()
            .success();
    }
    c_peer("mq_peer")
        .args(["receive", name.as_str(), &SENT.len().to_string()])
        .assert()
        .success()
        .stdout(EXPECTED)
        .stderr("");
    assert_empty(&name);
    remove(&name, guard);
}

#[test]
fn the_c_peer_words_make_one_message() {
    // `mq_peer send NAME PRIO A B` joins its words like echo: one message "A B".
    let (name, guard) = small_queue("e2e-c-words");
    c_peer("mq_peer")
        .args(["send", name.as_str(), "3", "hai", "từ"])
        .assert()
        .success();
    program("posix-mq")
        .args(["receive", name.as_str(), "--nonblock"])
        .assert()
        .success()
        .stdout("priority 3: hai từ\n");
    remove(&name, guard);
}
