//! ipc-lab: the front door of the course. Each subcommand lives in its own module.

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

mod autograder;
mod clean;
mod hint;
mod limits;
mod list;
mod ls;
mod tour;
mod trace;

#[derive(Parser)]
#[command(name = "ipc-lab", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    // `ipc-lab --lang vi SUBCOMMAND` as well as `ipc-lab SUBCOMMAND --lang vi`.
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
}

#[derive(Subcommand)]
enum Command {
    Tour(tour::Args),
    Ls(ls::Args),
    Clean(clean::Args),
    Limits(limits::Args),
    Grade(ipc_grade::Args),
    Trace(trace::Args),
    Hint(hint::Args),
    List(list::Args),
    Autograder(autograder::Args),
}

/// The name a usage error starts with and whose `--help` it points to: `ipc-lab clean` when
/// the subcommand is known, so the pointer leads to the options that were wrong.
fn usage_name(first: Option<std::ffi::OsString>) -> String {
    let first = first.and_then(|a| a.into_string().ok());
    match first.filter(|a| Cli::command().find_subcommand(a).is_some()) {
        Some(sub) => format!("ipc-lab {sub}"),
        None => "ipc-lab".to_string(),
    }
}

fn main() -> ExitCode {
    // The grader runs each submission under a supervisor that is this same binary.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == ipc_sandbox::SUPERVISOR_ARG)
    {
        return ipc_sandbox::supervisor_main();
    }
    let cli: Cli = ipc_support::cli::parse_args(&usage_name(std::env::args_os().nth(1)));
    cli.lang.apply();
    ipc_support::run("ipc-lab", || match cli.command {
        Command::Tour(args) => tour::run(args),
        Command::Ls(args) => ls::run(args),
        Command::Clean(args) => clean::run(args),
        Command::Limits(args) => limits::run(args),
        Command::Grade(args) => ipc_grade::run(args),
        Command::Hint(args) => hint::run(args),
        Command::Trace(args) => trace::run(args),
        Command::List(args) => list::run(args),
        Command::Autograder(args) => autograder::run(args),
    })
}

#[cfg(test)]
ipc_support::every_option_has_its_help!(Cli);
