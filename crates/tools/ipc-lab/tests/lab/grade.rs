//! `ipc-lab grade`, `hint` and `list` as an instructor and a student use them: the reference
//! solutions get full marks, untouched stubs get zero with a message saying what to do, a
//! broken submission gets the partial score it deserves in bounded time and leaves nothing
//! behind, and every output format parses.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_ipc-lab");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

/// The broken submission: each reference solution with one deliberate defect, made by the
/// textual edits below (exercise, text to find, its replacement). Each `find` must occur
/// exactly once, so a change to a solution breaks this test loudly instead of silently
/// grading a different submission.
const BREAKAGES: &[(&str, &str, &str)] = &[
    // ex01: hangs on messages over 1000 bytes, and forgets its segment's removal guard.
    (
        "ex01",
        "    write_c_string(&shared, args.message.as_bytes())?;\n",
        "    write_c_string(&shared, args.message.as_bytes())?;\n    \
         if args.message.len() > 1000 {\n        \
         std::mem::forget(_remove);\n        \
         loop {\n            std::thread::sleep(std::time::Duration::from_secs(1));\n        }\n    }\n",
    ),
    // ex02: never unlinks its shared-memory object.
    (
        "ex02",
        "let _unlink = Cleanup::shm(&name);",
        "std::mem::forget(Cleanup::shm(&name));",
    ),
    // ex03: accepts one priority too many ...
    (
        "ex03",
        "count > MAX_MESSAGES {",
        "count > MAX_MESSAGES + 1 {",
    ),
    // ... and crashes (SIGABRT) with more than 5 messages, leaving its queue.
    (
        "ex03",
        "    let _unlink = Cleanup::mq(&name);\n",
        "    let _unlink = Cleanup::mq(&name);\n    \
         if count > 5 {\n        std::process::abort();\n    }\n",
    ),
    // ex04: leaves a child sleeping (holding stdout), and is one short for large counts.
    (
        "ex04",
        "    println!(\"total: {}\", shared.counter.load(Ordering::SeqCst));\n",
        "    std::mem::forget(fork_child(|| {\n        \
         std::thread::sleep(std::time::Duration::from_secs(600));\n        0\n    })?);\n    \
         let total = shared.counter.load(Ordering::SeqCst);\n    \
         let wrong = if args.count > 1000 { total - 1 } else { total };\n    \
         println!(\"total: {wrong}\");\n",
    ),
    // ex05: does not compile (a missing `;`).
    (
        "ex05",
        "let (first, second) = (from.min(to), from.max(to));",
        "let (first, second) = (from.min(to), from.max(to))",
    ),
    // ex06: end of stdin raises SIGINT instead of SIGTERM ...
    (
        "ex06",
        "raise(nix::sys::signal::Signal::SIGTERM)",
        "raise(nix::sys::signal::Signal::SIGINT)",
    ),
    // ... and only SIGINT stops it: SIGTERM is ignored.
    (
        "ex06",
        "while ipc_support::interrupt::received().is_none() {",
        "while ipc_support::interrupt::received() != Some(nix::sys::signal::Signal::SIGINT) {",
    ),
];

/// A submission directory (`ex01.rs` … `ex06.rs`) built from the solutions with
/// [`BREAKAGES`] applied; removed when dropped, also when the test fails.
struct BrokenSubmission {
    dir: PathBuf,
}

