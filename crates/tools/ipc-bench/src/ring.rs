//! A lock-free single-producer/single-consumer ring of fixed-size slots in a shared
//! mapping, for two processes (the producer and the consumer are created after `fork`).
//!
//! Each slot starts with its sequence word, so a small message and the word that publishes
//! it share one cache line pair: the consumer's spin loop pulls in the payload with the
//! sequence. A waiting side spins for a bounded number of rounds, then sleeps on a futex;
//! the other side wakes it only when its "sleeping" flag is set, so the fast path makes
//! no system call. Big pieces are copied with 32-byte vector stores, or with streaming
//! (non-temporal) stores while ordinary ones crawl because the two cores are far apart.
//!
//! Layout: three 128-byte control blocks (consumer position, consumer-sleeping flag,
//! producer-sleeping flag, each alone so that writes to one do not disturb the others),
//! then `slots` slots of `16 + capacity` bytes rounded up to 128.

use std::sync::atomic::{AtomicU32, Ordering, fence};

use ipc_support::{Context, IpcError, Result, interrupt};
use ipc_sys::mem::SharedMemory;

use crate::futex;

const BLOCK: usize = 128;
const HEADER: usize = 16;
const READ_POS: usize = 0;
const CONSUMER_SLEEPING: usize = BLOCK;
const PRODUCER_SLEEPING: usize = 2 * BLOCK;
const SLOTS: usize = 3 * BLOCK;

/// How long a waiting side spins before it sleeps: long enough to cover a message in
/// flight between two busy cores, short enough not to burn a core for long.
pub const DEFAULT_SPINS: u32 = 20_000;

/// The shared part of a ring: create it before `fork`, then make one [`Producer`] in one
/// process and one [`Consumer`] in the other.
#[derive(Debug)]
pub struct SpscRing {
    map: SharedMemory,
    slots: u32,
    stride: usize,
    capacity: usize,
    spins: u32,
}

impl SpscRing {
    /// A ring of `slots` slots (a power of two is not required) of `capacity` payload bytes each.
    pub fn new(slots: u32, capacity: usize) -> Result<Self> {
        if slots == 0 || capacity == 0 {
            return Err(IpcError::refused(
                "ring",
                "needs at least one slot of at least one byte",
            ));
        }
        let stride = (HEADER + capacity).div_ceil(BLOCK) * BLOCK;
        let map = crate::memory::shared(SLOTS + stride * slots as usize)?;
        // Touch every page now, so that no page fault slows the first pass through the ring.
        for page in (0..map.len()).step_by(4096) {
            map.write(page, &[0])
                .map_err(|e| IpcError::sys("ring: first write", e))?;
        }
        Ok(SpscRing {
            map,
            slots,
            stride,
            capacity,
            spins: DEFAULT_SPINS,
        })
    }

    /// Rounds a waiting side spins before it sleeps (0: sleep at once).
    pub fn with_spins(mut self, spins: u32) -> Self {
        self.spins = spins;
        self
    }

    pub fn producer(&self) -> Producer<'_> {
        Producer {
            ring: self,
            next: 0,
            seen_read: 0,
            streaming: false,
            since_probe: 0,
            timed: (0, 0.0),
        }
    }

    pub fn consumer(&self) -> Consumer<'_> {
        Consumer {
            ring: self,
            next: 0,
        }
    }

    fn word(&self, offset: usize) -> &AtomicU32 {
        self.map.atomic_u32(offset)
    }

    fn slot(&self, index: u32) -> usize {
        SLOTS + (index % self.slots) as usize * self.stride
    }

    /// Spins then sleeps until `ready()`; `sleeping` is the flag that tells the other side
    /// to wake `word`.
    fn wait_until(
        &self,
        word: &AtomicU32,
        sleeping: &AtomicU32,
        mut ready: impl FnMut(u32) -> bool,
    ) -> Result<()> {
        for _ in 0..self.spins {
            if ready(word.load(Ordering::Acquire)) {
                return Ok(());
            }
            std::hint::spin_loop();
        }
        let start = std::time::Instant::now();
        loop {
            interrupt::check("ring wait")?;
            if start.elapsed() > futex::PEER_TIMEOUT {
                return Err(IpcError::refused(
                    "ring wait",
                    "the other process stopped answering",
                ));
            }
            sleeping.store(1, Ordering::Relaxed);
            // Pairs with the fence in `wake_if_sleeping`: either the other side sees the
            // flag, or this side sees the new value below.
            fence(Ordering::SeqCst);
            let seen = word.load(Ordering::Acquire);
            if ready(seen) {
                sleeping.store(0, Ordering::Relaxed);
                return Ok(());
            }
            if let Err(e) = futex::wait(word, seen) {
                sleeping.store(0, Ordering::Relaxed);
                return Err(e).context(|| "futex(FUTEX_WAIT)".to_string());
            }
        }
    }

    fn wake_if_sleeping(&self, word: &AtomicU32, sleeping: &AtomicU32) {
        fence(Ordering::SeqCst);
        if sleeping.load(Ordering::Relaxed) != 0 {
            futex::wake_all(word);
        }
    }
}

/// The sending end; exactly one per ring.
#[derive(Debug)]
pub struct Producer<'a> {
    ring: &'a SpscRing,
    next: u32,
    /// The consumer's position when last read: re-read only when the ring looks full.
    seen_read: u32,
    /// Big pieces are written with streaming stores (see `copy_piece`).
    streaming: bool,
    /// Streamed pieces since ordinary stores were last tried.
    since_probe: u32,
    /// Big pieces written with ordinary stores since the last decision, and the fastest
    /// rate among them (bytes per ns).
    timed: (u32, f64),
}

