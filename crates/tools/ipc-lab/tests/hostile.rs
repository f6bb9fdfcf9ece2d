//! Hostile submissions, written at test time, graded by `ipc-lab grade` as a course's worst
//! students would try it: cheats that print the right lines without the mechanism, leaks,
//! escapes, floods, tampering with the grader, and hostile bytes in the output. Each attack
//! asserts the score it must get and that nothing of it is left on the host.
//!
//! An attack that succeeds is a weakness of the grader: its test fails until the grader
//! is mended.

mod hostile_support;

use hostile_support::{Attack, solution_with};

/// A little argument parser for submissions that skip clap (faster to build).
const ARG: &str = r#"
#[allow(dead_code)]
fn arg(name: &str, default: &str) -> String {
    let all: Vec<String> = std::env::args().collect();
    all.iter()
        .position(|a| a == name)
        .and_then(|i| all.get(i + 1).cloned())
        .unwrap_or_else(|| default.to_string())
}
"#;

/// Grades `exercise` of `attack` `runs` times; every run must score the same and at most
/// `max`, and leave nothing behind. Returns the score.
fn grade_cheat(attack: &Attack, exercise: &str, runs: usize, max: u64, limit: &str) -> u64 {
    let mut scores = Vec::new();
    for _ in 0..runs {
        let run = attack.grade(exercise, &["--time-limit", limit]);
        let score = run.score();
        assert!(
            score <= max,
            "{}: scored {score}/10, at most {max} expected\n{}",
            attack.label,
            run.outputs()
        );
        attack.assert_nothing_left(run.pid);
        eprintln!("{}: {score}/10", attack.label);
        scores.push(score);
    }
    assert!(
        scores.iter().all(|s| *s == scores[0]),
        "{}: the score depends on timing: {scores:?}",
        attack.label
    );
    scores[0]
}

// ---- 1. Cheats: the right lines without the mechanism ----------------------------------

