//! 2.7: a process creates a shm object and a named semaphore and exits without unlinking
//! them; both stay in /dev/shm, with nobody using them, until someone removes them.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use ipc_core::pitfall::{Outcome, Pitfall, not_reproduced};
use ipc_core::process::{ChildEnd, fork_child};
use ipc_core::sem::{sem_exists, unlink_guard};
use ipc_core::text::{text, text_with};
use ipc_core::{
    Access, Cleanup, NameKind, NamedSemaphore, ObjectName, PosixShm, Result, SemCreate, ShmOptions,
};

use crate::demo_name;

const SIZE: u64 = 4096;

/// `-rw-------`, as `ls -l` prints a mode.
fn mode_string(mode: u32) -> String {
    let mut s = String::from("-");
    for shift in [6, 3, 0] {
        let bits = (mode >> shift) & 7;
        s.push(if bits & 4 != 0 { 'r' } else { '-' });
        s.push(if bits & 2 != 0 { 'w' } else { '-' });
        s.push(if bits & 1 != 0 { 'x' } else { '-' });
    }
    s
}

/// One `ls -l`-like line for a file in /dev/shm, or None when it is not there.
fn listing(path: &str) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    Some(format!(
        "  {} {:>5} {:>5} {:>6} {path}",
        mode_string(meta.permissions().mode()),
        meta.uid(),
        meta.gid(),
        meta.size()
    ))
}

/// What the forgetful process does: create, use, and exit without unlinking.
fn forgetful(shm_name: &ObjectName, sem_name: &ObjectName) -> Result<()> {
    let shm = PosixShm::open(
        shm_name,
        ShmOptions {
            exclusive: true,
            ..ShmOptions::create(0o600)
        },
    )?;
    shm.set_size(SIZE)?;
    shm.map(SIZE as usize, Access::ReadWrite)?
        .write_c_string(b"left behind")?;
    let sem = NamedSemaphore::create(sem_name, SemCreate::new(1).exclusive())?;
    sem.wait()?;
    Ok(())
}

pub fn run() -> Result<()> {
    let shm_name = demo_name(NameKind::SharedMemory, "demo_leak");
    let sem_name = demo_name(NameKind::Semaphore, "demo_sem_leak");
    // Our own guards, armed before the child runs: whatever happens, nothing stays.
    let shm_guard = Cleanup::shm(&shm_name);
    let sem_guard = unlink_guard(&sem_name);
    let paths = [shm_name.fs_path(), sem_name.fs_path()];

    let child = fork_child(|| match forgetful(&shm_name, &sem_name) {
        Ok(()) => 0,
        Err(e) => {
            ipc_core::error::report("shm-errors", &e);
            1
        }
    })?;
    let pid = child.pid();
    let end = child.wait()?;
    if end != ChildEnd::Exited(0) {
        return Err(not_reproduced(
            "dangling",
            &text("shm-errors.dangling.nr.child"),
            &text_with("pitfall.child-that", &[&end]),
        ));
    }
    println!("{}", text_with("shm-errors.dangling.exited", &[&pid]));
    let lines: Vec<String> = paths.iter().filter_map(|p| listing(p)).collect();
    for line in &lines {
        println!("{line}");
    }
    if lines.len() != 2 {
        return Err(not_reproduced(
            "dangling",
            &text("shm-errors.dangling.nr.listed"),
            &text_with("shm-errors.dangling.nr.count", &[&lines.len()]),
        ));
    }
    Pitfall {
        scenario: text_with("shm-errors.dangling.scenario", &[&shm_name, &sem_name]),
        call: text_with("shm-errors.dangling.call", &[&shm_name, &sem_name]),
        outcome: Outcome::Observed(text_with("shm-errors.dangling.observed", &[&pid])),
        why: text("shm-errors.dangling.why"),
        fix: text_with("shm-errors.dangling.fix", &[&paths[0], &paths[1]]),
    }
    .print();

    for guard in [shm_guard, sem_guard] {
        let what = guard.what().to_string();
        guard.run_now()?;
        println!("{}", text_with("core.removed", &[&what]));
    }
    if paths.iter().any(|p| Path::new(p).exists()) || sem_exists(&sem_name) {
        return Err(not_reproduced(
            "dangling",
            &text("shm-errors.dangling.nr.gone"),
            &text("shm-errors.dangling.nr.still"),
        ));
    }
    println!("{}", text("shm-errors.dangling.gone"));
    Ok(())
}
