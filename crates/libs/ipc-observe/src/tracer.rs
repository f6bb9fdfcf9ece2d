//! The supervisor's ptrace loop: every process and thread of the run is traced from its
//! birth (fork, vfork and clone events), stops only at the calls the seccomp filter marks,
//! and is recorded as events. It also runs the gate (children held at birth until the
//! main process waits) and the semaphore hold (the supervisor takes a named semaphore and
//! checks that the released children block on it).

use std::collections::{HashMap, HashSet};
use std::os::fd::{AsFd, OwnedFd};
use std::time::{Duration, Instant};

use ipc_sys::trace::{SyscallStop, syscall_stop};
use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::ptrace;
use nix::sys::signal::{Signal, kill};
use nix::sys::signalfd::SignalFd;
use nix::sys::uio::{pread, pwrite};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::Pid;

use crate::inspect::{self, Namespace};
use crate::report::{Call, End, Event, Limit, Snapshot, Task, Usage, What};
use crate::spec::{Action, Observe, Trigger};
use crate::watch::Watch;

/// Most events kept; later ones are counted only.
const MAX_EVENTS: usize = 4000;
/// Bytes of a write or a message kept in an event.
const MAX_DATA: usize = 4096;
/// How long held children wait for the main process to wait for them before they are let
/// go anyway (a program that waits some other way still runs; the report says why).
const GATE_PATIENCE: Duration = Duration::from_secs(1);
/// How long the supervisor holds a semaphore waiting for every worker to block on it.
const HOLD_PATIENCE: Duration = Duration::from_secs(2);
/// How long a woken waiter may run before the next semaphore is given back anyway.
const SETTLE_PATIENCE: Duration = Duration::from_millis(200);

/// The ptrace options every trace uses: every fork, vfork, clone and exec followed, the
/// seccomp filter's stops and the exits reported, the tracees killed if the tracer dies.
pub fn options() -> ptrace::Options {
    ptrace::Options::PTRACE_O_TRACESYSGOOD
        | ptrace::Options::PTRACE_O_TRACEFORK
        | ptrace::Options::PTRACE_O_TRACEVFORK
        | ptrace::Options::PTRACE_O_TRACECLONE
        | ptrace::Options::PTRACE_O_TRACEEXEC
        | ptrace::Options::PTRACE_O_TRACESECCOMP
        | ptrace::Options::PTRACE_O_TRACEEXIT
        | ptrace::Options::PTRACE_O_EXITKILL
}

/// How a stopped task is to be restarted.
#[derive(Debug, Clone, Copy)]
enum Resume {
    /// Until the next traced call or event, delivering this signal.
    Cont(Option<Signal>),
    /// Until the current call returns (to read its result).
    ToExit,
}

/// A call whose result is awaited: the event to complete and what to read then.
#[derive(Debug, Clone)]
struct Pending {
    event: Option<usize>,
    /// In a live trace, the call itself, handed to the sink when it returns.
    live: Option<Event>,
    nr: u64,
    args: [u64; 6],
    trigger: Option<usize>,
}

struct TaskState {
    id: usize,
    /// Seen its first stop (and been restarted at least once).
    started: bool,
    /// Held by the gate.
    held: bool,
    /// An interrupt was asked for and its stop has not come yet.
    interrupting: bool,
    pending: Option<Pending>,
    /// Read as it was ending (the exit event), kept for its death.
    usage: Usage,
    thread: bool,
}

/// What a live trace hands each event to, with the tasks so far.
pub type Sink<'a> = dyn FnMut(&Event, &[Task]) + 'a;

/// The semaphores being given back, one waiter at a time.
struct GiveBack {
    sems: Vec<(String, OwnedFd, u64)>,
    /// For each semaphore, the waiter it goes to.
    assigned: Vec<Option<Pid>>,
    workers: Vec<Pid>,
    next: usize,
    /// The waiter last woken, until it blocks again or ends.
    waiting: Option<(Pid, Instant)>,
}

struct Hold {
    /// The semaphore files taken, with their descriptor and inode.
    sems: Vec<(String, OwnedFd, u64)>,
    workers: Vec<Pid>,
    /// Each blocked worker with the semaphore it waits for.
    blocked: Vec<(Pid, String)>,
    since: Instant,
}

pub struct Tracer<'a> {
    observe: &'a Observe,
    ns: &'a Namespace,
    pub watch: Watch,
    init: Option<Pid>,
    tasks: HashMap<Pid, TaskState>,
    pub report_tasks: Vec<Task>,
    main: Option<Pid>,
    main_alive: bool,
    seq: u64,
    pub events: Vec<Event>,
    pub dropped: u64,
    snapshots_left: usize,
    pipe_out: String,
    pipe_err: String,
    held: Vec<Pid>,
    held_since: Option<Instant>,
    /// The main process has reached its exit: the run is ending.
    ending: bool,
    /// One by one: the child let go alone, until it ends.
    alone: Option<Pid>,
    /// The main process waits (or has ended): held children go as soon as every child it
    /// has made so far has been seen at birth. Closed again when it forks.
    gate_open: Option<String>,
    hold: Option<Hold>,
    giving: Option<GiveBack>,
    hold_done: bool,
    fired: Vec<bool>,
    pub end: Option<End>,
    stdin: Option<OwnedFd>,
    /// Tasks whose first stop came before the event that names their parent.
    early_stops: HashSet<Pid>,
    /// Every queue name an mq_open named (to find queues where none can be listed).
    queues_named: std::collections::BTreeSet<String>,
    /// A live trace: every event goes to it as it happens, none is kept.
    sink: Option<&'a mut Sink<'a>>,
}

