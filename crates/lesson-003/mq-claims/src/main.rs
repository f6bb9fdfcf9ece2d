//! mq-claims: what lesson 003 says of message queues, measured on this machine. Each
//! subcommand makes its own small queues (removed at the end), shows what the kernel did,
//! and exits 0 only when that agrees with the lesson.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ipc_support::cli::{LangArg, parse_args};
use ipc_support::unique::unique_name;
use ipc_support::{Cleanup, Context, Hint, ObjectName, Result, call, hints};
use ipc_sys::mqueue::OwnedMqd;
use nix::mqueue::{MQ_OFlag, MqAttr, mq_open};

mod blocking;
mod boundaries;
mod producers;

#[derive(Parser)]
#[command(name = "mq-claims", version)]
struct Cli {
    #[command(flatten)]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Boundaries,
    BlockSend,
    BlockReceive,
    Producers(producers::Args),
}

fn main() -> ExitCode {
    let cli: Cli = parse_args("mq-claims");
    cli.lang.apply();
    ipc_support::run("mq-claims", || match cli.command {
        Command::Boundaries => boundaries::run(),
        Command::BlockSend => blocking::send(),
        Command::BlockReceive => blocking::receive(),
        Command::Producers(args) => producers::run(&args),
    })
}

/// A new queue of `max_msgs` messages of `msg_size` bytes on a name no other run uses,
/// opened for both directions, and the guard that unlinks it.
pub fn new_queue(
    max_msgs: i64,
    msg_size: i64,
    extra: MQ_OFlag,
) -> Result<(ObjectName, OwnedMqd, Cleanup)> {
    let name = ObjectName::parse_mq(&format!("/{}", unique_name("mq-claims")))
        .expect("generated names are valid");
    let flags = MQ_OFlag::O_RDWR | MQ_OFlag::O_CREAT | MQ_OFlag::O_EXCL | extra;
    let mode = ipc_support::args::PRIVATE_MODE;
    let attr = MqAttr::new(0, max_msgs, msg_size, 0);
    let queue = mq_open(name.as_str(), flags, mode, Some(&attr))
        .map(OwnedMqd::from)
        .context(|| call!("mq_open", name, flags, mode, attr))
        .hints(hints::mq_open(&name, true))?;
    let guard = Cleanup::mq(&name);
    Ok((name, queue, guard))
}

#[cfg(test)]
ipc_support::every_option_has_its_help!(Cli);
