//! `ipc-lab tour`: runs the real lesson programs in the course's order. Each step shows its
//! lesson and concept, the exact command (so the student can run it again), the program's
//! output, whether it behaved as the lesson says, and a one-line takeaway.

mod exec;
mod steps;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use ipc_lab::objects::{self, ObjectKind};
use ipc_lab::sysvipc::{SysvKind, key_in_use};
use ipc_support::unique::{unique_key, unique_name};
use ipc_support::{Cleanup, IpcError, ObjectName, interrupt};
use ipc_sys::ipc::SysvKey;
use ipc_text::{t, text};

use exec::Outcome;
use steps::{After, LESSONS, STEPS, Step};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=LESSONS as i64))]
    lesson: Option<u8>,
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
}

pub fn run(args: Args) -> ipc_support::Result<()> {
    args.lang.apply();
    interrupt::install()?;
    let selected: Vec<&Step> = STEPS
        .iter()
        .filter(|s| args.lesson.is_none_or(|l| s.lesson == l))
        .collect();
    let bin_dir = programs_dir(&selected)?;
    let started = Instant::now();
    let names = Names::new();
    let _cleanup = names.cleanup();
    let env = [("IPC_LAB_LANG", ipc_text::lang().code().to_string())];

    println!("{}", t!("front-tour-intro", steps = selected.len()));
    let mut failed: Vec<&str> = Vec::new();
    let mut lesson = 0;
    for (i, step) in selected.iter().enumerate() {
        if step.lesson != lesson {
            lesson = step.lesson;
            let title = text(steps::LESSON_TITLES[usize::from(lesson - 1)]);
            println!(
                "\n══ {} ══",
                t!("front-tour-lesson", lesson = lesson, title = title)
            );
        }
        let concept = text(step.texts.concept);
        println!(
            "\n[{}/{}] {} · {concept}",
            i + 1,
            selected.len(),
            step.program
        );
        let step_args: Vec<String> = step.args.iter().map(|a| names.fill(a)).collect();
        println!("$ {}", shown_command(step.program, &step_args));
        let program = bin_dir.join(step.program);
        let problems = if program.is_file() {
            let outcome = exec::run(&program, &step_args, &env)?;
            interrupt::check("tour")?;
            check(step, &outcome, &names)
        } else {
            vec![t!("front-tour-missing", program = step.program)]
        };
        if problems.is_empty() {
            println!("✓ {}", t!("front-tour-ok", status = step.status));
        } else {
            for p in &problems {
                println!("✗ {p}");
            }
            failed.push(step.id);
        }
        println!("→ {}", text(step.texts.takeaway));
    }
    let secs = format!("{:.1}", started.elapsed().as_secs_f64());
    println!();
    if failed.is_empty() {
        println!(
            "{}",
            t!("front-tour-done", steps = selected.len(), seconds = secs)
        );
        Ok(())
    } else {
        Err(IpcError::refused(
            "tour",
            t!(
                "front-tour-failed",
                failed = failed.len(),
                steps = selected.len(),
                names = failed.join(", ")
            ),
        ))
    }
}

/// What the lesson says that the outcome does not show, one sentence each.
fn check(step: &Step, out: &Outcome, names: &Names) -> Vec<String> {
    let mut problems = Vec::new();
    if out.timed_out {
        problems.push(t!(
            "front-tour-timeout",
            seconds = exec::STEP_LIMIT.as_secs()
        ));
    }
    match (out.status, out.signal) {
        (Some(code), _) if code == step.status => {}
        (Some(code), _) => problems.push(t!(
            "front-tour-bad-status",
            status = code,
            expected = step.status
        )),
        (None, sig) => problems.push(t!(
            "front-tour-killed",
            signal = sig.unwrap_or(0),
            expected = step.status
        )),
    }
    for phrase in step.expect {
        let phrase = names.fill(phrase);
        if !out.output.contains(&phrase) {
            problems.push(t!("front-tour-lacks", phrase = phrase));
        }
    }
    let (exists, should, what) = match step.after {
        After::Nothing => return problems,
        After::SysvShm(should) => (
            key_in_use(SysvKind::SharedMemory, names.key),
            should,
            format!("System V segment {}", names.key),
        ),
        After::PosixShm(should) => (
            std::path::Path::new(&names.shm.fs_path()).exists(),
            should,
            names.shm.fs_path(),
        ),
        After::PosixSem(should) => (
            std::path::Path::new(&names.sem.fs_path()).exists(),
            should,
            names.sem.fs_path(),
        ),
        After::PosixMq(should) => (
            ipc_support::mq::exists(&names.mq),
            should,
            format!("message queue {}", names.mq),
        ),
    };
    if exists != should {
        problems.push(match should {
            true => t!("front-tour-should-exist", what = what),
            false => t!("front-tour-should-be-gone", what = what),
        });
    }
    problems
}

