//! `<mqueue.h>`: what nix's POSIX message queues lack: `mq_timedsend`.

use std::os::fd::AsRawFd;

use nix::errno::Errno;
use nix::mqueue::MqdT;
use nix::sys::time::TimeSpec;

/// `mq_timedsend(mqd, msg, prio, abs_timeout)`: as nix's `mq_send`, but fails with
/// ETIMEDOUT once the CLOCK_REALTIME time `abs_timeout` has passed with the queue still full.
pub fn mq_timedsend(
    mqd: &MqdT,
    msg: &[u8],
    prio: u32,
    abs_timeout: &TimeSpec,
) -> Result<(), Errno> {
    // SAFETY: the descriptor is open while mqd is borrowed, msg is valid for its length, and
    // abs_timeout is a valid timespec that outlives the call.
    let rc = unsafe {
        libc::mq_timedsend(
            mqd.as_raw_fd(),
            msg.as_ptr().cast(),
            msg.len(),
            prio,
            abs_timeout.as_ref(),
        )
    };
    Errno::result(rc).map(drop)
}

/// A queue descriptor that `mq_close`s itself when dropped (nix's `MqdT` does not), for a
/// program that opens several and may leave early with an error. It derefs to the `MqdT`,
/// so nix's calls take it as they are: `mq_send(&queue, ...)`.
#[derive(Debug)]
pub struct OwnedMqd(Option<MqdT>);

impl From<MqdT> for OwnedMqd {
    fn from(mqd: MqdT) -> Self {
        OwnedMqd(Some(mqd))
    }
}

impl OwnedMqd {
    /// `mq_close` now, reporting a failure instead of ignoring it as Drop must.
    pub fn close(mut self) -> Result<(), Errno> {
        match self.0.take() {
            Some(mqd) => nix::mqueue::mq_close(mqd),
            None => Ok(()),
        }
    }
}

impl std::ops::Deref for OwnedMqd {
    type Target = MqdT;
    fn deref(&self) -> &MqdT {
        self.0.as_ref().expect("open until close consumes it")
    }
}

impl Drop for OwnedMqd {
    fn drop(&mut self) {
        if let Some(mqd) = self.0.take() {
            let _ = nix::mqueue::mq_close(mqd);
        }
    }
}
