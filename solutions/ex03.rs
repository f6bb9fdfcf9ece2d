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
use ipc_support::process::{ChildEnd, fork_child};
use ipc_support::{Cleanup, Context, IpcError, ObjectName, call};
use nix::mqueue::{MQ_OFlag, MqAttr, MqdT, mq_close, mq_open, mq_receive, mq_send};
use nix::sys::stat::Mode;

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

fn b_side(queue: &MqdT, name: &ObjectName, count: usize) -> ipc_support::Result<()> {
    // The buffer must hold mq_msgsize bytes, or mq_receive fails with EMSGSIZE.
    let mut buf = [0u8; MESSAGE_SIZE];
    for _ in 0..count {
        let mut priority = 0;
        let len = mq_receive(queue, &mut buf, &mut priority).context(|| {
            call!(
                "mq_receive",
                name,
                format!("buffer of {MESSAGE_SIZE} bytes")
            )
        })?;
        println!(
            "priority {priority}: {}",
            String::from_utf8_lossy(&buf[..len])
        );
    }
    Ok(())
}

fn run(args: Args) -> ipc_support::Result<()> {
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
        None => ObjectName::parse_mq(&format!("/{}", ipc_support::unique::unique_name("ex03")))
            .map_err(|why| IpcError::refused("--name", why))?,
    };
    // At most 10 messages of 128 bytes: struct mq_attr { mq_maxmsg, mq_msgsize }.
    let flags = MQ_OFlag::O_CREAT | MQ_OFlag::O_EXCL | MQ_OFlag::O_RDWR;
    let mode = Mode::S_IRUSR | Mode::S_IWUSR;
    let attr = MqAttr::new(0, 10, 128, 0);
    let queue = mq_open(name.as_str(), flags, mode, Some(&attr))
        .context(|| call!("mq_open", name, flags, mode, attr))?;
    let _unlink = Cleanup::mq(&name);
    for (i, &priority) in args.priorities.iter().enumerate() {
        let message = format!("message {}", i + 1);
        mq_send(&queue, message.as_bytes(), priority).context(|| {
            call!(
                "mq_send",
                name,
                format!("{} bytes", message.len()),
                format!("priority {priority}")
            )
        })?;
    }
    // B inherits the open descriptor; every message is in the queue before it receives.
    let child = fork_child(|| match b_side(&queue, &name, count) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("ex03 (B): {e}");
            1
        }
    })?;
    let end = child.wait()?;
    mq_close(queue).context(|| call!("mq_close", name))?;
    match end {
        ChildEnd::Exited(0) => Ok(()),
        end => Err(IpcError::refused("child B", format!("{end}"))),
    }
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_support::run("ex03", || run(args))
}