impl BrokenSubmission {
    /// `label` names the directory. It is stable (under cargo's per-workspace temporary
    /// directory, not a fresh random one), so the grader reuses its build of it across runs
    /// instead of compiling and keeping one more set of binaries every time.
    fn new(label: &str) -> Self {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("broken-{label}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let submission = BrokenSubmission { dir };
        for n in 1..=6 {
            let name = format!("ex0{n}");
            let path = root().join(format!("solutions/{name}.rs"));
            let mut source = std::fs::read_to_string(&path).unwrap();
            for (_, find, replace) in BREAKAGES.iter().filter(|(ex, _, _)| *ex == name) {
                assert_eq!(
                    source.matches(find).count(),
                    1,
                    "{}: expected exactly one {find:?} to break",
                    path.display()
                );
                source = source.replace(find, replace);
            }
            std::fs::write(submission.dir.join(format!("{name}.rs")), source).unwrap();
        }
        submission
    }

    fn path(&self) -> &str {
        self.dir.to_str().unwrap()
    }
}

impl Drop for BrokenSubmission {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The grader's run, plus its pid (the names it gives submissions contain it).
struct Run {
    pid: u32,
    output: Output,
}

/// Runs ipc-lab; a generous limit only guards against a grader that never ends (the first
/// run from a clean checkout compiles the exercises' dependencies).
fn ipc_lab(args: &[&str]) -> Run {
    let child = Command::new(BIN)
        .args(args)
        .env("IPC_LAB_LANG", "en")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ipc-lab starts");
    let pid = child.id();
    let start = Instant::now();
    let waiter = std::thread::spawn(move || child.wait_with_output().expect("ipc-lab output"));
    while !waiter.is_finished() {
        assert!(
            start.elapsed() < Duration::from_secs(900),
            "ipc-lab {args:?} did not finish"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Run {
        pid,
        output: waiter.join().unwrap(),
    }
}

fn stdout(run: &Run) -> String {
    String::from_utf8_lossy(&run.output.stdout).into_owned()
}

fn stderr(run: &Run) -> String {
    String::from_utf8_lossy(&run.output.stderr).into_owned()
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&stdout(run))
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(run), stderr(run)))
}

fn exercise<'a>(grade: &'a Value, name: &str) -> &'a Value {
    grade["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("{name} missing from {grade}"))
}

/// Nothing the grader's submissions were told to create is left in /dev/shm.
fn assert_no_leftovers(grader_pid: u32) {
    let marker = format!("-{grader_pid}");
    let ours = |n: &String| n.starts_with("grade-ex") || n.starts_with("sem.grade-ex");
    let left: Vec<String> = std::fs::read_dir("/dev/shm")
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| ours(n) && n.contains(&marker))
        .collect();
    assert!(left.is_empty(), "left in /dev/shm: {left:?}");
}

#[test]
fn solutions_get_full_marks() {
    // A generous limit: only a wrong answer, never a busy machine, may cost points here.
    let run = ipc_lab(&[
        "grade",
        "--solutions",
        "--format",
        "json",
        "--time-limit",
        "30",
    ]);
    let grade = json(&run);
    assert_eq!(grade["max_score"], 60, "{grade}");
    assert_eq!(grade["score"], 60, "{grade:#}");
    assert!(run.output.status.success(), "{}", stderr(&run));
    assert_no_leftovers(run.pid);
}

#[test]
fn untouched_stubs_get_zero_with_a_message_saying_what_to_do() {
    let run = ipc_lab(&["grade", "--format", "json"]);
    assert_eq!(run.output.status.code(), Some(1));
    assert!(stderr(&run).contains("below the"), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("`ipc-lab hint ex0"),
        "{}",
        stderr(&run)
    );
    let grade = json(&run);
    let mut untouched = 0;
    for ex in grade["exercises"].as_array().unwrap() {
        let name = ex["name"].as_str().unwrap();
        let source = std::fs::read_to_string(root().join(format!("exercises/{name}.rs"))).unwrap();
        if !source.contains("todo!(") {
            continue; // a student solved this one in their checkout
        }
        untouched += 1;
        assert_eq!(ex["score"], 0, "{ex:#}");
        for check in ex["checks"].as_array().unwrap() {
            let output = check["output"].as_str().unwrap();
            assert!(output.contains("not done yet"), "{name}: {output}");
            assert!(
                output.contains(&format!("ipc-lab hint {name}")),
                "{name}: {output}"
            );
            // A 60000-byte message quoted by the stub is elided, not printed whole.
            assert!(output.chars().count() < 400, "{name}: {output}");
        }
    }
    assert!(untouched > 0 || grade["score"] == grade["max_score"]);
    assert_no_leftovers(run.pid);
}

