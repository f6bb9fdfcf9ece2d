//! `pipe(2)`, one per direction.

use std::os::fd::OwnedFd;

use ipc_support::{IpcError, Result};

use super::stream::{StreamEnd, dup};
use super::{Channel, Endpoint, Mechanism, SetupError, Side};

pub const MECHANISM: Mechanism = Mechanism {
    name: "pipe",
    describe: ipc_text::id!("bench-mech-pipe"),
    kernel_copy: true,
    open,
};

/// Each direction: (read end, write end).
struct Pipes {
    down: (OwnedFd, OwnedFd),
    up: (OwnedFd, OwnedFd),
}

fn open(_size: usize) -> Result<Box<dyn Channel>, SetupError> {
    let pipe = || nix::unistd::pipe().map_err(|e| IpcError::sys("pipe()", e));
    Ok(Box::new(Pipes {
        down: pipe()?,
        up: pipe()?,
    }))
}

impl Channel for Pipes {
    fn end(&self, side: Side) -> Result<Box<dyn Endpoint + '_>> {
        let (tx, rx) = side.pick(&self.down, &self.up);
        Ok(Box::new(StreamEnd {
            tx: dup(&tx.1)?,
            rx: dup(&rx.0)?,
        }))
    }
}
