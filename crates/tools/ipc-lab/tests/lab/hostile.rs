//! Hostile submissions, written at test time, graded by `ipc-lab grade` as a course's worst
//! students would try it: cheats that print the right lines without the mechanism, leaks,
//! escapes, floods, tampering with the grader, and hostile bytes in the output. Each attack
//! asserts the score it must get and that nothing of it is left on the host.
//!
//! An attack that succeeds is a weakness of the grader: its test fails until the grader
//! is mended.

use crate::hostile_support::{A_WAITS_FOR_B, Attack, solution_with};

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
        let (score, grader) = graded_cheat(attack, exercise, max, limit);
        attack.assert_nothing_left(grader);
        scores.push(score);
    }
    same_every_time(attack, &scores)
}

/// As [`grade_cheat`], the runs side by side: for an attack that waits (a deadlock) rather
/// than computes, so the waits overlap. What is left behind is looked for once all ended
/// (one run's processes would pass for another's survivors).
fn grade_waiting_cheat(attack: &Attack, exercise: &str, runs: usize, max: u64, limit: &str) -> u64 {
    let graded: Vec<(u64, u32)> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..runs)
            .map(|_| scope.spawn(|| graded_cheat(attack, exercise, max, limit)))
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    for (_, grader) in &graded {
        attack.assert_nothing_left(*grader);
    }
    let scores: Vec<u64> = graded.iter().map(|(score, _)| *score).collect();
    same_every_time(attack, &scores)
}

/// One grade of a cheat, at most `max` points: the score and the grader's pid.
fn graded_cheat(attack: &Attack, exercise: &str, max: u64, limit: &str) -> (u64, u32) {
    let run = attack.grade(exercise, &["--time-limit", limit]);
    let score = run.score();
    assert!(
        score <= max,
        "{}: scored {score}/10, at most {max} expected\n{}",
        attack.label,
        run.outputs()
    );
    eprintln!("{}: {score}/10", attack.label);
    (score, run.pid)
}

