//! Messages longer than a queue's limit travel as several queue messages ("pieces").

use ipc_support::{IpcError, Result};

use crate::size::human;

/// The results' note for a size sent as pieces of `piece` bytes (`limit` names the limit).
pub fn note(size: usize, piece: usize, limit: &str) -> Option<String> {
    (size > piece).then(|| {
        ipc_text::t!(
            "bench-pieces",
            count = size.div_ceil(piece),
            piece = human(piece),
            limit = limit
        )
    })
}

/// One process's pieces of one size: what a queue end sends and receives through.
pub struct Pieces {
    piece: usize,
    /// Where a short last piece is received: the kernel refuses a buffer shorter than
    /// the queue's message size.
    scratch: Vec<u8>,
}

impl Pieces {
    pub fn new(piece: usize) -> Self {
        Pieces {
            piece,
            scratch: vec![0; piece],
        }
    }

    /// Sends `msg` as consecutive pieces.
    pub fn send(&self, msg: &[u8], mut send_one: impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
        msg.chunks(self.piece).try_for_each(&mut send_one)
    }

    /// Fills `buf` from consecutive pieces; `recv_one` receives one into a buffer of at
    /// least the piece size and returns its length.
    pub fn recv(
        &mut self,
        buf: &mut [u8],
        mut recv_one: impl FnMut(&mut [u8]) -> Result<usize>,
    ) -> Result<()> {
        let mut at = 0;
        while at < buf.len() {
            let left = buf.len() - at;
            let n = if left >= self.piece {
                recv_one(&mut buf[at..at + self.piece])?
            } else {
                let n = recv_one(&mut self.scratch)?.min(left);
                buf[at..at + n].copy_from_slice(&self.scratch[..n]);
                n
            };
            if n == 0 {
                return Err(IpcError::refused("receive", "an empty message arrived"));
            }
            at += n;
        }
        Ok(())
    }
}
