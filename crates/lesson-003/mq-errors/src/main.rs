//! mq-errors: each message-queue pitfall of the lesson, reproduced for real and explained.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ipc_support::cli::{LangArg, parse_args};

mod demos;
mod report;

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
    EagainFull,
    EagainEmpty,
    Emsgsize,
    Enoent,
    Ebadf,
    Limits,
    All,
}

fn main() -> ExitCode {
    let cli: Cli = parse_args("mq-errors");
    cli.lang.apply();
    ipc_support::run("mq-errors", || demos::run(cli.pitfall))
}

#[cfg(test)]
ipc_support::every_option_has_its_help!(Cli);
