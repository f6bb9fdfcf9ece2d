//! End-to-end tests of posix-mq: what a user sees, exit statuses, and no queue left behind.

use std::time::Duration;

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use assert_cmd::cargo::cargo_bin_cmd;
use ipc_support::unique::unique_name;
use ipc_support::{Cleanup, ObjectName, mq};
use ipc_testkit::interrupt_when_blocked;
use nix::mqueue::{MQ_OFlag, mq_open, mq_receive, mq_send};
use nix::sys::stat::Mode;
use predicates::prelude::*;
use predicates::str::contains;

/// A fresh queue name and a guard that unlinks it whatever the test does.
fn fresh() -> (ObjectName, Cleanup) {
    let name = ObjectName::parse_mq(&format!("/{}", unique_name("posix-mq-test"))).unwrap();
    let guard = Cleanup::mq(&name);
    (name, guard)
}

fn cmd() -> Command {
    let mut cmd = cargo_bin_cmd!("posix-mq");
    cmd.env("IPC_LAB_LANG", "en");
    cmd
}

fn run(args: &[&str]) -> Assert {
    cmd().args(args).assert()
}

/// `posix-mq create NAME --max-msgs MAX --msg-size SIZE EXTRA…`.
fn create(name: &ObjectName, max_msgs: &str, msg_size: &str, extra: &[&str]) -> Assert {
    let sizes = ["--max-msgs", max_msgs, "--msg-size", msg_size];
    cmd()
        .args(["create", name.as_str()])
        .args(sizes)
        .args(extra)
        .assert()
}

/// Creates a small queue (4 messages of 128 bytes) through the program.
fn create_small(name: &ObjectName) {
    create(name, "4", "128", &[])
        .success()
        .stdout(contains(format!(
            "created {name}: up to 4 messages of 128 bytes, mode 0600"
        )))
        .stdout(contains(format!("posix-mq unlink {name}")));
}

fn gone(name: &ObjectName, guard: Cleanup) {
    guard.run_now().ok();
    assert!(!mq::exists(name), "{name} was left behind");
}

#[test]
fn help_explains_the_concept() {
    run(&["--help"])
        .success()
        .stdout(contains("highest\npriority").or(contains("highest priority")))
        .stdout(contains("create"))
        .stdout(contains("unlink"));
    run(&["send", "--help"])
        .success()
        .stdout(contains("--priority"))
        .stdout(contains("--nonblock"))
        .stdout(contains("--timeout"));
}

#[test]
fn create_attr_unlink() {
    let (name, guard) = fresh();
    create_small(&name);
    assert!(mq::exists(&name));
    run(&["attr", name.as_str()])
        .success()
        .stdout(contains("mq_maxmsg       4"))
        .stdout(contains("mq_msgsize    128"))
        .stdout(contains("mq_curmsgs      0"));
    run(&["unlink", name.as_str()])
        .success()
        .stdout(contains(format!("unlinked {name}")));
    assert!(!mq::exists(&name));
    run(&["unlink", name.as_str()])
        .code(1)
        .stderr(contains(format!("mq_unlink({name}): ENOENT")));
    gone(&name, guard);
}

#[test]
fn messages_come_out_by_priority_then_in_order() {
    let (name, guard) = fresh();
    create_small(&name);
    for (text, prio) in [
        ("low", "1"),
        ("high", "9"),
        ("mid", "5"),
        ("mid again", "5"),
    ] {
        run(&["send", name.as_str(), text, "--priority", prio])
            .success()
            .stdout(contains(format!("to {name} with priority {prio}")));
    }
    run(&["attr", name.as_str()])
        .success()
        .stdout(contains("mq_curmsgs      4"));
    for expected in [
        "priority 9: high\n",
        "priority 5: mid\n",
        "priority 5: mid again\n",
        "priority 1: low\n",
    ] {
        run(&["receive", name.as_str()]).success().stdout(expected);
    }
    gone(&name, guard);
}

