//! `ipc-lab grade`: builds each exercise of a submission outside its tree, runs the
//! grader's own checks against it (several inputs, large inputs, exactness under load,
//! signals, nothing left behind), and reports the score for people or for a grading platform.

mod build;
mod checks;
mod class;
mod gradebook;
mod output;
mod report;
mod runner;
pub mod safe_text;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ipc_support::{IpcError, Result};
use ipc_text::t;

pub use build::{grade_dir, prepare, tag_of, workspace_root};
pub use ipc_sandbox::Isolation;
pub use report::{ExerciseGrade, ExerciseStatus, Grade, gradescope_not_graded};
pub use runner::Runner;

/// One exercise as info.toml lists it (the one list of exercises: rustlings reads it too).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Exercise {
    pub name: String,
    pub title: String,
    pub hint: String,
}

impl Exercise {
    /// The title in the current language: its translation (`exercise-NAME-title` in that
    /// language's Fluent files), else info.toml's English.
    pub fn shown_title(&self) -> String {
        ipc_text::translation(&format!("exercise-{}-title", self.name))
            .unwrap_or_else(|| self.title.clone())
    }

    /// The hint in the current language, as `shown_title` finds it.
    pub fn shown_hint(&self) -> String {
        ipc_text::translation(&format!("exercise-{}-hint", self.name))
            .unwrap_or_else(|| self.hint.trim().to_string())
    }
}

/// A check's name in the current language: its translation (`grade-check-EXERCISE-NAME`,
/// see `check_id`), else the English of the plan.
pub fn shown_check(exercise: &str, check: &str) -> String {
    ipc_text::translation(&check_id(exercise, check)).unwrap_or_else(|| check.to_string())
}

/// The id of a check's translated name: `grade-check-ex04-4-processes-x-1000000-exact`.
fn check_id(exercise: &str, check: &str) -> String {
    let mut slug = String::new();
    for c in check.chars().map(|c| c.to_ascii_lowercase()) {
        match c.is_ascii_alphanumeric() {
            true => slug.push(c),
            false if !slug.ends_with('-') => slug.push('-'),
            false => {}
        }
    }
    format!("grade-check-{exercise}-{}", slug.trim_end_matches('-'))
}

#[derive(serde::Deserialize)]
struct InfoFile {
    exercises: Vec<Exercise>,
}

/// info.toml, compiled in: the grader knows its exercises wherever it runs.
const INFO_TOML: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../info.toml"));

/// Every exercise in course order, from info.toml.
pub fn exercises() -> &'static [Exercise] {
    static LIST: std::sync::LazyLock<Vec<Exercise>> = std::sync::LazyLock::new(|| {
        toml::from_str::<InfoFile>(INFO_TOML)
            .map(|f| f.exercises)
            .unwrap_or_else(|e| panic!("info.toml, compiled into the grader, does not parse: {e}"))
    });
    &LIST
}

/// The exercises, in course order: name and one-line title.
pub static EXERCISES: std::sync::LazyLock<Vec<(&'static str, &'static str)>> =
    std::sync::LazyLock::new(|| {
        exercises()
            .iter()
            .map(|e| (e.name.as_str(), e.title.as_str()))
            .collect()
    });
/// How the result is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A line per check and the totals, for people.
    Human,
    /// The whole grade as JSON.
    Json,
    /// Gradescope's results.json.
    Gradescope,
    /// JUnit XML, one test case per check (CI systems read it).
    Junit,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(value_name = "EXERCISE")]
    exercises: Vec<String>,
    #[arg(long, conflicts_with = "submission")]
    solutions: bool,
    #[arg(long, value_name = "DIR", conflicts_with_all = ["submission", "solutions", "min_score", "format"])]
    class: Option<PathBuf>,
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    jobs: Option<u32>,
    #[arg(long, value_name = "DIR", requires = "class")]
    reports: Option<PathBuf>,
    #[arg(long, value_name = "SECONDS", requires = "class", value_parser = ipc_support::time::parse_seconds)]
    submission_limit: Option<Duration>,
    #[arg(long, value_name = "DIR")]
    submission: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    #[arg(long, value_name = "POINTS")]
    min_score: Option<u32>,
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[arg(long, value_name = "SECONDS", default_value = "5", value_parser = ipc_support::time::parse_seconds)]
    time_limit: Duration,
    #[arg(long, value_enum, default_value = "auto")]
    isolation: IsolationArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum IsolationArg {
    Auto,
    Required,
    None,
}

