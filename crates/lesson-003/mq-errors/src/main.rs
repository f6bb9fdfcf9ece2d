//! mq-errors: each message-queue pitfall of the lesson, reproduced for real and explained.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ipc_support::cli::{LangArg, parse_args};

mod demos;
mod report;

/// Reproduce the message-queue errors of the lesson on this machine, one at a time or all.
///
/// Each demo prints the scenario, the call that failed, the errno and its message, why Linux
/// does it, and the fix. It exits 0 when the error happened as the lesson says, 1 (saying
/// why) when this machine behaved otherwise. Every queue it makes is removed.
#[derive(Parser)]
#[command(name = "mq-errors", version)]
struct Cli {
    #[command(flatten)]
    lang: LangArg,
    #[command(subcommand)]
    pitfall: Pitfall,
}

#[derive(Subcommand, Clone, Copy, PartialEq, Eq)]
pub enum Pitfall {
    /// 1.1 mq_send on a full queue with O_NONBLOCK: EAGAIN
    EagainFull,
    /// 1.2 mq_receive on an empty queue with O_NONBLOCK: EAGAIN
    EagainEmpty,
    /// 1.3 a message longer than mq_msgsize, a buffer shorter than it: EMSGSIZE
    Emsgsize,
    /// 1.4 mq_open without O_CREAT of a queue that does not exist: ENOENT
    Enoent,
    /// 1.5 receive through a write-only descriptor, send through a read-only one: EBADF
    Ebadf,
    /// 1.6 beyond msg_max/msgsize_max (EINVAL), RLIMIT_MSGQUEUE (EMFILE), queues_max (ENOSPC)
    Limits,
    /// Every demo above, then a summary line
    All,
}

fn main() -> ExitCode {
    let cli: Cli = parse_args("mq-errors");
    cli.lang.apply();
    ipc_support::run("mq-errors", || demos::run(cli.pitfall))
}
