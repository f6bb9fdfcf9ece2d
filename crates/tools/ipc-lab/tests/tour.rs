//! `ipc-lab tour`: runs the lesson programs (building them first when they are missing),
//! exits 0 only when every step behaved as its lesson says, and leaves nothing behind.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use predicates::str::contains;

/// The objects one tour run named in its commands (`tour-…` names, `--key 0x…` keys) that
/// still exist, from `ls --json`. Only this run's: other tours may run at the same time.
fn leftovers(tour_stdout: &str) -> Vec<String> {
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

fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

/// The whole course, as a student runs it. It needs every lesson program of LESSONS.md in
/// the workspace (the tour builds them with `cargo build --workspace --bins` when missing).
#[test]
fn the_whole_course_behaves_as_the_lessons_say() {
    let run = cargo_bin_cmd!("ipc-lab")
        .args(["tour", "--lang", "en"])
        .timeout(std::time::Duration::from_secs(600))
        .assert()
        .success()
        .stdout(contains("behaved as the lessons say").and(contains("✗").not()));
    assert_eq!(leftovers(&stdout_of(&run)), Vec::<String>::new());
}

#[test]
fn one_lesson_in_vietnamese() {
    let run = cargo_bin_cmd!("ipc-lab")
        .args(["tour", "--lesson", "2", "--lang", "vi"])
        .timeout(std::time::Duration::from_secs(600))
        .assert()
        .success()
        .stdout(
            contains("Bài 2: Shared memory POSIX")
                .and(contains("[2/2] posix-reader"))
                .and(contains(
                    "$ cargo run -q -p posix-writer -- --name tour-shm-",
                )),
        );
    assert_eq!(leftovers(&stdout_of(&run)), Vec::<String>::new());
}

#[test]
fn a_lesson_that_does_not_exist_is_a_usage_error() {
    cargo_bin_cmd!("ipc-lab")
        .args(["tour", "--lesson", "9"])
        .assert()
        .code(2)
        .stderr(contains("9"));
}

/// Ctrl-C in the middle of a step: the tour passes it on to the program (which runs in its
/// own process group), waits for it to clean up, and exits 130 with nothing left behind.
#[test]
fn ctrl_c_during_a_step_ends_the_tour_cleanly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let mut tour = Command::new(env!("CARGO_BIN_EXE_ipc-lab"))
        .args(["tour", "--lesson", "6", "--lang", "en"])
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
        !seen.contains("[7/8]"),
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
    // Lesson 6 names no object of the tour's own: the demos' semaphores were checked above.
}

/// `ipc-lab tour | head`: the reader goes away in the middle of the first lesson, while the
/// writer's segment exists. The tour must end quietly (141, as a C program killed by SIGPIPE,
/// no panic message) and still remove that segment.
#[test]
fn a_reader_that_goes_away_leaves_nothing_behind() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_ipc-lab"))
        .args(["tour", "--lesson", "1", "--lang", "en"])
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
