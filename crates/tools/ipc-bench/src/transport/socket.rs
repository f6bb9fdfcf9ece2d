//! A Unix domain stream socket pair: one connection carries both directions.

use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;

use ipc_support::{IpcError, Result};

use super::stream::{StreamEnd, dup};
use super::{Channel, Endpoint, Mechanism, SetupError, Side, io_errno};

pub const MECHANISM: Mechanism = Mechanism {
    name: "socket",
    describe: ipc_text::id!("bench-mech-socket"),
    kernel_copy: true,
    open,
};

/// The parent's socket and the child's, the two ends of one connection.
struct SocketPair {
    parent: OwnedFd,
    child: OwnedFd,
}

fn open(_size: usize) -> Result<Box<dyn Channel>, SetupError> {
    let (parent, child) = UnixStream::pair()
        .map_err(|e| IpcError::sys("socketpair(AF_UNIX, SOCK_STREAM)", io_errno(&e)))?;
    Ok(Box::new(SocketPair {
        parent: parent.into(),
        child: child.into(),
    }))
}

impl Channel for SocketPair {
    fn end(&self, side: Side) -> Result<Box<dyn Endpoint + '_>> {
        let (mine, _) = side.pick(&self.parent, &self.child);
        Ok(Box::new(StreamEnd {
            tx: dup(mine)?,
            rx: dup(mine)?,
        }))
    }
}
