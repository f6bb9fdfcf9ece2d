//! 2.5: process A takes sem1 then sem2, process B takes sem2 then sem1. Each ends up holding
//! one and waiting for the other. Timed waits turn the endless hang into a report; the two
//! fixes (one global order, or trylock with back-off) finish.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use ipc_core::pitfall::{Outcome, Pitfall, not_reproduced};
use ipc_core::process::fork_child;
use ipc_core::sem::unlink_guard;
use ipc_core::text::{text, text_with};
use ipc_core::{
    IpcError, Mapping, NameKind, NamedSemaphore, Result, SemCreate, SharedRegion, Sharing,
    interrupt,
};
use nix::errno::Errno;

use crate::{Fix, demo_name, parse_timeout};

#[derive(clap::Args)]
pub struct Args {
    /// Avoid the deadlock: one global lock order, or trylock with back-off.
    #[arg(long, value_enum)]
    fix: Option<Fix>,
    /// Seconds a process waits for its second semaphore before it calls it a deadlock.
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

/// Shared page: per process (A at 0, B at 16) its state, rounds done and back-offs; then
/// the two rendezvous counters.
const SLOT: usize = 16;
const STARTED_AT: usize = 64;
const HOLDING_AT: usize = 68;
const DECIDED_AT: usize = 72;

struct Shared<'r>(&'r SharedRegion);

