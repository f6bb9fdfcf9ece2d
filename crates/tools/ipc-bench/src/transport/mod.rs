//! The mechanisms under test, one module each, behind one interface: a [`Mechanism`] sets
//! up a [`Channel`] for messages of one size before `fork`, then each process takes its
//! [`Endpoint`] and sends or receives whole messages.
//!
//! Adding a mechanism: a module that defines its `MECHANISM`, and one line in [`ALL`] (with
//! its `mod` line).

use ipc_support::{IpcError, Result};

mod chunks;
mod stream;

mod fifo;
mod pipe;
mod posix_mq;
mod ring;
mod shm_sem;
mod socket;
mod sysv_msg;

/// Every mechanism, in the order of the table, the legend and the chart.
pub const ALL: &[&Mechanism] = &[
    &pipe::MECHANISM,
    &fifo::MECHANISM,
    &socket::MECHANISM,
    &posix_mq::MECHANISM,
    &sysv_msg::MECHANISM,
    &shm_sem::MECHANISM,
    &ring::MECHANISM,
];

/// The lock-free ring, the mechanism the targets are about.
pub const RING: &Mechanism = &ring::MECHANISM;

/// One of the mechanisms the lessons compare.
#[derive(Debug)]
pub struct Mechanism {
    /// Its name on the command line (`--only`) and in the results.
    pub name: &'static str,
    /// What it is, for the table's legend.
    pub describe: ipc_text::Id,
    /// True when its data goes through the kernel (a copy in, a copy out).
    pub kernel_copy: bool,
    /// Sets it up for messages of `size` bytes, before `fork`.
    pub open: fn(size: usize) -> std::result::Result<Box<dyn Channel>, SetupError>,
}

impl Mechanism {
    /// The mechanism called `name`.
    pub fn named(name: &str) -> Option<&'static Mechanism> {
        ALL.iter().copied().find(|m| m.name == name)
    }

    /// Is this `other`? (Mechanisms are told apart by name.)
    pub fn is(&self, other: &Mechanism) -> bool {
        self.name == other.name
    }
}

/// Why a mechanism was not set up for a size.
#[derive(Debug)]
pub enum SetupError {
    /// It cannot carry this size on this machine: the reason, shown in its row of results.
    Unavailable(String),
    /// A call failed: the run stops with this error.
    Failed(IpcError),
}

/// A set-up call that fails with ENOSYS says this kernel was built without the mechanism
/// (e.g. without System V IPC): the others are still measured.
impl From<IpcError> for SetupError {
    fn from(e: IpcError) -> Self {
        if e.errno() == Some(nix::errno::Errno::ENOSYS) {
            SetupError::Unavailable(format!("this kernel does not have it ({e})"))
        } else {
            SetupError::Failed(e)
        }
    }
}

/// A mechanism set up for messages of one size: both ends' objects, which it removes when
/// dropped (also on error and Ctrl-C).
pub trait Channel {
    /// This process's end. The parent's is made before `fork` (it initialises what the
    /// child's attaches to), the child's after.
    fn end(&self, side: Side) -> Result<Box<dyn Endpoint + '_>>;

    /// Said in the results: how the mechanism carries this size, when that is not plainly.
    fn note(&self) -> Option<String> {
        None
    }
}

/// One process's end of a two-way channel.
pub trait Endpoint {
    /// Sends all of `msg`.
    fn send(&mut self, msg: &[u8]) -> Result<()>;
    /// Receives exactly `buf.len()` bytes (one message).
    fn recv(&mut self, buf: &mut [u8]) -> Result<()>;
}

/// Which process an end belongs to: the parent sends first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Parent,
    Child,
}

impl Side {
    /// Of a channel's two directions, (the one this side sends on, the one it receives on).
    pub fn pick<T>(self, down: T, up: T) -> (T, T) {
        match self {
            Side::Parent => (down, up),
            Side::Child => (up, down),
        }
    }
}

/// The errno of an I/O error from std (which pipes, FIFOs and sockets go through).
fn io_errno(e: &std::io::Error) -> nix::errno::Errno {
    nix::errno::Errno::from_raw(e.raw_os_error().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_system_call_makes_a_mechanism_unavailable_and_others_fail_the_run() {
        use nix::errno::Errno;
        let missing = SetupError::from(IpcError::sys("msgget(IPC_PRIVATE)", Errno::ENOSYS));
        let SetupError::Unavailable(why) = missing else {
            panic!("ENOSYS should make the mechanism unavailable: {missing:?}");
        };
        assert!(
            why.contains("msgget(IPC_PRIVATE)") && why.contains("ENOSYS"),
            "{why}"
        );
        let failed = SetupError::from(IpcError::sys("msgget(IPC_PRIVATE)", Errno::ENOSPC));
        assert!(
            matches!(&failed, SetupError::Failed(e) if e.errno() == Some(Errno::ENOSPC)),
            "{failed:?}"
        );
    }

    #[test]
    fn names_are_unique_and_found() {
        for m in ALL {
            assert!(Mechanism::named(m.name).is_some_and(|found| found.is(m)));
        }
        let mut names: Vec<&str> = ALL.iter().map(|m| m.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
        assert!(Mechanism::named("carrier-pigeon").is_none());
    }
}
