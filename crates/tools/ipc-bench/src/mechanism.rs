//! The mechanisms under test, each behind one interface: set up before `fork`, then each
//! process takes its end and sends or receives whole messages.

use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;

use ipc_core::ring::SpscRing;
use ipc_core::{Cleanup, IpcError, Result, interrupt, unique};
use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::stat::Mode;

/// One of the mechanisms the lessons compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Mechanism {
    Pipe,
    Fifo,
    Socket,
    PosixMq,
    SysvMsg,
    ShmSem,
    Ring,
}

impl Mechanism {
    pub const ALL: [Mechanism; 7] = [
        Mechanism::Pipe,
        Mechanism::Fifo,
        Mechanism::Socket,
        Mechanism::PosixMq,
        Mechanism::SysvMsg,
        Mechanism::ShmSem,
        Mechanism::Ring,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Mechanism::Pipe => "pipe",
            Mechanism::Fifo => "fifo",
            Mechanism::Socket => "socket",
            Mechanism::PosixMq => "posix-mq",
            Mechanism::SysvMsg => "sysv-msg",
            Mechanism::ShmSem => "shm-sem",
            Mechanism::Ring => "ring",
        }
    }

    /// What it is, for the table's legend.
    pub fn describe(self) -> &'static str {
        match self {
            Mechanism::Pipe => "pipe(2), one per direction",
            Mechanism::Fifo => "named pipe (mkfifo), one per direction",
            Mechanism::Socket => "Unix domain stream socket (socketpair)",
            Mechanism::PosixMq => "POSIX message queue, one per direction",
            Mechanism::SysvMsg => "System V message queue, one mtype per direction",
            Mechanism::ShmSem => "shared memory, one buffer and two semaphores per direction",
            Mechanism::Ring => "shared-memory SPSC ring, spin then futex",
        }
    }

    /// True for the mechanisms whose data goes through the kernel (a copy in, a copy out).
    pub fn kernel_copy(self) -> bool {
        !matches!(self, Mechanism::ShmSem | Mechanism::Ring)
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

/// A mechanism set up for messages of one size: both ends' objects, and the guards that
/// remove them when the run ends (also on error and Ctrl-C).
pub struct Link {
    kind: LinkKind,
    /// Said in the results: how the mechanism carries this size.
    pub note: Option<String>,
    _guards: Vec<Cleanup>,
}

enum LinkKind {
    Fds {
        /// parent -> child, then child -> parent: (read end, write end)
        down: (OwnedFd, OwnedFd),
        up: (OwnedFd, OwnedFd),
    },
    Fifo {
        down: PathBuf,
        up: PathBuf,
    },
    Ring {
        down: SpscRing,
        up: SpscRing,
    },
    Extra(Box<dyn crate::extra::ExtraLink>),
}

/// Why a mechanism cannot carry a size on this machine.
pub struct Unavailable(pub String);

impl Link {
    /// Sets up `mech` for messages of `size` bytes. `Ok(Err(..))`: not possible here, and why.
    pub fn new(mech: Mechanism, size: usize) -> Result<std::result::Result<Link, Unavailable>> {
        let link = |kind, note| Link {
            kind,
            note,
            _guards: Vec::new(),
        };
        Ok(Ok(match mech {
            Mechanism::Pipe => link(
                LinkKind::Fds {
                    down: pipe()?,
                    up: pipe()?,
                },
                None,
            ),
            Mechanism::Socket => {
                let (a, b) = UnixStream::pair()
                    .map_err(|e| IpcError::sys("socketpair(AF_UNIX, SOCK_STREAM)", io_errno(&e)))?;
                let (c, d) = (
                    a.try_clone()
                        .map_err(|e| IpcError::sys("dup", io_errno(&e)))?,
                    b.try_clone()
                        .map_err(|e| IpcError::sys("dup", io_errno(&e)))?,
                );
                // The parent reads and writes `a`, the child `b`.
                link(
                    LinkKind::Fds {
                        down: (OwnedFd::from(b), OwnedFd::from(a)),
                        up: (OwnedFd::from(c), OwnedFd::from(d)),
                    },
                    None,
                )
            }
            Mechanism::Fifo => {
                let dir = std::env::temp_dir();
                let down = dir.join(unique::unique_name("ipc-bench-fifo"));
                let up = dir.join(unique::unique_name("ipc-bench-fifo"));
                let mut guards = Vec::new();
                for path in [&down, &up] {
                    nix::unistd::mkfifo(path, Mode::from_bits_truncate(0o600))
                        .map_err(|e| IpcError::sys(format!("mkfifo({})", path.display()), e))?;
                    let p = path.clone();
                    guards.push(Cleanup::new(path.display().to_string(), move || {
                        std::fs::remove_file(&p).map_err(|e| {
                            IpcError::sys(format!("unlink({})", p.display()), io_errno(&e))
                        })
                    }));
                }
                Link {
                    kind: LinkKind::Fifo { down, up },
                    note: None,
                    _guards: guards,
                }
            }
            Mechanism::Ring => {
                let (slots, capacity) = ring_shape(size);
                link(
                    LinkKind::Ring {
                        down: SpscRing::new(slots, capacity)?,
                        up: SpscRing::new(slots, capacity)?,
                    },
                    (size > capacity).then(|| {
                        format!(
                            "{slots} slots of {}; a message spans several",
                            human(capacity)
                        )
                    }),
                )
            }
            Mechanism::PosixMq | Mechanism::SysvMsg | Mechanism::ShmSem => {
                match crate::extra::new(mech, size)? {
                    Ok((extra, note, guards)) => Link {
                        kind: LinkKind::Extra(extra),
                        note,
                        _guards: guards,
                    },
                    Err(why) => return Ok(Err(why)),
                }
            }
        }))
    }

    /// This process's end (call once, after `fork`).
    pub fn end(&self, side: Side) -> Result<Box<dyn Endpoint + '_>> {
        Ok(match &self.kind {
            LinkKind::Fds { down, up } => {
                let (tx, rx) = match side {
                    Side::Parent => (&down.1, &up.0),
                    Side::Child => (&up.1, &down.0),
                };
                Box::new(FdEnd {
                    tx: tx
                        .try_clone()
                        .map_err(|e| IpcError::sys("dup", io_errno(&e)))?,
                    rx: rx
                        .try_clone()
                        .map_err(|e| IpcError::sys("dup", io_errno(&e)))?,
                })
            }
            LinkKind::Fifo { down, up } => {
                // O_RDWR never blocks in open(2) on Linux, so neither side waits for the other.
                let (tx, rx) = match side {
                    Side::Parent => (down, up),
                    Side::Child => (up, down),
                };
                Box::new(FdEnd {
                    tx: open_fifo(tx)?,
                    rx: open_fifo(rx)?,
                })
            }
            LinkKind::Ring { down, up } => {
                let (tx, rx) = match side {
                    Side::Parent => (down, up),
                    Side::Child => (up, down),
                };
                Box::new(RingEnd {
                    tx: tx.producer(),
                    rx: rx.consumer(),
                })
            }
            LinkKind::Extra(extra) => extra.end(side)?,
        })
    }
}

