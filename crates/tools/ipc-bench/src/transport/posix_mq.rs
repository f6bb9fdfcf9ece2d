//! POSIX message queues, one per direction; messages above `fs.mqueue.msgsize_max` go as
//! several.

use ipc_support::args::PRIVATE_MODE;
use ipc_support::interrupt::retry_eintr;
use ipc_support::{Context, Hint, IpcError, ObjectName, Result, call, hints, mq, unique};
use ipc_sys::mqueue::OwnedMqd;
use nix::mqueue::{MQ_OFlag, MqAttr, mq_open, mq_receive, mq_send, mq_unlink};

use super::chunks::{self, Pieces};
use super::{Channel, Endpoint, Mechanism, SetupError, Side};

pub const MECHANISM: Mechanism = Mechanism {
    name: "posix-mq",
    describe: ipc_text::id!("bench-mech-posix-mq"),
    kernel_copy: true,
    open,
};

/// One direction: its descriptor (inherited by the child through fork), and its name for
/// the error lines (the name itself is unlinked at once).
struct Queue {
    mqd: OwnedMqd,
    name: ObjectName,
}

struct Queues {
    down: Queue,
    up: Queue,
    /// Bytes per queue message.
    piece: usize,
    note: Option<String>,
}

fn open(size: usize) -> Result<Box<dyn Channel>, SetupError> {
    let limits = mq::kernel_limits()?;
    let piece = size.min(usize::try_from(limits.msgsize_max).unwrap_or(usize::MAX));
    let depth = i64::try_from(limits.msg_max.min(10)).unwrap_or(10);
    let msgsize =
        i64::try_from(piece).map_err(|_| IpcError::refused("queue", "message too large"))?;
    let open = || -> Result<Queue> {
        let name = ObjectName::parse_mq(&format!("/{}", unique::unique_name("ipc-bench")))
            .map_err(|e| IpcError::refused("queue name", e))?;
        let flags = MQ_OFlag::O_RDWR | MQ_OFlag::O_CREAT | MQ_OFlag::O_EXCL;
        let attr = MqAttr::new(0, depth, msgsize, 0);
        let mqd = mq_open(name.as_str(), flags, PRIVATE_MODE, Some(&attr))
            .map(OwnedMqd::from)
            .context(|| call!("mq_open", name, flags, PRIVATE_MODE, attr))
            .hints(hints::mq_open(&name, true))?;
        // Both processes use the descriptor (inherited through fork), so the name can go
        // at once: nothing is left behind even if the run is killed.
        mq_unlink(name.as_str()).context(|| call!("mq_unlink", name))?;
        Ok(Queue { mqd, name })
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
    tx: &'a Queue,
    rx: &'a Queue,
    pieces: Pieces,
}

impl Endpoint for QueueEnd<'_> {
    fn send(&mut self, msg: &[u8]) -> Result<()> {
        let tx = self.tx;
        self.pieces.send(msg, |piece| {
            retry_eintr(|| mq_send(&tx.mqd, piece, 0))
                .context(|| {
                    call!(
                        "mq_send",
                        tx.name,
                        format!("{} bytes", piece.len()),
                        "priority 0"
                    )
                })
                .hints(hints::mq_send)
        })
    }

    fn recv(&mut self, buf: &mut [u8]) -> Result<()> {
        let rx = self.rx;
        self.pieces.recv(buf, |b| {
            let len = b.len();
            let mut priority = 0;
            retry_eintr(|| mq_receive(&rx.mqd, b, &mut priority))
                .context(|| call!("mq_receive", rx.name, format!("buffer of {len} bytes")))
                .hints(hints::mq_receive)
        })
    }
}
