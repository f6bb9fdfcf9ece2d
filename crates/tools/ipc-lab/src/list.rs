//! `ipc-lab list`: the exercises and where each stands: pending while the file still calls
//! `todo!()`, otherwise its score at the last `ipc-lab grade` (if the file has not changed since).

use std::path::Path;

use ipc_text::t;

use ipc_grade::{self as grade, ExerciseGrade};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_name = "DIR")]
    submission: Option<std::path::PathBuf>,
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
}

/// Where one exercise stands.
fn status(dir: &Path, name: &str) -> (bool, String) {
    let file = dir.join(format!("{name}.rs"));
    let source = std::fs::read_to_string(&file).unwrap_or_default();
    if source.is_empty() || source.contains("todo!(") {
        return (false, t!("exercises-list-pending"));
    }
    let result = grade::last_result_path(dir, name);
    let last: Option<ExerciseGrade> = std::fs::read_to_string(&result)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    let Some(exercise) = last else {
        return (false, t!("exercises-list-ungraded"));
    };
    let graded_at = std::fs::metadata(&result).and_then(|m| m.modified()).ok();
    let modified = std::fs::metadata(&file).and_then(|m| m.modified()).ok();
    if let (Some(modified), Some(graded)) = (modified, graded_at) {
        if modified > graded {
            let line = t!(
                "exercises-list-changed",
                score = exercise.score,
                max = exercise.max_score
            );
            return (false, line);
        }
    }
    if exercise.score == exercise.max_score {
        (true, t!("exercises-list-done"))
    } else {
        let line = t!(
            "exercises-list-score",
            score = exercise.score,
            max = exercise.max_score
        );
        (false, line)
    }
}

pub fn run(args: Args) -> ipc_support::Result<()> {
    args.lang.apply();
    let dir = grade::submission_dir(false, args.submission.as_deref())?;
    println!("{}", t!("exercises-list-header"));
    let mut done = 0;
    for exercise in grade::exercises() {
        let name = exercise.name.as_str();
        let (finished, state) = status(&dir, name);
        done += usize::from(finished);
        println!("  {name}  {:<44} {state}", exercise.shown_title());
    }
    println!(
        "{}",
        t!(
            "exercises-list-footer",
            done = done,
            total = grade::EXERCISES.len()
        )
    );
    Ok(())
}
