//! What to run and how: the request the grader hands to the supervisor.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// One run of one program in a sandbox.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Spec {
    /// The program, as a path on the host. It is mounted read-only at `/box/NAME` inside
    /// (NAME its file name) and run from there.
    pub program: PathBuf,
    /// Where the program is run from inside, when it is not `/box/NAME`: it must then be
    /// visible through one of `binds` (a compiler that finds its libraries from its own
    /// path, say).
    pub run_as: Option<PathBuf>,
    /// Files the program leaves in its /tmp that are copied out to the host when it ends
    /// (path inside /tmp, host path): a compiler's output.
    pub export: Vec<(PathBuf, PathBuf)>,
    /// Without namespaces, run with the supervisor's own identity instead of an
    /// unprivileged uid (a compiler that must reach a toolchain under the grader's home;
    /// the file system stays confined by Landlock where the kernel has it).
    #[serde(default)]
    pub keep_identity: bool,
    /// Its arguments (argv[1..]).
    pub args: Vec<String>,
    /// Its whole environment (nothing of the grader's is passed on).
    pub env: Vec<(String, String)>,
    /// Its working directory inside the sandbox.
    pub cwd: PathBuf,
    /// Host folders or files made visible inside, besides the system's read-only ones.
    pub binds: Vec<Bind>,
    /// What its standard input is.
    pub stdin: Stdin,
    pub limits: Limits,
    pub isolation: Isolation,
    pub observe: Observe,
}

/// A host path mounted inside the sandbox.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bind {
    pub host: PathBuf,
    pub inside: PathBuf,
    pub writable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stdin {
    /// End of file at once (as `< /dev/null`).
    Empty,
    /// A pipe kept open until an action closes it or the run ends.
    HeldOpen,
}

/// Resource limits of the whole run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Limits {
    /// Wall-clock time before the run is killed (restarted by a trigger's `then_ms`).
    pub wall_ms: u64,
    /// CPU seconds per process (RLIMIT_CPU).
    pub cpu_seconds: u64,
    /// Address space per process (RLIMIT_AS), and the resident memory of all processes
    /// together.
    pub memory_bytes: u64,
    /// Largest file a process may write (RLIMIT_FSIZE).
    pub file_bytes: u64,
    /// Processes and threads alive at once.
    pub tasks: u32,
    /// Bytes of stdout plus stderr before the run is stopped as a flood.
    pub output_bytes: u64,
    /// Size of the private /dev/shm and of the private /tmp (each).
    pub tmpfs_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            wall_ms: 5_000,
            cpu_seconds: 30,
            memory_bytes: 1 << 30,
            file_bytes: 16 << 20,
            tasks: 64,
            output_bytes: 8 << 20,
            tmpfs_bytes: 64 << 20,
        }
    }
}

/// How much isolation the caller accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Isolation {
    /// Namespaces if the machine allows them; otherwise run traced, unprivileged and
    /// limited in the host's namespaces, and say so in the report.
    #[default]
    Auto,
    /// Namespaces or nothing: refuse to run without them.
    Required,
    /// No namespaces even where they are allowed: what `Auto` falls back to (to try a
    /// grading setup that will not have them, such as a locked-down container).
    None,
}

/// What the supervisor watches and records.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Observe {
    /// Trace the IPC-relevant system calls (and writes) of every process and thread.
    pub syscalls: bool,
    /// Writes to stdout/stderr recorded with a snapshot (the namespace's objects, the
    /// writer's shared mappings); the first this many.
    pub snapshots: usize,
    /// Bytes read from the start of each shared mapping in a snapshot.
    pub snapshot_bytes: usize,
    /// Hold every child of the main process at its birth until the main process waits
    /// (or exits), then let them all go at once.
    pub gate: bool,
    /// Let the held children go one at a time instead, each when the one before has
    /// ended (what one child does alone is then exactly known).
    pub one_by_one: bool,
    /// Record the shared memory of each child of the main process as it ends.
    pub exit_snapshots: bool,
    /// Named semaphores (file names in /dev/shm, e.g. `sem.NAME`) the supervisor takes
    /// when the gate opens, until every released child is blocked on one of them. Each is
    /// then given to one of its waiters only (the first born); the others wait for the
    /// program's own sem_post, as on a real semaphore.
    pub hold: Vec<String>,
    /// Actions taken once the main process has written a line.
    pub on_line: Vec<Trigger>,
}

/// When the program has written `line` to stdout, do `action`, and give the run `then_ms`
/// more milliseconds from then on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Trigger {
    pub line: String,
    pub action: Action,
    pub then_ms: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Send this signal (a number) to the main process.
    Signal(i32),
    /// Close the program's standard input.
    CloseStdin,
}

impl Spec {
    /// A run of `program ARGS` with the defaults: empty stdin, default limits, no
    /// observation beyond the end state.
    pub fn new(program: impl Into<PathBuf>, args: Vec<String>) -> Spec {
        Spec {
            program: program.into(),
            run_as: None,
            export: Vec::new(),
            keep_identity: false,
            args,
            env: vec![
                ("PATH".into(), "/usr/local/bin:/usr/bin:/bin".into()),
                ("HOME".into(), "/tmp".into()),
                ("TMPDIR".into(), "/tmp".into()),
                ("LANG".into(), "C.UTF-8".into()),
            ],
            cwd: PathBuf::from("/tmp"),
            binds: Vec::new(),
            stdin: Stdin::Empty,
            limits: Limits::default(),
            isolation: Isolation::Auto,
            observe: Observe::default(),
        }
    }
}
