//! `ipc-lab trace -- PROGRAM [ARGS...]`: runs any program (ours, a C program, an exercise)
//! and shows, as they happen, the calls the lessons teach — of it and of every process and
//! thread it starts — with their arguments decoded, their result, and what each one means
//! in the lesson's words; then a summary: calls by kind, bytes copied through the kernel,
//! context switches. The program's own output and exit status pass through unchanged (the
//! trace goes to stderr, or to `--output FILE`). strace shows the raw calls; this shows the
//! lesson in them.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use ipc_sandbox::{Call, End, Event, Task, What};
use ipc_support::{IpcError, Result};
use ipc_text::{Id, id, t, text};
use nix::sys::signal::Signal;

#[derive(clap::Args)]
#[command(trailing_var_arg = true)]
pub struct Args {
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
    #[arg(required = true, num_args = 1.., allow_hyphen_values = true, value_name = "PROGRAM")]
    command: Vec<OsString>,
}

/// The running totals of the summary.
#[derive(Default)]
struct Summary {
    calls: BTreeMap<String, u64>,
    /// Bytes copied into and out of the kernel: pipe, socket and FIFO reads and writes,
    /// message queues' sends and receives.
    kernel_bytes: u64,
}

impl Summary {
    /// The first of its kind gets its explanation; later ones are lines of their own.
    fn first(&self, name: &str) -> bool {
        self.calls.get(name).copied() == Some(1)
    }
}

fn kind_of(name: &str) -> Id {
    match name {
        "shmget" | "shmat" | "shmdt" | "shmctl" => id!("trace-kind-shm-sysv"),
        "open" | "openat" | "ftruncate" | "mmap" | "munmap" | "unlink" | "unlinkat" | "link"
        | "linkat" => id!("trace-kind-shm-posix"),
        n if n.starts_with("mq_") => id!("trace-kind-mq-posix"),
        "msgget" | "msgsnd" | "msgrcv" | "msgctl" => id!("trace-kind-mq-sysv"),
        "semget" | "semop" | "semtimedop" | "semctl" | "futex" => id!("trace-kind-sync"),
        "read" | "readv" | "write" | "writev" | "recvfrom" | "recvmsg" | "sendto" | "sendmsg"
        | "pipe" | "pipe2" | "socketpair" => id!("trace-kind-stream"),
        _ => id!("trace-kind-process"),
    }
}

fn flags(value: u64, known: &[(u64, &str)]) -> String {
    let mut names: Vec<&str> = known
        .iter()
        .filter(|(bit, _)| *bit != 0 && value & bit == *bit)
        .map(|(_, n)| *n)
        .collect();
    let rest = known.iter().fold(value, |v, (bit, _)| v & !bit);
    let rest_text = format!("{rest:#o}");
    if rest != 0 || names.is_empty() {
        names.push(&rest_text);
    }
    names.join("|")
}

fn bits(flag: i32) -> u64 {
    u64::from(flag.unsigned_abs())
}

fn open_flags(value: u64) -> String {
    let access = match value & 3 {
        0 => "O_RDONLY",
        1 => "O_WRONLY",
        _ => "O_RDWR",
    };
    let mut text = access.to_string();
    for (bit, name) in [
        (bits(libc::O_CREAT), "O_CREAT"),
        (bits(libc::O_EXCL), "O_EXCL"),
        (bits(libc::O_TRUNC), "O_TRUNC"),
        (bits(libc::O_NONBLOCK), "O_NONBLOCK"),
    ] {
        if value & bit != 0 {
            text.push('|');
            text.push_str(name);
        }
    }
    text
}

fn ipc_flags(value: u64) -> String {
    let mut text = String::new();
    for (bit, name) in [(0o1000u64, "IPC_CREAT"), (0o2000, "IPC_EXCL")] {
        if value & bit != 0 {
            text.push_str(name);
            text.push('|');
        }
    }
    text.push_str(&format!("{:#o}", value & 0o777));
    text
}

fn key(value: u64) -> String {
    match value {
        0 => "IPC_PRIVATE".to_string(),
        k => format!("{:#x}", k & 0xffff_ffff),
    }
}

fn quoted(data: Option<&str>) -> String {
    let data = data.unwrap_or("");
    let mut shown: String = data.chars().take(40).flat_map(char::escape_debug).collect();
    if data.chars().count() > 40 {
        shown.push('…');
    }
    format!("\"{shown}\"")
}

