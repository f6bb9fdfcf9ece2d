//! The control block both processes share: commands from the parent to the child, the
//! child's "done", and the two baseline probes (a cache line bounced between the cores, and
//! a buffer written by one core and copied out by the other).

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::{Duration, Instant};

use ipc_support::{IpcError, Result, interrupt};
use ipc_sys::mem::SharedMemory;

use crate::futex;

const BLOCK: usize = 128;
const CMD_SEQ: usize = 0;
const CMD_OP: usize = 4;
const CMD_COUNT: usize = 8;
const DONE_SEQ: usize = BLOCK;
const DONE_VALUE: usize = BLOCK + 8;
const LINE: usize = 2 * BLOCK;
const COPY_READY: usize = 3 * BLOCK;
const COPY_TAKEN: usize = 4 * BLOCK;
const BUFFER: usize = 4096;

/// What the parent asks the child to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Exit,
    /// Bounce the control block's cache line `count` times.
    Line,
    /// Copy the probe buffer out `count` times, each time after the parent rewrote it.
    Copy,
    /// Echo `count` messages over the mechanism.
    PingPong,
    /// Receive `count` messages over the mechanism.
    Stream,
}

impl Op {
    fn code(self) -> u32 {
        match self {
            Op::Exit => 1,
            Op::Line => 2,
            Op::Copy => 3,
            Op::PingPong => 4,
            Op::Stream => 5,
        }
    }

    fn from_code(code: u32) -> Option<Op> {
        [Op::Exit, Op::Line, Op::Copy, Op::PingPong, Op::Stream]
            .into_iter()
            .find(|op| op.code() == code)
    }
}

/// Shared between the parent and the child of one run.
pub struct Control {
    map: SharedMemory,
    buffer_len: usize,
    /// The last command seen (child) or sent (parent).
    seq: u32,
}

/// Spins, then sleeps on the futex, until `ready(word)`; gives up after PEER_TIMEOUT.
pub fn wait_word(word: &AtomicU32, what: &str, mut ready: impl FnMut(u32) -> bool) -> Result<u32> {
    // Once per wait, not only on the slow path: a run whose waits are all quick still stops.
    interrupt::check(what)?;
    for _ in 0..2_000 {
        let v = word.load(Ordering::Acquire);
        if ready(v) {
            return Ok(v);
        }
        std::hint::spin_loop();
    }
    let start = Instant::now();
    loop {
        let v = word.load(Ordering::Acquire);
        if ready(v) {
            return Ok(v);
        }
        interrupt::check(what)?;
        if start.elapsed() > crate::futex::PEER_TIMEOUT {
            return Err(IpcError::refused(
                what,
                "the other process stopped answering",
            ));
        }
        // The waker always calls FUTEX_WAKE after its store, and the kernel re-checks the
        // word, so no wake-up is lost.
        if let Err(e) = futex::wait(word, v) {
            if e != nix::errno::Errno::EINTR {
                return Err(IpcError::sys("futex(FUTEX_WAIT)", e));
            }
        }
    }
}

/// Set when both processes share one CPU: a busy-wait then gives the CPU to the other side
/// at once (sched_yield) instead of spinning out its time slice, which made each of the
/// probes' thousands of hand-overs cost milliseconds and a quick run last minutes.
pub static ONE_CPU: AtomicBool = AtomicBool::new(false);

/// Busy-waits (no sleep: the probes measure the hardware) until `ready(word)`.
fn spin_word(word: &AtomicU32, what: &str, mut ready: impl FnMut(u32) -> bool) -> Result<()> {
    let mut spins: u64 = 0;
    let mut start: Option<Instant> = None;
    loop {
        if ready(word.load(Ordering::Acquire)) {
            return Ok(());
        }
        let one_cpu = ONE_CPU.load(Ordering::Relaxed);
        if one_cpu {
            std::thread::yield_now();
        } else {
            std::hint::spin_loop();
        }
        spins += 1;
        if spins % (if one_cpu { 1 << 10 } else { 1 << 20 }) == 0 {
            interrupt::check(what)?;
            let since = *start.get_or_insert_with(Instant::now);
            if since.elapsed() > crate::futex::PEER_TIMEOUT {
                return Err(IpcError::refused(
                    what,
                    "the other process stopped answering",
                ));
            }
        }
    }
}

impl Control {
    /// A control block whose copy probe can carry `buffer_len` bytes.
    pub fn new(buffer_len: usize) -> Result<Self> {
        Ok(Control {
            map: crate::memory::shared(BUFFER + buffer_len.max(1))?,
            buffer_len,
            seq: 0,
        })
    }

    fn word(&self, offset: usize) -> &AtomicU32 {
        self.map.atomic_u32(offset)
    }

