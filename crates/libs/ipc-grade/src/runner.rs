//! Runs one submitted binary in the sandbox (crates/libs/ipc-sandbox) and turns the
//! supervisor's report into what the checks judge: how it ended, what it printed, what it
//! left behind, and everything the supervisor saw it do.

use std::path::{Path, PathBuf};
use std::time::Duration;

use ipc_sandbox::{End, Isolation, Observe, Report, Spec, Stdin};
use ipc_text::t;
use nix::sys::signal::Signal;

/// How every run of a grade is made.
#[derive(Debug, Clone)]
pub struct Runner {
    /// A binary that embeds the sandbox's supervisor (ipc-lab itself).
    pub supervisor: PathBuf,
    pub isolation: Isolation,
    /// Whether runs here get namespaces, learnt by `probe`.
    pub namespaced: std::sync::Arc<std::sync::OnceLock<bool>>,
}

/// How one run ended, and what it did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub end: End,
    pub stdout: String,
    pub stderr: String,
    /// Objects still in the run's namespace when it ended (removed with the namespace).
    pub leaked: Vec<String>,
    pub report: Report,
}

impl Runner {
    pub fn new(supervisor: PathBuf, isolation: Isolation) -> Runner {
        Runner {
            supervisor,
            isolation,
            namespaced: std::sync::Arc::default(),
        }
    }

    /// Whether runs get their own namespaces (as `probe` found; before it, as asked).
    pub fn namespaced(&self) -> bool {
        self.namespaced
            .get()
            .copied()
            .unwrap_or(self.isolation != Isolation::None)
    }

    /// Starts one empty run to learn how runs will be isolated here: a line for the
    /// report, or the refusal when `--isolation required` cannot be met.
    pub fn probe(&self) -> Result<String, String> {
        let report = self.sandbox(&Spec::new("/bin/true", Vec::new()))?;
        let iso = &report.isolation;
        if report.end == End::NotStarted {
            return Err(first_line(&report.stderr.text));
        }
        let _ = self.namespaced.set(iso.namespaces);
        Ok(match (iso.namespaces, iso.grader_uid) {
            (true, None) => t!("grade-isolated", identity = t!("grade-identity-own-uid")),
            (true, Some(uid)) => t!(
                "grade-isolated",
                identity = t!("grade-identity-grader-userns", uid = uid)
            ),
            (false, grader_uid) => t!(
                "grade-not-isolated",
                why = iso
                    .missing
                    .first()
                    .cloned()
                    .unwrap_or_else(|| t!("grade-isolation-unavailable")),
                identity = match grader_uid {
                    None => t!("grade-identity-own-uid"),
                    Some(uid) => t!("grade-identity-grader", uid = uid),
                }
            ),
        })
    }

    /// Runs `spec` in a sandbox; a supervisor that fails is an error of the grader.
    pub fn sandbox(&self, spec: &Spec) -> Result<Report, String> {
        let mut spec = spec.clone();
        spec.isolation = self.isolation;
        ipc_sandbox::run(&self.supervisor, &spec)
    }

    /// Runs `bin ARGS` for at most `wall`, watching what `observe` asks.
    pub fn run(
        &self,
        bin: &Path,
        args: &[String],
        wall: Duration,
        observe: Observe,
        stdin: Stdin,
    ) -> Outcome {
        let mut spec = Spec::new(bin, args.to_vec());
        spec.env.push(("RUST_BACKTRACE".into(), "0".into()));
        spec.limits.wall_ms = u64::try_from(wall.as_millis()).unwrap_or(u64::MAX);
        spec.limits.cpu_seconds = wall.as_secs() * 2 + 1;
        spec.observe = observe;
        spec.stdin = stdin;
        match self.sandbox(&spec) {
            Ok(report) => Outcome {
                end: report.end.clone(),
                stdout: report.stdout.text.clone(),
                stderr: report.stderr.text.clone(),
                leaked: report
                    .leftovers
                    .iter()
                    .map(ipc_sandbox::Object::describe)
                    .collect(),
                report,
            },
            Err(why) => Outcome {
                end: End::NotStarted,
                stdout: String::new(),
                stderr: why,
                leaked: Vec::new(),
                report: Report::default(),
            },
        }
    }
}

impl Outcome {
    pub fn timed_out(&self) -> bool {
        self.end == End::TimedOut
    }

    /// Why the run did not end with `expected`, or None if it did.
    pub fn status_problem(&self, expected: i32) -> Option<String> {
        match &self.end {
            End::TimedOut => {
                Some("did not finish in time (killed; a deadlock or a missing exit?)".into())
            }
            End::OverLimit(why) => Some(format!("stopped by the grader: {why}")),
            End::NotStarted => Some(format!(
                "could not be started: {}",
                first_line(&self.stderr)
            )),
            End::Exited(code) if *code == expected => None,
            End::Exited(101) if self.stderr.contains("not yet implemented") => {
                let what = self
                    .stderr
                    .lines()
                    .find_map(|l| l.split_once("not yet implemented: ").map(|(_, w)| w))
                    .unwrap_or("finish the TODOs");
                let what = elide_middle(what, 160, 80);
                Some(format!(
                    "not done yet (the stub still reaches todo!()): {what}"
                ))
            }
            End::Exited(101) => Some(format!("panicked: {}", first_line(&self.stderr))),
            End::Exited(code) => {
                let err = first_line(&self.stderr);
                Some(if err.is_empty() {
                    format!("exit status {code}, expected {expected}")
                } else {
                    format!("exit status {code}, expected {expected}: {err}")
                })
            }
            End::Signaled(sig) => Some(format!(
                "killed by signal {}",
                Signal::try_from(*sig).map_or("?", Signal::as_str)
            )),
        }
    }
}

/// The first line of `text` that says something, shortened for a report.
pub fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| l.contains("panicked at"))
        .and_then(|_| {
            text.lines()
                .skip_while(|l| !l.contains("panicked at"))
                .nth(1)
        })
        .or_else(|| text.lines().find(|l| !l.trim().is_empty()))
        .unwrap_or("");
    shorten(line.trim(), 200)
}

pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{cut}…")
}

/// `text` with its middle replaced by `…` when it is longer than `head + tail` characters:
/// a 60000-byte message quoted in a stub's todo!() must not fill the report, but the end of
/// the line (what to do next) must stay.
pub fn elide_middle(text: &str, head: usize, tail: usize) -> String {
    let count = text.chars().count();
    if count <= head + tail {
        return text.to_string();
    }
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(count - tail).collect();
    format!("{start}…{end}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elide_middle_keeps_both_ends() {
        assert_eq!(elide_middle("short", 3, 3), "short");
        let long = format!("send \"{}\" (see the TODOs)", "ab".repeat(30000));
        let got = elide_middle(&long, 20, 16);
        assert_eq!(got.chars().count(), 37);
        assert!(got.starts_with("send \"abab"), "{got}");
        assert!(got.ends_with("(see the TODOs)"), "{got}");
    }
}
