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
