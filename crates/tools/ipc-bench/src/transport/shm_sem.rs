//! The lessons' hand-off: per direction, one shared buffer of one message and two
//! process-shared semaphores, "empty" and "full".

use ipc_core::sem::SharedSemaphore;
use ipc_core::{IpcError, Mapping, Result, Sharing};
use ipc_sys::mem::SharedMemory;

use super::{Channel, Endpoint, Mechanism, SetupError, Side};

pub const MECHANISM: Mechanism = Mechanism {
    name: "shm-sem",
    describe: "shared memory, one buffer and two semaphores per direction",
    kernel_copy: false,
    open,
};

/// Where the two semaphores of a direction sit in its page, a cache line pair apart.
const EMPTY: usize = 0;
const FULL: usize = 128;

/// One direction: the semaphores' page and the message's buffer.
struct Handoff {
    sems: Mapping,
    data: SharedMemory,
}

impl Handoff {
    fn new(size: usize) -> Result<Self> {
        const { assert!(SharedSemaphore::SIZE <= FULL - EMPTY && SharedSemaphore::ALIGN <= 128) };
        Ok(Handoff {
            sems: Mapping::anonymous(2 * FULL, Sharing::Shared)?,
            data: crate::memory::shared(size)?,
        })
    }
}

struct Handoffs {
    down: Handoff,
    up: Handoff,
}

fn open(size: usize) -> Result<Box<dyn Channel>, SetupError> {
    Ok(Box::new(Handoffs {
        down: Handoff::new(size)?,
        up: Handoff::new(size)?,
    }))
}

/// A direction as this process sees it.
struct Sems<'a> {
    data: &'a SharedMemory,
    empty: SharedSemaphore<'a>,
    full: SharedSemaphore<'a>,
}

impl<'a> Sems<'a> {
    /// The parent initialises (empty = 1, full = 0) before fork; the child attaches.
    fn of(h: &'a Handoff, side: Side) -> Result<Self> {
        let (empty, full) = match side {
            Side::Parent => (
                SharedSemaphore::init(&h.sems, EMPTY, 1)?,
                SharedSemaphore::init(&h.sems, FULL, 0)?,
            ),
            Side::Child => (
                SharedSemaphore::attach(&h.sems, EMPTY)?,
                SharedSemaphore::attach(&h.sems, FULL)?,
            ),
        };
        Ok(Sems {
            data: &h.data,
            empty,
            full,
        })
    }
}

impl Channel for Handoffs {
    fn end(&self, side: Side) -> Result<Box<dyn Endpoint + '_>> {
        let (tx, rx) = side.pick(&self.down, &self.up);
        Ok(Box::new(HandoffEnd {
            tx: Sems::of(tx, side)?,
            rx: Sems::of(rx, side)?,
        }))
    }
}

struct HandoffEnd<'a> {
    tx: Sems<'a>,
    rx: Sems<'a>,
}

impl Endpoint for HandoffEnd<'_> {
    /// Wait until the buffer is empty, write, post "full".
    fn send(&mut self, msg: &[u8]) -> Result<()> {
        self.tx.empty.wait()?;
        self.tx
            .data
            .write(0, msg)
            .map_err(|e| IpcError::sys("shm-sem: copy in", e))?;
        self.tx.full.post()
    }

    fn recv(&mut self, buf: &mut [u8]) -> Result<()> {
        self.rx.full.wait()?;
        self.rx
            .data
            .read(0, buf)
            .map_err(|e| IpcError::sys("shm-sem: copy out", e))?;
        self.rx.empty.post()
    }
}
