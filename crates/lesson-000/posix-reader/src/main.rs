//! posix-reader: the reader of the lesson's POSIX pair (section 4).

use std::process::ExitCode;

use clap::Parser;
use ipc_support::message::{no_nul_warning, printable, read_c_string};
use ipc_support::name::default_shm_name;
use ipc_support::{Context, Hint, IpcError, ObjectName, Result, call, hints, shm};
use ipc_sys::mman::{mmap, munmap};
use ipc_text::t;
use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::mman::{MapFlags, ProtFlags, shm_open, shm_unlink};
use nix::sys::stat::{Mode, fstat};

#[derive(Parser, Debug)]
#[command(name = "posix-reader", version)]
struct Args {
    #[arg(long, default_value_t = default_shm_name(), value_parser = ObjectName::parse_shm)]
    name: ObjectName,
    #[arg(long)]
    keep: bool,
    #[arg(long)]
    maps: bool,
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
}

fn main() -> ExitCode {
    let args: Args = ipc_support::cli::parse_args("posix-reader");
    args.lang.apply();
    ipc_support::run("posix-reader", || read(&args))
}

fn read(args: &Args) -> Result<()> {
    let name = &args.name;
    // O_NONBLOCK: a FIFO someone made in /dev/shm under this name would block an O_RDONLY
    // open until a writer came; with it the open returns, and the check below refuses it.
    let flags = OFlag::O_RDONLY | OFlag::O_NONBLOCK;
    let fd = shm_open(name.as_str(), flags, Mode::empty())
        .context(|| call!("shm_open", name, flags))
        .hint_on(Errno::ENOENT, || t!("posix-reader-no-object"))
        .hints(hints::shm_open(name))?;
    // The writer gave the object its size; the reader only asks for it.
    let stat = fstat(&fd).context(|| call!("fstat", name))?;
    shm::refuse_unless_regular(name, &stat)?;
    let size = stat.st_size;
    if size == 0 {
        return Err(
            IpcError::refused(call!("fstat", name), t!("posix-reader-empty"))
                .hint(t!("posix-reader-empty-hint")),
        );
    }
    let len = usize::try_from(size).map_err(|_| {
        IpcError::refused(
            call!("fstat", name),
            t!("posix-reader-too-large", size = size),
        )
    })?;
    let map = mmap(len, ProtFlags::PROT_READ, MapFlags::MAP_SHARED, &fd, 0)
        .context(|| call!("mmap", len, ProtFlags::PROT_READ, MapFlags::MAP_SHARED))?;
    if args.maps {
        print!("{}", ipc_support::maps::report(map.addr(), len, "mmap")?);
    }
    let found = read_c_string(&map);
    if map.vanished() {
        // Another process shrank the object while it was read: what came out may be cut.
        let now = fstat(&fd).map_or(0, |s| s.st_size);
        return Err(IpcError::refused(
            name.to_string(),
            t!("faults-shm-shrank", from = len, to = now),
        ));
    }
    munmap(map).context(|| call!("munmap", len))?;
    drop(fd);
    if found.bytes.is_empty() && found.terminated {
        // Found between the writer's ftruncate and its write: the message is still to come.
        return Err(
            IpcError::refused(name.to_string(), t!("faults-shm-no-text")).hint(t!(
                "faults-shm-no-text-hint",
                command = format!("rm {}", name.fs_path())
            )),
        );
    }
    println!("Read data: {}", printable(&found));
    if !found.terminated {
        ipc_support::warn(&format!("posix-reader: {}", no_nul_warning(len)));
    }
    let what = format!("{name} ({})", name.fs_path());
    if args.keep {
        let how = format!("rm {}", name.fs_path());
        println!("{}", t!("core-kept", what = what, command = how));
    } else {
        // The name goes now; the memory once nobody maps it any more.
        shm_unlink(name.as_str())
            .context(|| call!("shm_unlink", name))
            .hints(hints::unlink(name))?;
        println!("{}", t!("core-removed", what = what));
    }
    Ok(())
}

#[cfg(test)]
ipc_support::every_option_has_its_help!(Args);
