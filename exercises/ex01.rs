//! Exercise 1 — parent and child talk through System V shared memory.
//!
//! Contract (checked by `ipc-lab grade ex01`):
//! - `ex01 [--message TEXT] [--size BYTES]` (defaults: "hello from A", 4096).
//! - A (the parent) creates a private segment (`shmget(IPC_PRIVATE, size)`), writes the
//!   message into it as a C string, and forks B.
//! - B prints `B received: TEXT` and writes the reply `ack N` (N = the message's length in
//!   bytes) into the same segment; A prints `A received: ack N`. Exit status 0.
//! - No sleeping to synchronise: A knows B is done because it waits for B to exit.
//! - A message that does not fit in `--size` bytes (with its NUL) is refused: one line on
//!   stderr, exit status 1.
//! - The segment is removed at the end, also when something fails.
//!
//! Edit this file until `ipc-lab grade ex01` gives full marks (or `rustlings` moves on).

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// What A sends to B.
    #[arg(long, default_value = "hello from A")]
    message: String,
    /// Size of the segment in bytes.
    #[arg(long, default_value_t = 4096, value_parser = ipc_core::args::parse_size)]
    size: usize,
}

fn run(args: Args) -> ipc_core::Result<()> {
    // TODO: create a private segment of `args.size` bytes (ipc_core::SysvSegment::create_private)
    //       and a guard that removes it (ipc_core::Cleanup::sysv_shm), attach it read-write.
    // TODO: write `args.message` into it (write_c_string), then fork B (ipc_core::process::fork_child).
    // TODO: in B: read the message, print `B received: ...`, write the reply `ack N`.
    // TODO: in A: wait for B, then print `A received: ...`.
    todo!(
        "ex01: send {:?} from A to B through a System V segment of {} bytes (see the TODOs, or `ipc-lab hint ex01`)",
        args.message,
        args.size
    )
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_core::run("ex01", || run(args))
}
