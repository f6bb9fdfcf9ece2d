//! The supervisor: a fresh single-threaded process (the grader starts it with a spec on
//! stdin and reads a report from stdout) that makes the namespaces, starts the sandbox's
//! init and through it the program, traces everything, and reports.
//!
//! ```text
//! supervisor  (own user ns if not root; own IPC, pid, net, UTS ns; host mounts)
//!   └─ init   (pid 1 of the run; own mount ns with the sandbox's root; reaps)
//!        └─ program (unprivileged, limited, seccomp-filtered, traced by the supervisor)
//! ```
//! The supervisor stays outside the run's pid and mount namespaces, so nothing the
//! program does can name it, signal it or touch its files; it is inside the run's IPC
//! namespace, so it sees the run's System V objects and POSIX queues as they are.

use std::ffi::CString;
use std::io::{Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;

use nix::fcntl::OFlag;
use nix::sched::{CloneFlags, unshare};
use nix::sys::ptrace;
use nix::sys::resource::{Resource, setrlimit};
use nix::sys::signal::{SigSet, SigmaskHow, Signal, sigprocmask};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::unistd::{ForkResult, Gid, Pid, Uid};

use crate::degraded;
use crate::filter;
use crate::fs;
use crate::inspect::Namespace;
use crate::report::{End, ExportProblem, IsolationUsed, Missing, Report};
use crate::spec::{Isolation, Spec, Stdin};
use crate::tracer::Tracer;
use crate::watch::Watch;

/// The first uid given to programs when the supervisor runs as root: each run gets its
/// own (this plus the supervisor's pid), so no two runs share a process count.
const UID_BASE: u32 = 200_000;

/// Reads the spec from stdin, runs it, writes the report to stdout. Returns the exit
/// status of the supervisor itself (0 when a report was written).
pub fn main() -> i32 {
    // The supervisor dies with the grader, and its traced run with it (PTRACE_O_EXITKILL).
    // (It stays dumpable: its children inherit that flag, and an unprivileged supervisor
    // may only trace a dumpable child.)
    let _ = nix::sys::prctl::set_pdeathsig(Signal::SIGKILL);
    let mut input = Vec::new();
    if std::io::stdin()
        .take(1 << 20)
        .read_to_end(&mut input)
        .is_err()
    {
        eprintln!("sandbox supervisor: cannot read the spec on stdin");
        return 2;
    }
    let spec: Spec = match serde_json::from_slice(&input) {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!("sandbox supervisor: bad spec: {e}");
            return 2;
        }
    };
    let report = supervise(&spec);
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_writer(&mut out, &report).map_err(std::io::Error::from);
    match written.and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(_) => 3,
    }
}

fn not_started(isolation: IsolationUsed, why: String) -> Report {
    let mut report = Report {
        isolation,
        ..Report::default()
    };
    report.stderr.text = why;
    report
}

/// The pipes between the supervisor, init and the program.
struct Pipes {
    /// Supervisor → init: "you are traced, go on".
    go: (OwnedFd, OwnedFd),
    /// Init → supervisor: "K" when the root is built, else the error text.
    ready: (OwnedFd, OwnedFd),
    stdin: (OwnedFd, OwnedFd),
    stdout: (OwnedFd, OwnedFd),
    stderr: (OwnedFd, OwnedFd),
}

fn pipe() -> Result<(OwnedFd, OwnedFd), String> {
    nix::unistd::pipe2(OFlag::O_CLOEXEC).map_err(|e| format!("pipe: {e}"))
}

/// Whether this process's user namespace maps every uid (the machine's root, or a
/// container's): only then can root switch a program to a uid of its own. A root that is
/// root only in a user namespace mapping one uid goes the unprivileged way.
fn owns_every_uid() -> bool {
    std::fs::read_to_string("/proc/self/uid_map").is_ok_and(|map| {
        map.lines().any(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            f.len() == 3 && f[0] == "0" && f[2].parse::<u64>().is_ok_and(|n| n > 65536)
        })
    })
}