/// The syscall name of a traced number.
fn name_of(nr: u64) -> &'static str {
    let Ok(nr) = i64::try_from(nr) else {
        return "?";
    };
    #[cfg(target_arch = "x86_64")]
    match nr {
        libc::SYS_open => return "open",
        libc::SYS_unlink => return "unlink",
        libc::SYS_link => return "link",
        libc::SYS_pipe => return "pipe",
        _ => {}
    }
    match nr {
        libc::SYS_write => "write",
        libc::SYS_read => "read",
        libc::SYS_readv => "readv",
        libc::SYS_recvfrom => "recvfrom",
        libc::SYS_recvmsg => "recvmsg",
        libc::SYS_sendto => "sendto",
        libc::SYS_sendmsg => "sendmsg",
        libc::SYS_mmap => "mmap",
        libc::SYS_munmap => "munmap",
        libc::SYS_ftruncate => "ftruncate",
        libc::SYS_pipe2 => "pipe2",
        libc::SYS_socketpair => "socketpair",
        libc::SYS_kill => "kill",
        libc::SYS_tkill => "tkill",
        libc::SYS_tgkill => "tgkill",
        libc::SYS_futex => "futex",
        libc::SYS_writev => "writev",
        libc::SYS_openat => "openat",
        libc::SYS_unlinkat => "unlinkat",
        libc::SYS_linkat => "linkat",
        libc::SYS_shmget => "shmget",
        libc::SYS_shmat => "shmat",
        libc::SYS_shmdt => "shmdt",
        libc::SYS_shmctl => "shmctl",
        libc::SYS_msgget => "msgget",
        libc::SYS_msgsnd => "msgsnd",
        libc::SYS_msgrcv => "msgrcv",
        libc::SYS_msgctl => "msgctl",
        libc::SYS_semget => "semget",
        libc::SYS_semop => "semop",
        libc::SYS_semtimedop => "semtimedop",
        libc::SYS_semctl => "semctl",
        libc::SYS_mq_open => "mq_open",
        libc::SYS_mq_unlink => "mq_unlink",
        libc::SYS_mq_timedsend => "mq_timedsend",
        libc::SYS_mq_timedreceive => "mq_timedreceive",
        libc::SYS_mq_notify => "mq_notify",
        libc::SYS_mq_getsetattr => "mq_getsetattr",
        libc::SYS_nanosleep => "nanosleep",
        libc::SYS_clock_nanosleep => "clock_nanosleep",
        libc::SYS_wait4 => "wait4",
        libc::SYS_waitid => "waitid",
        _ => "?",
    }
}

fn is(nr: u64, which: i64) -> bool {
    i64::try_from(nr) == Ok(which)
}

/// Calls whose only interest is the path they name.
fn names_a_path(nr: u64) -> bool {
    #[cfg(target_arch = "x86_64")]
    if is(nr, libc::SYS_open) || is(nr, libc::SYS_unlink) || is(nr, libc::SYS_link) {
        return true;
    }
    is(nr, libc::SYS_openat) || is(nr, libc::SYS_unlinkat) || is(nr, libc::SYS_linkat)
}

/// A path argument worth recording: one under /dev/shm (where POSIX objects live).
fn shm_path(pid: Pid, addr: u64) -> Option<String> {
    inspect::read_c_string(pid, addr).filter(|p| p.starts_with("/dev/shm/"))
}

fn lossy(bytes: &[u8]) -> String {
    crate::report::text_of(bytes)
}

fn len_of(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX).min(MAX_DATA)
}

/// A line of `text` equal to `line` (trailing spaces and CR ignored).
fn has_line(text: &str, line: &str) -> bool {
    text.lines().any(|l| l.trim_end() == line)
}

impl<'a> Tracer<'a> {
    pub fn new(
        observe: &'a Observe,
        ns: &'a Namespace,
        watch: Watch,
        pipes: (u64, u64),
        stdin: Option<OwnedFd>,
    ) -> Self {
        Tracer {
            observe,
            ns,
            watch,
            init: None,
            tasks: HashMap::new(),
            report_tasks: Vec::new(),
            main: None,
            main_alive: false,
            seq: 0,
            events: Vec::new(),
            dropped: 0,
            snapshots_left: observe.snapshots,
            pipe_out: format!("pipe:[{}]", pipes.0),
            pipe_err: format!("pipe:[{}]", pipes.1),
            held: Vec::new(),
            held_since: None,
            ending: false,
            alone: None,
            gate_open: None,
            hold: None,
            giving: None,
            hold_done: false,
            fired: vec![false; observe.on_line.len()],
            end: None,
            stdin,
            early_stops: HashSet::new(),
            queues_named: std::collections::BTreeSet::new(),
            sink: None,
        }
    }

