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
    Demo(DemoArgs),
    Send(SendArgs),
    Receive(ReceiveArgs),
    Stat(KeyOnly),
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
    #[arg(long, default_value = "Hello, Message Queue!")]
    message: String,
}

#[derive(Args)]
struct SendArgs {
    #[command(flatten)]
    key: KeyArgs,
    #[arg(long = "type", short = 't', default_value = "1", value_parser = clap::value_parser!(i64).range(1..))]
    mtype: i64,
    #[arg(value_parser = clap::value_parser!(OsString))]
    text: OsString,
    #[arg(long)]
    nowait: bool,
    #[arg(long, default_value = "600", value_parser = parse_mode)]
    mode: Mode,
}

#[derive(Args)]
struct ReceiveArgs {
    #[command(flatten)]
    key: KeyArgs,
    #[arg(
        long = "type",
        short = 't',
        default_value = "0",
        allow_negative_numbers = true
    )]
    mtype: i64,
    #[arg(long)]
    nowait: bool,
    #[arg(long)]
    no_error: bool,
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

#[cfg(test)]
ipc_support::every_option_has_its_help!(Cli);
