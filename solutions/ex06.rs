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

use std::time::Duration;

use clap::Parser;
use ipc_core::{
    Cleanup, IpcError, MessageQueue, NamedSemaphore, ObjectName, PosixShm, QueueOptions, SemCreate,
    ShmOptions, mq, sem,
};

#[derive(Parser)]
struct Args {
    /// Name of the three objects (without '/').
    #[arg(long)]
    name: Option<String>,
}

fn parse(parse: fn(&str) -> Result<ObjectName, String>, raw: &str) -> ipc_core::Result<ObjectName> {
    parse(raw).map_err(|why| IpcError::refused("--name", why))
}

fn run(args: Args) -> ipc_core::Result<()> {
    let bare = args
        .name
        .unwrap_or_else(|| ipc_core::unique::unique_name("ex06"));
    let bare = bare.trim_start_matches('/');
    ipc_core::interrupt::install()?;

    let shm_name = parse(ObjectName::parse_shm, bare)?;
    let shm = PosixShm::open(
        &shm_name,
        ShmOptions {
            exclusive: true,
            ..ShmOptions::create(0o600)
        },
    )?;
    let shm_guard = Cleanup::shm(&shm_name);
    shm.set_size(4096)?;

    let sem_name = parse(ObjectName::parse_sem, bare)?;
    let semaphore = NamedSemaphore::create(&sem_name, SemCreate::new(0).exclusive())?;
    let sem_guard = sem::unlink_guard(&sem_name);

    let mq_name = parse(ObjectName::parse_mq, &format!("/{bare}"))?;
    let queue = MessageQueue::open(
        &mq_name,
        QueueOptions {
            exclusive: true,
            ..QueueOptions::create(0o600, 4, 128)
        },
    )?;
    let mq_guard = mq::unlink_on_drop(&mq_name);

    // The end of stdin counts as SIGTERM: a thread waits for it and raises the signal.
    std::thread::spawn(|| {
        let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
        let _ = nix::sys::signal::raise(nix::sys::signal::Signal::SIGTERM);
    });
    println!("ready");
    while ipc_core::interrupt::received().is_none() {
        std::thread::sleep(Duration::from_millis(20));
    }
    drop((queue, semaphore, shm));
    let guards: [Cleanup; 3] = [mq_guard, sem_guard, shm_guard];
    for guard in guards {
        guard.run_now()?;
    }
    println!("cleaned up");
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_core::run("ex06", || run(args))
}
