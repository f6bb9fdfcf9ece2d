//! The sandbox as the grader relies on it: a program sees only the sandbox, cannot leave
//! it, cannot outlive it, is bounded in time, memory, processes and output, and is seen
//! doing what it does. Each test runs a shell (or a small C program compiled here) under
//! the supervisor and asserts the report and the host's state afterwards.

use std::path::{Path, PathBuf};

use ipc_sandbox::{End, Limit, Limits, Object, Observe, Report, Spec, What};

fn supervisor() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_ipc-sandbox"))
}

fn sh(script: &str) -> Spec {
    let mut spec = Spec::new("/bin/sh", vec!["-c".into(), script.into()]);
    spec.limits.wall_ms = 10_000;
    spec.observe = Observe {
        syscalls: true,
        snapshots: 8,
        snapshot_bytes: 64,
        ..Observe::default()
    };
    spec
}

fn run(spec: &Spec) -> Report {
    ipc_sandbox::run(&supervisor(), spec).expect("the supervisor reports")
}

/// Most tests need namespaces; where the machine forbids them, say so instead of passing.
fn require_namespaces(report: &Report) {
    assert!(
        report.isolation.namespaces,
        "this test needs namespaces, which this machine refused: {:?}",
        report.isolation.missing
    );
}

fn host_shm() -> Vec<String> {
    std::fs::read_dir("/dev/shm")
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Processes of the host whose command line contains `marker`.
fn processes_with(marker: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let text = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        if text.contains(marker) {
            found.push(format!("{}: {text}", entry.file_name().to_string_lossy()));
        }
    }
    found
}

#[test]
fn the_program_sees_only_the_sandbox() {
    let here = std::env::current_dir().unwrap();
    let script = format!(
        "id -u; ls /; ls -A /tmp | wc -l; test -e {} && echo SEES-THE-WORKSPACE; \
         touch /box/x 2>/dev/null && echo WROTE-ROOT; touch /tmp/ok && echo wrote-tmp; \
         ls /proc | grep -c '^[0-9]'; hostname",
        here.display()
    );
    let report = run(&sh(&script));
    require_namespaces(&report);
    let out = report.stdout.text;
    let mut lines = out.lines();
    assert_ne!(lines.next(), Some("0"), "the program ran as root: {out}");
    assert!(!out.contains("SEES-THE-WORKSPACE"), "{out}");
    assert!(!out.contains("WROTE-ROOT"), "{out}");
    assert!(out.contains("wrote-tmp"), "{out}");
    assert!(!out.contains("root\n") && !out.contains("work\n"), "{out}");
    assert!(out.contains("ipc-lab-sandbox"), "{out}");
    assert_eq!(report.end, End::Exited(0), "{}", report.stderr.text);
}

#[test]
fn objects_left_in_the_namespace_are_reported_and_gone_from_the_host() {
    let marker = format!("sandbox-test-leak-{}", std::process::id());
    let script = format!(
        "touch /dev/shm/{marker} && echo made; (setsid sh -c 'sleep 0.3; touch /dev/shm/late-{marker}' &) ; true"
    );
    let report = run(&sh(&script));
    require_namespaces(&report);
    assert!(
        report.stdout.text.contains("made"),
        "{}",
        report.stderr.text
    );
    assert!(
        report.leftovers.contains(&Object::ShmFile {
            name: marker.clone(),
            size: 0
        }),
        "{:?}",
        report.leftovers
    );
    // Long after the daemon would have made its late object, had it outlived the run.
    std::thread::sleep(std::time::Duration::from_millis(800));
    let host = host_shm();
    assert!(
        !host.iter().any(|n| n.contains(&marker)),
        "on the host: {host:?}"
    );
}

