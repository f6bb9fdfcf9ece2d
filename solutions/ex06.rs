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
use ipc_support::{Cleanup, Context, IpcError, ObjectName, call};
use ipc_sys::semaphore::sem_open;
use nix::fcntl::OFlag;
use nix::mqueue::{MQ_OFlag, MqAttr, mq_close, mq_open};
use nix::sys::mman::shm_open;
use nix::sys::stat::Mode;
use nix::unistd::ftruncate;

#[derive(Parser)]
struct Args {
    /// Name of the three objects (without '/').
    #[arg(long)]
    name: Option<String>,
}

fn parse(
    parse: fn(&str) -> Result<ObjectName, String>,
    raw: &str,
) -> ipc_support::Result<ObjectName> {
    parse(raw).map_err(|why| IpcError::refused("--name", why))
}

fn run(args: Args) -> ipc_support::Result<()> {
    let bare = args
        .name
        .unwrap_or_else(|| ipc_support::unique::unique_name("ex06"));
    let bare = bare.trim_start_matches('/');
    // From now on SIGINT and SIGTERM only set a flag: the loop below sees it and returns,
    // so every guard runs.
    ipc_support::interrupt::install()?;
    let mode = Mode::S_IRUSR | Mode::S_IWUSR;

    // Each object gets its guard as soon as it exists: a later failure removes it too.
    let shm_name = parse(ObjectName::parse_shm, bare)?;
    let shm_flags = OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_RDWR;
    let shm = shm_open(shm_name.as_str(), shm_flags, mode)
        .context(|| call!("shm_open", shm_name, shm_flags, mode))?;
    let shm_guard = Cleanup::shm(&shm_name);
    ftruncate(&shm, 4096).context(|| call!("ftruncate", shm_name, 4096))?;

    let sem_name = parse(ObjectName::parse_sem, bare)?;
    let semaphore = sem_open(sem_name.as_str(), OFlag::O_CREAT | OFlag::O_EXCL, mode, 0)
        .context(|| call!("sem_open", sem_name, "O_CREAT|O_EXCL", mode, 0))?;
    let sem_guard = Cleanup::sem(&sem_name);

    let mq_name = parse(ObjectName::parse_mq, &format!("/{bare}"))?;
    let mq_flags = MQ_OFlag::O_CREAT | MQ_OFlag::O_EXCL | MQ_OFlag::O_RDWR;
    let attr = MqAttr::new(0, 4, 128, 0);
    let queue = mq_open(mq_name.as_str(), mq_flags, mode, Some(&attr))
        .context(|| call!("mq_open", mq_name, mq_flags, mode, attr))?;
    let mq_guard = Cleanup::mq(&mq_name);

    // The end of stdin counts as SIGTERM: a thread waits for it and raises the signal.
    std::thread::spawn(|| {
        let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
        let _ = nix::sys::signal::raise(nix::sys::signal::Signal::SIGTERM);
    });
    println!("ready");
    while ipc_support::interrupt::received().is_none() {
        std::thread::sleep(Duration::from_millis(20));
    }
    mq_close(queue).context(|| call!("mq_close", mq_name))?;
    drop((semaphore, shm));
    let guards: [Cleanup; 3] = [mq_guard, sem_guard, shm_guard];
    for guard in guards {
        guard.run_now()?;
    }
    println!("cleaned up");
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_support::run("ex06", || run(args))
}
