//! 2.4: several processes add to one counter in shared memory. Without a lock, updates are
//! lost (counted, not assumed); with a process-shared semaphore or mutex the total is exact.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use ipc_support::interrupt::{self, retry_eintr};
use ipc_support::pitfall::{Outcome, Pitfall, not_reproduced};
use ipc_support::process::{Child, ChildEnd, fork_child};
use ipc_support::{Context, IpcError, Result, call};
use ipc_sys::mman::mmap_anonymous;
use ipc_sys::pthread::{MutexSlot, SharedMutex, pthread_mutex_init, pthread_mutex_lock};
use ipc_sys::semaphore::{SemSlot, UnnamedSemaphore, sem_init, sem_post, sem_wait};
use ipc_text::{id, t, text};
use nix::sys::mman::{MapFlags, ProtFlags};

use crate::Lock;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=64))]
    procs: u32,
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..=MAX_ITERS))]
    iters: u64,
    #[arg(long, value_enum, default_value_t = Lock::None)]
    lock: Lock,
}

const MAX_ITERS: u64 = 10_000_000;
/// Unlocked runs that lose nothing are retried with ten times the iterations, this often.
const ATTEMPTS: u32 = 3;

const PAGE: usize = 4096;

ipc_sys::shareable! {
    /// The page the processes share: the two locks (one is used, or none), the counter,
    /// and the flags that start the children together.
    #[repr(C)]
    struct RacePage {
        sem: SemSlot,
        mutex: MutexSlot,
        counter: AtomicU64,
        /// Children that are ready to start.
        ready: AtomicU32,
        /// Set by the parent once all are ready.
        go: AtomicU32,
    }
}

