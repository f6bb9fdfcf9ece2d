//! The checks of each exercise. They live here, in the grader, so a student cannot edit
//! them. Each runs the built binary in the sandbox and judges two things: what a user
//! would see (output, exit status, signals), and what the program did to get there, as
//! the sandbox's supervisor saw it from outside — which process wrote each line, what the
//! shared memory held at that moment, which IPC calls were made, whether children ran at
//! the same time and blocked on the semaphore. Printing the right lines without the
//! mechanism the exercise teaches scores nothing (only the refusal checks can be passed
//! that way: at most 2 points of 10).

use std::path::Path;
use std::time::Duration;

use ipc_sandbox::{
    Action, Event, MappingKind, Object, Observe, Report, Snapshot, Stdin, Trigger, What,
};
use nix::sys::signal::Signal;

use ipc_text::t;

use crate::runner::{self, Outcome, Runner, object_text};

/// Most runs take milliseconds; a run still going after the time limit (`--time-limit`,
/// 5 s by default) is hung. Runs that do a million locked additions get six times as long,
/// the million-move deadlock check twice as long.
const LONG_FACTOR: u32 = 6;
const DEADLOCK_FACTOR: u32 = 2;

/// The result of one check.
#[derive(Debug, Clone)]
pub struct CheckResult {
    pub name: String,
    pub points: u32,
    pub max: u32,
    /// What went wrong and what to do (empty when the check passed).
    pub output: String,
}

impl CheckResult {
    pub fn passed(&self) -> bool {
        self.points == self.max
    }
}

/// Points for a run: all when it did what was asked, half when it did but left objects
/// behind, none otherwise; the message says why.
type Verdict = (Fraction, String);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fraction {
    All,
    Half,
    None,
}

fn fail(why: impl Into<String>) -> Verdict {
    (Fraction::None, why.into())
}

fn ok() -> Verdict {
    (Fraction::All, String::new())
}

/// Adds the leak penalty to a verdict.
fn with_leaks(verdict: Verdict, outcome: &Outcome) -> Verdict {
    if outcome.leaked.is_empty() {
        return verdict;
    }
    let left = t!(
        "grade-fail-left-behind",
        objects = outcome.leaked.join(", ")
    );
    match verdict.0 {
        Fraction::All => (Fraction::Half, left),
        _ => (verdict.0, format!("{}; {left}", verdict.1)),
    }
}

/// Exit status `code` and exactly these stdout lines; then the mechanism `how`.
fn expect(
    outcome: &Outcome,
    code: i32,
    lines: &[String],
    how: impl FnOnce(&Report) -> Result<(), String>,
) -> Verdict {
    let verdict = match outcome.status_problem(code) {
        Some(problem) => fail(problem),
        None => match same_lines(&outcome.stdout, lines) {
            Err(why) => fail(why),
            Ok(()) => match how(&outcome.report) {
                Ok(()) => ok(),
                Err(why) => fail(t!("grade-fail-output-right-but", why = why)),
            },
        },
    };
    with_leaks(verdict, outcome)
}

fn same_lines(stdout: &str, want: &[String]) -> Result<(), String> {
    let got: Vec<&str> = stdout.lines().map(str::trim_end).collect();
    for (i, line) in want.iter().enumerate() {
        match got.get(i) {
            Some(g) if g == line => {}
            Some(g) => {
                return Err(t!(
                    "grade-fail-line-differs",
                    line = i + 1,
                    expected = runner::shorten(line, 80),
                    got = runner::shorten(g, 80)
                ));
            }
            None => {
                return Err(t!(
                    "grade-fail-too-few-lines",
                    count = got.len(),
                    line = i + 1,
                    expected = runner::shorten(line, 80)
                ));
            }
        }
    }
    if got.len() > want.len() {
        return Err(t!(
            "grade-fail-extra-output",
            got = runner::shorten(got[want.len()], 80)
        ));
    }
    Ok(())
}

/// `A forked N child processes, not M`, with N's plural.
fn forked_text(forked: usize, wanted: usize) -> String {
    t!("grade-fail-forked", forked = forked, wanted = wanted)
}

/// A refusal: exit status 1, something on stderr, and the work not done.
fn expect_refusal(outcome: &Outcome, must_not_print: &str) -> Verdict {
    let verdict = match outcome.status_problem(1) {
        Some(problem) => fail(problem),
        None if outcome.stderr.trim().is_empty() => fail(t!("grade-fail-refusal-silent")),
        None if outcome.stdout.contains(must_not_print) => fail(t!(
            "grade-fail-refused-after-printing",
            printed = must_not_print
        )),
        None => ok(),
    };
    with_leaks(verdict, outcome)
}

// ---- What the supervisor saw -------------------------------------------------------

