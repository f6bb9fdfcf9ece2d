//! 2.6: sem_open's two classic errors, each provoked on a fresh name.

use ipc_support::args::PRIVATE_MODE;
use ipc_support::call::creation_flags;
use ipc_support::pitfall::{Pitfall, not_reproduced};
use ipc_support::unique::unique_name;
use ipc_support::{Cleanup, Context, Hint, IpcError, ObjectName, Result, call, hints};
use ipc_sys::semaphore::{NamedSemaphore, sem_open};
use ipc_text::{Id, id, t, text};
use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;

fn fresh() -> ObjectName {
    ObjectName::parse_sem(&unique_name("demo_sem")).expect("generated names are valid")
}

/// What a demo's report says besides the call and its errno.
struct Explained {
    scenario: String,
    why: Id,
    fix: Id,
}

/// Prints the report when `result` failed with `want`; the reason otherwise.
fn expect_errno<T>(result: Result<T>, want: Errno, demo: &str, explained: Explained) -> Result<()> {
    let err: IpcError = match result {
        Ok(_) => {
            return Err(not_reproduced(
                demo,
                &format!("{want:?}"),
                &t!("pitfall-success"),
            ));
        }
        Err(e) if e.errno() == Some(want) => e,
        Err(e) => return Err(not_reproduced(demo, &format!("{want:?}"), &e.to_string())),
    };
    Pitfall::from_error(
        &err,
        explained.scenario,
        text(explained.why),
        text(explained.fix),
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
    let explained = Explained {
        scenario: t!(
            "sem-demos-enoent-scenario",
            name = name,
            path = name.fs_path()
        ),
        why: id!("sem-demos-enoent-why"),
        fix: id!("sem-demos-enoent-fix"),
    };
    expect_errno(opened, Errno::ENOENT, "enoent", explained)
}

pub fn eexist() -> Result<()> {
    let name = fresh();
    let first = create_new(&name)?;
    let guard = Cleanup::sem(&name);
    println!(
        "{}",
        t!(
            "sem-demos-eexist-created",
            name = name,
            path = name.fs_path()
        )
    );
    let again = create_new(&name);
    let explained = Explained {
        scenario: t!(
            "sem-demos-eexist-scenario",
            name = name,
            path = name.fs_path()
        ),
        why: id!("sem-demos-eexist-why"),
        fix: id!("sem-demos-eexist-fix"),
    };
    expect_errno(again, Errno::EEXIST, "eexist", explained)?;
    drop(first);
    let what = guard.what().to_string();
    guard.run_now()?;
    println!("{}", t!("core-removed", what = what));
    Ok(())
}
