//! Exercise 6 — clean shutdown.
//!
//! Contract (checked by `ipc-lab grade ex06`):
//! - `ex06 [--name NAME]` (default: a unique name) is a server that creates three objects:
//!   the POSIX shared-memory object `/NAME` (4096 bytes), the named semaphore `/NAME`
//!   (`/dev/shm/sem.NAME`, value 0) and the POSIX message queue `/NAME` (4 messages of
//!   128 bytes), then prints `ready` and waits.
//! - On SIGINT (Ctrl-C) or SIGTERM it removes all three objects, prints `cleaned up` and
//!   exits with status 0. The end of its standard input (Ctrl-D, or stdin from /dev/null as
//!   rustlings runs it) counts as SIGTERM.
//! - If creating any object fails, the ones already made are removed, one line goes to
//!   stderr and the exit status is 1.
//!
//! Edit this file until `ipc-lab grade ex06` gives full marks (or `rustlings` moves on).

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// Name of the three objects (without '/').
    #[arg(long)]
    name: Option<String>,
}

fn run(args: Args) -> ipc_support::Result<()> {
    // TODO: catch SIGINT and SIGTERM (ipc_support::interrupt::install); a thread that reads
    //       stdin to its end then calls nix::sys::signal::raise(SIGTERM) handles the end of stdin.
    // TODO: create the three objects, each with its guard right after it
    //       (ipc_support::Cleanup::shm / sem / mq):
    //       shm_open(/NAME, O_CREAT|O_EXCL|O_RDWR, 0600) and ftruncate(fd, 4096);
    //       sem_open(/NAME, O_CREAT|O_EXCL, 0600, 0) (ipc_sys::semaphore::sem_open);
    //       mq_open(/NAME, O_CREAT|O_EXCL|O_RDWR, 0600, {mq_maxmsg 4, mq_msgsize 128}).
    // TODO: print `ready`, then wait until ipc_support::interrupt::received() says a signal came.
    // TODO: mq_close, then remove the three objects (the guards' run_now: mq_unlink,
    //       sem_unlink, shm_unlink), print `cleaned up`, return Ok(()) (exit status 0).
    todo!(
        "ex06: create a shm object, a semaphore and a queue named {}, and remove them on SIGINT/SIGTERM (see the TODOs, or `ipc-lab hint ex06`)",
        args.name.as_deref().unwrap_or("(a unique name)")
    )
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_support::run("ex06", || run(args))
}