    /// Parent: publishes a command (the child starts it at once).
    pub fn command(&mut self, op: Op, count: u64) {
        if op == Op::Line {
            self.word(LINE).store(0, Ordering::Relaxed);
        }
        if op == Op::Copy {
            self.word(COPY_READY).store(0, Ordering::Relaxed);
            self.word(COPY_TAKEN).store(0, Ordering::Relaxed);
        }
        self.word(CMD_OP).store(op.code(), Ordering::Relaxed);
        self.map
            .atomic_u64(CMD_COUNT)
            .store(count, Ordering::Relaxed);
        self.seq = self.seq.wrapping_add(1);
        let seq = self.word(CMD_SEQ);
        seq.store(self.seq, Ordering::Release);
        futex::wake_all(seq);
    }

    /// Parent: waits until the child finished the last command; returns the value it left.
    pub fn wait_done(&self) -> Result<u64> {
        let want = self.seq;
        wait_word(self.word(DONE_SEQ), "waiting for the child", |v| v == want)?;
        Ok(self.map.atomic_u64(DONE_VALUE).load(Ordering::Acquire))
    }

    /// Child: waits for the next command.
    pub fn next_command(&mut self) -> Result<(Op, u64)> {
        let last = self.seq;
        self.seq = wait_word(self.word(CMD_SEQ), "waiting for a command", |v| v != last)?;
        let code = self.word(CMD_OP).load(Ordering::Relaxed);
        let op = Op::from_code(code)
            .ok_or_else(|| IpcError::refused("command", format!("unknown code {code}")))?;
        Ok((op, self.map.atomic_u64(CMD_COUNT).load(Ordering::Relaxed)))
    }

    /// Child: reports the last command done, leaving `value` for the parent.
    pub fn done(&self, value: u64) {
        self.map
            .atomic_u64(DONE_VALUE)
            .store(value, Ordering::Relaxed);
        let done = self.word(DONE_SEQ);
        done.store(self.seq, Ordering::Release);
        futex::wake_all(done);
    }

    /// Parent side of the cache-line probe: `count` round trips of one line; returns the
    /// one-way latency of each (half a round trip), in nanoseconds.
    pub fn line_parent(&self, count: u64) -> Result<Vec<f64>> {
        let line = self.word(LINE);
        let mut samples = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
        let mut before = Instant::now();
        for i in 0..rounds(count)? {
            line.store(2 * i + 1, Ordering::Release);
            spin_word(line, "cache-line probe", |v| v == 2 * i + 2)?;
            let now = Instant::now();
            samples.push((now - before).as_nanos() as f64 / 2.0);
            before = now;
        }
        Ok(samples)
    }

    /// Child side of the cache-line probe.
    pub fn line_child(&self, count: u64) -> Result<()> {
        let line = self.word(LINE);
        for i in 0..rounds(count)? {
            spin_word(line, "cache-line probe", |v| v == 2 * i + 1)?;
            line.store(2 * i + 2, Ordering::Release);
        }
        Ok(())
    }

    /// Parent side of the copy probe: copies `src` into the shared buffer (the lines the
    /// child has just read), `count` times, each time after the child copied the previous
    /// one out; returns the nanoseconds spent writing (the waits are not counted).
    pub fn copy_parent(&self, src: &[u8], count: u64) -> Result<u64> {
        let ready = self.word(COPY_READY);
        let taken = self.word(COPY_TAKEN);
        let mut busy = Duration::ZERO;
        for i in 1..=rounds(count)? {
            let start = Instant::now();
            self.map
                .write(BUFFER, src)
                .map_err(|e| IpcError::sys("copy probe: copy in", e))?;
            busy += start.elapsed();
            ready.store(i, Ordering::Release);
            spin_word(taken, "copy probe", |v| v == i)?;
        }
        Ok(nanos(busy))
    }

    /// Child side of the copy probe: copies the buffer out into `dst` each time the parent
    /// wrote it; returns the nanoseconds spent copying (the waits are not counted).
    pub fn copy_child(&self, dst: &mut [u8], count: u64) -> Result<u64> {
        if dst.len() > self.buffer_len {
            return Err(IpcError::refused("copy probe", "buffer too small"));
        }
        let ready = self.word(COPY_READY);
        let taken = self.word(COPY_TAKEN);
        let mut busy = Duration::ZERO;
        for i in 1..=rounds(count)? {
            spin_word(ready, "copy probe", |v| v == i)?;
            let start = Instant::now();
            self.map
                .read(BUFFER, dst)
                .map_err(|e| IpcError::sys("copy probe: copy out", e))?;
            busy += start.elapsed();
            taken.store(i, Ordering::Release);
        }
        Ok(nanos(busy))
    }
}

/// A probe's round count as the 32-bit words that count its rounds in shared memory.
fn rounds(count: u64) -> Result<u32> {
    u32::try_from(count)
        .map_err(|_| IpcError::refused("probe", "too many rounds for a 32-bit counter"))
}

/// Nanoseconds in a u64, which holds 584 years of them.
fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}
