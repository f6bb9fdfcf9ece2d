//! shmget, shmat, the NUL-terminated text at offset 0, shmdt.

use ipc_support::message::write_c_string;
use ipc_support::owner::key_hint;
use ipc_support::sysvipc::SysvKind;
use ipc_support::{Cleanup, Context, Hint, IpcError, Result, call};
use ipc_sys::ipc::{IpcFlags, SysvKey};
use ipc_sys::shm::{SHM_DEST, ShmatFlags, ShmctlCmd, ShmidDs, shmat, shmctl, shmdt, shmget};
use ipc_text::t;
use nix::errno::Errno;

use crate::Args;

/// The segment written to, and the guard that removes it if this program created it and
/// then failed (or was interrupted) before handing it over.
pub struct Written {
    pub shmid: i32,
    guard: Option<Cleanup>,
}

impl Written {
    /// The segment is handed over to the reader: leave it in place.
    pub fn keep(self) {
        if let Some(guard) = self.guard {
            guard.keep();
        }
    }

    /// Whether dropping this removes the segment (it is ours and not handed over yet).
    pub fn removes_on_drop(&self) -> bool {
        self.guard.is_some()
    }
}

/// Finds or creates the segment, writes `message` into it, detaches.
pub fn write(args: &Args, message: &[u8]) -> Result<Written> {
    let key = args.key.resolve()?;
    let (shmid, created) = find_or_create(key, args)?;
    let written = Written {
        shmid,
        guard: created.then(|| Cleanup::sysv_shm(shmid)),
    };
    let mut ds = ShmidDs::default();
    shmctl(shmid, ShmctlCmd::IPC_STAT(&mut ds))
        .context(|| call!("shmctl", shmid, "IPC_STAT"))
        .hint_on(Errno::EACCES, || key_hint(SysvKind::SharedMemory, key))?;
    // shmat(shmid, NULL, 0): the kernel picks the address, read-write.
    let shm = shmat(shmid, ShmatFlags::empty())
        .context(|| call!("shmat", shmid, "NULL", ShmatFlags::empty()))
        .hint_on(Errno::EACCES, || key_hint(SysvKind::SharedMemory, key))?;
    let origin = if created {
        t!("sysv-writer-created")
    } else {
        t!("sysv-writer-existing")
    };
    println!(
        "{}",
        t!(
            "sysv-writer-segment",
            key = key,
            shmid = shmid,
            size = ds.shm_segsz,
            origin = origin,
            mode = format!("0{:o}", ds.shm_perm.mode & 0o777)
        )
    );
    if args.maps {
        print!(
            "{}",
            ipc_support::maps::report(shm.addr(), ds.shm_segsz, "shmat")?
        );
    }
    write_c_string(&shm, message)?;
    // Removed while we wrote (IPC_RMID by a reader that came too early, or ipcrm): the
    // kernel keeps it for us until shmdt, marked SHM_DEST, then nobody can find it.
    let mut after = ShmidDs::default();
    shmctl(shmid, ShmctlCmd::IPC_STAT(&mut after))
        .context(|| call!("shmctl", shmid, "IPC_STAT"))?;
    shmdt(shm).context(|| "shmdt".to_string())?;
    if after.shm_perm.mode & SHM_DEST != 0 {
        // Gone already: nothing for our guard to remove.
        written.keep();
        return Err(IpcError::refused(
            format!("key {key}, shmid {shmid}"),
            t!("faults-shm-removed", call = "IPC_RMID"),
        )
        .hint(t!("faults-shm-removed-hint")));
    }
    println!(
        "{}",
        t!(
            "shm-wrote",
            written = (message.len() + 1),
            length = message.len()
        )
    );
    Ok(written)
}

/// `shmget` with IPC_EXCL first, so we know whether the segment is new (ours to remove if
/// anything fails); without `--exclusive`, an existing segment is then used as it is.
fn find_or_create(key: SysvKey, args: &Args) -> Result<(i32, bool)> {
    let get = |flags: IpcFlags| {
        shmget(key, args.size, flags, args.mode)
            .context(|| {
                call!(
                    "shmget",
                    format!("key {key}"),
                    args.size,
                    (flags, args.mode)
                )
            })
            .hint_on(Errno::EEXIST, || t!("core-shmget-eexist"))
            .hint_on(Errno::EACCES, || key_hint(SysvKind::SharedMemory, key))
            .hint_on(Errno::EINVAL, || t!("core-shmget-einval"))
    };
    match get(IpcFlags::IPC_CREAT | IpcFlags::IPC_EXCL) {
        Ok(shmid) => Ok((shmid, true)),
        Err(e) if e.errno() == Some(Errno::EEXIST) && !args.exclusive => {
            Ok((get(IpcFlags::IPC_CREAT)?, false))
        }
        Err(e) => Err(e),
    }
}