/// Makes the supervisor's namespaces. Returns how the program will run, or why the
/// namespaces could not be had.
fn enter_namespaces(root: bool) -> Result<String, String> {
    let uid = nix::unistd::geteuid();
    let gid = nix::unistd::getegid();
    if !root {
        unshare(CloneFlags::CLONE_NEWUSER).map_err(|e| format!("unshare(CLONE_NEWUSER): {e}"))?;
        // Inside, the same uid as outside — or 1000 when that is 0 (a root that is root only
        // in a user namespace of its own): the supervisor keeps its capabilities in the new
        // namespace (it made it), the program loses them at execve (it is not uid 0).
        let inside = |id: u32| if id == 0 { 1000 } else { id };
        let write = |file: &str, text: String| {
            std::fs::write(format!("/proc/self/{file}"), text)
                .map_err(|e| format!("writing /proc/self/{file}: {e}"))
        };
        write("uid_map", format!("{} {uid} 1\n", inside(uid.as_raw())))?;
        write("setgroups", "deny\n".to_string())?;
        write("gid_map", format!("{} {gid} 1\n", inside(gid.as_raw())))?;
    }
    let flags = CloneFlags::CLONE_NEWIPC
        | CloneFlags::CLONE_NEWPID
        | CloneFlags::CLONE_NEWNET
        | CloneFlags::CLONE_NEWUTS;
    unshare(flags).map_err(|e| format!("unshare(IPC, pid, net, UTS namespaces): {e}"))?;
    Ok(if root {
        "a uid of its own (not root, no capabilities)".to_string()
    } else {
        format!("uid {uid} (the grader's) in a user namespace, without capabilities")
    })
}

/// Small kernel limits for the run's own IPC namespace (best effort: older kernels keep
/// these writable by the host's root only).
fn limit_ipc_namespace(spec: &Spec) {
    let pages = spec.limits.tmpfs_bytes / 4096;
    for (file, value) in [
        ("kernel/shmmax", spec.limits.tmpfs_bytes.to_string()),
        ("kernel/shmall", pages.to_string()),
        ("kernel/shmmni", "64".to_string()),
        ("kernel/msgmni", "32".to_string()),
        ("kernel/sem", "250 8000 32 64".to_string()),
        ("fs/mqueue/queues_max", "32".to_string()),
    ] {
        let _ = std::fs::write(format!("/proc/sys/{file}"), value);
    }
}