    /// Makes this a live trace: each event goes to `sink` as it happens (a call when it
    /// returns), and no event is kept.
    pub fn live(&mut self, sink: &'a mut Sink<'a>) {
        self.sink = Some(sink);
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Records an event; returns its index when it was kept.
    fn record(&mut self, task: usize, what: What) -> Option<usize> {
        let seq = self.next_seq();
        if let Some(sink) = self.sink.as_mut() {
            sink(&Event { seq, task, what }, &self.report_tasks);
            return None;
        }
        if self.events.len() >= MAX_EVENTS {
            self.dropped += 1;
            return None;
        }
        self.events.push(Event { seq, task, what });
        Some(self.events.len() - 1)
    }

    /// The sandbox's init process (traced for its fork events, not part of the report)
    /// or, without namespaces, the main process itself.
    pub fn set_root(&mut self, pid: Pid, is_main: bool) {
        if is_main {
            self.add_task(pid, None, false);
            // Seized, not born traced: it has no first stop to wait for.
            if let Some(t) = self.tasks.get_mut(&pid) {
                t.started = true;
            }
        } else {
            self.init = Some(pid);
        }
    }

    fn add_task(&mut self, pid: Pid, parent: Option<usize>, thread: bool) -> usize {
        let id = self.report_tasks.len();
        let born = self.next_seq();
        self.report_tasks.push(Task {
            id,
            parent,
            thread,
            born,
            died: None,
            end: None,
            pid: inspect::own_pid(pid),
            usage: Usage::default(),
        });
        self.tasks.insert(
            pid,
            TaskState {
                id,
                started: false,
                held: false,
                interrupting: false,
                pending: None,
                usage: Usage::default(),
                thread,
            },
        );
        self.record(id, What::Born { parent, thread });
        if id == 0 {
            self.main = Some(pid);
            self.main_alive = true;
        }
        self.watch.add(pid.as_raw());
        id
    }

    fn live_tasks(&self) -> usize {
        self.report_tasks
            .iter()
            .filter(|t| t.died.is_none())
            .count()
    }

    fn restart(&mut self, pid: Pid, how: Resume) {
        let _ = match how {
            Resume::Cont(sig) => ptrace::cont(pid, sig),
            Resume::ToExit => ptrace::syscall(pid, None),
        };
    }

    /// Runs until every traced task has gone. `sigchld` becomes readable whenever a
    /// tracee stops or ends; the output pipes are read as they fill.
    pub fn run(&mut self, sigchld: &SignalFd) {
        loop {
            loop {
                match waitpid(None, Some(WaitPidFlag::__WALL | WaitPidFlag::WNOHANG)) {
                    Ok(WaitStatus::StillAlive) => break,
                    Ok(status) => self.on_status(status),
                    Err(Errno::EINTR) => {}
                    // ECHILD: nothing is left to trace.
                    Err(_) => return,
                }
            }
            self.poll();
            self.watch.check();
            let busy = !self.held.is_empty() || self.hold.is_some() || self.giving.is_some();
            let sleep = if busy {
                Duration::from_millis(1)
            } else {
                self.watch
                    .next_check()
                    .clamp(Duration::from_millis(1), Duration::from_millis(50))
            };
            let mut fds = vec![PollFd::new(sigchld.as_fd(), PollFlags::POLLIN)];
            for stream in [&self.watch.out, &self.watch.err] {
                if let Some(fd) = stream.fd() {
                    fds.push(PollFd::new(fd, PollFlags::POLLIN));
                }
            }
            let timeout = PollTimeout::try_from(sleep).unwrap_or(PollTimeout::MAX);
            let _ = poll(&mut fds, timeout);
            while let Ok(Some(_)) = sigchld.read_signal() {}
        }
    }

    /// Ends every process of the run: the init process takes its pid namespace with it;
    /// without one, every known task is killed.
    pub fn kill_all(&mut self) {
        if let Some(init) = self.init {
            let _ = kill(init, Signal::SIGKILL);
        }
        for pid in self.tasks.keys() {
            let _ = kill(*pid, Signal::SIGKILL);
        }
    }

    fn on_status(&mut self, status: WaitStatus) {
        match status {
            WaitStatus::PtraceEvent(pid, _, event) => self.on_event(pid, event),
            WaitStatus::PtraceSyscall(pid) => self.on_exit_stop(pid),
            WaitStatus::Stopped(pid, sig) => {
                let first = self.tasks.get(&pid).is_some_and(|t| !t.started);
                if sig == Signal::SIGSTOP && first {
                    self.on_first_stop(pid);
                } else if sig == Signal::SIGSTOP
                    && !self.tasks.contains_key(&pid)
                    && Some(pid) != self.init
                {
                    self.early_stops.insert(pid);
                } else {
                    self.restart(pid, Resume::Cont(Some(sig)));
                }
            }
            WaitStatus::Exited(pid, code) => self.on_death(pid, End::Exited(code)),
            WaitStatus::Signaled(pid, sig, _) => self.on_death(pid, End::Signaled(sig as i32)),
            _ => {}
        }
    }

    fn on_event(&mut self, pid: Pid, event: i32) {
        match event {
            libc::PTRACE_EVENT_FORK | libc::PTRACE_EVENT_VFORK | libc::PTRACE_EVENT_CLONE => {
                let child = ptrace::getevent(pid)
                    .ok()
                    .and_then(|c| i32::try_from(c).ok())
                    .map(Pid::from_raw);
                if let Some(child) = child {
                    if self.tasks.get(&pid).is_some_and(|t| t.id == 0) {
                        self.gate_open = None;
                    }
                    self.on_birth(pid, child);
                }
                self.restart(pid, Resume::Cont(None));
            }
            libc::PTRACE_EVENT_SECCOMP => self.on_entry(pid),
            libc::PTRACE_EVENT_EXIT => {
                if let Some(t) = self.tasks.get_mut(&pid) {
                    t.usage = inspect::usage(pid, t.thread);
                }
                let child = self.tasks.get(&pid).map(|t| t.id).filter(|&id| {
                    let t = &self.report_tasks[id];
                    t.parent == Some(0) && !t.thread
                });
                if let (true, Some(id)) = (self.observe.exit_snapshots, child) {
                    let shared =
                        inspect::shared_mappings(pid, self.ns, self.observe.snapshot_bytes);
                    self.record(id, What::Exiting { shared });
                }
                if Some(pid) == self.main && self.sink.is_none() {
                    self.main_exiting(pid);
                }
                self.restart(pid, Resume::Cont(None));
            }
            libc::PTRACE_EVENT_STOP => {
                let state = self.tasks.get_mut(&pid).map(|t| {
                    let first = !t.started;
                    t.interrupting = false;
                    first
                });
                match state {
                    Some(true) => self.on_first_stop(pid),
                    // An interrupt we asked for, or a group stop (not kept: the run goes on).
                    Some(false) => self.restart(pid, Resume::Cont(None)),
                    None if Some(pid) == self.init => self.restart(pid, Resume::Cont(None)),
                    // A child whose fork event has not arrived yet: started by on_birth.
                    None => {
                        self.early_stops.insert(pid);
                    }
                }
            }
            _ => self.restart(pid, Resume::Cont(None)),
        }
    }

    /// `parent` made `child` (a process or a thread).
    fn on_birth(&mut self, parent: Pid, child: Pid) {
        if self.tasks.contains_key(&child) {
            return;
        }
        let parent_id = self.tasks.get(&parent).map(|t| t.id);
        if parent_id.is_none() && Some(parent) != self.init {
            return;
        }
        if self.live_tasks() >= usize::try_from(self.watch.limits.tasks).unwrap_or(usize::MAX) {
            self.end = Some(End::OverLimit(Limit::Tasks(u64::from(
                self.watch.limits.tasks,
            ))));
            self.kill_all();
            return;
        }
        self.add_task(child, parent_id, inspect::is_thread(child));
        // Its first stop may have been reported before this event: it waited for it.
        if self.early_stops.remove(&child) {
            self.on_first_stop(child);
        }
    }

    /// The main process is exiting (its exit event: still alive, so no other process can
    /// have seen it dead yet). The run ends here, the same way every time: its status is
    /// taken now, and every other process is killed before it can do anything more.
    fn main_exiting(&mut self, main: Pid) {
        if let Ok(status) = ptrace::getevent(main) {
            let status = i32::try_from(status).unwrap_or(0);
            let end = if status & 0x7f == 0 {
                End::Exited((status >> 8) & 0xff)
            } else {
                End::Signaled(status & 0x7f)
            };
            self.end.get_or_insert(end);
        }
        self.main_alive = false;
        self.ending = true;
        for (pid, task) in &self.tasks {
            if *pid != main && !self.report_tasks[task.id].thread {
                let _ = kill(*pid, Signal::SIGKILL);
            }
        }
    }

    fn on_first_stop(&mut self, pid: Pid) {
        let Some(task) = self.tasks.get_mut(&pid) else {
            return; // Registered (and started) when its parent's fork event arrives.
        };
        if task.started {
            self.restart(pid, Resume::Cont(None));
            return;
        }
        task.started = true;
        if self.ending {
            // Born while the main process was exiting: it never runs.
            let _ = kill(pid, Signal::SIGKILL);
            self.restart(pid, Resume::Cont(None));
            return;
        }
        let id = task.id;
        let record = &self.report_tasks[id];
        let child_of_main = record.parent == Some(0) && !record.thread;
        if self.observe.gate && child_of_main && self.main_alive {
            if let Some(t) = self.tasks.get_mut(&pid) {
                t.held = true;
            }
            self.held.push(pid);
            self.held_since.get_or_insert_with(Instant::now);
            self.release();
        } else {
            self.restart(pid, Resume::Cont(None));
        }
    }

    fn on_death(&mut self, pid: Pid, end: End) {
        self.watch.remove(pid.as_raw());
        if Some(pid) == self.init {
            self.init = None;
            return;
        }
        let Some(state) = self.tasks.remove(&pid) else {
            return;
        };
        let seq = self.next_seq();
        let task = &mut self.report_tasks[state.id];
        task.died = Some(seq);
        task.end = Some(end.clone());
        task.usage = state.usage;
        self.record(
            state.id,
            What::Ended {
                end: end.clone(),
                usage: state.usage,
            },
        );
        self.held.retain(|p| *p != pid);
        if self.alone == Some(pid) {
            // One by one: the next held child goes when this one has ended.
            self.alone = None;
            self.release();
        }
        if state.id == 0 {
            self.main_alive = false;
            self.end.get_or_insert(end);
            self.open_gate("the main process ended");
            // The run is over when its main process is: whatever else still runs is
            // ended with it (and shows in the report as killed). A live trace follows
            // the user's program to its last process instead, as strace does.
            if self.sink.is_none() {
                self.kill_all();
            }
        }
    }

    /// A traced call is starting (the seccomp filter stopped the task before it runs).
    fn on_entry(&mut self, pid: Pid) {
        let Some(id) = self.tasks.get(&pid).map(|t| t.id) else {
            self.restart(pid, Resume::Cont(None));
            return;
        };
        let Ok(SyscallStop::Entry { nr, args }) = syscall_stop(pid) else {
            self.restart(pid, Resume::Cont(None));
            return;
        };
        let live = self.sink.is_some();
        if !live && (is(nr, libc::SYS_write) || is(nr, libc::SYS_writev)) {
            self.on_write(pid, id, nr, args);
            return;
        }
        if (is(nr, libc::SYS_wait4) || is(nr, libc::SYS_waitid)) && id == 0 {
            self.open_gate("the main process waits for its children");
        }
        let mut call = Call {
            name: name_of(nr).to_string(),
            args: args.to_vec(),
            ..Call::default()
        };
        self.describe_entry(pid, nr, &args, &mut call);
        if is(nr, libc::SYS_mq_open) {
            self.queues_named.extend(call.path.clone());
        }
        if live && !self.describe_live(pid, nr, &args, &mut call) {
            self.restart(pid, Resume::Cont(None));
            return;
        }
        if names_a_path(nr) && call.path.is_none() {
            // A file outside /dev/shm (a library, a config file): not what the lessons teach.
            self.restart(pid, Resume::Cont(None));
            return;
        }
        let (event, live) = if live {
            let seq = self.next_seq();
            let what = What::Call(call);
            (
                None,
                Some(Event {
                    seq,
                    task: id,
                    what,
                }),
            )
        } else {
            (self.record(id, What::Call(call)), None)
        };
        if let Some(t) = self.tasks.get_mut(&pid) {
            t.pending = Some(Pending {
                event,
                live,
                nr,
                args,
                trigger: None,
            });
        }
        self.restart(pid, Resume::ToExit);
    }

    /// What a call names or sends, read from the caller's memory before it runs.
    fn describe_entry(&self, pid: Pid, nr: u64, args: &[u64; 6], call: &mut Call) {
        #[cfg(target_arch = "x86_64")]
        if is(nr, libc::SYS_open) || is(nr, libc::SYS_unlink) {
            call.path = shm_path(pid, args[0]);
            return;
        }
        #[cfg(target_arch = "x86_64")]
        if is(nr, libc::SYS_link) {
            call.path = shm_path(pid, args[1]);
            return;
        }
        if is(nr, libc::SYS_openat) || is(nr, libc::SYS_unlinkat) {
            call.path = shm_path(pid, args[1]);
        } else if is(nr, libc::SYS_linkat) {
            call.path = shm_path(pid, args[3]);
        } else if is(nr, libc::SYS_mq_open) || is(nr, libc::SYS_mq_unlink) {
            call.path = inspect::read_c_string(pid, args[0]).map(|n| format!("/{n}"));
        } else if is(nr, libc::SYS_mq_timedsend) {
            call.data = Some(lossy(&inspect::read_memory(pid, args[1], len_of(args[2]))));
            call.priority = u32::try_from(args[3]).ok();
        } else if is(nr, libc::SYS_msgsnd) {
            // struct msgbuf { long mtype; char mtext[]; }
            let bytes = inspect::read_memory(pid, args[1], len_of(args[2]) + 8);
            if bytes.len() >= 8 {
                call.priority = bytes[..4].try_into().ok().map(u32::from_ne_bytes);
                call.data = Some(lossy(&bytes[8..]));
            }
        }
    }

    /// A traced call returned.
    fn on_exit_stop(&mut self, pid: Pid) {
        let pending = self.tasks.get_mut(&pid).and_then(|t| t.pending.take());
        let Some(pending) = pending else {
            self.restart(pid, Resume::Cont(None));
            return;
        };
        if let (Some(mut event), Some(sink)) = (pending.live.clone(), self.sink.as_mut()) {
            if let (Ok(SyscallStop::Exit { value, is_error }), What::Call(call)) =
                (syscall_stop(pid), &mut event.what)
            {
                call.ret = Some(value);
                let data = (!is_error && value >= 0).then(|| Self::received(pid, &pending, value));
                if let Some((data, priority)) = data.flatten() {
                    call.data = Some(data);
                    call.priority = priority;
                }
            }
            sink(&event, &self.report_tasks);
            self.restart(pid, Resume::Cont(None));
            return;
        }
        if let Ok(SyscallStop::Exit { value, is_error }) = syscall_stop(pid) {
            if let Some(index) = pending.event {
                let data = (!is_error && value > 0).then(|| Self::received(pid, &pending, value));
                if let What::Call(call) = &mut self.events[index].what {
                    call.ret = Some(value);
                    if let Some((data, priority)) = data.flatten() {
                        call.data = Some(data);
                        call.priority = priority;
                    }
                }
            }
        }
        if let Some(trigger) = pending.trigger {
            self.act(trigger);
        }
        self.restart(pid, Resume::Cont(None));
    }

    /// What a live trace shows of a call the grader does not watch: the channel a read or
    /// write goes through (only pipes, sockets and FIFOs are worth showing), the file or
    /// memory of a shared mapping, the memory a shared futex wait is on. False when the
    /// call is not worth a line.
    fn describe_live(&self, pid: Pid, nr: u64, args: &[u64; 6], call: &mut Call) -> bool {
        let io = [
            libc::SYS_read,
            libc::SYS_readv,
            libc::SYS_write,
            libc::SYS_writev,
            libc::SYS_recvfrom,
            libc::SYS_recvmsg,
            libc::SYS_sendto,
            libc::SYS_sendmsg,
        ];
        if io.iter().any(|&n| is(nr, n)) {
            call.path = inspect::channel(pid, args[0]);
            if is(nr, libc::SYS_write) || is(nr, libc::SYS_sendto) {
                call.data = Some(lossy(&inspect::read_memory(
                    pid,
                    args[1],
                    len_of(args[2]).min(64),
                )));
            }
            return call.path.is_some();
        }
        if is(nr, libc::SYS_mmap) {
            // Only shared mappings processes can talk through: anonymous ones, writable
            // ones, and anything in /dev/shm (not a library's read-only cache file).
            if args[3] & u64::from(libc::MAP_SHARED.unsigned_abs()) == 0 {
                return false;
            }
            let anonymous = args[3] & u64::from(libc::MAP_ANONYMOUS.unsigned_abs()) != 0;
            if !anonymous {
                call.path = inspect::fd_target(pid, args[4]);
            }
            let writable = args[2] & u64::from(libc::PROT_WRITE.unsigned_abs()) != 0;
            let in_shm = call
                .path
                .as_deref()
                .is_some_and(|p| p.starts_with("/dev/shm/"));
            return anonymous || writable || in_shm;
        }
        if is(nr, libc::SYS_munmap) {
            call.path = inspect::shared_mapping_at(pid, args[0]);
            return call.path.is_some();
        }
        if is(nr, libc::SYS_ftruncate) {
            call.path = inspect::fd_target(pid, args[0]);
            return call
                .path
                .as_deref()
                .is_some_and(|p| p.starts_with("/dev/shm/"));
        }
        if is(nr, libc::SYS_futex) {
            call.path = inspect::shared_mapping_at(pid, args[0]);
            return call.path.is_some();
        }
        true
    }

    /// The message a receive returned (`len` bytes), with its priority or type.
    fn received(pid: Pid, pending: &Pending, len: i64) -> Option<(String, Option<u32>)> {
        let len = len_of(u64::try_from(len).ok()?);
        if is(pending.nr, libc::SYS_mq_timedreceive) {
            let data = lossy(&inspect::read_memory(pid, pending.args[1], len));
            let prio = inspect::read_memory(pid, pending.args[3], 4);
            let priority = prio.as_slice().try_into().ok().map(u32::from_ne_bytes);
            return Some((data, priority));
        }
        let pair_at = if is(pending.nr, libc::SYS_pipe2) {
            Some(pending.args[0])
        } else if is(pending.nr, libc::SYS_socketpair) {
            Some(pending.args[3])
        } else {
            None
        };
        #[cfg(target_arch = "x86_64")]
        let pair_at = pair_at.or(is(pending.nr, libc::SYS_pipe).then_some(pending.args[0]));
        if let Some(at) = pair_at {
            let fds = inspect::read_memory(pid, at, 8);
            if fds.len() == 8 {
                let first = i32::from_ne_bytes([fds[0], fds[1], fds[2], fds[3]]);
                let second = i32::from_ne_bytes([fds[4], fds[5], fds[6], fds[7]]);
                return Some((format!("[{first}, {second}]"), None));
            }
        }
        if is(pending.nr, libc::SYS_msgrcv) {
            let bytes = inspect::read_memory(pid, pending.args[1], len + 8);
            if bytes.len() >= 8 {
                let mtype = bytes[..4].try_into().ok().map(u32::from_ne_bytes);
                return Some((lossy(&bytes[8..]), mtype));
            }
        }
        None
    }

    /// A write: kept when it goes to the run's stdout or stderr, with a snapshot for the
    /// first ones; a trigger's line waits for the write to finish.
    fn on_write(&mut self, pid: Pid, id: usize, nr: u64, args: [u64; 6]) {
        let target = inspect::fd_target(pid, args[0]);
        let err = match target.as_deref() {
            Some(t) if t == self.pipe_out => false,
            Some(t) if t == self.pipe_err => true,
            _ => {
                self.restart(pid, Resume::Cont(None));
                return;
            }
        };
        let (bytes, len) = if is(nr, libc::SYS_writev) {
            self.gather(pid, args[1], args[2])
        } else {
            (inspect::read_memory(pid, args[1], len_of(args[2])), args[2])
        };
        let text = lossy(&bytes);
        let snapshot = if !err && self.snapshots_left > 0 {
            self.snapshots_left -= 1;
            Some(Box::new(Snapshot {
                objects: self.ns.objects_and_queues(&self.queues_named),
                mappings: inspect::shared_mappings(pid, self.ns, self.observe.snapshot_bytes),
            }))
        } else {
            None
        };
        let trigger = if err || id != 0 {
            None
        } else {
            (0..self.observe.on_line.len())
                .find(|&i| !self.fired[i] && has_line(&text, &self.observe.on_line[i].line))
        };
        self.record(
            id,
            What::Write {
                err,
                text,
                len,
                snapshot,
            },
        );
        match trigger {
            Some(i) => {
                self.fired[i] = true;
                if let Some(t) = self.tasks.get_mut(&pid) {
                    t.pending = Some(Pending {
                        event: None,
                        live: None,
                        nr,
                        args,
                        trigger: Some(i),
                    });
                }
                self.restart(pid, Resume::ToExit);
            }
            None => self.restart(pid, Resume::Cont(None)),
        }
    }

    /// The bytes of a writev: its iovec array, then each buffer (bounded in all).
    fn gather(&self, pid: Pid, iov: u64, count: u64) -> (Vec<u8>, u64) {
        let count = usize::try_from(count).unwrap_or(0).min(64);
        let raw = inspect::read_memory(pid, iov, count * 16);
        let mut bytes = Vec::new();
        let mut total = 0u64;
        for pair in raw.chunks_exact(16) {
            let base = u64::from_ne_bytes(pair[..8].try_into().unwrap_or([0; 8]));
            let len = u64::from_ne_bytes(pair[8..].try_into().unwrap_or([0; 8]));
            total = total.saturating_add(len);
            let room = MAX_DATA.saturating_sub(bytes.len());
            if room > 0 {
                bytes.extend(inspect::read_memory(pid, base, len_of(len).min(room)));
            }
        }
        (bytes, total)
    }

    fn act(&mut self, index: usize) {
        let Trigger {
            line,
            action,
            then_ms,
        } = self.observe.on_line[index].clone();
        match action {
            Action::Signal(sig) => {
                if let (Some(main), Ok(sig)) = (self.main, Signal::try_from(sig)) {
                    let _ = kill(main, sig);
                }
            }
            Action::CloseStdin => self.stdin = None,
        }
        self.watch.extend(Duration::from_millis(then_ms));
        self.record(0, What::Acted { line });
    }

    /// Opens the gate: the held children go, together, once all have been seen at birth.
    fn open_gate(&mut self, because: &str) {
        self.gate_open = Some(because.to_string());
        self.release();
    }

    /// Lets the held children go, all at once, when the gate is open and no child of the
    /// main process is still on its way to its first stop; takes the semaphores first if
    /// asked.
    fn release(&mut self) {
        if self.gate_open.is_none() {
            return;
        }
        let unborn = self.tasks.values().any(|t| {
            !t.started
                && self.report_tasks[t.id].parent == Some(0)
                && !self.report_tasks[t.id].thread
        });
        if !self.held.is_empty() && !unborn && self.alone.is_none() {
            self.release_now();
        }
    }

    fn release_now(&mut self) {
        let because = self.gate_open.clone().unwrap_or_default();
        let held = if self.observe.one_by_one {
            // The first born goes alone; the others stay held (and patient) until it ends.
            self.held
                .sort_by_key(|p| self.tasks.get(p).map_or(usize::MAX, |t| t.id));
            let first = self.held.remove(0);
            self.alone = Some(first);
            vec![first]
        } else {
            std::mem::take(&mut self.held)
        };
        self.held_since = None;
        let main_shared = self
            .main
            .map(|m| inspect::shared_mappings(m, self.ns, self.observe.snapshot_bytes))
            .unwrap_or_default();
        if !self.hold_done && !self.observe.hold.is_empty() && self.main_alive {
            self.hold_done = true;
            self.take_semaphores(&held);
        }
        let ids: Vec<usize> = held
            .iter()
            .filter_map(|p| self.tasks.get(p).map(|t| t.id))
            .collect();
        self.record(
            0,
            What::Released {
                tasks: ids,
                because,
                main_shared,
            },
        );
        for pid in held {
            if let Some(t) = self.tasks.get_mut(&pid) {
                t.held = false;
            }
            self.restart(pid, Resume::Cont(None));
        }
    }

    /// Takes each semaphore to hold: a glibc `sem_t` is a 64-bit word whose low half is
    /// the value (its high half counts the waiters). Everything of the run is stopped
    /// now (the main process at its wait, the children at birth), so the word can be
    /// read and written back without racing anyone.
    fn take_semaphores(&mut self, workers: &[Pid]) {
        let mut sems = Vec::new();
        for name in &self.observe.hold {
            let Some(fd) = self.ns.open_shm_file(name) else {
                self.record(
                    0,
                    What::Held {
                        sem: name.clone(),
                        value: 0,
                    },
                );
                continue;
            };
            let inode = nix::sys::stat::fstat(&fd).map(|s| s.st_ino).unwrap_or(0);
            let mut word = [0u8; 8];
            let value = match pread(&fd, &mut word, 0) {
                Ok(8) => u64::from_ne_bytes(word),
                _ => 0,
            };
            let low = u32::try_from(value & 0xffff_ffff).unwrap_or(0);
            if low >= 1 && pwrite(&fd, &(value - 1).to_ne_bytes(), 0) == Ok(8) {
                sems.push((name.clone(), fd, inode));
            }
            self.record(
                0,
                What::Held {
                    sem: name.clone(),
                    value: low,
                },
            );
        }
        if !sems.is_empty() {
            self.hold = Some(Hold {
                sems,
                workers: workers.to_vec(),
                blocked: Vec::new(),
                since: Instant::now(),
            });
        }
    }

    /// Work that waits on time or on the tasks' state: the gate's patience, and which
    /// held-semaphore waiters have blocked.
    fn poll(&mut self) {
        if self.alone.is_none()
            && self
                .held_since
                .is_some_and(|since| since.elapsed() >= GATE_PATIENCE)
        {
            self.gate_open =
                Some("the main process did not wait for its children within 1 s".into());
            self.release_now();
        }
        self.give_next();
        let Some(mut hold) = self.hold.take() else {
            return;
        };
        let waiting: Vec<Pid> = hold
            .workers
            .iter()
            .copied()
            .filter(|p| self.tasks.contains_key(p) && !hold.blocked.iter().any(|(b, _)| b == p))
            .collect();
        for pid in &waiting {
            if let Some(sem) = blocked_on(*pid, &hold, self.ns) {
                hold.blocked.push((*pid, sem.clone()));
                let shared = inspect::shared_mappings(*pid, self.ns, 64);
                let id = self.tasks.get(pid).map_or(0, |t| t.id);
                self.record(id, What::BlockedOn { sem, shared });
            }
        }
        let all_resolved = hold
            .workers
            .iter()
            .all(|p| !self.tasks.contains_key(p) || hold.blocked.iter().any(|(b, _)| b == p));
        if all_resolved || hold.since.elapsed() >= HOLD_PATIENCE {
            self.give_back(hold);
        } else {
            self.hold = Some(hold);
        }
    }

    /// Gives the semaphores back one at a time, each (value + 1) to one waiter: the one
    /// that was first born among those blocked on it when the hold ended (or, if none
    /// was, the first born blocked on it now). An interrupt makes that waiter's futex wait
    /// return and restart, and the restarted wait sees the new value and takes it; the next
    /// semaphore is given only once that waiter has blocked again (or ended). The other
    /// waiters sleep on until the program posts (glibc counted them as waiters, so its
    /// sem_post wakes them) — as with a real semaphore. This is also the schedule in which
    /// two processes that lock in opposite orders deadlock, every time.
    fn give_back(&mut self, hold: Hold) {
        let mut assigned = Vec::new();
        let mut sems = Vec::new();
        for (name, fd, inode) in hold.sems {
            let first = hold
                .blocked
                .iter()
                .filter(|(_, s)| *s == name)
                .filter_map(|(p, _)| self.tasks.get(p).map(|t| (t.id, *p)))
                .min()
                .map(|(_, p)| p);
            assigned.push(first);
            sems.push((name, fd, inode));
        }
        self.giving = Some(GiveBack {
            sems,
            assigned,
            workers: hold.workers,
            next: 0,
            waiting: None,
        });
    }

    /// One step of giving back (see `give_back`).
    fn give_next(&mut self) {
        let Some(mut give) = self.giving.take() else {
            return;
        };
        if let Some((pid, since)) = give.waiting {
            let settled = match self.tasks.get(&pid) {
                None => true,
                Some(t) if t.interrupting => false,
                Some(_) => inspect::blocked_call(pid).is_some(),
            };
            if !settled && since.elapsed() < SETTLE_PATIENCE {
                self.giving = Some(give);
                return;
            }
            give.waiting = None;
        }
        let Some((name, fd, inode)) = give.sems.get(give.next) else {
            self.record(0, What::Unheld);
            return;
        };
        let mut word = [0u8; 8];
        if pread(fd, &mut word, 0) == Ok(8) {
            let _ = pwrite(fd, &(u64::from_ne_bytes(word) + 1).to_ne_bytes(), 0);
        }
        let one = [(name.clone(), fd.try_clone().ok(), *inode)];
        let waiter = give.assigned[give.next]
            .filter(|p| self.tasks.contains_key(p))
            .or_else(|| {
                let mut now: Vec<(usize, Pid)> = give
                    .workers
                    .iter()
                    .filter(|p| waiting_on(**p, &one, self.ns).is_some())
                    .filter_map(|p| self.tasks.get(p).map(|t| (t.id, *p)))
                    .collect();
                now.sort();
                now.first().map(|(_, p)| *p)
            });
        give.next += 1;
        if let Some(pid) = waiter {
            if ptrace::interrupt(pid).is_ok() {
                if let Some(t) = self.tasks.get_mut(&pid) {
                    t.interrupting = true;
                }
                give.waiting = Some((pid, Instant::now()));
            }
        }
        self.giving = Some(give);
    }
}

/// The held semaphore task `pid` is blocked on in a futex wait, if any.
fn blocked_on(pid: Pid, hold: &Hold, ns: &Namespace) -> Option<String> {
    waiting_on(pid, &hold.sems, ns)
}

/// Which of `sems` (name, descriptor, inode) task `pid` waits for in a futex wait.
fn waiting_on<F>(pid: Pid, sems: &[(String, F, u64)], ns: &Namespace) -> Option<String> {
    let (nr, addr) = inspect::blocked_call(pid)?;
    if !is(nr, libc::SYS_futex) {
        return None;
    }
    let maps = inspect::maps(pid);
    sems.iter().find_map(|(name, _, inode)| {
        maps.iter()
            .any(|m| {
                m.inode == *inode && Some(m.dev) == ns.shm_dev && (m.start..m.end).contains(&addr)
            })
            .then(|| name.clone())
    })
}
