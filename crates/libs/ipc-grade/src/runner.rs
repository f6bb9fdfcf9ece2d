//! Runs one submitted binary in the sandbox (crates/libs/ipc-sandbox) and turns the
//! supervisor's report into what the checks judge: how it ended, what it printed, what it
//! left behind, and everything the supervisor saw it do.

use std::path::{Path, PathBuf};
use std::time::Duration;

use ipc_sandbox::{
    End, ExportProblem, Isolation, Limit, Missing, Object, Observe, Report, Spec, Stdin,
};
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
            return Err(match (iso.namespaces, iso.missing.first()) {
                // Namespaces entered, then the sandbox inside them could not be built.
                (true, Some(why)) => t!("grade-sandbox-not-built", why = missing_text(why)),
                (false, Some(why)) if self.isolation == Isolation::Required => t!(
                    "grade-isolation-required-unavailable",
                    why = missing_text(why)
                ),
                // A call of the supervisor failed (fork, ptrace): its name and errno.
                _ => first_line(&report.stderr.text),
            });
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
                    .map_or_else(|| t!("grade-isolation-unavailable"), missing_text),
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
                leaked: report.leftovers.iter().map(object_text).collect(),
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
            End::TimedOut => Some(t!("grade-run-timed-out")),
            End::OverLimit(limit) => Some(t!("grade-run-over-limit", limit = limit_text(limit))),
            End::NotStarted => Some(t!("grade-run-not-started", why = first_line(&self.stderr))),
            End::Exited(code) if *code == expected => None,
            End::Exited(101) if self.stderr.contains("not yet implemented") => {
                let what = self
                    .stderr
                    .lines()
                    .find_map(|l| l.split_once("not yet implemented: ").map(|(_, w)| w))
                    .map_or_else(|| t!("grade-run-finish-the-todos"), str::to_string);
                let what = elide_middle(&what, 160, 80);
                Some(t!("grade-run-not-done", what = what))
            }
            End::Exited(101) => Some(t!("grade-run-panicked", why = first_line(&self.stderr))),
            End::Exited(code) => {
                let err = first_line(&self.stderr);
                Some(if err.is_empty() {
                    t!("grade-run-exit-status", status = code, expected = expected)
                } else {
                    t!(
                        "grade-run-exit-status-saying",
                        status = code,
                        expected = expected,
                        stderr = err
                    )
                })
            }
            End::Signaled(sig) => Some(t!(
                "grade-run-killed",
                signal = Signal::try_from(*sig).map_or("?", Signal::as_str)
            )),
        }
    }
}

/// A part of the isolation the machine did not give, in the chosen language (the
/// supervisor reports it as data).
pub fn missing_text(missing: &Missing) -> String {
    match missing {
        Missing::NotAsked => t!("grade-missing-not-asked"),
        // A call or a step and the system's error: names and errno texts, as they are.
        Missing::Failed(why) => why.clone(),
        Missing::NoPrivateRoot {
            landlock: Some(abi),
        } => {
            t!("grade-missing-no-private-root-landlock", abi = abi)
        }
        Missing::NoPrivateRoot { landlock: None } => t!("grade-missing-no-private-root"),
        Missing::InitEnded => t!("grade-missing-init-ended"),
    }
}

/// An IPC object as a check names it (left behind, missing, still there), in the chosen
/// language; English is `Object::describe`'s wording.
pub fn object_text(object: &Object) -> String {
    match object {
        Object::ShmFile { name, .. } => match name.strip_prefix("sem.") {
            Some(sem) => t!("grade-object-named-semaphore", name = sem),
            None => t!("grade-object-posix-shm", name = name),
        },
        Object::Queue { name } => t!("grade-object-posix-queue", name = name),
        Object::SysvSegment { key, id, .. } => {
            t!(
                "grade-object-sysv-segment",
                id = id,
                key = format!("{key:#x}")
            )
        }
        Object::SysvQueue { key, id, .. } => {
            t!(
                "grade-object-sysv-queue",
                id = id,
                key = format!("{key:#x}")
            )
        }
        Object::SysvSemaphores { key, id, .. } => {
            t!(
                "grade-object-sysv-semaphores",
                id = id,
                key = format!("{key:#x}")
            )
        }
    }
}

