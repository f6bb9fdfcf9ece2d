//! Exercise 3 — message-queue priorities.
//!
//! Contract (checked by `ipc-lab grade ex03`):
//! - `ex03 [--name /NAME] [--priorities P1,P2,...]` (defaults: a unique name, 1,5,3,9,2).
//! - A creates the POSIX queue `/NAME` (`mq_open` with O_CREAT|O_EXCL, 0600, at most 10
//!   messages of 128 bytes), sends message I (counting from 1) as the text `message I` with
//!   priority `PI`, for every priority given, then forks B.
//! - B receives every message and prints one line per message, in the order received:
//!   `priority P: message I` — highest priority first, equal priorities in the order sent.
//! - A waits for B, unlinks the queue (also when something fails) and exits 0.
//! - More than 10 priorities, or a priority above 32767, is refused: one line on stderr,
//!   exit status 1, and no queue is left.

use clap::Parser;
use ipc_core::process::{ChildEnd, fork_child};
use ipc_core::{IpcError, MessageQueue, ObjectName, QueueOptions, mq};

const MAX_MESSAGES: usize = 10;
const MESSAGE_SIZE: usize = 128;
const MAX_PRIORITY: u32 = 32767;

#[derive(Parser)]
struct Args {
    /// Name of the queue (with its leading '/').
    #[arg(long, value_parser = ObjectName::parse_mq)]
    name: Option<ObjectName>,
    /// The priority of each message, in the order A sends them.
    #[arg(long, value_delimiter = ',', default_value = "1,5,3,9,2")]
    priorities: Vec<u32>,
}

fn b_side(queue: &MessageQueue, count: usize) -> ipc_core::Result<()> {
    let mut buf = [0u8; MESSAGE_SIZE];
    for _ in 0..count {
        let (len, priority) = queue.receive(&mut buf)?;
        println!(
            "priority {priority}: {}",
            String::from_utf8_lossy(&buf[..len])
        );
    }
    Ok(())
}

fn run(args: Args) -> ipc_core::Result<()> {
    let count = args.priorities.len();
    if count == 0 || count > MAX_MESSAGES {
        return Err(IpcError::refused(
            "--priorities",
            format!(
                "give 1 to {MAX_MESSAGES} priorities (the queue holds {MAX_MESSAGES} messages)"
            ),
        ));
    }
    if let Some(p) = args.priorities.iter().find(|&&p| p > MAX_PRIORITY) {
        return Err(IpcError::refused(
            format!("priority {p}"),
            format!("priorities go from 0 to {MAX_PRIORITY}"),
        ));
    }
    let name = match args.name {
        Some(name) => name,
        None => ObjectName::parse_mq(&format!("/{}", ipc_core::unique::unique_name("ex03")))
            .map_err(|why| IpcError::refused("--name", why))?,
    };
    let queue = MessageQueue::open(
        &name,
        QueueOptions {
            exclusive: true,
            ..QueueOptions::create(0o600, MAX_MESSAGES as i64, MESSAGE_SIZE as i64)
        },
    )?;
    let _unlink = mq::unlink_on_drop(&name);
    for (i, &priority) in args.priorities.iter().enumerate() {
        queue.send(format!("message {}", i + 1).as_bytes(), priority)?;
    }
    let child = fork_child(|| match b_side(&queue, count) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("ex03 (B): {e}");
            1
        }
    })?;
    match child.wait()? {
        ChildEnd::Exited(0) => Ok(()),
        end => Err(IpcError::refused("child B", format!("{end}"))),
    }
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_core::run("ex03", || run(args))
}
