//! End-to-end tests of sysv-msg: what a user sees, exit statuses, and no queue left behind.

use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;
use ipc_support::Cleanup;
use ipc_support::unique::{unique_key, unique_name};
use ipc_sys::ipc::{IpcFlags, SysvKey, ftok};
use ipc_sys::msg::{MsgFlags, MsgctlCmd, MsqidDs, msgctl, msgget, msgsnd};
use ipc_testkit::{SysvKind, interrupt_when_blocked, key_in_use};
use nix::sys::stat::Mode;
use predicates::str::contains;

/// The id of the queue with `key`.
fn queue(key: SysvKey) -> i32 {
    msgget(key, IpcFlags::empty(), Mode::empty()).unwrap()
}

/// A guard that removes the queue with `key`, if there is one.
fn remove_queue(key: SysvKey) -> Cleanup {
    Cleanup::new(format!("queue {key}"), move || {
        let _ = msgget(key, IpcFlags::empty(), Mode::empty())
            .and_then(|id| msgctl(id, MsgctlCmd::IPC_RMID));
        Ok(())
    })
}

/// A fresh key, as `--key` text, and a guard that removes any queue made with it.
fn fresh() -> (SysvKey, String, Cleanup) {
    let key = unique_key();
    (key, key.to_string(), remove_queue(key))
}

fn run(args: &[&str]) -> assert_cmd::assert::Assert {
    cargo_bin_cmd!("sysv-msg")
        .env("IPC_LAB_LANG", "en")
        .args(args)
        .assert()
}

fn gone(key: SysvKey, guard: Cleanup) {
    guard.run_now().ok();
    assert!(
        !key_in_use(SysvKind::MessageQueue, key),
        "queue {key} left behind"
    );
}

fn send(k: &str, mtype: &str, text: &str) {
    run(&["send", "--key", k, "--type", mtype, text])
        .success()
        .stdout(contains(format!("type {mtype}, to msqid")))
        .stdout(contains(format!("sysv-msg rm --key {k}")));
}

#[test]
fn help_explains_the_concept() {
    run(&["--help"])
        .success()
        .stdout(contains("type"))
        .stdout(contains("IPC_RMID"));
    run(&["receive", "--help"])
        .success()
        .stdout(contains("--type"))
        .stdout(contains("--nowait"))
        .stdout(contains("--no-error"))
        .stdout(contains("--max-bytes"))
        .stdout(contains("--proj-id"));
}

#[test]
fn demo_runs_the_lessons_sample_and_removes_the_queue() {
    let (key, k, guard) = fresh();
    run(&["demo", "--key", &k])
        .success()
        .stdout(contains(format!(
            "msgget(key {k}, IPC_CREAT|IPC_EXCL|0600)"
        )))
        .stdout(contains("Message sent: Hello, Message Queue!"))
        .stdout(contains("Message received: Hello, Message Queue! (type 1)"))
        .stdout(contains("IPC_RMID"));
    gone(key, guard);
}

#[test]
fn demo_uses_the_lessons_key_by_default() {
    let key = SysvKey(1234);
    if key_in_use(SysvKind::MessageQueue, key) {
        return; // someone's queue holds the lesson's key: the demo rightly refuses it
    }
    run(&["demo", "--message", "xin chào"])
        .success()
        .stdout(contains("key 0x000004d2"))
        .stdout(contains("Message received: xin chào"));
    assert!(!key_in_use(SysvKind::MessageQueue, key));
}

#[test]
fn receive_type_selects_the_message() {
    let (key, k, guard) = fresh();
    send(&k, "3", "three");
    send(&k, "1", "one");
    send(&k, "2", "two");
    send(&k, "1", "one again");
    // > 0: the first of exactly that type.
    run(&["receive", "--key", &k, "--type", "2"])
        .success()
        .stdout("type 2: two\n");
    // < 0: the first of the lowest type <= |N|.
    run(&["receive", "--key", &k, "--type", "-3"])
        .success()
        .stdout("type 1: one\n");
    // 0: the first in the queue, whatever its type.
    run(&["receive", "--key", &k, "--type", "0"])
        .success()
        .stdout("type 3: three\n");
    run(&["receive", "--key", &k, "-t", "3", "--nowait"])
        .code(1)
        .stderr(contains("IPC_NOWAIT): ENOMSG"));
    run(&["receive", "--key", &k])
        .success()
        .stdout("type 1: one again\n");
    gone(key, guard);
}

#[test]
fn short_buffer_is_e2big_unless_no_error() {
    let (key, k, guard) = fresh();
    send(&k, "5", "abcdef");
    run(&["receive", "--key", &k, "--max-bytes", "3"])
        .code(1)
        .stderr(contains("E2BIG"))
        .stderr(contains("MSG_NOERROR"));
    run(&["receive", "--key", &k, "--max-bytes", "3", "--no-error"])
        .success()
        .stdout("type 5: abc\n")
        .stderr(contains("cut"));
    gone(key, guard);
}

