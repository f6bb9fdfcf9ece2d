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

/// POSIX named semaphores: the two classic sem_open errors, and a toolbox for one semaphore.
///
/// A named semaphore is a counter the kernel keeps for several processes (wait takes one,
/// post gives one back, waiting blocks at 0). Linux shows each as /dev/shm/sem.NAME, and it
/// stays there until unlinked. `enoent` and `eexist` reproduce sem_open's two classic errors.
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
    /// 2.6 sem_open without O_CREAT on a name that does not exist: ENOENT.
    Enoent,
    /// 2.6 sem_open with O_CREAT|O_EXCL on a name that exists: EEXIST.
    Eexist,
    /// sem_wait on a semaphore at 0: a child sleeps (State: S) until the parent's sem_post wakes it.
    Blocked,
    /// Create (or open) a named semaphore and leave it for other commands.
    Create {
        /// Semaphore name, e.g. demo_sem (stored as /dev/shm/sem.demo_sem).
        #[arg(value_parser = ObjectName::parse_sem)]
        name: ObjectName,
        /// Initial value (used only when the semaphore is created).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(0..=i32::MAX as i64))]
        value: u32,
        /// Fail with EEXIST if it already exists (O_EXCL).
        #[arg(long)]
        exclusive: bool,
        /// Permission bits in octal.
        #[arg(long, default_value = "600", value_parser = ipc_support::args::parse_mode)]
        mode: Mode,
    },
    /// sem_post: add one, waking a waiter.
    Post {
        #[arg(value_parser = ObjectName::parse_sem)]
        name: ObjectName,
    },
    /// sem_wait: take one, blocking while the value is 0 (Ctrl-C stops waiting).
    Wait {
        #[arg(value_parser = ObjectName::parse_sem)]
        name: ObjectName,
        /// Give up after this many seconds (sem_timedwait: ETIMEDOUT).
        #[arg(long, value_parser = ipc_support::time::parse_seconds)]
        timeout: Option<Duration>,
    },
    /// sem_trywait: take one if the value is above 0, else fail at once with EAGAIN.
    Trywait {
        #[arg(value_parser = ObjectName::parse_sem)]
        name: ObjectName,
    },
    /// sem_getvalue: print the current value.
    Value {
        #[arg(value_parser = ObjectName::parse_sem)]
        name: ObjectName,
    },
    /// sem_unlink: remove the name (processes that have it open keep using it).
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
            println!("== {} ==", ipc_text::text("sem-demos.enoent.title"));
            errors::enoent()
        }
        Command::Eexist => {
            println!("== {} ==", ipc_text::text("sem-demos.eexist.title"));
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
