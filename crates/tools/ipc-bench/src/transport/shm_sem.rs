//! The lessons' hand-off: per direction, one shared buffer of one message and two
//! process-shared semaphores, "empty" and "full".

use ipc_support::interrupt::retry_eintr;
use ipc_support::{Context, IpcError, Result, call};
use ipc_sys::mem::SharedMemory;
use ipc_sys::mman::{Mapping, mmap_anonymous};
use ipc_sys::semaphore::{SemSlot, UnnamedSemaphore, sem_init, sem_post, sem_wait};
use nix::sys::mman::{MapFlags, ProtFlags};

use super::{Channel, Endpoint, Mechanism, SetupError, Side};

pub const MECHANISM: Mechanism = Mechanism {
    name: "shm-sem",
    describe: ipc_text::id!("bench-mech-shm-sem"),
    kernel_copy: false,
    open,
};

ipc_sys::shareable! {
    /// A semaphore alone on its cache line pair.
    #[repr(C, align(128))]
    struct Line {
        sem: SemSlot,
    }
}

ipc_sys::shareable! {
    /// The two semaphores of a direction, a cache line pair apart.
    #[repr(C)]
    struct SemPage {
        empty: Line,
        full: Line,
    }
}

/// One direction: the semaphores' page and the message's buffer.
struct Handoff {
    sems: Mapping,
    data: SharedMemory,
}

impl Handoff {
    fn new(size: usize) -> Result<Self> {
        let len = std::mem::size_of::<SemPage>();
        let prot = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
        let flags = MapFlags::MAP_SHARED;
        Ok(Handoff {
            sems: mmap_anonymous(len, prot, flags)
                .context(|| call!("mmap", len, prot, flags | MapFlags::MAP_ANONYMOUS))?,
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
    empty: UnnamedSemaphore<'a>,
    full: UnnamedSemaphore<'a>,
}

impl<'a> Sems<'a> {
    /// The parent initialises (empty = 1, full = 0) before fork; the child attaches.
    fn of(h: &'a Handoff, side: Side) -> Result<Self> {
        let page: &SemPage = h
            .sems
            .place(0)
            .context(|| "shm-sem: the semaphores' page".to_string())?;
        let (empty, full) = match side {
            Side::Parent => (
                sem_init(&page.empty.sem, 1).context(|| call!("sem_init", "empty", 1, 1))?,
                sem_init(&page.full.sem, 0).context(|| call!("sem_init", "full", 1, 0))?,
            ),
            Side::Child => (
                page.empty
                    .sem
                    .attach()
                    .context(|| "shm-sem: the empty semaphore".to_string())?,
                page.full
                    .sem
                    .attach()
                    .context(|| "shm-sem: the full semaphore".to_string())?,
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
        retry_eintr(|| sem_wait(&self.tx.empty)).context(|| call!("sem_wait", "shared"))?;
        self.tx
            .data
            .write(0, msg)
            .map_err(|e| IpcError::sys("shm-sem: copy in", e))?;
        sem_post(&self.tx.full).context(|| call!("sem_post", "shared"))
    }

    fn recv(&mut self, buf: &mut [u8]) -> Result<()> {
        retry_eintr(|| sem_wait(&self.rx.full)).context(|| call!("sem_wait", "shared"))?;
        self.rx
            .data
            .read(0, buf)
            .map_err(|e| IpcError::sys("shm-sem: copy out", e))?;
        sem_post(&self.rx.empty).context(|| call!("sem_post", "shared"))
    }
}
