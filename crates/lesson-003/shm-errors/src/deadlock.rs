//! 2.5: process A takes sem1 then sem2, process B takes sem2 then sem1. Each ends up holding
//! one and waiting for the other. Timed waits turn the endless hang into a report; the two
//! fixes (one global order, or trylock with back-off) finish.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use ipc_support::args::PRIVATE_MODE;
use ipc_support::interrupt::{self, retry_eintr};
use ipc_support::pitfall::{Outcome, Pitfall, not_reproduced};
use ipc_support::process::fork_child;
use ipc_support::time::realtime_deadline;
use ipc_support::{Cleanup, Context, Hint, IpcError, NameKind, ObjectName, Result, call, hints};
use ipc_sys::mman::mmap_anonymous;
use ipc_sys::semaphore::{NamedSemaphore, sem_open, sem_post, sem_timedwait, sem_trywait};
use ipc_text::t;
use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::mman::{MapFlags, ProtFlags};

use crate::{Fix, demo_name, parse_timeout};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum)]
    fix: Option<Fix>,
    #[arg(long, default_value = "2", value_parser = parse_timeout)]
    timeout: Duration,
}

/// Rounds of lock-both-then-release each process runs with a fix.
const ROUNDS: u32 = 50;
/// A trylock loser gives up after this many back-offs (it never needs nearly as many).
const MAX_BACKOFFS: u32 = 10_000;

/// How a process ended, as it records it in the shared page (0 while it runs).
const TIMED_OUT: u32 = 1;
const DONE: u32 = 2;
const FAILED: u32 = 3;

ipc_sys::shareable! {
    /// What one process records for the parent.
    #[repr(C)]
    struct Player {
        /// How it ended (0 while it runs).
        state: AtomicU32,
        /// Rounds done with both semaphores.
        rounds: AtomicU32,
        /// Times it released its first semaphore to let the other go first.
        backoffs: AtomicU32,
    }
}

ipc_sys::shareable! {
    /// The page A, B and the parent share: each player's record, then the rendezvous
    /// counters the two processes meet at.
    #[repr(C)]
    struct Table {
        players: [Player; 2],
        started: AtomicU32,
        holding: AtomicU32,
        decided: AtomicU32,
    }
}

