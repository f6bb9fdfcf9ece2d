//! mmap-kinds: the four kinds of memory mapping of the lesson (section 4), each shown with a
//! parent and a child process.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

mod kinds;

#[derive(Parser, Debug)]
#[command(name = "mmap-kinds", version)]
struct Args {
    #[arg(long, default_value_os_t = std::env::temp_dir())]
    dir: PathBuf,
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
}

fn main() -> ExitCode {
    let args: Args = ipc_support::cli::parse_args("mmap-kinds");
    args.lang.apply();
    ipc_support::run("mmap-kinds", || kinds::show_all(&args.dir))
}

#[cfg(test)]
ipc_support::every_option_has_its_help!(Args);
