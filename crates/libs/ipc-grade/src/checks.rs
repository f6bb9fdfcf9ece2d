//! The checks of each exercise. They live here, in the grader, so a student cannot edit
//! them: each runs the built binary from outside and judges what a user would see (output,
//! exit status, signals) and what the run left behind.

use std::path::Path;
use std::time::Duration;

use ipc_core::ObjectName;
use nix::sys::signal::Signal;

use super::runner::{self, Names, Outcome, Running};

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
    let left = format!(
        "left behind: {} (removed by the grader; remove what you create, also on errors)",
        outcome.leaked.join(", ")
    );
    match verdict.0 {
        Fraction::All => (Fraction::Half, left),
        _ => (verdict.0, format!("{}; {left}", verdict.1)),
    }
}

/// Exit status `code` and, when given, exactly these stdout lines.
fn expect(outcome: &Outcome, code: i32, lines: Option<&[String]>) -> Verdict {
    let verdict = match outcome.status_problem(code) {
        Some(problem) => fail(problem),
        None => match lines {
            Some(want) => same_lines(&outcome.stdout, want),
            None => ok(),
        },
    };
    with_leaks(verdict, outcome)
}

fn same_lines(stdout: &str, want: &[String]) -> Verdict {
    let got: Vec<&str> = stdout.lines().map(str::trim_end).collect();
    for (i, line) in want.iter().enumerate() {
        match got.get(i) {
            Some(g) if g == line => {}
            Some(g) => {
                return fail(format!(
                    "line {} of the output: expected `{}`, got `{}`",
                    i + 1,
                    runner::shorten(line, 80),
                    runner::shorten(g, 80)
                ));
            }
            None => {
                return fail(format!(
                    "the output has {} line(s); line {} should be `{}`",
                    got.len(),
                    i + 1,
                    runner::shorten(line, 80)
                ));
            }
        }
    }
    if got.len() > want.len() {
        return fail(format!(
            "unexpected extra output: `{}`",
            runner::shorten(got[want.len()], 80)
        ));
    }
    ok()
}

/// A refusal: exit status 1, something on stderr, and the work not done.
fn expect_refusal(outcome: &Outcome, must_not_print: &str) -> Verdict {
    let verdict = match outcome.status_problem(1) {
        Some(problem) => fail(problem),
        None if outcome.stderr.trim().is_empty() => {
            fail("exit status 1 but nothing on stderr: say what is wrong in one line")
        }
        None if outcome.stdout.contains(must_not_print) => {
            fail(format!("refused, but printed `{must_not_print}…` first"))
        }
        None => ok(),
    };
    with_leaks(verdict, outcome)
}

/// Runs the checks of one exercise and reports each as it completes.
pub struct Checker<'a> {
    exercise: &'static str,
    bin: &'a Path,
    results: Vec<CheckResult>,
    progress: &'a mut dyn FnMut(&CheckResult),
    /// Set once a run of this exercise hung: later checks are skipped, so a hanging
    /// submission costs one timeout, not one per check.
    hung: bool,
    /// The time limit of an ordinary run.
    limit: Duration,
}

impl<'a> Checker<'a> {
    pub fn new(
        exercise: &'static str,
        bin: &'a Path,
        progress: &'a mut dyn FnMut(&CheckResult),
        limit: Duration,
    ) -> Self {
        Checker {
            exercise,
            bin,
            results: Vec::new(),
            progress,
            hung: false,
            limit,
        }
    }

    pub fn finish(self) -> Vec<CheckResult> {
        self.results
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
        max: u32,
        args: &[String],
        names: Names,
        limit: Duration,
        judge: impl FnOnce(&Outcome) -> Verdict,
    ) {
        if self.hung {
            return self.record(
                name,
                max,
                fail("skipped: an earlier run of this exercise hung"),
            );
        }
        let verdict = match runner::run(self.bin, args, names, limit) {
            Ok(outcome) => {
                self.hung |= outcome.status.is_none();
                judge(&outcome)
            }
            Err(e) => fail(format!("could not start {}: {e}", self.bin.display())),
        };
        self.record(name, max, verdict);
    }

