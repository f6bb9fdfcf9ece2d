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
    #[arg(long, default_value_t = 4096, value_parser = ipc_support::args::parse_size)]
    size: usize,
}

fn run(args: Args) -> ipc_support::Result<()> {
    // TODO: shmget(IPC_PRIVATE, args.size, 0600) makes the segment
    //       (ipc_sys::shm::shmget(ipc_sys::ipc::SysvKey::PRIVATE, size, IpcFlags::empty(),
    //       Mode::S_IRUSR | Mode::S_IWUSR)); guard its shmctl(IPC_RMID) at once
    //       (ipc_support::Cleanup::sysv_shm(shmid)).
    // TODO: shmat(shmid, NULL, 0) attaches it (ipc_sys::shm::shmat(shmid, ShmatFlags::empty()));
    //       write the message as a C string (ipc_support::message::write_c_string).
    // TODO: fork B (ipc_support::process::fork_child). B reads the message
    //       (ipc_support::message::read_c_string), prints `B received: ...`, writes `ack N`.
    // TODO: A waits for B (Child::wait), then prints `A received: ...`.
    // Attach each call's error line with .context(|| ipc_support::call!("shmget", ...)).
    todo!(
        "ex01: send {:?} from A to B through a System V segment of {} bytes (see the TODOs, or `ipc-lab hint ex01`)",
        args.message,
        args.size
    )
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_support::run("ex01", || run(args))
}
