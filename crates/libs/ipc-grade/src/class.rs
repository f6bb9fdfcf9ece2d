//! `ipc-lab grade --class DIR`: every subdirectory of DIR graded as one submission, several
//! at once, into a gradebook (CSV) and one JSON report per submission.
//!
//! Each submission is graded by a child grader (this program again: `grade --submission
//! SUB --format json --output REPORT`), in its own process group, so whatever a submission
//! does to its grader (crash it, hang it) costs that submission's row only. This process is
//! the child subreaper of everything below it: a process that escapes its grader (a
//! `setsid()` daemon, a run left by a grader that died) comes back here and is killed.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::io::{IsTerminal, Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ipc_support::{IpcError, Result};
use ipc_text::t;
use nix::sys::signal::{Signal, kill, killpg};
use nix::unistd::Pid;

use super::gradebook::{self, Row};
use super::output;
use super::report::{ExerciseStatus, Grade};
use super::safe_text::one_line;

/// What `--class` was asked to do.
pub struct Options {
    pub dir: PathBuf,
    pub exercises: Vec<(&'static str, &'static str)>,
    pub jobs: Option<u32>,
    pub output: Option<PathBuf>,
    pub reports: Option<PathBuf>,
    pub limit: Duration,
    pub submission_limit: Option<Duration>,
    pub isolation: ipc_sandbox::Isolation,
}

/// Lines of a child grader's stderr kept to explain how it ended.
const KEEP_LINES: usize = 8;
/// How long a stopped child grader gets to remove what its run made before it is killed.
const GRACE: Duration = Duration::from_secs(3);

/// One submission to grade.
struct Submission {
    /// The subdirectory's name, as the gradebook shows it.
    name: String,
    path: PathBuf,
    report: PathBuf,
}

/// What the progress line shows about the submissions being graded now.
#[derive(Default)]
struct Board {
    /// Per worker: the submission it grades and what its grader said last.
    current: Vec<Option<(String, String)>>,
    done: usize,
    /// Set when a row is finished or a worker starts one: a line is due.
    changed: bool,
}

