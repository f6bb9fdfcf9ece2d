//! The mechanisms built on ipc-core's message-queue and semaphore wrappers: POSIX message
//! queues, System V message queues, and shared memory handed over with semaphores.

use ipc_core::mq::{self, MessageQueue, QueueOptions};
use ipc_core::sem::SharedSemaphore;
use ipc_core::sysv_msg::{self, RecvFlags, SysvQueue};
use ipc_core::{Cleanup, IpcError, Mapping, ObjectName, Result, Sharing, unique};

use crate::mechanism::{Endpoint, Mechanism, Side, Unavailable, human};

pub trait ExtraLink {
    /// This process's end. The parent's is made before `fork`, the child's after.
    fn end(&self, side: Side) -> Result<Box<dyn Endpoint + '_>>;
}

type Made = (Box<dyn ExtraLink>, Option<String>, Vec<Cleanup>);

pub fn new(mech: Mechanism, size: usize) -> Result<std::result::Result<Made, Unavailable>> {
    match mech {
        Mechanism::PosixMq => posix_mq(size),
        Mechanism::SysvMsg => sysv(size),
        _ => shm_sem(size),
    }
}

fn chunk_note(size: usize, piece: usize, limit: &str) -> Option<String> {
    (size > piece).then(|| {
        format!(
            "sent as {} messages of {} ({limit})",
            size.div_ceil(piece),
            human(piece)
        )
    })
}

/// Receives `buf.len()` bytes as pieces of at most `piece` bytes; `recv_one` must get a
/// buffer of at least `piece` bytes (the kernel refuses a shorter one), so a short tail
/// goes through `scratch`.
fn recv_pieces(
    buf: &mut [u8],
    piece: usize,
    scratch: &mut [u8],
    mut recv_one: impl FnMut(&mut [u8]) -> Result<usize>,
) -> Result<()> {
    let mut at = 0;
    while at < buf.len() {
        let left = buf.len() - at;
        let n = if left >= piece {
            recv_one(&mut buf[at..at + piece])?
        } else {
            let n = recv_one(scratch)?.min(left);
            buf[at..at + n].copy_from_slice(&scratch[..n]);
            n
        };
        if n == 0 {
            return Err(IpcError::refused("receive", "an empty message arrived"));
        }
        at += n;
    }
    Ok(())
}

// ---- POSIX message queues -------------------------------------------------------------

struct PosixMqLink {
    down: MessageQueue,
    up: MessageQueue,
    piece: usize,
}

fn posix_mq(size: usize) -> Result<std::result::Result<Made, Unavailable>> {
    let limits = mq::kernel_limits()?;
    let piece = size.min(limits.msgsize_max as usize);
    let depth = limits.msg_max.min(10) as i64;
    let open = || -> Result<MessageQueue> {
        let name = ObjectName::parse_mq(&format!("/{}", unique::unique_name("ipc-bench")))
            .map_err(|e| IpcError::refused("queue name", e))?;
        let q = MessageQueue::open(
            &name,
            QueueOptions {
                exclusive: true,
                ..QueueOptions::create(0o600, depth, piece as i64)
            },
        )?;
        // Both processes use the descriptor (inherited through fork), so the name can go
        // at once: nothing is left behind even if the run is killed.
        mq::unlink(&name)?;
        Ok(q)
    };
    let down = open()?;
    let up = open()?;
    let note = chunk_note(size, piece, "fs.mqueue.msgsize_max");
    Ok(Ok((
        Box::new(PosixMqLink { down, up, piece }),
        note,
        Vec::new(),
    )))
}

struct PosixMqEnd<'a> {
    tx: &'a MessageQueue,
    rx: &'a MessageQueue,
    piece: usize,
    scratch: Vec<u8>,
}

impl ExtraLink for PosixMqLink {
    fn end(&self, side: Side) -> Result<Box<dyn Endpoint + '_>> {
        let (tx, rx) = match side {
            Side::Parent => (&self.down, &self.up),
            Side::Child => (&self.up, &self.down),
        };
        Ok(Box::new(PosixMqEnd {
            tx,
            rx,
            piece: self.piece,
            scratch: vec![0; self.piece],
        }))
    }
}

impl Endpoint for PosixMqEnd<'_> {
    fn send(&mut self, msg: &[u8]) -> Result<()> {
        for piece in msg.chunks(self.piece) {
            self.tx.send(piece, 0)?;
        }
        Ok(())
    }

    fn recv(&mut self, buf: &mut [u8]) -> Result<()> {
        let rx = self.rx;
        recv_pieces(buf, self.piece, &mut self.scratch, |b| Ok(rx.receive(b)?.0))
    }
}

// ---- System V message queues ----------------------------------------------------------

