//! `ipc-lab tour`: runs the lesson programs (building them first when they are missing),
//! exits 0 only when every step behaved as its lesson says, and leaves nothing behind.
//! (The whole course, in each language, is course.rs.)

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use predicates::str::contains;

/// The objects one tour run named in its commands (`tour-…` names, `--key 0x…` keys) that
/// still exist, from `ls --json`. Only this run's: other tours may run at the same time.
pub fn leftovers(tour_stdout: &str) -> Vec<String> {
    let words: Vec<&str> = tour_stdout
        .split(|c: char| c.is_whitespace() || "'`(),;".contains(c))
        .collect();
    let mut ours: Vec<String> = words
        .iter()
        .filter(|w| w.contains("tour-"))
        .map(|w| format!("/{}", w.trim_start_matches('/')))
        .collect();
    ours.extend(
        words
            .windows(2)
            .filter(|w| w[0] == "--key")
            .map(|w| w[1].to_string()),
    );
    assert!(!ours.is_empty(), "no object named in:\n{tour_stdout}");
    let out = cargo_bin_cmd!("ipc-lab")
        .args(["ls", "--json"])
        .output()
        .unwrap();
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    all["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["name"].as_str())
        .filter(|n| ours.iter().any(|o| o == n))
        .map(str::to_string)
        .collect()
}

pub fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

#[test]
fn one_section_in_vietnamese() {
    let run = cargo_bin_cmd!("ipc-lab")
        .args(["tour", "--lesson", "000", "--section", "4", "--lang", "vi"])
        .timeout(std::time::Duration::from_secs(600))
        .assert()
        .success()
        .stdout(
            contains("══ bài 000, mục 4 · POSIX shared memory ══")
                .and(contains("[2/4] bài 000, mục 4 · posix-reader"))
                .and(contains(
                    "$ cargo run -q -p posix-writer -- --name tour-shm-",
                )),
        );
    assert_eq!(leftovers(&stdout_of(&run)), Vec::<String>::new());
}

/// `--json`: one document, every step with its section, command, observation and verdict.
#[test]
fn json_lists_every_step_with_its_section_command_observation_and_verdict() {
    let out = cargo_bin_cmd!("ipc-lab")
        .args([
            "tour",
            "--lesson",
            "003",
            "--section",
            "1",
            "--json",
            "--lang",
            "en",
        ])
        .timeout(std::time::Duration::from_secs(600))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let steps = doc["steps"].as_array().unwrap();
    // Section 1 and everything under it (1.1 … 1.6).
    assert!(steps.len() > 10, "{doc}");
    assert_eq!(doc["failed"], 0);
    assert_eq!(doc["passed"].as_u64(), Some(steps.len() as u64));
    for step in steps {
        assert_eq!(step["lesson"], "003");
        let section = step["section"].as_str().unwrap();
        assert!(section == "1" || section.starts_with("1."), "{step}");
        assert_eq!(step["label"], format!("003 §{section}"));
        assert!(
            step["command"]
                .as_str()
                .unwrap()
                .starts_with("cargo run -q -p "),
            "{step}"
        );
        assert_eq!(step["verdict"], "ok", "{step}");
        assert_eq!(step["problems"].as_array().unwrap().len(), 0);
    }
    let receive = steps
        .iter()
        .find(|s| s["id"] == "sysv_msg_receive_lowest")
        .unwrap();
    assert!(
        receive["observation"]
            .as_str()
            .unwrap()
            .contains("type 2: type two"),
        "{receive}"
    );
    let blocked = steps
        .iter()
        .find(|s| s["id"] == "mq_block_receive")
        .unwrap();
    assert!(
        blocked["observation"]
            .as_str()
            .unwrap()
            .contains("State: S (sleeping)"),
        "{blocked}"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(leftovers(&text), Vec::<String>::new());
}

#[test]
fn a_lesson_or_section_that_does_not_exist_is_refused() {
    cargo_bin_cmd!("ipc-lab")
        .args(["tour", "--lesson", "9"])
        .assert()
        .code(2)
        .stderr(contains("9"));
    cargo_bin_cmd!("ipc-lab")
        .args(["tour", "--section", "2.4"])
        .assert()
        .code(2)
        .stderr(contains("--lesson"));
    let out = cargo_bin_cmd!("ipc-lab")
        .args([
            "tour",
            "--lesson",
            "003",
            "--section",
            "9.9",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    let line = ipc_testkit::error_line(&out, 1);
    assert!(
        line.contains("lesson 003 has no section 9.9: its sections are 1, 1.1"),
        "{line}"
    );
}

/// Ctrl-C in the middle of a step: the tour passes it on to the program (which runs in its
/// own process group), waits for it to clean up, and exits 130 with nothing left behind.
#[test]
fn ctrl_c_during_a_step_ends_the_tour_cleanly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let mut tour = Command::new(env!("CARGO_BIN_EXE_ipc-lab"))
        .args([
            "tour",
            "--lesson",
            "003",
            "--section",
            "2.5",
            "--lang",
            "en",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = nix::unistd::Pid::from_raw(i32::try_from(tour.id()).expect("a pid fits pid_t"));
    let mut seen = String::new();
    let mut sent = false;
    for line in BufReader::new(tour.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        // The deadlock demo waits 2 s for its semaphores once both processes started.
        if !sent && line.contains("process B is pid") {
            nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).unwrap();
            sent = true;
        }
        seen.push_str(&line);
        seen.push('\n');
    }
    let out = tour.wait_with_output().unwrap();
    assert!(sent, "the deadlock step never started:\n{seen}");
    assert_eq!(out.status.code(), Some(130), "{seen}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted by SIGINT"));
    assert!(
        !seen.contains("[2/3]"),
        "the tour went on after Ctrl-C:\n{seen}"
    );
    let sems: Vec<&str> = seen
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|w| w.starts_with("/demo_sem"))
        .collect();
    assert!(!sems.is_empty(), "{seen}");
    for sem in sems {
        let path = format!("/dev/shm/sem.{}", &sem[1..]);
        assert!(!std::path::Path::new(&path).exists(), "{path} left behind");
    }
    // Section 2.5 names no object of the tour's own: the demos' semaphores were checked above.
}

/// `ipc-lab tour | head`: the reader goes away in the middle of the first lesson, while the
/// writer's segment exists. The tour must end quietly (141, as a C program killed by SIGPIPE,
/// no panic message) and still remove that segment.
#[test]
fn a_reader_that_goes_away_leaves_nothing_behind() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_ipc-lab"))
        .args(["tour", "--lesson", "000", "--section", "3", "--lang", "en"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut seen = String::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        seen.push_str(&line);
        seen.push('\n');
        // The writer's output: its segment exists now, and the reader has not run yet.
        if line.contains("shmid") {
            break;
        }
    }
    drop(lines);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(seen.contains("shmid"), "the writer ran:\n{seen}");
    assert_eq!(out.status.code(), Some(141), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert_eq!(leftovers(&seen), Vec::<String>::new());
}
