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

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ipc_support::{IpcError, Result};

pub use build::{grade_dir, prepare, tag_of, workspace_root};
pub use ipc_sandbox::Isolation;
pub use report::{ExerciseGrade, ExerciseStatus, Grade};
pub use runner::Runner;

/// One exercise as info.toml lists it (the one list of exercises: rustlings reads it too).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Exercise {
    pub name: String,
    pub title: String,
    pub hint: String,
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

/// Options of `ipc-lab grade`.
#[derive(clap::Args)]
#[command(after_help = "\
Each exercise file is built outside the submission's tree (target/grade/) and run from outside \
by checks that live in the grader: several inputs, large inputs, exactness under load, signals, \
and nothing left behind. Every run has a timeout and its own process group; objects a run \
leaves are removed and cost points.

Exit status: 0 when the score reaches --min-score (default: full marks), 1 otherwise.

Examples:
  ipc-lab grade                                   your exercises/, all six
  ipc-lab grade ex03 --solutions                  the reference answer of ex03
  ipc-lab grade --submission ~/alice --format gradescope --output results.json
  ipc-lab grade --format junit --min-score 40 > grade.xml
  ipc-lab grade --class ~/submissions --output grades.csv   one row per subdirectory")]
pub struct Args {
    /// Exercises to grade (default: all of them), e.g. `ex01 ex04`.
    #[arg(value_name = "EXERCISE")]
    exercises: Vec<String>,
    /// Grade the reference solutions (solutions/) instead of exercises/.
    #[arg(long, conflicts_with = "submission")]
    solutions: bool,
    /// Grade a class: every subdirectory of DIR is one submission, several graded at once;
    /// writes the gradebook (CSV) to --output FILE and one JSON report per submission.
    /// Hidden subdirectories are skipped.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["submission", "solutions", "min_score", "format"])]
    class: Option<PathBuf>,
    /// With --class: how many submissions are graded at once (default: the number of CPUs).
    #[arg(long, value_name = "N", requires = "class", value_parser = clap::value_parser!(u32).range(1..=256))]
    jobs: Option<u32>,
    /// With --class: the folder of the per-submission JSON reports (default: beside the
    /// gradebook, named after it: grades.csv → grades-reports/).
    #[arg(long, value_name = "DIR", requires = "class")]
    reports: Option<PathBuf>,
    /// With --class: seconds one submission's whole grading may take before it is stopped
    /// and its row says so (default: 10 minutes plus 10 × --time-limit per exercise).
    #[arg(long, value_name = "SECONDS", requires = "class", value_parser = ipc_support::time::parse_seconds)]
    submission_limit: Option<Duration>,
    /// Grade a student's copy of the repository (or a directory holding exNN.rs files).
    #[arg(long, value_name = "DIR")]
    submission: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Exit 0 when the score reaches this many points (default: full marks).
    #[arg(long, value_name = "POINTS")]
    min_score: Option<u32>,
    /// Write the result to FILE instead of stdout (with --class: the gradebook, CSV).
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Seconds an ordinary run may take before it counts as hung and is killed (the
    /// heaviest checks get a multiple of it); raise it on a slow or busy machine.
    #[arg(long, value_name = "SECONDS", default_value = "5", value_parser = ipc_support::time::parse_seconds)]
    time_limit: Duration,
    /// `auto`: each run in its own namespaces if this machine allows them, otherwise
    /// traced, unprivileged and limited in the host's (said on stderr). `required`: refuse
    /// to grade without namespaces. `none`: never use them (to try the fallback).
    #[arg(long, value_enum, default_value = "auto")]
    isolation: IsolationArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum IsolationArg {
    Auto,
    Required,
    None,
}

/// The runner of a grade started by this program: the sandbox's supervisor is this same
/// binary (see `ipc_sandbox::SUPERVISOR_ARG`).
pub fn default_runner(isolation: Isolation) -> Result<Runner> {
    let supervisor = std::env::current_exe()
        .map_err(|e| IpcError::refused("finding the grader's own binary", e.to_string()))?;
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
                        format!("submission {}", shown(dir)),
                        format!(
                            "exercises/ leads out of the submission (to {}); the grader reads only the student's own files",
                            shown(&real)
                        ),
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
        IpcError::refused(format!("submission {}", shown(&dir)), e.to_string()).hint(
            "give the student's copy of the repository, or a directory with ex01.rs … ex06.rs",
        )
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
        Some(e) => format!("`ipc-lab hint {}` helps with {}", e.name, e.name),
        None => "`ipc-lab hint EXERCISE` helps with a failing exercise".to_string(),
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
                        format!("exercise '{n}'"),
                        "no such exercise; `ipc-lab list` shows them (ex01 … ex06)",
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
        progress,
    )
}

/// Grades `exercises` of `dir` with `runner`, calling `progress` after every check.
pub fn grade_with(
    runner: &Runner,
    dir: &Path,
    exercises: &[(&'static str, &'static str)],
    limit: Duration,
    progress: &mut dyn FnMut(&str),
) -> Result<Grade> {
    let start = Instant::now();
    let names: Vec<&str> = exercises.iter().map(|(n, _)| *n).collect();
    progress(&format!(
        "building {} exercise(s) from {} …",
        names.len(),
        shown(dir)
    ));
    let isolation = runner.probe().map_err(|why| {
        IpcError::refused("isolating the runs", why).hint(
            "grade where namespaces are allowed, or without --isolation required to run with the isolation this machine allows",
        )
    })?;
    progress(&isolation);
    let built = build::build(runner, dir, &names)?;
    let mut grades = Vec::new();
    for &(name, title) in exercises {
        progress(&format!("{name}  {title}"));
        let mut print = |c: &checks::CheckResult| progress(&report::progress_line(c));
        let mut status = None;
        let results = match built.get(name) {
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
                let mut checker =
                    checks::Checker::new(name, Path::new(""), runner, &mut print, limit);
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
        grades.push(exercise);
    }
    Ok(Grade::new(
        dir.display().to_string(),
        grades,
        start.elapsed(),
    ))
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
        });
    }
    let dir = submission_dir(args.solutions, args.submission.as_deref())?;
    if !args.solutions && !holds_any(&dir, &exercises) {
        return Err(IpcError::refused(
            format!("submission {}", shown(&dir)),
            "holds none of the exercise files (ex01.rs … ex06.rs, or exercises/exNN.rs)",
        ));
    }
    // Refused before grading: a bar nobody can reach, or a result that could not be kept.
    let max_score = max_points(&exercises);
    let needed = args.min_score.unwrap_or(max_score);
    if needed > max_score {
        return Err(IpcError::refused(
            format!("--min-score {needed}"),
            format!("more than the {max_score} points the graded exercises are worth"),
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
            eprintln!("{line}");
        }
    };
    let isolation = match args.isolation {
        IsolationArg::Auto => Isolation::Auto,
        IsolationArg::Required => Isolation::Required,
        IsolationArg::None => Isolation::None,
    };
    let runner = default_runner(isolation)?;
    let grade = grade_with(&runner, &dir, &exercises, args.time_limit, &mut progress)?;
    // Kept for `ipc-lab list`; written whole (rename), so a reader never sees half of it,
    // and always (its time says when the exercise was graded).
    for exercise in &grade.exercises {
        if let Ok(json) = serde_json::to_vec(exercise) {
            let _ = build::write_atomically(&last_result_path(&dir, &exercise.name), &json);
        }
    }

    let document = match args.format {
        Format::Human => format!(
            "Total: {}/{} ({:.1} s)\n",
            grade.score, grade.max_score, grade.elapsed_seconds
        ),
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
            format!("score {}/{}", grade.score, grade.max_score),
            format!("below the {needed} points required"),
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
