//! The GitHub Classroom workflow (.github/workflows/classroom.yml) as a course copies it:
//! read with a YAML parser, it has one command-grader step per exercise worth 10 points and
//! a reporter that collects every step; run from a copy of the repository the way the
//! action runs them (the setup command, then the command, through a shell, with the
//! action's small environment), every command passes on the solutions and fails on the
//! stubs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Duration;

use crate::grading_support::*;
use yaml_rust2::{Yaml, YamlLoader};

/// One autograding step of the workflow.
struct GraderStep {
    id: String,
    test_name: String,
    setup_command: String,
    command: String,
    timeout_minutes: u64,
    max_score: u64,
}

fn field<'a>(map: &'a Yaml, key: &str) -> &'a Yaml {
    &map[key]
}

/// A scalar as text (YAML reads `10` as a number, `ex01` as a string).
fn scalar(value: &Yaml) -> String {
    match value {
        Yaml::String(s) => s.clone(),
        Yaml::Integer(n) => n.to_string(),
        other => panic!("not a scalar: {other:?}"),
    }
}

fn workflow() -> (Vec<GraderStep>, Yaml) {
    let path = root().join(".github/workflows/classroom.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    let docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("not YAML: {e}"));
    assert_eq!(docs.len(), 1);
    let jobs = docs[0]["jobs"].as_hash().expect("jobs");
    assert_eq!(jobs.len(), 1);
    let job = jobs.values().next().unwrap();
    assert_eq!(field(job, "runs-on").as_str(), Some("ubuntu-latest"));
    let steps = field(job, "steps").as_vec().expect("steps");
    let mut graders = Vec::new();
    let mut reporter = None;
    for step in steps {
        match field(step, "uses").as_str() {
            Some("classroom-resources/autograding-command-grader@v1") => {
                let with = field(step, "with");
                graders.push(GraderStep {
                    id: scalar(field(step, "id")),
                    test_name: scalar(field(with, "test-name")),
                    setup_command: scalar(field(with, "setup-command")),
                    command: scalar(field(with, "command")),
                    timeout_minutes: scalar(field(with, "timeout")).parse().unwrap(),
                    max_score: scalar(field(with, "max-score")).parse().unwrap(),
                });
            }
            Some("classroom-resources/autograding-grading-reporter@v1") => {
                reporter = Some(step.clone());
            }
            _ => {}
        }
    }
    (graders, reporter.expect("a reporter step"))
}

#[test]
fn the_workflow_has_one_test_per_exercise_and_reports_them_all() {
    let (graders, reporter) = workflow();
    let ids: Vec<&str> = graders.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ALL);
    for g in &graders {
        assert!(
            g.test_name.starts_with(&format!("{}: ", g.id)),
            "{}",
            g.test_name
        );
        assert_eq!(g.max_score, 10, "{}", g.id);
        assert!((1..=60).contains(&g.timeout_minutes), "{}", g.id);
        assert!(
            g.command
                .contains(&format!("grade {} --min-score 10", g.id)),
            "{}",
            g.command
        );
    }
    // The reporter gets every step's result, under the name it reads (ID_RESULTS).
    let runners = scalar(field(field(&reporter, "with"), "runners"));
    assert_eq!(runners, ALL.join(","));
    let env = field(&reporter, "env");
    for id in ALL {
        assert_eq!(
            field(env, &format!("{}_RESULTS", id.to_uppercase())).as_str(),
            Some(format!("${{{{steps.{id}.outputs.result}}}}").as_str())
        );
    }
}

/// Makes `to` hold the repository's files as a fresh clone would (no build output, no
/// hidden folders), writing only what changed so the copy's builds stay incremental; its
/// build folder is kept.
fn sync_repository(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    let mut wanted = std::collections::HashSet::new();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        let text = name.to_string_lossy();
        if text.starts_with('.') || text == "target" {
            continue;
        }
        wanted.insert(name.clone());
        let (src, dst) = (entry.path(), to.join(&name));
        if src.is_dir() {
            sync_repository(&src, &dst);
        } else if std::fs::read(&src).ok() != std::fs::read(&dst).ok() {
            let _ = std::fs::remove_dir_all(&dst);
            std::fs::copy(&src, &dst).unwrap();
        }
    }
    for entry in std::fs::read_dir(to).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() != "target" && !wanted.contains(&entry.file_name()) {
            let path = entry.path();
            let _ = std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
        }
    }
}

