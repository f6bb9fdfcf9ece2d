//! `ipc-lab tour`: runs the real lesson programs through every section of the course's two
//! lessons, in their order, named by the course's numbering (000 §3, 003 §2.4). Each step
//! shows its section and concept, the exact command (so the student can run it again), the
//! program's output, whether it behaved as the lesson says — on what was measured, never
//! on a number this machine may not give — and a one-line takeaway. `--json` gives the
//! same as one document: every step with its section, command, observation and verdict.

mod exec;
mod measure;
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
use serde::Serialize;

use exec::Outcome;
use steps::{After, LESSONS, Measure, SECTIONS, STEPS, Section, Step};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_name = "LESSON", value_parser = LESSONS)]
    lesson: Option<String>,
    #[arg(long, value_name = "SECTION", requires = "lesson")]
    section: Option<String>,
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
}

/// One step as `--json` lists it.
#[derive(Serialize)]
struct StepReport {
    id: &'static str,
    lesson: &'static str,
    section: &'static str,
    /// The section as the course names it, in the chosen language: `003 §2.4`.
    label: String,
    title: String,
    concept: String,
    command: String,
    exit_status: Option<i32>,
    observation: String,
    verdict: &'static str,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct TourReport {
    language: &'static str,
    steps: Vec<StepReport>,
    passed: usize,
    failed: usize,
    seconds: f64,
}

/// `000 §3` / `bài 000, mục 3`; the unnumbered sections by name.
fn section_label(section: &Section) -> String {
    match section.name() {
        None => t!(
            "front-tour-section",
            lesson = section.lesson,
            part = section.part
        ),
        Some(name) => t!(
            "front-tour-section-named",
            lesson = section.lesson,
            name = text(name)
        ),
    }
}

fn section_title(section: &Section) -> String {
    text(section.title())
}

/// The steps `--lesson` and `--section` select, or why none.
fn select(args: &Args) -> ipc_support::Result<Vec<&'static Step>> {
    let selected: Vec<&Step> = STEPS
        .iter()
        .filter(|s| args.lesson.as_deref().is_none_or(|l| s.section.lesson == l))
        .filter(|s| {
            args.section
                .as_deref()
                .is_none_or(|part| s.section.is_under(part))
        })
        .collect();
    if selected.is_empty() {
        let lesson = args.lesson.as_deref().unwrap_or("");
        let parts: Vec<&str> = SECTIONS
            .iter()
            .filter(|s| s.lesson == lesson)
            .map(|s| s.part)
            .collect();
        return Err(IpcError::refused(
            "--section",
            t!(
                "front-tour-no-section",
                section = args.section.as_deref().unwrap_or(""),
                lesson = lesson,
                sections = parts.join(", ")
            ),
        ));
    }
    Ok(selected)
}

