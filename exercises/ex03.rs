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
//!
//! Edit this file until `ipc-lab grade ex03` gives full marks (or `rustlings` moves on).

use clap::Parser;
use ipc_support::ObjectName;

#[derive(Parser)]
struct Args {
    /// Name of the queue (with its leading '/').
    #[arg(long, value_parser = ObjectName::parse_mq)]
    name: Option<ObjectName>,
    /// The priority of each message, in the order A sends them.
    #[arg(long, value_delimiter = ',', default_value = "1,5,3,9,2")]
    priorities: Vec<u32>,
}

fn run(args: Args) -> ipc_support::Result<()> {
    // TODO: refuse more than 10 priorities or a priority above 32767.
    // TODO: mq_open(name, O_CREAT|O_EXCL|O_RDWR, 0600, {mq_maxmsg 10, mq_msgsize 128})
    //       creates the queue (nix::mqueue::mq_open with MQ_OFlag and MqAttr::new(0, 10, 128, 0));
    //       guard its mq_unlink at once (ipc_support::Cleanup::mq).
    // TODO: mq_send(queue, `message I`, PI) for each priority (nix::mqueue::mq_send), then fork B.
    // TODO: B calls mq_receive into a 128-byte buffer for each message and prints
    //       `priority P: message I`; A waits for B, then mq_close.
    todo!(
        "ex03: send {} messages with priorities {:?} through the queue {} (see the TODOs, or `ipc-lab hint ex03`)",
        args.priorities.len(),
        args.priorities,
        args.name.as_ref().map_or("(a unique name)", |n| n.as_str())
    )
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_support::run("ex03", || run(args))
}
