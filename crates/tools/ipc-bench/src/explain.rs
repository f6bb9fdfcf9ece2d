//! `ipc-bench --explain`: what one message costs each mechanism, counted by the kernel
//! rather than timed. Lesson 000 §2 says a pipe costs read/write calls, copies through the
//! kernel and switches between user and kernel space, and shared memory none of them; 003
//! §1 says a queue copies the data in and out. A sender process sends N messages to a
//! receiver process, and for each side, over exactly those N messages:
//!
//! - the system calls, seen by ptrace in a second, traced run (a traced process stops at
//!   each call, which would spoil the switch counts of the first), with the bytes each data
//!   call carried (a read's or receive's result, a send's length);
//! - the bytes /proc/PID/io counts (read and write calls only: a queue's bytes do not show
//!   there), read by the parent before the child is reaped;
//! - the voluntary and involuntary context switches, from the child's own getrusage.
//!
//! The window is marked in shared memory: each side sets its phase to 1 before its first
//! message and to 2 after its last, and nothing else of it runs in between.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use ipc_support::process::{ChildEnd, coordination_page, fork_child};
use ipc_support::{Context, IpcError, Result, call, interrupt};
use ipc_sys::trace::{SyscallStop, syscall_stop};
use ipc_text::t;
use nix::sys::ptrace;
use nix::sys::resource::{UsageWho, getrusage};
use nix::sys::signal::Signal;
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::Pid;

use crate::futex;
use crate::size::human;
use crate::transport::{Channel, Endpoint, Mechanism, SetupError, Side};

/// The two children of a run, and the sender's end, which the parent keeps until they are
/// done: dropping it would destroy what the receiver's end attached to (shm-sem's
/// semaphores).
type Pair<'c> = ([ipc_support::process::Child; 2], Box<dyn Endpoint + 'c>);

/// How long the parent waits for a child at any one step before it gives up.
const PATIENCE: Duration = Duration::from_secs(30);
/// A traced child's exit status when ptrace was refused: the run goes on untraced.
const NO_PTRACE: i32 = 5;

const SENDER: usize = 0;
const RECEIVER: usize = 1;

ipc_sys::shareable! {
    /// What the parent and the two children of one run tell each other.
    #[repr(C)]
    struct Stage {
        ready: AtomicU32,
        go: AtomicU32,
        done: AtomicU32,
        leave: AtomicU32,
        /// Per side: 0 before its messages, 1 during them, 2 after.
        phase: [AtomicU32; 2],
        /// Per side: voluntary, then involuntary switches during the messages.
        switches: [AtomicU64; 4],
    }
}

/// Messages per run: enough for a steady figure, at most 16 MiB each way.
pub fn messages_for(size: usize) -> u32 {
    u32::try_from(((16 << 20) / size.max(1)).clamp(16, 1000)).unwrap_or(1000)
}

/// What one side did during its messages.
#[derive(Debug, Default, Clone)]
struct SideCount {
    /// From the traced run: calls by name, and the bytes the data calls carried.
    calls: BTreeMap<&'static str, u64>,
    call_bytes: u64,
    /// /proc/PID/io: read+write bytes and calls (rchar + wchar, syscr + syscw).
    io_bytes: u64,
    voluntary: u64,
    involuntary: u64,
}

/// One mechanism at one size.
struct Row {
    mechanism: &'static Mechanism,
    size: usize,
    messages: u32,
    sides: [SideCount; 2],
    /// False when ptrace was refused: the call columns are empty.
    traced: bool,
    note: Option<String>,
    unavailable: Option<String>,
}

/// The two numbers of /proc/PID/io the lesson's claim is about.
fn proc_io(pid: Pid) -> Result<u64> {
    let path = format!("/proc/{pid}/io");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| IpcError::refused(format!("read {path}"), e.to_string()))?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(0)
    };
    Ok(field("rchar:") + field("wchar:"))
}

/// The name of a system call the runs can meet, by its number on this architecture.
fn call_name(nr: u64) -> &'static str {
    let Ok(nr) = i64::try_from(nr) else {
        return "other";
    };
    let known: &[(i64, &str)] = &[
        (nix::libc::SYS_read, "read"),
        (nix::libc::SYS_write, "write"),
        (nix::libc::SYS_readv, "readv"),
        (nix::libc::SYS_writev, "writev"),
        (nix::libc::SYS_recvfrom, "recvfrom"),
        (nix::libc::SYS_sendto, "sendto"),
        (nix::libc::SYS_mq_timedsend, "mq_timedsend"),
        (nix::libc::SYS_mq_timedreceive, "mq_timedreceive"),
        (nix::libc::SYS_msgsnd, "msgsnd"),
        (nix::libc::SYS_msgrcv, "msgrcv"),
        (nix::libc::SYS_futex, "futex"),
        (nix::libc::SYS_sched_yield, "sched_yield"),
    ];
    known
        .iter()
        .find(|(n, _)| *n == nr)
        .map_or("other", |(_, name)| name)
}