#[test]
fn broken_submission_gets_partial_marks_in_bounded_time_and_leaves_nothing() {
    let broken = BrokenSubmission::new("partial-marks");
    let run = ipc_lab(&[
        "grade",
        "--submission",
        broken.path(),
        "--format",
        "json",
        "--time-limit",
        "4",
    ]);
    assert_eq!(run.output.status.code(), Some(1), "{}", stderr(&run));
    let grade = json(&run);
    let score = |name: &str| exercise(&grade, name)["score"].as_u64().unwrap();
    let outputs = |name: &str| -> String {
        exercise(&grade, name)["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["output"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let pid = run.pid;
    // Hangs on the long message: killed at the timeout, its segment reported (and gone
    // with the run's IPC namespace).
    assert_eq!(score("ex01"), 8, "{}", outputs("ex01"));
    assert!(
        outputs("ex01").contains("did not finish in time"),
        "{}",
        outputs("ex01")
    );
    assert!(
        outputs("ex01").contains("left behind: System V segment id"),
        "{}",
        outputs("ex01")
    );
    // Never unlinks: every run that created the object loses half its points.
    assert_eq!(score("ex02"), 4, "{}", outputs("ex02"));
    let shm = format!("left behind: POSIX shared-memory object /grade-ex02-{pid}");
    assert!(outputs("ex02").contains(&shm), "{}", outputs("ex02"));
    // Crashes with SIGABRT on longer lists and leaves its queue.
    assert_eq!(score("ex03"), 3, "{}", outputs("ex03"));
    assert!(
        outputs("ex03").contains("killed by signal SIGABRT"),
        "{}",
        outputs("ex03")
    );
    let queue = format!("left behind: POSIX message queue /grade-ex03-{pid}");
    assert!(outputs("ex03").contains(&queue), "{}", outputs("ex03"));
    // Wrong total for large counts, and one child more than asked (left sleeping, killed
    // with the run): only the refusals pass.
    assert_eq!(score("ex04"), 2, "{}", outputs("ex04"));
    assert!(
        outputs("ex04").contains("expected `total: 4000000`, got `total: 3999999`"),
        "{}",
        outputs("ex04")
    );
    assert!(
        outputs("ex04").contains("A forked 3 child processes, not 2"),
        "{}",
        outputs("ex04")
    );
    // Does not compile: the compiler's message is in the report.
    assert_eq!(score("ex05"), 0);
    assert!(
        outputs("ex05").contains("does not compile: expected `;`"),
        "{}",
        outputs("ex05")
    );
    // Ignores SIGTERM: killed, its three objects removed; SIGINT and stdin still work.
    assert_eq!(score("ex06"), 7, "{}", outputs("ex06"));
    assert!(
        outputs("ex06").contains("still running 4 s after SIGTERM"),
        "{}",
        outputs("ex06")
    );
    assert_eq!(grade["score"], 24);
    assert_no_leftovers(run.pid);
}

#[test]
fn gradescope_and_junit_and_min_score() {
    let run = ipc_lab(&[
        "grade",
        "ex01",
        "ex03",
        "--solutions",
        "--format",
        "gradescope",
        "--time-limit",
        "30",
    ]);
    assert!(run.output.status.success(), "{}", stderr(&run));
    let results = json(&run);
    assert_eq!(results["score"].as_f64(), Some(20.0));
    let tests = results["tests"].as_array().unwrap();
    assert_eq!(tests.len(), 10);
    for t in tests {
        assert!(t["name"].as_str().unwrap().starts_with("ex0"), "{t}");
        assert_eq!(t["status"], "passed");
        assert_eq!(t["score"], t["max_score"]);
        assert!(t["output"].is_string());
    }

    // JUnit: one test case per check, failures marked; a broken exercise scores below
    // --min-score. (ex03, whose defects cost 7 of its 10 points: cheap to run twice.)
    let broken = BrokenSubmission::new("junit");
    let run = ipc_lab(&[
        "grade",
        "ex03",
        "--submission",
        broken.path(),
        "--format",
        "junit",
        "--min-score",
        "3",
        "--time-limit",
        "30",
    ]);
    assert!(
        run.output.status.success(),
        "3 points reach --min-score 3: {}",
        stderr(&run)
    );
    let xml = stdout(&run);
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert_eq!(xml.matches("<testcase ").count(), 4, "{xml}");
    assert_eq!(xml.matches("<failure").count(), 3, "{xml}");
    assert!(
        xml.contains("tests=\"4\"") && xml.contains("failures=\"3\""),
        "{xml}"
    );
    assert!(xml.contains("killed by signal SIGABRT"), "{xml}");
    assert!(xml.trim_end().ends_with("</testsuites>"), "{xml}");

    let run = ipc_lab(&[
        "grade",
        "ex03",
        "--submission",
        broken.path(),
        "--min-score",
        "4",
    ]);
    assert_eq!(run.output.status.code(), Some(1));
    assert!(
        stderr(&run).contains("score 3/10: below the 4 points required"),
        "{}",
        stderr(&run)
    );
    assert!(stdout(&run).contains("Total: 3/10"), "{}", stdout(&run));
}

#[test]
fn unknown_exercise_and_missing_submission_are_one_line_errors() {
    let run = ipc_lab(&["grade", "ex99"]);
    assert_eq!(run.output.status.code(), Some(1));
    assert_eq!(stderr(&run).lines().count(), 1, "{}", stderr(&run));
    assert!(stderr(&run).contains("exercise 'ex99': no such exercise"));
    let run = ipc_lab(&["grade", "--submission", "/nonexistent/ipc-lab-sub"]);
    assert_eq!(run.output.status.code(), Some(1));
    assert!(stderr(&run).starts_with("ipc-lab: submission /nonexistent/ipc-lab-sub"));
    let run = ipc_lab(&["grade", "--format", "xml"]);
    assert_eq!(run.output.status.code(), Some(2));
    // A directory with no exercise file at all is refused at once, not graded 0/60.
    let empty = Path::new(env!("CARGO_TARGET_TMPDIR")).join("empty-submission");
    std::fs::create_dir_all(&empty).unwrap();
    let run = ipc_lab(&["grade", "--submission", empty.to_str().unwrap()]);
    assert_eq!(run.output.status.code(), Some(1));
    assert_eq!(stderr(&run).lines().count(), 1, "{}", stderr(&run));
    assert!(stderr(&run).contains("holds none of the exercise files"));
    assert!(stdout(&run).is_empty(), "{}", stdout(&run));
    // A --min-score above what the exercises are worth says so.
    let run = ipc_lab(&["grade", "--solutions", "ex03", "--min-score", "70"]);
    assert_eq!(run.output.status.code(), Some(1));
    assert!(
        stderr(&run).contains("--min-score 70: more than the 10 points"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn hints_match_rustlings_info_toml_and_exist_in_both_languages() {
    let info = std::fs::read_to_string(root().join("info.toml")).unwrap();
    for n in 1..=6 {
        let name = format!("ex0{n}");
        let run = ipc_lab(&["hint", &name]);
        assert!(run.output.status.success());
        let out = stdout(&run);
        assert!(out.starts_with(&format!("Hint for {name}")), "{out}");
        let hint = out.lines().skip(1).collect::<Vec<_>>().join("\n");
        let block = info
            .split(&format!("name = \"{name}\""))
            .nth(1)
            .and_then(|rest| rest.split("hint = \"\"\"\n").nth(1))
            .and_then(|rest| rest.split("\"\"\"").next())
            .unwrap();
        assert_eq!(
            hint.trim(),
            block.trim(),
            "{name}: info.toml and ipc-lab hint differ"
        );

        let vi = Command::new(BIN)
            .args(["hint", &name])
            .env("IPC_LAB_LANG", "vi")
            .output()
            .unwrap();
        let vi = String::from_utf8_lossy(&vi.stdout).into_owned();
        assert!(vi.starts_with(&format!("Gợi ý cho {name}")), "{vi}");
        assert_ne!(vi.lines().nth(1), out.lines().nth(1));
    }
    let run = ipc_lab(&["hint", "ex7"]);
    assert_eq!(run.output.status.code(), Some(1));
}

#[test]
fn list_shows_every_exercise_and_its_state() {
    let run = ipc_lab(&["list"]);
    assert!(run.output.status.success());
    let out = stdout(&run);
    for n in 1..=6 {
        assert!(out.contains(&format!("ex0{n}  ")), "{out}");
    }
    assert!(out.contains("of 6 done"), "{out}");
    // The solutions directory, once graded, is all done.
    let solutions = root().join("solutions");
    let grade = ipc_lab(&["grade", "--solutions", "ex02", "--time-limit", "30"]);
    assert!(grade.output.status.success(), "{}", stderr(&grade));
    // Grading another exercise afterwards keeps ex02's grade.
    let grade = ipc_lab(&["grade", "--solutions", "ex01", "--time-limit", "30"]);
    assert!(grade.output.status.success(), "{}", stderr(&grade));
    let run = ipc_lab(&["list", "--submission", solutions.to_str().unwrap()]);
    let out = stdout(&run);
    for name in ["ex01", "ex02"] {
        let line = out.lines().find(|l| l.contains(name)).unwrap();
        assert!(line.ends_with("done"), "{out}");
    }
    let vi = ipc_lab(&["list", "--lang", "vi"]);
    assert!(vi.output.status.success(), "{}", stderr(&vi));
    assert_ne!(stdout(&vi).lines().next(), out.lines().next());
    let hint = ipc_lab(&["hint", "ex01", "--lang", "vi"]);
    assert!(
        stdout(&hint).starts_with("Gợi ý cho ex01"),
        "{}",
        stdout(&hint)
    );
}

/// Ctrl-C (SIGINT to the whole process group, as a terminal sends it) or SIGTERM to the
/// grader alone, while a submission runs: the run ends with the grader, nothing of it
/// survives, and nothing it made is left on the host.
#[test]
fn stopping_the_grader_ends_the_run_under_test_and_leaves_nothing() {
    use std::os::unix::process::CommandExt;
    for (label, group) in [("sigterm", false), ("ctrl-c", true)] {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("stop-{label}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let marker = format!("stop-{label}-{}", std::process::id());
        // An ex06 that makes an object, says ready, then ignores everything for minutes.
        let source = format!(
            "fn main() {{\n    std::fs::write(\"/dev/shm/{marker}\", b\"x\").unwrap();\n    \
             println!(\"ready\");\n    let _ = std::process::Command::new(\"sleep\").arg(\"600\").status();\n}}\n"
        );
        std::fs::write(dir.join("ex06.rs"), source).unwrap();
        let mut child = Command::new(BIN)
            .args([
                "grade",
                "ex06",
                "--submission",
                dir.to_str().unwrap(),
                "--time-limit",
                "120",
            ])
            .env("IPC_LAB_LANG", "en")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()
            .unwrap();
        let pid = child.id();
        // Wait until the submission's sleep runs (its command line is `sleep 600`, a child
        // of a process of ours), at most a few minutes for the first build.
        let start = Instant::now();
        let sleeping = || {
            std::fs::read_dir("/proc").unwrap().flatten().any(|e| {
                std::fs::read(e.path().join("cmdline")).is_ok_and(|c| c == b"sleep\x00600\x00")
            })
        };
        while !sleeping() {
            assert!(
                start.elapsed() < Duration::from_secs(300),
                "the submission never started"
            );
            assert!(
                child.try_wait().unwrap().is_none(),
                "the grader ended early"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let target = if group {
            -i32::try_from(pid).unwrap()
        } else {
            i32::try_from(pid).unwrap()
        };
        let signal = if group {
            nix::sys::signal::Signal::SIGINT
        } else {
            nix::sys::signal::Signal::SIGTERM
        };
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(target), signal).unwrap();
        let status = child.wait().unwrap();
        assert!(!status.success(), "{label}: {status}");
        // Everything of the run goes with the grader (the supervisor dies with it and
        // takes its traced processes along); give the kernel a moment to reap.
        let gone = Instant::now();
        while sleeping() && gone.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(
            !sleeping(),
            "{label}: the submission's process survived the grader"
        );
        assert!(
            !Path::new("/dev/shm").join(&marker).exists(),
            "{label}: left on the host"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Progress goes to stderr, the result to --output: a stderr that cannot be written
/// (`2>/dev/full`) costs the progress, never the grade — alone or for a class.
#[test]
fn a_full_stderr_does_not_stop_a_grade() {
    let work = crate::grading_support::fresh_dir("full-stderr");
    let to_full_stderr = |cmd: &mut Command| {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut child = cmd.stdout(Stdio::null()).stderr(full).spawn().unwrap();
        let start = Instant::now();
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                return status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(600),
                "{cmd:?} did not end"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    let report = work.join("report.json");
    let status = to_full_stderr(
        Command::new(BIN)
            .args([
                "grade",
                "ex03",
                "--solutions",
                "--format",
                "json",
                "--output",
            ])
            .arg(&report),
    );
    assert_eq!(status.code(), Some(0));
    let grade: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(grade["score"], 10, "{grade:#}");

    let class = work.join("class");
    crate::grading_support::copy_exercises("solutions", &["ex03"], &class.join("alice"));
    let gradebook = work.join("grades.csv");
    let status = to_full_stderr(
        Command::new(BIN)
            .args(["grade", "ex03", "--class"])
            .arg(&class)
            .arg("--output")
            .arg(&gradebook),
    );
    assert_eq!(status.code(), Some(0));
    let rows = crate::grading_support::read_csv(&gradebook);
    assert_eq!(rows[1][0], "alice");
    assert_eq!(rows[1][3..], ["10", "", "", "", "10", "ok"]);
}
