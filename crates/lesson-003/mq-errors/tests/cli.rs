//! End-to-end tests of mq-errors: each demo reproduces its errno, explains it in both
//! languages, exits 0, and leaves no queue behind.

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use ipc_support::ObjectName;
use ipc_support::mq;
use predicates::prelude::*;
use predicates::str::contains;

fn cmd() -> Command {
    let mut c = cargo_bin_cmd!("mq-errors");
    // The environment must not choose the language behind the test's back.
    c.env_remove("IPC_LAB_LANG").env("LANG", "C.UTF-8");
    c
}

/// Every queue name the demo printed, to check none is left.
fn queues_named_in(stdout: &str) -> Vec<ObjectName> {
    stdout
        .split(|c: char| c.is_whitespace() || c == '(' || c == ',')
        .filter(|w| w.starts_with("/mq-errors-"))
        .map(|w| ObjectName::parse_mq(w.trim_end_matches('.')).unwrap())
        .collect()
}

/// Runs one demo, checks the common shape and the errno names, and that nothing remains.
fn reproduces(demo: &str, errnos: &[&str]) -> String {
    let out = cmd().arg(demo).assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut last = 0;
    for label in ["scenario:", "call:", "errno:", "why:", "fix:", "result:"] {
        let at = stdout[last..]
            .find(label)
            .unwrap_or_else(|| panic!("{label} missing or out of order in:\n{stdout}"));
        last += at;
    }
    assert!(stdout.contains("reproduced: this machine behaves as the lesson says"));
    for errno in errnos {
        assert!(
            stdout.contains(&format!("errno:    {errno} (")),
            "{errno} in:\n{stdout}"
        );
    }
    let names = queues_named_in(&stdout);
    assert!(!names.is_empty() || demo == "limits", "{stdout}");
    for name in names {
        assert!(!mq::exists(&name), "{name} left behind");
    }
    stdout
}

#[test]
fn eagain_full() {
    let out = reproduces("eagain-full", &["EAGAIN"]);
    assert!(out.contains("mq_send("), "{out}");
    assert!(out.contains("O_NONBLOCK"), "{out}");
}

#[test]
fn eagain_empty() {
    let out = reproduces("eagain-empty", &["EAGAIN"]);
    assert!(out.contains("mq_receive("), "{out}");
}

#[test]
fn emsgsize_on_send_and_on_receive() {
    let out = reproduces("emsgsize", &["EMSGSIZE"]);
    assert_eq!(out.matches("errno:    EMSGSIZE (").count(), 2, "{out}");
    assert!(
        out.contains("64 bytes") && out.contains("buffer of 8 bytes"),
        "{out}"
    );
}

#[test]
fn enoent() {
    let out = reproduces("enoent", &["ENOENT"]);
    assert!(out.contains("O_CREAT"), "{out}");
}

#[test]
fn ebadf_in_both_directions() {
    let out = reproduces("ebadf", &["EBADF"]);
    assert_eq!(out.matches("errno:    EBADF (").count(), 2, "{out}");
    assert!(out.contains("O_WRONLY descriptor") && out.contains("O_RDONLY descriptor"));
}

#[test]
fn limits_einval_emfile_and_enospc_explained() {
    let out = reproduces("limits", &["EINVAL", "EMFILE"]);
    assert_eq!(out.matches("errno:    EINVAL (").count(), 2, "{out}");
    assert!(out.contains("RLIMIT_MSGQUEUE"), "{out}");
    assert!(out.contains("ENOSPC"), "{out}");
    assert!(out.contains("queues_max"), "{out}");
    let bound = if mq::has_cap_sys_resource() {
        "CAP_SYS_RESOURCE: yes"
    } else {
        "CAP_SYS_RESOURCE: no"
    };
    assert!(out.contains(bound), "{out}");
}

#[test]
fn all_runs_every_demo_and_sums_up() {
    let out = cmd()
        .arg("all")
        .assert()
        .success()
        .stdout(contains("summary: 6 of 6 pitfalls reproduced"));
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for title in ["1.1 ", "1.2 ", "1.3 ", "1.4 ", "1.5 ", "1.6 "] {
        assert!(stdout.contains(&format!("== {title}")), "{title}");
    }
    assert!(
        stdout
            .trim_end()
            .ends_with("summary: 6 of 6 pitfalls reproduced")
    );
    for name in queues_named_in(&stdout) {
        assert!(!mq::exists(&name), "{name} left behind");
    }
}

#[test]
fn vietnamese_by_option_or_environment() {
    cmd()
        .args(["--lang", "vi", "all"])
        .assert()
        .success()
        .stdout(contains("tình huống:"))
        .stdout(contains("cách sửa:"))
        .stdout(contains("mã lỗi:     EAGAIN ("))
        .stdout(contains("EAGAIN (").and(contains("ENOENT (")))
        .stdout(contains("tổng kết: tái hiện được 6/6 lỗi"));
    cmd()
        .env("IPC_LAB_LANG", "vi")
        .arg("enoent")
        .assert()
        .success()
        .stdout(contains("vì sao:"))
        .stdout(contains("đã tái hiện"));
    cmd()
        .args(["enoent", "--lang", "en"])
        .env("IPC_LAB_LANG", "vi")
        .assert()
        .success()
        .stdout(contains("why:"));
}

#[test]
fn help_and_usage() {
    cmd()
        .arg("--help")
        .assert()
        .success()
        .stdout(
            contains("eagain-full")
                .and(contains("limits"))
                .and(contains("all")),
        )
        .stdout(contains("--lang"));
    cmd().arg("nope").assert().code(2);
    cmd().args(["--lang", "fr", "all"]).assert().code(2);
}