pub fn run(opts: &Options) -> Result<()> {
    let gradebook_path = opts
        .output
        .clone()
        .ok_or_else(|| IpcError::refused("--class", t!("grade-class-needs-output")))?;
    let class_dir = opts
        .dir
        .canonicalize()
        .map_err(|e| IpcError::refused(format!("--class {}", shown(&opts.dir)), e.to_string()))?;
    if !class_dir.is_dir() {
        return Err(IpcError::refused(
            format!("--class {}", shown(&opts.dir)),
            t!("grade-class-not-a-directory"),
        ));
    }
    let reports_dir = opts
        .reports
        .clone()
        .unwrap_or_else(|| default_reports_dir(&gradebook_path));
    output::check_writable_file("--output", &gradebook_path)?;
    output::prepare_writable_dir("--reports", &reports_dir)?;

    let submissions = list_submissions(&class_dir, &reports_dir)?;
    let exe = std::env::current_exe()
        .map_err(|e| IpcError::refused(t!("grade-finding-own-program"), e.to_string()))?;
    // How the runs will be isolated, learnt once here: `--isolation required` that cannot be
    // met is refused before any submission is graded, and every child grader is held to what
    // was found (namespaces found are then required: no child falls back without them).
    let runner = crate::default_runner(opts.isolation)?;
    ipc_support::warn(&crate::isolation_line(&runner)?);
    let child_isolation = if runner.namespaced() {
        "required"
    } else {
        "none"
    };
    let jobs = opts
        .jobs
        .map(|j| j as usize)
        .unwrap_or_else(crate::cpus)
        .min(submissions.len().max(1));
    let whole_limit = opts.submission_limit.unwrap_or_else(|| {
        Duration::from_secs(600)
            + opts.limit * 10 * u32::try_from(opts.exercises.len()).unwrap_or(u32::MAX)
    });

    // Orphans of the child graders are reparented here (and killed), not to init.
    let _ = nix::sys::prctl::set_child_subreaper(true);
    ipc_support::interrupt::install()?;

    let start = Instant::now();
    let total = submissions.len();
    let queue: Mutex<VecDeque<usize>> = Mutex::new((0..total).collect());
    let rows: Mutex<Vec<Option<Row>>> = Mutex::new(vec![None; total]);
    let board = Mutex::new(Board {
        current: vec![None; jobs],
        ..Board::default()
    });
    let graders: Mutex<HashSet<u32>> = Mutex::new(HashSet::new());
    let job = Job {
        exe: &exe,
        isolation: child_isolation,
        exercises: &opts.exercises,
        limit: opts.limit,
        whole_limit,
        graders: &graders,
    };

    std::thread::scope(|scope| {
        for worker in 0..jobs {
            let (queue, rows, board, job, submissions) =
                (&queue, &rows, &board, &job, &submissions);
            scope.spawn(move || {
                loop {
                    let next = queue.lock().unwrap().pop_front();
                    let Some(i) = next else { break };
                    let sub = &submissions[i];
                    let row = if ipc_support::interrupt::received().is_some() {
                        Row::not_graded(&sub.name, &t!("grade-class-interrupted-before-its-turn"))
                    } else {
                        {
                            let mut b = board.lock().unwrap();
                            b.current[worker] =
                                Some((sub.name.clone(), t!("grade-class-phase-starting")));
                            b.changed = true;
                        }
                        job.grade(sub, &mut |phase| {
                            if let Some((_, p)) = &mut board.lock().unwrap().current[worker] {
                                *p = phase;
                            }
                        })
                    };
                    // Whatever escaped this submission's grader goes now, before the next.
                    sweep_orphans(job.graders);
                    rows.lock().unwrap()[i] = Some(row);
                    let mut b = board.lock().unwrap();
                    b.current[worker] = None;
                    b.done += 1;
                    b.changed = true;
                }
            });
        }
        show_progress(&board, total, start);
    });
    sweep_orphans(&graders);

    let rows: Vec<Row> = rows.into_inner().unwrap().into_iter().flatten().collect();
    super::build::write_atomically(&gradebook_path, gradebook::csv(&rows).as_bytes())?;
    let graded = rows.iter().filter(|r| !r.scores.is_empty()).count();
    println!(
        "{}",
        t!(
            "grade-class-summary",
            gradebook = shown(&gradebook_path),
            count = rows.len(),
            graded = graded,
            seconds = format!("{:.0}", start.elapsed().as_secs_f64()),
            reports = shown(&reports_dir)
        )
    );
    if let Some(signal) = ipc_support::interrupt::received() {
        return Err(IpcError::interrupted(t!("grade-class-grading"), signal));
    }
    Ok(())
}

/// `grades.csv` → `grades-reports/` beside it.
fn default_reports_dir(gradebook: &Path) -> PathBuf {
    let stem = gradebook
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "gradebook".into());
    output::folder_of(gradebook).join(format!("{stem}-reports"))
}

fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}

/// The subdirectories of the class, by name; hidden ones and the reports folder skipped.
fn list_submissions(class_dir: &Path, reports_dir: &Path) -> Result<Vec<Submission>> {
    let refuse = |e: std::io::Error| {
        IpcError::refused(format!("--class {}", shown(class_dir)), e.to_string())
    };
    let reports = reports_dir.canonicalize().ok();
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(class_dir).map_err(refuse)? {
        let entry = entry.map_err(refuse)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if name.starts_with('.') || !path.is_dir() {
            continue;
        }
        if reports.is_some() && path.canonicalize().ok() == reports {
            continue;
        }
        found.push((name, path));
    }
    if found.is_empty() {
        return Err(IpcError::refused(
            format!("--class {}", shown(class_dir)),
            t!("grade-class-no-subdirectory"),
        ));
    }
    found.sort();
    let names: Vec<String> = found.iter().map(|(n, _)| n.clone()).collect();
    let files = gradebook::report_names(&names);
    Ok(found
        .into_iter()
        .zip(files)
        .map(|((name, path), file)| Submission {
            name,
            path,
            report: reports_dir.join(file),
        })
        .collect())
}