enum Guard<'r> {
    None,
    Semaphore(UnnamedSemaphore<'r>),
    Mutex(SharedMutex<'r>),
}

/// `counter = counter + 1` as C compiles it: a load, then a store. Another process's
/// store in between is overwritten: that is the lost update.
fn bump(counter: &AtomicU64) {
    let v = counter.load(Ordering::Relaxed);
    counter.store(v + 1, Ordering::Relaxed);
}

fn add(guard: &Guard<'_>, counter: &AtomicU64, iters: u64) -> Result<()> {
    for _ in 0..iters {
        match guard {
            Guard::None => bump(counter),
            Guard::Semaphore(sem) => {
                retry_eintr(|| sem_wait(sem)).context(|| call!("sem_wait", "shared"))?;
                bump(counter);
                sem_post(sem).context(|| call!("sem_post", "shared"))?;
            }
            Guard::Mutex(mutex) => {
                let _held =
                    pthread_mutex_lock(mutex).context(|| "pthread_mutex_lock".to_string())?;
                bump(counter);
            }
        }
    }
    Ok(())
}

/// Waits until `cond` holds, at most `limit`: spinning (yielding the CPU) for the children,
/// which must start at the same instant, sleeping for the parent, which must not take a
/// core away from them.
fn wait_until(limit: Duration, spin: bool, cond: impl Fn() -> bool) -> bool {
    let start = Instant::now();
    while !cond() {
        if start.elapsed() > limit {
            return false;
        }
        if spin {
            std::thread::yield_now();
        } else {
            std::thread::sleep(Duration::from_micros(500));
        }
    }
    true
}

/// One run: `procs` children start together and each add `iters`; returns the final count.
fn round(procs: u32, iters: u64, lock: Lock) -> Result<u64> {
    let prot = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
    let flags = MapFlags::MAP_SHARED;
    let map = mmap_anonymous(PAGE, prot, flags)
        .context(|| call!("mmap", PAGE, prot, flags | MapFlags::MAP_ANONYMOUS))?;
    let page: &RacePage = map.place(0).context(|| "the race's page".to_string())?;
    let guard = match lock {
        Lock::None => Guard::None,
        Lock::Semaphore => Guard::Semaphore(
            sem_init(&page.sem, 1).context(|| call!("sem_init", "page.sem", 1, 1))?,
        ),
        Lock::Mutex => Guard::Mutex(
            pthread_mutex_init(&page.mutex).context(|| "pthread_mutex_init".to_string())?,
        ),
    };
    let (counter, ready, go) = (&page.counter, &page.ready, &page.go);
    let mut children: Vec<Child> = Vec::new();
    for _ in 0..procs {
        children.push(fork_child(|| {
            ready.fetch_add(1, Ordering::SeqCst);
            // Start together, so the processes really overlap.
            if !wait_until(Duration::from_secs(10), true, || {
                go.load(Ordering::SeqCst) != 0
            }) {
                return 3;
            }
            match add(&guard, counter, iters) {
                Ok(()) => 0,
                Err(e) => {
                    ipc_support::error::report("shm-errors", &e);
                    1
                }
            }
        })?);
    }
    let all_ready = wait_until(Duration::from_secs(10), false, || {
        ready.load(Ordering::SeqCst) == procs
    });
    go.store(1, Ordering::SeqCst);
    if !all_ready {
        return Err(IpcError::refused("race", t!("shm-errors-race-no-start")));
    }
    for child in children {
        let pid = child.pid();
        match child.wait_interruptibly("waiting for the children", None)? {
            ChildEnd::Exited(0) => {}
            end => {
                return Err(IpcError::refused(
                    format!("child {pid}"),
                    t!("shm-errors-race-child-died", end = end),
                ));
            }
        }
    }
    Ok(counter.load(Ordering::SeqCst))
}

pub fn run(args: Args) -> Result<()> {
    interrupt::install()?;
    let Args { procs, iters, lock } = args;
    if lock != Lock::None {
        return locked(procs, iters, lock);
    }
    let mut iters = iters;
    for attempt in 1..=ATTEMPTS {
        let expected = u64::from(procs) * iters;
        println!(
            "{}",
            t!(
                "shm-errors-race-start",
                procs = procs,
                iters = iters,
                attempt = attempt
            )
        );
        let got = round(procs, iters, lock)?;
        let lost = expected.saturating_sub(got);
        println!(
            "{}",
            t!(
                "shm-errors-race-result",
                expected = expected,
                got = got,
                lost = lost
            )
        );
        if lost > 0 {
            let pct = format!("{:.1}", lost as f64 * 100.0 / expected as f64);
            Pitfall {
                scenario: t!("shm-errors-race-scenario", procs = procs, iters = iters),
                call: t!("shm-errors-race-call"),
                outcome: Outcome::Observed(t!(
                    "shm-errors-race-lost",
                    lost = lost,
                    expected = expected,
                    percent = pct
                )),
                why: t!("shm-errors-race-why"),
                fix: t!("shm-errors-race-fix"),
            }
            .print();
            return Ok(());
        }
        if procs < 2 {
            break;
        }
        println!("{}", t!("shm-errors-race-none-lost"));
        if iters == MAX_ITERS || attempt == ATTEMPTS {
            break;
        }
        iters = (iters * 10).min(MAX_ITERS);
    }
    Err(not_reproduced(
        "race",
        &t!("shm-errors-race-nr-expected"),
        &text(if procs < 2 {
            id!("shm-errors-race-nr-one-proc")
        } else {
            id!("shm-errors-race-nr-no-overlap")
        }),
    ))
}

fn locked(procs: u32, iters: u64, lock: Lock) -> Result<()> {
    let expected = u64::from(procs) * iters;
    let how = match lock {
        Lock::Semaphore => t!("shm-errors-race-with-semaphore"),
        _ => t!("shm-errors-race-with-mutex"),
    };
    println!(
        "{}",
        t!(
            "shm-errors-race-start-locked",
            procs = procs,
            iters = iters,
            lock = how
        )
    );
    let got = round(procs, iters, lock)?;
    println!(
        "{}",
        t!(
            "shm-errors-race-result",
            expected = expected,
            got = got,
            lost = expected.saturating_sub(got)
        )
    );
    if got != expected {
        return Err(IpcError::refused(
            "race",
            t!(
                "shm-errors-race-not-excluded",
                got = got,
                expected = expected
            ),
        ));
    }
    println!("{}", t!("shm-errors-race-exact"));
    Ok(())
}
