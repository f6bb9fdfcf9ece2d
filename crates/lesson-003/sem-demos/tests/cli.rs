//! End-to-end: the two sem_open errors, the toolbox driving one semaphore, Ctrl-C while
//! waiting, and nothing left in /dev/shm.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;
use ipc_support::unique::unique_name;
use ipc_support::{Cleanup, ObjectName};
use ipc_testkit::sem_exists;
use ipc_testkit::{Ran, assert_stdout_mentions, rest_of_stderr, spawn_until_line, wait_patiently};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

fn run(args: &[&str]) -> Ran {
    cargo_bin_cmd!("sem-demos")
        .args(args)
        .env("IPC_LAB_LANG", "en")
        .output()
        .unwrap()
        .into()
}

/// A fresh semaphore name for one test, removed however the test ends.
fn fresh() -> (ObjectName, Cleanup) {
    let name = ObjectName::parse_sem(&unique_name("sem-demos-test")).unwrap();
    let guard = Cleanup::sem(&name);
    (name, guard)
}

/// Names the demos made up (`/demo_sem-…`) must be gone from /dev/shm.
fn assert_demo_names_gone(stdout: &str) {
    for word in stdout.split(|c: char| c.is_whitespace() || "(),;".contains(c)) {
        if let Some(bare) = word.strip_prefix("/demo_sem") {
            let path = format!("/dev/shm/sem.demo_sem{bare}");
            assert!(
                !std::path::Path::new(&path).exists(),
                "{path} left:\n{stdout}"
            );
        }
    }
}

fn assert_report(stdout: &str, errno: &str) {
    let labels: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| ["scenario:", "call:", "errno:", "why:", "fix:"].contains(w))
        .collect();
    assert_eq!(
        labels,
        ["scenario:", "call:", "errno:", "why:", "fix:"],
        "{stdout}"
    );
    assert!(stdout.contains(errno), "{stdout}");
}

