//! 2.4, the lesson's own race: a writer sets `s.len` and then copies `s.buf` while a reader
//! reads `len` and `buf`: "có thể thấy len mới nhưng buf còn dở" (a new len with a half-copied
//! buf). The reader counts the torn records it saw (a length and bytes that no record ever
//! had together); under a process-shared semaphore it sees none.

use std::sync::atomic::{AtomicU8, AtomicU32, Ordering};
use std::time::{Duration, Instant};

use ipc_support::interrupt::{self, retry_eintr};
use ipc_support::pitfall::{Outcome, Pitfall, not_reproduced};
use ipc_support::process::{ChildEnd, coordination_page, fork_child};
use ipc_support::{Context, IpcError, Result, call};
use ipc_sys::semaphore::{SemSlot, UnnamedSemaphore, sem_init, sem_post, sem_wait};
use ipc_text::t;

/// What protects the record in `torn`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecordLock {
    None,
    Semaphore,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value_t = 20_000, value_parser = clap::value_parser!(u32).range(1000..=1_000_000))]
    records: u32,
    #[arg(long, value_enum, default_value_t = RecordLock::None)]
    lock: RecordLock,
}

/// The lesson's `char buf[256]`.
const BUF: usize = 256;
const BUF_LEN: u32 = 256;
/// Unlocked runs that tear nothing are retried with ten times the records, this often.
const ATTEMPTS: u32 = 3;
const LIMIT: Duration = Duration::from_secs(30);

ipc_sys::shareable! {
    /// The lesson's `struct Shared { int len; char buf[256]; }`, with the semaphore, the
    /// reader's tally and the flags that start the two processes together.
    #[repr(C)]
    struct RecordPage {
        sem: SemSlot,
        len: AtomicU32,
        buf: [AtomicU8; BUF],
        writer_done: AtomicU32,
        ready: AtomicU32,
        go: AtomicU32,
        reads: AtomicU32,
        torn: AtomicU32,
        /// The first torn record seen: its len, and how many of its bytes were of its own letter.
        torn_len: AtomicU32,
        torn_own: AtomicU32,
    }
}

/// Record `g` of the writer: `len` bytes of one letter, the length given by the letter, so
/// a reader can tell a whole record from a torn one.
fn record(g: u32) -> (u8, u32) {
    let letter = b'a' + u8::try_from(g % 26).unwrap_or(0);
    (letter, length_of(letter))
}

fn length_of(letter: u8) -> u32 {
    32 + u32::from(letter.wrapping_sub(b'a') % 8) * 32
}

/// Takes and gives back the lock around one record, when there is one.
fn locked<T>(sem: Option<&UnnamedSemaphore<'_>>, body: impl FnOnce() -> T) -> Result<T> {
    if let Some(sem) = sem {
        retry_eintr(|| sem_wait(sem)).context(|| call!("sem_wait", "page.sem"))?;
    }
    let out = body();
    if let Some(sem) = sem {
        sem_post(sem).context(|| call!("sem_post", "page.sem"))?;
    }
    Ok(out)
}

fn start_together(page: &RecordPage) -> bool {
    page.ready.fetch_add(1, Ordering::SeqCst);
    let start = Instant::now();
    while page.go.load(Ordering::SeqCst) == 0 {
        if start.elapsed() > LIMIT {
            return false;
        }
        std::thread::yield_now();
    }
    true
}

/// The writer: `s.len = n; memcpy(s.buf, data, n);` for every record, as the lesson writes it.
fn write_all(page: &RecordPage, sem: Option<&UnnamedSemaphore<'_>>, records: u32) -> Result<()> {
    for g in 0..records {
        let (letter, len) = record(g);
        locked(sem, || {
            page.len.store(len, Ordering::Relaxed);
            for byte in &page.buf[..len as usize] {
                byte.store(letter, Ordering::Relaxed);
            }
        })?;
    }
    page.writer_done.store(1, Ordering::SeqCst);
    Ok(())
}

