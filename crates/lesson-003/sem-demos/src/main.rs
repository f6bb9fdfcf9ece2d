//! sem-demos: the two sem_open errors of the lesson, and a toolbox to drive one named
//! semaphore from several terminals.

use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use ipc_support::ObjectName;
use ipc_support::cli::{LangArg, parse_args};
use nix::sys::stat::Mode;

mod blocked;
mod errors;
mod toolbox;

#[derive(Parser)]
#[command(name = "sem-demos", version)]
struct Cli {
    #[command(flatten)]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Enoent,
    Eexist,
    Blocked,
    /// Create (or open) a named semaphore and leave it for other commands.
    Create {
        #[arg(value_parser = ObjectName::parse_sem)]
        name: ObjectName,
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(0..=i32::MAX as i64))]
        value: u32,
        #[arg(long)]
        exclusive: bool,
        #[arg(long, default_value = "600", value_parser = ipc_support::args::parse_mode)]
        mode: Mode,
    },
    Post {
        #[arg(value_parser = ObjectName::parse_sem)]
        name: ObjectName,
    },
    Wait {
        #[arg(value_parser = ObjectName::parse_sem)]
        name: ObjectName,
        #[arg(long, value_parser = ipc_support::time::parse_seconds)]
        timeout: Option<Duration>,
    },
    Trywait {
        #[arg(value_parser = ObjectName::parse_sem)]
        name: ObjectName,
    },
    Value {
        #[arg(value_parser = ObjectName::parse_sem)]
        name: ObjectName,
    },
    Unlink {
        #[arg(value_parser = ObjectName::parse_sem)]
        name: ObjectName,
    },
}

fn main() -> ExitCode {
    let cli: Cli = parse_args("sem-demos");
    cli.lang.apply();
    ipc_support::run("sem-demos", || match cli.command {
        Command::Enoent => {
            println!("== {} ==", ipc_text::t!("sem-demos-enoent-title"));
            errors::enoent()
        }
        Command::Eexist => {
            println!("== {} ==", ipc_text::t!("sem-demos-eexist-title"));
            errors::eexist()
        }
        Command::Blocked => blocked::run(),
        Command::Create {
            name,
            value,
            exclusive,
            mode,
        } => toolbox::create(&name, value, exclusive, mode),
        Command::Post { name } => toolbox::post(&name),
        Command::Wait { name, timeout } => toolbox::wait(&name, timeout),
        Command::Trywait { name } => toolbox::trywait(&name),
        Command::Value { name } => toolbox::value(&name),
        Command::Unlink { name } => toolbox::unlink(&name),
    })
}

#[cfg(test)]
ipc_support::every_option_has_its_help!(Cli);