/// Slots and bytes per slot of the ring for messages of `size` bytes. Small messages get
/// one slot each. Big ones travel as 512 KiB pieces, so the receiver copies one piece out
/// while the sender fills the next, a piece behind: the lines it reads have mostly left
/// the sender's L2 for the shared L3, and its reads do not compete with the sender's
/// writes for the sender's cache. (With 64 KiB pieces the receiver read lines the sender
/// had just written, and 1 MiB messages streamed at 0.8x the copy-out bandwidth; with
/// 512 KiB pieces at 0.9x.) The ring spans 4 MiB, more than a core's L2 cache: by the
/// time the sender writes a slot again, the receiver's copy of those lines has left its
/// L2, so the sender's stores do not wait for the other core to give the lines up (with a
/// 512 KiB ring they do, and 1 MiB messages ran at a third of the speed).
pub fn ring_shape(size: usize) -> (u32, usize) {
    const PIECE: usize = 512 * 1024;
    const RING_BYTES: usize = 4 << 20;
    let capacity = size.clamp(1, PIECE);
    let slots = (RING_BYTES / capacity).clamp(4, 1024) as u32;
    (slots, capacity)
}

pub fn human(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1024 && bytes % 1024 == 0 {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} B")
    }
}

pub fn io_errno(e: &std::io::Error) -> Errno {
    Errno::from_raw(e.raw_os_error().unwrap_or(0))
}

fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    nix::unistd::pipe().map_err(|e| IpcError::sys("pipe()", e))
}

fn open_fifo(path: &PathBuf) -> Result<OwnedFd> {
    nix::fcntl::open(path, OFlag::O_RDWR | OFlag::O_CLOEXEC, Mode::empty())
        .map_err(|e| IpcError::sys(format!("open({}, O_RDWR)", path.display()), e))
}

/// A byte stream: pipe, FIFO or socket.
struct FdEnd {
    tx: OwnedFd,
    rx: OwnedFd,
}

impl Endpoint for FdEnd {
    fn send(&mut self, mut msg: &[u8]) -> Result<()> {
        while !msg.is_empty() {
            match nix::unistd::write(self.tx.as_fd(), msg) {
                Ok(n) => msg = &msg[n..],
                Err(e) => return Err(interrupt::call_error("write", e)),
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
                Err(e) => return Err(interrupt::call_error("read", e)),
            }
        }
        Ok(())
    }
}

struct RingEnd<'a> {
    tx: ipc_core::ring::Producer<'a>,
    rx: ipc_core::ring::Consumer<'a>,
}

impl Endpoint for RingEnd<'_> {
    fn send(&mut self, msg: &[u8]) -> Result<()> {
        self.tx.send_all(msg)
    }

    fn recv(&mut self, buf: &mut [u8]) -> Result<()> {
        self.rx.recv_all(buf)
    }
}