/// ex01/ex02 printed by one process: no fork, no shared memory.
fn one_process_exchange(exercise: &str) -> String {
    format!(
        "{ARG}
fn main() {{
    let message = arg(\"--message\", \"hello from A\");
    let size: usize = arg(\"--size\", \"4096\").parse().unwrap_or(4096);
    if message.len() + 1 > size {{
        eprintln!(\"{exercise}: message too long\");
        std::process::exit(1);
    }}
    println!(\"B received: {{message}}\");
    println!(\"A received: ack {{}}\", message.len());
}}
"
    )
}

/// ex01/ex02 with a real child B, but nothing shared: B prints its copy of the arguments.
fn fork_without_shared_memory(exercise: &str) -> String {
    format!(
        "{ARG}
fn main() {{
    let message = arg(\"--message\", \"hello from A\");
    let size: usize = arg(\"--size\", \"4096\").parse().unwrap_or(4096);
    if message.len() + 1 > size {{
        eprintln!(\"{exercise}: message too long\");
        std::process::exit(1);
    }}
    let b = ipc_support::process::fork_child(|| {{
        println!(\"B received: {{message}}\");
        0
    }})
    .unwrap();
    b.wait().unwrap();
    println!(\"A received: ack {{}}\", message.len());
}}
"
    )
}

/// How A waits for B in the reference solutions (ex01 and ex02 alike).
const A_WAITS_FOR_B: &str = "    match child.wait()? {
        ChildEnd::Exited(0) => {}
        end => return Err(IpcError::refused(\"child B\", format!(\"{end}\"))),
    }
";

/// Ways for A to let B finish without waiting for it.
const PAUSES: &[(&str, &str)] = &[
    (
        "sleep",
        "std::thread::sleep(std::time::Duration::from_millis(300));",
    ),
    (
        "poll",
        "let _ = nix::poll::poll(&mut [], nix::poll::PollTimeout::from(300u16));",
    ),
    (
        "busy",
        "let t = std::time::Instant::now();
    while t.elapsed() < std::time::Duration::from_millis(300) {
        std::hint::spin_loop();
    }",
    ),
    (
        "futex",
        "let (_tx, rx) = std::sync::mpsc::channel::<()>();
    let _ = rx.recv_timeout(std::time::Duration::from_millis(300));",
    ),
    (
        "helper",
        "let helper = ipc_support::process::fork_child(|| {
        std::thread::sleep(std::time::Duration::from_millis(300));
        0
    })?;
    helper.wait()?;",
    ),
];

#[test]
fn ex01_ex02_one_process_prints_both_lines() {
    for exercise in ["ex01", "ex02"] {
        let attack = Attack::new(&format!("{exercise}-one-process"));
        attack.write(exercise, &one_process_exchange(exercise));
        grade_cheat(&attack, exercise, 1, 2, "2");
    }
}

#[test]
fn ex01_ex02_fork_without_shared_memory() {
    for exercise in ["ex01", "ex02"] {
        let attack = Attack::new(&format!("{exercise}-no-shm"));
        attack.write(exercise, &fork_without_shared_memory(exercise));
        grade_cheat(&attack, exercise, 1, 2, "2");
    }
}

#[test]
fn ex01_ex02_a_pauses_instead_of_waiting_for_b() {
    for exercise in ["ex01", "ex02"] {
        for (how, pause) in PAUSES {
            let attack = Attack::new(&format!("{exercise}-pause-{how}"));
            let instead = format!("    std::mem::forget(child);\n    {pause}\n");
            attack.write(
                exercise,
                &solution_with(exercise, &[(A_WAITS_FOR_B, &instead)]),
            );
            grade_cheat(&attack, exercise, 3, 2, "2");
        }
    }
}

/// ex01: B prints and never replies; A writes `ack N` into the segment itself, so there is
/// no exchange through the segment at all.
#[test]
fn ex01_a_writes_the_reply_itself() {
    let attack = Attack::new("ex01-a-replies");
    attack.write(
        "ex01",
        &solution_with(
            "ex01",
            &[
                (
                    "        match write_c_string(&shared, reply.as_bytes()) {",
                    "        match Ok::<(), IpcError>(drop(reply)) {",
                ),
                (
                    "    println!(\n        \"A received: {}\",",
                    "    write_c_string(&shared, format!(\"ack {}\", args.message.len()).as_bytes())?;\n    \
                     println!(\n        \"A received: {}\",",
                ),
            ],
        ),
    );
    grade_cheat(&attack, "ex01", 1, 2, "2");
}

#[test]
fn ex03_sorting_in_memory() {
    let sort = "
fn sorted() -> Vec<(u32, usize)> {
    let list = arg(\"--priorities\", \"1,5,3,9,2\");
    let priorities: Vec<u32> = list.split(',').map(|p| p.parse().unwrap()).collect();
    if priorities.len() > 10 || priorities.iter().any(|p| *p > 32767) {
        eprintln!(\"ex03: too many priorities\");
        std::process::exit(1);
    }
    let mut order: Vec<(u32, usize)> = priorities.iter().copied().zip(1..).collect();
    order.sort_by_key(|&(p, _)| std::cmp::Reverse(p));
    order
}
";
    // One process, no queue at all.
    let attack = Attack::new("ex03-sort-one-process");
    attack.write(
        "ex03",
        &format!(
            "{ARG}{sort}
fn main() {{
    for (p, i) in sorted() {{
        println!(\"priority {{p}}: message {{i}}\");
    }}
}}
"
        ),
    );
    grade_cheat(&attack, "ex03", 1, 2, "2");

    // A makes the queue and sends everything as asked; B prints the list sorted in its
    // own memory instead of receiving.
    let attack = Attack::new("ex03-sort-in-b");
    let source = solution_with(
        "ex03",
        &[
            (
                "fn run(args: Args)",
                "fn sorted_in_memory() -> ipc_support::Result<()> {\n    \
                 for (p, i) in sorted() {\n        println!(\"priority {p}: message {i}\");\n    }\n    \
                 Ok(())\n}\n\nfn run(args: Args)",
            ),
            (
                "match b_side(&queue, &name, count) {",
                "match sorted_in_memory() {",
            ),
        ],
    );
    attack.write("ex03", &format!("{source}{ARG}{sort}"));
    grade_cheat(&attack, "ex03", 1, 2, "2");
}

#[test]
fn ex04_printing_k_times_m() {
    let attack = Attack::new("ex04-print");
    attack.write(
        "ex04",
        &format!(
            "{ARG}
fn main() {{
    let k: u64 = arg(\"--processes\", \"4\").parse().unwrap();
    let m: u64 = arg(\"--count\", \"100000\").parse().unwrap();
    if !(1..=16).contains(&k) {{
        eprintln!(\"ex04: give 1 to 16 processes\");
        std::process::exit(1);
    }}
    println!(\"total: {{}}\", k * m);
}}
"
        ),
    );
    grade_cheat(&attack, "ex04", 1, 2, "2");
}

/// The lines of the reference ex04 where each child reads then writes the counter.
const EX04_ADD: &str = "        let seen = shared.counter.load(Ordering::Relaxed);
        shared.counter.store(seen + 1, Ordering::Relaxed);
";
const EX04_PRINT: &str = "    println!(\"total: {}\", shared.counter.load(Ordering::SeqCst));\n";
const EX04_STORE_TOTAL: &str =
    "    shared.counter.store(u64::from(args.processes) * args.count, Ordering::SeqCst);\n";

#[test]
fn ex04_sequential_children() {
    let attack = Attack::new("ex04-sequential");
    attack.write(
        "ex04",
        &solution_with(
            "ex04",
            &[(
                "        })?);\n    }\n",
                "        })?);\n        let last = children.pop().expect(\"a child\");\n        \
                 last.wait()?;\n    }\n",
            )],
        ),
    );
    grade_cheat(&attack, "ex04", 3, 2, "2");
}

#[test]
fn ex04_children_lock_but_a_stores_the_total() {
    // After the children, before printing.
    let attack = Attack::new("ex04-a-stores-after");
    attack.write(
        "ex04",
        &solution_with(
            "ex04",
            &[
                (EX04_ADD, ""),
                (EX04_PRINT, &format!("{EX04_STORE_TOTAL}{EX04_PRINT}")),
            ],
        ),
    );
    grade_cheat(&attack, "ex04", 3, 2, "2");

    // Before forking them.
    let attack = Attack::new("ex04-a-stores-before");
    attack.write(
        "ex04",
        &solution_with(
            "ex04",
            &[
                (EX04_ADD, ""),
                (
                    "    let mut children = Vec::new();\n",
                    &format!("{EX04_STORE_TOTAL}    let mut children = Vec::new();\n"),
                ),
            ],
        ),
    );
    grade_cheat(&attack, "ex04", 3, 2, "2");
}

#[test]
fn ex05_printing_the_total() {
    let attack = Attack::new("ex05-print");
    attack.write(
        "ex05",
        "fn main() {\n    println!(\"total: 200000000\");\n}\n",
    );
    grade_cheat(&attack, "ex05", 1, 2, "2");
}

/// The move each mover makes in the reference ex05.
const EX05_MOVE: &str = "bank.transfer(from, to, i % 7 + 1)";

#[test]
fn ex05_movers_that_do_not_move() {
    for (label, edits) in [
        (
            "ex05-move-zero",
            vec![(EX05_MOVE, "bank.transfer(from, to, 0)")],
        ),
        (
            "ex05-move-once",
            vec![(
                "for i in 0..args.moves {",
                "for i in 0..args.moves.min(1) {",
            )],
        ),
    ] {
        let attack = Attack::new(label);
        attack.write("ex05", &solution_with("ex05", &edits));
        grade_cheat(&attack, "ex05", 1, 2, "2");
    }
}

/// Only P moves money; Q is forked but does nothing, so no move ever goes from b to a and
/// no lock order can deadlock.
#[test]
fn ex05_only_one_mover_moves() {
    let attack = Attack::new("ex05-q-idle");
    attack.write(
        "ex05",
        &solution_with(
            "ex05",
            &[(
                "let q = fork_child(mover(1, 0))?;",
                "let q = fork_child(|| 0)?;",
            )],
        ),
    );
    grade_cheat(&attack, "ex05", 1, 2, "2");
}

/// Locks taken in `from`, `to` order: P takes a then b, Q b then a. The grader hands the
/// semaphores out so that this deadlocks every time.
#[test]
fn ex05_opposite_lock_orders_deadlock_every_time() {
    let attack = Attack::new("ex05-opposite-orders");
    attack.write(
        "ex05",
        &solution_with(
            "ex05",
            &[(
                "let (first, second) = (from.min(to), from.max(to));",
                "let (first, second) = (from, to);",
            )],
        ),
    );
    grade_cheat(&attack, "ex05", 3, 2, "1");
}

#[test]
fn ex06_ready_and_cleaned_up_without_objects() {
    let attack = Attack::new("ex06-no-objects");
    attack.write(
        "ex06",
        "fn main() {
    ipc_support::interrupt::install().unwrap();
    std::thread::spawn(|| {
        let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
        let _ = nix::sys::signal::raise(nix::sys::signal::Signal::SIGTERM);
    });
    println!(\"ready\");
    while ipc_support::interrupt::received().is_none() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    println!(\"cleaned up\");
}
",
    );
    grade_cheat(&attack, "ex06", 1, 2, "2");
}

// ---- 2. Leaks: objects nobody removes --------------------------------------------------

/// The points of each check of `run`'s exercise: (name, score, max, output).
fn checks(run: &hostile_support::Graded) -> Vec<(String, u64, u64, String)> {
    run.json()["exercises"][0]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["score"].as_u64().unwrap(),
                c["max_score"].as_u64().unwrap(),
                c["output"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Every check of `run` that ran the leaking code names `what` as left behind and got half
/// its points (rounded down); the others (`clean`, by name) kept all of theirs.
fn assert_leak_penalised(run: &hostile_support::Graded, what: &str, clean: &[&str]) {
    for (name, score, max, output) in checks(run) {
        if clean.contains(&name.as_str()) {
            assert_eq!(score, max, "{name}: {output}");
        } else {
            assert!(
                output.contains("left behind: ") && output.contains(what),
                "{name}: {what} not reported as left behind: {output}"
            );
            assert_eq!(score, max / 2, "{name}: a leak costs half: {output}");
        }
    }
}

#[test]
fn leak_segments_made_by_a_child_that_exited() {
    let attack = Attack::new("leak-child-segment");
    attack.write(
        "ex01",
        &solution_with(
            "ex01",
            &[(
                "        let reply = format!(\"ack {}\", received.bytes.len());\n",
                "        let _ = shmget(SysvKey(@KEY@), 4096, IpcFlags::IPC_CREAT, mode);\n        \
                 let _ = shmget(SysvKey::PRIVATE, 4096, IpcFlags::empty(), mode);\n        \
                 let reply = format!(\"ack {}\", received.bytes.len());\n",
            )],
        ),
    );
    let run = attack.grade("ex01", &["--time-limit", "2"]);
    eprintln!("{}: {}/10", attack.label, run.score());
    assert_leak_penalised(&run, "System V segment", &["message too long is refused"]);
    assert_eq!(run.score(), 5, "{}", run.outputs());
    attack.assert_nothing_left(run.pid);
}

#[test]
fn leak_semaphore_and_shm_under_foreign_names() {
    let attack = Attack::new("leak-foreign-sem");
    attack.write(
        "ex04",
        &solution_with(
            "ex04",
            &[(
                "    let _unlink = Cleanup::sem(&name);\n",
                "    let _unlink = Cleanup::sem(&name);\n    \
                 let _foreign = sem_open(\"/@MARKER@\", OFlag::O_CREAT, mode, 1);\n    \
                 let _ = nix::sys::mman::shm_open(\"/@MARKER@-shm\", OFlag::O_CREAT | OFlag::O_RDWR, mode);\n",
            )],
        ),
    );
    let run = attack.grade("ex04", &["--time-limit", "2"]);
    eprintln!("{}: {}/10", attack.label, run.score());
    let clean = ["0 processes are refused", "17 processes are refused"];
    assert_leak_penalised(&run, &format!("named semaphore /{}", attack.marker), &clean);
    assert_leak_penalised(&run, &format!("/{}-shm", attack.marker), &clean);
    attack.assert_nothing_left(run.pid);
}

#[test]
fn leak_queue_under_a_foreign_name() {
    let attack = Attack::new("leak-foreign-mq");
    attack.write(
        "ex03",
        &solution_with(
            "ex03",
            &[(
                "    let _unlink = Cleanup::mq(&name);\n",
                "    let _unlink = Cleanup::mq(&name);\n    \
                 let _foreign = mq_open(\"/@MARKER@\", flags, mode, Some(&attr));\n",
            )],
        ),
    );
    let run = attack.grade("ex03", &["--time-limit", "2"]);
    eprintln!("{}: {}/10", attack.label, run.score());
    assert_leak_penalised(
        &run,
        &format!("message queue /{}", attack.marker),
        &["eleven messages are refused"],
    );
    attack.assert_nothing_left(run.pid);
}

/// A daemon (fork, setsid, fork) started first thing by A, making a POSIX object and a
/// System V segment every few milliseconds until it is killed. With `AFTER_MAIN` it starts
/// only once A has exited (a zombie or gone) and then makes them as fast as it can;
/// otherwise A goes on once the first two objects exist.
const OBJECT_DAEMON: &str = r#"
fn daemon_making_objects() {
    let main = std::process::id();
    let middle = ipc_support::process::fork_child(|| {
        let _ = nix::unistd::setsid();
        if let Ok(g) = ipc_support::process::fork_child(|| {
            if AFTER_MAIN {
                loop {
                    let stat = std::fs::read_to_string(format!("/proc/{main}/stat"));
                    match stat {
                        Ok(s) if !s.contains(") Z ") => std::hint::spin_loop(),
                        _ => break,
                    }
                }
            }
            let mode = nix::sys::stat::Mode::S_IRUSR | nix::sys::stat::Mode::S_IWUSR;
            let flags = nix::fcntl::OFlag::O_CREAT | nix::fcntl::OFlag::O_RDWR;
            for i in 0..4000i32 {
                let key = ipc_sys::ipc::SysvKey((@KEY@i32).wrapping_add(i));
                let _ = ipc_sys::shm::shmget(key, 4096, ipc_sys::ipc::IpcFlags::IPC_CREAT, mode);
                let _ = nix::sys::mman::shm_open(format!("/@MARKER@-d{i}").as_str(), flags, mode);
                if !AFTER_MAIN {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
            }
            0
        }) {
            std::mem::forget(g);
        }
        while !AFTER_MAIN && !std::path::Path::new("/dev/shm/@MARKER@-d0").exists() {
            std::thread::yield_now();
        }
        0
    });
    if let Ok(m) = middle {
        let _ = m.wait();
    }
}
"#;

#[test]
fn leak_objects_made_by_a_setsid_daemon() {
    let attack = Attack::new("leak-daemon");
    let source = solution_with(
        "ex02",
        &[(
            "fn run(args: Args) -> ipc_support::Result<()> {\n",
            "fn run(args: Args) -> ipc_support::Result<()> {\n    daemon_making_objects();\n",
        )],
    );
    attack.write(
        "ex02",
        &format!("{source}{OBJECT_DAEMON}const AFTER_MAIN: bool = false;\n"),
    );
    let run = attack.grade("ex02", &["--time-limit", "2"]);
    eprintln!("{}: {}/10", attack.label, run.score());
    assert_leak_penalised(&run, &format!("/{}-d0", attack.marker), &[]);
    assert_leak_penalised(&run, "System V segment", &[]);
    attack.assert_nothing_left(run.pid);
}

/// The same daemon, starting only once A has exited: it may or may not get to make
/// something before the run is ended; whatever it made is reported and penalised, and
/// nothing reaches the host.
#[test]
fn leak_objects_made_by_a_daemon_after_main_exits() {
    let attack = Attack::new("leak-daemon-after");
    let source = solution_with(
        "ex02",
        &[(
            "fn run(args: Args) -> ipc_support::Result<()> {\n",
            "fn run(args: Args) -> ipc_support::Result<()> {\n    daemon_making_objects();\n",
        )],
    );
    attack.write(
        "ex02",
        &format!("{source}{OBJECT_DAEMON}const AFTER_MAIN: bool = true;\n"),
    );
    let run = attack.grade("ex02", &["--time-limit", "2"]);
    let mut reported = 0;
    for (name, score, max, output) in checks(&run) {
        if output.contains("left behind") {
            reported += 1;
            // Named after the attack, or a segment with one of its keys.
            let base = i64::from(hostile_support::sysv_key(&attack.label));
            let ours = output.split("key 0x").skip(1).all(|rest| {
                let hex: String = rest.chars().take_while(char::is_ascii_hexdigit).collect();
                i64::from_str_radix(&hex, 16).is_ok_and(|k| (base..base + 4096).contains(&k))
            });
            assert!(
                ours && (output.contains(&attack.marker) || output.contains("key 0x")),
                "{name}: {output}"
            );
            assert_eq!(score, max / 2, "{name}: {output}");
        } else {
            assert_eq!(score, max, "{name}: {output}");
        }
    }
    eprintln!(
        "{}: {}/10, {reported} of 6 runs reported objects",
        attack.label,
        run.score()
    );
    attack.assert_nothing_left(run.pid);
}

/// The score of the daemon-after-main submission, run five times, must not depend on how
/// fast the run is ended after A exits.
#[test]
fn leak_after_main_exits_scores_the_same_every_run() {
    let attack = Attack::new("leak-daemon-after");
    let source = solution_with(
        "ex02",
        &[(
            "fn run(args: Args) -> ipc_support::Result<()> {\n",
            "fn run(args: Args) -> ipc_support::Result<()> {\n    daemon_making_objects();\n",
        )],
    );
    attack.write(
        "ex02",
        &format!("{source}{OBJECT_DAEMON}const AFTER_MAIN: bool = true;\n"),
    );
    grade_cheat(&attack, "ex02", 5, 10, "2");
}

// ---- 3. Escapes: processes that try to outlive the run ---------------------------------

/// A daemon (fork, setsid, fork, then a shell named after the attack, its streams on
/// /dev/null) that rewrites files every 100 ms for two minutes: in the submission's folder,
/// in /tmp, in the workspace's target/, and the results file.
const FILE_DAEMON: &str = r#"
fn daemon_rewriting_files() {
    let script = "i=0; while [ $i -lt 1200 ]; do i=$((i+1)); sleep 0.1; \
        echo forged > @DIR@/forged; echo forged > /tmp/@MARKER@; \
        echo forged > @ROOT@/target/@MARKER@; \
        echo '{\"score\": 10, \"max_score\": 10}' > @DIR@/results.json; done";
    let middle = ipc_support::process::fork_child(|| {
        let _ = nix::unistd::setsid();
        let _ = std::process::Command::new("/bin/sh")
            .args(["-c", script, "@MARKER@"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        0
    });
    if let Ok(m) = middle {
        let _ = m.wait();
    }
}
"#;

#[test]
fn escape_setsid_daemons_end_with_the_run_and_grading_does_not_wait() {
    let mut attack = Attack::new("escape-daemon");
    let source = solution_with(
        "ex01",
        &[(
            "fn run(args: Args) -> ipc_support::Result<()> {\n",
            "fn run(args: Args) -> ipc_support::Result<()> {\n    daemon_rewriting_files();\n",
        )],
    );
    attack.write("ex01", &format!("{source}{FILE_DAEMON}"));
    attack.host_files = vec![
        attack.dir.join("forged"),
        std::path::PathBuf::from(format!("/tmp/{}", attack.marker)),
        hostile_support::root().join(format!("target/{}", attack.marker)),
    ];
    let results = attack.dir.join("results.json");
    let run = attack.grade(
        "ex01",
        &["--time-limit", "2", "--output", results.to_str().unwrap()],
    );
    let written = std::fs::read_to_string(&results).unwrap();
    let report: serde_json::Value = serde_json::from_str(&written).unwrap();
    eprintln!("{}: {}/10", attack.label, report["score"]);
    assert_eq!(report["max_score"], 10, "{written}");
    for check in report["exercises"][0]["checks"].as_array().unwrap() {
        let output = check["output"].as_str().unwrap();
        // Waiting for the daemon would end each run at its time limit.
        assert!(!output.contains("did not finish in time"), "{output}");
    }
    // The daemon would have rewritten everything ten times by now if it were alive.
    std::thread::sleep(std::time::Duration::from_secs(1));
    attack.assert_nothing_left(run.pid);
    assert_eq!(std::fs::read_to_string(&results).unwrap(), written);
}