/// The bytes a finished call carried through the kernel: what a read or receive returned,
/// or the length a send was given when it succeeded.
fn carried(name: &str, len_arg: u64, value: i64, is_error: bool) -> u64 {
    if is_error {
        return 0;
    }
    match name {
        "read" | "readv" | "recvfrom" | "write" | "writev" | "sendto" | "mq_timedreceive"
        | "msgrcv" => u64::try_from(value).unwrap_or(0),
        "mq_timedsend" | "msgsnd" if value == 0 => len_arg,
        _ => 0,
    }
}

/// One side's body in a child: wait for `go`, make `count` calls of `step` between the
/// phase marks, report the switches, wait for `leave`.
fn side(
    stage: &Stage,
    who: usize,
    traced: bool,
    mut step: impl FnMut() -> Result<()>,
    count: u32,
) -> i32 {
    if traced {
        if ptrace::traceme().is_err() {
            return NO_PTRACE;
        }
        // Stopped until the parent has set the options and lets it go.
        let _ = nix::sys::signal::raise(Signal::SIGSTOP);
    }
    stage.ready.fetch_add(1, Ordering::SeqCst);
    while stage.go.load(Ordering::SeqCst) == 0 {
        let _ = futex::wait(&stage.go, 0);
    }
    let before = getrusage(UsageWho::RUSAGE_SELF);
    stage.phase[who].store(1, Ordering::SeqCst);
    let mut result = Ok(());
    for _ in 0..count {
        result = step();
        if result.is_err() {
            break;
        }
    }
    stage.phase[who].store(2, Ordering::SeqCst);
    let after = getrusage(UsageWho::RUSAGE_SELF);
    if let (Ok(b), Ok(a)) = (before, after) {
        let delta = |x: i64, y: i64| u64::try_from(y - x).unwrap_or(0);
        stage.switches[2 * who].store(
            delta(
                b.voluntary_context_switches(),
                a.voluntary_context_switches(),
            ),
            Ordering::SeqCst,
        );
        stage.switches[2 * who + 1].store(
            delta(
                b.involuntary_context_switches(),
                a.involuntary_context_switches(),
            ),
            Ordering::SeqCst,
        );
    }
    stage.done.fetch_add(1, Ordering::SeqCst);
    while stage.leave.load(Ordering::SeqCst) == 0 {
        let _ = futex::wait(&stage.leave, 0);
    }
    match result {
        Ok(()) => 0,
        Err(e) => {
            ipc_support::warn(&format!("ipc-bench (child): {e}"));
            1
        }
    }
}

/// Forks the sender (on the parent's end, made here first: it initialises what the other
/// end attaches to) and the receiver (on its own end).
fn fork_pair<'c>(
    channel: &'c dyn Channel,
    stage: &Stage,
    size: usize,
    count: u32,
    traced: bool,
) -> Result<Pair<'c>> {
    let mut sending = channel.end(Side::Parent)?;
    let sender = fork_child(|| {
        let msg = vec![0x5a; size];
        let sending = &mut sending;
        side(stage, SENDER, traced, || sending.send(&msg), count)
    })?;
    let receiver = fork_child(|| {
        let mut receiving = match channel.end(Side::Child) {
            Ok(end) => end,
            Err(e) => {
                ipc_support::warn(&format!("ipc-bench (child): {e}"));
                return 1;
            }
        };
        let mut buf = vec![0u8; size];
        side(stage, RECEIVER, traced, || receiving.recv(&mut buf), count)
    })?;
    Ok(([sender, receiver], sending))
}

