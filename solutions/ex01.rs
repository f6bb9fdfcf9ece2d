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
use ipc_support::message::{read_c_string, write_c_string};
use ipc_support::process::{ChildEnd, fork_child};
use ipc_support::{Cleanup, Context, IpcError, call};
use ipc_sys::ipc::{IpcFlags, SysvKey};
use ipc_sys::shm::{ShmatFlags, shmat, shmget};
use nix::sys::stat::Mode;

#[derive(Parser)]
struct Args {
    /// What A sends to B.
    #[arg(long, default_value = "hello from A")]
    message: String,
    /// Size of the segment in bytes.
    #[arg(long, default_value_t = 4096, value_parser = ipc_support::args::parse_size)]
    size: usize,
}

fn run(args: Args) -> ipc_support::Result<()> {
    // shmget(IPC_PRIVATE, size, 0600): a new segment that has no key, so only A and the
    // children it forks know its id.
    let mode = Mode::S_IRUSR | Mode::S_IWUSR;
    let shmid = shmget(SysvKey::PRIVATE, args.size, IpcFlags::empty(), mode).context(|| {
        call!(
            "shmget",
            "IPC_PRIVATE",
            args.size,
            (IpcFlags::empty(), mode)
        )
    })?;
    // shmctl(IPC_RMID) when this guard drops: on success, on error, on panic.
    let _remove = Cleanup::sysv_shm(shmid);
    // shmat(shmid, NULL, 0) before fork: B inherits the attachment.
    let shared = shmat(shmid, ShmatFlags::empty())
        .context(|| call!("shmat", shmid, "NULL", ShmatFlags::empty()))?;
    write_c_string(&shared, args.message.as_bytes())?;

    let child = fork_child(|| {
        let received = read_c_string(&shared);
        println!("B received: {}", String::from_utf8_lossy(&received.bytes));
        let reply = format!("ack {}", received.bytes.len());
        match write_c_string(&shared, reply.as_bytes()) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("ex01 (B): {e}");
                1
            }
        }
    })?;
    // No sleep: once B has exited, its reply is in the segment.
    match child.wait()? {
        ChildEnd::Exited(0) => {}
        end => return Err(IpcError::refused("child B", format!("{end}"))),
    }
    println!(
        "A received: {}",
        String::from_utf8_lossy(&read_c_string(&shared).bytes)
    );
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_support::run("ex01", || run(args))
}
