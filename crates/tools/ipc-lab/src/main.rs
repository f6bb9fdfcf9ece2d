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

/// Learn Linux IPC by running it: a guided tour of the lessons, tools to see and clean the
/// IPC objects on this machine, and the grader of the exercises.
#[derive(Parser)]
#[command(name = "ipc-lab", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the lesson programs in the course's order, explaining each step.
    Tour(tour::Args),
    /// List every System V and POSIX IPC object on this machine.
    Ls(ls::Args),
    /// Remove the IPC objects you select (nothing else).
    Clean(clean::Args),
    /// Show the kernel limits that shape the lessons.
    Limits(limits::Args),
    /// Grade the exercises (yours, or the reference solutions).
    Grade(ipc_grade::Args),
    /// Run a program and show the IPC calls it (and its children) make, explained.
    Trace(trace::Args),
    /// Show a hint for one exercise.
    Hint(hint::Args),
    /// List the exercises and whether each is done.
    List(list::Args),
    /// Write an autograder for a grading platform (Gradescope).
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
