//! What a run did, as the supervisor saw it from outside: how it ended, what it printed,
//! its processes, its system calls, and what it left in its namespace.

use serde::{Deserialize, Serialize};

/// Bytes a program wrote, as text: valid UTF-8 as it is, every invalid byte as `\xNN`, so
/// that what was printed can still be told (a lossy U+FFFD would hide it). Bytes cut at the
/// end of a kept prefix in the middle of a character show the same way.
pub fn text_of(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        for b in chunk.invalid() {
            text.push_str(&format!("\\x{b:02x}"));
        }
    }
    text
}

/// The whole account of one run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    /// How the run was isolated (and what was not available).
    pub isolation: IsolationUsed,
    /// How the main process ended.
    pub end: End,
    pub stdout: Captured,
    pub stderr: Captured,
    /// Every process and thread the run had, the main process first.
    pub tasks: Vec<Task>,
    /// What happened, in order (bounded; see `events_dropped`).
    pub events: Vec<Event>,
    pub events_dropped: u64,
    /// The objects still in the run's namespace when its last process had gone (all of
    /// them removed since, with the namespace).
    pub leftovers: Vec<Object>,
    /// Files the spec asked to export that could not be, and why.
    pub missing_exports: Vec<ExportProblem>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IsolationUsed {
    /// Own IPC, pid, mount, network and UTS namespaces, a private /dev/shm and /tmp.
    pub namespaces: bool,
    /// The identity the program ran as, e.g. "uid 100123 (no capabilities)".
    pub identity: String,
    /// The grader's uid when the program kept it (no uid of its own), for the grader to
    /// word the identity in its language.
    #[serde(default)]
    pub grader_uid: Option<u32>,
    /// What could not be had on this machine.
    pub missing: Vec<Missing>,
}

// The supervisor reports what it could not do as data, not sentences: it does not know the
// language of the grader that reads it, which words these (ipc-grade, from the Fluent
// files). Their `Display` is the English of logs and test messages.

/// A part of the isolation this machine did not give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    /// Namespaces were not asked for (`--isolation none`).
    NotAsked,
    /// A call or step that failed while entering or building the namespaces, as
    /// `what: error` (call names, paths and the system's error text).
    Failed(String),
    /// No private root: the program sees the host's files as its uid may; the compiler is
    /// confined by Landlock of this ABI, when there is one.
    NoPrivateRoot { landlock: Option<u32> },
    /// The sandbox's init process ended before it had built the sandbox.
    InitEnded,
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Missing::NotAsked => write!(f, "namespaces not used (--isolation none)"),
            Missing::Failed(why) => write!(f, "{why}"),
            Missing::NoPrivateRoot { landlock: Some(v) } => write!(
                f,
                "no private root: the program sees the host's files as its uid may (the compiler is confined by Landlock, ABI {v})"
            ),
            Missing::NoPrivateRoot { landlock: None } => write!(
                f,
                "no private root, and no Landlock: the program and the compiler see the host's files as their uid may"
            ),
            Missing::InitEnded => write!(f, "its init process ended before building it"),
        }
    }
}

/// Why a file the spec asked to export was not copied out of the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportProblem {
    /// The run had no private /tmp to take it from.
    NoPrivateTmp,
    /// `path` (inside the run) is not a regular file.
    NotRegular { path: String },
    /// `path` (inside the run) is larger than `max` bytes.
    TooLarge { path: String, max: u64 },
    /// Opening `path` or copying it failed with the system's `error` (strerror's text).
    Failed { path: String, error: String },
}

impl std::fmt::Display for ExportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportProblem::NoPrivateTmp => write!(f, "the run has no private /tmp"),
            ExportProblem::NotRegular { path } => write!(f, "{path} is not a regular file"),
            ExportProblem::TooLarge { path, max } => {
                write!(f, "{path} is larger than {max} bytes")
            }
            ExportProblem::Failed { path, error } => write!(f, "{path}: {error}"),
        }
    }
}

/// A limit of the run that it went over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Limit {
    /// More than this many processes and threads at once.
    Tasks(u64),
    /// Printed more than this many MiB.
    OutputMib(u64),
    /// More than this many MiB of memory in use.
    MemoryMib(u64),
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Limit::Tasks(n) => write!(f, "more than {n} processes and threads at once"),
            Limit::OutputMib(n) => write!(f, "printed more than {n} MiB"),
            Limit::MemoryMib(n) => write!(f, "more than {n} MiB of memory in use"),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum End {
    /// The sandbox could not be set up or the program not started; the text says why.
    #[default]
    NotStarted,
    Exited(i32),
    /// Killed by this signal (its number).
    Signaled(i32),
    /// Still running at the time limit; killed.
    TimedOut,
    /// Stopped for going over a limit.
    OverLimit(Limit),
}

/// One output stream: its first bytes (lossily decoded) and how many bytes there were.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Captured {
    pub text: String,
    pub total: u64,
}

/// A process or thread of the run. `id` is the supervisor's own numbering (0 = main).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Task {
    pub id: usize,
    /// The task that created it (None for the main process).
    pub parent: Option<usize>,
    /// A thread of its parent's process rather than a process of its own.
    pub thread: bool,
    /// Event sequence numbers of its start and end.
    pub born: u64,
    pub died: Option<u64>,
    /// Its pid as the run itself sees it (what fork and wait return there).
    pub pid: i32,
    /// Read off /proc as it ended: context switches it asked for (it blocked) and that
    /// were forced on it, and the bytes it read and wrote through system calls (a process
    /// counts its threads).
    #[serde(default)]
    pub usage: Usage,
    pub end: Option<End>,
}

