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

use clap::Parser;
use ipc_core::process::{ChildEnd, fork_child};
use ipc_core::{Access, Cleanup, IpcError, SysvSegment};

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
    let segment = SysvSegment::create_private(args.size, 0o600)?;
    let _remove = Cleanup::sysv_shm(segment);
    let shared = segment.attach(Access::ReadWrite)?;
    shared.write_c_string(args.message.as_bytes())?;

    let child = fork_child(|| {
        let received = shared.read_c_string();
        println!("B received: {}", String::from_utf8_lossy(&received.bytes));
        let reply = format!("ack {}", received.bytes.len());
        match shared.write_c_string(reply.as_bytes()) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("ex01 (B): {e}");
                1
            }
        }
    })?;
    match child.wait()? {
        ChildEnd::Exited(0) => {}
        end => return Err(IpcError::refused("child B", format!("{end}"))),
    }
    println!(
        "A received: {}",
        String::from_utf8_lossy(&shared.read_c_string().bytes)
    );
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_core::run("ex01", || run(args))
}