#[test]
fn a_full_length_message_arrives_intact() {
    let (name, guard) = fresh();
    create_small(&name);
    let text = "é".repeat(64); // 128 bytes of UTF-8: exactly mq_msgsize
    run(&["send", name.as_str(), &text, "-p", "3"]).success();
    run(&["receive", name.as_str()])
        .success()
        .stdout(format!("priority 3: {text}\n"));
    let too_long = "x".repeat(129);
    run(&["send", name.as_str(), &too_long])
        .code(1)
        .stderr(contains("EMSGSIZE"))
        .stderr(contains("mq_getattr"));
    gone(&name, guard);
}

#[test]
fn nonblock_gives_eagain_when_empty_or_full() {
    let (name, guard) = fresh();
    create_small(&name);
    run(&["receive", name.as_str(), "--nonblock"])
        .code(1)
        .stderr(contains(format!(
            "mq_receive({name}, buffer of 128 bytes): EAGAIN"
        )))
        .stderr(contains("empty"));
    for _ in 0..4 {
        run(&["send", name.as_str(), "x", "--nonblock"]).success();
    }
    run(&["send", name.as_str(), "x", "--nonblock"])
        .code(1)
        .stderr(contains("mq_send("))
        .stderr(contains("EAGAIN"))
        .stderr(contains("full"));
    gone(&name, guard);
}

#[test]
fn timeouts_give_etimedout() {
    let (name, guard) = fresh();
    create_small(&name);
    run(&["receive", name.as_str(), "--timeout", "0.1"])
        .code(1)
        .stderr(contains("mq_timedreceive("))
        .stderr(contains("ETIMEDOUT"));
    for _ in 0..4 {
        run(&["send", name.as_str(), "x", "--timeout", "1"]).success();
    }
    run(&["send", name.as_str(), "x", "--timeout", "0.1"])
        .code(1)
        .stderr(contains("mq_timedsend("))
        .stderr(contains("ETIMEDOUT"));
    run(&["receive", name.as_str(), "--timeout", "1"])
        .success()
        .stdout("priority 0: x\n");
    gone(&name, guard);
}

#[test]
fn usage_errors_exit_2() {
    run(&["receive", "/q", "--nonblock", "--timeout", "1"]).code(2);
    run(&["send", "/q", "x", "--priority", "32768"]).code(2);
    run(&["send", "/q", "x", "--timeout", "0"]).code(2);
    run(&["create", "/q", "--max-msgs", "0"]).code(2);
    run(&["create", "/q", "--mode", "999"]).code(2);
}

#[test]
fn names_are_checked_before_any_call() {
    run(&["create", "noslash"])
        .code(2)
        .stderr(contains("must start with '/'"));
    run(&["send", "/a/b", "x"])
        .code(2)
        .stderr(contains("'/' inside"));
    let long = format!("/{}", "x".repeat(256));
    run(&["attr", &long])
        .code(2)
        .stderr(contains("limit is 255"));
}

#[test]
fn missing_queue_is_enoent_with_the_fix() {
    let (name, guard) = fresh();
    for args in [
        vec!["send", name.as_str(), "x"],
        vec!["receive", name.as_str(), "--nonblock"],
        vec!["attr", name.as_str()],
    ] {
        run(&args)
            .code(1)
            .stderr(contains(format!("mq_open({name}, O_")))
            .stderr(contains("ENOENT"))
            .stderr(contains(format!("posix-mq create {name}")));
    }
    gone(&name, guard);
}

#[test]
fn exclusive_and_existing_queues() {
    let (name, guard) = fresh();
    create_small(&name);
    run(&["create", name.as_str(), "--max-msgs", "2", "--exclusive"])
        .code(1)
        .stderr(contains("O_EXCL"))
        .stderr(contains("EEXIST"));
    create(&name, "2", "16", &[])
        .success()
        .stdout(contains("exists already"))
        .stdout(contains("4 messages of 128 bytes"));
    gone(&name, guard);
}

#[test]
fn beyond_kernel_limits_is_einval_and_nothing_is_created() {
    let (name, guard) = fresh();
    let msg_max = mq::kernel_limits().unwrap().msg_max;
    if mq::has_cap_sys_resource() {
        // The /proc limit does not bind this process; the kernel's own ceiling
        // (HARD_MSGMAX, 65536 messages) still does.
        create(&name, "65537", "16", &[])
            .code(1)
            .stderr(contains("EINVAL"));
    } else {
        create(&name, &(msg_max + 1).to_string(), "16", &[])
            .code(1)
            .stderr(contains("EINVAL"))
            .stderr(contains("msg_max"));
    }
    assert!(!mq::exists(&name));
    gone(&name, guard);
}

