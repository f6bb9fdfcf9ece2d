//! One System V message queue, one message type per direction; messages above
//! `kernel.msgmax` go as several.

use ipc_support::args::PRIVATE_MODE;
use ipc_support::interrupt::retry_eintr;
use ipc_support::mq::sysv_msgmax;
use ipc_support::{Cleanup, Context, Result, call};
use ipc_sys::ipc::{IpcFlags, SysvKey};
use ipc_sys::msg::{MsgFlags, msgget, msgrcv, msgsnd};

use super::chunks::{self, Pieces};
use super::{Channel, Endpoint, Mechanism, SetupError, Side};

pub const MECHANISM: Mechanism = Mechanism {
    name: "sysv-msg",
    describe: ipc_text::id!("bench-mech-sysv-msg"),
    kernel_copy: true,
    open,
};

/// The message types of the two directions.
const DOWN: i64 = 1;
const UP: i64 = 2;

struct Queue {
    msqid: i32,
    /// Bytes per queue message.
    piece: usize,
    note: Option<String>,
    /// IPC_RMID when the run ends.
    _guard: Cleanup,
}

fn open(size: usize) -> Result<Box<dyn Channel>, SetupError> {
    let max = sysv_msgmax().unwrap_or(8192);
    let piece = size.min(max);
    let msqid = msgget(SysvKey::PRIVATE, IpcFlags::empty(), PRIVATE_MODE)
        .context(|| call!("msgget", "IPC_PRIVATE", (IpcFlags::empty(), PRIVATE_MODE)))?;
    Ok(Box::new(Queue {
        msqid,
        piece,
        note: chunks::note(size, piece, "kernel.msgmax"),
        _guard: Cleanup::sysv_msg(msqid),
    }))
}

impl Channel for Queue {
    fn end(&self, side: Side) -> Result<Box<dyn Endpoint + '_>> {
        let (tx, rx) = side.pick(DOWN, UP);
        Ok(Box::new(QueueEnd {
            msqid: self.msqid,
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
    msqid: i32,
    tx: i64,
    rx: i64,
    pieces: Pieces,
}

impl Endpoint for QueueEnd {
    fn send(&mut self, msg: &[u8]) -> Result<()> {
        let (msqid, tx) = (self.msqid, self.tx);
        self.pieces.send(msg, |piece| {
            retry_eintr(|| msgsnd(msqid, tx, piece, MsgFlags::empty())).context(|| {
                let (t, n) = (format!("type {tx}"), format!("{} bytes", piece.len()));
                call!("msgsnd", msqid, t, n, MsgFlags::empty())
            })
        })
    }

    fn recv(&mut self, buf: &mut [u8]) -> Result<()> {
        let (msqid, rx) = (self.msqid, self.rx);
        self.pieces.recv(buf, |b| {
            let len = b.len();
            let (_, n) = retry_eintr(|| msgrcv(msqid, b, rx, MsgFlags::empty())).context(|| {
                let (buffer, t) = (format!("buffer of {len} bytes"), format!("type {rx}"));
                call!("msgrcv", msqid, buffer, t, MsgFlags::empty())
            })?;
            Ok(n)
        })
    }
}
