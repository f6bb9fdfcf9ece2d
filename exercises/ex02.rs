//! Exercise 2 — parent and child talk through POSIX shared memory.
//!
//! Contract (checked by `ipc-lab grade ex02`):
//! - `ex02 [--name NAME] [--message TEXT] [--size BYTES]` (defaults: a unique name,
//!   "hello from A", 4096).
//! - A creates the object `NAME` with `shm_open(O_CREAT|O_EXCL|O_RDWR, 0600)`, gives it
//!   `--size` bytes with `ftruncate`, maps it, writes the message as a C string, forks B.
//! - B opens the object by its name, maps it, prints `B received: TEXT` and writes the
//!   reply `ack N` (N = the message's length in bytes); A prints `A received: ack N`. Exit 0.
//! - No sleeping to synchronise: A waits for B to exit.
//! - A message that does not fit is refused: one line on stderr, exit status 1.
//! - The object is unlinked at the end (`/dev/shm/NAME` is gone), also when something fails.
//!
//! Edit this file until `ipc-lab grade ex02` gives full marks (or `rustlings` moves on).

use clap::Parser;
use ipc_core::ObjectName;

#[derive(Parser)]
struct Args {
    /// Name of the shared-memory object.
    #[arg(long, value_parser = ObjectName::parse_shm)]
    name: Option<ObjectName>,
    /// What A sends to B.
    #[arg(long, default_value = "hello from A")]
    message: String,
    /// Size of the object in bytes.
    #[arg(long, default_value_t = 4096, value_parser = ipc_core::args::parse_size)]
    size: usize,
}

fn run(args: Args) -> ipc_core::Result<()> {
    // TODO: pick the name (`args.name`, or ipc_core::unique::unique_name("ex02")).
    // TODO: create the object with O_CREAT|O_EXCL (ipc_core::PosixShm::open), guard its unlink
    //       (ipc_core::Cleanup::shm), give it `args.size` bytes (set_size) and map it.
    // TODO: write the message, fork B; B opens the object BY NAME, maps it, prints
    //       `B received: ...` and writes `ack N`; A waits for B and prints `A received: ...`.
    todo!(
        "ex02: send {:?} from A to B through the POSIX object {} of {} bytes (see the TODOs, or `ipc-lab hint ex02`)",
        args.message,
        args.name.as_ref().map_or("(a unique name)", |n| n.as_str()),
        args.size
    )
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_core::run("ex02", || run(args))
}
