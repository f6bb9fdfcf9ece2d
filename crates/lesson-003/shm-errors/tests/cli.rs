//! End-to-end: every demo reproduces its claim, exits 0, and leaves no object or process.

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use ipc_testkit::{Ran, assert_stdout_mentions, rest_of_stderr, spawn_until_line, wait_patiently};

fn run(args: &[&str]) -> Ran {
    let r: Ran = cargo_bin_cmd!("shm-errors")
        .args(args)
        .env("IPC_LAB_LANG", "en")
        .output()
        .unwrap()
        .into();
    assert_nothing_left(&r.stdout);
    r
}

/// Every object a demo names in its output (`/demo_…` or `/dev/shm/…`) must be gone.
fn assert_nothing_left(stdout: &str) {
    for word in stdout.split(|c: char| c.is_whitespace() || "(),;\"".contains(c)) {
        let candidates = if let Some(bare) = word.strip_prefix("/dev/shm/") {
            vec![format!("/dev/shm/{bare}")]
        } else if let Some(bare) = word.strip_prefix("/demo_") {
            vec![
                format!("/dev/shm/demo_{bare}"),
                format!("/dev/shm/sem.demo_{bare}"),
            ]
        } else {
            continue;
        };
        for path in candidates {
            if Path::new(&path).exists() {
                let _ = std::fs::remove_file(&path);
                panic!("{path} was left behind:\n{stdout}");
            }
        }
    }
}

/// The pids printed as `pid N` must no longer run our binary (reaped, not orphaned).
fn assert_processes_gone(stdout: &str) {
    let words: Vec<&str> = stdout.split_whitespace().collect();
    let mut seen = 0;
    for pair in words.windows(2) {
        if pair[0] == "pid" {
            let pid = pair[1].trim_end_matches([':', ',']);
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            assert!(
                !String::from_utf8_lossy(&cmdline).contains("shm-errors"),
                "process {pid} still runs:\n{stdout}"
            );
            seen += 1;
        }
    }
    assert!(seen > 0, "no pid in output:\n{stdout}");
}

fn ok(r: &Ran) {
    assert_eq!(r.code, 0, "stdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
}

/// scenario, call, outcome, why, fix: in this order, each on a line of its own.
fn assert_report_order(stdout: &str, outcome: &str) {
    let lines: Vec<&str> = stdout.lines().collect();
    let line_of = |label: &str, from: usize| {
        lines[from..]
            .iter()
            .position(|l| l.starts_with(label))
            .map(|i| i + from)
            .unwrap_or_else(|| panic!("no '{label}' line after line {from}:\n{stdout}"))
    };
    let scenario = line_of("scenario: ", 0);
    let call = line_of("call: ", scenario);
    let result = line_of("", call + 1);
    assert!(
        lines[result].contains(outcome),
        "'{outcome}' not after call:\n{stdout}"
    );
    let why = line_of("why: ", result);
    line_of("fix: ", why);
}

#[test]
fn sigbus_child_dies_then_the_fix_works() {
    let r = run(&["sigbus"]);
    ok(&r);
    assert_report_order(&r.stdout, "SIGBUS");
    assert!(r.stdout.contains("size is 0 bytes"));
    assert!(r.stdout.contains("read back \"Hello SHM\""));
    assert_processes_gone(&r.stdout);
}

/// With /dev/shm full (a tiny tmpfs, filled, in a private mount namespace) the demo's own
/// child still dies of SIGBUS, and its fixed path is one ENOSPC line, not a second SIGBUS,
/// with its object removed.
#[test]
fn sigbus_fixed_path_on_a_full_dev_shm_is_enospc() {
    let script = "mount -t tmpfs -o size=16k none /dev/shm || exit 99
        head -c 16384 /dev/zero > /dev/shm/filler 2>/dev/null
        \"$0\" \"$@\"; status=$?
        rm /dev/shm/filler; echo \"left: $(ls -A /dev/shm)\"; exit $status";
    let out = ipc_testkit::faults::in_private_mounts(
        script,
        &assert_cmd::cargo::cargo_bin("shm-errors"),
        &["sigbus"],
    )
    .env("IPC_LAB_LANG", "en")
    .output()
    .unwrap();
    let r = Ran::from(out);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("SIGBUS"), "the demo itself: {r:?}");
    let line = ipc_testkit::single_line(r.stderr.as_bytes());
    assert!(
        line.starts_with("shm-errors: posix_fallocate(/demo_shm_nf-")
            && line.contains(
                ", 0, 4096): ENOSPC (No space left on device) — /dev/shm has no room for 4096 bytes"
            ),
        "{line}"
    );
    assert!(r.stdout.ends_with("left: \n"), "{}", r.stdout);
}