impl Shared<'_> {
    fn state(&self, who: usize) -> &AtomicU32 {
        self.0.atomic_u32(who * SLOT)
    }
    fn rounds(&self, who: usize) -> &AtomicU32 {
        self.0.atomic_u32(who * SLOT + 4)
    }
    fn backoffs(&self, who: usize) -> &AtomicU32 {
        self.0.atomic_u32(who * SLOT + 8)
    }
    fn counter(&self, at: usize) -> &AtomicU32 {
        self.0.atomic_u32(at)
    }
    /// Arrives at a rendezvous of two and waits (bounded) for the other process.
    fn meet(&self, at: usize) -> bool {
        self.counter(at).fetch_add(1, Ordering::SeqCst);
        let start = Instant::now();
        while self.counter(at).load(Ordering::SeqCst) < 2 {
            if start.elapsed() > Duration::from_secs(10) {
                return false;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        true
    }
}

const NAMES: [&str; 2] = ["A", "B"];

/// One process's part. `mine` is the order it takes the semaphores in.
fn play(
    who: usize,
    mine: [&NamedSemaphore; 2],
    fix: Option<Fix>,
    timeout: Duration,
    shared: &Shared<'_>,
) -> Result<u32> {
    if !shared.meet(STARTED_AT) {
        return Ok(FAILED);
    }
    for round in 0..if fix.is_some() { ROUNDS } else { 1 } {
        if !mine[0].wait_timeout(timeout)? {
            return Ok(TIMED_OUT);
        }
        // In the first round both processes hold their first semaphore before either asks
        // for its second: the interleaving that deadlocks, made certain instead of likely.
        if round == 0 && fix != Some(Fix::Order) && !shared.meet(HOLDING_AT) {
            mine[0].post()?;
            return Ok(FAILED);
        }
        let got_second = match fix {
            Some(Fix::Trylock) if who == 1 => try_with_backoff(who, mine, shared)?,
            _ => mine[1].wait_timeout(timeout)?,
        };
        if !got_second {
            shared.state(who).store(TIMED_OUT, Ordering::SeqCst);
            // Keep holding until the other process has decided too, so that our release
            // cannot hand it the semaphore it is waiting for.
            shared.meet(DECIDED_AT);
            mine[0].post()?;
            return Ok(TIMED_OUT);
        }
        shared.rounds(who).fetch_add(1, Ordering::SeqCst);
        mine[1].post()?;
        mine[0].post()?;
    }
    Ok(DONE)
}

/// Trylock on the second semaphore; on failure release the first, back off, take it again.
fn try_with_backoff(who: usize, mine: [&NamedSemaphore; 2], shared: &Shared<'_>) -> Result<bool> {
    let mut tries = 0u32;
    while !mine[1].try_wait()? {
        tries += 1;
        if tries > MAX_BACKOFFS {
            return Ok(false);
        }
        shared.backoffs(who).fetch_add(1, Ordering::SeqCst);
        mine[0].post()?;
        // Exponential back-off, capped at about 8 ms, shifted by the pid so two polite
        // processes do not retry in lockstep.
        let jitter = u64::from(std::process::id() % 7) * 100;
        let pause = (100u64 << tries.min(6)) + jitter;
        std::thread::sleep(Duration::from_micros(pause));
        if !mine[0].wait_timeout(Duration::from_secs(10))? {
            return Err(IpcError::refused(
                format!("process {}", NAMES[who]),
                text("shm-errors.deadlock.no-first"),
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
    let sem1 = NamedSemaphore::create(&names[0], SemCreate::new(1).exclusive())?;
    let guard1 = unlink_guard(&names[0]);
    let sem2 = NamedSemaphore::create(&names[1], SemCreate::new(1).exclusive())?;
    let guard2 = unlink_guard(&names[1]);
    let map = Mapping::anonymous(4096, Sharing::Shared)?;
    let shared = Shared(&map);

    let plan = match args.fix {
        Some(Fix::Order) => "shm-errors.deadlock.plan-order",
        Some(Fix::Trylock) => "shm-errors.deadlock.plan-trylock",
        None => "shm-errors.deadlock.plan",
    };
    println!("{}", text_with(plan, &[&names[0], &names[1]]));
    let orders: [[&NamedSemaphore; 2]; 2] = match args.fix {
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
        let shared = &shared;
        let child = fork_child(move || {
            let state = match play(who, *mine, args.fix, args.timeout, shared) {
                Ok(state) => state,
                Err(e) => {
                    ipc_core::error::report("shm-errors", &e);
                    FAILED
                }
            };
            shared.state(who).store(state, Ordering::SeqCst);
            0
        })?;
        let [first, second] = order_names[who];
        println!(
            "{}",
            text_with(
                "shm-errors.deadlock.process",
                &[&NAMES[who], &child.pid(), &first, &second]
            )
        );
        children.push(child);
    }
    // Each wait is bounded by the timeout, so both end well within this.
    let limit = args.timeout * 4 + Duration::from_secs(20);
    for child in children {
        child.wait_interruptibly("waiting for processes A and B", Some(limit))?;
    }
    // A Ctrl-C that reached A and B may end them before this process saw its own: it is an
    // interruption, not a run that failed to reproduce the deadlock.
    interrupt::check("waiting for processes A and B")?;
    let states = [0, 1].map(|who| shared.state(who).load(Ordering::SeqCst));

    let outcome = match args.fix {
        None => report_deadlock(&states, &order_names, args.timeout, &names),
        Some(fix) => report_fix(fix, &states, &shared),
    };
    for guard in [guard1, guard2] {
        let what = guard.what().to_string();
        guard.run_now()?;
        println!("{}", text_with("core.removed", &[&what]));
    }
    println!("{}", text("shm-errors.deadlock.clean"));
    outcome
}

fn report_deadlock(
    states: &[u32; 2],
    order_names: &[[&str; 2]; 2],
    timeout: Duration,
    names: &[ipc_core::ObjectName; 2],
) -> Result<()> {
    if states != &[TIMED_OUT, TIMED_OUT] {
        return Err(not_reproduced(
            "deadlock",
            &text("shm-errors.deadlock.nr.expected"),
            &text_with("shm-errors.deadlock.nr.states", &[&format!("{states:?}")]),
        ));
    }
    let secs = format!("{:.1}", timeout.as_secs_f64());
    for (who, [held, wanted]) in NAMES.iter().zip(order_names) {
        println!(
            "{}",
            text_with("shm-errors.deadlock.stuck", &[who, held, wanted, &secs])
        );
    }
    Pitfall {
        scenario: text("shm-errors.deadlock.scenario"),
        call: format!(
            "A: sem_timedwait({}, {secs} s); B: sem_timedwait({}, {secs} s)",
            names[1], names[0]
        ),
        outcome: Outcome::Errno(Errno::ETIMEDOUT),
        why: text("shm-errors.deadlock.why"),
        fix: text("shm-errors.deadlock.fix"),
    }
    .print();
    Ok(())
}

fn report_fix(fix: Fix, states: &[u32; 2], shared: &Shared<'_>) -> Result<()> {
    for (who, name) in NAMES.iter().enumerate() {
        println!(
            "{}",
            text_with(
                "shm-errors.deadlock.rounds",
                &[
                    name,
                    &shared.rounds(who).load(Ordering::SeqCst),
                    &shared.backoffs(who).load(Ordering::SeqCst)
                ]
            )
        );
    }
    if states != &[DONE, DONE] {
        return Err(IpcError::refused(
            "deadlock --fix",
            text_with(
                "shm-errors.deadlock.not-finished",
                &[&format!("{states:?}")],
            ),
        ));
    }
    let key = match fix {
        Fix::Order => "shm-errors.deadlock.fixed-order",
        Fix::Trylock => "shm-errors.deadlock.fixed-trylock",
    };
    println!("{}", text_with(key, &[&ROUNDS]));
    Ok(())
}