/// The first write to stdout with a line starting with `prefix`, and its snapshot.
fn write_of<'a>(r: &'a Report, prefix: &str) -> Option<(&'a Event, Option<&'a Snapshot>)> {
    r.events.iter().find_map(|e| match &e.what {
        What::Write {
            err: false,
            text,
            snapshot,
            ..
        } if text.lines().any(|l| l.starts_with(prefix)) => Some((e, snapshot.as_deref())),
        _ => None,
    })
}

/// Calls by the process `process` (its threads included).
fn calls_by<'a>(
    r: &'a Report,
    name: &'a str,
    process: usize,
) -> impl Iterator<Item = &'a ipc_sandbox::Call> + 'a {
    r.calls(name)
        .filter(move |(task, _)| r.process_of(*task) == process)
        .map(|(_, call)| call)
}

/// A shared mapping of the snapshot of `kind` whose bytes start with `want`.
fn mapping_holding<'a>(
    snap: Option<&'a Snapshot>,
    want: &[u8],
    kind: &dyn Fn(&MappingKind) -> bool,
) -> Option<&'a MappingKind> {
    snap?
        .mappings
        .iter()
        .find(|m| kind(&m.kind) && m.bytes().starts_with(want))
        .map(|m| &m.kind)
}

fn c_string(text: &str) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    bytes.push(0);
    bytes
}

/// Whether the call returned successfully.
fn succeeded(call: &ipc_sandbox::Call) -> bool {
    call.ret.is_some_and(|r| r >= 0)
}

/// Whether `process` had a wait (waitpid, wait4, waitid) return `child` before event `seq`.
fn waited_for(r: &Report, process: usize, child: usize, seq: u64) -> bool {
    let Some(pid) = r.tasks.get(child).map(|t| i64::from(t.pid)) else {
        return false;
    };
    r.events
        .iter()
        .take_while(|e| e.seq < seq)
        .any(|e| match &e.what {
            What::Call(c) if r.process_of(e.task) == process => match c.name.as_str() {
                "wait4" => c.ret == Some(pid),
                // waitid(P_PID, pid, ...) returns 0 once that child has ended.
                "waitid" => {
                    c.args.first() == Some(&1)
                        && c.args.get(1).copied().map(i64::try_from) == Some(Ok(pid))
                        && c.ret == Some(0)
                }
                _ => false,
            },
            _ => false,
        })
}

fn slept(r: &Report, process: usize) -> bool {
    calls_by(r, "nanosleep", process).next().is_some()
        || calls_by(r, "clock_nanosleep", process).next().is_some()
}

/// ex01/ex02: B, a child of A, printed the message while the shared memory held it; A
/// printed the reply after B had exited, while its shared memory held the reply; the
/// memory was made as the contract says; A never slept.
fn parent_and_child(r: &Report, message: &str, posix: Option<&str>) -> Result<(), String> {
    let what = match posix {
        Some(_) => t!("grade-shm-kind-posix"),
        None => t!("grade-shm-kind-sysv"),
    };
    let is_kind = |k: &MappingKind| match (posix, k) {
        (None, MappingKind::Sysv { .. }) => true,
        (Some(name), MappingKind::ShmFile { name: n }) => n == name,
        _ => false,
    };
    let (b_write, b_snap) =
        write_of(r, "B received: ").ok_or_else(|| t!("grade-fail-not-seen-b-received"))?;
    let b = r.process_of(b_write.task);
    if b == 0 {
        return Err(t!("grade-fail-b-line-by-a"));
    }
    if r.tasks.get(b).and_then(|t| t.parent) != Some(0) {
        return Err(t!("grade-fail-b-line-not-by-child"));
    }
    let segment = mapping_holding(b_snap, &c_string(message), &is_kind)
        .ok_or_else(|| t!("grade-fail-b-saw-no-message", what = what))?;
    let (a_write, a_snap) =
        write_of(r, "A received: ").ok_or_else(|| t!("grade-fail-not-seen-a-received"))?;
    if r.process_of(a_write.task) != 0 {
        return Err(t!("grade-fail-a-line-not-by-a"));
    }
    if !waited_for(r, 0, b, a_write.seq) {
        return Err(t!("grade-fail-a-did-not-wait"));
    }
    let reply = format!("ack {}", message.len());
    let same = |k: &MappingKind| k == segment;
    // B wrote the reply: the memory held it as B ended.
    let b_exit = r.events.iter().find_map(|e| match &e.what {
        What::Exiting { shared } if r.process_of(e.task) == b => Some(shared),
        _ => None,
    });
    let b_replied = b_exit.is_some_and(|shared| {
        shared
            .iter()
            .any(|m| m.kind == *segment && m.bytes().starts_with(&c_string(&reply)))
    });
    if !b_replied {
        return Err(t!("grade-fail-b-did-not-reply", what = what, reply = reply));
    }
    if mapping_holding(a_snap, &c_string(&reply), &same).is_none() {
        return Err(t!("grade-fail-a-saw-no-reply", what = what, reply = reply));
    }
    match posix {
        None => {
            if !calls_by(r, "shmget", 0).any(|c| c.args.first() == Some(&0) && succeeded(c)) {
                return Err(t!("grade-fail-no-shmget-private"));
            }
        }
        Some(name) => {
            let path = format!("/dev/shm/{name}");
            let flags = |c: &ipc_sandbox::Call| c.args.get(2).copied().unwrap_or(0);
            let create = u64::try_from(libc::O_CREAT | libc::O_EXCL).unwrap_or(0);
            let made = r.calls("openat").chain(r.calls("open")).any(|(task, c)| {
                r.process_of(task) == 0
                    && c.path.as_deref() == Some(&path)
                    && flags(c) & create == create
                    && succeeded(c)
            });
            if !made {
                return Err(t!("grade-fail-no-shm-open-excl", name = name));
            }
            let opened = r.calls("openat").chain(r.calls("open")).any(|(task, c)| {
                r.process_of(task) == b && c.path.as_deref() == Some(&path) && succeeded(c)
            });
            if !opened {
                return Err(t!("grade-fail-b-did-not-open", name = name));
            }
        }
    }
    if slept(r, 0) {
        return Err(t!("grade-fail-a-sleeps"));
    }
    Ok(())
}

