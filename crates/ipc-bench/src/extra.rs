//! The mechanisms built on ipc-core's message-queue and semaphore wrappers: POSIX message
//! queues, System V message queues, and shared memory handed over with semaphores.

use ipc_core::sem::SharedSemaphore;
use ipc_core::{Cleanup, Mapping, Result, Sharing};

use crate::mechanism::{Endpoint, Mechanism, Side, Unavailable};

pub trait ExtraLink {
    /// This process's end. The parent's is made before `fork`, the child's after.
    fn end(&self, side: Side) -> Result<Box<dyn Endpoint + '_>>;
}

type Made = (Box<dyn ExtraLink>, Option<String>, Vec<Cleanup>);

pub fn new(mech: Mechanism, size: usize) -> Result<std::result::Result<Made, Unavailable>> {
    match mech {
        Mechanism::PosixMq | Mechanism::SysvMsg => Ok(Err(Unavailable(format!(
            "{} waits for ipc-core's queue wrappers",
            mech.name()
        )))),
        _ => shm_sem(size),
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
