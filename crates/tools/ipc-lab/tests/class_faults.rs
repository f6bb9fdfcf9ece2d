//! `--class` when a submission breaks its grader: the grader crashes, or the grading never
//! ends. Each costs that submission's row only, and no process of it outlives the class
//! run. This test process makes itself a child subreaper, so a process that escaped the
//! class run would be reparented here, where the test sees it.

// Its own binary, not one of lab/'s modules: it makes itself the subreaper of what the class
// run starts and checks that nothing is left below it, where other tests' processes would be.
#[path = "lab/grading_support/mod.rs"]
mod grading_support;

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use grading_support::*;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// pid → (parent pid, command name) of every process.
fn processes() -> HashMap<u32, (u32, String)> {
    let mut table = HashMap::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let name = stat[open + 1..close].to_string();
        let parent = stat[close + 1..]
            .split_whitespace()
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        table.insert(pid, (parent, name));
    }
    table
}

fn cmdline(pid: u32) -> String {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|b| String::from_utf8_lossy(&b).replace('\0', " "))
        .unwrap_or_default()
}

fn alive(pid: u32) -> bool {
    kill(Pid::from_raw(i32::try_from(pid).unwrap()), None).is_ok()
}

/// Waits (at most 5 minutes: the first build compiles the dependencies) until the child
/// grader of `submission` under `class_run` has started a run, i.e. a process that is not
/// the build; returns (grader, run).
fn grader_and_its_run(class_run: u32, submission: &Path) -> (u32, u32) {
    let wanted = submission.to_str().unwrap();
    let start = Instant::now();
    loop {
        let table = processes();
        let grader = table
            .iter()
            .find(|&(&pid, (parent, _))| *parent == class_run && cmdline(pid).contains(wanted));
        if let Some((&grader, _)) = grader {
            let run = table.iter().find(|(_, (parent, name))| {
                *parent == grader && !matches!(name.as_str(), "cargo" | "rustc")
            });
            if let Some((&run, _)) = run {
                return (grader, run);
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "no run of {wanted} started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn start_class(class: &Path, gradebook: &Path, extra: &[&str]) -> Child {
    Command::new(BIN)
        .args(["grade", "ex03", "--class"])
        .arg(class)
        .arg("--output")
        .arg(gradebook)
        .args(["--time-limit", "600"])
        .args(extra)
        .env("IPC_LAB_LANG", "en")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn finish(child: Child) -> String {
    let start = Instant::now();
    let waiter = std::thread::spawn(move || child.wait_with_output().unwrap());
    while !waiter.is_finished() {
        assert!(
            start.elapsed() < Duration::from_secs(600),
            "the class run hangs"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = waiter.join().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stderr)
}

/// No process is left below this test (a subreaper): the class run took all of its own.
fn assert_no_process_left() {
    let me = std::process::id();
    let left: Vec<String> = processes()
        .into_iter()
        .filter(|(_, (parent, _))| *parent == me)
        .map(|(pid, (_, name))| format!("{pid} {name}: {}", cmdline(pid)))
        .collect();
    assert!(left.is_empty(), "left running: {left:?}");
}

#[test]
fn a_crashed_or_endless_grader_costs_only_its_own_row() {
    nix::sys::prctl::set_child_subreaper(true).unwrap();
    let work = fresh_dir("class-faults");
    let class = work.join("class");
    // alice's grading takes a fraction of a second: far below the short --submission-limit.
    copy_exercises("solutions", &["ex03"], &class.join("alice"));
    // A run that never ends by itself (the time limit is far away).
    let sleeper = class.join("sleeper");
    std::fs::create_dir_all(&sleeper).unwrap();
    std::fs::write(
        sleeper.join("ex03.rs"),
        "fn main() { std::thread::sleep(std::time::Duration::from_secs(3600)); }\n",
    )
    .unwrap();
    let gradebook = work.join("grades.csv");

    // The grader of one submission crashes (aborts) while its run is going.
    let class_run = start_class(&class, &gradebook, &[]);
    let (grader, run) = grader_and_its_run(class_run.id(), &sleeper);
    kill(
        Pid::from_raw(i32::try_from(grader).unwrap()),
        Signal::SIGABRT,
    )
    .unwrap();
    finish(class_run);
    let rows = read_csv(&gradebook);
    assert_eq!(rows[1][0], "alice");
    assert_eq!(rows[1][3..], ["10", "", "", "", "10", "ok"]);
    assert_eq!(rows[2][0], "sleeper");
    assert_eq!(rows[2][8], "not graded: the grader crashed (SIGABRT)");
    assert!(
        !alive(run),
        "the crashed grader's run {run} is still running"
    );
    assert_no_process_left();

    // The grading of one submission takes longer than --submission-limit.
    let class_run = start_class(&class, &gradebook, &["--submission-limit", "1.5"]);
    let (_, run) = grader_and_its_run(class_run.id(), &sleeper);
    finish(class_run);
    let rows = read_csv(&gradebook);
    assert_eq!(rows[1][3..], ["10", "", "", "", "10", "ok"]);
    assert_eq!(
        rows[2][8],
        "not graded: grading took longer than 1.5 s and was stopped (--submission-limit)"
    );
    assert!(
        !alive(run),
        "the stopped grader's run {run} is still running"
    );
    assert_no_process_left();
}
