//! mq-claims as a user runs it: each claim of lesson 003 about queues shown by what the
//! kernel did (what each call returned, the State of a blocked process, the messages
//! counted), and no queue left behind.

use assert_cmd::cargo::cargo_bin_cmd;
use ipc_testkit::{Ran, assert_usage_errors};

fn run(args: &[&str]) -> Ran {
    cargo_bin_cmd!("mq-claims")
        .env("IPC_LAB_LANG", "en")
        .args(args)
        .output()
        .unwrap()
        .into()
}

/// The queue names the program printed (`/mq-claims-…`), each checked to be gone.
fn assert_queues_gone(stdout: &str) {
    let names: Vec<&str> = stdout
        .split_whitespace()
        .filter(|w| w.starts_with("/mq-claims-"))
        .collect();
    for name in names {
        let still = nix::mqueue::mq_open(
            name,
            nix::mqueue::MQ_OFlag::O_RDONLY,
            nix::sys::stat::Mode::empty(),
            None,
        );
        assert_eq!(
            still.err(),
            Some(nix::errno::Errno::ENOENT),
            "{name} left behind"
        );
    }
}

/// The numbers in `line`, in order.
fn numbers(line: &str) -> Vec<u64> {
    line.split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect()
}

#[test]
fn a_pipe_is_one_stream_and_a_queue_keeps_three_messages() {
    let out = run(&["boundaries"]);
    assert_eq!(out.code, 0, "{out:?}");
    let s = &out.stdout;
    assert!(
        s.contains("pipe: 3× write(), then 1× read() until end of file returned: \"onetwothree\""),
        "{s}"
    );
    let three = "\"one\" | \"two\" | \"three\"";
    assert!(
        s.contains(&format!("3× mq_receive() until empty returned: {three}")),
        "{s}"
    );
    assert!(
        s.contains(&format!("3× msgrcv() until empty returned: {three}")),
        "{s}"
    );
}

#[test]
fn a_sender_on_a_full_queue_sleeps_until_a_receive() {
    let out = run(&["block-send"]);
    assert_eq!(out.code, 0, "{out:?}");
    let s = &out.stdout;
    assert!(s.contains("holds 1 of 1 message: it is full"), "{s}");
    let asleep = s
        .lines()
        .find(|l| l.contains("is blocked in mq_send"))
        .unwrap();
    assert!(asleep.contains("State: S (sleeping)"), "{asleep}");
    // The order the lesson gives: asleep, then the receive, then the send returns.
    let at = |n: &str| s.find(n).unwrap_or_else(|| panic!("{n}: {s}"));
    assert!(at("is blocked in mq_send") < at("the parent received \"the message that fills"));
    assert!(
        at("the parent received \"the message")
            < at("its mq_send returned and it exited with status 0")
    );
    assert!(s.contains("the parent received the child's message: \"sent by the blocked process\""));
    assert_queues_gone(s);
}

#[test]
fn a_receiver_on_an_empty_queue_sleeps_until_a_send() {
    let out = run(&["block-receive"]);
    assert_eq!(out.code, 0, "{out:?}");
    let s = &out.stdout;
    assert!(s.contains("holds 0 messages: it is empty"), "{s}");
    let asleep = s
        .lines()
        .find(|l| l.contains("is blocked in mq_receive"))
        .unwrap();
    assert!(asleep.contains("State: S (sleeping)"), "{asleep}");
    let at = |n: &str| s.find(n).unwrap_or_else(|| panic!("{n}: {s}"));
    assert!(at("is blocked in mq_receive") < at("the parent sends"));
    assert!(
        at("the parent sends")
            < at("the child's mq_receive returned: \"sent by the blocked process\"")
    );
    assert_queues_gone(s);
}

#[test]
fn producers_without_a_lock_lose_no_message_and_a_shared_counter_loses_updates() {
    let out = run(&["producers", "--producers", "3", "--messages", "500"]);
    assert_eq!(out.code, 0, "{out:?}");
    let s = &out.stdout;
    let queue = s
        .lines()
        .find(|l| l.starts_with("message queue, no lock"))
        .unwrap();
    // 3 producers × 500 messages: 1500/1500 received, 0 twice, 0 out of order.
    assert_eq!(numbers(queue), vec![3, 500, 1500, 1500, 0, 0], "{queue}");
    let counter = s
        .lines()
        .rfind(|l| l.starts_with("shared counter, no lock"))
        .unwrap();
    let n = numbers(counter);
    let (got, expected, lost) = (n[2], n[3], n[4]);
    assert_eq!(expected, 3 * n[1]);
    assert!(lost > 0 && got + lost == expected, "{counter}");
}

#[test]
fn usage_errors_are_one_line() {
    assert_usage_errors(
        "mq-claims",
        &[
            (&["producers", "--producers", "1"], "--producers"),
            (&["producers", "--messages", "0"], "--messages"),
            (&["nothing"], "nothing"),
        ],
        |args| {
            cargo_bin_cmd!("mq-claims")
                .env("IPC_LAB_LANG", "en")
                .args(args)
                .output()
                .unwrap()
        },
    );
}
