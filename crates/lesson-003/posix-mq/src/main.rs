//! posix-mq: the everyday tool for a POSIX message queue, one subcommand per call of the API.

use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use ipc_support::ObjectName;
use ipc_support::args::parse_mode;
use ipc_support::time::parse_seconds;
use nix::sys::stat::Mode;

mod commands;

#[derive(Parser)]
#[command(name = "posix-mq", version)]
struct Cli {
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Create(CreateArgs),
    Send(SendArgs),
    Receive(ReceiveArgs),
    Attr(NameArg),
    Unlink(NameArg),
}

#[derive(Args)]
struct NameArg {
    #[arg(value_parser = ObjectName::parse_mq)]
    name: ObjectName,
}

#[derive(Args)]
struct CreateArgs {
    #[command(flatten)]
    queue: NameArg,
    #[arg(long, value_parser = clap::value_parser!(i64).range(1..))]
    max_msgs: Option<i64>,
    #[arg(long, value_parser = clap::value_parser!(i64).range(1..))]
    msg_size: Option<i64>,
    #[arg(long)]
    exclusive: bool,
    #[arg(long, default_value = "600", value_parser = parse_mode)]
    mode: Mode,
}

#[derive(Args, Clone, Copy)]
pub struct WaitArgs {
    #[arg(long, conflicts_with = "timeout")]
    nonblock: bool,
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    timeout: Option<Duration>,
}

#[derive(Args)]
struct SendArgs {
    #[command(flatten)]
    queue: NameArg,
    #[arg(value_parser = clap::value_parser!(std::ffi::OsString))]
    text: std::ffi::OsString,
    #[arg(long, short, default_value = "0", value_parser = clap::value_parser!(u32).range(0..32768))]
    priority: u32,
    #[command(flatten)]
    wait: WaitArgs,
}

#[derive(Args)]
struct ReceiveArgs {
    #[command(flatten)]
    queue: NameArg,
    #[command(flatten)]
    wait: WaitArgs,
}

fn main() -> ExitCode {
    let cli: Cli = ipc_support::cli::parse_args("posix-mq");
    cli.lang.apply();
    ipc_support::run("posix-mq", || match cli.command {
        Command::Create(a) => commands::create(
            &a.queue.name,
            commands::CreateRequest {
                max_msgs: a.max_msgs,
                msg_size: a.msg_size,
                exclusive: a.exclusive,
                mode: a.mode,
            },
        ),
        Command::Send(a) => commands::send(
            &a.queue.name,
            std::os::unix::ffi::OsStrExt::as_bytes(a.text.as_os_str()),
            a.priority,
            a.wait,
        ),
        Command::Receive(a) => commands::receive(&a.queue.name, a.wait),
        Command::Attr(a) => commands::attr(&a.name),
        Command::Unlink(a) => commands::unlink(&a.name),
    })
}

#[cfg(test)]
ipc_support::every_option_has_its_help!(Cli);
