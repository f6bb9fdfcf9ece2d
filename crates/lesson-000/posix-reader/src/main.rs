//! posix-reader: the reader of the lesson's POSIX pair (section 4).

use std::process::ExitCode;

use clap::Parser;
use ipc_core::message::{no_nul_warning, printable};
use ipc_core::posix_shm::shm_unlink;
use ipc_core::text::{text, text_with};
use ipc_core::{Access, IpcError, ObjectName, PosixShm, Result, ShmOptions};
use nix::errno::Errno;

/// Read the message a writer left in a POSIX shared-memory object, then unlink it.
///
/// shm_open opens the object read-only, fstat tells its size (a reader never calls
/// ftruncate: that would change the writer's object), mmap(PROT_READ, MAP_SHARED) maps it,
/// the text is read up to its first NUL and never past the end; then munmap, close, shm_unlink.
#[derive(Parser, Debug)]
#[command(name = "posix-reader", version)]
struct Args {
    /// Name of the object, as the writer named it (Linux shows it as /dev/shm/NAME)
    #[arg(long, default_value = "tho_mmap", value_parser = ObjectName::parse_shm)]
    name: ObjectName,
    /// Leave the object in place (no shm_unlink), so it can be read again
    #[arg(long)]
    keep: bool,
    #[command(flatten)]
    lang: ipc_core::cli::LangArg,
}

fn main() -> ExitCode {
    let args: Args = ipc_core::cli::parse_args("posix-reader");
    args.lang.apply();
    ipc_core::run("posix-reader", || read(&args))
}

fn read(args: &Args) -> Result<()> {
    let name = &args.name;
    let shm = PosixShm::open(name, ShmOptions::read_only())
        .map_err(|e| e.hint_if(Errno::ENOENT, text("posix-reader.no-object")))?;
    let size = shm.size()?;
    if size == 0 {
        return Err(
            IpcError::refused(format!("fstat({name})"), text("posix-reader.empty"))
                .hint(text("posix-reader.empty.hint")),
        );
    }
    let len = usize::try_from(size).map_err(|_| {
        IpcError::refused(
            format!("fstat({name})"),
            text_with("posix-reader.too-large", &[&size]),
        )
    })?;
    let mapping = shm.map(len, Access::ReadOnly)?;
    let found = mapping.read_c_string();
    drop(mapping);
    drop(shm);
    println!("Read data: {}", printable(&found));
    if !found.terminated {
        eprintln!("posix-reader: {}", no_nul_warning(len));
    }
    let what = format!("{name} ({})", name.fs_path());
    if args.keep {
        let how = format!("rm {}", name.fs_path());
        println!("{}", text_with("core.kept", &[&what, &how]));
    } else {
        shm_unlink(name)?;
        println!("{}", text_with("core.removed", &[&what]));
    }
    Ok(())
}
