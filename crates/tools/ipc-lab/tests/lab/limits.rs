//! `ipc-lab limits`: every limit the lessons meet, with its value, meaning, use and fix.

use assert_cmd::cargo::cargo_bin_cmd;

fn limits(lang: &str) -> String {
    let out = cargo_bin_cmd!("ipc-lab")
        .args(["limits", "--lang", lang])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_limit_is_shown_with_its_value_from_proc() {
    let out = limits("en");
    for name in [
        "kernel.shmmax",
        "kernel.shmall",
        "kernel.shmmni",
        "kernel.msgmax",
        "kernel.msgmnb",
        "kernel.msgmni",
        "kernel.sem (SEMMSL)",
        "kernel.sem (SEMMNI)",
        "fs.mqueue.msg_max",
        "fs.mqueue.msgsize_max",
        "fs.mqueue.queues_max",
        "RLIMIT_MSGQUEUE",
        "/dev/shm",
    ] {
        assert!(out.contains(name), "{name} missing:\n{out}");
    }
    let msg_max = std::fs::read_to_string("/proc/sys/fs/mqueue/msg_max").unwrap();
    assert!(
        out.contains(&format!("fs.mqueue.msg_max = {}", msg_max.trim())),
        "{out}"
    );
    assert!(out.contains("sysctl -w kernel.shmmax=N"), "{out}");
    assert!(out.contains("ulimit -q"), "{out}");
    assert!(out.contains("CAP_SYS_RESOURCE"), "{out}");
    // Every limit has its meaning, its use and how to change it: no raw text key left.
    assert!(!out.contains("front."), "{out}");
}

#[test]
fn vietnamese_explains_the_same_limits() {
    let out = limits("vi");
    assert!(out.contains("kernel.shmmax = "), "{out}");
    assert!(
        out.contains("thay đổi (với quyền root): sysctl -w kernel.shmmax=N"),
        "{out}"
    );
    assert!(!out.contains("front."), "{out}");
}

/// Only root is told that being root is not enough; an ordinary user is told plainly.
#[test]
fn the_capability_line_suits_who_runs_it() {
    let out = limits("en");
    let root = nix::unistd::geteuid().is_root();
    if ipc_support::mq::has_cap_sys_resource() {
        assert!(out.contains("This process has CAP_SYS_RESOURCE"), "{out}");
    } else if root {
        assert!(out.contains("(being root is not enough)"), "{out}");
    } else {
        assert!(!out.contains("being root"), "{out}");
        assert!(
            out.contains("lacks CAP_SYS_RESOURCE, as every ordinary user's does"),
            "{out}"
        );
    }
}