impl From<IsolationArg> for Isolation {
    fn from(arg: IsolationArg) -> Isolation {
        match arg {
            IsolationArg::Auto => Isolation::Auto,
            IsolationArg::Required => Isolation::Required,
            IsolationArg::None => Isolation::None,
        }
    }
}

/// The line saying how the runs will be isolated, from the runner's probe; the refusal when
/// the isolation asked for cannot be had.
pub(crate) fn isolation_line(runner: &Runner) -> Result<String> {
    runner.probe().map_err(|why| {
        IpcError::refused(t!("grade-isolating-the-runs"), why).hint(t!("grade-isolation-hint"))
    })
}

/// The runner of a grade started by this program: the sandbox's supervisor is this same
/// binary (see `ipc_sandbox::SUPERVISOR_ARG`).
pub fn default_runner(isolation: Isolation) -> Result<Runner> {
    let supervisor = std::env::current_exe()
        .map_err(|e| IpcError::refused(t!("grade-finding-own-program"), e.to_string()))?;
    Ok(Runner::new(supervisor, isolation))
}

/// The directory holding the exercise files to grade.
pub fn submission_dir(solutions: bool, submission: Option<&Path>) -> Result<PathBuf> {
    let dir = match (solutions, submission) {
        (true, _) => workspace_root().join("solutions"),
        (false, Some(dir)) => {
            let inner = dir.join("exercises");
            // Followed only when it stays inside the submission: `exercises` linked to the
            // grader's solutions or a classmate's folder is not the student's work.
            if let (Ok(real), Ok(top)) = (inner.canonicalize(), dir.canonicalize()) {
                if !real.starts_with(&top) {
                    return Err(IpcError::refused(
                        t!("grade-submission-named", path = shown(dir)),
                        t!("grade-exercises-leads-out", path = shown(&real)),
                    ));
                }
            }
            if inner.is_dir() {
                inner
            } else {
                dir.to_path_buf()
            }
        }
        (false, None) => workspace_root().join("exercises"),
    };
    dir.canonicalize().map_err(|e| {
        IpcError::refused(
            t!("grade-submission-named", path = shown(&dir)),
            e.to_string(),
        )
        .hint(t!("grade-submission-hint"))
    })
}

/// A path as it may be shown on one line of a terminal (its control characters escaped).
fn shown(path: &Path) -> String {
    safe_text::one_line(&path.display().to_string())
}

/// The points `exercises` are worth, known before any grading.
fn max_points(exercises: &[(&'static str, &'static str)]) -> u32 {
    exercises
        .iter()
        .flat_map(|(name, _)| checks::plan(name))
        .map(|(_, points)| points)
        .sum()
}

/// True when `dir` holds the file of at least one of `exercises`.
fn holds_any(dir: &Path, exercises: &[(&'static str, &'static str)]) -> bool {
    exercises
        .iter()
        .any(|(n, _)| dir.join(format!("{n}.rs")).is_file())
}

/// The advice after a score below the bar: the hint of the first exercise that lost points.
fn hint_for(grade: &Grade) -> String {
    match grade.exercises.iter().find(|e| e.score < e.max_score) {
        Some(e) => t!("grade-hint-for", exercise = e.name),
        None => t!("grade-hint-any"),
    }
}

/// Checks exercise names given on the command line; none means all.
pub fn selected(names: &[String]) -> Result<Vec<(&'static str, &'static str)>> {
    if names.is_empty() {
        return Ok(EXERCISES.clone());
    }
    names
        .iter()
        .map(|n| {
            let wanted = n.trim_end_matches(".rs");
            EXERCISES
                .iter()
                .find(|(name, _)| *name == wanted)
                .copied()
                .ok_or_else(|| {
                    IpcError::refused(
                        t!("grade-exercise-named", name = n),
                        t!("grade-no-such-exercise"),
                    )
                })
        })
        .collect()
}