/// A C `int` argument (a pid, a descriptor) as the signed number it is.
fn int(value: u64) -> i32 {
    i32::from_ne_bytes(
        u32::try_from(value & 0xffff_ffff)
            .unwrap_or(0)
            .to_ne_bytes(),
    )
}

fn signal_name(n: u64) -> String {
    i32::try_from(n)
        .ok()
        .and_then(|n| Signal::try_from(n).ok())
        .map_or_else(|| n.to_string(), |s| s.as_str().to_string())
}

/// The call's arguments as C would write them.
fn arguments(call: &Call) -> String {
    let a = |i: usize| call.args.get(i).copied().unwrap_or(0);
    let path = call.path.as_deref().unwrap_or("?");
    match call.name.as_str() {
        "shmget" => format!("{}, {}, {}", key(a(0)), a(1), ipc_flags(a(2))),
        "shmat" => format!(
            "{}, NULL, {}",
            a(0),
            if a(2) & 0o10000 != 0 {
                "SHM_RDONLY"
            } else {
                "0"
            }
        ),
        "shmdt" => format!("{:#x}", a(0)),
        "shmctl" | "msgctl" => format!(
            "{}, {}",
            a(0),
            match a(1) {
                0 => "IPC_RMID",
                1 => "IPC_SET",
                2 => "IPC_STAT",
                _ => "…",
            }
        ),
        "msgget" | "semget" => format!("{}, {}", key(a(0)), ipc_flags(a(a_flags(call)))),
        "msgsnd" => format!(
            "{}, {{type {}, {}}}, {}",
            a(0),
            call.priority.unwrap_or(0),
            quoted(call.data.as_deref()),
            a(2)
        ),
        "msgrcv" => format!("{}, …, {}, {}", a(0), a(2), a(3)),
        "open" | "openat" => {
            let flag_arg = if call.name == "open" { 1 } else { 2 };
            format!(
                "{path}, {}, {:#o}",
                open_flags(a(flag_arg)),
                a(flag_arg + 1) & 0o777
            )
        }
        "unlink" | "unlinkat" | "link" | "linkat" => path.to_string(),
        "ftruncate" => format!("{} ({path}), {}", a(0), a(1)),
        "mmap" => format!(
            "NULL, {}, {}, {}, {}",
            a(1),
            flags(
                a(2),
                &[
                    (bits(libc::PROT_READ), "PROT_READ"),
                    (bits(libc::PROT_WRITE), "PROT_WRITE")
                ]
            ),
            flags(
                a(3),
                &[
                    (bits(libc::MAP_SHARED), "MAP_SHARED"),
                    (bits(libc::MAP_ANONYMOUS), "MAP_ANONYMOUS")
                ]
            ),
            call.path
                .as_deref()
                .map_or_else(|| "-1".to_string(), |p| format!("{} ({p})", a(4)))
        ),
        "munmap" => format!("{:#x}, {}", a(0), a(1)),
        "mq_open" => format!("{path}, {}, {:#o}", open_flags(a(1)), a(2) & 0o777),
        "mq_unlink" => path.to_string(),
        "mq_timedsend" => format!(
            "{}, {}, {}, {}",
            a(0),
            quoted(call.data.as_deref()),
            a(2),
            call.priority.unwrap_or(0)
        ),
        "mq_timedreceive" => format!("{}, …, {}", a(0), a(2)),
        "read" | "readv" | "write" | "writev" | "recvfrom" | "recvmsg" | "sendto" | "sendmsg" => {
            match &call.data {
                Some(_) => format!(
                    "{} ({path}), {}, {}",
                    a(0),
                    quoted(call.data.as_deref()),
                    a(2)
                ),
                None => format!("{} ({path}), …, {}", a(0), a(2)),
            }
        }
        "futex" => format!("{:#x} ({path}), FUTEX_WAIT", a(0)),
        "kill" => format!("{}, {}", int(a(0)), signal_name(a(1))),
        "tgkill" => format!("{}, {}, {}", a(0), a(1), signal_name(a(2))),
        "tkill" => format!("{}, {}", a(0), signal_name(a(1))),
        "wait4" => format!("{}", int(a(0))),
        "waitid" => format!("{}", int(a(1))),
        "pipe" | "pipe2" | "socketpair" => call.data.clone().unwrap_or_default(),
        _ => String::new(),
    }
}

/// Which argument holds the flags of msgget (1) and semget (2).
fn a_flags(call: &Call) -> usize {
    if call.name == "semget" { 2 } else { 1 }
}