pub fn run(args: Args) -> ipc_support::Result<()> {
    args.lang.apply();
    interrupt::install()?;
    let selected = select(&args)?;
    let human = !args.json;
    let bin_dir = programs_dir(&selected, human)?;
    let started = Instant::now();
    let names = Names::new(&bin_dir);
    let _cleanup = names.cleanup();
    let lang = ipc_text::lang().code();
    let env = [("IPC_LAB_LANG", lang.to_string())];

    if human {
        println!("{}", t!("front-tour-intro", steps = selected.len()));
    }
    let mut reports: Vec<StepReport> = Vec::new();
    let mut section: Option<Section> = None;
    // The address the first process of a --maps pair got, for the second to compare.
    let mut first_address: Option<usize> = None;
    for (i, step) in selected.iter().enumerate() {
        let label = section_label(&step.section);
        if section != Some(step.section) {
            section = Some(step.section);
            if human {
                println!("\n══ {label} · {} ══", section_title(&step.section));
            }
        }
        let concept = text(step.texts.concept);
        let step_args: Vec<String> = step.args.iter().map(|a| names.fill(a)).collect();
        let command = shown_command(step.program, &step_args);
        if human {
            println!(
                "\n[{}/{}] {label} · {} · {concept}",
                i + 1,
                selected.len(),
                step.program
            );
            println!("$ {command}");
        }
        let program = bin_dir.join(step.program);
        let (problems, observation, status) = if program.is_file() {
            let outcome = exec::run(&program, &step_args, &env, human)?;
            interrupt::check("tour")?;
            let (problems, observation) = check(step, &outcome, &names, &mut first_address);
            (problems, observation, outcome.status)
        } else {
            (
                vec![t!("front-tour-missing", program = step.program)],
                String::new(),
                None,
            )
        };
        if human {
            if problems.is_empty() {
                println!("✓ {}", t!("front-tour-ok", status = step.status));
            } else {
                for p in &problems {
                    println!("✗ {p}");
                }
            }
            if step.measure != Measure::None && !observation.is_empty() {
                println!("≈ {observation}");
            }
            println!("→ {}", text(step.texts.takeaway));
        }
        reports.push(StepReport {
            id: step.id,
            lesson: step.section.lesson,
            section: step.section.part,
            label,
            title: section_title(&step.section),
            concept,
            command,
            exit_status: status,
            observation,
            verdict: if problems.is_empty() { "ok" } else { "failed" },
            problems,
        });
    }
    let seconds = started.elapsed().as_secs_f64();
    let failed: Vec<&str> = reports
        .iter()
        .filter(|r| r.verdict != "ok")
        .map(|r| r.id)
        .collect();
    let total = reports.len();
    if human {
        println!();
        if failed.is_empty() {
            println!(
                "{}",
                t!(
                    "front-tour-done",
                    steps = total,
                    seconds = format!("{seconds:.1}")
                )
            );
        }
    } else {
        let doc = TourReport {
            language: lang,
            passed: total - failed.len(),
            failed: failed.len(),
            steps: Vec::new(),
            seconds: (seconds * 10.0).round() / 10.0,
        };
        let doc = TourReport {
            steps: reports,
            ..doc
        };
        let json = serde_json::to_string_pretty(&doc)
            .map_err(|e| IpcError::refused("tour --json", e.to_string()))?;
        println!("{json}");
    }
    if failed.is_empty() {
        return Ok(());
    }
    Err(IpcError::refused(
        "tour",
        t!(
            "front-tour-failed",
            failed = failed.len(),
            steps = total,
            names = failed.join(", ")
        ),
    ))
}

