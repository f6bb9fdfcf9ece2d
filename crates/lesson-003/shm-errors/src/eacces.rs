//! 2.2 and 2.3: EACCES from shm_open (file modes) and from mmap (descriptor access).

use ipc_core::pitfall::{NOBODY, Pitfall, drop_privileges, not_reproduced};
use ipc_core::process::{ChildEnd, fork_child};
use ipc_core::text::{text, text_with};
use ipc_core::{Access, IpcError, ObjectName, PosixShm, Result, ShmOptions};
use nix::errno::Errno;
use nix::unistd::geteuid;

use crate::fresh_shm;

const SIZE: usize = 4096;

fn open_rdwr(name: &ObjectName) -> Result<PosixShm> {
    PosixShm::open(
        name,
        ShmOptions {
            access: Access::ReadWrite,
            ..ShmOptions::read_only()
        },
    )
}

/// The report for the EACCES that `shm_open(O_RDWR)` gave, or the reason it is not one.
fn report_open(err: &IpcError, name: &ObjectName, who: &str) -> Result<()> {
    if err.errno() != Some(Errno::EACCES) {
        return Err(not_reproduced("eacces-open", "EACCES", &err.to_string()));
    }
    Pitfall::from_error(
        err,
        text_with("shm-errors.eacces-open.scenario", &[&name, &who]),
        text("shm-errors.eacces-open.why"),
        text("shm-errors.eacces-open.fix"),
    )
    .expect("an errno is present")
    .print();
    Ok(())
}

pub fn open() -> Result<()> {
    let read_only = ShmOptions {
        mode: 0o400,
        ..ShmOptions::read_only()
    };
    let (name, shm, _guard) = fresh_shm("demo_shm_ro", read_only)?;
    drop(shm);
    println!(
        "{}",
        text_with("shm-errors.eacces-open.created", &[&name.fs_path()])
    );
    if !geteuid().is_root() {
        let err = open_rdwr(&name).map(drop).err();
        return match err {
            Some(err) => report_open(&err, &name, &format!("uid {}", geteuid())),
            None => Err(not_reproduced(
                "eacces-open",
                "EACCES",
                &text("pitfall.success"),
            )),
        };
    }

    // Root: the kernel skips the permission check, so the open succeeds.
    open_rdwr(&name).map_err(|e| {
        not_reproduced(
            "eacces-open",
            &text("shm-errors.eacces-open.nr.root"),
            &e.to_string(),
        )
    })?;
    println!("{}", text("shm-errors.eacces-open.root-ok"));
    // A child becomes an ordinary user and tries again; its exit status carries the errno.
    let child = fork_child(|| {
        let (uid, gid) = match drop_privileges(NOBODY, NOBODY) {
            Ok(ids) => ids,
            Err(e) => {
                eprintln!("shm-errors: {e}");
                return 255;
            }
        };
        println!(
            "{}",
            text_with("shm-errors.eacces-open.dropped", &[&uid, &gid])
        );
        match open_rdwr(&name) {
            Ok(_) => 0,
            Err(e) => e.errno().map_or(254, |e| e as i32),
        }
    })?;
    match child.wait()? {
        ChildEnd::Exited(code) if code == Errno::EACCES as i32 => {
            let err = IpcError::sys(format!("shm_open({name}, O_RDWR)"), Errno::EACCES);
            report_open(&err, &name, &format!("uid {NOBODY}"))?;
            println!("{}", text("shm-errors.eacces-open.root-why"));
            Ok(())
        }
        ChildEnd::Exited(255) => Err(not_reproduced(
            "eacces-open",
            &text("shm-errors.eacces-open.nr.child"),
            &text("shm-errors.eacces-open.nr.drop-failed"),
        )),
        ChildEnd::Exited(0) => Err(not_reproduced(
            "eacces-open",
            "EACCES",
            &text("pitfall.success"),
        )),
        ChildEnd::Exited(code) => Err(not_reproduced(
            "eacces-open",
            "EACCES",
            &format!("{:?}", Errno::from_raw(code)),
        )),
        end => Err(not_reproduced(
            "eacces-open",
            "EACCES",
            &text_with("pitfall.child-that", &[&end]),
        )),
    }
}

pub fn mmap() -> Result<()> {
    let (name, shm, _guard) = fresh_shm("demo_shm_map", ShmOptions::create(0o600))?;
    shm.set_size(SIZE as u64)?;
    drop(shm);
    let reader = PosixShm::open(&name, ShmOptions::read_only())?;
    println!(
        "{}",
        text_with("shm-errors.eacces-mmap.opened", &[&name.fs_path()])
    );
    let err = match reader.map(SIZE, Access::ReadWrite) {
        Ok(_) => {
            return Err(not_reproduced(
                "eacces-mmap",
                "EACCES",
                &text("pitfall.success"),
            ));
        }
        Err(e) if e.errno() == Some(Errno::EACCES) => e,
        Err(e) => return Err(not_reproduced("eacces-mmap", "EACCES", &e.to_string())),
    };
    Pitfall::from_error(
        &err,
        text_with("shm-errors.eacces-mmap.scenario", &[&name]),
        text("shm-errors.eacces-mmap.why"),
        text("shm-errors.eacces-mmap.fix"),
    )
    .expect("an errno is present")
    .print();
    // The fix, both ways: map read-only, or open read-write for a writable mapping.
    reader.map(SIZE, Access::ReadOnly)?;
    open_rdwr(&name)?
        .map(SIZE, Access::ReadWrite)?
        .write_c_string(b"ok")?;
    println!("{}", text("shm-errors.eacces-mmap.fixed"));
    Ok(())
}