/// The result as C sees it: the value, or -1 and the errno's name.
fn result(call: &Call) -> String {
    match call.ret {
        None => "?".to_string(),
        Some(r) if (-4095..0).contains(&r) => {
            let errno = nix::errno::Errno::from_raw(i32::try_from(-r).unwrap_or(0));
            match r {
                -512..=-510 | -516 => "? (interrupted, restarted)".to_string(),
                _ => format!("-1 {errno:?} ({})", errno.desc()),
            }
        }
        Some(r) => match call.name.as_str() {
            "shmat" | "mmap" => format!("{r:#x}"),
            "mq_timedreceive" | "msgrcv" => format!(
                "{r} {} {}",
                quoted(call.data.as_deref()),
                call.priority
                    .map_or_else(String::new, |p| t!("trace-priority", priority = p))
            ),
            _ => r.to_string(),
        },
    }
}

/// The lesson's one-line explanation of a call (empty for calls it does not explain).
fn explanation(call: &Call) -> String {
    explanation_of(&call.name).map_or_else(String::new, text)
}

/// The explanation of the call `name`; calls that do the same share one.
fn explanation_of(name: &str) -> Option<Id> {
    Some(match name {
        "shmget" => id!("trace-explain-shmget"),
        "shmat" => id!("trace-explain-shmat"),
        "shmdt" => id!("trace-explain-shmdt"),
        "shmctl" => id!("trace-explain-shmctl"),
        "open" | "openat" => id!("trace-explain-open"),
        "ftruncate" => id!("trace-explain-ftruncate"),
        "mmap" => id!("trace-explain-mmap"),
        "munmap" => id!("trace-explain-munmap"),
        "unlink" | "unlinkat" => id!("trace-explain-unlink"),
        "link" | "linkat" => id!("trace-explain-link"),
        "mq_open" => id!("trace-explain-mq-open"),
        "mq_timedsend" => id!("trace-explain-mq-timedsend"),
        "mq_timedreceive" => id!("trace-explain-mq-timedreceive"),
        "mq_unlink" => id!("trace-explain-mq-unlink"),
        "mq_getsetattr" => id!("trace-explain-mq-getsetattr"),
        "mq_notify" => id!("trace-explain-mq-notify"),
        "msgget" => id!("trace-explain-msgget"),
        "msgsnd" => id!("trace-explain-msgsnd"),
        "msgrcv" => id!("trace-explain-msgrcv"),
        "msgctl" => id!("trace-explain-msgctl"),
        "semget" => id!("trace-explain-semget"),
        "semop" => id!("trace-explain-semop"),
        "semtimedop" => id!("trace-explain-semtimedop"),
        "semctl" => id!("trace-explain-semctl"),
        "futex" => id!("trace-explain-futex"),
        "wait4" => id!("trace-explain-wait4"),
        "waitid" => id!("trace-explain-waitid"),
        "kill" => id!("trace-explain-kill"),
        "tgkill" | "tkill" => id!("trace-explain-tkill"),
        "nanosleep" | "clock_nanosleep" => id!("trace-explain-nanosleep"),
        "read" => id!("trace-explain-read"),
        "readv" => id!("trace-explain-readv"),
        "recvfrom" | "recvmsg" => id!("trace-explain-recv"),
        "write" => id!("trace-explain-write"),
        "writev" => id!("trace-explain-writev"),
        "sendto" | "sendmsg" => id!("trace-explain-send"),
        "pipe" | "pipe2" => id!("trace-explain-pipe"),
        "socketpair" => id!("trace-explain-socketpair"),
        _ => return None,
    })
}

fn pid_of(tasks: &[Task], id: usize) -> i32 {
    tasks.get(id).map_or(0, |t| t.pid)
}

fn describe_end(end: &End) -> String {
    match end {
        End::Exited(code) => t!("trace-ended-exited", status = code),
        End::Signaled(sig) => t!(
            "trace-ended-signaled",
            signal = Signal::try_from(*sig).map_or("?", Signal::as_str)
        ),
        _ => t!("trace-ended-other"),
    }
}

