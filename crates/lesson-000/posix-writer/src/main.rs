//! posix-writer: the writer of the lesson's POSIX pair (section 4).

use std::process::ExitCode;

use clap::Parser;
use ipc_core::args::{parse_mode, parse_size, warn_if_world_writable};
use ipc_core::text::{text, text_with};
use ipc_core::{Access, Cleanup, ObjectName, PosixShm, Result, ShmOptions};
use nix::errno::Errno;

/// Write a message into a POSIX shared-memory object and leave it there for posix-reader.
///
/// shm_open creates the object (a file in /dev/shm), ftruncate gives it its size (a new
/// object has none), mmap(MAP_SHARED) maps it, the text goes at offset 0 with its NUL,
/// then munmap and close. The object outlives this program until shm_unlink.
#[derive(Parser, Debug)]
#[command(name = "posix-writer", version)]
struct Args {
    /// Name of the object; Linux keeps it as /dev/shm/NAME
    #[arg(long, default_value = "tho_mmap", value_parser = ObjectName::parse_shm)]
    name: ObjectName,
    /// Size of the object in bytes, set with ftruncate (k and m suffixes allowed)
    #[arg(long, default_value = "100", value_parser = parse_size, allow_hyphen_values = true)]
    size: usize,
    /// The text to write; without it, one line is read from stdin
    #[arg(long, allow_hyphen_values = true)]
    message: Option<String>,
    /// Permission bits of a new object, in octal; the umask still applies (0666 lets every user write it)
    #[arg(long, default_value = "0600", value_parser = parse_mode)]
    mode: u32,
    /// Fail with EEXIST if the object exists already (O_EXCL)
    #[arg(long)]
    exclusive: bool,
    /// Cut an existing object to 0 bytes first, wiping its old contents (O_TRUNC)
    #[arg(long)]
    truncate: bool,
    #[command(flatten)]
    lang: ipc_core::cli::LangArg,
}

fn main() -> ExitCode {
    let args: Args = ipc_core::cli::parse_args("posix-writer");
    args.lang.apply();
    ipc_core::run("posix-writer", || write(&args))
}

fn write(args: &Args) -> Result<()> {
    warn_if_world_writable("posix-writer", args.mode);
    let message = ipc_core::message::message_or_stdin_line(args.message.clone())?;
    ipc_core::check_fits(&message, args.size)?;
    let (shm, created) = open_or_create(args)?;
    // Until the text is written, an object this run created is removed on any failure.
    let guard = created.then(|| Cleanup::shm(&args.name));
    describe(args, &shm, created)?;
    shm.set_size(args.size as u64)?;
    let mapping = shm.map(args.size, Access::ReadWrite)?;
    mapping.write_c_string(&message)?;
    drop(mapping);
    drop(shm);
    println!(
        "{}",
        text_with("shm.wrote", &[&(message.len() + 1), &message.len()])
    );
    if let Some(guard) = guard {
        guard.keep();
    }
    let reader = if args.name.bare() == "tho_mmap" {
        "cargo run -p posix-reader".to_string()
    } else {
        format!("cargo run -p posix-reader -- --name {}", args.name.bare())
    };
    println!(
        "{}",
        text_with("posix-writer.left", &[&reader, &args.name.fs_path()])
    );
    Ok(())
}

/// `shm_open` with O_EXCL first, so we know whether the object is new (ours to remove if
/// anything fails); without `--exclusive`, an existing object is then opened as it is.
fn open_or_create(args: &Args) -> Result<(PosixShm, bool)> {
    let create = ShmOptions {
        exclusive: true,
        ..ShmOptions::create(args.mode)
    };
    match PosixShm::open(&args.name, create) {
        Ok(shm) => Ok((shm, true)),
        Err(e) if e.errno() == Some(Errno::EEXIST) && !args.exclusive => {
            let existing = ShmOptions {
                truncate: args.truncate,
                ..ShmOptions::create(args.mode)
            };
            Ok((PosixShm::open(&args.name, existing)?, false))
        }
        Err(e) => Err(e),
    }
}

/// Where the object lives, its mode, and what the umask or an older object changed.
fn describe(args: &Args, shm: &PosixShm, created: bool) -> Result<()> {
    let mode = shm.mode()?;
    let origin = match (created, args.truncate) {
        (true, _) => text("posix-writer.created"),
        (false, true) => text("posix-writer.truncated"),
        (false, false) => text("posix-writer.existing"),
    };
    let path = args.name.fs_path();
    println!(
        "{}",
        text_with(
            "posix-writer.object",
            &[
                &args.name,
                &origin,
                &path,
                &args.size,
                &format!("0{mode:o}")
            ]
        )
    );
    if created && mode != args.mode {
        let removed = args.mode & !mode;
        println!(
            "{}",
            text_with(
                "posix-writer.umask",
                &[
                    &format!("0{:o}", args.mode),
                    &format!("0{mode:o}"),
                    &format!("0{removed:03o}")
                ]
            )
        );
    }
    Ok(())
}