#[test]
fn a_daemon_does_not_outlive_the_run_nor_delay_it() {
    let marker = format!("sandbox-daemon-{}", std::process::id());
    let script = format!(
        "setsid sh -c 'exec -a {marker} sleep 600' < /dev/null > /dev/null 2>&1 & echo started"
    );
    let start = std::time::Instant::now();
    let report = run(&sh(&script));
    require_namespaces(&report);
    assert!(report.stdout.text.contains("started"));
    assert_eq!(report.end, End::Exited(0));
    // The daemon is in the report, killed with the run.
    assert!(
        report.tasks.iter().any(|t| t.end == Some(End::Signaled(9))),
        "{:?}",
        report.tasks
    );
    assert!(
        processes_with(&marker).is_empty(),
        "{:?}",
        processes_with(&marker)
    );
    // Not a timing assertion on the program: only that the run did not wait for the
    // daemon's 600 s.
    assert!(start.elapsed().as_secs() < 60);
}

#[test]
fn output_is_bounded_whatever_the_program_prints() {
    let mut spec = sh("head -c 50000000 /dev/zero | tr '\\0' x");
    spec.limits.output_bytes = 4 << 20;
    let report = run(&spec);
    assert!(
        report.end == End::OverLimit(Limit::OutputMib(4)),
        "{:?}",
        report.end
    );
    assert!(report.stdout.text.len() <= 64 * 1024);
    assert!(report.stdout.total > 4 << 20);
}

#[test]
fn a_fork_bomb_is_stopped() {
    let mut spec = sh("bomb() { bomb & bomb & wait; }; bomb");
    spec.limits.tasks = 32;
    let marker_start = std::time::Instant::now();
    let report = run(&spec);
    assert!(
        report.end == End::OverLimit(Limit::Tasks(32)),
        "{:?}",
        report.end
    );
    // At most the limit alive at once (plus the forks already under way when the run was
    // stopped, which the kernel finishes before the kill reaches them).
    let mut changes: Vec<(u64, i32)> = report
        .tasks
        .iter()
        .flat_map(|t| [(t.born, 1), (t.died.unwrap_or(u64::MAX), -1)])
        .collect();
    changes.sort();
    let mut alive = 0;
    let mut most = 0;
    for (_, change) in changes {
        alive += change;
        most = most.max(alive);
    }
    assert!(most <= 32 + 8, "{most} tasks alive at once");
    assert!(marker_start.elapsed().as_secs() < 60);
}

#[test]
fn the_time_limit_kills_a_hung_run() {
    let mut spec = sh("sleep 600");
    spec.limits.wall_ms = 300;
    let report = run(&spec);
    assert_eq!(report.end, End::TimedOut);
}

#[test]
fn which_process_wrote_each_line_is_recorded() {
    let report = run(&sh("echo from-main; (echo from-child); wait"));
    let writer = |line: &str| {
        report.events.iter().find_map(|e| match &e.what {
            What::Write { text, .. } if text.contains(line) => Some(e.task),
            _ => None,
        })
    };
    assert_eq!(writer("from-main"), Some(0), "{:?}", report.events);
    let child = writer("from-child").expect("the child's line");
    assert_ne!(child, 0);
    assert_eq!(report.tasks[child].parent, Some(0));
}

#[test]
fn the_program_cannot_make_namespaces_or_trace() {
    let report = run(&sh("unshare -U true && echo UNSHARED; echo done"));
    assert!(
        !report.stdout.text.contains("UNSHARED"),
        "{}",
        report.stdout.text
    );
    assert!(report.stdout.text.contains("done"));
}

#[test]
fn required_isolation_is_refused_or_given() {
    let mut spec = sh("echo hi");
    spec.isolation = ipc_sandbox::Isolation::Required;
    let report = run(&spec);
    if report.isolation.namespaces {
        assert_eq!(report.end, End::Exited(0));
    } else {
        assert_eq!(report.end, End::NotStarted);
        assert!(report.stderr.text.contains("full isolation was required"));
    }
}

