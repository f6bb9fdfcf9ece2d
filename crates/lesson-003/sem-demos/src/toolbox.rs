//! One named semaphore, driven one call at a time: create it in one terminal, wait on it in
//! a second, post from a third.

use std::io::Write;
use std::time::Duration;

use ipc_support::args::warn_if_world_writable;
use ipc_support::call::creation_flags;
use ipc_support::interrupt::{self, retry_eintr};
use ipc_support::time::realtime_deadline;
use ipc_support::{Context, Hint, IpcError, ObjectName, Result, call, hints};
use ipc_sys::semaphore::{
    NamedSemaphore, sem_getvalue, sem_open, sem_post, sem_timedwait, sem_trywait, sem_unlink,
};
use ipc_text::t;
use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;

/// `sem_open(name, 0)`: a semaphore someone created.
fn open_existing(name: &ObjectName) -> Result<NamedSemaphore> {
    sem_open(name.as_str(), OFlag::empty(), Mode::empty(), 0)
        .context(|| call!("sem_open", name, 0))
        .hints(hints::sem_open(name))
}

/// `sem_getvalue(sem)`.
fn value_of(name: &ObjectName, sem: &NamedSemaphore) -> Result<i32> {
    sem_getvalue(sem).context(|| call!("sem_getvalue", name))
}

pub fn create(name: &ObjectName, value: u32, exclusive: bool, mode: Mode) -> Result<()> {
    warn_if_world_writable("sem-demos", mode);
    let existed = std::path::Path::new(&name.fs_path()).exists();
    let mut flags = OFlag::O_CREAT;
    if exclusive {
        flags |= OFlag::O_EXCL;
    }
    // The value counts only for a new semaphore; an existing one keeps its own.
    let sem = sem_open(name.as_str(), flags, mode, value)
        .context(|| call!("sem_open", name, creation_flags(flags), mode, value))
        .hints(hints::sem_open(name))?;
    let value = value_of(name, &sem)?;
    let path = name.fs_path();
    println!(
        "{}",
        match existed {
            true => t!(
                "sem-demos-create-opened",
                name = name,
                value = value,
                path = path
            ),
            false => t!(
                "sem-demos-create-created",
                name = name,
                value = value,
                path = path
            ),
        }
    );
    println!(
        "{}",
        t!(
            "core-kept",
            what = name.fs_path(),
            command = format!("sem-demos unlink {}", name.as_str())
        )
    );
    Ok(())
}

pub fn post(name: &ObjectName) -> Result<()> {
    let sem = open_existing(name)?;
    sem_post(&sem)
        .context(|| call!("sem_post", name))
        .hints(hints::sem_post)?;
    println!(
        "{}",
        t!(
            "sem-demos-post-done",
            name = name,
            value = value_of(name, &sem)?
        )
    );
    Ok(())
}

pub fn wait(name: &ObjectName, timeout: Option<Duration>) -> Result<()> {
    interrupt::install()?;
    let sem = open_existing(name)?;
    println!(
        "{}",
        t!(
            "sem-demos-wait-waiting",
            name = name,
            value = value_of(name, &sem)?
        )
    );
    // A test (or a student) watching this line knows the wait has begun.
    let _ = std::io::stdout().flush();
    let timed = |limit: Duration| {
        let secs = format!("{:.3} s", limit.as_secs_f64());
        call!("sem_timedwait", name, secs)
    };
    match timeout {
        // sem_wait, in slices, so that a Ctrl-C arriving just before the wait began still
        // ends it.
        None => {
            let slice = Duration::from_millis(250);
            loop {
                let deadline = realtime_deadline(slice);
                match retry_eintr(|| sem_timedwait(&sem, &deadline)) {
                    Ok(()) => break,
                    Err(Errno::ETIMEDOUT) => interrupt::check(call!("sem_wait", name))?,
                    Err(Errno::EINTR) => {
                        return Err(Errno::EINTR).context(|| call!("sem_wait", name));
                    }
                    Err(e) => return Err(e).context(|| timed(slice)),
                }
            }
        }
        Some(limit) => {
            let deadline = realtime_deadline(limit);
            match retry_eintr(|| sem_timedwait(&sem, &deadline)) {
                Ok(()) => {}
                Err(Errno::ETIMEDOUT) => {
                    return Err(IpcError::sys(timed(limit), Errno::ETIMEDOUT)
                        .hint(t!("sem-demos-wait-timeout-hint", name = name.as_str())));
                }
                Err(e) => return Err(e).context(|| timed(limit)),
            }
        }
    }
    println!(
        "{}",
        t!(
            "sem-demos-wait-done",
            name = name,
            value = value_of(name, &sem)?
        )
    );
    Ok(())
}

pub fn trywait(name: &ObjectName) -> Result<()> {
    let sem = open_existing(name)?;
    retry_eintr(|| sem_trywait(&sem))
        .context(|| call!("sem_trywait", name))
        .hint_on(Errno::EAGAIN, || {
            t!("sem-demos-trywait-hint", name = name.as_str())
        })?;
    println!(
        "{}",
        t!(
            "sem-demos-wait-done",
            name = name,
            value = value_of(name, &sem)?
        )
    );
    Ok(())
}

pub fn value(name: &ObjectName) -> Result<()> {
    let sem = open_existing(name)?;
    println!(
        "{}",
        t!(
            "sem-demos-value",
            name = name,
            value = value_of(name, &sem)?
        )
    );
    Ok(())
}

pub fn unlink(name: &ObjectName) -> Result<()> {
    sem_unlink(name.as_str())
        .context(|| call!("sem_unlink", name))
        .hint_on(Errno::ENOENT, || {
            t!("sem-demos-unlink-enoent", path = name.fs_path())
        })
        .hints(hints::unlink(name))?;
    println!("{}", t!("core-removed", what = name.fs_path()));
    Ok(())
}
