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
use ipc_support::ObjectName;

#[derive(Parser)]
struct Args {
    /// Name of the shared-memory object.
    #[arg(long, value_parser = ObjectName::parse_shm)]
    name: Option<ObjectName>,
    /// What A sends to B.
    #[arg(long, default_value = "hello from A")]
    message: String,
    /// Size of the object in bytes.
    #[arg(long, default_value_t = 4096, value_parser = ipc_support::args::parse_size)]
    size: usize,
}

fn run(args: Args) -> ipc_support::Result<()> {
    // TODO: pick the name (`args.name`, or ipc_support::unique::unique_name("ex02")).
    // TODO: shm_open(name, O_CREAT|O_EXCL|O_RDWR, 0600) creates the object
    //       (nix::sys::mman::shm_open, with nix::fcntl::OFlag and nix::sys::stat::Mode);
    //       guard its shm_unlink at once (ipc_support::Cleanup::shm).
    // TODO: ftruncate(fd, size) gives it `args.size` bytes (nix::unistd::ftruncate), then
    //       mmap(NULL, size, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0) maps it
    //       (ipc_sys::mman::mmap, with nix::sys::mman::{ProtFlags, MapFlags}).
    // TODO: write the message (ipc_support::message::write_c_string), fork B; B calls
    //       shm_open(name, O_RDWR) BY NAME and mmap itself, prints `B received: ...` and
    //       writes `ack N`; A waits for B and prints `A received: ...`.
    todo!(
        "ex02: send {:?} from A to B through the POSIX object {} of {} bytes (see the TODOs, or `ipc-lab hint ex02`)",
        args.message,
        args.name.as_ref().map_or("(a unique name)", |n| n.as_str()),
        args.size
    )
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_support::run("ex02", || run(args))
}