/// What every worker shares to grade one submission.
struct Job<'a> {
    exe: &'a Path,
    /// `--isolation` for every child grader, from what the class's probe found.
    isolation: &'static str,
    exercises: &'a [(&'static str, &'static str)],
    limit: Duration,
    whole_limit: Duration,
    /// The child graders alive now (never taken for orphans).
    graders: &'a Mutex<HashSet<u32>>,
}

/// How a child grader ended.
enum Ended {
    Exited(std::process::ExitStatus),
    /// Stopped at --submission-limit.
    TookTooLong,
    Interrupted,
    Lost(std::io::Error),
}

impl Job<'_> {
    fn grade(&self, sub: &Submission, phase: &mut dyn FnMut(String)) -> Row {
        // A link in the class folder (bob -> alice, or to the solutions) is not a student's
        // own folder.
        if std::fs::symlink_metadata(&sub.path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Row::not_graded(&sub.name, &t!("grade-class-symlink"));
        }
        let dir = match super::submission_dir(false, Some(&sub.path)) {
            Ok(dir) => dir,
            Err(e) => return Row::not_graded(&sub.name, &e.to_string()),
        };
        if !super::holds_any(&dir, self.exercises) {
            let wanted: Vec<String> = self
                .exercises
                .iter()
                .map(|(n, _)| format!("{n}.rs"))
                .collect();
            return Row::not_graded(
                &sub.name,
                &t!("grade-class-no-exercise-file", files = wanted.join(", ")),
            );
        }
        // A report left by an earlier grading must not pass for this one's.
        let _ = std::fs::remove_file(&sub.report);
        let mut cmd = Command::new(self.exe);
        cmd.arg("grade")
            .arg("--submission")
            .arg(&sub.path)
            // The child grader words its report and its errors (the row's reason) in the
            // language chosen here, whether by --lang or by the environment.
            .args(["--lang", ipc_text::lang().code()])
            // One exercise at a time: the class already keeps every CPU busy, and a run's
            // time limit must not shrink with a second run beside it.
            .args([
                "--jobs",
                "1",
                "--format",
                "json",
                "--min-score",
                "0",
                "--time-limit",
            ])
            .arg(self.limit.as_secs_f64().to_string())
            .args(["--isolation", self.isolation])
            .arg("--output")
            .arg(&sub.report)
            .args(self.exercises.iter().map(|(n, _)| *n))
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = {
            // Registered before the sweeper can see it as an orphan.
            let mut graders = self.graders.lock().unwrap();
            match cmd.spawn() {
                Ok(child) => {
                    graders.insert(child.id());
                    child
                }
                Err(e) => {
                    return Row::not_graded(
                        &sub.name,
                        &t!("grade-class-cannot-start", why = e.to_string()),
                    );
                }
            }
        };
        let said = Arc::new(Mutex::new((
            VecDeque::new(),
            t!("grade-class-phase-building"),
        )));
        let reader = {
            let said = Arc::clone(&said);
            let stderr = child.stderr.take().expect("piped");
            std::thread::spawn(move || read_lines(stderr, &said))
        };
        let deadline = Instant::now() + self.whole_limit;
        let ended = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ended::Exited(status),
                Ok(None) => {}
                Err(e) => break Ended::Lost(e),
            }
            if ipc_support::interrupt::received().is_some() {
                stop(&mut child);
                break Ended::Interrupted;
            }
            if Instant::now() >= deadline {
                stop(&mut child);
                break Ended::TookTooLong;
            }
            phase(said.lock().unwrap().1.clone());
            std::thread::sleep(Duration::from_millis(50));
        };
        self.graders.lock().unwrap().remove(&child.id());
        // The stderr pipe may be held by an escaped process: do not wait for it long.
        let reader_deadline = Instant::now() + Duration::from_secs(2);
        while !reader.is_finished() && Instant::now() < reader_deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let last_line = said.lock().unwrap().0.back().cloned().unwrap_or_default();
        match ended {
            Ended::TookTooLong => Row::not_graded(
                &sub.name,
                &t!(
                    "grade-class-took-too-long",
                    seconds = self.whole_limit.as_secs_f64().to_string()
                ),
            ),
            Ended::Interrupted => Row::not_graded(&sub.name, &t!("grade-class-interrupted")),
            Ended::Lost(e) => Row::not_graded(
                &sub.name,
                &t!("grade-class-lost-its-grader", why = e.to_string()),
            ),
            Ended::Exited(status) => match (status.code(), status.signal()) {
                (Some(0), _) => row_from_report(&sub.name, &sub.report),
                (_, Some(sig)) => Row::not_graded(
                    &sub.name,
                    &t!(
                        "grade-class-grader-crashed",
                        signal = Signal::try_from(sig)
                            .map_or_else(|_| sig.to_string(), |s| s.as_str().to_string())
                    ),
                ),
                (code, _) => {
                    let why = last_line.strip_prefix("ipc-lab: ").unwrap_or(&last_line);
                    let why = if why.is_empty() {
                        t!("grade-class-grader-ended", status = code.unwrap_or(-1))
                    } else {
                        why.to_string()
                    };
                    Row::not_graded(&sub.name, &why)
                }
            },
        }
    }
}

