//! One named semaphore, driven one call at a time: create it in one terminal, wait on it in
//! a second, post from a third.

use std::io::Write;
use std::time::Duration;

use ipc_core::sem::{sem_exists, sem_unlink};
use ipc_core::text::text_with;
use ipc_core::{IpcError, NamedSemaphore, ObjectName, Result, SemCreate, interrupt};
use nix::errno::Errno;

pub fn create(name: &ObjectName, value: u32, exclusive: bool, mode: u32) -> Result<()> {
    ipc_core::args::warn_if_world_writable("sem-demos", mode);
    let existed = sem_exists(name);
    let sem = NamedSemaphore::create(
        name,
        SemCreate {
            value,
            mode,
            exclusive,
        },
    )?;
    let key = if existed {
        "sem-demos.create.opened"
    } else {
        "sem-demos.create.created"
    };
    println!(
        "{}",
        text_with(key, &[name, &sem.value()?, &name.fs_path()])
    );
    println!(
        "{}",
        text_with(
            "core.kept",
            &[
                &name.fs_path(),
                &format!("sem-demos unlink {}", name.as_str())
            ]
        )
    );
    Ok(())
}

pub fn post(name: &ObjectName) -> Result<()> {
    let sem = NamedSemaphore::open(name)?;
    sem.post()?;
    println!(
        "{}",
        text_with("sem-demos.post.done", &[name, &sem.value()?])
    );
    Ok(())
}

pub fn wait(name: &ObjectName, timeout: Option<Duration>) -> Result<()> {
    interrupt::install()?;
    let sem = NamedSemaphore::open(name)?;
    println!(
        "{}",
        text_with("sem-demos.wait.waiting", &[name, &sem.value()?])
    );
    // A test (or a student) watching this line knows the wait has begun.
    let _ = std::io::stdout().flush();
    match timeout {
        // In slices, so that a Ctrl-C arriving just before the wait began still ends it.
        None => {
            let call = || format!("sem_wait({name})");
            loop {
                match sem.wait_timeout(Duration::from_millis(250)) {
                    Ok(true) => break,
                    Ok(false) => interrupt::check(call())?,
                    Err(e) => match e.signal() {
                        Some(signal) => return Err(IpcError::interrupted(call(), signal)),
                        None => return Err(e),
                    },
                }
            }
        }
        Some(limit) => {
            if !sem.wait_timeout(limit)? {
                return Err(IpcError::sys(
                    format!("sem_timedwait({name}, {:.3} s)", limit.as_secs_f64()),
                    Errno::ETIMEDOUT,
                )
                .hint(text_with("sem-demos.wait.timeout-hint", &[&name.as_str()])));
            }
        }
    }
    println!(
        "{}",
        text_with("sem-demos.wait.done", &[name, &sem.value()?])
    );
    Ok(())
}

pub fn trywait(name: &ObjectName) -> Result<()> {
    let sem = NamedSemaphore::open(name)?;
    if !sem.try_wait()? {
        return Err(IpcError::sys(format!("sem_trywait({name})"), Errno::EAGAIN)
            .hint(text_with("sem-demos.trywait.hint", &[&name.as_str()])));
    }
    println!(
        "{}",
        text_with("sem-demos.wait.done", &[name, &sem.value()?])
    );
    Ok(())
}

pub fn value(name: &ObjectName) -> Result<()> {
    let sem = NamedSemaphore::open(name)?;
    println!("{}", text_with("sem-demos.value", &[name, &sem.value()?]));
    Ok(())
}

pub fn unlink(name: &ObjectName) -> Result<()> {
    sem_unlink(name).map_err(|e| {
        e.hint_if(
            Errno::ENOENT,
            text_with("sem-demos.unlink.enoent", &[&name.fs_path()]),
        )
    })?;
    println!("{}", text_with("core.removed", &[&name.fs_path()]));
    Ok(())
}
