//! The comparison table of 003: "Đồng bộ hóa: Phải tự quản lý (shared memory) | Hệ điều hành
//! tự quản lý (message queue)". K producers send M messages each into one queue, with no
//! lock of their own; the consumer receives exactly K·M, none lost, none twice, each
//! producer's in the order sent. Beside them, the same K processes add 1 to one counter in
//! shared memory, also with no lock: updates are lost (2.4).

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use ipc_support::interrupt;
use ipc_support::pitfall::not_reproduced;
use ipc_support::process::{Child, ChildEnd, coordination_page, fork_child};
use ipc_support::time::realtime_deadline;
use ipc_support::{Context, IpcError, Result, call};
use ipc_text::t;
use nix::mqueue::{MQ_OFlag, mq_send, mq_timedreceive};

use crate::new_queue;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(2..=16))]
    producers: u32,
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    messages: u32,
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1000..=10_000_000))]
    increments: u64,
}

/// A message: the producer's number and the message's number, 4 bytes each.
const MSG: usize = 8;
/// How long the consumer waits for one message before giving up on a producer.
const PATIENCE: Duration = Duration::from_secs(10);
/// Counter runs that lose nothing are retried with ten times the increments, this often.
const ATTEMPTS: u32 = 3;

/// What the consumer found.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    received: u64,
    /// A (producer, number) seen before.
    twice: u64,
    /// A producer's message that came before one it sent earlier.
    out_of_order: u64,
}

fn queue_round(k: u32, m: u32) -> Result<Tally> {
    // Small on purpose: producers block while the queue is full, and the kernel decides.
    let max = ipc_support::mq::kernel_limits()
        .map(|l| i64::try_from(l.msg_max).unwrap_or(10))
        .unwrap_or(10)
        .clamp(1, 10);
    let (name, queue, _unlink) =
        new_queue(max, i64::try_from(MSG).unwrap_or(8), MQ_OFlag::empty())?;
    let mut producers: Vec<Child> = Vec::new();
    for p in 0..k {
        let queue = &queue;
        producers.push(fork_child(|| {
            for n in 0..m {
                let mut msg = [0u8; MSG];
                msg[..4].copy_from_slice(&p.to_le_bytes());
                msg[4..].copy_from_slice(&n.to_le_bytes());
                if mq_send(queue, &msg, 0).is_err() {
                    return 1;
                }
            }
            0
        })?);
    }
    // next[p]: the number producer p's next message must carry.
    let mut next = vec![0u32; usize::try_from(k).unwrap_or(0)];
    let mut tally = Tally::default();
    let total = u64::from(k) * u64::from(m);
    let mut buf = [0u8; MSG];
    while tally.received < total {
        interrupt::check("receiving")?;
        let mut priority = 0;
        let n = mq_timedreceive(
            &queue,
            &mut buf,
            &mut priority,
            &realtime_deadline(PATIENCE),
        )
        .context(|| call!("mq_timedreceive", name, MSG))?;
        if n != MSG {
            return Err(IpcError::refused(
                "mq_timedreceive",
                t!("mq-claims-producers-bad-message"),
            ));
        }
        let [a, b, c, d, e, f, g, h] = buf;
        let p = usize::try_from(u32::from_le_bytes([a, b, c, d])).unwrap_or(usize::MAX);
        let seq = u32::from_le_bytes([e, f, g, h]);
        let Some(expected) = next.get_mut(p) else {
            return Err(IpcError::refused(
                "mq_timedreceive",
                t!("mq-claims-producers-bad-message"),
            ));
        };
        tally.received += 1;
        match seq.cmp(expected) {
            std::cmp::Ordering::Equal => *expected += 1,
            std::cmp::Ordering::Less => tally.twice += 1,
            std::cmp::Ordering::Greater => {
                tally.out_of_order += 1;
                *expected = seq + 1;
            }
        }
    }
    for child in producers {
        let pid = child.pid();
        match child.wait_interruptibly("waiting for the producers", Some(PATIENCE))? {
            ChildEnd::Exited(0) => {}
            end => {
                return Err(IpcError::refused(
                    format!("producer {pid}"),
                    t!("mq-claims-child-failed", end = end),
                ));
            }
        }
    }
    Ok(tally)
}

ipc_sys::shareable! {
    /// The counter the processes share, and the flags that start them together.
    #[repr(C)]
    struct CounterPage {
        counter: AtomicU64,
        ready: AtomicU32,
        go: AtomicU32,
    }
}

/// `counter = counter + 1` as C compiles it: a load, then a store, no lock.
fn bump(counter: &AtomicU64) {
    let v = counter.load(Ordering::Relaxed);
    counter.store(v + 1, Ordering::Relaxed);
}

/// K processes add `n` each to one shared counter, started together; the final count.
fn counter_round(k: u32, n: u64) -> Result<u64> {
    let map = coordination_page()?;
    let page: &CounterPage = map.place(0).context(|| "the counter's page".to_string())?;
    let mut children = Vec::new();
    for _ in 0..k {
        children.push(fork_child(|| {
            page.ready.fetch_add(1, Ordering::SeqCst);
            let start = Instant::now();
            while page.go.load(Ordering::SeqCst) == 0 {
                if start.elapsed() > PATIENCE {
                    return 1;
                }
                std::thread::yield_now();
            }
            for _ in 0..n {
                bump(&page.counter);
            }
            0
        })?);
    }
    let start = Instant::now();
    while page.ready.load(Ordering::SeqCst) < k && start.elapsed() < PATIENCE {
        std::thread::sleep(Duration::from_micros(500));
    }
    page.go.store(1, Ordering::SeqCst);
    for child in children {
        let pid = child.pid();
        match child.wait_interruptibly("waiting for the counting processes", Some(PATIENCE))? {
            ChildEnd::Exited(0) => {}
            end => {
                return Err(IpcError::refused(
                    format!("process {pid}"),
                    t!("mq-claims-child-failed", end = end),
                ));
            }
        }
    }
    Ok(page.counter.load(Ordering::SeqCst))
}

pub fn run(args: &Args) -> Result<()> {
    interrupt::install()?;
    let (k, m) = (args.producers, args.messages);
    let total = u64::from(k) * u64::from(m);
    let tally = queue_round(k, m)?;
    println!(
        "{}",
        t!(
            "mq-claims-producers-queue",
            producers = k,
            messages = m,
            received = tally.received,
            total = total,
            twice = tally.twice,
            out_of_order = tally.out_of_order
        )
    );
    let mut n = args.increments;
    let mut lost = 0;
    for attempt in 1..=ATTEMPTS {
        let expected = u64::from(k) * n;
        let got = counter_round(k, n)?;
        lost = expected.saturating_sub(got);
        println!(
            "{}",
            t!(
                "mq-claims-producers-counter",
                processes = k,
                increments = n,
                counted = got,
                expected = expected,
                lost = lost
            )
        );
        if lost > 0 || attempt == ATTEMPTS {
            break;
        }
        println!("{}", t!("mq-claims-producers-none-lost"));
        n = (n * 10).min(10_000_000);
    }
    let queue_exact = tally
        == Tally {
            received: total,
            twice: 0,
            out_of_order: 0,
        };
    if queue_exact && lost > 0 {
        println!("{}", t!("mq-claims-producers-done"));
        return Ok(());
    }
    Err(not_reproduced(
        "producers",
        &t!("mq-claims-producers-expected", total = total),
        &t!(
            "mq-claims-producers-got",
            received = tally.received,
            lost = lost
        ),
    ))
}
