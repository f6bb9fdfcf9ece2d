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
use ipc_support::message::{read_c_string, write_c_string};
use ipc_support::process::{ChildEnd, fork_child};
use ipc_support::{Cleanup, Context, IpcError, ObjectName, call};
use ipc_sys::mman::mmap;
use nix::fcntl::OFlag;
use nix::sys::mman::{MapFlags, ProtFlags, shm_open};
use nix::sys::stat::Mode;
use nix::unistd::ftruncate;

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

const PROT: ProtFlags = ProtFlags::PROT_READ.union(ProtFlags::PROT_WRITE);

fn b_side(name: &ObjectName, size: usize) -> ipc_support::Result<()> {
    // B opens the object by its name, as an unrelated process would, and maps it.
    let fd = shm_open(name.as_str(), OFlag::O_RDWR, Mode::empty())
        .context(|| call!("shm_open", name, OFlag::O_RDWR))?;
    let shared = mmap(size, PROT, MapFlags::MAP_SHARED, &fd, 0)
        .context(|| call!("mmap", size, PROT, MapFlags::MAP_SHARED))?;
    let received = read_c_string(&shared);
    println!("B received: {}", String::from_utf8_lossy(&received.bytes));
    write_c_string(&shared, format!("ack {}", received.bytes.len()).as_bytes())
}

fn run(args: Args) -> ipc_support::Result<()> {
    let name = match args.name {
        Some(name) => name,
        None => ObjectName::parse_shm(&ipc_support::unique::unique_name("ex02"))
            .map_err(|why| IpcError::refused("--name", why))?,
    };
    // O_EXCL: a new object, never somebody else's.
    let flags = OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_RDWR;
    let mode = Mode::S_IRUSR | Mode::S_IWUSR;
    let fd =
        shm_open(name.as_str(), flags, mode).context(|| call!("shm_open", name, flags, mode))?;
    let _unlink = Cleanup::shm(&name);
    // A new object has size 0: touching its mapping would raise SIGBUS until ftruncate.
    let size = nix::libc::off_t::try_from(args.size)
        .map_err(|_| IpcError::refused("--size", "too large for ftruncate"))?;
    ftruncate(&fd, size).context(|| call!("ftruncate", name, size))?;
    let shared = mmap(args.size, PROT, MapFlags::MAP_SHARED, &fd, 0)
        .context(|| call!("mmap", args.size, PROT, MapFlags::MAP_SHARED))?;
    write_c_string(&shared, args.message.as_bytes())?;

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
        String::from_utf8_lossy(&read_c_string(&shared).bytes)
    );
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_support::run("ex02", || run(args))
}