/// ex03: A created the queue, sent every message with its priority; B received them from
/// the queue and printed exactly what it received, in that order.
fn queue_priorities(
    r: &Report,
    queue: &str,
    priorities: &[u32],
    printed: &str,
) -> Result<(), String> {
    let create = u64::try_from(libc::O_CREAT | libc::O_EXCL).unwrap_or(0);
    let made = calls_by(r, "mq_open", 0).any(|c| {
        c.path.as_deref() == Some(queue)
            && c.args.get(1).copied().unwrap_or(0) & create == create
            && succeeded(c)
    });
    if !made {
        return Err(t!("grade-fail-no-mq-open-excl", queue = queue));
    }
    let sent: Vec<(String, u32)> = calls_by(r, "mq_timedsend", 0)
        .filter(|c| c.ret == Some(0))
        .map(|c| {
            (
                c.data.clone().unwrap_or_default(),
                c.priority.unwrap_or(u32::MAX),
            )
        })
        .collect();
    let want: Vec<(String, u32)> = priorities
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("message {}", i + 1), *p))
        .collect();
    if sent != want {
        return Err(t!("grade-fail-not-sent-in-order"));
    }
    let (first, _) =
        write_of(r, "priority ").ok_or_else(|| t!("grade-fail-not-seen-priority-lines"))?;
    let b = r.process_of(first.task);
    if b == 0 || r.tasks.get(b).and_then(|t| t.parent) != Some(0) {
        return Err(t!("grade-fail-priority-lines-not-by-b"));
    }
    let received: Vec<String> = calls_by(r, "mq_timedreceive", b)
        .filter(|c| succeeded(c))
        .map(|c| {
            format!(
                "priority {}: {}",
                c.priority.unwrap_or(0),
                c.data.clone().unwrap_or_default()
            )
        })
        .collect();
    let lines: Vec<&str> = printed.lines().map(str::trim_end).collect();
    if received != lines {
        return Err(t!("grade-fail-not-what-b-received"));
    }
    Ok(())
}

/// The shared mapping kinds each worker had when it blocked on a held semaphore.
fn blocked_workers(r: &Report) -> Vec<(usize, Vec<MappingKind>)> {
    r.events
        .iter()
        .filter_map(|e| match &e.what {
            What::BlockedOn { shared, .. } => Some((
                r.process_of(e.task),
                shared.iter().map(|m| m.kind.clone()).collect(),
            )),
            _ => None,
        })
        .collect()
}