/// One line of the trace for `event`, or None for what it does not show.
fn line(event: &Event, tasks: &[Task], summary: &mut Summary) -> Option<String> {
    let pid = pid_of(tasks, event.task);
    match &event.what {
        What::Born {
            parent: Some(parent),
            thread,
        } => {
            let parent = pid_of(tasks, *parent);
            Some(match thread {
                true => t!("trace-born-thread", parent = parent, thread = pid),
                false => t!("trace-born-process", parent = parent, child = pid),
            })
        }
        What::Ended { end, .. } => Some(format!("[{pid}] {}", describe_end(end))),
        What::Call(call) => {
            *summary.calls.entry(call.name.clone()).or_default() += 1;
            let moved = match call.name.as_str() {
                "read" | "readv" | "write" | "writev" | "recvfrom" | "recvmsg" | "sendto"
                | "sendmsg" | "mq_timedreceive" | "msgrcv" => call.ret.filter(|r| *r > 0),
                "mq_timedsend" | "msgsnd" => call
                    .ret
                    .filter(|r| *r == 0)
                    .and(call.args.get(2).and_then(|n| i64::try_from(*n).ok())),
                _ => None,
            };
            summary.kernel_bytes += moved.map_or(0, |n| u64::try_from(n).unwrap_or(0));
            let explained = if summary.first(&call.name) {
                explanation(call)
            } else {
                String::new()
            };
            let mut line = format!(
                "[{pid}] {}({}) = {}",
                call.name,
                arguments(call),
                result(call)
            );
            if !explained.is_empty() {
                line.push_str("  — ");
                line.push_str(&explained);
            }
            Some(line)
        }
        _ => None,
    }
}

fn finish(summary: &Summary, tasks: &[Task]) -> Vec<String> {
    let mut lines = vec![t!("trace-summary-title")];
    let mut by_kind: BTreeMap<&str, (Id, Vec<String>)> = BTreeMap::new();
    for (name, n) in &summary.calls {
        let kind = kind_of(name);
        by_kind
            .entry(kind.as_str())
            .or_insert_with(|| (kind, Vec::new()))
            .1
            .push(format!("{name} {n}"));
    }
    for (kind, calls) in by_kind.into_values() {
        lines.push(format!("  {}: {}", text(kind), calls.join(", ")));
    }
    lines.push(format!(
        "  {}",
        t!("trace-summary-bytes", bytes = summary.kernel_bytes)
    ));
    let processes: Vec<&Task> = tasks.iter().filter(|t| !t.thread).collect();
    let voluntary: u64 = tasks.iter().map(|t| t.usage.voluntary_switches).sum();
    let involuntary: u64 = tasks.iter().map(|t| t.usage.involuntary_switches).sum();
    lines.push(format!(
        "  {}",
        t!(
            "trace-summary-switches",
            voluntary = voluntary,
            forced = involuntary,
            processes = processes.len()
        )
    ));
    lines
}

/// Whether `program` names an executable file, directly (with a `/`) or on PATH.
fn runnable(program: &std::ffi::OsStr) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let executable = |path: &std::path::Path| {
        std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    };
    if program.as_encoded_bytes().contains(&b'/') {
        return executable(std::path::Path::new(program));
    }
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| executable(&dir.join(program)))
    })
}

pub fn run(args: Args) -> Result<()> {
    args.lang.apply();
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::fs::File::create(path).map_err(|e| {
            IpcError::refused(format!("--output {}", path.display()), e.to_string())
        })?),
        None => Box::new(std::io::stderr()),
    };
    let (program, rest) = args
        .command
        .split_first()
        .ok_or_else(|| IpcError::refused("ipc-lab trace", "name the program to run"))?;
    if !runnable(program) {
        // As a shell says it, with a shell's status.
        ipc_support::warn(&format!(
            "ipc-lab trace: cannot run {}: no such program (give its path, or a command on PATH)",
            program.to_string_lossy()
        ));
        std::process::exit(127);
    }
    let mut summary = Summary::default();
    let mut write_failed = None;
    let mut sink = |event: &Event, tasks: &[Task]| {
        if let Some(text) = line(event, tasks, &mut summary) {
            if write_failed.is_none() {
                if let Err(e) = writeln!(out, "{text}") {
                    write_failed = Some(e);
                }
            }
        }
    };
    let report = ipc_sandbox::trace(program, rest, &mut sink)
        .map_err(|why| IpcError::refused("ipc-lab trace", why))?;
    for text in finish(&summary, &report.tasks) {
        if write_failed.is_none() {
            if let Err(e) = writeln!(out, "{text}") {
                write_failed = Some(e);
            }
        }
    }
    if let Some(e) = write_failed {
        return Err(IpcError::refused("writing the trace", e.to_string()));
    }
    // The program's exit status is the trace's.
    let code = match report.end {
        End::Exited(code) => code,
        End::Signaled(sig) => 128 + sig,
        _ => 1,
    };
    let _ = out.flush();
    std::process::exit(code)
}