/// The reader: `n = s.len; memcpy(mine, s.buf, n);` until the writer is done; counts the
/// records whose bytes are not all the letter that `n` belongs to.
fn read_all(page: &RecordPage, sem: Option<&UnnamedSemaphore<'_>>) -> Result<()> {
    let mut mine = [0u8; BUF];
    while page.writer_done.load(Ordering::SeqCst) == 0 {
        let len = locked(sem, || {
            let len = page.len.load(Ordering::Relaxed).min(BUF_LEN);
            for (dst, src) in mine.iter_mut().zip(&page.buf[..len as usize]) {
                *dst = src.load(Ordering::Relaxed);
            }
            len
        })?;
        if len == 0 {
            continue; // Nothing written yet.
        }
        page.reads.fetch_add(1, Ordering::Relaxed);
        let bytes = &mine[..len as usize];
        let letter = bytes[0];
        let own = bytes.iter().filter(|&&b| b == letter).count();
        let whole = own == bytes.len() && length_of(letter) == len;
        if !whole && page.torn.fetch_add(1, Ordering::Relaxed) == 0 {
            page.torn_len.store(len, Ordering::Relaxed);
            page.torn_own
                .store(u32::try_from(own).unwrap_or(0), Ordering::Relaxed);
        }
    }
    Ok(())
}

/// One run: a writer and a reader process; returns (reads, torn, first torn len, its own bytes).
fn round(records: u32, lock: RecordLock) -> Result<(u32, u32, u32, u32)> {
    let map = coordination_page()?;
    let page: &RecordPage = map.place(0).context(|| "the record's page".to_string())?;
    let sem = match lock {
        RecordLock::None => None,
        RecordLock::Semaphore => {
            Some(sem_init(&page.sem, 1).context(|| call!("sem_init", "page.sem", 1, 1))?)
        }
    };
    let sem = sem.as_ref();
    let run = |body: &dyn Fn() -> Result<()>| {
        if !start_together(page) {
            return 3;
        }
        match body() {
            Ok(()) => 0,
            Err(e) => {
                ipc_support::error::report("shm-errors", &e);
                1
            }
        }
    };
    let writer = fork_child(|| run(&|| write_all(page, sem, records)))?;
    let reader = fork_child(|| run(&|| read_all(page, sem)))?;
    let start = Instant::now();
    while page.ready.load(Ordering::SeqCst) < 2 && start.elapsed() < LIMIT {
        std::thread::sleep(Duration::from_micros(500));
    }
    page.go.store(1, Ordering::SeqCst);
    for (who, child) in [("writer", writer), ("reader", reader)] {
        match child.wait_interruptibly("waiting for the writer and the reader", Some(LIMIT))? {
            ChildEnd::Exited(0) => {}
            end => {
                return Err(IpcError::refused(
                    who,
                    t!("shm-errors-torn-child-died", end = end),
                ));
            }
        }
    }
    let load = |a: &AtomicU32| a.load(Ordering::SeqCst);
    Ok((
        load(&page.reads),
        load(&page.torn),
        load(&page.torn_len),
        load(&page.torn_own),
    ))
}

pub fn run(args: Args) -> Result<()> {
    interrupt::install()?;
    let mut records = args.records;
    if args.lock == RecordLock::Semaphore {
        println!("{}", t!("shm-errors-torn-start-locked", records = records));
        let (reads, torn, _, _) = round(records, args.lock)?;
        println!(
            "{}",
            t!("shm-errors-torn-result", torn = torn, reads = reads)
        );
        if torn != 0 {
            return Err(IpcError::refused(
                "torn",
                t!("shm-errors-torn-not-excluded", torn = torn),
            ));
        }
        println!("{}", t!("shm-errors-torn-whole"));
        return Ok(());
    }
    for attempt in 1..=ATTEMPTS {
        println!(
            "{}",
            t!(
                "shm-errors-torn-start",
                records = records,
                attempt = attempt
            )
        );
        let (reads, torn, len, own) = round(records, args.lock)?;
        println!(
            "{}",
            t!("shm-errors-torn-result", torn = torn, reads = reads)
        );
        if torn > 0 {
            Pitfall {
                scenario: t!("shm-errors-torn-scenario"),
                call: t!("shm-errors-torn-call"),
                outcome: Outcome::Observed(t!(
                    "shm-errors-torn-seen",
                    torn = torn,
                    reads = reads,
                    len = len,
                    own = own
                )),
                why: t!("shm-errors-torn-why"),
                fix: t!("shm-errors-torn-fix"),
            }
            .print();
            return Ok(());
        }
        if attempt < ATTEMPTS {
            println!("{}", t!("shm-errors-torn-none-torn"));
            records = records.saturating_mul(10).min(1_000_000);
        }
    }
    Err(not_reproduced(
        "torn",
        &t!("shm-errors-torn-nr-expected"),
        &t!("shm-errors-torn-nr-got"),
    ))
}
