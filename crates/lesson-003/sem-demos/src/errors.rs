//! 2.6: sem_open's two classic errors, each provoked on a fresh name.

use ipc_core::pitfall::{Pitfall, not_reproduced};
use ipc_core::sem::unlink_guard;
use ipc_core::text::{text, text_with};
use ipc_core::unique::unique_name;
use ipc_core::{IpcError, NamedSemaphore, ObjectName, Result, SemCreate};
use nix::errno::Errno;

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

pub fn enoent() -> Result<()> {
    let name = fresh();
    // A guard even here: should the open wrongly succeed, nothing stays behind.
    let _guard = unlink_guard(&name);
    expect_errno(NamedSemaphore::open(&name), Errno::ENOENT, "enoent", &name)
}

pub fn eexist() -> Result<()> {
    let name = fresh();
    let first = NamedSemaphore::create(&name, SemCreate::new(1).exclusive())?;
    let guard = unlink_guard(&name);
    println!(
        "{}",
        text_with("sem-demos.eexist.created", &[&name, &name.fs_path()])
    );
    let again = NamedSemaphore::create(&name, SemCreate::new(1).exclusive());
    expect_errno(again, Errno::EEXIST, "eexist", &name)?;
    drop(first);
    let what = guard.what().to_string();
    guard.run_now()?;
    println!("{}", text_with("core.removed", &[&what]));
    Ok(())
}