/// What the lesson says that the outcome does not show, one sentence each; and what was
/// observed, in one line.
fn check(
    step: &Step,
    out: &Outcome,
    names: &Names,
    first_address: &mut Option<usize>,
) -> (Vec<String>, String) {
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
    let phrases: Vec<String> = step.expect.iter().map(|p| names.fill(p)).collect();
    for phrase in &phrases {
        if !out.output.contains(phrase.as_str()) {
            problems.push(t!("front-tour-lacks", phrase = phrase));
        }
    }
    let mut observation = observed_lines(&out.output, &phrases);
    if let Measure::Maps { call, perms, first } = step.measure {
        match measure::maps_seen(&out.output) {
            Some(seen) => {
                let earlier = if first { None } else { *first_address };
                let (found, line) = measure::check_maps(&seen, call, perms, earlier);
                problems.extend(found);
                observation = line;
                if first {
                    *first_address = Some(seen.returned);
                }
            }
            None => problems.push(t!("front-tour-maps-no-report")),
        }
    }
    if let Measure::NoCallCarries(text) = step.measure {
        let (carrying, summary) = measure::calls_carrying(&out.output, text);
        for call in carrying {
            problems.push(t!("front-tour-trace-carried", text = text, call = call));
        }
        observation = t!("front-tour-trace-seen", text = text, calls = summary);
    }
    let (exists, should, what) = match step.after {
        After::Nothing => return (problems, observation),
        After::SysvShm(should) => (
            key_in_use(SysvKind::SharedMemory, names.key),
            should,
            t!("front-tour-sysv-segment", key = names.key.to_string()),
        ),
        After::SysvMsg(should) => (
            key_in_use(SysvKind::MessageQueue, names.msgkey),
            should,
            t!("front-tour-sysv-queue", key = names.msgkey.to_string()),
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
    (problems, observation)
}

/// The output's lines that hold an expected phrase (each once, trimmed), joined; or its
/// last line when the step expects no phrase.
fn observed_lines(output: &str, phrases: &[String]) -> String {
    let mut lines: Vec<&str> = Vec::new();
    // A demo's own title line (`== 2.1 … ==`) repeats the section, not what happened.
    for line in output
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("== "))
    {
        if phrases.iter().any(|p| line.contains(p.as_str())) && !lines.contains(&line) {
            lines.push(line);
        }
    }
    if lines.is_empty() {
        return output
            .lines()
            .map(str::trim)
            .rfind(|l| !l.is_empty())
            .unwrap_or("")
            .to_string();
    }
    lines.join(" | ")
}

/// `cargo run -q -p PROGRAM -- ARGS`, quoted for a POSIX shell.
fn shown_command(program: &str, args: &[String]) -> String {
    // An exercise's solution is a binary of the root package, not a package of its own.
    let run = if program.ends_with("_sol") {
        format!("cargo run -q --bin {program}")
    } else {
        format!("cargo run -q -p {program}")
    };
    let mut words = vec![run];
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
    /// The folder of the built programs, for a step that runs one through another
    /// (`ipc-lab trace -- {bin}/posix-writer`).
    bin: String,
    key: SysvKey,
    msgkey: SysvKey,
    shm: ObjectName,
    mq: ObjectName,
    sem: ObjectName,
}

impl Names {
    fn new(bin: &Path) -> Self {
        let shm = ObjectName::parse_shm(&unique_name("tour-shm")).expect("a valid generated name");
        Names {
            bin: bin.display().to_string(),
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
            .replace("{bin}", &self.bin)
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
fn programs_dir(steps: &[&Step], announce: bool) -> ipc_support::Result<PathBuf> {
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
    if announce && steps.iter().any(|s| !dir.join(s.program).is_file()) {
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
    use ipc_text::Lang;

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
        assert_eq!(
            shown_command("ex01_sol", &[]),
            "cargo run -q --bin ex01_sol"
        );
    }

    #[test]
    fn sections_are_named_by_the_courses_numbering() {
        let s24 = Section {
            lesson: "003",
            part: "2.4",
        };
        let ex = Section {
            lesson: "000",
            part: "ex",
        };
        ipc_text::with_lang(Lang::EN, || {
            assert_eq!(section_label(&s24), "003 §2.4");
            assert_eq!(section_label(&ex), "000 · exercise");
        });
        let vi = Lang::from_code("vi").expect("Vietnamese is listed");
        ipc_text::with_lang(vi, || {
            assert_eq!(section_label(&s24), "bài 003, mục 2.4");
        });
    }

    #[test]
    fn observations_are_the_lines_with_the_expected_phrases() {
        let out = "scenario: x\nerrno:    EAGAIN (Try again)\nfix: y\n";
        assert_eq!(
            observed_lines(out, &["EAGAIN".into()]),
            "errno:    EAGAIN (Try again)"
        );
        assert_eq!(observed_lines(out, &[]), "fix: y");
    }

    #[test]
    fn placeholders_are_filled_with_this_runs_names() {
        let n = Names::new(Path::new("/x/target/debug"));
        assert_eq!(n.fill("--key {key}"), format!("--key {}", n.key));
        assert!(n.fill("{mq}").starts_with("/tour-mq-"));
        assert_eq!(n.fill("/dev/shm/{shm}"), n.shm.fs_path());
        assert_eq!(n.fill("{bin}/posix-writer"), "/x/target/debug/posix-writer");
    }
}
