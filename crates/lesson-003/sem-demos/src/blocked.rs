//! sem_wait on a semaphore whose value is 0 blocks: a child waits, /proc/PID/status shows
//! it asleep in the kernel (State: S, in a futex wait), and the parent's sem_post wakes it.
//! What a lock is made of (2.4, 2.5): the waiter costs no CPU while it waits.

use std::time::Duration;

use ipc_support::args::PRIVATE_MODE;
use ipc_support::call::creation_flags;
use ipc_support::interrupt::retry_eintr;
use ipc_support::pitfall::not_reproduced;
use ipc_support::process::{ChildEnd, fork_child};
use ipc_support::unique::unique_name;
use ipc_support::{Cleanup, Context, Hint, IpcError, ObjectName, Result, call, hints};
use ipc_sys::semaphore::{sem_getvalue, sem_open, sem_post, sem_wait};
use ipc_text::t;
use nix::fcntl::OFlag;

/// How long the child may take to fall asleep, and to finish once woken.
const LIMIT: Duration = Duration::from_secs(10);

pub fn run() -> Result<()> {
    ipc_support::interrupt::install()?;
    let name = ObjectName::parse_sem(&unique_name("demo_sem")).expect("generated names are valid");
    let flags = OFlag::O_CREAT | OFlag::O_EXCL;
    let sem = sem_open(name.as_str(), flags, PRIVATE_MODE, 0)
        .context(|| call!("sem_open", name, creation_flags(flags), PRIVATE_MODE, 0))
        .hints(hints::sem_open(&name))?;
    let _unlink = Cleanup::sem(&name);
    let value = sem_getvalue(&sem).context(|| call!("sem_getvalue", name))?;
    println!(
        "{}",
        t!("sem-demos-blocked-value", name = name, value = value)
    );
    let child = fork_child(|| i32::from(retry_eintr(|| sem_wait(&sem)).is_err()))?;
    let Some(asleep) = child.wait_until_asleep(LIMIT) else {
        return Err(not_reproduced(
            "blocked",
            &t!("sem-demos-blocked-expected"),
            &t!("sem-demos-blocked-not-asleep"),
        ));
    };
    let wchan = asleep.wchan_shown();
    println!(
        "{}",
        t!(
            "sem-demos-blocked-asleep",
            pid = child.pid(),
            state = asleep.state,
            wchan = wchan
        )
    );
    println!("{}", t!("sem-demos-blocked-posting", name = name));
    sem_post(&sem).context(|| call!("sem_post", name))?;
    let pid = child.pid();
    let end = child.wait_interruptibly("waiting for the woken child", Some(LIMIT))?;
    println!("{}", t!("sem-demos-blocked-woken", pid = pid, end = end));
    let after = sem_getvalue(&sem).context(|| call!("sem_getvalue", name))?;
    println!(
        "{}",
        t!("sem-demos-blocked-value", name = name, value = after)
    );
    if end == ChildEnd::Exited(0) && after == 0 {
        println!("{}", t!("sem-demos-blocked-done"));
        return Ok(());
    }
    Err(IpcError::refused(
        "blocked",
        t!("sem-demos-blocked-not-woken"),
    ))
}