impl Producer<'_> {
    /// Sends one piece of at most `capacity()` bytes, waiting while the ring is full.
    pub fn send(&mut self, data: &[u8]) -> Result<()> {
        let ring = self.ring;
        if data.len() > ring.capacity {
            return Err(IpcError::refused(
                format!("ring send of {} bytes", data.len()),
                format!("a slot holds {} bytes", ring.capacity),
            ));
        }
        let limit = ring.slots;
        if self.next.wrapping_sub(self.seen_read) >= limit {
            let next = self.next;
            let read = ring.word(READ_POS);
            ring.wait_until(read, ring.word(PRODUCER_SLEEPING), |r| {
                next.wrapping_sub(r) < limit
            })?;
            self.seen_read = read.load(Ordering::Acquire);
        }
        let slot = ring.slot(self.next);
        self.copy_piece(slot + HEADER, data)?;
        // A piece is at most the slot's capacity, which `new` keeps within a u32.
        let len =
            u32::try_from(data.len()).map_err(|_| IpcError::refused("ring", "piece too large"))?;
        ring.word(slot + 4).store(len, Ordering::Relaxed);
        self.next = self.next.wrapping_add(1);
        let seq = ring.word(slot);
        seq.store(self.next, Ordering::Release);
        ring.wake_if_sleeping(seq, ring.word(CONSUMER_SLEEPING));
        Ok(())
    }

    /// Copies a piece into its slot. Big pieces written with ordinary stores are timed:
    /// when they crawl (the two cores are far apart, and every line the consumer read must
    /// be fetched back across the chip before it is overwritten), the next pieces use
    /// streaming stores, which skip that fetch. Every `PROBE_EVERY` streamed pieces, one
    /// piece is written with ordinary stores again, to see whether the cores came closer.
    /// (Probing with many ordinary pieces instead cost far more than it found: at a few
    /// GB/s, 16 of them took as long as the 64 streamed pieces after them.)
    fn copy_piece(&mut self, offset: usize, data: &[u8]) -> Result<()> {
        const BIG: usize = 16 * 1024;
        const SLOW_BYTES_PER_NS: f64 = 8.0;
        const DECIDE_ON: u32 = 8;
        const PROBE_EVERY: u32 = 256;
        let map = &self.ring.map;
        let copy_error = |e| IpcError::sys("ring: copy in", e);
        if data.len() < BIG {
            return map.write(offset, data).map_err(copy_error);
        }
        if self.streaming {
            self.since_probe += 1;
            if self.since_probe < PROBE_EVERY {
                return map.write_streaming(offset, data).map_err(copy_error);
            }
            self.since_probe = 0;
        }
        let start = std::time::Instant::now();
        map.write(offset, data).map_err(copy_error)?;
        let rate = data.len() as f64 / start.elapsed().as_nanos().max(1) as f64;
        if self.streaming {
            // One probe: an interrupt can only make it look slower, never faster.
            self.streaming = rate < SLOW_BYTES_PER_NS;
            return Ok(());
        }
        let (n, best) = &mut self.timed;
        *n += 1;
        *best = best.max(rate);
        // Decide on the fastest of several pieces, so that copies slowed by an interrupt
        // or by another process taking the CPU do not count.
        if *n == DECIDE_ON {
            self.streaming = *best < SLOW_BYTES_PER_NS;
            self.timed = (0, 0.0);
        }
        Ok(())
    }

    /// Sends `data` of any length as consecutive pieces of `capacity()` bytes.
    pub fn send_all(&mut self, data: &[u8]) -> Result<()> {
        if data.is_empty() {
            return self.send(data);
        }
        for piece in data.chunks(self.ring.capacity) {
            self.send(piece)?;
        }
        Ok(())
    }
}

/// The receiving end; exactly one per ring.
#[derive(Debug)]
pub struct Consumer<'a> {
    ring: &'a SpscRing,
    next: u32,
}

impl Consumer<'_> {
    /// Receives one piece into the start of `buf`, returning its length; refuses a piece
    /// longer than `buf`.
    pub fn recv(&mut self, buf: &mut [u8]) -> Result<usize> {
        let ring = self.ring;
        let slot = ring.slot(self.next);
        let want = self.next.wrapping_add(1);
        let seq = ring.word(slot);
        ring.wait_until(seq, ring.word(CONSUMER_SLEEPING), |s| s == want)?;
        let len = ring.word(slot + 4).load(Ordering::Relaxed) as usize;
        if len > buf.len() || len > ring.capacity {
            return Err(IpcError::refused(
                format!("ring piece of {len} bytes"),
                format!("the buffer holds {} bytes", buf.len()),
            ));
        }
        ring.map
            .read(slot + HEADER, &mut buf[..len])
            .map_err(|e| IpcError::sys("ring: copy out", e))?;
        self.next = want;
        ring.word(READ_POS).store(want, Ordering::Release);
        ring.wake_if_sleeping(ring.word(READ_POS), ring.word(PRODUCER_SLEEPING));
        Ok(len)
    }

    /// Fills all of `buf` from consecutive pieces (the counterpart of `send_all`).
    pub fn recv_all(&mut self, buf: &mut [u8]) -> Result<()> {
        if buf.is_empty() {
            self.recv(buf)?;
            return Ok(());
        }
        let mut at = 0;
        while at < buf.len() {
            at += self.recv(&mut buf[at..])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // Messages across two real processes: tests/ring_across_fork.rs (fork_child refuses
    // the multi-threaded harness these tests run in).

    #[test]
    fn oversized_piece_is_refused() {
        let ring = SpscRing::new(1, 8).unwrap();
        assert!(ring.producer().send(&[0; 9]).is_err());
    }
}