/// The limit a run went over, in the chosen language.
pub fn limit_text(limit: &Limit) -> String {
    match limit {
        Limit::Tasks(count) => t!("grade-limit-tasks", count = count),
        Limit::OutputMib(mib) => t!("grade-limit-output", mib = mib),
        Limit::MemoryMib(mib) => t!("grade-limit-memory", mib = mib),
    }
}

/// Why a file could not be taken out of a run, in the chosen language.
pub fn export_text(problem: &ExportProblem) -> String {
    match problem {
        ExportProblem::NoPrivateTmp => t!("grade-export-no-private-tmp"),
        ExportProblem::NotRegular { path } => t!("grade-export-not-regular", path = path),
        ExportProblem::TooLarge { path, max } => {
            t!("grade-export-too-large", path = path, max = max)
        }
        // The system's error text, as perror prints it.
        ExportProblem::Failed { path, error } => format!("{path}: {error}"),
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
    use ipc_text::{Lang, with_lang};

    fn ended(end: End) -> Outcome {
        Outcome {
            end,
            stdout: String::new(),
            stderr: String::new(),
            leaked: Vec::new(),
            report: Report::default(),
        }
    }

    /// What the sandbox reports as data (a limit, a file it could not export, the isolation
    /// it could not give) reaches the student in the chosen language; English is the
    /// sandbox's own wording.
    #[test]
    fn what_the_sandbox_reports_is_worded_in_the_chosen_language() {
        let vi = Lang::from_code("vi").expect("Vietnamese is listed");
        let limit = Limit::Tasks(64);
        let too_large = ExportProblem::TooLarge {
            path: "/tmp/ex01".into(),
            max: 5,
        };
        let root = Missing::NoPrivateRoot { landlock: Some(3) };
        with_lang(Lang::EN, || {
            assert_eq!(limit_text(&limit), limit.to_string());
            assert_eq!(export_text(&too_large), too_large.to_string());
            assert_eq!(missing_text(&root), root.to_string());
            assert_eq!(
                missing_text(&Missing::NotAsked),
                Missing::NotAsked.to_string()
            );
        });
        with_lang(vi, || {
            assert_eq!(
                ended(End::OverLimit(limit.clone()))
                    .status_problem(0)
                    .unwrap(),
                "bị trình chấm dừng: hơn 64 tiến trình và luồng cùng lúc"
            );
            assert_eq!(
                ended(End::TimedOut).status_problem(0).unwrap(),
                "không kết thúc trong thời gian cho phép (đã bị kill; có deadlock, hay thiếu lệnh thoát?)"
            );
            assert_eq!(
                ended(End::Exited(3)).status_problem(0).unwrap(),
                "mã thoát 3, dự kiến 0"
            );
            assert_eq!(export_text(&too_large), "/tmp/ex01 lớn hơn 5 byte");
            assert_eq!(missing_text(&Missing::NotAsked), "đã chọn --isolation none");
            assert!(missing_text(&root).starts_with("không có thư mục gốc riêng: "));
        });
    }

    /// An object a run left is named in the chosen language; English is the sandbox's own
    /// `describe`.
    #[test]
    fn objects_are_named_in_the_chosen_language() {
        let vi = Lang::from_code("vi").expect("Vietnamese is listed");
        let objects = [
            Object::ShmFile {
                name: "x".into(),
                size: 1,
            },
            Object::ShmFile {
                name: "sem.x".into(),
                size: 32,
            },
            Object::Queue { name: "q".into() },
            Object::SysvSegment {
                key: 0x4854,
                id: 3,
                size: 4096,
                attached: 0,
            },
            Object::SysvQueue {
                key: 0,
                id: 7,
                messages: 1,
            },
            Object::SysvSemaphores {
                key: 0x10,
                id: 12_345_678,
                count: 2,
            },
        ];
        with_lang(Lang::EN, || {
            for o in &objects {
                assert_eq!(object_text(o), o.describe());
            }
        });
        with_lang(vi, || {
            let named: Vec<String> = objects.iter().map(object_text).collect();
            assert_eq!(
                named,
                [
                    "object shared memory POSIX /x",
                    "semaphore có tên /x",
                    "hàng đợi thông điệp POSIX /q",
                    "segment System V id 3 (key 0x4854)",
                    "hàng đợi thông điệp System V id 7 (key 0x0)",
                    "tập semaphore System V id 12345678 (key 0x10)",
                ]
            );
        });
    }

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