/// What a task cost the kernel, read as it ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub voluntary_switches: u64,
    pub involuntary_switches: u64,
    pub read_bytes: u64,
    pub written_bytes: u64,
}

/// Something a task did, numbered in the order the supervisor saw it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub seq: u64,
    pub task: usize,
    pub what: What,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum What {
    /// A write to the run's stdout (`err` false) or stderr, with its first bytes and, for
    /// the first writes, a snapshot taken before the bytes left.
    Write {
        err: bool,
        text: String,
        len: u64,
        snapshot: Option<Box<Snapshot>>,
    },
    /// A traced system call: its name, arguments, the path or data it names, its result.
    Call(Call),
    /// Children held at birth were let go together (`because` says what opened the gate).
    Released {
        tasks: Vec<usize>,
        because: String,
        /// The main process's shared memory at that moment.
        main_shared: Vec<Mapping>,
    },
    /// A child of the main process is ending; its shared memory at that moment.
    Exiting { shared: Vec<Mapping> },
    /// A task started (its parent made it: a process by fork, or a thread).
    Born { parent: Option<usize>, thread: bool },
    /// A task ended.
    Ended { end: End, usage: Usage },
    /// The supervisor took a semaphore (its value before, 0 if it could not).
    Held { sem: String, value: u32 },
    /// A task was seen blocked in the kernel waiting for a held semaphore.
    BlockedOn { sem: String, shared: Vec<Mapping> },
    /// The supervisor gave the semaphores back.
    Unheld,
    /// A trigger fired.
    Acted { line: String },
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Call {
    pub name: String,
    pub args: Vec<u64>,
    /// A path or object name the call names (openat, mq_open, unlink ...).
    pub path: Option<String>,
    /// Bytes the call moved (a message sent or received), lossily decoded.
    pub data: Option<String>,
    /// The priority of a POSIX message sent or received.
    pub priority: Option<u32>,
    /// The return value, or minus the errno (None when the call never returned).
    pub ret: Option<i64>,
}

/// What was true at one moment: the namespace's objects and the writer's shared memory.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Snapshot {
    pub objects: Vec<Object>,
    pub mappings: Vec<Mapping>,
}

/// An IPC object in the run's namespace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Object {
    /// A file in /dev/shm (a POSIX shm object, or `sem.NAME` for a named semaphore).
    ShmFile {
        name: String,
        size: u64,
    },
    /// A POSIX message queue (its name without the slash).
    Queue {
        name: String,
    },
    SysvSegment {
        key: i64,
        id: i64,
        size: u64,
        attached: u64,
    },
    SysvQueue {
        key: i64,
        id: i64,
        messages: u64,
    },
    SysvSemaphores {
        key: i64,
        id: i64,
        count: u64,
    },
}

impl Object {
    /// The object as a person would name it.
    pub fn describe(&self) -> String {
        match self {
            Object::ShmFile { name, .. } => match name.strip_prefix("sem.") {
                Some(sem) => format!("named semaphore /{sem}"),
                None => format!("POSIX shared-memory object /{name}"),
            },
            Object::Queue { name } => format!("POSIX message queue /{name}"),
            Object::SysvSegment { key, id, .. } => {
                format!("System V segment id {id} (key {key:#x})")
            }
            Object::SysvQueue { key, id, .. } => format!("System V queue id {id} (key {key:#x})"),
            Object::SysvSemaphores { key, id, .. } => {
                format!("System V semaphore set id {id} (key {key:#x})")
            }
        }
    }
}

/// A shared mapping of a task, and the first bytes of it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mapping {
    pub kind: MappingKind,
    pub size: u64,
    /// The first bytes (at most the snapshot size), hex-encoded.
    pub head: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MappingKind {
    /// A System V segment (its id).
    Sysv { id: u64 },
    /// A file in /dev/shm (its name there).
    ShmFile { name: String },
    /// Anonymous shared memory (`MAP_SHARED|MAP_ANONYMOUS`), inherited across fork; `inode`
    /// tells two such mappings apart.
    Anonymous { inode: u64 },
    /// Any other shared file mapping.
    File { path: String },
}

impl Mapping {
    /// The first bytes, decoded from hex.
    pub fn bytes(&self) -> Vec<u8> {
        hex::decode(&self.head).unwrap_or_default()
    }
}

impl Report {
    /// The events of one task.
    pub fn events_of(&self, task: usize) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(move |e| e.task == task)
    }

    /// The traced calls named `name`, with the task that made each.
    pub fn calls<'a>(&'a self, name: &'a str) -> impl Iterator<Item = (usize, &'a Call)> + 'a {
        self.events.iter().filter_map(move |e| match &e.what {
            What::Call(call) if call.name == name => Some((e.task, call)),
            _ => None,
        })
    }

    /// The children (processes, not threads) of task `parent`.
    pub fn children_of(&self, parent: usize) -> impl Iterator<Item = &Task> {
        self.tasks
            .iter()
            .filter(move |t| t.parent == Some(parent) && !t.thread)
    }

    /// The task's own process: a thread belongs to the process that made it.
    pub fn process_of(&self, mut task: usize) -> usize {
        while let Some(t) = self.tasks.get(task) {
            match (t.thread, t.parent) {
                (true, Some(parent)) => task = parent,
                _ => break,
            }
        }
        task
    }
}