const DOWN: i64 = 1;
const UP: i64 = 2;

struct SysvLink {
    queue: SysvQueue,
    piece: usize,
}

fn sysv(size: usize) -> Result<std::result::Result<Made, Unavailable>> {
    let max = sysv_msg::max_message_size().unwrap_or(8192);
    let piece = size.min(max);
    let queue = SysvQueue::create_private(0o600)?;
    let guard = queue.remove_on_drop();
    let note = chunk_note(size, piece, "kernel.msgmax");
    Ok(Ok((Box::new(SysvLink { queue, piece }), note, vec![guard])))
}

struct SysvEnd {
    queue: SysvQueue,
    tx: i64,
    rx: i64,
    piece: usize,
    scratch: Vec<u8>,
}

impl ExtraLink for SysvLink {
    fn end(&self, side: Side) -> Result<Box<dyn Endpoint + '_>> {
        let (tx, rx) = match side {
            Side::Parent => (DOWN, UP),
            Side::Child => (UP, DOWN),
        };
        Ok(Box::new(SysvEnd {
            queue: self.queue,
            tx,
            rx,
            piece: self.piece,
            scratch: vec![0; self.piece],
        }))
    }
}

impl Endpoint for SysvEnd {
    fn send(&mut self, msg: &[u8]) -> Result<()> {
        for piece in msg.chunks(self.piece) {
            self.queue.send(self.tx, piece, false)?;
        }
        Ok(())
    }

    fn recv(&mut self, buf: &mut [u8]) -> Result<()> {
        let (queue, rx) = (self.queue, self.rx);
        recv_pieces(buf, self.piece, &mut self.scratch, |b| {
            Ok(queue.receive(b, rx, RecvFlags::default())?.1)
        })
    }
}

// ---- shared memory + semaphores -------------------------------------------------------

/// One direction: [empty semaphore][full semaphore][buffer of one message].
struct Handoff {
    map: Mapping,
}

const EMPTY: usize = 0;
const FULL: usize = 128;
const DATA: usize = 256;

impl Handoff {
    fn new(size: usize) -> Result<Self> {
        const { assert!(SharedSemaphore::SIZE <= FULL - EMPTY && SharedSemaphore::ALIGN <= 128) };
        Ok(Handoff {
            map: Mapping::anonymous(DATA + size, Sharing::Shared)?,
        })
    }
}

struct ShmSemLink {
    down: Handoff,
    up: Handoff,
}

fn shm_sem(size: usize) -> Result<std::result::Result<Made, Unavailable>> {
    let link = ShmSemLink {
        down: Handoff::new(size)?,
        up: Handoff::new(size)?,
    };
    Ok(Ok((Box::new(link), None, Vec::new())))
}

/// The semaphores of one direction, as this process sees them.
struct Sems<'a> {
    map: &'a Mapping,
    empty: SharedSemaphore<'a>,
    full: SharedSemaphore<'a>,
}

impl<'a> Sems<'a> {
    /// The parent initialises (empty = 1, full = 0) before fork; the child attaches.
    fn of(h: &'a Handoff, side: Side) -> Result<Self> {
        let (empty, full) = match side {
            Side::Parent => (
                SharedSemaphore::init(&h.map, EMPTY, 1)?,
                SharedSemaphore::init(&h.map, FULL, 0)?,
            ),
            Side::Child => (
                SharedSemaphore::attach(&h.map, EMPTY)?,
                SharedSemaphore::attach(&h.map, FULL)?,
            ),
        };
        Ok(Sems {
            map: &h.map,
            empty,
            full,
        })
    }
}

struct ShmSemEnd<'a> {
    tx: Sems<'a>,
    rx: Sems<'a>,
}

impl ExtraLink for ShmSemLink {
    fn end(&self, side: Side) -> Result<Box<dyn Endpoint + '_>> {
        let down = Sems::of(&self.down, side)?;
        let up = Sems::of(&self.up, side)?;
        let (tx, rx) = match side {
            Side::Parent => (down, up),
            Side::Child => (up, down),
        };
        Ok(Box::new(ShmSemEnd { tx, rx }))
    }
}

impl Endpoint for ShmSemEnd<'_> {
    /// The lesson's hand-off: wait until the buffer is empty, write, post "full".
    fn send(&mut self, msg: &[u8]) -> Result<()> {
        self.tx.empty.wait()?;
        ipc_core::bulk::copy_in(self.tx.map, DATA, msg)?;
        self.tx.full.post()
    }

    fn recv(&mut self, buf: &mut [u8]) -> Result<()> {
        self.rx.full.wait()?;
        ipc_core::bulk::copy_out(self.rx.map, DATA, buf)?;
        self.rx.empty.post()
    }
}