#[test]
fn stat_shows_msqid_ds() {
    let (key, k, guard) = fresh();
    send(&k, "1", "hello");
    send(&k, "2", "world!");
    run(&["stat", "--key", &k])
        .success()
        .stdout(contains(format!("key {k}")))
        .stdout(contains("mode    0600"))
        .stdout(contains("qnum    2 "))
        .stdout(contains("cbytes  11 "))
        .stdout(contains("qbytes"))
        .stdout(contains("lspid"))
        .stdout(contains("rtime   never"))
        .stdout(contains(" UTC  last msgsnd"));
    gone(key, guard);
}

#[test]
fn rm_removes_and_missing_queues_are_enoent() {
    let (key, k, guard) = fresh();
    send(&k, "1", "x");
    run(&["rm", "--key", &k])
        .success()
        .stdout(contains("removed message queue msqid"));
    assert!(!key_in_use(SysvKind::MessageQueue, key));
    for sub in ["rm", "stat", "receive"] {
        run(&[sub, "--key", &k])
            .code(1)
            .stderr(contains(format!("msgget(key {k}): ENOENT")));
    }
    gone(key, guard);
}

#[test]
fn nowait_send_on_a_full_queue_is_eagain() {
    let (key, k, guard) = fresh();
    send(&k, "1", "x");
    let queue = queue(key);
    let mut ds = MsqidDs::default();
    msgctl(queue, MsgctlCmd::IPC_STAT(&mut ds)).unwrap();
    let qbytes = usize::try_from(ds.msg_qbytes).unwrap();
    let max = ipc_support::mq::sysv_msgmax().unwrap_or(8192);
    let chunk = vec![b'z'; max];
    // Fill the queue to msg_qbytes with the library, then ask the program for one more.
    let mut used = 1;
    while used + max <= qbytes {
        msgsnd(queue, 1, &chunk, MsgFlags::IPC_NOWAIT).unwrap();
        used += max;
    }
    let rest = qbytes - used;
    if rest > 0 {
        msgsnd(queue, 1, &chunk[..rest], MsgFlags::IPC_NOWAIT).unwrap();
    }
    run(&["send", "--key", &k, "--nowait", "more"])
        .code(1)
        .stderr(contains("IPC_NOWAIT): EAGAIN"));
    gone(key, guard);
}

#[test]
fn keys_from_ftok_path_and_proj_id() {
    let dir = std::env::temp_dir().join(unique_name("sysv-msg-test"));
    std::fs::write(&dir, b"").unwrap();
    let key = ftok(&dir, 7).unwrap();
    let guard = remove_queue(key);
    let path = dir.to_str().unwrap();
    run(&["send", "--path", path, "--proj-id", "7", "hi"])
        .success()
        .stdout(contains(key.to_string()));
    run(&["receive", "--path", path, "--proj-id", "7"])
        .success()
        .stdout("type 1: hi\n");
    std::fs::remove_file(&dir).unwrap();
    run(&["stat", "--path", path])
        .code(1)
        .stderr(contains("ENOENT"))
        .stderr(contains("touch"));
    gone(key, guard);
}

#[test]
fn usage_errors_exit_2() {
    run(&["send", "--key", "0x1234", "--type", "0", "x"]).code(2);
    run(&["send", "--key", "0x0", "x"]).code(2);
    run(&["receive", "--key", "0x1234", "--max-bytes", "0"]).code(2);
    run(&["stat", "--key", "0x1234", "--path", "/tmp"]).code(2);
    run(&["rm", "--key", "zz"])
        .code(2)
        .stderr(contains("is not a key"));
}

#[test]
fn ctrl_c_ends_a_blocked_receive_with_130() {
    let (key, k, guard) = fresh();
    send(&k, "1", "not the one");
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin!("sysv-msg"));
    command.env("IPC_LAB_LANG", "en");
    command.args(["receive", "--key", &k, "--type", "9"]);
    let out = interrupt_when_blocked(&mut command, Duration::from_secs(30)).unwrap();
    assert_eq!(out.status.code(), Some(130), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("msgrcv("), "{stderr}");
    assert!(stderr.contains("interrupted by SIGINT"), "{stderr}");
    // The other message is still there.
    run(&["receive", "--key", &k, "--nowait"])
        .success()
        .stdout("type 1: not the one\n");
    gone(key, guard);
}

#[test]
fn explanations_in_vietnamese() {
    let (key, k, guard) = fresh();
    run(&["--lang", "vi", "demo", "--key", &k])
        .success()
        .stdout(contains("Message received: Hello, Message Queue! (type 1)"))
        .stdout(contains("IPC_RMID): đã xóa hàng đợi"));
    gone(key, guard);
}

/// A warning that cannot be written (stderr full) costs the warning, not the message: the
/// send still happens and exits 0 (eprintln! panicked there, before msgget).
#[test]
fn a_full_stderr_loses_the_warning_not_the_message() {
    let (key, k, guard) = fresh();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sysv-msg"))
        .env("IPC_LAB_LANG", "en")
        .args([
            "send", "--key", &k, "--type", "1", "--mode", "0666", "hello",
        ])
        .stderr(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("type 1, to msqid"));
    run(&["receive", "--key", &k, "--type", "1"])
        .success()
        .stdout(contains("type 1: hello"));
    gone(key, guard);
}
