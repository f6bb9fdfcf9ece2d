//! The end of a byte stream (pipe, FIFO or socket): a message is written and read in as many
//! calls as the kernel needs.

use std::os::fd::{AsFd, OwnedFd};

use ipc_support::{Context, IpcError, Result};

use super::Endpoint;

/// One descriptor to write to, one to read from.
pub struct StreamEnd {
    pub tx: OwnedFd,
    pub rx: OwnedFd,
}

impl Endpoint for StreamEnd {
    fn send(&mut self, mut msg: &[u8]) -> Result<()> {
        while !msg.is_empty() {
            match nix::unistd::write(self.tx.as_fd(), msg) {
                Ok(n) => msg = &msg[n..],
                Err(e) => return Err(e).context(|| "write".to_string()),
            }
        }
        Ok(())
    }

    fn recv(&mut self, buf: &mut [u8]) -> Result<()> {
        let mut at = 0;
        while at < buf.len() {
            match nix::unistd::read(self.rx.as_fd(), &mut buf[at..]) {
                Ok(0) => return Err(IpcError::refused("read", "the other end closed")),
                Ok(n) => at += n,
                Err(e) => return Err(e).context(|| "read".to_string()),
            }
        }
        Ok(())
    }
}

/// A second descriptor for the same open file, so each process's end owns its own.
pub fn dup(fd: &OwnedFd) -> Result<OwnedFd> {
    fd.try_clone()
        .map_err(|e| IpcError::sys("dup", super::io_errno(&e)))
}
