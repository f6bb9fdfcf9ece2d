//! sysv-reader: the reader of the lesson's System V pair (section 3).

use std::process::ExitCode;

use clap::Parser;
use ipc_support::key::KeyArgs;
use ipc_support::message::{no_nul_warning, printable, read_c_string};
use ipc_support::owner::{Owner, key_hint, removal_hint};
use ipc_support::sysvipc::SysvKind;
use ipc_support::{Context, Hint, IpcError, Result, call};
use ipc_sys::ipc::IpcFlags;
use ipc_sys::shm::{ShmatFlags, ShmctlCmd, ShmidDs, shmat, shmctl, shmdt, shmget};
use ipc_text::t;
use nix::errno::Errno;
use nix::sys::stat::Mode;

mod stat;

#[derive(Parser, Debug)]
#[command(name = "sysv-reader", version)]
struct Args {
    #[command(flatten)]
    key: KeyArgs,
    #[arg(long)]
    keep: bool,
    #[arg(long)]
    stat: bool,
    #[arg(long)]
    maps: bool,
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
}

fn main() -> ExitCode {
    let args: Args = ipc_support::cli::parse_args("sysv-reader");
    args.lang.apply();
    ipc_support::run("sysv-reader", || read(&args))
}

fn read(args: &Args) -> Result<()> {
    let key = args.key.resolve()?;
    // shmget(key, 0, 0): the writer's segment, which must exist already.
    let shmid = shmget(key, 0, IpcFlags::empty(), Mode::empty())
        .context(|| call!("shmget", format!("key {key}")))
        .hint_on(Errno::ENOENT, || t!("sysv-reader-no-segment"))
        .hint_on(Errno::EACCES, || key_hint(SysvKind::SharedMemory, key))?;
    if args.stat {
        let mut ds = ShmidDs::default();
        shmctl(shmid, ShmctlCmd::IPC_STAT(&mut ds))
            .context(|| call!("shmctl", shmid, "IPC_STAT"))
            .hint_on(Errno::EACCES, || key_hint(SysvKind::SharedMemory, key))?;
        print!("{}", stat::describe(shmid, &ds));
    }
    let shm = shmat(shmid, ShmatFlags::SHM_RDONLY)
        .context(|| call!("shmat", shmid, "NULL", ShmatFlags::SHM_RDONLY))
        .hint_on(Errno::EACCES, || key_hint(SysvKind::SharedMemory, key))?;
    if args.maps {
        print!(
            "{}",
            ipc_support::maps::report(shm.addr(), shm.len(), "shmat")?
        );
    }
    let found = read_c_string(&shm);
    let size = shm.len();
    shmdt(shm).context(|| "shmdt".to_string())?;
    if found.bytes.is_empty() && found.terminated {
        // Found between the writer's shmget and its write: the message is still to come.
        return Err(IpcError::refused(
            t!("sysv-reader-what", shmid = shmid, key = key),
            t!("faults-shm-no-text"),
        )
        .hint(t!(
            "faults-shm-no-text-hint",
            command = format!("ipcrm -m {shmid}")
        )));
    }
    println!("Data read from memory: {}", printable(&found));
    if !found.terminated {
        ipc_support::warn(&format!("sysv-reader: {}", no_nul_warning(size)));
    }
    let what = t!("sysv-reader-what", shmid = shmid, key = key);
    // Removed only once it was read: a reader that fails leaves the writer's data in place.
    if args.keep {
        let how = format!("ipcrm -m {shmid}");
        println!("{}", t!("core-kept", what = what, command = how));
    } else {
        shmctl(shmid, ShmctlCmd::IPC_RMID)
            .context(|| call!("shmctl", shmid, "IPC_RMID"))
            .hint_on(Errno::EPERM, || {
                let owner = Owner::of_id(SysvKind::SharedMemory, shmid);
                removal_hint(&what, owner)
            })?;
        println!("{}", t!("core-removed", what = what));
    }
    Ok(())
}

#[cfg(test)]
ipc_support::every_option_has_its_help!(Args);