#[test]
fn world_writable_mode_warns() {
    let (name, guard) = fresh();
    create(&name, "1", "8", &["--mode", "666"])
        .success()
        .stderr(contains("warning"))
        .stdout(contains("mode 0666"));
    gone(&name, guard);
}

#[test]
fn other_programs_share_the_same_kernel_queue() {
    let (name, guard) = fresh();
    create_small(&name);
    // This test sends (mq_send), the program receives; then the other way round.
    let q = mq_open(name.as_str(), MQ_OFlag::O_RDWR, Mode::empty(), None).unwrap();
    mq_send(&q, b"from the library", 7).unwrap();
    run(&["receive", name.as_str()])
        .success()
        .stdout("priority 7: from the library\n");
    run(&["send", name.as_str(), "from the program", "-p", "2"]).success();
    let mut buf = [0u8; 128];
    let mut priority = 0;
    let n = mq_receive(&q, &mut buf, &mut priority).unwrap();
    assert_eq!((priority, &buf[..n]), (2, &b"from the program"[..]));
    nix::mqueue::mq_close(q).unwrap();
    gone(&name, guard);
}

/// Starts posix-mq with `args`, waits until it blocks, presses Ctrl-C, returns its output.
fn interrupt_blocked(args: &[&str]) -> std::process::Output {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin!("posix-mq"));
    command.env("IPC_LAB_LANG", "en");
    command.args(args);
    interrupt_when_blocked(&mut command, Duration::from_secs(30)).unwrap()
}

#[test]
fn ctrl_c_ends_a_blocked_receive_with_130() {
    let (name, guard) = fresh();
    create_small(&name);
    let out = interrupt_blocked(&["receive", name.as_str()]);
    assert_eq!(out.status.code(), Some(130), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("interrupted by SIGINT"), "{stderr}");
    assert!(!stderr.contains("panic"), "{stderr}");
    // The queue is intact and still usable.
    run(&["attr", name.as_str()])
        .success()
        .stdout(contains("mq_curmsgs      0"));
    gone(&name, guard);
}

#[test]
fn ctrl_c_ends_a_blocked_send_with_130() {
    let (name, guard) = fresh();
    create_small(&name);
    for _ in 0..4 {
        run(&["send", name.as_str(), "x"]).success();
    }
    let out = interrupt_blocked(&["send", name.as_str(), "fifth"]);
    assert_eq!(out.status.code(), Some(130), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("mq_send("));
    run(&["attr", name.as_str()])
        .success()
        .stdout(contains("mq_curmsgs      4"));
    gone(&name, guard);
}

#[test]
fn explanations_in_vietnamese() {
    let (name, guard) = fresh();
    create(&name, "1", "8", &["--lang", "vi"])
        .success()
        .stdout(contains(format!("đã tạo {name}")));
    run(&["attr", name.as_str(), "--lang", "vi"])
        .success()
        .stdout(contains("số thông điệp đang chờ"));
    run(&["unlink", name.as_str(), "--lang", "vi"])
        .success()
        .stdout(contains(format!("đã unlink {name}")));
    gone(&name, guard);
}

#[test]
fn errors_explained_in_vietnamese() {
    run(&["--lang", "vi", "create", "noslash"])
        .code(2)
        .stderr(contains(
            "tên message queue 'noslash' phải bắt đầu bằng '/'",
        ))
        .stderr(contains("(xem posix-mq --help)"));
    let (name, guard) = fresh();
    run(&["receive", name.as_str(), "--nonblock", "--lang", "vi"])
        .code(1)
        .stderr(contains(format!("mq_open({name}, O_")))
        .stderr(contains("ENOENT (No such file or directory) — "))
        .stderr(contains(format!(
            "hãy tạo nó trước (posix-mq create {name})"
        )));
    gone(&name, guard);
}
