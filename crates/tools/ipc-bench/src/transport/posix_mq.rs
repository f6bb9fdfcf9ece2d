//! POSIX message queues, one per direction; messages above `fs.mqueue.msgsize_max` go as
//! several.

use ipc_core::mq::{self, MessageQueue, QueueOptions};
use ipc_core::{IpcError, ObjectName, Result, unique};

use super::chunks::{self, Pieces};
use super::{Channel, Endpoint, Mechanism, SetupError, Side};

pub const MECHANISM: Mechanism = Mechanism {
    name: "posix-mq",
    describe: "POSIX message queue, one per direction",
    kernel_copy: true,
    open,
};

struct Queues {
    down: MessageQueue,
    up: MessageQueue,
    /// Bytes per queue message.
    piece: usize,
    note: Option<String>,
}

fn open(size: usize) -> Result<Box<dyn Channel>, SetupError> {
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
    Ok(Box::new(Queues {
        down: open()?,
        up: open()?,
        piece,
        note: chunks::note(size, piece, "fs.mqueue.msgsize_max"),
    }))
}

impl Channel for Queues {
    fn end(&self, side: Side) -> Result<Box<dyn Endpoint + '_>> {
        let (tx, rx) = side.pick(&self.down, &self.up);
        Ok(Box::new(QueueEnd {
            tx,
            rx,
            pieces: Pieces::new(self.piece),
        }))
    }

    fn note(&self) -> Option<String> {
        self.note.clone()
    }
}

struct QueueEnd<'a> {
    tx: &'a MessageQueue,
    rx: &'a MessageQueue,
    pieces: Pieces,
}

impl Endpoint for QueueEnd<'_> {
    fn send(&mut self, msg: &[u8]) -> Result<()> {
        self.pieces.send(msg, |piece| self.tx.send(piece, 0))
    }

    fn recv(&mut self, buf: &mut [u8]) -> Result<()> {
        let rx = self.rx;
        self.pieces.recv(buf, |b| Ok(rx.receive(b)?.0))
    }
}