/// What the gate and the hold showed: `workers` children at once, all blocking on `sem`.
fn workers_and_lock(r: &Report, workers: usize, sem: &str, all_block: bool) -> Result<(), String> {
    let forked = r.children_of(0).count();
    if forked != workers {
        return Err(forked_text(forked, workers));
    }
    let together = r
        .events
        .iter()
        .filter_map(|e| match &e.what {
            What::Released { tasks, .. } => Some(tasks.len()),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    if together < workers {
        return Err(t!(
            "grade-fail-never-together",
            workers = workers,
            together = together
        ));
    }
    let name = sem.trim_start_matches("sem.");
    let held: Vec<u32> = r
        .events
        .iter()
        .filter_map(|e| match &e.what {
            What::Held { sem: s, value } if s == sem => Some(*value),
            _ => None,
        })
        .collect();
    if held.iter().all(|v| *v == 0) {
        return Err(t!("grade-fail-no-semaphore-at-start", name = name));
    }
    let blocked = r
        .events
        .iter()
        .filter(|e| matches!(&e.what, What::BlockedOn { sem: s, .. } if s == sem))
        .count();
    if all_block && blocked < workers {
        return Err(t!(
            "grade-fail-went-on-unlocked",
            unlocked = workers - blocked,
            workers = workers,
            name = name
        ));
    }
    if blocked == 0 {
        return Err(t!("grade-fail-nobody-waited", name = name));
    }
    Ok(())
}

/// ex05: `workers` children at once, and at least one blocked on a semaphore the grader held.
fn workers_and_held_locks(r: &Report, workers: usize, sems: &[String]) -> Result<(), String> {
    let mut last = Err(String::new());
    for sem in sems {
        last = workers_and_lock(r, workers, sem, false);
        if last.is_ok() {
            return Ok(());
        }
    }
    last
}

/// u64 words at 8-byte offsets of a mapping's first bytes.
fn words(bytes: &[u8]) -> Vec<u64> {
    bytes
        .chunks_exact(8)
        .map(|w| u64::from_ne_bytes(w.try_into().unwrap_or([0; 8])))
        .collect()
}

/// The counter was written by the children: when the gate let them go, A's shared memory
/// did not hold the total; when the last child ended, the memory holding the total at A's
/// print already held it.
fn children_made_the_total(r: &Report, line: &str, total: u64) -> Result<(), String> {
    let (_, snap) = write_of(r, line).ok_or_else(|| t!("grade-fail-not-seen-total"))?;
    let counter = snap
        .into_iter()
        .flat_map(|s| &s.mappings)
        .find(|m| words(&m.bytes()).contains(&total))
        .map(|m| m.kind.clone())
        .ok_or_else(|| t!("grade-fail-total-not-shared"))?;
    let at_release = r.events.iter().find_map(|e| match &e.what {
        What::Released { main_shared, .. } => Some(main_shared),
        _ => None,
    });
    if at_release
        .into_iter()
        .flatten()
        .any(|m| m.kind == counter && words(&m.bytes()).contains(&total))
    {
        return Err(t!("grade-fail-total-before-children"));
    }
    let last = r
        .events
        .iter()
        .filter_map(|e| match &e.what {
            What::Exiting { shared } => Some(shared),
            _ => None,
        })
        .next_back()
        .ok_or_else(|| t!("grade-fail-not-seen-children-end"))?;
    let held = last
        .iter()
        .find(|m| m.kind == counter)
        .map(|m| words(&m.bytes()).first().copied().unwrap_or(0));
    match held {
        Some(_)
            if last
                .iter()
                .any(|m| m.kind == counter && words(&m.bytes()).contains(&total)) =>
        {
            Ok(())
        }
        Some(value) => Err(t!(
            "grade-fail-counter-not-total",
            value = value,
            total = total
        )),
        None => Err(t!("grade-fail-counter-not-mapped")),
    }
}

/// ex05, one mover at a time (the other held at birth until the first ends): when the first
/// ends, the two balances must show exactly its `moves` moves of i % 7 + 1; when the second
/// ends, its moves the other way must have brought them back.
fn each_mover_moved(r: &Report, moves: u64) -> Result<(), String> {
    let moved: u64 = (0..moves).map(|i| i % 7 + 1).sum();
    let start = 100_000_000u64;
    let exits: Vec<&Vec<ipc_sandbox::Mapping>> = r
        .events
        .iter()
        .filter_map(|e| match &e.what {
            What::Exiting { shared } => Some(shared),
            _ => None,
        })
        .collect();
    let holds = |shared: &[ipc_sandbox::Mapping], want: &dyn Fn(u64, u64) -> bool| {
        shared
            .iter()
            .any(|m| words(&m.bytes()).windows(2).any(|p| want(p[0], p[1])))
    };
    let after_first = |a: u64, b: u64| {
        (a == start - moved && b == start + moved) || (a == start + moved && b == start - moved)
    };
    match exits.as_slice() {
        [first, second, ..] => {
            if !holds(first, &after_first) {
                return Err(t!(
                    "grade-fail-first-mover",
                    moves = moves,
                    low = start - moved,
                    high = start + moved
                ));
            }
            if !holds(second, &|a, b| a == start && b == start) {
                return Err(t!("grade-fail-second-mover", moves = moves, start = start));
            }
            Ok(())
        }
        _ => Err(t!("grade-fail-not-seen-movers-end")),
    }
}

/// The printed total lives in memory A shares with the workers: a mapping of A's at the
/// moment it printed `line` whose words satisfy `holds`, also mapped by a blocked worker.
fn total_in_shared_memory(
    r: &Report,
    line: &str,
    holds: &dyn Fn(&[u64]) -> bool,
) -> Result<(), String> {
    let (_, snap) = write_of(r, line).ok_or_else(|| t!("grade-fail-not-seen-total"))?;
    let workers = blocked_workers(r);
    let found = snap.into_iter().flat_map(|s| &s.mappings).any(|m| {
        holds(&words(&m.bytes())) && workers.iter().any(|(_, kinds)| kinds.contains(&m.kind))
    });
    if found {
        Ok(())
    } else {
        Err(t!("grade-fail-total-not-in-shared-memory"))
    }
}

// ---- The checks ---------------------------------------------------------------------

/// Runs the checks of one exercise and reports each as it completes.
pub struct Checker<'a> {
    exercise: &'static str,
    bin: &'a Path,
    runner: &'a Runner,
    results: Vec<CheckResult>,
    progress: &'a mut dyn FnMut(&CheckResult),
    /// Set once a run of this exercise hung: later checks are skipped, so a hanging
    /// submission costs one timeout, not one per check.
    hung: bool,
    /// The time limit of an ordinary run.
    limit: Duration,
}

fn observe() -> Observe {
    Observe {
        syscalls: true,
        snapshots: 8,
        snapshot_bytes: 4096,
        ..Observe::default()
    }
}

impl<'a> Checker<'a> {
    pub fn new(
        exercise: &'static str,
        bin: &'a Path,
        runner: &'a Runner,
        progress: &'a mut dyn FnMut(&CheckResult),
        limit: Duration,
    ) -> Self {
        Checker {
            exercise,
            bin,
            runner,
            results: Vec::new(),
            progress,
            hung: false,
            limit,
        }
    }

    pub fn finish(self) -> Vec<CheckResult> {
        self.results
    }

    /// Whether a run of this exercise hung (was killed at its time limit).
    pub fn hung(&self) -> bool {
        self.hung
    }

    fn record(&mut self, name: &str, max: u32, verdict: Verdict) {
        let points = match verdict.0 {
            Fraction::All => max,
            Fraction::Half => max / 2,
            Fraction::None => 0,
        };
        let result = CheckResult {
            name: name.to_string(),
            points,
            max,
            output: verdict.1,
        };
        (self.progress)(&result);
        self.results.push(result);
    }

    /// One check made of one run of the binary.
    fn check(
        &mut self,
        name: &str,
        args: &[String],
        limit: Duration,
        watch: Observe,
        stdin: Stdin,
        judge: impl FnOnce(&Outcome) -> Verdict,
    ) {
        let max = points(self.exercise, name);
        if self.hung {
            return self.record(name, max, fail(t!("grade-fail-skipped-after-hang")));
        }
        let outcome = self.runner.run(self.bin, args, limit, watch, stdin);
        self.hung |= outcome.timed_out();
        let verdict = judge(&outcome);
        self.record(name, max, verdict);
    }

    /// Records the same failure for every check of an exercise that could not be built.
    /// The first check carries the whole explanation, the others its first line.
    pub fn all_fail(&mut self, why: &str) {
        let first = why.lines().next().unwrap_or(why);
        for (i, (name, max)) in plan(self.exercise).into_iter().enumerate() {
            self.record(name, max, fail(if i == 0 { why } else { first }));
        }
    }

    pub fn run_all(&mut self) {
        match self.exercise {
            "ex01" => self.ex01_ex02(false),
            "ex02" => self.ex01_ex02(true),
            "ex03" => self.ex03(),
            "ex04" => self.ex04(),
            "ex05" => self.ex05(),
            "ex06" => self.ex06(),
            _ => {}
        }
    }
}

/// Every check's name and points, in order (the list `all_fail` and reports use).
pub fn plan(exercise: &str) -> Vec<(&'static str, u32)> {
    match exercise {
        "ex01" | "ex02" => vec![
            ("default message", 1),
            ("short message", 2),
            ("spaces and UTF-8", 2),
            ("message that exactly fills the segment", 1),
            ("message too long is refused", 2),
            ("60000-byte message in 64 KiB", 2),
        ],
        "ex03" => vec![
            ("default priorities", 3),
            ("equal priorities keep their order", 3),
            ("ten messages", 2),
            ("eleven messages are refused", 2),
        ],
        "ex04" => vec![
            ("2 processes x 1000", 2),
            ("4 processes x 1000000, exact", 4),
            ("8 processes x 200000, exact", 2),
            ("0 processes are refused", 1),
            ("17 processes are refused", 1),
        ],
        "ex05" => vec![
            ("1000 moves", 2),
            ("100000 moves, no deadlock", 4),
            ("1000000 moves, no deadlock", 4),
        ],
        "ex06" => vec![
            ("creates the three objects, then prints ready", 2),
            ("SIGTERM: removes all three and exits 0", 3),
            ("SIGINT: removes all three and exits 0", 3),
            ("end of stdin: removes all three and exits 0", 2),
        ],
        _ => Vec::new(),
    }
}

fn points(exercise: &str, check: &str) -> u32 {
    plan(exercise)
        .into_iter()
        .find(|(name, _)| *name == check)
        .map_or(0, |(_, p)| p)
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(ToString::to_string).collect()
}

/// A fresh name for one run (the run has its own namespace; the name only has to be
/// valid and recognisable).
fn fresh(exercise: &str) -> String {
    format!("grade-{exercise}-{}", std::process::id())
}

fn parent_child_lines(message: &str) -> Vec<String> {
    vec![
        format!("B received: {message}"),
        format!("A received: ack {}", message.len()),
    ]
}

impl Checker<'_> {
    fn ex01_ex02(&mut self, posix: bool) {
        let name = fresh(self.exercise);
        let cases: [(&str, Option<String>, Option<usize>); 5] = [
            ("default message", None, None),
            ("short message", Some("hello".into()), None),
            ("spaces and UTF-8", Some("xin chào, B! ✓".into()), None),
            (
                "message that exactly fills the segment",
                Some("m".repeat(99)),
                Some(100),
            ),
            (
                "60000-byte message in 64 KiB",
                Some("ab".repeat(30_000)),
                Some(65_536),
            ),
        ];
        let run_case =
            |this: &mut Self, (check, message, size): (&str, Option<String>, Option<usize>)| {
                let mut args = Vec::new();
                if posix {
                    args.extend(strings(&["--name", &name]));
                }
                if let Some(m) = &message {
                    args.extend(strings(&["--message", m]));
                }
                if let Some(s) = size {
                    args.extend(strings(&["--size", &s.to_string()]));
                }
                let message = message.unwrap_or_else(|| "hello from A".to_string());
                let want = parent_child_lines(&message);
                let watch = Observe {
                    snapshot_bytes: (message.len() + 1).max(4096),
                    exit_snapshots: true,
                    ..observe()
                };
                let object = posix.then_some(name.as_str());
                this.check(check, &args, this.limit, watch, Stdin::Empty, |o| {
                    expect(o, 0, &want, |r| parent_and_child(r, &message, object))
                });
            };
        let [default, short, utf8, exact, large] = cases;
        run_case(self, default);
        run_case(self, short);
        run_case(self, utf8);
        run_case(self, exact);
        let mut args = strings(&["--message", &"x".repeat(40), "--size", "16"]);
        if posix {
            args.extend(strings(&["--name", &name]));
        }
        self.check(
            "message too long is refused",
            &args,
            self.limit,
            observe(),
            Stdin::Empty,
            |o| expect_refusal(o, "B received"),
        );
        run_case(self, large);
    }

    fn ex03(&mut self) {
        let cases: [(&str, &[u32]); 3] = [
            ("default priorities", &[1, 5, 3, 9, 2]),
            ("equal priorities keep their order", &[2, 7, 2, 7, 0, 7]),
            ("ten messages", &[3, 0, 9, 4, 9, 1, 8, 2, 7, 5]),
        ];
        let queue = format!("/{}", fresh("ex03"));
        for (i, (check, priorities)) in cases.into_iter().enumerate() {
            let mut args = strings(&["--name", &queue]);
            if i > 0 {
                let list: Vec<String> = priorities.iter().map(u32::to_string).collect();
                args.extend(strings(&["--priorities", &list.join(",")]));
            }
            let mut order: Vec<(usize, u32)> = priorities.iter().copied().enumerate().collect();
            order.sort_by_key(|&(_, p)| std::cmp::Reverse(p));
            let want: Vec<String> = order
                .iter()
                .map(|(i, p)| format!("priority {p}: message {}", i + 1))
                .collect();
            self.check(check, &args, self.limit, observe(), Stdin::Empty, |o| {
                expect(o, 0, &want, |r| {
                    queue_priorities(r, &queue, priorities, &o.stdout)
                })
            });
        }
        let args = strings(&["--name", &queue, "--priorities", "1,2,3,4,5,6,7,8,9,10,11"]);
        self.check(
            "eleven messages are refused",
            &args,
            self.limit,
            observe(),
            Stdin::Empty,
            |o| expect_refusal(o, "priority"),
        );
    }

    fn ex04(&mut self) {
        let name = fresh("ex04");
        let sem = format!("sem.{name}");
        for (check, k, m, limit) in [
            ("2 processes x 1000", 2u64, 1000u64, self.limit),
            (
                "4 processes x 1000000, exact",
                4,
                1_000_000,
                self.limit * LONG_FACTOR,
            ),
            (
                "8 processes x 200000, exact",
                8,
                200_000,
                self.limit * LONG_FACTOR,
            ),
        ] {
            let args = strings(&[
                "--name",
                &name,
                "--processes",
                &k.to_string(),
                "--count",
                &m.to_string(),
            ]);
            let want = vec![format!("total: {}", k * m)];
            let watch = Observe {
                gate: true,
                hold: vec![sem.clone()],
                exit_snapshots: true,
                ..observe()
            };
            let workers = usize::try_from(k).unwrap_or(0);
            let total = k * m;
            self.check(check, &args, limit, watch, Stdin::Empty, |o| {
                expect(o, 0, &want, |r| {
                    workers_and_lock(r, workers, &sem, true)?;
                    total_in_shared_memory(r, "total: ", &|w| w.contains(&total))?;
                    children_made_the_total(r, "total: ", total)
                })
            });
        }
        for (check, k) in [
            ("0 processes are refused", "0"),
            ("17 processes are refused", "17"),
        ] {
            let args = strings(&["--name", &name, "--processes", k, "--count", "10"]);
            self.check(check, &args, self.limit, observe(), Stdin::Empty, |o| {
                expect_refusal(o, "total")
            });
        }
    }

    fn ex05(&mut self) {
        let name = fresh("ex05");
        let want = vec!["total: 200000000".to_string()];
        let balances = |w: &[u64]| {
            w.iter().enumerate().any(|(i, a)| {
                w.iter()
                    .enumerate()
                    .any(|(j, b)| i != j && *a > 0 && *b > 0 && a + b == 200_000_000)
            })
        };
        // One mover alone first (the other held at birth until it ends): the balances then
        // show exactly what its moves did.
        let check = "1000 moves";
        let watch = Observe {
            gate: true,
            one_by_one: true,
            exit_snapshots: true,
            ..observe()
        };
        let args = strings(&["--name", &name, "--moves", "1000"]);
        let mut moved = true;
        self.check(
            check,
            &args,
            self.limit * DEADLOCK_FACTOR,
            watch,
            Stdin::Empty,
            |o| {
                // Only a run that printed the right lines without moving the money stops
                // the others; any other failure is left for each run to show on its own.
                expect(o, 0, &want, |r| {
                    let forked = r.children_of(0).count();
                    let judged = match forked {
                        2 => each_mover_moved(r, 1000),
                        _ => Err(forked_text(forked, 2)),
                    };
                    moved = judged.is_ok();
                    judged
                })
            },
        );
        // Then both at once, with both semaphores taken by the grader and each given to a
        // different waiter: the schedule in which opposite lock orders deadlock.
        let sems = vec![format!("sem.{name}-a"), format!("sem.{name}-b")];
        for (check, moves) in [
            ("100000 moves, no deadlock", "100000"),
            ("1000000 moves, no deadlock", "1000000"),
        ] {
            if !moved {
                let max = points("ex05", check);
                self.record(check, max, fail(t!("grade-fail-skipped-not-moved")));
                continue;
            }
            let args = strings(&["--name", &name, "--moves", moves]);
            let watch = Observe {
                gate: true,
                hold: sems.clone(),
                ..observe()
            };
            let sems = sems.clone();
            self.check(
                check,
                &args,
                self.limit * DEADLOCK_FACTOR,
                watch,
                Stdin::Empty,
                |o| {
                    expect(o, 0, &want, |r| {
                        workers_and_held_locks(r, 2, &sems)?;
                        total_in_shared_memory(r, "total: ", &balances)
                    })
                },
            );
        }
    }

    fn ex06(&mut self) {
        let ready_check = "creates the three objects, then prints ready";
        let name = fresh("ex06");
        // The shared memory object, the named semaphore (its file in /dev/shm) and the queue.
        let wanted = [
            Object::ShmFile {
                name: name.clone(),
                size: 0,
            },
            Object::ShmFile {
                name: format!("sem.{name}"),
                size: 0,
            },
            Object::Queue { name: name.clone() },
        ];
        let same = |a: &Object, b: &Object| match (a, b) {
            (Object::ShmFile { name: a, .. }, Object::ShmFile { name: b, .. }) => a == b,
            (Object::Queue { name: a }, Object::Queue { name: b }) => a == b,
            _ => false,
        };
        // The wanted objects the snapshot holds, named in the chosen language.
        let present = |snap: Option<&Snapshot>| -> Vec<String> {
            let objects: &[Object] = snap.map_or(&[], |s| &s.objects);
            wanted
                .iter()
                .filter(|w| objects.iter().any(|o| same(o, w)))
                .map(object_text)
                .collect()
        };
        let all: Vec<String> = wanted.iter().map(object_text).collect();
        for (check, action) in [
            (
                "SIGTERM: removes all three and exits 0",
                Action::Signal(Signal::SIGTERM as i32),
            ),
            (
                "SIGINT: removes all three and exits 0",
                Action::Signal(Signal::SIGINT as i32),
            ),
            (
                "end of stdin: removes all three and exits 0",
                Action::CloseStdin,
            ),
        ] {
            let max = points("ex06", check);
            if self.hung {
                self.record(check, max, fail(t!("grade-fail-skipped-after-hang")));
                continue;
            }
            let limit = self.limit;
            let watch = Observe {
                on_line: vec![Trigger {
                    line: "ready".into(),
                    action,
                    then_ms: u64::try_from(limit.as_millis()).unwrap_or(u64::MAX),
                }],
                ..observe()
            };
            let outcome = self.runner.run(
                self.bin,
                &strings(&["--name", &name]),
                limit,
                watch,
                Stdin::HeldOpen,
            );
            let ready = write_of(&outcome.report, "ready")
                .filter(|(e, _)| outcome.report.process_of(e.task) == 0);
            // Ignoring the stop request is judged below; only a run that never got ready
            // counts as hung.
            self.hung |= ready.is_none() && outcome.timed_out();
            let not_ready = || match outcome.status_problem(0) {
                Some(problem) => fail(t!("grade-fail-never-ready", why = problem)),
                None => fail(t!("grade-fail-exited-before-ready")),
            };
            let at_ready = ready.map(|(_, snap)| present(snap)).unwrap_or_default();
            if matches!(action, Action::Signal(s) if s == Signal::SIGTERM as i32) {
                let verdict = if ready.is_none() {
                    not_ready()
                } else if at_ready.len() < 3 {
                    let missing: Vec<&str> = all
                        .iter()
                        .filter(|w| !at_ready.contains(w))
                        .map(String::as_str)
                        .collect();
                    fail(t!(
                        "grade-fail-missing-at-ready",
                        objects = missing.join(", ")
                    ))
                } else {
                    ok()
                };
                self.record(ready_check, points("ex06", ready_check), verdict);
            }
            let verdict = if ready.is_none() {
                not_ready()
            } else {
                let cleaned = write_of(&outcome.report, "cleaned up");
                let base = match outcome.status_problem(0) {
                    Some(_) if outcome.timed_out() => fail(match action {
                        Action::Signal(s) => t!(
                            "grade-fail-still-running-after-signal",
                            seconds = limit.as_secs_f64(),
                            signal = Signal::try_from(s)
                                .map_or_else(|_| s.to_string(), |s| s.as_str().to_string())
                        ),
                        Action::CloseStdin => t!(
                            "grade-fail-still-running-after-stdin",
                            seconds = limit.as_secs_f64()
                        ),
                    }),
                    Some(problem) => fail(problem),
                    None if cleaned.is_none() => fail(t!("grade-fail-no-cleaned-up")),
                    None if at_ready.len() < 3 => fail(t!("grade-fail-nothing-to-clean")),
                    None => {
                        let still = present(cleaned.and_then(|(_, s)| s));
                        if still.is_empty() {
                            ok()
                        } else {
                            fail(t!("grade-fail-still-there", objects = still.join(", ")))
                        }
                    }
                };
                with_leaks(base, &outcome)
            };
            self.record(check, max, verdict);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ipc_sandbox::End;
    use ipc_text::{Lang, with_lang};

    fn leaking(objects: &[Object]) -> Outcome {
        Outcome {
            end: End::Exited(0),
            stdout: String::new(),
            stderr: String::new(),
            leaked: objects.iter().map(object_text).collect(),
            report: Report::default(),
        }
    }

    /// A check's message follows the chosen language, counts take their plural form, and
    /// quoted output, names and numbers stay as they are.
    #[test]
    fn failures_are_told_in_the_chosen_language() {
        let vi = Lang::from_code("vi").expect("Vietnamese is listed");
        let want = strings(&["B received: hi", "A received: ack 2"]);
        let shm = [Object::ShmFile {
            name: "grade-ex02-1".into(),
            size: 4096,
        }];
        let still_running = |seconds: f64| {
            t!(
                "grade-fail-still-running-after-signal",
                seconds = seconds,
                signal = "SIGTERM"
            )
        };
        with_lang(Lang::EN, || {
            assert_eq!(forked_text(1, 2), "A forked 1 child process, not 2");
            assert_eq!(forked_text(3, 2), "A forked 3 child processes, not 2");
            assert_eq!(
                same_lines("B received: hi\n", &want).unwrap_err(),
                "the output has 1 line; line 2 should be `A received: ack 2`"
            );
            assert_eq!(
                same_lines("", &want).unwrap_err(),
                "the output has 0 lines; line 1 should be `B received: hi`"
            );
            assert!(still_running(8.0).starts_with("still running 8 s after SIGTERM "));
            assert!(still_running(0.5).starts_with("still running 0.5 s after SIGTERM "));
            let (points, why) = with_leaks(ok(), &leaking(&shm));
            assert!(points == Fraction::Half);
            assert_eq!(
                why,
                "left behind: POSIX shared-memory object /grade-ex02-1 (removed by the grader; \
                 remove what you create, also on errors)"
            );
        });
        with_lang(vi, || {
            assert_eq!(
                forked_text(3, 2),
                "A đã fork 3 tiến trình con, không phải 2"
            );
            assert_eq!(
                same_lines("B received: ho\nA received: ack 2\n", &want).unwrap_err(),
                "dòng 1 của kết quả in ra: dự kiến `B received: hi`, nhận được `B received: ho`"
            );
            let (_, why) = with_leaks(fail(t!("grade-fail-a-did-not-wait")), &leaking(&shm));
            assert_eq!(
                why,
                "A in dòng của mình khi chưa chờ B kết thúc (hãy gọi waitpid với pid của B \
                 trước); còn sót lại: object shared memory POSIX /grade-ex02-1 (trình chấm đã \
                 xóa; hãy xóa những gì bạn tạo ra, kể cả khi gặp lỗi)"
            );
        });
    }
}
