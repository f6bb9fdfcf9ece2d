//! posix-writer: the writer of the lesson's POSIX pair (section 4).

use std::os::fd::OwnedFd;
use std::process::ExitCode;

use clap::Parser;
use ipc_support::args::{parse_mode, parse_size, warn_if_world_writable};
use ipc_support::message::{check_fits, message_or_stdin_line, write_c_string};
use ipc_support::name::default_shm_name;
use ipc_support::{Cleanup, Context, Hint, IpcError, ObjectName, Result, call, hints, shm};
use ipc_sys::mman::{mmap, munmap};
use ipc_text::t;
use nix::errno::Errno;
use nix::fcntl::{OFlag, posix_fallocate};
use nix::sys::mman::{MapFlags, ProtFlags, shm_open};
use nix::sys::stat::{Mode, fstat};
use nix::unistd::ftruncate;

#[derive(Parser, Debug)]
#[command(name = "posix-writer", version)]
struct Args {
    #[arg(long, default_value_t = default_shm_name(), value_parser = ObjectName::parse_shm)]
    name: ObjectName,
    #[arg(long, default_value = "100", value_parser = parse_size, allow_hyphen_values = true)]
    size: usize,
    #[arg(long, allow_hyphen_values = true, value_parser = clap::value_parser!(std::ffi::OsString))]
    message: Option<std::ffi::OsString>,
    #[arg(long, default_value = "0600", value_parser = parse_mode)]
    mode: Mode,
    #[arg(long)]
    exclusive: bool,
    #[arg(long)]
    truncate: bool,
    #[arg(long)]
    maps: bool,
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
}

fn main() -> ExitCode {
    let args: Args = ipc_support::cli::parse_args("posix-writer");
    args.lang.apply();
    ipc_support::run("posix-writer", || write(&args))
}

fn write(args: &Args) -> Result<()> {
    let name = &args.name;
    warn_if_world_writable("posix-writer", args.mode);
    let message = message_or_stdin_line(args.message.clone())?;
    check_fits(&message, args.size)?;
    let (fd, created) = open_or_create(args)?;
    // Until the text is written, an object this run created is removed on any failure.
    let guard = created.then(|| Cleanup::shm(name));
    describe(args, &fd, created)?;

    // A new object has size 0: ftruncate gives it its size before anything is mapped.
    let size = nix::libc::off_t::try_from(args.size).map_err(|_| {
        IpcError::refused(
            call!("ftruncate", name, args.size),
            t!("core-size-too-large"),
        )
    })?;
    ftruncate(&fd, size).context(|| call!("ftruncate", name, size))?;
    // ftruncate only sets the size: tmpfs finds the pages when they are first touched, and
    // when it has none left that store dies of SIGBUS. Reserving them now turns a full
    // /dev/shm into ENOSPC here, while the object can still be removed.
    posix_fallocate(&fd, 0, size)
        .context(|| call!("posix_fallocate", name, 0, size))
        .hints(hints::posix_fallocate(args.size))?;
    let prot = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
    let map = mmap(args.size, prot, MapFlags::MAP_SHARED, &fd, 0)
        .context(|| call!("mmap", args.size, prot, MapFlags::MAP_SHARED))?;
    if args.maps {
        print!(
            "{}",
            ipc_support::maps::report(map.addr(), args.size, "mmap")?
        );
    }
    let written = write_c_string(&map, &message);
    if map.vanished() {
        let now = fstat(&fd).map_or(0, |s| s.st_size);
        return Err(IpcError::refused(
            name.to_string(),
            t!("faults-shm-shrank-writing", size = now),
        ));
    }
    written?;
    munmap(map).context(|| call!("munmap", args.size))?;
    // Removed while we wrote (a reader that came too early, or rm): nobody can read it now.
    if shm::unlinked(&fstat(&fd).context(|| call!("fstat", name))?) {
        // The name may already be someone else's new object: not ours to remove.
        if let Some(guard) = guard {
            guard.keep();
        }
        return Err(IpcError::refused(
            name.to_string(),
            t!("faults-shm-removed", call = "shm_unlink"),
        )
        .hint(t!("faults-shm-removed-hint")));
    }
    // close: the object stays, with the text in it, until someone calls shm_unlink.
    drop(fd);

    println!(
        "{}",
        t!(
            "shm-wrote",
            written = (message.len() + 1),
            length = message.len()
        )
    );
    if let Some(guard) = guard {
        guard.keep();
    }
    let reader = if *name == default_shm_name() {
        "cargo run -p posix-reader".to_string()
    } else {
        format!("cargo run -p posix-reader -- --name {}", name.bare())
    };
    println!(
        "{}",
        t!("posix-writer-left", command = reader, path = name.fs_path())
    );
    Ok(())
}

/// `shm_open` with O_EXCL first, so we know whether the object is new (ours to remove if
/// anything fails); without `--exclusive`, an existing object is then opened as it is.
fn open_or_create(args: &Args) -> Result<(OwnedFd, bool)> {
    let name = &args.name;
    let new = OFlag::O_RDWR | OFlag::O_CREAT | OFlag::O_EXCL;
    match shm_open(name.as_str(), new, args.mode) {
        Ok(fd) => Ok((fd, true)),
        Err(Errno::EEXIST) if !args.exclusive => {
            let mut existing = OFlag::O_RDWR | OFlag::O_CREAT;
            if args.truncate {
                existing |= OFlag::O_TRUNC;
            }
            let fd = shm_open(name.as_str(), existing, args.mode)
                .context(|| call!("shm_open", name, existing, args.mode))
                .hints(hints::shm_open(name))?;
            // Anyone may have put a FIFO or a directory there under this name.
            shm::refuse_unless_regular(name, &fstat(&fd).context(|| call!("fstat", name))?)?;
            Ok((fd, false))
        }
        Err(e) => Err(e)
            .context(|| call!("shm_open", name, new, args.mode))
            .hints(hints::shm_open(name)),
    }
}

/// Where the object lives, its mode (from fstat), and what the umask or an older object
/// changed.
fn describe(args: &Args, fd: &OwnedFd, created: bool) -> Result<()> {
    let mode = fstat(fd).context(|| call!("fstat", args.name))?.st_mode & 0o777;
    let origin = match (created, args.truncate) {
        (true, _) => t!("posix-writer-created"),
        (false, true) => t!("posix-writer-truncated"),
        (false, false) => t!("posix-writer-existing"),
    };
    let path = args.name.fs_path();
    println!(
        "{}",
        t!(
            "posix-writer-object",
            name = args.name,
            origin = origin,
            path = path,
            size = args.size,
            mode = format!("0{mode:o}")
        )
    );
    let asked = args.mode.bits();
    if created && mode != asked {
        let removed = asked & !mode;
        println!(
            "{}",
            t!(
                "posix-writer-umask",
                asked = format!("0{asked:o}"),
                got = format!("0{mode:o}"),
                removed = format!("0{removed:03o}")
            )
        );
    }
    Ok(())
}

#[cfg(test)]
ipc_support::every_option_has_its_help!(Args);