#[test]
fn without_namespaces_what_the_run_made_is_removed() {
    let marker = format!("sandbox-none-{}", std::process::id());
    let mut spec = sh(&format!("touch /dev/shm/{marker}; echo made"));
    spec.isolation = ipc_sandbox::Isolation::None;
    let report = run(&spec);
    assert!(!report.isolation.namespaces);
    assert!(
        report.stdout.text.contains("made"),
        "{}",
        report.stderr.text
    );
    assert!(
        report
            .leftovers
            .iter()
            .any(|o| matches!(o, Object::ShmFile { name, .. } if *name == marker)),
        "{:?}",
        report.leftovers
    );
    assert!(!Path::new("/dev/shm").join(&marker).exists());
}

/// A C program compiled for these tests: the parent makes a named semaphore (value 1),
/// forks three children that each take and give it back, and waits for them.
const WORKERS_C: &str = r#"
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
    sem_t *lock = sem_open("/gate-test", O_CREAT | O_EXCL, 0600, 1);
    if (lock == SEM_FAILED) { perror("sem_open"); return 1; }
    for (int i = 0; i < 3; i++) {
        if (fork() == 0) {
            sem_wait(lock);
            sem_post(lock);
            _exit(0);
        }
    }
    for (int i = 0; i < 3; i++) wait(NULL);
    sem_unlink("/gate-test");
    puts("done");
    return 0;
}
"#;

/// The supervisor, a Rust program, ignores SIGPIPE; a grader started in the background also
/// ignores SIGINT. Neither reaches the program: it starts with no signal ignored or blocked.
#[test]
fn the_program_starts_with_no_signal_ignored_or_blocked() {
    ipc_sys::signal::set_ignored(nix::sys::signal::Signal::SIGINT, true).unwrap();
    let report = run(&sh("grep -E '^Sig(Ign|Blk):' /proc/self/status"));
    ipc_sys::signal::set_ignored(nix::sys::signal::Signal::SIGINT, false).unwrap();
    assert_eq!(report.end, End::Exited(0), "{}", report.stderr.text);
    // Signals 1 to 31 (bits 0 to 30). 32 and 33 are glibc's own, left ignored by the
    // posix_spawn that started the supervisor; no program of the course uses them.
    for line in report.stdout.text.lines() {
        let (field, mask) = line.split_once(":\t").unwrap();
        let mask = u64::from_str_radix(mask, 16).unwrap();
        assert_eq!(mask & 0x7fff_ffff, 0, "{field}: {mask:#x}");
    }
    assert_eq!(
        report.stdout.text.lines().count(),
        2,
        "{}",
        report.stdout.text
    );
}

fn compile_c(name: &str, source: &str) -> PathBuf {
    ipc_testkit::compile_c(
        &Path::new(env!("CARGO_TARGET_TMPDIR")).join("sandbox-c"),
        name,
        source,
    )
}

#[test]
fn children_are_released_together_and_seen_blocking_on_the_held_semaphore() {
    let bin = compile_c("workers", WORKERS_C);
    let mut spec = Spec::new(&bin, Vec::new());
    spec.limits = Limits {
        wall_ms: 10_000,
        ..Limits::default()
    };
    spec.observe = Observe {
        syscalls: true,
        gate: true,
        hold: vec!["sem.gate-test".into()],
        ..Observe::default()
    };
    let report = run(&spec);
    let _ = std::fs::remove_file(&bin);
    require_namespaces(&report);
    assert_eq!(report.end, End::Exited(0), "{}", report.stderr.text);
    assert_eq!(report.stdout.text, "done\n");
    let released: Vec<usize> = report
        .events
        .iter()
        .filter_map(|e| match &e.what {
            What::Released { tasks, .. } => Some(tasks.len()),
            _ => None,
        })
        .collect();
    assert_eq!(released, vec![3], "{:?}", report.events);
    let held = report
        .events
        .iter()
        .any(|e| matches!(&e.what, What::Held { sem, value: 1 } if sem == "sem.gate-test"));
    assert!(held, "{:?}", report.events);
    let blocked = report
        .events
        .iter()
        .filter(|e| matches!(&e.what, What::BlockedOn { .. }))
        .count();
    assert_eq!(blocked, 3, "{:?}", report.events);
    assert!(report.leftovers.is_empty(), "{:?}", report.leftovers);
}
