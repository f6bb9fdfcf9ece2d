//! End-to-end: quick runs of every mechanism complete, print sane numbers in every format,
//! and leave no IPC object behind, also after Ctrl-C. No test asserts a timing.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

mod common;
use common::{assert_nothing_new_left, leftovers};

const MECHANISMS: [&str; 7] = [
    "pipe", "fifo", "socket", "posix-mq", "sysv-msg", "shm-sem", "ring",
];

fn positive(v: &Value, what: &str) -> f64 {
    let x = v
        .as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number: {v}"));
    assert!(x.is_finite() && x > 0.0, "{what} = {x}");
    x
}

fn check_summary(s: &Value, what: &str) {
    positive(&s["value"], what);
    positive(&s["baseline"], what);
    positive(&s["ratio"], what);
    let reps = s["reps"].as_array().expect("reps");
    assert!(!reps.is_empty(), "{what}: no repetitions");
    for r in reps {
        positive(&r["ratio"], what);
        positive(&r["line_ns"], what);
        let state = r["state"].as_str().unwrap();
        assert!(state == "near" || state == "far", "{what}: state {state}");
    }
}

fn quick_json(mech: &str) -> Value {
    let out = cargo_bin_cmd!("ipc-bench")
        .args(["--quick", "--json", "--only", mech])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{mech}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the output is JSON")
}

/// Starts `cmd`, presses Ctrl-C once its progress line shows that measuring began (Ctrl-C
/// is caught by then, however slow the machine is to start it), after `before_ctrl_c`;
/// returns how it ended and all it wrote on stderr.
fn ctrl_c_once_measuring(
    cmd: &mut Command,
    before_ctrl_c: impl FnOnce(),
) -> (std::process::ExitStatus, String) {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let mut seen = Vec::new();
    while !String::from_utf8_lossy(&seen).contains("measuring") {
        let mut chunk = [0u8; 256];
        let n = stderr.read(&mut chunk).unwrap();
        assert!(
            n > 0,
            "no progress line: {}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&chunk[..n]);
    }
    before_ctrl_c();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(i32::try_from(child.id()).expect("a pid fits pid_t")),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    stderr.read_to_end(&mut seen).unwrap();
    let status = child.wait().unwrap();
    (status, String::from_utf8_lossy(&seen).into_owned())
}

/// One test, run mechanism after mechanism, so that the leftover check sees only its own
/// runs (tests of this file that make IPC objects all live here).
#[test]
fn quick_runs_of_every_mechanism_are_sane_and_leave_nothing() {
    let before = leftovers();
    for mech in MECHANISMS {
        let json = quick_json(mech);
        let results = json["results"].as_array().unwrap();
        assert_eq!(results.len(), 4, "{mech}: one result per default size");
        for r in results {
            assert_eq!(r["mechanism"], mech);
            if let Some(why) = r.get("unavailable") {
                assert!(!why.as_str().unwrap().is_empty());
                continue;
            }
            check_summary(&r["latency"], &format!("{mech} latency"));
            check_summary(&r["throughput"], &format!("{mech} throughput"));
            positive(&r["latency"]["p99_ns"], "p99");
            positive(&r["throughput"]["msgs_per_s"], "msgs/s");
        }
        if mech == "ring" {
            let targets = json["targets"].as_array().unwrap();
            assert!(!targets.is_empty());
            for t in targets {
                for field in ["value", "baseline", "ratio", "goal"] {
                    positive(&t[field], field);
                }
                assert!(t["met"].is_boolean() && t["lower_is_better"].is_boolean());
                assert!(t["name"].as_str().unwrap().starts_with("ring"));
            }
        }
    }
    assert_nothing_new_left(&before);
}

// Each of the next two runs beside the quick runs (cargo runs this file's tests side by side):
// one uses a single CPU, the other mostly waits for a progress line.

#[test]
fn ctrl_c_in_the_middle_of_a_run_exits_130_and_leaves_nothing() {
    let before = leftovers();
    for mech in ["sysv-msg", "posix-mq", "shm-sem", "ring", "fifo"] {
        let (status, err) = ctrl_c_once_measuring(
            Command::new(env!("CARGO_BIN_EXE_ipc-bench")).args([
                "--only",
                mech,
                "--seconds",
                "2",
                "--sizes",
                "64",
            ]),
            || {},
        );
        assert_eq!(status.code(), Some(130), "{mech}: {err}");
        assert!(err.contains("interrupted by SIGINT"), "{mech}: {err}");
    }
    assert_nothing_new_left(&before);
}

#[test]
fn csv_has_one_row_per_repetition() {
    let out = cargo_bin_cmd!("ipc-bench")
        .args([
            "--quick",
            "--csv",
            "--only",
            "pipe,ring",
            "--sizes",
            "64,4K",
        ])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[0], "mechanism");
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    // 2 mechanisms x 2 sizes x 2 metrics x 2 repetitions
    assert_eq!(rows.len(), 16, "{text}");
    for row in rows {
        assert_eq!(row.len(), header.len(), "{row:?}");
        let value: f64 = row[6].parse().unwrap();
        assert!(value.is_finite() && value > 0.0);
        assert!(row[4] == "n" || row[4] == "f");
    }
}