/// Where the last grade of one exercise of a submission directory is kept, for `ipc-lab
/// list`. One file per exercise, so grading ex02 does not forget the grade of ex01, and the
/// file's time is when that exercise was last graded.
pub fn last_result_path(dir: &Path, exercise: &str) -> PathBuf {
    grade_dir().join(format!("last-{}-{exercise}.json", tag_of(dir)))
}

/// Grades `exercises` of `dir`, calling `progress` after every check, with this
/// program as the sandbox's supervisor and the isolation the machine allows.
pub fn grade(
    dir: &Path,
    exercises: &[(&'static str, &'static str)],
    limit: Duration,
    progress: &mut dyn FnMut(&str),
) -> Result<Grade> {
    grade_with(
        &default_runner(Isolation::Auto)?,
        dir,
        exercises,
        limit,
        cpus(),
        progress,
    )
}

/// The CPUs this grader may use.
pub(crate) fn cpus() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// Grades `exercises` of `dir` with `runner`, calling `progress` after every check: up to
/// `jobs` exercises at once when each run has namespaces of its own (without them, runs
/// share the machine's IPC objects, and one exercise's live objects would count as another's
/// leftovers). The lines of each exercise come together and in course order.
pub fn grade_with(
    runner: &Runner,
    dir: &Path,
    exercises: &[(&'static str, &'static str)],
    limit: Duration,
    jobs: usize,
    progress: &mut dyn FnMut(&str),
) -> Result<Grade> {
    let start = Instant::now();
    let names: Vec<&str> = exercises.iter().map(|(n, _)| *n).collect();
    progress(&t!("grade-building", count = names.len(), dir = shown(dir)));
    progress(&isolation_line(runner)?);
    let built = build::build(runner, dir, &names)?;
    let jobs = if runner.namespaced() { jobs } else { 1 };
    let one = |index: usize, progress: &mut dyn FnMut(&str)| {
        let (name, title) = exercises[index];
        grade_exercise(runner, dir, name, title, built.get(name), limit, progress)
    };
    let mut grades = Vec::new();
    if jobs <= 1 || exercises.len() <= 1 {
        for index in 0..exercises.len() {
            grades.push(one(index, progress));
        }
    } else {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::scope(|scope| {
            for _ in 0..jobs.min(exercises.len()) {
                let done = done.clone();
                let (next, one) = (&next, &one);
                scope.spawn(move || {
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if index >= exercises.len() {
                            break;
                        }
                        let mut lines = Vec::new();
                        let grade = one(index, &mut |line: &str| lines.push(line.to_string()));
                        if done.send((index, lines, grade)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(done);
            // Shown in course order: an exercise waits for those before it.
            let mut waiting = BTreeMap::new();
            for (index, lines, grade) in finished {
                waiting.insert(index, (lines, grade));
                while let Some((lines, grade)) = waiting.remove(&grades.len()) {
                    for line in &lines {
                        progress(line);
                    }
                    grades.push(grade);
                }
            }
        });
    }
    Ok(Grade::new(
        dir.display().to_string(),
        grades,
        start.elapsed(),
    ))
}

/// Runs the checks of one exercise (or fails them all when it was not built).
fn grade_exercise(
    runner: &Runner,
    dir: &Path,
    name: &'static str,
    title: &'static str,
    built: Option<&build::Built>,
    limit: Duration,
    progress: &mut dyn FnMut(&str),
) -> report::ExerciseGrade {
    let shown_title = crate::exercises()
        .iter()
        .find(|e| e.name == name)
        .map_or_else(|| title.to_string(), Exercise::shown_title);
    progress(&format!("{name}  {shown_title}"));
    let mut print = |c: &checks::CheckResult| progress(&report::progress_line(name, c));
    let mut status = None;
    let results = match built {
        Some(build::Built::Binary(bin)) => {
            let mut checker = checks::Checker::new(name, bin, runner, &mut print, limit);
            checker.run_all();
            if checker.hung() {
                status = Some(ExerciseStatus::TimedOut);
            }
            checker.finish()
        }
        Some(build::Built::Failed(why)) => {
            status = Some(if dir.join(format!("{name}.rs")).is_file() {
                ExerciseStatus::BuildFailed
            } else {
                ExerciseStatus::Missing
            });
            let mut checker = checks::Checker::new(name, Path::new(""), runner, &mut print, limit);
            checker.all_fail(why);
            checker.finish()
        }
        None => Vec::new(),
    };
    let mut exercise = report::ExerciseGrade::new(name, title, &results);
    if let Some(status) = status {
        exercise.status = status;
    }
    progress(&format!(
        "{name}: {}/{}",
        exercise.score, exercise.max_score
    ));
    exercise
}

/// Grades one submission (or the solutions): the grade and the points it must reach.
fn graded(args: &Args, exercises: &[(&'static str, &'static str)]) -> Result<(Grade, u32)> {
    let dir = submission_dir(args.solutions, args.submission.as_deref())?;
    if !args.solutions && !holds_any(&dir, exercises) {
        return Err(IpcError::refused(
            t!("grade-submission-named", path = shown(&dir)),
            t!("grade-holds-none"),
        ));
    }
    // Refused before grading: a bar nobody can reach, or a result that could not be kept.
    let max_score = max_points(exercises);
    let needed = args.min_score.unwrap_or(max_score);
    if needed > max_score {
        return Err(IpcError::refused(
            format!("--min-score {needed}"),
            t!("grade-min-score-too-high", max = max_score),
        ));
    }
    if let Some(path) = &args.output {
        output::check_writable_file("--output", path)?;
    }
    let human = args.format == Format::Human && args.output.is_none();
    let mut progress = |line: &str| {
        if human {
            println!("{line}");
        } else {
            // Progress only: a stderr that cannot be written (2>/dev/full) must not stop the
            // grade whose result goes to stdout or --output.
            ipc_support::warn(line);
        }
    };
    let runner = default_runner(args.isolation.into())?;
    let jobs = args.jobs.map_or_else(cpus, |j| j as usize);
    let grade = grade_with(
        &runner,
        &dir,
        exercises,
        args.time_limit,
        jobs,
        &mut progress,
    )?;
    // Kept for `ipc-lab list`; written whole (rename), so a reader never sees half of it,
    // and always (its time says when the exercise was graded).
    for exercise in &grade.exercises {
        if let Ok(json) = serde_json::to_vec(exercise) {
            let _ = build::write_atomically(&last_result_path(&dir, &exercise.name), &json);
        }
    }
    Ok((grade, needed))
}

pub fn run(args: Args) -> Result<()> {
    let exercises = selected(&args.exercises)?;
    if let Some(class_dir) = &args.class {
        return class::run(&class::Options {
            dir: class_dir.clone(),
            exercises,
            jobs: args.jobs,
            output: args.output.clone(),
            reports: args.reports.clone(),
            limit: args.time_limit,
            submission_limit: args.submission_limit,
            isolation: args.isolation.into(),
        });
    }
    let (grade, needed) = match graded(&args, &exercises) {
        Ok(graded) => graded,
        Err(e) => {
            // Gradescope shows the student only results.json: the reason goes there too.
            if let (Format::Gradescope, Some(path)) = (args.format, &args.output) {
                let why = t!("grade-gradescope-not-graded", why = e.to_string());
                let _ =
                    build::write_atomically(path, report::gradescope_not_graded(why).as_bytes());
            }
            return Err(e);
        }
    };
    let document = match args.format {
        Format::Human => {
            let seconds = format!("{:.1}", grade.elapsed_seconds);
            t!(
                "grade-total",
                score = grade.score,
                max = grade.max_score,
                seconds = seconds
            ) + "\n"
        }
        Format::Json => grade.json() + "\n",
        Format::Gradescope => grade.gradescope() + "\n",
        Format::Junit => grade.junit() + "\n",
    };
    match &args.output {
        Some(path) => build::write_atomically(path, document.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(document.as_bytes());
            let _ = out.flush();
        }
    }

    if grade.score < needed {
        return Err(IpcError::refused(
            t!("grade-score", score = grade.score, max = grade.max_score),
            t!("grade-below", needed = needed),
        )
        .hint(hint_for(&grade)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_toml_lists_every_exercise_with_a_title_a_hint_and_checks() {
        let names: Vec<&str> = exercises().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["ex01", "ex02", "ex03", "ex04", "ex05", "ex06"]);
        for e in exercises() {
            assert!(!e.title.trim().is_empty(), "{}: no title", e.name);
            assert!(!e.hint.trim().is_empty(), "{}: no hint", e.name);
            let points: u32 = checks::plan(&e.name).iter().map(|(_, p)| p).sum();
            assert_eq!(points, 10, "{}: the checks are worth {points}", e.name);
        }
    }

    /// Every language but English (whose title and hint are info.toml's) translates every
    /// exercise's title and hint, and translates no exercise info.toml does not list.
    #[test]
    fn every_language_translates_every_exercise_of_info_toml() {
        let catalog = ipc_text::catalog();
        let ids: Vec<String> = exercises()
            .iter()
            .flat_map(|e| ["title", "hint"].map(|part| format!("exercise-{}-{part}", e.name)))
            .collect();
        for code in catalog.codes() {
            let declared: Vec<&str> = catalog
                .declared(code)
                .iter()
                .map(|d| d.id.as_str())
                .collect();
            for id in &ids {
                let has = declared.contains(&id.as_str());
                match code == ipc_text::ENGLISH {
                    true => assert!(
                        !has,
                        "{id} is in locales/en: English lives in info.toml only"
                    ),
                    false => assert!(has, "{code} lacks {id}"),
                }
            }
            for id in declared.iter().filter(|d| d.starts_with("exercise-")) {
                assert!(
                    ids.iter().any(|i| i == id),
                    "{code} translates {id}, which info.toml does not list"
                );
            }
        }
    }

    /// Every language but English translates the name of every check of the plan, and no
    /// check the plan does not have: a check renamed in checks.rs fails here until its
    /// translations follow.
    #[test]
    fn every_language_translates_every_check_name() {
        let catalog = ipc_text::catalog();
        let ids: Vec<String> = exercises()
            .iter()
            .flat_map(|e| {
                checks::plan(&e.name)
                    .into_iter()
                    .map(|(check, _)| check_id(&e.name, check))
            })
            .collect();
        assert_eq!(
            check_id("ex04", "4 processes x 1000000, exact"),
            "grade-check-ex04-4-processes-x-1000000-exact"
        );
        for code in catalog.codes().filter(|c| *c != ipc_text::ENGLISH) {
            let declared: Vec<&str> = catalog
                .declared(code)
                .iter()
                .map(|d| d.id.as_str())
                .collect();
            for id in &ids {
                assert!(declared.contains(&id.as_str()), "{code} lacks {id}");
            }
            for id in declared.iter().filter(|d| d.starts_with("grade-check-")) {
                assert!(
                    ids.iter().any(|i| i == id),
                    "{code} translates {id}, which no check of the plan is"
                );
            }
        }
        let vi = ipc_text::Lang::from_code("vi").expect("Vietnamese is listed");
        let shown = ipc_text::with_lang(vi, || shown_check("ex05", "1000 moves"));
        assert_eq!(
            shown,
            ipc_text::catalog()
                .own("vi", "grade-check-ex05-1000-moves", &[])
                .unwrap()
                .unwrap()
        );
    }

    /// Root Cargo.toml's bin list (which rustlings rewrites) names exactly info.toml's
    /// exercises, each with its stub and its solution.
    #[test]
    fn the_cargo_bin_list_matches_info_toml() {
        let manifest = std::fs::read_to_string(workspace_root().join("Cargo.toml")).unwrap();
        let listed: Vec<&str> = manifest
            .lines()
            .take_while(|l| !l.starts_with("[package]"))
            .filter(|l| l.trim_start().starts_with("{ name ="))
            .map(str::trim)
            .collect();
        let expected: Vec<String> = exercises()
            .iter()
            .flat_map(|e| {
                let n = &e.name;
                [
                    format!("{{ name = \"{n}\", path = \"exercises/{n}.rs\" }},"),
                    format!("{{ name = \"{n}_sol\", path = \"solutions/{n}.rs\" }},"),
                ]
            })
            .collect();
        assert_eq!(listed, expected);
    }
}
