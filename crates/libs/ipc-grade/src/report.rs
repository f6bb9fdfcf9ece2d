//! The grade in the formats graders read: a human report, plain JSON, Gradescope's
//! results.json and JUnit XML (written by quick-junit).
//!
//! Text from the submission (its output, quoted in a check's message) reaches every format
//! through `safe_text::visible`: escaped, never raw, so a terminal is not driven by it and
//! the XML stays well-formed whatever bytes were printed.

use std::time::Duration;

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use serde::{Deserialize, Serialize};

use super::checks::CheckResult;
use super::safe_text::visible;

/// How far an exercise got, for a gradebook's status column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseStatus {
    /// Built, and every check ran to its end.
    #[default]
    Graded,
    /// The submission has no file for it.
    Missing,
    /// The file does not compile.
    BuildFailed,
    /// A run was killed at its time limit (later checks were skipped).
    TimedOut,
}

/// Every check of one exercise.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExerciseGrade {
    pub name: String,
    pub title: String,
    pub score: u32,
    pub max_score: u32,
    /// Absent in results written before it existed: read as `graded`.
    #[serde(default)]
    pub status: ExerciseStatus,
    pub checks: Vec<CheckGrade>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckGrade {
    pub name: String,
    pub score: u32,
    pub max_score: u32,
    pub passed: bool,
    pub output: String,
}

/// The whole grade, as `--format json` prints it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Grade {
    pub submission: String,
    pub score: u32,
    pub max_score: u32,
    pub elapsed_seconds: f64,
    pub exercises: Vec<ExerciseGrade>,
}

impl ExerciseGrade {
    pub fn new(name: &str, title: &str, checks: &[CheckResult]) -> Self {
        ExerciseGrade {
            name: name.to_string(),
            title: title.to_string(),
            score: checks.iter().map(|c| c.points).sum(),
            max_score: checks.iter().map(|c| c.max).sum(),
            // grade() says when the exercise was missing, did not build or hung.
            status: ExerciseStatus::Graded,
            checks: checks
                .iter()
                .map(|c| CheckGrade {
                    name: c.name.clone(),
                    score: c.points,
                    max_score: c.max,
                    passed: c.passed(),
                    output: c.output.clone(),
                })
                .collect(),
        }
    }
}

impl Grade {
    pub fn new(submission: String, exercises: Vec<ExerciseGrade>, elapsed: Duration) -> Self {
        Grade {
            submission,
            score: exercises.iter().map(|e| e.score).sum(),
            max_score: exercises.iter().map(|e| e.max_score).sum(),
            elapsed_seconds: (elapsed.as_secs_f64() * 10.0).round() / 10.0,
            exercises,
        }
    }

    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a grade always serialises")
    }

    /// Gradescope's results.json: score, execution_time and one test per check.
    pub fn gradescope(&self) -> String {
        #[derive(Serialize)]
        struct Test<'a> {
            name: String,
            score: f64,
            max_score: f64,
            status: &'a str,
            output: String,
        }
        #[derive(Serialize)]
        struct Results<'a> {
            score: f64,
            execution_time: u64,
            output: String,
            visibility: &'a str,
            tests: Vec<Test<'a>>,
        }
        let results = Results {
            score: f64::from(self.score),
            execution_time: whole_seconds(self.elapsed_seconds),
            output: format!("ipc-lab grade: {}/{}", self.score, self.max_score),
            visibility: "visible",
            tests: self
                .exercises
                .iter()
                .flat_map(|e| {
                    e.checks.iter().map(move |c| Test {
                        name: format!("{}: {}", e.name, super::shown_check(&e.name, &c.name)),
                        score: f64::from(c.score),
                        max_score: f64::from(c.max_score),
                        status: if c.passed { "passed" } else { "failed" },
                        output: visible(&c.output),
                    })
                })
                .collect(),
        };
        serde_json::to_string_pretty(&results).expect("results always serialise")
    }

    /// JUnit XML: one test suite per exercise, one test case per check.
    pub fn junit(&self) -> String {
        let mut report = Report::new("ipc-lab grade");
        report.set_time(Duration::from_secs_f64(self.elapsed_seconds));
        for e in &self.exercises {
            let title = super::exercises()
                .iter()
                .find(|x| x.name == e.name)
                .map_or_else(|| e.title.clone(), super::Exercise::shown_title);
            let mut suite = TestSuite::new(visible(&format!("{} {title}", e.name)));
            for c in &e.checks {
                let status = if c.passed {
                    TestCaseStatus::success()
                } else {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    s.set_message(ipc_text::t!(
                        "grade-points",
                        score = c.score,
                        max = c.max_score
                    ))
                    .set_description(visible(&c.output));
                    s
                };
                let mut case =
                    TestCase::new(visible(&super::shown_check(&e.name, &c.name)), status);
                case.set_classname(visible(&e.name));
                suite.add_test_case(case);
            }
            report.add_test_suite(suite);
        }
        report.to_string().expect("a report always serialises")
    }
}

/// One line of the human report, printed as the check of `exercise` completes: its mark
/// and name in the current language.
pub fn progress_line(exercise: &str, c: &CheckResult) -> String {
    let mark = match c.passed() {
        true => ipc_text::t!("grade-mark-ok"),
        false => ipc_text::t!("grade-mark-fail"),
    };
    let mut line = format!(
        "  {mark:<4} {:<46} {:>2}/{}",
        visible(&super::shown_check(exercise, &c.name)),
        c.points,
        c.max
    );
    // Up to 21 lines of the message, each escaped: a student's output is shown, not obeyed.
    for text in c.output.lines().take(21) {
        line.push_str(&format!("\n         {}", visible(text)));
    }
    line
}

/// Seconds rounded up to a whole number, for a report field that holds an integer; a
/// duration is never negative, and the cast saturates at u64::MAX.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn whole_seconds(secs: f64) -> u64 {
    secs.max(0.0).ceil() as u64
}

/// Gradescope's results.json for a submission that could not be graded: no points, and
/// `why` as the one thing the student reads.
pub fn gradescope_not_graded(why: String) -> String {
    let results = serde_json::json!({
        "score": 0,
        "output": why,
        "visibility": "visible",
        "tests": [],
    });
    serde_json::to_string_pretty(&results).expect("results always serialise") + "\n"
}