fn supervise(spec: &Spec) -> Report {
    let root = nix::unistd::geteuid().is_root() && owns_every_uid();
    let mut isolation = IsolationUsed::default();
    let pipes = match (|| {
        Ok::<_, String>(Pipes {
            go: pipe()?,
            ready: pipe()?,
            stdin: pipe()?,
            stdout: pipe()?,
            stderr: pipe()?,
        })
    })() {
        Ok(p) => p,
        Err(e) => return not_started(isolation, e),
    };
    let filters = match filter::programs(spec.observe.syscalls) {
        Ok(f) => f,
        Err(e) => return not_started(isolation, e),
    };
    let entered = if spec.isolation == Isolation::None {
        Err(Missing::NotAsked)
    } else {
        enter_namespaces(root).map_err(Missing::Failed)
    };
    let namespaced = match entered {
        Ok(identity) => {
            isolation.namespaces = true;
            isolation.identity = identity;
            true
        }
        Err(why) if spec.isolation == Isolation::Required => {
            isolation.missing.push(why.clone());
            return not_started(
                isolation,
                format!("full isolation was required and is not available here: {why}"),
            );
        }
        Err(why) => {
            isolation.missing.push(why);
            isolation.missing.push(Missing::NoPrivateRoot {
                landlock: ipc_sys::process::landlock_abi(),
            });
            isolation.identity = if root {
                "a uid of its own (not root, no capabilities)".to_string()
            } else {
                format!("uid {} (the grader's)", nix::unistd::geteuid())
            };
            false
        }
    };
    isolation.grader_uid = (!root).then(|| nix::unistd::geteuid().as_raw());
    if namespaced {
        limit_ipc_namespace(spec);
    }
    let program = match Program::new(spec, root, namespaced) {
        Ok(p) => p,
        Err(e) => return not_started(isolation, e),
    };

    // The loop learns of stops and deaths through a signalfd, so SIGCHLD is blocked
    // here; the children unblock it before anything else.
    let mut sigchld = SigSet::empty();
    sigchld.add(Signal::SIGCHLD);
    if let Err(e) = sigprocmask(SigmaskHow::SIG_BLOCK, Some(&sigchld), None) {
        return not_started(isolation, format!("sigprocmask: {e}"));
    }
    let child = match ipc_sys::process::fork() {
        Ok(ForkResult::Child) => {
            let _ = sigprocmask(SigmaskHow::SIG_UNBLOCK, Some(&sigchld), None);
            if namespaced {
                init_main(spec, pipes, &program, &filters)
            } else {
                wait_for_go(&pipes);
                program.exec(&pipes, &filters)
            }
        }
        Ok(ForkResult::Parent { child }) => child,
        Err(e) => return not_started(isolation, format!("fork: {e}")),
    };
    let options = crate::tracer::options();
    if let Err(e) = ptrace::seize(child, options) {
        let _ = nix::sys::signal::kill(child, Signal::SIGKILL);
        return not_started(isolation, format!("ptrace(PTRACE_SEIZE): {e}"));
    }
    let _ = nix::unistd::write(&pipes.go.1, b"g");
    let Pipes {
        go,
        ready,
        stdin,
        stdout,
        stderr,
    } = pipes;
    drop(go);
    drop(ready.1);
    drop((stdin.0, stdout.1, stderr.1));

    let sigfd = match SignalFd::with_flags(&sigchld, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)
    {
        Ok(fd) => fd,
        Err(e) => {
            let _ = nix::sys::signal::kill(child, Signal::SIGKILL);
            return not_started(isolation, format!("signalfd: {e}"));
        }
    };
    let pipe_inodes = (inode_of(&stdout.0), inode_of(&stderr.0));
    let mut watch = Watch::new(spec.limits.clone(), stdout.0, stderr.0);
    let ns = if namespaced {
        watch.set_init(child);
        // One write of at most a few hundred bytes: it arrives whole (or not at all, if
        // init died before writing, and then every write end is closed).
        let mut buf = [0u8; 4096];
        let n = nix::unistd::read(&ready.0, &mut buf).unwrap_or(0);
        let status = &buf[..n];
        if status != b"K" {
            let _ = nix::sys::signal::kill(child, Signal::SIGKILL);
            let _ = nix::sys::wait::waitpid(child, None);
            let why = match String::from_utf8_lossy(status).into_owned() {
                why if why.is_empty() => Missing::InitEnded,
                why => Missing::Failed(why),
            };
            isolation.missing.push(why.clone());
            return not_started(isolation, format!("the sandbox could not be built: {why}"));
        }
        open_namespace(child)
    } else {
        Namespace::host()
    };
    let held_stdin = match spec.stdin {
        Stdin::Empty => None,
        Stdin::HeldOpen => Some(stdin.1),
    };
    let mut tracer = Tracer::new(&spec.observe, &ns, watch, pipe_inodes, held_stdin);
    tracer.set_root(child, !namespaced);
    tracer.run(&sigfd);
    tracer
        .watch
        .finish_output(std::time::Duration::from_secs(1));

    let end = tracer
        .watch
        .reason()
        .or(tracer.end.take())
        .unwrap_or(End::NotStarted);
    let mut missing_exports = Vec::new();
    for (inside, host) in &spec.export {
        let copied = if namespaced {
            ns.export(inside, host, 256 << 20)
        } else {
            std::fs::copy(inside, host)
                .map(drop)
                .map_err(|e| ExportProblem::Failed {
                    path: inside.display().to_string(),
                    error: e.to_string(),
                })
        };
        if let Err(why) = copied {
            missing_exports.push(why);
        }
    }
    let events = std::mem::take(&mut tracer.events);
    let leftovers = if namespaced {
        ns.objects()
    } else {
        degraded::sweep(&events)
    };
    Report {
        isolation,
        end,
        missing_exports,
        stdout: tracer.watch.out.captured(),
        stderr: tracer.watch.err.captured(),
        tasks: std::mem::take(&mut tracer.report_tasks),
        events,
        events_dropped: tracer.dropped,
        leftovers,
    }
}

