//! What a demo found, and how it is printed (with ipc-support's report labels): scenario,
//! call, errno, why, fix, result.

use nix::errno::Errno;

use ipc_support::IpcError;
use ipc_support::error::errno_text;
use ipc_support::pitfall::{Label, report_line};
use ipc_text::{Id, t, text};

/// One call the demo expects to fail with `expected`.
pub struct Attempt {
    /// What this step is, when a demo has several.
    pub note: Option<String>,
    pub expected: Errno,
    /// The error the call gave, or the call's text when it succeeded.
    pub outcome: Result<String, IpcError>,
}

impl Attempt {
    /// Records `result`, the outcome of the call `call` (named here for the success case:
    /// a failure names its own call).
    pub fn new<T>(
        expected: Errno,
        note: Option<String>,
        call: impl Into<String>,
        result: ipc_support::Result<T>,
    ) -> Self {
        Attempt {
            note,
            expected,
            outcome: result.map(|_| call.into()),
        }
    }

    /// Why this attempt did not show the expected error, if it did not.
    fn miss(&self) -> Option<String> {
        let expected = format!("{:?}", self.expected);
        match &self.outcome {
            Ok(call) => Some(t!(
                "mq-errors-reason-succeeded",
                call = call,
                expected = expected
            )),
            Err(e) if e.errno() == Some(self.expected) => None,
            Err(e) => Some(t!(
                "mq-errors-reason-other-errno",
                call = e.call(),
                got = describe(e),
                expected = expected
            )),
        }
    }
}

/// `EAGAIN (Try again)`, or the error's own text when it is not an errno.
fn describe(e: &IpcError) -> String {
    match e.errno() {
        Some(errno) => errno_text(errno),
        None => e.to_string(),
    }
}

/// Everything a demo shows.
pub struct Scene {
    pub scenario: String,
    pub attempts: Vec<Attempt>,
    /// Extra lines printed after the fix.
    pub notes: Vec<String>,
}

impl Scene {
    /// A scene with no extra notes.
    pub fn new(scenario: String, attempts: Vec<Attempt>) -> Self {
        Scene {
            scenario,
            attempts,
            notes: Vec::new(),
        }
    }
}

/// Prints one line of the report, with the labels every error demo uses.
fn line(label: Label, body: &str) {
    print!("{}", report_line(label, body));
}

/// The error line: its errno when it has one, else what was seen.
fn error_line(e: &IpcError) {
    match e.errno() {
        Some(errno) => line(Label::Errno, &errno_text(errno)),
        None => line(Label::Observed, &e.to_string()),
    }
}

/// A demo's fixed texts: what it is called, why the error happens, how to avoid it.
pub struct Texts {
    pub title: Id,
    pub why: Id,
    pub fix: Id,
}

/// Prints the demo and returns why it did not reproduce its error (None: it did).
pub fn show(texts: Texts, scene: ipc_support::Result<Scene>) -> Option<String> {
    println!("== {} ==", text(texts.title));
    let scene = match scene {
        Ok(scene) => scene,
        Err(e) => {
            let reason = t!("mq-errors-reason-setup", error = e);
            line(
                Label::Result,
                &t!("mq-errors-result-not-reproduced", reason = reason),
            );
            return Some(reason);
        }
    };
    line(Label::Scenario, &scene.scenario);
    for a in &scene.attempts {
        if let Some(note) = &a.note {
            line(Label::Note, note);
        }
        match &a.outcome {
            Ok(call) => line(Label::Call, call),
            Err(e) => {
                line(Label::Call, e.call());
                error_line(e);
            }
        }
    }
    line(Label::Why, &text(texts.why));
    line(Label::Fix, &text(texts.fix));
    for note in &scene.notes {
        line(Label::Note, note);
    }
    let misses: Vec<String> = scene.attempts.iter().filter_map(Attempt::miss).collect();
    if misses.is_empty() {
        line(Label::Result, &t!("mq-errors-result-reproduced"));
        None
    } else {
        let reason = misses.join("; ");
        line(
            Label::Result,
            &t!("mq-errors-result-not-reproduced", reason = reason),
        );
        Some(reason)
    }
}
