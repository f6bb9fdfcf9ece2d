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

use clap::Parser;
use ipc_core::process::{ChildEnd, fork_child};
use ipc_core::{Access, Cleanup, IpcError, ObjectName, PosixShm, ShmOptions};

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

fn b_side(name: &ObjectName, size: usize) -> ipc_core::Result<()> {
    let shm = PosixShm::open(
        name,
        ShmOptions {
            create: false,
            ..ShmOptions::create(0)
        },
    )?;
    let shared = shm.map(size, Access::ReadWrite)?;
    let received = shared.read_c_string();
    println!("B received: {}", String::from_utf8_lossy(&received.bytes));
    shared.write_c_string(format!("ack {}", received.bytes.len()).as_bytes())
}

fn run(args: Args) -> ipc_core::Result<()> {
    let name = match args.name {
        Some(name) => name,
        None => ObjectName::parse_shm(&ipc_core::unique::unique_name("ex02"))
            .map_err(|why| IpcError::refused("--name", why))?,
    };
    let shm = PosixShm::open(
        &name,
        ShmOptions {
            exclusive: true,
            ..ShmOptions::create(0o600)
        },
    )?;
    let _unlink = Cleanup::shm(&name);
    shm.set_size(args.size as u64)?;
    let shared = shm.map(args.size, Access::ReadWrite)?;
    shared.write_c_string(args.message.as_bytes())?;

    let child = fork_child(|| match b_side(&name, args.size) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("ex02 (B): {e}");
            1
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
    ipc_core::run("ex02", || run(args))
}