fn inode_of(fd: &OwnedFd) -> u64 {
    nix::sys::stat::fstat(fd).map_or(0, |s| s.st_ino)
}

/// Opens the run's /dev/shm, /dev/mqueue and /tmp through its init's root.
fn open_namespace(init: Pid) -> Namespace {
    Namespace::under(&format!("/proc/{init}/root"), true)
}

fn wait_for_go(pipes: &Pipes) {
    let mut byte = [0u8; 1];
    let _ = nix::unistd::read(&pipes.go.0, &mut byte);
}

/// The sandbox's init: pid 1 of the run's pid namespace. Builds the root, starts the
/// program, then only reaps until it is killed.
fn init_main(
    spec: &Spec,
    pipes: Pipes,
    program: &Program,
    filters: &[seccompiler::BpfProgram],
) -> ! {
    // Init is a fork of the supervisor and keeps its command line, which names where the
    // grader is installed: blank it, so the run cannot read it in /proc/1/cmdline.
    blank_command_line();
    // Init stays dumpable so that the supervisor can open its root (/proc/PID/root);
    // the program cannot reach it: init holds capabilities the program lacks, which the
    // kernel's ptrace access check requires, and ptrace itself is filtered.
    wait_for_go(&pipes);
    if let Err(why) = fs::enter_root(spec, spec.limits.tmpfs_bytes) {
        let _ = nix::unistd::write(&pipes.ready.1, why.as_bytes());
        std::process::exit(1);
    }
    let _ = nix::unistd::write(&pipes.ready.1, b"K");
    match ipc_sys::process::fork() {
        Ok(ForkResult::Child) => program.exec(&pipes, filters),
        Ok(ForkResult::Parent { .. }) => {}
        Err(_) => std::process::exit(1),
    }
    // Only the program holds its standard streams now: closing stdin reaches it, and
    // its output ends when it (and what it started) ends.
    let Pipes {
        go,
        ready,
        stdin,
        stdout,
        stderr,
    } = pipes;
    drop((ready, stdin, stdout, stderr));
    loop {
        match nix::sys::wait::wait() {
            Ok(_) | Err(nix::errno::Errno::EINTR) => {}
            // No child left: wait to be killed (the supervisor ends the namespace).
            Err(_) => {
                let mut byte = [0u8; 1];
                let _ = nix::unistd::read(&go.0, &mut byte);
                std::process::exit(0);
            }
        }
    }
}

/// Overwrites this process's command line (its argv area) with `ipc-sandbox-init`, through
/// /proc/self/mem (no unsafe: the kernel writes our own memory).
fn blank_command_line() {
    use std::os::unix::fs::FileExt;
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return;
    };
    // Fields after the command name in parentheses; arg_start and arg_end are fields 48 and
    // 49 of the whole line, so 46 and 47 after the ')'.
    let Some(rest) = stat.rfind(')').map(|i| &stat[i + 2..]) else {
        return;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
    let (Some(start), Some(end)) = (field(45), field(46)) else {
        return;
    };
    let Ok(mem) = std::fs::OpenOptions::new()
        .write(true)
        .open("/proc/self/mem")
    else {
        return;
    };
    let len = usize::try_from(end.saturating_sub(start)).unwrap_or(0);
    let mut blank = vec![0u8; len];
    let name = b"ipc-sandbox-init";
    let n = name.len().min(len.saturating_sub(1));
    blank[..n].copy_from_slice(&name[..n]);
    let _ = mem.write_at(&blank, start);
}

/// Everything the program's process needs, prepared before fork.
struct Program {
    path: CString,
    argv: Vec<CString>,
    env: Vec<CString>,
    cwd: CString,
    /// The uid to switch to (as root), or None (in a user namespace).
    uid: Option<u32>,
    /// Without namespaces: the Landlock confinement of its file system.
    confine: Option<crate::confine::Paths>,
    limits: Vec<(Resource, u64)>,
}

fn c(text: &[u8]) -> Result<CString, String> {
    CString::new(text).map_err(|_| "an argument contains a NUL byte".to_string())
}