#[test]
fn eacces_open_is_seen_by_an_unprivileged_user() {
    let r = run(&["eacces-open"]);
    ok(&r);
    assert_report_order(&r.stdout, "EACCES (Permission denied)");
    assert!(r.stdout.contains("O_RDWR"));
    if nix::unistd::geteuid().is_root() {
        // The child reports the ids the kernel gave it after the drop.
        assert!(
            r.stdout.contains("dropped to uid 65534, gid 65534"),
            "{}",
            r.stdout
        );
        assert!(r.stdout.contains("uid 65534 opens"));
        assert!(r.stdout.contains("SUCCEEDED: root is not checked"));
        assert!(r.stdout.contains("CAP_DAC_OVERRIDE"));
    }
}

#[test]
fn eacces_mmap_fails_even_for_root() {
    let r = run(&["eacces-mmap"]);
    ok(&r);
    assert_report_order(&r.stdout, "EACCES (Permission denied)");
    assert!(
        r.stdout
            .contains("mmap(4096, PROT_READ|PROT_WRITE, MAP_SHARED)")
    );
    assert!(r.stdout.contains("fixed:"));
}

/// `expected E, got G: L updates lost` lines must add up.
fn check_accounting(stdout: &str) -> Vec<(u64, u64, u64)> {
    let mut rows = Vec::new();
    for line in stdout.lines().filter(|l| l.starts_with("expected ")) {
        let nums: Vec<u64> = line
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|w| w.parse().ok())
            .collect();
        assert_eq!(nums.len(), 3, "{line}");
        assert_eq!(nums[0] - nums[1], nums[2], "{line}");
        rows.push((nums[0], nums[1], nums[2]));
    }
    assert!(!rows.is_empty(), "{stdout}");
    rows
}

#[test]
fn unlocked_race_counts_lost_updates_honestly() {
    let r = run(&["race", "--procs", "2", "--iters", "200000"]);
    let rows = check_accounting(&r.stdout);
    match r.code {
        0 => {
            assert!(rows.last().unwrap().2 > 0);
            assert_report_order(&r.stdout, "updates lost (");
        }
        1 => {
            // A machine may run the processes one after the other; then it must say so.
            assert!(rows.iter().all(|row| row.2 == 0));
            assert!(r.stderr.contains("did not reproduce"), "{}", r.stderr);
        }
        other => panic!("exit {other}: {}", r.stderr),
    }
}

#[test]
fn semaphore_locked_race_is_exact() {
    let r = run(&[
        "race",
        "--lock",
        "semaphore",
        "--procs",
        "4",
        "--iters",
        "50000",
    ]);
    ok(&r);
    assert_eq!(check_accounting(&r.stdout), vec![(200_000, 200_000, 0)]);
    assert!(r.stdout.contains("sem_init pshared=1"));
    assert!(r.stdout.contains("exact"));
}

#[test]
fn mutex_locked_race_is_exact() {
    let r = run(&[
        "race", "--lock", "mutex", "--procs", "6", "--iters", "50000",
    ]);
    ok(&r);
    assert_eq!(check_accounting(&r.stdout), vec![(300_000, 300_000, 0)]);
    assert!(r.stdout.contains("PTHREAD_PROCESS_SHARED"));
}