/// The row of a submission whose grader finished: points per exercise and the status.
fn row_from_report(name: &str, report: &Path) -> Row {
    let grade: Grade = match std::fs::read(report)
        .map_err(|e| e.to_string())
        .and_then(|bytes| serde_json::from_slice(&bytes).map_err(|e| e.to_string()))
    {
        Ok(grade) => grade,
        Err(e) => {
            return Row::not_graded(name, &t!("grade-class-report-unreadable", why = e));
        }
    };
    let mut scores = BTreeMap::new();
    let mut problems: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for e in &grade.exercises {
        scores.insert(e.name.clone(), e.score);
        let kind = match e.status {
            ExerciseStatus::Graded => continue,
            ExerciseStatus::BuildFailed => "build failed",
            ExerciseStatus::TimedOut => "timed out",
            ExerciseStatus::Missing => "missing",
        };
        problems.entry(kind).or_default().push(match e.status {
            ExerciseStatus::Missing => format!("{}.rs", e.name),
            _ => e.name.clone(),
        });
    }
    let status = if problems.is_empty() {
        "ok".to_string()
    } else {
        problems
            .iter()
            .map(|(kind, names)| format!("{kind}: {}", names.join(", ")))
            .collect::<Vec<_>>()
            .join("; ")
    };
    Row {
        name: name.to_string(),
        scores,
        status,
    }
}

/// Reads a child grader's stderr in bounded pieces: its last lines (for the row's reason)
/// and the exercise it is on (for the progress line).
fn read_lines(mut from: impl Read, said: &Mutex<(VecDeque<String>, String)>) {
    let mut buf = [0u8; 8192];
    let mut line = Vec::new();
    let take = |line: &[u8]| {
        let text = String::from_utf8_lossy(line).trim_end().to_string();
        if text.is_empty() {
            return;
        }
        let mut said = said.lock().unwrap();
        if let Some((name, _)) = super::EXERCISES
            .iter()
            .find(|(n, _)| text.starts_with(&format!("{n}  ")))
        {
            said.1 = (*name).to_string();
        }
        said.0.push_back(text);
        if said.0.len() > KEEP_LINES {
            said.0.pop_front();
        }
    };
    loop {
        match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                for &b in &buf[..n] {
                    if b == b'\n' {
                        take(&line);
                        line.clear();
                    } else if line.len() < 1000 {
                        line.push(b);
                    }
                }
            }
        }
    }
    take(&line);
}

