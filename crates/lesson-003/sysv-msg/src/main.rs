//! sysv-msg: the lesson's System V message-queue sample, and a small tool around msgget,
//! msgsnd, msgrcv and msgctl.

use std::ffi::OsString;
use std::os::unix::ffi::OsStrExt;
use std::process::ExitCode;

use clap::parser::ValueSource;
use clap::{Args, Parser, Subcommand};
use ipc_support::args::parse_mode;
use ipc_support::key::{KeyArgs, LESSON_MSG_KEY};
use ipc_sys::ipc::SysvKey;
use ipc_sys::msg::MsgFlags;
use nix::sys::stat::Mode;

mod commands;

/// System V message queues: send and receive typed messages, show and remove a queue.
///
/// A queue found by a numeric key holds messages that each carry
/// a type (a number > 0); msgrcv can ask for a given type, for any, or for the lowest types
/// first. The queue outlives its processes until msgctl(IPC_RMID) (`sysv-msg rm`).
///
/// Every subcommand finds the queue by `--key 0x1234`, or by `--path FILE --proj-id N`
/// through ftok, as every System V program of the course.
#[derive(Parser)]
#[command(name = "sysv-msg", version)]
struct Cli {
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The lesson's sample: msgget, msgsnd type 1, msgrcv type 1, msgctl(IPC_RMID).
    /// Without --key or --path it uses the lesson's key 1234.
    Demo(DemoArgs),
    /// Send one message (msgsnd); creates the queue when it does not exist.
    Send(SendArgs),
    /// Receive one message (msgrcv) chosen by --type.
    Receive(ReceiveArgs),
    /// Show the queue's msqid_ds (msgctl IPC_STAT).
    Stat(KeyOnly),
    /// Remove the queue and its messages (msgctl IPC_RMID).
    Rm(KeyOnly),
}

#[derive(Args)]
struct KeyOnly {
    #[command(flatten)]
    key: KeyArgs,
}

#[derive(Args)]
struct DemoArgs {
    #[command(flatten)]
    key: KeyArgs,
    /// The text to send and receive back
    #[arg(long, default_value = "Hello, Message Queue!")]
    message: String,
}

#[derive(Args)]
struct SendArgs {
    #[command(flatten)]
    key: KeyArgs,
    /// Message type, a number greater than 0
    #[arg(long = "type", short = 't', default_value = "1", value_parser = clap::value_parser!(i64).range(1..))]
    mtype: i64,
    /// The message text (sent as its bytes, UTF-8 or not)
    #[arg(value_parser = clap::value_parser!(OsString))]
    text: OsString,
    /// Do not wait when the queue is full: fail with EAGAIN (IPC_NOWAIT)
    #[arg(long)]
    nowait: bool,
    /// Permission bits when the queue is created, in octal
    #[arg(long, default_value = "600", value_parser = parse_mode)]
    mode: Mode,
}

#[derive(Args)]
struct ReceiveArgs {
    #[command(flatten)]
    key: KeyArgs,
    /// Which message: N > 0 the first of type N; 0 the first of any type;
    /// N < 0 the first of the lowest type that is at most |N|
    #[arg(
        long = "type",
        short = 't',
        default_value = "0",
        allow_negative_numbers = true
    )]
    mtype: i64,
    /// Do not wait when no message matches: fail with ENOMSG (IPC_NOWAIT)
    #[arg(long)]
    nowait: bool,
    /// Cut a message longer than --max-bytes instead of failing with E2BIG (MSG_NOERROR)
    #[arg(long)]
    no_error: bool,
    /// Size of the receive buffer in bytes (default: the kernel's msgmax)
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=(1 << 24)))]
    max_bytes: Option<u32>,
}

/// The key `demo` uses: the lesson's, unless --key or --path was given.
fn demo_key(matches: &clap::ArgMatches, key: &KeyArgs) -> ipc_support::Result<SysvKey> {
    let demo = matches.subcommand_matches("demo");
    let path_given = demo.and_then(|m| m.value_source("path")) == Some(ValueSource::CommandLine);
    if key.key.is_none() && !path_given {
        return Ok(LESSON_MSG_KEY);
    }
    key.resolve()
}

/// msgrcv's flags from `--nowait` and `--no-error`.
fn receive_flags(nowait: bool, no_error: bool) -> MsgFlags {
    let mut flags = MsgFlags::empty();
    flags.set(MsgFlags::IPC_NOWAIT, nowait);
    flags.set(MsgFlags::MSG_NOERROR, no_error);
    flags
}

fn main() -> ExitCode {
    let (cli, matches): (Cli, _) = ipc_support::cli::parse_args_and_matches("sysv-msg");
    cli.lang.apply();
    ipc_support::run("sysv-msg", || match cli.command {
        Command::Demo(a) => commands::demo(demo_key(&matches, &a.key)?, &a.message),
        Command::Send(a) => commands::send(
            a.key.resolve()?,
            a.mtype,
            a.text.as_os_str().as_bytes(),
            if a.nowait {
                MsgFlags::IPC_NOWAIT
            } else {
                MsgFlags::empty()
            },
            a.mode,
        ),
        Command::Receive(a) => commands::receive(
            a.key.resolve()?,
            a.mtype,
            receive_flags(a.nowait, a.no_error),
            a.max_bytes
                .map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        ),
        Command::Stat(a) => commands::stat(a.key.resolve()?),
        Command::Rm(a) => commands::rm(a.key.resolve()?),
    })
}