#[test]
fn one_process_cannot_race_and_says_so() {
    let r = run(&["race", "--procs", "1", "--iters", "10"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("one process alone cannot race"),
        "{}",
        r.stderr
    );
}

#[test]
fn bad_race_options_are_usage_errors() {
    for args in [
        ["race", "--procs", "0"],
        ["race", "--iters", "0"],
        ["race", "--lock", "spin"],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    }
}

/// `torn: T of R reads`: the counts of the last such line.
fn torn_counts(stdout: &str) -> (u64, u64) {
    let line = stdout
        .lines()
        .rfind(|l| l.starts_with("torn: "))
        .unwrap_or_else(|| panic!("no torn line:\n{stdout}"));
    let n: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    (n[0], n[1])
}

#[test]
fn the_lessons_record_is_torn_without_a_lock() {
    let r = run(&["torn"]);
    ok(&r);
    let (torn, reads) = torn_counts(&r.stdout);
    assert!(torn > 0 && torn <= reads, "{}", r.stdout);
    assert_report_order(&r.stdout, &format!("{torn} of {reads} reads were torn"));
}

#[test]
fn no_record_is_torn_under_a_semaphore() {
    let r = run(&["torn", "--lock", "semaphore"]);
    ok(&r);
    let (torn, reads) = torn_counts(&r.stdout);
    assert_eq!(torn, 0, "{}", r.stdout);
    assert!(reads > 0, "the reader read nothing:\n{}", r.stdout);
}

#[test]
fn every_demo_starts_with_the_lessons_number() {
    for (args, title) in [
        (&["sigbus"][..], "== 2.1 "),
        (&["eacces-mmap"], "== 2.3 "),
        (&["race", "--iters", "1000", "--lock", "mutex"], "== 2.4 "),
        (
            &["torn", "--records", "1000", "--lock", "semaphore"],
            "== 2.4 ",
        ),
        (&["deadlock", "--fix", "order"], "== 2.5 "),
        (&["dangling"], "== 2.7 "),
    ] {
        let r = run(args);
        ok(&r);
        assert!(r.stdout.starts_with(title), "{args:?}:\n{}", r.stdout);
    }
}

#[test]
fn deadlock_is_detected_reported_and_cleaned_up() {
    let r = run(&["deadlock", "--timeout", "0.5"]);
    ok(&r);
    assert_report_order(&r.stdout, "ETIMEDOUT (Connection timed out)");
    assert!(
        r.stdout.contains("process A: holds /demo_sem1"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("waits for /demo_sem2"));
    assert!(r.stdout.contains("process B: holds /demo_sem2"));
    assert!(r.stdout.contains("removed /dev/shm/sem.demo_sem1"));
    assert_processes_gone(&r.stdout);
}

#[test]
fn deadlock_fixes_complete() {
    for (fix, says) in [
        ("order", "with one lock order"),
        ("trylock", "backing off released the cycle"),
    ] {
        let r = run(&["deadlock", "--fix", fix, "--timeout", "5"]);
        ok(&r);
        assert!(r.stdout.contains(says), "{}", r.stdout);
        assert!(r.stdout.contains("50 rounds"));
        assert_processes_gone(&r.stdout);
    }
}

#[test]
fn deadlock_timeout_must_be_positive() {
    assert_eq!(run(&["deadlock", "--timeout", "0"]).code, 2);
}

#[test]
fn dangling_objects_are_shown_then_removed() {
    let r = run(&["dangling"]);
    ok(&r);
    let listed: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("  -rw-------"))
        .collect();
    assert_eq!(listed.len(), 2, "{}", r.stdout);
    assert!(listed[0].contains("4096 /dev/shm/demo_leak"));
    assert!(listed[1].contains("/dev/shm/sem.demo_sem_leak"));
    assert_report_order(&r.stdout, "both objects outlive");
    assert!(r.stdout.contains("both are gone"));
}

#[test]
fn explanations_in_vietnamese() {
    let r = run(&["--lang", "vi", "eacces-mmap"]);
    ok(&r);
    assert!(r.stdout.contains("tình huống:"), "{}", r.stdout);
    assert!(
        r.stdout.contains("mã lỗi:     EACCES (Permission denied)"),
        "{}",
        r.stdout
    );
}

#[test]
fn help_explains_and_lists_demos() {
    let out = cargo_bin_cmd!("shm-errors").arg("--help").output().unwrap();
    assert_stdout_mentions(
        &out,
        &[
            "SIGBUS",
            "sigbus",
            "eacces-open",
            "eacces-mmap",
            "race",
            "deadlock",
            "dangling",
            "--lang",
        ],
    );
}

#[test]
fn ctrl_c_during_the_deadlock_cleans_up_everything() {
    use std::io::Read;
    use std::process::Command;
    use std::time::Duration;

    // The plan line and both "process X is pid N" lines: both processes exist now.
    let (mut child, mut out, mut seen) = spawn_until_line(
        Command::new(env!("CARGO_BIN_EXE_shm-errors"))
            .args(["deadlock", "--timeout", "60"])
            .env("IPC_LAB_LANG", "en"),
        "process B is pid",
    );
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(i32::try_from(child.id()).expect("a pid fits pid_t")),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    let code = wait_patiently(&mut child, Duration::from_secs(20)).code();
    out.read_to_string(&mut seen).unwrap();
    let err = rest_of_stderr(&mut child);
    assert_eq!(code, Some(130), "{seen}\n{err}");
    assert!(err.contains("interrupted by SIGINT"), "{err}");
    assert_processes_gone(&seen);
    assert_nothing_left(&seen);
}

/// The pids of `pid`'s children, from /proc (empty once it has none).
fn children_of(pid: u32) -> Vec<i32> {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// SIGKILL of a demo once its children run: no cleanup code of the parent runs, yet the
/// children end with it and nothing is left (the deadlock's semaphores lost their names as
/// soon as both processes had them open).
#[test]
fn children_end_with_a_parent_killed_outright() {
    use std::process::Command;
    use std::time::{Duration, Instant};
    for (args, children) in [
        (&["deadlock", "--timeout", "60"][..], 2),
        (&["race", "--procs", "2", "--iters", "10000000"], 2),
    ] {
        let (mut child, _out, seen) = spawn_until_line(
            Command::new(env!("CARGO_BIN_EXE_shm-errors"))
                .args(args)
                .env("IPC_LAB_LANG", "en"),
            if args[0] == "deadlock" {
                "removed /dev/shm/sem.demo_sem2"
            } else {
                "attempt 1:"
            },
        );
        let start = Instant::now();
        let kids = loop {
            let kids = children_of(child.id());
            if kids.len() == children {
                break kids;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{args:?}: {seen}"
            );
            std::thread::sleep(Duration::from_millis(5));
        };
        // Stopped while their parent is killed, so that they cannot have finished on their
        // own by then; continued after (a child stopped before its prctl then sees it has
        // no parent any more, and leaves). The deadlock's children would wait 60 s more.
        use nix::sys::signal::{Signal, kill};
        use nix::unistd::Pid;
        for &kid in &kids {
            kill(Pid::from_raw(kid), Signal::SIGSTOP).unwrap();
        }
        child.kill().unwrap();
        child.wait().unwrap();
        for &kid in &kids {
            let _ = kill(Pid::from_raw(kid), Signal::SIGCONT);
        }
        let start = Instant::now();
        for &kid in &kids {
            // Gone, or a zombie waiting for init to reap it: either way it runs no more.
            while std::fs::read_to_string(format!("/proc/{kid}/stat"))
                .is_ok_and(|stat| !stat.contains(") Z "))
            {
                if start.elapsed() > Duration::from_secs(20) {
                    let _ = kill(Pid::from_raw(kid), Signal::SIGKILL);
                    panic!("{args:?}: child {kid} outlived its parent");
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        assert_nothing_left(&seen);
    }
}