#[test]
fn enoent_is_reproduced() {
    let r = run(&["enoent"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_report(&r.stdout, "ENOENT (No such file or directory)");
    assert!(
        r.stdout.contains(", 0)"),
        "sem_open without O_CREAT: {}",
        r.stdout
    );
    assert_demo_names_gone(&r.stdout);
}

#[test]
fn eexist_is_reproduced_and_cleaned() {
    let r = run(&["eexist"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_report(&r.stdout, "EEXIST (File exists)");
    assert!(r.stdout.contains("O_CREAT|O_EXCL, 0600, 1)"));
    assert!(r.stdout.contains("removed /dev/shm/sem.demo_sem"));
    assert_demo_names_gone(&r.stdout);
}

#[test]
fn the_errors_start_with_the_lessons_number() {
    for demo in ["enoent", "eexist"] {
        let out = run(&[demo]);
        assert_eq!(out.code, 0, "{out:?}");
        assert!(
            out.stdout.starts_with("== 2.6 sem_open errors: "),
            "{}",
            out.stdout
        );
    }
}

#[test]
fn a_waiter_at_zero_sleeps_in_the_kernel_until_a_post() {
    let out = run(&["blocked"]);
    assert_eq!(out.code, 0, "{out:?}");
    let s = &out.stdout;
    let asleep = s
        .lines()
        .find(|l| l.contains("is blocked in sem_wait"))
        .unwrap();
    assert!(asleep.contains("State: S (sleeping)"), "{asleep}");
    let at = |n: &str| s.find(n).unwrap_or_else(|| panic!("{n}: {s}"));
    assert!(at("is blocked in sem_wait") < at("the parent calls sem_post"));
    assert!(
        at("the parent calls sem_post") < at("its sem_wait returned and it exited with status 0")
    );
    // It took the token: the value is back to 0.
    assert!(
        s.lines().filter(|l| l.ends_with(": value 0")).count() == 2,
        "{s}"
    );
    assert_demo_names_gone(s);
}

#[test]
fn toolbox_drives_one_semaphore() {
    let (name, _guard) = fresh();
    let n = name.bare();
    let r = run(&["create", n, "--value", "0"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(&format!("created {name} with value 0")));
    assert!(r.stdout.contains(&format!("sem-demos unlink {name}")));
    assert!(sem_exists(&name));

    let r = run(&["create", n, "--exclusive"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("EEXIST"), "{}", r.stderr);
    let r = run(&["create", n, "--value", "5"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("already existed"), "{}", r.stdout);
    assert!(r.stdout.contains("value 0"), "value is kept: {}", r.stdout);

    let r = run(&["trywait", n]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("sem_trywait"));
    assert!(r.stderr.contains("EAGAIN"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1);

    let r = run(&["wait", n, "--timeout", "0.2"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("sem_timedwait"));
    assert!(r.stderr.contains("ETIMEDOUT"), "{}", r.stderr);

    for expect in ["value now 1", "value now 2"] {
        let r = run(&["post", n]);
        assert_eq!(r.code, 0);
        assert!(r.stdout.contains(expect), "{}", r.stdout);
    }
    let r = run(&["value", n]);
    assert_eq!(r.stdout.trim(), format!("value of {name}: 2"));
    let r = run(&["wait", n]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("value now 1"));
    let r = run(&["trywait", n]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("value now 0"));

    let r = run(&["unlink", n]);
    assert_eq!(r.code, 0);
    assert!(!sem_exists(&name));
    let r = run(&["unlink", n]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("ENOENT"));
    let r = run(&["post", n]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("sem_open"));
    assert!(r.stderr.contains("ENOENT"));
}

#[test]
fn bad_names_and_values_are_usage_errors() {
    for args in [
        vec!["value", "a/b"],
        vec!["post", ""],
        vec!["create", "x", "--value", "-1"],
        vec!["create", "x", "--mode", "999"],
        vec!["wait", "x", "--timeout", "0"],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    }
}

/// Starts `sem-demos wait NAME` and returns once it says it is waiting.
fn start_waiting(name: &ObjectName) -> (Child, BufReader<ChildStdout>) {
    let (child, out, seen) = spawn_until_line(
        Command::new(env!("CARGO_BIN_EXE_sem-demos"))
            .args(["wait", name.bare()])
            .env("IPC_LAB_LANG", "en"),
        "waiting on",
    );
    assert!(seen.starts_with("waiting on"), "{seen}");
    (child, out)
}

fn wait_exit(child: &mut Child) -> i32 {
    let status = wait_patiently(child, Duration::from_secs(20));
    status.code().unwrap_or(-1)
}

#[test]
fn a_post_from_another_process_wakes_the_waiter() {
    let (name, _guard) = fresh();
    assert_eq!(run(&["create", name.bare(), "--value", "0"]).code, 0);
    let (mut child, mut out) = start_waiting(&name);
    assert_eq!(run(&["post", name.bare()]).code, 0);
    assert_eq!(wait_exit(&mut child), 0);
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert!(line.contains("took one"), "{line}");
}

#[test]
fn ctrl_c_while_waiting_exits_130_cleanly() {
    let (name, _guard) = fresh();
    assert_eq!(run(&["create", name.bare(), "--value", "0"]).code, 0);
    let (mut child, _out) = start_waiting(&name);
    // The line is printed just before sem_wait; a signal a moment early is caught too
    // (the handler is installed before the line), so the test does not depend on timing.
    kill(
        Pid::from_raw(i32::try_from(child.id()).expect("a pid fits pid_t")),
        Signal::SIGINT,
    )
    .unwrap();
    assert_eq!(wait_exit(&mut child), 130);
    let err = rest_of_stderr(&mut child);
    assert_eq!(
        err.trim(),
        format!("sem-demos: sem_wait({name}): interrupted by SIGINT")
    );
    // The semaphore is untouched: still there, still 0.
    assert_eq!(
        run(&["value", name.bare()]).stdout.trim(),
        format!("value of {name}: 0")
    );
}

#[test]
fn explanations_in_vietnamese() {
    let r = run(&["--lang", "vi", "enoent"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("tình huống:"), "{}", r.stdout);
    assert!(r.stdout.contains("mã lỗi:     ENOENT ("), "{}", r.stdout);
}

#[test]
fn help_explains_and_lists_commands() {
    let out = cargo_bin_cmd!("sem-demos").arg("--help").output().unwrap();
    assert_stdout_mentions(
        &out,
        &[
            "/dev/shm/sem.NAME",
            "enoent",
            "eexist",
            "create",
            "post",
            "wait",
            "trywait",
            "value",
            "unlink",
        ],
    );
}

#[test]
fn missing_semaphore_hint_in_vietnamese() {
    let (name, _guard) = fresh();
    let r = run(&["--lang", "vi", "wait", name.as_str()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "sem_open({name}, 0): ENOENT (No such file or directory) — "
        )),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("không có semaphore"), "{}", r.stderr);
}
