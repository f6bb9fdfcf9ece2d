//! shmget, shmat, the NUL-terminated text at offset 0, shmdt.

use ipc_core::sysv_shm::CreateOptions;
use ipc_core::text::{text, text_with};
use ipc_core::{Access, Cleanup, Result, SysvKey, SysvSegment};
use nix::errno::Errno;

use crate::Args;

/// The segment written to, and the guard that removes it if this program created it and
/// then failed (or was interrupted) before handing it over.
pub struct Written {
    pub segment: SysvSegment,
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
    let (segment, created) = find_or_create(key, args.create_options())?;
    let written = Written {
        segment,
        guard: created.then(|| Cleanup::sysv_shm(segment)),
    };
    let stat = segment.stat()?;
    let origin = if created {
        text("sysv-writer.created")
    } else {
        text("sysv-writer.existing")
    };
    println!(
        "{}",
        text_with(
            "sysv-writer.segment",
            &[
                &key,
                &segment.id(),
                &stat.size,
                &origin,
                &format!("0{:o}", stat.mode)
            ]
        )
    );
    let attachment = segment.attach(Access::ReadWrite)?;
    attachment.write_c_string(message)?;
    attachment.detach()?;
    println!(
        "{}",
        text_with("shm.wrote", &[&(message.len() + 1), &message.len()])
    );
    Ok(written)
}

/// `shmget` with IPC_EXCL first, so we know whether the segment is new (ours to remove if
/// anything fails); without `--exclusive`, an existing segment is then used as it is.
fn find_or_create(key: SysvKey, opts: CreateOptions) -> Result<(SysvSegment, bool)> {
    let exclusive = CreateOptions {
        exclusive: true,
        ..opts
    };
    match SysvSegment::create(key, exclusive) {
        Ok(segment) => Ok((segment, true)),
        Err(e) if e.errno() == Some(Errno::EEXIST) && !opts.exclusive => {
            Ok((SysvSegment::create(key, opts)?, false))
        }
        Err(e) => Err(e),
    }
}