/// `cargo run -q -p PROGRAM -- ARGS`, quoted for a POSIX shell.
fn shown_command(program: &str, args: &[String]) -> String {
    let mut words = vec![format!("cargo run -q -p {program}")];
    if !args.is_empty() {
        words.push("--".to_string());
        words.extend(args.iter().map(|a| shell_quote(a)));
    }
    words.join(" ")
}

fn shell_quote(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./:=,@%+".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The objects this run of the tour uses: unique, so two tours (or a tour and a test) never
/// meet, and removed at the end whatever happened.
struct Names {
    key: SysvKey,
    msgkey: SysvKey,
    shm: ObjectName,
    mq: ObjectName,
    sem: ObjectName,
}

impl Names {
    fn new() -> Self {
        let shm = ObjectName::parse_shm(&unique_name("tour-shm")).expect("a valid generated name");
        Names {
            key: unique_key(),
            msgkey: unique_key(),
            shm,
            mq: ObjectName::parse_mq(&format!("/{}", unique_name("tour-mq")))
                .expect("a valid generated name"),
            sem: ObjectName::parse_sem(&unique_name("tour-sem")).expect("a valid generated name"),
        }
    }

    /// A step's argument or phrase with the placeholders replaced.
    fn fill(&self, template: &str) -> String {
        template
            .replace("{key}", &self.key.to_string())
            .replace("{msgkey}", &self.msgkey.to_string())
            .replace("{shm}", self.shm.bare())
            .replace("{mq}", self.mq.as_str())
            .replace("{sem}", self.sem.as_str())
    }

    /// A guard that removes whatever a step left of this run's objects.
    fn cleanup(&self) -> Cleanup {
        let (key, msgkey, mq) = (self.key, self.msgkey, self.mq.clone());
        let (shm, sem) = (self.shm.to_string(), self.sem.to_string());
        Cleanup::new("the tour's objects", move || {
            for o in objects::list_all().objects {
                let ours = match o.kind {
                    ObjectKind::SysvShm => o.key == Some(key),
                    ObjectKind::SysvMsg => o.key == Some(msgkey),
                    ObjectKind::PosixShm => o.name == shm,
                    ObjectKind::PosixSem => o.name == sem,
                    _ => false,
                };
                if ours {
                    let _ = crate::clean::remove(&o);
                }
            }
            // Queues are not listed while /dev/mqueue is not mounted: unlink by name.
            if ipc_support::mq::exists(&mq) {
                let _ = nix::mqueue::mq_unlink(mq.as_str());
            }
            Ok(())
        })
    }
}

/// The directory that holds the lesson programs: the one this executable is in (cargo
/// puts every binary of the workspace in the same target directory). When this is a build
/// from the workspace's sources, `cargo build --workspace --bins` runs first (quietly), so
/// that missing or stale programs are (re)built; only a missing program is announced.
fn programs_dir(steps: &[&Step]) -> ipc_support::Result<PathBuf> {
    let exe = std::env::current_exe()
        .map_err(|e| IpcError::refused("tour: current_exe", e.to_string()))?;
    let dir = exe.parent().unwrap_or(Path::new(".")).to_path_buf();
    let manifest = ipc_grade::workspace_root().join("Cargo.toml");
    let profile = dir.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let Some(target) = dir.parent() else {
        return Ok(dir);
    };
    if !manifest.is_file() || !matches!(profile, "debug" | "release") {
        return Ok(dir); // Not a workspace build: a missing program's step will say so.
    }
    let shown = "cargo build --workspace --bins";
    if steps.iter().any(|s| !dir.join(s.program).is_file()) {
        println!("{}", t!("front-tour-building", command = shown));
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut cmd = Command::new(&cargo);
    cmd.args(["build", "-q", "--workspace", "--bins", "--manifest-path"])
        .arg(&manifest)
        .arg("--target-dir")
        .arg(target);
    if profile == "release" {
        cmd.arg("--release");
    }
    let status = cmd
        .status()
        .map_err(|e| IpcError::refused(format!("{cargo} build"), e.to_string()))?;
    if !status.success() {
        // Ctrl-C reaches cargo too: an interrupted build is an interruption (exit 130),
        // not a build failure.
        interrupt::check("tour")?;
        return Err(IpcError::refused(shown, t!("front-tour-build-failed")));
    }
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_shown_quoted_for_the_shell() {
        let args = [
            "--message".to_string(),
            "it's here".to_string(),
            "/q".to_string(),
        ];
        assert_eq!(
            shown_command("posix-writer", &args),
            r"cargo run -q -p posix-writer -- --message 'it'\''s here' /q"
        );
        assert_eq!(
            shown_command("mmap-kinds", &[]),
            "cargo run -q -p mmap-kinds"
        );
    }

    #[test]
    fn placeholders_are_filled_with_this_runs_names() {
        let n = Names::new();
        assert_eq!(n.fill("--key {key}"), format!("--key {}", n.key));
        assert!(n.fill("{mq}").starts_with("/tour-mq-"));
        assert_eq!(n.fill("/dev/shm/{shm}"), n.shm.fs_path());
    }
}
