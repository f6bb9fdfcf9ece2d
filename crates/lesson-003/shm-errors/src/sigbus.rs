//! 2.1: mmap of an object that was never given a size, then a store into it → SIGBUS.

use ipc_core::pitfall::{Outcome, Pitfall, not_reproduced};
use ipc_core::process::{ChildEnd, fork_child};
use ipc_core::text::{text, text_with};
use ipc_core::{Access, Result, ShmOptions};
use nix::sys::resource::{Resource, setrlimit};
use nix::sys::signal::Signal;

use crate::fresh_shm;

const SIZE: usize = 4096;
const MESSAGE: &[u8] = b"Hello SHM";

pub fn run() -> Result<()> {
    let (name, shm, _guard) = fresh_shm("demo_shm_nf", ShmOptions::create(0o600))?;
    println!(
        "{}",
        text_with(
            "shm-errors.sigbus.created",
            &[&name.fs_path(), &shm.size()?]
        )
    );
    // mmap itself succeeds: the kernel checks the object's size only when a page is touched.
    let map = shm.map(SIZE, Access::ReadWrite)?;
    println!("{}", text_with("shm-errors.sigbus.mapped", &[&SIZE]));
    let child = fork_child(|| {
        // A core file would only litter the student's directory.
        let _ = setrlimit(Resource::RLIMIT_CORE, 0, 0);
        match map.write_bytes(0, MESSAGE) {
            Ok(()) => 0,
            Err(_) => 2,
        }
    })?;
    let pid = child.pid();
    let end = child.wait()?;
    if !matches!(
        end,
        ChildEnd::Signaled {
            signal: Signal::SIGBUS,
            ..
        }
    ) {
        return Err(not_reproduced(
            "sigbus",
            &text("shm-errors.sigbus.nr.expected"),
            &text_with("pitfall.child-that", &[&end]),
        ));
    }
    Pitfall {
        scenario: text_with("shm-errors.sigbus.scenario", &[&name]),
        call: text_with("shm-errors.sigbus.call", &[&SIZE, &pid]),
        outcome: Outcome::Signal(Signal::SIGBUS),
        why: text("shm-errors.sigbus.why"),
        fix: text("shm-errors.sigbus.fix"),
    }
    .print();

    // The fixed path: give the object its size first, then the same store works.
    shm.set_size(SIZE as u64)?;
    let fixed = shm.map(SIZE, Access::ReadWrite)?;
    let end = fork_child(|| match fixed.write_c_string(MESSAGE) {
        Ok(()) => 0,
        Err(_) => 1,
    })?
    .wait()?;
    let read_back = fixed.read_c_string();
    if end != ChildEnd::Exited(0) || read_back.bytes != MESSAGE {
        return Err(not_reproduced(
            "sigbus (fixed path)",
            &text("shm-errors.sigbus.nr.fixed"),
            &text_with("pitfall.child-that", &[&end]),
        ));
    }
    println!(
        "{}",
        text_with(
            "shm-errors.sigbus.fixed",
            &[&name, &SIZE, &read_back.lossy()]
        )
    );
    Ok(())
}
