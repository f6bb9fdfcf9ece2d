//! 2.6: sem_open's two classic errors, each provoked on a fresh name.

use ipc_support::args::PRIVATE_MODE;
use ipc_support::call::creation_flags;
use ipc_support::pitfall::{Pitfall, not_reproduced};
use ipc_support::unique::unique_name;
use ipc_support::{Cleanup, Context, Hint, IpcError, ObjectName, Result, call, hints};
use ipc_sys::semaphore::{NamedSemaphore, sem_open};
use ipc_text::{text, text_with};
use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;

fn fresh() -> ObjectName {
    ObjectName::parse_sem(&unique_name("demo_sem")).expect("generated names are valid")
}

/// Prints the report when `result` failed with `want`; the reason otherwise.
fn expect_errno<T>(result: Result<T>, want: Errno, demo: &str, name: &ObjectName) -> Result<()> {
    let err: IpcError = match result {
        Ok(_) => {
            return Err(not_reproduced(
                demo,
                &format!("{want:?}"),
                &text("pitfall.success"),
            ));
        }
        Err(e) if e.errno() == Some(want) => e,
        Err(e) => return Err(not_reproduced(demo, &format!("{want:?}"), &e.to_string())),
    };
    let key = |part: &str| format!("sem-demos.{demo}.{part}");
    Pitfall::from_error(
        &err,
        text_with(&key("scenario"), &[&name, &name.fs_path()]),
        text(&key("why")),
        text(&key("fix")),
    )
    .expect("an errno is present")
    .print();
    Ok(())
}

/// `sem_open(name, O_CREAT|O_EXCL, 0600, 1)`: a new semaphore, or EEXIST.
fn create_new(name: &ObjectName) -> Result<NamedSemaphore> {
    let flags = OFlag::O_CREAT | OFlag::O_EXCL;
    sem_open(name.as_str(), flags, PRIVATE_MODE, 1)
        .context(|| call!("sem_open", name, creation_flags(flags), PRIVATE_MODE, 1))
        .hints(hints::sem_open(name))
}

pub fn enoent() -> Result<()> {
    let name = fresh();
    // A guard even here: should the open wrongly succeed, nothing stays behind.
    let _guard = Cleanup::sem(&name);
    // sem_open(name, 0): no O_CREAT, so the semaphore must exist already.
    let opened = sem_open(name.as_str(), OFlag::empty(), Mode::empty(), 0)
        .context(|| call!("sem_open", name, 0))
        .hints(hints::sem_open(&name));
    expect_errno(opened, Errno::ENOENT, "enoent", &name)
}

pub fn eexist() -> Result<()> {
    let name = fresh();
    let first = create_new(&name)?;
    let guard = Cleanup::sem(&name);
    println!(
        "{}",
        text_with("sem-demos.eexist.created", &[&name, &name.fs_path()])
    );
    let again = create_new(&name);
    expect_errno(again, Errno::EEXIST, "eexist", &name)?;
    drop(first);
    let what = guard.what().to_string();
    guard.run_now()?;
    println!("{}", text_with("core.removed", &[&what]));
    Ok(())
}
