//! One System V message queue, one message type per direction; messages above
//! `kernel.msgmax` go as several.

use ipc_core::Result;
use ipc_core::sysv_msg::{self, RecvFlags, SysvQueue};

use super::chunks::{self, Pieces};
use super::{Channel, Endpoint, Mechanism, SetupError, Side};

pub const MECHANISM: Mechanism = Mechanism {
    name: "sysv-msg",
    describe: "System V message queue, one mtype per direction",
    kernel_copy: true,
    open,
};

/// The message types of the two directions.
const DOWN: i64 = 1;
const UP: i64 = 2;

struct Queue {
    queue: SysvQueue,
    /// Bytes per queue message.
    piece: usize,
    note: Option<String>,
    /// IPC_RMID when the run ends.
    _guard: ipc_core::Cleanup,
}

fn open(size: usize) -> Result<Box<dyn Channel>, SetupError> {
    let max = sysv_msg::max_message_size().unwrap_or(8192);
    let piece = size.min(max);
    let queue = SysvQueue::create_private(0o600)?;
    Ok(Box::new(Queue {
        queue,
        piece,
        note: chunks::note(size, piece, "kernel.msgmax"),
        _guard: queue.remove_on_drop(),
    }))
}

impl Channel for Queue {
    fn end(&self, side: Side) -> Result<Box<dyn Endpoint + '_>> {
        let (tx, rx) = side.pick(DOWN, UP);
        Ok(Box::new(QueueEnd {
            queue: self.queue,
            tx,
            rx,
            pieces: Pieces::new(self.piece),
        }))
    }

    fn note(&self) -> Option<String> {
        self.note.clone()
    }
}

/// The one queue, and the message types this end sends and receives.
struct QueueEnd {
    queue: SysvQueue,
    tx: i64,
    rx: i64,
    pieces: Pieces,
}

impl Endpoint for QueueEnd {
    fn send(&mut self, msg: &[u8]) -> Result<()> {
        let (queue, tx) = (self.queue, self.tx);
        self.pieces.send(msg, |piece| queue.send(tx, piece, false))
    }

    fn recv(&mut self, buf: &mut [u8]) -> Result<()> {
        let (queue, rx) = (self.queue, self.rx);
        self.pieces
            .recv(buf, |b| Ok(queue.receive(b, rx, RecvFlags::default())?.1))
    }
}