/// Arrives at a rendezvous of two and waits (bounded) for the other process.
fn meet(count: &AtomicU32) -> bool {
    count.fetch_add(1, Ordering::SeqCst);
    let start = Instant::now();
    while count.load(Ordering::SeqCst) < 2 {
        if start.elapsed() > Duration::from_secs(10) {
            return false;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    true
}

/// A named semaphore used as a lock, with its name for the error lines.
struct Lock {
    name: ObjectName,
    sem: NamedSemaphore,
}

impl Lock {
    /// `sem_open(name, O_CREAT|O_EXCL, 0600, 1)`: a new lock, free.
    fn create(name: ObjectName) -> Result<Self> {
        let flags = OFlag::O_CREAT | OFlag::O_EXCL;
        let sem = sem_open(name.as_str(), flags, PRIVATE_MODE, 1)
            .context(|| {
                call!(
                    "sem_open",
                    name,
                    ipc_support::call::creation_flags(flags),
                    PRIVATE_MODE,
                    1
                )
            })
            .hints(hints::sem_open(&name))?;
        Ok(Lock { name, sem })
    }

    /// `sem_timedwait` with a deadline `timeout` from now; false when it passed (ETIMEDOUT).
    fn take_within(&self, timeout: Duration) -> Result<bool> {
        let deadline = realtime_deadline(timeout);
        match retry_eintr(|| sem_timedwait(&self.sem, &deadline)) {
            Ok(()) => Ok(true),
            Err(Errno::ETIMEDOUT) => Ok(false),
            Err(e) => Err(e).context(|| {
                let secs = format!("{:.3} s", timeout.as_secs_f64());
                call!("sem_timedwait", self.name, secs)
            }),
        }
    }

    /// `sem_trywait`; false where C gets EAGAIN.
    fn try_take(&self) -> Result<bool> {
        match retry_eintr(|| sem_trywait(&self.sem)) {
            Ok(()) => Ok(true),
            Err(Errno::EAGAIN) => Ok(false),
            Err(e) => Err(e).context(|| call!("sem_trywait", self.name)),
        }
    }

    /// `sem_post`.
    fn give(&self) -> Result<()> {
        sem_post(&self.sem)
            .context(|| call!("sem_post", self.name))
            .hints(hints::sem_post)
    }
}

const NAMES: [&str; 2] = ["A", "B"];

/// One process's part. `mine` is the order it takes the semaphores in.
fn play(
    who: usize,
    mine: [&Lock; 2],
    fix: Option<Fix>,
    timeout: Duration,
    table: &Table,
) -> Result<u32> {
    if !meet(&table.started) {
        return Ok(FAILED);
    }
    for round in 0..if fix.is_some() { ROUNDS } else { 1 } {
        if !mine[0].take_within(timeout)? {
            return Ok(TIMED_OUT);
        }
        // In the first round both processes hold their first semaphore before either asks
        // for its second: the interleaving that deadlocks, made certain instead of likely.
        if round == 0 && fix != Some(Fix::Order) && !meet(&table.holding) {
            mine[0].give()?;
            return Ok(FAILED);
        }
        let got_second = match fix {
            Some(Fix::Trylock) if who == 1 => try_with_backoff(who, mine, table)?,
            _ => mine[1].take_within(timeout)?,
        };
        if !got_second {
            table.players[who].state.store(TIMED_OUT, Ordering::SeqCst);
            // Keep holding until the other process has decided too, so that our release
            // cannot hand it the semaphore it is waiting for.
            meet(&table.decided);
            mine[0].give()?;
            return Ok(TIMED_OUT);
        }
        table.players[who].rounds.fetch_add(1, Ordering::SeqCst);
        mine[1].give()?;
        mine[0].give()?;
    }
    Ok(DONE)
}

/// Trylock on the second semaphore; on failure release the first, back off, take it again.
fn try_with_backoff(who: usize, mine: [&Lock; 2], table: &Table) -> Result<bool> {
    let mut tries = 0u32;
    while !mine[1].try_take()? {
        tries += 1;
        if tries > MAX_BACKOFFS {
            return Ok(false);
        }
        table.players[who].backoffs.fetch_add(1, Ordering::SeqCst);
        mine[0].give()?;
        // Exponential back-off, capped at about 8 ms, shifted by the pid so two polite
        // processes do not retry in lockstep.
        let jitter = u64::from(std::process::id() % 7) * 100;
        let pause = (100u64 << tries.min(6)) + jitter;
        std::thread::sleep(Duration::from_micros(pause));
        if !mine[0].take_within(Duration::from_secs(10))? {
            return Err(IpcError::refused(
                format!("process {}", NAMES[who]),
                t!("shm-errors-deadlock-no-first"),
            ));
        }
    }
    Ok(true)
}

pub fn run(args: Args) -> Result<()> {
    interrupt::install()?;
    let names = [
        demo_name(NameKind::Semaphore, "demo_sem1"),
        demo_name(NameKind::Semaphore, "demo_sem2"),
    ];
    let sem1 = Lock::create(names[0].clone())?;
    let guard1 = Cleanup::sem(&names[0]);
    let sem2 = Lock::create(names[1].clone())?;
    let guard2 = Cleanup::sem(&names[1]);
    let prot = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
    let map = mmap_anonymous(4096, prot, MapFlags::MAP_SHARED).context(|| {
        call!(
            "mmap",
            4096,
            prot,
            MapFlags::MAP_SHARED | MapFlags::MAP_ANONYMOUS
        )
    })?;
    let table: &Table = map.place(0).context(|| "the deadlock's page".to_string())?;

    let (first, second) = (&names[0], &names[1]);
    let plan = match args.fix {
        Some(Fix::Order) => t!(
            "shm-errors-deadlock-plan-order",
            first = first,
            second = second
        ),
        Some(Fix::Trylock) => t!(
            "shm-errors-deadlock-plan-trylock",
            first = first,
            second = second
        ),
        None => t!("shm-errors-deadlock-plan", first = first, second = second),
    };
    println!("{plan}");
    let orders: [[&Lock; 2]; 2] = match args.fix {
        Some(Fix::Order) => [[&sem1, &sem2], [&sem1, &sem2]],
        _ => [[&sem1, &sem2], [&sem2, &sem1]],
    };
    let (n1, n2) = (names[0].as_str(), names[1].as_str());
    let order_names: [[&str; 2]; 2] = match args.fix {
        Some(Fix::Order) => [[n1, n2], [n1, n2]],
        _ => [[n1, n2], [n2, n1]],
    };
    let mut children = Vec::new();
    for (who, mine) in orders.iter().enumerate() {
        let child = fork_child(move || {
            let state = match play(who, *mine, args.fix, args.timeout, table) {
                Ok(state) => state,
                Err(e) => {
                    ipc_support::error::report("shm-errors", &e);
                    FAILED
                }
            };
            table.players[who].state.store(state, Ordering::SeqCst);
            0
        })?;
        let [first, second] = order_names[who];
        println!(
            "{}",
            t!(
                "shm-errors-deadlock-process",
                process = NAMES[who],
                pid = child.pid(),
                first = first,
                second = second
            )
        );
        children.push(child);
    }
    // A and B have both semaphores open (fork kept them): their names can go now, so that
    // nothing outlives a run killed outright (SIGKILL skips every guard; A and B then die
    // with this process).
    for guard in [guard1, guard2] {
        let what = guard.what().to_string();
        guard.run_now()?;
        println!("{}", t!("core-removed", what = what));
    }
    // Each wait is bounded by the timeout, so both end well within this.
    let limit = args.timeout * 4 + Duration::from_secs(20);
    for child in children {
        child.wait_interruptibly("waiting for processes A and B", Some(limit))?;
    }
    // A Ctrl-C that reached A and B may end them before this process saw its own: it is an
    // interruption, not a run that failed to reproduce the deadlock.
    interrupt::check("waiting for processes A and B")?;
    let states = [0, 1].map(|who| table.players[who].state.load(Ordering::SeqCst));

    let outcome = match args.fix {
        None => report_deadlock(&states, &order_names, args.timeout, &names),
        Some(fix) => report_fix(fix, &states, table),
    };
    println!("{}", t!("shm-errors-deadlock-clean"));
    outcome
}

fn report_deadlock(
    states: &[u32; 2],
    order_names: &[[&str; 2]; 2],
    timeout: Duration,
    names: &[ObjectName; 2],
) -> Result<()> {
    if states != &[TIMED_OUT, TIMED_OUT] {
        return Err(not_reproduced(
            "deadlock",
            &t!("shm-errors-deadlock-nr-expected"),
            &t!(
                "shm-errors-deadlock-nr-states",
                states = format!("{states:?}")
            ),
        ));
    }
    let secs = format!("{:.1}", timeout.as_secs_f64());
    for (who, [held, wanted]) in NAMES.iter().zip(order_names) {
        println!(
            "{}",
            t!(
                "shm-errors-deadlock-stuck",
                process = who,
                held = held,
                wanted = wanted,
                seconds = secs
            )
        );
    }
    Pitfall {
        scenario: t!("shm-errors-deadlock-scenario"),
        call: format!(
            "A: sem_timedwait({}, {secs} s); B: sem_timedwait({}, {secs} s)",
            names[1], names[0]
        ),
        outcome: Outcome::Errno(Errno::ETIMEDOUT),
        why: t!("shm-errors-deadlock-why"),
        fix: t!("shm-errors-deadlock-fix"),
    }
    .print();
    Ok(())
}

fn report_fix(fix: Fix, states: &[u32; 2], table: &Table) -> Result<()> {
    for (who, name) in NAMES.iter().enumerate() {
        println!(
            "{}",
            t!(
                "shm-errors-deadlock-rounds",
                process = name,
                rounds = table.players[who].rounds.load(Ordering::SeqCst),
                backoffs = table.players[who].backoffs.load(Ordering::SeqCst)
            )
        );
    }
    if states != &[DONE, DONE] {
        return Err(IpcError::refused(
            "deadlock --fix",
            t!(
                "shm-errors-deadlock-not-finished",
                states = format!("{states:?}")
            ),
        ));
    }
    let done = match fix {
        Fix::Order => t!("shm-errors-deadlock-fixed-order", rounds = ROUNDS),
        Fix::Trylock => t!("shm-errors-deadlock-fixed-trylock", rounds = ROUNDS),
    };
    println!("{done}");
    Ok(())
}