impl Program {
    fn new(spec: &Spec, root: bool, namespaced: bool) -> Result<Program, String> {
        let inside = if namespaced {
            fs::program_inside(spec)
        } else {
            spec.program.clone()
        };
        let mut argv = vec![c(inside.as_os_str().as_bytes())?];
        for a in &spec.args {
            argv.push(c(a.as_bytes())?);
        }
        let env = spec
            .env
            .iter()
            .map(|(k, v)| c(format!("{k}={v}").as_bytes()))
            .collect::<Result<_, _>>()?;
        let cwd = if namespaced {
            spec.cwd.clone()
        } else {
            std::env::temp_dir()
        };
        let l = &spec.limits;
        let mut limits = vec![
            (Resource::RLIMIT_AS, l.memory_bytes),
            (Resource::RLIMIT_CPU, l.cpu_seconds),
            (Resource::RLIMIT_FSIZE, l.file_bytes),
            (Resource::RLIMIT_NOFILE, 256),
            (Resource::RLIMIT_CORE, 0),
        ];
        if root {
            // A backstop well above the supervisor's own count, which stops the run and
            // says so: the kernel also counts children that have ended but are not reaped.
            limits.push((Resource::RLIMIT_NPROC, u64::from(l.tasks).saturating_mul(4)));
        }
        Ok(Program {
            path: c(inside.as_os_str().as_bytes())?,
            argv,
            env,
            cwd: c(cwd.as_os_str().as_bytes())?,
            uid: (root && (namespaced || !spec.keep_identity))
                .then(|| UID_BASE + std::process::id()),
            // Landlock also refuses POSIX queues (their files have no path to allow), so it
            // confines only a program that keeps the grader's identity: the compiler.
            confine: (!namespaced && spec.keep_identity).then(|| crate::confine::paths(spec, &cwd)),
            limits,
        })
    }

    /// In the program's process: standard streams, limits, identity, filters, execve.
    /// Never returns; a failure is written to the program's stderr (exit status 127).
    fn exec(&self, pipes: &Pipes, filters: &[seccompiler::BpfProgram]) -> ! {
        let fail = |what: &str, e: &dyn std::fmt::Display| -> ! {
            let _ = nix::unistd::write(
                std::io::stderr().as_fd(),
                format!("sandbox: {what}: {e}\n").as_bytes(),
            );
            std::process::exit(127)
        };
        if let Err(e) = nix::unistd::dup2_stdin(&pipes.stdin.0)
            .and_then(|()| nix::unistd::dup2_stdout(&pipes.stdout.1))
            .and_then(|()| nix::unistd::dup2_stderr(&pipes.stderr.1))
        {
            fail("redirecting the standard streams", &e);
        }
        if let Err(e) = nix::unistd::chdir(self.cwd.as_c_str()) {
            fail("chdir", &e);
        }
        for &(resource, value) in &self.limits {
            if let Err(e) = setrlimit(resource, value, value) {
                fail("setrlimit", &e);
            }
        }
        if let Some(uid) = self.uid {
            let (u, g) = (Uid::from_raw(uid), Gid::from_raw(uid));
            if let Err(e) = nix::unistd::setgroups(&[])
                .and_then(|()| nix::unistd::setresgid(g, g, g))
                .and_then(|()| nix::unistd::setresuid(u, u, u))
            {
                fail("dropping privileges", &e);
            }
        }
        // After the identity change, which clears it.
        let _ = nix::sys::prctl::set_pdeathsig(Signal::SIGKILL);
        if let Some(paths) = &self.confine {
            if ipc_sys::process::landlock_abi().is_some() {
                if let Err(e) = crate::confine::restrict(paths) {
                    fail("confining the file system", &e);
                }
            }
        }
        // The grader ignores SIGPIPE (every Rust program does), maybe SIGINT (started in
        // the background): a submission starts as from a terminal, whatever started us.
        if let Err(e) = ipc_sys::signal::defaults_for_exec() {
            fail("resetting the signals", &e);
        }
        if let Err(e) = filter::install(filters) {
            fail("installing the seccomp filter", &e);
        }
        match nix::unistd::execve(&self.path, &self.argv, &self.env) {
            Err(e) => fail(&format!("execve {}", self.path.to_string_lossy()), &e),
            Ok(never) => match never {},
        }
    }
}