/// Stops a child grader: SIGTERM (it removes what its run made), then after a grace
/// period SIGKILL to it and to every process below it.
fn stop(child: &mut Child) {
    let pid = Pid::from_raw(i32::try_from(child.id()).unwrap_or(i32::MAX));
    let _ = kill(pid, Signal::SIGTERM);
    let until = Instant::now() + GRACE;
    while Instant::now() < until {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // The processes below it, found while it still holds them as its descendants.
    for below in descendants(child.id()) {
        kill_with_group(below);
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// SIGKILL to `pid` and, when it leads a group of its own, to that group.
fn kill_with_group(pid: u32) {
    let p = Pid::from_raw(i32::try_from(pid).unwrap_or(i32::MAX));
    if let Some(group) = process_table().get(&pid).map(|&(_, g)| g) {
        if group == pid && group != std::process::id() {
            let _ = killpg(p, Signal::SIGKILL);
        }
    }
    let _ = kill(p, Signal::SIGKILL);
}

/// Kills and reaps this process's children that are not child graders: processes that
/// escaped a grader and were reparented here. Repeated until none is left, since each one
/// killed hands its own children here.
fn sweep_orphans(graders: &Mutex<HashSet<u32>>) {
    let me = std::process::id();
    for _ in 0..100 {
        let graders = graders.lock().unwrap();
        let orphans: Vec<u32> = process_table()
            .into_iter()
            .filter(|&(pid, (parent, _))| parent == me && !graders.contains(&pid))
            .map(|(pid, _)| pid)
            .collect();
        if orphans.is_empty() {
            return;
        }
        for &pid in &orphans {
            kill_with_group(pid);
            let _ = nix::sys::wait::waitpid(
                Pid::from_raw(i32::try_from(pid).unwrap_or(i32::MAX)),
                None,
            );
        }
    }
}

/// Every process below `root`, from /proc.
fn descendants(root: u32) -> Vec<u32> {
    let table = process_table();
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for (&pid, &(parent, _)) in &table {
        children.entry(parent).or_default().push(pid);
    }
    let mut found = Vec::new();
    let mut todo = vec![root];
    while let Some(pid) = todo.pop() {
        for &child in children.get(&pid).into_iter().flatten() {
            found.push(child);
            todo.push(child);
        }
    }
    found
}

/// pid → (parent pid, process group) of every process, from /proc/PID/stat.
fn process_table() -> HashMap<u32, (u32, u32)> {
    let mut table = HashMap::new();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return table;
    };
    for entry in dir.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // Fields after the command name (which may hold spaces and parentheses).
        let Some(rest) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
            continue;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        if let (Some(parent), Some(group)) = (
            fields.get(1).and_then(|f| f.parse().ok()),
            fields.get(2).and_then(|f| f.parse().ok()),
        ) {
            table.insert(pid, (parent, group));
        }
    }
    table
}

/// The progress line on stderr, until every submission is done: rewritten in place on a terminal, one
/// line per change otherwise (a log or CI).
fn show_progress(board: &Mutex<Board>, total: usize, start: Instant) {
    let terminal = std::io::stderr().is_terminal();
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .unwrap_or(80)
        .saturating_sub(1)
        .max(20);
    let mut last_draw = Instant::now() - Duration::from_secs(10);
    loop {
        let (line, done) = {
            let mut b = board.lock().unwrap();
            let done = b.done == total;
            let due = b.changed || (terminal && last_draw.elapsed() >= Duration::from_millis(500));
            b.changed = false;
            (due.then(|| progress_line(&b, total, start.elapsed())), done)
        };
        if let Some(line) = line {
            let mut err = std::io::stderr().lock();
            if terminal {
                let cut: String = line.chars().take(width).collect();
                let _ = write!(err, "\r\x1b[K{cut}");
            } else {
                let _ = writeln!(err, "{line}");
            }
            last_draw = Instant::now();
        }
        if done {
            if terminal {
                let _ = write!(std::io::stderr(), "\r\x1b[K");
            }
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// `[12/100 1:05] grading alice (ex03), bob (building)`
fn progress_line(board: &Board, total: usize, elapsed: Duration) -> String {
    let secs = elapsed.as_secs();
    let current: Vec<String> = board
        .current
        .iter()
        .flatten()
        .map(|(name, phase)| format!("{} ({phase})", one_line(name)))
        .collect();
    let now = if current.is_empty() {
        String::new()
    } else {
        format!(
            " {}",
            t!(
                "grade-class-progress-grading",
                submissions = current.join(", ")
            )
        )
    };
    format!(
        "[{}/{total} {}:{:02}]{now}",
        board.done,
        secs / 60,
        secs % 60
    )
}