    /// Records the same failure for every check of an exercise that could not be built.
    /// The first check carries the whole explanation, the others its first line.
    pub fn all_fail(&mut self, why: &str) {
        let first = why.lines().next().unwrap_or("build failed");
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
        .map(|(_, p)| p)
        .unwrap_or(0)
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// A fresh name for one run: unique, and the tag the leak sweep looks for.
fn fresh() -> String {
    ipc_core::unique::unique_name("ipclab-grade")
}

fn tagged(tag: &str) -> Names {
    Names {
        tag: Some(tag.to_string()),
        queues: Vec::new(),
    }
}

fn parent_child_lines(message: &str) -> Vec<String> {
    vec![
        format!("B received: {message}"),
        format!("A received: ack {}", message.len()),
    ]
}

impl Checker<'_> {
    fn ex01_ex02(&mut self, posix: bool) {
        let ex = self.exercise;
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
            |this: &mut Self, (name, message, size): (&str, Option<String>, Option<usize>)| {
                let tag = fresh();
                let mut args = Vec::new();
                if posix {
                    args.extend(strings(&["--name", &tag]));
                }
                if let Some(m) = &message {
                    args.extend(strings(&["--message", m]));
                }
                if let Some(s) = size {
                    args.extend(strings(&["--size", &s.to_string()]));
                }
                let want = parent_child_lines(message.as_deref().unwrap_or("hello from A"));
                this.check(
                    name,
                    points(ex, name),
                    &args,
                    tagged(&tag),
                    this.limit,
                    |o| expect(o, 0, Some(&want)),
                );
            };
        let [default, short, utf8, exact, large] = cases;
        run_case(self, default);
        run_case(self, short);
        run_case(self, utf8);
        run_case(self, exact);
        let tag = fresh();
        let mut args = strings(&["--message", &"x".repeat(40), "--size", "16"]);
        if posix {
            args.extend(strings(&["--name", &tag]));
        }
        let name = "message too long is refused";
        self.check(
            name,
            points(ex, name),
            &args,
            tagged(&tag),
            self.limit,
            |o| expect_refusal(o, "B received"),
        );
        run_case(self, large);
    }

    fn ex03(&mut self) {
        let ex = self.exercise;
        let cases: [(&str, &[u32]); 3] = [
            ("default priorities", &[1, 5, 3, 9, 2]),
            ("equal priorities keep their order", &[2, 7, 2, 7, 0, 7]),
            ("ten messages", &[3, 0, 9, 4, 9, 1, 8, 2, 7, 5]),
        ];
        for (i, (name, priorities)) in cases.into_iter().enumerate() {
            let queue = queue_name();
            let mut args = strings(&["--name", queue.as_str()]);
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
            let names = Names {
                tag: None,
                queues: vec![queue],
            };
            self.check(name, points(ex, name), &args, names, self.limit, |o| {
                expect(o, 0, Some(&want))
            });
        }
        let queue = queue_name();
        let args = strings(&[
            "--name",
            queue.as_str(),
            "--priorities",
            "1,2,3,4,5,6,7,8,9,10,11",
        ]);
        let names = Names {
            tag: None,
            queues: vec![queue],
        };
        let name = "eleven messages are refused";
        self.check(name, points(ex, name), &args, names, self.limit, |o| {
            expect_refusal(o, "priority")
        });
    }

    fn ex04(&mut self) {
        let ex = self.exercise;
        for (name, k, m, limit) in [
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
            let tag = fresh();
            let args = strings(&[
                "--name",
                &tag,
                "--processes",
                &k.to_string(),
                "--count",
                &m.to_string(),
            ]);
            let want = vec![format!("total: {}", k * m)];
            self.check(name, points(ex, name), &args, tagged(&tag), limit, |o| {
                expect(o, 0, Some(&want))
            });
        }
        for (name, k) in [
            ("0 processes are refused", "0"),
            ("17 processes are refused", "17"),
        ] {
            let tag = fresh();
            let args = strings(&["--name", &tag, "--processes", k, "--count", "10"]);
            self.check(
                name,
                points(ex, name),
                &args,
                tagged(&tag),
                self.limit,
                |o| expect_refusal(o, "total"),
            );
        }
    }

    fn ex05(&mut self) {
        let ex = self.exercise;
        for (name, moves) in [
            ("1000 moves", "1000"),
            ("100000 moves, no deadlock", "100000"),
            ("1000000 moves, no deadlock", "1000000"),
        ] {
            let tag = fresh();
            let args = strings(&["--name", &tag, "--moves", moves]);
            let want = vec!["total: 200000000".to_string()];
            self.check(
                name,
                points(ex, name),
                &args,
                tagged(&tag),
                self.limit * DEADLOCK_FACTOR,
                |o| expect(o, 0, Some(&want)),
            );
        }
    }

    fn ex06(&mut self) {
        let ex = self.exercise;
        let ready_name = "creates the three objects, then prints ready";
        for (name, stop) in [
            (
                "SIGTERM: removes all three and exits 0",
                Stop::Signal(Signal::SIGTERM),
            ),
            (
                "SIGINT: removes all three and exits 0",
                Stop::Signal(Signal::SIGINT),
            ),
            (
                "end of stdin: removes all three and exits 0",
                Stop::EndOfInput,
            ),
        ] {
            if self.hung {
                self.record(
                    name,
                    points(ex, name),
                    fail("skipped: an earlier run of this exercise hung"),
                );
                continue;
            }
            let tag = fresh();
            let queue = ObjectName::parse_mq(&format!("/{tag}")).expect("valid name");
            let names = Names {
                tag: Some(tag.clone()),
                queues: vec![queue.clone()],
            };
            let mut running = match Running::start(self.bin, &strings(&["--name", &tag]), names) {
                Ok(r) => r,
                Err(e) => {
                    self.record(
                        name,
                        points(ex, name),
                        fail(format!("could not start: {e}")),
                    );
                    continue;
                }
            };
            let ready = running.wait_for_line("ready", self.limit);
            let present = if ready {
                objects_present(&tag, &queue)
            } else {
                Vec::new()
            };
            if ready {
                match stop {
                    Stop::Signal(s) => running.signal(s),
                    Stop::EndOfInput => running.close_stdin(),
                }
            }
            let outcome = running.finish(self.limit);
            // Ignoring the stop request is judged below; only a run that never got ready
            // counts as hung.
            self.hung |= !ready && outcome.status.is_none();
            let not_ready = || match outcome.status_problem(0) {
                Some(problem) => fail(format!("never printed `ready`: {problem}")),
                None => fail("exited without printing `ready`"),
            };
            if stop == Stop::Signal(Signal::SIGTERM) {
                let verdict = if !ready {
                    not_ready()
                } else if present.len() < 3 {
                    let missing: Vec<&str> = ["shm object", "semaphore", "queue"]
                        .into_iter()
                        .filter(|w| !present.contains(w))
                        .collect();
                    fail(format!("after `ready`, missing: {}", missing.join(", ")))
                } else {
                    ok()
                };
                self.record(ready_name, points(ex, ready_name), verdict);
            }
            let verdict = if !ready {
                not_ready()
            } else {
                let base = match outcome.status_problem(0) {
                    Some(_) if outcome.status.is_none() => fail(format!(
                        "{} (killed): clean up and exit when asked",
                        stop.describe(self.limit)
                    )),
                    Some(problem) => fail(problem),
                    None if !outcome.stdout.contains("cleaned up") => {
                        fail("exited 0 but did not print `cleaned up`")
                    }
                    None => ok(),
                };
                with_leaks(base, &outcome)
            };
            self.record(name, points(ex, name), verdict);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    Signal(Signal),
    EndOfInput,
}

impl Stop {
    fn describe(self, limit: Duration) -> String {
        let secs = limit.as_secs_f64();
        match self {
            Stop::Signal(s) => format!("still running {secs} s after {}", s.as_str()),
            Stop::EndOfInput => format!("still running {secs} s after stdin closed"),
        }
    }
}

fn queue_name() -> ObjectName {
    ObjectName::parse_mq(&format!("/{}", fresh())).expect("valid queue name")
}

/// Which of ex06's three objects exist right now.
fn objects_present(tag: &str, queue: &ObjectName) -> Vec<&'static str> {
    let mut present = Vec::new();
    if Path::new(&format!("/dev/shm/{tag}")).exists() {
        present.push("shm object");
    }
    if Path::new(&format!("/dev/shm/sem.{tag}")).exists() {
        present.push("semaphore");
    }
    if ipc_core::mq::exists(queue) {
        present.push("queue");
    }
    present
}
