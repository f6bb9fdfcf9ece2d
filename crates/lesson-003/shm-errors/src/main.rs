//! shm-errors: the mistakes the lesson warns about with shared memory, each one made for
//! real, shown, explained, and then fixed.

use std::process::ExitCode;
use std::time::Duration;

use std::os::fd::OwnedFd;

use clap::{Parser, Subcommand, ValueEnum};
use ipc_support::cli::{LangArg, parse_args};
use ipc_support::{Cleanup, Context, Hint, NameKind, ObjectName, call, hints};
use ipc_text::id;
use nix::fcntl::OFlag;
use nix::sys::mman::shm_open;
use nix::sys::stat::Mode;

mod dangling;
mod deadlock;
mod eacces;
mod race;
mod sigbus;
mod torn;

#[derive(Parser)]
#[command(name = "shm-errors", version)]
struct Cli {
    #[command(flatten)]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Sigbus,
    EaccesOpen,
    EaccesMmap,
    Race(race::Args),
    Torn(torn::Args),
    Deadlock(deadlock::Args),
    Dangling,
}

/// Which lock protects the counter in `race`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lock {
    None,
    Semaphore,
    Mutex,
}

/// How `deadlock` avoids the deadlock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Fix {
    /// Every process takes the semaphores in one global order.
    Order,
    /// The second semaphore is only tried; on failure the first is released and the process backs off.
    Trylock,
}

/// Parses `--timeout` for the deadlock detector.
pub fn parse_timeout(raw: &str) -> Result<Duration, String> {
    ipc_support::time::parse_seconds(raw)
}

fn main() -> ExitCode {
    let cli: Cli = parse_args("shm-errors");
    cli.lang.apply();
    // The lesson's number and title of the pitfall first, as mq-errors does.
    let title = match &cli.command {
        Command::Sigbus => id!("shm-errors-sigbus-title"),
        Command::EaccesOpen => id!("shm-errors-eacces-open-title"),
        Command::EaccesMmap => id!("shm-errors-eacces-mmap-title"),
        Command::Race(_) => id!("shm-errors-race-title"),
        Command::Torn(_) => id!("shm-errors-torn-title"),
        Command::Deadlock(_) => id!("shm-errors-deadlock-title"),
        Command::Dangling => id!("shm-errors-dangling-title"),
    };
    ipc_support::run("shm-errors", || {
        // Inside run: a stdout that cannot be written is one line, not a panic.
        println!("== {} ==", ipc_text::text(title));
        match cli.command {
            Command::Sigbus => sigbus::run(),
            Command::EaccesOpen => eacces::open(),
            Command::EaccesMmap => eacces::mmap(),
            Command::Race(args) => race::run(args),
            Command::Torn(args) => torn::run(args),
            Command::Deadlock(args) => deadlock::run(args),
            Command::Dangling => dangling::run(),
        }
    })
}

/// A fresh name for a demo object: the lesson's name plus pid and counter, so that runs in
/// parallel never meet.
pub fn demo_name(kind: NameKind, lesson_name: &str) -> ObjectName {
    ObjectName::new(kind, &ipc_support::unique::unique_name(lesson_name))
        .expect("generated names are valid")
}

/// `shm_open(name, access|O_CREAT|O_EXCL, mode)` on a fresh name (O_EXCL, so never someone
/// else's object), and the guard that unlinks it.
pub fn fresh_shm(
    lesson_name: &str,
    access: OFlag,
    mode: Mode,
) -> ipc_support::Result<(ObjectName, OwnedFd, Cleanup)> {
    let name = demo_name(NameKind::SharedMemory, lesson_name);
    let flags = access | OFlag::O_CREAT | OFlag::O_EXCL;
    let fd = shm_open(name.as_str(), flags, mode)
        .context(|| call!("shm_open", name, flags, mode))
        .hints(hints::shm_open(&name))?;
    let guard = Cleanup::shm(&name);
    Ok((name, fd, guard))
}

#[cfg(test)]
ipc_support::every_option_has_its_help!(Cli);
