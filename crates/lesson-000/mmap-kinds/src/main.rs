//! mmap-kinds: the four kinds of memory mapping of the lesson (section 4), each shown with a
//! parent and a child process.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

mod kinds;

/// Show the four kinds of memory mapping: private or shared, anonymous or backed by a file.
///
/// For each kind a child process writes into the mapping, then the parent looks (at its own
/// mapping, or at the file). MAP_PRIVATE changes stay in the writer's copy-on-write pages;
/// MAP_SHARED changes are seen by the other process and reach the file.
#[derive(Parser, Debug)]
#[command(name = "mmap-kinds", version)]
struct Args {
    /// Directory for the small temporary file the file mappings use (removed at the end)
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
