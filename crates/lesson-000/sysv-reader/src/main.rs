//! sysv-reader: the reader of the lesson's System V pair (section 3).

use std::process::ExitCode;

use clap::Parser;
use ipc_core::message::{no_nul_warning, printable};
use ipc_core::text::{text, text_with};
use ipc_core::{Access, KeyArgs, Result, SysvSegment};
use nix::errno::Errno;

mod stat;

/// Read the message a writer left in a System V shared-memory segment, then remove it.
///
/// The key is the writer's: ftok(PATH, PROJ_ID) (./shmfile and 65, as the lesson) or --key.
/// shmat attaches the segment read-only (SHM_RDONLY), the text is read up to its first NUL
/// and never past the segment's end, shmdt detaches, and shmctl(IPC_RMID) removes it.
#[derive(Parser, Debug)]
#[command(name = "sysv-reader", version)]
struct Args {
    #[command(flatten)]
    key: KeyArgs,
    /// Leave the segment in place (no IPC_RMID), so it can be read again
    #[arg(long)]
    keep: bool,
    /// Print what shmctl(IPC_STAT) reports (the fields of shmid_ds) before reading
    #[arg(long)]
    stat: bool,
    #[command(flatten)]
    lang: ipc_core::cli::LangArg,
}

fn main() -> ExitCode {
    let args: Args = ipc_core::cli::parse_args("sysv-reader");
    args.lang.apply();
    ipc_core::run("sysv-reader", || read(&args))
}

fn read(args: &Args) -> Result<()> {
    let key = args.key.resolve()?;
    let segment = SysvSegment::open(key)
        .map_err(|e| e.hint_if(Errno::ENOENT, text("sysv-reader.no-segment")))?;
    if args.stat {
        print!("{}", stat::describe(segment.id(), &segment.stat()?));
    }
    let attachment = segment.attach(Access::ReadOnly)?;
    let found = attachment.read_c_string();
    let size = attachment.len();
    attachment.detach()?;
    println!("Data read from memory: {}", printable(&found));
    if !found.terminated {
        eprintln!("sysv-reader: {}", no_nul_warning(size));
    }
    let what = text_with("sysv-reader.what", &[&segment.id(), &key]);
    // Removed only once it was read: a reader that fails leaves the writer's data in place.
    if args.keep {
        let how = format!("ipcrm -m {}", segment.id());
        println!("{}", text_with("core.kept", &[&what, &how]));
    } else {
        segment.remove()?;
        println!("{}", text_with("core.removed", &[&what]));
    }
    Ok(())
}