/// Polls until `cond` or PATIENCE; Ctrl-C, or a child that ended, ends the wait.
fn wait_for(
    what: &str,
    children: &[ipc_support::process::Child],
    cond: impl Fn() -> bool,
) -> Result<()> {
    let start = Instant::now();
    while !cond() {
        interrupt::check(what)?;
        let ended = |c: &ipc_support::process::Child| {
            ipc_support::process::proc_state(c.pid()).is_none_or(|s| s.starts_with('Z'))
        };
        if children.iter().any(ended) {
            return Err(IpcError::refused(
                what,
                "a child ended before its messages were done",
            ));
        }
        if start.elapsed() > PATIENCE {
            return Err(IpcError::refused(
                what,
                "the children did not get there within 30 s",
            ));
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    Ok(())
}

/// The untraced run: /proc/PID/io around the messages, and the children's switches.
fn counted_run(channel: &dyn Channel, size: usize, count: u32) -> Result<[SideCount; 2]> {
    let map = coordination_page()?;
    let stage: &Stage = map.place(0).context(|| "the stage page".to_string())?;
    let (children, _sending) = fork_pair(channel, stage, size, count, false)?;
    wait_for("waiting for the children to be ready", &children, || {
        stage.ready.load(Ordering::SeqCst) == 2
    })?;
    // Both wait on a futex now, which /proc/PID/io does not count.
    let before = [proc_io(children[0].pid())?, proc_io(children[1].pid())?];
    stage.go.store(1, Ordering::SeqCst);
    futex::wake_all(&stage.go);
    wait_for("waiting for the messages", &children, || {
        stage.done.load(Ordering::SeqCst) == 2
    })?;
    let after = [proc_io(children[0].pid())?, proc_io(children[1].pid())?];
    stage.leave.store(1, Ordering::SeqCst);
    futex::wake_all(&stage.leave);
    let mut sides: [SideCount; 2] = Default::default();
    for (who, child) in children.into_iter().enumerate() {
        match child.wait_interruptibly("waiting for the children", Some(PATIENCE))? {
            ChildEnd::Exited(0) => {}
            end => {
                return Err(IpcError::refused(
                    "ipc-bench --explain",
                    format!("a child {end}"),
                ));
            }
        }
        sides[who].io_bytes = after[who].saturating_sub(before[who]);
        sides[who].voluntary = stage.switches[2 * who].load(Ordering::SeqCst);
        sides[who].involuntary = stage.switches[2 * who + 1].load(Ordering::SeqCst);
    }
    Ok(sides)
}

/// Kills and reaps the traced children still alive when the traced run leaves early.
struct Tracees(Vec<Pid>);

impl Drop for Tracees {
    fn drop(&mut self) {
        for pid in self.0.drain(..) {
            let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
            let _ = waitpid(pid, Some(WaitPidFlag::__WALL));
        }
    }
}

/// The traced run: each side's calls (and their bytes) between its phase marks. None when
/// this system refuses ptrace.
fn traced_run(channel: &dyn Channel, size: usize, count: u32) -> Result<Option<[SideCount; 2]>> {
    let map = coordination_page()?;
    let stage: &Stage = map.place(0).context(|| "the stage page".to_string())?;
    // Nobody needs to wait here: the phase marks delimit what is counted.
    stage.go.store(1, Ordering::SeqCst);
    stage.leave.store(1, Ordering::SeqCst);
    let ([sender, receiver], _sending) = fork_pair(channel, stage, size, count, true)?;
    let pids = [sender.into_pid(), receiver.into_pid()];
    let mut alive = Tracees(pids.to_vec());
    for pid in pids {
        match waitpid(pid, Some(WaitPidFlag::__WALL)).context(|| call!("waitpid", pid))? {
            WaitStatus::Stopped(_, Signal::SIGSTOP) => {}
            WaitStatus::Exited(_, NO_PTRACE) => {
                alive.0.retain(|p| *p != pid);
                return Ok(None);
            }
            other => {
                return Err(IpcError::refused(
                    "ipc-bench --explain",
                    format!("a traced child started as {other:?}"),
                ));
            }
        }
        ptrace::setoptions(
            pid,
            ptrace::Options::PTRACE_O_TRACESYSGOOD | ptrace::Options::PTRACE_O_EXITKILL,
        )
        .context(|| call!("ptrace", "PTRACE_SETOPTIONS", pid))?;
        ptrace::syscall(pid, None).context(|| call!("ptrace", "PTRACE_SYSCALL", pid))?;
    }
    let mut sides: [SideCount; 2] = Default::default();
    // Per side: the call it is in (name, length argument, counted).
    let mut pending: [Option<(&'static str, u64, bool)>; 2] = [None, None];
    while !alive.0.is_empty() {
        let status = match waitpid(Pid::from_raw(-1), Some(WaitPidFlag::__WALL)) {
            Ok(status) => status,
            Err(nix::errno::Errno::EINTR) => {
                interrupt::check("tracing")?;
                continue;
            }
            Err(e) => return Err(e).context(|| call!("waitpid", -1)),
        };
        let Some(pid) = status.pid() else { continue };
        let Some(who) = pids.iter().position(|p| *p == pid) else {
            continue;
        };
        match status {
            WaitStatus::PtraceSyscall(_) => {
                match syscall_stop(pid) {
                    Ok(SyscallStop::Entry { nr, args }) => {
                        let name = call_name(nr);
                        let inside = stage.phase[who].load(Ordering::SeqCst) == 1;
                        if inside {
                            *sides[who].calls.entry(name).or_default() += 1;
                        }
                        pending[who] = Some((name, args[2], inside));
                    }
                    Ok(SyscallStop::Exit { value, is_error }) => {
                        if let Some((name, len, true)) = pending[who].take() {
                            sides[who].call_bytes += carried(name, len, value, is_error);
                        }
                    }
                    _ => {}
                }
                let _ = ptrace::syscall(pid, None);
            }
            WaitStatus::Stopped(_, signal) => {
                let _ = ptrace::syscall(pid, Some(signal));
            }
            WaitStatus::Exited(_, code) => {
                alive.0.retain(|p| *p != pid);
                if code != 0 {
                    return Err(IpcError::refused(
                        "ipc-bench --explain",
                        format!("a traced child exited with status {code}"),
                    ));
                }
            }
            WaitStatus::Signaled(_, signal, _) => {
                alive.0.retain(|p| *p != pid);
                return Err(IpcError::refused(
                    "ipc-bench --explain",
                    format!("a traced child was killed by {}", signal.as_str()),
                ));
            }
            _ => {
                let _ = ptrace::syscall(pid, None);
            }
        }
    }
    Ok(Some(sides))
}

/// The mechanism set up for `size`, or why it cannot be here.
fn open(
    mechanism: &Mechanism,
    size: usize,
) -> Result<std::result::Result<Box<dyn Channel>, String>> {
    match (mechanism.open)(size) {
        Ok(channel) => Ok(Ok(channel)),
        Err(SetupError::Unavailable(why)) => Ok(Err(why)),
        Err(SetupError::Failed(e)) => Err(e),
    }
}

fn measure(mechanism: &'static Mechanism, size: usize) -> Result<Row> {
    let messages = messages_for(size);
    let mut row = Row {
        mechanism,
        size,
        messages,
        sides: Default::default(),
        traced: false,
        note: None,
        unavailable: None,
    };
    let channel = match open(mechanism, size)? {
        Ok(channel) => channel,
        Err(why) => {
            row.unavailable = Some(why);
            return Ok(row);
        }
    };
    row.note = channel.note();
    row.sides = counted_run(&*channel, size, messages)?;
    drop(channel);
    // A fresh channel for the traced run: nothing of the first run is left in it.
    if let Ok(channel) = open(mechanism, size)? {
        if let Some(traced) = traced_run(&*channel, size, messages)? {
            for (side, t) in row.sides.iter_mut().zip(traced) {
                side.calls = t.calls;
                side.call_bytes = t.call_bytes;
            }
            row.traced = true;
        }
    }
    Ok(row)
}

/// Per message, two decimals.
fn per(n: u64, messages: u32) -> String {
    format!("{:.2}", n as f64 / f64::from(messages))
}

/// Bytes per message, rounded to a whole byte.
fn whole(n: u64, messages: u32) -> String {
    format!("{:.0}", n as f64 / f64::from(messages))
}

/// The calls of one side, most frequent first: `1.00 write`.
fn calls_of(side: &SideCount, messages: u32) -> String {
    let mut calls: Vec<(&&str, &u64)> = side.calls.iter().collect();
    calls.sort_by(|a, b| b.1.cmp(a.1));
    if calls.is_empty() {
        return "0.00".to_string();
    }
    calls
        .iter()
        .map(|(name, n)| format!("{} {name}", per(**n, messages)))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Whether the row shows what the lesson says: a mechanism that goes through the kernel
/// carries each message's bytes in (sender) and out (receiver), shared memory carries none.
fn agrees(row: &Row) -> bool {
    if row.unavailable.is_some() {
        return true;
    }
    let whole = u64::from(row.messages) * u64::try_from(row.size).unwrap_or(0);
    let want = if row.mechanism.kernel_copy { whole } else { 0 };
    let calls_ok = !row.traced || row.sides.iter().all(|s| s.call_bytes == want);
    // /proc/PID/io sees read and write: a byte stream's bytes, and none of shared memory's.
    let stream = ["pipe", "fifo", "socket"].contains(&row.mechanism.name);
    let io_ok = if stream || !row.mechanism.kernel_copy {
        row.sides.iter().all(|s| s.io_bytes == want)
    } else {
        true
    };
    calls_ok && io_ok
}

fn print(rows: &[Row]) {
    let mut last_size = None;
    for row in rows {
        if last_size != Some(row.size) {
            last_size = Some(row.size);
            println!();
            println!(
                "{}",
                t!(
                    "bench-explain-title",
                    messages = row.messages,
                    size = human(row.size)
                )
            );
            println!(
                "{:<9} │ {:<22} │ {:<22} │ {:>8} {:>6} │ {:>19} │ {:>13} │ {:>11}",
                "",
                t!("bench-explain-col-send-calls"),
                t!("bench-explain-col-recv-calls"),
                t!("bench-explain-col-bytes"),
                t!("bench-explain-col-copies"),
                t!("bench-explain-col-io"),
                t!("bench-explain-col-voluntary"),
                t!("bench-explain-col-involuntary"),
            );
        }
        if let Some(why) = &row.unavailable {
            println!("{:<9} │ {why}", row.mechanism.name);
            continue;
        }
        let [s, r] = &row.sides;
        let (send, recv, bytes, copies) = if row.traced {
            let bytes = s.call_bytes + r.call_bytes;
            let copies = bytes as f64 / (f64::from(row.messages) * row.size as f64);
            (
                calls_of(s, row.messages),
                calls_of(r, row.messages),
                whole(bytes, row.messages),
                format!("{copies:.1}×"),
            )
        } else {
            let none = t!("bench-explain-untraced");
            (none.clone(), none, "-".into(), "-".into())
        };
        println!(
            "{:<9} │ {:<22} │ {:<22} │ {:>8} {:>6} │ {:>19} │ {:>13} │ {:>11}",
            row.mechanism.name,
            send,
            recv,
            bytes,
            copies,
            format!(
                "{} / {}",
                whole(s.io_bytes, row.messages),
                whole(r.io_bytes, row.messages)
            ),
            format!(
                "{} / {}",
                per(s.voluntary, row.messages),
                per(r.voluntary, row.messages)
            ),
            format!(
                "{} / {}",
                per(s.involuntary, row.messages),
                per(r.involuntary, row.messages)
            ),
        );
        if let Some(note) = &row.note {
            println!("{:<9} │   ↳ {note}", "");
        }
    }
}

/// Runs `--explain` for `mechanisms` at `sizes`; Err when a row contradicts the lesson.
pub fn run(mechanisms: &[&'static Mechanism], sizes: &[usize]) -> Result<()> {
    interrupt::install()?;
    let mut rows = Vec::new();
    for &size in sizes {
        for &mechanism in mechanisms {
            interrupt::check("ipc-bench --explain")?;
            rows.push(measure(mechanism, size)?);
        }
    }
    println!("{}", t!("bench-explain-how"));
    print(&rows);
    println!();
    if rows.iter().any(|r| r.unavailable.is_none() && !r.traced) {
        println!("{}", t!("bench-explain-no-ptrace"));
    }
    let wrong: Vec<String> = rows
        .iter()
        .filter(|r| !agrees(r))
        .map(|r| format!("{} {}", r.mechanism.name, human(r.size)))
        .collect();
    if wrong.is_empty() {
        println!("{}", t!("bench-explain-agrees"));
        return Ok(());
    }
    Err(IpcError::refused(
        "ipc-bench --explain",
        t!("bench-explain-disagrees", rows = wrong.join(", ")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_calls_carry_their_result_or_their_length() {
        assert_eq!(carried("read", 0, 64, false), 64);
        assert_eq!(carried("write", 9, 64, false), 64);
        assert_eq!(carried("mq_timedsend", 64, 0, false), 64);
        assert_eq!(carried("msgsnd", 64, 0, false), 64);
        assert_eq!(carried("msgrcv", 0, 64, false), 64);
        assert_eq!(carried("read", 0, -11, true), 0);
        assert_eq!(carried("futex", 64, 1, false), 0);
    }

    #[test]
    fn calls_are_named_by_this_architectures_numbers() {
        assert_eq!(
            call_name(u64::try_from(nix::libc::SYS_write).unwrap()),
            "write"
        );
        assert_eq!(
            call_name(u64::try_from(nix::libc::SYS_futex).unwrap()),
            "futex"
        );
        assert_eq!(call_name(u64::MAX), "other");
    }

    #[test]
    fn runs_are_long_enough_and_bounded() {
        assert_eq!(messages_for(64), 1000);
        assert_eq!(messages_for(1 << 20), 16);
        assert_eq!(messages_for(64 << 10), 256);
    }
}