fn same_every_time(attack: &Attack, scores: &[u64]) -> u64 {
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
        // Spins, with no call that waits, until B has exited (its state in /proc is Z),
        // for at most 300 ms: as sure as a wait that B is done, without burning 300 ms.
        "busy",
        "let t = std::time::Instant::now();
    let b_stat = format!(\"/proc/{b}/stat\");
    while t.elapsed() < std::time::Duration::from_millis(300)
        && !std::fs::read_to_string(&b_stat).is_ok_and(|s| s.contains(\") Z \"))
    {
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
    // Six attacks, each graded three times; they sleep more than they compute, so they are
    // graded side by side (each attack's three runs one after another).
    std::thread::scope(|scope| {
        for exercise in ["ex01", "ex02"] {
            for (how, pause) in PAUSES {
                scope.spawn(move || {
                    let attack = Attack::new(&format!("{exercise}-pause-{how}"));
                    let instead =
                        format!("    let b = child.pid();\n    std::mem::forget(child);\n    let _ = b;\n    {pause}\n");
                    attack.write(
                        exercise,
                        &solution_with(exercise, &[(A_WAITS_FOR_B, &instead)]),
                    );
                    grade_cheat(&attack, exercise, 3, 2, "2");
                });
            }
        }
    });
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

/// The same in ex02: B opens the object by name, prints, never replies.
#[test]
fn ex02_a_writes_the_reply_itself() {
    let attack = Attack::new("ex02-a-replies");
    attack.write(
        "ex02",
        &solution_with(
            "ex02",
            &[
                (
                    "    write_c_string(&shared, format!(\"ack {}\", received.bytes.len()).as_bytes())\n",
                    "    drop(received);\n    Ok(())\n",
                ),
                (
                    "    println!(\n        \"A received: {}\",",
                    "    write_c_string(&shared, format!(\"ack {}\", args.message.len()).as_bytes())?;\n    \
                     println!(\n        \"A received: {}\",",
                ),
            ],
        ),
    );
    grade_cheat(&attack, "ex02", 1, 2, "2");
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

/// The children take the lock a thousand times, not `count` times: enough to be seen
/// blocking on it while the grader holds it; what is judged here is who stores the total.
const EX04_FEW_LOCKS: (&str, &str) = (
    "    for _ in 0..count {\n",
    "    for _ in 0..count.min(1000) {\n",
);

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
                EX04_FEW_LOCKS,
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
                EX04_FEW_LOCKS,
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
    grade_waiting_cheat(&attack, "ex05", 3, 2, "1");
}

/// ex04 counting with an atomic add and no lock: each child takes the semaphore once
/// (so it is seen blocking on it), then counts with `fetch_add`, never holding it.
#[test]
#[ignore = "limitation: an update made outside the lock with an atomic instruction is not seen (the grader proves each child takes the semaphore and that the children make the total, not that every update holds it)"]
fn ex04_atomic_add_without_the_lock() {
    let attack = Attack::new("ex04-atomic");
    attack.write(
        "ex04",
        &solution_with(
            "ex04",
            &[
                (
                    "    for _ in 0..count {\n        sem_wait(lock).context(|| call!(\"sem_wait\", \"lock\"))?;\n",
                    "    sem_wait(lock).context(|| call!(\"sem_wait\", \"lock\"))?;\n    \
                     sem_post(lock).context(|| call!(\"sem_post\", \"lock\"))?;\n    \
                     for _ in 0..count {\n",
                ),
                (
                    "        sem_post(lock).context(|| call!(\"sem_post\", \"lock\"))?;\n",
                    "",
                ),
                (EX04_ADD, "        shared.counter.fetch_add(1, Ordering::Relaxed);\n"),
            ],
        ),
    );
    grade_cheat(&attack, "ex04", 1, 2, "2");
}

/// ex05 moving with atomic adds and holding the locks for the first move only.
#[test]
#[ignore = "limitation: moves made outside the locks with atomic instructions are not seen (the grader proves both movers take the semaphores and move the money, not that every move holds them)"]
fn ex05_atomic_moves_without_the_locks() {
    let attack = Attack::new("ex05-atomic");
    let wait = "        sem_wait(&self.locks[first]).context(|| call!(\"sem_wait\", LOCKS[first]))?;\n        \
                sem_wait(&self.locks[second]).context(|| call!(\"sem_wait\", LOCKS[second]))?;\n";
    let post = "        sem_post(&self.locks[second]).context(|| call!(\"sem_post\", LOCKS[second]))?;\n        \
                sem_post(&self.locks[first]).context(|| call!(\"sem_post\", LOCKS[first]))\n";
    attack.write(
        "ex05",
        &solution_with(
            "ex05",
            &[
                (
                    "use std::sync::atomic::{AtomicU64, Ordering};\n",
                    "use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};\n\
                     static LOCKED_ONCE: AtomicBool = AtomicBool::new(false);\n",
                ),
                (
                    wait,
                    &format!("        let once = !LOCKED_ONCE.swap(true, Ordering::Relaxed);\n        if once {{\n{wait}        }}\n"),
                ),
                (
                    "        src.store(src.load(Ordering::Relaxed) - amount, Ordering::Relaxed);\n        \
                     dst.store(dst.load(Ordering::Relaxed) + amount, Ordering::Relaxed);\n",
                    "        src.fetch_sub(amount, Ordering::Relaxed);\n        dst.fetch_add(amount, Ordering::Relaxed);\n",
                ),
                (
                    post,
                    &format!("        if once {{\n{post}?;\n        }}\n        Ok(())\n"),
                ),
            ],
        ),
    );
    grade_cheat(&attack, "ex05", 1, 2, "2");
}

/// A child made with clone(CLONE_UNTRACED) would not be traced, nor counted in the run's
/// memory: three of them touching 576 MiB each (1.7 GiB together, each under the
/// per-process limit). The filter refuses the flag: not one such child is made.
#[test]
fn flood_untraced_children_are_held_to_the_runs_memory_limit() {
    flood(
        "flood-untraced",
        &format!(
            "{TOUCH}
fn untraced() -> i64 {{
    // SAFETY: a fork-like clone (no new stack) of a single-threaded process.
    unsafe {{
        nix::libc::syscall(
            nix::libc::SYS_clone,
            (nix::libc::CLONE_UNTRACED | nix::libc::SIGCHLD) as nix::libc::c_ulong,
            0usize, 0usize, 0usize, 0usize,
        )
    }}
}}
fn main() {{
    let mut kids = 0;
    for _ in 0..3 {{
        match untraced() {{
            0 => std::process::exit(i32::from(touch(9) == 0)),
            pid if pid > 0 => kids += 1,
            _ => {{}}
        }}
    }}
    let mut touched = 0;
    for _ in 0..kids {{
        if let Ok(nix::sys::wait::WaitStatus::Exited(_, 0)) = nix::sys::wait::wait() {{
            touched += 1;
        }}
    }}
    println!(\"untraced children: {{kids}}, each touched 576 MiB: {{touched}}\");
}}
"
        ),
        // The line checks show what it printed; the refusal check, that it did not refuse.
        &[
            "got `untraced children: 0, each touched 576 MiB: 0`",
            "exit status 0, expected 1",
        ],
    );
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
fn checks(run: &crate::hostile_support::Graded) -> Vec<(String, u64, u64, String)> {
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
fn assert_leak_penalised(run: &crate::hostile_support::Graded, what: &str, clean: &[&str]) {
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
    // ex06 makes a semaphore and a shared-memory object of its own, removed at the end;
    // these two, under names the grader never gave, stay.
    let attack = Attack::new("leak-foreign-sem");
    attack.write(
        "ex06",
        &solution_with(
            "ex06",
            &[(
                "    let sem_guard = Cleanup::sem(&sem_name);\n",
                "    let sem_guard = Cleanup::sem(&sem_name);\n    \
                 let _foreign = sem_open(\"/@MARKER@\", OFlag::O_CREAT, mode, 1);\n    \
                 let _ = shm_open(\"/@MARKER@-shm\", OFlag::O_CREAT | OFlag::O_RDWR, mode);\n",
            )],
        ),
    );
    let run = attack.grade("ex06", &["--time-limit", "2"]);
    eprintln!("{}: {}/10", attack.label, run.score());
    // The ready check judges what exists at `ready`; the leftovers cost the three checks
    // that end the server.
    let clean = ["creates the three objects, then prints ready"];
    assert_leak_penalised(&run, &format!("named semaphore /{}", attack.marker), &clean);
    assert_leak_penalised(&run, &format!("/{}-shm", attack.marker), &clean);
    assert_eq!(run.score(), 5, "{}", run.outputs());
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
            let base = i64::from(crate::hostile_support::sysv_key(&attack.label));
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
    let attack = Attack::new("leak-daemon-after-5");
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
        crate::hostile_support::root().join(format!("target/{}", attack.marker)),
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

/// A daemon that keeps the run's stdout and stderr open (a shell sleeping ten minutes,
/// after setsid), started by the one-process cheat: the run still ends when A does, and the
/// refusal's stderr that did arrive is judged (2 points), not thrown away.
#[test]
fn escape_a_daemon_holding_the_output_pipes() {
    let attack = Attack::new("escape-pipes");
    let source = one_process_exchange("ex01").replace(
        "fn main() {\n",
        "fn main() {
    let middle = ipc_support::process::fork_child(|| {
        let _ = nix::unistd::setsid();
        let _ = std::process::Command::new(\"/bin/sh\")
            .args([\"-c\", \"sleep 600\", \"@MARKER@\"])
            .spawn();
        0
    });
    if let Ok(m) = middle {
        let _ = m.wait();
    }
",
    );
    attack.write("ex01", &source);
    let run = attack.grade("ex01", &["--time-limit", "2"]);
    eprintln!("{}: {}/10", attack.label, run.score());
    for (name, _, _, output) in checks(&run) {
        assert!(
            !output.contains("did not finish in time"),
            "{name}: {output}"
        );
    }
    assert_eq!(run.score(), 2, "{}", run.outputs());
    attack.assert_nothing_left(run.pid);
}

// ---- 4. Floods: output, memory, processes ----------------------------------------------

/// The grader stays under this much resident memory whatever a submission does.
const GRADER_MEMORY_KIB: u64 = 256 * 1024;

/// Grades `source` as ex01 (six runs); every check scores 0 and says `why`; the grader and
/// its supervisors stay small, and nothing is left.
fn flood(label: &str, source: &str, why: &[&str]) {
    flood_within(label, source, why, "2");
}

/// [`flood`] with runs of `limit` seconds (the memory hogs need the time to touch 1 GiB on
/// a busy machine before they are stopped for it).
fn flood_within(label: &str, source: &str, why: &[&str], limit: &str) {
    let attack = Attack::new(label);
    attack.write("ex01", source);
    let run = attack.grade("ex01", &["--time-limit", limit]);
    eprintln!(
        "{label}: {}/10, grader peak {} KiB, supervisors' peak {} KiB, {:.1} s",
        run.score(),
        run.peak_kib,
        run.children_peak_kib,
        run.elapsed.as_secs_f64()
    );
    for (name, score, _, output) in checks(&run) {
        assert_eq!(score, 0, "{label}: {name}: {output}");
        assert!(
            why.iter().any(|w| output.contains(w)),
            "{label}: {name} does not say {why:?}: {output}"
        );
    }
    assert!(run.peak_kib > 0, "the grader's memory was never read");
    assert!(
        run.peak_kib <= GRADER_MEMORY_KIB,
        "{label}: the grader grew to {} KiB",
        run.peak_kib
    );
    assert!(
        run.children_peak_kib <= GRADER_MEMORY_KIB,
        "{label}: a supervisor grew to {} KiB",
        run.children_peak_kib
    );
    attack.assert_nothing_left(run.pid);
}

/// 1 GiB on stdout in 64 KiB writes, made of `unit` repeated.
fn output_flood(unit: &str) -> String {
    format!(
        "use std::io::Write;
fn main() {{
    let chunk = \"{unit}\".repeat(65536 / \"{unit}\".len());
    let mut out = std::io::stdout().lock();
    for _ in 0..16384 {{
        if out.write_all(chunk.as_bytes()).is_err() {{
            break;
        }}
    }}
}}
"
    )
}

#[test]
fn flood_one_gib_of_lines() {
    flood(
        "flood-lines",
        &output_flood("B received: flood\\n"),
        &["printed more than 8 MiB"],
    );
}

#[test]
fn flood_one_gib_without_a_newline() {
    flood(
        "flood-no-newline",
        &output_flood("x"),
        &["printed more than 8 MiB"],
    );
}

#[test]
fn flood_memory_hog_touching_three_gib() {
    // One process asking for 3 GiB at once (and writing all of it if it gets them), and
    // four children touching 768 MiB each (each under the per-process limit, together over
    // the run's).
    flood_within(
        "flood-memory-one",
        "fn main() {\n    let hog = vec![1u8; 3 << 30];\n    println!(\"{}\", hog[12345]);\n}\n",
        // Refused by its address-space limit (the allocation fails: abort) — or, were it
        // given the memory, stopped while writing it: either way bounded, and 0.
        &[
            "killed by signal SIGABRT",
            "did not finish in time",
            "skipped: an earlier run of this exercise hung",
        ],
        "8",
    );
    flood_within(
        "flood-memory-children",
        &format!(
            "{TOUCH}
fn main() {{
    let mut children = Vec::new();
    for _ in 0..4 {{
        children.push(ipc_support::process::fork_child(|| i32::from(touch(12) == 0)).unwrap());
    }}
    for child in children {{
        let _ = child.wait();
    }}
    println!(\"touched\");
}}
"
        ),
        &["more than 1024 MiB of memory in use"],
        "8",
    );
}

/// Allocates `chunks` × 64 MiB and writes one byte per page (fast even unoptimised).
const TOUCH: &str = "fn touch(chunks: usize) -> usize {
    let mut hog = Vec::new();
    for _ in 0..chunks {
        let mut chunk = vec![0u8; 64 << 20];
        for page in (0..chunk.len()).step_by(4096) {
            chunk[page] = 1;
        }
        hog.push(chunk);
    }
    hog.iter().map(|c| c.len()).sum()
}";

const FORK_BOMB: &str = "fn bomb() -> i32 {
    loop {
        if let Ok(child) = ipc_support::process::fork_child(bomb) {
            std::mem::forget(child);
        }
    }
}
fn main() {
    bomb();
}
";

/// Stopped at the process limit, or (when the kernel's own limit refuses the forks first)
/// at the time limit: 0 either way, and bounded.
#[test]
fn flood_fork_bomb() {
    flood(
        "flood-fork-bomb",
        FORK_BOMB,
        &[
            "more than 64 processes",
            "did not finish in time",
            "skipped: an earlier run of this exercise hung",
        ],
    );
}

#[test]
fn flood_fork_bomb_is_reported_as_such_every_run() {
    for i in 1..=3 {
        let label = format!("flood-fork-bomb-{i}");
        flood(&label, FORK_BOMB, &["more than 64 processes"]);
    }
}

/// Builds are bounded too: a macro that doubles at every token, a 16 GiB static. Both
/// score 0 with the reason, and the grader stays small.
#[test]
fn flood_compile_bombs() {
    let attack = Attack::new("flood-compile");
    attack.write(
        "ex01",
        "#![recursion_limit = \"100000\"]
macro_rules! boom {
    () => { 1 };
    ($h:tt $($t:tt)*) => { boom!($($t)*) + boom!($($t)*) };
}
fn main() {
    let x: u64 = boom!(a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a);
    println!(\"{x}\");
}
",
    );
    attack.write(
        "ex02",
        "static BIG: [u8; 1 << 34] = [1; 1 << 34];\nfn main() {\n    println!(\"{}\", BIG[12345]);\n}\n",
    );
    let run = attack.grade("ex01", &["--time-limit", "2"]);
    eprintln!(
        "{}: ex01 {}/10, grader peak {} KiB",
        attack.label,
        run.score(),
        run.peak_kib
    );
    assert_eq!(run.score(), 0);
    for (name, _, _, output) in checks(&run) {
        assert!(
            output.contains("could not be built within the grader's limits"),
            "{name}: {output}"
        );
    }
    assert!(run.peak_kib <= GRADER_MEMORY_KIB, "{} KiB", run.peak_kib);
    attack.assert_nothing_left(run.pid);
    let run = attack.grade("ex02", &["--time-limit", "2"]);
    eprintln!("{}: ex02 {}/10", attack.label, run.score());
    assert_eq!(run.score(), 0);
    assert!(
        run.outputs().contains("does not compile"),
        "{}",
        run.outputs()
    );
    attack.assert_nothing_left(run.pid);
}

// ---- 5. Tampering: the grader, its files, the host -------------------------------------

/// The letters the submission printed after `probe:` (each Y = that attempt worked), as
/// the check's "got `…`" shows them.
fn probe_letters(run: &crate::hostile_support::Graded) -> String {
    let outputs = run.outputs();
    let rest = outputs
        .split("probe:")
        .nth(1)
        .unwrap_or_else(|| panic!("no probe line in the report: {outputs}"));
    rest.chars()
        .take_while(|c| *c == 'Y' || *c == 'n')
        .collect()
}

/// What the probing submission tries, in the order of its letters.
const PROBES: &[&str] = &[
    "see target/grade/",
    "read solutions/ex04.rs",
    "read the grader's checks.rs",
    "see the submission folder",
    "write into target/grade/",
    "write into the workspace",
    "write into the submission folder",
    "write its own binary",
    "see the grader's environment when built",
    "see the grader's environment when run",
];

const PROBE_SOURCE: &str = r#"
fn writes(path: &str) -> bool {
    std::fs::OpenOptions::new().create(true).append(true).open(path).is_ok()
}
fn main() {
    let yes = |b: bool| if b { 'Y' } else { 'n' };
    let own = std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_default();
    let probes = [
        std::path::Path::new("@ROOT@/target/grade").exists(),
        std::fs::read_to_string("@ROOT@/solutions/ex04.rs").is_ok(),
        std::fs::read_to_string("@ROOT@/crates/libs/ipc-grade/src/checks.rs").is_ok(),
        std::path::Path::new("@DIR@").exists(),
        writes("@ROOT@/target/grade/@MARKER@"),
        writes("@ROOT@/@MARKER@"),
        writes("@DIR@/@MARKER@"),
        writes(&own),
        option_env!("HOSTILE_SECRET").is_some() || option_env!("CARGO_MANIFEST_DIR").is_some(),
        std::env::var_os("HOSTILE_SECRET").is_some() || std::env::var_os("CARGO").is_some(),
    ];
    // Its private /tmp takes files; the host's /tmp must not get them.
    let _ = std::fs::write("/tmp/@MARKER@", b"x");
    let letters: String = probes.iter().map(|b| yes(*b)).collect();
    println!("probe:{letters}");
}
"#;

#[test]
fn tamper_the_run_cannot_see_or_write_the_grader_the_workspace_or_the_submission() {
    let mut attack = Attack::new("tamper-probe");
    attack.write("ex01", PROBE_SOURCE);
    attack.host_files = vec![
        crate::hostile_support::root().join(format!("target/grade/{}", attack.marker)),
        crate::hostile_support::root().join(&attack.marker),
        attack.dir.join(&attack.marker),
        std::path::PathBuf::from(format!("/tmp/{}", attack.marker)),
    ];
    let run = crate::hostile_support::run_grader_with(
        &[
            "grade",
            "ex01",
            "--submission",
            attack.path(),
            "--format",
            "json",
            "--time-limit",
            "2",
        ],
        &[("HOSTILE_SECRET", "1")],
    );
    let letters = probe_letters(&run);
    eprintln!("{}: {}/10, probes {letters}", attack.label, run.score());
    assert_eq!(letters.len(), PROBES.len(), "{}", run.outputs());
    let worked: Vec<&str> = PROBES
        .iter()
        .zip(letters.chars())
        .filter(|(_, l)| *l == 'Y')
        .map(|(p, _)| *p)
        .collect();
    assert!(worked.is_empty(), "the submission could: {worked:?}");
    assert_eq!(run.score(), 0, "{}", run.outputs());
    attack.assert_nothing_left(run.pid);
    // `ipc-lab list` shows the grade it got, not one the submission wrote.
    let list = crate::hostile_support::run_grader(&["list", "--submission", attack.path()]);
    let line = list
        .stdout
        .lines()
        .find(|l| l.contains("ex01"))
        .unwrap_or_else(|| panic!("{}", list.stdout));
    assert!(line.ends_with("0/10 at the last grade"), "{line}");
}

/// The run's processes are all its own: no command line in its /proc names the grader or
/// the workspace (the sandbox's init, a fork of the supervisor, shows the grader's path).
#[test]
fn tamper_the_run_cannot_read_the_graders_command_line() {
    let attack = Attack::new("tamper-cmdline");
    attack.write(
        "ex01",
        r#"
fn main() {
    let seen = std::fs::read_dir("/proc").into_iter().flatten().flatten().any(|e| {
        std::fs::read(e.path().join("cmdline")).is_ok_and(|c| {
            let c = String::from_utf8_lossy(&c);
            c.contains("ipc-lab") || c.contains("@ROOT@")
        })
    });
    println!("probe:{}", if seen { 'Y' } else { 'n' });
}
"#,
    );
    let run = attack.grade("ex01", &["--time-limit", "2"]);
    let letters = probe_letters(&run);
    eprintln!("{}: {}/10, probes {letters}", attack.label, run.score());
    assert_eq!(letters, "n", "a command line of the run names the grader");
    attack.assert_nothing_left(run.pid);
}

/// Objects of the host under names and a key the submission knows; removed when dropped.
struct HostObjects {
    shm_file: std::path::PathBuf,
    sem: String,
    queue: String,
    segment: i32,
}

impl HostObjects {
    fn new(marker: &str, key: i32) -> HostObjects {
        use nix::sys::stat::Mode;
        let all = Mode::from_bits_truncate(0o666);
        let shm_file = std::path::PathBuf::from(format!("/dev/shm/{marker}-host"));
        std::fs::write(&shm_file, b"host").unwrap();
        let sem = format!("/{marker}-sem");
        let s =
            ipc_sys::semaphore::sem_open(sem.as_str(), nix::fcntl::OFlag::O_CREAT, all, 1).unwrap();
        ipc_sys::semaphore::sem_close(s).unwrap();
        let queue = format!("/{marker}-mq");
        let attr = nix::mqueue::MqAttr::new(0, 2, 64, 0);
        let q = nix::mqueue::mq_open(
            queue.as_str(),
            nix::mqueue::MQ_OFlag::O_CREAT | nix::mqueue::MQ_OFlag::O_RDWR,
            all,
            Some(&attr),
        )
        .unwrap();
        nix::mqueue::mq_close(q).unwrap();
        let segment = ipc_sys::shm::shmget(
            ipc_sys::ipc::SysvKey(key),
            4096,
            ipc_sys::ipc::IpcFlags::IPC_CREAT,
            all,
        )
        .unwrap();
        HostObjects {
            shm_file,
            sem,
            queue,
            segment,
        }
    }

    /// Which of them are gone.
    fn missing(&self) -> Vec<&'static str> {
        let mut gone = Vec::new();
        if !self.shm_file.exists() {
            gone.push("the /dev/shm file");
        }
        if !std::path::Path::new(&format!("/dev/shm/sem.{}", &self.sem[1..])).exists() {
            gone.push("the named semaphore");
        }
        let q = nix::mqueue::mq_open(
            self.queue.as_str(),
            nix::mqueue::MQ_OFlag::O_RDONLY,
            nix::sys::stat::Mode::empty(),
            None,
        );
        match q {
            Ok(q) => nix::mqueue::mq_close(q).unwrap(),
            Err(_) => gone.push("the queue"),
        }
        let mut ds = ipc_sys::shm::ShmidDs::default();
        if ipc_sys::shm::shmctl(self.segment, ipc_sys::shm::ShmctlCmd::IPC_STAT(&mut ds)).is_err() {
            gone.push("the System V segment");
        }
        gone
    }
}

impl Drop for HostObjects {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.shm_file);
        let _ = ipc_sys::semaphore::sem_unlink(self.sem.as_str());
        let _ = nix::mqueue::mq_unlink(self.queue.as_str());
        let _ = ipc_sys::shm::shmctl(self.segment, ipc_sys::shm::ShmctlCmd::IPC_RMID);
    }
}

#[test]
fn tamper_deleting_the_hosts_objects_and_signalling_the_grader() {
    let mut attack = Attack::new("tamper-delete");
    let host_key = crate::hostile_support::sysv_key(&format!("tamper-host-{}", std::process::id()));
    let host_name = format!("{}-{}", attack.marker, std::process::id());
    let host = HostObjects::new(&host_name, host_key);
    attack.rebaseline();
    // It knows the names, the key and even the id; it removes what it finds, then tries
    // to kill everything it can signal (the grader included) before printing.
    let source = format!(
        "
fn main() {{
    let mut removed = String::new();
    let yes = |b: bool| if b {{ 'Y' }} else {{ 'n' }};
    removed.push(yes(std::fs::remove_file(\"/dev/shm/@HOST@-host\").is_ok()));
    removed.push(yes(ipc_sys::semaphore::sem_unlink(\"/@HOST@-sem\").is_ok()));
    removed.push(yes(nix::mqueue::mq_unlink(\"/@HOST@-mq\").is_ok()));
    let mode = nix::sys::stat::Mode::empty();
    let by_key = ipc_sys::shm::shmget(ipc_sys::ipc::SysvKey({host_key}), 0, ipc_sys::ipc::IpcFlags::empty(), mode)
        .and_then(|id| ipc_sys::shm::shmctl(id, ipc_sys::shm::ShmctlCmd::IPC_RMID));
    removed.push(yes(by_key.is_ok()));
    removed.push(yes(ipc_sys::shm::shmctl({id}, ipc_sys::shm::ShmctlCmd::IPC_RMID).is_ok()));
    for who in [\"ipc-lab\", \"sandbox\", \"cargo\", \"hostile\"] {{
        let _ = std::process::Command::new(\"pkill\").args([\"-KILL\", \"-f\", who]).status();
    }}
    let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(-1), nix::sys::signal::Signal::SIGKILL);
    let _ = nix::sys::signal::kill(nix::unistd::getppid(), nix::sys::signal::Signal::SIGKILL);
    for pid in 1..=4096 {{
        if pid != std::process::id() as i32 {{
            let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGKILL);
        }}
    }}
    println!(\"probe:{{removed}}\");
}}
",
        id = host.segment
    );
    attack.write("ex01", &source.replace("@HOST@", &host_name));
    let run = attack.grade("ex01", &["--time-limit", "2"]);
    // The grader lived to write its whole report and its verdict.
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let letters = probe_letters(&run);
    eprintln!("{}: {}/10, removed {letters}", attack.label, run.score());
    assert_eq!(letters, "nnnnn", "{}", run.outputs());
    assert_eq!(host.missing(), Vec::<&str>::new());
    assert_eq!(
        run.json()["exercises"][0]["checks"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
    attack.assert_nothing_left(run.pid);
}

/// Files a compile error could show: each exercise file is `compile_error!(include_str!(…))`
/// of one of them. The compiler runs in a sandbox with only the file and the crates.
#[test]
fn tamper_compile_errors_cannot_show_files_outside_the_submission() {
    let attack = Attack::new("tamper-include");
    // Another submission's file, beside this one.
    let other = attack
        .dir
        .with_file_name(format!("{}-other", attack.marker));
    std::fs::create_dir_all(&other).unwrap();
    let secret = format!("the other student's answer {}", attack.marker);
    std::fs::write(other.join("ex01.rs"), format!("// {secret}\n")).unwrap();
    let root = crate::hostile_support::root();
    let includes = [
        ("ex01", "../../../solutions/ex04.rs".to_string()),
        ("ex02", root.join("solutions/ex04.rs").display().to_string()),
        (
            "ex03",
            root.join("crates/libs/ipc-grade/src/checks.rs")
                .display()
                .to_string(),
        ),
        ("ex04", other.join("ex01.rs").display().to_string()),
        ("ex05", "/etc/shadow".to_string()),
        ("ex06", "/proc/self/environ".to_string()),
    ];
    for (exercise, path) in &includes {
        attack.write(
            exercise,
            &format!("compile_error!(include_str!({path:?}));\nfn main() {{}}\n"),
        );
    }
    let env_secret = format!("grader-secret-{}", attack.marker);
    let mut reports = Vec::new();
    for format in ["json", "human"] {
        let run = crate::hostile_support::run_grader_with(
            &[
                "grade",
                "--submission",
                attack.path(),
                "--format",
                format,
                "--time-limit",
                "2",
            ],
            &[("HOSTILE_SECRET", &env_secret)],
        );
        reports.push(format!("{}\n{}", run.stdout, run.stderr));
        if format == "json" {
            eprintln!("{}: {}/60", attack.label, run.score());
            assert_eq!(run.score(), 0, "{}", run.outputs());
            for exercise in run.json()["exercises"].as_array().unwrap() {
                let first = exercise["checks"][0]["output"].as_str().unwrap();
                assert!(first.contains("does not compile"), "{first}");
            }
        }
        attack.assert_nothing_left(run.pid);
    }
    let report = reports.join("\n");
    // No line of any of those files, nor anything of the grader's environment.
    for (_, path) in &includes {
        let file = if path.starts_with('/') {
            std::path::PathBuf::from(path)
        } else {
            root.join("solutions/ex04.rs")
        };
        if let Ok(text) = std::fs::read_to_string(&file) {
            // Lines of code and comments (check names, also in checks.rs, are reported
            // legitimately).
            let code = |l: &&str| {
                l.len() >= 24 && (l.starts_with("//") || l.contains("let ") || l.contains("fn "))
            };
            for line in text.lines().map(str::trim).filter(code) {
                assert!(
                    !report.contains(line),
                    "the report shows {}: {line}",
                    file.display()
                );
            }
        }
    }
    assert!(
        !report.contains(&secret),
        "the report shows the other submission"
    );
    assert!(
        !report.contains(&env_secret),
        "the report shows the grader's environment"
    );
    assert!(
        !report.contains("CARGO_MANIFEST_DIR"),
        "the report shows the grader's environment"
    );
    let _ = std::fs::remove_dir_all(&other);
}

/// Exercise files that are symbolic links out of the submission: to the reference solution
/// (whose path W9 shows), to a classmate's file beside it (`--class`), and an `exercises`
/// folder linked to solutions/. The grader reads them as itself, outside any sandbox; a
/// submission must be graded on its own files only.
#[test]
fn tamper_symlinks_out_of_the_submission_are_not_followed() {
    let root = crate::hostile_support::root();
    let solution = root.join("solutions/ex04.rs");

    let attack = Attack::new("tamper-link-solution");
    std::os::unix::fs::symlink(&solution, attack.dir.join("ex04.rs")).unwrap();
    let run = attack.grade("ex04", &["--time-limit", "2"]);
    eprintln!("{}: {}/10", attack.label, run.score());
    let to_solution = run.score();
    assert!(run.outputs().contains("symbolic link"), "{}", run.outputs());
    attack.assert_nothing_left(run.pid);

    // A class: bob's ex04.rs is a relative link to alice's.
    let attack = Attack::new("tamper-link-classmate");
    let alice = attack.dir.join("alice");
    let bob = attack.dir.join("bob");
    std::fs::create_dir_all(&alice).unwrap();
    std::fs::create_dir_all(&bob).unwrap();
    std::fs::copy(&solution, alice.join("ex04.rs")).unwrap();
    std::os::unix::fs::symlink("../alice/ex04.rs", bob.join("ex04.rs")).unwrap();
    let run = crate::hostile_support::run_grader(&[
        "grade",
        "ex04",
        "--submission",
        bob.to_str().unwrap(),
        "--format",
        "json",
        "--time-limit",
        "2",
    ]);
    eprintln!("{}: bob {}/10", attack.label, run.score());
    let to_classmate = run.score();
    attack.assert_nothing_left(run.pid);

    // A repository whose exercises/ is a link to the solutions.
    let attack = Attack::new("tamper-link-folder");
    std::os::unix::fs::symlink(root.join("solutions"), attack.dir.join("exercises")).unwrap();
    let run = crate::hostile_support::run_grader(&[
        "grade",
        "ex04",
        "--submission",
        attack.path(),
        "--format",
        "json",
        "--time-limit",
        "2",
    ]);
    eprintln!("{}: exit {:?}: {}", attack.label, run.code, run.stderr);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("exercises/ leads out of the submission"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "no report: {}", run.stdout);
    attack.assert_nothing_left(run.pid);

    assert_eq!(
        (to_solution, to_classmate),
        (0, 0),
        "scores of the linked submissions"
    );
}

/// An exercise file linked to /dev/zero (git keeps symbolic links), beside a real one so
/// the folder is accepted: the grader must not read it without bound. Run under a 2 GiB
/// address-space limit, so that the machine is safe if it does.
#[test]
fn flood_an_exercise_file_linked_to_dev_zero() {
    let attack = Attack::new("flood-dev-zero");
    std::os::unix::fs::symlink("/dev/zero", attack.dir.join("ex01.rs")).unwrap();
    attack.write("ex02", &one_process_exchange("ex02"));
    let run = crate::hostile_support::run_grader_bounded(
        &["prlimit", "--as=2147483648", "--"],
        &[
            "grade",
            "ex01",
            "ex02",
            "--submission",
            attack.path(),
            "--format",
            "json",
            "--time-limit",
            "2",
        ],
        std::time::Duration::from_secs(120),
    )
    .expect("the grader finished");
    eprintln!(
        "{}: {}/20, grader peak {} KiB",
        attack.label,
        run.score(),
        run.peak_kib
    );
    assert!(
        run.peak_kib <= GRADER_MEMORY_KIB,
        "the grader grew to {} KiB reading /dev/zero",
        run.peak_kib
    );
    attack.assert_nothing_left(run.pid);
}

/// An exercise file that is a FIFO nobody writes (a folder copied from a student's
/// account): the grader must not wait for it forever.
#[test]
fn tamper_an_exercise_file_that_is_a_fifo() {
    let attack = Attack::new("tamper-fifo");
    nix::unistd::mkfifo(
        &attack.dir.join("ex01.rs"),
        nix::sys::stat::Mode::from_bits_truncate(0o600),
    )
    .unwrap();
    attack.write("ex02", &one_process_exchange("ex02"));
    let run = crate::hostile_support::run_grader_bounded(
        &["env"],
        &[
            "grade",
            "ex01",
            "ex02",
            "--submission",
            attack.path(),
            "--format",
            "json",
            "--time-limit",
            "2",
        ],
        std::time::Duration::from_secs(60),
    );
    let run = run.expect("the grader waited a minute on the FIFO");
    eprintln!("{}: {}/20", attack.label, run.score());
    attack.assert_nothing_left(run.pid);
}

// ---- 6. Hostile bytes in the output -----------------------------------------------------

/// Noncharacters, NUL, ESC sequences, a bell, a carriage return, a right-to-left override,
/// invalid UTF-8 and XML's own syntax, on stdout (and on stderr for the refusal).
const HOSTILE_BYTES: &str = r#"
use std::io::Write;
fn main() {
    let mut bytes = b"B received: ".to_vec();
    bytes.extend("\u{FFFE}\u{FFFF}\0\x1b[2J\x1b]0;owned\x07\r\u{202E}".as_bytes());
    bytes.extend([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]);
    bytes.extend(b"]]></failure></testcase><testcase name=\"forged\"/>&amp;\n");
    let too_long = std::env::args().any(|a| a == "--size");
    if too_long {
        let _ = std::io::stderr().write_all(&bytes);
        std::process::exit(1);
    }
    let _ = std::io::stdout().write_all(&bytes);
    let _ = std::io::stdout().write_all(&bytes[2..]);
}
"#;

#[test]
fn hostile_bytes_keep_junit_well_formed_and_the_terminal_report_escaped() {
    let attack = Attack::new("hostile-bytes");
    attack.write("ex01", HOSTILE_BYTES);

    let run = attack.grade("ex01", &["--format", "junit", "--time-limit", "2"]);
    let xml = String::from_utf8(run.stdout_bytes.clone()).expect("JUnit is UTF-8");
    let doc = roxmltree::Document::parse(&xml)
        .unwrap_or_else(|e| panic!("JUnit is not well-formed XML ({e}):\n{xml}"));
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 6, "{xml}");
    assert!(
        cases.iter().all(|c| c.attribute("name") != Some("forged")),
        "{xml}"
    );
    attack.assert_nothing_left(run.pid);

    let run = attack.grade("ex01", &["--format", "human", "--time-limit", "2"]);
    let human = String::from_utf8(run.stdout_bytes.clone()).expect("the report is UTF-8");
    for (what, bad) in [
        ("ESC", '\x1b'),
        ("NUL", '\0'),
        ("BEL", '\x07'),
        ("CR", '\r'),
        ("U+FFFE", '\u{FFFE}'),
        ("U+FFFF", '\u{FFFF}'),
        ("U+202E", '\u{202E}'),
    ] {
        assert!(
            !human.contains(bad),
            "{what} reached the terminal: {human:?}"
        );
    }
    // Shown, escaped, not dropped.
    assert!(
        human.contains("\\x1b") || human.contains("\\u{1b}"),
        "{human}"
    );
    assert!(
        human.contains("\\u{fffe}") || human.contains("\\u{FFFE}"),
        "{human}"
    );
    assert!(human.contains("Total: 2/10"), "{human}");
    attack.assert_nothing_left(run.pid);

    for format in ["json", "gradescope"] {
        let run = attack.grade("ex01", &["--format", format, "--time-limit", "2"]);
        let _: serde_json::Value = serde_json::from_slice(&run.stdout_bytes)
            .unwrap_or_else(|e| panic!("{format} is not JSON ({e}): {}", run.stdout));
        attack.assert_nothing_left(run.pid);
    }
}

/// Invalid UTF-8 shown as what it was (`\xff`), not replaced by U+FFFD.
#[test]
fn hostile_bytes_invalid_utf8_is_shown_escaped() {
    let attack = Attack::new("hostile-bytes-utf8");
    attack.write("ex01", HOSTILE_BYTES);
    let run = attack.grade("ex01", &["--format", "human", "--time-limit", "2"]);
    assert!(
        run.stdout.contains("\\xff") && !run.stdout.contains('\u{FFFD}'),
        "{}",
        run.stdout
    );
    attack.assert_nothing_left(run.pid);
}