#[test]
fn svg_chart_is_well_formed_and_table_names_the_targets() {
    let path = std::env::temp_dir().join(format!("ipc-bench-test-{}.svg", std::process::id()));
    let out = cargo_bin_cmd!("ipc-bench")
        .args([
            "--quick",
            "--only",
            "socket,ring",
            "--sizes",
            "64,4K",
            "--svg",
        ])
        .arg(&path)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(out.status.success());
    let svg = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(svg.trim_start().starts_with("<svg"), "{}", &svg[..100]);
    assert!(svg.trim_end().ends_with("</svg>"));
    let labels: Vec<&str> = svg.lines().map(str::trim).collect();
    assert!(
        labels.contains(&"ring") && labels.contains(&"socket"),
        "legend"
    );
    assert_eq!(svg.matches("<svg").count(), svg.matches("</svg>").count());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("targets (ring):"), "{table}");
    assert!(table.contains("ring 64 B one-way latency"), "{table}");
}

#[test]
fn bad_sizes_are_a_usage_error() {
    let out = cargo_bin_cmd!("ipc-bench")
        .args(["--sizes", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not a size"), "{err}");
    // One line, like every program of the course, pointing to --help.
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("ipc-bench: "), "{err}");
    assert!(err.trim_end().ends_with("(see ipc-bench --help)"), "{err}");
}

#[test]
fn a_chart_in_a_missing_directory_is_refused_before_measuring() {
    let out = cargo_bin_cmd!("ipc-bench")
        .args(["--quick", "--svg", "/nonexistent-ipc-bench-dir/chart.svg"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert!(!err.contains("measuring"), "{err}");
    assert!(out.stdout.is_empty());
}

/// Under --lang vi the table's words, legend, targets and progress are Vietnamese; names of
/// mechanisms, units and numbers stay as they are.
#[test]
fn the_table_speaks_vietnamese_when_asked() {
    let out = cargo_bin_cmd!("ipc-bench")
        .args([
            "--quick",
            "--sizes",
            "64",
            "--only",
            "pipe,ring",
            "--lang",
            "vi",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8(out.stdout).unwrap();
    for vi in [
        "độ trễ: một chiều",
        "cơ chế",
        "mục tiêu (ring):",
        "độ trễ của ring ở 64 B",
        "ring SPSC trong shared memory",
    ] {
        assert!(table.contains(vi), "no {vi:?} in:\n{table}");
    }
    for en in [
        "targets (ring):",
        "latency:",
        "mechanism",
        "better than",
        "repetitions",
    ] {
        assert!(!table.contains(en), "{en:?} in:\n{table}");
    }
    assert!(
        table.contains("lat p50") && table.contains("GB/s"),
        "{table}"
    );
    let progress = String::from_utf8(out.stderr).unwrap();
    assert!(progress.contains("đang đo pipe"), "{progress}");
}

/// A chart path that cannot be written (here a directory) is refused before measuring; a
/// run stopped by Ctrl-C leaves no empty chart file behind.
#[test]
fn an_unwritable_chart_is_refused_before_measuring_and_none_is_left_on_ctrl_c() {
    let dir = std::env::temp_dir().join(format!("ipc-bench-svg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = cargo_bin_cmd!("ipc-bench")
        .args(["--quick", "--svg"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("cannot be written"), "{err}");
    assert!(!err.contains("measuring"), "{err}");

    let chart = dir.join("chart.svg");
    let (status, _) = ctrl_c_once_measuring(
        Command::new(env!("CARGO_BIN_EXE_ipc-bench"))
            .args(["--only", "pipe", "--seconds", "2", "--sizes", "64", "--svg"])
            .arg(&chart),
        || assert!(chart.is_file(), "the chart's file is made before measuring"),
    );
    assert_eq!(status.code(), Some(130));
    assert!(!chart.exists(), "an empty chart was left behind");
    std::fs::remove_dir(&dir).unwrap();
}

/// With one usable CPU (as under `taskset -c 0`) a quick run of every mechanism ends, says
/// that both processes share the CPU, and, its stderr being no terminal, prints one
/// newline-ended progress line per measurement instead of a line rewritten with `\r`.
#[test]
fn one_cpu_runs_to_the_end_with_plain_progress_lines() {
    use nix::sched::{CpuSet, sched_getaffinity, sched_setaffinity};
    use nix::unistd::Pid;
    let before = leftovers();
    // The child inherits this thread's CPU mask; the thread gets its own back at once.
    let mine = sched_getaffinity(Pid::from_raw(0)).unwrap();
    let first = (0..CpuSet::count())
        .find(|&c| mine.is_set(c).unwrap_or(false))
        .unwrap();
    let mut one = CpuSet::new();
    one.set(first).unwrap();
    sched_setaffinity(Pid::from_raw(0), &one).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_ipc-bench"))
        .args(["--quick", "--sizes", "64"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    sched_setaffinity(Pid::from_raw(0), &mine).unwrap();
    let out = child.unwrap().wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains('\r'), "{err:?}");
    for mech in MECHANISMS {
        assert!(
            err.lines().any(|l| l == format!("measuring {mech} 64 B")),
            "{mech}: {err}"
        );
    }
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.lines().any(|l| l.starts_with("ring ")), "{table}");
    assert!(
        table.lines().next().unwrap_or("").contains("(one CPU)"),
        "{table}"
    );
    assert_nothing_new_left(&before);
}

/// Progress goes to stderr, the result to stdout: a stderr that cannot be written
/// (`2>/dev/full`) costs the progress lines, never the measurement.
#[test]
fn a_full_stderr_costs_only_the_progress() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ipc-bench"))
        .args(["--quick", "--only", "pipe", "--sizes", "64"])
        .stderr(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.lines().any(|l| l.starts_with("pipe ")), "{table}");
}