/// Runs a step as the command grader does: its setup command, then its command, each
/// through a shell with the action's environment (PATH, HOME, FORCE_COLOR); true when both
/// exit 0. A step taking longer than its timeout fails the test. A setup command that
/// already succeeded in this checkout (`set_up`) is not run again: every step's is the same
/// `cargo build`, which builds nothing the second time.
fn run_step(step: &GraderStep, repo: &Path, set_up: &Mutex<Vec<String>>) -> (bool, String) {
    let limit = Duration::from_secs(step.timeout_minutes * 60);
    let mut log = String::new();
    // Held while the setup runs, so that the steps started together build once.
    let mut done = set_up.lock().unwrap();
    if !done.contains(&step.setup_command) {
        if !run_command(&step.setup_command, repo, limit, &mut log) {
            return (false, log);
        }
        done.push(step.setup_command.clone());
    }
    drop(done);
    let passed = run_command(&step.command, repo, limit, &mut log);
    (passed, log)
}

/// One command of a step, its output added to `log`: true when it exits 0.
fn run_command(command: &str, repo: &Path, limit: Duration, log: &mut String) -> bool {
    let mut cmd = Command::new("sh");
    cmd.args(["-c", command]).current_dir(repo).env_clear();
    for var in ["PATH", "HOME", "RUSTUP_HOME", "CARGO_HOME"] {
        if let Some(value) = std::env::var_os(var) {
            cmd.env(var, value);
        }
    }
    cmd.env("FORCE_COLOR", "true");
    let out = run_bounded(&mut cmd, limit);
    log.push_str(&text(&out.stdout));
    log.push_str(&text(&out.stderr));
    out.status.success()
}

/// Every step in `repo`, side by side (each grades one exercise): whether each passed, and
/// its log.
fn run_steps(graders: &[GraderStep], repo: &Path) -> Vec<(bool, String)> {
    let set_up = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        let runs: Vec<_> = graders
            .iter()
            .map(|step| scope.spawn(|| run_step(step, repo, &set_up)))
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    })
}

#[test]
fn every_command_passes_on_the_solutions_and_fails_on_the_stubs() {
    let (graders, _) = workflow();
    // A copy of the repository with a build folder of its own that outlives the copy.
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("classroom");
    let repo = base.join("repo");
    sync_repository(&root(), &repo);
    let target = base.join("target");
    std::fs::create_dir_all(&target).unwrap();
    let link = repo.join("target");
    if std::fs::read_link(&link).ok().as_deref() != Some(target.as_path()) {
        let _ = std::fs::remove_dir_all(&link).or_else(|_| std::fs::remove_file(&link));
        std::os::unix::fs::symlink(&target, &link).unwrap();
    }

    // The student's exercises are the stubs: every test fails.
    for n in ALL {
        let stub = root().join(format!("exercises/{n}.rs"));
        assert!(
            std::fs::read_to_string(&stub).unwrap().contains("todo!("),
            "{n}"
        );
    }
    for (step, (passed, log)) in graders.iter().zip(run_steps(&graders, &repo)) {
        assert!(!passed, "{} passed on the stub:\n{log}", step.id);
        assert!(log.contains("below the 10 points required"), "{log}");
    }
    // The student finished them all: every test passes.
    for n in ALL {
        std::fs::copy(
            root().join(format!("solutions/{n}.rs")),
            repo.join(format!("exercises/{n}.rs")),
        )
        .unwrap();
    }
    for (step, (passed, log)) in graders.iter().zip(run_steps(&graders, &repo)) {
        assert!(passed, "{} failed on the solution:\n{log}", step.id);
        assert!(log.contains(&format!("{}: 10/10", step.id)), "{log}");
    }
}
